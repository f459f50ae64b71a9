"""VBA conditional compilation (``#If``/``#ElseIf``/``#Else``/``#End If``,
``#Const``) evaluated for one host, as the VBA editor does before it
compiles: inactive lines are blanked so that another compiler (LibreOffice
Basic, which ignores ``#`` lines) sees exactly what that host's VBA sees.

Also splits a module into its declarations section and its procedures, so
each procedure can be compiled alone (a compile error is then reported with
the procedure's name)."""
from __future__ import annotations

import re
from dataclasses import dataclass

TRUE, FALSE = -1, 0
# The compiler constants of each host (Office 2010+ is VBA7; 64-bit Office
# also defines Win32; Office 2016+ for Mac is VBA7 with MAC_OFFICE_VERSION 16).
HOSTS: dict[str, dict[str, object]] = {
    "Win64": {"VBA6": TRUE, "VBA7": TRUE, "Win16": FALSE, "Win32": TRUE, "Win64": TRUE, "Mac": FALSE},
    "Win32": {"VBA6": TRUE, "VBA7": TRUE, "Win16": FALSE, "Win32": TRUE, "Win64": FALSE, "Mac": FALSE},
    "Mac": {"VBA6": TRUE, "VBA7": TRUE, "Win16": FALSE, "Win32": FALSE, "Win64": FALSE, "Mac": TRUE,
            "MAC_OFFICE_VERSION": 16},
}

_DIRECTIVE = re.compile(r"^[ \t]*#(If|ElseIf|Else|End[ \t]*If|Const)\b(.*)$", re.I)
_TOKEN = re.compile(r'\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|([A-Za-z_]\w*)|(<>|<=|>=|[-+*/&=<>()]))')


class PreprocessError(ValueError):
    pass


def _strip_comment(text: str) -> str:
    out, in_string = [], False
    for ch in text:
        if ch == '"':
            in_string = not in_string
        elif ch == "'" and not in_string:
            break
        out.append(ch)
    return "".join(out).strip()


def _tokens(expr: str) -> list[tuple[str, object]]:
    tokens, i = [], 0
    expr = expr.rstrip()
    while i < len(expr):
        m = _TOKEN.match(expr, i)
        if m is None or m.end() == i:
            raise PreprocessError(f"không hiểu biểu thức #If: {expr!r}")
        i = m.end()
        number, string, name, op = m.groups()
        if number is not None:
            tokens.append(("v", float(number) if "." in number else int(number)))
        elif string is not None:
            tokens.append(("v", string.replace('""', '"')))
        elif name is not None:
            low = name.lower()
            tokens.append(("op", low) if low in ("and", "or", "xor", "not", "mod") else ("name", name))
        else:
            tokens.append(("op", op))
    return tokens


def _bool(x: bool) -> int:
    return TRUE if x else FALSE


def evaluate(expr: str, consts: dict[str, object]) -> object:
    """The value of a conditional-compilation expression. Unknown names are
    Empty (0), as in VBA; booleans are -1/0 and And/Or/Not are bitwise."""
    toks = _tokens(expr)
    names = {k.lower(): v for k, v in consts.items()}
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else ("end", None)

    def take(kind=None, value=None):
        nonlocal pos
        tok = peek()
        if (kind and tok[0] != kind) or (value is not None and tok[1] != value):
            raise PreprocessError(f"biểu thức #If sai: {expr!r}")
        pos += 1
        return tok

    def level_or():
        left = level_and()
        while peek() in (("op", "or"), ("op", "xor")):
            op = take()[1]
            right = level_and()
            left = int(left) | int(right) if op == "or" else int(left) ^ int(right)
        return left

    def level_and():
        left = level_not()
        while peek() == ("op", "and"):
            take()
            left = int(left) & int(level_not())
        return left

    def level_not():
        if peek() == ("op", "not"):
            take()
            return ~int(level_not())
        return level_cmp()

    def level_cmp():
        left = level_concat()
        while peek()[0] == "op" and peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = take()[1]
            right = level_concat()
            if isinstance(left, str) != isinstance(right, str):
                left, right = str(left), str(right)
            left = _bool({"=": left == right, "<>": left != right, "<": left < right, ">": left > right,
                          "<=": left <= right, ">=": left >= right}[op])
        return left

    def level_concat():
        left = level_add()
        while peek() == ("op", "&"):
            take()
            left = f"{left}{level_add()}"
        return left

    def level_add():
        left = level_mul()
        while peek()[0] == "op" and peek()[1] in ("+", "-"):
            op = take()[1]
            right = level_mul()
            left = left + right if op == "+" else left - right
        return left

    def level_mul():
        left = level_unary()
        while peek()[0] == "op" and peek()[1] in ("*", "/", "mod"):
            op = take()[1]
            right = level_unary()
            left = left * right if op == "*" else (left / right if op == "/" else left % right)
        return left

    def level_unary():
        if peek() == ("op", "-"):
            take()
            return -level_unary()
        kind, value = peek()
        if kind == "v":
            take()
            return value
        if kind == "name":
            take()
            return names.get(value.lower(), 0)
        take("op", "(")
        inner = level_or()
        take("op", ")")
        return inner

    result = level_or()
    if pos != len(toks):
        raise PreprocessError(f"biểu thức #If sai: {expr!r}")
    return result


