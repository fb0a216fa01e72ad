"""Figures: every numeric expression in a sentence, with its value, unit, kind and measure.

Contract (the pipeline, exports and evaluations rely on it): ``find(text, offset)``
returns ``Figure`` rows whose ``start``/``end`` are offsets into the document, so that
``document_text[start:end] == surface``.

The stages, one module each, in the order a sentence meets them:

* ``lexicon``: the vocabulary, loaded once from ``metrics/data/`` (the only loader);
* ``tokens``: the gate, the one regex pass that tokenizes, phrase look-ups;
* ``dates``: dates and clock times ("14 March", "10.45pm"), and the month table;
* ``amounts``: the number at a token (digits, words, fractions, scales);
* ``units`` and ``grow``: what is written around the amount (sign, currency, unit, rate);
* ``nouns``: part-of-speech look-ups in TextBlob's shipped lexicon, noun phrases;
* ``context``: qualifier, change and measure, and what neighbours carry over;
* ``periods``: the time a figure refers to ("in the fourth quarter" -> "2024-Q4");
* ``mention``: the ``Figure`` and ``Mention`` types and the kinds;
* ``reader``: ``find`` (and ``find_many`` for many sentences), the passes above in order.
"""

from metrics.figures.context import QUALIFIERS, tidy_measure
from metrics.figures.mention import KEY_KINDS, KINDS, TIME_KINDS, Figure
from metrics.figures.reader import find, find_many
from metrics.figures.tokens import (
    GATE_WORDS,
    TOKEN,
    WORD,
    glued,
    match_back,
    match_forward,
    may_hold_number,
    tokenize,
)
from metrics.figures.units import UNIT_WORDS, unit_name

__all__ = [
    "GATE_WORDS",
    "KEY_KINDS",
    "KINDS",
    "QUALIFIERS",
    "TIME_KINDS",
    "TOKEN",
    "UNIT_WORDS",
    "WORD",
    "Figure",
    "find",
    "find_many",
    "glued",
    "match_back",
    "match_forward",
    "may_hold_number",
    "tidy_measure",
    "tokenize",
    "unit_name",
]
