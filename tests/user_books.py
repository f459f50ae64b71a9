"""Workbooks built as a user builds them: `thidua new`, then values typed
into the cells under the headers of each sheet (openpyxl writes the cells,
nothing goes through the builder's content)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from xlsrc import schema as S
from xlsrc.builder import write_workbook

INFO = {"parent_body": "UBND TỈNH HÀ TĨNH", "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "unit_name": "Sở Khoa học và Công nghệ", "doc_number": "12/BC-SKHCN", "place": "Hà Tĩnh",
        "doc_date": dt.datetime(2026, 12, 10), "doc_type": "Báo cáo",
        "summary": "Tổng kết phong trào thi đua năm 2026", "recipient": "Ban Thi đua - Khen thưởng tỉnh",
        "movement": "phong trào thi đua năm 2026", "signer_title": "GIÁM ĐỐC", "signer_name": "Lê Văn Quang",
        "recipients": "Như trên;\nLưu: VT, VP."}


def new_book(path: Path, info: dict | None = None) -> Path:
    """A new workbook (as `thidua new` writes it) with Thông tin typed in."""
    write_workbook(path)
    type_info(path, {**INFO, **(info or {})})
    return path


def type_info(path: Path, values: dict) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[S.INFO.name]
    rows = {col.key: r for r, col in enumerate(S.INFO.columns, start=2)}
    for key, value in values.items():
        ws.cell(rows[key], 2, value)
    wb.save(path)


def type_rows(path: Path, spec: S.SheetSpec, rows: list[dict], replace: bool = False) -> None:
    """Rows typed under the headers of ``spec``'s sheet, by column key;
    ``replace``: the rows the new workbook came with are deleted first."""
    type_sheets(path, {spec: rows}, replace)


def type_sheets(path: Path, sheets: dict, replace: bool = False) -> None:
    """``type_rows`` for several sheets, the file opened and saved once."""
    wb = openpyxl.load_workbook(path)
    for spec, rows in sheets.items():
        _type(wb[spec.name], spec, rows, replace)
    wb.save(path)


def _type(ws, spec: S.SheetSpec, rows: list[dict], replace: bool) -> None:
    headers = {c.value: i for i, c in enumerate(ws[1], start=1) if c.value}
    col = {c.key: headers[c.header] for c in spec.columns if c.header in headers}
    if replace and ws.max_row > 1:
        for r in range(2, ws.max_row + 1):
            for c in col.values():
                ws.cell(r, c).value = None
        first = 2
    else:
        first = next((r for r in range(2, ws.max_row + 2)
                      if all(ws.cell(r, c).value in (None, "") for c in col.values())), ws.max_row + 1)
    for i, row in enumerate(rows):
        for key, value in row.items():
            cell = ws.cell(first + i, col[key], value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"


def read(path: Path):
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    return read_workbook(FileBook(path))


def run_cli(argv) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one `thidua` command."""
    import contextlib
    import io

    from xlsrc.cli import main
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()
