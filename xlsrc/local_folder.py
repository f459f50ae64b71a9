"""The workbook's folder on this PC, also when Excel gives a web address.

A workbook in a folder that OneDrive or SharePoint synchronises (CaiDat puts
ThiDua.xlsm into Documents, which is often in OneDrive) has a
``ThisWorkbook.Path``/``FullName`` of the form ``https://d.docs.live.net/…``,
``https://<tenant>-my.sharepoint.com/personal/…`` or
``https://<tenant>.sharepoint.com/sites/…``. xlwings knows how such an
address maps to the synchronised copy (``xlwings.utils.fullname_url_to_local_path``:
the ``OneDrive``/``OneDriveConsumer``/``OneDriveCommercial`` environment
variables, the ONEDRIVE_*/SHAREPOINT_* settings, the registry of mount
points); this module uses it, and says in Vietnamese what to do when it fails."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote

from .errors import ThiDuaError

CONFIG_KEYS = ("ONEDRIVE_CONSUMER_WIN", "ONEDRIVE_COMMERCIAL_WIN", "SHAREPOINT_WIN")


def is_web_address(fullname: str) -> bool:
    return "://" in fullname


def cloud_message(url: str = "") -> str:
    where = f" ({url})" if url else ""
    return (f"Sổ này đang mở từ OneDrive/SharePoint{where} và không tìm thấy bản đồng bộ của nó trên máy này, nên "
            "không biết ghi kết quả vào thư mục nào. Cách sửa: (1) trong OneDrive, bấm phải thư mục chứa sổ → "
            "'Always keep on this device' (Luôn giữ trên thiết bị này), đợi đồng bộ xong rồi bấm lại; hoặc "
            "(2) File → Save a Copy → This PC: lưu một bản sổ vào thư mục trên máy và dùng bản đó; hoặc (3) ghi "
            "thư mục OneDrive trên máy (ví dụ C:\\Users\\<tên>\\OneDrive) vào trang xlwings.conf, ở dòng "
            "ONEDRIVE_CONSUMER_WIN (OneDrive cá nhân), ONEDRIVE_COMMERCIAL_WIN (OneDrive cơ quan) hoặc "
            "SHAREPOINT_WIN (SharePoint).")


def local_fullname(fullname: str, config: dict[str, str] | None = None) -> str:
    """``fullname`` itself when it is a path; for a web address, the path of
    its synchronised copy on this PC (as xlwings maps it, the address as
    given and then percent-decoded); a Vietnamese error when there is none."""
    if not is_web_address(fullname):
        return fullname
    from xlwings.utils import fullname_url_to_local_path
    resolve = getattr(fullname_url_to_local_path, "__wrapped__", fullname_url_to_local_path)  # no stale cache
    settings = [(config or {}).get(key) or None for key in CONFIG_KEYS]
    for url in dict.fromkeys((fullname, unquote(fullname))):
        try:
            local = resolve(url, *settings)
        except Exception:  # noqa: BLE001 - xlwings' XlwingsError (English), or a registry without the key
            continue
        if local and Path(local).is_file():
            return str(local)
    raise ThiDuaError(cloud_message(fullname))


def make_folder(folder: Path) -> Path:
    """``folder`` created when missing, or a Vietnamese error saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ThiDuaError(f"Không tạo được thư mục {folder}: {exc.strerror or exc}. Hãy kiểm tra quyền ghi vào thư "
                          "mục chứa sổ (hoặc lưu sổ vào một thư mục trên máy, ví dụ Documents) rồi bấm lại.") from exc
    return folder


def open_folder(folder: Path) -> None:
    """Show ``folder`` in Explorer (Finder on macOS); elsewhere nothing to open."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(folder))  # noqa: S606 - a folder we created, opened in Explorer
        elif sys.platform == "darwin":
            import subprocess
            subprocess.run(["open", str(folder)], check=True)
    except Exception as exc:  # noqa: BLE001 - OSError, or 'open' failing
        raise ThiDuaError(f"Không mở được thư mục {folder} ({exc}). Thư mục đã có; hãy mở nó trong File Explorer.") \
            from exc
