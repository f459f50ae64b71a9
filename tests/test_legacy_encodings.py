"""Legacy Vietnamese encodings (issue 8 §4): the TCVN3 and VNI tables round
trip every precomposed Vietnamese letter; TCVN3 agrees with iconv's
TCVN5712-1; the detector finds no legacy text in any Unicode Vietnamese string
of the project; files typed under .VnTime/.VnTimeH/VNI-Times (and a cell
whose font was changed to Arial) are read as Unicode, with a warning per cell."""
from __future__ import annotations

import ast
import datetime as dt
import functools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.consolidate.extract import extract_file
from xlsrc.legacy_encodings import (TCVN3, TCVN3_TABLE, VNI, VNI_TABLE, convert, convert_as, decode_tcvn3,
                                    decode_vni, detect, encode_tcvn3, encode_vni, is_syllable)
from xlsrc.records import read_workbook
from xlsrc.validation import validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"})
UPPER = [ch.upper() for ch in LOWER]


def test_every_precomposed_vietnamese_letter_is_one_unicode_character():
    assert len(LOWER) == 12 * 6 + 1 == len(set(UPPER))
    assert all(len(ch) == 1 for ch in LOWER + UPPER)


# --------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3)
@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_tcvn3_round_trip_every_letter(letter):
    """VN3 holds the lowercase letters and seven toneless capitals; the other
    capitals are the lowercase codes shown by a .Vn…H font."""
    if letter.isascii():  # a e i o u y and capitals: ASCII in every encoding
        assert encode_tcvn3(letter) == letter == decode_tcvn3(letter)
    elif letter in TCVN3_TABLE.values():
        code = encode_tcvn3(letter)
        assert len(code) == 1 and (code != letter or letter == "ý") and code.encode("cp1252")
        assert decode_tcvn3(code) == letter
    else:
        assert letter.isupper()
        code = encode_tcvn3(letter.lower())
        assert len(code) == 1 and decode_tcvn3(code, capitals=True) == letter


def test_tcvn3_table_has_every_lowercase_letter_and_the_toneless_capitals():
    assert {ch for ch in LOWER if not ch.isascii()} <= set(TCVN3_TABLE.values())
    assert {v for v in TCVN3_TABLE.values() if v.isupper()} == set("ĂÂÊÔƠƯĐ")
    assert len(TCVN3_TABLE) == len(set(TCVN3_TABLE.values())) == 67 + 7  # non-ASCII lowercase letters + toneless capitals


@pytest.mark.skipif(not shutil.which("iconv"), reason="iconv không có trên máy này")
def test_tcvn3_table_agrees_with_iconv_tcvn5712_1():
    codes = sorted(TCVN3_TABLE)
    raw = bytes(ord(c) for c in codes)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True)
    decoded = unicodedata.normalize("NFC", out.stdout.decode("utf-8"))
    assert list(decoded) == [TCVN3_TABLE[c] for c in codes]


# --------------------------------------------------------------------------
# VNI: a base letter and a diacritic byte, in a single-byte font
@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip_every_letter(letter):
    code = encode_vni(letter)
    assert code != letter or letter.isascii() or letter in "íìÍÌ"  # the i's keep their Windows-1252 look
    assert 1 <= len(code) <= 2 and code.encode("cp1252")
    if len(code) == 2:  # base letter, then the diacritic
        assert code[0].lower() in "aeouyôö"
    assert decode_vni(code) == letter


