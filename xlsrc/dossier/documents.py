"""The words of each dossier document, as plain data for its template:
tờ trình (one per authority above the unit), danh sách đề nghị (grouped by
authority and form), biên bản of each meeting, báo cáo thành tích (one per
proposal sent upward), the checklist and the ballots."""
from __future__ import annotations

import re

from .. import schema as S
from ..awards.authority import COMMUNE, GOVERNMENT, PRESIDENT, PROVINCE, UNIT
from ..awards.decision import TITLES
from ..council.votes import percent_text
from ..errors import ThiDuaError
from ..records import WorkbookData
from ..report.context import header_context
from ..vntext import admin_date_long, admin_date_short, count_text, fold, nfc, who
from .evidence import Evidence
from .legal import LAW_LINE, frame_on
from .model import PASSED, Dossier, Meeting, Proposal

BLANK = "……………………"
BLANK_DATE = "ngày\u00a0\u00a0\u00a0\u00a0 tháng\u00a0\u00a0\u00a0\u00a0 năm\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
# the names decisions of a province print for the schema's forms of "cấp bộ, ban, ngành, tỉnh"
PROVINCE_NAMES = {"Bằng khen cấp bộ, ban, ngành, tỉnh": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                  "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh": "Chiến sĩ thi đua cấp tỉnh",
                  "Cờ thi đua cấp bộ, ban, ngành, tỉnh": "Cờ thi đua của Ủy ban nhân dân tỉnh"}
LEVEL_ORDER = {UNIT: 0, COMMUNE: 0, PROVINCE: 1, GOVERNMENT: 2, PRESIDENT: 3}


def province(data: WorkbookData) -> str:
    """'tỉnh Hà Tĩnh' from 'UBND TỈNH HÀ TĨNH'; '' when the parent body names no province."""
    text = " ".join(nfc(data.info.get("parent_body")).split())
    m = re.search(r"\b(TỈNH|THÀNH PHỐ)\s+(.+)$", text, re.IGNORECASE)
    if not m:
        return ""
    return f"{m.group(1).lower()} {m.group(2).title()}"


def form_name(data: WorkbookData, form: str) -> str:
    return PROVINCE_NAMES.get(form, form) if province(data) else form


def form_phrase(data: WorkbookData, form: str) -> str:
    name = form_name(data, form)
    return f"danh hiệu “{name}”" if form in TITLES else name


def _abbreviation(data: WorkbookData) -> str:
    """'SNgV' from the report number '180/BC-SNgV'; '' when it cannot be read."""
    m = re.search(r"/[^-/\s]+-(\S+)$", nfc(data.info.get("doc_number")))
    return m.group(1) if m else ""


def _header(data: WorkbookData, d: Dossier, kind: str) -> dict:
    ctx = header_context(data)
    abbr = _abbreviation(data)
    ctx["doc_number"] = "\u00a0" * 8 + (f"/{kind}-{abbr}" if abbr else f"/{kind}")
    ctx["date_long"] = admin_date_long(d.day) if d.day else BLANK_DATE
    ctx["recipients"] = ["Như trên;", "Lưu: VT."]
    return ctx


def unit_name(data: WorkbookData) -> str:
    return nfc(data.info.get("unit_name")) or nfc(data.info.get("issuing_body"))


def addressee(data: WorkbookData, level: str) -> str:
    """Whom a tờ trình of this level is sent to: the province's chairman (who
    grants, or forwards to the Prime Minister and the President)."""
    place = province(data)
    return f"Chủ tịch Ủy ban nhân dân {place}".strip() if place else "Chủ tịch Ủy ban nhân dân tỉnh"


def _whom(ps: list[Proposal]) -> str:
    return who(sum(p.kind == S.COLLECTIVE for p in ps), sum(p.kind != S.COLLECTIVE for p in ps))


