"""The size check of a zip package (xlsrc/access/limits.py) on real small
.xlsx and .ods files built part by part: each limit exactly at its value and
one over, with the Vietnamese message; every way a sheet's extent is written
(the dimension, rows and cells with and without addresses, ODS repeats); the
same answer wherever the stream's chunks cut a part; and what the check keeps
for the readers (issue 24: the mutation score of this module)."""
from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from xlsrc.access import limits as L
from xlsrc.access.limits import Limits, check_file_size, check_package, check_sizes, col_number, linked_sheets
from xlsrc.errors import FileTooLarge, FileUnusable

from .hostile_files import CT, RELS, SHEET_HEAD, WB, WB_RELS, ods_bytes, ods_cell, sheet_xml, xlsx_bytes

NAME = "don_vi.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
TAIL = ". Tệp không được đọc; hãy kiểm tra lại tệp (có thể bị hỏng hoặc bị tạo cố ý) rồi gửi lại bản chỉ có bảng số liệu."


def too_large(what: str) -> str:
    return f"Tệp '{NAME}' quá lớn: {what}{TAIL}"


def zip_of(parts: dict[str, bytes | str], stored: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def sheet(body: str, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (SHEET_HEAD + dim + f"<sheetData>{body}</sheetData></worksheet>").encode()


def check(data: bytes, keep: dict | None = None, plain: set | None = None, **limits) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        check_package(z, NAME, Limits(**limits), keep, plain)


def refusal(data: bytes, error=FileTooLarge, keep: dict | None = None, **limits) -> str:
    with pytest.raises(error) as caught:
        check(data, keep, **limits)
    return str(caught.value)


def extent(rows: int, cols: int, over: int, part: str = SHEET) -> str:
    return too_large(f"trang ('{part}') trải tới dòng {L._n(rows)} và cột {L._n(cols)}, tức hơn {L._n(over)} ô")


def assert_extent(data: bytes, rows: int, cols: int, part: str = SHEET) -> None:
    """The sheet reaches exactly rows × cols: read at that limit, refused one below, naming both."""
    check(data, sheet_cells=rows * cols)
    assert refusal(data, sheet_cells=rows * cols - 1) == extent(rows, cols, rows * cols - 1, part)


@pytest.fixture
def chunks(monkeypatch):
    """Read parts in chunks of ``n`` bytes (the real size is 1 MB)."""
    def set_chunk(n: int) -> None:
        monkeypatch.setattr(L, "CHUNK", n)
    return set_chunk


# -- small helpers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("letters, number", [("A", 1), ("Z", 26), ("AA", 27), ("az", 52), ("XFD", 16384),
                                             (b"xfd", 16384), (b"BA", 53)])
def test_column_letters_to_number(letters, number):
    assert col_number(letters) == number


def test_the_file_size_at_and_over_its_limit():
    check_file_size(L.MB, NAME, Limits(file_bytes=L.MB))
    with pytest.raises(FileTooLarge) as caught:
        check_file_size(L.MB + 1, NAME, Limits(file_bytes=L.MB))
    assert str(caught.value) == too_large("1 MB, vượt giới hạn 1 MB")
    with pytest.raises(FileTooLarge) as caught:
        check_file_size(2600 * L.MB, NAME, Limits(file_bytes=int(2499.6 * L.MB)))
    assert str(caught.value) == too_large("2.600 MB, vượt giới hạn 2.500 MB")
    check_file_size(100 * L.MB, NAME)  # the default limit
    with pytest.raises(FileTooLarge, match="vượt giới hạn 100 MB"):
        check_file_size(100 * L.MB + 1, NAME)


# -- the zip's declared sizes ---------------------------------------------------------------------------
def test_entries_total_and_part_sizes_at_and_over_their_limits():
    data = xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert check_sizes(z, NAME) == infos  # the default limits; the entries are given back
    total, largest = sum(i.file_size for i in infos), max(infos, key=lambda i: i.file_size)
    check(data, parts=len(infos), total_bytes=total, part_bytes=largest.file_size)
    assert refusal(data, parts=len(infos) - 1) == too_large(f"có {len(infos)} phần trong gói zip")
    assert refusal(data, total_bytes=total - 1) == too_large(f"khi giải nén chiếm 0 MB, vượt giới hạn 0 MB")
    assert refusal(data, part_bytes=largest.file_size - 1) == too_large(
        f"phần '{largest.filename}' khi giải nén chiếm 0 MB, vượt giới hạn 0 MB")


def test_many_entries_are_counted_with_vietnamese_grouping():
    data = zip_of({f"x/{i}.txt": b"" for i in range(1001)})
    assert refusal(data, parts=1000) == too_large("có 1.001 phần trong gói zip")


def test_the_ratio_counts_only_parts_over_its_floor():
    data = zip_of({"a.bin": b"xy"}, stored=True)  # 2 bytes stored as 2: a ratio of 1
    check(data, ratio=1, ratio_floor=0)           # exactly at the ratio
    check(data, ratio=0, ratio_floor=2)           # at the floor: not looked at
    assert refusal(data, ratio=0, ratio_floor=1) == too_large("phần 'a.bin' nén với tỷ lệ 1:1 (giới hạn 0:1)")
    one = zip_of({"b.bin": b"x"}, stored=True)
    assert refusal(one, ratio=0, ratio_floor=0) == too_large("phần 'b.bin' nén với tỷ lệ 1:1 (giới hạn 0:1)")
    packed = zip_of({"c.xml": b"a" * 3000})
    with zipfile.ZipFile(io.BytesIO(packed)) as z:
        info = z.getinfo("c.xml")
    times = info.file_size // info.compress_size
    assert times > 50
    assert refusal(packed, ratio=times - 1, ratio_floor=0) == too_large(
        f"phần 'c.xml' nén với tỷ lệ {times}:1 (giới hạn {times - 1}:1)")
    check(packed, ratio=times + 1, ratio_floor=0)


