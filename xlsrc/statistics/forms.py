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
  appendix itself was not found. The codes 0601.N/0602.N/0603.N/BNV-TĐKT, the
  titles and "ngày 15 tháng 12 năm báo cáo" are as a published award
  management software reproduces them (github lifephongphanmem/
  thiduakhenthuong, resources/views/BaoCao/TT022023/Mau0601-0603): a second-
  hand source. That software lays the forms out differently from FORMS below
  (0601: rows by phạm vi, thời hạn (5 bands) and phương thức, columns by the
  level that launched the movement; 0602 and 0603: rows by submitting body,
  recipient and loại hình, one column per award form). FORMS keeps the
  figures this workbook can count, laid out by form and kind; it is NOT the
  ministry's layout, and every sheet says so.
- Thông tư 03/2018/TT-BNV ngày 06/3/2018 (forms 0701.N-0703.N/BNV-TĐKT, in
  force from 23/4/2018, lawnet.vn): the regime before 10/5/2023; its forms are
  not here, a report of those years gets the layout below, said so.
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
    codes it sums (a total row or column)."""
    code: str
    label: str
    forms: tuple[str, ...] = ()
    key: str = ""
    values: tuple[str, ...] = ()
    total_of: tuple[str, ...] = ()
    indent: int = 0


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    unit_of_count: str     # "Phong trào", "Lượt khen"
    source: str            # the sheet it counts
    rows: tuple[Line, ...]
    columns: tuple[Line, ...]


F = S.vocabulary("award_form").values
_STATE = tuple(f for f in F if f.startswith(("Huân chương", "Huy chương", "Danh hiệu Anh hùng", "Giải thưởng")) or
               f in ("Bằng khen của Thủ tướng Chính phủ", "Chiến sĩ thi đua toàn quốc", "Cờ thi đua của Chính phủ"))
_TYPES = S.vocabulary("award_type").values

# the columns of the two forms that count awards: recipients by kind, then by loại hình
AWARD_COLUMNS: tuple[Line, ...] = (
    Line("1", "Tổng số", total_of=("2", "4", "5")),
    Line("2", "Tập thể", key="collective", values=("collective",)),
    Line("3", "Trong đó: doanh nghiệp, hợp tác xã", key="collective_type",
         values=("Doanh nghiệp", "Hợp tác xã"), indent=1),
    Line("4", "Hộ gia đình", key="collective_type", values=("Hộ gia đình",)),
    Line("5", "Cá nhân", key="recipient_kind", values=(S.INDIVIDUAL,)),
    Line("6", "Trong đó: lãnh đạo, quản lý", key="person_group", values=("Lãnh đạo, quản lý",), indent=1),
    Line("7", "Trong đó: người lao động trực tiếp", key="person_group", values=("Người lao động trực tiếp",),
         indent=1),
) + tuple(Line(str(8 + i), f"Loại hình: {t}", key="award_type", values=(t,)) for i, t in enumerate(_TYPES))

FORMS: tuple[Form, ...] = (
    Form("0601.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA", "Phong trào", S.PLANS.name, rows=(
        Line("01", "Tổng số phong trào thi đua được phát động", total_of=("02", "03")),
        Line("02", "Phong trào thi đua thường xuyên", key="movement_kind", values=("Thường xuyên",), indent=1),
        Line("03", "Phong trào thi đua theo đợt hoặc chuyên đề", key="movement_kind",
             values=("Theo đợt hoặc chuyên đề",), indent=1),
    ), columns=(
        Line("1", "Tổng số", total_of=("2", "3", "4", "5", "6")),
        *(Line(str(2 + i), f"Phạm vi: {v}", key="movement_scope", values=(v,))
          for i, v in enumerate(S.vocabulary("movement_scope").values)),
        Line("6", "Chưa ghi phạm vi", key="movement_scope", values=("",)),
        Line("7", "Thời gian dưới 01 năm", key="length", values=("short",)),
        Line("8", "Thời gian từ 01 năm trở lên", key="length", values=("long",)),
    )),
    Form("0602.N/BNV-TĐKT", "KHEN THƯỞNG CẤP NHÀ NƯỚC", "Lượt khen", S.AWARDS.name, rows=(
        Line("01", "Tổng số", total_of=tuple(f"{i:02d}" for i in range(2, 2 + len(_STATE)))),
        *(Line(f"{2 + i:02d}", f, forms=(f,), indent=1) for i, f in enumerate(_STATE)),
    ), columns=AWARD_COLUMNS),
    Form("0603.N/BNV-TĐKT", "KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, TỈNH", "Lượt khen", S.AWARDS.name, rows=(
        Line("01", "Tổng số", total_of=("02", "03", "04", "05")),
        Line("02", "Cờ thi đua cấp bộ, ban, ngành, tỉnh", forms=("Cờ thi đua cấp bộ, ban, ngành, tỉnh",), indent=1),
        Line("03", "Danh hiệu Tập thể lao động xuất sắc", forms=("Tập thể lao động xuất sắc",), indent=1),
        Line("04", "Danh hiệu Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
             forms=("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",), indent=1),
        Line("05", "Bằng khen cấp bộ, ban, ngành, tỉnh", forms=("Bằng khen cấp bộ, ban, ngành, tỉnh",), indent=1),
    ), columns=AWARD_COLUMNS),
)
FORMS_BY_CODE = {f.code: f for f in FORMS}


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
           "lawnet.vn (ban hành 06/3/2018, hiệu lực 23/4/2018); biểu 0701.N-0703.N/BNV-TĐKT: chưa có ở đây", None),
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
        status = (f"CHƯA ĐỐI CHIẾU: mã biểu theo {layout.short} (theo nguồn thứ cấp); dòng, cột dựng theo những gì "
                  "sổ đếm được (hình thức, đối tượng, loại hình), chưa đối chiếu được phụ lục biểu mẫu của thông tư.")
    else:
        unread = "ngày hiệu lực và phụ lục biểu mẫu" if in_force.effective is None else "phụ lục biểu mẫu"
        status = (f"CHƯA ĐỐI CHIẾU: báo cáo năm {year} theo {in_force.short}; chưa đọc được {unread} của thông tư "
                  f"này, nên mã biểu, dòng, cột ở đây theo {layout.short}, chưa đối chiếu được văn bản gốc.")
    return Basis(year, in_force, layout, status + " Sửa trong xlsrc/statistics/forms.py khi có văn bản.")
