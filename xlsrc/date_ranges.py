"""One cell holding the whole period of a work, as hand-made tables have it
under 'Thời gian thực hiện': ``01/3/2021 - 30/9/2021``, ``Tháng 3 - tháng
9/2021``, ``Quý II - Quý IV/2021``, ``Từ tháng 3 đến tháng 9 năm 2021``,
``3/2021-12/2021``, or a single date or period. Split into the start and the
finish as typed; an end that leaves out its year (or its month) takes it from
the other end, as the writer meant ("tháng 3 - tháng 9/2021" writes the year
once, at the end). Never raises; what cannot be read is said so."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .parsing import DMY, MDY, MIXED, order_of, parse_date
from .vntext import nfc, strip_marks

RANGE, SINGLE, FROM, UNTIL = "range", "single", "from", "until"
_ROMAN = ("i", "ii", "iii", "iv")
_ROMAN_VN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class SpanReading:
    """How one cell of a period column was read: ``start`` and ``finish`` are
    the texts given to the date columns (None: not said); ``how`` is RANGE,
    SINGLE, FROM, UNTIL, or "" when the cell could not be read (``why``)."""
    start: object
    finish: object
    how: str
    why: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.how)


@dataclass
class _End:
    unit: str            # day, month, quarter, year; bare, roman: a number whose unit the other end tells
    d: int | None = None
    m: int | None = None
    q: int | None = None
    y: int | None = None
    carried: bool = False

    def text(self) -> str:
        y = f"/{self.y}" if self.y else ""
        if self.unit == "day":
            return f"{self.d:02d}/{self.m:02d}{y}"
        if self.unit == "month":
            return f"Tháng {self.m}{y}"
        if self.unit == "quarter":
            return f"Quý {_ROMAN_VN[self.q - 1]}{y}"
        return f"Năm {self.y}"

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day it covers (needs its year)."""
        try:
            if self.unit == "day":
                d = dt.date(self.y, self.m, self.d)
                return d, d
            if self.unit == "month":
                return dt.date(self.y, self.m, 1), dt.date(self.y, self.m, calendar.monthrange(self.y, self.m)[1])
            if self.unit == "quarter":
                last = 3 * self.q
                return dt.date(self.y, last - 2, 1), dt.date(self.y, last, calendar.monthrange(self.y, last)[1])
            return dt.date(self.y, 1, 1), dt.date(self.y, 12, 31)
        except (TypeError, ValueError):
            return None


_SEP = r"\s*(?:[/.\-]|\s(?:nam|thang)\s)\s*"  # 3/2021, 3.2021, "3 năm 2021"
_ENDS = [
    ("day", re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")),  # 2021-03-15
    ("day", re.compile(r"(?:ngay\s*)?(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})(?:" + _SEP + r"(?P<y>\d{4}))?")),
    ("month", re.compile(r"(?:thang\s*|t)(?P<m>\d{1,2})(?:" + _SEP + r"(?P<y>\d{4}))?")),
    ("month", re.compile(r"(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})")),
    ("quarter", re.compile(r"quy\s*(?P<q>iv|iii|ii|i|[1-4])(?:" + _SEP + r"(?P<y>\d{4}))?")),
    ("year", re.compile(r"(?:nam\s*)?(?P<y>\d{4})")),
    ("roman", re.compile(r"(?P<q>iv|iii|ii|i)(?:" + _SEP + r"(?P<y>\d{4}))?")),  # "Quý II - IV/2021"
    ("bare", re.compile(r"(?P<n>\d{1,2})")),
]
_LEAD_FROM = re.compile(r"^(?:bat dau tu ngay|bat dau tu|bat dau|khoi cong tu|tu ngay|tu)\s+")
_LEAD_UNTIL = re.compile(r"^(?:hoan thanh truoc ngay|hoan thanh truoc|hoan thanh|truoc ngay|truoc|den ngay|den het|"
                         r"den|han)\s+")
_LEAD_ANY = re.compile(r"^(?:thoi gian|du kien|khoang|trong|ca)\s+")
_WORD_SEPS = (" den het ngay ", " den het ", " den ngay ", " den ", " toi ", " -> ")
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "~": "-", "→": " -> "})


_NUMERIC_DAY = _ENDS[1][1]  # '3/1/2025', '3/1': the day and the month in the order of the column (span_order)
# the first two numbers of each date typed with numbers in a period cell ('3/1/2025 - 4/10/2025': 3, 1 and 4, 10)
_DAY_MONTH = re.compile(r"(?<![\d/.])(\d{1,2})\s*[/.]\s*(\d{1,2})(?!\d)")


def _end(text: str, month_first: bool = False) -> _End | None:
    text = text.strip(" ,;:")
    for unit, pattern in _ENDS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        g = m.groupdict()
        if month_first and pattern is _NUMERIC_DAY and not any(ch.isalpha() for ch in text):  # not 'ngày 3 tháng 1'
            g["d"], g["m"] = g["m"], g["d"]
        if unit == "bare":
            return _End("bare", d=int(g["n"]))
        q = g.get("q")
        end = _End(unit, d=int(g["d"]) if g.get("d") else None, m=int(g["m"]) if g.get("m") else None,
                   q=(_ROMAN.index(q) + 1 if q in _ROMAN else int(q)) if q else None,
                   y=int(g["y"]) if g.get("y") else None)
        if (end.m is not None and not 1 <= end.m <= 12) or (end.d is not None and not 1 <= end.d <= 31):
            return None
        return end
    return None


