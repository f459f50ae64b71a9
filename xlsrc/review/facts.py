"""The facts the standards need, indexed once: each person's and each
collective's rating by year, each person's recognised initiatives and the
award history, and each person's disciplines with the dates they were in
force. Rows that cannot be tied to one person are left out here
(validation reports them). Two rating rows of one person and year that
disagree are a conflict: neither is used (the review says so)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .. import schema as S
from ..records import Record, WorkbookData
from ..vntext import nfc
from .people import Directory, Person, name_key

RATING_RANK = {v: i for i, v in enumerate(S.VOCABULARIES["rating"].values)}        # 0 = best
DISCIPLINE_NONE, *_, DISCIPLINE_PENDING = S.VOCABULARIES["discipline"].values
DISCIPLINE_RANK = {v: i for i, v in enumerate(S.VOCABULARIES["discipline"].values[:-1])}  # 0 = none
SCOPE_RANK = {v: i for i, v in enumerate(S.VOCABULARIES["scope"].values)}           # 0 = Cơ sở
YES, NO = S.VOCABULARIES["yes_no"].values
NOT_IN_CHAIN = ("Theo đợt hoặc chuyên đề", "Đột xuất")  # NĐ 152/2025/NĐ-CP Điều 4


@dataclass(frozen=True)
class Award:
    form: str        # canonical award form
    year: int
    award_type: str  # canonical, or "" when blank
    row: int


# what two rating rows of one person and year must agree on
RATING_FACTS = ("rating", "movement", "discipline", "discipline_date", "discipline_end", "discipline_months",
                "leave_days", "leave_reason")


@dataclass(frozen=True)
class Discipline:
    """One discipline of a person: its level and the days it was in force
    (``start`` None: only its row's year is known; ``end`` None: not known)."""
    level: str
    year: int
    start: dt.date | None
    end: dt.date | None
    row: int

    def in_force(self, year: int) -> bool | None:
        """Whether it was in force at some time of ``year``; None when unknown."""
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if self.start is None:
            if year < self.year:
                return False
            if self.end is not None:
                return self.end >= first
            return True if year == self.year else None
        if self.start > last:
            return False
        if self.end is not None:
            return self.end >= first
        return True if self.start.year == year else None

    def named(self) -> str:
        """'Khiển trách năm 2025 (…)' when undated, else 'Khiển trách (quyết định ngày …; …)'."""
        where = f"trang Đánh giá, dòng {self.row}"
        if self.start is None and self.end is None:
            return f"{self.level} năm {self.year} ({where})"
        when = f"quyết định ngày {self.start:%d/%m/%Y}" if self.start else f"năm {self.year}"
        until = f", đến ngày {self.end:%d/%m/%Y}" if self.end else ""
        return f"{self.level} ({when}{until}; {where})"

    def described(self, year: int) -> str:
        """As named, and for a dated one that it was in force in ``year``."""
        dated = self.start is not None or self.end is not None
        return self.named() + (f", còn hiệu lực trong năm {year}" if dated else "")


def _day(value) -> dt.date | None:
    return value.start if getattr(value, "ok", False) and value.precision == "day" else None


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def discipline_of(rec: Record) -> Discipline | None:
    """The discipline a rating row records (a level other than none and pending)."""
    level = rec["discipline"]
    if level in (None, "", DISCIPLINE_NONE, DISCIPLINE_PENDING) or level not in DISCIPLINE_RANK:
        return None
    start, end = _day(rec["discipline_date"]), _day(rec["discipline_end"])
    months = rec["discipline_months"]
    if end is None and start is not None and isinstance(months, int) and months > 0:
        end = _add_months(start, months) - dt.timedelta(days=1)
    return Discipline(level, rec["year"], start, end, rec.row)


def award_year(rec: Record) -> int | None:
    """Năm, or a Giai đoạn, năm cell that holds a single year ('2024', 'Năm 2024')."""
    if isinstance(rec["year"], int):
        return rec["year"]
    digits = nfc(rec.raw.get("period")).lower().replace("năm", "").strip()
    return int(digits) if digits.isdigit() and len(digits) == 4 else None


class Facts:
    def __init__(self, data: WorkbookData):
        self.directory = Directory(data.staff)
        d = self.directory
        self.ratings: dict[tuple[int, int], Record] = {}            # (id(person), year)
        self.conflicts: dict[tuple[int, int], list[Record]] = {}    # rows of one person and year that disagree
        self.disciplines: dict[int, list[Discipline]] = defaultdict(list)
        self.unit_ratings: dict[tuple[str, int], Record] = {}       # (unit key, year)
        self.initiatives: dict[int, list[Record]] = defaultdict(list)
        self.awards: dict[int, list[Award]] = defaultdict(list)
        self.award_years: set[int] = set()
        for rec in data.ratings:
            year = rec["year"]
            if not isinstance(year, int):
                continue
            if rec["recipient_kind"] == S.COLLECTIVE:
                d.collective(rec.text("subject"))
                self.unit_ratings.setdefault((name_key(rec.text("subject")), year), rec)
                continue
            p = d.find(rec.raw.get("subject"), rec.raw.get("staff_code"), rec.raw.get("department")).person
            if p is not None:
                first = self.ratings.setdefault((id(p), year), rec)
                if first is not rec and any(first[k] != rec[k] for k in RATING_FACTS):
                    self.conflicts.setdefault((id(p), year), [first]).append(rec)
                found = discipline_of(rec)
                if found is not None:
                    self.disciplines[id(p)].append(found)
        for rec in data.initiatives:
            p = d.find(rec.raw.get("name"), rec.raw.get("staff_code"), rec.raw.get("department")).person
            if p is not None and isinstance(rec["year"], int):
                self.initiatives[id(p)].append(rec)
        for rec in data.awards:
            year = award_year(rec)
            if year is None:
                continue
            self.award_years.add(year)
            if rec["recipient_kind"] != S.INDIVIDUAL:
                continue
            p = d.find(rec.raw.get("recipient"), rec.raw.get("staff_code"), rec.raw.get("recipient_unit"),
                       loose_unit=True).person
            if p is not None:
                self.awards[id(p)].append(Award(rec["form"], year, rec["award_type"] or "", rec.row))

    def rating(self, person: Person, year: int) -> Record | None:
        """The person's rating row of ``year``; None when there is none or two that disagree."""
        key = (id(person), year)
        return None if key in self.conflicts else self.ratings.get(key)

    def conflict(self, person: Person, year: int) -> list[Record]:
        return self.conflicts.get((id(person), year), [])

    def unit_rating(self, unit_key: str, year: int) -> Record | None:
        return self.unit_ratings.get((unit_key, year))
