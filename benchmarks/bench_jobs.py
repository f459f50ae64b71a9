"""Benchmark of the jobs on a consolidated master (not a test).

Builds the master the board works on — `thidua consolidate` of 200 units'
files × 300 rows (half hand-made annexes, half template workbooks, as in
bench_consolidate.py): 60,000 rows — then times, each in a fresh process,
interleaved, best of three runs (--repeat):

  calamine   python-calamine read of every sheet of the master, values only (the baseline)
  validate   what `thidua validate` does: open, read, check
  compute    what `thidua compute -o copy.xlsx` does: validate, statuses, Tổng hợp, the copy written
  review     what `thidua review` does: read, review
  report     what `thidua report -o BC.docx` does: validate, the Word report written
  isolated   (with --jobs isolated in-place) the book opened and every sheet read, the native reader
  in-place   in a child process as every command does, or in this process: the cost of the isolation

and prints seconds, peak memory (ru_maxrss of the process plus its largest
child: the reader runs in a forked child) and each job's ratio to the
calamine read measured in the same run (target ≤ 3). The time counts from
the file's path to the job's result, imports of the job's modules done
before (the same for the baseline).

    python benchmarks/bench_jobs.py [--files 200] [--rows 300] [--repeat 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

JOBS = ("calamine", "validate", "compute", "review", "report")


def build_master(folder: Path, files: int, rows: int) -> Path:
    from bench_consolidate import generate
    from xlsrc.consolidate import consolidate, write_master
    master = folder / "master.xlsx"
    if not master.exists():
        generate(folder / "in", files, rows)
        write_master(consolidate([str(folder / "in")]), master, force=True)
    return master


def job(name: str, master: Path, out: Path):
    """The job as a function of nothing, its modules imported."""
    if name == "calamine":
        from python_calamine import CalamineWorkbook

        def run():
            wb = CalamineWorkbook.from_path(str(master))
            return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)
        return run
    from xlsrc import jobs
    from xlsrc.access.files import FileBook
    if name in ("isolated", "in-place"):
        from xlsrc.access import isolated
        isolated.INSIDE = name == "in-place"

        def run():
            book = FileBook(master)
            return sum(len(book.read(n)) for n in book.sheet_names())
        return run
    if name == "validate":
        return lambda: len(jobs.run_validate(FileBook(master), write_back=False)[1])
    if name == "compute":
        def run():
            book = FileBook(master, writable=True)
            totals = jobs.run_compute(book)[2]
            book.save(out / "computed.xlsx")
            return totals.works
        return run
    if name == "review":
        from xlsrc.records import read_workbook
        from xlsrc.review import run_review
        return lambda: len(run_review(read_workbook(FileBook(master)), None).entries)
    from xlsrc.report import Report

    def run():  # as `thidua report`: what needs no data made while the book is read, the chart while it is checked
        with Report(report_date=dt.date(2026, 11, 25)) as report:
            data = jobs.run_validate(FileBook(master), write_back=False, read=report.read)[0]
            return str(report.make(data, out / "report.docx", force=True))
    return run


def child(name: str, master: str, out: str) -> None:
    run = job(name, Path(master), Path(out))
    t = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - t
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child
    print(json.dumps({"job": name, "seconds": seconds, "peak_mb": (own + children) * scale / 2**20,
                      "result": str(result)[:60]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--rows", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each job; the best counts")
    ap.add_argument("--keep", type=Path, help="build the master into (and keep) this folder")
    ap.add_argument("--jobs", nargs="*", default=list(JOBS[1:]), help="the jobs to time (the baseline always)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench_jobs_"))
    folder = args.keep or tmp
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        master = build_master(folder, args.files, args.rows)
        print(f"Master: {master} ({master.stat().st_size / 2**20:.1f} MB), ready in {time.perf_counter() - t:.1f}s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        from bench_consolidate import compile_package
        print(compile_package())
        best: dict[str, dict] = {}
        for _ in range(args.repeat):  # interleaved: a busy moment of the machine hits every job
            for name in ["calamine", *args.jobs]:
                r = subprocess.run([sys.executable, __file__, "--child", name, str(master), str(tmp)],
                                   capture_output=True, text=True, check=True)
                got = json.loads(r.stdout.strip().splitlines()[-1])
                if name not in best or got["seconds"] < best[name]["seconds"]:
                    best[name] = got
        base = best["calamine"]["seconds"]
        print(f"{'job':<10} {'seconds':>8} {'peak MB':>8} {'÷ calamine':>11}")
        for name in ["calamine", *args.jobs]:
            b = best[name]
            print(f"{name:<10} {b['seconds']:>8.2f} {b['peak_mb']:>8.0f} {b['seconds'] / base:>10.2f}×")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
