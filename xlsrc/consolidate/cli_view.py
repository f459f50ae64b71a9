"""The human summary of a consolidation: the totals, then the files that
could not be used, one a line; the full table a file with --verbose."""
from __future__ import annotations

from pathlib import Path

from ..findings_view import vn_number

STATUS_VN = {"ok": ("đạt", "green"), "duplicate": ("trùng", "yellow"), "error": ("lỗi", "red"),
             "skipped": ("bỏ qua", "yellow")}


def summary_text(result) -> str:
    statuses = [f.status for f in result.files]
    errors = sum(f.errors for f in result.files)
    warnings = sum(f.warnings for f in result.files)
    proposals = result.content.rows.get("unit_proposals") or []
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    return (f"{vn_number(len(statuses))} tệp: {vn_number(statuses.count('ok'))} đạt, "
            f"{vn_number(statuses.count('duplicate'))} trùng, {vn_number(statuses.count('error'))} lỗi"
            + (f", {vn_number(statuses.count('skipped'))} bỏ qua" if "skipped" in statuses else "") +
            f"; {vn_number(result.total_rows)} công trình, phần việc"
            + (f", {vn_number(len(proposals))} đề nghị khen thưởng" if proposals else "") +
            f"; dữ liệu có {vn_number(errors)} lỗi và "
            f"{vn_number(warnings)} cảnh báo; {seconds} giây.")


def print_summary(result, console, verbose: bool = False) -> None:
    """Data (file names, units, messages) goes in as rich ``Text``: never read as markup."""
    from rich.text import Text
    if verbose:
        from rich.table import Table
        table = Table(title="Tổng hợp từ các đơn vị", show_lines=False, expand=False)
        table.add_column("Tệp", overflow="fold")
        table.add_column("Đơn vị", overflow="fold")
        table.add_column("Trạng thái")
        table.add_column("Số dòng", justify="right")
        table.add_column("Lỗi", justify="right")
        table.add_column("Cảnh báo", justify="right")
        table.add_column("Ghi chú", overflow="fold")
        for f in result.files:
            table.add_row(Text(Path(f.file).name), Text(f.unit), Text(*STATUS_VN.get(f.status, (f.status, ""))),
                          vn_number(f.rows), vn_number(f.errors), vn_number(f.warnings), Text(f.message))
        console.print(table)
    else:
        for status, title in (("error", "Các tệp không dùng được"),
                              ("skipped", "Các văn bản Word không có danh sách đề nghị (bỏ qua)")):
            bad = [f for f in result.files if f.status == status]
            if bad:
                console.print(f"{title} ({vn_number(len(bad))}):", markup=False)
            for f in bad:
                console.print(f"- {Path(f.file).name}: {f.message}", markup=False)
        named = [f for f in result.files if f.unit_by_name]
        if named:
            console.print(f"Các tệp không ghi tên đơn vị, lấy tên tệp làm đơn vị ({vn_number(len(named))}; ghi tên "
                          f"đơn vị ở dòng tiêu đề của bảng, ví dụ 'SỞ TƯ PHÁP', hoặc dùng --unit-map):", markup=False)
            for f in named:
                console.print(f"- {Path(f.file).name}: {f.unit}", markup=False)
    console.print(summary_text(result), markup=False)
