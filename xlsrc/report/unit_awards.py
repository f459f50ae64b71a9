"""The consolidated report's table of awards by unit (issue 21 §2): a row per
unit, a column per award form and kind present in the report's year, a Tổng
số column and a Tổng cộng row, all from the year's statistics
(``Statistics.awards_by_unit``, the count ``thidua statistics`` makes).

The columns depend on the data, so the table is built after rendering where
the template printed ``{{ awards_by_unit }}`` (a token, like the chart). When
the forms do not fit the width of the page they are split over several
tables of the same rows, a form never split from its kinds; the last table
carries the Tổng số column."""
from __future__ import annotations

from dataclasses import dataclass

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.shared import Cm, Pt

from .. import schema as S
from .docx_form import cell_margins, cell_text as _cell_text, grid_table, repeat_header
from .plain import clean_text

TEXT_CM = 16.2          # the width of the portrait page between its margins (docx_form.setup_document), as the unit table
TT_CM, UNIT_MIN_CM, UNIT_MAX_CM, COUNT_CM, COUNT_MAX_CM, TOTAL_CM = 0.9, 3.6, 6.0, 1.4, 2.4, 1.5
HEAD_PT, BODY_PT = 10, 11
KINDS = (S.COLLECTIVE, S.INDIVIDUAL, "Chưa rõ")
TOTAL_LABEL, TOTAL_ROW = "Tổng số", "Tổng cộng"


def cell_text(cell, text: str, **kw) -> None:
    """Every text of the table cleaned as the template's data is (no token
    delimiter: a unit's name can never place an annex row or a picture)."""
    _cell_text(cell, clean_text(text), **kw)


@dataclass(frozen=True)
class UnitAwards:
    year: int
    units: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]      # (form, kind), forms in the law's order, kinds as KINDS
    counts: dict[tuple[str, str, str], int]   # (unit, form, kind) -> recipients

    def cell(self, unit: str, column: tuple[str, str]) -> int:
        return self.counts.get((unit, *column), 0)

    def unit_total(self, unit: str) -> int:
        return sum(self.cell(unit, c) for c in self.columns)

    def column_total(self, column: tuple[str, str]) -> int:
        return sum(self.cell(u, column) for u in self.units)

    def grand_total(self) -> int:
        return sum(self.counts.values())


def unit_awards(stats, units: list[str]) -> UnitAwards:
    """The table's data: ``units`` in the order of the report's unit table,
    then any other unit the statistics count awards for."""
    order = {f: i for i, f in enumerate(S.vocabulary("award_form").values)}
    present = {(f, k) for (_, f, k), n in stats.awards_by_unit.items() if n}
    columns = sorted(present, key=lambda c: (order.get(c[0], len(order)), c[0],
                                             KINDS.index(c[1]) if c[1] in KINDS else len(KINDS)))
    extra = [u for u, _, _ in stats.awards_by_unit if u not in units]
    return UnitAwards(stats.year, tuple(dict.fromkeys([*units, *extra])), tuple(columns), dict(stats.awards_by_unit))


def chunks(columns: tuple[tuple[str, str], ...]) -> list[list[tuple[str, str]]]:
    """The columns split into tables that fit the page: consecutive forms, a
    form with all its kinds, each table with room for TT, Đơn vị and Tổng số."""
    room = int((TEXT_CM - TT_CM - UNIT_MIN_CM - TOTAL_CM) // COUNT_CM)
    out: list[list[tuple[str, str]]] = [[]]
    for form in dict.fromkeys(f for f, _ in columns):
        group = [c for c in columns if c[0] == form]
        if out[-1] and len(out[-1]) + len(group) > room:
            out.append([])
        out[-1].extend(group)
    return out


def _merge(table, row: int, first: int, last: int, text: str) -> None:
    cell = table.cell(row, first).merge(table.cell(row, last)) if last > first else table.cell(row, first)
    cell_text(cell, text, bold=True, size=HEAD_PT)


def _table(doc, ua: UnitAwards, columns: list[tuple[str, str]], with_total: bool):
    n = len(columns)
    room = TEXT_CM - TT_CM - (TOTAL_CM if with_total else 0)          # for the unit and the counts
    # the counts share what a unit column of UNIT_MAX_CM leaves, within [COUNT_CM, COUNT_MAX_CM]; the unit the rest
    count_cm = max(COUNT_CM, min(COUNT_MAX_CM, (room - UNIT_MAX_CM) / n)) if n else COUNT_CM
    unit_cm = room - n * count_cm
    widths = [TT_CM, unit_cm] + [count_cm] * n + ([TOTAL_CM] if with_total else [])
    table = grid_table(doc, 2 + len(ua.units) + 1, len(widths), widths)
    cell_margins(table, 0.08)
    for c, label in ((0, "TT"), (1, "Đơn vị")) + (((len(widths) - 1, TOTAL_LABEL),) if with_total else ()):
        merged = table.cell(0, c).merge(table.cell(1, c))
        cell_text(merged, label, bold=True, size=HEAD_PT)
    c = 2
    for form in dict.fromkeys(f for f, _ in columns):
        kinds = [k for f, k in columns if f == form]
        _merge(table, 0, c, c + len(kinds) - 1, form)
        for k in kinds:
            cell_text(table.cell(1, c), k, bold=True, size=HEAD_PT)
            c += 1
    for r in (0, 1):
        repeat_header(table.rows[r])
        for cell in table.rows[r].cells:
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for i, unit in enumerate(ua.units, start=1):
        values = [str(i), unit] + [str(ua.cell(unit, col)) for col in columns]
        values += [str(ua.unit_total(unit))] if with_total else []
        for c, v in enumerate(values):
            cell_text(table.cell(1 + i, c), v, size=BODY_PT, align="left" if c == 1 else "center")
    totals = ["", TOTAL_ROW] + [str(ua.column_total(col)) for col in columns]
    totals += [str(ua.grand_total())] if with_total else []
    for c, v in enumerate(totals):
        cell_text(table.cell(1 + len(ua.units) + 1, c), v, bold=True, size=BODY_PT,
                  align="left" if c == 1 else "center")
    return table


def place(doc, paragraph, ua: UnitAwards) -> None:
    """The table(s) put before ``paragraph`` (the token's, which the renderer
    then removes); nothing when no award was counted (the text says so)."""
    parts = chunks(ua.columns) if ua.columns else []
    for i, columns in enumerate(parts):
        if i:  # a paragraph between two tables, or Word joins them
            p = doc.add_paragraph()
            run = p.add_run("(tiếp theo)")
            run.italic, run.font.size = True, Pt(12)
            p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(6), Pt(0)
            p.paragraph_format.keep_with_next = True
            paragraph.addprevious(p._p)
        table = _table(doc, ua, columns, with_total=i == len(parts) - 1)
        table.rows[0].height = Cm(0.8)
        paragraph.addprevious(table._tbl)
    if parts:  # a gap of 6 pt under the last table, before the next heading
        gap = doc.add_paragraph()
        gap.paragraph_format.space_before, gap.paragraph_format.space_after = Pt(0), Pt(0)
        gap.paragraph_format.line_spacing = Pt(6)
        paragraph.addprevious(gap._p)
