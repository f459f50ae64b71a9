"""Tests at the boundaries that mutation testing found unguarded (issue 24):
a work due exactly on the report date, ``*`` and ``.*`` widths in a
template's %-formatting, and each size limit of a zip package one below,
at and one above the limit. Each test fails when the comparison it guards is
moved by one (``<`` for ``<=``, a limit check removed)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile

import pytest

from xlsrc import schema as S
from xlsrc.access import limits
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.completion import work_status
from xlsrc.demo_data import demo_content
from xlsrc.errors import FileTooLarge
from xlsrc.parsing import parse_date, parse_progress
from xlsrc.records import Record
from xlsrc.report.sandbox import MAX_PAD, Refused, TemplateEnvironment

AS_OF = dt.date(2021, 11, 18)


def work(planned_finish=None, progress=None, start=None, actual_finish=None, declared=None, note=None) -> Record:
    values = {"start": parse_date(start, 2021), "planned_finish": parse_date(planned_finish, 2021),
              "actual_finish": parse_date(actual_finish, 2021), "progress": parse_progress(progress),
              "declared_status": declared, "note": note}
    return Record(S.WORKS, 10, {}, values)


# -- completion.py: the report date itself -------------------------------------------------------------
@pytest.mark.parametrize("finish, status", [
    (dt.date(2021, 11, 17), S.STATUS_LATE),      # due the day before: late
    (dt.date(2021, 11, 18), S.STATUS_ONGOING),   # due on the report date: not late yet
    (dt.date(2021, 11, 19), S.STATUS_ONGOING),
    ("Tháng 11/2021", S.STATUS_ONGOING),         # a month that ends after the report date
    ("Tháng 10/2021", S.STATUS_LATE),
])
def test_a_work_due_on_the_report_date_is_not_late(finish, status):
    assert work_status(work(planned_finish=finish, progress=50, start=dt.date(2021, 1, 4)), AS_OF) == status


@pytest.mark.parametrize("actual, status", [
    (dt.date(2021, 11, 18), S.STATUS_DONE),      # finished on the report date
    (dt.date(2021, 11, 19), S.STATUS_ONGOING),   # finishes after it: not yet done
])
def test_a_work_finished_on_the_report_date_is_done(actual, status):
    assert work_status(work(planned_finish="Năm 2022", progress=30, actual_finish=actual), AS_OF) == status


@pytest.mark.parametrize("start, progress, status", [
    (dt.date(2021, 11, 18), None, S.STATUS_ONGOING),      # starts on the report date: begun
    (dt.date(2021, 11, 19), None, S.STATUS_NOT_STARTED),  # starts the day after
    (dt.date(2021, 11, 19), 0, S.STATUS_NOT_STARTED),
    (dt.date(2021, 11, 19), 5, S.STATUS_ONGOING),         # some progress already: begun early
    (None, 0, S.STATUS_NOT_STARTED),
    (None, 1, S.STATUS_ONGOING),
    (None, None, S.STATUS_UNKNOWN),
])
def test_a_work_starting_on_the_report_date_has_begun(start, progress, status):
    assert work_status(work(planned_finish="Năm 2022", progress=progress, start=start), AS_OF) == status


@pytest.mark.parametrize("progress, status", [(100, S.STATUS_DONE), (99.99, S.STATUS_LATE), (101, S.STATUS_DONE)])
def test_100_percent_is_done_even_past_the_finish(progress, status):
    assert work_status(work(planned_finish="Tháng 3/2021", progress=progress, start="Tháng 1/2021"), AS_OF) == status


def test_declared_done_counts_only_without_a_figure():
    assert work_status(work(declared=S.STATUS_DONE), AS_OF) == S.STATUS_DONE
    assert work_status(work(declared=S.STATUS_DONE, progress=40, planned_finish="Năm 2022"), AS_OF) == \
        S.STATUS_ONGOING


# -- report/sandbox.py: widths in %-formatting -------------------------------------------------------
def _render(source: str, **data) -> str:
    return TemplateEnvironment().from_string(source).render(**data)


@pytest.mark.parametrize("source", [
    "{{ '%*s' % (n, 'x') }}", "{{ '%-*d' % (n, 1) }}", "{{ '%.*f' % (n, 1.5) }}", "{{ '%*.*f' % (3, n, 1.5) }}",
    "{{ '%*s'|format(n, 'x') }}", "{{ '%.*f'|format(n, 1.5) }}", "{{ 'a %*s b' % (n, 'x') }}",
])
def test_a_star_width_or_precision_is_refused_whatever_its_value(source):
    """'%*s' % (10**9, 'x') would pad to a gigabyte; the width comes from the
    arguments, so no '*' is accepted at all (even a small one)."""
    for n in (10 ** 9, 5):
        with pytest.raises(Refused, match="vượt giới hạn"):
            _render(source, n=n)


@pytest.mark.parametrize("source", ["{{ '%*s'|format(1000000000, 'x') }}", "{{ '%.*f'|format(1000000000, 1.5) }}",
                                    "{{ '%*s'|format(n, 'x') }}"])
def test_a_star_width_in_a_constant_format_is_refused_before_rendering(source):
    with pytest.raises(Refused, match="vượt giới hạn"):
        TemplateEnvironment().from_string(source)


@pytest.mark.parametrize("spec", ["%{w}s", "%-{w}s", "%0{w}d", "%.{w}f", "%{w}.{w}f", "%(a){w}s"])
def test_widths_up_to_the_limit_pass_and_one_more_is_refused(spec):
    ok, over = spec.format(w=MAX_PAD), spec.format(w=MAX_PAD + 1)
    args = "{'a': 'x'}" if "(a)" in spec else ("1" if spec.endswith(("d", "f")) else "'x'")
    assert len(_render(f"{{{{ '{ok}' % {args} }}}}")) >= MAX_PAD
    with pytest.raises(Refused, match="vượt giới hạn"):
        _render(f"{{{{ '{over}' % {args} }}}}")
    with pytest.raises(Refused, match="vượt giới hạn"):
        _render(f"{{{{ fmt % {args} }}}}", fmt=over)  # from the data: checked when it runs


# -- access/limits.py: each limit of a zip package ------------------------------------------------
@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A real workbook and the figures its limits are compared with."""
    path = write_workbook(tmp_path_factory.mktemp("zip") / "so.xlsx", demo_content())
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    largest = max(infos, key=lambda i: i.file_size)
    return {"path": path, "file_bytes": path.stat().st_size, "parts": len(infos),
            "total_bytes": sum(i.file_size for i in infos), "part_bytes": largest.file_size}


