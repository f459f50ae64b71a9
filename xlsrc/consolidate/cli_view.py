"""The human summary of a consolidation: one line a file, then the totals."""
from __future__ import annotations

from pathlib import Path

STATUS_VN = {"ok": ("đạt", "green"), "duplicate": ("trùng", "yellow"), "error": ("lỗi", "red")}


def print_summary(result, console) -> None:
    """Data (file names, units, messages) goes in as rich ``Text``: never read as markup."""
    from rich.table import Table
    from rich.text import Text
    table = Table(title="Tổng hợp từ các đơn vị", show_lines=False, expand=False)
    table.add_column("Tệp", overflow="fold")
    table.add_column("Đơn vị", overflow="fold")
    table.add_column("Trạng thái")
    table.add_column("Số dòng", justify="right")
    table.add_column("Ghi chú", overflow="fold")
    for f in result.files:
        table.add_row(Text(Path(f.file).name), Text(f.unit), Text(*STATUS_VN.get(f.status, (f.status, ""))),
                      Text(str(f.rows)), Text(f.message))
    console.print(table)
    statuses = [f.status for f in result.files]
    console.print(f"{len(statuses)} tệp: {statuses.count('ok')} đạt, {statuses.count('duplicate')} trùng, "
                  f"{statuses.count('error')} lỗi; {result.total_rows} công trình, phần việc.")
