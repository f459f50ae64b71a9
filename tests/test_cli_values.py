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
from .user_books import run_cli

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


# -- decision numbers typed without Vietnamese input; decisions of another level (issue 22, point 17) --
@pytest.mark.parametrize("typed", ["45/QD-SNgV", "45/qd-sngv", "45 / QĐ – SNgV", "Số 45/QD-SNGV"])
def test_a_decision_number_typed_without_vietnamese_input_finds_the_decision(tmp_path, demo, typed):
    code, text = run("decision", demo, "--so", typed, "-o", tmp_path / "qd.docx")
    assert code == 0 and (tmp_path / "qd.docx").exists(), text


def _with_awards(tmp_path, extra):
    content = demo_content()
    last = content.rows["awards"][-1]
    content.rows["awards"] += [dict(last, order=19 + i, recipient=f"Người {i}", staff_code="", **fields)
                               for i, fields in enumerate(extra)]
    return write_workbook(tmp_path / "so.xlsx", content)


def test_decisions_of_another_level_are_said_once_not_row_by_row(tmp_path):
    import datetime as dt
    from xlsrc.access.files import FileBook
    from xlsrc.jobs import run_validate
    province = [{"decision_number": n, "form": "Bằng khen", "authority": "Chủ tịch UBND tỉnh",
                 "decision_date": dt.datetime(2025, 12, 28)} for n in ("123/QĐ-UBND",) * 3 + ("7/QĐ-TTg",)]
    own_missing = [{"decision_number": "46/QĐ-SNgV", "decision_date": dt.datetime(2025, 12, 28)}]
    findings = run_validate(FileBook(_with_awards(tmp_path, province + own_missing)), write_back=False)[1]
    codes = [(f.code, f.message) for f in findings if f.code.startswith("DECISION")]
    not_listed = [m for c, m in codes if c == "DECISION_NOT_LISTED"]
    other = [m for c, m in codes if c == "DECISION_OTHER_LEVEL"]
    assert len(not_listed) == 1 and "46/QĐ-SNgV" in not_listed[0], codes  # the unit's own number: still said
    assert len(other) == 1 and "04 dòng" in other[0] and "123/QĐ-UBND" in other[0] and "7/QĐ-TTg" in other[0]


# -- the command line's own help (issue 22, point 17) ---------------------------------------------
def _help(*args) -> str:
    """The help printed by the command line run in this process, 80 columns wide (the real process:
    test_cli_hardening.py, test_a_real_process_says_what_the_command_line_run_here_says)."""
    import os
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        code, stdout, stderr = run_cli(args)
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    assert code == 0, stderr
    return stdout


def test_the_help_lists_every_command_on_one_line():
    import typer
    from xlsrc.cli import app
    commands = sorted(typer.main.get_command(app).commands)
    text = _help("-h")
    panel = text[text.index("Lệnh"):].splitlines()[1:]
    rows = [line.strip("│ ").split(None, 1) for line in panel if line.startswith("│")]
    assert sorted(r[0] for r in rows) == commands, rows  # one row per command: no continuation lines
    assert all(len(r) == 2 and r[1].endswith((".", "…", ")")) for r in rows), rows


def test_version_is_printed():
    from xlsrc import __version__
    assert _help("--version").strip() == f"thidua {__version__}"


def test_unit_map_help_describes_its_columns_in_vietnamese():
    text = " ".join(_help("consolidate", "-h").replace("│", " ").split())
    assert "hai cột: cột 1 'Tệp' là tên tệp" in text and "cột 2 'Đơn vị' là tên đơn vị" in text


def test_review_help_says_what_its_exit_codes_mean():
    text = " ".join(_help("review", "-h").replace("│", " ").split())
    assert "Mã thoát: 0 khi đã rà soát xong" in text and "2 khi không rà soát được" in text


@pytest.mark.parametrize("extra", [["--phoi"], ["--so", NUMBER], ["--pdf"], ["--phoi", "--pdf"]])
def test_calibrate_with_options_it_would_ignore_is_an_error(tmp_path, demo, extra):
    code, text = run("certificates", demo, "--calibrate", *extra, "-o", tmp_path / "luoi.pdf")
    assert code == 2 and "--calibrate chỉ in lưới hiệu chỉnh" in text and extra[0] in text, text
    assert not (tmp_path / "luoi.pdf").exists()


def test_consolidate_exits_1_when_the_data_taken_has_errors(tmp_path):
    from .fixtures_consolidate import info, template_file, work
    folder = tmp_path / "dv"
    folder.mkdir()
    template_file(folder / "a.xlsx", info(unit="Sở Y tế"), works=[work(1, "Xây cầu")])
    code, text = run("consolidate", folder, "-o", tmp_path / "th.xlsx")
    assert code == 0, text
    template_file(folder / "b.xlsx", info(unit="Sở Tư pháp"), works=[work(1, "")])  # a work without its name
    code, text = run("consolidate", folder, "-o", tmp_path / "th2.xlsx")
    assert code == 1 and "Đã ghi sổ tổng hợp" in text and "Lỗi" in text, text


def test_a_report_from_a_master_points_each_error_to_the_units_file_and_cell(tmp_path):
    import json
    from .fixtures_consolidate import hand_made_xlsx, info, template_file, work
    folder = tmp_path / "dv"
    folder.mkdir()
    template_file(folder / "stp.xlsx", info(unit="Sở Tư pháp"),
                  works=[work(1, "Cầu"), work(2, ""), work(3, "Đường", progress=1.7)])
    hand_made_xlsx(folder / "syt.xlsx", rows=[(1, "Trạm y tế", "01/03/2021", "31/12/2021", "170%")],
                   unit_line="(Kèm theo báo cáo của Sở Y tế)")
    master = tmp_path / "TongHop.xlsx"
    assert run("consolidate", folder, "-o", master)[0] == 1
    code, text = run("report", master, "-o", tmp_path / "bc.docx")
    assert code == 1, text
    assert "stp.xlsx › Công trình!B3 (Tên công trình, phần việc)" in text, text
    assert "stp.xlsx › Công trình!H4 (Tiến độ hoàn thành (%))" in text and "(ở sổ tổng hợp: Công trình!" in text
    assert "syt.xlsx › Phụ lục!" in text  # a hand-made table: its sheet and row (or cell)
    code, out = run("validate", master, "--json")
    errors = [f for f in json.loads(out) if f["severity"] == "error"]
    assert errors and all(f["file"].endswith(("stp.xlsx", "syt.xlsx")) for f in errors), errors


def test_base_salary_amounts_show_thousands_separators(demo):
    import openpyxl
    ws = openpyxl.load_workbook(demo)["Lương cơ sở"]
    header_row = next(r for r in ws.iter_rows() if any(c.value == "Mức lương cơ sở (đồng)" for c in r))
    col = next(c.column for c in header_row if c.value == "Mức lương cơ sở (đồng)")
    amounts = [ws.cell(r, col) for r in range(header_row[0].row + 1, ws.max_row + 1)
               if isinstance(ws.cell(r, col).value, (int, float))]
    assert amounts and all(c.number_format == "#,##0" for c in amounts), [c.number_format for c in amounts]


def test_the_review_itself_never_reads_year_0_as_the_default(demo):
    from xlsrc.access.files import FileBook
    from xlsrc.errors import ThiDuaError
    from xlsrc.records import read_workbook
    from xlsrc.review import run_review
    with pytest.raises(ThiDuaError, match="Năm rà soát 0"):
        run_review(read_workbook(FileBook(demo)), 0)  # the macros call it without the command line's check
