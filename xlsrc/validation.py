"""Validation rules. Each finding names the sheet, row and column, carries a
severity and a stable code, and says in Vietnamese what is wrong."""
from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import compress, repeat
from operator import gt
from typing import Iterator, Sequence

from . import schema as S
from .findings import ERROR, SEVERITY_VN, WARNING, Finding, cell_ref, listed  # noqa: F401  (re-exported)
from .parsing import (DateValue, Progress, canonical_doc_number, day_month_parts, is_doc_number, is_draft_doc_number,
                      holds_percent, is_grouped_thousands, is_order_label, split_number_date)
from .access.isolated import WHILE_READING
from .bulk import bulk_objects
from .records import NUMBER_DATES, Columns, Record, WorkbookData, as_text, once_each
from .vntext import fold, nfc

# vocabularies whose value decides a legal answer: reading another spelling is said
INTERPRETED_SAID = ("rating",)


class _Collector:
    def __init__(self, data: WorkbookData):
        self.data = data
        self.findings: list[Finding] = []
        self._places: dict[tuple[str, str, bool], tuple[str, int | None, str]] = {}

    def add(self, spec: S.SheetSpec, rec_or_row, key: str, severity: str, code: str, message: str):
        is_record = isinstance(rec_or_row, Record)
        place = self._places.get((spec.key, key, is_record))
        if place is None:  # the sheet, the column's place and header: the same for every row of a column
            loc = self.data.locations.get(spec.key)
            place = self._places[(spec.key, key, is_record)] = (
                self.data.sheet_names.get(spec.key, spec.name),
                (loc.excel_col(key) if loc else None) if is_record else 2,  # Thông tin: the value is in column B
                spec.column(key).header if key else "")
        sheet, col_idx, column = place
        if is_record:
            row = rec_or_row.row
            if rec_or_row.cols and key in rec_or_row.cols:
                col_idx = rec_or_row.cols[key] + 1
        else:
            row = rec_or_row
        cell = cell_ref(row, col_idx) if col_idx else f"{row}"
        self.findings.append(Finding(sheet, row, column, cell, severity, code, message, self.data.source))


def _is_empty(value) -> bool:
    if isinstance(value, DateValue):
        return value.empty
    if isinstance(value, Progress):
        return value.value is None and not value.text
    return value is None or value == "" or value == []


def _date_as_typed(value) -> bool:
    return value.__class__ is DateValue and value.start is not None and not value.note


def _progress_as_typed(value) -> bool:
    return value.__class__ is Progress and value.value is not None and 0 <= value.value <= 100 \
        and not value.interpreted


def value_findings(col: S.Column, value) -> list[tuple[str, str, str]]:
    """(severity, code, message) for a parsed date or progress value: what
    could not be read, and what had to be interpreted. Shared by the
    validator and the consolidator (which places them at the source cell)."""
    if _date_as_typed(value) or _progress_as_typed(value):  # the common case: read as typed
        return []
    if col.kind == S.DATE and isinstance(value, DateValue) and not value.empty:
        if not value.ok:
            hint = (" Ô chỉ ghi tháng cần biết năm: nhập 'Ngày ban hành' hoặc 'Năm báo cáo' ở trang Thông tin."
                    if "thang" in value.text.lower() or "tháng" in value.text.lower() else "")
            return [(ERROR, "DATE_UNREADABLE",
                     f"Không đọc được ngày '{value.text}'. Nhập dd/mm/yyyy, 'Tháng 4/2021', 'Quý II/2021' hoặc "
                     f"'Năm 2021'.{hint}{' ' + value.note if value.note else ''}")]
        if value.note:
            return [(WARNING, "DATE_INTERPRETED", value.note + " Hãy kiểm tra và ghi rõ ngày.")]
    if col.kind == S.PROGRESS and isinstance(value, Progress) and not _is_empty(value):
        if value.value is None:
            said = f" Hiểu là tình trạng '{value.status}'." if value.status else ""
            figure = ("có số % nhưng không rõ là phần đã làm được (dự kiến, mục tiêu, hay nhiều số), nên không đọc"
                      if holds_percent(value.text) else "không có tỷ lệ %")
            return [(WARNING, "PROGRESS_TEXT", f"Tiến độ ghi bằng lời, {figure}; nội dung được giữ làm ghi chú.{said}")]
        if not 0 <= value.value <= 100:
            return [(ERROR, "PROGRESS_OUT_OF_RANGE", f"Tiến độ {value.value:g}% nằm ngoài khoảng 0–100%."
                     f"{' ' + value.interpreted if value.interpreted else ''}")]
        if value.interpreted:
            return [(WARNING, "PROGRESS_AMBIGUOUS", value.interpreted)]
    return []


