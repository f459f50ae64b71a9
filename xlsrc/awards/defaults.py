"""Default rows for a new workbook: the phôi layout (Mẫu in phôi), the dated
lương cơ sở and the prize coefficients added to the Tiêu chuẩn rows. Staff
edit them in the workbook; the workbook's values win."""
from __future__ import annotations

import datetime as dt

from .. import schema as S
from .money import DEFAULT_BASE_SALARIES, DEFAULT_COEFFICIENTS, Coefficient

# field, x, y, width (mm), size (pt), bold, align — for an A4 landscape phôi
# whose Quốc hiệu, emblem and the words GIẤY KHEN are printed already.
DEFAULT_LAYOUT: tuple[tuple, ...] = (
    ("Cơ quan tặng", 48.5, 50.0, 200.0, 16, True, "Giữa"),
    ("Họ và tên", 48.5, 92.0, 200.0, 24, True, "Giữa"),
    ("Chức vụ, đơn vị", 48.5, 106.0, 200.0, 16, False, "Giữa"),
    ("Thành tích", 33.5, 118.0, 230.0, 15, False, "Giữa"),
    ("Địa danh, ngày", 165.0, 140.0, 110.0, 14, False, "Giữa"),
    ("Thẩm quyền ký", 165.0, 147.0, 110.0, 14, True, "Giữa"),
    ("Chức vụ người ký", 165.0, 154.0, 110.0, 14, True, "Giữa"),
    ("Người ký", 165.0, 182.0, 110.0, 15, True, "Giữa"),
    ("Số quyết định", 22.0, 178.0, 120.0, 12, False, "Trái"),
    ("Số sổ vàng", 22.0, 185.0, 120.0, 12, False, "Trái"),
)
FONT = "Times New Roman"


def layout_rows() -> list[dict]:
    return [{"field": f, "x": x, "y": y, "width": w, "font": FONT, "size": size, "bold": "Có" if bold else "Không",
             "align": align} for f, x, y, w, size, bold, align in DEFAULT_LAYOUT]


def base_salary_rows() -> list[dict]:
    return [{"start": dt.datetime(b.start.year, b.start.month, b.start.day), "amount": b.amount,
             "basis": b.basis, "note": b.note, "verified": b.verified} for b in DEFAULT_BASE_SALARIES]


def default_rows(key: str) -> list[dict]:
    return {"print_layout": layout_rows, "base_salary": base_salary_rows}.get(key, list)()


def _prize_cells(c: Coefficient) -> dict:
    cells = {"prize_coefficient": float(c.value), "prize_basis": c.basis, "prize_note": c.note}
    if c.times_individual:
        cells["prize_times_individual"] = float(c.times_individual)
    return cells


def with_prize_coefficients(rows: list[dict]) -> list[dict]:
    """The Tiêu chuẩn rows with their prize coefficient, plus one row for each
    form that has a coefficient but no standard (Giấy khen …)."""
    vocab = S.vocabulary("award_form")
    out, used = [], set()
    for row in rows:
        term = vocab.lookup(row.get("title") or "")
        kind = row.get("recipient_kind")
        match = next((c for c in DEFAULT_COEFFICIENTS if term and c.form == term.value and c.kind == kind), None)
        if match:
            used.add((match.form, match.kind))
            row = {**row, **_prize_cells(match)}
        out.append(row)
    for c in DEFAULT_COEFFICIENTS:
        if (c.form, c.kind) not in used:
            out.append({"title": c.form, "recipient_kind": c.kind, "rule": "Dòng dùng để tính tiền thưởng.",
                        "basis": c.basis, "verified": c.verified, **_prize_cells(c)})
    return out
