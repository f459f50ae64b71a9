"""XML from other departments' files is parsed with defusedxml."""
import io
import zipfile

import pytest
from defusedxml import EntitiesForbidden

from xlsrc.access.cellinfo import sheet_parts  # what the consolidation's search for error cells reads

BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
        b'<sheet name="&lol2;" sheetId="1"/></sheets></workbook>')


def test_entity_expansion_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", BOMB)
        z.writestr("xl/_rels/workbook.xml.rels", b"<Relationships/>")
    with pytest.raises(EntitiesForbidden):
        sheet_parts(zipfile.ZipFile(buf))
