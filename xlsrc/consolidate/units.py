"""Which unit (đơn vị) sent a file: names as readable proper names, the unit
and date found in a hand-made file's own title lines, and the --unit-map CSV."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from ..errors import ThiDuaError, os_error_message
from ..vntext import fold, nfc

# Words kept in capitals inside a name.
ACRONYMS = {"ubnd", "hdnd", "mttq", "tand", "vksnd", "bhxh", "thpt", "thcs", "cntt", "ttxvn", "ptth", "gd",
            "dt", "lđtbxh", "ldtbxh", "khcn", "tnmt", "vhttdl", "gtvt", "nn", "ptnt", "khdt", "tw", "qh", "cp",
            "btđkt", "btdkt", "hđtđkt", "hdtdkt", "ct", "ii", "iii", "iv"}
# How an agency's name begins (folded); the words after it name its field
# ("Sở Y tế", "Ban Thi đua - Khen thưởng"), then may come a place.
AGENCY_HEADS = tuple(sorted((
    "so", "ban", "phong", "cuc", "chi cuc", "vien", "hoi", "truong", "benh vien", "trung tam", "van phong",
    "thanh tra", "bo chi huy", "cong an", "kho bac", "kho bac nha nuoc", "uy ban nhan dan", "ubnd", "hdnd",
    "hoi dong nhan dan", "doan", "lien doan lao dong", "bao hiem xa hoi", "dai", "quy", "tinh doan",
    "uy ban mat tran to quoc", "cong ty", "tong cong ty", "bo", "hoi dong", "dang uy", "huyen uy",
    "tinh uy", "thanh uy", "quan uy", "thi uy", "dang bo", "chi bo", "ngan hang", "hoi lien hiep phu nu",
), key=lambda h: -len(h.split())))
_NOT_AGENCY = ("phong trao", "ban hanh", "ban do", "bao cao", "so ky hieu", "so luong", "so thu tu", "so tt",
               "hoi nghi", "truong hop", "dai hoi", "bo sung", "doan ket", "quy dinh", "quy che")
# The fields an agency is named after, in full (folded), as the offices and departments are named since
# 01/7/2025 and before: what follows a field is a place ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CAN LỘC").
FIELDS = frozenset(fold(f) for f in (
    "Giáo dục và Đào tạo", "Y tế", "Tư pháp", "Nội vụ", "Tài chính", "Tài chính - Kế hoạch", "Kế hoạch và Đầu tư",
    "Tài nguyên và Môi trường", "Nông nghiệp và Môi trường", "Nông nghiệp và Phát triển nông thôn",
    "Lao động - Thương binh và Xã hội", "Văn hóa và Thông tin", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa - Xã hội", "Văn hóa, Khoa học và Thông tin", "Kinh tế", "Kinh tế - Hạ tầng",
    "Kinh tế, Hạ tầng và Đô thị", "Quản lý đô thị", "Công Thương", "Xây dựng", "Giao thông vận tải",
    "Khoa học và Công nghệ", "Thông tin và Truyền thông", "Ngoại vụ", "Dân tộc", "Dân tộc và Tôn giáo",
    "Thi đua - Khen thưởng", "Tổ chức - Nội vụ"))
# Names whose rest is a proper name (a place, a person), folded: a party committee named after its place
# ("HUYỆN ỦY CAN LỘC"), a school after a person or a place ("TRƯỜNG THPT PHAN ĐÌNH PHÙNG").
NAMED_AFTER = tuple(sorted((
    "huyen uy", "tinh uy", "thanh uy", "quan uy", "thi uy", "truong thpt", "truong thcs", "truong thpt chuyen",
    "truong tieu hoc", "truong mam non", "truong mau giao", "truong tieu hoc va thcs", "truong th va thcs",
    "truong thcs va thpt", "truong ptdtnt", "truong pt dtnt", "truong trung hoc co so", "truong trung hoc pho thong",
    "truong chinh tri",
), key=lambda h: -len(h.split())))
ADMIN_LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
# Provinces and centrally-run cities (folded), so "SỞ Y TẾ HÀ TĨNH" keeps "Hà Tĩnh".
PROVINCES = tuple(fold(p) for p in (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Việt Nam"))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _title(words: list[str]) -> list[str]:
    return [w if fold(w) in ACRONYMS or "&" in w else "-".join(_cap(p.lower()) for p in w.split("-")) for w in words]


def _level(lows: list[str], i: int) -> int:
    """How many words an administrative level ('tỉnh', 'thành phố') takes at i; 0 if none."""
    two = " ".join(lows[i:i + 2])
    if two in ADMIN_LEVELS:
        return 2
    if lows[i] in ADMIN_LEVELS and two not in ("xã hội",):
        return 1
    return 0


def proper_name(text: object) -> str:
    """A unit's name as written in a sentence. Names typed in capitals, as in
    a document's heading, become ``Sở Y tế Hà Tĩnh``, ``UBND huyện Can Lộc``,
    ``Ban Thi đua - Khen thưởng tỉnh``, ``Huyện ủy Can Lộc``, ``Trường THPT Phan
    Đình Phùng``; names already in mixed case are kept."""
    s = re.sub(r"\s+", " ", nfc(text)).strip(" :;,.-")
    if not s or s != s.upper() or not any(ch.isalpha() for ch in s):
        return s
    words = s.split(" ")
    keys = [fold(w) for w in words]
    low = [w if k in ACRONYMS or "&" in w else w.lower() for w, k in zip(words, keys)]  # "GD&ĐT" stays
    n = len(words)
    # a place at the end: a known province, or the words after an administrative level
    lows = [w.lower() for w in words]
    place_from = n
    for k in range(1, min(n, 7)):
        if fold(" ".join(words[n - k:])) in PROVINCES:
            place_from = n - k
    for i in range(1, n - 1):
        step = _level(lows, i)
        if step and i + step < n:
            place_from = min(place_from, i + step)
            break
    named = next((len(h.split()) for h in NAMED_AFTER if " ".join(keys[:len(h.split())]) == h), 0)
    if named and named < place_from and not _level(lows, named):
        place_from = named
    out = low[:place_from] + _title(words[place_from:])
    out[0] = _cap(out[0])
    head = agency_head(" ".join(keys))
    if head and place_from == n:  # no province, no level: a place may still follow a field named in full
        h = len(head.split())
        field_end = max((j for j in range(h + 1, n + 1) if " ".join(k for k in keys[h:j] if k) in FIELDS), default=0)
        if field_end and 0 < n - field_end <= 4 and not _level(lows, field_end):  # "… KHEN THƯỞNG TỈNH": no place
            place_from = field_end
            out = low[:place_from] + _title(words[place_from:])
            out[0] = _cap(out[0])
    if head:
        h = len(head.split())
        level_at = next((i for i in range(h, place_from) if _level(lows, i)), place_from)
        if h < level_at:  # the field: "Y tế", "Thi đua - Khen thưởng", "Giáo dục và Đào tạo"
            out[h] = _cap(out[h])
            for i in range(h + 1, level_at):
                if keys[i - 1] in ("va",) or words[i - 1] in ("-", "–") or words[i - 1].endswith(","):
                    out[i] = _cap(out[i])
    return " ".join(out)


def agency_head(key: str) -> str | None:
    """The agency head a folded line starts with (``so``, ``ubnd`` …), if any."""
    if any(key == x or key.startswith(x + " ") for x in _NOT_AGENCY):
        return None
    for head in AGENCY_HEADS:
        if key == head or key.startswith(head + " "):
            return head
    return None


# --------------------------------------------------------------------------
_ANNEX = re.compile(r"k[èe]m\s+theo\b.*\bc[ủu]a\s+(.+)$", re.I | re.S)
_DATE_LONG = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b")
_DATE_SHORT = re.compile(r"\bngay (\d{1,2}) (\d{1,2}) (\d{4})\b")
_PLACE = re.compile(r"^([^,\d]{2,40}),\s*ng[àa]y\b", re.I)
_YEAR = re.compile(r"\bnam (\d{4})\b")
_TITLE_OF = re.compile(r"(?:\bCỦA|\s[-–])\s+(.+?)\s*(?:\bNĂM\s+\d{4}\b.*)?$", re.S)
# a portal's line naming the unit the list was filtered by: 'Đơn vị: UBND huyện Can Lộc' (or the label in a
# cell of its own, the name in the next one)
_UNIT_LABEL = re.compile(r"^(?:ten |co quan )?don vi(?: bao cao| de nghi| gui)?$")


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        v = dt.date(int(y), int(m), int(d))
        return v if 1990 <= v.year <= 2200 else None
    except ValueError:
        return None


_LEADER = re.compile(r"^(?:pho )?(?:giam doc|chu tich|thu truong|truong ban|hieu truong|cuc truong|vien truong) ")


def _agency_of_leader(name: str) -> str:
    """'Giám đốc Sở Ngoại vụ' (who signed, in 'Kèm theo Quyết định … của …') → 'Sở Ngoại vụ', its agency."""
    m = _LEADER.match(fold(name))
    rest = name.split()[len(m.group(0).split()):] if m else []
    return " ".join(rest) if rest and agency_head(fold(" ".join(rest))) else name


def _labelled_unit(text: str, after_label: bool) -> str | None:
    """The unit a line names after 'Đơn vị:' (in the line, or the line before
    was the label alone) when it names an agency ('Tất cả' does not)."""
    head, colon, rest = text.partition(":")
    name = text if after_label else rest.strip() if colon and _UNIT_LABEL.match(fold(head)) else ""
    return name if name and agency_head(fold(name)) and len(name.split()) <= 12 else None


def facts_from_lines(lines: list[str]) -> dict:
    """What a hand-made file's title lines say: the unit (from 'Kèm theo …
    của Sở Tư pháp' or a heading such as 'SỞ Y TẾ HÀ TĨNH'), the report date
    ('ngày 18 tháng 11 năm 2021'), the place and the year."""
    facts: dict = {}
    headings = []
    label = False  # the line before was 'Đơn vị:' alone
    for raw in lines:
        text = re.sub(r"\s+", " ", nfc(raw))
        if not text:
            continue
        key = fold(text)
        named = _labelled_unit(text, label)
        label = not named and bool(_UNIT_LABEL.match(key))
        if named and "title_unit" not in facts:
            facts["title_unit"] = proper_name(named)
        m = _ANNEX.search(text)
        if m and "annex_unit" not in facts:
            name = _agency_of_leader(re.split(r"[)\]]", m.group(1))[0].strip(" .;,"))
            if name and len(name.split()) <= 12:
                facts["annex_unit"] = proper_name(name)
        for rx in (_DATE_LONG, _DATE_SHORT):
            d = rx.search(key)
            if d and "date" not in facts:
                found = _date(d.group(3), d.group(2), d.group(1))
                if found:
                    facts["date"] = found
        p = _PLACE.match(text)
        if p and "place" not in facts and not agency_head(fold(p.group(1))):
            facts["place"] = p.group(1).strip()
        y = _YEAR.search(key)
        if y and "year" not in facts and 1990 <= int(y.group(1)) <= 2200:
            facts["year"] = int(y.group(1))
        t = _TITLE_OF.search(text) if "title_unit" not in facts and text == text.upper() else None
        if t and agency_head(fold(t.group(1))) and len(t.group(1).split()) <= 10:
            facts["title_unit"] = proper_name(t.group(1))  # "ĐĂNG KÝ CÔNG TRÌNH CỦA PHÒNG GD&ĐT"
        if text == text.upper() and len(text.split()) <= 14 and agency_head(key):
            headings.append(text)
        elif text == text.upper() and headings and agency_head(fold(headings[-1])) == fold(headings[-1]) \
                and any(key.startswith(fold(level) + " ") for level in ADMIN_LEVELS):
            # "ỦY BAN NHÂN DÂN" over "XÃ CẨM BÌNH" (NĐ 30 heading on two lines): one name
            headings[-1] = f"{headings[-1]} {text}"
    if headings:
        # "UBND TỈNH HÀ TĨNH" then "SỞ Y TẾ": the issuing body is the last heading.
        facts["heading_unit"] = proper_name(headings[-1])
    if "date" in facts and "year" not in facts:
        facts["year"] = facts["date"].year
    return facts


def unit_from_filename(path: str) -> str:
    stem = Path(path).stem
    return re.sub(r"\s+", " ", nfc(stem).replace("_", " ")).strip() or Path(path).name


# --------------------------------------------------------------------------
_FILE_HEADERS = {"file", "tep", "ten tep", "tep tin", "path", "duong dan", "filename"}
_UNIT_HEADERS = {"unit", "don vi", "ten don vi", "don vi bao cao", "co quan"}


class UnitMap:
    """``--unit-map``: a CSV of file,unit (UTF-8 with or without BOM; comma,
    semicolon or tab). A row matches a file by its name or by its path."""

    def __init__(self, entries: list[tuple[str, str]], base: Path | None = None):
        self.by_name: dict[str, str] = {}
        self.by_path: dict[str, str] = {}
        for file, unit in entries:
            file, unit = nfc(file), re.sub(r"\s+", " ", nfc(unit))
            if not file or not unit:
                continue
            if "/" in file or "\\" in file:
                for root in ([base] if base else []) + [Path.cwd()]:
                    self.by_path.setdefault(_path_key(root / file.replace("\\", "/")), unit)
            self.by_name.setdefault(Path(file.replace("\\", "/")).name.casefold(), unit)

    @classmethod
    def load(cls, path: str | Path) -> "UnitMap":
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise ThiDuaError(f"Không tìm thấy tệp --unit-map '{path}'.") from None
        except UnicodeDecodeError:
            raise ThiDuaError(f"Tệp --unit-map '{path.name}' phải lưu dạng UTF-8 (CSV UTF-8).") from None
        except OSError as exc:
            raise ThiDuaError(os_error_message(exc, path, "đọc tệp --unit-map")) from None  # in Vietnamese
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # rows of unequal length: the separator the first line holds
            first = (text.splitlines() or [""])[0]
            dialect = type("UnitMapCsv", (csv.excel,), {"delimiter": next((d for d in ";\t" if d in first), ",")})
        rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
        if not rows:
            raise ThiDuaError(f"Tệp --unit-map '{path.name}' không có dòng nào (cần hai cột file,unit).")
        fi, ui = 0, 1
        head = [fold(c) for c in rows[0]]
        if any(h in _FILE_HEADERS for h in head) or any(h in _UNIT_HEADERS for h in head):
            fi = next((i for i, h in enumerate(head) if h in _FILE_HEADERS), 0)
            ui = next((i for i, h in enumerate(head) if h in _UNIT_HEADERS), 1 if fi == 0 else 0)
            rows = rows[1:]
        if any(len(r) <= max(fi, ui) for r in rows):
            raise ThiDuaError(f"Tệp --unit-map '{path.name}' cần hai cột: file,unit (tên tệp, tên đơn vị).")
        return cls([(r[fi], r[ui]) for r in rows], base=path.parent)

    def unit_for(self, file: str) -> str | None:
        p = Path(file)
        return self.by_path.get(_path_key(p)) or self.by_name.get(nfc(p.name).casefold())


def _path_key(p: Path) -> str:
    """NFC and case-folded: an NFD name on disk matches the NFC name typed in the map."""
    from .discover import safe_resolve
    return nfc(str(safe_resolve(p))).casefold()
