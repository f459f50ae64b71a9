"""`thidua bundle --windows`: an offline installer folder for Windows PCs with
no internet access and no administrator rights.

The folder holds ``wheels/`` (the project's wheel and every dependency as a
``win_amd64`` or ``py3-none-any`` wheel for CPython 3.11, 3.12 and 3.13) and
``CaiDat.cmd``, which finds Python through the ``py`` launcher, makes a venv
under ``%LOCALAPPDATA%\\thidua\\venv``, installs from ``wheels/`` with
``--no-index`` and writes ``ThiDua.xlsm`` to the user's Documents folder
(``python -m xlsrc.bundle workbook``). Run again, it upgrades.

pip evaluates environment markers against the machine it runs on, not the
``--platform`` it downloads for, so Windows-only dependencies (pywin32 for
xlwings, colorama for click…) are found here by reading every wheel's
metadata with Windows markers, and downloaded until nothing is missing."""
from __future__ import annotations

import email.parser
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from .errors import ThiDuaError

PYTHONS = ((3, 11), (3, 12), (3, 13))
PLATFORM = "win_amd64"
WHEELS = "wheels"
SCRIPT = "CaiDat.cmd"
INSTALL_DIR = r"%LOCALAPPDATA%\thidua"          # the VBA looks here too (workbook/ThiDua.bas)
VENV_DIR = INSTALL_DIR + r"\venv"
WORKBOOK_NAME = "ThiDua.xlsm"
ALWAYS = ("pywin32",)  # xlwings needs it on Windows; its marker hides it from pip on Linux


def windows_environment(python: tuple[int, int]) -> dict[str, str]:
    env = default_environment()
    version = f"{python[0]}.{python[1]}"
    env.update({"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
                "platform_machine": "AMD64", "platform_release": "10", "platform_version": "10.0.19045",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "python_version": version, "python_full_version": f"{version}.0",
                "implementation_version": f"{version}.0"})
    return env


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: object
    tags: frozenset

    @classmethod
    def read(cls, path: Path) -> "Wheel":
        name, version, _, tags = parse_wheel_filename(path.name)
        return cls(path, name, version, frozenset(tags))

    def requires(self) -> list[Requirement]:
        with zipfile.ZipFile(self.path) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            message = email.parser.Parser().parsestr(z.read(meta).decode("utf-8"))
        return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def supported_tags(python: tuple[int, int]) -> set:
    interpreter = f"cp{python[0]}{python[1]}"
    return set(cpython_tags(python, platforms=[PLATFORM])) | set(
        compatible_tags(python, interpreter=interpreter, platforms=[PLATFORM]))


def wheels_in(folder: Path) -> list[Wheel]:
    return [Wheel.read(p) for p in sorted(folder.glob("*.whl"))]


