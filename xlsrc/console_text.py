"""Vietnamese on any console: printing never fails.

On an English Windows, output redirected to a file or a pipe (CaiDat.cmd,
a scheduled task, `thidua … > log.txt`) is encoded in the ANSI code page,
cp1252, which has no 'Đ', 'ạ' or 'ổ': ``print("Đã tạo sổ")`` raises
UnicodeEncodeError after the work is done, and the command reports a
failure. The standard streams are given an error handler that writes such a
letter without its marks ('Đã tạo sổ' → 'Dã tao so' in cp1252) and anything
else as '?', so the message stays readable and the exit code stays true.
(CaiDat.cmd also sets PYTHONUTF8=1, which makes the streams UTF-8.)"""
from __future__ import annotations

import codecs
import sys
import unicodedata

HANDLER = "thidua-plain"
_PLAIN = {"đ": "d", "Đ": "D"}


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    out = []
    for ch in text:
        base = _PLAIN.get(ch) or unicodedata.normalize("NFD", ch)[0]
        try:
            base.encode(error.encoding)
        except (UnicodeError, LookupError):
            base = "?"
        out.append(base)
    return "".join(out), error.end


def install() -> None:
    """Give sys.stdout and sys.stderr the plain-letter error handler (once per process)."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _plain)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", "backslashreplace", None):
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # a stream already written to in another way, or closed
                pass
