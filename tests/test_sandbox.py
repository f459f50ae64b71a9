"""The template sandbox (xlsrc/report/sandbox.py) tested directly, without a
Word file: each guard exactly at its limit and one over, with the Vietnamese
reason, the word that finds the tag and the line; each static refusal before
anything runs, and each value the environment still computes. Limits are
made small with monkeypatch so that every test takes milliseconds (issue 24:
the mutation score of this module)."""
from __future__ import annotations

import datetime as dt
import types

import pytest
from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from markupsafe import Markup

from xlsrc.report import sandbox
from xlsrc.report.sandbox import Refused, TemplateEnvironment, bounded_range, check, limits_text, weight


def render(source: str, env: TemplateEnvironment | None = None, **data) -> str:
    return (env or TemplateEnvironment()).from_string(source).render(**data)


def refused(source: str, **data) -> Refused:
    """The refusal of ``source`` when it is rendered (static or at run time)."""
    with pytest.raises(Refused) as caught:
        render(source, **data)
    return caught.value


def refused_static(source: str) -> Refused:
    """The refusal of ``source`` before it runs: from_string alone raises."""
    with pytest.raises(Refused) as caught:
        TemplateEnvironment().from_string(source)
    return caught.value


@pytest.fixture
def small(monkeypatch):
    """Limits small enough to reach in a test: set(name=value) for each."""
    def set_limits(**values):
        for name, value in values.items():
            monkeypatch.setattr(sandbox, name, value)
    return set_limits


# -- the refusal itself -------------------------------------------------------------------------------
def test_a_refusal_carries_its_reason_hint_and_line():
    bare = Refused("lý do")
    assert (str(bare), bare.reason, bare.hint, bare.lineno) == ("lý do", "lý do", "", None)
    full = Refused("lý do", "center", 3)
    assert (full.reason, full.hint, full.lineno) == ("lý do", "center", 3)


# -- text length: '~', replace, join, indent, wordwrap, truncate, '%' ----------------------------------
def test_concatenation_up_to_the_text_limit_passes_and_one_more_is_refused(small):
    small(MAX_TEXT=1000)
    assert render("{{ a ~ b }}", a="x" * 600, b="y" * 400) == "x" * 600 + "y" * 400
    exc = refused("{{ a ~ b }}", a="x" * 600, b="y" * 401)
    assert exc.reason == "phép nối '~' tạo ra chuỗi quá dài (1.001 ký tự, tối đa 1.000)"


def test_concatenation_counts_and_keeps_escaped_markup(small):
    small(MAX_TEXT=8)
    # '<' is escaped to '&lt;' when joined with markup: 4 + 4 characters
    assert render("{{ m ~ s }}", m=Markup("<b>x"), s="<") == "<b>x&lt;"
    assert refused("{{ m ~ s }}", m=Markup("<b>xy"), s="<").reason.startswith("phép nối '~' tạo ra chuỗi quá dài (9 ")
    # without markup the text is joined as it is (and escaped once on output)
    assert render("{{ (a ~ b)|length }}", a="<", b=">") == "2"
    env = TemplateEnvironment(autoescape=False)
    assert render("{{ a ~ b ~ 1 }}", env, a="<", m=Markup("&"), b=">") == "<>1"
    assert render("{{ m ~ a }}", env, a="<", m=Markup("&")) == "&<"  # no escaping without autoescape


def test_a_constant_concatenation_is_measured_before_it_is_compiled(small):
    small(MAX_TEXT=10)
    assert TemplateEnvironment().from_string("{{ 'abcde' ~ 'fghij' }}").render() == "abcdefghij"
    exc = refused_static("\n{{ 'abcde' ~ 'fghij' ~ 1 }}")
    assert (exc.reason, exc.lineno) == ("phép nối '~' tạo ra chuỗi quá dài (11 ký tự, tối đa 10)", 2)
    # a part that is not constant: measured when it runs
    assert render("{{ 'abcde' ~ x }}", x="fghij") == "abcdefghij"
    assert refused("{{ 'abcde' ~ x }}", x="fghijk").reason.endswith("(11 ký tự, tối đa 10)")


def test_replace_is_measured_with_its_count(small):
    small(MAX_TEXT=20)
    assert render("{{ s|replace('a', 'bbbbb') }}", s="aaaa") == "b" * 20
    assert refused("{{ s|replace('a', 'bbbbbb') }}", s="aaaa").reason == \
        "bộ lọc replace tạo ra chuỗi quá dài (24 ký tự, tối đa 20)"
    assert render("{{ s|replace('a', 'bbbbbbbbbbbbbbbb', 1) }}", s="aaaa") == "b" * 16 + "aaa"  # 4 + 1 × 15
    assert render("{{ s|replace('a', new, 0) }}", s="aaaa", new="b" * 30) == "aaaa"  # count 0 replaces nothing
    assert refused("{{ s|replace('a', 'bbbbbb', -1) }}", s="aaaa").reason.endswith("(24 ký tự, tối đa 20)")
    # an empty 'old' inserts at every position: len + (len + 1) × len(new)
    assert render("{{ s|replace('', 'xxxx') }}", s="abc") == "xxxxaxxxxbxxxxcxxxx"
    assert refused("{{ s|replace('', 'xxxxx') }}", s="abc").reason.endswith("(23 ký tự, tối đa 20)")
    assert render("{{ n|replace(1, 2222) }}", n=11111) == "2222" * 5  # numbers are read as their text
    assert refused("{{ n|replace(1, 22222) }}", n=11111).reason.endswith("(25 ký tự, tối đa 20)")