def _complete(first: _End, last: _End) -> bool:
    """The year (and a bare number's unit, a day's month) that one end leaves
    out, taken from the other; False when the two ends cannot be read together."""
    for a, b in ((first, last), (last, first)):
        if a.unit == "roman":
            if b.unit != "quarter":  # "Quý II - IV/2021"; a lone "II - IV" is not read
                return False
            a.unit = "quarter"
    if first.unit == "bare":
        n = first.d
        if last.unit == "day":
            first.unit, first.d, first.m = "day", n, last.m
        elif last.unit == "month" and 1 <= n <= 12:
            first.unit, first.d, first.m = "month", None, n
        elif last.unit == "quarter" and 1 <= n <= 4:
            first.unit, first.d, first.q = "quarter", None, n
        else:
            return False
        first.carried = True
    if last.unit == "bare":
        return False
    for a, b in ((first, last), (last, first)):
        if a.y is None and b.y is not None:
            a.y, a.carried = b.y, True
    return True


def _valid(end: _End) -> bool:
    if end.unit == "day":
        return end.y is not None and end.bounds() is not None
    return end.y is None or end.bounds() is not None


def _squash(text: str) -> str:
    return re.sub(r"\s*([/.\-])\s*", r"\1", text).strip()


def _pair(left: str, right: str, month_first: bool) -> tuple[_End, _End] | None:
    a, b = _end(_squash(left), month_first), _end(_squash(right), month_first)
    if a is None or b is None or not _complete(a, b) or not (_valid(a) and _valid(b)):
        return None
    return a, b


@lru_cache(maxsize=4096)
def _split_text(text: str, month_first: bool = False) -> SpanReading:
    s = strip_marks(text.translate(_DASHES)).lower()
    s = re.sub(r"\([^()]*\)", " ", s)           # "(dự kiến)"
    s = re.sub(r"[^0-9a-z/.\-> ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = _LEAD_ANY.sub("", s)
    lead = FROM if _LEAD_FROM.match(s) else UNTIL if _LEAD_UNTIL.match(s) else ""
    body = _LEAD_FROM.sub("", s) if lead == FROM else _LEAD_UNTIL.sub("", s) if lead == UNTIL else s
    cut = " - " in body or any(w in f" {body} " for w in _WORD_SEPS)  # "3 - 9/2021" is two months, not 3/9
    single = None if cut else _end(_squash(body), month_first)
    if single is not None and single.unit not in ("bare", "roman") and _valid(single):
        shown = single.text()
        if lead == FROM:
            return SpanReading(shown, None, FROM)
        if lead == UNTIL:
            return SpanReading(None, shown, UNTIL)
        return SpanReading(shown, shown, SINGLE)
    if lead == UNTIL:
        return SpanReading(None, None, "", "không đọc được ngày")
    # the separator: a spaced dash, a word (đến, tới), then any dash
    cuts = [m.start() for m in re.finditer(r" - ", body)]
    cuts = [(p, 3) for p in cuts]
    for word in _WORD_SEPS:
        cuts += [(m.start(), len(word)) for m in re.finditer(re.escape(word), body)]
    cuts += [(m.start(), 1) for m in re.finditer(r"-", body)]
    for p, width in cuts:
        pair = _pair(body[:p], body[p + width:], month_first)
        if pair is None:
            continue
        a, b = pair
        if a.y is None or b.y is None:
            if a.unit == "day" or b.unit == "day" or a.unit == "quarter" or b.unit == "quarter":
                return SpanReading(None, None, "", "không ghi năm")
        elif a.carried or b.carried:
            first, last = a.bounds(), b.bounds()
            if last[1] < first[0]:  # "tháng 10 - tháng 3/2022": which year is October? not guessed
                return SpanReading(None, None, "", "không rõ năm của đầu khoảng")
        return SpanReading(a.text(), b.text(), RANGE)
    if not cut and parse_date(text, _ANY_YEAR).ok:  # one period the date parser reads: '6 tháng cuối năm'
        return SpanReading(text, text, SINGLE)
    return SpanReading(None, None, "", "không tách được ngày bắt đầu và ngày kết thúc")


_ANY_YEAR = 2000  # a year to see whether a text names a period at all; it is read later with the report's


def split_span(value: object, order: str = DMY) -> SpanReading:
    """The start and finish one cell of a period column gives. A date cell
    or a number is a single date (the date parser reads it). ``order``: how
    the column writes its dates with numbers (span_order); in a column that
    writes both ways, a date that reads both ways is not read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return SpanReading(None, None, SINGLE)
    if not isinstance(value, str):
        return SpanReading(value, value, SINGLE)
    text = nfc(value)
    if order == MIXED and any(a != b and a <= 12 and b <= 12 for a, b in day_months(text)):
        return SpanReading(None, None, "", "cột này có cả ngày ghi kiểu ngày/tháng/năm lẫn kiểu tháng/ngày/năm, "
                                           "nên không rõ đâu là ngày, đâu là tháng; hãy ghi rõ (dd/mm/yyyy)")
    return _split_text(text, order == MDY)


def day_months(text: str) -> list[tuple[int, int]]:
    """The (first, second) numbers of each date typed with numbers in ``text``."""
    return [(int(a), int(b)) for a, b in _DAY_MONTH.findall(text)]


def span_order(cells) -> tuple[str, str | None]:
    """How a period column writes its dates with numbers (parsing.date_order:
    DMY, MDY or MIXED), and, when it is MDY, a cell that shows it."""
    texts = [nfc(v) for v in {v for v in cells if v.__class__ is str}]
    order = order_of(pair for text in texts for pair in day_months(text))
    proof = next((t for t in texts if any(b > 12 >= a for a, b in day_months(t))), None) if order == MDY else None
    return order, proof
