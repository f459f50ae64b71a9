"""Finding a schema table in a grid of cells, wherever it stands: below title
lines, with one- or two-row (merged) headers, drifting header wording, NFD
text, blank rows inside. Under the header, rows that are not records are told
apart: group headings (``I``, ``A.``, ``1.1`` with no dates and no progress,
merged across the row, or bold alone on their row) are carried onto the rows
under them; total rows (``Tổng cộng``, ``Cộng``, ``Tổng số`` in any column)
are skipped wherever they stand; foot notes (``Ghi chú:``), signature lines and
'Nơi nhận' end the table. Columns the schema does not know are kept by header.
Used by the reader of our own workbooks and by the consolidator alike."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, filterfalse, repeat, takewhile, zip_longest
from operator import and_, gt, itemgetter, ne
from typing import Callable

from . import schema as S
from .schema import SheetSpec
from .vntext import fold, folding_to, nfc, strip_marks

HEADER_WINDOW = 40        # the header is looked for in the first rows only
MAX_HEADER_SCAN = HEADER_WINDOW
GROUP_SEPARATOR = " / "   # "I. Khối văn phòng Sở / 1. Phòng Tổ chức"
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$|^\(?[a-z]\)?$")
_THREE_ALNUM = re.compile(r"[^\W_].*?[^\W_].*?[^\W_]", re.S)  # three letters/digits: not a (1), (a) label
# lines under a table that end it: signature block, receivers, foot notes
_END_MARKERS = ("noi nhan", "nguoi lap", "nguoi lap bieu", "nguoi lap bang", "nguoi tong hop", "thu truong",
                "giam doc", "kt giam doc", "tm", "kt", "xac nhan", "ky ten", "ky ghi ro ho ten", "ky va ghi ro",
                "ky dong dau", "ghi chu", "luu y", "chu thich")
# a section that names only a kind of recipient ('1 | Tập thể', 'Khen thưởng cá nhân:'), folded
_KIND_ONLY = re.compile(r"^(?:(?:[ivxlc]+|\d{1,2}|[a-z])\s+)?(?:(?:khen thuong|khen|doi voi|danh sach|cac|de nghi)\s+)*"
                        r"(?:tap the|ca nhan)$")
_FOOT_NOTE = re.compile(r"^\W*(ghi\s*ch[úu]|l[ưu]u\s*[ýy]|ch[úu]\s*th[íi]ch)\s*:", re.I)
_PLACE_DATE = re.compile(r"\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
# total rows: "Tổng cộng", "Cộng", "Cộng I", "Cộng (A)", "Tổng số: 45 công trình", "Tổng 3 công trình"
_TOTAL = re.compile(r"^(tong cong|tong so|cong|tong)( ([ivxlc]+|[a-z]|\d+.*|cong trinh.*|phan viec.*|"
                    r"nhiem vu.*|toan .*|chung.*))?$")
_TOTAL_LEAD = re.compile(r"^\W*(t[ổô]ng|c[ộo]ng)\b", re.I)
# group labels: I, II., A., b), 1., 1.1, 2.3.1
_LABEL_ONLY = re.compile(r"^(?:(?P<roman>[IVXLC]+)[.)]?|(?P<letter>[A-ZĐa-zđ])[.)]|(?P<num>\d{1,2}(?:\.\d{1,2})*)\."
                         r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})+))$")
# a capital letter alone in the first cell, its section's title the only other text of the row (a work lettered
# 'A' has its unit, a date or its progress beside its name)
_BARE_LETTER = re.compile(r"^[A-ZĐ]$")
_LABEL_LEAD = re.compile(r"^(?:(?P<roman>[IVXLC]+)[.)]?|(?P<letter>[A-ZĐa-zđ])[.)]|(?P<num>\d{1,2}(?:\.\d{1,2})*)[.)]"
                         r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})+))\s*[-–:]?\s+(?P<text>\S.*)$", re.S)


def _is_end_marker(text: str) -> bool:
    return text in _END_MARKERS or text.startswith(_END_WORDS) or bool(_PLACE_DATE.search(text))


_END_WORDS = tuple(m + " " for m in _END_MARKERS)  # a marker as the first words of a longer line


def is_total(text) -> bool:
    """'Tổng cộng', 'Cộng', 'Cộng I', 'Tổng số: 45 công trình' (a cell of a total row)."""
    return isinstance(text, str) and len(text) <= 60 and text.lstrip()[:1] in _TOTAL_FIRST \
        and bool(_TOTAL_LEAD.match(text)) and bool(_TOTAL.match(fold(text)))


_TOTAL_FIRST = frozenset("TtCc")
_TOTAL_FIRST_OR_SPACE = frozenset("TtCc \t\n")


@dataclass
class TableLocation:
    sheet: str
    header_row: int               # 0-based index of the first header row
    data_start: int               # 0-based index of the first data row
    columns: dict[str, int]       # column key -> 0-based column index
    header_texts: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)  # 0-based indexes of data rows
    groups: dict[int, str] = field(default_factory=dict)   # data row -> the group heading(s) above it
    extra: dict[int, str] = field(default_factory=dict)    # 0-based column -> header the schema does not know
    header_end: int = 0           # 0-based index of the last header row
    # a period column split into two (xlsrc.date_ranges): key -> the column typed, row -> (text, reading)
    sources: dict[str, int] = field(default_factory=dict)
    periods: dict[int, tuple] = field(default_factory=dict)
    period_month_first: str | None = None  # a cell of that column that shows it writes its dates month first
    # award counts typed one column per recipient kind: kind value -> 0-based column
    by_kind: dict[str, int] = field(default_factory=dict)
    # column key -> its mark columns: 0-based column -> the value an 'x' under it says
    marks: dict[str, dict[int, str]] = field(default_factory=dict)
    # the texts under the header that hold a '#' (where an error value may stand), when data_rows looked at them all
    hashed: set[str] | None = None
    # the cells of the rows under the header a column at a time (tuples; None past a row's end) and the set of each
    # column, when data_rows made them: taken by records.read_records when every one of those rows is a record
    under: tuple[list[tuple], list[set]] | None = field(default=None, repr=False, compare=False)
    # required columns its source cannot hold (a decision's annex that names no achievement): its reader says so
    not_in_source: frozenset[str] = frozenset()

    def excel_col(self, key: str) -> int | None:
        c = self.sources.get(key, self.columns.get(key))
        return None if c is None else c + 1


def _cell_text(v) -> str:
    return "" if v is None else str(v)


_SCORES: dict[tuple[int, str], dict[str, int]] = {}
# spec → (spec, exact names, multi-word names, not-words of each column, words of each column's names)
_INDEXES: dict[int, tuple[SheetSpec, dict[str, dict[str, int]], list[tuple[str, str]], dict[str, list[str]],
                          dict[str, list[set[str]]]]] = {}


def _spec_index(spec: SheetSpec):
    """Folded header → {key: 3}, folded alias → {key: 2}, folded fallback →
    {key: 1}, the multi-word names padded for whole-word search, and the
    words of each name; built once per spec."""
    entry = _INDEXES.get(id(spec))
    if entry is None or entry[0] is not spec:
        exact: dict[str, dict[str, int]] = {}
        multi: list[tuple[str, str]] = []
        vetoes = {col.key: [f" {fold(w)} " for w in col.not_words] for col in spec.columns if col.not_words}
        for col in spec.columns:
            header = fold(col.header)
            names = [fold(a) for a in col.aliases]
            for name in names:
                exact.setdefault(name, {}).setdefault(col.key, 2)
            for name in map(fold, col.fallbacks):
                exact.setdefault(name, {}).setdefault(col.key, 1)
            exact.setdefault(header, {})[col.key] = 3
            multi += [(f" {n} ", col.key) for n in set(names + [header]) if len(n.split()) >= 2]
        multi.sort(key=lambda x: len(x[0]), reverse=True)
        words = {col.key: [set(n.split()) for n in set(map(fold, (col.header,) + col.aliases))] for col in spec.columns}
        entry = _INDEXES[id(spec)] = (spec, exact, multi, vetoes, words)
    return entry


def _scores(spec: SheetSpec, text: str) -> dict[str, int]:
    """Which columns a header text may head: 3 exact header, 2 exact alias,
    1 a multi-word name contained as whole words. Cached per text."""
    cache_key = (id(spec), text)
    found = _SCORES.get(cache_key)
    if found is not None:
        return found
    _, exact, multi, vetoes, _ = _spec_index(spec)
    key = fold(text)
    found = dict(exact.get(key, {})) if key else {}
    if key:
        padded = f" {key} "
        for name, col in multi:
            if col not in found and name in padded and not any(w in padded for w in vetoes.get(col, ())):
                found[col] = 1
    if found and _is_gender_word(text):   # 'Nam' under 'Năm sinh' is a gender, never 'Năm' (a year)
        found = {k: v for k, v in found.items() if k == "gender"}
    if len(_SCORES) > 100_000:
        _SCORES.clear()
    _SCORES[cache_key] = found
    return found


def _may_head(spec: SheetSpec, key: str, text: str) -> bool:
    """Whether ``text`` may head column ``key`` (as _scores would say), cached per text."""
    cache_key = (id(spec), key, text)
    found = _HEADS.get(cache_key)
    if found is None:
        _, exact, multi, vetoes, _ = _spec_index(spec)
        names = _KEY_NAMES.get((id(spec), key))
        if names is None:
            names = _KEY_NAMES[(id(spec), key)] = [name for name, col in multi if col == key]
        folded = fold(text)
        padded = f" {folded} "
        found = bool(folded) and (key in exact.get(folded, ()) or (
            any(name in padded for name in names) and not any(w in padded for w in vetoes.get(key, ())))) and (
            key == "gender" or not _is_gender_word(text))
        if len(_HEADS) > 100_000:
            _HEADS.clear()
        _HEADS[cache_key] = found
    return found


_HEADS: dict[tuple[int, str, str], bool] = {}
GENDER_WORDS = tuple(g.lower() for g in S.vocabulary("gender").values)   # 'nam', 'nữ'


def _is_gender_word(text: object) -> bool:
    """'Nam', 'Nữ' as typed (with their marks): they fold like 'Năm' (year) and 'Nu'."""
    return isinstance(text, str) and " ".join(nfc(text).split()).lower() in GENDER_WORDS


_KEY_NAMES: dict[tuple[int, str], list[str]] = {}


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
        if b and b != t and not (":" in b and _FOOT_NOTE.match(b)):  # "Ghi chú: …" beside a data row
            cands += [(b, True), (f"{t} {b}".strip(), True), (f"{filled[c]} {b}".strip(), True)]
        out.append(cands)
    return out


class _RowWords(dict):
    """The words of a grid row's texts, folded (by row index; none past the
    last row): every header text locate makes of rows r and r + 1 is made of
    their words (fold keeps a word whole, and turns the space between two
    joined texts into a space), each row folded once."""

    def __init__(self, grid):
        super().__init__()
        self.grid = grid

    def __missing__(self, r: int) -> set[str]:
        row = self.grid[r] if r < len(self.grid) else ()
        got = self[r] = set(" ".join([fold(_cell_text(v)) for v in row if v is not None]).split())
        return got


def _match(spec: SheetSpec, cands, key_column: str):
    """The column mapping one header row gives, or None when no cell may head
    the key column (checked first: most rows are rejected there)."""
    if not any(_may_head(spec, key_column, text) for options in cands for text, _ in options if text):
        return None  # most rows: told from the key column's own names, without scoring every column
    scores = [[(text, used, _scores(spec, text)) for text, used in options if text] for options in cands]
    if not any(key_column in s for col in scores for _, _, s in col):
        return None
    best: dict[tuple[str, int], tuple[int, bool]] = {}
    for c, options in enumerate(scores):
        for _, used, found in options:
            for key, score in found.items():
                old = best.get((key, c))
                if old is None or (score, not used) > (old[0], not old[1]):
                    best[(key, c)] = (score, used)
    # a cell naming the key column among others ('Họ và tên, chức vụ, đơn vị') heads the key column
    scored = sorted(((score, key, c, used) for (key, c), (score, used) in best.items()),
                    key=lambda x: (-x[0], x[2], x[1] != key_column))
    taken_keys, taken_cols, mapping, used = set(), set(), {}, 0
    for score, key, c, second in scored:
        if key in taken_keys or c in taken_cols:
            continue
        taken_keys.add(key)
        taken_cols.add(c)
        mapping[key] = c
        used += second
    # rank: columns mapped, then how well, then fewer taken from the row below
    # (a title line straight above a one-row header is not its first row)
    return mapping, used > 0, (sum(s for s, k, c, u in scored if mapping.get(k) == c), -used)


def _extra_headers(grid, r: int, used_second: bool, ncols: int, mapping: dict[str, int]) -> dict[int, str]:
    """Header texts of the columns the schema does not know, e.g. 'Kinh phí (triệu đồng)'."""
    taken = set(mapping.values())
    top = grid[r] + [None] * (ncols - len(grid[r]))
    below = (grid[r + 1] + [None] * (ncols - len(grid[r + 1]))) if used_second and r + 1 < len(grid) else []
    out, parent = {}, ""
    for c in range(ncols):
        t = " ".join(nfc(top[c]).split()) if top[c] is not None else ""
        parent = t or parent
        b = " ".join(nfc(below[c]).split()) if below and below[c] is not None else ""
        if c in taken:
            continue
        text = (f"{parent} - {b}" if parent and parent != b else b) if b else t
        if text and not _NUMBERING.match(fold(text)):
            out[c] = text
    return out


def locate(spec: SheetSpec, grid, sheet: str = "", key_column: str | None = None,
           min_columns: int = 2, merges=None, bold: Callable[[int, int], bool] | None = None,
           start: int = 0) -> TableLocation | None:
    """The best header row for ``spec`` in the HEADER_WINDOW rows of the grid
    from row ``start`` (a table below another), or None when no row maps the
    key column and at least ``min_columns`` columns. Scanning stops one row
    after a header is found (the second row of a two-row header). ``merges``
    (0-based r1, c1, r2, c2) tell group headings merged across a row;
    ``bold(row, col)`` tells a bold cell."""
    if len(grid) <= start:
        return None
    window = min(start + HEADER_WINDOW, len(grid))
    ncols = max(len(r) for r in grid[start:window + 2])
    key_column = key_column or next(c.key for c in spec.columns if c.required)
    names = _spec_index(spec)[4].get(key_column, [])
    words = _RowWords(grid)
    best = None
    for r in range(start, window):
        if best is not None and r > best[1] + 1:
            break  # found: the rows below are data
        if not any(v is not None for v in grid[r]):
            continue
        near = words[r] | words[r + 1]  # a header text of row r is made of words of rows r and r + 1
        if not any(name <= near for name in names):
            continue  # most rows: no text of theirs may head the key column (a name of it as whole words)
        cands = _header_candidates(grid, r, ncols)
        found = _match(spec, cands, key_column)
        if found is None:
            continue
        if found[1] and _data_under_key(spec, grid, r, found[0].get(key_column), key_column):
            found = _match(spec, [c[:1] for c in cands], key_column)  # one header row: the next is data
            if found is None:
                continue
        mapping, used_second, score = found
        if key_column not in mapping or len(mapping) < min_columns:
            continue
        if best is None or (len(mapping), score) > (len(best[0]), best[2]):
            best = (mapping, r, score, used_second)
    if best is None:
        return None
    mapping, r, _, used_second = best
    mapping = _typed_for_computed(spec, mapping, grid, r + 1)
    start = r + 2 if used_second else r + 1
    j = start
    while j - r < 4 and j < len(grid):  # a third (fourth) header row: 'Bắt đầu | Kết thúc' under two
        more = _header_continuation(spec, grid[j], mapping, key_column)
        if more:
            mapping, start = {**mapping, **more}, j + 1
        elif not _text_without_key(grid[j], mapping.get(key_column)):
            break  # data: the header ends above
        j += 1
    sub = not used_second and start == r + 1 and _sub_headers(grid, r + 1, mapping, key_column)
    loc = TableLocation(sheet, r, start, mapping,
                        {k: _cell_text(grid[r][c]) for k, c in mapping.items() if c < len(grid[r])},
                        extra=_extra_headers(grid, r, used_second or sub, ncols, mapping), header_end=start - 1)
    join_name_parts(grid, loc, key_column, r, start)
    if merges:
        fill_merged(grid, merges, start)
    span = S.SPANS.get(spec.key)
    if span is not None and (span.start not in mapping or span.finish not in mapping):
        split_period_column(grid, loc, span, r, used_second, ncols)
    counts = S.COUNTS_BY_KIND.get(spec.key)
    if counts is not None and counts.kind not in mapping:
        find_count_columns(grid, loc, counts, r, used_second, ncols)
    for marked in S.MARKED.get(spec.key, ()):
        if marked in loc.columns and \
                _marks_under(grid, r, loc.columns[marked], S.vocabulary(spec.column(marked).vocab), ncols):
            # 'Đối tượng' over 'Tập thể | Cá nhân', an 'x' under one: the marks, not the parent's own cells
            del loc.columns[marked]
            loc.data_start = max(loc.data_start, r + 2)
            read_mark_columns(grid, loc, spec.column(marked), r, True, ncols)
            marking = {c for found in loc.marks.values() for c in found}
            loc.extra.update(_extra_headers(grid, r, True, ncols, {k: c for k, c in loc.columns.items()
                                                                   if c not in marking}))
        elif marked not in loc.columns:
            read_mark_columns(grid, loc, spec.column(marked), r, used_second, ncols)
    loc.rows = data_rows(grid, loc, key_column, {c.key for c in spec.columns if not c.computed},
                         spec=spec, merges=merges, bold=bold)
    return loc


def _typed_for_computed(spec: SheetSpec, mapping: dict[str, int], grid, first: int) -> dict[str, int]:
    """A column headed like one the tool computes ('Trạng thái' of a work),
    in a table without the column a unit types for it ('Tình trạng (đơn vị
    ghi)', the same vocabulary), is what the unit typed: read as that one,
    never dropped as the tool's own (a master read back has both). A
    portal's 'Trạng thái' that only says where the file stands ('Đã duyệt',
    'Chờ duyệt': S.APPROVAL_STATUS, in the rows from ``first``) is no status
    of a work: kept as a column of its own (Thông tin thêm)."""
    out = dict(mapping)
    for c in spec.columns:
        if c.computed and c.vocab and c.key in out:
            twin = next((t for t in spec.columns if not t.computed and t.vocab == c.vocab), None)
            if twin is None or twin.key in out:
                continue
            j = out.pop(c.key)
            texts = [fold(row[j]) for row in grid[first:first + 500] if j < len(row) and isinstance(row[j], str)
                     and row[j].strip()]
            if not texts or not all(S.APPROVAL_STATUS.match(t) for t in texts):
                out[twin.key] = j
    return out


def _sub_headers(grid, j: int, mapping: dict[str, int], key_column: str) -> bool:
    """Row j, under a header row, names sub-columns of columns the schema does
    not know ('Xếp loại' over 'Năm 2024 | Năm 2025'): two texts or more, none
    under a known column, none in the key cell."""
    if j >= len(grid) or not _text_without_key(grid[j], mapping.get(key_column)):
        return False
    taken = set(mapping.values())
    cells = [c for c, v in enumerate(grid[j]) if v is not None and (not isinstance(v, str) or v.strip())]
    return len(cells) >= 2 and not any(c in taken for c in cells)


# a name typed in two columns: 'Họ và tên đệm' (or 'Họ đệm') then 'Tên' (folded)
_NAME_FIRST_PART = {"ho va ten dem", "ho ten dem", "ho dem", "ho va dem", "ho va chu dem"}


def join_name_parts(grid, loc: TableLocation, key_column: str, r: int, start: int) -> None:
    """'Nguyễn Văn | An' under 'Họ và tên đệm | Tên' is one name, 'Nguyễn Văn
    An', in the key column (the 'Tên' column is emptied: its text is in the name)."""
    c = loc.columns.get(key_column)
    if c is None or fold(_cell_text(_row_get(grid[r], c))) not in _NAME_FIRST_PART:
        return
    d = c + 1
    if d in loc.columns.values() or not any(fold(_cell_text(_row_get(grid[h], d))) == "ten" for h in range(r, start)):
        return
    for i in range(start, len(grid)):
        row = grid[i]
        if d < len(row) and isinstance(row[d], str) and row[d].strip() and isinstance(row[c], str) and row[c].strip():
            row[c], row[d] = f"{' '.join(row[c].split())} {row[d].strip()}", None
    loc.extra.pop(d, None)