def test_a_constant_replace_is_refused_before_it_runs(small):
    small(MAX_TEXT=20)
    assert refused_static("{{ 'aaaa'|replace('a', 'bbbbbb') }}").reason.endswith("(24 ký tự, tối đa 20)")
    TemplateEnvironment().from_string("{{ 'aaaa'|replace('a', 'bbbbb') }}")
    TemplateEnvironment().from_string("{{ 'aaaa'|replace() }}")  # wrong arguments: Jinja says so when it runs


def test_join_counts_items_and_text(small):
    small(MAX_TEXT=10, MAX_ITEMS=4)
    assert render("{{ xs|join('-') }}", xs=["abcd", "c", "d", "e"]) == "abcd-c-d-e"  # 7 + 3 × 1 = 10
    assert refused("{{ xs|join('-') }}", xs=["abcde", "c", "d", "e"]).reason == \
        "bộ lọc join tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"
    assert render("{{ xs|join(d) }}", xs=[], d="x" * 20) == ""  # no separator without two items
    assert render("{{ xs|join(d) }}", xs=["abcdefghij"], d="x" * 20) == "abcdefghij"
    exc = refused("{{ xs|join }}", xs=list("abcde"))
    assert (exc.reason, exc.hint) == ("bộ lọc join trên hơn 4 phần tử", "join")
    assert render("{{ xs|join }}", xs=list("abcd")) == "abcd"


def test_join_reads_an_iterator_once_and_takes_its_arguments_by_name():
    assert render("{{ range(3)|map('string')|join(',') }}") == "0,1,2"
    people = [{"n": "An"}, {"n": "Bình"}]
    assert render("{{ xs|join(', ', 'n') }}", xs=people) == "An, Bình"
    assert render("{{ xs|join(', ', attribute='n') }}", xs=people) == "An, Bình"
    assert render("{{ xs|join(d='+', attribute='n') }}", xs=people) == "An+Bình"


def test_a_constant_join_is_refused_before_it_runs(small):
    small(MAX_TEXT=10)
    assert refused_static("{{ ['abcde', 'fghij', 'k']|join }}").reason.endswith("(11 ký tự, tối đa 10)")
    assert TemplateEnvironment().from_string("{{ ['abcde', 'fghij']|join }}").render() == "abcdefghij"


def test_indent_width_and_length(small):
    assert render("{{ s|indent(w) }}", s="a\nb", w="-" * 1000) == "a\n" + "-" * 1000 + "b"
    for width in ("-" * 1001, 1001):
        exc = refused("{{ s|indent(w) }}", s="a\nb", w=width)
        assert (exc.reason, exc.hint) == ("bộ lọc indent với độ rộng 1.001 vượt giới hạn 1.000", "indent")
    small(MAX_TEXT=20)
    nine = "abcd\nefgh"  # 9 characters on 2 lines: 9 + 2 × width
    assert render("{{ s|indent(5, true) }}", s=nine) == "     abcd\n     efgh"
    assert render("{{ s|indent(w, true) }}", s=nine, w="-----") == "-----abcd\n-----efgh"
    for width in (6, "------"):
        assert refused("{{ s|indent(w) }}", s=nine, w=width).reason == \
            "bộ lọc indent tạo ra chuỗi quá dài (21 ký tự, tối đa 20)"
    nineteen = "a" * 9 + "\n" + "b" * 9
    assert render("{{ s|indent(-3) }}", s=nineteen) == nineteen  # a negative width adds nothing


def test_center_width_at_and_over_the_limit():
    assert render("{{ 'x'|center(w) }}", w=1000) == "x".center(1000)
    assert render("{{ 'x'|center }}") == "x".center(80)
    for width, said in ((1001, "1.001"), (1000.5, "1.000")):
        exc = refused("{{ 'x'|center(w) }}", w=width)
        assert (exc.reason, exc.hint) == (f"bộ lọc center với độ rộng {said} vượt giới hạn 1.000", "center")
    exc = refused("{{ 'x'|center(w) }}", w="y" * 1001)  # a text width counts as its length
    assert exc.reason == "bộ lọc center với độ rộng 1.001 vượt giới hạn 1.000"
    with pytest.raises(TypeError):
        render("{{ 'x'|center(w) }}", w="y" * 1000)  # within the limit: Python's own error
    exc = refused_static("\n\n{{ 'x'|center(1001) }}")
    assert (exc.reason, exc.hint, exc.lineno) == ("bộ lọc center với độ rộng 1.001 vượt giới hạn 1.000", "center", 3)
    assert refused_static("{{ 'x'|indent(1001) }}").hint == "indent"
    TemplateEnvironment().from_string("{{ 'x'|center(1000) }}")


