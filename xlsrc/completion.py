"""Where each work stands as of the report date, and the totals the report needs."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import attrgetter, eq, is_not

from . import schema as S
from .parsing import DateValue, Progress
from .records import Record, WorkbookData, as_text, once_each, value_columns
from .vntext import fold

_POSTPONED_WORDS = ("lui thoi gian", "tam hoan", "hoan to chuc", "chuyen sang nam", "gian tien do",
                    "dieu chinh thoi gian", "de nghi lui", "hoan thuc hien")


def postponed_in_text(text: str) -> bool:
    return bool(text) and _postponed(text)


@lru_cache(maxsize=50_000)  # notes recur down a large master: folded once each
def _postponed(text: str) -> bool:
    key = fold(text)
    return any(w in key for w in _POSTPONED_WORDS)


def work_status(rec: Record, as_of: dt.date) -> str:
    """Hoàn thành, Đang thực hiện, Chưa triển khai, Chậm tiến độ, Lùi thời gian or Chưa rõ."""
    return _status(*map(rec.__getitem__, STATUS_KEYS), as_of)  # read from the record's row: no dict made for it


STATUS_KEYS = ("progress", "start", "planned_finish", "actual_finish", "declared_status", "note")


def _status(progress: Progress, start: DateValue, finish: DateValue, actual: DateValue, declared, note,
            as_of: dt.date) -> str:
    """work_status of a work's values (STATUS_KEYS)."""
    if declared == S.STATUS_POSTPONED or progress.note and _postponed(progress.note) \
            or note and _postponed(as_text(note)):  # an empty note (most) asks for no word
        return S.STATUS_POSTPONED
    value = progress.value
    started = start.start
    if (value is not None and value >= 100) or (actual.start is not None and actual.start <= as_of) \
            or (declared == S.STATUS_DONE and value is None):
        return S.STATUS_DONE
    if finish.start is not None and finish.end < as_of:
        return S.STATUS_LATE
    if started is not None and started > as_of and not (value is not None and value > 0):
        return S.STATUS_NOT_STARTED
    if (value is not None and value > 0) or (started is not None and started <= as_of):
        return S.STATUS_ONGOING
    if value is not None and value == 0:
        return S.STATUS_NOT_STARTED
    return S.STATUS_UNKNOWN


@dataclass
class UnitTotals:
    unit: str
    works: int = 0
    done: int = 0
    collectives: int = 0
    individuals: int = 0

    @property
    def rate(self) -> float | None:
        return 100.0 * self.done / self.works if self.works else None

    @property
    def awards(self) -> int:
        return self.collectives + self.individuals


@dataclass
class AwardGroup:
    form: str
    field: str
    period: str
    collectives: int = 0
    individuals: int = 0


@dataclass
class Totals:
    as_of: dt.date
    statuses: list[str] = field(default_factory=list)  # one per work, in order
    works: int = 0
    done: int = 0
    mean_progress: float | None = None
    by_kind: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    by_unit: dict[str, UnitTotals] = field(default_factory=dict)
    awards: Counter = field(default_factory=Counter)        # (form, recipient kind) -> count
    awards_by_kind: Counter = field(default_factory=Counter)
    award_groups: list[AwardGroup] = field(default_factory=list)
    progresses: list[float] = field(default_factory=list, repr=False)  # of the works with a progress, 0–100

    @property
    def rate(self) -> float | None:
        return 100.0 * self.done / self.works if self.works else None


def award_count(rec: Record) -> int:
    n = rec["count"]
    return n if isinstance(n, int) and n > 0 else 1


def decided_after(rec: Record, day: dt.date) -> bool:
    """An award whose decision is dated after ``day`` (a report of 2021 leaves out a decision of 2025)."""
    d = rec["decision_date"]
    return getattr(d, "ok", False) and d.start > day


def reported_awards(data: WorkbookData) -> list[Record]:
    """The awards a report counts: those of the report year or without a
    Năm. A row whose Năm is an earlier year is award history, kept for the
    review of consecutive years (Rà soát điều kiện), not an achievement of
    this report; a row of a later year (a decision made after the report)
    is not either."""
    year = data.report_year
    return [rec for rec in data.awards
            if not (isinstance(rec["year"], int) and year is not None and rec["year"] != year)]


