"""A small lint for our VBA module, for what the LibreOffice compile check
cannot see (LibreOffice resolves names only at run time):

* a name used but never declared, under ``Option Explicit``;
* a call of a Sub that exists nowhere (our module, xlwings' modules, VBA);
* a call of one of our own procedures with the wrong number of arguments;
* a VBA statement or function that goes through the ANSI code page on file
  paths (``MkDir``, ``Dir``, ``Shell``, ``GetAttr``, ``Kill``, ``Open`` …):
  our module touches paths only through ``Scripting.FileSystemObject`` and
  ``ThisWorkbook.FollowHyperlink``; Python creates folders;
* a ``RunPython`` not preceded by ``PythonReady`` in its procedure;
* feedback while Python runs: a ``RunPython`` not preceded by ``Busy``
  (status bar text and wait cursor), or not followed by ``Done`` (reset)
  before the procedure leaves, or whose procedure's error handler does not
  reset them (``Done``, or ``Failure`` which calls it); ``Busy`` that does
  not set ``Application.StatusBar`` and ``Application.Cursor``, ``Done``
  that does not reset both.

It knows the VBA it reads: the statements, functions and constants listed
below. A new built-in name used in the module is added here once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYWORDS = set("""
and as byref byval call case const declare dim do each else elseif end enum error exit explicit false for friend
function get global goto if in is let like loop me mod new next not nothing on option optional or paramarray
preserve private property public redim resume select set static step sub then to true type until wend while with
xor boolean byte currency date double integer long longlong longptr object single string variant any ptrsafe lib
alias compare binary text base module
""".split())
# VBA and Excel names our module may use (functions, statements, constants, globals)
BUILTINS = set(name.lower() for name in """
Application ThisWorkbook ActiveWorkbook ActiveSheet Worksheets Sheets Range Cells Err Debug
MsgBox InputBox Len Left Left$ Right Right$ Mid Mid$ InStr InStrRev Replace Trim Trim$ LCase UCase LCase$ UCase$
Chr Chr$ ChrW ChrW$ Asc AscW CLng CInt CStr CDbl CBool CDate Val Str Format Format$ Split Join Array LBound UBound
IsEmpty IsNull IsNumeric IsArray IsObject IsMissing TypeName VarType Now Date Time Timer DoEvents
CreateObject GetObject Nz Abs Int Fix Sgn Space String$ StrComp StrConv
vbExclamation vbInformation vbCritical vbQuestion vbOKOnly vbOKCancel vbYesNo vbYes vbNo vbCancel vbOK
vbCrLf vbCr vbLf vbNewLine vbTab vbNullString vbNormalFocus vbTextCompare vbBinaryCompare Empty Null
""".split())
# Go through the ANSI code page with file paths: never in our module
ANSI_PATH_CALLS = ("MkDir", "RmDir", "ChDir", "ChDrive", "CurDir", "Dir", "Shell", "GetAttr", "SetAttr",
                   "Kill", "FileCopy", "FileLen", "FileDateTime", "Name", "Open", "Environ", "Environ$")

_STRING = re.compile(r'"(?:[^"]|"")*"')
_PROC = re.compile(r"^(?:(?:Public|Private|Friend)\s+)?(?:Static\s+)?(Sub|Function|Property\s+(?:Get|Let|Set))\s+"
                   r"(\w+)\s*\((.*)\)", re.I)
_DECLARE = re.compile(r"^(?:(?:Public|Private)\s+)?Declare\s+(?:PtrSafe\s+)?(?:Sub|Function)\s+(\w+)[^(]*\((.*)\)",
                      re.I)
_END = re.compile(r"^End\s+(Sub|Function|Property)\b", re.I)
_DIM = re.compile(r"^(?:(?:Private|Public)\s+Const|Dim|Static|Private|Public|Global|Const)\s+(.*)$", re.I)
_IDENT = re.compile(r"(?<![\w.])([A-Za-z]\w*\$?)(?!\w)")


@dataclass
class Signature:
    name: str
    kind: str
    required: int
    total: int | None  # None: ParamArray


@dataclass
class Statement:
    line: int
    text: str


@dataclass
class ProcBody:
    signature: Signature
    params: list[str]
    statements: list[Statement] = field(default_factory=list)


def _logical_lines(source: str) -> list[Statement]:
    """Lines with continuations joined, comments and string contents removed."""
    out: list[Statement] = []
    pending, start = "", 0
    for number, raw in enumerate(source.replace("\r\n", "\n").split("\n"), 1):
        line = _STRING.sub('""', raw)
        if "'" in line:
            line = line[:line.index("'")]
        line = re.sub(r"^\s*Rem\b.*", "", line, flags=re.I)
        if not pending:
            start = number
        if line.rstrip().endswith(" _"):
            pending += line.rstrip()[:-1] + " "
            continue
        out.append(Statement(start, (pending + line).strip()))
        pending = ""
    return [s for s in out if s.text]


def _split_params(text: str) -> list[str]:
    depth, cur, parts = 0, "", []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _signature(kind: str, name: str, params_text: str) -> tuple[Signature, list[str]]:
    params = _split_params(params_text)
    names = [re.sub(r"^(?:Optional\s+|ByVal\s+|ByRef\s+|ParamArray\s+)*", "", p, flags=re.I).split()[0].rstrip("()")
             for p in params]
    if kind.lower().startswith("property") and kind.lower().endswith(("let", "set")) and params:
        params = params[:-1]  # the assigned value is not an argument
    required = sum(1 for p in params if not re.match(r"(?:ByVal\s+|ByRef\s+)?(?:Optional|ParamArray)\b", p, re.I))
    total = None if any(re.search(r"\bParamArray\b", p, re.I) for p in params) else len(params)
    return Signature(name, kind.split()[0], required, total), names


def signatures(source: str) -> dict[str, Signature]:
    """Procedure name (lower case) → its signature, including Declare'd functions."""
    out = {}
    for st in _logical_lines(source):
        m = _PROC.match(st.text) or None
        if m:
            out[m.group(2).lower()] = _signature(m.group(1), m.group(2), m.group(3))[0]
            continue
        d = _DECLARE.match(st.text)
        if d:
            out[d.group(1).lower()] = _signature("Function", d.group(1), d.group(2))[0]
    return out


