"""A unit's decision sent to the board as a Word file: the list annexed to it
is read as the unit's awards (consolidate/decision_annex.py), the form, the
decision and the achievement taken from its title and said, Điều 1's counts
checked against the list."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from docx import Document

from xlsrc import schema as S
from xlsrc.awards import make_decision
from xlsrc.awards.demo import NUMBER
from xlsrc.consolidate import consolidate, write_master
from xlsrc.consolidate.extract import extract_file
from xlsrc.demo_data import demo_content


def _codes(ex) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in ex["findings"]:
        out.setdefault(f["code"], []).append(f)
    return out


def test_a_decision_made_by_thidua_and_sent_to_the_board_gives_the_units_awards(read_back, tmp_path):
    src = make_decision(read_back(demo_content()), NUMBER, tmp_path / "QuyetDinh.docx")
    ex = extract_file(str(src))
    assert ex["status"] == "ok", ex["message"]
    rows = ex["rows"]["awards"]
    assert [r["recipient"] for r in rows][:3] == ["Phòng Hợp tác quốc tế", "Phòng Lãnh sự - Biên giới", "Nguyễn Văn A"]
    assert [r["recipient_kind"] for r in rows] == [S.COLLECTIVE] * 2 + [S.INDIVIDUAL] * 5
    assert [r.get("gender") for r in rows][2:4] == ["Nam", "Nữ"]          # from Ông/Bà, then dropped
    assert {r["form"] for r in rows} == {"Giấy khen"}
    assert {r["decision_number"] for r in rows} == {"45/QĐ-SNgV"}
    assert {r["decision_date"] for r in rows} == {dt.datetime(2025, 12, 22)}
    assert {r["authority"] for r in rows} == {"Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh"}
    assert {r["field"] for r in rows} == {"Thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025"}
    assert "Số tiền thưởng (đồng): 1.420.000" in rows[0]["extra"]
    assert ex["unit_text"] == "Sở Ngoại vụ"
    said = _codes(ex)
    assert "ANNEX_COUNT_DIFFERS" not in said and not ex["errors"]
    (note,) = said["AWARD_FROM_DECISION_TITLE"]
    assert "7 dòng" in note["message"] and "'TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN'" in note["message"]
    assert "; thành tích từ dòng 'Về việc tặng Giấy khen cho các tập thể" in note["message"]
    assert (note["sheet"], note["row"], note["column"], note["severity"]) == ("Bảng 3", 3, "Hình thức, danh hiệu",
                                                                               "warning")
    assert "số quyết định, ngày quyết định, người ký từ dòng '(Kèm theo Quyết định số 45/QĐ-SNgV ngày 22 tháng 12 năm " \
        "2025" in note["message"]
    result = consolidate([str(src)], jobs=1)
    assert "AWARD_FROM_DECISION_TITLE" in {f["code"] for f in result.findings}   # said by the command, too
    out = write_master(result, tmp_path / "master.xlsx")
    sheet = list(openpyxl.load_workbook(out)[S.AWARDS.name].iter_rows(values_only=True))
    master = [dict(zip(sheet[0], r)) for r in sheet[1:] if any(v is not None for v in r)]
    assert len(master) == 7 and master[2]["Tên tập thể, cá nhân"] == "Nguyễn Văn A"
    assert master[2]["Số quyết định"] == "45/QĐ-SNgV" and master[2]["Đơn vị báo cáo"] == "Sở Ngoại vụ"


def _list_docx(path: Path, lines: list[str], header: tuple, rows: list[tuple], *more: tuple) -> str:
    """A Word file of ``lines`` then one table: ``header`` over ``rows``; then,
    for each of ``more`` (title, header, rows), that title and its table."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    for title, head, body in ((None, header, rows), *more):
        if title:
            doc.add_paragraph(title)
        table = doc.add_table(rows=1, cols=len(head))
        for c, text in enumerate(head):
            table.cell(0, c).text = text
        for values in body:
            for c, v in zip(table.add_row().cells, values):
                c.text = v
    doc.save(path)
    return str(path)


