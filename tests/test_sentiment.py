"""Sentiment: one-pass scores are exactly TextBlob's, per sentence and for the whole text."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from textblob import _text as pattern_text
from textblob.en import sentiment as pattern_sentiment

from metrics import documents, sentiment, text

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_news.csv"

# Tokens that exercise every branch of pattern's tokenizer and assessments: modifiers,
# negations, "!", sarcasm, emoticons (also split by spaces), quotes, contractions,
# abbreviations, ellipses, and sentence ends that leave state pending.
TRICKY = [
    "good", "bad", "very", "really", "terribly", "not", "never", "no", "n't", "isn't",
    "don't", "it's", "!", "!!", "(!)", "( ! )", ":)", ": )", ":-(", "8)", "(2008)", ";)",
    "<3", "xD", ":'(", "'", '"', "“quoted”", "‘a’", "U.S.", "Mr.", "etc.", "e.g.", "...",
    "....", "well.", "also", "great.", "happy", "sad", "terrible", "nice!", "?", ".", ",",
    "(", ")", "--", "END-OF-SENTENCE", "\n\n", "\n", " ", "very.", "not.", "Good", "NOT",
    "extremely", "slightly", "o.O", ">.>", ":-.", "$5", "5%", "growth", "the", "a", "of",
]


def _check(body: str, start: int = 0) -> None:
    spans = text.sentences(body, start)
    sentence_scores, doc_score = sentiment.score_spans(body, spans, start)
    assert sentence_scores == [tuple(TextBlob(body[a:b]).sentiment) for a, b in spans]
    assert doc_score == tuple(TextBlob(body[start:]).sentiment)


def test_score_is_textblob() -> None:
    sample = "The railway is not very good, but the staff were really helpful!"
    assert sentiment.score(sample) == tuple(TextBlob(sample).sentiment)


def test_seeds_identical(seed_texts: dict[str, str]) -> None:
    for body in seed_texts.values():
        doc = documents.load([body]).documents[0]
        _check(doc.text, doc.body_start)


def test_state_crossing_sentences() -> None:
    # "not." leaves a pending negation, "very." a pending modifier, "Wow!" boosts the
    # previous sentence's last assessment: the whole-text score must see all of it.
    _check("It was not. Good news came. It was very. Nice people. Great. Wow! Fine.")
    _check("He said no. Bad things happened! Terribly. Not good at all.")


def test_rewrites_and_glued_sentences_fall_back_exactly() -> None:
    _check("Prices rose (2008) and fell : ) again. Sales were bad ( ! ) really.")
    _check("Placed under arrest (and for how long?)They were good. Fine :-( sad.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=60), st.randoms())
def test_random_tricky_texts(tokens: list[str], rnd: random.Random) -> None:
    body = ""
    for tok in tokens:
        body += tok + rnd.choice([" ", " ", "", ". ", "! ", "\n", ", "])
    _check(body)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_random_unicode(body: str) -> None:
    _check(body)


@pytest.mark.skipif(not BBC.exists(), reason="shared BBC corpus not available")
def test_bbc_articles_identical() -> None:
    frame = pd.read_csv(BBC).sample(n=150, random_state=7)
    for doc in documents.load(frame).documents:
        _check(doc.text, doc.body_start)


def test_weighted_mean() -> None:
    assert sentiment.weighted_mean([], []) == 0.0
    assert sentiment.weighted_mean([1.0, -1.0], [3, 1]) == pytest.approx(0.5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TRICKY, "8 )", ": S", "2008 )", "\r\n", "I'm", "ΑΣ"]),
                min_size=1, max_size=40), st.randoms())
def test_pattern_words_port(tokens: list[str], rnd: random.Random) -> None:
    body = "".join(tok + rnd.choice([" ", "", ". ", "\n\n", "? "]) for tok in tokens)
    expected = " ".join(pattern_sentiment.tokenizer(body)).split()
    assert sentiment._pattern_words(body) == [w.lower() for w in expected]


_FACE_CHARS = sorted({c for faces in pattern_text.EMOTICONS.values() for f in faces for c in f})


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=[*_FACE_CHARS, " ", " ", "\n", "a"], max_size=10))
def test_emoticon_trie_finds_what_pattern_finds(body: str) -> None:
    assert (sentiment._HAS_EMOTICON.search(body) is None) == \
        (pattern_text.RE_EMOTICONS.search(body) is None)


def test_lexicon_read_as_pattern_averages_it() -> None:
    """The tone's own reading of pattern's XML gives, for every word, the averages (and the
    adverbs "terrible" -> "terribly") that ``Sentiment.load`` gives."""
    "x" in pattern_sentiment  # noqa: B015 - loads pattern's lazy lexicon
    expected = {
        word: (*senses[None], "RB" in senses)
        for word, senses in dict.items(pattern_sentiment)
        if None in senses
    }
    lexicon, negations = sentiment._lexicon()
    assert lexicon == expected
    assert len(lexicon) > 2000
    assert negations == frozenset(pattern_sentiment.negations)
