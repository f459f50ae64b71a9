"""Issue 21 §2: the statistical forms and the Thống kê sheet, counted from a
workbook of several years whose figures were worked out by hand."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import openpyxl
import pytest

from xlsrc.access.files import FileBook
from xlsrc.builder import Content, write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.statistics import count, make_statistics, yearly
from xlsrc.statistics.forms import FORMS, FORMS_BY_CODE
from xlsrc.statistics.sheets import STATS_SHEET, TRACE_SHEET

from .conftest import soffice_convert
from .user_books import run_cli

D = dt.datetime
BK, CO, CSTD_T, HCLD = ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
                        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Huân chương Lao động")


def award(form, kind, name, date=None, year=None, count=None, ctype=None, group=None, atype="Thường xuyên"):
    return {"form": form, "recipient_kind": kind, "recipient": name, "field": "Công tác năm", "decision_date": date,
            "decision_number": "1/QĐ-UBND" if date else None, "year": year, "count": count,
            "collective_type": ctype, "person_group": group, "award_type": atype}


def plan(number, date, kind=None, scope=None, end=None, level=None):
    return {"doc_type": "Kế hoạch", "number": number, "date": date, "issuer": "UBND tỉnh", "summary": f"Phong trào {number}",
            "role": "Kế hoạch của đơn vị", "movement_kind": kind, "movement_scope": scope, "movement_end": end,
            "movement_level": level}


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
    plan("15/KH-UBND", D(2024, 3, 1), "Theo đợt hoặc chuyên đề", "Cơ quan, tổ chức, đơn vị", D(2025, 6, 30),
         level="Cơ quan, tổ chức, đơn vị"),
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
    f3, f2, f1 = "0603.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0601.N/BNV-TĐKT"
    # 0603, columns 1 (tổng), 2 Bằng khen, 3 CSTĐ, 4 Cờ, 5 Kỷ niệm chương; Bằng khen: the enterprise, 2 leaders,
    # the household, Lê Thị Hoa (by Năm), 'Không Năm' (report year)
    assert [v(f3, "01", c) for c in "12345"] == [8, 6, 1, 1, 0]
    assert [v(f3, "02", c) for c in "12345"] == [2, 1, 0, 1, 0]     # tập thể: the enterprise, the Sở (not the household)
    assert v(f3, "03", "2") == 1 and v(f3, "04", "2") == 1 and v(f3, "04", "1") == 1   # doanh nghiệp; hộ gia đình
    assert [v(f3, "05", c) for c in "123"] == [5, 4, 1]              # cá nhân
    assert [v(f3, r, "1") for r in ("06", "07", "08", "09", "10")] == [0, 0, 0, 0, 1]   # 'Lãnh đạo, quản lý': no level
    assert [v(f3, r, "1") for r in ("11", "12", "13", "14", "15", "16", "17")] == [6, 0, 1, 0, 0, 0, 0]
    # 0602: the Huân chương Lao động of an individual, cống hiến, sent up by the province
    hcld = next(c.code for c in FORMS_BY_CODE[f2].columns if c.forms == (HCLD,) and c.values == ("Cá nhân",))
    assert hcld == "2.8" and v(f2, "01", "1") == 1 and v(f2, "01", hcld) == 1
    assert [v(f2, r, "1") for r in ("02", "03", "06", "09", "15", "19")] == [0, 1, 0, 1, 0, 1]
    # 0601: three movements launched in 2024; one level typed, two read from 'UBND tỉnh'
    assert [v(f1, "01", c) for c in "1234"] == [3, 0, 2, 1]
    assert [v(f1, r, "1") for r in ("02", "03", "04", "05")] == [0, 1, 0, 1]     # 'Toàn tỉnh' is a địa phương scope
    assert [v(f1, r, "1") for r in ("06", "07", "08", "09", "10")] == [0, 1, 1, 0, 0]   # 12 months; 16 months
    assert v(f1, "11", "1") == 2 and v(f1, "12", "1") == 1
    notes = "\n".join(st.notes)
    assert "theo cột 'Năm'" in notes and "không có ngày quyết định và năm: tính vào năm báo cáo 2024" in notes
    assert "chưa ghi 'Ngày kết thúc phong trào'" in notes and "chưa ghi 'Loại hình khen thưởng'" in notes
    assert "chưa ghi 'Phạm vi phong trào': không vào dòng 02–05 (trang 'Kế hoạch', dòng 4)" in notes
    assert "2 phong trào chưa ghi 'Cấp phát động': suy ra từ 'Cơ quan ban hành' (trang 'Kế hoạch', dòng 2: Bộ, " \
           "ngành, tỉnh; dòng 4: Bộ, ngành, tỉnh)" in notes
    assert "'Lãnh đạo, quản lý' (chưa rõ cấp): chỉ tính vào dòng Cá nhân (trang 'Khen thưởng', dòng 3)" in notes
    assert "không thuộc biểu nào (cấp cơ sở, của đơn vị): Giấy khen." in notes
    assert "tính là của tỉnh, thành phố trực thuộc Trung ương, theo tên đơn vị báo cáo 'Sở Tư pháp'" in notes
    assert st.awards_by_form[(BK, "Cá nhân")] == 4 and st.awards_by_form[("Giấy khen", "Cá nhân")] == 1


@pytest.mark.parametrize("start, end, band", [
    (dt.date(2026, 1, 15), dt.date(2026, 12, 31), "- 1 năm"),            # a yearly movement: 12 calendar months
    (dt.date(2026, 2, 1), dt.date(2026, 12, 31), "- Dưới 1 năm"),        # 11
    (dt.date(2026, 1, 1), dt.date(2027, 1, 31), "- Từ 1 năm đến dưới 3 năm"),   # 13
    (dt.date(2026, 1, 1), dt.date(2028, 12, 31), "- Từ 3 năm đến dưới 5 năm"),  # 36
    (dt.date(2026, 1, 1), dt.date(2030, 11, 30), "- Từ 3 năm đến dưới 5 năm"),  # 59
    (dt.date(2026, 1, 1), dt.date(2030, 12, 1), "- Từ 5 năm trở lên"),          # 60
    (dt.date(2026, 5, 1), dt.date(2026, 4, 30), ""),                    # ends before it starts: no band, said
    (None, dt.date(2026, 4, 30), ""),
])
def test_the_length_of_a_movement_in_calendar_months(start, end, band):
    from xlsrc.statistics.count import length_band
    assert length_band(start, end) == band


@pytest.mark.parametrize("issuer, level", [
    ("Thủ tướng Chính phủ", "Trung ương"), ("Hội đồng Thi đua – Khen thưởng Trung ương", "Trung ương"),
    ("Bộ Nội vụ", "Bộ, ngành, tỉnh"), ("Bộ phận một cửa", "Cơ quan, tổ chức, đơn vị"),
    ("UBND tỉnh Hà Tĩnh", "Bộ, ngành, tỉnh"), ("Ủy ban nhân dân Thành phố Hà Nội", "Bộ, ngành, tỉnh"),
    ("Hội đồng TĐKT tỉnh", "Bộ, ngành, tỉnh"), ("Sở Nội vụ", "Cơ quan, tổ chức, đơn vị"),
    ("UBND xã Thạch Hà", "Cơ quan, tổ chức, đơn vị"), ("", "Cơ quan, tổ chức, đơn vị"),
])
def test_the_level_that_launched_a_movement_read_from_its_issuer(issuer, level):
    from xlsrc.statistics.count import level_of
    assert level_of(issuer) == level


def test_a_central_body_sends_its_own_toi_trinh(tmp_path):
    path = write_workbook(tmp_path / "bo.xlsx", Content(info={"unit_name": "Bộ Tư pháp", "doc_date": D(2024, 12, 31)},
                                                        rows={"awards": [award(HCLD, "Tập thể", "Vụ Pháp chế",
                                                                               D(2024, 5, 1))]}))
    st = count(read_workbook(FileBook(path)), 2024, "Bộ Tư pháp")
    assert [st.value("0602.N/BNV-TĐKT", r, "1") for r in ("02", "03", "06")] == [1, 0, 1]
    assert st.value("0602.N/BNV-TĐKT", "01", "2.7") == 1     # Huân chương Lao động, tập thể


def _earlier(row: dict, years: int) -> dict:
    out = dict(row)
    for key in ("decision_date", "date", "movement_end"):
        if isinstance(out.get(key), dt.datetime):
            out[key] = out[key].replace(year=out[key].year - years)
    if isinstance(out.get("year"), int):
        out["year"] -= years
    return out


def test_a_report_of_2021_is_made_on_the_forms_of_thong_tu_03_2018(tmp_path):
    """The same rows three years earlier: the regime of 2021 is Thông tư 03/2018, forms 0701–0703. 0701 has
    no column for a unit's own movements (said, with its row) and one row from three years up."""
    path = write_workbook(tmp_path / "so.xlsx", Content(
        info={"unit_name": "Sở Tư pháp", "doc_date": D(2021, 12, 31)},
        rows={"awards": [_earlier(a, 3) for a in AWARDS_2024], "plans": [_earlier(p, 3) for p in PLANS]}))
    st = count(read_workbook(FileBook(path)), 2021, "Sở Tư pháp")
    assert list(st.figures) == ["0701.N/BNV-TĐKT", "0702.N/BNV-TĐKT", "0703.N/BNV-TĐKT"]
    assert st.basis.in_force.short == st.basis.layout.short == "Thông tư 03/2018/TT-BNV"
    v = st.value
    assert [v("0701.N/BNV-TĐKT", "01", c) for c in "123"] == [2, 0, 2]       # 15/KH (a unit's own) has no column
    assert [v("0701.N/BNV-TĐKT", r, "1") for r in ("02", "03", "06", "07", "08", "09", "10", "11")] == \
        [0, 1, 0, 1, 0, 0, 1, 1]
    assert v("0702.N/BNV-TĐKT", "01", "2") == 1 and v("0702.N/BNV-TĐKT", "19", "1") == 1   # one group column
    assert [v("0703.N/BNV-TĐKT", "01", c) for c in "12345"] == [8, 6, 1, 1, 0]
    notes = "\n".join(st.notes)
    assert ("Biểu 0701.N/BNV-TĐKT: 1 phong trào có cấp phát động không có cột trong biểu: không tính (trang "
            "'Kế hoạch', dòng 3: Cơ quan, tổ chức, đơn vị)") in notes
    assert "không vào dòng 02–03 (trang 'Kế hoạch', dòng 4)" in notes and "không vào dòng 06–09" in notes


