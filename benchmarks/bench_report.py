"""Benchmark of the Word report (not a test).

Renders the department report with annexes of 1,000, 10,000 and 50,000
works, and, as a baseline measured in the same run, a plain docxtpl
``{%tr for %}`` table of the same rows (1,000 and 10,000: the baseline takes
about 20 s at 50,000; ``--full`` measures it there too). Prints seconds and
the 50k/10k ratio (target ≤ 6).

    python benchmarks/bench_report.py [--full]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from xlsrc.access.files import FileBook  # noqa: E402
from xlsrc.builder import write_workbook  # noqa: E402
from xlsrc.demo_data import demo_content  # noqa: E402
from xlsrc.records import read_workbook  # noqa: E402
from xlsrc.report import make_report  # noqa: E402
from xlsrc.report.context import department_annex  # noqa: E402


def data_with(n: int, folder: Path):
    content = demo_content()
    seed = content.rows["works"]
    content.rows["works"] = [dict(seed[i % 3], order=i + 1, name=f"{seed[i % 3]['name']} ({i + 1})")
                             for i in range(n)]
    return read_workbook(FileBook(write_workbook(folder / f"w{n}.xlsx", content)))


def plain_docxtpl_template(path: Path) -> Path:
    doc = Document()
    table = doc.add_table(rows=3, cols=5)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    for c in range(5):
        table.rows[1].cells[c].text = "{{ r[%d] }}" % c
    table.rows[2].cells[0].text = "{%tr endfor %}"
    doc.save(path)
    return path


def main() -> None:
    full = "--full" in sys.argv[1:]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline_tpl = plain_docxtpl_template(folder / "plain.docx")
        for n in (1000, 10000, 50000):
            data = data_with(n, folder)
            ours = float("inf")
            for attempt in range(2):  # best of two: the machine may be busy
                t = time.perf_counter()
                make_report(data, folder / f"r{n}.docx", force=True)
                ours = min(ours, time.perf_counter() - t)
            base = None
            if n <= 10000 or full:
                rows = [cells for _, cells in department_annex(data)]
                t = time.perf_counter()
                tpl = DocxTemplate(str(baseline_tpl))
                tpl.render({"rows": rows})
                tpl.save(folder / f"plain{n}.docx")
                base = time.perf_counter() - t
            results[n] = (ours, base)
            print(f"{n:>6} works: ours {ours:6.2f} s" + (f"   plain docxtpl {{%tr%}} {base:6.2f} s"
                                                           f"   ours/plain {ours / base:5.2f}" if base else ""))
    print(f"50k/10k = {results[50000][0] / results[10000][0]:.2f} (target ≤ 6)")
    if full:
        print(f"plain docxtpl 50k/10k = {results[50000][1] / results[10000][1]:.2f}")


if __name__ == "__main__":
    main()
