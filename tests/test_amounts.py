"""Issue 22 §5: money and numbers out of range, on the demo workbook as a
user edits it (built, saved with openpyxl, read back): negative or zero
amounts are errors, implausible ones warnings, two base-salary rows of the
same date an error, '1.000' read the Vietnamese way with a warning, big
counts written with thousands separators."""
from __future__ import annotations

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.awards import make_decision
from xlsrc.awards.demo import NUMBER
from xlsrc.builder import write_workbook
from xlsrc.cli import main
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.records import read_workbook
from xlsrc.validation import validate
from xlsrc.vntext import count_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("amounts") / "demo.xlsx", demo_content())


def _edited(demo, tmp_path, sheet, edit):
    """The demo with cells of one sheet changed as a user would in Excel: edit(ws, header → column letter)."""
    book = openpyxl.load_workbook(demo)
    ws = book[sheet]
    header = {c.value: c.column_letter for c in ws[1] if c.value}
    edit(ws, header)
    path = tmp_path / f"{sheet}.xlsx"
    book.save(path)
    return path


def _coefficient(value):
    def edit(ws, h):
        row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "Giấy khen" and r[1].value == "Cá nhân")
        ws[f"{h['Hệ số tiền thưởng']}{row}"] = value
    return edit


def _findings(path, code):
    return [f for f in validate(read_workbook(FileBook(path))) if f.code == code]


def test_a_negative_base_salary_is_an_error_and_no_decision_is_written(demo, tmp_path, capsys):
    def edit(ws, h):
        for r in range(2, ws.max_row + 1):
            if ws[f"{h['Mức lương cơ sở (đồng)']}{r}"].value == 2_340_000:
                ws[f"{h['Mức lương cơ sở (đồng)']}{r}"] = -2_340_000
    path = _edited(demo, tmp_path, S.BASE_SALARY.name, edit)
    found = _findings(path, "AMOUNT_NOT_POSITIVE")
    assert len(found) == 1 and found[0].severity == "error" and found[0].sheet == S.BASE_SALARY.name
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(path), "--so", NUMBER, "-o", str(tmp_path / "qd.docx")])
    assert exc.value.code == 1 and not (tmp_path / "qd.docx").exists()
    assert "Âm" not in capsys.readouterr().out


def test_a_negative_coefficient_is_an_error_and_refused_by_the_decision_itself(demo, tmp_path):
    path = _edited(demo, tmp_path, S.STANDARDS.name, _coefficient(-0.3))
    assert _findings(path, "AMOUNT_NOT_POSITIVE")
    with pytest.raises(ThiDuaError, match="số âm"):
        make_decision(read_workbook(FileBook(path)), NUMBER, tmp_path / "qd.docx")


def test_an_implausible_coefficient_is_a_warning_and_no_300_digit_total_is_printed(demo, tmp_path):
    path = _edited(demo, tmp_path, S.STANDARDS.name, _coefficient(1e300))
    found = _findings(path, "AMOUNT_IMPLAUSIBLE")
    assert len(found) == 1 and found[0].severity == "warning"
    with pytest.raises(ThiDuaError, match="quá lớn"):
        make_decision(read_workbook(FileBook(path)), NUMBER, tmp_path / "qd.docx")


@pytest.mark.parametrize("typed,read,code", [("1.000", 1000, "NUMBER_THOUSANDS"), ("0,3", None, None)])
def test_number_text_is_read_the_vietnamese_way(demo, tmp_path, typed, read, code):
    path = _edited(demo, tmp_path, S.STANDARDS.name, _coefficient(typed))
    data = read_workbook(FileBook(path))
    rec = next(r for r in data.standards if r.text("title") == "Giấy khen" and r["recipient_kind"] == "Cá nhân")
    if read is None:
        assert str(rec["prize_coefficient"]) == "0.3" and not _findings(path, "NUMBER_THOUSANDS")
        return
    assert rec["prize_coefficient"] == read
    found = _findings(path, code)
    assert len(found) == 1 and "1.000" in found[0].message and "1000" in found[0].message
    assert _findings(path, "AMOUNT_IMPLAUSIBLE")  # and a thousand times the base is not plausible


def test_a_base_salary_typed_with_dots_is_read(demo, tmp_path):
    def edit(ws, h):
        for r in range(2, ws.max_row + 1):
            if ws[f"{h['Mức lương cơ sở (đồng)']}{r}"].value == 2_340_000:
                ws[f"{h['Mức lương cơ sở (đồng)']}{r}"] = "2.340.000"
    path = _edited(demo, tmp_path, S.BASE_SALARY.name, edit)
    data = read_workbook(FileBook(path))
    assert 2_340_000 in [r["amount"] for r in data.records["base_salary"]]
    assert not [f for f in validate(data) if f.sheet == S.BASE_SALARY.name and f.severity == "error"]


def test_two_base_salaries_of_one_date_are_an_error(demo, tmp_path):
    def edit(ws, h):
        last = ws.max_row
        for col in range(1, ws.max_column + 1):
            ws.cell(last + 1, col).value = ws.cell(last - 1, col).value  # the 2024 row again …
        ws[f"{h['Mức lương cơ sở (đồng)']}{last + 1}"] = 2_430_000     # … with another amount
    path = _edited(demo, tmp_path, S.BASE_SALARY.name, edit)
    found = _findings(path, "BASE_SALARY_CONFLICT")
    assert len(found) == 1 and found[0].severity == "error" and "01/07/2024" in found[0].message
    with pytest.raises(ThiDuaError, match="cùng áp dụng từ ngày 01/07/2024"):
        make_decision(read_workbook(FileBook(path)), NUMBER, tmp_path / "qd.docx")


def test_big_counts_are_written_with_thousands_separators(demo, tmp_path):
    assert count_text(10 ** 12) == "1.000.000.000.000" and count_text(3) == "03" and count_text(45) == "45"

    def edit(ws, h):
        ws[f"{h['Số lượng']}2"] = 10 ** 12
    path = _edited(demo, tmp_path, S.AWARDS.name, edit)
    assert [f.severity for f in _findings(path, "AMOUNT_IMPLAUSIBLE")] == ["warning"]
