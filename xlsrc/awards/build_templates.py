"""Builds the decision and certificate templates reproducibly with python-docx:

    python -m xlsrc.awards.build_templates [OUTDIR]

``quyet_dinh.docx``: a Quyết định cá biệt in the form of Nghị định
30/2020/NĐ-CP with its annex (DANH SÁCH … Kèm theo Quyết định số …).
``giay_khen.docx``: one A4 landscape certificate page, repeated for every
recipient by a ``{%p for c in certificates %}`` loop. The tags are plain
text, one run each, so staff can edit both in Word; the fixed legal bases
(Luật Thi đua, khen thưởng; the decree in force on the decision's date)
come from the dated table of awards.legal_basis."""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..report.build_templates import _header, _signature, save_template
from ..report.docx_form import (borderless_table, cell_text, grid_table, new_section, para, page_number_header,
                                repeat_header, rule, set_run_font, setup_document)

from .names import CERTIFICATE, DECISION

# The Law and the decree in force on the decision's date (awards.legal_basis): a decision of 2024 cites
# Nghị định 98/2023/NĐ-CP, one from 01/7/2025 Nghị định 152/2025/NĐ-CP.
LAW_BASIS, DECREE_BASIS = "{{ law_basis }}", "{{ decree_basis }}"


def _article(doc, number: int, tag: str, keep_next: bool = False) -> None:
    p = para(doc, indent=True, keep_next=keep_next)
    set_run_font(p.add_run(f"Điều {number}. "), 14, bold=True)
    set_run_font(p.add_run(tag), 14)


def _annex_table(doc) -> None:
    widths = [1.3, 5.6, 6.1, 3.0]
    table = grid_table(doc, 1, 4, widths)
    for c, text in enumerate(("TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)")):
        cell_text(table.rows[0].cells[c], text, bold=True)
    repeat_header(table.rows[0])

    def row(cells, bold=False, aligns=("center", "left", "left", "right")):
        r = table.add_row()
        for c, text in enumerate(cells):
            cell_text(r.cells[c], text, bold=bold, align="left" if aligns[c] != "center" else "center")
            if aligns[c] == "right":
                r.cells[c].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return r

    for group, items in (("Tập thể", "collectives"), ("Cá nhân", "individuals")):
        row([f"{{%tr if {items} %}}", "", "", ""])
        row([f"{{{{ {items}_no }}}}", group, "", ""], bold=True)  # I for the first section present
        row([f"{{%tr for r in {items} %}}", "", "", ""])
        row(["{{ r.tt }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.money }}"])
        row(["{%tr endfor %}", "", "", ""])
        row(["{%tr endif %}", "", "", ""])
    total = row(["", "Tổng cộng", "", "{{ total_figures }}"], bold=True)
    merged = total.cells[1].merge(total.cells[2])
    for extra in merged.paragraphs[1:]:  # the emptied cell's paragraph
        extra._p.getparent().remove(extra._p)


def build_decision(path: Path) -> Path:
    doc = Document()
    setup_document(doc)  # vi-VN on every style; save_template tags the rest
    doc.core_properties.title = "Quyết định {{ doc_number }}"
    doc.core_properties.subject = "{{ summary }}"
    doc.core_properties.author = "{{ unit_name }}"
    doc.core_properties.language = "vi-VN"
    _header(doc)
    para(doc, "QUYẾT ĐỊNH", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ summary }}", size=14, bold=True, align="center", space_after=0)
    rule(doc, 6.5, 6.5)
    para(doc, "", space_after=0)
    para(doc, "{{ authority_upper }}", size=14, bold=True, align="center", space_after=12)
    for text in (LAW_BASIS, DECREE_BASIS):
        para(doc, text, italic=True, indent=True)
    para(doc, "{%p for b in bases %}", indent=True)
    para(doc, "{{ b }}", italic=True, indent=True)
    para(doc, "{%p endfor %}", indent=True)
    para(doc, "{%p if proposal %}", indent=True)
    para(doc, "{{ proposal }}", italic=True, indent=True)
    para(doc, "{%p endif %}", indent=True)
    para(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align="center", space_after=12)
    _article(doc, 1, "{{ article1 }}")
    _article(doc, 2, "{{ article2 }}")
    _article(doc, 3, "{{ article3 }}", keep_next=True)  # the last article goes with the signature block
    para(doc, "", space_after=6, keep_next=True)
    _signature(doc)
    page_number_header(doc.sections[0])
    _annex(doc)
    save_template(doc, path)
    return path


