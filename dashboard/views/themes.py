"""Themes: what the documents are about, how strongly, and in what tone."""

import streamlit as st

from dashboard import charts, fast_tables, lookups, state, tables, ui

entry, v = state.context()

st.title("Themes")
st.caption(f"Themes of {ui.md(entry.taxonomy_name)} matched in the documents, and key "
           "phrases discovered in them (so a subject the taxonomy lacks still shows).")

if v.themes.empty:
    st.info("No taxonomy theme was matched in the filtered documents. Key phrases below "
            "still show what they are about.", icon=":material/info:")
else:
    ui.plot(entry.memo.derived("heatmap", lambda: charts.theme_heatmap(v.themes, v.documents),
                               v.themes, v.documents),
            "Nothing to map.")
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
             total=len(rows),
             column_config={"text": ui.SENTENCE, "polarity": ui.POLARITY,
                            "subjectivity": ui.SUBJECTIVITY, "doc_id": None,
                            "sentence_id": None})
