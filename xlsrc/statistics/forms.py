"""The statistical forms of the Ministry of Home Affairs' reporting regime on
thi đua – khen thưởng, as dated data: which regime (thông tư) was in force for
a year's report, each form's code, its rows (mã số) and its columns, and what
each row and column counts. Edit here when the regime changes; the counting
and the sheets follow.

Sources, and what could not be read (searched December 2026):
- Thông tư 18/2025/TT-BNV ngày 08/10/2025 ("Quy định Chế độ báo cáo thống kê
  ngành Nội vụ", người ký Phạm Thị Thanh Trà): only its attributes were found
  (luatvietnam.vn, page "thong-tu-18-2025-tt-bnv-cua-bo-noi-vu-quy-dinh-che-do-
  bao-cao-thong-ke-nganh-noi-vu-414360-d1"); its effective date and its
  appendix of forms were not readable there, and no other copy was found.
- Thông tư 02/2023/TT-BNV ngày 23/3/2023: in force from 10/5/2023 (lawnet.vn,
  "New regulations on reporting system for statistics of the Home Affairs
  sector in Vietnam"); forms in its Appendix II, list in Appendix I. The
  appendix itself was not found. The forms below — codes 0601.N/0602.N/
  0603.N/BNV-TĐKT, titles, rows with their mã số, columns, "ngày 15 tháng 12
  năm báo cáo" — follow how a published award management software reproduces
  them (github lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/
  TT022023/Mau0601-0603): a second-hand source. Where it is unclear this
  follows it as printed: 0602's rows jump from mã số 03 to 06 (04, 05 are not
  in the reproduction and are not invented here); its "Các hình thức khen
  thưởng khác" column is left out (the workbook's vocabulary has no other
  state form); "each form its own column" is one column per form and kind
  the vocabulary allows.
- Thông tư 03/2018/TT-BNV ngày 06/3/2018 (forms 0701.N-0703.N/BNV-TĐKT, in
  force from 23/4/2018, lawnet.vn): the regime before 10/5/2023; its forms as
  the same software reproduces them (resources/views/BaoCao/TongHop/
  Mau0701TT03-Mau0703TT03), second-hand as above.
Nothing here is marked verified: no form was compared with its original."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import schema as S

DUE = "ngày 15 tháng 12"   # "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo" (TT 02/2023, second-hand)
DUE_MONTH_DAY = (12, 15)
PERIOD = "Năm"


@dataclass(frozen=True)
class Line:
    """A row (or a column) of a form: its code, its label and what it selects.
    ``forms``: award forms counted (empty: any); ``key``/``values``: a field
    of the counted record and the values it must take; ``total_of``: the
    codes it sums (a total column); ``unit``: the row's đơn vị tính; ``head``:
    a column's headings from the top (merged over the columns that share them;
    ``label`` names the column in the trace). A row without a code only titles
    a section."""
    code: str
    label: str
    forms: tuple[str, ...] = ()
    key: str = ""
    values: tuple[str, ...] = ()
    total_of: tuple[str, ...] = ()
    indent: int = 0
    unit: str = ""
    head: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[str, ...]:
        return self.head or (self.label,)


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    unit_of_count: str     # "Phong trào", "Lượt khen"
    source: str            # the sheet it counts
    rows: tuple[Line, ...]
    columns: tuple[Line, ...]

    @property
    def coded_rows(self) -> tuple[Line, ...]:
        return tuple(r for r in self.rows if r.code)

    @property
    def has_units(self) -> bool:
        return any(r.unit for r in self.rows)


F = S.vocabulary("award_form")
_K = S.vocabulary("award_type").values
TOTAL = "Tổng số"


def _section(label: str) -> Line:
    return Line("", label)


def _by_kind(code: str, form: str, group: str = "", name: str = "", first: int = 1) -> tuple[Line, ...]:
    """One column per kind of recipient the form may go to (Tập thể, Cá
    nhân), under the form's name (and the group of forms above it)."""
    kinds = F.lookup(form).recipients or S.BOTH
    above = ((group,) if group else ()) + (name or form,)
    if len(kinds) == 1:
        return (Line(code if not group else f"{code}.{first}", f"{name or form} ({kinds[0].lower()})", forms=(form,),
                     key="recipient_kind", values=kinds, head=above),)
    return tuple(Line(f"{code}.{first + i}", f"{name or form} ({k.lower()})", forms=(form,), key="recipient_kind",
                      values=(k,), head=above + (k,)) for i, k in enumerate(kinds))


def _group(code: str, group: str, forms: list[str]) -> tuple[Line, ...]:
    """The columns of a group of forms (each form its own column, by kind),
    numbered code.1, code.2… in their order."""
    out: tuple[Line, ...] = ()
    for form in forms:
        out += _by_kind(code, form, group, first=len(out) + 1)
    return out


