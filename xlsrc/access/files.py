"""Workbook files: read in bulk with python-calamine (.xlsx/.xlsm/.xls/.ods),
written with openpyxl to a copy. The input file is read once into memory and
never modified."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..atomic import note_input
from ..bulk import bulk_objects
from ..errors import FileUnusable, os_error_message
from ..findings import Finding
from ..logfile import library_warnings
from . import Grid, cellinfo, isolated, limits
from .cellinfo import CellInfo
from .isolated import ReaderCrashed, run_isolated
from .xlsb import XlsbPackage, legacy_fonts as xlsb_legacy_fonts
from .limits import PackageScan, check_file_size, check_sizes, scan_package
from ..legacy_encodings import font_encoding
from .notes import convert_legacy_grid, formula_notes, may_hold_legacy
from .sniff import (BINARY_KINDS, DESCRIPTION, FODS, OLE_MAGIC, ZIP_MAGIC, ForeignSheet, package_flat_ods,
                    read_foreign, sniff)
if TYPE_CHECKING:
    from .xlsx_patch import Edits, SheetPart
# .csv: a web portal's export; .xml: Excel's "XML Spreadsheet 2003"; templates saved by mistake
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".xml", ".fods",
                        ".xltx", ".xltm", ".ots"}
ACCEPTED = ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .xml, .fods, .xltx, .xltm, .ots"  # said in messages
# the kind a suffix stands for, where it is not the suffix itself
SUFFIX_KIND = {"xml": "xml2003", "xltx": "xlsx", "xltm": "xlsm", "ots": "ods"}


def wanted_in_folder(path: Path) -> bool:
    """Whether a file found in a folder is read: every spreadsheet name, but
    an .xml file only when it is an Excel XML Spreadsheet 2003 (a folder of
    reports may hold other XML files)."""
    if path.suffix.lower() != ".xml":
        return True
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(16384)) == "xml2003"
    except OSError:
        return True  # opened again when read: the error is said then


FORMULA_PREFIXES = ("=", "+", "-", "@")
PATCHED_KINDS = ("xlsx", "xlsm")  # written cells kept aside until the copy is saved
PATCH = True  # an .xlsx copy made part by part where it can be (False: always openpyxl; the tests compare)


def _clean(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.time):
        return None if value == dt.time(0) else value.isoformat()
    if isinstance(value, dt.timedelta):
        return None
    return value


# what openpyxl says it drops when it loads a book (its warnings), in the user's words
_LOST = (("Data Validation extension", "danh sách chọn (Data Validation) lấy giá trị từ trang khác"),
         ("Conditional Formatting extension", "định dạng có điều kiện kiểu mới (thanh dữ liệu, bộ biểu tượng)"),
         ("Sparkline Group extension", "biểu đồ thu nhỏ trong ô (Sparkline)"),
         ("Slicer List extension", "bộ lọc Slicer"), ("Timeline Ref extension", "bộ lọc thời gian (Timeline)"),
         ("Protected Range extension", "vùng được bảo vệ"), ("Web Extension", "phần bổ trợ web"),
         ("DrawingML support is incomplete", "hình vẽ, hộp chữ (chỉ giữ biểu đồ và ảnh)"),
         ("conditional formatting rule", "một quy tắc định dạng có điều kiện không đọc được"),
         ("is part of a merged range but has a comment", "ghi chú (comment) đặt trên ô gộp"),
         ("extension is not supported", "một phần mở rộng của Excel"))


def copy_losses(messages: list[str], name: str) -> list[str]:
    """Notes for the user, in Vietnamese, on what a copy made with openpyxl
    does not keep of the file (``messages``: openpyxl's own English warnings,
    logged); a warning that loses nothing (a default style applied) says nothing."""
    lost: dict[str, None] = {}
    for message in messages:
        what = next((said for key, said in _LOST if key in message), None)
        if what:
            lost[what] = None
    if not lost:
        return []
    return [f"Bản sao không giữ được {', '.join(lost)} của tệp '{name}' (thư viện ghi bản sao không hỗ trợ); tệp "
            f"gốc không bị sửa. Cần thì mở bản sao bằng Excel và đặt lại."]


def _damaged(exc: BaseException) -> bool:
    """Whether the native reader failed on the file: a Python error, or a Rust
    panic (pyo3's PanicException derives from BaseException and cannot be
    imported by name, so a plain ``except Exception`` would let it through as
    a traceback). Ctrl+C and the like are never taken for a damaged file."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


