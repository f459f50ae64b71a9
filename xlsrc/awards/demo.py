"""The demo's decision: a small, clearly fictional staff (Nguyễn Văn A,
Trần Thị B, …) and one 2025 decision of the Sở granting Giấy khen, with its
certificates. The conference awards of 2020 stay as counts, as in the seed."""
from __future__ import annotations

import datetime as dt

from .. import schema as S

NUMBER = "45/QĐ-SNgV"
DATE = dt.datetime(2025, 12, 22)
FIELD = "thực hiện nhiệm vụ năm 2025"

STAFF = [  # fictional people, the same as the review's demo staff (xlsrc.demo_data.STAFF)
    {"name": "Nguyễn Văn A", "staff_code": "SNgV-01", "gender": "Nam", "position": "Chánh Văn phòng",
     "department": "Văn phòng"},
    {"name": "Trần Thị B", "staff_code": "SNgV-02", "gender": "Nữ", "position": "Phó Chánh Văn phòng",
     "department": "Văn phòng"},
    {"name": "Lê Văn C", "staff_code": "", "gender": "Nam", "position": "Chuyên viên", "department": "Văn phòng"},
    {"name": "Phạm Thị D", "staff_code": "", "gender": "Nữ", "position": "Chuyên viên", "department": "Văn phòng"},
    {"name": "Hoàng Văn E", "staff_code": "SNgV-05", "gender": "Nam", "position": "Trưởng phòng",
     "department": "Phòng Hợp tác quốc tế"},
]

DECISION = {
    "number": NUMBER, "date": DATE, "form": "Giấy khen", "award_type": "Thường xuyên",
    "summary": "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ "
               "năm 2025",
    "reason": "xuất sắc trong thực hiện nhiệm vụ năm 2025",
    "proposal": "Chánh Văn phòng Sở tại Tờ trình số …/TTr-VP ngày … tháng 12 năm 2025 (dữ liệu minh họa)",
    "bases": "Quyết định số …/2025/QĐ-UBND ngày … của UBND tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu "
             "tổ chức của Sở Ngoại vụ (ghi số, ngày của văn bản thật)\n"
             "Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh (ghi số, ngày của văn bản thật)",
    "signer_name": "Đặng Văn K", "signer_title": "GIÁM ĐỐC",
    "authority_title": "Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh",
    "recipients": "- Như Điều 3;\n- Lưu: VT, VP.",
}


def _award(kind: str, name: str, unit: str = "", code: str = "") -> dict:
    return {"form": "Giấy khen", "recipient_kind": kind, "recipient": name, "recipient_unit": unit,
            "staff_code": code, "field": FIELD, "period": "2025", "year": 2025, "award_type": "Thường xuyên",
            "decision_number": NUMBER, "decision_date": DATE, "authority": "Giám đốc Sở Ngoại vụ"}


AWARDS = [
    _award(S.COLLECTIVE, "Phòng Hợp tác quốc tế", "Sở Ngoại vụ"),
    _award(S.COLLECTIVE, "Phòng Lãnh sự - Biên giới", "Sở Ngoại vụ"),
] + [_award(S.INDIVIDUAL, p["name"], code=p["staff_code"]) for p in STAFF]


def add_decision_demo(content):
    """The demo content with the fictional staff, the decision and its awards added."""
    rows = content.rows
    staff = rows.setdefault("staff", [])
    known = {p.get("name") for p in staff}
    staff += [dict(p) for p in STAFF if p["name"] not in known]
    for i, p in enumerate(staff, start=1):
        p.setdefault("order", i)
    rows["decisions"] = [{"order": 1, **DECISION}]
    awards = rows.setdefault("awards", [])
    start = len(awards)
    awards += [{"order": start + i, **a} for i, a in enumerate(AWARDS, start=1)]
    return content
