"""What the workbook says about one proposed person or collective, for its
báo cáo thành tích and its checklist: personal details (Cán bộ), the years'
ratings (Đánh giá), the recognised initiatives (Sáng kiến), the awards
already received (Khen thưởng) and the achievement text (Thành tích). A
fact the workbook does not give is a blank, listed in the checklist."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import schema as S
from ..awards.decision import TITLES
from ..records import Record, WorkbookData
from ..review.facts import award_year
from ..review.people import Directory, name_key, person_key
from ..review.standards import read_standards, rule_of
from ..vntext import admin_date_short, nfc
from .model import Proposal

SECTIONS = S.VOCABULARIES["achievement_section"].values
NEEDS_INITIATIVES = {"Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua toàn quốc"}
PERSON_BLANKS = ("Quê quán", "Trú quán", "Trình độ chuyên môn, nghiệp vụ", "Học hàm, học vị, danh hiệu, giải thưởng")


@dataclass
class Evidence:
    years: list[int]
    details: list[tuple[str, str]] = field(default_factory=list)     # (label, value or "")
    ratings: list[tuple[int, str]] = field(default_factory=list)     # (year, rating or "")
    initiatives: list[dict] = field(default_factory=list)
    titles: list[dict] = field(default_factory=list)                 # danh hiệu thi đua received
    awards: list[dict] = field(default_factory=list)                 # hình thức khen thưởng received
    texts: dict[str, list[str]] = field(default_factory=dict)        # section -> paragraphs


def span(data: WorkbookData, form: str, year: int) -> list[int]:
    """The years a form's standard counts (Tiêu chuẩn 'Số năm liên tục'), ending with ``year``."""
    n = 1
    for st in read_standards(data):
        if st.rule == rule_of(form) and isinstance(st.years, int) and st.years > 0:
            n = st.years
    return list(range(year - n + 1, year + 1))


def _same_subject(p: Proposal, name: object, code: object = None, directory: Directory | None = None,
                  unit: object = None) -> bool:
    if p.person is not None and directory is not None:
        return directory.find(name, code, unit, loose_unit=True).person is p.person
    return name_key(bare_name_of(name)) == name_key(p.subject)


def bare_name_of(text: object) -> str:
    from ..vntext import bare_name
    return bare_name(text)[0]


def _decision_text(rec: Record) -> str:
    number = rec.text("decision_number")
    d = rec["decision_date"]
    day = admin_date_short(d.start) if getattr(d, "ok", False) and d.precision == "day" else ""
    authority = rec.text("authority")
    return ", ".join(x for x in (f"Quyết định số {number}" if number else "", f"ngày {day}" if day else "",
                                 f"của {authority}" if authority else "") if x)


def gather(data: WorkbookData, p: Proposal, year: int, directory: Directory) -> Evidence:
    ev = Evidence(span(data, p.form, year))
    info_unit = nfc(data.info.get("unit_name"))
    if p.kind == S.INDIVIDUAL:
        rec = p.person.record if p.person is not None else None
        birth = rec.text("birth_date") if rec is not None else ""
        gender = (rec["gender"] or "") if rec is not None else ""
        position = p.position or (p.person.position if p.person else "")
        unit = ", ".join(x for x in (p.unit or (p.person.unit if p.person else ""), info_unit) if x)
        ev.details = [("Họ và tên", p.subject), ("Sinh ngày, tháng, năm", birth), ("Giới tính", gender),
                      ("Quê quán", ""), ("Trú quán", ""), ("Đơn vị công tác", unit),
                      ("Chức vụ (Đảng, chính quyền, đoàn thể)", position),
                      ("Trình độ chuyên môn, nghiệp vụ", ""), ("Học hàm, học vị, danh hiệu, giải thưởng", "")]
        for y in ev.years:
            r = next((r for r in data.ratings if r["year"] == y and r["recipient_kind"] != S.COLLECTIVE
                      and _same_subject(p, r.raw.get("subject"), r.raw.get("staff_code"), directory,
                                        r.raw.get("department"))), None)
            ev.ratings.append((y, r.text("rating") if r is not None else ""))
        for r in data.initiatives:
            if r["year"] in ev.years and _same_subject(p, r.raw.get("name"), r.raw.get("staff_code"), directory,
                                                       r.raw.get("department")):
                ev.initiatives.append({"year": str(r["year"]), "name": r.text("title"), "scope": r.text("scope"),
                                       "decision": r.text("decision")})
    else:
        members = len(p.collective.members) if p.collective is not None else 0
        ev.details = [("Tên tập thể", p.subject), ("Đơn vị cấp trên trực tiếp", info_unit),
                      ("Tổng số cán bộ, công chức, viên chức, người lao động", f"{members} người" if members else "")]
        for y in ev.years:
            r = next((r for r in data.ratings if r["year"] == y and r["recipient_kind"] == S.COLLECTIVE
                      and name_key(r.text("subject")) == name_key(p.subject)), None)
            ev.ratings.append((y, r.text("rating") if r is not None else ""))
    for r in data.awards:
        if not r.text("recipient") or (isinstance(r["count"], int) and r["count"] > 1):
            continue
        if (r["recipient_kind"] or S.INDIVIDUAL) != (p.kind or S.INDIVIDUAL):
            continue
        if not _same_subject(p, r.raw.get("recipient"), r.raw.get("staff_code"), directory, r.raw.get("recipient_unit")):
            continue
        y = award_year(r)
        row = {"year": str(y) if y else r.text("period"), "form": r.text("form"), "decision": _decision_text(r)}
        (ev.titles if r["form"] in TITLES else ev.awards).append(row)
    for rows in (ev.titles, ev.awards):
        rows.sort(key=lambda x: x["year"])
    for r in data.achievements:
        if isinstance(r["year"], int) and r["year"] != year:
            continue
        if r.text("staff_code") and p.person is not None and p.person.code:
            same = name_key(r.text("staff_code")) == name_key(p.person.code)
        else:
            same = person_key(r.text("subject")) == person_key(p.subject)
        if same and r["section"] in SECTIONS:
            ev.texts.setdefault(r["section"], []).append(r.text("text"))
    return ev


