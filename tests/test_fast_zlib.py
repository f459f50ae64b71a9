"""zlib-ng (xlsrc/fast_zlib.py) where only the content counts: the same bytes
unpacked, the same Word parts packed; the workbooks keep the standard zlib."""
from __future__ import annotations

import io
import zipfile
import zlib

import docx
import pytest

from xlsrc import fast_zlib
from xlsrc.access.limits import _unpack_small
from xlsrc.report.annex import fill_docx


def test_zlib_ng_is_there_and_unpacks_what_zlib_packed():
    """The dependency is installed (else every check of a part's size runs at the standard speed)."""
    assert fast_zlib.NATIVE == "zlib-ng"
    raw = "".join(f"<row r=\"{i}\"><c r=\"A{i}\" t=\"s\"><v>{i % 7}</v></c></row>" for i in range(20_000)).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", raw)
    z = zipfile.ZipFile(out)
    assert _unpack_small(z, z.getinfo("xl/worksheets/sheet1.xml")) == raw
    assert fast_zlib.zlib.crc32(raw) == zlib.crc32(raw)


def _document(text: str) -> bytes:
    d = docx.Document()
    for i in range(300):
        d.add_paragraph(f"{text} {i}")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


class _Counting:
    """The zlib module given, its packers counted."""

    def __init__(self, lib):
        self.lib, self.packers = lib, 0

    def __getattr__(self, name):
        return getattr(self.lib, name)

    def compressobj(self, *args):
        self.packers += 1
        return self.lib.compressobj(*args)


@pytest.mark.parametrize("lib", [fast_zlib.zlib, zlib])
def test_the_reports_document_is_packed_by_fast_zlib_and_reads_the_same(monkeypatch, lib):
    """document.xml packed by fast_zlib's library (zlib-ng, or the standard zlib where it is missing) is the
    same XML, in a package Word and zipfile read."""
    source = _document("Công trình số")
    counting = _Counting(lib)
    monkeypatch.setattr(fast_zlib, "zlib", counting)
    made = zipfile.ZipFile(io.BytesIO(fill_docx(source, None, "mau.docx")))
    assert counting.packers == 1 and made.testzip() is None
    original = zipfile.ZipFile(io.BytesIO(source))
    assert {n: made.read(n) for n in made.namelist()} == {n: original.read(n) for n in original.namelist()}
    assert docx.Document(io.BytesIO(made.fp.getvalue())).paragraphs[-1].text == "Công trình số 299"
