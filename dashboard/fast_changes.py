"""``metrics.changes.kind_changes`` on per-corpus codes, for the pages of large corpora.

The metrics function finds, for each filter change, which rows of a table belong to the
compared documents by looking up their ids (hundreds of thousands of strings at 100,000
documents). Here each kind's (document, key) pairs are coded once per corpus, so a filter
change costs a few numpy passes over integer arrays. Phrases are read from the compared
texts in both (their cost follows the window, not the corpus).
(tests/dashboard/test_fast_changes.py holds each kind equal to ``changes.kind_changes``.)
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from dashboard import fast_tables, filters, lookups, news_tables
from dashboard.corpora import Entry
from dashboard.filters import View
from metrics import changes, places

NOT_MEASURED = ["year", "date", "date_range", "time", "identifier", "ordinal", "partitive"]


@dataclass(frozen=True, slots=True)
class Pairs:
    """One kind's (document, key) rows over a corpus table, in table order."""

    table: str          # the corpus table the rows come from
    row: np.ndarray     # position of each pair's row in that table
    doc: np.ndarray     # position of its document (-1: unknown)
    key: np.ndarray     # code of its key
    keys: np.ndarray    # key of each code
    labels: dict[str, str]


def _coded(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values)
    return codes, np.asarray(uniques, dtype=object)


def pairs_of(entry: Entry, kind: str) -> Pairs:
    """The (document, key) pairs of ``kind`` over the whole corpus (once per corpus)."""
    def make() -> Pairs:
        c = entry.corpus
        if kind == "theme":
            top = c.documents["top_theme"].fillna("").astype(str)
            row = np.flatnonzero((top != "").to_numpy())
            key, keys = _coded(top.iloc[row])
            labels = dict(zip(top.iloc[row], c.documents["top_theme_label"].iloc[row],
                              strict=True))
            return Pairs("documents", row, row, key, keys, labels)
        if kind == "term":
            row, term, names = lookups.exploded_terms(entry)
            lower, keys = _coded(pd.Series([str(n).lower() for n in names], dtype=object))
            key = lower[term] if len(term) else np.zeros(0, dtype=np.intp)
            news = np.array([changes.says_something(str(k)) for k in keys], dtype=bool)
            if len(key):
                row, key = row[news[key]], key[news[key]]
            return Pairs("themes", row, lookups.doc_pos(entry, "themes")[row], key, keys, {})
        if kind == "facet":
            f = c.facets
            key, keys = _coded((f["facet"] + "=" + f["value"]).fillna("").astype(str))
            row = np.flatnonzero(keys[key] != "") if len(key) else np.zeros(0, dtype=np.intp)
            return Pairs("facets", row, lookups.doc_pos(entry, "facets")[row], key[row], keys,
                         {})
        if kind == "place":
            p = c.places
            key, keys = _coded(p["country"].fillna("").astype(str))
            row = np.flatnonzero(keys[key] != "") if len(key) else np.zeros(0, dtype=np.intp)
            names = places.country_names()
            return Pairs("places", row, lookups.doc_pos(entry, "places")[row], key[row], keys,
                         {str(k): names.get(k, k) for k in keys})
        if kind == "measure":
            figs = c.figures
            measure = figs["measure"].fillna("").astype(str)
            key, keys = _coded(measure)
            said = np.array([changes.says_something(k, "measure") for k in keys], dtype=bool)
            ok = ~figs["kind"].isin(NOT_MEASURED).to_numpy()
            row = np.flatnonzero(ok & said[key]) if len(key) else np.zeros(0, dtype=np.intp)
            return Pairs("figures", row, lookups.doc_pos(entry, "figures")[row], key[row],
                         keys, {})
        raise ValueError(f"kind {kind!r} has no coded pairs")
    return entry.memo.remember(("change_pairs", kind), make)  # type: ignore[return-value]


_VOCABULARY = threading.Lock()


def _phrase_codes(entry: Entry, doc_id: str) -> np.ndarray:
    """The codes of a document's candidate phrases (read once per document and corpus)."""
    vocabulary: dict[str, int] = entry.memo.remember("phrase_vocabulary", dict)  # type: ignore[assignment]
    per_doc: dict[str, np.ndarray] = entry.memo.remember("phrase_doc_codes", dict)  # type: ignore[assignment]
    found = per_doc.get(doc_id)
    if found is None:
        phrases_of = changes._candidates(entry.corpus.texts.get(doc_id, ""))
        with _VOCABULARY:  # the warm-up thread reads phrases too
            found = np.fromiter((vocabulary.setdefault(p, len(vocabulary)) for p in phrases_of),
                                dtype=np.int64, count=len(phrases_of))
        per_doc[doc_id] = found
    return found


