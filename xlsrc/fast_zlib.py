"""zlib-ng where it is installed (a dependency; the same deflate format and
the same CRC-32, about twice as fast to unpack and three times as fast to
pack at level 1), else the standard zlib.

Used where only the content counts: unpacking a part to check its real size
(the bytes unpacked are the same whichever library unpacks them), and packing
the report's document.xml (a Word file's parts are the same; its packed bytes
were never the same twice, since the zip stamps its write time). Packing a
workbook stays with the standard zlib: the master and the copies `compute`
writes are the same bytes from one run to the next."""
from __future__ import annotations

try:
    from zlib_ng import zlib_ng as zlib
    NATIVE = "zlib-ng"
except ImportError:  # a machine without the wheel: the standard library gives the same content
    import zlib
    NATIVE = "zlib"

__all__ = ["zlib", "NATIVE"]