def _commune_decision(path: Path, said: int, rows: list[tuple], more: list[tuple], number: str = "12/QĐ-UBND",
                      day: str = "05/01/2026", article: str = "") -> Path:
    """A commune's decision as its văn thư types it: the NĐ 30 heading, Điều 1
    with its count, the annex with its own 'Thành tích' column and no form
    column, continued on the next page in a table without its header."""
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UỶ BAN NHÂN DÂN\nXÃ CẨM BÌNH"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = f"Số: {number}"
    d, m, y = day.split("/")
    head.cell(1, 1).text = f"Cẩm Bình, ngày {d} tháng {m} năm {y}"
    for text in ("QUYẾT ĐỊNH", "Về việc công nhận danh hiệu Lao động tiên tiến năm 2025",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CẨM BÌNH", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã,", "QUYẾT ĐỊNH:",
                 article or f"Điều 1. Công nhận danh hiệu Lao động tiên tiến năm 2025 cho {said:02d} cá nhân (có "
                 f"danh sách kèm theo).", "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
                 "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025",
                 f"(Kèm theo Quyết định số {number} ngày {day} của Chủ tịch UBND xã Cẩm Bình)"):
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=4)
    for c, text in enumerate(("STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Thành tích")):
        table.cell(0, c).text = text
    for values in rows:
        for c, v in zip(table.add_row().cells, values):
            c.text = v
    if more:
        doc.add_page_break()
        rest = doc.add_table(rows=0, cols=4)
        for values in more:
            for c, v in zip(rest.add_row().cells, values):
                c.text = v
    doc.save(path)
    return path


ROWS = [("1", "Lê Văn Hùng", "Công chức Văn phòng - Thống kê", "Hoàn thành tốt nhiệm vụ"),
        ("2", "Võ Thị Lan", "Công chức Tư pháp - Hộ tịch", "Hoàn thành tốt nhiệm vụ")]
MORE = [("3", "Trần Văn Nam", "Công an xã", "Hoàn thành xuất sắc nhiệm vụ")]


def test_a_communes_decision_continued_on_the_next_page_with_its_own_achievements(tmp_path):
    ex = extract_file(str(_commune_decision(tmp_path / "QD_CamBinh.docx", 3, ROWS, MORE)))
    assert ex["status"] == "ok", ex["message"]
    rows = ex["rows"]["awards"]
    assert [r["recipient"] for r in rows] == ["Lê Văn Hùng", "Võ Thị Lan", "Trần Văn Nam"]
    assert [(r["source_sheet"], r["source_row"]) for r in rows] == [("Bảng 2", 2), ("Bảng 2", 3), ("Bảng 3", 1)]
    assert {r["form"] for r in rows} == {"Lao động tiên tiến"}
    assert {r["recipient_kind"] for r in rows} == {S.INDIVIDUAL}   # 'DANH SÁCH CÁ NHÂN …', said
    assert {(r["decision_number"], r["decision_date"]) for r in rows} == {("12/QĐ-UBND", dt.datetime(2026, 1, 5))}
    assert [r["field"] for r in rows] == ["Hoàn thành tốt nhiệm vụ"] * 2 + ["Hoàn thành xuất sắc nhiệm vụ"]  # its own
    said = _codes(ex)
    assert "KIND_FROM_NAME" not in said and "ANNEX_COUNT_DIFFERS" not in said
    messages = " ".join(f["message"] for f in said["AWARD_FROM_DECISION_TITLE"])
    assert "'Lĩnh vực, phong trào'" not in messages and "thành tích từ" not in messages
    assert "'Hình thức, danh hiệu', 'Đối tượng', 'Số quyết định', 'Ngày quyết định', 'Cấp khen'" in messages
    assert "đối tượng 'Cá nhân' từ tiêu đề 'DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN" in messages


