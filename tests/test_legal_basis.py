"""The legal texts the defaults cite: only texts in force (Luật Thi đua, khen
thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP and the decrees on the base
salary), each with its exact article. A repealed text is never named, not
even as the source of a threshold: the old law 2003 (amended 2013), Nghị định
91/2017 and 98/2023, Thông tư 12/2019/TT-BNV. Checked on the defaults and on
the cells of a new workbook."""
from __future__ import annotations

import dataclasses
import re
import unicodedata

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.awards.money import DEFAULT_BASE_SALARIES, DEFAULT_COEFFICIENTS
from xlsrc.builder import write_workbook
from xlsrc.review.defaults import (DECREE, DEFAULT_STANDARDS, EXCELLENT_SHARE_NOTE, LAW, MEMBER_SHARE_NOTE,
                                   TT_LDTT, TT_LDXS)

REPEALED = [re.compile(p, re.IGNORECASE) for p in (
    r"15/2003/QH11", r"47/2005/QH11", r"32/2009/QH12", r"39/2013/QH13",      # the old law and its amendments
    r"Luật Thi đua,? khen thưởng (năm |số )?2003", r"2003 \(sửa đổi", r"sửa đổi,?( bổ sung)?( năm)? 2013",
    r"91/2017", r"98/2023", r"12/2019/TT-BNV", r"\bTT 12/2019",                # repealed decrees and circular
    r"langson\.gov\.vn",                                                       # where the old law was quoted
)]


def repealed_in(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", str(text))
    return [m.group(0) for p in REPEALED for m in [p.search(text)] if m]


def _default_texts() -> list[str]:
    texts = [str(v) for row in DEFAULT_STANDARDS for v in row.values()]
    for item in (*DEFAULT_COEFFICIENTS, *DEFAULT_BASE_SALARIES):
        texts += [str(v) for v in dataclasses.asdict(item).values()]
    return texts


@pytest.mark.parametrize("old", [
    "Ngưỡng lấy theo Điều 28 khoản 1 điểm c Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
    "Luật Thi đua, khen thưởng số 15/2003/QH11", "Luật số 39/2013/QH13", "Nghị định 91/2017/NĐ-CP",
    "NĐ 98/2023", "Nghị định số 98/2023/NĐ-CP", "Thông tư 12/2019/TT-BNV", "TT 12/2019",
    "Luật sửa đổi, bổ sung năm 2013"])
def test_the_check_recognises_each_repealed_text(old):
    assert repealed_in(old)  # the guard below is not vacuous


def test_the_check_leaves_the_texts_in_force_alone():
    assert not repealed_in(f"điểm d khoản 1 Điều 74 {LAW}; khoản 4 Điều 4 {DECREE}; Nghị định số 73/2024/NĐ-CP")


def test_no_default_names_a_repealed_text():
    found = {t: repealed_in(t) for t in _default_texts() if repealed_in(t)}
    assert not found


def test_no_cell_of_a_new_workbook_names_a_repealed_text(tmp_path):
    book = openpyxl.load_workbook(write_workbook(tmp_path / "moi.xlsx"))
    found = [(ws.title, c.coordinate, c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and repealed_in(c.value)]
    assert not found
    assert S.STANDARDS.name in book.sheetnames and S.BASE_SALARY.name in book.sheetnames  # the sheets were there


def test_every_review_basis_cites_an_article_of_the_2022_law():
    for row in DEFAULT_STANDARDS:
        parts = row["basis"].split("; ")
        assert re.fullmatch(rf"(điểm [a-đ](, điểm [a-đ])* )?(khoản \d+(, khoản \d+)* )?Điều \d+ {re.escape(LAW)}",
                            parts[0]), row["basis"]
        assert all(re.fullmatch(rf"khoản \d+ Điều 4 {re.escape(DECREE)}", p) for p in parts[1:]), row["basis"]


def test_the_articles_read_in_the_texts_in_force():
    basis = {row["title"]: row["basis"] for row in DEFAULT_STANDARDS}
    assert basis["Lao động tiên tiến"] == f"điểm a, điểm b khoản 1 Điều 24 {LAW}; khoản 4 Điều 4 {DECREE}"
    assert basis["Chiến sĩ thi đua cơ sở"] == f"khoản 1, khoản 2 Điều 23 {LAW}"
    assert basis["Chiến sĩ thi đua cấp tỉnh"] == f"Điều 22 {LAW}; khoản 3 Điều 4 {DECREE}"
    assert basis["Bằng khen của Chủ tịch UBND tỉnh"] == f"điểm d khoản 1 Điều 74 {LAW}"
    assert basis[TT_LDTT] == f"Điều 28 {LAW}" and basis[TT_LDXS] == f"Điều 27 {LAW}"


def test_thresholds_not_read_in_the_2022_text_say_so():
    notes = {row["title"]: row.get("note") for row in DEFAULT_STANDARDS}
    assert notes[TT_LDTT] == MEMBER_SHARE_NOTE and notes[TT_LDXS] == EXCELLENT_SHARE_NOTE
    assert "chưa đối chiếu được với nguyên văn Điều 28 Luật 06/2022/QH15" in MEMBER_SHARE_NOTE
    assert "chưa đối chiếu được với nguyên văn Điều 27 Luật 06/2022/QH15" in EXCELLENT_SHARE_NOTE
    assert "'trên 50%'" in MEMBER_SHARE_NOTE and "'từ 70%'" in EXCELLENT_SHARE_NOTE