# -- the parts' real content: text runs, DTD, entities ---------------------------------------------------
def test_a_text_run_at_and_over_its_limit(chunks):
    for size in (1, 100, 10 ** 6):  # one chunk, many chunks, and the whole part in one piece
        chunks(size)
        at = xlsx_bytes(sheet_xml([("A1", "a" * 2048)]))
        check(at, text_run=2048)
        over = xlsx_bytes(sheet_xml([("A1", "a" * 2049)]))
        assert refusal(over, text_run=2048) == too_large(
            f"phần '{SHEET}' có một đoạn chữ dài hơn 2 KB (một ô Excel chứa tối đa 32.767 ký tự)")


def test_a_text_run_is_measured_in_any_part_and_from_a_file_on_disk(tmp_path):
    data = xlsx_bytes(extra={"docProps/long.txt": b"b" * 3000})
    path = tmp_path / NAME
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:  # not in memory: every part is streamed by zipfile
        with pytest.raises(FileTooLarge, match="phần 'docProps/long.txt' có một đoạn chữ dài hơn 2 KB"):
            check_package(z, NAME, Limits(text_run=2999))
        check_package(z, NAME, Limits(text_run=3000))


@pytest.mark.parametrize("chunk, run, limit, after", [
    (b"abc", 5, 10, 8),              # no delimiter: the run goes on
    (b"abc<d", 9, 10, 12),           # the run before the first '<' passes the limit
    (b"a<", 9, 10, 0),               # exactly at the limit, then closed
    (b"<abc", 0, 10, 3),             # a '<' at the very start
    (b">abc", 0, 10, 3),
    (b"ab>cd<efg", 0, 10, 3),        # open after the last delimiter
    (b"<" + b"x" * 11 + b">", 0, 10, 11),   # a run inside the chunk over the limit
    (b"<" + b"x" * 10 + b">", 0, 10, 0),    # at the limit
    (b"<" + b"x" * 11 + b"<", 0, 10, 11),
    (b">" + b"x" * 11 + b">", 0, 10, 11),
    (b"<" + b"x" * 5 + b">" + b"x" * 11 + b"<a", 0, 10, 11),
    (b"<x>" + b"x" * 11 + b">" + b"y" * 5 + b"<", 0, 10, 11),
    (b"<xx>", 0, 1, 2),              # the smallest limit
    (b"<xx<y", 0, 1, 2),
    (b"<>" + b"x" * 3 + b"<", 0, 2, 3),
    (b"<>xx<", 0, 1, 2),             # a run of 2 over a limit of 1, whatever the blocks' alignment
    (b"<" + b"xxx<" * 10, 0, 4, 0),  # short runs between '<' only: none over the limit
    (b">" + b"xxx>" * 10, 0, 4, 0),
])
def test_the_run_open_after_a_chunk(chunk, run, limit, after):
    assert L._run_after(chunk, run, limit) == after


def test_a_run_over_the_limit_is_found_however_the_chunks_cut_it(chunks):
    part = b"<a>" + b"x" * 40 + b"</a><b>" + b"y" * 41 + b"</b>"
    data = zip_of({"p.xml": part})
    for size in range(1, len(part) + 1):
        chunks(size)
        check(data, text_run=41)
        assert "dài hơn 0 KB" in refusal(data, text_run=40), size


def test_a_dtd_or_an_undefined_entity_is_refused_in_xml_parts_only(chunks):
    with_dtd = xlsx_bytes(doctype='<!DOCTYPE x [<!ENTITY a "b">]>')
    assert refusal(with_dtd, FileUnusable) == (
        f"Tệp '{NAME}': phần 'xl/workbook.xml' khai báo DTD hoặc thực thể (<!DOCTYPE/<!ENTITY>), điều Excel không "
        f"bao giờ ghi; không đọc tệp này vì lý do an toàn. Hãy mở bằng Excel, lưu lại rồi gửi lại.")
    entity = xlsx_bytes(sheet_xml([("A1", "a&nbsp;b")]))
    assert refusal(entity, FileUnusable) == (
        f"Tệp '{NAME}' bị hỏng: phần '{SHEET}' dùng thực thể không xác định '&nbsp;' (tệp đã bị sửa tay hoặc "
        f"ghi lỗi). Hãy mở bằng Excel, lưu lại rồi gửi lại.")
    check(xlsx_bytes(sheet_xml([("A1", "&amp;&lt;&gt;&quot;&apos;&#233;&#xE9;")])))
    rels = xlsx_bytes(extra={"xl/_rels/x.rels": b"<?xml version='1.0'?><!ENTITY x 'y'><r/>"})
    assert "phần 'xl/_rels/x.rels' khai báo DTD" in refusal(rels, FileUnusable)
    check(xlsx_bytes(extra={"xl/media/note.txt": b"<!DOCTYPE x> &nbsp;"}))  # not XML: not read as XML
    part = b"<a>" + b" " * 300 + b"<!DOCTYPE x><b>&nbsp;</b></a>"
    for size in (7, 64, 200, 310, 1000):  # cut anywhere: still found
        chunks(size)
        assert "khai báo DTD" in refusal(zip_of({"p.xml": part}), FileUnusable), size


