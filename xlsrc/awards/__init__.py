"""Quyết định khen thưởng, giấy khen and prize money (issue 12)."""
from __future__ import annotations

import os
from pathlib import Path

from ..atomic import write_bytes_atomic
from ..errors import ThiDuaError
from ..records import WorkbookData
from ..report import render
from ..report.plain import template_context
from .names import CERTIFICATE, DECISION

__all__ = ["make_decision", "template_path", "decision_file_stem"]

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def template_path(name: str) -> Path:
    """templates/<name> of the repository (editable install), else the installed
    copy, else one built into the user's cache by build_templates."""
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
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    cached = Path(base) / "thidua" / "templates" / name
    if not cached.exists():
        import tempfile

        from . import build_templates
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=cached.parent) as tmp:
                for built in build_templates.build_all(Path(tmp)):
                    os.replace(built, cached.parent / built.name)
        except OSError as exc:
            raise ThiDuaError(f"Không tạo được mẫu trong '{cached.parent}': {exc}") from None
    return cached


def _docx_target(out_path) -> Path:
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".docx":
        raise ThiDuaError(f"Tệp kết quả '{out_path.name}' phải có đuôi .docx.")
    return out_path


def _template(template) -> Path | None:
    if template is None:
        return None
    template = Path(template)
    if not template.exists():
        raise ThiDuaError(f"Không tìm thấy mẫu '{template}'.")
    return template


RELEVANT = ("decisions", "awards", "staff", "standards", "base_salary", "print_layout")


def blocking(data: WorkbookData, findings) -> list:
    """The errors that stop a decision or its certificates: those on the sheets
    they are made from (an error in Công trình does not)."""
    from .. import schema as S
    sheets = {data.sheet_names.get(k, S.SHEETS_BY_KEY[k].name) for k in RELEVANT} | {S.INFO.name}
    return [f for f in findings if f.severity == "error" and f.sheet in sheets]


def decision_file_stem(number: str, prefix: str = "QuyetDinh") -> str:
    """``QuyetDinh_45-QD-SNgV``: ASCII, safe in any folder."""
    from ..vntext import strip_marks
    return f"{prefix}_{strip_marks(number).replace('/', '-')}"


def make_decision(data: WorkbookData, number: str, out_path, template=None, force: bool = False) -> Path:
    """The Quyết định ``number`` and its annex as a .docx."""
    from .decision import build, decision_context
    out_path = _docx_target(out_path)
    decision = build(data, number)
    tpl = _template(template) or template_path(DECISION)
    context = template_context(decision_context(data, decision))
    return write_bytes_atomic(out_path, render.render(tpl, context, None), force)


def make_certificates(data: WorkbookData, number: str, out_path, template=None, force: bool = False,
                      phoi: bool = False):
    """Giấy khen of decision ``number``: blank A4 pages from the template, or
    only the variable fields at the Mẫu in phôi positions (``phoi``)."""
    from . import certificates
    out_path = _docx_target(out_path)
    return certificates.make(data, number, out_path, _template(template) or template_path(CERTIFICATE), force, phoi)
