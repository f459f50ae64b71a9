"""A finding on a row of a master points to the unit's file, sheet and cell
the row came from (xlsrc/consolidate/sources.py), so that the unit corrects
its own file: exact file, sheet, cell and message, also when the unit's
header is another wording, when the files moved beside the master, and
when they are gone."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xlsrc.access.files import FileBook
from xlsrc.consolidate import consolidate, sources, write_master
from xlsrc.consolidate.sources import point_to_sources
from xlsrc.records import read_workbook
from xlsrc.validation import validate

from .fixtures_consolidate import hand_made_xlsx, info, template_file, work

PROGRESS = "Tiến độ hoàn thành (%)"


@pytest.fixture
def master(tmp_path) -> Path:
    """Units' files in dv/ (a hand-made one first, its header worded its own
    way) and the master beside them, th.xlsx."""
    folder = tmp_path / "dv"
    folder.mkdir()
    hand_made_xlsx(folder / "a_syt.xlsx", rows=[(1, "Trạm y tế", "01/03/2021", "31/12/2021", "170%")],
                   unit_line="(Kèm theo báo cáo của Sở Y tế)", two_row=False,
                   headers=("STT", "Tên công trình", "Ngày bắt đầu", "Ngày kết thúc", "Tỷ lệ hoàn thành"))
    template_file(folder / "stp.xlsx", info(unit="Sở Tư pháp"),
                  works=[work(1, "Cầu"), work(2, ""), work(3, "Đường", progress=1.7)])
    return write_master(consolidate([str(folder)]), tmp_path / "th.xlsx")


def pointed(master: Path, at: Path | None = None):
    data = read_workbook(FileBook(master))
    return [(Path(f.file).name, f.sheet, f.row, f.cell, f.column, f.code, f.message)
            for f in point_to_sources(data, validate(data), at or master)]


def test_each_finding_of_a_row_points_to_the_units_cell(master):
    assert pointed(master) == [
        ("th.xlsx", "Thông tin", 18, "B18", "Người ký", "SIGNER_NAME_EMPTY",
         "Chưa nhập 'Người ký': báo cáo để trống chỗ ghi họ tên người ký."),        # the master's own: as it is
        ("a_syt.xlsx", "Phụ lục", 6, "E6", PROGRESS, "PROGRESS_OUT_OF_RANGE",       # the unit's own header
         "Tiến độ 170% nằm ngoài khoảng 0–100%. (ở sổ tổng hợp: Công trình!H2)"),
        ("stp.xlsx", "Công trình", 3, "B3", "Tên công trình, phần việc", "REQUIRED_EMPTY",
         "Chưa nhập 'Tên công trình, phần việc' (bắt buộc). (ở sổ tổng hợp: Công trình!B4)"),
        ("stp.xlsx", "Công trình", 4, "H4", PROGRESS, "PROGRESS_OUT_OF_RANGE",
         "Tiến độ 170% nằm ngoài khoảng 0–100%. (ở sổ tổng hợp: Công trình!H5)")]


def test_units_files_moved_beside_the_master_are_found_there(master, tmp_path):
    moved = tmp_path / "chuyen"
    shutil.copytree(master.parent / "dv", moved)       # the files beside the master, not in their folder
    shutil.copy(master, moved / "th.xlsx")
    shutil.rmtree(master.parent / "dv")
    got = pointed(moved / "th.xlsx")
    assert [g[:4] for g in got[1:]] == [("a_syt.xlsx", "Phụ lục", 6, "E6"), ("stp.xlsx", "Công trình", 3, "B3"),
                                        ("stp.xlsx", "Công trình", 4, "H4")]


def test_a_path_logged_relative_is_taken_from_the_masters_folder(tmp_path, monkeypatch):
    (tmp_path / "dv").mkdir()
    template_file(tmp_path / "dv" / "stp.xlsx", info(unit="Sở Tư pháp"), works=[work(1, "Cầu"), work(2, "")])
    monkeypatch.chdir(tmp_path)
    master = write_master(consolidate(["dv"]), tmp_path / "th.xlsx")
    monkeypatch.chdir(tmp_path / "dv")                 # "dv/stp.xlsx" is not where the master is read from
    assert [g[:4] for g in pointed(master)[1:]] == [("stp.xlsx", "Công trình", 3, "B3")]


def test_units_files_gone_the_row_is_still_named(master, tmp_path):
    shutil.rmtree(master.parent / "dv")
    got = pointed(master)
    assert [g[:4] for g in got[1:]] == [("a_syt.xlsx", "Phụ lục", 6, "dòng 6"), ("stp.xlsx", "Công trình", 3, "dòng 3"),
                                        ("stp.xlsx", "Công trình", 4, "dòng 4")]
    assert got[1][6] == "Tiến độ 170% nằm ngoài khoảng 0–100%. (ở sổ tổng hợp: Công trình!H2)"


def test_a_unit_file_opened_once_and_no_more_than_the_limit(master, monkeypatch):
    """The real reader, counted: sources.py imports it where it reads."""
    from xlsrc.access import files
    opened = []
    original = files.FileBook

    class Counting(original):
        def __init__(self, path, *a, **kw):
            opened.append(Path(path).name)
            super().__init__(path, *a, **kw)

    monkeypatch.setattr(files, "FileBook", Counting)
    data = read_workbook(FileBook(master))
    findings = validate(data)
    got = point_to_sources(data, findings, master)
    assert opened == ["a_syt.xlsx", "stp.xlsx"]          # stp.xlsx's two findings: one reading
    assert [f.cell for f in got] == ["B18", "E6", "B3", "H4"]
    opened.clear()
    monkeypatch.setattr(sources, "MAX_FILES_OPENED", 1)
    got = point_to_sources(data, findings, master)
    assert opened == ["a_syt.xlsx"]
    assert [f.cell for f in got] == ["B18", "E6", "dòng 3", "dòng 4"]


def test_a_workbook_of_no_master_keeps_its_findings(tmp_path):
    unit = template_file(tmp_path / "stp.xlsx", info(unit="Sở Tư pháp"), works=[work(1, "")])
    data = read_workbook(FileBook(unit))
    findings = validate(data)
    assert point_to_sources(data, findings, unit) is findings


def _edit_master(master: Path, column: str, values: dict[int, object]) -> None:
    """Change the master's cells of one column of Công trình (row → value), as a user might."""
    import openpyxl
    book = openpyxl.load_workbook(master)
    ws = book["Công trình"]
    col = next(c.column for c in ws[1] if c.value == column)
    for row, value in values.items():
        ws.cell(row, col).value = value
    book.save(master)


