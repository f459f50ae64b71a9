"""Test and benchmark helper: the process an Excel button starts.

``runpython_command`` is the command xlwings' ``ExecuteWindows``
(xlwings.bas) runs for ``RunPython "<python_command>"``, as an argument list.
``installed_env`` makes a virtual environment laid out as an installation
from the wheel: its site-packages has the worktree and our venv's libraries
on the path (a .pth of paths) and our ``thidua-xlwings.pth`` hook, which
``setup.py`` puts at the top of site-packages."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOK = ROOT / "xlsrc" / "thidua-xlwings.pth"
WORKBOOK = r"C:\Users\Nguyễn\Documents\ThiDua.xlsm"


def runpython_command(python_command: str, python: str = sys.executable, workbook: str = WORKBOOK) -> list[str]:
    """``python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(\\"…\\"); <command>" --wb=… --from_xl=1 …``"""
    pythonpath = ";".join(["true", workbook, workbook, "", "", "", ""]).replace("\\", "\\\\")  # as the VBA does
    code = f'import xlwings.utils;xlwings.utils.prepare_sys_path("{pythonpath}"); {python_command}'
    return [python, "-B", "-c", code, f"--wb={workbook.rsplit(chr(92), 1)[-1]}", "--from_xl=1",
            r"--app=C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE", "--hwnd=132456"]


def installed_env(folder: Path, hook: bool = True) -> str:
    """A venv in ``folder`` (without pip) that sees the worktree and our
    libraries, with the .pth hook when ``hook``; returns its python."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts/python.exe" if sys.platform.startswith("win") else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    ours = sysconfig.get_paths()["purelib"]
    (site / "00-thidua-paths.pth").write_text(f"{ROOT}\n{ours}\n", encoding="utf-8")
    if hook:
        (site / HOOK.name).write_bytes(HOOK.read_bytes())
    return str(python)
