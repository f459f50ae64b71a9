"""A macro-enabled copy (`compute`/`review -o COPY.xlsm`) carries the
project's own VBA, ribbon and xlwings settings, never those of the input.

The input may come from anyone: its VBA project, its digital signature, its
ribbon and its ``xlwings.conf`` (an interpreter such as
``\\\\server\\share\\python.exe``) would otherwise be copied into a new local
file, which has lost the download mark that made Office block the original.
openpyxl copies those parts as they are, so the copy is reworked in two
steps: :func:`prepare` (on the openpyxl workbook, before saving: sheet code
names, the xlwings.conf and paths sheets) and :func:`replace_macros` (on the
saved package: our vbaProject.bin and ribbon, the input's signature and
other ribbon parts dropped)."""
from __future__ import annotations

import io
import re
import zipfile

from .. import schema as S

NOTE = ("macro, cấu hình xlwings và ribbon của tệp nguồn không được chép sang '{name}'; "
        "tệp này mang macro và cấu hình của thidua.")
WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.main+xml"
MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
# parts of the input's macros that are dropped: its signature(s) and ribbon parts
_DROPPED = re.compile(r"xl/vbaProjectSignature\w*\.bin|xl/_rels/vbaProject\.bin\.rels|customUI/.*")


def prepare(wb) -> list[str]:
    """Code names for the workbook and each sheet (the document modules of
    our project), xlwings.conf holding only the portable settings, the
    hidden sheet the Consolidate macro writes paths into. The code names."""
    from ..builder import conf_rows
    if S.CONF_SHEET in wb.sheetnames:
        index = wb.sheetnames.index(S.CONF_SHEET)
        wb.remove(wb[S.CONF_SHEET])
        conf = wb.create_sheet(S.CONF_SHEET, index)
    else:
        conf = wb.create_sheet(S.CONF_SHEET)
    for r, (key, value) in enumerate(conf_rows(), start=1):
        conf.cell(r, 1).value = key
        conf.cell(r, 2).value = value or None
    conf.sheet_state = "hidden"
    if S.PATHS_SHEET not in wb.sheetnames:
        paths = wb.create_sheet(S.PATHS_SHEET)
        paths.cell(1, 1).value = "Đường dẫn"
        paths.sheet_state = "hidden"
    wb.code_name = "ThisWorkbook"
    names = []
    for i, ws in enumerate(wb.worksheets, start=1):
        ws.sheet_properties.codeName = f"Sheet{i}"
        names.append(f"Sheet{i}")
    return names


def replace_macros(package: bytes, codenames: list[str], project_seed: str) -> bytes:
    """The saved package with our VBA project (one document module per code
    name) and our ribbon; typed and related as a macro-enabled workbook."""
    from . import add_ribbon, build_vba_project, read_module_source, read_ribbon_xml
    from .vba_project import project_id_for
    vba = build_vba_project(read_module_source(), codenames, project_id_for(project_seed))
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = info.filename
            if _DROPPED.fullmatch(name) or name == "xl/vbaProject.bin":
                continue
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = _content_types(data.decode("utf-8")).encode("utf-8")
            elif name == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*Target="/?customUI/[^"]*"[^>]*/>', b"", data)
            elif name == "xl/_rels/workbook.xml.rels" and VBA_REL.encode() not in data:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdThiDuaVBA" Type="{VBA_REL}" '
                                    f'Target="vbaProject.bin"/></Relationships>'.encode(), 1)
            dst.writestr(info, data)
        dst.writestr("xl/vbaProject.bin", vba)
    return add_ribbon(out.getvalue(), read_ribbon_xml())


def _content_types(text: str) -> str:
    text = re.sub(r'<Override PartName="/(?:xl/vbaProjectSignature\w*\.bin|customUI/[^"]*)"[^>]*/>', "", text)
    text = text.replace(f'ContentType="{WORKBOOK_TYPE}"', f'ContentType="{MACRO_WORKBOOK_TYPE}"')
    if 'PartName="/xl/vbaProject.bin"' not in text:
        text = text.replace("</Types>", f'<Override PartName="/xl/vbaProject.bin" ContentType="{VBA_TYPE}"/></Types>')
    return text
