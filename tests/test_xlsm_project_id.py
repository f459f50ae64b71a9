"""Each built workbook has a VBA project ID of its own (reproducible per
target path), with the values keyed to that ID re-encrypted; and a
non-ASCII character in the VBA source stops `thidua new` with a message
that names the line."""
from __future__ import annotations

import io
import re
import zipfile

import olefile
import pytest

from xlsrc import cli
from xlsrc.builder import write_workbook
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.static_checks import check_all
from xlsrc.xlsm.vba_project import (decrypt_data, encrypt_data, project_id_for, quickstart_vba_bin,
                                    with_project_id)

QUICKSTART_ID = "{5CF9CDAB-B77B-4FE4-BD7E-D29900070E1B}"


def project_stream(xlsm: bytes) -> str:
    vba = zipfile.ZipFile(io.BytesIO(xlsm)).read("xl/vbaProject.bin")
    ole = olefile.OleFileIO(io.BytesIO(vba))
    try:
        return ole.openstream("PROJECT").read().decode("latin-1")
    finally:
        ole.close()


def values(project: str) -> dict[str, str]:
    return dict(re.findall(r'^(ID|CMG|DPB|GC)="([^"]+)"', project, re.M))


def test_each_workbook_gets_its_own_reproducible_project_id(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    a = write_workbook(tmp_path / "a" / "ThiDua.xlsm").read_bytes()
    b = write_workbook(tmp_path / "b" / "ThiDua.xlsm").read_bytes()
    again = write_workbook(tmp_path / "a" / "ThiDua.xlsm", force=True).read_bytes()
    ids = {values(project_stream(x))["ID"] for x in (a, b)}
    assert len(ids) == 2 and QUICKSTART_ID not in ids
    assert values(project_stream(a))["ID"] == project_id_for(str((tmp_path / "a" / "ThiDua.xlsm").resolve()))
    assert again == a  # same target, same bytes
    assert check_all(a, read_module_source()) == []


def test_protection_values_are_keyed_to_the_new_id(tmp_path):
    quick = values(olefile.OleFileIO(io.BytesIO(quickstart_vba_bin())).openstream("PROJECT").read().decode("latin-1"))
    built = values(project_stream(write_workbook(tmp_path / "ThiDua.xlsm").read_bytes()))
    key = sum(built["ID"].encode("latin-1")) & 0xFF  # [MS-OVBA] 2.4.3: the sum of the ID's bytes
    for name in ("CMG", "DPB", "GC"):
        seed, ignored, data, old_key = decrypt_data(quick[name])
        assert old_key == sum(QUICKSTART_ID.encode()) & 0xFF
        new_seed, _, new_data, new_key = decrypt_data(built[name])
        assert (new_seed, new_data, new_key) == (seed, data, key)
        assert encrypt_data(seed, ignored, data, old_key) == quick[name]  # the cipher round-trips


def test_a_bad_project_id_is_refused():
    with pytest.raises(ValueError):
        with_project_id(b'ID="{x}"', "{not-a-guid}")


def test_non_ascii_in_the_vba_source_names_the_line(tmp_path, monkeypatch, capsys):
    source = read_module_source()
    lines = source.split("\n")
    number = next(i for i, ln in enumerate(lines, 1) if "Failure Err.Description" in ln)
    lines[number - 1] = lines[number - 1].replace("Failure Err.Description", 'MsgBox "Không chạy được"')
    monkeypatch.setattr("xlsrc.xlsm.read_module_source", lambda: "\n".join(lines))
    target = tmp_path / "ThiDua.xlsm"
    with pytest.raises(SystemExit) as exc:
        cli.main(["new", str(target)])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert f"dòng {number}" in err and "ASCII" in err and "'ôạđượ'" in err
    assert "ngoài dự kiến" not in err and not target.exists()
