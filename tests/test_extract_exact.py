"""consolidate/extract.py function by function (mutation testing, issue 24):
each reading of a unit's table on small grids located as the consolidation
locates them, and on tiny real .xlsx/.xls/.ods files, with the exact master
cells, records and findings (file, sheet, cell, message) at the boundaries
of each comparison. Fast: no consolidation, no worker process."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.consolidate import extract as E
from xlsrc.records import parse_value
from xlsrc.tables import GROUP_SEPARATOR, locate

from .fixtures_consolidate import info, template_file, work
from .shapes import write_shape, write_table

D = dt.datetime
N = None
W, A = S.WORKS, S.AWARDS
PATH = "/dv/a.xlsx"


def _cell(spec, key, raw, year=2021, **how):
    col = spec.column(key)
    return E.master_value(col, raw, parse_value(col, raw, year, **how))


def _table(spec, grid, year=2021, sheet="Phụ lục", cell_info=None):
    loc = locate(spec, grid, sheet, spec.key_column)
    out, errors, records = E.table_rows(spec, grid, loc, sheet, year, cell_info)
    return loc, out, errors, records


def _found(spec, grid, year=2021, sheet="Phụ lục"):
    loc, _, _, records = _table(spec, grid, year, sheet)
    return E.check_tables(PATH, [(spec, loc, sheet, records)])


def _f(code, severity, sheet, row, cell, column, message, file=PATH):
    return {"file": file, "sheet": sheet, "row": row, "cell": cell, "column": column, "severity": severity,
            "code": code, "message": message}


# ------------------------------------------------------------------ one cell of the master
@pytest.mark.parametrize("raw, expected", [
    (None, None), ("  ", None), ("", None),
    (D(2021, 3, 1, 10, 5), D(2021, 3, 1)),                  # a day: the date, its time dropped
    (dt.date(2021, 3, 1), D(2021, 3, 1)),
    (44256.0, D(2021, 3, 1)),                               # an Excel day number
    ("30/9/2025 (dự kiến)", "30/9/2025 (dự kiến)"),         # qualified: as typed
    (" Tháng 4 ", "Tháng 4/2021"),                          # a month without its year: the report's
    ("Tháng 4/2021", "Tháng 4/2021"),                       # a month with its year: as typed
    ("Quý IV/2021", "Quý IV/2021"), ("abc", "abc"),
    (2021, "Năm 2021"),                                     # a number, not a day: its reading
    (3.5, "3,5"),
])
def test_a_date_cell_in_the_master(raw, expected):
    got = _cell(W, "start", raw)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("raw, expected", [
    ("Tháng 4 (dự kiến)", "Tháng 4/2021 (dự kiến)"), ("khoảng tháng 4", "khoảng tháng 4/2021"),
    ("dự kiến THÁNG 12 (chưa chắc)", "dự kiến THÁNG 12/2021 (chưa chắc)"), ("Tháng 4/2021 (dự kiến)", "Tháng 4/2021 (dự kiến)"),
    ("Tháng 4 (dự kiến tháng 5)", "Tháng 4/2021 (dự kiến tháng 5)")])            # the year after the month read
def test_a_month_with_words_keeps_them_and_takes_the_reports_year(raw, expected):
    """The master shows what the unit wrote ('dự kiến': not a firm date) and is read with the unit's year."""
    assert _cell(W, "start", raw) == expected
    again = parse_value(W.column("start"), expected, None)       # the master's own reading: no year of its own
    assert (again.ok, again.start, again.year_given, again.qualified) == (
        True, dt.date(2021, 4 if "4" in raw else 12, 1), True, True)


def test_a_text_date_is_written_in_nfc():
    assert _cell(W, "start", "Tha\u0301ng 4/2021") == "Tháng 4/2021"
    assert _cell(W, "start", "Tha\u0301ng 4", year=None) == "Tháng 4"


@pytest.mark.parametrize("raw, how, expected", [
    ("50%", {}, 0.5), (50, {}, 0.5), (0, {}, 0.0), (100, {}, 1.0),       # 0 and 100 are fractions
    (33.333333333333, {}, 0.33333333), (0.7, {}, 0.007),          # no float noise (0.7 / 100 is 0.00699…9)
    (100.5, {}, "100.5%"), (150, {}, "150%"), (-5, {}, "-5%"), (-0.1, {}, "-0.1%"),  # out of 0…100: as read
    (0.5, {"fraction": True}, 0.5), (0.5, {}, 0.005),
    ("Đang thực hiện", {}, "Đang thực hiện"), ("95% (dự kiến)", {}, "95% (dự kiến)"),  # a note: as typed
    ("150%", {}, "150%"), (None, {}, None),
])
def test_a_progress_cell_in_the_master(raw, how, expected):
    assert _cell(W, "progress", raw, **how) == expected


def test_a_progress_that_is_not_a_number_keeps_its_figure():
    col = W.column("progress")
    assert E.master_value(col, 12.0, parse_value(col, "abc", 2021)) == "12"    # read as nothing: the cell
    assert E.master_value(col, 12.5, parse_value(col, "abc", 2021)) == "12.5"


@pytest.mark.parametrize("raw, expected", [(3, 3), (3.0, 3), ("  5 ", 5), ("abc", "abc"), (3.5, "3.5"),
                                           (None, None)])
def test_a_count_cell_in_the_master(raw, expected):
    got = _cell(A, "count", raw)
    assert got == expected and type(got) is type(expected)


def test_text_choice_and_lines_cells_in_the_master():
    assert _cell(W, "name", "  Việc  một ") == "Việc  một"
    assert _cell(W, "kind", "Công trình") == "Công trình" and _cell(W, "kind", "xyz") == "xyz"
    lines = S.INFO.column("recipients")
    assert E.master_value(lines, "a\nb", ["a", "b"]) == "a\nb"
    assert E.master_value(lines, "x", []) is None
    assert E.master_value(W.column("name"), "x", "") is None


def test_plain_line_and_joined_texts():
    assert [E._plain(v) for v in (12.0, -3.0, 12.5, float("inf"), " a ", None)] == ["12", "-3", "12.5", "inf", "a", ""]
    assert E._line_text(D(2021, 3, 5)) == E._line_text(dt.date(2021, 3, 5)) == "05/03/2021"
    assert [E._line_text(v) for v in (12.0, 3.25, "  a\n b ")] == ["12", "3.25", "a\n b"]
    assert E._joined(None, " a ", "", "  ", "b") == "a\nb"
    assert E._joined(None, " ") is None
    assert E._joined("x", "y", sep=" / ") == "x / y"


# ------------------------------------------------------------------ small readers
@pytest.mark.parametrize("name, kind", [
    ("Ông Nguyễn Văn A", S.INDIVIDUAL), ("Bà Lê Thị B", S.INDIVIDUAL), ("Đồng chí Trần C", S.INDIVIDUAL),
    ("Phòng Tổ chức", S.COLLECTIVE), ("Trường THCS Can Lộc", S.COLLECTIVE), ("Tập thể lớp 9A", S.COLLECTIVE),
    ("Tap the Phong", S.COLLECTIVE), ("tập thể", None), ("Nguyễn Văn A", None), ("Ông", None),
    ("", None), ("  ", None), (None, None), (5, None)])
def test_the_kind_a_name_says(name, kind):
    assert E.name_kind(name) == kind


@pytest.mark.parametrize("heading, kind", [
    ("I. TẬP THỂ", S.COLLECTIVE), ("II. Khen thưởng cá nhân", S.INDIVIDUAL), ("CÁ NHÂN:", S.INDIVIDUAL),
    ("Tập thể", S.COLLECTIVE), ("Tập thể và cá nhân", None), ("Khối A", None), ("", None), ("tapthe", None),
    ("I. TẬP THỂ" + GROUP_SEPARATOR + "1. Phòng", S.COLLECTIVE),                     # the outer one names it
    ("I. Cá nhân" + GROUP_SEPARATOR + "1. Tập thể X", S.COLLECTIVE),                 # the innermost that names
    ("I. Cá nhân" + GROUP_SEPARATOR + "Tập thể và cá nhân", S.INDIVIDUAL)])
def test_the_kind_a_group_heading_names(heading, kind):
    assert E.heading_kind(heading) == kind


@pytest.mark.parametrize("row, n, columns, expected", [
    (["#REF!", None, "#N/A"], 3, [0, 1, 2], True), (["#DIV/0!", "  "], 2, [0, 1], True),
    (["#REF!", "x"], 2, [0, 1], False), ([None, " "], 2, [0, 1], False), ([], 0, [0], False),
    (["#REF!"], 1, [0, 1], True), (["a", "#REF!"], 2, [1], True), (["#REF!", 0], 2, [0, 1], False),
    ([None, "#REF!"], 2, [0, 1], True), (["", "#N/A", "x"], 3, [0, 1, 2], False)])
def test_a_row_of_error_values_only(row, n, columns, expected):
    assert E._only_errors(row, n, columns) is expected


def test_column_letters_and_indexes():
    assert [E.xl_col(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    from xlsrc.access.cellinfo import col_index
    assert [col_index(b) for b in (b"A", b"Z", b"AA", b"AB", b"ZZ", b"AAA")] == [0, 25, 26, 27, 701, 702]


def test_title_lines_above_the_header():
    grid = [["  A\nB\n\n", None, 5, " "], ["C"], ["D"]]
    assert E._title_lines(grid, 2) == ["  A", "B", "C"]
    assert E._title_lines(grid, 0) == [] and E._title_lines(grid, -1) == []


# ------------------------------------------------------------------ the rows of one table
WORKS_HEADER = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)",
                "Ghi chú", "Kinh phí", N]
LONG_NOTE = "Hoàn thành rồi, đây là ghi chú dài hơn bốn mươi ký tự."


def _works_row(order, name, source_row, start=N, finish=N, progress=N, note=N, extra=N, group="I. Khối văn phòng",
               **more):
    return {"order": order, "name": name, "start": start, "planned_finish": finish, "progress": progress,
            "note": note, "group": group, "extra": extra, "source_sheet": "Phụ lục", "source_row": source_row, **more}


def test_a_works_table_row_by_row():
    grid = [WORKS_HEADER,
            ["I. Khối văn phòng", N, N, N, N, N, N, N],
            [1.0, "  Việc  một ", D(2021, 3, 1), "Tháng 4", "50%", "Hoàn thành", 12.0, N],
            [2, "Việc hai", "Tháng 4", D(2021, 9, 30), "Đang thực hiện", "Đang thực hiện", "  ", "lạc"],
            ["#REF!", "#REF!", "#N/A", N, N, N, "#VALUE!", N],        # error values only: left out, counted
            [4, "Việc bốn", "Tháng 4", D(2021, 9, 30), "Đã hoàn thành", LONG_NOTE, N, N],
            [5.5, "Việc năm", "Tháng 4", "Tháng 4"],                  # a short row; 5.5 is not a row number
            [6, "Việc sáu", N, N, N, N]]                              # ends just before the unknown column
    loc, out, errors, records = _table(W, grid)
    assert errors == 1
    assert out == [
        _works_row(1, "Việc  một", 3, D(2021, 3, 1), "Tháng 4/2021", 0.5, "Hoàn thành", "Kinh phí: 12",
                   declared_status="Hoàn thành"),                      # from the note: no status column
        _works_row(2, "Việc hai", 4, "Tháng 4/2021", D(2021, 9, 30), "Đang thực hiện", "Đang thực hiện", "Cột H: lạc",
                   declared_status="Đang thực hiện"),                  # from the progress words
        _works_row(4, "Việc bốn", 6, "Tháng 4/2021", D(2021, 9, 30), "Đã hoàn thành", LONG_NOTE,
                   declared_status="Hoàn thành"),                      # a long note says no status
        _works_row("5.5", "Việc năm", 7, "Tháng 4/2021", "Tháng 4/2021"), _works_row(6, "Việc sáu", 8)]
    assert [r.row for r in records] == [3, 4, 6, 7, 8]
    assert [r.values["declared_status"] for r in records] == ["Hoàn thành", "Đang thực hiện", "Hoàn thành", "", ""]
    assert [r.values["order"] for r in records] == [1, 2, 4, None, 6]
    assert records[0].values["progress"].value == 50.0 and records[1].values["progress"].value is None
    assert records[3].values["progress"].text == "" and records[3].values["planned_finish"].year_given is False
    assert records[0].raw == {"order": 1.0, "name": "  Việc  một ", "start": D(2021, 3, 1), "planned_finish": "Tháng 4",
                              "progress": "50%", "note": "Hoàn thành", "extra": "Kinh phí: 12",
                              "group": "I. Khối văn phòng"}
    assert records[3].raw == {"order": 5.5, "name": "Việc năm", "start": "Tháng 4", "planned_finish": "Tháng 4",
                              "progress": None, "note": None, "group": "I. Khối văn phòng"}


