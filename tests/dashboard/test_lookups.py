"""dashboard.lookups: the per-corpus lookups behind the filters."""

from __future__ import annotations

from dashboard import lookups


def test_a_longer_search_narrows_the_earlier_one(seed_corpus, seed_views) -> None:
    entry, _ = seed_views
    texts = [f"{t}\n{seed_corpus.texts[d]}".casefold() for d, t in
             zip(seed_corpus.documents["doc_id"], seed_corpus.documents["title"], strict=True)]
    for query in ("the", "the mekong", "the mekong region", "China", "xyz"):
        expected = [query.casefold() in t for t in texts]
        assert list(lookups.search_mask(entry, query)) == expected
