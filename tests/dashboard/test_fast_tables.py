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