def _data_under_key(spec: SheetSpec, grid, r: int, key_col: int | None, key_column: str) -> bool:
    """The row under a header row holds a record: its key cell is filled with
    a text that names no column, under a key header of row r itself (a
    work's name under 'Tên công trình'), so it is not a second header row."""
    if key_col is None or r + 1 >= len(grid) or key_col >= len(grid[r + 1]) or key_col >= len(grid[r]):
        return False
    below, top = grid[r + 1][key_col], grid[r][key_col]
    if below is None or (isinstance(below, str) and not below.strip()) or top is None:
        return False
    return key_column in _scores(spec, _cell_text(top)) and not _scores(spec, _cell_text(below))


def _text_without_key(row, key_col: int | None) -> bool:
    """A row of text with its key cell empty (a middle header row, 'Thời gian thực hiện')."""
    if key_col is not None and key_col < len(row) and row[key_col] is not None and str(row[key_col]).strip():
        return False
    cells = [v for v in row if v is not None and (not isinstance(v, str) or v.strip())]
    return bool(cells) and all(isinstance(v, str) for v in cells)


def _header_continuation(spec: SheetSpec, row, mapping: dict[str, int], key_column: str) -> dict[str, int]:
    """The columns a row under the header adds when it is a further header
    row ('Bắt đầu | Kết thúc | Tiến độ (%)' under 'Thời gian' under 'Thời gian
    thực hiện'): its key cell is empty, it holds only text, every text names a
    column, and one at least names a column not yet found. Else nothing."""
    if not _text_without_key(row, mapping.get(key_column)):
        return {}
    cells = [(c, v) for c, v in enumerate(row) if v is not None and (not isinstance(v, str) or v.strip())]
    if len(cells) < 2:
        return {}
    taken = {c: k for k, c in mapping.items()}
    more: dict[str, int] = {}
    for c, v in cells:
        if _NUMBERING.match(fold(v)):
            continue
        found = _scores(spec, v)
        if not found:
            return {}
        key = max(found, key=lambda k: (found[k], k not in mapping))
        if taken.get(c, key) != key or (key in mapping and mapping[key] != c):
            continue  # a column already named otherwise keeps its name
        if key not in mapping and key not in more:
            more[key] = c
    return more


