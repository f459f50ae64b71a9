"""A template cannot reach the machine, cannot exhaust it, and data cannot
steer the report (issue 10, sections 1, 2 and 5). Every test edits a real
.docx template and renders it for real, or runs the real command."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from docx import Document
from markupsafe import Markup

from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.errors import ThiDuaError
from xlsrc.records import read_workbook
from xlsrc.report import _contexts, check_template, default_template, make_report
from xlsrc.report.markers import ANNEX_MARKERS, CLOSE, GROUP_MARKER, OPEN, image_token, table_token
from xlsrc.report.plain import template_context
from xlsrc.report.sandbox import PLAIN_ATTRS

from .user_books import run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _data(tmp_path, content=None, name="wb.xlsx"):
    return read_workbook(FileBook(write_workbook(tmp_path / name, content or demo_content(), force=True)))


def _two_units(content=None):
    content = content or demo_content()
    content.rows["works"] = [
        {"order": i + 1, "name": f"Công trình {i + 1} của {unit}", "kind": "Công trình", "start": "Năm 2021",
         "planned_finish": "Năm 2022", "progress": 1.0 if i else 0.5, "unit": unit}
        for unit in ("Sở Y tế", "Sở Tư pháp") for i in range(2)]
    return content


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _text_box(text: str) -> str:
    return ('<w:p><w:r><w:pict><v:shape id="hop1" type="#_x0000_t202" style="width:200pt;height:40pt">'
            f'<v:textbox><w:txbxContent>{_paragraph(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')


def _header_part(src: Path) -> str:
    with zipfile.ZipFile(src) as z:
        return next(n for n in z.namelist() if n.startswith("word/header"))


def template_with(tmp_path: Path, place: str, text: str, kind: str = "consolidated", name: str = "mau.docx") -> Path:
    """A copy of the shipped template with ``text`` put in the body, a header,
    a text box or the document title (dc:title)."""
    src = default_template(kind)
    edits = {"body": ("word/document.xml", "<w:body>", "<w:body>" + _paragraph(text)),
             "textbox": ("word/document.xml", "<w:body>", "<w:body>" + _text_box(text)),
             "header": (_header_part(src), "</w:hdr>", _paragraph(text) + "</w:hdr>"),
             "title": ("docProps/core.xml", re.compile(r"<dc:title>.*?</dc:title>"),
                       f"<dc:title>{escape(text)}</dc:title>")}
    part, old, new = edits[place]
    out = tmp_path / name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                xml = data.decode("utf-8")
                xml = old.sub(lambda _: new, xml, count=1) if isinstance(old, re.Pattern) else xml.replace(old, new, 1)
                assert xml != data.decode("utf-8")
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    return out


PLACES = ["body", "header", "textbox", "title"]
WHERE = {"body": "thân văn bản", "textbox": "thân văn bản", "header": "đầu trang", "title": "thuộc tính tệp 'title'"}


def _payloads(tmp_path):
    return {"replace_zipname": "{{ chart.tpl.replace_zipname('docProps/thumbnail.jpeg', '/etc/passwd') }}",
            "save": f"{{{{ chart.tpl.save('{tmp_path / 'ghi_de.docx'}') }}}}",
            "write_xml": f"{{{{ chart.tpl.write_xml('{tmp_path / 'ghi_de.xml'}') }}}}"}


# -- 1. the sandbox escape ----------------------------------------------------------------------------
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("method", ["replace_zipname", "save", "write_xml"])
def test_chart_tpl_payloads_are_refused_before_anything_runs(tmp_path, place, method):
    payload = _payloads(tmp_path)[method]
    evil = template_with(tmp_path, place, payload)
    with pytest.raises(ThiDuaError) as checked:
        check_template(evil)
    message = str(checked.value)
    assert "không an toàn" in message and f"chart.tpl.{method}" in message and WHERE[place] in message
    assert "trước khi điền" in message
    with pytest.raises(ThiDuaError, match=f"chart.tpl.{method}"):
        make_report(_data(tmp_path, _two_units()), tmp_path / "bc.docx", template=evil)
    assert not (tmp_path / "bc.docx").exists()
    assert not (tmp_path / "ghi_de.docx").exists() and not (tmp_path / "ghi_de.xml").exists()


def test_check_template_command_names_the_payload(tmp_path):
    evil = template_with(tmp_path, "header", _payloads(tmp_path)["save"])
    res = subprocess.run([sys.executable, "-m", "xlsrc", "check-template", str(evil)], capture_output=True,
                         text=True, encoding="utf-8", timeout=300)
    assert res.returncode == 2, res.stderr
    assert "chart.tpl.save" in res.stderr and "không an toàn" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "ghi_de.docx").exists()


def _walk(value, path="context"):
    """Every (path, value) in a context, containers included."""
    yield path, value
    if type(value) is dict:
        for key, v in value.items():
            assert type(key) is str, f"{path}: key {key!r}"
            yield from _walk(v, f"{path}.{key}")
    elif type(value) is list:
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


PLAIN = (str, int, float, bool, dt.date, dt.datetime, list, dict)


@pytest.mark.parametrize("kind", ["department", "consolidated"])
def test_the_template_context_holds_plain_data_only(tmp_path, kind):
    data = _data(tmp_path, _two_units() if kind == "consolidated" else None)
    got_kind, ctx, _, pictures, tables = _contexts(data, None, kind)
    assert got_kind == kind
    for path, value in _walk(ctx):
        assert type(value) in PLAIN, f"{path} is a {type(value).__name__}"
        if type(value) is dict:  # a field named like a method would be shadowed or refused
            assert not set(value) & PLAIN_ATTRS, path
    if kind == "consolidated":
        assert ctx["chart"] == image_token("chart") and pictures["chart"].png.startswith(b"\x89PNG")
        assert ctx["awards_by_unit"] == table_token("awards_by_unit") and set(tables) == {"awards_by_unit"}


@pytest.mark.parametrize("bad", [object(), Markup("<w:t>x</w:t>"), b"bytes", {1: "x"}, {"x": {"y": [set()]}}])
def test_the_context_builder_refuses_anything_but_plain_data(bad):
    with pytest.raises(TypeError, match="context"):
        template_context({"field": bad})


def test_the_run_time_sandbox_refuses_methods_even_if_the_check_were_skipped(monkeypatch):
    from jinja2.sandbox import SecurityError

    from xlsrc.report import sandbox
    monkeypatch.setattr(sandbox, "check", lambda tree: None)
    env = sandbox.TemplateEnvironment()
    for source in ("{{ summary.replace('a', 'b') }}", "{{ summary.format(1) }}", "{{ units.pop() }}",
                   "{{ units[0].__class__ }}"):
        with pytest.raises(SecurityError):
            env.from_string(source).render(summary="abc", units=[{"unit": "x"}])
    assert env.from_string("{{ u.unit|upper }}{{ u.items()|list|length }}").render(u={"unit": "x"}) == "X1"


def test_the_chart_is_placed_after_rendering_and_a_misplaced_token_is_dropped(tmp_path):
    tpl = template_with(tmp_path, "header", "Biểu đồ: {{ chart }}")
    out = make_report(_data(tmp_path, _two_units()), tmp_path / "bc.docx", template=tpl)
    doc = Document(out)
    assert len(doc.inline_shapes) == 1  # the body's chart; none in the header
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert OPEN not in z.read(name).decode("utf-8"), name
    header = doc.sections[0].header
    assert any(p.text == "Biểu đồ: " for p in header.paragraphs)


# -- 2. resource exhaustion ------------------------------------------------------------------------
EXHAUSTING = {
    "{{ 'a'*10**9 }}": "'*'",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}": "range",
    "{{ lipsum(10**7) }}": "lipsum",
    "{{ summary|center(10**9) }}": "center",
    "{% for i in range(10**9) %}x{% endfor %}": "range",
    "{{ 9**(9**9) }}": "**",
    "{{ ('%(a)s' * 199999)|format(a='x' * 999999) }}": "format",
    "{{ ('%(a)s' * 199999) % {'a': 'x' * 999999} }}": "'%'",
    "{{ " + "9" * 5000 + " }}": "chữ số",
}


def _limited():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
    resource.setrlimit(resource.RLIMIT_CPU, (240, 240))


def _limited_env(folder: Path) -> dict[str, str]:
    """The environment of a process under the limits: one thread for numeric libraries, its state in ``folder``."""
    return dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", XDG_STATE_HOME=str(folder / "state"),
                MPLCONFIGDIR=str(folder / "mpl"))


def _run_limited(args, tmp_path):
    return subprocess.run([sys.executable, "-m", "xlsrc", *args], capture_output=True, text=True, encoding="utf-8",
                          preexec_fn=_limited, env=_limited_env(tmp_path), timeout=600)


@pytest.fixture(scope="module")
def demo_xlsx(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("wb") / "demo.xlsx", demo_content())


# the commands of several cases run one after the other in one process, as `python -m xlsrc` runs each
_COMMANDS = """\
import json, sys
sys.path.insert(0, sys.argv[1])
from tests.user_books import run_cli
print(json.dumps([run_cli(args) for args in json.load(sys.stdin)]))
"""


@pytest.fixture(scope="module")
def exhausting_reports(tmp_path_factory, demo_xlsx):
    """The `report` of each exhausting template, every one in a real process
    under the memory and processor limits, the same process (a start of
    Python and xlsrc costs ten times a refused report):
    {payload: (template, its and the workbook's bytes before, output, (code, stdout, stderr))}."""
    root = tmp_path_factory.mktemp("exhausting")
    cases = {}
    for i, payload in enumerate(EXHAUSTING):
        (root / f"{i}").mkdir()
        evil = template_with(root / f"{i}", "body", payload, kind="department")
        cases[payload] = (evil, (evil.read_bytes(), demo_xlsx.read_bytes()), root / f"{i}" / "bc.docx")
    argv = [["report", str(demo_xlsx), "--template", str(evil), "-o", str(out)] for evil, _, out in cases.values()]
    got = subprocess.run([sys.executable, "-c", _COMMANDS, str(Path(__file__).resolve().parents[1])],
                         input=json.dumps(argv), capture_output=True, text=True, encoding="utf-8",
                         preexec_fn=_limited, env=_limited_env(root), timeout=600)
    assert got.returncode == 0, got.stderr[-2000:]
    return {payload: (*case, tuple(result)) for (payload, case), result in zip(cases.items(), json.loads(got.stdout))}


@pytest.mark.long
@pytest.mark.parametrize("payload", list(EXHAUSTING))
def test_exhausting_templates_are_refused_quickly_in_vietnamese(demo_xlsx, exhausting_reports, payload):
    evil, before, out, reported = exhausting_reports[payload]
    # check-template refuses before anything renders: run here; the report (it
    # renders the template) in a real process under memory and processor limits
    checked = run_cli(["check-template", evil])
    for command, (code, stdout, stderr) in (("check-template", checked), ("report", reported)):
        assert code == 2, (command, code, stderr[-2000:])
        assert stderr.startswith("Lỗi: Mẫu 'mau.docx'") and EXHAUSTING[payload] in stderr, stderr
        assert "vượt giới hạn" in stderr or "không được phép" in stderr or "quá lớn" in stderr
        assert "ngoài dự kiến" not in stderr and "Traceback" not in stderr + stdout
    assert not out.exists()
    assert (evil.read_bytes(), demo_xlsx.read_bytes()) == before


@pytest.mark.parametrize("payload, expected", [
    ("{{ basis_paragraph * 100000 }}", "{{ basis_paragraph * 100000 }} — phép lặp '*'"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "vòng lặp chạy quá"),
    ("{% for i in range(10000) %}{% for j in range(19) %}{{ basis_paragraph }}{% endfor %}{% endfor %}",
     "kết quả điền mẫu vượt"),
    ("{% set a = basis_paragraph * 3000 %}{% set b = a ~ a %}{{ b }}", "phép nối '~'"),
    ("{{ recipients|join(basis_paragraph * 3000) }}", "bộ lọc join"),
    ("{{ 10 ** (doc_number|length * 300) }}", "lũy thừa"),
    ("{% set a = [basis_paragraph] * 5000 %}{% set b = [a, a, a, a, a, a, a, a, a, a] %}{{ b|length }}",
     "danh sách/từ điển quá lớn"),
    ("{% set a = [doc_number] * 100000 %}{{ ([a] * 100000)|sum(start=[])|length }}", "phép lặp '*'"),
    ("{{ recipients|sum(start=recipients) }}", "bộ lọc sum chỉ cộng các số"),
    ("{{ recipients|batch(10000, [basis_paragraph] * 100) }}", "bộ lọc batch"),
    # formatting: the result is counted before it is made (issue 22, 2)
    ("{{ ('%(a)s' * 199999)|format(a=basis_paragraph) }}", "bộ lọc format tạo ra chuỗi quá dài"),
    ("{% set d = {'a': basis_paragraph} %}{{ ('%(a)s' * 199999) % d }}", "định dạng '%' tạo ra chuỗi quá dài"),
    ("{{ ('%-999s' * 1100) % ((doc_number,) * 1100) }}", "định dạng '%' tạo ra chuỗi quá dài"),
    ("{{ ('%(a)r' * 99999)|format(a=basis_paragraph) }}", "bộ lọc format tạo ra chuỗi quá dài"),
    ("{{ ('%(a).999d' * 1100)|format(a=doc_number|length) }}", "bộ lọc format tạo ra chuỗi quá dài"),
    ("{% set p = basis_paragraph * (999999 // basis_paragraph|length) %}{{ '%s%s'|format(p, p) }}",
     "bộ lọc format tạo ra chuỗi quá dài"),
    ("{% set a = basis_paragraph * 3000 %}{{ a ~ doc_number ~ a }}", "phép nối '~'"),
])
def test_limits_on_values_computed_from_data_stop_the_rendering(tmp_path, payload, expected):
    evil = template_with(tmp_path, "body", payload, kind="department")
    assert check_template(evil) == []  # nothing constant to refuse: the data makes it big
    with pytest.raises(ThiDuaError, match="dừng điền mẫu") as err:
        make_report(_data(tmp_path), tmp_path / "bc.docx", template=evil)
    assert expected in str(err.value)
    assert not (tmp_path / "bc.docx").exists()


@pytest.mark.parametrize("payload, named", [
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% macro %}"),
    ("{% include 'khac.docx' %}", "{% include %}"),
    ("{% autoescape false %}{{ summary }}{% endautoescape %}", "{% autoescape %}"),
    ("{{ summary|safe }}", "bộ lọc 'safe'"),
    ("{{ cycler(1, 2).next() }}", "cycler"),
    ("{{ '%99999999d'|format(1) }}", "format"),
    ("{% for x in units recursive %}{{ loop(x) }}{% endfor %}", "recursive"),
    ("{{ summary.split() }}", "summary.split"),
    # constant formatting, concatenation and numbers are judged before anything runs (issue 22, 2 and 11)
    ("{{ ('%(a)s' * 199999)|format(a='x' * 999999) }}", "bộ lọc format tạo ra chuỗi quá dài"),
    ("{{ ('%(a)s' * 199999) % {'a': 'x' * 999999} }}", "định dạng '%' tạo ra chuỗi quá dài"),
    ("{{ '%s%s' % ('x' * 999999, 'y' * 999) }}", "định dạng '%' tạo ra chuỗi quá dài"),
    ("{{ ('%-999s' * 1100) % (('a',) * 1100) }}", "định dạng '%' tạo ra chuỗi quá dài"),
    ("{{ 'x' * 999999 ~ 'y' * 999999 }}", "phép nối '~'"),
    ("{{ ('x' * 999999)|replace('x', 'xy') }}", "bộ lọc replace"),
    ("{{ '{:999999999}'.format(1) }}", ".format(…)"),
    ("{{ '{a}'.format_map(summary) }}", ".format_map(…)"),
    ("{{ " + "9" * 5000 + " }}", "số viết trong mẫu quá lớn (5.000 chữ số)"),
    ("{{ doc_number ~ " + "7" * 1500 + " }}", "số viết trong mẫu quá lớn (1.500 chữ số)"),
])
def test_constructs_a_plain_data_template_does_not_need_are_refused(tmp_path, payload, named):
    evil = template_with(tmp_path, "body", payload, kind="department")
    with pytest.raises(ThiDuaError, match="không an toàn") as err:
        check_template(evil)
    assert named in str(err.value)


def test_a_template_may_still_use_loops_conditions_filters_and_fields(tmp_path):
    text = ("{% for u in units %}{{ loop.index }}. {{ u.unit|upper }}{% if not loop.last %}; {% endif %}"
            "{% endfor %} | {{ recipients|join(', ')|truncate(40) }} | {{ summary.strip()|title|center(3) }} | "
            "{% set n = units|length %}{{ n * 2 }} {{ 2 ** 10 }} {{ (units|map(attribute='unit')|list)[0] }}")
    tpl = template_with(tmp_path, "body", text)
    assert check_template(tpl) == []
    out = make_report(_data(tmp_path, _two_units()), tmp_path / "bc.docx", template=tpl)
    line = Document(out).paragraphs[0].text
    assert line.startswith("1. SỞ Y TẾ; 2. SỞ TƯ PHÁP; 3. SỞ NGOẠI VỤ | ") and line.endswith(" | 6 1024 Sở Y tế")


# -- the log ---------------------------------------------------------------------------------------------
def test_the_log_truncates_values_and_rotates(tmp_path, monkeypatch):
    from xlsrc import logfile
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    title = "Tiêu đề rất dài " * 400_000  # 6.4 MB
    for _ in range(12):
        try:
            raise ValueError(title)
        except ValueError:
            path = logfile.log_exception("thidua report " + title)
    files = list(path.parent.glob("thidua.log*"))
    assert len(files) <= 1 + logfile.BACKUPS
    assert all(f.stat().st_size <= logfile.MAX_BYTES for f in files)
    text = path.read_text(encoding="utf-8")
    assert "ValueError: Tiêu đề rất dài" in text and "[bỏ bớt" in text


def test_a_huge_document_title_does_not_grow_the_log(tmp_path, demo_xlsx):
    from xlsrc import logfile
    evil = template_with(tmp_path, "title", "{{ 'a'*10**9 }}" + "Báo cáo " * 500_000, kind="department")
    res = _run_limited(["report", str(demo_xlsx), "--template", str(evil), "-o", str(tmp_path / "bc.docx")],
                       tmp_path)
    assert res.returncode == 2 and "thuộc tính tệp 'title'" in res.stderr and len(res.stderr) < 2_000
    logs = list((tmp_path / "state").rglob("thidua.log*"))
    assert sum(f.stat().st_size for f in logs) <= (1 + logfile.BACKUPS) * logfile.MAX_BYTES


# -- 5. report content taken from the data ----------------------------------------------------------
MARKERS = [*ANNEX_MARKERS, GROUP_MARKER, image_token("chart"), f"{OPEN}annex:name{CLOSE}"]
FORGED = " ".join(MARKERS)


def _visible(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


@pytest.mark.parametrize("kind", ["department", "consolidated"])
def test_markers_in_data_print_literally_in_every_field(tmp_path, kind):
    content = _two_units() if kind == "consolidated" else demo_content()
    content.info = {k: (f"{v} {FORGED}" if isinstance(v, str) else v) for k, v in content.info.items()}
    for sheet, rows in content.rows.items():
        for row in rows:
            for field, value in list(row.items()):
                if isinstance(value, str) and field not in ("role", "section", "kind", "recipient_kind"):
                    row[field] = f"{value} {FORGED}"
    content.rows["works"][0]["name"] = "Xây trường [[start]] học"
    content.rows["narrative"][1]["text"] = "Đoạn có [[name]] ở giữa."
    data = _data(tmp_path, content)
    out = make_report(data, tmp_path / "bc.docx", template=default_template(kind))
    doc = Document(out)
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    everything = "\n".join(texts)
    assert "Xây trường [[start]] học" in everything
    assert "Đoạn có [[name]] ở giữa." in everything
    assert everything.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 1  # the front matter once
    annex = doc.tables[-1]
    names = [r.cells[1].text for r in annex.rows[2:] if r.cells[0].text.isdigit()]
    assert len(names) == len(data.works)
    assert names[0] == "Xây trường [[start]] học"
    assert _visible(FORGED) in everything  # data keeps every marker, as typed, minus the untypable delimiters
    assert len(doc.inline_shapes) == (1 if kind == "consolidated" else 0)  # no forged picture
    with zipfile.ZipFile(out) as z:
        assert all(OPEN not in z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_a_long_summary_is_cut_in_the_properties_only(tmp_path):
    content = demo_content()
    summary = ("Tổng kết phong trào thi đua yêu nước và công tác khen thưởng năm 2021, " * 6).strip()
    assert len(summary) > 255
    content.info["summary"] = summary
    content.info["unit_name"] = "Sở Ngoại vụ " + "tỉnh Hà Tĩnh " * 30
    out = make_report(_data(tmp_path, content), tmp_path / "bc.docx")
    doc = Document(out)
    assert len(doc.core_properties.author) <= 255 and doc.core_properties.author.endswith("…")
    subject = doc.core_properties.subject
    assert len(subject) <= 255 and subject.endswith("…")
    assert summary.startswith(subject[:-1]) and summary[len(subject) - 1] in " ,"  # cut at a word boundary
    assert any(summary in p.text for p in doc.paragraphs)  # the body keeps the full text


@pytest.mark.parametrize("entity", ["&nbsp;", "&copy;"])
def test_an_undefined_entity_in_a_template_part_is_named(tmp_path, entity):
    src = default_template("department")
    bad = tmp_path / "mau.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ doc_number }}", f"{{{{ doc_number }}}}{entity}".encode(), 1)
            zout.writestr(item, data)
    for run in (lambda: check_template(bad), lambda: make_report(_data(tmp_path), tmp_path / "x.docx", template=bad)):
        with pytest.raises(ThiDuaError) as err:
            run()
        assert f"thực thể XML không xác định '{entity}'" in str(err.value) and "word/document.xml" in str(err.value)


def test_a_dtd_in_a_template_part_is_refused(tmp_path):
    src = default_template("department")
    bad = tmp_path / "mau.docx"
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"?>", b"?>" + bomb, 1).replace(b"{{ summary }}", b"&b;")
            zout.writestr(item, data)
    with pytest.raises(ThiDuaError, match="DTD"):
        check_template(bad)


def test_the_readme_states_the_template_limits_of_the_code():
    from xlsrc import logfile
    from xlsrc.report.sandbox import limits_text
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Mẫu báo cáo Word"):]
    for name, value in limits_text():
        assert f"| {name} | {value} |" in section
    assert f"tệp xoay vòng ở {logfile.MAX_BYTES // 1024 // 1024} MB và giữ {logfile.BACKUPS} bản cũ" in section


@pytest.mark.parametrize("payload", ["{{ 1/0 }}", "{{ summary|truncate(-1) }}", "{{ 'a' + 1 }}",
                                     "{% for x in 5 %}{% endfor %}", "{{ 10.0**400 }}", "{{ summary|round }}"])
def test_an_expression_that_cannot_be_computed_is_named(tmp_path, payload):
    bad = template_with(tmp_path, "body", payload, kind="department")
    with pytest.raises(ThiDuaError, match="không tính được") as err:
        make_report(_data(tmp_path), tmp_path / "bc.docx", template=bad)
    assert payload.split(" %}")[0] in str(err.value)


class _ProcessorClock:
    """time.process_time for the sandbox: 0 when an environment starts, ``elapsed`` when a loop reads it."""

    def __init__(self, elapsed: float):
        self.readings, self.elapsed = 0, elapsed

    def process_time(self) -> float:
        import sys
        if "__init__" in sys._getframe(1).f_code.co_name:  # also under mutation testing's renamed copies
            return 0.0
        self.readings += 1
        return self.elapsed


@pytest.mark.parametrize("elapsed, refused", [(0.0, False), (60.0, False), (60.01, True)])
def test_filling_a_template_has_a_processor_time_budget(tmp_path, monkeypatch, elapsed, refused):
    """The budget is processor time read at each loop iteration: a clock the
    test drives says how much was spent, whatever the machine's speed or load."""
    from xlsrc.report import sandbox
    assert sandbox.MAX_RENDER_SECONDS == 60
    clock = _ProcessorClock(elapsed)
    monkeypatch.setattr(sandbox, "time", clock)
    loop = template_with(tmp_path, "body", "{% for i in range(3) %}{{ i }}{% endfor %}", kind="department")
    if refused:
        with pytest.raises(ThiDuaError, match="60 giây xử lý"):
            make_report(_data(tmp_path), tmp_path / "bc.docx", template=loop)
        assert not (tmp_path / "bc.docx").exists()
    else:
        make_report(_data(tmp_path), tmp_path / "bc.docx", template=loop)
    assert clock.readings > 0  # the loops did read the clock


def test_tags_that_cut_across_the_xml_are_refused_in_words(tmp_path):
    tpl = template_with(tmp_path, "header", "{% if false %}Đầu", kind="department")
    broken = tmp_path / "cat.docx"
    with zipfile.ZipFile(tpl) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename).replace(
                "Đầu</w:t></w:r></w:p>".encode(), "Đầu</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>"
                "{% endif %}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".encode())
            zout.writestr(item, data)
    with pytest.raises(ThiDuaError, match="không còn là XML hợp lệ"):
        make_report(_data(tmp_path), tmp_path / "bc.docx", template=broken)
    assert not (tmp_path / "bc.docx").exists()


@pytest.mark.parametrize("expr", ["(" * 3000 + "1" + ")" * 3000, "summary" + "|upper" * 250, "-" * 500 + "1"])
def test_a_deeply_nested_expression_is_refused_in_words(tmp_path, expr):
    deep = template_with(tmp_path, "body", "{{ " + expr + " }}", kind="department")
    for run in (lambda: check_template(deep), lambda: make_report(_data(tmp_path), tmp_path / "x.docx", template=deep)):
        with pytest.raises(ThiDuaError, match="lồng nhau quá sâu"):
            run()