def test_wordwrap_is_measured_with_its_breaks(small):
    small(MAX_TEXT=11)
    assert render("{{ s|wordwrap(3) }}", s="abcdefgh") == "abc\ndef\ngh"  # 8 + (8 // 3 + 1) × 1
    small(MAX_TEXT=10)
    assert refused("{{ s|wordwrap(3) }}", s="abcdefgh").reason == \
        "bộ lọc wordwrap tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"
    small(MAX_TEXT=14)
    assert render("{{ s|wordwrap(3, wrapstring='--') }}", s="abcdefgh") == "abc--def--gh"
    small(MAX_TEXT=13)
    assert refused("{{ s|wordwrap(3, wrapstring='--') }}", s="abcdefgh").reason.endswith("(14 ký tự, tối đa 13)")
    small(MAX_TEXT=16)
    assert refused("{{ s|wordwrap(0) }}", s="abcdefgh").reason.endswith("(17 ký tự, tối đa 16)")  # width 0 as 1


def test_truncate_end_is_measured(small):
    small(MAX_TEXT=10)
    assert render("{{ s|truncate(12, true, e, 0) }}", s="a" * 20, e="." * 10) == "aa" + "." * 10
    exc = refused("{{ s|truncate(12, true, e, 0) }}", s="a" * 20, e="." * 11)
    assert exc.reason == "bộ lọc truncate tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"


@pytest.mark.parametrize("name", ["batch", "slice"])
def test_batch_and_slice_counts_and_fill(small, name):
    assert render(f"{{{{ xs|{name}(10000)|list|length }}}}", xs=[1]) in ("1", "10000")
    exc = refused(f"{{{{ xs|{name}(n)|list }}}}", xs=[1], n=10001)
    assert (exc.reason, exc.hint) == (f"bộ lọc {name}(10.001) vượt giới hạn 10.000", name)
    exc = refused_static(f"{{{{ xs|{name}(10001) }}}}")
    assert (exc.reason, exc.hint) == (f"bộ lọc {name}(10.001) vượt giới hạn 10.000", name)
    small(MAX_STRUCTURE=20)  # the fill repeated count times: 'abcd' weighs 6
    assert render(f"{{{{ xs|{name}(3, f)|list|length }}}}", xs=[1, 2, 3, 4], f="abcd") in ("2", "3")
    exc = refused(f"{{{{ xs|{name}(4, f)|list }}}}", xs=[1, 2, 3, 4, 5], f="abcd")
    assert (exc.reason, exc.hint) == (f"bộ lọc {name} tạo ra danh sách/từ điển quá lớn (cỡ 24 ký tự, tối đa 20)",
                                      name)


def test_sum_adds_numbers_only():
    assert render("{{ xs|sum(start=1.5) }}", xs=[1, 2]) == "4.5"
    assert render("{{ xs|sum }}", xs=[1, 2]) == "3"
    exc = refused("{{ xs|sum(start=[]) }}", xs=[[1], [2]])
    assert (exc.reason, exc.hint) == ("bộ lọc sum chỉ cộng các số (start phải là số)", "sum")


# -- %-formatting: the format filter and the '%' operator ------------------------------------------------
def test_format_filter_counts_its_result_with_positional_and_named_arguments(small):
    with pytest.raises(TypeError):  # a constant that Python cannot format: its own error, when it runs
        TemplateEnvironment().from_string("{{ '%d'|format('x') }}").render()
    small(MAX_TEXT=10)
    assert render("{{ ('%s' * 3)|format(a, a, a) }}", a="abc") == "abcabcabc"
    assert refused("{{ ('%s' * 3)|format(a, a, a) }}", a="abcd").reason == \
        "bộ lọc format tạo ra chuỗi quá dài (12 ký tự, tối đa 10)"
    assert render("{{ '%(a)s%(a)s'|format(a=x) }}", x="abcde") == "abcdeabcde"
    assert refused("{{ '%(a)s%(a)s'|format(a=x) }}", x="abcdef").reason.endswith("(12 ký tự, tối đa 10)")
    exc = refused_static("{{ '%1001s'|format(x) }}")
    assert (exc.reason, exc.hint) == ("bộ lọc format: độ rộng '%1001' vượt giới hạn 1.000", "%")
    exc = refused_static("{{ ('%(a)s' * 2)|format(a='abcdef') }}")  # all constant: counted before it runs
    assert exc.reason == "bộ lọc format tạo ra chuỗi quá dài (12 ký tự, tối đa 10)"


def test_the_percent_operator_counts_its_result_with_tuples_and_dicts(small):
    small(MAX_TEXT=10)
    assert render("{{ f % (a, b) }}", f="%s%s", a="abcde", b="fghij") == "abcdefghij"
    assert refused("{{ f % (a, b) }}", f="%s%s", a="abcde", b="fghijk").reason == \
        "định dạng '%' tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"
    assert render("{{ f % d }}", f="%(a)s%(a)s", d={"a": "abcde"}) == "abcdeabcde"
    assert refused("{{ f % d }}", f="%(a)s%(a)s", d={"a": "abcdef"}).reason.endswith("(12 ký tự, tối đa 10)")
    # a constant tuple is several arguments, a list one argument
    assert TemplateEnvironment().from_string("{{ '%s%s' % ('ab', 'cd') }}").render() == "abcd"
    assert TemplateEnvironment().from_string("{{ '%s' % ['a'] }}").render() == "[&#39;a&#39;]"
    exc = refused_static("{{ '%s%s' % ('abcde', 'fghijk') }}")
    assert exc.reason == "định dạng '%' tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"
    assert render("{{ a % b }}", a=7, b=3) == "1"


