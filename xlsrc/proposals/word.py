"""The tables and paragraphs of a Word file (.docx; a .doc is first converted
by LibreOffice, or by Word itself on the officer's PC), as grids the table
locator reads like a sheet. The package is checked for size and compression
before anything is unpacked, and its XML is parsed with defusedxml."""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from ..access.limits import LIMITS, check_file_size, check_sizes, too_large
from ..errors import ThiDuaError
from ..legacy_encodings import ENCODING_NAMES, convert
from ..vntext import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_SUFFIXES = (".docx", ".docm", ".doc")
MAX_TABLE_CELLS = 200_000   # rows × columns of one table once merged cells are expanded
MAX_SPAN = 64               # columns a Word cell may span (Word itself allows 63)


@dataclass
class WordTable:
    """One table: its text grid (rows of strings or None), the merged areas
    (0-based r1, c1, r2, c2), the bold cells and the paragraphs that stood
    between the previous table and this one (its title)."""
    index: int
    grid: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    bold: set[tuple[int, int]] = field(default_factory=set)
    before: list[str] = field(default_factory=list)


@dataclass
class WordDocument:
    name: str
    lines: list[str]                    # every paragraph outside the tables read as data, in order
    tables: list[WordTable]
    legacy: dict[str, int] = field(default_factory=dict)   # encoding -> runs converted
    converted_from: str = ""            # "LibreOffice" / "Word" for a .doc
    sha256: str = ""                    # of the file as sent (the master's duplicate check)


def _run_text(run, legacy: dict[str, int]) -> tuple[str, bool]:
    """A run's text, converted from TCVN3/VNI when its font or its letters say
    so, and whether it is bold."""
    parts = []
    for el in run:
        tag = el.tag
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    text = "".join(parts)
    rpr = run.find(W + "rPr")
    font, bold = None, False
    if rpr is not None:
        fonts = rpr.find(W + "rFonts")
        if fonts is not None:
            font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
        b = rpr.find(W + "b")
        bold = b is not None and b.get(W + "val") not in ("0", "false", "off")
    if text and (font or not text.isascii()):
        out, encoding = convert(text, font)
        if encoding:
            legacy[encoding] = legacy.get(encoding, 0) + 1
            text = out
    return text, bold


def _paragraph(p, legacy: dict[str, int]) -> tuple[str, bool]:
    texts, bolds = [], []
    for run in p.iter(W + "r"):
        t, b = _run_text(run, legacy)
        if t.strip():
            bolds.append(b)
        texts.append(t)
    return nfc("".join(texts)), bool(bolds) and all(bolds)


def _cell(tc, legacy: dict[str, int]) -> tuple[str | None, bool]:
    """The cell's paragraphs joined by line breaks (a nested table's text too)."""
    lines, bold = [], []
    for p in tc.iter(W + "p"):
        text, b = _paragraph(p, legacy)
        if text.strip():
            lines.append(text.strip())
            bold.append(b)
    text = "\n".join(lines)
    return (text or None), bool(bold) and all(bold)


