"""Figures: every numeric expression, filterable, with charts and its sentence."""

import streamlit as st

from dashboard import charts, corpora, lookups, state, tables, ui

MAX_MEASURES = 200  # measures offered by "Follow a measure"

entry, v = state.context()

st.title("Figures")
st.caption("Every number the documents report, with what it measures and the sentence it "
           "comes from. These choices refine the sidebar's filters for this page.")

figs = v.figures
if figs.empty:
    st.info("No figures in the filtered documents. Clear the *Figure kinds* or other "
            "filters in the sidebar.", icon=":material/info:")
    st.stop()


def _options(column: str) -> list[str]:
    def make() -> list[str]:
        counts = figs[column].fillna("").value_counts()
        return [o for o in counts.index if o]
    return entry.memo.derived("figure_options", make, v.figures, extra=(column,))


labels = lookups.theme_labels(entry)
c1, c2, c3, c4, c5 = st.columns([1, 1.3, 1.6, 1, 1])
kinds = c1.multiselect("Kind", _options("kind"), placeholder="Any kind", key="fig_kind")
themes = c2.multiselect("Theme", _options("theme"), format_func=lambda t: labels.get(t, t),
                        placeholder="Any theme", key="fig_theme",
                        help="The top theme of the figure's sentence")
measures = c3.multiselect("Measure", _options("measure"), placeholder="All measures",
                          key="fig_measure")
qualifiers = c4.multiselect("Qualifier", _options("qualifier"), placeholder="Any",
                            key="fig_qualifier")
bounds = c5.multiselect("Bound", _options("bound"), placeholder="Any", key="fig_bound")
for column, chosen in (("kind", kinds), ("theme", themes), ("measure", measures),
                       ("qualifier", qualifiers), ("bound", bounds)):
    if chosen:
        figs = figs[figs[column].isin(chosen)]

picked = (tuple(kinds), tuple(themes), tuple(measures), tuple(qualifiers), tuple(bounds))
shown = entry.memo.derived("figures_table", lambda: tables.figures_display(
    figs.head(ui.MAX_ROWS), v.documents, lookups.theme_labels(entry)), v.figures, v.documents,
    extra=picked)
st.caption(ui.count(len(figs), "figure"))
ui.table(shown, "No figures match these choices.", total=len(figs), column_config={
    "document": st.column_config.TextColumn("document", width="medium"),
    "shown": st.column_config.TextColumn("figure", help="value with its unit"),
    "surface": "as written",
    "value": ui.number(help="fully scaled value"),
    "sentence": ui.SENTENCE, "doc_id": None, "sentence_id": None,
}, key="figures_table")
ui.csv_download("Download these figures (CSV)", figs, f"{corpora.file_stem(entry)}_figures.csv",
                key="dl_figures_page")

left, right = st.columns(2)
with left:
    ui.plot(entry.memo.derived("largest", lambda: charts.largest_figures(figs), v.figures,
                               extra=picked),
            "No amount here has both a measure and a positive value to compare.")
with right:
    counts = figs.loc[figs["measure"].fillna("") != "", "measure"].value_counts()
    if counts.empty:
        st.info("No figure here has a measure to follow across documents.",
                icon=":material/info:")
    else:
        # the most reported measures (thousands of options are slow to send and to draw)
        options = list(counts.index[:MAX_MEASURES])
        for keep in ("arrests", st.session_state.get("fig_follow")):
            if keep in counts.index and keep not in options:
                options.append(keep)
        default = options.index("arrests") if "arrests" in options else 0
        measure = st.selectbox("Follow a measure across documents", options, index=default,
                               format_func=lambda m: f"{m} ({counts[m]})",
                               key="fig_follow")
        ui.plot(entry.memo.derived("follow",
                                   lambda: charts.measure_over_time(figs, v.documents, measure),
                                   v.figures, v.documents, extra=(*picked, measure)),
                "This measure has no numeric values.")
