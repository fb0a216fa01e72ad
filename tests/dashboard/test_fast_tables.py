"""dashboard.fast_tables: each numpy path equals its dashboard.tables function."""

from __future__ import annotations

import pandas as pd

from dashboard import fast_tables, tables


def test_fast_aggregates_equal_the_pandas_ones(seed_corpus, seed_views) -> None:
    """The per-corpus numpy paths of the Themes page give exactly the tables' results."""
    entry, views = seed_views
    for v in views:
        pd.testing.assert_frame_equal(fast_tables.theme_terms(entry, v),
                                      tables.theme_terms(v.themes))
        pd.testing.assert_frame_equal(fast_tables.top_phrases(entry, v),
                                      tables.top_phrases(v.phrases))
        for theme in ("security_crime", "health"):
            rows = fast_tables.theme_sentence_rows(entry, v, theme)
            expected = v.sentences[v.sentences["themes"].fillna("").str.split("; ").map(
                lambda ts, th=theme: th in ts).astype(bool)]
            assert list(seed_corpus.sentences.index[rows]) == list(expected.index)


def test_overview_fast_paths_equal_the_pandas_ones(seed_views) -> None:
    """KPI cards, key figures and figure cards from per-corpus codes equal the tables'."""
    from dashboard import news_tables

    entry, views = seed_views
    for v in views:
        assert fast_tables.kpis(entry, v) == tables.kpis(v.documents, v.figures)
        for kinds in (tables.KEY_KINDS, ("percent",), ("count", "date")):
            for top in (1, 3, 10):
                pd.testing.assert_frame_equal(
                    fast_tables.key_figures(entry, v, kinds, top),
                    tables.key_figures(v.figures, v.documents, kinds, top))
        for ids in (pd.Index(v.documents["doc_id"]), pd.Index(v.documents["doc_id"][:1]),
                    pd.Index(["not a document"])):
            assert (fast_tables.figure_cards(entry, v, ids)
                    == news_tables.figure_cards(v.figures, v.documents, ids))


def test_figures_per_document_counts_repeated_ids_once() -> None:
    docs = pd.DataFrame({"doc_id": ["a", "b", "a", "c"]})
    figs = pd.DataFrame({"doc_id": ["a", "a", "b", "z"]})
    assert list(tables.figures_per_document(docs, figs)) == [2, 1, 0, 0]
    assert list(tables.figures_per_document(docs, figs.iloc[0:0])) == [0, 0, 0, 0]


def test_key_figures_rank_measures_by_salience_reach_then_value() -> None:
    """One row per measure: the measure more documents report comes first among equally
    salient ones; within a measure its most salient, then largest, figure."""
    figs = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d1", "d2", "d1"],
        "measure": ["jobs", "jobs", "jobs", "tonnes", "tonnes", ""],
        "value": [10.0, 300.0, 20.0, 5000.0, 7000.0, 99.0],
        "salience": [1.0, 0.8, 1.0, 1.0, 1.0, 0.4],
        "kind": ["count"] * 6, "surface": ["x"] * 6, "value_high": [None] * 6,
        "unit": [""] * 6, "qualifier": [""] * 6, "sentence": ["s"] * 6, "bound": [""] * 6,
        "change": [""] * 6, "theme": [""] * 6, "sentence_id": [0] * 6,
    })
    docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "title": ["A", "B", "C"]})
    key = tables.key_figures(figs, docs)
    assert list(key["measure"]) == ["jobs", "tonnes", ""]
    assert list(key["value"]) == [20.0, 7000.0, 99.0]


def test_theme_totals_from_codes_equal_the_chart_totals(seed_views, wire_corpus) -> None:
    from dashboard import charts, corpora, filters
    from dashboard.filters import Filters

    entry, views = seed_views
    wire = corpora.Entry("wire", "k-theme-totals", wire_corpus, corpora.default_taxonomy())
    wire_views = [filters.view(wire, f) for f in (
        Filters(), Filters(themes=("economy_trade",)), Filters(query="percent"),
        Filters(kinds=("percent",)), Filters(query="no such words anywhere"))]
    for e, v in [(entry, v) for v in views] + [(wire, v) for v in wire_views]:
        got, want = fast_tables.theme_totals(e, v), charts.theme_totals(v.themes)
        pd.testing.assert_frame_equal(got, want)
        assert len(want) or v.themes.empty
