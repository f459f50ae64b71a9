"""Issue 22.7: `compute`/`review -o COPY.xlsm` write the project's own VBA,
ribbon and xlwings settings, never the input's, and say so."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from xlsrc import cli
from xlsrc import schema as S
from xlsrc.builder import PORTABLE_INTERPRETER_WIN, build_workbook
from xlsrc.demo_data import demo_content
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.static_checks import check_all, vba_modules
from xlsrc.xlsm.vba_project import quickstart_vba_bin

FOREIGN_PYTHON = r"\\server\share\python.exe"


def _foreign_xlsm(path) -> None:
    """A unit's .xlsm whose macros are not ours: xlwings' sample project
    (Module1), a signature part, a second ribbon, and an xlwings.conf that
    points at a share and adds keys of its own."""
    data = build_workbook(demo_content(), macro=True, interpreter=FOREIGN_PYTHON)
    wb = openpyxl.load_workbook(io.BytesIO(data), keep_vba=True)
    conf = wb[S.CONF_SHEET]
    conf.cell(6, 1).value, conf.cell(6, 2).value = "PYTHONPATH", r"\\server\share\lib"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/vbaProject.bin":
                body = quickstart_vba_bin()
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/vbaProjectSignature.bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProjectSignature"/></Types>')
            dst.writestr(info, body)
        dst.writestr("xl/vbaProjectSignature.bin", b"someone else's signature")
        dst.writestr("xl/_rels/vbaProject.bin.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                     b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                     b'microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/>'
                     b"</Relationships>")
    path.write_bytes(out.getvalue())
    assert "Module1.bas" in vba_modules(path.read_bytes())


@pytest.fixture(scope="module")
def foreign(tmp_path_factory):
    path = tmp_path_factory.mktemp("foreign") / "DonVi_A.xlsm"
    _foreign_xlsm(path)
    return path


@pytest.mark.parametrize("command", [["compute"], ["review", "--year", "2021"]])
def test_a_macro_enabled_copy_carries_our_macros_not_the_inputs(foreign, tmp_path, capsys, command):
    out = tmp_path / "BanSao.xlsm"
    with pytest.raises(SystemExit):
        cli.main([*command, str(foreign), "-o", str(out)])
    said = capsys.readouterr()
    assert "Lưu ý: macro, cấu hình xlwings và ribbon của tệp nguồn không được chép sang 'BanSao.xlsm'" in said.err
    data = out.read_bytes()
    modules = vba_modules(data)
    assert "Module1.bas" not in modules and "ThiDua.bas" in modules
    assert check_all(data, read_module_source()) == []
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [n for n in names if "Signature" in n]
    text = b"".join(zipfile.ZipFile(io.BytesIO(data)).read(n) for n in names)
    assert FOREIGN_PYTHON.encode() not in text and b"share" not in text
    conf = {r[0]: r[1] for r in openpyxl.load_workbook(out)[S.CONF_SHEET].iter_rows(values_only=True)}
    assert conf["Interpreter_Win"] == PORTABLE_INTERPRETER_WIN and "PYTHONPATH" not in conf
    wb = openpyxl.load_workbook(out)
    assert wb[S.CONF_SHEET].sheet_state == "hidden" and wb[S.PATHS_SHEET].sheet_state == "hidden"
    assert wb[S.WORKS.name].max_row > 2  # the data is there


def test_an_xlsx_copy_says_nothing_about_macros(foreign, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["compute", str(foreign), "-o", str(tmp_path / "BanSao.xlsx")])
    assert "không được chép" not in capsys.readouterr().err