def _meeting_line(m: Meeting, data: WorkbookData) -> str:
    day = admin_date_long(m.date) if m.date else BLANK_DATE
    return f"Căn cứ kết quả họp, bỏ phiếu của Hội đồng Thi đua – Khen thưởng {unit_name(data)} {day};"


def upward_levels(d: Dossier) -> list[str]:
    return sorted({p.authority.level for p in d.upward}, key=LEVEL_ORDER.get)


def to_trinh(data: WorkbookData, d: Dossier, level: str) -> dict:
    ps = [p for p in d.upward if p.authority.level == level]
    who_grants = ps[0].authority.who
    recipient = addressee(data, level)
    forms = list(dict.fromkeys(p.form for p in ps))
    day = d.day or next((p.meeting.date for p in ps if p.meeting and p.meeting.date), None)
    if day is None:
        raise ThiDuaError(f"Chưa biết ngày của tờ trình gửi {recipient}: ghi 'Ngày họp' ở trang '{S.MEETINGS.name}' "
                          "hoặc dùng --date.")
    frame = frame_on(day)  # the decree in force on the tờ trình's day (else the meeting's)
    ctx = _header(data, d, "TTr")
    unit = unit_name(data)
    granted = " và ".join(form_phrase(data, f) for f in forms)
    ctx["summary"] = f"Về việc đề nghị tặng {granted} năm {d.year}"
    ctx["recipient"] = recipient
    meetings = list(dict.fromkeys(id(p.meeting) for p in ps))
    lines = [_meeting_line(p.meeting, data) for p in ps if p.meeting is not None]
    ctx["bases"] = [LAW_LINE, frame.decree_line] + list(dict.fromkeys(lines))[:len(meetings)]
    if level == PROVINCE:
        verb = "xem xét, quyết định tặng"
    else:
        verb = f"xem xét, trình {who_grants} tặng"
    ctx["request"] = (f"{unit} kính đề nghị {recipient} {verb} danh hiệu thi đua, hình thức khen thưởng cho "
                      f"{_whom(ps)} có thành tích xuất sắc năm {d.year}, cụ thể:")
    ctx["groups"] = [f"{form_phrase(data, f)[0].upper() + form_phrase(data, f)[1:]}: "
                     f"{_whom([p for p in ps if p.form == f])}{';' if i < len(forms) - 1 else '.'}"
                     for i, f in enumerate(forms)]
    ctx["attached"] = "(Có danh sách, biên bản họp Hội đồng Thi đua – Khen thưởng và báo cáo thành tích kèm theo.)"
    ctx["closing"] = f"{unit} kính trình {recipient} xem xét, quyết định./."
    ctx["dossier_doc"] = "Tờ trình"
    return ctx


def _row(data: WorkbookData, i: int, p: Proposal) -> dict:
    unit = ", ".join(x for x in (p.position, p.unit) if x) if p.kind != S.COLLECTIVE else p.unit
    return {"tt": str(i), "name": p.subject, "unit": unit if unit != p.subject else "",
            "form": form_name(data, p.form), "summary": p.summary,
            "votes": f"{count_text(p.votes_for)}/{count_text(len(p.meeting.members))}"
            if p.votes_for is not None and p.meeting is not None else ""}


def danh_sach(data: WorkbookData, d: Dossier) -> dict:
    ctx = _header(data, d, "DS")
    passed = [p for p in d.proposals if p.passed]
    levels = sorted({p.authority.level for p in passed if p.authority}, key=LEVEL_ORDER.get)
    groups = []
    for n, level in enumerate(levels):
        ps = [p for p in passed if p.authority and p.authority.level == level]
        own = ps[0].own
        title = (f"{ROMAN[n]}. THUỘC THẨM QUYỀN CỦA {unit_name(data).upper()} ({ps[0].authority.basis})" if own else
                 f"{ROMAN[n]}. ĐỀ NGHỊ {ps[0].authority.who.upper()} TẶNG ({ps[0].authority.basis})")
        for k, form in enumerate(dict.fromkeys(p.form for p in ps), start=1):
            rows = [_row(data, i, p) for i, p in enumerate((p for p in ps if p.form == form), start=1)]
            heading = f"{k}. {form_phrase(data, form)[0].upper() + form_phrase(data, form)[1:]}"
            groups.append({"heading": (title + "\n" if k == 1 else "") + heading, "rows": rows})
    ctx["title"] = f"CÁC TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM {d.year}"
    ctx["subtitle"] = f"(Kèm theo Tờ trình của {unit_name(data)}; đã được Hội đồng Thi đua – Khen thưởng thông qua)"
    ctx["groups"] = groups
    ctx["total"] = f"Tổng cộng: {_whom(passed)}." if passed else "Chưa có đề nghị nào được Hội đồng thông qua."
    ctx["dossier_doc"] = "Danh sách đề nghị"
    return ctx


