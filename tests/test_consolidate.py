"""`thidua consolidate` on real files: template workbooks, hand-made tables
like the annex of 180/BC-SNgV, .xls, .ods, encrypted, corrupt and hostile
inputs; duplicates and re-sent files; the master validates."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.consolidate import ConsolidationResult, FileResult, consolidate, write_master
from xlsrc.consolidate.units import facts_from_lines, proper_name
from xlsrc.errors import OutputExists, ThiDuaError
from xlsrc.records import read_workbook
from xlsrc.validation import ERROR, validate

from .fixtures_consolidate import (D, encrypt, hand_made_xlsx, info, ods_file, template_file, work, xls_file)


def by_file(result: ConsolidationResult) -> dict[str, FileResult]:
    return {Path(f.file).name: f for f in result.files}


def works_of(result, file_name):
    return [r for r in result.content.rows["works"] if Path(r["source_file"]).name == file_name]


def master_sheet(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows())
    headers = [c.value for c in rows[0]]
    return headers, rows[1:]


# --------------------------------------------------------------------------
def test_template_and_seed_annex_into_a_master_that_validates(tmp_path):
    template_file(tmp_path / "so_ngoai_vu.xlsx", info(), works=[
        work(1, "Nâng cấp cổng thông tin đối ngoại", D(2021, 2, 1), D(2021, 10, 30), 1.0, declared_status="Hoàn thành"),
        work(2, "Số hóa hồ sơ lãnh sự", "Tháng 4", "Quý IV/2021", "60%")],
        awards=[{"order": 1, "form": "Giấy khen", "recipient_kind": "Tập thể", "count": 2,
                 "field": "phong trào thi đua năm 2021"}])
    hand_made_xlsx(tmp_path / "phu_luc_stp.xlsx",
                   unit_line="(Kèm theo báo cáo số 95/BC-STP ngày 03 tháng 12 năm 2021 của Sở Tư pháp)")
    result = consolidate([str(tmp_path)])
    files = by_file(result)
    assert [f.status for f in result.files] == ["ok", "ok"]
    assert files["so_ngoai_vu.xlsx"].unit == "Sở Ngoại vụ"
    assert files["so_ngoai_vu.xlsx"].rows == 3          # 2 works + 1 award
    assert files["phu_luc_stp.xlsx"].unit == "Sở Tư pháp"
    assert files["phu_luc_stp.xlsx"].rows == 3
    assert result.total_rows == 5 and result.exit_code == 0
    assert result.as_json()["rows"] == 5

    seed = works_of(result, "phu_luc_stp.xlsx")
    assert [r["order"] for r in seed] == [1, 2, 3]     # blank row skipped, total row and signature not taken
    assert seed[0]["start"] == "Năm 2021" and seed[0]["planned_finish"] == "Năm 2022"
    assert seed[0]["progress"] == "95% (dự kiến khởi công trong tháng 12/2021)"
    assert seed[1]["start"] == "Tháng 4/2021" and seed[1]["planned_finish"] == "Tháng 12/2021"  # year of the report
    assert seed[1]["progress"] == 1.0
    assert seed[2]["progress"].startswith("Sở Ngoại vụ đã có văn bản")
    assert all(r["unit"] == "Sở Tư pháp" and r["source_sheet"] == "Phụ lục" for r in seed)
    assert [r["source_row"] for r in seed] == [7, 9, 10]

    own = works_of(result, "so_ngoai_vu.xlsx")
    assert own[0]["start"] == dt.datetime(2021, 2, 1) and own[0]["progress"] == 1.0
    assert own[1]["start"] == "Tháng 4/2021" and own[1]["planned_finish"] == "Quý IV/2021"
    assert own[1]["progress"] == 0.6 and own[1]["source_row"] == 3

    info_ = result.content.info
    assert info_["doc_date"] == dt.datetime(2021, 12, 3)   # latest report date of the inputs
    assert info_["issuing_body"] == "BAN THI ĐUA - KHEN THƯỞNG"

    (tmp_path / "out").mkdir()  # the output's folder must exist: no folder is created on the way
    master = write_master(result, tmp_path / "out" / "TongHop.xlsx")
    data = read_workbook(FileBook(master))
    findings = validate(data)
    assert not [f.line() for f in findings if f.severity == ERROR]
    assert len(data.works) == 5 and len(data.awards) == 1
    assert {r.text("unit") for r in data.works} == {"Sở Ngoại vụ", "Sở Tư pháp"}
    assert data.works[4]["start"].display() == "Tháng 4/2021"
    assert data.works[3]["progress"].value == 100.0
    # every input in 'Nguồn dữ liệu'
    headers, rows = master_sheet(master, S.SOURCES_SHEET)
    assert headers == [c.header for c in S.SOURCES_COLUMNS]
    log = [[c.value for c in r] for r in rows]
    assert [Path(r[0]).name for r in log] == ["phu_luc_stp.xlsx", "so_ngoai_vu.xlsx"]
    assert all(len(r[1]) == 64 and r[3] == "đạt" for r in log)
    assert [r[4] for r in log] == [3, 3]


def test_hand_made_nfd_aliases_heading_unit_and_dates(tmp_path):
    rows = [(1, "Xây dựng phần mềm quản lý hồ sơ bệnh án", D(2021, 3, 15), "30/11/2021", "80%"),
            (2, "Tập huấn phòng chống dịch", "15/3/2021", "Tháng 6/2021", 0.5),
            (3, "Cải tạo khoa khám bệnh", "Quý II/2021", "2022", "")]
    hand_made_xlsx(tmp_path / "syt.xlsx", rows, nfd=True, unit_line="",
                   headings=("UBND TỈNH HÀ TĨNH", "SỞ Y TẾ HÀ TĨNH", "Hà Tĩnh, ngày 20 tháng 11 năm 2021"),
                   headers=("STT", "Tên công trình/phần việc", "Ngày bắt đầu", "Ngày  kết\nthúc",
                            "Tỷ lệ   hoàn thành"), two_row=False, total=False)
    result = consolidate([str(tmp_path / "syt.xlsx")])
    f = result.files[0]
    assert f.status == "ok", f.message
    assert f.unit == "Sở Y tế Hà Tĩnh" and f.rows == 3
    got = result.content.rows["works"]
    assert got[0]["name"] == "Xây dựng phần mềm quản lý hồ sơ bệnh án"    # NFC in the master
    assert got[0]["start"] == dt.datetime(2021, 3, 15) and got[0]["planned_finish"] == dt.datetime(2021, 11, 30)
    assert got[0]["progress"] == 0.8
    assert got[1]["start"] == dt.datetime(2021, 3, 15) and got[1]["planned_finish"] == "Tháng 6/2021"
    assert got[1]["progress"] == 0.5   # the column holds fractions (0.5) next to text
    assert got[2]["start"] == "Quý II/2021" and got[2]["planned_finish"] == "2022"  # text kept as typed
    assert got[2]["progress"] is None
    assert result.content.info["doc_date"] == dt.datetime(2021, 11, 20)


def test_hand_made_awards_table_under_works(tmp_path):
    hand_made_xlsx(tmp_path / "sgd.xlsx", awards=[
        (1, "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể", "Phòng Giáo dục trung học", "phong trào thi đua"),
        (2, "Giấy khen", "Cá nhân", "Trần Thị B", "cải cách hành chính")])
    result = consolidate([str(tmp_path / "sgd.xlsx")])
    assert result.files[0].status == "ok"
    assert result.files[0].rows == 5 and result.total_rows == 3
    aw = result.content.rows["awards"]
    assert [a["form"] for a in aw] == ["Bằng khen cấp bộ, ban, ngành, tỉnh", "Giấy khen"]
    assert [a["recipient_kind"] for a in aw] == ["Tập thể", "Cá nhân"]
    assert aw[1]["recipient"] == "Trần Thị B" and aw[1]["unit"] == "Sở Ngoại vụ"


def test_xls_and_ods(tmp_path):
    xls_file(tmp_path / "stp.xls", [(1, "Số hóa sổ hộ tịch", D(2021, 1, 4), D(2021, 9, 30), 100),
                                   (2, "Tuyên truyền pháp luật", "Tháng 5/2021", "Tháng 10/2021", "70%")])
    ods_file(tmp_path / "sct.ods", [(1, "Xúc tiến thương mại", "01/02/2021", "30/12/2021", "40%"),
                                   (2, "Hội chợ hàng Việt", "Tháng 3/2021", "Tháng 4/2021", "100%")])
    result = consolidate([str(tmp_path)])
    files = by_file(result)
    assert files["stp.xls"].status == "ok" and files["stp.xls"].rows == 2
    assert files["stp.xls"].unit == "Sở Tư pháp"         # heading "SỞ TƯ PHÁP"
    assert files["sct.ods"].status == "ok" and files["sct.ods"].rows == 2
    assert files["sct.ods"].unit == "sct"                # nothing else to go by: the file name
    xls = works_of(result, "stp.xls")
    assert xls[0]["start"] == dt.datetime(2021, 1, 4) and xls[0]["progress"] == 1.0
    assert xls[1]["progress"] == 0.7
    ods = works_of(result, "sct.ods")
    assert ods[0]["start"] == dt.datetime(2021, 2, 1) and ods[1]["progress"] == 1.0
    assert result.exit_code == 0


def test_bad_inputs_never_stop_the_run(tmp_path):
    good = hand_made_xlsx(tmp_path / "a_good.xlsx")
    (tmp_path / "b_corrupt.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(300))
    (tmp_path / "c_text.xlsx").write_text("Đây là một tệp văn bản, không phải bảng tính.", encoding="utf-8")
    notes = tmp_path / "d_notes.txt"
    notes.write_text("ghi chú", encoding="utf-8")
    encrypt(template_file(tmp_path / "plain.xlsx", works=[work(1, "Công trình bí mật")]),
            tmp_path / "e_locked.xlsx", "matkhau")
    (tmp_path / "plain.xlsx").unlink()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo không có bảng"
    wb.save(tmp_path / "f_no_table.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, h in enumerate(("TT", "Tên công trình, phần việc", "Ngày khởi công", "Tiến độ"), start=1):
        ws.cell(1, c, h)
    for r in range(2, 6):
        for c in range(1, 5):
            ws.cell(r, c, "#REF!" if (r + c) % 2 else "#N/A")   # error cells (t="e")
    wb.save(tmp_path / "g_errors.xlsx")
    inputs = [str(tmp_path), str(notes)]
    result = consolidate(inputs)
    files = by_file(result)
    assert files["a_good.xlsx"].status == "ok" and files["a_good.xlsx"].rows == 3
    bad = {k: v for k, v in files.items() if k != "a_good.xlsx"}
    assert set(bad) == {"b_corrupt.xlsx", "c_text.xlsx", "d_notes.txt", "e_locked.xlsx", "f_no_table.xlsx",
                        "g_errors.xlsx"}
    assert all(f.status == "error" and f.rows == 0 for f in bad.values())
    assert "hỏng" in files["b_corrupt.xlsx"].message
    assert "không phải bảng tính" in files["c_text.xlsx"].message or "hỏng" in files["c_text.xlsx"].message
    assert "không phải bảng tính" in files["d_notes.txt"].message
    assert "mật khẩu" in files["e_locked.xlsx"].message
    assert "Không tìm thấy bảng" in files["f_no_table.xlsx"].message
    assert "chỉ có giá trị lỗi" in files["g_errors.xlsx"].message
    assert all("Traceback" not in f.message for f in result.files)
    assert result.total_rows == 3 and result.exit_code == 3
    master = write_master(result, tmp_path.parent / (tmp_path.name + "_master_bad.xlsx"))
    headers, rows = master_sheet(master, S.SOURCES_SHEET)
    assert len(rows) == 7

    with_password = consolidate([str(tmp_path / "e_locked.xlsx")], password="matkhau")
    assert with_password.files[0].status == "ok" and with_password.total_rows == 1
    wrong = consolidate([str(tmp_path / "e_locked.xlsx")], password="sai")
    assert wrong.files[0].status == "error" and "mật khẩu" in wrong.files[0].message
    assert wrong.exit_code == 2


def test_read_in_the_test_process_as_the_pools_workers_give_it(tmp_path, monkeypatch, forks):
    """With the readers in this process (isolated.SEPARATE False: the test
    suite, tests/conftest.py) consolidation forks no pool of workers, reads
    each file as a worker does (in place, each sheet when first asked for),
    and gives what the pool gives: files, rows, findings and the master's content."""
    from xlsrc.access import files, isolated
    hand_made_xlsx(tmp_path / "a.xlsx")
    template_file(tmp_path / "b.xlsx", works=[work(1, "Xây cầu")])
    (tmp_path / "c_hong.xlsx").write_bytes(b"PK\x03\x04" + bytes(300))
    in_place, read = [], files._read_in_place
    monkeypatch.setattr(files, "_read_in_place", lambda *a: in_place.append(1) or read(*a))
    here = consolidate([str(tmp_path)], jobs=2)
    assert forks == [] and len(in_place) == 2 and isolated.INSIDE is False
    monkeypatch.setattr(isolated, "SEPARATE", True)
    pooled = consolidate([str(tmp_path)], jobs=2)
    assert forks  # the pool's workers
    assert {f.status for f in here.files} >= {"ok", "error"} and here.total_rows
    assert here.as_json() == pooled.as_json() and here.content.rows == pooled.content.rows


