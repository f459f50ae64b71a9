"""A unit's decision sent as a Word file (Quyết định khen thưởng, NĐ 30 form):
its annex lists who was granted, under a title such as

    DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN
    (Kèm theo Quyết định số 45/QĐ-SNgV ngày 22 tháng 12 năm 2025 của Giám đốc Sở Ngoại vụ)

with columns for the names and their units but none for the form, the
decision or the achievement. Each row of such a table is an award: it takes
the form the title names, the decision's number and date and the signer the
'Kèm theo' line names, and the achievement the decision's 'Về việc' line
names, each said in one warning for the table (never a silent guess). A list
whose title says 'đề nghị' is a proposal, not an award: not read here."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import schema as S
from ..findings import ERROR, WARNING, Finding, cell_ref, listed
from ..parsing import canonical_doc_number, is_doc_number, parse_date
from ..proposals.extract import form_in_text, locate_proposals, says_proposal, strip_honorifics, title_form
from ..tables import GROUP_SEPARATOR, HEADER_WINDOW, is_total, locate
from ..vntext import fold, nfc, strip_marks
from .extract import _title_lines, award_kinds, heading_kind, table_rows

# "(Kèm theo Quyết định số 45/QĐ-SNgV ngày 22 tháng 12 năm 2025 của Giám đốc Sở Ngoại vụ)", in folded text
_ATTACHED = re.compile(r"\bkem theo quyet dinh\b")
# the same, matched in the line without its marks (any accent typed, or none), its parts cut from the line itself
_REF = re.compile(r"kem\s+theo\s+quyet\s+dinh\s*(?:so\s*:?\s*)?(?P<number>[^\s,;()]*)"
                  r"[\s,;]*(?:ngay\s+(?P<date>.+?))?(?:\s+cua\s+(?P<by>[^()]+?))?\s*\)?\s*$", re.I | re.S)
_ABOUT = re.compile(r"^v[ềe]\s+vi[ệe]c\s+(?P<about>.+)$", re.I | re.S)
_ARTICLE_ONE = re.compile(r"^dieu 1\b")
_COUNTED = {S.COLLECTIVE: re.compile(r"\b(\d+) tap the\b"), S.INDIVIDUAL: re.compile(r"\b(\d+) ca nhan\b")}
_ACHIEVEMENT = re.compile(r"\bth[àa]nh\s+t[íi]ch\b.*$", re.I | re.S)
# the columns an annex may lack, filled from its title and its decision's lines
FILLED = ("form", "recipient_kind", "decision_number", "decision_date", "authority", "field")


@dataclass
class Title:
    """What a decision annex's title lines say."""
    form: str | None
    form_where: str         # where the form was read: "tiêu đề '…'" or "dòng 'Về việc …'"
    number: str             # "" when the line leaves it blank ('Quyết định số …/QĐ-UBND')
    date: object            # a DateValue, or None
    authority: str
    ref_line: str
    field: str
    field_line: str
    kind: str | None = None  # the one kind the title names ('DANH SÁCH CÁ NHÂN …'), if it names one

    def retitled(self, lines: list[str]) -> Title | None:
        """The same decision's next list, under a title of its own and no
        'Kèm theo' line ('DANH SÁCH CÁ NHÂN …' after 'DANH SÁCH TẬP THỂ …'):
        its form and kind as its title names them. None for a list that
        proposes, or whose title names no form (a list of the council's
        members after the annex is no one's award)."""
        form, where, kind = _form_and_kind(lines)
        if form is None or says_proposal(lines):
            return None
        return replace(self, form=form, form_where=where, kind=kind)

    def values(self) -> dict[str, object]:
        return {"form": self.form, "recipient_kind": self.kind, "decision_number": self.number or None,
                "decision_date": self.date.text if self.date is not None else None,
                "authority": self.authority or None, "field": self.field or None}


