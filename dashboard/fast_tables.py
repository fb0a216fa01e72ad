"""Numpy versions of ``dashboard.tables`` functions, for the pages of large corpora.

Each gives exactly what its ``tables`` function gives on the view's cut tables, but
aggregates per-corpus codes (``dashboard.lookups``) restricted to the view's rows, so a
filter change does not pay for cutting and re-grouping the tables.
(tests/dashboard/test_fast_tables.py holds each equal to its ``tables`` function.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard import arrays, charts, lookups, news_tables, tables
from dashboard.corpora import Entry
from dashboard.filters import View


def rows_mask(current: View, name: str, size: int) -> np.ndarray | None:
    """Boolean mask of the corpus rows of table ``name`` in ``current`` (None: all)."""
    rows = current.rows.get(name)
    if rows is None:
        return None
    mask = np.zeros(size, dtype=bool)
    mask[rows] = True
    return mask


def theme_terms(entry: Entry, current: View, top_terms: int = 12) -> pd.DataFrame:
    """``tables.theme_terms(current.themes)``, counted with numpy on per-corpus codes."""
    themes = current.themes
    cols = ["label", "documents", "hits", "terms"]
    if themes.empty:
        return pd.DataFrame(columns=cols)
    row, term, names = lookups.exploded_terms(entry)
    tcodes, tlookup = lookups.codes(entry, "themes", "theme")
    mask = rows_mask(current, "themes", len(tcodes))
    if mask is not None:
        sel = mask[row]
        row, term = row[sel], term[sel]
    pair = tcodes[row].astype(np.int64) * max(len(names), 1) + term
    uniq, first, counts = np.unique(pair, return_index=True, return_counts=True)
    # Counter.most_common: by count, ties in order of first appearance
    order = np.lexsort((first, -counts, uniq // max(len(names), 1)))
    per_theme: dict[int, list[str]] = {}
    for k in order:
        t = int(uniq[k] // max(len(names), 1))
        shown = per_theme.setdefault(t, [])
        if len(shown) < top_terms:
            n = int(counts[k])
            name = names[int(uniq[k] % max(len(names), 1))]
            shown.append(f"{name} ({n})" if n > 1 else name)
    totals = charts.theme_totals(themes).set_index("theme")
    rows = []
    for theme in sorted(totals.index):
        code = tlookup.get(theme)
        rows.append((totals.at[theme, "label"], int(totals.at[theme, "documents"]),
                     int(totals.at[theme, "hits"]),
                     ", ".join(per_theme.get(code, [])) if code is not None else ""))
    return pd.DataFrame(rows, columns=cols).sort_values("hits", ascending=False,
                                                        ignore_index=True)


def top_phrases(entry: Entry, current: View, top: int = 25) -> pd.DataFrame:
    """``tables.top_phrases(current.phrases)``, aggregated with numpy on per-corpus codes
    (without cutting the phrases table)."""
    phrases = entry.corpus.phrases
    rows = current.rows.get("phrases")
    cols = ["phrase", "documents", "count", "score"]
    if phrases.empty or (rows is not None and len(rows) == 0):
        return pd.DataFrame(columns=cols)
    codes, names, simple = lookups.phrase_codes(entry)
    if not simple:
        return tables.top_phrases(current.phrases, top)
    counts = phrases["count"].to_numpy(dtype=np.float64)
    scores = phrases["score"].to_numpy(dtype=np.float64)
    if rows is not None:
        codes, counts, scores = codes[rows], counts[rows], scores[rows]
    n = len(names)
    docs = np.bincount(codes, minlength=n)
    count = np.bincount(codes, weights=counts, minlength=n)
    score = np.full(n, -np.inf)
    np.maximum.at(score, codes, scores)
    present = np.flatnonzero(docs)
    g = pd.DataFrame({"phrase": names[present], "documents": docs[present],
                      "count": count[present].astype(phrases["count"].dtype),
                      "score": score[present]})
    g["rank"] = g["score"] * (1 + np.log(g["documents"].to_numpy(dtype=np.float64)))
    out = g.nlargest(top, "rank")[cols].reset_index(drop=True)
    out["phrase"] = out["phrase"].astype(phrases["phrase"].dtype)
    return out


def theme_sentence_rows(entry: Entry, current: View, theme: str) -> np.ndarray:
    """Positions in the corpus sentences table of the sentences of ``current`` tagged with
    ``theme`` (the rows ``tables.theme_sentences`` keeps, without cutting the view's
    sentences table)."""
    mask = lookups.theme_sentences(entry, theme)
    rows = current.rows.get("sentences")
    return np.flatnonzero(mask) if rows is None else rows[mask[rows]]


def theme_totals(entry: Entry, current: View) -> pd.DataFrame:
    """``charts.theme_totals(current.themes)`` summed per theme code over the view's rows,
    without cutting the themes table (250,000 rows at 100,000 documents)."""
    themes = entry.corpus.themes
    if themes.empty or not lookups.doc_index(entry).is_unique:
        return charts.theme_totals(current.themes)
    code, lookup = lookups.codes(entry, "themes", "theme")
    rows = current.rows.get("themes")
    rows = np.flatnonzero(code >= 0) if rows is None else rows[code[rows] >= 0]
    if not len(rows):
        return charts.theme_totals(themes.iloc[:0])
    n = len(lookup)
    c = code[rows]
    raw = pd.to_numeric(themes["hits"]).to_numpy()[rows]
    hits = raw.astype(float)
    polarity = pd.to_numeric(themes["polarity"]).to_numpy(dtype=float)[rows]
    weighted = np.bincount(c, np.nan_to_num(hits * polarity), minlength=n)
    total_hits = np.bincount(c, hits, minlength=n)
    if np.issubdtype(raw.dtype, np.integer):  # whole hits stay whole, as a groupby sums them
        total_hits = total_hits.round().astype(raw.dtype)
    doc = lookups.doc_pos(entry, "themes")[rows].astype(np.int64) + 1  # 0: unknown document
    width = len(entry.corpus.documents) + 1
    documents = np.bincount(arrays.unique_sorted(c.astype(np.int64) * width + doc) // width,
                            minlength=n)
    present = np.flatnonzero(np.bincount(c, minlength=n))
    first = np.full(n, len(themes))  # each theme's first row in the view, for its label
    np.minimum.at(first, c, rows)
    names = np.array(list(lookup), dtype=object)
    labels = themes["label"].to_numpy(dtype=object)[first[present]]
    g = pd.DataFrame({"theme": names[present], "label": labels,
                      "hits": total_hits[present], "weighted": weighted[present],
                      "documents": documents[present]})
    total = g["hits"].sum()
    g["share"] = g["hits"] / total if total else 0.0
    g["polarity"] = (g["weighted"] / g["hits"]).where(g["hits"] > 0, 0.0)
    return g.sort_values(["hits", "label"], ascending=[False, True], ignore_index=True)[
        ["theme", "label", "hits", "share", "polarity", "documents"]]


def figures_per_document(entry: Entry, current: View) -> np.ndarray:
    """``tables.figures_per_document(current.documents, current.figures)`` from per-corpus
    document positions: no look-up of hundreds of thousands of ids per filter change."""
    if not lookups.doc_index(entry).is_unique:
        return tables.figures_per_document(current.documents, current.figures)
    pos = lookups.doc_pos(entry, "figures")
    rows = current.rows.get("figures")
    if rows is not None:
        pos = pos[rows]
    per = np.bincount(pos[pos >= 0], minlength=len(entry.corpus.documents))
    doc_rows = current.rows.get("documents")
    return per if doc_rows is None else per[doc_rows]


def kpis(entry: Entry, current: View) -> list[tables.Kpi]:
    """``tables.kpis(current.documents, current.figures)`` without cutting the figures."""
    return tables.kpis(current.documents, per_document=figures_per_document(entry, current))


def key_figures(entry: Entry, current: View, kinds: Sequence[str] = tables.KEY_KINDS,
                top: int = 10) -> pd.DataFrame:
    """``tables.key_figures(current.figures, current.documents, kinds, top)`` ranked on
    per-corpus codes; only the chosen rows are cut from the figures table."""
    figures = entry.corpus.figures
    if figures.empty or not lookups.doc_index(entry).is_unique:
        return tables.key_figures(current.figures, current.documents, kinds, top)
    kind = lookups.is_in(entry, "figures", "kind", list(kinds))
    measure, lookup = lookups.codes(entry, "figures", "measure")
    has_measure = (measure >= 0) & (measure != lookup.get("", -1))
    in_view = rows_mask(current, "figures", len(figures))
    wanted = kind if in_view is None else kind & in_view
    salience = (figures["salience"].to_numpy(dtype=float) if "salience" in figures
                else np.ones(len(figures)))
    value = figures["value"].to_numpy(dtype=float)
    measured = np.flatnonzero(wanted & has_measure)
    docs = lookups.doc_pos(entry, "figures")[measured]
    picked = list(measured[tables.best_measures(
        measure[measured], np.where(docs < 0, len(entry.corpus.documents), docs),
        salience[measured], value[measured], top)])
    if len(picked) < top:
        rest = np.flatnonzero(wanted & ~has_measure)
        order = np.lexsort((-np.nan_to_num(value[rest], nan=-np.inf), -salience[rest]))
        picked += list(rest[order[:top - len(picked)]])
    return tables.figures_display(figures.iloc[picked], _titled(entry, picked))[
        tables.KEY_FIGURE_COLUMNS]


def _titled(entry: Entry, figure_rows: Sequence[int] | np.ndarray) -> pd.DataFrame:
    """The documents (doc_id, title) of some figure rows: what ``figures_display`` and the
    cards read titles from, without hashing every document of the view for ten rows."""
    pos = lookups.doc_pos(entry, "figures")[np.asarray(figure_rows, dtype=np.intp)]
    keep = arrays.unique_sorted(pos[pos >= 0])
    return entry.corpus.documents[["doc_id", "title"]].take(keep)


def figure_cards(entry: Entry, current: View, ids: pd.Index | None,
                 top: int = 4) -> list[news_tables.Card]:
    """``news_tables.figure_cards(current.figures, current.documents, ids, top)``, cutting
    only the salient figures of the ``ids`` documents from the corpus table."""
    figures = entry.corpus.figures
    if figures.empty or ids is None or not lookups.doc_index(entry).is_unique:
        return news_tables.figure_cards(current.figures, current.documents, ids, top)
    keep = figures["salience"].to_numpy(dtype=float) >= news_tables.MIN_CARD_SALIENCE
    in_view = rows_mask(current, "figures", len(figures))
    if in_view is not None:
        keep &= in_view
    chosen = np.zeros(len(entry.corpus.documents) + 1, dtype=bool)  # the last: unknown
    found = lookups.doc_index(entry).get_indexer(ids)
    chosen[found[found >= 0]] = True
    keep &= chosen[lookups.doc_pos(entry, "figures")]
    rows = np.flatnonzero(keep)
    return news_tables.figure_cards(figures.take(rows), _titled(entry, rows), ids, top)
