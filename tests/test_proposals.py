"""Issue 21 §1: the units' proposals (Word tờ trình and danh sách, hand-made
Excel lists, the Danh sách đề nghị of thidua workbooks) consolidated into one
checked list, 'Đề nghị của các đơn vị', each row with its source."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from xlsrc import schema as S
from xlsrc.consolidate import consolidate, write_master
from xlsrc.consolidate.cli_view import summary_text
from xlsrc.consolidate.extract import extract_file
from xlsrc.legacy_encodings import encode_tcvn3

from .demo_folder import demo_run  # noqa: F401 (a fixture)
from .sheet_values import sheet_records, sheet_rows
from .user_books import run_cli

SHEET = S.UNIT_PROPOSALS.name


def _to_trinh(path: Path, agency: str, title: str, header: list[str], rows: list[tuple], **kw) -> Path:
    """A unit's tờ trình with its list, as the demo writes them (xlsrc/proposals/demo.py)."""
    from xlsrc.proposals.demo import proposal_docx
    number = kw.pop("number", "12/TTr-STP")
    path.write_bytes(proposal_docx(agency, number, title, header, rows, dated="Hà Tĩnh, ngày 05 tháng 12 năm 2025",
                                   **kw))
    return path


def _header(doc: Document, agency: str, parent: str = "UBND TỈNH HÀ TĨNH", number: str = "12/TTr-STP") -> None:
    """The NĐ 30/2020 heading: a borderless two-column table."""
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text = f"{parent}\n{agency}"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = f"Số: {number}"
    t.cell(1, 1).text = "Hà Tĩnh, ngày 05 tháng 12 năm 2025"


def _master_rows(path: Path) -> list[dict]:
    return sheet_records(path, SHEET)


def test_a_word_proposal_under_a_title_with_sections_and_honorifics(tmp_path):
    src = _to_trinh(tmp_path / "STP.docx", "SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
                    ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Thành tích tóm tắt"],
                    [("", "I. Tập thể", "", ""),
                     ("1", "Phòng Hành chính tư pháp", "Sở Tư pháp", "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục"),
                     ("", "II. Cá nhân", "", ""),
                     ("01", "Ông Nguyễn Văn An", "Trưởng phòng", "HTXS nhiệm vụ 2024, 2025"),
                     ("02", "Bà Trần Thị Bình", "Chuyên viên", "HTXS nhiệm vụ")])
    result = consolidate([str(src)], jobs=1)
    out = write_master(result, tmp_path / "master.xlsx")
    rows = _master_rows(out)
    assert [r["Tên tập thể, cá nhân"] for r in rows] == ["Phòng Hành chính tư pháp", "Nguyễn Văn An", "Trần Thị Bình"]
    assert [r["Đối tượng"] for r in rows] == [S.COLLECTIVE, S.INDIVIDUAL, S.INDIVIDUAL]
    assert [r["Giới tính"] for r in rows] == [None, "Nam", "Nữ"]
    assert {r["Hình thức, danh hiệu đề nghị"] for r in rows} == {"Bằng khen cấp bộ, ban, ngành, tỉnh"}
    assert {r["Đơn vị đề nghị"] for r in rows} == {"Sở Tư pháp"}      # from the document's heading
    assert [(r["Nguồn: trang tính"], r["Nguồn: dòng"]) for r in rows] == [("Bảng 2", 3), ("Bảng 2", 5), ("Bảng 2", 6)]
    assert rows[1]["Thành tích tóm tắt"] == "HTXS nhiệm vụ 2024, 2025"
    # the form taken from the title is said, at its row, in the master and in --json
    assert "tiêu đề 'DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN" in rows[0]["Kiểm tra"]
    codes = {f["code"] for f in result.findings}
    assert {"FORM_FROM_TITLE", "KIND_FROM_GROUP"} <= codes and "COLUMN_MISSING" not in codes
    js = result.as_json()
    assert js["proposals"] == 3 and js["files"][0]["proposals"] == 3


