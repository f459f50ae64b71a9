"""Boundaries of `thidua consolidate` (issue 24, mutation testing of
xlsrc/consolidate/): which files are found, which unit sent each, which file
wins, the counts and the master's own Thông tin. Real files, read back; each
value and message asserted exactly."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from xlsrc.consolidate.discover import Candidate, discover

from .fixtures_consolidate import hand_made_xlsx


def names(found: list[Candidate]) -> list[tuple[str, str]]:
    return [(Path(c.path).name, c.error) for c in found]


# -------------------------------------------------------------- discovery
def test_folder_walk_suffixes_lock_files_hidden_folders_and_links(tmp_path):
    top = tmp_path / "nop"
    (top / "Xa A" / "con").mkdir(parents=True)
    (top / ".an").mkdir()
    (top / "~$tam").mkdir()
    for rel in ("b.XLSX", "Xa A/a.xlsm", "Xa A/con/c.ods", "Xa A/con/d.docx", ".an/e.xlsx", "~$tam/f.xlsx",
                "~$b.XLSX", ".g.xlsx", "ghi chu.txt", "h.pdf"):
        (top / rel).write_bytes(b"x")
    (top / "khac.xml").write_text("<?xml version='1.0'?><note>không phải bảng tính</note>", encoding="utf-8")
    (top / "noi_bo.xlsx").symlink_to(top / "b.XLSX")               # a link inside the folder: read
    (top / "mat.xlsx").symlink_to(top / "khong_co.xlsx")           # a link to nothing
    (top / "vong.xlsx").symlink_to(top / "vong.xlsx")              # a link to itself
    got = discover([str(top)])
    link = "là liên kết tượng trưng (symlink) trỏ tới tệp không có hoặc trỏ vòng về chính nó; bỏ qua."
    # sorted by the whole path, case aside; the link beside its target is that file again (the target kept)
    assert names(got) == [("b.XLSX", ""), ("mat.xlsx", f"Tệp 'mat.xlsx' {link}"), ("vong.xlsx", f"Tệp 'vong.xlsx' {link}"),
                          ("a.xlsm", ""), ("c.ods", ""), ("d.docx", "")]
    assert [c.path for c in got] == [str(top / n) for n in ("b.XLSX", "mat.xlsx", "vong.xlsx", "Xa A/a.xlsm",
                                                            "Xa A/con/c.ods", "Xa A/con/d.docx")]


def test_explicit_files_each_once_sorted_and_every_refusal_said(tmp_path):
    (tmp_path / "B.xlsx").write_bytes(b"x")
    (tmp_path / "a.xls").write_bytes(b"x")
    (tmp_path / "~$B.xlsx").write_bytes(b"x")
    (tmp_path / "ghi_chu.txt").write_bytes(b"x")
    (tmp_path / "mat.xlsx").symlink_to(tmp_path / "khong_co.xlsx")
    (tmp_path / "lien_ket.xlsx").symlink_to(tmp_path / "B.xlsx")
    inputs = [str(tmp_path / n) for n in ("B.xlsx", "~$B.xlsx", "ghi_chu.txt", "mat.xlsx", "khong_co.ods")]
    # the same file again: by the same name, through '..', inside its folder, and through a link to it
    inputs += [str(tmp_path / "B.xlsx"), str(tmp_path / "x" / ".." / "B.xlsx"), str(tmp_path),
               str(tmp_path / "lien_ket.xlsx")]
    got = discover(inputs)
    assert names(got) == [
        ("a.xls", ""),
        ("B.xlsx", ""),
        ("ghi_chu.txt", "Tệp 'ghi_chu.txt' không phải bảng tính (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .xml, .fods, "
                        ".xltx, .xltm, .ots) hay văn bản Word đề nghị khen thưởng (.docx, .doc); bỏ qua."),
        ("khong_co.ods", f"Không tìm thấy tệp hoặc thư mục '{tmp_path / 'khong_co.ods'}'."),
        ("mat.xlsx", f"'{tmp_path / 'mat.xlsx'}' là liên kết tượng trưng (symlink) trỏ tới nơi không có hoặc trỏ "
                     f"vòng về chính nó."),
        ("~$B.xlsx", "Tệp '~$B.xlsx' là tệp khóa tạm của Office (tệp đang mở), không phải báo cáo; bỏ qua.")]
    assert got[1].path == str(tmp_path / "B.xlsx")   # the first spelling given is kept


def test_a_name_typed_in_nfc_is_the_file_saved_in_nfd(tmp_path):
    nfd = unicodedata.normalize("NFD", "Sở Tư pháp.xlsx")
    (tmp_path / nfd).write_bytes(b"x")
    got = discover([str(tmp_path / "Sở Tư pháp.xlsx"), str(tmp_path)])
    assert [(c.path, c.error) for c in got] == [(str(tmp_path / nfd), "")]  # the name on disk, to be opened


def test_a_folder_that_cannot_be_read_is_one_error_and_the_rest_is_read(tmp_path):
    """A subfolder whose path is longer than the system allows (ENAMETOOLONG,
    which even root gets): its files are not read, which is said, and the
    files beside it are."""
    top = tmp_path / "nop"
    top.mkdir()
    hand_made_xlsx(top / "a.xlsx")
    fd = os.open(top, os.O_RDONLY)
    deep = top
    for i in range(18):  # 18 × 250 characters: past PATH_MAX (4096)
        part = chr(ord("a") + i) * 250
        os.mkdir(part, dir_fd=fd)
        inner = os.open(part, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, deep = inner, deep / part
    os.close(fd)
    got = discover([str(top)])
    assert [Path(c.path).name for c in got] == ["a.xlsx", "q" * 250]
    assert got[0].error == ""
    assert got[1].path == str(deep.parent)
    assert got[1].error == (f"Không đọc thư mục được '{deep.parent}': tên tệp hoặc đường dẫn quá dài. "
                            "Các tệp trong thư mục này không được tổng hợp.")


def test_a_link_out_of_the_folder_named_on_its_own_is_read_whatever_the_order(tmp_path):
    """The refusal says 'chỉ đích danh tệp đó nếu muốn tổng hợp': naming the
    link after its folder, or before it, reads the file."""
    (tmp_path / "ngoai").mkdir()
    target = tmp_path / "ngoai" / "that.xlsx"
    target.write_bytes(b"x")
    folder = tmp_path / "nop"
    folder.mkdir()
    (folder / "lien_ket.xlsx").symlink_to(target)
    alone = discover([str(folder)])
    assert names(alone) == [("lien_ket.xlsx", f"Tệp 'lien_ket.xlsx' là liên kết tượng trưng (symlink) trỏ ra ngoài thư "
                                              f"mục '{folder}', tới '{target}'; không đọc. Chép tệp thật vào thư mục "
                                              "hoặc chỉ đích danh tệp đó nếu muốn tổng hợp.")]
    for inputs in ([folder, folder / "lien_ket.xlsx"], [folder / "lien_ket.xlsx", folder]):
        assert names(discover([str(p) for p in inputs])) == [("lien_ket.xlsx", "")]