def test_an_annex_that_lists_fewer_than_article_one_counts_is_an_error(tmp_path):
    ex = extract_file(str(_commune_decision(tmp_path / "QD.docx", 4, ROWS, MORE)))
    (err,) = _codes(ex)["ANNEX_COUNT_DIFFERS"]
    assert err["severity"] == "error" and ex["errors"] >= 1
    assert "Điều 1 của quyết định ghi 04 cá nhân" in err["message"] and "danh sách kèm theo có 03 cá nhân" in err["message"]
    assert (err["sheet"], err["row"], err["column"], err["cell"]) == ("Bảng 2", 2, "Đối tượng", "B2")  # its first row
    ex = extract_file(str(_commune_decision(tmp_path / "QD2.docx", 3, ROWS, MORE,
                                            article="Điều 1. Công nhận cho 01 tập thể và 03 cá nhân.")))
    (err,) = _codes(ex)["ANNEX_COUNT_DIFFERS"]
    assert "ghi 01 tập thể và 03 cá nhân ('Điều 1. Công nhận cho 01 tập thể và 03 cá nhân.'), danh sách kèm theo " \
        "có 00 tập thể và 03 cá nhân: hãy kiểm tra" in err["message"]
    assert len(ex["rows"]["awards"]) == 3      # what the list holds is still read


def test_a_list_that_proposes_under_a_decision_line_stays_a_proposal(tmp_path):
    """'DANH SÁCH ĐỀ NGHỊ …' is never taken for those granted, whatever line follows it."""
    ex = extract_file(_list_docx(tmp_path / "DN.docx", ["SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
                                                        "(Kèm theo Quyết định số 15/QĐ-STP ngày 02/12/2025 của Giám đốc "
                                                        "Sở Tư pháp)"],
                                 ("TT", "Họ và tên", "Chức vụ, đơn vị"), [("1", "Ông Nguyễn Văn An", "Trưởng phòng")]))
    assert ex["status"] == "ok", ex["message"]
    assert "awards" not in ex["rows"] and [r["recipient"] for r in ex["rows"]["unit_proposals"]] == ["Nguyễn Văn An"]


def test_an_annex_with_its_own_form_column_is_read_as_it_is(tmp_path):
    """Its own 'Hình thức khen thưởng' column is never replaced, and the list is
    one of awards granted, not of proposals: only the decision is taken from the title."""
    ex = extract_file(_list_docx(tmp_path / "QD20.docx", [
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN",
        "(Kèm theo Quyết định số 20/QĐ-UBND ngày 10/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Họ và tên", "Hình thức khen thưởng", "Lý do khen"),
        [("1", "Ông Lê Văn Hùng", "Giấy khen", "Cứu người"), ("2", "Thôn Bắc", "Giấy khen", "Về đích")]))
    rows = ex["rows"]["awards"]
    assert [(r["form"], r["field"]) for r in rows] == [("Giấy khen", "Cứu người"), ("Giấy khen", "Về đích")]
    assert [(r["recipient"], r.get("recipient_kind")) for r in rows] == [("Lê Văn Hùng", S.INDIVIDUAL),
                                                                    ("Thôn Bắc", S.COLLECTIVE)]  # a village
    assert {r["decision_number"] for r in rows} == {"20/QĐ-UBND"} and "unit_proposals" not in ex["rows"]
    (note,) = _codes(ex)["AWARD_FROM_DECISION_TITLE"]
    assert "không có cột 'Số quyết định', 'Ngày quyết định', 'Cấp khen': 2 dòng" in note["message"]
    assert "hình thức" not in note["message"] and note["column"] == "Số quyết định"


def test_a_units_decisions_add_to_its_awards_and_replace_only_the_same_decision_sent_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _commune_decision(folder / "QD12.docx", 3, ROWS, MORE)
    _commune_decision(folder / "QD15.docx", 1, [("1", "Hồ Thị Mai", "Trường Mầm non", "Tận tụy")], [],
                      number="15/QĐ-UBND", day="20/01/2026")
    _commune_decision(folder / "QD12_sua.docx", 2, ROWS, [], day="06/01/2026")  # 12/QĐ-UBND corrected, a day later
    result = consolidate([str(folder)], jobs=1)
    files = {Path(f.file).name: f for f in result.files}
    assert files["QD15.docx"].status == "ok" and files["QD12_sua.docx"].status == "ok"
    assert files["QD12.docx"].status == "duplicate" and "QD12_sua.docx" in files["QD12.docx"].message
    names = sorted(r["recipient"] for r in result.content.rows["awards"])
    assert names == ["Hồ Thị Mai", "Lê Văn Hùng", "Võ Thị Lan"]


