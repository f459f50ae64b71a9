"""Where unexpected errors are logged, so users see a message and a path,
never a traceback."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path


def log_path() -> Path:
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    folder = Path(base) / "thidua"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "thidua.log"
    except OSError:
        return Path(tempfile.gettempdir()) / "thidua.log"


def log_exception(context: str) -> Path:
    path = log_path()
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n=== {dt.datetime.now().isoformat(timespec='seconds')} {context}\n")
            fh.write(traceback.format_exc())
    except OSError:
        pass
    return path


def unexpected_message(path: Path) -> str:
    return (f"Đã xảy ra lỗi ngoài dự kiến; dữ liệu của bạn không bị thay đổi. "
            f"Chi tiết kỹ thuật được ghi ở tệp nhật ký: {path}. Hãy gửi tệp này cho bộ phận hỗ trợ.")