@pytest.mark.parametrize("lead", ["!", "<!-- x -->", "&amp;", "! &amp; !!&lt;"])
def test_a_dtd_or_an_undefined_entity_after_a_harmless_bang_or_entity_is_found(chunks, lead):
    """The searches start at the first '!' or '&' of the part: a text 'Chú ý!', a comment or an
    escaped '&' before the DTD or the entity does not hide it."""
    chunks(64)
    part = f"<a><b>{lead}</b>{' ' * 100}<!DOCTYPE x></a>".encode()
    assert "khai báo DTD" in refusal(zip_of({"p.xml": part}), FileUnusable)
    entity = xlsx_bytes(sheet_xml([("A1", f"Chú ý{lead}"), ("A2", "a&nbsp;b")]))
    assert "không xác định '&nbsp;'" in refusal(entity, FileUnusable)
    check(xlsx_bytes(sheet_xml([("A1", f"Chú ý{lead}"), ("A2", "a&amp;b")])))


# -- the extent of a sheet ---------------------------------------------------------------------------------
@pytest.mark.parametrize("dimension, rows, cols", [
    ("A1:C4", 4, 3), ("C4", 4, 3), ("B2:XFD1", 1, 16384), ("$A$1:$D$7", 7, 4), ("a1:d7", 7, 4),
])
def test_the_dimension_gives_the_extent(dimension, rows, cols):
    assert_extent(xlsx_bytes(sheet(f'<row r="1"><c r="A1"/></row>', dimension)), rows, cols)


@pytest.mark.parametrize("head", ["<dimension ref = ' C4 '/>", "<x:dimension ref='$C$4'/>",
                                  '<dimension foo="1" ref="A1:C4"/>'])
def test_the_dimension_as_any_xml_writer_spells_it(head):
    data = xlsx_bytes((SHEET_HEAD + head + '<sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>').encode())
    assert_extent(data, 4, 3)


@pytest.mark.parametrize("dimension", ["C", "1:5", "", "A1:"])
def test_a_dimension_without_a_cell_is_no_extent(dimension):
    data = xlsx_bytes(sheet('<row r="1"><c r="A1"/></row>', dimension or None))
    assert_extent(data, 1, 1)


def test_the_dimension_is_read_at_the_top_of_the_part_only(chunks):
    data = xlsx_bytes(sheet('<row r="1"><c r="A1"/></row>' + "<!-- -->" * 40, "A1:C4"))
    chunks(300)  # the dimension is in the first chunk, which is full
    assert refusal(data, sheet_cells=11) == extent(4, 3, 11)
    late = xlsx_bytes(sheet('<row r="1"><c r="A1"/></row>' + "<!--" + " " * 400 + "-->") .replace(
        b"</sheetData>", b"</sheetData><x:dimension ref=\"A1:C4\"/>"))
    check(late, sheet_cells=1)  # a dimension after the first chunk is not the sheet's


@pytest.mark.parametrize("body, rows, cols", [
    ('<row r="3"><c r="B3"/><c r="D3"/></row>', 3, 4),
    ('<row r="2"><c t="n"><v>1</v></c><c><v>2</v></c><c/></row>', 2, 3),        # cells without addresses
    ("<row><c/></row><row><c/><c/></row>", 2, 2),                             # rows without numbers
    ('<row r="5"><c r="A5"/></row><row><c/></row>', 6, 1),                     # a row after row 5
    ("<row r = '7'><c r = ' $d$7 '/></row>", 7, 4),                           # quotes, spaces, $, lower case
    ('<row r="1"><c r="C1"/><c/></row>', 1, 4),                               # after an addressed cell
    ('<row r="1"><c r="A9"/></row>', 9, 1),                                   # the cell's own row counts
    ('<row r="9"><c r="A1"/></row>', 9, 1),                                   # so does its row's
    ("<c><v>1</v></c>", 1, 1),                                                # a cell outside any row
    ('<row r="x"><c r=""/></row>', 1, 1),                                     # unreadable: placed after
    ('<row r="2"><c r="3"/><c r="B"/></row>', 2, 2),
    ('<x:row r="4"><x:c r="C4"/></x:row>', 4, 3),                             # a prefixed element
    ('<row r="4" spans="1:3"><c s="1" r="C4"/></row>', 4, 3),                 # the address not first
    ('<row r="2"><c r="XFD2"/></row>', 2, 16384),                             # a far cell
    ('<row r="1"><c r="A1"/></row><row r="99999"><c r="Z99999"/></row>', 99999, 26),
])
def test_every_cell_is_placed_as_the_reader_places_it(body, rows, cols):
    assert_extent(xlsx_bytes(sheet(body)), rows, cols)


def test_a_sheet_part_that_ends_inside_its_last_cell_is_counted():
    data = xlsx_bytes((SHEET_HEAD + '<sheetData><row r="3"><c r="B3"/><c r="C3">').encode())
    assert_extent(data, 3, 3)


