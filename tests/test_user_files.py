"""Files shaped like the ones departments really send: typed by hand, with
title blocks, numbers stored as text, dates in several forms. Each test
builds a real file, runs the real command and reads the real output."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S

from .demo_folder import demo_run  # noqa: F401 (a fixture)
from .sheet_values import sheet_records, sheet_rows
from .user_books import run_cli


def _run(argv) -> int:
    code, _run.stdout, _run.stderr = run_cli(argv)
    return code


def _hand_typed_annex(path: Path, rows: list[tuple], header=("TT", "Tên công trình", "Đơn vị chủ trì",
                                                              "Ngày bắt đầu", "Ngày hoàn thành",
                                                              "Tỷ lệ hoàn thành")) -> Path:
    """A commune's annex typed by hand: a title block, then the table, every
    cell typed as text (as a web form or a careless copy leaves it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "UBND XÃ THẠCH LẠC"
    ws["A3"] = "BIỂU TỔNG HỢP CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"
    ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def _master_works(path: Path) -> list[dict]:
    return sheet_records(path, S.WORKS.name)


def _consolidate(tmp_path: Path, *files: Path) -> tuple[list[dict], list[dict]]:
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", *files, "-o", out, "--json", "--jobs", "1"])
    assert code in (0, 1, 3), _run.stderr  # 1: the data taken has errors
    return _master_works(out), json.loads(_run.stdout)["findings"]


def test_a_fraction_typed_as_text_among_whole_percents_is_never_read_silently(tmp_path):
    """'0,5' typed as text between '75' and '100': 0,5% or 50%? Either way the
    board must be told, as for the same number stored as a number."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "75"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "30/09/2025", "0,5"),
        ("3", "Điện chiếu sáng", "Đoàn Thanh niên", "01/03/2025", "31/08/2025", "100"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    ambiguous = [f for f in findings if f["code"] == "PROGRESS_AMBIGUOUS"]
    assert [f["cell"] for f in ambiguous] == ["F7"], findings
    assert "0,5%" in ambiguous[0]["message"] and "50%" in ambiguous[0]["message"]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.75, 0.005, 1.0]


def test_a_column_of_fractions_typed_as_text_is_read_as_fractions(tmp_path):
    """A column where every number typed is at most 1 ('0,5', '0,8', '1') is
    a column of fractions, whether the numbers are stored as numbers or text."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "0,5"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "30/09/2025", "0.8"),
        ("3", "Điện chiếu sáng", "Đoàn Thanh niên", "01/03/2025", "31/08/2025", "1"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.5, 0.8, 1.0]
    assert not [f for f in findings if f["code"].startswith("PROGRESS")], findings


PORTAL_CSV = ("STT;Tên công trình, phần việc;Đơn vị thực hiện;Ngày khởi công;Ngày hoàn thành;Tiến độ (%)\r\n"
              "1;\"Cải tạo nhà văn hóa; sân chơi\";Phường Trần Phú;01/03/2025;30/09/2025;80\r\n"
              "2;Lát vỉa hè;Phường Trần Phú;2025-04-01;2025-12-31;45,5\r\n")


@pytest.mark.parametrize("given", ["file", "folder"])
def test_a_csv_exported_from_a_web_portal_is_consolidated_under_its_own_name(tmp_path, given):
    """A portal's export keeps its .csv name; it is read (not refused, and not
    silently left out of a folder)."""
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    unit = folder / "phuong_tran_phu.csv"
    unit.write_bytes(b"\xef\xbb\xbf" + PORTAL_CSV.encode("utf-8"))
    works, _ = _consolidate(tmp_path, unit if given == "file" else folder)
    assert [(w["Tên công trình, phần việc"], w["Tiến độ hoàn thành (%)"]) for w in works] == [
        ("Cải tạo nhà văn hóa; sân chơi", 0.8), ("Lát vỉa hè", 0.455)]
    assert works[1]["Ngày hoàn thành"].date().isoformat() == "2025-12-31"


def test_the_unit_map_kept_in_the_folder_of_reports_is_not_read_as_a_report(tmp_path):
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    (folder / "phuong_tran_phu.csv").write_bytes(PORTAL_CSV.encode("utf-8"))
    unit_map = folder / "donvi.csv"
    unit_map.write_text("file,unit\nphuong_tran_phu.csv,UBND phường Trần Phú\n", encoding="utf-8")
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", folder, "-o", out, "--json", "--unit-map", unit_map, "--jobs", "1"])
    files = json.loads(_run.stdout)["files"]
    assert code == 0 and [(Path(f["file"]).name, f["unit"]) for f in files] == [
        ("phuong_tran_phu.csv", "UBND phường Trần Phú")]


def _demo_edited(tmp_path: Path, edit) -> Path:
    """The demo workbook as a user leaves it after typing into it by hand."""
    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content
    path = write_workbook(tmp_path / "demo.xlsx", demo_content())
    wb = openpyxl.load_workbook(path)
    edit(wb)
    out = tmp_path / "ThiDua.xlsx"
    wb.save(out)
    return out


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def _number_with_date(date_cell):
    def edit(wb):
        ws = wb[S.AWARDS.name]
        number, date = _column(ws, "Số quyết định"), _column(ws, "Ngày quyết định")
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, number).value == "45/QĐ-SNgV":
                ws.cell(r, number).value = "Số 45/QĐ-SNgV ngày 22/12/2025"
                ws.cell(r, date).value = date_cell
    return edit


