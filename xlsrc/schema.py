"""The single source of truth for the workbook: sheets, columns, Vietnamese
headers, header aliases, types, required fields and vocabularies.

The workbook builder, the reader, the validator, the consolidator and the
report all derive from the definitions here; nothing else lists a header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vntext import fold

# --------------------------------------------------------------------------
# Value kinds understood by the parsers (xlsrc.parsing)
TEXT, LINES, DATE, PROGRESS, INT, CHOICE, DOC_NUMBER = (
    "text", "lines", "date", "progress", "int", "choice", "doc_number")
NUMBER = "number"  # a decimal: millimetres, coefficients (1,5 or 1.5)


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary, with the spellings accepted for it."""
    value: str
    aliases: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # award forms: which recipient kinds may receive it


@dataclass(frozen=True)
class Vocabulary:
    """``rewrite``: regular-expression substitutions made, in order, on the
    folded text (and on every spelling) before they are compared: the ways a
    value is commonly written ('BK' for 'Bằng khen', 'sỹ' for 'sĩ', a
    leading 'Danh hiệu'); ``patterns``: (regular expression on the rewritten
    text, value) tried when no spelling matches."""
    key: str
    terms: tuple[Term, ...]
    rewrite: tuple[tuple[str, str], ...] = ()
    patterns: tuple[tuple[str, str], ...] = ()

    def _key(self, text: object) -> str:
        key = fold(text)
        for pattern, repl in self.rewrite:
            key = re.sub(pattern, repl, key).strip()
        return " ".join(key.split())

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def lookup(self, text: str) -> Term | None:
        """The term a typed value means, matched without regard to case,
        diacritics or punctuation; ``None`` when unknown."""
        index = _LOOKUP.get(self.key)
        if index is None or index[0] is not self:
            table: dict[str, Term] = {}
            for term in self.terms:
                for name in (term.value,) + term.aliases:
                    table.setdefault(fold(name), term)
                    table.setdefault(self._key(name), term)
            index = _LOOKUP[self.key] = (self, table, {})
        typed = index[2]
        if isinstance(text, str) and text in typed:
            return typed[text]
        key = fold(text)
        term = index[1].get(key) if key else None
        if term is None and key and (self.rewrite or self.patterns):
            key = self._key(text)
            term = index[1].get(key)
            if term is None:
                value = next((v for pattern, v in self.patterns if re.search(pattern, key)), None)
                term = next((t for t in self.terms if t.value == value), None) if value else None
        if isinstance(text, str):
            if len(typed) > 20_000:
                typed.clear()
            typed[text] = term
        return term


# per vocabulary: folded spelling -> term (built once), and typed text -> term (filled as texts are met)
_LOOKUP: dict[str, tuple[Vocabulary, dict[str, Term], dict[str, Term | None]]] = {}


COLLECTIVE, INDIVIDUAL = "Tập thể", "Cá nhân"
BOTH = (COLLECTIVE, INDIVIDUAL)