def _header_texts(grid, r: int, used_second: bool, ncols: int) -> list[list[str]]:
    """Per column, the texts that may name it: its own cell, the cell below
    (a two-row header) and the merged parent with the cell below."""
    top = grid[r] + [None] * (ncols - len(grid[r]))
    below = (grid[r + 1] + [None] * (ncols - len(grid[r + 1]))) if used_second and r + 1 < len(grid) else []
    out, parent = [], ""
    for c in range(ncols):
        t = _cell_text(top[c])
        parent = t or parent
        b = _cell_text(below[c]) if below else ""
        out.append([x for x in (t, b, f"{parent} {b}" if b else "") if x])
    return out


def _added_column(grid, start: int, ncols: int) -> int:
    """Every row from ``start`` on padded to one width, the index of a column
    about to be appended to them (which the table then maps)."""
    width = max(ncols, max((len(row) for row in grid[start:]), default=0))
    for row in grid[start:]:
        if len(row) < width:
            row.extend([None] * (width - len(row)))
    return width


def split_period_column(grid, loc: TableLocation, span, r: int, used_second: bool, ncols: int) -> None:
    """'Thời gian thực hiện' holding '01/3/2021 - 30/9/2021' in one cell, where
    the sheet has a start and a finish column: each cell is split
    (xlsrc.date_ranges) into two columns added at the right of the grid,
    which the table maps; the column typed stays a column of its own (kept
    in 'Thông tin thêm') and names the cell of every finding."""
    from .date_ranges import span_order, split_span
    names = {fold(a) for a in span.aliases}
    owned = {span.start, span.finish}
    taken = {c for k, c in loc.columns.items() if k not in owned}
    found = [c for c, texts in enumerate(_header_texts(grid, r, used_second, ncols))
             if c not in taken and any(fold(t) in names for t in texts)]
    if not found:
        return
    c = found[0]
    # the ends it gives: both, or the one the table has no column of ('Thời gian thực hiện | Thời gian hoàn thành')
    free = [k for k in (span.start, span.finish) if loc.columns.get(k) in (None, c)]
    if not free:
        return
    width = _added_column(grid, loc.data_start, ncols)
    for n, k in enumerate(free):
        loc.columns.pop(k, None)
        loc.columns[k] = width + n
        loc.sources[k] = c
    loc.extra.setdefault(c, " ".join(nfc(_header_texts(grid, r, used_second, ncols)[c][0]).split()))
    blank = (None,) * len(free)
    order, loc.period_month_first = span_order(row[c] for row in grid[loc.data_start:] if c < len(row))
    for i in range(loc.data_start, len(grid)):
        row = grid[i]
        value = row[c] if c < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            row.extend(blank)
            continue
        reading = split_span(value, order)
        loc.periods[i] = (value, reading)
        if reading.ok:
            row.extend(reading.start if k == span.start else reading.finish for k in free)
        else:
            row.extend((value,) + blank[1:])


