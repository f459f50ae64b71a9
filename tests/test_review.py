"""The review around its rules: thresholds read from the Tiêu chuẩn sheet,
people matched across sheets, validation of the new sheets, the command,
the written sheets and the demo."""
from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.review.defaults import MEMBER_SHARE_NOTE, default_standard_rows
from xlsrc.review.standards import parse_share
from xlsrc.validation import validate

from .review_fixtures import (CSTD_TINH, HT, HTT, HTXS, LDTT, TTLDTT, UNIT, award, idea, person, rate, rate_unit,
                              read, results, standards_with, workbook)
from .user_books import run_cli

Y = 2025
A, B = "Nguyễn Văn A", "Trần Thị B"
REVIEW_INPUTS = {"Cán bộ", "Đánh giá", "Sáng kiến", "Tiêu chuẩn", "Khen thưởng"}


def _review_findings(data):
    """Findings on the review sheets (the minimal test workbooks leave Thông tin empty)."""
    return [f for f in validate(data) if f.sheet in REVIEW_INPUTS]


def _standards(**changes):
    return standards_with(**changes)


# -- Tiêu chuẩn: rules as data -------------------------------------------------
def test_new_workbook_holds_the_default_standards_with_their_basis(tmp_path):
    path = write_workbook(tmp_path / "moi.xlsx")
    ws = openpyxl.load_workbook(path)[S.STANDARDS.name]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Danh hiệu, hình thức", "Đối tượng", "Điều kiện (tóm tắt)")
    by_title = {r[0]: dict(zip(header, r)) for r in rows[1:7]}  # then the rows that only carry a prize coefficient
    assert list(by_title) == [LDTT, "Chiến sĩ thi đua cơ sở", CSTD_TINH, "Bằng khen của Chủ tịch UBND tỉnh",
                              TTLDTT, "Tập thể lao động xuất sắc"]
    assert by_title[TTLDTT]["Tỷ lệ thành viên đạt Lao động tiên tiến"] == "trên 50%"
    assert by_title[TTLDTT]["Ghi chú"] == MEMBER_SHARE_NOTE and "chưa đối chiếu được" in MEMBER_SHARE_NOTE
    assert by_title[CSTD_TINH]["Số năm liên tục"] == 3
    assert all("06/2022/QH15" in r["Căn cứ pháp lý"] for r in by_title.values())
    assert not any("98/2023" in str(v) for r in by_title.values() for v in r.values())


def test_a_changed_threshold_changes_the_answer(tmp_path):
    staff = [person(n) for n in ("Người A", "Người B", "Người C", "Người D")]
    ratings = [rate(Y, "Người A"), rate(Y, "Người B"), rate(Y, "Người C", HT), rate(Y, "Người D", HT),
               rate_unit(Y)]
    default = results(tmp_path, staff=staff, ratings=ratings)[(UNIT, TTLDTT)]
    assert default.result == "không đủ"  # 2/4 is not "trên 50%"
    lowered = results(tmp_path, staff=staff, ratings=ratings,
                      standards=_standards(**{TTLDTT: {"member_share": "từ 50%"}}))[(UNIT, TTLDTT)]
    assert lowered.result == "đủ"


def test_changed_basis_text_is_cited(tmp_path):
    std = _standards(**{LDTT: {"basis": "Quyết định 12/2025/QĐ-UBND Điều 5"}})
    e = results(tmp_path, staff=[person(A)], ratings=[rate(Y, A, HT)], standards=std)[(A, LDTT)]
    assert e.basis == "Quyết định 12/2025/QĐ-UBND Điều 5"
    assert e.reasons[0].endswith("(Quyết định 12/2025/QĐ-UBND Điều 5)")


def test_chain_length_is_a_setting(tmp_path):
    sheets = dict(staff=[person(A)], ratings=[rate(Y, A, HTXS)], initiatives=[idea(Y, A, scope="Tỉnh")],
                  awards=[award(Y - 1, A)])
    assert results(tmp_path, **sheets)[(A, CSTD_TINH)].result != "đủ"
    two = _standards(**{"Chiến sĩ thi đua cấp tỉnh": {"years": 2}})
    assert results(tmp_path, standards=two, **sheets)[(A, CSTD_TINH)].result == "đủ"


