"""Every figure of the statistical forms, counted from the workbook's rows,
each with the rows it counts (so that a figure can be traced), plus the
yearly Thống kê: awards by year, form and kind, prize money per year, and the
share of Lao động tiên tiến and Chiến sĩ thi đua cơ sở among staff."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .. import schema as S
from ..findings import listed
from ..parsing import DateValue
from ..records import Record, WorkbookData
from ..vntext import fold
from .forms import CENTRAL_UNIT, LENGTHS, LEVEL_FROM_ISSUER, LEVEL_OTHERWISE, Basis, Form, Line, basis_for


@dataclass(frozen=True)
class Item:
    """One thing counted: an award row (its count of recipients) or a movement."""
    sheet: str
    row: int
    unit: str
    name: str
    form: str
    weight: int
    fields: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str:
        return next((v for k, v in self.fields if k == key), "")

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.fields)


@dataclass
class Figure:
    form: str
    row: str
    column: str
    value: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Statistics:
    year: int
    unit: str
    figures: dict[str, dict[tuple[str, str], Figure]]   # form code -> (row, column) -> figure
    notes: list[str]                                      # what could not be counted, and why
    awards_by_form: dict[tuple[str, str], int]           # (form, kind) -> recipients in the year
    items: dict[str, list[Item]]                          # form code -> everything it counts
    basis: Basis                                          # the regime and the forms' status
    movements: dict[str, int] = field(default_factory=dict)                    # kind -> launched in the year
    awards_by_unit: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (unit, form, kind) -> n
    form_notes: dict[str, list[str]] = field(default_factory=dict)   # form code -> the notes its sheet shows
    counting_notes: list[str] = field(default_factory=list)  # how rows were placed in the year (what a report cites)
    award_records: list[Record] = field(default_factory=list, repr=False)   # the award rows counted in the year

    def value(self, form: str, row: str, column: str) -> int:
        return self.figures[form][(row, column)].value

    def as_json(self) -> dict:
        return {"year": self.year, "unit": self.unit, "forms": {
            code: [{"row": r, "column": c, "value": f.value,
                    "rows": [{"sheet": i.sheet, "row": i.row, "unit": i.unit, "name": i.name, "count": i.weight}
                             for i in f.items]} for (r, c), f in figs.items()]
            for code, figs in self.figures.items()},
            "awards": [{"form": f, "kind": k, "count": n} for (f, k), n in sorted(self.awards_by_form.items())],
            "movements": [{"kind": k, "count": n} for k, n in sorted(self.movements.items())],
            "awards_by_unit": [{"unit": u, "form": f, "kind": k, "count": n}
                               for (u, f, k), n in sorted(self.awards_by_unit.items())],
            "regime": self.basis.as_json(), "notes": self.notes}


def _day(value) -> dt.date | None:
    return value.start if isinstance(value, DateValue) and value.ok else None


def award_year(rec: Record, report_year: int | None = None) -> tuple[int | None, str]:
    """The year an award counts in: that of its decision's date, else its
    Năm column, else the workbook's Năm báo cáo (as the report counts a row
    without Năm); how, when not by the date, is said in the notes."""
    d = _day(rec["decision_date"])
    if d is not None:
        return d.year, ""
    if isinstance(rec["year"], int):
        return rec["year"], "year"
    return (report_year, "report") if report_year else (None, "")


def _award_item(rec: Record, sheet: str, submitter: str = "") -> Item:
    kind = rec["recipient_kind"] or ""
    ctype = rec["collective_type"] or ""
    fields = {"recipient_kind": kind, "collective_type": ctype, "person_group": rec["person_group"] or "",
              "award_type": rec["award_type"] or "", "submitter": submitter,
              "collective": "collective" if kind == S.COLLECTIVE and ctype != "Hộ gia đình" else ""}
    count = rec["count"] if isinstance(rec["count"], int) and rec["count"] > 0 else 1
    return Item(sheet, rec.row, rec.text("unit"), rec.text("recipient"), rec["form"] or "", count,
                tuple(sorted(fields.items())))


def months(start: dt.date, end: dt.date) -> int:
    """Calendar months from the month of ``start`` to that of ``end``, both
    counted: 15/01/2026–31/12/2026 is 12."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def length_band(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None or end < start:
        return ""
    n = months(start, end)
    return next(label for label, low, high in LENGTHS if n >= low and (high is None or n < high))


