"""Quyết định khen thưởng, giấy khen and prize money (issue 12)."""
from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes_atomic
from ..errors import ThiDuaError
from ..records import WorkbookData
from .names import CERTIFICATE, DECISION

# The Word side (docxtpl, jinja2, lxml) is imported when a document is made,
# not when a workbook is built from awards.defaults (a consolidated master).

__all__ = ["make_decision", "template_path", "decision_file_stem"]


def template_path(name: str) -> Path:
    """templates/<name> of the repository, else the installed copy, else one
    built into the user's cache by build_templates."""
    from ..report import find_template
    from . import build_templates
    return find_template(name, build_templates.build_all)


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


def blocking(data: WorkbookData, findings, job: str = "certificates") -> list:
    """The errors that stop a decision or its certificates: those on the sheets
    they are made from (an error in Công trình does not)."""
    from ..job_sheets import for_job
    return for_job(data, findings, job)[0]


def decision_file_stem(number: str, prefix: str = "QuyetDinh") -> str:
    """``QuyetDinh_45-QD-SNgV``: ASCII, safe in any folder."""
    from ..atomic import fit_stem
    from ..vntext import strip_marks
    return fit_stem(f"{prefix}_{strip_marks(number).replace('/', '-')}")


def make_decision(data: WorkbookData, number: str, out_path, template=None, force: bool = False) -> Path:
    """The Quyết định ``number`` and its annex as a .docx."""
    from ..report import render
    from ..report.plain import template_context
    from .decision import build, decision_context
    from ..template_sheets import DECISION_SHEETS, require_sheets
    require_sheets(data, DECISION_SHEETS, "lập quyết định")
    out_path = _docx_target(out_path)
    decision = build(data, number)
    tpl = _template(template) or template_path(DECISION)
    context = template_context(decision_context(data, decision))
    return write_bytes_atomic(out_path, render.render(tpl, context, None), force)


def make_certificates(data: WorkbookData, number: str, out_path, template=None, force: bool = False,
                      phoi: bool = False):
    """Giấy khen of decision ``number``: blank A4 pages from the template, or
    only the variable fields at the Mẫu in phôi positions (``phoi``)."""
    from ..template_sheets import DECISION_SHEETS, require_sheets
    from . import certificates
    require_sheets(data, DECISION_SHEETS, "in giấy khen")
    out_path = _docx_target(out_path)
    return certificates.make(data, number, out_path, _template(template) or template_path(CERTIFICATE), force, phoi)


def check_award_template(template, data: WorkbookData | None = None) -> list[str] | None:
    """Tags a decision (``article1``…) or certificate (``certificates``)
    template uses that its data does not provide, sorted; ``None`` when the
    template is neither (a report template)."""
    from ..report import render
    from .certificates import certificate_fields
    from .decision import build, decision_context, header
    template = Path(template)
    if not template.exists():
        raise ThiDuaError(f"Không tìm thấy mẫu '{template}'.")
    used = render.undeclared(template)
    if not used & {"article1", "article2", "article3", "certificates"}:
        return None
    if data is None:
        from ..report import _demo_data  # the demo workbook, built and read back
        data = _demo_data()
    decisions = data.records.get("decisions", [])
    if not decisions:
        raise ThiDuaError("Sổ dữ liệu chưa có quyết định nào ở trang 'Quyết định' để kiểm tra mẫu.")
    decision = build(data, decisions[0].text("number"))
    if "certificates" in used:
        provided = set(header(data, decision)) | {"certificates"}
    else:
        provided = set(decision_context(data, decision))
    missing = sorted(used - provided)
    if "certificates" in used:  # the fields of each certificate, as c.<field>
        import re
        import zipfile
        xml = zipfile.ZipFile(template).read("word/document.xml").decode("utf-8")
        fields = set(certificate_fields(decision, decision.recipients[0], header(data, decision)))
        missing += sorted({f"c.{f}" for f in re.findall(r"\bc\.(\w+)", xml)} - {f"c.{f}" for f in fields})
    return missing

