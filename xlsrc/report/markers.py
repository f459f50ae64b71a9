"""Names shared by the template builder, the renderer and the annex filler."""
from __future__ import annotations

DEPARTMENT = "bao_cao_don_vi.docx"
CONSOLIDATED = "bao_cao_tong_hop.docx"
ANNEX_MARKERS = ("[[tt]]", "[[name]]", "[[start]]", "[[finish]]", "[[progress]]")
GROUP_MARKER = "[[group]]"
