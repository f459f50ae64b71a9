"""Large masters in 32-bit Excel (issue 18 §6): formats and fonts are read
with Range.Value(11) in blocks of rows — the same result as one whole read,
one call per block, and no block's text larger than a bound."""
from __future__ import annotations

import math

from xlsrc.access.cellinfo import spreadsheetml_cell_info
from xlsrc.access.excel import XML_BLOCK_ROWS, _excel_cell_info

from .spreadsheetml_sheet import MasterSheet


def _same(a, b, nrows, ncols):
    return all((a.number_format(r, c), a.font(r, c)) == (b.number_format(r, c), b.font(r, c))
               for r in range(nrows) for c in range(ncols))


def test_blocks_give_the_whole_reads_result_with_one_call_per_block():
    sheet = MasterSheet(nrows=2_300, ncols=9, odd_every=97)
    whole = spreadsheetml_cell_info(sheet.spreadsheetml(1, sheet.nrows, sheet.ncols))
    blocked = _excel_cell_info(sheet, block_rows=500)
    assert len(sheet.xml_calls) == math.ceil(2_300 / 500) == 5
    assert [(a, b) for a, b, _ in sheet.xml_calls] == [(1, 500), (501, 1000), (1001, 1500), (1501, 2000),
                                                        (2001, 2300)]
    assert _same(whole, blocked, sheet.nrows, sheet.ncols)
    assert blocked.is_percent(96, 2) and blocked.font(193, 2) == ".VnTime"  # odd cells kept at their rows
    assert blocked.number_format(1_000, 1) == "@" and blocked.number_format(2_299, 0) == "0%"
    # only the cells that differ from their column are kept
    assert len(blocked.xf) == sum(1 for r in range(1, 2_301) if r % 97 == 0)


def test_the_text_of_each_call_is_bounded_whatever_the_rows():
    largest = []
    for nrows in (XML_BLOCK_ROWS, 4 * XML_BLOCK_ROWS):
        sheet = MasterSheet(nrows=nrows, ncols=4)
        _excel_cell_info(sheet)
        assert len(sheet.xml_calls) == nrows // XML_BLOCK_ROWS
        largest.append(max(n for _, _, n in sheet.xml_calls))
    assert largest[1] <= largest[0] * 1.01