def test_unreadable_threshold_gives_missing_data_and_an_error(tmp_path):
    std = _standards(**{TTLDTT: {"member_share": "một nửa"}})
    path = workbook(tmp_path, staff=[person(A)], ratings=[rate(Y, A), rate_unit(Y)], standards=std)
    from xlsrc.review import run_review
    data = read(path)
    e = next(e for e in run_review(data).entries if e.title == TTLDTT)
    assert e.result == "chưa đủ dữ liệu"
    assert "Tỷ lệ thành viên đạt Lao động tiên tiến" in e.reasons[0]
    found = [f for f in validate(data) if f.code == "STANDARD_UNREADABLE"]
    assert [(f.sheet, f.severity, f.column) for f in found] == [
        ("Tiêu chuẩn", "error", "Tỷ lệ thành viên đạt Lao động tiên tiến")]


def test_blank_threshold_takes_the_default_with_a_warning(tmp_path):
    std = _standards(**{LDTT: {"min_rating": None}})
    path = workbook(tmp_path, staff=[person(A)], ratings=[rate(Y, A, HT)], standards=std)
    from xlsrc.review import run_review
    data = read(path)
    e = next(e for e in run_review(data).entries if e.title == LDTT)
    assert e.result == "không đủ"  # default: Hoàn thành tốt nhiệm vụ
    assert [f.code for f in validate(data) if f.sheet == "Tiêu chuẩn"] == ["STANDARD_DEFAULT"]


def test_a_removed_title_is_not_reviewed(tmp_path):
    std = [r for r in default_standard_rows() if r["title"] == LDTT]
    r = results(tmp_path, staff=[person(A)], ratings=[rate(Y, A)], standards=std)
    assert list(r) == [(A, LDTT)]


@pytest.mark.parametrize("text,percent,strict", [
    ("trên 50%", 50, True), ("> 50%", 50, True), ("từ 70%", 70, False), ("70%", 70, False),
    ("ít nhất 70 %", 70, False), (0.7, 70, False), ("≥ 66,5%", 66.5, False)])
def test_share_spellings(text, percent, strict):
    share = parse_share(text)
    assert (share.percent, share.strict) == (percent, strict)


def test_share_boundaries():
    assert not parse_share("trên 50%").met(2, 4) and parse_share("trên 50%").met(3, 5)
    assert parse_share("từ 70%").met(7, 10) and not parse_share("từ 70%").met(2, 3)
    assert parse_share("một nửa") is None


# -- people matched across sheets --------------------------------------------
def test_names_match_across_case_space_and_unicode_form(tmp_path):
    import unicodedata
    nfd = unicodedata.normalize("NFD", "  NGUYỄN   văn a ")
    r = results(tmp_path, staff=[person(A)], ratings=[rate(Y, nfd)])
    assert r[(A, LDTT)].result == "đủ"


def test_name_without_diacritics_is_another_person(tmp_path):
    data = read(workbook(tmp_path, staff=[person(A)], ratings=[rate(Y, "Nguyen Van A")]))
    assert [f.code for f in validate(data) if f.sheet == "Đánh giá"] == ["PERSON_UNKNOWN"]


def test_same_name_in_two_units_is_told_apart_by_unit(tmp_path):
    staff = [person(A, unit="Văn phòng"), person(A, unit="Phòng Lãnh sự")]
    ratings = [rate(Y, A, HTT, unit="Văn phòng"), rate(Y, A, HT, unit="Phòng Lãnh sự")]
    from xlsrc.review import run_review
    data = read(workbook(tmp_path, staff=staff, ratings=ratings))
    got = {(e.unit, e.result) for e in run_review(data).entries if e.title == LDTT}
    assert got == {("Văn phòng", "đủ"), ("Phòng Lãnh sự", "không đủ")}
    assert _review_findings(data) == []


def test_code_wins_over_name(tmp_path):
    staff = [person(A, code="CB01"), person(A, code="CB02")]
    ratings = [rate(Y, A, HT, code="CB01"), rate(Y, "tên gõ khác", HTT, code="CB02")]
    from xlsrc.review import run_review
    entries = [e for e in run_review(read(workbook(tmp_path, staff=staff, ratings=ratings))).entries
               if e.title == LDTT]
    assert [e.result for e in entries] == ["không đủ", "đủ"]


