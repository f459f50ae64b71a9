"""Builds the dossier templates reproducibly with python-docx:

    python -m xlsrc.dossier.build_templates [OUTDIR]

Each is an ordinary .docx an officer can edit in Word, in the frame of Nghị
định 30/2020/NĐ-CP: the tờ trình (one per authority), the danh sách đề
nghị, the biên bản of the council's meeting, the báo cáo thành tích (one
per proposal sent upward; the form number at the top right, as the decree's
appendix prints it), the checklist (danh mục hồ sơ) and the phiếu bầu. Every
template names its kind in ``{{ dossier_doc }}`` (its title property), which
is how check-template knows it."""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

from ..report.build_templates import _header, _signature, save_template
from ..report.docx_form import (borderless_table, cell_margins, cell_text, grid_table, keep_together,
                                page_number_header, para, repeat_header, rule, set_run_font, setup_document)
from . import names


def _doc(title: str):
    doc = Document()
    setup_document(doc)
    doc.core_properties.title = "{{ dossier_doc }}"
    doc.core_properties.subject = title
    doc.core_properties.author = "{{ unit_name }}"
    doc.core_properties.language = "vi-VN"
    return doc


def _loop(container, items: str, text: str = "{{ t }}", var: str = "t", **kw) -> None:
    para(container, f"{{%p for {var} in {items} %}}", **kw)
    para(container, text, **kw)
    para(container, "{%p endfor %}", **kw)


def _table(doc, headers: list[str], cells: list[str], widths: list[float], items: str, var: str = "r",
           aligns: tuple = ()) -> None:
    table = grid_table(doc, 1, len(headers), widths)
    for c, text in enumerate(headers):
        cell_text(table.rows[0].cells[c], text, bold=True)
    repeat_header(table.rows[0])
    r = table.add_row()
    cell_text(r.cells[0], f"{{%tr for {var} in {items} %}}")
    r = table.add_row()
    for c, text in enumerate(cells):
        cell_text(r.cells[c], text, align=aligns[c] if c < len(aligns) else ("center" if c == 0 else "left"))
    r = table.add_row()
    cell_text(r.cells[0], "{%tr endfor %}")


def _titled(subject: str, kind: str):
    """A document in the frame of Nghị định 30/2020/NĐ-CP: header, kind, trích yếu, the rule under it."""
    doc = _doc(subject)
    _header(doc)
    para(doc, kind, size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ summary }}", size=14, bold=True, align="center", space_after=0)
    rule(doc, 6.5, 6.5)
    return doc


def _two_signatures(doc, left_block: tuple[str, str, str], right_block: tuple[str, str, str]) -> None:
    """Two signature blocks side by side: (title, note under it, name)."""
    table = borderless_table(doc, 2, [8.0, 8.0])
    for cell, (role, note, name) in zip(table.rows[0].cells, (left_block, right_block)):
        set_run_font(cell.paragraphs[0].add_run(role), 13, bold=True)
        cell.paragraphs[0].alignment = 1
        if note:
            para(cell, note, size=13, italic=True, align="center", space_after=0)
        for _ in range(4):
            para(cell, "", align="center", space_after=0)
        if name:
            para(cell, name, size=14, bold=True, align="center", space_after=0)
    keep_together(table)


def build_to_trinh(path: Path) -> Path:
    doc = _titled("Tờ trình đề nghị khen thưởng", "TỜ TRÌNH")
    para(doc, "Kính gửi: {{ recipient }}.", size=14, align="center", space_after=12)
    _loop(doc, "bases", "{{ t }}", indent=True, italic=True)
    para(doc, "{{ request }}", indent=True)
    _loop(doc, "groups", "- {{ t }}", indent=True)
    para(doc, "{{ attached }}", indent=True)
    para(doc, "{{ closing }}", indent=True, keep_next=True)
    _signature(doc)
    page_number_header(doc.sections[0])
    return save_template(doc, path)


