"""The VBA lint over our module: clean on the real module (with xlwings' own
module as the library it calls), and shown to catch each mistake it exists
for — including the ANSI path calls that break under Vietnamese folder names."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from xlsrc.builder import build_workbook
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.static_checks import check_all, vba_modules
from xlsrc.xlsm.vba_lint import ANSI_PATH_CALLS, lint

SOURCE = read_module_source().replace("\r\n", "\n")


@pytest.fixture(scope="module")
def xlsm() -> bytes:
    return build_workbook(macro=True)


@pytest.fixture(scope="module")
def xlwings_module(xlsm) -> str:
    return vba_modules(xlsm)["xlwings.bas"]


def _plant(old: str, new: str, source: str = SOURCE) -> str:
    assert old in source, old
    return source.replace(old, new, 1)


def test_our_module_is_clean(xlwings_module):
    assert lint(SOURCE, [xlwings_module]) == []


def test_lint_is_part_of_the_checks_of_the_built_workbook(xlsm):
    assert check_all(xlsm, read_module_source()) == []


def test_undeclared_variable_under_option_explicit(xlwings_module):
    bad = _plant("    Dim i As Long\n    On Error GoTo Failed\n    If Not PythonReady", "    On Error GoTo Failed\n"
                 "    If Not PythonReady")
    problems = lint(bad, [xlwings_module])
    assert problems and all("'i' chưa được khai báo (Option Explicit)" in p for p in problems)
    assert all("(ThiDuaConsolidate)" in p for p in problems)
    typo = _plant("        found = AsciiPath(found, False)",
                  "        found = AsciiPath(fuond, False)")
    assert lint(typo, [xlwings_module]) == [
        f"dòng {typo.split(chr(10)).index('        found = AsciiPath(fuond, False)') + 1} "
        "(PythonReady): 'fuond' chưa được khai báo (Option Explicit)"]
    wrong_label = _plant("    Exit Sub\nFailed:\n    SayError", "    Exit Sub\nFailed:\n    Resume Nowhere\n    SayError")
    assert any("'Nowhere' chưa được khai báo" in p for p in lint(wrong_label, [xlwings_module]))
    # without Option Explicit undeclared names are allowed (VBA makes them Variants)
    assert lint(bad.replace("Option Explicit\n", ""), [xlwings_module]) == []


def test_call_of_a_sub_that_exists_nowhere(xlwings_module):
    bad = _plant("Sub RibbonCompute(control As IRibbonControl)\n    ThiDuaCompute\n",
                 "Sub RibbonCompute(control As IRibbonControl)\n    ThiDuaComput\n")
    assert lint(bad, [xlwings_module]) == [
        f"dòng {bad.split(chr(10)).index('    ThiDuaComput') + 1} (RibbonCompute): "
        "gọi Sub 'ThiDuaComput' không có ở mô-đun nào"]
    # RunPython lives in xlwings' module: without it, the call is unknown
    assert any("gọi Sub 'RunPython' không có" in p for p in lint(SOURCE, []))


def test_wrong_argument_counts_to_our_own_procedures(xlwings_module):
    too_many = _plant("    SayError Err.Description\n", "    SayError Err.Description, 2\n")
    assert any("SayError nhận 1 đối số, được gọi với 2" in p for p in lint(too_many, [xlwings_module]))
    too_few = _plant("        Say Vn(", "        Say (")
    problems = lint(too_few.replace("), vbInformation\n", ")\n", 1), [xlwings_module])
    assert any("Say nhận 2 đối số, được gọi với 1" in p for p in problems)
    in_expression = _plant('If HasThiDua(Expand(current))', 'If HasThiDua(Expand(current), 1)')
    assert any("HasThiDua nhận 1 đối số, được gọi với 2" in p for p in lint(in_expression, [xlwings_module]))
    call_form = _plant("    ThiDuaReport\n", "    Call ThiDuaReport(1)\n")
    assert any("ThiDuaReport nhận 0 đối số, được gọi với 1" in p for p in lint(call_form, [xlwings_module]))


@pytest.mark.parametrize("statement", [
    "MkDir folder", "If Len(Dir(folder, vbDirectory)) = 0 Then Exit Sub", 'Shell "explorer.exe " & folder, 1',
    "If GetAttr(folder) = 16 Then Exit Sub", "Kill folder", "ChDir folder", "Open folder For Output As #1",
    'folder = Environ("LOCALAPPDATA")', "FileCopy folder, folder", "Name folder As folder"])
def test_ansi_path_calls_are_forbidden(statement, xlwings_module):
    bad = _plant("    folder = ThisWorkbook.Path & Application.PathSeparator & REPORT_FOLDER\n",
                 f"    folder = ThisWorkbook.Path & Application.PathSeparator & REPORT_FOLDER\n    {statement}\n")
    problems = lint(bad, [xlwings_module])
    assert any("đi qua bảng mã ANSI với đường dẫn" in p and "(ThiDuaOpenReports)" in p for p in problems), problems


def test_the_forbidden_list_covers_the_issue():
    assert {"MkDir", "Dir", "Shell", "GetAttr", "Kill", "ChDir", "Open"} <= set(ANSI_PATH_CALLS)
    code = "\n".join(ln for ln in SOURCE.split("\n") if not ln.lstrip().startswith("'"))
    assert "Scripting.FileSystemObject" in code and "ThisWorkbook.FollowHyperlink" in code


def test_runpython_must_follow_python_ready(xlwings_module):
    bad = _plant("Sub ThiDuaCompute()\n    On Error GoTo Failed\n    If Not PythonReady() Then Exit Sub\n",
                 "Sub ThiDuaCompute()\n    On Error GoTo Failed\n")
    assert [p.split(": ", 1)[1] for p in lint(bad, [xlwings_module])] == ["RunPython trước khi kiểm tra PythonReady"]


def test_a_python_macro_without_a_vba_caller_is_reported():
    from xlsrc.xlsm.static_checks import check_macro_coverage, python_macros
    assert "review" in python_macros() and check_macro_coverage(SOURCE) == []
    dropped = SOURCE.replace('RunPython "import xlsrc.macros; xlsrc.macros.review()"', "")
    assert check_macro_coverage(dropped) == [
        "xlsrc.macros.review() không có Sub VBA nào gọi (thêm Sub, nút ribbon và nút ở trang Hướng dẫn)"]


def vn_texts(source: str) -> list[str]:
    """The Vietnamese texts of the module, decoded as its Vn() function does
    ("\\uXXXX" → one character), each string literal that holds an escape."""
    out = []
    for literal in re.findall(r'"((?:[^"\n]|"")*\\u(?:[^"\n]|"")*)"', source):
        text = literal.replace('""', '"')
        if text == "\\u":
            continue  # Vn's own search for the escape
        bad = re.findall(r"\\u(?![0-9A-Fa-f]{4})", text)
        assert not bad, f"bad escape in {literal!r}"
        out.append(re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), text))
    return out


def test_vietnamese_messages_decode_to_nfc_text():
    texts = vn_texts(SOURCE)
    assert texts and all(unicodedata.is_normalized("NFC", t) for t in texts)
    joined = " ".join(texts)
    # the message README item 5 quotes, and what it tells the user to do
    for phrase in ("Không tìm thấy Python có cài thidua cho sổ này.", "CaiDat.cmd", "pythonw.exe", "(8.3)",
                   "của trang xlwings.conf (cạnh Interpreter_Win)", "Thi đua - Khen thưởng",
                   "Chọn các tệp báo cáo của đơn vị"):
        assert phrase in joined, phrase
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "Không tìm thấy Python có cài thidua cho sổ này." in readme
    with pytest.raises(AssertionError, match="bad escape"):
        vn_texts('x = Vn("Kh\\u00G4ng")')