def phrase_pairs(entry: Entry, win: changes.Window) -> Pairs:
    """The (document, phrase) pairs of the window's documents, in their order."""
    ids = list(win.docs.append(win.baseline_docs))
    arrays = [_phrase_codes(entry, d) for d in ids]
    key = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    doc = np.repeat(lookups.doc_index(entry).get_indexer(ids), [len(a) for a in arrays])
    return Pairs("texts", np.arange(len(key)), doc, key, _vocabulary_keys(entry), {})


def _vocabulary_keys(entry: Entry) -> np.ndarray:
    """The phrase of each code, as an array kept between calls and extended by the phrases
    read since (the vocabulary only grows; 200,000 phrases at 100k took 15 ms a filter)."""
    held: list[np.ndarray] = entry.memo.remember("phrase_keys", lambda: [  # type: ignore[assignment]
        np.zeros(0, dtype=object)])
    with _VOCABULARY:
        vocabulary: dict[str, int] = entry.memo.remember("phrase_vocabulary", dict)  # type: ignore[assignment]
        keys = held[0]
        if len(keys) < len(vocabulary):
            more = np.array(list(itertools.islice(vocabulary, len(keys), None)), dtype=object)
            keys = held[0] = np.concatenate([keys, more])
    return keys


def sides(entry: Entry, win: changes.Window) -> np.ndarray:
    """Per document position (and a last slot for an unknown one): 1 in the window's period,
    2 in its baseline, else 0. Every kind counts from it: built once per window."""
    index = lookups.doc_index(entry)
    side = np.zeros(len(entry.corpus.documents) + 1, dtype=np.int8)
    before_pos = index.get_indexer(win.baseline_docs)
    now_pos = index.get_indexer(win.docs)
    side[before_pos[before_pos >= 0]] = 2
    side[now_pos[now_pos >= 0]] = 1
    return side


