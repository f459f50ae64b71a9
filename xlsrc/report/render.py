"""Rendering a .docx template safely.

Order of work, so that nothing in a template runs before it is judged:
1. the template's XML parts are parsed with defusedxml (no DTD, no entity; an
   undefined entity is named in Vietnamese) and its annex markers become
   tokens data cannot forge (``annex.protect_markers``);
2. every part docxtpl renders (body with its text boxes, headers, footers,
   footnotes, document properties) is parsed and checked by ``sandbox.check``;
3. only then docxtpl renders, in ``sandbox.TemplateEnvironment`` (autoescape,
   strict undefined names, limits), with a plain-data context;
4. pictures are put where the template printed their token; the annex is
   filled; every XML part of the result is parsed once more."""
from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SecurityError
from lxml import etree

from ..errors import ThiDuaError
from . import annex
from .markers import TOKEN, token_pattern
from .properties import CORE, Vietnamese
from .sandbox import Refused, TemplateEnvironment

CORE_PROPERTY_LIMIT = 255  # characters Word (and python-docx) allow in a core property
MAX_TEMPLATE_PART = 64 * 1024 * 1024  # bytes of one XML part of a template, unpacked


def environment(autoescape: bool = True) -> TemplateEnvironment:
    return TemplateEnvironment(autoescape=autoescape)


@dataclass(frozen=True)
class Picture:
    """A picture the renderer puts where the template printed its token.
    With ``final`` (a picture still being drawn) ``png`` is a stand-in of the
    same size and resolution, all python-docx reads to place it; ``final()``
    gives the picture's bytes when the document is written, last."""
    png: bytes
    width: int | None = None   # EMU
    height: int | None = None  # EMU
    final: Callable[[], bytes] | None = None