class _Recorder:
    """What _check_cell would add for one cell, to be said again for every
    cell of the same value (the row and sheet are filled in when replayed)."""

    def __init__(self):
        self.calls: list[tuple] = []

    def add(self, spec, where, key, severity, code, message) -> None:
        self.calls.append((key, severity, code, message))


def _check_cell(out: "_Collector | _Recorder", spec: S.SheetSpec, where, col: S.Column, value, raw) -> None:
    header = col.header
    # an INT cell whose text is not a number parses to None but is not empty
    empty = _is_empty(value) and not (col.kind in (S.INT, S.NUMBER) and nfc(raw))
    if col.required and empty:
        out.add(spec, where, col.key, ERROR, "REQUIRED_EMPTY", f"Chưa nhập '{header}' (bắt buộc).")
        return
    if empty:
        return
    if col.kind in (S.DATE, S.PROGRESS):
        for severity, code, message in value_findings(col, value):
            out.add(spec, where, col.key, severity, code, message)
    if col.kind == S.NUMBER and value is None:
        out.add(spec, where, col.key, ERROR, "NUMBER_UNREADABLE", f"'{nfc(raw)}' không phải số (ví dụ 12,5).")
    elif col.kind == S.NUMBER and is_grouped_thousands(raw):
        out.add(spec, where, col.key, WARNING, "NUMBER_THOUSANDS",
                f"'{nfc(raw).strip()}' được đọc theo cách viết Việt Nam (dấu chấm ngăn cách hàng nghìn) là "
                f"{value:f}; nếu là số thập phân, dùng dấu phẩy (ví dụ 1,5).")
    elif col.kind == S.INT and value is None and raw not in (None, "") and not (col.labels and is_order_label(raw)):
        out.add(spec, where, col.key, ERROR, "NUMBER_UNREADABLE", f"'{nfc(raw)}' không phải số nguyên.")
    elif col.kind == S.DOC_NUMBER and not is_doc_number(value) and not (
            spec is S.INFO and col.key == "doc_number" and is_draft_doc_number(value)):
        out.add(spec, where, col.key, ERROR, "DOC_NUMBER_FORMAT",
                f"Số, ký hiệu '{nfc(raw)}' không đúng dạng (ví dụ 84/KH-SNgV, 244/2020/NQ-HĐND).")
    elif col.vocab and S.vocabulary(col.vocab).lookup(value) is None:
        if col.vocab == "award_form":
            out.add(spec, where, col.key, ERROR, "AWARD_FORM_UNKNOWN",
                    f"'{value}' không có trong danh mục hình thức, danh hiệu của Luật Thi đua, Khen thưởng 2022. "
                    "Chọn trong danh sách thả xuống.")
        elif col.vocab == "recipient_kind":
            out.add(spec, where, col.key, ERROR, "RECIPIENT_KIND_UNKNOWN",
                    f"Đối tượng '{value}' phải là 'Tập thể' hoặc 'Cá nhân'.")
        else:
            allowed = ", ".join(S.vocabulary(col.vocab).values)
            out.add(spec, where, col.key, WARNING, "CHOICE_UNKNOWN",
                    f"'{value}' không có trong danh mục ({allowed}).")
    elif col.vocab in INTERPRETED_SAID and isinstance(raw, str) and fold(raw) != fold(value):
        # a rating typed off the list ('Hoàn thành tốt') is read as the nearest value, and said at its cell
        out.add(spec, where, col.key, WARNING, "CHOICE_INTERPRETED",
                f"'{nfc(raw).strip()}' không có trong danh sách; đọc là '{value}'. Chọn trong danh sách thả xuống.")


NOT_FROM_TEMPLATE = (f"Tệp không phải sổ làm từ mẫu (không có trang '{S.INFO.name}', '{S.WORKS.name}'…), nên không "
                     "đọc được công trình nào. Tạo sổ bằng 'thidua new' rồi chép dữ liệu sang; bảng tự lập (phụ lục) "
                     "của đơn vị thì Ban Thi đua - Khen thưởng đọc được bằng 'thidua consolidate'.")


def from_template(data: WorkbookData) -> bool:
    """The workbook has any sheet of the template (a hand-made annex has none)."""
    return bool(data.sheet_names)