# How units write the award forms (folded text): abbreviations spelled out, the words that only say who signs
# ('của Chủ tịch', 'Giám đốc') or that a title is one ('Danh hiệu', quotes), 'sỹ' for 'sĩ', a year after it.
AWARD_FORM_REWRITE: tuple[tuple[str, str], ...] = (
    (r"^(?:de nghi |tang |cong nhan |xet tang |truy tang )+", ""), (r"^(?:danh hieu|hinh thuc) ", ""),
    (r"\b(?:nam|giai doan) \d{4}(?: \d{4})?.*$", ""), (r"\bsy\b", "si"),
    (r"\bbkttg\b", "bang khen thu tuong"), (r"\bbk\b", "bang khen"), (r"\bgk\b", "giay khen"),
    (r"\bcstd\b", "chien si thi dua"), (r"\bcstt\b", "chien si tien tien"),
    (r"\bldxs\b", "lao dong xuat sac"), (r"\bldtt\b", "lao dong tien tien"),  # 'Tập thể LĐXS', 'LĐTT năm 2025',
    (r"\bhcld\b", "huan chuong lao dong"), (r"\bhc\b", "huan chuong"), (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bttg\b", "thu tuong"), (r"\bttcp\b", "thu tuong chinh phu"), (r"\bcp\b", "chinh phu"),
    (r"\b(?:cua|chu tich|giam doc|bo truong|thu truong)\b", " "),
)
# Then, when no spelling matches, what the rewritten text begins with (Luật 06/2022/QH15, Điều 34, 35, 41–43, 71–74).
AWARD_FORM_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^bang khen thu tuong(?: chinh phu)?$", "Bằng khen của Thủ tướng Chính phủ"),
    (r"^bang khen (?:uy ban nhan dan )?(?:tinh|thanh pho|bo)\b|^bang khen (?:ban|nganh|doan the)\b.*\btrung uong\b",
     "Bằng khen cấp bộ, ban, ngành, tỉnh"),
    (r"^giay khen\b", "Giấy khen"),
    (r"^co thi dua chinh phu$", "Cờ thi đua của Chính phủ"),
    (r"^co thi dua (?:uy ban nhan dan )?(?:tinh|thanh pho|bo)\b|^co thi dua (?:ban|nganh|doan the)\b.*\btrung uong\b",
     "Cờ thi đua cấp bộ, ban, ngành, tỉnh"),
    (r"^chien si thi dua (?:cap )?(?:tinh|bo|thanh pho)\b", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"),
    (r"^chien si thi dua toan quoc$", "Chiến sĩ thi đua toàn quốc"),
    (r"^chien si thi dua (?:cap )?co so$", "Chiến sĩ thi đua cơ sở"),
    (r"^huan chuong lao dong(?: hang (?:nhat|nhi|ba|1|2|3|i|ii|iii))?$", "Huân chương Lao động"),
    (r"^huan chuong doc lap(?: hang (?:nhat|nhi|ba|1|2|3|i|ii|iii))?$", "Huân chương Độc lập"),
    (r"^huan chuong bao ve to quoc(?: hang (?:nhat|nhi|ba|1|2|3|i|ii|iii))?$", "Huân chương Bảo vệ Tổ quốc"),
    (r"^huan chuong chien cong(?: hang (?:nhat|nhi|ba|1|2|3|i|ii|iii))?$", "Huân chương Chiến công"),
    (r"^ky niem chuong\b", "Kỷ niệm chương"),
)

VOCABULARIES: dict[str, Vocabulary] = {v.key: v for v in (
    Vocabulary("work_kind", (
        Term("Công trình", ("cong trinh",)),
        Term("Phần việc", ("phan viec",)),
        Term("Nhiệm vụ", ("nhiem vu",)),
    )),
    Vocabulary("status", (
        Term("Hoàn thành", ("da hoan thanh", "xong", "da xong", "hoan thanh 100%", "da hoan thanh 100%",
                            "da nghiem thu", "da ban giao", "dua vao su dung", "da dua vao su dung",
                            "hoan thanh va dua vao su dung", "da hoan thanh va dua vao su dung", "khanh thanh",
                            "da khanh thanh", "hoan thanh vuot ke hoach", "da thuc hien xong", "ht", "da ht",
                            "hoan thanh vuot tien do", "hoan thanh truoc thoi han", "hoan thanh dung tien do",
                            "hoan thanh truoc tien do")),
        Term("Đang thực hiện", ("dang trien khai", "dang lam", "dang thi cong", "dang hoan thien", "dang xay dung",
                                "dang tiep tuc thuc hien", "dang to chuc thuc hien", "dang trien khai thuc hien",
                                "dang th", "dang tk", "dang thuc hien dung tien do")),
        Term("Chưa triển khai", ("chua thuc hien", "chua bat dau", "chua khoi cong", "chua to chuc", "chua th",
                                 "chua tk")),
        Term("Chậm tiến độ", ("cham", "tre han", "qua han", "cham so voi ke hoach")),
        Term("Lùi thời gian", ("tam hoan", "hoan", "lui", "gian tien do", "dieu chinh thoi gian", "tam dung",
                               "tam ngung", "lui sang nam sau")),
        Term("Chưa rõ", ("khong ro",)),
    )),
    Vocabulary("recipient_kind", (
        Term(COLLECTIVE, ("tt", "tap the", "don vi", "to chuc")),
        Term(INDIVIDUAL, ("cn", "ca nhan")),
    )),
    # Luật Thi đua, Khen thưởng 2022 (Luật số 06/2022/QH15): danh hiệu thi đua
    # (Điều 23–28) và hình thức khen thưởng (Điều 34), plus the certificate of
    # điển hình tiên tiến used by emulation boards.
    Vocabulary("award_form", (
        Term("Huân chương Sao vàng", (), BOTH),
        Term("Huân chương Hồ Chí Minh", (), BOTH),
        Term("Huân chương Độc lập", ("huan chuong doc lap hang nhat", "huan chuong doc lap hang nhi",
                                     "huan chuong doc lap hang ba"), BOTH),
        Term("Huân chương Lao động", ("huan chuong lao dong hang nhat", "huan chuong lao dong hang nhi",
                                      "huan chuong lao dong hang ba"), BOTH),
        Term("Huân chương Bảo vệ Tổ quốc", (), BOTH),
        Term("Huân chương Chiến công", (), BOTH),
        Term("Huân chương Dũng cảm", (), (INDIVIDUAL,)),
        Term("Huân chương Hữu nghị", (), BOTH),
        Term("Huy chương", ("huy chuong quan ky quyet thang", "huy chuong chien si ve vang",
                            "huy chuong huu nghi"), BOTH),
        Term("Danh hiệu Anh hùng Lao động", ("anh hung lao dong",), BOTH),
        Term("Danh hiệu Anh hùng Lực lượng vũ trang nhân dân", ("anh hung luc luong vu trang nhan dan",), BOTH),
        Term("Giải thưởng Hồ Chí Minh", (), (INDIVIDUAL,)),
        Term("Giải thưởng Nhà nước", (), (INDIVIDUAL,)),
        Term("Kỷ niệm chương", ("ky niem chuong",), (INDIVIDUAL,)),
        Term("Bằng khen của Thủ tướng Chính phủ", ("bang khen thu tuong chinh phu", "bang khen cua thu tuong"), BOTH),
        Term("Bằng khen cấp bộ, ban, ngành, tỉnh", ("bang khen", "bang khen cua chu tich ubnd tinh",
                                                    "bang khen ubnd tinh", "bang khen cua ubnd tinh",
                                                    "bang khen cap bo", "bang khen cap tinh"), BOTH),
        Term("Giấy khen", ("giay khen cua giam doc so", "giay khen cua chu tich ubnd huyen"), BOTH),
        Term("Chiến sĩ thi đua toàn quốc", ("cstd toan quoc",), (INDIVIDUAL,)),
        Term("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", ("chien si thi dua cap tinh", "chien si thi dua cap bo",
                                                          "cstd cap tinh", "cstd cap bo"), (INDIVIDUAL,)),
        Term("Chiến sĩ thi đua cơ sở", ("cstd co so", "cstdcs", "chien si thi dua"), (INDIVIDUAL,)),
        Term("Lao động tiên tiến", ("ldtt",), (INDIVIDUAL,)),
        Term("Chiến sĩ tiên tiến", (), (INDIVIDUAL,)),
        Term("Cờ thi đua của Chính phủ", (), (COLLECTIVE,)),
        Term("Cờ thi đua cấp bộ, ban, ngành, tỉnh", ("co thi dua cua ubnd tinh", "co thi dua cap tinh",
                                                    "co thi dua"), (COLLECTIVE,)),
        Term("Tập thể lao động xuất sắc", ("ttldxs",), (COLLECTIVE,)),
        Term("Tập thể lao động tiên tiến", ("ttldtt",), (COLLECTIVE,)),
        Term("Đơn vị quyết thắng", (), (COLLECTIVE,)),
        Term("Đơn vị tiên tiến", (), (COLLECTIVE,)),
        Term("Chứng nhận điển hình tiên tiến", ("dien hinh tien tien", "giay chung nhan dien hinh tien tien",
                                               "chung nhan dien hinh tien tien giai doan"), BOTH),
    ), rewrite=AWARD_FORM_REWRITE, patterns=AWARD_FORM_PATTERNS),
    Vocabulary("doc_type", tuple(Term(v) for v in (
        "Kế hoạch", "Văn bản", "Công văn", "Nghị quyết", "Chỉ thị", "Quyết định", "Thông báo",
        "Hướng dẫn", "Chương trình", "Báo cáo", "Tờ trình", "Luật", "Nghị định", "Thông tư"))),
    Vocabulary("doc_role", (
        Term("Căn cứ báo cáo", ("can cu", "thuc hien")),
        Term("Chỉ đạo của cấp trên", ("cap tren", "chi dao", "ubnd tinh")),
        Term("Kế hoạch của đơn vị", ("cua don vi", "cua so", "don vi ban hanh")),
        Term("Đăng ký công trình", ("dang ky",)),
        Term("Khác", ("lien quan",)),
    )),
    Vocabulary("signing_authority", (
        Term("KT.", ("kt", "ky thay")),
        Term("TM.", ("tm", "thay mat")),
        Term("Q.", ("q", "quyen")),
        Term("TL.", ("tl", "thua lenh")),
        Term("TUQ.", ("tuq", "thua uy quyen")),
    )),
    # Rà soát điều kiện (issue 9): the facts the standards of Luật 06/2022/QH15 need.
    # The order of "rating" and "discipline" is their rank, best/lightest first.
    Vocabulary("rating", (
        Term("Hoàn thành xuất sắc nhiệm vụ", ("htxsnv", "hoan thanh xuat sac", "xuat sac")),
        Term("Hoàn thành tốt nhiệm vụ", ("httnv", "hoan thanh tot", "tot")),
        Term("Hoàn thành nhiệm vụ", ("htnv", "hoan thanh")),
        Term("Không hoàn thành nhiệm vụ", ("khtnv", "khong hoan thanh")),
    )),
    Vocabulary("yes_no", (
        Term("Có", ("co", "x", "yes", "dat", "co tham gia", "doan ket")),
        Term("Không", ("khong", "no", "khong tham gia", "khong doan ket")),
    )),
    Vocabulary("discipline", (
        Term("Không", ("khong", "khong co", "khong bi ky luat", "-")),
        Term("Khiển trách", ("khien trach",)),
        Term("Cảnh cáo", ("canh cao",)),
        Term("Hạ bậc lương", ("ha bac luong",)),
        Term("Giáng chức", ("giang chuc",)),
        Term("Cách chức", ("cach chuc",)),
        Term("Bãi nhiệm", ("bai nhiem",)),
        Term("Buộc thôi việc", ("buoc thoi viec",)),
        Term("Đang xem xét", ("dang xem xet", "dang xem xet ky luat", "dang bi xem xet ky luat",
                              "dang bi xem xet")),
    )),
    # Why a person was away from work (Đánh giá, 'Lý do nghỉ'); the reasons counted as time at work are
    # data on Tiêu chuẩn ('Nghỉ được tính là thời gian công tác').
    Vocabulary("leave_reason", (
        Term("Thai sản", ("thai san", "nghi thai san", "sinh con")),
        Term("Ốm đau", ("om dau", "om", "nghi om", "dieu tri benh")),
        Term("Tai nạn lao động, bệnh nghề nghiệp", ("tai nan lao dong", "benh nghe nghiep", "tnld")),
        Term("Việc riêng", ("viec rieng", "nghi khong luong", "khong luong")),
        Term("Đi học", ("di hoc", "hoc tap", "dao tao", "boi duong")),
        Term("Khác", ("khac",)),
    )),
    Vocabulary("gender", (
        Term("Nam", ("trai",)),
        Term("Nữ", ("nu", "gai")),
    )),
    Vocabulary("initiative_kind", (
        Term("Sáng kiến", ("sang kien", "sk")),
        Term("Đề tài khoa học", ("de tai", "de tai khoa hoc", "de tai nckh")),
        Term("Đề án khoa học", ("de an", "de an khoa hoc")),
        Term("Công trình khoa học và công nghệ", ("cong trinh khoa hoc", "cong trinh khcn")),
    )),
    Vocabulary("scope", (
        Term("Cơ sở", ("co so", "cap co so", "don vi")),
        Term("Tỉnh", ("cap tinh", "tinh", "cap bo", "bo, ban, nganh, tinh", "cap bo, ban, nganh, tinh")),
        Term("Toàn quốc", ("toan quoc", "cap toan quoc", "quoc gia")),
    )),
    # Thống kê (issue 21 §2): what the ministry's statistical forms count beyond form and kind
    Vocabulary("movement_kind", (
        Term("Thường xuyên", ("thuong xuyen", "hang nam", "phong trao thuong xuyen")),
        Term("Theo đợt hoặc chuyên đề", ("theo dot", "chuyen de", "theo chuyen de", "dot", "theo dot hoac chuyen de",
                                         "phong trao chuyen de")),
    )),
    # The rows and columns of biểu 0601.N/BNV-TĐKT (see statistics/forms.py for the source); older spellings stay
    # aliases, so that a workbook typed before keeps its meaning
    Vocabulary("movement_scope", (
        Term("Toàn quốc", ("toan quoc", "ca nuoc", "quoc gia")),
        Term("Bộ, ngành, địa phương", ("toan tinh", "cap tinh", "tinh", "bo nganh dia phuong", "dia phuong",
                                       "toan nganh", "nganh", "linh vuc", "nganh linh vuc", "nganh, linh vuc",
                                       "xa", "phuong", "dac khu", "cap xa", "xa phuong", "xa, phuong, dac khu")),
        Term("Cụm, khối thi đua", ("cum", "khoi", "cum khoi", "khoi thi dua", "cum thi dua", "cum, khoi thi dua")),
        Term("Cơ quan, tổ chức, đơn vị", ("co quan", "don vi", "noi bo", "co quan don vi", "co quan, don vi",
                                          "co quan to chuc don vi")),
    )),
    Vocabulary("movement_level", (
        Term("Trung ương", ("trung uong", "cap trung uong", "hoi dong thi dua khen thuong trung uong")),
        Term("Bộ, ngành, tỉnh", ("bo", "nganh", "tinh", "cap tinh", "cap bo", "bo nganh tinh", "cap bo, nganh, tinh")),
        Term("Cơ quan, tổ chức, đơn vị", ("co quan", "don vi", "co quan don vi", "co so", "cap xa", "xa", "so")),
    )),
    Vocabulary("collective_type", (
        Term("Cơ quan, đơn vị", ("co quan", "don vi", "co quan nha nuoc", "don vi su nghiep", "phong ban")),
        Term("Doanh nghiệp", ("doanh nghiep", "cong ty", "dn")),
        Term("Hợp tác xã", ("hop tac xa", "htx")),
        Term("Hộ gia đình", ("ho gia dinh", "gia dinh", "ho")),
        Term("Tổ chức khác", ("khac", "to chuc khac", "thon", "to dan pho")),
    )),
    Vocabulary("person_group", (
        Term("Lãnh đạo cấp bộ, cấp tỉnh trở lên", ("lanh dao cap bo", "lanh dao cap tinh", "lanh dao tinh",
                                                  "lanh dao cap bo cap tinh")),
        Term("Lãnh đạo cấp vụ, sở, ngành", ("lanh dao cap so", "lanh dao cap vu", "lanh dao so", "lanh dao cap nganh",
                                            "lanh dao cap vu so nganh")),
        Term("Doanh nhân", ("doanh nhan",)),
        Term("Lãnh đạo khác từ phó phòng trở lên", ("lanh dao cap phong", "truong phong", "pho phong",
                                                    "lanh dao khac", "lanh dao phong")),
        Term("Lãnh đạo, quản lý", ("lanh dao", "quan ly", "lanh dao quan ly", "can bo lanh dao")),
        Term("Công chức, viên chức", ("cong chuc", "vien chuc", "cong chuc vien chuc", "chuyen vien")),
        Term("Người lao động trực tiếp", ("cong nhan", "nong dan", "nguoi lao dong truc tiep", "lao dong truc tiep",
                                          "cong nhan nong dan nguoi lao dong truc tiep", "nguoi truc tiep")),
        Term("Khác", ("khac", "nguoi nuoc ngoai", "hoc sinh", "sinh vien")),
    )),
    Vocabulary("award_type", (
        Term("Thường xuyên", ("thuong xuyen", "hang nam", "tong ket nam")),
        Term("Theo đợt hoặc chuyên đề", ("theo dot", "chuyen de", "theo chuyen de", "theo dot hoac chuyen de",
                                         "dot", "so ket", "tong ket chuyen de")),
        Term("Đột xuất", ("dot xuat",)),
        Term("Cống hiến", ("cong hien", "qua trinh cong hien")),
        Term("Niên hạn", ("nien han", "theo nien han")),
        Term("Đối ngoại", ("doi ngoai",)),
        Term("Kháng chiến", ("khang chien",)),
    )),
    Vocabulary("phoi_field", tuple(Term(v) for v in (
        "Cơ quan tặng", "Họ và tên", "Chức vụ, đơn vị", "Thành tích", "Địa danh, ngày", "Thẩm quyền ký",
        "Chức vụ người ký", "Người ký", "Số quyết định", "Số sổ vàng"))),
    Vocabulary("council_role", (
        Term("Chủ tịch Hội đồng", ("chu tich", "chu tich hd")),
        Term("Phó Chủ tịch Hội đồng", ("pho chu tich", "pho chu tich hd")),
        Term("Ủy viên thường trực", ("uy vien thuong truc", "thuong truc")),
        Term("Ủy viên", ("uy vien", "thanh vien")),
        Term("Thư ký", ("thu ky", "uy vien, thu ky", "uy vien kiem thu ky")),
    )),
    Vocabulary("achievement_section", (
        Term("Đặc điểm, tình hình", ("dac diem", "tinh hinh", "so luoc dac diem, tinh hinh")),
        Term("Chức năng, nhiệm vụ được giao", ("chuc nang, nhiem vu", "nhiem vu duoc giao",
                                               "quyen han, nhiem vu duoc giao", "nhiem vu")),
        Term("Thành tích đạt được", ("thanh tich", "ket qua", "ket qua dat duoc")),
        Term("Biện pháp, giải pháp", ("bien phap", "giai phap", "nhung bien phap")),
        Term("Thực hiện chủ trương, chính sách; hoạt động đoàn thể", (
            "thuc hien chu truong, chinh sach", "hoat dong doan the", "cong tac dang, doan the")),
    )),
    Vocabulary("align", (Term("Giữa", ("giua", "can giua", "center")), Term("Trái", ("trai", "left")))),
    Vocabulary("section", (
        Term("1. Lãnh đạo, chỉ đạo", ("1", "muc 1", "lanh dao chi dao")),
        Term("2. Kết quả thực hiện", ("2", "muc 2", "ket qua", "ket qua thuc hien")),
        Term("3. Công trình, phần việc", ("3", "muc 3", "cong trinh phan viec")),
        Term("4. Công tác khen thưởng", ("4", "muc 4", "khen thuong", "cong tac khen thuong")),
        Term("Phương hướng, nhiệm vụ", ("phuong huong", "phuong huong nhiem vu", "nhiem vu nam toi",
                                        "phuong huong nhiem vu nam toi", "ke hoach nam toi")),
        Term("Kết luận", ("ket thuc", "ket luan")),
        Term("Tư liệu (không đưa vào báo cáo)", ("tu lieu", "tai lieu", "ghi chep")),
    )),
)}

STATUS_DONE, STATUS_ONGOING, STATUS_NOT_STARTED, STATUS_LATE, STATUS_POSTPONED, STATUS_UNKNOWN = \
    VOCABULARIES["status"].values
SECTION_LEADERSHIP, SECTION_RESULTS, SECTION_WORKS, SECTION_AWARDS, SECTION_DIRECTION, SECTION_CLOSING, \
    SECTION_NOTES = VOCABULARIES["section"].values
ROLE_BASIS, ROLE_UPPER, ROLE_OWN, ROLE_REGISTRATION, ROLE_OTHER = VOCABULARIES["doc_role"].values
# Where a file stands in a portal's workflow, not where a work stands ('Đã duyệt', 'Chờ duyệt', 'Trả lại', 'Không
# duyệt', 'Đã gửi', 'Đang xử lý'), folded: what a portal's export puts under 'Trạng thái'
APPROVAL_STATUS = re.compile(r"^(?:(?:da|chua|cho|dang|bi|da bi|khong)\s)?(?:duyet|phe duyet|xet duyet|tiep nhan|gui|nop|"
                             r"tham dinh|xu ly|tra lai|tra ve|tu choi|huy|dong y|chap thuan)\b|^(?:moi tao|ban nhap|nhap)$")


# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    vocab: str | None = None
    width: float = 16
    help: str = ""
    computed: bool = False  # written by the tool, not typed by staff
    grouped: bool = False   # a sum of money: shown with thousands separators (1.800.000)
    # a header that only contains a name of this column is not it when it also says one of these
    not_words: tuple[str, ...] = ()
    # a numbering label typed in this INT column ('1.', '1.1', 'a)', 'II', as hand-made lists number their rows) is
    # kept as typed, not a number the validator must read (parsing.is_order_label)
    labels: bool = False
    # names that head this column only when no header names it better ('Kết quả' for the progress: beside
    # 'Tiến độ (%)' it is a remark), as the whole header only
    fallbacks: tuple[str, ...] = ()

    def matches(self, header_text: str) -> bool:
        key = fold(header_text)
        return bool(key) and (key == fold(self.header) or key in {fold(a) for a in self.aliases})


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    table: str  # Excel table name
    description: str
    columns: tuple[Column, ...]
    fields_sheet: bool = False  # Thông tin: one field a row, value in column B
    key_column: str = ""        # the column every data row must fill; finds the table

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


# Columns every record sheet carries so that a consolidated master keeps the
# origin of each row; blank in a department's own workbook.
_ORIGIN = (
    Column("unit", "Đơn vị báo cáo", aliases=("don vi gui", "co quan bao cao"), width=22,
           help="Đơn vị gửi báo cáo; do công cụ tổng hợp ghi.", computed=True),
    Column("source_file", "Nguồn: tệp", width=18, computed=True, help="Tệp gốc (khi tổng hợp)."),
    Column("source_sheet", "Nguồn: trang tính", width=14, computed=True, help="Trang tính gốc."),
    Column("source_row", "Nguồn: dòng", kind=INT, width=10, computed=True, help="Dòng trong tệp gốc."),
)
ORIGIN_KEYS: tuple[str, ...] = tuple(c.key for c in _ORIGIN)  # grouped, collapsed, not printed
CHECK = Column("check", "Kiểm tra", width=50, computed=True,
               help="Thông báo kiểm tra dữ liệu; công cụ ghi, không cần nhập.")
# Kept from a unit's own table when consolidating (issue 8 §2, §7): the group
# heading a row stood under, and the columns the schema does not know, as
# "Header: value" lines. Plain text, never checked by the validator.
GROUP = Column("group", "Nhóm", width=24, aliases=("nhom cong trinh", "khoi", "thuoc nhom"),
               help="Nhóm, khối mà dòng thuộc về (dòng tiêu đề nhóm như 'I. Khối văn phòng Sở').")
EXTRA = Column("extra", "Thông tin thêm", width=40, aliases=("thong tin khac",),
               help="Các cột khác của bảng đơn vị gửi, dạng 'Tiêu đề: giá trị' mỗi dòng; không kiểm tra.")
ORDER = Column("order", "TT", kind=INT, aliases=("stt", "so tt", "so thu tu", "tt"), width=6, labels=True,
               help="Số thứ tự.")

# Thông tin is a form: one field a row.  Each field's ``header`` is its label.
INFO = SheetSpec("info", "Thông tin", "ThongTin",
                 "Thông tin chung của báo cáo: cơ quan, số ký hiệu, ngày, người ký, nơi nhận.",
                 (
    Column("parent_body", "Cơ quan chủ quản", required=True, aliases=("co quan cap tren", "co quan chu quan truc tiep"),
           help="Tên cơ quan cấp trên trực tiếp, ví dụ UBND TỈNH HÀ TĨNH."),
    Column("issuing_body", "Cơ quan ban hành", required=True, aliases=("co quan", "don vi ban hanh", "ten co quan"),
           help="Tên cơ quan ban hành văn bản, ví dụ SỞ NGOẠI VỤ."),
    Column("unit_name", "Tên đơn vị (trong câu văn)", required=True, aliases=("ten don vi", "don vi"),
           help="Tên viết thường dùng trong câu, ví dụ Sở Ngoại vụ."),
    Column("doc_number", "Số, ký hiệu", kind=DOC_NUMBER, required=True, aliases=("so ky hieu", "so"),
           help="Ví dụ 180/BC-SNgV. Bản dự thảo ghi /BC-SNgV: số do văn thư điền khi ban hành."),
    Column("place", "Địa danh", required=True, aliases=("noi ban hanh",), help="Ví dụ Hà Tĩnh."),
    Column("doc_date", "Ngày ban hành", kind=DATE, required=True, aliases=("ngay", "ngay bao cao", "ngay thang nam"),
           help="Ngày ký báo cáo (dd/mm/yyyy). Dùng làm mốc tính tiến độ."),
    Column("doc_type", "Loại văn bản", required=True, vocab="doc_type", aliases=("ten loai van ban",),
           help="Ví dụ Báo cáo."),
    Column("summary", "Trích yếu", required=True, aliases=("trich yeu noi dung",),
           help="Trích yếu nội dung, in dưới tên loại văn bản."),
    Column("recipient", "Kính gửi", required=True, help="Cơ quan nhận báo cáo."),
    Column("basis", "Văn bản căn cứ", kind=LINES, aliases=("can cu", "thuc hien van ban"),
           help="Số, ký hiệu của văn bản yêu cầu báo cáo (mỗi dòng một văn bản; chi tiết nhập ở trang Kế hoạch)."),
    Column("movement", "Phong trào thi đua", required=True, aliases=("dot thi dua", "ten phong trao"),
           help="Tên phong trào, đợt thi đua được tổng kết."),
    Column("works_purpose", "Công trình, phần việc chào mừng", aliases=("muc dich dang ky cong trinh",),
           help="Cụm từ sau 'công trình, phần việc', ví dụ chào mừng kỷ niệm 190 năm thành lập tỉnh."),
    Column("registration", "Văn bản đăng ký công trình", kind=DOC_NUMBER, aliases=("van ban dang ky",),
           help="Số, ký hiệu văn bản đăng ký công trình, phần việc (nhập chi tiết ở trang Kế hoạch)."),
    Column("signing_authority", "Thẩm quyền ký", vocab="signing_authority", aliases=("quyen han ky",),
           help="KT., TM., Q., TL., TUQ. hoặc để trống khi người đứng đầu ký."),
    Column("head_title", "Chức vụ người đứng đầu", aliases=("chuc vu thu truong",),
           help="Ví dụ GIÁM ĐỐC (dùng với KT., Q., TL.)."),
    Column("signer_title", "Chức vụ người ký", required=True, help="Ví dụ PHÓ GIÁM ĐỐC."),
    Column("signer_name", "Người ký", aliases=("ho ten nguoi ky", "nguoi ky"),
           help="Họ và tên. Để trống thì báo cáo để trống chỗ ghi tên (có cảnh báo)."),
    Column("recipients", "Nơi nhận", kind=LINES, required=True,
           help="Mỗi dòng một nơi nhận (Alt+Enter để xuống dòng)."),
    Column("report_year", "Năm báo cáo", kind=INT, aliases=("nam",),
           help="Năm dùng cho ngày chỉ ghi tháng (ví dụ 'Tháng 4'); mặc định là năm ban hành."),
), fields_sheet=True)

PLANS = SheetSpec("plans", "Kế hoạch", "KeHoach",
                  "Kế hoạch và văn bản chỉ đạo: của cấp trên, của đơn vị, văn bản căn cứ, văn bản đăng ký.",
                  (
    ORDER,
    Column("doc_type", "Loại văn bản", kind=CHOICE, vocab="doc_type", required=True, width=14,
           aliases=("loai", "hinh thuc van ban")),
    Column("number", "Số, ký hiệu", kind=DOC_NUMBER, required=True, width=18,
           aliases=("so ky hieu", "so hieu", "so van ban", "so")),
    Column("date", "Ngày ban hành", kind=DATE, required=True, width=14, aliases=("ngay", "ngay ky")),
    Column("issuer", "Cơ quan ban hành", required=True, width=24,
           aliases=("co quan", "noi ban hanh", "don vi ban hanh")),
    Column("summary", "Trích yếu", required=True, width=60,
           aliases=("trich yeu noi dung", "noi dung", "ve viec")),
    Column("role", "Nhóm", kind=CHOICE, vocab="doc_role", required=True, width=20,
           aliases=("vai tro", "phan loai")),
    Column("movement_kind", "Loại phong trào", kind=CHOICE, vocab="movement_kind", width=16,
           aliases=("loai phong trao", "hinh thuc phong trao"),
           help="Chỉ ghi khi văn bản phát động một phong trào thi đua: Thường xuyên, hoặc Theo đợt hoặc chuyên đề. "
                "Dùng cho biểu thống kê số phong trào thi đua."),
    Column("movement_scope", "Phạm vi phong trào", kind=CHOICE, vocab="movement_scope", width=16,
           aliases=("pham vi phong trao", "pham vi phat dong"),
           help="Toàn quốc; Bộ, ngành, địa phương; Cụm, khối thi đua; Cơ quan, tổ chức, đơn vị (biểu số phong trào)."),
    Column("movement_level", "Cấp phát động", kind=CHOICE, vocab="movement_level", width=16,
           aliases=("cap phat dong", "cap chu tri", "cap chu tri phat dong"),
           help="Trung ương; Bộ, ngành, tỉnh; Cơ quan, tổ chức, đơn vị. Để trống: suy ra từ 'Cơ quan ban hành' và "
                "biểu thống kê ghi rõ dòng nào đã suy ra."),
    Column("movement_end", "Ngày kết thúc phong trào", kind=DATE, width=14,
           aliases=("thoi han phong trao", "ket thuc phong trao"),
           help="Để tính thời gian của phong trào (từ ngày ban hành đến ngày này)."),
) + _ORIGIN + (CHECK,), key_column="number")

WORKS = SheetSpec("works", "Công trình", "CongTrinh",
                  "Công trình, phần việc, nhiệm vụ đăng ký thi đua; tiến độ và trạng thái.",
                  (
    ORDER,
    Column("name", "Tên công trình, phần việc", required=True, width=50, aliases=(
        "ten cong trinh phan viec", "ten cong trinh", "ten cong trinh (phan viec)", "ten phan viec",
        "ten nhiem vu", "cong trinh phan viec", "noi dung cong trinh", "ten cong trinh/phan viec",
        "noi dung dang ky", "ten cong trinh, phan viec dang ky", "cong trinh",
        "ten cong viec", "noi dung cong viec", "noi dung nhiem vu", "ten phan viec nhiem vu"),
           not_words=("so cong trinh", "tong so", "so luong")),  # a count of works heads no list of works
    Column("kind", "Loại", kind=CHOICE, vocab="work_kind", width=13, aliases=("loai cong trinh", "phan loai")),
    Column("owner", "Đơn vị thực hiện", width=24, aliases=("don vi chu tri", "don vi phu trach",
                                                              "chu tri", "don vi thuc hien")),
    Column("start", "Ngày khởi công", kind=DATE, required=True, width=14, aliases=(
        "ngay bat dau", "thoi gian bat dau", "khoi cong", "bat dau", "tu ngay", "ngay trien khai")),
    Column("planned_finish", "Ngày hoàn thành", kind=DATE, required=True, width=14, aliases=(
        "ngay ket thuc", "thoi gian hoan thanh", "hoan thanh", "ket thuc", "den ngay",
        "ngay hoan thanh du kien", "thoi han hoan thanh", "han hoan thanh"),
           not_words=("khoi luong", "ket qua", "so luong", "gia tri", "ty le", "ti le", "muc do", "%")),
    Column("actual_finish", "Ngày hoàn thành thực tế", kind=DATE, width=14, aliases=(
        "hoan thanh thuc te", "ngay xong thuc te")),
    Column("progress", "Tiến độ hoàn thành (%)", kind=PROGRESS, width=14, aliases=(
        "tien do hoan thanh", "tien do", "ty le hoan thanh", "ti le hoan thanh", "% hoan thanh",
        "tien do hoan thanh %", "muc do hoan thanh", "ket qua thuc hien", "ty le", "tien do (%)",
        "ket qua (%)", "khoi luong thuc hien (%)", "khoi luong hoan thanh (%)"),  # a share: '(%)' says so
           fallbacks=("ket qua", "ket qua dat duoc"),
           not_words=("giai ngan", "von", "kinh phi", "thanh toan", "nguon")),  # "Tỷ lệ giải ngân": money, not work
    Column("declared_status", "Tình trạng (đơn vị ghi)", kind=CHOICE, vocab="status", width=16, aliases=(
        "tinh trang", "tinh hinh thuc hien")),
    Column("status", "Trạng thái", kind=CHOICE, vocab="status", width=16, computed=True,
           aliases=("trang thai tinh",),
           help="Công cụ tính theo ngày báo cáo; không cần nhập."),
    Column("note", "Ghi chú", width=28, aliases=("ghi chu", "chu thich")),
    GROUP, EXTRA,
) + _ORIGIN + (CHECK,), key_column="name")

AWARDS = SheetSpec("awards", "Khen thưởng", "KhenThuong",
                   "Danh hiệu thi đua và hình thức khen thưởng đã được tặng.",
                   (
    ORDER,
    Column("form", "Hình thức, danh hiệu", kind=CHOICE, vocab="award_form", required=True, width=30,
           aliases=("hinh thuc khen thuong", "danh hieu", "hinh thuc", "danh hieu thi dua")),
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", required=True, width=12,
           aliases=("tap the ca nhan", "loai doi tuong", "doi tuong khen")),
    Column("count", "Số lượng", kind=INT, width=9, aliases=("sl", "so luong"),
           help="Để trống là 1. Nhập số khi một dòng ghi nhiều tập thể/cá nhân chưa kê tên."),
    Column("recipient", "Tên tập thể, cá nhân", width=30, aliases=(
        "ho va ten", "ho ten", "ten tap the ca nhan", "ten tap the", "ten ca nhan", "nguoi duoc khen")),
    Column("recipient_unit", "Chức vụ, đơn vị", width=30, aliases=("don vi cong tac", "don vi", "chuc vu")),
    Column("field", "Lĩnh vực, phong trào", required=True, width=32, aliases=(
        "linh vuc", "phong trao", "thanh tich", "ly do khen")),
    Column("period", "Giai đoạn, năm", width=12, aliases=("giai doan", "nam", "thoi gian")),
    Column("decision_number", "Số quyết định", kind=DOC_NUMBER, width=16, aliases=(
        "so qd", "quyet dinh so", "so ngay quyet dinh", "so va ngay quyet dinh", "so ngay qd", "qd so",
        "so hieu quyet dinh", "so ngay thang nam quyet dinh", "quyet dinh khen thuong")),
    Column("decision_date", "Ngày quyết định", kind=DATE, width=14, aliases=("ngay qd", "ngay khen"),
           # 'Ngày' (ký, ban hành) under a merged 'Quyết định (khen thưởng)' over 'Số | Ngày', as the two rows
           # read together; exact spellings only ('Số quyết định, ngày ký' is the number's column)
           fallbacks=tuple(f"{parent} {day}" for parent in ("quyet dinh", "quyet dinh khen thuong", "qd")
                           for day in ("ngay", "ngay ky", "ngay ban hanh", "ngay thang nam", "ngay thang"))),
    Column("authority", "Cấp khen", width=24, aliases=("nguoi ky quyet dinh", "co quan khen", "tham quyen")),
    Column("note", "Ghi chú", width=30),
    # Rà soát điều kiện: the award history (issue 9)
    Column("year", "Năm", kind=INT, width=8, aliases=("nam khen", "nam xet tang", "nam thanh tich"),
           help="Năm của thành tích được khen (năm xét tặng danh hiệu); dùng để tính các năm liên tục."),
    Column("award_type", "Loại hình khen thưởng", kind=CHOICE, vocab="award_type", width=18,
           aliases=("loai hinh", "loai khen thuong"),
           help="Thường xuyên, Theo đợt hoặc chuyên đề, Đột xuất, Cống hiến, Niên hạn, Đối ngoại, Kháng chiến. Khen theo đợt, "
                "chuyên đề hoặc đột xuất không tính vào chuỗi năm liên tục."),
    Column("staff_code", "Mã cán bộ", width=12, aliases=("ma cb", "ma so can bo"),
           help="Mã ở trang Cán bộ (nếu có); không có thì so theo họ tên và đơn vị."),
    Column("collective_type", "Loại tập thể", kind=CHOICE, vocab="collective_type", width=16,
           aliases=("loai tap the", "loai hinh to chuc"),
           help="Cho biểu thống kê: Cơ quan, đơn vị; Doanh nghiệp; Hợp tác xã; Hộ gia đình; Tổ chức khác."),
    Column("person_group", "Nhóm cá nhân", kind=CHOICE, vocab="person_group", width=18,
           aliases=("doi tuong ca nhan", "nhom doi tuong"),
           help="Cho biểu thống kê: Lãnh đạo cấp bộ, cấp tỉnh trở lên; Lãnh đạo cấp vụ, sở, ngành; Doanh nhân; Lãnh đạo "
                "khác từ phó phòng trở lên; Người lao động trực tiếp; Công chức, viên chức; Khác. 'Lãnh đạo, quản lý' "
                "(chưa rõ cấp) chỉ được đếm là cá nhân."),
    Column("register", "Số sổ vàng", width=10, aliases=("so so vang", "so vao so"),
           help="Số vào sổ vàng (sổ giấy đã có); số mới do lệnh 'thidua register' cấp ở trang Sổ vàng. Để trống: "
                "giấy khen không in số."),
    Column("gender", "Giới tính", kind=CHOICE, vocab="gender", width=10, aliases=("gioi", "nam nu", "phai"),
           help="Nam hoặc Nữ (Ông/Bà trong quyết định) khi người được khen không có ở trang Cán bộ."),
    GROUP, EXTRA,
) + _ORIGIN + (CHECK,), key_column="form")

