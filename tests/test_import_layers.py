"""The checks ``validation`` runs (awards/, council/, review/) never import
``validation`` back, at the top of a module or inside a function: the
layers go one way (findings.py holds what both need: ERROR, WARNING, Finding).
And no two modules of xlsrc import each other when they are imported."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xlsrc"


def _imports(path: Path, source: str | None = None, top_only: bool = False) -> set[str]:
    """The modules a file of xlsrc imports anywhere in it (``top_only``: in
    the statements run when it is imported, not inside a function or class;
    ``source``: its text, when not the file's), as dotted names relative to xlsrc."""
    package = list(path.relative_to(PACKAGE).parts[:-1])
    found = set()
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    for node in _top_level(tree) if top_only else ast.walk(tree):
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


def _top_level(tree: ast.Module):
    """The statements of a module run when it is imported, ``if``/``try`` blocks opened."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            todo += node.body + node.orelse + getattr(node, "finalbody", []) + \
                [n for h in getattr(node, "handlers", []) for n in h.body]


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _cycles(sources: dict[str, str]) -> list[list[str]]:
    """The groups of modules (by path relative to xlsrc → text) that import one another when imported."""
    modules = {_module(PACKAGE / rel): rel for rel in sources}
    graph = {m: {t for t in _top_imports(PACKAGE / rel, sources[rel])
                 if t in modules and t != m and not m.startswith(t + ".")}  # its own package: imported before it
             for m, rel in modules.items()}
    order, low, stack, found = {}, {}, [], []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        order[v] = low[v] = len(order)
        stack.append(v)
        for w in graph[v]:
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))
    for v in sorted(graph):
        if v not in order:
            visit(v)
    return found


@functools.lru_cache(maxsize=None)
def _top_imports(path: Path, source: str) -> frozenset[str]:
    return frozenset(_imports(path, source, top_only=True))


def _package_sources() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_two_modules_import_each_other_when_imported():
    """Modules import one another only one way at import time (a function may import lazily)."""
    sources = _package_sources()
    assert len(sources) > 100
    assert _cycles(sources) == []


def test_a_cycle_of_imports_is_seen():
    """Planted: jobs.py imported by findings.py at its top (jobs imports findings through validation),
    and a cycle of two inside an ``if``; an import inside a function makes none."""
    sources = _package_sources()
    cycle = _cycles({**sources, "findings.py": sources["findings.py"] + "\nfrom . import jobs\n"})
    assert cycle and "findings" in cycle[0] and "jobs" in cycle[0]
    planted = {**sources, "parsing.py": sources["parsing.py"] + "\nif True:\n    from .vntext import nfc as _n\n",
               "vntext.py": sources["vntext.py"] + "\ntry:\n    from .parsing import DMY as _d\nexcept ImportError:\n    pass\n"}
    assert ["parsing", "vntext"] in _cycles(planted)
    assert _cycles({**sources, "findings.py": sources["findings.py"] + "\ndef _later():\n    from . import jobs\n"}) == []
