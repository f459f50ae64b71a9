"""The Excel macros, run through xlwings' remote engine on payloads built
from real workbooks: asserts on the actions xlwings would send to Excel."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import WORKS, demo_content

from .xlwings_payload import actions, alerts, open_caller, payload_from_file

pytest.importorskip("xlwings")


@pytest.fixture()
def demo_xlsx(tmp_path):
    return write_workbook(tmp_path / "ThiDua.xlsx", demo_content())


def _sheet_index(payload, name):
    return [s["name"] for s in payload["sheets"]].index(name)


def _writes(book, sheet_pos):
    return [a for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == sheet_pos]


def test_validate_writes_messages_selects_and_alerts(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    payload = payload_from_file(demo_xlsx)
    works = payload["sheets"][_sheet_index(payload, S.WORKS.name)]
    finish_col = S.WORKS.headers.index("Ngày hoàn thành")
    works["values"][1][finish_col] = "2019-01-01T00:00:00.000Z"  # before its start (Năm 2021)
    book = open_caller(payload)
    from xlsrc import macros
    macros.validate()
    pos = _sheet_index(payload, S.WORKS.name)
    writes = _writes(book, pos)
    check_col = len(S.WORKS.columns) - 1
    block = next(w for w in writes if w["start_column"] == check_col)
    assert block["start_row"] == 1  # first data row (0-based row 1 = Excel row 2)
    assert "FINISH_BEFORE_START" not in block["values"][0][0]
    assert block["values"][0][0].startswith("Lỗi (Ngày hoàn thành)")
    assert "trước ngày khởi công" in block["values"][0][0]
    assert block["values"][2][0].startswith("Cảnh báo")
    selects = [a for a in actions(book) if a["func"] == "rangeSelect"]
    assert selects and selects[-1]["sheet_position"] == pos
    assert (selects[-1]["start_row"], selects[-1]["start_column"]) == (1, finish_col)
    assert alerts(book) == ["Có 1 lỗi và 1 cảnh báo. Xem cột 'Kiểm tra' của các dòng được tô màu."]


def test_compute_writes_statuses_and_summary(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    payload = payload_from_file(demo_xlsx)
    book = open_caller(payload)
    from xlsrc import macros
    macros.compute()
    status_col = S.WORKS.headers.index("Trạng thái")
    writes = _writes(book, _sheet_index(payload, S.WORKS.name))
    status = next(w for w in writes if w["start_column"] == status_col)
    assert [r[0] for r in status["values"]] == [S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_POSTPONED]
    summary = _writes(book, _sheet_index(payload, S.SUMMARY_SHEET))
    flat = [c for w in summary for row in w["values"] for c in row]
    assert "04 tập thể và 14 cá nhân" in flat
    assert alerts(book)[0].startswith("Đã tính trạng thái 3 công trình, phần việc: hoàn thành 1 (33,3%)")


def _grown_payload(path, n_rows):
    extra = []
    for i in range(n_rows):
        w = WORKS[i % len(WORKS)]
        extra.append([i + 4, f"{w['name']} #{i}", w["kind"], w["owner"], "Năm 2021", "Năm 2022", "",
                      0.5, "", "", "", "", "", "", "", ""])
    return payload_from_file(path, extra_rows={S.WORKS.name: extra})


@pytest.mark.parametrize("macro", ["validate", "compute", "report"])
def test_excel_calls_do_not_grow_with_rows(demo_xlsx, monkeypatch, tmp_path, macro):
    monkeypatch.chdir(tmp_path)
    from xlsrc import macros
    counts = []
    for n in (5, 5000):
        book = open_caller(_grown_payload(demo_xlsx, n))
        getattr(macros, macro)()
        counts.append(len(actions(book)))
    assert counts[1] <= counts[0]


def test_report_saves_dated_docx_in_baocao_and_never_overwrites(demo_xlsx, monkeypatch, tmp_path):
    pytest.importorskip("xlsrc.report")
    monkeypatch.chdir(tmp_path)
    from docx import Document

    from xlsrc import macros
    first = second = None
    for _ in range(2):
        book = open_caller(payload_from_file(demo_xlsx))
        macros.report()
        message = alerts(book)[-1]
        assert message.startswith("Đã lập báo cáo: "), message
        path = message.split(": ", 1)[1]
        first, second = (path, None) if first is None else (first, path)
    today = dt.date.today().strftime("%Y-%m-%d")
    assert first.endswith(f"BaoCao/BaoCao_180-BC-SNgV_{today}.docx")
    assert second.endswith(f"BaoCao/BaoCao_180-BC-SNgV_{today} (2).docx")
    doc = Document(first)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any("Ngô Thị Hoài Nam" in c for c in cells)


def test_report_refuses_with_errors(demo_xlsx, monkeypatch, tmp_path):
    pytest.importorskip("xlsrc.report")
    monkeypatch.chdir(tmp_path)
    payload = payload_from_file(demo_xlsx)
    awards = payload["sheets"][_sheet_index(payload, S.AWARDS.name)]
    awards["values"][1][S.AWARDS.headers.index("Hình thức, danh hiệu")] = "Huy hiệu tự đặt"
    book = open_caller(payload)
    from xlsrc import macros
    macros.report()
    assert "Chưa lập báo cáo" in alerts(book)[-1]
    assert not (tmp_path / "BaoCao").exists() or not list((tmp_path / "BaoCao").iterdir())


def test_unexpected_error_becomes_vietnamese_alert_with_log(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    payload = {"client": "Microsoft Office Scripts", "version": __import__("xlwings").__version__,
               "book": {"name": "Hỏng.xlsx", "active_sheet_index": 0, "selection": "A1"}, "names": [],
               "sheets": [{"name": "Công trình", "values": [["Tên công trình, phần việc", "Ngày khởi công"],
                                                            ["X", "Năm 2021"]], "pictures": [], "tables": []}]}
    book = open_caller(payload)
    from xlsrc import macros
    monkeypatch.setattr("xlsrc.jobs.run_compute", lambda b: 1 / 0)
    macros.compute()
    message = alerts(book)[-1]
    assert message.startswith("Đã xảy ra lỗi ngoài dự kiến")
    log = tmp_path / "state" / "thidua" / "thidua.log"
    assert str(log) in message and "ZeroDivisionError" in log.read_text(encoding="utf-8")
    assert "Traceback" not in message


def test_consolidate_fills_master_sheets_and_log_from_chosen_paths(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    inputs = tmp_path / "don_vi"
    inputs.mkdir()
    content = demo_content()
    content.rows["works"][0]["name"] = '=HYPERLINK("http://x","y")'
    write_workbook(inputs / "so_ngoai_vu.xlsx", content)
    (inputs / "hong.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    board = write_workbook(tmp_path / "BanTDKT.xlsx")
    payload = payload_from_file(board, extra_rows={S.PATHS_SHEET: [[str(inputs)]]})
    book = open_caller(payload)
    from xlsrc import macros
    macros.consolidate()
    works = _writes(book, _sheet_index(payload, S.WORKS.name))
    block = next(w for w in works if w["start_row"] == 1 and w["start_column"] == 0)["values"]
    assert len(block) == 3
    assert block[0][S.WORKS.headers.index("Tên công trình, phần việc")] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert block[0][S.WORKS.headers.index("Đơn vị báo cáo")] == "Sở Ngoại vụ"
    log = next(w for w in _writes(book, _sheet_index(payload, S.SOURCES_SHEET)))["values"]
    assert log[0] == [c.header for c in S.SOURCES_COLUMNS]
    assert sorted(r[3] for r in log[1:]) == ["lỗi", "đạt"]
    assert alerts(book)[-1].startswith("Đã tổng hợp 2 tệp: 1 đạt, 0 trùng, 1 lỗi; 3 công trình, phần việc")


def test_consolidate_without_paths_says_so(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    book = open_caller(payload_from_file(demo_xlsx))
    from xlsrc import macros
    macros.consolidate()
    assert alerts(book) == ["Chưa chọn tệp hoặc thư mục nào để tổng hợp."]


LOOKALIKES = ["0912345678", "00123", "12/2021", "1/2", "95%", "TRUE", "05/03/1980", "13/05/1980", "1E5", "12:30",
              "$5", "1.234,5", "0 1/2", "(5)", "#N/A", "5-Mar", "'quoted", "2021-03-05", " 42 "]


def test_consolidate_keeps_every_units_text_as_text(monkeypatch, tmp_path):
    """Text that Excel would read as a number, date, percent, boolean, time or
    error reaches the master's cells as the same text (issue 18 §1)."""
    from .excel_typing import typed
    monkeypatch.chdir(tmp_path)
    inputs = tmp_path / "don_vi"
    inputs.mkdir()
    content = demo_content()
    works = content.rows["works"]
    for i, text in enumerate(LOOKALIKES):
        row = dict(works[i % len(works)], name=f"Công trình {i}", note=text, group=text)
        works.append(row)
    write_workbook(inputs / "so_ngoai_vu.xlsx", content)
    board = write_workbook(tmp_path / "BanTDKT.xlsx")
    payload = payload_from_file(board, extra_rows={S.PATHS_SHEET: [[str(inputs)]]})
    book = open_caller(payload)
    from xlsrc import macros
    macros.consolidate()
    block = next(w for w in _writes(book, _sheet_index(payload, S.WORKS.name)) if w["start_row"] == 1)["values"]
    note = S.WORKS.headers.index("Ghi chú")
    rows = {r[S.WORKS.headers.index("Tên công trình, phần việc")]: r for r in block}
    for i, text in enumerate(LOOKALIKES):
        written = rows[f"Công trình {i}"][note]
        assert typed(written) == ("text", text.strip() if text.strip() != text else text), (text, written)
    orders = [r[S.WORKS.headers.index("TT")] for r in block]
    assert all(isinstance(v, (int, float)) for v in orders)  # numbers the reader typed go as numbers
    names = [r[S.WORKS.headers.index("Tên công trình, phần việc")] for r in block]
    assert "Công trình 1" in names  # plain text goes as it is


