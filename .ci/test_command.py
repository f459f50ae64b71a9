"""The test command written in README.md (the code block after the
``<!-- ci:test-command -->`` marker), and whether it runs the whole suite.

``python3 .ci/test_command.py`` prints the command, or says why it is refused
and exits 1. A command is refused when it does not run pytest, or when it
could leave a test out or hide a failure: deselection (-m, -k, --deselect,
--ignore…), a path or test id, stopping early (-x, --lf, --sw…), disabling a
plugin, PYTEST_ADDOPTS, ``|| …`` or ``; …`` after pytest. Only options that
change how tests are shown or spread over processes are accepted."""
from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

MARKER = "<!-- ci:test-command -->"
# options that run every test: output, parallel workers (pytest-xdist), the random order's seed (pytest-randomly)
ALLOWED = re.compile(r"^(-q+|-v+|-r[a-zA-Z]+|--durations=\d+|--durations-min=[\d.]+|-n(auto|\d+)?|"
                     r"--numprocesses=(auto|\d+)|--dist=(load|loadfile|loadscope|worksteal)|"
                     r"--randomly-seed=(\d+|last)|--color=(yes|no|auto)|--tb=\w+)$")
TAKES_VALUE = {"-n": re.compile(r"^(auto|\d+)$"), "--durations": re.compile(r"^\d+$"),
               "-W": re.compile(r"^\S+$")}
CONTROL = {"&&", "||", ";", "|", "&"}


def readme_command(readme: Path) -> str:
    lines = readme.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index(MARKER)
    except ValueError:
        raise SystemExit(f"{readme.name} has no test command after {MARKER}") from None
    block = False
    for line in lines[start + 1:]:
        if line.startswith("```"):
            if block:
                break
            block = True
        elif block:
            return line.strip()
    raise SystemExit(f"{readme.name} has no code block after {MARKER}")


def problems(cmd: str) -> list[str]:
    """Why ``cmd`` would not run the whole suite (empty: it does)."""
    if "PYTEST_ADDOPTS" in cmd or "PYTEST_PLUGINS" in cmd:
        return ["sets PYTEST_ADDOPTS/PYTEST_PLUGINS"]
    try:
        lexer = shlex.shlex(cmd, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        tokens = list(lexer)
    except ValueError as exc:
        return [f"cannot be parsed: {exc}"]
    starts = [i for i, t in enumerate(tokens) if t in ("pytest", "py.test") or t.endswith("/pytest")]
    if len(starts) != 1:
        return ["does not run pytest exactly once"]
    at = starts[0]
    before = tokens[max(0, at - 2):at]
    direct = at == 0 or before[-1] in CONTROL
    by_python = len(before) == 2 and before[1] == "-m" and re.match(r"^(.*/)?python(3(\.\d+)?)?$", before[0])
    if not (direct or by_python):
        return ["pytest is not the command run (nor python -m pytest)"]
    i = at + 1
    found = []
    while i < len(tokens) and tokens[i] not in CONTROL:
        arg = tokens[i]
        if arg in TAKES_VALUE and i + 1 < len(tokens) and TAKES_VALUE[arg].match(tokens[i + 1]):
            i += 2
            continue
        if not ALLOWED.match(arg):
            found.append(f"'{arg}' may leave tests out (only output and parallel options are allowed)")
        i += 1
    if i < len(tokens):
        found.append(f"'{tokens[i]}' after pytest may hide its exit code")
    return found


def main() -> int:
    readme = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "README.md"
    cmd = readme_command(readme)
    found = problems(cmd)
    if found:
        print(f"README test command refused: {cmd}", file=sys.stderr)
        for p in found:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
