"""The VBA project bytes: MS-OVBA compression, the compound file writer and
the consistency of the dir / PROJECT / PROJECTwm streams."""
from __future__ import annotations

import io
import struct
import zipfile

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import VBA_Parser, decompress_stream

from xlsrc.xlsm import add_ribbon, build_vba_project, read_module_source, read_ribbon_xml
from xlsrc.xlsm.compound_file import build as build_cfb
from xlsrc.xlsm.ovba_compression import compress, decompress
from xlsrc.xlsm.vba_project import (MODULECOOKIE, MODULENAME, MODULEOFFSET, MODULESTREAMNAME, PROJECTMODULES,
                                    VBA_PROJECT_HEADER, parse_dir, split_dir)

SOURCE = read_module_source()


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=9000),
                 st.text(alphabet="Sub EndDim()\r\n ab1", max_size=12000).map(str.encode)))
def test_compress_round_trips_through_both_decompressors(data):
    packed = compress(data)
    assert decompress(packed) == data
    assert bytes(decompress_stream(bytearray(packed))) == data


def test_compression_actually_compresses_and_decompress_rejects_garbage():
    text = SOURCE.encode() * 3
    assert len(compress(text)) < len(text) / 2
    with pytest.raises(ValueError):
        decompress(b"\x00abc")


def _dir_entries(cfb: bytes) -> list[dict]:
    """Directory entries read straight from the bytes (olefile is lenient)."""
    ole = olefile.OleFileIO(io.BytesIO(cfb))
    raw = ole._open(ole.first_dir_sector, force_FAT=True).read()
    ole.close()
    out = []
    for i in range(0, len(raw), 128):
        e = raw[i:i + 128]
        n = struct.unpack_from("<H", e, 64)[0]
        kind, color = e[66], e[67]
        left, right, child = struct.unpack_from("<III", e, 68)
        out.append(dict(name=e[:max(n - 2, 0)].decode("utf-16-le"), kind=kind, color=color,
                        left=left, right=right, child=child))
    return out


def _check_tree(entries, root_sid) -> None:
    """Every storage's children form a BST in CFB order and a valid red-black tree."""
    key = lambda sid: (len(entries[sid]["name"]), entries[sid]["name"].upper())  # noqa: E731

    def walk(sid, lo, hi, parent_red):
        if sid == 0xFFFFFFFF:
            return 1
        e = entries[sid]
        k = key(sid)
        assert (lo is None or lo < k) and (hi is None or k < hi), f"BST order broken at {e['name']}"
        assert not (parent_red and e["color"] == 0), f"red node {e['name']} under a red node"
        lb = walk(e["left"], lo, k, e["color"] == 0)
        rb = walk(e["right"], k, hi, e["color"] == 0)
        assert lb == rb, f"black height differs under {e['name']}"
        if e["kind"] in (1, 5) and e["child"] != 0xFFFFFFFF:
            top = entries[e["child"]]
            assert top["color"] == 1
            walk(e["child"], None, None, False)
        return lb + (e["color"] == 1)

    walk(root_sid, None, None, False)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 15, 40])
def test_compound_file_directory_is_a_valid_red_black_bst(n):
    tree = {f"S{i}" + "x" * (i % 5): bytes([i]) * (i * 300) for i in range(n)}
    tree["VBA"] = {"dir": b"d" * 5000, "ab": b"", "Module1": b"m" * 100}
    data = build_cfb(tree)
    assert data == build_cfb(dict(reversed(list(tree.items()))))  # order of input is irrelevant
    ole = olefile.OleFileIO(io.BytesIO(data))
    for name, value in tree.items():
        if isinstance(value, bytes):
            assert ole.openstream(name).read() == value
    assert ole.openstream("VBA/dir").read() == b"d" * 5000
    assert ole.openstream("VBA/ab").read() == b""
    ole.close()
    entries = _dir_entries(data)
    _check_tree(entries, 0)


def test_tree_check_catches_a_wrong_order():
    data = bytearray(build_cfb({"B": b"1", "AA": b"2", "A": b"3"}))
    entries = _dir_entries(bytes(data))
    # name-sorting by plain string order instead of (length, upper) is the classic mistake
    entries[1]["name"], entries[3]["name"] = entries[3]["name"], entries[1]["name"]
    with pytest.raises(AssertionError):
        _check_tree(entries, 0)


