"""The reader on real files: workbooks typed the way staff type them (built
with openpyxl or the builder), read back through FileBook + read_workbook;
the table locator on an annex laid out like the seed report; files that
are not workbooks."""
from __future__ import annotations

import datetime as dt
import os
import unicodedata
import zipfile

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.demo_data import demo_content
from xlsrc.errors import FileUnusable, ThiDuaError
from xlsrc.parsing import DAY, MONTH, QUARTER, YEAR
from xlsrc.records import read_workbook
from xlsrc.tables import _END_MARKERS, _FOOT_NOTE, _ORDER_HEADS, _is_end_marker, _Texts, is_total, locate
from xlsrc.vntext import fold

D = dt.date
N = None
WORK_HEADERS = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)"]


def _book(tmp_path, works: list[list], info: dict | None = None, name="typed.xlsx", formats: dict | None = None):
    """A workbook typed by hand: a Thông tin form (label | value) and a
    Công trình table. ``formats`` maps a 0-based column to a number format
    applied to every data cell of that column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    for label, value in (info or {}).items():
        ws.append([label, value])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(WORK_HEADERS)
    for r, row in enumerate(works, start=2):
        ws.append(row)
        for c, fmt in (formats or {}).items():
            ws.cell(r, c + 1).number_format = fmt
    path = tmp_path / name
    wb.save(path)
    return read_workbook(FileBook(path))


# --------------------------------------------------------------------------
# 1. Dates, as cells of a real workbook
DATE_CELLS = [
    # (cell value, number format, precision, start, end)
    (dt.datetime(2021, 11, 18), "dd/mm/yyyy", DAY, D(2021, 11, 18), D(2021, 11, 18)),
    (dt.datetime(2021, 3, 24, 8, 30), "dd/mm/yyyy hh:mm", DAY, D(2021, 3, 24), D(2021, 3, 24)),
    (44518, "General", DAY, D(2021, 11, 18), D(2021, 11, 18)),          # a serial number left unformatted
    (44518.0, "0", DAY, D(2021, 11, 18), D(2021, 11, 18)),
    ("18/11/2021", "@", DAY, D(2021, 11, 18), D(2021, 11, 18)),
    ("18-11-2021", "General", DAY, D(2021, 11, 18), D(2021, 11, 18)),
    ("ngày 18 tháng 11 năm 2021", "General", DAY, D(2021, 11, 18), D(2021, 11, 18)),
    ("Tháng 4", "General", MONTH, D(2021, 4, 1), D(2021, 4, 30)),
    ("tháng 12/2021", "General", MONTH, D(2021, 12, 1), D(2021, 12, 31)),
    ("6/2021", "@", MONTH, D(2021, 6, 1), D(2021, 6, 30)),
    ("Quý II/2021", "General", QUARTER, D(2021, 4, 1), D(2021, 6, 30)),
    ("Năm 2021", "General", YEAR, D(2021, 1, 1), D(2021, 12, 31)),
    (2021, "General", YEAR, D(2021, 1, 1), D(2021, 12, 31)),
]


def test_every_date_form_from_a_real_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    ws.append(["Ngày ban hành *", dt.datetime(2021, 11, 18)])
    ws["B2"].number_format = "dd/mm/yyyy"
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(WORK_HEADERS)
    for i, (value, fmt, *_) in enumerate(DATE_CELLS, start=1):
        ws.append([i, f"Việc {i}", value, "Năm 2022", "50%"])
        ws.cell(i + 1, 3).number_format = fmt
    wb.save(tmp_path / "dates.xlsx")
    data = read_workbook(FileBook(tmp_path / "dates.xlsx"))
    assert data.report_date == D(2021, 11, 18) and data.report_year == 2021
    got = [(w["start"].precision, w["start"].start, w["start"].end) for w in data.works]
    assert got == [c[2:] for c in DATE_CELLS]
    assert [w.row for w in data.works] == list(range(2, 2 + len(DATE_CELLS)))


def test_month_only_takes_the_year_of_the_report_date(tmp_path):
    data = _book(tmp_path, [[1, "Ký kết thỏa thuận", "Tháng 4", "Tháng 12", "100%"]],
                 info={"Ngày ban hành": "18/11/2023"})
    start, finish = data.works[0]["start"], data.works[0]["planned_finish"]
    assert (start.start, start.end, start.precision) == (D(2023, 4, 1), D(2023, 4, 30), MONTH)
    assert (finish.start, finish.end) == (D(2023, 12, 1), D(2023, 12, 31))
    assert start.display() == "Tháng 4" and not start.year_given


def test_report_year_overrides_the_year_of_the_report_date(tmp_path):
    data = _book(tmp_path, [[1, "Việc", "Tháng 4", "Tháng 12", "10%"]],
                 info={"Ngày ban hành": "ngày 05 tháng 01 năm 2022", "Năm báo cáo": 2021})
    assert data.report_date == D(2022, 1, 5)
    assert data.works[0]["start"].start == D(2021, 4, 1)


def test_month_only_without_any_year_stays_unreadable(tmp_path):
    data = _book(tmp_path, [[1, "Việc", "Tháng 4", "Năm 2021", "10%"]])
    start = data.works[0]["start"]
    assert not start.ok and start.text == "Tháng 4"


def test_report_year_typo_does_not_break_the_reader(tmp_path):
    """'Năm báo cáo' typed 20211: month-only dates cannot be placed, other dates still read."""
    data = _book(tmp_path, [[1, "Việc", "Tháng 4", "18/11/2021", "10%"]],
                 info={"Ngày ban hành": "18/11/2021", "Năm báo cáo": 20211})
    start, finish = data.works[0]["start"], data.works[0]["planned_finish"]
    assert not start.ok and start.text == "Tháng 4"
    assert finish.ok and finish.start == D(2021, 11, 18)


def test_every_date_form_keeps_its_precision_and_display(tmp_path):
    """No day is invented on the way through a file: intervals stay intervals."""
    rows = [[i, f"Việc {i}", v, "Năm 2022", "10%"] for i, v in enumerate(
        ["tháng 12/2021", "6/2021", "Quý II/2021", "Năm 2021", "Tháng 4", "18-11-2021"], start=1)]
    data = _book(tmp_path, rows, info={"Ngày ban hành": dt.datetime(2021, 11, 18)})
    assert [w["start"].display() for w in data.works] == [
        "Tháng 12/2021", "Tháng 6/2021", "Quý II/2021", "Năm 2021", "Tháng 4", "18/11/2021"]
    for w in data.works[:5]:
        assert w["start"].start.day == 1 and w["start"].start < w["start"].end


def test_a_date_cell_in_a_text_column_reads_as_dd_mm_yyyy(tmp_path):
    """calamine gives a date (not a datetime) for a date cell; a text column shows it as staff see it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.AWARDS.name
    ws.append(["TT", "Hình thức, danh hiệu", "Đối tượng", "Tên tập thể, cá nhân", "Lĩnh vực, phong trào",
               "Giai đoạn, năm", "Số quyết định"])
    ws.append([1, "Giấy khen", "Cá nhân", "Nguyễn Văn Việt", "phong trào thi đua", dt.datetime(2020, 7, 1),
               dt.datetime(2020, 7, 1, 9, 30)])
    ws["F2"].number_format = "dd/mm/yyyy"
    ws["G2"].number_format = "dd/mm/yyyy hh:mm"
    wb.save(tmp_path / "award-dates.xlsx")
    (award,) = read_workbook(FileBook(tmp_path / "award-dates.xlsx")).awards
    assert award["period"] == "01/07/2020"
    assert award["decision_number"] == "01/07/2020"


