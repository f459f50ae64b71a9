"""No click goes unanswered (issue 18 §2): every failure of a button reaches
the user in Vietnamese — an Excel alert, or, when Excel cannot show one,
stderr with exit code 1 (xlwings shows it) — also before our code runs.
The subprocess tests run xlwings' real RunPython command line."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

from .button_process import runpython_command
from .xlwings_payload import alerts, open_caller, payload_from_file

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("LOCALAPPDATA", "PYTHONPATH")}
    env.update({"XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8", **extra})
    return env


@pytest.fixture()
def demo_xlsx(tmp_path):
    return write_workbook(tmp_path / "ThiDua.xlsx", demo_content())


def test_the_real_command_line_without_excel_says_so_and_exits_1(tmp_path):
    """xw.Book.caller() fails (no Excel here, as when pywin32 is broken): a
    Vietnamese line on stderr, exit code 1, the details in the log."""
    done = subprocess.run(runpython_command("import xlsrc.macros; xlsrc.macros.validate()"), cwd=tmp_path,
                          env=_env(tmp_path), capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1, done
    assert "Python không kết nối được với sổ Excel đang mở" in done.stderr
    assert "CaiDat.cmd" in done.stderr and "Traceback" not in done.stderr
    log = tmp_path / "state" / "thidua" / "thidua.log"
    assert str(log) in done.stderr and "xw.Book.caller()" in log.read_text(encoding="utf-8")


def test_an_english_windows_console_gets_the_message_without_diacritics(tmp_path):
    """stderr redirected to xlwings' log uses the ANSI code page (cp1252 on an
    English Windows): the line is written without diacritics, never as \\u escapes."""
    done = subprocess.run(runpython_command("import xlsrc.macros; xlsrc.macros.validate()"), cwd=tmp_path,
                          env=_env(tmp_path, PYTHONIOENCODING="cp1252"), capture_output=True, timeout=120)
    assert done.returncode == 1
    err = done.stderr.decode("cp1252")
    assert err.startswith("Thi dua - Khen thuong: Python khong ket noi duoc voi so Excel dang mo"), err
    assert "\\u" not in err and "?" not in err.split("thidua.log")[0]


def test_an_import_error_before_the_job_is_caught_at_the_entry_point(tmp_path):
    """A broken installation (a module that does not load, as a DLL that
    fails) answers in Vietnamese with the log's path, not xlwings' English traceback."""
    broken = tmp_path / "site"
    shutil.copytree(ROOT / "xlsrc", broken / "xlsrc", ignore=shutil.ignore_patterns("__pycache__"))
    (broken / "xlsrc" / "jobs.py").write_text(
        'raise ImportError("DLL load failed while importing _calamine: The specified module could not be found.")\n',
        encoding="utf-8")
    done = subprocess.run(runpython_command("import xlsrc.macros; xlsrc.macros.compute()"), cwd=tmp_path,
                          env=_env(tmp_path, PYTHONPATH=str(broken)), capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 1, done
    assert "Không nạp được phần Python của thidua (ImportError: DLL load failed" in done.stderr
    assert "chạy lại CaiDat.cmd" in done.stderr and "Traceback" not in done.stderr
    assert "thidua.log" in done.stderr


def test_a_failing_caller_in_process_exits_1_with_a_vietnamese_line(tmp_path, monkeypatch, capsys):
    import xlwings as xw
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    monkeypatch.delattr(xw.Book, "_mock_caller", raising=False)
    from xlsrc import macros
    with pytest.raises(SystemExit) as stop:
        macros.review()
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Thi đua - Khen thưởng: Python không kết nối được với sổ Excel đang mở")


def test_an_alert_excel_refuses_reaches_stderr(demo_xlsx, tmp_path, monkeypatch, capsys):
    """Excel busy (a dialog open): the summary the alert carried goes to stderr, exit code 1."""
    import xlwings.main
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    open_caller(payload_from_file(demo_xlsx))

    def busy(self, *args, **kwargs):
        raise RuntimeError("(-2147418111, 'Call was rejected by callee.', None, None)")

    monkeypatch.setattr(xlwings.main.App, "alert", busy)
    from xlsrc import macros
    with pytest.raises(SystemExit) as stop:
        macros.validate()
    assert stop.value.code == 1
    assert capsys.readouterr().err == ("Thi đua - Khen thưởng: Có 0 lỗi và 1 cảnh báo. Xem cột 'Kiểm tra' của các "
                                       "dòng được tô màu.\n")


def test_a_cell_that_cannot_be_selected_keeps_the_summary(demo_xlsx, tmp_path, monkeypatch):
    """The first error's sheet is hidden (Excel refuses to activate it): the
    summary is still the message, never 'lỗi ngoài dự kiến'."""
    import xlwings.main
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    payload = payload_from_file(demo_xlsx)
    works = payload["sheets"][[s["name"] for s in payload["sheets"]].index(S.WORKS.name)]
    works["values"][1][S.WORKS.headers.index("Ngày hoàn thành")] = "2019-01-01T00:00:00.000Z"
    book = open_caller(payload)

    def hidden(self, *args, **kwargs):
        raise RuntimeError("Activate method of Worksheet class failed")

    monkeypatch.setattr(xlwings.main.Sheet, "activate", hidden)
    from xlsrc import macros
    macros.validate()
    assert alerts(book) == ["Có 1 lỗi và 1 cảnh báo. Xem cột 'Kiểm tra' của các dòng được tô màu."]
    log = (tmp_path / "state" / "thidua" / "thidua.log").read_text(encoding="utf-8")
    assert "chọn ô dòng" in log and "Activate method" in log


def test_an_unexpected_error_names_the_stage_in_the_log(demo_xlsx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    book = open_caller(payload_from_file(demo_xlsx))
    monkeypatch.setattr("xlsrc.jobs.run_compute", lambda b: 1 / 0)
    from xlsrc import macros
    macros.compute()
    assert alerts(book)[-1].startswith("Đã xảy ra lỗi ngoài dự kiến")
    log = (tmp_path / "state" / "thidua" / "thidua.log").read_text(encoding="utf-8")
    assert "macro compute (Đang tính tiến độ và trạng thái các công trình…)" in log
