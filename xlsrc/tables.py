"""Finding a schema table in a grid of cells, wherever it stands: below title
lines, with one- or two-row (merged) headers, drifting header wording, NFD
text, blank rows inside, a total or signature line under it. Used by the
reader of our own workbooks and by the consolidator alike."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schema import SheetSpec
from .vntext import fold

MAX_HEADER_SCAN = 40
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$|^\(?[a-z]\)?$")
_END_MARKERS = ("tong cong", "tong so", "noi nhan", "nguoi lap", "thu truong", "giam doc",
                "kt giam doc", "tm", "xac nhan", "ky ten", "ky ghi ro ho ten")
_THREE_ALNUM = re.compile(r"[^\W_].*?[^\W_].*?[^\W_]", re.S)  # three letters/digits: not a (1), (a) label
_END_SHORT = re.compile(r"^(tong|cong|tong cong)( \d+.*)?$")


def _is_end_marker(text: str) -> bool:
    return bool(_END_SHORT.match(text)) or any(text == m or text.startswith(m + " ") for m in _END_MARKERS)


@dataclass
class TableLocation:
    sheet: str
    header_row: int               # 0-based index of the first header row
    data_start: int               # 0-based index of the first data row
    columns: dict[str, int]       # column key -> 0-based column index
    header_texts: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)  # 0-based indexes of data rows

    def excel_col(self, key: str) -> int | None:
        c = self.columns.get(key)
        return None if c is None else c + 1


def _cell_text(v) -> str:
    return "" if v is None else str(v)


_SCORES: dict[tuple[int, str], dict[str, int]] = {}
_INDEXES: dict[int, tuple[SheetSpec, dict[str, dict[str, int]], list[tuple[str, str]]]] = {}


def _spec_index(spec: SheetSpec):
    """Folded header → {key: 3}, folded alias → {key: 2}, and the multi-word
    names padded for whole-word search; built once per spec."""
    entry = _INDEXES.get(id(spec))
    if entry is None or entry[0] is not spec:
        exact: dict[str, dict[str, int]] = {}
        multi: list[tuple[str, str]] = []
        for col in spec.columns:
            header = fold(col.header)
            names = [fold(a) for a in col.aliases]
            for name in names:
                exact.setdefault(name, {}).setdefault(col.key, 2)
            exact.setdefault(header, {})[col.key] = 3
            multi += [(f" {n} ", col.key) for n in set(names + [header]) if len(n.split()) >= 2]
        multi.sort(key=lambda x: len(x[0]), reverse=True)
        entry = _INDEXES[id(spec)] = (spec, exact, multi)
    return entry


def _scores(spec: SheetSpec, text: str) -> dict[str, int]:
    """Which columns a header text may head: 3 exact header, 2 exact alias,
    1 a multi-word name contained as whole words. Cached per text."""
    cache_key = (id(spec), text)
    found = _SCORES.get(cache_key)
    if found is not None:
        return found
    _, exact, multi = _spec_index(spec)
    key = fold(text)
    found = dict(exact.get(key, {})) if key else {}
    if key:
        padded = f" {key} "
        for name, col in multi:
            if col not in found and name in padded:
                found[col] = 1
    if len(_SCORES) > 100_000:
        _SCORES.clear()
    _SCORES[cache_key] = found
    return found


def _header_candidates(grid, r: int, ncols: int) -> list[list[tuple[str, bool]]]:
    """For each column, candidate header texts built from row r and row r+1
    (a two-row merged header); the flag tells whether row r+1 was used."""
    top = grid[r] + [None] * (ncols - len(grid[r]))
    below = (grid[r + 1] + [None] * (ncols - len(grid[r + 1]))) if r + 1 < len(grid) else [None] * ncols
    filled, last = [], ""
    for v in top:  # merged parent cells: only the top-left holds text
        last = _cell_text(v) if v is not None else last
        filled.append(last)
    out = []
    for c in range(ncols):
        t, b = _cell_text(top[c]), _cell_text(below[c])
        cands = [(t, False)]
        if b:
            cands += [(b, True), (f"{t} {b}".strip(), True), (f"{filled[c]} {b}".strip(), True)]
        out.append(cands)
    return out


def _may_hold(spec: SheetSpec, key_column: str, grid, r: int, ncols: int) -> bool:
    """Whether any header candidate of row r may head the key column: a
    necessary condition for row r to be the header (checked before the full match)."""
    return any(key_column in _scores(spec, text) for cands in _header_candidates(grid, r, ncols)
               for text, _ in cands if text)


def _match_row(spec: SheetSpec, grid, r: int, ncols: int):
    cands = _header_candidates(grid, r, ncols)
    best: dict[tuple[str, int], tuple[int, bool]] = {}
    for c, options in enumerate(cands):
        for text, used in options:
            if not text:
                continue
            for key, score in _scores(spec, text).items():
                if (score, not used) > (best.get((key, c), (0, False))[0], not best.get((key, c), (0, True))[1]):
                    best[(key, c)] = (score, used)
    scored = sorted(((score, key, c, used) for (key, c), (score, used) in best.items()),
                    key=lambda x: (-x[0], x[2]))
    taken_keys, taken_cols, mapping, used_second = set(), set(), {}, False
    for score, key, c, used in scored:
        if key in taken_keys or c in taken_cols:
            continue
        taken_keys.add(key)
        taken_cols.add(c)
        mapping[key] = c
        used_second |= used
    return mapping, used_second, sum(s for s, k, c, u in scored if mapping.get(k) == c)


def locate(spec: SheetSpec, grid, sheet: str = "", key_column: str | None = None,
           min_columns: int = 2) -> TableLocation | None:
    """The best header row for ``spec`` in the grid, or None when no row maps
    the key column and at least ``min_columns`` columns."""
    if not grid:
        return None
    ncols = max(len(r) for r in grid[:MAX_HEADER_SCAN + 2])
    key_column = key_column or next(c.key for c in spec.columns if c.required)
    best = None
    for r in range(min(MAX_HEADER_SCAN, len(grid))):
        if not any(v is not None for v in grid[r]):
            continue
        if not _may_hold(spec, key_column, grid, r, ncols):  # fast path: no cell can head the key column
            continue
        mapping, used_second, score = _match_row(spec, grid, r, ncols)
        if key_column not in mapping or len(mapping) < min_columns:
            continue
        if best is None or (len(mapping), score) > (len(best[0]), best[2]):
            best = (mapping, r, score, used_second)
    if best is None:
        return None
    mapping, r, _, used_second = best
    start = r + 2 if used_second else r + 1
    loc = TableLocation(sheet, r, start, mapping,
                        {k: _cell_text(grid[r][c]) for k, c in mapping.items() if c < len(grid[r])})
    loc.rows = data_rows(grid, loc, key_column, {c.key for c in spec.columns if not c.computed})
    return loc


def _row_get(row, c):
    return row[c] if c is not None and c < len(row) else None


def data_rows(grid, loc: TableLocation, key_column: str, content_keys: set[str] | None = None) -> list[int]:
    """Indexes of the data rows: blank rows and column-numbering rows are
    skipped; a total, signature or 'Nơi nhận' line ends the table. A row with
    an empty key cell is still a record when two other cells are filled, so
    the validator can report what is missing."""
    rows = []
    mapped = [c for k, c in loc.columns.items() if content_keys is None or k in content_keys]
    for i in range(loc.data_start, len(grid)):
        row = grid[i]
        cells = [_row_get(row, c) for c in mapped]
        filled = [v for v in cells if v is not None and str(v).strip() != ""]
        if not filled:
            continue
        if not any(isinstance(v, str) and _THREE_ALNUM.search(v) for v in filled):  # else cannot be numbering
            texts = [fold(v) for v in filled]
            if all(_NUMBERING.match(t) for t in texts if t):  # (1) (2) (3) under the header
                continue
        key_value = _row_get(row, loc.columns.get(key_column))
        first_col = next((c for c, v in enumerate(row) if v is not None), None)
        first_text = fold(row[first_col]) if first_col is not None else ""
        if first_col != loc.columns.get(key_column) and _is_end_marker(first_text):
            break  # "Tổng cộng | 03 công trình | … | 65%": a marker before the key column ends the table
        if key_value is None or str(key_value).strip() == "":
            if _is_end_marker(first_text):
                break
            if len(filled) >= 2:
                rows.append(i)
            continue
        if len(filled) <= 2 and (_is_end_marker(fold(key_value)) or _is_end_marker(first_text)):
            break  # "Tổng cộng | 3 công trình": a total row ends the table
        rows.append(i)
    return rows
