"""Test helper: the JSON payload xlwings' remote engine expects, built from a
real workbook file, so the macros drive the real xlwings Range API."""
from __future__ import annotations

import datetime as dt
import os
import re

import openpyxl


def enable_remote_engine() -> None:
    # Allowed in this project's tests only (see README): the remote engine
    # needs a key; production code uses open-source xlwings alone.
    os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return f"{v.isoformat()}T00:00:00.000Z"
    return v


def payload_from_file(path, name: str | None = None, extra_rows: dict[str, list[list]] | None = None) -> dict:
    import xlwings as xw
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        values = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for row in (extra_rows or {}).get(ws.title, []):
            values.append([_cell(v) for v in row])
        width = max((len(r) for r in values), default=0)
        values = [r + [""] * (width - len(r)) for r in values] or [[]]
        area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area  # as Excel's PageSetup.PrintArea
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": [],
                       **({"print_area": area.split("!")[-1]} if area else {})})
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": name or os.path.basename(path), "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


def open_caller(payload: dict):
    import xlwings as xw
    enable_remote_engine()
    book = xw.Book(json=payload)
    book.set_mock_caller()
    return book


# how xlwings' remote engine sends a date or datetime (text of these exact
# forms written by a macro is sent with an apostrophe, so it is never confused)
_XLWINGS_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?")


def typing_changes(book) -> list[str]:
    """Every string the macro wrote that Excel would not keep as text (see
    excel_typing.py: Excel's rules for typed text), with its sheet and cell.
    Dates and numbers the macro wrote as such are not strings here, except
    dates, which the remote engine sends in ISO form."""
    from openpyxl.utils import get_column_letter

    from .excel_typing import changed
    names = [s.name for s in book.sheets]
    out = []
    for a in book.json()["actions"]:
        if a["func"] != "setValues":
            continue
        for i, row in enumerate(a["values"]):
            for j, value in enumerate(row):
                why = changed(value) if isinstance(value, str) and not _XLWINGS_DATE.fullmatch(value) else None
                if why:
                    cell = f"{get_column_letter(a['start_column'] + j + 1)}{a['start_row'] + i + 1}"
                    out.append(f"{names[a['sheet_position']]}!{cell}: {why}")
    return out


def actions(book) -> list[dict]:
    """The actions xlwings would send to Excel; fails when a string written
    would not stay text in Excel."""
    changes = typing_changes(book)
    assert not changes, "\n".join(changes[:20])
    return book.json()["actions"]


def alerts(book) -> list[str]:
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]
