"""Values the command line must not reinterpret silently, and names it must
not choke on (issue 22, points 11 and 12): a document number longer than a
file name may be, an existing file as the bundle folder, year 0, a date typed
as an Excel serial number. Real commands on real workbooks."""
from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from xlsrc import cli
from xlsrc.awards.demo import NUMBER
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

LONG = "45/QĐ-" + "SNgV" * 70  # 288 bytes: longer than any file name may be


def run(*args) -> tuple[int, str]:
    buf = io.StringIO()
    with redirect_stdout(buf), redirect_stderr(buf):
        try:
            cli.main([str(a) for a in args])
        except SystemExit as exc:
            return exc.code, buf.getvalue()
    return 0, buf.getvalue()


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
