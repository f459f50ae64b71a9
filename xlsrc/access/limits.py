"""Size limits for files from outside, in one place, and the check of a
zip package (.xlsx/.xlsm/.ods) made before any parser sees it.

A spreadsheet package is a zip of XML parts. A few kilobytes can claim
gigabytes once unpacked, or a cell at XFD1048576 that makes the native reader
allocate the whole grid and abort. Each part is therefore looked at first:
its declared unpacked size (zipfile refuses a part that unpacks to more), its compression ratio, the sheet's
extent (``<dimension>`` and every cell reference, read as a stream, never the
whole part at once), and the longest run of text. A file over a limit is
refused with a Vietnamese "quá lớn" message for that file alone.

The figures are far above any real report (Excel itself stops a cell at
32,767 characters) and far below what exhausts a 4 GB office computer."""
from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterable

from .. import fast_zlib
from ..errors import FileTooLarge, FileUnusable
from . import xlsb
from .cellinfo import parsed_part

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 100 * MB          # the file as sent
    part_bytes: int = 200 * MB          # one part of the package, unpacked
    total_bytes: int = 500 * MB         # all parts, unpacked
    ratio: int = 200                    # unpacked : packed, for parts over ratio_floor
    ratio_floor: int = 1 * MB
    parts: int = 10_000                 # entries in the zip
    sheet_cells: int = 10_000_000       # rows × columns of a sheet's used area
    text_run: int = 256 * 1024          # bytes between two XML tags (one cell's text, escaped)
    worker_memory: int = 3 * 1024 * MB  # address space of a process reading one department's file
    key_rounds: int = 500_000           # password hashing rounds (spinCount) of an encrypted file; Excel uses 100.000


LIMITS = Limits()

# '<dimension' or '<x:dimension' (and any 'x:dimension': found from the word, which is quicker to search for),
# its address read as any XML writer may spell it (quotes, spaces, lower case, $)
_DIMENSION = re.compile(rb"""(?<=[<:])dimension\b[^>]*?\sref\s*=\s*["']\s*\$?([A-Za-z]{1,4})?\$?([0-9]{1,8})?"""
                        rb"""(?::\$?([A-Za-z]{1,4})\$?([0-9]{1,8}))?""")
# Anything in a sheet part but a row or a cell written the usual way within Z99999 (<row r="12">,
# <c r="B12" …>): another spelling, a cell without its address, a prefixed element, a far cell.
_UNUSUAL = (re.compile(rb'<c(?:[>/]|\s(?!r="[A-Z][0-9]{1,5}"[\s/>]))'),  # each starts with its literal: C-speed
            re.compile(rb'<row(?:[>/]|\s(?!r="[0-9]{1,5}"[\s/>]))'), re.compile(rb':(?:c|row)[\s/>]'))
NEAR_ROWS, NEAR_COLS = 99_999, 26
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ADDRESS = re.compile(rb"\s*\$?([A-Za-z]{1,7})\$?([0-9]{1,12})\s*$")
_ROW_NUMBER = re.compile(rb"\s*([0-9]{1,12})\s*$")
_DELIM = re.compile(rb"[<>]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)\b", re.I)
_UNDEFINED_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)([A-Za-z_][\w.-]{0,40});")
CHUNK = 1 * MB


def col_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _n(n: int) -> str:
    """12.345.678: Vietnamese digit grouping."""
    return f"{n:,}".replace(",", ".")


def _mb(n: int) -> str:
    return f"{_n(round(n / MB))} MB"


def too_large(name: str, what: str) -> FileTooLarge:
    return FileTooLarge(f"Tệp '{name}' quá lớn: {what}. Tệp không được đọc; hãy kiểm tra lại tệp "
                        f"(có thể bị hỏng hoặc bị tạo cố ý) rồi gửi lại bản chỉ có bảng số liệu.")


def check_file_size(size: int, name: str, limits: Limits | None = None) -> None:
    limits = limits or LIMITS
    if size > limits.file_bytes:
        raise too_large(name, f"{_mb(size)}, vượt giới hạn {_mb(limits.file_bytes)}")


