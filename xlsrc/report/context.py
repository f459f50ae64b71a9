"""From workbook data to the words of the report, the Vietnamese
administrative way: counts below 10 with a leading zero, dates by their real
precision, citations of documents as staff write them."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from itertools import repeat
from typing import Callable, Iterator, Sequence

from .. import schema as S
from ..completion import Totals, UnitTotals, group_awards, work_units
from ..issuer_header import header_name
from ..parsing import DateValue, Progress
from ..records import Columns, Record, WorkbookData, as_text, once_each
from ..vntext import admin_date_long, admin_date_short, count_text, percent_text, who  # noqa: F401  (who: re-exported)

STATUS_PHRASES = {S.STATUS_DONE: "đã hoàn thành", S.STATUS_ONGOING: "đang thực hiện",
                  S.STATUS_NOT_STARTED: "chưa triển khai", S.STATUS_LATE: "chậm tiến độ",
                  S.STATUS_POSTPONED: "lùi thời gian", S.STATUS_UNKNOWN: "chưa rõ kết quả"}


_short_date = lru_cache(maxsize=4096)(admin_date_short)  # the annex's dates recur: a few hundred days
_percent = lru_cache(maxsize=4096)(percent_text)


def date_text(value: DateValue) -> str:
    if value.precision == "day" and value.start is not None:  # value.ok: a readable day
        return _short_date(value.start)
    return value.display()


def cite(plan: Record) -> str:
    """``Kế hoạch số 06/KH-UBND ngày 11/01/2021 của UBND tỉnh về …``"""
    text = f"{plan.text('doc_type')} số {plan.text('number')} ngày {date_text(plan['date'])}"
    if plan.text("issuer"):
        text += f" của {plan.text('issuer')}"
    return f"{text} {plan.text('summary')}".strip()


def cite_own(plan: Record) -> str:
    """``Kế hoạch tổ chức phong trào thi đua năm 2021 (Kế hoạch số 84/KH-SNgV ngày 02/02/2021)``"""
    kind = plan.text("doc_type")
    return f"{kind} {plan.text('summary')} ({kind} số {plan.text('number')} ngày {date_text(plan['date'])})"


def issued_sentence(unit: str, plans: list[Record]) -> str:
    """``Theo đó, Sở đã ban hành Kế hoạch …`` for one plan; ``… các Kế hoạch
    như: …; …`` for more (``các văn bản như:`` when not all are Kế hoạch)."""
    if not plans:
        return ""
    if len(plans) == 1:
        return f"Theo đó, {unit} đã ban hành {cite_own(plans[0])}."
    kinds = {p.text("doc_type") for p in plans}
    kind = kinds.pop() if len(kinds) == 1 else "văn bản"
    return f"Theo đó, {unit} đã ban hành các {kind} như: " + "; ".join(cite_own(p) for p in plans) + "."


def cite_short(plan: Record) -> str:
    return f"{plan.text('doc_type')} số {plan.text('number')} ngày {date_text(plan['date'])}"


def progress_text(progress_note: tuple[Progress, str]) -> str:
    """A work's progress and its Ghi chú: ``95% (dự kiến …)``, ``100%``, or
    the free text when no figure was given."""
    p, note = progress_note
    if p.value is not None and not p.note and not note:  # p.ok and no remark: most rows of an annex
        return _percent(p.value)
    notes = [n for n in (p.note, note) if n]
    if p.ok:
        return _percent(p.value) + "".join(f" ({n})" for n in notes)
    return "; ".join(notes) or p.text


def annex_columns(column: Callable[[str], Sequence], statuses: list[str]) -> list[list[str]]:
    """The annex's name, start, finish, progress and status of each work
    (its TT apart), from the works' values by column (``column(key)``), a
    column at a time, each distinct date and progress put into words once:
    the reader shares one parsed value among the cells that read alike
    (records.once_each), and 60,000 works have a few hundred of them."""
    starts = column("start")
    # the actual finish when readable, else the planned one
    finish = [a if a.start is not None else p for a, p in zip(column("actual_finish"), column("planned_finish"))]
    progress = list(zip(column("progress"), _texts(column("note"))))
    return [_texts(column("name")), once_each(date_text, starts, list(map(id, starts))),
            once_each(date_text, finish, list(map(id, finish))),
            once_each(progress_text, progress, [(id(p), n) for p, n in progress]), list(statuses)]


def _texts(values) -> list[str]:
    """Record.text of each value."""
    return [v if v.__class__ is str else as_text(v) for v in values]


def _annex_items(columns: list[list[str]], at) -> Iterator[tuple[str, list[str]]]:
    """('item', [TT, name, start, finish, progress, status]) for the works at
    the indexes ``at`` of ``columns`` (annex_columns), numbered from 1."""
    cells = zip(map(str, range(1, len(at) + 1)), *(map(c.__getitem__, at) for c in columns))
    return zip(repeat("item"), map(list, cells))


def _narrative(data: WorkbookData, section: str, own_only: bool = False) -> list[str]:
    """Paragraphs of one section; in a consolidated master ``own_only`` keeps
    the board's own paragraphs, not those the units wrote for their reports."""
    rows = [r for r in data.narrative if r["section"] == section and r.text("text")
            and not (own_only and r.text("unit"))]
    rows.sort(key=lambda r: (r["order"] if isinstance(r["order"], int) else 10 ** 9, r.row))
    return [r.text("text") for r in rows]


