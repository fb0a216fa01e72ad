"""Tokens: the tokenizer against a plain one-match-per-token reference, the number gate,
and the phrase look-ups against a plain longest-first search."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.figures import (
    GATE_WORDS,
    QUALIFIERS,
    TOKEN,
    UNIT_WORDS,
    WORD,
    glued,
    match_back,
    match_forward,
    may_hold_number,
    tokenize,
)


def test_tokens_carry_offsets_and_classes():
    tokens, marks = tokenize("Sales rose 5.2% to $1,200 in two years.", frozenset({"two"}))
    assert [t.text for t in tokens] == [
        "Sales", "rose", "5.2", "%", "to", "$", "1,200", "in", "two", "years", ".",
    ]
    assert [(t.start, t.end) for t in tokens[2:4]] == [(11, 14), (14, 15)]
    assert [t.is_digit for t in tokens[:4]] == [False, False, True, False]
    assert tokens[0].is_word and tokens[0].low == "sales" and not tokens[3].is_word
    assert marks == [2, 6, 8]  # the digit runs and the marked word
    assert glued(tokens, 3) and not glued(tokens, 2)


def test_gate_skips_sentences_without_numbers():
    assert not may_hold_number("The minister spoke at length.")
    assert may_hold_number("It cost 5 euros.")
    assert may_hold_number("Some thousands came.")


_TOKEN_TEXTS = st.text(
    alphabet=st.sampled_from([*"aZ09 .,-_%$'\t\n²½٣İΣσǅ", "\u0301", "\u00a0", "\x1c"]),
    max_size=16,
)


def _reference_tokens(text: str) -> list[tuple]:
    """The tokenizer written plainly: one regex match per token, as ``tokens.TOKEN``."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastindex or 3
        word = m.group()
        is_word = kind == 2 and word[0].isalpha()
        out.append((word, word.lower(), m.start(), m.end(), kind == 1, is_word))
    return out


@settings(max_examples=300, deadline=None)
@given(_TOKEN_TEXTS)
def test_tokenize_matches_one_regex_match_per_token(text):
    tokens, marks = tokenize(text, frozenset({"a", "."}))
    got = [(t.text, t.low, t.start, t.end, t.is_digit, t.is_word) for t in tokens]
    assert got == _reference_tokens(text)
    assert marks == [k for k, t in enumerate(tokens) if t.is_digit or t.low in ("a", ".")]


@settings(max_examples=300, deadline=None)
@given(_TOKEN_TEXTS | st.text(max_size=16))
def test_number_gate_sees_the_letter_runs(text):
    words = WORD.findall(text.lower())
    expected = bool(re.search("[0-9]", text)) or bool(GATE_WORDS & set(words))
    assert may_hold_number(text) == expected
    for word in ("Two", "DOZEN", "half.", "(million)"):
        assert may_hold_number(f"x {word} y")


def _longest_first(tokens, j, table, forward):
    """Phrase look-up written plainly: try every length, longest first."""
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
    tokens, _ = tokenize("".join(w + gap for w, gap in words))  # glued or spaced
    for table in (QUALIFIERS, UNIT_WORDS):
        for j in range(len(tokens) + 1):
            assert match_forward(tokens, j, table) == _longest_first(tokens, j, table, True)
            assert match_back(tokens, j, table) == _longest_first(tokens, j, table, False)