def _check_info(out: _Collector) -> None:
    data = out.data
    if "info" not in data.sheet_names:
        out.findings.append(Finding(S.INFO.name, 1, "", "A1", ERROR, "SHEET_MISSING",
                                    f"Thiếu trang '{S.INFO.name}'." if from_template(data) else NOT_FROM_TEMPLATE,
                                    data.source))
        return
    for col in S.INFO.columns:
        row = data.info_rows.get(col.key)
        if row is None:
            if col.required:
                out.findings.append(Finding(data.sheet_names["info"], 1, col.header, "A1", ERROR, "REQUIRED_EMPTY",
                                            f"Trang Thông tin thiếu dòng '{col.header}' (bắt buộc).", data.source))
            continue
        _check_cell(out, S.INFO, row, col, data.info.get(col.key), data.info_raw.get(col.key))
    if "signer_name" in data.info_rows and not data.info.get("signer_name"):
        out.add(S.INFO, data.info_rows["signer_name"], "signer_name", WARNING, "SIGNER_NAME_EMPTY",
                "Chưa nhập 'Người ký': báo cáo để trống chỗ ghi họ tên người ký.")
    doc_date = data.info.get("doc_date")
    if isinstance(doc_date, DateValue) and doc_date.ok and doc_date.precision != "day" \
            and "doc_date" in data.info_rows:
        out.add(S.INFO, data.info_rows["doc_date"], "doc_date", ERROR, "REPORT_DATE_NO_DAY",
                f"Ngày ban hành '{doc_date.text}' chưa có ngày: báo cáo phải ghi đủ ngày, tháng, năm "
                f"(ví dụ 18/11/2021); trạng thái công trình được tính theo ngày này.")
    known = {r.text("number") for r in data.plans}
    for key in ("basis", "registration"):
        numbers = data.info.get(key) or []
        numbers = numbers if isinstance(numbers, list) else [numbers]
        for number in numbers:
            if number and is_doc_number(number) and canonical_doc_number(number) not in known \
                    and key in data.info_rows:
                out.add(S.INFO, data.info_rows[key], key, WARNING, "DOC_NOT_LISTED",
                        f"Văn bản {number} chưa có ở trang Kế hoạch; báo cáo sẽ chỉ ghi số, ký hiệu.")


WORK_KEYS = ("start", "planned_finish", "actual_finish", "progress", "declared_status")


def _work_said(start: DateValue, finish: DateValue, actual: DateValue, progress: Progress, declared) -> list[tuple]:
    """What the checks of a whole work's row say, from its values (WORK_KEYS), as _check_cell's calls."""
    calls = []
    if start.start is not None:
        for end, key in ((finish, "planned_finish"), (actual, "actual_finish")):
            if end.start is not None and end.end < start.start:
                calls.append((key, ERROR, "FINISH_BEFORE_START",
                              f"Ngày hoàn thành ({end.display()}) trước ngày khởi công ({start.display()})."))
    if progress.value is None or not 0 <= progress.value <= 100:
        return calls
    if progress.value >= 100 and declared and declared != S.STATUS_DONE:
        calls.append(("declared_status", ERROR, "PROGRESS_STATUS_MISMATCH",
                      f"Tiến độ 100% nhưng tình trạng ghi '{declared}'."))
    elif progress.value < 100 and declared == S.STATUS_DONE:
        calls.append(("declared_status", ERROR, "PROGRESS_STATUS_MISMATCH",
                      f"Tình trạng ghi 'Hoàn thành' nhưng tiến độ mới {progress.value:g}%."))
    elif progress.value < 100 and actual.start is not None:
        calls.append(("actual_finish", WARNING, "PROGRESS_STATUS_MISMATCH",
                      f"Đã có ngày hoàn thành thực tế nhưng tiến độ mới {progress.value:g}%."))
    return calls


def _check_number_date(out: _Collector, spec: S.SheetSpec, rec: Record) -> None:
    """A number typed with its date ("Số 45/QĐ-SNgV ngày 05/01/2025"): both
    are read (a warning); a date column saying another day is an error."""
    for number_key, date_key in NUMBER_DATES:
        split = split_number_date(rec.raw.get(number_key)) if date_key in rec.values else None
        if not split:
            continue
        number, date = split
        got = rec[date_key]
        date_header = spec.column(date_key).header
        if got.ok and (got.start, got.end) != (date.start, date.end):
            out.add(spec, rec, number_key, ERROR, "DOC_NUMBER_DATE_CONFLICT",
                    f"Ô ghi '{nfc(rec.raw[number_key])}' (ngày {date.display()}) nhưng cột '{date_header}' ghi "
                    f"{got.display()}. Sửa cho khớp.")
        else:
            out.add(spec, rec, number_key, WARNING, "DOC_NUMBER_WITH_DATE",
                    f"Ô ghi cả số và ngày: đọc số là {number}, ngày {date.display()} (cột '{date_header}'). "
                    f"Nên ghi ngày ở cột '{date_header}'.")


