"""The VBA project of ThiDua.xlsm, made from the one shipped inside the
installed xlwings package (so its ``xlwings`` module always matches the
installed version).

The quickstart project holds ThisWorkbook, Sheet1, Sheet2 (document
modules), Module1 (a sample), xlwings and the Dictionary class. We rebuild it
as ThisWorkbook + one document module per sheet code name + our standard
module ``ThiDua`` (replacing Module1) + xlwings + Dictionary, keeping the
``dir`` stream ([MS-OVBA] 2.3.4.2), the PROJECT stream (2.3.1) and PROJECTwm
(2.3.3) consistent. Rebuilt modules are source only (MODULEOFFSET 0, no
p-code); the ``_VBA_PROJECT`` stream is kept as the 7-byte header with
version 0xFFFF, which tells Excel there is no performance cache to trust, so
it compiles the source when the workbook is opened."""
from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import olefile

from ..errors import ThiDuaError
from . import compound_file
from .ovba_compression import compress, decompress

MODULE_NAME = "ThiDua"            # our standard module
QUICKSTART_MODULE = "Module1"     # the sample module it replaces
WORKBOOK_MODULE = "ThisWorkbook"
SHEET_TEMPLATE = "Sheet1"         # template of a worksheet document module
KEPT_MODULES = ("xlwings", "Dictionary")
# _VBA_PROJECT ([MS-OVBA] 2.3.4.1): Reserved1 0x61CC, Version 0xFFFF (no
# cache for this VBA version), Reserved2 0x00, Reserved3; no PerformanceCache.
VBA_PROJECT_HEADER = b"\xcc\x61\xff\xff\x00"

# dir stream record ids ([MS-OVBA] 2.3.4.2)
PROJECTVERSION, PROJECTMODULES = 0x0009, 0x000F
MODULENAME, MODULENAMEUNICODE, MODULESTREAMNAME, MODULESTREAMNAMEUNICODE = 0x0019, 0x0047, 0x001A, 0x0032
MODULEOFFSET, MODULECOOKIE, MODULETERMINATOR = 0x0031, 0x002C, 0x002B
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")


QUICKSTART = "quickstart_standalone.xlsm"


def quickstart_vba_bin(quickstart: bytes | None = None) -> bytes:
    """vbaProject.bin of xlwings' quickstart workbook: the one given (its
    bytes, e.g. read from the xlwings wheel a bundle ships), else the
    installed xlwings'."""
    if quickstart is None:
        import xlwings
        quickstart = (Path(xlwings.__file__).parent / QUICKSTART).read_bytes()
    with zipfile.ZipFile(io.BytesIO(quickstart)) as z:
        return z.read("xl/vbaProject.bin")


# -- the dir stream: a flat list of (id, payload) records --------------------
def parse_dir(data: bytes) -> list[tuple[int, bytes]]:
    records, i = [], 0
    while i < len(data):
        rid, size = struct.unpack_from("<HI", data, i)
        if rid == PROJECTVERSION:  # Size is 4 (Reserved) but 6 bytes of version follow
            size = 6
        records.append((rid, data[i + 6:i + 6 + size]))
        i += 6 + size
    return records


def write_dir(records: list[tuple[int, bytes]]) -> bytes:
    out = bytearray()
    for rid, payload in records:
        size = 4 if rid == PROJECTVERSION else len(payload)
        out += struct.pack("<HI", rid, size) + payload
    return bytes(out)


def split_dir(records):
    """(records up to PROJECTMODULES/PROJECTCOOKIE, [(name, module records)], terminator records)."""
    first = next(i for i, (rid, _) in enumerate(records) if rid == MODULENAME)
    head, modules, current = records[:first], [], []
    i = first
    while i < len(records) and records[i][0] != 0x0010:
        current.append(records[i])
        if records[i][0] == MODULETERMINATOR:
            name = next(p for r, p in current if r == MODULENAME).decode("latin-1")
            modules.append((name, current))
            current = []
        i += 1
    if current:
        raise ValueError("dir stream: unterminated MODULE record")
    return head, modules, records[i:]


