"""Static checks of the built ThiDua.xlsm — everything that can be verified
without Excel — each shown to catch a real mistake."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.builder import build_workbook
from xlsrc.xlsm import read_module_source, read_ribbon_xml
from xlsrc.xlsm.compound_file import build as build_cfb
from xlsrc.xlsm.ovba_compression import compress
from xlsrc.xlsm.static_checks import (python_macros, check_all, check_callbacks, check_codenames, check_runpython_targets,
                                      check_vba_source, check_xml, vba_modules)

from .demo_folder import demo_run  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def xlsm() -> bytes:
    return build_workbook(macro=True, interpreter="C:\\Python311\\pythonw.exe")


def _replace_part(xlsm: bytes, part: str, fn) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(xlsm))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, fn(data) if info.filename == part else data)
    return out.getvalue()


def test_the_built_workbook_passes_every_check(xlsm):
    assert check_all(xlsm, read_module_source()) == []


def test_vba_source_is_ascii_and_read_back_equal(xlsm):
    source = read_module_source()
    assert source.isascii()
    modules = vba_modules(xlsm)
    assert modules["ThiDua.bas"].replace("\r\n", "\n").strip() == source.strip()
    assert "xlwings.bas" in modules
    assert check_vba_source(modules, source.replace("ThiDuaValidate", "ThiDuaCheck")) != []


def test_callbacks_are_checked_against_the_subs(xlsm):
    vba = vba_modules(xlsm)["ThiDua.bas"]
    assert check_callbacks(xlsm, vba) == []
    misspelt = vba.replace("Sub RibbonCompute(control As IRibbonControl)", "Sub RibbonComput(control As IRibbonControl)")
    assert any("RibbonCompute" in p for p in check_callbacks(xlsm, misspelt))
    no_arg = vba.replace("Sub RibbonReport(control As IRibbonControl)", "Sub RibbonReport()")
    assert any("RibbonReport" in p for p in check_callbacks(xlsm, no_arg))
    button_with_arg = vba.replace("Sub ThiDuaValidate()", "Sub ThiDuaValidate(x As Long)")
    assert any("ThiDuaValidate" in p for p in check_callbacks(xlsm, button_with_arg))
    ui = zipfile.ZipFile(io.BytesIO(xlsm)).read("customUI/customUI.xml").decode()
    for action in ("RibbonValidate", "RibbonCompute", "RibbonReport", "RibbonConsolidate", "RibbonOpenReports",
                   "RibbonReview", "RibbonDecision", "RibbonCertificates", "RibbonCertificatesPhoi",
                   "RibbonCalibrate"):
        assert f'onAction="{action}"' in ui
    for label in ("Kiểm tra dữ liệu", "Tính tiến độ", "Tạo báo cáo", "Tổng hợp từ các đơn vị",
                  "Mở thư mục báo cáo", "Rà soát điều kiện", "Lập quyết định", "In giấy khen", "In trên phôi",
                  "Lưới căn chỉnh phôi", "Thi đua - Khen thưởng"):
        assert f'label="{label}"' in ui


def test_runpython_targets_import_and_are_callable(xlsm):
    vba = vba_modules(xlsm)["ThiDua.bas"]
    targets = re.findall(r'RunPython "import xlsrc.macros; xlsrc.macros.(\w+)\(\)"', vba)
    assert sorted(targets) == sorted(python_macros())
    assert {"calibrate", "certificates", "certificates_phoi", "compute", "consolidate", "decision",
            "open_report_folder", "report", "review", "validate"} <= set(targets)
    assert check_runpython_targets(vba) == []
    assert check_runpython_targets(vba.replace("macros.report()", "macros.reprot()")) != []
    assert check_runpython_targets(vba.replace("import xlsrc.macros; xlsrc.macros.validate()",
                                               "import xlsrc.macro; xlsrc.macro.validate()")) != []


def test_codenames_match_document_modules(xlsm):
    modules = vba_modules(xlsm)
    assert check_codenames(xlsm, modules) == []
    n_sheets = len(openpyxl.load_workbook(io.BytesIO(xlsm)).sheetnames)
    assert {f"Sheet{i}.cls" for i in range(1, n_sheets + 1)} <= set(modules)
    renamed = _replace_part(xlsm, "xl/worksheets/sheet3.xml", lambda d: d.replace(b'codeName="Sheet3"',
                                                                                   b'codeName="Sheet99"'))
    problems = check_codenames(renamed, modules)
    assert any("Sheet99" in p for p in problems) and any("Sheet3" in p for p in problems)


def test_all_xml_parts_are_well_formed(xlsm):
    assert check_xml(xlsm) == []
    broken = _replace_part(xlsm, "customUI/customUI.xml", lambda d: d.replace(b"</customUI>", b""))
    assert any("customUI" in p for p in check_xml(broken))


def test_two_builds_are_byte_identical(xlsm):
    assert build_workbook(macro=True, interpreter="C:\\Python311\\pythonw.exe") == xlsm


def test_ribbon_uses_the_2006_namespace_and_survives_openpyxl(xlsm, tmp_path):
    parts = zipfile.ZipFile(io.BytesIO(xlsm))
    assert "http://schemas.microsoft.com/office/2006/01/customui" in parts.read("customUI/customUI.xml").decode()
    assert b"2006/relationships/ui/extensibility" in parts.read("_rels/.rels")
    assert parts.read("customUI/customUI.xml").decode() == read_ribbon_xml()
    wb = openpyxl.load_workbook(io.BytesIO(xlsm), keep_vba=True)
    assert S.GUIDE_SHEET in wb.sheetnames and S.WORKS.name in wb.sheetnames
    resaved = tmp_path / "resaved.xlsm"
    wb.save(resaved)
    again = zipfile.ZipFile(resaved)
    assert "customUI/customUI.xml" in again.namelist() and "xl/vbaProject.bin" in again.namelist()
    assert b"2006/relationships/ui/extensibility" in again.read("_rels/.rels")
    assert again.read("customUI/customUI.xml") == parts.read("customUI/customUI.xml")
    assert check_xml(resaved.read_bytes()) == []


def test_paths_sheet_the_consolidate_macro_writes_to(xlsm):
    wb = openpyxl.load_workbook(io.BytesIO(xlsm), keep_vba=True)
    assert S.PATHS_SHEET == "_thidua_paths" and wb[S.PATHS_SHEET].sheet_state == "hidden"
    vba = vba_modules(xlsm)["ThiDua.bas"]
    assert 'RunPython "import xlsrc.macros; xlsrc.macros.consolidate()"' in vba
    assert "Application.FileDialog(3)" in vba and "Application.FileDialog(4)" in vba
    assert all(line.count('"') == 2 for line in vba.splitlines()
               if "RunPython" in line and not line.lstrip().startswith("'"))  # no paths in the call


def test_conf_sheet_points_at_the_python_that_built_it(xlsm):
    ws = openpyxl.load_workbook(io.BytesIO(xlsm))[S.CONF_SHEET]
    conf = {r[0]: r[1] for r in ws.iter_rows(values_only=True)}
    assert conf["Interpreter_Win"] == conf["Interpreter_Mac"] == "C:\\Python311\\pythonw.exe"


def test_buttons_on_the_guide_sheet(xlsm):
    parts = zipfile.ZipFile(io.BytesIO(xlsm))
    vml = b"".join(parts.read(n) for n in parts.namelist() if n.startswith("xl/drawings/vmlDrawing"))
    for macro in ("ThiDuaValidate", "ThiDuaCompute", "ThiDuaReport", "ThiDuaConsolidate", "ThiDuaOpenReports",
                  "ThiDuaDecision", "ThiDuaCertificates", "ThiDuaCertificatesPhoi", "ThiDuaCalibrate"):
        assert f"!{macro}</x:FmlaMacro>".encode() in vml
    for caption in ("In trên phôi", "Lưới căn chỉnh phôi"):
        assert caption.encode() in vml


@pytest.mark.long
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_xlsm(xlsm, tmp_path):
    src = tmp_path / "ThiDua.xlsm"
    src.write_bytes(xlsm)
    res = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                          "xlsx", "--outdir", str(tmp_path / "out"), str(src)], capture_output=True, timeout=180)
    out = tmp_path / "out" / "ThiDua.xlsx"
    assert res.returncode == 0 and out.exists(), res.stderr
    names = openpyxl.load_workbook(out).sheetnames
    assert S.GUIDE_SHEET in names and S.WORKS.name in names


def test_python_m_xlsrc_new_builds_a_checked_xlsm(tmp_path):
    import sys
    target = tmp_path / "ThiDua.xlsm"
    res = subprocess.run([sys.executable, "-m", "xlsrc", "new", str(target)], capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert check_all(target.read_bytes(), read_module_source()) == []


def test_compression_and_compound_file_round_trip():
    import olefile
    from oletools.olevba import decompress_stream
    for data in (b"", b"Sub X()\r\nEnd Sub\r\n" * 500, bytes(range(256)) * 40):
        assert bytes(decompress_stream(bytearray(compress(data)))) == data
    tree = {"A": b"x" * 10, "VBA": {"dir": b"y" * 5000, "Module1": b"z" * 100}, "Long stream": b"w" * 70000}
    ole = olefile.OleFileIO(io.BytesIO(build_cfb(tree)))
    assert ole.openstream("VBA/dir").read() == b"y" * 5000
    assert ole.openstream("Long stream").read() == b"w" * 70000
    assert ole.openstream("A").read() == b"x" * 10


def _conf(path) -> dict:
    ws = openpyxl.load_workbook(path)[S.CONF_SHEET]
    return {r[0]: r[1] for r in ws.iter_rows(values_only=True)}


def test_thidua_new_points_conf_at_the_running_python(tmp_path):
    """A workbook made for this PC (`thidua new`) names this PC's Python."""
    import sys
    from pathlib import Path

    from xlsrc import cli
    from xlsrc.builder import default_interpreter
    with pytest.raises(SystemExit) as done:
        cli.main(["new", str(tmp_path / "ThiDua.xlsm")])
    assert done.value.code == 0
    conf = _conf(tmp_path / "ThiDua.xlsm")
    assert conf["Interpreter_Win"] == conf["Interpreter_Mac"] == default_interpreter()
    assert Path(default_interpreter()).parent == Path(sys.executable).parent


def test_demo_and_shared_workbooks_name_no_folder_of_this_machine(tmp_path, demo_run):
    """Issue 22.15: the demo (and the installer's workbook) hold the portable
    spelling of the installer's environment, never this machine's paths."""
    import sys

    from xlsrc.builder import PORTABLE_INTERPRETER_WIN
    from xlsrc.bundle import install_workbook
    assert demo_run.returncode == 0, demo_run.stderr
    installed, _ = install_workbook(tmp_path / "docs")
    here = {str(tmp_path), str(demo_run.folder), sys.executable, sys.prefix, str(Path.home())}
    for book in (demo_run.folder / "ThiDua_demo.xlsm", installed):
        conf = _conf(book)
        assert conf["Interpreter_Win"] == PORTABLE_INTERPRETER_WIN and not conf["Interpreter_Mac"]
        assert conf["TEMP DIR"] == "%TEMP%"
        with zipfile.ZipFile(book) as z:
            text = b"".join(z.read(n) for n in z.namelist()).decode("latin-1")
        assert not [p for p in here if p in text], book