PUBLISHED_VNI = [  # as VNI fonts show them, from the VNI table
    ("Thi ñua khen thöôûng", "Thi đua khen thưởng"),
    ("Teân coâng trình", "Tên công trình"),
    ("Sôû Ngoaïi vuï Haø Tónh", "Sở Ngoại vụ Hà Tĩnh"),
    ("Ngaøy khôûi coâng", "Ngày khởi công"),
    ("Tieán ñoä hoaøn thaønh", "Tiến độ hoàn thành"),
    ("ÑOAØN THANH NIEÂN", "ĐOÀN THANH NIÊN"),
    ("Kyõ thuaät", "Kỹ thuật"),
    ("Ñaëc bieät", "Đặc biệt"),
    ("Quyeát ñònh", "Quyết định"),
    ("Khaùnh thaønh, ñöa vaøo söû duïng", "Khánh thành, đưa vào sử dụng"),
    ("II. chính quoác", "II. chính quốc"),  # "chính" is the same both ways; "quoác" is no syllable
]


@pytest.mark.parametrize("word", ["quoác", "quoa", "quuy", "quưa"])
def test_qu_never_takes_a_second_glide(word):
    assert not is_syllable(word)


@pytest.mark.parametrize("word", ["quốc", "quyết", "quân", "quê", "quý", "quạt", "quen", "quanh", "quơ", "quay",
                                  "quỳnh", "quẹo"])
def test_qu_syllables_stay_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("vni,unicode_text", PUBLISHED_VNI)
def test_vni_known_words(vni, unicode_text):
    assert decode_vni(vni) == unicode_text
    assert encode_vni(unicode_text) == vni
    assert convert(vni) == (unicode_text, VNI)  # found from the characters alone


TCVN3_SAMPLES = [
    ("Tªn c«ng tr×nh", "Tên công trình"),
    ("Ngµy khëi c«ng", "Ngày khởi công"),
    ("TiÕn ®é hoµn thµnh (%)", "Tiến độ hoàn thành (%)"),
    ("UBND tØnh Hµ TÜnh", "UBND tỉnh Hà Tĩnh"),
    ("Tr\u00adêng THPT Phan §×nh Phïng", "Trường THPT Phan Đình Phùng"),
    ("Khen th\u00adëng", "Khen thưởng"),
]


@pytest.mark.parametrize("tcvn3,unicode_text", TCVN3_SAMPLES)
def test_tcvn3_found_from_the_characters(tcvn3, unicode_text):
    assert encode_tcvn3(unicode_text) == tcvn3
    assert convert(tcvn3) == (unicode_text, TCVN3)


def test_fonts_decide_even_for_text_that_could_be_unicode():
    assert convert("c«ng tr×nh", ".VnTimeH") == ("CÔNG TRÌNH", TCVN3)  # lowercase codes shown as capitals
    assert convert("b¸o c¸o", ".VnArialH") == ("BÁO CÁO", TCVN3)
    assert convert("Hoµ", ".VnTime") == ("Hoà", TCVN3)
    assert convert("Tên công trình", ".VnTime") == ("Tên công trình", None)  # Unicode in an old font: left alone
    assert convert("Hoaø", "VNI-Times") == ("Hoà", VNI)
    assert convert("abc", "VNI-Times") == ("abc", None)


# --------------------------------------------------------------------------
# No false positives over every Unicode Vietnamese string of the project
_VIET = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


@functools.lru_cache(maxsize=1)
def _project_strings() -> tuple[str, ...]:
    """Every Vietnamese string of the project's code, tests and seeds (parsed once per test process)."""
    found = []
    for path in list((ROOT / "tests").glob("*.py")) + list((ROOT / "xlsrc").rglob("*.py")):
        if path.name in (Path(__file__).name, "legacy_encodings.py"):
            continue  # the legacy samples above and in the module's docstring
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _VIET.search(node.value):
                found.append(node.value)
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        found += [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                  if _VIET.search(line)]
    return tuple(found)


def _pieces(text: str):
    """The text, each line, and every run of one to four words: a cell can be any of them."""
    yield text
    for line in text.splitlines():
        words = line.split()
        yield line
        for n in range(1, 5):
            for i in range(len(words) - n + 1):
                yield " ".join(words[i:i + n])