def annex_title(lines: list[str], doc_lines: list[str]) -> Title | None:
    """The title of a decision's annex (``lines``: the lines right above the
    table, the nearest last), or None when they are not one: no 'Kèm theo
    Quyết định' line, or a list that proposes ('đề nghị'). Its form is None
    when neither the title nor the decision's 'Về việc' names one."""
    ref_line = next((t for t in reversed(lines) if _ATTACHED.search(fold(t))), None)
    if ref_line is None or says_proposal([t for t in lines if t is not ref_line]):
        return None
    about = next((m.group("about") for t in doc_lines if (m := _ABOUT.match(" ".join(nfc(t).split())))), "")
    said = "" if about else _achievement_line(lines, ref_line)
    form, form_where, kind = _form_and_kind(lines)
    if form is None and about:
        form, _ = title_form([about])
        form_where = f"dòng 'Về việc {about}'"
    line = " ".join(nfc(ref_line).split())
    plain = strip_marks(line)
    m = _REF.search(plain)  # it matches: the line folds to one that says 'kem theo quyet dinh'
    source = line if len(plain) == len(line) else plain  # a stray mark dropped: the parts as read
    got = canonical_doc_number(source[m.start("number"):m.end("number")])
    number = got if is_doc_number(got) else ""
    parsed = parse_date(source[m.start("date"):m.end("date")]) if m.group("date") else None
    date = parsed if parsed is not None and parsed.ok and parsed.precision == "day" else None
    by = source[m.start("by"):m.end("by")].strip(" .;,") if m.group("by") else ""
    achievement = _ACHIEVEMENT.search(about or said)
    field = (achievement.group(0) if achievement else about).strip(" .;,()")
    field = field.capitalize() if field.isupper() else field[:1].upper() + field[1:]
    return Title(form, form_where, number, date, by, line, field,
                 f"Về việc {about}" if about else said, kind)


def _achievement_line(lines: list[str], ref_line: str) -> str:
    """The title's line that says the achievement ('Đã có thành tích xuất sắc
    trong phong trào thi đua … năm 2025', under the list's title or in it),
    when no 'Về việc' line is at hand (an annex sent as a spreadsheet); "" if none."""
    return next((" ".join(nfc(t).split()) for t in reversed(lines)
                 if t is not ref_line and _ACHIEVEMENT.search(nfc(t)) and not _ATTACHED.search(fold(t))), "")


def _form_and_kind(lines: list[str]) -> tuple[str | None, str, str | None]:
    """The form the title lines name, where ("tiêu đề '…'"), and the one
    recipient kind that line names ('… TẬP THỂ ĐƯỢC TẶNG …'; None for both)."""
    form, line = title_form(lines)
    return form, f"tiêu đề '{' '.join(line.split())}'", heading_kind(line) if form else None


def locate_annex(grid, sheet: str, merges, bold, title: Title):
    """The annex located as a list of awards, the grid it was read from and
    the keys of the columns added to it: the table's names found as a
    proposals list is (name column, sections, numbering), then the columns it
    lacks of FILLED added at its right, filled on each of its rows from
    ``title``. None when the table lists no one."""
    names = locate_proposals([list(r) for r in grid], sheet, merges, bold)
    if names is None or not names.rows:
        return None
    width = max(len(r) for r in grid)
    values = title.values()
    offered = [k for k in FILLED if values[k] is not None and not (k == "form" and "form" in names.columns)]
    # located once with the key column only (its own, or the title's), to see which columns the table has
    first = _with_columns(grid, width, names, [k for k in offered if k == "form"], values, sheet, merges, bold)
    if first is None:
        return None
    lacking = [k for k in offered if first[0].columns.get(k, width) >= width]  # the table's own column wins
    found = _with_columns(grid, width, names, lacking, values, sheet, merges, bold)
    if found is None:
        return None
    if "field" not in found[0].columns:  # nothing in the file says it: a warning (annex_findings), not an error
        found[0].not_in_source = frozenset({"field"})
    return found + (lacking,)


def _with_columns(grid, width: int, names, keys: list[str], values: dict, sheet: str, merges, bold):
    """The table with a column for each of ``keys`` added at its right (its
    header there, ``values`` on each row the names list holds: one value,
    or a dict of them by row), located as a list of awards; None when it is not one."""
    out = [list(r) + [None] * (width - len(r)) for r in grid]
    header, rows = names.header_row, set(names.rows)
    for key in keys:
        out[header].append(S.AWARDS.column(key).header)
        value = values[key]
        for i in range(len(out)):
            if i != header:
                out[i].append((value.get(i) if isinstance(value, dict) else value) if i in rows else None)
    loc = locate(S.AWARDS, out, sheet, S.AWARDS.key_column, merges=merges, bold=bold)
    return (loc, out) if loc is not None and loc.rows else None


def sheet_annex(grid, sheet: str, merges, bold) -> tuple | None:
    """A spreadsheet sheet that is a decision's annex (the board gets them as
    .xlsx as often as in Word): a '(Kèm theo Quyết định số … ngày … của …)'
    line in the rows above its table. (title, location, grid read, keys of
    the columns taken from the title), or None."""
    for i, row in enumerate(grid[:HEADER_WINDOW]):
        if not any(v.__class__ is str and _ATTACHED.search(fold(v)) for v in row):
            continue
        lines = _title_lines(grid, i + 1)
        title = annex_title(lines, lines)
        found = locate_annex(grid, sheet, merges, bold, title) if title is not None else None
        if found is None or found[0].header_row <= i:
            return None
        loc, read, filled = found
        return title, loc, read, filled
    return None