def test_unreadable_date_cell_keeps_its_text(tmp_path):
    data = _book(tmp_path, [[1, "Việc", "sau Tết Nguyên đán", "31/02/2021", "10%"]], info={"Ngày ban hành": "18/11/2021"})
    start, finish = data.works[0]["start"], data.works[0]["planned_finish"]
    assert not start.ok and start.text == "sau Tết Nguyên đán" and start.display() == "sau Tết Nguyên đán"
    assert not finish.ok and finish.text == "31/02/2021"


# --------------------------------------------------------------------------
# 2. Progress
def test_progress_in_a_percent_formatted_column(tmp_path):
    seed_text = "Sở Ngoại vụ đã có văn bản đề nghị UBND tỉnh cho phép lùi thời gian tổ chức lớp tiếng Lào."
    rows = [[1, "A", "Năm 2021", "Năm 2022", 0.95], [2, "B", "Năm 2021", "Năm 2022", 1],
            [3, "C", "Năm 2021", "Năm 2022", 0], [4, "D", "Năm 2021", "Năm 2022", "95% (dự kiến khởi công trong tháng 12/2021)"],
            [5, "E", "Năm 2021", "Năm 2022", seed_text]]
    data = _book(tmp_path, rows, formats={4: "0%"})
    progress = [w["progress"] for w in data.works]
    assert [p.value for p in progress] == [95.0, 100.0, 0.0, 95.0, None]
    assert [p.note for p in progress] == ["", "", "", "dự kiến khởi công trong tháng 12/2021", seed_text]


