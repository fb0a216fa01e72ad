"""Data: choose the corpus, upload documents and a taxonomy, see problems, download."""

import pandas as pd
import streamlit as st

from dashboard import corpora, state, ui
from metrics import export, sentiment

TONE_NAMES = {"textblob": "TextBlob (default)", "vader-finance": "VADER + finance words"}

entry, v = state.context()
ss = st.session_state

st.title("Data")

st.subheader("Corpus")
choices = list(corpora.available_corpora())
paths = corpora.available_corpora()
names = {name: "Bundled seeds" if name == corpora.SEEDS_NAME
         else f"{name} (stream store)" if corpora.is_stream(paths[name])
         else f"{name} (server)" for name in choices}
if isinstance(ss.get("upload_entry"), corpora.Entry):
    choices.append(corpora.UPLOAD)
    names[corpora.UPLOAD] = f"Uploaded: {ui.md(ss['upload_entry'].name)}"  # file names
current = entry.origin if entry.origin in choices else corpora.SEEDS_NAME
picked = st.radio("Analyse", choices, index=choices.index(current), format_func=names.get,
                  horizontal=True, key=f"corpus_choice_{current}")
if picked != current:
    corpora.use_corpus(picked)
    st.rerun()

tones = [name for name in sentiment.ANALYZERS if sentiment.available(name)]
tone_now = entry.analyzer if entry.analyzer in tones else sentiment.DEFAULT
tone_picked = st.radio(
    "Tone analyzer", tones, index=tones.index(tone_now), horizontal=True,
    key=f"tone_choice_{tone_now}", format_func=lambda n: TONE_NAMES.get(n, n),
    help="How sentences are scored for tone. TextBlob is the default; see 'How far to "
         "trust this' on the Sentiment page for how often each agrees with people.")
missing = [name for name in sentiment.ANALYZERS if name not in tones]
if missing:
    st.caption("Not installed here: " + ", ".join(
        f"{n} (`pip install 'themewatch[tone]'`)" for n in missing) + ".")
if tone_picked != tone_now:
    ss[corpora.ANALYZER_KEY] = tone_picked
    st.rerun()

if corpora.stream_dirs():
    with st.form("open_store", border=True):
        raw = st.text_input(
            "Open a stream store by path", key="store_path",
            placeholder="news.duckdb", help="A store filled by `themewatch ingest`, inside "
            + ", ".join(f"`{d}`" for d in corpora.stream_dirs())
            + " (the folders the operator allows); a relative path starts in the first.")
        if st.form_submit_button("Open store", icon=":material/database:", key="open_store"):
            try:
                corpora.open_store(raw)
            except ValueError as exc:
                st.error(f"Not opened: {ui.md(exc)}")
            else:
                st.rerun()

earlier = ss.get("upload_files") or []
with st.form("upload", clear_on_submit=True, border=True):
    files = st.file_uploader(
        "Upload documents", type=corpora.UPLOAD_TYPES, accept_multiple_files=True,
        help="Plain text, Markdown, HTML, or CSV/JSONL with a `text` column (optional `id`, "
             "`title`, `date`, `source`, `url`). Several files at once; a later upload adds "
             "to the earlier ones.")
    taxonomy = st.file_uploader(
        "Theme taxonomy (optional)", type=["toml"],
        help="A TOML file with one [themes.<id>] table per theme: label, iptc, terms.")
    submitted = st.form_submit_button("Analyse uploads", type="primary",
                                      icon=":material/play_arrow:")
if earlier:
    st.caption(f"Uploaded so far: {ui.md(', '.join(n for n, _ in earlier))}. New files are "
               "added to these.")
    st.button("Start over (forget the uploads)", on_click=corpora.clear_uploads,
              key="clear_uploads", icon=":material/delete:")
if submitted:
    try:
        if corpora.handle_uploads(files or [], taxonomy):
            st.rerun()
        elif not files:
            st.warning("Choose at least one file to upload first.")
    except corpora.TaxonomyError as exc:
        st.error(f"The taxonomy was not used: {exc}")

for problem in entry.corpus.stats.warnings:  # e.g. the analysis store could not be used
    st.warning(ui.md(problem), icon=":material/warning:")

errors = entry.corpus.errors
if not errors.empty:
    st.subheader("Problems reading the input")
    for path, row, reason, severity in errors.head(25).itertuples(index=False):
        where = path if pd.isna(row) else f"{path}, row {row}"
        verb = "skipped" if severity == "error" else "note"
        st.warning(f"**{ui.md(where)}** ({verb}): {ui.md(reason)}", icon=":material/warning:")
    if len(errors) > 25:
        st.caption(f"…and {len(errors) - 25:,} more, listed in the errors table below.")

st.subheader("Download")
stem = corpora.file_stem(entry)
scope = "filtered by the sidebar" if v.filters.active else "the whole corpus"
st.caption(f"Every table as CSV ({scope}), safe to open in a spreadsheet: cells that would "
           "run as formulas are prefixed with `'`.")
tabs = v.tables()
cols = st.columns(3)
for i, (name, frame) in enumerate(tabs.items()):
    with cols[i % 3]:
        ui.csv_download(f"{name}.csv · {ui.count(len(frame), 'row')}", frame,
                        f"{stem}_{name}.csv",
                        key=f"dl_{name}")
total = sum(len(f) for f in tabs.values())
zip_data = (export.zip_tables(tabs, prefix=f"{stem}_") if total <= ui.EAGER_DOWNLOAD_ROWS
            else (lambda: export.zip_tables(tabs, prefix=f"{stem}_")))
st.download_button("All tables (ZIP)", zip_data, file_name=f"{stem}.zip",
                   mime="application/zip", key="dl_zip", type="primary", on_click="ignore",
                   icon=":material/folder_zip:")

with st.expander("Errors table"):
    ui.table(errors, "No problems: every input was read.")