def find_count_columns(grid, loc: TableLocation, counts, r: int, used_second: bool, ncols: int) -> None:
    """'Hình thức | Tập thể | Cá nhân' (numbers under the kinds), in one header
    row or under a 'Số lượng' row: the columns of each recipient kind go to
    ``loc.by_kind`` (the table's rows are split by kind, see
    consolidate.extract.rows_by_kind); a second header row moves the data down."""
    names = {fold(a): kind for kind, aliases in counts.columns for a in aliases}
    parents = {fold(p) for p in counts.parents}
    taken = {c for k, c in loc.columns.items() if k != counts.count}
    found = {}
    for c, texts in enumerate(_header_texts(grid, r, used_second, ncols)):
        kind = next((names[fold(t)] for t in texts if fold(t) in names), None)
        if kind is not None and c not in taken:
            found.setdefault(kind, c)
    second = False
    if not found and not used_second and r + 1 < len(grid):  # 'Số lượng' merged over 'Tập thể | Cá nhân'
        below, parent = grid[r + 1], ""
        for c in range(ncols):
            top = _cell_text(grid[r][c]) if c < len(grid[r]) else ""
            parent = top or parent
            kind = names.get(fold(_cell_text(below[c]))) if c < len(below) else None
            if kind is not None and c not in taken and fold(parent) in parents:
                found.setdefault(kind, c)
        second = bool(found)
    if not found:
        return
    if loc.columns.get(counts.count) in set(found.values()) | {None} or second:
        loc.columns.pop(counts.count, None)
    else:
        return  # a count column of its own besides them: not this shape
    loc.by_kind = found
    loc.columns[counts.count] = min(found.values())  # checked by the validator at each row's own cell
    for c in found.values():
        loc.extra.pop(c, None)
    if second:
        loc.data_start = loc.header_end = r + 2
        loc.header_end = r + 1


