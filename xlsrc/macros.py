"""Entry points for the buttons and the ribbon.

VBA runs ``RunPython "import xlsrc.macros; xlsrc.macros.validate()"``, which
xlwings turns into a fresh process::

    pythonw.exe -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(\\"…\\"); import xlsrc.macros;
        xlsrc.macros.validate()" --wb="ThiDua.xlsm" --from_xl=1 --app="…\\EXCEL.EXE" --hwnd="…"

This module is what that command imports, so it imports the standard library
only: xlwings (light, see light_xlwings.py), the jobs (xlsrc.buttons) and
everything they need are imported when the button runs, inside the handler,
so that a broken installation (an import error, a pywin32 DLL that does not
load) still gets a Vietnamese message with the log's path.

No click goes unanswered: an error of a job becomes an Excel alert; when even
that is impossible (``xw.Book.caller()`` fails, Excel is busy and refuses the
alert, nothing could be imported) the message goes to a message box of our
own (Windows), else to stderr with exit code 1, which xlwings shows."""
from __future__ import annotations

import functools
import sys

TITLE = "Thi đua - Khen thưởng"
REINSTALL = "hãy chạy lại CaiDat.cmd (hoặc báo bộ phận CNTT)"


def _macro(func):
    """Make ``func`` (a stub named after its job) an entry point: it runs
    ``xlsrc.buttons.<name>`` on the calling workbook."""
    name = func.__name__

    @functools.wraps(func)
    def entry(*args, **kwargs):
        _run(name, *args, **kwargs)

    entry.button = name
    return entry


def _run(name: str, *args, **kwargs) -> None:
    from .logfile import log_exception, unexpected_message
    try:
        from .light_xlwings import import_xlwings
        xw = import_xlwings()
        from . import buttons
        from .access.excel import AlertFailed, XlwingsBook
        from .errors import ThiDuaError
    except Exception as exc:  # noqa: BLE001 - ImportError, OSError of a DLL, a broken file
        path = log_exception(f"macro {name}: nạp mô-đun")
        _tell_outside_excel(f"Không nạp được phần Python của thidua ({type(exc).__name__}: {_short(exc)}). Cài đặt "
                            f"có thể thiếu hoặc hỏng: {REINSTALL}. Chi tiết ghi ở tệp nhật ký: {path}")
        return
    try:
        book = XlwingsBook(xw.Book.caller())
    except Exception:  # noqa: BLE001 - no Excel to answer through
        path = log_exception(f"macro {name}: xw.Book.caller()")
        _tell_outside_excel("Python không kết nối được với sổ Excel đang mở. Hãy đóng mọi hộp thoại đang mở trong "
                            "Excel, thoát khỏi ô đang sửa (Enter hoặc Esc) rồi bấm lại; nếu vẫn lỗi, "
                            f"{REINSTALL} (thành phần pywin32 có thể bị hỏng). Chi tiết ghi ở tệp nhật ký: {path}")
        return
    try:
        try:
            getattr(buttons, name)(book, *args, **kwargs)
            book.fit_prints()
            return
        except ThiDuaError as exc:
            message = str(exc)
        except AlertFailed:
            raise
        except Exception:  # noqa: BLE001 - every error reaches the user as a message
            stage = f" ({book.stages[-1]})" if book.stages else ""
            message = unexpected_message(log_exception(f"macro {name}{stage}"))
        book.alert(message, TITLE)
    except AlertFailed as exc:
        log_exception(f"macro {name}: hiện thông báo trong Excel")
        _tell_outside_excel(exc.message)


def _short(exc: BaseException, limit: int = 300) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[:limit] + "…"


def _tell_outside_excel(message: str) -> None:
    """A message Excel cannot show: our own message box (Windows), else a
    line on stderr and exit code 1 (xlwings then shows stderr)."""
    if _message_box(message):
        return
    try:
        sys.stderr.write(_encodable(f"{TITLE}: {message}\n", sys.stderr.encoding))
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - no stderr (pythonw without redirection): the exit code remains
        pass
    raise SystemExit(1)


def _encodable(text: str, encoding: str | None) -> str:
    """``text`` as it is when the stream's encoding has every letter, else
    without diacritics: stderr redirected to xlwings' log file uses the ANSI
    code page (cp1252 on an English Windows), which xlwings reads back, so
    "Không kết nối" would reach the user as "Kh\\u00f4ng k\\u1ebft…"."""
    try:
        text.encode(encoding or "utf-8")
        return text
    except (UnicodeEncodeError, LookupError):
        import unicodedata
        plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in plain if not unicodedata.combining(ch)).encode("ascii", "replace").decode()


def _message_box(message: str) -> bool:
    """A Unicode message box in front of Excel (Windows only); False when none could be shown."""
    if not sys.platform.startswith("win"):
        return False
    try:
        import ctypes
        mb_iconwarning, mb_setforeground, mb_topmost = 0x30, 0x10000, 0x40000
        return bool(ctypes.windll.user32.MessageBoxW(0, message, TITLE, mb_iconwarning | mb_setforeground
                                                     | mb_topmost))
    except Exception:  # noqa: BLE001
        return False


@_macro
def validate():
    """Nút 'Kiểm tra dữ liệu'."""


@_macro
def compute():
    """Nút 'Tính tiến độ'."""


@_macro
def report():
    """Nút 'Tạo báo cáo'."""


@_macro
def open_report_folder():
    """Nút 'Mở thư mục báo cáo', khi VBA không tự mở được (chưa có thư mục, sổ trong OneDrive)."""


@_macro
def consolidate():
    """Nút 'Tổng hợp từ các đơn vị'."""


@_macro
def review():
    """Nút 'Rà soát điều kiện'."""


@_macro
def decision():
    """Nút 'Lập quyết định'."""


@_macro
def certificates(phoi: bool = False):
    """Nút 'In giấy khen' (``phoi=True``: như 'In trên phôi')."""


@_macro
def certificates_phoi():
    """Nút 'In trên phôi'."""


@_macro
def calibrate():
    """Nút 'Lưới căn chỉnh phôi'."""


@_macro
def statistics():
    """Nút 'Thống kê'."""


@_macro
def dossier():
    """Nút 'Lập hồ sơ đề nghị'."""


@_macro
def register():
    """Nút 'Vào sổ vàng'."""


@_macro
def promote():
    """Nút 'Chuyển sang quyết định'."""