def test_a_decision_sent_with_the_units_workbook_is_not_counted_twice(read_back, tmp_path):
    """The workbook's Khen thưởng lists the decision's awards already: they are taken once, and the file says so."""
    from xlsrc.builder import write_workbook
    folder = tmp_path / "in"
    folder.mkdir()
    book = write_workbook(folder / "SoNgoaiVu.xlsx", demo_content())
    make_decision(read_back(demo_content()), NUMBER, folder / "QuyetDinh.docx")
    alone = len(consolidate([str(book)], jobs=1).content.rows["awards"])
    result = consolidate([str(folder)], jobs=1)
    assert len(result.content.rows["awards"]) == alone
    (decision,) = [f for f in result.files if f.file.endswith("QuyetDinh.docx")]
    assert decision.rows == 0 and "7 dòng đã có trong danh sách khen thưởng của đơn vị" in decision.message


def test_an_annex_sent_alone_names_its_unit_by_the_agency_of_who_signed(tmp_path):
    """No heading: the unit is the agency its signer leads ('của Chủ tịch UBND xã Cẩm Bình'), never the signer."""
    from xlsrc.consolidate.units import facts_from_lines
    ex = extract_file(_list_docx(tmp_path / "DanhSach.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 20/QĐ-UBND ngày 10/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Họ và tên", "Chức vụ"), [("1", "Bà Võ Thị Lan", "Công chức")]))
    assert ex["unit_text"] == "UBND xã Cẩm Bình"
    assert [(r["recipient"], r["authority"], r.get("field")) for r in ex["rows"]["awards"]] == [
        ("Võ Thị Lan", "Chủ tịch UBND xã Cẩm Bình", None)]                # no 'Về việc': no achievement
    assert "thành tích" not in _codes(ex)["AWARD_FROM_DECISION_TITLE"][0]["message"]
    said = {"của Phó Giám đốc Sở Y tế": "Sở Y tế", "của Giám đốc phụ trách": "Giám đốc phụ trách",
            "của Hiệu trưởng Trường THCS Cẩm Bình": "Trường THCS Cẩm Bình"}
    for tail, unit in said.items():
        assert facts_from_lines([f"(Kèm theo Quyết định số 1/QĐ-SYT {tail})"])["annex_unit"] == unit, tail


def test_a_draft_decisions_annex_with_sections_merged_across_and_the_form_said_in_ve_viec(tmp_path):
    """The number and day left blank for the văn thư: no decision is guessed; the
    form named only by 'Về việc …'; sections 'Tập thể' / 'Cá nhân' merged across
    the table, not numbered: headings, never awards."""
    doc = Document()
    for text in ("UBND TỈNH HÀ TĨNH", "SỞ Y TẾ", "QUYẾT ĐỊNH",
                 "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân đã có thành tích trong "
                 "phong trào Xây dựng nông thôn mới.", "Điều 1. Tặng Bằng khen cho 01 tập thể và 02 cá nhân."):
        doc.add_paragraph(text)
    signed = doc.add_table(rows=1, cols=2)   # 'Nơi nhận' beside the signature, then the annex on its own page
    signed.cell(0, 0).text, signed.cell(0, 1).text = "Nơi nhận:\n- Như Điều 3;", "CHỦ TỊCH\n\nVõ Văn X"
    for text in ("DANH SÁCH TẬP THỂ, CÁ NHÂN",
                 "(Kèm theo Quyết định số      /QĐ-UBND ngày    tháng 12 năm 2025 của Chủ tịch UBND tỉnh Hà Tĩnh;)"):
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=3)
    for c, text in enumerate(("STT", "Họ và tên", "Chức vụ, đơn vị")):
        table.cell(0, c).text = text
    for values in (("Khối y tế cơ sở",), ("Tập thể",), ("1", "Trạm Y tế xã Cẩm Bình", "Sở Y tế"), ("Cá nhân",),
                   ("1", "Bà Lê Thị Hoa", "Trưởng Trạm"), ("", "Tuyến xã", ""), ("2", "Ông Phan Văn Tú", "Y sĩ")):
        cells = table.add_row().cells
        if len(values) == 1:  # merged across the table (a heading under the numbers' column, too)
            cells[0 if values[0] != "Khối y tế cơ sở" else 1].merge(cells[-1]).text = values[0]
            continue
        if values[1] == "Tuyến xã":  # bold, alone on its row
            cells[1].paragraphs[0].add_run("Tuyến xã").bold = True
            continue
        for c, v in zip(cells, values):
            c.text = v
    doc.save(tmp_path / "QD_du_thao.docx")
    ex = extract_file(str(tmp_path / "QD_du_thao.docx"))
    rows = ex["rows"]["awards"]
    assert [(r["recipient"], r["recipient_kind"]) for r in rows] == [
        ("Trạm Y tế xã Cẩm Bình", S.COLLECTIVE), ("Lê Thị Hoa", S.INDIVIDUAL), ("Phan Văn Tú", S.INDIVIDUAL)]
    assert {r["form"] for r in rows} == {"Bằng khen cấp bộ, ban, ngành, tỉnh"}
    assert {(r.get("decision_number"), r.get("decision_date")) for r in rows} == {(None, None)}
    assert {r["authority"] for r in rows} == {"Chủ tịch UBND tỉnh Hà Tĩnh"}
    assert {r["field"] for r in rows} == {"Thành tích trong phong trào Xây dựng nông thôn mới"}
    (note,) = _codes(ex)["AWARD_FROM_DECISION_TITLE"]
    assert "bảng không có cột 'Hình thức, danh hiệu', 'Cấp khen', 'Lĩnh vực, phong trào': 3 dòng (dòng 4, 6, 8)" \
        in note["message"]
    assert "hình thức 'Bằng khen cấp bộ, ban, ngành, tỉnh' từ dòng 'Về việc tặng Bằng khen" in note["message"]
    assert "; người ký từ dòng '(Kèm theo Quyết định số /QĐ-UBND" in note["message"]
    assert note["sheet"] == "Bảng 2" and note["cell"] == "B4" and "ANNEX_COUNT_DIFFERS" not in _codes(ex)


