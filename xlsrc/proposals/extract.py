"""Proposals read from one unit's file: the Danh sách đề nghị sheet of a
thidua workbook, a hand-made Excel list, or the table of a Word file (tờ
trình, danh sách đề nghị). Each row keeps its source (file, sheet or table,
row); what had to be interpreted (the form taken from the title, the kind
from a group row or the name) is said at its cell."""
from __future__ import annotations

import re
from typing import Any, Callable

from .. import schema as S
from ..findings import WARNING, Finding, cell_ref, listed
from ..tables import GROUP_SEPARATOR, HEADER_WINDOW, locate
from ..vntext import bare_name, fold, nfc

SPEC = S.UNIT_PROPOSALS
TITLE_ROWS = 6   # the rows above a hand-made list's header that may hold its title
# 'đề nghị' followed within a few words by what is asked: khen thưởng, tặng, công nhận, xét
# ('đã có văn bản đề nghị UBND tỉnh cho phép lùi …' in a list of works is no proposal)
_PROPOSE = re.compile(r"\bde ?nghi\b(?:\W+\w+){0,4}?\W+(?:khen|tang|cong nhan|xet|truy tang)\b|^to trinh\b")
_GENDER_OF = {"ông": "Nam", "bà": "Nữ"}
_NUMBERING = re.compile(r"\d{1,6}[.)]")
# What tells a person on a list without a 'Đối tượng' column (folded): a degree, a rank or a title of honour typed
# before the name ('ThS. Nguyễn Văn A', 'Thượng tá Lê B', 'BSCKII. Trần C'), or a name that begins with a family name
# and has two to five words, each capitalised ('Nguyễn Thị Hoa'). Said in a warning, never silently.
_TITLE_BEFORE = re.compile(r"^(?:(?:gs|pgs|ts|ths|bs|bscki|bsckii|bsck|ds|ks|kts|cn|ls|ngnd|ngut|ttnd|ttut|nsnd|nsut|"
                           r"dai ta|thuong ta|trung ta|thieu ta|dai uy|thuong uy|trung uy|thieu uy|thuong si|trung si|"
                           r"ha si|thuong tuong|trung tuong|thieu tuong|dai tuong)\s+)+(?=\S+\s+\S)")
SURNAMES = frozenset(fold(n) for n in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Đinh", "Lâm", "Phùng", "Mai", "Tô", "Hà", "Tạ", "Lương", "Lưu",
    "Cao", "Châu", "Chu", "Đồng", "Kiều", "Kim", "La", "Lạc", "Lại", "Mạc", "Nghiêm", "Nông", "Quách", "Quan", "Thái",
    "Thân", "Tôn", "Từ", "Văn", "Vi", "Triệu", "Âu", "Bạch", "Diệp", "Giang", "Khổng", "Khúc", "Lò", "Lục", "Mã",
    "Ông", "Phí", "Sầm", "Tăng", "Thạch", "Tiêu", "Ung", "Viên", "Doãn", "Hứa", "Lã", "Thiều", "Biện", "Cù", "Cấn",
    "Chử", "Đàm", "Đậu", "Hầu", "Kha", "Khương", "Lữ", "Mạnh", "Ninh", "Phó", "Thào", "Giàng", "Sùng", "Vàng", "Lầu"))


def _form_terms() -> list[tuple[str, str]]:
    """(folded spelling, form) of every award form, longest first, so that
    'chien si thi dua cap tinh' wins over 'chien si thi dua'."""
    pairs = []
    for term in S.vocabulary("award_form").terms:
        for name in (term.value,) + term.aliases:
            pairs.append((fold(name), term.value))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


_FORMS = _form_terms()


def form_in_text(text: str) -> str | None:
    """The award form a title or heading names ('DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG
    KHEN CỦA CHỦ TỊCH UBND TỈNH' → Bằng khen …), the longest spelling found as
    whole words; None when it names none."""
    key = f" {fold(text)} "
    for spelling, form in _FORMS:
        if spelling and f" {spelling} " in key:
            return form
    return None


def says_proposal(lines: list[str], headers: dict[str, str] | None = None, sheet: str = "") -> bool:
    """A table is a list of proposals when its title, its sheet's name or its
    form column's header says 'đề nghị' (a list of awards granted does not)."""
    return any(_PROPOSE.search(fold(t)) for t in list(lines) + [sheet] if t) or \
        any(re.search(r"\bde ?nghi\b", fold(t)) for t in (headers or {}).values() if t)


# what says_proposal needs in one text at least, searched in a whole cell (a superset of its searches)
_PROPOSE_WORDS = re.compile(r"de ?nghi|to trinh")