@pytest.mark.long
def test_detector_finds_no_legacy_text_in_the_projects_vietnamese():
    strings = _project_strings()
    assert len(strings) > 500  # tests, demo data, schema, messages and the seeds
    seen, false = set(), []
    for s in strings:
        for piece in _pieces(unicodedata.normalize("NFC", s)):
            if piece in seen:
                continue
            seen.add(piece)
            if detect(piece) != (None, False):
                false.append((piece, convert(piece)[0]))
    assert len(seen) > 5000
    assert false == []


# --------------------------------------------------------------------------
# Files
HEADERS_UNICODE = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)"]


def _legacy_xlsx(path, encode, font, rows, title_font=None, keep=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = encode("Danh sách công trình, phần việc của Sở Tư pháp")
    ws["A1"].font = Font(name=title_font or font)
    for c, h in enumerate(HEADERS_UNICODE, start=1):
        ws.cell(3, c, encode(h)).font = Font(name=font)
    for r, row in enumerate(rows, start=4):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, encode(v) if isinstance(v, str) and v not in keep else v)
            cell.font = Font(name=font)
    wb.save(path)
    return path


ROWS = [(1, "Sửa chữa trường học", "Tháng 3/2021", "Tháng 12/2021", "80%"),
        (2, "Xây dựng nhà văn hoá thôn", "Năm 2021", "Năm 2022", "Đã hoàn thành")]


@pytest.mark.parametrize("encode,font,encoding", [(encode_tcvn3, ".VnTime", "TCVN3"), (encode_vni, "VNI-Times", "VNI"),
                                                  (encode_tcvn3, "Arial", "TCVN3"), (encode_vni, "Arial", "VNI")])
def test_consolidating_a_legacy_file_gives_unicode_and_a_warning_per_cell(tmp_path, encode, font, encoding):
    path = _legacy_xlsx(tmp_path / "stp.xlsx", encode, font, ROWS)
    result = extract_file(str(path))
    assert result["status"] == "ok", result["message"]
    works = result["rows"]["works"]
    assert [w["name"] for w in works] == [r[1] for r in ROWS]
    assert works[0]["progress"] == 0.8 and works[1]["progress"] == "Đã hoàn thành"
    legacy = [f for f in result["findings"] if f["code"] == "LEGACY_ENCODING"]
    assert {f["cell"] for f in legacy} >= {"B3", "C3", "B4", "B5"}
    assert all(encoding in f["message"] and Path(f["file"]).name == "stp.xlsx" and f["sheet"] == "Sheet1" for f in legacy)
    for w in works:  # the master holds Unicode only
        for v in w.values():
            if isinstance(v, str):
                assert detect(v) == (None, False) and v == unicodedata.normalize("NFC", v)


def test_uppercase_font_keeps_capitals_in_a_consolidated_file(tmp_path):
    path = _legacy_xlsx(tmp_path / "stp.xlsx", encode_tcvn3, ".VnTime", ROWS, title_font=".VnTimeH")
    book = FileBook(path)
    assert book.read("Sheet1")[0][0] == "DANH SÁCH CÔNG TRÌNH, PHẦN VIỆC CỦA SỞ TƯ PHÁP"