def test_progress_typed_as_plain_numbers(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", 95], [2, "B", "Năm 2021", "Năm 2022", 100],
            [3, "C", "Năm 2021", "Năm 2022", 0.5], [4, "D", "Năm 2021", "Năm 2022", "95%"]]
    data = _book(tmp_path, rows)
    # a column holding 95 and 100 is in percent: its 0.5 means 0.5%, not 50%
    assert [w["progress"].value for w in data.works] == [95.0, 100.0, 0.5, 95.0]


def test_demo_progress_column_is_read_as_fractions(read_back):
    """The builder writes 100% as 1.0 in a %-formatted column; the seed's
    '95% (…)' remark and free text sit in the same column."""
    works = read_back(demo_content()).works
    assert [w["progress"].value for w in works] == [95.0, 100.0, None]
    assert works[0]["progress"].note == "dự kiến khởi công trong tháng 12/2021"
    assert works[2]["progress"].note.startswith("Sở Ngoại vụ đã có văn bản")


# --------------------------------------------------------------------------
# 3. Text
def test_nfd_text_comes_back_nfc_and_stripped(tmp_path):
    nfd_name = unicodedata.normalize("NFD", "  Tổ chức lớp tiếng Lào cho cán bộ  ")
    nfd_header = unicodedata.normalize("NFD", "Tên công trình, phần việc")
    assert not unicodedata.is_normalized("NFC", nfd_name)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = unicodedata.normalize("NFD", S.WORKS.name)  # even the sheet name typed in NFD
    ws.append(["TT", nfd_header, "Ngày khởi công", "Ngày hoàn thành", unicodedata.normalize("NFD", "Loại")])
    ws.append([1, nfd_name, "Tháng 7/2021", "Tháng 9/2021", unicodedata.normalize("NFD", " phần việc ")])
    wb.save(tmp_path / "nfd.xlsx")
    data = read_workbook(FileBook(tmp_path / "nfd.xlsx"))
    (work,) = data.works
    assert work["name"] == "Tổ chức lớp tiếng Lào cho cán bộ"
    assert unicodedata.is_normalized("NFC", work["name"])
    assert work["kind"] == "Phần việc"  # vocabulary value, canonical spelling
    assert work["start"].precision == MONTH


def test_text_round_trip_through_the_builder(read_back):
    content = demo_content()
    content.rows["works"][2]["name"] = unicodedata.normalize("NFD", "\t Tổ chức lớp tiếng Lào \n")
    content.info["signer_name"] = unicodedata.normalize("NFD", " Ngô Thị Hoài Nam ")
    data = read_back(content)
    assert data.works[2]["name"] == "Tổ chức lớp tiếng Lào"
    assert data.info["signer_name"] == "Ngô Thị Hoài Nam"
    assert unicodedata.is_normalized("NFC", data.info["signer_name"])


def test_a_record_read_is_the_record_of_its_dicts(demo_book):
    """A record the reader makes keeps its row in the table's rows and makes
    its dicts when first asked for: it reads, compares, prints and pickles
    as a record made of those dicts, and a change made to its dicts is kept."""
    import pickle
    from xlsrc.records import Record
    data = read_workbook(FileBook(demo_book))
    for spec in (S.WORKS, S.AWARDS, S.PLANS):
        for rec in data.records[spec.key]:
            keys = [c.key for c in spec.columns] + ["not_a_column"]
            read = [rec[k] for k in keys]   # from the table's row: no dict made
            assert rec._values is None and rec._raw is None
            made = Record(spec, rec.row, dict(rec.raw), dict(rec.values))
            assert read == [made[k] for k in keys] == [rec.values.get(k) for k in keys]
            assert rec == made and repr(rec) == repr(made) and pickle.loads(pickle.dumps(rec)) == made
            assert rec.text("name") == made.text("name") and rec != Record(spec, rec.row + 1, made.raw, made.values)
    work = data.works[0]
    work.values["declared_status"] = S.STATUS_DONE
    assert work["declared_status"] == work.text("declared_status") == S.STATUS_DONE != data.works[1]["declared_status"]


