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
from ..report.context import who
from ..vntext import admin_date_long, bare_name, count_text, fold, nfc
from . import tables
from .money import (ROUNDING_BASIS, BaseSalary, Coefficient, base_salary_on, coefficient_for, coefficient_text,
                    prize)
from .numwords import money_figures, money_words

# Danh hiệu thi đua (Luật 06/2022/QH15 Điều 23–28): "Tặng danh hiệu …"; the others are hình thức khen thưởng.
TITLES = {"Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua cơ sở",
          "Lao động tiên tiến", "Chiến sĩ tiên tiến", "Cờ thi đua của Chính phủ", "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
          "Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Đơn vị quyết thắng", "Đơn vị tiên tiến"}
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


def _staff_index(data: WorkbookData) -> tuple[dict[str, Record], dict[str, list[Record]]]:
    by_code, by_name = {}, {}
    for rec in data.records.get("staff", []):
        if rec.text("staff_code"):
            by_code[fold(rec.text("staff_code"))] = rec
        by_name.setdefault(fold(bare_name(rec.text("name"))[0]), []).append(rec)
    return by_code, by_name


def staff_of(award: Record, index) -> Record | None:
    """The award's person on Cán bộ: by Mã cán bộ, else by name (and Đơn vị when names repeat)."""
    by_code, by_name = index
    code = fold(award.text("staff_code"))
    if code and code in by_code:
        return by_code[code]
    same = by_name.get(fold(bare_name(award.text("recipient"))[0]), [])
    if len(same) > 1:
        unit = fold(award.text("recipient_unit"))
        same = [s for s in same if fold(s.text("department")) and fold(s.text("department")) in unit]
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
    awards = awards_of(data, rec.text("number"))
    if not awards:
        raise ThiDuaError(f"Quyết định {number} chưa có ai được khen: ở trang '{S.AWARDS.name}', ghi số {number} "
                          "vào cột 'Số quyết định' của các dòng được khen.")
    base = base_salary_on(day, tables.base_salaries(data))
    if base is None:
        raise ThiDuaError(f"Không có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y} ở trang '{S.BASE_SALARY.name}'.")
    form = rec["form"] or awards[0]["form"]
    coefficient_table = tables.coefficients(data)
    index = _staff_index(data)
    decision = Decision(rec, number, day, form, [], base)
    ordered = sorted(awards, key=lambda a: (a["recipient_kind"] != S.COLLECTIVE, a.row))  # sheet order
    for i, award in enumerate(ordered, start=1):
        kind = award["recipient_kind"] if award["recipient_kind"] in S.BOTH else S.INDIVIDUAL
        c = decision.used.get(kind) or _coefficient(coefficient_table, form, kind, number)
        decision.used[kind] = c
        decision.recipients.append(_recipient(data, decision, award, kind, prize(c.value, base.amount), i, index))
    return decision


def _recipient(data, decision: Decision, award: Record, kind: str, each: int, order: int, index) -> Recipient:
    count = award["count"] if isinstance(award["count"], int) and award["count"] > 1 else 1
    name = award.text("recipient")
    named = bool(name) and count == 1
    position = award.text("recipient_unit")
    if kind == S.INDIVIDUAL and named:
        person = staff_of(award, index)
        name, typed = bare_name(name)  # "Ông Nguyễn Văn A" typed: the salutation is printed once
        salutation = SALUTATION.get(person["gender"] or "", "") if person is not None else ""
        salutation = salutation or (typed.capitalize() if fold(typed) in ("ong", "ba") else "")
        name = f"{salutation} {name}".strip()
        if person is not None:
            if not position:
                position = ", ".join(x for x in (person.text("position"), person.text("department"),
                                                 data.info.get("unit_name") or "") if x)
    if not named:
        name = f"{count_text(count)} {kind.lower()} (chưa kê tên)" + (f": {name}" if name else "")
    reason = decision.record.text("reason") or (f"xuất sắc trong {award.text('field')}" if award.text("field")
                                                else "xuất sắc")
    register = award.text("register")
    return Recipient(kind, name, position, count, named, each, reason, register or str(order), award)


