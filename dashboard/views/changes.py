"""Changes: what rose and what fell in one period against the periods before it."""

import streamlit as st

from dashboard import corpora, news, news_charts, news_tables, state, ui
from metrics import changes

SHOWN_EVIDENCE = 8  # changes per direction with an evidence panel

entry, v = state.context()

st.title("Changes")
st.caption("What rose and what fell in one period against the earlier periods that have "
           "documents: themes, key phrases, taxonomy terms, facets and measures, scored by "
           "Dunning's G² on document counts. Only the documents' own dates count; the "
           "sidebar's filters apply.")

period, labels, (c2, c3) = news.period_controls(v)
at = c2.selectbox("Period compared", labels[::-1], key="at", bind="query-params",
                  help="The latest period with documents unless chosen.")
baseline = int(c3.number_input(
    "Baseline: earlier periods", min_value=1, max_value=60,
    value=changes.DEFAULT_BASELINE[period], key="baseline", bind="query-params",
    help="How many earlier periods with documents the period is compared with."))

win = changes.window(v, period, news_tables.period_start(at, period), baseline)  # type: ignore[arg-type]
if win is None or win.baseline_docs.empty:
    st.info(f"{at} is the first {period} with documents: there is no earlier period to "
            "compare it with. Choose a later period, or a shorter one.",
            icon=":material/info:")
    st.stop()
baseline_span = news_tables.span(win.baseline)
st.caption(f"**{at}**: {ui.count(len(win.docs), 'document')}, against "
           f"{ui.count(len(win.baseline_docs), 'document')} in {ui.md(baseline_span)} "
           f"({ui.count(len(win.baseline), period)}). A key needs {changes.MIN_COUNT} "
           "documents, p < 0.05 and at least a doubling or halving of its share.")

table = news.changes_of(entry, v, period, at, baseline)
ui.plot(news_charts.rising_shares(table),
        f"Nothing rose significantly in {at} against its baseline.", key="rising_chart")

COLUMNS = {
    "kind": st.column_config.TextColumn("kind", width="small"),
    "label": st.column_config.TextColumn("key", width="medium"),
    "documents": st.column_config.TextColumn(
        "documents", help="Documents holding the key: in the period vs in the baseline"),
    "share": ui.number("percent", "share now"),
    "baseline_share": ui.number("percent", "share before"),
    "change": ui.number("%+.1f pp", "change", help="Share now minus share before, in "
                                                   "percentage points"),
    "score": ui.number("%.1f", help="Dunning's log-likelihood ratio G² (3.84: p < 0.05)"),
    "effect": ui.number("%+.2f", help="log2 ratio of the smoothed shares (+1: doubled)"),
    "evidence": ui.number("%d", "evidence", help="Documents listed as evidence"),
    "key": None,
}

for direction, title, empty in (("up", "Rose", "Nothing rose"), ("down", "Fell", "Nothing fell")):
    st.subheader(title)
    shown = news_tables.change_table(table, direction)
    ui.table(shown, f"{empty} significantly in {at}.", column_config=COLUMNS,
             key=f"changes_{direction}")
    rows = table[table["direction"] == direction].head(SHOWN_EVIDENCE)
    for row in rows.itertuples(index=False):
        ids = row.evidence.split(";") if row.evidence else []
        counts = news_tables.counts_text(row.count, row.n, row.baseline_count, row.baseline_n)
        with st.expander(f"{ui.md(row.label)} ({row.kind}) · {counts}"):
            where = "this period" if direction == "up" else "the baseline"
            st.caption(f"Evidence: {ui.count(len(ids), 'document')} of {where}.")
            ui.table(news_tables.evidence_sentences(row.kind, row.key, ids, v.sentences,
                                                    v.figures, v.documents,
                                                    places=v.places),
                     "No sentence to show.", column_config={
                         "sentence": ui.SENTENCE, "doc_id": None, "sentence_id": None,
                         "document": st.column_config.TextColumn("document", width="medium")})

if not table.empty:
    ui.csv_download("Download these changes (CSV)", table,
                    f"{corpora.file_stem(entry)}_changes_{at}.csv", key="dl_changes")
