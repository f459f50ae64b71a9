"""What every job gives on a workbook — findings, the computed copy, the
review, the report — as plain data, so that a change that makes the jobs
faster can be shown to change none of it (tests/test_job_outputs.py).
``python -m tests.job_outputs`` records the reference (tests/data/job_outputs.json)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).parent / "data"
MASTER = DATA / "master_960.xlsx"   # `thidua consolidate` of bench_consolidate.generate(folder, 16, 60): 960 rows
REFERENCE = DATA / "job_outputs.json"
REPORT_DATE = dt.date(2026, 11, 25)


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, default=str, sort_keys=True).encode()).hexdigest()


def _values(path: Path) -> dict:
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}


def _docx_text(path: Path) -> dict:
    """Every part but the document properties (they carry the time of writing)."""
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in sorted(z.namelist()) if not n.startswith("docProps/")}


def outputs(master: Path, review_book: Path, tmp: Path) -> dict:
    from xlsrc import jobs
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    from xlsrc.report import make_report
    from xlsrc.review import run_review
    from xlsrc.review.sheets import write_review
    out: dict = {}
    data, findings = jobs.run_validate(FileBook(master), write_back=False)
    out["validate"] = [f.as_dict() for f in findings]
    book = FileBook(master, writable=True)
    _, findings, totals = jobs.run_compute(book)
    book.save(tmp / "computed.xlsx")
    out["compute"] = {"findings": _digest([f.as_dict() for f in findings]), "works": totals.works,
                      "done": totals.done, "copy": _digest(_values(tmp / "computed.xlsx"))}
    make_report(data, tmp / "report.docx", report_date=REPORT_DATE)
    out["report"] = _docx_text(tmp / "report.docx")
    book = FileBook(review_book, writable=True)
    review = run_review(read_workbook(book), None)
    out["review"] = [e.as_json() for e in review.entries]
    write_review(book, review)
    book.save(tmp / "reviewed.xlsx")
    out["review_copy"] = _digest(_values(tmp / "reviewed.xlsx"))
    return out


def demo_book(folder: Path) -> Path:
    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content
    path = folder / "demo.xlsx"
    write_workbook(path, demo_content())
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        REFERENCE.write_text(json.dumps(outputs(MASTER, demo_book(Path(d)), Path(d)), ensure_ascii=False, indent=1,
                                        default=str) + "\n", encoding="utf-8")
    print(f"recorded {REFERENCE}")
