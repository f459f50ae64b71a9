"""CaiDat.cmd, the installer script of the Windows bundle (`thidua bundle
--windows`), and the static checks it must pass (no Windows here to run it).

The script is ASCII (cmd reads it in the OEM code page) with CRLF line ends;
the Vietnamese it prints is written without diacritics. It:

0. stops with "giai nen truoc" when ``wheels\\`` is not beside it (a user
   double-clicked it inside the zip), and waits until Excel is closed;
1. finds a 64-bit Python 3.13/3.12/3.11 through the ``py`` launcher
   (``py -3.13-64``; never its path, which cmd would read in the wrong code
   page under a Vietnamese user name; the
   wheels are win_amd64), else installs the Python installer IT put in the
   bundle (``--python-installer``) for this user only, silently, without
   administrator rights;
2. makes ``%LOCALAPPDATA%\\thidua\\venv`` (again, when broken or 32-bit);
3. installs the exact version of thidua in this bundle from ``wheels\\`` with
   ``--no-index``, then reinstalls thidua itself from this bundle's wheel, so
   that a rebuilt bundle of the same version reaches the environment;
4. smoke-tests the environment (``import xlsrc.macros, win32com.client``);
5. writes ``ThiDua.xlsm`` into Documents (an existing one is kept).

Every path is quoted (a Windows user name may hold ``&``): see
:func:`check_quoted_paths`. ``PYTHONUTF8=1`` keeps Python's output in UTF-8."""
from __future__ import annotations

import re

from .errors import ThiDuaError

WHEELS = "wheels"
SCRIPT = "CaiDat.cmd"
PYTHON_DIR = "python"                           # where --python-installer puts the installer
INSTALL_DIR = r"%LOCALAPPDATA%\thidua"          # the VBA looks here too (workbook/ThiDua.bas)
VENV_DIR = INSTALL_DIR + r"\venv"
WORKBOOK_NAME = "ThiDua.xlsm"
PYTHON_VERSIONS = ("3.13", "3.12", "3.11")
SMOKE_TEST = "import xlsrc.macros, win32com.client"
PYTHON_INSTALLER = re.compile(r"python-3\.(\d+)\.(\d+)-amd64\.exe", re.I)
# the Python installer's options for one user, no UI, no administrator rights
PYTHON_INSTALLER_OPTIONS = ("/quiet InstallAllUsers=0 InstallLauncherAllUsers=0 Include_launcher=1 PrependPath=0 "
                            "Include_test=0 Shortcuts=0")


def pip_install_steps(wheels: str, version: str) -> list[list[str]]:
    """The two pip runs of step 3, as arguments after ``python -m pip``:
    the exact version with its dependencies, then thidua itself again from
    this bundle (pip keeps an installed same-version thidua otherwise)."""
    common = ["--no-index", "--find-links", wheels, "--disable-pip-version-check", "--quiet"]
    return [["install", *common, "--upgrade", f"thidua=={version}"],
            ["install", *common, "--force-reinstall", "--no-deps", f"thidua=={version}"]]


def python_installer_version(name: str) -> str:
    """'3.13' for python-3.13.1-amd64.exe; a bundle's installer must be a
    64-bit python.org installer of a version the wheels are for."""
    m = PYTHON_INSTALLER.fullmatch(name)
    if m is None or f"3.{m.group(1)}" not in PYTHON_VERSIONS:
        raise ThiDuaError(f"Tệp cài Python '{name}' phải là bản Windows 64-bit của python.org, tên dạng "
                          f"python-3.13.1-amd64.exe, phiên bản {', '.join(reversed(PYTHON_VERSIONS))}.")
    return f"3.{m.group(1)}"


def _cmd_args(args: list[str]) -> str:
    return " ".join(f'"{a}"' if a.startswith(("%", "thidua==")) else a for a in args)


