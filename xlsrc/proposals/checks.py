"""Checks across the proposals of every unit, each finding at its row: the
same person or collective proposed twice (by two units, or twice for one
form), a form the board does not grant itself (to forward, not to decide) or
grants below its level, a proposal that the unit's own review finds not
eligible, a person not on the unit's staff list."""
from __future__ import annotations

from collections import defaultdict

from .. import schema as S
from ..findings import ERROR, SEVERITY_VN, WARNING
from ..vntext import fold
from .extract import canonical_form, person_key

# Who grants each form, as the board of a province sees it (Luật Thi đua,
# khen thưởng 2022, Điều 79–80 on thẩm quyền): "province" the Chủ tịch UBND
# tỉnh decides; "higher" the province only proposes (Nhà nước, Chính phủ,
# Thủ tướng); "unit" the head of the proposing agency decides itself.
GRANTED_BY: dict[str, str] = {
    "Bằng khen cấp bộ, ban, ngành, tỉnh": "province",
    "Cờ thi đua cấp bộ, ban, ngành, tỉnh": "province",
    "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh": "province",
    "Tập thể lao động xuất sắc": "province",
    "Giấy khen": "unit",
    "Lao động tiên tiến": "unit",
    "Chiến sĩ tiên tiến": "unit",
    "Chiến sĩ thi đua cơ sở": "unit",
    "Tập thể lao động tiên tiến": "unit",
}
GRANT_BASIS = "Luật Thi đua, khen thưởng 2022 (Luật số 06/2022/QH15), Điều 79 và Điều 80"


def who_grants(form: str) -> str:
    """'province', 'unit' or 'higher' (the State, the Government, the Prime Minister)."""
    return GRANTED_BY.get(form, "higher")


def check_proposals(rows: list[dict], facts_by_unit: dict[str, dict]) -> None:
    """Add each row's findings to its 'check' text (after what the reader
    said of it). ``facts_by_unit``: folded unit name → unit_facts()."""
    said: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    _twice(rows, said)
    for i, row in enumerate(rows):
        form = row.get("form")
        if not isinstance(form, str) or not form:
            continue
        grantor = who_grants(form)
        if grantor == "higher":
            said[i].append((WARNING, "Hình thức, danh hiệu đề nghị",
                            f"'{form}' không thuộc thẩm quyền của Chủ tịch UBND tỉnh: Hội đồng chỉ xét để trình cấp "
                            f"trên, không quyết định ({GRANT_BASIS})."))
        elif grantor == "unit":
            said[i].append((WARNING, "Hình thức, danh hiệu đề nghị",
                            f"'{form}' do thủ trưởng đơn vị tự quyết định, không cần đề nghị lên tỉnh "
                            f"({GRANT_BASIS})."))
        facts = facts_by_unit.get(fold(row.get("unit") or ""))
        if not facts:
            continue
        name = person_key(row.get("recipient"))
        individual = row.get("recipient_kind") == S.INDIVIDUAL
        if individual and facts.get("staff") and name not in set(facts["staff"]):
            said[i].append((WARNING, "Tên tập thể, cá nhân",
                            f"'{row.get('recipient')}' không có trong trang '{S.STAFF.name}' của sổ đơn vị gửi kèm."))
        got = (facts.get("review") or {}).get(name, {}).get(canonical_form(form))
        if got and fold(got[0]) != fold(S.RESULT_YES):
            result, why = got
            year = f" năm {facts['review_year']}" if facts.get("review_year") else ""
            said[i].append((ERROR, "Hình thức, danh hiệu đề nghị",
                            f"Theo trang '{S.REVIEW_SHEET}'{year} trong sổ của chính đơn vị, '{row.get('recipient')}' "
                            f"{result.lower()} tiêu chuẩn '{form}'" + (f": {why}" if why else "") + "."))
    for i, items in said.items():
        text = "\n".join(f"{SEVERITY_VN[sev]} ({col}): {msg}" for sev, col, msg in
                         sorted(items, key=lambda x: x[0] != ERROR))
        rows[i]["check"] = "\n".join(x for x in (rows[i].get("check"), text) if x)


def _where(row: dict) -> str:
    return f"{row.get('unit') or 'không rõ đơn vị'} (tệp '{row.get('source_file')}', dòng {row.get('source_row')})"


def _twice(rows: list[dict], said) -> None:
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        name = person_key(row.get("recipient"))
        if name:
            by_name[name].append(i)
    for members in by_name.values():
        if len(members) < 2:
            continue
        for i in members:
            row = rows[i]
            for j in members:
                if j == i:
                    continue
                other = rows[j]
                kinds = {row.get("recipient_kind"), other.get("recipient_kind")} - {None, ""}
                if len(kinds) > 1:  # a person and a collective of one name
                    continue
                same_form = canonical_form(row.get("form")) == canonical_form(other.get("form"))
                same_unit = fold(row.get("unit") or "") == fold(other.get("unit") or "")
                if same_form and same_unit:
                    said[i].append((ERROR, "Tên tập thể, cá nhân", f"Đề nghị hai lần cùng hình thức '{row.get('form')}'"
                                    f": trùng với {_where(other)}."))
                elif same_form:
                    said[i].append((WARNING, "Tên tập thể, cá nhân", f"Cùng tên, cùng hình thức được {_where(other)} "
                                    f"đề nghị: kiểm tra có phải một người (một tập thể) không."))
                elif not same_unit:
                    said[i].append((WARNING, "Tên tập thể, cá nhân", f"Cùng tên được {_where(other)} đề nghị "
                                    f"'{other.get('form')}': kiểm tra có phải một người (một tập thể) không."))


def reader_checks(rows: list[dict], findings: list[dict]) -> None:
    """What the reader and the validator said of each proposal's source row,
    into its 'check' text, errors first."""
    by_row: dict[tuple, list[dict]] = defaultdict(list)
    for f in findings:
        by_row[(f.get("file"), f.get("sheet"), f.get("row"))].append(f)
    for row in rows:
        got = by_row.get((row.get("source_file"), row.get("source_sheet"), row.get("source_row")))
        if got:
            row["check"] = "\n".join(f"{SEVERITY_VN[f['severity']]} ({f['column']}): {f['message']}"
                                     for f in sorted(got, key=lambda f: f["severity"] != ERROR))


def council_list(rows: list[dict]) -> list[dict]:
    """The units' proposals as rows of the board's own Danh sách đề nghị:
    the Hội đồng votes on them and the dossier is made from them exactly as
    from a unit's own list. The proposing unit goes to Ghi chú."""
    out = []
    for n, r in enumerate(rows, start=1):
        where = f"Đề nghị của {r.get('unit') or 'đơn vị chưa rõ'}"
        out.append({"order": n, "subject": r.get("recipient"), "position": r.get("position"),
                    "department": r.get("workplace") or r.get("unit"), "form": r.get("form"),
                    "summary": r.get("summary"), "recipient_kind": r.get("recipient_kind"), "note": where})
    return out
