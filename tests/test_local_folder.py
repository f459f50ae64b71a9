"""Workbooks that live in OneDrive or SharePoint (issue 18 §5): Excel gives
their path as a web address; Python finds the synchronised copy on this PC
(as xlwings maps it: environment variables OneDrive, OneDriveCommercial) and
the report folder is made there; otherwise a Vietnamese message says what to do."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.local_folder import local_fullname

from .xlwings_payload import alerts, open_caller, payload_from_file


@pytest.fixture()
def home(tmp_path, monkeypatch):
    for name in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return tmp_path


def _file(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")
    return path


def test_personal_onedrive(home, monkeypatch):
    local = _file(home / "OneDrive" / "Documents" / "Thi đua" / "ThiDua.xlsm")
    monkeypatch.setenv("OneDrive", str(home / "OneDrive"))
    assert local_fullname("https://d.docs.live.net/3a5b1c2d4e/Documents/Thi đua/ThiDua.xlsm") == str(local)
    assert local_fullname("https://d.docs.live.net/3a5b1c2d4e/Documents/Thi%20%C4%91ua/ThiDua.xlsm") == str(local)


def test_business_onedrive(home, monkeypatch):
    root = home / "OneDrive - Sở Ngoại vụ"
    local = _file(root / "Thi đua" / "ThiDua.xlsm")
    monkeypatch.setenv("OneDriveCommercial", str(root))
    url = "https://songoaivu-my.sharepoint.com/personal/nguyenvana_songoaivu_gov_vn/Documents/Thi đua/ThiDua.xlsm"
    assert local_fullname(url) == str(local)


def test_sharepoint_site(home, monkeypatch):
    local = _file(home / "Sở Ngoại vụ" / "ThiDuaKhenThuong - Documents" / "2026" / "ThiDua.xlsm")
    monkeypatch.setenv("OneDriveCommercial", str(home / "OneDrive - Sở Ngoại vụ"))
    url = "https://songoaivu.sharepoint.com/sites/ThiDuaKhenThuong/Shared Documents/2026/ThiDua.xlsm"
    assert local_fullname(url) == str(local)


def test_a_path_is_kept_and_a_config_setting_wins(home):
    assert local_fullname(r"C:\Users\Nguyễn\Documents\ThiDua.xlsm") == r"C:\Users\Nguyễn\Documents\ThiDua.xlsm"
    local = _file(home / "D" / "OneDrive" / "Documents" / "ThiDua.xlsm")
    assert local_fullname("https://d.docs.live.net/abc/Documents/ThiDua.xlsm",
                          {"ONEDRIVE_CONSUMER_WIN": str(home / "D" / "OneDrive")}) == str(local)


@pytest.mark.parametrize("url", ["https://d.docs.live.net/3a5b/Documents/ThiDua.xlsm",
                                 "https://contoso-my.sharepoint.com/personal/a_contoso_com/Documents/ThiDua.xlsm",
                                 "https://contoso.sharepoint.com/sites/TDKT/Shared Documents/ThiDua.xlsm",
                                 "https://example.org/ThiDua.xlsm"])
def test_no_local_copy_says_what_to_do(home, monkeypatch, url):
    monkeypatch.setenv("OneDriveCommercial", str(home / "OneDrive - Contoso"))
    with pytest.raises(ThiDuaError) as err:
        local_fullname(url)
    message = str(err.value)
    assert message.startswith("Sổ này đang mở từ OneDrive/SharePoint") and url in message
    assert "Always keep on this device" in message and "Save a Copy" in message
    assert "xlwings.org" not in message and "Couldn't" not in message


def test_report_button_writes_into_the_synchronised_folder(home, monkeypatch):
    monkeypatch.chdir(home)
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)  # the log goes to XDG_STATE_HOME
    local = home / "OneDrive" / "Tài liệu" / "ThiDua.xlsx"
    local.parent.mkdir(parents=True)
    write_workbook(local, demo_content())
    monkeypatch.setenv("OneDrive", str(home / "OneDrive"))
    book = open_caller(payload_from_file(local, name="https://d.docs.live.net/3a5b/Tài liệu/ThiDua.xlsx"))
    from xlsrc import macros
    macros.report()
    assert alerts(book)[-1] == ("Đã lập báo cáo: "
                                f"{local.parent / 'BaoCao' / f'BaoCao_180-BC-SNgV_{dt.date.today():%Y-%m-%d}.docx'}")
    open_caller(payload_from_file(local, name="https://d.docs.live.net/3a5b/Tài liệu/ThiDua.xlsx"))
    macros.open_report_folder()  # created (and on Windows opened in Explorer) there
    assert (local.parent / "BaoCao").is_dir() and not (home / "BaoCao").exists()


def test_report_button_without_a_local_copy_says_what_to_do(home, monkeypatch, tmp_path):
    monkeypatch.chdir(home)
    book_file = write_workbook(tmp_path / "ThiDua.xlsx", demo_content())
    book = open_caller(payload_from_file(book_file, name="https://d.docs.live.net/3a5b/Documents/ThiDua.xlsx"))
    from xlsrc import macros
    macros.report()
    assert alerts(book)[-1].startswith("Sổ này đang mở từ OneDrive/SharePoint (https://d.docs.live.net/3a5b/")
    assert not (home / "BaoCao").exists()


def test_consolidation_needs_no_local_copy(home, monkeypatch, tmp_path):
    """Only the folder of reports needs the local copy: consolidating units
    into a workbook opened from OneDrive without one still works."""
    from xlsrc import schema as S
    monkeypatch.chdir(home)
    inputs = tmp_path / "don_vi"
    inputs.mkdir()
    write_workbook(inputs / "so_ngoai_vu.xlsx", demo_content())
    board = write_workbook(tmp_path / "BanTDKT.xlsx")
    book = open_caller(payload_from_file(board, name="https://d.docs.live.net/3a5b/Documents/BanTDKT.xlsx",
                                         extra_rows={S.PATHS_SHEET: [[str(inputs)]]}))
    from xlsrc import macros
    macros.consolidate()
    assert alerts(book)[-1].startswith("Đã tổng hợp 1 tệp: 1 đạt"), alerts(book)
