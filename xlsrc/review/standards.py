"""The Tiêu chuẩn sheet read into thresholds. A blank threshold takes the
default of its title (and validation says so); an unreadable one makes
every answer for that title 'Chưa đủ dữ liệu', naming the cell."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import schema as S
from ..parsing import parse_int
from ..records import Record, WorkbookData, parse_value
from ..vntext import nfc, strip_marks
from .defaults import DEFAULT_STANDARDS, RULE_TITLES

THRESHOLDS = ("min_rating", "years", "min_initiatives", "initiative_scope", "member_share", "member_min_rating",
              "min_emulation_members", "discipline_from", "min_service_months", "max_leave_days", "leave_counted")
TEXTS = ("discipline_basis", "service_basis")  # the basis of a condition, cited in its reasons


@dataclass(frozen=True)
class Share:
    percent: float
    strict: bool  # "trên 50%": more than; "từ 70%": at least

    def met(self, part: int, whole: int) -> bool:
        value = 100.0 * part / whole
        return value > self.percent if self.strict else value >= self.percent - 1e-9

    def text(self) -> str:
        return f"{'trên' if self.strict else 'từ'} {self.percent:g}%"


_SHARE = re.compile(r"^(tren|hon|lon hon|>=|>|tu|it nhat|toi thieu)?\s*(\d+(?:\.\d+)?)\s*%?$")


def parse_share(raw: object) -> Share | None:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Share(float(raw) * (100 if raw <= 1 else 1), False)
    raw_text = nfc(raw).strip().replace("≥", ">=")
    symbol = ">=" if raw_text.startswith(">=") else (">" if raw_text.startswith(">") else "")
    rest = " ".join(strip_marks(raw_text[len(symbol):]).lower().replace(",", ".").split())
    m = _SHARE.match((symbol + " " if symbol else "") + rest)
    if not m:
        return None
    return Share(float(m.group(2)), m.group(1) in ("tren", "hon", "lon hon", ">"))


@dataclass
class Standard:
    rule: str                    # canonical title: which rule of the engine
    title: str                   # as the sheet writes it
    basis: str
    kind: str                    # Cá nhân / Tập thể
    row: int = 0                 # 0: built-in default (no Tiêu chuẩn sheet)
    values: dict = field(default_factory=dict)
    defaulted: list[str] = field(default_factory=list)    # threshold keys left blank → default
    unreadable: list[str] = field(default_factory=list)   # threshold headers that could not be read

    def __getattr__(self, name):
        if name in THRESHOLDS or name in TEXTS:
            return self.__dict__["values"].get(name)
        raise AttributeError(name)


def rule_of(title: object) -> str | None:
    term = S.vocabulary("award_form").lookup(nfc(title))
    return term.value if term and term.value in RULE_TITLES else None


def defaults_for(rule: str) -> dict:
    return next(d for d in DEFAULT_STANDARDS if rule_of(d["title"]) == rule)


def _threshold(col: S.Column, raw: object):
    """(value, readable) of one threshold cell."""
    if col.key == "member_share":
        share = parse_share(raw)
        return share, share is not None
    if col.key == "leave_counted":
        from .service import parse_reasons
        return parse_reasons(raw)
    if col.kind == S.INT:
        n = parse_int(raw)
        return n, n is not None
    value = parse_value(col, raw)
    return value, S.vocabulary(col.vocab).lookup(value) is not None


def make_standard(rule: str, title: str, basis: str, row: int, raw_of) -> Standard:
    default = defaults_for(rule)
    st = Standard(rule, title, basis or default["basis"], RULE_TITLES[rule], row)
    for key in THRESHOLDS:
        col = S.STANDARDS.column(key)
        raw = raw_of(key)
        if raw is None or nfc(raw) == "":
            raw = default.get(key)
            if raw is not None and row:
                st.defaulted.append(key)
            if raw is None:
                continue
        value, ok = _threshold(col, raw)
        if ok:
            st.values[key] = value
        else:
            st.unreadable.append(col.header)
    for key in TEXTS:
        text = nfc(raw_of(key)).strip()
        st.values[key] = text or default.get(key) or ""
    return st


def builtin(rule: str) -> Standard:
    """A rule's standard as the defaults write it, for a workbook without a row for it."""
    d = defaults_for(rule)
    return make_standard(rule, d["title"], d["basis"], 0, d.get)


def read_standards(data: WorkbookData) -> list[Standard]:
    """The standards in force for this workbook, in sheet order; the
    defaults when the workbook has no Tiêu chuẩn sheet at all."""
    if "standards" not in data.locations:
        return [builtin(rule_of(d["title"])) for d in DEFAULT_STANDARDS]
    out, seen = [], set()
    for rec in data.standards:
        rule = rule_of(rec.raw.get("title"))
        if rule is None or rule in seen or not for_rule(rec, rule):
            continue
        seen.add(rule)
        out.append(make_standard(rule, rec.text("title"), rec.text("basis"), rec.row, rec.raw.get))
    return out


def for_rule(rec: Record, rule: str) -> bool:
    """A row of the rule's own recipient kind (or of no kind); a row for the
    other kind, such as Bằng khen for a tập thể, only carries a prize coefficient."""
    return rec["recipient_kind"] in (None, "", RULE_TITLES[rule])


def standard_rows(data: WorkbookData) -> list[tuple[Record, str | None]]:
    """Each Tiêu chuẩn row with the rule it feeds (None: no rule checks it)."""
    return [(rec, rule_of(rec.raw.get("title"))) for rec in data.standards]
