"""Shared fixtures: the demo workbook, and a round trip through a real file."""
from __future__ import annotations

import pytest

from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook


@pytest.fixture()
def demo_book(tmp_path):
    """The demo workbook (`thidua demo` content) written to tmp_path."""
    return write_workbook(tmp_path / "demo.xlsx", demo_content())


@pytest.fixture()
def read_back(tmp_path):
    """Write a builder Content to a real .xlsx and read it back with the reader."""
    def _read(content, name: str = "wb.xlsx"):
        return read_workbook(FileBook(write_workbook(tmp_path / name, content, force=True)))
    return _read
