"""Checks of a built .xlsm that need no Excel. Each returns a list of
problems (empty when all is well), so tests and release scripts can run them
on any built workbook."""
from __future__ import annotations

import importlib
import inspect
import io
import re
import zipfile

from defusedxml import ElementTree as ET

_SUB = re.compile(r"^[ \t]*(?:Public[ \t]+|Private[ \t]+)?Sub[ \t]+(\w+)[ \t]*\(([^)]*)\)", re.I | re.M)
_RUNPYTHON = re.compile(r'RunPython\s+"import\s+([\w.]+)\s*;\s*([\w.]+)\(\)"')
MODULE_FILE = "ThiDua.bas"  # how oletools names our standard module ThiDua
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"


def subs(vba: str) -> dict[str, str]:
    """Sub name (lower case) → its parameter list, normalised."""
    return {m.group(1).lower(): " ".join(m.group(2).split()).lower() for m in _SUB.finditer(vba)}


def _parts(xlsm: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(xlsm))
    return {n: z.read(n) for n in z.namelist()}


def vba_modules(xlsm: bytes) -> dict[str, str]:
    """Module file name (``ThiDua.bas``, ``Sheet1.cls``…) → source, read back with oletools."""
    from oletools.olevba import VBA_Parser
    parser = VBA_Parser("ThiDua.xlsm", data=xlsm)
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def check_callbacks(xlsm: bytes, vba: str) -> list[str]:
    problems = []
    declared = subs(vba)
    parts = _parts(xlsm)
    ui = parts.get("customUI/customUI.xml")
    if ui is None:
        problems.append("thiếu phần customUI/customUI.xml (ribbon)")
    else:
        for action in re.findall(rb'onAction="([^"]+)"', ui):
            name = action.decode()
            if declared.get(name.lower()) != "control as iribboncontrol":
                problems.append(f"ribbon onAction '{name}' không có Sub {name}(control As IRibbonControl)")
    for part, data in parts.items():
        if part.startswith("xl/drawings/vmlDrawing"):
            for macro in re.findall(rb"<x:FmlaMacro>\[?\d*\]?!?([^<]+)</x:FmlaMacro>", data):
                name = macro.decode().split("!")[-1]
                if declared.get(name.lower()) != "":
                    problems.append(f"nút bấm gọi '{name}' nhưng không có Sub {name}() không tham số")
    return problems


def check_runpython_targets(vba: str) -> list[str]:
    problems = []
    targets = _RUNPYTHON.findall(vba)
    if not targets:
        problems.append("mã VBA không có lệnh RunPython nào")
    for module, call in targets:
        mod_name, _, func = call.rpartition(".")
        if mod_name != module:
            problems.append(f"RunPython gọi {call} nhưng import {module}")
            continue
        try:
            target = getattr(importlib.import_module(module), func, None)
        except Exception as exc:  # the report names any import failure
            problems.append(f"RunPython: không import được {module} ({exc})")
            continue
        if not callable(target):
            problems.append(f"RunPython: {call} không tồn tại hoặc không gọi được")
        elif not _callable_bare(target):
            problems.append(f"RunPython: {call}() thiếu đối số: mọi tham số (ngoài sổ do _macro truyền) cần giá trị "
                            "mặc định")
    return problems


def _callable_bare(target) -> bool:
    """RunPython calls ``f()``: every parameter needs a default, except the
    book that the ``_macro`` decorator passes to the function it wraps."""
    wrapped = getattr(target, "__wrapped__", None)
    params = list(inspect.signature(wrapped or target).parameters.values())
    if wrapped is not None:
        params = params[1:]
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def python_macros() -> set[str]:
    """The entry points of ``xlsrc.macros``: the functions its ``_macro`` decorator wraps."""
    import xlsrc.macros as macros
    return {name for name, f in vars(macros).items()
            if callable(f) and hasattr(f, "__wrapped__") and getattr(f, "__module__", "") == macros.__name__}


def check_macro_coverage(vba: str) -> list[str]:
    """Every Python macro is called by some RunPython of the VBA (so a new
    button on the Python side is not forgotten on the Excel side)."""
    called = {call.rpartition(".")[2] for _, call in _RUNPYTHON.findall(vba)}
    return [f"xlsrc.macros.{name}() không có Sub VBA nào gọi (thêm Sub, nút ribbon và nút ở trang Hướng dẫn)"
            for name in sorted(python_macros() - called)]


def check_codenames(xlsm: bytes, modules: dict[str, str]) -> list[str]:
    parts = _parts(xlsm)
    documents = {n[:-4] for n, code in modules.items() if n.endswith(".cls") and "VB_Base = \"0{000208" in code}
    names = set()
    wb = ET.fromstring(parts["xl/workbook.xml"])
    pr = wb.find(f"{NS_MAIN}workbookPr")
    if pr is not None and pr.get("codeName"):
        names.add(pr.get("codeName"))
    for part, data in parts.items():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", part):
            sheet_pr = ET.fromstring(data).find(f"{NS_MAIN}sheetPr")
            if sheet_pr is not None and sheet_pr.get("codeName"):
                names.add(sheet_pr.get("codeName"))
    problems = [f"codeName '{n}' không có mô-đun tài liệu trong dự án VBA" for n in sorted(names - documents)]
    problems += [f"mô-đun tài liệu '{n}' không ứng với trang tính nào" for n in sorted(documents - names)]
    return problems


