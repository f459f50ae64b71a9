"""Values the command line must not reinterpret silently, and names it must
not choke on (issue 22, points 11 and 12): a document number longer than a
file name may be, an existing file as the bundle folder, year 0, a date typed
as an Excel serial number. Real commands on real workbooks."""
from __future__ import annotations

from pathlib import Path

import pytest

from xlsrc.awards.demo import NUMBER
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

from .test_output_not_input import run

LONG = "45/QĐ-" + "SNgV" * 70  # 288 bytes: longer than any file name may be


def _replace(value, old, new):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


@pytest.fixture(scope="module")
def long_numbers(tmp_path_factory) -> Path:
    content = demo_content()
    content.rows = _replace(content.rows, NUMBER, LONG)
    content.info = dict(content.info, doc_number="180/BC-" + "SNgV" * 70)
    return write_workbook(tmp_path_factory.mktemp("dai") / "so.xlsx", content)


@pytest.mark.parametrize("command", [["decision", "--so", LONG], ["certificates", "--so", LONG], ["report"]])
def test_a_document_number_longer_than_a_file_name_gives_a_shortened_name(long_numbers, command):
    code, text = run(command[0], long_numbers, *command[1:])
    assert code in (0, 1), text
    written = [p for p in long_numbers.parent.iterdir() if p.suffix == ".docx"]
    assert written and all(len(p.name.encode()) <= 255 for p in written)
    assert "ngoài dự kiến" not in text
    for p in written:
        p.unlink()


def test_an_output_name_too_long_is_said_in_words(tmp_path, long_numbers):
    code, text = run("report", long_numbers, "-o", tmp_path / ("BaoCao_" + "Đ" * 200 + ".docx"))
    assert code == 2 and "quá dài" in text and "ngoài dự kiến" not in text, text


def test_bundle_into_an_existing_file_is_refused_in_words(tmp_path):
    f = tmp_path / "caidat"
    f.write_text("tệp của người dùng", encoding="utf-8")
    code, text = run("bundle", "--windows", "-o", f)
    assert code == 2 and "là một tệp đã có" in text and "ngoài dự kiến" not in text, text
    assert f.read_text(encoding="utf-8") == "tệp của người dùng"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("demo") / "so.xlsx", demo_content())


@pytest.mark.parametrize("year", ["0", "-5", "25", "1900", "20255", "99999"])
def test_an_implausible_review_year_is_refused(demo, year):
    code, text = run("review", demo, "--year", year)
    assert code == 2 and f"năm {int(year)} không hợp lý" in text and "Đủ" not in text, text


def test_a_plausible_review_year_is_reviewed(demo):
    code, text = run("review", demo, "--year", "2025")
    assert code == 0 and "không hợp lý" not in text, text


@pytest.mark.parametrize("date, said", [
    ("45000", "chỉ là một con số"), (" 46000 ", "chỉ là một con số"), ("0", "chỉ là một con số"),
    ("25/11/0026", "không đọc được"), ("01/01/1900", "năm 1900 không hợp lý"), ("15/06/1985", "năm 1985 không hợp lý"),
    ("31/12/9999", "không đọc được"), ("32/13/2026", "không đọc được"), ("Năm 2026", "không đọc được"),
])
def test_an_implausible_report_date_is_refused(tmp_path, demo, date, said):
    code, text = run("report", demo, "--date", date, "-o", tmp_path / "bc.docx")
    assert code == 2 and said in text, text
    assert not (tmp_path / "bc.docx").exists()


def test_a_report_date_typed_as_a_day_is_used(tmp_path, demo):
    code, text = run("report", demo, "--date", "25/11/2026", "-o", tmp_path / "bc.docx")
    assert code == 0 and (tmp_path / "bc.docx").exists(), text
