"""Rendering a .docx template safely: docxtpl inside a Jinja
SandboxedEnvironment with autoescape and strict undefined names, for the
body, headers, footers and document properties alike."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable

from docx.oxml import parse_xml
from docxtpl import DocxTemplate, Listing
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import ThiDuaError
from . import annex


def environment(autoescape: bool = True) -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined)


class _Template(DocxTemplate):
    """Document properties are plain strings that python-docx escapes itself:
    they are rendered in the same sandbox, without XML autoescaping (else
    '&' would show as '&amp;' in File > Properties)."""

    plain_context: dict | None = None  # the context before line breaks became Listings

    def render_properties(self, context, jinja_env=None) -> None:
        super().render_properties(self.plain_context or context, environment(autoescape=False))


def _with_breaks(value: Any) -> Any:
    """Text in NFC; text with line breaks becomes a docxtpl Listing (escaped, real breaks)."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
        return Listing(value) if "\n" in value else value
    if isinstance(value, list):
        return [_with_breaks(v) for v in value]
    if isinstance(value, dict):
        return {k: _with_breaks(v) for k, v in value.items()}
    return value


def _open(template: Path) -> DocxTemplate:
    try:
        tpl = _Template(str(template))
        tpl.init_docx()  # docxtpl opens lazily; a broken file must fail here, in words
        return tpl
    except Exception as exc:
        raise ThiDuaError(f"Không mở được mẫu '{template.name}': tệp không phải .docx hợp lệ ({exc}).") from None


PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # what docxtpl renders


def _sources(tpl: DocxTemplate) -> list[str]:
    """The Jinja sources docxtpl renders: body, headers, footers, footnotes and
    document properties, as docxtpl itself prepares them."""
    docx = tpl.docx
    out = [tpl.patch_xml(tpl.xml_to_string(docx._element.body))]
    for rel in docx._part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
            out.append(tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob))))
    for part in docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            out.append(tpl.patch_xml(part.blob.decode("utf-8")))
    out += [getattr(docx.core_properties, p) or "" for p in PROPERTIES]
    return out


def _unsafe(tree: nodes.Template) -> str | None:
    """The first attribute the sandbox would refuse (``__class__``…), if any:
    ``x.__a__``, ``x['__a__']`` or ``x|attr('__a__')``."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node, nodes.Getitem):
            attr = node.arg.value if isinstance(node.arg, nodes.Const) else None
        else:
            attr = node.args[0].value if node.name == "attr" and node.args and isinstance(
                node.args[0], nodes.Const) else None
        if isinstance(attr, str) and attr.startswith("_"):
            return attr
    return None


def _unsafe_error(name: str, attr: str | None) -> ThiDuaError:
    what = f" (truy cập '{attr}')" if attr else ""
    return ThiDuaError(f"Mẫu '{name}' chứa biểu thức không an toàn{what} nên đã bị chặn; không có gì được "
                       "thực thi. Mẫu chỉ được dùng các thẻ dữ liệu như {{ doc_number }}.")


def undeclared(template: Path) -> set[str]:
    """Names the template's tags use, anywhere docxtpl renders; a template with
    an expression the sandbox would block is refused here already."""
    tpl = _open(template)
    env = environment()
    used: set[str] = set()
    for source in _sources(tpl):
        if "{" not in source:
            continue
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            raise ThiDuaError(f"Mẫu '{template.name}' sai cú pháp ở dòng {exc.lineno}: {exc.message}") from None
        attr = _unsafe(tree)
        if attr:
            raise _unsafe_error(template.name, attr)
        used |= meta.find_undeclared_variables(tree)
    return used


def render(template: Path, context: dict, rows: list[tuple[str, list[str]]] | None,
           late: Callable[[DocxTemplate], dict] | None = None) -> bytes:
    """The rendered document's bytes; ThiDuaError names what is wrong. ``rows``: the annex
    rows filled after rendering (the report), ``None`` for a template without annex markers."""
    tpl = _open(template)
    ctx = _with_breaks(dict(context))
    if late:
        ctx.update(late(tpl))
    tpl.plain_context = {**context, **{k: v for k, v in ctx.items() if k not in context}}
    name = template.name
    try:
        tpl.render(ctx, jinja_env=environment(), autoescape=True)
    except SecurityError as exc:
        attr = re.search(r"attribute '([^']+)'", str(exc))
        raise _unsafe_error(name, attr.group(1) if attr else None) from None
    except UndefinedError as exc:
        message = exc.message or ""
        tag = re.search(r"'([^']+)' is undefined", message)
        field = re.search(r"has no attribute '([^']+)'", message)
        if tag:
            what = f"{{{{ {tag.group(1)} }}}}"
        elif field:
            what = f"trường '{field.group(1)}' (ví dụ {{{{ u.{field.group(1)} }}}})"
        else:
            what = message
        raise ThiDuaError(f"Mẫu '{name}' dùng thẻ không có trong dữ liệu: {what}. "
                          "Chạy 'thidua check-template' để xem danh sách các thẻ thiếu.") from None
    except TemplateSyntaxError as exc:
        raise ThiDuaError(f"Mẫu '{name}' sai cú pháp ở dòng {exc.lineno}: {exc.message}") from None
    except TemplateError as exc:
        raise ThiDuaError(f"Mẫu '{name}' không dùng được: {exc}") from None
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue() if rows is None else annex.fill_docx(buf.getvalue(), rows, name)
