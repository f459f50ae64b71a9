"""check-template for the dossier templates: the tags a dossier template
uses that its documents do not provide (each template names its kind in
``{{ dossier_doc }}``)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import ThiDuaError


def _contexts(data) -> dict[str, list[dict]]:
    """Every context each kind of document gets from ``data`` (the demo's when None)."""
    from . import documents as D
    from . import plan
    if data is None:
        from ..report import _demo_data
        data = _demo_data()
    d, evidence = plan(data)
    out: dict[str, list[dict]] = {}
    for level in D.upward_levels(d):
        out.setdefault("Tờ trình", []).append(D.to_trinh(data, d, level))
    out["Danh sách đề nghị"] = [D.danh_sach(data, d)]
    for m in d.meetings:
        out.setdefault("Biên bản họp Hội đồng", []).append(D.bien_ban(data, d, m))
        out.setdefault("Phiếu bầu", []).append(D.phieu_bau(data, d, m))
    for p in d.upward:
        if evidence.get(id(p)) is not None:
            out.setdefault("Báo cáo thành tích", []).append(D.bao_cao(data, d, p, evidence[id(p)]))
    out["Danh mục hồ sơ"] = [D.danh_muc(data, d)]
    return out


def _fields(value, prefix: str) -> set[str]:
    """'g.rows', 'r.name'… : the dotted names a list of dicts offers to a loop variable."""
    out = set()
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                for k, v in item.items():
                    out.add(f"{prefix}.{k}")
                    out |= _fields(v, k)
    return out


def check_dossier_template(template, data=None) -> list[str] | None:
    """Missing tags, sorted; None when ``template`` is not a dossier template."""
    from ..report import render
    template = Path(template)
    if not template.exists():
        raise ThiDuaError(f"Không tìm thấy mẫu '{template}'.")
    try:
        core = zipfile.ZipFile(template).read("docProps/core.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "dossier_doc" not in core:
        return None
    used = render.undeclared(template)
    contexts = _contexts(data)
    provided: set[str] = set()
    for kind_contexts in contexts.values():
        for ctx in kind_contexts:
            provided |= set(ctx)
    missing = sorted(used - provided)
    xml = zipfile.ZipFile(template).read("word/document.xml").decode("utf-8")
    attrs = set(re.findall(r"\b([a-z])\.(\w+)", xml))
    offered = set()
    for kind_contexts in contexts.values():
        for ctx in kind_contexts:
            for key, value in ctx.items():
                offered |= {f.split(".", 1)[1] for f in _fields(value, "x")}
    missing += sorted({f"{v}.{a}" for v, a in attrs if a not in offered and v in "rtgpsb"})
    return missing
