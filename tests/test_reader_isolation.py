"""Issue 22 §1: a file that claims a huge sheet never aborts a single-file
command. The extent is read the way the reader places cells (every spelling
of an address, cells without one, sheets stored anywhere the workbook points
to), and the native reader runs in a child process, so that a variant the
check does not know (here: a reader made to crash) still ends in a
Vietnamese message and exit code 2, never a traceback or SIGABRT."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from xlsrc.access import files, limits as L
from xlsrc.access.files import FileBook
from xlsrc.cli import main
from xlsrc.errors import FileTooLarge, FileUnusable

from .hostile_files import CT, RELS, SHEET_HEAD, WB, WB_RELS, sheet_xml

X = '<is><t>x</t></is></c></row>'
A1 = '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên công trình</t></is></c></row>'
VARIANTS = {
    "single_quotes": A1 + f"<row r='1048576'><c r='XFD1048576' t='inlineStr'>{X}",
    "spaces_around_equals": A1 + f'<row r="1048576"><c r = "XFD1048576" t="inlineStr">{X}',
    "whitespace_before_r": A1 + f'<row r="1048576"><c\n\tr="XFD1048576" t="inlineStr">{X}',
    "lower_case": A1 + f'<row r="1048576"><c r="xfd1048576" t="inlineStr">{X}',
    "dollar_signs": A1 + f'<row r="1048576"><c r="$XFD$1048576" t="inlineStr">{X}',
    "cells_without_address": '<row>' + '<c/>' * 16384 + f'<c t="inlineStr">{X}'
                             + f'<row r="1048576"><c t="inlineStr">{X}',
    "rows_without_number": A1 + '<row><c t="inlineStr"><is><t>y</t></is></c></row>' * 3
                           + f'<row><c r="AAA5" t="inlineStr">{X}' + f'<row r="400000"><c t="inlineStr">{X}',
    "prefixed_elements": A1.replace("<row", "<x:row").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
                         .replace("</row>", "</x:row>") + f'<x:row r="1048576"><x:c r="XFD1048576" t="inlineStr">'
                         f'<x:is><x:t>x</x:t></x:is></x:c></x:row>',
}


def xlsx(sheet_data: str, part: str = "xl/worksheets/sheet1.xml", target: str = "worksheets/sheet1.xml",
         prefix: str = "") -> bytes:
    head = SHEET_HEAD if not prefix else SHEET_HEAD.replace("<worksheet xmlns=", f"<{prefix}:worksheet xmlns:{prefix}=")
    tail = "</worksheet>" if not prefix else f"</{prefix}:worksheet>"
    data = "sheetData" if not prefix else f"{prefix}:sheetData"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT.replace("/xl/worksheets/sheet1.xml", "/" + part))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB.replace("Sheet1", "Công trình"))
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS.replace("worksheets/sheet1.xml", target))
        z.writestr(part, f"{head}<{data}>{sheet_data}</{data}>{tail}")
    return buf.getvalue()


def variant_bytes(name: str) -> bytes:
    if name == "prefixed_elements":
        return xlsx(VARIANTS[name], prefix="x")
    return xlsx(VARIANTS[name])


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_spelling_of_a_far_cell_is_refused_before_the_reader(tmp_path, name):
    f = tmp_path / f"{name}.xlsx"
    f.write_bytes(variant_bytes(name))
    with pytest.raises(FileTooLarge, match="quá lớn"):
        FileBook(f)


@pytest.mark.parametrize("target", ["/data/trang.xml", "../data/trang.xml", "/xl/worksheets/../trang.xml"])
def test_a_sheet_stored_outside_the_worksheets_folder_is_checked_too(tmp_path, target):
    part = os.path.normpath(os.path.join("xl", target)).lstrip("/") if not target.startswith("/") else target[1:]
    part = os.path.normpath(part)
    f = tmp_path / "noi_khac.xlsx"
    f.write_bytes(xlsx(A1 + f'<row r="1048576"><c r="XFD1048576" t="inlineStr">{X}', part=part, target=target))
    with pytest.raises(FileTooLarge, match="quá lớn"):
        FileBook(f)


def test_a_usual_sheet_passes_and_reads_the_same(tmp_path):
    """Rows and cells in the usual spelling, and the same cells written in
    other spellings: both pass the check and give the same values."""
    usual = A1 + '<row r="2"><c r="B2" t="inlineStr"><is><t>b</t></is></c></row>'
    other = A1.replace('r="A1"', "r='A1'") + '<row r = "2"><c\n r="b2" t="inlineStr"><is><t>b</t></is></c></row>'
    grids = []
    for k, body in enumerate((usual, other)):
        f = tmp_path / f"{k}.xlsx"
        f.write_bytes(xlsx(body))
        grids.append(FileBook(f).read("Công trình"))
    assert grids[0] == grids[1] == [["Tên công trình", None], [None, "b"]]


def test_a_wide_sheet_within_the_limit_is_not_refused_by_the_quick_bound(tmp_path):
    """Most rows within column Z (passed over quickly, bounded by Z99999),
    one row wide: the bound passes the limit, the cells are then counted
    one by one and the sheet (2.000 rows × 200 columns) is read."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 2000))
    rows += '<row r="2000"><c r="GR2000"><v>1</v></c></row>'
    f = tmp_path / "rong.xlsx"
    f.write_bytes(xlsx(rows))
    assert len(FileBook(f).read("Công trình")) == 2000


