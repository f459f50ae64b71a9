"""Validation of the review sheets (filled in below)."""
from __future__ import annotations


def check_review_sheets(out) -> None:
    return None
