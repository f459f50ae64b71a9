"""Who may grant each danh hiệu thi đua and hình thức khen thưởng: the levels
of authority of Luật Thi đua, khen thưởng 06/2022/QH15 (Chương IV, Điều
77–80) as data, each with its basis and whether its wording was checked
against the published text. Used to split the proposals a unit decides
itself from those it proposes upward, and to refuse a decision whose signer
cannot grant its form.

Two-tier local government since 01/7/2025: there is no cấp huyện, so its
row (khoản 2 Điều 80) is not kept; the commune's powers may be widened by
Nghị định 152/2025/NĐ-CP (phân cấp, phân quyền), which could not be read
here — the status says so."""
from __future__ import annotations

from dataclasses import dataclass

from ..vntext import fold

UNIT, COMMUNE, PROVINCE, GOVERNMENT, PRESIDENT = "unit", "commune", "province", "government", "president"
RANK = {COMMUNE: 0, UNIT: 0, PROVINCE: 1, GOVERNMENT: 2, PRESIDENT: 3}

VERIFIED = "Đã đối chiếu nguyên văn (Công báo số 571+572 ngày 15/7/2022, trang 57)"
UNVERIFIED = "Chưa đối chiếu được nguyên văn; theo cách các tỉnh trích dẫn — hãy kiểm tra"


@dataclass(frozen=True)
class Authority:
    level: str
    who: str                 # as a tờ trình addresses it: "Chủ tịch Ủy ban nhân dân tỉnh"
    forms: tuple[str, ...]   # canonical award forms (schema vocabulary "award_form")
    basis: str
    status: str


LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
AUTHORITIES: tuple[Authority, ...] = (
    Authority(UNIT, "Thủ trưởng cơ quan, đơn vị", (
        "Tập thể lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Giấy khen"),
        f"khoản 1 Điều 80 {LAW}", VERIFIED),
    Authority(COMMUNE, "Chủ tịch Ủy ban nhân dân cấp xã", ("Lao động tiên tiến", "Giấy khen"),
              f"khoản 3 Điều 80 {LAW}",
              VERIFIED + "; Nghị định 152/2025/NĐ-CP (phân cấp, phân quyền) có thể giao thêm — chưa đối chiếu"),
    Authority(PROVINCE, "Chủ tịch Ủy ban nhân dân tỉnh", (
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "Tập thể lao động xuất sắc", "Bằng khen cấp bộ, ban, ngành, tỉnh"),
        f"Điều 79 {LAW}", UNVERIFIED),
    Authority(GOVERNMENT, "Thủ tướng Chính phủ", (
        "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ", "Chiến sĩ thi đua toàn quốc"),
        f"Điều 78 {LAW}", UNVERIFIED),
    Authority(PRESIDENT, "Chủ tịch nước", (
        "Huân chương Sao vàng", "Huân chương Hồ Chí Minh", "Huân chương Độc lập", "Huân chương Lao động",
        "Huân chương Bảo vệ Tổ quốc", "Huân chương Chiến công", "Huân chương Dũng cảm", "Huân chương Hữu nghị",
        "Huy chương", "Danh hiệu Anh hùng Lao động", "Danh hiệu Anh hùng Lực lượng vũ trang nhân dân",
        "Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước"),
        f"Điều 77 {LAW}", UNVERIFIED),
)
LEVEL_NAME = {UNIT: "thủ trưởng cơ quan, đơn vị", COMMUNE: "Chủ tịch UBND cấp xã", PROVINCE: "cấp tỉnh",
              GOVERNMENT: "Thủ tướng Chính phủ", PRESIDENT: "Chủ tịch nước"}


def grantor(form: str, own: str = UNIT) -> Authority | None:
    """The lowest authority that grants ``form``, seen from a unit of level
    ``own`` (UNIT or COMMUNE); None for a form no row names."""
    every = [a for a in AUTHORITIES if form in a.forms]
    rows = [a for a in every if a.level not in (UNIT, COMMUNE) or a.level == own] or every
    return min(rows, key=lambda a: RANK[a.level]) if rows else None


def can_grant(level: str, form: str) -> bool | None:
    """Whether a signer of ``level`` may grant ``form``; None when the form has no row."""
    rows = [a for a in AUTHORITIES if form in a.forms]
    if not rows:
        return None
    return any(a.level == level for a in rows)


# who signs, read from the words of an authority title ("Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh")
_PRESIDENT = ("chu tich nuoc",)
_GOVERNMENT = ("thu tuong",)
_PROVINCE = ("chu tich ubnd tinh", "chu tich uy ban nhan dan tinh", "chu tich ubnd thanh pho truc thuoc",
             "chu tich uy ban nhan dan thanh pho ha noi", "chu tich uy ban nhan dan thanh pho ho chi minh",
             "bo truong")
_COMMUNE = ("chu tich ubnd xa", "chu tich uy ban nhan dan xa", "chu tich ubnd phuong", "chu tich uy ban nhan dan phuong",
            "chu tich ubnd dac khu", "chu tich uy ban nhan dan dac khu")
_UNIT = ("giam doc", "thu truong", "hieu truong", "vien truong", "cuc truong", "chanh van phong", "truong ban",
         "tong giam doc", "chanh an", "vien truong", "chu nhiem")


def signer_level(title: str) -> str | None:
    """The level of a signer from their title and agency; None when the words do not tell."""
    key = fold(title)
    for level, words in ((PRESIDENT, _PRESIDENT), (GOVERNMENT, _GOVERNMENT), (PROVINCE, _PROVINCE),
                         (COMMUNE, _COMMUNE)):
        if any(w in key for w in words):
            return level
    if any(key.startswith(w) or f" {w}" in key for w in _UNIT):
        return UNIT
    return None


def unit_level(issuing_body: str) -> str:
    """The workbook's own level: a commune's UBND, else a cơ quan, đơn vị."""
    key = fold(issuing_body)
    return COMMUNE if any(w in key for w in ("ubnd xa", "uy ban nhan dan xa", "ubnd phuong", "uy ban nhan dan phuong",
                                             "ubnd dac khu", "uy ban nhan dan dac khu")) else UNIT


def refusal(form: str, signer_title: str) -> str | None:
    """Why a signer cannot grant ``form`` (the rule named), or None when they can or it cannot be told."""
    level = signer_level(signer_title)
    if level is None or can_grant(level, form) is not False:
        return None
    granted = grantor(form, level if level in (UNIT, COMMUNE) else UNIT)
    if granted is None:
        return None
    return (f"'{signer_title}' ({LEVEL_NAME[level]}) không có thẩm quyền quyết định tặng '{form}': thẩm quyền thuộc "
            f"{granted.who} theo {granted.basis}.")


def signer_of(data, rec) -> str:
    """The signing authority of a Quyết định row: its 'Người có thẩm quyền',
    else the signer's title with the unit (Thông tin)."""
    from ..vntext import nfc
    given = rec.text("authority_title")
    if given:
        return given
    head = rec.text("signer_title") or nfc(data.info.get("head_title"))
    return f"{head} {nfc(data.info.get('unit_name') or data.info.get('issuing_body'))}".strip()


def decision_refusal(data, rec, form: str | None = None) -> str | None:
    """Why the signer of Quyết định row ``rec`` cannot grant its form, or None."""
    form = form or rec["form"]
    return refusal(form, signer_of(data, rec)) if form else None