def _field(group, rid: int) -> bytes:
    return next(p for r, p in group if r == rid)


def stored_source(streams: dict[str, bytes], group) -> bytes:
    stream = _field(group, MODULESTREAMNAME).decode("latin-1")
    offset = struct.unpack("<I", _field(group, MODULEOFFSET))[0]
    return decompress(streams[f"VBA/{stream}"][offset:])


def _source_group(template, name: str):
    """A copy of a MODULE record group for a source-only module ``name``."""
    out = []
    for rid, payload in template:
        if rid in (MODULENAME, MODULESTREAMNAME):
            payload = name.encode("latin-1")
        elif rid in (MODULENAMEUNICODE, MODULESTREAMNAMEUNICODE):
            payload = name.encode("utf-16-le")
        elif rid == MODULEOFFSET:
            payload = struct.pack("<I", 0)
        elif rid == MODULECOOKIE:
            payload = struct.pack("<H", 0xFFFF)
        out.append((rid, payload))
    return out


class VbaSourceError(ThiDuaError, ValueError):
    """The VBA text source cannot be built into the workbook."""


def module_source_bytes(source: str, name: str = MODULE_NAME) -> bytes:
    """The module text as stored: CRLF line ends, ASCII, ``Attribute VB_Name`` first."""
    for number, line in enumerate(source.replace("\r\n", "\n").split("\n"), 1):
        if not line.isascii():
            bad = "".join(dict.fromkeys(c for c in line if not c.isascii()))
            raise VbaSourceError(
                f"Mã VBA workbook/{name}.bas, dòng {number}: có ký tự không phải ASCII ({bad!r}) — VBA source "
                f"must be ASCII. Viết tiếng Việt bằng mã \\uXXXX trong Vn(\"...\"), ví dụ Vn(\"Kh\\u00F4ng\"). "
                f"Dòng đó: {line.strip()[:80]}")
    lines = source.replace("\r\n", "\n").rstrip("\n").split("\n")
    m = re.fullmatch(r'Attribute VB_Name = "([^"]*)"', lines[0])
    if m is None:
        lines.insert(0, f'Attribute VB_Name = "{name}"')
    elif m.group(1) != name:
        raise ValueError(f'VBA source says Attribute VB_Name = "{m.group(1)}", expected "{name}"')
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _check_names(sheet_codenames: list[str]) -> None:
    reserved = {n.lower() for n in (WORKBOOK_MODULE, MODULE_NAME, *KEPT_MODULES)}
    seen: set[str] = set()
    for n in sheet_codenames:
        if not _IDENT.match(n) or n.lower() in reserved or n.lower() in seen:
            raise ValueError(f"invalid or duplicate sheet code name: {n!r}")
        seen.add(n.lower())