def test_an_annex_with_every_column_of_its_own_and_a_line_that_names_no_signer(tmp_path):
    """Nothing to take from the title: no warning. A 'Kèm theo' line without 'của …'
    names no signer. A table under such a line that lists no one is no annex."""
    ex = extract_file(_list_docx(tmp_path / "QD7.docx", [
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN", "(Kèm theo Quyết định số 7/QĐ-UBND ngày 01/02/2026)"],
        ("TT", "Họ và tên", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cấp khen", "Thành tích"),
        [("1", "Lê Văn Hùng", "Giấy khen", "7/QĐ-UBND", "01/02/2026", "Chủ tịch UBND xã", "Cứu người")]))
    (row,) = ex["rows"]["awards"]
    assert (row["form"], row["decision_number"], row["authority"], row["field"]) == (
        "Giấy khen", "7/QĐ-UBND", "Chủ tịch UBND xã", "Cứu người")
    assert "AWARD_FROM_DECISION_TITLE" not in _codes(ex)
    ex = extract_file(_list_docx(tmp_path / "QD8.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN", "(KÈM THEO QUYÊT ĐINH SÔ 8/QĐ-UBND NGAY 02/02/2026)"],  # accents astray
        ("TT", "Họ và tên"), [("1", "Lê Văn Hùng")]))
    (row,) = ex["rows"]["awards"]
    assert (row["decision_number"], row["decision_date"], row.get("authority")) == (
        "8/QĐ-UBND", dt.datetime(2026, 2, 2), None)
    assert "người ký" not in _codes(ex)["AWARD_FROM_DECISION_TITLE"][0]["message"]
    ex = extract_file(_list_docx(tmp_path / "QD9.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN", "(Kèm theo Quyết định số 9/QĐ-UBND ngày 02/02/2026)"],
        ("Nơi nhận:", "GIÁM ĐỐC"), [("- Lưu: VT.", "Nguyễn Văn X")]))
    assert ex["status"] == "skipped" and "Kèm theo Quyết định số" in ex["message"]


