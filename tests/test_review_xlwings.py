"""The 'Rà soát điều kiện' macro through xlwings' remote engine, on payloads
built from real workbooks: what it writes, and that the number of Excel
calls does not grow with the staff."""
from __future__ import annotations

import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.findings import column_letters

from .xlwings_payload import actions, alerts, open_caller, payload_from_file

pytest.importorskip("xlwings")


def _pos(payload, name):
    return [s["name"] for s in payload["sheets"]].index(name)


def _written(book, pos):
    return [a for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == pos]


@pytest.fixture()
def demo_xlsx(tmp_path):
    return write_workbook(tmp_path / "ThiDua.xlsx", demo_content())


def test_review_macro_writes_both_sheets_and_alerts(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    payload = payload_from_file(demo_xlsx)
    book = open_caller(payload)
    from xlsrc import macros
    macros.review()
    review = _written(book, _pos(payload, S.REVIEW_SHEET))
    grid = review[-1]["values"]
    assert (review[-1]["start_row"], review[-1]["start_column"]) == (0, 0)
    assert grid[0][:6] == ["Họ và tên / Tên tập thể", "Đối tượng", "Chức vụ", "Đơn vị", "Năm",
                           "Lý do, căn cứ"]
    rows = {r[0]: r for r in grid[1:]}
    assert rows["Nguyễn Văn A"][6] == "Đủ" and rows["Lê Văn C"][6] == "Không đủ"
    assert rows["Phạm Thị D"][6] == "Chưa đủ dữ liệu"
    assert "Điều 24" in rows["Lê Văn C"][5]
    proposal = _written(book, _pos(payload, S.PROPOSAL_SHEET))[-1]["values"]
    assert proposal[0] == list(S.PROPOSAL_HEADERS)
    assert [r[0] for r in proposal[1:]] == list(range(1, len(proposal)))
    message = alerts(book)[-1]
    assert message.startswith("Rà soát năm 2021: 13 cá nhân, tập thể × 6 danh hiệu")
    assert "Xem trang 'Rà soát' và 'Danh sách đề nghị'" in message


def test_review_macro_clears_a_longer_earlier_result(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    old = [["cũ"] * 12 for _ in range(40)]
    payload = payload_from_file(demo_xlsx, extra_rows={S.REVIEW_SHEET: old})
    book = open_caller(payload)
    from xlsrc import macros
    macros.review()
    pos = _pos(payload, S.REVIEW_SHEET)
    clears = [a for a in actions(book) if a["func"] == "rangeClearContents" and a["sheet_position"] == pos]
    assert [(c["start_row"], c["row_count"], c["column_count"]) for c in clears] == [(0, 41, 12)]
    written = _written(book, pos)[-1]
    assert written["row_count"] == 14  # header + 10 people + 3 collectives, after the clear


def _staff_rows(n):
    units = ("Văn phòng", "Phòng Hợp tác quốc tế", "Phòng Lãnh sự - Biên giới")
    return [[i + 11, f"Cán bộ {i}", f"CB{i:05d}", "Nam", "", "Chuyên viên", units[i % 3], "", ""]
            for i in range(n)]


def _rating_rows(n):
    return [[i + 22, 2021, "Cá nhân", f"Cán bộ {i}", f"CB{i:05d}", "", "Hoàn thành tốt nhiệm vụ", "Có", "", "", "",
             ""] for i in range(n)]


@pytest.mark.long
def test_review_excel_calls_do_not_grow_with_staff(demo_xlsx, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    from xlsrc import macros
    counts = []
    for n in (5, 2000):
        payload = payload_from_file(demo_xlsx, extra_rows={S.STAFF.name: _staff_rows(n),
                                                          S.RATINGS.name: _rating_rows(n)})
        book = open_caller(payload)
        macros.review()
        assert alerts(book)[-1].startswith(f"Rà soát năm 2021: {13 + n} cá nhân"), alerts(book)
        counts.append(len(actions(book)))
    assert counts[1] <= counts[0]


def test_review_macro_sets_the_print_area_of_what_it_wrote(demo_xlsx, monkeypatch, tmp_path):
    """The workbook's print area of Rà soát covered its instruction cell only (A1:A2), of Danh sách đề nghị the
    rows it was made with: in Excel the macro sets each to what it wrote (the command line's copy fits it too)."""
    monkeypatch.chdir(tmp_path)
    payload = payload_from_file(demo_xlsx)
    book = open_caller(payload)
    from xlsrc import macros
    macros.review()
    areas = {a["sheet_position"]: a["args"][0] for a in actions(book) if a["func"] == "setPrintArea"}
    review = _written(book, _pos(payload, S.REVIEW_SHEET))[-1]["values"]
    proposal = _written(book, _pos(payload, S.PROPOSAL_SHEET))[-1]["values"]
    assert areas[_pos(payload, S.REVIEW_SHEET)] == f"$A$1:$L${len(review)}" and len(review[0]) == 12
    assert areas[_pos(payload, S.PROPOSAL_SHEET)] == f"$A$1:${column_letters(len(proposal[0]))}${len(proposal)}"
    assert len(areas) == 2  # only the sheets written whole from A1
    from xlsrc.access.excel import _windows_page_setup
    assert _windows_page_setup(book.sheets[S.REVIEW_SHEET]) is None  # no COM object: the print area alone
