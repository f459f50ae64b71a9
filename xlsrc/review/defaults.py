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

# Where the "trên 50%" member threshold of Tập thể lao động tiên tiến comes
# from (the issue asked to confirm it against Luật 06/2022/QH15 Điều 28).
MEMBER_SHARE_NOTE = (
    "Ngưỡng 'trên 50%' lấy theo Điều 28 khoản 1 điểm c Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), "
    "được trích nguyên văn tại thiduakhenthuong.langson.gov.vn; chưa đối chiếu được với văn bản gốc của "
    "Luật 06/2022/QH15 Điều 28 trong nguồn tra cứu hiện có. Hãy đối chiếu với văn bản chính thức "
    "(Công báo số 571-572) và sửa ô này nếu khác.")

DEFAULT_STANDARDS: tuple[dict, ...] = (
    {"title": "Lao động tiên tiến", "recipient_kind": S.INDIVIDUAL,
     "rule": "Xếp loại trong năm từ Hoàn thành tốt nhiệm vụ trở lên; tham gia phong trào thi đua; "
             "không bị kỷ luật trong năm và không đang bị xem xét kỷ luật.",
     "min_rating": HTT, "discipline_from": "Khiển trách",
     "basis": f"{LAW} Điều 24 khoản 1; {DECREE} Điều 4"},
    {"title": "Chiến sĩ thi đua cơ sở", "recipient_kind": S.INDIVIDUAL,
     "rule": "Đạt Lao động tiên tiến trong năm; và Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài "
             "được công nhận trong năm từ cấp cơ sở trở lên.",
     "min_rating": HTXS, "min_initiatives": 1, "initiative_scope": "Cơ sở",
     "basis": f"{LAW} Điều 23"},
    {"title": "Chiến sĩ thi đua cấp tỉnh", "recipient_kind": S.INDIVIDUAL,
     "rule": "Đạt Chiến sĩ thi đua cơ sở 03 năm liên tục đến năm xét (năm trước lấy ở trang Khen thưởng, "
             "khen đột xuất, theo đợt hoặc chuyên đề không tính); có sáng kiến, đề tài phạm vi tỉnh trở lên "
             "được công nhận trong các năm đó.",
     "years": 3, "min_initiatives": 1, "initiative_scope": "Tỉnh",
     "basis": f"{LAW} Điều 22; {DECREE} Điều 4"},
    {"title": "Bằng khen của Chủ tịch UBND tỉnh", "recipient_kind": S.INDIVIDUAL,
     "rule": "Điểm d: Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục đến năm xét; có ít nhất 02 sáng kiến, "
             "đề tài được công nhận trong 02 năm đó.",
     "min_rating": HTXS, "years": 2, "min_initiatives": 2, "initiative_scope": "Cơ sở",
     "basis": f"{LAW} Điều 74 khoản 1 điểm d"},
    {"title": "Tập thể lao động tiên tiến", "recipient_kind": S.COLLECTIVE,
     "rule": "Tập thể xếp loại từ Hoàn thành tốt nhiệm vụ trở lên; tỷ lệ thành viên đạt Lao động tiên tiến "
             "đạt ngưỡng; không có thành viên bị kỷ luật từ Cảnh cáo trở lên; nội bộ đoàn kết.",
     "min_rating": HTT, "member_share": "trên 50%", "discipline_from": "Cảnh cáo",
     "basis": f"{LAW} Điều 28", "note": MEMBER_SHARE_NOTE},
    {"title": "Tập thể lao động xuất sắc", "recipient_kind": S.COLLECTIVE,
     "rule": "Tập thể Hoàn thành xuất sắc nhiệm vụ; mọi thành viên từ Hoàn thành nhiệm vụ trở lên; từ 70% "
             "thành viên đạt Lao động tiên tiến; có thành viên đạt Chiến sĩ thi đua cơ sở; không có thành viên "
             "bị kỷ luật từ Cảnh cáo trở lên; nội bộ đoàn kết.",
     "min_rating": HTXS, "member_min_rating": HT, "member_share": "từ 70%", "min_emulation_members": 1,
     "discipline_from": "Cảnh cáo", "basis": f"{LAW} Điều 27"},
)


def default_standard_rows() -> list[dict]:
    return [dict(r) for r in DEFAULT_STANDARDS]