@pytest.mark.parametrize("spec", ["%1001s", "%.1001f", "%*s", "%.*s", "%-1001d"])
def test_a_width_over_the_limit_is_named_with_its_spec(spec):
    exc = refused("{{ f % x }}", f=spec, x=(5, "a") if "*" in spec else 1)
    shown = spec[:-1]
    assert (exc.reason, exc.hint) == (f"định dạng '%': độ rộng '{shown}' vượt giới hạn 1.000", "%")


@pytest.mark.parametrize("fmt, args, size", [
    ("abc", (), 3), ("a%sb", "xy", 4), ("%s-%s", ("ab", "c"), 4), ("a%%b", (), 3), ("%%%s", "x", 2),
    ("%5s", "ab", 5), ("%-5s", "ab", 5), ("%1s", "abc", 3), ("%.2s", "abcd", 2), ("%*s", (5, "ab"), 5),
    ("%*s", (-5, "ab"), 5), ("%.*s", (2, "abcd"), 2), ("%(a)s%(b)s", {"a": "xy", "b": "z"}, 3),
    ("%(a(b))s", {"a(b)": "xy"}, 2), ("%c", 65, 1), ("%r", "ab", 4), ("%a", "é", 6), ("%()s", {"": "xy"}, 2),
    ("a%sb", "", 2), ("%s", {"a": 1}, 8),
])
def test_the_counted_length_of_a_format_is_its_real_length(fmt, args, size):
    assert sandbox._printf_size(fmt, args) == size == len(fmt % args)


@pytest.mark.parametrize("fmt, args, size", [
    ("%d", 255, 18),          # 8 bits + 2, and 8 for sign and prefix
    ("%.20d", 5, 28),         # the precision when it is longer
    ("%x", 2 ** 40, 51),
    ("%f", 1.5, 338),         # a float: up to 1e308
    ("%s%r", None, 6),        # the same object by str and by repr: 'ab' then "'ab'"
    ("%X", 255, 18),
])
def test_numbers_are_counted_by_an_upper_bound(fmt, args, size):
    if args is None:
        text = "ab"
        args = (text, text)
    assert sandbox._printf_size(fmt, args) == size >= len(fmt % args)


@pytest.mark.parametrize("fmt, args, size", [
    ("ab%(a", {}, 2),            # no closing parenthesis: Python stops here
    ("ab%s%s", ("x",), 3),       # too few arguments
    ("ab%(x)s", {}, 2),          # no such key
    ("ab%(a)s", ("xyz",), 2),    # a key without a dict
    ("ab%*s", ("x", "y"), 2),    # a width that is not a number
    ("ab%", "x", 2),             # '%' at the end
])
def test_the_count_stops_where_python_stops_with_an_error(fmt, args, size):
    assert sandbox._printf_size(fmt, args) == size
    with pytest.raises((TypeError, ValueError, KeyError)):
        fmt % args


def test_a_markup_format_counts_its_escaped_arguments():
    assert sandbox._printf_size(Markup("%s"), "<") == 4 == len(Markup("%s") % "<")
    assert sandbox._printf_size("%s", "<") == 1


def test_the_count_stops_soon_after_the_limit(small):
    small(MAX_TEXT=10)
    assert sandbox._printf_size("%s" * 100, ("abcde",) * 100) == 15  # 5, 10 (still within), 15: stop


# -- size of lists and dicts --------------------------------------------------------------------------
def test_weight_counts_text_as_printed_and_shared_parts_each_time():
    assert [weight("ab"), weight(5), weight([]), weight(["ab", 5]), weight({"a": "bc"}), weight(("a",))] == \
        [4, 8, 2, 14, 9, 5]
    part = ["ab"]
    assert weight([part, part]) == 2 + 2 * (2 + 4)
    assert weight(["ab"] * 100, limit=10) == 14  # 2, 6, 10 (still within), 14: stop
    assert weight({"ab": "c" * 20}, limit=10) == 2 + 4 + 22


def test_lists_and_dicts_a_template_writes_are_measured(small):
    small(MAX_STRUCTURE=20)
    assert render("{% set a = [x, x] %}{{ a|length }}", x="abcdefg") == "2"  # 2 + 2 × 9
    exc = refused("{% set a = [x, x] %}{{ a|length }}", x="abcdefgh")
    assert (exc.reason, exc.hint) == (
        "danh sách/từ điển viết trong mẫu tạo ra danh sách/từ điển quá lớn (cỡ 22 ký tự, tối đa 20)", "mẫu")
    assert render("{% for a, b in [(1, 2)] %}{{ a }}{{ b }}{% endfor %}") == "12"  # loop targets stay names


# -- operators ----------------------------------------------------------------------------------------------
def test_an_incomplete_format_gives_python_s_own_error():
    with pytest.raises(ValueError, match="incomplete format"):
        render("{{ f % x }}", f="ab%", x="y")


