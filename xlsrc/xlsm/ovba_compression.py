"""MS-OVBA 2.4.1 compression, the format of VBA source in vbaProject.bin."""
from __future__ import annotations

import struct

CHUNK = 4096


def _bit_count(distance: int) -> int:
    """Bits for the offset part of a copy token: at least 4, enough for the
    distance from the start of the decompressed chunk."""
    bits = 4
    while (1 << bits) < distance:
        bits += 1
    return bits


def _compress_chunk(data: bytes) -> bytes:
    out = bytearray()
    pos, n = 0, len(data)
    heads: dict[bytes, list[int]] = {}
    while pos < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            bits = _bit_count(pos)
            max_len = (0xFFFF >> bits) + 3
            max_off = 1 << bits
            best_len, best_off = 0, 0
            key = data[pos:pos + 3]
            if len(key) == 3:
                for start in reversed(heads.get(key, ())):
                    off = pos - start
                    if off > max_off:
                        break
                    length = 3
                    limit = min(max_len, n - pos)
                    while length < limit and data[start + length] == data[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, off
                        if length == limit:
                            break
            if best_len >= 3:
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_len
            else:
                out.append(data[pos])
                step = 1
            for p in range(pos, pos + step):
                if p + 3 <= n:
                    heads.setdefault(data[p:p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer: signature 0x01, then one chunk per 4096 bytes."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        raw = data[start:start + CHUNK]
        body = _compress_chunk(raw)
        if len(body) > CHUNK and len(raw) == CHUNK:  # incompressible: stored as is
            out += struct.pack("<H", (CHUNK - 1) | (0b011 << 12)) + raw
        elif len(body) > CHUNK:  # only a full 4096-byte chunk may be stored raw
            raise ValueError("a short final chunk does not compress into 4096 bytes")
        else:
            out += struct.pack("<H", (len(body) - 1) | (0b011 << 12) | 0x8000) + body
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """Inverse of :func:`compress` for any valid CompressedContainer (2.4.1.3.1)."""
    if not data or data[0] != 0x01:
        raise ValueError("not an MS-OVBA CompressedContainer (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise ValueError("truncated chunk header")
        header = struct.unpack_from("<H", data, pos)[0]
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b0111 != 0b011:
            raise ValueError("bad chunk signature")
        end = min(pos + size, len(data))
        pos += 2
        start = len(out)
        if not header & 0x8000:  # stored raw
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags & (1 << bit):
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bits = _bit_count(len(out) - start)
                length = (token & (0xFFFF >> bits)) + 3
                offset = (token >> (16 - bits)) + 1
                if offset > len(out) - start:
                    raise ValueError("copy token points before the chunk")
                for _ in range(length):  # byte by byte: copies may overlap
                    out.append(out[-offset])
    return bytes(out)