def test_demo_reads_back_whole(demo_book):
    data = read_workbook(FileBook(demo_book))
    assert data.missing == []
    # 5 awards of the conference + 6 rows of award history (Năm before the report year) for the review
    # + 7 recipients of decision 45/QĐ-SNgV (2025) + 2 rows of the dossier demo's history (2023, 2024)
    assert (len(data.plans), len(data.works), len(data.awards), len(data.narrative)) == (11, 3, 20, 11)
    # 6 standards + 11 rows that only carry a prize coefficient of NĐ 152/2025 (Giấy khen, Bằng khen tập thể …);
    # ratings and initiatives of 2023–2025 for the dossier demo (xlsrc.dossier.demo)
    assert (len(data.staff), len(data.ratings), len(data.initiatives), len(data.standards)) == (10, 31, 10, 17)
    assert (len(data.council), len(data.meetings), len(data.proposals), len(data.achievements)) == (7, 1, 7, 7)
    assert data.report_date == D(2021, 11, 18)
    assert data.info["doc_number"] == "180/BC-SNgV"
    assert data.info["recipients"] == ["Như trên;", "Ban Giám đốc Sở;", "Lưu: VT, VP."]
    assert data.works[1]["start"].display() == "Tháng 4"
    assert [w.row for w in data.works] == [2, 3, 4]


# --------------------------------------------------------------------------
# 9. The table locator on an annex laid out like the seed report
def _annex(total_row: list) -> list[list]:
    return [
        ["DANH SÁCH", N, N, N, N],
        ["công trình, phần việc chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập tỉnh", N, N, N, N],
        ["(Kèm theo báo cáo số 180/BC-SNgV ngày 18 tháng 11 năm 2021 của Sở Ngoại vụ)", N, N, N, N],
        [N, N, N, N, N],
        ["TT", "Tên công trình (phần việc)", "Thời gian thực hiện", N, "Tiến độ hoàn thành (%)"],
        [N, N, "Ngày khởi công", "Ngày hoàn thành", N],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Khởi công xây dựng Dự án hệ thống thủy lợi huyện Nông Bốc", "Năm 2021", "Năm 2022",
         "95% (dự kiến khởi công trong tháng 12/2021)"],
        [N, N, N, N, N],
        [2, "Ký kết thỏa thuận hợp tác với IPM Nhật Bản", "Tháng 4", "Tháng 12", "100%"],
        [3, "Tổ chức lớp tiếng Lào cho cán bộ công chức viên chức của tỉnh", "Tháng 7", "Tháng 9",
         "Sở Ngoại vụ đã có văn bản đề nghị lùi thời gian tổ chức lớp tiếng Lào sang năm 2022."],
        total_row,
        [N, N, N, N, N],
        ["Nơi nhận:", N, N, "KT. GIÁM ĐỐC", N],
        ["- Như trên;", N, N, "PHÓ GIÁM ĐỐC", N],
        ["- Lưu: VT, VP.", N, N, N, N],
        [N, N, N, "Ngô Thị Hoài Nam", N],
    ]


TOTAL_ROWS = [
    ["Tổng cộng", N, N, N, N],
    ["Tổng cộng", "03 công trình, phần việc", N, N, N],
    ["Tổng cộng", "03 công trình, phần việc", N, N, "65%"],
    ["Tổng cộng", N, N, N, "65%"],
    [N, "Tổng cộng", N, N, "65%"],
    ["Cộng", 3, N, N, N],
    [N, N, N, N, N],
]


@pytest.mark.parametrize("total_row", TOTAL_ROWS, ids=[str(r) for r in TOTAL_ROWS])
def test_locator_finds_exactly_the_data_rows(total_row):
    loc = locate(S.WORKS, _annex(total_row), "Phụ lục", S.WORKS.key_column)
    assert loc is not None
    assert loc.header_row == 4 and loc.data_start == 6  # two-row header; the numbering row is skipped below
    assert loc.columns == {"order": 0, "name": 1, "start": 2, "planned_finish": 3, "progress": 4}
    assert loc.rows == [7, 9, 10]