def test_a_tables_records_share_its_columns_and_are_checked_a_column_at_a_time():
    """table_rows makes no dict per record: the records share the table's
    columns (records.TableRows), which the validator takes whole, and a
    record makes its dicts only when asked (then as the reader read them)."""
    from xlsrc.records import table_of
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ", "Tình trạng"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "150%", "Hoàn thành"], [2, "Hai", "x", D(2021, 2, 1), "50%", N]]
    loc, out, _, records = _table(W, grid)
    found = E.check_tables(PATH, [(W, loc, "Phụ lục", records)])
    assert table_of(records) is not None and [r["progress"].value for r in records] == [150.0, 50.0]
    assert [(f["cell"], f["code"]) for f in found] == [("E2", "PROGRESS_OUT_OF_RANGE"), ("C3", "DATE_UNREADABLE")]
    assert records[1].raw == {"order": 2, "name": "Hai", "start": "x", "planned_finish": D(2021, 2, 1),
                              "progress": "50%", "declared_status": N}


def test_error_values_typed_with_spaces_or_in_lower_case_leave_their_row_out():
    grid = [["TT", "Tên công trình", "Ngày khởi công"], [1, "Một", D(2021, 1, 1)], ["  #ref! ", " #n/a", N],
            [N, " #value!", "#DIV/0!"], [3, "#REF!", "x"]]
    _, out, errors, _ = _table(W, grid)
    assert errors == 2 and [r["source_row"] for r in out] == [2, 5]


def test_a_status_column_is_not_replaced_by_the_progress_words():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ", "Tình trạng"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "Đang thực hiện", "Lùi thời gian"],
            [2, "Hai", D(2021, 1, 1), D(2021, 2, 1), "Đang thực hiện", N]]
    _, out, _, records = _table(W, grid)
    assert [r["declared_status"] for r in out] == ["Lùi thời gian", "Đang thực hiện"]
    assert [r.values["declared_status"] for r in records] == ["Lùi thời gian", "Đang thực hiện"]


def test_the_same_value_down_a_table_is_read_once_each_where_it_stands():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ"],
            [1, "Một", "Tháng 4", "Tháng 4", 1], [2, "Hai", "Tháng 4", "Tháng 4", 1.0], [3, "Ba", "Tháng 4", "x", True]]
    _, out, _, records = _table(W, grid)
    assert [(r["start"], r["planned_finish"]) for r in out] == [("Tháng 4/2021", "Tháng 4/2021")] * 2 + \
        [("Tháng 4/2021", "x")]
    assert [r.values["start"].text for r in records] == ["Tháng 4"] * 3
    assert [r["progress"] for r in out] == [1.0, 1.0, "True"]     # 1 and 1.0 alike (a fraction); True as typed


def test_a_cell_read_in_an_earlier_table_is_read_again_with_this_tables_year_and_numbers():
    """A worker remembers the cells it read across files: never a reading made
    under another report year, or beside other progress numbers."""
    head = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Tiến độ hoàn thành (%)"]
    fractions = [head, [1, "Xây dựng nhà A", "Tháng 4", 0.5], [2, "Xây dựng nhà B", "Tháng 5", 0.8]]
    mixed = [head, [1, "Xây dựng nhà A", "Tháng 4", 0.5], [2, "Xây dựng nhà B", "Tháng 5", 60]]
    read = [[(r["start"], r["progress"]) for r in _table(W, grid, year)[1]]
            for grid, year in ((fractions, 2021), (fractions, 2022), (mixed, 2021), (fractions, 2021))]
    assert read == [[("Tháng 4/2021", 0.5), ("Tháng 5/2021", 0.8)], [("Tháng 4/2022", 0.5), ("Tháng 5/2022", 0.8)],
                    [("Tháng 4/2021", 0.005), ("Tháng 5/2021", 0.6)],    # 0.5 among numbers > 1: 0,5% (said)
                    [("Tháng 4/2021", 0.5), ("Tháng 5/2021", 0.8)]]


def test_an_awards_table_with_its_unit_numbers_dates_and_years():
    grid = [["TT", "Hình thức", "Đối tượng", "Tên tập thể, cá nhân", "Lĩnh vực", "Số quyết định", "Ngày quyết định",
             "Năm", "Đơn vị gửi"],
            [1, "Giấy khen", "Cá nhân", "Lê A", "x", "Số 45/QĐ-SYT ngày 05/01/2025", N, 2020.0, 5.0],
            [2, "Giấy khen", "Cá nhân", "Lê B", "x", "Số 45/QĐ-SYT ngày 05/01/2025", D(2025, 1, 6), "2020", " Sở Y tế "],
            [3, "Giấy khen", "Cá nhân", "Lê C", "x", "46/QĐ-SYT", N, 2020.5, "  "],
            [4, "Giấy khen", "Cá nhân", "Lê D", "x", "Số 47/QĐ-SYT ngày 5 tháng 1 năm 2025", "", N, N],
            ["#REF!", "#N/A", N, "#REF!"]]
    loc, out, errors, records = _table(A, grid)
    assert errors == 1

    def row(order, name, number, date, year, unit, source_row):
        return {"order": order, "form": "Giấy khen", "recipient_kind": "Cá nhân", "recipient": name, "field": "x",
                "decision_number": number, "decision_date": date, "year": year, "unit": unit, "group": None,
                "extra": None, "source_sheet": "Phụ lục", "source_row": source_row}
    assert out == [row(1, "Lê A", "45/QĐ-SYT", D(2025, 1, 5), 2020, "5", 2),        # the date from the number
                   row(2, "Lê B", "45/QĐ-SYT", D(2025, 1, 6), 2020, "Sở Y tế", 3),   # its own date column
                   row(3, "Lê C", "46/QĐ-SYT", None, "2020.5", None, 4),
                   row(4, "Lê D", "47/QĐ-SYT", D(2025, 1, 5), None, None, 5)]
    assert [r.values["decision_date"].text for r in records] == ["05/01/2025", "06/01/2025", "", "5 tháng 1 năm 2025"]
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)]) == [
        _f("DOC_NUMBER_WITH_DATE", "warning", "Phụ lục", 2, "F2", "Số quyết định",
           "Ô ghi cả số và ngày: đọc số là 45/QĐ-SYT, ngày 05/01/2025 (cột 'Ngày quyết định'). Nên ghi ngày ở cột "
           "'Ngày quyết định'."),
        _f("DOC_NUMBER_DATE_CONFLICT", "error", "Phụ lục", 3, "F3", "Số quyết định",
           "Ô ghi 'Số 45/QĐ-SYT ngày 05/01/2025' (ngày 05/01/2025) nhưng cột 'Ngày quyết định' ghi 06/01/2025. Sửa "
           "cho khớp."),
        _f("NUMBER_UNREADABLE", "error", "Phụ lục", 4, "H4", "Năm", "'2020.5' không phải số nguyên."),
        _f("DOC_NUMBER_WITH_DATE", "warning", "Phụ lục", 5, "F5", "Số quyết định",
           "Ô ghi cả số và ngày: đọc số là 47/QĐ-SYT, ngày 05/01/2025 (cột 'Ngày quyết định'). Nên ghi ngày ở cột "
           "'Ngày quyết định'.")]


def test_counts_by_kind_give_one_row_a_filled_count():
    grid = [["TT", "Hình thức khen thưởng", "Số lượng", N, "Lĩnh vực"], [N, N, "Tập thể", "Cá nhân", N],
            [1, "Giấy khen", 2, 5.0, "Công tác"], [2, "Bằng khen", 0, "  ", "x"], [3, "Giấy khen", "ba", N, "y"],
            [4, "Giấy khen"]]
    loc, out, errors, records = _table(A, grid)
    assert loc.by_kind == {S.COLLECTIVE: 2, S.INDIVIDUAL: 3}

    def row(order, kind, count, field, source_row):
        return {"order": order, "form": "Giấy khen", "recipient_kind": kind, "count": count, "field": field,
                "group": None, "extra": None, "source_sheet": "Phụ lục", "source_row": source_row}
    assert out == [row(1, S.COLLECTIVE, 2, "Công tác", 3), row(1, S.INDIVIDUAL, 5, "Công tác", 3),
                   row(3, S.COLLECTIVE, "ba", "y", 5)]
    assert [(r.row, r.cols, r.values["count"], r.values["recipient_kind"], r.raw["count"]) for r in records] == [
        (3, {"recipient_kind": 2, "count": 2}, 2, S.COLLECTIVE, 2),
        (3, {"recipient_kind": 3, "count": 3}, 5, S.INDIVIDUAL, 5.0),
        (5, {"recipient_kind": 2, "count": 2}, None, S.COLLECTIVE, "ba")]
    assert all(r.spec is A and r.raw["form"] == "Giấy khen" for r in records)
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)])[0] == _f(
        "NUMBER_UNREADABLE", "error", "Phụ lục", 5, "C5", "Số lượng", "'ba' không phải số nguyên.")


AWARDS_BY_SECTION = [["TT", "Hình thức", "Tên tập thể, cá nhân", "Lĩnh vực"], ["I. TẬP THỂ", N, N, N]] + \
    [[i, "Giấy khen", f"Nhóm số {i}", "Công tác"] for i in range(1, 3)] + [["II. CÁ NHÂN", N, N, N]] + \
    [[i, "Giấy khen", f"Nguyễn Văn {chr(64 + i)}", "Công tác"] for i in range(3, 5)] + [["III. KHÁC", N, N, N]] + \
    [[i, "Giấy khen", f"Ông Lê Văn {chr(64 + i)}", "Công tác"] for i in range(5, 16)] + \
    [[16, "Giấy khen", "Phòng Y tế", "y"], [17, "Giấy khen", "Trần Thị Q", "x"]]


