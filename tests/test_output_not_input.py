"""An output is never one of the inputs (issue 22, point 6): the same name,
another spelling of it, a hard link, a symbolic link, a unit's file in a
folder being consolidated; --force never overrides. Real commands, real files."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from xlsrc import cli
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.report import default_template

REFUSED = "công cụ không bao giờ ghi đè tệp đầu vào, kể cả với --force"


def run(*args) -> tuple[int, str]:
    buf = io.StringIO()
    with redirect_stdout(buf), redirect_stderr(buf):
        try:
            cli.main([str(a) for a in args])
        except SystemExit as exc:
            return exc.code, buf.getvalue()
    return 0, buf.getvalue()


def digest(p: Path) -> str:
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("demo") / "so.xlsx", demo_content())


@pytest.fixture
def unit(tmp_path, demo) -> Path:
    folder = tmp_path / "don_vi"
    folder.mkdir()
    shutil.copy(demo, folder / "a.xlsx")
    shutil.copy(demo, folder / "b.xlsx")
    return folder


def _alias(kind: str, target: Path, where: Path) -> Path:
    """Another name for ``target``: itself, a hard link, a symbolic link, a relative path with '..'."""
    if kind == "same":
        return target
    alias = where / f"ten_khac_{kind}{target.suffix}"
    if kind == "hard":
        os.link(target, alias)
    elif kind == "symlink":
        alias.symlink_to(target)
    elif kind == "dotdot":
        alias = target.parent / ".." / target.parent.name / target.name
    return alias


ALIASES = ["same", "hard", "symlink", "dotdot"]


@pytest.mark.parametrize("kind", ALIASES)
@pytest.mark.parametrize("command", ["compute", "review"])
def test_a_copy_command_never_writes_over_its_workbook(tmp_path, unit, kind, command):
    source = unit / "a.xlsx"
    before = digest(source)
    target = _alias(kind, source, tmp_path)
    code, text = run(command, source, "-o", target, "--force")
    assert code == 2 and REFUSED in text, text
    assert digest(source) == before and "Traceback" not in text


@pytest.mark.parametrize("kind", ALIASES)
def test_consolidating_never_writes_the_master_over_an_input_named(tmp_path, unit, kind):
    source = unit / "b.xlsx"
    before = digest(source)
    code, text = run("consolidate", unit / "a.xlsx", source, "-o", _alias(kind, source, tmp_path), "--force")
    assert code == 2 and REFUSED in text, text
    assert digest(source) == before


def test_consolidating_a_folder_never_writes_the_master_over_a_units_file(unit):
    before = digest(unit / "b.xlsx")
    for args in (["-o", unit / "b.xlsx", "--force"], ["-o", unit / "b.xlsx"]):
        code, text = run("consolidate", unit, *args)
        assert code == 2 and "là tệp của một đơn vị trong thư mục" in text and REFUSED in text, text
    sub = unit / "xa"
    sub.mkdir()
    shutil.copy(unit / "a.xlsx", sub / "c.xlsx")
    code, text = run("consolidate", unit, "-o", sub / "c.xlsx", "--force")
    assert code == 2 and REFUSED in text
    assert digest(unit / "b.xlsx") == before


def test_consolidating_a_folder_through_a_linked_output_is_refused(tmp_path, unit):
    """The output named through a link that leads into the folder (or from it) is the unit's file."""
    link = tmp_path / "ngoai.xlsx"
    link.symlink_to(unit / "b.xlsx")
    before = digest(unit / "b.xlsx")
    code, text = run("consolidate", unit, "-o", link, "--force")
    assert code == 2 and REFUSED in text, text
    assert digest(unit / "b.xlsx") == before


def test_a_master_of_an_earlier_run_in_the_folder_may_be_replaced(unit):
    master = unit / "TongHop.xlsx"
    assert run("consolidate", unit, "-o", master)[0] in (0, 1)
    code, text = run("consolidate", unit, "-o", master, "--force")
    assert code in (0, 1) and "Đã ghi sổ tổng hợp" in text, text


@pytest.mark.parametrize("kind", ["same", "hard", "symlink"])
def test_a_report_never_writes_over_its_template(tmp_path, demo, kind):
    template = tmp_path / "mau.docx"
    shutil.copy(default_template("department"), template)
    before = digest(template)
    code, text = run("report", demo, "--template", template, "-o", _alias(kind, template, tmp_path), "--force")
    assert code == 2 and REFUSED in text, text
    assert digest(template) == before


# -- links out of a folder being consolidated (issue 22, point 10) ---------------------------------
def test_a_link_out_of_the_folder_is_not_followed_and_names_its_target(tmp_path):
    from xlsrc.consolidate import consolidate

    from .fixtures_consolidate import info, template_file, work
    folder, outside = tmp_path / "don_vi", tmp_path / "ngoai"
    folder.mkdir()
    outside.mkdir()
    template_file(folder / "a.xlsx", info(unit="Sở Y tế"), works=[work(1, "Công trình của Sở Y tế")])
    secret = template_file(outside / "mat.xlsx", info(unit="Sở Tư pháp"), works=[work(1, "Hồ sơ ngoài thư mục")])
    (folder / "lien_ket.xlsx").symlink_to(secret)
    (folder / "cung_thu_muc.xlsx").symlink_to(folder / "a.xlsx")  # a link within the folder: the same file, once
    (folder / "thu_muc_ngoai").symlink_to(outside, target_is_directory=True)  # a linked folder: not walked
    result = consolidate([str(folder)], jobs=1)
    names = [w["name"] for w in result.content.rows["works"]]
    assert names == ["Công trình của Sở Y tế"]
    link = next(f for f in result.files if f.file.endswith("lien_ket.xlsx"))
    assert link.status == "error" and "trỏ ra ngoài thư mục" in link.message and str(secret) in link.message
    assert not any("mat.xlsx" in f.file for f in result.files)
    # named on the command line, the outside file is read: the user chose it
    assert "Hồ sơ ngoài thư mục" in [w["name"] for w in consolidate([str(secret)], jobs=1).content.rows["works"]]


def test_any_write_of_a_command_refuses_a_file_it_has_read(tmp_path, demo):
    """The guard is in the write itself: a command added later, that reads with FileBook and writes
    with atomic_path, is covered without a line of its own."""
    from xlsrc.access.files import FileBook
    from xlsrc.atomic import guarding_inputs, write_bytes_atomic
    from xlsrc.errors import ThiDuaError
    source = tmp_path / "so.xlsx"
    shutil.copy(demo, source)
    os.link(source, tmp_path / "lien_ket_cung.xlsx")
    before = digest(source)
    with guarding_inputs():
        FileBook(source)
        for target in (source, tmp_path / "lien_ket_cung.xlsx"):
            with pytest.raises(ThiDuaError, match=REFUSED):
                write_bytes_atomic(target, b"ghi de", force=True)
        write_bytes_atomic(tmp_path / "khac.xlsx", b"tep moi")  # any other file is written as usual
    assert digest(source) == before
    write_bytes_atomic(source, Path(demo).read_bytes(), force=True)  # outside a command: the caller decides
