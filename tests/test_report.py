"""The Word report, rendered for real and read back with python-docx."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.records import read_workbook
from xlsrc.report import check_template, default_template, is_consolidated, make_report, to_pdf

from .user_books import run_cli


def _data(tmp_path, content=None, name="wb.xlsx"):
    return read_workbook(FileBook(write_workbook(tmp_path / name, content or demo_content())))


@pytest.fixture()
def demo_docx(tmp_path):
    return make_report(_data(tmp_path), tmp_path / "bc.docx")


def _all_text(doc) -> list[str]:
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def _paragraph(doc, text):
    for p in doc.paragraphs:
        if p.text == text:
            return p
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text == text:
                        return p
    raise AssertionError(f"no paragraph {text!r}")


SEED_LINES = [
    "Số: 180/BC-SNgV",
    "Hà Tĩnh, ngày 18 tháng 11 năm 2021",
    "Kính gửi: Ban Thi đua - Khen thưởng tỉnh.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Ngô Thị Hoài Nam",
]
SEED_FRAGMENTS = [
    "Thực hiện Văn bản số 06/HĐTĐKT ngày 12/11/2021 của Hội đồng Thi đua - Khen thưởng tỉnh về việc tổng kết",
    "Căn cứ Kế hoạch số 06/KH-UBND ngày 11/01/2021 của UBND tỉnh về xây dựng, bồi dưỡng và nhân rộng điển hình "
    "tiên tiến trong phong trào thi đua yêu nước giai đoạn 2021 - 2025",
    "Kế hoạch số 15/KH-UBND ngày 15/01/2021 của UBND tỉnh về tổ chức phong trào thi đua thực hiện nhiệm vụ phát "
    "triển kinh tế - xã hội năm 2021",
    "Kế hoạch số 54/KH-UBND ngày 26/02/2021 của UBND tỉnh phát động đợt thi đua lập thành tích",
    "Kế hoạch tổ chức phong trào thi đua năm 2021 (Kế hoạch số 84/KH-SNgV ngày 02/02/2021)",
    "(Kế hoạch số 198/KH-SNgV ngày 24/3/2021)",
    "(Kế hoạch số 391/KH-SNgV ngày 11/6/2021)",
    "(Kế hoạch số 216/KH-SNgV ngày 29/3/2021)",
    "đã đăng ký 03 công trình, phần việc chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập tỉnh "
    "(Công văn số 221/SNgV-VPTTr ngày 30/3/2021).",
    "Đến nay, 02 nhiệm vụ đăng ký trong chương trình khung của tỉnh năm 2021 đã hoàn thành.",
    "3. Kết quả thực hiện các công trình, phần việc chào mừng: có phụ lục biểu mẫu gửi kèm.",
    "Sở Ngoại vụ gửi Ban Thi đua - Khen thưởng tỉnh tổng hợp./.",
    "(Kèm theo báo cáo số 180/BC-SNgV ngày 18 tháng 11 năm 2021 của Sở Ngoại vụ)",
]


def test_content_word_for_word(demo_docx):
    doc = Document(demo_docx)
    lines = _all_text(doc)
    for line in SEED_LINES:
        assert line in lines, line
    text = "\n".join(lines)
    for fragment in SEED_FRAGMENTS:
        assert fragment in text, fragment
    assert "Tư liệu" not in text and "Thái Phúc Sơn" not in text  # notes are not printed
    # nothing that 180/BC-SNgV does not say: no awards of the 2020 conference (another movement), no
    # computed "01 công trình … đã hoàn thành" after the seed's "02 nhiệm vụ … đã hoàn thành"
    assert "Giấy khen" not in text and "Về công tác khen thưởng" not in text
    assert text.count("đã hoàn thành") == text.count("Đến nay, 02 nhiệm vụ đăng ký") == 1
    summary = "Tổng kết phong trào thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập tỉnh"
    assert summary in lines and "tài lập" not in text  # the seed's slip "30 tài lập tỉnh", corrected
    assert doc.core_properties.subject == summary
    annex = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in annex.rows[2:]]
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert rows[0][2:] == ["Năm 2021", "Năm 2022", "95% (dự kiến khởi công trong tháng 12/2021)", "Đang thực hiện"]
    assert rows[1][2:] == ["Tháng 4", "Tháng 12", "100%", "Hoàn thành"]  # each work's status on the report's day
    assert rows[2][2:4] == ["Tháng 7", "Tháng 9"]
    assert rows[2][4].startswith("Sở Ngoại vụ đã có văn bản gửi các sở") and rows[2][4].endswith("sang năm 2022.")
    assert rows[0][1].startswith("Khởi công xây dựng Dự án hệ thống thủy lợi huyện Nông Bốc")


def test_form_of_nghi_dinh_30(demo_docx):
    doc = Document(demo_docx)
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert Mm(20) <= sec.top_margin <= Mm(25) and Mm(20) <= sec.bottom_margin <= Mm(25)
    assert Mm(30) <= sec.left_margin <= Mm(35) and Mm(15) <= sec.right_margin <= Mm(20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    assert normal.paragraph_format.space_after >= Pt(6)
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Văn bản"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= body.paragraph_format.first_line_indent <= Mm(12.7)
    header = doc.tables[0]
    borders = header._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert all(b.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil" for b in borders)
    runs = lambda text: _paragraph(doc, text).runs  # noqa: E731
    assert not any(r.bold for r in runs("UBND TỈNH HÀ TĨNH"))
    assert all(r.bold for r in runs("SỞ NGOẠI VỤ"))
    assert all(r.bold for r in runs("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert all(r.bold for r in runs("Độc lập - Tự do - Hạnh phúc"))
    assert all(r.italic for r in runs("Hà Tĩnh, ngày 18 tháng 11 năm 2021"))
    title = _paragraph(doc, "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in title.runs)
    label = runs("Nơi nhận:")
    assert all(r.bold and r.italic and r.font.size == Pt(12) for r in label)
    assert all(r.font.size == Pt(11) for r in runs("- Như trên;"))
    for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Ngô Thị Hoài Nam"):
        assert all(r.bold for r in runs(text))
    # rules under the issuing body and the motto: paragraph bottom borders
    xml = header._tbl.xml
    assert xml.count("<w:bottom ") >= 2
    # page numbers from page 2: a different first page, a PAGE field in the header
    assert sec.different_first_page_header_footer
    assert "PAGE" in sec.header._element.xml and "PAGE" not in sec.first_page_header._element.xml
    annex = doc.sections[-1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > annex.page_height


def test_text_with_special_characters_and_line_breaks_survives(tmp_path):
    content = demo_content()
    content.rows["works"][0]["name"] = 'Dự án "A & B" <giai đoạn 2>\ndòng hai'
    content.rows["narrative"][1]["text"] = "Đoạn có ký tự & < > \" ' và\nxuống dòng."
    out = make_report(_data(tmp_path, content), tmp_path / "bc.docx")
    doc = Document(out)
    assert doc.tables[-1].rows[2].cells[1].text == 'Dự án "A & B" <giai đoạn 2>\ndòng hai'
    assert any(p.text.startswith("Đoạn có ký tự & < > \" ' và\nxuống dòng.") for p in doc.paragraphs)


def _asking(tmp_path, tags: str):
    """The department template with a paragraph asking for computed sentences."""
    return _edited_template(tmp_path, "{{ works_heading }}", tags + "{{ works_heading }}")


def test_counts_and_dates_follow_the_rules(tmp_path):
    template = _asking(tmp_path, "{{ status_sentence }} {{ awards_sentence }} ")
    text = "\n".join(_all_text(Document(make_report(_data(tmp_path), tmp_path / "bc.docx", template=template))))
    assert "03 công trình, phần việc" in text and "02 tập thể và 07 cá nhân" in text
    assert "Đến nay, 01 công trình, phần việc đã hoàn thành, 01 đang thực hiện, 01 lùi thời gian." in text
    assert re.search(r"ngày 2/2/2021|ngày \d/", text) is None


def test_never_overwrites_without_force(demo_docx, tmp_path):
    before = demo_docx.read_bytes()
    with pytest.raises(ThiDuaError, match="--force"):
        make_report(_data(tmp_path, name="b.xlsx"), demo_docx)
    assert demo_docx.read_bytes() == before
    make_report(_data(tmp_path, name="c.xlsx"), demo_docx, force=True)


def _edited_template(tmp_path, old: str, new: str, part: str = "word/document.xml"):
    src = default_template("department")
    out = tmp_path / "mau.docx"
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return out


def test_template_injection_is_blocked(tmp_path):
    evil = _edited_template(tmp_path, "{{ doc_number }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ThiDuaError, match="không an toàn"):
        make_report(_data(tmp_path), tmp_path / "x.docx", template=evil)
    assert not (tmp_path / "x.docx").exists()


def test_document_properties_are_rendered_in_the_same_sandbox(tmp_path, demo_docx):
    assert Document(demo_docx).core_properties.title == "Báo cáo 180/BC-SNgV"
    evil = _edited_template(tmp_path, "{{ doc_type }} {{ doc_number }}", "{{ cycler.__init__.__globals__ }}",
                            part="docProps/core.xml")
    with pytest.raises(ThiDuaError, match="không an toàn"):
        make_report(_data(tmp_path, name="p.xlsx"), tmp_path / "x.docx", template=evil)
    assert not (tmp_path / "x.docx").exists()


def test_headers_are_rendered_in_the_same_sandbox(tmp_path):
    header = next(n for n in zipfile.ZipFile(default_template("department")).namelist()
                  if n.startswith("word/header") and b"PAGE" in zipfile.ZipFile(default_template("department")).read(n))
    evil = _edited_template(tmp_path, "<w:instrText", "<w:t>{{ ''.__class__.__mro__ }}</w:t><w:instrText",
                            part=header)
    with pytest.raises(ThiDuaError, match="không an toàn"):
        make_report(_data(tmp_path), tmp_path / "x.docx", template=evil)


def test_unknown_tag_is_reported_by_name(tmp_path):
    bad = _edited_template(tmp_path, "{{ doc_number }}", "{{ so_van_ban_moi }}")
    with pytest.raises(ThiDuaError, match="so_van_ban_moi"):
        make_report(_data(tmp_path), tmp_path / "x.docx", template=bad)
    assert check_template(bad) == ["so_van_ban_moi"]
    assert check_template(default_template("department")) == []
    assert check_template(default_template("consolidated")) == []


@pytest.mark.long
def test_check_template_command_exit_codes(tmp_path):
    import sys
    bad = _edited_template(tmp_path, "{{ doc_number }}", "{{ ma_moi }}")
    res = subprocess.run([sys.executable, "-m", "xlsrc", "check-template", str(bad)], capture_output=True,
                         text=True, encoding="utf-8")
    assert res.returncode == 1 and "ma_moi" in res.stderr
    code, _, stderr = run_cli(["check-template", default_template("department")])  # in this process
    assert code == 0, stderr


def test_a_tag_split_across_runs_by_word_still_renders(tmp_path):
    split = _edited_template(tmp_path, "<w:t>Số: {{ doc_number }}</w:t>",
                             '<w:t>Số: {{ doc_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>number }}</w:t>')
    out = make_report(_data(tmp_path), tmp_path / "x.docx", template=split)
    assert "Số: 180/BC-SNgV" in _all_text(Document(out))


def test_consolidated_report_has_unit_table_chart_and_grouped_annex(tmp_path):
    content = demo_content()
    works = []
    for unit, n_done in (("Sở Y tế", 2), ("Sở Tư pháp", 1)):
        for i in range(3):
            works.append({"order": i + 1, "name": f"Công trình {i + 1} của {unit}", "kind": "Công trình",
                          "start": "Năm 2021", "planned_finish": "Năm 2022",
                          "progress": 1.0 if i < n_done else 0.5, "unit": unit})
    content.rows["works"] = works
    for a in content.rows["awards"]:
        a["unit"] = "Sở Y tế"
    data = _data(tmp_path, content)
    assert is_consolidated(data)
    out = make_report(data, tmp_path / "tonghop.docx")
    doc = Document(out)
    text = "\n".join(_all_text(doc))
    assert "02 đơn vị đã gửi báo cáo, đăng ký 06 công trình, phần việc; đến nay 03 công trình, phần việc đã " \
           "hoàn thành, đạt tỷ lệ 50%." in text
    unit_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert [[c.text for c in r.cells] for r in unit_table.rows[1:]] == [  # plain numbers, and the total
        ["1", "Sở Y tế", "3", "2", "66,7%", "18"], ["2", "Sở Tư pháp", "3", "1", "33,3%", "0"],
        ["", "Tổng cộng", "6", "3", "50%", "18"]]
    assert "Số còn lại: 03 chậm tiến độ." in text  # as of today
    assert text.count("công trình, phần việc đã hoàn thành") == 1  # never twice
    names = zipfile.ZipFile(out).namelist()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    annex = [[c.text for c in r.cells] for r in doc.tables[-1].rows[2:]]
    assert annex[0][0].startswith("Sở Y tế (03 công trình, phần việc)")
    assert annex[4][0].startswith("Sở Tư pháp")
    assert annex[5][:2] == ["1", "Công trình 1 của Sở Tư pháp"]


@pytest.mark.long
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_conversion(demo_docx):
    pdf = to_pdf(demo_docx)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "BÁO CÁO" in text and "Ngô Thị Hoài Nam" in text


def test_pdf_without_libreoffice_explains_how_to_install(demo_docx, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ThiDuaError, match="LibreOffice"):
        to_pdf(demo_docx)


def test_templates_are_reproducible(tmp_path):
    from xlsrc.report.build_templates import build_all
    a = build_all(tmp_path / "a")
    assert [p.name for p in a] == ["bao_cao_don_vi.docx", "bao_cao_tong_hop.docx"]
    for p in a:
        assert zipfile.ZipFile(p).read("word/document.xml") == \
            zipfile.ZipFile(default_template("department" if "don_vi" in p.name else "consolidated")).read(
                "word/document.xml")


def test_special_characters_in_title_and_document_properties(tmp_path):
    content = demo_content()
    content.info["summary"] = 'Tổng kết "A & B" <đợt 2>'
    out = make_report(_data(tmp_path, content), tmp_path / "bc.docx")
    doc = Document(out)
    assert doc.core_properties.subject == 'Tổng kết "A & B" <đợt 2>'
    assert 'Tổng kết "A & B" <đợt 2>' in _all_text(doc)


def test_tabs_and_control_characters_in_annex_cells(tmp_path):
    content = demo_content()
    content.rows["works"][0]["name"] = "Cột\tmột\x07\x1bhai  ba"
    out = make_report(_data(tmp_path, content), tmp_path / "bc.docx")
    cell = Document(out).tables[-1].rows[2].cells[1]
    assert cell.text == "Cột\tmộthai  ba"


def test_the_classic_ssti_probe_runs_nothing(tmp_path):
    evil = _edited_template(tmp_path, "{{ summary }}", "{{ ''.__class__.__mro__ }}")
    with pytest.raises(ThiDuaError) as err:
        make_report(_data(tmp_path), tmp_path / "x.docx", template=evil)
    assert "không an toàn" in str(err.value) and "object" not in str(err.value).split("(")[0]
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(ThiDuaError, match="không an toàn|__class__"):
        check_template(evil) or make_report(_data(tmp_path, name="q.xlsx"), tmp_path / "y.docx", template=evil)


def test_template_problems_are_thidua_errors(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ThiDuaError, match="hong.docx"):
        make_report(_data(tmp_path), tmp_path / "x.docx", template=bad)
    with pytest.raises(ThiDuaError):
        make_report(_data(tmp_path, name="b.xlsx"), tmp_path / "x.docx", template=tmp_path / "khong_co.docx")
    syntax = _edited_template(tmp_path, "{{ doc_number }}", "{{ doc_number ")
    with pytest.raises(ThiDuaError, match="cú pháp"):
        make_report(_data(tmp_path, name="c.xlsx"), tmp_path / "x.docx", template=syntax)
    with pytest.raises(ThiDuaError):
        default_template("khac")


def test_default_template_is_built_into_the_user_cache_without_a_repository(tmp_path, monkeypatch):
    import sys

    import xlsrc.report as report
    monkeypatch.setattr(report, "REPO_TEMPLATES", tmp_path / "none")
    monkeypatch.setitem(sys.modules, "xlsrc_templates", None)  # not installed
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    path = default_template("consolidated")
    assert path == tmp_path / "appdata" / "thidua" / "templates" / "bao_cao_tong_hop.docx"
    assert path.exists() and (path.parent / "bao_cao_don_vi.docx").exists()
    out = make_report(_data(tmp_path), tmp_path / "bc.docx")
    assert "Số: 180/BC-SNgV" in _all_text(Document(out))


def test_as_of_changes_the_status_sentence(tmp_path):
    import datetime as dt
    out = make_report(_data(tmp_path), tmp_path / "bc.docx", as_of=dt.date(2023, 1, 1),
                      template=_asking(tmp_path, "{{ status_sentence }} "))
    text = "\n".join(_all_text(Document(out)))
    assert "Đến nay, 01 công trình, phần việc đã hoàn thành, 01 chậm tiến độ, 01 lùi thời gian." in text


def test_a_master_from_the_consolidator_gets_the_consolidated_report(tmp_path):
    from xlsrc.consolidate import consolidate, write_master
    folder = tmp_path / "donvi"
    folder.mkdir()
    for unit, body in (("Sở Ngoại vụ", "SỞ NGOẠI VỤ"), ("Sở Tư pháp", "SỞ TƯ PHÁP")):
        content = demo_content()
        content.info.update(unit_name=unit, issuing_body=body)
        write_workbook(folder / f"{unit}.xlsx", content)
    master = write_master(consolidate([str(folder)]), tmp_path / "tonghop.xlsx")
    data = read_workbook(FileBook(master))
    assert is_consolidated(data)
    out = make_report(data, tmp_path / "tonghop.docx")
    doc = Document(out)
    text = "\n".join(_all_text(doc))
    assert "02 đơn vị đã gửi báo cáo, đăng ký 06 công trình, phần việc" in text
    assert "08 tập thể và 28 cá nhân" in text
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in zipfile.ZipFile(out).namelist())
    groups = [r.cells[0].text for r in doc.tables[-1].rows[2:] if r.cells[0].text.startswith("Sở ")]
    assert len(groups) == 2 and all("(03 công trình, phần việc)" in g for g in groups)
    assert text.count("Văn bản số 06/HĐTĐKT ngày 12/11/2021") == 1  # the units' shared basis, once
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text).rows[0].cells[1]
    assert signature.paragraphs[0].text == "TRƯỞNG BAN"  # no empty line where no KT./TM. is given


def test_fonts_cover_every_script_and_header_left_is_upright(demo_docx):
    doc = Document(demo_docx)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = doc.styles["Normal"].element.rPr.find(f"{w}rFonts")
    assert all(fonts.get(f"{w}{a}") == "Times New Roman" for a in ("ascii", "hAnsi", "cs"))
    top = _paragraph(doc, "UBND TỈNH HÀ TĨNH")
    assert not any(r.bold or r.italic for r in top.runs)
    assert _paragraph(doc, "Số: 180/BC-SNgV").text == "Số: 180/BC-SNgV"
    for p in doc.paragraphs:
        if p.text.startswith(("Căn cứ Kế hoạch", "Trên đây là báo cáo")):
            assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and p.paragraph_format.first_line_indent >= Mm(10)
    sizes = {r.font.size for p in doc.paragraphs if p.text.startswith("Căn cứ") for r in p.runs}
    assert sizes <= {None, Pt(13), Pt(14)}


def test_check_template_refuses_unsafe_expressions_without_rendering(tmp_path):
    evil = _edited_template(tmp_path, "{{ summary }}", "{{ x['__globals__'] }}")
    with pytest.raises(ThiDuaError, match="không an toàn.*__globals__"):
        check_template(evil)


def test_check_template_looks_in_headers_and_document_properties(tmp_path):
    props = _edited_template(tmp_path, "{{ doc_type }} {{ doc_number }}", "{{ tieu_de_moi }}",
                             part="docProps/core.xml")
    assert check_template(props) == ["tieu_de_moi"]
    name = next(n for n in zipfile.ZipFile(default_template("department")).namelist()
                if n.startswith("word/header") and b"PAGE" in zipfile.ZipFile(default_template("department")).read(n))
    (tmp_path / "h").mkdir()
    header = _edited_template(tmp_path / "h", "<w:instrText", "<w:t>{{ so_trang_moi }}</w:t><w:instrText", part=name)
    assert check_template(header) == ["so_trang_moi"]


def test_text_comes_out_in_nfc(tmp_path):
    import unicodedata
    content = demo_content()
    decomposed = unicodedata.normalize("NFD", "Tổ chức lớp tiếng Lào")
    content.rows["works"][0]["name"] = decomposed
    content.info["summary"] = unicodedata.normalize("NFD", "Tổng kết phong trào")
    out = make_report(_data(tmp_path, content), tmp_path / "bc.docx")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "Tổ chức lớp tiếng Lào" in xml and decomposed not in xml
    assert "Tổng kết phong trào" in _all_text(Document(out))


def test_annex_markers_split_by_word_still_fill_the_table(tmp_path):
    run = '<w:r><w:rPr><w:b/></w:rPr><w:t>'
    split = _edited_template(tmp_path, "<w:t>[[name]]</w:t>",
                             f'<w:t>[[na</w:t></w:r><w:proofErr w:type="spellStart"/>{run}m</w:t></w:r>'
                             f'<w:proofErr w:type="spellEnd"/>{run}e]]</w:t>')
    assert check_template(split) == []
    doc = Document(make_report(_data(tmp_path), tmp_path / "x.docx", template=split))
    names = [r.cells[1].text for r in doc.tables[-1].rows[2:]]
    assert len(names) == 3 and names[2] == "Tổ chức lớp tiếng Lào cho cán bộ công chức viên chức của tỉnh"


def test_percent_signs_and_braces_in_the_annex_row_of_the_template_are_kept(tmp_path):
    """The annex row is made once into a format with a place for each
    marker: the template's own '%', '%s' and braces there are text."""
    edited = _edited_template(tmp_path, "<w:t>[[name]]</w:t>", "<w:t>[[name]] (100% xong, %s {0} {x})</w:t>")
    doc = Document(make_report(_data(tmp_path), tmp_path / "x.docx", template=edited))
    names = [r.cells[1].text for r in doc.tables[-1].rows[2:]]
    assert names[2] == "Tổ chức lớp tiếng Lào cho cán bộ công chức viên chức của tỉnh (100% xong, %s {0} {x})"


