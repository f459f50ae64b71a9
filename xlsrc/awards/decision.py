"""From the workbook to the words of a Quyết định khen thưởng and its annex:
the recipients of one decision (rows of Khen thưởng with its number), each
with the prize money computed from the coefficient and the lương cơ sở in
force on the decision's date. Every count in the text is counted from the
annex rows, so the two cannot disagree."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .. import schema as S
from ..errors import ThiDuaError
from ..parsing import DateValue, canonical_doc_number, doc_number_key
from ..records import Record, WorkbookData
from ..issuer_header import header_name
from ..vntext import admin_date_long, bare_name, count_text, fold, nfc, who
from . import legal_basis, tables
from .money import BaseSalary, Coefficient, base_salary_on, coefficient_for, coefficient_text, prize_for
from .numwords import money_figures, money_words
from .wording import TITLES, authority_of, form_name, form_phrase, position_text, section_numbers, verb, whom

SALUTATION = {"Nam": "Ông", "Nữ": "Bà"}


@dataclass
class Recipient:
    kind: str            # Tập thể / Cá nhân
    name: str            # as printed: "Ông Nguyễn Văn A", a collective's name, or "05 cá nhân (chưa kê tên)"
    position: str        # chức vụ, đơn vị
    count: int
    named: bool
    each: int            # prize money for one
    achievement: str     # after "Đã có thành tích"
    register: str        # số sổ vàng
    record: Record
    salutation: str = ""  # Ông/Bà from Cán bộ, the row's Giới tính or as typed; printed only when all have one

    @property
    def amount(self) -> int:
        return self.each * self.count


@dataclass
class Decision:
    record: Record
    number: str
    date: dt.date
    form: str
    recipients: list[Recipient]
    base: BaseSalary
    used: dict[str, Coefficient] = field(default_factory=dict)  # by recipient kind
    authority: str = ""  # who grants: "Giám đốc Sở …", "Chủ tịch Ủy ban nhân dân tỉnh …"

    def count(self, kind: str) -> int:
        return sum(r.count for r in self.recipients if r.kind == kind)

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.recipients)

    @property
    def is_title(self) -> bool:
        return self.form in TITLES


def find_decision(data: WorkbookData, number: str) -> Record:
    """The decision ``number`` names: as typed, else typed without Vietnamese
    input (45/QD-SNgV for 45/QĐ-SNgV) when that names only one."""
    decisions = data.records.get("decisions", [])
    exact = [r for r in decisions if canonical_doc_number(r.text("number")) == canonical_doc_number(number)]
    found = exact or [r for r in decisions if doc_number_key(r.text("number")) == doc_number_key(number)]
    if len(found) == 1:
        return found[0]
    if found:
        raise ThiDuaError(f"Số '{number}' khớp với nhiều quyết định ở trang '{S.DECISIONS.name}' "
                          f"({', '.join(r.text('number') for r in found)}): gõ đúng số có dấu.")
    known = ", ".join(r.text("number") for r in decisions) or "chưa có quyết định nào"
    raise ThiDuaError(f"Không có quyết định số {number} ở trang '{S.DECISIONS.name}' ({known}).")


def awards_of(data: WorkbookData, number: str) -> list[Record]:
    wanted = doc_number_key(number)
    return [r for r in data.records.get("awards", []) if doc_number_key(r.text("decision_number")) == wanted]


def staff_index(data: WorkbookData) -> tuple[dict[str, Record], dict[str, list[Record]]]:
    by_code, by_name = {}, {}
    for rec in data.records.get("staff", []):
        if rec.text("staff_code"):
            by_code[fold(rec.text("staff_code"))] = rec
        by_name.setdefault(fold(bare_name(rec.text("name"))[0]), []).append(rec)
    return by_code, by_name


def staff_of(award: Record, index) -> Record | None:
    """The award's person on Cán bộ: by Mã cán bộ, else by name (and Đơn vị
    when names repeat). Two staff of that name that the row cannot tell apart
    stop the decision, naming both: a guess would print someone else's post."""
    by_code, by_name = index
    code = fold(award.text("staff_code"))
    if code and code in by_code:
        return by_code[code]
    same = by_name.get(fold(bare_name(award.text("recipient"))[0]), [])
    if len(same) > 1:
        unit = fold(award.text("recipient_unit"))
        narrowed = [s for s in same if fold(s.text("department")) and fold(s.text("department")) in unit]
        if len(narrowed) != 1:
            both = "; ".join(f"dòng {s.row}: " + (", ".join(x for x in (s.text("position"), s.text("department"))
                                                             if x) or "chưa ghi chức vụ, đơn vị") for s in same)
            raise ThiDuaError(f"Trang '{S.AWARDS.name}', dòng {award.row}: có {len(same)} cán bộ tên "
                              f"'{award.text('recipient')}' ở trang '{S.STAFF.name}' ({both}). Ghi 'Mã cán bộ' hoặc "
                              "'Chức vụ, đơn vị' ở dòng khen thưởng cho biết là người nào.")
        same = narrowed
    return same[0] if len(same) == 1 else None


