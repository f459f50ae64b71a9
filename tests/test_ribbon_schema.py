"""The ribbon XML is valid against the customUI 2006 schema (validated with
the ``xmlschema`` package: libxml2 refuses Microsoft's XSD with "duplicate
attribute use getEnabled"), and every ``imageMso`` names an Excel control.

Two schemas: ``tests/data/customui_subset.xsd``, written here from Microsoft's
specification [MS-CUSTOMUI] for the part the ribbon uses (always run), and
Microsoft's complete ``customUI.xsd`` when it is found: it is Microsoft's
copyrighted file and is not kept in this repository. Put it in
``shared/office/customUI.xsd`` beside the repository (CI has shared/ there) or
name it in ``THIDUA_CUSTOMUI_XSD``; its SHA-256 below is the copy published
in github.com/fernandreu/office-ribbonx-editor,
``src/OfficeRibbonXEditor/Resources/Schemas/customUI.xsd`` (commit d17a1f5)."""
from __future__ import annotations

import io
import os
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


def official_xsd() -> Path | None:
    candidates = [os.environ.get("THIDUA_CUSTOMUI_XSD", ""),
                  Path(__file__).resolve().parents[2] / "shared" / "office" / "customUI.xsd"]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


@pytest.fixture(scope="module")
def subset():
    return xmlschema.XMLSchema(DATA / "customui_subset.xsd")


def excel_control_ids() -> set[str]:
    lines = (DATA / "excel_control_ids.txt").read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def _errors(schema, xml: str) -> list[str]:
    return [e.reason or str(e) for e in schema.iter_errors(xml)]


def test_ribbon_is_valid_against_the_schema(subset):
    assert _errors(subset, RIBBON) == []
    part = zipfile.ZipFile(io.BytesIO(build_workbook(macro=True))).read(UI_PART).decode("utf-8")
    assert part == RIBBON and subset.is_valid(part)


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
def test_schema_check_catches_a_planted_mistake(subset, old, new):
    assert old in RIBBON
    assert _errors(subset, RIBBON.replace(old, new, 1)) != []


def test_official_schema_when_present():
    path = official_xsd()
    if path is None:
        pytest.skip("customUI.xsd (Microsoft) not found: put it in shared/office/ or set THIDUA_CUSTOMUI_XSD")
    assert sha256(path.read_bytes()).hexdigest() == OFFICIAL_SHA256
    schema = xmlschema.XMLSchema(path)
    assert _errors(schema, RIBBON) == []
    assert not schema.is_valid(RIBBON.replace('size="large"', 'size="huge"', 1))


def test_every_image_is_an_excel_control():
    known = excel_control_ids()
    used = re.findall(r'imageMso="([^"]+)"', RIBBON)
    assert used and set(used) <= known, sorted(set(used) - known)
    assert RIBBON.count("<button ") == len(used)  # every button has an Excel icon


@pytest.mark.parametrize("foreign", ["AcceptInvitation", "FileSaveAsWordDocx", "ImportExcel"])
def test_icon_check_catches_a_name_from_another_office_program(foreign):
    planted = RIBBON.replace('imageMso="CalculateNow"', f'imageMso="{foreign}"', 1)
    assert set(re.findall(r'imageMso="([^"]+)"', planted)) - excel_control_ids() == {foreign}
