"""The words of a decision as a văn thư writes them, not as the schema labels
them: the form's name ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", never
"Bằng khen cấp bộ, ban, ngành, tỉnh"), its verb (Tặng a form, Công nhận a
title, the same in Điều 1, the annex and the certificate), the authority
("Giám đốc Sở Khoa học và Công nghệ", never "GIÁM ĐỐC"), a person's position
and unit said once, and the annex sections numbered from I."""
from __future__ import annotations

import re

from ..vntext import fold, nfc

# Danh hiệu thi đua (Luật 06/2022/QH15 Điều 23–28) are "công nhận"; a Cờ thi đua is a danh hiệu that is
# handed over ("Tặng Cờ thi đua của …"), as the hình thức khen thưởng are ("Tặng Bằng khen …").
TITLES = {"Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua cơ sở",
          "Lao động tiên tiến", "Chiến sĩ tiên tiến", "Cờ thi đua của Chính phủ", "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
          "Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Đơn vị quyết thắng", "Đơn vị tiên tiến"}
FLAGS = {"Cờ thi đua của Chính phủ", "Cờ thi đua cấp bộ, ban, ngành, tỉnh"}
GRANT, RECOGNISE = "Tặng", "Công nhận"

PROVINCE_HEAD = "Chủ tịch Ủy ban nhân dân tỉnh"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

# The first words of an agency's name: what follows a title in "Giám đốc Sở …", "Chủ tịch Ủy ban nhân dân …".
_AGENCY_WORDS = ("so", "uy ban", "ubnd", "bo", "ban", "phong", "van phong", "truong", "benh vien", "trung tam",
                 "hoi dong", "cuc", "chi cuc", "tong cuc", "vien", "hoc vien", "dai hoc", "cong ty", "tinh", "huyen",
                 "xa", "phuong", "thi tran", "thanh pho", "dang uy", "cong doan", "hoi", "quan")


def verb(form: str) -> str:
    """'Công nhận' for a danh hiệu thi đua, 'Tặng' for a hình thức khen thưởng and a Cờ thi đua."""
    return RECOGNISE if form in TITLES and form not in FLAGS else GRANT


def _level(authority: str) -> str:
    """'bộ' when a minister or the head of a central body grants, else 'tỉnh'."""
    f = fold(authority)
    return "bộ" if re.search(r"\b(bo truong|thu truong co quan ngang bo|truong ban|tong giam doc)\b", f) else "tỉnh"


def _ministry(authority: str) -> str:
    """'Bộ Khoa học và Công nghệ' from 'Bộ trưởng Bộ Khoa học và Công nghệ'."""
    m = re.search(r"\b(Bộ|Ban|Tổng công ty|Ủy ban|Đoàn)\b(?!\s*trưởng)", nfc(authority))
    return authority[m.start():] if m else authority


def form_name(form: str, authority: str) -> str:
    """The form as the decision writes it, given who grants it."""
    head = nfc(authority).strip()
    level = _level(head)
    if form == "Bằng khen cấp bộ, ban, ngành, tỉnh":
        if level == "bộ" and head:
            return f"Bằng khen của {head}"
        return f"Bằng khen của {PROVINCE_HEAD}"
    if form == "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh":
        return "Chiến sĩ thi đua cấp bộ" if level == "bộ" else "Chiến sĩ thi đua cấp tỉnh"
    if form == "Cờ thi đua cấp bộ, ban, ngành, tỉnh":
        return f"Cờ thi đua của {_ministry(head)}" if level == "bộ" and head else "Cờ thi đua của Ủy ban nhân dân tỉnh"
    return form


def form_phrase(form: str, authority: str) -> str:
    """'danh hiệu “Lao động tiên tiến”' for a title, 'Giấy khen' for a form."""
    name = form_name(form, authority)
    return f"danh hiệu “{name}”" if form in TITLES and form not in FLAGS else name


def granted(items: list[tuple[str, str]], authority: str = "") -> str:
    """'tặng Giấy khen cho 02 tập thể; công nhận danh hiệu “Lao động tiên tiến”
    cho 03 cá nhân' from (form, what follows its name): the verb said again
    only where it changes."""
    out, last = [], ""
    for form, rest in items:
        said = verb(form).lower()
        out.append(f"{said + ' ' if said != last else ''}{form_phrase(form, authority)} {rest}")
        last = said
    return "; ".join(out)