def test_awards_take_the_kind_their_section_or_their_name_says():
    loc, out, _, records = _table(A, AWARDS_BY_SECTION)
    kinds = [S.COLLECTIVE] * 2 + [S.INDIVIDUAL] * 13 + [S.COLLECTIVE, None]
    assert [r.get("recipient_kind") for r in out] == [r.values["recipient_kind"] for r in records][:16] + [None]
    assert [r.get("recipient_kind") for r in out] == kinds
    assert records[-1].values["recipient_kind"] == ""
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)]) == [
        _f("COLUMN_MISSING", "error", "Phụ lục", 1, "A1", "Đối tượng",
           "Bảng không có cột 'Đối tượng' (bắt buộc); 1 dòng từ dòng 21 thiếu thông tin này."),
        _f("KIND_FROM_NAME", "warning", "Phụ lục", 9, "C9", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 11 dòng được hiểu là cá nhân (tên có Ông, Bà, Đồng chí): dòng 9, 10, 11, "
           "12, 13, 14, 15, 16, 17, 18 …."),
        _f("KIND_FROM_NAME", "warning", "Phụ lục", 20, "C20", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 1 dòng được hiểu là tập thể (tên một cơ quan, đơn vị): dòng 20."),
        _f("KIND_FROM_GROUP", "warning", "Phụ lục", 3, "B3", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 2 dòng dưới dòng nhóm 'I. TẬP THỂ' (dòng 3–4) được hiểu là tập thể."),
        _f("KIND_FROM_GROUP", "warning", "Phụ lục", 6, "B6", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 2 dòng dưới dòng nhóm 'II. CÁ NHÂN' (dòng 6–7) được hiểu là cá nhân.")]


def test_ten_rows_named_are_listed_whole_and_one_row_alone():
    grid = [["TT", "Hình thức", "Tên tập thể, cá nhân", "Lĩnh vực"], ["I. Tập thể", N, N, N],
            [1, "Giấy khen", "Nhóm A", "x"], ["II. Khác", N, N, N]] + \
        [[i, "Giấy khen", f"Bà Lê Thị {chr(64 + i)}", "x"] for i in range(2, 12)]
    loc, _, _, records = _table(A, grid)
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)]) == [
        _f("KIND_FROM_NAME", "warning", "Phụ lục", 5, "C5", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 10 dòng được hiểu là cá nhân (tên có Ông, Bà, Đồng chí): dòng 5, 6, 7, 8, "
           "9, 10, 11, 12, 13, 14."),
        _f("KIND_FROM_GROUP", "warning", "Phụ lục", 3, "B3", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 1 dòng dưới dòng nhóm 'I. Tập thể' (dòng 3) được hiểu là tập thể.")]


# ------------------------------------------------------------------ findings of a table
def _interpreted(row, column, said, text):
    return _f("DATE_INTERPRETED", "warning", "P", row, f"C{row}", column,
              f"Ô ghi '{text}' (một cột thời gian): đọc là {said}. Hãy kiểm tra.")


def test_one_period_column_gives_the_start_and_the_finish():
    grid = [["TT", "Tên công trình", "Thời gian thực hiện", "Tiến độ"],
            [1, "Một", "01/3/2021 - 30/9/2021", "50%"], [2, "Hai", "Tháng 3/2021", "50%"], [3, "Ba", "05/3/2021", "1"],
            [4, "Bốn", "Từ tháng 3/2021", "1"], [5, "Năm", "Đến tháng 9", "1"], [6, "Sáu", "lúc nào đó", "1"],
            [7, "Bảy", "Tháng 3 - tháng 5", "1"], [8, "Tám", 44256.0, "1"]]
    loc, out, _, records = _table(W, grid, sheet="P")
    assert loc.sources == {"start": 2, "planned_finish": 2}
    assert [(r["start"], r["planned_finish"]) for r in out] == [
        (D(2021, 3, 1), D(2021, 9, 30)), ("Tháng 3/2021", "Tháng 3/2021"), (D(2021, 3, 5), D(2021, 3, 5)),
        ("Tháng 3/2021", None), (None, "Tháng 9/2021"), ("lúc nào đó", None), ("Tháng 3/2021", "Tháng 5/2021"),
        (D(2021, 3, 1), D(2021, 3, 1))]
    start, finish = "Ngày khởi công", "Ngày hoàn thành"
    number = "Số 44256 được hiểu là số ngày của Excel: ngày 01/3/2021. Hãy kiểm tra và ghi rõ ngày."
    assert E.check_tables(PATH, [(W, loc, "P", records)]) == [
        _f("REQUIRED_EMPTY", "error", "P", 5, "C5", finish, "Chưa nhập 'Ngày hoàn thành' (bắt buộc)."),
        _f("REQUIRED_EMPTY", "error", "P", 6, "C6", start, "Chưa nhập 'Ngày khởi công' (bắt buộc)."),
        _f("DATE_INTERPRETED", "warning", "P", 9, "C9", start, number),  # said once for the cell's two dates
        _interpreted(2, start, "Ngày khởi công 01/3/2021, Ngày hoàn thành 30/9/2021", "01/3/2021 - 30/9/2021"),
        _interpreted(3, start, "thực hiện trong Tháng 3/2021: Ngày khởi công từ 01/3/2021, Ngày hoàn thành đến "
                     "31/3/2021 (nếu đó chỉ là hạn hoàn thành, hãy ghi cả ngày bắt đầu)", "Tháng 3/2021"),
        _interpreted(4, start, "Ngày khởi công và Ngày hoàn thành cùng là 05/3/2021 (nếu đó chỉ là hạn hoàn thành, "
                     "hãy ghi cả ngày bắt đầu)", "05/3/2021"),
        _interpreted(5, start, "Ngày khởi công Tháng 3/2021; chưa ghi ngày hoàn thành", "Từ tháng 3/2021"),
        _interpreted(6, start, "Ngày hoàn thành Tháng 9/2021 (năm báo cáo); chưa ghi ngày khởi công", "Đến tháng 9"),
        _f("DATE_UNREADABLE", "error", "P", 7, "C7", start,
           "Không đọc được thời gian thực hiện 'lúc nào đó' (không tách được ngày bắt đầu và ngày kết thúc). Ghi như "
           "'01/3/2021 - 30/9/2021', 'Tháng 3 - tháng 9/2021', 'Quý II - Quý IV/2021' hoặc tách hai cột "
           "'Ngày khởi công', 'Ngày hoàn thành'."),
        _interpreted(8, start, "Ngày khởi công Tháng 3/2021 (năm báo cáo), Ngày hoàn thành Tháng 5/2021 (năm báo "
                     "cáo)", "Tháng 3 - tháng 5"),
        _interpreted(9, start, "Ngày khởi công và Ngày hoàn thành cùng là 01/3/2021 (nếu đó chỉ là hạn hoàn thành, "
                     "hãy ghi cả ngày bắt đầu)", "44256")]


def test_a_period_column_beside_a_start_column_gives_only_the_finish():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Thời gian thực hiện", "Tiến độ"],
            [1, "Một", D(2021, 1, 1), "01/3/2021 - 30/9/2021", "50%"], [2, "Hai", D(2021, 1, 1), "Từ tháng 3/2021", "5%"],
            [3, "Ba", D(2021, 1, 1), "Đến 30/9/2021", "1%"], [4, "Bốn", D(2021, 1, 1), "không rõ", "1%"]]
    loc, out, _, records = _table(W, grid, sheet="P")
    assert loc.sources == {"planned_finish": 3}
    assert [(r["start"], r["planned_finish"]) for r in out] == [
        (D(2021, 1, 1), D(2021, 9, 30)), (D(2021, 1, 1), None), (D(2021, 1, 1), D(2021, 9, 30)),
        (D(2021, 1, 1), "không rõ")]
    finish = "Ngày hoàn thành"
    alone = "(cột 'Ngày hoàn thành' không có riêng)"
    assert E.check_tables(PATH, [(W, loc, "P", records)]) == [
        _f("REQUIRED_EMPTY", "error", "P", 3, "D3", finish, "Chưa nhập 'Ngày hoàn thành' (bắt buộc)."),
        _f("DATE_INTERPRETED", "warning", "P", 2, "D2", finish, "Ô ghi '01/3/2021 - 30/9/2021' (một cột thời gian): "
           f"đọc là Ngày hoàn thành 30/9/2021 {alone}. Hãy kiểm tra."),
        _f("DATE_INTERPRETED", "warning", "P", 4, "D4", finish, "Ô ghi 'Đến 30/9/2021' (một cột thời gian): "
           f"đọc là Ngày hoàn thành 30/9/2021 {alone}. Hãy kiểm tra."),
        _f("DATE_UNREADABLE", "error", "P", 5, "D5", finish,
           "Không đọc được thời gian thực hiện 'không rõ' (không tách được ngày bắt đầu và ngày kết thúc). Ghi như "
           "'01/3/2021 - 30/9/2021', 'Tháng 3 - tháng 9/2021', 'Quý II - Quý IV/2021' hoặc tách hai cột "
           "'Ngày khởi công', 'Ngày hoàn thành'.")]


def test_the_period_shown_with_the_reports_year():
    month = parse_value(W.column("start"), "Tháng 4", 2021)
    assert E._period_shown(month) == "Tháng 4/2021 (năm báo cáo)"
    assert E._period_shown(parse_value(W.column("start"), "Tháng 4/2021", 2021)) == "Tháng 4/2021"
    assert E._period_shown(parse_value(W.column("start"), "abc", 2021)) == "abc"


def test_status_marks_columns():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Đã hoàn thành", "Đang thực hiện"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "x", N], [2, "Hai", D(2021, 1, 1), D(2021, 12, 1), N, "x"],
            [3, "Ba", D(2021, 1, 1), D(2021, 12, 1), N, N]]
    loc, out, _, records = _table(W, grid, sheet="P")
    assert [(r["declared_status"], r["extra"]) for r in out] == [
        ("Hoàn thành", "Đã hoàn thành: x"), ("Đang thực hiện", "Đang thực hiện: x"), (None, None)]
    assert E.check_tables(PATH, [(W, loc, "P", records)]) == [
        _f("STATUS_FROM_MARKS", "warning", "P", 1, "E1", "Tình trạng (đơn vị ghi)",
           "Bảng không có cột 'Tình trạng (đơn vị ghi)': tình trạng đọc từ ô đánh dấu (x) ở các cột 'Đã hoàn thành', "
           "'Đang thực hiện'.")]


def test_rows_copied_from_another_sheet_of_the_file():
    g1 = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"], [1, "Một", D(2021, 1, 1), D(2021, 2, 1)],
          [2, "Hai", D(2021, 1, 1), D(2021, 2, 1)], [3, "Hai", D(2021, 1, 1), D(2021, 2, 1)]]
    g2 = [["X"], g1[0], g1[1], [2, "Ba", D(2021, 1, 1), D(2021, 2, 1)], g1[1]]
    tables = []
    for sheet, grid in (("A", g1), ("B", g2), ("A", g1)):
        loc, _, _, records = _table(W, grid, sheet=sheet)
        tables.append((W, loc, sheet, records))
    copied = "Dòng trùng hoàn toàn với dòng 2 ở trang 'A' (trang chép lại?); bị tính hai lần nếu không xoá."
    name = "Tên công trình, phần việc"
    assert E.check_tables(PATH, tables) == [
        _f("DUPLICATE_ROW", "error", "A", 4, "B4", name, "Dòng trùng hoàn toàn với dòng 3."),
        _f("DUPLICATE_ROW", "error", "B", 3, "B3", name, copied), _f("DUPLICATE_ROW", "error", "B", 5, "B5", name, copied),
        _f("DUPLICATE_ROW", "error", "B", 5, "B5", name, "Dòng trùng hoàn toàn với dòng 3."),
        _f("DUPLICATE_ROW", "error", "A", 4, "B4", name, "Dòng trùng hoàn toàn với dòng 3.")]
    assert E.check_tables(PATH, tables[1:2] + tables[:1]) == [      # B first: A's rows are the copies
        _f("DUPLICATE_ROW", "error", "B", 5, "B5", name, "Dòng trùng hoàn toàn với dòng 3."),
        _f("DUPLICATE_ROW", "error", "A", 2, "B2", name,
           "Dòng trùng hoàn toàn với dòng 3 ở trang 'B' (trang chép lại?); bị tính hai lần nếu không xoá."),
        _f("DUPLICATE_ROW", "error", "A", 4, "B4", name, "Dòng trùng hoàn toàn với dòng 3.")]