def test_a_decisions_second_list_under_its_own_title_is_the_same_decisions(tmp_path):
    """'DANH SÁCH TẬP THỂ …' under the 'Kèm theo' line, then 'DANH SÁCH CÁ NHÂN …'
    without one: both lists are the decision's, each row of the kind its title names."""
    ex = extract_file(_list_docx(tmp_path / "QD30.docx", [
        "UBND XÃ CẨM BÌNH", "QUYẾT ĐỊNH", "Về việc tặng Giấy khen năm 2025",
        "Điều 1. Tặng Giấy khen cho 01 tập thể và 02 cá nhân.", "DANH SÁCH TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 30/QĐ-UBND ngày 20/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Tên tập thể", "Thành tích"), [("1", "Thôn Bắc", "Về đích")],
        ("DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN", ("TT", "Họ và tên", "Chức vụ"),
         [("1", "Ông Lê Văn Hùng", "Trưởng thôn"), ("2", "Bà Võ Thị Lan", "Công chức")])))
    assert [(r["recipient"], r["recipient_kind"], r["decision_number"]) for r in ex["rows"]["awards"]] == [
        ("Thôn Bắc", S.COLLECTIVE, "30/QĐ-UBND"), ("Lê Văn Hùng", S.INDIVIDUAL, "30/QĐ-UBND"),
        ("Võ Thị Lan", S.INDIVIDUAL, "30/QĐ-UBND")]
    said = _codes(ex)
    assert "ANNEX_COUNT_DIFFERS" not in said and "COLUMN_MISSING" not in said
    assert "đối tượng 'Cá nhân' từ tiêu đề 'DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN'" in said[
        "AWARD_FROM_DECISION_TITLE"][1]["message"]


def test_a_list_after_the_annex_whose_title_names_no_award_is_no_ones_award(tmp_path):
    """The council's members listed after the decision's annex: not awards."""
    ex = extract_file(_list_docx(tmp_path / "QD31.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 31/QĐ-UBND ngày 20/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Họ và tên", "Chức vụ"), [("1", "Lê Văn Hùng", "Trưởng thôn")],
        ("THÀNH PHẦN HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG XÃ", ("TT", "Họ và tên", "Chức vụ"),
         [("1", "Võ Văn X", "Chủ tịch Hội đồng")])))
    assert [r["recipient"] for r in ex["rows"]["awards"]] == ["Lê Văn Hùng"]


def test_an_annex_that_names_no_achievement_is_said_once_as_a_warning_not_an_error(tmp_path):
    """Nothing in the file says the achievement (no column, no 'Về việc', no
    '… thành tích …' line): the column stays empty with one warning naming
    the rows (the unit cannot mend its decision), not 'COLUMN_MISSING'."""
    ex = extract_file(_list_docx(tmp_path / "DanhSach.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 20/QĐ-UBND ngày 10/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Họ và tên", "Chức vụ"), [("1", "Bà Võ Thị Lan", "Công chức"), ("2", "Ông Lê Văn Hùng", "Kế toán")]))
    said = _codes(ex)
    assert "COLUMN_MISSING" not in said and not [f for f in ex["findings"] if f["severity"] == "error"]
    (note,) = said["ANNEX_FIELD_UNSAID"]
    assert (note["column"], note["row"], note["severity"]) == ("Lĩnh vực, phong trào", 2, "warning")
    assert "2 dòng (dòng 2, 3) để trống cột này" in note["message"]


def test_the_achievement_line_under_an_annexs_title_gives_the_field(tmp_path):
    """'Đã có thành tích xuất sắc trong …' under the title (no 'Về việc'
    line in the file): the achievement, said with the other columns taken."""
    ex = extract_file(_list_docx(tmp_path / "DanhSach.docx", [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "Đã có thành tích xuất sắc trong phong trào thi đua “Chung sức xây dựng nông thôn mới” năm 2025",
        "(Kèm theo Quyết định số 20/QĐ-UBND ngày 10/12/2025 của Chủ tịch UBND xã Cẩm Bình)"],
        ("TT", "Họ và tên", "Chức vụ"), [("1", "Bà Võ Thị Lan", "Công chức")]))
    assert [r["field"] for r in ex["rows"]["awards"]] == [
        "Thành tích xuất sắc trong phong trào thi đua “Chung sức xây dựng nông thôn mới” năm 2025"]
    said = _codes(ex)
    assert "ANNEX_FIELD_UNSAID" not in said
    assert "; thành tích từ dòng 'Đã có thành tích xuất sắc" in said["AWARD_FROM_DECISION_TITLE"][0]["message"]