def test_same_name_same_unit_without_code_is_an_error(tmp_path):
    data = read(workbook(tmp_path, staff=[person(A), person(A, position="Phó phòng")], ratings=[rate(Y, A)]))
    codes = sorted(f.code for f in _review_findings(data))
    assert codes == ["PERSON_AMBIGUOUS", "STAFF_SAME_NAME"]
    from xlsrc.review import run_review
    e = next(e for e in run_review(data).entries if e.title == LDTT)
    assert e.result == "chưa đủ dữ liệu" and "Mã cán bộ" in e.reasons[0]


# -- validation of the new sheets --------------------------------------------
def _codes(tmp_path, **sheets):
    return sorted((f.code, f.severity, f.sheet, f.cell) for f in _review_findings(read(workbook(tmp_path, **sheets))))


def test_validation_year_range(tmp_path):
    got = _codes(tmp_path, staff=[person(A)], ratings=[rate(1999, A)], initiatives=[idea(2101, A)],
                 awards=[award(1990, A)])
    assert ("YEAR_OUT_OF_RANGE", "error", "Đánh giá", "B2") in got
    assert ("YEAR_OUT_OF_RANGE", "error", "Sáng kiến", "B2") in got
    assert any(c[0] == "YEAR_OUT_OF_RANGE" and c[2] == "Khen thưởng" for c in got)


def test_validation_two_ratings_one_year(tmp_path):
    got = _codes(tmp_path, staff=[person(A)], ratings=[rate(Y, A), rate(Y, A, HT), rate(Y - 1, A)])
    assert got == [("RATING_DUPLICATE", "error", "Đánh giá", "B3")]


def test_validation_unknown_people_and_units(tmp_path):
    got = _codes(tmp_path, staff=[person(A)],
                 ratings=[rate(Y, B), rate(Y, A, code="CB99"), rate_unit(Y, "Phòng Ma")],
                 initiatives=[idea(Y, "Lê Văn C")], awards=[award(Y - 1, "Người Đã Chuyển")])
    assert [c[0] for c in got] == ["COLLECTIVE_UNKNOWN", "PERSON_UNKNOWN", "PERSON_UNKNOWN", "PERSON_UNKNOWN",
                                   "PERSON_UNKNOWN"]
    assert {c[2] for c in got} == {"Đánh giá", "Sáng kiến", "Khen thưởng"}
    assert [c[1] for c in got if c[2] == "Khen thưởng"] == ["warning"]


def test_validation_initiative_without_decision_is_a_warning(tmp_path):
    got = _codes(tmp_path, staff=[person(A)], initiatives=[idea(Y, A, decision="")])
    assert got == [("INITIATIVE_NO_DECISION", "warning", "Sáng kiến", "I2")]


def test_workbook_without_review_sheets_still_validates(tmp_path):
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    path = write_workbook(tmp_path / "cu.xlsx", demo_content())
    wb = openpyxl.load_workbook(path)
    for name in ("Cán bộ", "Đánh giá", "Sáng kiến", "Tiêu chuẩn"):
        del wb[name]
    wb.save(tmp_path / "cu2.xlsx")
    data = read_workbook(FileBook(tmp_path / "cu2.xlsx"))
    assert data.missing == [] and data.staff == []
    # the review says which sheets are missing and how to upgrade, never "0 cá nhân" (issue 18 §4)
    from xlsrc.errors import ThiDuaError
    from xlsrc.review import run_review
    with pytest.raises(ThiDuaError) as exc:
        run_review(data)
    assert "mẫu cũ: thiếu trang 'Cán bộ', 'Đánh giá', 'Sáng kiến' cần để rà soát" in str(exc.value)
    assert 'thidua upgrade "cu2.xlsx"' in str(exc.value)
    run = subprocess.run([sys.executable, "-m", "xlsrc", "review", str(tmp_path / "cu2.xlsx")], capture_output=True,
                         text=True, encoding="utf-8")
    assert run.returncode == 2 and "thiếu trang 'Cán bộ'" in run.stderr and "0 cá nhân" not in run.stdout


