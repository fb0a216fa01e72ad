"""Sentiment: tone of sentences and documents (TextBlob polarity and subjectivity)."""

import streamlit as st

from dashboard import charts, state, tables, ui

entry, v = state.context()

st.title("Sentiment")
st.caption("Polarity runs from −1 (negative) to +1 (positive); subjectivity from 0 "
           "(factual) to 1 (opinion). Scores are TextBlob's lexicon-based estimates.")

if v.sentences.empty:
    st.info("No sentences in the filtered documents.", icon=":material/info:")
    st.stop()

ui.plot(entry.memo.derived("scatter", lambda: charts.sentiment_scatter(v.sentences, v.documents),
                           v.sentences, v.documents),
        "No sentences to plot.")
ui.plot(entry.memo.derived("doc_tone", lambda: charts.document_polarity(v.documents), v.documents),
        "No document polarity to show.")

cols = {"text": ui.SENTENCE, "polarity": ui.POLARITY, "subjectivity": ui.SUBJECTIVITY,
        "doc_id": None, "sentence_id": None, "theme": None}
order = ["polarity", "text", "document", "subjectivity"]
left, right = st.columns(2)
with left:
    st.subheader("Most positive sentences")
    ui.table(entry.memo.derived("positive", lambda: tables.extreme_sentences(
        v.sentences, v.documents, positive=True), v.sentences, v.documents),
             "No sentence has a positive tone.", column_config=cols, column_order=order,
             key="positive_sentence_table")
with right:
    st.subheader("Most negative sentences")
    ui.table(entry.memo.derived("negative", lambda: tables.extreme_sentences(
        v.sentences, v.documents, positive=False), v.sentences, v.documents),
             "No sentence has a negative tone.", column_config=cols, column_order=order,
             key="negative_sentence_table")