def install_script(version: str | None = None, python_installer: str | None = None) -> str:
    """CaiDat.cmd for thidua ``version`` (default: the installed one);
    ``python_installer``: the file name of the Python installer in
    ``python\\`` of the bundle, if IT put one there."""
    if version is None:
        from importlib.metadata import version as installed_version
        version = installed_version("thidua")
    venv_py = '"%VENV%\\Scripts\\python.exe"'
    pip = [f"{venv_py} -m pip {_cmd_args(step)}" for step in pip_install_steps("%WHEELS%", version)]
    lines = [
        "@echo off",
        "rem CaiDat.cmd - cai dat thidua cho nguoi dung nay, khong can quyen quan tri.",
        "rem Tao boi lenh: thidua bundle --windows. Chay lai de nang cap; so da co khong bi ghi de.",
        "setlocal EnableExtensions",
        'set "HERE=%~dp0"',
        f'set "WHEELS=%HERE%{WHEELS}"',
        f'set "VENV={VENV_DIR}"',
        'set "PYVER="',
        'set "PYEXE="',
        "rem Python in UTF-8: printing Vietnamese to an English console or a redirected output never fails",
        'set "PYTHONUTF8=1"',
        "",
        "rem 0. Thu muc da giai nen; Excel da dong",
        f'if not exist "%WHEELS%\\" goto notextracted',
        ":excel",
        'tasklist /FI "IMAGENAME eq EXCEL.EXE" 2>nul | find /I "EXCEL.EXE" >nul',
        "if errorlevel 1 goto python",
        "echo Excel dang mo. Hay luu va dong moi cua so Excel, roi bam mot phim de tiep tuc.",
        "pause",
        "goto excel",
        "",
        ":python",
        "rem 1. Python 64-bit 3.13, 3.12 hoac 3.11 qua py launcher (cac wheel la win_amd64)",
        f"for %%V in ({' '.join(PYTHON_VERSIONS)}) do call :try %%V",
        "if not defined PYVER call :bundled",
        "if not defined PYVER if not defined PYEXE goto nopython",
        "if defined PYVER echo Dung Python: py %PYVER%",
        'if defined PYEXE echo Dung Python: "%PYEXE%"',
        "",
        "rem 2. Moi truong rieng trong %LOCALAPPDATA%\\thidua\\venv (tao lai neu hong hoac 32-bit)",
        f'if exist {venv_py} {venv_py} -c "import sys; sys.exit(sys.maxsize < 2**32)" >nul 2>&1 || '
        'rmdir /s /q "%VENV%" >nul 2>&1',
        f'if not exist {venv_py} if defined PYVER py %PYVER% -m venv "%VENV%"',
        f'if not exist {venv_py} if defined PYEXE "%PYEXE%" -m venv "%VENV%"',
        f"if not exist {venv_py} goto failed",
        "",
        f"rem 3. Cai thidua {version} tu thu muc {WHEELS}, khong dung Internet; cai lai chinh thidua tu bo cai nay",
        pip[0],
        "if errorlevel 1 goto failed",
        pip[1],
        "if errorlevel 1 goto failed",
        "",
        "rem 4. Thu moi truong vua cai",
        f'{venv_py} -c "{SMOKE_TEST}"',
        "if errorlevel 1 goto broken",
        'if not exist "%VENV%\\Scripts\\pythonw.exe" goto broken',
        "",
        f"rem 5. So {WORKBOOK_NAME} trong Documents",
        f"{venv_py} -m xlsrc.bundle workbook",
        "if errorlevel 1 goto failed",
        "",
        "rem 6. Bao cho nguoi dung",
        "echo.",
        'echo Da cai xong thidua vao: "%VENV%"',
        f"echo Mo so {WORKBOOK_NAME} trong thu muc Documents, bam Enable Content de dung cac nut.",
        "echo Chay lai CaiDat.cmd bat cu luc nao de nang cap.",
        "pause",
        "exit /b 0",
        "",
        ":try",
        "if defined PYVER goto :eof",
        'py -%1-64 -c "import sys" >nul 2>&1 && set "PYVER=-%1-64"',
        "goto :eof",
        "",
        ":bundled",
    ]
    if python_installer:
        minor = python_installer_version(python_installer).split(".")[1]
        installer = f"%HERE%{PYTHON_DIR}\\{python_installer}"
        target = f"%LOCALAPPDATA%\\Programs\\Python\\Python3{minor}"
        lines += [
            "rem Python do bo phan CNTT dat trong bo cai: cai cho rieng nguoi dung nay, khong hoi, khong can quyen quan tri",
            f'if not exist "{installer}" goto :eof',
            f"echo Dang cai Python 3.{minor} cho rieng nguoi dung nay (khong can quyen quan tri), xin doi...",
            f'"{installer}" {PYTHON_INSTALLER_OPTIONS} TargetDir="{target}"',
            f'if exist "{target}\\python.exe" set "PYEXE={target}\\python.exe"',
        ]
    lines += [
        "goto :eof",
        "",
        ":notextracted",
        f"echo Khong thay thu muc {WHEELS} canh CaiDat.cmd.",
        "echo Neu ban dang mo CaiDat.cmd ngay trong tep zip: hay giai nen truoc (nhap phai tep zip, chon Extract All),",
        "echo roi chay CaiDat.cmd trong thu muc vua giai nen.",
        "pause",
        "exit /b 1",
        "",
        ":nopython",
        "echo Khong tim thay Python 64-bit 3.11, 3.12 hoac 3.13 tren may nay.",
        "echo Nho bo phan CNTT dung bo cai co san Python (thidua bundle --windows --python-installer TEP), hoac",
        "echo tai Python tu https://www.python.org/downloads/windows/ - ban Windows installer 64-bit.",
        "echo Khi cai, chon Install Now cho rieng nguoi dung nay, khong can quyen quan tri,",
        "echo va giu dau chon py launcher. Sau do chay lai CaiDat.cmd.",
        "pause",
        "exit /b 1",
        "",
        ":broken",
        f"echo Moi truong Python vua cai chua chay duoc ({SMOKE_TEST}).",
        "echo Chay lai CaiDat.cmd; neu van loi, gui anh man hinh nay cho bo phan CNTT.",
        "pause",
        "exit /b 3",
        "",
        ":failed",
        "echo Cai dat khong thanh cong. Xem thong bao o tren, hoac gui anh man hinh nay cho bo phan CNTT.",
        "pause",
        "exit /b 2",
    ]
    return "\r\n".join(lines) + "\r\n"


