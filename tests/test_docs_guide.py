"""The user guide (docs/huong-dan-su-dung.md) stays true to the product: the
sheets and buttons its tables name exist in xlsrc/schema.py and
builder.MACRO_BUTTONS (and every one of them is described), every picture it
links exists and is small, every `thidua …` command it shows is a real
subcommand with real options, every message code it explains is one the
code emits. Each check is a function of the text, so that a planted mistake
can be shown to be caught."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import typer

from xlsrc import schema as S
from xlsrc.builder import MACRO_BUTTONS
from xlsrc.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDE = DOCS / "huong-dan-su-dung.md"
MAX_PICTURE, MAX_PICTURES = 150_000, 2_500_000

# sheets the tool writes itself (no SheetSpec): a guide may name them in its tables too
WRITTEN_SHEETS = {S.REVIEW_SHEET, S.PROPOSAL_SHEET, S.GUIDE_SHEET, S.SUMMARY_SHEET, S.SOURCES_SHEET,
                  "Thống kê", "Dữ liệu chưa xếp"}
SHEET_NAMES = {s.name for s in S.DATA_SHEETS} | {S.UNIT_PROPOSALS.name} | WRITTEN_SHEETS
CAPTIONS = {caption for _, caption in MACRO_BUTTONS}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every markdown table: (header cells, body rows of cells)."""
    out, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-| :]+\|$", lines[i + 1].strip()):
            head, body = _cells(lines[i]), []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                body.append(_cells(lines[i]))
                i += 1
            out.append((head, body))
        else:
            i += 1
    return out


def _plain(cell: str) -> str:
    return cell.replace("*", "").replace("`", "").strip()


def sheet_rows(text: str) -> list[str]:
    """The sheet names in the first column of the tables headed 'Trang'."""
    return [_plain(row[0]) for head, body in tables(text) if head[0] == "Trang" for row in body]


def button_rows(text: str) -> list[tuple[str, list[str]]]:
    """(caption, sheets it reads) of the tables headed 'Nút'."""
    out = []
    for head, body in tables(text):
        if head[0] != "Nút":
            continue
        reads = head.index("Đọc các trang") if "Đọc các trang" in head else None
        for row in body:
            sheets = [] if reads is None else [s.strip() for s in _plain(row[reads]).split(",")]
            out.append((_plain(row[0]), [s for s in sheets if s and not s.startswith("—")]))
    return out


def sheet_problems(text: str) -> list[str]:
    problems = [f"Trang '{n}' không có trong xlsrc/schema.py" for n in sheet_rows(text) if n not in SHEET_NAMES]
    for caption, reads in button_rows(text):
        problems += [f"Nút '{caption}' đọc trang '{n}' không có trong xlsrc/schema.py"
                     for n in reads if n not in SHEET_NAMES]
    described = set(sheet_rows(text))
    problems += [f"Trang '{s.name}' của schema không có trong bảng các trang" for s in S.DATA_SHEETS
                 if s.name not in described]
    return problems


def button_problems(text: str) -> list[str]:
    named = [c for c, _ in button_rows(text)]
    return ([f"Nút '{c}' không có trong builder.MACRO_BUTTONS" for c in named if c not in CAPTIONS]
            + [f"Nút '{c}' không có trong bảng các nút" for c in sorted(CAPTIONS - set(named))])


def picture_problems(text: str, base: Path, small: bool = True) -> list[str]:
    """Pictures missing; with ``small`` (the guide's), pictures and all of them together too large."""
    links = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    problems = [f"Hình '{p}' không có" for p in links if not (base / p).is_file()]
    if not small:
        return problems
    sizes = {p: (base / p).stat().st_size for p in set(links) if (base / p).is_file()}
    problems += [f"Hình '{p}' {n} byte > {MAX_PICTURE}" for p, n in sizes.items() if n > MAX_PICTURE]
    if sum(sizes.values()) > MAX_PICTURES:
        problems.append(f"Tổng các hình {sum(sizes.values())} byte > {MAX_PICTURES}")
    return problems


def command_lines(text: str) -> list[str]:
    """`thidua …` in code blocks and in inline code."""
    lines = [ln.strip() for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S) for ln in block.splitlines()]
    lines += re.findall(r"`(thidua [^`]+)`", text)
    return [ln for ln in lines if ln.startswith("thidua ")]