def level_of(issuer: str) -> str:
    """The level that launched a movement, read from its issuer (said in the notes)."""
    key = fold(issuer)
    return next((level for level, pattern in LEVEL_FROM_ISSUER if re.search(pattern, key)), LEVEL_OTHERWISE)


def _movement_item(rec: Record, sheet: str) -> Item:
    level = rec["movement_level"] or ""
    fields = {"movement_kind": rec["movement_kind"] or "", "movement_scope": rec["movement_scope"] or "",
              "length": length_band(_day(rec["date"]), _day(rec["movement_end"])),
              "movement_level": level or level_of(rec.text("issuer")), "level_inferred": "" if level else "yes"}
    return Item(sheet, rec.row, rec.text("unit"), rec.text("summary") or rec.text("number"), "", 1,
                tuple(sorted(fields.items())))


def _selects(line: Line, item: Item) -> bool:
    if line.forms and item.form not in line.forms:
        return False
    if line.key:
        return item.get(line.key) in line.values
    return True


def _fill(form: Form, items: list[Item]) -> dict[tuple[str, str], Figure]:
    """Each cell: the items its row and its column select; a total column
    sums its parts (so that a total always equals what it adds up). Each
    row's items are chosen once, and each cell is counted once."""
    cols = {c.code: c for c in form.columns}
    out: dict[tuple[str, str], Figure] = {}
    for row in form.coded_rows:
        mine = [i for i in items if _selects(row, i)]
        got: dict[str, list[Item]] = {}
        for col in form.columns:
            found = _cell(col, mine, cols, got)
            out[(row.code, col.code)] = Figure(form.code, row.code, col.code, sum(i.weight for i in found), found)
    return out


def _cell(col: Line, mine: list[Item], cols: dict[str, Line], got: dict[str, list[Item]]) -> list[Item]:
    """The items of one row (``mine``) that a column selects, each column once (``got``)."""
    if col.code not in got:
        got[col.code] = ([i for part in col.total_of for i in _cell(cols[part], mine, cols, got)] if col.total_of
                         else [i for i in mine if _selects(col, i)])
    return got[col.code]


def counted(form: Form, items: list[Item]) -> list[Item]:
    """The items a form counts: those one of its columns selects."""
    return [i for i in items if any(_selects(c, i) for c in form.columns if not c.total_of)]


def _form_notes(form: Form, items: list[Item], sheet: str, unit: str) -> list[str]:
    """What a form's rows could not place, and what was inferred, with the rows."""
    notes = []
    for key, blank in (("movement_scope", "'Phạm vi phong trào'"),
                       ("length", "'Ngày kết thúc phong trào' (hoặc kết thúc trước ngày ban hành)")):
        missing = [i.row for i in items if i.has(key) and not i.get(key)]
        codes = [r.code for r in form.rows if r.key == key]
        where = f"{codes[0]}–{codes[-1]}" if codes else ""
        if missing and codes:
            notes.append(f"Biểu {form.code}: {len(missing)} phong trào chưa ghi {blank}: "
                         f"không vào dòng {where} (trang '{sheet}', dòng {_rows(missing)}).")
    inferred = [i for i in items if i.get("level_inferred")]
    if inferred:
        notes.append(f"Biểu {form.code}: {len(inferred)} phong trào chưa ghi 'Cấp phát động': suy ra từ 'Cơ quan ban "
                     f"hành' (trang '{sheet}', "
                     + listed((f"dòng {i.row}: {i.get('movement_level')}" for i in inferred), 12, "; ") + ").")
    vague = [i.row for i in items if i.get("person_group") == "Lãnh đạo, quản lý"]
    if vague:
        notes.append(f"Biểu {form.code}: {len(vague)} dòng ghi 'Nhóm cá nhân' là 'Lãnh đạo, quản lý' (chưa rõ cấp): "
                     f"chỉ tính vào dòng Cá nhân (trang '{sheet}', dòng {_rows(vague)}).")
    if items and any(r.key == "submitter" for r in form.rows):
        side = "bộ, ban, ngành, đoàn thể Trung ương" if items[0].get("submitter") == "central" else \
            "tỉnh, thành phố trực thuộc Trung ương"
        notes.append(f"Biểu {form.code}: tờ trình Thủ tướng Chính phủ tính là của {side}, theo tên đơn vị báo cáo "
                     f"'{unit or 'chưa ghi'}'.")
    return notes