def test_legacy_text_in_the_users_own_workbook_is_read_before_headers_are_matched(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    ws.append(["Ngày ban hành", "18/11/2021"])
    ws = wb.create_sheet(S.WORKS.name)
    for c, h in enumerate(HEADERS_UNICODE, start=1):
        ws.cell(1, c, encode_tcvn3(h)).font = Font(name=".VnTime")
    ws.append([1, encode_tcvn3("Sửa chữa trường học"), "Năm 2021", "Năm 2022", 0.5])
    ws["B2"].font = Font(name="Arial")  # font changed, text still TCVN3
    path = tmp_path / "own.xlsx"
    wb.save(path)
    data = read_workbook(FileBook(path))
    assert "works" in data.locations and data.works[0]["name"] == "Sửa chữa trường học"
    legacy = [f for f in validate(data) if f.code == "LEGACY_ENCODING"]
    assert {f.cell for f in legacy} == {"B1", "C1", "D1", "E1", "B2"}
    b2 = next(f for f in legacy if f.cell == "B2")
    assert b2.column == "Tên công trình, phần việc" and b2.file == "own.xlsx" and b2.severity == "warning"


def test_legacy_fonts_in_xls_written_by_xlwt(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="cp1252")
    ws = wb.add_sheet("Sheet1")
    vn = xlwt.easyxf("font: name .VnTime")
    vnh = xlwt.easyxf("font: name .VnTimeH")
    ws.write(0, 0, encode_tcvn3("danh sách công trình"), vnh)
    for c, h in enumerate(HEADERS_UNICODE):
        ws.write(2, c, encode_tcvn3(h), vn)
    for r, row in enumerate(ROWS, start=3):
        for c, v in enumerate(row):
            ws.write(r, c, encode_tcvn3(v) if isinstance(v, str) else v, vn)
    path = tmp_path / "stp.xls"
    wb.save(str(path))
    book = FileBook(path)
    grid = book.read("Sheet1")
    assert grid[0][0] == "DANH SÁCH CÔNG TRÌNH"
    assert grid[2][1] == "Tên công trình, phần việc"
    assert {f.cell for f in book.notes("Sheet1")} >= {"A1", "B3", "B4", "B5"}
    result = extract_file(str(path))
    assert [w["name"] for w in result["rows"]["works"]] == [r[1] for r in ROWS]


# --------------------------------------------------------------------------
# Round trip: random tables in any accepted form reach the master as written, or with a warning
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SYLLABLES = sorted({w.lower() for s in TCVN3_SAMPLES + PUBLISHED_VNI for w in re.findall(r"\w+", s[1])}
                   | {"xây", "dựng", "nhà", "văn", "hoá", "thôn", "sửa", "chữa", "trường", "học", "đường", "giao",
                      "thông", "nông", "thôn", "mới", "trạm", "y", "tế", "xã", "lớp", "tiếng", "lào", "cổng",
                      "điện", "tử", "hội", "nghị", "điển", "hình", "tiên", "tiến", "khuyến", "quỹ", "nghĩa"})
DATE_FORMS = st.sampled_from(["datetime", "dd/mm/yyyy", "d.m.yyyy", "dd/mm/yy", "month", "quarter", "year",
                              "serial", "month_number"])
PROGRESS_FORMS = st.sampled_from(["general", "percent", "text", "words"])


@st.composite
def work_rows(draw):
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6))
        name = " ".join(words).capitalize()
        d = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 28)))
        rows.append((i + 1, name, (draw(DATE_FORMS), d), (draw(DATE_FORMS), d),
                     (draw(PROGRESS_FORMS), draw(st.integers(0, 100)))))
    return rows


def _date_cell(form, d):
    if form == "datetime":
        return dt.datetime(d.year, d.month, d.day), "dd/mm/yyyy"
    if form == "dd/mm/yyyy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}", None
    if form == "d.m.yyyy":
        return f"{d.day}.{d.month}.{d.year}", None
    if form == "dd/mm/yy":
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}", None
    if form == "month":
        return f"Tháng {d.month}/{d.year}", None
    if form == "quarter":
        return f"Quý {['I', 'II', 'III', 'IV'][(d.month - 1) // 3]}/{d.year}", None
    if form == "year":
        return f"Năm {d.year}", None
    if form == "serial":
        return (d - dt.date(1899, 12, 30)).days, None
    return d.month, None  # month_number


def _expected_date(form, d):
    if form in ("datetime", "dd/mm/yyyy", "d.m.yyyy", "dd/mm/yy", "serial"):
        return dt.datetime(d.year, d.month, d.day)
    if form == "month_number":
        return f"Tháng {d.month}/2021"
    return _date_cell(form, d)[0]  # month, quarter, year: the text as typed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=work_rows(), encoding=st.sampled_from(["unicode", "tcvn3", "vni"]))