def test_a_decision_number_typed_with_its_date_is_read_as_number_and_date(tmp_path):
    """'Số 45/QĐ-SNgV ngày 22/12/2025' in the Số quyết định column, the date
    column left empty: the number and the date are both read, with a warning;
    the decision is made with every recipient."""
    book = _demo_edited(tmp_path, _number_with_date(None))
    assert _run(["validate", book, "--json"]) == 0, _run.stdout
    findings = json.loads(_run.stdout)
    told = [f for f in findings if f["code"] == "DOC_NUMBER_WITH_DATE"]
    assert len(told) == 7 and all(f["severity"] == "warning" for f in told)
    assert "45/QĐ-SNgV" in told[0]["message"] and "22/12/2025" in told[0]["message"]
    assert not [f for f in findings if f["code"] in ("DECISION_NOT_LISTED", "DECISION_WITHOUT_AWARD")]
    assert _run(["decision", book, "--so", "45/QĐ-SNgV", "-o", tmp_path / "QD.docx"]) == 0, _run.stderr
    from docx import Document
    text = "\n".join(p.text for p in Document(tmp_path / "QD.docx").paragraphs)
    assert "02 tập thể và 05 cá nhân" in text


def test_a_decision_number_whose_date_disagrees_with_the_date_column_is_an_error(tmp_path):
    import datetime as dt
    book = _demo_edited(tmp_path, _number_with_date(dt.datetime(2025, 12, 23)))
    assert _run(["validate", book, "--json"]) == 1
    conflicts = [f for f in json.loads(_run.stdout) if f["code"] == "DOC_NUMBER_DATE_CONFLICT"]
    assert len(conflicts) == 7 and "22/12/2025" in conflicts[0]["message"] and "23/12/2025" in conflicts[0]["message"]


