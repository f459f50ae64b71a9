"""The rules: one function per title, each returning every condition it
checked as met (True), failed (False) or unknown (None, a missing fact).
An answer is 'không đủ' when any condition failed (every failed condition
is listed), 'chưa đủ dữ liệu' when none failed but one is unknown, else 'đủ'.
A missing fact never makes a 'không đủ'. Every threshold is the standard's
(a blank cell of Tiêu chuẩn already holds its title's default there); no
legal number is written here."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import schema as S
from ..records import Record
from ..vntext import count_text
from .defaults import BANG_KHEN, CSTD_CS, CSTD_TINH, LDTT, TT_LDTT, TT_LDXS
from .facts import (DISCIPLINE_NONE, DISCIPLINE_PENDING, DISCIPLINE_RANK, NO, NOT_IN_CHAIN, RATING_RANK,
                    SCOPE_RANK, YES, Facts)
from .people import Collective, Person
from .service import service
from .standards import Standard, builtin

YES_RESULT, NO_RESULT, UNKNOWN_RESULT = "đủ", "không đủ", "chưa đủ dữ liệu"
MAX_NAMES = 5


@dataclass
class Check:
    ok: bool | None
    text: str


@dataclass
class Outcome:
    checks: list[Check] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)   # achievements, for the proposal list
    notes: list[str] = field(default_factory=list)     # said even when 'đủ': what the answer assumes

    def add(self, ok: bool | None, text: str) -> None:
        check = Check(ok, text)
        if check not in self.checks:  # one fact asked by two conditions is said once
            self.checks.append(check)

    @property
    def result(self) -> str:
        states = [c.ok for c in self.checks]
        if False in states:
            return NO_RESULT
        return UNKNOWN_RESULT if None in states else YES_RESULT

    def reasons(self, basis: str) -> list[str]:
        """Every failed condition, then every missing fact, each citing the basis."""
        cite = f" ({basis})" if basis else ""
        failed = [_capital(c.text) + cite for c in self.checks if c.ok is False]
        missing = [("Chưa rõ: " + c.text if failed else _capital(c.text)) + cite
                   for c in self.checks if c.ok is None]
        return failed + missing

    def met(self, basis: str) -> list[str]:
        """Every condition met, the basis cited once after the last: why a title is 'đủ'."""
        met = [_capital(c.text) for c in self.checks if c.ok is True]
        if met and basis:
            met[-1] += f" ({basis})"
        return met


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(people: list[Person]) -> str:
    shown = ", ".join(p.name for p in people[:MAX_NAMES])
    return shown + (f" và {len(people) - MAX_NAMES} người khác" if len(people) > MAX_NAMES else "")


def _span(years: range) -> str:
    """'2023–2025', or 'năm 2025' for a single year."""
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else f"năm {years[0]}"


def _bound(low: int, high: int, need: int) -> bool | None:
    """Met for sure, failed for sure, or unknown, from a count known to lie in low..high."""
    return True if low >= need else (False if high < need else None)


class Engine:
    """Evaluates the standards for one year; results of a title for a person
    are computed once and reused by the titles built on it."""

    def __init__(self, facts: Facts, standards: list[Standard], year: int):
        self.facts, self.year = facts, year
        self.standards = {st.rule: st for st in standards}
        self._cache: dict[tuple[str, int], Outcome] = {}

    def standard(self, rule: str) -> Standard:
        """The standard a rule uses; a title built on another (Chiến sĩ thi đua
        cơ sở on Lao động tiên tiến) uses that title's defaults when its row was removed."""
        st = self.standards.get(rule)
        if st is None:
            st = self.standards[rule] = builtin(rule)
        return st

    def person(self, rule: str, p: Person) -> Outcome:
        key = (rule, id(p))
        if key not in self._cache:
            out = Outcome()
            st = self.standard(rule)
            if p.duplicate:
                out.add(None, f"Có hai cán bộ cùng họ tên '{p.name}' trong đơn vị '{p.unit}' mà không có Mã cán bộ; "
                              "không xác định được dữ liệu của từng người")
            elif st.unreadable:
                out.add(None, f"Ngưỡng {', '.join(st.unreadable)} của '{st.title}' ở trang Tiêu chuẩn không đọc được")
            else:
                RULES[rule](self, st, p, out)
            self._cache[key] = out
        return self._cache[key]

    def collective(self, rule: str, c: Collective) -> Outcome:
        st = self.standard(rule)
        out = Outcome()
        if st.unreadable:
            out.add(None, f"Ngưỡng {', '.join(st.unreadable)} của '{st.title}' ở trang Tiêu chuẩn không đọc được")
        else:
            RULES[rule](self, st, c, out)
        return out

    # -- shared conditions ---------------------------------------------
    def record(self, p: Person, year: int, out: Outcome) -> Record | None:
        """The person's rating row of ``year``; two rows that disagree make every
        condition read from it unknown, saying which rows."""
        rows = self.facts.conflict(p, year)
        if rows:
            out.add(None, f"có {count_text(len(rows))} dòng đánh giá năm {year} của {p.name} khác nhau (trang Đánh "
                          f"giá, dòng {', '.join(str(r.row) for r in rows)}): giữ một dòng đúng rồi rà soát lại")
            return None
        return self.facts.rating(p, year)

    def rating_at_least(self, p: Person, year: int, minimum: str, out: Outcome, what: str = "Xếp loại") -> None:
        if self.facts.conflict(p, year):
            self.record(p, year, out)
            return
        rec = self.facts.rating(p, year)
        if rec is None:
            out.add(None, f"chưa có xếp loại năm {year} của {p.name} (trang Đánh giá)")
            return
        rating = rec["rating"]
        if rating not in RATING_RANK:
            out.add(None, f"xếp loại năm {year} '{rating}' không đọc được (trang Đánh giá, dòng {rec.row})")
        elif RATING_RANK[rating] > RATING_RANK[minimum]:
            out.add(False, f"{what} năm {year} là '{rating}', chưa đạt '{minimum}'")
        else:
            out.add(True, f"{what} năm {year}: {rating}")
            out.summary.append(f"Năm {year}: {rating}")

    def discipline(self, p: Person, years: range | int, st: Standard, out: Outcome) -> None:
        """No discipline from ``st.discipline_from`` up in force in any of ``years``
        (by its dates, or its row's year when undated), and none pending. A year
        without its rating row has no discipline recorded in it; the disciplines
        recorded on any row count by their dates."""
        level = st.discipline_from
        if level is None:
            return
        years = range(years, years + 1) if isinstance(years, int) else years
        basis = st.discipline_basis
        cite = f" [căn cứ {basis}]" if basis and basis not in st.basis else ""
        heavy = [d for d in self.facts.disciplines.get(id(p), ()) if DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK[level]]
        states = []
        for y in years:
            rec = self.record(p, y, out)
            in_force = [d for d in heavy if d.in_force(y)]
            unsure = [d for d in heavy if d.in_force(y) is None]
            value = (rec["discipline"] or DISCIPLINE_NONE) if rec is not None else None
            if in_force:
                out.add(False, f"Bị kỷ luật {'; '.join(d.described(y) for d in in_force)}" + cite)
                states.append(False)
            elif value == DISCIPLINE_PENDING:
                out.add(False, f"Đang bị xem xét kỷ luật (năm {y}, trang Đánh giá, dòng {rec.row})" + cite)
                states.append(False)
            elif unsure:
                out.add(None, f"chưa rõ kỷ luật {'; '.join(d.named() for d in unsure)} còn hiệu lực trong "
                              f"năm {y} không: ghi 'Kỷ luật đến ngày' hoặc 'Thời hạn kỷ luật (tháng)' ở trang Đánh giá")
                states.append(None)
            elif rec is not None and value not in DISCIPLINE_RANK:
                out.add(None, f"kỷ luật năm {y} '{value}' không đọc được (trang Đánh giá, dòng {rec.row})")
                states.append(None)
            else:
                states.append(True)
        if states and all(states):
            out.add(True, "Không bị kỷ luật")

    def initiatives(self, p: Person, years: range, scope: str, need: int, out: Outcome) -> bool | None:
        """Whether ``need`` initiatives of ``scope`` or wider were recognised
        in ``years``: one without a decision number, or of unreadable scope,
        may or may not count."""
        sure, maybe, titles = 0, 0, []
        for rec in self.facts.initiatives.get(id(p), ()):
            if rec["year"] not in years:
                continue
            rank = SCOPE_RANK.get(rec["scope"])
            if rank is not None and rank < SCOPE_RANK[scope]:
                continue
            if rank is None or not rec.text("decision"):
                maybe += 1
            else:
                sure += 1
                titles.append(f"{rec['kind'] or 'Sáng kiến'} '{rec.text('title')}' ({rec.text('decision')}, "
                              f"phạm vi {rec['scope']})")
        state = _bound(sure, sure + maybe, need)
        if state:
            out.summary += titles
        return state

    def chain_year(self, p: Person, year: int, out: Outcome) -> None:
        """Chiến sĩ thi đua cơ sở in ``year``: from the award history, or for
        the year under review from this review."""
        mine = [a for a in self.facts.awards.get(id(p), ()) if a.form == CSTD_CS and a.year == year]
        counted = [a for a in mine if a.award_type not in NOT_IN_CHAIN]
        if counted:
            out.add(True, f"Chiến sĩ thi đua cơ sở năm {year}")
            out.summary.append(f"Chiến sĩ thi đua cơ sở năm {year}")
            return
        if year == self.year:
            # the year under review: found eligible here, not yet granted (its decision comes with this one)
            now = self.person(CSTD_CS, p)
            state = {YES_RESULT: True, NO_RESULT: False, UNKNOWN_RESULT: None}[now.result]
            detail = "; ".join(c.text for c in now.checks if c.ok is state) if state is not True else ""
            pending = f"tính cả năm {year} nếu được công nhận Chiến sĩ thi đua cơ sở năm {year}"
            out.add(state, f"Đủ tiêu chuẩn Chiến sĩ thi đua cơ sở năm {year}, chưa được công nhận ({pending})"
                    if state else
                    f"chưa rõ đạt Chiến sĩ thi đua cơ sở năm {year}: {detail}" if state is None else
                    f"Không đạt Chiến sĩ thi đua cơ sở năm {year}: {detail}")
            if state:
                out.summary.append(f"Đủ tiêu chuẩn Chiến sĩ thi đua cơ sở năm {year} ({pending})")
                out.notes.append(f"Năm {year} chưa được công nhận Chiến sĩ thi đua cơ sở: {pending}")
        elif mine:
            kinds = ", ".join(sorted({a.award_type.lower() for a in mine}))
            out.add(False, f"Chiến sĩ thi đua cơ sở năm {year} được khen {kinds}, không tính vào số năm liên tục")
        elif year not in self.facts.award_years:
            out.add(None, f"trang Khen thưởng chưa có dòng nào của năm {year} để biết có đạt Chiến sĩ thi đua cơ sở")
        else:
            out.add(False, f"Không có danh hiệu Chiến sĩ thi đua cơ sở năm {year} (trang Khen thưởng)")

    def members_meeting(self, rule: str, members: list[Person]) -> tuple[int, list[Person]]:
        """How many members surely meet a title, and those unknown."""
        results = [(m, self.person(rule, m).result) for m in members]
        return sum(r == YES_RESULT for _, r in results), [m for m, r in results if r == UNKNOWN_RESULT]


