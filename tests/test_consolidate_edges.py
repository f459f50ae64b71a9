"""Boundaries of `thidua consolidate` (issue 24, mutation testing of
xlsrc/consolidate/): which files are found, which unit sent each, which file
wins, the counts and the master's own Thông tin. Real files, read back; each
value and message asserted exactly."""
from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc import consolidate as consolidation
from xlsrc.consolidate import consolidate, write_master
from xlsrc.consolidate.extract import extract_file
from xlsrc.consolidate.discover import Candidate, discover, refuse_input_as_output
from xlsrc.consolidate.units import UnitMap, facts_from_lines, proper_name, unit_from_filename
from xlsrc.errors import ThiDuaError
from xlsrc.records import read_workbook

from .fixtures_consolidate import D, hand_made_xlsx, info, template_file, work


def names(found: list[Candidate]) -> list[tuple[str, str]]:
    return [(Path(c.path).name, c.error) for c in found]


# -------------------------------------------------------------- discovery
def test_folder_walk_suffixes_lock_files_hidden_folders_and_links(tmp_path):
    top = tmp_path / "nop"
    (top / "Xa A" / "con").mkdir(parents=True)
    (top / ".an").mkdir()
    (top / "~$tam").mkdir()
    for rel in ("b.XLSX", "Xa A/a.xlsm", "Xa A/con/c.ods", "Xa A/con/d.docx", ".an/e.xlsx", "~$tam/f.xlsx",
                "~$b.XLSX", ".g.xlsx", "ghi chu.txt", "h.pdf"):
        (top / rel).write_bytes(b"x")
    (top / "khac.xml").write_text("<?xml version='1.0'?><note>không phải bảng tính</note>", encoding="utf-8")
    (top / "noi_bo.xlsx").symlink_to(top / "b.XLSX")               # a link inside the folder: read
    (top / "an_sau.xlsx").symlink_to(top / ".an" / "e.xlsx")        # to a file of a hidden folder in it: read
    (top / "mat.xlsx").symlink_to(top / "khong_co.xlsx")           # a link to nothing
    (top / "vong.xlsx").symlink_to(top / "vong.xlsx")              # a link to itself
    got = discover([str(top)])
    link = "là liên kết tượng trưng (symlink) trỏ tới tệp không có hoặc trỏ vòng về chính nó; bỏ qua."
    # sorted by the whole path, case aside; the link beside its target is that file again (the target kept)
    assert names(got) == [("an_sau.xlsx", ""), ("b.XLSX", ""), ("mat.xlsx", f"Tệp 'mat.xlsx' {link}"),
                          ("vong.xlsx", f"Tệp 'vong.xlsx' {link}"), ("a.xlsm", ""), ("c.ods", ""), ("d.docx", "")]
    assert [c.path for c in got] == [str(top / n) for n in ("an_sau.xlsx", "b.XLSX", "mat.xlsx", "vong.xlsx",
                                                            "Xa A/a.xlsm", "Xa A/con/c.ods", "Xa A/con/d.docx")]


def test_explicit_files_each_once_sorted_and_every_refusal_said(tmp_path):
    (tmp_path / "B.xlsx").write_bytes(b"x")
    (tmp_path / "a.xls").write_bytes(b"x")
    (tmp_path / "~$B.xlsx").write_bytes(b"x")
    (tmp_path / "ghi_chu.txt").write_bytes(b"x")
    (tmp_path / "mat.xlsx").symlink_to(tmp_path / "khong_co.xlsx")
    (tmp_path / "lien_ket.xlsx").symlink_to(tmp_path / "B.xlsx")
    inputs = [str(tmp_path / n) for n in ("B.xlsx", "~$B.xlsx", "ghi_chu.txt", "mat.xlsx", "khong_co.ods")]
    # the same file again: by the same name, through '..', inside its folder, and through a link to it
    inputs += [str(tmp_path / "B.xlsx"), str(tmp_path / "x" / ".." / "B.xlsx"), str(tmp_path),
               str(tmp_path / "lien_ket.xlsx")]
    got = discover(inputs)
    assert names(got) == [
        ("a.xls", ""),
        ("B.xlsx", ""),
        ("ghi_chu.txt", "Tệp 'ghi_chu.txt' không phải bảng tính (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .xml, .fods, "
                        ".xltx, .xltm, .ots) hay văn bản Word đề nghị khen thưởng (.docx, .doc); bỏ qua."),
        ("khong_co.ods", f"Không tìm thấy tệp hoặc thư mục '{tmp_path / 'khong_co.ods'}'."),
        ("mat.xlsx", f"'{tmp_path / 'mat.xlsx'}' là liên kết tượng trưng (symlink) trỏ tới nơi không có hoặc trỏ "
                     f"vòng về chính nó."),
        ("~$B.xlsx", "Tệp '~$B.xlsx' là tệp khóa tạm của Office (tệp đang mở), không phải báo cáo; bỏ qua.")]
    assert got[1].path == str(tmp_path / "B.xlsx")   # the first spelling given is kept


def test_a_name_typed_in_nfc_is_the_file_saved_in_nfd(tmp_path):
    nfd = unicodedata.normalize("NFD", "Sở Tư pháp.xlsx")
    (tmp_path / nfd).write_bytes(b"x")
    got = discover([str(tmp_path / "Sở Tư pháp.xlsx"), str(tmp_path)])
    assert [(c.path, c.error) for c in got] == [(str(tmp_path / nfd), "")]  # the name on disk, to be opened


