"""The last steps of a large consolidation on two cores (xlsrc/halves.py):
the same result as one core, byte for byte, and a failing half costs nothing."""
from __future__ import annotations

import datetime as dt
import os
import sys
import time

import pytest

from xlsrc import halves
from xlsrc.builder import Content, build_workbook
from xlsrc.consolidate.master import master_summary


def _pid_and_range(lo: int, hi: int):
    return os.getpid(), lo, hi, sum(range(lo, hi))


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the two-process path is for Linux only")


@pytest.fixture()
def two_cores_one_thread(monkeypatch):
    """The system where the two-process path is meant to be taken (CI's):
    Linux, two cores for this process, no other thread running — whatever
    threads earlier tests left behind and however many cores this machine has."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)
    monkeypatch.setattr(halves, "core_free", lambda cores: True)  # whatever else runs on this machine now


@pytest.mark.parametrize("loadavg,cores,free", [("0.52 0.58 0.59 1/402 7125", 2, True),
                                                ("2.10 1.58 0.59 2/402 7125", 2, False),
                                                ("3.95 3.58 2.59 3/402 7125", 4, True),
                                                ("3.95 3.58 2.59 4/402 7125", 4, False),
                                                ("", 2, True), (None, 2, True)])
def test_a_core_is_free_when_fewer_processes_run_than_cores(tmp_path, monkeypatch, loadavg, cores, free):
    """This process counts among those running: with two cores, one running (this one) leaves one free."""
    f = tmp_path / "loadavg"
    if loadavg is not None:
        f.write_text(loadavg + "\n")
    monkeypatch.setattr(halves, "LOADAVG", str(f))
    assert halves.core_free(cores) is free


@linux_only
def test_no_fork_when_no_core_is_free(tmp_path, monkeypatch):
    """A machine busy with other work: the halves are made here, one after the other."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)
    f = tmp_path / "loadavg"
    monkeypatch.setattr(halves, "LOADAVG", str(f))
    f.write_text("1.00 1.00 1.00 1/300 4242\n")
    assert halves.can_split()
    f.write_text("2.00 1.00 1.00 2/300 4242\n")
    assert not halves.can_split() and halves.can_fork()   # a job started early (the chart) still forks
    assert [g[0] for g in halves.in_halves(_pid_and_range, 20_000)] == [os.getpid()] * 2


@linux_only
def test_can_fork_on_linux_with_two_cores_and_one_thread_only(monkeypatch, two_cores_one_thread):
    assert halves.can_fork()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not halves.can_fork()  # one core: nothing to gain


@linux_only
def test_can_fork_refuses_while_another_thread_runs(monkeypatch):
    import threading
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not halves.can_fork()  # a fork would copy a lock another thread may hold
    finally:
        stop.set()
        other.join()


@linux_only
def test_two_halves_the_second_in_another_process(two_cores_one_thread, forks):
    got = halves.in_halves(_pid_and_range, 20_000)
    assert [g[1:3] for g in got] == [(0, 10_000), (10_000, 20_000)]
    assert sum(g[3] for g in got) == sum(range(20_000))
    assert got[0][0] == os.getpid()
    assert got[1][0] != os.getpid() and len(forks) == 1  # the second half was made in a child


def test_without_a_safe_fork_both_halves_are_made_here(monkeypatch, forks):
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    got = halves.in_halves(_pid_and_range, 20_000)
    assert got == [(os.getpid(), 0, 10_000, sum(range(10_000))), (os.getpid(), 10_000, 20_000,
                                                                   sum(range(10_000, 20_000)))]
    assert forks == []


def test_a_small_loop_is_not_split():
    assert halves.in_halves(_pid_and_range, 100) == [(os.getpid(), 0, 100, sum(range(100)))]


