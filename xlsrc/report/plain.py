"""The one way data reaches a template: plain values only.

A template sees str, int, float, bool, date, and lists and dicts of those.
No object with methods or a back-reference (docxtpl's ``InlineImage`` kept the
whole ``DocxTemplate`` in ``.tpl``, and with it ``save`` and ``replace_zipname``).
Pictures are referred to by a token (``markers.image_token``) that the renderer
replaces after rendering."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Iterable, Mapping

from .markers import DELIMITERS, image_token, table_token

PLAIN_SCALARS = (str, bool, int, float, dt.date, dt.datetime)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def clean_text(text: str) -> str:
    """NFC; no character XML forbids (docxtpl would read \\a, \\f as paragraph
    and page breaks); no token delimiter; line breaks and tabs are kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return DELIMITERS.sub("", _XML_ILLEGAL.sub("", text))


def _plain(value: Any, where: str) -> Any:
    kind = type(value)
    if kind is str:
        return clean_text(value)
    if kind in PLAIN_SCALARS:
        return value
    if kind in (list, tuple):
        return [_plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if kind is dict:
        out = {}
        for key, v in value.items():
            if type(key) is not str:
                raise TypeError(f"template context: key {key!r} at {where} is not a str")
            out[key] = _plain(v, f"{where}.{key}")
        return out
    raise TypeError(f"template context: {where} is a {kind.__name__}, not plain data")


def template_context(fields: Mapping[str, Any], images: Iterable[str] = (), tables: Iterable[str] = ()) -> dict:
    """The context every template is rendered with: ``fields`` copied as
    plain data (a programming error if anything else is in it), plus a token
    for each picture name in ``images`` and each table name in ``tables``."""
    ctx = _plain(dict(fields), "context")
    ctx.update({name: image_token(name) for name in images})
    ctx.update({name: table_token(name) for name in tables})
    return ctx