NARRATIVE = SheetSpec("narrative", "Nội dung", "NoiDung",
                      "Các đoạn văn của báo cáo do đơn vị viết, theo mục.",
                      (
    Column("section", "Mục", kind=CHOICE, vocab="section", required=True, width=26, aliases=("phan", "muc bao cao")),
    ORDER,
    Column("text", "Nội dung", required=True, width=100, aliases=("doan van", "noi dung bao cao")),
) + _ORIGIN + (CHECK,), key_column="text")

RECORD_SHEETS: tuple[SheetSpec, ...] = (PLANS, WORKS, AWARDS, NARRATIVE)
# tables whose section rows ('I. Tập thể', 'II | CÁ NHÂN') are typed in the key column itself
SECTIONS_IN_KEY = {"unit_proposals"}
# The kind column a hand-made table may lack: each row then takes the kind its section row ('II. CÁ NHÂN',
# 'I. CÔNG TRÌNH') or, a recipient, its name says (KIND_FROM_GROUP, KIND_FROM_NAME); and the other required
# columns the reader fills from the table's title or section rows (FORM_FROM_TITLE). Filled in every row,
# such a column is not missing.
KIND_FROM_CONTEXT = {"awards": "recipient_kind", "unit_proposals": "recipient_kind", "works": "kind"}
FILLED_BY_READER = {"unit_proposals": ("recipient_kind", "form")}

