"""The Jinja environment report templates run in: a sandbox that knows the
context is plain data, and limits on everything that could exhaust the machine.

Two layers:
1. ``check`` walks the syntax tree of a template *before* anything is compiled
   or run. Only what a plain-data template needs passes: tags, loops, ``if``,
   ``set``, field access, a list of harmless filters, ``range`` and a few string
   methods. Anything else (calling ``chart.tpl.save(...)``, ``lipsum``, macros,
   ``{% include %}``, private names...) is refused with the tag named, so a
   payload never runs. Constant arguments over a limit are refused here too, and
   the tree is analysed without Jinja folding ``9**(9**9)`` at compile time.
2. At run time the environment refuses the same things (attribute access and
   calls outside the allow-lists) and enforces the limits on values computed
   from data: text length, repetition, padding, power, ``range``, loop
   iterations and output size.

Every refusal is a :class:`Refused` with a Vietnamese reason; ``render.py``
turns it into the user's message with the tag and the template's name.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import time
import types
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from markupsafe import Markup, escape, soft_str
from jinja2 import filters as jf
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

# -- the limits (documented in README.md, section "Bảo mật") -------------------
MAX_TEXT = 1_000_000          # characters of any one computed value
MAX_ITEMS = 100_000           # items of any one computed list
MAX_RANGE = 10_000            # items of range(...)
MAX_PAD = 1_000               # width for center, indent, format, %-formatting
MAX_INT_BITS = 4_096          # size of a computed whole number (about 1.200 digits)
MAX_LOOP_ITERATIONS = 200_000  # iterations of all loops of one report together
MAX_OUTPUT = 20_000_000       # characters one part (body, a header...) may render to
MAX_STRUCTURE = 2_000_000     # size of a list or dict a template builds (its text, repeats counted)
MAX_RENDER_SECONDS = 60       # processor time for filling one document, checked at each loop iteration
MAX_DEPTH = 100               # tags and brackets nested in one another

SAFE_METHODS = frozenset({"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip",
                          "startswith", "endswith", "items", "keys", "values"})
DATE_FIELDS = frozenset({"year", "month", "day"})
LOOP_ATTRS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length",
                        "depth", "depth0", "previtem", "nextitem", "cycle", "changed"})
LOOP_METHODS = frozenset({"cycle", "changed"})
# attributes and methods of the plain types: a template reaches none of them
# except SAFE_METHODS (called) and DATE_FIELDS
PLAIN_ATTRS = frozenset(a for t in (str, int, float, bool, list, tuple, dict, dt.date, dt.datetime)
                        for a in dir(t) if not a.startswith("_")) - DATE_FIELDS
FORBIDDEN_NAMES = frozenset({"self", "caller", "varargs", "kwargs"})

STATEMENT_TAGS = {
    nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}", nodes.FilterBlock: "{% filter %}",
    nodes.AssignBlock: "{% set %}…{% endset %}", nodes.Include: "{% include %}",
    nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}", nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}", nodes.EvalContextModifier: "{% autoescape %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}", nodes.Scope: "{% autoescape %}", nodes.NSRef: "namespace",
}
ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.For, nodes.If, nodes.Assign, nodes.With,
    nodes.Name, nodes.Const, nodes.Tuple, nodes.List, nodes.Dict, nodes.Pair, nodes.Keyword,
    nodes.CondExpr, nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Concat, nodes.Compare,
    nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.Neg, nodes.Pos, nodes.Add, nodes.Sub,
    nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Filter, nodes.Test, nodes.Call,
)


class Refused(Exception):
    """A template asked for something it may not do; ``reason`` is Vietnamese,
    ``hint`` a word to find the tag by, ``lineno`` the line in the source."""

    def __init__(self, reason: str, hint: str = "", lineno: int | None = None):
        super().__init__(reason)
        self.reason, self.hint, self.lineno = reason, hint, lineno


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# -- run-time guards -------------------------------------------------------------------------------
def _text_guard(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise Refused(f"{what} tạo ra chuỗi quá dài ({_n(size)} ký tự, tối đa {_n(MAX_TEXT)})")


def _pad_guard(width: Any, what: str) -> None:
    if isinstance(width, str):
        width = len(width)
    if isinstance(width, (int, float)) and width > MAX_PAD:
        raise Refused(f"{what} với độ rộng {_n(int(width))} vượt giới hạn {_n(MAX_PAD)}", what.split()[-1])


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NO_ARGS = object()


def _printf_guard(fmt: str, what: str, args: Any = _NO_ARGS) -> None:
    """'%1000000000s' % x pads to a gigabyte: widths and precisions are capped;
    with the arguments known, the length of the result is counted before it
    is made ('%(a)s' repeated 199.999 times with a 999.999-character a)."""
    for m in _PRINTF.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part and int(part) > MAX_PAD):
                raise Refused(f"{what}: độ rộng '{m.group(0)}' vượt giới hạn {_n(MAX_PAD)}", "%")
    if args is not _NO_ARGS:
        _text_guard(_printf_size(fmt, args), what)


_CONVERSION = re.compile(r"%(\()?")
_SPEC = re.compile(r"([-#0 +]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.S)


def _printf_size(fmt: str, args: Any) -> int:
    """The length of ``fmt % args`` counted without making it (an upper bound
    for numbers); the count stops where Python would stop with an error, and
    as soon as it passes MAX_TEXT."""
    positional = iter(args if isinstance(args, tuple) else (args,))
    escaped = hasattr(fmt, "__html__")  # Markup % escapes its arguments
    memo: dict[tuple[int, str], int] = {}
    size = pos = 0
    while size <= MAX_TEXT:
        start = fmt.find("%", pos)
        if start < 0:
            return size + len(fmt) - pos
        size += start - pos
        pos = start + 1
        key = None
        if fmt.startswith("(", pos):
            depth, end = 1, pos + 1
            while end < len(fmt) and depth:
                depth += {"(": 1, ")": -1}.get(fmt[end], 0)
                end += 1
            if depth:
                return size
            key, pos = fmt[pos + 1:end - 1], end
        spec = _SPEC.match(fmt, pos)
        pos = spec.end()
        width, precision, conv = spec.group(2), spec.group(3), spec.group(4)
        if not conv:
            return size  # '%' at the end: Python stops here ("incomplete format")
        try:
            width = int(next(positional) if width == "*" else width or 0)
            precision = int(next(positional) if precision == "*" else precision or 0)
            if conv == "%":
                size += 1
                continue
            arg = args[key] if key is not None and isinstance(args, dict) else next(positional)
        except (StopIteration, LookupError, TypeError, ValueError):
            return size  # Python stops here with its own error
        if key is not None and not isinstance(args, dict):
            return size
        size += max(abs(width), _conversion_size(arg, conv, precision, escaped, memo))
    return size


def _conversion_size(arg: Any, conv: str, precision: int, escaped: bool, memo: dict) -> int:
    if conv in ("s", "r", "a"):
        if (id(arg), conv) not in memo:
            text = {"s": str, "r": repr, "a": ascii}[conv](arg)
            memo[id(arg), conv] = len(escape(text)) if escaped else len(text)
        return min(memo[id(arg), conv], precision) if precision and conv == "s" else memo[id(arg), conv]
    if conv == "c":
        return 1
    digits = arg.bit_length() + 2 if isinstance(arg, int) else 330  # any base, or a float up to 1e308
    return max(digits, precision) + 8


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def weight(value: Any, limit: int = MAX_STRUCTURE) -> int:
    """The size of ``value`` as text would print it: characters of its
    strings, a part shared several times counted each time; the count stops
    soon after ``limit`` (a list holding itself 2**40 times is not walked)."""
    memo: dict[int, int] = {}

    def measure(v: Any) -> int:
        if isinstance(v, str):
            return len(v) + 2
        if not isinstance(v, (list, tuple, dict)):
            return 8
        if id(v) in memo:
            return memo[id(v)]
        total = 2
        for item in (v if not isinstance(v, dict) else v.keys()):
            total += measure(item) + (measure(v[item]) if isinstance(v, dict) else 0)
            if total > limit:
                break
        memo[id(v)] = total
        return total
    return measure(value)


def _structure_guard(size: int, what: str) -> None:
    if size > MAX_STRUCTURE:
        raise Refused(f"{what} tạo ra danh sách/từ điển quá lớn (cỡ {_n(size)} ký tự, tối đa {_n(MAX_STRUCTURE)})",
                      what.split()[-1])


def _binop_guard(operator: str, left: Any, right: Any) -> None:
    if operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if math.log2(abs(left)) * right > MAX_INT_BITS:
                raise Refused(f"lũy thừa {_n(left) if abs(left) < 10**9 else '…'}**{_n(right)} quá lớn "
                              f"(tối đa {_n(MAX_INT_BITS)} bit)", "**")
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if _size(seq) is not None and isinstance(times, int):
                limit = MAX_TEXT if isinstance(seq, str) else MAX_ITEMS
                if len(seq) * times > limit:
                    raise Refused(f"phép lặp '*' tạo ra {_n(len(seq) * times)} "
                                  f"{'ký tự' if isinstance(seq, str) else 'phần tử'} (tối đa {_n(limit)})", "*")
                if not isinstance(seq, str) and times > 0:
                    _structure_guard(weight(seq) * times, "phép lặp '*'")
        if isinstance(left, int) and isinstance(right, int) and \
                left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise Refused(f"phép nhân tạo ra số quá lớn (tối đa {_n(MAX_INT_BITS)} bit)", "*")
    elif operator == "+":
        if _size(left) is not None and _size(right) is not None:
            limit = MAX_TEXT if isinstance(left, str) else MAX_ITEMS
            if len(left) + len(right) > limit:
                raise Refused(f"phép cộng '+' tạo ra chuỗi/danh sách quá dài (tối đa {_n(limit)})", "+")
            if not isinstance(left, str):
                _structure_guard(weight(left) + weight(right), "phép cộng '+'")
    elif operator == "%" and isinstance(left, str):
        _printf_guard(left, "định dạng '%'", right)


def bounded_range(*args: Any) -> range:
    rng = range(*args)
    try:
        size = len(rng)
    except OverflowError:
        size = MAX_RANGE + 1
    if size > MAX_RANGE:
        raise Refused(f"range(...) có {_n(size) if size <= 10**15 else 'quá nhiều'} phần tử, "
                      f"tối đa {_n(MAX_RANGE)}", "range")
    return rng


def _guarded(name: str, check):
    """The filter ``name`` with ``check`` run on its arguments first; the check
    may return the positional arguments to use (an iterator it had to read),
    of which those given by name are left out."""
    original = jf.FILTERS[name]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        args = (check(*args, **kwargs) or args)[:len(args)]
        return original(*args, **kwargs)
    wrapper.__name__ = f"guarded_{name}"
    if hasattr(original, "jinja_pass_arg"):
        wrapper.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return wrapper


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _check_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> None:
    s, old, new = _text(s), _text(old), _text(new)
    hits = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _text_guard(len(s) + hits * (len(new) - len(old)), "bộ lọc replace")


def _check_join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> tuple:
    items = []
    for item in value:
        items.append(item)
        if len(items) > MAX_ITEMS:
            raise Refused(f"bộ lọc join trên hơn {_n(MAX_ITEMS)} phần tử", "join")
    _text_guard(sum(len(_text(i)) for i in items) + max(len(items) - 1, 0) * len(_text(d)), "bộ lọc join")
    return (eval_ctx, items, d, attribute)


def _check_center(value: Any, width: Any = 80) -> None:
    _pad_guard(width, "bộ lọc center")


def _check_indent(s: Any, width: Any = 4, first: Any = False, blank: Any = False) -> None:
    _pad_guard(width, "bộ lọc indent")
    pad = len(width) if isinstance(width, str) else int(width)
    _text_guard(len(_text(s)) + (_text(s).count("\n") + 1) * max(pad, 0), "bộ lọc indent")


def _check_format(value: Any, *args: Any, **kw: Any) -> None:
    _printf_guard(_text(value), "bộ lọc format", kw or args)  # as jinja's do_format: value % (kwargs or args)


def _check_wordwrap(env: Any, s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
                    break_on_hyphens: Any = True) -> None:
    s, wrap = _text(s), _text(wrapstring or "\n")
    _text_guard(len(s) + (len(s) // max(int(width), 1) + 1) * len(wrap), "bộ lọc wordwrap")


def _check_batch(value: Any, linecount: Any, fill_with: Any = None) -> None:
    _count_guard("batch", linecount)
    if fill_with is not None and isinstance(linecount, int):
        _structure_guard(weight(fill_with) * linecount, "bộ lọc batch")


def _check_slice(eval_ctx: Any, value: Any, slices: Any, fill_with: Any = None) -> None:
    _count_guard("slice", slices)
    if fill_with is not None and isinstance(slices, int):
        _structure_guard(weight(fill_with) * slices, "bộ lọc slice")


def _check_sum(env: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> None:
    if not isinstance(start, (int, float)):
        raise Refused("bộ lọc sum chỉ cộng các số (start phải là số)", "sum")


def _count_guard(name: str, count: Any) -> None:
    if isinstance(count, int) and count > MAX_RANGE:
        raise Refused(f"bộ lọc {name}({_n(count)}) vượt giới hạn {_n(MAX_RANGE)}", name)


def _check_truncate(env: Any, s: Any, length: Any = 255, killwords: Any = False, end: Any = "...",
                    leeway: Any = None) -> None:
    _text_guard(len(_text(end)), "bộ lọc truncate")


PLAIN_FILTERS = ("abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float",
                 "groupby", "int", "items", "last", "length", "list", "lower", "map", "max", "min", "reject",
                 "rejectattr", "reverse", "round", "select", "selectattr", "sort", "string", "striptags",
                 "title", "trim", "unique", "upper", "wordcount")
GUARDED_FILTERS = {"replace": _check_replace, "join": _check_join, "center": _check_center,
                   "indent": _check_indent, "format": _check_format, "wordwrap": _check_wordwrap,
                   "batch": _check_batch, "slice": _check_slice,
                   "truncate": _check_truncate, "sum": _check_sum}
ALLOWED_FILTERS = frozenset(PLAIN_FILTERS) | frozenset(GUARDED_FILTERS)

_LOOP_GUARD = "thidua loop guard"   # names no template can write (they contain a space)
_TEXT_GUARD = "thidua text guard"
_STRUCTURE_GUARD = "thidua structure guard"


@pass_context
def _loop_guard(context, iterable):
    env = context.environment
    for item in iterable:
        env.iterations += 1
        if env.iterations > MAX_LOOP_ITERATIONS:
            raise Refused(f"các vòng lặp chạy quá {_n(MAX_LOOP_ITERATIONS)} lần", "for")
        if time.process_time() - env.started > MAX_RENDER_SECONDS:
            raise Refused(f"điền mẫu đã dùng quá {MAX_RENDER_SECONDS} giây xử lý", "for")
        yield item


@pass_context
def _structure_guard_filter(context, value):
    _structure_guard(weight(value), "danh sách/từ điển viết trong mẫu")
    return value


@pass_context
def _concat_guard(context, operands):
    """``a ~ b ~ c`` as Jinja joins it, its length counted before the join."""
    pieces = [soft_str(x) for x in operands]
    markup = context.eval_ctx.autoescape and any(hasattr(p, "__html__") for p in pieces)
    if markup:
        pieces = [escape(p) for p in pieces]
    _text_guard(sum(len(p) for p in pieces), "phép nối '~'")
    return Markup("").join(pieces) if markup else "".join(str(p) for p in pieces)


class _Guards(NodeTransformer):
    """Loops count against the budget; ``~`` results are measured (a chain of
    ``{% set %}`` doubling a string would otherwise grow without bound)."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP_GUARD, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)
        operands = nodes.Tuple(node.nodes, "load", lineno=node.lineno)
        return nodes.Filter(operands, _TEXT_GUARD, [], [], None, None, lineno=node.lineno)

    def _literal(self, node: nodes.Expr) -> nodes.Expr:
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":  # the targets of for and set stay as they are
            return node
        return nodes.Filter(node, _STRUCTURE_GUARD, [], [], None, None, lineno=node.lineno)

    visit_List = visit_Tuple = visit_Dict = _literal