def _declared_names(text: str) -> list[str]:
    m = _DIM.match(text)
    if m is None:
        return []
    names = []
    for part in _split_params(m.group(1)):
        part = re.sub(r"^(?:WithEvents\s+)", "", part, flags=re.I)
        ident = re.match(r"(\w+\$?)", part)
        if ident:
            names.append(ident.group(1))
    return names


def _parse(source: str):
    module_names: set[str] = set()
    procs: list[ProcBody] = []
    current: ProcBody | None = None
    explicit = False
    for st in _logical_lines(source):
        if st.text.startswith("#") or st.text.lower().startswith("attribute "):
            continue
        if re.match(r"Option\s+Explicit\b", st.text, re.I):
            explicit = True
            continue
        m = _PROC.match(st.text)
        if m and current is None:
            sig, params = _signature(m.group(1), m.group(2), m.group(3))
            current = ProcBody(sig, params)
            continue
        if current is not None and _END.match(st.text):
            procs.append(current)
            current = None
            continue
        if current is None:
            module_names.update(n.lower() for n in _declared_names(st.text))
            d = _DECLARE.match(st.text)
            if d:
                module_names.add(d.group(1).lower())
        else:
            current.statements.append(st)
    return explicit, module_names, procs


def _statements(text: str) -> list[str]:
    """A logical line as statements: split at ':' and single-line If/Then/Else."""
    parts = []
    for piece in re.split(r"(?<!:):(?![=])", text):
        piece = piece.strip()
        m = re.match(r"(?:Else)?If\s+(.*?)\s+Then\s+(.+)$", piece, re.I)
        if m:
            parts.append("If " + m.group(1))
            branches = re.split(r"\s+Else\s+", m.group(2), flags=re.I)
            parts.extend(b.strip() for b in branches)
        elif piece:
            parts.append(piece)
    return parts