def test_locator_with_a_signature_straight_under_the_table():
    grid = _annex([N, N, N, N, N])
    del grid[11:13]  # no total, no blank: "Nơi nhận:" right under the last work
    assert locate(S.WORKS, grid, "", S.WORKS.key_column).rows == [7, 9, 10]


def test_annex_in_a_real_workbook_with_merged_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.WORKS.name
    for row in _annex(["Tổng cộng", "03 công trình, phần việc", N, N, "65%"]):
        ws.append(row)
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:E2")
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:D5")
    ws.merge_cells("E5:E6")
    wb.save(tmp_path / "annex.xlsx")
    data = read_workbook(FileBook(tmp_path / "annex.xlsx"))
    assert S.INFO.name in data.missing
    assert [w.row for w in data.works] == [8, 10, 11]
    assert [w["name"][:9] for w in data.works] == ["Khởi công", "Ký kết th", "Tổ chức l"]
    assert [w["progress"].value for w in data.works] == [95.0, 100.0, None]
    assert data.works[0]["start"].precision == YEAR


# words of texts that end a table or head another, and of work names, in the spellings units type them
_PIECES = [*_END_MARKERS, *_ORDER_HEADS, "Nơi nhận", "NGƯỜI LẬP BIỂU", "KT. GIÁM ĐỐC", "T.M", "Ghi chú:", "Lưu ý",
           "Hà Tĩnh, ngày", "NGÀY", "ngày", "tháng", "năm", "Ngáy", "Tên công trình", "TÊN", "Xây dựng", "Tổ chức",
           "Sở", "STT", "S.T.T", "Kỹ năng", "Chủ động", "Thủy lợi", "2025", " ", "  ", ", ", "-", "–", ":", "(", ".",
           "\u0301", "\u0323", "\u0360", "\u05b0", "\u212a", "ǹ", "Ǹ", "ĝ", "Ȳ", "đ", "Đ", "ø", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=6).map("".join),
       st.sampled_from(["ten cong trinh phan viec", "hinh thuc khen thuong", "ten tap the ca nhan", ""]))
@example("Hà Tĩnh, ngày 05 tháng 01 năm 2025", "")
@example(unicodedata.normalize("NFD", "– NƠI NHẬN: như trên"), "")
@example("Ng\u0360ay 5 thang 6 nam 2025", "")
@example("Te\u05b0n co\u0302ng tri\u0300nh phan viec", "ten cong trinh phan viec")
@example("\u212ay tên", "")
@example("  Tổng cộng", "")
@example("(Ghi chú: kèm theo)", "")
@example("Nơi - nhận:", "")
@example("Số\u00a0 T\u0301T", "")
def test_a_text_is_folded_when_its_fold_may_end_the_table(text, header_key):
    """The table finder's quick look folds only the texts whose first word
    or a 'ngày' may make them special: whatever its spelling (NFD, upper
    case, stray marks, punctuation), a text that ends the table, heads
    another or repeats the header is still found."""
    folded = fold(text)
    special = _is_end_marker(folded) or folded in _ORDER_HEADS or bool(header_key) and folded == header_key
    assert _Texts(header_key)._folds_special(text) == special
    # the quick look over a table's texts misses none of them (a total, a foot note, a text folded special)
    special = special or is_total(text) or bool(_FOOT_NOTE.match(text))
    assert _Texts(header_key).special_of([text, "Xây dựng nhà văn hoá"]) == ({text} if special else set())


def test_locator_finds_a_key_header_named_only_by_its_two_rows():
    """'Nội dung' merged over 'Công việc | Đơn vị': the key column is named
    by the two rows together ('Nội dung công việc'), neither row alone."""
    grid = [["DANH SÁCH CÔNG TRÌNH", N, N, N, N],
            ["TT", "Nội dung", N, "Ngày hoàn thành", "Tiến độ (%)"],
            [N, "Công việc", "Đơn vị", N, N],
            [1, "Sửa chữa trụ sở", "Văn phòng", "30/9/2025", "80%"],
            [2, "Số hoá hồ sơ", "Phòng Tư pháp", "31/12/2025", "50%"]]
    loc = locate(S.WORKS, grid, "", S.WORKS.key_column)
    assert (loc.header_row, loc.data_start, loc.rows) == (1, 3, [3, 4])
    assert loc.columns["name"] == 1 and loc.columns["progress"] == 4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=4).map("".join),
       st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=4).map("".join))
