"""How the workbook finds Python (workbook/ThiDua.bas, PythonReady): static
checks of the lookup order and of its rules, each shown to fail on a mistake
planted in the real module."""
from __future__ import annotations

import pytest

from xlsrc.bundle import VENV_DIR
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.interpreter_checks import (check_ascii_guard, check_conf_writes, check_interpreter_lookup,
                                           check_lookup_order, check_no_registry, check_package_marker)

SOURCE = read_module_source().replace("\r\n", "\n")


def _plant(old: str, new: str) -> str:
    assert SOURCE.count(old) == 1, old
    return SOURCE.replace(old, new)


def test_the_real_module_passes():
    assert check_interpreter_lookup(SOURCE) == []
    assert rf'INSTALL_PYTHONW As String = "{VENV_DIR}\Scripts\pythonw.exe"' in SOURCE


def test_the_conf_path_before_the_installer_is_caught():
    swapped = _plant("        If HasThiDua(Expand(INSTALL_PYTHONW)) Then\n            found = Expand(INSTALL_PYTHONW)\n"
                     "        ElseIf HasThiDua(Expand(current)) Then\n            found = Expand(current)\n",
                     "        If HasThiDua(Expand(current)) Then\n            found = Expand(current)\n"
                     "        ElseIf HasThiDua(Expand(INSTALL_PYTHONW)) Then\n            found = Expand(INSTALL_PYTHONW)\n")
    assert any("ứng viên đầu tiên" in p for p in check_lookup_order(swapped))


def test_a_candidate_without_thidua_is_caught():
    unchecked = _plant("        ElseIf HasThiDua(Expand(current)) Then", "        ElseIf FileExists(Expand(current)) Then")
    assert any("không qua HasThiDua" in p for p in check_lookup_order(unchecked))
    dropped = _plant("        ElseIf HasThiDua(Expand(current)) Then\n            found = Expand(current)\n", "")
    assert any("xlwings.conf (current)" in p for p in check_lookup_order(dropped))


def test_a_registry_fallback_is_caught():
    registry = _plant("        Else\n            If Len(current) = 0",
                      "        ElseIf Len(RegistryValue(\"HKLM\\Software\\Python\\\")) > 0 Then\n"
                      "            found = RegistryValue(\"HKLM\\Software\\Python\\\")\n"
                      "        Else\n            If Len(current) = 0")
    registry += ("\nPrivate Function RegistryValue(ByVal key As String) As String\n"
                 "    RegistryValue = CreateObject(\"WScript.Shell\").RegRead(key)\nEnd Function\n")
    assert check_no_registry(registry) and check_lookup_order(registry)


def test_writes_of_the_conf_sheet_are_caught():
    direct = _plant("        If Not SetConf(CONF_KEY, found) Then Exit Function\n",
                    "        If found <> current Then cell.Value = found\n")
    problems = check_conf_writes(direct)
    assert any(p.startswith("pythonready: ghi vào xlwings.conf") for p in problems)
    no_compare = _plant("        If StrComp(Expand(Trim$(CStr(cell.Value))), value, vbTextCompare) = 0 Then Exit Function\n",
                        "")
    assert any("không so sánh" in p for p in check_conf_writes(no_compare))
    read_only = _plant("    If ThisWorkbook.ReadOnly Then\n", "    If False Then\n")
    assert any("ReadOnly" in p for p in check_conf_writes(read_only))


def test_a_path_without_an_ascii_form_must_be_said():
    unguarded = _plant("        If Not IsAscii(found) Or Not IsAscii(tempDir) Then", "        If False Then")
    assert check_ascii_guard(unguarded)
    not_shortened = _plant("        found = AsciiPath(found, False)\n", "")
    assert check_ascii_guard(not_shortened)


def test_the_package_folder_is_the_one_the_macros_import():
    assert check_package_marker(_plant('PACKAGE_FOLDER As String = "xlsrc"', 'PACKAGE_FOLDER As String = "thidua"'))
    assert check_package_marker(_plant('If fso.FolderExists(site & "\\" & PACKAGE_FOLDER) Then',
                                       'If fso.FolderExists(site) Then'))


@pytest.mark.parametrize("check", [check_lookup_order, check_conf_writes])
def test_a_module_without_the_procedures_is_reported(check):
    assert check("Attribute VB_Name = \"X\"\nSub A()\nEnd Sub\n")