# Đề nghị của các đơn vị (issue 21): the proposals the board receives from its
# units, one row a proposal, in a consolidated master only. Read from the Danh
# sách đề nghị sheet of thidua workbooks, hand-made Excel lists and the tables
# of Word files; the origin columns say where each row stood.
UNIT_PROPOSALS = SheetSpec("unit_proposals", "Đề nghị của các đơn vị", "DeNghiDonVi",
                      "Các tập thể, cá nhân được các đơn vị đề nghị khen thưởng (tổng hợp từ tờ trình, danh sách "
                      "đề nghị của đơn vị).",
                      (
    ORDER,
    Column("recipient", "Tên tập thể, cá nhân", required=True, width=30, aliases=(
        "ho va ten / ten tap the", "ho va ten, ten tap the", "ho va ten", "ho ten", "ten tap the ca nhan",
        "ten tap the, ca nhan", "ten tap the", "ten ca nhan", "tap the ca nhan", "ten don vi ca nhan",
        "ho ten ca nhan ten tap the", "ten tap the ca nhan de nghi")),
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", width=11,
           aliases=("tap the/ca nhan", "loai doi tuong", "doi tuong de nghi"),
           help="Tập thể hoặc Cá nhân; để trống thì lấy theo nhóm (I. Tập thể, II. Cá nhân) hoặc theo tên."),
    Column("gender", "Giới tính", kind=CHOICE, vocab="gender", width=9, aliases=("gioi", "nam nu", "phai")),
    Column("position", "Chức vụ, đơn vị", width=30, aliases=(
        "chuc vu", "chuc danh", "chuc vu, don vi cong tac", "chuc vu don vi cong tac", "chuc vu/ don vi",
        "chuc vu, chuc danh", "chuc vu, noi cong tac", "chuc vu don vi")),
    Column("workplace", "Đơn vị công tác", width=26, aliases=(
        "don vi", "don vi cong tac", "noi cong tac", "co quan cong tac", "phong ban", "co quan, don vi")),
    Column("form", "Hình thức, danh hiệu đề nghị", kind=CHOICE, vocab="award_form", required=True, width=32, aliases=(
        "danh hieu / hinh thuc de nghi", "danh hieu hinh thuc de nghi", "hinh thuc de nghi", "danh hieu de nghi",
        "hinh thuc khen thuong de nghi", "hinh thuc khen thuong", "danh hieu thi dua", "hinh thuc", "danh hieu",
        "de nghi khen thuong", "hinh thuc, danh hieu")),
    Column("summary", "Thành tích tóm tắt", width=60, aliases=(
        "thanh tich", "tom tat thanh tich", "thanh tich dat duoc", "thanh tich tom tat", "noi dung thanh tich",
        "thanh tich noi bat", "ly do de nghi", "ly do")),
    Column("year", "Năm", kind=INT, width=8, aliases=("nam thanh tich", "nam de nghi")),
    Column("note", "Ghi chú", width=24, aliases=("ghi chu",)),
    GROUP, EXTRA,
    Column("unit", "Đơn vị đề nghị", width=26, computed=True, aliases=("co quan de nghi",),
           help="Đơn vị gửi đề nghị (cơ quan ban hành tờ trình); do công cụ tổng hợp ghi."),
) + _ORIGIN[1:] + (CHECK,), key_column="recipient")