def count(data: WorkbookData, year: int, unit: str = "", as_of: dt.date | None = None) -> Statistics:
    """The year's figures; ``as_of`` (a report's date): decisions dated after
    it are left out, said in the notes."""
    notes: list[str] = []
    records: list[Record] = []
    later: list[int] = []
    submitter = "central" if re.search(CENTRAL_UNIT, fold(unit)) else "province"
    awards_sheet = data.sheet_names.get("awards", S.AWARDS.name)
    plans_sheet = data.sheet_names.get("plans", S.PLANS.name)
    awards: list[Item] = []
    by_year_only: list[int] = []
    by_report: list[int] = []
    undated: list[int] = []
    for rec in data.records.get("awards", []):
        if not rec["form"]:
            continue
        y, how = award_year(rec, data.report_year)
        if y is None:
            undated.append(rec.row)
            continue
        if y != year:
            continue
        d = _day(rec["decision_date"])
        if as_of is not None and d is not None and d > as_of:
            later.append(rec.row)
            continue
        records.append(rec)
        (by_year_only if how == "year" else by_report if how else []).append(rec.row)
        awards.append(_award_item(rec, awards_sheet, submitter))
    if by_year_only:
        notes.append(f"{len(by_year_only)} dòng khen thưởng không có ngày quyết định: tính theo cột 'Năm' (trang "
                     f"'{awards_sheet}', dòng {_rows(by_year_only)}).")
    if by_report:
        notes.append(f"{len(by_report)} dòng khen thưởng không có ngày quyết định và năm: tính vào năm báo cáo "
                     f"{year} của trang '{data.sheet_names.get('info', S.INFO.name)}' (trang '{awards_sheet}', dòng "
                     f"{_rows(by_report)}).")
    if undated:
        notes.append(f"{len(undated)} dòng khen thưởng không có ngày quyết định và năm: không tính (trang "
                     f"'{awards_sheet}', dòng {_rows(undated)}).")
    if later:
        notes.append(f"{len(later)} dòng khen thưởng có ngày quyết định sau ngày báo cáo {as_of:%d/%m/%Y}: không tính "
                     f"(trang '{awards_sheet}', dòng {_rows(later)}).")
    untyped = [i.row for i in awards if not i.get("award_type")]
    if untyped:
        notes.append(f"{len(untyped)} dòng khen thưởng năm {year} chưa ghi 'Loại hình khen thưởng': không vào dòng "
                     f"phương thức khen thưởng nào (trang '{awards_sheet}', dòng {_rows(untyped)}).")
    movements = [_movement_item(rec, plans_sheet) for rec in data.records.get("plans", [])
                 if rec["movement_kind"] and _day(rec["date"]) and _day(rec["date"]).year == year]
    basis = basis_for(year)
    figures, items, form_notes = {}, {}, {}
    award_notes = list(notes)
    for form in basis.forms:
        plans = form.source == S.PLANS.name
        source = counted(form, movements if plans else awards)
        figures[form.code] = _fill(form, source)
        items[form.code] = source
        own = _form_notes(form, source, plans_sheet if plans else awards_sheet, unit)
        outside = [i for i in movements if i not in source] if plans else []
        if outside:   # a level the form has no column for (0701: no column for a unit's own movements)
            own.append(f"Biểu {form.code}: {len(outside)} phong trào có cấp phát động không có cột trong biểu: không "
                       f"tính (trang '{plans_sheet}', "
                       + listed((f"dòng {i.row}: {i.get('movement_level')}" for i in outside), 12, "; ") + ").")
        form_notes[form.code] = own if plans else award_notes + own
        notes += own
    elsewhere = sorted({i.form for i in awards} - {i.form for code in items for i in items[code]})
    if elsewhere and basis.forms:
        note = f"Khen thưởng năm {year} không thuộc biểu nào (cấp cơ sở, của đơn vị): " + ", ".join(elsewhere) + "."
        notes.append(note)
        for form in basis.forms:
            if form.source != S.PLANS.name:
                form_notes[form.code].append(note)
    by_form: dict[tuple[str, str], int] = defaultdict(int)
    by_unit: dict[tuple[str, str, str], int] = defaultdict(int)
    for i in awards:
        kind = i.get("recipient_kind") or UNKNOWN_KIND
        by_form[(i.form, kind)] += i.weight
        by_unit[(i.unit or unit or UNKNOWN_UNIT, i.form, kind)] += i.weight
    launched: dict[str, int] = defaultdict(int)
    for i in movements:
        launched[i.get("movement_kind")] += 1
    return Statistics(year, unit, figures, notes, dict(by_form), items, basis, dict(launched), dict(by_unit),
                      form_notes, award_notes, records)


