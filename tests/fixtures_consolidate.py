"""Real files for the consolidation tests and benchmark: workbooks from our
template, hand-made tables like the annex of report 180/BC-SNgV, .xls, .ods,
encrypted, corrupt."""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

from xlsrc.builder import Content, write_workbook

D = dt.datetime

SEED_WORKS = [  # the annex of 180/BC-SNgV, as typed
    (1, "Khởi công xây dựng Dự án hệ thống thủy lợi huyện Nông Bốc tỉnh Khăm Muộn, nước Cộng hòa dân chủ "
        "nhân dân Lào", "Năm 2021", "Năm 2022", "95% (dự kiến khởi công trong tháng 12/2021)"),
    (2, "Ký kết thỏa thuận hợp tác giữa Ủy ban nhân dân tỉnh Hà Tĩnh và Tổ chức Pháp nhân công ích Quản lý "
        "lao động quốc tế (IPM) Nhật Bản", "Tháng 4", "Tháng 12", "100%"),
    (3, "Tổ chức lớp tiếng Lào cho cán bộ công chức viên chức của tỉnh", "Tháng 7", "Tháng 9",
     "Sở Ngoại vụ đã có văn bản đề nghị UBND tỉnh cho phép lùi thời gian tổ chức lớp tiếng Lào nói trên "
     "sang năm 2022."),
]


def info(unit="Sở Ngoại vụ", issuing="SỞ NGOẠI VỤ", number="180/BC-SNgV", date=D(2021, 11, 18), **more):
    base = {"parent_body": "UBND TỈNH HÀ TĨNH", "issuing_body": issuing, "unit_name": unit,
            "doc_number": number, "place": "Hà Tĩnh", "doc_date": date, "doc_type": "Báo cáo",
            "summary": "Tổng kết phong trào thi đua", "recipient": "Ban Thi đua - Khen thưởng tỉnh",
            "movement": "phong trào thi đua năm 2021", "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn A",
            "recipients": "- Như trên;\n- Lưu: VT."}
    base.update(more)
    return base


def work(i, name, start=D(2021, 3, 1), finish=D(2021, 12, 31), progress=0.5, **more):
    return {"order": i, "name": name, "kind": "Công trình", "start": start, "planned_finish": finish,
            "progress": progress, **more}


def template_file(path, info_fields=None, works=(), awards=(), **kw) -> Path:
    return write_workbook(path, Content(info=info_fields or info(), rows={"works": list(works),
                                                                          "awards": list(awards)}), **kw)


def hand_made_xlsx(path, rows=SEED_WORKS, unit_line="(Kèm theo báo cáo số 180/BC-SNgV ngày 18 tháng 11 "
                   "năm 2021 của Sở Ngoại vụ)", headings=(), sheet="Phụ lục", other_sheets=(), nfd=False,
                   headers=None, two_row=True, total=True, signature=True, awards=None) -> Path:
    """A table like the seed annex: title lines, a two-row merged header, a
    blank row inside, a total row and a signature line under it."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for name in other_sheets:
        wb.create_sheet(name)["A1"] = "Ghi chú của đơn vị"
    norm = (lambda s: unicodedata.normalize("NFD", s)) if nfd else (lambda s: s)
    r = 1
    for h in headings:
        ws.cell(r, 1, norm(h))
        r += 1
    for line in ("DANH SÁCH", "công trình, phần việc chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập "
                 "tỉnh", unit_line):
        if line:
            ws.cell(r, 1, norm(line))
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            r += 1
    r += 1
    if two_row:
        h = headers or ("TT", "Tên công trình\n(phần việc)", "Thời gian thực hiện", "Ngày khởi công",
                        "Ngày hoàn thành", "Tiến độ hoàn thành (%)")
        ws.cell(r, 1, norm(h[0]))
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
        ws.cell(r, 2, norm(h[1]))
        ws.merge_cells(start_row=r, start_column=2, end_row=r + 1, end_column=2)
        ws.cell(r, 3, norm(h[2]))
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
        ws.cell(r + 1, 3, norm(h[3]))
        ws.cell(r + 1, 4, norm(h[4]))
        ws.cell(r, 5, norm(h[5]))
        ws.merge_cells(start_row=r, start_column=5, end_row=r + 1, end_column=5)
        r += 2
    else:
        for c, text in enumerate(headers, start=1):
            ws.cell(r, c, norm(text))
        r += 1
    for i, row in enumerate(rows):
        if i == 1:
            r += 1  # a blank row inside the table
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c)
            cell.value = norm(v) if isinstance(v, str) else v
            if isinstance(v, str) and v[:1] in "=+-@":
                cell.data_type = "s"  # typed as text, as in Excel with a leading apostrophe
        r += 1
    if total:
        ws.cell(r, 1, "Tổng cộng")
        ws.cell(r, 2, f"{len(rows)} công trình")
        r += 1
    if signature:
        r += 1
        ws.cell(r, 4, "KT. GIÁM ĐỐC")
        ws.cell(r + 1, 4, "PHÓ GIÁM ĐỐC")
        ws.cell(r + 4, 4, "Ngô Thị Hoài Nam")
        r += 6
    if awards:
        r += 1
        for c, text in enumerate(("STT", "Hình thức khen thưởng", "Tập thể/Cá nhân", "Họ và tên",
                                  "Lĩnh vực"), start=1):
            ws.cell(r, c, text)
        for row in awards:
            r += 1
            for c, v in enumerate(row, start=1):
                ws.cell(r, c, v)
    wb.save(path)
    return Path(path)


def xls_file(path, rows, headers=("STT", "Tên công trình, phần việc", "Ngày bắt đầu", "Ngày kết thúc",
                                  "Tỷ lệ hoàn thành"), title="SỞ TƯ PHÁP") -> Path:
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    ws.write(0, 0, title)
    for c, h in enumerate(headers):
        ws.write(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    wb.save(str(path))
    return Path(path)


def ods_file(path, rows, headers=("TT", "Tên công trình (phần việc)", "Ngày khởi công", "Ngày hoàn thành",
                                  "Tiến độ hoàn thành (%)")) -> Path:
    import pandas as pd
    pd.DataFrame(list(rows), columns=list(headers)).to_excel(path, engine="odf", index=False,
                                                              sheet_name="Danh sách")
    return Path(path)


def encrypt(src, dst, password) -> Path:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(src, "rb") as f:
        plain = io.BytesIO(f.read())
    with open(dst, "wb") as out:
        OOXMLFile(plain).encrypt(password, out)
    with open(dst, "rb") as f:  # really encrypted
        assert msoffcrypto.OfficeFile(f).is_encrypted()
    return Path(dst)
