"""Mẫu in phôi positions and sizes outside the paper or outside sensible
bounds are errors at their cells, and nothing is printed from them (issue 22, 9)."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from xlsrc import schema as S
from xlsrc.awards import make_certificates
from xlsrc.cli import main
from xlsrc.errors import ThiDuaError
from xlsrc.validation import validate

from .user_books import new_book, read, type_rows

NUMBER = "07/QĐ-SKHCN"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = new_book(tmp_path_factory.mktemp("phoi") / "base.xlsx")
    type_rows(path, S.DECISIONS, [{"number": NUMBER, "date": dt.datetime(2026, 12, 15),
                                  "summary": "Về việc tặng Giấy khen",
                                  "form": "Giấy khen", "signer_name": "Lê Văn Quang", "signer_title": "GIÁM ĐỐC"}])
    type_rows(path, S.AWARDS, [{"form": "Giấy khen", "recipient_kind": "Cá nhân", "recipient": "Võ Thị Hằng",
                               "recipient_unit": "Chuyên viên, Văn phòng Sở", "field": "công tác năm 2026",
                               "decision_number": NUMBER}])
    return path


@pytest.fixture()
def book(base, tmp_path):
    def _book(layout_row: dict | None = None):
        path = shutil.copy(base, tmp_path / "phoi.xlsx")
        if layout_row:
            type_rows(path, S.PRINT_LAYOUT, [layout_row])
        return path
    return _book


def _row(**kw):
    return {"field": "Họ và tên", "x": 48.5, "y": 92, "width": 200, "size": 24, **kw}


@pytest.mark.parametrize("row, cells", [
    (_row(x=-5000), ["B"]), (_row(y=1e9), ["C"]), (_row(size=0), ["F"]), (_row(size=500), ["F"]),
    (_row(x=-0.5, y=-3), ["B", "C"]), (_row(x=250, width=80), ["D"]), (_row(width=0), ["D"]),
    (_row(y=205, size=24), ["C"]), (_row(x=297), ["B"]),
])
def test_out_of_bounds_values_are_errors_at_their_cells(book, tmp_path, row, cells):
    data = read(book(row))
    found = [f for f in validate(data) if f.code == "PHOI_OUT_OF_BOUNDS"]
    assert [f.cell[0] for f in found] == cells and all(f.severity == "error" for f in found)
    assert all(f.sheet == "Mẫu in phôi" and f.row == 12 for f in found)
    assert "e+" not in found[0].message  # 1e9 said as typed, not in exponent notation
    with pytest.raises(ThiDuaError, match="Mẫu in phôi', dòng 12"):
        make_certificates(data, NUMBER, tmp_path / "p.docx", phoi=True)
    assert not (tmp_path / "p.docx").exists()


def test_the_default_layout_and_edges_inside_the_paper_are_accepted(book):
    data = read(book(_row(x=0, y=0, width=297, size=6)))
    assert not [f for f in validate(data) if f.code == "PHOI_OUT_OF_BOUNDS"]


def test_cli_phoi_and_calibration_stop_on_the_error(book, tmp_path, capsys):
    path = book(_row(x=-5000))
    for extra in (["--so", NUMBER, "--phoi"], ["--calibrate"]):
        with pytest.raises(SystemExit) as exc:
            main(["certificates", str(path), *extra, "-o", str(tmp_path / ("c.pdf" if "--calibrate" in extra
                                                                            else "c.docx"))])
        assert exc.value.code == 1
        assert "Mẫu in phôi!B12" in capsys.readouterr().err
    assert not list(tmp_path.glob("c.*"))
