"""The VBA project and the ribbon on a tiny .xlsm built here with XlsxWriter
(independent of xlsrc.builder): every static check passes on a good build
and is shown to catch the mistake it exists for."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from xlsrc.xlsm import add_ribbon, build_vba_project, read_module_source, read_ribbon_xml
from xlsrc.xlsm.static_checks import (python_macros, check_all, check_callbacks, check_codenames, check_error_handling,
                                      check_macro_enabled_package, check_paths_sheet,
                                      check_project_streams, check_ribbon, check_runpython_targets,
                                      check_vba_source, check_xml, subs, vba_modules)
from xlsrc.xlsm.vba_project import quickstart_vba_bin

SOURCE = read_module_source()
RIBBON = read_ribbon_xml()
REPO = Path(__file__).resolve().parents[1]


def tiny_xlsm(source: str = SOURCE, ribbon: str | None = RIBBON, vba_sheets=("Sheet1", "Sheet2"),
              sheet_codenames=("Sheet1", "Sheet2"), macro: str = "ThiDuaValidate",
              paths_sheet: str | None = "_thidua_paths", hide_paths: bool = True) -> bytes:
    """A two-sheet .xlsm: 'Dữ liệu' with a button, and the hidden paths sheet."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": dt.datetime(2024, 1, 1)})
    wb.set_vba_name("ThisWorkbook")
    names = ["Dữ liệu", paths_sheet or "Khác"]
    for name, code in zip(names, sheet_codenames):
        ws = wb.add_worksheet(name)
        ws.set_vba_name(code)
        if name == "Dữ liệu":
            ws.insert_button("B2", {"macro": macro, "caption": "Kiểm tra dữ liệu", "width": 160, "height": 30})
        if name == paths_sheet:
            ws.write("A1", "Đường dẫn")
            if hide_paths:
                ws.hide()
    wb.add_vba_project(io.BytesIO(build_vba_project(source, list(vba_sheets))), is_stream=True)
    wb.close()
    data = buf.getvalue()
    return add_ribbon(data, ribbon) if ribbon is not None else data


@pytest.fixture(scope="module")
def xlsm() -> bytes:
    return tiny_xlsm()


@pytest.fixture(scope="module")
def modules(xlsm) -> dict[str, str]:
    return vba_modules(xlsm)


def _olevba(vba_bin: bytes) -> dict[str, str]:
    return vba_modules(vba_bin)  # the same oletools read-back, on a bare vbaProject.bin


