"""The issuing body's name as the header of a report or a decision writes
it: in capitals, broken between words to fit the header's left column
(shared by the report and the decisions, without loading the report's
Word stack)."""
from __future__ import annotations

# The left column of the header table (build_templates.HEADER_WIDTHS_CM), less the cell margins
HEADER_LEFT_CM = 7.5 - 0.2
HEADER_PT = 13


def _width_cm(text: str, size_pt: float = HEADER_PT) -> float:
    """A generous estimate of the width of bold capitals in Times New Roman."""
    em = sum(0.25 if ch == " " else 0.70 for ch in text)
    return em * size_pt / 72 * 2.54


def header_name(name: str, width_cm: float = HEADER_LEFT_CM) -> str:
    """The issuing body's name in capitals, on lines that fit the header
    column, broken only between words: after ' - ' when it can ("BAN THI
    ĐUA -\nKHEN THƯỞNG TỈNH HÀ TĨNH"), else into two balanced lines ("SỞ NÔNG
    NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN"), so that a compound such as "KHEN
    THƯỞNG" is not torn apart by Word's own wrapping."""
    name = " ".join(name.upper().split())
    if _width_cm(name) <= width_cm:
        return name
    head, sep, tail = name.rpartition(" - ")
    if sep and _width_cm(head + " -") <= width_cm and _width_cm(tail) <= width_cm:
        return f"{head} -\n{tail}"
    words = name.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [pair for pair in splits if max(map(_width_cm, pair)) <= width_cm]
    if fitting:
        return "\n".join(min(fitting, key=lambda pair: max(map(_width_cm, pair))))
    lines, line = [], ""
    for word in words:  # three lines or more: fill each line
        candidate = f"{line} {word}".strip()
        if line and _width_cm(candidate) > width_cm:
            lines.append(line)
            candidate = word
        line = candidate
    return "\n".join(lines + [line])