def sheet_by_sections(grid, sheet: str, merges, bold, above: list[str] = ()) -> tuple | None:
    """A list of awards granted whose forms are its section rows ('I |
    BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH', 'II | GIẤY KHEN …') or its title ('DANH
    SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN'), with no form
    column: (location, grid read, {row: (form, where it was read)}) with a
    form column added, each row's from its section, else from the title when
    the title says the form was granted ('được tặng', 'được công nhận'); None
    unless every row has its form so and nothing above the list says 'đề
    nghị' (a proposal) or 'đăng ký' (the titles a unit's staff register for).
    ``above``: the title's lines above the table (a Word file's paragraphs)."""
    names = locate_proposals([list(r) for r in grid], sheet, merges, bold)
    lines = list(above) + (_title_lines(grid, names.header_row) if names is not None else [])
    if names is None or not names.rows or "form" in names.columns or says_proposal(lines, sheet=sheet) or \
            any(_REGISTERED.search(fold(t)) for t in lines + [sheet]):
        return None
    title, line = title_form(lines) if any(_GRANTED.search(fold(t)) for t in lines) else (None, "")
    forms = {}
    for i in names.rows:
        parts = reversed(names.groups.get(i, "").split(GROUP_SEPARATOR))
        said = next(((form, f"dòng nhóm '{part.strip()}'") for part in parts if (form := form_in_text(part))),
                    (title, f"tiêu đề '{' '.join(line.split())}'") if title else None)
        if said is None:
            return None
        forms[i] = said
    found = _with_columns(grid, max(len(r) for r in grid), names, ["form"], {"form": {i: f for i, (f, _) in
                                                                                     forms.items()}},
                          sheet, merges, bold)
    return (*found, forms) if found is not None else None


# a title that says its list was granted, or that its staff register (folded)
_GRANTED = re.compile(r"\bduoc (?:tang|truy tang|cong nhan|khen thuong|khen|trao tang)\b")
_REGISTERED = re.compile(r"\bdang ky\b")


def section_form_findings(loc, sheet: str, records, forms: dict) -> list[Finding]:
    """One warning for each section (or the title) whose rows took the form it names."""
    said: dict[tuple[str, str], list[int]] = {}
    for rec in records:
        if rec.row - 1 in forms:
            said.setdefault(forms[rec.row - 1], []).append(rec.row)
    col = S.AWARDS.column("form")
    at = loc.excel_col("recipient") or 1
    return [Finding(sheet, got[0], col.header, cell_ref(got[0], at), WARNING, "FORM_FROM_TITLE",
                    f"Bảng không có cột '{col.header}': {len(got)} dòng (dòng {listed(got)}) lấy hình thức '{form}' "
                    f"từ {where}.") for (form, where), got in said.items()]


def annex_findings(loc, sheet: str, records, title: Title, filled: list[str]) -> list[Finding]:
    """One warning a table: which columns its rows took from the title; and
    one when nothing says their achievement (no column, no 'Về việc' line,
    no line of the title saying 'thành tích …')."""
    if not records:
        return []
    rows = [r.row for r in records]
    at = cell_ref(rows[0], loc.excel_col("recipient") or 1)
    out = [Finding(sheet, rows[0], S.AWARDS.column("field").header, at, WARNING, "ANNEX_FIELD_UNSAID",
                   f"Danh sách kèm theo quyết định không ghi thành tích, lĩnh vực (không có cột "
                   f"'{S.AWARDS.column('field').header}', dòng 'Về việc …' hay dòng '… thành tích …'): {len(rows)} "
                   f"dòng (dòng {listed(rows)}) để trống cột này; hãy bổ sung ở sổ tổng hợp nếu cần.")
           ] if "field" in loc.not_in_source else []
    if not filled:
        return out
    heads = ", ".join(f"'{S.AWARDS.column(k).header}'" for k in filled)
    sources = [f"{what} '{said}' từ {title.form_where}" for key, what, said in (
        ("form", "hình thức", title.form), ("recipient_kind", "đối tượng", title.kind)) if key in filled]
    from_ref = [said for key, said in (("decision_number", "số quyết định"), ("decision_date", "ngày quyết định"),
                                      ("authority", "người ký")) if key in filled]
    if from_ref:
        sources.append(f"{', '.join(from_ref)} từ dòng '{title.ref_line}'")
    if "field" in filled:
        sources.append(f"thành tích từ dòng '{title.field_line}'")
    return [Finding(sheet, rows[0], S.AWARDS.column(filled[0]).header, at, WARNING, "AWARD_FROM_DECISION_TITLE",
                    f"Danh sách kèm theo quyết định, bảng không có cột {heads}: {len(rows)} dòng "
                    f"(dòng {listed(rows)}) lấy {'; '.join(sources)}.")] + out


