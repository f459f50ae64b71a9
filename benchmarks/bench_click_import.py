"""Benchmark of what a click costs before any work (not a test).

Every button starts a fresh Python process with xlwings' RunPython command
line (``python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(…);
import xlsrc.macros; xlsrc.macros.<job>()" --wb=… --from_xl=1 …``). This
measures, side by side in one run, in fresh processes (best of several):

* the baseline: ``python -c "import xlwings"``, xlwings imported the default way;
* that command line up to the import of ``xlsrc.macros`` (the job itself
  needs Excel), in an environment laid out as an installation from the
  wheel, with the ``thidua-xlwings.pth`` hook (tests/button_process.py);
* the same without the hook (how every click started before);
* an empty interpreter (``python -c pass``), subtracted from each so that
  the ratios compare imports, not the interpreter's start.

Target: the button's imports ≤ 0.4 × the default ``import xlwings``.

    python benchmarks/bench_click_import.py [runs]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.button_process import ROOT, installed_env, runpython_command  # noqa: E402

TARGET = 0.4


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main(runs: int = 7) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        hook = installed_env(Path(tmp) / "hook")
        plain = installed_env(Path(tmp) / "plain", hook=False)
        entry = "import xlsrc.macros"
        results = {}
        for _ in range(2):  # interleaved, so that a busy moment hits every variant alike
            for name, cmd in (("empty", [hook, "-c", "pass"]), ("import xlwings", [hook, "-c", "import xlwings"]),
                              ("button (hook)", runpython_command(entry, python=hook)),
                              ("button (no hook)", runpython_command(entry, python=plain))):
                results[name] = min(results.get(name, float("inf")), best(cmd, runs))
    empty = results["empty"]
    base = results["import xlwings"] - empty
    print(f"best of {2 * runs} fresh processes (seconds, process start included; ratio without the start):")
    for name, value in results.items():
        ratio = "" if name == "empty" else f"  {(value - empty) / base:5.2f} × import xlwings"
        print(f"  {name:18s} {value:6.3f}{ratio}")
    ratio = (results["button (hook)"] - empty) / base
    print(f"button / import xlwings = {ratio:.2f} (target ≤ {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
