"""The board's buttons (issue 21) through xlwings' remote engine: Tổng hợp
writes the units' proposals into 'Đề nghị của các đơn vị'; Thống kê writes
the forms into BaoCao and the Thống kê sheet into the workbook."""
from __future__ import annotations

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

from .test_proposals import _to_trinh
from .xlwings_payload import actions, alerts, open_caller, payload_from_file

pytest.importorskip("xlwings")


def _writes_to(book, payload, name):
    names = [s["name"] for s in payload["sheets"]]
    acts = actions(book)
    if name in names:
        pos = names.index(name)
        return [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == pos]
    added = [a for a in acts if a["func"] == "addSheet"]
    assert added, "the sheet is neither there nor added"
    pos = len(names)   # a sheet added after the last one
    return [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == pos]


def test_the_consolidate_button_lists_the_units_proposals(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    inputs = tmp_path / "don_vi"
    inputs.mkdir()
    _to_trinh(inputs / "STP.docx", "SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
              ["TT", "Họ và tên", "Chức vụ", "Thành tích tóm tắt"],
              [("1", "Ông Nguyễn Văn An", "Trưởng phòng", "HTXS 2024, 2025"), ("2", "Bà Lê Thị Hoa", "Chuyên viên",
                                                                               "0912345678")])
    board = write_workbook(tmp_path / "BanTDKT.xlsx")
    payload = payload_from_file(board, extra_rows={S.PATHS_SHEET: [[str(inputs)]]})
    book = open_caller(payload)
    from xlsrc import macros
    macros.consolidate()
    block = _writes_to(book, payload, S.UNIT_PROPOSALS.name)[-1]["values"]
    assert block[0] == S.UNIT_PROPOSALS.headers
    name, unit = S.UNIT_PROPOSALS.headers.index("Tên tập thể, cá nhân"), S.UNIT_PROPOSALS.headers.index("Đơn vị đề nghị")
    assert [(r[name], r[unit]) for r in block[1:]] == [("Nguyễn Văn An", "Sở Tư pháp"), ("Lê Thị Hoa", "Sở Tư pháp")]
    assert "2 đề nghị khen thưởng" in alerts(book)[-1]


def test_the_statistics_button_writes_the_forms_and_the_thong_ke_sheet(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    src = write_workbook(tmp_path / "ThiDua.xlsx", demo_content())
    payload = payload_from_file(src)
    book = open_caller(payload)
    from xlsrc import macros
    macros.statistics()
    message = alerts(book)[-1]
    assert message.startswith("Đã lập biểu thống kê năm 2021: "), message
    path = message.split(": ", 1)[1].split(". Trang")[0]
    assert "BaoCao" in path and {"Biểu 0701.N", "Thống kê"} <= set(openpyxl.load_workbook(path).sheetnames)
    grid = _writes_to(book, payload, "Thống kê")[-1]["values"]
    assert grid[0][0].startswith("THỐNG KÊ THI ĐUA, KHEN THƯỞNG QUA CÁC NĂM")
    assert ["Năm", "Hình thức, danh hiệu", "Tập thể", "Cá nhân", "Chưa rõ", "Cộng"] in [r[:6] for r in grid]


def test_the_promote_button_moves_the_passed_proposals_with_the_numbers_typed(monkeypatch, tmp_path):
    """Issue 20 §4 as a button: the numbers and the date the dialog asked for (the VBA writes them into
    _thidua_paths!C2:C3) give the Quyết định row and the Khen thưởng rows, as `thidua promote` does."""
    from .test_dossier import content
    monkeypatch.chdir(tmp_path)
    book_path = write_workbook(tmp_path / "so.xlsx", content())
    payload = payload_from_file(book_path, extra_rows={S.PATHS_SHEET: [[None, None, "88/QĐ-SXD"],
                                                                      [None, None, "20/12/2026"]]})
    book = open_caller(payload)
    from xlsrc import macros
    macros.promote()
    said = alerts(book)[-1]
    assert said.startswith("Đã thêm 1 quyết định (88/QĐ-SXD — Chiến sĩ thi đua cơ sở) và 1 dòng khen thưởng"), said
    decisions = _writes_to(book, payload, S.DECISIONS.name)
    flat = [v for w in decisions for row in w["values"] for v in row]
    assert "88/QĐ-SXD" in flat and "Chiến sĩ thi đua cơ sở" in flat
    awards = [v for w in _writes_to(book, payload, S.AWARDS.name) for row in w["values"] for v in row]
    assert "Lê Thị Hoa" in awards and "88/QĐ-SXD" in awards


def test_the_promote_button_without_numbers_says_so(monkeypatch, tmp_path):
    from .test_dossier import content
    monkeypatch.chdir(tmp_path)
    book = open_caller(payload_from_file(write_workbook(tmp_path / "so.xlsx", content())))
    from xlsrc import macros
    macros.promote()
    assert alerts(book) == ["Chưa có số quyết định hoặc ngày ký: bấm lại nút và ghi đủ hai ô của hộp thoại."]
