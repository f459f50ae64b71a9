"""An error on one sheet stops only the jobs that read that sheet; the
others list it as a warning (issue 19, B4). Workbooks made with `thidua new`
and typed in, as a user makes them."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from xlsrc import schema as S
from .user_books import new_book, run_cli as _run, type_rows, type_sheets

NUMBER = "07/QĐ-SKHCN"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = new_book(tmp_path_factory.mktemp("jobs") / "base.xlsx")
    type_sheets(path, {
        S.WORKS: [{"name": "Số hoá hồ sơ sáng chế", "kind": "Công trình", "start": dt.datetime(2026, 3, 1),
                   "planned_finish": dt.datetime(2026, 11, 30), "progress": 1}],
        S.NARRATIVE: [{"section": "Kết quả", "text": "Cán bộ thi đua thực hiện nhiệm vụ."}],
        S.STAFF: [{"name": "Võ Thị Hằng", "gender": "Nữ", "position": "Chuyên viên", "department": "Văn phòng"}],
        S.DECISIONS: [{"number": NUMBER, "date": dt.datetime(2026, 12, 15), "summary": "Về việc tặng Giấy khen",
                       "form": "Giấy khen", "signer_name": "Lê Văn Quang", "signer_title": "GIÁM ĐỐC"}],
        S.AWARDS: [{"form": "Giấy khen", "recipient_kind": "Cá nhân", "recipient": "Võ Thị Hằng",
                    "field": "công tác năm 2026", "decision_number": NUMBER}]})
    return path


def test_a_misspelt_name_on_danh_gia_stops_neither_report_nor_decision(base, tmp_path):
    path = shutil.copy(base, tmp_path / "wb.xlsx")
    type_rows(path, S.RATINGS, [{"year": 2026, "recipient_kind": "Cá nhân", "subject": "Võ Thị Hàng",  # misspelt
                                "rating": "Hoàn thành xuất sắc nhiệm vụ"}])
    code, out, err = _run(["validate", path])
    assert code == 1 and "Đánh giá!" in err  # it is an error of the workbook
    code, out, err = _run(["report", path, "-o", tmp_path / "bc.docx"])
    assert code == 0, err
    assert (tmp_path / "bc.docx").exists()
    assert "Cảnh báo [PERSON_UNKNOWN]" in out and "không dùng để lập báo cáo" in out
    code, out, err = _run(["decision", path, "--so", NUMBER, "-o", tmp_path / "qd.docx"])
    assert code == 0, err
    assert (tmp_path / "qd.docx").exists()
    assert "Cảnh báo [PERSON_UNKNOWN]" in out and "không dùng để lập quyết định" in out  # listed for this job too


def test_an_error_on_cong_trinh_stops_the_report_only(base, tmp_path):
    path = shutil.copy(base, tmp_path / "wb.xlsx")
    type_rows(path, S.WORKS, [{"name": "Trạm quan trắc", "start": "ba mươi tháng mười", "planned_finish":
                              dt.datetime(2026, 11, 30)}])
    code, out, err = _run(["report", path, "-o", tmp_path / "bc.docx"])
    assert code == 1 and "Công trình!" in err and not (tmp_path / "bc.docx").exists()
    code, out, err = _run(["decision", path, "--so", NUMBER, "-o", tmp_path / "qd.docx"])
    assert code == 0, err
    code, out, err = _run(["certificates", path, "--so", NUMBER, "-o", tmp_path / "gk.docx"])
    assert code == 0, err


def test_an_error_on_a_sheet_the_decision_reads_still_stops_it(base, tmp_path):
    path = shutil.copy(base, tmp_path / "wb.xlsx")
    type_rows(path, S.BASE_SALARY, [{"start": "mùng một", "amount": 2530000, "basis": "x"}])
    code, out, err = _run(["decision", path, "--so", NUMBER, "-o", tmp_path / "qd.docx"])
    assert code == 1 and "Lương cơ sở!" in err
    code, out, err = _run(["report", path, "-o", tmp_path / "bc.docx"])
    assert code == 0, err
