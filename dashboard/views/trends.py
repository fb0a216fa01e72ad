"""Trends: attention to themes, documents and tone per period, broken down by source or
facet. Only dated documents take part (trusted dates unless the sidebar says otherwise)."""

import streamlit as st

from dashboard import charts, lookups, periods, state, ui

entry, v = state.context()

st.title("Trends")
docs = v.documents
undated = periods.undated(docs) if not docs.empty else 0
which = ("publication dates and, for undated documents, dates guessed from their text"
         if v.filters.guessed else "publication dates only (never a date guessed from the "
         "text, unless you turn that on in the sidebar)")
st.caption(f"Per period, by {which}."
           + (f" {ui.count(undated, 'undated document')} of {len(docs):,} "
              f"{'is' if undated == 1 else 'are'} left out of these charts." if undated
              else ""))

if docs.empty or undated == len(docs):
    st.info("No dated documents match the filters, so nothing can be shown over time. "
            "Clear a filter, or turn on dates guessed from the text in the sidebar.",
            icon=":material/info:")
    st.stop()

# The three choices are in the URL (as the list shows them: ?trend_period=week&trend_by=
# topics&trend_measure=number+of+documents), defaults left out; an unknown value is dropped.
auto = periods.grain(docs["date"])
grains = ["auto", *periods.GRAINS]
left, right = st.columns(2)
picked = left.selectbox(
    "Period", grains, key="trend_period", bind="query-params",
    format_func=lambda g: f"automatic ({periods.GRAINS[auto]})" if g == "auto"
    else periods.GRAINS[g],
    help="Automatic: a day up to three months of dates, a week up to two years, else a "
         "month.")
freq = auto if picked == "auto" else picked
choices = [""] + (["source"] if docs["source"].nunique() > 1 else []) + list(
    lookups.facet_options(entry))
by_name = right.selectbox("Break down by", choices, key="trend_by", bind="query-params",
                          format_func=lambda c: c or "nothing (all documents)")
by = entry.memo.derived("trend_groups", lambda: periods.groups(docs, v.facets, by_name),
                        docs, extra=(by_name,)) if by_name else None

measure = st.radio("Attention as", ["share", "volume"], horizontal=True, key="trend_measure",
                   bind="query-params",
                   format_func={"share": "share of all documents",
                                "volume": "number of documents"}.get)
ui.plot(entry.memo.derived("attention", lambda: charts.attention_over_time(
    docs, v.themes, freq, measure, weak=entry.taxonomy.weak_terms()), docs, v.themes,
    extra=(freq, measure)),
    "No theme was found in the dated documents.", key="trend_attention")
ui.plot(entry.memo.derived("volume", lambda: charts.documents_over_time(
    docs, freq, by, by_name), docs, extra=(freq, by_name)),
    "No dated documents to count.", key="trend_volume")
ui.plot(entry.memo.derived("tone_periods", lambda: charts.tone_over_time(
    docs, freq, by, by_name), docs, extra=(freq, by_name)),
    "No dated document has a tone score.", key="trend_tone")
