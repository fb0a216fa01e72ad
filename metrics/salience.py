"""Salience: how much a figure is worth a reader's attention, in [0, 1].

A monitoring screen has room for a few figures; "over 70,000 arrests" and "a 5 percent
GDP growth target" should reach it before "the two sides", "one of", an age, a year or a
rank. The score is a product of plain factors a reader can check, computed over the whole
figures table at once (so "reported by several documents" can count):

- the kind: money, percents and counts of things first; durations, ordinals and time
  kinds last (``KIND_WEIGHT``);
- what is counted: a figure without a measure, a count below 3 ("two sides", "one of"),
  a small count below 10 and an age weigh less;
- a figure stated with a bound or a change ("over", "up 5%") weighs a little more, and so
  does a measure reported by more than one document;
- the earlier value of another figure of its sentence weighs less: in "Net 33 mln vs 253
  mln" the news is 33 mln (its ``previous`` is 253 mln), not last year's 253 mln.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.figures.mention import (
    COUNT,
    DATE,
    DATE_RANGE,
    DURATION,
    IDENTIFIER,
    MONEY,
    ORDINAL,
    PARTITIVE,
    PERCENT,
    QUANTITY,
    TIME,
    YEAR,
)

KIND_WEIGHT = {
    MONEY: 1.0, PERCENT: 0.95, COUNT: 0.8, QUANTITY: 0.7, DURATION: 0.35,
    ORDINAL: 0.15, YEAR: 0.05, DATE: 0.05, DATE_RANGE: 0.05, TIME: 0.05,
    IDENTIFIER: 0.0, PARTITIVE: 0.0,
}
NO_MEASURE = 0.5     # a figure whose measure is unknown: "70,000" of what?
TINY_COUNT = 0.25    # counts below 3: "the two sides", "one of the ..."
SMALL_COUNT = 0.6    # counts from 3 to 9
AGE = 0.2            # "aged 34": a detail of a person, rarely the news
STATED = 1.1         # a bound or change is stated: "over 70,000", "up 5%"
SHARED = 1.1         # the measure is reported by more than one document
EARLIER = 0.5        # the value another figure of the sentence has as its previous


def salience(figures: pd.DataFrame) -> pd.Series:
    """The salience of each row of a figures table (columns ``doc_id``, ``kind``, ``value``,
    ``measure``, ``bound``, ``change``), rounded to three decimals, on the same index."""
    if figures.empty:
        return pd.Series(np.zeros(0), index=figures.index, dtype=float)
    kind = figures["kind"].astype(str)
    value = figures["value"].astype(float).abs().to_numpy()
    measure = figures["measure"].fillna("").astype(str)
    score = kind.map(KIND_WEIGHT).fillna(0.5).to_numpy(dtype=float, copy=True)
    counted = (kind == COUNT).to_numpy()
    score *= np.where(measure.to_numpy() == "", NO_MEASURE, 1.0)
    score *= np.where(counted & (value < 3), TINY_COUNT,
                      np.where(counted & (value < 10), SMALL_COUNT, 1.0))
    score *= np.where(measure.to_numpy() == "age", AGE, 1.0)
    stated = (figures["bound"].fillna("").isin(["above", "below", "approx"])
              | (figures["change"].fillna("") != "")).to_numpy()
    score *= np.where(stated, STATED, 1.0)
    reach = figures.groupby(measure.to_numpy())["doc_id"].transform("nunique").to_numpy()
    score *= np.where((measure.to_numpy() != "") & (reach > 1), SHARED, 1.0)
    score *= np.where(_earlier(figures), EARLIER, 1.0)
    return pd.Series(np.clip(score, 0.0, 1.0).round(3), index=figures.index)


def _earlier(figures: pd.DataFrame) -> np.ndarray:
    """Which rows hold a value that another row of their sentence has as ``previous`` (in
    size: "profit 28 cts vs loss 1.61 dlrs" has the loss as previous -161)."""
    if "previous" not in figures or "sentence_id" not in figures:
        return np.zeros(len(figures), dtype=bool)
    previous = pd.to_numeric(figures["previous"], errors="coerce").abs()
    has = previous.notna().to_numpy()
    if not has.any():
        return np.zeros(len(figures), dtype=bool)
    keys = pd.MultiIndex.from_arrays([figures["doc_id"], figures["sentence_id"], previous])
    rows = pd.MultiIndex.from_arrays([figures["doc_id"], figures["sentence_id"],
                                      figures["value"].astype(float).abs()])
    return rows.isin(keys[has])
