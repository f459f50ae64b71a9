"""Shapes of hand-made tables that hold two columns of the template in one:
a period of work typed in one cell ('Thời gian thực hiện'), award counts
typed per recipient kind ('Hình thức | Tập thể | Cá nhân'), and other shapes
real units send. Each test writes a real file, runs `thidua consolidate` and
checks every value that reaches the master, and the warning where a value
had to be interpreted."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.date_ranges import split_span

from .shapes import write_table
from .sheet_values import sheet_records, sheet_rows
from .test_user_files import _run

D = dt.datetime


def _master(path: Path, sheet: str) -> list[dict]:
    return sheet_records(path, sheet)


def _consolidate(tmp_path: Path, *inputs: Path) -> dict:
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", *inputs, "-o", out, "--json", "--jobs", "1"])
    assert code in (0, 1, 3), _run.stdout + _run.stderr  # 1: the data taken has errors
    result = json.loads(_run.stdout)
    result["out"] = out
    return result


def _summary(path: Path) -> dict:
    return {r[0]: r[1:] for r in sheet_rows(path, S.SUMMARY_SHEET) if r[0]}


# --------------------------------------------------------------------------
# 1. One column holding the period of a work
PERIODS = [
    ("01/3/2021 - 30/9/2021", D(2021, 3, 1), D(2021, 9, 30)),
    ("01/3/2021 – 30/9/2021", D(2021, 3, 1), D(2021, 9, 30)),
    ("Tháng 3 - tháng 9/2021", "Tháng 3/2021", "Tháng 9/2021"),
    ("Quý II - Quý IV/2021", "Quý II/2021", "Quý IV/2021"),
    ("Từ tháng 3 đến tháng 9 năm 2021", "Tháng 3/2021", "Tháng 9/2021"),
    ("3/2021-12/2021", "Tháng 3/2021", "Tháng 12/2021"),
    ("Quý II/2021", "Quý II/2021", "Quý II/2021"),
]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
@pytest.mark.parametrize("header", ["Thời gian thực hiện", "Thời gian", "Thời gian triển khai - hoàn thành"])
def test_a_period_typed_in_one_cell_fills_the_start_and_the_finish(tmp_path, fmt, header):
    rows = [["PHÒNG TƯ PHÁP HUYỆN CAN LỘC"], [],
            ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", header, "Tiến độ (%)"]]
    rows += [[i, f"Công trình {i}", "Phòng Tư pháp", text, 50] for i, (text, _, _) in enumerate(PERIODS, 1)]
    rows += [[len(PERIODS) + 1, "Công trình không rõ thời gian", "Phòng Tư pháp", "Cả năm học", 50]]
    unit = write_table(tmp_path / f"phong_tu_phap.{fmt}", rows)
    result = _consolidate(tmp_path, unit)
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == \
        [(start, finish) for _, start, finish in PERIODS] + [("Cả năm học", None)]
    # nothing the sender typed is lost: the cell as typed stays in Thông tin thêm
    assert [w["Thông tin thêm"] for w in works] == [f"{header}: {t}" for t, _, _ in PERIODS] + \
        [f"{header}: Cả năm học"]
    findings = result["findings"]
    assert "COLUMN_MISSING" not in {f["code"] for f in findings}
    warned = [(f["cell"], f["severity"], f["code"]) for f in findings if f["code"] == "DATE_INTERPRETED"]
    assert warned == [(f"D{r}", "warning", "DATE_INTERPRETED") for r in range(4, 4 + len(PERIODS))]
    by_cell = {f["cell"]: f for f in findings}
    assert by_cell["D4"]["sheet"] == "Phụ lục" and by_cell["D4"]["file"].endswith(unit.name)
    assert "'01/3/2021 - 30/9/2021'" in by_cell["D4"]["message"]
    assert "Ngày khởi công 01/3/2021, Ngày hoàn thành 30/9/2021" in by_cell["D4"]["message"]
    assert "Ngày khởi công Tháng 3/2021, Ngày hoàn thành Tháng 9/2021" in by_cell["D6"]["message"]
    assert "thực hiện trong Quý II/2021" in by_cell["D10"]["message"] and "30/6/2021" in by_cell["D10"]["message"]
    # unreadable: one error at the cell, the text kept
    [bad] = [f for f in findings if f["severity"] == "error"]
    assert (bad["cell"], bad["code"]) == ("D11", "DATE_UNREADABLE") and "'Cả năm học'" in bad["message"]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_period_column_typed_month_first_is_split_month_first_and_says_so(tmp_path, fmt):
    """A portal export or an English-locale PC types '3/1/2025 - 4/10/2025' (1 March to 10 April): when a
    cell of the column can only be month first ('12/25/2025') and none only day first, every numeric date of
    the column is read month first, and each cell's warning says why; a date in words stays as written."""
    rows = [["PHÒNG VĂN HOÁ XÃ THẠCH LẠC"], [],
            ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Thời gian thực hiện", "Tiến độ (%)"],
            [1, "Công trình 1", "Phòng Văn hoá", "3/1/2025 - 4/10/2025", 50],
            [2, "Công trình 2", "Phòng Văn hoá", "12/1/2025 - 12/25/2025", 100],
            [3, "Công trình 3", "Phòng Văn hoá", "Tháng 3 - tháng 9/2025", 50]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"van_hoa.{fmt}", rows))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == [
        (D(2025, 3, 1), D(2025, 4, 10)), (D(2025, 12, 1), D(2025, 12, 25)), ("Tháng 3/2025", "Tháng 9/2025")]
    by_cell = {f["cell"]: f for f in result["findings"] if f["code"] == "DATE_INTERPRETED"}
    assert sorted(by_cell) == ["D4", "D5", "D6"]
    assert "Ngày khởi công 01/3/2025, Ngày hoàn thành 10/4/2025" in by_cell["D4"]["message"]
    for cell in ("D4", "D5"):
        assert "kiểu tháng/ngày/năm, như ô '12/1/2025 - 12/25/2025'" in by_cell[cell]["message"]
    assert "tháng/ngày" not in by_cell["D6"]["message"]
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def test_a_period_column_typed_both_ways_reads_no_date_that_reads_both_ways(tmp_path):
    """'25/12/2025' (day first) and '12/25/2025' (month first) in one column: '3/1/2025 - 4/10/2025' could be
    either, so it is an error at its cell; the dates that read one way only are read."""
    rows = [["PHÒNG VĂN HOÁ XÃ THẠCH LẠC"], [],
            ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Thời gian thực hiện", "Tiến độ (%)"],
            [1, "Công trình 1", "Phòng Văn hoá", "3/1/2025 - 4/10/2025", 50],
            [2, "Công trình 2", "Phòng Văn hoá", "13/1/2025 - 25/12/2025", 100],
            [3, "Công trình 3", "Phòng Văn hoá", "12/25/2025", 100]]
    result = _consolidate(tmp_path, write_table(tmp_path / "van_hoa.xlsx", rows))
    errors = {f["cell"]: f["message"] for f in result["findings"] if f["severity"] == "error"}
    assert "D4" in errors and "cả ngày ghi kiểu ngày/tháng/năm lẫn kiểu tháng/ngày/năm" in errors["D4"]
    works = _master(result["out"], S.WORKS.name)
    assert (works[1]["Ngày khởi công"], works[1]["Ngày hoàn thành"]) == (D(2025, 1, 13), D(2025, 12, 25))
    assert works[0]["Ngày khởi công"] != D(2025, 1, 3) and works[0]["Ngày khởi công"] != D(2025, 3, 1)


def test_a_period_column_gives_the_works_their_status_in_the_masters_summary(tmp_path):
    """The split dates are real dates of the master: a work of 'Quý I - Quý II/2021'
    reported on 18/11/2021 with 50% is late, one of '01/3/2021 - 31/12/2021' is ongoing."""
    rows = [["SỞ NGOẠI VỤ HÀ TĨNH"], ["Hà Tĩnh, ngày 18 tháng 11 năm 2021"], [],
            ["TT", "Tên công trình", "Thời gian thực hiện", "Tiến độ (%)"],
            [1, "Số hoá hồ sơ", "Quý I - Quý II/2021", 50],
            [2, "Cổng thông tin đối ngoại", "01/3/2021 - 31/12/2021", 60],
            [3, "Hội nghị hữu nghị", D(2021, 7, 1), 100]]
    unit = write_table(tmp_path / "so_ngoai_vu.xlsx", rows)
    result = _consolidate(tmp_path, unit)
    works = _master(result["out"], S.WORKS.name)
    summary = _summary(result["out"])
    assert [summary[s][0] for s in (S.STATUS_LATE, S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_UNKNOWN)] == [1, 1, 1, 0]
    assert (works[2]["Ngày khởi công"], works[2]["Ngày hoàn thành"]) == (D(2021, 7, 1), D(2021, 7, 1))
    [single] = [f for f in result["findings"] if f["cell"] == "C7"]
    assert "cùng là 01/7/2021" in single["message"]


