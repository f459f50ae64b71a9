"""Builds the report templates reproducibly with python-docx:

    python -m xlsrc.report.build_templates [OUTDIR]

The Jinja/docxtpl tags are plain text, one run each, so staff can open and
edit the templates in Word. The annex table rows carry the markers
``[[tt]]``, ``[[name]]``… which xlsrc.report.annex fills after rendering."""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

import datetime as dt
import io

from .docx_form import (LANG, borderless_table, cell_text, end_after_table, grid_table, keep_together,
                        landscape_section, page_number_header, para, repeat_header, rule, set_run_font,
                        setup_document, cant_split, cell_margins)

from .properties import tag_vietnamese
from .markers import ANNEX_MARKERS, CONSOLIDATED, DEPARTMENT, GROUP_MARKER, STATUS_MARKER  # noqa: F401

TEMPLATE_DATE = dt.datetime(2026, 1, 1)


HEADER_WIDTHS_CM = [7.5, 9.2]  # wide enough for "BAN THI ĐUA - KHEN THƯỞNG" and the national motto at one line each


def _header(doc) -> None:
    table = borderless_table(doc, 2, HEADER_WIDTHS_CM)
    cell_margins(table, 0.1)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    p = left.paragraphs[0]
    p.alignment = 1
    set_run_font(p.add_run("{{ parent_body }}"), 13)
    para(left, "{{ issuing_body }}", size=13, bold=True, align="center", space_after=0)
    rule(left, 2.2, 2.2)
    para(left, "Số: {{ doc_number }}", size=13, align="center", space_after=0)
    p = right.paragraphs[0]
    p.alignment = 1
    set_run_font(p.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align="center", space_after=0)
    rule(right, 2.3, 2.3)
    para(right, "{{ place }}, {{ date_long }}", size=14, italic=True, align="center", space_after=0)
    para(doc, "", space_after=6)


def _title(doc) -> None:
    para(doc, "{{ doc_type_upper }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ summary }}", size=14, bold=True, align="center", space_after=6)
    rule(doc, 6.5, 6.5)
    para(doc, "Kính gửi: {{ recipient }}.", size=14, align="center", space_after=12)


def _loop(doc, items: str, var: str = "text", bold: bool = False) -> None:
    para(doc, f"{{%p for {var} in {items} %}}", indent=True)
    para(doc, f"{{{{ {var} }}}}", indent=True, bold=bold)
    para(doc, "{%p endfor %}", indent=True)


def _closing(doc) -> None:
    """The closing paragraphs; the last ("Trên đây là báo cáo …./.") keeps
    with the signature block, which itself never splits."""
    _loop(doc, "closing[:-1]")
    para(doc, "{{ closing[-1] }}", indent=True, keep_next=True)


def _signature(doc) -> None:
    table = borderless_table(doc, 2, [7.5, 8.5])
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    set_run_font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    para(left, "{%p for item in recipients %}", size=11, align="left", space_after=0)
    para(left, "- {{ item }}", size=11, align="left", space_after=0)
    para(left, "{%p endfor %}", size=11, align="left", space_after=0)
    p = right.paragraphs[0]
    p.alignment = 1
    set_run_font(p.add_run("{%p if authority_line %}"), 14)
    para(right, "{{ authority_line }}", size=14, bold=True, align="center", space_after=0)
    para(right, "{%p endif %}", size=14, align="center", space_after=0)
    para(right, "{{ signer_title_upper }}", size=14, bold=True, align="center", space_after=0)
    for _ in range(4):
        para(right, "", align="center", space_after=0)
    para(right, "{{ signer_name }}", size=14, bold=True, align="center", space_after=0)
    keep_together(table)  # from "Nơi nhận" to the signer's name on one page


def _annex_table(doc, grouped: bool) -> None:
    widths = [1.2, 8.2, 3.3, 3.3, 6.0, 4.0]
    table = grid_table(doc, 3 + (1 if grouped else 0), 6, widths)
    h1, h2 = table.rows[0], table.rows[1]
    cell_text(h1.cells[0], "TT", bold=True)
    cell_text(h1.cells[1], "Tên công trình (phần việc)", bold=True)
    cell_text(h1.cells[2], "Thời gian thực hiện", bold=True)
    cell_text(h1.cells[4], "Tiến độ hoàn thành (%)", bold=True)
    cell_text(h1.cells[5], "Tình trạng", bold=True)
    cell_text(h2.cells[2], "Ngày khởi công", bold=True)
    cell_text(h2.cells[3], "Ngày hoàn thành", bold=True)
    h1.cells[2].merge(h1.cells[3])
    for c in (0, 1, 4, 5):
        h1.cells[c].merge(h2.cells[c])
    repeat_header(h1)
    repeat_header(h2)
    rows = table.rows[2:]
    if grouped:
        group = rows[0]
        merged = group.cells[0].merge(group.cells[5])
        cell_text(merged, GROUP_MARKER, bold=True, align="left")
        rows = rows[1:]
    item = rows[0]
    for c, marker in enumerate(ANNEX_MARKERS + (STATUS_MARKER,)):
        cell_text(item.cells[c], marker, align="left" if c in (1, 4) else "center")


