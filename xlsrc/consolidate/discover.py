"""Which files a consolidation reads: files and folders given on the command
line, folders searched recursively, in one deterministic (sorted) order."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..access.files import ACCEPTED, SPREADSHEET_SUFFIXES, wanted_in_folder
from ..atomic import input_as_output, input_written_to, note_input
from ..errors import ThiDuaError, os_error_message
from ..proposals.word import WORD_SUFFIXES
from ..vntext import nfc


READ_SUFFIXES = SPREADSHEET_SUFFIXES | set(WORD_SUFFIXES)  # Word files: units' proposals


@dataclass(frozen=True)
class Candidate:
    path: str          # as shown to the user and written in the master
    error: str = ""    # set when the input cannot even be tried


def _skipped(name: str) -> bool:
    """Office lock files (~$Báo cáo.xlsx) and hidden files."""
    return name.startswith(("~$", "."))


def safe_resolve(p: Path) -> Path:
    """The real path, or the absolute one when it cannot be resolved (a
    symlink loop raises RuntimeError in Python 3.11, not OSError)."""
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(p))


def _walk(folder: Path) -> tuple[list[Path], list[Candidate]]:
    """Spreadsheets under ``folder``, and an error entry for every subfolder
    that cannot be read and every link that leads nowhere (or to itself).
    Linked folders are not followed, so a loop of links cannot trap the walk."""
    found: list[Path] = []
    errors: list[Candidate] = []
    real_folder = safe_resolve(folder)

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        errors.append(Candidate(str(where), os_error_message(exc, where, "đọc thư mục") +
                                " Các tệp trong thư mục này không được tổng hợp."))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        # sorted: of two names for one file (a link beside its target), the same one is kept on every disk
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        for name in sorted(files):
            if _skipped(name) or Path(name).suffix.lower() not in READ_SUFFIXES:
                continue
            path = Path(root) / name
            if not wanted_in_folder(path):  # an .xml file that is no spreadsheet
                continue
            if path.is_symlink() and not path.exists():
                errors.append(Candidate(str(path), f"Tệp '{nfc(name)}' là liên kết tượng trưng (symlink) trỏ "
                                                        f"tới tệp không có hoặc trỏ vòng về chính nó; bỏ qua."))
            elif path.is_symlink() and not _inside(safe_resolve(path), real_folder):
                errors.append(Candidate(str(path), f"Tệp '{nfc(name)}' là liên kết tượng trưng (symlink) trỏ ra "
                                                   f"ngoài thư mục '{nfc(str(folder))}', tới "
                                                   f"'{nfc(str(safe_resolve(path)))}'; không đọc. Chép tệp thật vào "
                                                   "thư mục hoặc chỉ đích danh tệp đó nếu muốn tổng hợp."))
            else:
                found.append(path)
    return found, errors


def _inside(path: Path, folder: Path) -> bool:
    return folder == path.parent or folder in path.parents


def discover(inputs: list[str]) -> list[Candidate]:
    """Every spreadsheet to read, once each, sorted by path. A file given
    explicitly that is not a spreadsheet, or a path that does not exist,
    becomes an entry with an error; in folders other files are ignored, and
    an unreadable subfolder or a dangling link becomes an entry with an error.
    Paths are compared in NFC (a Mac's NFD file name equals the typed one);
    each is kept as it is on disk, to be opened."""
    seen: dict[str, Candidate] = {}

    def add(p: Path, candidate: Candidate) -> None:
        """The first name given of a file, but one that can be read before one that cannot (a link out of a
        folder named again on its own; an NFC name typed for a file saved in NFD on Linux)."""
        key = _key(p)
        if key not in seen or (seen[key].error and not candidate.error):
            seen[key] = candidate

    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files, errors = _walk(p)
            for f in files:
                add(f, Candidate(str(f)))
            for c in errors:
                add(Path(c.path), c)
        elif p.is_file():
            if p.suffix.lower() not in READ_SUFFIXES:
                add(p, Candidate(str(p), f"Tệp '{nfc(p.name)}' không phải bảng tính ({ACCEPTED}) hay văn bản "
                                         f"Word đề nghị khen thưởng (.docx, .doc); bỏ qua."))
            elif p.name.startswith("~$"):
                add(p, Candidate(str(p), f"Tệp '{nfc(p.name)}' là tệp khóa tạm của Office (tệp đang mở), "
                                         f"không phải báo cáo; bỏ qua."))
            else:
                add(p, Candidate(str(p)))
        elif p.is_symlink():
            add(p, Candidate(raw, f"'{nfc(raw)}' là liên kết tượng trưng (symlink) trỏ tới nơi không có hoặc "
                                  f"trỏ vòng về chính nó."))
        else:
            add(p, Candidate(raw, f"Không tìm thấy tệp hoặc thư mục '{nfc(raw)}'."))
    return sorted(seen.values(), key=lambda c: (c.path.casefold(), c.path))


def _key(p: Path) -> str:
    return nfc(os.path.normcase(str(safe_resolve(p))))


def _is_master(path: Path) -> bool:
    """A master this tool wrote: its sheet 'Nguồn dữ liệu' lists the files it
    was made from (a unit's workbook has the sheet, empty). The next run may
    replace it."""
    from ..schema import SOURCES_SHEET
    try:
        import openpyxl
        from ..logfile import library_warnings
        with library_warnings(f"openpyxl, '{path.name}'"):
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            if SOURCES_SHEET not in book.sheetnames:
                return False
            rows = book[SOURCES_SHEET].iter_rows(min_row=2, max_row=3, values_only=True)
            return any(v not in (None, "") for row in rows for v in row)
        finally:
            book.close()
    except Exception:  # not a workbook this tool wrote
        return False


def refuse_input_as_output(output: Path, inputs: list[Path]) -> None:
    """The master may not be one of the files consolidated: named among the
    inputs (also through a link or another case of its name), or a unit's file
    in a folder given. A master of an earlier run in that folder is not an
    input (it is left out of the reading), so it may be replaced with --force."""
    for p in inputs:
        if Path(p).is_file():
            note_input(p)
    if (source := input_written_to(output)) is not None:
        raise input_as_output(output, source)
    real = safe_resolve(output)
    if not real.is_file() or _is_master(real):
        return
    for p in inputs:
        folder = safe_resolve(Path(p))
        if Path(p).is_dir() and any(_inside(where, folder)
                                    for where in (real, safe_resolve(Path(output).absolute().parent) / real.name)):
            raise ThiDuaError(f"Tệp đích '{output}' là tệp của một đơn vị trong thư mục '{p}' đang được tổng hợp "
                              "(không phải sổ tổng hợp do công cụ ghi); công cụ không bao giờ ghi đè tệp đầu vào, "
                              "kể cả với --force. Chọn tên khác bằng -o.")
