"""A decision checked against the review (issue 19 A6): a person or
collective it names for a title the review checks, whom the review of that
year finds 'không đủ' or 'chưa đủ dữ liệu', or whose rating was read from a
value not on the list ('Hoàn thành tốt' read as 'Hoàn thành tốt nhiệm vụ'),
is said at the award's row, naming the decision, the recipient and the
reasons, before any decision is written."""
from __future__ import annotations

from .. import schema as S
from ..errors import ThiDuaError
from ..parsing import doc_number_key
from ..findings import WARNING
from ..vntext import fold


def _year(award, decision) -> int | None:
    year = award["year"]
    if not isinstance(year, int):
        d = decision["date"]
        year = d.start.year if getattr(d, "ok", False) else None
    return year if isinstance(year, int) and 2000 <= year <= 2100 else None


def check_against_review(out, decisions: dict) -> None:
    """``decisions``: the Quyết định rows by canonical number."""
    from ..review import RESULT_LABEL, run_review
    from ..review.facts import Facts
    from ..review.people import name_key
    from ..review.rules import YES_RESULT
    from ..review.standards import read_standards, rule_of
    data = out.data
    if not decisions or not (data.ratings or data.staff):
        return
    reviewed = {st.rule for st in read_standards(data)}
    facts, reviews = None, {}
    for award in data.records.get("awards", []):
        decision = decisions.get(doc_number_key(award.text("decision_number")))  # keyed as checks.py keys them
        name = award.text("recipient")
        if decision is None or not name:
            continue
        form = decision["form"] or award["form"]
        rule = rule_of(form) if form else None
        year = _year(award, decision)
        if rule not in reviewed or year is None:
            continue
        if year not in reviews:
            try:
                review = run_review(data, year)
            except ThiDuaError:
                review = None
            reviews[year] = {(e.ident, rule_of(e.title)): e for e in review.entries} if review else {}
        facts = facts or Facts(data)
        person = None
        if award["recipient_kind"] == S.COLLECTIVE:
            ident = f"tt:{name_key(name)}"
        else:
            person = facts.directory.find(award.raw.get("recipient"), award.raw.get("staff_code"),
                                          award.raw.get("recipient_unit"), loose_unit=True).person
            ident = f"cn:{person.record.row}" if person is not None else ""
        entry = reviews[year].get((ident, rule))
        number = decision.text("number")
        said = []
        if entry is not None and entry.result != YES_RESULT:
            said.append(f"rà soát năm {year} kết luận '{RESULT_LABEL[entry.result]}': " + "; ".join(entry.reasons))
        rec = facts.rating(person, year) if person is not None else None
        typed = rec.raw.get("rating") if rec is not None else None
        if isinstance(typed, str) and rec["rating"] in S.VOCABULARIES["rating"].values \
                and fold(typed) != fold(rec["rating"]):
            said.append(f"xếp loại năm {year} ghi '{typed.strip()}' (trang Đánh giá, dòng {rec.row}), không có trong "
                        f"danh sách, được đọc là '{rec['rating']}'")
        if said:
            out.add(S.AWARDS, award, "recipient", WARNING, "DECISION_REVIEW",
                    f"Quyết định {number} ({form}) có '{name}', nhưng " + "; ".join(said) + ". Xem lại trước khi ký.")