def test_round_trip_every_value_is_as_written_and_each_interpretation_warned(tmp_path_factory, rows, encoding):
    encode, font = {"unicode": (lambda s: s, "Arial"), "tcvn3": (encode_tcvn3, ".VnTime"),
                    "vni": (encode_vni, "VNI-Times")}[encoding]
    path = tmp_path_factory.mktemp("rt") / "don_vi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "(Kèm theo báo cáo số 90/BC-STP ngày 18/11/2021 của Sở Tư pháp)"
    for c, h in enumerate(HEADERS_UNICODE, start=1):
        ws.cell(3, c, encode(h)).font = Font(name=font)
    for r, (order, name, start, finish, (pform, p)) in enumerate(rows, start=4):
        ws.cell(r, 1, order)
        ws.cell(r, 2, encode(name)).font = Font(name=font)
        for c, (form, d) in ((3, start), (4, finish)):
            value, fmt = _date_cell(form, d)
            cell = ws.cell(r, c, value)
            if fmt:
                cell.number_format = fmt
        cell = ws.cell(r, 5)
        if pform == "general":
            cell.value = p
        elif pform == "percent":
            cell.value, cell.number_format = p / 100, "0%"
        elif pform == "text":
            cell.value = f"{p}%"
        else:
            cell.value = encode("Đã hoàn thành")
            cell.font = Font(name=font)
    wb.save(path)
    result = extract_file(str(path))
    assert result["status"] == "ok", result["message"]
    interpreted = {f["cell"] for f in result["findings"] if f["code"] == "DATE_INTERPRETED"}
    by_context = {f["cell"]: f["message"] for f in result["findings"] if f["code"] == "LEGACY_ENCODING"}
    progress_said = {f["cell"] for f in result["findings"] if f["code"] in ("PROGRESS_AMBIGUOUS", "PROGRESS_TEXT")}
    got = result["rows"]["works"]
    assert len(got) == len(rows)
    general = [x[4][1] for x in rows if x[4][0] == "general"]
    only_0_and_1, mixed = all(p <= 1 for p in general), any(p > 1 for p in general)
    for r, (row, (order, name, start, finish, (pform, p))) in enumerate(zip(got, rows), start=4):
        assert row["name"] == name  # legacy text always arrives as Unicode (the font says so)
        for key, col, (form, d) in (("start", "C", start), ("planned_finish", "D", finish)):
            expected = _expected_date(form, d)
            if row[key] != expected and encoding != "unicode" and isinstance(expected, str):
                # Unicode text in a column typed in a legacy encoding is read in that encoding when both
                # readings are Vietnamese ('Tháng' is TCVN3 'Thỏng'): that reading, with both shown
                legacy_reading = convert_as(expected, {"tcvn3": TCVN3, "vni": VNI}[encoding])
                assert row[key] == legacy_reading, (key, form, d, row[key])
                assert f"'{expected}' → '{legacy_reading}'" in by_context[f"{col}{r}"]
            else:
                assert row[key] == expected, (key, form, d, row[key])  # the value, always
            # and a warning exactly where it was interpreted (a serial number, a month without its year)
            assert (f"{col}{r}" in interpreted) == (form in ("serial", "month_number")), (key, form, d)
        if pform == "words":
            expected = "Đã hoàn thành"
        elif pform == "general" and only_0_and_1:
            expected = float(p)  # a column of only 0 and 1: read as fractions, by the rule
        else:
            expected = round(p / 100, 10)
        assert row["progress"] == expected, (pform, p, row["progress"])
        # 1 in General among larger numbers: 1% or 100%? Read as 1% and said; every other form is unambiguous
        assert (f"E{r}" in progress_said) == (pform == "general" and mixed and p == 1), (pform, p)
    legacy = {f["cell"] for f in result["findings"] if f["code"] == "LEGACY_ENCODING"}
    if encoding != "unicode":
        assert {f"B{r}" for r in range(4, 4 + len(rows))} <= legacy | {f"B{r}" for r, x in enumerate(rows, 4)
                                                                       if encode(x[1]) == x[1]}
    else:
        assert not legacy


