"""Issue 19 A3, A8, A9: the decree in force on the decision's date, the
collective Giấy khen as twice the individual prize, and the provenance of
the lương cơ sở — on the demo workbook as a user changes it, built, read
back and rendered."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.awards import make_decision
from xlsrc.awards.demo import NUMBER
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.validation import validate


def _text(path) -> str:
    doc = Document(path)
    lines = [p.text for p in doc.paragraphs]
    lines += [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return "\n".join(lines)


def _defaults(key):
    from xlsrc.awards.defaults import default_rows, with_prize_coefficients
    from xlsrc.review.defaults import default_standard_rows
    return with_prize_coefficients(default_standard_rows()) if key == "standards" else default_rows(key)


def _decision(read_back, tmp_path, day, name="qd.docx", **changes):
    content = demo_content()
    content.rows["decisions"][0]["date"] = day
    for key, rows in changes.items():
        content.rows[key] = rows(content.rows.get(key) or _defaults(key))
    return _text(make_decision(read_back(content, name.replace(".docx", ".xlsx")), NUMBER, tmp_path / name))


def test_a_decision_of_june_2024_cites_the_decree_then_in_force(read_back, tmp_path):
    text = _decision(read_back, tmp_path, dt.datetime(2024, 6, 28))
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ" in text
    assert "152/2025" not in text  # neither in the bases nor in Điều 2
    assert "mức lương cơ sở 1.800.000 đồng" in text
    assert "làm tròn lên hàng chục nghìn đồng theo Nghị định số 98/2023/NĐ-CP" in text


def test_from_july_2025_the_decision_cites_nd152_and_never_nd98(read_back, tmp_path):
    text = _decision(read_back, tmp_path, dt.datetime(2025, 7, 1))
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ" in text
    assert "98/2023" not in text
    assert "khoản 2 Điều 49 Nghị định số 152/2025/NĐ-CP" in text


def test_a_decision_before_the_2022_law_is_refused_with_a_message(read_back, tmp_path):
    with pytest.raises(ThiDuaError, match="trước ngày 01/01/2024"):
        _decision(read_back, tmp_path, dt.datetime(2023, 12, 20))


def test_the_collective_giay_khen_is_twice_the_individual_prize(read_back, tmp_path):
    text = _decision(read_back, tmp_path, dt.datetime(2025, 12, 22))
    assert ("mỗi tập thể được thưởng 1.420.000 đồng (gấp hai lần mức tiền thưởng đối với cá nhân); mỗi cá nhân được "
            "thưởng 710.000 đồng (0,3 lần mức lương cơ sở)") in text


def test_the_multiple_is_data_left_blank_the_coefficient_rules(read_back, tmp_path):
    def blank(rows):
        return [{**r, "prize_times_individual": None} if r.get("title") == "Giấy khen" else r for r in rows]
    text = _decision(read_back, tmp_path, dt.datetime(2025, 12, 22), standards=blank)
    assert "mỗi tập thể được thưởng 1.410.000 đồng (0,6 lần mức lương cơ sở)" in text  # 1.404.000 rounded up


def test_a_new_workbook_says_how_each_base_salary_was_verified(tmp_path):
    ws = openpyxl.load_workbook(write_workbook(tmp_path / "moi.xlsx"))[S.BASE_SALARY.name]
    rows = list(ws.iter_rows(values_only=True))
    status = rows[0].index("Tình trạng đối chiếu")
    latest = next(r for r in rows[1:] if r[1] == 2_530_000)
    assert latest[status] == "Chưa đối chiếu được văn bản gốc"
    standards = list(openpyxl.load_workbook(tmp_path / "moi.xlsx")[S.STANDARDS.name].iter_rows(values_only=True))
    head = standards[0]
    assert all(r[head.index("Tình trạng đối chiếu")] for r in standards[1:] if r[0])


def test_a_decision_on_an_unverified_base_salary_is_warned_until_marked(read_back):
    content = demo_content()
    content.rows["decisions"][0]["date"] = dt.datetime(2026, 8, 3)
    found = [f for f in validate(read_back(content)) if f.code == "DECISION_BASE_SALARY_UNVERIFIED"]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].sheet == "Quyết định"
    assert "2.530.000 đồng" in found[0].message and "Nghị định số 161/2026/NĐ-CP" in found[0].message
    content.rows["base_salary"] = [{**r, "verified": "Đã đối chiếu văn bản gốc"}
                                   for r in content.rows.get("base_salary") or _defaults("base_salary")]
    assert not [f for f in validate(read_back(content, "b.xlsx")) if f.code == "DECISION_BASE_SALARY_UNVERIFIED"]
