"""Sentence spans: the fast path and the memo give exactly plain Punkt's sentences."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from metrics import documents, text

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_news.csv"


@cache
def _nltk_punkt() -> PunktSentenceTokenizer:
    """nltk's own Punkt with our abbreviations (and nothing else) as its parameters."""
    params = PunktParameters()
    params.abbrev_types = set(text._tokenizer().abbreviations)
    return PunktSentenceTokenizer(params)


def _plain(body: str, start: int = 0) -> list[tuple[int, int]]:
    """The reference: unmodified Punkt with the same parameters, block by block."""
    ref = _nltk_punkt()
    out = []
    for a, b in text.blocks(body, start):
        for s, e in ref.span_tokenize(body[a:b]):
            span = text._trim(body, a + s, a + e)
            if span[0] < span[1]:
                out.append(span)
    return out


def test_spans_slice_sentences(seed_texts: dict[str, str]) -> None:
    for body in seed_texts.values():
        spans = text.sentences(body)
        assert spans == _plain(body)
        assert all(body[a:b] == body[a:b].strip() and a < b for a, b in spans)
        assert spans == sorted(spans)


def test_abbreviations_do_not_split() -> None:
    body = "Mr. Smith met Dr. Jones at 5 p.m. on Friday. They spoke.\n\nBREAKING NEWS\nNext line."
    spans = text.sentences(body)
    assert [body[a:b] for a, b in spans] == [
        "Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "They spoke.", "BREAKING NEWS",
        "Next line."]


def test_memo_gives_same_answer_twice() -> None:
    body = "Sales rose 5%. The firm said. Prices fell (again.) Then what? Nothing!"
    assert text.sentences(body) == text.sentences(body) == _plain(body)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["The", "cat", "sat.", "Mr.", "U.S.", "5.", "(a.)", "!",
                                 "?", "...", "e.g.", "\n", "\n\n", "J.", "said", "x", "'",
                                 '"', ")", "etc.", "No.", "3.5", "it.", "Inc.", "Jan.",
                                 "vs.", "ex-Gov.", "A.", "co.", "St.", "2024.", "UK.",
                                 "said.", "end.\n", "Sept.", "the"]),
                max_size=40),
       st.text(max_size=30))
def test_random_texts_match_plain_punkt(words: list[str], noise: str) -> None:
    body = " ".join(words) + noise
    assert text.sentences(body) == _plain(body)


@pytest.mark.skipif(not BBC.exists(), reason="shared BBC corpus not available")
def test_bbc_articles_match_plain_punkt() -> None:
    frame = pd.read_csv(BBC).sample(n=200, random_state=3)
    for doc in documents.load(frame).documents:
        assert text.sentences(doc.text, doc.body_start) == _plain(doc.text, doc.body_start)


_CONTEXT_PIECES = ["said", "The", "the", "5", "5.", "3.5", "-2", "1,000", "J", "é", "É", "_",
                   "(", ")", '"', "'", "“", "”", ";", ",", ".", "..", "...", "!", "?", "--",
                   "Mr", "mr", "ex-Gov", "U.S", "e.g", "Inc", "No", "p.m", "٣"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CONTEXT_PIECES),
                          st.sampled_from(["", "", " ", ". ", ".", "\n", "\n\n", "\t", "\xa0"])),
                min_size=1, max_size=6))
def test_break_decision_port_matches_punkt(pieces: list[tuple[str, str]]) -> None:
    context = "".join(a + b for a, b in pieces)
    assert text._tokenizer()._decide(context) == _nltk_punkt().text_contains_sentbreak(context)


def test_written_out_patterns_are_nltks() -> None:
    """text.py's copies of Punkt's patterns and character sets are those of installed nltk."""
    lang = PunktLanguageVars()
    for ours, theirs in [(text._CANDIDATES, lang.period_context_re()),
                         (text._WORDS, lang._word_tokenizer_re()),
                         (text._REALIGNMENT, lang.re_boundary_realignment),
                         (text._INITIAL, PunktToken._RE_INITIAL),
                         (text._NUMERIC, PunktToken._RE_NUMERIC)]:
        # nltk takes the last two characters of its non-word class from a set: "?!" in
        # either order, as PYTHONHASHSEED falls; text.py writes "\?!"
        assert ours.pattern == theirs.pattern.replace(r"!\?]", r"\?!]")
        assert ours.flags == theirs.flags
    assert text._CANDIDATES.groupindex == {"after_tok": text._AFTER_TOK,
                                           "next_tok": text._NEXT_TOK}
    assert frozenset(PunktLanguageVars.sent_end_chars) == text._SENT_END
    assert frozenset(PunktSentenceTokenizer.PUNCTUATION) == text._PUNCTUATION


def test_import_metrics_leaves_nltk_out() -> None:
    """``import metrics`` loads neither nltk nor textblob's __init__ (which imports nltk):
    both cost start-up time at every CLI run and in every worker."""
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys, metrics; print(*[m for m in sys.modules"
         " if m.split('.')[0] == 'nltk' or m == 'textblob'])"],
        capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "9", "_", "-", "'", "’", ".", " ", "\n", "é", "£",
                                 "“", "x-y", "don’t", "U.S.", "٣", "ß", "\u0301", "..", "--",
                                 "½", "\xa0", "İ"]), max_size=30))
def test_count_words_is_len_words(pieces: list[str]) -> None:
    body = "".join(pieces)
    assert text.count_words(body) == len(text.words(body))


def test_count_words_on_seeds(seed_texts: dict[str, str]) -> None:
    for body in seed_texts.values():
        assert text.count_words(body) == len(text.words(body))


_PLAIN_BLOCK_BREAK = re.compile(
    r"(?=[ \t\n])(?:\n[ \t]*\n\s*|(?<![a-z,;:\-–(])[ \t]*\n(?![ \t]*[a-z])\s*)")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", ",", ";", "-", "–", "(", ".", " ", "  ", "\t", "\n",
                                 "\n\n", " \n", "\t\n", "\xa0", "9", "\nb", "\n b"]),
                max_size=20),
       st.integers(0, 3))
def test_block_breaks_match_plain_regex(pieces: list[str], start: int) -> None:
    body = "".join(pieces)
    assert [m.span() for m in text._BLOCK_BREAK.finditer(body, start)] == \
        [m.span() for m in _PLAIN_BLOCK_BREAK.finditer(body, start)]


def test_a_wrapped_line_that_goes_on_in_lower_case_is_one_sentence() -> None:
    body = ("Sales should exceed 1.4\nbillion dlrs this year. He said over 80\npct agreed.\n"
            "The U.S.\nagriculture department agreed.\nHEADLINE\nA new paragraph.")
    assert [body[a:b] for a, b in text.sentences(body)] == [
        "Sales should exceed 1.4\nbillion dlrs this year.", "He said over 80\npct agreed.",
        "The U.S.\nagriculture department agreed.", "HEADLINE", "A new paragraph."]


def test_a_line_wrapped_after_an_initialism_is_one_sentence() -> None:
    body = ("The deficit narrowed to 76 mln N.Z.\nDlrs in January. Exports to the U.S.\n"
            "Government rose 4 pct.\n    The U.S.\n    The company said.\n"
            "Sales in the U.S.\nAnd Canada fell.")
    assert [body[a:b] for a, b in text.sentences(body)] == [
        "The deficit narrowed to 76 mln N.Z.\nDlrs in January.",
        "Exports to the U.S.\nGovernment rose 4 pct.", "The U.S.", "The company said.",
        "Sales in the U.S.\nAnd Canada fell."]