# -- the text sources ----------------------------------------------------------
def test_sources_are_what_the_brief_asks_for():
    assert SOURCE.isascii()
    assert SOURCE.startswith('Attribute VB_Name = "ThiDua"')
    declared = subs(SOURCE)
    for cb in ("RibbonValidate", "RibbonCompute", "RibbonReport", "RibbonConsolidate", "RibbonOpenReports",
               "RibbonReview", "RibbonDecision", "RibbonCertificates", "RibbonCertificatesPhoi", "RibbonCalibrate"):
        assert declared[cb.lower()] == "control as iribboncontrol"
    for button in ("ThiDuaValidate", "ThiDuaCompute", "ThiDuaReport", "ThiDuaConsolidate", "ThiDuaOpenReports",
                   "ThiDuaReview", "ThiDuaDecision", "ThiDuaCertificates", "ThiDuaCertificatesPhoi",
                   "ThiDuaCalibrate"):
        assert declared[button.lower()] == ""
    targets = re.findall(r'RunPython "import xlsrc\.macros; xlsrc\.macros\.(\w+)\(\)"', SOURCE)
    assert sorted(targets) == sorted(python_macros())
    assert {"calibrate", "certificates", "certificates_phoi", "compute", "consolidate", "decision",
            "open_report_folder", "report", "review", "validate"} <= set(targets)
    # the phôi buttons sit next to 'In giấy khen', in the same ribbon group
    group = re.search(r'<group id="thiduaAwards".*?</group>', RIBBON, re.S).group(0)
    assert group.index('label="In giấy khen"') < group.index('label="In trên phôi"') < \
        group.index('label="Lưới căn chỉnh phôi"')
    assert "Application.FileDialog(3)" in SOURCE and "Application.FileDialog(4)" in SOURCE
    assert "AllowMultiSelect = True" in SOURCE
    from xlsrc.access.files import SPREADSHEET_SUFFIXES  # the picker offers every format consolidate reads
    from xlsrc.consolidate.discover import READ_SUFFIXES
    from xlsrc.proposals.word import WORD_SUFFIXES
    filters = [f.split(";") for f in re.findall(r'Filters\.Add Vn\("[^"]*"\), "([^"]+)"', SOURCE)]
    assert sorted(filters[0]) == sorted("*" + s for s in READ_SUFFIXES)   # the default: spreadsheets and Word files
    assert sorted(filters[1]) == sorted("*" + s for s in SPREADSHEET_SUFFIXES)
    assert sorted(filters[2]) == sorted("*" + s for s in WORD_SUFFIXES)
    assert "ThisWorkbook.FollowHyperlink folder" in SOURCE
    assert "xlsrc.macros.open_report_folder()" in SOURCE  # Python finds (OneDrive), creates and opens the folder
    code = "\n".join(line.split("'")[0] for line in SOURCE.splitlines())  # comments off (no ' in strings here)
    assert "msoFileDialog" not in code  # numeric constants: no Office library constants needed
    ui = RIBBON
    assert 'xmlns="http://schemas.microsoft.com/office/2006/01/customui"' in ui
    for label in ("Thi đua - Khen thưởng", "Kiểm tra dữ liệu", "Tính tiến độ", "Tạo báo cáo",
                  "Tổng hợp từ các đơn vị", "Mở thư mục báo cáo"):
        assert f'label="{label}"' in ui
    assert ui.count("imageMso=") == ui.count("<button ")


def test_every_sub_traps_errors():
    assert check_error_handling(SOURCE) == []
    unguarded = SOURCE.replace('Sub ThiDuaReport()\n    On Error GoTo Failed\n', 'Sub ThiDuaReport()\n')
    assert unguarded != SOURCE
    problems = check_error_handling(unguarded)
    assert any("ThiDuaReport" in p for p in problems) and any("RibbonReport" in p for p in problems)


# -- callbacks and buttons -------------------------------------------------------
def test_ribbon_and_button_macros_name_existing_subs(xlsm, modules):
    vba = modules["ThiDua.bas"]
    assert check_callbacks(xlsm, vba) == []
    vml = b"".join(zipfile.ZipFile(io.BytesIO(xlsm)).read(n) for n in zipfile.ZipFile(io.BytesIO(xlsm)).namelist()
                   if n.startswith("xl/drawings/vmlDrawing"))
    assert b"!ThiDuaValidate</x:FmlaMacro>" in vml


def test_misspelt_ribbon_callback_is_reported(xlsm, modules):
    vba = modules["ThiDua.bas"]
    misspelt_sub = vba.replace("Sub RibbonCompute(control As IRibbonControl)", "Sub RibbonComput(control As IRibbonControl)")
    assert any("RibbonCompute" in p for p in check_callbacks(xlsm, misspelt_sub))
    misspelt_action = tiny_xlsm(ribbon=RIBBON.replace('onAction="RibbonReport"', 'onAction="RibbonRepot"'))
    assert any("RibbonRepot" in p for p in check_callbacks(misspelt_action, vba))
    no_control = vba.replace("Sub RibbonReport(control As IRibbonControl)", "Sub RibbonReport()")
    assert any("RibbonReport" in p for p in check_callbacks(xlsm, no_control))
    assert any("customUI" in p for p in check_callbacks(tiny_xlsm(ribbon=None), vba))


def test_button_macro_must_be_a_sub_without_parameters(xlsm, modules):
    vba = modules["ThiDua.bas"]
    wrong_button = tiny_xlsm(macro="ThiDuaValidat")
    assert any("ThiDuaValidat" in p for p in check_callbacks(wrong_button, vba))
    with_arg = vba.replace("Sub ThiDuaValidate()", "Sub ThiDuaValidate(x As Long)")
    assert any("ThiDuaValidate" in p for p in check_callbacks(xlsm, with_arg))
    ribbon_sub_on_button = tiny_xlsm(macro="RibbonValidate")
    assert any("RibbonValidate" in p for p in check_callbacks(ribbon_sub_on_button, vba))


