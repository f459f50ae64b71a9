"""The legal bases of a decision as a dated table: which decree guided the
Luật Thi đua, khen thưởng on the decision's date, the 'Căn cứ' line the
decision prints, and where its prize levels and rounding rule stand.

    Nghị định số 98/2023/NĐ-CP   decisions from 01/01/2024 to 30/6/2025
    Nghị định số 152/2025/NĐ-CP  decisions from 01/7/2025

A decision dated 28/6/2024 cites Nghị định 98/2023, never 152/2025, which did
not exist yet. Each row carries its verification status: what could not be
read in the original text here says so, and no article is cited for it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ThiDuaError
from ..schema import UNVERIFIED
from .money import ND152, ND152_START



@dataclass(frozen=True)
class Decree:
    number: str            # "Nghị định số 152/2025/NĐ-CP"
    start: dt.date         # first day a decision follows it
    end: dt.date | None    # last day (None: still in force)
    citation: str          # the 'Căn cứ …;' line of a decision
    money_basis: str       # where the prize levels stand, cited in Điều 2 when a coefficient cites another text
    rounding_basis: str    # where the rounding up to ten thousand đồng stands
    verified: str
    note: str = ""

    @property
    def short(self) -> str:
        """'152/2025/NĐ-CP', how a basis names it."""
        return self.number.rpartition(" ")[2]


LAW_START = dt.date(2024, 1, 1)  # Luật Thi đua, khen thưởng 06/2022/QH15 in force
LAW_CITATION = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
ND98 = "Nghị định số 98/2023/NĐ-CP"

DECREES: tuple[Decree, ...] = (
    Decree(ND98, LAW_START, ND152_START - dt.timedelta(days=1),
           f"Căn cứ {ND98} ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của "
           "Luật Thi đua, khen thưởng;",
           ND98, ND98, UNVERIFIED,
           "Ngày ký và trích yếu đọc ở nguồn thứ cấp; điều, khoản về mức tiền thưởng và làm tròn chưa đối chiếu được "
           "văn bản gốc nên không ghi điều, khoản. Hết hiệu lực từ ngày 01/7/2025 (thay bằng Nghị định số "
           "152/2025/NĐ-CP)."),
    Decree(ND152, ND152_START, None,
           f"Căn cứ {ND152} ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực "
           "thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
           f"Chương VII Mục 2 {ND152}", f"khoản 2 Điều 49 {ND152}", UNVERIFIED,
           "Điều, khoản của mức tiền thưởng (Điều 50, Điều 54) và làm tròn (khoản 2 Điều 49) như đã ghi ở trang "
           "Tiêu chuẩn; chưa đối chiếu lại được văn bản gốc. Thủ tục, mẫu hồ sơ theo Thông tư số 15/2025/TT-BNV."),
)

_DECREE_NUMBER = re.compile(r"\d{1,3}/\d{4}/NĐ-CP")


def decree_on(day: dt.date, table: tuple[Decree, ...] = DECREES) -> Decree:
    """The decree a decision dated ``day`` follows; an error before the 2022 Law took effect."""
    for d in table:
        if d.start <= day and (d.end is None or day <= d.end):
            return d
    raise ThiDuaError(f"Quyết định ký ngày {day:%d/%m/%Y}, trước ngày {LAW_START:%d/%m/%Y} khi Luật Thi đua, khen "
                      "thưởng 06/2022/QH15 có hiệu lực: công cụ không có căn cứ pháp lý của thời điểm đó để lập "
                      "quyết định.")


def coefficient_basis(basis: str, day: dt.date) -> str:
    """The basis of a prize coefficient as a decision dated ``day`` may cite it: a
    basis naming another decree than the one in force then (the workbook's rows
    cite Nghị định 152/2025 for a decision of 2024) gives way to the decree in force."""
    decree = decree_on(day)
    named = set(_DECREE_NUMBER.findall(basis or ""))
    if not named or decree.short in named:
        return basis
    if named & {d.short for d in DECREES}:
        return decree.money_basis
    return basis


def cites_another_decree(basis: str, day: dt.date) -> bool:
    return coefficient_basis(basis, day) != basis


def decision_notes(data, number: str) -> list[str]:
    """What a văn thư should know before signing decision ``number``: the
    sources of its numbers that no one has read in the original (issue 19 A9)."""
    from ..vntext import fold
    from .decision import build
    from .numwords import money_figures
    d = build(data, number)
    notes = []
    base = d.base
    if not fold(base.verified).startswith("da doi chieu"):
        where = f", dòng {base.row} trang 'Lương cơ sở'" if base.row else ""
        notes.append(f"Quyết định {d.number} dùng mức lương cơ sở {money_figures(base.amount)} đồng ({base.basis}"
                     f"{where}): {(base.verified or 'chưa ghi tình trạng đối chiếu').rstrip('.').lower()}. Đối chiếu "
                     "văn bản gốc rồi ghi 'Đã đối chiếu văn bản gốc' ở cột 'Tình trạng đối chiếu'.")
    return notes