def _plans(data: WorkbookData, role: str) -> list[Record]:
    return [p for p in data.plans if p["role"] == role]


def _by_number(data: WorkbookData) -> dict[str, Record]:
    return {p.text("number"): p for p in data.plans}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", ":", "!", "?", "…", "./.")) else text + "."


def works_registered(data: WorkbookData) -> int:
    """Every row the annex lists, whatever its Loại: the count and the annex never differ."""
    return len(data.works)


TASK = "Nhiệm vụ"


def works_noun(works) -> str:
    """What the works are called in the text: 'công trình, phần việc', with
    'nhiệm vụ' when the list holds tasks (Loại 'Nhiệm vụ'), 'nhiệm vụ' alone
    when it holds nothing else."""
    return _noun_of_kinds({w["kind"] for w in works})


def _noun_of_kinds(kinds: set) -> str:
    if kinds == {TASK}:
        return "nhiệm vụ"
    return "công trình, phần việc, nhiệm vụ" if TASK in kinds else "công trình, phần việc"


def status_sentence(totals: Totals, noun: str = "công trình, phần việc") -> str:
    """``Đến nay, 01 công trình, phần việc đã hoàn thành, 01 đang thực hiện, 01 lùi thời gian.``"""
    if not totals.works:
        return ""
    parts = [f"{count_text(totals.by_status[s])} {STATUS_PHRASES[s]}" for s in S.VOCABULARIES["status"].values
             if totals.by_status.get(s)]
    first, _, phrase = parts[0].partition(" ")
    parts[0] = f"{first} {noun} {phrase}"
    return "Đến nay, " + ", ".join(parts) + "."


def awards_sentence(groups) -> str:
    """``Về công tác khen thưởng, đã tặng Giấy khen cho 02 tập thể …; công nhận
    danh hiệu “Lao động tiên tiến” cho …``: each form as decisions name it, with
    its verb (``groups``: completion.AwardGroup)."""
    from ..awards.wording import granted
    items = []
    for g in groups:
        recipients = who(g.collectives, g.individuals)
        if not recipients:
            continue
        item = f"cho {recipients}"
        if g.field:
            item += f" có thành tích xuất sắc trong {g.field}"
        if g.period and g.period not in g.field:
            item += f" (giai đoạn {g.period})"
        items.append((g.form, item))
    return f"Về công tác khen thưởng, đã {granted(items)}." if items else ""