def bien_ban(data: WorkbookData, d: Dossier, m: Meeting) -> dict:
    ctx = _header(data, d, "BB")
    number = m.record.text("minutes_number")
    if number:
        ctx["doc_number"] = number
    unit = unit_name(data)
    ctx["date_long"] = admin_date_long(m.date) if m.date else BLANK_DATE
    ctx["summary"] = f"Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm {m.year or d.year}"
    place = m.record.text("place") or BLANK
    ctx["opening"] = (f"Vào {admin_date_long(m.date) if m.date else BLANK_DATE}, tại {place}, Hội đồng Thi đua – Khen "
                      f"thưởng {unit} họp xét danh hiệu thi đua, hình thức khen thưởng năm {m.year or d.year}.")
    members = m.members
    by_name = {fold(x.name): x for x in members}
    chair = by_name.get(fold(m.chair))
    ctx["chair"] = m.chair or BLANK
    ctx["secretary"] = m.secretary or BLANK
    ctx["chair_line"] = "Chủ trì: " + (", ".join(x for x in (m.chair, chair.position if chair else "",
                                                              chair.role if chair else "") if x) or BLANK) + "."
    sec = by_name.get(fold(m.secretary))
    ctx["secretary_line"] = "Thư ký: " + (", ".join(x for x in (m.secretary, sec.position if sec else "")
                                                    if x) or BLANK) + "."
    ctx["present_line"] = (f"Thành viên Hội đồng: {count_text(len(members))} người; có mặt {count_text(len(m.present))}, "
                           f"vắng mặt {count_text(len(m.absent))}:")
    ctx["members"] = [{"tt": str(i), "name": x.name, "position": x.position, "role": x.role,
                       "present": "Có mặt" if x.present else ("Vắng" + (f" ({x.reason})" if x.reason else ""))}
                      for i, x in enumerate(members, start=1)]
    ps = [p for p in d.proposals if p.meeting is m]
    if m.quorate:
        ctx["quorum_line"] = (f"Số thành viên dự họp ({count_text(len(m.present))}/{count_text(len(members))}) đạt túc "
                              f"số ({m.quorum_text} tổng số thành viên) theo Quy chế hoạt động của Hội đồng.")
        ctx["content_line"] = (f"Hội đồng đã xem xét danh sách đề nghị khen thưởng năm {m.year or d.year} và bỏ phiếu "
                               "kín; tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng. Kết quả như sau:")
        ctx["votes"] = [{"tt": str(i), "name": p.subject, "form": form_name(data, p.form),
                         "votes": (f"{count_text(p.votes_for)}/{count_text(len(members))}"
                                   if p.votes_for is not None else "…"),
                         "percent": percent_text(p.votes_for, len(members)) if p.votes_for is not None else "",
                         "result": p.result} for i, p in enumerate(ps, start=1)]
    else:
        ctx["quorum_line"] = (f"Số thành viên dự họp ({count_text(len(m.present))}/{count_text(len(members))}) không "
                              f"đạt túc số ({m.quorum_text} tổng số thành viên) theo Quy chế hoạt động của Hội đồng: "
                              "Hội đồng không tiến hành bỏ phiếu.")
        ctx["content_line"] = "Hội đồng chưa xét các đề nghị; phiên họp phải tổ chức lại."
        ctx["votes"] = []
    passed = [p for p in ps if p.result == PASSED]
    failed = [p for p in ps if p.result != PASSED]
    conclusion = list(m.record["opinions"] or [])
    if m.quorate:
        own = [p for p in passed if p.own]
        up = [p for p in passed if not p.own]
        conclusion.append(f"Hội đồng thống nhất thông qua {count_text(len(passed))} trường hợp đạt tỷ lệ phiếu"
                          + (f", trong đó {count_text(len(own))} trường hợp thuộc thẩm quyền của {unit} và "
                             f"{count_text(len(up))} trường hợp đề nghị cấp trên khen thưởng" if passed else "") + ".")
        if failed:
            conclusion.append(f"{count_text(len(failed))} trường hợp chưa được thông qua: " + "; ".join(
                f"{p.subject} ({form_name(data, p.form)}: {p.result.lower()})" for p in failed) + ".")
    ctx["conclusion"] = conclusion
    ctx["ending"] = "Biên bản đã được đọc lại trước Hội đồng và các thành viên dự họp thống nhất thông qua./."
    ctx["dossier_doc"] = "Biên bản họp Hội đồng"
    return ctx