# -- RunPython targets -----------------------------------------------------------
def test_runpython_targets_exist_and_are_callable(modules):
    pytest.importorskip("xlsrc.macros")
    vba = modules["ThiDua.bas"]
    assert check_runpython_targets(vba) == []
    assert any("reprot" in p for p in check_runpython_targets(vba.replace("macros.report()", "macros.reprot()")))
    assert any("__doc__" in p for p in check_runpython_targets(vba.replace("macros.report()", "macros.__doc__()")))
    wrong_module = vba.replace("import xlsrc.macros; xlsrc.macros.validate()", "import xlsrc.macro; xlsrc.macro.validate()")
    assert any("xlsrc.macro" in p for p in check_runpython_targets(wrong_module))
    mismatch = vba.replace("import xlsrc.macros; xlsrc.macros.compute()", "import xlsrc.macros; xlsrc.compute()")
    assert check_runpython_targets(mismatch) != []
    assert check_runpython_targets("Sub X()\nEnd Sub\n") != []


def test_no_path_is_passed_inside_a_runpython_string(modules):
    for line in modules["ThiDua.bas"].splitlines():
        if "RunPython" in line and not line.lstrip().startswith("'"):
            assert line.count('"') == 2 and "&" not in line


# -- the VBA project read back with oletools --------------------------------------
def test_olevba_reads_back_our_module_and_the_xlwings_module(xlsm, modules):
    assert modules["ThiDua.bas"].replace("\r\n", "\n").strip() == SOURCE.replace("\r\n", "\n").strip()
    assert check_vba_source(modules, SOURCE) == []
    shipped = _olevba(quickstart_vba_bin())
    assert modules["xlwings.bas"] == shipped["xlwings.bas"]  # the installed xlwings' own module, untouched
    assert modules["Dictionary.cls"] == shipped["Dictionary.cls"]
    assert "Module1.bas" not in modules
    assert set(modules) == {"ThisWorkbook.cls", "Sheet1.cls", "Sheet2.cls", "ThiDua.bas", "xlwings.bas",
                            "Dictionary.cls"}
    stale = tiny_xlsm(source=SOURCE.replace("ThiDuaConsolidate", "ThiDuaMerge"))
    assert any("ThiDua.bas" in p for p in check_vba_source(vba_modules(stale), SOURCE))


def test_line_endings_of_the_source_do_not_matter():
    crlf = SOURCE.replace("\r\n", "\n").replace("\n", "\r\n")
    assert build_vba_project(crlf, ["Sheet1"]) == build_vba_project(SOURCE, ["Sheet1"])


def test_project_streams_are_consistent(xlsm):
    assert check_project_streams(xlsm) == []


# -- code names --------------------------------------------------------------------
def test_codenames_match_document_modules_both_ways(xlsm, modules):
    assert check_codenames(xlsm, modules) == []
    root = zipfile.ZipFile(io.BytesIO(xlsm))
    assert b'codeName="ThisWorkbook"' in root.read("xl/workbook.xml")
    assert b'codeName="Sheet2"' in root.read("xl/worksheets/sheet2.xml")
    too_few = tiny_xlsm(vba_sheets=["Sheet1"])
    assert any("Sheet2" in p for p in check_codenames(too_few, vba_modules(too_few)))
    too_many = tiny_xlsm(vba_sheets=["Sheet1", "Sheet2", "Sheet3"])
    assert any("Sheet3" in p for p in check_codenames(too_many, vba_modules(too_many)))
    renamed = tiny_xlsm(sheet_codenames=("Sheet1", "Bang2"))
    problems = check_codenames(renamed, vba_modules(renamed))
    assert any("Bang2" in p for p in problems) and any("Sheet2" in p for p in problems)
    custom = tiny_xlsm(vba_sheets=["DuLieu", "Paths"], sheet_codenames=("DuLieu", "Paths"))
    assert check_codenames(custom, vba_modules(custom)) == []