def test_required_columns_missing_are_said_once():
    grid = [["TT", "Tên công trình", "Tiến độ"], [1, "Một", "50%"], [2, "Hai", "Hoàn thành"]]
    assert _found(W, grid, sheet="P") == [
        _f("COLUMN_MISSING", "error", "P", 1, "A1", "Ngày khởi công",
           "Bảng không có cột 'Ngày khởi công', 'Ngày hoàn thành' (bắt buộc); 2 dòng từ dòng 2 thiếu thông tin này.")]


def test_a_whole_note_that_is_a_status():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ", "Ghi chú"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "100%", "Hoàn thành"],
            [2, "Hai", D(2021, 1, 1), D(2021, 2, 1), "Đang thực hiện", "Hoàn thành"],
            [3, "Ba", D(2021, 1, 1), D(2021, 2, 1), "30%", "Tháo gỡ"],
            [4, "Bốn", D(2021, 1, 1), D(2021, 2, 1), "30%", "đang thực hiện"],
            [5, "Năm", D(2021, 1, 1), D(2021, 2, 1), "100%", "Hoàn thành" + " " * 31],       # 41 characters
            [6, "Sáu", D(2021, 1, 1), D(2021, 2, 1), "100%", "Hoàn thành" + " " * 30],       # 40
            [7, "Bảy", D(2021, 1, 1), D(2021, 2, 1), "100%", 1]]
    loc, out, _, records = _table(W, grid, sheet="P")
    assert [r.get("declared_status") for r in out] == ["Hoàn thành", "Đang thực hiện", None, "Đang thực hiện", None,
                                                       "Hoàn thành", None]

    def from_note(row, typed, status):
        return _f("STATUS_FROM_NOTE", "warning", "P", row, f"F{row}", "Ghi chú",
                  f"Bảng không có cột 'Tình trạng (đơn vị ghi)'; cột 'Ghi chú' ghi '{typed}': hiểu là tình trạng "
                  f"'{status}'. Hãy kiểm tra.")
    assert E.check_tables(PATH, [(W, loc, "P", records)]) == [
        _f("PROGRESS_TEXT", "warning", "P", 3, "E3", "Tiến độ hoàn thành (%)",
           "Tiến độ ghi bằng lời, không có tỷ lệ %; nội dung được giữ làm ghi chú. Hiểu là tình trạng 'Đang thực "
           "hiện'."),
        from_note(2, "Hoàn thành", "Hoàn thành"), from_note(5, "đang thực hiện", "Đang thực hiện"),
        from_note(7, "Hoàn thành", "Hoàn thành")]


# ------------------------------------------------------------------ one file
WH = ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"]
AH = ["TT", "Hình thức", "Đối tượng", "Lĩnh vực"]