@dataclass
class _Extent:
    rows: int = 0
    cols: int = 0

    def add(self, row: int, col: int) -> None:
        self.rows = max(self.rows, row)
        self.cols = max(self.cols, col)


def _check_xml(window: bytes, name: str, part: str) -> None:
    """No DTD (entities could expand or reach out), no entity that XML does not define. Each search
    starts at the first '!' or '&' of the window, found with memchr: most parts hold none."""
    bang = window.find(b"!")
    if bang >= 0 and _DTD.search(window, max(bang - 1, 0)):
        raise FileUnusable(f"Tệp '{name}': phần '{part}' khai báo DTD hoặc thực thể (<!DOCTYPE/<!ENTITY>), "
                           f"điều Excel không bao giờ ghi; không đọc tệp này vì lý do an toàn. Hãy mở bằng Excel, "
                           f"lưu lại rồi gửi lại.")
    amp = window.find(b"&")
    m = _UNDEFINED_ENTITY.search(window, amp) if amp >= 0 else None
    if m:
        raise FileUnusable(f"Tệp '{name}' bị hỏng: phần '{part}' dùng thực thể không xác định "
                           f"'&{m.group(1).decode()};' (tệp đã bị sửa tay hoặc ghi lỗi). Hãy mở "
                           f"bằng Excel, lưu lại rồi gửi lại.")


def _scan_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, sheet: bool, ods: bool,
               binary: bool, exact: bool, whole_up_to: int = 0) -> tuple[bytes | None, bool]:
    """Stream one part: longest text run, and for sheets the extent of the
    cells (``exact``: every cell placed, see _CellExtent); its size is the
    declared one, which check_sizes measured (zipfile stops there, and a
    part that unpacks to more fails its checksum). Never holds more than one
    chunk (plus a tail), or the whole part when it is not larger than
    ``whole_up_to`` (a part the readers will unpack anyway). Gives the part's
    bytes when they came in one chunk (and passed), and whether it is an
    XML sheet whose rows and cells are all written the usual way (see _UNUSUAL)."""
    total = 0
    whole = None
    run = 0  # bytes since the last '<' or '>'
    extent = _Extent()
    tail = b""
    xml = info.filename.endswith((".xml", ".rels"))
    single = info.file_size <= max(CHUNK, whole_up_to)  # in one chunk (the reader stops at the declared size)
    cells = _CellExtent(extent, name, info.filename, limits, exact)
    ods_extent = _OdsExtent(extent, name, info.filename, limits) if ods else None
    bin_extent = xlsb.Extent() if binary and sheet else None  # an .xlsb sheet: rows and columns from its records
    small = _unpack_small(z, info) if single else None
    step = CHUNK if small is None else max(len(small), 1)
    with (io.BytesIO(small) if small is not None else z.open(info)) as fh:
        while True:
            chunk = fh.read(step)
            if not chunk:
                if ods_extent is not None:
                    ods_extent.feed(b"", last=True)
                elif sheet and not binary:
                    cells.feed(b"", last=True)
                break
            whole = chunk if not total else None
            total += len(chunk)
            if binary:  # binary records: no text runs, no XML
                if bin_extent is not None:
                    bin_extent.feed(chunk)
                    extent.add(bin_extent.rows, bin_extent.cols)
                    _check_extent(extent, name, info.filename, limits)
                continue
            run = _run_after(chunk, run, limits.text_run)
            if run > limits.text_run:
                raise too_large(name, f"phần '{info.filename}' có một đoạn chữ dài hơn "
                                      f"{limits.text_run // 1024} KB (một ô Excel chứa tối đa 32.767 ký tự)")
            window = tail + chunk
            if xml:
                _check_xml(window, name, info.filename)
            if sheet or ods:
                if ods_extent is not None:
                    ods_extent.feed(chunk)
                else:
                    if total == len(chunk):  # the <dimension> is at the top of the part: in its first chunk
                        m = _DIMENSION.search(window, 0, CHUNK)
                        if m and (m.group(3) or m.group(1) and m.group(2)):  # "A1:XFD9" or one cell "XFD9"
                            extent.add(int(m.group(4) or m.group(2)), col_number(m.group(3) or m.group(1)))
                            _check_extent(extent, name, info.filename, limits)
                    cells.feed(chunk)
            tail = window[-256:]
    return whole, sheet and not (binary or ods) and cells.usual


