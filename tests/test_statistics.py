"""Issue 21 §2: the statistical forms and the Thống kê sheet, counted from a
workbook of several years whose figures were worked out by hand."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import openpyxl
import pytest

from xlsrc.access.files import FileBook
from xlsrc.builder import Content, write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.statistics import count, make_statistics, yearly
from xlsrc.statistics.sheets import STATS_SHEET, TRACE_SHEET

D = dt.datetime
BK, CO, CSTD_T, HCLD = ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
                        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Huân chương Lao động")


def award(form, kind, name, date=None, year=None, count=None, ctype=None, group=None, atype="Thường xuyên"):
    return {"form": form, "recipient_kind": kind, "recipient": name, "field": "Công tác năm", "decision_date": date,
            "decision_number": "1/QĐ-UBND" if date else None, "year": year, "count": count,
            "collective_type": ctype, "person_group": group, "award_type": atype}


def plan(number, date, kind=None, scope=None, end=None):
    return {"doc_type": "Kế hoạch", "number": number, "date": date, "issuer": "UBND tỉnh", "summary": f"Phong trào {number}",
            "role": "Kế hoạch của đơn vị", "movement_kind": kind, "movement_scope": scope, "movement_end": end}


AWARDS_2024 = [
    award(BK, "Tập thể", "Công ty CP Sông Lam", D(2024, 12, 20), ctype="Doanh nghiệp"),
    award(BK, "Cá nhân", None, D(2024, 12, 20), count=2, group="Lãnh đạo, quản lý"),
    award(BK, "Tập thể", "Hộ ông Nguyễn Văn Tâm", D(2024, 5, 2), ctype="Hộ gia đình", atype="Đột xuất"),
    award(BK, "Cá nhân", "Lê Thị Hoa", None, year=2024, atype=None),            # no decision date: by Năm, said
    award(CO, "Tập thể", "Sở Tư pháp", D(2024, 12, 28), ctype="Cơ quan, đơn vị"),
    award(CSTD_T, "Cá nhân", "Trần Văn Bình", D(2024, 12, 28), group="Người lao động trực tiếp"),
    award(HCLD, "Cá nhân", "Phan Văn Cường", D(2024, 8, 30), atype="Cống hiến"),
    award("Giấy khen", "Cá nhân", "Võ Thị Dung", D(2024, 12, 30)),            # the unit's own: in no ministry form
    award(BK, "Cá nhân", "Hồ Văn Em", D(2025, 3, 1)),                           # another year
    award(BK, "Cá nhân", "Không Năm", None, year=None),              # no date, no Năm: the report year (2024), said
]
PLANS = [
    plan("01/KH-UBND", D(2024, 1, 15), "Thường xuyên", "Toàn tỉnh", D(2024, 12, 31)),
    plan("15/KH-UBND", D(2024, 3, 1), "Theo đợt hoặc chuyên đề", "Cơ quan, đơn vị", D(2025, 6, 30)),
    plan("20/KH-UBND", D(2024, 6, 1), "Theo đợt hoặc chuyên đề"),                # no scope, no end
    plan("99/KH-UBND", D(2023, 2, 1), "Thường xuyên", "Toàn tỉnh", D(2023, 12, 31)),
    plan("30/KH-UBND", D(2024, 7, 1)),                                          # a plan, no movement launched
]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("st") / "so.xlsx"
    write_workbook(path, Content(info={"unit_name": "Sở Tư pháp", "doc_date": D(2024, 12, 31)},
                                 rows={"awards": AWARDS_2024, "plans": PLANS}))
    return read_workbook(FileBook(path))


def test_the_forms_equal_the_figures_counted_by_hand(data):
    st = count(data, 2024, "Sở Tư pháp")
    v = st.value
    # 0603: Bằng khen — 1 enterprise, 1 household, 2 + 1 + 1 individuals
    assert [v("0603.N/BNV-TĐKT", "05", c) for c in "1234567"] == [6, 1, 1, 1, 4, 2, 0]
    assert v("0603.N/BNV-TĐKT", "05", "8") == 4     # thường xuyên: the enterprise, the two leaders, 'Không Năm'
    assert v("0603.N/BNV-TĐKT", "05", "10") == 1    # đột xuất: the household
    assert v("0603.N/BNV-TĐKT", "02", "2") == 1 and v("0603.N/BNV-TĐKT", "04", "7") == 1
    assert v("0603.N/BNV-TĐKT", "01", "1") == 8 and v("0603.N/BNV-TĐKT", "03", "1") == 0
    # 0602: the Huân chương Lao động, cống hiến (column 11)
    assert v("0602.N/BNV-TĐKT", "01", "1") == 1 and v("0602.N/BNV-TĐKT", "01", "11") == 1
    # 0601: three movements launched in 2024
    assert v("0601.N/BNV-TĐKT", "01", "1") == 3
    assert v("0601.N/BNV-TĐKT", "02", "2") == 1 and v("0601.N/BNV-TĐKT", "03", "4") == 1
    assert v("0601.N/BNV-TĐKT", "03", "6") == 1    # no scope typed: its own column, never guessed
    assert [v("0601.N/BNV-TĐKT", "01", c) for c in "78"] == [1, 1]
    notes = "\n".join(st.notes)
    assert "theo cột 'Năm'" in notes and "không có ngày quyết định và năm: tính vào năm báo cáo 2024" in notes
    assert "chưa ghi 'Ngày kết thúc phong trào'" in notes and "chưa ghi 'Loại hình khen thưởng'" in notes
    assert st.awards_by_form[(BK, "Cá nhân")] == 4 and st.awards_by_form[("Giấy khen", "Cá nhân")] == 1


def test_every_figure_traces_to_its_rows(data, tmp_path):
    path, st = make_statistics(data, 2024, tmp_path / "tk.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {"Biểu 0601.N", "Biểu 0602.N", "Biểu 0603.N", STATS_SHEET, TRACE_SHEET} <= set(wb.sheetnames)
    form = wb["Biểu 0603.N"]
    cells = {(r[0].value, c): r[c + 1].value for r in form.iter_rows(min_row=8, max_row=12) for c in range(1, 14)}
    assert cells[("05", 1)] == 6 and cells[("01", 1)] == 8
    trace = [r for r in wb[TRACE_SHEET].iter_rows(min_row=2, values_only=True)]
    leaders = [r for r in trace if r[:3] == ("0603.N/BNV-TĐKT", "05", "6")]
    assert len(leaders) == 1 and leaders[0][3] == "Khen thưởng" and leaders[0][4] == 3 and leaders[0][8] == 2
    for code in ("0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"):  # each non-total cell adds up its rows
        for (r, c), fig in st.figures[code].items():
            assert fig.value == sum(i.weight for i in fig.items)
    js = st.as_json()
    assert {f["row"] for f in js["forms"]["0601.N/BNV-TĐKT"]} == {"01", "02", "03"}


def test_thong_ke_sheet_over_the_years(tmp_path):
    path = write_workbook(tmp_path / "demo.xlsx", demo_content())
    data = read_workbook(FileBook(path))
    y = yearly(data)
    years = sorted({row[0] for row in y.by_year})
    assert years and all(isinstance(x, int) for x in years)
    assert sum(n for *_, n in y.by_year) == sum(
        (r["count"] if isinstance(r["count"], int) else 1) for r in data.records["awards"]
        if r["form"] and (r["decision_date"].ok or isinstance(r["year"], int) or data.report_year))
    assert data.report_year == 2021 and 2021 in years   # the demo's rows without date or Năm: its report year
    money = {year: amount for year, amount, _ in y.money}
    from xlsrc.awards.decision import build
    from xlsrc.awards.demo import NUMBER
    total = build(data, NUMBER).total         # decision 45/QĐ-SNgV of the demo, as the decision document computes it
    assert money == {2025: total} and total > 6_000_000
    for year, staff, basis, ldtt, cstd in y.shares:
        assert staff > 0 and basis and ldtt <= staff and cstd <= staff


def test_cli_statistics_json_and_refusals(tmp_path, data):
    src = tmp_path / "so.xlsx"
    write_workbook(src, Content(info={"unit_name": "Sở Tư pháp", "doc_date": D(2024, 12, 31)},
                                rows={"awards": AWARDS_2024, "plans": PLANS}))
    run = lambda *a: subprocess.run([sys.executable, "-m", "xlsrc", "statistics", str(src), *a],  # noqa: E731
                                    capture_output=True, text=True, encoding="utf-8")
    got = run("--year", "2024", "-o", str(tmp_path / "o.xlsx"), "--json")
    assert got.returncode == 0, got.stderr
    js = json.loads(got.stdout)
    cell = next(f for f in js["forms"]["0603.N/BNV-TĐKT"] if f["row"] == "05" and f["column"] == "1")
    assert cell["value"] == 6 and len(cell["rows"]) == 5
    plain = run("--year", "2024", "-o", str(tmp_path / "plain.xlsx"))
    assert plain.returncode == 0 and plain.stdout.startswith("CHƯA ĐỐI CHIẾU: mã biểu theo Thông tư 02/2023/TT-BNV")
    again = run("--year", "2024", "-o", str(tmp_path / "o.xlsx"))
    assert again.returncode != 0 and "--force" in again.stderr + again.stdout     # never overwrites silently
    bad = run("--year", "0", "-o", str(tmp_path / "p.xlsx"))
    assert bad.returncode != 0 and "--year" in bad.stderr and "Traceback" not in bad.stderr


def test_a_statistics_column_that_contradicts_the_kind_is_an_error_at_its_cell(read_back):
    from xlsrc.validation import validate
    data = read_back(Content(rows={"awards": [
        award(BK, "Cá nhân", "Lê Văn A", D(2024, 1, 2), ctype="Doanh nghiệp"),
        award(BK, "Tập thể", "Phòng Tư pháp", D(2024, 1, 2), group="Lãnh đạo, quản lý"),
        award(BK, "Tập thể", "Công ty B", D(2024, 1, 2), ctype="Doanh nghiệp")]}))
    found = [(f.code, f.row, f.column) for f in validate(data) if f.code == "STATISTICS_KIND"]
    assert found == [("STATISTICS_KIND", 2, "Loại tập thể"), ("STATISTICS_KIND", 3, "Nhóm cá nhân")]
