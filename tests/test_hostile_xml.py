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


def _package(workbook: bytes) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", b"<Relationships/>")
    return zipfile.ZipFile(buf)


def test_a_part_of_the_same_bytes_in_another_file_is_parsed_once_and_a_refused_one_every_time():
    """The files of a consolidation come from one template: a part whose
    bytes were parsed lately is not parsed again; a part defusedxml refuses
    is refused in every file, and a part of other bytes is read as itself."""
    from xlsrc.access.cellinfo import parsed_part
    book = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
            b'<sheet name="S" sheetId="1"/></sheets></workbook>')
    first, second = (parsed_part(_package(book), "xl/workbook.xml") for _ in range(2))
    assert first is second
    other = parsed_part(_package(book.replace(b'name="S"', b'name="T"')), "xl/workbook.xml")
    assert other is not first and other.find(".//{*}sheet").get("name") == "T"
    for _ in range(2):
        with pytest.raises(EntitiesForbidden):
            parsed_part(_package(BOMB), "xl/workbook.xml")