def test_legacy_font_in_ods_written_by_odfpy(tmp_path):
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import FontFace, Style, TextProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    doc.fontfacedecls.addElement(FontFace(name=".VnTimeH", fontfamily=".VnTimeH"))
    style = Style(name="ce1", family="table-cell")
    style.addElement(TextProperties(fontname=".VnTimeH"))
    doc.automaticstyles.addElement(style)
    table = Table(name="Danh sách")
    for values in (["b¸o c¸o"], HEADERS_UNICODE, [1, encode_tcvn3("Sửa chữa trường học"), "Năm 2021", "Năm 2022", "50%"]):
        tr = TableRow()
        for v in values:
            cell = TableCell(valuetype="float", value=v) if isinstance(v, int) else TableCell(valuetype="string")
            if values[0] == "b¸o c¸o":
                cell.setAttribute("stylename", "ce1")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "stp.ods"
    doc.save(str(path))
    book = FileBook(path)
    grid = book.read("Danh sách")
    assert grid[0][0] == "BÁO CÁO"  # .VnTimeH: lowercase codes shown as capitals
    assert grid[2][1] == "Sửa chữa trường học"  # no legacy font: found from the characters
    assert {f.cell for f in book.notes("Danh sách")} == {"A1", "B3"}


VIETNAMESE_TEXT = st.text(alphabet=st.sampled_from(LOWER + UPPER + list("bcdghklmnpqrstvx BCDGHKLMNPQRSTVX,.-()0123456789")),
                          min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE_TEXT)
def test_tables_round_trip_any_vietnamese_text(text):
    """Any text of Vietnamese letters: VNI decodes back exactly (a base letter
    and its diacritic byte are never read across letters), TCVN3 too for
    lowercase and the toneless capitals (the other capitals need a .Vn…H font)."""
    assert decode_vni(encode_vni(text)) == text
    assert all(len(ch.encode("cp1252")) == 1 for ch in encode_vni(text))
    lower = text.lower()
    assert decode_tcvn3(encode_tcvn3(lower)) == lower
    assert decode_tcvn3(encode_tcvn3(lower), capitals=True) == lower.upper()


# --------------------------------------------------------------------------
# Cells that read either way ('Quèc tÕ' is TCVN3 for 'Quốc tế', and also
# Unicode text made of syllables): decided by the other cells of the column.
AMBIGUOUS = "Quốc tế"


def test_a_cell_that_reads_either_way_follows_its_columns_encoding_under_arial(tmp_path):
    assert detect(encode_tcvn3(AMBIGUOUS)) == (None, False)  # the characters alone cannot tell
    rows = ROWS + [(3, AMBIGUOUS, "Năm 2021", "Năm 2021", "50%")]
    result = extract_file(str(_legacy_xlsx(tmp_path / "stp.xlsx", encode_tcvn3, "Arial", rows)))
    assert result["status"] == "ok", result["message"]
    assert [w["name"] for w in result["rows"]["works"]] == [r[1] for r in rows]
    [note] = [f for f in result["findings"] if f["cell"] == "B6"]
    assert note["code"] == "LEGACY_ENCODING" and "TCVN3" in note["message"] and "Quèc tÕ" in note["message"]


def test_the_column_does_not_decide_when_it_holds_text_only_unicode_can_hold():
    from xlsrc.access.notes import convert_legacy_grid
    grid = [[encode_tcvn3("Tên công trình")], [encode_tcvn3(AMBIGUOUS)], ["Sửa chữa đường liên thôn"]]
    notes = convert_legacy_grid(grid, None, "x.xlsx", "Sheet1")
    assert [f.cell for f in notes] == ["A1"] and grid[1][0] == encode_tcvn3(AMBIGUOUS)