def _check_form_kind(out: _Collector, rec: Record) -> None:
    """A form given to a kind of recipient it is not for (an award or a proposal)."""
    term = S.vocabulary("award_form").lookup(rec["form"])
    kind = rec["recipient_kind"]
    if term and kind in S.BOTH and kind not in term.recipients:
        allowed = " hoặc ".join(x.lower() for x in term.recipients)
        out.add(rec.spec, rec, "recipient_kind", ERROR, "AWARD_RECIPIENT_KIND",
                f"'{term.value}' chỉ tặng cho {allowed}, không tặng cho {kind.lower()}.")


def _check_plan(out: _Collector, rec: Record) -> None:
    """A movement's details typed on a document that launches no movement
    (no Loại phong trào): the statistics would not count it, so say so."""
    if rec["movement_kind"]:
        start, end = rec["date"], rec["movement_end"]
        if getattr(start, "ok", False) and getattr(end, "ok", False) and end.start < start.start:
            out.add(S.PLANS, rec, "movement_end", WARNING, "MOVEMENT_END_BEFORE_START",
                    "Ngày kết thúc phong trào trước ngày ban hành: biểu thống kê không xếp được thời hạn phong trào.")
        return
    typed = next((k for k in ("movement_scope", "movement_level", "movement_end") if rec.raw.get(k) not in (None, "")),
                 None)
    if typed:
        out.add(S.PLANS, rec, typed, WARNING, "MOVEMENT_KIND_EMPTY",
                f"Đã ghi '{S.PLANS.column(typed).header}' nhưng chưa ghi 'Loại phong trào': biểu thống kê không đếm "
                "dòng này là phong trào. Ghi 'Thường xuyên' hoặc 'Theo đợt hoặc chuyên đề' nếu văn bản phát động "
                "phong trào.")


def _check_award(out: _Collector, rec: Record) -> None:
    _check_form_kind(out, rec)
    kind = rec["recipient_kind"]
    for key, wrong in (("collective_type", S.INDIVIDUAL), ("person_group", S.COLLECTIVE)):
        if rec[key] and kind == wrong:
            out.add(S.AWARDS, rec, key, ERROR, "STATISTICS_KIND",
                    f"'{S.AWARDS.column(key).header}' chỉ ghi cho {S.BOTH[key == 'person_group'].lower()}; dòng "
                    f"này là {kind.lower()}. Xóa ô này hoặc sửa cột 'Đối tượng'.")
    count = rec["count"]
    if count is not None and count < 1:
        out.add(S.AWARDS, rec, "count", ERROR, "NUMBER_UNREADABLE", "Số lượng phải từ 1 trở lên.")
    if (count in (None, 1)) and not rec.text("recipient"):
        out.add(S.AWARDS, rec, "recipient", WARNING, "RECIPIENT_NAME_EMPTY",
                "Chưa ghi tên tập thể, cá nhân được khen (hoặc ghi số lượng khi khen nhiều đối tượng).")


def validate(data: WorkbookData) -> list[Finding]:
    with bulk_objects():
        return _validate(data)


def _validate(data: WorkbookData) -> list[Finding]:
    out = _Collector(data)
    out.findings.extend(data.read_findings)
    _check_info(out)
    _check_records(out)
    for check in _other_checks():
        check(out)
    return out.findings


def _other_checks() -> tuple:
    """The checks of the other tables, in order; imported when first asked
    (validating a single table needs none of them), or while a book is read (see
    access/isolated.WHILE_READING: a command that validates reads a book first)."""
    from .awards.bounds import check_amounts
    from .awards.checks import check_decisions
    from .awards.phoi_bounds import check_print_layout
    from .awards.wording_checks import check_decision_wording
    from .council.checks import check_council
    from .review.checks import check_review_sheets
    return (check_review_sheets, check_decisions, check_amounts, check_print_layout, check_decision_wording,
            check_council)


WHILE_READING.append(_other_checks)


