"""Searching a part of a zip package without holding it in memory: the part
is unpacked chunk by chunk and a regular expression is run over each chunk
plus the tail of the one before (so a match across the boundary is found)."""
from __future__ import annotations

import re
import zipfile
from typing import Iterator

CHUNK = 1024 * 1024


def iter_matches(z: zipfile.ZipFile, part: str, pattern: re.Pattern, overlap: int = 512) -> Iterator[re.Match]:
    """Every match of ``pattern`` (whose matches are shorter than ``overlap``) in ``part``, once each."""
    tail = b""
    with z.open(part) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            window = tail + chunk
            last = len(chunk) < CHUNK
            end = len(window) if last else len(window) - overlap  # later starts may be cut: next round
            for m in pattern.finditer(window):
                if m.start() >= end:
                    break
                yield m
            tail = window[end:]