def section_numbers(present: list[bool]) -> list[str]:
    """Roman numbers of the annex's sections, counted over those present only: I, then II."""
    out, n = [], 0
    for here in present:
        out.append(_ROMAN[n] if here else "")
        n += here
    return out


def whom(collectives: int, individuals: int) -> str:
    """'các tập thể, cá nhân' only when both are present; 'tập thể'/'cá nhân' for one of them."""
    many = collectives + individuals > 1
    kinds = [k for k, n in (("tập thể", collectives), ("cá nhân", individuals)) if n]
    return ("các " if many else "") + ", ".join(kinds)


# ------------------------------------------------------------ position, unit
def _without_agency_word(department: str) -> str:
    """'Văn phòng Sở' → 'Văn phòng': the trailing 'Sở' stands for the agency, said after it."""
    return re.sub(r"\s+(Sở|sở|Ủy ban|UBND|Bộ)$", "", department.strip())


def position_text(position: str, department: str, agency: str) -> str:
    """'Chánh Văn phòng, Sở Khoa học và Công nghệ': one position, one unit, the
    agency once. The department is left out when the position names it
    ('Chánh Văn phòng' and 'Văn phòng Sở'); the agency when the department
    already holds it."""
    position, department, agency = (" ".join(nfc(x or "").split()) for x in (position, department, agency))
    if agency and fold(department).endswith(fold(agency)) and fold(department) != fold(agency):
        department = department[:len(department) - len(agency)].strip(" ,")  # 'Văn phòng Sở Khoa học …'
    department = _without_agency_word(department) if agency else department
    parts = [position] if position else []
    if department and not (position and fold(department) in fold(position)):
        parts.append(department)
    if agency and not any(fold(agency) in fold(p) for p in parts):
        parts.append(agency)
    return ", ".join(parts)


# ------------------------------------------------------------ authority
def _sentence_case(title: str) -> str:
    title = nfc(title).strip().lower()
    return title[:1].upper() + title[1:]


def _names_agency(text: str) -> bool:
    f = fold(text)
    return any(re.search(rf"\b{w}\b", f) for w in _AGENCY_WORDS)


def authority_of(given: str, head_title: str, agency: str) -> tuple[str, str]:
    """(the authority as the annex heading writes it, a warning or ''):
    built from the head's title and the agency when the cell is empty or holds
    a title only ("GIÁM ĐỐC"); a name typed in capitals whose agency is the
    unit's own is written in sentence case; another form is kept with a
    warning giving the expected one."""
    given, agency = " ".join(nfc(given or "").split()), " ".join(nfc(agency or "").split())
    expected = f"{_sentence_case(head_title or given)} {agency}".strip()
    if not given:
        if not agency or not head_title:
            return expected, ("'Người có thẩm quyền' để trống và trang Thông tin thiếu "
                              f"{'tên đơn vị' if not agency else 'chức vụ người đứng đầu'}: dòng 'Kèm theo Quyết định "
                              f"… của …' chỉ ghi '{expected}'. Ghi dạng 'Giám đốc Sở Khoa học và Công nghệ'.")
        return expected, ""
    if not _names_agency(given):
        if agency:
            return (f"{_sentence_case(given)} {agency}",
                    f"'Người có thẩm quyền' ghi '{given}', chỉ có chức danh: quyết định ghi "
                    f"'{_sentence_case(given)} {agency}' (chức danh và tên cơ quan). Sửa ô này nếu khác.")
        return given, (f"'Người có thẩm quyền' ghi '{given}', chỉ có chức danh, thiếu tên cơ quan: ghi dạng "
                       f"'Giám đốc Sở Khoa học và Công nghệ'.")
    if given.upper() == given and any(ch.isalpha() for ch in given):
        if agency and fold(given).endswith(fold(agency)):
            title = given[:len(given) - len(agency)].strip()
            if title:
                return f"{_sentence_case(title)} {agency}", ""
        example = expected or "Giám đốc Sở Khoa học và Công nghệ"
        return given, (f"'Người có thẩm quyền' '{given}' viết hoa toàn bộ: dòng 'Kèm theo Quyết định … của …' "
                       f"ghi chức danh và tên cơ quan viết thường, ví dụ '{example}'.")
    return given, ""