# -- the demo -------------------------------------------------------------------
def test_demo_review_shows_every_result_with_reasons(tmp_path):
    from xlsrc.review import run_review
    data = read(write_workbook(tmp_path / "demo.xlsx", demo_content()))
    review = run_review(data)
    assert review.year == 2021
    by = {(e.recipient, e.title): e for e in review.entries}
    assert {e.result for e in review.entries} == {"đủ", "không đủ", "chưa đủ dữ liệu"}
    assert by[("Nguyễn Văn A", CSTD_TINH)].result == "đủ"
    broken = by[("Trần Thị B", CSTD_TINH)]
    assert broken.result == "không đủ" and "chuyên đề" in broken.reasons[0]
    assert by[("Phạm Thị D", LDTT)].result == "chưa đủ dữ liệu"
    assert all(e.reasons for e in review.entries if e.result != "đủ")
    assert {e.kind for e in review.entries} == {S.INDIVIDUAL, S.COLLECTIVE}


# -- the command ----------------------------------------------------------------
def _thidua(*args):
    """The command run in this process (a real process: test_workbook_without_review_sheets_still_validates)."""
    return subprocess.CompletedProcess(args, *run_cli(args))


def test_cli_json_default_year_and_override(tmp_path):
    path = workbook(tmp_path, staff=[person(A)], ratings=[rate(Y, A), rate(Y - 1, A, HT)], report_year=Y)
    run = _thidua("review", path, "--json")
    assert run.returncode == 0, run.stderr
    entries = json.loads(run.stdout)
    assert set(entries[0]) == {"recipient", "kind", "unit", "title", "result", "reasons", "met", "basis", "notes"}
    ldtt = next(e for e in entries if e["title"] == LDTT)
    assert (ldtt["recipient"], ldtt["kind"], ldtt["unit"], ldtt["result"]) == (A, "Cá nhân", UNIT, "đủ")
    assert ldtt["met"][0] == f"Xếp loại năm {Y}: {HTT}" and ldtt["met"][-1].endswith(f"({ldtt['basis']})")
    assert ldtt["reasons"] == []
    earlier = json.loads(_thidua("review", path, "--json", "--year", Y - 1).stdout)
    assert next(e for e in earlier if e["title"] == LDTT)["result"] == "không đủ"
    assert {e["result"] for e in entries} <= {"đủ", "không đủ", "chưa đủ dữ liệu"}


def test_cli_text_and_unusable_file(tmp_path):
    path = workbook(tmp_path, staff=[person(A)], ratings=[rate(Y, A, HT)])
    run = _thidua("review", path)
    assert run.returncode == 0
    assert "Nguyễn Văn A (Phòng Tổng hợp) — Lao động tiên tiến: Không đủ" in run.stdout
    assert "Traceback" not in run.stderr
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    run = _thidua("review", bad)
    assert run.returncode == 2 and "bị hỏng" in run.stderr and "Traceback" not in run.stderr
    no_year = workbook(tmp_path, staff=[person(A)], report_year=None)
    run = _thidua("review", no_year)
    assert run.returncode == 2 and "--year" in run.stderr


