"""Who is who across the review sheets. A person is a row of Cán bộ; a row
of Đánh giá, Sáng kiến or Khen thưởng names them by Mã cán bộ when given,
otherwise by the name folded for Unicode form, case and spaces (diacritics
kept) together with Đơn vị. Collectives are the units (Đơn vị) of Cán bộ
and the collectives rated in Đánh giá."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Record
from ..vntext import bare_name, nfc

UNKNOWN_CODE, UNKNOWN_NAME, AMBIGUOUS = "unknown_code", "unknown_name", "ambiguous"


def name_key(text: object) -> str:
    """'  NGUYỄN  văn A ' and 'Nguyễn Văn A' are the same person; 'Nguyen Van A' is not."""
    return " ".join(nfc(text).casefold().split())


def person_key(text: object) -> str:
    """name_key of a person's name without an honorific typed before it: 'Ông Nguyễn Văn A' is 'Nguyễn Văn A'."""
    return name_key(bare_name(text)[0])


@dataclass(eq=False)
class Person:
    record: Record
    name: str
    code: str
    position: str
    unit: str
    key: str          # person_key(name)
    unit_key: str
    duplicate: bool = False  # same name in the same unit, no code: cannot be told apart


@dataclass(eq=False)
class Collective:
    name: str
    key: str
    members: list[Person] = field(default_factory=list)


@dataclass
class Match:
    person: Person | None
    problem: str = ""


class Directory:
    """Every person and collective of the workbook, with the lookups."""

    def __init__(self, staff: list[Record]):
        self.people: list[Person] = []
        self.by_code: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = {}
        self.collectives: dict[str, Collective] = {}
        seen: dict[tuple[str, str], Person] = {}
        for rec in staff:
            name = rec.text("name")
            if not name:
                continue
            unit = rec.text("department")
            p = Person(rec, name, rec.text("staff_code"), rec.text("position"), unit, person_key(name), name_key(unit))
            self.people.append(p)
            if p.code:
                self.by_code.setdefault(name_key(p.code), p)
            self.by_name.setdefault(p.key, []).append(p)
            if not p.code:
                twin = seen.get((p.key, p.unit_key))
                if twin is not None:
                    p.duplicate = twin.duplicate = True
                else:
                    seen[(p.key, p.unit_key)] = p
            if unit:
                self.collective(unit).members.append(p)

    def collective(self, name: str) -> Collective:
        key = name_key(name)
        c = self.collectives.get(key)
        if c is None:
            c = self.collectives[key] = Collective(nfc(name).strip(), key)
        return c

    def find(self, name: object, code: object = None, unit: object = None, loose_unit: bool = False) -> Match:
        """The person a row names. ``loose_unit``: the unit cell is free text
        such as 'Trưởng phòng, Phòng Lãnh sự' (Khen thưởng) and need only
        contain the person's unit."""
        code_key = name_key(code)
        if code_key:
            p = self.by_code.get(code_key)
            return Match(p) if p else Match(None, UNKNOWN_CODE)
        candidates = self.by_name.get(person_key(name), [])
        unit_key = name_key(unit)
        if unit_key and candidates:
            if loose_unit:
                narrowed = [p for p in candidates if p.unit_key and p.unit_key in unit_key]
                candidates = narrowed or candidates
            else:
                candidates = [p for p in candidates if p.unit_key == unit_key]
        if not candidates:
            return Match(None, UNKNOWN_NAME)
        if len(candidates) > 1 or candidates[0].duplicate:
            return Match(None, AMBIGUOUS)
        return Match(candidates[0])
