"""Vietnamese numbers in words, as written on a decision's annex
("Bằng chữ: Năm triệu chín trăm bốn mươi nghìn đồng").

Rules: 1 after a tens digit of 2–9 reads "mốt" (hai mươi mốt), 5 after any
tens digit reads "lăm" (mười lăm, hai mươi lăm), a zero tens digit before a
unit reads "linh" (một trăm linh năm); inside a number a group keeps its
"không trăm" (một nghìn không trăm linh năm); groups are nghìn, triệu, tỷ, and
above a thousand million the count of tỷ is read again (một nghìn tỷ)."""
from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ((10 ** 6, "triệu"), (10 ** 3, "nghìn"), (1, ""))
BILLION = 10 ** 9


def _unit(u: int, t: int) -> str:
    if u == 1 and t >= 2:
        return "mốt"
    if u == 5 and t >= 1:
        return "lăm"
    return DIGITS[u]


def _three(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` keeps 'không trăm' and 'linh' (a group
    inside a larger number)."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or full:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u and words:
            words.append("linh")
    elif t == 1:
        words.append("mười")
    else:
        words += [DIGITS[t], "mươi"]
    if u:
        words.append(_unit(u, t))
    return words


def _words(n: int) -> list[str]:
    words: list[str] = []
    billions, rest = divmod(n, BILLION)
    if billions:
        words += _words(billions) + ["tỷ"]
    for size, name in GROUPS:
        group = rest // size % 1000
        if group:
            words += _three(group, full=bool(words))
            if name:
                words.append(name)
    return words


def number_words(n: int) -> str:
    """``105`` → ``một trăm linh năm``; ``0`` → ``không``."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("number_words needs an int")
    if n < 0:
        return "âm " + number_words(-n)
    return "không" if n == 0 else " ".join(_words(n))


def money_words(amount: int) -> str:
    """``5940000`` → ``Năm triệu chín trăm bốn mươi nghìn đồng``."""
    text = number_words(amount) + " đồng"
    return text[0].upper() + text[1:]


def money_figures(amount: int) -> str:
    """``5940000`` → ``5.940.000`` (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
