"""Form helpers for Nghị định 30/2020/NĐ-CP documents built with python-docx:
page, fonts, borderless tables, rules under headings, page-number fields."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
LANG = "vi-VN"


def _vietnamese(rpr) -> None:
    """vi-VN for the run or style (Latin, East-Asian and complex scripts)."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def vietnamese_styles(doc) -> None:
    """vi-VN in the document defaults and on every style that has run
    properties (python-docx's template says en-US)."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        _vietnamese(rpr)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table") and style.find(qn("w:rPr")) is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
            _vietnamese(rpr)


def _all_scripts(rpr) -> None:
    """Times New Roman for Latin, complex-script and East-Asian runs alike."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def set_run_font(run, size: float | None = None, bold=None, italic=None) -> None:
    run.font.name = FONT
    _all_scripts(run._element.get_or_add_rPr())
    _vietnamese(run._element.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def setup_document(doc) -> None:
    """A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt."""
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(21), Mm(21)
    sec.left_margin, sec.right_margin = Mm(31), Mm(16)
    sec.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    _all_scripts(style.element.get_or_add_rPr())
    vietnamese_styles(doc)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(6)
    pf.line_spacing = 1.1


def para(container, text: str = "", *, size: float | None = None, bold=None, italic=None, align="justify",
         indent: bool = False, space_after: float | None = None, keep_next: bool = False):
    p = container.add_paragraph()
    p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    if text:
        set_run_font(p.add_run(text), size, bold, italic)
    return p


def rule(container, indent_left_cm: float, indent_right_cm: float):
    """A short horizontal rule: an empty paragraph with a bottom border between indents."""
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.left_indent, pf.right_indent = Cm(indent_left_cm), Cm(indent_right_cm)
    pf.space_before, pf.space_after = Pt(0), Pt(4)
    pf.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)
    return p


def _set_table_borders(table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:  # in schema order, or Word may call the file damaged
        borders = OxmlElement("w:tblBorders")
        tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                     "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            borders.append(el)
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")


def borderless_table(doc, cols: int, widths_cm: list[float]):
    table = doc.add_table(rows=1, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_table_borders(table, "nil")
    for column, w in zip(table.columns, widths_cm):
        column.width = Cm(w)
    for cell, w in zip(table.rows[0].cells, widths_cm):
        cell.width = Cm(w)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return table


def keep_together(table) -> None:
    """No row of the table is split across pages, and each paragraph in it
    keeps with the next: the signature block stays on one page."""
    for row in table.rows:
        cant_split(row)
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def cell_margins(table, cm: float) -> None:
    """Left and right cell margins of the whole table (Word's default is 0.19 cm)."""
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(cm / 2.54 * 1440)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def cant_split(row) -> None:
    """The row is kept on one page (else LibreOffice leaves an empty sliver of
    it under the repeated heading on the next page)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def grid_table(doc, rows: int, cols: int, widths_cm: list[float]):
    table = doc.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_table_borders(table, "single")
    for column, w in zip(table.columns, widths_cm):
        column.width = Cm(w)
    for row in table.rows:
        cant_split(row)
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    return table


def cell_text(cell, text: str, *, bold=False, italic=False, align="center", size: float = 13) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    set_run_font(p.add_run(text), size, bold, italic)


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def page_number_header(section) -> None:
    """Page numbers centred in the header, from page 2 (first page header empty)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    set_run_font(run, 13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def new_section(doc, start):
    """A section added after the content so far, whose break paragraph (the
    empty ``w:p`` that carries the previous section's properties, after the
    signature table) takes no room: a 1 pt line, no spacing. A normal empty
    line there is pushed onto a page of its own when the signature ends at the
    foot of the page, which then prints with nothing but its page number."""
    sec = doc.add_section(start)
    takes_no_room(doc.element.body.xpath("./w:p[w:pPr/w:sectPr]")[-1])
    return sec


def end_after_table(doc) -> None:
    """A paragraph that takes no room after a table that ends the document:
    Word adds an empty one otherwise, which lands on a page of its own when
    the table reaches the foot of the page."""
    takes_no_room(doc.add_paragraph()._p)


def takes_no_room(p) -> None:
    """The paragraph hidden (not printed) and 1 pt high with no spacing."""
    ppr = p.get_or_add_pPr()
    spacing = OxmlElement("w:spacing")
    for k, v in (("w:before", "0"), ("w:after", "0"), ("w:line", "20"), ("w:lineRule", "exact")):
        spacing.set(qn(k), v)
    ppr.insert_element_before(spacing, "w:ind", "w:jc", "w:rPr", "w:sectPr", "w:pPrChange")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(OxmlElement("w:vanish"))
    rpr.append(size)
    ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")


def landscape_section(doc):
    from docx.enum.section import WD_SECTION
    sec = new_section(doc, WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin = Mm(21), Mm(21)
    sec.left_margin, sec.right_margin = Mm(21), Mm(16)
    sec.different_first_page_header_footer = False
    return sec
