"""From the workbook to a dossier: the council and its meeting, each
proposal of Danh sách đề nghị with its votes judged against its threshold,
who grants it (the unit itself or a higher authority), and what its file
must contain — every fact from the workbook, every missing one listed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import schema as S
from ..awards.authority import COMMUNE, UNIT, Authority, grantor, unit_level
from ..council.votes import Share, VoteRule, percent_text, quorum_of, vote_rule
from ..errors import ThiDuaError
from ..parsing import DateValue
from ..records import Record, WorkbookData
from ..review.people import Collective, Directory, Person, name_key, person_key
from ..vntext import admin_date_short, bare_name, count_text, fold, nfc
from .forms import ReportForm, report_form

PASSED, FAILED, NO_VOTES, NO_RULE, NO_QUORUM, NO_MEETING, BAD_VOTES, NO_COUNCIL = (
    "Đạt", "Không đạt tỷ lệ phiếu", "Chưa có số phiếu", "Chưa có ngưỡng tỷ lệ phiếu", "Phiên họp không đủ túc số",
    "Chưa xác định được phiên họp", "Số phiếu không hợp lệ", "Chưa có danh sách Hội đồng")
ROLE_ORDER = {v: i for i, v in enumerate(S.VOCABULARIES["council_role"].values)}
CHAIR, VICE, STANDING, MEMBER, SECRETARY = S.VOCABULARIES["council_role"].values


@dataclass
class Member:
    name: str
    position: str
    role: str
    present: bool = True
    reason: str = ""


@dataclass
class Meeting:
    record: Record
    date: dt.date | None
    year: int | None
    members: list[Member]
    quorum: Share | None
    quorum_text: str
    quorum_basis: str
    chair: str
    secretary: str

    @property
    def present(self) -> list[Member]:
        return [m for m in self.members if m.present]

    @property
    def absent(self) -> list[Member]:
        return [m for m in self.members if not m.present]

    @property
    def quorate(self) -> bool | None:
        if not self.members or self.quorum is None:
            return None
        return self.quorum.met(len(self.present), len(self.members))


@dataclass
class Item:
    text: str
    ok: bool


@dataclass
class Proposal:
    record: Record
    subject: str
    kind: str                     # Cá nhân / Tập thể / "" (unknown)
    form: str
    position: str
    unit: str
    summary: str
    award_type: str
    authority: Authority | None
    own: bool                     # granted by the unit itself
    meeting: Meeting | None
    rule: VoteRule | None
    votes_for: int | None
    votes_total: int | None
    result: str
    why: str                      # the result in a sentence
    person: Person | None = None
    collective: Collective | None = None
    report: ReportForm | None = None
    checklist: list[Item] = field(default_factory=list)
    blanks: list[str] = field(default_factory=list)   # facts the documents leave blank

    @property
    def passed(self) -> bool:
        return self.result == PASSED

    @property
    def votes_text(self) -> str:
        if self.votes_for is None or self.meeting is None or not self.meeting.members:
            return ""
        return f"{count_text(self.votes_for)}/{count_text(len(self.meeting.members))} " \
               f"({percent_text(self.votes_for, len(self.meeting.members))})"


@dataclass
class Dossier:
    year: int
    level: str                    # UNIT or COMMUNE
    members: list[Member]
    meetings: list[Meeting]
    proposals: list[Proposal]
    day: dt.date | None           # the date of the tờ trình (--date), else None: left blank
    directory: Directory | None = None  # who is who (the proposals' people are its objects)

    @property
    def upward(self) -> list[Proposal]:
        return [p for p in self.proposals if p.passed and not p.own]

    @property
    def own(self) -> list[Proposal]:
        return [p for p in self.proposals if p.passed and p.own]


def _day(value) -> dt.date | None:
    return value.start if isinstance(value, DateValue) and value.ok and value.precision == "day" else None


def _members(data: WorkbookData) -> list[Member]:
    out = [Member(r.text("name"), r.text("position"), r.text("role")) for r in data.council if r.text("name")]
    return sorted(out, key=lambda m: ROLE_ORDER.get(m.role, len(ROLE_ORDER)))


def _absent(lines: list[str]) -> dict[str, str]:
    """'Lê Văn C (đi công tác)' → {person_key: reason}."""
    out = {}
    for line in lines or []:
        line = nfc(line).strip().lstrip("-–• ").rstrip(";.")
        if not line:
            continue
        name, _, reason = line.partition("(")
        out[person_key(name.strip(" ,:-"))] = reason.rstrip(") ").strip()
    return out


def _meeting(rec: Record, members: list[Member]) -> Meeting:
    absent = _absent(rec["absent"])
    people = [Member(m.name, m.position, m.role, person_key(m.name) not in absent, absent.get(person_key(m.name), ""))
              for m in members]
    share, text, basis = quorum_of(rec)
    chair = rec.text("chair") or next((m.name for m in people if m.role == CHAIR and m.present), "")
    secretary = rec.text("secretary") or next((m.name for m in people if m.role == SECRETARY and m.present), "")
    year = rec["year"] if isinstance(rec["year"], int) else None
    return Meeting(rec, _day(rec["date"]), year, people, share, text, basis, chair, secretary)


def unknown_absentees(rec: Record, members: list[Member]) -> list[str]:
    """Names typed under 'Vắng mặt' that are not members of the council."""
    known = {person_key(m.name) for m in members}
    return [name for name in _absent(rec["absent"]) if name not in known]


def _kind(rec: Record, directory: Directory, form: str) -> str:
    typed = rec["recipient_kind"]
    if typed in S.BOTH:
        return typed
    term = S.vocabulary("award_form").lookup(form)
    if term is not None and len(term.recipients) == 1:  # the form is for one kind only (the Law says so)
        return term.recipients[0]
    if directory.find(rec.raw.get("subject"), rec.raw.get("staff_code"), rec.raw.get("department")).person:
        return S.INDIVIDUAL
    if name_key(rec.text("subject")) in directory.collectives:
        return S.COLLECTIVE
    return ""


def _judge(meeting: Meeting | None, rule: VoteRule | None, votes_for, votes_total, members: list[Member]) \
        -> tuple[str, str]:
    if not members:
        return NO_COUNCIL, f"Trang '{S.COUNCIL.name}' chưa có thành viên Hội đồng."
    if meeting is None:
        return NO_MEETING, ""
    if meeting.quorate is False:
        return NO_QUORUM, (f"Phiên họp ngày {admin_date_short(meeting.date) if meeting.date else '…'} có "
                           f"{count_text(len(meeting.present))}/{count_text(len(meeting.members))} thành viên dự họp, "
                           f"chưa đạt túc số '{meeting.quorum_text}' ({meeting.quorum_basis}).")
    if meeting.quorum is None:
        return NO_QUORUM, f"Túc số '{meeting.quorum_text}' ở trang '{S.MEETINGS.name}' không đọc được."
    if votes_for is None:
        return NO_VOTES, f"Chưa ghi 'Số phiếu đồng ý' ở trang '{S.PROPOSAL_SHEET}'."
    size = len(meeting.members)
    if votes_for < 0 or votes_for > size or (votes_total is not None and not votes_for <= votes_total <= size):
        return BAD_VOTES, (f"Số phiếu {votes_for}/{votes_total if votes_total is not None else '…'} không hợp lệ với "
                           f"Hội đồng {count_text(size)} thành viên.")
    if rule is None or rule.share is None:
        where = f" ('{rule.raw}' ở {rule.where} không đọc được)" if rule is not None else ""
        return NO_RULE, f"Chưa có ngưỡng tỷ lệ phiếu đồng ý ở trang '{S.STANDARDS.name}'{where}."
    got = percent_text(votes_for, size)
    if rule.share.met(votes_for, size):
        return PASSED, f"{count_text(votes_for)}/{count_text(size)} phiếu đồng ý ({got}), đạt ngưỡng {rule.share.text}."
    return FAILED, (f"{count_text(votes_for)}/{count_text(size)} phiếu đồng ý ({got}), chưa đạt ngưỡng "
                    f"{rule.share.text} tổng số thành viên Hội đồng ({rule.basis}).")


def _pick_meeting(rec: Record, meetings: list[Meeting], year: int) -> tuple[Meeting | None, str]:
    day = _day(rec["meeting_date"])
    if day is not None:
        found = [m for m in meetings if m.date == day]
        return (found[0], "") if found else (None, f"Không có phiên họp ngày {admin_date_short(day)} ở trang "
                                                   f"'{S.MEETINGS.name}'.")
    of_year = [m for m in meetings if m.year == year]
    if len(of_year) == 1:
        return of_year[0], ""
    if not of_year:
        return None, f"Trang '{S.MEETINGS.name}' chưa có phiên họp xét năm {year}."
    return None, f"Năm {year} có {len(of_year)} phiên họp: ghi 'Ngày họp' của đề nghị này."


def build(data: WorkbookData, year: int, day: dt.date | None = None) -> Dossier:
    if not data.proposals:
        raise ThiDuaError(f"Trang '{S.PROPOSAL_SHEET}' chưa có đề nghị nào: chạy 'Rà soát điều kiện' (thidua review) "
                          "hoặc nhập danh sách đề nghị, rồi ghi số phiếu của Hội đồng.")
    level = unit_level(nfc(data.info.get("issuing_body")))
    members = _members(data)
    meetings = [_meeting(r, members) for r in data.meetings]
    directory = Directory(data.staff)
    for rec in data.ratings:
        if rec["recipient_kind"] == S.COLLECTIVE and rec.text("subject"):
            directory.collective(rec.text("subject"))
    proposals = []
    for rec in data.proposals:
        form = rec["form"] or rec.text("form")
        kind = _kind(rec, directory, form)
        authority = grantor(form, level)
        own = authority is not None and authority.level in (UNIT, COMMUNE)
        meeting, why_meeting = _pick_meeting(rec, meetings, year)
        rule = vote_rule(data, form)
        votes_for = rec["votes_for"] if isinstance(rec["votes_for"], int) else None
        votes_total = rec["votes_total"] if isinstance(rec["votes_total"], int) else None
        result, why = _judge(meeting, rule, votes_for, votes_total, members)
        if result == NO_MEETING:
            why = why_meeting
        p = Proposal(rec, bare_name(rec.text("subject"))[0] if kind == S.INDIVIDUAL else rec.text("subject"), kind,
                     form, rec.text("position"), rec.text("department"), rec.text("summary"),
                     rec["award_type"] or "Thường xuyên", authority, own, meeting, rule, votes_for, votes_total,
                     result, why)
        if kind == S.INDIVIDUAL:
            p.person = directory.find(rec.raw.get("subject"), rec.raw.get("staff_code"),
                                      rec.raw.get("department")).person
        elif kind == S.COLLECTIVE:
            p.collective = directory.collectives.get(name_key(rec.text("subject")))
        if not own and kind:
            p.report = report_form(kind, p.award_type)
        proposals.append(p)
    return Dossier(year, level, members, meetings, proposals, day, directory)


def fold_key(text: str) -> str:
    return fold(text)