def _open_with(monkeypatch, package, **changed):
    monkeypatch.setattr(limits, "LIMITS", dataclasses.replace(limits.LIMITS, **changed))
    return FileBook(package["path"])


@pytest.mark.parametrize("limit, said", [("parts", "phần trong gói zip"), ("total_bytes", "khi giải nén chiếm"),
                                         ("file_bytes", "vượt giới hạn"), ("part_bytes", "khi giải nén")])
def test_each_zip_limit_holds_at_its_value_and_refuses_one_over(monkeypatch, package, limit, said):
    at = package[limit]
    assert _open_with(monkeypatch, package, **{limit: at}).sheet_names()  # exactly at the limit: read
    with pytest.raises(FileTooLarge, match=said) as refused:
        _open_with(monkeypatch, package, **{limit: at - 1})
    assert "so.xlsx" in str(refused.value) and "quá lớn" in str(refused.value)


def test_the_ratio_limit_counts_only_parts_over_its_floor(monkeypatch, package):
    with zipfile.ZipFile(package["path"]) as z:
        big = max(z.infolist(), key=lambda i: i.file_size)
    ratio = big.file_size // big.compress_size
    assert ratio >= 2
    # over the floor and over the ratio: refused, naming the ratio
    with pytest.raises(FileTooLarge, match="nén với tỷ lệ"):
        _open_with(monkeypatch, package, ratio=ratio - 1, ratio_floor=big.file_size - 1)
    # the same ratio at the floor itself: not looked at
    assert _open_with(monkeypatch, package, ratio=ratio - 1, ratio_floor=big.file_size).sheet_names()
    # within the ratio: read
    assert _open_with(monkeypatch, package, ratio=ratio + 1, ratio_floor=big.file_size - 1).sheet_names()