def _continued(path: Path) -> Path:
    """A two-row header (merged), the list split into two tables (the second,
    after a page break, without its header), numbering '1.' and a name typed in
    the TCVN3 font .VnTime."""
    doc = Document()
    _header(doc, "UBND XÃ CẨM BÌNH", parent="UBND TỈNH HÀ TĨNH", number="05/TTr-UBND")
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025")
    t = doc.add_table(rows=2, cols=5)
    heads = [("TT", "TT"), ("Họ và tên", "Họ và tên"), ("Đơn vị công tác", "Đơn vị công tác"),
             ("Đề nghị khen thưởng", "Hình thức"), ("Đề nghị khen thưởng", "Thành tích")]
    for c in (0, 1, 2):  # merged down over the two header rows
        t.cell(0, c).merge(t.cell(1, c)).text = heads[c][0]
    for c in (3, 4):
        t.cell(1, c).text = heads[c][1]
    t.cell(0, 3).merge(t.cell(0, 4)).text = "Đề nghị khen thưởng"
    rows = [("1.", "Lê Văn Hùng", "Thôn Bắc", "Giấy khen", "Tích cực"),
            ("2.", "Võ Thị Lan", "Thôn Nam", "Lao động tiên tiến", "Hoàn thành tốt")]
    for r in rows:
        cells = t.add_row().cells
        for c, v in enumerate(r):
            cells[c].text = v
    run_cell = t.add_row().cells
    run_cell[0].text = "3."
    para = run_cell[1].paragraphs[0]
    run = para.add_run(encode_tcvn3("Nguyễn Thị Hương"))
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), ".VnTime")
    fonts.set(qn("w:hAnsi"), ".VnTime")
    run._r.get_or_add_rPr().append(fonts)
    run_cell[2].text, run_cell[3].text, run_cell[4].text = "Thôn Đông", "Giấy khen", "Xuất sắc"
    t2 = doc.add_table(rows=2, cols=5)  # the next page: no header
    for r, values in enumerate([("4.", "Trần Văn Nam", "Thôn Tây", "Giấy khen", "Gương mẫu"),
                                ("5.", "Hồ Thị Mai", "Trường Mầm non", "Lao động tiên tiến", "Tận tụy")]):
        for c, v in enumerate(values):
            t2.cell(r, c).text = v
    doc.save(path)
    return path


def test_a_list_continued_in_a_second_table_with_a_merged_header_and_a_legacy_font(tmp_path):
    ex = extract_file(str(_continued(tmp_path / "CamBinh.docx")))
    assert ex["status"] == "ok", ex["message"]
    rows = ex["rows"]["unit_proposals"]
    assert [r["recipient"] for r in rows] == ["Lê Văn Hùng", "Võ Thị Lan", "Nguyễn Thị Hương", "Trần Văn Nam",
                                              "Hồ Thị Mai"]
    assert [r["form"] for r in rows] == ["Giấy khen", "Lao động tiên tiến", "Giấy khen", "Giấy khen",
                                         "Lao động tiên tiến"]
    assert [r["order"] for r in rows] == [1, 2, 3, 4, 5]
    assert [(r["source_sheet"], r["source_row"]) for r in rows][-2:] == [("Bảng 3", 1), ("Bảng 3", 2)]
    assert ex["unit_text"] == "UBND xã Cẩm Bình" or "Cẩm Bình" in ex["unit_text"]
    assert any(f["code"] == "LEGACY_ENCODING" for f in ex["findings"])
    assert "TCVN3" in ex["message"]


