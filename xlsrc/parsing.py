"""Tolerant parsers for what people really type: dates of any precision,
progress with remarks, document numbers. They never raise on text; they
return a value with ``ok == False`` and keep the original text."""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .vntext import admin_date_short, nfc, strip_marks

DAY, MONTH, QUARTER, YEAR = "day", "month", "quarter", "year"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
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

    @property
    def ok(self) -> bool:
        return self.start is not None

    @property
    def empty(self) -> bool:
        return not self.ok and not self.text

    def display(self) -> str:
        """The date with its real precision: ``18/11/2021``, ``Tháng 4``,
        ``Tháng 12/2021``, ``Quý II/2021``, ``Năm 2021``."""
        if not self.ok:
            return self.text
        s = self.start
        if self.precision == DAY:
            return admin_date_short(s)
        if self.precision == MONTH:
            return f"Tháng {s.month}" + (f"/{s.year}" if self.year_given else "")
        if self.precision == QUARTER:
            q = (s.month - 1) // 3 + 1
            return f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{s.year}"
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
_DATE_PATTERNS = [
    # ngày 18 tháng 11 năm 2021
    (re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*" + _YEAR + "$"), DAY),
    # 18/11/2021, 18-11-2021, 18.11.2021
    (re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*" + _YEAR + "$"), DAY),
    # 2021-11-18 (ISO)
    (re.compile(r"^" + _YEAR + r"-(\d{1,2})-(\d{1,2})(?:[ t].*)?$"), "iso"),
    # tháng 12/2021, tháng 12 năm 2021, 6/2021
    (re.compile(r"^(?:thang\s*)?(\d{1,2})\s*(?:[/.\-]|\s*nam\s*)\s*" + _YEAR + "$"), MONTH),
    # tháng 4 (year from the report)
    (re.compile(r"^thang\s*(\d{1,2})$"), "month_only"),
    # quý II/2021, quý 2 năm 2021
    (re.compile(r"^quy\s*(iv|iii|ii|i|[1-4])\s*(?:[/.\-]|\s*nam\s*)?\s*" + _YEAR + "$"), QUARTER),
    # năm 2021, 2021
    (re.compile(r"^(?:nam\s*)?" + _YEAR + "$"), YEAR),
]


def parse_date(value: object, default_year: int | None = None) -> DateValue:
    """Read a date cell of any precision. Never invents a day that was not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateValue(None, None, None, "")
    if isinstance(value, dt.datetime):
        d = value.date()
        return DateValue(d, d, DAY, admin_date_short(d))
    if isinstance(value, dt.date):
        return DateValue(value, value, DAY, admin_date_short(value))
    if isinstance(value, bool):
        return DateValue(None, None, None, str(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return DateValue(None, None, None, str(value))
        if 1900 <= value <= 2200 and float(value).is_integer():
            y = int(value)
            return DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR, str(y))
        if 1 <= value < 2958466:  # Excel serial numbers (1900 date system)
            d = _EXCEL_EPOCH + dt.timedelta(days=int(value))
            return DateValue(d, d, DAY, admin_date_short(d))
        return DateValue(None, None, None, str(value))
    return _parse_date_text(nfc(value), default_year)


@lru_cache(maxsize=4096)
def _parse_date_text(text: str, default_year: int | None) -> DateValue:
    """The text forms; cached, since the same few texts ("Tháng 4", "Năm 2021")
    recur across thousands of rows."""
    key = re.sub(r"[^0-9a-z/.\-]+", " ", _fold_keep_sep(text)).strip()
    for pattern, kind in _DATE_PATTERNS:
        m = pattern.match(key)
        if not m:
            continue
        g = m.groups()
        if kind == DAY:
            d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
            if d:
                return DateValue(d, d, DAY, text)
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
            if 1 <= month <= 12 and isinstance(default_year, int) and 1900 <= default_year <= 2200:
                return DateValue(*_month_interval(default_year, month), MONTH, text, year_given=False)
        elif kind == QUARTER:
            q, year = _ROMAN[g[0]], int(g[1])
            if 1900 <= year <= 2200:
                start = dt.date(year, 3 * q - 2, 1)
                end = _month_interval(year, 3 * q)[1]
                return DateValue(start, end, QUARTER, text)
        elif kind == YEAR:
            year = int(g[0])
            if 1900 <= year <= 2200:
                return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR, text)
    return DateValue(None, None, None, text)


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

    @property
    def ok(self) -> bool:
        return self.value is not None


_PROGRESS = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(%?)\s*(.*)$", re.S)


def parse_progress(value: object, fraction: bool = False) -> Progress:
    """``95%``, ``95``, ``0.95`` (when the column holds fractions, as a
    %-formatted cell does), ``95% (dự kiến …)`` keeps the remark as a note;
    free text gives an unknown value with the text as the note."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Progress(None)
    if isinstance(value, bool):
        return Progress(None, str(value), str(value))
    if isinstance(value, (int, float)):
        v = _finite(value)
        v = None if v is None else _finite(v * (100.0 if fraction else 1.0))
        if v is None:  # nan, inf, or an int beyond float range
            return Progress(None, "", str(value))
        return Progress(round(v, 6), "", str(value))
    text = nfc(value)
    m = _PROGRESS.match(text)
    if m:
        number, pct, rest = m.groups()
        rest = rest.strip()
        if rest.startswith(("(", "-", "–", ";", ",", ":")) or not rest:
            v = float(number.replace(",", "."))
            if not pct and fraction and 0 <= v <= 1 and ("." in number or "," in number):
                v *= 100
            if not math.isfinite(v):  # hundreds of digits: not a percentage
                return Progress(None, text, text)
            note = rest.strip(" -–;,:")
            if note.startswith("(") and note.endswith(")"):
                note = note[1:-1].strip()
            return Progress(round(v, 6), note, text)
    if text.lower() in _ERROR_LITERALS:
        return Progress(None, "", text)
    return Progress(None, text, text)


def _finite(value: int | float) -> float | None:
    """The number as a finite float; ``None`` for nan, inf or an int beyond float range."""
    try:
        v = float(value)
    except OverflowError:
        return None
    return v if math.isfinite(v) else None


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
    s = re.sub(r"^s[oố]\s*:?\s*", "", s, flags=re.I)
    return re.sub(r"\s*([/\-])\s*", r"\1", s)


def is_doc_number(text: object) -> bool:
    s = canonical_doc_number(text)
    return bool(_DOC_NUMBER.match(s) or _PARTY_NUMBER.match(s))


def parse_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    m = re.fullmatch(r"\s*(\d{1,9})\s*", nfc(value))
    return int(m.group(1)) if m else None


def parse_number(value: object) -> Decimal | None:
    """A decimal as staff type it: ``1,5``, ``1.5``, ``12`` or a number cell;
    ``None`` when it is not one (thousands separators are not decimals here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value)) if math.isfinite(value) else None
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