UNKNOWN_KIND, UNKNOWN_UNIT = "Chưa rõ", "Chưa rõ đơn vị"


def _rows(rows: list[int]) -> str:
    return listed(rows, 12)


# --------------------------------------------------------------------------
TITLE_LDTT, TITLE_CSTDCS = "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"


@dataclass
class Yearly:
    """The Thống kê sheet: over every year the workbook holds."""
    by_year: list[tuple[int, str, str, int]]        # year, form, kind, recipients
    by_unit: list[tuple[int, str, str, int]]        # year, unit, kind, recipients (a master)
    money: list[tuple[int, int, list[str]]]         # year, prize money, decisions that could not be counted
    shares: list[tuple[int, int, str, int, int]]    # year, staff, basis, LĐTT, CSTĐCS


def yearly(data: WorkbookData) -> Yearly:
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    units: dict[tuple[int, str, str], int] = defaultdict(int)
    titles: dict[tuple[int, str], int] = defaultdict(int)
    for rec in data.records.get("awards", []):
        y, _ = award_year(rec, data.report_year)
        if y is None or not rec["form"]:
            continue
        item = _award_item(rec, "")
        kind = item.get("recipient_kind") or UNKNOWN_KIND
        counts[(y, item.form, kind)] += item.weight
        if item.unit:
            units[(y, item.unit, kind)] += item.weight
        ach = rec["year"] if isinstance(rec["year"], int) else y   # a title counts in the year of its achievement
        if item.form in (TITLE_LDTT, TITLE_CSTDCS):
            titles[(ach, item.form)] += item.weight
    years = sorted({y for y, _, _ in counts} | {y for y, _ in titles})
    return Yearly(sorted((y, f, k, n) for (y, f, k), n in counts.items()),
                  sorted((y, u, k, n) for (y, u, k), n in units.items()),
                  _money(data), [(y, *_staff(data, y), titles[(y, TITLE_LDTT)], titles[(y, TITLE_CSTDCS)])
                                 for y in years])


def _staff(data: WorkbookData, year: int) -> tuple[int, str]:
    """Staff in a year: the individuals rated that year (Đánh giá), else the
    Cán bộ list as it is now (said)."""
    rated = {r.text("staff_code") or r.text("subject") for r in data.records.get("ratings", [])
             if r["year"] == year and r["recipient_kind"] == S.INDIVIDUAL}
    if rated:
        return len(rated), f"cá nhân có xếp loại năm {year} (trang Đánh giá)"
    staff = data.records.get("staff", [])
    return len(staff), "danh sách trang Cán bộ hiện nay" if staff else "chưa có danh sách cán bộ"


def _money(data: WorkbookData) -> list[tuple[int, int, list[str]]]:
    """Prize money of the unit's own decisions (the Quyết định sheet), by the
    year of the decision, computed as the decision document computes it."""
    from ..awards.decision import build
    from ..errors import ThiDuaError
    totals: dict[int, int] = defaultdict(int)
    missing: dict[int, list[str]] = defaultdict(list)
    for rec in data.records.get("decisions", []):
        d = _day(rec["date"])
        number = rec.text("number")
        if d is None or not number:
            continue
        try:
            totals[d.year] += build(data, number).total
        except ThiDuaError as exc:
            missing[d.year].append(f"{number}: {exc}")
    return [(y, totals[y], missing[y]) for y in sorted(set(totals) | set(missing))]