def _day(value, what: str) -> dt.date:
    if isinstance(value, DateValue) and value.ok and value.precision == "day":
        return value.start
    raise ThiDuaError(f"{what} chưa có ngày ký đầy đủ (dd/mm/yyyy).")


def _coefficient(table, form: str, kind: str, number: str) -> Coefficient:
    c = coefficient_for(form, kind, table)
    if c is None:
        raise ThiDuaError(f"Chưa có hệ số tiền thưởng cho '{form}' ({kind.lower()}) ở trang Tiêu chuẩn (cột 'Hệ số "
                          f"tiền thưởng'); không lập được quyết định {number}. Nhập hệ số (0 nếu không kèm tiền thưởng).")
    return c


def build(data: WorkbookData, number: str) -> Decision:
    rec = find_decision(data, number)
    number = rec.text("number")
    day = _day(rec["date"], f"Quyết định {number}")
    legal_basis.decree_on(day)  # a decision before the 2022 Law has no basis the tool knows
    awards = awards_of(data, number)
    if not awards:
        raise ThiDuaError(f"Quyết định {number} chưa có ai được khen: ở trang '{S.AWARDS.name}', ghi số {number} "
                          "vào cột 'Số quyết định' của các dòng được khen.")
    base = base_salary_on(day, tables.base_salaries(data))
    if base is None:
        raise ThiDuaError(f"Không có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y} ở trang '{S.BASE_SALARY.name}'.")
    form = rec["form"] or awards[0]["form"]
    from .authority import decision_refusal
    if decision_refusal(data, rec, form):
        raise ThiDuaError(f"Quyết định {number}: {decision_refusal(data, rec, form)}")
    coefficient_table = tables.coefficients(data)
    index = staff_index(data)
    decision = Decision(rec, number, day, form, [], base, authority=authority_title(data, rec))
    ordered = sorted(awards, key=lambda a: (a["recipient_kind"] != S.COLLECTIVE, a.row))  # sheet order
    for award in ordered:
        kind = award["recipient_kind"] if award["recipient_kind"] in S.BOTH else S.INDIVIDUAL
        c = decision.used.get(kind) or _coefficient(coefficient_table, form, kind, number)
        decision.used[kind] = c
        each = prize_for(c, base.amount, coefficient_table)
        decision.recipients.append(_recipient(data, decision, award, kind, each, index))
    people = [r for r in decision.recipients if r.kind == S.INDIVIDUAL and r.named]
    if all(r.salutation for r in people):  # Ông/Bà for every person, or for nobody
        for r in people:
            r.name = f"{r.salutation} {r.name}"
    from .bounds import guard
    guard(decision, tables.base_salaries(data))
    return decision


def salutation_for(award: Record, person: Record | None) -> str:
    """Ông/Bà from Cán bộ's Giới tính, else the award row's, else as typed before the name; '' when unknown."""
    typed = bare_name(award.text("recipient"))[1]
    salutation = SALUTATION.get(person["gender"] or "", "") if person is not None else ""
    salutation = salutation or SALUTATION.get(award["gender"] or "", "")
    return salutation or (typed.capitalize() if fold(typed) in ("ong", "ba") else "")


