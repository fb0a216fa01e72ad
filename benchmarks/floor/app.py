"""The floor of ``bench_browser.py --floor``: a page of the Overview's shape with no data
work, to time what Streamlit and Chromium alone cost on this machine.

``st.navigation`` over one page; in the sidebar a multiselect ("Figure kinds", as the
dashboard's) and the "Corpus … · N documents" caption the harness reads; on the page a
title, four bordered ``st.metric`` cards, a 10-row ``st.dataframe`` (selectable and
keyed, as the key figures table) and two small plotly charts (15 bars; 60 markers and a
12-point line).
Everything is fixed data, built in microseconds.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

KINDS = ["count", "percent", "money", "quantity", "year", "date"]
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def overview() -> None:
    kinds = st.session_state.get("kind") or KINDS[:4]
    st.title("Overview")
    st.caption("A page of the Overview's shape, no data work: Streamlit and Chromium alone.")
    for col, (label, value) in zip(st.columns([1, 1, 1, 2]), [
            ("documents", "18,703"), ("sentences", "160,245"), ("figures", "98,112"),
            ("top theme", "Markets")], strict=True):
        col.metric(label, value, "+3%", border=True, help="a fixed number")
    st.subheader("Key figures")
    st.caption("kinds " + ", ".join(kinds))
    frame = pd.DataFrame({"measure": [f"measure {i}" for i in range(10)],
                          "figure": [f"{i * 1.5:.1f}%" for i in range(10)],
                          "kind": [kinds[i % len(kinds)] for i in range(10)],
                          "documents": list(range(10, 0, -1)),
                          "sentence": [f"Sentence {i} of a story, as written." for i in range(10)]})
    # selectable, as the dashboard's key figures (a keyed widget: ``.st-key-…``)
    st.dataframe(frame, hide_index=True, key="key_figures_table", on_select="rerun",
                 selection_mode="single-row")
    st.caption("Select a row to read its sentence in full.")
    left, right = st.columns(2)
    bars = go.Figure(go.Bar(x=[0.2 - i / 100 for i in range(15)],
                            y=[f"theme {i}" for i in range(15)], orientation="h"),
                     layout={"title": {"text": "Theme share"}, "height": 510})
    dates = pd.date_range("1987-01-01", periods=60, freq="D")
    points = go.Figure([go.Scatter(x=dates, y=[((i * 37) % 21 - 10) / 20 for i in range(60)],
                                   mode="markers", name="document"),
                        go.Scatter(x=dates[::5], y=[0.01 * i for i in range(12)],
                                   mode="lines", name="weekly mean")],
                       layout={"title": {"text": "Sentiment over time"}, "height": 360})
    left.plotly_chart(bars, config=CONFIG)
    right.plotly_chart(points, config=CONFIG)


with st.sidebar:
    st.multiselect("Figure kinds", KINDS, key="kind", placeholder="All kinds")
    st.caption("Corpus **floor** · 18,703 documents")
st.navigation([st.Page(overview, title="Overview", url_path="home", default=True)]).run()
