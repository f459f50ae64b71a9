"""Giấy khen: blank pages from the template and the fields alone on a
pre-printed phôi, converted to PDF with LibreOffice and read back with
pdftotext -bbox (positions in points, checked to 0.5 mm)."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xlsrc import schema as S
from xlsrc.awards import make_certificates
from xlsrc.awards.calibrate import write_calibration
from xlsrc.awards.certificates import layout
from xlsrc.awards.defaults import layout_rows
from xlsrc.awards.demo import NUMBER
from xlsrc.awards.metrics import fit_size, text_width_mm
from xlsrc.cli import main
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.report import to_pdf

PT = 72 / 25.4  # points per mm
TOLERANCE_MM = 0.5
needs_pdf = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                               reason="LibreOffice/poppler not installed")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pdf_pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes in mm: (x0, y0, x1, y1, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        pages.append([(float(a) / PT, float(b) / PT, float(c) / PT, float(d) / PT, html.unescape(t))
                      for a, b, c, d, t in _WORD.findall(chunk)])
    return pages


def _line(words, text: str):
    """The box around the consecutive words that spell ``text``."""
    tokens = text.split()
    for i in range(len(words) - len(tokens) + 1):
        if [w[4] for w in words[i:i + len(tokens)]] == tokens:
            chunk = words[i:i + len(tokens)]
            return (min(w[0] for w in chunk), min(w[1] for w in chunk), max(w[2] for w in chunk),
                    max(w[3] for w in chunk), {round(w[1], 1) for w in chunk})
    raise AssertionError(f"{text!r} not on the page: {' '.join(w[4] for w in words)[:300]}")


@pytest.fixture()
def demo_data(read_back):
    return read_back(demo_content())


@needs_pdf
def test_blank_certificates_one_page_per_recipient(demo_data, tmp_path):
    result = make_certificates(demo_data, NUMBER, tmp_path / "GiayKhen.docx")
    assert result.printed == 7 and result.skipped == []
    pages = pdf_pages(to_pdf(result.path))
    assert len(pages) == 7
    names = ["Phòng Hợp tác quốc tế", "Phòng Lãnh sự - Biên giới", "Ông Nguyễn Văn A", "Bà Trần Thị B",
             "Ông Lê Văn C", "Bà Phạm Thị D", "Ông Hoàng Văn E"]
    for page, name in zip(pages, names):
        text = " ".join(w[4] for w in page)
        assert name in text
        for fixed in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                      "GIÁM ĐỐC SỞ NGOẠI VỤ TỈNH HÀ TĨNH", "TẶNG GIẤY KHEN",
                      "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
                      "Hà Tĩnh, ngày 22 tháng 12 năm 2025", "Đặng Văn K",
                      "Quyết định số 45/QĐ-SNgV ngày 22 tháng 12 năm 2025"):
            assert fixed in text, (name, fixed)
    assert not any("sổ vàng" in " ".join(w[4] for w in page) for page in pages)  # no register: none invented
    assert "Chánh Văn phòng, Sở Ngoại vụ" in " ".join(w[4] for w in pages[2])
    decision_line = _line(pages[2], "Quyết định số 45/QĐ-SNgV")  # bottom left
    assert decision_line[0] < 297 / 3 and decision_line[1] > 210 * 0.6
    width = subprocess.run(["pdfinfo", str(result.path.with_suffix(".pdf"))], capture_output=True, text=True).stdout
    assert re.search(r"Page size: +841\.\d+ x 595\.\d+ pts", width)  # A4 landscape


def test_register_number_from_the_workbook_and_no_overwrite(read_back, tmp_path):
    from docx import Document

    from xlsrc.errors import OutputExists
    content = demo_content()
    person = next(a for a in content.rows["awards"] if a.get("recipient") == "Trần Thị B"
                  and a.get("decision_number") == NUMBER)
    person["register"] = "SV-2025/017"
    data = read_back(content)
    result = make_certificates(data, NUMBER, tmp_path / "gk.docx")
    cells = [p.text for t in Document(result.path).tables for c in t.rows[0].cells for p in c.paragraphs]
    assert "Số sổ vàng: SV-2025/017" in cells
    # the others have no register number: none is printed, never their order in the decision
    assert not [c for c in cells if c.startswith("Số sổ vàng") and c != "Số sổ vàng: SV-2025/017"]
    assert not [c for c in cells if c.startswith("{%")]
    before = result.path.read_bytes()
    with pytest.raises(OutputExists):
        make_certificates(data, NUMBER, tmp_path / "gk.docx")
    assert result.path.read_bytes() == before


def test_a_title_prints_cong_nhan_danh_hieu_and_a_count_only_row_is_skipped(read_back, tmp_path):
    from docx import Document
    content = demo_content()
    content.rows["decisions"][0]["form"] = "Lao động tiên tiến"
    awards = [a for a in content.rows["awards"] if a.get("decision_number") == NUMBER and a["recipient_kind"] ==
              S.INDIVIDUAL]
    for a in awards:
        a["form"] = "Lao động tiên tiến"
    content.rows["awards"] = [a for a in content.rows["awards"] if a.get("decision_number") != NUMBER] + awards + [
        {"form": "Lao động tiên tiến", "recipient_kind": S.INDIVIDUAL, "count": 4, "field": "x",
         "decision_number": NUMBER}]
    result = make_certificates(read_back(content), NUMBER, tmp_path / "gk.docx")
    assert result.printed == 5 and [r.count for r in result.skipped] == [4]
    text = [p.text for p in Document(result.path).paragraphs]
    # a title is recognised ("Công nhận"), as Điều 1 and the annex say
    assert text.count("CÔNG NHẬN DANH HIỆU") == 5 and text.count("LAO ĐỘNG TIÊN TIẾN") == 5
    assert "Ông Nguyễn Văn A" in text and not any("chưa kê tên" in t for t in text)


@needs_pdf
def test_phoi_fields_at_their_positions_and_long_names_shrink(read_back, tmp_path):
    content = demo_content()
    long_name = "Nguyễn Thị Phương Thảo Hoàng Bảo Ngọc Trâm Anh Khánh Linh Diệu Huyền"
    content.rows["staff"].append({"name": long_name, "gender": "Nữ", "position": "Chuyên viên chính",
                                  "department": "Phòng Hợp tác quốc tế"})
    content.rows["awards"].append({"form": "Giấy khen", "recipient_kind": S.INDIVIDUAL, "recipient": long_name,
                                   "field": "x", "decision_number": NUMBER})
    rows = layout_rows()
    next(r for r in rows if r["field"] == "Họ và tên").update(x=61.5, y=88.5, width=150, size=26)
    next(r for r in rows if r["field"] == "Số sổ vàng").update(x=17.0, y=191.5, bold="Không", align="Trái")
    content.rows["print_layout"] = rows
    for award in content.rows["awards"]:
        if award.get("recipient") in ("Nguyễn Văn A", "Hoàng Văn E"):
            award["register"] = "SV-12"
    data = read_back(content)
    result = make_certificates(data, NUMBER, tmp_path / "Phoi.docx", phoi=True)
    pages = pdf_pages(to_pdf(result.path))
    assert len(pages) == 8
    fields = {f.name: f for f in layout(data)}
    name_box, register = fields["Họ và tên"], fields["Số sổ vàng"]
    assert (name_box.x, name_box.y, name_box.width, name_box.size) == (61.5, 88.5, 150.0, 26.0)
    for page, name in ((pages[2], "Ông Nguyễn Văn A"), (pages[6], "Ông Hoàng Văn E")):
        x0, y0, x1, _, tops = _line(page, name)
        assert abs((x0 + x1) / 2 - (name_box.x + name_box.width / 2)) <= TOLERANCE_MM  # centred in its box
        assert abs(y0 - name_box.y) <= TOLERANCE_MM and len(tops) == 1
        x0, y0, _, _, _ = _line(page, "Số sổ vàng: SV-12")
        assert abs(x0 - register.x) <= TOLERANCE_MM and abs(y0 - register.y) <= TOLERANCE_MM  # left aligned
        authority = _line(page, "GIÁM ĐỐC SỞ NGOẠI VỤ TỈNH HÀ TĨNH")
        assert abs(authority[1] - fields["Cơ quan tặng"].y) <= TOLERANCE_MM
    # only the variable fields: nothing of the pre-printed paper
    assert "CỘNG HÒA" not in " ".join(w[4] for w in pages[0]) and "TẶNG" not in [w[4] for w in pages[0]]
    assert "sổ vàng" not in " ".join(w[4] for w in pages[0])  # no register number given: nothing printed
    # the long name: shrunk to fit, on one line, inside its box
    x0, y0, x1, _, tops = _line(pages[7], f"Bà {long_name}")
    assert len(tops) == 1 and abs(y0 - name_box.y) <= TOLERANCE_MM
    assert name_box.x - TOLERANCE_MM <= x0 and x1 <= name_box.x + name_box.width + TOLERANCE_MM
    assert fit_size(f"Bà {long_name}", 26, 150, bold=True) < 26


def test_fit_size_measures_with_the_fonts_widths():
    assert text_width_mm("Nguyễn Văn A", 20) == pytest.approx(42.7, abs=0.3)  # read back from LibreOffice's PDF
    assert fit_size("Ngắn", 24, 200, bold=True) == 24
    shrunk = fit_size("X" * 40, 24, 100)
    assert shrunk < 24 and text_width_mm("X" * 40, shrunk) <= 100 and shrunk * 2 == int(shrunk * 2)
    assert fit_size("X" * 400, 24, 100) is None  # does not fit even at the smallest size


def test_a_text_too_long_for_its_box_even_shrunk_is_refused(read_back, tmp_path):
    content = demo_content()
    rows = layout_rows()
    next(r for r in rows if r["field"] == "Họ và tên")["width"] = 8
    content.rows["print_layout"] = rows
    with pytest.raises(ThiDuaError, match="quá dài cho ô 'Họ và tên' rộng 8 mm"):
        make_certificates(read_back(content), NUMBER, tmp_path / "p.docx", phoi=True)
    assert not (tmp_path / "p.docx").exists()


def test_unreadable_layout_row_is_a_clear_error(read_back, tmp_path):
    content = demo_content()
    rows = layout_rows()
    rows[0]["x"] = "mười"
    content.rows["print_layout"] = rows
    data = read_back(content)
    from xlsrc.validation import validate
    bad = [f for f in validate(data) if f.sheet == "Mẫu in phôi"]
    assert [(f.code, f.cell) for f in bad] == [("NUMBER_UNREADABLE", "B2")]
    with pytest.raises(ThiDuaError, match="Mẫu in phôi', dòng 2"):
        make_certificates(data, NUMBER, tmp_path / "p.docx", phoi=True)


def test_calibration_grid_and_field_boxes(demo_data, tmp_path):
    pdf = write_calibration(layout(demo_data), tmp_path / "HieuChinh.pdf")
    assert re.search(r"Page size: +841\.\d+ x 595\.\d+ pts", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler not installed")
    page = pdf_pages(pdf)[0]
    for mm in (50, 100, 250):  # labels of the millimetre ruler sit on their line
        x0, _, x1, y1, _ = next(w for w in page if w[4] == str(mm) and w[1] < 10)
        assert abs((x0 + x1) / 2 - mm) <= TOLERANCE_MM
    label = _line(page, "Họ và tên (X; Y; rộng: 48,5; 92; 200 mm; 24 pt)")
    assert abs(label[0] - 49.5) <= TOLERANCE_MM  # 1 mm inside the box at x = 48,5 mm


def test_cli_certificates(demo_book, tmp_path, capsys):
    out = tmp_path / "GK.docx"
    with pytest.raises(SystemExit) as exc:
        main(["certificates", str(demo_book), "--so", NUMBER, "-o", str(out)])
    assert exc.value.code == 0 and out.exists() and "Đã in 7 giấy khen" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["certificates", str(demo_book), "--so", NUMBER, "--phoi"])
    assert exc.value.code == 0 and (demo_book.parent / "GiayKhen_Phoi_45-QD-SNgV.docx").exists()
    with pytest.raises(SystemExit) as exc:
        main(["certificates", str(demo_book), "--calibrate", "-o", str(tmp_path / "c.pdf")])
    assert exc.value.code == 0 and (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as exc:
        main(["certificates", str(demo_book)])
    assert exc.value.code == 2 and "--so" in capsys.readouterr().err