# --------------------------------------------------------------------------
# Shapes of hand-made tables that hold two columns of a sheet in one (issue 8):
# a period typed in one cell, and award counts typed per recipient kind.
@dataclass(frozen=True)
class Span:
    """One column holding a period ('01/3/2021 - 30/9/2021', 'Quý II - Quý IV/2021')
    where the sheet has a start and a finish column (xlsrc.date_ranges splits it)."""
    start: str
    finish: str
    aliases: tuple[str, ...]


SPANS: dict[str, Span] = {"works": Span("start", "planned_finish", (
    "thoi gian", "thoi gian thuc hien", "thoi gian trien khai", "thoi gian trien khai hoan thanh",
    "thoi gian trien khai thuc hien", "thoi gian thuc hien du kien", "thoi gian bat dau ket thuc",
    "thoi gian khoi cong hoan thanh", "thoi han thuc hien", "thoi gian thuc hien cong trinh",
    "thoi gian trien khai va hoan thanh", "thoi gian bat dau va ket thuc"))}


@dataclass(frozen=True)
class CountsByKind:
    """Award counts typed one column per recipient kind ('Hình thức | Tập thể |
    Cá nhân', 'Danh hiệu | Số tập thể | Số cá nhân', or 'Số lượng' over 'Tập thể
    | Cá nhân'): each filled count is one row of the sheet with its kind."""
    count: str
    kind: str
    columns: tuple[tuple[str, tuple[str, ...]], ...]   # kind value -> folded headers of its column
    parents: tuple[str, ...]                            # a header row above them: 'Số lượng'


# The choices a table may type as a mark ('x') under one column per value, the columns named by the choice's
# vocabulary: 'Đã hoàn thành | Đang thực hiện | Chưa thực hiện'; 'Đối tượng' over 'Tập thể | Cá nhân',
# 'Hình thức khen thưởng' over 'Bằng khen … | Giấy khen …', 'Loại' over 'Công trình | Phần việc'
MARKED: dict[str, tuple[str, ...]] = {"works": ("declared_status", "kind"),
                                      "unit_proposals": ("recipient_kind", "form"),
                                      "awards": ("recipient_kind", "form")}


COUNTS_BY_KIND: dict[str, CountsByKind] = {"awards": CountsByKind("count", "recipient_kind", (
    (COLLECTIVE, ("tap the", "so tap the", "sl tap the", "so luong tap the", "tap the so luong", "so tap the duoc khen",
                  "tap the duoc khen", "so don vi")),
    (INDIVIDUAL, ("ca nhan", "so ca nhan", "sl ca nhan", "so luong ca nhan", "ca nhan so luong", "so ca nhan duoc khen",
                  "ca nhan duoc khen")),
), ("so luong", "sl", "doi tuong", "so luong khen thuong", "so luong duoc khen", "so luong duoc khen thuong",
    "doi tuong duoc khen", "doi tuong khen thuong", "so luong da khen"))}

