"""Tolerant parsers for what people really type: dates of any precision,
progress with remarks, document numbers. They never raise on text; they
return a value with ``ok == False`` and keep the original text."""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .vntext import admin_date_short, nfc, strip_marks

DAY, MONTH, QUARTER, YEAR = "day", "month", "quarter", "year"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FAKE_LEAP_DAY = dt.date(1900, 3, 1)  # Excel counts a 29/02/1900: serials 1–59 are one day later than the epoch says
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ERROR_LITERALS = {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!", "#calc!"}


@dataclass(frozen=True)
class DateValue:
    """A date as typed: the interval it covers and how precise it was."""
    start: dt.date | None
    end: dt.date | None
    precision: str | None  # day / month / quarter / year; None when unreadable
    text: str = ""
    year_given: bool = True
    note: str = ""  # how a value that had to be interpreted was read (a warning), or why it was not
    qualified: bool = False  # typed with words around the date ("30/9/2025 (dự kiến)"): keep the text as typed
    month_first: bool = False  # read month/day/year, as its column is written (date_order): said once a column

    @property
    def ok(self) -> bool:
        return self.start is not None

    @property
    def empty(self) -> bool:
        return not self.ok and not self.text

    def display(self) -> str:
        """The date with its real precision: ``18/11/2021``, ``Tháng 4``,
        ``Tháng 12/2021``, ``Quý II``, ``Quý II/2021``, ``Năm 2021`` (a month or
        a quarter without its year when none was typed)."""
        if not self.ok:
            return self.text
        s = self.start
        if self.precision == DAY:
            return admin_date_short(s)
        if self.precision == MONTH:
            return f"Tháng {s.month}" + (f"/{s.year}" if self.year_given else "")
        if self.precision == QUARTER:
            q = (s.month - 1) // 3 + 1
            return f"Quý {['I', 'II', 'III', 'IV'][q - 1]}" + (f"/{s.year}" if self.year_given else "")
        return f"Năm {s.year}"


def _month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        if 1900 <= y <= 2200:
            return dt.date(y, m, d)
    except ValueError:
        pass
    return None


_YEAR = r"(\d{4})"
# a time of day after a date, as the key of a text has it (':' made a space): '08 30', '08 30 00', '8 30 00 sa'
_TIME = r"(?:\s+\d{1,2}\s\d{2}(?:\s\d{2}(?:[\s.]\d{1,6})?)?(?:\s?(?:am|pm|sa|ch))?)?"
SERIAL_MIN, SERIAL_MAX = (dt.date(1990, 1, 1) - _EXCEL_EPOCH).days, (dt.date(2100, 12, 31) - _EXCEL_EPOCH).days
TWO_DIGIT_YEAR_SPAN = 30  # 21 means 2021 when that is within 30 years of the report year


def _fmt_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _from_serial(value: float, shown: str) -> "DateValue":
    """An Excel serial number (1900 system) in a date column: a day between
    1990 and 2100, read with a warning; anything else is unreadable."""
    if SERIAL_MIN <= value < SERIAL_MAX + 1:
        d = _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return DateValue(d, d, DAY, shown, note=f"Số {shown} được hiểu là số ngày của Excel: ngày {admin_date_short(d)}.")
    return DateValue(None, None, None, shown,
                     note=f"Số {shown} không phải ngày: số ngày của Excel phải ứng với năm 1990–2100.")


def _month_of_report_year(month: int, default_year: int | None, shown: str) -> "DateValue":
    if isinstance(default_year, int) and 1900 <= default_year <= 2200:
        start, end = _month_interval(default_year, month)
        return DateValue(start, end, MONTH, shown, year_given=False,
                         note=f"Số {shown} trong cột ngày được hiểu là tháng {month} năm {default_year} (năm báo cáo).")
    return DateValue(None, None, None, shown,
                     note=f"Số {shown} có thể là tháng {month} nhưng không biết năm báo cáo.")
_DATE_PATTERNS = [
    # ngày 18 tháng 11 năm 2021
    (re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*" + _YEAR + "$"), DAY),
    # 18/11/2021, 18-11-2021, 18.11.2021; with the time a portal's timestamp adds: 18/11/2021 08:30:00, 10:15 SA
    (re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*" + _YEAR + _TIME + "$"), "numeric"),
    # 15/03/21, 15.3.21: a two-digit year
    (re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})$"), "yy"),
    # 44287: an Excel serial stored as text
    (re.compile(r"^(\d{5})(?:[.,]\d+)?$"), "serial"),
    # 2021-11-18 (ISO)
    (re.compile(r"^" + _YEAR + r"-(\d{1,2})-(\d{1,2})(?:[ t].*)?$"), "iso"),
    # tháng 12/2021, tháng 12 năm 2021, 6/2021
    (re.compile(r"^(?:thang\s*|t)?(\d{1,2})\s*(?:[/.\-]|\s*nam\s*)\s*" + _YEAR + "$"), MONTH),  # T3/2021 too
    # tháng 4 (year from the report)
    (re.compile(r"^thang\s*(\d{1,2})$"), "month_only"),
    # quý II/2021, quý 2 năm 2021
    (re.compile(r"^quy\s*(iv|iii|ii|i|[1-4])\s*(?:[/.\-]|\s*nam\s*)?\s*" + _YEAR + "$"), QUARTER),
    # quý IV (year from the report)
    (re.compile(r"^quy\s*(iv|iii|ii|i|[1-4])$"), "quarter_only"),
    # năm 2021, 2021, cả năm 2021
    (re.compile(r"^(?:ca\s*)?(?:nam\s*)?" + _YEAR + "$"), YEAR),
    # cả năm (the report's year)
    (re.compile(r"^ca\s*nam$"), "year_only"),
]
# the patterns of a date typed with numbers only, day and month in either order ('3/1/2025', '15.3.21')
_NUMERIC_DAY = tuple(pattern for pattern, kind in _DATE_PATTERNS if kind in ("numeric", "yy"))


PLAUSIBLE_YEARS = (1990, 2100)  # years a date of this work may have; outside: a mistake, said as one
# the order a column writes its dates typed as numbers ('3/1/2025'): day first (the Vietnamese way), month first (a
# portal's export, a machine with an English locale), or both in one column (date_order)
DMY, MDY, MIXED = "dmy", "mdy", "mixed"


def day_month_parts(text: object) -> tuple[int, int] | None:
    """The first two numbers of a date typed as text with numbers only
    ('3/1/2025', '12/25/2025 08:30', '15.3.21', '30/9/2025 (dự kiến)'),
    the day and the month in some order; None for any other cell."""
    return _day_month_parts(text) if text.__class__ is str else None


@lru_cache(maxsize=4096)
def _day_month_parts(text: str) -> tuple[int, int] | None:
    m = _numeric_day(_date_key(nfc(text)))
    if m is None:
        q = _QUALIFIER.match(nfc(text))
        if not (q and (q.group("lead") or q.group("tail"))):
            return None
        m = _numeric_day(_date_key(q.group("core")))
    return (int(m.group(1)), int(m.group(2))) if m else None


def _numeric_day(key: str) -> re.Match | None:
    return next((m for pattern in _NUMERIC_DAY if (m := pattern.match(key))), None)


def date_order(cells) -> str:
    """How a column writes its dates typed as text with numbers: MDY when
    some can only be month first ('12/25/2025') and none only day first
    ('25/12/2025'); MIXED when both are there; else DMY (the Vietnamese
    order, also when no cell tells). Real date cells do not count."""
    return order_of(day_month_parts(v) for v in {v for v in cells if v.__class__ is str})


def order_of(parts) -> str:
    """date_order of the (first, second) numbers of dates typed with numbers (None: not such a date)."""
    month_only = day_only = False
    for pair in parts:
        if pair is not None:
            day_only = day_only or pair[0] > 12 >= pair[1]
            month_only = month_only or pair[1] > 12 >= pair[0]
    return MIXED if month_only and day_only else MDY if month_only else DMY


def parse_date(value: object, default_year: int | None = None, order: str = DMY) -> DateValue:
    """Read a date cell of any precision. Never invents a day that was not
    given. ``order``: how the cell's column writes its dates (date_order)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateValue(None, None, None, "")
    if isinstance(value, (dt.datetime, dt.date)):
        d = value.date() if isinstance(value, dt.datetime) else value
        if not PLAUSIBLE_YEARS[0] <= d.year <= PLAUSIBLE_YEARS[1]:  # a small number in a date cell: 04/01/1900
            serial = (d - _EXCEL_EPOCH).days - (d < _FAKE_LEAP_DAY)  # Excel's 29/02/1900 comes before 01/3/1900
            return DateValue(None, None, None, admin_date_short(d),
                             note=f"Ô định dạng ngày chứa số {serial} (hiện {admin_date_short(d)}), không phải "
                                  f"ngày trong khoảng 1990–2100.")
        return DateValue(d, d, DAY, admin_date_short(d))
    if isinstance(value, bool):
        return DateValue(None, None, None, str(value))
    if isinstance(value, (int, float)):
        if _finite(value) is None or abs(value) >= 1e15:
            return DateValue(None, None, None, str(value))
        shown = _fmt_number(value)
        if float(value).is_integer() and 1 <= value <= 12:
            return _month_of_report_year(int(value), default_year, shown)
        if 1900 <= value <= 2200 and float(value).is_integer():
            y = int(value)
            return DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR, str(y))
        return _from_serial(float(value), shown)
    return _parse_date_text(nfc(value), default_year, order)


def _day_of(day: int, month: int, year: int, text: str, order: str) -> DateValue | None:
    """A date typed with numbers, day and month in the order its column
    writes them (``day``, ``month`` as read day first): month first in a
    MDY column; in a MIXED column a cell that reads both ways is not read."""
    if order == DMY or day == month:
        d = _safe_date(year, month, day)
        return DateValue(d, d, DAY, text) if d else None
    if order == MDY:
        d = _safe_date(year, day, month)
        return DateValue(d, d, DAY, text, month_first=True) if d else None
    if day <= 12 and month <= 12:
        return DateValue(None, None, None, text, note=(
            f"Cột này có cả ngày ghi kiểu ngày/tháng/năm lẫn kiểu tháng/ngày/năm, nên '{text}' có thể là ngày "
            f"{day:02d}/{month:02d}/{year} hoặc {month:02d}/{day:02d}/{year}; hãy ghi rõ (dd/mm/yyyy)."))
    if month > 12:
        return DateValue(None, None, None, text, note=(
            f"'{text}' chỉ đọc được theo kiểu tháng/ngày/năm, nhưng cột này có ngày ghi kiểu ngày/tháng/năm; "
            f"hãy ghi rõ (dd/mm/yyyy)."))
    d = _safe_date(year, month, day)
    return DateValue(d, d, DAY, text) if d else None


@lru_cache(maxsize=4096)
def _parse_date_text(text: str, default_year: int | None, order: str = DMY) -> DateValue:
    """The text forms; cached, since the same few texts ("Tháng 4", "Năm 2021")
    recur across thousands of rows."""
    key = _date_key(text)
    for pattern, kind in _DATE_PATTERNS:
        m = pattern.match(key)
        if not m:
            continue
        g = m.groups()
        if kind == "numeric":  # '18/11/2021': day first, or as the column writes its dates
            got = _day_of(int(g[0]), int(g[1]), int(g[2]), text, order)
            if got:
                return got
        elif kind == DAY:
            d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
            if d:
                return DateValue(d, d, DAY, text)
        elif kind == "yy":
            reference = default_year if isinstance(default_year, int) and 1900 <= default_year <= 2200 \
                else dt.date.today().year
            year = 2000 + int(g[2])
            got = _day_of(int(g[0]), int(g[1]), year, text, order)
            d = got.start if got else None
            if d and abs(year - reference) <= TWO_DIGIT_YEAR_SPAN:
                return got
            if got and not d:
                return got
            if d:
                return DateValue(None, None, None, text,
                                 note=f"Năm '{g[2]}' viết hai chữ số nhưng {year} cách năm báo cáo {reference} "
                                      f"quá {TWO_DIGIT_YEAR_SPAN} năm; hãy ghi đủ bốn chữ số.")
        elif kind == "serial":
            value = float(key.replace(",", "."))
            if SERIAL_MIN <= value < SERIAL_MAX + 1:
                return _from_serial(value, text)
        elif kind == "iso":
            d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
            if d:
                return DateValue(d, d, DAY, text)
        elif kind == MONTH:
            month, year = int(g[0]), int(g[1])
            if 1 <= month <= 12 and 1900 <= year <= 2200:
                return DateValue(*_month_interval(year, month), MONTH, text)
        elif kind == "month_only":
            month = int(g[0])
            if 1 <= month <= 12 and _report_year(default_year) is not None:
                return DateValue(*_month_interval(default_year, month), MONTH, text, year_given=False)
        elif kind in (QUARTER, "quarter_only"):
            q, year = _ROMAN[g[0]], int(g[1]) if kind == QUARTER else _report_year(default_year)
            if year is not None and 1900 <= year <= 2200:
                start = dt.date(year, 3 * q - 2, 1)
                end = _month_interval(year, 3 * q)[1]
                return DateValue(start, end, QUARTER, text, year_given=kind == QUARTER)
        elif kind == "year_only" and (year := _report_year(default_year)) is not None:
            return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR, text, year_given=False)
        elif kind == YEAR:
            year = int(g[0])
            if 1900 <= year <= 2200:
                return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR, text)
    return _qualified_date(text, default_year, order)


def _date_key(text: str) -> str:
    """A text as the date patterns read it: folded, its separators kept, any other sign a space."""
    return re.sub(r"[^0-9a-z/.\-]+", " ", _fold_keep_sep(text)).strip()


def _report_year(default_year) -> int | None:
    """The report's year that a date typed without one takes ('Tháng 4', 'Quý IV', 'Cả năm'), if known."""
    return default_year if isinstance(default_year, int) and 1900 <= default_year <= 2200 else None


# words typed around a date: "Dự kiến tháng 12/2025", "Từ 01/3/2025", "30/9/2025 (dự kiến)"
_QUALIFIER = re.compile(r"^(?:(?P<lead>dự kiến|khoảng|từ ngày|từ|đến ngày|đến|trước ngày|trước|trong)\s+)?"
                        r"(?P<core>.+?)\s*(?P<tail>\([^()]*\))?$", re.I)


def _qualified_date(text: str, default_year: int | None, order: str = DMY) -> DateValue:
    """A date with a word around it is read with a warning; anything else is unreadable."""
    m = _QUALIFIER.match(text)
    if m and (m.group("lead") or m.group("tail")) and m.group("core") != text:
        inner = _parse_date_text(m.group("core"), default_year, order)
        if not inner.ok and inner.note and order == MIXED and day_month_parts(m.group("core")):
            return replace(inner, text=text)  # a date of both orders: said as such
        if inner.ok and not inner.qualified:
            return replace(inner, text=text, qualified=True,
                           note=f"Ô ghi '{text}': đọc ngày là {inner.display()}.{' ' + inner.note if inner.note else ''}")
    return _part_of_period(text, default_year) or DateValue(None, None, None, text)


# a part of a year or a month: "Cuối năm 2025", "6 tháng đầu năm 2025", "Đầu tháng 5/2025" (folded)
_PART_OF_YEAR = re.compile(r"^(?:(?P<half>6) thang )?(?P<part>dau|giua|cuoi) nam(?: (?P<year>\d{4}))?$")
_PART_OF_MONTH = re.compile(r"^(?P<part>dau|giua|cuoi) thang (?P<month>\d{1,2})(?:/| nam )(?P<year>\d{4})$")
_YEAR_PARTS = {"dau": ((1, 1), (3, 31), "quý I"), "giua": ((6, 1), (7, 31), "tháng 6 và tháng 7"),
               "cuoi": ((10, 1), (12, 31), "quý IV")}
_HALVES = {"dau": ((1, 1), (6, 30), "sáu tháng đầu năm"), "cuoi": ((7, 1), (12, 31), "sáu tháng cuối năm")}
_MONTH_PARTS = {"dau": (1, 10, "ngày 01 đến 10"), "giua": (11, 20, "ngày 11 đến 20"), "cuoi": (21, 31, "ngày 21 đến cuối")}


def _part_of_period(text: str, default_year: int | None) -> DateValue | None:
    """A part of a year ('Đầu năm', 'Giữa năm', 'Cuối năm 2025', '6 tháng
    đầu năm 2025') or of a month ('Cuối tháng 5/2025'): the interval it
    covers, read with a warning that says which."""
    key = re.sub(r"[^0-9a-z/]+", " ", _fold_keep_sep(text)).strip()
    m = _PART_OF_YEAR.match(key)
    if m:
        year = int(m.group("year")) if m.group("year") else _report_year(default_year)  # '6 tháng cuối năm'
        table = _HALVES if m.group("half") else _YEAR_PARTS
        if m.group("part") not in table or year is None or not 1900 <= year <= 2200:
            return None
        (m1, d1), (m2, d2), said = table[m.group("part")]
        start, end = dt.date(year, m1, d1), dt.date(year, m2, d2)
        precision = QUARTER if said.startswith("quý") else YEAR   # shown as its year: never narrower than typed
    else:
        m = _PART_OF_MONTH.match(key)
        if not m:
            return None
        year, month = int(m.group("year")), int(m.group("month"))
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            return None
        first, last, said = _MONTH_PARTS[m.group("part")]
        start = dt.date(year, month, first)
        end = dt.date(year, month, min(last, calendar.monthrange(year, month)[1]))
        said = f"{said} tháng {month}/{year}"
        precision = MONTH   # shown as its month
    return DateValue(start, end, precision, text, qualified=True, year_given=bool(m.group("year")),
                     note=f"Ô ghi '{text}': đọc là {said} ({admin_date_short(start)}–{admin_date_short(end)}).")


def _fold_keep_sep(text: str) -> str:
    s = strip_marks(text).lower()
    s = re.sub(r"\s*([/.\-])\s*", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Progress:
    """Progress in percent (0–100 scale, may be out of range: the validator
    says so), with any remark typed around it kept as a note."""
    value: float | None
    note: str = ""
    text: str = ""
    interpreted: str = ""  # how an ambiguous number was read, with the other reading (a warning)
    status: str = ""       # the declared status that words such as "Đang thực hiện" say

    @property
    def ok(self) -> bool:
        return self.value is not None


_PROGRESS = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(%?)\s*(.*)$", re.S)
_THOUSANDS = re.compile(r"^\s*([1-9]\d{0,2}(?:([.,])\d{3})(?:\2\d{3})*)\s*(%?)\s*$")
_PERCENT_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
# words of a hand-made "Kết quả thực hiện" column (folded, without marks)
_NEGATED = ("chua hoan thanh", "khong hoan thanh", "du kien hoan thanh", "phan dau hoan thanh",
            "se hoan thanh", "chua xong", "sap hoan thanh", "gan hoan thanh", "chua dua vao",
            "co ban hoan thanh",  # "cơ bản hoàn thành": substantially, not fully, done
            "hoan thanh giai doan", "hoan thanh hang muc", "hoan thanh mot phan", "hoan thanh 1 phan",  # a part
            "mot phan", "1 phan", "se xong", "sap xong", "gan xong")
_DONE_WORDS = ("hoan thanh", "da xong", "khanh thanh", "dua vao su dung", "da nghiem thu", "da ban giao")
_DONE_ALONE = ("xong", "xong roi", "da lam xong")  # the whole cell: "Xong"
_STATUS_WORDS = (("chua trien khai", "Chưa triển khai"), ("chua thuc hien", "Chưa triển khai"),
                 ("dang thuc hien", "Đang thực hiện"), ("dang trien khai", "Đang thực hiện"),
                 ("dang thi cong", "Đang thực hiện"), ("dang hoan thien", "Đang thực hiện"),
                 ("dang xay dung", "Đang thực hiện"), ("dang nghiem thu", "Đang thực hiện"),
                 ("dang lam", "Đang thực hiện"),
                 ("lui sang", "Lùi thời gian"), ("lui thoi gian", "Lùi thời gian"), ("gian tien do", "Lùi thời gian"),
                 ("tam dung", "Lùi thời gian"), ("tam ngung", "Lùi thời gian"))


@lru_cache(maxsize=4096)
def status_in_words(text: str) -> tuple[float | None, str]:
    """(progress, declared status) said in words: "Đã hoàn thành" and
    "Hoàn thành 100%" are 100 and done; "Đang thực hiện", "Chưa triển khai",
    "Lùi sang năm 2022" are the matching status without a number."""
    key = re.sub(r"\s+", " ", strip_marks(text).lower())
    for words, status in _STATUS_WORDS:
        if words in key:
            return None, status
    if any(n in key for n in _NEGATED):
        return None, ""
    m = _PERCENT_IN_TEXT.search(key)
    if m:
        value = float(m.group(1).replace(",", "."))
        if value == 100:
            return 100.0, "Hoàn thành"
        return None, ""
    if any(w in key for w in _DONE_WORDS) or key.strip(" .!") in _DONE_ALONE:
        return 100.0, "Hoàn thành"
    return None, ""


def _general_number(v: float, fraction: bool, mixed: bool, shown: str, unknown: bool = False) -> tuple[float, str]:
    """A number from a General cell: on the 0–100 scale, except when it is ≤ 1
    and so is every other number of the column (a column of fractions). A
    number in (0, 1] among larger ones is ambiguous: the General reading (the
    likelier one, as its neighbours are percents) is kept, with both told.
    ``unknown``: the file's number formats could not be read, so any number
    in (0, 1] is ambiguous: read by the column as above, with both told."""
    if unknown and 0 < v <= 1:
        likely, other = (v * 100.0, v) if fraction else (v, v * 100.0)
        return likely, (f"Không đọc được định dạng số của tệp, nên ô ghi {shown} có hai cách hiểu: hiểu là "
                        f"{_fmt_number(round(likely, 6))}%, cũng có thể là {_fmt_number(round(other, 6))}%. "
                        f"Hãy ghi rõ, ví dụ '80%'.")
    if fraction and 0 <= v <= 1:
        return v * 100.0, ""
    if mixed and 0 < v <= 1:
        likely, other = v, v * 100.0
        return likely, (f"Ô ghi {shown} (định dạng General) giữa các tỷ lệ lớn hơn 1: hiểu là "
                        f"{_fmt_number(round(likely, 6))}%, cũng có thể là {_fmt_number(round(other, 6))}%. "
                        f"Hãy ghi rõ, ví dụ '80%'.")
    return v, ""


def parse_progress(value: object, fraction: bool = False, percent: bool = False, mixed: bool = False,
                   unknown: bool = False) -> Progress:
    """``95%``, ``95``, ``95% (dự kiến …)`` keeps the remark as a note; free
    text gives an unknown value with the text as the note.

    The cell decides: ``percent`` — the cell's own number format is a
    percentage, so 0.8 is 80%; otherwise a number is on the 0–100 scale,
    except that ``fraction`` (every number of the column is ≤ 1) reads it as
    a fraction; ``mixed`` (the column also holds numbers > 1) makes a number
    in (0, 1] ambiguous: read as the likelier value with ``interpreted`` set."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Progress(None)
    if isinstance(value, bool):
        return Progress(None, str(value), str(value))
    if isinstance(value, (int, float)):
        v = _finite(value)
        if v is None:  # nan, inf, or an int beyond float range
            return Progress(None, "", str(value))
        if percent:
            v = _finite(v * 100.0)
            return Progress(None, "", str(value)) if v is None else Progress(round(v, 6), "", str(value))
        shown = _fmt_number(v) if abs(v) < 1e15 else str(value)
        v, why = _general_number(v, fraction, mixed, shown, unknown)
        return Progress(round(v, 6), "", str(value), interpreted=why)
    text = nfc(value)
    m = _THOUSANDS.match(text)
    if m:  # "1.000", "1,000": a thousands separator, never 1%
        v = float(re.sub(r"[.,]", "", m.group(1)))
        return Progress(v, "", text, interpreted=f"'{text}' có dấu phân cách hàng nghìn: đọc là {v:g}.")
    m = _PROGRESS.match(text)
    if m:
        number, pct, rest = m.groups()
        rest = rest.strip()
        is_range = re.match(r"^[-–]\s*\d", rest)  # "80-90%": a range, not 80% with a note
        if (rest.startswith(("(", "-", "–", ";", ",", ":")) and not is_range) or not rest:
            v = float(number.replace(",", "."))
            if not math.isfinite(v):  # hundreds of digits: not a percentage
                return Progress(None, text, text)
            why = ""
            if not pct and ("." in number or "," in number or mixed or fraction):
                v, why = _general_number(v, fraction, mixed, number)
            note = rest.strip(" -–;,:")
            if note.startswith("(") and note.endswith(")"):
                note = note[1:-1].strip()
            return Progress(round(v, 6), note, text, interpreted=why)
    if text.lower() in _ERROR_LITERALS:
        return Progress(None, "", text)
    said = _said_percent(text) or _said_after_words(text)
    if said is not None:
        return said
    value_in_words, status = status_in_words(text)
    return Progress(value_in_words, text, text, status=status)


# "Đạt 80%", "Ước đạt 80%", "Hoàn thành 80%", "80/100": one figure said in words
_SAID_PERCENT = re.compile(r"^(?:đã\s+|ước\s+)?(?:đạt|được|hoàn thành|thực hiện được|thực hiện)(?:\s+khoảng|\s+được)?"
                           r"\s+(\d{1,3}(?:[.,]\d+)?)\s*%$", re.I)
_OUT_OF_100 = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*/\s*100$")
# "50% khối lượng", "80% khối lượng công việc": the share of the work done, the words after it
_OF_THE_WORK = re.compile(r"^(?:đạt\s+)?(\d{1,3}(?:[.,]\d+)?)\s*%\s+(?:khối\s+lượng|công\s+việc|kl)\b[^%]*$", re.I)


def _said_percent(text: str) -> Progress | None:
    """The figure of 'Đạt 80%', '80/100' or '50% khối lượng', read with a
    warning (the text is kept as typed); 100 is left to the words of done
    (status Hoàn thành)."""
    m = _SAID_PERCENT.match(text) or _OUT_OF_100.match(text) or _OF_THE_WORK.match(text)
    if not m:
        return None
    v = float(m.group(1).replace(",", "."))
    if v == 100 and m.re is _SAID_PERCENT:
        return None
    return Progress(round(v, 6), text, text, interpreted=f"Ô ghi '{text}': đọc tiến độ là {_fmt_number(v)}%.")


# "Đang thi công, đạt 70%", "Đang triển khai, đạt khoảng 60% khối lượng": one figure reached, after words
_REACHED = re.compile(r"(?:^|[\s,;:(])(?:ước\s+)?đạt\s+(?:tỷ\s+lệ\s+|tỉ\s+lệ\s+)?(?:khoảng\s+|gần\s+|trên\s+)?"
                      r"(\d{1,3}(?:[.,]\d+)?)\s*%", re.I)
# "Đang thi công (70%)": the figure in brackets after words that say the work is under way
_BRACKETED = re.compile(r"\((?:khoảng\s+|gần\s+)?(\d{1,3}(?:[.,]\d+)?)\s*%\)", re.I)
_TARGET_WORDS = ("du kien", "phan dau", "muc tieu", "ke hoach", "chi tieu", "se dat", "uoc tinh")  # a goal, not done


def _said_after_words(text: str) -> Progress | None:
    """The figure reached in a sentence ('Đang thi công, đạt 70%'), read with
    a warning and the status the words say; never a goal ('dự kiến đạt 80%',
    'phấn đấu đạt …'), never when the text holds two percentages."""
    if len(_PERCENT_IN_TEXT.findall(text)) != 1:
        return None
    _, status = status_in_words(text)
    found = _REACHED.findall(text) or (_BRACKETED.findall(text) if status == "Đang thực hiện" else [])
    if len(found) != 1:
        return None
    key = re.sub(r"\s+", " ", strip_marks(text).lower())
    if any(w in key for w in _TARGET_WORDS):
        return None
    v = float(found[0].replace(",", "."))
    if v >= 100:   # 'đạt 100%': the words of done decide (status_in_words)
        return None
    return Progress(round(v, 6), text, text, interpreted=f"Ô ghi '{text}': đọc tiến độ là {_fmt_number(v)}%.",
                    status=status)


def holds_percent(text: str) -> bool:
    """The text holds a figure with '%' ('Lùi sang 2026 (30%)')."""
    return bool(_PERCENT_IN_TEXT.search(text))


def _finite(value: int | float) -> float | None:
    """The number as a finite float; ``None`` for nan, inf or an int beyond float range."""
    try:
        v = float(value)
    except OverflowError:
        return None
    return v if math.isfinite(v) else None


_NUMBER_TEXT = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")


def number_text(value: object) -> float | None:
    """A number typed as text ('60', '0,8' — every number of a CSV or web
    page is text), for the column rules of progress; None for anything else,
    '1.000' (thousands) included."""
    if value.__class__ is not str or not _NUMBER_TEXT.match(value) or _THOUSANDS.match(value):
        return None
    return float(value.replace(",", "."))


def is_number(value: object) -> bool:
    """A finite int or float, not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and _finite(value) is not None


def column_is_fraction(values: list[object]) -> bool:
    """A progress column holds fractions (0.95 = 95%) when every numeric cell
    is between 0 and 1, as in a %-formatted Excel column."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)
               and _finite(v) is not None]
    return bool(numbers) and all(0 <= v <= 1 for v in numbers)


# --------------------------------------------------------------------------
# 84/KH-SNgV, 244/2020/NQ-HĐND, 06/HĐTĐKT, 221/SNgV-VPTTr, 05-CT/TW
_SYMBOL = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*"
_DOC_NUMBER = re.compile(r"^\d{1,5}(?:/\d{4})?/" + _SYMBOL + "$")
_PARTY_NUMBER = re.compile(r"^\d{1,5}-[A-Za-zĐđ]+/[A-Za-zĐđ]+$")


def canonical_doc_number(text: object) -> str:
    """Spaces and dash variants around separators removed: ``198/KH – SNgV``
    becomes ``198/KH-SNgV``."""
    s = nfc(text).replace("–", "-").replace("—", "-").replace("‑", "-")
    # "Số 45/…", "Số: 45/…", "QĐ số 45/…", "Quyết định 45/…": the number alone
    s = re.sub(r"^(?:(?:quy[eế]t\s+[đd][iị]nh|q[đd])\s+)?(?:s[oố]\s*:?\s*(?=\S)|(?=\d))", "", s, flags=re.I)
    return re.sub(r"\s*([/\-])\s*", r"\1", s)


def doc_number_key(text: object) -> str:
    """The number as typed without Vietnamese input, for matching: ``45/QD-SNgV``
    finds ``45/QĐ-SNgV`` (marks and Đ folded, case ignored)."""
    from .vntext import strip_marks
    return strip_marks(canonical_doc_number(text)).replace("Đ", "D").replace("đ", "d").casefold()


def doc_issuer(text: object) -> str:
    """The issuer's code of a document number (``45/QĐ-SNgV`` → ``sngv``,
    ``244/2020/NQ-HĐND`` → ``hdnd``), folded as ``doc_number_key``; '' when none."""
    m = re.search(r"/[^/\-]+-([^/\-]+)[^/]*$", doc_number_key(text))
    return m.group(1) if m else ""


def is_doc_number(text: object) -> bool:
    s = canonical_doc_number(text)
    return bool(_DOC_NUMBER.match(s) or _PARTY_NUMBER.match(s))


# "45/QĐ-SNgV ngày 05/01/2025", "45/QĐ-SNgV, 05/01/2025", "45/QĐ-SNgV (05/01/2025)", the date on a line of its own
_NUMBER_AND_DATE = re.compile(r"^(?P<number>.+?)(?:\s*[,;\n]\s*(?:ký\s+)?(?:ngày\s+)?|\s+(?:ký\s+)?ngày\s+"
                              r"|\s*\(\s*(?:ký\s+)?(?:ngày\s+)?(?=.*\)\s*$))(?P<date>.+?)\s*\)?\s*$", re.I | re.S)


def split_number_date(text: object) -> tuple[str, DateValue] | None:
    """A number typed with its date in one cell, as it is cited in running
    text ("Số 45/QĐ-SNgV ngày 05/01/2025", "45/QĐ-SNgV, 05/01/2025"): the number and the day, or
    ``None`` when the cell is not exactly that."""
    m = _NUMBER_AND_DATE.match(nfc(text)) if isinstance(text, str) else None
    if not m:
        return None
    number, date = canonical_doc_number(m.group("number")), parse_date(m.group("date"))
    if not is_doc_number(number) or not date.ok or date.precision != DAY:
        return None
    return number, date


_DRAFT_NUMBER = re.compile(r"^/(?:\d{4}/)?" + _SYMBOL + "$")


def is_draft_doc_number(text: object) -> bool:
    """``/BC-BTĐKT``: a draft whose number the văn thư writes in when it is issued."""
    return bool(_DRAFT_NUMBER.match(canonical_doc_number(text)))


_GROUPED = re.compile(r"\s*-?[1-9]\d{0,2}(?:\.\d{3})+\s*")


def is_grouped_thousands(value: object) -> bool:
    """'1.000', '2.340.000': text in Vietnamese notation, dots between thousands."""
    return value.__class__ is str and _GROUPED.fullmatch(value) is not None


# what a TT column holds in a hand-made list besides a number: '1.', '2)', '1.1', '2.3.1', 'a)', 'b', 'II.', '(3)', '-'
_ORDER_LABEL = re.compile(r"\s*(?:\d{1,4}(?:\.\d{1,3})*[.)]?|\(\d{1,4}\)|[a-zđA-ZĐ][.)]?|[IVXLC]{1,6}[.)]?|[-–+•*])\s*")


def is_order_label(value: object) -> bool:
    """Whether a TT cell's text is a numbering label ('1.', '1.1', 'a)', 'II', '-'): kept as typed, not a
    number the validator must read."""
    return isinstance(value, str) and bool(_ORDER_LABEL.fullmatch(nfc(value)))


def parse_int(value: object) -> int | None:
    """A whole number: a number cell, '12', or '2.340.000' (dots between thousands)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    text = nfc(value)
    if is_grouped_thousands(text) and not text.strip().startswith("-") and len(text.strip()) <= 15:
        return int(text.strip().replace(".", ""))
    m = re.fullmatch(r"\s*(\d{1,9})\s*", text)
    return int(m.group(1)) if m else None


def parse_number(value: object) -> Decimal | None:
    """A decimal as staff type it: ``1,5``, ``1.5``, ``12`` or a number cell;
    ``None`` when it is not one (thousands separators are not decimals here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value)) if math.isfinite(value) else None
    if is_grouped_thousands(value) and len(value.strip()) <= 15:
        # '1.000' is one thousand in Vietnamese notation (the validator says how it was read)
        return Decimal(value.strip().replace(".", ""))
    m = re.fullmatch(r"\s*(-?\d{1,9})(?:[.,](\d{1,6}))?\s*", nfc(value))
    if not m:
        return None
    return Decimal(m.group(1) + ("." + m.group(2) if m.group(2) else ""))


def split_lines(value: object) -> list[str]:
    """One item a line; ``- Như trên;`` keeps its text, the leading dash goes."""
    lines = []
    for line in re.split(r"[\r\n]+", nfc(value)):
        line = line.strip()
        if line.startswith(("-", "–", "•", "+")):
            line = line[1:].strip()
        if line:
            lines.append(line)
    return lines


def is_error_literal(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in _ERROR_LITERALS
