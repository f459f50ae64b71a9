"""Regenerate the pictures of docs/huong-dan-su-dung.md from the demo.

    .venv/bin/python docs/make_pictures.py [--out docs/hinh]

Runs `thidua demo` in a temporary folder, converts the workbooks and the Word
documents to PDF with LibreOffice (`soffice --headless --convert-to pdf`),
renders the chosen pages with `pdftoppm` (Word documents at 60 dpi, a whole
page; sheets at 110 dpi or more, the top left part, so that the cells can be
read), crops the white margins and the print footer and writes small PNGs
(< 150 KB each, about 0,6 MB in all). A sheet's page is found by the sheet
name that its print footer carries ("Công trình   Trang 4/21"), so the
pictures follow the workbook when sheets are added or reordered. Run twice on
one day, it gives the same pictures byte for byte (the Sổ vàng picture shows
the day's date as "Ngày vào sổ"). Needs LibreOffice and poppler;
takes about two minutes.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

DOCS = Path(__file__).resolve().parent
MAX_BYTES = 150_000

SHEET_DPI, DOC_DPI, STATS_DPI = 85, 60, 90  # 85 dpi: an A4 landscape page across (it prints at a readable scale)
# a sheet's page other than its first: Rà soát prints its reasons first, then (print_layout.ACROSS_FIRST) the
# page of the same people's results by title, the one pictured
NEXT_PAGE = {"Rà soát": 1}
SHEET_BOX = (1000, 520)  # at most this many pixels of a sheet's page: the first columns and rows
WORKED = "DaXuLy.xlsx"   # the demo workbook after compute, review and register (Trạng thái, Rà soát, Sổ vàng)

# the Kiểm tra column, which the workbook does not print: the demo's warning on Công trình (progress in words)
CHECKED, CHECK_SHEET = "CotKiemTra.xlsx", "Công trình"
CHECK_SHOWN = {"TT", "Tên công trình, phần việc", "Tiến độ hoàn thành (%)", "Trạng thái", "Kiểm tra"}

# (picture name, file written by `thidua demo`, the sheet to show, crop to the top part: fraction or None)
SHEET_PICTURES = (
    ("so-huong-dan.png", "ThiDua_demo.xlsm", "Hướng dẫn", 0.55),
    ("so-thong-tin.png", WORKED, "Thông tin", None),
    ("so-ke-hoach.png", WORKED, "Kế hoạch", None),
    ("so-cong-trinh.png", WORKED, "Công trình", None),
    ("so-khen-thuong.png", WORKED, "Khen thưởng", None),
    ("so-can-bo.png", WORKED, "Cán bộ", None),
    ("so-danh-gia.png", WORKED, "Đánh giá", None),
    ("so-sang-kien.png", WORKED, "Sáng kiến", None),
    ("so-tieu-chuan.png", WORKED, "Tiêu chuẩn", None),
    ("so-ra-soat.png", WORKED, "Rà soát", None),
    ("so-danh-sach-de-nghi.png", WORKED, "Danh sách đề nghị", None),
    ("so-hoi-dong.png", WORKED, "Hội đồng", None),
    ("so-phien-hop.png", WORKED, "Phiên họp", None),
    ("so-thanh-tich.png", WORKED, "Thành tích", None),
    ("so-quyet-dinh.png", WORKED, "Quyết định", None),
    ("so-mau-in-phoi.png", WORKED, "Mẫu in phôi", None),
    ("so-luong-co-so.png", WORKED, "Lương cơ sở", None),
    ("so-vang.png", WORKED, "Sổ vàng", None),
    ("ban-de-nghi-cac-don-vi.png", "TongHop_DeNghi_demo.xlsx", "Đề nghị của các đơn vị", None),
)
# (picture name, file, page number, crop fraction)
DOCUMENT_PICTURES = (
    ("vb-bao-cao.png", "BaoCao_180-BC-SNgV.docx", 1, None),
    ("vb-quyet-dinh.png", "QuyetDinh_45-QD-SNgV.docx", 1, None),
    ("vb-quyet-dinh-danh-sach.png", "QuyetDinh_45-QD-SNgV.docx", -1, None),
    ("vb-giay-khen.png", "GiayKhen_45-QD-SNgV.docx", 1, None),
    ("vb-to-trinh.png", "HoSoDeNghi_2025/ToTrinh_Chu-tich-Uy-ban-nhan-dan-tinh.docx", 1, None),
    ("vb-bien-ban.png", "HoSoDeNghi_2025/BienBan_HopHoiDong_2025-12-15.docx", 1, None),
    ("vb-bao-cao-thanh-tich.png",
     "HoSoDeNghi_2025/BaoCaoThanhTich_01_Nguyen-Van-A_Chien-si-thi-dua-cap-tinh.docx", 1, None),
    ("vb-danh-muc-ho-so.png", "HoSoDeNghi_2025/DanhMucHoSo_2025.docx", 1, None),
    ("bieu-thong-ke-0703.png", "ThongKe_2021_demo.xlsx", 3, None),
    ("thong-ke-qua-cac-nam.png", "ThongKe_2021_demo.xlsx", 4, 0.75),
)


def _run(args: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"Lệnh {' '.join(args)} lỗi:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def to_pdf(src: Path, work: Path) -> Path:
    out = work / "pdf" / src.parent.name
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / (src.stem + ".pdf")
    if not pdf.exists():
        _run(["soffice", "--headless", f"-env:UserInstallation=file://{work / 'lo-profile'}",
              "--convert-to", "pdf", "--outdir", str(out), str(src)])
    return pdf


def page_count(pdf: Path) -> int:
    for line in _run(["pdfinfo", str(pdf)]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise ValueError(pdf)


def sheet_page(pdf: Path, sheet: str) -> int:
    """The first page whose print footer names `sheet`."""
    for p in range(1, page_count(pdf) + 1):
        text = _run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"])
        for line in text.splitlines():
            words = line.split("Trang ")
            if len(words) > 1 and words[0].strip() == sheet:
                return p
    sys.exit(f"Không thấy trang tính '{sheet}' trong {pdf.name}.")


def render(pdf: Path, page: int, crop: float | None, dest: Path, work: Path,
           dpi: int = DOC_DPI, box_max: tuple[int, int] | None = None) -> None:
    if page < 0:
        page = page_count(pdf) + 1 + page
    stem = work / "png" / dest.stem
    stem.parent.mkdir(exist_ok=True)
    _run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)])
    img = Image.open(f"{stem}.png").convert("RGB")
    if box_max:  # a sheet: leave out the footer (sheet name, page number) printed at the bottom
        img = img.crop((0, 0, img.width, int(img.height * 0.93)))
    if crop:
        img = img.crop((0, 0, img.width, int(img.height * crop)))
    box = ImageChops.difference(img, Image.new("RGB", img.size, "white")).getbbox()
    if box:  # keep a small white margin around the printed part
        m = 8
        img = img.crop((max(box[0] - m, 0), max(box[1] - m, 0),
                        min(box[2] + m, img.width), min(box[3] + m, img.height)))
    if box_max:
        img = img.crop((0, 0, min(img.width, box_max[0]), min(img.height, box_max[1])))
    img = img.quantize(colors=64)  # a page rendered at 60 dpi has few colours: 64 keep the text sharp
    img.save(dest, optimize=True)
    if dest.stat().st_size > MAX_BYTES:
        sys.exit(f"{dest.name}: {dest.stat().st_size} byte, quá {MAX_BYTES}.")


def check_column_copy(src: Path, dest: Path, sheet: str, shown: set[str]) -> None:
    """A copy of `src` whose `sheet` prints its 'Kiểm tra' column (the workbook
    leaves it out of the print area) and only the columns in `shown`; rows
    with a message made tall enough to show all of it."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    heads = [c.value for c in ws[1]]
    for i, head in enumerate(heads, 1):
        ws.column_dimensions[get_column_letter(i)].hidden = head not in shown
    last = max(r for r in range(1, ws.max_row + 1) if any(c.value not in (None, "") for c in ws[r]))
    check = heads.index("Kiểm tra") + 1
    ws.print_area = f"A1:{get_column_letter(check)}{last}"
    ws.page_setup.fitToWidth = 1  # the columns shown fit one page wide
    width = ws.column_dimensions[get_column_letter(check)].width or 50
    for r in range(2, last + 1):  # room for the whole message (the column is written after the rows were sized)
        text = ws.cell(r, check).value
        if text:
            ws.row_dimensions[r].height = 16 * (len(str(text)) // int(width * 0.9) + 1 + str(text).count("\n"))
    wb.save(dest)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DOCS / "hinh")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    thidua = shutil.which("thidua") or str(Path(sys.executable).with_name("thidua"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo"
        _run([thidua, "demo", str(demo)])
        _run([thidua, "compute", "ThiDua_demo.xlsx", "-o", "DaTinh.xlsx"], cwd=demo)
        _run([thidua, "review", "DaTinh.xlsx", "-o", "DaRaSoat.xlsx"], cwd=demo)
        _run([thidua, "register", "DaRaSoat.xlsx", "--so", "45/QĐ-SNgV", "-o", WORKED], cwd=demo)
        check_column_copy(demo / WORKED, demo / CHECKED, CHECK_SHEET, CHECK_SHOWN)
        pdf = to_pdf(demo / CHECKED, work)
        render(pdf, sheet_page(pdf, CHECK_SHEET), None, args.out / "cot-kiem-tra.png", work, 90, (1200, 520))
        print("cot-kiem-tra.png")
        for name, src, sheet, crop in SHEET_PICTURES:
            pdf = to_pdf(demo / src, work)
            render(pdf, sheet_page(pdf, sheet) + NEXT_PAGE.get(sheet, 0), crop, args.out / name, work,
                   SHEET_DPI, SHEET_BOX)
            print(name)
        for name, src, page, crop in DOCUMENT_PICTURES:
            dpi = DOC_DPI if src.endswith(".docx") else STATS_DPI  # a landscape form: a little closer
            render(to_pdf(demo / src, work), page, crop, args.out / name, work, dpi)
            print(name)
    total = sum(p.stat().st_size for p in args.out.glob("*.png"))
    print(f"Tổng: {total} byte trong {args.out}")


if __name__ == "__main__":
    main()
