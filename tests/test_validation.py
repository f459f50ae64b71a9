"""Every validation rule, each on the demo workbook edited with that one
mistake, written to a real .xlsx and read back: code, severity, sheet, row,
column header, cell address, and a Vietnamese message."""
from __future__ import annotations

import re
import unicodedata

import pytest

from xlsrc import schema as S
from xlsrc.demo_data import demo_content
from xlsrc.findings import cell_ref
from xlsrc.parsing import parse_date
from xlsrc.validation import ERROR, WARNING, has_errors, summary_text, validate

VN_LETTERS = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
BASELINE = {("PROGRESS_TEXT", WARNING, "Công trình", "H4")}  # the seed's free-text progress (work 3)


def _validate(read_back, edit=None):
    content = demo_content()
    if edit:
        edit(content)
    data = read_back(content)
    return data, validate(data)


def _new(findings):
    return [f for f in findings if (f.code, f.severity, f.sheet, f.cell) not in BASELINE]


def _set(sheet, index, **values):
    return lambda c: c.rows[sheet][index].update(values)


def _info(**values):
    return lambda c: c.info.update(values)


def _append_copy(sheet, index, **changes):
    return lambda c: c.rows[sheet].append(dict(c.rows[sheet][index], **changes))


# (id, edit, code, severity, sheet, row, column header, cell, words the message must contain)
CASES = [
    ("required-work-name", _set("works", 0, name=None), "REQUIRED_EMPTY", ERROR, "Công trình", 2,
     "Tên công trình, phần việc", "B2", ["Chưa nhập", "bắt buộc"]),
    ("required-award-field", _set("awards", 2, field=""), "REQUIRED_EMPTY", ERROR, "Khen thưởng", 4,
     "Lĩnh vực, phong trào", "G4", ["Lĩnh vực, phong trào"]),
    ("required-plan-date", _set("plans", 0, date=None), "REQUIRED_EMPTY", ERROR, "Kế hoạch", 2,
     "Ngày ban hành", "D2", ["Ngày ban hành"]),
    ("required-info-signer", _info(signer_title=None), "REQUIRED_EMPTY", ERROR, "Thông tin", 17,
     "Chức vụ người ký", "B17", ["Chức vụ người ký"]),
    ("signer-name-empty", _info(signer_name=None), "SIGNER_NAME_EMPTY", WARNING, "Thông tin", 18,
     "Người ký", "B18", ["Người ký", "để trống"]),
    ("doc-number-draft-is-fine-but-not-a-bare-slash", _info(doc_number="/"), "DOC_NUMBER_FORMAT", ERROR,
     "Thông tin", 5, "Số, ký hiệu", "B5", ["Số, ký hiệu"]),
    ("date-unreadable-month-14", _set("works", 1, start="Tháng 14/2021"), "DATE_UNREADABLE", ERROR, "Công trình", 3,
     "Ngày khởi công", "E3", ["Tháng 14/2021", "Không đọc được"]),
    ("date-unreadable-31-02", _set("plans", 2, date="31/02/2021"), "DATE_UNREADABLE", ERROR, "Kế hoạch", 4,
     "Ngày ban hành", "D4", ["31/02/2021"]),
    ("finish-before-start", _set("works", 1, planned_finish="Tháng 2"), "FINISH_BEFORE_START", ERROR, "Công trình",
     3, "Ngày hoàn thành", "F3", ["Tháng 2", "Tháng 4", "trước ngày khởi công"]),
    ("actual-before-start", _set("works", 1, actual_finish="15/03/2021"), "FINISH_BEFORE_START", ERROR,
     "Công trình", 3, "Ngày hoàn thành thực tế", "G3", ["15/3/2021"]),
    ("progress-150", _set("works", 0, progress="150%"), "PROGRESS_OUT_OF_RANGE", ERROR, "Công trình", 2,
     "Tiến độ hoàn thành (%)", "H2", ["150%", "0–100%"]),
    ("progress-negative", _set("works", 0, progress="-5%"), "PROGRESS_OUT_OF_RANGE", ERROR, "Công trình", 2,
     "Tiến độ hoàn thành (%)", "H2", ["-5%"]),
    ("done-but-declared-ongoing", _set("works", 1, declared_status=S.STATUS_ONGOING), "PROGRESS_STATUS_MISMATCH",
     ERROR, "Công trình", 3, "Tình trạng (đơn vị ghi)", "I3", ["100%", "Đang thực hiện"]),
    ("declared-done-at-95", _set("works", 0, declared_status=S.STATUS_DONE), "PROGRESS_STATUS_MISMATCH", ERROR,
     "Công trình", 2, "Tình trạng (đơn vị ghi)", "I2", ["Hoàn thành", "95%"]),
    ("actual-finish-at-95", _set("works", 0, actual_finish="01/11/2021"), "PROGRESS_STATUS_MISMATCH", WARNING,
     "Công trình", 2, "Ngày hoàn thành thực tế", "G2", ["95%"]),
    ("award-form-unknown", _set("awards", 1, form="Huy hiệu vàng tự đặt"), "AWARD_FORM_UNKNOWN", ERROR,
     "Khen thưởng", 3, "Hình thức, danh hiệu", "B3", ["Huy hiệu vàng tự đặt", "Luật Thi đua, Khen thưởng"]),
    ("cstdcs-to-collective", _set("awards", 0, form="Chiến sĩ thi đua cơ sở"), "AWARD_RECIPIENT_KIND", ERROR,
     "Khen thưởng", 2, "Đối tượng", "C2", ["Chiến sĩ thi đua cơ sở", "cá nhân", "tập thể"]),
    ("alias-cstdcs-to-collective", _set("awards", 2, form="CSTĐCS"), "AWARD_RECIPIENT_KIND", ERROR,
     "Khen thưởng", 4, "Đối tượng", "C4", ["Chiến sĩ thi đua cơ sở"]),
    ("ttldxs-to-individual", _set("awards", 1, form="Tập thể lao động xuất sắc"), "AWARD_RECIPIENT_KIND", ERROR,
     "Khen thưởng", 3, "Đối tượng", "C3", ["Tập thể lao động xuất sắc", "cá nhân"]),
    ("recipient-kind-unknown", _set("awards", 0, recipient_kind="Hộ gia đình"), "RECIPIENT_KIND_UNKNOWN", ERROR,
     "Khen thưởng", 2, "Đối tượng", "C2", ["Hộ gia đình"]),
    ("doc-number-plan", _set("plans", 4, number="84/KHSNgV abc"), "DOC_NUMBER_FORMAT", ERROR, "Kế hoạch", 6,
     "Số, ký hiệu", "C6", ["84/KHSNgV abc", "không đúng dạng"]),
    ("doc-number-info", _info(doc_number="180 BC SNgV"), "DOC_NUMBER_FORMAT", ERROR, "Thông tin", 5,
     "Số, ký hiệu", "B5", ["180 BC SNgV"]),
    ("duplicate-plan", _append_copy("plans", 1, order=99), "DUPLICATE_ROW", ERROR, "Kế hoạch", 13,
     "Số, ký hiệu", "C13", ["trùng", "dòng 3"]),
    ("duplicate-work", _append_copy("works", 1, order=4), "DUPLICATE_ROW", ERROR, "Công trình", 5,
     "Tên công trình, phần việc", "B5", ["dòng 3"]),
    ("duplicate-work-name-nfd", lambda c: c.rows["works"].append(dict(
        c.rows["works"][1], order=4, name=unicodedata.normalize("NFD", c.rows["works"][1]["name"]) + " ")),
     "DUPLICATE_ROW", ERROR, "Công trình", 5, "Tên công trình, phần việc", "B5", ["dòng 3"]),  # the key cell as typed
    ("duplicate-work-among-namesakes", lambda c: c.rows["works"].extend([
        dict(c.rows["works"][1], order=4, note="Giai đoạn 2"), dict(c.rows["works"][1], order=5)]),
     "DUPLICATE_ROW", ERROR, "Công trình", 6, "Tên công trình, phần việc", "B6", ["dòng 3"]),
    ("duplicate-award-nfd", lambda c: c.rows["awards"].append(dict(c.rows["awards"][0], order=6,
                                                                      field=" " + c.rows["awards"][0]["field"])),
     "DUPLICATE_ROW", ERROR, "Khen thưởng", 22, "Hình thức, danh hiệu", "B22", ["dòng 2"]),  # + 7 of 45/QĐ-SNgV, 2 of the dossier demo
    ("doc-not-listed", _info(basis="99/KH-UBND"), "DOC_NOT_LISTED", WARNING, "Thông tin", 11, "Văn bản căn cứ",
     "B11", ["99/KH-UBND", "Kế hoạch"]),
    ("recipient-name-empty", _set("awards", 4, count=None, recipient=None), "RECIPIENT_NAME_EMPTY", WARNING,
     "Khen thưởng", 6, "Tên tập thể, cá nhân", "E6", ["Chưa ghi tên"]),
    ("choice-unknown", _set("plans", 3, role="Nhóm lạ"), "CHOICE_UNKNOWN", WARNING, "Kế hoạch", 5, "Nhóm", "G5",
     ["Nhóm lạ"]),
    ("count-not-int", _set("awards", 4, count="hai"), "NUMBER_UNREADABLE", ERROR, "Khen thưởng", 6, "Số lượng",
     "D6", ["hai"]),
    ("count-zero", _set("awards", 4, count=0), "NUMBER_UNREADABLE", ERROR, "Khen thưởng", 6, "Số lượng", "D6",
     ["từ 1 trở lên"]),
    ("report-year-not-int", _info(report_year="năm nay"), "NUMBER_UNREADABLE", ERROR, "Thông tin", 20,
     "Năm báo cáo", "B20", ["năm nay"]),
]


