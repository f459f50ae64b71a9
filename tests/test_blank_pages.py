"""No page holds only its page number (issue 19, B1): decisions and reports
whose text ends anywhere on a page, printed by LibreOffice and read page by
page with pdftotext. The lengths swept cross the point where the signature
reaches the foot of the first page (asserted: the page count changes inside
the sweep), where the empty paragraph that ends the section used to be pushed
onto a page of its own."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from xlsrc import schema as S
from xlsrc.awards import make_certificates, make_decision
from xlsrc.errors import ThiDuaError
from xlsrc.report import make_report

from .test_report_look import HAVE_PDF, _pdf_pages
from .user_books import new_book, read, type_rows

needs_pdf = pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")

NUMBER = "07/QĐ-SKHCN"
WORDS = "thực hiện nhiệm vụ chính trị được giao năm 2026".split()
DECISION_WORDS = range(28, 69, 8)    # the words of Điều 1's reason (the signature reaches the foot at ~42)
REPORT_WORDS = range(200, 261, 10)   # the words of one paragraph of the report (at ~222)


def _words(n: int) -> str:
    return " ".join((WORDS * (n // len(WORDS) + 1))[:n])


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every document of the sweep, printed in one LibreOffice run: {stem: [page text]}."""
    tmp = tmp_path_factory.mktemp("blank")
    base = new_book(tmp / "base.xlsx")
    type_rows(base, S.WORKS, [{"name": "Số hoá hồ sơ sáng chế", "kind": "Công trình",
                               "start": dt.datetime(2026, 3, 1), "planned_finish": dt.datetime(2026, 11, 30),
                               "progress": 1}])
    type_rows(base, S.STAFF, [{"name": "Võ Thị Hằng", "gender": "Nữ", "position": "Chuyên viên",
                               "department": "Văn phòng Sở"}])
    type_rows(base, S.AWARDS, [{"form": "Giấy khen", "recipient_kind": "Cá nhân", "recipient": "Võ Thị Hằng",
                                "field": "công tác năm 2026", "decision_number": NUMBER}])
    docs = []
    for n in DECISION_WORDS:
        path = shutil.copy(base, tmp / f"qd{n}.xlsx")
        type_rows(path, S.DECISIONS, [{"number": NUMBER, "date": dt.datetime(2026, 12, 15), "summary":
                                       "Về việc tặng Giấy khen", "form": "Giấy khen", "signer_name": "Lê Văn Quang",
                                       "signer_title": "GIÁM ĐỐC", "reason": "xuất sắc trong " + _words(n)}])
        docs.append(make_decision(read(path), NUMBER, tmp / f"qd{n:03d}.docx"))
    docs.append(_longest_certificate(base, tmp))
    for n in REPORT_WORDS:
        path = shutil.copy(base, tmp / f"bc{n}.xlsx")
        type_rows(path, S.NARRATIVE, [{"section": "Kết quả", "text": f"Cán bộ {_words(n)}."}])
        docs.append(make_report(read(path), tmp / f"bc{n:03d}.docx"))
    return _pdf_pages(docs, tmp)


def _longest_certificate(base, tmp):
    """The certificate with the longest achievement the printer accepts (the next word is refused),
    found by halving between a length that fits and one that does not (≈ 10 certificates made, not 40)."""
    path = shutil.copy(base, tmp / "gk.xlsx")
    type_rows(path, S.DECISIONS, [{"number": NUMBER, "date": dt.datetime(2026, 12, 15), "summary":
                                   "Về việc tặng Giấy khen", "form": "Giấy khen", "signer_name": "Lê Văn Quang",
                                   "signer_title": "GIÁM ĐỐC", "reason": "xuất sắc trong {}"}])
    data = read(path)
    decision = data.records["decisions"][0]

    def made(n: int):
        """The certificate whose achievement has n words, or None when the printer refuses it."""
        decision.values["reason"] = "xuất sắc trong " + _words(n)
        try:
            return make_certificates(data, NUMBER, tmp / "gk_longest.docx", force=True).path
        except ThiDuaError as exc:
            assert "không vừa một trang" in str(exc)
            return None

    fits, refused = 60, 200
    assert made(fits) is not None and made(refused) is None
    while refused - fits > 1:
        middle = (fits + refused) // 2
        fits, refused = (middle, refused) if made(middle) is not None else (fits, middle)
    return made(fits)


def _blank(pages: list[str]) -> list[int]:
    """The pages whose whole text is a page number (or nothing)."""
    return [i + 1 for i, p in enumerate(pages) if p.strip().isdigit() or not p.strip()]


@pytest.mark.long
@needs_pdf
@pytest.mark.parametrize("prefix", ["qd", "bc"])
def test_no_page_holds_only_its_number(printed, prefix):
    sweep = {stem: pages for stem, pages in printed.items() if stem.startswith(prefix)}
    assert len({len(p) for p in sweep.values()}) > 1, "the sweep must cross a page boundary"
    blank = {stem: _blank(pages) for stem, pages in sweep.items() if _blank(pages)}
    assert blank == {}


@pytest.mark.long
@needs_pdf
def test_the_longest_certificate_accepted_stays_on_one_page(printed):
    assert len(printed["gk_longest"]) == 1


@pytest.mark.parametrize("kind", ["department", "consolidated"])
def test_a_report_never_ends_with_its_table(kind):
    """Word adds an empty paragraph after a table that ends the document; on a
    full page it makes a page of its own. The template ends with a paragraph
    that is hidden and 1 pt high instead."""
    import re
    import zipfile

    from xlsrc.report import default_template
    xml = zipfile.ZipFile(default_template(kind)).read("word/document.xml").decode("utf-8")
    tail = xml[xml.rindex("</w:tbl>") + len("</w:tbl>"):xml.rindex("<w:sectPr")]
    assert re.fullmatch(r"<w:p>.*</w:p>", tail) and "<w:vanish/>" in tail and 'w:line="20"' in tail
