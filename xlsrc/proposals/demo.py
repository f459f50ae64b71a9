"""The board's side of `thidua demo`: two units' proposals as Word files (a
tờ trình with its danh sách, as units type them: a heading table, a title
that names the form, sections 'I. Tập thể' / 'II. Cá nhân', 'Ông/Bà' before
names), a unit's decision of the year (its annex: the unit's awards) and a
hand-made Excel list, consolidated with the Sở Ngoại vụ workbook into one
checked list, then the year's statistics. The people are fictional."""
from __future__ import annotations

import io
from pathlib import Path

from ..atomic import write_bytes_atomic

SUMMARY, FORM = "Thành tích tóm tắt", "Hình thức, danh hiệu đề nghị"
UNITS = (  # agency, number, title, last column, rows
    ("SỞ TƯ PHÁP", "25/TTr-STP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", SUMMARY, [
        ("", "I. Tập thể", "", ""),
        ("1", "Phòng Bổ trợ tư pháp", "Sở Tư pháp", "Hoàn thành xuất sắc nhiệm vụ năm 2020 và năm 2021"),
        ("", "II. Cá nhân", "", ""),
        ("1", "Ông Lê Minh Quang", "Trưởng phòng Bổ trợ tư pháp", "Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục"),
        ("2", "Bà Nguyễn Thị B", "Phó Chánh Văn phòng", "Hoàn thành xuất sắc nhiệm vụ năm 2021"),
    ]),
    ("SỞ NGOẠI VỤ", "30/TTr-SNgV", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2021", FORM, [
        ("1", "Ông Nguyễn Văn A", "Chánh Văn phòng", "Bằng khen của Chủ tịch UBND tỉnh"),
        ("2", "Bà Trần Thị B", "Phó Chánh Văn phòng", "Bằng khen của Chủ tịch UBND tỉnh"),
        ("3", "Ông Phan Văn Z", "Chuyên viên", "Bằng khen của Chủ tịch UBND tỉnh"),
    ]),
)


def proposal_docx(agency: str, number: str, title: str, header: list[str], rows: list[tuple],
                  parent: str = "UBND TỈNH HÀ TĨNH", dated: str = "Hà Tĩnh, ngày 10 tháng 12 năm 2021") -> bytes:
    """A unit's tờ trình and danh sách đề nghị as a Word file (vi-VN), as units
    type them: the NĐ 30 heading table, the tờ trình's paragraphs, the title
    of the list, then the table; a row with no TT is a section row ('I. Tập
    thể') merged across the table."""
    return unit_docx(agency, number, ["TỜ TRÌNH", "Về việc đề nghị khen thưởng",
                                      "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh",
                                      "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ kết quả họp Hội "
                                      "đồng Thi đua - Khen thưởng, kính đề nghị xem xét, khen thưởng cho các tập thể, cá "
                                      "nhân có tên sau:", title], header, rows, parent, dated)


def unit_docx(agency: str, number: str, paragraphs: list[str], header: list[str], rows: list[tuple],
              parent: str = "UBND TỈNH HÀ TĨNH", dated: str = "Hà Tĩnh, ngày 10 tháng 12 năm 2021") -> bytes:
    """A unit's document with one list: the NĐ 30 heading table, ``paragraphs``
    (the last ones the list's title), the table (a row with no TT is a
    section row merged across), then 'Nơi nhận'."""
    from docx import Document
    from ..report.docx_form import setup_document
    doc = Document()
    setup_document(doc)
    doc.core_properties.language = "vi-VN"
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = f"{parent}\n{agency}"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = f"Số: {number}"
    head.cell(1, 1).text = dated
    for text in paragraphs:
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        table.rows[0].cells[i].text = h
    for r in rows:
        cells = table.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
        if not r[0] and not any(r[2:]):
            cells[1].merge(cells[-1])
    doc.add_paragraph("Nơi nhận:\n- Như trên;\n- Lưu: VT.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def decision_docx() -> bytes:
    """Sở Tư pháp's own decision of the year, sent with its tờ trình: the
    board reads its annex as the unit's awards (consolidate/decision_annex.py)."""
    return unit_docx("SỞ TƯ PHÁP", "40/QĐ-STP", [
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2021",
        "GIÁM ĐỐC SỞ TƯ PHÁP TỈNH HÀ TĨNH", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen của Giám đốc Sở Tư pháp cho 01 tập thể và 02 cá nhân (có danh sách kèm theo).",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 40/QĐ-STP ngày 15 tháng 12 năm 2021 của Giám đốc Sở Tư pháp tỉnh Hà Tĩnh)"],
        ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị"],
        [("I", "Tập thể", ""), ("1", "Phòng Hành chính tư pháp", "Sở Tư pháp"), ("II", "Cá nhân", ""),
         ("1", "Ông Lê Minh Quang", "Trưởng phòng Bổ trợ tư pháp"), ("2", "Bà Hồ Thị Thu", "Chuyên viên")],
        dated="Hà Tĩnh, ngày 15 tháng 12 năm 2021")


def hand_made_list() -> bytes:
    """A commune's list typed by hand in Excel."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "De nghi"
    for line in ("UBND XÃ CẨM BÌNH", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2021", ""):
        ws.append([line])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng đề nghị", "Tóm tắt thành tích"])
    ws.append([1, "Võ Thị Lan", "Công chức Văn hóa - Xã hội", "Giấy khen", "Tích cực trong phong trào"])
    ws.append([2, "Ông Lê Văn Hùng", "Trưởng thôn Bắc", "Huân chương Lao động hạng Ba", "Đóng góp lâu năm"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_board_demo(folder: Path, unit_book: Path, force: bool = False) -> dict[str, Path]:
    """DonVi/ (the units' files, with a copy of the unit workbook), the
    consolidated master and the statistics of its year."""
    units = folder / "DonVi"
    units.mkdir(exist_ok=True)
    files = {}
    for agency, number, title, last, rows in UNITS:
        name = "ToTrinh_" + number.replace("/", "-") + ".docx"
        header = ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", last]
        files[name] = write_bytes_atomic(units / name, proposal_docx(agency, number, title, header, rows), force)
    files["QuyetDinh_40-QD-STP.docx"] = write_bytes_atomic(units / "QuyetDinh_40-QD-STP.docx", decision_docx(), force)
    files["CamBinh.xlsx"] = write_bytes_atomic(units / "DeNghi_XaCamBinh.xlsx", hand_made_list(), force)
    files["SoNgoaiVu.xlsx"] = _reviewed_copy(unit_book, units / "SoNgoaiVu.xlsx", force)
    return files


def _reviewed_copy(source: Path, target: Path, force: bool) -> Path:
    """The unit's workbook after its own review (Rà soát, Danh sách đề nghị), as
    a unit sends it: the board checks each proposal against it."""
    from ..access.files import FileBook
    from ..atomic import atomic_path
    from ..records import read_workbook
    from ..review import run_review
    from ..review.sheets import write_review
    book = FileBook(source, writable=True)
    write_review(book, run_review(read_workbook(book)))
    with atomic_path(target, force) as tmp:
        book.save(tmp)
    return target