def _truthy(value: object) -> bool:
    return bool(value) if not isinstance(value, str) else value != ""


def preprocess(source: str, host: str | dict[str, object]) -> str:
    """``source`` as the VBA compiler of ``host`` sees it: same line count,
    directive lines and lines of inactive branches blank."""
    consts = dict(HOSTS[host] if isinstance(host, str) else host)
    out: list[str] = []
    stack: list[list[bool]] = []  # [parent active, a branch already taken, this branch active]
    active = True
    lines = source.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        m = _DIRECTIVE.match(line)
        if m is None:
            out.append(line if active else "")
            continue
        word = re.sub(r"\s+", "", m.group(1)).lower()
        rest = _strip_comment(m.group(2))
        if word in ("if", "elseif"):
            cond = re.sub(r"\s+Then$", "", rest, flags=re.I)
            if word == "if":
                value = active and _truthy(evaluate(cond, consts))
                stack.append([active, value, value])
            else:
                if not stack:
                    raise PreprocessError(f"dòng {number}: #ElseIf không có #If")
                parent, taken, _ = stack[-1]
                value = parent and not taken and _truthy(evaluate(cond, consts))
                stack[-1] = [parent, taken or value, value]
            active = stack[-1][2]
        elif word == "else":
            if not stack:
                raise PreprocessError(f"dòng {number}: #Else không có #If")
            parent, taken, _ = stack[-1]
            stack[-1] = [parent, True, parent and not taken]
            active = stack[-1][2]
        elif word == "endif":
            if not stack:
                raise PreprocessError(f"dòng {number}: #End If không có #If")
            active = stack.pop()[0]
        else:  # Const
            cm = re.match(r"(\w+)\s*=\s*(.+)$", rest)
            if cm is None:
                raise PreprocessError(f"dòng {number}: #Const sai")
            if active:
                consts[cm.group(1)] = evaluate(cm.group(2), consts)
        out.append("")
    if stack:
        raise PreprocessError("thiếu #End If")
    return "\n".join(out)


_PROC_START = re.compile(r"^[ \t]*(?:(?:Public|Private|Friend)[ \t]+)?(?:Static[ \t]+)?"
                         r"(Sub|Function|Property[ \t]+(?:Get|Let|Set))[ \t]+(\w+)", re.I)
_PROC_END = re.compile(r"^[ \t]*End[ \t]+(Sub|Function|Property)\b", re.I)


@dataclass(frozen=True)
class Procedure:
    name: str
    first: int  # 1-based line numbers in the module
    last: int


def split_procedures(source: str) -> tuple[str, list[Procedure]]:
    """(declarations section, procedures). A procedure whose ``End`` is
    missing runs to the next procedure (the compiler reports it)."""
    lines = source.split("\n")
    procs: list[Procedure] = []
    start: tuple[str, int] | None = None
    first_proc = len(lines)
    for i, line in enumerate(lines, 1):
        m = _PROC_START.match(line)
        if m and not re.match(r"^[ \t]*(?:(?:Public|Private)[ \t]+)?Declare\b", line, re.I):
            if start is not None:
                procs.append(Procedure(start[0], start[1], i - 1))
            start = (m.group(2), i)
            first_proc = min(first_proc, i - 1)
        elif start is not None and _PROC_END.match(line):
            procs.append(Procedure(start[0], start[1], i))
            start = None
    if start is not None:
        procs.append(Procedure(start[0], start[1], len(lines)))
    return "\n".join(lines[:first_proc]), procs
