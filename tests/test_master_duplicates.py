"""In a consolidated master the same work may be registered by two units;
only a repeat within one unit is a duplicate."""
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.validation import validate


def _codes(tmp_path, units):
    content = demo_content()
    work = content.rows["works"][0]
    content.rows["works"] = [dict(work, unit=u) for u in units]
    data = read_workbook(FileBook(write_workbook(tmp_path / "m.xlsx", content)))
    return [f.code for f in validate(data)]


def test_same_work_from_two_units_is_not_a_duplicate(tmp_path):
    assert "DUPLICATE_ROW" not in _codes(tmp_path, ["Sở Y tế", "Sở Tư pháp"])


def test_same_work_twice_from_one_unit_is_a_duplicate(tmp_path):
    assert _codes(tmp_path, ["Sở Y tế", "Sở Y tế"]).count("DUPLICATE_ROW") == 1
