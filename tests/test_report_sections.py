"""The annual report says what its title says (issue 19, B2 and B7), on
workbooks made with `thidua new` and typed in: a khen thưởng section counted
from the Khen thưởng sheet, a phương hướng section, warnings when the
template or the data lacks one, each work's status in the annex, counts equal
to the annex whatever the Loại, 'các Kế hoạch như:' only for several plans."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.report import default_template, make_report

from .user_books import new_book, read, run_cli, type_info, type_rows

TITLE = "Tổng kết công tác thi đua, khen thưởng năm 2026 và phương hướng, nhiệm vụ năm 2027"
D = dt.datetime


def _work(name, kind, progress, finish=D(2026, 11, 30)):
    return {"name": name, "kind": kind, "start": D(2026, 2, 1), "planned_finish": finish, "progress": progress}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = new_book(tmp_path_factory.mktemp("sections") / "base.xlsx", {"summary": TITLE})
    type_rows(path, S.WORKS, [_work("Số hoá hồ sơ sáng chế", "Công trình", 1),
                              _work("Trạm quan trắc môi trường", "Phần việc", 0.6, D(2027, 6, 30)),
                              _work("Rà soát thủ tục hành chính", "Nhiệm vụ", 1)])
    awards = [{"form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2, "field": "công tác năm 2026",
               "year": 2026},
              {"form": "Giấy khen", "recipient_kind": "Cá nhân", "count": 7, "field": "công tác năm 2026",
               "year": 2026},
              {"form": "Lao động tiên tiến", "recipient_kind": "Cá nhân", "count": 3, "field": "năm 2026",
               "year": 2026},
              {"form": "Giấy khen", "recipient_kind": "Cá nhân", "count": 4, "field": "công tác năm 2025",
               "year": 2025}]  # history of another year: not this report's
    type_rows(path, S.AWARDS, awards)
    type_rows(path, S.PLANS, [{"doc_type": "Kế hoạch", "number": "15/KH-SKHCN", "date": D(2026, 1, 20),
                               "issuer": "Sở Khoa học và Công nghệ", "summary": "tổ chức phong trào thi đua năm 2026",
                               "role": "Kế hoạch của đơn vị"}])
    type_rows(path, S.NARRATIVE, [{"section": "2. Kết quả thực hiện", "text": "Cán bộ ra sức thi đua."}])
    return path


def _copy(base, tmp_path, name="wb.xlsx"):
    return shutil.copy(base, tmp_path / name)


def _text(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


def test_the_sections_the_title_announces_are_there(base, tmp_path):
    path = _copy(base, tmp_path)
    type_rows(path, S.NARRATIVE, [{"section": "Phương hướng, nhiệm vụ", "order": 1,
                                   "text": "Tiếp tục đổi mới công tác thi đua."},
                                  {"section": "phương hướng", "order": 2, "text": "Nâng cao chất lượng khen thưởng."}])
    text = _text(make_report(read(path), tmp_path / "bc.docx"))
    at = text.index("4. Công tác khen thưởng:")
    assert text[at + 1] == ("Đã tặng Giấy khen cho 02 tập thể và 07 cá nhân; công nhận danh hiệu “Lao động tiên "
                            "tiến” cho 03 cá nhân.")  # from the Khen thưởng sheet, the 2025 row left out
    at = text.index("5. Phương hướng, nhiệm vụ năm 2027:")
    assert text[at + 1:at + 3] == ["Tiếp tục đổi mới công tác thi đua.", "Nâng cao chất lượng khen thưởng."]
    code, out, err = run_cli(["report", path, "-o", tmp_path / "bc2.docx"])
    assert code == 0 and "REPORT_SECTION" not in out + err


def test_a_missing_section_is_warned_for_the_data_and_for_the_template(base, tmp_path):
    path = _copy(base, tmp_path)
    code, out, err = run_cli(["report", path, "-o", tmp_path / "bc.docx"])
    assert code == 0, err
    assert "Cảnh báo [REPORT_SECTION_EMPTY]" in out and "Thông tin!B9" in out and "Phương hướng, nhiệm vụ" in out
    assert "REPORT_TEMPLATE_SECTION_MISSING" not in out
    # a template of its own without the two sections (the older template)
    xml = zipfile.ZipFile(default_template("department")).read("word/document.xml").decode("utf-8")
    old = tmp_path / "mau_cu.docx"
    with zipfile.ZipFile(default_template("department")) as src, zipfile.ZipFile(old, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = (xml.replace("awards_section", "works_notes").replace("awards_heading", "works_heading")
                        .replace("direction_heading", "works_heading").replace("direction", "works_notes")
                        .encode("utf-8"))
            dst.writestr(item, data)
    code, out, err = run_cli(["report", path, "--template", old, "-o", tmp_path / "bc2.docx"])
    assert code == 0, err
    assert out.count("REPORT_TEMPLATE_SECTION_MISSING") == 2 and "công tác khen thưởng" in out


def test_a_title_that_announces_nothing_adds_no_section(base, tmp_path):
    path = _copy(base, tmp_path)
    type_info(path, {"summary": "Tổng kết phong trào thi đua năm 2026"})
    text = _text(make_report(read(path), tmp_path / "bc.docx"))
    assert not [t for t in text if "Công tác khen thưởng" in t or "Phương hướng" in t]


def test_counts_equal_the_annex_and_the_annex_shows_each_status(base, tmp_path):
    doc = Document(make_report(read(_copy(base, tmp_path)), tmp_path / "bc.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "đã đăng ký 03 công trình, phần việc, nhiệm vụ" in text  # the Nhiệm vụ is counted, as it is listed
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert rows[0][-1] == "Tình trạng"
    items = [r for r in rows[2:] if r[0].isdigit()]
    assert len(items) == 3
    assert [r[-1] for r in items] == ["Hoàn thành", "Đang thực hiện", "Hoàn thành"]


def test_cac_ke_hoach_nhu_only_for_more_than_one_plan(base, tmp_path):
    text = "\n".join(_text(make_report(read(_copy(base, tmp_path)), tmp_path / "bc.docx")))
    assert ("đã ban hành Kế hoạch tổ chức phong trào thi đua năm 2026 (Kế hoạch số 15/KH-SKHCN ngày 20/01/2026)"
            in text) and "các Kế hoạch như" not in text
    path = _copy(base, tmp_path, "b.xlsx")
    type_rows(path, S.PLANS, [{"doc_type": "Kế hoạch", "number": "16/KH-SKHCN", "date": D(2026, 2, 2),
                               "issuer": "Sở Khoa học và Công nghệ", "summary": "khen thưởng đột xuất",
                               "role": "Kế hoạch của đơn vị"}])
    text = "\n".join(_text(make_report(read(path), tmp_path / "bc2.docx")))
    assert "đã ban hành các Kế hoạch như: Kế hoạch tổ chức phong trào" in text


def test_award_sentences_name_forms_as_decisions_do():
    from xlsrc.completion import AwardGroup, Totals
    from xlsrc.report.context import awards_sentence
    from xlsrc.report.sections import awards_paragraph
    totals = Totals(as_of=None)
    totals.award_groups = [AwardGroup("Bằng khen cấp bộ, ban, ngành, tỉnh", "", "", 1, 2),
                           AwardGroup("Chiến sĩ thi đua cơ sở", "", "", 0, 4), AwardGroup("Giấy khen", "", "", 0, 5)]
    expected = ("tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân; công nhận danh hiệu "
                "“Chiến sĩ thi đua cơ sở” cho 04 cá nhân; tặng Giấy khen cho 05 cá nhân.")
    assert awards_sentence(totals.award_groups) == f"Về công tác khen thưởng, đã {expected}"
    by_form = {("Bằng khen cấp bộ, ban, ngành, tỉnh", "Tập thể"): 1, ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Cá nhân"): 2,
               ("Chiến sĩ thi đua cơ sở", "Cá nhân"): 4, ("Giấy khen", "Cá nhân"): 5}   # as Statistics.awards_by_form
    assert awards_paragraph(by_form) == f"Đã {expected}"