def may_say_proposal(grid, sheet: str) -> bool:
    """Whether a sheet may hold a list that says_proposal accepts: 'đề nghị'
    (or 'tờ trình') in its name or in a text of the rows where a header and
    the title lines above it can stand (tables.HEADER_WINDOW). Cheap: a sheet
    that cannot say it (a list of works) is not searched for a table."""
    return bool(_PROPOSE_WORDS.search(fold(sheet))) or any(
        v.__class__ is str and _PROPOSE_WORDS.search(fold(v)) for row in grid[:HEADER_WINDOW] for v in row)


def locate_proposals(grid, sheet: str, merges=None, bold=None):
    return locate(SPEC, grid, sheet, SPEC.key_column, merges=merges, bold=bold)


def title_form(lines: list[str]) -> tuple[str | None, str]:
    """The form the title lines name, and the line that names it (the nearest
    line to the table first)."""
    for line in reversed(lines):
        form = form_in_text(line)
        if form:
            return form, line
    return None, ""


def proposal_rows(grid, loc, sheet: str, year: int | None, lines: list[str]) -> tuple[list[dict], list, list[Finding]]:
    """Master rows, records and the reader's own notes for one located
    proposals table (``lines``: the title lines above it)."""
    from ..consolidate.extract import table_rows
    rows, _, records = table_rows(SPEC, grid, loc, sheet, year)  # the kind from sections or names: table_rows
    rows, records, notes = _without_returned(grid, rows, records, loc, sheet)
    notes += split_name_and_position(rows, records, loc, sheet)
    strip_honorifics(rows, records)
    if "recipient_kind" not in loc.columns:
        notes += kinds_from_form_and_name(rows, records, loc, sheet)
    if "gender" not in loc.columns:
        notes += _genders_from_columns(grid, rows, records, loc, sheet)
    for row in rows:  # numbering typed '1.', '2)' in a Word list
        order = row.get("order")
        if isinstance(order, str) and _NUMBERING.fullmatch(order.strip()):
            row["order"] = int(order.strip().rstrip(".)"))
    notes += _forms_from_headings(rows, records, loc, sheet, lines)
    return rows, records, notes


# A portal's list of proposals ('Trạng thái: Đã duyệt / Chờ duyệt / Trả lại'): the column that says where a
# proposal stands, and what says it was sent back or refused (folded, at the start of the cell)
_STATUS_HEADER = re.compile(r"^(?:(?:trang thai|tinh trang)(?: (?:ho so|duyet|xet duyet|phe duyet|de nghi|xu ly))?|"
                            r"ket qua (?:xet duyet|tham dinh|duyet|phe duyet|xet))$")
RETURNED = re.compile(r"^(?:da |bi |da bi )?(?:tra lai|tra ve|tu choi|huy|khong (?:duyet|phe duyet|dong y|chap thuan|"
                       r"dat|xet|hop le|de nghi))\b")


def _without_returned(grid, rows: list[dict], records, loc, sheet: str) -> tuple[list[dict], list, list[Finding]]:
    """The rows of a list whose status column says a proposal was sent back
    or refused ('Trả lại', 'Không duyệt', 'Từ chối') are no proposal of the
    unit: they are left out, and said once a table with their rows and the
    statuses read; a pending one ('Chờ duyệt') stays."""
    kept, out, said, c = left_out_by_status(grid, rows, records, loc, RETURNED.match)
    if not said:
        return rows, records, []
    got = sorted(r for rs in said.values() for r in rs)
    values = ", ".join(f"'{v}'" for v in said)
    return kept, out, [Finding(sheet, got[0], loc.extra[c], cell_ref(got[0], c + 1), WARNING, "PROPOSAL_RETURNED",
                               f"Cột '{loc.extra[c]}' ghi {values}: {len(got)} hồ sơ đã bị trả lại hoặc không được "
                               f"duyệt nên không đưa vào danh sách đề nghị: dòng {listed(got)}.")]


def left_out_by_status(grid, rows: list[dict], records, loc, leaves: Callable[[str], Any]
                       ) -> tuple[list[dict], list, dict[str, list[int]], int | None]:
    """The rows and records a portal's status column (a column the schema
    does not know, headed 'Trạng thái', 'Tình trạng hồ sơ', 'Kết quả xét
    duyệt') keeps: those whose status, folded, ``leaves`` says nothing of;
    with the statuses of the rows left out, each with its rows, and the
    column (None when the table has no status column)."""
    status = [c for c, h in loc.extra.items() if _STATUS_HEADER.match(fold(h.rsplit(" - ", 1)[-1]))]
    if not status:
        return rows, records, {}, None
    c = status[0]
    kept, out, said = [], [], {}
    for row, rec in zip(rows, records):
        line = grid[rec.row - 1] if 0 < rec.row <= len(grid) else []
        value = line[c] if c < len(line) else None
        if isinstance(value, str) and leaves(fold(value)):
            said.setdefault(" ".join(nfc(value).split()), []).append(rec.row)
            continue
        kept.append(row)
        out.append(rec)
    return kept, out, said, c