@pytest.mark.parametrize("edit,code,severity,sheet,row,column,cell,words", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_rule(read_back, edit, code, severity, sheet, row, column, cell, words):
    _, findings = _validate(read_back, edit)
    new = _new(findings)
    assert [f.code for f in new] == [code], [f.line() for f in findings]
    f = new[0]
    assert (f.severity, f.sheet, f.row, f.column, f.cell) == (severity, sheet, row, column, cell)
    assert f.file == "wb.xlsx"
    assert VN_LETTERS.search(f.message), f.message
    for word in words:
        assert word in f.message, f.message
    line = f.line()
    assert line.startswith("Lỗi [" if severity == ERROR else "Cảnh báo [") and f"{sheet}!{cell}" in line
    assert set(f.as_dict()) == {"sheet", "row", "column", "cell", "severity", "code", "message"}


def test_demo_validates_without_errors(read_back):
    _, findings = _validate(read_back)
    assert not has_errors(findings)
    assert {(f.code, f.severity, f.sheet, f.cell) for f in findings} == BASELINE
    assert summary_text(findings) == "Có 0 lỗi và 1 cảnh báo."


def test_month_only_dates_without_any_year_say_where_to_give_it(read_back):
    _, findings = _validate(read_back, _info(doc_date=None, report_year=None))
    unreadable = [f for f in findings if f.code == "DATE_UNREADABLE"]
    assert [f.cell for f in unreadable] == ["E3", "F3", "E4", "F4"]  # Tháng 4, Tháng 12, Tháng 7, Tháng 9
    assert all("Năm báo cáo" in f.message for f in unreadable)
    assert ("REQUIRED_EMPTY", "B7") in {(f.code, f.cell) for f in findings}


@pytest.mark.parametrize("basis", ["06/HĐTĐKT\n198/KH – SNgV", "06 / HĐTĐKT", "Số: 84/KH-SNgV",
                                   "06/HĐTĐKT\n244 / 2020 / NQ-HĐND"])
def test_basis_listed_in_another_spelling_is_found(read_back, basis):
    """The seed types '198/KH – SNgV'; the Kế hoạch sheet holds '198/KH-SNgV': the same document."""
    _, findings = _validate(read_back, _info(basis=basis))
    assert _new(findings) == [], [f.line() for f in findings]


def test_registration_typed_with_spaces_is_found(read_back):
    _, findings = _validate(read_back, _info(registration="221 / SNgV – VPTTr"))
    assert _new(findings) == [], [f.line() for f in findings]


def test_same_month_start_and_finish_is_no_error(read_back):
    _, findings = _validate(read_back, _set("works", 1, start="Tháng 4", planned_finish="15/04/2021"))
    assert not has_errors(findings)


def test_several_mistakes_are_all_reported(read_back):
    def edit(c):
        c.rows["works"][0].update(progress="150%", planned_finish="Tháng 2/2020")
        c.rows["awards"][0].update(form="Chiến sĩ thi đua cơ sở")
        c.rows["plans"][4].update(number="84/KHSNgV abc")
    _, findings = _validate(read_back, edit)
    assert sorted((f.code, f.cell) for f in _new(findings)) == [
        ("AWARD_RECIPIENT_KIND", "C2"), ("DOC_NUMBER_FORMAT", "C6"), ("FINISH_BEFORE_START", "F2"),
        ("PROGRESS_OUT_OF_RANGE", "H2")]
    assert summary_text(findings) == "Có 4 lỗi và 1 cảnh báo."


def test_missing_info_sheet(tmp_path):
    import openpyxl

    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook
    wb = openpyxl.Workbook()
    wb.active.title = S.WORKS.name
    wb.active.append(["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành"])
    wb.active.append([1, "Việc", "01/01/2021", "31/12/2021"])
    wb.save(tmp_path / "x.xlsx")
    findings = validate(read_workbook(FileBook(tmp_path / "x.xlsx")))
    assert [(f.code, f.sheet) for f in findings] == [("SHEET_MISSING", "Thông tin")]
    assert summary_text([]) == "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo."


def test_a_record_changed_after_reading_is_checked_as_changed(read_back):
    """Validation takes a table's cells column by column from the rows the
    reader made while they are still the records'; a record a caller has
    changed since (as consolidation and the proposals do) is checked as it
    now is, in every column, and the others as they were read."""
    data = read_back(demo_content())
    before = validate(data)
    work = data.works[1]
    work.raw["name"], work.values["name"] = None, ""
    work.raw["start"], work.values["start"] = None, parse_date(None)
    new = [(f.code, f.cell) for f in validate(data) if f not in before]
    name, start = (data.locations["works"].excel_col(k) for k in ("name", "start"))
    assert new == [("REQUIRED_EMPTY", cell_ref(work.row, name)), ("REQUIRED_EMPTY", cell_ref(work.row, start))]


def test_a_table_checked_a_column_at_a_time_says_what_its_records_say_row_by_row(tmp_path):
    """The works of a table as the reader made them are checked a column at
    a time (their rows' checks from the columns, only the rows with anything
    to say visited): the same findings, in the same order, as the same
    records holding their own dicts."""
    import openpyxl

    from xlsrc.access.files import FileBook
    from xlsrc.records import Record, WorkbookData, read_workbook, table_of
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(["Ngày ban hành", "18/11/2021"])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Ngày hoàn thành thực tế",
               "Tiến độ hoàn thành (%)", "Tình trạng", "Đơn vị báo cáo"])
    for n in range(1, 41):
        ws.append([n, f"Công trình {n % 9}", ["01/03/2021", "Tháng 5/2021", None, "ngày xưa"][n % 4],
                   ["Tháng 2/2021", "Năm 2022", "30/11/2021"][n % 3], ["15/02/2021", None, None, None, "01/06/2021"][n % 5],
                   [100, 40, None, 0, 150][n % 5], ["Hoàn thành", None, "Đang thực hiện"][n % 3], f"Sở {n % 2}"])
    for n in (3, 12):  # a row typed again (another TT)
        ws.append([40 + n] + [c.value for c in ws[n + 1]][1:])
    f = tmp_path / "so.xlsx"
    wb.save(f)
    data = read_workbook(FileBook(f))
    assert len(data.works) == 42 and table_of(data.works) is not None
    got = validate(data)
    own = WorkbookData(data.source, info=data.info, info_raw=data.info_raw, info_rows=data.info_rows,
                       records={"works": [Record(S.WORKS, r.row, dict(r.raw), dict(r.values)) for r in data.works]},
                       locations=data.locations, sheet_names=data.sheet_names, extents=data.extents)
    assert got == validate(own)
    codes = {f.code for f in got}
    assert {"FINISH_BEFORE_START", "PROGRESS_STATUS_MISMATCH", "DUPLICATE_ROW", "DATE_UNREADABLE",
            "PROGRESS_OUT_OF_RANGE"} <= codes
    assert [f.row for f in got if f.sheet == S.WORKS.name] == sorted(f.row for f in got if f.sheet == S.WORKS.name)