def read_annex(grid, loc, sheet: str, year, title: Title, filled: list[str]):
    """Master rows, records and notes of a located annex: its rows read as a
    list of awards ('Ông'/'Bà' before a name gives the gender, then goes; a
    row without a kind takes the one its form admits, or a person's name's)."""
    rows, _, records = table_rows(S.AWARDS, grid, loc, sheet, year)
    strip_honorifics(rows, records)
    notes = annex_findings(loc, sheet, records, title, filled)
    notes += award_kinds(S.AWARDS, loc, sheet, rows, records)  # 'Lao động tiên tiến': a person, whoever is named
    return rows, records, notes


_TOTAL_ONLY = re.compile(r"^(?:tong cong|tong so|tong|cong)\s+(\d+)(?:\s+(?:nguoi|dong|truong hop|tap the ca nhan))?$")
_BELOW = 5  # the rows under a list where its total row may stand


def total_row_findings(grid, loc, sheet: str, records) -> list[Finding]:
    """An error when the total row under a list of awards counts otherwise
    than the list ('Tổng cộng: 15 cá nhân, 3 tập thể' under 2 names, 'Tổng
    cộng: 04' under 3 rows): a row or a page lost, a row hidden, or the total
    mistyped; the rows read are still taken. A list of counts by kind is not one."""
    if loc.by_kind or not records:
        return []
    last = max(loc.rows)
    for r in range(last + 1, min(len(grid), last + 1 + _BELOW)):
        text = next((v for v in grid[r] if is_total(v)), None)
        if text is None:
            continue
        key = fold(text)
        said = {kind: int(m.group(1)) for kind, rx in _COUNTED.items() if (m := rx.search(key))}
        found = {kind: sum(_counted(rec) for rec in records if rec["recipient_kind"] == kind) for kind in said}
        if not said and (m := _TOTAL_ONLY.match(key)):
            said, found = {"": int(m.group(1))}, {"": sum(map(_counted, records))}
        if said == found:
            return []
        shown = " và ".join(f"{n:02d} {kind.lower() or 'dòng'}" for kind, n in found.items())
        at = loc.excel_col("recipient") or 1
        return [Finding(sheet, r + 1, S.AWARDS.column("recipient").header, cell_ref(r + 1, at), ERROR,
                        "TOTAL_DIFFERS", f"Dòng tổng '{' '.join(nfc(text).split())}' (dòng {r + 1}) đếm khác danh "
                        f"sách, danh sách đọc được có {shown}: hãy kiểm tra danh sách (thiếu dòng, dòng bị ẩn, trang "
                        f"khác) hoặc số ghi ở dòng tổng trong tệp gốc; các dòng đọc được vẫn vào sổ.")]
    return []


def _counted(rec) -> int:
    """The awards one row counts: its 'Số lượng' when a number above 0, else 1."""
    n = rec["count"]
    return n if isinstance(n, int) and n > 0 else 1


def count_findings(doc_lines: list[str], tables: list[tuple]) -> list[Finding]:
    """An error when Điều 1 of the decision counts otherwise than its annex
    ('Tặng Giấy khen cho 02 tập thể và 05 cá nhân' over a list of 6): a row
    or a page lost, or a count mistyped. ``tables``: (location, sheet,
    records) of each annex table read."""
    line = next((" ".join(nfc(t).split()) for t in doc_lines if _ARTICLE_ONE.match(fold(t))), "")
    said = {kind: int(m.group(1)) for kind, rx in _COUNTED.items() if (m := rx.search(fold(line)))}
    if not said or not tables:
        return []
    in_list = {kind: sum(r["recipient_kind"] == kind for *_, records in tables for r in records) for kind in said}
    if in_list == said:
        return []
    loc, sheet, records = tables[0]
    first = records[0].row if records else loc.header_row + 1
    counts = " và ".join(f"{n:02d} {kind.lower()}" for kind, n in said.items())
    found = " và ".join(f"{n:02d} {kind.lower()}" for kind, n in in_list.items())
    return [Finding(sheet, first, S.AWARDS.column("recipient_kind").header,
                    cell_ref(first, loc.excel_col("recipient") or 1), ERROR, "ANNEX_COUNT_DIFFERS",
                    f"Điều 1 của quyết định ghi {counts} ('{line[:160]}'), danh sách kèm theo có {found}: hãy "
                    f"kiểm tra danh sách (thiếu dòng, thiếu trang) hoặc số ghi ở Điều 1 trong tệp gốc.")]