def test_a_period_that_only_says_when_it_began_is_read_and_the_finish_is_still_asked_for(tmp_path):
    rows = [["TT", "Tên công trình", "Thời gian thực hiện", "Tiến độ (%)"],
            [1, "Số hoá hồ sơ", "Từ 01/3/2021", 50]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_a.xlsx", rows))
    [work] = _master(result["out"], S.WORKS.name)
    assert (work["Ngày khởi công"], work["Ngày hoàn thành"]) == (D(2021, 3, 1), None)
    assert sorted((f["cell"], f["code"]) for f in result["findings"]) == [
        ("C2", "DATE_INTERPRETED"), ("C2", "REQUIRED_EMPTY")]


def test_a_table_with_its_own_start_and_finish_columns_is_not_split(tmp_path):
    """'Thời gian' over 'Bắt đầu | Kết thúc' (two header rows) keeps its two columns."""
    rows = [["TT", "Tên công trình", "Thời gian", None, "Tiến độ (%)"],
            [None, None, "Bắt đầu", "Kết thúc", None],
            [1, "Số hoá hồ sơ", "01/3/2021", "30/9/2021", 50]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_a.xlsx", rows, merges=[(0, 2, 0, 3)]))
    [work] = _master(result["out"], S.WORKS.name)
    assert (work["Ngày khởi công"], work["Ngày hoàn thành"], work["Thông tin thêm"]) == (
        D(2021, 3, 1), D(2021, 9, 30), None)
    assert result["findings"] == []


@pytest.mark.parametrize("text,start,finish", [
    ("01/3 - 30/9/2021", "01/03/2021", "30/09/2021"),          # the year written once, at the end
    ("1 - 30/9/2021", "01/09/2021", "30/09/2021"),              # the month too
    ("3 - 9/2021", "Tháng 3/2021", "Tháng 9/2021"),             # two months, not 3 September
    ("T3/2021 - T9/2021", "Tháng 3/2021", "Tháng 9/2021"),
    ("Tháng 10/2021 - tháng 3/2022", "Tháng 10/2021", "Tháng 3/2022"),
    ("Ngày 15 tháng 3 năm 2021 đến ngày 30 tháng 9 năm 2021", "15/03/2021", "30/09/2021"),
    ("15-3-2021", "15/03/2021", "15/03/2021"),                  # one day, dashes inside
    ("2021-2022", "Năm 2021", "Năm 2022"),
    ("Trước 30/9/2021", None, "30/09/2021"),
    ("Quý II – IV/2021", "Quý II/2021", "Quý IV/2021"),
    ("Tháng 3-9/2021", "Tháng 3/2021", "Tháng 9/2021"),
    ("Từ ngày 01/3/2021 đến ngày 30/9/2021", "01/03/2021", "30/09/2021"),
])
def test_the_ends_of_a_period_as_people_type_them(text, start, finish):
    got = split_span(text)
    assert got.ok and (got.start, got.finish) == (start, finish)


@pytest.mark.parametrize("text", ["Tháng 10 - tháng 3/2022", "01/3 - 30/9", "abc - xyz", "Cả năm học", "II - IV/2021",
                                  "I/2021"])
def test_a_period_whose_ends_cannot_be_told_is_not_guessed(text):
    """'Tháng 10 - tháng 3/2022': October of 2021 or of 2022? Not guessed."""
    assert not split_span(text).ok


# --------------------------------------------------------------------------
# 2. Awards typed as counts per form
def _awards(path: Path) -> list[tuple]:
    return [(a["Hình thức, danh hiệu"], a["Đối tượng"], a["Số lượng"], a["Nguồn: dòng"])
            for a in _master(path, S.AWARDS.name)]


GK, BK = "Giấy khen", "Bằng khen cấp bộ, ban, ngành, tỉnh"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_counts_per_form_under_collective_and_individual_columns_reach_the_summary(tmp_path, fmt):
    rows = [["SỞ Y TẾ HÀ TĨNH"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Lĩnh vực"],
            [1, "Giấy khen", 2, 5, "Phòng chống dịch"],
            [2, "Bằng khen của UBND tỉnh", 1, 3, "Phòng chống dịch"],
            [3, "Lao động tiên tiến", None, 12, "Năm 2025"],
            [4, "Tập thể lao động xuất sắc", 3, 0, "Năm 2025"],
            [None, "Tổng cộng", 6, 20, None]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_y_te.{fmt}", rows))
    assert _awards(result["out"]) == [
        (GK, S.COLLECTIVE, 2, 5), (GK, S.INDIVIDUAL, 5, 5), (BK, S.COLLECTIVE, 1, 6), (BK, S.INDIVIDUAL, 3, 6),
        ("Lao động tiên tiến", S.INDIVIDUAL, 12, 7), ("Tập thể lao động xuất sắc", S.COLLECTIVE, 3, 8)]
    assert [a["Thông tin thêm"] for a in _master(result["out"], S.AWARDS.name)] == [None] * 6
    summary = _summary(result["out"])
    assert summary["Cộng khen thưởng"][:3] == (6, 20, "06 tập thể và 20 cá nhân")  # the sender's total row
    assert summary[GK][:2] == (2, 5) and summary["Lao động tiên tiến"][:2] == (0, 12)
    assert not [f for f in result["findings"] if f["severity"] == "error"], result["findings"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_counts_under_a_so_luong_header_merged_over_the_kinds(tmp_path, fmt):
    rows = [["TT", "Danh hiệu", "Số lượng", None, "Lĩnh vực"],
            [None, None, "Tập thể", "Cá nhân", None],
            [1, "Giấy khen", 2, 5, "Cải cách hành chính"],
            [2, "Chiến sĩ thi đua cơ sở", None, "04", "Năm 2025"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_noi_vu.{fmt}", rows,
                                                merges=[(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4)]))
    assert _awards(result["out"]) == [(GK, S.COLLECTIVE, 2, 3), (GK, S.INDIVIDUAL, 5, 3),
                                      ("Chiến sĩ thi đua cơ sở", S.INDIVIDUAL, 4, 4)]
    assert _summary(result["out"])["Cộng khen thưởng"][:2] == (2, 9)


def test_counts_under_so_tap_the_so_ca_nhan_and_a_count_that_is_not_a_number(tmp_path):
    rows = [["TT", "Danh hiệu", "Số tập thể", "Số cá nhân", "Lĩnh vực"],
            [1, "Giấy khen", 2, "5 người", "Cải cách hành chính"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_noi_vu.xlsx", rows))
    assert _awards(result["out"]) == [(GK, S.COLLECTIVE, 2, 2), (GK, S.INDIVIDUAL, "5 người", 2)]
    [bad] = [f for f in result["findings"] if f["severity"] == "error"]
    assert (bad["cell"], bad["code"], bad["column"]) == ("D2", "NUMBER_UNREADABLE", "Số lượng")


def test_a_count_column_with_a_separate_kind_column_is_read_row_by_row(tmp_path):
    """'Hình thức | Đối tượng | Số lượng': already one row per kind."""
    rows = [["TT", "Hình thức", "Đối tượng", "Số lượng", "Lĩnh vực"],
            [1, "Giấy khen", "Tập thể", 2, "Cải cách hành chính"],
            [2, "Giấy khen", "Cá nhân", 5, "Cải cách hành chính"],
            [None, "Cộng", None, 7, None]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_noi_vu.xlsx", rows))
    assert _awards(result["out"]) == [(GK, S.COLLECTIVE, 2, 2), (GK, S.INDIVIDUAL, 5, 3)]
    assert _summary(result["out"])["Cộng khen thưởng"][:2] == (2, 5)


# --------------------------------------------------------------------------
# 3. Other shapes real units send
def _works(tmp_path: Path, rows, name="don_vi.xlsx", **kw) -> tuple[list[dict], list[dict]]:
    result = _consolidate(tmp_path, write_table(tmp_path / name, rows, **kw))
    return _master(result["out"], S.WORKS.name), result["findings"]


def test_a_table_starting_in_column_c_with_remarks_to_its_left_keeps_every_work(tmp_path):
    """'Ghi chú: số liệu đến 30/10' typed left of the first work is a remark on
    that row: the work is read (not taken for a second header row, nor for a
    foot note ending the table) and the remark is kept."""
    works, findings = _works(tmp_path, [
        ["UBND XÃ CẨM BÌNH"], [],
        [None, None, "TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
        ["Ghi chú: số liệu đến 30/10", None, 1, "Đường thôn 1", "01/3/2021", "30/9/2021", 80],
        ["Mới", None, 2, "Nhà văn hóa thôn 2", "01/4/2021", "30/10/2021", 50],
        [], [None, None, "Ghi chú: thôn 3 chưa báo cáo"], [None, None, 3, "Không phải công trình"]])
    assert [(w["Tên công trình, phần việc"], w["Ngày khởi công"], w["Tiến độ hoàn thành (%)"], w["Thông tin thêm"],
             w["Nguồn: dòng"]) for w in works] == [
        ("Đường thôn 1", D(2021, 3, 1), 0.8, "Cột A: Ghi chú: số liệu đến 30/10", 4),
        ("Nhà văn hóa thôn 2", D(2021, 4, 1), 0.5, "Cột A: Mới", 5)]
    assert findings == []


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_unit_names_typed_only_on_group_rows_are_the_groups_of_the_works_under_them(tmp_path, fmt):
    """'I | Phòng Tư pháp' over its works, the name in the 'Đơn vị' column: a
    group (Nhóm) of the sender's works, the first one as well as the others
    (a lone 'I' in the TT column is not a numbering row '(a)')."""
    works, findings = _works(tmp_path, [
        ["TT", "Đơn vị", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
        ["I", "Phòng Tư pháp", None, None, None, None],
        [1, None, "Số hoá hộ tịch", "01/3/2021", "30/9/2021", 80],
        ["II", "Phòng Nội vụ", None, None, None, None],
        [2, None, "Cải cách hành chính", "01/3/2021", "30/9/2021", 50]], name=f"ubnd_can_loc.{fmt}")
    assert [(w["Tên công trình, phần việc"], w["Nhóm"], w["Đơn vị báo cáo"]) for w in works] == [
        ("Số hoá hộ tịch", "I. Phòng Tư pháp", "ubnd can loc"), ("Cải cách hành chính", "II. Phòng Nội vụ",
                                                                  "ubnd can loc")]
    assert findings == []


def test_dates_as_units_type_them(tmp_path):
    works, findings = _works(tmp_path, [
        ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
        [1, "A", "Ngày 15 tháng 3 năm 2021", "15-3-2021", 80],
        [2, "B", "2021-03-15", "T3/2021", 80],
        [3, "C", "T3/2021", "t12/2021", 80]])
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == [
        (D(2021, 3, 15), D(2021, 3, 15)), (D(2021, 3, 15), "T3/2021"), ("T3/2021", "t12/2021")]
    assert findings == []
    assert _run(["validate", tmp_path / "TongHop.xlsx", "--json"]) == 0  # the master reads 'T3/2021' as March


def _by_unit(path: Path) -> dict:
    rows = sheet_rows(path, S.SUMMARY_SHEET)
    start = next(i for i, r in enumerate(rows) if r[0] == "Theo đơn vị")
    out = {}
    for r in rows[start + 1:]:
        if not r[0]:
            break
        out[r[0]] = r[1]
    return out


TABLE = ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"]


@pytest.mark.parametrize("title,unit", [("ĐĂNG KÝ CÔNG TRÌNH CỦA PHÒNG GD&ĐT", "Phòng GD&ĐT"),
                                        ("DANH MỤC CÔNG TRÌNH CỦA TRUNG TÂM Y TẾ HUYỆN CAN LỘC NĂM 2021",
                                         "Trung tâm Y tế huyện Can Lộc")])
def test_the_unit_named_only_in_the_title_of_the_table(tmp_path, title, unit):
    works, _ = _works(tmp_path, [[title], [], TABLE, [1, "Thư viện số", "01/3/2021", "30/9/2021", 80]],
                      name="bieu_01.xlsx")
    assert [w["Đơn vị báo cáo"] for w in works] == [unit]
    assert json.loads(_run.stdout)["files"][0]["unit"] == unit


def test_the_unit_named_only_in_the_sheets_name(tmp_path):
    works, _ = _works(tmp_path, [TABLE, [1, "Thư viện số", "01/3/2021", "30/9/2021", 80]], name="bieu_01.xlsx",
                      sheet="Phòng Tư pháp")
    assert [w["Đơn vị báo cáo"] for w in works] == ["Phòng Tư pháp"]


def test_one_sheet_per_unit_in_one_file_gives_each_work_its_own_unit(tmp_path):
    """A district sends one file, one sheet per office, each with its heading:
    every work keeps the office of its sheet (not the last heading read)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for office, works in (("PHÒNG TƯ PHÁP", ["Số hoá hộ tịch", "Tuyên truyền pháp luật"]),
                          ("PHÒNG NỘI VỤ", ["Cải cách hành chính"]), ("Phòng Y tế", ["Tiêm chủng"])):
        ws = wb.create_sheet(office.title() if office.isupper() else office)
        if office.isupper():
            ws.append([office])
            ws.append([])
        ws.append(TABLE)
        for i, name in enumerate(works, 1):
            ws.append([i, name, "01/3/2021", "30/9/2021", 80])
    wb.save(tmp_path / "ubnd_can_loc.xlsx")
    result = _consolidate(tmp_path, tmp_path / "ubnd_can_loc.xlsx")
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Đơn vị báo cáo"]) for w in works] == [
        ("Số hoá hộ tịch", "Phòng Tư pháp"), ("Tuyên truyền pháp luật", "Phòng Tư pháp"),
        ("Cải cách hành chính", "Phòng Nội vụ"), ("Tiêm chủng", "Phòng Y tế")]
    assert _by_unit(result["out"]) == {"Phòng Tư pháp": 2, "Phòng Nội vụ": 1, "Phòng Y tế": 1}
    # the file stands for its three offices: a file of one of them alone replaces nothing of it
    [entry] = result["files"]
    assert entry["unit"] == "Nhiều đơn vị: Phòng Tư pháp, Phòng Nội vụ, Phòng Y tế"
    alone = tmp_path / "rieng" / "phong_y_te.xlsx"
    alone.parent.mkdir()
    wb = openpyxl.Workbook()
    wb.active.append(["PHÒNG Y TẾ"])
    wb.active.append([])
    wb.active.append(TABLE)
    wb.active.append([1, "Khám sức khoẻ học đường", "01/3/2021", "30/9/2021", 50])
    wb.save(alone)
    (tmp_path / "TongHop.xlsx").unlink()
    result = _consolidate(tmp_path, tmp_path / "ubnd_can_loc.xlsx", alone)
    assert [f["status"] for f in result["files"]] == ["ok", "ok"]
    assert _by_unit(result["out"]) == {"Phòng Tư pháp": 2, "Phòng Nội vụ": 1, "Phòng Y tế": 2}


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_three_row_header(tmp_path, fmt):
    """'Thời gian' over 'Thời gian thực hiện' over 'Bắt đầu | Kết thúc', and
    'Kết quả thực hiện' over 'Tiến độ (%)': the rows of the header are not works."""
    rows = [["SỞ TƯ PHÁP"], [],
            ["TT", "Tên công trình", "Đơn vị thực hiện", "Thời gian", None, "Kết quả thực hiện"],
            [None, None, None, "Thời gian thực hiện", None, None],
            [None, None, None, "Bắt đầu", "Kết thúc", "Tiến độ (%)"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            [1, "Số hoá hộ tịch", "Phòng Hành chính tư pháp", "01/3/2021", "30/9/2021", 80],
            [2, "Tuyên truyền pháp luật", "Phòng Phổ biến pháp luật", "01/4/2021", "31/12/2021", 50]]
    merges = [(2, 3, 2, 4), (3, 3, 3, 4), (2, 0, 4, 0), (2, 1, 4, 1), (2, 2, 4, 2)]
    works, findings = _works(tmp_path, rows, name=f"so_tu_phap.{fmt}", merges=merges)
    assert [(w["TT"], w["Tên công trình, phần việc"], w["Đơn vị thực hiện"], w["Ngày khởi công"], w["Ngày hoàn thành"],
             w["Tiến độ hoàn thành (%)"], w["Thông tin thêm"], w["Nguồn: dòng"]) for w in works] == [
        (1, "Số hoá hộ tịch", "Phòng Hành chính tư pháp", D(2021, 3, 1), D(2021, 9, 30), 0.8, None, 7),
        (2, "Tuyên truyền pháp luật", "Phòng Phổ biến pháp luật", D(2021, 4, 1), D(2021, 12, 31), 0.5, None, 8)]
    assert findings == []


def test_progress_said_in_words_with_one_figure_and_a_status_typed_in_the_notes(tmp_path):
    """'Đạt 80%', '80/100' are 80% (warned, kept as typed);
    'Hoàn thành' typed in Ghi chú of a table without a status column is the
    declared status (warned), so the summary counts the work as done."""
    works, findings = _works(tmp_path, [
        ["SỞ NỘI VỤ"], ["Hà Tĩnh, ngày 18 tháng 11 năm 2021"], [],
        ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)", "Ghi chú"],
        [1, "A", "01/3/2021", "30/12/2021", "Đạt 80%", None],
        [2, "B", "01/3/2021", "30/12/2021", "80/100", None],
        [3, "C", "01/3/2021", "30/12/2021", "Ước đạt 45,5%", None],
        [4, "D", "01/3/2021", "30/9/2021", None, "Hoàn thành"],
        [5, "E", "01/3/2021", "30/12/2021", 60, "Đang thực hiện"],
        [6, "F", "01/3/2021", "30/12/2021", 40, "Cần bổ sung kinh phí"]])
    assert [(w["Tiến độ hoàn thành (%)"], w["Tình trạng (đơn vị ghi)"], w["Ghi chú"]) for w in works] == [
        ("Đạt 80%", None, None), ("80/100", None, None), ("Ước đạt 45,5%", None, None),
        (None, "Hoàn thành", "Hoàn thành"), (0.6, "Đang thực hiện", "Đang thực hiện"),
        (0.4, None, "Cần bổ sung kinh phí")]
    assert [(f["cell"], f["code"]) for f in findings] == [
        ("E5", "PROGRESS_AMBIGUOUS"), ("E6", "PROGRESS_AMBIGUOUS"), ("E7", "PROGRESS_AMBIGUOUS"),
        ("F8", "STATUS_FROM_NOTE"), ("F9", "STATUS_FROM_NOTE")]
    assert "đọc tiến độ là 80%" in findings[0]["message"] and "đọc tiến độ là 45,5%" in findings[2]["message"]
    assert "'Hoàn thành'" in findings[3]["message"]
    summary = _summary(tmp_path / "TongHop.xlsx")
    assert summary["Đã hoàn thành"][0] == 1 and summary["Tiến độ bình quân (%)"][0] == pytest.approx(
        (80 + 80 + 45.5 + 60 + 40) / 5, abs=0.1)


@pytest.mark.parametrize("fmt,merged", [("xlsx", True), ("xls", True), ("ods", False)])
def test_an_awards_list_in_sections_collectives_then_individuals(tmp_path, fmt, merged):
    """A decision's list: 'I. TẬP THỂ' over the collectives, 'II. CÁ NHÂN' over
    the people, no 'Đối tượng' column. The section rows are not awards; each
    award takes its section's kind (one warning a section), and the summary
    counts 02 tập thể and 01 cá nhân."""
    rows = [["SỞ NỘI VỤ"], [], ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Thành tích"],
            ["I", "TẬP THỂ", None, None, None],
            [1, "Phòng Tổ chức", "Sở Nội vụ", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Phòng Hành chính", "Sở Nội vụ", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            ["II", "CÁ NHÂN", None, None, None],
            [1, "Ông Nguyễn Văn A", "Trưởng phòng", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]]
    merges = [(3, 1, 3, 4), (6, 1, 6, 4)] if merged else []
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_noi_vu.{fmt}", rows, merges=merges))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Đối tượng"], a["Nhóm"], a["Nguồn: dòng"]) for a in awards] == [
        ("Phòng Tổ chức", S.COLLECTIVE, "I. TẬP THỂ", 5), ("Phòng Hành chính", S.COLLECTIVE, "I. TẬP THỂ", 6),
        ("Nguyễn Văn A", S.INDIVIDUAL, "II. CÁ NHÂN", 8)]  # 'Ông' dropped, as a decision's annex drops it
    assert [(f["cell"], f["code"], f["severity"]) for f in result["findings"]] == [
        ("D5", "KIND_FROM_GROUP", "warning"), ("D8", "KIND_FROM_GROUP", "warning")]
    assert "'I. TẬP THỂ' (dòng 5–6) được hiểu là tập thể" in result["findings"][0]["message"]
    assert _summary(result["out"])["Cộng khen thưởng"][:3] == (2, 1, "02 tập thể và 01 cá nhân")


def test_a_name_that_says_the_other_kind_than_its_section_is_flagged_at_its_cell(tmp_path):
    """'Bà …' under 'I. TẬP THỂ' and an agency under 'II. CÁ NHÂN': the row keeps
    its section's kind (the section is what the sender wrote) and is flagged at
    its name's cell, so the board reads it again."""
    rows = [["SỞ NỘI VỤ"], [], ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Thành tích"],
            ["I", "TẬP THỂ", None, None, None],
            [1, "Phòng Tổ chức", "Sở Nội vụ", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Bà Trần Thị Lan", "Chuyên viên", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            ["II", "CÁ NHÂN", None, None, None],
            [1, "Ông Nguyễn Văn A", "Trưởng phòng", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Phòng Hành chính", "Sở Nội vụ", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_noi_vu.xlsx", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Đối tượng"]) for a in awards] == [
        ("Phòng Tổ chức", S.COLLECTIVE), ("Bà Trần Thị Lan", S.COLLECTIVE), ("Nguyễn Văn A", S.INDIVIDUAL),
        ("Phòng Hành chính", S.INDIVIDUAL)]  # a collective's name as typed, a person's without its 'Ông'
    conflicts = [(f["cell"], f["severity"], f["message"]) for f in result["findings"] if f["code"] == "KIND_CONFLICT"]
    assert [(cell, severity) for cell, severity, _ in conflicts] == [("B6", "warning"), ("B9", "warning")]
    assert "'Bà Trần Thị Lan' cho thấy cá nhân" in conflicts[0][2] and "'I. TẬP THỂ'" in conflicts[0][2]
    assert "'Phòng Hành chính' cho thấy tập thể" in conflicts[1][2] and "'II. CÁ NHÂN'" in conflicts[1][2]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_works_list_in_sections_works_then_tasks_gives_each_row_its_kind(tmp_path, fmt):
    """'I. CÔNG TRÌNH' over some works and 'II. PHẦN VIỆC' over others, no 'Loại' column: each row takes
    its section's kind (one warning a section, naming its rows); a heading that names both kinds
    ('Công trình, phần việc chào mừng …') gives none; a table with a 'Loại' column keeps what it says."""
    rows = [["UBND XÃ HÒA BÌNH"], [], ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành"],
            ["I", "CÔNG TRÌNH", None, None],
            [1, "Nhà văn hóa thôn Đông", "01/3/2025", "02/9/2025"],
            [2, "Đường liên thôn", "15/4/2025", "30/12/2025"],
            ["II", "PHẦN VIỆC", None, None],
            [1, "Trồng 1.000 cây xanh", "01/3/2025", "31/5/2025"],
            ["III", "CÔNG TRÌNH, PHẦN VIỆC CHÀO MỪNG ĐẠI HỘI", None, None],
            [1, "Sửa cầu Khe Cát", "01/6/2025", "30/9/2025"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"xa_hoa_binh.{fmt}", rows))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Loại"]) for w in works] == [
        ("Nhà văn hóa thôn Đông", "Công trình"), ("Đường liên thôn", "Công trình"),
        ("Trồng 1.000 cây xanh", "Phần việc"), ("Sửa cầu Khe Cát", None)]
    kinds = [(f["cell"], f["severity"], f["message"]) for f in result["findings"] if f["code"] == "KIND_FROM_GROUP"]
    assert [(cell, severity) for cell, severity, _ in kinds] == [("B5", "warning"), ("B8", "warning")]
    assert "'I. CÔNG TRÌNH' (dòng 5–6) được hiểu là công trình" in kinds[0][2]
    assert "'II. PHẦN VIỆC' (dòng 8) được hiểu là phần việc" in kinds[1][2]
    typed = [row[:2] + ["Phần việc"] + row[2:] if row and isinstance(row[0], int) else row for row in rows]
    typed[2] = ["TT", "Tên công trình, phần việc", "Loại", "Ngày khởi công", "Ngày hoàn thành"]
    (tmp_path / "typed").mkdir()
    result = _consolidate(tmp_path / "typed", write_table(tmp_path / f"typed.{fmt}", typed))
    assert {w["Loại"] for w in _master(result["out"], S.WORKS.name)} == {"Phần việc"}
    assert not [f for f in result["findings"] if f["code"] == "KIND_FROM_GROUP"]


def test_sections_lettered_without_a_period_head_their_rows(tmp_path):
    """'A | CÔNG TRÌNH', 'B | PHẦN VIỆC' (a capital letter alone in the TT column, as a commune types its
    sections): group headings whose kind each row under them takes, not two works without dates; a row
    lettered the same way that holds more than a title (its unit) stays a row, for the validator."""
    rows = [["UBND XÃ CẨM BÌNH"], [],
            ["STT", "Tên công trình/phần việc", "Đơn vị chủ trì", "Thời gian bắt đầu", "Thời gian kết thúc"],
            ["A", "CÔNG TRÌNH", None, None, None],
            [1, "Bê tông hóa đường thôn 3", "Thôn 3", "01/3/2025", "30/8/2025"],
            [2, "Nhà văn hóa thôn Yên Lạc", "Thôn Yên Lạc", "01/4/2025", "31/12/2025"],
            ["B", "PHẦN VIỆC", None, None, None],
            [1, "Ra quân vệ sinh môi trường", "Đoàn Thanh niên", "01/3/2025", "31/3/2025"],
            ["C", "Sửa cầu Khe Cát", "Thôn 2", None, None]]
    result = _consolidate(tmp_path, write_table(tmp_path / "xa_cam_binh.xlsx", rows))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Loại"], w["Nhóm"]) for w in works] == [
        ("Bê tông hóa đường thôn 3", "Công trình", "A. CÔNG TRÌNH"),
        ("Nhà văn hóa thôn Yên Lạc", "Công trình", "A. CÔNG TRÌNH"),
        ("Ra quân vệ sinh môi trường", "Phần việc", "B. PHẦN VIỆC"),
        ("Sửa cầu Khe Cát", "Phần việc", "B. PHẦN VIỆC")]
    assert [f["cell"] for f in result["findings"] if f["code"] == "KIND_FROM_GROUP"] == ["B5", "B8"]
    assert {f["cell"] for f in result["findings"] if f["severity"] == "error"} == {"D9", "E9"}


def test_a_numbered_work_without_dates_yet_is_a_work_not_a_heading(tmp_path):
    """'2. | Sửa cầu Khe Cát | Thôn 2' with its dates not typed yet, between works numbered '1.' and '3.':
    a work (the validator asks for its dates), never a group heading that swallows it and labels the
    works below it."""
    rows = [["UBND XÃ CẨM BÌNH"], [],
            ["STT", "Tên công trình/phần việc", "Đơn vị chủ trì", "Thời gian bắt đầu", "Thời gian kết thúc"],
            ["1.", "Bê tông hóa đường thôn 3", "Thôn 3", "01/3/2025", "30/8/2025"],
            ["2.", "Sửa cầu Khe Cát", "Thôn 2", None, None],
            ["3.", "Ra quân vệ sinh môi trường", "Đoàn Thanh niên", "01/3/2025", "31/3/2025"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "xa_cam_binh.xlsx", rows))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Nhóm"]) for w in works] == [
        ("Bê tông hóa đường thôn 3", None), ("Sửa cầu Khe Cát", None), ("Ra quân vệ sinh môi trường", None)]
    assert {(f["cell"], f["code"]) for f in result["findings"] if f["row"] == 5} >= {
        ("D5", "REQUIRED_EMPTY"), ("E5", "REQUIRED_EMPTY")}
    assert not [f for f in result["findings"] if f["code"] == "NUMBER_UNREADABLE"]  # '1.' is a TT as typed
    assert [w["TT"] for w in works] == ["1.", "2.", "3."]


@pytest.mark.parametrize("typed, error", [("1.", False), ("2)", False), ("1.1", False), ("2.3.1", False),
                                          ("a)", False), ("b", False), ("II.", False), ("(3)", False), ("-", False),
                                          ("một", True), ("1,5", True), ("12a", True)])
def test_a_tt_typed_as_a_numbering_label_is_no_error(tmp_path, typed, error):
    """A TT column holds numbering labels as hand-made lists write them: they are kept as typed, not read
    as a number that is wrong; a text that is no label is still an error at its cell."""
    rows = [["SỞ TƯ PHÁP"], [], ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"],
            [typed, "Số hóa hồ sơ hộ tịch", "01/3/2025", "30/8/2025"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_tu_phap.xlsx", rows))
    said = [(f["cell"], f["severity"]) for f in result["findings"] if f["code"] == "NUMBER_UNREADABLE"]
    assert said == ([("A4", "error")] if error else [])


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_second_list_of_works_under_a_header_of_its_own_is_read_too(tmp_path, fmt):
    """'1. CÁC CÔNG TRÌNH' with its table, then '2. CÁC PHẦN VIỆC' with a header of its own on the same sheet:
    both lists reach the master (the second was silently left out), each row at its own row, of its section's
    kind (said); its 'Kết quả (%)' is the progress."""
    rows = [["UBND XÃ AN HÒA"], [], ["1. CÁC CÔNG TRÌNH"],
            ["TT", "Tên công trình", "Địa điểm", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
            [1, "Đường thôn 1", "Thôn 1", "01/3/2025", "30/9/2025", "80%"],
            [2, "Cầu thôn 2", "Thôn 2", "01/4/2025", "30/10/2025", "60%"], [], ["2. CÁC PHẦN VIỆC"],
            ["TT", "Tên phần việc", "Đơn vị thực hiện", "Ngày bắt đầu", "Ngày kết thúc", "Kết quả (%)"],
            [1, "Trồng cây", "Đoàn Thanh niên", "01/3/2025", "31/3/2025", "100%"],
            [2, "Dọn vệ sinh", "Hội Phụ nữ", "01/5/2025", "31/5/2025", "50%"],
            [], [None, None, None, "CHỦ TỊCH"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"xa_an_hoa.{fmt}", rows))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Tiến độ hoàn thành (%)"], w["Nguồn: dòng"], w["Loại"]) for w in works] == [
        ("Đường thôn 1", 0.8, 5, "Công trình"), ("Cầu thôn 2", 0.6, 6, "Công trình"), ("Trồng cây", 1, 10, "Phần việc"),
        ("Dọn vệ sinh", 0.5, 11, "Phần việc")]
    assert [(f["code"], f["cell"]) for f in result["findings"]] == [("KIND_FROM_GROUP", "B5"), ("KIND_FROM_GROUP", "B10")]


def test_a_file_that_names_no_unit_is_listed_with_the_name_it_was_given(tmp_path):
    """A table with no title line naming its unit takes its file's name as the unit: said (on the console, in
    --json, in the file's note on the master), so that the board names it rightly; a file whose title names
    its unit is not listed."""
    table = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"], [1, "Đường thôn 1", "01/3/2025", "30/9/2025"]]
    files = [write_table(tmp_path / "Bao_cao_PTP.xlsx", table),
             write_table(tmp_path / "so_y_te.xlsx", [["SỞ Y TẾ"], []] + table)]
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", *files, "-o", out, "--jobs", "1"]) == 0, _run.stderr
    said = _run.stdout + _run.stderr
    assert "Các tệp không ghi tên đơn vị, lấy tên tệp làm đơn vị (1;" in said and "- Bao_cao_PTP.xlsx: Bao cao PTP" in said
    assert "so_y_te.xlsx:" not in said
    (tmp_path / "j").mkdir()
    result = _consolidate(tmp_path / "j", *files)
    assert [(Path(f["file"]).name, f["unit_by_name"]) for f in result["files"]] == [
        ("Bao_cao_PTP.xlsx", True), ("so_y_te.xlsx", False)]
    assert "lấy tên tệp làm đơn vị" in result["files"][0]["message"]


def _decision_annex(number: str, date: str, names: list[tuple[str, str]]) -> list[list]:
    """A unit's decision annex as the NĐ 30 form lays it out in a spreadsheet: no column for the form,
    the decision or the kind; the title and the 'Kèm theo' line say them."""
    return [["UBND XÃ CẨM BÌNH"], [], ["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"],
            [f"(Kèm theo Quyết định số {number} ngày {date} của Chủ tịch UBND xã Cẩm Bình)"], [],
            ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị công tác"], ["I", "TẬP THỂ", None],
            [1, names[0][0], names[0][1]], ["II", "CÁ NHÂN", None],
            *[[i, n, u] for i, (n, u) in enumerate(names[1:], 1)]]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_decision_annex_in_a_spreadsheet_gives_awards_with_their_decision(tmp_path, fmt):
    """The list a unit's decision granted, sent as a spreadsheet (as often as in Word): each row an award
    with the form its title names, the decision's number, date and signer from its 'Kèm theo' line (one
    warning naming them), the kind from its section; not 'no table of works' for the whole file."""
    rows = _decision_annex("125/QĐ-UBND", "20/12/2025", [("Thôn Yên Lạc", "xã Cẩm Bình"),
                                                          ("Ông Nguyễn Văn An", "Trưởng thôn Yên Lạc"),
                                                          ("Bà Trần Thị Bình", "Giáo viên")])
    result = _consolidate(tmp_path, write_table(tmp_path / f"qd_125.{fmt}", rows))
    assert [f["status"] for f in result["files"]] == ["ok"]
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Đối tượng"], a["Số quyết định"],
             a["Ngày quyết định"], a["Cấp khen"]) for a in awards] == [
        (name, "Giấy khen", kind, "125/QĐ-UBND", dt.datetime(2025, 12, 20), "Chủ tịch UBND xã Cẩm Bình")
        for name, kind in (("Thôn Yên Lạc", S.COLLECTIVE), ("Nguyễn Văn An", S.INDIVIDUAL),
                           ("Trần Thị Bình", S.INDIVIDUAL))]
    said = [f for f in result["findings"] if f["code"] == "AWARD_FROM_DECISION_TITLE"]
    assert [(f["cell"], f["severity"]) for f in said] == [("B8", "warning")]
    assert "125/QĐ-UBND ngày 20/12/2025" in said[0]["message"]


@pytest.mark.parametrize("line, field", [
    (None, None),
    ("Đã có thành tích xuất sắc trong phong trào thi đua năm 2025", "Thành tích xuất sắc trong phong trào thi đua năm 2025"),
    ("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN VÌ ĐÃ CÓ THÀNH TÍCH XUẤT SẮC TRONG THỰC HIỆN NHIỆM VỤ NĂM 2025",
     "Thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025")])
def test_a_decision_annex_in_a_spreadsheet_takes_its_achievement_from_its_title_or_says_it_has_none(
        tmp_path, line, field):
    """A line under the title (or the title itself) saying '… thành tích …'
    gives every row its achievement (an all-capital title in sentence case);
    none: the column stays empty with one warning, and the file has no error
    (the unit cannot mend its decision)."""
    rows = _decision_annex("125/QĐ-UBND", "20/12/2025", [("Thôn Yên Lạc", "xã Cẩm Bình"), ("Ông An", "Trưởng thôn")])
    if line and line.isupper():
        rows[2] = [line]
    elif line:
        rows.insert(3, [line])
    result = _consolidate(tmp_path, write_table(tmp_path / "qd_125.xlsx", rows))
    assert [a["Lĩnh vực, phong trào"] for a in _master(result["out"], S.AWARDS.name)] == [field, field]
    assert [f["code"] for f in result["findings"] if f["severity"] == "error"] == []
    unsaid = [f["message"] for f in result["findings"] if f["code"] == "ANNEX_FIELD_UNSAID"]
    assert len(unsaid) == (0 if field else 1) and all("2 dòng" in m for m in unsaid)


def test_two_decisions_of_a_unit_in_spreadsheets_are_both_kept_and_one_sent_twice_once(tmp_path):
    """Each spreadsheet annex stands for its own decision: a unit's second decision adds to its first,
    never replaces it; the same decision sent again replaces the copy sent before."""
    first = _decision_annex("125/QĐ-UBND", "20/12/2025", [("Thôn Yên Lạc", "xã Cẩm Bình"), ("Ông An", "Trưởng thôn")])
    second = _decision_annex("131/QĐ-UBND", "26/12/2025", [("Thôn Đông", "xã Cẩm Bình"), ("Bà Lan", "Kế toán")])
    again = first + [[2, "Bà Hoa", "Văn thư"]]  # sent again with a name it lacked
    files = [write_table(tmp_path / "qd_125.xlsx", first), write_table(tmp_path / "qd_131.xlsx", second)]
    files.append(write_table(tmp_path / "qd_125_gui_lai.xlsx", again))
    os.utime(files[-1], (files[0].stat().st_mtime + 60,) * 2)  # the later one
    (tmp_path / "out").mkdir()
    result = _consolidate(tmp_path / "out", *files)
    awards = _master(result["out"], S.AWARDS.name)
    assert sorted((a["Số quyết định"], a["Nguồn: tệp"].rsplit("/", 1)[-1]) for a in awards) == \
        [("125/QĐ-UBND", "qd_125_gui_lai.xlsx")] * 3 + [("131/QĐ-UBND", "qd_131.xlsx")] * 2


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_status_marked_with_an_x_under_one_column_per_status(tmp_path, fmt):
    """'Đã hoàn thành | Đang thực hiện | Chưa thực hiện' with an 'x' under one:
    the status the sender marked (one warning for the table); two marks are
    not read as either."""
    works, findings = _works(tmp_path, [
        ["SỞ XÂY DỰNG"], ["Hà Tĩnh, ngày 18 tháng 11 năm 2021"], [],
        ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Đã hoàn thành", "Đang thực hiện",
         "Chưa thực hiện"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "A", "01/3/2021", "30/9/2021", "x", None, None],
        [2, "B", "01/3/2021", "30/12/2021", None, "X", None],
        [3, "C", "01/12/2021", "30/12/2021", None, None, "x"],
        [4, "D", "01/3/2021", "30/12/2021", "x", "x", None]], name=f"so_xay_dung.{fmt}")
    assert [(w["Tên công trình, phần việc"], w["Tình trạng (đơn vị ghi)"]) for w in works] == [
        ("A", S.STATUS_DONE), ("B", S.STATUS_ONGOING), ("C", S.STATUS_NOT_STARTED),
        ("D", "Hoàn thành; Đang thực hiện")]
    assert sorted((f["cell"], f["code"], f["severity"]) for f in findings) == [
        ("E4", "STATUS_FROM_MARKS", "warning"), ("E9", "CHOICE_UNKNOWN", "warning")]
    [told] = [f for f in findings if f["code"] == "STATUS_FROM_MARKS"]
    assert "'Đã hoàn thành', 'Đang thực hiện', 'Chưa thực hiện'" in told["message"]
    summary = _summary(tmp_path / "TongHop.xlsx")
    assert [summary[s][0] for s in (S.STATUS_DONE, S.STATUS_ONGOING, S.STATUS_NOT_STARTED)] == [1, 2, 1]


@pytest.mark.parametrize("shape", ["csv-utf8.xls", "csv-bom.xlsx", "tsv-utf16.xls", "csv-1258.xls"])
def test_a_csv_with_title_lines_typed_above_the_table(tmp_path, shape):
    """'SỞ Y TẾ HÀ TĨNH' and the table's title on lines of their own (no
    separator: written by hand or by a tool that does not pad them) above a
    counts-per-form table: read as CSV, the unit from the title, the counts."""
    from .shapes import write_shape
    rows = [["SỞ Y TẾ HÀ TĨNH"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Lĩnh vực"],
            [1, "Giấy khen", 2, 5, "Phòng chống dịch, y tế"], [None, "Tổng cộng", 2, 5, None]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, stem="so_y_te"))
    assert [(f["status"], f["unit"]) for f in result["files"]] == [("ok", "Sở Y tế Hà Tĩnh")]
    assert _awards(result["out"]) == [(GK, S.COLLECTIVE, 2, 5), (GK, S.INDIVIDUAL, 5, 5)]
    assert result["findings"] == []


@pytest.mark.parametrize("header", ["Nội dung công việc", "Tên công việc", "Nội dung nhiệm vụ"])
def test_the_works_named_as_tasks(tmp_path, header):
    works, findings = _works(tmp_path, [["TT", header, "Thời gian thực hiện", "Kết quả thực hiện"],
                                        [1, "Rà soát thủ tục hành chính", "Quý I - Quý III/2025", "Đạt 75%"]])
    assert [(w["Tên công trình, phần việc"], w["Ngày khởi công"], w["Ngày hoàn thành"], w["Tiến độ hoàn thành (%)"])
            for w in works] == [("Rà soát thủ tục hành chính", "Quý I/2025", "Quý III/2025", "Đạt 75%")]
    assert sorted(f["code"] for f in findings) == ["DATE_INTERPRETED", "PROGRESS_AMBIGUOUS"]


def test_an_awards_list_without_kinds_takes_them_from_the_names(tmp_path):
    """No 'Đối tượng' column and no sections: 'Ông …', 'Bà …', 'Đồng chí …' are
    people, 'Phòng …', 'Trường …', 'Thôn …', 'Tổ …' are collectives (one warning
    per kind, naming the rows); then a form given to one kind only ('Chiến sĩ
    thi đua cơ sở') or a person's name ('Lê Văn C', not 'Tô Văn D' a team)
    gives it, said apart; a name that says neither is still missing its kind."""
    rows = [["TT", "Tên tập thể, cá nhân", "Hình thức khen thưởng", "Thành tích"],
            [1, "Phòng Tổ chức cán bộ", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Ông Nguyễn Văn A", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [3, "Bà Trần Thị B", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [4, "Trường THCS Thị trấn", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [5, "Lê Văn C", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [6, "Thôn Yên Lạc", "Giấy khen", "Phong trào xây dựng nông thôn mới"],
            [7, "Tổ dân phố 5", "Giấy khen", "Phong trào xây dựng nông thôn mới"],
            [8, "Tô Văn D", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
            [9, "Mô hình Dân vận khéo", "Giấy khen", "Phong trào Dân vận khéo"],
            [10, "Hồng Nhung", "Chiến sĩ thi đua cơ sở", "Hoàn thành xuất sắc nhiệm vụ"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_noi_vu.xlsx", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [a["Đối tượng"] for a in awards] == [S.COLLECTIVE, S.INDIVIDUAL, S.INDIVIDUAL, S.COLLECTIVE, S.INDIVIDUAL,
                                              S.COLLECTIVE, S.COLLECTIVE, S.INDIVIDUAL, None, S.INDIVIDUAL]
    told = sorted((f["code"], f["cell"], f["message"]) for f in result["findings"] if f["severity"] == "warning")
    assert [(code, cell) for code, cell, _ in told] == [("KIND_FROM_NAME", "B11"), ("KIND_FROM_NAME", "B2"),
                                                        ("KIND_FROM_NAME", "B3"), ("KIND_FROM_NAME", "B6")]
    assert any("2 dòng được hiểu là cá nhân (tên có Ông" in m and "dòng 3, 4" in m for _, _, m in told)
    assert any("4 dòng được hiểu là tập thể" in m and "dòng 2, 5, 7, 8" in m for _, _, m in told)
    assert any("2 dòng được hiểu là cá nhân (tên người" in m and "dòng 6, 9" in m for _, _, m in told)
    assert any("'Chiến sĩ thi đua cơ sở' chỉ tặng cho cá nhân" in m and "dòng 11" in m for _, _, m in told)
    [missing] = [f for f in result["findings"] if f["severity"] == "error"]
    assert missing["code"] == "COLUMN_MISSING" and "1 dòng từ dòng 10" in missing["message"]
    assert _summary(result["out"])["Cộng khen thưởng"][:2] == (4, 5)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_plain_list_of_awards_names_people_without_their_honorifics(tmp_path, fmt):
    """A unit's own list of its awards, no sections, no decision annexed: 'Ông Nguyễn Văn A', 'Bà …', 'Đồng chí
    …', 'Đ/c …' are the people without the word (as a decision's annex and a list by sections give them), Ông/Bà
    their gender; a name that only begins with those letters keeps them: 'Ông Thị Hoa' (a woman whose family
    name is Ông), the school 'Bà Huyện Thanh Quan' its table calls a collective."""
    rows = [["SỞ TƯ PHÁP"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số quyết định", "Thành tích"],
            [1, "Ông Nguyễn Văn A", "Trưởng phòng", "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Bà Trần Thị B", "Chuyên viên", "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"],
            [3, "Đồng chí Lê Văn C", "Phó phòng", "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"],
            [4, "Đ/c Phạm Văn D", "Phó phòng", "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"],
            [5, "Ông Thị Hoa", "Kế toán", "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"],
            [6, "Phòng Hành chính tư pháp", None, "Giấy khen", "45/QĐ-STP", "Hoàn thành xuất sắc nhiệm vụ"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_tu_phap.{fmt}", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Đối tượng"], a["Giới tính"]) for a in awards] == [
        ("Nguyễn Văn A", S.INDIVIDUAL, "Nam"), ("Trần Thị B", S.INDIVIDUAL, "Nữ"), ("Lê Văn C", S.INDIVIDUAL, None),
        ("Phạm Văn D", S.INDIVIDUAL, None), ("Ông Thị Hoa", S.INDIVIDUAL, None),
        ("Phòng Hành chính tư pháp", S.COLLECTIVE, None)]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    kinds = [["TT", "Tên tập thể, cá nhân", "Đối tượng", "Hình thức khen thưởng", "Thành tích"],
             [1, "Ông Nguyễn Văn A", "Cá nhân", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"],
             [2, "Bà Huyện Thanh Quan", "Tập thể", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]]
    (tmp_path / "kinds").mkdir()
    result = _consolidate(tmp_path / "kinds", write_table(tmp_path / "kinds" / f"truong.{fmt}", kinds))
    assert [(a["Tên tập thể, cá nhân"], a["Giới tính"]) for a in _master(result["out"], S.AWARDS.name)] == [
        ("Nguyễn Văn A", "Nam"), ("Bà Huyện Thanh Quan", None)]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_list_of_awards_without_an_achievement_column_is_read_with_a_warning(tmp_path, fmt):
    """'TT | Họ và tên | Chức vụ, đơn vị | Hình thức khen thưởng | Số quyết định': who was granted what, by which
    decision, and no 'Thành tích' / 'Lĩnh vực' column (the decision often names none). The rows are whole: one
    warning naming the file, the sheet and the column (COLUMN_UNSAID), not an error on every such file; no
    REQUIRED_EMPTY a row."""
    rows = [["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], ["DANH SÁCH KHEN THƯỞNG NĂM HỌC 2024-2025"], [],
            ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số quyết định"],
            [1, "Nguyễn Thị Hoa", "Giáo viên Trường TH Kim Đồng", "Giấy khen", "45/QĐ-PGD"],
            [2, "Trường Mầm non Hoa Sen", None, "Giấy khen", "45/QĐ-PGD"],
            [3, "Lê Văn Nam", "Hiệu trưởng", "Chiến sĩ thi đua cơ sở", "46/QĐ-PGD"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"phong_gd.{fmt}", rows))
    assert [f["status"] for f in result["files"]] == ["ok"]
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Lĩnh vực, phong trào"]) for a in awards] == [
        ("Nguyễn Thị Hoa", None), ("Trường Mầm non Hoa Sen", None), ("Lê Văn Nam", None)]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    [unsaid] = [f for f in result["findings"] if f["code"] == "COLUMN_UNSAID"]
    assert (Path(unsaid["file"]).name, unsaid["sheet"], unsaid["column"], unsaid["severity"]) == (
        f"phong_gd.{fmt}", "Phụ lục", "Lĩnh vực, phong trào", "warning")
    assert "3 dòng (dòng 5, 6, 7)" in unsaid["message"]
    assert _summary(result["out"])["Cộng khen thưởng"][:2] == (1, 2)


def test_the_departments_and_places_a_list_of_awards_names_are_collectives(tmp_path):
    """A hospital's or a district's list without 'Đối tượng': 'Khoa Nội', 'Trạm Y tế xã …', 'Xã …', 'Nhân dân và
    cán bộ …', 'Công đoàn cơ sở …', 'Đồn Biên phòng …' are collectives by their names (said, KIND_FROM_NAME), not
    rows left without a kind (COLUMN_MISSING); 'Khổng Văn Khoa' is still a person."""
    names = ["Khoa Nội", "Trạm Y tế xã Cẩm Bình", "Xã Cẩm Bình", "Nhân dân và cán bộ xã Cẩm Hưng",
             "Công đoàn cơ sở Bệnh viện", "Đồn Biên phòng Cửa khẩu Cầu Treo", "Tòa án nhân dân huyện Can Lộc"]
    rows = [["SỞ Y TẾ"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Tên tập thể, cá nhân", "Hình thức khen thưởng", "Thành tích"]] + [
        [n + 1, name, "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"] for n, name in enumerate(names + ["Khổng Văn Khoa"])]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_y_te.xlsx", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [a["Đối tượng"] for a in awards] == [S.COLLECTIVE] * len(names) + [S.INDIVIDUAL]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert sorted(f["code"] for f in result["findings"]) == ["KIND_FROM_NAME"] * 2


@pytest.mark.parametrize("total, said", [("Tổng cộng: 15 cá nhân, 3 tập thể", True),
                                         ("Tổng cộng: 01 tập thể, 02 cá nhân", False), ("Cộng: 3", False),
                                         ("Tổng số: 5", True)])
def test_a_total_row_under_a_list_of_awards_that_counts_otherwise_is_said(tmp_path, total, said):
    """'Tổng cộng: 15 cá nhân, 3 tập thể' under three names, then the signature block: the rows read are taken,
    and an error at the total's cell says the list and its total disagree (a page or rows lost, or the total
    mistyped); a total that counts the list, by kind or in all, says nothing."""
    rows = [["SỞ Y TẾ"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số, ngày quyết định", "Thành tích"],
            [1, "Nguyễn Văn An", "Bác sĩ", "Giấy khen", "45/QĐ-SYT", "Hoàn thành xuất sắc nhiệm vụ"],
            [2, "Khoa Nội", None, "Giấy khen", "45/QĐ-SYT", "Hoàn thành xuất sắc nhiệm vụ"],
            [3, "Trần Thị Bình", "Điều dưỡng", "Giấy khen", "45/QĐ-SYT", "Hoàn thành xuất sắc nhiệm vụ"],
            [None, total, None, None, None, None], [],
            [None, None, None, None, "Hà Tĩnh, ngày 20 tháng 12 năm 2025"],
            [None, "NGƯỜI LẬP BIỂU", None, None, "GIÁM ĐỐC"], [None, None, None, None, "(Đã ký)"],
            [None, "Lê Thị Hoa", None, None, "Nguyễn Văn Xuân"]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_y_te.xlsx", rows))
    assert [a["Tên tập thể, cá nhân"] for a in _master(result["out"], S.AWARDS.name)] == [
        "Nguyễn Văn An", "Khoa Nội", "Trần Thị Bình"]
    errors = [(f["code"], f["cell"], f["message"]) for f in result["findings"] if f["severity"] == "error"]
    assert [(code, cell) for code, cell, _ in errors] == ([("TOTAL_DIFFERS", "B8")] if said else [])
    if said:
        assert f"Dòng tổng '{total}' (dòng 8)" in errors[0][2] and "thiếu dòng" in errors[0][2]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_list_of_awards_with_the_position_and_the_unit_in_two_columns(tmp_path, fmt):
    """'Họ và tên | Chức vụ | Đơn vị công tác': one 'Chức vụ, đơn vị' in the master ('Trưởng khoa, Bệnh viện
    tỉnh'), not the unit set aside in 'Thông tin thêm'; a collective's empty position leaves its unit alone."""
    rows = [["SỞ Y TẾ"], [],
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Hình thức khen thưởng", "Số QĐ", "Thành tích"],
            [1, "Nguyễn Văn An", "Trưởng khoa", "Bệnh viện tỉnh", "Giấy khen", "45/QĐ-SYT", "Hoàn thành xuất sắc"],
            [2, "Khoa Nội", None, "Bệnh viện tỉnh", "Giấy khen", "45/QĐ-SYT", "Hoàn thành xuất sắc"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_y_te.{fmt}", rows))
    assert [(a["Chức vụ, đơn vị"], a["Thông tin thêm"]) for a in _master(result["out"], S.AWARDS.name)] == [
        ("Trưởng khoa, Bệnh viện tỉnh", None), ("Bệnh viện tỉnh", None)]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_list_with_a_title_column_and_a_commendation_column_counts_both(tmp_path, fmt):
    """A school's year: 'Danh hiệu thi đua | Hình thức khen thưởng', a teacher with 'Lao động tiên tiến' and a
    'Giấy khen' is two awards (said once, FORMS_IN_TWO_COLUMNS); one with only a Giấy khen has it (not a row
    without its form, the Giấy khen left in 'Thông tin thêm'); the summary counts every one."""
    rows = [["TRƯỜNG THCS KIM ĐỒNG"], ["KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM HỌC 2024-2025"], [],
            ["TT", "Họ và tên", "Chức vụ", "Danh hiệu thi đua", "Hình thức khen thưởng", "Ghi chú"],
            [1, "Nguyễn Văn An", "Giáo viên", "Lao động tiên tiến", "Giấy khen", None],
            [2, "Trần Thị Bình", "Giáo viên", "Chiến sĩ thi đua cơ sở", None, None],
            [3, "Lê Văn Cường", "Giáo viên", None, "Giấy khen", None]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"truong.{fmt}", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Nguồn: dòng"], a["Thông tin thêm"])
            for a in awards] == [("Nguyễn Văn An", "Lao động tiên tiến", 5, None), ("Nguyễn Văn An", GK, 5, None),
                                 ("Trần Thị Bình", "Chiến sĩ thi đua cơ sở", 6, None), ("Lê Văn Cường", GK, 7, None)]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    [split] = [f for f in result["findings"] if f["code"] == "FORMS_IN_TWO_COLUMNS"]
    assert split["cell"] == "E5" and "1 dòng ghi cả hai được tính là hai khen thưởng (dòng 5)" in split["message"]
    summary = _summary(result["out"])
    assert summary[GK][:2] == (0, 2) and summary["Cộng khen thưởng"][:2] == (0, 4)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_list_of_awards_with_the_name_and_the_position_in_one_column(tmp_path, fmt):
    """'Họ và tên, chức vụ, đơn vị' over 'Ông Nguyễn Văn An, Trưởng khoa Nội, Bệnh viện tỉnh' (or the position on
    the cell's next line): the name and the position, split (NAME_WITH_POSITION), as a list of proposals is; was
    read as the unit's column, every row without a name."""
    rows = [["SỞ Y TẾ"], [], ["TT", "Họ và tên, chức vụ, đơn vị", "Hình thức khen thưởng", "Thành tích"],
            [1, "Ông Nguyễn Văn An, Trưởng khoa Nội, Bệnh viện tỉnh", "Giấy khen", "Hoàn thành xuất sắc"],
            [2, "Bà Trần Thị Bình\nĐiều dưỡng trưởng", "Giấy khen", "Hoàn thành xuất sắc"],
            [3, "Khoa Nội, Bệnh viện tỉnh", "Giấy khen", "Hoàn thành xuất sắc"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_y_te.{fmt}", rows))
    assert [(a["Tên tập thể, cá nhân"], a["Chức vụ, đơn vị"], a["Đối tượng"], a["Giới tính"])
            for a in _master(result["out"], S.AWARDS.name)] == [
        ("Nguyễn Văn An", "Trưởng khoa Nội, Bệnh viện tỉnh", S.INDIVIDUAL, "Nam"),
        ("Trần Thị Bình", "Điều dưỡng trưởng", S.INDIVIDUAL, "Nữ"), ("Khoa Nội", "Bệnh viện tỉnh", S.COLLECTIVE, None)]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    [split] = [f for f in result["findings"] if f["code"] == "NAME_WITH_POSITION"]
    assert split["cell"] == "B4" and "dòng 4, 5, 6" in split["message"]


def test_a_period_column_beside_a_finish_column_gives_the_start(tmp_path):
    """'Thời gian thực hiện | Thời gian hoàn thành': the first is when the work
    begins (the start of what it says), the second its own finish."""
    works, findings = _works(tmp_path, [
        ["TT", "Tên công trình", "Thời gian thực hiện", "Thời gian hoàn thành", "Tiến độ (%)"],
        [1, "A", "Tháng 3/2021", "30/9/2021", 80],
        [2, "B", "01/4/2021 - 30/6/2021", "30/6/2021", 50],
        [3, "C", "Sau Tết", "30/6/2021", 50]])
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == [
        ("Tháng 3/2021", D(2021, 9, 30)), (D(2021, 4, 1), D(2021, 6, 30)), ("Sau Tết", D(2021, 6, 30))]
    assert [(f["cell"], f["code"], f["column"]) for f in findings] == [
        ("C2", "DATE_INTERPRETED", "Ngày khởi công"), ("C3", "DATE_INTERPRETED", "Ngày khởi công"),
        ("C4", "DATE_UNREADABLE", "Ngày khởi công")]
    assert "đọc là Ngày khởi công Tháng 3/2021" in findings[0]["message"]


def test_a_count_whose_form_is_missing_is_kept_and_said(tmp_path):
    """A count under 'Cá nhân' on a row whose form was not typed: never dropped
    without a word; it reaches the master with its kind and count, and the
    missing form is an error at its own cell."""
    rows = [["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Lĩnh vực"],
            [1, "Giấy khen", 2, 5, "Phòng chống dịch"],
            [None, None, None, 3, None]]
    result = _consolidate(tmp_path, write_table(tmp_path / "so_y_te.xlsx", rows))
    assert _awards(result["out"]) == [(GK, S.COLLECTIVE, 2, 2), (GK, S.INDIVIDUAL, 5, 2), (None, S.INDIVIDUAL, 3, 3)]
    missing = [f for f in result["findings"] if f["severity"] == "error" and f["row"] == 3]
    assert ("REQUIRED_EMPTY", "B3") in [(f["code"], f["cell"]) for f in missing], result["findings"]


def test_a_row_with_an_unhashable_value_is_still_read():
    """The quick look at a table's values hashes them: a value that cannot
    be (a list, from a reader that gives one) sends the rows through the
    checks one by one, with the same records."""
    from xlsrc.tables import locate
    grid = [["TT", "Tên công trình, phần việc", "Ngày khởi công", "Tiến độ hoàn thành (%)"],
            [1, "Xây cầu Đông", "01/02/2021", 50], [2, "Sửa đường", "01/03/2021", ["70%"]],
            [None, "Tổng cộng", None, None]]
    loc = locate(S.WORKS, grid, "Công trình")
    assert loc.rows == [1, 2]


_LISTS_HEADER = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"]


def _two_lists(first: str, second: str, own_header: bool = False) -> list[list]:
    """A commune's works as two sections of one table: the first section's
    title typed over the header, the second's in the table; or (``own_header``)
    two tables, each under its title and a header of its own."""
    return [["UBND XÃ CẨM BÌNH"], ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"], [],
            [first], _LISTS_HEADER,
            [1, "Đường thôn 1", "01/3/2025", "30/9/2025", 80],
            [2, "Nhà văn hóa thôn 2", "01/4/2025", "30/10/2025", 100], [],
            [second], *([["STT", "Tên phần việc", "Thời gian bắt đầu", "Thời gian kết thúc", "Kết quả (%)"]]
                        if own_header else []),
            [1, "Dọn vệ sinh kênh mương", "01/3/2025", "30/9/2025", 100],
            [2, "Trồng cây xanh", "01/4/2025", "30/10/2025", 50]]


@pytest.mark.parametrize("first, second", [("1. CÁC CÔNG TRÌNH", "2. CÁC PHẦN VIỆC"),
                                           ("I. Công trình", "II. Phần việc"),
                                           ("A. CÔNG TRÌNH", "B. PHẦN VIỆC"),
                                           ("1.1. Công trình", "1.2. Phần việc")])
def test_the_first_sections_title_typed_over_the_header_heads_its_rows(tmp_path, first, second):
    """'1. CÁC CÔNG TRÌNH' over the header, '2. CÁC PHẦN VIỆC' in the table:
    the rows above the second heading are the first section's (its kind,
    said as for the second), not works of no kind."""
    works, findings = _works(tmp_path, _two_lists(first, second))
    assert [(w["Loại"], w["Nhóm"]) for w in works] == [("Công trình", first)] * 2 + [("Phần việc", second)] * 2
    assert sorted((f["code"], f["cell"]) for f in findings) == [("KIND_FROM_GROUP", "B10"), ("KIND_FROM_GROUP", "B6")]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_two_tables_each_under_its_sections_title_take_their_sections(tmp_path, fmt):
    """'1. CÁC CÔNG TRÌNH' over one table, '2. CÁC PHẦN VIỆC' over the next
    (a header of its own): each title heads its table's rows."""
    works, findings = _works(tmp_path, _two_lists("1. CÁC CÔNG TRÌNH", "2. CÁC PHẦN VIỆC", own_header=True),
                             name=f"xa_cam_binh.{fmt}")
    assert [(w["Tên công trình, phần việc"], w["Loại"], w["Nhóm"]) for w in works] == [
        ("Đường thôn 1", "Công trình", "1. CÁC CÔNG TRÌNH"), ("Nhà văn hóa thôn 2", "Công trình", "1. CÁC CÔNG TRÌNH"),
        ("Dọn vệ sinh kênh mương", "Phần việc", "2. CÁC PHẦN VIỆC"), ("Trồng cây xanh", "Phần việc", "2. CÁC PHẦN VIỆC")]
    assert sorted(f["code"] for f in findings) == ["KIND_FROM_GROUP"] * 2


def test_a_sections_subsections_in_its_table_are_nested_in_it(tmp_path):
    """'a) Giao thông' in the table under '1. CÁC CÔNG TRÌNH' (its title over
    the header, '2. CÁC PHẦN VIỆC' over the next table): '1. … / a) …'."""
    rows = _two_lists("1. CÁC CÔNG TRÌNH", "2. CÁC PHẦN VIỆC", own_header=True)
    rows[5:5] = [["a) Giao thông"]]
    rows[7:7] = [["b) Văn hóa"]]
    works, _ = _works(tmp_path, rows)
    assert [(w["Loại"], w["Nhóm"]) for w in works[:2]] == [("Công trình", "1. CÁC CÔNG TRÌNH / a) Giao thông"),
                                                          ("Công trình", "1. CÁC CÔNG TRÌNH / b) Văn hóa")]


@pytest.mark.parametrize("first, second", [("I. KẾT QUẢ THỰC HIỆN", "1. CÁC PHẦN VIỆC"),
                                           ("1. CÁC CÔNG TRÌNH", "3. CÁC PHẦN VIỆC"),
                                           ("Các công trình", "2. CÁC PHẦN VIỆC")])
def test_a_line_over_the_header_that_does_not_lead_to_the_tables_first_heading_heads_nothing(
        tmp_path, first, second):
    """A report's own heading over the table, or a label the next heading does
    not follow: the rows above the table's first heading keep no group."""
    works, _ = _works(tmp_path, _two_lists(first, second))
    assert [w["Nhóm"] for w in works] == [None, None, second, second]
    (tmp_path / "own").mkdir()
    works, _ = _works(tmp_path / "own", _two_lists(first, second, own_header=True))
    assert [w["Nhóm"] for w in works] == [None] * 4  # each table under its own header: no section either


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_departments_awards_list_with_people_forms_and_decisions_cited_in_one_column(tmp_path, fmt):
    """A Sở's list of its year's awards as typed by hand: no 'Đối tượng' column, people by their bare names,
    'Số QĐ, ngày tháng năm' cited in every way a unit types it: every row its kind and its decision's
    number and date (warnings, no error)."""
    rows = [["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức khen thưởng", "Số QĐ, ngày tháng năm",
             "Cấp khen", "Thành tích"],
            [1, "Nguyễn Thị Hoa", "Chuyên viên", "Chiến sĩ thi đua cơ sở", "QĐ số 123/QĐ-SNNMT ngày 15/12/2025",
             "Giám đốc Sở", "Hoàn thành xuất sắc nhiệm vụ năm 2025"],
            [2, "Phòng Kế hoạch - Tài chính", None, "Tập thể lao động xuất sắc", "123/QĐ-SNNMT, 15/12/2025",
             "Giám đốc Sở", "Hoàn thành xuất sắc nhiệm vụ năm 2025"],
            [3, "Trần Văn Nam", "Phó Chi cục trưởng", "Bằng khen của Chủ tịch UBND tỉnh",
             "Số 2345/QĐ-UBND ngày 20 tháng 12 năm 2025", "Chủ tịch UBND tỉnh", "Phong trào thi đua năm 2025"],
            [4, "Lê Thị Mai", "Kế toán", "Giấy khen", "45/QĐ-SNNMT (10/11/2025)", "Giám đốc Sở", "Đột xuất"],
            [None, "Tổng cộng: 04"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_nnmt.{fmt}", rows))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Đối tượng"], a["Số quyết định"], a["Ngày quyết định"]) for a in awards] == [
        (S.INDIVIDUAL, "123/QĐ-SNNMT", D(2025, 12, 15)), (S.COLLECTIVE, "123/QĐ-SNNMT", D(2025, 12, 15)),
        (S.INDIVIDUAL, "2345/QĐ-UBND", D(2025, 12, 20)), (S.INDIVIDUAL, "45/QĐ-SNNMT", D(2025, 11, 10))]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert sorted(f["code"] for f in result["findings"]) == ["DOC_NUMBER_WITH_DATE"] * 4 + ["KIND_FROM_NAME"] * 2


def test_a_file_that_only_counts_works_by_unit_is_told_to_send_the_list(tmp_path):
    """'Đơn vị | Số công trình đăng ký | Đã hoàn thành …' counts the works, lists none: the file's message
    says so (naming the sheet, the row and the heads) and asks for the list, not 'no table of works'."""
    rows = [["UBND XÃ THẠCH HÀ"], ["TỔNG HỢP CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"], [],
            ["TT", "Đơn vị", "Số công trình đăng ký", "Đã hoàn thành", "Đang thực hiện", "Tỷ lệ (%)"],
            [1, "Đoàn Thanh niên", 5, 3, 2, 60], [2, "Hội Phụ nữ", 4, 4, 0, 100], [None, "Tổng", 9, 7, 2, 77.8]]
    src = write_table(tmp_path / "xa_thach_ha.xlsx", rows)
    assert _run(["consolidate", src, "-o", tmp_path / "TongHop.xlsx", "--json"]) == 2
    [told] = json.loads(_run.stdout)["files"]
    assert told["status"] == "error" and told["message"].startswith(
        "Tệp 'xa_thach_ha.xlsx' chỉ có bảng số lượng theo đơn vị (trang 'Phụ lục', dòng 4: 'TT', 'Đơn vị', "
        "'Số công trình đăng ký',")
    assert "Hãy đề nghị đơn vị gửi danh sách." in told["message"]


@pytest.mark.parametrize("merged", [False, True])
def test_a_file_that_only_counts_awards_by_form_and_unit_is_told_to_send_the_list(tmp_path, merged):
    """'Đơn vị | Bằng khen UBND tỉnh | Giấy khen | Tập thể LĐXS' (or the forms under a merged 'Hình thức khen
    thưởng'), a count in each cell: the file's message says it is a table of counts, not a list of names, and
    what to send (it said 'no table of works')."""
    forms = ["Bằng khen UBND tỉnh", "Giấy khen", "Tập thể LĐXS"]
    heads = [["TT", "Đơn vị", "Hình thức khen thưởng", None, None], [None, None, *forms]] if merged else \
        [["TT", "Đơn vị", *forms]]
    rows = [["TỔNG HỢP KHEN THƯỞNG NĂM 2025"], *heads, [1, "UBND xã Thạch Lạc", 2, 5, 1],
            [2, "UBND xã Đồng Lộc", 1, 4, None], [None, "Tổng cộng", 3, 9, 1]]
    src = write_table(tmp_path / "tong_hop_kt.xlsx", rows, merges=[(1, 2, 1, 4)] if merged else ())
    assert _run(["consolidate", src, "-o", tmp_path / "TongHop.xlsx", "--json"]) == 2
    [told] = json.loads(_run.stdout)["files"]
    shown = "'TT', 'Đơn vị', 'Hình thức khen thưởng'" if merged else \
        "'TT', 'Đơn vị', 'Bằng khen UBND tỉnh', 'Giấy khen', 'Tập thể LĐXS'"
    assert told["status"] == "error" and told["message"] == (
        f"Tệp 'tong_hop_kt.xlsx' chỉ có bảng số lượng khen thưởng theo đơn vị (trang 'Phụ lục', dòng 2: {shown}): "
        "mỗi ô là một số lượng, không phải danh sách tập thể, cá nhân được khen, nên không tổng hợp được. Hãy đề nghị "
        "đơn vị gửi danh sách khen thưởng (mỗi tập thể, cá nhân một dòng: tên, hình thức, số và ngày quyết định) hoặc "
        "quyết định khen thưởng kèm danh sách; nếu chỉ báo số lượng thì mỗi đơn vị một tệp, bảng 'Hình thức khen "
        "thưởng | Tập thể | Cá nhân'.")


@pytest.mark.parametrize("heads, progress, extra, warned", [
    (["Kết quả"], "Đạt 70%", None, ["E4"]),                       # the words, read as 70% with a warning
    (["Kết quả đạt được"], "Đạt 70%", None, ["E4"]),
    (["Kết quả", "Tiến độ (%)"], 0.7, "Kết quả: Đạt 70%", []),      # beside the progress: a remark
    (["Tiến độ (%)", "Kết quả"], 0.7, "Kết quả: Đạt 70%", [])])
def test_a_result_column_is_the_progress_unless_a_progress_column_is_beside_it(tmp_path, heads, progress, extra,
                                                                               warned):
    """'Kết quả' ('Hoàn thành', 'Đạt 70%', '100%') is the works' progress when no header names it better;
    beside 'Tiến độ (%)' it is a remark (kept in Thông tin thêm), whichever comes first."""
    cells = {"Kết quả": "Đạt 70%", "Kết quả đạt được": "Đạt 70%", "Tiến độ (%)": 70}
    rows = [["HỘI NÔNG DÂN XÃ CẨM BÌNH"], [], ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành",
                                             *heads],
            [1, "Sửa đường nội đồng", "01/3/2025", "30/9/2025", *[cells[h] for h in heads]]]
    works, findings = _works(tmp_path, rows)
    assert [(w["Tiến độ hoàn thành (%)"], w["Thông tin thêm"]) for w in works] == [(progress, extra)]
    assert [f["cell"] for f in findings] == warned


def test_a_period_column_with_parts_of_the_reports_year(tmp_path):
    """'Quý IV', '6 tháng cuối năm' in one 'Thời gian thực hiện' column, the year in the title: each read as
    its interval of the report's year (not an error); what the cell's two dates say alike is said once."""
    works, findings = _works(tmp_path, [
        ["HỘI NÔNG DÂN XÃ CẨM BÌNH"], ["CÔNG TRÌNH, PHẦN VIỆC THI ĐUA NĂM 2025"], [],
        ["STT", "Tên công trình, phần việc", "Thời gian thực hiện", "Tiến độ (%)"],
        [1, "Trồng 500 cây xanh", "Quý IV", 50], [2, "Hỗ trợ hội viên nghèo", "6 tháng cuối năm", 80]])
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in works] == [  # the year written in for the master
        ("Quý IV/2025", "Quý IV/2025"), ("6 tháng cuối năm 2025", "6 tháng cuối năm 2025")]
    said = sorted((f["cell"], f["message"]) for f in findings)
    assert [cell for cell, _ in said] == ["C5", "C6", "C6"] and all(f["severity"] == "warning" for f in findings)
    assert "đọc là thực hiện trong Quý IV/2025 (năm báo cáo): Ngày khởi công từ 01/10/2025" in said[0][1]
    assert {said[1][1], said[2][1]} == {
        "Ô ghi '6 tháng cuối năm': đọc là sáu tháng cuối năm (01/7/2025–31/12/2025). Hãy kiểm tra và ghi rõ ngày.",
        "Ô ghi '6 tháng cuối năm' (một cột thời gian): đọc là thực hiện trong Năm 2025 (năm báo cáo): Ngày khởi công "
        "từ 01/7/2025, Ngày hoàn thành đến 31/12/2025 (nếu đó chỉ là hạn hoàn thành, hãy ghi cả ngày bắt đầu). Hãy "
        "kiểm tra."}


def _sheets(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook of several sheets (.xlsx by openpyxl, .xls by xlwt), each of its rows."""
    if path.suffix == ".xls":
        import xlwt
        wb = xlwt.Workbook(encoding="utf-8")
        for name, rows in sheets.items():
            ws = wb.add_sheet(name)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    ws.write(r, c, v)
        wb.save(str(path))
        return path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt, titled", [("xlsx", True), ("xls", True), ("xlsx", False)])
def test_sheets_named_for_each_kind_are_all_read_and_give_their_kinds(tmp_path, fmt, titled):
    """A commune's file with a sheet 'Công trình' and a sheet 'Phần việc' and no Thông tin sheet (every
    template has one): not the template's 'Công trình' sheet (which left 'Phần việc' unread and named the
    unit by the file); both read, the unit from the title over them, each row the kind its sheet names
    (said per sheet)."""
    header = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"]
    sheets = {"Công trình": [[1, "Đường thôn 1", "01/3/2025", "30/9/2025", 80]],
              "Phần việc": [[1, "Trồng cây", "01/3/2025", "30/4/2025", 100],
                            [2, "Dọn vệ sinh", "01/5/2025", "30/5/2025", 100]]}
    above = [["UBND XÃ KỲ HOA"], []] if titled else []
    src = _sheets(tmp_path / f"xa_ky_hoa.{fmt}", {name: above + [header] + rows for name, rows in sheets.items()})
    result = _consolidate(tmp_path, src)
    assert [f["status"] for f in result["files"]] == ["ok"]
    assert result["files"][0]["unit"] == "UBND xã Kỳ Hoa" or not titled
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Loại"]) for w in works] == [
        ("Đường thôn 1", "Công trình"), ("Trồng cây", "Phần việc"), ("Dọn vệ sinh", "Phần việc")]
    first = "B4" if titled else "B2"
    assert sorted((f["code"], f["sheet"], f["cell"]) for f in result["findings"]) == [
        ("KIND_FROM_SHEET", "Công trình", first), ("KIND_FROM_SHEET", "Phần việc", first)]


def _template_without_info(path: Path) -> Path:
    """A workbook made from the template, its Thông tin sheet deleted by the unit."""
    from xlsrc.builder import Content, write_workbook

    from .fixtures_consolidate import info, work
    plans = [{"order": 1, "doc_type": "Kế hoạch", "number": "12/KH-SNgV", "date": D(2025, 2, 10),
              "issuer": "Sở Ngoại vụ", "summary": "Phát động thi đua năm 2025", "role": "Kế hoạch của đơn vị"}]
    narrative = [{"section": "1. Lãnh đạo, chỉ đạo", "order": 1, "text": "Sở đã phát động phong trào thi đua."}]
    awards = [{"order": 1, "form": "Giấy khen", "recipient_kind": "Cá nhân", "recipient": "Lê Văn Hùng",
               "field": "Hoàn thành xuất sắc nhiệm vụ"}]
    write_workbook(path, Content(info=info(), rows={"plans": plans, "works": [work(1, "Đường thôn 1")],
                                                    "awards": awards, "narrative": narrative}))
    wb = openpyxl.load_workbook(path)
    del wb[S.INFO.name]
    wb.save(path)
    return path


def test_a_template_whose_info_sheet_was_deleted_still_gives_its_plans_and_narrative(tmp_path):
    """The unit deleted the Thông tin sheet of its workbook: its 'Kế hoạch', 'Công trình', 'Khen thưởng' and
    'Nội dung' sheets are still read as the template's (not the guide's table read as works, the plans and the
    narrative silently left out), with one warning that the unit and the year are not known from the file."""
    result = _consolidate(tmp_path, _template_without_info(tmp_path / "so_ngoai_vu.xlsx"))
    assert [f["status"] for f in result["files"]] == ["ok"]
    assert [w["Tên công trình, phần việc"] for w in _master(result["out"], S.WORKS.name)] == ["Đường thôn 1"]
    assert [a["Tên tập thể, cá nhân"] for a in _master(result["out"], S.AWARDS.name)] == ["Lê Văn Hùng"]
    assert [p["Số, ký hiệu"] for p in _master(result["out"], S.PLANS.name)] == ["12/KH-SNgV"]
    assert [n["Nội dung"] for n in _master(result["out"], S.NARRATIVE.name)] == ["Sở đã phát động phong trào thi đua."]
    [said] = [f for f in result["findings"] if f["code"] == "INFO_SHEET_MISSING"]
    assert said["severity"] == "warning" and Path(said["file"]).name == "so_ngoai_vu.xlsx"
    assert "không có trang 'Thông tin'" in said["message"] and \
        "trang 'Kế hoạch', 'Công trình', 'Khen thưởng', 'Nội dung' được đọc" in said["message"]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []


def test_a_units_file_with_plans_and_narrative_sheets_but_no_info_sheet(tmp_path):
    """A unit's own file: a 'Công trình' sheet under its title, a 'Kế hoạch' sheet typed with the template's
    header, a 'Nội dung' sheet of loose paragraphs. The works are read as a hand-made table, the plans as the
    template's (said), and the narrative, which no header lets read, is named in an error: never left out
    without a word."""
    src = _sheets(tmp_path / "xa_ky_hoa.xlsx", {
        "Công trình": [["UBND XÃ KỲ HOA"], ["CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"], [],
                       ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
                       [1, "Đường thôn 1", "01/3/2025", "30/9/2025", 80]],
        "Kế hoạch": [["TT", "Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu", "Nhóm"],
                     [1, "Kế hoạch", "12/KH-UBND", D(2025, 2, 10), "UBND xã Kỳ Hoa", "Phát động thi đua năm 2025",
                      "Kế hoạch của đơn vị"]],
        "Nội dung": [["BÁO CÁO TÓM TẮT"], ["Năm 2025 xã đã hoàn thành 5 công trình."]]})
    result = _consolidate(tmp_path, src)
    assert [(f["status"], f["unit"]) for f in result["files"]] == [("ok", "UBND xã Kỳ Hoa")]
    assert [w["Tên công trình, phần việc"] for w in _master(result["out"], S.WORKS.name)] == ["Đường thôn 1"]
    assert [p["Số, ký hiệu"] for p in _master(result["out"], S.PLANS.name)] == ["12/KH-UBND"]
    told = {f["code"]: f for f in result["findings"]}
    assert told["INFO_SHEET_MISSING"]["severity"] == "warning" and "trang 'Kế hoạch' được đọc" in \
        told["INFO_SHEET_MISSING"]["message"]
    assert (told["SHEET_NOT_READ"]["severity"], told["SHEET_NOT_READ"]["sheet"]) == ("error", "Nội dung")
    assert "không được tổng hợp" in told["SHEET_NOT_READ"]["message"]


def _by_sections(title: str, third: str = "III. GIẤY KHEN CỦA GIÁM ĐỐC SỞ") -> list[list]:
    """A Sở's list of its awards, the forms in section rows, no form column."""
    return [["SỞ TƯ PHÁP"], [title], [],
            ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Số, ngày quyết định"],
            ["I", "BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ", None, None],
            [1, "Ông Trần Văn Minh", "Giám đốc Sở", "1234/QĐ-TTg ngày 01/12/2025"],
            ["II", "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", None, None],
            [1, "Phòng Phổ biến giáo dục pháp luật", None, "2345/QĐ-UBND ngày 20/12/2025"],
            [2, "Ông Nguyễn Văn Nam", "Trưởng phòng", "2345/QĐ-UBND ngày 20/12/2025"],
            [third.split(". ")[0], third.split(". ", 1)[1], None, None],
            [1, "Bà Lê Thị Hà", "Chuyên viên", "45/QĐ-STP ngày 15/12/2025"]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_list_of_awards_with_its_forms_in_section_rows(tmp_path, fmt):
    """'I | BẰNG KHEN CỦA THỦ TƯỚNG …', 'II | BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH', 'III | GIẤY KHEN …' over
    names, no form column: each row the form of its section (one warning a section), its kind from its name;
    not the whole file refused as 'no table of works'."""
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_tu_phap.{fmt}",
                                                _by_sections("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025")))
    assert [(f["status"], f["unit"]) for f in result["files"]] == [("ok", "Sở Tư pháp")]
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Đối tượng"], a["Số quyết định"])
            for a in awards] == [
        ("Trần Văn Minh", "Bằng khen của Thủ tướng Chính phủ", S.INDIVIDUAL, "1234/QĐ-TTg"),
        ("Phòng Phổ biến giáo dục pháp luật", BK, S.COLLECTIVE, "2345/QĐ-UBND"),
        ("Nguyễn Văn Nam", BK, S.INDIVIDUAL, "2345/QĐ-UBND"), ("Lê Thị Hà", GK, S.INDIVIDUAL, "45/QĐ-STP")]
    said = sorted((f["cell"], f["message"]) for f in result["findings"] if f["code"] == "FORM_FROM_TITLE")
    assert [cell for cell, _ in said] == ["B11", "B6", "B8"]
    assert "2 dòng (dòng 8, 9) lấy hình thức 'Bằng khen cấp bộ, ban, ngành, tỉnh' từ dòng nhóm " \
        "'II. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH'" in said[2][1]


def test_a_list_by_sections_that_proposes_or_whose_section_names_no_form_is_no_list_of_awards(tmp_path):
    """'ĐỀ NGHỊ' in the title: the unit's proposals, never its awards; a section that names no form ('III.
    KHÁC'): the forms are not all said, the list is not read as awards."""
    proposed = _consolidate(tmp_path, write_table(tmp_path / "de_nghi.xlsx",
                                                  _by_sections("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025")))
    assert _master(proposed["out"], S.AWARDS.name) == []
    (tmp_path / "other").mkdir()
    src = write_table(tmp_path / "other" / "khac.xlsx",
                      _by_sections("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025", third="III. KHÁC"))
    assert _run(["consolidate", src, "-o", tmp_path / "other" / "TongHop.xlsx", "--json"]) == 2
    assert json.loads(_run.stdout)["files"][0]["status"] == "error"


# --------------------------------------------------------------------------
# A column given as marks (x) under a row of its values, in a two-row header
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_award_forms_and_kinds_marked_with_an_x_under_their_parent_headers(tmp_path, fmt):
    """'Đối tượng' merged over 'Tập thể | Cá nhân' and 'Hình thức khen thưởng'
    over 'Bằng khen UBND tỉnh | Giấy khen Giám đốc Sở', an 'x' under one of
    each: each row takes the kind and the form it marks (one warning each; the
    marks stay as typed in 'Thông tin thêm'); a row marking two forms is an error,
    never one of them; the title's form never replaces a mark."""
    rows = [["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], ["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025"], [],
            ["TT", "Tên tập thể, cá nhân", "Đối tượng", None, "Hình thức khen thưởng", None, "Số quyết định",
             "Thành tích"],
            [None, None, "Tập thể", "Cá nhân", "Bằng khen UBND tỉnh", "Giấy khen Giám đốc Sở", None, None],
            [1, "Phòng Kế hoạch - Tài chính", "x", None, "x", None, "15/QĐ-SNN ngày 05/01/2026", "Xuất sắc 2025"],
            [2, "Nguyễn Thị Hoa", None, "x", None, "x", "16/QĐ-SNN ngày 05/01/2026", "Xuất sắc 2025"],
            [3, "Trần Văn Nam", None, "X", "x", "x", "16/QĐ-SNN ngày 05/01/2026", "Xuất sắc 2025"]]
    merges = [(3, 2, 3, 3), (3, 4, 3, 5), (3, 0, 4, 0), (3, 1, 4, 1), (3, 6, 4, 6), (3, 7, 4, 7)]
    result = _consolidate(tmp_path, write_table(tmp_path / f"so_nn.{fmt}", rows, merges=merges))
    awards = _master(result["out"], S.AWARDS.name)
    assert [(a["Tên tập thể, cá nhân"], a["Đối tượng"], a["Hình thức, danh hiệu"]) for a in awards] == [
        ("Phòng Kế hoạch - Tài chính", S.COLLECTIVE, BK), ("Nguyễn Thị Hoa", S.INDIVIDUAL, GK),
        ("Trần Văn Nam", S.INDIVIDUAL, f"{BK}; {GK}")]
    assert awards[1]["Thông tin thêm"] == "Đối tượng - Cá nhân: x\nHình thức khen thưởng - Giấy khen Giám đốc Sở: x"
    told = [f for f in result["findings"] if f["code"] == "STATUS_FROM_MARKS"]
    assert sorted(f["cell"] for f in told) == ["C4", "E4"]
    assert any("hình thức đọc từ ô đánh dấu (x)" in f["message"] and "Giấy khen Giám đốc Sở" in f["message"]
               for f in told)
    errors = [(f["cell"], f["code"]) for f in result["findings"] if f["severity"] == "error"]
    assert errors == [("E8", "AWARD_FORM_UNKNOWN")]


def test_a_proposals_list_in_word_with_forms_marked_under_its_header(tmp_path):
    """A tờ trình whose table marks the form proposed ('Hình thức khen thưởng'
    over 'Bằng khen UBND tỉnh | Giấy khen Chủ tịch UBND xã'): the form marked,
    not the one the title names (the title's form would have been a guess)."""
    import docx
    d = docx.Document()
    for line in ("UBND XÃ CẨM XUYÊN", "Số: 45/TTr-UBND", "Cẩm Xuyên, ngày 12 tháng 11 năm 2025", "TỜ TRÌNH",
                 "Về việc đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho tập thể, cá nhân"):
        d.add_paragraph(line)
    cells = [["TT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", ""],
             ["", "", "", "Bằng khen UBND tỉnh", "Giấy khen Chủ tịch UBND xã"],
             ["1", "Lê Văn Cường", "Trưởng thôn Đông", "x", ""],
             ["2", "Phạm Thị Dung", "Chi hội trưởng Phụ nữ", "", "x"]]
    t = d.add_table(rows=4, cols=5)
    for i, row in enumerate(cells):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(0, 3).merge(t.cell(0, 4))
    for j in range(3):
        t.cell(0, j).merge(t.cell(1, j))
    d.save(tmp_path / "to_trinh.docx")
    (tmp_path / "out").mkdir()
    result = _consolidate(tmp_path / "out", tmp_path / "to_trinh.docx")
    got = _master(result["out"], S.UNIT_PROPOSALS.name)
    assert [(p["Tên tập thể, cá nhân"], p["Hình thức, danh hiệu đề nghị"]) for p in got] == [
        ("Lê Văn Cường", BK), ("Phạm Thị Dung", GK)]
    assert [f["code"] for f in result["findings"] if f["code"] in ("STATUS_FROM_MARKS", "FORM_FROM_TITLE")] == \
        ["STATUS_FROM_MARKS"]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []


def test_works_and_tasks_marked_under_a_kind_header(tmp_path):
    """'Loại' merged over 'Công trình | Phần việc', an 'x' under one: the kind marked."""
    rows = [["UBND XÃ CẨM BÌNH"], [],
            ["TT", "Tên công trình, phần việc", "Loại", None, "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
            [None, None, "Công trình", "Phần việc", None, None, None],
            [1, "Đường giao thông thôn 1", "x", None, "01/3/2025", "30/9/2025", 80],
            [2, "Ra quân làm sạch môi trường", None, "x", "01/3/2025", "30/3/2025", 100]]
    works, findings = _works(tmp_path, rows, merges=[(2, 2, 2, 3), (2, 0, 3, 0), (2, 1, 3, 1), (2, 4, 3, 4),
                                                    (2, 5, 3, 5), (2, 6, 3, 6)])
    assert [(w["Tên công trình, phần việc"], w["Loại"]) for w in works] == [
        ("Đường giao thông thôn 1", "Công trình"), ("Ra quân làm sạch môi trường", "Phần việc")]
    assert [f["code"] for f in findings] == ["STATUS_FROM_MARKS"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_list_of_awards_whose_form_is_only_in_its_title(tmp_path, fmt):
    """'DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025' over 'TT | Họ và tên | Chức vụ,
    đơn vị', no form column, no sections, no 'Kèm theo Quyết định' line: each row the title's form (FORM_FROM_TITLE),
    not the whole file refused as 'no table of works'. A title that registers ('ĐĂNG KÝ DANH HIỆU …') or proposes
    is no list of awards."""
    def book(title: str, name: str) -> Path:
        (tmp_path / name).mkdir()
        return write_table(tmp_path / name / f"so_tu_phap.{fmt}", [
            ["SỞ TƯ PHÁP"], [title], [], ["TT", "Họ và tên", "Chức vụ, đơn vị"],
            [1, "Nguyễn Văn An", "Chuyên viên"], [2, "Trần Thị Bình", "Kế toán"]])
    result = _consolidate(tmp_path / "a", book("DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025",
                                              "a"))
    assert [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Đối tượng"])
            for a in _master(result["out"], S.AWARDS.name)] == [
        ("Nguyễn Văn An", "Lao động tiên tiến", S.INDIVIDUAL), ("Trần Thị Bình", "Lao động tiên tiến", S.INDIVIDUAL)]
    [said] = [f for f in result["findings"] if f["code"] == "FORM_FROM_TITLE"]
    assert "2 dòng (dòng 5, 6) lấy hình thức 'Lao động tiên tiến' từ tiêu đề 'DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN" \
        in said["message"]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    registered = book("DANH SÁCH CÁ NHÂN ĐĂNG KÝ DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025", "b")
    assert _run(["consolidate", registered, "-o", tmp_path / "b" / "TongHop.xlsx", "--json"]) == 2
    assert json.loads(_run.stdout)["files"][0]["status"] == "error"
    proposed = _consolidate(tmp_path / "c", book("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025",
                                                 "c"))
    assert _master(proposed["out"], S.AWARDS.name) == []


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_the_columns_numbers_typed_as_numbers_under_the_header_are_no_row(tmp_path, fmt):
    """'1 | 2 | 3 | 4 | 5 | 6' typed as numbers under the header (as '(1) (2) (3)' is typed as text): the columns'
    numbers, not an award '4' to '2' with decision '5' (three errors) or a work named 2."""
    rows = [["UBND HUYỆN CAN LỘC"], ["DANH SÁCH KHEN THƯỞNG NĂM 2025"], [],
            ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số QĐ, ngày ký", "Thành tích"],
            [1, 2, 3, 4, 5, 6],
            [1, "Nguyễn Văn An", "Chủ tịch UBND xã", "BK UBND tỉnh", "45/QĐ-UBND", "Hoàn thành xuất sắc"],
            [2, "UBND xã Cẩm Bình", None, "Cờ thi đua của UBND tỉnh", "46/QĐ-UBND", "Dẫn đầu phong trào"]]
    result = _consolidate(tmp_path, write_table(tmp_path / f"huyen.{fmt}", rows))
    assert [a["Nguồn: dòng"] for a in _master(result["out"], S.AWARDS.name)] == [6, 7]
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    (tmp_path / "works").mkdir()
    works, findings = _works(tmp_path / "works", [
        ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"], [1, 2, 3, 4, 5],
        [1, "Đường thôn 1", D(2025, 3, 1), D(2025, 9, 30), 80]], name=f"xa.{fmt}")
    assert [w["Tên công trình, phần việc"] for w in works] == ["Đường thôn 1"] and findings == []


def test_a_persons_position_typed_after_the_name_under_a_names_header(tmp_path):
    """'Họ và tên' (the header names only the names), no position column: 'Ông Trần Văn Minh - Giám đốc Sở', 'Lê Thị
    Hà, Chuyên viên' are the name, then the position (NAME_WITH_POSITION); an agency's name with a dash, and two
    people in one cell, are left as typed."""
    rows = [["SỞ TƯ PHÁP"], [], ["TT", "Họ và tên", "Hình thức khen thưởng", "Thành tích"],
            [1, "Ông Trần Văn Minh - Giám đốc Sở", "Giấy khen", "Hoàn thành xuất sắc"],
            [2, "Lê Thị Hà, Chuyên viên", "Giấy khen", "Hoàn thành xuất sắc"],
            [3, "Phòng Tổ chức - Hành chính", "Giấy khen", "Hoàn thành xuất sắc"],
            [4, "Nguyễn Văn Nam, Nguyễn Thị Lan", "Giấy khen", "Hoàn thành xuất sắc"],
            [5, "Tổ Toán - Tin", "Giấy khen", "Hoàn thành xuất sắc"]]  # a team ('Tô' is a family name, 'Tổ' no)
    result = _consolidate(tmp_path, write_table(tmp_path / "so_tu_phap.xlsx", rows))
    assert [(a["Tên tập thể, cá nhân"], a["Chức vụ, đơn vị"]) for a in _master(result["out"], S.AWARDS.name)] == [
        ("Trần Văn Minh", "Giám đốc Sở"), ("Lê Thị Hà", "Chuyên viên"), ("Phòng Tổ chức - Hành chính", None),
        ("Nguyễn Văn Nam, Nguyễn Thị Lan", None), ("Tổ Toán - Tin", None)]
    [split] = [f for f in result["findings"] if f["code"] == "NAME_WITH_POSITION"]
    assert "2 dòng lấy tên đến dấu phẩy hay gạch ngang đầu" in split["message"] and "dòng 4, 5." in split["message"]


@pytest.mark.parametrize("sheet", ["Kế hoạch", "Nội dung"])
def test_a_units_list_of_works_on_a_sheet_named_like_the_templates_plans_or_narrative(tmp_path, sheet):
    """A commune's plan of works on a sheet it named 'Kế hoạch' (or 'Nội dung'), with a 'Nội dung' column, and no
    Thông tin sheet: its works, read as a hand-made table, not the sheet taken for the template's narrative (the works
    lost) nor called unread."""
    src = _sheets(tmp_path / "xa_ky_hoa.xlsx", {sheet: [
        ["UBND XÃ KỲ HOA"], ["KẾ HOẠCH CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"], [],
        ["TT", "Tên công trình, phần việc", "Nội dung", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"],
        [1, "Đường thôn 1", "Bê tông 500m", "01/3/2025", "30/9/2025", 80]]})
    result = _consolidate(tmp_path, src)
    assert [w["Tên công trình, phần việc"] for w in _master(result["out"], S.WORKS.name)] == ["Đường thôn 1"]
    assert _master(result["out"], S.NARRATIVE.name) == [] and result["findings"] == []


def test_a_units_file_with_a_sheet_named_like_one_of_the_templates_is_still_its_own(tmp_path):
    """A unit's file with a 'Khen thưởng' sheet (its list under its title) and a 'Thành tích' sheet (a few lines),
    no Thông tin sheet: a hand-made file, not the template's (which named no unit and kept 'Ông' in the names):
    the unit from the title, the names bare, no word of a missing Thông tin sheet."""
    src = _sheets(tmp_path / "stp.xlsx", {
        "Khen thưởng": [["SỞ TƯ PHÁP"], ["KẾT QUẢ KHEN THƯỞNG NĂM 2025"], [],
                        ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Thành tích"],
                        [1, "Ông Nguyễn Văn An", "Trưởng phòng", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]],
        "Thành tích": [["BÁO CÁO THÀNH TÍCH"], ["Năm 2025 Sở đạt nhiều thành tích."]]})
    result = _consolidate(tmp_path, src)
    assert [(f["status"], f["unit"]) for f in result["files"]] == [("ok", "Sở Tư pháp")]
    assert [a["Tên tập thể, cá nhân"] for a in _master(result["out"], S.AWARDS.name)] == ["Nguyễn Văn An"]
    assert [f["code"] for f in result["findings"]] == ["KIND_FROM_NAME"]
