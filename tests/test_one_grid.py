"""Each job keeps one grid of each sheet it reads (issue 23; README,
Hiệu năng): `thidua validate`, `compute`, `review` and `report`, run in this
process as the command runs them, on a consolidated master of 3,000 rows.

While the job's data is alive — the records checked, the copy written, the
review made, the report rendered — every list, tuple and dict of this
process is looked at (the collector's objects, the running frames and the
tuples and dicts of plain values they hold, which the collector does not
track) and, of each large sheet the job read:

- each row is held by one list at most: the grid's own row (a list or tuple
  holding the same cells is a copy, whatever made it);
- each column of the table is held by two lists at most: the records' column
  of cells as typed and their column of values as read (a text read as
  itself is in both); a column of cells kept anywhere else is a copy, in
  columns, of the grid;
- a record's ``raw`` and ``values`` dicts are made for the few rows asked for
  (those with something to say), not for the table;
- the report is rendered without the master's grid: the book is freed with
  its last reference, once the records are read.

What a job makes of the values (the findings, the report's annex) and the
caches of distinct texts (functools.lru_cache) are not copies of the grid.
Nothing is timed or measured in bytes: the walk counts objects. The job's
functions are wrapped only to look, once they have returned."""
from __future__ import annotations

import functools
import gc
import sys
import weakref
from collections import Counter

import pytest

ROWS_PER_FILE, FILES = 300, 10  # 3,000 rows in the master's Công trình sheet
LARGE = 1000                     # a sheet of more rows is looked at
MARKER_EVERY = 7                 # one row in 7 of the sheet's middle gives its marker cells


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    from benchmarks.bench_jobs import build_master   # the benchmark's master (tests/job_outputs.py: 960 rows)
    return build_master(tmp_path_factory.mktemp("master"), FILES, ROWS_PER_FILE)