def test_a_decision_number_typed_with_its_date_keeps_its_date_in_the_master(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    ws.append(["SỞ Y TẾ HÀ TĨNH"])
    ws.append([])
    ws.append(["TT", "Hình thức khen thưởng", "Đối tượng", "Họ và tên", "Lĩnh vực", "Quyết định số"])
    ws.append([1, "Giấy khen", "Cá nhân", "Bà Lê Thị Hoa", "Phòng chống dịch", "Số 45/QĐ-SYT ngày 05/01/2025"])
    wb.save(tmp_path / "so_y_te.xlsx")
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", tmp_path / "so_y_te.xlsx", "-o", out, "--json", "--jobs", "1"]) == 0, _run.stdout
    rows = sheet_rows(out, S.AWARDS.name)
    [award] = [dict(zip(rows[0], r)) for r in rows[1:] if any(r)]
    assert award["Số quyết định"] == "45/QĐ-SYT"
    assert award["Ngày quyết định"].date().isoformat() == "2025-01-05"
    assert [f["code"] for f in json.loads(_run.stdout)["findings"]] == ["DOC_NUMBER_WITH_DATE"]


def _honorifics_typed(wb):
    staff, awards = wb[S.STAFF.name], wb[S.AWARDS.name]
    name = _column(staff, "Họ và tên")
    for r in range(2, staff.max_row + 1):
        if staff.cell(r, name).value == "Nguyễn Văn A":
            staff.cell(r, name).value = "Ông Nguyễn Văn A"
    recipient = _column(awards, "Tên tập thể, cá nhân")
    typed = {"Nguyễn Văn A": "Ông Nguyễn Văn A", "Trần Thị B": "Bà Trần Thị B", "Phạm Thị D": "Đồng chí Phạm Thị D"}
    for r in range(2, awards.max_row + 1):
        value = awards.cell(r, recipient).value
        if value in typed:
            awards.cell(r, recipient).value = typed[value]


def test_names_typed_with_ong_ba_are_never_printed_twice_and_still_match_the_staff(tmp_path):
    """'Ông Nguyễn Văn A' typed on Cán bộ or Khen thưởng: the annex and the
    certificates say 'Ông Nguyễn Văn A' (not 'Ông Ông …'), and a recipient
    typed 'Đồng chí Phạm Thị D' is still found on Cán bộ (her position, 'Bà')."""
    from docx import Document
    book = _demo_edited(tmp_path, _honorifics_typed)
    assert _run(["decision", book, "--so", "45/QĐ-SNgV", "-o", tmp_path / "QD.docx"]) == 0, _run.stderr
    annex = {row.cells[1].text: row.cells[2].text for t in Document(tmp_path / "QD.docx").tables for row in t.rows
             if len(row.cells) > 2}
    assert annex["Ông Nguyễn Văn A"] == "Chánh Văn phòng, Sở Ngoại vụ"  # the post names its office
    assert annex["Bà Trần Thị B"] == "Phó Chánh Văn phòng, Sở Ngoại vụ"
    assert annex["Bà Phạm Thị D"] == "Chuyên viên, Văn phòng, Sở Ngoại vụ"
    assert not [n for n in annex if n.startswith(("Ông Ông", "Bà Bà", "Bà Đồng chí"))]
    assert _run(["certificates", book, "--so", "45/QĐ-SNgV", "-o", tmp_path / "GK.docx"]) == 0, _run.stderr
    text = "\n".join(p.text for p in Document(tmp_path / "GK.docx").paragraphs)
    assert "Ông Nguyễn Văn A" in text and "Bà Phạm Thị D" in text and "Ông Ông" not in text and "Bà Bà" not in text


def test_the_summary_of_a_unit_without_awards_does_not_write_00_collectives(tmp_path):
    """'00 tập thể và 00 cá nhân' is not Vietnamese administrative writing:
    a zero side is left out, and no award at all is said in words."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "75")])
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", unit, "-o", out, "--jobs", "1"]) == 0
    rows = {r[0]: r for r in sheet_rows(out, S.SUMMARY_SHEET) if r[0]}
    assert rows["Cộng khen thưởng"][1:4] == (0, 0, "Chưa có khen thưởng")


def test_words_that_do_not_say_done_or_a_single_figure_are_not_read_as_one(tmp_path):
    """'Cơ bản hoàn thành' (substantially, not fully, done) is not 100% and not
    'Hoàn thành'; '80-90%' is a range, not 80% with a note '90%'. Both are
    kept as typed, with a warning, and counted as neither done nor 80%."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "Cơ bản hoàn thành"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "30/09/2025", "80-90%"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    assert [(f["cell"], f["code"]) for f in findings] == [("F6", "PROGRESS_TEXT"), ("F7", "PROGRESS_TEXT")]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == ["Cơ bản hoàn thành", "80-90%"]
    assert [w["Tình trạng (đơn vị ghi)"] for w in works] == [None, None]
    summary = {r[0]: r[1] for r in sheet_rows(tmp_path / "TongHop.xlsx", S.SUMMARY_SHEET) if r[0]}
    assert summary["Đã hoàn thành"] == 0


@pytest.mark.parametrize("typed", ["Đã hoàn thành giai đoạn 1", "Hoàn thành hạng mục nhà chính", "Hoàn thành một phần"])
def test_a_part_done_is_not_the_work_done(tmp_path, typed):
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", typed)])
    works, findings = _consolidate(tmp_path, unit)
    assert [f["code"] for f in findings] == ["PROGRESS_TEXT"]
    assert works[0]["Tình trạng (đơn vị ghi)"] is None and works[0]["Tiến độ hoàn thành (%)"] == typed


def test_validating_a_hand_made_annex_says_it_is_not_a_workbook_from_the_template(tmp_path):
    """A department runs 'thidua validate' on its own hand-typed annex: it is
    told why no work is read (not just 'Thiếu trang Thông tin'), and what to
    do; compute does not report '0 công trình' as if that were the count."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "75")])
    assert _run(["validate", unit, "--json"]) == 1
    [finding] = json.loads(_run.stdout)
    assert finding["code"] == "SHEET_MISSING" and "Công trình" in finding["message"]
    assert "thidua new" in finding["message"] and "thidua consolidate" in finding["message"]
    assert _run(["compute", unit, "-o", tmp_path / "DaTinh.xlsx"]) == 2
    assert "0 công trình" not in _run.stdout + _run.stderr and "thidua consolidate" in _run.stderr
    assert not (tmp_path / "DaTinh.xlsx").exists()


@pytest.mark.long
@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice not installed")
def test_the_signature_of_a_decision_never_stands_on_a_page_without_its_text(tmp_path, demo_run):
    """The last article goes with the signature block: a signature page with
    no word of the decision on it could be put under another text."""
    import subprocess
    assert demo_run.returncode == 0, demo_run.stderr
    docx = tmp_path / "QuyetDinh_45-QD-SNgV.docx"
    assert _run(["decision", demo_run.folder / "ThiDua_demo.xlsx", "--so", "45/QĐ-SNgV", "-o", docx,
                 "--pdf"]) == 0, _run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    [signed] = [page for page in text.split("\f") if "Đặng Văn K" in page]
    assert "Điều 3." in signed and "Nơi nhận:" in signed


def test_a_hidden_sheet_with_last_years_table_is_not_consolidated_silently(tmp_path):
    """Departments hide last year's annex instead of deleting it: its works
    are not this year's report. They are left out, and the board is told."""
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Phụ lục 2024"
    new = wb.create_sheet("Phụ lục 2025")
    for ws, year, done in ((old, 2024, 100), (new, 2025, 50)):
        ws.append(["SỞ XÂY DỰNG HÀ TĨNH"])
        ws.append([])
        ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
        for i in range(1, 4):
            ws.append([i, f"Công trình {year} số {i}", "Phòng Quản lý xây dựng", f"01/02/{year}", f"30/11/{year}",
                       done])
    old.sheet_state = "hidden"
    wb.active = 1
    wb.save(tmp_path / "so_xay_dung.xlsx")
    works, findings = _consolidate(tmp_path, tmp_path / "so_xay_dung.xlsx")
    assert [w["Tên công trình, phần việc"] for w in works] == [f"Công trình 2025 số {i}" for i in (1, 2, 3)]
    [hidden] = [f for f in findings if f["code"] == "SHEET_HIDDEN"]
    assert hidden["severity"] == "warning" and hidden["sheet"] == "Phụ lục 2024" and "ẩn" in hidden["message"]


def test_a_table_only_on_a_hidden_sheet_is_read_with_a_warning(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
    ws.append([1, "Cải tạo trụ sở", "Văn phòng Sở", "01/02/2025", "30/11/2025", 50])
    wb.create_sheet("Ghi chú")["A1"] = "Số liệu đến 10/11/2025"
    ws.sheet_state = "hidden"
    wb.active = 1
    wb.save(tmp_path / "so_xay_dung.xlsx")
    works, findings = _consolidate(tmp_path, tmp_path / "so_xay_dung.xlsx")
    assert [w["Tên công trình, phần việc"] for w in works] == ["Cải tạo trụ sở"]
    assert [(f["code"], f["sheet"]) for f in findings] == [("SHEET_HIDDEN", "Phụ lục")]


def test_a_copied_sheet_is_not_counted_twice_without_a_word(tmp_path):
    """'Phụ lục (2)', a copy Excel made of the annex, doubles every work: each
    copied row is an error naming the row it repeats, in the consolidation's
    own findings (not only later, when the master is validated)."""
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Phụ lục"
    copy = wb.create_sheet("Phụ lục (2)")
    for ws in (first, copy):
        ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
        for i in (1, 2):
            ws.append([i, f"Công trình số {i}", "Phòng QLXD", "01/02/2025", "30/11/2025", 50])
    wb.save(tmp_path / "so_xay_dung.xlsx")
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", tmp_path / "so_xay_dung.xlsx", "-o", out, "--json", "--jobs", "1"]) == 1  # its copied rows are errors
    result = json.loads(_run.stdout)
    dup = [(f["sheet"], f["cell"], f["severity"]) for f in result["findings"] if f["code"] == "DUPLICATE_ROW"]
    assert dup == [("Phụ lục (2)", "B2", "error"), ("Phụ lục (2)", "B3", "error")]
    assert "Phụ lục" in [f for f in result["findings"] if f["code"] == "DUPLICATE_ROW"][0]["message"]
    assert result["files"][0]["errors"] == 2


def test_a_disbursement_rate_is_never_read_as_the_progress_of_the_work(tmp_path):
    """'Tỷ lệ giải ngân (%)' is money paid out, not work done: it is kept as
    typed (Thông tin thêm) and never becomes the progress."""
    unit = _hand_typed_annex(tmp_path / "ban_qlda.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Ban QLDA", "05/01/2025", "30/06/2025", "35")],
        header=("TT", "Tên công trình", "Đơn vị chủ trì", "Ngày bắt đầu", "Ngày hoàn thành", "Tỷ lệ giải ngân (%)"))
    works, _ = _consolidate(tmp_path, unit)
    assert works[0]["Tiến độ hoàn thành (%)"] is None
    assert works[0]["Thông tin thêm"] == "Tỷ lệ giải ngân (%): 35"