def validate_records(data: WorkbookData, specs: tuple[S.SheetSpec, ...] | None = None) -> list[Finding]:
    """The checks of the record rows only (no Thông tin): what consolidation
    runs on each unit's rows as it reads them (``specs``: the tables to check,
    by default every sheet of the workbook)."""
    out = _Collector(data)
    _check_records(out, specs)
    return out.findings


_RECURRING = (S.DATE, S.PROGRESS, S.CHOICE, S.INT, S.NUMBER, S.DOC_NUMBER)


def _is_free(col: S.Column) -> bool:
    """Free text: without a vocabulary, any text that is there is valid."""
    return col.kind in (S.TEXT, S.LINES) and not col.vocab


# a parsed value of these kinds that _check_cell has nothing to say about (the common case, tested first)
_CLEAN = {S.DATE: _date_as_typed, S.PROGRESS: _progress_as_typed, S.INT: lambda v: v.__class__ is int}
_CARRIED = ("group", "extra")  # filled by the reader from group headings and unknown columns


def signature_keys(spec: S.SheetSpec) -> tuple[str, ...]:
    """The columns two rows must share, as typed, to be the same row (all but TT)."""
    got = _SIGNATURE_KEYS.get(spec.key)
    if got is None:
        got = _SIGNATURE_KEYS[spec.key] = tuple(c.key for c in spec.columns if not c.computed and c.key != "order")
    return got


_SIGNATURE_KEYS: dict[str, tuple[str, ...]] = {}


def _as_typed(cells) -> list[str]:
    """Cells as typed: NFC, trimmed; "" when empty."""
    return list(map(_typed, cells))


def _typed(v) -> str:
    return "" if v is None else unicodedata.normalize("NFC", v).strip() if v.__class__ is str else nfc(v)


def row_signature(rec: Record) -> tuple:
    """The row as typed (NFC, trimmed), with its unit: two rows of one
    signature are the same row. Made once per record (the consolidator
    compares it across sheets, the validator within a table)."""
    got = rec.signature
    if got is None:
        got = rec.signature = (rec.text("unit"),) + tuple(_as_typed(map(rec.raw.get, signature_keys(rec.spec))))
    return got


def _may_repeat(spec: S.SheetSpec, columns: Columns) -> list[bool]:
    """Which records may be the same row as another: those that share their
    unit and their key cell as typed (two parts of the signature, made for
    every row; the whole signature only for these few)."""
    if spec.key_column not in signature_keys(spec):
        return [True] * len(columns.records)
    keys = columns.cells(spec.key_column)
    units = once_each(as_text, columns.values("unit"))
    try:  # the usual table: no two rows of one unit and one key cell, no two key cells alike once typed
        distinct = set(keys)
        if len(set(zip(units, keys))) == len(keys) and len(set(map(_typed, distinct))) == len(distinct):
            return [False] * len(keys)
    except TypeError:  # an unhashable cell
        pass
    # names, each its own: as typed in C-level passes when all are texts
    typed = list(map(str.strip, map(unicodedata.normalize, repeat("NFC"), keys))) if set(map(type, keys)) == {str} \
        else once_each(_typed, keys)
    firsts = list(zip(units, typed))
    counts = Counter(firsts)
    return list(map(gt, map(counts.__getitem__, firsts), repeat(1)))


def _check_records(out: _Collector, specs: tuple[S.SheetSpec, ...] | None = None) -> None:
    data = out.data
    for spec in specs or S.RECORD_SHEETS + S.OPTIONAL_SHEETS:
        seen: dict[tuple, int] = {}
        typed = [c for c in spec.columns if not c.computed]
        loc = data.locations.get(spec.key)
        # a column the table does not have can only be missing (when required); free text that is not required has
        # nothing to be said of it
        checked = [c for c in typed if (loc is None or c.key in loc.columns or c.required or c.key in _CARRIED)
                   and (c.required or not _is_free(c))]
        records = data.records.get(spec.key, [])
        columns = Columns(records)
        said: dict[int, list[tuple]] = {}  # a record's place -> what is said of its cells, column after column
        for col in checked:
            for n, calls in _column_findings(spec, col, columns.cells(col.key), columns.values(col.key)):
                said.setdefault(n, []).extend(calls)
            if col.kind == S.DATE:
                _month_first(out, spec, col, columns)
        if spec is S.WORKS:  # the checks of a whole work's row, its values read a column at a time
            for n, values in enumerate(zip(*map(columns.values, WORK_KEYS))):
                calls = _work_said(*values)
                if calls:
                    said.setdefault(n, []).extend(calls)
        # a number typed with its date, the checks of a whole row: for the tables that have them
        dated = any(c.key == date_key for _, date_key in NUMBER_DATES for c in spec.columns)
        check_row = _row_check(spec)
        repeats = _may_repeat(spec, columns)
        # the rows with anything to say or check: every row where a check of its record follows
        places = range(len(records)) if dated or check_row is not None else \
            sorted(set(said).union(compress(range(len(records)), repeats)))
        for n in places:
            rec = records[n]
            for call in said.get(n, ()):
                out.add(spec, rec, *call)
            if dated:
                _check_number_date(out, spec, rec)
            if check_row is not None:
                check_row(out, rec)
            if not repeats[n]:
                continue
            signature = row_signature(rec)
            if signature in seen:
                out.add(spec, rec, spec.key_column, ERROR, "DUPLICATE_ROW",
                        f"Dòng trùng hoàn toàn với dòng {seen[signature]}.")
            else:
                seen[signature] = rec.row


