"""The sổ vàng: numbers continuous across decisions, given when a decision is
issued, never given twice, kept in the workbook; certificates print them
only from it."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.cli import main
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.validation import validate


def _two_decisions(tmp_path):
    content = demo_content()
    content.rows["decisions"].append(dict(content.rows["decisions"][0], number="46/QĐ-SNgV", order=2,
                                          date=dt.datetime(2025, 12, 23)))
    content.rows["awards"][-1]["decision_number"] = "46/QĐ-SNgV"
    return write_workbook(tmp_path / "so.xlsx", content)


def _run(*args) -> int:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    return exit_.value.code


def _register_lines(path) -> list[str]:
    doc = Document(str(path))
    return [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs
            if p.text.startswith("Số sổ vàng")]


def test_numbers_run_on_across_decisions_and_are_never_given_twice(tmp_path, capsys):
    book = _two_decisions(tmp_path)
    assert _run("register", str(book), "--so", "45/QĐ-SNgV", "-o", str(tmp_path / "a.xlsx")) == 0
    assert _run("register", str(tmp_path / "a.xlsx"), "--so", "46/QĐ-SNgV", "-o", str(tmp_path / "b.xlsx")) == 0
    data = read_workbook(FileBook(tmp_path / "b.xlsx"))
    got = [(r["number"], r.text("decision_number"), r.text("recipient")) for r in data.register]
    assert [n for n, *_ in got] == list(range(1, 8))
    assert got[-1][1:] == ("46/QĐ-SNgV", "Hoàng Văn E") and {g[1] for g in got[:-1]} == {"45/QĐ-SNgV"}
    assert [f for f in validate(data) if f.code.startswith("REGISTER")] == []
    capsys.readouterr()
    assert _run("register", str(tmp_path / "b.xlsx"), "--so", "46/QĐ-SNgV", "-o", str(tmp_path / "c.xlsx")) != 0
    assert "không cấp lại" in capsys.readouterr().err and not (tmp_path / "c.xlsx").exists()


def test_certificates_print_the_register_number_only_from_the_register(tmp_path):
    book = _two_decisions(tmp_path)
    assert _run("certificates", str(book), "--so", "45/QĐ-SNgV", "-o", str(tmp_path / "truoc.docx")) == 0
    assert all(line.strip() == "Số sổ vàng:" for line in _register_lines(tmp_path / "truoc.docx"))  # no 1 … 6
    _run("register", str(book), "--so", "46/QĐ-SNgV", "-o", str(tmp_path / "a.xlsx"))
    _run("register", str(tmp_path / "a.xlsx"), "--so", "45/QĐ-SNgV", "-o", str(tmp_path / "b.xlsx"))
    assert _run("certificates", str(tmp_path / "b.xlsx"), "--so", "45/QĐ-SNgV", "-o", str(tmp_path / "sau.docx")) == 0
    assert _register_lines(tmp_path / "sau.docx") == [f"Số sổ vàng: {n}" for n in range(2, 8)]


def test_a_number_given_twice_is_an_error(tmp_path):
    content = demo_content()
    content.rows["register"] = [{"number": 1, "decision_number": "45/QĐ-SNgV", "recipient": "Nguyễn Văn A"},
                                {"number": 1, "decision_number": "45/QĐ-SNgV", "recipient": "Trần Thị B"},
                                {"number": 4, "decision_number": "45/QĐ-SNgV", "recipient": "Lê Văn C"}]
    data = read_workbook(FileBook(write_workbook(tmp_path / "so.xlsx", content)))
    codes = [(f.code, f.severity) for f in validate(data) if f.sheet == S.REGISTER.name]
    assert ("REGISTER_DUPLICATE", "error") in codes and ("REGISTER_GAP", "warning") in codes
