"""Where unexpected errors are logged, so users see a message and a path,
never a traceback.

The log can never grow without bound: every logged value is cut to a few
thousand characters (a 1 GB document title reaches the log as its first
characters) and the file rotates at ``MAX_BYTES`` keeping ``BACKUPS`` old
files, so it never holds more than (1 + BACKUPS) × MAX_BYTES."""
from __future__ import annotations

import logging
import os
import tempfile
import traceback
import warnings
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Iterator

MAX_BYTES = 2 * 1024 * 1024   # one log file
BACKUPS = 2                   # thidua.log.1, thidua.log.2
MAX_VALUE = 2_000             # characters of one logged value (a line of the traceback, the command line)
MAX_RECORD = 64 * 1024        # characters of one record


def log_path() -> Path:
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    folder = Path(base) / "thidua"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "thidua.log"
    except OSError:
        return Path(tempfile.gettempdir()) / "thidua.log"


def open_log_fd() -> int:
    """The log opened for appending at the level of file descriptors, for
    what native code writes itself (a reader's crash report)."""
    return os.open(log_path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


def shorten(text: str, limit: int = MAX_VALUE) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [bỏ bớt {len(text) - limit} ký tự]"


def _record(context: str) -> str:
    lines = [shorten(line) for line in traceback.format_exc().splitlines()]
    body = "\n".join(lines)
    if len(body) > MAX_RECORD:  # keep the start (the call chain) and the end (the error)
        half = MAX_RECORD // 2
        body = f"{body[:half]}\n… [bỏ bớt {len(body) - MAX_RECORD} ký tự]\n{body[-half:]}"
    return f"=== {shorten(context)}\n{body}"


class _Handler(RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - a full disk prints nothing
        pass


def _logger(path: Path) -> logging.Logger:
    logger = logging.getLogger(f"thidua.errors.{path}")
    if not logger.handlers:
        handler = _Handler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("\n%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
    return logger


def _write(path: Path, record: str) -> None:
    try:
        logger = _logger(path)
        logger.error(record)
        for handler in logger.handlers:
            handler.flush()
    except Exception:  # noqa: BLE001 - logging must never be the reason a message is not shown
        pass


def log_exception(context: str) -> Path:
    path = log_path()
    _write(path, _record(context))
    return path


def log_note(text: str) -> None:
    """A line for the log (what a library said in English, say), never shown on the console."""
    _write(log_path(), f"=== {shorten(text)}")


@contextmanager
def library_warnings(source: str) -> Iterator[list[str]]:
    """What a library warns inside (openpyxl's English: 'Data Validation
    extension is not supported …'), never on the user's console: each
    message logged with ``source`` and, after the block, in the list given."""
    said: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield said
    for w in caught:
        log_note(f"{source}: {w.message}")
        said.append(str(w.message))


def unexpected_message(path: Path) -> str:
    return (f"Đã xảy ra lỗi ngoài dự kiến; dữ liệu của bạn không bị thay đổi. "
            f"Chi tiết kỹ thuật được ghi ở tệp nhật ký: {path}. Hãy gửi tệp này cho bộ phận hỗ trợ.")
