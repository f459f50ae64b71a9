"""The calibration sheet for pre-printed certificates: an A4 landscape PDF
with a millimetre grid (labelled every 10 mm) and the box of every field of
the Mẫu in phôi sheet, to print at 100 % and hold against a blank phôi."""
from __future__ import annotations

import io
from pathlib import Path

from ..atomic import write_bytes_atomic
from .certificates import LINE, PAGE_H, PAGE_W, Field

MM_PER_INCH = 25.4


def _serif() -> str:
    """A serif family that is installed (Vietnamese marks included), quietly."""
    import logging

    from matplotlib import font_manager
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        for family in ("Times New Roman", "Liberation Serif", "DejaVu Serif"):
            try:
                font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
                return family
            except ValueError:
                continue
        return "serif"
    finally:
        logger.setLevel(level)


def calibration_pdf(fields: list[Field]) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": _serif()}):
        fig = Figure(figsize=(PAGE_W / MM_PER_INCH, PAGE_H / MM_PER_INCH))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, PAGE_W)
        ax.set_ylim(PAGE_H, 0)  # y grows downwards, as on the Mẫu in phôi sheet
        ax.set_axis_off()
        for mm in range(0, int(PAGE_W) + 1):
            weight = 0.6 if mm % 10 == 0 else (0.35 if mm % 5 == 0 else 0.12)
            ax.axvline(mm, color="#1f4e79" if mm % 10 == 0 else "#9db7d5", lw=weight)
            if mm % 10 == 0 and 0 < mm < PAGE_W:
                ax.text(mm, 4, str(mm), ha="center", va="center", fontsize=6, color="#1f4e79")
        for mm in range(0, int(PAGE_H) + 1):
            weight = 0.6 if mm % 10 == 0 else (0.35 if mm % 5 == 0 else 0.12)
            ax.axhline(mm, color="#1f4e79" if mm % 10 == 0 else "#9db7d5", lw=weight)
            if mm % 10 == 0 and 0 < mm < PAGE_H:
                ax.text(4, mm, str(mm), ha="center", va="center", fontsize=6, color="#1f4e79")
        for f in fields:
            height = f.size * LINE * MM_PER_INCH / 72
            ax.add_patch(Rectangle((f.x, f.y), f.width, height, fill=False, edgecolor="#c00000", lw=1.0))
            numbers = "; ".join(f"{v:g}".replace(".", ",") for v in (f.x, f.y, f.width))
            ax.text(f.x + 1, f.y + height / 2, f"{f.name} (X; Y; rộng: {numbers} mm; {f.size:g} pt)",
                    ha="left", va="center", fontsize=7, color="#c00000")
        ax.text(PAGE_W / 2, PAGE_H - 6, "In ở tỷ lệ 100% (Actual size), khổ A4 ngang; đặt lên phôi trắng để so vị trí.",
                ha="center", va="center", fontsize=8, color="#1f4e79")
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata={"Title": "Hiệu chỉnh phôi giấy khen", "CreationDate": None})
    return buf.getvalue()


def write_calibration(fields: list[Field], out_path, force: bool = False) -> Path:
    return write_bytes_atomic(Path(out_path), calibration_pdf(fields), force)
