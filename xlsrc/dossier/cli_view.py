"""`thidua dossier`: the workbook read and checked, the dossier written,
each proposal's result and what its file still lacks printed (or --json)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import ThiDuaError


def dossier_json(d, written) -> dict:
    from .evidence import complete
    return {
        "year": d.year,
        "files": [w.as_json() for w in written],
        "proposals": [{
            "subject": p.subject, "kind": p.kind, "form": p.form,
            "authority": p.authority.who if p.authority else "", "basis": p.authority.basis if p.authority else "",
            "own": p.own, "votes_for": p.votes_for,
            "council": len(p.meeting.members) if p.meeting else None,
            "result": p.result, "reason": p.why, "complete": p.passed and complete(p),
            "missing": [i.text for i in p.checklist if not i.ok],
        } for p in d.proposals],
    }


def dossier_command(workbook: Path, year, output: Path, as_json: bool, date, force: bool, out, err, open_book):
    from .. import jobs
    from . import blocking, make_dossier
    day = jobs.parse_report_date(date) if date else None
    if output.exists() and not output.is_dir():
        raise ThiDuaError(f"'{output}' là một tệp, không phải thư mục: chọn thư mục ghi hồ sơ bằng -o.")
    data, findings = jobs.run_validate(open_book(workbook), write_back=False)
    errors = blocking(data, findings)
    if errors:
        for f in errors:
            err.print(f.line())
        err.print("Chưa lập được hồ sơ vì dữ liệu còn lỗi ở các trang trên. Sửa rồi chạy lại.")
        raise SystemExit(1)
    d, written = make_dossier(data, output, year, day, force)
    if as_json:
        sys.stdout.write(json.dumps(dossier_json(d, written), ensure_ascii=False, indent=1) + "\n")
        return
    from .documents import form_name
    for p in d.proposals:
        where = "đơn vị quyết định" if p.own else (f"đề nghị {p.authority.who}" if p.authority else "chưa rõ cấp")
        out.print(f"- {p.subject} — {form_name(data, p.form)} — {where}: {p.result}")  # the reason is in the list
        for item in p.checklist:
            if not item.ok:
                out.print(f"    thiếu: {item.text}")
    for w in written:
        out.print(f"Đã ghi: {w.path}")
    out.print(f"Hồ sơ năm {d.year}: {len(written)} tệp trong {output}.")
