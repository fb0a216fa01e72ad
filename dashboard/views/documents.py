"""Documents: read one document with its figures and theme terms highlighted."""

import streamlit as st

from dashboard import lookups, state, tables, ui

MAX_LISTED = 500  # documents offered by the reader's list

entry, v = state.context()

st.title("Documents")

if v.documents.empty:
    st.info("No documents match the filters.", icon=":material/info:")
    st.stop()

labels = lookups.doc_labels(entry)
query = st.text_input("Find a document", key="reader_find", placeholder="title, source or date",
                      help="Searches the titles, sources and dates of every document the "
                           "filters keep; the list below offers the matches.")
ids = entry.memo.derived("reader_ids", lambda: tables.pick_documents(
    v.documents, query, MAX_LISTED), v.documents, extra=(query,))
if not ids:
    st.info(f"No document's title, source or date contains {query!r}.",
            icon=":material/info:")
    st.stop()
current = st.session_state.get("reader_doc")
if current not in ids and current in set(v.documents["doc_id"]) and not query:
    ids = [*ids, current]  # a document chosen by link stays chosen
doc_id = st.selectbox("Document", ids, format_func=lambda d: labels.get(d, d), key="reader_doc")
matches = len(v.documents) if not query else None
if matches is not None and matches > MAX_LISTED:
    st.caption(f"The list holds the first {MAX_LISTED:,} of {matches:,} documents: type in "
               "*Find a document* to reach any of them.")
doc = v.documents[v.documents["doc_id"] == doc_id].iloc[0]

meta = [f"**{ui.md(doc['source'])}**"]
if doc["date"] == doc["date"] and doc["date"] is not None:  # not NaT
    meta.append(f"{doc['date']:%d %B %Y}")
meta += [ui.count(doc["words"], "word"), ui.count(doc["figures"], "figure"),
         f"polarity {doc['polarity']:+.3f}"]
if doc["top_theme_label"]:
    meta.append(f"top theme {ui.md(doc['top_theme_label'])}")
st.caption(" · ".join(meta))
if ui.safe_url(doc["url"]):  # only http(s) links, never javascript: or data: URLs
    st.link_button("Open the original", str(doc["url"]), icon=":material/open_in_new:")

text = v.texts.get(doc_id, "")
figs = v.figures[v.figures["doc_id"] == doc_id]
spans = [tables.Span(int(s), int(e), "fig", f"{k}: {m}" if m else str(k))
         for s, e, k, m in zip(figs["start"], figs["end"], figs["kind"],
                               figs["measure"].fillna(""), strict=True)]
spans += [tables.Span(s, e, "theme", f"{label}: {term}")
          for s, e, label, term in lookups.reader_spans(entry, doc_id)]
if v.filters.query:
    spans += [tables.Span(s, s + len(v.filters.query), "hit", "search match")
              for s in tables.find_all(text, v.filters.query)]

reader, side = st.columns([3, 2])
with reader:
    st.html(tables.reader_html(text, spans))  # every piece of document text is escaped
with side:
    st.subheader("Figures")
    ui.table(tables.figures_display(figs, v.documents, lookups.theme_labels(entry)),
             "No figures in this document.",
             column_config={"document": None, "doc_id": None, "sentence_id": None,
                            "shown": "figure", "value": ui.number(), "sentence": None,
                            "unit": None, "change": None, "bound": None, "theme": None})
    st.subheader("Themes")
    ui.table(v.themes.loc[v.themes["doc_id"] == doc_id, ["label", "hits", "share", "terms"]],
             "No taxonomy theme in this document.",
             column_config={"share": st.column_config.ProgressColumn(
                 "share", format="percent", min_value=0.0, max_value=1.0)})