def build_vba_project(module_source: str, sheet_codenames: list[str], project_id: str | None = None,
                      quickstart: bytes | None = None) -> bytes:
    """vbaProject.bin with ThisWorkbook, one document module per name in
    ``sheet_codenames`` (in that order), our module ``ThiDua`` holding
    ``module_source``, and xlwings' own modules; its project ID is
    ``project_id`` (see :func:`project_id_for`), else the quickstart's.
    ``quickstart``: xlwings' quickstart workbook to build from (default: the installed one)."""
    sheet_codenames = list(sheet_codenames)
    _check_names(sheet_codenames)
    ole = olefile.OleFileIO(io.BytesIO(quickstart_vba_bin(quickstart)))
    try:
        old = {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True, storages=False)}
        root_clsid, vba_clsid = _clsid(ole, ""), _clsid(ole, "VBA")
    finally:
        ole.close()
    if old["VBA/_VBA_PROJECT"][:5] != VBA_PROJECT_HEADER or len(old["VBA/_VBA_PROJECT"]) != 7:
        raise ValueError("xlwings' quickstart _VBA_PROJECT stream holds a performance cache; not supported")
    head, modules, tail = split_dir(parse_dir(decompress(old["VBA/dir"])))
    by_name = dict(modules)
    missing = {WORKBOOK_MODULE, SHEET_TEMPLATE, QUICKSTART_MODULE, *KEPT_MODULES} - set(by_name)
    if missing:
        raise ValueError(f"xlwings' quickstart VBA project lacks modules {sorted(missing)}")

    streams = {"PROJECT": b"", "PROJECTwm": b"", "VBA/_VBA_PROJECT": old["VBA/_VBA_PROJECT"]}
    groups: list[tuple[str, list]] = []
    workbook_src = stored_source(old, by_name[WORKBOOK_MODULE])
    sheet_src = stored_source(old, by_name[SHEET_TEMPLATE]).decode("latin-1")
    groups.append((WORKBOOK_MODULE, _source_group(by_name[WORKBOOK_MODULE], WORKBOOK_MODULE)))
    streams[f"VBA/{WORKBOOK_MODULE}"] = compress(workbook_src)
    for name in sheet_codenames:
        groups.append((name, _source_group(by_name[SHEET_TEMPLATE], name)))
        src = sheet_src.replace(f'Attribute VB_Name = "{SHEET_TEMPLATE}"', f'Attribute VB_Name = "{name}"', 1)
        streams[f"VBA/{name}"] = compress(src.encode("latin-1"))
    groups.append((MODULE_NAME, _source_group(by_name[QUICKSTART_MODULE], MODULE_NAME)))
    streams[f"VBA/{MODULE_NAME}"] = compress(module_source_bytes(module_source))
    for name in KEPT_MODULES:  # untouched: their streams (with p-code) and records as shipped
        groups.append((name, by_name[name]))
        stream = _field(by_name[name], MODULESTREAMNAME).decode("latin-1")
        streams[f"VBA/{stream}"] = old[f"VBA/{stream}"]

    head = [(rid, struct.pack("<H", len(groups)) if rid == PROJECTMODULES else p) for rid, p in head]
    records = head + [r for _, g in groups for r in g] + tail
    streams["VBA/dir"] = compress(write_dir(records))
    # MODULETYPE 0x22 also marks class modules (Dictionary): documents are ours
    documents = [WORKBOOK_MODULE, *sheet_codenames]
    streams["PROJECT"] = project_stream(old["PROJECT"], [n for n, _ in groups], documents)
    if project_id is not None:
        streams["PROJECT"] = with_project_id(streams["PROJECT"], project_id)
    streams["PROJECTwm"] = project_wm([n for n, _ in groups])

    tree: dict = {}
    for path, data in sorted(streams.items()):
        node = tree
        *folders, leaf = path.split("/")
        for f in folders:
            node = node.setdefault(f, {})
        node[leaf] = data
    return compound_file.build(tree, root_clsid=root_clsid, clsids={"VBA": vba_clsid})


def _clsid(ole, name: str) -> bytes:
    """The CLSID of a storage, in its on-disk byte order (zeros when unset)."""
    import uuid
    text = ole.root.clsid if name == "" else ole.getclsid(name)
    return uuid.UUID(text).bytes_le if text else b"\0" * 16


_MODULE_LINE = re.compile(r"(Document|Module|Class|BaseClass|Package)=(.*)")


def project_stream(data: bytes, names: list[str], documents: list[str]) -> bytes:
    """The PROJECT stream with one module line per module of ``names`` (in
    order): ``Document=X/&H00000000`` for document modules, the quickstart's
    own line for kept modules, ``Module=ThiDua`` for ours; and the same for
    the [Workspace] section. Everything else is kept byte for byte."""
    lines = data.decode("latin-1").split("\r\n")
    original: dict[str, str] = {}
    workspace: dict[str, str] = {}
    section = ""
    out: list[str] = []
    inserted = False
    for line in lines:
        if line.startswith("["):
            section = line
        m = _MODULE_LINE.fullmatch(line) if not section else None
        if m:
            original[m.group(2).split("/")[0]] = line
            if not inserted:
                out.append("\0MODULES\0")
                inserted = True
            continue
        if section == "[Workspace]" and "=" in line:
            key = line.split("=", 1)[0]
            workspace[key] = line.split("=", 1)[1]
            if "\0WORKSPACE\0" not in out:
                out.append("\0WORKSPACE\0")
            continue
        out.append(line)
    module_lines = []
    for n in names:
        if n in documents:
            module_lines.append(f"Document={n}/&H00000000")
        elif n == MODULE_NAME:
            module_lines.append(f"Module={n}")
        else:
            module_lines.append(original[n])
    ws_lines = [f"{n}={workspace.get(QUICKSTART_MODULE if n == MODULE_NAME else n, '0, 0, 0, 0, C')}"
                for n in names]
    text = "\r\n".join(out).replace("\0MODULES\0", "\r\n".join(module_lines))
    text = text.replace("\0WORKSPACE\0", "\r\n".join(ws_lines))
    return text.encode("latin-1")