def split_name_and_position(rows: list[dict], records, loc, sheet: str, spec: S.SheetSpec = SPEC,
                            key: str = "position") -> list[Finding]:
    """One column 'Họ và tên, chức vụ, đơn vị' (and no column of its own for
    the position, ``key`` of ``spec``): 'Ông Nguyễn Văn A, Trưởng phòng …' —
    or the position on the cell's next line — is the name, then the
    position (said once). Under a header that names only the names ('Họ và
    tên'), only a person's name so followed is split, at a comma, a dash or
    the cell's first line ('Ông Trần Văn Minh - Giám đốc Sở'), never two
    names in one cell."""
    if key in loc.columns:
        return []
    header = fold(loc.header_texts.get("recipient", ""))
    said = bool(re.search(r"\b(?:chuc vu|chuc danh|don vi)\b", header))
    got = []
    for row, rec in zip(rows, records):
        raw = rec.raw.get("recipient")
        if not isinstance(raw, str):
            continue
        lines = [x.strip() for x in nfc(raw).splitlines() if x.strip()]
        name, _, rest = (lines[0], "", ", ".join(lines[1:])) if len(lines) > 1 else \
            nfc(raw).partition(",") if said else _name_then_more(nfc(raw))
        if not rest.strip() or not name.strip() or not (said or rec.values.get("recipient_kind") != S.COLLECTIVE
                                                        and _a_person_then_no_one(name, rest)):
            continue
        rec.raw["recipient"] = rec.values["recipient"] = row["recipient"] = " ".join(name.split())
        rec.values[key] = row[key] = " ".join(rest.split())
        got.append(rec.row)
    if not got:
        return []
    col = spec.column(key)
    cut = "dấu phẩy đầu" if said else "dấu phẩy hay gạch ngang đầu"
    return [Finding(sheet, got[0], col.header, cell_ref(got[0], loc.excel_col("recipient") or 1), WARNING,
                    "NAME_WITH_POSITION", f"Cột '{loc.header_texts.get('recipient')}' ghi cả tên và chức vụ: "
                    f"{len(got)} dòng lấy tên đến {cut} (hoặc hết dòng đầu của ô), phần sau vào "
                    f"'{col.header}': dòng "
                    f"{listed(got)}.")]


_NAME_THEN = re.compile(r"^(.+?)\s*(?:,|\s[-–]\s)\s*(.+)$", re.S)


def _name_then_more(text: str) -> tuple[str, str, str]:
    """'Trần Văn Minh - Giám đốc Sở' → ('Trần Văn Minh', '-', 'Giám đốc Sở'), cut at the first comma or dash."""
    m = _NAME_THEN.match(text)
    return (m.group(1), "-", m.group(2)) if m else (text, "", "")


def _a_person_then_no_one(name: str, rest: str) -> bool:
    """Whether ``name`` is a person's (Ông/Bà before it, or a family name; not a group's: 'Tổ Toán - Tin') and
    ``rest`` no one's (a second name in the cell is a second person, not a position)."""
    from ..consolidate.extract import name_kind
    bare, honorific = bare_name(name)
    return bool(honorific or person_by_name(bare) and name_kind(name) != S.COLLECTIVE) and \
        not bare_name(rest)[1] and not person_by_name(rest)


def strip_honorifics(rows: list[dict], records) -> None:
    """'Ông Nguyễn Văn A' is the person Nguyễn Văn A (Ông/Bà gives the gender
    when the table has no Giới tính); 'Đ/c', 'Đồng chí' are dropped. A row
    its table calls a collective keeps its name as typed."""
    for row, rec in zip(rows, records):
        name = rec.raw.get("recipient")
        if not isinstance(name, str) or rec.values.get("recipient_kind") == S.COLLECTIVE:
            continue
        bare, honorific = bare_name(name)
        if not honorific:
            continue
        row["recipient"] = rec.values["recipient"] = bare
        rec.values.setdefault("recipient_kind", None)
        if not rec.values.get("recipient_kind"):
            rec.values["recipient_kind"] = row["recipient_kind"] = S.INDIVIDUAL
        gender = _GENDER_OF.get(honorific.lower())
        if gender and not rec.values.get("gender"):
            rec.values["gender"] = row["gender"] = gender


