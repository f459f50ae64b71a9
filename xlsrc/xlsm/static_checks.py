"""Checks of a built .xlsm that need no Excel. Each returns a list of
problems (empty when all is well), so tests and release scripts can run them
on any built workbook."""
from __future__ import annotations

import importlib
import io
import re
import zipfile

from defusedxml import ElementTree as ET

_SUB = re.compile(r"^[ \t]*(?:Public[ \t]+|Private[ \t]+)?Sub[ \t]+(\w+)[ \t]*\(([^)]*)\)", re.I | re.M)
_RUNPYTHON = re.compile(r'RunPython\s+"import\s+([\w.]+)\s*;\s*([\w.]+)\(\)"')
MODULE_FILE = "ThiDua.bas"  # how oletools names our standard module ThiDua
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


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
    return problems


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


def check_all(xlsm: bytes, expected_source: str) -> list[str]:
    modules = vba_modules(xlsm)
    vba = modules.get(MODULE_FILE, "")
    return (check_xml(xlsm) + check_callbacks(xlsm, vba) + check_runpython_targets(vba)
            + check_codenames(xlsm, modules) + check_vba_source(modules, expected_source))