def test_nothing_usable_is_exit_2(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    result = consolidate([str(tmp_path / "x.xlsx"), str(tmp_path / "missing.xlsx")])
    assert [f.status for f in result.files] == ["error", "error"]
    assert "Không tìm thấy" in by_file(result)["missing.xlsx"].message
    assert result.exit_code == 2
    assert consolidate([str(tmp_path / "empty_dir_does_not_exist")]).exit_code == 2


def test_hostile_text_stays_text_in_the_master(tmp_path):
    hostile = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"]
    rows = [(i + 1, text, "Tháng 3", "Tháng 5", "-5" if i == 2 else "50%") for i, text in enumerate(hostile)]
    src = hand_made_xlsx(tmp_path / "hostile.xlsx", rows)
    before = src.read_bytes()
    result = consolidate([str(src)])
    assert result.files[0].rows == 4
    master = write_master(result, tmp_path / "m.xlsx")
    assert src.read_bytes() == before                      # input untouched
    headers, data = master_sheet(master, S.WORKS.name)
    name_col = headers.index(S.WORKS.column("name").header)
    cells = [r[name_col] for r in data]
    assert [c.value for c in cells] == hostile
    assert all(c.data_type == "s" for c in cells)
    prog = [r[headers.index(S.WORKS.column("progress").header)] for r in data]
    assert prog[2].value == "-5" and prog[2].data_type == "s"


def test_duplicate_bytes_and_resent_newer_files(tmp_path):
    old = template_file(tmp_path / "stp_lan1.xlsx", info("Sở Tư pháp", "SỞ TƯ PHÁP", "90/BC-STP", D(2021, 11, 1)),
                        works=[work(1, "Công trình cũ A"), work(2, "Công trình cũ B")])
    template_file(tmp_path / "stp_lan2.xlsx", info("Sở Tư pháp", "SỞ TƯ PHÁP", "95/BC-STP", D(2021, 11, 20)),
                  works=[work(1, "Công trình mới A"), work(2, "Công trình mới B"), work(3, "Công trình mới C")])
    shutil.copy(old, tmp_path / "ban_sao_stp.xlsx")          # same bytes, other name
    # hand-made re-sent by the same unit: the later file (mtime) wins
    first = hand_made_xlsx(tmp_path / "sngv_a.xlsx", unit_line="(Kèm theo báo cáo của Sở Ngoại vụ)")
    second = hand_made_xlsx(tmp_path / "sngv_b.xlsx", rows=[(1, "Việc mới duy nhất", "Tháng 1", "Tháng 2", "10%")],
                            unit_line="(Kèm theo báo cáo của Sở Ngoại vụ)")
    os.utime(first, (1_600_000_000, 1_600_000_000))
    os.utime(second, (1_500_000_000, 1_500_000_000))  # b is older: a replaces it
    result = consolidate([str(tmp_path)])
    files = by_file(result)
    dup = files["stp_lan1.xlsx"]                               # same bytes as the earlier ban_sao_stp.xlsx
    assert dup.status == "duplicate" and dup.rows == 0 and "Trùng nội dung" in dup.message
    replaced = files["ban_sao_stp.xlsx"]
    assert replaced.status == "duplicate" and replaced.rows == 0
    assert "đã được thay bằng tệp" in replaced.message.lower() and "stp_lan2.xlsx" in replaced.message
    assert files["stp_lan2.xlsx"].status == "ok" and files["stp_lan2.xlsx"].rows == 3
    assert files["sngv_a.xlsx"].status == "ok" and files["sngv_a.xlsx"].rows == 3
    assert files["sngv_b.xlsx"].status == "duplicate" and "sngv_a.xlsx" in files["sngv_b.xlsx"].message
    names = [r["name"] for r in result.content.rows["works"]]
    assert "Công trình cũ A" not in names and "Việc mới duy nhất" not in names
    assert result.total_rows == 6 and result.exit_code == 1  # its months without a year are errors in the data
    assert {f["status"] for f in result.as_json()["files"]} <= {"ok", "error", "duplicate"}
    # re-running gives the same master, byte for byte, and so does --jobs 2
    m1 = write_master(result, tmp_path.parent / (tmp_path.name + "_m1.xlsx"))
    m2 = write_master(consolidate([str(tmp_path)]), tmp_path.parent / (tmp_path.name + "_m2.xlsx"))
    m3 = write_master(consolidate([str(tmp_path)], jobs=2), tmp_path.parent / (tmp_path.name + "_m3.xlsx"))
    assert m1.read_bytes() == m2.read_bytes() == m3.read_bytes()


def test_units_from_filename_and_unit_map(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hand_made_xlsx(folder / "Phong_Van_hoa_huyen.xlsx", unit_line="")
    hand_made_xlsx(folder / "sub_a.xlsx", unit_line="")
    (folder / "sub").mkdir()
    hand_made_xlsx(folder / "sub" / "bao_cao.xlsx", unit_line="", rows=[(1, "Việc khác", "Tháng 1", "Tháng 2", "5%")])
    result = consolidate([str(folder)])
    assert by_file(result)["Phong_Van_hoa_huyen.xlsx"].unit == "Phong Van hoa huyen"
    mapping = tmp_path / "donvi.csv"
    mapping.write_bytes("file;unit\nsub_a.xlsx;Phòng Văn hóa huyện Can Lộc\nin/sub/bao_cao.xlsx;UBND xã Thạch Hà\n"
                        .encode("utf-8-sig"))
    result = consolidate([str(folder)], unit_map=str(mapping))
    files = by_file(result)
    assert files["sub_a.xlsx"].unit == "Phòng Văn hóa huyện Can Lộc"
    assert files["bao_cao.xlsx"].unit == "UBND xã Thạch Hà"
    assert files["Phong_Van_hoa_huyen.xlsx"].unit == "Phong Van hoa huyen"
    assert {r["unit"] for r in works_of(result, "bao_cao.xlsx")} == {"UBND xã Thạch Hà"}
    # the map overrides Thông tin too
    template_file(folder / "tt.xlsx", works=[work(1, "X")])
    mapping.write_text("file,unit\ntt.xlsx,Đơn vị theo bảng\n", encoding="utf-8")
    assert by_file(consolidate([str(folder / "tt.xlsx")], unit_map=str(mapping)))["tt.xlsx"].unit == "Đơn vị theo bảng"
    with pytest.raises(ThiDuaError):
        consolidate([str(folder)], unit_map=str(tmp_path / "none.csv"))


def test_folder_discovery_skips_lock_hidden_and_other_files(tmp_path):
    hand_made_xlsx(tmp_path / "b.xlsx")
    (tmp_path / "~$b.xlsx").write_bytes(b"lock")
    (tmp_path / ".an.xlsx").write_bytes(b"hidden")
    (tmp_path / "ghi_chu.docx").write_bytes(b"doc")
    (tmp_path / "A").mkdir()
    hand_made_xlsx(tmp_path / "A" / "a.xlsx", rows=[(1, "Việc A", "Tháng 1", "Tháng 2", "5%")],
                   unit_line="(Kèm theo báo cáo của Sở Nội vụ)")
    (tmp_path / ".git").mkdir()
    hand_made_xlsx(tmp_path / ".git" / "x.xlsx")
    result = consolidate([str(tmp_path)])
    # a Word file is read for proposals (issue 21): this one is no Word file at all, which is said
    assert [Path(f.file).name for f in result.files] == ["a.xlsx", "b.xlsx", "ghi_chu.docx"]
    assert by_file(result)["ghi_chu.docx"].status == "error"
    explicit_lock = consolidate([str(tmp_path / "~$b.xlsx"), str(tmp_path / "b.xlsx")])
    assert by_file(explicit_lock)["~$b.xlsx"].status == "error"


def test_write_master_refuses_inputs_and_existing_files(tmp_path):
    src = hand_made_xlsx(tmp_path / "a.xlsx")
    before = src.read_bytes()
    result = consolidate([str(tmp_path)])
    with pytest.raises(ThiDuaError, match="tệp nguồn"):
        write_master(result, src, force=True)
    assert src.read_bytes() == before
    out = write_master(result, tmp_path.parent / (tmp_path.name + "_m.xlsx"))
    with pytest.raises(OutputExists):
        write_master(result, out)
    assert write_master(result, out, force=True) == out


def test_json_shape_and_progress(tmp_path):
    hand_made_xlsx(tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes(b"junk")
    seen = []
    result = consolidate([str(tmp_path)], jobs=1, progress=lambda d, t, f: seen.append((d, t, Path(f).name)))
    assert seen == [(1, 2, "a.xlsx"), (2, 2, "b.xlsx")]
    data = json.loads(json.dumps(result.as_json(), ensure_ascii=False))
    assert set(data) == {"files", "rows", "proposals", "findings"} and data["rows"] == 3 and data["proposals"] == 0
    assert all(set(f) == {"file", "status", "unit", "rows", "proposals", "message", "warnings", "errors",
                          "unit_by_name"} for f in data["files"])


def test_info_from_the_boards_own_workbook(tmp_path):
    board = template_file(tmp_path.parent / (tmp_path.name + "_ban.xlsx"), info("Ban Thi đua - Khen thưởng", "BAN THI ĐUA - KHEN THƯỞNG",
                                                             "12/BC-BTĐKT", D(2021, 12, 20)))
    hand_made_xlsx(tmp_path / "a.xlsx")
    result = consolidate([str(tmp_path)], info_from=str(board))
    assert result.content.info["doc_number"] == "12/BC-BTĐKT"
    assert result.content.info["doc_date"] == dt.datetime(2021, 12, 20)
    assert write_master(result, tmp_path.parent / (tmp_path.name + "_m.xlsx")).exists()


def test_proper_names_and_title_facts():
    assert proper_name("SỞ Y TẾ HÀ TĨNH") == "Sở Y tế Hà Tĩnh"
    assert proper_name("SỞ GIÁO DỤC VÀ ĐÀO TẠO") == "Sở Giáo dục và Đào tạo"
    assert proper_name("UBND HUYỆN CAN LỘC") == "UBND huyện Can Lộc"
    assert proper_name("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Sở Lao động - Thương binh và Xã hội"
    assert proper_name("Sở Tư pháp") == "Sở Tư pháp"
    # a place after a field named in full, without 'huyện' or a province
    assert proper_name("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CAN LỘC") == "Phòng Giáo dục và Đào tạo Can Lộc"
    assert proper_name("PHÒNG VĂN HÓA - XÃ HỘI THẠCH HÀ") == "Phòng Văn hóa - Xã hội Thạch Hà"
    assert proper_name("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Sở Văn hóa, Thể thao và Du lịch"
    assert proper_name("PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ") == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert proper_name("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG") == "Sở Nông nghiệp và Môi trường"
    # named after a place or a person: a party committee, a school (a level word after the kind stays a level)
    assert proper_name("HUYỆN ỦY CAN LỘC") == "Huyện ủy Can Lộc" and proper_name("HUYỆN ỦY") == "Huyện ủy"
    assert proper_name("TRƯỜNG THPT PHAN ĐÌNH PHÙNG") == "Trường THPT Phan Đình Phùng"
    assert proper_name("TRƯỜNG MẦM NON HOA SEN") == "Trường Mầm non Hoa Sen"
    assert proper_name("TRƯỜNG THPT CHUYÊN HÀ TĨNH") == "Trường THPT chuyên Hà Tĩnh"
    assert proper_name("TRƯỜNG TIỂU HỌC XÃ THẠCH HÀ") == "Trường Tiểu học xã Thạch Hà"
    assert proper_name("TRƯỜNG CHÍNH TRỊ TRẦN PHÚ") == "Trường Chính trị Trần Phú"
    facts = facts_from_lines(["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc", "DANH SÁCH",
                              "(Kèm theo báo cáo số 95/BC-STP ngày 03/12/2021 của Sở Tư pháp)"])
    assert facts["heading_unit"] == "Sở Tư pháp" and facts["annex_unit"] == "Sở Tư pháp"
    assert facts["date"] == dt.date(2021, 12, 3) and facts["year"] == 2021


def test_summary_view_prints_the_error_files_and_every_file_when_verbose(tmp_path):
    import io
    from rich.console import Console
    from xlsrc.consolidate.cli_view import print_summary
    hand_made_xlsx(tmp_path / "a.xlsx")
    (tmp_path / "b [x].xlsx").write_bytes(b"junk")
    result = consolidate([str(tmp_path)])
    buf = io.StringIO()
    print_summary(result, Console(file=buf, width=200, highlight=False))
    text = buf.getvalue()
    assert "a.xlsx" not in text and "- b [x].xlsx: " in text
    assert "2 tệp: 1 đạt, 0 trùng, 1 lỗi; 3 công trình, phần việc; dữ liệu có 0 lỗi và 1 cảnh báo;" in text
    buf = io.StringIO()
    print_summary(result, Console(file=buf, width=200, highlight=False), verbose=True)
    text = buf.getvalue()
    assert "a.xlsx" in text and "b [x].xlsx" in text and "1 đạt" in text and "1 lỗi" in text
