"""Map: documents per country, the countries' places, and the documents of a country."""

import streamlit as st

from dashboard import corpora, geo, state, ui

entry, v = state.context()

st.title("Map")
st.caption("Which countries the documents name: for each country, how many of the documents "
           "the filters keep mention it (each counted once, however often). Click a country "
           "to list its documents.")

places = entry.memo.remember("map_places", lambda: geo.places_of(entry.corpus,
                                                                 entry.corpus.facets))
if places.empty:
    if geo.has_places(entry.corpus):
        st.info("No document of this corpus mentions a country.", icon=":material/info:")
    else:
        st.info("This corpus has no places table, so there is nothing to map yet. A CSV or "
                "JSONL corpus with a `country` column of ISO 3166-1 alpha-3 codes "
                "(`CHN;LAO`) is mapped by that column.", icon=":material/info:")
    st.stop()

counts = entry.memo.derived("country_counts", lambda: geo.country_counts(places, v.documents),
                            v.documents)
if counts.empty:
    st.info("No document the filters keep mentions a country.", icon=":material/info:")
    st.stop()

names = dict(zip(counts["country"], counts["name"], strict=True))


def _clicked() -> None:
    """A country clicked on the map becomes the one whose documents are listed below."""
    points = st.session_state.get("map_chart", {}).get("selection", {}).get("points", [])
    codes = [p.get("location") for p in points if p.get("location") in names]
    if codes:
        st.session_state["country"] = codes[0]


mapped = geo.mapped_documents(places, v.documents)
countries = f"{len(counts):,} " + ("country" if len(counts) == 1 else "countries")
st.caption(f"{ui.count(mapped, 'document')} of {len(v.documents):,} mention {countries}.")
if st.get_option("server.enableStaticServing"):
    ui.plot(entry.memo.derived("world_map", lambda: geo.world_map(counts), v.documents),
            "None of these countries is large enough to draw on a 1:110m map.",
            key="map_chart", config={"topojsonURL": geo.TOPOJSON_URL}, on_click=_clicked)
else:  # plotly.js would fetch its base map from a CDN: never, the dashboard runs offline
    st.warning("The map needs `server.enableStaticServing = true` (as in the repository's "
               ".streamlit/config.toml) to draw without fetching anything; the table below "
               "has every country.", icon=":material/map:")
small = counts.loc[~counts["drawn"], "name"].tolist()
if small:
    st.caption("Too small for the 1:110m map, in the table only: "
               + ", ".join(ui.md(n) for n in small[:20]) + (" …" if len(small) > 20 else ""))

st.subheader("Countries")
# a corpus tagged by a country column has no mentions or places as written: no empty columns
shown = [c for c in ("name", "country", "documents", "mentions", "places")
         if c not in ("mentions", "places") or counts[c].astype(bool).any()]
ui.table(counts, "No countries.", column_order=shown,
         column_config={"name": "country", "country": "code",
                        "documents": ui.number(help="documents that mention the country"),
                        "mentions": ui.number(help="times the text names it or a place in it"),
                        "places": st.column_config.TextColumn(
                            "places", width="large", help="most frequent, as written")})
ui.csv_download("Download the countries (CSV)", counts.drop(columns="drawn"),
                f"{corpora.file_stem(entry)}_countries.csv", key="dl_countries")

st.subheader("Documents that mention a country")
country = st.selectbox("Country", list(names), key="country", bind="query-params",
                       format_func=lambda c: names.get(c, c),  # the link reads ?country=Laos
                       help="Most documents first; or click a country on the map.")
of_country = entry.memo.derived(
    "country_documents", lambda: geo.country_documents(places, v.documents, country),
    v.documents, extra=(country,))
ui.table(of_country, "No document the filters keep mentions this country.",
         column_order=[c for c in of_country.columns if c == "title" or c not in (
             "mentions", "as written") or of_country[c].astype(bool).any()],
         column_config={"doc_id": None, "title": st.column_config.TextColumn(
             "title", width="large"), "date": st.column_config.DateColumn("date"),
                        "mentions": ui.number()})
