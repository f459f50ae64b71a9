"""The Word report: the department's report (as 180/BC-SNgV) and the
provincial board's consolidated report, filled from the workbook."""
from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile
import zipfile
from contextlib import ExitStack
from pathlib import Path

from ..access.isolated import WHILE_READING
from ..atomic import write_bytes_atomic
from ..completion import Totals, compute
from ..errors import ThiDuaError
from .. import halves
from ..bulk import bulk_objects
from ..records import WorkbookData
from . import context, render
from .markers import CONSOLIDATED, DEPARTMENT, GROUP_MARKER
from .annex import join_split_markers, missing_markers
from .chart import prepare as chart_prepare
from .plain import template_context
from .pdf import to_pdf
from .properties import Vietnamese

__all__ = ["make_report", "Report", "check_template", "to_pdf", "default_template", "is_consolidated", "section_findings"]

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_FILES = {"department": DEPARTMENT, "consolidated": CONSOLIDATED}


def _cache_dir() -> Path:
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    # %LOCALAPPDATA%\thidua\templates on Windows, ~/.cache/thidua/templates elsewhere
    return Path(base) / "thidua" / "templates"


def default_template(kind: str) -> Path:
    """The repository's template (editable install), else one built into the
    user's cache from the packaged build script."""
    if kind not in _FILES:
        raise ThiDuaError(f"Không có mẫu báo cáo loại '{kind}' (chọn department hoặc consolidated).")
    from . import build_templates
    return find_template(_FILES[kind], build_templates.build_all)


def find_template(name: str, build_all) -> Path:
    """templates/<name> of the repository (editable install), else the
    installed copy, else one built by ``build_all(folder)`` into the user's
    cache (written whole or not at all)."""
    repo = REPO_TEMPLATES / name
    if repo.exists():
        return repo
    try:
        import xlsrc_templates  # the installed copy of templates/ (see pyproject.toml)
        shipped = Path(xlsrc_templates.__path__[0]) / name
        if shipped.exists():
            return shipped
    except ImportError:
        pass
    cached = _cache_dir() / name
    if not cached.exists():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=cached.parent) as tmp:  # never a half-written template
                for built in build_all(Path(tmp)):
                    os.replace(built, cached.parent / built.name)
        except OSError as exc:
            raise ThiDuaError(f"Không tạo được mẫu trong '{cached.parent}': {exc}") from None
    return cached


def is_consolidated(data: WorkbookData) -> bool:
    """A consolidated master: some record carries the unit it came from."""
    return any(r.text("unit") for records in data.records.values() for r in records)


def _picture(png: bytes, final=None) -> render.Picture:
    from docx.shared import Mm
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # PNG IHDR
    # 150 mm wide, but never taller than 200 mm (many units): then 200 mm high
    if height * 150 <= width * 200:
        return render.Picture(png, width=Mm(150), final=final)
    return render.Picture(png, height=Mm(200), final=final)


class _OtherSize(Exception):
    """The chart drawn is not the size its stand-in foresaw."""


def _as_foreseen(png: bytes, stand_in: bytes) -> bytes:
    from docx.image.image import Image
    drawn, foreseen = Image.from_blob(png), Image.from_blob(stand_in)
    if any(getattr(drawn, a) != getattr(foreseen, a) for a in ("px_width", "px_height", "horz_dpi", "vert_dpi")):
        raise _OtherSize
    return png


def _chart_totals(totals: Totals) -> Totals:
    """What the chart draws: the totals by unit (a few kB to send, not a status for every work)."""
    return Totals(totals.as_of, by_unit=totals.by_unit)


def _chart_png(totals) -> bytes:
    from .chart import completion_chart
    return completion_chart(totals, from_bytes=halves.CHILD)  # a forked child reads its fonts from their bytes


def _kind_and_date(data: WorkbookData, kind: str | None, report_date: dt.date | None):
    kind = kind or ("consolidated" if is_consolidated(data) else "department")
    if kind == "consolidated":  # dated the day of the run (or --date), statuses as of that day
        report_date = report_date or dt.date.today()
    return kind, report_date


def _context(data: WorkbookData, totals, kind: str, report_date: dt.date | None):
    """(the template's plain-data context, tables)."""
    if kind == "consolidated":
        from .unit_awards import place
        fields, awards = context.consolidated_context(data, totals, report_date)
        return (template_context(fields, images=["chart"], tables=[context.AWARDS_TABLE]),
                {context.AWARDS_TABLE: lambda doc, paragraph: place(doc, paragraph, awards)})
    return template_context(context.department_context(data, totals, report_date)), {}


