"""Rendering a .docx template safely: docxtpl inside a Jinja
SandboxedEnvironment with autoescape and strict undefined names, for the
body, headers, footers and document properties alike."""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Callable

from docxtpl import DocxTemplate, Listing
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
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
    """Text with line breaks becomes a docxtpl Listing (escaped, real breaks)."""
    if isinstance(value, str):
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


def undeclared(template: Path) -> set[str]:
    tpl = _open(template)
    try:
        return set(tpl.get_undeclared_template_variables(jinja_env=environment()))
    except TemplateSyntaxError as exc:
        raise ThiDuaError(f"Mẫu '{template.name}' sai cú pháp ở dòng {exc.lineno}: {exc.message}") from None


def render(template: Path, context: dict, rows: list[tuple[str, list[str]]],
           late: Callable[[DocxTemplate], dict] | None = None) -> bytes:
    """The rendered document's bytes; ThiDuaError names what is wrong."""
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
        what = f" (truy cập '{attr.group(1)}')" if attr else ""
        raise ThiDuaError(f"Mẫu '{name}' chứa biểu thức không an toàn{what} nên đã bị chặn; không có gì được "
                          "thực thi. Mẫu chỉ được dùng các thẻ dữ liệu như {{ doc_number }}.") from None
    except UndefinedError as exc:
        tag = re.search(r"'([^']+)' is undefined", exc.message or "")
        what = f"{{{{ {tag.group(1)} }}}}" if tag else (exc.message or "")
        raise ThiDuaError(f"Mẫu '{name}' dùng thẻ không có trong dữ liệu: {what}. "
                          "Chạy 'thidua check-template' để xem danh sách các thẻ thiếu.") from None
    except TemplateSyntaxError as exc:
        raise ThiDuaError(f"Mẫu '{name}' sai cú pháp ở dòng {exc.lineno}: {exc.message}") from None
    except TemplateError as exc:
        raise ThiDuaError(f"Mẫu '{name}' không dùng được: {exc}") from None
    buf = io.BytesIO()
    tpl.save(buf)
    return annex.fill_docx(buf.getvalue(), rows, name)
