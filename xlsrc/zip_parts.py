"""One zip member written from pieces deflated apart (in two processes):
each piece is raw deflate ending on a byte boundary (a sync flush), so the
pieces follow one another as one valid deflate stream; the member's CRC-32
is combined from the pieces' own (zlib's crc32_combine, here in Python).

``append`` needs the internals of ``zipfile``'s member writer; where they are
not there (another Python), the piece is unpacked and written the usual way:
the bytes of the member are the same either way."""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


@dataclass(frozen=True)
class Deflated:
    data: bytes   # raw deflate, sync-flushed (never a final block)
    size: int     # bytes before compression
    crc: int      # their CRC-32


def deflate(pieces: Iterable[bytes], level: int, lib=zlib) -> Deflated:
    """``pieces`` one after the other, deflated as one piece by ``lib`` (the
    standard zlib, whose bytes a workbook keeps from run to run, or
    fast_zlib's where only the content counts)."""
    packer = lib.compressobj(level, lib.DEFLATED, -15)
    out, size, crc = [], 0, 0
    for raw in pieces:
        out.append(packer.compress(raw))
        size, crc = size + len(raw), lib.crc32(raw, crc)
    out.append(packer.flush(lib.Z_SYNC_FLUSH))
    return Deflated(b"".join(out), size, crc)


def write_pieces(fh, pieces: Iterable[bytes | Deflated], level: int) -> None:
    """``pieces`` written one after the other to the member open in ``fh``
    (see ``append``), the ones already deflated as they are."""
    for piece in pieces:
        if isinstance(piece, Deflated):
            append(fh, piece, level)
        else:
            fh.write(piece)


_WRITER_FIELDS = ("_compressor", "_fileobj", "_compress_size", "_file_size", "_crc")


def append(fh, piece: Deflated, level: int) -> None:
    """Add ``piece`` to the member open for writing in ``fh`` (from
    ``ZipFile.open(info, "w")`` with ZIP_DEFLATED at ``level``)."""
    packer = getattr(fh, "_compressor", None)
    if packer is None or not all(hasattr(fh, f) for f in _WRITER_FIELDS):
        fh.write(zlib.decompressobj(-15).decompress(piece.data))  # no final block: not zlib.decompress
        return
    pending = packer.flush(zlib.Z_SYNC_FLUSH)  # what the member's own packer holds, to a byte boundary
    fh._fileobj.write(pending)
    fh._fileobj.write(piece.data)
    fh._compress_size += len(pending) + len(piece.data)
    fh._file_size += piece.size
    fh._crc = crc32_combine(fh._crc, piece.crc, piece.size)
    # a new packer: nothing after the piece may point back into bytes the packer never saw
    fh._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


@lru_cache(maxsize=None)
def _zeros_operator(k: int) -> tuple[int, ...]:
    """The operator that feeds 2**k zero bytes to a CRC-32."""
    if k == 0:
        op = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
        for _ in range(3):  # 2, 4, 8 zero bits
            op = _gf2_square(op)
        return tuple(op)
    return tuple(_gf2_square(list(_zeros_operator(k - 1))))


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's
    crc32_combine: crc1 fed len2 zero bytes, one power of two at a time)."""
    k = 0
    while len2 > 0:
        if len2 & 1:
            crc1 = _gf2_times(_zeros_operator(k), crc1)
        len2 >>= 1
        k += 1
    return crc1 ^ crc2
