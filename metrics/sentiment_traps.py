"""Lexicon traps: sentences whose word-counted tone is known to mislead a reader.

A lexicon scores words, not meaning. Some sentence shapes fool it in known ways, and the
dashboard flags them next to extreme sentences so a reader knows which scores to doubt.
Flags never change a score. The word lists are in ``data/tone.toml`` [traps]:

* ``negation``: a negation before a scored word ("not quite so bleak", "no longer good").
  TextBlob reverses only the next word and by half; VADER looks three words back.
* ``superlative``: a superlative or size word before a harm noun ("the greatest risks",
  "the biggest fall"). "greatest" alone scores +1.0 in TextBlob, so the sentence reads
  as glowing when it is a warning.
* ``intensified``: a degree word before a negative word ("deeply worrying", "severely
  damaged"): the strength of the tone rests on a word the lexicon may not weigh.
* ``contrast``: "but", "although", "despite"...: the sentence holds two tones and the score
  averages them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from metrics import sentiment
from metrics.vader_finance import tone_lists

TRAPS = {
    "negation": "a negation before a scored word: the lexicon reverses it only partly",
    "superlative": "a superlative or size word before a harm noun ('greatest risks'): "
                   "scored as praise",
    "intensified": "a degree word before a negative word: the strength is a guess",
    "contrast": "two tones joined by 'but', 'although'...: the score averages them",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LOOKBACK = 3  # words between a negation or degree word and the word it bears on


@dataclass(frozen=True, slots=True)
class Trap:
    """One flag: its kind (a key of ``TRAPS``) and the words that raised it."""

    kind: str
    words: str

    def __str__(self) -> str:
        return f'{self.kind}: "{self.words}"'


@cache
def _lists() -> dict[str, frozenset[str]]:
    raw = tone_lists()["traps"]
    return {k: frozenset(w.lower() for w in v) for k, v in raw.items()}


@cache
def _polar() -> dict[str, float]:
    """Words TextBlob's lexicon gives a polarity (what a negation or degree word acts on)."""
    lexicon, _ = sentiment._lexicon()
    return {w: p for w, (p, _s, _i, _m) in lexicon.items() if p}


def find(sentence: str) -> list[Trap]:
    """The lexicon traps in one sentence, in the order of the words that raise them."""
    lists, polar = _lists(), _polar()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sentence)]
    out: list[Trap] = []
    seen: set[str] = set()

    def add(kind: str, a: int, b: int) -> None:
        phrase = " ".join(words[a:b + 1])
        if (kind, phrase) not in seen:
            seen.add((kind, phrase))
            out.append(Trap(kind, phrase))

    for i, w in enumerate(words):
        ahead = range(i + 1, min(len(words), i + 1 + _LOOKBACK))
        if w in lists["negations"] or w.endswith("n't"):
            j = next((j for j in ahead if words[j] in polar), None)
            if j is not None:
                add("negation", i, j)
        if w in lists["superlatives"]:
            j = next((j for j in range(i + 1, min(len(words), i + 3))
                      if words[j] in lists["negative_nouns"]), None)
            if j is not None:
                add("superlative", i, j)
        if w in lists["intensifiers"]:
            j = i + 1
            if j < len(words) and polar.get(words[j], 0) < 0:
                add("intensified", i, j)
        if w in lists["contrast"] and 0 < i < len(words) - 1:
            add("contrast", i, i)
    return out


def flags(sentence: str) -> str:
    """The traps of one sentence as text for a table cell ("" when none)."""
    return "; ".join(str(t) for t in find(sentence))


__all__ = ["TRAPS", "Trap", "find", "flags"]
