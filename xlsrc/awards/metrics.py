"""Text widths from the font's own advance widths (fontTools), to shrink a
long name until it fits its box on the phôi. Times New Roman and Liberation
Serif have the same metrics, so either file measures text set in Times New
Roman; without any font file a generous estimate is used (text then comes out
a little smaller, never too wide)."""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

PT_PER_MM = 72 / 25.4
MIN_SIZE = 5.0  # below this a text is not printed at all: the box is too small
ESTIMATE_EM = 0.62  # wider than any Times text on average: a safe guess

_CANDIDATES = {
    False: ("C:/Windows/Fonts/times.ttf", "/Library/Fonts/Times New Roman.ttf",
            "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf"),
    True: ("C:/Windows/Fonts/timesbd.ttf", "/Library/Fonts/Times New Roman Bold.ttf",
           "/System/Library/Fonts/Supplemental/Times New Roman Bold.ttf",
           "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
           "/usr/share/fonts/liberation-serif/LiberationSerif-Bold.ttf"),
}


def _font_file(family: str, bold: bool) -> str | None:
    import logging
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)  # an unknown family is expected here, not worth a log line
    try:
        from matplotlib import font_manager
        found = font_manager.findfont(font_manager.FontProperties(family=family, weight="bold" if bold else "normal"),
                                      fallback_to_default=False)
        if found and Path(found).exists():
            return found
    except Exception:  # matplotlib absent or the family unknown: try the Times files
        pass
    finally:
        logger.setLevel(level)
    return next((p for p in _CANDIDATES[bold] if Path(p).exists()), None)


@lru_cache(maxsize=16)
def _advances(family: str, bold: bool):
    """(advance widths by character, units per em), or None without a font file."""
    path = _font_file(family, bold)
    if path is None:
        return None
    from fontTools.ttLib import TTFont
    font = TTFont(path, lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
    widths = {chr(code): hmtx[glyph][0] for code, glyph in cmap.items() if glyph in hmtx}
    return widths, font["head"].unitsPerEm


def text_width_mm(text: str, size_pt: float, family: str = "Times New Roman", bold: bool = False) -> float:
    table = _advances(family, bold)
    if table is None:
        return len(text) * ESTIMATE_EM * size_pt / PT_PER_MM
    widths, upem = table
    fallback = upem * ESTIMATE_EM
    units = sum(widths.get(ch, fallback) for ch in text)
    return units / upem * size_pt / PT_PER_MM


def fit_size(text: str, size_pt: float, box_mm: float, family: str = "Times New Roman", bold: bool = False,
             slack: float = 0.97) -> float | None:
    """The largest size, at most ``size_pt`` and in half points, at which the
    text fits ``box_mm`` (with a little slack for the renderer's rounding);
    ``None`` when it does not fit even at MIN_SIZE."""
    width = text_width_mm(text, size_pt, family, bold)
    if width <= box_mm * slack or width == 0:
        return size_pt
    fitted = math.floor(size_pt * box_mm * slack / width * 2) / 2
    while fitted >= MIN_SIZE and text_width_mm(text, fitted, family, bold) > box_mm * slack:
        fitted -= 0.5
    return fitted if fitted >= MIN_SIZE else None