@dataclass
class _Native:
    """What the native reader gives of a workbook: read whole in one go in
    a child process (see access/isolated.py), or, in a process that reads in
    place (a consolidation worker), each sheet when it is first asked for."""
    names: list[str]                    # sheets that hold cells
    hidden: set[str]
    sheets: dict[str, tuple[Grid, list[tuple[int, int, int, int]]]]  # values, merged areas
    failed: dict[str, str]              # sheet -> why it could not be read
    legacy: bool = True                 # some text may be typed in TCVN3 or VNI (each distinct text looked at once)
    source: Any = None                  # read in place: the open workbook, whose sheets are read when asked for
    legacy_in: dict[str, bool] | None = None  # read in place: ``legacy`` of each sheet read
    before: Callable[[str], None] | None = None  # read in place: called with a sheet's name before it is read

    def take(self, sheet: str) -> tuple[Grid, list[tuple[int, int, int, int]]] | str:
        """The sheet's grid and merged areas, or why it could not be read."""
        if self.source is not None and sheet not in self.sheets and sheet not in self.failed:
            if self.before is not None:  # its parts checked (limits.PackageScan) before the reader parses them
                self.before(sheet)
            distinct: dict = {}
            with bulk_objects():
                _read_sheet(self, self.source, sheet, distinct.setdefault)
            self.legacy_in[sheet] = may_hold_legacy([distinct])
        return self.failed[sheet] if sheet in self.failed else self.sheets.pop(sheet)

    def may_hold_legacy(self, sheet: str) -> bool:
        return self.legacy if self.legacy_in is None else self.legacy_in.get(sheet, True)


def _read_native(data: bytes) -> _Native | str:
    """Every sheet's values and merged areas, or why the file could not be
    opened. Each distinct text or date is one object, however many cells
    hold it (a unit, a status, a date recur down a table): the grids are
    smaller, and sent to the parent process (pickled: an object is written
    once, then referred to) and hashed by the reader once per distinct value."""
    with bulk_objects():  # millions of cells, no reference cycle: the collector waits
        book = _opened(data)
        if isinstance(book, str):
            return book
        distinct: dict = {}
        for sheet in book.names:
            _read_sheet(book, book.source, sheet, distinct.setdefault)
        book.source = None
        book.legacy = may_hold_legacy([distinct])  # the distinct texts and dates as one row
        return book


def _read_in_place(data: bytes) -> _Native | str:
    """The workbook opened, each sheet read when first asked for (_Native.take):
    a process that reads in place (a consolidation worker) reads only the
    sheets it needs (of a template's 24, about 8)."""
    book = _opened(data)
    if not isinstance(book, str):
        book.legacy_in = {}
    return book


def _opened(data: bytes) -> _Native | str:
    from python_calamine import CalamineWorkbook
    try:
        cal = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = _worksheets(cal)
    except BaseException as exc:
        if not _damaged(exc):
            raise
        return _short(exc)
    return _Native(names, _hidden(cal), {}, {}, source=cal)


def _read_sheet(book: _Native, cal, sheet: str, same) -> None:
    """One sheet's grid and merged areas into ``book`` (or why it failed);
    ``same``: each distinct text or date made one object."""
    try:
        found = cal.get_sheet_by_name(sheet)
        raw = found.to_python(skip_empty_area=False)
        merged = _merged_of(found)
    except BaseException as exc:
        if not _damaged(exc):
            raise
        book.failed[sheet] = _short(exc)
        return
    grid = [[(same(v, v) if v else None) if (k := type(v)) is str else v if (k is float and v - v == 0.0)
             or k is int else same(v, v) if k in _DATES else _clean(v) for v in row]
            for row in raw]  # the common cells need no cleaning
    del raw
    while grid and all(v is None for v in grid[-1]):
        grid.pop()
    book.sheets[sheet] = (grid, merged)