def test_cli_writes_review_sheets_to_a_copy(tmp_path):
    path = write_workbook(tmp_path / "demo.xlsx", demo_content())
    before = path.read_bytes()
    out = tmp_path / "rasoat.xlsx"
    assert _thidua("review", path, "-o", out).returncode == 0
    assert path.read_bytes() == before
    assert _thidua("review", path, "-o", out).returncode == 2  # never overwrites silently
    wb = openpyxl.load_workbook(out)
    rows = list(wb[S.REVIEW_SHEET].iter_rows(values_only=True))
    assert rows[0][:6] == ("Họ và tên / Tên tập thể", "Đối tượng", "Chức vụ", "Đơn vị", "Năm",
                           "Lý do, căn cứ")
    assert rows[0][6:12] == (LDTT, "Chiến sĩ thi đua cơ sở", CSTD_TINH, "Bằng khen của Chủ tịch UBND tỉnh", TTLDTT,
                             "Tập thể lao động xuất sắc")
    a = next(r for r in rows if r[0] == "Nguyễn Văn A")
    assert a[6:12] == ("Đủ",) * 4 + (None, None)
    # why each 'đủ': the conditions met, the basis cited once (and what it assumes, issue 19 A7)
    lines = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in a[5].splitlines()}
    assert set(lines) == {LDTT, "Chiến sĩ thi đua cơ sở", CSTD_TINH, "Bằng khen của Chủ tịch UBND tỉnh"}
    assert lines[LDTT].startswith("Xếp loại năm 2021: Hoàn thành xuất sắc nhiệm vụ; Công tác từ trước năm 2021; ")
    assert lines[LDTT].endswith("Không bị kỷ luật (điểm a, điểm b khoản 1 Điều 24 Luật Thi đua, khen thưởng "
                                "06/2022/QH15; khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP)")
    assert "Có sáng kiến, đề tài phạm vi Tỉnh trở lên trong 2019–2021 (Điều 22" in lines[CSTD_TINH]
    assert ". Lưu ý: Năm 2021 chưa được công nhận Chiến sĩ thi đua cơ sở" in lines[CSTD_TINH]
    d = next(r for r in rows if r[0] == "Phạm Thị D")
    assert d[6] == "Chưa đủ dữ liệu" and "Lao động tiên tiến: Chưa có xếp loại năm 2021" in d[5]
    cf = wb[S.REVIEW_SHEET].conditional_formatting
    assert {r.formula[0] for rng in cf for r in rng.rules if r.type == "cellIs"} == {
        '"Đủ"', '"Không đủ"', '"Chưa đủ dữ liệu"'}
    proposal = list(wb[S.PROPOSAL_SHEET].iter_rows(values_only=True))
    assert proposal[0] == S.PROPOSAL_HEADERS
    assert proposal[1][:5] == (1, "Nguyễn Văn A", "Chánh Văn phòng", "Văn phòng", "Lao động tiên tiến")
    assert "Hoàn thành xuất sắc nhiệm vụ" in proposal[1][5]
    assert any(r[4] == "Tập thể lao động tiên tiến" and r[1] == "Phòng Hợp tác quốc tế" for r in proposal)
    cstd = next(r for r in proposal if r[4] == "Chiến sĩ thi đua cấp tỉnh")
    assert "Số hoá hồ sơ đoàn ra" in cstd[5] and "45/QĐ-HĐSK" in cstd[5]


def test_guide_sheet_explains_the_review_sheets(tmp_path):
    ws = openpyxl.load_workbook(write_workbook(tmp_path / "moi.xlsx"))[S.GUIDE_SHEET]
    text = "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    for name in ("Cán bộ", "Đánh giá", "Sáng kiến", "Tiêu chuẩn", "Rà soát", "Danh sách đề nghị"):
        assert f"\n{name}\n" in f"\n{text}\n", name
    assert "Rà soát điều kiện:" in text and "Đủ / Không đủ / Chưa đủ dữ liệu" in text


def test_text_output_keeps_brackets(tmp_path):
    name = "Nguyễn Văn [b]A"
    path = workbook(tmp_path, staff=[person(name)], ratings=[rate(Y, name, HT)])
    run = _thidua("review", path)
    assert f"{name} (Phòng Tổng hợp) — Lao động tiên tiến: Không đủ" in run.stdout