@linux_only
def test_a_half_that_fails_in_the_child_is_made_here(two_cores_one_thread, forks):
    parent = os.getpid()

    def work(lo, hi):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return list(range(lo, hi))
    got = halves.in_halves(work, 10_000)
    assert got[0] + got[1] == list(range(10_000))
    assert len(forks) == 1


@linux_only
def test_an_error_in_this_half_is_raised_and_the_child_reaped(two_cores_one_thread, forks):
    def work(lo, hi):
        if lo == 0:
            raise ValueError("here")
        return hi - lo
    with pytest.raises(ValueError):
        halves.in_halves(work, 10_000)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # no child left behind
        os.waitpid(forks[0], os.WNOHANG)


@linux_only
def test_later_runs_the_work_in_another_process_while_this_one_goes_on(two_cores_one_thread, forks):
    with halves.later(os.getpid) as child_pid:
        assert len(forks) == 1  # started before the body
        got = child_pid()
        assert child_pid() == got  # asked twice: the one result
    assert got == forks[0] != os.getpid()


@linux_only
def test_the_later_child_knows_it_is_one(two_cores_one_thread, forks):
    """halves.CHILD: a process that ends when its work is done (the chart's
    child reads its fonts from their bytes), never this one."""
    with halves.later(lambda: halves.CHILD) as in_child:
        assert in_child() is True
    assert halves.CHILD is False and len(forks) == 1


def test_later_without_a_safe_fork_runs_the_work_here_once_when_asked(monkeypatch, forks):
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    calls = []

    def work():
        calls.append(os.getpid())
        return len(calls)
    with halves.later(work) as result:
        assert calls == []
        assert result() == 1 and result() == 1
    assert calls == [os.getpid()] and forks == []
    with halves.later(lambda: halves.CHILD) as in_child:
        assert in_child() is False  # made here
    with halves.later(work):
        pass
    assert len(calls) == 1  # never asked for: never made


@linux_only
def test_later_work_that_fails_in_the_child_is_made_here(two_cores_one_thread, forks):
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "made here"
    with halves.later(work) as result:
        assert result() == "made here"
    assert len(forks) == 1


@linux_only
def test_a_later_result_never_asked_for_stops_the_child(two_cores_one_thread, forks, monkeypatch):
    import signal
    import time
    codes = []
    real_reap = halves._reap
    monkeypatch.setattr(halves, "_reap", lambda pid: codes.append(real_reap(pid)) or codes[-1])
    with pytest.raises(ValueError):
        with halves.later(lambda: time.sleep(30)):
            raise ValueError("here")
    assert codes == [-signal.SIGKILL]  # stopped, not waited for
    with pytest.raises(ChildProcessError):  # and not left behind
        os.waitpid(forks[0], os.WNOHANG)


PREPARED = []


def _prepare(given):
    PREPARED.append(os.getpid())


def _prepared_and_given(x):
    return PREPARED[-1] if PREPARED else None, os.getpid(), x


@linux_only
def test_later_prepares_in_the_child_while_this_process_makes_the_arguments(two_cores_one_thread, forks):
    """The child runs prepare() at once, then work(*args) with the arguments
    given when this process has them (the chart: matplotlib imported there
    while the totals are computed here)."""
    with halves.later(_prepared_and_given, prepare=_prepare) as job:
        assert len(forks) == 1  # started before the arguments exist
        job.give(41)
        prepared_in, made_in, x = job()
    assert prepared_in == made_in == forks[0] != os.getpid() and x == 41
    assert PREPARED == []  # not prepared here


SAW_GIVEN: list = []


def _prepare_until_given(given):
    """A preparation of steps: one more until the arguments have come."""
    deadline = time.monotonic() + 60  # only against a hang
    while not given() and time.monotonic() < deadline:
        time.sleep(0.001)
    SAW_GIVEN.append(given())


def _after_preparing(x):
    return SAW_GIVEN, x


