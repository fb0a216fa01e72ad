"""Sentence and word spans, offline.

TextBlob's ``.sentences`` and ``.words`` need NLTK data that no package registry ships,
so sentences come from a port of nltk's Punkt sentence tokenizer with our own abbreviation
list (``data/abbreviations.txt``), after splitting on paragraph and heading breaks. The
port gives exactly nltk's sentences (tested) without importing nltk, whose import alone
would slow every ``import metrics``. Every span is a ``(start, end)`` pair of offsets into
the original text.
"""

from __future__ import annotations

import re
import string
from functools import cache
from itertools import pairwise
from pathlib import Path

import regex
from regex import Match

ABBREVIATIONS = Path(__file__).parent / "data" / "abbreviations.txt"

_ASCII_WHITESPACE = frozenset(string.whitespace)
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
_PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})\.\s+\S+")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_JOIN = re.compile(rb"wc(?=w)")
_CLASSES = bytes(  # ASCII word characters -> "w", joiners -> "c", other bytes -> " "
    ord("w") if b < 128 and (chr(b).isalnum() or chr(b) == "_")
    else ord("c") if chr(b) in "-'." else ord(" ")
    for b in range(256)
)
# A line break ends a block when a blank line follows it, or when the line before it
# does not read as the middle of a sentence (a heading, a dateline, a list item) and the
# next line does not start with a lower-case letter (wire copy wraps its lines anywhere:
# "sales should exceed 1.4\nbillion dlrs", "the U.S.\nagriculture department"):
# "\n[ \t]*\n\s*|(?<![a-z,;:\-–(])[ \t]*\n(?![ \t]*[a-z])\s*". Written as branches that each
# start on their own character (line break, space, tab), with the look-behind moved after
# it, so the regex engine jumps between those characters instead of trying every position.
_MID = r"[a-z,;:\-–(]"
_GOES_ON = r"(?![ \t]*[a-z])"
_BLOCK_BREAK = re.compile(
    rf"\n[ \t]*\n\s*|\n(?<!{_MID}\n){_GOES_ON}\s*| (?<!{_MID} )[ \t]*\n{_GOES_ON}\s*"
    rf"|\t(?<!{_MID}\t)[ \t]*\n{_GOES_ON}\s*"
)


