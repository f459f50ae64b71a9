"""Which files a consolidation reads: files and folders given on the command
line, folders searched recursively, in one deterministic (sorted) order."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..access.files import SPREADSHEET_SUFFIXES


@dataclass(frozen=True)
class Candidate:
    path: str          # as shown to the user and written in the master
    error: str = ""    # set when the input cannot even be tried


def _skipped(name: str) -> bool:
    """Office lock files (~$Báo cáo.xlsx) and hidden files."""
    return name.startswith(("~$", "."))


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _skipped(d)]
        for name in files:
            if not _skipped(name) and Path(name).suffix.lower() in SPREADSHEET_SUFFIXES:
                found.append(Path(root) / name)
    return found


def discover(inputs: list[str]) -> list[Candidate]:
    """Every spreadsheet to read, once each, sorted by path. A file given
    explicitly that is not a spreadsheet, or a path that does not exist,
    becomes an entry with an error; in folders other files are ignored."""
    seen: dict[str, Candidate] = {}
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                seen.setdefault(_key(f), Candidate(str(f)))
        elif p.is_file():
            if p.suffix.lower() not in SPREADSHEET_SUFFIXES:
                seen.setdefault(_key(p), Candidate(str(p), f"Tệp '{p.name}' không phải bảng tính "
                                                            f"(.xlsx, .xlsm, .xls, .ods); bỏ qua."))
            elif p.name.startswith("~$"):
                seen.setdefault(_key(p), Candidate(str(p), f"Tệp '{p.name}' là tệp khóa tạm của Office "
                                                            f"(tệp đang mở), không phải báo cáo; bỏ qua."))
            else:
                seen.setdefault(_key(p), Candidate(str(p)))
        else:
            seen.setdefault(_key(p), Candidate(str(p), f"Không tìm thấy tệp hoặc thư mục '{raw}'."))
    return sorted(seen.values(), key=lambda c: (c.path.casefold(), c.path))


def _key(p: Path) -> str:
    try:
        return os.path.normcase(str(p.resolve()))
    except OSError:
        return os.path.normcase(str(p.absolute()))
