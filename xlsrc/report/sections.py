"""The sections an annual report's title announces: "Tổng kết công tác thi
đua, khen thưởng năm 2026 và phương hướng, nhiệm vụ năm 2027" promises a
khen thưởng section (the year's statistics, xlsrc/statistics/count.py: the
movements launched by kind, the awards by form and kind) and a phương hướng section (the paragraphs typed under that section
on Nội dung). A section the title announces that the template has no place
for, or the data has nothing for, is a warning at the title's cell."""
from __future__ import annotations

import re

from collections.abc import Mapping

from .. import schema as S
from ..findings import WARNING, Finding, cell_ref
from ..records import WorkbookData
from ..vntext import count_text, fold, who

AWARDS_TAG, DIRECTION_TAG = "awards_section", "direction"


def announces_awards(summary: str) -> bool:
    return "khen thuong" in fold(summary)


def announces_direction(summary: str) -> bool:
    return "phuong huong" in fold(summary)


def direction_year(summary: str) -> str:
    """'2027' from '… và phương hướng, nhiệm vụ năm 2027'."""
    m = re.search(r"phuong huong\D*?(\d{4})", fold(summary))
    return m.group(1) if m else ""


def awards_paragraph(awards_by_form: Mapping[tuple[str, str], int]) -> str:
    """'Đã tặng Giấy khen cho 02 tập thể và 07 cá nhân; công nhận danh hiệu
    “Lao động tiên tiến” cho 25 cá nhân.': each form once, its kinds counted,
    each with its verb (awards.wording); the counts are the statistics'
    (``Statistics.awards_by_form``: (form, kind) -> recipients)."""
    from ..awards.wording import granted
    by_form: dict[str, list[int]] = {}
    for (form, kind), n in awards_by_form.items():
        counts = by_form.setdefault(form, [0, 0])
        if kind in (S.COLLECTIVE, S.INDIVIDUAL):
            counts[kind == S.INDIVIDUAL] += n
    items = [(form, f"cho {who(*counts)}") for form, counts in by_form.items() if who(*counts)]
    return f"Đã {granted(items)}." if items else ""


def movements_sentence(movements: Mapping[str, int], unit: str, year: int) -> str:
    """'Trong năm 2026, Sở … đã phát động 03 phong trào thi đua, gồm 01 phong
    trào thường xuyên và 02 phong trào theo đợt hoặc chuyên đề.' from the
    statistics (``Statistics.movements``: kind -> movements launched)."""
    total = sum(movements.values())
    if not total:
        return ""
    kinds = [(k, movements[k]) for k in S.vocabulary("movement_kind").values if movements.get(k)]
    lead = f"Trong năm {year}, {unit + ' ' if unit else ''}đã phát động {count_text(total)} phong trào thi đua"
    if len(kinds) == 1:
        return f"{lead} {kinds[0][0].lower()}."
    return lead + ", gồm " + " và ".join(f"{count_text(n)} phong trào {k.lower()}" for k, n in kinds) + "."


def section_context(data: WorkbookData, stats, narrative, first_number: int) -> dict:
    """The khen thưởng and phương hướng sections of a department's report:
    headings numbered after the sections before them, paragraphs; a section is
    empty (not printed) when the title does not announce it and nobody wrote it.
    ``stats``: the report year's ``Statistics`` (None without a year)."""
    summary = data.info.get("summary") or ""
    n = first_number
    ctx = {AWARDS_TAG: [], "awards_heading": "", DIRECTION_TAG: [], "direction_heading": ""}
    awards = narrative(S.SECTION_AWARDS)
    movements = movements_sentence(stats.movements, data.info.get("unit_name") or "", stats.year) if stats else ""
    computed = [t for t in (movements, awards_paragraph(stats.awards_by_form) if stats else "") if t]
    if announces_awards(summary) or awards:
        ctx[AWARDS_TAG] = computed + awards
    if ctx[AWARDS_TAG]:
        ctx["awards_heading"] = f"{n}. Công tác {'thi đua, ' if movements else ''}khen thưởng:"
        n += 1
    direction = narrative(S.SECTION_DIRECTION)
    if direction:
        year = direction_year(summary)
        ctx[DIRECTION_TAG] = direction
        ctx["direction_heading"] = f"{n}. Phương hướng, nhiệm vụ{' năm ' + year if year else ''}:"
    return ctx


def section_findings(data: WorkbookData, ctx: dict, template_tags: set[str] | None,
                     statistics_notes: list[str] = ()) -> list[Finding]:
    """Warnings at Thông tin's Trích yếu for each section the title announces
    that the template (``template_tags``: the tags it uses) or the data lacks,
    and for each way the statistics the khen thưởng section cites were
    interpreted (``statistics_notes``: rows counted by their Năm or the
    report's year, rows left out), when that section is printed."""
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
    if ctx.get(AWARDS_TAG) and (template_tags is None or AWARDS_TAG in template_tags):
        for note in statistics_notes:
            warn("REPORT_STATISTICS_NOTE", f"Số liệu mục công tác khen thưởng (như biểu thống kê): {note}")
    return out
