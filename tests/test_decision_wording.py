"""The words of a decision as a văn thư would write them (issue 19, B5–B6),
on workbooks made with `thidua new` and typed in: the form's name as
decisions write it, one verb everywhere, the authority with its agency, one
position and one unit, sections from I, Ông/Bà for all or none, and an
ambiguous name refused by name."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
from docx import Document

from xlsrc import schema as S
from xlsrc.awards import make_certificates, make_decision
from xlsrc.errors import ThiDuaError
from xlsrc.validation import validate

from .user_books import new_book, read, type_rows

NUMBER = "07/QĐ-SKHCN"
STAFF = [{"name": "Võ Thị Hằng", "gender": "Nữ", "position": "Chánh Văn phòng", "department": "Văn phòng Sở"},
         {"name": "Trần Quốc Bảo", "gender": "Nam", "position": "Chuyên viên",
          "department": "Phòng Quản lý công nghệ"}]


def _decision(**kw):
    return {"number": NUMBER, "date": dt.datetime(2026, 12, 15), "summary": "Về việc tặng Giấy khen",
            "form": "Giấy khen", "signer_name": "Lê Văn Quang", "signer_title": "GIÁM ĐỐC", **kw}


def _award(name, form="Giấy khen", kind="Cá nhân", **kw):
    return {"form": form, "recipient_kind": kind, "recipient": name, "field": "công tác năm 2026",
            "decision_number": NUMBER, **kw}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = new_book(tmp_path_factory.mktemp("wording") / "base.xlsx")
    type_rows(path, S.STAFF, STAFF)
    return path


@pytest.fixture()
def book(base, tmp_path):
    def _book(decision: dict, awards: list[dict], staff: list[dict] = ()):
        path = shutil.copy(base, tmp_path / "wb.xlsx")
        if staff:
            type_rows(path, S.STAFF, list(staff))
        type_rows(path, S.DECISIONS, [decision])
        type_rows(path, S.AWARDS, awards)
        return read(path)
    return _book


def _made(data, tmp_path):
    doc = Document(make_decision(data, NUMBER, tmp_path / "qd.docx", force=True))
    paragraphs = [p.text for p in doc.paragraphs]
    annex = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    return paragraphs, annex


def _article(paragraphs, n):
    return next(p for p in paragraphs if p.startswith(f"Điều {n}."))


def test_a_title_is_recognised_everywhere_and_sections_start_at_i(book, tmp_path):
    data = book(_decision(form="Lao động tiên tiến", summary="Về việc công nhận danh hiệu Lao động tiên tiến năm 2026"),
                [_award("Võ Thị Hằng", "Lao động tiên tiến"), _award("Trần Quốc Bảo", "Lao động tiên tiến")])
    paragraphs, annex = _made(data, tmp_path)
    assert _article(paragraphs, 1).startswith("Điều 1. Công nhận danh hiệu “Lao động tiên tiến” cho 02 cá nhân")
    assert "CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU “LAO ĐỘNG TIÊN TIẾN”" in paragraphs
    assert annex[1][:2] == ["I", "Cá nhân"]  # only individuals: their section is I
    # one position and one unit, the agency once ("Văn phòng Sở" is the office of this Sở)
    assert annex[2][1:3] == ["Bà Võ Thị Hằng", "Chánh Văn phòng, Sở Khoa học và Công nghệ"]
    assert annex[3][1:3] == ["Ông Trần Quốc Bảo", "Chuyên viên, Phòng Quản lý công nghệ, Sở Khoa học và Công nghệ"]
    assert "và các cá nhân có tên tại Điều 1" in _article(paragraphs, 3)  # no "tập thể" when there is none
    # no wording finding (this book has no ratings, so the review check of issue 19 A6 speaks: not about wording)
    assert not [f for f in validate(data) if f.code.startswith("DECISION_") and f.code != "DECISION_REVIEW"]
    result = make_certificates(data, NUMBER, tmp_path / "gk.docx")
    text = [p.text for p in Document(result.path).paragraphs]
    assert text.count("CÔNG NHẬN DANH HIỆU") == 2 and not [t for t in text if t.startswith("TẶNG")]


def test_a_provincial_bang_khen_is_named_as_decisions_write_it(book, tmp_path):
    data = book(_decision(form="Bằng khen cấp bộ, ban, ngành, tỉnh", summary="Về việc tặng Bằng khen",
                          authority_title="Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh", signer_title="CHỦ TỊCH"),
                [_award("Phòng Quản lý công nghệ", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Tập thể",
                        recipient_unit="Sở Khoa học và Công nghệ")])
    paragraphs, annex = _made(data, tmp_path)
    article = _article(paragraphs, 1)
    assert article.startswith("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể")
    assert "TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in paragraphs
    assert not any("cấp bộ, ban, ngành, tỉnh" in p.lower() for p in paragraphs)
    assert annex[1][:2] == ["I", "Tập thể"]
    assert "và tập thể có tên tại Điều 1" in _article(paragraphs, 3)


def test_an_authority_typed_as_a_title_gets_its_agency_and_a_warning(book, tmp_path):
    data = book(_decision(authority_title="GIÁM ĐỐC"), [_award("Võ Thị Hằng"), _award("Trần Quốc Bảo")])
    paragraphs, _ = _made(data, tmp_path)
    assert ("(Kèm theo Quyết định số 07/QĐ-SKHCN ngày 15 tháng 12 năm 2026 của Giám đốc Sở Khoa học và Công nghệ)"
            in paragraphs)
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in paragraphs
    warned = [f for f in validate(data) if f.code == "DECISION_AUTHORITY_FORM"]
    assert len(warned) == 1 and warned[0].column == "Người có thẩm quyền" and warned[0].severity == "warning"
    assert "Giám đốc Sở Khoa học và Công nghệ" in warned[0].message


def test_a_verb_in_ve_viec_that_is_not_the_forms_is_warned(book):
    data = book(_decision(form="Lao động tiên tiến", summary="Về việc tặng danh hiệu Lao động tiên tiến"),
                [_award("Võ Thị Hằng", "Lao động tiên tiến")])
    found = [f for f in validate(data) if f.code == "DECISION_VERB"]
    assert len(found) == 1 and "công nhận" in found[0].message and found[0].column == "Về việc"


def test_ong_ba_for_everyone_or_for_nobody(book, tmp_path):
    awards = [_award("Võ Thị Hằng"), _award("Nguyễn Hữu Tài", recipient_unit="Chuyên viên, Trung tâm Ứng dụng")]
    data = book(_decision(), awards)
    _, annex = _made(data, tmp_path)
    names = [r[1] for r in annex[2:4]]
    assert names == ["Võ Thị Hằng", "Nguyễn Hữu Tài"]  # his gender is unknown: nobody gets Ông/Bà
    found = [f for f in validate(data) if f.code == "DECISION_SALUTATION_MISSING"]
    assert len(found) == 1 and "Nguyễn Hữu Tài" in found[0].message and found[0].sheet == "Khen thưởng"
    awards[1]["gender"] = "Nam"  # the award row's own Giới tính
    data = book(_decision(), awards)
    _, annex = _made(data, tmp_path)
    assert [r[1] for r in annex[2:4]] == ["Bà Võ Thị Hằng", "Ông Nguyễn Hữu Tài"]
    assert not [f for f in validate(data) if f.code == "DECISION_SALUTATION_MISSING"]


def test_two_staff_of_one_name_stop_the_decision_naming_both(book, tmp_path):
    twin = {"name": "Trần Quốc Bảo", "gender": "Nam", "position": "Phó Trưởng phòng",
            "department": "Phòng Kế hoạch - Tài chính"}
    data = book(_decision(), [_award("Trần Quốc Bảo")], staff=[twin])
    with pytest.raises(ThiDuaError) as exc:
        make_decision(data, NUMBER, tmp_path / "qd.docx")
    message = str(exc.value)
    assert "Phòng Quản lý công nghệ" in message and "Phòng Kế hoạch - Tài chính" in message and "Mã cán bộ" in message
    assert not (tmp_path / "qd.docx").exists()
    data = book(_decision(), [_award("Trần Quốc Bảo", recipient_unit="Phó Trưởng phòng Kế hoạch - Tài chính")],
                staff=[twin])
    _, annex = _made(data, tmp_path)  # the row says which one
    assert annex[2][1:3] == ["Ông Trần Quốc Bảo", "Phó Trưởng phòng Kế hoạch - Tài chính"]


@pytest.mark.parametrize("position, department, expected", [
    ("Chánh Văn phòng", "Văn phòng Sở", "Chánh Văn phòng, Sở Khoa học và Công nghệ"),
    ("Chánh Văn phòng", "Văn phòng Sở Khoa học và Công nghệ", "Chánh Văn phòng, Sở Khoa học và Công nghệ"),
    ("Chuyên viên", "Văn phòng", "Chuyên viên, Văn phòng, Sở Khoa học và Công nghệ"),
    ("Trưởng phòng Quản lý công nghệ", "Phòng Quản lý công nghệ", "Trưởng phòng Quản lý công nghệ, Sở Khoa học và Công nghệ"),
    ("Chuyên viên", "Sở Khoa học và Công nghệ", "Chuyên viên, Sở Khoa học và Công nghệ"),
])
def test_one_position_and_one_unit(position, department, expected):
    from xlsrc.awards.wording import position_text
    assert position_text(position, department, "Sở Khoa học và Công nghệ") == expected
