"""A random table whose works have their period in one column ('Thời gian
thực hiện': 'start - finish', the ends in any accepted form, joined by a dash,
an en dash or 'đến'), written in a random supported shape, consolidated and
read back: every start and finish in the master equals what was written, and
every cell of the period column carries a finding at its own cell (a warning
showing the reading, or an error when it could not be read)."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlsrc import schema as S
from xlsrc.consolidate import consolidate, write_master
from xlsrc.findings import cell_ref

from .shapes import SHAPES, write_shape
from .test_consolidate_roundtrip import _date_cell, days, names

TEXT_FORMS = ("dd/mm/yyyy", "d.m.yyyy", "month", "quarter", "year", "in words", "iso")
JOINS = (" - ", " – ", "-", " đến ")
MASTER = {c.key: c.header for c in S.WORKS.columns}

work = st.fixed_dictionaries({"name": names, "start": days, "start_form": st.sampled_from(TEXT_FORMS),
                              "days": st.integers(0, 300), "finish_form": st.sampled_from(TEXT_FORMS),
                              "join": st.sampled_from(JOINS), "lead": st.booleans()})
table = st.fixed_dictionaries({"format": st.sampled_from(tuple(SHAPES)),
                               "header": st.sampled_from(["Thời gian thực hiện", "Thời gian",
                                                          "Thời gian triển khai - hoàn thành"]),
                               "works": st.lists(work, min_size=1, max_size=6)})


@pytest.mark.long
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(table)
def test_a_period_column_reaches_the_master_as_start_and_finish_or_is_flagged(t):
    rows = [["SỞ TƯ PHÁP", None, None, None], [None] * 4, ["TT", "Tên công trình", t["header"], "Tiến độ (%)"]]
    expected = []
    for i, w in enumerate(t["works"], 1):
        finish = min(w["start"] + dt.timedelta(days=w["days"]), dt.date(2021, 12, 31))
        start_w, start_x = _date_cell(w["start_form"], w["start"])
        finish_w, finish_x = _date_cell(w["finish_form"], finish)
        lead = "Từ " if w["lead"] and w["join"] == " đến " else ""
        rows.append([i, w["name"], f"{lead}{start_w}{w['join']}{finish_w}", 50])
        expected.append((len(rows), start_x, finish_x))
    with tempfile.TemporaryDirectory() as folder:
        path = write_shape(Path(folder), t["format"], rows)
        result = consolidate([str(path)], jobs=1)
        assert [f.status for f in result.files] == ["ok"], result.files[0].message
        sheet = SHAPES[t["format"]].sheet or "Phụ lục"
        flagged = {f["cell"]: f for f in result.findings if f["sheet"] == sheet}
        ws = openpyxl.load_workbook(write_master(result, Path(folder) / "TongHop.xlsx"))[S.WORKS.name]
        all_rows = list(ws.iter_rows(values_only=True))
        got = [dict(zip(all_rows[0], r)) for r in all_rows[1:] if any(v is not None for v in r)]
        assert len(got) == len(expected)
        for (row, start_x, finish_x), have in zip(expected, got):
            cell = cell_ref(row, 3)
            assert cell in flagged, (cell, have)  # each split cell says how it was read
            if flagged[cell]["severity"] == "warning":
                assert flagged[cell]["code"] == "DATE_INTERPRETED"
                assert (have[MASTER["start"]], have[MASTER["planned_finish"]]) == (start_x, finish_x), \
                    (rows[row - 1][2], t["format"])
            else:  # not read: said at its cell, the text kept
                assert flagged[cell]["code"] == "DATE_UNREADABLE"
                assert rows[row - 1][2] in (have[MASTER["extra"]] or "")
