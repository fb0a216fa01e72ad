"""Tokens: the one regex pass a sentence gets, and look-ups of phrases among its tokens.

* ``tokenize(text, marked)``: tokens with offsets (digit runs, letter runs, single symbols)
  and the positions of the digit runs and ``marked`` words, where a scan for figures looks;
* ``may_hold_number(text)``: the cheap gate run before tokenizing;
* ``PhraseTable`` with ``match_back`` / ``match_forward``: longest-phrase look-ups of token
  sequences ("more than", "per cent", "US$") before or after a position.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, compress, count
from operator import itemgetter, or_

from metrics.figures.lexicon import (
    ARTICLES,
    COLLECTIVES,
    FRACTIONS,
    SCALES,
    STARTERS,
    UNIT_HEADS,
)

# Digits (with thousands separators and decimals), letter runs, or any other single symbol.
TOKEN = re.compile(r"([0-9]+(?:[.,][0-9]+)*)|([^\W\d_]+)|(\S)")
_DIGIT = re.compile(r"[0-9]")
WORD = re.compile(r"[^\W\d_]+")
# Unit heads let "a gallon of milk" through: one gallon, with no digit or number word.
GATE_WORDS = (STARTERS - ARTICLES) | set(SCALES) | set(COLLECTIVES) | set(FRACTIONS) | UNIT_HEADS


# ASCII letters to lower case and every other byte to a space: on ASCII text,
# ``text.encode().translate(_ASCII_WORDS).split()`` is ``WORD.findall(text.lower())``
# (as bytes) done in C.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if c < 128 and chr(c).isalpha() else ord(" ") for c in range(256)
)
_ASCIIGATE_WORDS = frozenset(w.encode() for w in GATE_WORDS if w.isascii())


def may_hold_number(text: str) -> bool:
    """Cheap test run before tokenizing: a digit or a number word somewhere in ``text``."""
    if _DIGIT.search(text):
        return True
    if text.isascii():
        return not _ASCIIGATE_WORDS.isdisjoint(text.encode().translate(_ASCII_WORDS).split())
    return not GATE_WORDS.isdisjoint(WORD.findall(text.lower()))


class Token:
    """One token: its text, lower-case text, character span in the sentence, and whether it
    is a digit run or a letter run (anything else is a single symbol)."""

    __slots__ = ("end", "is_digit", "is_word", "low", "start", "text")

    def __init__(
        self, text: str, low: str, start: int, end: int, is_digit: bool, is_word: bool
    ) -> None:
        self.text = text
        self.low = low
        self.start = start
        self.end = end
        self.is_digit = is_digit
        self.is_word = is_word

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


# ``TOKEN`` with one group, for ``re.split``: [gap, token, gap, token, ..., gap]. Every
# non-space character belongs to some token, so the gaps are whitespace only.
_SPLIT = re.compile(r"([0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\S)")
# the same on ASCII text, where the letters are A-Z and a-z (a simpler class to test)
_SPLIT_ASCII = re.compile(r"([A-Za-z]+|[0-9]+(?:[.,][0-9]+)*|\S)")
_FIRST = itemgetter(0)
_IS_ASCII_DIGIT = frozenset("0123456789").__contains__


def tokenize(text: str, marked: frozenset[str] = frozenset()) -> tuple[list[Token], list[int]]:
    r"""Tokens of ``text`` with offsets, and the indices of the tokens a scan must look at:
    the digit runs and the tokens whose lower-case text is in ``marked``.

    The per-token work runs in C (``map``): offsets are the running sums of the split parts'
    lengths; a token is a digit run when it starts with an ASCII digit (only ``TOKEN``'s
    first branch can match one) and a word when it starts with a letter (a letter is always
    taken by the second branch, and ``[^\W\d_]`` runs that start with "²" are no words)."""
    parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)
    texts = parts[1::2]
    lows = list(map(str.lower, texts))
    offsets = list(accumulate(map(len, parts)))
    firsts = list(map(_FIRST, texts))
    is_digit = list(map(_IS_ASCII_DIGIT, firsts))
    tokens = list(
        map(
            Token,
            texts,
            lows,
            offsets[0::2],
            offsets[1::2],
            is_digit,
            map(str.isalpha, firsts),
        )
    )
    marks = list(compress(count(), map(or_, is_digit, map(marked.__contains__, lows))))
    return tokens, marks


class PhraseTable(dict):
    """Phrases as token tuples -> label, with their beginnings and ends indexed so that a
    look-up grows a key one token at a time and stops as soon as no phrase goes on that way
    (most positions are rejected by one set look-up)."""

    def __init__(self, items: dict[tuple[str, ...], object]) -> None:
        super().__init__(items)
        self.firsts = frozenset(k[0] for k in items)
        self.lasts = frozenset(k[-1] for k in items)
        self.prefixes = frozenset(k[:size] for k in items for size in range(1, len(k) + 1))
        self.suffixes = frozenset(k[-size:] for k in items for size in range(1, len(k) + 1))


@cache
def alias_tokens(alias: str) -> tuple[str, ...]:
    """An alias such as "km/h" or "per cent" as the token texts the tokenizer would produce."""
    return tuple(m.group() for m in TOKEN.finditer(alias))


def glued(tokens: list[Token], i: int) -> bool:
    """True when token ``i`` directly follows token ``i - 1`` with no space between."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