def doc_number_text(number: str) -> str:
    """``/BC-BTĐKT`` (a draft: the number is left to the văn thư) becomes
    ``      /BC-BTĐKT``, a blank to write the number in."""
    return "\u00a0" * 6 + number if number.startswith("/") else number


def header_context(data: WorkbookData, report_date: dt.date | None = None) -> dict:
    """The header and signature; ``report_date`` (``--date``) replaces the
    date on the Thông tin sheet."""
    info = data.info
    doc_date = info.get("doc_date")
    if report_date is None and isinstance(doc_date, DateValue) and doc_date.ok and doc_date.precision == "day":
        report_date = doc_date.start  # never a day that was not typed
    date_long = admin_date_long(report_date) if report_date else ""
    authority = info.get("signing_authority") or ""
    head = (info.get("head_title") or "").upper()
    return {
        "parent_body": (info.get("parent_body") or "").upper(),
        "issuing_body": header_name(info.get("issuing_body") or ""),
        "unit_name": info.get("unit_name") or "",
        "doc_number": doc_number_text(info.get("doc_number") or ""),
        "place": info.get("place") or "",
        "date_long": date_long,
        "report_date": report_date.isoformat() if report_date else "",  # for the document properties
        "doc_type": info.get("doc_type") or "Báo cáo",
        "doc_type_upper": (info.get("doc_type") or "Báo cáo").upper(),
        "summary": info.get("summary") or "",
        "recipient": (info.get("recipient") or "").rstrip("."),
        "recipients": info.get("recipients") or [],
        "authority_line": f"{authority} {head}".strip() if authority else "",
        "signer_title_upper": (info.get("signer_title") or "").upper(),
        "signer_name": info.get("signer_name") or "",
    }


def _basis_paragraph(data: WorkbookData, unit: str, own_only: bool = False) -> str:
    """``Thực hiện Văn bản số … ngày … của … về việc …; {unit} báo cáo …``. In a
    master, the board's own documents; else the units' shared ones, each once."""
    numbers = _by_number(data)
    listed = data.info.get("basis") or []
    docs = [cite(numbers[n]) if n in numbers else f"văn bản số {n}" for n in listed]
    if not docs:
        plans = _plans(data, S.ROLE_BASIS)
        own = [p for p in plans if not p.text("unit")]
        docs = [cite(p) for p in (own if own_only and own else plans)]
    docs = list(dict.fromkeys(docs))
    lead = f"{unit} báo cáo tổng kết phong trào thi đua, cụ thể như sau:"
    return f"Thực hiện {'; '.join(docs)}; {lead}" if docs else lead


def report_statistics(data: WorkbookData, report_date: dt.date | None = None):
    """The statistics of the report's year (Năm báo cáo, else the year of its
    date), as ``thidua statistics`` counts them: the one count of movements
    and awards the report cites, without the decisions dated after the
    report's date; None when the report has no year."""
    from ..statistics import count
    year = data.report_year or (report_date.year if report_date else None)
    return count(data, year, data.info.get("unit_name") or "", as_of=report_date) if year else None