_VAR = re.compile(r"%~dp0|%[A-Za-z_][A-Za-z0-9_]*%")
NON_PATH_VARS = {"%PYVER%"}  # '-3.13-64', the py launcher's version switch


def check_quoted_paths(script: str) -> list[str]:
    """Every variable reference (``%HERE%``, ``%VENV%``, ``%LOCALAPPDATA%``…)
    outside ``rem`` lines is inside double quotes: cmd expands variables
    before it parses ``&``, ``(`` and ``)``, so a user name such as
    ``A&B`` would split the command. Loop variables (``%%V``) and
    arguments (``%1``) hold no paths."""
    problems = []
    for number, line in enumerate(script.replace("\r\n", "\n").split("\n"), 1):
        if re.match(r"\s*rem\b", line, re.I):
            continue
        for i, part in enumerate(line.split('"')):
            if i % 2 == 0:
                for var in set(_VAR.findall(part.replace("%%", ""))) - NON_PATH_VARS:
                    problems.append(f"{SCRIPT} dòng {number}: {var} không nằm trong dấu ngoặc kép: {line.strip()}")
    return problems


def check_install_script(script: str) -> list[str]:
    problems = check_quoted_paths(script)
    if not script.isascii():
        problems.append(f"{SCRIPT} phải là ASCII")
    if any(line.rstrip().endswith("(") for line in script.splitlines()):
        problems.append(f"{SCRIPT}: không dùng khối ngoặc (echo trong khối có thể kết thúc khối); dùng nhãn")
    return problems


def write_install_script(path, version: str | None = None, python_installer: str | None = None):
    text = install_script(version, python_installer)
    problems = check_install_script(text)
    if problems:
        raise ThiDuaError("CaiDat.cmd không đạt kiểm tra:\n" + "\n".join(problems))
    path.write_bytes(text.encode("ascii"))
    return path