@linux_only
def test_a_preparation_of_steps_is_told_when_the_arguments_have_come(two_cores_one_thread, forks):
    """prepare(given): given() is false while this process makes the
    arguments and true once they are sent, so that a preparation made of
    steps (the chart's ticks) stops and the work starts."""
    with halves.later(_after_preparing, prepare=_prepare_until_given) as job:
        job.give(7)
        assert job() == ([True], 7)
    assert SAW_GIVEN == [] and len(forks) == 1  # prepared there, not here


def test_later_with_arguments_without_a_safe_fork_runs_here(monkeypatch, forks):
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    with halves.later(_prepared_and_given, prepare=_prepare) as job:
        job.give("x")
        assert job() == (None, os.getpid(), "x") and forks == []


@linux_only
def test_later_with_arguments_that_fails_in_the_child_is_made_here(two_cores_one_thread, forks):
    parent = os.getpid()

    def work(x):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return x * 2
    with halves.later(work, prepare=_prepare) as job:
        job.give(21)
        assert job() == 42 and len(forks) == 1


@linux_only
def test_arguments_never_given_stop_the_waiting_child(two_cores_one_thread, forks):
    with pytest.raises(ValueError):
        with halves.later(_prepared_and_given, prepare=_prepare) as job:
            with pytest.raises(RuntimeError):  # asked before given: said, not waited for
                job()
            raise ValueError("here, before the arguments")
    with pytest.raises(ChildProcessError):  # stopped and reaped, not left waiting
        os.waitpid(forks[0], os.WNOHANG)


def _master_rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append({"order": i + 1, "name": f"Công trình số {i}", "kind": "Công trình",
                     "start": dt.datetime(2021, 1 + i % 12, 1 + i % 28),
                     "planned_finish": "Quý IV/2021" if i % 3 else dt.datetime(2021, 12, 31),
                     "progress": (i % 101) / 100 if i % 7 else "Đang triển khai theo kế hoạch",
                     "note": "Lùi thời gian sang năm 2022" if i % 97 == 0 else None,
                     "unit": f"Sở {i % 37}", "source_file": f"don_vi_{i % 37}.xlsx",
                     "source_sheet": "Phụ lục", "source_row": 10 + i})
    return rows


@pytest.mark.long
@linux_only
def test_the_master_is_the_same_bytes_on_one_core_and_on_two(monkeypatch, two_cores_one_thread, forks):
    rows = {"works": _master_rows(50_000)}
    info = {"unit_name": "Ban Thi đua - Khen thưởng", "doc_date": dt.datetime(2021, 11, 18), "report_year": 2021}
    summary_two = master_summary(info, rows)
    two = build_workbook(Content(info=info, rows=rows, summary=summary_two))
    assert len(forks) >= 2  # the summary's statuses and the sheet's rows: each in two processes
    forks.clear()
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    summary_one = master_summary(info, rows)
    one = build_workbook(Content(info=info, rows=rows, summary=summary_one))
    assert forks == []
    assert summary_one == summary_two
    assert one == two
    # and the rows are all there, in order, on their Excel rows (read by another reader than ours)
    import io

    from python_calamine import CalamineWorkbook
    grid = CalamineWorkbook.from_filelike(io.BytesIO(two)).get_sheet_by_name("Công trình").to_python()
    name = grid[0].index("Tên công trình, phần việc")
    assert [r[name] for r in grid[1:] if any(v is not None for v in r)] == [f"Công trình số {i}" for i in range(50_000)]


@linux_only
def test_a_job_started_early_forks_even_when_no_core_is_free_now(monkeypatch, two_cores_one_thread):
    """The report's chart is forked while the reader child reads: that child
    alone makes the machine look busy, and the chart would be drawn after
    the annex. Only splitting one piece of work asks for a free core."""
    monkeypatch.setattr(halves, "core_free", lambda cores: False)
    with halves.later(os.getpid) as child:
        assert child() != os.getpid()
    assert [g[0] for g in halves.in_halves(_pid_and_range, 20_000)] == [os.getpid()] * 2