def test_cells_written_the_usual_way_are_counted_only_when_they_could_pass_the_limit():
    usual = xlsx_bytes(sheet('<row r="99999"><c r="Z99999"/></row>'))
    check(usual, sheet_cells=99999 * 26)  # within Z99999 the quick pass cannot exceed this
    assert refusal(usual, sheet_cells=99999 * 26 - 1) == extent(99999, 26, 99999 * 26 - 1)
    tall = xlsx_bytes(sheet('<row r="1"><c r="A1"/></row>', "A1:A200000"))
    check(tall, sheet_cells=200000)
    assert refusal(tall, sheet_cells=199999) == extent(200000, 1, 199999)


def test_the_extent_is_the_same_wherever_the_chunks_cut_the_part(chunks):
    body = ('<row r="7"><c r="C7" t="s"><v>1</v></c><c r="B7"/></row>'  # the usual way
            '<row r="8"><c r="Y8"/></row><row><c/><c/></row>')          # row 9 without number, 2 cells
    data = xlsx_bytes(sheet(body))
    for size in range(1, len(sheet(body)) + 2):
        chunks(size)
        check(data, sheet_cells=9 * 25)
        with pytest.raises(FileTooLarge):
            check(data, sheet_cells=9 * 25 - 1)


def test_a_cell_without_address_follows_the_last_usual_one_of_an_earlier_chunk(chunks):
    """Chunks of usual rows are passed over quickly, but where their last
    row and cell stand is kept: a cell without address in the next chunk
    comes after it."""
    usual = '<row r="99999"><c r="Z99999"/>'
    body = usual + "<!--" + " " * 200 + "-->" + "<c/></row>"
    data = xlsx_bytes(sheet(body))
    chunks(len(SHEET_HEAD) + len("<sheetData>") + len(usual) + 100)
    assert refusal(data, sheet_cells=99999 * 26) == extent(99999, 27, 99999 * 26)
    check(data, sheet_cells=99999 * 27)


@pytest.mark.parametrize("cut", range(0, 14))
def test_a_row_or_cell_cut_at_the_start_of_a_chunk_is_not_missed(chunks, cut):
    """The only row and cell of a part, the chunk cut anywhere around them."""
    start = len(SHEET_HEAD) + len("<sheetData>")
    data = xlsx_bytes(sheet('<row r="2"><c r="B2"/></row>'))
    chunks(start + cut)
    assert refusal(data, sheet_cells=3) == extent(2, 2, 3)


# -- ODS ----------------------------------------------------------------------------------------------------
def value_cell(cols: int = 1) -> str:
    return ods_cell("x", cols)


@pytest.mark.parametrize("rows_xml, rows, cols", [
    (f'<table:table-row table:number-rows-repeated="3">{value_cell()}</table:table-row>', 3, 1),
    (f'<table:table-row table:number-rows-repeated="1000"><table:table-cell/></table:table-row>'
     f"<table:table-row>{value_cell()}</table:table-row>", 1001, 1),                  # empty rows then a value
    (f'<table:table-row table:number-rows-repeated="5"/><table:table-row>{value_cell()}</table:table-row>', 6, 1),
    ('<table:table-row><table:table-cell table:number-columns-repeated="4"/>'
     f"{value_cell(2)}</table:table-row>", 1, 6),                                     # empty cells then values
    (f"<table:table-row>{value_cell()}<table:covered-table-cell/>{value_cell()}</table:table-row>", 1, 3),
    (f"<table:table-row>{value_cell()}</table:table-row ><table:table-row>{value_cell(3)}</table:table-row>", 2, 3),
    (f"<table:table-row table:number-rows-repeated = '4' >{value_cell()}</table:table-row>"
     "<table:table-row><table:table-cell table:number-columns-repeated='9'/></table:table-row>", 4, 1),
    (f'<table:table-row table:number-rows-repeated="2">{value_cell()}</table:table-row>'
     '<table:table-row><table:table-cell office:value-type="float" office:value="1" '
     'table:number-columns-repeated="2"/></table:table-row>', 3, 2),
])
def test_ods_rows_and_cells_with_their_repeats(rows_xml, rows, cols):
    assert_extent(ods_bytes(rows_xml), rows, cols, part="content.xml")


def test_each_ods_table_has_its_own_extent():
    wide = f"<table:table-row>{value_cell(5)}</table:table-row>"
    tall = f'<table:table-row table:number-rows-repeated="5">{value_cell()}</table:table-row>'
    data = ods_bytes(wide + '</table:table><table:table table:name="Sheet2">' + tall)
    check(data, sheet_cells=5)
    assert refusal(data, sheet_cells=4) == extent(1, 5, 4, "content.xml")
    other = ods_bytes(wide + "</table:table><table>" + tall)  # no prefix, no attribute
    check(other, sheet_cells=5)


def test_ods_extent_whatever_the_chunks(chunks):
    rows_xml = (f'<table:table-row table:number-rows-repeated="3">{value_cell()}</table:table-row>'
                f'<table:table-row table:number-rows-repeated="2"/><table:table-row>{value_cell(4)}</table:table-row>')
    data = ods_bytes(rows_xml)
    for size in (17, 50, 97, 200, 10 ** 6):
        chunks(size)
        check(data, sheet_cells=24)
        with pytest.raises(FileTooLarge, match="dòng 6 và cột 4"):
            check(data, sheet_cells=23)