def _commands() -> dict[str, set[str]]:
    group = typer.main.get_command(app)
    return {name: {opt for p in cmd.params for opt in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
            | {"-h", "--help"} for name, cmd in group.commands.items()}


def command_problems(text: str) -> list[str]:
    commands, problems = _commands(), []
    for line in command_lines(text):
        words = line.split()
        sub = words[1] if len(words) > 1 else ""
        if sub in ("-h", "--help"):
            continue
        if sub not in commands:
            problems.append(f"'{line}': lệnh '{sub}' không có (thidua -h)")
            continue
        problems += [f"'{line}': tuỳ chọn '{w}' không có ở 'thidua {sub}'"
                     for w in words[2:] if w.startswith("-") and w.split("=")[0] not in commands[sub]]
    return problems


def _severities(source: str) -> dict[str, set[str]]:
    """The severities the code gives each message code, where it names one
    beside the code (``ERROR, "CODE"``); a code whose severity is a variable is absent."""
    found: dict[str, set[str]] = {}
    for sev, code in re.findall(r'\b(ERROR|WARNING),\s*"([A-Z][A-Z0-9_]{3,})"', source):
        found.setdefault(code, set()).add(sev)
    for code, sev in re.findall(r'"([A-Z][A-Z0-9_]{3,})",\s*(ERROR|WARNING)\b', source):
        found.setdefault(code, set()).add(sev)
    return found


def code_problems(text: str) -> list[str]:
    """Every message code the guide's tables explain is emitted somewhere in
    xlsrc/, with the severity (Lỗi / Cảnh báo) the guide gives it."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "xlsrc").rglob("*.py"))
    severities, problems = _severities(source), []
    for head, body in tables(text):
        if head[0] != "Mã":
            continue
        for row in body:
            for code, said in re.findall(r"`([A-Z][A-Z0-9_]{3,})`(?: \(([^)]*)\))?", row[0]):
                if f'"{code}"' not in source:
                    problems.append(f"Mã '{code}' không có trong xlsrc/")
                    continue
                guide_says = {s for s, word in (("ERROR", "Lỗi"), ("WARNING", "Cảnh báo")) if word in said}
                if said and code in severities and guide_says != severities[code]:
                    problems.append(f"Mã '{code}': hướng dẫn ghi '{said}', mã nguồn: {sorted(severities[code])}")
    return problems


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_guide_is_nfc(guide):
    assert unicodedata.normalize("NFC", guide) == guide


def test_sheets_in_the_guide_exist_and_every_sheet_is_described(guide):
    assert len(sheet_rows(guide)) >= len(S.DATA_SHEETS)  # the table was found
    assert sheet_problems(guide) == []


def test_buttons_in_the_guide_exist_and_every_button_is_described(guide):
    assert button_problems(guide) == []


def test_pictures_exist_and_are_small(guide):
    assert re.search(r"!\[", guide)
    assert picture_problems(guide, GUIDE.parent) == []


@pytest.mark.parametrize("doc", ["README.md", *sorted(p.name for p in DOCS.glob("*.md"))])
def test_every_picture_a_document_shows_is_there(doc):
    """A picture is found from the folder of the document that shows it (the technical reference
    pointed at docs/docs/… and showed none)."""
    path = ROOT / doc if doc == "README.md" else DOCS / doc
    assert picture_problems(path.read_text(encoding="utf-8"), path.parent, small=False) == []


def test_commands_are_real_subcommands_with_real_options(guide):
    assert len(command_lines(guide)) >= 10
    assert command_problems(guide) == []


def test_message_codes_exist(guide):
    assert code_problems(guide) == []


def test_the_checks_catch_planted_mistakes(guide):
    """Each check fails on a planted mistake (a renamed sheet, button, picture, command, option, code)."""
    planted_sheet = guide.replace("| *Sáng kiến* |", "| *Sáng kiến mới* |", 1)
    assert any("Sáng kiến mới" in p for p in sheet_problems(planted_sheet))
    assert any("'Sáng kiến'" in p for p in sheet_problems(planted_sheet))  # and it is no longer described
    planted_read = guide.replace("| *Lập quyết định* | Thông tin, Quyết định,", "| *Lập quyết định* | Thông tin, Quyết định khen,", 1)
    assert any("Quyết định khen" in p for p in sheet_problems(planted_read))
    assert button_problems(guide.replace("| *In trên phôi* |", "| *In lên phôi* |", 1))
    assert picture_problems(guide.replace("hinh/vb-giay-khen.png", "hinh/giay-khen.png", 1), GUIDE.parent)
    assert command_problems(guide + "\n```bash\nthidua stats SO.xlsx\n```\n")
    assert command_problems(guide + "\n```bash\nthidua review SO.xlsx --nam 2021\n```\n")
    assert code_problems(guide.replace("`RATING_DUPLICATE`", "`RATING_TWICE`", 1))
    assert code_problems(guide.replace("| `DECISION_DUPLICATE` (Lỗi) |", "| `DECISION_DUPLICATE` (Cảnh báo) |", 1))
