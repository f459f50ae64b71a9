"""`thidua upgrade OLD`: a workbook of an older template carried into the
current one — sheets, data and settings, nothing lost, the old file kept."""
from __future__ import annotations

import hashlib

import openpyxl
import pytest

from xlsrc import cli
from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.upgrade import LEFTOVER_SHEET, upgrade_workbook
from xlsrc.xlsm import read_module_source
from xlsrc.xlsm.static_checks import check_all

# what the template had before the review and award sheets came
NEWER_SHEETS = ("Cán bộ", "Đánh giá", "Sáng kiến", "Tiêu chuẩn", "Quyết định", "Mẫu in phôi", "Lương cơ sở",
                S.REVIEW_SHEET, S.PROPOSAL_SHEET)


@pytest.fixture(scope="module")
def old_book(tmp_path_factory):
    """An older-template ThiDua.xlsm as a unit kept it: the demo's data, the
    sheets of the older template only, a sheet of its own, a column it added,
    a note under a table."""
    folder = tmp_path_factory.mktemp("old")
    full = write_workbook(folder / "full.xlsm", demo_content())
    wb = openpyxl.load_workbook(full, keep_vba=True)
    for name in NEWER_SHEETS:
        del wb[name]
    own = wb.create_sheet("Ghi chú riêng")
    own["A1"], own["A2"], own["B2"] = "Việc cần nhớ", "Gọi Sở", 3
    works = wb[S.WORKS.name]
    col = works.max_column + 1
    works.cell(1, col).value = "Người theo dõi"
    works.cell(2, col).value = "Chị Lan"
    note_row = works.max_row + 3
    works.cell(note_row, 1).value = "Ghi chú: số liệu tạm tính"
    path = folder / "ThiDua cũ.xlsm"
    wb.save(path)
    return path


def _raw(path) -> dict:
    data = read_workbook(FileBook(path))
    return {"info": data.info_raw, **{k: [r.raw for r in v] for k, v in data.records.items()}}, data


def test_upgrade_carries_everything_into_the_new_template(old_book, tmp_path, capsys):
    before = hashlib.sha256(old_book.read_bytes()).hexdigest()
    new = tmp_path / "ThiDua mới.xlsm"
    with pytest.raises(SystemExit) as done:
        cli.main(["upgrade", str(old_book), "-o", str(new)])
    assert done.value.code == 0
    said = capsys.readouterr().out
    assert "Trang mới (sổ cũ chưa có, lấy theo mẫu): Cán bộ, Đánh giá" in said
    assert "Trang giữ nguyên như sổ cũ: Ghi chú riêng." in said and f"'{LEFTOVER_SHEET}'" in said
    assert hashlib.sha256(old_book.read_bytes()).hexdigest() == before          # the old file kept as it was
    assert check_all(new.read_bytes(), read_module_source()) == []                # the current VBA and ribbon
    old_raw, _ = _raw(old_book)
    new_raw, new_data = _raw(new)
    for key in ("info",) + tuple(s.key for s in S.RECORD_SHEETS):
        assert new_raw[key] == old_raw[key], key                                 # every value as typed
    for spec in S.REVIEW_INPUT_SHEETS + S.AWARD_DOC_SHEETS:
        assert spec.key in new_data.sheet_names, spec.name                       # the sheets the buttons need
    wb = openpyxl.load_workbook(new)
    own = wb["Ghi chú riêng"]
    assert [own["A1"].value, own["A2"].value, own["B2"].value] == ["Việc cần nhớ", "Gọi Sở", 3]
    left = [list(r) for r in wb[LEFTOVER_SHEET].iter_rows(values_only=True)]
    assert left[0] == ["Trang (sổ cũ)", "Ô", "Cột", "Giá trị"]
    assert left[1][0] == S.WORKS.name and left[1][1].endswith("2") and left[1][2:] == ["Người theo dõi", "Chị Lan"]
    assert any(r[3] == "Ghi chú: số liệu tạm tính" and r[0] == S.WORKS.name for r in left[1:])
    assert len(left) == 3
    # and the review now runs on it instead of naming the missing sheets
    with pytest.raises(SystemExit) as done:
        cli.main(["review", str(new)])
    assert done.value.code == 0


def test_settings_and_hand_edited_sheets_are_carried(tmp_path):
    """A workbook of the current template with edited settings (a threshold,
    the base salary) and an edited Danh sách đề nghị keeps them."""
    path = write_workbook(tmp_path / "cu.xlsx", demo_content())
    wb = openpyxl.load_workbook(path)
    salary = wb[S.BASE_SALARY.name]
    salary.cell(2, 2).value = 2_340_000
    standards = wb[S.STANDARDS.name]
    years = [c.key for c in S.STANDARDS.columns].index("years") + 1
    note = [c.key for c in S.STANDARDS.columns].index("note") + 1
    edited = standards.cell(2, years).value
    standards.cell(2, years).value = 7
    standards.cell(2, note).value = "Sửa theo Công văn 12/SNgV"
    proposal = wb[S.PROPOSAL_SHEET]
    proposal.append([1, "Nguyễn Văn A", "Chuyên viên", "Phòng A", "Chiến sĩ thi đua cơ sở", "Đã sửa tay"])
    wb.save(path)
    new = upgrade_workbook(path, tmp_path / "moi.xlsx")
    # the Danh sách đề nghị is a sheet of the schema now (its votes are typed there): carried as data
    assert new.kept == [] and new.leftovers == 0 and new.defaults == []
    old_raw, _ = _raw(path)
    new_raw, _ = _raw(new.path)
    assert old_raw == new_raw and edited != 7
    assert new_raw["standards"][0]["years"] == 7 and new_raw["base_salary"][0]["amount"] == 2_340_000
    assert new_raw["proposals"][-1]["summary"] == "Đã sửa tay"


def test_upgrade_refuses_what_it_cannot_do(old_book, tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["upgrade", str(old_book), "-o", str(old_book)])
    assert done.value.code == 2 and "sổ cũ được giữ nguyên" in capsys.readouterr().err
    other = tmp_path / "phu_luc.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Bảng tự lập"
    wb.save(other)
    with pytest.raises(SystemExit) as done:
        cli.main(["upgrade", str(other)])
    assert done.value.code == 2 and "không phải sổ làm từ mẫu" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["review"], ["decision", "--so", "45/QĐ-SNgV"],
                                     ["certificates", "--so", "45/QĐ-SNgV"]])
def test_commands_on_the_old_workbook_name_the_missing_sheets(old_book, tmp_path, capsys, command):
    """Issue 18 §4: never "0 cá nhân" or "chưa có quyết định nào" from a sheet the workbook does not have."""
    with pytest.raises(SystemExit) as done:
        cli.main([command[0], str(old_book), *command[1:], *(["-o", str(tmp_path / "x.docx")] if command[1:] else [])])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "làm từ mẫu cũ: thiếu trang" in err and f'thidua upgrade "{old_book.name}"' in err
    assert ("'Cán bộ', 'Đánh giá', 'Sáng kiến'" if command == ["review"] else "'Quyết định'") in err
