"""Countries: the shapes the Map page draws, the places of a view, documents per country,
and the world map (pure: DataFrames in, tables and a Plotly figure out; no Streamlit).

The shapes are ``dashboard/data/world.geojson``: Natural Earth's 1:110m countries (public
domain), one feature per ISO 3166-1 alpha-3 code, built once by ``tools/build_world.py``
and committed, so nothing is fetched to draw them. plotly.js still loads a topojson for
the base map of any ``geo`` subplot (from cdn.plot.ly unless told otherwise, even when
every trace brings its own GeoJSON and the base layers are off), so the page points its
``topojsonURL`` at ``dashboard/static/world_110m.json``, an empty topojson served by
Streamlit's static serving: the base layers draw nothing, our GeoJSON draws the countries.

Where a country is mentioned comes from two tables of the corpus:

* ``places`` (``doc_id, sentence_id, start, end, surface, country, place, kind``): the
  places the text mentions, ``country`` an alpha-3 code; read when the corpus has it;
* the ``country`` facet: a CSV/JSONL column named ``country`` holding alpha-3 codes
  (``CHN;LAO``), for corpora that come tagged.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from metrics import pipeline

WORLD = Path(__file__).with_name("data") / "world.geojson"
TOPOJSON_URL = "app/static/"  # relative to the page: works under a server.baseUrlPath too
PLACES_COLUMNS = pipeline.COLUMNS["places"]
COUNTRY_FACET = "country"
TAGGED = "tagged"  # the kind of a place row that comes from the ``country`` facet
COUNTS_COLUMNS = ["country", "name", "documents", "mentions", "places", "drawn"]
NO_DOCUMENTS = "#e4e6eb"  # countries nobody mentions: a light grey, outside the scale
BORDER = "#ffffff"


@cache
def world() -> dict:
    """The country shapes (a GeoJSON FeatureCollection, ``id`` = alpha-3 code)."""
    return json.loads(WORLD.read_text(encoding="utf-8"))


@cache
def country_names() -> dict[str, str]:
    """Alpha-3 code -> the country's name, for every country the map can draw."""
    return {f["id"]: f["properties"]["name"] for f in world()["features"]}


def has_places(corpus: object) -> bool:
    """True when the corpus carries a ``places`` table."""
    return isinstance(getattr(corpus, "places", None), pd.DataFrame)