def kind_changes(entry: Entry, v: View, kind: str, win: changes.Window, *,
                 min_count: int = changes.MIN_COUNT, min_score: float = changes.MIN_SCORE,
                 min_effect: float = changes.MIN_EFFECT,
                 side: np.ndarray | None = None) -> pd.DataFrame:
    """``changes.kind_changes(v, kind, win)``, counted on per-corpus codes (``side``: the
    window's ``sides``, when the caller has them)."""
    if not lookups.doc_index(entry).is_unique:
        return changes.kind_changes(v, kind, win, min_count=min_count,  # type: ignore[arg-type]
                                    min_score=min_score, min_effect=min_effect)
    p = phrase_pairs(entry, win) if kind == "phrase" else pairs_of(entry, kind)
    documents = entry.corpus.documents
    if side is None:
        side = sides(entry, win)
    s = side[p.doc]
    in_view = (fast_tables.rows_mask(v, p.table, len(getattr(entry.corpus, p.table)))
               if p.table in View.TABLES else None)
    if in_view is not None:  # a filter that cuts this table's rows (figure kinds, themes...)
        s = np.where(in_view[p.row], s, 0)
    width = len(documents) + 1
    found: dict[int, tuple[np.ndarray | None, np.ndarray]] = {}
    counts = np.zeros((3, len(p.keys)), dtype=np.int64)
    for which in (1, 2):
        at = np.flatnonzero(s == which)
        if p.table == "texts":  # a document's phrases are a set: every pair is once
            counts[which] = np.bincount(p.key[at], minlength=len(p.keys))
            found[which] = (None, at)
            continue
        pair = p.key[at].astype(np.int64) * width + p.doc[at]
        uniq, first = np.unique(pair, return_index=True)
        counts[which] = np.bincount(uniq // width, minlength=len(p.keys))
        found[which] = (uniq, at[first])  # each (key, doc) pair and its first row
    present = np.flatnonzero(counts[1] + counts[2])
    doc_ids = lookups.doc_ids(entry)

    def evidence(codes: np.ndarray, up: np.ndarray) -> list[str]:
        return _evidence(found, p, codes.astype(np.int64), up, width, doc_ids)
    # counted and scored by code; only the kept codes are named (a theme filter's phrases
    # are tens of thousands of keys, its changes a few dozen)
    out = changes.significant(kind, present, counts[1][present], counts[2][present], win,
                              evidence, min_count=min_count, min_score=min_score,
                              min_effect=min_effect)
    if out.empty:
        return out
    names = p.keys[out["key"].to_numpy(dtype=np.int64)].astype(str)
    out["key"] = names
    out["label"] = [p.labels.get(k, k) for k in names]
    # the rows in key order, as the pandas counting gives them
    out = out.sort_values("key", kind="stable").reset_index(drop=True)
    keys = out["key"].to_numpy()
    if kind == "measure":  # values from every figure of these measures in the view
        out = _measure_values(entry, v, out, keys, side, in_view, win)
    return out


def _measure_values(entry: Entry, v: View, out: pd.DataFrame, keys: np.ndarray,
                    side: np.ndarray, in_view: np.ndarray | None,
                    win: changes.Window) -> pd.DataFrame:
    """``changes.measure_values`` with the period's and the baseline's figures of the kept
    measures picked by codes (no string look-ups over the corpus's figures)."""
    measure, lookup = lookups.codes(entry, "figures", "measure")
    pos = lookups.doc_pos(entry, "figures")
    take = np.isin(measure, [lookup[k] for k in keys if k in lookup])
    where = side[pos]  # 1: the period, 2: the baseline, 0: neither (or unknown)
    take &= where > 0
    if in_view is not None:
        take &= in_view
    if v.filters.guessed:  # dates as the view reads them (with guesses): the plain way
        return changes._measure_values(out, SimpleNamespace(  # type: ignore[arg-type]
            figures=entry.corpus.figures[take], documents=v.documents), win)
    rows = np.flatnonzero(take)
    figs = entry.corpus.figures[["doc_id", "start", "measure", "value", "unit"]].take(rows)
    figs = figs.assign(unit=figs["unit"].fillna(""),
                       date=entry.corpus.documents["date"].to_numpy()[pos[rows]])
    now = where[rows] == 1
    return changes.measure_values(out, figs[now], figs[~now])


def _evidence(found: dict[int, tuple[np.ndarray | None, np.ndarray]], p: Pairs,
              codes: np.ndarray, up: np.ndarray, width: int, doc_ids: np.ndarray) -> list[str]:
    """For each kept key, the first ``changes.EVIDENCE`` documents (in table order) of the
    period for a rise, of the baseline for a fall, joined with ";"."""
    out = []
    kept: dict[int, np.ndarray] = {}  # per side with every pair once: the kept codes' rows
    for code, rising in zip(codes, up, strict=True):
        which = 1 if rising else 2
        uniq, first = found[which]
        if uniq is None:  # every pair once: its rows in table order are ``first``
            if which not in kept:  # cut once, not scanned whole for every kept code
                kept[which] = first[np.isin(p.key[first], codes)]
            mine = kept[which]
            rows = mine[p.key[mine] == code][:changes.EVIDENCE]
            out.append(";".join(str(d) for d in doc_ids[p.doc[rows]]))
            continue
        lo, hi = np.searchsorted(uniq, [code * width, (code + 1) * width])
        docs = uniq[lo:hi] % width
        order = np.argsort(first[lo:hi], kind="stable")[:changes.EVIDENCE]
        out.append(";".join(str(d) for d in doc_ids[docs[order]]))
    return out


KIND_TABLES = {"term": "themes", "measure": "figures", "place": "places"}
"""The table each kind of change reads besides the documents (theme, phrase and facet
changes read only the documents and their texts)."""


def rows_key(v: View, name: str) -> str | None:
    """A digest of the view's rows of table ``name`` (None: every row): two views that keep
    the same rows share what was computed from them, whichever other filters differ."""
    rows = v.rows.get(name)
    return None if rows is None else hashlib.blake2b(rows.tobytes(), digest_size=16).hexdigest()


def of_view(entry: Entry, v: View, period: str, at: str | None = None,
            baseline: int | None = None) -> pd.DataFrame:
    """``metrics.changes`` of the view, memoised per kind of key: a filter that changes only
    the figures (figure kinds) recomputes only the measures."""
    when = news_tables.period_start(at, period) if at else None
    window_key = (period, at, baseline, rows_key(v, "documents"), v.filters.guessed)
    win = entry.memo.remember(("window", window_key), lambda: changes.window(
        v, period, when, baseline), bounded=True)  # type: ignore[arg-type]
    if win is None or win.docs.empty or win.baseline_docs.empty:
        return pd.DataFrame(columns=changes.COLUMNS)

    side: list[np.ndarray] = []  # the window's sides, once, for the kinds not memoised

    def part(kind: str) -> pd.DataFrame:
        table = KIND_TABLES.get(kind)
        key = ("changes", kind, window_key, rows_key(v, table) if table else None)

        def count() -> pd.DataFrame:
            if not side:
                side.append(sides(entry, win))  # type: ignore[arg-type]
            return kind_changes(entry, v, kind, win, side=side[0])  # type: ignore[arg-type]
        return entry.memo.remember(key, count, bounded=True)  # type: ignore[return-value]
    return changes.combine([part(kind) for kind in changes.KINDS])


def warm(entry: Entry) -> None:
    """Code every kind's pairs and count the unfiltered view's latest changes per kind, as
    the Overview asks for them, so the first filter change after opening a corpus costs
    what later ones do (a background thread of ``lookups.warm`` calls this)."""
    for kind in changes.KINDS:
        if kind != "phrase":
            pairs_of(entry, kind)
    corpus = entry.corpus
    if corpus.documents.empty or corpus.documents["date"].isna().all():
        return
    period = changes.default_period(corpus.documents["date"])
    win = changes.window(corpus, period)
    if win is not None:
        of_view(entry, filters.view(entry, filters.Filters()), period, win.period,
                changes.DEFAULT_BASELINE[period])