def _marks_under(grid, r: int, c: int, vocab, ncols: int) -> bool:
    """Column c heads, merged over the columns after it, a row of values of
    its list (two at least): 'Đối tượng' over 'Tập thể | Cá nhân'."""
    if r + 1 >= len(grid):
        return False
    top, below = grid[r], grid[r + 1]
    span = [c] + list(takewhile(lambda cc: cc >= len(top) or top[cc] in (None, ""), range(c + 1, ncols)))
    return sum(1 for cc in span if cc < len(below) and isinstance(below[cc], str) and
               vocab.lookup(below[cc]) is not None) >= 2


def read_mark_columns(grid, loc: TableLocation, col, r: int, used_second: bool, ncols: int) -> None:
    """'Đã hoàn thành | Đang thực hiện | Chưa thực hiện' with an 'x' under one
    of them: the value of the column marked goes into a column added at the
    right of the grid, mapped to ``col`` (two marks: both, which the validator
    does not accept). Two such columns at least; their own cells stay as typed."""
    vocab = S.vocabulary(col.vocab)
    taken = set(loc.columns.values())
    found = {}
    for c, texts in enumerate(_header_texts(grid, r, used_second, ncols)):
        term = next((vocab.lookup(t) for t in texts if vocab.lookup(t) is not None), None)
        if term is not None and c not in taken:
            found[c] = term.value
    if len(found) < 2:
        return
    width = _added_column(grid, loc.data_start, ncols)
    loc.columns[col.key] = width
    loc.sources[col.key] = min(found)
    loc.marks[col.key] = found
    for i in range(loc.data_start, len(grid)):
        row = grid[i]
        said = [v for c, v in found.items() if c < len(row) and row[c] is not None and str(row[c]).strip()
                and fold(row[c]) not in ("0", "khong") and not str(row[c]).strip().startswith("(")]  # not "(5)"
        row.append("; ".join(said) if said else None)


def _counts_up(values: list) -> bool:
    """Numbers 1, 2, 3 … (three or more, each one more than the one before):
    the columns' numbers typed as numbers under a header, not a record."""
    return len(values) >= 3 and all(v.__class__ in (int, float) for v in values) and \
        all(b - a == 1 for a, b in zip(values, values[1:]))


def _row_get(row, c):
    return row[c] if c is not None and c < len(row) else None


def _label_level(m: re.Match) -> int:
    if m.group("roman") and m.group("roman") not in ("L", "C"):  # "C." after "B." is a letter, not 100
        return 1
    if m.group("roman"):
        return 2
    if m.group("letter"):
        return 2 if m.group("letter").isupper() else 6
    number = m.group("num") or m.group("dotted")
    return 3 + number.count(".")