def test_a_tag_whose_braces_word_split_still_renders(tmp_path):
    split = _edited_template(tmp_path, "<w:t>Số: {{ doc_number }}</w:t>",
                             '<w:t xml:space="preserve">Số: {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r>'
                             '<w:t>{ doc_number }</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>}</w:t>')
    assert check_template(split) == []
    out = make_report(_data(tmp_path), tmp_path / "x.docx", template=split)
    assert "Số: 180/BC-SNgV" in _all_text(Document(out))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_template_resaved_by_an_office_suite_still_renders_the_same(tmp_path, demo_docx):
    src = tmp_path / "mau" / "bao_cao_don_vi.docx"
    src.parent.mkdir()
    shutil.copyfile(default_template("department"), src)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{(tmp_path / 'profile').as_posix()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "resaved"), str(src)],
                   capture_output=True, timeout=300, check=False)
    resaved = tmp_path / "resaved" / "bao_cao_don_vi.docx"
    assert resaved.exists()
    assert zipfile.ZipFile(resaved).read("word/document.xml") != zipfile.ZipFile(src).read("word/document.xml")
    assert check_template(resaved) == []
    out = make_report(_data(tmp_path, name="r.xlsx"), tmp_path / "r.docx", template=resaved)
    assert _all_text(Document(out)) == _all_text(Document(demo_docx))


