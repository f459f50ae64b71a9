"""A large written sheet of the copy made in two halves on two cores
(xlsx_patch._SheetPatch.sheet_data: the second half spliced and deflated in
a forked child, its deflate stream joined to the first's): every part of
the copy holds the bytes the one pass gives, the zip's CRCs are right, and a
child that fails, styles derived in either half or rows out of order give
the same copy. The parts a copy needs from the file alone are made while
the reader child reads (FileBook._look_ahead), for a book opened to write only."""
from __future__ import annotations

import datetime as dt
import os
import re
import sys
import zipfile

import openpyxl
import pytest

from tests.job_outputs import MASTER
from tests.ooxml_parts import Bold, xlsx
from xlsrc import halves, jobs, zip_parts
from xlsrc.access import xlsx_patch as X
from xlsrc.access.cellinfo import sheet_parts
from xlsrc.access.files import FileBook

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the two-process path is for Linux only")

ROWS = 3000
FIRST, SECOND = 700, 2300  # rows of the first half (after its first piece) and of the second


@pytest.fixture()
def in_halves(monkeypatch):
    """Sheets of a few thousand rows split (after a first piece of 50 rows), a fork allowed:
    what child made the second half, and how it ended (None: no child asked)."""
    monkeypatch.setattr(halves, "can_fork", lambda: True)  # CI's two cores, whatever threads run here
    monkeypatch.setattr(halves, "core_free", lambda cores: True)  # and whatever else runs on the machine now
    monkeypatch.setattr(X, "SPLIT_BYTES", 100_000)  # the works sheet of MASTER only
    monkeypatch.setattr(X, "ROWS_PER_PIECE", 50)
    ended, appended = [], []
    asked = halves.Later.__call__

    def noting(self):
        value = asked(self)
        ended.append(self.outcome.get("code"))
        return value
    monkeypatch.setattr(halves.Later, "__call__", noting)
    append = zip_parts.append
    monkeypatch.setattr(zip_parts, "append", lambda fh, piece, level: (appended.append(piece), append(fh, piece, level)))
    return ended, appended


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None  # every member's CRC-32 is that of its bytes
        return {name: z.read(name) for name in z.namelist()}


def _copy(monkeypatch, source, tmp_path, name: str, write, one_pass: bool) -> dict[str, bytes]:
    with monkeypatch.context() as m:
        if one_pass:
            m.setattr(X, "SPLIT_BYTES", 10**12)
        book = FileBook(source, writable=True)
        write(book)
        book.save(tmp_path / name)
        assert book._wb is None  # written part by part
    return _parts(tmp_path / name)


def test_the_copy_of_a_master_made_in_halves_is_the_copy_made_in_one_pass(monkeypatch, tmp_path, in_halves):
    ended, appended = in_halves
    once = _copy(monkeypatch, MASTER, tmp_path, "once.xlsx", jobs.run_compute, one_pass=True)
    assert not ended and not appended
    halved = _copy(monkeypatch, MASTER, tmp_path, "halves.xlsx", jobs.run_compute, one_pass=False)
    assert ended == [0] and len(appended) == 1  # the child's half, deflated there, joined to the first
    assert list(halved) == list(once)
    for name in once:
        assert halved[name] == once[name], name
    wb = openpyxl.load_workbook(tmp_path / "halves.xlsx", read_only=True)
    assert wb.sheetnames == openpyxl.load_workbook(tmp_path / "once.xlsx", read_only=True).sheetnames


def test_a_child_that_fails_leaves_its_half_to_this_process(monkeypatch, tmp_path, in_halves):
    ended, appended = in_halves
    deflated = X._SheetPatch._deflated

    def failing(self, *args):
        if halves.CHILD:
            os._exit(1)
        return deflated(self, *args)
    monkeypatch.setattr(X._SheetPatch, "_deflated", failing)
    once = _copy(monkeypatch, MASTER, tmp_path, "once.xlsx", jobs.run_compute, one_pass=True)
    halved = _copy(monkeypatch, MASTER, tmp_path, "halves.xlsx", jobs.run_compute, one_pass=False)
    assert ended == [1] and len(appended) == 1  # made here, deflated apart all the same
    assert halved == once