# ----------------------------------------------------------------------------- phrases
def phrase_table(items: dict[str, list[str]]) -> PhraseTable:
    """{"above": ["more than"]} -> {("more", "than"): "above"} (lower-case token tuples)."""
    out: dict[tuple[str, ...], str] = {}
    for label, phrases in items.items():
        for p in phrases:
            out.setdefault(tuple(x.lower() for x in alias_tokens(p)), label)
    return PhraseTable(out)


def match_back(
    tokens: list[Token], end: int, table: PhraseTable, lower: bool = True
) -> tuple[str, int] | None:
    """Longest phrase of ``table`` ending right before token ``end``: (label, start index)."""
    if end <= 0 or (tokens[end - 1].low if lower else tokens[end - 1].text) not in table.lasts:
        return None  # the common case, decided by one set look-up
    found = None
    key: tuple[str, ...] = ()
    for s in range(end - 1, -1, -1):
        t = tokens[s]
        key = (t.low if lower else t.text, *key)
        if key not in table.suffixes:
            break  # no phrase ends with these tokens
        label = table.get(key)
        if label is not None:
            found = label, s
    return found


def match_forward(
    tokens: list[Token], j: int, table: PhraseTable, lower: bool = True
) -> tuple[object, int] | None:
    """Longest phrase of ``table`` starting at token ``j``: (value, end index)."""
    n = len(tokens)
    if j >= n:
        return None
    first = tokens[j].low if lower else tokens[j].text
    if first not in table.firsts:
        return None  # the common case, decided by one set look-up
    key: tuple[str, ...] = (first,)
    got = table.get(key)
    found: list[tuple[object, int]] = [] if got is None else [(got, j + 1)]
    prefixes = table.prefixes
    for e in range(j + 1, n):
        t = tokens[e]
        key = (*key, t.low if lower else t.text)
        if key not in prefixes:
            break  # no phrase starts with these tokens
        got = table.get(key)
        if got is not None:
            found.append((got, e + 1))
    for got, e in reversed(found):
        # multi-token aliases must be written without gaps unless made of words
        if e == j + 1 or all(
            glued(tokens, x)
            or (tokens[x].is_word and tokens[x - 1].is_word)
            or tokens[x - 1].text == "."
            for x in range(j + 1, e)
        ):
            return got, e
    return None


def digits(s: str) -> bool:
    """True for a non-empty run of ASCII digits ("²" and "٣" are not)."""
    return s.isascii() and s.isdigit()


_EIGHTHS = frozenset(("2", "4", "8", "16", "32", "64"))


def in_eighths(tokens: list[Token], i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` write a number in halves, quarters, eighths and so on, as wire
    copy quotes prices ("1-3/8", "7/8", "5/16"); not a decimal bid/offer ("3.7495/98"), a
    ratio ("50/50") nor a name ("0/92")."""
    for x in range(i + 1, j - 1):
        if (
            tokens[x].text == "/"
            and tokens[x + 1].text in _EIGHTHS
            and tokens[x - 1].text.isdigit()
            and int(tokens[x - 1].text) < int(tokens[x + 1].text)
        ):
            return True
    return False
