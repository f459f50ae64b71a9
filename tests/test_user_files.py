"""Files shaped like the ones departments really send: typed by hand, with
title blocks, numbers stored as text, dates in several forms. Each test
builds a real file, runs the real command and reads the real output."""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.cli import main


def _run(argv) -> int:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code
    _run.stdout, _run.stderr = out.getvalue(), err.getvalue()
    return code


def _hand_typed_annex(path: Path, rows: list[tuple], header=("TT", "Tên công trình", "Đơn vị chủ trì",
                                                              "Ngày bắt đầu", "Ngày hoàn thành",
                                                              "Tỷ lệ hoàn thành")) -> Path:
    """A commune's annex typed by hand: a title block, then the table, every
    cell typed as text (as a web form or a careless copy leaves it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "UBND XÃ THẠCH LẠC"
    ws["A3"] = "BIỂU TỔNG HỢP CÔNG TRÌNH, PHẦN VIỆC NĂM 2025"
    ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def _master_works(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path)[S.WORKS.name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def _consolidate(tmp_path: Path, *files: Path) -> tuple[list[dict], list[dict]]:
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", *files, "-o", out, "--json", "--jobs", "1"])
    assert code in (0, 3), _run.stderr
    return _master_works(out), json.loads(_run.stdout)["findings"]


def test_a_fraction_typed_as_text_among_whole_percents_is_never_read_silently(tmp_path):
    """'0,5' typed as text between '75' and '100': 0,5% or 50%? Either way the
    board must be told, as for the same number stored as a number."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "75"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "30/09/2025", "0,5"),
        ("3", "Điện chiếu sáng", "Đoàn Thanh niên", "01/03/2025", "31/08/2025", "100"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    ambiguous = [f for f in findings if f["code"] == "PROGRESS_AMBIGUOUS"]
    assert [f["cell"] for f in ambiguous] == ["F7"], findings
    assert "0,5%" in ambiguous[0]["message"] and "50%" in ambiguous[0]["message"]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.75, 0.005, 1.0]


def test_a_column_of_fractions_typed_as_text_is_read_as_fractions(tmp_path):
    """A column where every number typed is at most 1 ('0,5', '0,8', '1') is
    a column of fractions, whether the numbers are stored as numbers or text."""
    unit = _hand_typed_annex(tmp_path / "xa_thach_lac.xlsx", [
        ("1", "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", "05/01/2025", "30/06/2025", "0,5"),
        ("2", "Kênh mương nội đồng", "HTX Thạch Lạc", "01/02/2025", "30/09/2025", "0.8"),
        ("3", "Điện chiếu sáng", "Đoàn Thanh niên", "01/03/2025", "31/08/2025", "1"),
    ])
    works, findings = _consolidate(tmp_path, unit)
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.5, 0.8, 1.0]
    assert not [f for f in findings if f["code"].startswith("PROGRESS")], findings