# -- the titles -------------------------------------------------------------
def labour(e: Engine, st: Standard, p: Person, out: Outcome) -> None:
    y = e.year
    e.rating_at_least(p, y, st.min_rating, out)
    rec = e.record(p, y, out)
    service(e, st, p, y, out)
    if rec is not None:
        movement = rec["movement"]
        if movement == YES:
            out.add(True, "Tham gia phong trào thi đua")
        elif movement == NO:
            out.add(False, f"Không tham gia phong trào thi đua năm {y}")
        else:
            out.add(None, f"chưa ghi 'Tham gia phong trào thi đua' năm {y} (trang Đánh giá, dòng {rec.row})")
    e.discipline(p, y, st, out)


def emulation_base(e: Engine, st: Standard, p: Person, out: Outcome) -> None:
    y = e.year
    ldtt = e.person(LDTT, p)
    state = {YES_RESULT: True, NO_RESULT: False, UNKNOWN_RESULT: None}[ldtt.result]
    if state:
        out.add(True, f"Đạt Lao động tiên tiến năm {y}")
    else:
        detail = "; ".join(c.text for c in ldtt.checks if c.ok is state)
        out.add(state, (f"Không đạt Lao động tiên tiến năm {y}: " if state is False else
                        f"chưa rõ đạt Lao động tiên tiến năm {y}: ") + detail)
    rec = e.facts.rating(p, y)
    rating = rec["rating"] if rec is not None else None
    excellent = None if rating not in RATING_RANK else RATING_RANK[rating] <= RATING_RANK[st.min_rating]
    need = st.min_initiatives
    scope = st.initiative_scope
    found = e.initiatives(p, range(y, y + 1), scope, need, out)
    if excellent and rating:
        out.summary.append(f"Năm {y}: {rating}")
    if excellent or found:
        out.add(True, "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận")
    elif excellent is False and found is False:
        out.add(False, f"Năm {y} không '{st.min_rating}' (xếp loại '{rating}') và không có "
                       f"{count_text(need)} sáng kiến, đề tài phạm vi từ {scope} trở lên được công nhận trong năm")
    else:
        missing = ([f"xếp loại năm {y}"] if excellent is None else []) + \
                  ([f"quyết định công nhận hoặc phạm vi của sáng kiến năm {y}"] if found is None else [])
        out.add(None, f"chưa rõ {' và '.join(missing)} của {p.name} (cần '{st.min_rating}' hoặc sáng kiến "
                      "được công nhận)")


