"""Amounts: numbers in digits and in words, fractions, scales, ratios and vague plurals,
read by ``parse_number`` at a token and through ``find``."""

from __future__ import annotations

import math

import pytest

from metrics import figures
from metrics.figures import tokenize
from metrics.figures.amounts import digit_value, parse_number


def _amount(text: str):
    tokens, _ = tokenize(text)
    return parse_number(tokens, 0)


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("1.2 billion people", 1.2e9, 2),
        ("seventy thousand", 70000, 2),
        ("a third of them", 1 / 3, 2),
        ("one in five adults", 0.2, 3),
        ("10 000 runners", 10000, 2),
        ("dozens of", 12, 1),
    ],
)
def test_parse_number_reads_the_amount_and_its_end(text, value, end):
    amount = _amount(text)
    assert amount is not None
    assert math.isclose(amount.value, value, rel_tol=1e-9), amount
    assert amount.j == end, amount


def test_parse_number_takes_no_word_that_is_no_number():
    assert _amount("a new plan") is None
    assert _amount("half") is None  # "half" alone is a noun, not 0.5
    assert _amount("tens") is None  # a vague plural needs "of"


def test_amount_flags():
    assert _amount("seventy").words
    assert _amount("sixth").ordinal
    assert _amount("two-thirds").fraction
    assert _amount("3bn").scale == 1e9
    assert _amount("hundreds of thousands of").high == 1e6


def test_digit_values():
    assert digit_value("1,500,000") == 1.5e6
    assert digit_value("12,34,567.89") == 1234567.89
    assert digit_value("192.168.1.2") is None
    assert digit_value("1,2") is None


@pytest.mark.parametrize(
    ("phrase", "value", "high"),
    [
        ("seventy thousand", 70000, None),
        ("two hundred and five", 205, None),
        ("a dozen", 12, None),
        ("three dozen", 36, None),
        ("half a million", 500000, None),
        ("two and a half million", 2.5e6, None),
        ("1.2 billion", 1.2e9, None),
        ("$3bn", 3e9, None),
        ("25k", 25000, None),
        ("4.3M", 4.3e6, None),
        ("1,500,000", 1.5e6, None),
        ("12,34,567", 1234567, None),
        ("-7.5", -7.5, None),
        ("minus 40", -40, None),
        ("2 1/2", 2.5, None),
        ("3/4", 0.75, None),
        ("2½", 2.5, None),
        ("two-thirds", 2 / 3, None),
        ("1.5e-3", 0.0015, None),
        ("6.02×10^23", 6.02e23, None),
        ("hundreds of thousands of", 1e5, 1e6),
        ("between 3 and 4", 3, 4),
        ("5-6", 5, 6),
        ("from seven to 10", 7, 10),
    ],
)
def test_number_grammar(phrase, value, high):
    found = figures.find(f"They counted {phrase} units.")
    assert found, phrase
    f = found[0]
    assert math.isclose(f.value, value, rel_tol=1e-9), (phrase, f)
    if high is None:
        assert f.value_high is None, (phrase, f)
    else:
        assert f.value_high is not None and math.isclose(f.value_high, high), (phrase, f)




@pytest.mark.parametrize(
    ("phrase", "value"),
    [("sixth", 6), ("60th", 60), ("twenty-first", 21), ("one hundred and fifth", 105)],
)
def test_ordinals(phrase, value):
    (f,) = figures.find(f"It was the {phrase} meeting.")
    assert (f.kind, f.value) == ("ordinal", value)
