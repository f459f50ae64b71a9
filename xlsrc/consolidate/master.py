"""From the files read to the master's content: the unit of each file,
duplicates, re-sent newer files, the rows with their origin, the Thông tin of
the master and the 'Nguồn dữ liệu' log."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any

from .. import schema as S
from ..builder import Content
from ..parsing import doc_number_key
from ..vntext import fold, nfc
from .extract import TITLE
from .units import UnitMap, unit_from_filename

# Thông tin of a master when no --info workbook is given. Every required field
# is filled so that `thidua validate` passes. The report is a draft: its number
# is left for the văn thư ("Số:      /BC-BTĐKT"), the signer's name is left
# empty (a warning, never an invented name). The board sits within Sở Nội vụ in
# most provinces: the parent body is "SỞ NỘI VỤ TỈNH <place>" unless --info
# gives another.
PARENT_BODY = "SỞ NỘI VỤ TỈNH {place}"
DEFAULT_INFO = {
    "parent_body": PARENT_BODY.format(place="HÀ TĨNH"),
    "issuing_body": "BAN THI ĐUA - KHEN THƯỞNG",
    "unit_name": "Ban Thi đua - Khen thưởng",
    "doc_number": "/BC-BTĐKT",
    "place": "Hà Tĩnh",
    "doc_type": "Báo cáo",
    "recipient": "Hội đồng Thi đua - Khen thưởng tỉnh",
    "movement": "các phong trào thi đua của các đơn vị",
    "signer_title": "TRƯỞNG BAN",
    "recipients": "- Như trên;\n- Lưu: VT.",
}


def file_unit(ex: dict, unit_map: UnitMap | None) -> str:
    """--unit-map, else Thông tin, else the file's own title lines, else its name."""
    mapped = unit_map.unit_for(ex["file"]) if unit_map else None
    return mapped or ex.get("unit_info") or ex.get("unit_text") or unit_from_filename(ex["file"])


def named_by_file(ex: dict, unit_map: UnitMap | None) -> bool:
    """Whether the file's unit is only its file's name (no --unit-map line, no Thông tin, no title naming it)."""
    return not ((unit_map and unit_map.unit_for(ex["file"])) or ex.get("unit_info") or ex.get("unit_text"))


def _named_apart(units: list[str], extracts: list[dict], by_name: list[bool]) -> list[str]:
    """Units known only by their file's name (``by_name``), where files of one
    name came from several folders ('Cam Binh/Bao cao.xlsx', 'Thach Lac/Bao
    cao.xlsx'): the folder is added, so that one unit's file never replaces
    another's."""
    shared = Counter(fold(u) for u, b in zip(units, by_name) if b)
    return [f"{u} ({nfc(Path(ex['file']).parent.name)})" if b and shared[fold(u)] > 1 and Path(ex["file"]).parent.name
            else u for u, b, ex in zip(units, by_name, extracts)]


def _newness(ex: dict, index: int):
    d = ex.get("doc_date")
    return (d or dt.date.min, ex.get("mtime") or 0.0, index)


def _agreed(values: list[str]) -> str | None:
    vals = [nfc(v) for v in values if nfc(v)]
    return vals[0] if vals and len({fold(v) for v in vals}) == 1 else None


def _most_common(values: list[str]) -> str | None:
    vals = [nfc(v) for v in values if nfc(v)]
    if not vals:
        return None
    counts = Counter(fold(v) for v in vals)
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return next(v for v in vals if fold(v) == best)


def master_info(used: list[dict], own: dict | None) -> dict[str, Any]:
    """The board's own Thông tin when given (--info), else defaults that
    validate, with what the inputs agree on: place (and so the parent body
    "SỞ NỘI VỤ TỈNH …"), movement;
    the report date is the latest report date among the inputs (or the
    latest file date), never today, so that a re-run gives the same master."""
    info = dict(DEFAULT_INFO)
    infos = [ex.get("info") or {} for ex in used]
    place = _agreed([i.get("place", "") for i in infos]) or _most_common([i.get("place", "") for i in infos])
    if place:
        info["place"] = place
        info["parent_body"] = PARENT_BODY.format(place=place.upper())
    movement = _agreed([i.get("movement", "") for i in infos])
    if movement:
        info["movement"] = movement
        info["summary"] = f"Tổng hợp kết quả {movement}"
    else:
        info["summary"] = "Tổng hợp công trình, phần việc và khen thưởng của các đơn vị"
    purpose = _agreed([i.get("works_purpose", "") for i in infos])
    if purpose:
        info["works_purpose"] = purpose
    dates = [ex["doc_date"] for ex in used if ex.get("doc_date")]
    if dates:
        d = max(dates)
    elif used:
        d = dt.datetime.fromtimestamp(max(ex.get("mtime") or 0.0 for ex in used)).date()
    else:
        d = None
    if d:
        info["doc_date"] = dt.datetime(d.year, d.month, d.day)
        info["report_year"] = d.year
    if own:
        info.update({k: v for k, v in own.items() if v not in (None, "", [])})
    return info