def _call_args(rest: str) -> list[str]:
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")") and _balanced(rest[1:-1]):
        rest = rest[1:-1]
    return _split_params(rest) if rest else []


def _is_assignment(rest: str) -> bool:
    """``rest`` (after a statement's first name) makes it no call: ``= x``, ``(i) = x``, ``(i).Member``."""
    rest = rest.lstrip()
    if rest.startswith("("):
        depth = 0
        for i, ch in enumerate(rest):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                rest = rest[i + 1:].lstrip()
                break
    return rest.startswith(("=", "."))


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def _expression_calls(text: str, own: dict[str, Signature]):
    """(name, argument count) of each call ``Name(...)`` of our procedures inside an expression."""
    for m in re.finditer(r"(?<![\w.])(\w+)\s*\(", text):
        sig = own.get(m.group(1).lower())
        if sig is None:
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        inner = text[m.end():i - 1]
        yield sig, len(_split_params(inner)) if inner.strip() else 0


def _arity_problem(sig: Signature, count: int) -> str | None:
    if count < sig.required or (sig.total is not None and count > sig.total):
        want = str(sig.required) if sig.total == sig.required else \
            f"{sig.required}–{sig.total if sig.total is not None else '…'}"
        return f"{sig.name} nhận {want} đối số, được gọi với {count}"
    return None


BUSY, RESETS = "busy", ("done", "failure")
_LABEL = re.compile(r"^(\w+):(?!=)")


def _calls(stmt: str) -> str:
    first = re.match(r"(?:Call\s+)?([A-Za-z]\w*)", stmt, re.I)
    return first.group(1).lower() if first else ""


def _feedback_problems(procs: list[ProcBody]) -> list[str]:
    """The status bar and cursor around every RunPython (see the module's doc)."""
    problems: list[str] = []
    bodies = {p.signature.name.lower(): p for p in procs}
    for proc in procs:
        flat = [(st.line, piece) for st in proc.statements
                for piece in ([st.text] if _LABEL.match(st.text) else _statements(st.text))]
        runs = [i for i, (_, stmt) in enumerate(flat) if _calls(stmt) == "runpython"]
        if not runs:
            continue
        name = proc.signature.name
        for i in runs:
            line = flat[i][0]
            if not any(_calls(stmt) == BUSY for _, stmt in flat[:i]):
                problems.append(f"dòng {line} ({name}): RunPython trước khi đặt thanh trạng thái (Busy)")
            after = next((stmt for _, stmt in flat[i + 1:]
                          if _calls(stmt) in RESETS or re.match(r"Exit\s+(?:Sub|Function)\b", stmt, re.I)
                          or _LABEL.match(stmt)), "")
            if _calls(after) not in RESETS:
                problems.append(f"dòng {line} ({name}): sau RunPython không trả lại thanh trạng thái và con trỏ (Done)")
        handlers = {m.group(1).lower() for _, stmt in flat
                    if (m := re.match(r"On\s+Error\s+GoTo\s+(\w+)", stmt, re.I)) and m.group(1) != "0"}
        for i, (line, stmt) in enumerate(flat):
            label = _LABEL.match(stmt)
            if label and label.group(1).lower() in handlers and \
                    not any(_calls(s) in RESETS for _, s in flat[i + 1:]):
                problems.append(f"dòng {line} ({name}): phần xử lý lỗi không trả lại thanh trạng thái (Done/Failure)")
    rules = {BUSY: ((r"Application\.StatusBar\s*=\s*(?!False\b)", "Application.StatusBar = <chữ>"),
                    (r"Application\.Cursor\s*=", "Application.Cursor = XL_WAIT")),
             "done": ((r"Application\.StatusBar\s*=\s*False\b", "Application.StatusBar = False"),
                      (r"Application\.Cursor\s*=", "Application.Cursor = XL_DEFAULT")),
             "failure": ((r"^(?:Call\s+)?Done\b", "lệnh gọi Done"),)}
    for key, patterns in rules.items():
        proc = bodies.get(key)
        if proc is None:
            if key == BUSY or any(_calls(st.text) == key for p in procs for st in p.statements):
                problems.append(f"thiếu thủ tục {key.capitalize()}")
            continue
        for pattern, what in patterns:
            if not any(re.search(pattern, st.text, re.I) for st in proc.statements):
                problems.append(f"{proc.signature.name} không có {what}")
    return problems


