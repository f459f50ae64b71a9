"""The statistical forms of the Ministry of Home Affairs' reporting regime on
thi đua – khen thưởng, as data: each form's code, its rows (mã số) and its
columns, and what each row and column counts. Edit here when the regime
changes; the counting and the sheets follow.

Source and status. Thông tư 18/2025/TT-BNV ngày 08/10/2025 of the Bộ Nội vụ
("Quy định Chế độ báo cáo thống kê ngành Nội vụ") replaced Thông tư
02/2023/TT-BNV ngày 23/3/2023. The forms on thi đua – khen thưởng under
Thông tư 02/2023 were Biểu 0601.N/BNV-TĐKT (số phong trào thi đua), 0602.N/BNV-TĐKT
(khen thưởng cấp Nhà nước) and 0603.N/BNV-TĐKT (khen thưởng cấp bộ, ban, ngành,
tỉnh), yearly, due on 15 December. The text of Thông tư 18/2025's appendix
could not be read here: the codes below are those of Thông tư 02/2023, and the
rows and columns follow what the forms count (forms, kinds of recipient, loại
hình, the movements' scope, kind and length). VERIFIED is False until someone
compares them with the appendix of Thông tư 18/2025/TT-BNV; every sheet says so."""
from __future__ import annotations

from dataclasses import dataclass

from .. import schema as S

REGIME = "Thông tư số 18/2025/TT-BNV ngày 08 tháng 10 năm 2025 của Bộ Nội vụ quy định Chế độ báo cáo thống kê ngành Nội vụ"
REPLACED = "Thông tư số 02/2023/TT-BNV ngày 23 tháng 3 năm 2023"
VERIFIED = False
STATUS = ("CHƯA ĐỐI CHIẾU: mã biểu theo Thông tư 02/2023/TT-BNV (đã được Thông tư 18/2025/TT-BNV thay thế); dòng, cột "
          "dựng theo nội dung chỉ tiêu, chưa đối chiếu được phụ lục biểu mẫu của Thông tư 18/2025/TT-BNV. Sửa trong "
          "xlsrc/statistics/forms.py khi có văn bản.")
DUE = "ngày 15 tháng 12"
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