def _annex(data: WorkbookData, totals, kind: str) -> list[tuple[str, list[str]]]:
    return (context.consolidated_annex if kind == "consolidated" else context.department_annex)(data, totals)


def _plain_context(data: WorkbookData, kind: str, report_date: dt.date | None = None) -> dict:
    """The template's plain-data context alone: no annex, no chart."""
    return _context(data, compute(data, report_date), kind, report_date)[0]


def _contexts(data: WorkbookData, as_of: dt.date | None, kind: str | None = None,
              report_date: dt.date | None = None):
    """(kind, the template's plain-data context, annex rows, pictures, tables)."""
    kind, report_date = _kind_and_date(data, kind, report_date)
    totals = compute(data, as_of or report_date)
    ctx, tables = _context(data, totals, kind, report_date)
    pictures = {"chart": _picture(_chart_png(totals))} if kind == "consolidated" else {}
    return kind, ctx, _annex(data, totals, kind), pictures, tables


def _template_kind(template: Path) -> str:
    """A template made for the consolidated report (grouped annex, table by
    unit or chart) gets the consolidated words, whatever the data."""
    try:
        xml = join_split_markers(zipfile.ZipFile(template).read("word/document.xml").decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, OSError):
        raise ThiDuaError(f"Không mở được mẫu '{template.name}': tệp không phải .docx hợp lệ.") from None
    if GROUP_MARKER in xml or render.undeclared(template) & {"units", "chart", context.AWARDS_TABLE}:
        return "consolidated"
    return "department"


def make_report(data: WorkbookData, out_path, template=None, force: bool = False, as_of=None,
                report_date: dt.date | None = None) -> Path:
    """The report as a .docx at ``out_path``; the template chosen by the data
    (a consolidated master or a department's book) unless one is given.
    ``report_date`` (``--date``) dates the report; a consolidated report is
    otherwise dated the day it is made, a department's by its Thông tin."""
    with Report(template, as_of, report_date) as report:
        return report.make(data, out_path, force)


