"""Time in service and leave, conditions of Lao động tiên tiến (and so of
Chiến sĩ thi đua cơ sở, built on it): a person recruited fewer than
``min_service_months`` months before the end of the year is not reviewed;
one away ``max_leave_days`` working days or more is not, unless the reason
of the leave is one counted as time at work (``leave_counted``: Thai sản).
The thresholds and their basis are data on Tiêu chuẩn."""
from __future__ import annotations

import datetime as dt
import re

from ..vntext import nfc

_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH = re.compile(r"^(?:tháng\s*)?(\d{1,2})[/.\-](\d{4})$", re.I)
_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})$", re.I)


def hire_span(raw: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day a Ngày tuyển dụng cell may mean: a day, a month
    ('03/2025') or a year; None when blank or unreadable."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw, raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw == raw:
        if 1900 <= raw <= 2100 and float(raw).is_integer():  # a year typed as a number
            return dt.date(int(raw), 1, 1), dt.date(int(raw), 12, 31)
        if 0 < raw < 2_958_466:  # a date cell read as Excel's day count
            day = dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))
            return day, day
        return None
    text = " ".join(nfc(raw).split())
    try:
        if m := _DAY.match(text):
            day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return day, day
        if m := _MONTH.match(text):
            first = dt.date(int(m.group(2)), int(m.group(1)), 1)
            nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m := _YEAR.match(text):
            return dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(1)), 12, 31)
    except ValueError:
        return None
    return None


def months_to_year_end(day: dt.date, year: int) -> int:
    """Whole months from ``day`` to 31/12 of ``year``: 01/03 → 10, 15/03 → 9."""
    return (year - day.year) * 12 + 12 - day.month + (1 if day.day == 1 else 0)


def _counted(st) -> set[str]:
    return set(st.leave_counted or ())


def service(e, st, p, y: int, out) -> None:
    need = st.min_service_months
    if need:
        raw = p.record.raw.get("hire_date")
        span = hire_span(raw)
        basis = f" [căn cứ {st.service_basis}]" if st.service_basis else ""
        if span is None:
            if e.facts.rating(p, y - 1) is not None:  # rated the year before: in service all of this year
                out.add(True, f"Công tác từ trước năm {y}")
            elif nfc(raw):
                out.add(None, f"không đọc được Ngày tuyển dụng '{nfc(raw)}' của {p.name} (trang Cán bộ, dòng "
                              f"{p.record.row})")
            else:  # a blank date is read as an officer in service before the year, and said so
                out.add(True, f"Công tác đủ {need} tháng trong năm {y}")
                out.notes.append(f"Chưa ghi Ngày tuyển dụng (trang Cán bộ, dòng {p.record.row}), không có đánh giá "
                                 f"năm {y - 1}: coi như đã công tác đủ {need} tháng; người mới tuyển dụng thì ghi "
                                 "ngày tuyển dụng")
        else:
            most, least = months_to_year_end(span[0], y), months_to_year_end(span[1], y)
            shown = f"{span[0]:%d/%m/%Y}" if span[0] == span[1] else nfc(raw)
            if least >= need:
                out.add(True, f"Công tác từ {shown}, đủ {need} tháng trong năm {y}")
            elif most < need:
                out.add(False, f"Mới tuyển dụng ({shown}), chưa đủ {need} tháng công tác tính đến hết năm {y}"
                        + basis)
            else:
                out.add(None, f"Ngày tuyển dụng '{shown}' của {p.name} không đủ rõ để biết đã công tác đủ {need} "
                              f"tháng trong năm {y}: ghi ngày, tháng, năm")
    limit = st.max_leave_days
    rec = e.facts.rating(p, y)
    if not limit or rec is None:
        return
    days = rec["leave_days"]
    if not isinstance(days, int) or days < limit:
        return
    reason = rec["leave_reason"]
    basis = f" [căn cứ {st.service_basis}]" if st.service_basis else ""
    if reason in _counted(st):
        out.add(True, f"Nghỉ {days} ngày ({reason.lower()}) được tính là thời gian công tác")
        out.notes.append(f"Nghỉ {reason.lower()} {days} ngày năm {y}, được tính là thời gian công tác{basis}")
    elif not reason:
        out.add(None, f"nghỉ {days} ngày làm việc năm {y} mà chưa ghi 'Lý do nghỉ' (trang Đánh giá, dòng {rec.row}): "
                      f"nghỉ từ {limit} ngày trở lên thì không xét, trừ {', '.join(sorted(_counted(st))).lower()}")
    else:
        out.add(False, f"Nghỉ {days} ngày làm việc năm {y} ({nfc(reason).lower()}), từ {limit} ngày trở lên" + basis)


def parse_reasons(raw: object) -> tuple[list[str], bool]:
    """'Thai sản, Tai nạn lao động' → the leave reasons it names, and whether all were read."""
    from .. import schema as S
    vocab = S.vocabulary("leave_reason")
    out, ok = [], True
    for part in re.split(r"[,;\n]+", nfc(raw)):
        part = part.strip()
        if not part:
            continue
        term = vocab.lookup(part)
        if term is None:
            ok = False
        else:
            out.append(term.value)
    return out, ok

