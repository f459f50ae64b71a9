"""Issue 8 §2, §3, §7, §8 on real files (.xlsx by openpyxl, .xls by xlwt,
.ods by odfpy): group headings carried into 'Nhóm', totals skipped wherever
they stand, foot notes ending the table, merged cells filling every row they
span, unknown columns kept in 'Thông tin thêm', and each unit's rows checked
as they are read, with findings at the source cell."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.cli import main
from xlsrc.consolidate import consolidate, default_jobs, write_master
from xlsrc.records import read_workbook
from xlsrc.tables import locate

from .shapes import FORMATS, write_table

D = dt.datetime
N = None
HEADER = ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành",
          "Tiến độ hoàn thành (%)", "Kinh phí (triệu đồng)", "Đơn vị phối hợp"]
ROWS = [
    ["UBND TỈNH HÀ TĨNH", N, N, N, N, N, N, N],
    ["SỞ Y TẾ", N, N, N, N, N, N, N],
    ["DANH SÁCH CÔNG TRÌNH, PHẦN VIỆC NĂM 2021", N, N, N, N, N, N, N],
    HEADER,
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ["Tổng cộng", "04 công trình", N, N, N, "65%", 120, N],                       # 5: total at the top
    ["I", "Khối văn phòng Sở", N, N, N, N, N, N],                                 # 6: label + heading
    [1, "Số hóa hồ sơ bệnh án", "Văn phòng Sở", D(2021, 3, 1), D(2021, 12, 31), "50%", 120, "Sở Tài chính"],
    [2, "Nâng cấp cổng thông tin", N, "Tháng 4/2021", "Quý IV/2021", "100%", N, N],  # 8: unit merged from 7
    ["Cộng I", "02 công trình", N, N, N, N, 120, N],                               # 9: subtotal
    ["II. Khối trường học", N, N, N, N, N, N, N],                                  # 10: merged across
    ["1.1", "Trường THPT Can Lộc", N, N, N, N, N, N],                              # 11: sub-group
    [3, "Sửa chữa phòng học", "Trường THPT Can Lộc", D(2021, 5, 1), D(2021, 8, 1), "80%", N, N],
    [N, "Khối đơn vị sự nghiệp", N, N, N, N, N, N],                                # 13: bold alone
    [4, "Xây dựng trạm y tế xã", "Trung tâm Y tế", D(2021, 6, 1), D(2021, 3, 1), "30%", N, N],  # finish < start
    [N, N, N, N, N, N, N, N],
    ["Ghi chú: số liệu tính đến ngày 15/11/2021.", N, N, N, N, N, N, N],           # 16: ends the table
    [5, "Dòng sau ghi chú, không phải công trình", "X", D(2021, 1, 1), D(2021, 2, 1), "10%", N, N],
    [N, N, N, N, "Người lập biểu", N, N, N],
]
MERGES = [(7, 2, 8, 2), (10, 0, 10, 7), (0, 0, 0, 3), (2, 0, 2, 7)]
BOLD = [(13, 1), (3, 0), (3, 1)]

EXPECTED = [  # name, owner, group, extra
    ("Số hóa hồ sơ bệnh án", "Văn phòng Sở", "I. Khối văn phòng Sở",
     "Kinh phí (triệu đồng): 120\nĐơn vị phối hợp: Sở Tài chính"),
    ("Nâng cấp cổng thông tin", "Văn phòng Sở", "I. Khối văn phòng Sở", None),
    ("Sửa chữa phòng học", "Trường THPT Can Lộc", "II. Khối trường học / 1.1 Trường THPT Can Lộc", None),
    ("Xây dựng trạm y tế xã", "Trung tâm Y tế", "Khối đơn vị sự nghiệp", None),
]


def _master_rows(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_groups_totals_notes_merges_and_unknown_columns_reach_the_master(tmp_path, fmt):
    unit = write_table(tmp_path / f"so_y_te.{fmt}", ROWS, MERGES, BOLD)
    result = consolidate([str(unit)], jobs=1)
    [f] = result.files
    assert f.status == "ok" and f.unit == "Sở Y tế" and f.rows == 4
    works = result.content.rows["works"]
    assert [(w["name"], w["owner"], w["group"], w["extra"]) for w in works] == EXPECTED
    assert [w["source_row"] for w in works] == [8, 9, 13, 15]
    assert [w["start"] for w in works] == [D(2021, 3, 1), "Tháng 4/2021", D(2021, 5, 1), D(2021, 6, 1)]
    assert [w["planned_finish"] for w in works] == [D(2021, 12, 31), "Quý IV/2021", D(2021, 8, 1), D(2021, 3, 1)]
    assert [w["progress"] for w in works] == [0.5, 1.0, 0.8, 0.3]

    # the finish before the start is reported at its source cell; the file is still taken, with its count
    errors = [x for x in result.findings if x["severity"] == "error"]
    assert [(x["file"], x["sheet"], x["cell"], x["code"]) for x in errors] == [
        (str(unit), "Phụ lục", "E15", "FINISH_BEFORE_START")]
    assert f.errors == 1 and f.warnings == 0

    master = write_master(result, tmp_path / "TongHop.xlsx")
    rows = _master_rows(master, S.WORKS.name)
    assert [(r["Tên công trình, phần việc"], r["Đơn vị thực hiện"], r["Nhóm"], r["Thông tin thêm"])
            for r in rows] == EXPECTED
    data = read_workbook(FileBook(master))
    assert [w["group"] for w in data.works] == [e[2] for e in EXPECTED]
    # 'Nhóm' and 'Thông tin thêm' are never checked; the one finding is the date order
    from xlsrc.validation import validate
    codes = [(x.code, x.column) for x in validate(data) if x.sheet == S.WORKS.name]
    assert codes == [("FINISH_BEFORE_START", "Ngày hoàn thành")]


def test_a_unit_name_merged_over_its_works_in_a_template_like_sheet(tmp_path):
    rows = [["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành"],
            [1, "Công trình A", "Phòng Tổ chức", D(2021, 1, 1), D(2021, 2, 1)],
            [2, "Công trình B", N, D(2021, 1, 1), D(2021, 2, 1)],
            [3, "Công trình C", N, D(2021, 1, 1), D(2021, 2, 1)],
            [4, "Công trình D", "Phòng Kế toán", D(2021, 1, 1), D(2021, 2, 1)]]
    for fmt in FORMATS:
        unit = write_table(tmp_path / f"u.{fmt}", rows, [(1, 2, 3, 2)])
        works = consolidate([str(unit)], jobs=1).content.rows["works"]
        assert [w["owner"] for w in works] == ["Phòng Tổ chức"] * 3 + ["Phòng Kế toán"], fmt


@pytest.mark.parametrize("where", [0, 1, 5])
def test_a_total_row_in_any_column_is_skipped_and_a_signature_ends_the_table(where):
    total = [N] * 6
    total[where] = "Tổng số"
    grid = [HEADER[:6], [1, "A", N, D(2021, 1, 1), D(2021, 2, 1), "10%"], total,
            [2, "B", N, D(2021, 1, 1), D(2021, 2, 1), "20%"],
            [N, N, N, "KT. GIÁM ĐỐC", N, N], [N, N, N, "PHÓ GIÁM ĐỐC", N, N],
            [3, "C", N, D(2021, 1, 1), D(2021, 2, 1), "20%"]]
    loc = locate(S.WORKS, grid, "", "name")
    assert loc.rows == [1, 3]


def test_a_place_and_date_line_or_a_bold_total_ends_or_skips():
    grid = [HEADER[:6], [1, "A", N, D(2021, 1, 1), D(2021, 2, 1), "10%"],
            [N, "Hà Tĩnh, ngày 18 tháng 11 năm 2021", N, N, N, N],
            [2, "B", N, D(2021, 1, 1), D(2021, 2, 1), "20%"]]
    assert locate(S.WORKS, grid, "", "name").rows == [1]


def test_the_header_is_found_in_a_bounded_window_and_the_scan_stops_there():
    """The header at row 3; a later row that would map more columns (a
    repeated, longer header lower down) is not preferred, and is skipped as data."""
    grid = [["BÁO CÁO"], [N], ["TT", "Tên công trình", "Tiến độ"],
            [1, "A", "10%"], [2, "B", "20%"],
            ["TT", "Tên công trình", "Tiến độ", "Ngày khởi công", "Ngày hoàn thành"],
            [3, "C", "30%"]]
    loc = locate(S.WORKS, grid, "", "name")
    assert loc.header_row == 2 and loc.rows == [3, 4, 6]
    far = [[N]] * 45 + [["TT", "Tên công trình", "Tiến độ"], [1, "A", "10%"]]
    assert locate(S.WORKS, far, "", "name") is None


@pytest.mark.parametrize("row, rows", [
    ([N, HEADER[1], N, HEADER[3], N, HEADER[5]], [1, 3]),                     # the header repeated, no TT
    ([N, "Ghi chú:công trình C chưa xong", N, D(2021, 3, 1), N, N], [1]),    # a foot note in the name's cell
    (["STT", "Tên đơn vị", N, "Ngày báo cáo", N, "Tỷ lệ"], [1]),             # 'STT' heading another table
    ([N, "Tổng cộng: 2 công trình", N, D(2021, 3, 1), N, "15%"], [1, 3]),   # a total with its dates
])
def test_a_row_named_and_dated_like_a_work_is_still_looked_at(row, rows):
    """A row whose name is a text and whose dates are filled, as a work's are,
    may still repeat the header, end the table or total it."""
    grid = [HEADER[:6], [1, "A", N, D(2021, 1, 1), D(2021, 2, 1), "10%"], row,
            [2, "B", N, D(2021, 1, 1), D(2021, 2, 1), "20%"]]
    assert locate(S.WORKS, grid, "", "name").rows == rows


def test_numbered_works_are_not_groups_when_they_have_dates_or_progress():
    grid = [HEADER[:6], ["1.", "Công trình có tiến độ", N, N, N, "10%"],
            ["1.1", "Công trình có ngày", N, D(2021, 1, 1), N, N],
            ["A.", "Khối A", N, N, N, N], [1, "Công trình thiếu ngày", "Phòng X", N, N, N]]
    loc = locate(S.WORKS, grid, "", "name")
    assert loc.rows == [1, 2, 4] and loc.groups == {4: "A. Khối A"}


def test_findings_travel_in_json_and_the_sources_sheet(tmp_path):
    (tmp_path / "in").mkdir()
    good = write_table(tmp_path / "in" / "a.xlsx", ROWS, MERGES, BOLD)
    bad = tmp_path / "in" / "hong.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", str(tmp_path / "in"), "-o", str(out), "--json"])
    assert code == 3
    data = json.loads(_run.stdout)
    files = {Path(f["file"]).name: f for f in data["files"]}
    assert files["a.xlsx"]["status"] == "ok" and (files["a.xlsx"]["errors"], files["a.xlsx"]["warnings"]) == (1, 0)
    assert files["hong.xls"]["status"] == "error" and "Cannot" not in files["hong.xls"]["message"]
    [finding] = data["findings"]
    assert set(finding) == {"file", "sheet", "row", "column", "cell", "severity", "code", "message"}
    assert (finding["file"], finding["cell"]) == (str(good), "E15")
    log = _master_rows(out, S.SOURCES_SHEET)
    by_name = {Path(r["Tệp"]).name: r for r in log}
    assert by_name["a.xlsx"]["Trạng thái"] == "đạt" and by_name["hong.xls"]["Trạng thái"] == "lỗi"
    assert (by_name["a.xlsx"]["Số lỗi"], by_name["a.xlsx"]["Số cảnh báo"]) == (1, 0)
    assert len(by_name["a.xlsx"][S.SOURCES_COLUMNS[1].header]) == 64
    assert all(ord(ch) < 128 or ch.isalpha() or ch in "…–" for ch in by_name["hong.xls"]["Lý do, ghi chú"]) \
        and "Cannot" not in by_name["hong.xls"]["Lý do, ghi chú"]


def _run(argv) -> int:
    import contextlib
    import io
    buf, errbuf = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(errbuf):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code
    _run.stdout, _run.stderr = buf.getvalue(), errbuf.getvalue()
    return code


def test_jobs_default_to_the_cores():
    import os
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_the_master_summary_is_filled_by_consolidate_with_numbers_dates_and_a_table(tmp_path):
    write_table(tmp_path / "so_y_te.xlsx", ROWS, MERGES, BOLD)
    rows = [r[:6] for r in ROWS[:4]] + [[1, "Công trình khác", N, D(2021, 1, 1), D(2021, 2, 1), "100%"]]
    rows[1][0] = "SỞ TƯ PHÁP"
    write_table(tmp_path / "so_tu_phap.xlsx", rows)
    master = write_master(consolidate([str(tmp_path)], jobs=1), tmp_path.parent / f"{tmp_path.name}_m.xlsx")
    ws = openpyxl.load_workbook(master)[S.SUMMARY_SHEET]
    values = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r[0]}
    assert isinstance(values["Ngày tính"][0], dt.datetime) and ws["B2"].number_format == "dd/mm/yyyy"
    assert values["Số công trình, phần việc, nhiệm vụ đăng ký"][0] == 5
    assert values["Sở Y tế"][:2] == (4, 1) and values["Sở Tư pháp"][:3] == (1, 1, 100.0)
    assert values["Tỷ lệ hoàn thành (%)"][0] == 40.0
    [table] = ws.tables.values()
    assert table.name == "TongHopDonVi"
    first, last = table.ref.split(":")
    assert ws[first].value == "Theo đơn vị" and ws[f"A{int(last[1:])}"].value in ("Sở Y tế", "Sở Tư pháp")


def test_lettered_headings_a_b_c_stay_under_their_roman_heading():
    grid = [HEADER[:6], ["I", "Khối Sở", N, N, N, N], ["A.", "Phòng A", N, N, N, N],
            [1, "Việc 1", N, D(2021, 1, 1), N, "10%"], ["B.", "Phòng B", N, N, N, N],
            [2, "Việc 2", N, D(2021, 1, 1), N, "10%"], ["C.", "Phòng C", N, N, N, N],
            [3, "Việc 3", N, D(2021, 1, 1), N, "10%"], ["II", "Khối trường", N, N, N, N],
            [4, "Việc 4", N, D(2021, 1, 1), N, "10%"]]
    loc = locate(S.WORKS, grid, "", "name")
    assert [loc.groups[r] for r in loc.rows] == ["I. Khối Sở / A. Phòng A", "I. Khối Sở / B. Phòng B",
                                                  "I. Khối Sở / C. Phòng C", "II. Khối trường"]


def test_a_required_column_missing_from_a_table_is_said_once(tmp_path):
    rows = [["TT", "Tên công trình", "Ngày khởi công", "Tiến độ"]] + \
           [[i, f"Công trình {i}", D(2021, 1, i), "10%"] for i in range(1, 6)]
    unit = write_table(tmp_path / "thieu_cot.xlsx", rows)
    result = consolidate([str(unit)], jobs=1)
    assert [(f["code"], f["cell"]) for f in result.findings] == [("COLUMN_MISSING", "A1")]
    assert "'Ngày hoàn thành'" in result.findings[0]["message"] and "5 dòng" in result.findings[0]["message"]
    assert result.files[0].status == "ok" and result.files[0].errors == 1


def test_a_heading_typed_in_one_cell_whose_text_starts_with_a_number_is_still_a_group():
    """A CSV or an unmerged sheet: 'II. 135 xã đặc biệt khó khăn' alone in the TT column heads the works under it."""
    grid = [HEADER[:6], ["II. 135 xã đặc biệt khó khăn", N, N, N, N, N],
            [1, "Công trình thiếu ngày", "Phòng X", N, N, "10%"]]
    loc = locate(S.WORKS, grid, "", "name")
    assert loc.rows == [2] and loc.groups == {2: "II. 135 xã đặc biệt khó khăn"}
