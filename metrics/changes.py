"""What changed: what rose and what fell in one period against the periods before it.

``changes(corpus, period="day", at=None, baseline=None)`` compares the documents of one
period (a day, an ISO week or a month; by default the latest with documents) with those
of the ``baseline`` periods before it that have documents, for six kinds of key:

* ``theme``: documents whose top theme it is;
* ``phrase``: documents among whose key phrases it is (``phrases`` table);
* ``term``: documents in which a taxonomy term matched (``themes.terms``);
* ``facet``: documents carrying a facet value, e.g. ``places=ecuador``;
* ``place``: documents naming a country (``places`` table: its name, a city, a region or
  a demonym), keyed by its ISO 3166-1 alpha-3 code and labelled with its name;
* ``measure``: documents reporting a figure of that measure, with its latest value in the
  period against the baseline's median (same unit).

A key's ``count`` is its document frequency in the period (of ``n`` documents) and
``baseline_count`` in the baseline (of ``baseline_n``). The ``score`` is Dunning's
log-likelihood ratio G² of that 2x2 table, which stays honest on small numbers where a
ratio of shares does not (3 of 400 against 0 of 2,000 is not "infinitely more"); rows need
``count >= min_count`` to rise and ``baseline_count >= min_count`` to fall, a score of at
least ``min_score`` (3.84: p < 0.05 for one degree of freedom), and an ``effect`` (the log2
ratio of the smoothed shares) of at least ``min_effect`` either way: a key that went from
67% to 79% of the documents is significant on 2,000 documents, and no news. ``evidence``
lists documents behind the change (the period's for a rise, the baseline's for a fall),
joined with ``;``.

Only trusted dates count: a document's ``date`` (never ``date_guess``), so a corpus with
no dates has no periods and no changes; ``periods(corpus)`` says how many are undated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from metrics import phrases, places
from metrics.pipeline import TERM_SEPARATOR, Corpus

PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
DEFAULT_BASELINE = {"day": 7, "week": 4, "month": 3}
KINDS = ("theme", "phrase", "term", "facet", "place", "measure")
COLUMNS = ["kind", "key", "label", "period", "count", "baseline_count", "share",
           "baseline_share", "score", "direction", "evidence", "effect", "n", "baseline_n",
           "baseline_periods", "value", "baseline_value", "unit"]
MIN_COUNT = 3
MIN_SCORE = 3.84
MIN_EFFECT = 1.0  # log2: a key must at least double (or halve) its share to count
EVIDENCE = 10  # doc_ids listed per change


@dataclass(frozen=True, slots=True)
class Window:
    """The period compared and its baseline: labels and the documents of each."""

    period: str
    baseline: tuple[str, ...]
    docs: pd.Index
    baseline_docs: pd.Index


def period_labels(dates: pd.Series, period: str = "day") -> pd.Series:
    """Each date's period as text: "1987-03-06", "1987-W10" (ISO week), "1987-03"; NaN
    where there is no date."""
    if period not in PERIODS:
        raise ValueError(f"period {period!r}: choose from {', '.join(PERIODS)}")
    dates = pd.to_datetime(dates, errors="coerce")
    # 100,000 documents have a few hundred distinct dates: format each once (0.06 s -> 5 ms)
    codes, uniques = pd.factorize(dates)
    if 0 < len(uniques) < len(dates):
        labels = _period_labels(pd.Series(uniques, name=dates.name), period)
        return labels.take(np.maximum(codes, 0)).set_axis(dates.index).where(codes >= 0)
    return _period_labels(dates, period)


def _period_labels(dates: pd.Series, period: str) -> pd.Series:
    if period == "day":
        out = dates.dt.strftime("%Y-%m-%d")
    elif period == "week":
        iso = dates.dt.isocalendar()
        out = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    else:
        out = dates.dt.strftime("%Y-%m")
    return out.where(dates.notna())


def periods(corpus: Corpus, period: str = "day") -> pd.Series:
    """Documents per period, oldest first (undated documents are not in any)."""
    labels = period_labels(corpus.documents["date"], period)
    return labels.value_counts().sort_index()


def default_period(dates: pd.Series) -> str:
    """The period that suits the span of the trusted ``dates``: a day for up to three
    months, a week for up to two years, else a month."""
    d = pd.to_datetime(dates, errors="coerce").dropna()
    if d.empty:
        return "day"
    span = (d.max() - d.min()).days
    return "day" if span <= 92 else "week" if span <= 730 else "month"


def latest(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The changes of the latest period, the period suiting the span of the dates (as the
    dashboard's Overview shows them), named ``changes-<period>-<label>`` for
    ``Corpus.derived``; empty without dated documents."""
    dates = corpus.documents["date"]
    if dates.isna().all():
        return {}
    period = default_period(dates)
    win = window(corpus, period)
    if win is None or win.docs.empty or win.baseline_docs.empty:
        return {}
    return {f"changes-{period}-{win.period}": changes(corpus, period)}


