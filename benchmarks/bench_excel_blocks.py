"""Benchmark of the memory a large master's formats cost (not a test).

``XlwingsBook.cell_info`` reads formats and fonts with ``Range.Value(11)``
(SpreadsheetML text built inside Excel: in 32-bit Excel a whole 40,000-row
master's text could exhaust its memory). It now reads blocks of
``XML_BLOCK_ROWS`` rows. Without Excel here, tests/spreadsheetml_sheet.py
answers ``Value(11)`` as Excel does; this measures, for 6,000 and 60,000 rows
× 18 columns: the largest text of one call (what Excel must hold, UTF-16)
and the peak of Python's memory while reading (tracemalloc), and the same
for one whole read of 6,000 rows (the old way; it grows with the rows).

Targets: the 60,000-row read's peak ≤ LIMIT_MB and ≤ 1.5 × the 6,000-row
read's (bounded, not ×10); each call's text ≤ the 6,000-row read's largest.

    python benchmarks/bench_excel_blocks.py
"""
from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.spreadsheetml_sheet import MasterSheet  # noqa: E402
from xlsrc.access.excel import XML_BLOCK_ROWS, _excel_cell_info  # noqa: E402

LIMIT_MB = 64
COLUMNS = 18


def measure(nrows: int, block_rows: int) -> tuple[float, float, int]:
    """(peak MB of Python while reading, largest text of one call in MB as UTF-16, calls)."""
    sheet = MasterSheet(nrows=nrows, ncols=COLUMNS)
    tracemalloc.start()
    _excel_cell_info(sheet, block_rows=block_rows)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    largest = max(n for _, _, n in sheet.xml_calls)
    return peak / 2**20, 2 * largest / 2**20, len(sheet.xml_calls)


def main() -> bool:
    small = measure(6_000, XML_BLOCK_ROWS)
    large = measure(60_000, XML_BLOCK_ROWS)
    whole = measure(6_000, 6_000)
    print(f"{COLUMNS} columns, blocks of {XML_BLOCK_ROWS:,} rows:")
    for name, (peak, text, calls) in (("6,000 rows, blocks", small), ("60,000 rows, blocks", large),
                                      ("6,000 rows, one whole read (before)", whole)):
        print(f"  {name:38s} peak {peak:7.1f} MB   largest call {text:6.1f} MB (UTF-16)   {calls} call(s)")
    ratio = large[0] / small[0]
    ok = large[0] <= LIMIT_MB and ratio <= 1.5 and large[1] <= small[1] * 1.01
    print(f"60,000 / 6,000 rows peak = {ratio:.2f} (target ≤ 1.5); 60,000-row peak {large[0]:.0f} MB "
          f"(limit {LIMIT_MB} MB); a whole read of 60,000 rows would hold ≈ {10 * whole[1]:.0f} MB of text "
          f"in Excel at once: {'met' if ok else 'NOT met'}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
