"""The custom ribbon tab: a customUI part (2006 namespace and relationship,
which openpyxl keeps when it re-saves a workbook) added to the .xlsm zip."""
from __future__ import annotations

import io
import zipfile

UI_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
UI_PART = "customUI/customUI.xml"
UI_REL = f'<Relationship Id="rIdThiDuaUI" Type="{UI_REL_TYPE}" Target="{UI_PART}"/>'
UI_CONTENT_TYPE = f'<Override PartName="/{UI_PART}" ContentType="application/xml"/>'
STAMP = (1980, 1, 1, 0, 0, 0)  # fixed, so the same input gives the same bytes


def add_ribbon(xlsm_bytes: bytes, ribbon_xml: str) -> bytes:
    """``xlsm_bytes`` with ``customUI/customUI.xml`` = ``ribbon_xml`` (replacing
    any earlier one), its root relationship and its content type."""
    src = zipfile.ZipFile(io.BytesIO(xlsm_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)

        for info in src.infolist():
            if info.filename == UI_PART:
                continue
            data = src.read(info.filename)
            if info.filename == "_rels/.rels" and UI_REL_TYPE.encode() not in data:
                data = data.replace(b"</Relationships>", UI_REL.encode() + b"</Relationships>", 1)
            elif info.filename == "[Content_Types].xml" and f'PartName="/{UI_PART}"'.encode() not in data:
                data = data.replace(b"</Types>", UI_CONTENT_TYPE.encode() + b"</Types>", 1)
            put(info.filename, data)
        put(UI_PART, ribbon_xml.encode("utf-8"))
    return out.getvalue()