def emulation_province(e: Engine, st: Standard, p: Person, out: Outcome) -> None:
    n = max(1, st.years)
    years = range(e.year - n + 1, e.year + 1)
    for y in years:
        e.chain_year(p, y, out)
    e.discipline(p, years, st, out)
    need = st.min_initiatives
    found = e.initiatives(p, years, st.initiative_scope, need, out)
    span = _span(years)
    if found:
        out.add(True, f"Có sáng kiến, đề tài phạm vi {st.initiative_scope} trở lên trong {span}")
    elif found is False:
        out.add(False, f"Không có {count_text(need)} sáng kiến, đề tài phạm vi từ {st.initiative_scope} trở lên "
                       f"được công nhận trong {span}")
    else:
        out.add(None, f"chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến {span} của {p.name}")


def merit_certificate(e: Engine, st: Standard, p: Person, out: Outcome) -> None:
    """Điểm d khoản 1 Điều 74: ``years`` consecutive years of the minimum
    rating OR as many consecutive Chiến sĩ thi đua cơ sở; and the initiatives."""
    n = max(1, st.years)
    years = range(e.year - n + 1, e.year + 1)
    rated, chain = Outcome(), Outcome()
    for y in years:
        e.rating_at_least(p, y, st.min_rating, rated)
        e.chain_year(p, y, chain)
    _either(out, (f"'{st.min_rating}' {count_text(n)} năm liên tục", rated),
            (f"Chiến sĩ thi đua cơ sở {count_text(n)} lần liên tục", chain))
    e.discipline(p, years, st, out)
    need = st.min_initiatives
    found = e.initiatives(p, years, st.initiative_scope, need, out)
    span = _span(years)
    if found:
        out.add(True, f"Có {count_text(need)} sáng kiến, đề tài trong {span}")
    elif found is False:
        out.add(False, f"Chưa có {count_text(need)} sáng kiến, đề tài được công nhận trong {span}")
    else:
        out.add(None, f"chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến {span} của {p.name}")


