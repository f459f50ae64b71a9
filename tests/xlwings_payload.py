"""Test helper: the JSON payload xlwings' remote engine expects, built from a
real workbook file, so the macros drive the real xlwings Range API."""
from __future__ import annotations

import datetime as dt
import os

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
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": []})
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": name or os.path.basename(path), "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


def open_caller(payload: dict):
    import xlwings as xw
    enable_remote_engine()
    book = xw.Book(json=payload)
    book.set_mock_caller()
    return book


def actions(book) -> list[dict]:
    return book.json()["actions"]


def alerts(book) -> list[str]:
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]