def compute(data: WorkbookData, as_of: dt.date | None = None) -> Totals:
    as_of = as_of or data.report_date or dt.date.today()
    t = works_totals(data.works, as_of, data.info.get("unit_name") or "")
    add_awards(t, data)
    return t


def work_units(units, owners, default_unit: str = "") -> list[str]:
    """The unit each work counts under, from the works' Đơn vị báo cáo and
    Đơn vị thực hiện columns: the first, else the second, else the book's
    own unit, else 'Chưa rõ đơn vị' (each distinct cell put into words once)."""
    fallback = default_unit or "Chưa rõ đơn vị"
    return [unit or owner or fallback for unit, owner in zip(once_each(as_text, units), once_each(as_text, owners))]


WORKS_KEYS = STATUS_KEYS + ("kind", "unit", "owner")  # the works' values their totals read


def works_totals(works, as_of: dt.date, default_unit: str = "") -> Totals:
    """The works' part of the totals (no awards yet), read a column at a
    time (records.value_columns; see column_totals)."""
    return column_totals(value_columns(works, WORKS_KEYS), as_of, default_unit)


def column_totals(values: list, as_of: dt.date, default_unit: str = "") -> Totals:
    """works_totals of the works' values of WORKS_KEYS, a column each,
    counted in C-level passes: each distinct unit named once."""
    t = Totals(as_of=as_of)
    *columns, kinds, units, owners = values
    named = work_units(units, owners, default_unit)
    t.statuses += map(_status, *columns, repeat(as_of))
    t.by_status.update(t.statuses)
    t.by_kind.update([kind or "Chưa phân loại" for kind in kinds])
    done = Counter(compress(named, map(eq, t.statuses, repeat(S.STATUS_DONE))))
    t.by_unit.update((unit, UnitTotals(unit, n, done[unit])) for unit, n in Counter(named).items())
    given = list(filter(partial(is_not, None), map(attrgetter("value"), columns[0])))
    inside = not given or min(given) >= 0.0 and max(given) <= 100.0  # then clipping gives each one back
    t.progresses += given if inside else [min(max(v, 0.0), 100.0) for v in given]
    t.works = len(t.statuses)
    t.done = t.by_status[S.STATUS_DONE]
    t.mean_progress = math.fsum(t.progresses) / len(t.progresses) if t.progresses else None
    return t


def join_works_totals(parts: list[Totals]) -> Totals:
    """The works' totals of a table from those of its consecutive parts, in
    order: the same as ``works_totals`` of the whole table."""
    t = Totals(as_of=parts[0].as_of)
    for p in parts:
        t.statuses += p.statuses
        t.works += p.works
        t.done += p.done
        t.by_status.update(p.by_status)
        t.by_kind.update(p.by_kind)
        t.progresses += p.progresses
        for unit, u in p.by_unit.items():
            got = t.by_unit.setdefault(unit, UnitTotals(unit))
            got.works += u.works
            got.done += u.done
    t.mean_progress = math.fsum(t.progresses) / len(t.progresses) if t.progresses else None
    return t


def group_awards(records) -> list[AwardGroup]:
    """Awards by form, field and period, with their collectives and
    individuals: what a report's sentence on the awards names."""
    groups: dict[tuple, AwardGroup] = {}
    for rec in records:
        n, kind = award_count(rec), rec["recipient_kind"]
        g = groups.setdefault((rec["form"], rec.text("field"), rec.text("period")),
                              AwardGroup(rec["form"], rec.text("field"), rec.text("period")))
        if kind == S.COLLECTIVE:
            g.collectives += n
        elif kind == S.INDIVIDUAL:
            g.individuals += n
    return list(groups.values())


def add_awards(t: Totals, data: WorkbookData) -> None:
    """The awards' part of the totals, counted into ``t``."""
    as_of = t.as_of
    default_unit = data.info.get("unit_name") or ""
    counted = [rec for rec in reported_awards(data) if not decided_after(rec, as_of)]  # a later decision: not here
    for rec in counted:
        n, kind, form = award_count(rec), rec["recipient_kind"], rec["form"]
        t.awards[(form, kind)] += n
        t.awards_by_kind[kind] += n
        unit = rec.text("unit") or default_unit or "Chưa rõ đơn vị"
        u = t.by_unit.setdefault(unit, UnitTotals(unit))
        if kind == S.COLLECTIVE:
            u.collectives += n
        elif kind == S.INDIVIDUAL:
            u.individuals += n
    t.award_groups = group_awards(counted)
