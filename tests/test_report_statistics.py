"""Issue 21 §2: the reports cite the statistics, one count. The annual
report's khen thưởng section and the consolidated report's table of awards by
unit carry the figures `thidua statistics --json` gives for the same workbook
and year; the table fits the page (printed with LibreOffice, words placed
within the margins by pdftotext)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.awards.wording import form_phrase
from xlsrc.builder import Content, write_workbook
from xlsrc.records import read_workbook
from xlsrc.report import make_report
from xlsrc.report.unit_awards import COUNT_CM, TEXT_CM, TOTAL_CM, TT_CM, UNIT_MIN_CM, chunks
from xlsrc.statistics import basis_for, count

from .user_books import INFO, run_cli

D = dt.datetime
BK, GK, LDTT = "Bằng khen cấp bộ, ban, ngành, tỉnh", "Giấy khen", "Lao động tiên tiến"
TITLE = "Tổng kết công tác thi đua, khen thưởng năm 2026 và phương hướng, nhiệm vụ năm 2027"
HAVE_PDF = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def award(form, kind, n, date=None, year=None, unit=None):
    return {"form": form, "recipient_kind": kind, "recipient": None, "count": n, "field": "công tác năm 2026",
            "decision_date": date, "decision_number": "5/QĐ-STP" if date else None, "year": year, "unit": unit,
            "award_type": "Thường xuyên"}


def plan(number, date, kind):
    return {"doc_type": "Kế hoạch", "number": number, "date": date, "issuer": "Sở Tư pháp",
            "summary": f"phát động phong trào {number}", "role": "Kế hoạch của đơn vị", "movement_kind": kind,
            "movement_scope": "Cơ quan, đơn vị", "movement_end": D(date.year, 12, 31)}


AWARDS = [award(BK, "Tập thể", 1, D(2026, 12, 1)), award(BK, "Cá nhân", 2, D(2026, 12, 1)),
          award(LDTT, "Cá nhân", 5, year=2026),                       # no decision date: by its Năm
          award(GK, "Tập thể", 2, D(2026, 6, 1)),
          award(GK, "Cá nhân", 3, D(2026, 3, 5), year=2025),         # Năm 2025, decided in 2026: counted in 2026
          award(GK, "Cá nhân", 9, D(2025, 12, 1), year=2025)]        # another year
PLANS = [plan("01/KH-STP", D(2026, 1, 10), "Thường xuyên"), plan("12/KH-STP", D(2026, 3, 2), "Theo đợt hoặc chuyên đề"),
         plan("30/KH-STP", D(2026, 8, 1), "Theo đợt hoặc chuyên đề"), plan("02/KH-STP", D(2025, 1, 5), "Thường xuyên")]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    info = {**INFO, "unit_name": "Sở Tư pháp", "issuing_body": "SỞ TƯ PHÁP", "summary": TITLE,
            "report_year": 2026}
    return write_workbook(tmp_path_factory.mktemp("rs") / "so.xlsx",
                          Content(info=info, rows={"awards": AWARDS, "plans": PLANS}))


def _statistics_json(path, year) -> dict:
    code, stdout, stderr = run_cli(["statistics", path, "--year", year, "-o", path.with_name(f"tk{year}.xlsx"),
                                    "--force", "--json"])
    assert code == 0, stderr
    return json.loads(stdout)


def _kinds(js: dict) -> dict[str, list[int]]:
    """Per form, [collectives, individuals] as the statistics count them."""
    out: dict[str, list[int]] = {}
    for a in js["awards"]:
        out.setdefault(a["form"], [0, 0])[a["kind"] == S.INDIVIDUAL] += a["count"]
    return out


def _who_numbers(item: str) -> list[int]:
    """[collectives, individuals] of 'cho 02 tập thể và 03 cá nhân'."""
    got = dict((k, int(n.replace(".", ""))) for n, k in re.findall(r"(\d[\d.]*) (tập thể|cá nhân)", item))
    return [got.get("tập thể", 0), got.get("cá nhân", 0)]


def test_the_annual_report_cites_the_figures_of_the_statistics(workbook, tmp_path):
    js = _statistics_json(workbook, 2026)
    doc = Document(make_report(read_workbook(FileBook(workbook)), tmp_path / "bc.docx"))
    text = [p.text for p in doc.paragraphs]
    at = text.index("4. Công tác thi đua, khen thưởng:")
    movements, awards = text[at + 1], text[at + 2]
    # the movements launched in the year, by kind, as counted for the statistics
    launched = {m["kind"]: m["count"] for m in js["movements"]}
    m = re.fullmatch(r"Trong năm 2026, Sở Tư pháp đã phát động (\d+) phong trào thi đua, gồm (.*)\.", movements)
    assert m and int(m.group(1)) == sum(launched.values())
    said = {k: int(n) for n, k in re.findall(r"(\d+) phong trào ([^,]+?)(?= và |$)", m.group(2))}
    assert said == {k.lower(): n for k, n in launched.items()}
    # the awards by form and kind: each form's item carries the statistics' counts
    items = awards.rstrip(".").split("; ")
    by_form = _kinds(js)
    assert len(items) == len(by_form)
    for form, counts in by_form.items():
        item = next(i for i in items if form_phrase(form, "") in i)
        assert _who_numbers(item) == counts, (form, item)
    # and what those figures are, worked out by hand from the rows above
    assert launched == {"Thường xuyên": 1, "Theo đợt hoặc chuyên đề": 2}
    assert by_form == {BK: [1, 2], LDTT: [0, 5], GK: [2, 3]}
    assert movements == ("Trong năm 2026, Sở Tư pháp đã phát động 03 phong trào thi đua, gồm 01 phong trào thường "
                         "xuyên và 02 phong trào theo đợt hoặc chuyên đề.")


def test_the_forms_follow_the_regime_of_the_year_and_say_what_is_unverified(workbook):
    assert basis_for(2024).in_force.short == basis_for(2024).layout.short == "Thông tư 02/2023/TT-BNV"
    later = basis_for(2026)
    assert later.in_force.short == "Thông tư 18/2025/TT-BNV" and later.layout.short == "Thông tư 02/2023/TT-BNV"
    assert "chưa đọc được ngày hiệu lực và phụ lục biểu mẫu" in later.status and later.status.startswith(
        "CHƯA ĐỐI CHIẾU")
    assert basis_for(2025).in_force.short == "Thông tư 18/2025/TT-BNV"       # due 15/12/2025, after 08/10/2025
    assert basis_for(2022).in_force.short == "Thông tư 03/2018/TT-BNV"       # before 10/5/2023
    assert [f.code for f in basis_for(2022).forms] == ["0701.N/BNV-TĐKT", "0702.N/BNV-TĐKT", "0703.N/BNV-TĐKT"]
    js = count(read_workbook(FileBook(workbook)), 2026).as_json()
    assert js["regime"] == {"in_force": "Thông tư 18/2025/TT-BNV", "layout": "Thông tư 02/2023/TT-BNV",
                            "verified": False, "status": later.status}


# ---------------------------------------------------------------- the consolidated report
UNITS = ("Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "UBND xã Thạch Hà")
MANY = [(BK, ("Tập thể", "Cá nhân")), ("Cờ thi đua cấp bộ, ban, ngành, tỉnh", ("Tập thể",)),
        ("Tập thể lao động xuất sắc", ("Tập thể",)), ("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", ("Cá nhân",)),
        ("Chiến sĩ thi đua cơ sở", ("Cá nhân",)), (LDTT, ("Cá nhân",)), ("Tập thể lao động tiên tiến", ("Tập thể",)),
        (GK, ("Tập thể", "Cá nhân")), ("Huân chương Lao động", ("Tập thể", "Cá nhân"))]


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    """A master (rows carry their unit) with nine forms in 2026, one unit
    without any award that year, and rows of other years."""
    works, awards = [], []
    for u, unit in enumerate(UNITS):
        works.append({"order": 1, "name": f"Công trình của {unit}", "kind": "Công trình", "start": "Năm 2026",
                      "planned_finish": "Năm 2026", "progress": 1.0, "unit": unit})
        for f, (form, kinds) in enumerate(MANY):
            for kind in kinds:
                if u < 2:
                    awards.append(award(form, kind, 1 + (u + f) % 4, D(2026, 12, 1), unit=unit))
        awards.append(award(GK, "Cá nhân", 7, D(2025, 12, 1), unit=unit))   # 2025: not in the 2026 table
    info = {**INFO, "unit_name": "Ban Thi đua - Khen thưởng tỉnh", "issuing_body": "BAN THI ĐUA - KHEN THƯỞNG",
            "report_year": 2026}
    return write_workbook(tmp_path_factory.mktemp("master") / "tonghop.xlsx",
                          Content(info=info, rows={"works": works, "awards": awards}))


def _awards_tables(doc) -> list:
    return [t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị" and t.rows[1].cells[1].text == "Đơn vị"]


def test_the_consolidated_report_has_a_table_of_awards_by_unit_form_and_kind(master, tmp_path):
    js = _statistics_json(master, 2026)
    doc = Document(make_report(read_workbook(FileBook(master)), tmp_path / "tonghop.docx",
                               report_date=dt.date(2026, 12, 15)))
    tables = _awards_tables(doc)
    assert len(tables) == 2  # twelve columns do not fit one portrait page: two tables, the same rows
    got: dict[tuple[str, str, str], int] = {}
    for t in tables:
        forms, kinds = [c.text for c in t.rows[0].cells], [c.text for c in t.rows[1].cells]
        assert [r.cells[1].text for r in t.rows[2:]] == [*UNITS, "Tổng cộng"]
        for row in t.rows[2:-1]:
            for c in range(2, len(row.cells)):
                if forms[c] != "Tổng số":
                    got[(row.cells[1].text, forms[c], kinds[c])] = int(row.cells[c].text)
    expected = {(a["unit"], a["form"], a["kind"]): a["count"] for a in js["awards_by_unit"]}
    assert {k: v for k, v in got.items() if v} == expected     # every non-zero cell is the statistics'
    assert len(got) == len(UNITS) * 12                           # every form and kind present is a column
    assert all(v == 0 for (u, _, _), v in got.items() if u == UNITS[2])
    last = tables[-1]
    assert last.rows[0].cells[-1].text == "Tổng số"
    totals = [int(r.cells[-1].text) for r in last.rows[2:]]
    by_unit = [sum(v for (u, _, _), v in expected.items() if u == unit) for unit in UNITS]
    assert totals == by_unit + [sum(by_unit)] and sum(by_unit) == sum(a["count"] for a in js["awards"])
    for t in tables:  # the Tổng cộng row adds up its column
        for c in range(2, len(t.rows[0].cells)):
            assert int(t.rows[-1].cells[c].text) == sum(int(r.cells[c].text) for r in t.rows[2:-1])
    unit_table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Khen thưởng")
    assert [r.cells[-1].text for r in unit_table.rows[1:]] == [str(n) for n in totals]  # the same count
    # hand count: unit u, form f gives 1 + (u + f) % 4 per kind; 12 (form, kind) columns
    hand = sum(1 + (u + f) % 4 for u in range(2) for f, (_, kinds) in enumerate(MANY) for _ in kinds)
    assert sum(by_unit) == hand


def test_the_columns_are_split_by_form_to_fit_the_page():
    columns = tuple((form, kind) for form, kinds in MANY for kind in kinds)
    parts = chunks(columns)
    room = (TEXT_CM - TT_CM - UNIT_MIN_CM - TOTAL_CM) // COUNT_CM
    assert [c for part in parts for c in part] == list(columns)   # nothing lost, nothing reordered
    assert all(0 < len(p) <= room for p in parts) and len(parts) == 2
    for form, kinds in MANY:                                        # a form is never torn from its kinds
        assert sum(1 for p in parts if any(f == form for f, _ in p)) == 1
    assert chunks(columns[:3]) == [list(columns[:3])]


@pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")
def test_the_table_of_awards_fits_the_page(master, tmp_path):
    """Printed with LibreOffice: every word of the page that holds the table
    lies within the page's margins (A4, 31 mm left, 16 mm right)."""
    docx = make_report(read_workbook(FileBook(master)), tmp_path / "tonghop.docx", report_date=dt.date(2026, 12, 15))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{(tmp_path / 'lo').as_posix()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300)
    html = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "tonghop.pdf"), "-"], capture_output=True,
                          text=True).stdout
    mm = 72 / 25.4
    portrait = [p for p in html.split("<page ")[1:] if abs(float(re.search(r'width="([\d.]+)"', p).group(1))
                                                             - 210 * mm) < 1]
    words = [(float(a), float(b), w) for p in portrait
             for a, b, w in re.findall(r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)<', p)]
    printed = {w for _, _, w in words}
    assert {"Huân", "chương", "(tiếp", "theo)", "Tổng", "số"} <= printed   # the tables are on these pages
    outside = [w for x0, x1, w in words if x0 < 31 * mm - 2 or x1 > 210 * mm - 16 * mm + 2]
    assert not outside
    for unit in UNITS:  # the units' names printed whole (wrapped, never cut)
        assert set(unit.split()) <= printed


def test_a_figure_the_statistics_interpreted_is_warned_when_the_report_cites_it(workbook, tmp_path):
    from .user_books import run_cli
    code, out, err = run_cli(["report", workbook, "-o", tmp_path / "bc.docx"])
    assert code == 0, err
    warned = [line for line in out.splitlines() if "REPORT_STATISTICS_NOTE" in line]
    # the Lao động tiên tiến row (sheet row 4) has no decision date: counted by its Năm, said at Thông tin's Trích yếu
    assert len(warned) == 1 and "Cảnh báo" in warned[0] and "theo cột 'Năm'" in warned[0]
    assert "dòng 4" in warned[0] and "Khen thưởng" in warned[0]


def test_a_report_counts_the_awards_decided_by_its_date_and_names_them_as_the_statistics_do(tmp_path):
    """One count: the awards sentence and the khen thưởng section of a report
    dated 15/12/2024 leave out a decision of 20/12/2024 (said in a note) and
    an older award typed without Năm; `statistics` for the whole year counts
    the later decision."""
    from xlsrc.report import _contexts
    info = {**INFO, "unit_name": "Sở Tư pháp", "issuing_body": "SỞ TƯ PHÁP", "summary": TITLE, "report_year": 2024,
            "doc_date": D(2024, 12, 15)}
    rows = [award(GK, "Cá nhân", 2, D(2024, 12, 10)),
            award(GK, "Cá nhân", 4, D(2024, 12, 20)),             # after the report's date
            award(GK, "Tập thể", 1, D(2023, 3, 15))]              # 2023's, typed without Năm
    data = read_workbook(FileBook(write_workbook(tmp_path / "so.xlsx", Content(info=info, rows={"awards": rows}))))
    ctx = _contexts(data, None)[1]
    assert ctx["awards_sentence"] == "Về công tác khen thưởng, đã tặng Giấy khen cho 02 cá nhân có thành tích xuất " \
                                     "sắc trong công tác năm 2026."
    stats = count(data, 2024, "Sở Tư pháp", as_of=dt.date(2024, 12, 15))
    assert stats.awards_by_form == {(GK, "Cá nhân"): 2}
    assert any("1 dòng khen thưởng có ngày quyết định sau ngày báo cáo 15/12/2024: không tính (trang 'Khen thưởng', "
               "dòng 3)" in n for n in stats.counting_notes)
    assert count(data, 2024, "Sở Tư pháp").awards_by_form == {(GK, "Cá nhân"): 6}
