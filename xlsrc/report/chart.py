"""The completion chart of the consolidated report (a PNG image)."""
from __future__ import annotations

import io
import os
import struct
import zlib
from contextlib import contextmanager, nullcontext
from typing import Callable

from ..completion import Totals

DPI = 150
WIDTH = 5.9  # inches: the 150 mm it is shown at, so the type keeps its size
TALLEST = 7.8  # inches (200 mm): the height of every chart of more than 40 units
TICKS_AHEAD = 256  # the y ticks (one a unit) that ``prepare`` makes ahead, at most: a province's units and more


def chart_height(units: int) -> float:
    """Inches. Up to 40 units never taller than 4.7 in (120 mm), so that it
    fits under the table by unit on the same page instead of leaving half a
    page blank; beyond that at most 7.8 in (200 mm): the labels get smaller."""
    n = max(units, 1)
    return min(4.7 if n <= 40 else TALLEST, max(2.2, 0.32 * n + 1.0))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(units: int) -> bytes:
    """The chart of so many units as a PNG without its pixels, known before
    it is drawn: its size (Agg's: inches × dpi, truncated unless within
    1e-8 px of the next pixel, as FigureCanvasBase.get_width_height) and its
    resolution, all that python-docx reads of a picture to place it."""
    width, height = (int(inches * DPI + 1e-8) for inches in (WIDTH, chart_height(units)))
    per_metre = int(DPI / 0.0254 + 0.5)  # as Pillow writes the pHYs of dpi=150
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)) + _chunk(b"IEND", b""))


class _FontsFromBytes:
    """matplotlib's ft2font module whose FT2Font reads a font from its bytes,
    not from its file: FreeType reads every glyph it loads (several times a
    text: measured, shaped, drawn) through the font's Python file object,
    two system calls each time on a file, none on bytes (a sixth of the
    drawing of 200 units). The pixels are the same: the same font."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def FT2Font(self, filename, *args, **kwargs):  # noqa: N802  (matplotlib's name)
        if isinstance(filename, (str, bytes, os.PathLike)):
            with open(filename, "rb") as font:
                filename = io.BytesIO(font.read())
        return self._module.FT2Font(filename, *args, **kwargs)


@contextmanager
def fonts_from_bytes():
    """Fonts opened while inside are read from their bytes. Such a font has
    no file name (``font.fname``), which the font list and the PDF backend
    need: meant for a process that ends when the chart is drawn (the
    chart's forked child); on leaving, matplotlib opens fonts from their
    files again."""
    from matplotlib import font_manager
    opened = getattr(font_manager, "_get_font", None)  # matplotlib's cache of open fonts, cleared after a fork too
    forget = getattr(opened, "cache_clear", lambda: None)
    module = font_manager.ft2font
    forget()  # the fonts opened from their files before are opened again, from their bytes
    font_manager.ft2font = _FontsFromBytes(module)
    try:
        yield
    finally:
        font_manager.ft2font = module
        forget()  # and those opened from their bytes are not kept


_AHEAD: list = []  # (figure, axes) of a tall chart made by ``prepare`` (the chart's child), not drawn on yet


def prepare(given: Callable[[], bool] = lambda: False) -> None:
    """What drawing the chart needs before its totals are known, done in
    the chart's forked child while it waits for them (halves.later): what
    it imports (a third of a second); then, until the totals come
    (``given()``), the empty figure of a chart of more than 40 units (its
    size does not depend on how many) with its y ticks, a few at a time: a
    tick costs half a millisecond to make, a tenth of a second for 200
    units when they are made after the totals came. The chart drawn on it
    is the same PNG, byte for byte."""
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib import figure, font_manager  # noqa: F401
    if given():
        return
    with _style():
        fig, ax = _empty(TALLEST)
        _AHEAD.append((fig, ax))
        while len(ax.yaxis.majorTicks) < TICKS_AHEAD and not given():
            ax.yaxis.get_major_ticks(len(ax.yaxis.majorTicks) + 16)


def _style():
    """The chart's settings, for its figure's life: the host process keeps its own."""
    import matplotlib
    from matplotlib import font_manager
    available = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in ("Times New Roman", "Liberation Serif", "DejaVu Serif") if f in available), "serif")
    return matplotlib.rc_context({"font.family": family})


def _empty(height: float):
    """(figure, axes) of a chart so many inches high, nothing drawn yet."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # not pyplot: no figure manager, no backend to choose and import
    fig = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(fig)  # one renderer for the layout and the drawing: the texts are measured once
    return fig, fig.subplots()


def completion_chart(totals: Totals, from_bytes: bool = False) -> bytes:
    """The chart as a PNG; ``from_bytes``: its fonts read from their bytes
    (fonts_from_bytes), in a process that ends when it is drawn."""
    with fonts_from_bytes() if from_bytes else nullcontext():
        return _drawn(totals)


def _drawn(totals: Totals) -> bytes:
    units = list(totals.by_unit.values())
    units.sort(key=lambda u: (u.rate or 0))
    names = [u.unit if len(u.unit) <= 38 else u.unit[:37] + "…" for u in units]
    rates = [u.rate or 0 for u in units]
    n = max(len(units), 1)
    height = chart_height(n)
    label_size = max(5.0, min(9.0, 0.75 * 72 * (height - 1.0) / n))
    with _style():
        fig, ax = _AHEAD.pop() if _AHEAD and height == TALLEST else _empty(height)
        bars = ax.barh(names, rates, color="#2e75b6")
        for bar, u in zip(bars, units):
            ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{u.done}/{u.works}",
                    va="center", fontsize=label_size - 1)
        ax.tick_params(axis="y", labelsize=label_size)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlim(0, 110)
        ax.set_xlabel("Tỷ lệ hoàn thành (%)", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        # the y axis has no title: placed, not moved clear of the units' names, which are then not
        # measured again to place it, in the layout and in the drawing (the pixels are the same)
        ax.yaxis.set_label_coords(0, 0.5)
        fig.tight_layout()
        fig.set_layout_engine(None)  # laid out once: savefig does not lay it out (draw it) again
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