def test_the_column_rule_converts_nothing_in_the_projects_vietnamese():
    """Every Unicode string of the project in one column, under one TCVN3
    header: only the header is converted, whatever the column holds."""
    from xlsrc.access.notes import convert_legacy_grid
    strings = sorted({unicodedata.normalize("NFC", p) for s in _project_strings() for p in _pieces(s)})
    grid = [[encode_tcvn3("Tên công trình")]] + [[p] for p in strings]
    notes = convert_legacy_grid(grid, None, "x.xlsx", "Sheet1")
    assert [f.cell for f in notes] == ["A1"]
    assert [r[0] for r in grid[1:]] == strings


def test_a_cell_that_reads_as_tcvn3_and_as_vni_follows_its_column():
    """'lao Tö' is TCVN3 'lao Tử' and VNI 'lao Tư': in a VNI column it is VNI."""
    from xlsrc.access.notes import convert_legacy_grid
    for encode, want in ((encode_vni, "lao Tư"), (encode_tcvn3, "lao Tử")):
        grid = [[encode("Tên công trình")], [encode("Sửa chữa đường liên thôn")], [encode(want)]]
        notes = convert_legacy_grid(grid, None, "x.xlsx", "Sheet1")
        assert [r[0] for r in grid] == ["Tên công trình", "Sửa chữa đường liên thôn", want]
        assert [f.cell for f in notes] == ["A1", "A2", "A3"]
        assert ("VNI" if encode is encode_vni else "TCVN3") in notes[2].message


# Unicode names made only of Latin-1 letters are valid Vietnamese as they stand: a TCVN3 or VNI
# column never converts them ('Bùi Lê Tâm' is not 'Bựi Lờ Tõm'); a warning offers the other reading.
LATIN1_NAMES = ["Bùi Lê Tâm", "Võ Tá Hùng", "Tô Hoài Nam", "Hà Tâm", "Lê Ái", "Bùi Tú Anh", "Cao Tâm Hòa", "Lã Tú",
                "Hoà Bình", "tài"]


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni])
def test_a_name_valid_as_typed_is_kept_in_a_legacy_column_with_the_other_reading_offered(encode):
    from xlsrc.access.notes import convert_legacy_grid
    from xlsrc.legacy_encodings import convert_as
    grid = [[encode("Họ và tên")], [encode("Nguyễn Thị Hương")]] + [[n] for n in LATIN1_NAMES]
    notes = convert_legacy_grid(grid, None, "x.xlsx", "Sheet1")
    assert [r[0] for r in grid] == ["Họ và tên", "Nguyễn Thị Hương"] + LATIN1_NAMES
    encoding = "TCVN3" if encode is encode_tcvn3 else "VNI"
    offered = {f.cell: f.message for f in notes if "giữ nguyên" in f.message}
    for r, name in enumerate(LATIN1_NAMES, start=3):
        other = convert_as(name, encoding)
        if other is not None:  # it reads the other way too: said, with that reading
            assert f"'{other}'" in offered[f"A{r}"] and encoding in offered[f"A{r}"], (name, offered)


def test_a_name_valid_as_typed_in_a_consolidated_file_reaches_the_master_as_typed(tmp_path):
    rows = ROWS + [(3, "Bùi Lê Tâm", "Năm 2021", "Năm 2021", "50%")]
    result = extract_file(str(_legacy_xlsx(tmp_path / "stp.xlsx", encode_tcvn3, "Arial", rows, keep={"Bùi Lê Tâm"})))
    assert result["status"] == "ok", result["message"]
    assert "Bùi Lê Tâm" in [w["name"] for w in result["rows"]["works"]]
    [note] = [f for f in result["findings"] if f["cell"] == "B6"]
    assert "Bựi Lờ Tõm" in note["message"] and "giữ nguyên" in note["message"]
