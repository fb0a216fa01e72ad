"""Themes: what the documents are about, how strongly, and in what tone."""

import streamlit as st

from dashboard import charts, fast_tables, lookups, periods, state, tables, ui

entry, v = state.context()

st.title("Themes")
st.caption(f"Themes of {ui.md(entry.taxonomy_name)} matched in the documents, and key "
           "phrases discovered in them (so a subject the taxonomy lacks still shows).")

if v.themes.empty:
    st.info("No taxonomy theme was matched in the filtered documents. Key phrases below "
            "still show what they are about.", icon=":material/info:")
else:
    freq = periods.grain(v.documents["date"])
    by_period = entry.memo.derived(
        "heatmap_periods", lambda: periods.attention(v.documents, v.themes, freq, top=15),
        v.documents, v.themes, extra=(freq,))
    if by_period["period"].nunique() >= 2:
        ui.plot(charts.theme_period_heatmap(by_period), "Nothing to map.")
        left_out = periods.undated(v.documents)
        if left_out:
            st.caption(f"{ui.count(left_out, 'undated document')} "
                       f"{'is' if left_out == 1 else 'are'} left out of this heatmap.")
    with st.expander("Themes by document, for documents you choose",
                     expanded=by_period["period"].nunique() < 2 and len(v.documents) <= 12):
        labels = lookups.doc_labels(entry)
        shown = v.documents["doc_id"].head(300).tolist()
        chosen = st.multiselect("Documents", shown, default=shown[:8],
                                format_func=lambda d: labels.get(d, d), max_selections=12,
                                key="theme_docs")
        mine = v.themes[v.themes["doc_id"].isin(chosen)]
        ui.plot(charts.theme_heatmap(mine, v.documents, max_docs=12),
                "Choose documents to compare their themes.")
    left, right = st.columns(2)
    with left:
        shape = st.segmented_control("Share as", ["bars", "treemap"], default="bars",
                                     key="theme_shape")
        fig = entry.memo.derived(
            "share", lambda: charts.theme_share_treemap(v.themes) if shape == "treemap"
            else charts.theme_share_bar(v.themes), v.themes, extra=(shape,))
        ui.plot(fig, "No theme hits.")
    with right:
        ui.plot(entry.memo.derived(
            "theme_tone", lambda: charts.theme_sentiment(charts.theme_tone(v.sentences,
                                                                           v.themes)),
            v.sentences, v.themes),
                f"No theme is mentioned in {charts.MIN_TONE_SENTENCES} sentences or more.")

left, right = st.columns(2)
with left:
    st.subheader("Matched terms")
    ui.table(entry.memo.derived("terms", lambda: fast_tables.theme_terms(entry, v), v.themes),
             "No matched terms.", column_config={
        "label": "theme", "terms": st.column_config.TextColumn("terms", width="large")})
with right:
    st.subheader("Key phrases")
    ui.table(entry.memo.derived("phrases", lambda: fast_tables.top_phrases(entry, v), v.phrases),
             "No key phrases.",
             column_config={"score": ui.number("%.2f")})

st.subheader("Sentences of a theme")
options = lookups.theme_options(entry)
found = set(v.themes["theme"].unique())
present = [t for t in options if t in found]
if not present:
    st.info("No theme to choose.", icon=":material/info:")
else:
    theme = st.selectbox("Theme", present, format_func=options.__getitem__,
                         key="theme_sentences")
    rows = fast_tables.theme_sentence_rows(entry, v, theme)  # corpus positions, all of them
    shown = entry.corpus.sentences.take(rows[:ui.MAX_ROWS])
    ui.table(entry.memo.derived("theme_sentences",
                                lambda: tables.theme_sentences(
                                    shown, v.documents, theme, lookups.theme_labels(entry),
                                    tagged=[True] * len(shown)),
                                v.documents, extra=(theme,)),
             "No sentence of the filtered documents carries this theme.",
             total=len(rows), key="theme_sentence_table",
             column_config={"text": ui.SENTENCE, "polarity": ui.POLARITY,
                            "subjectivity": ui.SUBJECTIVITY, "doc_id": None,
                            "sentence_id": None})
