"""Fills the annex table after rendering, in one pass over document.xml.

docxtpl's ``{%tr for %}`` loop grows much worse than linearly with the row
count (about 20 s for 50,000 works). Here the marker row of the template is
taken as a string once, and each work becomes that string with the markers
replaced by escaped text: linear in the number of works."""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Callable, Iterator
from xml.sax.saxutils import escape

from .. import fast_zlib
from ..errors import ThiDuaError
from ..zip_parts import append, deflate
from .markers import ANNEX_MARKERS, GROUP_MARKER, OPEN, STATUS_MARKER, TOKEN, annex_token
from .plain import clean_text

_BATCH = 500  # rows joined into one piece
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_ITEM_TOKENS = [annex_token(m) for m in ANNEX_MARKERS]
_GROUP_TOKEN = annex_token(GROUP_MARKER)
_STATUS_TOKEN = annex_token(STATUS_MARKER)


@lru_cache(maxsize=1 << 16)  # units, dates, statuses and progress texts recur down the annex
def _xml_text(text: str) -> bytes:
    text = escape(clean_text(text), {'"': "&quot;"}).replace("\n", _BREAK)
    return (text.replace("\t", _TAB) if "\t" in text else text).encode("utf-8")


def _row_around(xml: str, marker: str) -> tuple[int, int]:
    at = xml.find(marker)
    if at < 0:
        return -1, -1
    start = max(xml.rfind("<w:tr>", 0, at), xml.rfind("<w:tr ", 0, at))
    end = xml.find("</w:tr>", at) + len("</w:tr>")
    return start, end


_TAGS = "(?:<[^>]*>)*"
_SPLIT = {m: re.compile(_TAGS.join(re.escape(ch) for ch in m)) for m in (*ANNEX_MARKERS, GROUP_MARKER, STATUS_MARKER)}


def join_split_markers(xml: str) -> str:
    """A marker Word has split over several runs (spell-check marks, a change
    of format inside it) is joined back into its first run, as docxtpl does
    for ``{{ }}``: the tags between its characters are closing and reopening
    runs, so dropping them keeps the XML well formed."""
    for marker, pattern in _SPLIT.items():
        if marker not in xml:
            xml = pattern.sub(marker, xml)
    return xml


def missing_markers(xml: str, grouped: bool) -> list[str]:
    needed = list(ANNEX_MARKERS) + ([GROUP_MARKER] if grouped else [])
    return [m for m in needed if m not in xml]


def protect_markers(xml: str) -> str:
    """The template's ``[[…]]`` markers as tokens, before any data goes in:
    afterwards only the template's markers are found, never the data's."""
    xml = join_split_markers(xml)
    for marker in (*ANNEX_MARKERS, GROUP_MARKER, STATUS_MARKER):
        xml = xml.replace(marker, annex_token(marker))
    return xml


class _Row:
    """A template row made once into its UTF-8 pieces between the tokens
    (any other token dropped, see ``_untokened``); a filled row is those
    pieces with the escaped values between them, added to the pieces of a
    batch of rows joined at once: never searched for tokens again, nor
    formatted (``%`` scans the whole row, 2.7 kB, for each work)."""

    def __init__(self, xml: str, tokens: list[str]):
        self.tokens = tokens
        parts = re.split("(" + "|".join(map(re.escape, tokens)) + ")", xml)
        order = [tokens.index(t) for t in parts[1::2]]
        # the texts in the order the row holds their tokens: as given, the common case, without a copy
        self.ordered = tuple if order == list(range(len(tokens))) else lambda texts: tuple([texts[i] for i in order])
        self.pieces = [_untokened(p).encode("utf-8") if i % 2 == 0 else b"" for i, p in enumerate(parts)]

    def add(self, batch: list[bytes], values: list[str]) -> None:
        """The row filled with ``values`` added to ``batch``, in pieces."""
        texts = list(map(_xml_text, values[:len(self.tokens)]))
        if len(texts) < len(self.tokens):
            texts += [b""] * (len(self.tokens) - len(texts))
        row = self.pieces[:]
        row[1::2] = self.ordered(texts)
        batch += row

    def add_rows(self, batch: list[bytes], rows: list[list[str]]) -> None:
        """Each row filled with its values added to ``batch`` as ``add``
        does, a column at a time: the rows' pieces laid out at once, then
        each token's texts put in their places."""
        if set(map(len, rows)) != {len(self.tokens)}:  # values missing or too many: a row at a time
            for values in rows:
                self.add(batch, values)
            return
        filled = self.pieces * len(rows)
        step = len(self.pieces)
        for at, texts in enumerate(self.ordered([list(map(_xml_text, column)) for column in zip(*rows)])):
            filled[2 * at + 1::step] = texts
        batch += filled

    def filled(self, values: list[str]) -> bytes:
        """The row filled with ``values``, alone."""
        row: list[bytes] = []
        self.add(row, values)
        return b"".join(row)