def places_of(corpus: object, facets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The place rows of ``corpus`` (its ``places`` table when it has one) and, from the
    ``country`` facet rows in ``facets``, one row per tagged document and country (kind
    ``tagged``); always the ``PLACES_COLUMNS``, country codes upper case."""
    frames = []
    table = getattr(corpus, "places", None)
    if isinstance(table, pd.DataFrame) and not table.empty:
        frames.append(table.reindex(columns=PLACES_COLUMNS))
    if facets is not None and not facets.empty:
        tags = facets[facets["facet"] == COUNTRY_FACET]
        if not tags.empty:
            frames.append(pd.DataFrame({
                "doc_id": tags["doc_id"].to_numpy(), "sentence_id": pd.NA, "start": pd.NA,
                "end": pd.NA, "surface": "", "country": tags["value"].to_numpy(),
                "place": "", "kind": TAGGED}))
    if not frames:
        return pd.DataFrame(columns=PLACES_COLUMNS)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].copy()
    out["country"] = out["country"].fillna("").astype(str).str.strip().str.upper()
    return out[out["country"] != ""].reset_index(drop=True)


def _top(values: pd.Series, n: int = 3) -> str:
    counts = values[values.fillna("").astype(str) != ""].astype(str).value_counts()
    return ", ".join(f"{v} ({c})" if c > 1 else v for v, c in counts.head(n).items())


def country_counts(places: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per country, among ``documents``: its name, the documents that mention it (each
    counted once however often), the mentions, its most frequent places as written
    ("Vientiane (3), Lao"), and whether the map can draw it (``drawn``: the 1:110m shapes
    leave out small countries such as Singapore). Most documents first."""
    rows = places[places["doc_id"].isin(documents["doc_id"])]
    if rows.empty:
        return pd.DataFrame(columns=COUNTS_COLUMNS)
    key = rows["country"]
    written = rows["surface"].where(rows["surface"].fillna("").astype(str) != "",
                                    rows["place"])
    g = pd.DataFrame({
        "documents": rows["doc_id"].groupby(key).nunique(),
        "mentions": (rows["kind"] != TAGGED).groupby(key).sum().astype(int),
        "places": written.groupby(key).agg(_top),
    }).rename_axis("country").reset_index()
    names = country_names()
    fallback = rows[rows["kind"] == "country"].groupby("country")["place"].agg(
        lambda s: s.mode().iloc[0] if not s.mode().empty else "")
    g["name"] = [names.get(c) or fallback.get(c) or c for c in g["country"]]
    g["drawn"] = g["country"].isin(names)
    g = g.sort_values(["documents", "name"], ascending=[False, True], ignore_index=True)
    return g[COUNTS_COLUMNS]


def country_documents(places: pd.DataFrame, documents: pd.DataFrame,
                      country: str) -> pd.DataFrame:
    """The ``documents`` that mention ``country`` (doc_id, title, date, source, how often,
    and how it is written), most mentions first."""
    rows = places[(places["country"] == country) & places["doc_id"].isin(documents["doc_id"])]
    cols = ["doc_id", "title", "date", "source", "mentions", "as written"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    g = pd.DataFrame({
        "mentions": (rows["kind"] != TAGGED).groupby(rows["doc_id"]).sum().astype(int),
        "as written": rows["surface"].groupby(rows["doc_id"]).agg(_top),
    }).rename_axis("doc_id").reset_index()
    out = documents[["doc_id", "title", "date", "source"]].merge(g, on="doc_id")
    return out.sort_values(["mentions", "date"], ascending=[False, False],
                           ignore_index=True)[cols]


def _features(ids: set[str]) -> dict:
    return {"type": "FeatureCollection",
            "features": [f for f in world()["features"] if f["id"] in ids]}


def world_map(counts: pd.DataFrame, height: int = 520) -> go.Figure | None:
    """A choropleth of documents per country on the Cividis scale, every other country in
    light grey; hover: the country's name and its documents. None when no country with
    documents can be drawn. Each trace carries only its own countries' shapes, so the
    figure holds the world once (about 170 KB)."""
    drawn = counts[counts["drawn"] & (counts["documents"] > 0)]
    if drawn.empty:
        return None
    names = country_names()
    rest = sorted(set(names) - set(drawn["country"]))
    base = go.Choropleth(
        geojson=_features(set(rest)), locations=rest, z=[0] * len(rest),
        featureidkey="id", colorscale=[[0, NO_DOCUMENTS], [1, NO_DOCUMENTS]],
        showscale=False, marker={"line": {"color": BORDER, "width": 0.5}},
        unselected={"marker": {"opacity": 0.5}},
        customdata=[charts.esc(names[c]) for c in rest],
        hovertemplate="<b>%{customdata}</b><br>no documents<extra></extra>", name="")
    docs = drawn["documents"].astype(int)
    top = max(int(docs.max()), 1)
    hover = [f"<b>{charts.esc(n)}</b><br>{charts.plural(int(d), 'document')}"
             + (f"<br>{charts.esc(p, 120)}" if p else "")
             for n, d, p in zip(drawn["name"], docs, drawn["places"], strict=True)]
    data = go.Choropleth(
        geojson=_features(set(drawn["country"])), locations=drawn["country"].tolist(),
        z=docs.tolist(), featureidkey="id", colorscale=charts.SEQUENTIAL,
        zmin=0, zmax=top, text=hover, hoverinfo="text",
        marker={"line": {"color": BORDER, "width": 0.5}}, name="documents",
        unselected={"marker": {"opacity": 0.5}},  # a clicked country stands out, others stay
        colorbar={"title": {"text": "documents"}, "thickness": 14, "len": 0.7,
                  "tickformat": ",d", **({"dtick": 1} if top <= 10 else {})})
    return charts._figure(
        [base, data], "Documents per country",
        subtitle="documents that mention the country (each counted once)",
        height=height, margin={"l": 0, "r": 0, "t": 60, "b": 0},
        geo={"visible": False, "resolution": 110, "showframe": False,
             "projection": {"type": "natural earth"},
             "lataxis": {"range": [-58, 85]}, "bgcolor": "rgba(0,0,0,0)"})


def mapped_documents(places: pd.DataFrame, documents: pd.DataFrame) -> int:
    """How many of ``documents`` mention at least one country."""
    return int(places.loc[places["doc_id"].isin(documents["doc_id"]), "doc_id"].nunique())
