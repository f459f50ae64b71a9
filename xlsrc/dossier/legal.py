"""The legal frame a dossier cites, by its date: Luật Thi đua, khen thưởng
06/2022/QH15 (in force from 01/01/2024) with Nghị định 98/2023/NĐ-CP until
30/6/2025 and Nghị định 152/2025/NĐ-CP from 01/7/2025. A dossier dated before
the Law took effect is refused: the tool holds no frame for it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import ThiDuaError
from ..vntext import admin_date_short

LAW_LINE = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
LAW_START = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class Frame:
    start: dt.date
    decree: str          # short: "Nghị định số 152/2025/NĐ-CP"
    decree_line: str     # as a tờ trình cites it


FRAMES: tuple[Frame, ...] = (
    Frame(LAW_START, "Nghị định số 98/2023/NĐ-CP",
          "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một "
          "số điều của Luật Thi đua, khen thưởng;"),
    Frame(dt.date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP",
          "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
          "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, "
          "khen thưởng;"),
)


def frame_on(day: dt.date) -> Frame:
    if day < LAW_START:
        raise ThiDuaError(f"Hồ sơ ngày {admin_date_short(day)} có trước ngày Luật Thi đua, khen thưởng 06/2022/QH15 có "
                          "hiệu lực (01/01/2024): công cụ không có căn cứ pháp lý cho thời điểm này.")
    return [f for f in FRAMES if f.start <= day][-1]