def kept(corpus: Corpus, period: str, label: str | None,
         baseline: int | None = None) -> pd.DataFrame | None:
    """The changes of period ``label`` that ``latest`` computed and the corpus keeps
    (``Corpus.derived``, saved with a stream's snapshot), when they are the ones asked for
    (the default baseline and thresholds); else None."""
    if baseline not in (None, DEFAULT_BASELINE[period]):
        return None
    return getattr(corpus, "derived", {}).get(f"changes-{period}-{label}")


def window(corpus: Corpus, period: str = "day", at: str | None = None,
           baseline: int | None = None) -> Window | None:
    """The period holding ``at`` (default: the latest with documents) and the ``baseline``
    periods before it that have documents; None when there is no dated document."""
    docs = corpus.documents
    labels = period_labels(docs["date"], period)
    seen = sorted(labels.dropna().unique())
    if not seen:
        return None
    current = seen[-1] if at is None else period_labels(pd.Series([at]), period).iloc[0]
    if not isinstance(current, str):
        raise ValueError(f"--at {at!r} is not a date")
    before = [p for p in seen if p < current][-(baseline or DEFAULT_BASELINE[period]):]
    ids = docs["doc_id"]
    return Window(current, tuple(before), pd.Index(ids[labels == current]),
                  pd.Index(ids[labels.isin(before)]))


