"""The custom ribbon tab: a customUI part (2006 namespace and relationship,
which openpyxl keeps when it re-saves a workbook) added to the .xlsm zip."""
from __future__ import annotations

import io
import zipfile

UI_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
UI_PART = "customUI/customUI.xml"
UI_REL = f'<Relationship Id="rIdThiDuaUI" Type="{UI_REL_TYPE}" Target="{UI_PART}"/>'


def add_ribbon(xlsm: bytes, ribbon_xml: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(xlsm))
    out = io.BytesIO()
    stamp = src.infolist()[0].date_time
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "_rels/.rels" and UI_REL_TYPE.encode() not in data:
                data = data.replace(b"</Relationships>", UI_REL.encode() + b"</Relationships>")
            dst.writestr(info, data)
        part = zipfile.ZipInfo(UI_PART, date_time=stamp)
        part.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(part, ribbon_xml.encode("utf-8"))
    return out.getvalue()