# ---------------------------------------------------------------- the words
def authority_title(data: WorkbookData, rec: Record) -> str:
    """'Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh' from the sheet, else the head's title and the unit."""
    given = rec.text("authority_title")
    if given:
        return given
    head = nfc(data.info.get("head_title") or data.info.get("signer_title") or "").lower()
    head = head[:1].upper() + head[1:]
    return f"{head} {data.info.get('unit_name') or ''}".strip()


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
    return f"danh hiệu “{d.form}”" if d.is_title else d.form


def article1(d: Decision) -> str:
    whom = who(d.count(S.COLLECTIVE), d.count(S.INDIVIDUAL))
    reason = d.record.text("reason")
    if not reason:
        fields = {r.record.text("field") for r in d.recipients}
        reason = f"xuất sắc trong {fields.pop()}" if len(fields) == 1 and "" not in fields else "xuất sắc"
    return f"Tặng {_form_phrase(d)} cho {whom} (có danh sách kèm theo) đã có thành tích {reason}."


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
        return f"{d.form} không kèm tiền thưởng theo hệ số ở trang Tiêu chuẩn."
    parts = []
    for kind in (S.COLLECTIVE, S.INDIVIDUAL):
        c = d.used.get(kind)
        if c is not None and d.count(kind):
            each = next(r.each for r in d.recipients if r.kind == kind)
            parts.append(f"mỗi {kind.lower()} được thưởng {money_figures(each)} đồng ({coefficient_text(c.value)} lần "
                         "mức lương cơ sở)")
    bases = cite([d.used[k].basis for k in (S.COLLECTIVE, S.INDIVIDUAL) if k in d.used and d.count(k)])
    funding = d.record.text("funding") or f"Quỹ thi đua, khen thưởng của {unit}"
    text = (f"Kèm theo {_form_phrase(d)}, " + "; ".join(parts) + (f", theo {bases}" if bases else "") + "; mức lương cơ sở "
            f"{money_figures(d.base.amount)} đồng theo {d.base.basis}; số tiền được làm tròn lên hàng chục nghìn đồng theo "
            f"{ROUNDING_BASIS}. Tổng số tiền thưởng là "
            f"{money_figures(d.total)} đồng (Bằng chữ: {money_words(d.total)}), trích từ {funding}.")
    return text[0].upper() + text[1:]


def article3(d: Decision, unit: str) -> str:
    who_runs = d.record.text("executors").rstrip(".") or (
        f"Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc {unit} và các tập thể, cá nhân có tên tại Điều 1")
    return f"Quyết định này có hiệu lực kể từ ngày ký. {who_runs} chịu trách nhiệm thi hành Quyết định này./."


def annex_title(d: Decision) -> str:
    kinds = [k for k in (S.COLLECTIVE, S.INDIVIDUAL) if d.count(k)]
    subject = ", ".join(k.upper() for k in kinds)
    what = f"DANH HIỆU “{d.form.upper()}”" if d.is_title else d.form.upper()
    verb = "ĐƯỢC CÔNG NHẬN" if d.is_title else "ĐƯỢC TẶNG"
    return f"{subject} {verb} {what}"


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
        "issuing_body": nfc(info.get("issuing_body")).upper(),
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


def decision_context(data: WorkbookData, d: Decision) -> dict:
    unit = nfc(data.info.get("unit_name")) or nfc(data.info.get("issuing_body"))
    rec = d.record
    proposal = rec.text("proposal").rstrip(".")
    if proposal and not fold(proposal).startswith("xet de nghi"):
        proposal = f"Xét đề nghị của {proposal}"
    return {
        **header(data, d),
        "bases": _sentence_lines(rec["bases"] or [], "Căn cứ"),
        "proposal": f"{proposal}." if proposal else "",
        "article1": article1(d),
        "article2": article2(d, unit),
        "article3": article3(d, unit),
        "recipients": rec["recipients"] or ["Như Điều 3;", "Lưu: VT."],
        "annex_title": annex_title(d),
        "collectives": annex_rows(d, S.COLLECTIVE),
        "individuals": annex_rows(d, S.INDIVIDUAL),
        "total_figures": money_figures(d.total),
        "total_words": money_words(d.total),
    }
