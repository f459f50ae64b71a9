"""The text sources of the macro-enabled workbook, kept in the repository's
``workbook/`` folder and shipped with the package as ``xlsrc_workbook``."""
from __future__ import annotations

from pathlib import Path

MODULE_FILE = "ThiDua.bas"
RIBBON_FILE = "customUI.xml"


def source_dir() -> Path:
    repo = Path(__file__).resolve().parents[2] / "workbook"
    if (repo / MODULE_FILE).exists():
        return repo
    import xlsrc_workbook  # installed copy of workbook/ (see pyproject.toml)
    return Path(xlsrc_workbook.__path__[0])


def read_module_source() -> str:
    return (source_dir() / MODULE_FILE).read_text(encoding="ascii")


def read_ribbon_xml() -> str:
    return (source_dir() / RIBBON_FILE).read_text(encoding="utf-8")
