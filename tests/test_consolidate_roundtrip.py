"""Issue 8, done when: a random table of works — names in any Vietnamese
text, dates and progress in any accepted form, group rows, unit names merged
over their works, title lines, totals and a signature, one- or two-row
headers with a (1) (2) (3) row, columns the schema does not know, Unicode or
TCVN3 or VNI text (under .VnTime / VNI-Times, under Arial, or with no font at
all) — written in a random supported shape
(a real .xlsx, .xls or .ods; an HTML table saved as .xls/.xlsx, as Excel's
'Save as Web Page' or a web portal's export writes it; SpreadsheetML 2003;
CSV named .xls/.xlsx in UTF-8, UTF-8 with BOM or Windows-1258), consolidated
and read back from the master: every value equals what was written, or
carries a finding at its source cell. A shape that cannot express something
(CSV: no merges, no bold, no number formats, no fonts) gets the table the way
that shape writes it: a unit name typed once stands in its first row only,
and the works below it have no unit in the master — nothing is invented."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from xlsrc import schema as S
from xlsrc.access.sniff import DESCRIPTION
from xlsrc.consolidate import consolidate, write_master
from xlsrc.findings import cell_ref
from xlsrc.legacy_encodings import encode_tcvn3, encode_vni
from xlsrc.tables import _FOOT_NOTE, _is_end_marker, is_total
from xlsrc.vntext import fold, nfc

from .fixtures_consolidate import SEED_WORKS
from .sheet_values import sheet_rows
from .shapes import SHAPES, write_shape

LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
ALPHABET = LOWER + LOWER.upper() + "0123456789 ,-()/&;:.\"'=+%"
HEADER = ["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành",
          "Tiến độ hoàn thành (%)"]
HEADER_KEYS = {fold(h) for h in HEADER}
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
EXTRA_HEADERS = ["Kinh phí (triệu đồng)", "Đơn vị phối hợp"]


def _plain_text(min_size=3, max_size=40):
    return (st.text(ALPHABET, min_size=min_size, max_size=max_size)
            .map(lambda s: " ".join(s.split()))
            .filter(lambda s: sum(ch.isalpha() for ch in s) >= 3))


def _is_structure(text: str) -> bool:
    """A text the locator rightly reads as a total, a foot note, a signature or the header."""
    return is_total(text) or bool(_FOOT_NOTE.match(text)) or _is_end_marker(fold(text)) or fold(text) in HEADER_KEYS


names = _plain_text().filter(lambda s: not _is_structure(s))
units = _plain_text(3, 25).filter(lambda s: not _is_structure(s))
days = st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 28))
DATE_FORMS = ("cell", "dd/mm/yyyy", "d.m.yyyy", "dd/mm/yy", "month", "quarter", "year", "in words", "iso",
              "serial text")
PROGRESS_FORMS = ("percent text", "number", "percent cell", "with note", "words", "fraction")


def _date_cell(form: str, d: dt.date):
    """(what is written, what the master must hold)."""
    quarter = "I II III IV".split()[(d.month - 1) // 3]
    return {
        "cell": (dt.datetime(d.year, d.month, d.day), dt.datetime(d.year, d.month, d.day)),
        "dd/mm/yyyy": (d.strftime("%d/%m/%Y"), dt.datetime(d.year, d.month, d.day)),
        "d.m.yyyy": (f"{d.day}.{d.month}.{d.year}", dt.datetime(d.year, d.month, d.day)),
        "dd/mm/yy": (d.strftime("%d/%m/%y"), dt.datetime(d.year, d.month, d.day)),
        "month": (f"Tháng {d.month}/{d.year}", f"Tháng {d.month}/{d.year}"),
        "quarter": (f"Quý {quarter}/{d.year}", f"Quý {quarter}/{d.year}"),
        "year": (f"Năm {d.year}", f"Năm {d.year}"),
        "in words": (f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", dt.datetime(d.year, d.month, d.day)),
        "iso": (d.isoformat(), dt.datetime(d.year, d.month, d.day)),  # a portal's export
        # an Excel serial typed as text: read only in a date column, with a warning
        "serial text": (str((d - dt.date(1899, 12, 30)).days), dt.datetime(d.year, d.month, d.day)),
    }[form]


def _progress_cell(form: str, v: int, shape: str):
    """(written, expected, percent-formatted)."""
    if form == "percent cell" and not SHAPES[shape].percent:
        form = "percent text"
    return {
        "percent text": (f"{v}%", round(v / 100, 10), False),
        "number": (v, round(v / 100, 10), False),
        "percent cell": (v / 100, round(v / 100, 10), True),
        # 0.8 in a General cell: 80 % when every number of the column is ≤ 1, else a warning (issue 8 §1)
        "fraction": (v / 100, round(v / 100, 10), False),
        "with note": (f"{v}% (dự kiến hoàn thành tháng 12)", f"{v}% (dự kiến hoàn thành tháng 12)", False),
        "words": ("Đang thực hiện", "Đang thực hiện", False),
    }[form]


# Text typed under a legacy font is words, as in the files that arrive (the
# detector reads syllables): legacy tables draw their names from real words.
WORDS = sorted({w for text in [n for _, n, *_ in SEED_WORKS] + ["Sở Tư pháp Phòng Hành chính tư pháp Trung tâm "
                                                               "trợ giúp pháp lý nhà nước Khối văn phòng"]
                for w in text.replace(",", " ").replace("(", " ").replace(")", " ").split() if w.isalpha()
                # only words a legacy font can hold (".VnTime" has no capital 'Ủ': such capitals need '.VnTimeH')
                and all(ord(ch) < 256 for ch in encode_tcvn3(w) + encode_vni(w))})
words = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map(" ".join).filter(lambda s: not _is_structure(s))


def _table(text, encodings, formats=tuple(SHAPES)):
    work = st.fixed_dictionaries({
        "name": text, "start": days, "start_form": st.sampled_from(DATE_FORMS),
        "finish_days": st.integers(0, 300), "finish_form": st.sampled_from(DATE_FORMS),
        "progress": st.integers(2, 100), "progress_form": st.sampled_from(PROGRESS_FORMS),
        "money": st.one_of(st.none(), st.integers(1, 900)), "partner": st.one_of(st.none(), text),
    })
    group = st.fixed_dictionaries({
        "heading": text,
        "style": st.sampled_from(["label cell", "in one cell", "sub-heading"]),
        "owners": st.lists(st.tuples(text, st.lists(work, min_size=1, max_size=3)), min_size=1, max_size=3),
    })
    return st.fixed_dictionaries({
        "format": st.sampled_from(formats),
        "encoding": st.sampled_from(encodings),
        "titles": st.lists(st.sampled_from(["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "DANH SÁCH CÔNG TRÌNH NĂM 2021",
                                            "(Kèm theo Báo cáo số 95/BC-STP)"]), max_size=3),
        "total_on_top": st.booleans(),
        # "Thời gian thực hiện" over "Ngày khởi công | Ngày hoàn thành", the other headers merged down
        "two_row_header": st.booleans(),
        "numbering_row": st.booleans(),  # (1) (2) (3) … under the header
        "extra_columns": st.booleans(),  # columns the schema does not know: kept as 'Header: value' lines
        "bold_headings": st.booleans(),  # headings without a label, bold alone on their row
        "groups": st.lists(group, min_size=1, max_size=3),
    })


# legacy text under its own font (.VnTime, VNI-Times), or under Arial / no
# font at all (CSV, .ods here): then only the characters and the column tell
table = st.one_of(_table(names, ["Unicode"]),
                  _table(words, ["TCVN3", "VNI"], tuple(name for name, s in SHAPES.items() if s.font)),
                  _table(words, ["TCVN3 Arial", "VNI Arial"], tuple(name for name, s in SHAPES.items() if s.legacy)))


def _legacy(encode, v):
    """Legacy bytes of a text: a capital with a tone that .VnTime cannot hold
    (real files set such titles in .VnTimeH) is typed in lowercase."""
    if not isinstance(v, str):
        return v
    text = encode(v)
    return text if all(ord(ch) < 256 for ch in text) else encode(v.lower())


def _build(t: dict):
    """The rows to write, merges, bold cells, percent cells, and per work:
    (excel row, expected values), as the shape can express them."""
    shape = SHAPES[t["format"]]
    rows = [[title] + [None] * 5 for title in t["titles"]]
    merges, bold, percent, expected = [], set(), set(), []
    extra = EXTRA_HEADERS if t["extra_columns"] else []
    width = len(HEADER) + len(extra)
    if t["two_row_header"]:
        top = len(rows)
        rows += [HEADER[:3] + ["Thời gian thực hiện", None, HEADER[5]] + extra, [None] * 3 + HEADER[3:5]]
        merges += [(top, c, top + 1, c) for c in (0, 1, 2, 5, 6, 7)[:width - 2]] + [(top, 3, top, 4)]
    else:
        rows.append(HEADER + extra)
    if t["numbering_row"]:
        rows.append([f"({i})" for i in range(1, width + 1)])
    if t["total_on_top"]:
        rows.append(["Tổng cộng", f"{sum(len(ws) for g in t['groups'] for _, ws in g['owners'])} công trình",
                     None, None, None, None])
    n, top_label = 0, ""
    for gi, g in enumerate(t["groups"]):
        label = ROMAN[gi]
        style = "bold" if t["bold_headings"] and shape.bold else g["style"]
        if style == "bold":  # a heading without a label, bold alone on its row
            rows.append([None, g["heading"], None, None, None, None])
            bold.add((len(rows) - 1, 1))
            path = top_label = g["heading"]
        elif style == "label cell" or (style == "sub-heading" and gi == 0):
            rows.append([label, g["heading"], None, None, None, None])
            path = top_label = f"{label}. {g['heading']}"
        elif style == "in one cell":
            rows.append([f"{label}. {g['heading']}", None, None, None, None, None])
            merges.append((len(rows) - 1, 0, len(rows) - 1, width - 1))
            path = top_label = f"{label}. {g['heading']}"
        else:  # a lettered heading under the previous Roman one
            letter = "ABCDEF"[gi]
            rows.append([f"{letter}.", g["heading"], None, None, None, None])
            path = f"{top_label} / {letter}. {g['heading']}"
        for owner, works in g["owners"]:
            first = len(rows)
            for w in works:
                n += 1
                start_w, start_x = _date_cell(w["start_form"], w["start"])
                finish = w["start"] + dt.timedelta(days=w["finish_days"])
                if finish.year > 2021:
                    finish = dt.date(2021, 12, 31)
                finish_w, finish_x = _date_cell(w["finish_form"], finish)
                prog_w, prog_x, pct = _progress_cell(w["progress_form"], w["progress"], t["format"])
                r = len(rows)
                rows.append([n, w["name"], owner if r == first else None, start_w, finish_w, prog_w]
                            + ([w["money"], w["partner"]] if extra else []))
                lines = [f"{h}: {v}" for h, v in zip(extra, [w["money"], w["partner"] and nfc(w["partner"])]) if v]
                if pct:
                    percent.add((r, 5))
                # without merges the unit name stands in its first row only: the rest have none
                unit = nfc(owner) if r == first or shape.merges else None
                expected.append((r, {"name": nfc(w["name"]), "owner": unit, "group": nfc(path),
                                     "start": start_x, "planned_finish": finish_x, "progress": prog_x,
                                     "extra": "\n".join(lines) or None}))
            if len(rows) - first > 1 and shape.merges:
                merges.append((first, 2, len(rows) - 1, 2))
    rows += [[None] * 6, [None, None, None, "KT. GIÁM ĐỐC", None, None], [None, None, None, "PHÓ GIÁM ĐỐC", None, None]]
    if not shape.merges:  # "I. Khối …" typed in one cell, not merged across
        merges = []
    rows = [row + [None] * (width - len(row)) for row in rows]
    return rows, merges, bold, percent, expected


COLUMNS = {"name": 1, "owner": 2, "start": 3, "planned_finish": 4, "progress": 5, "group": None, "extra": None}
MASTER_HEADERS = {c.key: c.header for c in S.WORKS.columns}


@pytest.mark.long
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(table)
@example(t={"format": "xlsx", "encoding": "TCVN3 Arial", "titles": ["UBND TỈNH HÀ TĨNH"], "total_on_top": False,
            "two_row_header": False, "numbering_row": False, "extra_columns": False, "bold_headings": False,
            "groups": [{"heading": "Dự lao", "style": "label cell", "owners": [("Bản nhà Trung", [
                {"name": "thuận Bản", "progress": 16, "start_form": "cell", "finish_days": 0,
                 "start": dt.date(2021, 6, 6), "partner": None, "finish_form": "cell",
                 "progress_form": "percent text", "money": None}])]}]})  # 'Dự' in TCVN3 reads 'Dù' in Unicode
def test_every_value_reaches_the_master_or_carries_a_finding(t):
    rows, merges, bold, percent, expected = _build(t)
    shape = SHAPES[t["format"]]
    sheet = shape.sheet or "Phụ lục"
    assume(all(not _is_structure(e["group"].split(". ", 1)[-1]) for _, e in expected))
    font = None
    if t["encoding"] != "Unicode":  # legacy text: every text cell, under its font
        encode, font = (encode_tcvn3, ".VnTime") if t["encoding"].startswith("TCVN3") else (encode_vni, "VNI-Times")
        if t["encoding"].endswith("Arial"):
            font = "Arial" if shape.font else None
        rows = [[_legacy(encode, v) for v in row] for row in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = write_shape(Path(folder), t["format"], rows, merges, bold, percent=percent, font=font)
        result = consolidate([str(path)], jobs=1)
        assert [f.status for f in result.files] == ["ok"], result.files[0].message
        if shape.kind not in ("xlsx", "xls", "ods") or shape.suffix != "." + shape.kind:
            assert DESCRIPTION[shape.kind] in result.files[0].message  # the log says what the file really was
        flagged = {(f["sheet"], f["cell"]) for f in result.findings if f["file"] == str(path)}
        master = write_master(result, Path(folder) / "TongHop.xlsx")
        got_rows = sheet_rows(master, S.WORKS.name)
        heads = got_rows[0]
        got = [dict(zip(heads, r)) for r in got_rows[1:] if any(v is not None for v in r)]
        assert len(got) == len(expected)
        for (r, want), row in zip(expected, got):
            assert row[MASTER_HEADERS["source_row"]] == r + 1
            for key, value in want.items():
                have = row[MASTER_HEADERS[key]]
                if have == value:
                    continue
                col = COLUMNS[key]
                offered = " ".join(f["message"] for f in result.findings if f["code"] == "LEGACY_ENCODING")
                if key == "extra" and have is not None:  # a kept legacy-looking word: its warning offers the value
                    if all(w.split(": ", 1)[-1] in offered for w, h in zip(value.split("\n"), have.split("\n"))
                           if w != h):
                        continue
                if key == "group" and have is not None:  # a heading kept as typed ('Dù lao', TCVN3 for 'Dự lao'):
                    levels = list(zip(value.split(" / "), have.split(" / ")))  # its row's warning offers it,
                    if len(levels) == len(have.split(" / ")) and all(  # at each level of the path that differs
                            f"'{h.split('. ', 1)[-1]}'" in offered and f"'{w.split('. ', 1)[-1]}'" in offered
                            for w, h in levels if w != h):
                        continue
                if key == "owner" and col is not None and rows[r][col] is None:  # carried down from the unit's
                    above = next(q for q in range(r - 1, -1, -1) if rows[q][col] is not None)  # first row: its
                    if (sheet, cell_ref(above + 1, col + 1)) in flagged:  # warning stands in that row's cell
                        continue
                assert col is not None and (sheet, cell_ref(r + 1, col + 1)) in flagged, \
                    (key, value, have, t["format"], t["encoding"])