def test_an_ods_content_that_ends_inside_a_value_cell_is_counted():
    content = ('<office:document-content xmlns:table="t"><table:table table:name="S">'
               '<table:table-row table:number-rows-repeated="4"><table:table-cell office:value-type="string" '
               'table:number-columns-repeated="3">').encode()
    data = zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})
    assert_extent(data, 4, 3, part="content.xml")


def test_a_content_part_counts_as_ods_only_in_an_ods_package():
    rows_xml = f'<table:table-row table:number-rows-repeated="100">{value_cell()}</table:table-row>'
    ods = ods_bytes(rows_xml)
    with zipfile.ZipFile(io.BytesIO(ods)) as z:
        content = z.read("content.xml")
    check(zip_of({"content.xml": content}), sheet_cells=1)  # no mimetype: not a spreadsheet's content
    check(zip_of({"mimetype": b"x", "other.xml": content}), sheet_cells=1)
    assert "dòng 100" in refusal(zip_of({"mimetype": b"x", "content.xml": content}), sheet_cells=99)


# -- which parts are sheets ------------------------------------------------------------------------------
def rels(*targets: tuple[str, str]) -> str:
    items = "".join(f'<Relationship Id="r{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/{kind}" Target="{target}"/>' for i, (kind, target) in enumerate(targets))
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{items}</Relationships>")


FAR = sheet('<row r="2"><c r="B2"/></row>')


@pytest.mark.parametrize("parts, found", [
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "data/s.xml")), "xl/data/s.xml": FAR}, {"xl/data/s.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "/data/s.xml")), "data/s.xml": FAR}, {"data/s.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "/xl/../data/s.xml")), "data/s.xml": FAR}, {"data/s.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "..\\data\\s.xml")), "data/s.xml": FAR}, {"data/s.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("chartsheet", "c.xml"), ("styles", "st.xml")), "xl/c.xml": FAR,
      "xl/st.xml": b"<s/>"}, {"xl/c.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("dialogSheet", "d.xml")), "xl/d.xml": FAR}, {"xl/d.xml"}),
    ({"_rels/.rels": rels(("officeDocument", "book/wb.xml")), "book/wb.xml": WB,
      "book/_rels/wb.xml.rels": rels(("worksheet", "s.xml")), "book/s.xml": FAR}, {"book/s.xml"}),
    ({"_rels/.rels": rels(("officeDocument", "book/wb.xml")), "book/wb.xml": WB,
      "book/_rels/wb.xml.rels": rels(("worksheet", "s.xml")), "xl/s.xml": FAR}, {"xl/s.xml"}),  # read from xl/
    ({"_rels/.rels": rels(("officeDocument", "/book/wb.xml")), "book/wb.xml": WB,
      "book/_rels/wb.xml.rels": rels(("worksheet", "/s.xml")), "s.xml": FAR}, {"s.xml"}),
    ({"_rels/.rels": rels(("thumbnail", "book/wb.xml")), "book/wb.xml": WB,
      "book/_rels/wb.xml.rels": rels(("worksheet", "s.xml")), "book/s.xml": FAR}, set()),  # not the workbook
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "missing.xml"))}, set()),
    ({"xl/_rels/workbook.xml.rels": "<Relationships><Relationship Type='x/worksheet'/></Relationships>"}, set()),
    ({"xl/_rels/workbook.xml.rels": "not xml"}, set()),
    ({"xl/_rels/workbook.xml.rels": "<Relationships><Relationship Target='s.xml'/></Relationships>",
      "xl/s.xml": FAR}, set()),                                                           # no type
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "/xl/../s.xml")), "xl/../s.xml": FAR},
     {"xl/../s.xml"}),                                                # an entry named as the target is written
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "/X/../s.xml")), "X/../s.xml": FAR}, {"X/../s.xml"}),
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "/a/../Xs.xml")), "Xs.xml": FAR}, {"Xs.xml"}),
    ({"xl/workbook.bin": b"", "xl/_rels/workbook.bin.rels": rels(("worksheet", "data/s.xml")),
      "xl/data/s.xml": FAR}, {"xl/data/s.xml"}),                     # an .xlsb's workbook
    ({"xl/_rels/workbook.xml.rels": rels(("worksheet", "a.xml"), ("worksheet", "b.xml")), "xl/a.xml": FAR,
      "xl/b.xml": FAR}, {"xl/a.xml", "xl/b.xml"}),
    ({"_rels/.rels": rels(("officeDocument", "book/wb.xml")), "book/wb.xml": WB,
      "book/_rels/wb.xml.rels": rels(("worksheet", "s.xml")), "book/s.xml": FAR,
      "xl/_rels/workbook.xml.rels": rels(("worksheet", "t.xml")), "xl/t.xml": FAR}, {"book/s.xml", "xl/t.xml"}),
])
def test_sheets_are_found_through_the_relationships(parts, found):
    data = zip_of({"xl/workbook.xml": WB, **parts})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert linked_sheets(z) == found
    if found:  # and their cells are counted
        assert refusal(data, sheet_cells=3) in {extent(2, 2, 3, part) for part in found}


def test_a_huge_relationships_part_is_not_read(monkeypatch):
    monkeypatch.setattr(L, "_SMALL_PART", 600)
    sheets = rels(("worksheet", "data/s.xml"))
    for padding, found in ((0, {"xl/data/s.xml"}), (600 - len(sheets), {"xl/data/s.xml"}),
                           (601 - len(sheets), set())):
        data = zip_of({"xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": sheets + " " * padding,
                       "xl/data/s.xml": FAR})
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert linked_sheets(z) == found, padding


