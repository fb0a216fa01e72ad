"""Sentence and word spans, offline.

TextBlob's ``.sentences`` and ``.words`` need NLTK data that no package registry ships,
so sentences come from nltk's ``PunktSentenceTokenizer`` primed with our own abbreviation
list (``data/abbreviations.txt``), after splitting on paragraph and heading breaks.
Every span is a ``(start, end)`` pair of offsets into the original text.
"""

from __future__ import annotations

import re
import string
from functools import cache
from itertools import pairwise
from pathlib import Path

import regex
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)
from regex import Match, Pattern

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


def _untimed(pattern: object) -> Pattern:
    """nltk's regex without its per-call time-out wrapper (the patterns are linear)."""
    return regex.compile(pattern.pattern, pattern.flags)


_AFTER_TOK, _NEXT_TOK = 1, 2  # the candidate regex's groups (checked in _Punkt.__init__)
_SENT_END = frozenset(PunktLanguageVars.sent_end_chars)
_PUNCTUATION = frozenset(PunktSentenceTokenizer.PUNCTUATION)
_INITIAL = _untimed(PunktToken._RE_INITIAL)
_NUMERIC = _untimed(PunktToken._RE_NUMERIC)


class _Punkt(PunktSentenceTokenizer):
    """Punkt with its break decision memoised and its span loop flattened.

    With fixed parameters the break decision is a pure function of the context string
    ("said. The"), and contexts repeat across a corpus. ``spans`` is a line-by-line port
    of ``span_tokenize`` (candidate contexts, breaks, boundary realignment) on plain
    lists, without nltk's generator layers and regex time-out wrappers.
    """

    _MEMO_MAX = 200_000

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._memo: dict[str, bool] = {}
        lang = self._lang_vars
        self._candidates = _untimed(lang.period_context_re())
        groups = self._candidates.groupindex
        assert (groups["after_tok"], groups["next_tok"]) == (_AFTER_TOK, _NEXT_TOK)
        self._realignment = _untimed(lang.re_boundary_realignment)
        self._words = _untimed(lang._word_tokenizer_re())
        # ``_decide`` assumes parameters with abbreviations only, as ``_tokenizer`` builds
        self._abbreviations_only = not (params.collocations or params.sent_starters
                                        or any(params.ortho_context.values()))

    def text_contains_sentbreak(self, text: str) -> bool:
        hit = self._memo.get(text)
        if hit is None:
            m = _PLAIN_BREAK.fullmatch(text)
            if m and m.group(1).lower() not in self._params.abbrev_types \
                    and not self._params.collocations:
                # "said. The": a plain word, not an abbreviation, then a period and another
                # token. Punkt's first pass marks the break and its second pass only revisits
                # collocations (we have none), abbreviations, initials and numbers: True.
                return True
            if self._abbreviations_only:
                hit = self._decide(text)
            else:
                hit = super().text_contains_sentbreak(text)
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
                  for t in self._words.findall(line)]
        return any(self._breaks_after(tok, nxt) for tok, nxt in pairwise(tokens))

    def _breaks_after(self, tok: str, nxt: str) -> bool:
        """Punkt's two-pass verdict on ``tok`` when ``nxt`` follows it."""
        if tok in _SENT_END:
            return True
        if not tok.endswith(".") or tok.endswith(".."):
            return False  # no period, or an ellipsis ("...", "word..")
        word = tok[:-1].lower()
        abbrevs = self._params.abbrev_types
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
        """Exactly ``list(self.span_tokenize(text))``."""
        return self._realign(text, self._slices(text))

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """Port of ``_slices_from_text`` with ``_match_potential_end_contexts`` inlined:
        a candidate is judged once the next one shows its preceding word does not
        overlap the candidate's own."""
        out: list[tuple[int, int]] = []
        last_break = 0
        prev = None
        prev_start = prev_stop = 0
        for m in self._candidates.finditer(text):
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
            m = self._realignment.match(text[c:d]) if c < d and text[c] in _CLOSERS else None
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
    words = {
        line.strip().lower()
        for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    params = PunktParameters()
    params.abbrev_types = words
    return _Punkt(params)


def blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph/heading blocks of ``text[start:end]`` as trimmed spans."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _BLOCK_BREAK.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` from offset ``start`` on: ``text[a:b]`` is one sentence."""
    tok = _tokenizer()
    maybe_break = tok._candidates.search
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