def _annex(doc, grouped: bool) -> None:
    landscape_section(doc)
    para(doc, "DANH SÁCH", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ annex_title }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "(Kèm theo báo cáo số {{ doc_number }} {{ date_long }} của {{ unit_name }})", size=14, italic=True,
         align="center", space_after=12)
    _annex_table(doc, grouped)
    end_after_table(doc)


def _opening(doc) -> None:
    """Page set-up, properties (rendered too), header table, title, Kính gửi, basis."""
    setup_document(doc)
    doc.core_properties.title = "{{ doc_type }} {{ doc_number }}"
    doc.core_properties.subject = "{{ summary }}"
    doc.core_properties.author = "{{ unit_name }}"
    doc.core_properties.comments = ""
    doc.core_properties.language = LANG
    doc.core_properties.last_modified_by = "thidua"
    doc.core_properties.created = doc.core_properties.modified = TEMPLATE_DATE  # reproducible; the report's own
    doc.core_properties.revision = 1                                            # dates are set when it is made
    _header(doc)
    _title(doc)
    para(doc, "{{ basis_paragraph }}", indent=True)


def _ending(doc, grouped: bool) -> None:
    _signature(doc)
    page_number_header(doc.sections[0])
    _annex(doc, grouped=grouped)


def save_template(doc, path: Path) -> Path:
    """Saved with vi-VN also in the parts python-docx does not model (theme fonts, Word 2010 styles)."""
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(tag_vietnamese(buf.getvalue()))
    return path


def build_department(path: Path) -> Path:
    doc = Document()
    _opening(doc)
    para(doc, "1. Công tác lãnh đạo, chỉ đạo thực hiện đợt thi đua:", bold=True, indent=True, keep_next=True)
    _loop(doc, "leadership")
    para(doc, "2. Kết quả thực hiện:", bold=True, indent=True, keep_next=True)
    _loop(doc, "results")
    para(doc, "{{ works_heading }}", bold=True, indent=True)
    _loop(doc, "works_notes")
    for heading, items in (("awards_heading", "awards_section"), ("direction_heading", "direction")):
        para(doc, f"{{%p if {items} %}}", indent=True)  # printed when the title announces it or data has it
        para(doc, f"{{{{ {heading} }}}}", bold=True, indent=True, keep_next=True)
        _loop(doc, items)
        para(doc, "{%p endif %}", indent=True)
    _closing(doc)
    _ending(doc, grouped=False)
    return save_template(doc, path)


def _unit_table(doc) -> None:
    widths = [1.2, 5.8, 2.6, 2.2, 2.0, 2.4]
    table = grid_table(doc, 3, 6, widths)
    for c, text in enumerate(("TT", "Đơn vị", "Số công trình, phần việc", "Hoàn thành", "Tỷ lệ", "Khen thưởng")):
        cell_text(table.rows[0].cells[c], text, bold=True, size=12)
    repeat_header(table.rows[0])
    cell_text(table.rows[1].cells[0], "{%tr for u in units %}", size=12)
    for c, text in enumerate(("{{ u.tt }}", "{{ u.unit }}", "{{ u.works }}", "{{ u.done }}", "{{ u.rate }}",
                              "{{ u.awards }}")):
        cell_text(table.rows[2].cells[c], text, size=12, align="left" if c == 1 else "center")
    end = table.add_row()  # docxtpl wants the loop tags in rows of their own
    cell_text(end.cells[0], "{%tr endfor %}", size=12)
    total = table.add_row()
    for c, text in enumerate(("", "{{ units_total.unit }}", "{{ units_total.works }}", "{{ units_total.done }}",
                              "{{ units_total.rate }}", "{{ units_total.awards }}")):
        cell_text(total.cells[c], text, size=12, bold=True, align="left" if c == 1 else "center")
    for row in (end, total):
        cant_split(row)


def build_consolidated(path: Path) -> Path:
    doc = Document()
    _opening(doc)
    para(doc, "1. Kết quả tổng hợp:", bold=True, indent=True, keep_next=True)
    _loop(doc, "results")
    para(doc, "2. Kết quả theo đơn vị:", bold=True, indent=True, keep_next=True)
    _unit_table(doc)
    para(doc, "{{ chart }}", align="center", keep_next=True, space_after=0)
    para(doc, "Biểu đồ: tỷ lệ hoàn thành công trình, phần việc theo đơn vị", size=12, italic=True, align="center")
    _loop(doc, "leadership")
    para(doc, "{{ awards_heading }}", bold=True, indent=True, keep_next=True)
    para(doc, "{{ awards_intro }}", indent=True, keep_next=True)
    para(doc, "{{ awards_by_unit }}", align="center", space_after=0)  # the table, built after rendering
    para(doc, "{{ works_heading }}", bold=True, indent=True)
    _closing(doc)
    _ending(doc, grouped=True)
    return save_template(doc, path)


def build_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build_department(folder / DEPARTMENT), build_consolidated(folder / CONSOLIDATED)]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates"
    for p in build_all(out):
        print(p)
