"""Test helper: what Excel makes of a string given to a General cell through
COM (``Range.Value = "..."``), which it parses as if the user had typed it.

The rules are Excel's general ones, for the two regional settings our users
have (vi-VN: ``1.234,5`` and day first; en-US: ``1,234.5`` and month first):
a leading apostrophe makes the rest text; ``= + - @`` start a formula (``+5``
and ``-5`` a number); TRUE/FALSE are booleans; ``#N/A``-like words are errors;
numbers may have a sign, parentheses, a currency symbol before or after,
thousands separators in groups of three, a decimal separator, an exponent and
a trailing percent (leading zeros are dropped); ``a b/c`` is a fraction; dates
are day, month, year (or two of them) separated by ``/``, ``-`` or ``.``, in
either order, with a month number or name, four-digit years first (ISO) too;
times are ``h:mm[:ss[.s]]`` with an optional AM/PM, alone or after a date.

``typed(text)`` returns (kind, value): kind is "text" when the cell keeps the
text, and value is then the text the cell shows (without the apostrophe).
"""
from __future__ import annotations

import re

ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
          "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
BOOLEANS = {"TRUE", "FALSE"}
MONTHS = "january february march april may june july august september october november december".split()
CURRENCY = "$€£¥₫đ"
LOCALES = ((",", "."), (".", ","))  # (thousands, decimal): en-US, vi-VN


def _number(text: str, thousands: str, decimal: str) -> bool:
    s = text.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    s = s.lstrip("+-").strip()
    if s[:1] and s[0] in CURRENCY:
        s = s[1:].strip()
    elif s[-1:] and s[-1] in CURRENCY:
        s = s[:-1].strip()
    s = s.lstrip("+-")
    if s.endswith("%"):
        s = s[:-1].strip()
    t, d = re.escape(thousands), re.escape(decimal)
    grouped = rf"\d{{1,3}}(?:{t}\d{{3}})+"
    mantissa = rf"(?:{grouped}|\d+)(?:{d}\d*)?|{d}\d+"
    return re.fullmatch(rf"(?:{mantissa})(?:[eE][+-]?\d+)?", s) is not None


def _fraction(text: str) -> bool:
    m = re.fullmatch(r"[+-]?\s*(\d+)\s+(\d+)/(\d+)", text.strip())
    return m is not None and int(m.group(3)) != 0


def _digits(token: str) -> bool:
    """Digits as Excel reads them: 0-9 only ('²' and other Unicode digits are letters to it)."""
    return token.isascii() and token.isdigit()


def _month(token: str) -> int | None:
    if _digits(token):
        value = int(token)
        return value if 1 <= value <= 12 else None
    low = token.lower().rstrip(".")
    return next((i for i, name in enumerate(MONTHS, 1) if len(low) >= 3 and name.startswith(low)), None)


def _day(token: str) -> bool:
    return _digits(token) and 1 <= int(token) <= 31


def _year(token: str) -> bool:
    return _digits(token) and (len(token) in (1, 2) or (len(token) == 4 and 1900 <= int(token) <= 9999))


def _date(text: str) -> bool:
    parts = [p for p in re.split(r"[/\-.\s,]+", text.strip()) if p]
    if not 2 <= len(parts) <= 3 or not re.fullmatch(r"[\w.]+(?:[/\-.\s,]+[\w.]+){1,2}", text.strip()):
        return False
    if len(parts) == 3:
        a, b, c = parts
        if len(a) == 4 and _digits(a):  # ISO: year first
            return _year(a) and _month(b) is not None and _day(c)
        day_first = _day(a) and _month(b) is not None and _year(c)
        month_first = _month(a) is not None and _day(b) and _year(c)
        return day_first or month_first
    a, b = parts
    return (_day(a) and _month(b) is not None) or (_month(a) is not None and (_day(b) or _year(b)))


def _time(text: str) -> bool:
    s = text.strip()
    return re.fullmatch(r"\d{1,4}:\d{1,2}(?::\d{1,2}(?:[.,]\d+)?)?(?:\s*[AaPp][Mm]?)?|\d{1,2}\s*[AaPp][Mm]", s) \
        is not None


def _date_time(text: str) -> bool:
    m = re.fullmatch(r"(.+?)\s+(\d{1,2}:\d{1,2}.*|\d{1,2}\s*[AaPp][Mm])", text.strip())
    return m is not None and _date(m.group(1)) and _time(m.group(2))


def typed(text: str) -> tuple[str, object]:
    """What a General cell holds after ``text`` is written to it through COM."""
    if text.startswith("'"):
        return "text", text[1:]
    stripped = text.strip()
    if not stripped:
        return "text", text
    if stripped[0] in "=@" or (stripped[0] in "+-" and len(stripped) > 1):
        return ("number" if any(_number(stripped, t, d) for t, d in LOCALES) else "formula"), stripped
    if stripped.upper() in BOOLEANS:
        return "boolean", stripped.upper() == "TRUE"
    if stripped.upper() in ERRORS:
        return "error", stripped.upper()
    if any(_number(stripped, t, d) for t, d in LOCALES) or _fraction(stripped):
        return "number", stripped
    if _date(stripped) or _date_time(stripped):
        return "date", stripped
    if _time(stripped):
        return "time", stripped
    return "text", text


def changed(text: str) -> str | None:
    """Why ``text`` written to a cell would not stay text, or None."""
    kind, _ = typed(text)
    return None if kind == "text" else f"Excel đọc {text!r} thành {kind}"
