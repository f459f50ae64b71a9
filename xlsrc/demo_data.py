"""The built-in demo: every fact of the two seed documents — report
180/BC-SNgV of Sở Ngoại vụ Hà Tĩnh (18/11/2021) with its annex of works, and
the news item on the Sở's conference of 01/7/2020 and its awards — typed the
way staff would type them into the workbook."""
from __future__ import annotations

import datetime as dt

from . import schema as S
from .builder import Content

D = dt.datetime
MOVEMENT = ("phong trào thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh (1831-2021), "
            "30 năm tái lập tỉnh (9/1991-9/2021)")

INFO = {
    "parent_body": "UBND TỈNH HÀ TĨNH",
    "issuing_body": "SỞ NGOẠI VỤ",
    "unit_name": "Sở Ngoại vụ",
    "doc_number": "180/BC-SNgV",
    "place": "Hà Tĩnh",
    "doc_date": D(2021, 11, 18),
    "doc_type": "Báo cáo",
    # The original's typing slip "30 tài lập tỉnh" is corrected, as its other slips (README).
    "summary": "Tổng kết phong trào thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập "
               "tỉnh",
    "recipient": "Ban Thi đua - Khen thưởng tỉnh",
    "basis": "06/HĐTĐKT",
    "movement": MOVEMENT,
    "works_purpose": "chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập tỉnh",
    "registration": "221/SNgV-VPTTr",
    "signing_authority": "KT.",
    "head_title": "GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Ngô Thị Hoài Nam",
    "recipients": "- Như trên;\n- Ban Giám đốc Sở;\n- Lưu: VT, VP.",
    "report_year": 2021,
}

_UPPER, _OWN, _BASIS, _REG, _OTHER = (S.ROLE_UPPER, S.ROLE_OWN, S.ROLE_BASIS, S.ROLE_REGISTRATION, S.ROLE_OTHER)

PLANS = [
    {"doc_type": "Văn bản", "number": "06/HĐTĐKT", "date": D(2021, 11, 12),
     "issuer": "Hội đồng Thi đua - Khen thưởng tỉnh", "role": _BASIS,
     "summary": "về việc tổng kết phong trào thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh "
                "(1831-2021), 30 năm tái lập tỉnh (9/1991-9/2021)"},
    {"doc_type": "Kế hoạch", "number": "06/KH-UBND", "date": D(2021, 1, 11), "issuer": "UBND tỉnh", "role": _UPPER,
     "summary": "về xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến trong phong trào thi đua yêu nước "
                "giai đoạn 2021 - 2025"},
    {"doc_type": "Kế hoạch", "number": "15/KH-UBND", "date": D(2021, 1, 15), "issuer": "UBND tỉnh", "role": _UPPER,
     "summary": "về tổ chức phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2021"},
    {"doc_type": "Kế hoạch", "number": "54/KH-UBND", "date": D(2021, 2, 26), "issuer": "UBND tỉnh", "role": _UPPER,
     "summary": "phát động đợt thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh (1831-2021), "
                "30 năm tái lập tỉnh (9/1991-9/2021)"},
    {"doc_type": "Kế hoạch", "number": "84/KH-SNgV", "date": D(2021, 2, 2), "issuer": "Sở Ngoại vụ", "role": _OWN,
     "summary": "tổ chức phong trào thi đua năm 2021"},
    {"doc_type": "Kế hoạch", "number": "198/KH-SNgV", "date": D(2021, 3, 24), "issuer": "Sở Ngoại vụ", "role": _OWN,
     "summary": "xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến trong phong trào thi đua yêu nước của Sở "
                "giai đoạn 2021-2025"},
    {"doc_type": "Kế hoạch", "number": "391/KH-SNgV", "date": D(2021, 6, 11), "issuer": "Sở Ngoại vụ", "role": _OWN,
     "summary": "tổ chức phong trào thi đua giai đoạn 2021 - 2025 theo Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX"},
    {"doc_type": "Kế hoạch", "number": "216/KH-SNgV", "date": D(2021, 3, 29), "issuer": "Sở Ngoại vụ", "role": _OWN,
     "summary": "phát động đợt thi đua lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh, 30 năm tái lập tỉnh"},
    {"doc_type": "Công văn", "number": "221/SNgV-VPTTr", "date": D(2021, 3, 30), "issuer": "Sở Ngoại vụ",
     "role": _REG, "summary": "đăng ký công trình, phần việc chào mừng kỷ niệm 190 năm thành lập tỉnh, "
                              "30 năm tái lập tỉnh"},
    {"doc_type": "Nghị quyết", "number": "244/2020/NQ-HĐND", "date": D(2020, 12, 8), "issuer": "HĐND tỉnh",
     "role": _OTHER, "summary": "về nhiệm vụ phát triển kinh tế - xã hội năm 2021"},
    {"doc_type": "Chỉ thị", "number": "05-CT/TW", "date": D(2016, 5, 15), "issuer": "Bộ Chính trị", "role": _OTHER,
     "summary": "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"},
]
for _i, _p in enumerate(PLANS, start=1):
    _p["order"] = _i