def test_power_at_and_over_the_bit_limit():
    assert render("{{ (2 ** n)|string|length }}", n=4096) == str(len(str(2 ** 4096)))
    exc = refused("{{ 2 ** n }}", n=4097)
    assert (exc.reason, exc.hint) == ("lũy thừa 2**4.097 quá lớn (tối đa 4.096 bit)", "**")
    assert refused("{{ b ** n }}", b=-2, n=4097).reason == "lũy thừa -2**4.097 quá lớn (tối đa 4.096 bit)"
    assert refused("{{ b ** 500 }}", b=10 ** 9 - 1).reason == "lũy thừa 999.999.999**500 quá lớn (tối đa 4.096 bit)"
    assert refused("{{ b ** 500 }}", b=10 ** 9).reason == "lũy thừa …**500 quá lớn (tối đa 4.096 bit)"
    assert refused("{{ (b + c) ** 1 }}", b=2 ** 4096, c=2 ** 4095).reason == "lũy thừa …**1 quá lớn (tối đa 4.096 bit)"
    assert render("{{ b ** n }}", b=1, n=10 ** 9) == "1"
    assert render("{{ b ** n }}", b=-1, n=10 ** 9) == "1"
    assert render("{{ 2 ** n }}", n=-5000) == "0.0"
    assert refused_static("{{ 2 ** 4097 }}").hint == "**"
    for base, exponent in ((2.0, 5000), (2, 5000.0)):  # not whole numbers: Python's own overflow
        with pytest.raises(OverflowError):
            render("{{ b ** n }}", b=base, n=exponent)


def test_repetition_of_text_and_lists(small):
    small(MAX_TEXT=10, MAX_ITEMS=4)
    assert render("{{ s * 5 }}", s="ab") == "ababababab"
    for source in ("{{ s * 6 }}", "{{ 6 * s }}"):
        exc = refused(source, s="ab")
        assert (exc.reason, exc.hint) == ("phép lặp '*' tạo ra 12 ký tự (tối đa 10)", "*")
    assert render("{{ (xs * 2)|length }}", xs=[1, 2]) == "4"
    assert refused("{{ xs * 3 }}", xs=[1, 2]).reason == "phép lặp '*' tạo ra 6 phần tử (tối đa 4)"
    small(MAX_STRUCTURE=20)
    assert render("{{ (xs * 2)|length }}", xs=["abcde"]) == "2"   # 2 × (2 + 7) = 18
    exc = refused("{{ xs * 3 }}", xs=["abcd"])                       # 3 × 8 = 24
    assert (exc.reason, exc.hint) == ("phép lặp '*' tạo ra danh sách/từ điển quá lớn (cỡ 24 ký tự, tối đa 20)", "'*'")
    assert refused("{{ xs * 1 }}", xs=["x" * 30]).reason.startswith("phép lặp '*' tạo ra danh sách/từ điển quá lớn")
    assert render("{{ (xs * 0)|length }}", xs=["x" * 30]) == "0"
    small(MAX_STRUCTURE=9)
    assert render("{{ s * 3 }}", s="abc") == "abcabcabc"  # text is measured as text, not as a structure (3 × 5 > 9)
    assert refused_static("{{ 'ab' * 6 }}").reason == "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"


def test_multiplication_of_whole_numbers_at_and_over_the_bit_limit():
    assert render("{{ (a * b) == c }}", a=2 ** 2000, b=2 ** 2094, c=2 ** 4094) == "True"  # 2001 + 2095 bits
    exc = refused("{{ a * b }}", a=2 ** 2000, b=2 ** 2095)
    assert (exc.reason, exc.hint) == ("phép nhân tạo ra số quá lớn (tối đa 4.096 bit)", "*")


def test_addition_of_text_and_lists(small):
    small(MAX_TEXT=10, MAX_ITEMS=4)
    assert render("{{ a + b }}", a="abcde", b="fghij") == "abcdefghij"
    exc = refused("{{ a + b }}", a="abcde", b="fghijk")
    assert (exc.reason, exc.hint) == ("phép cộng '+' tạo ra chuỗi/danh sách quá dài (tối đa 10)", "+")
    assert render("{{ (a + b)|length }}", a=[1, 2], b=[3, 4]) == "4"
    assert refused("{{ a + b }}", a=[1, 2], b=[3, 4, 5]).reason == \
        "phép cộng '+' tạo ra chuỗi/danh sách quá dài (tối đa 4)"
    small(MAX_STRUCTURE=20)
    assert render("{{ (a + b)|length }}", a=["abcdef"], b=["abcdef"]) == "2"  # 10 + 10
    exc = refused("{{ a + b }}", a=["abcdefg"], b=["abcdef"])
    assert (exc.reason, exc.hint) == ("phép cộng '+' tạo ra danh sách/từ điển quá lớn (cỡ 21 ký tự, tối đa 20)", "'+'")
    assert render("{{ a + b }}", a=(1,), b=(2,)) == "(1, 2)"


# -- range ----------------------------------------------------------------------------------------------
def test_range_at_and_over_its_limit():
    assert len(bounded_range(10000)) == 10000 and list(bounded_range(2, 8, 3)) == [2, 5]
    for args, said in (((10001,), "10.001"), ((0, 20002, 2), "10.001"), ((10 ** 15,), "1.000.000.000.000.000"),
                       ((10 ** 15 + 1,), "quá nhiều"), ((10 ** 20,), "10.001")):  # too long to count: over
        with pytest.raises(Refused) as caught:
            bounded_range(*args)
        assert (caught.value.reason, caught.value.hint) == (f"range(...) có {said} phần tử, tối đa 10.000", "range")
    assert render("{{ range(n)|list|length }}", n=10000) == "10000"
    assert refused("{% for i in range(n) %}{% endfor %}", n=10001).hint == "range"
    exc = refused_static("\n{% for i in range(10001) %}{% endfor %}")
    assert (exc.reason, exc.lineno) == ("range(...) có 10.001 phần tử, tối đa 10.000", 2)
    TemplateEnvironment().from_string("{{ range(10000) }}{{ range(x, 10 ** 9) }}")  # not constant: when it runs
    with pytest.raises(ValueError):
        TemplateEnvironment().from_string("{{ range(1, 10, 0) }}").render()  # Python's error, when it runs


