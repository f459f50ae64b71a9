"""The checks ``validation`` runs (awards/, council/, review/) never import
``validation`` back, at the top of a module or inside a function: the
layers go one way (findings.py holds what both need: ERROR, WARNING, Finding)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xlsrc"


def _imports(path: Path, source: str | None = None) -> set[str]:
    """The modules a file of xlsrc imports anywhere in it (``source``: its
    text, when not the file's), as dotted names relative to xlsrc."""
    package = list(path.relative_to(PACKAGE).parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            if not node.level:
                target = target.removeprefix("xlsrc.").removeprefix("xlsrc")
            found.add(target)
            found.update(f"{target}.{a.name}".strip(".") for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("xlsrc.") for a in node.names if a.name.startswith("xlsrc"))
    return found


def test_the_checks_validation_runs_do_not_import_it():
    checks = [p for folder in ("awards", "council", "review") for p in sorted((PACKAGE / folder).rglob("*.py"))]
    assert len(checks) > 20
    back = {str(p.relative_to(PACKAGE)) for p in checks if "validation" in _imports(p)}
    assert back == set()


def test_an_import_of_validation_inside_a_function_is_seen():
    """The test above sees a lazy import too (planted in the text of awards/checks.py)."""
    checks = PACKAGE / "awards" / "checks.py"
    text = checks.read_text(encoding="utf-8")
    assert "validation" not in _imports(checks, text)
    for planted in ("\n\ndef _late():\n    from ..validation import WARNING\n",
                    "\n\ndef _late():\n    from .. import validation\n",
                    "\n\ndef _late():\n    import xlsrc.validation\n"):
        assert "validation" in _imports(checks, text + planted), planted
