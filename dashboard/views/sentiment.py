"""Sentiment: tone of sentences and documents (polarity and subjectivity), and how far to
trust it: each analyzer's agreement with people, lexicon traps, theme tone with its n."""

import streamlit as st

from dashboard import charts, state, tables, ui
from metrics import sentiment, sentiment_traps

entry, v = state.context()
ANALYZER_NAMES = {"textblob": "TextBlob's", "vader-finance": "VADER's (with finance words)"}

st.title("Sentiment")
st.caption("Polarity runs from −1 (negative) to +1 (positive); subjectivity from 0 "
           "(factual) to 1 (opinion). Scores are "
           f"{ANALYZER_NAMES.get(entry.analyzer, entry.analyzer)} lexicon-based estimates "
           "(choose the analyzer on the Data page).")

if v.sentences.empty:
    st.info("No sentences in the filtered documents.", icon=":material/info:")
    st.stop()

ui.plot(entry.memo.derived("scatter", lambda: charts.sentiment_scatter(v.sentences, v.documents),
                           v.sentences, v.documents),
        "No sentences to plot.")
ui.plot(entry.memo.derived("doc_tone", lambda: charts.document_polarity(v.documents), v.documents),
        "No document polarity to show.")

cols = {"text": ui.SENTENCE, "polarity": ui.POLARITY, "subjectivity": ui.SUBJECTIVITY,
        "doc_id": None, "sentence_id": None, "theme": None,
        "traps": st.column_config.TextColumn("lexicon traps", width="medium")}
order = ["polarity", "text", "traps", "document", "subjectivity"]
left, right = st.columns(2)
with left:
    st.subheader("Most positive sentences")
    ui.table(entry.memo.derived("positive", lambda: tables.with_traps(tables.extreme_sentences(
        v.sentences, v.documents, positive=True)), v.sentences, v.documents),
             "No sentence has a positive tone.", column_config=cols, column_order=order,
             key="positive_sentence_table")
with right:
    st.subheader("Most negative sentences")
    ui.table(entry.memo.derived("negative", lambda: tables.with_traps(tables.extreme_sentences(
        v.sentences, v.documents, positive=False)), v.sentences, v.documents),
             "No sentence has a negative tone.", column_config=cols, column_order=order,
             key="negative_sentence_table")

st.subheader("How far to trust this")
record = sentiment.agreement()
if record:
    st.markdown(
        f"Agreement with people: the share of the {record['sentences']:,} sentences of "
        f"**{ui.md(record['dataset'])}** (financial news, each labelled positive, neutral or "
        "negative by several annotators) that an analyzer labels as people did, with "
        f"polarity within ±{record['band']} counted as neutral. Always answering "
        "'neutral' is the floor to beat. Measured by `benchmarks/eval_sentiment.py`.")
    ui.table(tables.agreement_table(
        record, in_use=list(v.documents["analyzer"].unique()) if "analyzer" in v.documents
        else [entry.analyzer],
        installed=[n for n in sentiment.ANALYZERS if sentiment.available(n)]),
        "No agreement figures.", key="agreement_table",
        column_config={c: st.column_config.NumberColumn(c, format="%.3f")
                       for c in ("macro F1 (all)",)})
else:
    st.info("No agreement figures: run `python benchmarks/eval_sentiment.py --write`.",
            icon=":material/info:")
st.markdown("**Lexicon traps** flagged next to the sentences above, where a word-counting "
            "score is known to mislead:")
st.markdown("\n".join(f"- *{kind}*: {ui.md(text)}" for kind, text in
                       sentiment_traps.TRAPS.items()))
ui.plot(entry.memo.derived("theme_tone", lambda: charts.theme_sentiment(charts.theme_tone(
    v.sentences, v.themes)), v.sentences, v.themes),
    f"No theme has {charts.MIN_TONE_SENTENCES} or more sentences: a theme's tone over fewer "
    "is not shown.")
st.caption(f"Theme tone is the mean polarity of the sentences that mention the theme, "
           f"labelled with their number (n); themes with fewer than "
           f"{charts.MIN_TONE_SENTENCES} sentences are left out.")