def test_a_folder_that_cannot_be_read_is_one_error_and_the_rest_is_read(tmp_path):
    """A subfolder whose path is longer than the system allows (ENAMETOOLONG,
    which even root gets): its files are not read, which is said, and the
    files beside it are."""
    top = tmp_path / "nop"
    top.mkdir()
    hand_made_xlsx(top / "a.xlsx")
    fd = os.open(top, os.O_RDONLY)
    deep = top
    for i in range(18):  # 18 × 250 characters: past PATH_MAX (4096)
        part = chr(ord("a") + i) * 250
        os.mkdir(part, dir_fd=fd)
        inner = os.open(part, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, deep = inner, deep / part
    os.close(fd)
    got = discover([str(top)])
    assert [Path(c.path).name for c in got] == ["a.xlsx", "q" * 250]
    assert got[0].error == ""
    assert got[1].path == str(deep.parent)
    assert got[1].error == (f"Không đọc thư mục được '{deep.parent}': tên tệp hoặc đường dẫn quá dài. "
                            "Các tệp trong thư mục này không được tổng hợp.")


def test_a_link_out_of_the_folder_named_on_its_own_is_read_whatever_the_order(tmp_path):
    """The refusal says 'chỉ đích danh tệp đó nếu muốn tổng hợp': naming the
    link after its folder, or before it, reads the file."""
    (tmp_path / "ngoai").mkdir()
    target = tmp_path / "ngoai" / "that.xlsx"
    target.write_bytes(b"x")
    folder = tmp_path / "nop"
    folder.mkdir()
    (folder / "lien_ket.xlsx").symlink_to(target)
    alone = discover([str(folder)])
    assert names(alone) == [("lien_ket.xlsx", f"Tệp 'lien_ket.xlsx' là liên kết tượng trưng (symlink) trỏ ra ngoài thư "
                                              f"mục '{folder}', tới '{target}'; không đọc. Chép tệp thật vào thư mục "
                                              "hoặc chỉ đích danh tệp đó nếu muốn tổng hợp.")]
    for inputs in ([folder, folder / "lien_ket.xlsx"], [folder / "lien_ket.xlsx", folder]):
        assert names(discover([str(p) for p in inputs])) == [("lien_ket.xlsx", "")]


# -------------------------------------------------------------- which unit
@pytest.mark.parametrize("typed, written", [
    ("  SỞ  Y TẾ : ", "Sở Y tế"),                                  # spaces and trailing marks
    ("Sở y tế", "Sở y tế"),                                         # mixed case: as typed
    ("123", "123"),                                                 # nothing to capitalise
    ("UBND THÀNH PHỐ HÀ TĨNH", "UBND thành phố Hà Tĩnh"),           # a level of two words
    ("UBND XÃ CẨM BÌNH", "UBND xã Cẩm Bình"),
    ("TRƯỜNG THCS THỊ TRẤN NGHÈN", "Trường THCS thị trấn Nghèn"),
    ("SỞ Y TẾ BÀ RỊA - VŨNG TÀU", "Sở Y tế Bà Rịa - Vũng Tàu"),     # a province of five words
    ("SỞ Y TẾ THỪA THIÊN HUẾ", "Sở Y tế Thừa Thiên Huế"),
    ("PHÒNG GD&ĐT HUYỆN CAN LỘC", "Phòng GD&ĐT huyện Can Lộc"),     # "&" kept as typed
    ("PHÒNG VĂN HÓA, KHOA HỌC VÀ THÔNG TIN", "Phòng Văn hóa, Khoa học và Thông tin"),
    ("CỤC THUẾ", "Cục Thuế"),
    ("XÃ HỘI", "Xã hội"),
    # a level as the last word names no place: "tỉnh", not "Tỉnh"
    ("BAN THI ĐUA - KHEN THƯỞNG TỈNH", "Ban Thi đua - Khen thưởng tỉnh"),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN", "Hội đồng Thi đua - Khen thưởng huyện"),
    ("SỞ Y TẾ TỈNH", "Sở Y tế tỉnh"),
    ("ỦY BAN NHÂN DÂN TỈNH", "Ủy ban nhân dân tỉnh"),
    # the place: acronyms, '&' and hyphens in it; one word before the end; a province of one word
    ("TRƯỜNG THCS XÃ THẠCH KIM II", "Trường THCS xã Thạch Kim II"),
    ("UBND XÃ AN&BÌNH", "UBND xã AN&BÌNH"),
    ("SỞ Y TẾ TỈNH BÀ RỊA-VŨNG TÀU", "Sở Y tế tỉnh Bà Rịa-Vũng Tàu"),
    ("UBND XÃ LỘC", "UBND xã Lộc"),
    ("BỆNH VIỆN ĐA KHOA HUẾ", "Bệnh viện Đa khoa Huế"),
    # a place of one to four words after a field named in full; five words are no place
    ("PHÒNG KINH TẾ VINH", "Phòng Kinh tế Vinh"),
    ("PHÒNG NỘI VỤ PHAN RANG THÁP CHÀM", "Phòng Nội vụ Phan Rang Tháp Chàm"),
    ("PHÒNG NỘI VỤ MỘT HAI BA BỐN NĂM", "Phòng Nội vụ một hai ba bốn năm"),
    # a field's words after 'và', a dash (either kind) or a comma
    ("PHÒNG Y, DƯỢC", "Phòng Y, Dược"),
    ("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động – Thương binh và Xã hội"),
    # 'tỉnh' as the first word is the agency (Tỉnh đoàn), not a level
    ("TỈNH ĐOÀN HÀ TĨNH", "Tỉnh đoàn Hà Tĩnh"),
    ("TỈNH ỦY HÀ TĨNH", "Tỉnh ủy Hà Tĩnh"),
])
def test_unit_names_as_written_in_a_sentence(typed, written):
    assert proper_name(typed) == written


def test_title_lines_give_unit_date_place_and_year():
    assert facts_from_lines(["(Kèm theo Báo cáo số 12/BC-UBND ngày 5/3/2022 của UBND xã Cẩm Bình]",
                             "Hà Tĩnh, ngày 05 tháng 3 năm 2022"]) == {
        "annex_unit": "UBND xã Cẩm Bình", "date": dt.date(2022, 3, 5), "place": "Hà Tĩnh", "year": 2022}
    # the first of each: the annex's unit, the date, the place, the year
    assert facts_from_lines(["(Kèm theo công văn của Sở Tư pháp)", "(Kèm theo báo cáo của Sở Nội vụ)",
                             "Can Lộc, ngày 2/1/2021", "Hà Tĩnh, ngày 9/9/2022"]) == {
        "annex_unit": "Sở Tư pháp", "date": dt.date(2021, 1, 2), "place": "Can Lộc", "year": 2021}
    # an annex line naming more than twelve words names no unit; an agency before ', ngày' is no place
    assert facts_from_lines(["kèm theo báo cáo của một hai ba bốn năm sáu bảy tám chín mười mười một mười hai"]) == {}
    assert facts_from_lines(["Sở Y tế, ngày 1 tháng 1 năm 2021"]) == {"date": dt.date(2021, 1, 1), "year": 2021}
    # no such day, a year out of 1990–2200: not taken; the year said before the date stays the year
    assert facts_from_lines(["ngày 31 tháng 2 năm 2021", "Thống kê năm 1989", "ngày 1/1/2201", "ngày 2/1/2021"]) == {
        "year": 2021, "date": dt.date(2021, 1, 2)}
    assert facts_from_lines(["Thống kê năm 1989", "ngày 30/12/1989"]) == {}
    assert facts_from_lines(["năm 2200", "ngày 1/1/1990"]) == {"year": 2200, "date": dt.date(1990, 1, 1)}
    assert facts_from_lines(["ngày 31/12/2200"]) == {"year": 2200, "date": dt.date(2200, 12, 31)}
    # the unit in a title typed in capitals, not in a sentence, not a title naming no agency
    assert facts_from_lines(["DANH SÁCH CÔNG TRÌNH CỦA SỞ Y TẾ NĂM 2021"]) == {"year": 2021, "title_unit": "Sở Y tế"}
    assert facts_from_lines(["Danh sách công trình của Sở Y tế", "DANH SÁCH CỦA CÁC ĐƠN VỊ"]) == {}
    # the issuing body is the last heading; a heading on two lines (NĐ 30) is one name
    assert facts_from_lines(["UBND TỈNH HÀ TĨNH", "SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) == {
        "heading_unit": "Sở Y tế"}
    assert facts_from_lines(["ỦY BAN NHÂN DÂN", "HUYỆN CAN LỘC", "XÃ HỘI"]) == {
        "heading_unit": "Ủy ban nhân dân huyện Can Lộc"}
    assert facts_from_lines(["  ", ""]) == {}


def test_title_lines_at_their_limits():
    assert facts_from_lines(["", "ngày  05  tháng  3  năm  2022"]) == {"date": dt.date(2022, 3, 5), "year": 2022}
    # an annex line naming nothing does not hide the next one; marks around the name are not part of it
    assert facts_from_lines(["(Kèm theo báo cáo của .)", "(Kèm theo báo cáo của Đội X.)"]) == {"annex_unit": "Đội X"}
    twelve = "Ban một hai ba bốn năm sáu bảy tám chín mười mười"
    assert facts_from_lines([f"(Kèm theo báo cáo của {twelve})"]) == {"annex_unit": twelve}
    assert facts_from_lines([f"(Kèm theo báo cáo của {twelve} một)"]) == {}
    # the first year said, within 1990–2200
    assert facts_from_lines(["Năm 2021", "kế hoạch năm 2022"]) == {"year": 2021}
    assert facts_from_lines(["năm 1990"]) == {"year": 1990}
    assert facts_from_lines(["năm 2201", "năm 1989"]) == {}
    # the unit of the first title in capitals, of ten words at most
    assert facts_from_lines(["DANH SÁCH CỦA Sở Y tế"]) == {}
    assert facts_from_lines(["DANH SÁCH CỦA SỞ Y TẾ", "DANH SÁCH CỦA SỞ TƯ PHÁP"]) == {"title_unit": "Sở Y tế"}
    ten = "BAN MỘT HAI BA BỐN NĂM SÁU BẢY TÁM CHÍN"
    assert facts_from_lines([f"DANH SÁCH CỦA {ten}"]) == {"title_unit": "Ban Một hai ba bốn năm sáu bảy tám chín"}
    assert facts_from_lines([f"DANH SÁCH CỦA {ten} MƯỜI"]) == {}
    # a heading of fourteen words at most; spaces inside a place are one
    fourteen = "SỞ MỘT HAI BA BỐN NĂM SÁU BẢY TÁM CHÍN MƯỜI MƯỜI MỘT MƯỜI"
    assert facts_from_lines([fourteen]) == {"heading_unit": "Sở Một hai ba bốn năm sáu bảy tám chín mười mười một mười"}
    assert facts_from_lines([fourteen + " HAI"]) == {}
    assert facts_from_lines(["Hà  Tĩnh, ngày 5/3/2022"]) == {"date": dt.date(2022, 3, 5), "place": "Hà Tĩnh",
                                                              "year": 2022}


def test_words_that_begin_like_an_agency_but_are_none():
    from xlsrc.consolidate.units import agency_head
    assert [agency_head(k) for k in ("so luong cong trinh", "phong trao", "so", "so y te", "so luongx")] == [
        None, None, "so", "so", "so"]


def test_unit_from_a_file_name():
    assert unit_from_filename("nop/Phong__Noi_vu  Can Loc.xlsx") == "Phong Noi vu Can Loc"
    assert unit_from_filename("nop/___.xlsx") == "___.xlsx"   # nothing left of the name: the name


def _map(tmp_path, text: str | bytes) -> UnitMap:
    path = tmp_path / "don_vi.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return UnitMap.load(path)


def test_unit_map_columns_delimiters_and_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tabbed = _map(tmp_path, "\ufeffĐơn vị\tTên tệp\nSở Y tế\tsyt.xlsx\n")   # BOM, tabs, columns the other way
    assert tabbed.by_name == {"syt.xlsx": "Sở Y tế"} and tabbed.unit_for("nop/SYT.XLSX") == "Sở Y tế"
    plain = _map(tmp_path, "a.xlsx,Sở A\nb.xlsx,Sở B\n")                     # no header
    assert plain.by_name == {"a.xlsx": "Sở A", "b.xlsx": "Sở B"}
    third = _map(tmp_path, "tệp;ghi chú;đơn vị báo cáo\na.xlsx;x;Sở A\n")      # the unit in a third column
    assert third.by_name == {"a.xlsx": "Sở A"}
    only_unit = _map(tmp_path, "ghi chú,đơn vị\na.xlsx,Sở A\n")               # a header names the unit only
    assert only_unit.by_name == {"a.xlsx": "Sở A"}
    messy = _map(tmp_path, "a.xlsx;Sở  Y\n;Sở X\nb.xlsx; \nnop\\c.xlsx;Sở C\n")
    assert messy.by_name == {"a.xlsx": "Sở Y", "c.xlsx": "Sở C"}            # spaces collapsed, empty rows left
    assert messy.by_path == {str(tmp_path / "nop" / "c.xlsx").casefold(): "Sở C"}
    (tmp_path / "nop").mkdir()
    assert messy.unit_for(str(tmp_path / "nop" / "C.xlsx")) == "Sở C"
    assert messy.unit_for(str(tmp_path / "khac" / "d.xlsx")) is None
    nfd = _map(tmp_path, unicodedata.normalize("NFD", "Sở Tư pháp.xlsx,Sở Tư pháp\n"))
    assert nfd.unit_for("Sở Tư pháp.xlsx") == "Sở Tư pháp"
    file_first = _map(tmp_path, "tên tệp,ghi chú\na.xlsx,Sở A\n")            # a header names the file only
    assert file_first.by_name == {"a.xlsx": "Sở A"}
    file_second = _map(tmp_path, "ghi chú,tệp\nSở A,a.xlsx\n")
    assert file_second.by_name == {"a.xlsx": "Sở A"}
    # rows of unequal length (a note in one row): the separator of the first line
    uneven = _map(tmp_path, "Xa.xlsx;Sở A\nXb.xlsx;Sở B;ghi chú\n")
    assert uneven.by_name == {"xa.xlsx": "Sở A", "xb.xlsx": "Sở B"}
    uneven = _map(tmp_path, "Xa.xlsx\tSở A\nXb.xlsx\tSở B\tghi chú\n")
    assert uneven.by_name == {"xa.xlsx": "Sở A", "xb.xlsx": "Sở B"}
    uneven = _map(tmp_path, "Xa.xlsx,Sở A\nXb.xlsx,Sở B,ghi chú\n")
    assert uneven.by_name == {"xa.xlsx": "Sở A", "xb.xlsx": "Sở B"}


def test_unit_map_one_file_name_in_two_folders(tmp_path, monkeypatch):
    """'Cam Binh/Bao cao.xlsx' and 'Thach Lac/Bao cao.xlsx': each its own unit
    by its path; the name alone gives the first."""
    monkeypatch.chdir(tmp_path)
    got = _map(tmp_path, "Cam Binh/Bao cao.xlsx,UBND xã Cẩm Bình\nThach Lac\\Bao cao.xlsx,UBND xã Thạch Lạc\n")
    assert got.unit_for(str(tmp_path / "Cam Binh" / "Bao cao.xlsx")) == "UBND xã Cẩm Bình"
    assert got.unit_for(str(tmp_path / "Thach Lac" / "Bao cao.xlsx")) == "UBND xã Thạch Lạc"
    assert got.unit_for(str(tmp_path / "Ky Anh" / "bao cao.xlsx")) == "UBND xã Cẩm Bình"
    made = UnitMap([("nop/a.xlsx", "Sở A")])                          # no map file: from the working folder
    assert made.by_path == {str(tmp_path / "nop" / "a.xlsx").casefold(): "Sở A"}


def test_unit_map_paths_from_its_own_folder_first(tmp_path, monkeypatch):
    (tmp_path / "ban").mkdir()
    (tmp_path / "ban" / "map.csv").write_text("file,unit\nnop/a.xlsx,Sở A\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    got = UnitMap.load("ban/map.csv")
    assert got.by_path == {str(tmp_path / "ban" / "nop" / "a.xlsx").casefold(): "Sở A",
                           str(tmp_path / "nop" / "a.xlsx").casefold(): "Sở A"}


@pytest.mark.parametrize("content, message", [
    ("a.xlsx\n", "Tệp --unit-map 'don_vi.csv' cần hai cột: file,unit (tên tệp, tên đơn vị)."),
    ("file,unit\na.xlsx\n", "Tệp --unit-map 'don_vi.csv' cần hai cột: file,unit (tên tệp, tên đơn vị)."),
    ("\n ; \n", "Tệp --unit-map 'don_vi.csv' không có dòng nào (cần hai cột file,unit)."),
    ("", "Tệp --unit-map 'don_vi.csv' không có dòng nào (cần hai cột file,unit)."),
    ("a.xlsx,Sở A".encode("utf-16"), "Tệp --unit-map 'don_vi.csv' phải lưu dạng UTF-8 (CSV UTF-8)."),
])
def test_unit_map_refusals(tmp_path, content, message):
    with pytest.raises(ThiDuaError) as exc:
        _map(tmp_path, content)
    assert str(exc.value) == message


def test_unit_map_missing_or_unreadable(tmp_path):
    with pytest.raises(ThiDuaError) as exc:
        UnitMap.load(tmp_path / "khong_co.csv")
    assert str(exc.value) == f"Không tìm thấy tệp --unit-map '{tmp_path / 'khong_co.csv'}'."
    with pytest.raises(ThiDuaError) as exc:
        UnitMap.load(tmp_path)   # a folder
    assert str(exc.value) == f"Không đọc tệp --unit-map được '{tmp_path}': đó là một thư mục, không phải tệp."


# -------------------------------------------------------------- which file wins
AWARD = {"order": 1, "form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2, "field": "phong trào thi đua"}


def by_name(result) -> dict:
    return {Path(f.file).name: f for f in result.files}


def test_a_newer_report_replaces_only_the_tables_it_holds(tmp_path):
    """The report date decides before the file's time; the older file keeps
    the table the newer one lacks (its awards), and says what was replaced."""
    old = template_file(tmp_path / "a_cu.xlsx", info("Sở Tư pháp", "SỞ TƯ PHÁP", "9/BC-STP", D(2021, 11, 20)),
                        works=[work(1, "Việc cũ 1"), work(2, "Việc cũ 2")], awards=[AWARD])
    new = hand_made_xlsx(tmp_path / "b_moi.xlsx", unit_line="(Kèm theo báo cáo số 12/BC-STP ngày 25 tháng 11 năm "
                                                            "2021 của Sở Tư pháp)")
    os.utime(old, (1_700_000_000, 1_700_000_000))   # the older report is the later file on disk
    os.utime(new, (1_500_000_000, 1_500_000_000))
    alone = consolidate([str(old)]).files[0].message
    assert alone == "2 công trình, phần việc; 1 dòng khen thưởng"
    result = consolidate([str(tmp_path)])
    files = by_name(result)
    assert (files["a_cu.xlsx"].status, files["a_cu.xlsx"].rows) == ("ok", 1)
    assert files["a_cu.xlsx"].message == f"{alone} (phần công trình, phần việc đã được thay bằng tệp '{new}' mới hơn)"
    assert (files["b_moi.xlsx"].status, files["b_moi.xlsx"].rows) == ("ok", 3)
    assert [r["source_file"] for r in result.content.rows["works"]] == [str(new)] * 3
    assert [(r["unit"], r["source_file"]) for r in result.content.rows["awards"]] == [("Sở Tư pháp", str(old))]
    assert result.total_rows == 3
    assert result.content.info["doc_date"] == dt.datetime(2021, 11, 25)   # the latest report date
    assert result.content.info["report_year"] == 2021


def test_of_two_reports_of_one_date_the_later_file_then_the_later_name_wins(tmp_path):
    line = "(Kèm theo báo cáo ngày 03 tháng 12 năm 2021 của Sở Nội vụ)"
    first = hand_made_xlsx(tmp_path / "x1.xlsx", unit_line=line)
    second = hand_made_xlsx(tmp_path / "x2.xlsx", unit_line=line, rows=[(1, "Việc khác", "Tháng 1", "Tháng 2", "5%")])
    os.utime(first, (1_600_000_000, 1_600_000_000))
    os.utime(second, (1_500_000_000, 1_500_000_000))
    files = by_name(consolidate([str(tmp_path)]))
    assert (files["x1.xlsx"].status, files["x1.xlsx"].rows) == ("ok", 3)
    assert (files["x2.xlsx"].status, files["x2.xlsx"].rows, files["x2.xlsx"].message) == (
        "duplicate", 0, f"Đã được thay bằng tệp '{first}' (mới hơn, cùng đơn vị Sở Nội vụ); không lấy dòng nào "
                        f"của tệp này.")
    os.utime(second, (1_600_000_000, 1_600_000_000))  # same date, same time: the later name
    files = by_name(consolidate([str(tmp_path)]))
    assert (files["x2.xlsx"].status, files["x2.xlsx"].rows) == ("ok", 1)
    assert (files["x1.xlsx"].status, files["x1.xlsx"].message) == (
        "duplicate", f"Đã được thay bằng tệp '{second}' (mới hơn, cùng đơn vị Sở Nội vụ); không lấy dòng nào "
                     f"của tệp này.")


def test_the_same_bytes_twice_are_read_once(tmp_path):
    (tmp_path / "0_hong.xlsx").write_bytes(b"junk")                  # no bytes to compare: before the pair
    first = hand_made_xlsx(tmp_path / "a.xlsx")
    shutil.copy(first, tmp_path / "b.xlsx")
    result = consolidate([str(tmp_path)])
    files = by_name(result)
    assert (files["0_hong.xlsx"].status, files["0_hong.xlsx"].sha256) == ("error", "")
    assert (files["a.xlsx"].status, files["a.xlsx"].rows) == ("ok", 3)
    assert (files["b.xlsx"].status, files["b.xlsx"].rows, files["b.xlsx"].warnings, files["b.xlsx"].message) == (
        "duplicate", 0, 0, f"Trùng nội dung với tệp '{first}' (cùng mã SHA-256); không lấy lại các dòng.")
    assert files["a.xlsx"].warnings == 1   # the months without a year, said once for the file taken
    assert files["b.xlsx"].sha256 == files["a.xlsx"].sha256 and len(files["a.xlsx"].sha256) == 64
    assert result.total_rows == 3


def _read_with_collector(path, password):  # in a reading worker: extract_file, and whether its collector is on
    return {**extract_file(path, password), "collector": gc.isenabled()}


def test_the_workers_collect_while_the_main_process_takes_their_rows(tmp_path, monkeypatch):
    """The main process holds its cyclic collector off while the files' rows
    come in (kept, in no reference cycle) and on again after; the workers,
    which read file after file, keep theirs on."""
    paths = [str(hand_made_xlsx(tmp_path / f"don_vi_{n}.xlsx")) for n in range(3)]
    monkeypatch.setattr(consolidation, "extract_file", _read_with_collector)
    while_received = []
    read = consolidation._read_isolated(paths, None, lambda done, total, path: while_received.append(gc.isenabled()), 2)
    assert [(r["status"], r["collector"]) for r in read] == [("ok", True)] * 3
    assert while_received == [False] * 3 and gc.isenabled()


def test_files_of_one_name_in_two_folders_are_two_units(tmp_path):
    for folder in ("Cam Binh", "Thach Lac", "Ky Anh"):
        (tmp_path / folder).mkdir()
    a = hand_made_xlsx(tmp_path / "Cam Binh" / "Bao_cao.xlsx", unit_line="")
    b = hand_made_xlsx(tmp_path / "Thach Lac" / "bao cao.xlsx", unit_line="",
                       rows=[(1, "Việc khác", "Tháng 1", "Tháng 2", "5%")])
    hand_made_xlsx(tmp_path / "Ky Anh" / "Bao cao.xlsx", rows=[(1, "Việc thứ ba", "Tháng 1", "Tháng 2", "5%")])
    result = consolidate([str(tmp_path)])
    assert [(Path(f.file).parent.name, f.unit, f.status, f.rows) for f in result.files] == [
        ("Cam Binh", "Bao cao (Cam Binh)", "ok", 3),
        ("Ky Anh", "Sở Ngoại vụ", "ok", 1),               # named by its annex line: no folder added
        ("Thach Lac", "bao cao (Thach Lac)", "ok", 1)]
    assert {r["unit"] for r in result.content.rows["works"]} == {"Bao cao (Cam Binh)", "Sở Ngoại vụ",
                                                                 "bao cao (Thach Lac)"}
    mapping = tmp_path.parent / (tmp_path.name + "_map.csv")
    mapping.write_text(f"file,unit\n{a},UBND xã Cẩm Bình\n", encoding="utf-8")
    mapped = consolidate([str(tmp_path)], unit_map=str(mapping))
    assert [f.unit for f in mapped.files] == ["UBND xã Cẩm Bình", "Sở Ngoại vụ", "bao cao"]  # one left: no folder
    assert [Path(p).name for p in mapped.inputs] == ["Bao_cao.xlsx", "Bao cao.xlsx", "bao cao.xlsx"]
    assert b.exists()


def test_a_sub_master_keeps_the_units_of_its_rows(tmp_path):
    (tmp_path / "nop").mkdir()
    template_file(tmp_path / "nop" / "a.xlsx", info("Sở A", "SỞ A"), works=[work(1, "Việc của A")])
    template_file(tmp_path / "nop" / "b.xlsx", info("Sở B", "SỞ B"), works=[work(1, "Việc của B")], awards=[AWARD])
    sub = write_master(consolidate([str(tmp_path / "nop")]), tmp_path / "huyen.xlsx")
    again = consolidate([str(sub)])
    assert [(r["name"], r["unit"]) for r in again.content.rows["works"]] == [("Việc của A", "Sở A"),
                                                                           ("Việc của B", "Sở B")]
    assert [r["unit"] for r in again.content.rows["awards"]] == ["Sở B"]
    assert (again.files[0].status, again.files[0].rows) == ("ok", 3)


# -------------------------------------------------------------- the master's Thông tin and log
def test_the_masters_information_from_what_the_inputs_agree_on(tmp_path):
    template_file(tmp_path / "a.xlsx", info("Sở A", "SỞ A", date=D(2021, 11, 2), place="Quảng Bình",
                                            works_purpose="chào mừng Đại hội"), works=[work(1, "Việc A")])
    template_file(tmp_path / "b.xlsx", info("Sở B", "SỞ B", date=D(2022, 1, 9), place="Nghệ An",
                                            works_purpose="Chào mừng đại hội"), works=[work(1, "Việc B")])
    template_file(tmp_path / "c.xlsx", info("Sở C", "SỞ C", date=D(2021, 12, 30), place="quảng bình",
                                            movement="phong trào khác", works_purpose="chào mừng Tết"), works=[work(1, "Việc C")])
    got = consolidate([str(tmp_path)]).content.info
    assert got["place"] == "Quảng Bình" and got["parent_body"] == "SỞ NỘI VỤ TỈNH QUẢNG BÌNH"   # two of three
    assert got["movement"] == "các phong trào thi đua của các đơn vị"                      # they differ
    assert got["summary"] == "Tổng hợp công trình, phần việc và khen thưởng của các đơn vị"
    assert "works_purpose" not in got                                                    # c says another
    assert got["doc_date"] == dt.datetime(2022, 1, 9) and got["report_year"] == 2022
    assert got["doc_number"] == "/BC-BTĐKT" and got["unit_name"] == "Ban Thi đua - Khen thưởng"
    (tmp_path / "c.xlsx").unlink()
    got = consolidate([str(tmp_path)]).content.info
    assert got["place"] == "Nghệ An" and got["parent_body"] == "SỞ NỘI VỤ TỈNH NGHỆ AN"  # one each: the first
    # in alphabetical order
    assert got["movement"] == "phong trào thi đua năm 2021"
    assert got["summary"] == "Tổng hợp kết quả phong trào thi đua năm 2021"
    assert got["works_purpose"] == "chào mừng Đại hội"   # the same words, either case: the first file's


def test_an_input_that_says_nothing_does_not_stop_the_others_agreeing():
    """A hand-made file gives no movement, no purpose, no place: what the others agree on stands."""
    from xlsrc.consolidate.master import master_info
    said = {"info": {"works_purpose": "chào mừng Đại hội", "movement": "phong trào X", "place": "Hà Tĩnh"},
            "doc_date": dt.date(2021, 11, 2)}
    got = master_info([said, {"info": {}, "doc_date": None}, {"doc_date": None}], None)
    assert (got["works_purpose"], got["movement"], got["summary"], got["place"], got["doc_date"], got["report_year"]) == (
        "chào mừng Đại hội", "phong trào X", "Tổng hợp kết quả phong trào X", "Hà Tĩnh", dt.datetime(2021, 11, 2), 2021)


def test_without_a_report_date_the_latest_file_date(tmp_path):
    a = hand_made_xlsx(tmp_path / "a.xlsx", unit_line="(Kèm theo báo cáo của Sở A)")
    b = hand_made_xlsx(tmp_path / "b.xlsx", unit_line="(Kèm theo báo cáo của Sở B)",
                       rows=[(1, "Việc khác", "Tháng 1", "Tháng 2", "5%")])
    os.utime(a, (dt.datetime(2023, 5, 6, 12).timestamp(),) * 2)
    os.utime(b, (dt.datetime(2022, 1, 2, 12).timestamp(),) * 2)
    got = consolidate([str(tmp_path)]).content.info
    assert got["doc_date"] == dt.datetime(2023, 5, 6) and got["report_year"] == 2023
    assert got["place"] == "Hà Tĩnh" and got["parent_body"] == "SỞ NỘI VỤ TỈNH HÀ TĨNH"   # the defaults


def test_nothing_taken_gives_a_master_with_no_date(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"junk")
    result = consolidate([str(tmp_path)])
    assert "doc_date" not in result.content.info and "report_year" not in result.content.info
    assert result.content.sources == [{"file": str(tmp_path / "x.xlsx"), "sha256": "", "unit": "x", "status": "lỗi",
                                       "rows": 0, "errors": 0, "warnings": 0,
                                       "message": result.files[0].message}]


def test_own_information_wins_but_not_its_empty_fields(tmp_path):
    from xlsrc.consolidate.master import master_info
    own = {"doc_number": "7/BC-BTĐKT", "place": "", "signer_name": None, "recipients": []}
    got = master_info([], own)
    assert got["doc_number"] == "7/BC-BTĐKT" and got["place"] == "Hà Tĩnh"
    assert "signer_name" not in got and got["recipients"] == "- Như trên;\n- Lưu: VT."


def test_the_sources_sheet_logs_every_file_with_its_counts(tmp_path):
    good = hand_made_xlsx(tmp_path / "a.xlsx", awards=[
        (1, "Giấy khen", "Tập thể", "Phòng Tổ chức", "phong trào thi đua")])
    shutil.copy(good, tmp_path / "b.xlsx")
    (tmp_path / "c.xlsx").write_bytes(b"junk")
    result = consolidate([str(tmp_path)])
    master = write_master(result, tmp_path.parent / (tmp_path.name + "_m.xlsx"))
    ws = openpyxl.load_workbook(master)[S.SOURCES_SHEET]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [(Path(r[0]).name, r[2], r[3], r[4]) for r in rows] == [
        ("a.xlsx", "Sở Ngoại vụ", "đạt", 4), ("b.xlsx", "Sở Ngoại vụ", "trùng", 0), ("c.xlsx", "c", "lỗi", 0)]
    assert [r[5:7] for r in rows] == [[result.files[0].errors, result.files[0].warnings], [0, 0], [0, 0]]
    assert result.files[0].warnings == 1 and result.files[0].errors == 0
    assert [r[7] for r in rows] == [f.message for f in result.files]
    assert result.total_rows == 3 and len(result.content.rows["awards"]) == 1


# -------------------------------------------------------------- the output among the inputs
def _refused(output: Path, folder: Path) -> str:
    with pytest.raises(ThiDuaError) as exc:
        refuse_input_as_output(output, [folder])
    return str(exc.value)


def test_a_units_file_in_a_folder_given_is_never_the_output(tmp_path):
    folder = tmp_path / "dv"
    folder.mkdir()
    hand = hand_made_xlsx(folder / "tay.xlsx")                       # no 'Nguồn dữ liệu' at all
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")        # not a workbook
    unit = template_file(folder / "mau.xlsx", works=[work(1, "Việc")])
    book = openpyxl.load_workbook(unit)
    book[S.SOURCES_SHEET]["A4"] = "ghi chú của đơn vị"                # under the rows a master fills
    book.save(unit)
    formula = template_file(folder / "cong_thuc.xlsx", works=[work(1, "Việc")])
    book = openpyxl.load_workbook(formula)
    book[S.SOURCES_SHEET]["A2"] = "=1+1"                              # a formula with no value: nothing logged
    book.save(formula)
    for out in (hand, folder / "hong.xlsx", unit, formula):
        assert _refused(out, folder) == (
            f"Tệp đích '{out}' là tệp của một đơn vị trong thư mục '{folder}' đang được tổng hợp (không phải sổ tổng "
            "hợp do công cụ ghi); công cụ không bao giờ ghi đè tệp đầu vào, kể cả với --force. Chọn tên khác bằng -o.")
    refuse_input_as_output(tmp_path / "moi.xlsx", [folder])           # a new file: nothing to refuse
    refuse_input_as_output(hand, [tmp_path / "khac"])                 # not in the folder given


def test_a_master_of_one_unit_in_the_folder_may_be_replaced(tmp_path):
    folder = tmp_path / "dv"
    folder.mkdir()
    hand_made_xlsx(folder / "a.xlsx")
    master = write_master(consolidate([str(folder)]), folder / "tong_hop.xlsx")
    refuse_input_as_output(master, [folder])                          # one row in its log: still a master
    assert [Path(c.path).name for c in discover([str(folder)])] == ["a.xlsx", "tong_hop.xlsx"]


# -------------------------------------------------------------- the master's Tổng hợp
@pytest.mark.parametrize("halves_from", [None, 2])
def test_the_masters_summary_is_what_compute_makes_of_the_master(tmp_path, monkeypatch, halves_from):
    """The Tổng hợp written by consolidate (from the rows in memory, parsed
    once each) equals what `compute` makes of the written master read back;
    also when the works are counted in two halves."""
    from xlsrc import halves
    from xlsrc.completion import compute
    from xlsrc.jobs import summary_rows
    if halves_from:  # the real in_halves, from two works on (its threshold is bound when it is defined)
        whole = halves.in_halves
        monkeypatch.setattr(halves, "in_halves", lambda work, n: whole(work, n, min_items=halves_from))
    (tmp_path / "dv").mkdir()
    template_file(tmp_path / "dv" / "a.xlsx", info("Sở A", "SỞ A", date=D(2021, 11, 18)), works=[
        work(1, "Xong", D(2021, 1, 1), D(2021, 6, 30), 1.0, declared_status="Hoàn thành"),
        work(2, "Trễ", D(2021, 1, 1), D(2021, 10, 1), 0.5),
        work(3, "Lùi", D(2021, 3, 1), "Quý IV/2021", "40%", note="Lùi thời gian sang năm 2022"),
        work(4, "Chưa", D(2022, 1, 1), D(2022, 5, 1), 0),
        work(5, "Hoãn", D(2021, 2, 1), D(2021, 12, 31), 0.3, declared_status="Lùi thời gian"),
        work(6, "Xong sớm", D(2021, 1, 1), D(2021, 12, 31), 1.0, actual_finish=D(2021, 5, 1))], awards=[
        {"order": 1, "form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2, "field": "x"},
        {"order": 2, "form": "Giấy khen", "recipient_kind": "Cá nhân", "count": 3, "field": "x", "year": 2020},
        {"order": 3, "form": "Bằng khen cấp bộ, ban, ngành, tỉnh", "recipient_kind": "Cá nhân", "count": 1,
         "field": "y"}])
    hand_made_xlsx(tmp_path / "dv" / "b.xlsx", unit_line="(Kèm theo báo cáo ngày 20 tháng 11 năm 2021 của Sở B)")
    hand_made_xlsx(tmp_path / "dv" / "c.xlsx", unit_line="(Kèm theo báo cáo của Sở C)",   # months without a year:
                   rows=[(1, "Việc của C", "Tháng 1", "Tháng 2", "50%")])                   # the report's year
    result = consolidate([str(tmp_path / "dv")])
    data = read_workbook(FileBook(write_master(result, tmp_path / "th.xlsx")))
    assert result.content.summary == summary_rows(data, compute(data))
    values = {r[0]: r[1:] for r in result.content.summary if r[0]}
    assert values["Ngày tính"][0] == dt.datetime(2021, 11, 20)
    assert values["Số công trình, phần việc, nhiệm vụ đăng ký"][0] == 10 and values["Đã hoàn thành"][0] == 3
    assert [values[s][0] for s in ("Hoàn thành", "Đang thực hiện", "Chưa triển khai", "Chậm tiến độ",
                                   "Lùi thời gian", "Chưa rõ")] == [3, 1, 1, 2, 3, 0]   # C's work due in February
    assert values["Sở C"] == [1, 0, 0.0, 0]
    assert values["Sở A"] == [6, 2, 33.3, 3] and values["Sở B"] == [3, 1, 33.3, 0]
    assert values["Giấy khen"][:2] == [2, 0]          # the 2020 award is not this year's
    assert values["Cộng khen thưởng"][:3] == [2, 1, "02 tập thể và 01 cá nhân"]


# -------------------------------------------------------------- the units' proposals
def test_the_units_proposals_counted_per_file_checked_across_units_and_listed_for_the_council(tmp_path):
    from xlsrc.proposals.demo import proposal_docx
    header = ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"]
    health = tmp_path / "a_syt.docx"
    health.write_bytes(proposal_docx("SỞ Y TẾ", "3/TTr-SYT", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN", header,
                                     [("1", "Ông Lê Hải", "Bác sĩ", "Tốt"), ("2", "Bà Trần Thị B", "Điều dưỡng", "Tốt")],
                                     dated="Hà Tĩnh, ngày 05 tháng 12 năm 2025"))
    justice = tmp_path / "b_stp.docx"
    justice.write_bytes(proposal_docx("SỞ TƯ PHÁP", "4/TTr-STP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND "
                                      "TỈNH", header, [("1", "Bà Trần Thị B", "Chuyên viên", "Tốt")],
                                      dated="Hà Tĩnh, ngày 06 tháng 12 năm 2025"))
    shutil.copy(health, tmp_path / "c_gui_lai.docx")               # sent again: its notes are not said twice
    result = consolidate([str(tmp_path)])
    assert [(f.unit, f.status, f.rows, f.proposals, f.warnings) for f in result.files] == [
        ("Sở Y tế", "ok", 2, 2, 2), ("Sở Tư pháp", "ok", 1, 1, 2), ("Sở Y tế", "duplicate", 0, 0, 0)]
    assert result.as_json()["proposals"] == 3 and result.total_rows == 0
    got = result.content.rows["unit_proposals"]
    assert [(r["recipient"], r["unit"], Path(r["source_file"]).name, r["source_row"]) for r in got] == [
        ("Lê Hải", "Sở Y tế", "a_syt.docx", 2), ("Trần Thị B", "Sở Y tế", "a_syt.docx", 3),
        ("Trần Thị B", "Sở Tư pháp", "b_stp.docx", 2)]
    form = ("Cảnh báo (Hình thức, danh hiệu đề nghị): Bảng không có cột 'Hình thức, danh hiệu đề nghị': 2 dòng lấy "
            "hình thức 'Giấy khen' từ tiêu đề 'DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN'.")
    own = ("Cảnh báo (Hình thức, danh hiệu đề nghị): 'Giấy khen' do thủ trưởng đơn vị tự quyết định, không cần đề "
           "nghị lên tỉnh (Luật Thi đua, khen thưởng 2022 (Luật số 06/2022/QH15), Điều 79 và Điều 80).")
    assert got[0]["check"].split("\n") == [form, "Cảnh báo (Đối tượng): Bảng không có cột 'Đối tượng': 2 dòng được "
                                           "hiểu là cá nhân (tên có Ông, Bà, Đồng chí): dòng 2, 3.", own]
    assert got[1]["check"].split("\n") == [
        f"Cảnh báo (Tên tập thể, cá nhân): Cùng tên được Sở Tư pháp (tệp '{justice}', dòng 2) đề nghị 'Bằng khen cấp "
        "bộ, ban, ngành, tỉnh': kiểm tra có phải một người (một tập thể) không.", own]
    council = result.content.rows["proposals"]
    assert [(r["order"], r["subject"], r["department"], r["form"], r["note"]) for r in council] == [
        (1, "Lê Hải", "Sở Y tế", "Giấy khen", "Đề nghị của Sở Y tế"),
        (2, "Trần Thị B", "Sở Y tế", "Giấy khen", "Đề nghị của Sở Y tế"),
        (3, "Trần Thị B", "Sở Tư pháp", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Đề nghị của Sở Tư pháp")]


def test_three_reports_of_one_unit_each_table_from_the_newest_that_holds_it(tmp_path):
    unit = dict(unit="Sở Tư pháp", issuing="SỞ TƯ PHÁP")
    template_file(tmp_path / "0_khac.xlsx", info("Sở Y tế", "SỞ Y TẾ"), works=[work(1, "Việc của Sở Y tế")])
    old = template_file(tmp_path / "a_cu.xlsx", info(**unit, date=D(2021, 11, 1)), works=[work(1, "Việc cũ")])
    mid = template_file(tmp_path / "b_giua.xlsx", info(**unit, date=D(2021, 11, 10)), works=[work(1, "Việc giữa")],
                        awards=[AWARD])
    new = hand_made_xlsx(tmp_path / "C_moi.xlsx", unit_line="(Kèm theo báo cáo ngày 20 tháng 11 năm 2021 của Sở Tư "
                                                             "pháp)",
                         awards=[(1, "Giấy khen", "Tập thể", "Phòng Hành chính tư pháp", "phong trào thi đua")])
    result = consolidate([str(tmp_path)])
    assert [Path(f.file).name for f in result.files] == ["0_khac.xlsx", "a_cu.xlsx", "b_giua.xlsx", "C_moi.xlsx"]
    files = by_name(result)
    assert (files["0_khac.xlsx"].status, files["0_khac.xlsx"].rows) == ("ok", 1)   # a unit alone: untouched
    assert (files["C_moi.xlsx"].status, files["C_moi.xlsx"].rows) == ("ok", 4)
    assert (files["b_giua.xlsx"].status, files["b_giua.xlsx"].rows, files["b_giua.xlsx"].message) == (
        "ok", 0, f"1 công trình, phần việc; 1 dòng khen thưởng (phần công trình, phần việc, khen thưởng đã được thay "
                 f"bằng tệp '{new}' mới hơn)")
    # its works replaced by the newest, its other sheets by the middle one: the first of those paths is named
    assert str(new) < str(mid)
    assert (files["a_cu.xlsx"].status, files["a_cu.xlsx"].rows, files["a_cu.xlsx"].message) == (
        "duplicate", 0, f"Đã được thay bằng tệp '{new}' (mới hơn, cùng đơn vị Sở Tư pháp); không lấy dòng nào của "
                        f"tệp này.")
    assert old.exists()


def test_one_unit_however_its_name_is_cased(tmp_path):
    template_file(tmp_path / "a.xlsx", info("Sở Tư pháp", "SỞ TƯ PHÁP", date=D(2021, 11, 1)), works=[work(1, "Cũ")])
    template_file(tmp_path / "b.xlsx", info("SỞ TƯ PHÁP", "SỞ TƯ PHÁP", date=D(2021, 11, 2)), works=[work(1, "Mới")])
    files = by_name(consolidate([str(tmp_path)]))
    assert [(f.unit, f.status) for f in files.values()] == [("Sở Tư pháp", "duplicate"), ("SỞ TƯ PHÁP", "ok")]


def test_one_units_file_of_one_name_in_two_folders_is_re_sent_not_two_units(tmp_path):
    """The unit is named in Thông tin: the folder is not added, the newer report replaces the older."""
    for folder, day in (("lan1", 1), ("lan2", 9)):
        (tmp_path / folder).mkdir()
        template_file(tmp_path / folder / "Bao cao.xlsx", info("Sở A", "SỞ A", date=D(2021, 11, day)),
                      works=[work(1, f"Việc lần {day}")])
    result = consolidate([str(tmp_path)])
    assert [(Path(f.file).parent.name, f.unit, f.status) for f in result.files] == [
        ("lan1", "Sở A", "duplicate"), ("lan2", "Sở A", "ok")]
    assert [r["name"] for r in result.content.rows["works"]] == ["Việc lần 9"]


def test_files_the_map_gives_one_unit_are_that_units_reports_wherever_they_are(tmp_path):
    for folder, day in (("Cam Binh", 1), ("Thach Lac", 9)):
        (tmp_path / folder).mkdir()
        hand_made_xlsx(tmp_path / folder / "Bao cao.xlsx", unit_line=f"(Kèm theo báo cáo ngày {day} tháng 11 năm 2021)",
                       rows=[(1, f"Việc ngày {day}", "Tháng 1", "Tháng 2", "5%")])
    mapping = tmp_path.parent / (tmp_path.name + "_map.csv")
    mapping.write_text("file,unit\nBao cao.xlsx,UBND xã Cẩm Bình\n", encoding="utf-8")
    result = consolidate([str(tmp_path)], unit_map=str(mapping))
    assert [(Path(f.file).parent.name, f.unit, f.status) for f in result.files] == [
        ("Cam Binh", "UBND xã Cẩm Bình", "duplicate"), ("Thach Lac", "UBND xã Cẩm Bình", "ok")]


def test_a_units_proposals_are_checked_against_its_own_staff(tmp_path):
    from xlsrc.builder import Content, write_workbook
    from xlsrc.proposals.demo import proposal_docx
    write_workbook(tmp_path / "a_syt.xlsx", Content(info=info("Sở Y tế", "SỞ Y TẾ"), rows={
        "works": [work(1, "Việc")], "staff": [{"order": 1, "name": "Lê Hải"}]}))
    (tmp_path / "b_syt.docx").write_bytes(proposal_docx(
        "SỞ Y TẾ", "3/TTr-SYT", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
        ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"],
        [("1", "Ông Lê Hải", "Bác sĩ", "Tốt"), ("2", "Bà Trần Thị B", "Điều dưỡng", "Tốt")],
        dated="Hà Tĩnh, ngày 05 tháng 12 năm 2025"))
    result = consolidate([str(tmp_path)])
    assert [(f.unit, f.status, f.rows, f.proposals) for f in result.files] == [("Sở Y tế", "ok", 1, 0),
                                                                            ("Sở Y tế", "ok", 2, 2)]
    checks = {r["recipient"]: r["check"].split("\n") for r in result.content.rows["unit_proposals"]}
    assert "Cán bộ" not in " ".join(checks["Lê Hải"])
    assert checks["Trần Thị B"] == ["Cảnh báo (Tên tập thể, cá nhân): 'Trần Thị B' không có trong trang 'Cán bộ' "
                                    "của sổ đơn vị gửi kèm."]


def test_errors_in_a_files_data_are_counted_for_the_file_taken_only(tmp_path):
    first = template_file(tmp_path / "a.xlsx", works=[work(1, ""), work(2, "Việc")])   # a work without its name
    shutil.copy(first, tmp_path / "b.xlsx")
    result = consolidate([str(tmp_path)])
    assert [(f.status, f.errors, f.warnings) for f in result.files] == [("ok", 1, 0), ("duplicate", 0, 0)]
    assert [(f["errors"], f["warnings"]) for f in result.as_json()["files"]] == [(1, 0), (0, 0)]
    assert result.exit_code == 1


def test_a_file_that_names_no_movement_does_not_hide_the_others(tmp_path):
    template_file(tmp_path / "a.xlsx", info("Sở A", "SỞ A", movement="thi đua yêu nước năm 2021"), works=[work(1, "A")])
    hand_made_xlsx(tmp_path / "b.xlsx", unit_line="(Kèm theo báo cáo của Sở B)")      # no Thông tin: no movement
    got = consolidate([str(tmp_path)]).content.info
    assert (got["movement"], got["summary"]) == ("thi đua yêu nước năm 2021", "Tổng hợp kết quả thi đua yêu nước năm 2021")
