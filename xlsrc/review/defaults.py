"""The default content of the Tiêu chuẩn sheet: each reviewed title, its
thresholds and its legal basis (Luật Thi đua, khen thưởng 06/2022/QH15 and
Nghị định 152/2025/NĐ-CP). These are data: the workbook holds a copy that
staff may change; the review reads the workbook, never these defaults,
except when a workbook has no Tiêu chuẩn sheet at all.

The rule codes are the canonical award-form names of the schema vocabulary,
so a row keyed by any spelling of a title finds its rule."""
from __future__ import annotations

from .. import schema as S

LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
DECREE = "Nghị định 152/2025/NĐ-CP"

# Canonical titles (schema "award_form" values) the engine knows how to check.
LDTT = "Lao động tiên tiến"
CSTD_CS = "Chiến sĩ thi đua cơ sở"
CSTD_TINH = "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"
BANG_KHEN = "Bằng khen cấp bộ, ban, ngành, tỉnh"
TT_LDTT = "Tập thể lao động tiên tiến"
TT_LDXS = "Tập thể lao động xuất sắc"

HTXS, HTT, HT, KHT = S.VOCABULARIES["rating"].values
RULE_TITLES = {LDTT: S.INDIVIDUAL, CSTD_CS: S.INDIVIDUAL, CSTD_TINH: S.INDIVIDUAL, BANG_KHEN: S.INDIVIDUAL,
               TT_LDTT: S.COLLECTIVE, TT_LDXS: S.COLLECTIVE}  # the rules the engine knows, and for whom

# Where the member thresholds of the two collective titles stand. Read (November
# 2026) in public sources on Luật 06/2022/QH15: Điều 28 is the article of Tập thể
# lao động tiên tiến and Điều 27 that of Tập thể lao động xuất sắc (both cited so
# by circulars guiding the 2022 Law), and the Law lets bộ, ban, ngành, tỉnh set
# the detailed criteria for their own units; the wording of the thresholds in the
# 2022 text itself was not found. The notes say so, and cite no repealed text.
MEMBER_SHARE_NOTE = (
    "Ngưỡng 'trên 50%' chưa đối chiếu được với nguyên văn Điều 28 Luật 06/2022/QH15. Luật giao bộ, ban, ngành, "
    "tỉnh quy định chi tiết tiêu chuẩn cho cơ quan, đơn vị thuộc quyền (ví dụ Thông tư 01/2024/TT-VPCP dùng "
    "'ít nhất 70%' cho Văn phòng Chính phủ). Hãy đối chiếu với Điều 28 Luật 06/2022/QH15 (Công báo số "
    "571-572) và quy định của bộ, ngành, tỉnh mình, rồi sửa ô ngưỡng nếu khác.")
EXCELLENT_SHARE_NOTE = (
    "Các ngưỡng (mọi thành viên từ Hoàn thành nhiệm vụ, 'từ 70%' đạt Lao động tiên tiến, có thành viên đạt Chiến sĩ "
    "thi đua cơ sở) chưa đối chiếu được với nguyên văn Điều 27 Luật 06/2022/QH15. Hãy đối chiếu với Điều 27 Luật "
    "06/2022/QH15 (Công báo số 571-572) và quy định của bộ, ngành, tỉnh mình, rồi sửa ô ngưỡng nếu khác.")

UNVERIFIED = S.UNVERIFIED
LOCAL_RULE = "Quy định riêng của địa phương (không có trong Luật); để trống là không áp dụng"

# Time in service and leave (Lao động tiên tiến, hence Chiến sĩ thi đua cơ sở built on it). The rules
# "mới tuyển dụng dưới 10 tháng thì không xét", "nghỉ thai sản được tính", "nghỉ từ 40 ngày làm việc trở lên
# thì không xét" are those of the decree guiding the Law; their article and wording in Nghị định
# 152/2025/NĐ-CP could not be read in the original here, so no article is cited and the status says so.
SERVICE_BASIS = (f"{DECREE} (quy định về thời gian công tác, thời gian nghỉ để xét danh hiệu; điều, khoản "
                 "chưa đối chiếu được văn bản gốc)")
SERVICE_NOTE = ("Các ngưỡng 10 tháng công tác, nghỉ từ 40 ngày làm việc trở lên, nghỉ thai sản được tính là thời "
                f"gian công tác: chưa đối chiếu được nguyên văn {DECREE}. Hãy đối chiếu và sửa ô ngưỡng nếu khác.")