# --------------------------------------------------------------------------
# Rà soát điều kiện (issue 9): staff, yearly ratings, initiatives and the
# standards themselves, as data.  People are matched across sheets by
# Mã cán bộ, otherwise by the folded name together with Đơn vị.
_NAME_ALIASES = ("ho ten", "ten can bo", "ten ca nhan", "ho va ten can bo")
_CODE = Column("staff_code", "Mã cán bộ", width=12, aliases=("ma cb", "ma so", "ma so can bo", "ma nhan vien"),
               help="Không bắt buộc; nếu có phải duy nhất. Dùng để nhận ra một người ở các trang.")
_DEPARTMENT = Column("department", "Đơn vị", width=26, aliases=(
    "phong ban", "phong, ban", "don vi cong tac", "bo phan", "phong"),
    help="Phòng, ban (tập thể) của cán bộ; đúng tên tập thể ở trang Đánh giá.")
_YEAR = Column("year", "Năm", kind=INT, required=True, width=8, aliases=("nam danh gia", "nam cong nhan"),
               help="Năm, ví dụ 2025.")

STAFF = SheetSpec("staff", "Cán bộ", "CanBo",
                  "Danh sách cán bộ, công chức, viên chức, người lao động; Đơn vị là phòng, ban (tập thể).",
                  (
    ORDER,
    Column("name", "Họ và tên", required=True, width=26, aliases=_NAME_ALIASES),
    _CODE,
    Column("gender", "Giới tính", kind=CHOICE, vocab="gender", width=10, aliases=("gioi", "nam nu", "phai")),
    # text, not DATE: report dates are checked against 1990–2100, a birth date is older
    Column("birth_date", "Ngày sinh", width=12, aliases=("sinh ngay", "nam sinh"),
           help="dd/mm/yyyy (hoặc chỉ năm sinh)."),
    Column("position", "Chức vụ", width=24, aliases=("chuc danh", "chuc vu hien tai")),
    _DEPARTMENT,
    # text, like Ngày sinh: a long-serving officer was recruited before 1990
    Column("hire_date", "Ngày tuyển dụng", width=13, aliases=(
        "ngay bat dau cong tac", "ngay vao co quan", "ngay vao lam", "ngay tuyen dung", "bat dau cong tac"),
           help="dd/mm/yyyy (hoặc tháng/năm, năm) tuyển dụng hoặc bắt đầu công tác; dùng để xét người mới "
                "tuyển dụng dưới 10 tháng."),
    Column("note", "Ghi chú", width=24),
    CHECK), key_column="name")

RATINGS = SheetSpec("ratings", "Đánh giá", "DanhGia",
                    "Xếp loại hằng năm của cá nhân và tập thể, tham gia phong trào thi đua, kỷ luật, đoàn kết nội bộ.",
                    (
    ORDER,
    _YEAR,
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", required=True, width=11,
           aliases=("tap the ca nhan", "loai doi tuong")),
    Column("subject", "Họ và tên hoặc tên tập thể", required=True, width=28, aliases=(
        "ho va ten", "ten tap the", "ho ten hoac ten tap the", "ten ca nhan, tap the", "ten") + _NAME_ALIASES),
    _CODE,
    _DEPARTMENT,
    Column("rating", "Xếp loại", kind=CHOICE, vocab="rating", required=True, width=26,
           aliases=("xep loai danh gia", "ket qua danh gia", "muc xep loai", "danh gia")),
    Column("movement", "Tham gia phong trào thi đua", kind=CHOICE, vocab="yes_no", width=12,
           aliases=("tham gia phong trao", "phong trao thi dua"), help="Có hoặc Không."),
    Column("discipline", "Kỷ luật", kind=CHOICE, vocab="discipline", width=16,
           aliases=("hinh thuc ky luat", "ky luat trong nam"),
           help="Để trống nếu không bị kỷ luật; Khiển trách, Cảnh cáo, Cách chức, Giáng chức, Buộc thôi việc, "
                "hoặc Đang xem xét."),
    Column("discipline_date", "Ngày quyết định kỷ luật", kind=DATE, width=13,
           aliases=("ngay ky luat", "ngay quyet dinh ky luat", "ngay ra quyet dinh ky luat"),
           help="Ngày ký quyết định kỷ luật (dd/mm/yyyy). Kỷ luật được tính cho mọi năm nó còn hiệu lực."),
    Column("discipline_end", "Kỷ luật đến ngày", kind=DATE, width=13,
           aliases=("het hieu luc ky luat", "ky luat den ngay", "ngay het thoi han ky luat"),
           help="Ngày hết thời hạn kỷ luật; hoặc ghi cột 'Thời hạn kỷ luật (tháng)'."),
    Column("discipline_months", "Thời hạn kỷ luật (tháng)", kind=INT, width=10,
           aliases=("thoi han ky luat", "thoi han ky luat thang")),
    Column("leave_days", "Số ngày nghỉ", kind=INT, width=9,
           aliases=("so ngay nghi", "so ngay lam viec nghi", "nghi (ngay)"),
           help="Số ngày làm việc nghỉ trong năm (không kể nghỉ phép năm, nghỉ lễ)."),
    Column("leave_reason", "Lý do nghỉ", kind=CHOICE, vocab="leave_reason", width=16,
           aliases=("ly do nghi", "loai nghi"), help="Thai sản, Ốm đau, Tai nạn lao động, bệnh nghề nghiệp, Việc "
                                                    "riêng, Đi học hoặc Khác."),
    Column("solidarity", "Nội bộ đoàn kết", kind=CHOICE, vocab="yes_no", width=12,
           aliases=("doan ket noi bo", "doan ket"), help="Có hoặc Không (cho tập thể)."),
    Column("note", "Ghi chú", width=24),
    CHECK), key_column="subject")

INITIATIVES = SheetSpec("initiatives", "Sáng kiến", "SangKien",
                        "Sáng kiến, đề tài, đề án khoa học được công nhận: năm, phạm vi ảnh hưởng, quyết định công nhận.",
                        (
    ORDER,
    _YEAR,
    Column("name", "Họ và tên", required=True, width=26, aliases=_NAME_ALIASES + ("tac gia", "chu nhiem")),
    _CODE,
    _DEPARTMENT,
    Column("title", "Tên sáng kiến, đề tài", required=True, width=44, aliases=(
        "ten sang kien/de tai", "ten sang kien", "ten de tai", "sang kien, de tai", "noi dung sang kien")),
    Column("kind", "Loại", kind=CHOICE, vocab="initiative_kind", width=18, aliases=("loai sang kien", "phan loai")),
    Column("scope", "Phạm vi ảnh hưởng", kind=CHOICE, vocab="scope", required=True, width=14,
           aliases=("pham vi", "pham vi ap dung", "cap cong nhan")),
    Column("decision", "Số và ngày quyết định công nhận", width=30, aliases=(
        "quyet dinh cong nhan", "so quyet dinh", "so, ngay quyet dinh", "quyet dinh")),
    CHECK), key_column="title")

STANDARDS = SheetSpec("standards", "Tiêu chuẩn", "TieuChuan",
                      "Tiêu chuẩn từng danh hiệu, hình thức khen thưởng: ngưỡng và căn cứ pháp lý; sửa được khi "
                      "văn bản thay đổi hoặc tỉnh quy định khác. Mỗi dòng một danh hiệu, ô để trống là không áp dụng.",
                      (
    Column("title", "Danh hiệu, hình thức", required=True, width=30, aliases=(
        "danh hieu", "hinh thuc", "danh hieu thi dua", "hinh thuc khen thuong")),
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", width=11),
    Column("rule", "Điều kiện (tóm tắt)", width=60, aliases=("tieu chuan", "dieu kien")),
    Column("min_rating", "Xếp loại tối thiểu", kind=CHOICE, vocab="rating", width=24),
    Column("years", "Số năm liên tục", kind=INT, width=10, aliases=("so nam",)),
    Column("min_initiatives", "Số sáng kiến, đề tài tối thiểu", kind=INT, width=12, aliases=("so sang kien",)),
    Column("initiative_scope", "Phạm vi sáng kiến tối thiểu", kind=CHOICE, vocab="scope", width=14),
    Column("member_share", "Tỷ lệ thành viên đạt Lao động tiên tiến", width=14, aliases=("ty le lao dong tien tien",),
           help="Ví dụ 'trên 50%' (lớn hơn hẳn) hoặc 'từ 70%' (bằng hoặc lớn hơn)."),
    Column("member_min_rating", "Xếp loại tối thiểu của mọi thành viên", kind=CHOICE, vocab="rating", width=22),
    Column("min_emulation_members", "Số thành viên đạt Chiến sĩ thi đua cơ sở", kind=INT, width=12),
    Column("discipline_from", "Kỷ luật loại trừ từ mức", kind=CHOICE, vocab="discipline", width=14,
           help="Bị kỷ luật từ mức này trở lên (và đang xem xét kỷ luật) trong năm xét, hoặc kỷ luật còn hiệu lực "
                "trong năm đó, thì không đủ điều kiện. Với tập thể: thành viên bị kỷ luật (quy định riêng của địa "
                "phương, để trống là không áp dụng)."),
    Column("discipline_basis", "Căn cứ điều kiện kỷ luật", width=36, aliases=("can cu ky luat",)),
    Column("min_service_months", "Thời gian công tác tối thiểu (tháng)", kind=INT, width=12,
           aliases=("thoi gian cong tac toi thieu",),
           help="Người tuyển dụng chưa đủ số tháng này tính đến hết năm xét thì không xét."),
    Column("max_leave_days", "Nghỉ từ số ngày làm việc", kind=INT, width=12, aliases=("so ngay nghi toi da",),
           help="Nghỉ từ số ngày làm việc này trở lên trong năm thì không xét (trừ lý do được tính là thời gian "
                "công tác)."),
    Column("leave_counted", "Nghỉ được tính là thời gian công tác", width=20, aliases=("nghi duoc tinh",),
           help="Các lý do nghỉ (cột 'Lý do nghỉ' ở trang Đánh giá) vẫn được tính, cách nhau dấu phẩy; ví dụ "
                "Thai sản."),
    Column("service_basis", "Căn cứ thời gian công tác", width=36, aliases=("can cu thoi gian cong tac",)),
    Column("basis", "Căn cứ pháp lý", required=True, width=44, aliases=("can cu", "van ban quy dinh")),
    Column("note", "Ghi chú", width=50),
    # Tiền thưởng (issue 12): coefficient × lương cơ sở, with its own basis
    Column("prize_coefficient", "Hệ số tiền thưởng", kind=NUMBER, width=10, aliases=("he so", "he so thuong"),
           help="Số lần mức lương cơ sở, ví dụ 0,3. Để trống: hình thức này không tính tiền thưởng ở đây."),
    Column("prize_basis", "Căn cứ tiền thưởng", width=34, aliases=("can cu muc thuong",)),
    Column("prize_note", "Ghi chú tiền thưởng", width=50),
    Column("prize_times_individual", "Tập thể: số lần mức cá nhân", kind=NUMBER, width=10,
           aliases=("gap lan muc ca nhan",),
           help="Dòng tập thể: tiền thưởng bằng số lần này nhân mức tiền thưởng cá nhân (đã làm tròn) của cùng "
                "hình thức, khi văn bản viết 'gấp hai lần mức tiền thưởng đối với cá nhân'."),
    Column("verified", "Tình trạng đối chiếu", width=30, aliases=("doi chieu", "tinh trang doi chieu van ban"),
           help="Đã đối chiếu văn bản gốc, hoặc Chưa đối chiếu được văn bản gốc, hoặc Quy định riêng của địa phương."),
    # Bỏ phiếu của Hội đồng (issue 20): the share of the council that must agree, with its basis
    Column("vote_share", "Tỷ lệ phiếu đồng ý", width=12, aliases=("ty le phieu bau", "ty le phieu dong y toi thieu"),
           help="Tỷ lệ phiếu đồng ý tối thiểu trên tổng số thành viên Hội đồng, ví dụ 'từ 70%'. Để trống: "
                "đề nghị danh hiệu này chưa xét được kết quả bỏ phiếu (ghi ở danh mục hồ sơ)."),
    Column("vote_basis", "Căn cứ tỷ lệ phiếu", width=44, aliases=("can cu bo phieu",)),
    CHECK), key_column="title")