@example("Tên công", "trình")
@example("ΟΔΟΣ", "Σ\u0301")
def test_two_texts_joined_fold_to_the_words_of_each(top, below):
    """What the table finder's row filter (tables._RowWords) relies on: a
    header text joined from two cells holds no word that neither cell holds."""
    assert set(fold(f"{top} {below}").split()) <= set(fold(top).split()) | set(fold(below).split())


def test_locator_returns_none_without_the_key_column():
    assert locate(S.WORKS, [["TT", "Ghi chú"], [1, "x"]], "", S.WORKS.key_column) is None
    assert locate(S.WORKS, [], "", S.WORKS.key_column) is None


# --------------------------------------------------------------------------
# 10. Files that are not workbooks
def _unusable(path) -> str:
    with pytest.raises(FileUnusable) as err:
        read_workbook(FileBook(path))
    assert isinstance(err.value, ThiDuaError)
    return str(err.value)


@pytest.mark.parametrize("name,content", [
    ("bao cao.xlsx", "Đây là một tệp văn bản, không phải bảng tính.\n".encode()),
    ("Báo cáo Sở Ngoại vụ.xlsx", os.urandom(4096)),
    ("ngau nhien.xlsm", bytes(range(256)) * 8),
    ("cu.xls", b"not an OLE file at all"),
    ("rong.xlsx", b""),
])
def test_not_a_workbook(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    message = _unusable(path)
    assert name in message
    assert any(ch in message for ch in "ệặảỏạđ"), message  # a Vietnamese sentence


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "không phải bảng tính")
    assert "nen.xlsx" in _unusable(path)


def test_missing_file_and_wrong_suffix(tmp_path):
    assert "khong-co.xlsx" in _unusable(tmp_path / "khong-co.xlsx")
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(b"PK\x03\x04 whatever")
    assert "bao-cao.docx" in _unusable(path)


def test_equal_values_of_other_types_are_parsed_each_for_itself():
    """Each distinct cell of a column is parsed once, but 1, 1.0, True and
    '1' are four cells: an order column of them gives 1, 1, nothing, 1, and
    the same text twice gives the same value."""
    from xlsrc.records import read_records
    head = [S.WORKS.column("order").header, S.WORKS.column("name").header, S.WORKS.column("start").header]
    grid = [head, [1, "Cầu A", "01/02/2021"], [1.0, "Cầu B", "01/02/2021"], [True, "Cầu C", 44228.0],
            ["1", "Cầu D", 44228]]
    _, recs = read_records(S.WORKS, grid, "Công trình", 2021)
    assert [r["order"] for r in recs] == [1, 1, None, 1]
    assert recs[0]["start"] is recs[1]["start"] and recs[0]["start"].start == dt.date(2021, 2, 1)
    assert [type(r.raw["order"]) for r in recs] == [int, float, bool, str]


@pytest.mark.parametrize("cells", [
    [1, 1.0, True, 1, "1", None, 1.0, False, 0, 0.0, "1"],   # equal numbers of three types: each read as it is
    [1.0, 2.5, 1.0, None, 2.5],                               # numbers of one type
    ["Sở A", None, "Sở A", "Sở B", None],                     # no number at all
    [None, "x", 1, "x", 1.0],                                 # a number of each type after texts
])
def test_each_distinct_cell_is_read_once_and_equal_numbers_of_other_types_apart(cells):
    """once_each reads each distinct cell once and gives every cell what its
    own reading gives: 1, 1.0 and True are equal in Python but are read
    apart (a column without any number needs no look at each cell's type)."""
    from xlsrc.records import once_each
    calls = []

    def read(v):
        calls.append(v)
        return (type(v).__name__, v)
    assert once_each(read, cells) == [(type(v).__name__, v) for v in cells]
    assert len(calls) == len({(type(v), v) for v in cells})


def test_a_column_holding_an_unhashable_cell_is_read_cell_by_cell():
    from xlsrc.records import once_each
    assert once_each(len, [[1, 2], "ab", [1, 2], "ab"]) == [2, 2, 2, 2]
