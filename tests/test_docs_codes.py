"""Every finding code the product can show a user is explained in the README
(the reference) and in the Vietnamese guide (docs/). A code is found where the
code gives it with its severity (``…, ERROR, "CODE"``) or warns with it."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CODE = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
_GIVEN = re.compile(rf'(?:\bERROR|\bWARNING|"error"|"warning"),\s*"({_CODE})"|\bwarn\(\s*"({_CODE})"')


def given_codes(text: str) -> set[str]:
    return {a or b for a, b in _GIVEN.findall(text)}


def test_every_code_a_user_sees_is_explained():
    codes = set()
    for path in (ROOT / "xlsrc").rglob("*.py"):
        codes |= given_codes(path.read_text(encoding="utf-8"))
    assert len(codes) > 50                                   # the scan finds them (a broken pattern finds none)
    for doc in (ROOT / "README.md", ROOT / "docs" / "huong-dan-su-dung.md"):
        text = doc.read_text(encoding="utf-8")
        assert sorted(c for c in codes if f"`{c}`" not in text) == [], doc.name


def test_the_scan_sees_a_new_code():
    planted = 'out.add(spec, rec, "form", ERROR, "FORM_PLANTED_FOR_TEST", "…")\nwarn("ALSO_PLANTED", "…")'
    assert given_codes(planted) == {"FORM_PLANTED_FOR_TEST", "ALSO_PLANTED"}
