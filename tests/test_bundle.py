"""`thidua bundle --windows`: the offline installer folder for Windows.

The real bundle (PyPI is reached; a few minutes) is marked slow and runs in
CI all the same; the dependency closure logic, CaiDat.cmd and the workbook
step run on their own, fast."""
from __future__ import annotations

import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from xlsrc import cli
from xlsrc.bundle import (ALWAYS, PYTHONS, SCRIPT, WHEELS, install_script, install_workbook, make_bundle,
                          missing_requirements, supported_tags, Wheel, write_install_script)
from xlsrc.xlsm.static_checks import check_all
from xlsrc.xlsm import read_module_source


def fake_wheel(folder: Path, name: str, version: str, tag: str, requires: list[str] = ()) -> Path:
    """A real (tiny) wheel file with the given metadata."""
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-{tag}.whl"
    with zipfile.ZipFile(path, "w") as z:
        meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
        meta += [f"Requires-Dist: {r}" for r in requires]
        z.writestr(f"{dist}.dist-info/METADATA", "\n".join(meta) + "\n")
        z.writestr(f"{dist}.dist-info/WHEEL", f"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: {tag}\n")
    return path


# -- closure with Windows markers -----------------------------------------------------
def test_windows_only_dependencies_are_found(tmp_path):
    fake_wheel(tmp_path, "app", "1.0", "py3-none-any",
               ['winonly>=2; platform_system == "Windows"', 'linuxonly; sys_platform == "linux"',
                'extraonly; extra == "docs"', "numeric>=1.5", 'old; python_version < "3.8"'])
    fake_wheel(tmp_path, "numeric", "1.6", "cp312-cp312-win_amd64")
    py311 = (3, 11)
    assert missing_requirements(tmp_path, ["app"], py311) == ["numeric>=1.5", "winonly>=2"]
    assert missing_requirements(tmp_path, ["app"], (3, 12)) == ["winonly>=2"]
    fake_wheel(tmp_path, "numeric", "1.6", "cp311-cp311-win_amd64")
    fake_wheel(tmp_path, "winonly", "1.9", "py3-none-any")            # too old
    assert missing_requirements(tmp_path, ["app"], py311) == ["winonly>=2"]
    fake_wheel(tmp_path, "winonly", "2.1", "py3-none-any", ['deep; os_name == "nt"'])
    assert missing_requirements(tmp_path, ["app"], py311) == ["deep"]  # level by level
    fake_wheel(tmp_path, "deep", "1.0", "cp311-cp311-manylinux_2_17_x86_64")  # a Linux wheel does not count
    assert missing_requirements(tmp_path, ["app"], py311) == ["deep"]
    fake_wheel(tmp_path, "deep", "1.0", "py2.py3-none-any")
    assert missing_requirements(tmp_path, ["app"], py311) == []


def test_supported_tags_are_windows_cpython():
    tags = {str(t) for t in supported_tags((3, 13))}
    assert {"cp313-cp313-win_amd64", "cp313-abi3-win_amd64", "py3-none-any"} <= tags
    assert not any("linux" in t or "macosx" in t or "cp311-cp311" in t for t in tags)


# -- CaiDat.cmd ------------------------------------------------------------------------
def _referenced_files(script: str) -> list[str]:
    return re.findall(r'%HERE%([^"%\s]+)', script)


def test_install_script_is_ascii_crlf_and_does_what_it_says(tmp_path):
    path = write_install_script(tmp_path / SCRIPT)
    data = path.read_bytes()
    assert data.isascii()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    text = data.decode("ascii")
    assert _referenced_files(text) == [WHEELS]
    assert "py -%1" in text and "for %%V in (3.13 3.12 3.11)" in text                 # py launcher
    assert r'set "VENV=%LOCALAPPDATA%\thidua\venv"' in text                           # no admin rights
    assert "-m pip install --no-index --find-links" in text and "--upgrade" in text   # offline, upgrades
    assert "-m xlsrc.bundle workbook" in text                                          # ThiDua.xlsm
    assert "https://www.python.org/downloads/windows/" in text                        # where to get Python
    # echo text inside a parenthesised block would end it: CaiDat.cmd uses labels only
    assert not any(ln.rstrip().endswith("(") for ln in text.splitlines())