def changes(corpus: Corpus, period: str = "day", at: str | None = None,
            baseline: int | None = None, *, min_count: int = MIN_COUNT,
            min_score: float = MIN_SCORE, min_effect: float = MIN_EFFECT,
            kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """One row per key that rose or fell in the period (``COLUMNS``), rises first, each
    direction sorted by score, highest first."""
    win = window(corpus, period, at, baseline)
    if win is None or win.docs.empty or win.baseline_docs.empty:
        return pd.DataFrame(columns=COLUMNS)
    found = kept(corpus, period, win.period, baseline)
    if found is not None and (min_count, min_score, min_effect) == (
            MIN_COUNT, MIN_SCORE, MIN_EFFECT):
        return found[found["kind"].isin(kinds).to_numpy()].reset_index(drop=True)
    return combine([kind_changes(corpus, kind, win, min_count=min_count, min_score=min_score,
                                 min_effect=min_effect) for kind in kinds])


def kind_changes(corpus: Corpus, kind: str, win: Window, *, min_count: int = MIN_COUNT,
                 min_score: float = MIN_SCORE, min_effect: float = MIN_EFFECT) -> pd.DataFrame:
    """The changes of one kind of key in the window ``win``, unsorted (``combine`` sorts):
    a dashboard recomputes only the kinds whose table a filter changed."""
    pairs, labels = _occurrences(corpus, kind, win.docs.append(win.baseline_docs))
    out = _compare(kind, pairs, labels, win, min_count, min_score, min_effect)
    if kind == "measure" and not out.empty:
        out = _measure_values(out, corpus, win)
    return out


def combine(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of several kinds as ``changes`` returns them: rises first, each direction by
    score, highest first."""
    out = pd.concat([f for f in frames if not f.empty] or [pd.DataFrame(columns=COLUMNS)],
                    ignore_index=True)
    out = out.reindex(columns=COLUMNS)
    out["up"] = out["direction"] == "up"
    out = out.sort_values(["up", "score", "kind", "key"], ascending=[False, False, True, True])
    return out.drop(columns="up").reset_index(drop=True)


# --- occurrences: which documents hold which key -------------------------------------------


def _occurrences(corpus: Corpus, kind: str, docs_in: pd.Index | None = None
                 ) -> tuple[pd.DataFrame, dict[str, str]]:
    """(doc_id, key) pairs, one per document holding the key, of the documents ``docs_in``
    (default: all), and readable labels."""
    def of(frame: pd.DataFrame) -> pd.DataFrame:  # the compared documents' rows only
        return frame if docs_in is None else frame[frame["doc_id"].isin(docs_in).to_numpy()]

    if kind == "theme":
        docs = of(corpus.documents)
        docs = docs[docs["top_theme"].fillna("") != ""]
        labels = dict(zip(docs["top_theme"], docs["top_theme_label"], strict=True))
        return docs[["doc_id", "top_theme"]].set_axis(["doc_id", "key"], axis=1), labels
    if kind == "phrase":  # every candidate phrase of the compared documents, not their top
        ids = list(docs_in) if docs_in is not None else list(corpus.texts)
        pairs = pd.DataFrame([(d, p) for d in ids
                              for p in _candidates(corpus.texts.get(d, ""))],
                             columns=["doc_id", "key"])
    elif kind == "term":
        terms = of(corpus.themes)[["doc_id", "terms"]].copy()
        terms["key"] = terms["terms"].fillna("").str.split(TERM_SEPARATOR)
        pairs = terms.explode("key")[["doc_id", "key"]]
        pairs["key"] = pairs["key"].str.lower()
        pairs = pairs[pairs["key"].fillna("").map(says_something).to_numpy(bool)]
    elif kind == "facet":
        facets = of(corpus.facets)
        pairs = pd.DataFrame({"doc_id": facets["doc_id"],
                              "key": facets["facet"] + "=" + facets["value"]})
    elif kind == "place":
        pairs = of(corpus.places)[["doc_id", "country"]].set_axis(["doc_id", "key"], axis=1)
        pairs = pairs[pairs["key"].fillna("") != ""].drop_duplicates()
        names = places.country_names()
        return pairs, {k: names.get(k, k) for k in pairs["key"].unique()}
    elif kind == "measure":
        figs = of(corpus.figures)
        figs = figs[(figs["measure"].fillna("") != "") & ~figs["kind"].isin(
            ["year", "date", "date_range", "time", "identifier", "ordinal", "partitive"])]
        pairs = figs[["doc_id", "measure"]].set_axis(["doc_id", "key"], axis=1)
        said = {m for m in pairs["key"].unique() if says_something(str(m), "measure")}
        pairs = pairs[pairs["key"].isin(said).to_numpy()]
    else:
        raise ValueError(f"kind {kind!r}: choose from {', '.join(KINDS)}")
    pairs = pairs[pairs["key"].fillna("") != ""].drop_duplicates()
    return pairs, {}


# --- the comparison ---------------------------------------------------------------------


@functools.lru_cache(maxsize=20_000)
def _candidates(text: str) -> frozenset[str]:
    """A text's candidate key phrases (read again: the corpus keeps only each document's
    top phrases), remembered for the texts last compared (a dashboard compares the same
    period again on every filter change)."""
    return frozenset(p for p in phrases.candidates(text) if says_something(p))


@functools.cache
def table_words() -> frozenset[str]:
    """The words of tables, not of news (``data/table_words.txt``)."""
    path = Path(__file__).parent / "data" / "table_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.lower() for line in lines if not line.startswith("#")
                     for w in line.split())


def table_phrase(key: str) -> bool:
    """True for a key made only of table words ("shr", "avg shrs", "nine mths"): an
    earnings season raises them all, and they say nothing of what happened."""
    words = key.lower().split()
    return bool(words) and all(w in table_words() for w in words)


def says_something(key: str, kind: str = "term") -> bool:
    """Whether ``key`` may be a key of a change: never one of table words only, nor a
    measure of stop words only ("vs", "note"). The one test of both ways of counting."""
    if table_phrase(key):
        return False
    return kind != "measure" or not set(key.split()) <= phrases.stopwords()


def _compare(kind: str, pairs: pd.DataFrame, labels: dict[str, str], win: Window,
             min_count: int, min_score: float, min_effect: float) -> pd.DataFrame:
    in_now = pairs["doc_id"].isin(win.docs).to_numpy()
    now = pairs[in_now]
    before = pairs[~in_now & pairs["doc_id"].isin(win.baseline_docs).to_numpy()]
    counts = pd.DataFrame({"count": now.groupby("key").size(),
                           "baseline_count": before.groupby("key").size()}).fillna(0)

    def evidence(keys: np.ndarray, up: np.ndarray) -> list[str]:
        rising = _evidence(now[now["key"].isin(keys[up]).to_numpy()])
        falling = _evidence(before[before["key"].isin(keys[~up]).to_numpy()])
        return [rising.get(k, "") if u else falling.get(k, "")
                for k, u in zip(keys, up, strict=True)]
    return significant(kind, counts.index.to_numpy(), counts["count"].to_numpy(int),
                       counts["baseline_count"].to_numpy(int), win, evidence, labels,
                       min_count=min_count, min_score=min_score, min_effect=min_effect)


def significant(kind: str, keys: np.ndarray, count: np.ndarray, baseline_count: np.ndarray,
                win: Window, evidence: Callable[[np.ndarray, np.ndarray], list[str]],
                labels: dict[str, str] | None = None, *, min_count: int = MIN_COUNT,
                min_score: float = MIN_SCORE, min_effect: float = MIN_EFFECT) -> pd.DataFrame:
    """The rows (``COLUMNS``) of the ``keys`` that rose or fell, given how many documents
    hold each in the period (``count``) and in the baseline; ``evidence(kept keys, rising)``
    lists each kept key's documents. Shared by every way of counting."""
    n, base_n = len(win.docs), len(win.baseline_docs)
    a, b = count.astype(float), baseline_count.astype(float)
    score = g2(a, n, b, base_n)
    share, base_share = a / n, b / base_n
    up = share > base_share
    effect = np.log2(((a + 0.5) / (n + 1)) / ((b + 0.5) / (base_n + 1)))
    keep = (np.where(up, a >= min_count, b >= min_count) & (score >= min_score)
            & (np.abs(effect) >= min_effect))
    if not keep.any():
        return pd.DataFrame(columns=COLUMNS)
    keys, up = keys[keep], up[keep]
    labels = labels or {}
    return pd.DataFrame({
        "kind": kind, "key": keys, "label": [labels.get(k, k) for k in keys],
        "period": win.period, "count": count[keep], "baseline_count": baseline_count[keep],
        "share": np.round(share[keep], 6), "baseline_share": np.round(base_share[keep], 6),
        "score": np.round(score[keep], 3), "direction": np.where(up, "up", "down"),
        "evidence": evidence(keys, up), "effect": np.round(effect[keep], 3), "n": n,
        "baseline_n": base_n, "baseline_periods": ";".join(win.baseline),
    })


def g2(a: np.ndarray, n: int, b: np.ndarray, m: int) -> np.ndarray:
    """Dunning's log-likelihood ratio for ``a`` of ``n`` documents against ``b`` of ``m``
    (vectorised over keys): 2 * sum(observed * ln(observed / expected))."""
    observed = np.stack([a, n - a, b, m - b])
    total = n + m
    hits = a + b
    expected = np.stack([hits * n / total, (total - hits) * n / total,
                         hits * m / total, (total - hits) * m / total])
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2.0 * terms.sum(axis=0), 0.0)


