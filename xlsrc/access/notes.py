"""Findings made while a sheet is read, the same for a file and a live
Excel book: legacy-encoded text converted to Unicode (LEGACY_ENCODING) and
formula cells saved without a value (FORMULA_NO_VALUE)."""
from __future__ import annotations

from ..findings import WARNING, Finding, cell_ref
from ..legacy_encodings import ENCODING_NAMES, convert, font_encoding, may_be_legacy
from .cellinfo import CellInfo


def convert_legacy_grid(grid, info: CellInfo | None, file: str, sheet: str) -> list[Finding]:
    """Convert, in place, every text cell typed in TCVN3 or VNI to Unicode
    NFC; one warning per converted cell. ``info`` gives the fonts, when the
    book uses any legacy font."""
    notes = []
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v.__class__ is not str:
                continue
            if info is None:
                if v.isascii() or not may_be_legacy(v):
                    continue
                font = None
            else:
                font = info.font(r, c)
                if v.isascii() and not font.startswith("."):  # only a .Vn…H font changes ASCII
                    continue
            text, encoding = convert(v, font)
            if encoding is None:
                continue
            row[c] = text
            notes.append(Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "LEGACY_ENCODING",
                                 f"Ô gõ bằng bảng mã {ENCODING_NAMES[encoding]}"
                                 f"{f' (phông {font})' if font_encoding(font)[0] else ''}, đã chuyển sang Unicode: "
                                 f"'{_short(v)}' → '{_short(text)}'.", file))
    return notes


def formula_notes(info: CellInfo, file: str, sheet: str) -> list[Finding]:
    return [Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "FORMULA_NO_VALUE",
                    "Ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình ghi, chưa mở bằng Excel); "
                    "ô được đọc là trống. Mở tệp bằng Excel, lưu lại rồi gửi lại.", file)
            for r, c in sorted(info.formulas_without_value)]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