def merge(extracts: list[dict], unit_map: UnitMap | None = None, own_info: dict | None = None):
    """FileResult-like dicts, the master Content and the number of work rows.
    The rows taken are the extracts' own dicts, given their unit and file."""
    n = len(extracts)
    by_name = [named_by_file(ex, unit_map) for ex in extracts]
    units = _named_apart([file_unit(ex, unit_map) for ex in extracts], extracts, by_name)
    status = [ex["status"] for ex in extracts]
    message = [ex["message"] for ex in extracts]
    parts = [_parts(ex) for ex in extracts]
    taken: list[set[str]] = [set(parts[i].values()) if ex["status"] == "ok" else set() for i, ex in enumerate(extracts)]

    # the same bytes under another name
    first_by_hash: dict[str, int] = {}
    for i, ex in enumerate(extracts):
        h = ex.get("sha256")
        if not h:
            continue
        if h in first_by_hash:
            j = first_by_hash[h]
            status[i], taken[i] = "duplicate", set()
            message[i] = (f"Trùng nội dung với tệp '{extracts[j]['file']}' (cùng mã SHA-256); "
                          f"không lấy lại các dòng.")
        else:
            first_by_hash[h] = i

    # a newer file from the same unit replaces that unit's rows, table by table
    groups: dict[str, list[int]] = {}
    for i in range(n):
        if status[i] == "ok":
            groups.setdefault(fold(units[i]), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        owner: dict[str, int] = {}
        for i in sorted(members, key=lambda i: _newness(extracts[i], i), reverse=True):
            covered = set(parts[i].values())
            replaced = {k: owner[k] for k in covered if k in owner}
            taken[i] = covered - set(replaced)
            for k in covered:
                owner.setdefault(k, i)
            if not replaced:
                continue
            by = extracts[min(replaced.values(), key=lambda j: extracts[j]["file"])]["file"]
            if not taken[i]:
                status[i] = "duplicate"
                message[i] = (f"Đã được thay bằng tệp '{by}' (mới hơn, cùng đơn vị {units[i]}); "
                              f"không lấy dòng nào của tệp này.")
            else:
                named = ", ".join(TITLE[s.key] for s in MASTER_SHEETS if parts[i].get(s.key) in replaced)
                message[i] += f" (phần {named} đã được thay bằng tệp '{by}' mới hơn)"

    rows: dict[str, list[dict]] = {spec.key: [] for spec in MASTER_SHEETS}
    counts = [0] * n
    for i, ex in enumerate(extracts):
        if status[i] != "ok":
            continue
        for spec in MASTER_SHEETS:
            if parts[i].get(spec.key) not in taken[i]:
                continue
            for row in ex["rows"].get(spec.key, []):  # the file's own rows, not copied
                row["unit"] = row.get("unit") or units[i]  # a sub-master keeps its own units
                row["source_file"] = ex["file"]
                rows[spec.key].append(row)
                counts[i] += 1
    for i, n in _decisions_listed_already(rows, parts, extracts).items():
        counts[i] -= n
        message[i] += f" ({n} dòng đã có trong danh sách khen thưởng của đơn vị ở tệp khác: không lấy lại)"
    if rows["unit_proposals"]:
        from ..proposals.checks import check_proposals, reader_checks
        reader_checks(rows["unit_proposals"], [f for i, ex in enumerate(extracts) if status[i] == "ok"
                                          for f in ex.get("findings") or ()])
        facts = {fold(units[i]): ex["unit_facts"] for i, ex in enumerate(extracts)
                 if status[i] == "ok" and ex.get("unit_facts")}
        check_proposals(rows["unit_proposals"], facts)
        from ..proposals.checks import council_list
        rows["proposals"] = council_list(rows["unit_proposals"])  # the board's own Danh sách đề nghị, to vote on
    by_name = [named and state == "ok" for named, state in zip(by_name, status)]  # said of the files taken
    for i, named in enumerate(by_name):
        if named:
            message[i] += " (tệp không ghi tên đơn vị: lấy tên tệp làm đơn vị)"
    files = [{"file": ex["file"], "status": status[i], "unit": units[i], "rows": counts[i], "unit_by_name": by_name[i],
              "message": message[i], "sha256": ex.get("sha256") or "",
              "proposals": sum(r["source_file"] == ex["file"] for r in rows["unit_proposals"]),
              "errors": ex.get("errors", 0) if status[i] == "ok" else 0,
              "warnings": ex.get("warnings", 0) if status[i] == "ok" else 0} for i, ex in enumerate(extracts)]
    used = [ex for i, ex in enumerate(extracts) if status[i] == "ok"]
    sources = [{"file": f["file"], "sha256": f["sha256"], "unit": f["unit"], "status": STATUS_VN[f["status"]],
                "rows": f["rows"], "errors": f["errors"], "warnings": f["warnings"], "message": f["message"]}
               for f in files]
    info = master_info(used, own_info)
    content = Content(info=info, rows=rows, sources=sources, summary=master_summary(info, rows))
    return files, content, len(rows["works"])


def _parts(ex: dict) -> dict[str, str]:
    """Each kind of table a file gives → the part of its unit's rows it
    stands for, which a newer file of the unit giving the same part replaces:
    the kind itself ('awards': the unit's list of awards), or one decision
    among the unit's others ('awards|45/QĐ-SNgV', consolidate/word.py)."""
    own = ex.get("parts") or {}
    return {k: own.get(k, k) for k in ex.get("covered") or []}


def _decisions_listed_already(rows: dict[str, list[dict]], parts: list[dict], extracts: list[dict]) -> dict[int, int]:
    """Award rows of a unit's decision (its Word file) that the unit's own
    list of awards, in another file, already holds (the same name, form and
    decision number) are taken once: removed from ``rows``; how many, by file."""
    decision_files = {ex["file"]: i for i, ex in enumerate(extracts) if parts[i].get("awards", "").startswith("awards|")}
    if not decision_files:
        return {}

    def key(row: dict) -> tuple:
        return (fold(row.get("unit") or ""), fold(row.get("recipient") or ""), row.get("form"),
                doc_number_key(row.get("decision_number") or ""))
    listed = {key(r) for r in rows["awards"] if r["source_file"] not in decision_files}
    dropped: dict[int, int] = {}
    kept = []
    for row in rows["awards"]:
        i = decision_files.get(row["source_file"])
        if i is not None and row.get("decision_number") and key(row) in listed:
            dropped[i] = dropped.get(i, 0) + 1
        else:
            kept.append(row)
    rows["awards"] = kept
    return dropped


STATUS_VN = {"ok": "đạt", "error": "lỗi", "duplicate": "trùng", "skipped": "bỏ qua"}
MASTER_SHEETS = S.RECORD_SHEETS + (S.UNIT_PROPOSALS,)


def master_summary(info: dict[str, Any], rows: dict[str, list[dict]]) -> list[list[Any]]:
    """The Tổng hợp sheet of the master, as `compute` would write it, from the
    master's own rows read back (the works in two halves on two cores where
    the system allows; see halves.py)."""
    from ..completion import WORKS_KEYS, add_awards, column_totals, join_works_totals
    from ..halves import in_halves
    from ..jobs import summary_rows
    from ..parsing import parse_date
    from ..records import WorkbookData
    year = info.get("report_year") if isinstance(info.get("report_year"), int) else None
    data = WorkbookData(source="")
    data.info["unit_name"] = info.get("unit_name")
    data.info["doc_date"] = parse_date(info.get("doc_date"))
    data.info["report_year"] = year
    works = _MasterTable(S.WORKS, rows.get("works", []), WORKS_KEYS, year)
    awards = _MasterTable(S.AWARDS, rows.get("awards", []),
                          ("count", "recipient_kind", "form", "field", "period", "unit", "year"), year)
    data.records["works"], data.records["awards"] = works, awards.records()
    as_of = data.report_date or dt.date.today()
    unit = data.info.get("unit_name") or ""
    totals = join_works_totals(in_halves(lambda lo, hi: column_totals(works.columns(lo, hi), as_of, unit), len(works)))
    add_awards(totals, data)
    return summary_rows(data, totals)


class _MasterTable:
    """The master's rows of one sheet read back: the values of ``keys``
    parsed a column at a time, each distinct cell once (records.once_each),
    for rows lo…hi at a time (``columns``: what compute() reads of the
    works), or as records that read them from these columns (records.TableRows):
    no dict of values is made for a row."""

    def __init__(self, spec: S.SheetSpec, rows: list[dict], keys: tuple[str, ...], year: int | None):
        from ..records import parse_value
        self.spec, self.rows, self.keys = spec, rows, keys
        cols = {c.key: c for c in spec.columns}
        self.parsers = [partial(parse_value, cols[k], default_year=year, fraction=cols[k].kind == S.PROGRESS)
                        for k in keys]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.records())

    def columns(self, lo: int, hi: int) -> list[list]:
        """The values of ``keys`` in rows lo…hi-1, a column each."""
        from ..records import once_each
        rows = self.rows[lo:hi]
        return [once_each(parse, list(map(dict.get, rows, repeat(key)))) for key, parse in zip(self.keys, self.parsers)]

    def records(self) -> list:
        """Each row as a record (its cells the row, on Excel rows 2…)."""
        from ..records import Record, TableRows
        n = len(self.rows)
        table = TableRows(n, {}, dict(zip(self.keys, self.columns(0, n))))
        return list(map(Record, repeat(self.spec, n), range(2, 2 + n), self.rows, repeat(None, n),
                        repeat(None, n), repeat(None, n), repeat(table, n), range(n)))