def _texts(ev: Evidence, section: str) -> list[str]:
    return ev.texts.get(section, [])


def bao_cao(data: WorkbookData, d: Dossier, p: Proposal, ev: Evidence) -> dict:
    ctx = _header(data, d, "BC")
    person = p.kind == S.INDIVIDUAL
    ctx["parent_body"] = nfc(data.info.get("issuing_body")).upper()
    ctx["issuing_body"] = (p.unit if person else p.subject).upper()
    ctx["form_number"] = p.report.number
    ctx["title"] = f"ĐỀ NGHỊ TẶNG {form_phrase(data, p.form).upper()}\nNĂM {d.year}"
    ctx["case"] = ", ".join(x for x in (p.subject, p.position if person else "", p.unit if person else "") if x)
    ctx["part1"] = "I. SƠ LƯỢC LÝ LỊCH" if person else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
    ctx["details"] = [{"label": label, "value": value or BLANK} for label, value in ev.details]
    ctx["situation"] = [] if person else (_texts(ev, "Đặc điểm, tình hình") or [BLANK])
    ctx["duties_heading"] = "" if person else "2. Chức năng, nhiệm vụ:"
    ctx["duties"] = [] if person else (_texts(ev, "Chức năng, nhiệm vụ được giao") or [BLANK])
    ctx["person_duties"] = (_texts(ev, "Chức năng, nhiệm vụ được giao") or [BLANK]) if person else []
    ctx["results_heading"] = ("2. " if person else "1. ") + "Thành tích đạt được:"
    ctx["results"] = _texts(ev, "Thành tích đạt được") or [BLANK]
    ctx["ratings"] = [{"year": str(y), "rating": r or BLANK} for y, r in ev.ratings]
    ctx["initiatives"] = [{**i, "decision": i["decision"] or BLANK} for i in ev.initiatives]
    n = 3 if person else 2
    more = []
    for section in ("Biện pháp, giải pháp", "Thực hiện chủ trương, chính sách; hoạt động đoàn thể"):
        if _texts(ev, section):
            more.append({"heading": f"{n}. {section}:", "texts": _texts(ev, section)})
            n += 1
    ctx["more"] = more
    ctx["titles"] = ev.titles
    ctx["awards"] = ev.awards
    ctx["none_received"] = f"(Trang '{S.AWARDS.name}' không ghi.)"
    if person:
        ctx["left_sign"], ctx["right_sign"] = "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH"
        ctx["right_note"], ctx["reporter"] = "(Ký, ghi rõ họ và tên)", p.subject
    else:
        ctx["left_sign"] = "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN"
        ctx["right_sign"], ctx["right_note"], ctx["reporter"] = "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", ""
    ctx["dossier_doc"] = "Báo cáo thành tích"
    return ctx