# -- the static check --------------------------------------------------------------------------------
def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Const):
        return repr(node.value)[:30]
    return "…"


def _const(node: nodes.Node | None) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


_BINOPS = {nodes.Pow: "**", nodes.Mul: "*", nodes.Add: "+", nodes.Mod: "%"}


def _folded(node: nodes.Node | None) -> Any:
    """The value of a constant expression (``9**(9**9)``, ``'a'*10**9``,
    ``('%(a)s' * 9)|format(a='x')``, ``'a' ~ 'b'``, a tuple or dict of
    constants), computed with the run-time guards, so no constant is ever
    folded past a limit; None when not constant."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, (nodes.Tuple, nodes.List)):
        items = [_folded(item) for item in node.items]
        return None if any(i is None for i in items) else (tuple(items) if isinstance(node, nodes.Tuple) else items)
    if isinstance(node, nodes.Dict):
        pairs = [(_folded(p.key), _folded(p.value)) for p in node.items]
        return None if any(k is None or v is None for k, v in pairs) else dict(pairs)
    if isinstance(node, nodes.Concat):
        parts = [_folded(item) for item in node.nodes]
        if any(p is None for p in parts):
            return None
        _text_guard(sum(len(str(p)) for p in parts), "phép nối '~'")
        return "".join(str(p) for p in parts)
    if isinstance(node, nodes.Filter) and node.name == "format":
        args = _filter_args(node)
        if args is None:
            return None
        _check_format(*args[0], **args[1])
        try:
            return jf.do_format(*args[0], **args[1])
        except Exception:
            return None
    op = _BINOPS.get(type(node))
    if op is None:
        return None
    left, right = _folded(node.left), _folded(node.right)
    if left is None or right is None:
        return None
    _binop_guard(op, left, right)
    try:
        return {"**": pow, "*": lambda a, b: a * b, "+": lambda a, b: a + b, "%": lambda a, b: a % b}[op](left, right)
    except Exception:
        return None


def _filter_args(node: nodes.Filter) -> tuple[list, dict] | None:
    """The value filtered and the arguments of a filter, when all are constant."""
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return None
    args = [_folded(node.node)] + [_folded(a) for a in node.args]
    kwargs = {k.key: _folded(k.value) for k in node.kwargs}
    if any(v is None for v in args + list(kwargs.values())):
        return None
    return args, kwargs


def _static_binop(node: nodes.BinExpr) -> None:
    if type(node) in _BINOPS:
        _folded(node)


def _static_call(node: nodes.Call, parent_attrs: set[int]) -> None:
    func = node.node
    if isinstance(func, nodes.Name) and func.name == "range":
        parent_attrs.add(id(func))
        values = [_folded(a) for a in node.args]
        if values and all(isinstance(v, int) for v in values):
            try:
                bounded_range(*values)
            except (TypeError, ValueError):
                pass
        return
    if isinstance(func, nodes.Getattr):
        if isinstance(func.node, nodes.Name) and func.node.name == "loop" and func.attr in LOOP_METHODS:
            parent_attrs.add(id(func))
            return
        if func.attr in SAFE_METHODS:
            parent_attrs.add(id(func))
            return
    name = _dotted(func)
    raise Refused(f"gọi '{name}(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", name.split(".")[-1])


def _static_filter(node: nodes.Filter) -> None:
    if node.name not in ALLOWED_FILTERS:
        raise Refused(f"bộ lọc '{node.name}' không được phép", node.name)
    arg = _folded(node.args[0]) if node.args else None
    if node.name in ("center", "indent") and arg is not None:
        _pad_guard(arg, f"bộ lọc {node.name}")
    elif node.name in ("batch", "slice") and isinstance(arg, int):
        _count_guard(node.name, arg)
    elif node.name == "format" and isinstance(_folded(node.node), str):
        _printf_guard(_folded(node.node), "bộ lọc format")
    constant = _filter_args(node)
    if constant is not None and node.name in GUARDED_FILTERS:  # a constant payload is refused before it runs
        check = GUARDED_FILTERS[node.name]
        passes_first = hasattr(jf.FILTERS[node.name], "jinja_pass_arg")
        try:
            check(*([None] if passes_first else []), *constant[0], **constant[1])
        except (TypeError, ValueError, AttributeError):
            pass  # wrong arguments: Jinja says so when it runs


def check(tree: nodes.Template) -> None:
    """Refuse the first construct a plain-data template does not need."""
    called: set[int] = set()  # Getattr nodes that are the function of an allowed call

    def visit(node: nodes.Node, depth: int = 0) -> None:
        lineno = node.lineno
        if depth > MAX_DEPTH:
            raise Refused(f"biểu thức lồng nhau quá sâu (hơn {MAX_DEPTH} tầng ngoặc, bộ lọc hoặc thẻ)", "", lineno)
        tag = STATEMENT_TAGS.get(type(node))
        if tag:
            raise Refused(f"thẻ {tag} không được phép trong mẫu báo cáo", tag.split()[1] if " " in tag else tag,
                          lineno)
        if not isinstance(node, ALLOWED_NODES):
            raise Refused(f"cấu trúc '{type(node).__name__}' không được phép", "", lineno)
        if isinstance(node, nodes.For) and node.recursive:
            raise Refused("vòng lặp đệ quy (for … recursive) không được phép", "recursive", lineno)
        if isinstance(node, nodes.Name) and node.name in FORBIDDEN_NAMES:
            raise Refused(f"tên '{node.name}' không được phép", node.name, lineno)
        if isinstance(node, nodes.Name) and node.name == "range" and id(node) not in called:
            raise Refused("'range' chỉ được dùng dạng range(…)", "range", lineno)
        try:
            if isinstance(node, nodes.Call):
                _static_call(node, called)
            if isinstance(node, nodes.Filter):
                _static_filter(node)
            if isinstance(node, nodes.BinExpr):
                _static_binop(node)
            if isinstance(node, nodes.Concat):
                _folded(node)
            if isinstance(node, nodes.Const) and isinstance(node.value, int) and \
                    node.value.bit_length() > MAX_INT_BITS:
                raise Refused(_too_many_digits(len(str(node.value))))
            if isinstance(node, nodes.Getattr):
                _static_attr(node, id(node) in called)
            if isinstance(node, nodes.Getitem) and isinstance(_const(node.arg), str):
                _private(node.arg.value)  # d['items'] reads a key; run time refuses a method
        except Refused as exc:
            exc.lineno = exc.lineno or lineno
            raise
        for child in node.iter_child_nodes():
            visit(child, depth + 1)

    visit(tree)


def _too_many_digits(digits: int | None = None) -> str:
    count = f" ({_n(digits)} chữ số)" if digits else ""
    return f"số viết trong mẫu quá lớn{count}, tối đa {_n(MAX_INT_BITS)} bit (khoảng 1.200 chữ số)"


_LONG_NUMBER = re.compile(r"\d{1000,}")


def _private(attr: str) -> None:
    if attr.startswith("_"):
        raise Refused(f"truy cập '{attr}' (tên bắt đầu bằng '_') không được phép", attr)


def _static_attr(node: nodes.Getattr, is_called: bool) -> None:
    attr = node.attr
    if isinstance(node.node, nodes.Name) and node.node.name == "loop" and attr in LOOP_ATTRS:
        return
    _private(attr)
    if attr in PLAIN_ATTRS and not (is_called and attr in SAFE_METHODS):
        raise Refused(f"truy cập thuộc tính '{attr}' không được phép: mẫu chỉ đọc các trường dữ liệu", attr)


# -- the environment -------------------------------------------------------------------------------
def _is_plain(obj: Any) -> bool:
    return isinstance(obj, (str, int, float, bool, list, tuple, dict, dt.date))


class TemplateEnvironment(SandboxedEnvironment):
    """A sandbox for plain data with limits; one per rendering (it counts loop
    iterations across the parts of one document)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, autoescape: bool = True) -> None:
        super().__init__(autoescape=autoescape, undefined=StrictUndefined)
        self.globals.clear()
        self.globals["range"] = bounded_range
        self.filters = {name: jf.FILTERS[name] for name in PLAIN_FILTERS}
        self.filters.update({name: _guarded(name, chk) for name, chk in GUARDED_FILTERS.items()})
        self.filters[_LOOP_GUARD] = _loop_guard
        self.filters[_TEXT_GUARD] = _concat_guard
        self.filters[_STRUCTURE_GUARD] = _structure_guard_filter
        self.iterations = 0
        self.started = time.process_time()
        self.current_source = ""

    # static layer: every parse (check-template, and each part docxtpl renders) checks first
    def _parse(self, source, name, filename):
        try:
            tree = super()._parse(source, name, filename)
        except ValueError as exc:  # Python refuses to read a number of more than 4.300 digits
            found = _LONG_NUMBER.search(source)
            if found is None:
                raise
            raise Refused(_too_many_digits(len(found.group(0))), found.group(0)[:20],
                          source[:found.start()].count("\n") + 1) from None
        check(tree)
        return _Guards().visit(tree)

    def from_string(self, source, *args, **kwargs):
        self.current_source = source if isinstance(source, str) else ""
        return super().from_string(source, *args, **kwargs)

    def concat(self, pieces) -> str:  # type: ignore[override]
        out, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_OUTPUT:
                raise Refused(f"kết quả điền mẫu vượt {_n(MAX_OUTPUT)} ký tự cho một phần của văn bản")
            out.append(piece)
        return "".join(out)

    # run-time layer
    def call_binop(self, context, operator, left, right):
        _binop_guard(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRS
        if isinstance(obj, dt.date):
            return attr in DATE_FIELDS
        return _is_plain(obj) and attr in SAFE_METHODS

    def is_safe_callable(self, obj) -> bool:
        if obj is bounded_range:
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType)):
            owner = obj.__self__
            if isinstance(owner, LoopContext):
                return obj.__name__ in LOOP_METHODS
            return _is_plain(owner) and obj.__name__ in SAFE_METHODS
        return False

    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return self.undefined(obj=obj, name=attribute)
        if self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def getitem(self, obj, argument):
        try:
            return obj[argument]
        except (TypeError, LookupError):
            if isinstance(argument, str):
                return self.getattr(obj, argument)
        return self.undefined(obj=obj, name=argument)