def build_danh_sach(path: Path) -> Path:
    doc = _doc("Danh sách đề nghị khen thưởng")
    table = borderless_table(doc, 2, [7.5, 9.2])
    left, right = table.rows[0].cells
    set_run_font(left.paragraphs[0].add_run("{{ parent_body }}"), 13)
    left.paragraphs[0].alignment = 1
    para(left, "{{ issuing_body }}", size=13, bold=True, align="center", space_after=0)
    rule(left, 2.2, 2.2)
    para(doc, "", space_after=0)
    para(doc, "DANH SÁCH", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ title }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ subtitle }}", size=14, italic=True, align="center", space_after=12)
    para(doc, "{%p for g in groups %}", space_after=0)
    para(doc, "{{ g.heading }}", bold=True, align="left", space_after=6, keep_next=True)
    _table(doc, ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Thành tích tóm tắt", "Số phiếu đồng ý"],
           ["{{ r.tt }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.summary }}", "{{ r.votes }}"],
           [1.0, 4.0, 3.7, 5.6, 2.0], "g.rows", aligns=("center", "left", "left", "left", "center"))
    para(doc, "", space_after=6)
    para(doc, "{%p endfor %}", space_after=0)
    para(doc, "{{ total }}", italic=True, indent=True)
    page_number_header(doc.sections[0])
    return save_template(doc, path)


def build_bien_ban(path: Path) -> Path:
    doc = _titled("Biên bản họp Hội đồng Thi đua – Khen thưởng", "BIÊN BẢN")
    para(doc, "", space_after=0)
    para(doc, "{{ opening }}", indent=True)
    para(doc, "I. THÀNH PHẦN", bold=True, keep_next=True)
    para(doc, "{{ chair_line }}", indent=True)
    para(doc, "{{ secretary_line }}", indent=True)
    para(doc, "{{ present_line }}", indent=True, keep_next=True)
    _table(doc, ["TT", "Họ và tên", "Chức vụ", "Vai trò trong Hội đồng", "Dự họp"],
           ["{{ r.tt }}", "{{ r.name }}", "{{ r.position }}", "{{ r.role }}", "{{ r.present }}"],
           [1.0, 4.2, 4.5, 3.5, 3.1], "members")
    para(doc, "", space_after=6)
    para(doc, "{{ quorum_line }}", indent=True)
    para(doc, "II. NỘI DUNG", bold=True, keep_next=True)
    para(doc, "{{ content_line }}", indent=True)
    para(doc, "{%p if votes %}", space_after=0)
    _table(doc, ["TT", "Họ và tên / Tên tập thể", "Danh hiệu, hình thức đề nghị", "Phiếu đồng ý / tổng số thành viên",
                 "Tỷ lệ", "Kết quả"],
           ["{{ r.tt }}", "{{ r.name }}", "{{ r.form }}", "{{ r.votes }}", "{{ r.percent }}", "{{ r.result }}"],
           [1.0, 3.7, 3.7, 2.5, 2.0, 3.4], "votes", aligns=("center", "left", "left", "center", "center", "left"))
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "", space_after=6)
    para(doc, "III. KẾT LUẬN", bold=True, keep_next=True)
    _loop(doc, "conclusion", "{{ t }}", indent=True)
    para(doc, "{{ ending }}", indent=True, keep_next=True)
    _two_signatures(doc, ("THƯ KÝ", "", "{{ secretary }}"), ("CHỦ TRÌ", "", "{{ chair }}"))
    page_number_header(doc.sections[0])
    return save_template(doc, path)


