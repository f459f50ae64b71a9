"""Errors shown to users: always a Vietnamese sentence, never a traceback."""
from __future__ import annotations


class ThiDuaError(Exception):
    """A problem the user can act on. ``str(err)`` is the Vietnamese message."""
    exit_code = 2


class FileUnusable(ThiDuaError):
    """The file cannot be read as a workbook (corrupt, encrypted, not a spreadsheet)."""


class OutputExists(ThiDuaError):
    """The output file exists and --force was not given."""


class FileTooLarge(FileUnusable):
    """The file, or what it unpacks to, is over a limit of ``xlsrc.access.limits``."""


_OS_REASONS = {
    "ENOSPC": "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại",
    "EDQUOT": "đã hết hạn mức dung lượng của người dùng trên ổ đĩa",
    "EROFS": "thư mục nằm trên ổ chỉ đọc",
    "EACCES": "không có quyền truy cập",
    "EPERM": "không được phép (quyền truy cập)",
    "EISDIR": "đó là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "ENOENT": "không tìm thấy đường dẫn",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "ELOOP": "đường dẫn có vòng liên kết tượng trưng (symlink)",
    "EIO": "lỗi vào/ra của ổ đĩa",
    "EBUSY": "tệp đang bị chương trình khác dùng",
    "ETXTBSY": "tệp đang bị chương trình khác dùng",
    "EEXIST": "tệp đã có",
}


def os_error_message(exc: OSError, path, action: str) -> str:
    """A Vietnamese sentence for an operating-system error while ``action``
    ("đọc", "ghi", "tạo") ``path``: full disk, read-only folder, no permission…"""
    import errno
    name = errno.errorcode.get(exc.errno or 0, "")
    reason = _OS_REASONS.get(name) or (f"lỗi hệ thống số {exc.errno}" if exc.errno else "lỗi hệ thống")
    return f"Không {action} được '{path}': {reason}."


class OutputFolderMissing(ThiDuaError):
    """The folder of an output file does not exist (no stray folders are created)."""
