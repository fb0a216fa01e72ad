"""Nouns: part-of-speech look-ups in TextBlob's shipped lexicon, and the noun phrases that
name what an amount measures."""

from __future__ import annotations

import pytest

from metrics.figures import tokenize
from metrics.figures.nouns import noun_phrase, pos_tag, span_text


def _tag(text: str) -> str:
    (tok,), _ = tokenize(text)
    return pos_tag(tok)


@pytest.mark.parametrize(
    ("word", "tag"),
    [
        ("GDP", "NNP"),  # an acronym
        ("profits", "NNS"),
        ("Boeing", "NNP"),  # unknown and capitalised
        ("reshoring", "VBG"),  # unknown: by its ending
        ("quickly", "RB"),
    ],
)
def test_pos_tag(word, tag):
    assert _tag(word) == tag


@pytest.mark.parametrize(
    ("text", "start", "kwargs", "phrase"),
    [
        ("5% of its annual revenue came", 3, {"skip_det": True}, "annual revenue"),
        ("300 new engineers joined", 1, {}, "new engineers"),
        ("12 Kia and Hyundai vehicles were", 1, {}, "kia and hyundai vehicles"),
        ("9 covid-19 tests were run", 1, {}, "covid-19 tests"),
        ("a 5% rebound next year", 3, {}, "rebound"),
        ("3.7 rebounds a game", 1, {"after_number": True}, "rebounds"),
    ],
)
def test_noun_phrase(text, start, kwargs, phrase):
    tokens, _ = tokenize(text)
    got, end = noun_phrase(tokens, start, **kwargs)
    assert got == phrase
    assert end > start
    assert tokens[end - 1].low == phrase.split()[-1].split("-")[-1]


def test_no_noun_phrase_at_a_verb():
    tokens, _ = tokenize("5% rose sharply")
    assert noun_phrase(tokens, 2) == ("", 2)


def test_span_text_keeps_glued_tokens_together():
    tokens, _ = tokenize("The S&P 500 and TA-125 fell")
    assert span_text(tokens, 1, 9) == "s&p 500 and ta-125"