def test_hand_made_sheets_with_other_headers_are_reviewed_by_default_standards(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Thông tin"
    ws.append(["Mục", "Giá trị"])
    ws.append(["Năm báo cáo", 2025])
    staff = wb.create_sheet("CÁN BỘ")
    staff.append(["DANH SÁCH CÁN BỘ PHÒNG TỔNG HỢP"])
    staff.append(["STT", "Họ tên", "Chức danh", "Phòng, ban"])
    staff.append([1, A, "Trưởng phòng", UNIT])
    staff.append([2, B, "Chuyên viên", UNIT])
    ratings = wb.create_sheet("Đánh giá")
    ratings.append(["Năm đánh giá", "Loại đối tượng", "Họ tên hoặc tên tập thể", "Kết quả đánh giá",
                    "Tham gia phong trào", "Kỷ luật trong năm", "Đoàn kết nội bộ"])
    ratings.append([2025, "CN", A, "HTXSNV", "x", None, None])
    ratings.append([2025, "CN", B, "Hoàn thành tốt", "Có", "khiển trách", None])
    ratings.append([2025, "TT", UNIT, "httnv", None, None, "có"])
    ideas = wb.create_sheet("Sáng kiến")
    ideas.append(["Năm công nhận", "Tác giả", "Tên sáng kiến", "Phạm vi", "Quyết định công nhận"])
    ideas.append([2025, A, "Sổ tay", "cấp cơ sở", "5/QĐ-X ngày 02/12/2025"])
    path = tmp_path / "tu_lap.xlsx"
    wb.save(path)
    data = read(path)
    assert "standards" not in data.locations  # no Tiêu chuẩn sheet: the built-in defaults apply
    from xlsrc.review import run_review
    got = {(e.recipient, e.title): e.result for e in run_review(data).entries}
    assert got[(A, LDTT)] == "đủ" and got[(A, "Chiến sĩ thi đua cơ sở")] == "đủ"
    assert got[(B, LDTT)] == "không đủ"
    assert got[(UNIT, TTLDTT)] == "không đủ"  # 1/2 is not above 50%


def test_zero_initiatives_required_is_honoured(tmp_path):
    sheets = dict(staff=[person(A)], ratings=[rate(Y - 1, A, HTXS), rate(Y, A, HTXS)])
    assert results(tmp_path, **sheets)[(A, "Bằng khen của Chủ tịch UBND tỉnh")].result == "không đủ"
    none_needed = _standards(**{"Bằng khen của Chủ tịch UBND tỉnh": {"min_initiatives": 0}})
    assert results(tmp_path, standards=none_needed, **sheets)[(A, "Bằng khen của Chủ tịch UBND tỉnh")].result == "đủ"


def test_namesakes_with_codes_keep_their_own_rows(tmp_path):
    from xlsrc.review import run_review
    from xlsrc.review.sheets import review_grid
    staff = [person(A, code="CB01"), person(A, code="CB02")]
    ratings = [rate(Y, A, HT, code="CB01"), rate(Y, A, HTT, code="CB02")]
    grid = review_grid(run_review(read(workbook(tmp_path, staff=staff, ratings=ratings))))
    assert [(r[0], r[6]) for r in grid[1:] if r[1] == S.INDIVIDUAL] == [(A, "Không đủ"), (A, "Đủ")]


def test_report_counts_only_awards_of_the_report_year_or_without_year(tmp_path):
    from xlsrc.completion import compute
    awards = [award(Y - 1, A), award(Y, A, form="Lao động tiên tiến"), dict(award(Y, A, form="Giấy khen"), year=None)]
    totals = compute(read(workbook(tmp_path, staff=[person(A)], awards=awards, report_year=Y)))
    assert dict(totals.awards) == {("Lao động tiên tiến", S.INDIVIDUAL): 1, ("Giấy khen", S.INDIVIDUAL): 1}


def test_the_review_sheet_cites_each_titles_basis_once_and_its_rows_fit_in_excel(tmp_path):
    """Every reason carries its basis (as `thidua review` prints them); the
    sheet's cell cites it once a title, and no row is taller than Excel allows."""
    from xlsrc.review import Entry, Review
    from xlsrc.review.sheets import REASONS_COLUMN, review_grid
    basis = "điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng 06/2022/QH15"
    reasons = [f"Lý do thứ {n} rất dài " * 12 + f"({basis})" for n in range(1, 40)]
    entry = Entry(A, S.INDIVIDUAL, UNIT, LDTT, "không đủ", reasons, basis)
    cell = review_grid(Review(Y, [LDTT], [entry]))[1][REASONS_COLUMN]
    assert cell.count(basis) == 1 and cell.endswith(f"({basis})") and cell.count("; ") == 38
    path = write_workbook(tmp_path / "so.xlsx", demo_content())
    out = tmp_path / "rasoat.xlsx"
    from xlsrc.access.files import FileBook
    from xlsrc.review.sheets import write_review
    book = FileBook(path, writable=True)
    write_review(book, Review(Y, [LDTT], [entry]))
    book.save(out)
    ws = openpyxl.load_workbook(out)[S.REVIEW_SHEET]
    assert ws.row_dimensions[2].height == 409.5    # Excel's tallest row: 39 long reasons would need more
