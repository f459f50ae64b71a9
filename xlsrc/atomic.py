"""Outputs are written atomically and never overwrite an existing file
unless asked to.

* The content goes to a temporary file in the target's folder, which is
  flushed to disk (``fsync``) before it takes the final name, so a crash or a
  full disk never leaves a half-written output under the final name.
* Without ``--force`` the final name is created **exclusively**
  (``os.link``, which fails if the name exists): of two runs writing the same
  new file, one wins and the other gets "đã có"; nothing is silently replaced.
* New files get the usual permissions (``0666`` minus the umask), not the
  ``0600`` of a temporary file.
* With ``--force`` on an existing file the new content is written **into that
  file** (same inode) once it is complete on disk: its mode, owner and hard
  links are kept. The write is then not atomic for readers of that one file;
  keeping the file's identity was preferred, as a user who overwrites a
  shared report expects the shared copy to change. A file that is the only
  link to itself is replaced atomically by rename, with its mode copied.
* The folder of the output must exist: no folder is ever created on the way.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputExists, OutputFolderMissing, ThiDuaError, os_error_message
from .interrupts import interrupted


# -- an output is never one of the inputs ---------------------------------------------------------
# The files a command reads, by identity (device, inode): the same file under another name, through a
# hard link, a symbolic link or another case of its name is the same identity. Kept while a command
# runs (``guarding_inputs``); every write checks it, whatever --force says.
_inputs: dict[tuple[int, int], str] | None = None


@contextmanager
def guarding_inputs() -> Iterator[None]:
    global _inputs
    saved, _inputs = _inputs, {}
    try:
        yield
    finally:
        _inputs = saved


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # follows symbolic links: the file the name leads to
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def note_input(*paths: str | os.PathLike | None) -> None:
    """Remember files the running command reads (nothing outside ``guarding_inputs``)."""
    if _inputs is None:
        return
    for p in paths:
        if p is not None and (key := _identity(Path(p))) is not None:
            _inputs.setdefault(key, str(p))


def input_written_to(path: str | os.PathLike) -> str | None:
    """The input ``path`` would overwrite (as the user named it), or None."""
    key = _identity(Path(path))
    return _inputs.get(key) if key is not None and _inputs else None


def input_as_output(target: Path, source: str) -> ThiDuaError:
    how = "" if Path(source).name == target.name else f" ('{source}', cùng một tệp qua tên khác hoặc liên kết)"
    return ThiDuaError(f"Tệp đích '{target}' chính là tệp đầu vào{how}; công cụ không bao giờ ghi đè tệp đầu vào, "
                       "kể cả với --force. Chọn tên khác bằng -o.")


def check_writable(path: Path, force: bool = False, other: str = "chọn tên khác bằng -o") -> None:
    """Refuse early: an output that is one of the inputs (even with ``force``),
    an existing output without ``force`` (the message offers ``other``, a way
    the calling command really has), a folder, a missing folder."""
    path = Path(path)
    if (source := input_written_to(path)) is not None:
        raise input_as_output(path, source)
    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ThiDuaError(f"Tên tệp đích '{path.name[:60]}…' quá dài ({len(path.name.encode('utf-8'))} byte, hệ "
                          f"điều hành cho tối đa {MAX_NAME_BYTES}); hãy chọn tên ngắn hơn bằng -o.")
    try:
        if path.is_dir():
            raise ThiDuaError(f"'{path}' là một thư mục; hãy ghi rõ tên tệp đích (-o THƯ_MỤC/TÊN_TỆP).")
        exists = path.exists()
        folder_exists = path.parent.is_dir()
    except OSError as exc:  # a path too long, a loop of links…
        raise ThiDuaError(os_error_message(exc, path, "ghi")) from None
    if exists and not force:
        raise OutputExists(f"Tệp '{path}' đã có. Dùng --force để ghi đè, hoặc {other}.")
    folder = path.parent
    if not folder_exists:
        raise OutputFolderMissing(f"Thư mục '{folder}' không có; hãy tạo thư mục trước hoặc chọn nơi ghi khác "
                                  f"(công cụ không tự tạo thư mục).")


MAX_NAME_BYTES = 255  # one file name, on every common file system
_STEM_BYTES = 180     # a name made from data (a document number): room left for a suffix and ' (2)'


def fit_stem(stem: str, limit: int = _STEM_BYTES) -> str:
    """A file name stem made from data, cut (at a character) to ``limit`` bytes in UTF-8."""
    if len(stem.encode("utf-8")) <= limit:
        return stem
    cut = stem.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return cut.rstrip(" .-_") + "…"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _overwrite_in_place(tmp: Path, target: Path) -> None:
    """Copy the finished content into the existing file (mode, owner and hard links kept)."""
    with open(tmp, "rb") as src, open(target, "r+b") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.truncate()
        dst.flush()
        os.fsync(dst.fileno())


def _publish(tmp: Path, target: Path, force: bool) -> None:
    if not force:
        try:
            os.link(tmp, target)  # fails if the name exists: exclusive creation
        except FileExistsError:
            raise OutputExists(f"Tệp '{target}' vừa được tạo bởi chương trình khác; không ghi đè.") from None
        except OSError:  # a file system without hard links: O_EXCL on the final name, then the content
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                raise OutputExists(f"Tệp '{target}' vừa được tạo bởi chương trình khác; không ghi đè.") from None
            os.close(fd)
            _overwrite_in_place(tmp, target)
        return
    try:
        st = os.stat(target)
    except FileNotFoundError:
        os.replace(tmp, target)
        return
    if st.st_nlink > 1 or not os.access(target.parent, os.W_OK):
        _overwrite_in_place(tmp, target)
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except (OSError, AttributeError):
        pass
    os.replace(tmp, target)


@contextmanager
def atomic_path(path: str | os.PathLike, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; once the caller has
    written it, it takes the target's name (see the module's notes). On
    error the target is untouched and the temporary file removed."""
    target = Path(path)
    check_writable(target, force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:40] + "-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise ThiDuaError(os_error_message(exc, target.parent, "ghi vào thư mục")) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        os.chmod(tmp_path, 0o666 & ~_umask())
        yield tmp_path
        _fsync(tmp_path)
        if interrupted():  # a Ctrl+C that some step swallowed: the output never takes its name
            raise KeyboardInterrupt
        _publish(tmp_path, target, force)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise ThiDuaError(os_error_message(exc, target, "ghi")) from None
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
