"""Findings made while a sheet is read, the same for a file and a live
Excel book: legacy-encoded text converted to Unicode (LEGACY_ENCODING) and
formula cells saved without a value (FORMULA_NO_VALUE)."""
from __future__ import annotations

from ..findings import WARNING, Finding, cell_ref
from ..legacy_encodings import (ENCODING_NAMES, TCVN3, VNI, convert, convert_as, font_encoding, may_be_legacy,
                                unicode_only, valid_as_typed)
from .cellinfo import CellInfo

OTHER = {TCVN3: VNI, VNI: TCVN3}


def convert_legacy_grid(grid, info: CellInfo | None, file: str, sheet: str) -> list[Finding]:
    """Convert, in place, every text cell typed in TCVN3 or VNI to Unicode
    NFC; one warning per converted cell. ``info`` gives the fonts, when the
    book uses any legacy font."""
    if info is None and not may_hold_legacy(grid):
        return []
    notes = []
    found: dict[int, set[str]] = {}      # column -> legacy encodings found in it
    both: list[tuple[int, int, str]] = []  # cells that read as TCVN3 and as VNI alike ('Tö': TCVN3 Tử, VNI Tư)
    unicode: set[str] = set()  # texts found not legacy: a text recurs down a column, it is tested once
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v.__class__ is not str:
                continue
            if info is None:
                if v.isascii() or v in unicode:
                    continue
                if not may_be_legacy(v):
                    unicode.add(v)
                    continue
                font = None
            else:
                font = info.font(r, c)
                if v.isascii() and not font.startswith("."):  # only a .Vn…H font changes ASCII
                    continue
            text, encoding = convert(v, font)
            if encoding is None:
                continue
            if not font_encoding(font)[0] and convert_as(v, OTHER[encoding]) is not None:
                both.append((r, c, encoding))  # the other cells of the column (or the sheet) decide
                continue
            found.setdefault(c, set()).add(encoding)
            row[c] = text
            notes.append(_note(v, text, encoding, font, r, c, file, sheet))
    sheet_wide = set().union(*found.values())
    for r, c, encoding in both:
        chosen = found.get(c) or sheet_wide
        encoding = next(iter(chosen)) if len(chosen) == 1 else encoding
        v = grid[r][c]
        text = convert_as(v, encoding) or convert(v)[0]
        grid[r][c] = text
        found.setdefault(c, set()).add(encoding)
        notes.append(_note(v, text, encoding, None, r, c, file, sheet))
    if found:  # a sheet with legacy text: the cells that read either way (never run on a Unicode sheet)
        notes += _convert_by_context(grid, found, {(f.row - 1, f.cell) for f in notes}, file, sheet)
    return notes


def may_hold_legacy(grid) -> bool:
    """Whether any text of the grid reads as TCVN3 or VNI when no font
    says so: each distinct value is looked at once (a sheet of 60.000 rows
    holds a few thousand distinct texts)."""
    try:
        values = set().union(*grid)
    except TypeError:  # an unhashable value: every cell is looked at
        return True
    return any(may_be_legacy(v) and convert(v)[1] is not None
               for v in values if v.__class__ is str and not v.isascii())  # the others never leave the loop


def _note(v: str, text: str, encoding: str, font: str | None, r: int, c: int, file: str, sheet: str) -> Finding:
    return Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "LEGACY_ENCODING",
                   f"Ô gõ bằng bảng mã {ENCODING_NAMES[encoding]}"
                   f"{f' (phông {font})' if font_encoding(font)[0] else ''}, đã chuyển sang Unicode: "
                   f"'{_short(v)}' → '{_short(text)}'.", file)


def _convert_by_context(grid, found: dict[int, set[str]], converted, file: str, sheet: str) -> list[Finding]:
    """A cell whose words read as Unicode Vietnamese either way ('dùng' is
    Unicode dùng and TCVN3 dựng) under a font that names no encoding (Arial,
    or no font at all in CSV/HTML): read in the legacy encoding when the
    other cells of its column are typed in it (one encoding only) and none
    holds text only Unicode can hold — or, in a column with no other legacy
    text, when the whole sheet is so. Always with a warning showing both
    readings. A cell whose words are Vietnamese as typed ('Bùi Lê Tâm') is
    kept as it is: the warning offers the legacy reading ('Bựi Lờ Tõm')."""
    left, unicode_cols = [], set()
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v.__class__ is str and not v.isascii() and (r, cell_ref(r + 1, c + 1)) not in converted:
                (unicode_cols.add(c) if unicode_only(v) else left.append((r, c)))
    sheet_wide = set().union(*found.values()) if not unicode_cols else set()
    notes = []
    for r, c in left:
        encodings = found.get(c) or sheet_wide
        if len(encodings) != 1 or c in unicode_cols:
            continue
        encoding = next(iter(encodings))
        v = grid[r][c]
        text = convert_as(v, encoding)
        if text is None:
            continue
        if valid_as_typed(v, text):  # Vietnamese as it stands: kept, the other reading offered
            notes.append(Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "LEGACY_ENCODING",
                                 f"Ô '{_short(v)}' là tiếng Việt Unicode hợp lệ nên được giữ nguyên, dù các ô khác "
                                 f"cùng cột (hoặc cả trang) gõ bằng bảng mã {ENCODING_NAMES[encoding]}; nếu ô này "
                                 f"cũng gõ bằng {ENCODING_NAMES[encoding]} thì giá trị đúng là '{_short(text)}' — "
                                 "hãy kiểm tra và sửa trong tệp gốc.", file))
            continue
        grid[r][c] = text
        notes.append(Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "LEGACY_ENCODING",
                             f"Ô đọc được cả hai cách; các ô khác cùng cột (hoặc cả trang) gõ bằng bảng mã "
                             f"{ENCODING_NAMES[encoding]} nên đã chuyển sang Unicode: '{_short(v)}' → "
                             f"'{_short(text)}' (nếu ô vốn gõ bằng Unicode thì giá trị đúng là '{_short(v)}').", file))
    return notes


def formula_notes(info: CellInfo, file: str, sheet: str) -> list[Finding]:
    return [Finding(sheet, r + 1, "", cell_ref(r + 1, c + 1), WARNING, "FORMULA_NO_VALUE",
                    "Ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình ghi, chưa mở bằng Excel); "
                    "ô được đọc là trống. Mở tệp bằng Excel, lưu lại rồi gửi lại.", file)
            for r, c in sorted(info.formulas_without_value)]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