@pytest.mark.parametrize("header", ["Khối lượng hoàn thành (%)", "Kết quả hoàn thành", "Giá trị hoàn thành"])
def test_a_column_of_what_was_done_is_never_read_as_the_finish_date(tmp_path, header):
    """'Khối lượng hoàn thành (%)' holds 10, 80…: read as the finish date,
    10 became 'Tháng 10'. It is not a date column."""
    unit = _hand_typed_annex(tmp_path / "ban_qlda.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Ban QLDA", "05/01/2025", "10")],
        header=("TT", "Tên công trình", "Đơn vị chủ trì", "Ngày bắt đầu", header))
    works, findings = _consolidate(tmp_path, unit)
    assert works[0]["Ngày hoàn thành"] is None
    assert not [f for f in findings if f["code"].startswith("DATE_")], findings


def _headers_retyped(wb):
    """The headers as departments type them on their own lists."""
    staff, awards = wb[S.STAFF.name], wb[S.AWARDS.name]
    staff.cell(1, _column(staff, "Giới tính")).value = "Nam/Nữ"
    number, date = _column(awards, "Số quyết định"), _column(awards, "Ngày quyết định")
    awards.cell(1, number).value = "Số, ngày quyết định"
    awards.cell(1, date).value = "Ghi chú khác"
    for r in range(2, awards.max_row + 1):
        if awards.cell(r, number).value == "45/QĐ-SNgV":
            awards.cell(r, number).value = "45/QĐ-SNgV, 22/12/2025"
            awards.cell(r, date).value = None


