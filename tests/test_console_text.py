"""Vietnamese printed to a cp1252 console or redirected output (an English
Windows) never fails: the command's work and its exit code stay true."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from xlsrc import console_text


def _run(args, cwd, encoding="cp1252"):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, *args], capture_output=True, cwd=cwd, env=env, timeout=300)


@pytest.mark.parametrize("args, said", [
    (["-m", "xlsrc", "new", "ThiDua.xlsx"], "Dã tao so: ThiDua.xlsx"),
    (["-m", "xlsrc.bundle", "workbook", "Tài liệu"], "Dã tao so: "),
])
def test_success_is_printed_and_reported_on_cp1252(tmp_path, args, said):
    run = _run(args, tmp_path)
    assert run.returncode == 0, run.stderr.decode("cp1252", "replace")
    out = run.stdout.decode("cp1252")
    assert out.startswith(said) and "Error" not in out and not run.stderr


def test_an_error_stays_an_error_with_its_message(tmp_path):
    run = _run(["-m", "xlsrc", "validate", "không-có.xlsx"], tmp_path)
    assert run.returncode == 2
    err = run.stderr.decode("cp1252")
    assert err.startswith("Loi: Không tìm thay tep 'không-có.xlsx'") and "Traceback" not in err


def test_the_handler_keeps_what_the_encoding_has():
    console_text.install()
    text = "Đã tạo sổ: Nguyễn Văn Ánh – 漢"
    assert text.encode("cp1252", console_text.HANDLER).decode("cp1252") == "Dã tao so: Nguyen Van Ánh – ?"
    assert text.encode("ascii", console_text.HANDLER).decode("ascii") == "Da tao so: Nguyen Van Anh ? ?"
    assert text.encode("utf-8", console_text.HANDLER).decode("utf-8") == text
