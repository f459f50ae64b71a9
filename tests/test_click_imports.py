"""A click answers fast (issue 18 §7): the process a button starts does not
load pandas, matplotlib or numpy before its job needs them — checked with
xlwings' real RunPython command line, in an environment laid out as an
installation from the wheel (tests/button_process.py). No timing here: the
speed itself is measured by benchmarks/bench_click_import.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .button_process import ROOT, installed_env, runpython_command

HEAVY = ("pandas", "matplotlib", "numpy", "lxml", "docxtpl", "docx", "PIL", "openpyxl")
REPORT = f"import sys, json; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"


def _loaded(cmd, **env) -> list[str]:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def pythons(tmp_path_factory):
    base = tmp_path_factory.mktemp("envs")
    return {"hook": installed_env(base / "with_hook"), "plain": installed_env(base / "without_hook", hook=False)}


def test_importing_the_entry_module_loads_no_heavy_library():
    assert _loaded([sys.executable, "-c", f"import xlsrc.macros; {REPORT}"]) == []
    # only the standard library: xlwings and our jobs load inside the handler, where their errors are caught
    ours = _loaded([sys.executable, "-c", "import sys, json, xlsrc.macros; print(json.dumps(sorted(m for m in "
                    "sys.modules if m.split('.')[0] in ('xlwings', 'xlsrc', 'openpyxl', 'defusedxml'))))"])
    assert ours == ["xlsrc", "xlsrc.macros"]


def test_validating_a_workbook_loads_no_report_library(tmp_path):
    """validate (and compute, review) check decisions' wording without the
    report's Word stack, which only report and decision need."""
    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content
    book = write_workbook(tmp_path / "ThiDua.xlsx", demo_content())
    job = ("from xlsrc.access.files import FileBook; from xlsrc.jobs import run_validate; "
           f"assert run_validate(FileBook({str(book)!r}), write_back=False)[1]; ")
    assert _loaded([sys.executable, "-c", job + REPORT]) == []


def test_the_real_command_line_loads_no_heavy_library(pythons):
    cmd = runpython_command(f"import xlsrc.macros; {REPORT}", python=pythons["hook"])
    assert _loaded(cmd) == []
    # without the hook (today's xlwings import) the same command loads them all
    assert {"pandas", "matplotlib", "numpy"} <= set(_loaded(runpython_command(f"import xlsrc.macros; {REPORT}",
                                                                             python=pythons["plain"])))
    # a process not started by a button imports xlwings the default way
    assert {"pandas", "matplotlib"} <= set(_loaded([pythons["hook"], "-c", f"import xlwings; {REPORT}"]))


def test_a_job_still_runs_and_may_load_what_it_needs(pythons, tmp_path):
    """In the light process a button's job runs on the remote engine, and
    the report's libraries import normally afterwards."""
    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content

    from .xlwings_payload import payload_from_file
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(payload_from_file(write_workbook(tmp_path / "ThiDua.xlsx", demo_content()))),
                       encoding="utf-8")
    job = ("import xlsrc.macros, xlwings as xw; "
           f"b = xw.Book(json=json.loads(open({str(payload)!r}, encoding='utf-8').read())); b.set_mock_caller(); "
           "xlsrc.macros.validate(); "
           "heavy = sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules); "
           "import matplotlib.pyplot, pandas; "
           "said = [a['args'][0] for a in b.json()['actions'] if a['func'] == 'alert']; "
           "print(json.dumps([heavy, said], ensure_ascii=False))")
    done = subprocess.run(runpython_command(f"import sys, json; {job}", python=pythons["hook"]), cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**_no_appdata(), "XLWINGS_LICENSE_KEY": "noncommercial", "MPLBACKEND": "Agg",
                               "XDG_STATE_HOME": str(tmp_path / "state")})
    assert done.returncode == 0, done.stderr
    heavy, said = json.loads(done.stdout.strip().splitlines()[-1])
    assert heavy == []
    assert said == ["Có 0 lỗi và 1 cảnh báo. Xem cột 'Kiểm tra' của các dòng được tô màu."]


@pytest.mark.long
@pytest.mark.slow
def test_the_wheel_puts_the_hook_at_the_top_of_site_packages(tmp_path):
    """`pip wheel` (what `thidua bundle` runs) ships thidua-xlwings.pth beside the packages."""
    import zipfile

    from xlsrc.bundle import build_project_wheel
    wheel = build_project_wheel(ROOT, tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "thidua-xlwings.pth" in names and "xlsrc/light_xlwings.py" in names
    assert zipfile.ZipFile(wheel).read("thidua-xlwings.pth") == (ROOT / "xlsrc" / "thidua-xlwings.pth").read_bytes()


def _no_appdata() -> dict:
    """The environment without LOCALAPPDATA, so that the log goes to the XDG_STATE_HOME each test sets."""
    return {k: v for k, v in os.environ.items() if k != "LOCALAPPDATA"}


def test_xlwings_that_does_not_load_gets_a_vietnamese_answer(pythons, tmp_path):
    """xlwings fails to import in a button's process otherwise than with an
    ImportError (a pywin32 DLL, a damaged file): before any code of ours runs
    on the command line, the hook still answers in Vietnamese, exit code 1."""
    fake = tmp_path / "site" / "xlwings"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise OSError("[WinError 126] The specified module could not be found")\n',
                                      encoding="utf-8")
    done = subprocess.run(runpython_command("import xlsrc.macros; xlsrc.macros.validate()", python=pythons["hook"]),
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**_no_appdata(), "PYTHONPATH": str(tmp_path / "site"), "PYTHONIOENCODING": "utf-8",
                               "XDG_STATE_HOME": str(tmp_path / "state")})
    assert done.returncode == 1, done
    assert done.stderr.startswith("Thi đua - Khen thưởng: Không nạp được xlwings, phần nối Python với Excel "
                                  "(OSError: [WinError 126]"), done.stderr
    assert "CaiDat.cmd" in done.stderr and "Traceback" not in done.stderr
    assert "WinError 126" in (tmp_path / "state" / "thidua" / "thidua.log").read_text(encoding="utf-8")
