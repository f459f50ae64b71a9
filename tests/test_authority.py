"""Who may grant each title and form (Luật 06/2022/QH15 Điều 77–80) as data:
a decision whose signer cannot grant its form is an error naming the rule."""
from __future__ import annotations

import pytest

from xlsrc.awards import make_decision
from xlsrc.awards.authority import AUTHORITIES, COMMUNE, PROVINCE, UNIT, can_grant, grantor, signer_level
from xlsrc.awards.demo import NUMBER
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.validation import validate

BANG_KHEN = "Bằng khen cấp bộ, ban, ngành, tỉnh"


def _bang_khen(authority_title: str = "", signer_title: str = "GIÁM ĐỐC"):
    c = demo_content()
    c.rows["decisions"][0].update(form=BANG_KHEN, authority_title=authority_title, signer_title=signer_title)
    for a in c.rows["awards"]:
        if a.get("decision_number") == NUMBER:
            a["form"] = BANG_KHEN
    return c


def test_every_row_has_a_basis_and_a_status():
    for a in AUTHORITIES:
        assert a.basis.startswith(("khoản", "Điều")) and "06/2022/QH15" in a.basis and a.status


def test_levels():
    assert grantor("Giấy khen").level == UNIT and grantor(BANG_KHEN).level == PROVINCE
    assert grantor("Lao động tiên tiến", COMMUNE).level == COMMUNE
    assert can_grant(UNIT, BANG_KHEN) is False and can_grant(PROVINCE, BANG_KHEN) is True
    assert signer_level("Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh") == UNIT
    assert signer_level("Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh") == PROVINCE
    assert signer_level("PHÓ GIÁM ĐỐC Sở Xây dựng") == UNIT


def test_a_director_cannot_sign_a_provincial_bang_khen(read_back, tmp_path):
    data = read_back(_bang_khen())
    errors = [f for f in validate(data) if f.code == "DECISION_AUTHORITY"]
    assert len(errors) == 1 and errors[0].severity == "error"
    assert "Điều 79 Luật Thi đua, khen thưởng 06/2022/QH15" in errors[0].message
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in errors[0].message
    with pytest.raises(ThiDuaError, match="không có thẩm quyền"):
        make_decision(data, NUMBER, tmp_path / "qd.docx")


def test_the_province_s_chairman_may_sign_it(read_back):
    data = read_back(_bang_khen("Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh", "CHỦ TỊCH"))
    assert [f for f in validate(data) if f.code == "DECISION_AUTHORITY"] == []


def test_the_unit_s_own_giay_khen_is_fine(read_back):
    assert [f for f in validate(read_back(demo_content())) if f.code == "DECISION_AUTHORITY"] == []