def _total(columns: tuple[Line, ...]) -> tuple[Line, ...]:
    return (Line("1", TOTAL, total_of=tuple(c.code for c in columns)),) + columns


# the rows that split awards by recipient and by loại hình (0602: mã số 06–21; 0603: 02–17)
def _recipient_rows(first: int, number: int) -> tuple[Line, ...]:
    """From mã số ``first``, under sections numbered from ``number``."""
    c = lambda n: f"{first + n:02d}"  # noqa: E731
    return (
        _section(f"{number}. Chia theo đối tượng khen thưởng"),
        Line(c(0), "- Tập thể", key="collective", values=("collective",), unit="Tập thể"),
        Line(c(1), "Trong đó: Doanh nghiệp", key="collective_type", values=("Doanh nghiệp",), unit="Doanh nghiệp",
             indent=1),
        Line(c(2), "- Hộ gia đình", key="collective_type", values=("Hộ gia đình",), unit="Hộ"),
        Line(c(3), "- Cá nhân", key="recipient_kind", values=(S.INDIVIDUAL,), unit="Người"),
        Line(c(4), "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", key="person_group",
             values=("Lãnh đạo cấp bộ, cấp tỉnh trở lên",), unit="Người", indent=1),
        Line(c(5), "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", key="person_group",
             values=("Lãnh đạo cấp vụ, sở, ngành",), unit="Người", indent=1),
        Line(c(6), "+ Doanh nhân", key="person_group", values=("Doanh nhân",), unit="Người", indent=1),
        Line(c(7), "+ Các cấp lãnh đạo khác từ phó phòng trở lên", key="person_group",
             values=("Lãnh đạo khác từ phó phòng trở lên",), unit="Người", indent=1),
        Line(c(8), "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông "
             "dân…)", key="person_group", values=("Người lao động trực tiếp",), unit="Người", indent=1),
        _section(f"{number + 1}. Chia theo phương thức khen thưởng"),
        *(Line(c(9 + i), "- " + ("Chuyên đề" if t == "Theo đợt hoặc chuyên đề" else t), key="award_type",
               values=(t,)) for i, t in enumerate(("Thường xuyên", "Theo đợt hoặc chuyên đề", "Đột xuất", "Đối ngoại",
                                                    "Cống hiến", "Niên hạn", "Kháng chiến"))),
    )


# 0601: movements by phạm vi, thời hạn (in months, see LENGTHS) and phương thức; columns by the level that launched
LENGTHS: tuple[tuple[str, int, int | None], ...] = (
    # (row label, from months, to months (excluded)); months = calendar months from the month of issue to the month
    # of the end, both counted (01/2026–12/2026: 12)
    ("- Dưới 1 năm", 0, 12), ("- 1 năm", 12, 13), ("- Từ 1 năm đến dưới 3 năm", 13, 36),
    ("- Từ 3 năm đến dưới 5 năm", 36, 60), ("- Từ 5 năm trở lên", 60, None))
