"""Key phrases: noun-phrase-like candidates per document, ranked TF-IDF-like per corpus.

A candidate is a run of words between stop words (``data/stopwords.txt``), punctuation and
numbers, as in RAKE, further cut where a word's most likely part of speech is neither noun
nor adjective, or where an adjective follows a noun. The part of speech is a dictionary
lookup in the Brill lexicon that ships inside TextBlob, kept as word classes in
``data/word_classes.txt`` (no tagger runs, nothing is downloaded), so this stays cheap.
Ranking across the corpus surfaces what a document is about even when the theme taxonomy
lacks it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np
import pandas as pd

STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords.txt"
# The Brill lexicon's word classes other than heads, one word a line under "# class X"
# (built by tools/build_word_classes.py; read in one pass of str.split per class, about
# 7 ms, where parsing the lexicon's 94,000 lines took about 45 ms in every new process).
WORD_CLASSES_FILE = Path(__file__).parent / "data" / "word_classes.txt"
MAX_WORDS = 4  # a longer run keeps only its last two words
COLUMNS = ["doc_id", "phrase", "count", "score"]

# A word (letters joined by hyphens or inner apostrophes; a possessive "'s" is left out)
# or any other token (digits, punctuation, line break), which breaks a run. The spaces
# before a token are part of its match, so the scan does not fail at every space.
_TOKEN = re.compile(r"[^\S\n]*(?:([^\W\d_]+(?:-[^\W\d_]+|['’](?!s\b)[^\W\d_]+)*)|\w+|\S|\n)")
# Word classes, one letter each, so that a document's runs are found by a regex over the
# string of its tokens' classes. Unknown words are heads.
_BREAK, _HEAD, _MODIFIER, _PARTICIPLE = "B", "H", "M", "P"
_TAG_CLASS = {"NN": _HEAD, "NNS": _HEAD, "NNP": _HEAD, "NNPS": _HEAD, "FW": _HEAD,
              "JJ": _MODIFIER, "VBG": _PARTICIPLE, "VBN": _PARTICIPLE}
# A run: modifiers and participles, then nouns; its phrase leaves out leading participles.
_RUN = re.compile(r"P*([MP]*H+)")
_SECTION = re.compile(r"^# class (\w)\n", re.MULTILINE)


@cache
def stopwords() -> frozenset[str]:
    """The stop-word list from the data file."""
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@cache
def _classes() -> dict[str, str]:
    """Lower-case word -> class: the Brill lexicon's (``WORD_CLASSES_FILE``), then the
    stop words, single letters and the empty string (what ``tokens`` gives for a token
    that is not a word) as breaks. A word it does not hold is a head."""
    sections = _SECTION.split(WORD_CLASSES_FILE.read_text(encoding="utf-8"))
    classes: dict[str, str] = {}
    for cls, words in zip(sections[1::2], sections[2::2], strict=True):
        classes.update(dict.fromkeys(words.split(), cls))
    classes.update(dict.fromkeys(stopwords(), _BREAK))
    classes.update(dict.fromkeys("abcdefghijklmnopqrstuvwxyz", _BREAK))
    classes[""] = _BREAK
    return classes


def brill_classes(lexicon: str) -> dict[str, str]:
    """Lower-case word -> class from the text of TextBlob's bundled Brill lexicon
    (``textblob/en/en-lexicon.txt``, one "word TAG" per line), what
    ``tools/build_word_classes.py`` writes to ``WORD_CLASSES_FILE``.

    The lexicon gives each word's most likely Penn tag; nouns head a phrase, adjectives
    and participles may precede the nouns, anything else breaks it. Of the lines whose
    words lower-case alike, the lower-case one wins, else the first.
    """
    classes: dict[str, str] = {}
    for line in lexicon.splitlines():
        if line and not line.startswith(";"):
            word, _, tag = line.partition(" ")
            low = word.lower()
            if low not in classes or word == low:  # the lower-case entry wins
                classes[low] = _TAG_CLASS.get(tag.strip(), _BREAK)
    return classes


def tokens(text: str) -> list[str]:
    """``_TOKEN``'s tokens of ``text``: each word, and "" for any other token (a break).

    The same as ``_TOKEN.findall(text)``, faster: text is cut at line breaks and spaces
    first, and a piece made only of letters (most of them) is a word as it is.
    """
    found: list[str] = []
    add, scan = found.append, _TOKEN.findall
    for line in text.split("\n"):
        for piece in line.split():
            if piece.isalpha():
                add(piece)
            else:
                found.extend(scan(piece))
        add("")  # the line break
    found.pop()
    return found


def candidates(text: str) -> Counter[str]:
    """Candidate key phrases of one document with their counts (lower case).

    A run of words grows until a break (stop word, punctuation, number, line break) or
    until a modifier follows a noun ("patrols | arrested smugglers"), which opens a new
    run. So a run is modifiers and participles followed by nouns, and its phrase is the
    run without its leading participles ("seeking damages" -> "damages"); a run without
    a noun has none. A phrase has at most MAX_WORDS words (a longer pile-up of names and
    titles keeps its last two) and at least three characters.
    """
    words = tokens(text.lower())
    classes = "".join(map(_classes().get, words, repeat(_HEAD)))
    found = []
    for run in _RUN.finditer(classes):
        start, end = run.span(1)
        if end - start > MAX_WORDS:
            start = end - 2
        phrase = " ".join(words[start:end])
        if len(phrase) >= 3:
            found.append(phrase)
    return Counter(found)


def rank(per_doc: dict[str, Counter], top_k: int = 10) -> pd.DataFrame:
    """The ``top_k`` phrases of each document, scored TF-IDF-like across the corpus.

    score = (1 + ln count) * (ln((1 + N) / (1 + df)) + 1) * (1 + 0.25 * (words - 1)):
    sub-linear in the count, higher for phrases few documents share (smoothed so a lone
    document still ranks), and slightly higher for multi-word phrases. Columns
    ``doc_id, phrase, count, score``; rows by document, best score first, then the higher
    count, then the phrase alphabetically.

    Vectorised over all (document, phrase) pairs, as this runs once on the whole corpus
    after the parallel part: the score depends only on (count, df, words), so each
    distinct triple is scored once, in Python floats (exactly the formula above).
    """
    n_docs = len(per_doc)
    counters = list(per_doc.values())
    sizes = np.fromiter(map(len, counters), dtype=np.int64, count=n_docs)
    total = int(sizes.sum())
    phrase = np.fromiter(chain.from_iterable(counters), dtype=object, count=total)
    count = np.fromiter(chain.from_iterable(c.values() for c in counters), dtype=np.int64,
                        count=total)
    codes, uniques = pd.factorize(phrase)
    doc_freq = np.bincount(codes, minlength=len(uniques))[codes]
    spaces = np.fromiter((u.count(" ") for u in uniques), dtype=np.int64,
                         count=len(uniques))[codes]
    alphabetical = np.empty(len(uniques), dtype=np.int64)
    alphabetical[sorted(range(len(uniques)), key=uniques.__getitem__)] = np.arange(len(uniques))
    # one integer per distinct (count, doc_freq, spaces), scored once each
    n_freq, n_spaces = n_docs + 1, int(spaces.max(initial=0)) + 1
    triple, distinct = pd.factorize((count * n_freq + doc_freq) * n_spaces + spaces)
    distinct_count = distinct // (n_freq * n_spaces)
    exact = np.array([_score(c, k // n_spaces % n_freq, n_docs, k % n_spaces)
                      for c, k in zip(distinct_count.tolist(), distinct.tolist(),
                                      strict=True)], dtype=float)
    best = np.empty(len(distinct), dtype=np.int64)  # 0 = best score, then higher count
    best[np.lexsort((-distinct_count, -exact))] = np.arange(len(distinct))
    doc = np.repeat(np.arange(n_docs), sizes)
    if (n_docs * len(distinct) + 1) * (len(uniques) + 1) < 2**62:  # one int64 sort key
        order = np.argsort((doc * len(distinct) + best[triple]) * len(uniques)
                           + alphabetical[codes], kind="stable")
    else:
        order = np.lexsort((alphabetical[codes], best[triple], doc))
    top = order[(np.arange(total) - (np.cumsum(sizes) - sizes)[doc]) < top_k]
    rounded = np.array([round(x, 4) for x in exact.tolist()], dtype=float)
    frame = pd.DataFrame({"doc_id": np.array(list(per_doc), dtype=object)[doc[top]],
                          "phrase": phrase[top], "count": count[top],
                          "score": rounded[triple[top]]}, columns=COLUMNS)
    return frame.astype({"doc_id": str, "phrase": str, "count": "int64", "score": "float64"})


def _score(count: int, doc_freq: int, n_docs: int, spaces: int) -> float:
    idf = math.log((1 + n_docs) / (1 + doc_freq)) + 1.0
    return (1.0 + math.log(count)) * idf * (1.0 + 0.25 * spaces)
