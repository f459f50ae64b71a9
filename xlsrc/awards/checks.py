"""Validation of decisions and their awards: an award whose decision is not
on the Quyết định sheet, a decision with no award, a decision listed twice,
an award of another form than its decision, a recipient given as a count
only (who cannot receive a certificate), and a decision signed before the
decree whose prize coefficients the workbook holds took effect."""
from __future__ import annotations

from .. import schema as S
from ..parsing import doc_issuer, doc_number_key
from ..findings import ERROR, WARNING
from ..vntext import count_text
from .money import ND152, ND152_START, base_salary_on
from .numwords import money_figures
from .tables import base_salaries


def _before(award, since) -> bool:
    """An award older than the first decision on the sheet: history kept for
    the review, whose decision was never typed on the Quyết định sheet."""
    if since is None:
        return False
    d = award["decision_date"]
    if getattr(d, "ok", False):
        return d.end < since
    return isinstance(award["year"], int) and award["year"] < since.year


def _own_issuers(data, decisions: dict) -> set[str]:
    """The codes the unit issues under (SNgV of 180/BC-SNgV and of its own decisions)."""
    numbers = [data.info.get("doc_number")] + [rec.text("number") for rec in decisions.values()]
    return {code for n in numbers if isinstance(n, str) and (code := doc_issuer(n))}


def check_decisions(out) -> None:
    from .register import check_register
    check_register(out)
    data = out.data
    if "decisions" not in data.sheet_names:
        return  # an older workbook without the sheet: nothing to match against
    decisions: dict[str, object] = {}
    for rec in data.records.get("decisions", []):
        key = doc_number_key(rec.text("number"))
        if not key:
            continue
        if key in decisions:
            out.add(S.DECISIONS, rec, "number", ERROR, "DECISION_DUPLICATE",
                    f"Quyết định {rec.text('number')} đã có ở dòng {decisions[key].row}.")
        else:
            decisions[key] = rec
    used = set()
    since = min((r["date"].start for r in decisions.values() if r["date"].ok), default=None)
    own = _own_issuers(data, decisions)
    other_level: list = []
    for rec in data.records.get("awards", []):
        key = doc_number_key(rec.text("decision_number"))
        if not key:
            continue
        decision = decisions.get(key)
        if decision is None and own and doc_issuer(key) and doc_issuer(key) not in own:
            other_level.append(rec)  # a decision of another level (UBND tỉnh, Thủ tướng…): said once, below
            continue
        if decision is None and not _before(rec, since):
            out.add(S.AWARDS, rec, "decision_number", WARNING, "DECISION_NOT_LISTED",
                    f"Quyết định {rec.text('decision_number')} chưa có ở trang '{S.DECISIONS.name}': chưa lập được "
                    "quyết định, giấy khen cho dòng này (bỏ qua nếu là quyết định của cấp khác).")
            continue
        if decision is None:
            continue  # award history from before the sheet was kept
        used.add(key)
        if decision["form"] and rec["form"] and decision["form"] != rec["form"]:
            out.add(S.AWARDS, rec, "form", WARNING, "DECISION_FORM_MISMATCH",
                    f"Quyết định {decision.text('number')} tặng '{decision['form']}', dòng này ghi '{rec['form']}'.")
        count = rec["count"]
        if (isinstance(count, int) and count > 1) or not rec.text("recipient"):
            n = count if isinstance(count, int) and count > 1 else 1
            out.add(S.AWARDS, rec, "recipient", WARNING, "CERTIFICATE_COUNT_ONLY",
                    f"Dòng ghi {count_text(n)} {(rec['recipient_kind'] or 'đối tượng').lower()} mà không kê tên: "
                    "không in được giấy khen. Kê mỗi tập thể, cá nhân một dòng có tên.")
    from .review_check import check_against_review
    check_against_review(out, {k: r for k, r in decisions.items() if k in used})
    if other_level:
        numbers = list(dict.fromkeys(r.text("decision_number") for r in other_level))
        shown = ", ".join(numbers[:5]) + (f" và {len(numbers) - 5} số khác" if len(numbers) > 5 else "")
        out.add(S.AWARDS, other_level[0], "decision_number", WARNING, "DECISION_OTHER_LEVEL",
                f"{count_text(len(other_level))} dòng ghi quyết định của cấp khác ({shown}): được giữ làm lịch sử "
                f"khen thưởng, không cần có ở trang '{S.DECISIONS.name}'; công cụ không lập quyết định, giấy khen "
                "cho các dòng này.")
    for key, rec in decisions.items():
        _authority(out, rec)
        if key in used:
            _before_nd152(out, rec)
            _newer_base_salary(out, rec)
        if key not in used:
            out.add(S.DECISIONS, rec, "number", WARNING, "DECISION_WITHOUT_AWARD",
                    f"Quyết định {rec.text('number')} chưa có ai được khen: ghi số này vào cột 'Số quyết định' "
                    f"ở trang '{S.AWARDS.name}'.")


def _before_nd152(out, rec) -> None:
    """A decision signed before Nghị định 152/2025/NĐ-CP took effect: its prize
    money followed the decree in force then, not the coefficients on Tiêu chuẩn."""
    d = rec["date"]
    if getattr(d, "ok", False) and d.end < ND152_START:
        out.add(S.DECISIONS, rec, "date", WARNING, "DECISION_BEFORE_ND152",
                f"Quyết định {rec.text('number')} ký trước ngày 01/7/2025, khi {ND152} chưa có hiệu lực: hệ số tiền "
                "thưởng ở trang 'Tiêu chuẩn' là mức của Nghị định này. Kiểm tra lại tiền thưởng theo văn bản có hiệu "
                "lực vào ngày ký.")


def _newer_base_salary(out, rec) -> None:
    """The workbook's Lương cơ sở table lacks a level the tool knows to be in
    force on the decision's date (a workbook made before the decree): the
    prize would be computed on the older level."""
    d = rec["date"]
    if not (getattr(d, "ok", False) and d.precision == "day"):
        return
    known = base_salary_on(d.start)
    used = base_salary_on(d.start, base_salaries(out.data))
    if known is not None and used is not None and used.start < known.start and used.amount != known.amount:
        out.add(S.DECISIONS, rec, "date", WARNING, "BASE_SALARY_OUTDATED",
                f"Quyết định {rec.text('number')}: trang '{S.BASE_SALARY.name}' chưa có mức lương cơ sở áp dụng từ "
                f"{known.start:%d/%m/%Y} ({money_figures(known.amount)} đồng, {known.basis}); tiền thưởng đang tính "
                f"theo mức {money_figures(used.amount)} đồng. Thêm dòng này vào trang '{S.BASE_SALARY.name}'.")


def _authority(out, rec) -> None:
    """A decision whose signer cannot grant its form (Luật 06/2022/QH15 Điều 77–80)."""
    from .authority import decision_refusal
    why = decision_refusal(out.data, rec)
    if why:
        column = "authority_title" if rec.text("authority_title") else "signer_title"
        out.add(S.DECISIONS, rec, column, ERROR, "DECISION_AUTHORITY",
                f"Quyết định {rec.text('number')}: {why} Lập tờ trình đề nghị cấp có thẩm quyền (lệnh 'thidua dossier').")