def department_context(data: WorkbookData, totals: Totals, report_date: dt.date | None = None) -> dict:
    ctx = header_context(data, report_date)
    unit = ctx["unit_name"]
    ctx["basis_paragraph"] = _basis_paragraph(data, unit)

    leadership = _narrative(data, S.SECTION_LEADERSHIP)
    upper = [cite(p) for p in _plans(data, S.ROLE_UPPER)]
    if upper:
        opening = "Căn cứ " + "; ".join(upper)
        leadership = [f"{opening}, {leadership[0]}"] + leadership[1:] if leadership else [_sentence(opening)]
    ctx["leadership"] = leadership

    results = _narrative(data, S.SECTION_RESULTS)
    extra = []
    issued = issued_sentence(unit, _plans(data, S.ROLE_OWN))
    if issued:
        extra.append(issued)
    n = works_registered(data)
    if n:
        purpose = data.info.get("works_purpose") or ""
        reg = data.info.get("registration") or ""
        reg_plan = _by_number(data).get(reg) or next(iter(_plans(data, S.ROLE_REGISTRATION)), None)
        ref = f" ({cite_short(reg_plan)})" if reg_plan else (f" (văn bản số {reg})" if reg else "")
        besides = "Bên cạnh đó, " if results or extra else ""  # only after something the count adds to
        extra.append(f"{besides}{unit} đã đăng ký {count_text(n)} {works_noun(data.works)} {purpose}".rstrip()
                     + ref + ".")
    if extra:
        first = " ".join([_sentence(results[0])] + extra) if results else " ".join(extra)
        results = [first] + results[1:]
    ctx["results"] = results
    # computed sentences, printed only where a template asks for them: the demo's
    # narrative already says what was done, and a count of works beside it would
    # read as a second, different figure
    ctx["status_sentence"] = status_sentence(totals, works_noun(data.works))
    stats = report_statistics(data, dt.date.fromisoformat(ctx["report_date"]) if ctx["report_date"] else None)
    # the awards the statistics count for the report's year (one count), by form, field and period
    ctx["awards_sentence"] = awards_sentence(group_awards(stats.award_records)) if stats else ""

    works_notes = _narrative(data, S.SECTION_WORKS)
    ctx["works_heading"] = "3. " + (works_notes[0] if works_notes else
                                    f"Kết quả thực hiện các {works_noun(data.works)}: có phụ lục kèm theo.")
    ctx["works_notes"] = works_notes[1:]
    from .sections import section_context  # 4. Công tác khen thưởng, 5. Phương hướng, nhiệm vụ: as the title says
    ctx.update(section_context(data, stats, lambda section: _narrative(data, section), 4))
    movement = data.info.get("movement") or "phong trào thi đua"
    ctx["closing"] = _narrative(data, S.SECTION_CLOSING) + [
        f"Trên đây là báo cáo tổng kết {movement}, {unit} gửi {ctx['recipient']} tổng hợp./."]
    purpose = data.info.get("works_purpose") or ""
    ctx["annex_title"] = f"{works_noun(data.works)} {purpose}".strip()
    return ctx


def department_annex(data: WorkbookData, totals: Totals | None = None) -> list[tuple[str, list[str]]]:
    statuses = totals.statuses if totals is not None else [""] * len(data.works)
    return list(_annex_items(annex_columns(Columns(data.works).values, statuses), range(len(data.works))))


def remaining_sentence(totals: Totals) -> str:
    """``Số còn lại: 02 đang thực hiện, 01 chậm tiến độ.`` — the works not yet
    done, by status (the done ones are counted in the sentence before)."""
    parts = [f"{count_text(totals.by_status[s])} {STATUS_PHRASES[s]}" for s in S.VOCABULARIES["status"].values
             if s != S.STATUS_DONE and totals.by_status.get(s)]
    return ("Số còn lại: " + ", ".join(parts) + ".") if parts else ""


def unit_rows(totals: Totals, awards) -> tuple[list[dict], dict]:
    """The rows of the table by unit and its Tổng cộng row; numbers plain
    ("0", "5"): the leading zero is for counts in running text only. The
    awards are the year's statistics (``awards``: unit_awards.UnitAwards),
    as in the table of awards by unit: one count."""
    units = [totals.by_unit.get(u) or UnitTotals(u) for u in awards.units]
    rows = [{"tt": str(i), "unit": u.unit, "works": str(u.works), "done": str(u.done),
             "rate": percent_text(u.rate) or "-", "awards": str(awards.unit_total(u.unit))}
            for i, u in enumerate(units, start=1)]
    works, done = sum(u.works for u in units), sum(u.done for u in units)
    total = {"tt": "", "unit": "Tổng cộng", "works": str(works), "done": str(done),
             "rate": percent_text(100.0 * done / works if works else None) or "-",
             "awards": str(awards.grand_total())}
    return rows, total