def test_headers_typed_the_usual_way_still_give_the_number_the_date_and_the_salutation(tmp_path):
    """'Số, ngày quyết định' holding '45/QĐ-SNgV, 22/12/2025' and a 'Nam/Nữ'
    column: the decision lists everyone, with Ông/Bà."""
    from docx import Document
    book = _demo_edited(tmp_path, _headers_retyped)
    assert _run(["validate", book, "--json"]) == 0, _run.stdout
    assert not [f for f in json.loads(_run.stdout) if f["code"].startswith(("DATE_", "DECISION_"))]
    assert _run(["decision", book, "--so", "45/QĐ-SNgV", "-o", tmp_path / "QD.docx"]) == 0, _run.stderr
    names = [row.cells[1].text for t in Document(tmp_path / "QD.docx").tables for row in t.rows if len(row.cells) > 2]
    assert "Ông Nguyễn Văn A" in names and "Bà Trần Thị B" in names


@pytest.mark.long
def test_the_proposal_list_never_writes_a_share_that_reads_like_a_date(tmp_path, demo_run):
    """'02/03 cá nhân' reads as 2 March in an administrative list."""
    assert demo_run.returncode == 0, demo_run.stderr
    out = tmp_path / "RaSoat.xlsx"
    assert _run(["review", demo_run.folder / "ThiDua_demo.xlsx", "-o", out]) == 0, _run.stderr
    rows = sheet_rows(out, "Danh sách đề nghị")
    collective = [r for r in rows if r[1] == "Phòng Hợp tác quốc tế"][0]
    assert "02 trên tổng số 03 cá nhân đạt danh hiệu Lao động tiên tiến" in collective[5]
    assert "02/03" not in collective[5]