def test_sheets_in_the_usual_folders_count_without_relationships():
    for part in ("xl/worksheets/other.xml", "xl/chartsheets/c.xml"):
        assert refusal(zip_of({part: FAR}), sheet_cells=3) == extent(2, 2, 3, part)
    for part in ("xl/worksheets/_rels/sheet1.xml.rels", "xl/other/s.xml", "xl/worksheets/s.txt"):
        check(zip_of({part: FAR}), sheet_cells=3)


# -- .xlsb parts: binary records -----------------------------------------------------------------------------
def test_an_xlsb_sheet_is_measured_by_its_records_not_as_text(chunks):
    """base.xlsb (written by Excel): its largest sheet, sheet1.bin, reaches J2."""
    from pathlib import Path
    data = (Path(__file__).parent / "data" / "xlsb" / "base.xlsb").read_bytes()
    for size in (10 ** 6, 64):
        chunks(size)
        check(data, sheet_cells=20)
        assert refusal(data, sheet_cells=19) == extent(2, 10, 19, "xl/worksheets/sheet1.bin")


# -- what the check keeps, and damaged parts -------------------------------------------------------------------
def test_the_xml_parts_read_in_one_chunk_are_kept_for_the_readers(monkeypatch, chunks):
    data = xlsx_bytes(extra={"xl/media/image.png": b"\x89PNG" + bytes(100)})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = {i.filename: z.read(i) for i in z.infolist() if i.filename.endswith((".xml", ".rels"))}
    kept: dict[str, bytes] = {}
    check(data, keep=kept)
    assert kept == xml  # not the image
    check(data)  # nothing asked to keep
    sizes = [len(v) for v in xml.values()]
    monkeypatch.setattr(L, "KEEP_BYTES", sizes[0] + sizes[1])  # the first two exactly
    kept = {}
    check(data, keep=kept)
    assert list(kept) == list(xml)[:2]
    monkeypatch.setattr(L, "KEEP_BYTES", 10 ** 9)
    chunks(max(sizes) - 1)  # the largest takes two chunks when streamed: unpacked whole as there is room, and kept
    kept = {}
    check(data, keep=kept)
    assert kept == xml
    largest = max(xml, key=lambda k: len(xml[k]))
    monkeypatch.setattr(L, "KEEP_BYTES", max(sizes) - 1)  # no room for the largest: streamed, not kept
    kept = {}
    check(data, keep=kept)
    assert largest not in kept and all(kept[k] == xml[k] for k in kept)


