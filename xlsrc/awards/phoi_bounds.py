"""Bounds of the Mẫu in phôi rows: every field's box lies on the A4 landscape
paper and its font size is one a certificate can carry. A value outside is an
error at its cell (a name printed off the page is a spoilt phôi), never a
silently clipped or enlarged text."""
from __future__ import annotations

from decimal import Decimal

from .. import schema as S
from ..findings import ERROR

PAPER_W, PAPER_H = 297.0, 210.0   # mm, A4 landscape (certificates.PAGE_W, PAGE_H)
MIN_FONT_PT, MAX_FONT_PT = 6.0, 72.0  # smaller is unreadable on a certificate; larger fills a third of the page
MIN_WIDTH_MM = 5.0


def _mm(value: Decimal) -> str:
    """'-5000', '1000000000', '12,5': as typed, never in exponent notation."""
    return format(value.normalize(), "f").replace(".", ",")


def _problems(rec) -> list[tuple[str, str]]:
    """(column key, message) of what is out of bounds on one row."""
    x, y, w, size = (rec[k] if isinstance(rec[k], Decimal) else None for k in ("x", "y", "width", "size"))
    out = []
    if x is not None and not 0 <= x < PAPER_W:
        out.append(("x", f"X = {_mm(x)} mm nằm ngoài tờ giấy: nhập từ 0 đến dưới {PAPER_W:g} mm (A4 ngang)."))
    if y is not None and not 0 <= y < PAPER_H:
        out.append(("y", f"Y = {_mm(y)} mm nằm ngoài tờ giấy: nhập từ 0 đến dưới {PAPER_H:g} mm (A4 ngang)."))
    if w is not None:
        if w < MIN_WIDTH_MM:
            out.append(("width", f"Rộng = {_mm(w)} mm quá hẹp: nhập ít nhất {MIN_WIDTH_MM:g} mm."))
        elif x is not None and 0 <= x < PAPER_W and x + w > PAPER_W:
            out.append(("width", f"Ô từ X = {_mm(x)} mm rộng {_mm(w)} mm vượt mép phải tờ giấy ({PAPER_W:g} mm): "
                                 f"rộng tối đa {_mm(Decimal(str(PAPER_W)) - x)} mm."))
    if size is not None:
        if not MIN_FONT_PT <= size <= MAX_FONT_PT:
            out.append(("size", f"Cỡ chữ {_mm(size)} pt không hợp lý: nhập từ {MIN_FONT_PT:g} đến {MAX_FONT_PT:g} pt."))
        elif y is not None and 0 <= y < PAPER_H and y + size * Decimal("25.4") / 72 > PAPER_H:
            out.append(("y", f"Dòng chữ {_mm(size)} pt bắt đầu ở Y = {_mm(y)} mm tràn qua mép dưới tờ giấy "
                             f"({PAPER_H:g} mm)."))
    return out


def check_print_layout(out) -> None:
    """Errors at the cells of Mẫu in phôi whose position or size cannot print."""
    for rec in out.data.records.get("print_layout", []):
        for key, message in _problems(rec):
            out.add(S.PRINT_LAYOUT, rec, key, ERROR, "PHOI_OUT_OF_BOUNDS", message)


def out_of_bounds(rec) -> str:
    """The first problem of one row, for the printer's own refusal."""
    problems = _problems(rec)
    return problems[0][1] if problems else ""