_LEVELS = tuple(zip(S.vocabulary("movement_level").values, (
    "Cấp Trung ương (Hội đồng Thi đua – Khen thưởng Trung ương)",
    "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    "Cơ quan, tổ chức, đơn vị")))
_SCOPES = tuple(zip(S.vocabulary("movement_scope").values, (
    "Toàn quốc", "Bộ, ban, ngành, đoàn thể, địa phương",
    "Cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng các cấp tổ chức", "Cơ quan, tổ chức, đơn vị")))
F0601 = Form("0601.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA", "Phong trào", S.PLANS.name, rows=(
    Line("01", TOTAL),
    _section("1. Chia theo phạm vi tổ chức thi đua"),
    *(Line(f"{2 + i:02d}", "- " + label, key="movement_scope", values=(v,)) for i, (v, label) in enumerate(_SCOPES)),
    _section("2. Chia theo thời hạn thi đua"),
    *(Line(f"{6 + i:02d}", label, key="length", values=(label,)) for i, (label, _, _) in enumerate(LENGTHS)),
    _section("3. Chia theo phương thức tổ chức phong trào thi đua"),
    Line("11", "- Thi đua theo chuyên đề", key="movement_kind", values=("Theo đợt hoặc chuyên đề",)),
    Line("12", "- Thi đua thường xuyên hằng năm", key="movement_kind", values=("Thường xuyên",)),
), columns=_total(tuple(
    Line(str(2 + i), label, key="movement_level", values=(v,),
         head=("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", label))
    for i, (v, label) in enumerate(_LEVELS))))

_ORDERS = [f for f in F.values if f.startswith(("Huân chương", "Huy chương"))]
_HONOURS = [f for f in F.values if f.startswith("Danh hiệu Anh hùng")]
F0602 = Form("0602.N/BNV-TĐKT", "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", "Lượt khen", S.AWARDS.name, rows=(
    Line("01", TOTAL),
    _section("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"),
    Line("02", "- Bộ, ban, ngành, đoàn thể Trung ương", key="submitter", values=("central",), unit="Bộ, ngành"),
    Line("03", "- Tỉnh, thành phố trực thuộc Trung ương", key="submitter", values=("province",), unit="Tỉnh, TP"),
    *_recipient_rows(6, 2),
), columns=_total(
    _group("2", "Các loại huân chương, huy chương", _ORDERS)
    + _by_kind("3", "Giải thưởng Hồ Chí Minh") + _by_kind("4", "Giải thưởng Nhà nước")
    + _group("5", "Danh hiệu vinh dự nhà nước", _HONOURS)
    + _by_kind("6", "Cờ thi đua của Chính phủ") + _by_kind("7", "Bằng khen của Thủ tướng Chính phủ")
    + _by_kind("8", "Chiến sĩ thi đua toàn quốc")))

F0603 = Form("0603.N/BNV-TĐKT", "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ "
             "TRỰC THUỘC TRUNG ƯƠNG", "Lượt khen", S.AWARDS.name, rows=(
                 Line("01", TOTAL),
                 *_recipient_rows(2, 1),
             ), columns=_total(tuple(Line(str(2 + i), label, forms=(f,), head=("Chia ra", label)) for i, (f, label) in
                                     enumerate((
                                         ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Bằng khen"),
                                         ("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
                                          "Chiến sĩ thi đua cấp bộ, cấp tỉnh"),
                                         ("Cờ thi đua cấp bộ, ban, ngành, tỉnh",
                                          "Cờ thi đua của bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố "
                                          "trực thuộc Trung ương"),
                                         ("Kỷ niệm chương", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn "
                                          "thể trung ương, tỉnh, thành phố trực thuộc Trung ương"))))))

FORMS: tuple[Form, ...] = (F0601, F0602, F0603)

# Thông tư 03/2018/TT-BNV (reports of 2018–2022), as the same software reproduces it: 0701 has two levels and four
# lengths, 0702 one column per group of forms, 0703 the rows and columns of 0603.
F0701 = Form("0701.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA KHEN THƯỞNG", "Phong trào", S.PLANS.name, rows=(
    Line("01", TOTAL),
    _section("1. Chia theo phạm vi đối tượng thi đua"),
    Line("02", "- Toàn quốc", key="movement_scope", values=(_SCOPES[0][0],)),
    Line("03", "- Bộ, ban, ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương", key="movement_scope",
         values=(_SCOPES[1][0],)),
    _section("2. Chia theo thời hạn thi đua"),
    *(Line(f"{6 + i:02d}", label, key="length", values=(label,)) for i, (label, _, _) in enumerate(LENGTHS[:3])),
    Line("09", "- Từ 3 năm trở lên", key="length", values=tuple(label for label, _, _ in LENGTHS[3:])),
    _section("3. Chia theo phương thức tổ chức phong trào thi đua"),
    Line("10", "- Thi đua theo chuyên đề", key="movement_kind", values=("Theo đợt hoặc chuyên đề",)),
    Line("11", "- Thi đua thường xuyên hằng năm", key="movement_kind", values=("Thường xuyên",)),
), columns=_total(tuple(c for c in F0601.columns[1:3])))
F0702 = Form("0702.N/BNV-TĐKT", F0602.title, "Lượt khen", S.AWARDS.name, rows=F0602.rows, columns=_total(tuple(
    Line(code, label, forms=tuple(forms), head=("Chia ra", label)) for code, label, forms in (
        ("2", "Các loại huân chương, huy chương", _ORDERS),
        ("3", "Giải thưởng Hồ Chí Minh", ["Giải thưởng Hồ Chí Minh"]),
        ("4", "Giải thưởng Nhà nước", ["Giải thưởng Nhà nước"]), ("5", "Danh hiệu vinh dự nhà nước", _HONOURS),
        ("6", "Cờ thi đua của Chính phủ", ["Cờ thi đua của Chính phủ"]),
        ("7", "Bằng khen của Thủ tướng Chính phủ", ["Bằng khen của Thủ tướng Chính phủ"]),
        ("8", "Danh hiệu “Chiến sĩ thi đua toàn quốc”", ["Chiến sĩ thi đua toàn quốc"])))))
F0703 = Form("0703.N/BNV-TĐKT", F0603.title, "Lượt khen", S.AWARDS.name, rows=F0603.rows, columns=F0603.columns)
FORMS_2018: tuple[Form, ...] = (F0701, F0702, F0703)

# Interpretations the counting makes when a column is blank, each said in the form's notes with its rows. Patterns
# (regular expressions) on the folded text (vntext.fold: no accents, lower case). The level that launched a movement,
# from its 'Cơ quan ban hành', first match wins:
LEVEL_FROM_ISSUER: tuple[tuple[str, str], ...] = (
    ("Trung ương", r"\b(trung uong|chinh phu|thu tuong|quoc hoi|chu tich nuoc)\b"),
    ("Bộ, ngành, tỉnh", r"^bo (?!phan)|\b(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (tinh|thanh pho)\b|\btinh uy\b|"
                        r"\bthanh uy\b|\b(thi dua khen thuong|tdkt) (tinh|thanh pho)\b"),
)
LEVEL_OTHERWISE = "Cơ quan, tổ chức, đơn vị"
# Who sent the state awards' tờ trình (0602, mã số 02/03): the reporting unit, central when its name says so.
CENTRAL_UNIT = r"^bo (?!phan)|\btrung uong\b"
FORMS_BY_CODE = {f.code: f for f in FORMS + FORMS_2018}


@dataclass(frozen=True)
class Regime:
    """A thông tư of the reporting regime: when it applies and its forms
    (``None``: its forms could not be read, see the module's sources)."""
    short: str                   # "Thông tư 02/2023/TT-BNV"
    citation: str                # as a form's header cites it
    issued: dt.date
    effective: dt.date | None    # None: not read; it applies from ``issued`` at the earliest
    source: str                  # where the dates were read
    forms: tuple[Form, ...] | None


REGIMES: tuple[Regime, ...] = (
    Regime("Thông tư 03/2018/TT-BNV", "Thông tư số 03/2018/TT-BNV ngày 06 tháng 3 năm 2018 của Bộ Nội vụ",
           dt.date(2018, 3, 6), dt.date(2018, 4, 23),
           "lawnet.vn (ban hành 06/3/2018, hiệu lực 23/4/2018); biểu 0701.N-0703.N/BNV-TĐKT theo bản tái hiện của "
           "phần mềm thi đua, khen thưởng công khai (nguồn thứ cấp)", FORMS_2018),
    Regime("Thông tư 02/2023/TT-BNV", "Thông tư số 02/2023/TT-BNV ngày 23 tháng 3 năm 2023 của Bộ Nội vụ",
           dt.date(2023, 3, 23), dt.date(2023, 5, 10),
           "lawnet.vn (hiệu lực 10/5/2023); mã biểu theo bản tái hiện của phần mềm thi đua, khen thưởng công khai "
           "(nguồn thứ cấp)", FORMS),
    Regime("Thông tư 18/2025/TT-BNV", "Thông tư số 18/2025/TT-BNV ngày 08 tháng 10 năm 2025 của Bộ Nội vụ",
           dt.date(2025, 10, 8), None,
           "luatvietnam.vn (số hiệu, ngày ban hành, người ký, trích yếu); ngày hiệu lực và phụ lục biểu mẫu chưa "
           "đọc được", None),
)


@dataclass(frozen=True)
class Basis:
    """The forms a year's report is made on: the regime in force on the
    report's due date, the regime whose layout is used, and what is unverified."""
    year: int
    in_force: Regime
    layout: Regime
    status: str

    @property
    def forms(self) -> tuple[Form, ...]:
        return self.layout.forms or ()

    def as_json(self) -> dict:
        return {"in_force": self.in_force.short, "layout": self.layout.short, "verified": False,
                "status": self.status}


def basis_for(year: int) -> Basis:
    """The regime in force on 15 December of ``year`` (a regime whose
    effective date was not read counts from its issue date), and the latest
    regime at or before it whose forms are here (else the first that has them)."""
    due = dt.date(year, *DUE_MONTH_DAY)
    started = [r for r in REGIMES if (r.effective or r.issued) <= due]
    in_force = started[-1] if started else REGIMES[0]
    with_forms = [r for r in REGIMES if r.forms]
    layout = next((r for r in reversed(started) if r.forms), with_forms[0])
    if in_force is layout:
        status = (f"CHƯA ĐỐI CHIẾU: mã biểu, dòng, cột theo {layout.short} như một phần mềm thi đua, khen thưởng "
                  "công khai tái hiện (nguồn thứ cấp); chưa đối chiếu được phụ lục biểu mẫu của thông tư.")
    else:
        unread = "ngày hiệu lực và phụ lục biểu mẫu" if in_force.effective is None else "phụ lục biểu mẫu"
        status = (f"CHƯA ĐỐI CHIẾU: báo cáo năm {year} theo {in_force.short}; chưa đọc được {unread} của thông tư "
                  f"này, nên mã biểu, dòng, cột ở đây theo {layout.short} (bản tái hiện của một phần mềm thi đua, "
                  "khen thưởng công khai), chưa đối chiếu được văn bản gốc.")
    return Basis(year, in_force, layout, status + " Sửa trong xlsrc/statistics/forms.py khi có văn bản.")