# The 'Tình trạng đối chiếu' of a legal number whose text could not be read in the original
UNVERIFIED = "Chưa đối chiếu được văn bản gốc"
REVIEW_INPUT_SHEETS: tuple[SheetSpec, ...] = (STAFF, RATINGS, INITIATIVES, STANDARDS)
REVIEW_SHEET = "Rà soát"                 # written by the review: one row a recipient, one column a title
PROPOSAL_SHEET = "Danh sách đề nghị"     # written by the review: those who qualify, per title; votes typed here
RESULT_YES, RESULT_NO, RESULT_UNKNOWN = "Đủ", "Không đủ", "Chưa đủ dữ liệu"


# --------------------------------------------------------------------------
# Hội đồng Thi đua – Khen thưởng, its meetings and votes, the achievement
# texts of the báo cáo thành tích, and the sổ vàng (issue 20).
COUNCIL = SheetSpec("council", "Hội đồng", "HoiDong",
                    "Thành viên Hội đồng Thi đua – Khen thưởng của đơn vị: họ tên, chức vụ, vai trò trong Hội đồng.",
                    (
    ORDER,
    Column("name", "Họ và tên", required=True, width=26, aliases=_NAME_ALIASES + ("thanh vien",)),
    Column("position", "Chức vụ", width=30, aliases=("chuc vu, don vi", "chuc danh")),
    Column("role", "Vai trò trong Hội đồng", kind=CHOICE, vocab="council_role", required=True, width=24,
           aliases=("vai tro", "chuc danh trong hoi dong", "nhiem vu trong hoi dong")),
    Column("note", "Ghi chú", width=24),
    CHECK), key_column="name")

MEETINGS = SheetSpec("meetings", "Phiên họp", "PhienHop",
                     "Phiên họp của Hội đồng xét khen thưởng: ngày họp, năm xét, thành viên vắng mặt; số phiếu của "
                     "từng đề nghị ghi ở trang 'Danh sách đề nghị'.",
                     (
    ORDER,
    Column("date", "Ngày họp", kind=DATE, required=True, width=13, aliases=("ngay", "thoi gian hop")),
    Column("year", "Năm xét", kind=INT, required=True, width=9, aliases=("nam", "nam xet khen thuong"),
           help="Năm của thành tích được xét, ví dụ 2025."),
    Column("place", "Địa điểm", width=26, aliases=("dia diem hop",)),
    Column("chair", "Chủ trì", width=24, aliases=("chu tri", "nguoi chu tri"),
           help="Họ tên người chủ trì; để trống là Chủ tịch Hội đồng (trang Hội đồng)."),
    Column("secretary", "Thư ký", width=24, aliases=("thu ky cuoc hop",),
           help="Họ tên thư ký; để trống là thành viên có vai trò Thư ký (trang Hội đồng)."),
    Column("absent", "Vắng mặt", kind=LINES, width=34, aliases=("thanh vien vang mat", "vang"),
           help="Mỗi dòng một thành viên vắng mặt, ví dụ 'Lê Văn C (đi công tác)'. Để trống: đủ mặt."),
    Column("quorum", "Túc số", width=10, aliases=("ty le du hop toi thieu",),
           help="Tỷ lệ thành viên dự họp tối thiểu theo Quy chế của Hội đồng, ví dụ 'từ 2/3' hoặc 'trên 50%'. "
                "Để trống: mặc định của công cụ (xem README)."),
    Column("minutes_number", "Số biên bản", kind=DOC_NUMBER, width=16, aliases=("so bien ban",),
           help="Để trống: biên bản để chỗ trống cho văn thư ghi số."),
    Column("opinions", "Ý kiến, kết luận", kind=LINES, width=40, aliases=("ket luan", "y kien"),
           help="Ý kiến của thành viên và kết luận của chủ trì (mỗi dòng một ý) để đưa vào biên bản."),
    CHECK), key_column="date")

PROPOSALS = SheetSpec("proposals", PROPOSAL_SHEET, "DanhSachDeNghi",
                      "Danh sách đề nghị khen thưởng: việc rà soát điều kiện lập 6 cột đầu; thêm dòng được, ghi số "
                      "phiếu của Hội đồng ở các cột sau (giữ nguyên khi rà soát lại).",
                      (
    Column("order", "STT", kind=INT, aliases=("tt", "so tt"), width=6, labels=True),
    Column("subject", "Họ và tên / Tên tập thể", required=True, width=28,
           aliases=("ho va ten", "ho va ten hoac ten tap the", "ten tap the, ca nhan", "ten tap the ca nhan")
           + _NAME_ALIASES),
    Column("position", "Chức vụ", width=22),
    _DEPARTMENT,
    Column("form", "Danh hiệu / Hình thức đề nghị", kind=CHOICE, vocab="award_form", required=True, width=32,
           aliases=("danh hieu de nghi", "hinh thuc de nghi", "danh hieu, hinh thuc de nghi")),
    Column("summary", "Thành tích tóm tắt", width=60, aliases=("thanh tich",)),
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", width=11,
           help="Cá nhân hoặc Tập thể; để trống thì tìm tên ở trang Cán bộ."),
    _CODE,
    Column("award_type", "Loại hình khen thưởng", kind=CHOICE, vocab="award_type", width=18,
           help="Để trống: Thường xuyên (khen tổng kết năm). Quyết định mẫu báo cáo thành tích."),
    Column("meeting_date", "Ngày họp", kind=DATE, width=13, aliases=("ngay hop hoi dong",),
           help="Ngày phiên họp đã bỏ phiếu (trang Phiên họp); để trống khi năm chỉ có một phiên."),
    Column("votes_for", "Số phiếu đồng ý", kind=INT, width=10, aliases=("phieu dong y", "so phieu tan thanh")),
    Column("votes_total", "Tổng số phiếu", kind=INT, width=10, aliases=("so phieu phat ra", "tong so phieu bau"),
           help="Số phiếu phát ra (thành viên dự họp và ý kiến bằng văn bản của thành viên vắng mặt)."),
    Column("note", "Ghi chú", width=24),
    Column("authority", "Cấp quyết định", width=34, computed=True,
           help="Do rà soát ghi: đơn vị tự quyết định hay đề nghị cấp trên, với điều luật về thẩm quyền."),
    CHECK), key_column="subject")
PROPOSAL_HEADERS = tuple(PROPOSALS.headers)

ACHIEVEMENTS = SheetSpec("achievements", "Thành tích", "ThanhTich",
                         "Nội dung báo cáo thành tích của từng cá nhân, tập thể được đề nghị: mỗi dòng một đoạn, "
                         "theo mục của mẫu báo cáo. Công cụ không tự viết đoạn nào.",
                         (
    ORDER,
    Column("subject", "Họ và tên / Tên tập thể", required=True, width=28,
           aliases=("ho va ten", "ten tap the, ca nhan", "ten tap the ca nhan") + _NAME_ALIASES),
    _CODE,
    Column("year", "Năm", kind=INT, width=8, aliases=("nam thanh tich",), help="Để trống: dùng cho mọi năm."),
    Column("section", "Mục báo cáo", kind=CHOICE, vocab="achievement_section", required=True, width=28,
           aliases=("muc", "phan")),
    Column("text", "Nội dung", required=True, width=90, aliases=("noi dung thanh tich", "doan van")),
    CHECK), key_column="text")