def _book(path, order=None):
    """ROWS rows: a number, a bold text (style 3), a text; ``order``: the row numbers, in the part's order."""
    rows = [[r, Bold(f"việc {r}"), f"nội dung {r % 7}"] for r in range(1, ROWS + 1)]
    xlsx(path, rows, sheet="S", inline=True)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                         b"</worksheet>")
    if order is not None:  # the rows moved in the part, each with its own number
        head, rest = xml.split(b"<sheetData>")
        body, tail = rest.split(b"</sheetData>")
        rows_xml = [row + b"</row>" for row in body.split(b"</row>")[:-1]]
        xml = head + b"<sheetData>" + b"".join(rows_xml[r - 1] for r in order) + b"</sheetData>" + tail
    parts["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


DATE = dt.date(2026, 11, 25)


@pytest.mark.parametrize("dates, restored, used", [
    ({SECOND: 5}, 1, 1),              # a date style derived in the child only: its styles taken
    ({FIRST: 5}, 0, 1),               # in the first half only: this process's
    ({FIRST: 5, SECOND: 2}, 0, 0),    # in both (over another style): the second half made again here
    ({FIRST: 2, SECOND: 2}, 0, 0),    # the same style derived in both: made again here too
], ids=["second", "first", "both", "same"])
def test_styles_derived_in_either_half_are_those_of_the_one_pass(monkeypatch, tmp_path, in_halves, dates, restored,
                                                                 used):
    ended, appended = in_halves
    restores = []
    restore = X.Styles.restore
    monkeypatch.setattr(X.Styles, "restore", lambda self, state: (restores.append(1), restore(self, state)))
    source = _book(tmp_path / "s.xlsx")

    def write(book):
        book.write("S", 1, 4, [["Trạng thái"]] + [["Hoàn thành" if r % 3 else "Chưa xong"] for r in range(2, ROWS + 1)])
        for r, c in dates.items():
            book.write("S", r, c, [[DATE]])  # column 5: no cell (style 0); column 2: a bold one (style 3)

    once = _copy(monkeypatch, source, tmp_path, "once.xlsx", write, one_pass=True)
    halved = _copy(monkeypatch, source, tmp_path, "halves.xlsx", write, one_pass=False)
    assert ended == [0] and len(appended) == used  # the child's half used, or made again here
    assert len(restores) == restored
    assert halved == once
    assert once["xl/styles.xml"].count(b'numFmtId="164"') == 1 + len(set(dates.values()))  # dd/mm/yyyy, each date style


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")  # the test's book, read by openpyxl
def test_rows_out_of_order_where_the_halves_meet_are_refused_either_way(monkeypatch, tmp_path, in_halves):
    """The middle rows of the part in reverse order: the child's half is not
    used, and the sheet is not patched at all (each row written would be
    placed twice): the copy is openpyxl's, each row once, in one pass or not."""
    ended, appended = in_halves
    middle = list(range(ROWS // 3, 2 * ROWS // 3))
    order = list(range(1, ROWS // 3)) + middle[::-1] + list(range(2 * ROWS // 3, ROWS + 1))
    source = _book(tmp_path / "s.xlsx", order)
    for one_pass in (True, False):
        with monkeypatch.context() as m:
            if one_pass:
                m.setattr(X, "SPLIT_BYTES", 10**12)
            book = FileBook(source, writable=True)
            book.write("S", 2, 4, [["x"] for _ in range(ROWS + 5)])  # and rows the sheet does not have
            book.save(tmp_path / f"copy_{one_pass}.xlsx")
            assert book._wb is not None  # refused part by part: openpyxl's copy
        numbers = [int(n) for n in re.findall(rb'<row r="(\d+)"', _parts(tmp_path / f"copy_{one_pass}.xlsx")[
            "xl/worksheets/sheet1.xml"])]
        assert numbers == list(range(1, ROWS + 7))
    assert not appended


def test_the_parts_a_copy_needs_are_made_for_a_book_opened_to_write_only(monkeypatch, tmp_path):
    assert FileBook(MASTER)._copy_parts == {}
    book = FileBook(MASTER, writable=True)
    assert set(book._copy_parts) == set(sheet_parts(book._zip).values())  # every sheet of it
    jobs.run_compute(book)
    made = []
    init = X.SheetPart.__init__
    monkeypatch.setattr(X.SheetPart, "__init__", lambda self, xml: (made.append(xml), init(self, xml))[1])
    book.save(tmp_path / "copy.xlsx")
    assert made == [] and book._wb is None  # none made again


def test_a_sheet_part_the_size_check_did_not_keep_is_not_held_from_the_opening(monkeypatch, tmp_path):
    from xlsrc.access import limits
    monkeypatch.setattr(limits, "KEEP_BYTES", 0)  # no part kept unpacked
    book = FileBook(MASTER, writable=True)
    assert book._copy_parts == {}  # made when the copy is, as before
    jobs.run_compute(book)
    book.save(tmp_path / "copy.xlsx")
    assert book._wb is None and _parts(tmp_path / "copy.xlsx")


def test_a_large_sheet_made_in_one_process_is_deflated_on_a_thread_meanwhile(monkeypatch, tmp_path):
    """Where the second half is not forked (no core free now; Windows, macOS,
    a terminal's threads), a large sheet's rows are deflated on another
    thread while they are made (zlib works beside the interpreter): the
    copy holds the bytes of the one pass, and the thread has ended."""
    import threading
    once = _copy(monkeypatch, MASTER, tmp_path, "once.xlsx", jobs.run_compute, one_pass=True)
    monkeypatch.setattr(halves, "core_free", lambda cores: False)
    monkeypatch.setattr(X, "SPLIT_BYTES", 100_000)
    monkeypatch.setattr(X, "ROWS_PER_PIECE", 50)
    beside = []
    made = X._SheetPatch._made

    def noting(self, *args):
        reached = yield from made(self, *args)
        beside.append([t.name for t in threading.enumerate() if t is not threading.current_thread()])
        return reached
    monkeypatch.setattr(X._SheetPatch, "_made", noting)
    threaded = _copy(monkeypatch, MASTER, tmp_path, "threaded.xlsx", jobs.run_compute, one_pass=False)
    assert ["deflate"] in beside and threading.active_count() == 1
    assert threaded == once


def test_what_the_deflating_thread_raises_is_raised_where_the_rows_are_made(monkeypatch):
    """A thread that fails (memory refused) never leaves the rows waiting: its error is raised here once they are made."""
    def failing(pieces, level):
        next(pieces)
        raise MemoryError("refused")
    monkeypatch.setattr(X, "deflate", failing)
    with pytest.raises(MemoryError, match="refused"):
        X._deflated_meanwhile(iter([b"<row/>"] * 1000), X.LEVEL)