def project_wm(names: list[str]) -> bytes:
    """PROJECTwm ([MS-OVBA] 2.3.3): each name in MBCS then UTF-16, then a 0x0000 terminator."""
    body = b"".join(n.encode("latin-1") + b"\0" + n.encode("utf-16-le") + b"\0\0" for n in names)
    return body + b"\0\0"


# -- the project ID ([MS-OVBA] 2.3.1.2) and the values keyed to it (2.4.3) ----------
_PROJECT_NAMESPACE = __import__("uuid").UUID("6c0c3a51-2f0e-4f57-9a55-1d6f3b2a7c10")
_PROTECTED = ("CMG", "DPB", "GC")


def project_id_for(seed: str) -> str:
    """A project ID of its own for each workbook, yet reproducible: a UUID
    derived from ``seed`` (``thidua new`` uses the target path)."""
    import uuid
    return "{" + str(uuid.uuid5(_PROJECT_NAMESPACE, seed)).upper() + "}"


def _proj_key(project_id: str) -> int:
    return sum(project_id.encode("latin-1")) & 0xFF


def decrypt_data(text: str) -> tuple[int, bytes, bytes, int]:
    """(seed, ignored bytes, data, project key) of an [MS-OVBA] 2.4.3 encrypted value."""
    enc = bytes.fromhex(text)
    seed, version_enc, key_enc = enc[0], enc[1], enc[2]
    if seed ^ version_enc != 2:
        raise ValueError("encrypted PROJECT value: version is not 2")
    key = seed ^ key_enc
    state = [key, key_enc, version_enc]  # unencrypted byte 1, encrypted byte 1, encrypted byte 2
    pos = 3

    def take(n: int) -> bytes:
        nonlocal pos
        out = bytearray()
        for b in enc[pos:pos + n]:
            value = b ^ ((state[2] + state[0]) & 0xFF)
            state[2], state[1], state[0] = state[1], b, value
            out.append(value)
        pos += n
        return bytes(out)

    ignored = take((seed & 6) // 2)
    length = struct.unpack("<I", take(4))[0]
    return seed, ignored, take(length), key


def encrypt_data(seed: int, ignored: bytes, data: bytes, key: int) -> str:
    version_enc, key_enc = seed ^ 2, seed ^ key
    state = [key, key_enc, version_enc]
    out = bytearray([seed, version_enc, key_enc])
    for value in ignored + struct.pack("<I", len(data)) + data:
        b = value ^ ((state[2] + state[0]) & 0xFF)
        state[2], state[1], state[0] = state[1], b, value
        out.append(b)
    return out.hex().upper()


def with_project_id(project: bytes, project_id: str) -> bytes:
    """The PROJECT stream with ``ID`` = ``project_id`` and CMG, DPB and GC
    re-encrypted with its project key (their content and seeds unchanged)."""
    if not re.fullmatch(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", project_id):
        raise ValueError(f"not a project ID: {project_id!r}")
    lines = project.decode("latin-1").split("\r\n")
    out = []
    for line in lines:
        key, _, value = line.partition("=")
        if key == "ID":
            line = f'ID="{project_id}"'
        elif key in _PROTECTED and value.startswith('"'):
            seed, ignored, data, _ = decrypt_data(value.strip('"'))
            line = f'{key}="{encrypt_data(seed, ignored, data, _proj_key(project_id))}"'
        out.append(line)
    return "\r\n".join(out).encode("latin-1")
