"""The macro-enabled workbook: the VBA project and the ribbon, built on any
platform from the text sources in ``workbook/``."""
from .ribbon import add_ribbon
from .sources import read_module_source, read_ribbon_xml
from .vba_project import build_vba_project

__all__ = ["add_ribbon", "build_vba_project", "read_module_source", "read_ribbon_xml"]
