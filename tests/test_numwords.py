"""awards/numwords.py beyond the table of readings in test_decision_money.py:
what it refuses and how it says a negative number (mutation testing, issue 24)."""
from __future__ import annotations

import pytest

from xlsrc.awards.numwords import money_words, number_words


@pytest.mark.parametrize("value", [1.5, 2.0, "5", None, True, False])
def test_only_whole_numbers_are_read_a_bool_is_not_a_number(value):
    with pytest.raises(TypeError, match="^number_words needs an int$"):
        number_words(value)


@pytest.mark.parametrize("n, words", [(-5, "âm năm"), (-1, "âm một"), (-105, "âm một trăm linh năm"),
                                      (-1_000_000_000, "âm một tỷ")])
def test_a_negative_number_reads_am_before_its_size(n, words):
    assert number_words(n) == words


def test_money_words_capitalises_the_first_letter_only():
    assert money_words(0) == "Không đồng"
    assert money_words(21) == "Hai mươi mốt đồng"