COMMANDS = [["validate", "{f}"], ["compute", "{f}", "-o", "{out}.xlsx"], ["review", "{f}"],
            ["report", "{f}", "-o", "{out}.docx"], ["decision", "{f}", "--so", "1/QĐ-X", "-o", "{out}.docx"],
            ["certificates", "{f}", "--so", "1/QĐ-X", "-o", "{out}.docx"]]


def _run(argv, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    captured = capsys.readouterr()
    return stop.value.code, captured.out + captured.err


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_reader_that_aborts_never_takes_a_command_down(tmp_path, monkeypatch, capsys, command):
    """The check lifted, the far cell reaches the native reader, which really
    aborts (SIGABRT) — in its child process: the command says so and exits 2."""
    monkeypatch.setattr(L, "LIMITS", L.Limits(sheet_cells=10**13))
    f = tmp_path / "xa.xlsx"
    f.write_bytes(variant_bytes("cells_without_address"))
    code, text = _run([a.format(f=f, out=tmp_path / "ra") for a in command], capsys)
    assert code == 2, text
    assert "dừng đột ngột" in text and "Traceback" not in text and "panicked" not in text
    assert not list(tmp_path.glob("ra*"))


def test_a_crashing_reader_of_any_kind_is_a_vietnamese_message(tmp_path, monkeypatch, capsys):
    """Whatever kills the reader (here it aborts at once), the file is unusable, the command survives."""
    from .fixtures_consolidate import template_file, work
    f = template_file(tmp_path / "tot.xlsx", works=[work(1, "Xây cầu")])
    monkeypatch.setattr(files, "_read_native", lambda data, pack=True: os.abort())
    with pytest.raises(FileUnusable, match="dừng đột ngột"):
        FileBook(f)
    code, text = _run(["validate", str(f)], capsys)
    assert code == 2 and "dừng đột ngột" in text and "Traceback" not in text


def test_an_error_inside_the_reader_is_said_for_its_sheet(tmp_path, monkeypatch):
    """A Python error in the child comes back as it was raised there."""
    from .fixtures_consolidate import template_file, work
    f = template_file(tmp_path / "tot.xlsx", works=[work(1, "Xây cầu")])

    def fails(data, pack=True):
        raise FileUnusable("Tệp hỏng ở trang X.")
    monkeypatch.setattr(files, "_read_native", fails)
    with pytest.raises(FileUnusable, match="trang X"):
        FileBook(f)


def test_the_readers_report_goes_to_the_log_and_only_when_there_is_one(tmp_path, monkeypatch):
    """A read that goes well writes no log; a reader that dies leaves what
    it printed (its crash report) in the log, never on the console."""
    from .fixtures_consolidate import template_file, work
    state = tmp_path / "state"
    monkeypatch.setenv("LOCALAPPDATA", str(state))
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    f = template_file(tmp_path / "tot.xlsx", works=[work(1, "Xây cầu")])
    FileBook(f).read("Công trình")
    assert not list(state.rglob("thidua.log*"))

    def prints_and_dies(data, pack=True):
        os.write(2, b"reader: thread 'main' panicked at src/xlsx.rs\n")
        os.abort()
    monkeypatch.setattr(files, "_read_native", prints_and_dies)
    with pytest.raises(FileUnusable, match="dừng đột ngột"):
        FileBook(f)
    assert "panicked at src/xlsx.rs" in (state / "thidua" / "thidua.log").read_text(encoding="utf-8")


def _child_pid(_data) -> int:
    return os.getpid()


def test_the_parent_works_meanwhile_and_a_failure_there_changes_nothing():
    """``meanwhile`` runs in this process while the child works; what it
    raises is not said here (it is asked again where its errors are said)."""
    from xlsrc.access import isolated
    done = []

    def meanwhile():
        done.append(os.getpid())
        raise ValueError("not now")
    assert isolated.run_isolated(_child_pid, b"", meanwhile=meanwhile) != os.getpid()
    assert done == [os.getpid()]


def test_what_the_command_needs_anyway_is_done_while_the_child_reads_once(monkeypatch):
    """WHILE_READING: each step is called in this process while the child
    reads, once (a second read does not call it again); a failing one
    changes nothing here."""
    from xlsrc.access import isolated
    done = []

    def fails():
        raise ImportError("later")
    monkeypatch.setattr(isolated, "WHILE_READING", [lambda: done.append(os.getpid()), fails])
    assert isolated.run_isolated(_child_pid, b"") != os.getpid()
    assert isolated.run_isolated(_child_pid, b"") != os.getpid()
    assert done == [os.getpid()] and isolated.WHILE_READING == []


def test_the_validators_checks_are_imported_while_a_book_is_read(tmp_path):
    """A command that validates reads its book first: the checks of the other
    tables (imported when first asked)
    are imported in the parent while the reader child reads."""
    import subprocess
    import sys
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx(A1))
    code = ("import sys; from xlsrc import validation; from xlsrc.access.files import FileBook; "
            "assert 'xlsrc.review.checks' not in sys.modules; FileBook(sys.argv[1]); "
            "print(all(m in sys.modules for m in ('xlsrc.review.checks', 'xlsrc.awards.checks', "
            "'xlsrc.council.checks')))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def _wait_for_a_signal(_data) -> None:
    import signal
    signal.pause()  # only the parent's SIGKILL ends it


def _die(_data) -> None:
    os._exit(7)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("work", [_wait_for_a_signal, _die])
def test_a_check_that_refuses_stops_the_child_and_is_what_is_said(forks, work):
    """The contents' check runs here while the child reads; when it refuses,
    the child is killed and reaped, and the refusal is said — also when the
    child died first (a file that made the reader crash is said for what it is)."""
    from xlsrc.access import isolated
    ran = []

    def check():
        ran.append(os.getpid())
        raise FileUnusable("không đọc tệp này")
    import signal

    def left_running(*_):  # a child left waiting would block this test for ever: said instead
        raise TimeoutError("the child was not stopped")
    before = signal.signal(signal.SIGALRM, left_running)
    signal.alarm(60)
    try:
        with pytest.raises(FileUnusable, match="không đọc tệp này"):
            isolated.run_isolated(work, b"", check=check)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert ran == [os.getpid()]
    assert len(forks) == 1 and _gone(forks[0])


def test_declared_sizes_are_refused_before_any_reader_starts(tmp_path, monkeypatch, forks):
    monkeypatch.setattr(L, "LIMITS", L.Limits(ratio=2, ratio_floor=0))
    f = tmp_path / "nen.xlsx"
    f.write_bytes(xlsx(A1 * 50))  # the sheet part compresses far more than 2:1
    with pytest.raises(FileTooLarge, match="tỷ lệ"):
        FileBook(f)
    assert forks == []


def test_a_part_refused_for_its_contents_stops_the_reader_it_ran_beside(tmp_path, forks):
    data = xlsx(A1)
    ok, refused = tmp_path / "ok.xlsx", tmp_path / "dtd.xlsx"
    ok.write_bytes(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part += b'<!DOCTYPE x [<!ENTITY a "b">]>'  # after the rows: the reader has long begun
            out.writestr(info.filename, part)
    refused.write_bytes(buf.getvalue())
    with pytest.raises(FileUnusable, match="khai báo DTD"):
        FileBook(refused)
    assert len(forks) == 1 and _gone(forks[0])
    assert FileBook(ok).read("Công trình") == [["Tên công trình"]]  # the same file without it reads


def test_what_every_job_asks_of_the_package_is_found_while_the_child_reads(tmp_path, forks):
    """The look-ahead runs in this process during the read (its answers are
    there when the book opens); it used to fail unseen, before the book had
    its caches."""
    f = tmp_path / "ok.xlsx"
    f.write_bytes(xlsx(A1))
    book = FileBook(f)
    assert len(forks) == 1
    assert book._percent is False and book._legacy_fonts is False  # answered, not left for later (None)


def test_a_process_that_reads_in_place_reads_each_sheet_when_first_asked_for(tmp_path, monkeypatch):
    """A consolidation worker (a reader already: isolated.INSIDE) opens the
    book once and reads only the sheets asked for, each once; what a sheet
    holds (TCVN3 text converted with its warning, Unicode text untouched)
    is the same as when every sheet is read at once."""
    import openpyxl
    from xlsrc.access import isolated
    from xlsrc.legacy_encodings import encode_tcvn3
    wb = openpyxl.Workbook()
    wb.active.title = "Unicode"
    wb.active.append(["Sửa chữa trường học", 1])
    wb.create_sheet("TCVN3").append([encode_tcvn3("Sửa chữa trường học"), 2])
    wb.create_sheet("Khác").append(["x"])
    wb.create_sheet("Ẩn").sheet_state = "hidden"
    wb["Ẩn"].append(["y"])
    path = tmp_path / "b.xlsx"
    wb.save(path)
    whole = FileBook(path)
    expected = {s: (whole.read(s), [f.code for f in whole.notes(s)]) for s in ("Unicode", "TCVN3")}
    assert expected["TCVN3"] == ([["Sửa chữa trường học", 2]], ["LEGACY_ENCODING"])
    assert expected["Unicode"] == ([["Sửa chữa trường học", 1]], [])

    read: list[str] = []
    real = files._read_sheet

    def counted(book, cal, sheet, same):
        read.append(sheet)
        return real(book, cal, sheet, same)
    monkeypatch.setattr(files, "_read_sheet", counted)
    monkeypatch.setattr(isolated, "INSIDE", True)
    book = FileBook(path)
    assert read == [] and book.sheet_names() == ["Unicode", "TCVN3", "Khác", "Ẩn"]
    assert book.hidden_sheets() == {"Ẩn"}
    for sheet in ("TCVN3", "Unicode", "TCVN3"):
        assert (book.read(sheet), [f.code for f in book.notes(sheet)]) == expected[sheet]
    assert read == ["TCVN3", "Unicode"]  # "Khác" and "Ẩn" never read


DTD = '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def two_sheets(b_part: bytes, b_target: str = "worksheets/sheet2.xml", extra: dict | None = None) -> bytes:
    """Sheets 'A' (xl/worksheets/sheet1.xml) and 'B' (xl/worksheets/sheet2.xml,
    its relationship's target written ``b_target``), and ``extra`` parts."""
    parts = {"[Content_Types].xml": CT, "_rels/.rels": RELS,
             "xl/workbook.xml": WB.replace('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>',
                                           '<sheet name="A" sheetId="1" r:id="rId1"/>'
                                           '<sheet name="B" sheetId="2" r:id="rId2"/>'),
             "xl/_rels/workbook.xml.rels": WB_RELS.replace(
                 "</Relationships>", f'<Relationship Id="rId2" Type="{WORKSHEET}" Target="{b_target}"/>'
                                     f'</Relationships>'),
             "xl/worksheets/sheet1.xml": sheet_xml([("A1", "Tên công trình")]),
             "xl/worksheets/sheet2.xml": b_part, **(extra or {})}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def with_dtd(row: str) -> bytes:
    """A sheet part that declares an entity (Excel never writes one) and uses it in ``row``."""
    return (SHEET_HEAD.replace("<worksheet", DTD + "<worksheet") + f"<sheetData>{row}</sheetData></worksheet>").encode()


def refusal(path) -> str:
    """What a command that reads the whole file says of it (every part checked at once)."""
    with pytest.raises(FileUnusable) as caught:
        FileBook(path)
    return str(caught.value)


@pytest.mark.parametrize("target", ["worksheets/sheet2.xml", "/xl/worksheets/sheet2.xml"])
def test_a_sheet_read_in_place_is_checked_when_it_is_read(tmp_path, monkeypatch, target):
    """A consolidation worker checks a sheet's part when the sheet is first
    read, however its relationship names it: a sheet never read costs no
    check, one read is refused as a command that checks the whole file
    refuses it, before the reader parses it."""
    from xlsrc.access import isolated
    f = tmp_path / "b.xlsx"
    f.write_bytes(two_sheets(with_dtd('<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>'),
                             b_target=target))
    said = refusal(f)
    assert "phần 'xl/worksheets/sheet2.xml' khai báo DTD" in said
    monkeypatch.setattr(isolated, "INSIDE", True)
    book = FileBook(f)
    assert book.read("A") == [["Tên công trình"]]
    for _ in range(2):  # asked again, refused again: never left to the reader
        with pytest.raises(FileUnusable) as caught:
            book.read("B")
        assert str(caught.value) == said


def test_a_part_read_in_place_is_checked_before_any_reader_parses_it(tmp_path, monkeypatch):
    """The parts only a sheet refers to (here its comments) wait too: checked
    before a reader of the whole package gets the file's bytes, and a sheet's
    part before the format reader reads it, even when its values were never
    read (the format reader then says it knows nothing)."""
    from xlsrc.access import isolated
    hostile = f'<?xml version="1.0"?>{DTD}<comments>&a;</comments>'
    f = tmp_path / "c.xlsx"
    f.write_bytes(two_sheets(sheet_xml([("A1", "x")]), extra={"xl/comments1.xml": hostile}))
    said = refusal(f)
    assert "phần 'xl/comments1.xml' khai báo DTD" in said
    monkeypatch.setattr(isolated, "INSIDE", True)
    book = FileBook(f)
    assert (book.read("A"), book.read("B")) == ([["Tên công trình"]], [["x"]])
    with pytest.raises(FileUnusable) as caught:
        book.data
    assert str(caught.value) == said

    g = tmp_path / "d.xlsx"
    g.write_bytes(two_sheets(with_dtd('<row r="1"><c r="A1" s="0"><v>1</v></c></row>')))
    book = FileBook(g)
    assert book.cell_info("A").unknown is False
    assert book.cell_info("B").unknown is True  # refused before it was read: no format known, none made up


class _Arrived:
    """Made again in the parent: leaves a mark there as soon as it is unpickled."""

    def __init__(self, flag: str):
        self.flag = flag
        if os.getpid() == _Arrived.parent:
            open(flag, "w").close()

    def __reduce__(self):
        return _Arrived, (self.flag,)


class _SeesTheParentUnpickling:
    """Pickled in the child after an _Arrived and more than a pipe holds:
    whether the parent had already made that _Arrived again."""

    def __init__(self, flag: str, seen: bool = False):
        self.flag, self.seen = flag, seen

    def __reduce__(self):
        import time
        for _ in range(3000):  # only where the parent never unpickles before the child is done does this end
            if os.path.exists(self.flag):
                return _SeesTheParentUnpickling, (self.flag, True)
            time.sleep(0.01)
        return _SeesTheParentUnpickling, (self.flag, False)


def _streamed(flag: str):
    return [_Arrived(flag), b"x" * 1_000_000, _SeesTheParentUnpickling(flag)]


def test_the_parent_unpickles_what_the_child_sends_while_it_is_pickled(tmp_path, monkeypatch):
    """The reader child's values are sent as they are pickled and made again
    here as they arrive: the start of a large message is unpickled before
    the child has pickled its end (the two overlap on two cores)."""
    from xlsrc.access import isolated
    monkeypatch.setattr(_Arrived, "parent", os.getpid(), raising=False)
    flag = str(tmp_path / "arrived")
    got = isolated.run_isolated(_streamed, flag)
    assert len(got[1]) == 1_000_000 and got[2].seen


def test_a_child_that_dies_while_sending_is_a_crash(tmp_path):
    """A message cut short (the child died while sending it) is the reader's crash, not a traceback."""
    from xlsrc.access import isolated
    with pytest.raises(isolated.ReaderCrashed):
        isolated.run_isolated(_dies_while_sending, b"")


class _Dies:
    def __reduce__(self):
        os._exit(9)


def _dies_while_sending(_data):
    return [b"x" * 1_000_000, _Dies()]


def _a_list_or_an_error(fail: bool) -> list:
    if fail:
        raise FileUnusable("hỏng")
    return [1, "hai"]


def test_in_this_process_the_steps_and_the_result_are_those_of_a_child(monkeypatch, forks):
    """SEPARATE False (the tests that are not about the reader's process,
    tests/conftest.py): nothing is forked; the check runs first and a refusal
    stops the work; meanwhile and WHILE_READING run once; the result and an
    exception come back through pickle, as from a child (a copy, never the object made)."""
    from xlsrc.access import isolated
    monkeypatch.setattr(isolated, "SEPARATE", False)
    order, made = [], []

    def work(fail):
        order.append("work")
        made.append(_a_list_or_an_error(fail))
        return made[-1]
    monkeypatch.setattr(isolated, "WHILE_READING", [lambda: order.append("while")])
    got = isolated.run_isolated(work, False, check=lambda: order.append("check"),
                                meanwhile=lambda: order.append("meanwhile"))
    assert got == [1, "hai"] and got is not made[0]
    assert order == ["check", "work", "meanwhile", "while"] and isolated.WHILE_READING == []
    with pytest.raises(FileUnusable, match="hỏng"):
        isolated.run_isolated(work, True)

    def refuse():
        raise FileTooLarge("quá lớn")
    order.clear()
    with pytest.raises(FileTooLarge):
        isolated.run_isolated(work, False, check=refuse)
    assert order == [] and forks == []