# -- parts, ribbon, determinism --------------------------------------------------
def test_all_xml_parts_are_well_formed(xlsm):
    assert check_xml(xlsm) == []
    broken = tiny_xlsm(ribbon=RIBBON.replace("</customUI>", ""))
    assert any("customUI" in p for p in check_xml(broken))


def test_ribbon_part_relationship_and_namespace(xlsm):
    assert check_ribbon(xlsm) == []
    z = zipfile.ZipFile(io.BytesIO(xlsm))
    assert z.read("customUI/customUI.xml").decode("utf-8") == RIBBON
    assert b'PartName="/customUI/customUI.xml"' in z.read("[Content_Types].xml")
    ns_2009 = tiny_xlsm(ribbon=RIBBON.replace("2006/01/customui", "2009/07/customui"))
    assert any("customui" in p for p in check_ribbon(ns_2009))
    assert check_ribbon(tiny_xlsm(ribbon=None)) != []


def test_package_is_macro_enabled(xlsm):
    assert check_macro_enabled_package(xlsm) == []
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet()
    wb.close()  # a plain .xlsx renamed .xlsm: Excel refuses it
    problems = check_macro_enabled_package(add_ribbon(buf.getvalue(), RIBBON))
    assert any("macroEnabled" in p for p in problems) and any("vbaProject" in p for p in problems)


def test_check_all_passes_on_a_good_build(xlsm):
    pytest.importorskip("xlsrc.macros")
    assert check_all(xlsm, SOURCE) == []


def test_add_ribbon_is_idempotent(xlsm):
    assert add_ribbon(xlsm, RIBBON) == xlsm
    z = zipfile.ZipFile(io.BytesIO(add_ribbon(xlsm, RIBBON)))
    assert z.read("_rels/.rels").count(b"ui/extensibility") == 1
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())


def test_paths_sheet_exists_and_is_hidden(xlsm, modules):
    vba = modules["ThiDua.bas"]
    assert check_paths_sheet(xlsm, vba) == []
    assert any("_thidua_paths" in p for p in check_paths_sheet(tiny_xlsm(paths_sheet=None), vba))
    assert any("ẩn" in p for p in check_paths_sheet(tiny_xlsm(hide_paths=False), vba))


def test_two_builds_are_byte_identical(xlsm):
    assert build_vba_project(SOURCE, ["Sheet1", "Sheet2"]) == build_vba_project(SOURCE, ["Sheet1", "Sheet2"])
    assert tiny_xlsm() == xlsm


# -- other readers ---------------------------------------------------------------
def test_openpyxl_resave_keeps_vba_and_ribbon(xlsm, tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(xlsm), keep_vba=True)
    assert wb.sheetnames == ["Dữ liệu", "_thidua_paths"]
    assert wb["_thidua_paths"]["A1"].value == "Đường dẫn"
    out = tmp_path / "resaved.xlsm"
    wb.save(out)
    again = out.read_bytes()
    assert check_ribbon(again) == [] and check_xml(again) == []
    z = zipfile.ZipFile(io.BytesIO(again))
    assert z.read("customUI/customUI.xml").decode("utf-8") == RIBBON
    assert _olevba(z.read("xl/vbaProject.bin"))["ThiDua.bas"] == vba_modules(xlsm)["ThiDua.bas"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_it(xlsm, tmp_path):
    src = tmp_path / "Tiny.xlsm"
    src.write_bytes(xlsm)
    res = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                          "xlsx", "--outdir", str(tmp_path / "out"), str(src)], capture_output=True, timeout=180)
    out = tmp_path / "out" / "Tiny.xlsx"
    assert res.returncode == 0 and out.exists(), res.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "Dữ liệu"