def _two_unit_data(tmp_path):
    content = demo_content()
    content.rows["works"] = [
        {"order": i + 1, "name": f"Công trình {i + 1} của {unit}", "kind": "Công trình", "start": "Năm 2021",
         "planned_finish": "Năm 2022", "progress": 1.0, "unit": unit}
        for unit in ("Sở Y tế", "Sở Tư pháp") for i in range(2)]
    return _data(tmp_path, content, name="tonghop.xlsx")


def _docx_parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


@pytest.mark.skipif(sys.platform != "linux", reason="the chart is drawn in another process on Linux only")
@pytest.mark.parametrize("foreseen", ["right", "wrong"])
def test_the_chart_drawn_in_another_process_while_the_annex_is_made_gives_the_same_report(tmp_path, monkeypatch,
                                                                                          forks, foreseen):
    """Placed from a stand-in of its size, its bytes written last; a chart
    not of the size foreseen (another matplotlib) is placed again, as drawn."""
    import datetime as dt

    from xlsrc import halves
    from xlsrc.report import chart
    data = _two_unit_data(tmp_path)
    if foreseen == "wrong":
        header = chart.png_header
        monkeypatch.setattr(chart, "png_header", lambda units: header(units + 9))
    forks.clear()  # the reader's
    monkeypatch.setattr(halves, "can_fork", lambda: True)  # CI's two cores, whatever threads run here
    two = make_report(data, tmp_path / "two.docx", report_date=dt.date(2026, 11, 25))
    assert len(forks) == 1
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    one = make_report(data, tmp_path / "one.docx", report_date=dt.date(2026, 11, 25))
    assert len(forks) == 1
    parts = _docx_parts(two)
    assert parts == _docx_parts(one) and parts["word/media/image1.png"].startswith(b"\x89PNG")
    assert len(parts["word/media/image1.png"]) > 1000  # the chart, not its stand-in