def _annex(doc) -> None:
    from docx.enum.section import WD_SECTION
    sec = new_section(doc, WD_SECTION.NEW_PAGE)
    sec.different_first_page_header_footer = False
    para(doc, "DANH SÁCH", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ annex_title }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "(Kèm theo Quyết định số {{ doc_number }} {{ date_long }} của {{ authority_title }})", size=14,
         italic=True, align="center", space_after=12)
    _annex_table(doc)
    para(doc, "", space_after=0)
    para(doc, "Bằng chữ: {{ total_words }}.", italic=True, indent=True)


def _page_break_before(p) -> None:
    p.paragraph_format.page_break_before = True


def _page_border(section) -> None:
    """A double frame around the certificate page, 10 mm inside the paper's edge."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        for k, v in (("w:val", "double"), ("w:sz", "18"), ("w:space", "28"), ("w:color", "8B0000")):
            el.set(qn(k), v)
        borders.append(el)
    sect_pr = section._sectPr
    anchor = sect_pr.find(qn("w:pgMar"))
    anchor.addnext(borders)


def build_certificate(path: Path) -> Path:
    doc = Document()
    setup_document(doc)
    sec = doc.sections[0]
    from docx.enum.section import WD_ORIENT
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(14), Mm(24), Mm(24)
    _page_border(sec)
    doc.core_properties.title = "Giấy khen – Quyết định {{ doc_number }}"
    doc.core_properties.author = "{{ unit_name }}"
    doc.core_properties.language = "vi-VN"
    para(doc, "{%p for c in certificates %}", size=2, space_after=0)
    p = para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=14, bold=True, align="center", space_after=0)
    _page_break_before(p)
    para(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center", space_after=0)
    rule(doc, 10.5, 10.5)
    para(doc, "", space_after=10)
    para(doc, "{{ authority_upper }}", size=16, bold=True, align="center", space_after=8)
    para(doc, "{{ c.heading }}", size=32, bold=True, align="center", space_after=0)
    para(doc, "{%p if c.award_title %}", size=2, space_after=0)
    para(doc, "{{ c.award_title }}", size=24, bold=True, align="center", space_after=0)
    para(doc, "{%p endif %}", size=2, space_after=0)
    para(doc, "", space_after=10)
    para(doc, "{{ c.name }}", size=24, bold=True, align="center", space_after=6)
    para(doc, "{{ c.position }}", size=16, align="center", space_after=8)
    para(doc, "{{ c.achievement }}", size=16, italic=True, align="center", space_after=14)
    table = borderless_table(doc, 2, [11.9, 13.0])
    left, right = table.rows[0].cells
    for _ in range(4):
        para(left, "", size=13, align="left", space_after=0)
    para(left, "Quyết định số {{ doc_number }} {{ date_long }}", size=13, align="left", space_after=0)
    para(left, "{%p if c.register %}", size=13, align="left", space_after=0)
    para(left, "Số sổ vàng: {{ c.register }}", size=13, align="left", space_after=0)
    para(left, "{%p endif %}", size=13, align="left", space_after=0)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(p.add_run("{{ place }}, {{ date_long }}"), 14, italic=True)
    para(right, "{%p if authority_line %}", size=14, align="center", space_after=0)
    para(right, "{{ authority_line }}", size=14, bold=True, align="center", space_after=0)
    para(right, "{%p endif %}", size=14, align="center", space_after=0)
    para(right, "{{ signer_title_upper }}", size=14, bold=True, align="center", space_after=0)
    for _ in range(3):
        para(right, "", align="center", space_after=0)
    para(right, "{{ signer_name }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "{%p endfor %}", size=2, space_after=0)
    save_template(doc, path)
    return path


def build_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build_decision(folder / DECISION), build_certificate(folder / CERTIFICATE)]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates"
    for p in build_all(out):
        print(p)