def build_bao_cao(path: Path) -> Path:
    doc = _doc("Báo cáo thành tích")
    para(doc, "{{ form_number }}", size=13, bold=True, align="right", space_after=0)
    table = borderless_table(doc, 2, [7.5, 9.2])
    cell_margins(table, 0.1)
    left, right = table.rows[0].cells
    set_run_font(left.paragraphs[0].add_run("{{ parent_body }}"), 13)
    left.paragraphs[0].alignment = 1
    para(left, "{{ issuing_body }}", size=13, bold=True, align="center", space_after=0)
    rule(left, 2.2, 2.2)
    set_run_font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    right.paragraphs[0].alignment = 1
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align="center", space_after=0)
    rule(right, 2.3, 2.3)
    para(right, "{{ place }}, {{ date_long }}", size=14, italic=True, align="center", space_after=0)
    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO THÀNH TÍCH", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ title }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ case }}", size=14, align="center", space_after=12)
    para(doc, "{{ part1 }}", bold=True, keep_next=True)
    _loop(doc, "details", "- {{ t.label }}: {{ t.value }}", "t", indent=True, space_after=2)
    para(doc, "{%p if situation %}", space_after=0)
    para(doc, "1. Đặc điểm, tình hình:", bold=True, indent=True, keep_next=True)
    _loop(doc, "situation", "{{ t }}", indent=True)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "{%p if duties_heading %}", space_after=0)
    para(doc, "{{ duties_heading }}", bold=True, indent=True, keep_next=True)
    _loop(doc, "duties", "{{ t }}", indent=True)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, keep_next=True)
    para(doc, "{%p if person_duties %}", space_after=0)
    para(doc, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", bold=True, indent=True, keep_next=True)
    _loop(doc, "person_duties", "{{ t }}", indent=True)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "{{ results_heading }}", bold=True, indent=True, keep_next=True)
    _loop(doc, "results", "{{ t }}", indent=True)
    para(doc, "{%p if ratings %}", space_after=0)
    para(doc, "Kết quả đánh giá, xếp loại:", italic=True, indent=True, keep_next=True)
    _table(doc, ["Năm", "Xếp loại"], ["{{ r.year }}", "{{ r.rating }}"], [3.0, 10.0], "ratings")
    para(doc, "", space_after=6)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "{%p if initiatives %}", space_after=0)
    para(doc, "Sáng kiến, đề tài được công nhận:", italic=True, indent=True, keep_next=True)
    _table(doc, ["Năm", "Tên sáng kiến, đề tài", "Phạm vi ảnh hưởng", "Quyết định công nhận"],
           ["{{ r.year }}", "{{ r.name }}", "{{ r.scope }}", "{{ r.decision }}"], [1.6, 7.0, 2.6, 5.0],
           "initiatives", aligns=("center", "left", "center", "left"))
    para(doc, "", space_after=6)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "{%p for s in more %}", space_after=0)
    para(doc, "{{ s.heading }}", bold=True, indent=True, keep_next=True)
    _loop(doc, "s.texts", "{{ t }}", indent=True)
    para(doc, "{%p endfor %}", space_after=0)
    para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, keep_next=True)
    para(doc, "1. Danh hiệu thi đua:", bold=True, indent=True, keep_next=True)
    para(doc, "{%p if titles %}", space_after=0)
    _table(doc, ["Năm", "Danh hiệu thi đua", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"],
           ["{{ r.year }}", "{{ r.form }}", "{{ r.decision }}"], [2.0, 6.0, 8.2], "titles")
    para(doc, "", space_after=6)
    para(doc, "{%p else %}", space_after=0)
    para(doc, "{{ none_received }}", italic=True, indent=True)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "2. Hình thức khen thưởng:", bold=True, indent=True, keep_next=True)
    para(doc, "{%p if awards %}", space_after=0)
    _table(doc, ["Năm", "Hình thức khen thưởng", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"],
           ["{{ r.year }}", "{{ r.form }}", "{{ r.decision }}"], [2.0, 6.0, 8.2], "awards")
    para(doc, "{%p else %}", space_after=0)
    para(doc, "{{ none_received }}", italic=True, indent=True)
    para(doc, "{%p endif %}", space_after=0)
    para(doc, "", space_after=6, keep_next=True)
    _two_signatures(doc, ("{{ left_sign }}", "(Ký, đóng dấu)", ""), ("{{ right_sign }}", "{{ right_note }}",
                                                                    "{{ reporter }}"))
    page_number_header(doc.sections[0])
    return save_template(doc, path)


def build_danh_muc(path: Path) -> Path:
    doc = _doc("Danh mục hồ sơ đề nghị khen thưởng")
    para(doc, "{{ issuing_body }}", size=13, bold=True, align="left", space_after=6)
    para(doc, "DANH MỤC HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ subtitle }}", size=14, italic=True, align="center", space_after=12)
    para(doc, "{{ counts }}", indent=True)
    para(doc, "{%p for p in proposals %}", space_after=0)
    para(doc, "{{ p.heading }}", bold=True, align="left", space_after=2, keep_next=True)
    _loop(doc, "p.lines", "{{ t.mark }} {{ t.text }}", "t", align="left", space_after=0)
    para(doc, "", space_after=6)
    para(doc, "{%p endfor %}", space_after=0)
    para(doc, "{{ legend }}", size=12, italic=True, align="left")
    page_number_header(doc.sections[0])
    return save_template(doc, path)


def build_phieu_bau(path: Path) -> Path:
    doc = _doc("Phiếu bầu")
    para(doc, "{%p for b in ballots %}", space_after=0)
    p = para(doc, "{{ issuing_body }}", size=13, bold=True, align="left", space_after=0)
    p.paragraph_format.page_break_before = True
    para(doc, "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", size=13, bold=True, align="left", space_after=12)
    para(doc, "PHIẾU BẦU", size=16, bold=True, align="center", space_after=0)
    para(doc, "{{ b.heading }}", size=14, bold=True, align="center", space_after=0)
    para(doc, "{{ b.meeting }}", size=14, italic=True, align="center", space_after=12)
    para(doc, "{{ b.instruction }}", size=13, italic=True, indent=True)
    _table(doc, ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Đồng ý", "Không đồng ý"],
           ["{{ r.tt }}", "{{ r.name }}", "{{ r.unit }}", "", ""], [1.0, 5.0, 5.4, 2.3, 2.3], "b.rows")
    para(doc, "{%p endfor %}", space_after=0)
    p = para(doc, "{{ issuing_body }}", size=13, bold=True, align="left", space_after=0)
    p.paragraph_format.page_break_before = True
    para(doc, "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", size=13, bold=True, align="left", space_after=12)
    para(doc, "BIÊN BẢN KIỂM PHIẾU", size=16, bold=True, align="center", space_after=0)
    para(doc, "{{ tally_heading }}", size=14, italic=True, align="center", space_after=12)
    para(doc, "{{ tally_note }}", size=13, italic=True, indent=True)
    _table(doc, ["TT", "Họ và tên / Tên tập thể", "Danh hiệu, hình thức", "Phiếu phát ra", "Đồng ý",
                 "Không đồng ý", "Tỷ lệ đồng ý"],
           ["{{ r.tt }}", "{{ r.name }}", "{{ r.form }}", "{{ r.cast }}", "{{ r.agree }}", "{{ r.against }}",
            "{{ r.share }}"], [1.0, 3.8, 3.5, 2.0, 1.7, 2.0, 2.2], "tally",
           aligns=("center", "left", "left", "center", "center", "center", "center"))
    para(doc, "", space_after=12, keep_next=True)
    _two_signatures(doc, ("THÀNH VIÊN BAN KIỂM PHIẾU", "", ""), ("TRƯỞNG BAN KIỂM PHIẾU", "", ""))
    return save_template(doc, path)


def build_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build_to_trinh(folder / names.TO_TRINH), build_danh_sach(folder / names.DANH_SACH),
            build_bien_ban(folder / names.BIEN_BAN), build_bao_cao(folder / names.BAO_CAO),
            build_danh_muc(folder / names.DANH_MUC), build_phieu_bau(folder / names.PHIEU_BAU)]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates"
    for p in build_all(out):
        print(p)
