"""Conversion to PDF with LibreOffice, when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..atomic import atomic_path, check_writable
from ..errors import ThiDuaError

INSTALL_HINT = ("Chưa cài LibreOffice nên không chuyển được sang PDF. Trên Windows: cài LibreOffice từ "
                "libreoffice.org, hoặc mở tệp .docx bằng Word và chọn File > Save As > PDF. Trên Debian/Ubuntu: "
                "apt-get install libreoffice-writer-nogui fonts-liberation2.")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path, force: bool = False) -> Path:
    docx_path = Path(docx_path)
    target = docx_path.with_suffix(".pdf")
    check_writable(target, force)
    exe = soffice()
    if exe is None:
        raise ThiDuaError(INSTALL_HINT)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile.as_posix()}", "--headless", "--convert-to", "pdf",
               "--outdir", tmp, str(docx_path)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ThiDuaError(f"LibreOffice không chuyển được '{docx_path.name}' sang PDF ({exc}).") from None
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        if not produced.exists():
            raise ThiDuaError(f"LibreOffice không chuyển được '{docx_path.name}' sang PDF.")
        with atomic_path(target, force) as staged:  # fsync, exclusive name, umask, like every output
            shutil.copyfile(produced, staged)
    return target
