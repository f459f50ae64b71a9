"""`thidua consolidate`: many units' files (our template or hand-made
tables; .xlsx, .xlsm, .xls, .ods) into one master workbook of the same schema,
with the origin of every row and a log of every input. Nothing is executed
and no input is modified."""
from __future__ import annotations

import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..builder import Content, write_workbook
from ..bulk import bulk_objects
from ..errors import ThiDuaError
from .discover import discover, safe_resolve
from .extract import extract_file
from .master import merge
from .units import UnitMap
from ..access import isolated
from ..access.isolated import become_reader

__all__ = ["FileResult", "ConsolidationResult", "consolidate", "write_master", "default_jobs"]


@dataclass
class FileResult:
    file: str
    status: str   # "ok" | "error" | "duplicate" | "skipped" (a Word file that proposes nothing)
    unit: str
    rows: int     # rows taken from this file into the master (all sheets)
    message: str
    sha256: str = ""
    errors: int = 0     # validator findings on this file's rows, by severity
    warnings: int = 0
    proposals: int = 0  # of its rows, proposals for an award (Đề nghị của các đơn vị)
    unit_by_name: bool = False  # its unit is its file's name: no title, Thông tin or --unit-map line names one


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
                           "proposals": f.proposals, "message": f.message, "warnings": f.warnings,
                           "errors": f.errors, "unit_by_name": f.unit_by_name} for f in self.files],
                "rows": self.total_rows, "proposals": len(self.content.rows.get("unit_proposals") or []),
                "findings": self.findings}

    @property
    def exit_code(self) -> int:
        """0 every file ok or duplicate and no error in their data; 1 the
        data of a file taken has errors (the master is written, the errors
        listed); 3 some files refused but a master was written; 2 nothing
        usable (no file ok)."""
        statuses = [f.status for f in self.files]
        if "ok" not in statuses:
            return 2
        if "error" in statuses:
            return 3
        return 1 if any(f.get("severity") == "error" for f in self.findings) else 0


def _read_serial(paths, password, progress):
    out = []
    for i, p in enumerate(paths):
        out.append(extract_file(p, password))
        if progress:
            progress(i + 1, len(paths), p)
    return out


def _crashed(path: str, exc: BaseException) -> dict:
    return {"file": path, "status": "error", "sha256": "", "rows": {}, "covered": [],
            "message": f"Không đọc được tệp '{Path(path).name}': tiến trình đọc tệp dừng đột ngột (tệp có thể "
                       f"hỏng hoặc quá lớn; {type(exc).__name__}). Các tệp khác không bị ảnh hưởng."}


def _pool_round(paths, indexes, password, workers, on_result) -> list[int]:
    """Read ``indexes`` in a pool of ``workers`` processes; return those whose
    result was lost because a worker died (the pool broke)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool
    lost = []
    pool = ProcessPoolExecutor(max_workers=workers, initializer=become_reader)
    try:
        futures = {pool.submit(extract_file, paths[i], password): i for i in indexes}  # the workers start here
        with bulk_objects():  # the files' rows received and kept: the collector waits (the workers' own is on)
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    on_result(i, fut.result())
                except BrokenProcessPool:
                    lost.append(i)
                except Exception as exc:  # e.g. MemoryError under the worker's cap: this file only
                    on_result(i, _crashed(paths[i], exc))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return sorted(lost)


def _as_sent(path: str, password) -> bytes:
    """What a worker sends back for ``path`` (its extract, or the error a
    failed read becomes), read in this process as a worker reads it (each
    sheet in place when first asked for): isolated.SEPARATE is False."""
    was, isolated.INSIDE = isolated.INSIDE, True
    try:
        result = extract_file(path, password)
    except Exception as exc:
        result = _crashed(path, exc)
    finally:
        isolated.INSIDE = was
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _read_isolated(paths, password, progress, jobs):
    """Each file is read in a worker process, even with one job, so that a
    native crash (a reader aborting on a hostile file) costs that file alone.
    When a worker dies the pool breaks and every unfinished file loses its
    result: those files are read again, each in a pool of its own, so that
    only the file that really kills its reader is marked as an error."""
    out: list = [None] * len(paths)
    done = 0

    def on_result(i, result):
        nonlocal done
        out[i] = result
        done += 1
        if progress:
            progress(done, len(paths), paths[i])

    if not isolated.SEPARATE:  # the test suite: each file read here, its result passed through pickle as sent
        for i, path in enumerate(paths):
            sent = _as_sent(path, password)
            with bulk_objects():
                on_result(i, pickle.loads(sent))
        return out
    workers = max(1, min(jobs, len(paths)))
    pending = list(range(len(paths)))
    while pending:
        lost = _pool_round(paths, pending, password, workers, on_result)
        if not lost:
            break
        # The first file that lost its result was being read when the pool broke
        # (with one worker it is the culprit itself): read it alone, the rest together.
        first, pending = lost[0], lost[1:]
        if _pool_round(paths, [first], password, 1, on_result):
            on_result(first, _crashed(paths[first], RuntimeError("SIGABRT/SIGKILL")))
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
    # the master itself, or the unit map (a .csv), found in an input folder
    skip = {str(safe_resolve(Path(p))) for p in [*(exclude or []), *([unit_map] if unit_map else [])]}
    candidates = [c for c in discover([str(p) for p in inputs]) if str(safe_resolve(Path(c.path))) not in skip]
    readable = [c.path for c in candidates if not c.error]
    try:
        read = _read_isolated(readable, password, progress, jobs or 1) if readable else []
    except (OSError, NotImplementedError, ImportError):  # no process pool here: read in this process
        read = _read_serial(readable, password, progress)
    by_path = dict(zip(readable, read))
    extracts = [by_path.get(c.path) or {"file": c.path, "status": "error", "message": c.error, "sha256": "",
                                        "rows": {}, "covered": []} for c in candidates]
    with bulk_objects():  # the master's rows and their values, in no reference cycle
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
    return os.path.normcase(str(safe_resolve(a))) == os.path.normcase(str(safe_resolve(b)))


def write_master(result: ConsolidationResult, output, force: bool = False) -> Path:
    """Write the master workbook atomically. Never over an input file, and
    never over an existing file unless ``force``."""
    out = Path(output)
    for p in result.inputs or [f.file for f in result.files]:
        if _same_file(out, Path(p)):
            raise ThiDuaError(f"Tệp đích '{out.name}' là một tệp nguồn đang được tổng hợp; công cụ không ghi đè "
                              f"tệp nguồn. Chọn tên khác bằng -o.")
    with bulk_objects():  # the rows' cells and pieces of XML
        return write_workbook(out, result.content, force=force)
