"""Compare: two periods side by side (documents, tone, themes, phrases, figures)."""

import streamlit as st

from dashboard import corpora, news, news_charts, news_tables, state, ui

entry, v = state.context()

st.title("Compare")
st.caption("Two periods side by side: how many documents, in what tone, about which "
           "themes, with which key phrases and which figures. Only the documents' own dates "
           "count; the sidebar's filters apply.")

period, labels, (c2, c3) = news.period_controls(v)
labels = labels[::-1]  # newest first
if len(labels) < 2:
    st.info(f"The documents in view fall in a single {period} ({labels[0]}): there is "
            "nothing to compare it with. Choose a shorter period, or widen the dates in "
            "the sidebar.", icon=":material/info:")
    st.stop()
a = c2.selectbox("Period A", labels, index=1, key="a", bind="query-params")
b = c3.selectbox("Period B", labels, index=0, key="b", bind="query-params")

docs = v.documents
ids = {x: news_tables.period_docs(docs, period, x) for x in (a, b)}
left, right = st.columns(2)
for col, name in ((left, a), (right, b)):
    col.metric(f"Documents in {name}", f"{len(ids[name]):,}", border=True)

tones = {f"A: {a}": news_tables.tone(v.sentences.loc[v.sentences["doc_id"].isin(ids[a]),
                                                      "polarity"]),
         f"B: {b}": news_tables.tone(v.sentences.loc[v.sentences["doc_id"].isin(ids[b]),
                                                      "polarity"])}
ui.plot(news_charts.tone_intervals(tones), "No sentence in either period carries a tone.",
        key="compare_tone")
st.caption("Tone: " + " · ".join(f"{ui.md(k)} {ui.md(t)}" for k, t in tones.items()))
ui.plot(news_charts.theme_shares(news_tables.share_pair(docs, ids[a], ids[b]),
                                 (f"A: {a}", f"B: {b}")),
        "No document of either period has a top theme.", key="compare_themes")

left, right = st.columns(2)
for col, name, tag in ((left, a, "A"), (right, b, "B")):
    with col:
        st.subheader(f"{tag}: {name}")
        phrases = news_tables.top_phrases(v.phrases, ids[name])
        st.caption("Key phrases (documents): " + (", ".join(ui.md(p) for p in phrases)
                                                  or "none"))
        ui.table(news_tables.top_figures(v.figures, ids[name]),
                 "No figure with a measure in this period.",
                 key=f"compare_figures_{tag}", column_config={
                     "salience": ui.number("%.2f"), "sentence": ui.SENTENCE,
                     "doc_id": None})

table = news_tables.comparison(v, period, a, b)
with st.expander("The comparison as a table"):
    ui.table(table.astype(str), "Nothing to compare.", key="compare_table",
             column_config={"a": f"A: {a}", "b": f"B: {b}"})
ui.csv_download("Download the comparison (CSV)", table,
                f"{corpora.file_stem(entry)}_compare_{a}_{b}.csv", key="dl_compare")
