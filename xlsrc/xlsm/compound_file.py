"""A small, deterministic writer of Compound File Binary files ([MS-CFB]
version 3: 512-byte sectors, 64-byte mini sectors below 4096 bytes). olefile
reads such files but can only rewrite streams of the same size."""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list["_Entry"] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = END
    clsid: bytes = b"\0" * 16


def _order(name: str):
    return (len(name), name.upper())


def _tree(children: list[_Entry]) -> int:
    """A balanced binary search tree of siblings in CFB order; the nodes of a
    last, incomplete level are red, so every path holds as many black nodes."""
    nodes = sorted(children, key=lambda e: _order(e.name))
    if not nodes:
        return NOSTREAM
    depth_of: dict[int, int] = {}

    def build(lo: int, hi: int, depth: int) -> int:
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi + 1) // 2
        node = nodes[mid]
        depth_of[id(node)] = depth
        node.left = build(lo, mid - 1, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        return node.sid

    root = build(0, len(nodes) - 1, 0)
    deepest = max(depth_of.values())
    full = len(nodes) == (1 << (deepest + 1)) - 1
    for node in nodes:
        node.color = RED if (not full and depth_of[id(node)] == deepest and deepest > 0) else BLACK
    return root


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else END


def build(tree: dict, root_clsid: bytes = b"\0" * 16, clsids: dict[str, bytes] | None = None) -> bytes:
    """``tree`` maps names to bytes (streams) or dicts (storages)."""
    clsids = clsids or {}
    root = _Entry("Root Entry", ROOT, clsid=root_clsid)
    entries = [root]

    def add(parent: _Entry, items: dict, path: str) -> None:
        # entries in CFB order, so the bytes do not depend on the order of ``tree``
        ordered = sorted(items.items(), key=lambda kv: _order(kv[0]))
        for (a, _), (b, _) in zip(ordered, ordered[1:]):
            if _order(a) == _order(b):
                raise ValueError(f"names differ only in case: {a!r}, {b!r}")
        for name, value in ordered:
            full = f"{path}/{name}" if path else name
            if isinstance(value, dict):
                e = _Entry(name, STORAGE, clsid=clsids.get(full, b"\0" * 16))
            else:
                e = _Entry(name, STREAM, data=bytes(value))
            e.sid = len(entries)
            entries.append(e)
            parent.children.append(e)
            if isinstance(value, dict):
                add(e, value, full)

    add(root, tree, "")
    for e in entries:
        if e.kind in (STORAGE, ROOT):
            e.child = _tree(e.children)

    # mini stream: small streams, 64-byte sectors
    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        if e.kind == STREAM and 0 < len(e.data) < CUTOFF:
            count = -(-len(e.data) // MINI)
            e.start = len(minifat)
            minifat += [0] * count
            _chain(minifat, e.start, count)
            mini += e.data + b"\0" * (count * MINI - len(e.data))
        elif e.kind == STREAM and not e.data:
            e.start = END
    root.data = bytes(mini)

    # regular sectors: big streams, mini stream, minifat, directory, then FAT
    body = bytearray()
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return END
        count = -(-len(data) // SECTOR)
        first = len(fat)
        fat.extend([0] * count)
        _chain(fat, first, count)
        body.extend(data + b"\0" * (count * SECTOR - len(data)))
        return first

    for e in entries:
        if e.kind == STREAM and len(e.data) >= CUTOFF:
            e.start = place(e.data)
    root.start = place(root.data) if root.data else END
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_bytes += struct.pack("<I", FREE) * ((-len(minifat)) % (SECTOR // 4))
    minifat_start = place(minifat_bytes) if minifat else END
    dir_bytes = b"".join(_dir_entry(e) for e in entries)
    dir_bytes += _empty_entry() * ((-len(entries)) % (SECTOR // 128))
    dir_start = place(dir_bytes)

    n_fat = 1
    while (len(fat) + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat_start = len(fat)
    fat.extend([FATSECT] * n_fat)
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)

    header = bytearray()
    header += bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
    header += b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start,
                          len(minifat_bytes) // SECTOR if minifat else 0, END, 0)
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    header += b"".join(struct.pack("<I", v) for v in difat)
    assert len(header) == SECTOR
    return bytes(header) + bytes(body) + fat_bytes


def _dir_entry(e: _Entry) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    if len(name) > 64:
        raise ValueError(f"name too long: {e.name}")
    size = len(e.data) if e.kind in (STREAM, ROOT) else 0
    start = e.start if e.kind in (STREAM, ROOT) and size else (END if e.kind == ROOT else 0)
    return (name + b"\0" * (64 - len(name)) + struct.pack("<HBB", len(name), e.kind, e.color)
            + struct.pack("<III", e.left, e.right, e.child) + e.clsid + struct.pack("<I", 0)
            + b"\0" * 16 + struct.pack("<IQ", start, size))


def _empty_entry() -> bytes:
    return b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + \
        b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", 0, 0)
