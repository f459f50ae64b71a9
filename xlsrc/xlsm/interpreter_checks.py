"""Static checks of how our VBA finds Python before ``RunPython`` (what no
test can run without Excel on Windows). Each returns a list of problems:

* the lookup order: the installer's environment first, then the path in
  ``xlwings.conf``; every candidate accepted only through ``HasThiDua`` (the
  package folder of thidua is in that Python's site-packages);
* no registry lookup (a 32-bit Office reads only the 32-bit view, and a
  registered Python need not have thidua);
* ``xlwings.conf`` written only by ``SetConf``, which compares before writing
  and refuses a read-only workbook;
* a path with no ASCII (8.3) form stops with our own message, before xlwings
  would say "Could not find Interpreter!"."""
from __future__ import annotations

import re

_PROC = re.compile(r"^[ \t]*(?:Public[ \t]+|Private[ \t]+)?(?:Sub|Function)[ \t]+(\w+)[^\n]*\n(.*?)"
                   r"^[ \t]*End[ \t]+(?:Sub|Function)\b", re.I | re.M | re.S)
_CANDIDATE = re.compile(r"^(?:Else)?If\s+HasThiDua\((.+)\)\s+Then$", re.I)
_ASSIGN_FOUND = re.compile(r"^found\s*=\s*(.+)$", re.I)
# an assignment to a cell's Value: a statement of its own, or after Then / Else / ':'
_VALUE_WRITE = re.compile(r"(?:^|\bThen\s+|\bElse\s+|:\s*)[\w.]+(?:\([^)]*\))?\.Value\s*=(?!=)", re.I)
INSTALL_CONST = "INSTALL_PYTHONW"
CONF_VALUE = "current"          # the variable PythonReady reads the xlwings.conf value into
WRITER = "setconf"


def _code_lines(body: str) -> list[str]:
    """Statements of a procedure body: comments and strings blanked, continuations joined."""
    out, pending = [], ""
    for raw in body.replace("\r\n", "\n").split("\n"):
        line = re.sub(r'"(?:[^"]|"")*"', '""', raw)
        if "'" in line:
            line = line[:line.index("'")]
        if line.rstrip().endswith(" _"):
            pending += line.rstrip()[:-1] + " "
            continue
        text = (pending + line).strip()
        pending = ""
        if text:
            out.append(text)
    return out


def procedures(vba: str) -> dict[str, list[str]]:
    """Procedure name (lower case) → its statements."""
    return {m.group(1).lower(): _code_lines(m.group(2)) for m in _PROC.finditer(vba.replace("\r\n", "\n"))}


def check_lookup_order(vba: str) -> list[str]:
    body = procedures(vba).get("pythonready")
    if body is None:
        return ["mã VBA không có hàm PythonReady (tìm Python trước RunPython)"]
    candidates, problems = [], []
    for i, line in enumerate(body):
        m = _ASSIGN_FOUND.match(line)
        if m is None:
            continue
        value = m.group(1).strip()
        if value.lower().startswith("asciipath(found"):
            continue
        guard = _CANDIDATE.match(body[i - 1]) if i else None
        if guard is None or guard.group(1).replace(" ", "").lower() != value.replace(" ", "").lower():
            problems.append(f"PythonReady: 'found = {value}' không qua HasThiDua({value}) ngay trước: một Python "
                            "chưa cài thidua sẽ được dùng")
            continue
        candidates.append(value)
    if not candidates or INSTALL_CONST.lower() not in candidates[0].lower():
        problems.append(f"PythonReady: ứng viên đầu tiên phải là môi trường của bộ cài ({INSTALL_CONST}), "
                        f"có: {candidates}")
    if not any(re.search(rf"\b{CONF_VALUE}\b", c, re.I) for c in candidates[1:]):
        problems.append(f"PythonReady: sau môi trường của bộ cài phải thử đường dẫn trong xlwings.conf "
                        f"({CONF_VALUE}), có: {candidates}")
    return problems


