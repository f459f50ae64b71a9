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
from xlsrc.bundle import (ALWAYS, PYTHONS, SCRIPT, WHEELS, check_shipped_xlwings, install_script, install_workbook,
                          make_bundle, missing_requirements, start_clean, supported_tags, Wheel, write_install_script)
from xlsrc.caidat import check_quoted_paths, pip_install_steps, python_installer_version
from xlsrc.errors import ThiDuaError
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
    path = write_install_script(tmp_path / SCRIPT, "1.2.3")
    data = path.read_bytes()
    assert data.isascii()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    text = data.decode("ascii")
    assert _referenced_files(text) == [WHEELS]
    assert "py -%1-64" in text and "for %%V in (3.13 3.12 3.11)" in text              # 64-bit, py launcher
    assert r'set "VENV=%LOCALAPPDATA%\thidua\venv"' in text                           # no admin rights
    assert 'set "PYTHONUTF8=1"' in text                                                # UTF-8 output
    assert '-m pip install --no-index --find-links "%WHEELS%"' in text                # offline
    assert '--upgrade "thidua==1.2.3"' in text                                         # exactly this bundle's version
    assert '--force-reinstall --no-deps "thidua==1.2.3"' in text                      # a rebuilt same version too
    assert 'if not exist "%WHEELS%\\" goto notextracted' in text and "giai nen truoc" in text
    assert 'tasklist /FI "IMAGENAME eq EXCEL.EXE"' in text                             # Excel closed first
    assert '-c "import xlsrc.macros, win32com.client"' in text and "goto broken" in text
    assert text.index("import xlsrc.macros, win32com.client") < text.index("echo Da cai xong")
    assert "-m xlsrc.bundle workbook" in text                                          # ThiDua.xlsm
    assert "https://www.python.org/downloads/windows/" in text                        # where to get Python
    assert "python-3." not in text                                                    # no installer given
    # echo text inside a parenthesised block would end it: CaiDat.cmd uses labels only
    assert not any(ln.rstrip().endswith("(") for ln in text.splitlines())


def test_install_script_installs_the_bundled_python_per_user_silently():
    text = install_script("1.0", "python-3.12.8-amd64.exe")
    line = next(ln for ln in text.splitlines() if ln.startswith('"%HERE%python\\python-3.12.8-amd64.exe"'))
    for option in ("/quiet", "InstallAllUsers=0", "InstallLauncherAllUsers=0", "PrependPath=0",
                   'TargetDir="%LOCALAPPDATA%\\Programs\\Python\\Python312"'):
        assert option in line.split(), option
    assert 'set "PYEXE=%LOCALAPPDATA%\\Programs\\Python\\Python312\\python.exe"' in text
    assert check_quoted_paths(text) == []
    assert python_installer_version("python-3.13.1-amd64.exe") == "3.13"
    for bad in ("python-3.13.1.exe", "python-3.10.11-amd64.exe", "python-3.13.1-arm64.exe", "setup.exe"):
        with pytest.raises(ThiDuaError, match="64-bit"):
            python_installer_version(bad)


def test_every_path_in_the_script_is_quoted():
    """A user name such as 'Nguyen & Tran' splits an unquoted command."""
    text = install_script("1.0", "python-3.13.1-amd64.exe")
    assert check_quoted_paths(text) == []
    planted = text.replace('"%PYEXE%" -m venv "%VENV%"', '%PYEXE% -m venv "%VENV%"')
    bad_line = next(ln for ln in planted.splitlines() if ln.endswith('%PYEXE% -m venv "%VENV%"'))
    number = planted.splitlines().index(bad_line) + 1
    assert planted != text and check_quoted_paths(planted) == [
        f"CaiDat.cmd dòng {number}: %PYEXE% không nằm trong dấu ngoặc kép: {bad_line}"]
    echoed = text.replace('echo Da cai xong thidua vao: "%VENV%"', "echo Da cai xong thidua vao: %VENV%")
    assert len(check_quoted_paths(echoed)) == 1
    half = text.replace('"%HERE%python\\python', '%HERE%"python\\python')
    assert check_quoted_paths(half)
    with pytest.raises(ThiDuaError, match="ngoặc kép"):
        import xlsrc.caidat as caidat
        original = caidat.install_script
        caidat.install_script = lambda *a: planted
        try:
            caidat.write_install_script(Path("unused.cmd"))
        finally:
            caidat.install_script = original


