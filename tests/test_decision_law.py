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


def test_a_decision_on_an_unverified_base_salary_is_said_until_marked(tmp_path, capsys):
    from xlsrc.cli import main
    content = demo_content()
    content.rows["decisions"][0]["date"] = dt.datetime(2026, 8, 3)
    book = write_workbook(tmp_path / "a.xlsx", content)
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(book), "--so", NUMBER, "-o", str(tmp_path / "a.docx")])
    err = capsys.readouterr().err
    assert exc.value.code == 0
    note = next(line for line in err.splitlines() if line.startswith("Lưu ý:"))
    assert "2.530.000 đồng" in note and "Nghị định số 161/2026/NĐ-CP" in note
    assert "chưa đối chiếu được văn bản gốc" in note and "trang 'Lương cơ sở'" in note
    content.rows["base_salary"] = [{**r, "verified": "Đã đối chiếu văn bản gốc"}
                                   for r in content.rows.get("base_salary") or _defaults("base_salary")]
    with pytest.raises(SystemExit):
        main(["decision", str(write_workbook(tmp_path / "b.xlsx", content)), "--so", NUMBER,
              "-o", str(tmp_path / "b.docx")])
    assert "Lưu ý:" not in capsys.readouterr().err


# -- A6: the decision checks the review -------------------------------------------------------------------
def _ldtt_decision(tmp_path):
    """The demo plus a decision granting Lao động tiên tiến 2025 to A (Cảnh cáo that year) and C (rated
    'Hoàn thành tốt', a value not on the list)."""
    from xlsrc.awards.demo import _award
    content = demo_content()
    content.rows["decisions"].append({"order": 2, "number": "46/QĐ-SNgV", "date": dt.datetime(2025, 12, 26),
                                      "form": "Lao động tiên tiến", "summary": "Về việc công nhận danh hiệu Lao động "
                                      "tiên tiến năm 2025", "signer_name": "Đặng Văn K", "signer_title": "GIÁM ĐỐC"})
    for name, code in (("Nguyễn Văn A", "SNgV-01"), ("Lê Văn C", "")):
        content.rows["awards"].append({**_award(S.INDIVIDUAL, name, code=code), "form": "Lao động tiên tiến",
                                       "decision_number": "46/QĐ-SNgV", "decision_date": dt.datetime(2025, 12, 26)})
    content.rows["ratings"] = [r for r in content.rows.get("ratings", []) if r.get("year") != 2025] + [
        {"year": 2025, "recipient_kind": S.INDIVIDUAL, "subject": "Nguyễn Văn A", "staff_code": "SNgV-01",
         "rating": "Hoàn thành tốt nhiệm vụ", "movement": "Có", "discipline": "Cảnh cáo"},
        {"year": 2025, "recipient_kind": S.INDIVIDUAL, "subject": "Lê Văn C", "rating": "Hoàn thành tốt",
         "movement": "Có"}]
    return write_workbook(tmp_path / "ldtt.xlsx", content)


def test_the_decision_names_who_the_review_finds_not_eligible_before_writing(tmp_path, capsys):
    from xlsrc.cli import main
    out = tmp_path / "qd46.docx"
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(_ldtt_decision(tmp_path)), "--so", "46/QĐ-SNgV", "-o", str(out)])
    text = capsys.readouterr()
    said = text.out + text.err
    assert exc.value.code == 0 and out.exists()
    a = next(line for line in said.splitlines() if "DECISION_REVIEW" in line and "Nguyễn Văn A" in line)
    assert "46/QĐ-SNgV" in a and "'Không đủ'" in a and "Cảnh cáo" in a
    c = next(line for line in said.splitlines() if "DECISION_REVIEW" in line and "Lê Văn C" in line)
    assert "'Hoàn thành tốt'" in c and "được đọc là 'Hoàn thành tốt nhiệm vụ'" in c
    assert said.index("DECISION_REVIEW") < said.index("Đã lập quyết định")


def test_a_rating_off_the_list_is_a_warning_at_its_cell(tmp_path):
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    found = [f for f in validate(read_workbook(FileBook(_ldtt_decision(tmp_path)))) if f.code == "CHOICE_INTERPRETED"]
    assert len(found) == 1 and found[0].sheet == "Đánh giá" and found[0].column == "Xếp loại"
    assert found[0].severity == "warning" and "'Hoàn thành tốt'" in found[0].message