@pytest.mark.parametrize("units", [1, 11, 41])
def test_the_charts_size_is_foreseen_before_it_is_drawn(units):
    import datetime as dt

    from docx.image.image import Image

    from xlsrc.completion import Totals, UnitTotals
    from xlsrc.report.chart import completion_chart, png_header
    totals = Totals(dt.date(2026, 11, 25), by_unit={f"U{i}": UnitTotals(f"U{i}", 4, i % 5) for i in range(units)})
    drawn, foreseen = Image.from_blob(completion_chart(totals)), Image.from_blob(png_header(units))
    assert (drawn.px_width, drawn.px_height, drawn.horz_dpi, drawn.vert_dpi) == \
        (foreseen.px_width, foreseen.px_height, foreseen.horz_dpi, foreseen.vert_dpi) != (0, 0, 0, 0)


def test_the_template_given_decides_the_kind_of_report(tmp_path):
    dept = make_report(_data(tmp_path), tmp_path / "a.docx", template=default_template("consolidated"))
    text = "\n".join(_all_text(Document(dept)))
    assert "01 đơn vị đã gửi báo cáo, đăng ký 03 công trình, phần việc" in text
    master = _two_unit_data(tmp_path)
    out = make_report(master, tmp_path / "b.docx", template=default_template("department"))
    annex = [[c.text for c in r.cells] for r in Document(out).tables[-1].rows[2:]]
    assert [r[0] for r in annex] == ["1", "2", "3", "4"]
    assert "1. Công tác lãnh đạo, chỉ đạo thực hiện đợt thi đua:" in _all_text(Document(out))


