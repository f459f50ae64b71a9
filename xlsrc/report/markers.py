"""Names shared by the template builder, the renderer and the annex filler.

The template author writes the annex markers as ``[[name]]``; before any data
goes into the document they become *tokens* delimited by two characters from
Unicode's supplementary private use area, which nobody types and which are
removed from every piece of data. So "Xây trường [[start]] học" in a cell is
printed as typed: data can never place an annex row, an image or a break."""
from __future__ import annotations

import re

DEPARTMENT = "bao_cao_don_vi.docx"
CONSOLIDATED = "bao_cao_tong_hop.docx"
ANNEX_MARKERS = ("[[tt]]", "[[name]]", "[[start]]", "[[finish]]", "[[progress]]")
GROUP_MARKER = "[[group]]"
STATUS_MARKER = "[[status]]"  # optional: without it the status follows the progress in its cell

OPEN, CLOSE = "\U0010FFF0", "\U0010FFF1"  # untypable; stripped from data (see plain.clean_text)
DELIMITERS = re.compile(f"[{OPEN}{CLOSE}]")
TOKEN = re.compile(f"{OPEN}([a-z]+):([a-z_]+){CLOSE}")


def token(kind: str, name: str) -> str:
    return f"{OPEN}{kind}:{name}{CLOSE}"


def token_pattern(kind: str) -> re.Pattern:
    """The tokens of one kind (``image``, ``table``); group 1 is the name."""
    return re.compile(f"{OPEN}{kind}:([a-z_]+){CLOSE}")


def annex_token(marker: str) -> str:
    """``[[name]]`` -> the token the renderer fills."""
    return token("annex", marker.strip("[]"))


def image_token(name: str) -> str:
    """What a template prints for ``{{ chart }}``: the renderer puts the
    picture there after rendering; the template never holds the picture."""
    return token("image", name)


def table_token(name: str) -> str:
    """What a template prints for ``{{ awards_by_unit }}``: the renderer
    builds the table there after rendering (its columns depend on the data)."""
    return token("table", name)
