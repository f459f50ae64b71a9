"""Vietnamese text as data: NFC normalisation, folding for matching, and the
administrative way of writing dates and counts (Nghị định 30/2020/NĐ-CP)."""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache


def nfc(text: object) -> str:
    """NFC-normalised, stripped text; ``None`` becomes ``""``."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()


def _build_mark_table() -> dict[int, object]:
    table: dict[int, object] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0x00C0, 0x1F00):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if base != ch and base.isascii():
            table[code] = base
    for code in range(0x0300, 0x0370):  # stray combining marks
        table[code] = None
    return table


_MARKS = _build_mark_table()


def strip_marks(text: str) -> str:
    """Latin letters without their diacritics: ``Quý II`` → ``Quy II``, ``Đ`` → ``D``."""
    return text if text.isascii() else text.translate(_MARKS)


def folding_to(ch: str) -> str:
    """A regular-expression class of the characters of an NFC text that fold
    to the ASCII letter or digit ``ch``: ``ch`` in either case, with any
    diacritic strip_marks takes off (no other character folds to it; see
    the test that looks at every character)."""
    chars = {ch, ch.upper()} | {chr(code) for code, base in _MARKS.items() if base and base.lower() == ch}
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


def fold(text: object) -> str:
    """A key for tolerant matching: no diacritics, lower case, single spaces,
    punctuation reduced to spaces. ``"Tên công trình\\n(phần việc)"`` and
    ``"ten cong trinh phan viec"`` fold to the same key. The texts of a
    table recur (headers, units, words of progress): each is folded once."""
    return _fold_text(text) if text.__class__ is str else _fold(text)


def _fold(text: object) -> str:
    return _NON_KEY.sub(" ", strip_marks(nfc(text)).lower()).strip()


_fold_text = lru_cache(maxsize=100_000)(_fold)
_NON_KEY = re.compile(r"[^0-9a-zA-Z%]+")


_HONORIFIC = re.compile(r"^(ông\s*/\s*bà|ông|bà|đồng\s+chí|đ/c)\.?\s+(?=\S+\s+\S)", re.I)


def bare_name(text: object) -> tuple[str, str]:
    """A person's name without the honorific typed before it, and that
    honorific: ``"Ông Nguyễn Văn A"`` → ``("Nguyễn Văn A", "Ông")``; ``"Đ/c
    Lê C"`` → ``("Lê C", "Đ/c")``. Only before a name of two words or more,
    and never the first word of what is no one's honorific: a place ('Bà
    Rịa - Vũng Tàu', 'Bà Điểm'), a common noun ('Bà mẹ Việt Nam anh hùng …',
    'Bà con …'), a woman's name whose family name is Ông ('Ông Thị Hoa')."""
    s = " ".join(nfc(text).split())
    m = _HONORIFIC.match(s)
    if m is None or _not_honorific(m.group(1), s[m.end():]):
        return s, ""
    return s[m.end():], m.group(1)


# the words after 'Bà' that make a place's name, not a lady's: Bà Rịa, Bà Chiểu, Bà Điểm, Bà Đen, Bà Nà, Bà Hom, Bà Quẹo
_PLACE_AFTER_BA = frozenset({"ria", "chieu", "diem", "den", "na", "hom", "queo"})


def _not_honorific(word: str, rest: str) -> bool:
    """Whether the ``word`` an honorific matched starts a name of its own (see bare_name)."""
    after = rest.split(" ", 1)[0]
    head, key = fold(word), fold(after)
    return (word[:1].isupper() and after[:1].islower()) or (head == "ba" and key in _PLACE_AFTER_BA) or \
        (head == "ong" and key == "thi")


def two_digits(n: int) -> str:
    return f"{n:02d}"


def admin_day_month(day: int, month: int) -> tuple[str, str]:
    """Days 1–9 and months 1–2 take a leading zero; months 3–12 do not."""
    return f"{day:02d}", (f"{month:02d}" if month <= 2 else str(month))


def admin_date_long(d: dt.date) -> str:
    """``ngày 05 tháng 01 năm 2021``"""
    day, month = admin_day_month(d.day, d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def admin_date_short(d: dt.date) -> str:
    """``05/01/2021``, ``24/3/2021`` — the same leading-zero rule in figures."""
    day, month = admin_day_month(d.day, d.month)
    return f"{day}/{month}/{d.year}"


def count_text(n: int | None) -> str:
    """Counts below 10 take a leading zero: ``03``; 10 and above as they are,
    with dots between thousands: ``1.000.000``."""
    if n is None:
        return ""
    n = int(n)
    return f"{n:02d}" if 0 <= n < 10 else f"{n:,}".replace(",", ".")


def who(collectives: int, individuals: int) -> str:
    """``02 tập thể và 07 cá nhân``; a zero side is left out."""
    parts = []
    if collectives:
        parts.append(f"{count_text(collectives)} tập thể")
    if individuals:
        parts.append(f"{count_text(individuals)} cá nhân")
    return " và ".join(parts)


def percent_text(value: float | None) -> str:
    """``95%``, ``33,3%`` (Vietnamese decimal comma); empty when unknown."""
    if value is None or not math.isfinite(float(value)):
        return ""
    rounded = round(float(value), 1)
    if rounded == int(rounded):
        return f"{int(rounded)}%"
    return f"{rounded:.1f}%".replace(".", ",")


def upper_vn(text: str) -> str:
    return nfc(text).upper()