def _recipient(data, decision: Decision, award: Record, kind: str, each: int, index) -> Recipient:
    count = award["count"] if isinstance(award["count"], int) and award["count"] > 1 else 1
    name = award.text("recipient")
    named = bool(name) and count == 1
    position = award.text("recipient_unit")
    salutation = ""
    if kind == S.INDIVIDUAL and named:
        person = staff_of(award, index)
        name = bare_name(name)[0]  # "Ông Nguyễn Văn A" typed: the salutation is printed once
        salutation = salutation_for(award, person)
        if person is not None and not position:
            position = position_text(person.text("position"), person.text("department"),
                                     data.info.get("unit_name") or "")
    if not named:
        name = f"{count_text(count)} {kind.lower()} (chưa kê tên)" + (f": {name}" if name else "")
    reason = decision.record.text("reason") or (f"xuất sắc trong {award.text('field')}" if award.text("field")
                                                else "xuất sắc")
    from .register import register_of  # the sổ vàng (or the Số sổ vàng typed), never the order in the decision
    return Recipient(kind, name, position, count, named, each, reason, register_of(data, decision.number, award),
                     award, salutation)


# ---------------------------------------------------------------- the words
def authority_title(data: WorkbookData, rec: Record) -> str:
    """'Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh' from the sheet, else the head's
    title and the unit (wording.authority_of; its warning is the validator's)."""
    return authority_of(rec.text("authority_title"), authority_head(data, rec), data.info.get("unit_name") or "")[0]


def authority_head(data: WorkbookData, rec: Record) -> str:
    """The head's title: Thông tin's, else the decision's signer's (when the head signs)."""
    return nfc(data.info.get("head_title") or (rec.text("signer_title") if not rec["signing_authority"] else "")
               or data.info.get("signer_title") or "")


def _sentence_lines(lines: list[str], prefix: str) -> list[str]:
    """Each line a sentence of its own: 'Căn cứ …;' (the prefix added when missing)."""
    out = []
    for line in lines:
        line = nfc(line).rstrip(";.").strip()
        if line and not fold(line).startswith(fold(prefix)):
            line = f"{prefix} {line}"
        if line:
            out.append(line + ";")
    return out


def _form_phrase(d: Decision) -> str:
    return form_phrase(d.form, d.authority)


def article1(d: Decision) -> str:
    recipients = who(d.count(S.COLLECTIVE), d.count(S.INDIVIDUAL))
    reason = d.record.text("reason")
    if not reason:
        fields = {r.record.text("field") for r in d.recipients}
        reason = f"xuất sắc trong {fields.pop()}" if len(fields) == 1 and "" not in fields else "xuất sắc"
    return f"{verb(d.form)} {_form_phrase(d)} cho {recipients} (có danh sách kèm theo) đã có thành tích {reason}."


def cite(bases: list[str]) -> str:
    """Citations of one text merged: ['điểm c khoản 2 Điều 54 Nghị định số X', 'điểm e khoản 1 Điều 54 Nghị
    định số X'] → 'điểm c khoản 2 và điểm e khoản 1 Điều 54 Nghị định số X'. Others are kept as written."""
    groups: dict[str, list[str]] = {}
    for basis in dict.fromkeys(b.strip() for b in bases if b and b.strip()):
        where, sep, text = basis.partition(" Nghị định ")
        key = sep.strip() + " " + text if sep and where else basis
        groups.setdefault(key, []).append(where if sep and where else "")
    out = []
    for text, wheres in groups.items():
        if wheres == [""]:
            out.append(text)
            continue
        articles = {w.rpartition("Điều ")[2] for w in wheres}
        if len(articles) == 1 and all(w.rpartition("Điều ")[0] for w in wheres):
            heads = [w.rpartition("Điều ")[0].strip() for w in wheres]
            out.append(f"{' và '.join(heads)} Điều {articles.pop()} {text}")
        else:
            out.append(f"{', '.join(w for w in wheres if w)} {text}".strip())
    return "; ".join(out)


def article2(d: Decision, unit: str) -> str:
    if d.total == 0:
        return f"{form_name(d.form, d.authority)} không kèm tiền thưởng theo hệ số ở trang Tiêu chuẩn."
    parts = []
    for kind in (S.COLLECTIVE, S.INDIVIDUAL):
        c = d.used.get(kind)
        if c is not None and d.count(kind):
            each = next(r.each for r in d.recipients if r.kind == kind)
            parts.append(f"mỗi {kind.lower()} được thưởng {money_figures(each)} đồng ({_times_phrase(d, c)})")
    decree = legal_basis.decree_on(d.date)
    bases = cite([legal_basis.coefficient_basis(d.used[k].basis, d.date) for k in (S.COLLECTIVE, S.INDIVIDUAL)
                  if k in d.used and d.count(k)])
    funding = d.record.text("funding") or f"Quỹ thi đua, khen thưởng của {unit}"
    text = (f"Kèm theo {_form_phrase(d)}, " + "; ".join(parts) + (f", theo {bases}" if bases else "") + "; mức lương cơ sở "
            f"{money_figures(d.base.amount)} đồng theo {d.base.basis}; số tiền được làm tròn lên hàng chục nghìn đồng theo "
            f"{decree.rounding_basis}. Tổng số tiền thưởng là "
            f"{money_figures(d.total)} đồng (Bằng chữ: {money_words(d.total)}), trích từ {funding}.")
    return text[0].upper() + text[1:]