def test_every_figure_traces_to_its_rows(data, tmp_path):
    path, st = make_statistics(data, 2024, tmp_path / "tk.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {"Biểu 0601.N", "Biểu 0602.N", "Biểu 0603.N", STATS_SHEET, TRACE_SHEET} <= set(wb.sheetnames)
    form = wb["Biểu 0603.N"]
    grid = [[c.value for c in r] for r in form.iter_rows()]
    numbers = next(i for i, r in enumerate(grid) if r[:4] == ["A", "B", "C", "1=(2+3+4+5)"])
    assert grid[numbers][4:8] == ["2", "3", "4", "5"]
    assert grid[numbers - 1][4] == "Bằng khen" and grid[numbers - 2][4] == "Chia ra"     # two header levels
    cells = {r[1]: r[3:8] for r in grid[numbers + 1:] if r[1]}
    assert cells["01"] == [8, 6, 1, 1, 0] and cells["05"] == [5, 4, 1, 0, 0] and cells["10"][0] == 1
    sections = [r[0] for r in grid[numbers + 1:] if r[0] and not r[1] and str(r[0])[:3] in ("1. ", "2. ", "3. ")]
    assert sections == ["1. Chia theo đối tượng khen thưởng", "2. Chia theo phương thức khen thưởng"]
    notes = [r[0] for r in grid if r[0] and "Biểu 0601" in str(r[0])]
    assert not notes                                      # a form shows its own notes only
    trace = [r for r in wb[TRACE_SHEET].iter_rows(min_row=2, values_only=True)]
    bk = [r for r in trace if r[:3] == ("0603.N/BNV-TĐKT", "05", "2")]
    assert sorted(r[4] for r in bk) == [3, 5, 11] and sum(r[8] for r in bk) == 4 and bk[0][3] == "Khen thưởng"
    for code in ("0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"):  # each cell adds up its rows
        for (r, c), fig in st.figures[code].items():
            assert fig.value == sum(i.weight for i in fig.items)
    js = st.as_json()
    assert {f["row"] for f in js["forms"]["0601.N/BNV-TĐKT"]} == {f"{n:02d}" for n in range(1, 13)}
    assert {f["row"] for f in js["forms"]["0602.N/BNV-TĐKT"]} == {"01", "02", "03"} | {f"{n:02d}" for n in range(6, 22)}


def test_the_forms_fit_a_landscape_page_and_read_as_printed(data, tmp_path, lo_profile):
    """Each form printed on one landscape A4 page (0602 is 28 columns wide), every word inside the page."""
    import shutil
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed to print the forms")
    path, _ = make_statistics(data, 2024, tmp_path / "tk.xlsx")
    assert soffice_convert(path, "pdf", tmp_path, lo_profile, timeout=180).returncode == 0  # this process's profile
    pdf = tmp_path / "tk.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert [p.split("Biểu số: ")[1][:15] for p in pages[:3]] == [f.code for f in FORMS]
    assert "Biểu số:" not in pages[3] and "Người lập biểu" in pages[1]      # one page each, signatures included
    p0602 = pages[1]
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in p0602 and "Chiến sĩ" in p0602 and "Kháng chiến" in p0602
    box = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    import re
    page_w = float(re.search(r'<page width="([\d.]+)"', box).group(1))
    assert page_w > 800                                          # landscape A4 (842 pt)
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', box))
    assert right <= page_w


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


@pytest.mark.long
def test_cli_statistics_json_and_refusals(tmp_path, data):
    src = tmp_path / "so.xlsx"
    write_workbook(src, Content(info={"unit_name": "Sở Tư pháp", "doc_date": D(2024, 12, 31)},
                                rows={"awards": AWARDS_2024, "plans": PLANS}))
    run = lambda *a: subprocess.CompletedProcess(a, *run_cli(["statistics", src, *a]))  # noqa: E731
    got = run("--year", "2024", "-o", str(tmp_path / "o.xlsx"), "--json")
    assert got.returncode == 0, got.stderr
    js = json.loads(got.stdout)
    cell = next(f for f in js["forms"]["0603.N/BNV-TĐKT"] if f["row"] == "05" and f["column"] == "2")
    assert cell["value"] == 4 and len(cell["rows"]) == 3
    plain = run("--year", "2024", "-o", str(tmp_path / "plain.xlsx"))
    assert plain.returncode == 0 and plain.stdout.startswith("CHƯA ĐỐI CHIẾU: mã biểu, dòng, cột theo Thông tư 02/2023")
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


def test_a_movement_typed_without_its_kind_or_ending_before_it_starts_is_warned_at_its_cell(read_back):
    from xlsrc.validation import validate
    data = read_back(Content(rows={"plans": [
        plan("01/KH-UBND", D(2024, 1, 15), None, "Cơ quan, tổ chức, đơn vị"),          # scope, no kind
        plan("02/KH-UBND", D(2024, 1, 15), None, None, D(2024, 12, 31)),                # end, no kind
        plan("03/KH-UBND", D(2024, 5, 1), "Thường xuyên", None, D(2024, 4, 30)),       # ends before it starts
        plan("04/KH-UBND", D(2024, 5, 1), "Thường xuyên", None, D(2024, 5, 1)),        # a one-day movement: fine
        plan("05/KH-UBND", D(2024, 5, 1))]}))                                          # a plan: nothing to say
    found = [(f.code, f.row, f.column) for f in validate(data) if f.code.startswith("MOVEMENT_")]
    assert found == [("MOVEMENT_KIND_EMPTY", 2, "Phạm vi phong trào"), ("MOVEMENT_KIND_EMPTY", 3,
                                                                        "Ngày kết thúc phong trào"),
                     ("MOVEMENT_END_BEFORE_START", 4, "Ngày kết thúc phong trào")]
    assert all(f.severity == "warning" for f in validate(data) if f.code.startswith("MOVEMENT_"))