# Punkt's patterns and character sets as nltk 3.10.4 builds them for English
# (PunktLanguageVars, PunktToken and PunktSentenceTokenizer in nltk/tokenize/punkt.py; nltk is
# Apache-2.0), written out so that nltk is not imported: its format strings verbatim, comments
# and all, with their pieces filled in. tests/test_text.py keeps them equal to nltk's. nltk
# ends _NON_WORD's class with "?" and "!" taken from a set, so in either order as
# PYTHONHASHSEED falls; here always "\?!". nltk compiles the patterns with the ``regex``
# module behind a time-out wrapper; the port leaves the wrapper out (the patterns are linear).
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"  # never in a word
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"  # dashes and ellipses
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"  # characters that cannot start a word
_PERIOD_CONTEXT = rf"""
        [\.\?!]             # a potential sentence ending
        (?=(?P<after_tok>
            {_NON_WORD}              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
_WORD_TOKENIZER = rf"""(
        {_MULTI_CHAR}
        |
        (?={_WORD_START})\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            {_NON_WORD}|{_MULTI_CHAR}|          # Punctuation
            ,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR}) # Comma if at end of word
        )
        |
        \S
    )"""
_BOUNDARY_REALIGNMENT = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'
_INITIAL_PATTERN = r"[^\W\d]\.$"
_NUMERIC_PATTERN = r"^-?[\.,]?\d[\d,\.-]*\.?$"

_CANDIDATES = regex.compile(_PERIOD_CONTEXT, regex.UNICODE | regex.VERBOSE)
_WORDS = regex.compile(_WORD_TOKENIZER, regex.UNICODE | regex.VERBOSE)
_REALIGNMENT = regex.compile(_BOUNDARY_REALIGNMENT, regex.MULTILINE)
_INITIAL = regex.compile(_INITIAL_PATTERN, regex.UNICODE)
_NUMERIC = regex.compile(_NUMERIC_PATTERN)
_AFTER_TOK, _NEXT_TOK = 1, 2  # the groups of _CANDIDATES (checked in tests)
_SENT_END = frozenset(".?!")  # PunktLanguageVars.sent_end_chars
_PUNCTUATION = frozenset(";:,.!?")  # PunktSentenceTokenizer.PUNCTUATION


class _Punkt:
    """Punkt's sentence spans for parameters holding abbreviations only.

    A port of nltk's ``PunktSentenceTokenizer.span_tokenize`` (candidate contexts, breaks,
    boundary realignment) on plain lists, without nltk's generator layers and regex time-out
    wrappers. Without collocations, sentence starters or orthographic context the break
    decision is a pure function of the context string ("said. The"), and contexts repeat
    across a corpus, so it is memoised.
    """

    _MEMO_MAX = 200_000

    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations  # lower case, without the final period
        self._memo: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        """nltk's ``text_contains_sentbreak``: does the context hold a sentence break?"""
        hit = self._memo.get(text)
        if hit is None:
            m = _PLAIN_BREAK.fullmatch(text)
            if m and m.group(1).lower() not in self.abbreviations:
                # "said. The": a plain word, not an abbreviation, then a period and another
                # token. Punkt's first pass marks the break and its second pass only revisits
                # collocations (we have none), abbreviations, initials and numbers: True.
                return True
            hit = self._decide(text)
            if len(self._memo) >= self._MEMO_MAX:
                self._memo.clear()
            self._memo[text] = hit
        return hit

    def _decide(self, text: str) -> bool:
        """Port of ``text_contains_sentbreak`` for parameters holding abbreviations only:
        does a token other than the last end a sentence? With no collocations, sentence
        starters or orthographic context, Punkt's second pass never adds a break and only
        takes back those of initials and numbers followed by punctuation or a lower-case
        word (and of initials followed by a capital)."""
        tokens = [t for line in text.split("\n") if line.strip()
                  for t in _WORDS.findall(line)]
        return any(self._breaks_after(tok, nxt) for tok, nxt in pairwise(tokens))

    def _breaks_after(self, tok: str, nxt: str) -> bool:
        """Punkt's two-pass verdict on ``tok`` when ``nxt`` follows it."""
        if tok in _SENT_END:
            return True
        if not tok.endswith(".") or tok.endswith(".."):
            return False  # no period, or an ellipsis ("...", "word..")
        word = tok[:-1].lower()
        abbrevs = self.abbreviations
        if word in abbrevs or word.split("-")[-1] in abbrevs:
            return False  # an abbreviation
        initial = _INITIAL.match(tok) is not None
        typ = _NUMERIC.sub("##number##", tok.lower())
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        if not initial and typ != "##number##":
            return True
        # initials and numbers: the orthographic heuristic on the next token
        if nxt in _PUNCTUATION or nxt[0].islower():
            return False
        return not (initial and nxt[0].isupper())

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Exactly ``list(PunktSentenceTokenizer(params).span_tokenize(text))`` in nltk, for
        parameters holding our abbreviations only."""
        return self._realign(text, self._slices(text))

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """Port of ``_slices_from_text`` with ``_match_potential_end_contexts`` inlined:
        a candidate is judged once the next one shows its preceding word does not
        overlap the candidate's own."""
        out: list[tuple[int, int]] = []
        last_break = 0
        prev = None
        prev_start = prev_stop = 0
        for m in _CANDIDATES.finditer(text):
            stop = m.start()
            i = _last_whitespace(text, prev_stop, stop)
            start = prev_stop + i + 1 if i else prev_start
            if prev is not None and prev_stop <= start:
                last_break = self._judge(text, prev, prev_start, last_break, out)
            prev, prev_start, prev_stop = m, start, stop
        if prev is not None:
            last_break = self._judge(text, prev, prev_start, last_break, out)
        out.append((last_break, len(text.rstrip())))
        return out

    def _judge(self, text: str, m: Match, start: int, last_break: int,
               out: list[tuple[int, int]]) -> int:
        """Append the sentence ending at candidate ``m`` (its word starts at ``start``)
        when it is a break; return where the next sentence starts."""
        # the context: the word, the candidate and what follows it ("after_tok" starts
        # where the candidate ends), as Punkt joins them
        if not self.text_contains_sentbreak(text[start:m.end(_AFTER_TOK)]):
            return last_break
        end = m.end()
        out.append((last_break, end))
        next_tok = m.start(_NEXT_TOK)
        return next_tok if next_tok >= 0 else end

    def _realign(self, text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Port of ``_realign_boundaries``: closing quotes and brackets that follow a break
        join the sentence before it."""
        out: list[tuple[int, int]] = []
        realign = 0
        last = len(slices) - 1
        for k, (a, b) in enumerate(slices):
            a += realign
            if k == last:
                if a < b:
                    out.append((a, b))
                break
            c, d = slices[k + 1]
            # the realignment regex needs a closing character first: test that before slicing
            m = _REALIGNMENT.match(text[c:d]) if c < d and text[c] in _CLOSERS else None
            if m:
                out.append((a, c + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if a < b:
                    out.append((a, b))
        return out


def _last_whitespace(text: str, start: int, stop: int) -> int:
    """Punkt's ``_get_last_whitespace_index(text[start:stop])``: the index in that slice of
    its last ASCII whitespace character, 0 when there is none."""
    space = text.rfind(" ", start, stop)
    if text[space + 1 if space >= 0 else start:stop].isprintable():
        # no other ASCII whitespace (all unprintable) after the last space: it is the last
        return space - start if space >= 0 else 0
    for i in range(stop - 1, start - 1, -1):
        if text[i] in _ASCII_WHITESPACE:
            return i - start
    return 0


@cache
def _tokenizer() -> _Punkt:
    """Punkt with our abbreviation list (read once)."""
    words = frozenset(
        line.strip().lower()
        for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    return _Punkt(words)


def blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph/heading blocks of ``text[start:end]`` as trimmed spans."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _BLOCK_BREAK.finditer(text, start, end):
        if _wrapped_initialism(text, m.start()):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]


# An initialism at the end of a line: "U.S.", "N.Z.", "E.F." (before the line break).
_INITIALISM_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}\Z")


def _wrapped_initialism(text: str, at: int) -> bool:
    """Whether the line break at ``at`` only wraps a line after an initialism: wire copy
    writes "76 mln N.Z.\nDlrs", "the U.S.\nAgriculture Department" (about 970 such
    wraps in Reuters-21578, next to 235 paragraphs, which start indented, after one); the
    sentence splitter then decides as within a line."""
    return (text[at] == "\n" and at + 1 < len(text) and text[at + 1].isalpha()
            and _INITIALISM_BEFORE.search(text, max(0, at - 7), at) is not None)


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` from offset ``start`` on: ``text[a:b]`` is one sentence."""
    tok = _tokenizer()
    maybe_break = _CANDIDATES.search
    out = []
    for a, b in blocks(text, start):
        block = text[a:b]
        if maybe_break(block) is None:
            # no candidate break inside: punkt would return the whole (trimmed) block
            out.append((a, b))
            continue
        for s, e in tok.spans(block):
            span = _trim(text, a + s, a + e)
            if span[0] < span[1]:
                out.append(span)
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, with inner hyphens, apostrophes and points kept)."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """``len(words(text))`` without building the words.

    A word is a run of word characters, or several joined by one inner hyphen, apostrophe
    or point, so the count is the runs minus the joins. When every word character is ASCII
    both are counted on a byte map of the text (word -> "w", joiner -> "c", other -> " ").
    """
    if not text.isascii():
        if _NON_ASCII_WORD.search(text):
            return len(_WORD.findall(text))
        text = text.replace("’", "'")  # the one non-ASCII joiner
    classes = b" " + text.encode("utf-8").translate(_CLASSES)  # non-ASCII bytes map to " "
    runs = classes.replace(b"c", b" ").count(b" w")
    joins = len(_JOIN.findall(classes))
    return runs - joins


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
