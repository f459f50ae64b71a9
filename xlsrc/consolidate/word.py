"""A unit's Word file (.docx; .doc converted): the tables it holds, read as
a hand-made sheet is — the list of proposals of a tờ trình, the works and
awards tables of a báo cáo's annex, the list of those a decision granted
(consolidate/decision_annex.py) — with the unit and the date taken
from the document's heading. A table straight after one of these, of the
same width and without a header of its own, continues it (the next page)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import schema as S
from ..findings import WARNING, Finding
from ..proposals.extract import SPEC as PROPOSALS, locate_proposals, proposal_rows, says_proposal
from ..tables import locate
from .decision_annex import (annex_title, count_findings, locate_annex, read_annex, section_form_findings,
                             sheet_by_sections)
from .extract import (HAND_MADE_SPECS, _title_lines, after_award_rows, all_left_out, award_kinds, before_award_rows,
                      check_tables, table_rows, without_ungranted)
from .units import facts_from_lines


def _locate(spec: S.SheetSpec, grid, sheet: str, merges, bold, lines: list[str], doc_lines: list[str]):
    if spec is PROPOSALS:
        loc = locate_proposals(grid, sheet, merges, bold)
        if loc is not None and "form" not in loc.columns and \
                not says_proposal(lines + _title_lines(grid, loc.header_row) + doc_lines[:15], loc.header_texts):
            return None  # a list of names that proposes nothing (the council's members, say)
        return loc
    return locate(spec, grid, sheet, spec.key_column, merges=merges, bold=bold)


def _best(grid, sheet: str, merges, bold, lines: list[str], doc_lines: list[str]) -> tuple | None:
    """Of the specs whose header a table matches, the one mapping most columns
    (proposals first, then works: the order of the specs), with the grid it
    was read from (each spec reads its own copy: a table's reading may add
    columns to its rows)."""
    found = []
    for n, spec in enumerate((PROPOSALS,) + HAND_MADE_SPECS):
        own = [list(row) for row in grid]
        loc = _locate(spec, own, sheet, merges, bold, lines, doc_lines)
        if loc is not None and loc.rows:
            found.append((spec, loc, own, len(loc.columns) - 0.5 * n))
    proposed = next((f for f in found if f[0] is PROPOSALS), None)
    if proposed is not None and any(f[0] is S.AWARDS for f in found) and not says_proposal(
            lines + _title_lines(proposed[2], proposed[1].header_row) + doc_lines[:15], proposed[1].header_texts):
        found.remove(proposed)  # who was granted what, and nothing says 'đề nghị': awards (as in a spreadsheet)
    return max(found, key=lambda f: f[3])[:3] if found else None


def from_word(path: str, result: dict[str, Any]) -> None:
    """Fill an extract_file result from a Word file."""
    from ..proposals.word import legacy_note, read_word
    doc = read_word(path)
    result["kind"] = "word"
    result["sha256"] = doc.sha256   # the same bytes sent twice are one file (the master's duplicate check)
    facts = facts_from_lines(_header_lines(doc))
    result["unit_text"] = facts.get("heading_unit") or facts.get("annex_unit") or facts.get("title_unit") or ""
    result["doc_date"] = facts.get("date")
    year = facts.get("year")
    rows: dict[str, list[dict]] = {}
    tables, notes, annexes, decisions = [], [], [], []
    previous = None   # (table, spec, location, lines, annex) of the last table read
    for table in doc.tables:
        sheet = f"Bảng {table.index}"
        grid, merges, offset = table.grid, table.merges, 0
        lines = table.before or (previous[3] if previous else doc.lines[:12])
        bold = (lambda r, c, b=table.bold: (r, c) in b)
        annex = annex_title(table.before, doc.lines)  # a decision's annex: who was granted what
        if annex is None and table.before and previous is not None and previous[4] is not None:
            annex = previous[4].retitled(table.before)  # the same decision's next list, under its own title
        best = locate_annex(grid, sheet, merges, bold, annex) if annex is not None else None
        if best is not None:
            best = (S.AWARDS, *best)
        else:
            annex = None
            best = _best(grid, sheet, merges, bold, lines, doc.lines)
        forms = None   # each row's form, when the list's title or sections say it ('… ĐƯỢC TẶNG GIẤY KHEN')
        if best is None and table.before:
            found = sheet_by_sections(grid, sheet, merges, bold, table.before)
            if found is not None:
                best, forms = (S.AWARDS, found[0], found[1]), found[2]
        if best is None and previous is not None and _continues(previous, table):
            spec, before = previous[1], previous[2]
            head = previous[0].grid[:before.data_start]
            offset = len(head)
            width = max(len(table.grid[0]), max((len(r) for r in head), default=0))
            grid = [list(r) + [None] * (width - len(r)) for r in head + table.grid]
            merges = [m for m in previous[0].merges if m[2] < offset] + \
                     [(a + offset, b, c + offset, d) for a, b, c, d in table.merges]
            annex = previous[4]
            if annex is not None:
                best = locate_annex(grid, sheet, merges, None, annex)
                best = (spec, *best) if best is not None else None
            else:
                loc = _locate(spec, grid, sheet, merges, None, lines, doc.lines)
                best = (spec, loc, grid) if loc is not None and loc.rows else None
        if best is None:
            previous = None
            continue
        spec, loc, grid = best[:3]
        lines = lines + _title_lines(grid, loc.header_row)   # a title typed in the table's own first rows
        if spec is PROPOSALS:
            got, records, said = proposal_rows(grid, loc, sheet, year, lines)
            notes += said
        elif annex is not None:
            got, records, said = read_annex(grid, loc, sheet, year, annex, best[3])
            notes += said
            annexes.append((loc, sheet, records))
            decisions.append(annex.number)
        else:
            second = before_award_rows(spec, grid, loc)
            got, _, records = table_rows(spec, grid, loc, sheet, year)
            got, records, said = after_award_rows(spec, loc, sheet, got, records, second)
            if spec is S.AWARDS:  # a list with a status column: 'Chờ duyệt', 'Trả lại' are no award
                got, records, more = without_ungranted(grid, loc, sheet, got, records)
                said += more
            notes += said
            if forms:
                notes += section_form_findings(loc, sheet, records, forms)
        if offset:  # rows numbered within their own table
            for r in got:
                r["source_row"] -= offset
            for rec in records:
                rec.row -= offset
        if spec is not PROPOSALS and annex is None:
            notes += award_kinds(spec, loc, sheet, got, records)
        tables.append((spec, loc, sheet, records))
        rows.setdefault(spec.key, []).extend(got)
        previous = (table, spec, loc, lines, annex)
    if not any(rows.values()) and (left_out := all_left_out(Path(path).name, [f.as_dict() for f in notes])):
        result.update(status="error", message=left_out)  # every row of its lists not granted, or sent back
        return
    if not any(rows.values()):  # a Word file that lists nothing (a note, a letter): listed, not read
        result["status"] = "skipped"
        result["message"] = (f"Không tìm thấy danh sách đề nghị khen thưởng hay bảng công trình, phần việc trong tệp "
                             f"Word '{Path(path).name}' (cần một bảng có cột 'Họ và tên' hoặc 'Tên tập thể, cá nhân' "
                             f"và cột 'Hình thức, danh hiệu đề nghị', hoặc tiêu đề 'DANH SÁCH ĐỀ NGHỊ TẶNG …'; danh sách "
                             f"kèm theo quyết định khen thưởng, dưới dòng '(Kèm theo Quyết định số … ngày …)'; hoặc "
                             f"bảng có cột 'Tên công trình, phần việc'); bỏ qua tệp này.")
        return
    notes += count_findings(doc.lines, annexes)
    findings = [{**f.as_dict(), "file": path} for f in notes] + check_tables(path, tables)
    if doc.legacy:
        findings.append({**Finding("Bảng 1", 1, "", "A1", WARNING, "LEGACY_ENCODING",
                                   f"Văn bản gõ bằng phông chữ cũ: {legacy_note(doc)}; hãy kiểm tra tên người, "
                                   f"tên đơn vị.").as_dict(), "file": path})
    covered = [key for key in rows if rows[key]]
    if decisions:  # one decision among the unit's others: it replaces only the same decision sent again
        result["parts"] = {"awards": f"awards|{decisions[0] or doc.sha256}"}
    result.update(status="ok", rows={k: v for k, v in rows.items() if v}, covered=covered, findings=findings,
                  errors=sum(f["severity"] == "error" for f in findings))
    result["warnings"] = len(findings) - result["errors"]
    extra = [x for x in (legacy_note(doc), f"chuyển từ .doc bằng {doc.converted_from}" if doc.converted_from else "")
             if x]
    counts = {"unit_proposals": "đề nghị khen thưởng", "works": "công trình, phần việc", "awards": "dòng khen thưởng"}
    said = "; ".join(f"{len(rows[k])} {counts.get(k, k)}" for k in covered)
    result["message"] = said + (f" ({'; '.join(extra)})" if extra else "")


def _header_lines(doc) -> list[str]:
    """The document's heading: the paragraphs before the first table and the
    lines of a first table that is the NĐ 30 header (agency | Quốc hiệu)."""
    lines = list(doc.tables[0].before) if doc.tables else list(doc.lines)
    if not doc.tables:
        return lines[:20]
    first = doc.tables[0]
    if len(first.grid) <= 4:  # the two-column header table of an administrative document
        for row in first.grid:
            for v in row:
                if isinstance(v, str):
                    lines.extend(x for x in v.splitlines() if x.strip())
    return lines + doc.lines[:20]


def _continues(previous, table) -> bool:
    """A table straight after a table read, of the same width, without a
    header of its own: the same list continued on the next page."""
    prev_table = previous[0]
    width = len(prev_table.grid[0]) if prev_table.grid else 0
    return bool(table.grid) and len(table.grid[0]) == width and table.index == prev_table.index + 1 and \
        not any(t.strip() for t in table.before)