def checklist(p: Proposal, ev: Evidence | None) -> None:
    """The proposal's checklist and blanks: each document of its file, done or missing."""
    from .model import Item
    items = p.checklist
    meeting_ok = p.meeting is not None and p.meeting.quorate
    items.append(Item("Biên bản họp Hội đồng Thi đua – Khen thưởng" + (
        f" ngày {admin_date_short(p.meeting.date)}" if p.meeting is not None and p.meeting.date else ""), bool(meeting_ok)))
    items.append(Item(f"Kết quả bỏ phiếu: {p.result}" + (f" — {p.why}" if p.why else ""), p.passed))
    if p.meeting is not None and not nfc(p.meeting.record.raw.get("quorum")).strip():
        items.append(Item(f"Túc số của phiên họp chưa ghi ở trang '{S.MEETINGS.name}' (cột 'Túc số'): đang dùng "
                          f"mặc định của công cụ ({p.meeting.quorum_text} tổng số thành viên) — đối chiếu Quy chế hoạt "
                          "động của Hội đồng", False))
    if not p.kind:
        items.append(Item(f"Đối tượng (cá nhân hay tập thể) của '{p.subject}': ghi cột 'Đối tượng' ở trang "
                          f"'{S.PROPOSAL_SHEET}'", False))
    if p.own:
        items.append(Item(f"Thuộc thẩm quyền của đơn vị ({p.authority.basis}): lập quyết định khen thưởng khi Hội "
                          "đồng đã thông qua", p.passed))
        return
    if p.authority is None:
        items.append(Item(f"Không xác định được cấp có thẩm quyền tặng '{p.form}'", False))
        return
    items.append(Item(f"Tờ trình đề nghị {p.authority.who} ({p.authority.basis})", p.passed))
    items.append(Item("Danh sách đề nghị khen thưởng", p.passed))
    if p.report is None:
        items.append(Item(f"Báo cáo thành tích: chưa có mẫu cho '{p.award_type}' của {p.kind.lower() or 'đối tượng'} "
                          "này; lập theo Phụ lục Nghị định 152/2025/NĐ-CP", False))
        return
    items.append(Item(f"Báo cáo thành tích ({p.report.number}) — {p.report.status}", False))
    if ev is None:
        return
    for label, value in ev.details:
        if not value:
            p.blanks.append(label)
    for y, rating in ev.ratings:
        if not rating:
            p.blanks.append(f"Xếp loại năm {y} (trang '{S.RATINGS.name}')")
    if not ev.texts.get("Thành tích đạt được"):
        p.blanks.append(f"Đoạn 'Thành tích đạt được' (trang '{S.ACHIEVEMENTS.name}')")
    need = "Chức năng, nhiệm vụ được giao"
    if not ev.texts.get(need):
        p.blanks.append(f"Đoạn '{need}' (trang '{S.ACHIEVEMENTS.name}')")
    if p.kind == S.COLLECTIVE and not ev.texts.get("Đặc điểm, tình hình"):
        p.blanks.append(f"Đoạn 'Đặc điểm, tình hình' (trang '{S.ACHIEVEMENTS.name}')")
    for label in p.blanks:
        items.append(Item(f"Báo cáo thành tích còn để trống: {label}", False))
    for i in ev.initiatives:
        if i["decision"]:
            items.append(Item(f"Bản sao quyết định công nhận sáng kiến, đề tài '{i['name']}': {i['decision']}", True))
        else:
            items.append(Item(f"Quyết định công nhận sáng kiến, đề tài '{i['name']}': chưa ghi số, ngày ở trang "
                              f"'{S.INITIATIVES.name}'", False))
    if p.form in NEEDS_INITIATIVES and not ev.initiatives:
        items.append(Item(f"Sáng kiến, đề tài được công nhận trong {'các năm' if len(ev.years) > 1 else 'năm'} "
                          f"{', '.join(map(str, ev.years))}: chưa có ở trang '{S.INITIATIVES.name}'", False))


def complete(p: Proposal) -> bool:
    return all(i.ok for i in p.checklist if not i.text.startswith("Báo cáo thành tích ("))
