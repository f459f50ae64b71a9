"""Errors shown to users: always a Vietnamese sentence, never a traceback."""
from __future__ import annotations


class ThiDuaError(Exception):
    """A problem the user can act on. ``str(err)`` is the Vietnamese message."""
    exit_code = 2


class FileUnusable(ThiDuaError):
    """The file cannot be read as a workbook (corrupt, encrypted, not a spreadsheet)."""


class OutputExists(ThiDuaError):
    """The output file exists and --force was not given."""
