"""The buttons 'Lập quyết định' and 'In giấy khen' (xlsrc.macros.decision and
.certificates), run through xlwings' remote engine on a payload built from
the demo workbook, with the selection on a chosen row."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _frames(path) -> list[tuple[str, int, int]]:
    """Each phôi field of the document: (text, x, y) of its frame in twips from the page's corner."""
    doc = Document(path)
    out = []
    for p in doc.paragraphs:
        frame = p._p.find(f"{W}pPr/{W}framePr")
        if frame is not None:
            out.append((p.text, int(frame.get(f"{W}x")), int(frame.get(f"{W}y"))))
    return out


def test_phoi_button_prints_only_the_fields_of_the_selected_decision(tmp_path, monkeypatch):
    """'In trên phôi' on the row of decision 46: its one recipient, only the
    fields, each at the Mẫu in phôi position; then the PDF puts the name there."""
    from xlsrc.awards.defaults import layout_rows
    monkeypatch.chdir(tmp_path)
    content = demo_content()
    content.rows["decisions"].append(dict(content.rows["decisions"][0], number="46/QĐ-SNgV", order=2,
                                          date=dt.datetime(2025, 12, 23)))
    content.rows["awards"][-1]["decision_number"] = "46/QĐ-SNgV"
    rows = layout_rows()
    next(r for r in rows if r["field"] == "Họ và tên").update(x=40.0, y=95.5, width=210)
    content.rows["print_layout"] = rows
    book_path = write_workbook(tmp_path / "ThiDua.xlsx", content)
    from xlsrc import macros
    book = _caller(book_path, S.DECISIONS.name, "C3")  # the row of 46/QĐ-SNgV
    macros.certificates_phoi()
    message = alerts(book)[-1]
    assert message.startswith("Đã in 1 giấy khen trên phôi (chỉ các trường; in ở tỷ lệ 100%"), message
    path = message.split(": ", 1)[1].rstrip(".")
    assert path.endswith(f"BaoCao/GiayKhen_Phoi_46-QD-SNgV_{dt.date.today():%Y-%m-%d}.docx")
    frames = {text: (x, y) for text, x, y in _frames(path)}
    assert frames["Ông Hoàng Văn E"] == (round(40.0 * 1440 / 25.4), round(95.5 * 1440 / 25.4))
    assert any(t.startswith("Quyết định số 46/QĐ-SNgV") for t in frames)
    texts = [p.text for p in Document(path).paragraphs if p.text]
    assert not any("CỘNG HÒA" in t or t.startswith("TẶNG") for t in texts)  # the phôi has these printed
    assert not any("45/QĐ-SNgV" in t or "Nguyễn Văn A" in t for t in texts)  # only the selected decision

    import shutil
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice/poppler not installed")
    from xlsrc.report import to_pdf

    from .test_certificates import TOLERANCE_MM, _line, pdf_pages
    pages = pdf_pages(to_pdf(Path(path)))
    assert len(pages) == 1
    x0, y0, x1, _, _ = _line(pages[0], "Ông Hoàng Văn E")
    assert abs(y0 - 95.5) <= TOLERANCE_MM and abs((x0 + x1) / 2 - (40.0 + 210 / 2)) <= TOLERANCE_MM


def test_calibrate_button_writes_the_grid_pdf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = write_workbook(tmp_path / "ThiDua.xlsx", demo_content())
    from xlsrc import macros
    book = _caller(book_path, S.WORKS.name, "B2")  # no decision needed
    macros.calibrate()
    message = alerts(book)[-1]
    assert message.startswith("Đã ghi lưới căn chỉnh phôi: "), message
    path = Path(message.split(": ", 1)[1].split(". In ở", 1)[0])
    assert path.name == f"HieuChinhPhoi_{dt.date.today():%Y-%m-%d}.pdf" and path.parent.name == "BaoCao"
    assert path.read_bytes().startswith(b"%PDF") and "tỷ lệ 100%" in message
    import shutil
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler not installed")
    import subprocess
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Họ và tên (X; Y; rộng: 48,5; 92; 200 mm; 24 pt)" in " ".join(text.split())


def test_calibrate_button_stops_on_an_unreadable_layout_row(tmp_path, monkeypatch):
    from xlsrc.awards.defaults import layout_rows
    monkeypatch.chdir(tmp_path)
    content = demo_content()
    rows = layout_rows()
    rows[0]["x"] = "mười"
    content.rows["print_layout"] = rows
    book_path = write_workbook(tmp_path / "ThiDua.xlsx", content)
    from xlsrc import macros
    book = _caller(book_path, S.WORKS.name, "B2")
    macros.calibrate()
    assert alerts(book)[-1] == "Có 1 lỗi ở trang 'Mẫu in phôi' (xem cột 'Kiểm tra'); sửa rồi bấm lại."
    assert not (tmp_path / "BaoCao").exists() or not list((tmp_path / "BaoCao").glob("*.pdf"))


def test_dossier_button_writes_the_latest_meeting_s_dossier(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = write_workbook(tmp_path / "ThiDua.xlsx", demo_content())
    from xlsrc import macros
    book = _caller(book_path, S.PROPOSAL_SHEET, "A2")
    macros.dossier()
    message = alerts(book)[-1]
    assert message.startswith("Đã lập hồ sơ đề nghị khen thưởng năm 2025: 8 tệp trong "), message
    folder = Path(message.split(" tệp trong ", 1)[1].split(". ", 1)[0])
    assert folder.parent.name == "BaoCao" and folder.name.startswith("HoSoDeNghi_2025")
    names = sorted(p.name for p in folder.iterdir())
    assert "ToTrinh_Chu-tich-Uy-ban-nhan-dan-tinh.docx" in names and "DanhMucHoSo_2025.docx" in names
    assert "03 đề nghị gửi cấp trên, 02 đơn vị quyết định" not in message and "3 đề nghị gửi cấp trên" in message


def test_register_button_numbers_the_selected_decision(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book_path = _two_decisions(tmp_path)
    from xlsrc import macros
    from .xlwings_payload import actions
    book = _caller(book_path, S.DECISIONS.name, "B3")  # 46/QĐ-SNgV: one recipient
    macros.register()
    assert alerts(book)[-1].startswith("Đã vào sổ vàng 1 tập thể, cá nhân của Quyết định 46/QĐ-SNgV: số 1–1"), alerts(book)
    writes = [a for a in actions(book) if a["func"] == "setValues"]
    assert any(1 in row and "46/QĐ-SNgV" in row for w in writes for row in w["values"])