def missing_requirements(folder: Path, roots: list[str], python: tuple[int, int]) -> list[str]:
    """Requirements (Windows markers, for ``python``) reachable from
    ``roots`` that no wheel in ``folder`` satisfies, as requirement strings."""
    tags = supported_tags(python)
    env = windows_environment(python)
    usable: dict[str, list[Wheel]] = {}
    for w in wheels_in(folder):
        if w.tags & tags:
            usable.setdefault(canonicalize_name(w.name), []).append(w)
    missing: list[str] = []
    todo = [(Requirement(r), frozenset()) for r in roots]
    seen: set = set()
    while todo:
        req, extras = todo.pop()
        key = (canonicalize_name(req.name), str(req.specifier), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        if req.marker is not None and not any(req.marker.evaluate(dict(env, extra=e)) for e in (extras or {""})):
            continue
        candidates = [w for w in usable.get(canonicalize_name(req.name), [])
                      if req.specifier.contains(w.version, prereleases=True)]
        if not candidates:
            missing.append(str(Requirement(f"{req.name}{req.specifier}")))
            continue
        best = max(candidates, key=lambda w: w.version)
        for sub in best.requires():
            todo.append((sub, frozenset(req.extras)))
    return sorted(set(missing))


def _pip(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
        raise ThiDuaError(f"pip {args[0]} không thành công:\n{tail}")


def build_project_wheel(source: Path, dest: Path) -> Path:
    before = set(dest.glob("thidua-*.whl"))
    _pip(["wheel", "--no-deps", "--quiet", "-w", str(dest), str(source)])
    built = sorted(set(dest.glob("thidua-*.whl")) - before) or sorted(dest.glob("thidua-*.whl"))
    if not built:
        raise ThiDuaError("Không dựng được wheel của thidua.")
    return built[-1]


def download_for_windows(requirements: list[str], dest: Path, python: tuple[int, int]) -> None:
    _pip(["download", "--quiet", "--only-binary=:all:", "--platform", PLATFORM, "--implementation", "cp",
          "--python-version", f"{python[0]}.{python[1]}", "-d", str(dest), *requirements])


def fetch_requirement(requirement: str, dest: Path, python: tuple[int, int]) -> None:
    """A Windows wheel of ``requirement``; a package published only as source
    (win-unicode-console, which pcodedmp needs on Windows) is built here into
    a wheel, kept only when it is pure Python (``py3-none-any``)."""
    try:
        download_for_windows([requirement], dest, python)
        return
    except ThiDuaError:
        pass
    before = set(dest.glob("*.whl"))
    _pip(["wheel", "--no-deps", "--quiet", "--no-binary=:all:", "-w", str(dest), requirement])
    for path in set(dest.glob("*.whl")) - before:
        if not Wheel.read(path).tags & supported_tags(python):
            path.unlink()
            raise ThiDuaError(f"Gói {requirement} không có wheel cho Windows và không phải Python thuần.")


def project_source() -> Path | None:
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").exists() and (root / "xlsrc").is_dir() else None


def make_bundle(output: Path, source: Path | None = None, force: bool = False,
                pythons=PYTHONS) -> list[Path]:
    """Write the bundle folder; the wheels it holds."""
    source = source or project_source()
    if source is None or not (source / "pyproject.toml").exists():
        raise ThiDuaError("Không thấy mã nguồn thidua (pyproject.toml). Chạy lệnh trong thư mục mã nguồn "
                          "hoặc chỉ ra bằng --source.")
    output = Path(output)
    if output.exists() and any(output.iterdir()) and not force:
        raise ThiDuaError(f"Thư mục '{output}' đã có nội dung. Dùng --force để ghi thêm/ghi đè.")
    wheels = output / WHEELS
    wheels.mkdir(parents=True, exist_ok=True)
    project = build_project_wheel(source, wheels)
    roots = [str(project), *ALWAYS]
    for python in pythons:
        download_for_windows(roots, wheels, python)
        for _ in range(5):  # Windows-only dependencies, level by level
            missing = missing_requirements(wheels, [f"thidua=={Wheel.read(project).version}", *ALWAYS], python)
            if not missing:
                break
            for requirement in missing:
                fetch_requirement(requirement, wheels, python)
        else:
            raise ThiDuaError(f"Không tải đủ phụ thuộc cho Python {python[0]}.{python[1]}: {', '.join(missing)}")
    write_install_script(output / SCRIPT)
    return sorted(wheels.glob("*.whl"))


def install_script() -> str:
    """CaiDat.cmd: ASCII (cmd reads it in the OEM code page), CRLF line ends;
    the Vietnamese it prints is written without diacritics."""
    lines = [
        "@echo off",
        "rem CaiDat.cmd - cai dat thidua cho nguoi dung nay, khong can quyen quan tri.",
        "rem Tao boi lenh: thidua bundle --windows. Chay lai de nang cap; so da co khong bi ghi de.",
        "setlocal EnableExtensions",
        'set "HERE=%~dp0"',
        f'set "VENV={VENV_DIR}"',
        'set "PY="',
        "",
        "rem 1. Python 3.11 - 3.13 qua py launcher",
        "for %%V in (3.13 3.12 3.11) do call :try %%V",
        "if not defined PY goto nopython",
        "echo Dung Python: %PY%",
        "",
        "rem 2. Moi truong rieng trong %LOCALAPPDATA%\\thidua\\venv (tao lai neu hong)",
        'if exist "%VENV%\\Scripts\\python.exe" "%VENV%\\Scripts\\python.exe" -c "import sys" >nul 2>&1 || '
        'rmdir /s /q "%VENV%" >nul 2>&1',
        'if not exist "%VENV%\\Scripts\\python.exe" %PY% -m venv "%VENV%"',
        'if not exist "%VENV%\\Scripts\\python.exe" goto failed',
        "",
        f"rem 3. Cai tu thu muc {WHEELS}, khong dung Internet",
        f'"%VENV%\\Scripts\\python.exe" -m pip install --no-index --find-links "%HERE%{WHEELS}" '
        "--upgrade --disable-pip-version-check --quiet thidua",
        "if errorlevel 1 goto failed",
        "",
        f"rem 4. So {WORKBOOK_NAME} trong Documents, xlwings.conf tro toi moi truong nay",
        '"%VENV%\\Scripts\\python.exe" -m xlsrc.bundle workbook',
        "if errorlevel 1 goto failed",
        "",
        "rem 5. Bao cho nguoi dung",
        "echo.",
        "echo Da cai xong thidua vao: %VENV%",
        f"echo Mo so {WORKBOOK_NAME} trong thu muc Documents, bam Enable Content de dung cac nut.",
        "echo Chay lai CaiDat.cmd bat cu luc nao de nang cap.",
        "pause",
        "exit /b 0",
        "",
        ":try",
        "if defined PY goto :eof",
        'py -%1 -c "import sys" >nul 2>&1 && set "PY=py -%1"',
        "goto :eof",
        "",
        ":nopython",
        "echo Khong tim thay Python 3.11, 3.12 hoac 3.13 tren may nay.",
        "echo Tai Python tu https://www.python.org/downloads/windows/ - ban Windows installer 64-bit.",
        "echo Khi cai, chon Install Now cho rieng nguoi dung nay, khong can quyen quan tri,",
        "echo va giu dau chon py launcher. Sau do chay lai CaiDat.cmd.",
        "pause",
        "exit /b 1",
        "",
        ":failed",
        "echo Cai dat khong thanh cong. Xem thong bao o tren, hoac gui anh man hinh nay cho bo phan CNTT.",
        "pause",
        "exit /b 2",
    ]
    return "\r\n".join(lines) + "\r\n"


def write_install_script(path: Path) -> Path:
    text = install_script()
    if not text.isascii():
        raise ThiDuaError("CaiDat.cmd phải là ASCII.")
    path.write_bytes(text.encode("ascii"))
    return path


# -- run on the user's PC by CaiDat.cmd ----------------------------------------
def documents_folder() -> Path:
    """The user's Documents folder (it may be redirected, e.g. to OneDrive)."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes
        import uuid
        folder_id = uuid.UUID("{FDD39AD0-238F-46AF-ADB4-6C85480369C7}")  # FOLDERID_Documents
        guid = (ctypes.c_byte * 16).from_buffer_copy(folder_id.bytes_le)
        out = ctypes.c_wchar_p()
        if ctypes.windll.shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(out)) == 0:
            path = Path(out.value)
            ctypes.windll.ole32.CoTaskMemFree(out)
            return path
        del wintypes
    return Path.home() / "Documents"


def install_workbook(folder: Path | None = None) -> tuple[Path, bool]:
    """Write ThiDua.xlsm (its xlwings.conf pointing at this Python) unless
    the user already has one: (path, written)."""
    from .builder import write_workbook
    folder = folder or documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / WORKBOOK_NAME
    if path.exists():
        return path, False
    return write_workbook(path), True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["workbook"]:
        print("Dùng: python -m xlsrc.bundle workbook [THƯ_MỤC]", file=sys.stderr)
        return 2
    try:
        path, written = install_workbook(Path(args[1]) if len(args) > 1 else None)
    except ThiDuaError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if written:
        print(f"Đã tạo sổ: {path}")
    else:
        print(f"Sổ đã có, giữ nguyên (không ghi đè): {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