def test_a_consolidated_template_without_group_row_lists_the_units_in_the_name_column(tmp_path):
    src = default_template("consolidated")
    xml = zipfile.ZipFile(src).read("word/document.xml").decode("utf-8")
    at = xml.find("[[group]]")
    start, end = xml.rfind("<w:tr>", 0, at), xml.find("</w:tr>", at) + len("</w:tr>")
    xml = xml[:start] + xml[end:]
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml"
                          else zin.read(item.filename))
    assert check_template(out) == []
    doc = Document(make_report(_two_unit_data(tmp_path), tmp_path / "r.docx", template=out))
    annex = [[c.text for c in r.cells] for r in doc.tables[-1].rows[2:]]
    assert annex[0][:2] == ["", "Sở Y tế (02 công trình, phần việc)"]
    assert annex[1][:2] == ["1", "Công trình 1 của Sở Y tế"]
    assert annex[3][1] == "Sở Tư pháp (02 công trình, phần việc)"


@pytest.mark.parametrize("expr", ["{{ x.__globals__ }}", "{{ summary|attr('__class__') }}",
                                  "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}"])
def test_unsafe_expressions_fail_in_render_and_in_check(tmp_path, expr):
    evil = _edited_template(tmp_path, "{{ summary }}", expr)
    with pytest.raises(ThiDuaError, match="không an toàn"):
        make_report(_data(tmp_path), tmp_path / "x.docx", template=evil)
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(ThiDuaError, match="không an toàn"):
        check_template(evil)