# The annex, typed as in the original: dates of month or year precision,
# progress with a remark, and free text where no figure was given.
WORKS = [
    {"order": 1, "kind": "Công trình", "owner": "Sở Ngoại vụ",
     "name": "Khởi công xây dựng Dự án hệ thống thủy lợi huyện Nông Bốc tỉnh Khăm Muộn, nước Cộng hòa dân chủ "
             "nhân dân Lào",
     "start": "Năm 2021", "planned_finish": "Năm 2022",
     "progress": "95% (dự kiến khởi công trong tháng 12/2021)"},
    {"order": 2, "kind": "Phần việc", "owner": "Sở Ngoại vụ",
     "name": "Ký kết thỏa thuận hợp tác giữa Ủy ban nhân dân tỉnh Hà Tĩnh và Tổ chức Pháp nhân công ích Quản lý "
             "lao động quốc tế (IPM) Nhật Bản về việc thực hiện Chương trình giao lưu đào tạo nguồn nhân lực",
     "start": "Tháng 4", "planned_finish": "Tháng 12", "progress": 1.0},
    {"order": 3, "kind": "Phần việc", "owner": "Sở Ngoại vụ",
     "name": "Tổ chức lớp tiếng Lào cho cán bộ công chức viên chức của tỉnh",
     "start": "Tháng 7", "planned_finish": "Tháng 9",
     "progress": "Sở Ngoại vụ đã có văn bản gửi các sở, ban, ngành đoàn thể và UBND các huyện, thị, thành phố "
                 "khảo sát và đăng ký số lượng CBCCVV có nhu cầu học tiếng Lào. Tuy nhiên, do ảnh hưởng dịch "
                 "Covid-19 diễn biến phức tạp tại Việt Nam cũng như tại tỉnh, Sở Ngoại vụ đã có văn bản đề nghị "
                 "UBND tỉnh cho phép lùi thời gian tổ chức lớp tiếng Lào nói trên sang năm 2022."},
]

# The conference of 01/7/2020 (news item): awards by count where the names
# were not published, by name where they were.
_CONF = "Trao tại Hội nghị điển hình tiên tiến giai đoạn 2015 - 2020 ngày 01/7/2020"
_PTTD = "phong trào thi đua yêu nước giai đoạn 2015-2020"
_CCHC = "công tác Cải cách hành chính giai đoạn 2011-2020"
_AUTH = "Giám đốc Sở Ngoại vụ"
AWARDS = [
    {"form": "Giấy khen", "recipient_kind": S.COLLECTIVE, "count": 2, "recipient_unit": "Sở Ngoại vụ",
     "field": _PTTD, "period": "2015-2020", "authority": _AUTH, "note": _CONF},
    {"form": "Giấy khen", "recipient_kind": S.INDIVIDUAL, "count": 7, "recipient_unit": "Sở Ngoại vụ",
     "field": _PTTD, "period": "2015-2020", "authority": _AUTH, "note": _CONF},
    {"form": "Giấy khen", "recipient_kind": S.COLLECTIVE, "count": 2, "recipient_unit": "Sở Ngoại vụ",
     "field": _CCHC, "period": "2011-2020", "authority": _AUTH, "note": _CONF},
    {"form": "Giấy khen", "recipient_kind": S.INDIVIDUAL, "count": 6, "recipient_unit": "Sở Ngoại vụ",
     "field": _CCHC, "period": "2011-2020", "authority": _AUTH, "note": _CONF},
    {"form": "Chứng nhận điển hình tiên tiến", "recipient_kind": S.INDIVIDUAL, "count": 1,
     "recipient": "Nguyễn Văn Việt", "recipient_unit": "Trưởng phòng Lãnh sự Biên giới",
     "field": "phong trào thi đua yêu nước", "period": "2015-2020", "authority": _AUTH,
     "note": _CONF + "; đại diện điển hình tiên tiến phát biểu tham luận"},
]
for _i, _a in enumerate(AWARDS, start=1):
    _a["order"] = _i