def danh_muc(data: WorkbookData, d: Dossier) -> dict:
    from .evidence import complete
    ctx = _header(data, d, "DM")
    ctx["subtitle"] = f"(Năm {d.year}; lập từ sổ dữ liệu, {len(d.proposals)} đề nghị)"
    passed = [p for p in d.proposals if p.passed]
    whole = [p for p in passed if complete(p)]
    ctx["counts"] = (f"Tổng số đề nghị: {count_text(len(d.proposals))}; được Hội đồng thông qua: "
                     f"{count_text(len(passed))} (đơn vị quyết định: {count_text(len(d.own))}; đề nghị cấp trên: "
                     f"{count_text(len(d.upward))}); hồ sơ đủ: {count_text(len(whole))}.")
    ctx["proposals"] = [{
        "heading": f"{i}. {p.subject} — {form_name(data, p.form)} — "
                   f"{'đơn vị quyết định' if p.own else ('đề nghị ' + p.authority.who if p.authority else 'chưa rõ cấp')}"
                   f" — {p.result}",
        "lines": [{"mark": "☑" if it.ok else "☐", "text": it.text} for it in p.checklist],
    } for i, p in enumerate(d.proposals, start=1)]
    ctx["legend"] = "☑ đã có; ☐ còn thiếu hoặc cần đối chiếu trước khi gửi."
    ctx["dossier_doc"] = "Danh mục hồ sơ"
    return ctx


def _count(n: int) -> str:
    """A count of votes: '0' for none, else as count_text ('03')."""
    return "0" if n == 0 else count_text(n)


def phieu_bau(data: WorkbookData, d: Dossier, m: Meeting) -> dict:
    ctx = _header(data, d, "PB")
    ballots = []
    ps = [p for p in d.proposals if p.meeting is m]
    for form in dict.fromkeys(p.form for p in ps):
        rows = [{"tt": str(i), "name": p.subject,
                 "unit": ", ".join(x for x in (p.position, p.unit) if x and x != p.subject)}
                for i, p in enumerate((p for p in ps if p.form == form), start=1)]
        ballots.append({"heading": f"Bầu {form_phrase(data, form)} năm {m.year or d.year}",
                        "meeting": f"(Phiên họp {admin_date_long(m.date) if m.date else BLANK_DATE})",
                        "instruction": "Đánh dấu (x) vào một trong hai ô 'Đồng ý', 'Không đồng ý' ở từng dòng.",
                        "rows": rows})
    ctx["ballots"] = ballots
    size = len(m.members)
    ctx["tally_heading"] = f"(Phiên họp {admin_date_long(m.date) if m.date else BLANK_DATE})"
    ctx["tally_note"] = (f"Hội đồng có {count_text(size)} thành viên; tỷ lệ đồng ý tính trên tổng số thành viên. Ô "
                         f"để trống: chưa có số phiếu ở trang '{S.PROPOSAL_SHEET}', ghi khi kiểm phiếu rồi nhập lại "
                         "vào sổ.")
    ctx["tally"] = [{
        "tt": str(i), "name": p.subject, "form": form_name(data, p.form),
        "cast": count_text(p.votes_total) if p.votes_total is not None else "",
        "agree": count_text(p.votes_for) if p.votes_for is not None else "",
        "against": _count(p.votes_total - p.votes_for) if None not in (p.votes_total, p.votes_for) else "",
        "share": percent_text(p.votes_for, size) if p.votes_for is not None and size else ""}
        for i, p in enumerate(ps, start=1)]
    ctx["dossier_doc"] = "Phiếu bầu"
    return ctx


__all__ = ["to_trinh", "danh_sach", "bien_ban", "bao_cao", "danh_muc", "phieu_bau", "upward_levels",
           "admin_date_short"]