def test_a_sheet_unpacked_whole_is_checked_as_a_streamed_one(chunks):
    """A sheet part larger than a chunk, unpacked whole to be kept: its dimension still counts."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 200))
    data = xlsx_bytes(sheet(rows, "A1:Z100000"))
    chunks(1000)
    assert refusal(data, keep={}, sheet_cells=2_599_999) == extent(100_000, 26, 2_599_999)
    check(data, keep={}, sheet_cells=2_600_000)


@pytest.mark.parametrize("body, plain", [
    ('<row r="1"><c r="A1" s="2"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row><row r="2"/>', True),
    ('<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>', False),         # a cell without its address
    ('<row r="1"><c r="A1"/><x:c r="B1"><x:v>2</x:v></x:c></row>', False),     # a prefixed cell
    ('<row><c r="A1"><v>1</v></c></row>', False),                               # a row without its number
    ('<row r="1"><c r="AA1"><v>1</v></c></row>', False),                        # beyond Z
])
def test_the_sheets_written_the_usual_way_are_told(chunks, body, plain):
    """What the readers are told: a sheet part whose rows and cells are all <row r="N">, <c r="XN" …>."""
    found: set[str] = set()
    chunks(20)  # wherever the chunks cut
    check(xlsx_bytes(sheet(body)), plain=found)
    assert found == ({SHEET} if plain else set())


def test_a_part_whose_bytes_do_not_match_its_checksum_is_not_read():
    data = bytearray(zip_of({"a.xml": b"<a>" + b"x" * 50 + b"</a>"}, stored=True))
    data[data.index(b"xxxx")] = ord("y")
    with pytest.raises(zipfile.BadZipFile):
        check(bytes(data), keep={})


def test_a_small_part_is_unpacked_from_memory_exactly():
    body = b"<a>" + b"x" * 500 + b"</a>"
    for stored in (True, False):
        data = zip_of({"a.xml": body}, stored=stored)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert L._unpack_small(z, z.getinfo("a.xml")) == body
    with zipfile.ZipFile(io.BytesIO(zip_of({"a.xml": body}))) as z:
        info = z.getinfo("a.xml")
        info.CRC ^= 1  # the header lies: zipfile's own path says so
        assert L._unpack_small(z, info) is None
        info.CRC ^= 1
        info.file_size -= 1
        assert L._unpack_small(z, info) is None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_BZIP2) as z:
        z.writestr("a.xml", body)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        assert L._unpack_small(z, z.getinfo("a.xml")) is None  # another compression: zipfile unpacks it
        kept: dict[str, bytes] = {}
        check_package(z, NAME, Limits(), kept)
        assert kept == {"a.xml": body}
    assert zlib.crc32(body)  # (the checksum the header carries)


def test_ods_rows_after_rows_add_up():
    rows_xml = ("<table:table-row><table:table-cell/></table:table-row>" * 2 +
                f'<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
                f"<table:table-row>{value_cell()}</table:table-row>")
    assert_extent(ods_bytes(rows_xml), 6, 1, part="content.xml")


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_large_part_is_scanned_within_a_few_chunks_of_memory(chunks, kind):
    """1.2 MB of cells read in chunks of 16 KB: what the scan holds stays near
    the chunk (a tag cut by a chunk waits for the next one, nothing more)."""
    import tracemalloc
    style = "s" * 100
    if kind == "ods":
        data = ods_bytes("<table:table-row>" + f'<table:table-cell table:style-name="{style}"/>' * 10_000 +
                         "</table:table-row>")
    else:
        data = xlsx_bytes(sheet('<row r="1">' + f'<c s="1" t="{style}"/>' * 10_000 + "</row>"))
    chunks(16 * 1024)
    tracemalloc.start()
    try:
        check(data, sheet_cells=10 ** 6, ratio=10 ** 4)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 400 * 1024, peak


@pytest.mark.parametrize("into", [1, 2, 3, 4])
def test_a_cell_without_address_at_the_start_of_a_chunk_is_placed(chunks, into):
    """The chunk ends inside '<c/>', so the next one starts with it: it is
    still placed after the last usual cell (Z99999), in column 27."""
    usual = '<row r="99999"><c r="Z99999"/>'
    data = xlsx_bytes(sheet(usual + "<c/></row>"))
    chunks(len(SHEET_HEAD) + len("<sheetData>") + len(usual) + into)
    assert refusal(data, sheet_cells=99999 * 26) == extent(99999, 27, 99999 * 26)


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_chunk_of_text_only_is_carried_over(chunks, kind):
    """Chunks of 64 bytes inside a 300-character text: no tag in them at all."""
    text = "v" * 300
    if kind == "ods":
        data, part, rows = ods_bytes(f"<table:table-row>{ods_cell(text)}{ods_cell(text, 2)}</table:table-row>"), \
            "content.xml", 1
    else:
        data, part, rows = xlsx_bytes(sheet_xml([("A1", text), ("C2", text)])), SHEET, 2
    chunks(64)
    assert_extent(data, rows, 3, part)


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_part_that_starts_with_more_than_a_chunk_of_blanks(chunks, kind):
    """XML may open with blanks before its first tag: the first chunk then holds no tag at all."""
    blanks = b" " * 100
    if kind == "ods":
        with zipfile.ZipFile(io.BytesIO(ods_bytes(f"<table:table-row>{value_cell(3)}</table:table-row>"))) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        parts["content.xml"] = blanks + parts["content.xml"].split(b"?>", 1)[1]
        data, part, rows = zip_of(parts), "content.xml", 1
    else:
        data, part, rows = xlsx_bytes(blanks + sheet('<row r="2"><c r="C2"/></row>').split(b"?>", 1)[1]), SHEET, 2
    chunks(64)
    assert_extent(data, rows, 3, part)


def test_a_part_whose_header_understates_its_size_costs_no_memory():
    """A part declared as 1.000 bytes that unpacks to 20 MB: at most the
    declared size plus one byte is made before the checksum refuses it."""
    import struct
    import tracemalloc
    body = b"<a>" + b" " * 20_000_000 + b"</a>"
    data = bytearray(zip_of({"a.xml": body}))
    real = struct.pack("<I", len(body))
    for at in (data.index(b"PK\x03\x04") + 22, data.index(b"PK\x01\x02") + 24):  # local and central headers
        assert data[at:at + 4] == real
        data[at:at + 4] = struct.pack("<I", 1000)
    tracemalloc.start()
    try:
        with pytest.raises(zipfile.BadZipFile):
            check(bytes(data), keep={}, ratio=10 ** 6)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # (zipfile itself unpacks up to 1 MB at a time)



def test_an_empty_part_is_not_kept():
    kept: dict[str, bytes] = {}
    check(xlsx_bytes(extra={"xl/empty.xml": b""}), keep=kept)
    assert "xl/empty.xml" not in kept and SHEET in kept


def test_a_compressed_size_written_as_one_byte_is_still_a_ratio():
    import struct
    data = bytearray(zip_of({"a.bin": b"xy"}, stored=True))
    central = data.index(b"PK\x01\x02")
    assert struct.unpack_from("<I", data, central + 20)[0] == 2
    struct.pack_into("<I", data, central + 20, 1)  # the directory says 2 bytes packed into 1
    assert refusal(bytes(data), ratio=1, ratio_floor=0) == too_large("phần 'a.bin' nén với tỷ lệ 2:1 (giới hạn 1:1)")


def test_a_binary_part_of_an_xlsx_is_measured_like_any_other():
    """Only an .xlsb's parts are binary records; a .bin in an .xlsx (printer settings, VBA) is read as bytes."""
    data = xlsx_bytes(extra={"xl/printerSettings/p1.bin": b"\x01" * 3000})
    assert refusal(data, text_run=2999) == too_large(
        "phần 'xl/printerSettings/p1.bin' có một đoạn chữ dài hơn 2 KB (một ô Excel chứa tối đa 32.767 ký tự)")


