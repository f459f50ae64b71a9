"""Size limits for files from outside, in one place, and the check of a
zip package (.xlsx/.xlsm/.ods) made before any parser sees it.

A spreadsheet package is a zip of XML parts. A few kilobytes can claim
gigabytes once unpacked, or a cell at XFD1048576 that makes the native reader
allocate the whole grid and abort. Each part is therefore looked at first:
its declared and real unpacked size, its compression ratio, the sheet's
extent (``<dimension>`` and every cell reference, read as a stream, never the
whole part at once), and the longest run of text. A file over a limit is
refused with a Vietnamese "quá lớn" message for that file alone.

The figures are far above any real report (Excel itself stops a cell at
32,767 characters) and far below what exhausts a 4 GB office computer."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache

from ..errors import FileTooLarge, FileUnusable
from . import xlsb

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

_CELL_REF = re.compile(rb' r="([A-Z]{1,4})([0-9]{1,8})"')  # only cells carry r="<letters><digits>"
# '<dimension' or '<x:dimension' (and any 'x:dimension': found from the word, which is quicker to search for)
_DIMENSION = re.compile(rb'(?<=[<:])dimension\b[^>]*?\sref="([A-Z]{1,4})?([0-9]{1,8})?(?::([A-Z]{1,4})([0-9]{1,8}))?"')
# a cell beyond column Z or row 99.999: only then can the cells' extent approach the limit
_FAR_REF = re.compile(rb' r="(?:[A-Z]{2,4}[0-9]|[A-Z][0-9]{6})')
NEAR_ROWS, NEAR_COLS = 99_999, 26
_DELIM = re.compile(rb"[<>]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)\b", re.I)
_UNDEFINED_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)([A-Za-z_][\w.-]{0,40});")
CHUNK = 1 * MB


@lru_cache(maxsize=4)
def _long_run(limits: "Limits") -> re.Pattern:
    return re.compile(rb"[^<>]{%d,}" % (limits.text_run + 1))


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
    """No DTD (entities could expand or reach out), no entity that XML does not define."""
    if _DTD.search(window):
        raise FileUnusable(f"Tệp '{name}': phần '{part}' khai báo DTD hoặc thực thể (<!DOCTYPE/<!ENTITY>), "
                           f"điều Excel không bao giờ ghi; không đọc tệp này vì lý do an toàn. Hãy mở bằng Excel, "
                           f"lưu lại rồi gửi lại.")
    m = _UNDEFINED_ENTITY.search(window)
    if m:
        raise FileUnusable(f"Tệp '{name}' bị hỏng: phần '{part}' dùng thực thể không xác định "
                           f"'&{m.group(1).decode('ascii', 'replace')};' (tệp đã bị sửa tay hoặc ghi lỗi). Hãy mở "
                           f"bằng Excel, lưu lại rồi gửi lại.")


def _scan_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, sheet: bool, ods: bool,
               binary: bool = False) -> bytes | None:
    """Stream one part: real unpacked size, longest text run, and for sheets
    the extent of the cells. Never holds more than one chunk (plus a tail).
    Gives the part's bytes when they came in one chunk (and passed)."""
    total = 0
    whole = None
    run = 0  # bytes since the last '<' or '>'
    extent = _Extent()
    tail = b""
    xml = info.filename.endswith((".xml", ".rels"))
    single = info.file_size <= CHUNK  # the whole part comes in one chunk (the reader stops at the declared size)
    ods_extent = _OdsExtent(extent, name, info.filename, limits) if ods else None
    bin_extent = xlsb.Extent() if binary and sheet else None  # an .xlsb sheet: rows and columns from its records
    small = _unpack_small(z, info) if single else None
    with (io.BytesIO(small) if small is not None else z.open(info)) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                if ods_extent is not None:
                    ods_extent.feed(b"", last=True)
                break
            whole = chunk if not total else None
            total += len(chunk)
            if total > limits.part_bytes:
                raise too_large(name, f"phần '{info.filename}' khi giải nén vượt {_mb(limits.part_bytes)}")
            if binary:  # binary records: no text runs, no XML
                if bin_extent is not None:
                    bin_extent.feed(chunk)
                    extent.add(bin_extent.rows, bin_extent.cols)
                    _check_extent(extent, name, info.filename, limits)
                continue
            if run + len(chunk) <= limits.text_run:  # no run through this chunk can pass the limit
                last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
                run = run + len(chunk) if last < 0 else len(chunk) - 1 - last
            else:
                first = _DELIM.search(chunk)
                if first is None:
                    run += len(chunk)
                else:
                    run += first.start()
                    if run <= limits.text_run and _long_run(limits).search(chunk, first.start()):
                        run = limits.text_run + 1
                    if run <= limits.text_run:
                        run = len(chunk) - 1 - max(chunk.rfind(b"<"), chunk.rfind(b">"))
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
                    if total <= CHUNK:  # the <dimension> is at the top of the part
                        m = _DIMENSION.search(window)
                        if m and m.group(3):
                            extent.add(int(m.group(4)), col_number(m.group(3)))
                            _check_extent(extent, name, info.filename, limits)
                    if single and _FAR_REF.search(chunk) is None and \
                            max(extent.rows, NEAR_ROWS) * max(extent.cols, NEAR_COLS) <= limits.sheet_cells:
                        pass  # the whole part, every cell within Z99999, and that cannot pass the limit
                    elif refs := _CELL_REF.findall(window):  # C-level scans; Python only per distinct column
                        letters, digits = zip(*refs)
                        extent.add(max(map(int, digits)), max(map(col_number, set(letters))))
                    _check_extent(extent, name, info.filename, limits)
            tail = window[-256:]
    return whole


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name's and the extra field's lengths


def _unpack_small(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A small stored or deflated part unpacked straight from the package's
    bytes in memory, with at most its declared size plus one byte made (so a
    lying header cannot make more); None when anything is unusual (then the
    part takes zipfile's own streaming path, which says what is wrong)."""
    fp = getattr(z, "fp", None)
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
            unpacker = zlib.decompressobj(-15)
            data = unpacker.decompress(raw, info.file_size + 1)
            if not unpacker.eof:
                return None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return None
        return data
    except (zlib.error, struct.error, ValueError):
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


KEEP_BYTES = 32 * MB  # unpacked parts kept for the readers that follow, per file


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
                  keep: dict[str, bytes] | None = None) -> None:
    """Refuse a package whose unpacked content would exhaust the machine.
    ``keep`` receives the XML parts that were unpacked in one chunk while
    they were checked (up to KEEP_BYTES), so that no reader unpacks them again."""
    limits = limits or LIMITS
    infos = check_sizes(z, name, limits)
    is_ods = any(i.filename == "mimetype" for i in infos)
    is_xlsb = any(i.filename == "xl/workbook.bin" for i in infos)
    kept = 0
    for info in infos:
        if info.is_dir():
            continue
        fn = info.filename
        sheet = fn.startswith(("xl/worksheets/", "xl/chartsheets/")) and (
            fn.endswith(".xml") or (fn.endswith(".bin") and "/binaryIndex" not in fn))  # .xlsb: not its index
        ods = is_ods and fn == "content.xml"
        binary = is_xlsb and fn.endswith(".bin")  # .xlsb parts: [MS-XLSB] records, not XML
        whole = _scan_part(z, info, name, limits, sheet, ods, binary)
        if keep is not None and whole is not None and fn.endswith((".xml", ".rels")) \
                and kept + len(whole) <= KEEP_BYTES:
            keep[fn] = whole
            kept += len(whole)