# Discipline as a condition of the titles and forms the Law gives to individuals: Lao động tiên tiến
# (Điều 24, "không bị kỷ luật" among its conditions as the defaults read it); Chiến sĩ thi đua and Bằng khen
# are judged on every year they count. Their own clause on discipline was not read in the original.
DISCIPLINE_BASIS_UNREAD = (f"{LAW}; {DECREE} (điều kiện không bị kỷ luật trong thời gian xét; điều, khoản "
                           "chưa đối chiếu được văn bản gốc)")

DEFAULT_STANDARDS: tuple[dict, ...] = (
    {"title": "Lao động tiên tiến", "recipient_kind": S.INDIVIDUAL,
     "rule": "Xếp loại trong năm từ Hoàn thành tốt nhiệm vụ trở lên; tích cực tham gia phong trào thi đua; "
             "không bị kỷ luật trong năm và không đang bị xem xét kỷ luật.",
     "min_rating": HTT, "discipline_from": "Khiển trách",
     "discipline_basis": f"điểm a, điểm b khoản 1 Điều 24 {LAW}",
     "min_service_months": 10, "max_leave_days": 40, "leave_counted": "Thai sản", "service_basis": SERVICE_BASIS,
     "basis": f"điểm a, điểm b khoản 1 Điều 24 {LAW}; khoản 4 Điều 4 {DECREE}",
     "note": SERVICE_NOTE, "verified": UNVERIFIED},
    {"title": "Chiến sĩ thi đua cơ sở", "recipient_kind": S.INDIVIDUAL,
     "rule": "Đạt Lao động tiên tiến trong năm; và Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài "
             "được công nhận trong năm từ cấp cơ sở trở lên.",
     "min_rating": HTXS, "min_initiatives": 1, "initiative_scope": "Cơ sở",
     "basis": f"khoản 1, khoản 2 Điều 23 {LAW}", "verified": UNVERIFIED},
    {"title": "Chiến sĩ thi đua cấp tỉnh", "recipient_kind": S.INDIVIDUAL,
     "rule": "03 lần liên tục đạt Chiến sĩ thi đua cơ sở đến năm xét (năm trước lấy ở trang Khen thưởng; "
             "khen đột xuất, theo đợt hoặc chuyên đề không tính); có sáng kiến, đề tài áp dụng hiệu quả, "
             "phạm vi tỉnh trở lên, được công nhận trong các năm đó; không bị kỷ luật trong các năm đó.",
     "years": 3, "min_initiatives": 1, "initiative_scope": "Tỉnh", "discipline_from": "Khiển trách",
     "discipline_basis": DISCIPLINE_BASIS_UNREAD,
     "basis": f"Điều 22 {LAW}; khoản 3 Điều 4 {DECREE}", "verified": UNVERIFIED},
    {"title": "Bằng khen của Chủ tịch UBND tỉnh", "recipient_kind": S.INDIVIDUAL,
     "rule": "Điểm d: Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục hoặc 02 lần liên tục đạt Chiến sĩ thi đua "
             "cơ sở đến năm xét; có ít nhất 02 sáng kiến, đề tài được công nhận trong thời gian đó; không bị "
             "kỷ luật trong thời gian đó.",
     "min_rating": HTXS, "years": 2, "min_initiatives": 2, "initiative_scope": "Cơ sở",
     "discipline_from": "Khiển trách", "discipline_basis": DISCIPLINE_BASIS_UNREAD,
     "basis": f"điểm d khoản 1 Điều 74 {LAW}", "verified": UNVERIFIED},
    {"title": "Tập thể lao động tiên tiến", "recipient_kind": S.COLLECTIVE,
     "rule": "Tập thể xếp loại từ Hoàn thành tốt nhiệm vụ trở lên; tỷ lệ thành viên đạt Lao động tiên tiến "
             "đạt ngưỡng; nội bộ đoàn kết.",
     "min_rating": HTT, "member_share": "trên 50%", "discipline_basis": LOCAL_RULE,
     "basis": f"Điều 28 {LAW}", "note": MEMBER_SHARE_NOTE, "verified": UNVERIFIED},
    {"title": "Tập thể lao động xuất sắc", "recipient_kind": S.COLLECTIVE,
     "rule": "Tập thể Hoàn thành xuất sắc nhiệm vụ; mọi thành viên từ Hoàn thành nhiệm vụ trở lên; từ 70% "
             "thành viên đạt Lao động tiên tiến; có thành viên đạt Chiến sĩ thi đua cơ sở; nội bộ đoàn kết.",
     "min_rating": HTXS, "member_min_rating": HT, "member_share": "từ 70%", "min_emulation_members": 1,
     "discipline_basis": LOCAL_RULE, "basis": f"Điều 27 {LAW}", "note": EXCELLENT_SHARE_NOTE,
     "verified": UNVERIFIED},
)


def default_standard_rows() -> list[dict]:
    return [dict(r) for r in DEFAULT_STANDARDS]
