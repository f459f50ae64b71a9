"""Benchmark of reading units' proposals (issue 21): N units' Word files
(a tờ trình with its danh sách: heading table, paragraphs, a table with
sections) against the same lists typed in .xlsx, each consolidated by
`thidua consolidate` in a fresh process, best of --repeat runs in this one
run. Prints seconds and the ratio Word ÷ Excel (target ≤ 3).

    python benchmarks/bench_proposals.py [--files 100] [--rows 40] [--repeat 3] [--jobs 1]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Quang", "Tâm", "Tú"]
FORMS = ["Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cấp tỉnh", "Tập thể lao động xuất sắc",
         "Cờ thi đua của UBND tỉnh"]


def _rows(rnd: random.Random, n: int) -> list[tuple]:
    out = [("", "I. Tập thể", "", "", "")]
    for i in range(1, n // 4 + 1):
        out.append((str(i), f"Phòng số {i}", "Sở", rnd.choice(FORMS[2:]), "Hoàn thành xuất sắc nhiệm vụ"))
    out.append(("", "II. Cá nhân", "", "", ""))
    for i in range(1, n - n // 4 + 1):
        name = f"{rnd.choice(['Ông', 'Bà'])} {rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        out.append((f"{i:02d}", name, "Chuyên viên", rnd.choice(FORMS[:2]), "Hoàn thành xuất sắc nhiệm vụ 2 năm"))
    return out


HEADER = ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức, danh hiệu đề nghị", "Thành tích tóm tắt"]


def make_files(folder: Path, files: int, rows: int) -> tuple[Path, Path]:
    import openpyxl

    from xlsrc.proposals.demo import proposal_docx
    rnd = random.Random(21)
    word, excel = folder / "word", folder / "excel"
    word.mkdir()
    excel.mkdir()
    for u in range(files):
        agency = f"SỞ SỐ {u + 1}"
        data = _rows(rnd, rows)
        (word / f"don_vi_{u:03d}.docx").write_bytes(proposal_docx(
            agency, f"{u + 1}/TTr", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025", HEADER, data,
            dated="Hà Tĩnh, ngày 10 tháng 12 năm 2025"))
        wb = openpyxl.Workbook()
        ws = wb.active
        for line in (agency, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025", ""):
            ws.append([line])
        ws.append(HEADER)
        for r in data:
            ws.append(list(r))
        wb.save(excel / f"don_vi_{u:03d}.xlsx")
    return word, excel


def run(folder: Path, out: Path, jobs: int) -> float:
    cmd = [sys.executable, "-m", "xlsrc", "consolidate", str(folder), "-o", str(out), "--force", "--jobs", str(jobs)]
    started = time.perf_counter()
    got = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if got.returncode not in (0, 1, 3):
        raise SystemExit(got.stderr.decode("utf-8", "replace"))
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        word, excel = make_files(Path(tmp), a.files, a.rows)
        times = {"word": [], "excel": []}
        for _ in range(a.repeat):  # interleaved, so that load on the machine falls on both alike
            times["word"].append(run(word, Path(tmp) / "w.xlsx", a.jobs))
            times["excel"].append(run(excel, Path(tmp) / "e.xlsx", a.jobs))
        w, e = min(times["word"]), min(times["excel"])
        print(f"{a.files} đơn vị × {a.rows} đề nghị, --jobs {a.jobs}, tốt nhất của {a.repeat} lần:")
        print(f"  Word (.docx)  {w:6.2f} s")
        print(f"  Excel (.xlsx) {e:6.2f} s")
        print(f"  Word ÷ Excel  {w / e:6.2f}   (mục tiêu ≤ 3)")


if __name__ == "__main__":
    main()