def _times_phrase(d: Decision, c: Coefficient) -> str:
    """'0,3 lần mức lương cơ sở', or 'gấp hai lần mức tiền thưởng đối với cá nhân' where the collective's
    prize is a multiple of the individual one."""
    if c.times_individual:
        times = {Decimal(2): "hai", Decimal(3): "ba"}.get(c.times_individual) or coefficient_text(c.times_individual)
        return f"gấp {times} lần mức tiền thưởng đối với cá nhân"
    return f"{coefficient_text(c.value)} lần mức lương cơ sở"


def article3(d: Decision, unit: str) -> str:
    who_runs = d.record.text("executors").rstrip(".") or (
        f"Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc {unit} và "
        f"{whom(d.count(S.COLLECTIVE), d.count(S.INDIVIDUAL))} có tên tại Điều 1")
    return f"Quyết định này có hiệu lực kể từ ngày ký. {who_runs} chịu trách nhiệm thi hành Quyết định này./."


def annex_title(d: Decision) -> str:
    kinds = [k for k in (S.COLLECTIVE, S.INDIVIDUAL) if d.count(k)]
    subject = ", ".join(k.upper() for k in kinds)
    return f"{subject} ĐƯỢC {verb(d.form).upper()} {_form_phrase(d).upper()}"


def annex_rows(d: Decision, kind: str) -> list[dict]:
    rows = [r for r in d.recipients if r.kind == kind]
    return [{"tt": str(i), "name": r.name, "unit": r.position, "money": money_figures(r.amount)}
            for i, r in enumerate(rows, start=1)]


def header(data: WorkbookData, d: Decision) -> dict:
    info, rec = data.info, d.record
    authority = rec["signing_authority"] or ""
    head = nfc(info.get("head_title") or "").upper()
    title = authority_title(data, rec)
    return {
        "parent_body": nfc(info.get("parent_body")).upper(),
        "issuing_body": header_name(nfc(info.get("issuing_body"))),  # broken between words, as the report
        "unit_name": nfc(info.get("unit_name")),
        "doc_number": d.number,
        "place": nfc(info.get("place")),
        "date_long": admin_date_long(d.date),
        "summary": rec.text("summary"),
        "authority_title": title,
        "authority_upper": title.upper(),
        "authority_line": f"{authority} {head}".strip() if authority else "",
        "signer_title_upper": rec.text("signer_title").upper(),
        "signer_name": rec.text("signer_name"),
    }


def legal_lines(d: Decision) -> dict:
    """The Law and the decree in force on the decision's date, as its 'Căn cứ' lines."""
    return {"law_basis": legal_basis.LAW_CITATION, "decree_basis": legal_basis.decree_on(d.date).citation}


def decision_context(data: WorkbookData, d: Decision) -> dict:
    unit = nfc(data.info.get("unit_name")) or nfc(data.info.get("issuing_body"))
    rec = d.record
    proposal = rec.text("proposal").rstrip(".")
    if proposal and not fold(proposal).startswith("xet de nghi"):
        proposal = f"Xét đề nghị của {proposal}"
    return {
        **header(data, d),
        **legal_lines(d),
        "bases": _sentence_lines(rec["bases"] or [], "Căn cứ"),
        "proposal": f"{proposal}." if proposal else "",
        "article1": article1(d),
        "article2": article2(d, unit),
        "article3": article3(d, unit),
        "recipients": rec["recipients"] or ["Như Điều 3;", "Lưu: VT."],
        "annex_title": annex_title(d),
        **dict(zip(("collectives_no", "individuals_no"),
                   section_numbers([bool(d.count(S.COLLECTIVE)), bool(d.count(S.INDIVIDUAL))]))),
        "collectives": annex_rows(d, S.COLLECTIVE),
        "individuals": annex_rows(d, S.INDIVIDUAL),
        "total_figures": money_figures(d.total),
        "total_words": money_words(d.total),
    }