def _table(tbl, index: int, before: list[str], legacy: dict[str, int], name: str) -> WordTable:
    """Rows with gridSpan expanded (the value in the first column of the span,
    a merge recorded) and vMerge continued (a merge down the column)."""
    grid: list[list[str | None]] = []
    merges: list[tuple[int, int, int, int]] = []
    bold: set[tuple[int, int]] = set()
    open_down: dict[int, list[int]] = {}   # column -> [first row, last row, span] of a vertical merge
    cells = 0
    for tr in tbl.findall(W + "tr"):
        r = len(grid)
        row: list[str | None] = []
        trpr = tr.find(W + "trPr")
        if trpr is not None:  # cells skipped before the first one (w:gridBefore)
            gb = trpr.find(W + "gridBefore")
            if gb is not None:
                row.extend([None] * min(_int(gb.get(W + "val")), MAX_SPAN))
        for tc in tr.findall(W + "tc"):
            c = len(row)
            tcpr = tc.find(W + "tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None:
                    span = max(1, min(_int(gs.get(W + "val")), MAX_SPAN))
                vm = tcpr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val") or "continue"
            text, is_bold = _cell(tc, legacy)
            if vmerge == "continue" and c in open_down:
                open_down[c][1] = r
                text = None
            else:
                if vmerge == "restart":
                    open_down[c] = [r, r, span]
                elif c in open_down:
                    _close(open_down.pop(c), c, merges)
                if is_bold and text:
                    bold.add((r, c))
            row.append(text)
            row.extend([None] * (span - 1))
            if span > 1 and vmerge != "continue":
                merges.append((r, c, r, c + span - 1))
        cells += len(row)
        if cells > MAX_TABLE_CELLS:
            raise too_large(name, f"có bảng thứ {index} quá lớn (hơn {MAX_TABLE_CELLS:,} ô)".replace(",", "."))
        for c in [c for c, down in open_down.items() if down[1] < r]:  # not continued in this row
            _close(open_down.pop(c), c, merges)
        grid.append(row)
    for c, down in open_down.items():
        _close(down, c, merges)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return WordTable(index, grid, merges, bold, before)


def _close(down: list[int], c: int, merges: list) -> None:
    first, last, span = down
    if last > first:
        merges.append((first, c, last, c + span - 1))


def _int(text: str | None) -> int:
    try:
        return int(text or "1")
    except ValueError:
        return 1


def read_docx(path: str | Path, shown_name: str | None = None) -> WordDocument:
    """The document's paragraphs and tables, in order. Raises ThiDuaError
    (Vietnamese) for a file that is not a Word document or is too large."""
    path = Path(path)
    name = shown_name or path.name
    try:
        check_file_size(path.stat().st_size, name)
        data = path.read_bytes()   # read once: unpacked from memory and hashed
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ThiDuaError(f"Tệp '{name}' không phải tệp Word .docx hợp lệ (hỏng hoặc sai đuôi).") from None
    with z:
        check_sizes(z, name, LIMITS)   # only document.xml is unpacked, and parsed by defusedxml
        try:
            xml = z.read("word/document.xml")
        except KeyError:
            raise ThiDuaError(f"Tệp '{name}' không có nội dung văn bản Word (thiếu word/document.xml).") from None
    try:
        root = SafeET.fromstring(xml)
    except DefusedXmlException:
        raise ThiDuaError(f"Tệp '{name}' khai báo DTD hoặc thực thể XML, điều Word không bao giờ ghi; không đọc tệp "
                          f"này vì lý do an toàn. Hãy mở bằng Word, lưu lại rồi gửi lại.") from None
    except Exception:  # broken XML
        raise ThiDuaError(f"Tệp '{name}' bị hỏng: nội dung Word không đọc được. Hãy mở bằng Word, lưu lại rồi "
                          f"gửi lại.") from None
    body = root.find(W + "body")
    if body is None:
        raise ThiDuaError(f"Tệp '{name}' không có nội dung văn bản Word.")
    legacy: dict[str, int] = {}
    lines: list[str] = []
    tables: list[WordTable] = []
    pending: list[str] = []
    for el in _blocks(body):
        if el.tag == W + "p":
            text, _ = _paragraph(el, legacy)
            for line in text.split("\n"):
                if line.strip():
                    lines.append(line.strip())
                    pending.append(line.strip())
        elif el.tag == W + "tbl":
            table = _table(el, len(tables) + 1, pending[-8:], legacy, name)
            tables.append(table)
            for inner, before in _nested(el, legacy):   # a list laid inside a layout table's cell
                tables.append(_table(inner, len(tables) + 1, before or pending[-8:], legacy, name))
            pending = []
    return WordDocument(name, lines, tables, legacy, sha256=hashlib.sha256(data).hexdigest())


def _blocks(body):
    """Paragraphs and tables of the body in order, looking inside content
    controls (w:sdt) and tracked insertions, not inside tables."""
    for el in body:
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag in (W + "sdt", W + "sdtContent", W + "ins", W + "customXml"):
            yield from _blocks(el)


def _nested(tbl, legacy: dict[str, int], depth: int = 2):
    """The tables inside a table's cells (two levels down at most), each with
    the lines of its cell before it (read as the body's paragraphs are)."""
    if depth == 0:
        return
    for tc in (tc for tr in tbl.findall(W + "tr") for tc in tr.findall(W + "tc")):
        before: list[str] = []
        for el in tc:
            if el.tag == W + "p":
                text, _ = _paragraph(el, legacy)
                before += [line.strip() for line in text.split("\n") if line.strip()]
            elif el.tag == W + "tbl":
                yield el, before[-8:]
                yield from _nested(el, legacy, depth - 1)
                before = []


def legacy_note(doc: WordDocument) -> str:
    if not doc.legacy:
        return ""
    return "đã chuyển chữ " + ", ".join(ENCODING_NAMES.get(k, k) for k in doc.legacy) + " sang Unicode"


# --------------------------------------------------------------------------
NO_CONVERTER = ("Tệp Word cũ (.doc) cần LibreOffice hoặc Microsoft Word để đọc, nhưng máy này không có cả hai. "
                "Hãy mở tệp bằng Word và lưu lại dạng .docx (File > Save As > Word Document), hoặc cài LibreOffice "
                "từ libreoffice.org, rồi tổng hợp lại.")


def doc_to_docx(path: Path, out_dir: Path) -> tuple[Path, str]:
    """A .doc converted into ``out_dir``: by LibreOffice where it is installed,
    else by Word through COM (Windows). ThiDuaError when neither can."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        profile = (out_dir / "profile").resolve()
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
               "--outdir", str(out_dir), str(path)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            pass
        got = out_dir / (path.stem + ".docx")
        if got.exists():
            return got, "LibreOffice"
        raise ThiDuaError(f"LibreOffice không chuyển được tệp '{path.name}' sang .docx (tệp hỏng, có mật khẩu "
                          f"hoặc không phải tệp Word).")
    if sys.platform == "win32":  # pragma: no cover - needs Word
        return _word_com(path, out_dir), "Word"
    raise ThiDuaError(NO_CONVERTER)


def _word_com(path: Path, out_dir: Path) -> Path:  # pragma: no cover - needs Word on Windows
    try:
        import win32com.client
    except ImportError:
        raise ThiDuaError(NO_CONVERTER) from None
    target = out_dir / (path.stem + ".docx")
    word = None
    try:
        word = win32com.client.DispatchEx("Word.Application")
        word.Visible = False
        word.DisplayAlerts = 0
        doc = word.Documents.Open(str(path.resolve()), ConfirmConversions=False, ReadOnly=True,
                                  AddToRecentFiles=False, PasswordDocument="", Visible=False)
        doc.SaveAs2(str(target.resolve()), FileFormat=16)   # wdFormatDocumentDefault
        doc.Close(False)
    except Exception:
        raise ThiDuaError(f"Word không mở được tệp '{path.name}' (tệp hỏng hoặc có mật khẩu).") from None
    finally:
        if word is not None:
            try:
                word.Quit()
            except Exception:
                pass
    return target


def read_word(path: str | Path) -> WordDocument:
    """A .docx read directly; a .doc converted first (in a temporary folder;
    the input is never touched)."""
    path = Path(path)
    if path.suffix.lower() != ".doc":
        return read_docx(path)
    with tempfile.TemporaryDirectory(prefix="thidua-doc-") as tmp:
        converted, how = doc_to_docx(path, Path(tmp))
        doc = read_docx(converted, shown_name=path.name)
    doc.converted_from, doc.sha256 = how, hashlib.sha256(path.read_bytes()).hexdigest()  # the .doc as sent
    return doc