def lint(source: str, library_sources: list[str] = ()) -> list[str]:
    """Problems of our module ``source``; ``library_sources`` are the other
    modules (xlwings') whose procedures it may call."""
    explicit, module_names, procs = _parse(source)
    own = {p.signature.name.lower(): p.signature for p in procs}
    for name, sig in signatures(source).items():
        own.setdefault(name, sig)
    library = {}
    for text in library_sources:
        library.update(signatures(text))
    callable_names = set(own) | set(library)
    problems: list[str] = []
    ansi = {c.lower() for c in ANSI_PATH_CALLS}
    for proc in procs:
        local = {p.lower() for p in proc.params} | {proc.signature.name.lower()}
        labels = set()
        for st in proc.statements:
            local.update(n.lower() for n in _declared_names(st.text))
            lab = re.match(r"^(\w+):(?!=)", st.text)
            if lab:
                labels.add(lab.group(1).lower())
        known = KEYWORDS | BUILTINS | module_names | local | labels | callable_names
        ready = False
        for st in proc.statements:
            where = f"dòng {st.line} ({proc.signature.name})"
            for stmt in _statements(re.sub(r"^\w+:(?!=)\s*", "", st.text)):
                first = re.match(r"(?:Call\s+)?([A-Za-z]\w*\$?)(?![\w$])(.*)$", stmt, re.I)
                word = first.group(1).lower() if first else ""
                rest = first.group(2) if first else ""
                if first and (rest.lstrip().startswith(".") or _is_assignment(rest)):
                    first, word = None, ""
                if re.search(r"\bPythonReady\b", stmt):
                    ready = True
                if word == "runpython" and not ready:
                    problems.append(f"{where}: RunPython trước khi kiểm tra PythonReady")
                if first and word not in KEYWORDS and word not in local | module_names | ansi:
                    if word not in callable_names | BUILTINS:
                        problems.append(f"{where}: gọi Sub '{first.group(1)}' không có ở mô-đun nào")
                        stmt = rest  # the name is reported once
                    elif word in own:
                        bad = _arity_problem(own[word], len(_call_args(rest)))
                        if bad:
                            problems.append(f"{where}: {bad}")
                for sig, count in _expression_calls(rest if word in own else stmt, own):
                    bad = _arity_problem(sig, count)
                    if bad:
                        problems.append(f"{where}: {bad}")
                if re.match(r"(?:Dim|Static|Const|ReDim)\b", stmt, re.I):
                    stmt = re.sub(r"\bAs\s+(?:New\s+)?[\w.]+", "", stmt, flags=re.I)
                for m in _IDENT.finditer(re.sub(r"\bAs\s+(?:New\s+)?[\w.]+|\bNew\s+[\w.]+", "", stmt, flags=re.I)):
                    name = m.group(1).lower()
                    after = stmt[m.end():m.end() + 2]
                    if after == ":=":
                        continue  # named argument
                    if name in ansi and name not in local | module_names:
                        problems.append(f"{where}: {m.group(1)} đi qua bảng mã ANSI với đường dẫn; "
                                        "dùng Scripting.FileSystemObject, FollowHyperlink hoặc Python")
                    elif explicit and name not in known:
                        problems.append(f"{where}: '{m.group(1)}' chưa được khai báo (Option Explicit)")
    if any(_calls(st.text) == "runpython" for p in procs for st in p.statements):
        problems += _feedback_problems(procs)
    return list(dict.fromkeys(problems))
