"""`thidua review`: the review of a workbook file, as text or JSON, and
optionally a copy of the workbook with the review sheets."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..access.files import FileBook
from ..atomic import atomic_path, check_writable
from ..errors import ThiDuaError
from ..records import read_workbook
from . import RESULT_LABEL, run_review
from .rules import YES_RESULT
from .sheets import summary_text, write_review


def review_command(workbook: Path, year: int | None, as_json: bool, output: Path | None, force: bool,
                   console) -> None:
    if output is not None:
        if output.suffix.lower() not in (".xlsx", ".xlsm"):
            raise ThiDuaError(f"Tệp đích '{output.name}' phải có đuôi .xlsx hoặc .xlsm.")
        check_writable(output, force)
    book = FileBook(workbook, writable=output is not None)
    review = run_review(read_workbook(book), year)
    if output is not None:
        write_review(book, review)
        with atomic_path(output, force) as tmp:
            for note in book.save(tmp, shown_name=output.name):
                print(f"Lưu ý: {note}", file=sys.stderr)
    if as_json:
        sys.stdout.write(json.dumps([e.as_json() for e in review.entries], ensure_ascii=False, indent=1) + "\n")
        return
    for e in review.entries:
        where = f" ({e.unit})" if e.unit and e.unit != e.recipient else ""
        console.print(f"{e.recipient}{where} — {e.title}: {RESULT_LABEL[e.result]}", markup=False)
        for reason in e.reasons:
            console.print(f"    - {reason}", markup=False)
        if e.result == YES_RESULT:
            for met in e.met:
                console.print(f"    - Đạt: {met}", markup=False)
            for note in e.notes:
                console.print(f"    - Lưu ý: {note}", markup=False)
    console.print(summary_text(review))
    if output is not None:
        console.print(f"Đã ghi: {output}")