def person_by_name(name: object) -> bool:
    """A name that reads as a person's (see _TITLE_BEFORE, SURNAMES)."""
    if not isinstance(name, str):
        return False
    key = fold(name)
    if _TITLE_BEFORE.match(key):
        return True
    words = nfc(name).split()
    return 2 <= len(words) <= 5 and fold(words[0]) in SURNAMES and all(w[:1].isupper() for w in words)


def kinds_from_form_and_name(rows: list[dict], records, loc, sheet: str) -> list[Finding]:
    """Rows still without a kind (no 'Đối tượng' column, no section, no
    Ông/Bà): the kind the form admits when it admits one ('Chiến sĩ thi đua
    cơ sở': a person), else a person's name; one warning per way."""
    forms = S.vocabulary("award_form")
    said: dict[str, list[int]] = {}
    for row, rec in zip(rows, records):
        if rec.values.get("recipient_kind"):
            continue
        term = forms.lookup(rec.values.get("form") or "")
        if person_by_name(rec.raw.get("recipient")):   # first: a person proposed for a collective's title is an error
            kind, how = S.INDIVIDUAL, "tên người: họ và tên, hoặc học hàm, học vị, cấp bậc trước tên"
        elif term is not None and len(term.recipients) == 1:
            kind, how = term.recipients[0], f"'{term.value}' chỉ tặng cho {term.recipients[0].lower()}"
        else:
            continue
        rec.values["recipient_kind"] = row["recipient_kind"] = kind
        got = said.setdefault(f"{kind.lower()} ({how})", [])
        if rec.row not in got[-1:]:  # a row of two awards once
            got.append(rec.row)
    col = SPEC.column("recipient_kind")   # worded as kind_findings words the Ông/Bà rows
    return [Finding(sheet, got[0], col.header, cell_ref(got[0], loc.excel_col("recipient") or 1), WARNING,
                    "KIND_FROM_NAME", f"Bảng không có cột '{col.header}': {len(got)} dòng được hiểu là {how}: "
                    f"dòng {listed(got)}.") for how, got in said.items()]


def _genders_from_columns(grid, rows: list[dict], records, loc, sheet: str) -> list[Finding]:
    """'Năm sinh' over 'Nam | Nữ', the year typed under one of them: the
    column that holds something gives the gender (one warning a table)."""
    sides = {c: ("Nam" if last == "nam" else "Nữ") for c, h in loc.extra.items()
             if (last := " ".join(h.rsplit(" - ", 1)[-1].split()).lower()) in ("nam", "nữ")}
    if not sides:
        return []
    got: list[int] = []
    for row, rec in zip(rows, records):
        line = grid[rec.row - 1] if 0 < rec.row <= len(grid) else []
        said = {g for c, g in sides.items() if c < len(line) and line[c] is not None and str(line[c]).strip()}
        if len(said) == 1 and not rec.values.get("gender"):
            rec.values["gender"] = row["gender"] = said.pop()
            got.append(rec.row)
    if not got:
        return []
    col = SPEC.column("gender")
    heads = " và ".join(f"'{loc.extra[c]}'" for c in sorted(sides))
    return [Finding(sheet, got[0], col.header, cell_ref(got[0], min(sides) + 1), WARNING, "GENDER_FROM_COLUMN",
                    f"Bảng không có cột '{col.header}': {len(got)} dòng lấy giới tính theo ô có ghi ở cột {heads}: "
                    f"dòng {listed(got)}.")]


def _forms_from_headings(rows: list[dict], records, loc, sheet: str, lines: list[str]) -> list[Finding]:
    """A row without a form (the table has no form column, or its cell is
    blank) takes the form its group row names ('I. Bằng khen của Chủ tịch UBND
    tỉnh'), else the one the title names, with one warning per source."""
    title, title_line = title_form(lines)
    said: dict[tuple[str, str], list[int]] = {}
    column = "form" in loc.columns
    for row, rec in zip(rows, records):
        if column and rec.raw.get("form") not in (None, ""):
            continue
        heading = loc.groups.get(rec.row - 1, "")
        form, where = None, ""
        for part in reversed(heading.split(GROUP_SEPARATOR)) if heading else ():
            form = form_in_text(part)
            if form:
                where = f"dòng nhóm '{part.strip()}'"
                break
        if form is None and title:
            form, where = title, f"tiêu đề '{' '.join(title_line.split())}'"
        if form:
            rec.values["form"] = row["form"] = form
            said.setdefault((where, form), []).append(rec.row)
    col = SPEC.column("form")
    at = loc.excel_col(SPEC.key_column) or 1
    lead = f"Ô '{col.header}' để trống" if column else f"Bảng không có cột '{col.header}'"
    return [Finding(sheet, got[0], col.header, cell_ref(got[0], loc.excel_col("form") or at), WARNING,
                    "FORM_FROM_TITLE", f"{lead}: {len(got)} dòng lấy hình thức '{form}' từ {where}"
                    + (f" (dòng {listed(got)})." if column else "."))
            for (where, form), got in said.items()]