_L, _R, _W, _C, _N = (S.SECTION_LEADERSHIP, S.SECTION_RESULTS, S.SECTION_WORKS, S.SECTION_CLOSING,
                      S.SECTION_NOTES)
NARRATIVE_TEXTS = [
    (_L, "Sở Ngoại vụ đã triển khai thực hiện công tác tuyên truyền các văn bản chỉ đạo của UBND tỉnh về công tác "
         "thi đua khen thưởng nói chung và về phát động phong trào thi đua lập thành tích chào mừng kỷ niệm 190 năm "
         "thành lập tỉnh, 30 năm tái lập tỉnh nói riêng đến toàn thể CBCCVN và người lao động thuộc Sở dưới nhiều "
         "hình thức khác nhau (văn bản triển khai thực hiện, khẩu hiệu tuyên truyền đăng tải trên cổng thông tin "
         "điện tử của Sở; phổ biến tại các buổi giao ban, chào cờ, chuyên qua hệ thống quản lý văn bản nội bộ trong "
         "cơ quan)."),
    (_R, "Nhằm quyết tâm thực hiện thắng lợi Nghị quyết số 244/2020/NQ-HĐND ngày 08/12/2020 của HĐND tỉnh về nhiệm "
         "vụ phát triển kinh tế - xã hội năm 2021; lập thành tích chào mừng kỷ niệm 190 năm thành lập tỉnh (1831 - "
         "2021), 30 năm tái lập tỉnh Hà Tĩnh (9/1991 - 9/2021), các phong trào thi đua tại Sở được triển khai thực "
         "hiện gắn với việc học tập, quán triệt và triển khai thực hiện có hiệu quả Nghị quyết đại hội Đảng bộ các "
         "cấp, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng. Tiếp "
         "tục đẩy mạnh thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo tư "
         "tưởng, đạo đức, phong cách Hồ Chí Minh."),
    (_R, "Trong thời gian qua, CBCCVV và người lao động trong cơ quan ra sức thi đua thực hiện nhiệm vụ chính trị; "
         "xây dựng chương trình, kế hoạch công tác, tâm huyết đề xuất nhiều giải pháp cụ thể, sâu sát, thực tế, "
         "sáng tạo; rèn luyện chuyên môn, nghiệp vụ; tăng cường kỷ cương hành chính; phòng chống tham nhũng; xây "
         "dựng hình ảnh đội ngũ cán bộ, công chức, viên chức tận tụy, gương mẫu, chuyên nghiệp, kỷ cương, trách "
         "nhiệm, tận tình, thân thiện. Đến nay, 02 nhiệm vụ đăng ký trong chương trình khung của tỉnh năm 2021 đã "
         "hoàn thành."),
    (_R, "Thực hiện hiệu quả các giải pháp nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI), "
         "Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) và Chỉ số năng lực "
         "cạnh tranh cấp tỉnh (PCI); triển khai Bộ chỉ số đánh giá năng lực cạnh tranh cấp sở, ban, ngành và địa "
         "phương (bộ chỉ số DDCI). Ứng dụng mạnh mẽ công nghệ thông tin vào các hoạt động quản lý, điều hành và cung "
         "cấp dịch vụ công của các cơ quan, đơn vị. Chỉ đạo thực hiện tốt các nội dung thi đua “Cán bộ, công chức, "
         "viên chức Hà Tĩnh thi đua thực hiện văn hóa công sở”."),
    (_R, "Tiếp tục đổi mới, hoàn thiện tổ chức bộ máy và nâng cao hiệu quả hoạt động của hệ thống chính trị; củng "
         "cố, nâng cao chất lượng tổ chức cơ sở đảng và đảng viên; tập trung thực hiện các quy định, hướng dẫn về "
         "công tác kiểm tra, giám sát, thi hành kỷ luật đảng, rà soát, nghiên cứu, sửa đổi, bổ sung hoặc ban hành "
         "mới các quyết định, quy định, quy chế về công tác kiểm tra, giám sát, kỷ luật đảng phù hợp với các quy "
         "định."),
    (_R, "Triển khai thực hiện hiệu quả phong trào “Toàn dân bảo vệ an ninh Tổ quốc”, tăng cường công tác đảm bảo "
         "an ninh chính trị nội bộ; xây dựng các phương án đảm bảo an ninh, trật tự nhất là trong dịp bầu cử đại biểu "
         "Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026. Tiếp tục đấu tranh, trấn áp các "
         "loại tội phạm, vi phạm pháp luật và tệ nạn xã hội; chủ động công tác phòng chống cháy nổ tại cơ quan..."),
    (_W, "Kết quả thực hiện các công trình, phần việc chào mừng: có phụ lục biểu mẫu gửi kèm."),
    (_N, "Ngày 01/7/2020, Sở Ngoại vụ Hà Tĩnh đã tổ chức Hội nghị điển hình tiên tiến giai đoạn 2015 - 2020 gắn với "
         "tổng kết 10 năm thực hiện cải cách hành chính giai đoạn 2011-2020. Tham dự Hội nghị có đồng chí Thái Phúc "
         "Sơn, Giám đốc Sở; đồng chí Ngô Thị Hoài Nam, Phó Giám đốc Sở và toàn thể CBCCVC Sở Ngoại vụ."),
    (_N, "Tại Hội nghị, các đại biểu được nghe các báo cáo tổng kết phong trào thi đua yêu nước giai đoạn 2015-2020, "
         "báo cáo tổng kết 10 năm công tác cải cách hành chính nhà nước giai đoạn 2011-2020 và 05 tham luận của "
         "CBCCVC; đồng chí Nguyễn Văn Việt, trưởng phòng Lãnh sự Biên giới, đại diện điển hình tiên tiến phát biểu "
         "tham luận; đồng chí Trần Thị Như Ý, trưởng phòng Hợp tác quốc tế, phát biểu tham luận về cải cách hành "
         "chính."),
    (_N, "Ban Giám đốc Sở đã trao Giấy khen cho 02 tập thể và 07 cá nhân có thành tích xuất sắc trong phong trào "
         "thi đua yêu nước giai đoạn 2015-2020, tặng Giấy khen cho 02 tập thể và 06 cá nhân có thành tích xuất sắc "
         "trong thực hiện công tác Cải cách hành chính giai đoạn 2011-2020, trao tặng Chứng nhận điển hình tiên tiến "
         "giai đoạn 2015 - 2020 và phát động phong trào thi đua yêu nước giai đoạn 2020-2025 của Sở Ngoại vụ."),
    (_N, "Bế mạc Hội nghị, đồng chí Thái Phúc Sơn, Giám đốc Sở yêu cầu: tiếp tục triển khai thực hiện tốt các phong "
         "trào thi đua theo hướng thực chất và hiệu quả; nâng cao nhận thức, năng lực của cán bộ, công chức, viên "
         "chức thích ứng nhanh trong tình hình mới; nghiêm túc thực hiện các mục tiêu, nhiệm vụ cải cách hành chính "
         "Nhà nước giai đoạn 2021 -2030; thường xuyên rà soát, phát hiện, bồi dưỡng và nhân rộng các gương điển hình "
         "tiên tiến."),
]
NARRATIVE = [{"section": s, "order": i, "text": t} for i, (s, t) in enumerate(NARRATIVE_TEXTS, start=1)]


