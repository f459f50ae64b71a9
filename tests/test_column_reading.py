"""The reader's column-at-a-time passes give what reading each cell alone
gives (issue 23): once_each against the parser called on every cell, a
progress column's readings (number cells, those shown as a percentage,
fractions) against the rules applied cell by cell, a table's records made
of the columns the locator made against those made of its rows, and the totals'
progresses against clipping each one. Random cells mix 1, 1.0 and True
(equal, not read alike), '', None, NaN, dates and Vietnamese texts in NFD
(not -0.0, read as 0.0 after a 0.0, as the cells have always been: equal, of one type)."""
from __future__ import annotations

import datetime as dt
import math
import unicodedata

from hypothesis import example, given, settings, strategies as st

from xlsrc import schema as S
from xlsrc.access.cellinfo import CellInfo
from xlsrc.completion import column_totals
from xlsrc.parsing import Progress, is_number, number_text, parse_date, parse_int, parse_progress
import copy

from xlsrc.records import _column_values, _text, once_each, progress_options, read_records
from xlsrc.tables import locate

NAN = float("nan")
NFD = [unicodedata.normalize("NFD", t) for t in ("Hoàn thành", "Sửa chữa trường học")]
POOLS = [  # a column of all sorts, of numbers of one type or of texts (each may be read as itself)
    [1, 1.0, True, 0, 0.0, False, 2, 0.5, 0.8, 80.0, 150, "", None, NAN, "60", "0,8", "1.000", "80%",
     dt.date(2025, 1, 5), dt.datetime(2025, 1, 5), "Hoàn thành", " Đang thực hiện ", "Sửa chữa trường học", *NFD],
    [1.0, 0.5, 0.8, 80.0, 2.0, 150.0], [1, 2, 80, 150], ["Hoàn thành", "Sửa chữa trường học", "60", *NFD]]
CELLS = st.sampled_from(POOLS).flatmap(lambda pool: st.lists(st.sampled_from(pool), max_size=30))


def typed(values) -> list[str]:
    """Each value with its type (1, 1.0 and True apart; NaN equal to NaN)."""
    return [f"{type(v).__name__}:{v!r}" for v in values]


@settings(max_examples=60, deadline=None)
@given(CELLS, st.sampled_from([lambda v: v, _text, parse_int, str]))
@example([80.0, 1.0], parse_int)
def test_once_each_reads_each_cell_as_alone(cells, parse):
    assert typed(once_each(parse, cells)) == typed(map(parse, cells))
    assert typed(once_each(parse, tuple(cells))) == typed(map(parse, cells))


def _plain_progress(cells: list, percent_rows: set[int]) -> tuple[set[int], bool, bool, list[str]]:
    """A progress column read cell by cell: the number cells whose own format
    is a percentage, whether every other number (a number typed as text
    too) is ≤ 1 and whether one is > 1, and each cell's reading."""
    percent = {i for i, v in enumerate(cells) if is_number(v) and i in percent_rows}
    general = {v for i, v in enumerate(cells) if is_number(v) and i not in percent}
    general |= {n for v in cells for n in [number_text(v)] if n is not None}
    fraction, mixed = bool(general) and all(0 <= v <= 1 for v in general), any(v > 1 for v in general)
    read = [parse_progress(v, fraction=fraction, mixed=mixed, percent=i in percent) for i, v in enumerate(cells)]
    return percent, fraction, mixed, typed(read)


@settings(max_examples=80, deadline=None)
@given(CELLS, st.sets(st.integers(0, 29)))
@example([True, 1.0], {1})  # 1.0 stands behind True in a set of the cells
def test_progress_column_reads_each_cell_as_alone(cells, percent_rows):
    """The column's cells in C-level passes (progress_options given the
    cells, _column_values) against the rules of each cell."""
    info = CellInfo(xf={(i, 0): 1 for i in percent_rows}, formats=["General", "0%"])
    rows = list(range(len(cells)))
    option = progress_options([[v] for v in cells], rows, 0, lambda: info, tuple(cells))
    column = S.WORKS.column("progress")
    read = _column_values(column, tuple(cells), rows, option, 2025)
    got = (option.percent, option.fraction, option.mixed, typed(read))
    assert got == _plain_progress(cells, percent_rows)


VALUES = st.sampled_from([None, 0.0, -0.0, 55.5, 100.0, 100, 0, -5.0, 120.0, NAN, 1e-9])


@settings(max_examples=60, deadline=None)
@given(st.lists(VALUES, max_size=20))
def test_totals_progresses_clipped_as_each_one(values):
    n = len(values)
    empty = parse_date(None)
    columns = [[Progress(v) for v in values], [empty] * n, [empty] * n, [empty] * n, [None] * n, [None] * n,
               [None] * n, ["Sở Y tế"] * n, [None] * n]
    clipped = [min(max(v, 0.0), 100.0) for v in values if v is not None]
    got = column_totals(columns, dt.date(2026, 11, 25)).progresses
    assert typed(got) == typed(clipped)
    assert not clipped or math.isnan(math.fsum(got)) or math.fsum(got) == math.fsum(clipped)


HEADER = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)",
          "Tình trạng (đơn vị ghi)", "Ghi chú", "Đơn vị báo cáo"]
ROW = st.lists(st.sampled_from(POOLS[0]), min_size=5, max_size=9)  # ragged: a row may stop short or go past


WORK = st.tuples(st.sampled_from(["Sửa đường", "Xây trường số 2", *NFD]), ROW).map(lambda r: [r[1][0], r[0], *r[1][1:]])
# rows under the header that are no record: blank, a group heading, a total
OTHER = st.sampled_from([[], [None, ""], ["I", "CÔNG TRÌNH GIAO THÔNG"], [None, "Tổng cộng", None, None, 0.5]])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(WORK, WORK, WORK, OTHER), max_size=12))
@example([[1.0, "Sửa đường", dt.date(2025, 1, 5), "Quý II/2025", 0.5],
          [2, "Xây trường", None, dt.date(2025, 6, 30), True]])
def test_records_of_the_locators_columns_as_of_the_rows(rows):
    """A works table read by read_records, whose locator's columns of the
    rows under the header (TableLocation.under) are the records' columns
    when every row is a record, against the same table read from its rows."""
    grid = [["Bảng kê công trình"], HEADER] + rows
    fast = read_records(S.WORKS, copy.deepcopy(grid), "P", 2025)
    slow_grid = copy.deepcopy(grid)
    loc = locate(S.WORKS, slow_grid, "P", S.WORKS.key_column)
    loc.under = None  # the cells taken from the rows
    slow = read_records(S.WORKS, slow_grid, "P", 2025, loc=loc)

    def seen(read):
        return [(r.row, typed(r.raw.values()), list(r.raw), typed(r.values.values()), list(r.values)) for r in read[1]]
    assert seen(fast) == seen(slow) and fast[0] == slow[0]
