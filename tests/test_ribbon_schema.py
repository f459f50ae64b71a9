"""The ribbon XML is valid against the customUI 2006 schema (validated with
the ``xmlschema`` package: libxml2 refuses Microsoft's XSD with "duplicate
attribute use getEnabled"), and every ``imageMso`` names an Excel control.

Two schemas, both always run: Microsoft's complete ``customUI.xsd``
(``tests/data/ms-customui/``, pinned by its SHA-256; provenance and permission
in the NOTICE.md beside it), and ``tests/data/customui_subset.xsd``, written
here from the specification [MS-CUSTOMUI] for the part the ribbon uses, whose
messages are shorter. Each planted mistake must be caught by both."""
from __future__ import annotations

import io
import re
import zipfile
from hashlib import sha256
from pathlib import Path

import pytest
import xmlschema

from xlsrc.builder import build_workbook
from xlsrc.xlsm import read_ribbon_xml
from xlsrc.xlsm.ribbon import UI_PART

DATA = Path(__file__).parent / "data"
RIBBON = read_ribbon_xml()
OFFICIAL_SHA256 = "9ca6bc902e250b709f31a5dd546b936164650dc5ccbd75dbc5034e6869f5d829"


OFFICIAL = DATA / "ms-customui" / "customUI.xsd"


@pytest.fixture(scope="module")
def subset():
    return xmlschema.XMLSchema(DATA / "customui_subset.xsd")


@pytest.fixture(scope="module")
def official():
    assert sha256(OFFICIAL.read_bytes()).hexdigest() == OFFICIAL_SHA256, "customUI.xsd is not Microsoft's copy"
    return xmlschema.XMLSchema(OFFICIAL)


def excel_control_ids() -> set[str]:
    lines = (DATA / "excel_control_ids.txt").read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def _errors(schema, xml: str) -> list[str]:
    return [e.reason or str(e) for e in schema.iter_errors(xml)]


def test_ribbon_is_valid_against_the_schemas(subset, official):
    assert _errors(official, RIBBON) == []
    assert _errors(subset, RIBBON) == []
    part = zipfile.ZipFile(io.BytesIO(build_workbook(macro=True))).read(UI_PART).decode("utf-8")
    assert part == RIBBON and official.is_valid(part) and subset.is_valid(part)


@pytest.mark.parametrize("old,new", [
    ('size="large"', 'size="huge"'),                                  # not normal/large
    ('imageMso="CalculateNow"', 'imageMSO="CalculateNow"'),           # unknown attribute
    ('id="btnCompute"', 'id="btnValidate"'),                          # ids are unique
    ('id="btnCompute"', 'id="2btn"'),                                 # an id is an NCName
    ('label="Tính tiến độ"', 'label=""'),                             # strings are 1..1024 characters
    ("<tabs>", "<tabs><button id='x'/>"),                             # a button belongs in a group
    ('xmlns="http://schemas.microsoft.com/office/2006/01/customui"',
     'xmlns="http://schemas.microsoft.com/office/2009/07/customui"'),  # the 2006 namespace
])
def test_schema_check_catches_a_planted_mistake(subset, official, old, new):
    assert old in RIBBON
    planted = RIBBON.replace(old, new, 1)
    assert _errors(official, planted) != []
    assert _errors(subset, planted) != []


def test_every_image_is_an_excel_control():
    known = excel_control_ids()
    used = re.findall(r'imageMso="([^"]+)"', RIBBON)
    assert used and set(used) <= known, sorted(set(used) - known)
    assert RIBBON.count("<button ") == len(used)  # every button has an Excel icon


@pytest.mark.parametrize("foreign", ["AcceptInvitation", "FileSaveAsWordDocx", "ImportExcel"])
def test_icon_check_catches_a_name_from_another_office_program(foreign):
    planted = RIBBON.replace('imageMso="CalculateNow"', f'imageMso="{foreign}"', 1)
    assert set(re.findall(r'imageMso="([^"]+)"', planted)) - excel_control_ids() == {foreign}
