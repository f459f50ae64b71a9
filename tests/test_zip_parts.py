"""A zip member written from pieces deflated apart (xlsrc/zip_parts.py)."""
from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest

from xlsrc.zip_parts import append, crc32_combine, deflate


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 1000, 65_537, 3_000_001])
def test_crc_of_two_pieces_is_the_crc_of_the_whole(size):
    rnd = random.Random(size)
    a, b = rnd.randbytes(1 + size % 997), rnd.randbytes(size)
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


class _PlainWriter:
    """A member writer without zipfile's internals: append unpacks the piece."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        return self.fh.write(data)


@pytest.mark.parametrize("internals", [True, False])
def test_pieces_deflated_apart_make_one_valid_member(internals):
    rnd = random.Random(5)
    head = b"<sheetData>" * 50
    pieces = [("<row>%d</row>" % i).encode() * rnd.randint(1, 5000) + rnd.randbytes(rnd.randint(0, 3000))
              for i in range(4)]
    tail = b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("xl/worksheets/sheet4.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as fh:
            writer = fh if internals else _PlainWriter(fh)
            writer.write(head)
            for p in pieces:
                append(writer, deflate([p[:len(p) // 3], b"", p[len(p) // 3:]], 1), 1)  # a piece made of several
            writer.write(tail)
    z = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    assert z.testzip() is None  # the CRC of the member matches its bytes
    assert z.read("xl/worksheets/sheet4.xml") == head + b"".join(pieces) + tail