def test_the_vba_looks_where_the_installer_installs():
    assert r"%LOCALAPPDATA%\thidua\venv\Scripts\pythonw.exe" in read_module_source()
    assert r"%LOCALAPPDATA%\thidua\venv" in install_script()


def test_workbook_step_writes_once_and_then_keeps_the_users_book(tmp_path):
    docs = tmp_path / "Tài liệu"
    path, written = install_workbook(docs)
    assert written and path == docs / "ThiDua.xlsm"
    assert check_all(path.read_bytes(), read_module_source()) == []
    before = path.read_bytes()
    path, written = install_workbook(docs)
    assert not written and path.read_bytes() == before


def test_workbook_step_from_the_command_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "xlsrc.bundle", "workbook", str(tmp_path)],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0 and "Đã tạo sổ:" in run.stdout
    again = subprocess.run([sys.executable, "-m", "xlsrc.bundle", "workbook", str(tmp_path)],
                           capture_output=True, text=True, encoding="utf-8")
    assert again.returncode == 0 and "giữ nguyên" in again.stdout


def test_bundle_command_refuses_without_windows_or_into_a_full_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["bundle", "-o", str(tmp_path / "b")])
    assert exc.value.code == 2 and "--windows" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(SystemExit) as exc:
        cli.main(["bundle", "--windows", "-o", str(tmp_path / "full")])
    assert exc.value.code == 2 and "--force" in capsys.readouterr().err


# -- the real bundle ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "ThiDua-CaiDat"
    make_bundle(out)
    return out


@pytest.mark.slow
def test_bundle_resolves_every_dependency_for_windows(bundle):
    wheels = [Wheel.read(p) for p in (bundle / WHEELS).glob("*.whl")]
    names = {w.name.lower().replace("_", "-") for w in wheels}
    assert {"thidua", "xlwings", "pywin32", "pandas", "numpy", "openpyxl", "colorama"} <= names
    for w in wheels:
        assert any(t.platform in ("win_amd64", "any") for t in w.tags), w.path.name
    for python in PYTHONS:
        assert missing_requirements(bundle / WHEELS, ["thidua", *ALWAYS], python) == [], python
        assert any(w.name == "pywin32" and w.tags & supported_tags(python) for w in wheels)


@pytest.mark.slow
def test_install_script_refers_only_to_files_in_the_bundle(bundle):
    text = (bundle / SCRIPT).read_bytes().decode("ascii")
    for ref in _referenced_files(text):
        assert (bundle / ref).exists(), ref
    project = next((bundle / WHEELS).glob("thidua-*.whl"))
    names = zipfile.ZipFile(project).namelist()
    assert "xlsrc/bundle.py" in names and "xlsrc_workbook/ThiDua.bas" in names  # python -m xlsrc.bundle workbook
    # every package and template of the source tree is in the wheel (else a button fails on the user's PC)
    source = Path(__file__).resolve().parents[1]
    for init in (source / "xlsrc").rglob("__init__.py"):
        assert init.relative_to(source).as_posix() in names
    for template in (source / "templates").glob("*.docx"):
        assert f"xlsrc_templates/{template.name}" in names


@pytest.mark.slow
def test_pure_python_part_installs_offline_from_the_bundle(bundle, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pure = sorted(str(p) for p in (bundle / WHEELS).glob("*-none-any.whl"))
    for _ in range(2):  # twice: the second run is an upgrade that changes nothing
        run = subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--find-links",
                              str(bundle / WHEELS), "--no-deps", "--upgrade", "--quiet", *pure],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    probe = ("import xlsrc, xlsrc.bundle, xlsrc.vntext, openpyxl, xlsxwriter, typer, rich, defusedxml, "
             "olefile; import importlib.resources as r; "
             "print(r.files('xlsrc_workbook').joinpath('ThiDua.bas').read_text()[:28])")
    run = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == 'Attribute VB_Name = "ThiDua"'


def test_every_package_of_the_source_is_shipped():
    """A package missing from pyproject's list is absent from the wheel, the
    bundle and every non-editable install (its buttons would fail)."""
    import tomllib
    source = Path(__file__).resolve().parents[1]
    listed = set(tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(source).parts) for p in (source / "xlsrc").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