def _thidua_wheel(folder: Path, stamp: str) -> Path:
    """A thidua 0.1.0 wheel whose code says which build it is."""
    folder.mkdir(parents=True, exist_ok=True)
    dist = "thidua-0.1.0"
    path = folder / f"{dist}-py3-none-any.whl"
    files = {"xlsrc/__init__.py": f"BUILD = {stamp!r}\n",
             f"{dist}.dist-info/METADATA": "Metadata-Version: 2.1\nName: thidua\nVersion: 0.1.0\n",
             f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{dist}.dist-info/RECORD"] = "".join(f"{n},,\n" for n in files) + f"{dist}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


@pytest.mark.long
def test_a_rebuilt_bundle_of_the_same_version_reaches_the_environment(tmp_path):
    """Issue 18 §4: pip keeps an installed same-version thidua ("Requirement
    already satisfied"); the script's second step reinstalls it from the
    bundle. Two wheels of thidua 0.1.0, installed offline into a venv with the
    steps CaiDat.cmd runs."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")

    def install(wheels: Path, steps) -> str:
        for step in steps:
            run = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), *step],
                                 capture_output=True, text=True)
            assert run.returncode == 0, run.stderr
        probe = subprocess.run([str(python), "-c", "import xlsrc; print(xlsrc.BUILD)"], capture_output=True,
                               text=True, cwd=tmp_path)
        return probe.stdout.strip()

    first, second = _thidua_wheel(tmp_path / "old" / WHEELS, "first"), _thidua_wheel(tmp_path / "new" / WHEELS, "second")
    assert install(first.parent, pip_install_steps(str(first.parent), "0.1.0")) == "first"
    # the defect: the upgrade step alone keeps the first build
    assert install(second.parent, pip_install_steps(str(second.parent), "0.1.0")[:1]) == "first"
    assert install(second.parent, pip_install_steps(str(second.parent), "0.1.0")) == "second"


def test_bundle_force_starts_the_folder_clean(tmp_path):
    """Issue 22.8: a leftover thidua-99.0 wheel of an older bundle is gone."""
    out = tmp_path / "ThiDua-CaiDat"
    _thidua_wheel(out / WHEELS, "old").rename(out / WHEELS / "thidua-99.0-py3-none-any.whl")
    (out / "python").mkdir()
    (out / "python" / "python-3.11.0-amd64.exe").write_bytes(b"MZ")
    (out / SCRIPT).write_text("old")
    (out / "GhiChu.txt").write_text("IT's own note")
    with pytest.raises(ThiDuaError, match="--force"):
        start_clean(out, force=False)
    assert (out / WHEELS / "thidua-99.0-py3-none-any.whl").exists()
    start_clean(out, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["GhiChu.txt", WHEELS]
    assert list((out / WHEELS).iterdir()) == []
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ThiDuaError, match="là một tệp"):
        start_clean(tmp_path / "a-file", force=True)


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


@pytest.mark.long
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
def bundle(tmp_path_factory, worker_id) -> Path:
    """The bundle, built once per run: the pytest-xdist workers share it (the
    temporary folder of the whole run; whoever comes first builds it under a
    lock, the others wait and read it). Read only by the tests."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks: each worker builds its own
        fcntl = None
    shared = worker_id != "master" and fcntl is not None
    root = tmp_path_factory.getbasetemp().parent if shared else tmp_path_factory.mktemp("bundle")
    out = root / "bundle" / "ThiDua-CaiDat"
    with open(root / "bundle.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "bundle" / "built").exists():
            make_bundle(out, force=True)
            (root / "bundle" / "built").touch()
    return out


@pytest.mark.long
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


@pytest.mark.long
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


@pytest.mark.long
@pytest.mark.slow
def test_pure_python_part_installs_offline_from_the_bundle(bundle, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # this pip installs into it (--python): no ensurepip, ≈ 5 s
    python = env_dir / "bin" / "python"
    pure = sorted(str(p) for p in (bundle / WHEELS).glob("*-none-any.whl"))
    for _ in range(2):  # twice: the second run is an upgrade that changes nothing
        run = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
                              "--find-links", str(bundle / WHEELS), "--no-deps", "--upgrade", "--quiet", *pure],
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


# -- the xlwings the bundle ships ----------------------------------------------------------
def _quickstart(rename_runpython: bool = False) -> bytes:
    """The installed xlwings' quickstart workbook; optionally as a release
    that renamed RunPython would ship it (the module stored as source only)."""
    import struct

    import xlwings

    from tests.test_xlsm_vba_project import _with_vba_streams
    from xlsrc.xlsm.ovba_compression import compress, decompress
    from xlsrc.xlsm.vba_project import (MODULEOFFSET, MODULESTREAMNAME, QUICKSTART, parse_dir, split_dir,
                                        stored_source, write_dir)
    data = (Path(xlwings.__file__).parent / QUICKSTART).read_bytes()

    def rename(streams):
        head, modules, tail = split_dir(parse_dir(decompress(streams["VBA/dir"])))
        records = list(head)
        for name, group in modules:
            if name == "xlwings":
                stream = dict(group)[MODULESTREAMNAME].decode("latin-1")
                source = stored_source(streams, group).replace(b"Function RunPython(", b"Function RunPy(")
                streams[f"VBA/{stream}"] = compress(source)
                group = [(r, struct.pack("<I", 0) if r == MODULEOFFSET else p) for r, p in group]
            records += group
        streams["VBA/dir"] = compress(write_dir(records + tail))
    return _with_vba_streams(data, rename) if rename_runpython else data


def _xlwings_wheel(folder: Path, quickstart: bytes | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = fake_wheel(folder, "xlwings", "0.37.99", "cp313-cp313-win_amd64")
    if quickstart is not None:
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("xlwings/quickstart_standalone.xlsm", quickstart)
    return path


def test_a_workbook_is_built_and_checked_from_the_shipped_xlwings(tmp_path):
    """Issue 18 §4: an xlwings release that breaks our VBA fails the bundle,
    not the users' PCs."""
    _xlwings_wheel(tmp_path / "good", _quickstart())
    assert check_shipped_xlwings(tmp_path / "good") == []
    _xlwings_wheel(tmp_path / "renamed", _quickstart(rename_runpython=True))
    problems = check_shipped_xlwings(tmp_path / "renamed")
    assert problems and any("gọi Sub 'RunPython' không có" in p for p in problems), problems
    _xlwings_wheel(tmp_path / "none", None)
    assert any("không có xlwings/quickstart_standalone.xlsm" in p for p in check_shipped_xlwings(tmp_path / "none"))
    (tmp_path / "empty").mkdir()
    assert check_shipped_xlwings(tmp_path / "empty") == ["bộ cài không có wheel của xlwings"]


def test_xlwings_is_pinned_to_the_tested_range():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version
    source = Path(__file__).resolve().parents[1]
    deps = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = next(Requirement(d).specifier for d in deps if Requirement(d).name == "xlwings")
    import xlwings
    assert Version(xlwings.__version__) in spec                   # the installed (tested) release is allowed
    assert Version("0.38.0") not in spec and Version("1.0") not in spec  # the next minor release is not
