"""The Map page's pure parts: the committed country shapes, the places of a corpus,
documents per country and the choropleth (no browser)."""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from dashboard import charts, geo

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "dashboard" / "static"


def _rings(feature: dict) -> list[list[list[list[float]]]]:
    g = feature["geometry"]
    return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def test_the_world_ships_one_shape_per_alpha3_code_small_and_d3_ready() -> None:
    world = geo.world()
    ids = [f["id"] for f in world["features"]]
    assert len(ids) == len(set(ids)) == 177
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert {"CHN", "LAO", "USA", "FRA", "NOR", "XKX", "BRA"} <= set(ids)
    assert "SGP" not in ids  # too small for 1:110m: the page lists it in the table only
    assert geo.country_names()["LAO"] == "Laos"
    assert geo.country_names()["COD"] == "Democratic Republic of the Congo"
    assert geo.WORLD.stat().st_size < 300_000
    # d3-geo (plotly.js) reads clockwise outer rings as the shape, anticlockwise as the
    # rest of the sphere: every outer ring is clockwise, every ring closed
    for feature in world["features"]:
        for polygon in _rings(feature):
            assert _signed_area(polygon[0]) < 0, feature["id"]
            assert all(r[0] == r[-1] and len(r) >= 4 for r in polygon), feature["id"]


def test_plotly_finds_its_base_map_locally_and_it_is_empty() -> None:
    """plotly.js fetches ``<topojsonURL><scope>_<resolution>m.json`` for any geo subplot:
    the page points it at Streamlit's static folder, which holds that file, empty."""
    fig = geo.world_map(pd.DataFrame({"country": ["LAO"], "name": ["Laos"], "documents": [2],
                                      "mentions": [3], "places": [""], "drawn": [True]}))
    assert fig is not None
    layout = fig.layout.geo
    name = f"{layout.scope or 'world'}_{layout.resolution}m.json"
    topo = json.loads((STATIC / name).read_text(encoding="utf-8"))
    assert topo["type"] == "Topology" and topo["arcs"] == []
    assert all(o["geometries"] == [] for o in topo["objects"].values())
    assert not geo.TOPOJSON_URL.startswith(("http", "/"))  # relative: any base URL path
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert "http" not in fig.to_json()  # nothing in the figure points off the machine


def test_a_corpus_without_places_has_none() -> None:
    corpus = SimpleNamespace(documents=pd.DataFrame())
    assert not geo.has_places(corpus)
    out = geo.places_of(corpus, pd.DataFrame(columns=["doc_id", "facet", "value"]))
    assert out.empty and list(out.columns) == geo.PLACES_COLUMNS


def test_places_come_from_the_table_and_a_country_column(seed_places) -> None:
    corpus = SimpleNamespace(places=seed_places)
    facets = pd.DataFrame({"doc_id": ["x", "x", "y", "z"], "facet": ["country"] * 3 + ["topic"],
                           "value": ["chn", " usa ", "", "lao"]})
    out = geo.places_of(corpus, facets)
    assert geo.has_places(corpus)
    assert list(out.columns) == geo.PLACES_COLUMNS
    assert len(out) == len(seed_places) + 2  # the blank value and the topic are no country
    tagged = out[out["kind"] == geo.TAGGED]
    assert tagged[["doc_id", "country"]].values.tolist() == [["x", "CHN"], ["x", "USA"]]


def test_documents_are_counted_once_per_country(seed_corpus, seed_places) -> None:
    counts = geo.country_counts(seed_places, seed_corpus.documents)
    assert list(counts.columns) == geo.COUNTS_COLUMNS
    assert counts["country"].tolist() == ["CHN", "LAO"]  # 2 documents each, by name
    assert counts["documents"].tolist() == [2, 2]
    by = counts.set_index("country")
    assert by.loc["CHN", "mentions"] == (seed_places["country"] == "CHN").sum() > 30
    assert by.loc["LAO", "name"] == "Laos" and by.loc["LAO", "drawn"]
    assert by.loc["LAO", "places"].startswith("Laos (29), Lao (6)")


def test_counts_follow_the_filtered_documents(seed_corpus, seed_places) -> None:
    one = seed_corpus.documents.head(1)
    counts = geo.country_counts(seed_places, one)
    assert counts["documents"].tolist() == [1, 1]
    assert geo.mapped_documents(seed_places, one) == 1
    assert geo.country_counts(seed_places, one.iloc[:0]).empty


def test_countries_the_map_cannot_draw_are_named_and_flagged() -> None:
    places = pd.DataFrame([
        ("d1", 0, 0, 9, "Singapore", "SGP", "Singapore", "country"),
        ("d1", 1, 20, 26, "Malaysia", "MYS", "Malaysia", "country"),
        ("d2", 0, 0, 4, "Nowhere", "ZZZ", "", "city"),
    ], columns=geo.PLACES_COLUMNS)
    docs = pd.DataFrame({"doc_id": ["d1", "d2"]})
    counts = geo.country_counts(places, docs).set_index("country")
    assert counts.loc["SGP", "name"] == "Singapore" and not counts.loc["SGP", "drawn"]
    assert counts.loc["MYS", "name"] == "Malaysia" and counts.loc["MYS", "drawn"]
    assert counts.loc["ZZZ", "name"] == "ZZZ"  # no name known: the code
    only_small = geo.country_counts(places[places["country"] == "SGP"], docs)
    assert geo.world_map(only_small) is None


def test_the_documents_of_a_country(seed_corpus, seed_places) -> None:
    out = geo.country_documents(seed_places, seed_corpus.documents, "LAO")
    assert len(out) == 2
    assert out["mentions"].tolist() == sorted(out["mentions"], reverse=True)
    assert set(out["doc_id"]) == set(seed_corpus.documents["doc_id"])
    assert geo.country_documents(seed_places, seed_corpus.documents, "USA").empty


def test_the_choropleth_draws_each_country_once_on_cividis(seed_corpus, seed_places) -> None:
    counts = geo.country_counts(seed_places, seed_corpus.documents)
    fig = geo.world_map(counts)
    assert fig is not None
    base, data = fig.data
    assert list(data.locations) == ["CHN", "LAO"] and list(data.z) == [2, 2]
    assert [c[1] for c in data.colorscale] == charts.px.colors.sequential.Cividis
    drawn = set(base.locations) | set(data.locations)
    assert drawn == set(geo.country_names()) and not set(base.locations) & set(data.locations)
    for trace in (base, data):  # each trace carries exactly its countries' shapes
        assert sorted(f["id"] for f in trace.geojson["features"]) == sorted(trace.locations)
        assert trace.featureidkey == "id"
    assert "Laos" in data.text[1] and "2 documents" in data.text[1]
    assert fig.layout.geo.visible is False


def test_hover_text_is_escaped() -> None:
    counts = pd.DataFrame({"country": ["LAO"], "name": ["Laos"], "documents": [1],
                           "mentions": [1], "places": ["<b>Vientiane</b>"], "drawn": [True]})
    fig = geo.world_map(counts)
    assert fig is not None
    assert "&lt;b&gt;Vientiane&lt;/b&gt;" in fig.data[1].text[0]


def test_nothing_to_draw_is_none() -> None:
    assert geo.world_map(pd.DataFrame(columns=geo.COUNTS_COLUMNS)) is None
