"""Benchmark of the review (not a test).

A workbook of 2,000 staff in 40 units, three years of ratings (individual and
collective), 500 sáng kiến and 2,400 rows of award history; times reading
the workbook (the baseline, measured in the same run) and the review of the
last year, best of three. Target: the review under 2 s.

    python benchmarks/bench_review.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xlsrc import schema as S  # noqa: E402
from xlsrc.access.files import FileBook  # noqa: E402
from xlsrc.builder import Content, write_workbook  # noqa: E402
from xlsrc.records import read_workbook  # noqa: E402
from xlsrc.review import run_review  # noqa: E402

STAFF, UNITS, YEARS = 2000, 40, (2023, 2024, 2025)
RATINGS = S.VOCABULARIES["rating"].values


def content() -> Content:
    staff, ratings, ideas, awards = [], [], [], []
    for i in range(STAFF):
        name, unit = f"Cán bộ Số {i}", f"Phòng {i % UNITS}"
        staff.append({"order": i + 1, "name": name, "staff_code": f"CB{i:05d}" if i % 2 else "",
                      "department": unit, "position": "Chuyên viên"})
        for y in YEARS:
            ratings.append({"year": y, "recipient_kind": S.INDIVIDUAL, "subject": name, "department": unit,
                            "staff_code": f"CB{i:05d}" if i % 2 else "", "rating": RATINGS[(i + y) % 3],
                            "movement": "Có", "discipline": "Khiển trách" if i % 97 == 0 else ""})
        if i % 4 == 0:
            ideas.append({"year": YEARS[i % 3], "name": name, "department": unit, "title": f"Sáng kiến {i}",
                          "scope": ("Cơ sở", "Tỉnh")[i % 2], "decision": f"{i}/QĐ-SNgV" if i % 8 else ""})
        if i % 5 < 3:
            for y in YEARS[:2]:
                awards.append({"form": "Chiến sĩ thi đua cơ sở", "recipient_kind": S.INDIVIDUAL, "recipient": name,
                               "recipient_unit": unit, "field": "Thành tích năm", "year": y,
                               "award_type": "Thường xuyên" if i % 7 else "Theo đợt hoặc chuyên đề"})
    for u in range(UNITS):
        for y in YEARS:
            ratings.append({"year": y, "recipient_kind": S.COLLECTIVE, "subject": f"Phòng {u}",
                            "rating": RATINGS[(u + y) % 2], "solidarity": "Có"})
    return Content(info={"report_year": YEARS[-1]}, rows={"staff": staff, "ratings": ratings,
                                                          "initiatives": ideas, "awards": awards})


def best_of(n, fn):
    best, value = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "review.xlsx", content())
        read_s, data = best_of(3, lambda: read_workbook(FileBook(path)))
        review_s, review = best_of(3, lambda: run_review(data))
    counts = {r: sum(e.result == r for e in review.entries) for r in ("đủ", "không đủ", "chưa đủ dữ liệu")}
    print(f"{STAFF} cán bộ × {len(YEARS)} năm: {len(data.ratings)} dòng đánh giá, {len(data.initiatives)} sáng kiến, "
          f"{len(data.awards)} dòng khen thưởng; {len(review.entries)} kết quả {counts}")
    print(f"đọc sổ (mốc):  {read_s:6.2f} s")
    print(f"rà soát:       {review_s:6.2f} s  ({review_s / read_s:.2f}× thời gian đọc sổ; mục tiêu < 2 s)")
    print(f"đọc + rà soát: {read_s + review_s:6.2f} s")


if __name__ == "__main__":
    main()
