"""The demo's Hội đồng and dossier for 2025: a fictional council of seven
(one absent), one meeting, votes on Danh sách đề nghị and achievement texts,
chosen so that `thidua demo` writes a whole dossier in which one proposal
misses its vote threshold, one lacks part of its báo cáo thành tích (Trần
Thị B's duties paragraph, never written on the Thành tích sheet) and one has
no votes yet. Names and decision numbers
are invented."""
from __future__ import annotations

import datetime as dt

from .. import schema as S

YEAR = 2025
MEETING = dt.datetime(2025, 12, 15)
_VP, _HTQT = "Văn phòng", "Phòng Hợp tác quốc tế"
_XS, _TOT = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"

COUNCIL = [  # (name, position, role)
    ("Đặng Văn K", "Giám đốc Sở", "Chủ tịch Hội đồng"),
    ("Phan Văn N", "Phó Giám đốc Sở", "Phó Chủ tịch Hội đồng"),
    ("Nguyễn Văn A", "Chánh Văn phòng", "Ủy viên thường trực"),
    ("Hoàng Văn E", "Trưởng phòng Hợp tác quốc tế", "Ủy viên"),
    ("Bùi Thị K", "Trưởng phòng Lãnh sự - Biên giới", "Ủy viên"),
    ("Lý Văn P", "Chủ tịch Công đoàn cơ sở", "Ủy viên"),
    ("Trần Thị B", "Phó Chánh Văn phòng", "Thư ký"),
]
MEETINGS = [{"order": 1, "date": MEETING, "year": YEAR, "place": "Phòng họp Sở Ngoại vụ", "quorum": "từ 2/3",
             "absent": "Lý Văn P (đi công tác, có ý kiến bằng văn bản)",
             "opinions": "Các thành viên thống nhất danh sách đề nghị do Thường trực Hội đồng trình.\n"
                         "Chủ trì kết luận: hoàn thiện hồ sơ các trường hợp đề nghị cấp tỉnh, gửi trước ngày 25/12/2025."}]

# (name, kind, position, unit, form, summary, votes for, votes total, code)
PROPOSALS = [
    ("Nguyễn Văn A", S.INDIVIDUAL, "Chánh Văn phòng", _VP, "Chiến sĩ thi đua cấp tỉnh",
     "03 năm liên tục Chiến sĩ thi đua cơ sở; sáng kiến cấp tỉnh 2023, 2024", 7, 7, "SNgV-01"),
    ("Nguyễn Văn A", S.INDIVIDUAL, "Chánh Văn phòng", _VP, "Chiến sĩ thi đua cơ sở",
     "Hoàn thành xuất sắc nhiệm vụ năm 2025; sáng kiến cấp cơ sở", 7, 7, "SNgV-01"),
    ("Trần Thị B", S.INDIVIDUAL, "Phó Chánh Văn phòng", _VP, "Bằng khen của Chủ tịch UBND tỉnh",
     "Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục (2024, 2025); 02 sáng kiến", 6, 7, "SNgV-02"),
    ("Hoàng Văn E", S.INDIVIDUAL, "Trưởng phòng", _HTQT, "Chiến sĩ thi đua cơ sở",
     "Hoàn thành xuất sắc nhiệm vụ năm 2025", 4, 7, "SNgV-05"),
    (_VP, S.COLLECTIVE, "", _VP, "Tập thể lao động xuất sắc",
     "Hoàn thành xuất sắc nhiệm vụ năm 2025; 100% thành viên hoàn thành tốt nhiệm vụ trở lên", 6, 7, ""),
    (_HTQT, S.COLLECTIVE, "", _HTQT, "Tập thể lao động tiên tiến", "Hoàn thành tốt nhiệm vụ năm 2025", 6, 7, ""),
    ("Bùi Thị K", S.INDIVIDUAL, "Trưởng phòng", "Phòng Lãnh sự - Biên giới", "Lao động tiên tiến",
     "Hoàn thành xuất sắc nhiệm vụ năm 2025", None, None, "SNgV-08"),
]
RATINGS = [  # (year, kind, name, rating, code, unit)
    *[(y, S.INDIVIDUAL, "Nguyễn Văn A", _XS, "SNgV-01", _VP) for y in (2023, 2024, 2025)],
    *[(y, S.INDIVIDUAL, "Trần Thị B", _XS, "SNgV-02", _VP) for y in (2024, 2025)],
    (2025, S.INDIVIDUAL, "Hoàng Văn E", _XS, "SNgV-05", _HTQT),
    (2025, S.INDIVIDUAL, "Bùi Thị K", _XS, "SNgV-08", "Phòng Lãnh sự - Biên giới"),
    (2024, S.COLLECTIVE, _VP, _XS, "", ""), (2025, S.COLLECTIVE, _VP, _XS, "", ""),
    (2025, S.COLLECTIVE, _HTQT, _TOT, "", ""),
]
INITIATIVES = [  # (year, name, code, unit, title, scope, decision)
    (2023, "Nguyễn Văn A", "SNgV-01", _VP, "Quy trình số hoá hồ sơ lễ tân đối ngoại", "Tỉnh",
     "21/QĐ-HĐSK ngày 12/12/2023"),
    (2024, "Nguyễn Văn A", "SNgV-01", _VP, "Phần mềm theo dõi đoàn ra, đoàn vào", "Tỉnh", "33/QĐ-HĐSK ngày 10/12/2024"),
    (2025, "Nguyễn Văn A", "SNgV-01", _VP, "Mẫu hồ sơ điện tử tiếp khách quốc tế", "Cơ sở", "40/QĐ-SNgV ngày 05/12/2025"),
    (2024, "Trần Thị B", "SNgV-02", _VP, "Bộ câu hỏi lễ tân đối ngoại cấp xã", "Cơ sở", "31/QĐ-SNgV ngày 06/12/2024"),
    (2025, "Trần Thị B", "SNgV-02", _VP, "Sổ tay tiếp nhận hồ sơ lãnh sự trực tuyến", "Cơ sở",
     "41/QĐ-SNgV ngày 05/12/2025"),
]
HISTORY = [  # (year, form, name, code, decision, date)
    (2023, "Chiến sĩ thi đua cơ sở", "Nguyễn Văn A", "SNgV-01", "52/QĐ-SNgV", dt.datetime(2023, 12, 20)),
    (2024, "Chiến sĩ thi đua cơ sở", "Nguyễn Văn A", "SNgV-01", "48/QĐ-SNgV", dt.datetime(2024, 12, 19)),
]
ACHIEVEMENTS = [  # (name, code, section, text)
    ("Nguyễn Văn A", "SNgV-01", "Chức năng, nhiệm vụ được giao",
     "Chánh Văn phòng Sở, tham mưu Giám đốc Sở công tác tổng hợp, hành chính, lễ tân đối ngoại và thi đua, khen "
     "thưởng của Sở (dữ liệu minh họa)."),
    ("Nguyễn Văn A", "SNgV-01", "Thành tích đạt được",
     "Chủ trì xây dựng và đưa vào sử dụng phần mềm theo dõi đoàn ra, đoàn vào của tỉnh; tham mưu tổ chức an toàn các "
     "đoàn khách quốc tế đến làm việc với tỉnh trong năm 2025 (dữ liệu minh họa)."),
    ("Nguyễn Văn A", "SNgV-01", "Biện pháp, giải pháp",
     "Áp dụng quy trình số hoá hồ sơ, phân công rõ người, rõ việc, rõ thời hạn trong Văn phòng (dữ liệu minh họa)."),
    ("Trần Thị B", "SNgV-02", "Thành tích đạt được",
     "Biên soạn bộ câu hỏi lễ tân đối ngoại cho cán bộ cấp xã; hoàn thành xuất sắc nhiệm vụ năm 2024 và 2025 "
     "(dữ liệu minh họa)."),
    (_VP, "", "Đặc điểm, tình hình",
     "Văn phòng Sở có 04 công chức, tham mưu công tác tổng hợp, hành chính, tổ chức của Sở (dữ liệu minh họa)."),
    (_VP, "", "Chức năng, nhiệm vụ được giao",
     "Tham mưu Giám đốc Sở về công tác tổng hợp, hành chính, văn thư, lưu trữ, tài chính, thi đua, khen thưởng "
     "(dữ liệu minh họa)."),
    (_VP, "", "Thành tích đạt được",
     "Hoàn thành 100% nhiệm vụ được giao trong năm 2025, đúng tiến độ; không có văn bản trễ hạn (dữ liệu minh họa)."),
]


