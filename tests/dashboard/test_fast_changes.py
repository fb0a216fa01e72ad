"""dashboard.fast_changes: each kind, counted on per-corpus codes, equals metrics.changes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import corpora, fast_changes, filters
from dashboard.filters import Filters
from metrics import changes


@pytest.fixture(scope="module")
def wire_entry(wire_corpus):
    return corpora.Entry("wire", "k-fast-changes", wire_corpus, corpora.default_taxonomy())


FILTERS = [Filters(), Filters(kinds=("percent",)), Filters(kinds=("count", "money")),
           Filters(themes=("economy_trade",)), Filters(query="percent"),
           Filters(facets=(("places", ("chile",)),)), Filters(guessed=True),
           Filters(guessed=True, kinds=("count", "money"))]


@pytest.mark.parametrize("chosen", FILTERS, ids=str)
def test_every_kind_equals_the_metrics_changes(wire_entry, chosen: Filters) -> None:
    v = filters.view(wire_entry, chosen)
    for period, at in (("day", None), ("day", "2024-03-05"), ("week", None)):
        win = changes.window(v, period, at)  # type: ignore[arg-type]
        if win is None or win.docs.empty or win.baseline_docs.empty:
            continue
        for kind in changes.KINDS:
            # low thresholds, so that the small wire has rows of every kind to compare
            low = {"min_count": 1, "min_score": 0.0, "min_effect": 0.0}
            expected = changes.combine([changes.kind_changes(v, kind, win, **low)])
            got = changes.combine([fast_changes.kind_changes(wire_entry, v, kind, win, **low)])
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)
            if kind != "phrase":
                assert len(expected) > 0 or kind in ("facet", "place"), (kind, chosen)


def test_the_overview_reads_the_changes_kept_with_the_snapshot(wire_corpus) -> None:
    """Unfiltered, with the default baseline, the lead uses ``Corpus.derived``; any filter
    computes them from the view."""
    import dataclasses

    from dashboard import news

    kept = changes.latest(wire_corpus)
    assert list(kept) == ["changes-day-2024-03-09"]
    marked = kept["changes-day-2024-03-09"].assign(label="kept")
    corpus = dataclasses.replace(wire_corpus, derived={"changes-day-2024-03-09": marked})
    entry = corpora.Entry("wire", "k-kept", corpus, corpora.default_taxonomy())
    v = filters.view(entry, Filters())
    assert news.changes_of(entry, v, "day", "2024-03-09") is marked
    assert (news.changes_of(entry, v, "day", "2024-03-09", baseline=3)["label"] != "kept").all()
    narrowed = filters.view(entry, Filters(kinds=("percent",)))
    assert (news.changes_of(entry, narrowed, "day", "2024-03-09")["label"] != "kept").all()


def test_warming_codes_every_kind_and_reads_the_latest_window(wire_corpus) -> None:
    from metrics.changes import _candidates

    entry = corpora.Entry("wire", "k-warm", wire_corpus, corpora.default_taxonomy())
    _candidates.cache_clear()
    fast_changes.warm(entry)
    kinds = [k for k in changes.KINDS if k != "phrase"]
    assert all(entry.memo.remember(("change_pairs", k), lambda: None) is not None
               for k in kinds)
    assert _candidates.cache_info().currsize > 0
    # the unfiltered view's latest changes, per kind, as the Overview asks for them
    counted = entry.memo.latest(lambda k: isinstance(k, tuple) and k[0] == "changes")
    assert isinstance(counted, pd.DataFrame)