def test_a_summary_by_unit_above_the_list_of_works_is_not_taken_for_it(tmp_path):
    """'TT | Đơn vị | Số công trình | Đã hoàn thành | Tỷ lệ (%)' above the
    list: the list is read, not the counts as if they were works."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ TĨNH"])
    ws.append(["I. TỔNG HỢP THEO ĐƠN VỊ"])
    ws.append(["TT", "Đơn vị", "Số công trình", "Đã hoàn thành", "Tỷ lệ (%)"])
    ws.append([1, "Trường THPT Phan Đình Phùng", 1, 1, 100])
    ws.append([2, "Trường THPT Hà Huy Tập", 1, 1, 100])
    ws.append([])
    ws.append(["II. DANH MỤC CÔNG TRÌNH"])
    ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
    ws.append([1, "Nhà đa năng", "Trường THPT Phan Đình Phùng", "01/02/2025", "30/11/2025", 100])
    ws.append([2, "Thư viện số", "Trường THPT Hà Huy Tập", "01/03/2025", "30/10/2025", 100])
    wb.save(tmp_path / "so_gddt.xlsx")
    works, findings = _consolidate(tmp_path, tmp_path / "so_gddt.xlsx")
    assert [(w["Tên công trình, phần việc"], w["Đơn vị thực hiện"]) for w in works] == [
        ("Nhà đa năng", "Trường THPT Phan Đình Phùng"), ("Thư viện số", "Trường THPT Hà Huy Tập")]
    assert findings == []


def test_a_summary_table_below_the_list_of_works_ends_it(tmp_path):
    """A second table under the list ('TT | Đơn vị | Số công trình …'): its
    header row and its counts are not works."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
    ws.append([1, "Nhà đa năng", "Trường THPT Phan Đình Phùng", "01/02/2025", "30/11/2025", 100])
    ws.append([2, "Thư viện số", "Trường THPT Hà Huy Tập", "01/03/2025", "30/10/2025", 100])
    ws.append([])
    ws.append(["TỔNG HỢP THEO ĐƠN VỊ"])
    ws.append(["STT", "Đơn vị", "Số công trình", "Đã hoàn thành", "Tỷ lệ (%)"])
    ws.append([1, "Trường THPT Phan Đình Phùng", 1, 1, 100])
    wb.save(tmp_path / "so_gddt.xlsx")
    works, findings = _consolidate(tmp_path, tmp_path / "so_gddt.xlsx")
    assert [w["Tên công trình, phần việc"] for w in works] == ["Nhà đa năng", "Thư viện số"]
    assert findings == []