def _group_heading(row, filled_cols: list[int], wide: bool, bold) -> tuple[int, str] | None:
    """(level, heading) when a row without dates or progress is a group
    heading: a label (I, A., 1., 1.1) alone or leading its text, a row merged
    across the table, or one bold cell alone on the row."""
    first = filled_cols[0]
    v = row[first]
    text = " ".join(nfc(v).split()) if not isinstance(v, float) else _cell_text(v)
    rest = [" ".join(nfc(row[c]).split()) for c in filled_cols[1:]]
    m = _LABEL_ONLY.match(text) if isinstance(v, str) else None
    if m is None and isinstance(v, str) and _BARE_LETTER.match(text) and len(rest) == 1 \
            and any(ch.isalpha() for ch in rest[0]):
        m = _LABEL_ONLY.match(text + ".")  # 'A | CÔNG TRÌNH': a section lettered without a period
    if m and len(rest) > 1 and any(ch.isalpha() for ch in rest[1]):
        return None  # '2. | Sửa cầu Khe Cát | Thôn 2': a numbered row that says more than a title (no dates yet)
    if m and rest:
        sep = " " if text.endswith((".", ")")) or m.group("dotted") else ". "
        return _label_level(m), text + sep + " ".join(rest)
    m = _LABEL_LEAD.match(text) if isinstance(v, str) else None
    if m and any(ch.isalpha() for ch in m.group("text")):  # "II. 135 xã đặc biệt khó khăn" too
        return _label_level(m), " ".join([text] + rest)
    if (wide or (bold is not None and len(filled_cols) == 1 and bold(first))) and isinstance(v, str) \
            and any(ch.isalpha() for ch in text) and not (not rest and _PAGE_MARK.match(fold(text))):
        return 0, " ".join([text] + rest)
    return None


# a page's mark a paged export leaves between rows, merged across: 'Trang 1/3', 'Trang 2 / 3', 'Page 1 of 3'
# (folded: '/' is a space)
_PAGE_MARK = re.compile(r"^(?:trang|page) \d{1,5}(?: (?:tren |of )?\d{1,5})?$")


_ORDER_HEADS = {fold(n) for n in (S.ORDER.header,) + S.ORDER.aliases}  # "TT", "STT": a header row's first cell


def data_rows(grid, loc: TableLocation, key_column: str, content_keys: set[str] | None = None,
              spec: SheetSpec | None = None, merges=None, bold=None) -> list[int]:
    """Indexes of the data rows. Blank rows and column-numbering rows are
    skipped, and so are total rows and repeated header rows; group headings
    are kept in ``loc.groups`` for the rows under them; a foot note, a
    signature, a 'Nơi nhận' or a place-and-date line ends the table. A row
    with an empty key cell is still a record when two other cells are filled,
    so the validator can report what is missing."""
    rows: list[int] = []
    mapped = [c for k, c in loc.columns.items() if content_keys is None or k in content_keys]
    counts = [c for c in loc.by_kind.values() if c not in mapped]  # 'Tập thể | Cá nhân' counts: content too
    mapped += counts
    key_col = loc.columns.get(key_column)
    kinds = {c.key: c.kind for c in spec.columns} if spec is not None else {}
    timed = [c for k, c in loc.columns.items() if kinds.get(k) in (S.DATE, S.PROGRESS)]
    wide = {m[0] for m in merges or () if m[0] >= loc.data_start and m[0] == m[2]
            and sum(m[1] <= c <= m[3] for c in mapped) >= 2}
    header_raw = _cell_text(_row_get(grid[loc.header_row], key_col)) if key_col is not None else ""
    header_key = fold(header_raw)
    order_col = loc.columns.get("order")
    header_texts = {fold(v) for r in range(loc.header_row, loc.data_start) for v in grid[r]
                    if isinstance(v, str) and v.strip()}
    stack: list[tuple[int, str]] = []
    last_mapped = max(mapped, default=-1)
    take = itemgetter(*mapped) if len(mapped) > 1 else None  # the mapped cells in one C-level pass
    # A record row as most are: its key a text of three letters or digits, a date or progress filled, and no
    # text that may end the table, total it, repeat the header or head another table — each distinct value
    # of the rows looked at once (see _Texts); every other row goes through the checks below.
    known = _Texts(header_key)
    quick = key_col is not None and key_col in mapped and not (spec is not None and spec.key in S.SECTIONS_IN_KEY)
    reach = max(mapped + timed + [key_col or 0])
    usual = known.records(grid[loc.data_start:], key_col, reach, timed) if quick else repeat(False)
    loc.hashed, loc.under = known.hashed, known.under
    for i, is_record in zip(range(loc.data_start, len(grid)), usual):
        row = grid[i]
        n = len(row)
        if is_record:
            if stack:
                loc.groups[i] = GROUP_SEPARATOR.join(t for _, t in stack)
            rows.append(i)
            continue
        # a cell is filled when it holds a value other than blank text
        filled = [v for v in (take(row) if take is not None and n > last_mapped else
                              [row[c] for c in mapped if c < n])
                  if v is not None and (v.__class__ is not str or (v and not v.isspace()))]
        if not filled:
            continue
        for v in filled:  # a text of three letters or digits: not a numbering row "(1) (2) (3)"
            if v.__class__ is str and _THREE_ALNUM.search(v):
                break
        else:
            texts = [fold(v) for v in filled]
            numbers = all(_NUMBERING.match(t) for t in texts if t) or _counts_up([v for v in row if v is not None])
            if numbers and not any(isinstance(v, str) and _THREE_ALNUM.search(v) for v in row):
                continue  # the columns' numbers under the header, '(1) (2) (3)' or 1 2 3; not "I | Phòng Tư pháp"
        key_value = row[key_col] if key_col is not None and key_col < n else None
        filled_cols = [c for c, v in enumerate(row)
                       if v is not None and (v.__class__ is not str or (v and not v.isspace()))]
        first_col = filled_cols[0]
        first_raw = row[first_col]
        if first_col != key_col and isinstance(first_raw, str):
            if (_FOOT_NOTE.match(first_raw) or _is_end_marker(fold(first_raw))) and (
                    key_value is None or (isinstance(key_value, str) and not key_value.strip())):
                break  # "Ghi chú: …", "Nơi nhận:", "KT. GIÁM ĐỐC", "Hà Tĩnh, ngày … tháng … năm …"
                # (a remark typed left of a work, whose name is there, does not end the table)
        if len(filled) <= 2 and isinstance(key_value, str) and (
                _FOOT_NOTE.match(key_value) or _is_end_marker(fold(key_value))):
            break
        for v in row:  # a blank text is never a total: every text cell of the row can be tried
            if v.__class__ is str and v[:1] in _TOTAL_FIRST_OR_SPACE and is_total(v):
                break
        else:
            v = None
        if v is not None:
            continue  # "Tổng cộng | 03 công trình | … | 65%", "Cộng I" — not a work, wherever it stands
        if header_key and isinstance(key_value, str) and len(key_value) <= len(header_raw) + 8 \
                and _may_fold_to(key_value, header_key) and fold(key_value) == header_key:
            continue  # the header repeated (a printed page break)
        order_value = _row_get(row, order_col)
        if order_value.__class__ is str and fold(order_value) in _ORDER_HEADS:  # a number never folds to "TT"
            texts = [fold(v) for v in filled if isinstance(v, str)]
            if sum(t in header_texts for t in texts) * 2 > len(texts):
                continue  # the header repeated, worded a little differently
            break  # "TT"/"STT" heading another table (a summary by unit) below this one
        if timed and all(c >= n or row[c] is None for c in timed):
            heading = _group_heading(row, filled_cols, i in wide,
                                     (lambda c, i=i: bold(i, c)) if bold is not None else None)
            if heading is not None:
                level, text = heading
                stack = [s for s in stack if s[0] < level] + [heading]
                continue
        elif not timed and (key_value is None or key_value.__class__ is str and not key_value.strip() or (
                spec is not None and spec.key in S.SECTIONS_IN_KEY and
                set(filled_cols) <= {key_col, order_col} | _span_of(merges, i, key_col))):
            # a table without dates or progress (a list of awards): 'I | TẬP THỂ', 'A. CÁ NHÂN', a
            # row merged across or bold alone, with its key cell empty (never '1.': an item without its key)
            heading = _group_heading(row, filled_cols, i in wide,
                                     (lambda c, i=i: bold(i, c)) if bold is not None else None)
            if heading is None and isinstance(key_value, str) and _KIND_ONLY.match(fold(key_value)):
                heading = (3, " ".join(_cell_text(row[c]) for c in filled_cols))   # under 'I. BẰNG KHEN …'
            if heading is not None and (heading[0] <= 2 or _KIND_ONLY.match(fold(heading[1]))):
                stack = [s for s in stack if s[0] < heading[0]] + [heading]
                continue
        if key_value is None or str(key_value).strip() == "":
            # a lone cell is no record, except a count: its form is missing, which the validator says
            if len(filled) < 2 and not any(c < n and row[c] is not None and (row[c].__class__ is not str or
                                                                             row[c].strip()) for c in counts):
                continue
        if stack:
            loc.groups[i] = GROUP_SEPARATOR.join(t for _, t in stack)
        rows.append(i)
    return rows


