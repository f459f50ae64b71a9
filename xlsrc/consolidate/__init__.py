"""`thidua consolidate`: many units' files (our template or hand-made
tables; .xlsx, .xlsm, .xls, .ods) into one master workbook of the same schema,
with the origin of every row and a log of every input. Nothing is executed
and no input is modified."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..builder import Content, write_workbook
from ..errors import ThiDuaError
from .discover import discover
from .extract import extract_file
from .master import merge
from .units import UnitMap

__all__ = ["FileResult", "ConsolidationResult", "consolidate", "write_master", "default_jobs"]


@dataclass
class FileResult:
    file: str
    status: str   # "ok" | "error" | "duplicate"
    unit: str
    rows: int     # rows taken from this file into the master (all sheets)
    message: str
    sha256: str = ""
    errors: int = 0     # validator findings on this file's rows, by severity
    warnings: int = 0


@dataclass
class ConsolidationResult:
    files: list[FileResult]
    content: Content
    total_rows: int   # work rows (công trình, phần việc) in the master
    inputs: list[str] = field(default_factory=list)  # every file looked at, for write_master's safety check
    findings: list[dict] = field(default_factory=list)  # validate --json's shape plus "file", source cells
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"files": [{"file": f.file, "status": f.status, "unit": f.unit, "rows": f.rows,
                           "message": f.message, "warnings": f.warnings, "errors": f.errors} for f in self.files],
                "rows": self.total_rows, "findings": self.findings}

    @property
    def exit_code(self) -> int:
        """0 every file ok or duplicate; 3 some errors but a master was
        written; 2 nothing usable (no file ok)."""
        statuses = [f.status for f in self.files]
        if "ok" not in statuses:
            return 2
        return 3 if "error" in statuses else 0


def _read_serial(paths, password, progress):
    out = []
    for i, p in enumerate(paths):
        out.append(extract_file(p, password))
        if progress:
            progress(i + 1, len(paths), p)
    return out


def _read_parallel(paths, password, progress, jobs):
    from concurrent.futures import ProcessPoolExecutor, as_completed
    out: list = [None] * len(paths)
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(extract_file, p, password): i for i, p in enumerate(paths)}
        for done, fut in enumerate(as_completed(futures), start=1):
            i = futures[fut]
            try:
                out[i] = fut.result()
            except Exception as exc:  # a worker died (e.g. out of memory): that file is an error
                out[i] = {"file": paths[i], "status": "error", "sha256": "", "rows": {}, "covered": [],
                          "message": f"Không đọc được tệp '{Path(paths[i]).name}' (tiến trình đọc dừng bất "
                                     f"thường; tệp có thể quá lớn hoặc hỏng)."}
            if progress:
                progress(done, len(paths), paths[i])
    return out


def consolidate(inputs: list[str], jobs: int | None = None, unit_map: str | None = None, password: str | None = None,
                progress=None, info_from: str | None = None, exclude: list[str] | None = None) -> ConsolidationResult:
    """Read every input (files and folders) and build the master's content.
    A bad file becomes an 'error' entry; it never stops the run. ``jobs``
    defaults to the number of cores."""
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    mapping = UnitMap.load(unit_map) if unit_map else None
    own_info = _own_info(info_from) if info_from else None
    skip = {str(Path(p).resolve()) for p in exclude or []}  # e.g. the master itself, found in an input folder
    candidates = [c for c in discover([str(p) for p in inputs]) if str(Path(c.path).resolve()) not in skip]
    readable = [c.path for c in candidates if not c.error]
    if jobs and jobs > 1 and len(readable) > 1:
        try:
            read = _read_parallel(readable, password, progress, jobs)
        except (OSError, NotImplementedError, ImportError):  # no process pool here: read in this process
            read = _read_serial(readable, password, progress)
    else:
        read = _read_serial(readable, password, progress)
    by_path = dict(zip(readable, read))
    extracts = [by_path.get(c.path) or {"file": c.path, "status": "error", "message": c.error, "sha256": "",
                                        "rows": {}, "covered": []} for c in candidates]
    files, content, total = merge(extracts, mapping, own_info)
    taken = {f["file"] for f in files if f["status"] == "ok"}
    findings = [f for ex in extracts if ex["file"] in taken for f in ex.get("findings") or ()]
    return ConsolidationResult([FileResult(**f) for f in files], content, total,
                               inputs=[c.path for c in candidates], findings=findings,
                               seconds=time.perf_counter() - started)


def default_jobs() -> int:
    """--jobs by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _own_info(path: str) -> dict:
    """The board's own Thông tin, from a thidua workbook (--info)."""
    from .. import schema as S
    from ..access.files import FileBook
    from ..records import read_workbook
    data = read_workbook(FileBook(path))
    if "info" not in data.sheet_names:
        raise ThiDuaError(f"Tệp '{Path(path).name}' không có trang '{S.INFO.name}' để lấy thông tin báo cáo.")
    import datetime as dt
    return {k: (dt.datetime(v.year, v.month, v.day) if isinstance(v, dt.date) and not isinstance(v, dt.datetime)
                else v) for k, v in data.info_raw.items() if v not in (None, "")}


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def write_master(result: ConsolidationResult, output, force: bool = False) -> Path:
    """Write the master workbook atomically. Never over an input file, and
    never over an existing file unless ``force``."""
    out = Path(output)
    for p in result.inputs or [f.file for f in result.files]:
        if _same_file(out, Path(p)):
            raise ThiDuaError(f"Tệp đích '{out.name}' là một tệp nguồn đang được tổng hợp; công cụ không ghi đè "
                              f"tệp nguồn. Chọn tên khác bằng -o.")
    return write_workbook(out, result.content, force=force)
