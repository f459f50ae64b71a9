"""What a copy made with openpyxl cannot keep of a unit's workbook (Excel's
cross-sheet drop-down lists are an extension openpyxl drops) is said to the
user in Vietnamese; openpyxl's own English warning goes to the log, never to
the console."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from xlsrc.access.files import FileBook, copy_losses
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

X14 = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/'
       'spreadsheetml/2009/9/main"><x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/'
       'excel/2006/main"/></ext></extLst>')


def _edited_in_excel(path: Path) -> Path:
    """The demo workbook as Excel saves it after a user's edits: a formula on Công trình (the quick copy
    refuses the sheet: openpyxl makes the copy) and a drop-down list taken from another sheet (x14 extension)."""
    src = write_workbook(path.with_name("goc.xlsx"), demo_content())
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    workbook = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(r'<sheet [^>]*name="Công trình"[^>]*r:id="(rId\d+)"', workbook)[1]
    name = "xl/" + re.search(rf'Id="{rid}"[^>]*Target="/?(?:xl/)?([^"]+)"', rels)[1]
    xml = parts[name].decode().replace("</sheetData>", '<row r="900"><c r="A900"><f>1+1</f><v>2</v></c></row>'
                                                       "</sheetData>")
    parts[name] = xml.replace("</worksheet>", X14 + "</worksheet>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_what_the_copy_drops_is_said_in_vietnamese_never_in_openpyxls_english(tmp_path, recwarn):
    book = FileBook(_edited_in_excel(tmp_path / "so.xlsx"), writable=True)
    book.write("Công trình", 5, 3, [["x"]])
    notes = book.save(tmp_path / "ban_sao.xlsx")
    assert book._wb is not None  # made by openpyxl
    assert notes == ["Bản sao không giữ được danh sách chọn (Data Validation) lấy giá trị từ trang khác của tệp "
                     "'so.xlsx' (thư viện ghi bản sao không hỗ trợ); tệp gốc không bị sửa. Cần thì mở bản sao bằng "
                     "Excel và đặt lại."]
    assert not [w for w in recwarn if "openpyxl" in w.filename]
    run = subprocess.run([sys.executable, "-m", "xlsrc", "compute", str(tmp_path / "so.xlsx"), "-o",
                          str(tmp_path / "tinh.xlsx")], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert "Lưu ý: Bản sao không giữ được danh sách chọn (Data Validation)" in run.stdout + run.stderr
    assert "Warning" not in run.stderr and "extension is not supported" not in run.stdout + run.stderr


def test_only_what_is_lost_is_said():
    assert copy_losses(["Workbook contains no default style, apply openpyxl's default"], "a.xlsx") == []
    (note,) = copy_losses(["Sparkline Group extension is not supported and will be removed",
                           "Unknown extension is not supported and will be removed",
                           "Sparkline Group extension is not supported and will be removed"], "a.xlsx")
    assert "biểu đồ thu nhỏ trong ô (Sparkline), một phần mở rộng của Excel của tệp 'a.xlsx'" in note