class _Texts:
    """The values of a table's rows, each looked at once: ``keys``, the texts
    that may stand as a record's key (three letters or digits), and
    ``special``, those that may end the table ('Ghi chú:', 'Nơi nhận', a
    signature), total it ('Tổng cộng'), repeat the header's key or head
    another table ('TT', 'STT')."""

    def __init__(self, header_key: str):
        self.header_key = header_key
        self.special: set[str] = set()
        self.hashed: set[str] | None = None  # the texts with a '#', once records looked at them
        self.under: tuple[list[tuple], list[set]] | None = None  # the rows' columns and their sets (records)
        # the texts whose fold may begin with the header key's first word
        self.like_header = re.compile(_starting([header_key.split()[0]])) if header_key else None

    def records(self, rows: list, key_col: int, reach: int, timed: list[int]) -> list[bool]:
        """For each row, whether it is a record as most are: it reaches column
        ``reach``, its key is named, its ``timed`` cells (dates, progress) are
        not all empty, and none of its values is special. Each distinct value
        is looked at once, each test made over all rows in one C-level pass;
        the rows' cells a column at a time and the set of each are kept
        (``under``): the records of the rows are made of them."""
        columns = list(zip_longest(*rows))
        try:
            sets = list(map(set, columns))
        except TypeError:  # an unhashable value: every row goes through the checks of data_rows
            return [False] * len(rows)
        self.under = columns, sets
        distinct = list(set().union(*sets))
        texts = list(compress(distinct, map(isinstance, distinct, repeat(str))))
        self.special = self.special_of(texts)
        self.hashed = set(compress(texts, map(str.__contains__, texts, repeat("#"))))
        nones = (None,) * len(rows)
        named = columns[key_col] if key_col < len(columns) else nones
        keys = {v for v in set(named) if v.__class__ is str and _THREE_ALNUM.search(v)} - self.special
        found = map(keys.__contains__, named)
        if timed:
            found = map(and_, found, map(ne, zip(*[columns[c] if c < len(columns) else nones for c in timed]),
                                         repeat((None,) * len(timed))))
        if self.special:
            found = map(and_, found, map(self.special.isdisjoint, rows))
        lengths = list(map(len, rows))
        if min(lengths, default=reach + 1) <= reach:  # rows that stop before a column looked at: none is a record
            found = map(and_, found, map(gt, lengths, repeat(reach)))  # as most are
        return list(found)

    def special_of(self, texts: list[str]) -> set[str]:
        """The special ``texts``. Looked at closely are only those that may be
        (each test over all texts in one C-level pass): a text not in NFC, one
        whose first word may total the table, begin a foot note or an end
        marker, 'TT', 'STT' or the header key, and one that holds a 'ngày'."""
        maybe = set(filterfalse(partial(unicodedata.is_normalized, "NFC"), texts))
        maybe.update(compress(texts, map(_MAY_BE_SPECIAL.match, texts)))
        if self.like_header is not None:
            maybe.update(compress(texts, map(self.like_header.match, texts)))
        maybe.update(compress(texts, map(_DATE_WORD.search, texts)))
        return {v for v in maybe if is_total(v) or _FOOT_NOTE.match(v) or self._folds_special(v)}

    def _folds_special(self, v: str) -> bool:
        """Whether ``v`` folds to a text that ends the table, heads another
        ('TT', 'STT') or repeats the header's key; folded only when its first
        word or a 'ngày' in it may say so (most texts, a work's name, are not)."""
        text = nfc(v)
        if not (_MAY_BE_SPECIAL.match(text) or _DATE_WORD.search(text) or
                self.like_header is not None and self.like_header.match(text)):
            return False
        folded = fold(v)
        return _is_end_marker(folded) or folded in _ORDER_HEADS or bool(self.header_key) and folded == self.header_key


