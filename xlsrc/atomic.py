"""Outputs are written atomically (temporary file, then ``os.replace``) and
never overwrite an existing file unless asked to."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputExists


def check_writable(path: Path, force: bool = False) -> None:
    if path.exists() and not force:
        raise OutputExists(f"Tệp '{path}' đã có. Dùng --force để ghi đè, hoặc chọn tên khác bằng -o.")


@contextmanager
def atomic_path(path: str | os.PathLike, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces
    the target in one step. On error the target is untouched."""
    target = Path(path)
    check_writable(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:40] + "-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if target.exists() and not force:  # appeared while we worked
            raise OutputExists(f"Tệp '{target}' vừa được tạo bởi chương trình khác; không ghi đè.")
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes_atomic(path: str | os.PathLike, data: bytes, force: bool = False) -> Path:
    with atomic_path(path, force) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix``, or ``stem (2).suffix`` … — never an existing file."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
