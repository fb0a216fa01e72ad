"""Tests for metrics.figures: regression cases written from news patterns
(tests/figure_cases.toml) and property tests on arbitrary text (the seeds: test_seeds.py)."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import figures
from metrics.figures import Figure

CASES = tomllib.loads((Path(__file__).with_name("figure_cases.toml")).read_text("utf-8"))["case"]


def one(found: list[Figure], surface: str) -> Figure:
    hits = [f for f in found if f.surface == surface]
    assert len(hits) >= 1, f"{surface!r} not in {[f.surface for f in found]}"
    return hits[0]


# ----------------------------------------------------------------------------- regressions
@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_regression_cases(case):
    found = figures.find(case["text"])
    if "count" in case:
        assert len(found) == case["count"], found
    wanted = case["figures"]
    assert len(found) >= len(wanted), found
    for want, got in zip(wanted, found, strict=False):
        for key, value in want.items():
            actual = getattr(got, key)
            if key in ("value", "value_high") and isinstance(value, float | int):
                assert actual is not None and math.isclose(actual, value, rel_tol=1e-9), (key, got)
            elif key == "value_high" and value == "none":
                assert actual is None, got
            else:
                assert actual == value, (key, got)


def test_offset_is_added():
    (f,) = figures.find("Sales rose 5%.", offset=100)
    assert (f.start, f.end, f.surface) == (111, 113, "5%")


def test_identifiers_on_request():
    text = "The COVID-19 outbreak grounded the Boeing 737 fleet."
    assert figures.find(text) == []
    kinds = {f.kind for f in figures.find(text, include_identifiers=True)}
    assert kinds == {"identifier"}


def test_kinds_are_declared():
    text = "On 3 May 2024 at 10.45pm, 5 firms paid $3m, 4% more, over 2 years, the 3rd time."
    for f in figures.find(text, include_identifiers=True):
        assert f.kind in figures.KINDS
    assert set(figures.KINDS) >= figures.TIME_KINDS


# ----------------------------------------------------------------------------- properties
_NUMBERISH = st.lists(
    st.sampled_from(
        [
            "5",
            "1,200",
            "3.5",
            "-7",
            "$",
            "€",
            "%",
            " percent",
            " million",
            "bn",
            "k",
            "m",
            " to ",
            "-",
            " between ",
            " and ",
            " over ",
            "about ",
            "seventy",
            " thousand",
            "a third",
            "half",
            "dozens of ",
            " rose ",
            " fell ",
            "March",
            " 12th",
            "2024",
            "COVID-19",
            " km",
            "/",
            ".",
            ",",
            " ",
            "(",
            ")",
            "one",
            "-year-old",
            "per ",
            "US$",
            "RM",
            "10:45",
            "pm",
            "0",
        ]
    ),
    max_size=25,
).map("".join)


def _check(text: str) -> None:
    for f in figures.find(text, offset=7, include_identifiers=True):
        assert text[f.start - 7 : f.end - 7] == f.surface
        assert math.isfinite(f.value)
        assert f.value_high is None or math.isfinite(f.value_high)
        assert f.kind in figures.KINDS
        assert f.bound in ("exact", "approx", "above", "below")
        assert f.change in ("", "up", "down")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_unicode_never_raises(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
def test_number_like_text_never_raises(text):
    _check(text)


# ----------------------------------------------------------------------------- number grammar
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


def test_tidy_measure_is_a_short_noun_phrase():
    from metrics.figure_context import tidy_measure

    assert tidy_measure("the fair value of the investment properties") == (
        "fair value of investment properties"
    )
    assert tidy_measure("net profit for the third quarter of 2007") == "net profit"
    assert tidy_measure("order book at the end of 2010") == "order book"
    assert tidy_measure("kesko corporation and aspo plc today") == "kesko corporation and aspo plc"
    assert tidy_measure("shares of urban outfitters and ross") == "urban outfitters and ross"
    assert tidy_measure("") == ""
    long = (
        "Finnish metal products company Componenta Oyj net profit rose to 26.1 mln euro "
        "($35.9 mln) for the first quarter, and sales for the Department Store Division "
        "increased by 15%."
    )
    determiners = {"the", "a", "an", "its", "their", "this", "that"}
    for f in figures.find(long):
        words = f.measure.split()
        assert len(words) <= 5, f
        assert not determiners & set(words), f
        assert f.measure == f.measure.lower(), f


# ----------------------------------------------------------------------------- tokenizer
_TOKEN_TEXTS = st.text(
    alphabet=st.sampled_from([*"aZ09 .,-_%$'\t\n²½٣İΣσǅ", "\u0301", "\u00a0", "\x1c"]),
    max_size=16,
)


def _reference_tokens(text: str) -> list[tuple]:
    """The tokenizer written plainly: one regex match per token, as ``numbers._TOKEN``."""
    from metrics.numbers import _TOKEN

    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastindex or 3
        word = m.group()
        is_word = kind == 2 and word[0].isalpha()
        out.append((word, word.lower(), m.start(), m.end(), kind == 1, is_word))
    return out


@settings(max_examples=300, deadline=None)
@given(_TOKEN_TEXTS)
def test_tokenize_matches_one_regex_match_per_token(text):
    from metrics.numbers import tokenize

    tokens, marks = tokenize(text, frozenset({"a", "."}))
    got = [(t.text, t.low, t.start, t.end, t.is_digit, t.is_word) for t in tokens]
    assert got == _reference_tokens(text)
    assert marks == [k for k, t in enumerate(tokens) if t.is_digit or t.low in ("a", ".")]


@settings(max_examples=300, deadline=None)
@given(_TOKEN_TEXTS | st.text(max_size=16))
def test_number_gate_sees_the_letter_runs(text):
    from metrics.numbers import _GATE_WORDS, _WORD, may_hold_number

    words = _WORD.findall(text.lower())
    expected = bool(re.search("[0-9]", text)) or bool(_GATE_WORDS & set(words))
    assert may_hold_number(text) == expected
    for word in ("Two", "DOZEN", "half.", "(million)"):
        assert may_hold_number(f"x {word} y")


def _longest_first(tokens, j, table, forward):
    """Phrase look-up written plainly: try every length, longest first."""
    from metrics.numbers import glued

    n = len(tokens)
    for size in range(n, 0, -1):
        s, e = (j, j + size) if forward else (j - size, j)
        if s < 0 or e > n:
            continue
        got = table.get(tuple(t.low for t in tokens[s:e]))
        if got is None:
            continue
        if forward and not all(
            glued(tokens, x)
            or (tokens[x].is_word and tokens[x - 1].is_word)
            or tokens[x - 1].text == "."
            for x in range(s + 1, e)
        ):
            continue
        return (got, e) if forward else (got, s)
    return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["more", "than", "per", "cent", "km", "/", "h", "up", "to", "."]),
            st.sampled_from(["", " "]),
        )
    )
)
def test_phrase_lookups_find_the_longest_phrase(words):
    from metrics.figure_context import QUALIFIERS
    from metrics.numbers import match_back, match_forward, tokenize
    from metrics.units import _UNIT_WORDS

    tokens, _ = tokenize("".join(w + gap for w, gap in words))  # glued or spaced
    for table in (QUALIFIERS, _UNIT_WORDS):
        for j in range(len(tokens) + 1):
            assert match_forward(tokens, j, table) == _longest_first(tokens, j, table, True)
            assert match_back(tokens, j, table) == _longest_first(tokens, j, table, False)