def _hidden(cal) -> set[str]:
    """The sheets the sender hid (hidden or very hidden), where the reader can tell."""
    try:
        from python_calamine import SheetVisibleEnum
        return {m.name for m in cal.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except Exception:  # a reader without the metadata: every sheet counts as shown
        return set()


_DATES = frozenset({dt.datetime, dt.date})  # kept as they come, like an int, a finite float and a non-empty text


def _is_encrypted_ole(data: bytes) -> bool:
    if not data.startswith(OLE_MAGIC):
        return False
    try:
        import msoffcrypto
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data


def _decrypt(data: bytes, password: str, name: str) -> bytes:
    import msoffcrypto
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
    except Exception:
        raise FileUnusable(f"Tệp '{name}': phần mô tả mã hoá bị hỏng, không mở được tệp được bảo vệ.") from None
    rounds = (getattr(office, "info", None) or {}).get("spinValue") if getattr(office, "type", "") == "agile" else None
    if isinstance(rounds, int) and rounds > limits.LIMITS.key_rounds:  # counted before a single round is made
        raise FileUnusable(f"Tệp '{name}' đòi {limits._n(rounds)} vòng băm mật khẩu (Excel dùng 100.000; tối đa nhận "
                           f"{limits._n(limits.LIMITS.key_rounds)}); tệp không được mở vì sẽ tốn quá nhiều thời gian. "
                           "Hãy lưu lại tệp bằng Excel (hoặc gửi bản không đặt mật khẩu).")
    try:
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
        return out.getvalue()
    except Exception:
        raise FileUnusable(f"Tệp '{name}': mật khẩu không đúng, không mở được tệp được bảo vệ.") from None


def _read_file(path: Path) -> bytes:
    """The bytes of a regular file, with a Vietnamese message for every way
    reading can fail. A folder, a pipe or a device is refused before any read
    (a pipe would block for ever), and so is a file over the size limit."""
    import os
    import stat
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise FileUnusable(f"'{path}' là một thư mục, không phải tệp bảng tính.")
        if not stat.S_ISREG(st.st_mode):
            raise FileUnusable(f"'{path}' không phải một tệp thông thường (là ống dẫn hoặc thiết bị); không đọc.")
        check_file_size(st.st_size, path.name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:  # the size it has, not the limit, is what a read allocates
            data = fh.read(min(st.st_size, limits.LIMITS.file_bytes) + 1)
            if len(data) > st.st_size:  # it grew since: up to the limit, which load_bytes checks
                data += fh.read(max(limits.LIMITS.file_bytes + 1 - len(data), 0))
            return data
    except FileNotFoundError:
        raise FileUnusable(f"Không tìm thấy tệp '{path}'.") from None
    except PermissionError:
        raise FileUnusable(f"Không có quyền đọc tệp '{path}'. Hãy kiểm tra quyền truy cập tệp "
                           f"(hoặc đóng chương trình đang khoá tệp) rồi chạy lại.") from None
    except OSError as exc:
        raise FileUnusable(os_error_message(exc, path, "đọc")) from None


def load_bytes(path: Path, password: str | None = None) -> tuple[bytes, str]:
    """The file's bytes (decrypted when a password is given) and the sha256 of
    the file as sent."""
    name = path.name
    data = _read_file(path)
    note_input(path)  # an output of this command may not be this file
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise FileUnusable(f"Tệp '{name}' rỗng (0 byte).")
    if _is_encrypted_ole(data):
        if not password:
            raise FileUnusable(f"Tệp '{name}' được đặt mật khẩu; hãy gửi lại tệp không đặt mật khẩu "
                               f"hoặc chạy lại với --password.")
        data = _decrypt(data, password, name)
    return data, digest


def _check_kind(data: bytes, path: Path) -> tuple[str, str, zipfile.ZipFile | None, bytes]:
    """What the content really is (sniffed, not taken from the name), a
    note for the log when it differs from the name, and the opened package.
    A zip package's declared sizes and compression ratios are checked here,
    before any reader starts. A flat
    ODS document is packaged as the .ods it stands for (the bytes returned)."""
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise FileUnusable(f"Tệp '{path.name}' không phải bảng tính ({ACCEPTED}).")
    package = None
    if data.startswith(ZIP_MAGIC):
        try:
            package = zipfile.ZipFile(io.BytesIO(data))  # its directory is read once, for sniff and the checks
        except (zipfile.BadZipFile, ValueError, OSError):
            package = None  # sniff says what it is not
    kind = sniff(data, package)
    if kind is None and suffix == ".xml":
        raise FileUnusable(f"Tệp '{path.name}' là tệp XML nhưng không phải bảng tính XML 2003 của Excel "
                           f"(SpreadsheetML). Hãy mở bằng Excel, lưu thành .xlsx rồi gửi lại.")
    if kind is None:
        raise FileUnusable(f"Tệp '{path.name}' bị hỏng hoặc không phải bảng tính {suffix} thật "
                           f"(nội dung không đúng định dạng).")
    expected = SUFFIX_KIND.get(suffix[1:], suffix[1:])
    same = kind == expected or {kind, expected} == {"xlsx", "xlsm"}
    note = "" if same else DESCRIPTION[kind]
    if kind == FODS:
        data = package_flat_ods(data)
        package, kind = zipfile.ZipFile(io.BytesIO(data)), "ods"
    if package is not None:
        check_sizes(package, path.name)  # its contents: FileBook._scan, before the values are used
    return kind, note, package, data


class _Waiting:
    """The parts of a package not checked yet (limits.PackageScan), each
    checked before a reader parses it. The readers a book keeps are given
    this, never the book: a reader that refers to its book makes a cycle, and
    a book in a cycle — its grids, its bytes, its unpacked parts — outlives
    its job until the collector's next full pass (on a large master: through
    the writing of the report, after the records were read)."""

    def __init__(self):
        self.scan: PackageScan | None = None

    def check(self) -> None:
        """Every part that waits checked; none waits any longer."""
        if self.scan is not None:
            self.scan.scan_waiting()
            self.scan = None

    def check_part(self, part: str) -> None:
        """A part checked, if it waits, before a reader parses it."""
        if self.scan is not None:
            self.scan.scan_waiting([part])


class FileBook:
    """A workbook file behind the BookAccess interface."""

    def __init__(self, path, password: str | None = None, writable: bool = False):
        self.path = Path(path)
        self.name = self.path.name
        self._data, self.sha256 = load_bytes(self.path, password)
        self._unpacked: dict[str, bytes] = {}  # parts the size check unpacked: not unpacked again
        self._plain: set[str] = set()  # sheet parts the size check found written the usual way
        self._parsed: dict = {}  # XML parts parsed by the size check and the per-cell readers, once (the workbook …)
        # read_as: what it really was, if not its name
        self.kind, self.read_as, self._zip, self._data = _check_kind(self._data, self.path)
        self._waiting = _Waiting()  # parts not checked yet: each checked before a reader parses it
        self._native: _Native | None = None
        self._foreign: dict[str, ForeignSheet] = {}  # HTML/XML/CSV: values, merges, bold, formats, fonts
        self._grids: dict[str, Grid] = {}
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}
        self._cell_infos: dict[str, CellInfo] = {}
        self._written: set[str] = set()
        self._notes: dict[str, list[Finding]] = {}
        self._xlrd = None
        self._xlsx: cellinfo.XlsxPackage | None = None
        self._xlsb: XlsbPackage | None = None
        self._legacy_fonts: bool | None = None
        self._percent: bool | None = None
        self._wb = None  # openpyxl workbook, opened when a copy needs it (see save)
        self._copy_notes: list[str] = []  # what that copy cannot keep of the file, for the user (copy_losses)
        self._edits: dict[str, Edits] = {}  # cells written to an .xlsx/.xlsm sheet, openpyxl not opened
        self._writable = writable
        self._copy_parts: dict[str, SheetPart] = {}  # what a copy needs of the sheet parts (see _look_ahead)
        self.alerts: list[str] = []
        self.selection: tuple[str, int, int] | None = None
        if self.kind in BINARY_KINDS:  # the package's contents are scanned while the reader child reads
            try:
                with bulk_objects():  # the grids made, then sent back: no reference cycle in them
                    native = run_isolated(_read_in_place if isolated.INSIDE else _read_native, self._data,
                                          check=self._scan, meanwhile=self._look_ahead)
            except (ReaderCrashed, MemoryError):
                raise FileUnusable(f"Tệp '{self.name}' bị hỏng hoặc quá lớn: trình đọc bảng tính dừng đột ngột "
                                   f"khi đọc tệp. Tệp không được đọc; hãy mở tệp bằng Excel, kiểm tra, lưu lại "
                                   f"rồi gửi lại.") from None
            if isinstance(native, str):
                raise FileUnusable(f"Tệp '{self.name}' bị hỏng, không đọc được ({native}).")
            self._native, self._names = native, native.names
            if self._waiting.scan is not None:
                native.before = self._waiting.scan.scan_sheet  # its parts checked when it is read
        else:
            self._scan()
            self._foreign, self.read_as = read_foreign(self.kind, self._data, self.name)
            self._names = list(self._foreign)
        if writable and self.kind not in PATCHED_KINDS:
            self._open_for_write()

    def _scan(self) -> None:
        """The package's parts checked on their real sizes and contents
        (limits.scan_package; its declared sizes were checked before any
        reader started, in _check_kind). A process that reads an .xlsx in
        place reads each sheet when first asked for: the sheets' parts wait
        until then (PackageScan.scan_sheet), or until a reader asks for any part
        (_Waiting.check_part) or for the whole package (``data``)."""
        if self._zip is not None:
            wait = isolated.INSIDE and self.kind in PATCHED_KINDS
            scan = scan_package(self._zip, self.name, keep=self._unpacked, plain=self._plain, wait=wait,
                                parsed=self._parsed)
            self._waiting.scan = scan if scan.waiting else None

    @property
    def data(self) -> bytes:
        """The file's bytes (decrypted), for a reader of the whole package:
        every part it holds checked first."""
        self._check_all()
        return self._data

    def _check_all(self) -> None:
        """Every part that waits checked (a reader of the whole package follows)."""
        self._waiting.check()

    def _look_ahead(self) -> None:
        """While the reader child reads the values: what every job asks of an
        .xlsx package anyway (whether a sheet holds formulas, a percentage
        format, a legacy font, the rows of its progress column formatted as
        a percentage), each a search over the parts, cached; for a book
        opened to write a copy of, what the copy needs of the sheet parts
        from the file alone (xlsx_patch.prepared)."""
        if self._kind() == "xlsx":
            package = self._package()
            for sheet in package.sheet_names():
                package.formulas_without_value(sheet)
            percent = self.has_percent_formats()
            self._has_legacy_fonts()
            if self._writable and self.kind == "xlsx" and PATCH:
                from .xlsx_patch import prepared
                self._copy_parts = prepared(self._zip, self._unpacked)
            for sheet in package.sheet_names() if percent else ():
                package.percent_ahead(sheet)

    @property
    def kind_note(self) -> str:
        """"nội dung là …; đọc theo dạng đó" when the content is not what the name says."""
        return f"nội dung là {self.read_as}; đọc theo dạng đó" if self.read_as else ""

    @property
    def file_notes(self) -> list[str]:
        """What the file really was, as a sentence for the console and the log."""
        return [f"Tệp '{self.name}': {self.kind_note}."] if self.read_as else []

    # -- reading ---------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return list(self._wb.sheetnames) if self._wb is not None else list(self._names)

    def read(self, sheet: str) -> Grid:
        """The sheet's values as the file holds them (cached results of
        formulas, legacy text converted); a sheet already written to a copy
        is read back from the copy."""
        if sheet in self._edits:
            self._open_for_write()
        if self._wb is not None and (sheet in self._written or sheet not in self._names):
            ws = self._wb[sheet]
            return [[_clean(v) for v in row] for row in ws.iter_rows(values_only=True)]
        return self._read_values(sheet)

    def _read_values(self, sheet: str) -> Grid:
        if sheet not in self._grids and sheet in self._foreign:  # HTML/XML/CSV: read whole at open
            self._merged[sheet] = self._foreign[sheet].merges
            self._notes[sheet] = self._interpret(sheet, self._foreign[sheet].grid)
            self._grids[sheet] = self._foreign[sheet].grid
        if sheet not in self._grids:
            taken = self._native.take(sheet)
            if isinstance(taken, str):
                raise FileUnusable(f"Tệp '{self.name}', trang '{sheet}': không đọc được ({taken}).")
            grid, merged = taken  # kept once, in _grids
            self._merged[sheet] = merged or self._binary_merges(sheet)
            self._notes[sheet] = self._interpret(sheet, grid)
            self._grids[sheet] = grid
        return self._grids[sheet]

    # -- per-cell information: formats, fonts, legacy text, formulas --------
    def _kind(self) -> str:
        """The package kind for per-cell information ("" for HTML/XML/CSV: plain text cells)."""
        return {"xlsx": "xlsx", "xlsm": "xlsx", "xls": "xls", "ods": "ods", "xlsb": "xlsb"}.get(self.kind, "")

    def cell_info(self, sheet: str) -> CellInfo:
        """Number format and font of every cell of a sheet, and the formula
        cells saved without a value (see access/cellinfo.py); read once."""
        if sheet not in self._cell_infos:
            kind = self._kind()
            try:
                if kind == "xlsx":
                    info = self._package().cell_info(sheet)
                elif kind == "xls":
                    if self._xlrd is None:
                        self._xlrd = cellinfo.xls_book(self.data)
                    info = cellinfo.xls_cell_info(self._xlrd, sheet)
                elif kind == "ods":
                    info = cellinfo.ods_cell_info(self.data, sheet)
                elif kind == "xlsb":
                    info = self._binary().shape(sheet).info
                elif sheet in self._foreign:
                    info = self._foreign[sheet].info
                else:
                    info = CellInfo()
            except Exception:  # the values are still read; a number ≤ 1 in a progress column is said
                info = CellInfo(unknown=kind != "")
            self._cell_infos[sheet] = info
        return self._cell_infos[sheet]

    def _package(self) -> cellinfo.XlsxPackage:
        if self._xlsx is None:
            self._xlsx = cellinfo.XlsxPackage(self._data, self._zip, self._unpacked, self._plain,
                                              self._waiting.check_part, self._parsed)
        return self._xlsx

    def _binary(self) -> XlsbPackage:
        if self._xlsb is None:
            self._xlsb = XlsbPackage(cellinfo._Parts(self._zip, self._unpacked, self._waiting.check_part).read)
        return self._xlsb

    def has_percent_formats(self) -> bool:
        """Whether any cell of the book may be percent-formatted (cheap; an
        answer of True means: ask cell_info)."""
        if self._percent is None:
            try:
                self._percent = (self._package().has_percent() if self._kind() == "xlsx" else
                                 any(map(cellinfo.is_percent_format, self._binary().styles.formats))
                                 if self._kind() == "xlsb" else
                                 any(cellinfo.is_percent_format(f) for s in self._foreign.values()
                                     for f in s.info.formats) if self._foreign else True)
            except Exception:  # cell_info says whether the formats can be read at all
                self._percent = True
        return self._percent

    def notes(self, sheet: str) -> list[Finding]:
        """What had to be interpreted while the sheet was read: legacy-encoded
        text converted to Unicode, formula cells without a value."""
        self.read(sheet)
        return list(self._notes.get(sheet, []))

    def _has_legacy_fonts(self) -> bool:
        if self._legacy_fonts is None:
            kind = self._kind()
            self._legacy_fonts = (self._package().legacy_fonts() if kind == "xlsx" else
                                  cellinfo.xls_legacy_fonts(self.data) if kind == "xls" else
                                  cellinfo.ods_legacy_fonts(self.data) if kind == "ods" else
                                  self._binary_legacy_fonts() if kind == "xlsb" else
                                  any(font_encoding(f)[0] for s in self._foreign.values() for f in s.info.fonts))
        return self._legacy_fonts

    def _interpret(self, sheet: str, grid: Grid) -> list[Finding]:
        info = self.cell_info(sheet) if self._has_legacy_fonts() else None
        plain = info is None and self._native is not None and not self._native.may_hold_legacy(sheet)
        notes = [] if plain else convert_legacy_grid(grid, info, self.name, sheet)
        if self._kind() == "xlsx":
            try:
                if self._package().formulas_without_value(sheet):
                    notes += formula_notes(self.cell_info(sheet), self.name, sheet)
            except Exception:
                pass
        return notes

    def bold_cells(self, sheet: str) -> set[tuple[int, int]] | None:
        """Bold cells of an HTML/XML table, an .xlsb sheet or a Strict Open
        XML sheet (0-based); None for another workbook (its formatting is read
        by the consolidator's own bold reader)."""
        kind = self._kind()
        try:
            if kind == "xlsb":
                return self._binary().shape(sheet).bold
            if kind == "xlsx" and self._package().strict:  # openpyxl, which reads the others, cannot
                return self._package().bold_cells(sheet)
        except Exception:  # no formatting to be had: no bold heading
            return set()
        return self._foreign[sheet].bold if sheet in self._foreign else None

    def error_cells(self, sheet: str) -> list[tuple[int, int]]:
        """0-based (row, col) of an .xlsx/.xlsm sheet's cells saved as an error
        value (#REF!, #N/A …), which the fast reader gives as empty; none for
        another kind, or when the part cannot be read (its values were)."""
        if self._kind() != "xlsx":
            return []
        try:
            return self._package().error_cells(sheet)
        except Exception:  # a damaged part: read as values, as the reader gave them
            return []

    def hidden_sheets(self) -> set[str]:
        """The sheets the sender hid (hidden or very hidden), where the reader can tell."""
        if self._foreign:
            return {name for name, sheet in self._foreign.items() if sheet.hidden}
        return set(self._native.hidden) if self._native is not None else set()

    def _binary_legacy_fonts(self) -> bool:
        try:
            return xlsb_legacy_fonts(self._binary().styles)
        except Exception:  # the text itself still tells TCVN3/VNI
            return False

    def _binary_merges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        if self._kind() != "xlsb":
            return []
        try:
            return self._binary().shape(sheet).merges
        except Exception:  # a damaged part: the values are still read, unmerged
            return []

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        """Merged areas as 0-based (row1, col1, row2, col2), where the reader can tell."""
        if self._wb is None and sheet not in self._merged:
            self.read(sheet)
        return list(self._merged.get(sheet, []))

    # -- writing (to a copy) ----------------------------------------------
    def _open_for_write(self):
        """The openpyxl workbook of the copy, the cells written so far in it."""
        if self._wb is not None:
            return self._wb
        import openpyxl
        if self.kind in PATCHED_KINDS:
            try:
                with library_warnings(f"openpyxl, '{self.name}'") as said:  # its English: the log, and a note
                    self._wb = openpyxl.load_workbook(io.BytesIO(self.data), keep_vba=self.kind == "xlsm")
            except Exception as exc:
                raise FileUnusable(f"Tệp '{self.name}' không mở được để ghi bản sao ({_short(exc)}).") from None
            self._copy_notes = copy_losses(said, self.name)
            edits, self._edits = self._edits, {}
            for sheet, rows in edits.items():
                ws = self._wb[sheet]
                for r, cells in rows.items():
                    for c, v in cells.items():
                        _set_text_safe(ws.cell(r, c), v)
            return self._wb
        else:  # .xls / .ods / HTML / XML / CSV: copy the values into a new .xlsx workbook
            wb = openpyxl.Workbook()
            wb.remove(wb.active)
            for name in self._names:
                ws = wb.create_sheet(name[:31])
                for r, row in enumerate(self.read(name), start=1):
                    for c, v in enumerate(row, start=1):
                        if v is not None:
                            _set_text_safe(ws.cell(r, c), v)
            self._wb = wb
        self._grids.clear()
        return self._wb

    def write(self, sheet: str, row: int, col: int, block: Grid) -> None:
        self._written.add(sheet)
        if self._wb is None and self.kind in PATCHED_KINDS and sheet in self._names:
            edits = self._edits.setdefault(sheet, {})
            for r, values in enumerate(block, start=row):
                cells = edits.get(r)
                if cells is None:
                    cells = edits[r] = {}
                if len(values) == 1:  # a column written (findings, statuses): each row's one cell
                    cells[col] = values[0]
                else:
                    cells.update(enumerate(values, col))
            return
        wb = self._open_for_write()
        ws = wb[sheet] if sheet in wb.sheetnames else wb.create_sheet(sheet)
        for r, values in enumerate(block, start=row):
            for c, v in enumerate(values, start=col):
                _set_text_safe(ws.cell(r, c), v)

    def clear(self, sheet: str, row: int, col: int, nrows: int, ncols: int) -> None:
        self.write(sheet, row, col, [[None] * ncols for _ in range(nrows)])

    def select(self, sheet: str, row: int, col: int) -> None:
        self.selection = (sheet, row, col)

    def alert(self, message: str, title: str = "") -> None:
        self.alerts.append(message)

    def save(self, path, shown_name: str | None = None) -> list[str]:
        """The output's type follows its extension: an .xlsx never carries the
        VBA project; an .xlsm carries the project's own VBA, ribbon and
        xlwings settings, never the input's (see xlsm/own_macros.py). Notes
        for the user (``shown_name``: the output's name in them).
        An .xlsx copy of an .xlsx file is made part by part (access/xlsx_patch.py)
        where it can be; else openpyxl loads, writes and saves the whole book."""
        if self._wb is None and self.kind == "xlsx" and Path(path).suffix.lower() == ".xlsx" and PATCH:
            if self._save_patched(path):
                return []
        wb = self._open_for_write()
        suffix = Path(path).suffix.lower()
        if suffix == ".xlsx" and wb.vba_archive is not None:
            wb.vba_archive = None
        # a template (.xltx/.xltm) copied to .xlsx/.xlsm: a workbook's content type, or Excel refuses the file
        wb.template = suffix in (".xltx", ".xltm")
        from ..print_layout import fit_written_sheet
        for sheet in self._written & set(wb.sheetnames):  # prints its rows, at a readable size
            fit_written_sheet(wb[sheet])
        if suffix != ".xlsm":
            wb.save(path)
            return list(self._copy_notes)
        from ..xlsm.own_macros import NOTE, prepare, replace_macros
        codenames = prepare(wb)
        wb.save(path)
        name = shown_name or Path(path).name
        Path(path).write_bytes(replace_macros(Path(path).read_bytes(), codenames, name))
        return list(self._copy_notes) + ([NOTE.format(name=name)] if self.kind == "xlsm" else [])

    def _save_patched(self, path) -> bool:
        """The copy written by rewriting the written sheets' parts; False
        when it has to be made with openpyxl (see xlsx_patch.NotPatchable).
        The collector waits (bulk_objects): a large sheet's columns and rows
        are many small objects, and a full collection would walk the book's
        grids for nothing (in a forked child, copying their memory)."""
        from .xlsx_patch import NotPatchable, write_patched
        try:
            grids = {sheet: self._read_values(sheet) for sheet in self._edits}
            if any(self._notes.get(sheet) for sheet in self._edits):  # legacy text converted, formulas
                return False
            if self._package().strict:
                return False
            out = io.BytesIO()
            self._check_all()  # the package is copied part by part
            with bulk_objects():
                write_patched(self._zip, cellinfo._Parts(self._zip, self._unpacked).read, self._edits, grids, out,
                              self._copy_parts)
        except NotPatchable:
            return False
        Path(path).write_bytes(out.getvalue())
        return True

    @property
    def openpyxl_book(self):
        return self._open_for_write()


def _set_text_safe(cell, value) -> None:
    """Text is stored as text: a value such as ``=HYPERLINK(...)`` never becomes a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    elif isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = "dd/mm/yyyy"  # a date reads as a date, not yyyy-mm-dd h:mm:ss


# What a reader's (English) error means, said in Vietnamese: the reason shown
# to the user and written in 'Nguồn dữ liệu' never carries framework text.
_REASONS = (("cannot detect file format", "không nhận ra định dạng tệp"),
            ("zip", "phần nén (zip) của tệp bị hỏng"), ("encrypt", "tệp được mã hoá"),
            ("password", "tệp được mã hoá"), ("xml", "nội dung XML của tệp bị hỏng"),
            ("utf", "có ký tự không đọc được"), ("eof", "tệp bị cắt cụt, thiếu phần cuối"),
            ("truncat", "tệp bị cắt cụt, thiếu phần cuối"), ("not found", "thiếu một phần bên trong tệp"),
            ("missing", "thiếu một phần bên trong tệp"), ("memory", "tệp quá lớn"))


def _worksheets(cal) -> list[str]:
    """The sheets that hold cells: a chart sheet holds none (and the .xlsb
    reader fails on one, which would cost the whole file)."""
    try:
        from python_calamine import SheetTypeEnum
        return [m.name for m in cal.sheets_metadata if m.typ not in (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)]
    except Exception:  # a reader without the metadata: every sheet
        return list(cal.sheet_names)


def _merged_of(found) -> list[tuple[int, int, int, int]]:
    try:
        return [(a[0], a[1], b[0], b[1]) for a, b in found.merged_cell_ranges or []]
    except Exception:
        return []


def _short(exc: Exception) -> str:
    text = f"{type(exc).__name__} {exc}".lower()
    return next((vn for key, vn in _REASONS if key in text), "nội dung không đúng cấu trúc bảng tính")