def test_workbook_sources_are_found_from_the_repository():
    assert SOURCE == (REPO / "workbook" / "ThiDua.bas").read_text(encoding="ascii")
    assert RIBBON == (REPO / "workbook" / "customUI.xml").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_imports_the_vba_project(xlsm, tmp_path):
    """LibreOffice has its own CFB and MS-OVBA reader: converted to .ods, the
    workbook carries our module as a normal Basic module, one document module
    per code name, and each sheet keeps its code name."""
    src = tmp_path / "Tiny.xlsm"
    src.write_bytes(xlsm)
    res = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                          "ods", "--outdir", str(tmp_path / "out"), str(src)], capture_output=True, timeout=180)
    assert res.returncode == 0, res.stderr
    from defusedxml import ElementTree as ET
    ods = zipfile.ZipFile(tmp_path / "out" / "Tiny.ods")
    script = "{http://openoffice.org/2000/script}"
    lib = {n.rsplit("/", 1)[1][:-4]: ET.fromstring(ods.read(n)) for n in ods.namelist()
           if n.startswith("Basic/VBAProject/") and not n.endswith("script-lb.xml")}
    assert set(lib) == {"ThisWorkbook", "Sheet1", "Sheet2", "ThiDua", "xlwings", "Dictionary"}
    for name in ("ThisWorkbook", "Sheet1", "Sheet2"):
        assert lib[name].get(f"{script}moduleType") == "document"
    assert lib["ThiDua"].get(f"{script}moduleType") == "normal"
    body = lib["ThiDua"].text.replace("\r\n", "\n")
    for line in SOURCE.replace("\r\n", "\n").splitlines()[1:]:  # LibreOffice drops the Attribute line
        assert line in body
    settings = ods.read("settings.xml").decode("utf-8")
    for sheet, code in (("Dữ liệu", "Sheet1"), ("_thidua_paths", "Sheet2")):
        entry = settings.split(f'config:name="{sheet}">', 1)[1]
        assert re.search(r'config:name="CodeName" config:type="string">(\w+)<', entry).group(1) == code


@pytest.mark.parametrize("names", [[], ["Sheet1"], [f"Sheet{i}" for i in range(1, 41)], ["DuLieu", "Bang_2", "Z"]])
def test_vba_project_parses_strictly_for_any_number_of_sheets(names):
    import olefile
    vba_bin = build_vba_project(SOURCE, names)
    ole = olefile.OleFileIO(io.BytesIO(vba_bin), raise_defects=olefile.DEFECT_POTENTIAL)
    assert ole.parsing_issues == []
    ole.close()
    got = _olevba(vba_bin)
    assert set(got) == {"ThisWorkbook.cls", "ThiDua.bas", "xlwings.bas", "Dictionary.cls", *(f"{n}.cls" for n in names)}
    for n in names:
        assert f'Attribute VB_Name = "{n}"' in got[f"{n}.cls"]
        assert 'VB_Base = "0{00020820-0000-0000-C000-000000000046}"' in got[f"{n}.cls"]  # a Worksheet
    assert 'VB_Base = "0{00020819-0000-0000-C000-000000000046}"' in got["ThisWorkbook.cls"]  # the Workbook


def test_a_runpython_target_must_run_without_arguments(monkeypatch):
    """RunPython calls ``f()``: a macro whose parameters (after the book the
    decorator passes) lack defaults would fail in Excel only."""
    import xlsrc.macros as macros
    from xlsrc.xlsm.static_checks import check_runpython_targets

    def needs_number(number):
        return number

    monkeypatch.setattr(macros, "needs_number", macros._macro(needs_number), raising=False)
    problems = check_runpython_targets('RunPython "import xlsrc.macros; xlsrc.macros.needs_number()"')
    assert problems == ["RunPython: xlsrc.macros.needs_number() thiếu đối số: mọi tham số cần giá trị mặc định"]

    def no_button():
        """An entry point whose job xlsrc.buttons lacks."""

    monkeypatch.setattr(macros, "no_button", macros._macro(no_button), raising=False)
    assert check_runpython_targets('RunPython "import xlsrc.macros; xlsrc.macros.no_button()"') == [
        "RunPython: xlsrc.macros.no_button() chạy xlsrc.buttons.no_button, hàm này không có"]
    for ok in ("certificates_phoi", "calibrate", "certificates"):  # certificates(book, phoi=False)
        assert check_runpython_targets(f'RunPython "import xlsrc.macros; xlsrc.macros.{ok}()"') == [], ok
