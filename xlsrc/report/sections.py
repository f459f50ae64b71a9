"""The sections an annual report's title announces: "Tổng kết công tác thi
đua, khen thưởng năm 2026 và phương hướng, nhiệm vụ năm 2027" promises a
khen thưởng section (computed from the Khen thưởng sheet: forms, kinds,
counts) and a phương hướng section (the paragraphs typed under that section
on Nội dung). A section the title announces that the template has no place
for, or the data has nothing for, is a warning at the title's cell."""
from __future__ import annotations

import re

from .. import schema as S
from ..completion import Totals
from ..findings import WARNING, Finding, cell_ref
from ..records import WorkbookData
from ..vntext import fold, who

AWARDS_TAG, DIRECTION_TAG = "awards_section", "direction"


def announces_awards(summary: str) -> bool:
    return "khen thuong" in fold(summary)


def announces_direction(summary: str) -> bool:
    return "phuong huong" in fold(summary)


def direction_year(summary: str) -> str:
    """'2027' from '… và phương hướng, nhiệm vụ năm 2027'."""
    m = re.search(r"phuong huong\D*?(\d{4})", fold(summary))
    return m.group(1) if m else ""


def awards_paragraph(totals: Totals) -> str:
    """'Đã tặng Giấy khen cho 02 tập thể và 07 cá nhân; công nhận danh hiệu
    “Lao động tiên tiến” cho 25 cá nhân.': each form once, its kinds counted,
    each with its verb (awards.wording)."""
    from ..awards.wording import granted
    by_form: dict[str, list[int]] = {}
    for g in totals.award_groups:
        counts = by_form.setdefault(g.form, [0, 0])
        counts[0] += g.collectives
        counts[1] += g.individuals
    items = [(form, f"cho {who(*counts)}") for form, counts in by_form.items() if who(*counts)]
    return f"Đã {granted(items)}." if items else ""


def section_context(data: WorkbookData, totals: Totals, narrative, first_number: int) -> dict:
    """The khen thưởng and phương hướng sections of a department's report:
    headings numbered after the sections before them, paragraphs; a section is
    empty (not printed) when the title does not announce it and nobody wrote it."""
    summary = data.info.get("summary") or ""
    n = first_number
    ctx = {AWARDS_TAG: [], "awards_heading": "", DIRECTION_TAG: [], "direction_heading": ""}
    awards = narrative(S.SECTION_AWARDS)
    computed = awards_paragraph(totals)
    if announces_awards(summary) or awards:
        ctx[AWARDS_TAG] = ([computed] if computed else []) + awards
    if ctx[AWARDS_TAG]:
        ctx["awards_heading"] = f"{n}. Công tác khen thưởng:"
        n += 1
    direction = narrative(S.SECTION_DIRECTION)
    if direction:
        year = direction_year(summary)
        ctx[DIRECTION_TAG] = direction
        ctx["direction_heading"] = f"{n}. Phương hướng, nhiệm vụ{' năm ' + year if year else ''}:"
    return ctx


def section_findings(data: WorkbookData, ctx: dict, template_tags: set[str] | None) -> list[Finding]:
    """Warnings at Thông tin's Trích yếu for each section the title announces
    that the template (``template_tags``: the tags it uses) or the data lacks."""
    summary = data.info.get("summary") or ""
    row = data.info_rows.get("summary")
    if row is None:
        return []
    sheet = data.sheet_names.get("info", S.INFO.name)
    out = []

    def warn(code: str, message: str) -> None:
        out.append(Finding(sheet, row, S.INFO.column("summary").header, cell_ref(row, 2), WARNING, code, message,
                           data.source))

    for announced, tag, what, where in (
            (announces_awards(summary), AWARDS_TAG, "công tác khen thưởng",
             f"trang '{S.AWARDS.name}' chưa có dòng khen thưởng nào của năm báo cáo và trang '{S.NARRATIVE.name}' "
             f"chưa có đoạn nào ở mục '{S.SECTION_AWARDS}'"),
            (announces_direction(summary), DIRECTION_TAG, "phương hướng, nhiệm vụ",
             f"trang '{S.NARRATIVE.name}' chưa có đoạn nào ở mục '{S.SECTION_DIRECTION}'")):
        if not announced:
            continue
        if template_tags is not None and tag not in template_tags:
            warn("REPORT_TEMPLATE_SECTION_MISSING",
                 f"Trích yếu nêu {what} nhưng mẫu báo cáo không có mục này (thẻ {{{{ {tag} }}}}): báo cáo sẽ thiếu "
                 "phần mà tên báo cáo hứa. Dùng mẫu mặc định hoặc thêm mục vào mẫu.")
        elif not ctx.get(tag):
            warn("REPORT_SECTION_EMPTY", f"Trích yếu nêu {what} nhưng {where}: báo cáo sẽ thiếu mục này.")
    return out
