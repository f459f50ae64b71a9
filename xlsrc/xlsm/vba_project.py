"""The VBA project of ThiDua.xlsm, made from the one shipped inside the
installed xlwings package (so its xlwings module always matches the
installed version): Module1's source is replaced by ours, and a document
module is added for every sheet code name the workbook uses."""
from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import olefile

from . import compound_file
from .ovba_compression import compress

DOC_MODULES_IN_QUICKSTART = ("ThisWorkbook", "Sheet1", "Sheet2")
OUR_MODULE = "Module1"


def quickstart_vba_bin() -> bytes:
    import xlwings
    path = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(path) as z:
        return z.read("xl/vbaProject.bin")


def decompress(data: bytes) -> bytes:
    from oletools.olevba import decompress_stream  # noqa: PLC0415  (oletools reads; we never copy its code)
    return bytes(decompress_stream(bytearray(data)))


# -- the dir stream: a flat list of (id, payload) records --------------------
def parse_dir(data: bytes) -> list[tuple[int, bytes]]:
    records, i = [], 0
    while i < len(data):
        rid, size = struct.unpack_from("<HI", data, i)
        if rid == 0x0009:  # PROJECTVERSION: Reserved=4, then 4 + 2 bytes of version
            size = 6
        records.append((rid, data[i + 6:i + 6 + size]))
        i += 6 + size
    return records


def write_dir(records: list[tuple[int, bytes]]) -> bytes:
    out = bytearray()
    for rid, payload in records:
        size = 4 if rid == 0x0009 else len(payload)
        out += struct.pack("<HI", rid, size) + payload
    return bytes(out)


def _module_groups(records):
    """(start, end) indexes of each MODULE record group, keyed by module name."""
    groups, start = {}, None
    for i, (rid, payload) in enumerate(records):
        if rid == 0x0019:
            start, name = i, payload.decode("latin-1")
        elif rid == 0x002B and start is not None:
            groups[name] = (start, i + 1)
            start = None
    return groups


def _renamed_group(group, name: str):
    out = []
    for rid, payload in group:
        if rid in (0x0019, 0x001A):
            payload = name.encode("latin-1")
        elif rid in (0x0047, 0x0032):
            payload = name.encode("utf-16-le")
        elif rid == 0x0031:
            payload = struct.pack("<I", 0)
        out.append((rid, payload))
    return out


def _set_offset_zero(records, start, end):
    for i in range(start, end):
        if records[i][0] == 0x0031:
            records[i] = (0x0031, struct.pack("<I", 0))


def module_source_bytes(source: str) -> bytes:
    text = source.replace("\r\n", "\n").rstrip("\n") + "\n"
    return text.replace("\n", "\r\n").encode("ascii")


def build_vba_project(module_source: str, sheet_codenames: list[str]) -> bytes:
    ole = olefile.OleFileIO(io.BytesIO(quickstart_vba_bin()))
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True, storages=False)}
    records = parse_dir(decompress(streams["VBA/dir"]))
    groups = _module_groups(records)

    start, end = groups[OUR_MODULE]
    _set_offset_zero(records, start, end)
    streams[f"VBA/{OUR_MODULE}"] = compress(module_source_bytes(module_source))

    template_start, template_end = groups["Sheet2"]
    template = records[template_start:template_end]
    sheet_source = decompress(streams["VBA/Sheet2"][_offset(template):]).decode("latin-1")
    extra = [n for n in sheet_codenames if n not in DOC_MODULES_IN_QUICKSTART]
    insert_at = max(e for _, e in groups.values())
    new_groups = []
    for name in extra:
        new_groups += _renamed_group(template, name)
        src = sheet_source.replace('Attribute VB_Name = "Sheet2"', f'Attribute VB_Name = "{name}"')
        streams[f"VBA/{name}"] = compress(src.encode("latin-1"))
    records[insert_at:insert_at] = new_groups
    records = [(rid, struct.pack("<H", struct.unpack("<H", p)[0] + len(extra))) if rid == 0x000F else (rid, p)
               for rid, p in records]
    streams["VBA/dir"] = compress(write_dir(records))
    streams["PROJECT"] = _project_stream(streams["PROJECT"], extra)
    streams["PROJECTwm"] = _project_wm(streams["PROJECTwm"], extra)

    tree: dict = {}
    for path, data in streams.items():
        node = tree
        *folders, leaf = path.split("/")
        for f in folders:
            node = node.setdefault(f, {})
        node[leaf] = data
    clsids = {name: _clsid(ole, name) for name in ("VBA",)}
    root = _clsid(ole, "")
    ole.close()
    return compound_file.build(tree, root_clsid=root, clsids=clsids)


def _clsid(ole, name: str) -> bytes:
    """The CLSID of a storage, in its on-disk byte order (zeros when unset)."""
    import uuid
    text = ole.root.clsid if name == "" else ole.getclsid(name)
    return uuid.UUID(text).bytes_le if text else b"\0" * 16


def _offset(group) -> int:
    return next(struct.unpack("<I", p)[0] for rid, p in group if rid == 0x0031)


def _project_stream(data: bytes, extra: list[str]) -> bytes:
    text = data.decode("latin-1")
    lines = text.split("\r\n")
    last_doc = max(i for i, line in enumerate(lines) if line.startswith("Document="))
    lines[last_doc + 1:last_doc + 1] = [f"Document={n}/&H00000000" for n in extra]
    text = "\r\n".join(lines)
    if "[Workspace]\r\n" in text:
        text = re.sub(r"(\[Workspace\]\r\n(?:.+\r\n)*)", lambda m: m.group(1) + "".join(
            f"{n}=0, 0, 0, 0, C\r\n" for n in extra), text, count=1)
    return text.encode("latin-1")


def _project_wm(data: bytes, extra: list[str]) -> bytes:
    assert data.endswith(b"\0\0")
    body = data[:-2]
    for n in extra:
        body += n.encode("latin-1") + b"\0" + n.encode("utf-16-le") + b"\0\0"
    return body + b"\0\0"
