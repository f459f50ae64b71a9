"""Fills the annex table after rendering, in one pass over document.xml.

docxtpl's ``{%tr for %}`` loop grows much worse than linearly with the row
count (about 20 s for 50,000 works). Here the marker row of the template is
taken as a string once, and each work becomes that string with the markers
replaced by escaped text: linear in the number of works."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from ..errors import ThiDuaError
from .build_templates import ANNEX_MARKERS, GROUP_MARKER

_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def _xml_text(text: str) -> str:
    text = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20)
    return escape(text).replace("\n", _BREAK)


def _row_around(xml: str, marker: str) -> tuple[int, int]:
    at = xml.find(marker)
    if at < 0:
        return -1, -1
    start = max(xml.rfind("<w:tr>", 0, at), xml.rfind("<w:tr ", 0, at))
    end = xml.find("</w:tr>", at) + len("</w:tr>")
    return start, end


def missing_markers(xml: str, grouped: bool) -> list[str]:
    needed = list(ANNEX_MARKERS) + ([GROUP_MARKER] if grouped else [])
    return [m for m in needed if m not in xml]


def fill(xml: str, rows: list[tuple[str, list[str]]], template_name: str) -> str:
    """Replace the marker rows by one row per ('item', cells) or ('group', [title])."""
    grouped = any(kind == "group" for kind, _ in rows) or GROUP_MARKER in xml
    missing = missing_markers(xml, grouped)
    if missing:
        raise ThiDuaError(f"Mẫu '{template_name}': bảng phụ lục thiếu ô đánh dấu {', '.join(missing)} "
                          "(mỗi ô đánh dấu phải nằm nguyên vẹn trong một ô của bảng).")
    item_start, item_end = _row_around(xml, ANNEX_MARKERS[1])
    item = xml[item_start:item_end]
    group = ""
    if GROUP_MARKER in xml:
        g_start, g_end = _row_around(xml, GROUP_MARKER)
        group = xml[g_start:g_end]
        xml = xml[:g_start] + xml[g_end:]
        item_start, item_end = _row_around(xml, ANNEX_MARKERS[1])
    if not rows:
        rows = [("item", ["", "Chưa có công trình, phần việc nào.", "", "", ""])]
    parts = []
    for kind, cells in rows:
        if kind == "group":
            parts.append(group.replace(GROUP_MARKER, _xml_text(cells[0])) if group else "")
            continue
        row = item
        for marker, value in zip(ANNEX_MARKERS, cells):
            row = row.replace(marker, _xml_text(value), 1)
        parts.append(row)
    return xml[:item_start] + "".join(parts) + xml[item_end:]


def fill_docx(docx: bytes, rows: list[tuple[str, list[str]]], template_name: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = fill(data.decode("utf-8"), rows, template_name).encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()
