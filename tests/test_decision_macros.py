"""The buttons 'Lập quyết định' and 'In giấy khen' (xlsrc.macros.decision and
.certificates), run through xlwings' remote engine on a payload built from
the demo workbook, with the selection on a chosen row."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

from .xlwings_payload import alerts, open_caller, payload_from_file

pytest.importorskip("xlwings")


def _caller(path, sheet: str, cell: str):
    payload = payload_from_file(path)
    payload["book"]["active_sheet_index"] = [s["name"] for s in payload["sheets"]].index(sheet)
    payload["book"]["selection"] = cell
    return open_caller(payload)


def _award_row(number: str, nth: int = 0) -> int:
    """The Excel row of the nth award of decision ``number`` in the demo."""
    rows = [i for i, a in enumerate(demo_content().rows["awards"]) if a.get("decision_number") == number]
    return rows[nth] + 2


def _two_decisions(tmp_path):
    content = demo_content()
    content.rows["decisions"].append(dict(content.rows["decisions"][0], number="46/QĐ-SNgV", order=2,
                                          date=dt.datetime(2025, 12, 23)))
    content.rows["awards"][-1]["decision_number"] = "46/QĐ-SNgV"  # Hoàng Văn E moves to decision 46
    return write_workbook(tmp_path / "ThiDua.xlsx", content)


def test_decision_button_uses_the_selected_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = _two_decisions(tmp_path)
    from xlsrc import macros
    book = _caller(book_path, S.DECISIONS.name, "B3")  # the row of 46/QĐ-SNgV
    macros.decision()
    message = alerts(book)[-1]
    assert message.startswith("Đã lập Quyết định 46/QĐ-SNgV: "), message
    path = message.split(": ", 1)[1]
    assert path.endswith(f"BaoCao/QuyetDinh_46-QD-SNgV_{dt.date.today():%Y-%m-%d}.docx")
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "Tặng Giấy khen cho 01 cá nhân (có danh sách kèm theo)" in text


def test_certificates_button_from_an_award_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = _two_decisions(tmp_path)
    from xlsrc import macros
    book = _caller(book_path, S.AWARDS.name, f"B{_award_row('45/QĐ-SNgV', 1)}")  # a recipient of 45/QĐ-SNgV
    macros.certificates()
    message = alerts(book)[-1]
    assert message.startswith("Đã in 6 giấy khen: "), message
    path = message.split(": ", 1)[1].rstrip(".")
    assert "GiayKhen_45-QD-SNgV" in path
    names = [p.text for p in Document(path).paragraphs if p.text.startswith(("Ông ", "Bà "))]
    assert names == ["Ông Nguyễn Văn A", "Bà Trần Thị B", "Ông Lê Văn C", "Bà Phạm Thị D"]


def test_without_a_decision_row_selected_the_button_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = _two_decisions(tmp_path)
    from xlsrc import macros
    book = _caller(book_path, S.WORKS.name, "B2")
    macros.decision()
    assert "Chọn một dòng quyết định ở trang 'Quyết định'" in alerts(book)[-1]
    assert not (tmp_path / "BaoCao").exists() or not list((tmp_path / "BaoCao").iterdir())