def _hand_made_xlsx(path: Path, unit: str, rows: list[tuple]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS de nghi"
    ws.append([unit.upper()])
    ws.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng đề nghị", "Tóm tắt thành tích"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def reviewed_demo(tmp_path_factory, demo_run):
    """Sở Ngoại vụ's own workbook after its review (Rà soát and Danh sách đề nghị filled)."""
    assert demo_run.returncode == 0, demo_run.stderr
    out = tmp_path_factory.mktemp("demo") / "SoNgoaiVu.xlsx"
    code, _, stderr = run_cli(["review", demo_run.folder / "ThiDua_demo.xlsx", "-o", out])
    assert code in (0, 1), stderr
    return out


def test_each_proposal_is_checked_against_the_units_own_workbook_and_the_other_units(tmp_path, reviewed_demo):
    book = tmp_path / "SoNgoaiVu.xlsx"
    shutil.copyfile(reviewed_demo, book)
    word = _to_trinh(tmp_path / "SNgV_totrinh.docx", "SỞ NGOẠI VỤ", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
                     ["STT", "Họ và tên", "Chức vụ", "Hình thức, danh hiệu đề nghị", "Thành tích tóm tắt"],
                     [("1", "Bà Trần Thị B", "Phó Chánh Văn phòng", "Bằng khen của Chủ tịch UBND tỉnh", "HTXS"),
                      ("2", "Ông Phan Văn Z", "Chuyên viên", "Bằng khen của Chủ tịch UBND tỉnh", "HTXS"),
                      ("3", "Ông Nguyễn Văn A", "Chánh Văn phòng", "Huân chương Lao động hạng Ba", "Cống hiến"),
                      ("4", "Ông Nguyễn Văn A", "Chánh Văn phòng", "Huân chương Lao động hạng Ba", "Trùng")],
                     number="20/TTr-SNgV")
    other = _hand_made_xlsx(tmp_path / "SoTuPhap.xlsx", "Sở Tư pháp",
                            [(1, "Trần Thị B", "Chuyên viên", "Bằng khen của Chủ tịch UBND tỉnh", "Tốt"),
                             (2, "Lê Thị Hoa", "Chuyên viên", "Giấy khen", "Tốt")])
    result = consolidate([str(book), str(word), str(other)], jobs=1)
    rows = _master_rows(write_master(result, tmp_path / "master.xlsx"))
    by = {(r["Đơn vị đề nghị"], r["Tên tập thể, cá nhân"], r["Nguồn: dòng"]): r["Kiểm tra"] or "" for r in rows}
    b_ngv = by[("Sở Ngoại vụ", "Trần Thị B", 2)]
    assert "Lỗi" in b_ngv and "Rà soát" in b_ngv and "không đủ tiêu chuẩn" in b_ngv        # its own review says no
    assert "Sở Tư pháp" in b_ngv                                                          # and another unit proposes her
    assert "không có trong trang 'Cán bộ'" in by[("Sở Ngoại vụ", "Phan Văn Z", 3)]
    assert "Rà soát" not in by[("Sở Ngoại vụ", "Phan Văn Z", 3)]
    twice = by[("Sở Ngoại vụ", "Nguyễn Văn A", 4)]
    assert "Đề nghị hai lần" in twice and "không thuộc thẩm quyền của Chủ tịch UBND tỉnh" in twice
    assert "tự quyết định" in by[("Sở Tư pháp", "Lê Thị Hoa", 6)]
    assert "Sở Ngoại vụ" in by[("Sở Tư pháp", "Trần Thị B", 5)]
    # the Word list, newer, stands for Sở Ngoại vụ's proposals; its workbook still gives works and staff
    files = {Path(f.file).name: f for f in result.files}
    assert files["SNgV_totrinh.docx"].proposals == 4 and files["SoNgoaiVu.xlsx"].status == "ok"


@pytest.mark.long
def test_the_danh_sach_de_nghi_of_a_thidua_workbook_is_read(tmp_path, reviewed_demo):
    ex = extract_file(str(reviewed_demo))
    got = ex["rows"]["unit_proposals"]
    listed = [r for r in sheet_rows(reviewed_demo, S.PROPOSAL_SHEET)[1:] if r[1]]
    assert len(got) == len(listed) > 0
    assert [(r["recipient"], r["form"]) for r in got][:2] == [(listed[0][1], listed[0][4]), (listed[1][1], listed[1][4])]
    assert "unit_proposals" in ex["covered"] and "đề nghị khen thưởng" in ex["message"]


def test_files_that_cannot_be_read_are_listed_with_the_reason(tmp_path, monkeypatch):
    empty = Document()
    empty.add_paragraph("Báo cáo không có bảng")
    empty.save(tmp_path / "khongbang.docx")
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 not really")
    with zipfile.ZipFile(tmp_path / "entity.docx", "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   '<w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>')
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    from xlsrc.proposals import word
    monkeypatch.setattr(word.shutil, "which", lambda name: None)   # no LibreOffice on this PC
    monkeypatch.setattr(word.sys, "platform", "linux")             # and no Word
    result = consolidate([str(tmp_path)], jobs=1)
    status = {Path(f.file).name: (f.status, f.message) for f in result.files}
    assert set(status) == {"khongbang.docx", "hong.docx", "entity.docx", "cu.doc"}
    assert status["khongbang.docx"][0] == "skipped"   # a Word file that proposes nothing: listed, not an error
    assert all(s == "error" for name, (s, _) in status.items() if name != "khongbang.docx")
    assert "Không tìm thấy danh sách đề nghị" in status["khongbang.docx"][1]
    assert result.exit_code == 2 and "1 bỏ qua" in summary_text(result)
    assert "không phải tệp Word" in status["hong.docx"][1]
    assert "an toàn" in status["entity.docx"][1]
    assert "LibreOffice hoặc Microsoft Word" in status["cu.doc"][1]
    for _, message in status.values():
        assert "Traceback" not in message and "Error" not in message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to convert a .doc")
def test_a_doc_file_is_converted_by_libreoffice_and_read(tmp_path):
    (tmp_path / "src").mkdir()
    src = _to_trinh(tmp_path / "src" / "STP.docx", "SỞ TƯ PHÁP",
                    "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN", ["TT", "Họ và tên", "Chức vụ", "Thành tích"],
                    [("1", "Ông Đinh Văn Tú", "Chuyên viên", "Tốt")])
    out = tmp_path / "in"
    out.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(out), str(src)], capture_output=True, timeout=180)
    doc = out / "STP.doc"
    before = doc.read_bytes()
    ex = extract_file(str(doc))
    assert ex["status"] == "ok", ex["message"]
    assert [(r["recipient"], r["form"]) for r in ex["rows"]["unit_proposals"]] == [("Đinh Văn Tú", "Giấy khen")]
    assert "LibreOffice" in ex["message"] and doc.read_bytes() == before


