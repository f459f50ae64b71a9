"""A command opens its template several times (the tags it uses, its kind,
the render, the check of the result): the template's XML is parsed once per
process for the same bytes, and a template changed on disk is checked anew."""
from __future__ import annotations

from tests.test_template_security import template_with
from xlsrc.errors import ThiDuaError
from xlsrc.report import check_template, render


def _counting_parses(monkeypatch) -> list[int]:
    calls = [0]
    real = render._check_parts

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "_check_parts", counted)
    monkeypatch.setattr(render, "_PREPARED", {})
    return calls


def test_the_same_template_is_parsed_once_per_process(tmp_path, monkeypatch):
    calls = _counting_parses(monkeypatch)
    template = template_with(tmp_path, "body", "{{ unit_name }}", kind="department")
    render.undeclared(template)
    first = calls[0]
    assert first == 1
    check_template(template)  # opens it again, more than once
    render.undeclared(template)
    assert calls[0] == first


def test_a_template_changed_on_disk_is_checked_again(tmp_path, monkeypatch):
    calls = _counting_parses(monkeypatch)
    template = template_with(tmp_path, "body", "{{ unit_name }}", kind="department")
    assert "unit_name" in render.undeclared(template)
    good = template.read_bytes()
    template_with(tmp_path, "body", "{{ chua_co }}", kind="department")  # same path, new bytes
    assert "chua_co" in render.undeclared(template)
    template.write_bytes(good[: len(good) // 2])  # now a broken file at the same path
    try:
        render.undeclared(template)
    except ThiDuaError as exc:
        assert "không phải .docx hợp lệ" in str(exc)
    else:
        raise AssertionError("a broken template was taken from the earlier check")
    assert calls[0] == 2  # the broken file fails before its parts are read


def test_the_demo_book_templates_are_checked_against_is_built_once_per_process(tmp_path, monkeypatch):
    """check-template reads the demo workbook each time (a fresh copy of its
    data) but builds its bytes once: the fuzz and security tests check
    hundreds of templates in one process."""
    import xlsrc.builder
    import xlsrc.report as report
    built = []
    real = xlsrc.builder.build_workbook

    def counted(*args, **kwargs):
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(xlsrc.builder, "build_workbook", counted)
    report._demo_bytes.cache_clear()
    template = template_with(tmp_path, "body", "{{ unit_name }} {{ chua_co }}", kind="department")
    first, again = check_template(template), check_template(template)
    assert first == again == ["chua_co"] and len(built) == 1
    first_data, second_data = report._demo_data(), report._demo_data()
    assert first_data is not second_data and len(built) == 1
    report._demo_bytes.cache_clear()  # the next test builds its own
