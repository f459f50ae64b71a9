"""The VBA of the built ThiDua.xlsm compiles, for Win64, Win32 and Mac, in
headless LibreOffice Basic (VBA compatibility mode); and the check is shown
to catch each kind of mistake it exists for."""
from __future__ import annotations

import pytest

from xlsrc.builder import write_workbook
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.vba_compile import (BasicRunner, check_dump, check_workbook, compile_modules, dump_modules,
                                    soffice)
from xlsrc.xlsm.vba_preprocess import HOSTS, PreprocessError, evaluate, preprocess, split_procedures

SOURCE = read_module_source()
needs_lo = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    return BasicRunner(tmp_path_factory.mktemp("lo-basic") / "profile", timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsm") / "ThiDua.xlsm"
    write_workbook(path)  # what `thidua new ThiDua.xlsm` writes
    return path


@pytest.fixture(scope="module")
def dumped(runner, built):
    return dump_modules(runner, built)


# -- the preprocessor ------------------------------------------------------------
def test_conditional_compilation_per_host():
    src = "\n".join(["#Const App = \"Microsoft Excel\"", "#If VBA7 Then", "  #If Win64 Then", "a64", "  #Else",
                     "a32", "  #End If", "#Else", "old", "#End If", "#If Mac Then ' comment", "mac",
                     "#ElseIf App = \"Microsoft Excel\" Then", "win", "#End If",
                     "#If MAC_OFFICE_VERSION >= 15 Then", "mac16", "#End If", "#If Not Mac And Not Win64 Then",
                     "w32only", "#End If"])
    seen = {host: [ln for ln in preprocess(src, host).split("\n") if ln] for host in HOSTS}
    assert seen == {"Win64": ["a64", "win"], "Win32": ["a32", "win", "w32only"], "Mac": ["a32", "mac", "mac16"]}
    assert len(preprocess(src, "Mac").split("\n")) == len(src.split("\n"))  # line numbers kept


def test_preprocessor_expressions_and_errors():
    assert evaluate("1 + 2 * 3 = 7 And Not 0", {}) == -1
    assert evaluate('"a" & "b" = "ab"', {}) == -1
    assert evaluate("Undefined", {}) == 0
    with pytest.raises(PreprocessError):
        preprocess("#If Mac Then\nx\n", "Mac")
    with pytest.raises(PreprocessError):
        preprocess("#End If\n", "Win64")
    with pytest.raises(PreprocessError):
        evaluate("1 +", {})


def test_procedures_are_split_from_the_declarations():
    decl, procs = split_procedures(SOURCE.replace("\r\n", "\n"))
    assert "Option Explicit" in decl and "Sub " not in decl
    names = [p.name for p in procs]
    assert "ThiDuaValidate" in names and "PickInputs" in names
    assert len(names) == len(set(n.lower() for n in names))


# -- the real build -----------------------------------------------------------
@needs_lo
def test_libreoffice_dump_equals_the_source_and_is_ascii(dumped):
    assert {"ThiDua", "xlwings", "ThisWorkbook"} <= set(dumped)
    assert check_dump(dumped, {"ThiDua": SOURCE}) == []
    assert dumped["ThiDua"].count("RunPython") == SOURCE.count("RunPython")


@needs_lo
def test_check_dump_catches_an_empty_module_and_non_ascii(dumped):
    empty = dict(dumped, ThiDua="")
    assert check_dump(empty, {"ThiDua": SOURCE}) == [
        "mô-đun ThiDua LibreOffice đọc được khác mã nguồn (luồng hỏng hoặc mô-đun rỗng)"]
    accented = dict(dumped, ThiDua=dumped["ThiDua"].replace("buttons", "nút", 1))
    problems = check_dump(accented, {"ThiDua": accented["ThiDua"]})
    assert len(problems) == 1 and problems[0].startswith("mô-đun ThiDua, dòng ")


def xlwings_source() -> str:
    """xlwings' own module, as shipped in its quickstart workbook."""
    from pathlib import Path

    import xlwings

    from xlsrc.xlsm.static_checks import vba_modules
    return vba_modules((Path(xlwings.__file__).parent / "quickstart_standalone.xlsm").read_bytes())["xlwings.bas"]


@pytest.mark.long
@needs_lo
def test_the_built_workbook_compiles_for_every_host(runner, built):
    assert check_workbook(runner, built, {"ThiDua": SOURCE, "xlwings": xlwings_source()}) == []


def _plant(source: str, old: str, new: str) -> str:
    assert old in source, old
    return source.replace(old, new, 1)


def planted(source: str) -> dict[str, str]:
    """One copy of the module per kind of mistake."""
    src = source.replace("\r\n", "\n")
    return {
        "NoEndIf": _plant(src, "        Exit Sub\n    End If\n", "        Exit Sub\n"),
        "NoNext": _plant(src, "    Next i\n", "\n"),
        "OpenString": _plant(src, 'ws.Range("A2:A" & ws', 'ws.Range("A2:A & ws'),
        "BadExpr": _plant(src, "If paths.Count = 0 Then", "If paths.Count = * 0 Then"),
        "BadResume": _plant(src, "Done:\n", "Done:\n    Resume NoSuchLabel\n"),
        "TwoSubs": src + "\nSub ThiDuaCompute()\n    On Error GoTo Failed\nFailed:\nEnd Sub\n",
        "MacOnly": _plant(src, "Sub ThiDuaValidate()\n", "Sub ThiDuaValidate()\n#If Mac Then\n    x = (1 +\n#End If\n"),
    }


@needs_lo
def test_the_compile_check_catches_each_planted_mistake(runner, dumped):
    mistakes = planted(dumped["ThiDua"])
    problems = compile_modules(runner, mistakes)
    by_module: dict[str, list[str]] = {}
    for p in problems:
        by_module.setdefault(p.split("mô-đun ")[1].split(" ")[0], []).append(p)
    assert set(by_module) == set(mistakes)
    for name in ("NoEndIf", "NoNext", "OpenString", "BadExpr", "BadResume", "TwoSubs"):
        assert len(by_module[name]) == 3, by_module[name]  # every host
    assert by_module["MacOnly"] == ["Mac: mô-đun MacOnly không biên dịch được ở ThiDuaValidate"]
    assert "ở ThiDuaOpenReports" in by_module["NoEndIf"][0]
    assert "ở ThiDuaConsolidate" in by_module["NoNext"][0]
    assert "ở AsciiPath" in by_module["BadResume"][0]
    assert "trùng tên thiduacompute" in by_module["TwoSubs"][0]


@needs_lo
def test_a_mistake_in_the_source_fails_the_check_of_the_built_workbook(runner, tmp_path, monkeypatch):
    bad = planted(SOURCE)["MacOnly"]
    monkeypatch.setattr("xlsrc.xlsm.read_module_source", lambda: bad)
    path = write_workbook(tmp_path / "Bad.xlsm")
    assert check_workbook(runner, path, {"ThiDua": bad}) == [
        "Mac: mô-đun ThiDua không biên dịch được ở ThiDuaValidate"]