def limits_text() -> list[tuple[str, str]]:
    """The limits as README rows (a test keeps README and code equal)."""
    return [("Độ dài một giá trị tính ra", f"{_n(MAX_TEXT)} ký tự"),
            ("Số phần tử một danh sách tính ra", _n(MAX_ITEMS)),
            ("range(...)", f"{_n(MAX_RANGE)} phần tử"),
            ("Độ rộng center, indent, format, '%'", f"{_n(MAX_PAD)} ký tự"),
            ("Số nguyên tính ra (**, *)", f"{_n(MAX_INT_BITS)} bit"),
            ("Tổng số lần lặp của mọi vòng for", _n(MAX_LOOP_ITERATIONS)),
            ("Kết quả điền một phần văn bản", f"{_n(MAX_OUTPUT)} ký tự"),
            ("Cỡ một danh sách/từ điển mẫu tạo ra (tính cả phần lặp lại)", f"{_n(MAX_STRUCTURE)} ký tự"),
            ("Thời gian xử lý để điền một văn bản", f"{MAX_RENDER_SECONDS} giây"),
            ("Số tầng lồng nhau của ngoặc, bộ lọc, thẻ", str(MAX_DEPTH))]


__all__ = ["TemplateEnvironment", "Refused", "check", "bounded_range", "limits_text"]
