"""dashboard.filters: the table of filters, widget values -> Filters, and the views."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from dashboard import corpora, filters, sidebar
from dashboard.filters import Filters


def test_every_filter_field_is_set_by_one_spec_with_one_widget(seed_corpus) -> None:
    entry = corpora.Entry("seeds", "k-specs", seed_corpus, corpora.default_taxonomy())
    bounds = (date(2021, 12, 3), date(2025, 3, 14))
    values = {"dates": (date(2025, 1, 1), bounds[1]), "doc": ["d"], "theme": ["t"],
              "kind": ["percent"], "q": " gdp ", "guess": True, "place": ["LAO"],
              "facet": {"facet_topics": ["earn", "grain"], "facet_places": []}}
    set_by = {spec.key: set(spec.read(entry, values[spec.key])) for spec in filters.SPECS}
    assert set(values) == set(filters.KEYS) == set(sidebar.WIDGETS)
    assert sorted(f for fs in set_by.values() for f in fs) == sorted(
        f.name for f in fields(Filters))  # each field set by exactly one filter
    chosen = filters.read(entry, values)
    assert chosen == Filters(date(2025, 1, 1), bounds[1], ("d",), ("t",), ("percent",), "gdp",
                             facets=(("topics", ("earn", "grain")),), guessed=True,
                             places=("LAO",))
    assert chosen.active


def test_the_place_filter_keeps_documents_naming_the_country(seed_corpus) -> None:
    from dashboard import lookups

    entry = corpora.Entry("seeds", "k-place", seed_corpus, corpora.default_taxonomy())
    names = lookups.place_options(entry)
    assert names["LAO"] == "Laos" and names["CHN"] == "China"
    naming = set(seed_corpus.places.loc[seed_corpus.places["country"] == "LAO", "doc_id"])
    view = filters.view(entry, Filters(places=("LAO",)))
    assert set(view.documents["doc_id"]) == naming and naming
    assert set(view.places["doc_id"]) <= naming
    assert len(filters.view(entry, Filters(places=("PER",))).documents) == 0


def test_cleared_widgets_read_as_no_filter(seed_corpus) -> None:
    entry = corpora.Entry("seeds", "k-clear", seed_corpus, corpora.default_taxonomy())
    cleared = {spec.key: spec.cleared(entry) for spec in filters.SPECS}
    assert filters.read(entry, cleared) == Filters()
    assert not filters.read(entry, {}).active


def test_view_filters_are_consistent_across_tables(seed_corpus) -> None:
    entry = corpora.Entry("seeds", "k2", seed_corpus, corpora.default_taxonomy())
    everything = filters.view(entry, Filters())
    assert len(everything.figures) == len(seed_corpus.figures)
    doc = seed_corpus.documents["doc_id"].iloc[1]
    one = filters.view(entry, Filters(docs=(doc,)))
    for name, table in one.tables().items():
        if name != "errors":
            assert set(table["doc_id"]) <= {doc}
    dated = filters.view(entry, Filters(start=date(2025, 1, 1)))
    assert list(dated.documents["date"].dt.year) == [2025]
    assert filters.view(entry, Filters(start=date(2025, 1, 1))) is dated  # memoised


def test_views_cut_tables_lazily(seed_views) -> None:
    _, views = seed_views
    v = views[1]
    assert not v._cut  # nothing cut before a page reads a table
    assert v.figures is v.figures and set(v._cut) == {"figures"}
