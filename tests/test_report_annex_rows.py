"""The annex rows of a consolidated report, read from a real workbook: a
figure alone is the common case (taken first), a remark of the cell or of
the Ghi chú column follows it, free text stands alone; dates keep their
precision; the finish is the actual one when readable."""
from __future__ import annotations

import datetime as dt

from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.completion import compute
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.report.context import consolidated_annex

ROWS = [  # progress, note, start, planned finish, actual finish -> start, finish, progress texts
    ("95%", None, dt.datetime(2021, 3, 5), "Quý IV/2021", None, "05/3/2021", "Quý IV/2021", "95%"),
    ("95% (dự kiến tháng 12)", None, "Tháng 4/2021", "Năm 2022", "không rõ", "Tháng 4/2021", "Năm 2022",
     "95% (dự kiến tháng 12)"),
    (0.5, "Chờ vốn", "Năm 2021", dt.datetime(2022, 1, 10), dt.datetime(2022, 2, 1), "Năm 2021", "01/02/2022",
     "50% (Chờ vốn)"),
    ("80% (phần thô)", "Chờ vốn", "Năm 2021", "Năm 2022", None, "Năm 2021", "Năm 2022", "80% (phần thô) (Chờ vốn)"),
    ("Đang lập hồ sơ", "Chờ vốn", "Năm 2021", "Năm 2022", None, "Năm 2021", "Năm 2022", "Đang lập hồ sơ; Chờ vốn"),
    (None, None, "Năm 2021", "Năm 2022", None, "Năm 2021", "Năm 2022", ""),
]


def test_annex_rows_keep_every_remark_and_each_dates_precision(tmp_path):
    content = demo_content()
    content.rows["works"] = [
        {"order": i + 1, "name": f"Công trình {i + 1}", "kind": "Công trình", "progress": progress, "note": note,
         "start": start, "planned_finish": planned, "actual_finish": actual, "unit": f"Sở {i % 2}"}
        for i, (progress, note, start, planned, actual, *_) in enumerate(ROWS)]
    data = read_workbook(FileBook(write_workbook(tmp_path / "m.xlsx", content)))
    totals = compute(data, dt.date(2026, 11, 25))
    rows = consolidated_annex(data, totals)
    assert [kind for kind, _ in rows] == ["group"] + ["item"] * 3 + ["group"] + ["item"] * 3
    assert rows[0][1] == ["Sở 0 (03 công trình, phần việc)"]
    items = [cells for kind, cells in rows if kind == "item"]
    by_name = {cells[1]: cells for cells in items}
    for i, (*_, start, finish, progress) in enumerate(ROWS):
        assert by_name[f"Công trình {i + 1}"][2:5] == [start, finish, progress], i
    assert [cells[0] for cells in items] == ["1", "2", "3"] * 2  # numbered within each unit
    assert [cells[5] for cells in items] == [totals.statuses[i] for i in (0, 2, 4, 1, 3, 5)]


def test_a_template_row_is_filled_whatever_the_order_of_its_markers():
    """Markers in the template's order (the common case, taken as given),
    in another order or twice; values missing are blank, text escaped."""
    from xlsrc.report.annex import _ITEM_TOKENS, _STATUS_TOKEN, _Row
    tokens = _ITEM_TOKENS + [_STATUS_TOKEN]
    tt, name, start, finish, progress, status = tokens
    values = ["1", "Nhà <A> & B", "2021", "2022", "50%", "Đang thực hiện"]
    cells = "".join(f"<w:t>{t}</w:t>" for t in tokens)
    assert _Row(cells, tokens).filled(values).decode() == \
        "<w:t>1</w:t><w:t>Nhà &lt;A&gt; &amp; B</w:t><w:t>2021</w:t><w:t>2022</w:t><w:t>50%</w:t>" \
        "<w:t>Đang thực hiện</w:t>"
    moved = f"<w:t>{name} ({tt})</w:t><w:t>{progress} 100%</w:t><w:t>{name}</w:t><w:t>{status}</w:t>"
    assert _Row(moved, tokens).filled(values).decode() == \
        "<w:t>Nhà &lt;A&gt; &amp; B (1)</w:t><w:t>50% 100%</w:t><w:t>Nhà &lt;A&gt; &amp; B</w:t>" \
        "<w:t>Đang thực hiện</w:t>"
    assert _Row(cells, tokens).filled(values[:2]).decode() == \
        "<w:t>1</w:t><w:t>Nhà &lt;A&gt; &amp; B</w:t>" + "<w:t></w:t>" * 4