def test_rows_typed_in_excel_are_printed_after_a_button(demo_xlsx, monkeypatch, tmp_path):
    """The workbook prints Công trình down to the rows it was made with; works typed in Excel below them
    were left off the paper. After a button reads the sheet, its print area reaches its last row with
    anything in it (its columns kept); a sheet whose area already does so gets no call."""
    monkeypatch.chdir(tmp_path)
    added = [[4, "Sửa trụ sở", "Công trình", "Sở Ngoại vụ", dt.datetime(2021, 3, 1), dt.datetime(2021, 9, 30)],
             [5, "Số hoá hồ sơ", "Phần việc", "Sở Ngoại vụ", dt.datetime(2021, 4, 1), dt.datetime(2021, 12, 31)]]
    payload = payload_from_file(demo_xlsx, extra_rows={S.WORKS.name: added})
    pos = _sheet_index(payload, S.WORKS.name)
    built = payload["sheets"][pos]["print_area"]
    assert built.endswith(f"${len(WORKS) + 1}")  # the header and the works the book was made with
    book = open_caller(payload)
    from xlsrc import macros
    macros.validate()
    areas = {a["sheet_position"]: a["args"][0] for a in actions(book) if a["func"] == "setPrintArea"}
    last = len(payload["sheets"][pos]["values"])
    assert areas == {pos: built.rsplit("$", 1)[0] + f"${last}"} and last == len(WORKS) + 1 + len(added)