def check_no_registry(vba: str) -> list[str]:
    code = "\n".join(line for body in procedures(vba).values() for line in body)
    if re.search(r"\bRegRead\b|\bStdRegProv\b", code, re.I):
        return ["mã VBA đọc registry để tìm Python: Office 32-bit chỉ thấy nhánh 32-bit và Python đăng ký ở đó "
                "chưa chắc có thidua; chỉ dùng môi trường của bộ cài và đường dẫn trong xlwings.conf"]
    return []


def check_conf_writes(vba: str) -> list[str]:
    problems = []
    procs = procedures(vba)
    for name, body in procs.items():
        touches_conf = any(re.search(r"\bConfCell\s*\(|\bCONF_SHEET\b|\bCONF_KEY\b", ln, re.I) for ln in body)
        writes = [ln for ln in body if _VALUE_WRITE.search(ln)]
        if name != WRITER and touches_conf and writes:
            problems.append(f"{name}: ghi vào xlwings.conf ('{writes[0]}') ngoài SetConf: ghi cả khi giá trị không "
                            "đổi hoặc sổ chỉ đọc")
    body = procs.get(WRITER)
    if body is None:
        return problems + ["mã VBA không có hàm SetConf (ghi xlwings.conf khi giá trị đổi)"]
    first_write = next((i for i, ln in enumerate(body) if _VALUE_WRITE.search(ln)), len(body))
    before = body[:first_write]
    if not any(re.search(r"\bStrComp\s*\(", ln, re.I) for ln in before):
        problems.append("SetConf: không so sánh với giá trị đang có trước khi ghi (Excel sẽ hỏi lưu mỗi lần đóng)")
    if not any(re.search(r"^If\s+ThisWorkbook\.ReadOnly\s+Then", ln, re.I) for ln in before):
        problems.append("SetConf: không kiểm tra ThisWorkbook.ReadOnly trước khi ghi")
    return problems


def check_ascii_guard(vba: str) -> list[str]:
    body = procedures(vba).get("pythonready", [])
    short = next((i for i, ln in enumerate(body) if re.match(r"found\s*=\s*AsciiPath\(", ln, re.I)), None)
    write = next((i for i, ln in enumerate(body) if re.search(r"\bSetConf\s*\(\s*CONF_KEY\b", ln, re.I)), None)
    if short is None or write is None or short > write:
        return ["PythonReady: đường dẫn Python không được đổi sang dạng ASCII (8.3) trước khi ghi vào xlwings.conf"]
    guarded = any(re.search(r"^If\s+Not\s+IsAscii\(found\)", ln, re.I) for ln in body[short:write])
    if not guarded:
        return ["PythonReady: không báo (tiếng Việt) khi đường dẫn không có dạng ASCII 8.3; xlwings sẽ hiện "
                "'Could not find Interpreter!'"]
    return []


def check_package_marker(vba: str) -> list[str]:
    """HasThiDua looks for the folder of the package the macros import."""
    m = re.search(r'Const\s+PACKAGE_FOLDER\s+As\s+String\s*=\s*"([^"]+)"', vba)
    targets = set(re.findall(r'RunPython\s+"import\s+(\w+)', vba))
    if m is None or {m.group(1)} != targets:
        return [f"PACKAGE_FOLDER ({m.group(1) if m else 'thiếu'}) phải là gói mà RunPython import ({sorted(targets)})"]
    body = procedures(vba).get("hasthidua", [])
    if not any(re.search(r"FolderExists\(.*\bPACKAGE_FOLDER\b", ln, re.I) for ln in body):
        return ["HasThiDua không kiểm tra thư mục gói PACKAGE_FOLDER trong site-packages"]
    return []


def check_interpreter_lookup(vba: str) -> list[str]:
    return (check_lookup_order(vba) + check_no_registry(vba) + check_conf_writes(vba) + check_ascii_guard(vba)
            + check_package_marker(vba))
