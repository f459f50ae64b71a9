"""The review written into the workbook through the access layer: the
Rà soát sheet (one row a recipient, one column a title) and the Danh sách
đề nghị sheet (those who qualify, in the columns of the province's proposal
list). Each sheet is read once, cleared once and written in one block."""
from __future__ import annotations

from .. import schema as S
from ..access import BookAccess
from ..records import WorkbookData
from . import RESULT_LABEL, Review, run_review
from .rules import YES_RESULT

REASONS_HEADER = "Lý do, căn cứ"  # why each title is or is not met
# the reasons stand before the titles so that their column (wide, set by the builder) never moves
REVIEW_FIXED = ("Họ và tên / Tên tập thể", "Đối tượng", "Chức vụ", "Đơn vị", "Năm", REASONS_HEADER)
REASONS_COLUMN = REVIEW_FIXED.index(REASONS_HEADER)


def review_grid(review: Review) -> list[list]:
    """Header plus one row per person or collective, in first-seen order."""
    titles = review.titles
    rows: dict[str, list] = {}
    reasons: dict[str, list[str]] = {}
    for e in review.entries:
        key = e.ident
        row = rows.get(key)
        if row is None:
            row = rows[key] = [e.recipient, e.kind, e.position, e.unit, review.year, None] + [None] * len(titles)
            reasons[key] = []
        row[len(REVIEW_FIXED) + titles.index(e.title)] = RESULT_LABEL[e.result]
        if e.result != YES_RESULT:
            reasons[key].append(f"{e.title}: " + _cited_once(e.reasons, e.basis))
        elif e.met or e.notes:  # why it is 'đủ', and what that assumes
            reasons[key].append(f"{e.title}: " + "; ".join(e.met) + (". Lưu ý: " if e.met and e.notes else "Lưu ý: "
                                                                        if e.notes else "") + "; ".join(e.notes))
    for key, row in rows.items():
        row[REASONS_COLUMN] = "\n".join(reasons[key])
    return [list(REVIEW_FIXED) + titles] + list(rows.values())


def _cited_once(reasons: list[str], basis: str) -> str:
    """The reasons of one title, its basis cited once after the last (each
    reason carries it, as `thidua review` prints them), other citations kept."""
    cite = f" ({basis})" if basis else ""
    bare = [r[:-len(cite)] if cite and r.endswith(cite) else r for r in reasons]
    return "; ".join(bare) + (cite if bare != reasons else "")


def proposal_grid(review: Review) -> list[list]:
    """STT, name, position, unit, title, achievements: those who qualify, title by title."""
    from ..council.proposals import authority_text, own_first
    grid = [list(S.PROPOSAL_HEADERS)]
    order = {t: i for i, t in enumerate(review.titles)}
    chosen = sorted((e for e in review.entries if e.result == YES_RESULT),
                    key=lambda e: (own_first(e.title), order[e.title]))  # what the unit decides, then what it proposes
    at = S.PROPOSAL_HEADERS.index(S.PROPOSALS.column("authority").header)
    for n, e in enumerate(chosen, start=1):
        summary = "; ".join(dict.fromkeys(e.summary))  # in order, without repeats
        row = [n, e.recipient, e.position, e.unit, e.title, summary, e.kind]
        row += [None] * (len(grid[0]) - len(row))
        row[at] = authority_text(e.title)
        grid.append(row)
    return grid


def _replace(book: BookAccess, sheet: str, grid: list[list]) -> None:
    """Put ``grid`` at A1, emptying whatever an earlier run left beyond it."""
    if sheet in book.sheet_names():
        old = book.read(sheet)
        if old:
            book.clear(sheet, 1, 1, len(old), max(max(len(r) for r in old), len(grid[0])))
    book.write(sheet, 1, 1, grid)


def write_review(book: BookAccess, review: Review) -> None:
    _replace(book, S.REVIEW_SHEET, review_grid(review))
    from ..council.proposals import merge_typed  # the votes typed on the sheet stay with their rows
    old = book.read(S.PROPOSAL_SHEET) if S.PROPOSAL_SHEET in book.sheet_names() else []
    _replace(book, S.PROPOSAL_SHEET, merge_typed(old, proposal_grid(review)))


def counts(review: Review) -> dict[str, int]:
    out = {k: 0 for k in RESULT_LABEL}
    for e in review.entries:
        out[e.result] += 1
    return out


def summary_text(review: Review) -> str:
    c = counts(review)
    people = len({e.ident for e in review.entries})
    return (f"Rà soát năm {review.year}: {people} cá nhân, tập thể × {len(review.titles)} danh hiệu — "
            f"{c['đủ']} đủ, {c['không đủ']} không đủ, {c['chưa đủ dữ liệu']} chưa đủ dữ liệu.")


def run_and_write(book: BookAccess, data: WorkbookData, year: int | None = None) -> Review:
    review = run_review(data, year)
    write_review(book, review)
    return review
