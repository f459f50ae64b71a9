"""The `thidua` command, run as a user would: a real process, real files (the
steps that only prepare or repeat the one under test run in this process)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content

from .demo_folder import demo_run  # noqa: F401 (a fixture)
from .user_books import run_cli


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "xlsrc", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, encoding="utf-8")


def run_here(*args):
    """The same command in this process: for the steps before or after the one
    a test runs as a user would (no Python started again: ≈ 0.6 s each)."""
    return subprocess.CompletedProcess(args, *run_cli(args))


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def demo_xlsx(tmp_path):
    return write_workbook(tmp_path / "demo.xlsx", demo_content())


def test_validate_demo_has_no_errors(demo_xlsx):
    res = run("validate", demo_xlsx)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Có 0 lỗi" in res.stdout
    assert "Traceback" not in res.stderr


def test_validate_json_shape_and_exit_1_on_errors(tmp_path):
    content = demo_content()
    content.rows["awards"][0]["recipient_kind"] = S.COLLECTIVE
    content.rows["awards"][0]["form"] = "Chiến sĩ thi đua cơ sở"
    path = write_workbook(tmp_path / "bad.xlsx", content)
    res = run("validate", path, "--json")
    assert res.returncode == 1
    findings = json.loads(res.stdout)
    assert all(set(f) == {"sheet", "row", "column", "cell", "severity", "code", "message"} for f in findings)
    wrong = [f for f in findings if f["code"] == "AWARD_RECIPIENT_KIND"]
    assert wrong == [{"sheet": "Khen thưởng", "row": 2, "column": "Đối tượng", "cell": "C2", "severity": "error",
                      "code": "AWARD_RECIPIENT_KIND",
                      "message": "'Chiến sĩ thi đua cơ sở' chỉ tặng cho cá nhân, không tặng cho tập thể."}]


@pytest.mark.parametrize("content", [b"hello, not a workbook", b"PK\x03\x04broken zip", b""])
def test_not_a_workbook_exits_2_with_vietnamese_message(tmp_path, content):
    path = tmp_path / "baocao.xlsx"
    path.write_bytes(content)
    res = run("validate", path)
    assert res.returncode == 2
    assert "baocao.xlsx" in res.stderr and "Traceback" not in res.stderr
    assert any(w in res.stderr for w in ("hỏng", "rỗng", "không phải bảng tính"))


def test_missing_file_exits_2(tmp_path):
    res = run("validate", tmp_path / "khong-co.xlsx")
    assert res.returncode == 2 and "Không tìm thấy tệp" in res.stderr


def test_compute_writes_copy_and_never_touches_input(demo_xlsx, tmp_path):
    before = sha(demo_xlsx)
    out = tmp_path / "out.xlsx"
    res = run("compute", demo_xlsx, "-o", out)
    assert res.returncode == 0, res.stderr
    assert sha(demo_xlsx) == before
    wb = openpyxl.load_workbook(out)
    ws = wb[S.WORKS.name]
    status_col = S.WORKS.headers.index("Trạng thái") + 1
    assert [ws.cell(r, status_col).value for r in (2, 3, 4)] == [S.STATUS_ONGOING, S.STATUS_DONE,
                                                                S.STATUS_POSTPONED]
    check_col = S.WORKS.headers.index("Kiểm tra") + 1
    assert ws.cell(4, check_col).value.startswith("Cảnh báo (Tiến độ hoàn thành (%))")
    summary = [row for row in wb[S.SUMMARY_SHEET].iter_rows(values_only=True)]
    assert ("Đã hoàn thành", 1, None, None, None) in summary
    # an existing output is never overwritten silently
    stamp = sha(out)
    res = run_here("compute", demo_xlsx, "-o", out)
    assert res.returncode == 2 and "--force" in res.stderr and sha(out) == stamp
    assert run_here("compute", demo_xlsx, "-o", out, "--force").returncode == 0


def test_compute_refuses_to_write_over_its_input(demo_xlsx):
    before = sha(demo_xlsx)
    res = run("compute", demo_xlsx, "-o", demo_xlsx, "--force")
    assert res.returncode == 2 and "chính là tệp đầu vào" in res.stderr
    assert sha(demo_xlsx) == before


def test_compute_clears_stale_messages(tmp_path):
    content = demo_content()
    content.rows["works"][0]["check"] = "Lỗi (cũ): thông báo cũ"
    path = write_workbook(tmp_path / "stale.xlsx", content)
    out = tmp_path / "out.xlsx"
    assert run("compute", path, "-o", out).returncode == 0
    ws = openpyxl.load_workbook(out)[S.WORKS.name]
    assert ws.cell(2, len(S.WORKS.columns)).value is None


def test_new_creates_template_and_refuses_overwrite(tmp_path):
    path = tmp_path / "So.xlsx"
    assert run("new", path).returncode == 0
    wb = openpyxl.load_workbook(path)
    assert S.GUIDE_SHEET in wb.sheetnames and S.WORKS.name in wb.sheetnames
    res = run_here("new", path)
    assert res.returncode == 2 and "đã có" in res.stderr


def test_python_m_and_console_script_are_the_same_entry_point():
    import tomllib
    from pathlib import Path
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["thidua"] == "xlsrc.cli:main"
    assert "from .cli import main" in (Path(__file__).parents[1] / "xlsrc" / "__main__.py").read_text()


def _test_command_module():
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("ci_test_command", Path(__file__).parents[1] / ".ci" / "test_command.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_test_command_is_what_ci_runs_and_runs_everything():
    from pathlib import Path
    root = Path(__file__).parents[1]
    res = subprocess.run([sys.executable, ".ci/test_command.py", "README.md"], cwd=root, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "python -m pytest" in res.stdout
    run = (root / ".ci" / "run").read_text()
    assert "python3 .ci/test_command.py README.md" in run and 'bash -c "$cmd"' in run


SETUP = 'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && '


@pytest.mark.parametrize("tail", ["python -m pytest -q", "python -m pytest -q -n auto", "python -m pytest -n 2 -ra",
                                  "python -m pytest -qq -v --durations=20"])
def test_a_command_that_runs_everything_is_accepted(tail):
    assert _test_command_module().problems(SETUP + tail) == []


@pytest.mark.parametrize("tail", [
    "python -m pytest -q -m 'not slow'", "python -m pytest -q -k consolidate", "python -m pytest -q -m slow",
    "python -m pytest -q --deselect tests/test_cli.py::test_x", "python -m pytest -q --ignore tests/test_bundle.py",
    "python -m pytest -q --ignore=tests/test_bundle.py", "python -m pytest -q --ignore-glob='*slow*'",
    "python -m pytest -q tests/test_cli.py", "python -m pytest -q -x", "python -m pytest -q --lf",
    "python -m pytest -q --sw", "python -m pytest -q -p no:randomly", "python -m pytest -q || true",
    "python -m pytest -q; true", "PYTEST_ADDOPTS='-m not slow' python -m pytest -q", "python -m pytest -q -mslow",
    "python -m pytest -q --co", "python -m pytest -q -n auto -k 'not pdf'", "echo pytest", "python -m unittest",
    "python -m pytest -q && python -m pytest -q -m slow"])
def test_a_command_that_may_leave_tests_out_is_refused(tail):
    assert _test_command_module().problems(SETUP + tail) != [], tail


def test_consolidate_rerun_does_not_read_its_own_master(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "so_ngoai_vu.xlsx", demo_content())
    master = folder / "TongHop.xlsx"
    first = run_here("consolidate", folder, "-o", master, "--json")
    assert first.returncode == 0, first.stderr
    again = run("consolidate", folder, "-o", master, "--json", "--force")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert [f["file"].endswith("so_ngoai_vu.xlsx") for f in report["files"]] == [True]
    assert report["rows"] == 3


@pytest.mark.long
def test_demo_writes_workbooks_and_report(demo_run):
    res = demo_run  # `thidua demo` in a real process (tests/demo_folder.py)
    assert res.returncode == 0, res.stderr
    for name in ("ThiDua_demo.xlsx", "ThiDua_demo.xlsm", "BaoCao_180-BC-SNgV.docx", "QuyetDinh_45-QD-SNgV.docx",
                 "GiayKhen_45-QD-SNgV.docx"):
        assert (res.folder / name).exists(), name
        assert name in res.stdout
    from docx import Document
    doc = Document(res.folder / "BaoCao_180-BC-SNgV.docx")
    assert any(p.text == "Kính gửi: Ban Thi đua - Khen thưởng tỉnh." for p in doc.paragraphs)
    from xlsrc.xlsm import read_module_source
    from xlsrc.xlsm.static_checks import check_all
    assert check_all((res.folder / "ThiDua_demo.xlsm").read_bytes(), read_module_source()) == []
    again = run("demo", res.folder)
    assert again.returncode == 2 and "--force" in again.stderr


def test_password_protected_and_xls_ods_files_through_validate(tmp_path):
    from .fixtures_consolidate import encrypt, ods_file, xls_file
    plain = write_workbook(tmp_path / "plain.xlsx", demo_content())
    locked = encrypt(plain, tmp_path / "locked.xlsx", "matkhau")
    res = run("validate", locked)
    assert res.returncode == 2 and "mật khẩu" in res.stderr and "locked.xlsx" in res.stderr
    assert "Traceback" not in res.stderr
    rows = [(1, "Công trình A", "01/3/2021", "Tháng 12/2021", "100%")]
    for path in (xls_file(tmp_path / "a.xls", rows), ods_file(tmp_path / "a.ods", rows)):
        res = run("validate", path, "--json")
        assert res.returncode == 1, res.stderr  # no Thông tin sheet: an error, named
        codes = {f["code"] for f in json.loads(res.stdout)}
        assert "SHEET_MISSING" in codes


def test_consolidated_master_validates_and_reports(tmp_path):
    from docx import Document

    from .fixtures_consolidate import hand_made_xlsx
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "so_ngoai_vu.xlsx", demo_content())
    hand_made_xlsx(folder / "so_tu_phap.xlsx",
                   unit_line="(Kèm theo báo cáo số 95/BC-STP ngày 15 tháng 11 năm 2021 của Sở Tư pháp)")
    master = tmp_path / "TongHop.xlsx"
    assert run_here("consolidate", folder, "-o", master).returncode == 0
    assert run("validate", master).returncode == 0
    res = run("report", master, "-o", tmp_path / "TongHop.docx")
    assert res.returncode == 0, res.stderr
    doc = Document(tmp_path / "TongHop.docx")
    unit_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    units = [r.cells[1].text for r in unit_table.rows[1:-1]]
    assert sorted(units) == ["Sở Ngoại vụ", "Sở Tư pháp"] and unit_table.rows[-1].cells[1].text == "Tổng cộng"


def test_consolidated_report_leaves_out_the_units_own_paragraphs(tmp_path):
    from docx import Document
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "so_ngoai_vu.xlsx", demo_content())
    master = tmp_path / "TongHop.xlsx"
    assert run_here("consolidate", folder, "-o", master).returncode == 0
    assert run("report", master, "-o", tmp_path / "th.docx").returncode == 0
    text = "\n".join(p.text for p in Document(tmp_path / "th.docx").paragraphs)
    assert "01 đơn vị đã gửi báo cáo, đăng ký 03 công trình, phần việc" in text
    assert "Nhằm quyết tâm thực hiện thắng lợi" not in text