def _evidence(pairs: pd.DataFrame) -> dict[str, str]:
    return pairs.groupby("key")["doc_id"].agg(
        lambda ids: ";".join(list(dict.fromkeys(ids))[:EVIDENCE])).to_dict()


def _measure_values(out: pd.DataFrame, corpus: Corpus, win: Window) -> pd.DataFrame:
    """The measures' latest value in the period and the baseline's median (most common
    unit of the period's figures only: never a median across currencies)."""
    rows = out["kind"] == "measure"
    if not rows.any():
        return out
    figs = corpus.figures[["doc_id", "start", "measure", "value", "unit"]]
    figs = figs[figs["measure"].isin(out.loc[rows, "key"]).to_numpy()]
    figs = figs.merge(corpus.documents[["doc_id", "date"]], on="doc_id")
    figs["unit"] = figs["unit"].fillna("")
    now = figs[figs["doc_id"].isin(win.docs).to_numpy()]
    before = figs[figs["doc_id"].isin(win.baseline_docs).to_numpy()]
    return measure_values(out, now, before)


def measure_values(out: pd.DataFrame, now: pd.DataFrame, before: pd.DataFrame
                   ) -> pd.DataFrame:
    """``out`` with the value, baseline value and unit of its measure rows, from the
    figures (``doc_id, start, measure, value, unit`` without NaN, ``date``) of those
    measures in the period (``now``) and in the baseline (``before``)."""
    rows = out["kind"] == "measure"
    keys = out.loc[rows, "key"]
    # each measure's most common unit in the period (ties: the first in sorted order)
    counts = now.groupby(["measure", "unit"]).size().reset_index(name="n")
    best = counts.sort_values(["measure", "n", "unit"], ascending=[True, False, True])
    unit_of = best.drop_duplicates("measure").set_index("measure")["unit"]
    now = now[(now["unit"] == now["measure"].map(unit_of)).to_numpy()]
    latest = (now.sort_values(["date", "doc_id", "start"])
              .drop_duplicates("measure", keep="last").set_index("measure")["value"])
    before = before[(before["unit"] == before["measure"].map(unit_of)).to_numpy()]
    medians = before.groupby("measure")["value"].median()
    values = keys.map(latest).astype(float).to_numpy()
    bases = keys.map(medians).astype(float).to_numpy()
    units = keys.map(unit_of).fillna("").astype(str).to_numpy()
    out.loc[rows, "value"] = values
    out.loc[rows, "baseline_value"] = bases
    out.loc[rows, "unit"] = units
    return out