def add_dossier_demo(content):
    rows = content.rows
    rows["council"] = [{"order": i, "name": n, "position": p, "role": r} for i, (n, p, r) in enumerate(COUNCIL, 1)]
    rows["meetings"] = [dict(m) for m in MEETINGS]
    rows["proposals"] = [{"order": i, "subject": n, "recipient_kind": k, "position": pos, "department": u, "form": f,
                          "summary": s, "votes_for": vf, "votes_total": vt, "staff_code": c,
                          "award_type": "Thường xuyên"}
                         for i, (n, k, pos, u, f, s, vf, vt, c) in enumerate(PROPOSALS, 1)]
    ratings = rows.setdefault("ratings", [])
    ratings += [{"order": len(ratings) + i, "year": y, "recipient_kind": k, "subject": n, "staff_code": c,
                 "department": u, "rating": r, "movement": "Có", "solidarity": "Có" if k == S.COLLECTIVE else ""}
                for i, (y, k, n, r, c, u) in enumerate(RATINGS, 1)]
    initiatives = rows.setdefault("initiatives", [])
    initiatives += [{"order": len(initiatives) + i, "year": y, "name": n, "staff_code": c, "department": u,
                     "title": t, "kind": "Sáng kiến", "scope": sc, "decision": dec}
                    for i, (y, n, c, u, t, sc, dec) in enumerate(INITIATIVES, 1)]
    awards = rows.setdefault("awards", [])
    history = [{"form": f, "recipient_kind": S.INDIVIDUAL, "recipient": n,
                "recipient_unit": _VP, "staff_code": c, "field": "Thành tích năm công tác", "period": str(y),
                "year": y, "award_type": "Thường xuyên", "decision_number": dec, "decision_date": day,
                "authority": "Giám đốc Sở Ngoại vụ"}
               for y, f, n, c, dec, day in HISTORY]
    from ..awards.demo import NUMBER
    at = next((i for i, a in enumerate(awards) if a.get("decision_number") == NUMBER), len(awards))
    awards[at:at] = history  # the history before the demo decision's rows, which stay last
    for i, a in enumerate(awards, 1):
        a["order"] = i
    rows["achievements"] = [{"order": i, "subject": n, "staff_code": c, "year": YEAR, "section": s, "text": t}
                            for i, (n, c, s, t) in enumerate(ACHIEVEMENTS, 1)]
    return content