class Read:
    """What the job read of each large sheet, without holding any of its
    rows, of the rows of its middle (its table's rows): a hash of each row
    that holds three cells or more (how many rows hold those cells) and
    marker cells — the texts found once in the sheet — with their columns."""

    def __init__(self):
        self.rows: dict[str, Counter] = {}
        self.widths: dict[str, set[int]] = {}
        self.markers: dict[str, list] = {}
        self.columns: dict[str, list[int]] = {}

    def read(self, sheet: str, grid) -> None:
        if len(grid) < LARGE or sheet in self.rows:
            return
        middle = grid[len(grid) // 10: len(grid) * 9 // 10]  # the table's rows, not its header (another file's too)
        self.rows[sheet] = Counter(hash(tuple(row)) for row in middle if sum(v is not None for v in row) >= 3)
        self.widths[sheet] = set(map(len, middle))
        once = Counter(v for row in grid for v in row if v.__class__ is str)
        found = [(v, c) for row in middle[::MARKER_EVERY] for c, v in enumerate(row)
                 if v.__class__ is str and once[v] == 1]
        self.markers[sheet] = [v for v, _ in found]
        self.columns[sheet] = [c for _, c in found]

    def own(self) -> set[int]:
        """The ids of its own containers: its markers are cells, which they would count as held."""
        return {id(x) for x in (self, self.__dict__, self.rows, self.widths, self.markers, self.columns,
                                *self.rows.values(), *self.widths.values(), *self.markers.values(),
                                *self.columns.values())}


def _reachable(skip: set) -> list:
    """The collector's objects, the frames running in any thread (those
    whose code is in ``skip`` aside) and what these hold that the collector
    does not track: tuples and dicts of plain values (texts, numbers,
    dates), however nested. Every list, tuple and dict the job holds is
    among them, once."""
    assert gc.get_freeze_count() == 0  # no object set aside where the collector does not list it
    found = gc.get_objects()
    for frame in sys._current_frames().values():
        while frame is not None:
            if frame.f_code not in skip:
                found.append(frame)
            frame = frame.f_back
    seen: set[int] = set()
    frontier = found
    while frontier:
        frontier = [o for o in gc.get_referents(*frontier) if (o.__class__ is tuple or o.__class__ is dict)
                    and not gc.is_tracked(o) and id(o) not in seen and not seen.add(id(o))]
        found += frontier
    return found


class Copies:
    """The grid's copies found at each point of a job (see the module's docstring)."""

    def __init__(self, read: Read):
        self.read = read
        self.said: list[str] = []          # a copy found: where, what
        self.looked: list[str] = []        # the points of the job where copies were looked for
        self.rows_found: Counter = Counter()  # sheet -> rows of its grid found (the walk sees the grid)
        self.rows_at: Counter = Counter()  # where -> rows of the grids found there
        self.columns_found: Counter = Counter()  # sheet -> the most lists found holding one of its columns

    def look(self, where: str) -> None:
        self.looked.append(where)
        own = self.read.own()
        objects = [o for o in _reachable(_INSPECTING) if id(o) not in own]
        for sheet, expected in self.read.rows.items():
            self._rows(where, sheet, expected, objects)
            self._columns(where, sheet, objects)

    def _rows(self, where: str, sheet: str, expected: Counter, objects: list) -> None:
        widths = self.read.widths[sheet]
        found: Counter = Counter()
        for o in objects:
            if (o.__class__ is list or o.__class__ is tuple) and len(o) in widths:
                try:
                    h = hash(tuple(o))
                except TypeError:  # holds a list: not a row of cells
                    continue
                if h in expected:
                    found[h] += 1
        extra = sum(max(n - expected[h], 0) for h, n in found.items())
        self.rows_found[sheet] = max(self.rows_found[sheet], sum(found.values()))
        self.rows_at[where] += sum(found.values())
        if extra:
            self.said.append(f"{where}: {extra} copies of the {sum(expected.values())} rows of '{sheet}'")

    def _columns(self, where: str, sheet: str, objects: list) -> None:
        column_of = {id(m): c for m, c in zip(self.read.markers[sheet], self.read.columns[sheet])}
        markers = Counter(self.read.columns[sheet])
        holders: Counter = Counter()
        in_dicts = set()
        for o in objects:
            if (o.__class__ is list or o.__class__ is tuple) and len(o) >= LARGE // 2:
                hits = Counter(column_of[i] for i in map(id, o) if i in column_of)
                holders.update(c for c, n in hits.items() if 2 * n >= markers[c])
            elif o.__class__ is dict:
                in_dicts.update(i for i in map(id, o.values()) if i in column_of)
        self.columns_found[sheet] = max([self.columns_found[sheet], *holders.values()])
        for c, n in sorted(holders.items()):
            if n > 2:
                self.said.append(f"{where}: column {c + 1} of '{sheet}' held by {n} lists")
        if 4 * len(in_dicts) >= len(column_of):
            self.said.append(f"{where}: {len(in_dicts)} of {len(column_of)} cells of '{sheet}' in dicts of its rows")


_INSPECTING = {_reachable.__code__, Copies.look.__code__}


@pytest.fixture()
def copies(monkeypatch):
    """The grid's copies, looked for after each of the jobs' steps (the
    functions wrapped only look, once they have returned)."""
    from xlsrc import jobs
    from xlsrc.access import xlsx_patch
    from xlsrc.access.files import FileBook
    from xlsrc.report import render
    from xlsrc.review import Review
    read = Read()
    found = Copies(read)
    gc.collect()  # what an earlier test left to the collector (a book's grid) is not this job's

    def reading(real):
        @functools.wraps(real)
        def run(self, sheet):
            grid = real(self, sheet)
            read.read(sheet, grid)
            return grid
        return run

    def looking(where, real):
        @functools.wraps(real)
        def run(*args, **kwargs):
            result = real(*args, **kwargs)
            found.look(where)
            return result
        return run

    monkeypatch.setattr(FileBook, "read", reading(FileBook.read))
    for owner, name, where in ((jobs, "validate", "records checked"), (jobs, "write_summary", "Tổng hợp written"),
                               (xlsx_patch, "write_patched", "copy written"), (Review, "__init__", "review made"),
                               (render, "render", "report rendered")):
        monkeypatch.setattr(owner, name, looking(where, getattr(owner, name)))
    return found


def _ran(command, *args) -> None:
    import typer
    try:
        command(*args)
    except typer.Exit:
        pass


JOBS = {
    "validate": lambda cli, master, tmp: _ran(cli.cmd_validate, master, False),
    "compute": lambda cli, master, tmp: _ran(cli.cmd_compute, master, tmp / "copy.xlsx", False),
    "review": lambda cli, master, tmp: _ran(cli.cmd_review, master, None, True, None, False),
    "report": lambda cli, master, tmp: _ran(cli.cmd_report, master, tmp / "report.docx", None, False, False, None),
}
LOOKS = {"validate": ["records checked"], "compute": ["records checked", "Tổng hợp written", "copy written"],
         "review": ["review made"], "report": ["records checked", "report rendered"]}  # the points each job passes


@pytest.mark.long
@pytest.mark.parametrize("job", sorted(JOBS))
def test_job_keeps_one_grid_of_each_sheet(master, copies, tmp_path, job):
    """The command run in this process, as `thidua <job>` runs it."""
    from xlsrc import cli
    JOBS[job](cli, master, tmp_path)
    assert copies.said == []
    # the walk saw what it looks for, at each point: the whole grid (once), the table's columns
    assert copies.looked == LOOKS[job]
    assert list(copies.read.rows) == ["Công trình"]
    assert copies.rows_found == {sheet: sum(rows.values()) for sheet, rows in copies.read.rows.items()}
    assert min(copies.columns_found.values()) >= 1
    if job == "report":  # the book is not the report's: its grid is freed once the records are read
        assert copies.rows_at["report rendered"] == 0


def test_a_book_is_freed_with_its_last_reference(master):
    """No reader the book keeps refers to it: a book in a reference cycle
    (its grids, its bytes, its unpacked parts with it) would outlive its job
    until the collector's next full pass."""
    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    was = gc.isenabled()
    gc.disable()
    try:
        book = FileBook(master, writable=True)
        read_workbook(book)
        assert book._xlsx is not None  # its formats were read (the reader that asked for parts to be checked)
        gone = weakref.ref(book)
        del book
        assert gone() is None
    finally:
        if was:
            gc.enable()