def test_folders_in_the_package_are_passed_over_and_what_follows_is_read():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/", b"")
        z.writestr("xl/worksheets/", b"")
        z.writestr(SHEET, FAR)
    assert refusal(buf.getvalue(), sheet_cells=3) == extent(2, 2, 3)


def test_xlsb_sheets_in_their_folder_count_without_relationships_but_not_their_index():
    from pathlib import Path
    with zipfile.ZipFile(Path(__file__).parent / "data" / "xlsb" / "base.xlsb") as z:
        records = z.read("xl/worksheets/sheet1.bin")  # reaches J2
    sheet_bin = zip_of({"xl/workbook.bin": b"", "xl/worksheets/sheet1.bin": records})
    assert refusal(sheet_bin, sheet_cells=19) == extent(2, 10, 19, "xl/worksheets/sheet1.bin")
    index = zip_of({"xl/workbook.bin": b"", "xl/worksheets/binaryIndex1.bin": records})
    check(index, sheet_cells=1)


@pytest.mark.parametrize("target, after, rows, cols", [
    ('<row r="99999"><c r="Z99999"/></row>', "<row><c/></row>", 100000, 26),   # the next row follows row 99999
    ('<row r="99999"><c r="A99999"/><c r="Z99999"/>', "<c/></row>", 99999, 27),  # the next cell follows Z
])
def test_where_the_passed_over_rows_end_is_kept_wherever_the_chunk_cuts(chunks, target, after, rows, cols):
    """Usual rows are passed over; a row or cell without address in a later
    chunk is placed after the last of them, however the chunks cut the row
    and cells before it (the limit is the quick pass's own bound, so only the
    placement can show the sheet is over it)."""
    before = '<row r="5"><c r="Z5"/></row>'
    body = before + target + "<!--" + " " * 600 + "-->" + after
    data = xlsx_bytes(sheet(body))
    start = len(SHEET_HEAD) + len("<sheetData>") + len(before)
    for size in range(start, start + len(target) + 1):
        chunks(size)
        assert refusal(data, sheet_cells=99999 * 26) == extent(rows, cols, 99999 * 26), size


def test_with_wait_only_the_parts_of_sheets_wait_and_each_sheet_scans_its_own():
    """An .xlsx read one sheet at a time: the parts in the sheet folders wait
    (the sheets, their relationships, comments, drawings, tables), every
    other part is checked at once; a sheet's parts are checked by its name,
    all of them when the name is not the workbook's."""
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    others = {"xl/worksheets/_rels/sheet1.xml.rels": dtd, "xl/comments1.xml": dtd,
              "xl/drawings/vmlDrawing1.vml": dtd, "xl/tables/table1.xml": dtd}
    data = xlsx_bytes(sheet(""), extra={**others, "xl/styles.xml": b"<styleSheet/>"})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        scan = L.scan_package(z, NAME, wait=True)
        assert set(scan.waiting) == {SHEET, *others}
        scan.scan_sheet("Sheet1")
        assert set(scan.waiting) == set(others)
        with pytest.raises(FileUnusable, match="phần 'xl/"):
            scan.scan_sheet("Không có")  # not a sheet of the workbook: everything waiting is checked
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(extra={"xl/sharedStrings.xml": dtd}))) as z:
        with pytest.raises(FileUnusable, match="phần 'xl/sharedStrings.xml'"):
            L.scan_package(z, NAME, wait=True)  # read when the workbook is opened: never waits
    strings = '<Relationship Id="rId9" Type="http://x/sharedStrings" Target="worksheets/chuoi.xml"/></Relationships>'
    data = zip_of({"_rels/.rels": RELS, "xl/workbook.xml": WB, SHEET: sheet(""), "xl/worksheets/chuoi.xml": dtd,
                   "xl/_rels/workbook.xml.rels": WB_RELS.replace("</Relationships>", strings)})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        with pytest.raises(FileUnusable, match="phần 'xl/worksheets/chuoi.xml'"):
            L.scan_package(z, NAME, wait=True)  # named by the workbook, not a sheet: never waits, wherever it is


@pytest.mark.parametrize("target,part", [("worksheets/sheet1.xml", SHEET), ("/xl/worksheets/sheet1.xml", SHEET),
                                         ("xl/worksheets/sheet1.xml", SHEET), ("worksheets\\sheet1.xml", SHEET),
                                         ("../data/sheet1.xml", "data/sheet1.xml")])
def test_a_sheet_name_gives_the_part_however_its_target_is_written(target, part):
    data = zip_of({"_rels/.rels": RELS, "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels":
                   WB_RELS.replace("worksheets/sheet1.xml", target), part: sheet("")})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert part in L.sheet_parts_by_name(z)["Sheet1"]


def test_a_workbook_stored_elsewhere_gives_no_sheet_parts():
    """Not where every reader looks (xl/workbook.xml): which part is a sheet's is not said, so all are checked."""
    data = zip_of({"_rels/.rels": RELS.replace('Target="xl/workbook.xml"', 'Target="xl/book2.xml"'),
                   "xl/workbook.xml": WB, "xl/book2.xml": WB, "xl/_rels/workbook.xml.rels": WB_RELS, SHEET: sheet("")})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert L.sheet_parts_by_name(z) is None
        scan = L.scan_package(z, NAME, wait=True)
        scan.scan_sheet("Sheet1")
        assert scan.waiting == {}