class Report:
    """A report to be made from a book about to be read (``thidua
    report``): what needs no data is done while the book is read, on the
    other core (access/isolated.WHILE_READING): the template prepared
    (render.prepare) and the chart's process started, matplotlib imported
    and a tall chart's figure made there (chart.prepare); ``read(data)``,
    as soon as the records are read, computes the totals and gives them to
    the chart, drawn while the records are checked (jobs.run_validate); ``make(data, out_path)`` then writes the report of
    that data as ``make_report`` does. A context: leaving it stops a
    chart's process never asked for (a department's report, data with errors)."""

    def __init__(self, template=None, as_of=None, report_date: dt.date | None = None):
        self.template = Path(template) if template else None
        self.as_of, self.report_date = as_of, report_date
        self.chart: halves.Later | None = None
        self.started: tuple | None = None  # (data, kind, report date, totals) once read
        self._stack = ExitStack()

    def __enter__(self) -> Report:
        WHILE_READING.append(self._while_reading)
        return self

    def __exit__(self, *exc) -> None:
        self._not_reading()
        self._stack.close()

    def _not_reading(self) -> None:
        if self._while_reading in WHILE_READING:  # no book was read: nothing was done ahead
            WHILE_READING.remove(self._while_reading)

    def _while_reading(self) -> None:
        self._chart()
        for template in [self.template] if self.template else [default_template(k) for k in _FILES]:
            render.prepare(template, vietnamese=True)
        from . import unit_awards  # noqa: F401  (what making the report imports)
        from ..statistics import count  # noqa: F401

    def _chart(self) -> halves.Later:
        """The chart's process: it imports matplotlib and makes what it can ahead until the totals come (``give``)."""
        if self.chart is None:
            self.chart = self._stack.enter_context(halves.later(_chart_png, prepare=chart_prepare))
        return self.chart

    def read(self, data: WorkbookData) -> None:
        """The records read: the totals computed, the chart drawn from them from now on.
        A template that cannot be used is said by ``make``."""
        self._not_reading()
        try:
            self.started = self._start(data)
        except ThiDuaError:
            pass

    def _start(self, data: WorkbookData) -> tuple:
        template = self.template
        kind, report_date = _kind_and_date(data, _template_kind(template) if template else None, self.report_date)
        chart = self._chart() if kind == "consolidated" else None  # importing matplotlib while the totals are computed
        totals = compute(data, self.as_of or report_date)
        if chart is not None:
            chart.give(_chart_totals(totals))
        return data, kind, report_date, totals

    def make(self, data: WorkbookData, out_path, force: bool = False) -> Path:
        """The report written (once). The annex of a master is 60,000 rows of new lists and
        strings: the cyclic garbage collector waits until the report is written."""
        self._not_reading()
        with bulk_objects():
            return self._make(data, Path(out_path), force)

    def _make(self, data: WorkbookData, out_path: Path, force: bool) -> Path:
        template = self.template
        if template and not template.exists():
            raise ThiDuaError(f"Không tìm thấy mẫu '{template}'.")
        if out_path.suffix.lower() != ".docx":
            raise ThiDuaError(f"Tệp báo cáo '{out_path.name}' phải có đuôi .docx.")
        if self.started is None:
            self.started = self._start(data)
        elif self.started[0] is not data:
            raise ValueError("Report.make: the report of the data it read")
        _, kind, report_date, totals = self.started
        template = template or default_template(kind)
        # the chart (a second on a master of 200 units) is drawn in another process while this one
        # makes the rest: placed from a stand-in of its size, its bytes asked for last, when the
        # document is written
        chart = self.chart if kind == "consolidated" else None
        ctx, tables = _context(data, totals, kind, report_date)
        rows = _annex(data, totals, kind)
        pictures = {}
        if chart is not None:
            from .chart import png_header
            stand_in = png_header(len(totals.by_unit))
            pictures["chart"] = _picture(stand_in, final=lambda: _as_foreseen(chart(), stand_in))
        vietnamese = Vietnamese(ctx.get("report_date"), render.fit_property(ctx.get("unit_name", "")))
        try:
            docx = render.render(template, ctx, rows, pictures, tables, vietnamese)
        except _OtherSize:  # a matplotlib that sizes otherwise: placed again, as drawn
            docx = render.render(template, ctx, rows, {"chart": _picture(chart())}, tables, vietnamese)
        return write_bytes_atomic(out_path, docx, force)


def section_findings(data: WorkbookData, template=None, report_date: dt.date | None = None) -> list:
    """Warnings for the sections the report's title announces that the
    template or the data lacks (report.sections); none for a consolidated report."""
    from .sections import section_findings as findings
    if template and not Path(template).exists():
        return []  # make_report says so
    kind, report_date = _kind_and_date(data, _template_kind(Path(template)) if template else None, report_date)
    if kind != "department":
        return []
    ctx = _plain_context(data, kind, report_date)
    stats = context.report_statistics(data, dt.date.fromisoformat(ctx["report_date"]) if ctx["report_date"] else None)
    return findings(data, ctx, render.undeclared(Path(template) if template else default_template(kind)),
                    stats.counting_notes if stats else [])


def check_template(template_path, data: WorkbookData | None = None) -> list[str]:
    """Tags the template uses that the data does not provide (sorted), plus
    any annex marker the template lost (the group row ``[[group]]`` is optional)."""
    template = Path(template_path)
    if not template.exists():
        raise ThiDuaError(f"Không tìm thấy mẫu '{template}'.")
    used = render.undeclared(template)
    kind = _template_kind(template)
    xml = join_split_markers(zipfile.ZipFile(template).read("word/document.xml").decode("utf-8"))
    data = data if data is not None else _demo_data()
    ctx = _plain_context(data, *_kind_and_date(data, kind, None))
    return sorted(used - set(ctx)) + missing_markers(xml, grouped=False)


@functools.lru_cache(maxsize=1)
def _demo_bytes() -> bytes:
    """The demo workbook's bytes, built once in a process (the same bytes
    each time: no date, path or random number in them)."""
    from ..builder import build_workbook
    from ..demo_data import demo_content
    return build_workbook(demo_content())


def _demo_data() -> WorkbookData:
    """The demo workbook written to a file and read back as any book is
    (checking templates against it); a fresh copy of the data each time."""
    from ..access.files import FileBook
    from ..records import read_workbook
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.xlsx"
        path.write_bytes(_demo_bytes())
        return read_workbook(FileBook(path))