def test_a_header_repeated_on_a_new_page_with_a_shorter_name_does_not_end_the_table(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    header = ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"]
    ws.append(header)
    ws.append([1, "Nhà đa năng", "Trường THPT Phan Đình Phùng", "01/02/2025", "30/11/2025", 100])
    ws.append(["TT", "Tên công trình"] + header[2:])
    ws.append([2, "Thư viện số", "Trường THPT Hà Huy Tập", "01/03/2025", "30/10/2025", 100])
    wb.save(tmp_path / "so_gddt.xlsx")
    works, findings = _consolidate(tmp_path, tmp_path / "so_gddt.xlsx")
    assert [w["Tên công trình, phần việc"] for w in works] == ["Nhà đa năng", "Thư viện số"]


@pytest.mark.parametrize("one_cell", [False, True])
def test_two_communes_with_the_standard_two_line_heading_are_two_units(tmp_path, one_cell):
    """'ỦY BAN NHÂN DÂN' over 'XÃ CẨM BÌNH' (NĐ 30 heading, in two cells or one):
    each commune is its own unit, and neither file replaces the other."""
    for commune, work in (("CẨM BÌNH", "Đường thôn 1"), ("THẠCH LẠC", "Nhà văn hóa thôn 2")):
        wb = openpyxl.Workbook()
        ws = wb.active
        if one_cell:
            ws.append([f"ỦY BAN NHÂN DÂN\nXÃ {commune}", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
        else:
            ws.append(["ỦY BAN NHÂN DÂN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
            ws.append([f"XÃ {commune}", None, None, "Độc lập - Tự do - Hạnh phúc"])
        ws.append([])
        ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
        ws.append([1, work, "Thôn", "01/02/2025", "30/11/2025", 50])
        wb.save(tmp_path / f"bao_cao_{commune.split()[-1].lower()}.xlsx")
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", tmp_path, "-o", out, "--json", "--jobs", "1"]) == 0, _run.stdout
    files = json.loads(_run.stdout)["files"]
    assert sorted((f["unit"], f["status"], f["rows"]) for f in files) == [
        ("Ủy ban nhân dân xã Cẩm Bình", "ok", 1), ("Ủy ban nhân dân xã Thạch Lạc", "ok", 1)]


def test_files_of_the_same_name_in_the_folders_of_two_units_are_two_units(tmp_path):
    """Every commune sends 'Bao cao thi dua.xlsx'; the board keeps each in
    its own folder. With no heading to name the unit, the folder tells them
    apart: one file never replaces the other as 'trùng'."""
    for folder, work in (("Cam Binh", "Đường thôn 1"), ("Thach Lac", "Nhà văn hóa thôn 2")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"])
        ws.append([1, work, "Thôn", "01/02/2025", "30/11/2025", 50])
        wb.save(tmp_path / "in" / folder / "Bao cao thi dua.xlsx")
    works, _ = _consolidate(tmp_path, tmp_path / "in")
    files = json.loads(_run.stdout)["files"]
    assert sorted((f["unit"], f["status"]) for f in files) == [
        ("Bao cao thi dua (Cam Binh)", "ok"), ("Bao cao thi dua (Thach Lac)", "ok")]
    assert sorted(w["Tên công trình, phần việc"] for w in works) == ["Nhà văn hóa thôn 2", "Đường thôn 1"]


def _new_workbook_filled(tmp_path: Path) -> Path:
    """A new user's first workbook: 'thidua new', Thông tin and two works typed, nothing else."""
    book = tmp_path / "ThiDua.xlsx"
    assert _run(["new", book]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb[S.INFO.name]
    values = {"Cơ quan chủ quản *": "UBND TỈNH HÀ TĨNH", "Cơ quan ban hành *": "SỞ TƯ PHÁP",
              "Tên đơn vị (trong câu văn) *": "Sở Tư pháp", "Số, ký hiệu *": "215/BC-STP", "Địa danh *": "Hà Tĩnh",
              "Ngày ban hành *": "10/11/2025", "Loại văn bản *": "Báo cáo",
              "Trích yếu *": "Kết quả thực hiện công trình, phần việc năm 2025",
              "Kính gửi *": "Ban Thi đua - Khen thưởng tỉnh", "Phong trào thi đua *": "phong trào thi đua năm 2025",
              "Chức vụ người ký *": "GIÁM ĐỐC", "Người ký": "Nguyễn Văn Bình", "Nơi nhận *": "- Như trên;\n- Lưu: VT."}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in values:
            ws.cell(r, 2).value = values[ws.cell(r, 1).value]
    works = wb[S.WORKS.name]
    for i, (name, start, finish, progress) in enumerate((("Số hoá hồ sơ hộ tịch", "01/3/2025", "30/11/2025", "80%"),
                                                         ("Tuyên truyền PBGDPL", "01/02/2025", "31/10/2025", "100%")),
                                                        start=2):
        for header, value in (("TT", i - 1), ("Tên công trình, phần việc", name), ("Ngày khởi công", start),
                              ("Ngày hoàn thành", finish), ("Tiến độ hoàn thành (%)", progress)):
            works.cell(i, _column(works, header)).value = value
    wb.save(book)
    return book


def test_a_first_report_with_no_narrative_does_not_begin_a_section_with_besides(tmp_path):
    """With no paragraph of its own under '2. Kết quả thực hiện', the count of
    works is not introduced by 'Bên cạnh đó' (besides that), which would refer
    to nothing."""
    from docx import Document
    book = _new_workbook_filled(tmp_path)
    assert _run(["report", book, "-o", tmp_path / "BC.docx"]) == 0, _run.stderr
    texts = [p.text for p in Document(tmp_path / "BC.docx").paragraphs if p.text.strip()]
    after = texts[next(i for i, t in enumerate(texts) if t.startswith("2. ")) + 1]
    assert after == "Sở Tư pháp đã đăng ký 02 công trình, phần việc."


@pytest.mark.parametrize("header", ["Số QĐ, ngày", "QĐ số", "Số hiệu quyết định", "Số, ngày, tháng, năm quyết định",
                                    "Quyết định khen thưởng"])
def test_the_decision_column_of_an_awards_list_is_found_under_its_usual_headers(tmp_path, header):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Hình thức khen thưởng", "Đối tượng", "Họ và tên", "Lĩnh vực", header])
    ws.append([1, "Giấy khen", "Cá nhân", "Lê Thị Hoa", "Phòng chống dịch", "45/QĐ-SYT ngày 05/01/2025"])
    wb.save(tmp_path / "so_y_te.xlsx")
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", tmp_path / "so_y_te.xlsx", "-o", out, "--json", "--jobs", "1"]) == 0, _run.stdout
    rows = sheet_rows(out, S.AWARDS.name)
    [award] = [dict(zip(rows[0], r)) for r in rows[1:] if any(r)]
    assert (award["Số quyết định"], award["Ngày quyết định"].date().isoformat()) == ("45/QĐ-SYT", "2025-01-05")


def test_dates_typed_with_a_word_around_them_are_read_with_a_warning_and_kept_as_typed(tmp_path):
    """'30/09/2025 (dự kiến)', 'Dự kiến tháng 12/2025', 'Từ 01/3/2025': the
    date is read (the unit need not resend its file), a warning says how,
    and the master keeps the cell as typed."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "Từ 01/3/2025", "30/09/2025 (dự kiến)", "75"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "Dự kiến tháng 12/2025", "50"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    assert [(f["cell"], f["code"], f["severity"]) for f in findings] == [
        ("D6", "DATE_INTERPRETED", "warning"), ("E6", "DATE_INTERPRETED", "warning"),
        ("E7", "DATE_INTERPRETED", "warning")]
    assert "30/9/2025" in findings[1]["message"] and "Tháng 12/2025" in findings[2]["message"]
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == [
        ("Từ 01/3/2025", "30/09/2025 (dự kiến)"), (works[1]["Ngày khởi công"], "Dự kiến tháng 12/2025")]
    assert _run(["validate", tmp_path / "TongHop.xlsx", "--json"]) == 0  # the master reads them the same way
    again = [f for f in json.loads(_run.stdout) if f.get("file", "").endswith("xa_thach_lac.xlsx")]
    assert [f["code"] for f in again] == ["DATE_INTERPRETED"] * 3  # pointed to the unit's file, as consolidated
    assert [f["cell"] for f in again] == ["D6", "E6", "E7"]