def test_a_word_list_of_awards_granted_names_people_without_their_honorifics(tmp_path):
    """A Word table of a unit's awards that annexes no decision: 'Ông …', 'Bà …', 'Đồng chí …' go from the
    names as in a decision's annex (the same person is one name in the master), Ông/Bà giving the gender."""
    ex = extract_file(_list_docx(tmp_path / "KetQua.docx", ["SỞ TƯ PHÁP", "KẾT QUẢ KHEN THƯỞNG NĂM 2025"],
                                 ("TT", "Họ và tên", "Hình thức khen thưởng", "Thành tích", "Số quyết định", "Cấp khen"),
                                 [("1", "Ông Lê Văn Hùng", "Giấy khen", "Cứu người", "45/QĐ-STP", "Giám đốc Sở"),
                                  ("2", "Bà Võ Thị Lan", "Giấy khen", "Cứu người", "45/QĐ-STP", "Giám đốc Sở"),
                                  ("3", "Đồng chí Trần Văn Nam", "Giấy khen", "Cứu người", "45/QĐ-STP", "Giám đốc Sở")]))
    assert [(r["recipient"], r.get("recipient_kind"), r.get("gender")) for r in ex["rows"]["awards"]] == [
        ("Lê Văn Hùng", S.INDIVIDUAL, "Nam"), ("Võ Thị Lan", S.INDIVIDUAL, "Nữ"), ("Trần Văn Nam", S.INDIVIDUAL, None)]


def test_a_word_list_with_the_decisions_that_granted_is_of_awards_not_proposals(tmp_path):
    """'TT | Họ và tên | Hình thức khen thưởng | Thành tích | Số quyết định' under 'KẾT QUẢ KHEN THƯỞNG': who was
    granted what by which decision, nothing saying 'đề nghị': the unit's awards (as the same table in a
    spreadsheet is), not its proposals; the same table under 'DANH SÁCH ĐỀ NGHỊ …' stays a proposal."""
    head = ("TT", "Họ và tên", "Hình thức khen thưởng", "Thành tích", "Số quyết định")
    body = [("1", "Lê Văn Hùng", "Giấy khen", "Cứu người", "45/QĐ-STP")]
    granted = extract_file(_list_docx(tmp_path / "KetQua.docx", ["SỞ TƯ PHÁP", "KẾT QUẢ KHEN THƯỞNG NĂM 2025"],
                                      head, body))
    assert "unit_proposals" not in granted["rows"]
    assert [(r["recipient"], r["decision_number"]) for r in granted["rows"]["awards"]] == [("Lê Văn Hùng", "45/QĐ-STP")]
    proposed = extract_file(_list_docx(tmp_path / "DeNghi.docx", ["SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"],
                                       head, body))
    assert "awards" not in proposed["rows"] and len(proposed["rows"]["unit_proposals"]) == 1


def test_a_word_list_of_awards_with_the_position_and_the_unit_in_two_columns(tmp_path):
    """'Chức vụ | Đơn vị công tác' in a Word table of awards: one 'Chức vụ, đơn vị', as in a spreadsheet."""
    ex = extract_file(_list_docx(tmp_path / "KetQua.docx", ["SỞ Y TẾ", "KẾT QUẢ KHEN THƯỞNG NĂM 2025"],
                                 ("TT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Hình thức khen thưởng",
                                  "Số quyết định", "Thành tích"),
                                 [("1", "Nguyễn Văn An", "Trưởng khoa", "Bệnh viện tỉnh", "Giấy khen", "45/QĐ-SYT",
                                   "Hoàn thành xuất sắc")]))
    assert [(r["recipient_unit"], r.get("extra")) for r in ex["rows"]["awards"]] == [("Trưởng khoa, Bệnh viện tỉnh",
                                                                                     None)]