def test_an_unknown_field_inside_a_loop_is_named(tmp_path):
    src = default_template("consolidated")
    out = tmp_path / "tonghop_mau.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ u.awards }}", b"{{ u.so_co }}")
            zout.writestr(item, data)
    with pytest.raises(ThiDuaError, match="'so_co'") as err:
        make_report(_two_unit_data(tmp_path), tmp_path / "x.docx", template=out)
    assert "has no attribute" not in str(err.value)


@pytest.mark.long
def test_the_chart_of_many_units_fits_the_page(tmp_path):
    content = demo_content()
    content.rows["works"] = [{"order": 1, "name": f"Công trình của đơn vị {i}", "kind": "Công trình",
                              "start": "Năm 2021", "planned_finish": "Năm 2022", "progress": 1.0,
                              "unit": f"Đơn vị số {i:02d}"} for i in range(60)]
    out = make_report(_data(tmp_path, content), tmp_path / "r.docx")
    doc = Document(out)
    shape = doc.inline_shapes[0]
    assert shape.height <= Mm(200) and shape.width <= Mm(150)
    unit_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert len(unit_table.rows) >= 61


def test_table_rows_are_kept_on_one_page(demo_docx):
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    annex = Document(demo_docx).tables[-1]
    assert all(r._tr.find(f"{w}trPr/{w}cantSplit") is not None for r in annex.rows)
    assert annex.rows[0]._tr.find(f"{w}trPr/{w}tblHeader") is not None


