"""The Quyết định khen thưởng and its annex, rendered for real from the demo
workbook and read back: text, counts, money and the form of Nghị định 30."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from xlsrc import schema as S
from xlsrc.awards import make_decision, template_path
from xlsrc.awards.defaults import with_prize_coefficients
from xlsrc.awards.demo import NUMBER
from xlsrc.cli import main
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.report import make_report, to_pdf
from xlsrc.review.defaults import default_standard_rows
from xlsrc.validation import validate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _lines(doc) -> list[str]:
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
        for cell in (c for r in table.rows for c in r.cells):
            for p in cell.paragraphs:
                if p.text == text:
                    return p
    raise AssertionError(f"no paragraph {text!r}")


def _annex(doc) -> list[list[str]]:
    table = doc.tables[-1]
    return [[c.text for c in r.cells] for r in table.rows]


@pytest.fixture()
def demo_decision(read_back, tmp_path):
    return make_decision(read_back(demo_content()), NUMBER, tmp_path / "qd.docx")


def _article(doc, n: int) -> str:
    return next(p.text for p in doc.paragraphs if p.text.startswith(f"Điều {n}."))


def test_decision_text_word_for_word(demo_decision):
    doc = Document(demo_decision)
    lines = _lines(doc)
    for line in ("UBND TỈNH HÀ TĨNH", "SỞ NGOẠI VỤ", "Số: 45/QĐ-SNgV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Hà Tĩnh, ngày 22 tháng 12 năm 2025", "QUYẾT ĐỊNH",
                 "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ "
                 "năm 2025", "GIÁM ĐỐC SỞ NGOẠI VỤ TỈNH HÀ TĨNH",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "QUYẾT ĐỊNH:", "Nơi nhận:",
                 "- Như Điều 3;", "- Lưu: VT, VP.", "GIÁM ĐỐC", "Đặng Văn K", "DANH SÁCH",
                 "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
                 "(Kèm theo Quyết định số 45/QĐ-SNgV ngày 22 tháng 12 năm 2025 của Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh)",
                 "Bằng chữ: Sáu triệu ba trăm chín mươi nghìn đồng."):
        assert line in lines, line
    bases = [p.text for p in doc.paragraphs if p.text.startswith("Căn cứ")]
    assert bases[1].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
                               "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng")
    assert bases[2].startswith("Căn cứ Quyết định số …/2025/QĐ-UBND") and bases[-1].endswith(";")
    assert "Xét đề nghị của Chánh Văn phòng Sở tại Tờ trình số" in "\n".join(lines)
    assert not any("98/2023" in line for line in lines)  # a repealed decree is never cited
    assert _article(doc, 1) == ("Điều 1. Tặng Giấy khen cho 02 tập thể và 05 cá nhân (có danh sách kèm theo) đã có "
                                "thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.")
    assert _article(doc, 2) == (
        "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.420.000 đồng (gấp hai lần mức tiền thưởng đối với cá "
        "nhân); mỗi cá nhân "
        "được thưởng 710.000 đồng (0,3 lần mức lương cơ sở), theo điểm c khoản 2 và điểm e khoản 1 Điều 54 Nghị định "
        "số 152/2025/NĐ-CP; mức lương cơ sở 2.340.000 đồng theo khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP; số tiền "
        "được làm tròn lên hàng chục nghìn đồng theo khoản 2 Điều 49 Nghị định số 152/2025/NĐ-CP. Tổng số tiền thưởng "
        "là 6.390.000 đồng (Bằng chữ: Sáu triệu ba trăm chín mươi nghìn đồng), trích từ Quỹ thi đua, khen thưởng của "
        "Sở Ngoại vụ.")
    assert _article(doc, 3).startswith("Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng")


def test_annex_lists_collectives_then_individuals_with_money(demo_decision):
    rows = _annex(Document(demo_decision))
    assert rows[0] == ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)"]
    assert rows[1][:2] == ["I", "Tập thể"]
    assert rows[2] == ["1", "Phòng Hợp tác quốc tế", "Sở Ngoại vụ", "1.420.000"]  # twice 710.000, not 0,6 × 2.340.000 ↑ 1.410.000
    assert rows[4][:2] == ["II", "Cá nhân"]
    # Ông/Bà from Giới tính on Cán bộ; position and unit from Cán bộ when the award row leaves them blank
    assert rows[5] == ["1", "Ông Nguyễn Văn A", "Chánh Văn phòng, Sở Ngoại vụ", "710.000"]  # 702.000 ↑
    assert rows[6][:2] == ["2", "Bà Trần Thị B"]
    assert [r[0] for r in rows[5:10]] == ["1", "2", "3", "4", "5"]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][-1] == "6.390.000"
    assert sum(int(r[-1].replace(".", "")) for r in rows[2:-1] if r[-1]) == 6_390_000


def test_form_of_nghi_dinh_30(demo_decision):
    doc = Document(demo_decision)
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert Mm(20) <= sec.top_margin <= Mm(25) and Mm(20) <= sec.bottom_margin <= Mm(25)
    assert Mm(30) <= sec.left_margin <= Mm(35) and Mm(15) <= sec.right_margin <= Mm(20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    lang = normal.element.rPr.find(f"{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "vi-VN"
    header = doc.tables[0]
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert all(b.get(f"{W}val") == "nil" for b in borders)
    assert header._tbl.xml.count("<w:bottom ") >= 2  # rules under the issuing body and the motto
    runs = lambda text: _paragraph(doc, text).runs  # noqa: E731
    assert not any(r.bold for r in runs("UBND TỈNH HÀ TĨNH"))
    for text in ("SỞ NGOẠI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH",
                 "QUYẾT ĐỊNH:", "GIÁM ĐỐC SỞ NGOẠI VỤ TỈNH HÀ TĨNH", "GIÁM ĐỐC", "Đặng Văn K", "DANH SÁCH"):
        assert all(r.bold for r in runs(text)), text
    assert all(r.italic for r in runs("Hà Tĩnh, ngày 22 tháng 12 năm 2025"))
    for p in doc.paragraphs:
        if p.text.startswith(("Căn cứ", "Xét đề nghị")):  # bases in italics, justified, indented
            assert all(r.italic for r in p.runs) and p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
            assert p.paragraph_format.first_line_indent >= Mm(10)
    article = next(p for p in doc.paragraphs if p.text.startswith("Điều 1."))
    assert article.runs[0].bold and article.runs[0].text == "Điều 1. " and not article.runs[1].bold
    assert all(r.bold and r.italic and r.font.size == Pt(12) for r in runs("Nơi nhận:"))
    assert sec.different_first_page_header_footer and "PAGE" in sec.header._element.xml
    assert doc.sections[-1].start_type == 2  # the annex starts on a new page


def test_counts_follow_the_annex(read_back, tmp_path):
    content = demo_content()
    content.rows["awards"].append({"form": "Giấy khen", "recipient_kind": S.INDIVIDUAL, "count": 3,
                                   "field": "thực hiện nhiệm vụ năm 2025", "decision_number": NUMBER})
    content.rows["awards"] = [a for a in content.rows["awards"] if a.get("recipient") != "Phòng Lãnh sự - Biên giới"]
    doc = Document(make_decision(read_back(content), NUMBER, tmp_path / "qd.docx"))
    assert "cho 01 tập thể và 08 cá nhân (có danh sách kèm theo)" in _article(doc, 1)
    rows = _annex(doc)
    assert ["6", "03 cá nhân (chưa kê tên)", "", "2.130.000"] in rows  # 3 × 710.000
    assert rows[-1][-1] == "7.100.000" and "Tổng số tiền thưởng là 7.100.000 đồng" in _article(doc, 2)  # 1.420.000 + 8 × 710.000


def test_money_uses_the_base_salary_in_force_on_the_decision_date(read_back, tmp_path):
    content = demo_content()
    content.rows["decisions"][0]["date"] = dt.datetime(2026, 8, 3)  # 2.530.000 đ (Nghị định 161/2026/NĐ-CP)
    doc = Document(make_decision(read_back(content), NUMBER, tmp_path / "qd.docx"))
    article = _article(doc, 2)
    assert "mỗi tập thể được thưởng 1.520.000 đồng" in article and "mỗi cá nhân được thưởng 760.000 đồng" in article
    assert "mức lương cơ sở 2.530.000 đồng theo khoản 2 Điều 3 Nghị định số 161/2026/NĐ-CP" in article
    assert _annex(doc)[-1][-1] == "6.840.000"  # 2 × 1.520.000 (1.518.000 ↑) + 5 × 760.000 (759.000 ↑)
    content.rows["decisions"][0]["date"] = dt.datetime(2026, 6, 30)  # the day before: still 2.340.000 đ
    doc = Document(make_decision(read_back(content, "b.xlsx"), NUMBER, tmp_path / "qd2.docx"))
    assert "mức lương cơ sở 2.340.000 đồng theo khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP" in _article(doc, 2)


def test_a_workbook_without_the_2026_base_salary_is_warned(read_back, tmp_path):
    """A workbook made before Nghị định 161/2026/NĐ-CP has no 2.530.000 đ row:
    a decision signed after 01/7/2026 would be paid on 2.340.000 đ — said so."""
    from xlsrc.awards.defaults import base_salary_rows
    content = demo_content()
    content.rows["decisions"][0]["date"] = dt.datetime(2026, 8, 3)
    content.rows["base_salary"] = [r for r in base_salary_rows() if r["start"].year < 2026]
    data = read_back(content)
    found = _codes(validate(data), "BASE_SALARY_OUTDATED")
    assert len(found) == 1 and found[0].sheet == "Quyết định" and found[0].severity == "warning"
    assert ("chưa có mức lương cơ sở áp dụng từ 01/07/2026 (2.530.000 đồng, khoản 2 Điều 3 Nghị định số "
            "161/2026/NĐ-CP); tiền thưởng đang tính theo mức 2.340.000 đồng") in found[0].message
    assert "2.340.000 đồng theo khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP" in _article(
        Document(make_decision(data, NUMBER, tmp_path / "qd.docx")), 2)  # the workbook's table still wins
    content.rows["base_salary"] = base_salary_rows()
    assert not _codes(validate(read_back(content, "b.xlsx")), "BASE_SALARY_OUTDATED")


def test_a_decision_signed_before_nd152_is_flagged(read_back):
    content = demo_content()
    assert not _codes(validate(read_back(content)), "DECISION_BEFORE_ND152")  # 22/12/2025
    content.rows["decisions"][0]["date"] = dt.datetime(2025, 6, 30)
    found = _codes(validate(read_back(content, "b.xlsx")), "DECISION_BEFORE_ND152")
    assert len(found) == 1 and found[0].sheet == "Quyết định" and found[0].severity == "warning"
    assert "trước ngày 01/7/2025" in found[0].message and "152/2025/NĐ-CP" in found[0].message


def test_coefficients_are_read_from_the_tieu_chuan_sheet(read_back, tmp_path):
    content = demo_content()
    rows = with_prize_coefficients(default_standard_rows())
    row = next(r for r in rows if r["title"] == "Giấy khen" and r["recipient_kind"] == S.INDIVIDUAL)
    row["prize_coefficient"] = "0,2"  # typed with a decimal comma
    row["prize_basis"] = "Quy chế của tỉnh (thử)"
    content.rows["standards"] = rows
    doc = Document(make_decision(read_back(content), NUMBER, tmp_path / "qd.docx"))
    article = _article(doc, 2)
    assert "mỗi cá nhân được thưởng 470.000 đồng (0,2 lần" in article  # 468.000 rounded up
    assert "Quy chế của tỉnh (thử)" in article


def test_a_form_without_coefficient_is_refused_in_words(read_back, tmp_path):
    content = demo_content()
    content.rows["standards"] = [r for r in with_prize_coefficients(default_standard_rows())
                                 if r["title"] != "Giấy khen"]
    with pytest.raises(ThiDuaError, match="Chưa có hệ số tiền thưởng cho 'Giấy khen'"):
        make_decision(read_back(content), NUMBER, tmp_path / "qd.docx")
    assert not (tmp_path / "qd.docx").exists()


def test_unknown_decision_and_decision_without_awards(read_back, tmp_path):
    data = read_back(demo_content())
    with pytest.raises(ThiDuaError, match="Không có quyết định số 99/QĐ-SNgV"):
        make_decision(data, "99/QĐ-SNgV", tmp_path / "x.docx")
    content = demo_content()
    content.rows["decisions"].append({"number": "46/QĐ-SNgV", "date": dt.datetime(2025, 12, 23), "summary": "Về việc",
                                      "form": "Giấy khen", "signer_name": "X", "signer_title": "GIÁM ĐỐC"})
    with pytest.raises(ThiDuaError, match="chưa có ai được khen"):
        make_decision(read_back(content, "b.xlsx"), "46/QĐ-SNgV", tmp_path / "x.docx")


def _codes(findings, code):
    return [f for f in findings if f.code == code]


def test_validation_of_decisions_and_their_awards(read_back):
    content = demo_content()
    awards = content.rows["awards"]
    awards[0]["decision_number"] = "12/QĐ-SNgV"  # a 2020 award pointing to a decision not on the sheet
    awards.append({"form": "Giấy khen", "recipient_kind": S.INDIVIDUAL, "count": 4, "field": "x",
                   "decision_number": NUMBER})
    awards.append({"form": "Lao động tiên tiến", "recipient_kind": S.INDIVIDUAL, "recipient": "Ngô Văn Z",
                   "field": "x", "decision_number": NUMBER})
    content.rows["decisions"].append(dict(content.rows["decisions"][0], order=2))
    content.rows["decisions"].append({"number": "47/QĐ-SNgV", "date": dt.datetime(2025, 12, 23), "summary": "V",
                                      "form": "Giấy khen", "signer_name": "X", "signer_title": "GIÁM ĐỐC"})
    findings = validate(read_back(content))
    unknown = _codes(findings, "DECISION_NOT_LISTED")
    assert len(unknown) == 1 and unknown[0].sheet == "Khen thưởng" and unknown[0].row == 2
    assert unknown[0].severity == "warning" and "12/QĐ-SNgV" in unknown[0].message
    count_only = _codes(findings, "CERTIFICATE_COUNT_ONLY")
    assert len(count_only) == 1 and "04 cá nhân" in count_only[0].message and "không in được giấy khen" in \
        count_only[0].message
    assert len(_codes(findings, "DECISION_FORM_MISMATCH")) == 1
    duplicate = _codes(findings, "DECISION_DUPLICATE")
    assert len(duplicate) == 1 and duplicate[0].severity == "error" and duplicate[0].row == 3
    empty = _codes(findings, "DECISION_WITHOUT_AWARD")
    assert [f.row for f in empty] == [4] and empty[0].cell.startswith("B")


def test_the_demo_is_clean_and_the_2021_report_leaves_out_the_2025_decision(read_back, tmp_path):
    data = read_back(demo_content())
    assert [f.line() for f in validate(data) if f.code.startswith(("DECISION", "CERTIFICATE"))] == []
    from xlsrc.completion import compute
    from xlsrc.report.context import awards_sentence
    sentence = awards_sentence(compute(data).award_groups)  # what a report says of the awards
    assert "Giấy khen cho 02 tập thể và 07 cá nhân" in sentence and "năm 2025" not in sentence
    report = Document(make_report(data, tmp_path / "bc.docx"))
    assert not any("45/QĐ-SNgV" in line or "Nguyễn Văn A" in line for line in _lines(report))
    text = "\n".join(_lines(report))
    assert "thực hiện nhiệm vụ năm 2025" not in text
    # the awards sentence (printed only where a template asks for it) counts 2021's awards, not 2025's
    from xlsrc.report import _contexts
    awards = _contexts(data, None)[1]["awards_sentence"]
    assert "02 tập thể và 07 cá nhân" in awards and "thực hiện nhiệm vụ năm 2025" not in awards


def test_special_characters_stay_text(read_back, tmp_path):
    content = demo_content()
    content.rows["awards"][-1]["recipient"] = 'Tổ "A & B" <{{ 7*7 }}>'
    content.rows["awards"][-1]["staff_code"] = None
    doc = Document(make_decision(read_back(content), NUMBER, tmp_path / "qd.docx"))
    assert any(r[1] == 'Tổ "A & B" <{{ 7*7 }}>' for r in _annex(doc))


def _edited(tmp_path, old: str, new: str, name: str = "quyet_dinh.docx"):
    out = tmp_path / f"mau_{name}"
    zin = zipfile.ZipFile(template_path(name))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return out


def test_the_template_renders_in_the_sandbox(read_back, tmp_path):
    data = read_back(demo_content())
    evil = _edited(tmp_path, "{{ article1 }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ThiDuaError, match="không an toàn"):
        make_decision(data, NUMBER, tmp_path / "x.docx", template=evil)
    unknown = _edited(tmp_path, "{{ article3 }}", "{{ dieu_4 }}")
    with pytest.raises(ThiDuaError, match="dieu_4"):
        make_decision(data, NUMBER, tmp_path / "y.docx", template=unknown)
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "y.docx").exists()


def test_templates_are_reproducible(tmp_path):
    from xlsrc.awards.build_templates import build_all
    for built in build_all(tmp_path):
        assert zipfile.ZipFile(built).read("word/document.xml") == \
            zipfile.ZipFile(template_path(built.name)).read("word/document.xml")


def test_cli_decision_exit_codes_and_no_overwrite(demo_book, tmp_path, capsys):
    out = tmp_path / "QD.docx"
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(demo_book), "--so", NUMBER, "-o", str(out)])
    assert exc.value.code == 0 and out.exists()
    before = out.read_bytes()
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(demo_book), "--so", NUMBER, "-o", str(out)])
    assert exc.value.code == 2 and out.read_bytes() == before
    assert "--force" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(demo_book), "--so", "1/QĐ-X"])
    assert exc.value.code == 2 and "Không có quyết định số 1/QĐ-X" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(demo_book), "--so", NUMBER])  # default name next to the workbook, in ASCII
    assert exc.value.code == 0 and (demo_book.parent / "QuyetDinh_45-QD-SNgV.docx").exists()


def test_cli_decision_refuses_errors_on_its_sheets(read_back, tmp_path, capsys):
    content = demo_content()
    content.rows["decisions"][0]["date"] = "ngày mai"
    from xlsrc.builder import write_workbook
    book = write_workbook(tmp_path / "loi.xlsx", content)
    with pytest.raises(SystemExit) as exc:
        main(["decision", str(book), "--so", NUMBER])
    captured = capsys.readouterr()
    assert exc.value.code == 1 and "Quyết định!C2" in captured.err and "Chưa lập được" in captured.err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_decision_pdf(demo_decision):
    pdf = to_pdf(demo_decision)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "QUYẾT ĐỊNH" in text and "Đặng Văn K" in text and "Ông Nguyễn Văn A" in text
    assert "Bằng chữ: Sáu triệu ba trăm chín mươi nghìn đồng." in text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 2


def test_check_template_knows_decision_and_certificate_templates(tmp_path, capsys):
    for name in ("quyet_dinh.docx", "giay_khen.docx"):
        with pytest.raises(SystemExit) as exc:
            main(["check-template", str(template_path(name))])
        assert exc.value.code == 0, capsys.readouterr().err
    unknown = _edited(tmp_path, "{{ article3 }}", "{{ dieu_4 }}")
    with pytest.raises(SystemExit) as exc:
        main(["check-template", str(unknown)])
    err = capsys.readouterr().err
    assert exc.value.code == 1 and "- dieu_4" in err and "article3" not in err
    nickname = _edited(tmp_path, "{{ c.name }}", "{{ c.nickname }}", "giay_khen.docx")
    with pytest.raises(SystemExit) as exc:
        main(["check-template", str(nickname)])
    err = capsys.readouterr().err
    assert exc.value.code == 1 and "- c.nickname" in err


def test_decision_templates_are_built_into_the_user_cache_without_a_repository(tmp_path, monkeypatch):
    import sys

    import xlsrc.report as report
    monkeypatch.setattr(report, "REPO_TEMPLATES", tmp_path / "none")
    monkeypatch.setitem(sys.modules, "xlsrc_templates", None)  # not installed
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    path = template_path("quyet_dinh.docx")
    assert path == tmp_path / "appdata" / "thidua" / "templates" / "quyet_dinh.docx"
    assert path.exists() and (path.parent / "giay_khen.docx").exists()
    with zipfile.ZipFile(path) as z:
        assert b"{{ article1 }}" in z.read("word/document.xml")
