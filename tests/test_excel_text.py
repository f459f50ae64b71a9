"""Text written by a macro stays text in Excel (issue 18 §1): every string
XlwingsBook writes, run through the emulation of Excel's typed-text rules
(tests/excel_typing.py), comes back as the same text."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from xlsrc.access.excel import _as_text_for_excel

from .excel_typing import typed

LOOKALIKES = ["0912345678", "00123", "12/2021", "1/2", "3/45", "95%", "33,3%", "TRUE", "false", "05/03/1980",
              "13/05/1980", "1E5", "1e-3", "12:30", "12:30 PM", "3 PM", "$5", "5₫", "1.234,5", "1,234.5", "0 1/2",
              "(5)", "-5", "+5", "=A1", "@x", "#N/A", "#REF!", "5-Mar", "Mar 5", "March 2021", "2021-03-05",
              "05.03.1980", "'quoted", " 42 ", "2021", "0,5", "12-2021", "1-2", "05/03/1980 08:30"]
PLAIN = ["Phòng 3", "180/BC-SNgV", "45/QĐ-SNgV", "Quý I/2021", "CB00012", "Sở Ngoại vụ",
         "Lỗi (Ngày hoàn thành): trước ngày khởi công 05/03/2021", "04 tập thể và 14 cá nhân", "abc", ""]


def _stored(text: str):
    kind, value = typed(_as_text_for_excel(text))
    return kind, value


def test_every_lookalike_reaches_the_cell_as_the_same_text():
    for text in LOOKALIKES + PLAIN:
        assert typed(text)[0] != "text" or text in PLAIN or text.startswith("'"), text  # the emulator sees them
        assert _stored(text) == ("text", text), text


def test_plain_words_go_without_an_apostrophe():
    assert [_as_text_for_excel(t) for t in PLAIN] == PLAIN


def test_typed_values_go_as_they_are():
    import datetime as dt
    for value in (dt.datetime(2021, 3, 5), 42, 0.95, None, True):
        assert _as_text_for_excel(value) is value


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789/-.,:%$₫ EeAPMmarTRUFLSpn'#()@=+đ", max_size=12)
       | st.text(max_size=10))
@example("²")  # a digit to Python's isdigit(), a letter to Excel (and to int())
@example("1/²/2025")
def test_any_string_stays_text(text):
    assert _stored(text) == ("text", text)
