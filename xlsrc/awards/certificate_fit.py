"""Does a certificate of the built-in template stay on its one A4 landscape
page? The fixed lines take the same room on every certificate; the variable
paragraphs (name, position, achievement, title) wrap over the text width. Past
the room measured on the template, the signature row would spill onto a
second page: the certificate is refused with the text to shorten, never
printed over two sheets."""
from __future__ import annotations

import math

from .metrics import text_width_mm

TEXT_WIDTH_MM = 297 - 24 - 24 - 8   # A4 landscape less the template's margins and a little slack
LINE = 1.15                          # line height in font sizes
# Room for the variable paragraphs, in points: on the built-in template one line of name (24 pt), one of
# position (16 pt) and seven of achievement (16 pt) fit; an eighth pushes the signature onto a new page.
ROOM_PT = (24 + 16 + 7 * 16) * LINE

# field of certificate_fields: (size in pt, bold)
SIZES = {"award_title": (24, True), "name": (24, True), "position": (16, False), "achievement": (16, False)}


def _lines(text: str, size: float, bold: bool) -> int:
    if not text:
        return 0
    return max(1, math.ceil(text_width_mm(text, size, bold=bold) / TEXT_WIDTH_MM))


def height_pt(fields: dict[str, str]) -> float:
    return sum(_lines(fields.get(k, ""), size, bold) * size * LINE for k, (size, bold) in SIZES.items())


def overflow(fields: dict[str, str]) -> bool:
    return height_pt(fields) > ROOM_PT + 0.5