def fit_property(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """A core property on one line and at most ``limit`` characters, cut at a
    word boundary with '…' (the body keeps the full text)."""
    text = " ".join(TOKEN.sub("", text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


class _Template(DocxTemplate):
    """Document properties are plain strings that python-docx escapes itself:
    they are rendered in the same kind of sandbox, without XML autoescaping
    (else '&' would show as '&amp;' in File > Properties), and fitted to the
    255 characters Word allows."""

    plain_context: dict = {}

    def render_properties(self, context, jinja_env=None) -> None:
        env = jinja_env or environment()
        escaping, env.autoescape = env.autoescape, False  # same limits, same loop budget
        try:
            core = self.docx.core_properties
            for prop in PROPERTIES:
                initial = getattr(core, prop) or ""
                rendered = env.from_string(initial).render(self.plain_context) if "{" in initial else initial
                setattr(core, prop, fit_property(rendered))
        finally:
            env.autoescape = escaping


PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # what docxtpl renders


def _xml_error(name: str, part: str, data: bytes, exc: Exception) -> ThiDuaError:
    from defusedxml import DTDForbidden, EntitiesForbidden
    if isinstance(exc, (DTDForbidden, EntitiesForbidden)):
        return ThiDuaError(f"Mẫu '{name}': phần '{part}' có khai báo DTD hoặc thực thể XML; tệp Word không bao "
                           "giờ có những khai báo này, nên mẫu bị từ chối. Mở mẫu bằng Word và lưu lại.")
    line, col = getattr(exc, "position", (0, 0))
    where = f" (dòng {line}, cột {col + 1})" if line else ""
    text = data.decode("utf-8", "replace").splitlines()[line - 1] if line else ""
    entity = re.match(r"&([^;\s<&]{1,40});", text[col:col + 45]) if line else None
    if "undefined entity" in str(exc) and entity:
        return ThiDuaError(f"Mẫu '{name}': phần '{part}' dùng thực thể XML không xác định '&{entity.group(1)};'"
                           f"{where}. Tệp Word chỉ dùng các thực thể &amp; &lt; &gt; &quot; &apos;: thay bằng "
                           "ký tự thật, hoặc mở mẫu bằng Word và lưu lại.")
    return ThiDuaError(f"Mẫu '{name}': phần '{part}' không phải XML hợp lệ{where}. "
                       "Mở mẫu bằng Word và lưu lại.")


def _check_parts(zf: zipfile.ZipFile, name: str, tag=None) -> dict[str, bytes]:
    """Every XML part, read within a size limit (``tag(part, bytes)`` applied)
    and parsed with defusedxml."""
    parts: dict[str, bytes] = {}
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_TEMPLATE_PART:
            raise ThiDuaError(f"Mẫu '{name}': phần '{info.filename}' quá lớn "
                              f"({info.file_size // 1024 // 1024} MB khi giải nén).")
        data = zf.read(info.filename)
        parts[info.filename] = _check_part(name, info.filename, tag(info.filename, data) if tag else data)
    return parts


class _NoTree:
    """A parser target that builds nothing: the part is only checked (well formed, no DTD, no entity)."""

    def close(self) -> None:
        return None


def _check_part(name: str, part: str, data: bytes) -> bytes:
    """``data`` parsed with defusedxml's parser, without building its tree (half the time)."""
    from defusedxml import ElementTree as DET
    from defusedxml.common import DefusedXmlException
    try:
        parser = DET.DefusedXMLParser(target=_NoTree())
        parser.feed(data)
        parser.close()
    except (DET.ParseError, DefusedXmlException) as exc:
        raise _xml_error(name, part, data, exc) from None
    return data


_PREPARED: dict[tuple[str, bool], dict[str, bytes]] = {}  # (sha256 of a template, in Vietnamese) → its parts prepared
_PREPARED_KEPT = 8


def prepare(template: Path, vietnamese: bool = False) -> dict[str, bytes]:
    """The template's parts (name → bytes, in the order of the package)
    with its XML checked and its annex markers protected (``vietnamese``:
    its parts tagged vi-VN first, properties.Vietnamese); a template already
    prepared in this process (the same bytes) is not parsed again: a
    command opens it several times, and a report prepares it while its book
    is read (report.Report)."""
    try:
        raw = template.read_bytes()
    except OSError as exc:
        raise ThiDuaError(f"Không mở được mẫu '{template.name}': {exc.strerror or exc}.") from None
    key = (hashlib.sha256(raw).hexdigest(), vietnamese)
    if key not in _PREPARED:
        while len(_PREPARED) >= _PREPARED_KEPT:
            _PREPARED.pop(next(iter(_PREPARED)))
        _PREPARED[key] = _prepare(raw, template.name, vietnamese)
    return _PREPARED[key]


def _prepared(template: Path, vietnamese: Vietnamese | None = None) -> io.BytesIO:
    """The prepared template as a package docxtpl opens (``vietnamese``:
    with the report's properties, checked again)."""
    parts = prepare(template, vietnamese is not None)
    if vietnamese is not None and CORE in parts:
        parts = {**parts, CORE: _check_part(template.name, CORE, vietnamese.core(parts[CORE]))}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:  # read back at once: not compressed
        for name, data in parts.items():
            dst.writestr(name, data)
    out.seek(0)
    return out


def _prepare(raw: bytes, name: str, vietnamese: bool) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        checked = _check_parts(zf, name, Vietnamese.part if vietnamese else None)
        parts = {info.filename: checked[info.filename] if info.filename in checked else zf.read(info.filename)
                 for info in zf.infolist()}
        if "word/document.xml" in parts:
            parts["word/document.xml"] = annex.protect_markers(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    except ThiDuaError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError) as exc:
        raise ThiDuaError(f"Không mở được mẫu '{name}': tệp không phải .docx hợp lệ ({exc}).") from None
    return parts


def _open(template: Path, vietnamese: Vietnamese | None = None) -> _Template:
    prepared = _prepared(template, vietnamese)
    try:
        tpl = _Template(prepared)
        tpl.init_docx()  # docxtpl opens lazily; a broken file must fail here, in words
        return tpl
    except Exception as exc:
        raise ThiDuaError(f"Không mở được mẫu '{template.name}': tệp không phải .docx hợp lệ ({exc}).") from None


def _paragraph_lines(xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # as docxtpl renders: one paragraph a line


def _sources(tpl: DocxTemplate) -> list[tuple[str, str]]:
    """(where, Jinja source) for every part docxtpl renders: body (text boxes
    included), headers, footers, footnotes and document properties, prepared
    as docxtpl itself prepares them."""
    docx = tpl.docx
    out = [("thân văn bản", _paragraph_lines(tpl.patch_xml(tpl.xml_to_string(docx._element.body))))]
    for rel in docx._part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
            kind = "đầu trang" if rel.reltype == tpl.HEADER_URI else "chân trang"
            xml = tpl.xml_to_string(parse_xml(rel.target_part.blob))
            out.append((f"{kind} {rel.target_part.partname.lstrip('/')}", _paragraph_lines(tpl.patch_xml(xml))))
    for part in docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            out.append(("chú thích cuối trang", _paragraph_lines(tpl.patch_xml(part.blob.decode("utf-8")))))
    out += [(f"thuộc tính tệp '{p}'", getattr(docx.core_properties, p) or "") for p in PROPERTIES]
    return out


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _tag(source: str, lineno: int | None, hint: str) -> str:
    """The tag at ``lineno`` of ``source`` (the one mentioning ``hint`` when
    several share the line), as the author wrote it."""
    lines = source.splitlines()
    line = lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""
    tags = _TAG.findall(line)
    tag = next((t for t in tags if hint and hint in t), tags[0] if tags else "")
    tag = html.unescape(re.sub(r"<[^>]*>", "", tag))
    return tag if len(tag) <= 100 else tag[:99] + "…"


def _refusal(name: str, exc: Refused, source: str, where: str = "", before: bool = True) -> ThiDuaError:
    tag = _tag(source, exc.lineno, exc.hint)
    place = f" ({where})" if where else ""
    what = f"{tag} — {exc.reason}" if tag else exc.reason
    after = ("nên đã bị từ chối trước khi điền; không có gì trong mẫu được thực thi" if before else
             "nên đã dừng điền mẫu; không có tệp nào được ghi")
    return ThiDuaError(f"Mẫu '{name}' chứa biểu thức không an toàn hoặc vượt giới hạn{place}: {what}, {after}. "
                       "Mẫu chỉ được dùng các thẻ dữ liệu như {{ doc_number }}, vòng lặp và điều kiện "
                       "(xem mục 'Bảo mật' trong README).")


_TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", "name": "một tên",
                "end of template": "hết mẫu", "end of comment": "#}"}
_SYNTAX = [
    (re.compile(r"Missing end of comment tag"), lambda m: "thiếu '#}' để đóng chú thích '{#'"),
    (re.compile(r"Encountered unknown tag '([^']+)'\.(.*looking for)?"),
     lambda m: (f"thẻ '{{% {m.group(1)} %}}' không khớp với thẻ mở nào" if m.group(2) else
                f"thẻ lạ '{{% {m.group(1)} %}}'")),
    (re.compile(r"[Uu]nexpected end of template"),
     lambda m: "mẫu kết thúc khi thẻ còn mở (thiếu '}}', '%}', {% endfor %} hoặc {% endif %})"),
    (re.compile(r"expected token '([^']+)', got '([^']*)'"),
     lambda m: f"cần '{_TOKEN_NAMES.get(m.group(1), m.group(1))}' nhưng gặp '{m.group(2)}'"),
    (re.compile(r"unexpected char '(.+?)' at \d+"), lambda m: f"ký tự không được phép {m.group(1)!r} trong thẻ"),
    (re.compile(r"unexpected '(.+?)'"), lambda m: f"ký hiệu không đúng chỗ '{m.group(1)}'"),
    (re.compile(r"tag name expected"), lambda m: "thiếu tên thẻ sau '{%'"),
    (re.compile(r"No (filter|test) named '([^']+)'"),
     lambda m: f"{'bộ lọc' if m.group(1) == 'filter' else 'phép thử'} '{m.group(2)}' không có"),
]


def _syntax_error(name: str, exc: TemplateSyntaxError, source: str, where: str = "") -> ThiDuaError:
    """Jinja's English message in Vietnamese, with the text near the mistake."""
    message = exc.message or ""
    what = next((say(m) for pattern, say in _SYNTAX if (m := pattern.search(message))), "biểu thức viết sai")
    lines = source.splitlines()
    near = ""
    if exc.lineno and 0 < exc.lineno <= len(lines):
        near = " ".join(html.unescape(re.sub(r"<[^>]*>", "", lines[exc.lineno - 1])).split())
        near = f" gần: {near[:79] + '…' if len(near) > 80 else near}" if near else ""
    place = f" ({where})" if where else ""
    return ThiDuaError(f"Mẫu '{name}' sai cú pháp{place}: {what}.{near}")


def _checked(tpl: DocxTemplate, name: str) -> list[Any]:
    """The syntax tree of every part, each checked: a template with anything
    a plain-data template does not need is refused here, before rendering."""
    env = environment()
    trees = []
    for where, source in _sources(tpl):
        if "{" not in source:
            continue
        try:
            trees.append(env.parse(source))
        except TemplateSyntaxError as exc:
            raise _syntax_error(name, exc, source, where) from None
        except Refused as exc:
            raise _refusal(name, exc, source, where) from None
        except RecursionError:
            raise _too_deep(name, where) from None
    return trees


def _too_deep(name: str, where: str = "") -> ThiDuaError:
    place = f" ({where})" if where else ""
    return ThiDuaError(f"Mẫu '{name}' có biểu thức lồng nhau quá sâu{place} (quá nhiều ngoặc hoặc thẻ lồng "
                       "trong nhau); hãy viết đơn giản lại.")


def undeclared(template: Path) -> set[str]:
    """Names the template's tags use, anywhere docxtpl renders; a template with
    anything a plain-data template does not need is refused here already."""
    used: set[str] = set()
    for tree in _checked(_open(template), template.name):
        try:
            used |= meta.find_undeclared_variables(tree)
        except RecursionError:
            raise _too_deep(template.name) from None
    return used


def _template_line(exc: BaseException) -> int | None:
    """The template line an exception raised in template code came from."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _render_error(name: str, exc: Exception, env: TemplateEnvironment) -> ThiDuaError | None:
    source, line = env.current_source, _template_line(exc)
    if isinstance(exc, Refused):
        exc.lineno = exc.lineno or line
        return _refusal(name, exc, source, before=False)
    if isinstance(exc, SecurityError):
        attr = re.search(r"attribute '([^']+)'", str(exc))
        reason = f"truy cập '{attr.group(1)}' không được phép" if attr else "thao tác không được phép"
        return _refusal(name, Refused(reason, attr.group(1) if attr else "", line), source, before=False)
    if isinstance(exc, UndefinedError):
        message = exc.message or ""
        tag = re.search(r"'([^']+)' is undefined", message)
        field = re.search(r"has no attribute '([^']+)'", message)
        if tag:
            what = f"{{{{ {tag.group(1)} }}}}"
        elif field:
            what = f"trường '{field.group(1)}' (ví dụ {{{{ u.{field.group(1)} }}}})"
        else:
            what = _tag(source, line, "") or "một phần tử hoặc trường không có"
        return ThiDuaError(f"Mẫu '{name}' dùng thẻ không có trong dữ liệu: {what}. "
                           "Chạy 'thidua check-template' để xem danh sách các thẻ thiếu.")
    if isinstance(exc, TemplateSyntaxError):
        return _syntax_error(name, exc, source)
    if isinstance(exc, TemplateError):
        tag = _tag(source, line, "")
        return ThiDuaError(f"Mẫu '{name}' không dùng được{': ' + tag if tag else ''} "
                           "(thẻ không điền được với dữ liệu này).")
    if isinstance(exc, etree.XMLSyntaxError):
        return ThiDuaError(f"Mẫu '{name}' sau khi điền không còn là XML hợp lệ: một thẻ {{% if %}}/{{% for %}} "
                           "phải mở và đóng trong cùng một đoạn văn (hoặc cùng một dòng bảng với {%tr %}).")
    if isinstance(exc, (RecursionError, SyntaxError)):  # Python's own nesting limits
        return _too_deep(name)
    if isinstance(exc, (TypeError, ValueError, ArithmeticError, LookupError,
                        AssertionError)) and line:
        tag = _tag(source, line, "")
        return ThiDuaError(f"Mẫu '{name}' có biểu thức không tính được{': ' + tag if tag else ''} "
                           f"(phép tính sai kiểu dữ liệu, chia cho 0 hoặc số quá lớn).")
    return None


def _place_pictures(tpl: DocxTemplate, pictures: dict[str, Picture]) -> dict[str, Callable[[], bytes]]:
    """Each image token the template printed in the body becomes the picture,
    in the same run; a token for an unknown picture is dropped. Returns the
    parts whose bytes come later: part name -> its ``final``."""
    later = {}
    body = tpl.docx.element.body
    image = token_pattern("image")
    for t in [t for t in body.iter(qn("w:t")) if t.text and image.search(t.text)]:
        pieces = image.split(t.text)  # text, name, text, name, text...
        new = []
        for i in range(0, len(pieces), 2):
            if pieces[i]:
                w_t = OxmlElement("w:t")
                w_t.text = pieces[i]
                w_t.set(qn("xml:space"), "preserve")
                new.append(w_t)
            if i + 1 < len(pieces) and pieces[i + 1] in pictures:
                pic = pictures[pieces[i + 1]]
                if pic.final:
                    r_id, _ = tpl.docx.part.get_or_add_image(io.BytesIO(pic.png))
                    later[tpl.docx.part.related_parts[r_id].partname.lstrip("/")] = pic.final
                drawing = OxmlElement("w:drawing")
                drawing.append(tpl.docx.part.new_pic_inline(io.BytesIO(pic.png), pic.width, pic.height))
                new.append(drawing)
        parent = t.getparent()
        at = parent.index(t)
        parent.remove(t)
        for offset, element in enumerate(new):
            parent.insert(at + offset, element)
    return later


def _place_tables(tpl: DocxTemplate, tables: dict[str, Any]) -> None:
    """Each table token the template printed in the body: its paragraph gets
    the table before it (``tables[name](document, paragraph)`` builds it) and
    loses the token, and goes when nothing else is left in it."""
    body = tpl.docx.element.body
    table = token_pattern("table")
    for t in [t for t in body.iter(qn("w:t")) if t.text and table.search(t.text)]:
        p = next((a for a in t.iterancestors(qn("w:p"))), None)
        for name in table.findall(t.text):
            if name in tables and p is not None:
                tables[name](tpl.docx, p)
        t.text = table.sub("", t.text)
        if p is not None and not "".join(x.text or "" for x in p.iter(qn("w:t"))).strip() \
                and p.getparent() is not None and p.find(f".//{qn('w:sectPr')}") is None:
            p.getparent().remove(p)


def _verify(docx: bytes, name: str) -> None:
    """Every XML part of the rendered document parses: a report Word cannot
    open is never written."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        for item in zf.namelist():
            if item.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(zf.read(item), etree.XMLParser(resolve_entities=False, huge_tree=True))
                except etree.XMLSyntaxError as exc:
                    raise _render_error(name, exc, environment()) from None


def render(template: Path, context: dict, rows: list[tuple[str, list[str]]] | None,
           pictures: dict[str, Picture] | None = None, tables: dict[str, Any] | None = None,
           vietnamese: Vietnamese | None = None) -> bytes:
    """The rendered document's bytes; ThiDuaError names what is wrong.
    ``context`` comes from ``plain.template_context``; ``rows``: the annex rows
    filled after rendering (the report), ``None`` for a template without annex
    markers; ``tables``: name -> a function that puts that table before the
    paragraph where the template printed its token; ``vietnamese``: the
    template made a Vietnamese report first (properties.Vietnamese)."""
    name = template.name
    tpl = _open(template, vietnamese)
    _checked(tpl, name)  # check first, render after
    tpl.plain_context = context
    env = environment()
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except Exception as exc:  # noqa: BLE001 - each kind is named below, the rest re-raised
        error = _render_error(name, exc, env)
        if error is None:
            raise
        raise error from None
    later = _place_pictures(tpl, pictures or {})
    _place_tables(tpl, tables or {})
    buf = io.BytesIO()
    tpl.save(buf)
    _verify(buf.getvalue(), name)  # the annex rows added next are escaped text: they cannot break it
    return annex.fill_docx(buf.getvalue(), rows, name, later)