def pieces(xml: str, rows: list[tuple[str, list[str]]], template_name: str) -> Iterator[bytes]:
    """document.xml (with protected markers) in pieces of UTF-8, the marker rows
    replaced by one row per ('item', cells) or ('group', [title]). Streaming the
    pieces keeps memory flat: no 100 MB string is built for 50,000 works."""
    missing = [m for m, t in zip(ANNEX_MARKERS, _ITEM_TOKENS) if t not in xml]  # the group row is optional
    if missing:
        raise ThiDuaError(f"Mẫu '{template_name}': bảng phụ lục thiếu ô đánh dấu {', '.join(missing)} "
                          "(mỗi ô đánh dấu phải nằm nguyên vẹn trong một ô của bảng).")
    group = None
    if _GROUP_TOKEN in xml:
        g_start, g_end = _row_around(xml, _GROUP_TOKEN)
        group = _Row(xml[g_start:g_end].replace("<w:t>", '<w:t xml:space="preserve">'), [_GROUP_TOKEN])
        xml = xml[:g_start] + xml[g_end:]
    item_start, item_end = _row_around(xml, _ITEM_TOKENS[1])
    item_xml = xml[item_start:item_end]
    status_column = _STATUS_TOKEN in item_xml
    item = _Row(item_xml.replace("<w:t>", '<w:t xml:space="preserve">'), _ITEM_TOKENS + [_STATUS_TOKEN])
    if not rows:
        rows = [("item", ["", "Chưa có công trình, phần việc nào.", "", "", "", ""])]
    yield _untokened(xml[:item_start]).encode("utf-8")
    for start in range(0, len(rows), _BATCH):
        batch: list[bytes] = []
        for is_group, run in groupby(rows[start:start + _BATCH], lambda row: row[0] == "group"):
            cells = list(map(itemgetter(1), run))
            if is_group and group:
                for title in cells:
                    group.add(batch, title[:1])
            elif is_group:  # no group row in the template: the unit's name in the name column
                item.add_rows(batch, [["", title[0], "", "", "", ""] for title in cells])
            else:
                item.add_rows(batch, cells if status_column else list(map(with_status_in_progress, cells)))
        yield b"".join(batch)
    yield _untokened(xml[item_end:]).encode("utf-8")


def with_status_in_progress(cells: list[str]) -> list[str]:
    """A template without a [[status]] column: the status follows the progress, '95% (đang thực hiện)'."""
    if len(cells) < 6 or not cells[5]:
        return cells
    status = cells[5][:1].lower() + cells[5][1:]
    return cells[:4] + [f"{cells[4]} ({status})" if cells[4] else cells[5], ""]


def fill(xml: str, rows: list[tuple[str, list[str]]], template_name: str) -> str:
    """The whole filled document.xml as one string (small documents, tests)."""
    return b"".join(pieces(xml, rows, template_name)).decode("utf-8")


def _untokened(text: str) -> str:
    """A token left where nothing replaced it (a marker placed twice, an image
    token in a header) is dropped, never shown."""
    return TOKEN.sub("", text) if OPEN in text else text


def fill_docx(docx: bytes, rows: list[tuple[str, list[str]]] | None, template_name: str,
              later: dict[str, Callable[[], bytes]] | None = None) -> bytes:
    """``docx`` with its annex filled (``rows`` None: a document without an
    annex) and no token left anywhere; the parts named in ``later`` (a
    picture still being drawn) get their bytes from it, after document.xml."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    # level 1: the annex's 100 MB of XML three times faster than the default 6, the file half as large again
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            data = later[info.filename]() if info.filename in (later or {}) else src.read(info.filename)
            if info.filename != "word/document.xml":
                if info.filename.startswith("word/") and OPEN.encode("utf-8") in data:
                    data = _untokened(data.decode("utf-8")).encode("utf-8")
                dst.writestr(info, data, compresslevel=1)
                continue
            part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            part._compresslevel = 1  # as ZipFile.write sets it (public as compress_level from Python 3.13 only)
            with dst.open(part, "w", force_zip64=True) as stream:
                text = data.decode("utf-8")
                made = pieces(text, rows, template_name) if rows is not None else [_untokened(text).encode("utf-8")]
                append(stream, deflate(made, 1, fast_zlib.zlib), 1)  # zlib-ng: the same XML, packed 3× faster
    return out.getvalue()