# --------------------------------------------------------------------------
def from_book(book, names: list[str], claimed: set[str], year: int | None, template: bool):
    """The proposals tables of a workbook: its Danh sách đề nghị sheet (a
    thidua workbook) and any unclaimed sheet whose table says it lists
    proposals. Returns (sheet, location, rows, records, notes) per table."""
    from ..consolidate.extract import _title_lines, sheet_merges
    out = []
    for sheet in names:
        own = fold(sheet) == fold(S.PROPOSAL_SHEET)
        if sheet in claimed or (template and not own):  # a thidua workbook lists its proposals in one sheet
            continue
        grid = book.read(sheet)
        if not grid or not (own or may_say_proposal(grid, sheet)):
            continue
        loc = locate_proposals(grid, sheet, sheet_merges(book, sheet))
        if loc is None or not loc.rows:
            continue
        lines = _title_lines(grid[max(0, loc.header_row - TITLE_ROWS):], min(loc.header_row, TITLE_ROWS))
        if not own and not says_proposal(lines, {"form": loc.header_texts.get("form", "")}, sheet):
            continue
        if not own and "form" not in loc.columns and title_form(lines)[0] is None and \
                not any(form_in_text(h) for h in loc.groups.values()):
            continue  # names under a title that asks for nothing in particular: not a list of proposals
        rows, records, notes = proposal_rows(grid, loc, sheet, year, lines)
        out.append((sheet, loc, rows, records, notes))
    return out


def canonical_form(title: object) -> str:
    """One spelling per form or title, to compare a proposal with a review column."""
    term = S.vocabulary("award_form").lookup(nfc(title))
    return term.value if term is not None else fold(title)


def person_key(name: object) -> str:
    """A person's name to compare: without Ông/Bà, a degree or a rank before it."""
    key = fold(bare_name(name)[0])
    return key[_TITLE_BEFORE.match(key).end():] if _TITLE_BEFORE.match(key) else key


def unit_facts(book, names: list[str]) -> dict:
    """What a unit's own thidua workbook says about those it proposes: the
    names on its Cán bộ sheet, and its review's result and reason for each
    person and title (the Rà soát sheet the review wrote)."""
    from ..records import find_sheet
    out: dict[str, Any] = {"staff": [], "review": {}, "review_year": None}
    staff = find_sheet(names, S.STAFF)
    if staff:
        grid = book.read(staff)
        loc = locate(S.STAFF, grid, staff, S.STAFF.key_column)
        if loc is not None:
            c = loc.columns["name"]
            out["staff"] = sorted({person_key(grid[r][c]) for r in loc.rows
                                   if c < len(grid[r]) and isinstance(grid[r][c], str) and grid[r][c].strip()})
    review = next((n for n in names if fold(n) == fold(S.REVIEW_SHEET)), None)
    grid = book.read(review) if review else []
    if grid and len(grid[0]) > 6 and fold(grid[0][0] or "").startswith("ho va ten"):
        from ..review.sheets import REASONS_COLUMN, REVIEW_FIXED
        titles = [(j, canonical_form(t), nfc(t)) for j, t in enumerate(grid[0]) if j >= len(REVIEW_FIXED) and t]
        for row in grid[1:]:
            if not row or not isinstance(row[0], str) or not row[0].strip():
                continue
            reasons = nfc(row[REASONS_COLUMN] if len(row) > REASONS_COLUMN else "") or ""
            for j, form, title in titles:
                result = nfc(row[j]) if j < len(row) and row[j] else ""
                if result:
                    why = next((line.split(":", 1)[1].strip() for line in reasons.splitlines()
                                if fold(line.split(":", 1)[0]) == fold(title)), "")
                    out["review"].setdefault(person_key(row[0]), {})[form] = (result, why)
            if isinstance(row[4] if len(row) > 4 else None, (int, float)):
                out["review_year"] = int(row[4])
    return out
