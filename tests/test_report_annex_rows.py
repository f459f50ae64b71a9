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


def _master(tmp_path, works: list[dict]):
    content = demo_content()
    content.rows["works"] = [{"order": i + 1, "name": f"Công trình {i + 1}", "kind": "Công trình", **w}
                             for i, w in enumerate(works)]
    return read_workbook(FileBook(write_workbook(tmp_path / "m.xlsx", content)))


def test_rows_that_read_a_cell_alike_keep_their_own_remark_finish_and_unit(tmp_path):
    """The annex is made a column at a time, each distinct date and progress
    put into words once: rows sharing a progress or a date cell still get
    their own Ghi chú, their own finish (actual when readable) and their
    unit (else the owner, else the book's unit), units in the order of
    their first work."""
    works = [
        {"progress": "95%", "start": "Năm 2021", "planned_finish": "Năm 2022", "unit": "Sở A"},
        {"progress": "95%", "note": "Chờ vốn", "start": "Năm 2021", "planned_finish": "Năm 2022",
         "actual_finish": dt.datetime(2022, 3, 1), "owner": "Phòng B"},
        {"progress": "95%", "start": "Năm 2021", "planned_finish": "Năm 2022", "unit": "Sở A"},
        {"progress": "Đang lập hồ sơ", "note": "Chờ vốn", "start": "Năm 2021", "planned_finish": "Năm 2022"},
        {"progress": "95%", "note": "Chờ vốn", "start": "Năm 2021", "planned_finish": "Năm 2022", "unit": "Sở A"},
    ]
    data = _master(tmp_path, works)
    assert len({id(w["progress"]) for w in data.works if w["progress"].value == 95}) == 1  # one value, shared
    rows = consolidated_annex(data, compute(data, dt.date(2026, 11, 25)))
    book_unit = data.info["unit_name"]
    assert [(kind, cells[:5]) for kind, cells in rows] == [
        ("group", ["Sở A (03 công trình, phần việc)"]),
        ("item", ["1", "Công trình 1", "Năm 2021", "Năm 2022", "95%"]),
        ("item", ["2", "Công trình 3", "Năm 2021", "Năm 2022", "95%"]),
        ("item", ["3", "Công trình 5", "Năm 2021", "Năm 2022", "95% (Chờ vốn)"]),
        ("group", ["Phòng B (01 công trình, phần việc)"]),
        ("item", ["1", "Công trình 2", "Năm 2021", "01/3/2022", "95% (Chờ vốn)"]),
        ("group", [f"{book_unit} (01 công trình, phần việc)"]),
        ("item", ["1", "Công trình 4", "Năm 2021", "Năm 2022", "Đang lập hồ sơ; Chờ vốn"]),
    ]


def test_the_annex_is_the_same_once_a_records_values_were_asked_for(tmp_path):
    """Read from the reader's columns while they are the records' (records.table_of),
    else from each record: the same rows."""
    works = [{"progress": p, "start": "Tháng 4/2021", "planned_finish": dt.datetime(2022, 1, 10),
              "unit": f"Sở {i % 3}", "note": "Chờ vốn" if i % 4 == 0 else None}
             for i, p in enumerate(["95%", 0.5, "Đang lập hồ sơ", None, "100%", "80% (phần thô)"] * 3)]
    data = _master(tmp_path, works)
    totals = compute(data, dt.date(2026, 11, 25))
    from xlsrc.report.context import department_annex
    by_columns = consolidated_annex(data, totals), department_annex(data, totals)
    data.works[0].values["name"] = "Công trình đổi tên"  # a caller may change a record's values
    by_records = consolidated_annex(data, totals), department_annex(data, totals)
    assert by_records[0][1] == ("item", ["1", "Công trình đổi tên", "Tháng 4/2021", "10/01/2022", "95% (Chờ vốn)",
                                         totals.statuses[0]])
    assert by_records[0][2:] == by_columns[0][2:] and by_records[1][1:] == by_columns[1][1:]
    assert [cells[0] for _, cells in by_records[1]] == [str(i) for i in range(1, 19)]


def test_rows_filled_a_column_at_a_time_are_the_rows_filled_one_by_one():
    """_Row.add_rows gives the bytes of _Row.add for each row, whatever the
    order of the template's markers, a marker twice or left out, and rows
    with values missing or too many (those a row at a time)."""
    from xlsrc.report.annex import _ITEM_TOKENS, _STATUS_TOKEN, _Row
    tokens = _ITEM_TOKENS + [_STATUS_TOKEN]
    tt, name, start, finish, progress, status = tokens
    templates = ["".join(f"<w:t>{t}</w:t>" for t in tokens),
                 f"<w:t>{name} ({tt})</w:t><w:t>{progress} 100%</w:t><w:t>{name}</w:t><w:t>{status}</w:t>",
                 "".join(f"<w:t>{t}</w:t>" for t in reversed(tokens[:5]))]
    full = [[str(i), f"Nhà <{i}> & B", "2021", "Quý IV/2022", f"{i}%", "Đang thực hiện"] for i in range(1, 8)]
    for rows in (full, full[:3] + [["1", "Chỉ tên"]] + full[3:], full + [full[0] + ["thừa"]]):
        for xml in templates:
            row = _Row(xml, tokens)
            batch: list[bytes] = []
            row.add_rows(batch, rows)
            assert b"".join(batch) == b"".join(row.filled(values) for values in rows)