# -- the static check ------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, reason, hint", [
    ("{{ foo.bar() }}", "gọi 'foo.bar(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "bar"),
    ("{{ 'abc'.zfill(5) }}", "gọi ''abc'.zfill(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "zfill"),
    ("{{ ('a' * 40).zfill(5) }}", "gọi '….zfill(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "zfill"),
    ("{{ '" + "a" * 40 + "'.zfill(5) }}", "gọi '" + repr("a" * 40)[:30] + ".zfill(…)' không được phép: mẫu chỉ đọc "
     "dữ liệu, không gọi hàm", "zfill"),
    ("{{ x[0]() }}", "gọi '…(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "…"),
    ("{{ lipsum() }}", "gọi 'lipsum(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "lipsum"),
    ("{{ loop.reset() }}", "gọi 'loop.reset(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "reset"),
    ("{{ x|attr('y') }}", "bộ lọc 'attr' không được phép", "attr"),
    ("{% macro m() %}{% endmacro %}", "thẻ {% macro %} không được phép trong mẫu báo cáo", "macro"),
    ("{% set ns = 1 %}{% set ns.a = 1 %}", "thẻ namespace không được phép trong mẫu báo cáo", "namespace"),
    ("{% for x in xs recursive %}{% endfor %}", "vòng lặp đệ quy (for … recursive) không được phép", "recursive"),
    ("{{ self }}", "tên 'self' không được phép", "self"),
    ("{{ range }}", "'range' chỉ được dùng dạng range(…)", "range"),
    ("{{ x._y }}", "truy cập '_y' (tên bắt đầu bằng '_') không được phép", "_y"),
    ("{{ x['_y'] }}", "truy cập '_y' (tên bắt đầu bằng '_') không được phép", "_y"),
    ("{% for x in xs %}{{ loop['_iterator'] }}{% endfor %}", "truy cập '_iterator' (tên bắt đầu bằng '_') không được phép",
     "_iterator"),
    ("{{ " + str(2 ** 4096) + " }}", "số viết trong mẫu quá lớn (1.234 chữ số), tối đa 4.096 bit (khoảng 1.200 chữ số)",
     ""),
    ("{{ x.upper }}", "truy cập thuộc tính 'upper' không được phép: mẫu chỉ đọc các trường dữ liệu", "upper"),
    ("{{ x.zfill(2) }}", "gọi 'x.zfill(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "zfill"),
    ("{{ a.b.zfill(2) }}", "gọi 'a.b.zfill(…)' không được phép: mẫu chỉ đọc dữ liệu, không gọi hàm", "zfill"),
    ("{{ x.index }}", "truy cập thuộc tính 'index' không được phép: mẫu chỉ đọc các trường dữ liệu", "index"),
    ("{{ 1" + "0" * 1300 + " }}", "số viết trong mẫu quá lớn (1.301 chữ số), tối đa 4.096 bit (khoảng 1.200 chữ số)",
     ""),
])
def test_what_a_plain_data_template_does_not_need_is_refused_before_it_runs(source, reason, hint):
    exc = refused_static("\n\n" + source)
    assert (exc.reason, exc.hint, exc.lineno) == (reason, hint, 3)


def test_a_number_too_long_for_python_is_named_with_its_line():
    digits = "1" * 5000
    exc = refused_static(f"\na\n{{{{ {digits} }}}}\nc\n")
    assert (exc.reason, exc.hint, exc.lineno) == (
        "số viết trong mẫu quá lớn (5.000 chữ số), tối đa 4.096 bit (khoảng 1.200 chữ số)", "1" * 20, 3)
    assert sandbox._too_many_digits() == "số viết trong mẫu quá lớn, tối đa 4.096 bit (khoảng 1.200 chữ số)"


def test_nesting_at_and_over_its_depth(small):
    small(MAX_DEPTH=6)  # Template, Output, Filter × n, Name
    TemplateEnvironment().from_string("{{ x" + "|upper" * 4 + " }}")
    exc = refused_static("\n{{ x" + "|upper" * 5 + " }}")
    assert (exc.reason, exc.hint, exc.lineno) == (
        "biểu thức lồng nhau quá sâu (hơn 6 tầng ngoặc, bộ lọc hoặc thẻ)", "", 2)


def test_a_construct_outside_the_allowed_ones_is_refused_by_name():
    tree = nodes.Template([nodes.ExprStmt(nodes.Const(1), lineno=4)], lineno=1)
    with pytest.raises(Refused) as caught:
        check(tree)
    assert (caught.value.reason, caught.value.hint, caught.value.lineno) == ("cấu trúc 'ExprStmt' không được phép", "", 4)


def test_what_a_plain_data_template_needs_passes_and_computes():
    day = dt.date(2025, 7, 1)
    data = {"d": {"name": "An", "tt": 1}, "k": {"items": "khóa"}, "s": "abc", "xs": [3, 1, 2], "day": day}
    source = ("{{ s.upper() }} {{ s.startswith('a') }} {{ d.name }} {{ k['items'] }} {{ day.year }}/"
              "{{ day['month'] }} {% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %} "
              "{% for x in xs|sort %}{{ loop.index }}{{ loop['first'] }}{{ loop.cycle('a', 'b') }}{% endfor %} "
              "{{ xs[0] }}{{ xs[1:]|list }}{{ 7 // 2 }}{{ -xs[0] }}{{ +1 }}{{ 'x' if xs else 'y' }}{{ xs|length is odd }}"
              "{% with t = 2 %}{{ t * 3 }}{% endwith %}{% if not xs %}no{% elif xs %}yes{% endif %}")
    assert render(source, **data) == ("ABC True An khóa 2025/7 name=An;tt=1; 1Truea2Falseb3Falsea "
                                      "3[1, 2]3-31xTrue6yes")


def test_at_run_time_only_plain_data_and_safe_methods_are_reached():
    day = dt.date(2025, 7, 1)
    with pytest.raises(SecurityError):
        render("{{ day['weekday'] }}", day=day)
    with pytest.raises(SecurityError):
        render("{{ s['zfill'] }}", s="abc")
    with pytest.raises(SecurityError):
        render("{{ obj.name }}", obj=types.SimpleNamespace(name="x"))
    for source, data, said in (("{{ d.missing }}", {"d": {"a": 1}}, "'dict object' has no attribute 'missing'"),
                               ("{{ xs[5] }}", {"xs": [1]}, "list object has no element 5"),
                               ("{{ xs.nothing }}", {"xs": [1]}, "'list object' has no attribute 'nothing'")):
        with pytest.raises(UndefinedError) as caught:
            render(source, **data)
        assert str(caught.value) == said
    with pytest.raises(SecurityError, match=r"^access to attribute 'name' of 'SimpleNamespace' object is unsafe\.$"):
        render("{{ obj.name }}", obj=types.SimpleNamespace(name="x"))
    for method in ("abc".zfill, str.zfill):  # a dict's value called by a safe method's name
        with pytest.raises(SecurityError, match="is not safely callable"):
            render("{{ d.upper(5) }}", d={"upper": method})
    with pytest.raises(UndefinedError):
        render("{% for x in [1] %}{{ loop['nothing'] }}{% endfor %}")
    with pytest.raises(SecurityError):  # a safe name on an object that is not plain data
        render("{{ obj.upper() }}", obj=types.SimpleNamespace(upper="abc".upper))
    assert render("{{ day['year'] }} {{ d['a'] }}", day=day, d={"a": 1}) == "2025 1"


def test_the_environment_starts_empty_and_escapes():
    env = TemplateEnvironment()
    assert list(env.globals) == ["range"] and env.iterations == 0 and env.current_source == ""
    assert render("{{ " + str(2 ** 4095) + " }}") == str(2 ** 4095)  # a number of 4.096 bits: at the limit
    assert env.from_string("{{ g }}", {"g": 1}).render() == "1" == env.from_string("{{ g }}", globals={"g": 1}).render()
    with pytest.raises(TemplateSyntaxError) as caught:
        env.parse("{{ x", "mau", "mau.docx")
    assert (caught.value.name, caught.value.filename) == ("mau", "mau.docx")
    assert render("{{ s }}", s="<b>") == "&lt;b&gt;"
    assert render("{{ s }}", TemplateEnvironment(autoescape=False), s="<b>") == "<b>"
    env.from_string("{{ 1 }}")
    assert env.current_source == "{{ 1 }}"
    env.from_string(env.parse("{{ 2 }}"))
    assert env.current_source == ""
    with pytest.raises(UndefinedError):
        render("{{ lipsum }}")


# -- loops, time and output --------------------------------------------------------------------------------
def test_loop_iterations_of_one_document_together(small):
    small(MAX_LOOP_ITERATIONS=5)
    env = TemplateEnvironment()
    assert render("{% for i in range(3) %}{{ i }}{% endfor %}", env) == "012"
    assert render("{% for i in range(2) %}{{ i }}{% endfor %}", env) == "01"  # 5 in all: still within
    exc = refused("{% for i in range(6) %}{% endfor %}")
    assert (exc.reason, exc.hint) == ("các vòng lặp chạy quá 5 lần", "for")
    with pytest.raises(Refused):
        render("{% for i in range(1) %}{% endfor %}", env)  # the 6th of this document


def test_processor_time_is_read_at_each_iteration(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(sandbox, "time", types.SimpleNamespace(process_time=lambda: clock[0]))
    env = TemplateEnvironment()  # started at 100 s
    clock[0] = 160.0
    assert render("{% for i in range(2) %}{{ i }}{% endfor %}", env) == "01"  # 60 s: within
    clock[0] = 160.5
    with pytest.raises(Refused) as caught:
        render("{% for i in range(2) %}{{ i }}{% endfor %}", env)
    assert (caught.value.reason, caught.value.hint) == ("điền mẫu đã dùng quá 60 giây xử lý", "for")


def test_output_at_and_over_its_limit(small):
    small(MAX_OUTPUT=10)
    assert render("{{ a }}{{ b }}", a="x" * 5, b="y" * 5) == "xxxxxyyyyy"
    exc = refused("{{ a }}{{ b }}", a="x" * 5, b="y" * 6)
    assert exc.reason == "kết quả điền mẫu vượt 10 ký tự cho một phần của văn bản"


def test_the_limits_as_the_readme_states_them():
    assert limits_text() == [
        ("Độ dài một giá trị tính ra", "1.000.000 ký tự"), ("Số phần tử một danh sách tính ra", "100.000"),
        ("range(...)", "10.000 phần tử"), ("Độ rộng center, indent, format, '%'", "1.000 ký tự"),
        ("Số nguyên tính ra (**, *)", "4.096 bit"), ("Tổng số lần lặp của mọi vòng for", "200.000"),
        ("Kết quả điền một phần văn bản", "20.000.000 ký tự"),
        ("Cỡ một danh sách/từ điển mẫu tạo ra (tính cả phần lặp lại)", "2.000.000 ký tự"),
        ("Thời gian xử lý để điền một văn bản", "60 giây"), ("Số tầng lồng nhau của ngoặc, bộ lọc, thẻ", "100")]


def test_the_default_widths_of_center_indent_wordwrap_and_truncate_are_measured(small):
    small(MAX_PAD=80)
    assert render("{{ 'x'|center }}") == "x".center(80)  # Jinja's default width: at the limit
    small(MAX_TEXT=13)  # 'ab\ncd' indented by the default 4 on both lines: 5 + 2 × 4
    assert render("{{ s|indent }}", s="ab\ncd") == "ab\n    cd"
    small(MAX_TEXT=12)
    assert refused("{{ s|indent }}", s="ab\ncd").reason.endswith("(13 ký tự, tối đa 12)")
    small(MAX_TEXT=80)  # 79 characters wrap at the default 79: 79 + 2 breaks
    assert refused("{{ s|wordwrap }}", s="a" * 79).reason == "bộ lọc wordwrap tạo ra chuỗi quá dài (81 ký tự, tối đa 80)"
    small(MAX_TEXT=3)  # the default end '...'
    assert render("{{ 'ab'|truncate }}") == "ab"


@pytest.mark.parametrize("name", ["batch", "slice"])
def test_batch_and_slice_without_fill_build_no_structure(small, name):
    small(MAX_STRUCTURE=20)
    assert render(f"{{{{ xs|{name}(3)|list|length }}}}", xs=[1, 2, 3]) in ("1", "3")



# -- constants folded by the static check: only what is constant, computed under the guards --------------
@pytest.mark.parametrize("source, said", [
    ("{{ '%s' % ['ab', 'cd'] }}", "định dạng '%' tạo ra chuỗi quá dài (12 ký tự, tối đa 10)"),  # a list: one argument
    ("{{ '%(a)s%(a)s' % {'a': 'abcdef'} }}", "định dạng '%' tạo ra chuỗi quá dài (12 ký tự, tối đa 10)"),
    ("{{ ('ab' ~ 'cd') * 3 }}", "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"),
    ("{{ ('%s'|format('abcdef')) * 2 }}", "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"),
    ("{{ ('%(a)s'|format(a='abcdef')) * 2 }}", "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"),
    ("{{ ('%s%s'|format('abcdef', 'ghijk')) * 1 }}", "bộ lọc format tạo ra chuỗi quá dài (11 ký tự, tối đa 10)"),
    ("{{ ('%(a)s%(a)s'|format(a='abcdef')) * 1 }}", "bộ lọc format tạo ra chuỗi quá dài (12 ký tự, tối đa 10)"),
    ("{{ 'ab' * (2 ** 3) }}", "phép lặp '*' tạo ra 16 ký tự (tối đa 10)"),
    ("{{ ('abc' + 'def') * 2 }}", "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"),
    ("{{ ('%s' % 'abcdef') * 2 }}", "phép lặp '*' tạo ra 12 ký tự (tối đa 10)"),
    ("{{ x|center(1001) }}", "bộ lọc center với độ rộng 1.001 vượt giới hạn 1.000"),
    ("{{ x|indent(1001) }}", "bộ lọc indent với độ rộng 1.001 vượt giới hạn 1.000"),
])
def test_a_constant_over_a_limit_is_refused_before_the_template_runs(small, source, said):
    small(MAX_TEXT=10)
    assert refused_static(source).reason == said


@pytest.mark.parametrize("source, data, out", [
    ("{{ '%s%s' % ('abcd', x) }}", {"x": "a"}, "abcda"),       # not all constant: nothing folded
    ("{{ '%(a)s' % {'a': x} }}", {"x": "ab"}, "ab"),
    ("{{ '%s' % x }}", {"x": "ab"}, "ab"),
    ("{{ x|truncate(20000) }}", {"x": "ab"}, "ab"),              # a count guard only for batch and slice
    ("{{ '%1001s'|upper }}", {}, "%1001S"),                       # a width guard only for format
    ("{{ 'abc'|upper }}{{ [3, 1]|sort|list }}", {}, "ABC[1, 3]"),
])
def test_what_is_not_a_constant_payload_passes_the_static_check(small, source, data, out):
    small(MAX_TEXT=3)
    template = TemplateEnvironment().from_string(source)
    small(MAX_TEXT=1000)
    assert template.render(**data) == out