def test_a_word_list_of_awards_with_the_name_and_the_position_in_one_column(tmp_path):
    """'Họ và tên, chức vụ, đơn vị' in a Word table of awards: the name and the position, split, as in a spreadsheet."""
    ex = extract_file(_list_docx(tmp_path / "KetQua.docx", ["SỞ Y TẾ", "KẾT QUẢ KHEN THƯỞNG NĂM 2025"],
                                 ("TT", "Họ và tên, chức vụ, đơn vị", "Hình thức khen thưởng", "Số quyết định",
                                  "Thành tích"),
                                 [("1", "Ông Nguyễn Văn An, Trưởng khoa Nội", "Giấy khen", "45/QĐ-SYT", "Cứu người")]))
    assert [(r["recipient"], r["recipient_unit"]) for r in ex["rows"]["awards"]] == [("Nguyễn Văn An", "Trưởng khoa Nội")]
    assert "NAME_WITH_POSITION" in [f["code"] for f in ex["findings"]]


def test_a_word_list_of_awards_whose_form_is_in_its_title_or_its_sections(tmp_path):
    """A Word table 'TT | Họ và tên | Chức vụ, đơn vị' under 'DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG
    TIÊN TIẾN NĂM 2025' (no 'Kèm theo Quyết định' line), or under sections 'I. BẰNG KHEN …', 'II. GIẤY KHEN …': each
    row its form (FORM_FROM_TITLE), as in a spreadsheet, not the file skipped as listing nothing."""
    ex = extract_file(_list_docx(tmp_path / "LDTT.docx", ["SỞ TƯ PHÁP", "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU "
                                                          "LAO ĐỘNG TIÊN TIẾN NĂM 2025"],
                                 ("TT", "Họ và tên", "Chức vụ, đơn vị"), [("1", "Nguyễn Văn An", "Chuyên viên")]))
    assert ex["status"] == "ok" and [(r["recipient"], r["form"]) for r in ex["rows"]["awards"]] == [
        ("Nguyễn Văn An", "Lao động tiên tiến")]
    assert [f["code"] for f in ex["findings"] if f["code"] == "FORM_FROM_TITLE"] == ["FORM_FROM_TITLE"]
    ex = extract_file(_list_docx(tmp_path / "KT.docx", ["SỞ TƯ PHÁP", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG "
                                                        "NĂM 2025"],
                                 ("TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"),
                                 [("I", "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", ""), ("1", "Ông Trần Văn Minh", "Giám đốc"),
                                  ("II", "GIẤY KHEN CỦA GIÁM ĐỐC SỞ", ""), ("1", "Phòng Hành chính", "")]))
    assert [(r["recipient"], r["form"], r["recipient_kind"]) for r in ex["rows"]["awards"]] == [
        ("Trần Văn Minh", "Bằng khen cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL), ("Phòng Hành chính", "Giấy khen",
                                                                              S.COLLECTIVE)]


def test_a_word_proposal_with_the_position_typed_after_the_name(tmp_path):
    """A tờ trình's list under 'Họ và tên' only: 'Ông Nguyễn Văn An, Trưởng phòng' is the name, then the position."""
    ex = extract_file(_list_docx(tmp_path / "DN.docx", ["SỞ TƯ PHÁP", "DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2025"],
                                 ("TT", "Họ và tên", "Hình thức khen thưởng đề nghị"),
                                 [("1", "Ông Nguyễn Văn An, Trưởng phòng", "Giấy khen")]))
    assert [(r["recipient"], r["position"]) for r in ex["rows"]["unit_proposals"]] == [("Nguyễn Văn An", "Trưởng phòng")]


def test_a_word_list_with_a_title_column_and_a_commendation_column_counts_both(tmp_path):
    """'Danh hiệu thi đua | Hình thức khen thưởng' in a Word table: a row filling both is two awards, as in a
    spreadsheet (the Word and the spreadsheet lists are made ready and finished by the same two steps)."""
    ex = extract_file(_list_docx(tmp_path / "KetQua.docx", ["TRƯỜNG THCS KIM ĐỒNG", "KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM "
                                                                                     "HỌC 2024-2025"],
                                 ("TT", "Họ và tên", "Chức vụ", "Danh hiệu thi đua", "Hình thức khen thưởng"),
                                 [("1", "Nguyễn Văn An", "Giáo viên", "Lao động tiên tiến", "Giấy khen")]))
    assert [(r["recipient"], r["form"]) for r in ex["rows"]["awards"]] == [
        ("Nguyễn Văn An", "Lao động tiên tiến"), ("Nguyễn Văn An", "Giấy khen")]
    assert "FORMS_IN_TWO_COLUMNS" in [f["code"] for f in ex["findings"]]