def test_a_logged_path_that_cannot_be_looked_at_falls_back_beside_the_master(master, tmp_path):
    moved = tmp_path / "chuyen"
    shutil.copytree(master.parent / "dv", moved)
    shutil.copy(master, moved / "th.xlsx")
    too_long = "/" + "a" * 300 + "/stp.xlsx"                  # a name longer than the system allows (ENAMETOOLONG)
    _edit_master(moved / "th.xlsx", "Nguồn: tệp", {4: too_long, 5: too_long})
    got = pointed(moved / "th.xlsx")
    assert [g[:4] for g in got[2:]] == [("stp.xlsx", "Công trình", 3, "B3"), ("stp.xlsx", "Công trình", 4, "H4")]


def test_a_row_whose_origin_row_was_erased_stays_on_the_master(master):
    _edit_master(master, "Nguồn: dòng", {4: None})
    got = pointed(master)
    assert [g[:4] for g in got] == [("th.xlsx", "Thông tin", 18, "B18"), ("a_syt.xlsx", "Phụ lục", 6, "E6"),
                                    ("th.xlsx", "Công trình", 4, "B4"), ("stp.xlsx", "Công trình", 4, "H4")]


def test_no_more_unit_files_opened_than_the_limit(tmp_path, monkeypatch):
    folder = tmp_path / "dv"
    folder.mkdir()
    for name in ("a", "b", "c"):
        template_file(folder / f"{name}.xlsx", info(unit=f"Sở {name.upper()}"), works=[work(1, "")])
    master = write_master(consolidate([str(folder)]), tmp_path / "th.xlsx")
    monkeypatch.setattr(sources, "MAX_FILES_OPENED", 2)
    assert [g[:4] for g in pointed(master)[1:]] == [("a.xlsx", "Công trình", 2, "B2"), ("b.xlsx", "Công trình", 2, "B2"),
                                                    ("c.xlsx", "Công trình", 2, "dòng 2")]
