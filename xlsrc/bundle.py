"""`thidua bundle --windows`: an offline installer folder for Windows PCs with
no internet access and no administrator rights.

The folder holds ``wheels/`` (the project's wheel and every dependency as a
``win_amd64`` or ``py3-none-any`` wheel for CPython 3.11, 3.12 and 3.13),
``CaiDat.cmd`` (xlsrc/caidat.py: a 64-bit Python through the ``py``
launcher, a venv under ``%LOCALAPPDATA%\\thidua\\venv``, the exact version
of this bundle installed from ``wheels/`` with ``--no-index``, and
``ThiDua.xlsm`` in the user's Documents folder through ``python -m
xlsrc.bundle workbook``; run again, it upgrades) and, with
``--python-installer``, ``python/`` holding a Python installer. ``--force``
starts the folder clean; before it is written, a workbook is built from the
xlwings wheel the bundle ships and checked, so an xlwings release that breaks
the VBA shows here.

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

from .caidat import (INSTALL_DIR, PYTHON_DIR, SCRIPT, VENV_DIR, WHEELS, WORKBOOK_NAME,  # noqa: F401 (re-exported)
                     install_script, python_installer_version, write_install_script)
from .errors import ThiDuaError

PYTHONS = ((3, 11), (3, 12), (3, 13))
PLATFORM = "win_amd64"
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
    """The project's wheel, into ``dest`` (which start_clean emptied)."""
    _pip(["wheel", "--no-deps", "--quiet", "-w", str(dest), str(source)])
    built = sorted(dest.glob("thidua-*.whl"))
    if len(built) != 1:
        raise ThiDuaError("Không dựng được wheel của thidua." if not built else
                          f"Thư mục {dest} có nhiều wheel của thidua: {', '.join(p.name for p in built)}.")
    return built[0]


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


def start_clean(output: Path, force: bool) -> Path:
    """The bundle folder, ready to fill: a folder with content needs
    ``--force``, and then what an earlier bundle left there (``wheels/``,
    ``python/``, CaiDat.cmd) is removed first, so that no stale wheel (an
    older or newer thidua) is left for pip to prefer."""
    import shutil
    output = Path(output)
    if output.exists() and not output.is_dir():
        raise ThiDuaError(f"'{output}' là một tệp, không phải thư mục. Chọn tên thư mục khác bằng -o.")
    if output.exists() and any(output.iterdir()):
        if not force:
            raise ThiDuaError(f"Thư mục '{output}' đã có nội dung. Dùng --force để dựng lại bộ cài trong đó "
                              f"(các thư mục {WHEELS}, {PYTHON_DIR} và {SCRIPT} cũ bị xoá trước).")
        for name in (WHEELS, PYTHON_DIR):
            if (output / name).is_dir():
                shutil.rmtree(output / name)
        (output / SCRIPT).unlink(missing_ok=True)
    (output / WHEELS).mkdir(parents=True, exist_ok=True)
    return output


def add_python_installer(output: Path, installer: Path) -> str:
    """Copy the Python installer IT gives into ``python/`` of the bundle; its file name."""
    import shutil
    installer = Path(installer)
    python_installer_version(installer.name)
    if not installer.is_file():
        raise ThiDuaError(f"Không thấy tệp cài Python '{installer}'.")
    (output / PYTHON_DIR).mkdir(exist_ok=True)
    shutil.copyfile(installer, output / PYTHON_DIR / installer.name)
    return installer.name


def check_shipped_xlwings(wheels: Path) -> list[str]:
    """Build ThiDua.xlsm from each xlwings wheel in the bundle (its own
    quickstart workbook, as `thidua new` would on the user's PC) and run the
    static checks of the workbook, so that an xlwings release that breaks
    our VBA shows here, at bundle time; the problems found."""
    from .builder import build_workbook
    from .xlsm import read_module_source
    from .xlsm.static_checks import check_all
    from .xlsm.vba_project import QUICKSTART
    found = [w for w in wheels_in(wheels) if canonicalize_name(w.name) == "xlwings"]
    if not found:
        return ["bộ cài không có wheel của xlwings"]
    problems = []
    for wheel in found:
        with zipfile.ZipFile(wheel.path) as z:
            try:
                quickstart = z.read(f"xlwings/{QUICKSTART}")
            except KeyError:
                problems.append(f"{wheel.path.name}: không có xlwings/{QUICKSTART}")
                continue
        try:
            xlsm = build_workbook(macro=True, quickstart=quickstart)
        except (ValueError, KeyError, OSError) as exc:
            problems.append(f"{wheel.path.name}: không dựng được sổ .xlsm ({exc})")
            continue
        problems += [f"{wheel.path.name}: {p}" for p in check_all(xlsm, read_module_source())]
    return problems


def make_bundle(output: Path, source: Path | None = None, force: bool = False,
                pythons=PYTHONS, python_installer: Path | None = None) -> list[Path]:
    """Write the bundle folder; the wheels it holds."""
    source = source or project_source()
    if source is None or not (source / "pyproject.toml").exists():
        raise ThiDuaError("Không thấy mã nguồn thidua (pyproject.toml). Chạy lệnh trong thư mục mã nguồn "
                          "hoặc chỉ ra bằng --source.")
    if python_installer is not None:
        python_installer_version(Path(python_installer).name)  # before minutes of downloads
    output = start_clean(output, force)
    wheels = output / WHEELS
    project = build_project_wheel(source, wheels)
    version = str(Wheel.read(project).version)
    roots = [str(project), *ALWAYS]
    for python in pythons:
        download_for_windows(roots, wheels, python)
        for _ in range(5):  # Windows-only dependencies, level by level
            missing = missing_requirements(wheels, [f"thidua=={version}", *ALWAYS], python)
            if not missing:
                break
            for requirement in missing:
                fetch_requirement(requirement, wheels, python)
        else:
            raise ThiDuaError(f"Không tải đủ phụ thuộc cho Python {python[0]}.{python[1]}: {', '.join(missing)}")
    problems = check_shipped_xlwings(wheels)
    if problems:
        raise ThiDuaError("Sổ ThiDua.xlsm dựng từ xlwings trong bộ cài không đạt kiểm tra (đừng phát hành bộ cài "
                          "này; giữ xlwings trong khoảng đã thử ở pyproject.toml):\n" + "\n".join(problems))
    name = add_python_installer(output, python_installer) if python_installer is not None else None
    write_install_script(output / SCRIPT, version, name)
    return sorted(wheels.glob("*.whl"))


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
    """Write ThiDua.xlsm unless the user already has one: (path, written).
    Its xlwings.conf holds the portable spelling of the installer's
    environment (%LOCALAPPDATA%\\thidua\\venv), so the user may pass the
    workbook to a colleague; the VBA resolves it on each PC."""
    from .builder import write_workbook
    folder = folder or documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / WORKBOOK_NAME
    if path.exists():
        return path, False
    return write_workbook(path), True


def main(argv: list[str] | None = None) -> int:
    from .console_text import install as plain_letters_where_needed
    plain_letters_where_needed()
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
