"""Hồ sơ đề nghị khen thưởng (issue 20): from the council's votes on
Danh sách đề nghị to the documents a higher level accepts — tờ trình,
danh sách, biên bản, báo cáo thành tích, phiếu bầu — and a checklist of what
each proposal's file still lacks. ``make_dossier`` writes them to a folder."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..atomic import check_writable, write_bytes_atomic
from ..errors import ThiDuaError, os_error_message
from ..records import WorkbookData
from ..vntext import strip_marks
from . import names

# the sheets a dossier is made from: an error on any of them blocks it
RELEVANT = ("council", "meetings", "proposals", "achievements", "staff", "ratings", "initiatives", "standards",
            "awards")


@dataclass
class Written:
    path: Path
    kind: str          # to_trinh, danh_sach, bien_ban, bao_cao_thanh_tich, phieu_bau, danh_muc
    recipient: str = ""
    subject: str = ""

    def as_json(self) -> dict:
        out = {"path": str(self.path), "kind": self.kind}
        if self.recipient:
            out["recipient"] = self.recipient
        if self.subject:
            out["subject"] = self.subject
        return out


def template_path(name: str) -> Path:
    from ..report import find_template
    from . import build_templates
    return find_template(name, build_templates.build_all)


def slug(text: str, limit: int = 40) -> str:
    """ASCII, safe in any folder: 'Nguyễn Văn A' → 'Nguyen-Van-A'."""
    out = "".join(c if c.isalnum() else "-" for c in strip_marks(text).replace("đ", "d").replace("Đ", "D"))
    return "-".join(x for x in out.split("-") if x)[:limit] or "x"


def blocking(data: WorkbookData, findings) -> list:
    from .. import schema as S
    sheets = {data.sheet_names.get(k, S.SHEETS_BY_KEY[k].name) for k in RELEVANT} | {S.INFO.name}
    return [f for f in findings if f.severity == "error" and f.sheet in sheets]


def plan_year(data: WorkbookData, year: int | None) -> int:
    """--year; else the 'Năm xét' of the latest meeting; else the report year."""
    from ..review import review_year
    if year is None:
        years = [m["year"] for m in data.meetings if isinstance(m["year"], int)]
        year = max(years) if years else None
    return review_year(data, year)


def plan(data: WorkbookData, year: int | None = None, day: dt.date | None = None):
    """The dossier (model) with each proposal's evidence and checklist."""
    from .evidence import checklist, gather
    from .model import build
    year = plan_year(data, year)
    d = build(data, year, day)
    directory = d.directory
    evidence = {}
    for p in d.proposals:
        ev = gather(data, p, year, directory) if p.report is not None and p.passed else None
        evidence[id(p)] = ev
        checklist(p, ev)
    return d, evidence


def make_dossier(data: WorkbookData, folder, year: int | None = None, day: dt.date | None = None,
                 force: bool = False) -> tuple[object, list[Written]]:
    """Every document of the dossier into ``folder`` (made if missing); the
    dossier and the files written, in order."""
    from ..report import render
    from ..report.plain import template_context
    from . import documents as D
    d, evidence = plan(data, year, day)
    folder = Path(folder)
    jobs: list[tuple[str, str, dict, str, str, str]] = []  # (file name, template, context, kind, recipient, subject)
    for level in D.upward_levels(d):
        ctx = D.to_trinh(data, d, level)
        who = next(p.authority.who for p in d.upward if p.authority.level == level)
        jobs.append((f"ToTrinh_{slug(who)}.docx", names.TO_TRINH, ctx, "to_trinh", ctx["recipient"], ""))
    if any(p.passed for p in d.proposals):
        jobs.append((f"DanhSachDeNghi_{d.year}.docx", names.DANH_SACH, D.danh_sach(data, d), "danh_sach",
                     ", ".join(dict.fromkeys(D.addressee(data, lv) for lv in D.upward_levels(d))), ""))
    used = [m for m in d.meetings if any(p.meeting is m for p in d.proposals)]
    for m in used:
        stamp = m.date.isoformat() if m.date else f"dong-{m.record.row}"
        jobs.append((f"BienBan_HopHoiDong_{stamp}.docx", names.BIEN_BAN, D.bien_ban(data, d, m), "bien_ban", "", ""))
        jobs.append((f"PhieuBau_{stamp}.docx", names.PHIEU_BAU, D.phieu_bau(data, d, m), "phieu_bau", "", ""))
    for i, p in enumerate(d.upward, start=1):
        ev = evidence.get(id(p))
        if ev is None:
            continue
        jobs.append((f"BaoCaoThanhTich_{i:02d}_{slug(p.subject)}_{slug(D.form_name(data, p.form), 32)}.docx",
                     names.BAO_CAO,
                     D.bao_cao(data, d, p, ev), "bao_cao_thanh_tich", D.addressee(data, p.authority.level), p.subject))
    jobs.append((f"DanhMucHoSo_{d.year}.docx", names.DANH_MUC, D.danh_muc(data, d), "danh_muc", "", ""))
    if not folder.parent.is_dir():
        check_writable(folder, force)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ThiDuaError(os_error_message(exc, folder, "tạo thư mục")) from None
    for name, *_ in jobs:
        check_writable(folder / name, force, other="chọn một thư mục khác")
    written = []
    for name, template, ctx, kind, recipient, subject in jobs:
        body = render.render(template_path(template), template_context(ctx), None)
        written.append(Written(write_bytes_atomic(folder / name, body, force), kind, recipient, subject))
    return d, written