def test_the_chart_is_drawn_once(tmp_path, monkeypatch):
    """The layout is computed once and the figure drawn once, into the PNG
    (savefig does not lay out and draw it again: a second of a large report)."""
    from matplotlib.figure import Figure

    from xlsrc.completion import compute
    from xlsrc.report.chart import completion_chart
    content = demo_content()
    content.rows["works"] = [{"order": 1, "name": f"Công trình {i}", "kind": "Công trình", "start": "Năm 2021",
                              "planned_finish": "Năm 2022", "progress": 1.0, "unit": f"Đơn vị số {i:02d}"}
                             for i in range(12)]
    draws = []
    real_draw = Figure.draw

    def counted(self, renderer):
        draws.append(renderer)
        return real_draw(self, renderer)
    monkeypatch.setattr(Figure, "draw", counted)
    png = completion_chart(compute(_data(tmp_path, content)))
    assert png.startswith(b"\x89PNG") and len(draws) == 1


def test_the_chart_is_made_without_pyplot():
    """The chart is a Figure drawn by Agg: pyplot (its figure manager, the
    choice and import of a backend) is never loaded for it."""
    code = ("import sys, datetime as dt\n"
            "from xlsrc.completion import Totals, UnitTotals\n"
            "from xlsrc.report.chart import completion_chart\n"
            "t = Totals(dt.date(2026, 11, 25), by_unit={'A': UnitTotals('A', 4, 3), 'B': UnitTotals('B', 2, 0)})\n"
            "assert completion_chart(t).startswith(b'\\x89PNG')\n"
            "print(sorted(m for m in sys.modules if m.startswith('matplotlib.pyplot')))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
