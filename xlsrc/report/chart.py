"""The completion chart of the consolidated report (a PNG image)."""
from __future__ import annotations

import io

from ..completion import Totals


def completion_chart(totals: Totals) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    units = list(totals.by_unit.values())
    units.sort(key=lambda u: (u.rate or 0))
    names = [u.unit if len(u.unit) <= 38 else u.unit[:37] + "…" for u in units]
    rates = [u.rate or 0 for u in units]
    height = max(2.2, 0.42 * len(units) + 1.0)
    from matplotlib import font_manager
    available = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in ("Times New Roman", "Liberation Serif", "DejaVu Serif") if f in available), "serif")
    plt.rcParams["font.family"] = family
    fig, ax = plt.subplots(figsize=(7.0, height), dpi=130)
    bars = ax.barh(names, rates, color="#2e75b6")
    for bar, u in zip(bars, units):
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{u.done}/{u.works}",
                va="center", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Tỷ lệ hoàn thành (%)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