# --------------------------------------------------------------------------
# Rà soát điều kiện (issue 9): a small, clearly fictional staff of the Sở
# (names Nguyễn Văn A, Trần Thị B, …; decision numbers invented), three years
# of ratings, initiatives and award history, chosen so that the review of the
# report year (2021) shows every result with its reasons.
_VP, _HTQT, _LSBG = "Văn phòng", "Phòng Hợp tác quốc tế", "Phòng Lãnh sự - Biên giới"
STAFF = [  # (name, code, gender, birth, position, unit)
    ("Nguyễn Văn A", "SNgV-01", "Nam", "12/03/1980", "Chánh Văn phòng", _VP),
    ("Trần Thị B", "SNgV-02", "Nữ", "01/07/1985", "Phó Chánh Văn phòng", _VP),
    ("Lê Văn C", "", "Nam", "20/11/1990", "Chuyên viên", _VP),
    ("Phạm Thị D", "", "Nữ", "05/05/1993", "Chuyên viên", _VP),
    ("Hoàng Văn E", "SNgV-05", "Nam", "30/01/1979", "Trưởng phòng", _HTQT),
    ("Vũ Thị G", "", "Nữ", "09/09/1988", "Chuyên viên", _HTQT),
    ("Đặng Văn H", "", "Nam", "14/02/1995", "Chuyên viên", _HTQT),
    ("Bùi Thị K", "SNgV-08", "Nữ", "18/06/1982", "Trưởng phòng", _LSBG),
    ("Đỗ Văn L", "", "Nam", "02/12/1987", "Chuyên viên", _LSBG),
    ("Ngô Thị M", "", "Nữ", "22/04/1991", "Chuyên viên", _LSBG),
]
_XS, _TOT, _HT = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"
RATINGS = [  # (year, kind, name, rating, movement, discipline, solidarity)
    *[(y, S.INDIVIDUAL, "Nguyễn Văn A", _XS, "Có", "", "") for y in (2019, 2020, 2021)],
    *[(y, S.INDIVIDUAL, "Trần Thị B", _XS, "Có", "", "") for y in (2019, 2020, 2021)],
    (2020, S.INDIVIDUAL, "Lê Văn C", _TOT, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Lê Văn C", _TOT, "Có", "Khiển trách", ""),
    (2020, S.INDIVIDUAL, "Phạm Thị D", _TOT, "Có", "", ""),   # 2021 not yet rated
    (2020, S.INDIVIDUAL, "Hoàng Văn E", _XS, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Hoàng Văn E", _TOT, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Vũ Thị G", _TOT, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Đặng Văn H", _HT, "Có", "", ""),
    (2020, S.INDIVIDUAL, "Bùi Thị K", _XS, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Bùi Thị K", _XS, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Đỗ Văn L", _TOT, "Có", "", ""),
    (2021, S.INDIVIDUAL, "Ngô Thị M", _TOT, "", "", ""),      # participation not recorded
    (2020, S.COLLECTIVE, _VP, _XS, "Có", "", "Có"),
    (2021, S.COLLECTIVE, _VP, _XS, "Có", "", "Có"),
    (2021, S.COLLECTIVE, _HTQT, _TOT, "Có", "", "Có"),
    (2021, S.COLLECTIVE, _LSBG, _XS, "Có", "", "Có"),
]
INITIATIVES = [  # (year, name, title, kind, scope, decision)
    (2020, "Nguyễn Văn A", "Số hoá hồ sơ đoàn ra, đoàn vào của tỉnh", "Sáng kiến", "Tỉnh",
     "45/QĐ-HĐSK ngày 10/12/2020"),
    (2021, "Nguyễn Văn A", "Quy trình phối hợp đón tiếp khách quốc tế", "Sáng kiến", "Cơ sở",
     "12/QĐ-SNgV ngày 06/12/2021"),
    (2021, "Trần Thị B", "Sổ tay lễ tân đối ngoại cấp xã", "Sáng kiến", "Tỉnh", "50/QĐ-HĐSK ngày 08/12/2021"),
    (2021, "Hoàng Văn E", "Cơ sở dữ liệu đối tác hợp tác quốc tế", "Sáng kiến", "Cơ sở",
     "14/QĐ-SNgV ngày 06/12/2021"),
    (2021, "Bùi Thị K", "Hướng dẫn thủ tục lãnh sự cho người dân biên giới", "Đề tài khoa học", "Cơ sở",
     "13/QĐ-SNgV ngày 06/12/2021"),
]
_HISTORY_FIELD = "Thành tích năm công tác"
AWARD_HISTORY = [  # (year, form, name, award type, decision)
    (2019, "Chiến sĩ thi đua cơ sở", "Nguyễn Văn A", "Thường xuyên", "20/QĐ-SNgV"),
    (2020, "Chiến sĩ thi đua cơ sở", "Nguyễn Văn A", "Thường xuyên", "18/QĐ-SNgV"),
    (2019, "Chiến sĩ thi đua cơ sở", "Trần Thị B", "Thường xuyên", "20/QĐ-SNgV"),
    (2020, "Chiến sĩ thi đua cơ sở", "Trần Thị B", "Theo đợt hoặc chuyên đề", "95/QĐ-SNgV"),
    (2019, "Lao động tiên tiến", "Lê Văn C", "Thường xuyên", "20/QĐ-SNgV"),
    (2020, "Lao động tiên tiến", "Lê Văn C", "Thường xuyên", "18/QĐ-SNgV"),
]


def review_rows() -> dict[str, list[dict]]:
    """The rows of the review sheets (and the award history) of the demo."""
    unit_of = {name: unit for name, _, _, _, _, unit in STAFF}
    code_of = {name: code for name, code, *_ in STAFF}
    staff = [{"order": i, "name": n, "staff_code": c, "gender": g, "birth_date": b, "position": p, "department": u}
             for i, (n, c, g, b, p, u) in enumerate(STAFF, start=1)]
    ratings = [{"order": i, "year": y, "recipient_kind": k, "subject": n, "staff_code": code_of.get(n, ""),
                "department": unit_of.get(n, ""), "rating": r, "movement": m, "discipline": d, "solidarity": s}
               for i, (y, k, n, r, m, d, s) in enumerate(RATINGS, start=1)]
    initiatives = [{"order": i, "year": y, "name": n, "staff_code": code_of[n], "department": unit_of[n],
                    "title": t, "kind": k, "scope": sc, "decision": dec}
                   for i, (y, n, t, k, sc, dec) in enumerate(INITIATIVES, start=1)]
    history = [{"form": f, "recipient_kind": S.INDIVIDUAL, "recipient": n, "recipient_unit": unit_of[n],
                "field": _HISTORY_FIELD, "period": str(y), "year": y, "award_type": t, "decision_number": dec,
                "authority": "Giám đốc Sở Ngoại vụ", "staff_code": code_of[n]}
               for y, f, n, t, dec in AWARD_HISTORY]
    return {"staff": staff, "ratings": ratings, "initiatives": initiatives, "award_history": history}


def demo_content() -> Content:
    from .awards.demo import add_decision_demo
    from .dossier.demo import add_dossier_demo
    return add_dossier_demo(add_decision_demo(_seed_content()))


def _seed_content() -> Content:
    review = review_rows()
    awards = [dict(a) for a in AWARDS] + [dict(h, order=len(AWARDS) + i)
                                          for i, h in enumerate(review["award_history"], start=1)]
    return Content(info=dict(INFO), rows={"plans": [dict(p) for p in PLANS], "works": [dict(w) for w in WORKS],
                                          "awards": awards,
                                          "narrative": [dict(n) for n in NARRATIVE],
                                          "staff": review["staff"], "ratings": review["ratings"],
                                          "initiatives": review["initiatives"]})
