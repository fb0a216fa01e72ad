"""Sentence and word spans, offline.

TextBlob's ``.sentences`` and ``.words`` need NLTK data that no package registry ships,
so sentences come from nltk's ``PunktSentenceTokenizer`` primed with our own abbreviation
list (``data/abbreviations.txt``), after splitting on paragraph and heading breaks.
Every span is a ``(start, end)`` pair of offsets into the original text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

ABBREVIATIONS = Path(__file__).parent / "data" / "abbreviations.txt"

_PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})\.\s+\S+")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# A line break ends a block when a blank line follows it, or when the line before it
# does not read as the middle of a sentence (a heading, a dateline, a list item). Both
# start on a space, tab or line break: the lookahead rejects other positions at once.
_BLOCK_BREAK = re.compile(r"(?=[ \t\n])(?:\n[ \t]*\n\s*|(?<![a-z,;:\-–(])[ \t]*\n\s*)")


class _Punkt(PunktSentenceTokenizer):
    """Punkt with its break decision memoised: with fixed parameters it is a pure
    function of the context string ("said. The"), and contexts repeat across a corpus."""

    _MEMO_MAX = 200_000

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._memo: dict[str, bool] = {}

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
            hit = super().text_contains_sentbreak(text)
            if len(self._memo) >= self._MEMO_MAX:
                self._memo.clear()
            self._memo[text] = hit
        return hit


@cache
def _tokenizer() -> PunktSentenceTokenizer:
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
    maybe_break = tok._lang_vars.period_context_re().search
    out = []
    for a, b in blocks(text, start):
        block = text[a:b]
        if maybe_break(block) is None:
            # no candidate break inside: punkt would return the whole (trimmed) block
            out.append((a, b))
            continue
        for s, e in tok.span_tokenize(block):
            span = _trim(text, a + s, a + e)
            if span[0] < span[1]:
                out.append(span)
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, with inner hyphens, apostrophes and points kept)."""
    return _WORD.findall(text)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