def check_xml(xlsm: bytes) -> list[str]:
    problems = []
    for part, data in _parts(xlsm).items():
        if part.endswith((".xml", ".rels", ".vml")):
            try:
                ET.fromstring(data)
            except Exception as exc:
                problems.append(f"{part}: XML hỏng ({exc})")
    return problems


def check_vba_source(modules: dict[str, str], expected: str) -> list[str]:
    norm = lambda s: s.replace("\r\n", "\n").strip()  # noqa: E731
    problems = []
    got = modules.get(MODULE_FILE)
    if got is None or norm(got) != norm(expected):
        problems.append(f"mô-đun {MODULE_FILE} trong tệp khác workbook/ThiDua.bas")
    if "xlwings.bas" not in modules:
        problems.append("thiếu mô-đun xlwings")
    return problems


def check_ribbon(xlsm: bytes) -> list[str]:
    """The customUI part uses the 2006 namespace and is reached from the
    package root by the 2006 ui/extensibility relationship (the pair Excel
    2007+ reads and openpyxl keeps on re-save)."""
    from .ribbon import UI_PART, UI_REL_TYPE
    parts = _parts(xlsm)
    ui = parts.get(UI_PART)
    if ui is None:
        return [f"thiếu phần {UI_PART} (ribbon)"]
    problems = []
    try:
        tag = ET.fromstring(ui).tag
    except Exception as exc:
        return [f"{UI_PART}: XML hỏng ({exc})"]
    if tag != f"{{{UI_NS}}}customUI":
        problems.append(f"{UI_PART}: phần tử gốc {tag} không thuộc không gian tên {UI_NS}")
    rels = ET.fromstring(parts.get("_rels/.rels", b"<Relationships/>"))
    targets = [r.get("Target", "").lstrip("/") for r in rels if r.get("Type") == UI_REL_TYPE]
    if targets != [UI_PART]:
        problems.append(f"_rels/.rels: cần đúng một quan hệ {UI_REL_TYPE} trỏ tới {UI_PART}, có {targets}")
    return problems


def check_paths_sheet(xlsm: bytes, vba: str) -> list[str]:
    """The hidden sheet the Consolidate macro writes paths into exists."""
    m = re.search(r'Const\s+PATHS_SHEET\s+As\s+String\s*=\s*"([^"]+)"', vba)
    if m is None:
        return ["mã VBA không khai báo hằng PATHS_SHEET"]
    sheets = {s.get("name"): s.get("state", "visible")
              for s in ET.fromstring(_parts(xlsm)["xl/workbook.xml"]).iter(f"{NS_MAIN}sheet")}
    name = m.group(1)
    if name not in sheets:
        return [f"không có trang tính '{name}' mà macro Tổng hợp ghi đường dẫn vào"]
    if sheets[name] == "visible":
        return [f"trang tính '{name}' phải được ẩn"]
    return []


_SUB_BODY = re.compile(r"^[ \t]*(?:Public[ \t]+|Private[ \t]+)?Sub[ \t]+(\w+)[^\n]*\n(.*?)^[ \t]*End[ \t]+Sub\b",
                       re.I | re.M | re.S)


def check_error_handling(vba: str) -> list[str]:
    """Every Sub traps errors (``On Error GoTo``) so the user sees a message
    box, not the VBA debugger — or its body is a single call of a Sub that
    does. Functions are exempt: their errors reach the calling Sub's handler."""
    bodies = {}
    for m in _SUB_BODY.finditer(vba.replace("\r\n", "\n")):
        lines = [ln.strip() for ln in m.group(2).split("\n")]
        bodies[m.group(1).lower()] = (m.group(1), [ln for ln in lines if ln and not ln.startswith("'")])
    trapping = {k for k, (_, body) in bodies.items() if any(re.match(r"On\s+Error\s+GoTo\s+\w", ln, re.I)
                                                             and not re.match(r"On\s+Error\s+GoTo\s+0\b", ln, re.I)
                                                             for ln in body)}
    problems = []
    for key, (name, body) in bodies.items():
        if key in trapping:
            continue
        called = re.fullmatch(r"(?:Call\s+)?(\w+)(?:\s*\(\s*\))?", body[0], re.I) if len(body) == 1 else None
        if called is None or called.group(1).lower() not in trapping:
            problems.append(f"Sub {name} không có On Error GoTo: lỗi VBA sẽ mở trình gỡ lỗi thay vì hộp thông báo")
    return problems


MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def check_macro_enabled_package(xlsm: bytes) -> list[str]:
    """Excel refuses a .xlsm whose workbook part is not typed macro-enabled,
    and ignores a vbaProject.bin without its content type and relationship."""
    parts = _parts(xlsm)
    ns_ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    types = ET.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{ns_ct}Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{ns_ct}Default")}
    problems = []
    if overrides.get("/xl/workbook.xml") != MACRO_WORKBOOK_TYPE:
        problems.append(f"[Content_Types].xml: xl/workbook.xml phải có kiểu {MACRO_WORKBOOK_TYPE}")
    if "xl/vbaProject.bin" not in parts:
        problems.append("thiếu xl/vbaProject.bin")
    elif overrides.get("/xl/vbaProject.bin", defaults.get("bin")) != VBA_PROJECT_TYPE:
        problems.append(f"[Content_Types].xml: xl/vbaProject.bin phải có kiểu {VBA_PROJECT_TYPE}")
    rels = ET.fromstring(parts.get("xl/_rels/workbook.xml.rels", b"<Relationships/>"))
    if not any(r.get("Type") == VBA_PROJECT_REL and r.get("Target", "").lstrip("/").removeprefix("xl/")
               == "vbaProject.bin" for r in rels):
        problems.append("xl/_rels/workbook.xml.rels: thiếu quan hệ vbaProject tới vbaProject.bin")
    return problems


def check_all(xlsm: bytes, expected_source: str) -> list[str]:
    from .interpreter_checks import check_interpreter_lookup
    modules = vba_modules(xlsm)
    vba = modules.get(MODULE_FILE, "")
    return (check_xml(xlsm) + check_macro_enabled_package(xlsm) + check_ribbon(xlsm) + check_callbacks(xlsm, vba) + check_runpython_targets(vba)
            + check_codenames(xlsm, modules) + check_vba_source(modules, expected_source)
            + check_paths_sheet(xlsm, vba) + check_error_handling(vba) + check_project_streams(xlsm)
            + check_lint(vba, modules) + check_macro_coverage(vba) + check_interpreter_lookup(vba))


def check_lint(vba: str, modules: dict[str, str]) -> list[str]:
    """The VBA lint over our module, with xlwings' module as the library it calls."""
    from .vba_lint import lint
    return [f"{MODULE_FILE}, {p}" for p in lint(vba, [modules.get("xlwings.bas", "")])]


def check_project_streams(xlsm: bytes) -> list[str]:
    """The module list of the VBA project agrees across the ``dir`` stream
    (PROJECTMODULES count, MODULE records), the module streams, the PROJECT
    stream (its module lines and [Workspace]) and PROJECTwm; the
    ``_VBA_PROJECT`` stream carries no performance cache."""
    import olefile

    from .ovba_compression import decompress
    from .vba_project import PROJECTMODULES, VBA_PROJECT_HEADER, parse_dir, split_dir
    problems: list[str] = []
    vba_bin = _parts(xlsm).get("xl/vbaProject.bin")
    if vba_bin is None:
        return ["thiếu xl/vbaProject.bin"]
    ole = olefile.OleFileIO(io.BytesIO(vba_bin))
    try:
        streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    finally:
        ole.close()
    vp = streams.get("VBA/_VBA_PROJECT", b"")
    if vp[:5] != VBA_PROJECT_HEADER or len(vp) != 7:
        problems.append("_VBA_PROJECT không phải tiêu đề 7 byte phiên bản 0xFFFF (có bộ đệm p-code)")
    head, modules, _ = split_dir(parse_dir(decompress(streams["VBA/dir"])))
    names = [n for n, _ in modules]
    count = next((int.from_bytes(p, "little") for r, p in head if r == PROJECTMODULES), None)
    if count != len(names):
        problems.append(f"dir: PROJECTMODULES = {count} nhưng có {len(names)} bản ghi MODULE")
    for name, group in modules:
        stream = dict(group).get(0x001A, b"").decode("latin-1")
        if f"VBA/{stream}" not in streams:
            problems.append(f"dir: mô-đun {name} không có luồng VBA/{stream}")
    lines = streams["PROJECT"].decode("latin-1").split("\r\n")
    declared = [re.split("[=/]", line)[1] for line in lines
                if re.match(r"(Document|Module|Class|BaseClass|Package)=", line)]
    if sorted(declared) != sorted(names):
        problems.append(f"PROJECT khai báo {sorted(declared)} nhưng dir có {sorted(names)}")
    if "[Workspace]" in lines:
        ws = [line.split("=")[0] for line in lines[lines.index("[Workspace]") + 1:] if "=" in line]
        if sorted(ws) != sorted(names):
            problems.append(f"PROJECT [Workspace] có {sorted(ws)} nhưng dir có {sorted(names)}")
    wm_names = re.findall(rb"([^\0]+)\0(?:[^\0]\0)+\0\0", streams.get("PROJECTwm", b""))
    if sorted(n.decode("latin-1") for n in wm_names) != sorted(names):
        problems.append("PROJECTwm không khớp danh sách mô-đun của dir")
    return problems