def _streams(vba_bin: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(vba_bin))
    try:
        return {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    finally:
        ole.close()


@pytest.mark.parametrize("names", [["Sheet1"], ["Sheet1", "Sheet2", "Sheet3"], ["Data", "Sheet7", "Bang_1"]])
def test_project_streams_agree(names):
    vba_bin = build_vba_project(SOURCE, names)
    assert vba_bin == build_vba_project(SOURCE, names)
    streams = _streams(vba_bin)
    assert streams["VBA/_VBA_PROJECT"][:5] == VBA_PROJECT_HEADER and len(streams["VBA/_VBA_PROJECT"]) == 7
    head, modules, tail = split_dir(parse_dir(decompress(streams["VBA/dir"])))
    order = [n for n, _ in modules]
    assert order == ["ThisWorkbook", *names, "ThiDua", "xlwings", "Dictionary"]
    count = next(struct.unpack("<H", p)[0] for r, p in head if r == PROJECTMODULES)
    assert count == len(modules)
    assert tail == [(0x0010, b"")]
    vba_streams = {k[4:] for k in streams if k.startswith("VBA/")} - {"dir", "_VBA_PROJECT"}
    assert {dict(g)[MODULESTREAMNAME].decode() for _, g in modules} == vba_streams
    for name, group in modules:
        fields = dict(group)
        assert fields[MODULENAME].decode() == name
        if name not in ("xlwings", "Dictionary"):
            assert fields[MODULEOFFSET] == b"\0\0\0\0" and fields[MODULECOOKIE] == b"\xff\xff"
            text = decompress(streams[f"VBA/{name}"]).decode("ascii")
            assert text.startswith(f'Attribute VB_Name = "{name}"\r\n')
    project = streams["PROJECT"].decode("latin-1").split("\r\n")
    assert [line for line in project if line.startswith("Document=")] == \
        [f"Document={n}/&H00000000" for n in ["ThisWorkbook", *names]]
    assert "Module=ThiDua" in project and "Module=xlwings" in project and "Class=Dictionary" in project
    assert "Module=Module1" not in project and not any(line.startswith("Module1=") for line in project)
    workspace = project[project.index("[Workspace]") + 1:]
    assert [line.split("=")[0] for line in workspace if "=" in line] == order
    wm = streams["PROJECTwm"]
    assert wm == b"".join(n.encode() + b"\0" + n.encode("utf-16-le") + b"\0\0" for n in order) + b"\0\0"
    parser = VBA_Parser("x.bin", data=vba_bin)
    try:
        got = {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    assert set(got) == {"ThisWorkbook.cls", *(f"{n}.cls" for n in names), "ThiDua.bas", "xlwings.bas",
                        "Dictionary.cls"}
    assert got["ThiDua.bas"].replace("\r\n", "\n").strip() == SOURCE.strip()


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="ASCII"):
        build_vba_project(SOURCE + "' Thi đua\n", ["Sheet1"])
    with pytest.raises(ValueError, match="VB_Name"):
        build_vba_project(SOURCE.replace('"ThiDua"', '"Module1"', 1), ["Sheet1"])
    for bad in (["Sheet1", "sheet1"], ["ThisWorkbook"], ["xlwings"], ["1abc"], ["a b"]):
        with pytest.raises(ValueError):
            build_vba_project(SOURCE, bad)
    # a source without the attribute line gets it
    bare = SOURCE.split("\n", 1)[1]
    streams = _streams(build_vba_project(bare, ["Sheet1"]))
    assert decompress(streams["VBA/ThiDua"]).startswith(b'Attribute VB_Name = "ThiDua"\r\n')


def test_add_ribbon_is_idempotent_and_adds_rel_and_content_type():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/>'
                                          '</Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="y"></Relationships>')
    once = add_ribbon(buf.getvalue(), read_ribbon_xml())
    twice = add_ribbon(once, read_ribbon_xml())
    assert once == twice
    z = zipfile.ZipFile(io.BytesIO(twice))
    assert z.namelist().count("customUI/customUI.xml") == 1
    assert z.read("_rels/.rels").count(b"ui/extensibility") == 1
    assert z.read("[Content_Types].xml").count(b'PartName="/customUI/customUI.xml"') == 1


def test_office_library_is_referenced_for_iribboncontrol():
    """``control As IRibbonControl`` compiles only with a reference to the
    Office type library (MSO {2DF8D04C-5BFA-101B-BDE5-00AA0044DE52})."""
    streams = _streams(build_vba_project(SOURCE, ["Sheet1"]))
    records = parse_dir(decompress(streams["VBA/dir"]))
    refs = [p for r, p in records if r == 0x000D]
    assert any(b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in p for p in refs)
    assert "As IRibbonControl" in SOURCE


def _with_vba_streams(xlsm: bytes, change) -> bytes:
    """The workbook with its vbaProject.bin rebuilt after ``change(streams)``."""
    z = zipfile.ZipFile(io.BytesIO(xlsm))
    streams = _streams(z.read("xl/vbaProject.bin"))
    change(streams)
    tree: dict = {}
    for path, data in streams.items():
        *folders, leaf = path.split("/")
        node = tree
        for f in folders:
            node = node.setdefault(f, {})
        node[leaf] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in z.infolist():
            dst.writestr(info, build_cfb(tree) if info.filename == "xl/vbaProject.bin" else z.read(info.filename))
    return out.getvalue()


def test_project_stream_check_catches_inconsistencies():
    from xlsrc.builder import build_workbook
    from xlsrc.xlsm.static_checks import check_project_streams
    xlsm = build_workbook(macro=True)
    assert check_project_streams(xlsm) == []

    def drop_document_line(s):
        s["PROJECT"] = s["PROJECT"].replace(b"Document=Sheet2/&H00000000\r\n", b"")
    assert any("PROJECT khai báo" in p for p in check_project_streams(_with_vba_streams(xlsm, drop_document_line)))

    def stale_module_name(s):
        s["PROJECT"] = s["PROJECT"].replace(b"Module=ThiDua", b"Module=Module1")
    assert check_project_streams(_with_vba_streams(xlsm, stale_module_name)) != []

    def cache(s):
        s["VBA/_VBA_PROJECT"] = b"\xcc\x61\xb5\x00\x00\x01\x00" + b"\0" * 40
    assert any("_VBA_PROJECT" in p for p in check_project_streams(_with_vba_streams(xlsm, cache)))

    def lost_stream(s):
        del s["VBA/Sheet3"]
    assert any("Sheet3" in p for p in check_project_streams(_with_vba_streams(xlsm, lost_stream)))

    def wm_missing(s):
        s["PROJECTwm"] = s["PROJECTwm"].replace(b"Sheet4\0S\0h\0e\0e\0t\x004\0\0\0", b"")
    assert any("PROJECTwm" in p for p in check_project_streams(_with_vba_streams(xlsm, wm_missing)))