def _either(out: Outcome, *ways: tuple[str, Outcome]) -> None:
    """One condition met in any of several ways: the first way met is kept
    with its details; else unknown if a way is unknown; else failed, saying
    why each way failed."""
    for _, way in ways:
        if way.result == YES_RESULT:
            out.checks += way.checks
            out.summary += way.summary
            out.notes += way.notes
            return
    def why(way: Outcome, state: bool | None) -> str:
        return "; ".join(c.text for c in way.checks if c.ok is state)
    failed = "không đạt " + " và không đạt ".join(f"{name} ({why(way, False)})" for name, way in ways
                                                   if way.result == NO_RESULT)
    unknown = [(name, way) for name, way in ways if way.result == UNKNOWN_RESULT]
    if unknown:
        out.add(None, "chưa rõ có đạt " + " hoặc ".join(f"{name} ({why(way, None)})" for name, way in unknown) +
                ("; " + failed if len(unknown) < len(ways) else ""))
    else:
        out.add(False, _capital(failed))


def _collective_common(e: Engine, st: Standard, c: Collective, out: Outcome) -> bool:
    y = e.year
    rec = e.facts.unit_rating(c.key, y)
    if rec is None:
        out.add(None, f"chưa có xếp loại tập thể năm {y} của '{c.name}' (trang Đánh giá, Đối tượng: Tập thể)")
    else:
        rating = rec["rating"]
        if rating not in RATING_RANK:
            out.add(None, f"xếp loại tập thể năm {y} '{rating}' không đọc được (trang Đánh giá, dòng {rec.row})")
        elif RATING_RANK[rating] > RATING_RANK[st.min_rating]:
            out.add(False, f"Tập thể xếp loại năm {y} là '{rating}', chưa đạt '{st.min_rating}'")
        else:
            out.add(True, f"Tập thể {rating}")
            out.summary.append(f"Năm {y}: tập thể {rating}")
        solidarity = rec["solidarity"]
        if solidarity == YES:
            out.add(True, "Nội bộ đoàn kết")
        elif solidarity == NO:
            out.add(False, f"Nội bộ không đoàn kết năm {y}")
        else:
            out.add(None, f"chưa ghi 'Nội bộ đoàn kết' năm {y} của '{c.name}' (trang Đánh giá, dòng {rec.row})")
    if not c.members:
        out.add(None, f"không có cán bộ nào thuộc '{c.name}' ở trang Cán bộ (cột Đơn vị)")
        return False
    # members' discipline
    level = st.discipline_from
    if level is not None:
        punished, pending, unknown = [], [], []
        for m in c.members:
            r = e.facts.rating(m, y)
            value = (r["discipline"] or DISCIPLINE_NONE) if r is not None else None
            if r is None or (value not in DISCIPLINE_RANK and value != DISCIPLINE_PENDING):
                unknown.append(m)
            elif value == DISCIPLINE_PENDING:
                pending.append(m)
            elif value != DISCIPLINE_NONE and DISCIPLINE_RANK[value] >= DISCIPLINE_RANK[level]:
                punished.append(m)
        local = f" [{st.discipline_basis}]" if st.discipline_basis else ""
        if punished:
            out.add(False, f"Có thành viên bị kỷ luật từ {level} trở lên năm {y}: {_names(punished)}{local}")
        elif pending or unknown:
            if pending:
                out.add(None, f"thành viên đang bị xem xét kỷ luật: {_names(pending)}")
            if unknown:
                out.add(None, f"chưa có dữ liệu kỷ luật năm {y} của: {_names(unknown)}")
        else:
            out.add(True, f"Không có thành viên bị kỷ luật từ {level} trở lên")
    # share of members meeting Lao động tiên tiến
    share = st.member_share
    if share is not None:
        n = len(c.members)
        sure, unknown = e.members_meeting(LDTT, c.members)
        if share.met(sure, n):
            out.add(True, f"{sure}/{n} thành viên đạt Lao động tiên tiến")
            out.summary.append(f"{count_text(sure)} trên tổng số {count_text(n)} cá nhân đạt danh hiệu Lao động tiên tiến")
        elif not share.met(sure + len(unknown), n):
            out.add(False, f"Chỉ {sure}/{n} thành viên đạt Lao động tiên tiến, cần {share.text()}")
        else:
            out.add(None, f"chưa rõ đạt Lao động tiên tiến (cần {share.text()}, chắc chắn {sure}/{n}): {_names(unknown)}")
    return True


