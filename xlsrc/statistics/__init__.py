"""Thống kê (issue 21 §2): the ministry's statistical forms on thi đua –
khen thưởng filled from Kế hoạch and Khen thưởng, and the yearly Thống kê
sheet. forms.py is the data (codes, rows, columns, source); count.py the
counting, each figure with its rows; sheets.py the workbook written."""
from __future__ import annotations

from pathlib import Path

from ..records import WorkbookData
from .count import Statistics, Yearly, count, yearly
from .forms import FORMS, basis_for

__all__ = ["Statistics", "Yearly", "count", "yearly", "FORMS", "basis_for", "make_statistics"]


def make_statistics(data: WorkbookData, year: int, output, force: bool = False) -> tuple[Path, Statistics]:
    from .sheets import write_statistics
    unit = data.info.get("unit_name") if isinstance(data.info.get("unit_name"), str) else ""
    st = count(data, year, unit or "")
    return write_statistics(output, st, yearly(data), force=force), st
