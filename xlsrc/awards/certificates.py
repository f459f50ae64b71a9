"""Giấy khen of one decision, one A4 landscape page per recipient:

* blank paper: the editable template templates/giay_khen.docx, rendered in
  the sandbox (a ``{%p for c in certificates %}`` loop);
* pre-printed paper (``phoi``): only the variable fields, each in a frame at
  the position, width and size of the Mẫu in phôi sheet, measured in mm from
  the paper's top-left corner; a long text shrinks to fit its box, never wraps.

A recipient given only as a count has no name to print: it is skipped and
named in the result."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from .. import schema as S
from ..atomic import write_bytes_atomic
from ..errors import ThiDuaError
from ..records import WorkbookData
from ..report import render
from ..report.plain import clean_text, template_context
from ..vntext import fold, nfc
from .decision import Decision, Recipient, build, header
from .defaults import DEFAULT_LAYOUT, FONT
from .metrics import fit_size
from .phoi_bounds import PAPER_H, PAPER_W, out_of_bounds
from .wording import RECOGNISE, form_name, verb

PAGE_W, PAGE_H = PAPER_W, PAPER_H  # A4 landscape, mm
LINE = 1.25                    # frame height in font sizes


@dataclass(frozen=True)
class Field:
    name: str
    x: float       # mm from the left edge of the paper
    y: float       # mm from the top edge: the top of the line of text
    width: float   # mm
    font: str
    size: float    # pt
    bold: bool
    center: bool


@dataclass
class Result:
    path: Path
    printed: int
    skipped: list[Recipient]


def certificate_fields(d: Decision, r: Recipient, head: dict) -> dict[str, str]:
    """The text of every variable field of one certificate."""
    name = form_name(d.form, d.authority)
    if d.is_title and verb(d.form) == RECOGNISE:  # the verb of Điều 1 and the annex
        heading, title = "CÔNG NHẬN DANH HIỆU", name.upper()
    else:
        heading, title = f"TẶNG {name.upper()}", ""
    return {
        "heading": heading, "award_title": title, "name": r.name, "position": r.position,
        "achievement": f"Đã có thành tích {r.achievement}", "register": r.register,
        "Cơ quan tặng": head["authority_upper"], "Họ và tên": r.name, "Chức vụ, đơn vị": r.position,
        "Thành tích": f"Đã có thành tích {r.achievement}", "Địa danh, ngày": f"{head['place']}, {head['date_long']}",
        "Thẩm quyền ký": head["authority_line"], "Chức vụ người ký": head["signer_title_upper"],
        "Người ký": head["signer_name"], "Số quyết định": f"Quyết định số {d.number} {head['date_long']}",
        "Số sổ vàng": f"Số sổ vàng: {r.register}" if r.register else "",
    }


def _blank(template: Path, d: Decision, head: dict, people: list[Recipient]) -> bytes:
    items = [{k: v for k, v in certificate_fields(d, r, head).items() if k.isascii()} for r in people]
    return render.render(template, template_context({**head, "certificates": items}), None)


# ------------------------------------------------------------------ phôi
def _number(value, default: float | None = None) -> float | None:
    return float(value) if isinstance(value, Decimal) else default


def layout(data: WorkbookData) -> list[Field]:
    """The Mẫu in phôi rows (the defaults when the workbook has no such sheet)."""
    if "print_layout" not in data.sheet_names:
        return [Field(f, x, y, w, FONT, size, bold, align == "Giữa") for f, x, y, w, size, bold, align in DEFAULT_LAYOUT]
    fields = []
    for rec in data.records.get("print_layout", []):
        x, y, w, size = (_number(rec[k]) for k in ("x", "y", "width", "size"))
        if rec["field"] not in S.PHOI_FIELDS or None in (x, y, w, size):
            raise ThiDuaError(f"Trang '{S.PRINT_LAYOUT.name}', dòng {rec.row}: cần tên trường trong danh sách và "
                              "các số X, Y, Rộng (mm), Cỡ chữ. Sửa dòng này rồi in lại.")
        problem = out_of_bounds(rec)
        if problem:
            raise ThiDuaError(f"Trang '{S.PRINT_LAYOUT.name}', dòng {rec.row} ({rec['field']}): {problem}")
        bold = fold(rec.text("bold")) in ("co", "x", "dam", "yes", "true", "1")
        center = fold(rec.text("align")) not in ("trai", "left")
        fields.append(Field(rec["field"], x, y, w, rec.text("font") or FONT, size, bold, center))
    return fields


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _frame(f: Field, text: str) -> str:
    size = fit_size(text, f.size, f.width, f.font, f.bold)
    if size is None:
        raise ThiDuaError(f"'{text}' quá dài cho ô '{f.name}' rộng {f.width:g} mm (trang '{S.PRINT_LAYOUT.name}'), kể cả "
                          "khi thu nhỏ chữ; mở rộng ô hoặc viết gọn lại rồi in lại.")
    height = size * LINE * 25.4 / 72 + 1
    font = escape(f.font, {'"': "&quot;"})
    return (f'<w:p><w:pPr><w:framePr w:w="{_twips(f.width)}" w:h="{_twips(height)}" w:hRule="exact" '
            f'w:hAnchor="page" w:vAnchor="page" w:x="{_twips(f.x)}" w:y="{_twips(f.y)}" w:wrap="around"/>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
            f'<w:jc w:val="{"center" if f.center else "left"}"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
            f'{"<w:b/><w:bCs/>" if f.bold else ""}<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
            f'<w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>')


def _xml_text(text: str) -> str:
    return escape(clean_text(nfc(text)).replace("\n", " ").replace("\t", " "))


_PAGE_BREAK = '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>'


def _shell() -> bytes:
    """An empty A4 landscape document (the frames are placed on the page itself)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    sec.top_margin = sec.bottom_margin = sec.left_margin = sec.right_margin = Mm(5)
    sec.header_distance = sec.footer_distance = Mm(0)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(2)  # the page-break paragraphs take no room
    normal.paragraph_format.space_after = Pt(0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def phoi_document(pages: list[list[tuple[Field, str]]]) -> bytes:
    """A document of one page per list of (field, text): the frames only."""
    body = _PAGE_BREAK.join("".join(_frame(f, t) for f, t in page if t) for page in pages)
    src = zipfile.ZipFile(io.BytesIO(_shell()))
    xml = src.read("word/document.xml").decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.index("<w:sectPr", start)
    xml = xml[:start] + body + xml[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


def _default_template() -> Path:
    from . import template_path
    from .names import CERTIFICATE
    return template_path(CERTIFICATE)


def _check_one_page(d: Decision, head: dict, people: list[Recipient]) -> None:
    """Every certificate on one page of the built-in template (certificate_fit)."""
    from .certificate_fit import overflow
    for r in people:
        if overflow(certificate_fields(d, r, head)):
            raise ThiDuaError(f"Giấy khen của '{r.name}' (dòng {r.record.row} trang '{S.AWARDS.name}') không vừa một "
                              "trang: thành tích, tên hoặc chức vụ, đơn vị quá dài. Viết gọn cột 'Thành tích' ở trang "
                              f"'{S.DECISIONS.name}' (hoặc 'Lĩnh vực, phong trào', 'Chức vụ, đơn vị') rồi in lại.")


def make(data: WorkbookData, number: str, out_path: Path, template: Path, force: bool, phoi: bool) -> Result:
    d = build(data, number)
    head = header(data, d)
    people = [r for r in d.recipients if r.named]
    skipped = [r for r in d.recipients if not r.named]
    if not people:
        raise ThiDuaError(f"Quyết định {d.number} không có tập thể, cá nhân nào có tên: không có giấy khen để in.")
    if phoi:
        fields = layout(data)
        pages = []
        for r in people:
            texts = certificate_fields(d, r, head)
            pages.append([(f, texts.get(f.name, "")) for f in fields])
        payload = phoi_document(pages)
    else:
        if template.resolve() == _default_template().resolve():
            _check_one_page(d, head, people)
        payload = _blank(template, d, head, people)
    return Result(write_bytes_atomic(out_path, payload, force), len(people), skipped)