def collective_advanced(e: Engine, st: Standard, c: Collective, out: Outcome) -> None:
    _collective_common(e, st, c, out)


def collective_excellent(e: Engine, st: Standard, c: Collective, out: Outcome) -> None:
    if not _collective_common(e, st, c, out):
        return
    y = e.year
    minimum = st.member_min_rating
    if minimum is not None:
        below, unknown = [], []
        for m in c.members:
            r = e.facts.rating(m, y)
            if r is None or r["rating"] not in RATING_RANK:
                unknown.append(m)
            elif RATING_RANK[r["rating"]] > RATING_RANK[minimum]:
                below.append(m)
        if below:
            out.add(False, f"Có thành viên xếp loại năm {y} dưới '{minimum}': {_names(below)}")
        elif unknown:
            out.add(None, f"chưa có xếp loại năm {y} của: {_names(unknown)}")
        else:
            out.add(True, f"Mọi thành viên từ '{minimum}' trở lên")
    need = st.min_emulation_members
    if need:
        sure, unknown = e.members_meeting(CSTD_CS, c.members)
        state = _bound(sure, sure + len(unknown), need)
        if state:
            out.add(True, f"{sure} thành viên đạt Chiến sĩ thi đua cơ sở")
            out.summary.append(f"{count_text(sure)} cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở")
        elif state is False:
            out.add(False, f"Không có đủ {count_text(need)} thành viên đạt Chiến sĩ thi đua cơ sở năm {y}")
        else:
            out.add(None, f"chưa rõ đạt Chiến sĩ thi đua cơ sở: {_names(unknown)}")


RULES = {LDTT: labour, CSTD_CS: emulation_base, CSTD_TINH: emulation_province, BANG_KHEN: merit_certificate,
         TT_LDTT: collective_advanced, TT_LDXS: collective_excellent}
ORDERED = tuple(RULES)
KIND = {rule: (S.COLLECTIVE if rule in (TT_LDTT, TT_LDXS) else S.INDIVIDUAL) for rule in RULES}
