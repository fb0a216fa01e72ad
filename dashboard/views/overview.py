"""Overview: the news first (the latest period, what rose and fell, alerts, the figures
worth reading), then KPI cards, the key figures, theme share, sentiment over time."""

import streamlit as st

from dashboard import charts, fast_tables, news, state, tables, ui

entry, v = state.context()

st.title("Overview")
st.caption(f"What the documents of **{ui.md(entry.name)}** report, what they are about and "
           "in what tone. Narrow it down with the filters in the sidebar.")

if v.documents.empty:
    st.info("No documents match the filters (or the corpus is empty). Clear a filter in the "
            "sidebar, or choose another corpus on the Data page.", icon=":material/info:")
    st.stop()

news.lead(entry, v)

cols = st.columns([1, 1, 1, 2])
# keyed by the view's rows, not its tables: reading v.figures would cut 800,000 rows at 100k
rows = (v.rows.get("documents"), v.rows.get("figures"))
kpis = entry.memo.derived("kpis", lambda: fast_tables.kpis(entry, v), *rows,
                          extra=(v.filters.guessed,))
for col, k in zip(cols, kpis, strict=True):
    delta_color = "off" if isinstance(k.delta, str) else "normal"
    delta = ui.md(k.delta) if isinstance(k.delta, str) else k.delta  # a theme label: data
    col.metric(k.label, ui.md(k.value), delta, help=k.help, border=True, delta_color=delta_color,
               delta_description=k.delta_description if k.delta is not None else None)
guessed = tables.guessed_dates_note(v.documents)
if guessed:
    st.caption(guessed)

st.subheader("Key figures")
kinds = [k for k in v.filters.kinds] or list(tables.KEY_KINDS)
st.caption("One row per measure, the most salient first (money, percentages and counts of "
           "things before small counts such as \"the two sides\"; then measures reported by "
           "more documents); kinds " + ", ".join(kinds) + " (years and dates are left out "
           "unless chosen under *Figure kinds*). The Figures page has every figure.")
ui.table(entry.memo.derived("key", lambda: fast_tables.key_figures(entry, v, kinds), *rows,
                            extra=(*kinds, v.filters.guessed)),
         "No figures of these kinds in the filtered documents.", key="key_figures_table",
         column_config={"shown": "figure", "surface": "as written", "value": None,
                        "document": st.column_config.TextColumn("document", width="medium"),
                        "sentence": ui.SENTENCE})

left, right = st.columns(2)
with left:
    ui.plot(entry.memo.derived("share", lambda: charts.theme_share_bar(
                totals=fast_tables.theme_totals(entry, v)), v.rows.get("themes")),
            "No taxonomy theme was found in these documents.")
with right:
    ui.plot(entry.memo.derived("tone", lambda: charts.sentiment_over_time(v.documents),
                               v.documents),
            "No document carries a date, so tone cannot be shown over time. The Sentiment "
            "page compares documents and sentences instead.")