REGISTER = SheetSpec("register", "Sổ vàng", "SoVang",
                     "Sổ vàng khen thưởng của đơn vị: số vào sổ liên tục qua các quyết định, cấp khi quyết định được "
                     "ban hành (lệnh 'thidua register'), không dùng lại; giấy khen in số sổ vàng lấy từ trang này.",
                     (
    Column("number", "Số sổ vàng", kind=INT, required=True, width=10, aliases=("so vao so", "so so vang")),
    Column("decision_number", "Số quyết định", kind=DOC_NUMBER, required=True, width=18, aliases=("so qd",)),
    Column("decision_date", "Ngày quyết định", kind=DATE, width=13, aliases=("ngay qd",)),
    Column("form", "Hình thức, danh hiệu", kind=CHOICE, vocab="award_form", width=26, aliases=("hinh thuc",)),
    Column("recipient_kind", "Đối tượng", kind=CHOICE, vocab="recipient_kind", width=11),
    Column("recipient", "Tên tập thể, cá nhân", width=30, aliases=("ho va ten", "ten tap the")),
    Column("recipient_unit", "Chức vụ, đơn vị", width=30, aliases=("don vi",)),
    Column("entered", "Ngày vào sổ", kind=DATE, width=13, aliases=("ngay ghi so",)),
    Column("note", "Ghi chú", width=24),
    CHECK), key_column="number")

COUNCIL_SHEETS: tuple[SheetSpec, ...] = (COUNCIL, MEETINGS, PROPOSALS, ACHIEVEMENTS, REGISTER)


# --------------------------------------------------------------------------
# Quyết định khen thưởng, giấy khen, tiền thưởng (issue 12).  Awards in
# Khen thưởng point to their decision by 'Số quyết định'.
DECISIONS = SheetSpec("decisions", "Quyết định", "QuyetDinh",
                      "Quyết định khen thưởng: mỗi dòng một quyết định; danh sách kèm theo là các dòng ở trang Khen "
                      "thưởng có cùng 'Số quyết định'.",
                      (
    ORDER,
    Column("number", "Số, ký hiệu", kind=DOC_NUMBER, required=True, width=18,
           aliases=("so ky hieu", "so quyet dinh", "so qd", "so"), help="Ví dụ 45/QĐ-SNgV."),
    Column("date", "Ngày", kind=DATE, required=True, width=13, aliases=("ngay ky", "ngay quyet dinh", "ngay ban hanh"),
           help="Ngày ký (dd/mm/yyyy); quyết định tiền thưởng theo lương cơ sở của ngày này."),
    Column("summary", "Về việc", required=True, width=50, aliases=("trich yeu", "ve viec", "trich yeu noi dung"),
           help="Trích yếu, ví dụ: Về việc tặng Giấy khen cho các tập thể, cá nhân …"),
    Column("form", "Hình thức, danh hiệu", kind=CHOICE, vocab="award_form", required=True, width=26,
           aliases=("hinh thuc khen thuong", "danh hieu", "hinh thuc")),
    Column("award_type", "Loại hình khen thưởng", kind=CHOICE, vocab="award_type", width=18, aliases=("loai hinh",),
           help="Thường xuyên, Theo đợt hoặc chuyên đề, Đột xuất, Cống hiến, Niên hạn, Đối ngoại."),
    Column("reason", "Thành tích", width=40, aliases=("ly do khen", "da co thanh tich"),
           help="Câu sau 'đã có thành tích', ví dụ: xuất sắc trong thực hiện nhiệm vụ năm 2025. Để trống thì dùng "
                "cột 'Lĩnh vực, phong trào' của từng dòng khen thưởng."),
    Column("proposal", "Xét đề nghị của", width=40, aliases=("theo de nghi cua", "de nghi cua"),
           help="Ví dụ: Chánh Văn phòng Sở tại Tờ trình số 12/TTr-VP ngày 10/12/2025."),
    Column("bases", "Căn cứ", kind=LINES, width=50, aliases=("can cu khac", "van ban can cu"),
           help="Mỗi dòng một căn cứ (quyết định quy định chức năng, nhiệm vụ của cơ quan; quy định thi đua, khen "
                "thưởng của tỉnh; căn cứ khác). Luật Thi đua, khen thưởng và Nghị định 152/2025/NĐ-CP có sẵn trong mẫu."),
    Column("signer_name", "Người ký", required=True, width=22, aliases=("ho ten nguoi ky", "nguoi ky")),
    Column("signer_title", "Chức vụ", required=True, width=16, aliases=("chuc vu nguoi ky",),
           help="Ví dụ GIÁM ĐỐC, PHÓ GIÁM ĐỐC."),
    Column("signing_authority", "Thẩm quyền ký", kind=CHOICE, vocab="signing_authority", width=10,
           aliases=("quyen han ky",), help="KT., TM., Q., TL. hoặc để trống khi người đứng đầu ký."),
    Column("authority_title", "Người có thẩm quyền", width=32, aliases=("chuc danh tham quyen", "cap khen"),
           help="Ví dụ 'Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh'; để trống thì ghép từ trang Thông tin."),
    Column("executors", "Thi hành", width=40, aliases=("trach nhiem thi hanh", "dieu 3"),
           help="Ai thi hành quyết định (Điều 3); để trống dùng câu mặc định."),
    Column("funding", "Nguồn kinh phí", width=30, aliases=("kinh phi",),
           help="Để trống: Quỹ thi đua, khen thưởng của đơn vị."),
    Column("recipients", "Nơi nhận", kind=LINES, width=30, help="Mỗi dòng một nơi nhận."),
) + _ORIGIN + (CHECK,), key_column="number")

PHOI_FIELDS: tuple[str, ...] = tuple(VOCABULARIES["phoi_field"].values)
PRINT_LAYOUT = SheetSpec("print_layout", "Mẫu in phôi", "MauInPhoi",
                         "Vị trí in từng trường trên phôi giấy khen in sẵn (A4 ngang), tính bằng mm từ góc trên bên "
                         "trái tờ giấy; sửa theo phôi của đơn vị rồi in thử bằng 'thidua certificates --calibrate'.",
                         (
    Column("field", "Trường", kind=CHOICE, vocab="phoi_field", required=True, width=20, aliases=("truong in",)),
    Column("x", "X (mm)", kind=NUMBER, required=True, width=9, aliases=("x", "le trai (mm)"),
           help="Cạnh trái ô in, mm từ mép trái tờ giấy."),
    Column("y", "Y (mm)", kind=NUMBER, required=True, width=9, aliases=("y", "le tren (mm)"),
           help="Cạnh trên dòng chữ, mm từ mép trên tờ giấy."),
    Column("width", "Rộng (mm)", kind=NUMBER, required=True, width=10, aliases=("rong", "chieu rong (mm)"),
           help="Chữ dài tự thu nhỏ cho vừa ô, không xuống dòng."),
    Column("font", "Phông chữ", width=18, aliases=("font",), help="Mặc định Times New Roman."),
    Column("size", "Cỡ chữ", kind=NUMBER, required=True, width=8, aliases=("co chu (pt)", "size")),
    Column("bold", "Đậm", kind=CHOICE, vocab="yes_no", width=7, aliases=("chu dam",)),
    Column("align", "Căn lề", kind=CHOICE, vocab="align", width=9, aliases=("can le",), help="Giữa hoặc Trái."),
    CHECK), key_column="field")

BASE_SALARY = SheetSpec("base_salary", "Lương cơ sở", "LuongCoSo",
                        "Mức lương cơ sở theo thời gian; tiền thưởng dùng mức có hiệu lực vào ngày ký quyết định. "
                        "Thêm một dòng khi Chính phủ điều chỉnh.",
                        (
    Column("start", "Áp dụng từ ngày", kind=DATE, required=True, width=14, aliases=("tu ngay", "ngay ap dung")),
    Column("amount", "Mức lương cơ sở (đồng)", kind=INT, required=True, width=16, grouped=True,
           aliases=("muc luong co so", "luong co so")),
    Column("basis", "Văn bản", required=True, width=30, aliases=("can cu", "nghi dinh")),
    Column("note", "Ghi chú", width=50),
    Column("verified", "Tình trạng đối chiếu", width=30, aliases=("doi chieu", "tinh trang doi chieu van ban"),
           help="Đã đối chiếu văn bản gốc, hoặc Chưa đối chiếu được văn bản gốc."),
    CHECK), key_column="start")

AWARD_DOC_SHEETS: tuple[SheetSpec, ...] = (DECISIONS, PRINT_LAYOUT, BASE_SALARY)

DATA_SHEETS: tuple[SheetSpec, ...] = (INFO,) + RECORD_SHEETS + REVIEW_INPUT_SHEETS + AWARD_DOC_SHEETS \
    + COUNCIL_SHEETS
# the sheets read after the record sheets, each optional (older workbooks have none of them)
OPTIONAL_SHEETS: tuple[SheetSpec, ...] = REVIEW_INPUT_SHEETS + AWARD_DOC_SHEETS + COUNCIL_SHEETS

GUIDE_SHEET = "Hướng dẫn"
SUMMARY_SHEET = "Tổng hợp"
STATISTICS_SHEET = "Thống kê"   # written by the statistics button: awards by year, form and kind
SOURCES_SHEET = "Nguồn dữ liệu"
PATHS_SHEET = "_thidua_paths"   # hidden; the VBA file dialog writes chosen paths here
CONF_SHEET = "xlwings.conf"

SOURCES_COLUMNS: tuple[Column, ...] = (
    Column("file", "Tệp", width=40),
    Column("sha256", "SHA-256 (mã kiểm tra nội dung tệp)", width=68),
    Column("unit", "Đơn vị", width=28),
    Column("status", "Trạng thái", width=12),
    Column("rows", "Số dòng lấy", kind=INT, width=12),
    Column("errors", "Số lỗi", kind=INT, width=9),
    Column("warnings", "Số cảnh báo", kind=INT, width=11),
    Column("message", "Lý do, ghi chú", width=60),
)

INFO_HEADERS = ("Mục", "Giá trị", "Hướng dẫn", "Kiểm tra")

SHEETS_BY_KEY = {s.key: s for s in DATA_SHEETS}


def vocabulary(key: str) -> Vocabulary:
    return VOCABULARIES[key]