def _run_after(chunk: bytes, run: int, limit: int) -> int:
    """The text run open at the end of ``chunk`` (bytes since its last '<' or
    '>'), given the run open before it; more than ``limit`` when a run passes
    it anywhere. A run longer than the limit holds a whole block of half the
    limit without a delimiter: only such blocks are measured (C-level finds)."""
    found = [i for i in (chunk.find(b"<"), chunk.find(b">")) if i >= 0]
    if not found:
        return run + len(chunk)
    first = min(found)
    if run + first > limit:
        return run + first
    last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
    half = max(limit // 2, 1)
    for i in range(first + 1, last - half + 1, half):
        if chunk.find(b"<", i, i + half) < 0 and chunk.find(b">", i, i + half) < 0:
            start = max(chunk.rfind(b"<", 0, i), chunk.rfind(b">", 0, i))
            end = min(j for j in (chunk.find(b"<", i + half), chunk.find(b">", i + half)) if j >= 0)
            if end - start - 1 > limit:
                return end - start - 1
    return len(chunk) - 1 - last


class _Recount(Exception):
    """The quick count could not rule out a sheet over the limit: count every cell."""


class _CellExtent:
    """The rows and columns a sheet part's cells reach, found the way the
    reader places them: a cell at its address however the attribute is
    spelled (quotes, spaces, lower case), a cell without one after the cell
    before it, a row without a number after the row before it. Fed in
    chunks; a chunk of rows and cells written the usual way within Z99999
    (what every spreadsheet program writes for a report) is passed over with
    C-level searches, unless that bound could pass the limit (then _Recount)."""

    def __init__(self, extent: _Extent, name: str, part: str, limits: Limits, exact: bool):
        self.extent, self.name, self.part, self.limits, self.exact = extent, name, part, limits, exact
        self.carry = b""
        self.row = 0    # the row being read (1-based), 0 before the first
        self.col = 0    # the column of the last cell of that row
        self.near = False  # some cells were passed over, each within Z99999
        self.usual = True  # every row and cell so far written the usual way (each passed over)

    def feed(self, chunk: bytes, last: bool = False) -> None:
        window = self.carry + chunk
        cut = len(window) if last else window.rfind(b"<")  # a tag cut by the chunk waits for the next one
        if cut < 0:
            cut = 0
        if not self.exact and not any(p.search(window, 0, cut) for p in _UNUSUAL):
            self._pass_over(window, cut)
        else:
            self.usual = False
            for m in _ROW_OR_CELL.finditer(window, 0, cut):
                self._place(m.group(1) == b"row", m.group(2))
        self.carry = window[cut:]
        ext = self.extent
        if self.near and max(ext.rows, NEAR_ROWS) * max(ext.cols, NEAR_COLS) > self.limits.sheet_cells:
            raise _Recount
        _check_extent(ext, self.name, self.part, self.limits)

    def _pass_over(self, window: bytes, cut: int) -> None:
        """Rows and cells all written <row r="N"> and <c r="XN" …> within Z99999:
        only where the last of them stands is kept, for cells that follow without an address."""
        if window.find(b"<c ", 0, cut) >= 0:
            self.near = True
        i = window.rfind(b'<row r="', 0, cut)
        if i >= 0:
            self.row, self.col = int(window[i + 8:window.index(b'"', i + 8)]), 0
        j = window.rfind(b'<c r="', max(i, 0), cut)
        if j >= 0:
            self.col = col_number(window[j + 6:j + 7])

    def _place(self, is_row: bool, attrs: bytes) -> None:
        r = _R_ATTR.search(attrs)
        value = (r.group(1) if r.group(1) is not None else r.group(2)) if r else None
        if is_row:
            got = _ROW_NUMBER.match(value) if value is not None else None
            self.row, self.col = (int(got.group(1)) if got else self.row + 1), 0
            return
        got = _ADDRESS.match(value) if value is not None else None
        if got:
            self.col = col_number(got.group(1))
            self.extent.add(int(got.group(2)), self.col)
        else:
            self.col += 1
        self.extent.add(max(self.row, 1), self.col)


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name's and the extra field's lengths


def _unpack_small(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A small stored or deflated part unpacked straight from the package's
    bytes in memory, with at most its declared size plus one byte made (so a
    lying header cannot make more); None when anything is unusual (then the
    part takes zipfile's own streaming path, which says what is wrong)."""
    fp = z.fp
    if not isinstance(fp, io.BytesIO) or info.flag_bits & 0x1 or \
            info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    try:
        view = fp.getbuffer()
    except (BufferError, ValueError):
        return None
    try:
        offset = info.header_offset
        if offset + _LOCAL_HEADER.size > len(view):
            return None
        magic, name_len, extra_len = _LOCAL_HEADER.unpack_from(view, offset)
        if magic != b"PK\x03\x04":
            return None
        start = offset + _LOCAL_HEADER.size + name_len + extra_len
        raw = view[start:start + info.compress_size]
        if len(raw) != info.compress_size:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            data = bytes(raw)
        else:
            unpacker = fast_zlib.zlib.decompressobj(-15)  # the same bytes as zlib's, in half the time
            data = unpacker.decompress(raw, info.file_size + 1)
            if not unpacker.eof:
                return None
        if len(data) != info.file_size or fast_zlib.zlib.crc32(data) != info.CRC:
            return None
        return data
    except (zlib.error, fast_zlib.zlib.error, struct.error, ValueError):
        return None
    finally:
        del view


# read as an XML parser reads: any namespace prefix, either quote, spaces around '='
_ODS_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ODS_TAG = re.compile(rb"<" + _ODS_PREFIX + rb"table([\s>/])|<" + _ODS_PREFIX + rb"table-row\b([^>]*)>|</" +
                      _ODS_PREFIX + rb"table-row\s*>|<" + _ODS_PREFIX + rb"(?:covered-)?table-cell\b([^>]*)>")
_ODS_ROWS = re.compile(rb"""(?<![\w.-])number-rows-repeated\s*=\s*["']\s*([0-9]{1,30})""")
_ODS_COLS = re.compile(rb"""(?<![\w.-])number-columns-repeated\s*=\s*["']\s*([0-9]{1,30})""")
_ODS_VALUE = re.compile(rb"(?<![\w.-])value-type\s*=")


class _OdsExtent:
    """The used area of each table of an ODS content.xml, fed in chunks.
    ODS repeats rows and cells with a count; a repeated cell that holds a
    value is expanded by every reader, so it counts with its repeats (empty
    repeated areas, which LibreOffice writes to the sheet's end, do not)."""

    def __init__(self, extent: _Extent, name: str, part: str, limits: Limits):
        self.extent, self.name, self.part, self.limits = extent, name, part, limits
        self.carry = b""
        self.row_pos = 0
        self.row_repeat = 1
        self.col_pos = 0

    def feed(self, chunk: bytes, last: bool = False) -> None:
        window = self.carry + chunk
        cut = len(window) if last else window.rfind(b"<")  # a tag cut by the chunk waits for the next one
        if cut < 0:
            cut = 0
        for m in _ODS_TAG.finditer(window, 0, cut):
            if m.group(1) is not None:  # a new table: its own extent
                self.row_pos, self.row_repeat, self.col_pos = 0, 1, 0
                self.extent.rows = self.extent.cols = 0
            elif m.group(2) is not None:  # row start (maybe self-closing)
                n = _ODS_ROWS.search(m.group(2))
                self.row_repeat, self.col_pos = (int(n.group(1)) if n else 1), 0
                if m.group(2).endswith(b"/"):
                    self.row_pos += self.row_repeat
            elif m.group(3) is not None:  # a cell
                n = _ODS_COLS.search(m.group(3))
                cols = int(n.group(1)) if n else 1
                if _ODS_VALUE.search(m.group(3)):
                    self.extent.add(self.row_pos + self.row_repeat, self.col_pos + cols)
                    _check_extent(self.extent, self.name, self.part, self.limits)
                self.col_pos += cols
            else:  # row end
                self.row_pos += self.row_repeat
        self.carry = window[cut:]


def _check_extent(extent: _Extent, name: str, part: str, limits: Limits) -> None:
    if extent.rows * extent.cols > limits.sheet_cells:
        raise too_large(name, f"trang ('{part}') trải tới dòng {_n(extent.rows)} và cột {_n(extent.cols)}, "
                              f"tức hơn {_n(limits.sheet_cells)} ô")


_SMALL_PART = 4 * MB  # a relationships part larger than this is no workbook's


def linked_sheets(z: zipfile.ZipFile, parsed: dict | None = None) -> set[str]:
    """The parts that hold sheets, found as the reader finds them: the
    package's relationships name the workbook part (xl/workbook.xml or .bin
    by default), the workbook's relationships name its sheets, wherever
    they are stored (a target is relative to the workbook's folder, or
    absolute from the package root; both readings are taken). ``parsed``
    keeps the parts parsed (see cellinfo.parsed_part)."""
    names = set(z.namelist())

    def resolved(folder: str, target: str) -> set[str]:
        target = target.replace("\\", "/")
        if target.startswith("/"):
            return {target.lstrip("/"), posixpath.normpath(target).lstrip("/")}
        return {posixpath.normpath(posixpath.join(folder, target)), "xl/" + target}

    books = {"xl/workbook.xml", "xl/workbook.bin"}
    for kind, _, target in _relationships(z, "_rels/.rels", parsed):
        if kind.endswith("/officeDocument"):
            books |= resolved("", target)
    found = set()
    for book in books & names:
        folder, leaf = posixpath.split(book)
        for kind, _, target in _relationships(z, posixpath.join(folder, "_rels", leaf + ".rels"), parsed):
            if kind.lower().endswith("sheet"):  # worksheet, chartsheet, dialogsheet, macrosheet …
                found |= resolved(folder, target)
    return found & names


KEEP_BYTES = 64 * MB  # unpacked parts kept for the readers that follow, per file (a 60.000-row sheet: 50 MB)


def check_sizes(z: zipfile.ZipFile, name: str, limits: Limits | None = None) -> list[zipfile.ZipInfo]:
    """The package's declared sizes: entries, every part and the whole
    unpacked, and each large part's compression ratio, before anything is
    unpacked. Returns the entries."""
    limits = limits or LIMITS
    infos = z.infolist()
    if len(infos) > limits.parts:
        raise too_large(name, f"có {_n(len(infos))} phần trong gói zip")
    declared = sum(i.file_size for i in infos)
    if declared > limits.total_bytes:
        raise too_large(name, f"khi giải nén chiếm {_mb(declared)}, vượt giới hạn {_mb(limits.total_bytes)}")
    for info in infos:
        if info.file_size > limits.part_bytes:
            raise too_large(name, f"phần '{info.filename}' khi giải nén chiếm {_mb(info.file_size)}, "
                                  f"vượt giới hạn {_mb(limits.part_bytes)}")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise too_large(name, f"phần '{info.filename}' nén với tỷ lệ "
                                  f"{_n(info.file_size // max(info.compress_size, 1))}:1 (giới hạn "
                                  f"{limits.ratio}:1)")
    return infos


def check_package(z: zipfile.ZipFile, name: str, limits: Limits | None = None,
                  keep: dict[str, bytes] | None = None, plain: set[str] | None = None) -> None:
    """Refuse a package whose unpacked content would exhaust the machine.
    ``keep`` receives the XML parts, unpacked whole while they were checked
    (up to KEEP_BYTES in all), so that no reader unpacks them again;
    ``plain`` the XML sheet parts whose rows and cells are all written the
    usual way (<row r="12">, <c r="B12" …> within Z99999, no prefix)."""
    check_sizes(z, name, limits)
    scan_package(z, name, limits, keep, plain)


# Where a sheet's parts are kept (the sheet, its relationships, and the comments, drawings and tables only a
# sheet refers to): no reader parses them when it opens the workbook, each sheet's when the sheet is read.
SHEET_FOLDERS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/", "xl/macrosheets/", "xl/comments",
                 "xl/drawings/", "xl/tables/", "xl/threadedComments/")


def scan_package(z: zipfile.ZipFile, name: str, limits: Limits | None = None,
                 keep: dict[str, bytes] | None = None, plain: set[str] | None = None,
                 wait: bool = False, parsed: dict | None = None) -> PackageScan:
    """The part of check_package after the declared sizes (check_sizes):
    every part unpacked in a stream on its real size, its text runs, XML
    declarations and sheet extent checked. A command runs it while the
    memory-capped reader child reads (FileBook): when it refuses the file,
    the child is stopped and its values never used. With ``wait`` (an .xlsx
    read one sheet at a time, in place), the parts in SHEET_FOLDERS are left
    for PackageScan.scan_waiting, which the reader calls before it parses one.
    ``parsed`` keeps the parts parsed on the way (see cellinfo.parsed_part)."""
    scan = PackageScan(z, name, limits, keep, plain, parsed)
    wait = wait and not (scan.is_ods or scan.is_xlsb)
    opened = scan.opened_with_book() if wait else set()
    for info in z.infolist():
        if wait and info.filename.startswith(SHEET_FOLDERS) and info.filename not in opened:
            scan.waiting.setdefault(info.filename, []).append(info)
        else:
            scan.part(info)
    return scan


class PackageScan:
    """The checks of scan_package, part by part: ``waiting`` holds the parts
    not checked yet (by name: a zip may hold one name twice), each checked by
    scan_waiting before any reader parses it."""

    def __init__(self, z: zipfile.ZipFile, name: str, limits: Limits | None = None,
                 keep: dict[str, bytes] | None = None, plain: set[str] | None = None, parsed: dict | None = None):
        self.z, self.name, self.limits, self.keep, self.plain = z, name, limits or LIMITS, keep, plain
        infos = z.infolist()
        self.is_ods = any(i.filename == "mimetype" for i in infos)
        self.is_xlsb = any(i.filename == "xl/workbook.bin" for i in infos)
        self.parsed = parsed if parsed is not None else {}  # parts parsed (cellinfo.parsed_part), kept
        # sheets wherever the relationships put them, not only under xl/worksheets/
        self.linked = linked_sheets(z, self.parsed)
        self.kept = sum(map(len, keep.values())) if keep else 0
        self.waiting: dict[str, list[zipfile.ZipInfo]] = {}
        self._by_name: dict[str, set[str]] | None = None

    def scan_waiting(self, names: Iterable[str] | None = None) -> None:
        """The waiting parts of these names (all when None) checked, and no
        longer waiting once they pass (a part refused is refused again)."""
        for fn in list(self.waiting) if names is None else names:
            for info in self.waiting.get(fn, ()):
                self.part(info)
            self.waiting.pop(fn, None)

    def opened_with_book(self) -> set[str]:
        """The parts the package's and the workbook's relationships name that
        are not sheets (shared strings, styles …: a reader may open them with
        the workbook, wherever they are), each target read both ways."""
        found = set()
        for rels_part in [part for part in self.parsed if part.endswith(".rels")]:  # read by linked_sheets
            folder = posixpath.dirname(posixpath.dirname(rels_part))  # xl/_rels/workbook.xml.rels: xl
            for kind, _, target in _relationships(self.z, rels_part, self.parsed):
                if not kind.lower().endswith("sheet"):
                    target = target.replace("\\", "/")
                    found |= {posixpath.normpath(posixpath.join(folder, target)).lstrip("/"), target.lstrip("/"),
                              posixpath.normpath(target).lstrip("/"), "xl/" + target}
        return found

    def scan_sheet(self, sheet: str) -> None:
        """The waiting parts a reader may take for a sheet (see
        sheet_parts_by_name) checked; all of them when the workbook does not
        say which."""
        if self._by_name is None:
            self._by_name = sheet_parts_by_name(self.z, self.parsed) or {}
        self.scan_waiting(self._by_name.get(sheet))

    def part(self, info: zipfile.ZipInfo) -> None:
        if info.is_dir():
            return
        fn = info.filename
        sheet = fn in self.linked or fn.startswith(("xl/worksheets/", "xl/chartsheets/")) and (
            fn.endswith(".xml") or (fn.endswith(".bin") and "/binaryIndex" not in fn))  # .xlsb: not its index
        ods = self.is_ods and fn == "content.xml"
        binary = self.is_xlsb and fn.endswith(".bin")  # .xlsb parts: [MS-XLSB] records, not XML
        xml = fn.endswith((".xml", ".rels"))
        keep = self.keep
        room = KEEP_BYTES - self.kept if keep is not None and xml else 0
        try:
            whole, usual = _scan_part(self.z, info, self.name, self.limits, sheet, ods, binary, exact=False,
                                      whole_up_to=room)
        except _Recount:  # the quick count's bound is over the limit: count every cell
            whole, usual = _scan_part(self.z, info, self.name, self.limits, sheet, ods, binary, exact=True,
                                      whole_up_to=room)
        if keep is not None and whole is not None and xml and self.kept + len(whole) <= KEEP_BYTES:
            keep[fn] = whole
            self.kept += len(whole)
        if self.plain is not None and usual:
            self.plain.add(fn)


def sheet_parts_by_name(z: zipfile.ZipFile, parsed: dict | None = None) -> dict[str, set[str]] | None:
    """Each sheet's name (as xl/workbook.xml gives it) and every part a
    reader may take for it, its relationship's target read each way a
    reader resolves it (after xl/, from the package root, or as it is when
    it starts with xl/); None when the workbook is not where every reader
    looks for it (xl/workbook.xml, named by the package's relationships).
    ``parsed``: the parts parsed already (see cellinfo.parsed_part)."""
    names = set(z.namelist())
    main = {t for kind, _, t in _relationships(z, "_rels/.rels", parsed) if kind.endswith("/officeDocument")}
    if main - {"xl/workbook.xml", "/xl/workbook.xml"} or "xl/workbook.xml" not in names:
        return None
    try:
        info = z.getinfo("xl/workbook.xml")
        book = parsed_part(z, "xl/workbook.xml", parsed) if info.file_size <= _SMALL_PART else None
    except Exception:  # not readable: no reader finds a sheet there either
        return None
    if book is None:
        return None
    targets: dict[str, set[str]] = {}
    for _, rid, target in _relationships(z, "xl/_rels/workbook.xml.rels", parsed):
        targets.setdefault(rid, set()).add(target)
    found: dict[str, set[str]] = {}
    for element in book.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        ids = {v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"}
        parts = found.setdefault(element.get("name", ""), set())
        for target in {u for i in ids for t in targets.get(i, ()) for u in (t, t.replace("\\", "/"))}:
            parts |= {target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else
                      "xl/" + target, target.lstrip("/"), posixpath.normpath(target).lstrip("/"),
                      posixpath.normpath(posixpath.join("xl", target))}
    return found


def _relationships(z: zipfile.ZipFile, rels_part: str, parsed: dict | None = None) -> list[tuple[str, str, str]]:
    """(Type, Id, Target) of each relationship of a small relationships
    part; ``parsed``: the parts parsed before (see cellinfo.parsed_part)."""
    try:
        if z.getinfo(rels_part).file_size > _SMALL_PART:
            return []
        root = parsed_part(z, rels_part, parsed)
        return [(rel.get("Type", ""), rel.get("Id", ""), rel.get("Target")) for rel in root if rel.get("Target")]
    except Exception:  # no such part, or not readable: the reader finds nothing there either
        return []