AWARDS_TABLE = "awards_by_unit"


def consolidated_context(data: WorkbookData, totals: Totals, report_date: dt.date | None = None):
    """The board's report: dated ``report_date`` (the day of the run unless
    given), never the latest unit's date; with the data of its table of
    awards by unit (unit_awards.UnitAwards), from the year's statistics."""
    from .unit_awards import unit_awards
    report_date = report_date or dt.date.today()
    ctx = header_context(data, report_date)
    unit = ctx["unit_name"]
    units = list(totals.by_unit.values())
    stats = report_statistics(data, report_date)
    awards = unit_awards(stats, list(totals.by_unit))
    ctx["basis_paragraph"] = _basis_paragraph(data, unit, own_only=True).replace(
        "báo cáo tổng kết phong trào thi đua", "tổng hợp báo cáo của các đơn vị")
    collectives = sum(n for (_, kind), n in stats.awards_by_form.items() if kind == S.COLLECTIVE)
    individuals = sum(n for (_, kind), n in stats.awards_by_form.items() if kind == S.INDIVIDUAL)
    noun = works_noun(data.works)
    results = [f"{count_text(len(units))} đơn vị đã gửi báo cáo, đăng ký {count_text(totals.works)} {noun}; "
               f"đến nay {count_text(totals.done)} {noun} đã hoàn thành, đạt tỷ lệ "
               f"{percent_text(totals.rate) or '0%'}."]
    if remaining_sentence(totals):
        results.append(remaining_sentence(totals))
    awarded = who(collectives, individuals)
    if awarded:
        results.append(f"Các đơn vị đã khen thưởng {awarded}.")
    results += _narrative(data, S.SECTION_RESULTS, own_only=True)
    ctx["results"] = results
    ctx["units"], ctx["units_total"] = unit_rows(totals, awards)
    ctx["leadership"] = _narrative(data, S.SECTION_LEADERSHIP, own_only=True)
    ctx["awards_heading"] = f"3. Khen thưởng của các đơn vị năm {stats.year}:"
    ctx["awards_intro"] = (f"Số tập thể, cá nhân được khen thưởng theo từng hình thức (đếm như biểu thống kê "
                           f"năm {stats.year}):" if awards.columns else
                           f"Chưa có khen thưởng nào của năm {stats.year} trong sổ tổng hợp.")
    ctx["works_heading"] = f"4. Danh sách {noun} của các đơn vị: có phụ lục kèm theo."
    movement = data.info.get("movement") or "phong trào thi đua"
    ctx["closing"] = _narrative(data, S.SECTION_CLOSING, own_only=True) + [
        f"Trên đây là báo cáo tổng hợp kết quả {movement}, {unit} gửi {ctx['recipient']}./."]
    ctx["annex_title"] = f"{noun} của các đơn vị"
    return ctx, awards


def consolidated_annex(data: WorkbookData, totals: Totals | None = None) -> list[tuple[str, list[str]]]:
    """A title row for each unit (``Sở Y tế (03 công trình, phần việc)``),
    then its works numbered from 1; the units in the order of their first work."""
    works = data.works
    statuses = totals.statuses if totals is not None else [""] * len(works)
    column = Columns(works).values
    groups: dict[str, list[int]] = {}
    for n, unit in enumerate(work_units(column("unit"), column("owner"), data.info.get("unit_name") or "")):
        groups.setdefault(unit, []).append(n)
    columns = annex_columns(column, statuses)
    kinds = column("kind")
    out: list[tuple[str, list[str]]] = []
    for unit, at in groups.items():
        noun = _noun_of_kinds(set(map(kinds.__getitem__, at)))
        out.append(("group", [f"{unit} ({count_text(len(at))} {noun})"]))
        out += _annex_items(columns, at)
    return out