@lru_cache(maxsize=1024)
def _folded_word(word: str) -> str:
    """A pattern of the texts that may fold to ``word`` (letters and digits):
    each letter in either case or with any diacritic, and between two of
    them any non-ASCII character (a stray combining mark fold takes off).
    Made once a word: every table's header key asks for its first word's."""
    return "[^\x00-\x7f]*".join(map(folding_to, word))


def _starting(words: list[str]) -> str:
    """A pattern (for match) of the texts whose fold may begin with one of ``words``."""
    return "[^0-9A-Za-z%]*(?:" + "|".join(map(_folded_word, words)) + ")"


# the texts whose start may make them special (a superset, for match; made once, at import: a big pattern takes
# milliseconds to make): the first word of a total, of a foot note, of an end marker or of 'TT', 'STT'; and those
# with a 'ngay' (a place and date line, for search)
_MAY_BE_SPECIAL = re.compile(f"(?i:{_TOTAL_LEAD.pattern})|(?i:{_FOOT_NOTE.pattern})|"
                             f"{_starting(sorted({m.split()[0] for m in (*_END_MARKERS, *_ORDER_HEADS)}))}")
_DATE_WORD = re.compile(_folded_word("ngay"))


def tuple_getter(columns: list[int]) -> Callable[[list], tuple]:
    """A row's cells in ``columns`` as a tuple, taken in one C-level call
    (from a row that reaches every one of them)."""
    if len(columns) > 1:
        return itemgetter(*columns)
    return (lambda row: (row[columns[0]],)) if columns else (lambda row: ())


def _span_of(merges, r: int, c: int | None) -> set[int]:
    """The columns a cell merged across its row covers."""
    for r1, c1, r2, c2 in merges or ():
        if r1 == r == r2 and c1 == c:
            return set(range(c1, c2 + 1))
    return set()


def _may_fold_to(text: str, key: str) -> bool:
    """False when ``text`` cannot fold to ``key``: it starts with a letter or
    digit that folds to another one (most data rows, without folding them)."""
    first = strip_marks(text.lstrip()[:1]).lower()
    return not (first.isascii() and first.isalnum()) or first == key[:1]


def fill_merged(grid, merges, from_row: int) -> None:
    """A value merged down over several rows (a unit name over C8:C9) reaches
    every row it spans: copied into the empty cells below it, from ``from_row`` on."""
    for r1, c1, r2, c2 in merges or ():
        if r2 <= r1 or r1 < from_row or r1 >= len(grid) or c1 >= len(grid[r1]):
            continue
        value = grid[r1][c1]
        if value is None:
            continue
        for r in range(r1 + 1, min(r2, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            if row[c1] is None:
                row[c1] = value


def title_above(grid, loc: TableLocation) -> str | None:
    """The labelled heading typed on the line right above a table's header
    ('1. CÁC CÔNG TRÌNH', 'II. Phần việc'; a blank line between allowed), if any."""
    above = next((grid[r] for r in range(loc.header_row - 1, max(loc.header_row - 3, -1), -1)
                  if any(map(_filled, grid[r]))), None)
    filled_cols = [c for c, v in enumerate(above or ()) if _filled(v)]
    heading = _group_heading(above, filled_cols, False, None) if 0 < len(filled_cols) <= 2 else None
    return heading[1] if heading is not None and _LABEL_LEAD.match(heading[1]) else None


def section_above(loc: TableLocation, title: str | None, sequenced: bool = False) -> None:
    """``title`` (title_above) as the section of the table's rows: one of
    the sections of a sheet when ``sequenced`` (the title over the next
    table follows its label, or it follows the one over the table before:
    '1. CÁC CÔNG TRÌNH' over one table, '2. CÁC PHẦN VIỆC' over the next),
    or when the table's own first group heading follows it ('2. CÁC PHẦN
    VIỆC' in the table). Then the rows above the table's first heading are
    that section's, and the headings under it deeper than it ('a) Giao
    thông' under '1.') are nested in it. Labels follow as 1 → 2, I → II,
    A → B, 1.1 → 1.2: a report's own heading over a table is no section."""
    if title is None:
        return
    grouped = [r for r in loc.rows if r in loc.groups]
    first = loc.groups[grouped[0]].split(GROUP_SEPARATOR)[0] if grouped else None
    if not (sequenced or first is not None and _next_label(title, first)):
        return
    level = _label_level(_LABEL_LEAD.match(title))
    for r in loc.rows:
        group = loc.groups.get(r)
        if group is None:
            loc.groups[r] = title
        elif (m := _LABEL_LEAD.match(group)) is not None and _label_level(m) > level:
            loc.groups[r] = title + GROUP_SEPARATOR + group


def sequenced(titles: list[str | None]) -> list[bool]:
    """For each table's title (title_above, in the sheet's order): whether
    the next one's label follows it or it follows the one before."""
    follows = [a is not None and b is not None and _next_label(a, b) for a, b in zip(titles, titles[1:])]
    return [(i > 0 and follows[i - 1]) or (i < len(follows) and follows[i]) for i in range(len(titles))]


def _filled(v) -> bool:
    return v is not None and (v.__class__ is not str or bool(v.strip()))


def _next_label(first: str, then: str) -> bool:
    """``then``'s label is the one after ``first``'s: 1. → 2., I → II, A. → B., 1.1 → 1.2."""
    a, b = _LABEL_LEAD.match(first), _LABEL_LEAD.match(then)
    if a is None or b is None:
        return False
    for kind in ("roman", "letter", "num", "dotted"):
        x, y = a.group(kind), b.group(kind)
        if x and y:
            if kind == "roman":
                return _roman(y) == _roman(x) + 1
            if kind == "letter":
                return x.isupper() == y.isupper() and ord(y.upper()) == ord(x.upper()) + 1
            head_x, _, last_x = x.rpartition(".")
            head_y, _, last_y = y.rpartition(".")
            return head_x == head_y and last_x.isdigit() and last_y.isdigit() and int(last_y) == int(last_x) + 1
    return False


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, after in zip(text, text[1:] + " "):
        v = values[ch]
        total += -v if values.get(after, 0) > v else v
    return total