def _book(path: Path, sheets, hidden=(), errors=()) -> str:
    """A real .xlsx: (sheet, rows) in order; ``errors``: (sheet, cell, '#N/A') typed as error values."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    for name, ref, value in errors:
        wb[name][ref].value = value
        wb[name][ref].data_type = "e"
    wb.save(path)
    return str(path)


def _read(path, *keys):
    got = E.extract_file(str(path))
    return {k: got[k] for k in keys} if keys else got


def _work(order, name, row, sheet, start=D(2021, 1, 1), finish=D(2021, 2, 1), **more):
    return {"order": order, "name": name, "start": start, "planned_finish": finish, "group": None, "extra": None,
            "source_sheet": sheet, "source_row": row, **more}


def test_a_hand_made_file_with_its_title_lines(tmp_path):
    path = _book(tmp_path / "a.xlsx", [("Phụ lục", [
        ["PHÒNG TƯ PHÁP"], ["Hà Tĩnh, ngày 18 tháng 11 năm 2021"], WH + ["Tiến độ"],
        [1, "Một", "Tháng 4", D(2021, 5, 1), "50%"], [2, "Hai", D(2021, 1, 1), D(2021, 2, 1), "Đang thực hiện"],
        [N, N, N, N, N]])], errors=[("Phụ lục", "B6", "#N/A"), ("Phụ lục", "C6", "#REF!"), ("Phụ lục", "D6", "#N/A")])
    got = E.extract_file(path)
    assert got["mtime"] == Path(path).stat().st_mtime and got["sha256"] == FileBook(path).sha256
    del got["mtime"], got["sha256"]
    assert got == {
        "file": path, "status": "ok", "kind": "hand-made", "unit_info": "", "unit_text": "Phòng Tư pháp",
        "doc_date": dt.date(2021, 11, 18), "info": {"place": "Hà Tĩnh"}, "covered": ["works"],
        "message": "2 công trình, phần việc", "errors": 0, "warnings": 1,
        "rows": {"works": [_work(1, "Một", 4, "Phụ lục", "Tháng 4/2021", D(2021, 5, 1), progress=0.5),
                           _work(2, "Hai", 5, "Phụ lục", progress="Đang thực hiện", declared_status="Đang thực hiện")]},
        "findings": [_f("PROGRESS_TEXT", "warning", "Phụ lục", 5, "E5", "Tiến độ hoàn thành (%)",
                        "Tiến độ ghi bằng lời, không có tỷ lệ %; nội dung được giữ làm ghi chú. Hiểu là tình trạng "
                        "'Đang thực hiện'.", file=path)]}
    assert E.error_cells(FileBook(path), "Phụ lục", FileBook(path).read("Phụ lục")) == [(5, 1), (5, 2), (5, 3)]


def _failed(path, message):
    got = E.extract_file(str(path))
    assert (got["status"], got["message"], got["rows"], got["covered"]) == ("error", message, {}, [])
    return got


def test_files_that_give_no_row(tmp_path):
    e1 = _book(tmp_path / "e1.xlsx", [("P", [WH, [1, N, N, N]])], errors=[("P", "B2", "#N/A"), ("P", "C2", "#REF!")])
    _failed(e1, "Bảng công trình, phần việc ở trang 'P' chỉ có giá trị lỗi (#REF!, #N/A …); không lấy được dòng nào. "
                "Hãy mở tệp gốc, dán giá trị (Paste Values) rồi gửi lại.")
    write_table(tmp_path / "e2.xls", [WH, ["#REF!", "#REF!", "#N/A", "#REF!"]])  # error literals as text
    _failed(tmp_path / "e2.xls", "Bảng công trình, phần việc ở trang 'Phụ lục' chỉ có giá trị lỗi (#REF!, #N/A …); "
                                 "không lấy được dòng nào. Hãy mở tệp gốc, dán giá trị (Paste Values) rồi gửi lại.")
    _failed(_book(tmp_path / "e3.xlsx", [("P", [WH])]),
            "Tệp 'e3.xlsx' có bảng công trình, phần việc nhưng không có dòng dữ liệu nào.")
    _failed(_book(tmp_path / "e4.xlsx", [("P", [["a", N]]), ("Q", [["b"]])], errors=[("Q", "B3", "#N/A")]),
            "Tệp 'e4.xlsx' chỉ có giá trị lỗi (#REF!, #N/A …), không tìm thấy bảng công trình, phần việc.")
    write_table(tmp_path / "e5.xls", [["#REF!", "#N/A"]])
    _failed(tmp_path / "e5.xls", "Tệp 'e5.xls' chỉ có giá trị lỗi (#REF!, #N/A …), không tìm thấy bảng công trình, "
                                 "phần việc.")
    got = _failed(_book(tmp_path / "e6.xlsx", [("P", [["a"]])]),
                  "Không tìm thấy bảng công trình, phần việc trong tệp 'e6.xlsx' (cần dòng tiêu đề có cột 'Tên công "
                  "trình, phần việc' và một cột khác như 'TT', 'Ngày khởi công', 'Tiến độ hoàn thành (%)').")
    assert got["kind"] == "hand-made" and got["sha256"] == FileBook(str(tmp_path / "e6.xlsx")).sha256
    got = _failed(tmp_path / "none.xlsx", f"Không tìm thấy tệp '{tmp_path / 'none.xlsx'}'.")
    assert (got["mtime"], got["sha256"], got["kind"], got["unit_text"], got["info"]) == (0.0, "", "", "", {})
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip at all")
    got = _failed(tmp_path / "bad.xlsx", "Tệp 'bad.xlsx' bị hỏng hoặc không phải bảng tính .xlsx thật (nội dung "
                                         "không đúng định dạng).")
    assert got["mtime"] == (tmp_path / "bad.xlsx").stat().st_mtime


def test_rows_of_error_values_left_out_and_months_without_a_year(tmp_path):
    write_table(tmp_path / "x.xls", [WH, [1, "#REF!", "#N/A", "#REF!"], ["#REF!", "#REF!", "#N/A", "#REF!"],
                                     [N, "Hai", "Tháng 4", "Tháng 5"]])
    got = _read(tmp_path / "x.xls", "status", "message", "rows", "doc_date", "unit_text")
    assert got == {"status": "ok", "doc_date": None, "unit_text": "",
                   "message": "2 công trình, phần việc (bỏ 1 dòng chỉ có giá trị lỗi ở trang 'Phụ lục'; có ngày chỉ "
                              "ghi tháng nhưng tệp không cho biết năm; giữ nguyên chữ)",
                   "rows": {"works": [_work(1, "#REF!", 2, "Phụ lục", "#N/A", "#REF!"),
                                      _work(N, "Hai", 4, "Phụ lục", "Tháng 4", "Tháng 5")]}}
    write_table(tmp_path / "y.xls", [WH, [1, "Một", "Tháng tư", "x"]])          # not a month figure: no note
    assert _read(tmp_path / "y.xls", "message") == {"message": "1 công trình, phần việc"}


def test_one_sheet_per_unit(tmp_path):
    path = _book(tmp_path / "m.xlsx", [
        ("Phòng Tư pháp", [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)]]), ("Ghi chú", [["x"]]),
        ("PHÒNG Y TẾ", [["Kèm theo báo cáo của Phòng Y tế"], WH, [1, "Hai", D(2021, 1, 1), D(2021, 2, 1)]]),
        ("Tổng", [WH, [1, "Ba", D(2021, 1, 1), D(2021, 2, 1)]])])
    got = _read(path, "unit_text", "rows", "message", "findings")
    assert got == {"unit_text": "Nhiều đơn vị: Phòng Tư pháp, Phòng Y tế", "message": "3 công trình, phần việc",
                   "findings": [], "rows": {"works": [_work(1, "Một", 2, "Phòng Tư pháp", unit="Phòng Tư pháp"),
                                                      _work(1, "Hai", 3, "PHÒNG Y TẾ", unit="Phòng Y tế"),
                                                      _work(1, "Ba", 2, "Tổng")]}}
    one = _book(tmp_path / "one.xlsx", [("Phòng Tư pháp", [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)]]),
                                        ("Tổng", [WH, [1, "Ba", D(2021, 1, 1), D(2021, 2, 1)]])])
    got = _read(one, "unit_text", "rows")
    assert got == {"unit_text": "Phòng Tư pháp", "rows": {"works": [_work(1, "Một", 2, "Phòng Tư pháp"),
                                                                   _work(1, "Ba", 2, "Tổng")]}}


def test_the_unit_a_sheet_names(tmp_path):
    sheets = [("Phòng Tư pháp", [WH]), ("PHÒNG", [WH]), ("Sở Y tế", [["Kèm theo báo cáo của Sở Nội vụ"], WH]),
              ("Hai từ", [WH]), ("S", [["SỞ TÀI CHÍNH"], ["DANH SÁCH"], WH])]
    book = FileBook(_book(tmp_path / "u.xlsx", sheets))
    found = [(sheet, W, locate(W, book.read(sheet), sheet, "name")) for sheet, _ in sheets]
    assert E.sheet_units(book, found + found[:1]) == {"Phòng Tư pháp": "Phòng Tư pháp", "Sở Y tế": "Sở Nội vụ",
                                                      "S": "Sở Tài chính"}


def test_tables_on_hidden_sheets(tmp_path):
    path = _book(tmp_path / "h.xlsx", [("Năm nay", [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)]]),
                                       ("Năm trước", [WH, [1, "Cũ", D(2020, 1, 1), D(2020, 2, 1)]]),
                                       ("Khen", [["x"], AH, [1, "Giấy khen", "Cá nhân", "x"]])], hidden=("Năm trước", "Khen"))
    got = _read(path, "rows", "message", "findings")
    assert got["rows"]["works"] == [_work(1, "Một", 2, "Năm nay")] and got["message"] == \
        "1 công trình, phần việc; 1 dòng khen thưởng"
    assert got["findings"] == [
        _f("RECIPIENT_NAME_EMPTY", "warning", "Khen", 3, "3", "Tên tập thể, cá nhân",
           "Chưa ghi tên tập thể, cá nhân được khen (hoặc ghi số lượng khi khen nhiều đối tượng).", file=path),
        _f("SHEET_HIDDEN", "warning", "Năm trước", 1, "A1", "",
           "Trang 'Năm trước' đang bị ẩn: bảng công trình, phần việc ở trang này không được tổng hợp (bảng ở trang "
           "đang hiện được dùng). Nếu cần, hiện trang rồi gửi lại.", file=path),
        _f("SHEET_HIDDEN", "warning", "Khen", 2, "A2", "",
           "Bảng khen thưởng nằm ở trang 'Khen' đang bị ẩn; vẫn được tổng hợp vì tệp không có bảng nào như vậy ở "
           "trang đang hiện. Hãy kiểm tra.", file=path)]


def test_two_tables_of_one_sheet(tmp_path):
    path = _book(tmp_path / "two.xlsx", [("P", [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)], [N], ["KHEN THƯỞNG"], AH,
                                                [1, "Giấy khen", "Cá nhân", "x"]])])
    got = _read(path, "rows", "covered", "message")
    assert got == {"covered": ["works", "awards"], "message": "1 công trình, phần việc; 1 dòng khen thưởng",
                   "rows": {"works": [_work(1, "Một", 2, "P")],
                            "awards": [{"order": 1, "form": "Giấy khen", "recipient_kind": "Cá nhân", "field": "x",
                                        "group": None, "extra": None, "source_sheet": "P", "source_row": 6}]}}
    for gap in ([], [[N]]):     # the two headers on one row or the next: the one that maps more columns
        path = _book(tmp_path / f"same{len(gap)}.xlsx", [("P", [
            ["TT", "Tên công trình", "Hình thức", "Đối tượng", "Ngày khởi công", "Ngày hoàn thành"], *gap,
            [1, "Một", "Giấy khen", "Cá nhân", D(2021, 1, 1), D(2021, 2, 1)]])])
        got = _read(path, "rows", "covered")
        assert got == {"covered": ["works"], "rows": {"works": [_work(
            1, "Một", 2 + len(gap), "P", extra="Hình thức: Giấy khen\nĐối tượng: Cá nhân")]}}


def test_a_workbook_made_from_the_template(tmp_path):
    path = str(template_file(tmp_path / "t.xlsx", info("Văn phòng Sở", "SỞ NGOẠI VỤ"), works=[
        work(1, "Một"), work(2, "Hai", start="Tháng 4", progress="Đang thực hiện")], awards=[
        {"order": 1, "form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2, "field": "x"}]))
    got = E.extract_file(path)
    assert {k: got[k] for k in ("status", "kind", "unit_info", "unit_text", "doc_date", "info", "covered", "message",
                                "errors", "warnings", "findings")} == {
        "status": "ok", "kind": "template", "unit_info": "Văn phòng Sở", "unit_text": "", "doc_date": dt.date(2021, 11, 18),
        "info": {"movement": "phong trào thi đua năm 2021", "parent_body": "UBND TỈNH HÀ TĨNH", "place": "Hà Tĩnh"},
        "covered": ["plans", "works", "awards", "narrative"], "message": "2 công trình, phần việc; 1 dòng khen thưởng",
        "errors": 0, "warnings": 1, "findings": [
            _f("PROGRESS_TEXT", "warning", "Công trình", 3, "H3", "Tiến độ hoàn thành (%)",
               "Tiến độ ghi bằng lời, không có tỷ lệ %; nội dung được giữ làm ghi chú. Hiểu là tình trạng 'Đang thực "
               "hiện'.", file=path)]}
    works = got["rows"]["works"]
    assert [(w["name"], w["start"], w["progress"], w["declared_status"], w["source_sheet"], w["source_row"])
            for w in works] == [("Một", D(2021, 3, 1), 0.5, None, "Công trình", 2),
                                ("Hai", "Tháng 4/2021", "Đang thực hiện", "Đang thực hiện", "Công trình", 3)]
    assert got["rows"]["awards"][0]["count"] == 2 and got["rows"]["plans"] == got["rows"]["narrative"] == []
    assert got["unit_facts"] == {"review": {}, "review_year": None, "staff": []}


SHAPED = [["SỞ Y TẾ", N, N, N], ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"], ["I. Khối A", N, N, N],
          [1, "Một", D(2021, 1, 1), D(2021, 2, 1)], [N, "Khối B", N, N], [2, "Hai", D(2021, 1, 1), D(2021, 2, 1)],
          [3, "Ba", N, N]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_merged_cells_and_a_bold_heading_in_each_format(tmp_path, fmt):
    path = write_table(tmp_path / f"b.{fmt}", SHAPED, merges=[(2, 0, 2, 3), (5, 2, 6, 2)], bold=[(4, 1)])
    book = FileBook(str(path))
    assert sorted(E.sheet_merges(book, "Phụ lục")) == [(2, 0, 2, 3), (5, 2, 6, 2)]
    assert E._kind(book) == fmt
    bold = E._BoldCells(book, "Phụ lục")
    assert [bold(r, c) for r, c in [(4, 1), (4, 0), (3, 1), (0, 0)]] == [True, False, False, False]
    got = _read(path, "rows", "unit_text")
    assert got == {"unit_text": "Sở Y tế", "rows": {"works": [
        _work(1, "Một", 4, "Phụ lục", group="I. Khối A"), _work(2, "Hai", 6, "Phụ lục", group="Khối B"),
        _work(3, "Ba", 7, "Phụ lục", finish=N, group="Khối B")]}}      # the start merged down from row 6


def test_the_shape_of_an_ods_sheet(tmp_path):
    path = write_table(tmp_path / "b.ods", SHAPED, merges=[(2, 0, 2, 3), (5, 2, 6, 2)], bold=[(4, 1), (1, 1)])
    data = Path(path).read_bytes()
    assert E._ods_shape(data, "Phụ lục") == ([(2, 0, 2, 3), (5, 2, 6, 2)], {(4, 1), (1, 1)})
    assert E._ods_shape(data, "Khác") == ([], set())


# ------------------------------------------------------------------ the shape of an .ods sheet, from content.xml
_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def _style(name, weight):
    return f'<style:style style:name="{name}"><style:text-properties fo:font-weight="{weight}"/></style:style>'


# what LibreOffice writes: repeated rows and cells counted (not expanded), covered cells under a merge, a named
# range and another sheet before the one asked for, every bold weight; a text long enough to pass 8,000 bytes
ODS_CONTENT = (
    f'<office:document-content {_ODS_NS}><office:automatic-styles>' + _style("b7", "700") + _style("b8", "800") +
    _style("b9", "900") + _style("bb", "bold") + _style("n", "normal") +
    '</office:automatic-styles><office:body><office:spreadsheet><table:named-expressions>'
    '<table:named-range table:name="P" table:cell-range-address="P.A1"/></table:named-expressions>'
    '<table:table table:name="Khác"><table:table-row><table:table-cell table:number-columns-spanned="3"/>'
    '</table:table-row></table:table>'
    '<table:table table:name="P"><table:table-column table:number-columns-repeated="5"/>'
    '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/>'
    '</table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
    '<table:table-cell table:style-name="b7" table:number-columns-spanned="2"><text:p>' + "x" * 9000 + '</text:p>'
    '</table:table-cell><table:covered-table-cell/><table:table-cell table:style-name="b8"/></table:table-row>'
    '<table:table-row><table:table-cell table:style-name="b9" table:number-rows-spanned="2"/>'
    '<table:table-cell table:style-name="n"/><table:table-cell table:style-name="bb"/></table:table-row>'
    '<table:table-row table:number-rows-repeated="99995"><table:covered-table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:style-name="bb"/></table:table-row>'      # row 99,999: the last looked at
    '<table:table-row><table:table-cell table:style-name="bb"/></table:table-row>'      # row 100,000
    '</table:table></office:spreadsheet></office:body></office:document-content>')


def _ods_bytes(content: str, declared: int | None = None) -> bytes:
    """An .ods zip; ``declared``: the size its central directory gives content.xml (a bomb says any)."""
    import io
    import struct
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    data = bytearray(buf.getvalue())
    if declared is not None:
        at = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)  # the central entry of content.xml
        data[at + 24:at + 28] = struct.pack("<I", declared)
    return bytes(data)


def test_merges_and_bold_cells_from_content_xml():
    shape = ([(2, 2, 2, 3), (3, 0, 4, 0)], {(2, 2), (2, 4), (3, 0), (3, 2), (99999, 0)})
    assert len(ODS_CONTENT) > 8000
    assert E._ods_shape(_ods_bytes(ODS_CONTENT), "P") == shape
    assert E._ods_shape(_ods_bytes(ODS_CONTENT), "Khác") == ([(0, 0, 0, 2)], set())
    assert E._ods_shape(_ods_bytes(ODS_CONTENT, 200 * 2**20), "P") == shape      # 200 MiB: still read
    assert E._ods_shape(_ods_bytes(ODS_CONTENT, 200 * 2**20 + 1), "P") == ([], set())  # larger: not parsed



# ------------------------------------------------------------------ more boundaries
def test_a_duration_in_an_unknown_column_is_written_as_shown():
    assert E._line_text(dt.timedelta(days=1, hours=2)) == "1 day, 2:00:00"


def test_a_row_above_the_first_section_takes_the_kind_its_name_says():
    grid = [["TT", "Hình thức", "Tên tập thể, cá nhân", "Lĩnh vực"], [1, "Giấy khen", "Ông Lê A", "x"],
            ["I. TẬP THỂ", N, N, N], [2, "Giấy khen", "Nhóm A", "x"], [3, "Giấy khen", "Nhóm B", "x"],
            [4, "Giấy khen", "Nhóm C", "x"]]
    loc, out, _, records = _table(A, grid)
    assert [r["recipient_kind"] for r in out] == [S.INDIVIDUAL] + [S.COLLECTIVE] * 3
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)]) == [
        _f("KIND_FROM_NAME", "warning", "Phụ lục", 2, "C2", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 1 dòng được hiểu là cá nhân (tên có Ông, Bà, Đồng chí): dòng 2."),
        _f("KIND_FROM_GROUP", "warning", "Phụ lục", 4, "B4", "Đối tượng",
           "Bảng không có cột 'Đối tượng': 3 dòng dưới dòng nhóm 'I. TẬP THỂ' (dòng 4–6) được hiểu là tập thể.")]


def test_an_empty_first_count_does_not_hide_the_second():
    grid = [["TT", "Hình thức khen thưởng", "Số lượng", N], [N, N, "Tập thể", "Cá nhân"], [1, "Giấy khen", N, 3],
            [2, "Bằng khen", 0, 4]]
    loc, out, _, records = _table(A, grid)
    assert [(r["form"], r["recipient_kind"], r["count"], r["source_row"]) for r in out] == [
        ("Giấy khen", S.INDIVIDUAL, 3, 3), ("Bằng khen cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL, 4, 4)]
    assert E.check_tables(PATH, [(A, loc, "Phụ lục", records)]) == [      # the kind is in the counts' header
        _f("COLUMN_UNSAID", "warning", "Phụ lục", 1, "A1", "Lĩnh vực, phong trào",
           "Bảng không có cột 'Lĩnh vực, phong trào': 2 dòng (dòng 3, 4) để trống cột này trong sổ tổng hợp; hãy "
           "bổ sung ở sổ tổng hợp nếu cần.")]


def test_a_missing_column_other_than_the_kind_concerns_every_row():
    grid = [["TT", "Hình thức", "Đối tượng", "Tên tập thể, cá nhân"], [1, "Giấy khen", "Cá nhân", "Lê A"],
            [2, "Giấy khen", "Tập thể", "Phòng A"]]
    assert _found(A, grid) == [  # the achievement a list of awards may lack: a warning, every row named
        _f("COLUMN_UNSAID", "warning", "Phụ lục", 1, "A1", "Lĩnh vực, phong trào",
           "Bảng không có cột 'Lĩnh vực, phong trào': 2 dòng (dòng 2, 3) để trống cột này trong sổ tổng hợp; hãy "
           "bổ sung ở sổ tổng hợp nếu cần.")]


def test_a_note_beside_a_status_column_or_a_progress_in_words_is_only_a_note():
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ", "Tình trạng", "Ghi chú"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "100%", "Hoàn thành", "Hoàn thành"]]
    assert _found(W, grid) == []
    grid = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ", "Ghi chú"],
            [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "Đang thực hiện", "Đang thực hiện"]]
    assert _found(W, grid) == [      # the progress's own warning says it; the note adds nothing
        _f("PROGRESS_TEXT", "warning", "Phụ lục", 2, "E2", "Tiến độ hoàn thành (%)",
           "Tiến độ ghi bằng lời, không có tỷ lệ %; nội dung được giữ làm ghi chú. Hiểu là tình trạng 'Đang thực "
           "hiện'.")]


def test_period_cells_that_are_empty_or_not_a_text():
    grid = [["TT", "Tên công trình", "Thời gian thực hiện", "Tiến độ"],
            [1, "Một", N, "50%"], [2, "Hai", 3.5, "50%"], [3, "Ba", True, "1"], [4, "Bốn", "Tháng 3/2021", "1"]]
    loc, out, _, _ = _table(W, grid, sheet="P")
    assert [(r["start"], r["planned_finish"]) for r in out] == [
        (None, None), ("3,5", "3,5"), ("True", "True"), ("Tháng 3/2021", "Tháng 3/2021")]

    def unread(row, shown):
        return _f("DATE_UNREADABLE", "error", "P", row, f"C{row}", "Ngày khởi công",
                  f"Không đọc được thời gian thực hiện '{shown}'. Ghi như '01/3/2021 - 30/9/2021', 'Tháng 3 - tháng "
                  "9/2021', 'Quý II - Quý IV/2021' hoặc tách hai cột 'Ngày khởi công', 'Ngày hoàn thành'.")
    assert _found(W, grid, sheet="P") == [
        _f("REQUIRED_EMPTY", "error", "P", 2, "C2", "Ngày khởi công", "Chưa nhập 'Ngày khởi công' (bắt buộc)."),
        _f("REQUIRED_EMPTY", "error", "P", 2, "C2", "Ngày hoàn thành", "Chưa nhập 'Ngày hoàn thành' (bắt buộc)."),
        unread(3, "3.5"), unread(4, "True"),
        _interpreted(5, "Ngày khởi công", "thực hiện trong Tháng 3/2021: Ngày khởi công từ 01/3/2021, Ngày hoàn thành "
                     "đến 31/3/2021 (nếu đó chỉ là hạn hoàn thành, hãy ghi cả ngày bắt đầu)", "Tháng 3/2021")]


def test_error_cells_whatever_the_order_of_their_attributes(tmp_path):
    import zipfile
    path = _book(tmp_path / "e.xlsx", [("P", [["a", N, N], [N, N, N]])],
                 errors=[("P", "B1", "#N/A"), ("P", "C2", "#REF!")])
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b'<c r="C2" t="e">' in parts[sheet]
    parts[sheet] = parts[sheet].replace(b'<c r="C2" t="e">', b'<c t="e" r="C2">')   # as other writers order them
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    book = FileBook(path)
    assert E.error_cells(book, "P", book.read("P")) == [(0, 1), (1, 2)]
    assert E.error_cells(book, "Khác", book.read("P")) == []


def test_error_cells_are_read_from_the_package_the_book_opened(tmp_path, monkeypatch):
    """The sheet's XML is searched in the parts the book already holds: the
    package is not opened a second time (it was, once per file consolidated)."""
    import zipfile
    path = _book(tmp_path / "e.xlsx", [("P", [["a", N], [N, N]])], errors=[("P", "B2", "#DIV/0!")])
    book = FileBook(path)
    grid = book.read("P")

    def no_second_opening(*args, **kwargs):
        raise AssertionError("the package opened again")
    monkeypatch.setattr(zipfile.ZipFile, "__init__", no_second_opening)
    assert E.error_cells(book, "P", grid) == [(1, 1)]
    assert book.error_cells("P") == [(1, 1)]


def test_the_readers_notes_of_the_sheets_read_only(tmp_path):
    path = _book(tmp_path / "n.xlsx", [("P", [WH + ["Kinh phí"], [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "=2*3"]]),
                                       ("Khác", [["=1+1"]])])
    got = _read(path, "findings", "rows")
    assert got["rows"]["works"] == [_work(1, "Một", 2, "P")]       # a formula without its value: read as empty
    assert got["findings"] == [_f("FORMULA_NO_VALUE", "warning", "P", 2, "E2", "",
                                  "Ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình ghi, chưa mở bằng "
                                  "Excel); ô được đọc là trống. Mở tệp bằng Excel, lưu lại rồi gửi lại.", file=path)]


@pytest.mark.parametrize("shape", ["html.xls", "xml2003.xls"])
def test_a_bold_heading_in_the_shapes_the_access_layer_reads_itself(tmp_path, shape):
    path = write_shape(tmp_path, shape, SHAPED, merges=[(2, 0, 2, 3), (5, 2, 6, 2)], bold=[(4, 1)])
    book = FileBook(str(path))
    sheet = book.sheet_names()[0]
    bold = E._BoldCells(book, sheet)
    assert [bold(r, c) for r, c in [(4, 1), (4, 0), (3, 1), (0, 0)]] == [True, False, False, False]
    assert [(w["name"], w["group"]) for w in _read(path, "rows")["rows"]["works"]] == [
        ("Một", "I. Khối A"), ("Hai", "Khối B"), ("Ba", "Khối B")]


def test_no_bold_cell_where_no_format_is_known(tmp_path):
    csv = FileBook(str(write_shape(tmp_path, "csv-utf8.xls", SHAPED)))
    assert [E._BoldCells(csv, "Sheet1")(r, c) for r, c in [(4, 1), (0, 0)]] == [False, False]
    assert E._BoldCells(csv, "Không có")(0, 0) is False                         # a sheet the text file has not
    xlsx = FileBook(str(write_table(tmp_path / "b.xlsx", SHAPED, bold=[(4, 1)])))
    assert E._BoldCells(xlsx, "Không có")(4, 1) is False          # the reader fails: no bold heading
    xls = FileBook(str(write_table(tmp_path / "b.xls", SHAPED, bold=[(4, 1)])))
    bold = E._BoldCells(xls, "Phụ lục")
    assert (bold(1000, 0), bold(4, 1), bold(0, 1000)) == (False, True, False)   # outside the sheet: not bold


def _tables_of(tmp_path, rows, name="t.xlsx"):
    book = FileBook(_book(tmp_path / name, [("P", rows)]))
    return [(spec.key, loc.header_row, loc.rows, loc.columns) for spec, loc, _ in E._find_hand_made(book, "P", [W, A])]


def test_works_and_awards_headers_one_above_the_other(tmp_path):
    # two rows apart: two tables, the first ending above the second's header
    assert _tables_of(tmp_path, [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)], AH, [1, "Giấy khen", "Cá nhân", "x"]]) == [
        ("works", 0, [1], {"order": 0, "name": 1, "start": 2, "planned_finish": 3}),
        ("awards", 2, [3], {"order": 0, "form": 1, "recipient_kind": 2, "field": 3})]
    # the second header (no TT) reads as a row of the first table: it ends above it all the same
    rows = [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)], [N, "Hình thức", "Đối tượng", "Lĩnh vực"],
            [1, "Giấy khen", "Cá nhân", "x"]]
    assert _tables_of(tmp_path, rows, "w.xlsx") == [
        ("works", 0, [1], {"order": 0, "name": 1, "start": 2, "planned_finish": 3}),
        ("awards", 2, [3], {"form": 1, "recipient_kind": 2, "field": 3})]
    # on the next row (below a title): one table, the one mapping more columns
    rows = [["DANH SÁCH"], ["Tên công trình", "Ngày khởi công", "Ngày hoàn thành", N, N, N],
            [N, N, N, "Hình thức", "Đối tượng", "Lĩnh vực"], ["Một", D(2021, 1, 1), D(2021, 2, 1), "Giấy khen", "Cá nhân", "x"]]
    assert _tables_of(tmp_path, rows, "u.xlsx") == [("works", 1, [3], {"name": 0, "start": 1, "planned_finish": 2})]
    # on one row, as many columns each: the works
    rows = [["TT", "Tên công trình", "Ngày khởi công", "Hình thức", "Đối tượng"], [1, "Một", D(2021, 1, 1), "Giấy khen",
                                                                                   "Cá nhân"]]
    assert _tables_of(tmp_path, rows, "v.xlsx") == [("works", 0, [1], {"order": 0, "name": 1, "start": 2})]


def test_the_unit_a_title_or_a_two_word_sheet_name_gives(tmp_path):
    sheets = [("Phòng GD&ĐT", [WH]), ("Khác", [["DANH SÁCH CÔNG TRÌNH CỦA PHÒNG Y TẾ NĂM 2021"], WH]), ("Sở Nội vụ", [WH])]
    book = FileBook(_book(tmp_path / "u.xlsx", sheets))
    found = [(sheet, W, locate(W, book.read(sheet), sheet, "name")) for sheet, _ in sheets]
    assert E.sheet_units(book, found[:1] + found) == {"Phòng GD&ĐT": "Phòng GD&ĐT", "Khác": "Phòng Y tế",
                                                      "Sở Nội vụ": "Sở Nội vụ"}


def test_a_list_of_proposals_checked_with_the_form_its_title_gives(tmp_path):
    title = "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ"
    path = _book(tmp_path / "dn.xlsx", [("Đề nghị", [[title], ["TT", "Họ và tên", "Chức vụ, đơn vị", "Năm"],
                                                     [1, "Ông Lê Văn A", "Chuyên viên", 2021], [2, "Lê C", "x", "năm nay"]])])
    got = _read(path, "rows", "findings", "message", "covered")

    def row(order, name, position, year, source_row, **more):
        return {"order": order, "recipient": name, "position": position, "year": year, "form": "Giấy khen",
                "group": None, "extra": None, "source_sheet": "Đề nghị", "source_row": source_row, **more}
    assert got == {
        "covered": ["unit_proposals"], "message": "2 đề nghị khen thưởng",
        "rows": {"unit_proposals": [row(1, "Lê Văn A", "Chuyên viên", 2021, 3, gender="Nam", recipient_kind="Cá nhân"),
                                    row(2, "Lê C", "x", "năm nay", 4, recipient_kind="Cá nhân")]},
        "findings": [        # the form every row took from the title is no missing column
            _f("NUMBER_UNREADABLE", "error", "Đề nghị", 4, "D4", "Năm", "'năm nay' không phải số nguyên.", file=path),
            _f("KIND_FROM_NAME", "warning", "Đề nghị", 3, "B3", "Đối tượng",
               "Bảng không có cột 'Đối tượng': 1 dòng được hiểu là cá nhân (tên có Ông, Bà, Đồng chí): dòng 3.", file=path),
            _f("KIND_FROM_NAME", "warning", "Đề nghị", 4, "B4", "Đối tượng",   # a family name and a given name
               "Bảng không có cột 'Đối tượng': 1 dòng được hiểu là cá nhân (tên người: họ và tên, hoặc học hàm, học "
               "vị, cấp bậc trước tên): dòng 4.", file=path),
            _f("FORM_FROM_TITLE", "warning", "Đề nghị", 3, "B3", "Hình thức, danh hiệu đề nghị",
               f"Bảng không có cột 'Hình thức, danh hiệu đề nghị': 2 dòng lấy hình thức 'Giấy khen' từ tiêu đề '{title}'.",
               file=path)]}


FORMULA_NOTE = ("Ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình ghi, chưa mở bằng Excel); ô được đọc là "
                "trống. Mở tệp bằng Excel, lưu lại rồi gửi lại.")


def test_a_template_workbook_as_units_change_it(tmp_path):
    """No Thông tin unit name (the issuing body's is taken), a purpose, a progress of 150 % formatted as a
    percentage, the Kế hoạch sheet deleted, the owner merged down, formulas left without their value."""
    path = template_file(tmp_path / "t.xlsx", info(unit="", issuing="SỞ TƯ PHÁP", works_purpose="chào mừng Đại hội"),
                         works=[work(1, "Một", progress=1.5), work(2, "Hai", progress=0.5)])
    wb = openpyxl.load_workbook(path)
    del wb["Kế hoạch"]
    ws = wb["Công trình"]
    ws["D2"] = "Phòng A"
    ws.merge_cells("D2:D3")
    ws["S2"] = "=1+1"
    wb["Thông tin"]["D1"] = "=2+2"
    wb.save(tmp_path / "t2.xlsx")
    path = str(tmp_path / "t2.xlsx")
    got = _read(path, "status", "message", "unit_info", "info", "covered", "findings", "errors", "warnings")
    assert got == {
        "status": "ok", "message": "2 công trình, phần việc", "unit_info": "Sở Tư pháp", "errors": 1, "warnings": 2,
        "info": {"parent_body": "UBND TỈNH HÀ TĨNH", "place": "Hà Tĩnh", "movement": "phong trào thi đua năm 2021",
                 "works_purpose": "chào mừng Đại hội"}, "covered": ["works", "awards", "narrative"],
        "findings": [_f("FORMULA_NO_VALUE", "warning", "Thông tin", 1, "D1", "", FORMULA_NOTE, file=path),
                     _f("FORMULA_NO_VALUE", "warning", "Công trình", 2, "S2", "", FORMULA_NOTE, file=path),
                     _f("PROGRESS_OUT_OF_RANGE", "error", "Công trình", 2, "H2", "Tiến độ hoàn thành (%)",
                        "Tiến độ 150% nằm ngoài khoảng 0–100%.", file=path)]}
    works = _read(path, "rows")["rows"]["works"]
    assert [(w["name"], w["owner"], w["progress"]) for w in works] == [("Một", "Phòng A", "150%"), ("Hai", "Phòng A", 0.5)]


def test_an_encrypted_file_is_read_with_its_password(tmp_path):
    from .fixtures_consolidate import encrypt
    path = encrypt(template_file(tmp_path / "t.xlsx", works=[work(1, "Một")]), tmp_path / "mk.xlsx", "mk123")
    got = E.extract_file(str(path), password="mk123")
    assert (got["status"], got["message"], [w["name"] for w in got["rows"]["works"]]) == (
        "ok", "1 công trình, phần việc", ["Một"])
    _failed(path, "Tệp 'mk.xlsx' được đặt mật khẩu; hãy gửi lại tệp không đặt mật khẩu hoặc chạy lại với --password.")


@pytest.mark.parametrize("name", ["dn.docx", "DN.DOCX"])
def test_a_word_list_of_proposals(tmp_path, name):
    from docx import Document
    doc = Document()
    doc.add_paragraph("UBND XÃ CẨM BÌNH")
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025")
    table = doc.add_table(rows=2, cols=3)
    for c, (head, value) in enumerate([("TT", "1"), ("Họ và tên", "Lê Văn Hùng"), ("Hình thức", "Giấy khen")]):
        table.cell(0, c).text, table.cell(1, c).text = head, value
    doc.save(tmp_path / name)
    got = _read(tmp_path / name, "status", "kind", "message", "unit_text", "rows", "findings")
    said = ("Bảng không có cột 'Đối tượng': 1 dòng được hiểu là cá nhân (tên người: họ và tên, hoặc học hàm, học vị, "
            "cấp bậc trước tên): dòng 2.")
    assert got == {"status": "ok", "kind": "word", "message": "1 đề nghị khen thưởng", "unit_text": "UBND xã Cẩm Bình",
                   "findings": [_f("KIND_FROM_NAME", "warning", "Bảng 1", 2, "B2", "Đối tượng", said,
                                   file=str(tmp_path / name))],
                   "rows": {"unit_proposals": [
                       {"order": 1, "recipient": "Lê Văn Hùng", "form": "Giấy khen", "group": None, "extra": None,
                        "source_sheet": "Bảng 1", "source_row": 2, "recipient_kind": "Cá nhân"}]}}


def test_what_the_file_really_is_is_said(tmp_path):
    path = write_shape(tmp_path, "html.xls", [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)]])
    assert _read(path, "status", "message") == {
        "status": "ok", "message": "1 công trình, phần việc (nội dung là trang HTML có bảng (lưu từ web hoặc 'Save as "
                                   "Web Page'); đọc theo dạng đó)"}
    folder = tmp_path / "thu_muc.xlsx"
    folder.mkdir()
    _failed(folder, f"'{folder}' là một thư mục, không phải tệp bảng tính.")


def test_a_template_whose_works_are_error_values(tmp_path):
    """Text error literals make a row left out and counted; cells holding only error values (a formula whose
    source was deleted: #N/A) make the file an error, not an 'ok' file with no row (the reader gives such a
    row as nothing at all, so the sheet seems to end at its header)."""
    wb = openpyxl.load_workbook(template_file(tmp_path / "t.xlsx", works=[work(1, "Một"), work(2, "Hai")]))
    for c in range(1, 9):
        wb["Công trình"].cell(3, c).value = "#REF!"
        wb["Công trình"].cell(3, c).data_type = "s"
    wb.save(tmp_path / "a.xlsx")
    got = _read(tmp_path / "a.xlsx", "status", "message")
    assert got == {"status": "ok", "message": "1 công trình, phần việc (bỏ 1 dòng chỉ có giá trị lỗi ở trang 'Công trình')"}
    wb = openpyxl.load_workbook(template_file(tmp_path / "t2.xlsx", works=[work(1, "Một")]))
    for c in range(1, 19):
        wb["Công trình"].cell(2, c).value = None
    wb["Công trình"]["B2"] = "#N/A"
    wb["Công trình"]["B2"].data_type = "e"
    wb.save(tmp_path / "b.xlsx")
    got = _failed(tmp_path / "b.xlsx", "Trang 'Công trình' chỉ có giá trị lỗi (#REF!, #N/A …); không lấy được dòng nào.")
    assert got["kind"] == "template"


@pytest.mark.parametrize("lines, unit", [
    (["SỞ Y TẾ", "Kèm theo báo cáo của Phòng Tư pháp"], "Phòng Tư pháp"),          # 'Kèm theo … của' first
    (["SỞ Y TẾ", "DANH SÁCH CÔNG TRÌNH CỦA PHÒNG GD&ĐT NĂM 2021"], "Sở Y tế"),     # then the heading
    (["DANH SÁCH CÔNG TRÌNH CỦA PHÒNG GD&ĐT NĂM 2021"], "Phòng GD&ĐT")])           # then the title's 'của'
def test_the_unit_a_hand_made_file_names(tmp_path, lines, unit):
    path = _book(tmp_path / "a.xlsx", [("P", [[line] for line in lines] + [WH, [1, "Một", D(2021, 1, 1), D(2021, 2, 1)]])])
    assert _read(path, "unit_text") == {"unit_text": unit}


def test_a_hand_made_progress_read_by_its_own_cell_format(tmp_path):
    path = write_table(tmp_path / "pc.xlsx", [WH + ["Tiến độ"], [1, "Một", D(2021, 1, 1), D(2021, 2, 1), 1.5],
                                              [2, "Hai", D(2021, 1, 1), D(2021, 2, 1), 0.5]], percent=[(1, 4), (2, 4)])
    got = _read(path, "rows", "findings")
    assert [w["progress"] for w in got["rows"]["works"]] == ["150%", 0.5]
    assert got["findings"] == [_f("PROGRESS_OUT_OF_RANGE", "error", "Phụ lục", 2, "E2", "Tiến độ hoàn thành (%)",
                                  "Tiến độ 150% nằm ngoài khoảng 0–100%.", file=str(path))]


def test_a_template_sheet_of_error_values_beside_real_rows_is_said(tmp_path):
    """The works are taken; the Khen thưởng sheet whose only row is #N/A is not silently left out."""
    wb = openpyxl.load_workbook(template_file(tmp_path / "t.xlsx", works=[work(1, "Một")], awards=[
        {"order": 1, "form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2, "field": "x"}]))
    ws = wb["Khen thưởng"]
    for c in range(1, ws.max_column + 1):
        ws.cell(2, c).value = None
    ws["B2"] = "#N/A"
    ws["B2"].data_type = "e"
    wb.save(tmp_path / "t2.xlsx")
    got = _read(tmp_path / "t2.xlsx", "status", "message", "errors", "warnings")
    assert got == {"status": "ok", "errors": 0, "warnings": 0, "message": "1 công trình, phần việc (trang 'Khen thưởng' "
                   "chỉ có giá trị lỗi (#REF!, #N/A …), không lấy được dòng nào)"}
    assert _read(template_file(tmp_path / "t3.xlsx"), "status", "message") == {
        "status": "ok", "message": "không có dòng dữ liệu nào"}


def test_sheets_without_rows_before_one_with_rows(tmp_path):
    path = _book(tmp_path / "m.xlsx", [
        ("Trống", [WH]), ("Phòng Tư pháp", [WH + ["Đơn vị gửi"], [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "Tổ A"],
                                            [2, "Hai", D(2021, 1, 1), D(2021, 2, 1)]]),
        ("Phòng Y tế", [WH, [1, "Ba", D(2021, 1, 1), D(2021, 2, 1)]])])
    got = _read(path, "status", "message", "unit_text", "rows")
    assert (got["status"], got["message"], got["unit_text"]) == (
        "ok", "3 công trình, phần việc", "Nhiều đơn vị: Phòng Tư pháp, Phòng Y tế")
    assert [(w["name"], w["unit"]) for w in got["rows"]["works"]] == [    # a row's own unit cell first
        ("Một", "Tổ A"), ("Hai", "Phòng Tư pháp"), ("Ba", "Phòng Y tế")]
    two = _book(tmp_path / "e.xlsx", [("A", [WH, [1, N, N, N]]), ("B", [WH, [1, N, N, N]])],
                errors=[("A", "B2", "#N/A"), ("B", "B2", "#N/A")])
    _failed(two, "Bảng công trình, phần việc ở trang 'A', 'B' chỉ có giá trị lỗi (#REF!, #N/A …); không lấy được dòng "
                 "nào. Hãy mở tệp gốc, dán giá trị (Paste Values) rồi gửi lại.")


def test_two_rows_of_error_values_and_a_table_of_two_columns(tmp_path):
    write_table(tmp_path / "x.xls", [WH, ["#REF!", "#REF!", "#N/A", "#REF!"], [1, "Hai", D(2021, 1, 1), D(2021, 2, 1)],
                                     ["#REF!", "#REF!", "#N/A", "#REF!"]])
    assert _read(tmp_path / "x.xls", "message") == {
        "message": "1 công trình, phần việc (bỏ 2 dòng chỉ có giá trị lỗi ở trang 'Phụ lục')"}
    _, out, _, _ = _table(W, [["Tên công trình", "Ngày khởi công"], ["Một", D(2021, 1, 1)], ["Hai"]])
    assert [(r["name"], r["start"]) for r in out] == [("Một", D(2021, 1, 1)), ("Hai", None)]
    _, out, _, _ = _table(W, [["Tên công trình", "Trạng thái"], ["Một", "x"], ["Hai"]])   # one column the unit types
    assert [r["name"] for r in out] == ["Một", "Hai"]


def test_a_row_one_cell_short_of_the_last_column():
    grid = [WORKS_HEADER, [1, "Một", D(2021, 1, 1), D(2021, 2, 1), "50%"]]     # no Ghi chú cell (the last mapped)
    _, out, _, _ = _table(W, grid)
    assert out == [_works_row(1, "Một", 2, D(2021, 1, 1), D(2021, 2, 1), 0.5, group=None)]


def test_each_kind_of_rows_counted_in_the_message(tmp_path):
    from xlsrc.builder import Content, write_workbook
    from xlsrc.demo_data import demo_content
    demo = demo_content().rows
    path = write_workbook(tmp_path / "t.xlsx", Content(info=info(), rows={
        "plans": demo["plans"][:2], "narrative": demo["narrative"][:3], "works": [], "awards": []}))
    assert _read(path, "status", "message") == {"status": "ok",
                                                "message": "2 văn bản kế hoạch; 3 đoạn nội dung"}


def test_an_ods_named_xlsx_is_read_as_what_it_is(tmp_path):
    import shutil
    shutil.copy(write_table(tmp_path / "b.ods", SHAPED, merges=[(2, 0, 2, 3), (5, 2, 6, 2)], bold=[(4, 1)]),
                tmp_path / "b.xlsx")
    assert E._kind(FileBook(str(tmp_path / "b.xlsx"))) == "ods"
    assert _read(tmp_path / "b.xlsx", "rows", "message") == {   # its merges and bold heading from content.xml
        "message": "3 công trình, phần việc (nội dung là .ods; đọc theo dạng đó)", "rows": {"works": [
            _work(1, "Một", 4, "Phụ lục", group="I. Khối A"), _work(2, "Hai", 6, "Phụ lục", group="Khối B"),
            _work(3, "Ba", 7, "Phụ lục", finish=N, group="Khối B")]}}


def test_a_tables_own_group_and_extra_columns_are_kept_with_what_the_reader_adds():
    grid = [["TT", "Tên công trình", "Nhóm", "Thông tin thêm", "Kinh phí"], ["I. Tập thể", N, N, N, N],
            [1, "Một", "Tổ 1", "ghi thêm", 5], [2, "Hai", N, N, N]]
    _, out, _, _ = _table(W, grid)      # a works table: a heading naming a kind gives no kind
    assert out == [{"order": 1, "name": "Một", "group": "I. Tập thể / Tổ 1", "extra": "ghi thêm\nKinh phí: 5",
                    "source_sheet": "Phụ lục", "source_row": 3},
                   {"order": 2, "name": "Hai", "group": "I. Tập thể", "extra": None, "source_sheet": "Phụ lục",
                    "source_row": 4}]


def test_a_note_is_a_status_only_for_works_without_a_status_column():
    _, out, _, _ = _table(A, [["TT", "Hình thức", "Đối tượng", "Lĩnh vực", "Ghi chú"],
                              [1, "Giấy khen", "Cá nhân", "x", "Hoàn thành"]])
    assert out == [{"order": 1, "form": "Giấy khen", "recipient_kind": "Cá nhân", "field": "x", "note": "Hoàn thành",
                    "group": None, "extra": None, "source_sheet": "Phụ lục", "source_row": 2}]
    _, out, _, _ = _table(W, [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tình trạng", "Ghi chú"],
                              [1, "Một", D(2021, 1, 1), D(2021, 2, 1), N, "Hoàn thành"]])
    assert (out[0]["declared_status"], out[0]["note"]) == (None, "Hoàn thành")


def test_one_value_in_a_percent_cell_and_in_a_general_cell_is_read_for_each(tmp_path):
    path = write_table(tmp_path / "pc.xlsx", [WH + ["Tiến độ"], [1, "Một", D(2021, 1, 1), D(2021, 2, 1), 0.5],
                                              [2, "Hai", D(2021, 1, 1), D(2021, 2, 1), 0.5],
                                              [3, "Ba", D(2021, 1, 1), D(2021, 2, 1), 80]], percent=[(1, 4)])
    got = _read(path, "rows", "findings")
    assert [w["progress"] for w in got["rows"]["works"]] == [0.5, 0.005, 0.8]
    assert got["findings"] == [_f("PROGRESS_AMBIGUOUS", "warning", "Phụ lục", 3, "E3", "Tiến độ hoàn thành (%)",
                                  "Ô ghi 0,5 (định dạng General) giữa các tỷ lệ lớn hơn 1: hiểu là 0,5%, cũng có thể là "
                                  "50%. Hãy ghi rõ, ví dụ '80%'.", file=str(path))]


def test_a_name_no_file_can_have_is_an_error_not_an_exception(tmp_path):
    """extract_file never raises: a NUL in the name (os.stat's ValueError) ends as an error whose details are
    in the log."""
    from xlsrc.logfile import log_path
    path = str(tmp_path / "a\x00.xlsx")
    got = _failed(path, f"Không đọc được tệp 'a\x00.xlsx' (nội dung không đúng cấu trúc bảng tính); chi tiết trong "
                        f"tệp nhật ký {log_path()}.")
    assert (got["mtime"], got["sha256"], got["kind"]) == (0.0, "", "")
    assert f"consolidate: {path}" in log_path().read_text(encoding="utf-8")


def test_a_template_sheet_without_its_header_gives_no_row_and_no_error(tmp_path):
    wb = openpyxl.load_workbook(template_file(tmp_path / "t.xlsx", info("Văn phòng Sở", "SỞ NGOẠI VỤ"),
                                              works=[work(1, "Một")]))
    for row in wb["Khen thưởng"].iter_rows():
        for cell in row:
            cell.value = None
    wb["Khen thưởng"]["A1"] = "Không có bảng"
    wb.save(tmp_path / "t2.xlsx")
    got = _read(tmp_path / "t2.xlsx", "status", "message", "unit_info", "covered", "findings")
    assert got == {"status": "ok", "message": "1 công trình, phần việc", "unit_info": "Văn phòng Sở",  # Thông tin's
                   "covered": ["plans", "works", "awards", "narrative"], "findings": []}


def test_two_lists_of_proposals_the_unit_from_the_first_and_their_notes(tmp_path):
    path = _book(tmp_path / "dn.xlsx", [
        ("Đề nghị 1", [["DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN", N, N, "=1+1"],
                       ["(Kèm theo Tờ trình số 5/TTr-PNV của Phòng Nội vụ)"], ["TT", "Họ và tên", "Chức vụ, đơn vị"],
                       [1, "Ông Lê Văn A", "Chuyên viên"]]),
        ("Đề nghị 2", [["DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN"], ["TT", "Họ và tên", "Chức vụ, đơn vị"],
                       [1, "Bà Trần Thị B", "Chuyên viên"]])])
    got = _read(path, "status", "message", "unit_text", "findings", "covered")
    assert (got["status"], got["message"], got["unit_text"], got["covered"]) == (
        "ok", "2 đề nghị khen thưởng", "Phòng Nội vụ", ["unit_proposals"])
    assert got["findings"][0] == _f("FORMULA_NO_VALUE", "warning", "Đề nghị 1", 1, "D1", "", FORMULA_NOTE, file=path)
    assert [(f["code"], f["sheet"], f["cell"]) for f in got["findings"][1:]] == [
        ("KIND_FROM_NAME", "Đề nghị 1", "B4"), ("KIND_FROM_NAME", "Đề nghị 2", "B3"),
        ("FORM_FROM_TITLE", "Đề nghị 1", "B4"), ("FORM_FROM_TITLE", "Đề nghị 2", "B3")]


@pytest.mark.parametrize("works, status, message", [
    ([work(1, "Một")], "ok", "1 công trình, phần việc (trang 'Khen thưởng', 'Nội dung' chỉ có giá trị lỗi (#REF!, #N/A …), "
                             "không lấy được dòng nào)"),
    ([], "error", "Trang 'Công trình', 'Khen thưởng', 'Nội dung' chỉ có giá trị lỗi (#REF!, #N/A …); không lấy được "
                  "dòng nào.")])
def test_every_template_sheet_of_error_values_is_named(tmp_path, works, status, message):
    wb = openpyxl.load_workbook(template_file(tmp_path / "t.xlsx", works=works))
    for sheet in (["Công trình"] if not works else []) + ["Khen thưởng", "Nội dung"]:
        wb[sheet]["B2"] = "#N/A"
        wb[sheet]["B2"].data_type = "e"
    wb.save(tmp_path / "t2.xlsx")
    assert _read(tmp_path / "t2.xlsx", "status", "message") == {"status": status, "message": message}


def test_a_list_of_proposals_names_its_unit_in_its_title(tmp_path):
    path = _book(tmp_path / "dn.xlsx", [("DS", [["DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA PHÒNG GD&ĐT NĂM 2025"],
                                                ["TT", "Họ và tên", "Chức vụ, đơn vị"], [1, "Lê Văn A", "Chuyên viên"]])])
    assert _read(path, "status", "message", "unit_text") == {"status": "ok", "message": "1 đề nghị khen thưởng",
                                                             "unit_text": "Phòng GD&ĐT"}