def test_text_from_a_unit_stays_text_in_the_master(tmp_path):
    src = _to_trinh(tmp_path / "x.docx", "SỞ Y TẾ", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN",
                    ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"],
                    [("1", "=HYPERLINK(\"http://x\",\"Bấm\")", "{{ 7*7 }}", "0912345678")])
    out = write_master(consolidate([str(src)], jobs=1), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(out)[SHEET]
    cells = [c for c in ws[2] if c.value is not None]
    assert any(c.value == '=HYPERLINK("http://x","Bấm")' and c.data_type == "s" for c in cells)
    assert any(c.value == "0912345678" for c in cells) and any(c.value == "{{ 7*7 }}" for c in cells)


def test_consolidate_json_lists_each_files_proposals(tmp_path):
    _to_trinh(tmp_path / "a.docx", "SỞ Y TẾ", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN",
              ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"], [("1", "Ông Lê Hải", "Bác sĩ", "Tốt")])
    code, stdout, stderr = run_cli(["consolidate", tmp_path / "a.docx", "-o", tmp_path / "m.xlsx", "--json"])
    data = json.loads(stdout)
    assert data["proposals"] == 1 and data["files"][0]["proposals"] == 1
    assert data["files"][0]["unit"] == "Sở Y tế"


def test_the_same_word_file_sent_twice_is_read_once(tmp_path):
    a = _to_trinh(tmp_path / "a.docx", "SỞ Y TẾ", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN",
                  ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"], [("1", "Ông Lê Hải", "Bác sĩ", "Tốt")])
    shutil.copyfile(a, tmp_path / "a_gui_lai.docx")
    result = consolidate([str(tmp_path)], jobs=1)
    assert sorted(f.status for f in result.files) == ["duplicate", "ok"]
    assert len(result.content.rows["unit_proposals"]) == 1


@pytest.mark.long
def test_the_demo_shows_the_boards_side(demo_run):
    got, folder = demo_run, demo_run.folder  # `thidua demo` in a real process (tests/demo_folder.py)
    assert got.returncode == 0, got.stderr
    rows = _master_rows(folder / "TongHop_DeNghi_demo.xlsx")
    units = {r["Đơn vị đề nghị"] for r in rows}
    assert {"Sở Tư pháp", "Sở Ngoại vụ", "UBND xã Cẩm Bình"} <= units
    checks = "\n".join(r["Kiểm tra"] or "" for r in rows)
    assert "Rà soát" in checks and "không có trong trang 'Cán bộ'" in checks and "thẩm quyền" in checks
    assert (folder / "ThongKe_2021_demo.xlsx").exists()
    awards = [r for r in sheet_rows(folder / "TongHop_DeNghi_demo.xlsx", S.AWARDS.name)  # a unit's decision
              if "QuyetDinh_40-QD-STP.docx" in str(r)]
    assert len(awards) == 3 and all("40/QĐ-STP" in r for r in awards)
    assert "3 dòng khen thưởng đọc từ quyết định của đơn vị" in got.stdout


def test_the_units_proposals_become_the_boards_own_list_to_vote_on(tmp_path):
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    src = _to_trinh(tmp_path / "STP.docx", "SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
                    ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"],
                    [("1", "Ông Nguyễn Văn An", "Trưởng phòng", "HTXS 2024, 2025"),
                     ("2", "Phòng Bổ trợ tư pháp", "Sở Tư pháp", "HTXS")])
    out = write_master(consolidate([str(src)], jobs=1), tmp_path / "m.xlsx")
    data = read_workbook(FileBook(out))
    got = [(r.text("subject"), r["form"], r.text("note")) for r in data.records["proposals"]]
    assert got == [("Nguyễn Văn An", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Đề nghị của Sở Tư pháp"),
                   ("Phòng Bổ trợ tư pháp", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Đề nghị của Sở Tư pháp")]


def _grid_docx(path: Path, title_in_table: str | None, header: list[str], rows: list[tuple], before: str = "",
               agency: str = "SỞ Y TẾ") -> Path:
    """A tờ trình whose list has its title either above the table or in the table's first row, merged across."""
    doc = Document()
    _header(doc, agency)
    if before:
        doc.add_paragraph(before)
    extra = 1 if title_in_table else 0
    t = doc.add_table(rows=1 + extra, cols=len(header))
    t.style = "Table Grid"
    if title_in_table:
        t.cell(0, 0).merge(t.cell(0, len(header) - 1)).text = title_in_table
    for i, h in enumerate(header):
        t.cell(extra, i).text = h
    for r in rows:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    doc.save(path)
    return path


def test_sections_by_form_with_numbered_kind_rows_a_total_and_titles_before_names(tmp_path):
    """'I. BẰNG KHEN …' then '1 | Tập thể' / '2 | Cá nhân' numbered like items: those rows are sections,
    never proposals; the total row is left out; a doctor's degree before a name says a person."""
    src = _grid_docx(tmp_path / "SYT.docx", None, ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"], [
        ("I", "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "", "", ""),
        ("1", "Tập thể", "", "", ""),
        ("1", "Khoa Nội, Bệnh viện Đa khoa tỉnh", "", "Bệnh viện Đa khoa tỉnh", "HTXS nhiệm vụ 2 năm"),
        ("2", "Cá nhân", "", "", ""),
        ("1", "BSCKII. Nguyễn Văn Tâm", "Trưởng khoa", "Bệnh viện Đa khoa tỉnh", "HTXS nhiệm vụ 2024, 2025"),
        ("II", "DANH HIỆU CHIẾN SĨ THI ĐUA CẤP TỈNH", "", "", ""),
        ("1", "Lê Văn Hải", "Giám đốc", "Trung tâm Y tế Can Lộc", "03 lần CSTĐ cơ sở"),
        ("", "Tổng cộng: 01 tập thể, 02 cá nhân", "", "", "")],
        before="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025")
    ex = extract_file(str(src))
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r["recipient_kind"], r["form"]) for r in rows] == [
        ("Khoa Nội, Bệnh viện Đa khoa tỉnh", S.COLLECTIVE, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
        ("BSCKII. Nguyễn Văn Tâm", S.INDIVIDUAL, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
        ("Lê Văn Hải", S.INDIVIDUAL, "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh")]
    said = {(f["code"], f["row"]): f["message"] for f in ex["findings"]}
    assert "'I. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH / 1 Tập thể' (dòng 4) được hiểu là tập thể" in said[
        ("KIND_FROM_GROUP", 4)]
    assert "1 dòng được hiểu là cá nhân (tên người: họ và tên" in said[("KIND_FROM_NAME", 8)]
    from xlsrc.proposals.extract import person_key
    assert person_key("BSCKII. Nguyễn Văn Tâm") == person_key("Ông Nguyễn Văn Tâm") == "nguyen van tam"
    assert person_key("Thượng tá Lê Văn Hải") == "le van hai"


def test_a_title_typed_in_the_tables_first_row_and_kinds_from_the_form_or_the_name(tmp_path):
    src = _grid_docx(tmp_path / "ThachHa.docx", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND XÃ",
                     ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Thành tích", "Hình thức"], [
                         ("1", "Nguyễn Thị Hoa", "Công chức Tư pháp - Hộ tịch", "Hoàn thành xuất sắc nhiệm vụ", ""),
                         ("2", "Khu di tích Ngã ba Đồng Lộc", "", "Dẫn đầu phong trào", "Tập thể lao động tiên tiến"),
                         ("3", "trần văn bé", "Trưởng thôn", "Tích cực", "Lao động tiên tiến"),
                         ("4", "Hội Nông dân xã", "", "Tích cực", "")], agency="UBND XÃ THẠCH HÀ")
    ex = extract_file(str(src))
    assert ex["status"] == "ok", ex["message"]
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r["recipient_kind"], r["form"]) for r in rows] == [
        ("Nguyễn Thị Hoa", S.INDIVIDUAL, "Giấy khen"),                     # a person's name; the title's form
        ("Khu di tích Ngã ba Đồng Lộc", S.COLLECTIVE, "Tập thể lao động tiên tiến"),  # a collective's title
        ("trần văn bé", S.INDIVIDUAL, "Lao động tiên tiến"),               # lower case: by the form, not the name
        ("Hội Nông dân xã", S.COLLECTIVE, "Giấy khen")]                    # an agency's name
    messages = [f["message"] for f in ex["findings"] if f["code"] == "KIND_FROM_NAME"]
    assert any("'Tập thể lao động tiên tiến' chỉ tặng cho tập thể): dòng 4" in m for m in messages)
    assert any("'Lao động tiên tiến' chỉ tặng cho cá nhân): dòng 5" in m for m in messages)
    assert any("(tên người: họ và tên, hoặc học hàm, học vị, cấp bậc trước tên): dòng 3" in m for m in messages)
    form_notes = [f["message"] for f in ex["findings"] if f["code"] == "FORM_FROM_TITLE"]
    assert form_notes and "từ tiêu đề 'DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN" in form_notes[0]


def test_a_birth_year_under_nam_or_nu_gives_the_gender_never_the_year(tmp_path):
    """'Năm sinh' over 'Nam | Nữ' (the year typed under the person's gender), a name typed in two columns
    'Họ và tên đệm | Tên': read as the layout says; the year of birth is kept, never taken for the Năm."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    for line in (["UBND XÃ CẨM BÌNH"], ["DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2025"], []):
        ws.append(line)
    ws.append(["TT", "Họ và tên đệm", "Tên", "Năm sinh", None, "Chức vụ, đơn vị", "Năm"])
    ws.append([None, None, None, "Nam", "Nữ", None, None])
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5"):
        ws.merge_cells(cells)
    ws.append([1, "Lê Văn", "Hùng", 1980, None, "Trưởng thôn Bắc", 2025])
    ws.append([2, "Võ Thị", "Lan", None, 1985, "Công chức Văn hóa - Xã hội", 2025])
    ws.append([3, "Trần Văn", "Bé", None, None, "Thôn Nam", 2025])
    wb.save(tmp_path / "CamBinh.xlsx")
    ex = extract_file(str(tmp_path / "CamBinh.xlsx"))
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r.get("gender"), r.get("year")) for r in rows] == [
        ("Lê Văn Hùng", "Nam", 2025), ("Võ Thị Lan", "Nữ", 2025), ("Trần Văn Bé", None, 2025)]
    assert [r.get("extra") for r in rows] == ["Năm sinh - Nam: 1980", "Năm sinh - Nữ: 1985", None]
    said = [f["message"] for f in ex["findings"] if f["code"] == "GENDER_FROM_COLUMN"]
    assert said == ["Bảng không có cột 'Giới tính': 2 dòng lấy giới tính theo ô có ghi ở cột 'Năm sinh - Nam' và "
                    "'Năm sinh - Nữ': dòng 6, 7."]


def test_sub_headers_under_a_merged_column_the_schema_does_not_know_name_what_is_kept(tmp_path):
    doc = Document()
    _header(doc, "SỞ CÔNG THƯƠNG")
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2025")
    t = doc.add_table(rows=2, cols=5)
    for c, h in ((0, "TT"), (1, "Họ và tên"), (2, "Chức vụ, đơn vị")):
        t.cell(0, c).merge(t.cell(1, c)).text = h
    t.cell(0, 3).merge(t.cell(0, 4)).text = "Xếp loại"
    t.cell(1, 3).text, t.cell(1, 4).text = "Năm 2024", "Năm 2025"
    cells = t.add_row().cells
    for i, v in enumerate(("1", "Phạm Văn Đông", "Phó Giám đốc", "HTXSNV", "HTTNV")):
        cells[i].text = v
    doc.save(tmp_path / "SCT.docx")
    rows = extract_file(str(tmp_path / "SCT.docx"))["rows"]["unit_proposals"]
    assert [(r["recipient"], r["extra"]) for r in rows] == [
        ("Phạm Văn Đông", "Xếp loại - Năm 2024: HTXSNV\nXếp loại - Năm 2025: HTTNV")]


def test_a_units_word_report_gives_its_annex_of_works_continued_on_the_next_page(tmp_path):
    """A báo cáo in Word whose annex lists the works (a group row per unit, dates and progress typed as text),
    split into two tables by a page break: the works are read like a hand-made sheet, each with its source."""
    doc = Document()
    _header(doc, "SỞ NGOẠI VỤ", number="180/BC-SNgV")
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả thực hiện các công trình, phần việc chào mừng Đại hội")
    doc.add_paragraph("PHỤ LỤC: DANH MỤC CÔNG TRÌNH, PHẦN VIỆC")
    header = ["TT", "Tên công trình, phần việc", "Thời gian khởi công", "Thời gian hoàn thành",
              "Tiến độ thực hiện (%)"]
    t = doc.add_table(rows=1, cols=5)
    for i, h in enumerate(header):
        t.cell(0, i).text = h
    for r in [("1", "Số hóa hồ sơ lãnh sự", "01/3/2021", "30/9/2021", "100%"),
              ("2", "Tổ chức lớp tiếng Lào", "Tháng 7/2021", "Tháng 9/2021", "Lùi sang năm 2022")]:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    t2 = doc.add_table(rows=1, cols=5)   # the next page, no header
    for i, v in enumerate(("3", "Nâng cấp cổng thông tin đối ngoại", "15/5/2021", "Quý IV/2021", "60%")):
        t2.cell(0, i).text = v
    doc.add_paragraph("Nơi nhận:")
    doc.save(tmp_path / "BC_SNgV.docx")
    ex = extract_file(str(tmp_path / "BC_SNgV.docx"))
    assert ex["status"] == "ok" and ex["message"] == "3 công trình, phần việc", ex["message"]
    works = ex["rows"]["works"]
    assert [(w["name"], w["source_sheet"], w["source_row"]) for w in works] == [
        ("Số hóa hồ sơ lãnh sự", "Bảng 2", 2), ("Tổ chức lớp tiếng Lào", "Bảng 2", 3),
        ("Nâng cấp cổng thông tin đối ngoại", "Bảng 3", 1)]
    assert works[1]["declared_status"] == "Lùi thời gian" and ex["unit_text"] == "Sở Ngoại vụ"
    result = consolidate([str(tmp_path / "BC_SNgV.docx")], jobs=1)
    master = openpyxl.load_workbook(write_master(result, tmp_path / "master.xlsx"))
    names = [r[1] for r in master[S.WORKS.name].iter_rows(min_row=2, values_only=True) if r[1]]
    assert names == ["Số hóa hồ sơ lãnh sự", "Tổ chức lớp tiếng Lào", "Nâng cấp cổng thông tin đối ngoại"]


NAMES_WITH_POSITIONS = {  # header, names as typed (Word cells), then (name, position, gender) as read
    "Họ và tên, chức vụ, đơn vị": (
        ["Ông Nguyễn Văn A\nTrưởng phòng Quản lý xây dựng", "Bà Lê Thị B, Chuyên viên Văn phòng Sở", "Phòng Kinh tế"],
        [("Nguyễn Văn A", "Trưởng phòng Quản lý xây dựng", "Nam"), ("Lê Thị B", "Chuyên viên Văn phòng Sở", "Nữ"),
         ("Phòng Kinh tế", None, None)]),
    "Tên tập thể, cá nhân": (
        ["Ông Hoàng Văn Em, Phó Chủ tịch UBND xã", "Đ/c Võ Thị Phương, Công chức Tư pháp - Hộ tịch",
         "Nguyễn Thị Lan\nKế toán Trường Tiểu học Cẩm Bình", "Phòng Tư pháp, UBND huyện Cẩm Xuyên", "Trần Văn Bình"],
        [("Hoàng Văn Em", "Phó Chủ tịch UBND xã", "Nam"), ("Võ Thị Phương", "Công chức Tư pháp - Hộ tịch", None),
         ("Nguyễn Thị Lan", "Kế toán Trường Tiểu học Cẩm Bình", None),
         ("Phòng Tư pháp, UBND huyện Cẩm Xuyên", None, None), ("Trần Văn Bình", None, None)]),
}


@pytest.mark.parametrize("header", list(NAMES_WITH_POSITIONS))
def test_one_column_for_the_name_and_the_position(tmp_path, header):
    """'Họ và tên, chức vụ, đơn vị' in one column: the name up to the first comma (or the cell's first line),
    the rest is the position; said once for the table. Under a header that names no position ('Tên tập thể,
    cá nhân'), a person's name is taken apart so too ('Đ/c Võ Thị Phương, Công chức Tư pháp'); a collective's
    name with a comma ('Phòng Tư pháp, UBND huyện Cẩm Xuyên') and a bare name stay whole."""
    typed, read = NAMES_WITH_POSITIONS[header]
    src = _grid_docx(tmp_path / "DS.docx", None, ["TT", header, "Hình thức đề nghị"],
                     [(str(n), name, "Giấy khen") for n, name in enumerate(typed, 1)],
                     before="DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN", agency="SỞ XÂY DỰNG")
    ex = extract_file(str(src))
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r.get("position"), r.get("gender")) for r in rows] == read
    split = ", ".join(str(n + 1) for n, (_, position, _) in enumerate(read, 1) if position)
    said = [f["message"] for f in ex["findings"] if f["code"] == "NAME_WITH_POSITION"]
    assert len(said) == 1 and said[0].startswith(f"Cột '{header}' ghi cả tên và chức vụ: ") and \
        said[0].endswith(f"phần sau vào 'Chức vụ, đơn vị': dòng {split}.")


def test_the_kind_marked_with_an_x_under_tap_the_or_ca_nhan(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    for line in (["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM HỌC 2024-2025"], []):
        ws.append(line)
    ws.append(["TT", "Tên tập thể, cá nhân", "Đối tượng", None, "Hình thức đề nghị"])
    ws.append([None, None, "Tập thể", "Cá nhân", None])
    for cells in ("C4:D4", "A4:A5", "B4:B5", "E4:E5"):
        ws.merge_cells(cells)
    ws.append([1, "Trường Tiểu học Thạch Hà", "x", None, "Tập thể lao động xuất sắc"])
    ws.append([2, "Nguyễn Thị Mai", None, "X", "Chiến sĩ thi đua cơ sở"])
    ws.append([3, "Tổ Toán - Tin", "x", None, "Giấy khen"])
    wb.save(tmp_path / "PGD.xlsx")
    ex = extract_file(str(tmp_path / "PGD.xlsx"))
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r["recipient_kind"], r["extra"]) for r in rows] == [
        ("Trường Tiểu học Thạch Hà", S.COLLECTIVE, "Đối tượng - Tập thể: x"),
        ("Nguyễn Thị Mai", S.INDIVIDUAL, "Đối tượng - Cá nhân: X"),
        ("Tổ Toán - Tin", S.COLLECTIVE, "Đối tượng - Tập thể: x")]
    codes = [(f["code"], f["message"]) for f in ex["findings"]]
    assert ("STATUS_FROM_MARKS", "Bảng không có cột 'Đối tượng': đối tượng đọc từ ô đánh dấu (x) ở các cột "
            "'Đối tượng - Tập thể', 'Đối tượng - Cá nhân'.") in codes
    assert not any(c == "RECIPIENT_KIND_UNKNOWN" for c, _ in codes)


def test_a_list_laid_inside_a_layout_tables_cell(tmp_path):
    doc = Document()
    _header(doc, "SỞ Y TẾ")
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH")
    outer = doc.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "(Kèm theo Tờ trình số 15/TTr-SYT)"
    inner = cell.add_table(rows=1, cols=3)
    for i, h in enumerate(["TT", "Họ và tên", "Chức vụ"]):
        inner.cell(0, i).text = h
    for r in [("1", "Nguyễn Văn An", "Bác sĩ"), ("2", "Lê Thị Bình", "Điều dưỡng")]:
        cells = inner.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    doc.save(tmp_path / "nested.docx")
    ex = extract_file(str(tmp_path / "nested.docx"))
    rows = ex["rows"]["unit_proposals"]
    assert [(r["recipient"], r["position"], r["source_sheet"]) for r in rows] == [
        ("Nguyễn Văn An", "Bác sĩ", "Bảng 3"), ("Lê Thị Bình", "Điều dưỡng", "Bảng 3")]


def test_only_a_sheet_that_says_de_nghi_is_searched_for_a_list_of_proposals(tmp_path, monkeypatch):
    """A list of works (no 'đề nghị' in its name nor in its first rows) is not
    searched for proposals; a list whose only 'đề nghị' is a cell's second line
    in row 35, under 34 empty rows, is searched and read."""
    from xlsrc.proposals import extract as P
    searched = []
    real = P.locate_proposals
    monkeypatch.setattr(P, "locate_proposals", lambda grid, sheet, *a, **k: searched.append(sheet) or
                        real(grid, sheet, *a, **k))
    wb = openpyxl.Workbook()
    works = wb.active
    works.title = "Phụ lục"
    for row in (["SỞ TƯ PHÁP"], ["DANH SÁCH CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"], [],
                ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Tiến độ hoàn thành (%)"],
                [1, "Số hóa hồ sơ hộ tịch", "01/3/2025", "50%"], [2, "Cải tạo trụ sở", "01/4/2025", "20%"]):
        works.append(row)
    names = wb.create_sheet("Danh sách")
    names.cell(35, 1, "SỞ TƯ PHÁP\nDanh sách đề nghị tặng Giấy khen")
    for i, row in enumerate((["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"],
                             [1, "Nguyễn Văn An", "Chuyên viên", "Giấy khen"],
                             [2, "Lê Thị Bình", "Chuyên viên", "Giấy khen"]), start=37):
        for j, v in enumerate(row, start=1):
            names.cell(i, j, v)
    wb.save(tmp_path / "stp.xlsx")
    ex = extract_file(str(tmp_path / "stp.xlsx"))
    assert ex["status"] == "ok", ex["message"]
    assert searched == ["Danh sách"]
    assert [r["recipient"] for r in ex["rows"]["unit_proposals"]] == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert [r["name"] for r in ex["rows"]["works"]] == ["Số hóa hồ sơ hộ tịch", "Cải tạo trụ sở"]
    assert P.may_say_proposal([["TT", "Họ và tên"]], "Đề nghị khen") and \
        P.may_say_proposal([[None, "UBND xã\nTỜ TRÌNH"]], "Sheet1")
    assert not P.may_say_proposal([[None]] * 40 + [["Đề nghị tặng Giấy khen"]], "Sheet1")