def _month_first(out: _Collector, spec: S.SheetSpec, col: S.Column, columns: Columns) -> None:
    """One warning for a date column whose dates typed as text were read
    month first ('12/25/2025': parsing.date_order), at a cell that shows
    it, naming the cells so read (DATE_MONTH_FIRST)."""
    values = columns.values(col.key)
    read = list(compress(range(len(values)), map(getattr, values, repeat("month_first"), repeat(False))))
    if not read:
        return
    cells, records = columns.cells(col.key), columns.records
    shows = next((n for n in read if (day_month_parts(cells[n]) or (0, 0))[1] > 12), read[0])
    loc = out.data.locations.get(spec.key)
    at = loc.excel_col(col.key) if loc is not None else None
    where = [cell_ref(records[n].row, at) if at else f"dòng {records[n].row}" for n in read]
    out.add(spec, records[shows], col.key, WARNING, "DATE_MONTH_FIRST",
            f"Cột '{col.header}' ghi ngày kiểu tháng/ngày/năm (ví dụ ô {where[read.index(shows)]} "
            f"'{nfc(cells[shows]).strip()}'); đã đọc các ngày của cột theo thứ tự đó: {len(read)} ô ({listed(where)}). "
            f"Hãy kiểm tra; nên ghi ngày dạng dd/mm/yyyy.")


def _said_of(spec: S.SheetSpec, col: S.Column, parsed, value) -> list[tuple]:
    """What _check_cell says of one cell, to be said at each cell of the same value."""
    recorder = _Recorder()
    _check_cell(recorder, spec, None, col, parsed, value)
    return recorder.calls


def _column_findings(spec: S.SheetSpec, col: S.Column, cells: Sequence, values: Sequence
                     ) -> Iterator[tuple[int, list[tuple]]]:
    """What _check_cell says of the cells of one column: (place, the calls
    to make) for each cell it says something of. Dates, progress, choices
    and numbers recur down a table: each distinct cell is checked once."""
    required, free, recurring = col.required, _is_free(col), col.kind in _RECURRING
    clean = None if col.vocab else _CLEAN.get(col.kind)
    said: dict[tuple, list[tuple]] = {}
    # the reader gives one parsed object for each distinct cell value: known by its id first
    # (the records keep every parsed value alive, so no id is reused here)
    said_by_id: dict[tuple, list[tuple]] = {}
    for n, (value, parsed) in enumerate(zip(cells, values)):
        if value is None and not required:  # an empty optional cell has nothing to check
            continue
        if free and parsed:  # text that is there: nothing to check
            continue
        if clean is not None and clean(parsed):  # a date, progress or number read as typed
            continue
        if not recurring:
            calls = _said_of(spec, col, parsed, value)
        else:
            try:
                id_key = (value.__class__, value, id(parsed))
                calls = said_by_id.get(id_key)
                if calls is None:
                    memo_key = (value.__class__, value, parsed)
                    calls = said.get(memo_key)
                    if calls is None:
                        calls = said[memo_key] = _said_of(spec, col, parsed, value)
                    said_by_id[id_key] = calls
            except TypeError:  # an unhashable value
                calls = _said_of(spec, col, parsed, value)
        if calls:
            yield n, calls


def _row_check(spec: S.SheetSpec):
    """The checks of a whole row of the table, if it has any."""
    return (_check_award if spec is S.AWARDS else _check_form_kind if spec is S.UNIT_PROPOSALS else
            _check_plan if spec is S.PLANS else None)  # the works': _work_said, a column at a time


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def summary_text(findings: list[Finding]) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo."
    return f"Có {errors} lỗi và {warnings} cảnh báo."
