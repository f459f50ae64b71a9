"""The command line under hostile paths, data and arguments: everything it
prints is Vietnamese (no framework English), data and paths are printed as
they are, outputs are created exclusively with the usual permissions, and
operating-system failures (full disk, read-only folder, unreadable input)
get a clear message. Real processes, real files, real file systems."""
from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import re
import signal
import stat
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from xlsrc.atomic import atomic_path, write_bytes_atomic
from xlsrc.cli import main
from xlsrc.errors import OutputExists, ThiDuaError

from .demo_folder import demo_run  # noqa: F401 (a fixture)
from .fixtures_consolidate import info, template_file, work

def _commands() -> list[str]:
    import typer
    from xlsrc.cli import app
    return sorted(typer.main.get_command(app).commands)


COMMANDS = _commands()  # every command, including those added later
ENGLISH = ["Usage", "Options", "Arguments", "[required]", "default:", "Show this message", "Missing", "Invalid",
           "Try '", "<bool>", "<path>", "list[", "int range", "x>=", "Error", "Commands", "COMMAND", "ARGS",
           "OPTIONS", "Aborted", "No such", "unexpected", "requires", "does not take", "<str>", "<int>",
           "Input should", "Traceback", "for help", "is not", "{"]


def run(*args, cwd=None, timeout=120, **kw):
    env = dict(os.environ, COLUMNS="120", TERMINAL_WIDTH="120")
    return subprocess.run([sys.executable, "-m", "xlsrc", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env, **kw)


def no_english(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


def run_inline(*args) -> subprocess.CompletedProcess:
    """What ``run`` gives, from the command line run in this process (no
    Python started and xlsrc imported again: ≈ 0.5 s a run); the usage line
    names this process's program instead of ``python -m xlsrc``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


# -- issue 11 §4: a command line in Vietnamese --------------------------------
@pytest.mark.parametrize("command", [None] + COMMANDS)
def test_help_of_every_command_is_vietnamese_and_h_works_like_help(command, monkeypatch):
    """The program's own help in a real process; each command's in this one."""
    args = [command] if command else []
    if command is None:
        long, short = run("--help"), run("-h")
    else:
        monkeypatch.setenv("COLUMNS", "120")
        long, short = run_inline(*args, "--help"), run_inline(*args, "-h")
    assert long.returncode == 0 and short.returncode == 0, long.stderr
    assert long.stdout == short.stdout
    assert no_english(long.stdout + long.stderr) == [], long.stdout
    assert "Cách dùng:" in long.stdout and "Tùy chọn" in long.stdout
    assert "Hiện hướng dẫn này rồi thoát." in long.stdout


def test_types_are_named_in_vietnamese():
    text = run("consolidate", "-h").stdout
    assert "<số nguyên ≥ 1>" in text and "<đường dẫn>..." in text
    assert "[bắt buộc]" in text and "Tham số" in text
    assert "[mặc định: thidua-demo]" in run("demo", "-h").stdout


WRONG = [
    (["validate"], "Thiếu tham số SỔ"),
    (["compute", "a.xlsx"], "Thiếu tùy chọn '-o' / '--output'"),
    (["compute", "a.xlsx", "-o"], "Tùy chọn '-o' cần một giá trị"),
    (["validate", "--jsn", "a.xlsx"], "Không có tùy chọn '--jsn'. Có phải ý bạn là: --json?"),
    (["validate", "--json=1", "a.xlsx"], "Tùy chọn '--json' là công tắc"),
    (["validate", "a.xlsx", "b.xlsx"], "Thừa tham số: 'b.xlsx'"),
    (["consolidate", "x", "-o", "y.xlsx", "--jobs", "0"], "Giá trị không hợp lệ cho '--jobs': cần một số nguyên ≥ 1"),
    (["consolidate", "x", "-o", "y.xlsx", "--jobs", "hai"], "Giá trị không hợp lệ cho '--jobs'"),
    (["consolidate", "-o", "y.xlsx"], "Thiếu tham số ĐẦU_VÀO"),
    (["kiemtra"], "Không có lệnh 'kiemtra'"),
    (["--phien-ban"], "Không có tùy chọn '--phien-ban'"),
    (["new"], "Thiếu tham số TỆP"),
    (["check-template"], "Thiếu tham số MẪU"),
    (["report", "a.xlsx", "--template"], "Tùy chọn '--template' cần một giá trị"),
    (["demo", "a", "b"], "Thừa tham số: 'b'"),
]


@pytest.mark.parametrize("args,expected", WRONG, ids=[" ".join(a) for a, _ in WRONG])
def test_wrong_arguments_get_a_vietnamese_message(tmp_path, monkeypatch, args, expected):
    """In this process (the next test: a real one says the same)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    r = run_inline(*args)
    assert r.returncode == 2
    assert expected in r.stderr, r.stderr
    assert "Cách dùng:" in r.stderr and "-h' để biết cách dùng." in r.stderr
    assert no_english(r.stdout + r.stderr) == [], r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder made


def test_a_real_process_says_what_the_command_line_run_here_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    for args, _ in (WRONG[0], WRONG[-1]):
        real, here = run(*args, cwd=tmp_path), run_inline(*args)
        assert real.returncode == here.returncode == 2
        assert real.stdout == here.stdout == ""
        program = here.stderr.split("Cách dùng: ", 1)[1].split(f" {args[0]} ", 1)[0]  # this process's name
        assert f"Cách dùng: python -m xlsrc {args[0]} " in real.stderr
        assert real.stderr == here.stderr.replace(f"{program} {args[0]} ", f"python -m xlsrc {args[0]} ")


@pytest.mark.long
@pytest.mark.parametrize("command,args", [("new", ["ThiDua.xlsx"]), ("demo", ["."])])
def test_file_exists_hint_names_a_flag_the_command_has(tmp_path, monkeypatch, demo_run, command, args):
    """The refusal in a real process; the first run and the help in this one
    (the demo's first run: the shared one of tests/demo_folder.py)."""
    monkeypatch.setenv("COLUMNS", "120")
    if command == "demo":
        folder = demo_run.folder
        assert demo_run.returncode == 0, demo_run.stderr
    else:
        folder = tmp_path
        monkeypatch.chdir(folder)
        assert run_inline(command, *args).returncode == 0
    r = run(command, *args, cwd=folder)
    assert r.returncode == 2 and "đã có. Dùng --force để ghi đè" in r.stderr
    assert "-o" not in r.stderr.split("đã có.")[1]  # new and demo have no -o
    assert "--force" in run_inline(command, "-h").stdout


def test_output_into_a_missing_folder_is_an_error_and_no_folder_is_made(tmp_path):
    src = template_file(tmp_path / "so.xlsx", works=[work(1, "Xây cầu")])
    for args in (["compute", src, "-o", tmp_path / "khong_co" / "a.xlsx"],
                 ["consolidate", src, "-o", tmp_path / "khong_co" / "a.xlsx"],
                 ["new", tmp_path / "khong_co" / "a.xlsx"],
                 ["demo", tmp_path / "khong_co" / "con"]):
        r = run_inline(*args)
        assert r.returncode == 2 and "không có" in r.stderr and "không tự tạo thư mục" in r.stderr, r.stderr
        assert not (tmp_path / "khong_co").exists()


INTERRUPT_AT = Path(__file__).with_name("interrupt_at.py")


def _ctrl_c_at(point: str, tmp_path: Path, files: int = 3) -> tuple[subprocess.CompletedProcess, Path]:
    """``thidua consolidate`` interrupted by SIGINT when it reaches ``point``
    (tests/interrupt_at.py): the run says when it is there, then the signal is
    sent. Returns the process's outcome and the master's path."""
    src = template_file(tmp_path / "mau.xlsx", works=[work(i, f"Việc {i}") for i in range(1, 20)])
    folder = tmp_path / "vao"
    folder.mkdir()
    for i in range(files):
        (folder / f"don_vi_{i}.xlsx").write_bytes(src.read_bytes())
    master = tmp_path / "th.xlsx"
    ready_r, ready_w = os.pipe()
    proc = subprocess.Popen([sys.executable, str(INTERRUPT_AT), point, "consolidate", str(folder), "-o", str(master),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, READY_FD=str(ready_w)), pass_fds=(ready_w,))
    os.close(ready_w)
    with os.fdopen(ready_r, "rb") as ready:
        said = ready.readline()  # blocks until the run is at the point (or has ended without reaching it)
    if said == b"READY\n":
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert said == b"READY\n", f"the run never reached '{point}': {proc.returncode} {err}"
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), master


@pytest.mark.parametrize("point", ["reading", "writing", "swallowed"])
def test_ctrl_c_before_the_master_is_written_prints_stopped_exits_130_and_writes_nothing(tmp_path, point):
    r, master = _ctrl_c_at(point, tmp_path)
    assert r.returncode == 130, r.stderr
    assert r.stderr.strip().endswith("Đã dừng.") and "Traceback" not in r.stderr + r.stdout
    assert not master.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.xlsx", "vao"]  # no temporary file left either


@pytest.mark.parametrize("point", ["printing", "ending"])
def test_ctrl_c_after_the_master_is_written_still_exits_130(tmp_path, point):
    r, master = _ctrl_c_at(point, tmp_path)
    assert r.returncode == 130, r.stderr
    assert r.stderr.strip().endswith("Đã dừng.") and "Traceback" not in r.stderr + r.stdout
    assert "Exception ignored" not in r.stderr
    assert master.exists()  # complete: it had its name before the signal came


# -- issue 10 §6: console and path handling ------------------------------------
def test_markup_in_data_and_paths_is_printed_as_text(tmp_path):
    bracket = tmp_path / "Báo cáo [sửa lần 2].xlsx"
    template_file(bracket, works=[work(1, "Sửa nhà [/i]", start="Tháng 4 [/i]"), work(2, "[bold]Cầu[/bold]")])
    r = run_inline("validate", bracket)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr
    assert "Báo cáo [sửa lần 2].xlsx" in r.stdout + r.stderr
    assert "Tháng 4 [/i]" in r.stdout + r.stderr
    r = run("validate", "[/x].xlsx", cwd=tmp_path)
    assert r.returncode == 2 and "Không tìm thấy tệp '[/x].xlsx'" in r.stderr
    (tmp_path / "out").mkdir()
    r = run("consolidate", bracket, "-o", tmp_path / "out" / "[red]Tổng hợp[bold].xlsx", "-v")
    assert r.returncode in (0, 1, 3), r.stderr  # 1: the data has errors (Tháng 4 without its year)
    assert "Báo cáo [sửa lần 2].xlsx" in r.stdout and "[red]Tổng hợp[bold].xlsx" in r.stdout


def _consolidate_json(*args):
    r = run_inline("consolidate", *args, "--json")
    assert "Traceback" not in r.stderr, r.stderr
    return r, {Path(f["file"]).name: f for f in json.loads(r.stdout)["files"]} if r.stdout else {}


def test_symlink_loops_in_a_folder_cost_only_themselves(tmp_path):
    folder = tmp_path / "vao"
    (folder / "con").mkdir(parents=True)
    template_file(folder / "tot.xlsx", works=[work(1, "Xây cầu")])
    os.symlink(folder / "b.xlsx", folder / "a.xlsx")
    os.symlink(folder / "a.xlsx", folder / "b.xlsx")
    os.symlink(folder, folder / "con" / "vong")  # a folder loop
    (tmp_path / "out").mkdir()
    r, files = _consolidate_json(folder, folder / "a.xlsx", "-o", tmp_path / "out" / "th.xlsx")
    assert r.returncode == 3, r.stderr
    assert files["tot.xlsx"]["status"] == "ok"
    assert files["a.xlsx"]["status"] == files["b.xlsx"]["status"] == "error"
    assert "symlink" in files["a.xlsx"]["message"]


def run_as_nobody(fn, *args):
    """Run ``fn(*args)`` in a forked child that has dropped to user nobody: a
    real non-root process, for which permissions are enforced."""
    if os.geteuid() != 0:
        return fn(*args)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = ("ok", fn(*args))
        except BaseException as exc:  # report anything to the parent
            result = ("exc", repr(exc))
        with os.fdopen(w, "wb") as fh:
            pickle.dump(result, fh)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    assert kind == "ok", value
    return value


@pytest.fixture
def open_dir(tmp_path_factory):
    """A folder that user nobody may enter (pytest's own are 0700 root)."""
    import tempfile
    d = Path(tempfile.mkdtemp(prefix="thidua-open-"))
    d.chmod(0o755)
    yield d
    import shutil
    for p in d.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(d)


def _consolidate_files(folder):
    from xlsrc.consolidate import consolidate
    result = consolidate([str(folder)])
    return [(Path(f.file).name, f.status, f.message) for f in result.files], result.as_json()


def test_an_unreadable_subfolder_is_an_error_line_in_the_log_and_json(open_dir):
    template_file(open_dir / "tot.xlsx", works=[work(1, "Xây cầu")]).chmod(0o644)
    _consolidate_files(open_dir)  # every module loaded before the fork
    secret = open_dir / "bi_khoa"
    secret.mkdir()
    template_file(secret / "an.xlsx", works=[work(1, "Đường")]).chmod(0o644)
    secret.chmod(0)
    files, as_json = run_as_nobody(_consolidate_files, open_dir)
    by_name = {name: (status, msg) for name, status, msg in files}
    assert by_name["tot.xlsx"][0] == "ok", by_name
    assert by_name["bi_khoa"][0] == "error"
    assert "không có quyền truy cập" in by_name["bi_khoa"][1]
    assert any(f["file"].endswith("bi_khoa") and f["status"] == "error" for f in as_json["files"])


def _validate_cli(path):
    """The real `thidua validate` entry point, its output captured from fds 1 and 2."""
    import io
    from contextlib import redirect_stderr, redirect_stdout
    from xlsrc import cli
    buf = io.StringIO()
    with redirect_stdout(buf), redirect_stderr(buf):  # the consoles write to sys.stdout/sys.stderr of the moment
        try:
            cli.main(["validate", str(path)])
        except SystemExit as exc:
            return exc.code, buf.getvalue()
    return 0, buf.getvalue()


def test_an_unreadable_input_gets_a_clear_message(open_dir):
    f = template_file(open_dir / "khoa.xlsx", works=[work(1, "Xây cầu")])
    assert _validate_cli(f)[0] in (0, 1)  # as root: it reads (and every module is loaded before the fork)
    f.chmod(0)
    code, text = run_as_nobody(_validate_cli, f)
    assert code == 2 and "Không có quyền đọc tệp" in text and "Traceback" not in text, text


def test_a_folder_or_a_pipe_in_place_of_the_input(tmp_path):
    (tmp_path / "thu_muc.xlsx").mkdir()
    r = run_inline("validate", tmp_path / "thu_muc.xlsx")
    assert r.returncode == 2 and "là một thư mục" in r.stderr
    os.mkfifo(tmp_path / "ong.xlsx")
    r = run("validate", tmp_path / "ong.xlsx", timeout=30)  # a pipe would block a plain read for ever
    assert r.returncode == 2 and "không phải một tệp thông thường" in r.stderr


def test_nfd_file_names_match_the_unit_map(tmp_path):
    folder = tmp_path / "vao"
    folder.mkdir()
    for unit in ("Sở Tư pháp", "Sở Y tế"):
        nfd = unicodedata.normalize("NFD", f"Báo cáo {unit}.xlsx")
        template_file(folder / nfd, info(unit="", issuing="", number="01/BC-X"),
                      works=[work(1, f"Công trình của {unit}")])
    (tmp_path / "map.csv").write_text("file,unit\nBáo cáo Sở Tư pháp.xlsx,Sở Tư pháp\n"
                                      "Báo cáo Sở Y tế.xlsx,Sở Y tế\n", encoding="utf-8")
    from xlsrc.consolidate import consolidate
    result = consolidate([str(folder)], unit_map=str(tmp_path / "map.csv"))
    assert sorted((f.unit, f.status) for f in result.files) == [("Sở Tư pháp", "ok"), ("Sở Y tế", "ok")]


@pytest.mark.long
def test_compute_output_type_follows_its_extension(tmp_path):
    src = tmp_path / "so.xlsm"
    run = run_inline  # the file written is the point, not the process
    assert run("new", src).returncode == 0
    assert "xl/vbaProject.bin" in zipfile.ZipFile(src).namelist()
    r = run("compute", src, "-o", tmp_path / "ra.xlsx")
    assert r.returncode == 0, r.stderr
    z = zipfile.ZipFile(tmp_path / "ra.xlsx")
    assert "xl/vbaProject.bin" not in z.namelist()
    assert b"macroEnabled" not in z.read("[Content_Types].xml")
    import openpyxl
    assert openpyxl.load_workbook(tmp_path / "ra.xlsx").sheetnames
    r = run("compute", tmp_path / "ra.xlsx", "-o", tmp_path / "lai.xlsm")
    assert r.returncode == 2 and "không có macro" in r.stderr and not (tmp_path / "lai.xlsm").exists()
    r = run("compute", src, "-o", tmp_path / "van.xlsm")
    assert r.returncode == 0 and "xl/vbaProject.bin" in zipfile.ZipFile(tmp_path / "van.xlsm").namelist()


# -- atomic outputs ---------------------------------------------------------------
def test_the_final_name_is_created_exclusively(tmp_path):
    """Another writer creates the same new output while this one works: this
    one fails with 'đã có' and the other's file is kept."""
    target = tmp_path / "tong.xlsx"
    with pytest.raises(OutputExists):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"cua toi")
            target.write_bytes(b"cua nguoi khac")
    assert target.read_bytes() == b"cua nguoi khac"
    assert [p.name for p in tmp_path.iterdir()] == ["tong.xlsx"]  # no temporary file left


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_outputs_honour_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        write_bytes_atomic(tmp_path / "a.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == mode


def test_force_keeps_the_mode_and_the_hard_links(tmp_path):
    target = tmp_path / "bao_cao.docx"
    target.write_bytes(b"cu")
    target.chmod(0o664)
    os.link(target, tmp_path / "ban_chia_se.docx")
    write_bytes_atomic(target, b"moi", force=True)
    assert target.read_bytes() == b"moi" == (tmp_path / "ban_chia_se.docx").read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    single = tmp_path / "mot.docx"
    single.write_bytes(b"cu")
    single.chmod(0o640)
    write_bytes_atomic(single, b"moi", force=True)
    assert single.read_bytes() == b"moi" and stat.S_IMODE(single.stat().st_mode) == 0o640


@pytest.fixture
def small_fs(tmp_path):
    mnt = tmp_path / "o_dia"
    mnt.mkdir()

    def mount(opts):
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(mnt)], capture_output=True)
        if r.returncode != 0:
            pytest.skip(f"không gắn được tmpfs ở máy này: {r.stderr.decode(errors='replace').strip()}")
        return mnt
    yield mount
    subprocess.run(["umount", str(mnt)], capture_output=True)


def test_a_full_disk_gets_a_clear_message_and_leaves_nothing(small_fs):
    mnt = small_fs("size=4k")
    r = run_inline("new", mnt / "ThiDua.xlsx")
    assert r.returncode == 2 and "ổ đĩa đã đầy" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert list(mnt.iterdir()) == []


def test_a_read_only_folder_gets_a_clear_message(small_fs):
    mnt = small_fs("ro,size=32k")
    r = run_inline("new", mnt / "ThiDua.xlsx")
    assert r.returncode == 2 and "chỉ đọc" in r.stderr and "Traceback" not in r.stderr, r.stderr
