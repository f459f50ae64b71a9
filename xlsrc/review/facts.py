"""The facts the standards need, indexed once: each person's and each
collective's rating by year, each person's recognised initiatives and the
award history. Rows that cannot be tied to one person are left out here
(validation reports them)."""
from __future__ import annotations

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
                self.ratings.setdefault((id(p), year), rec)
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
        return self.ratings.get((id(person), year))

    def unit_rating(self, unit_key: str, year: int) -> Record | None:
        return self.unit_ratings.get((unit_key, year))
