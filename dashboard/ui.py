"""Small layout helpers shared by the pages (Streamlit calls only, no analysis)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts
from metrics import export

MAX_ROWS = 500  # rows sent to the browser per table; downloads carry every row
EVIDENCE_COLUMNS = ("sentence", "text")  # shown whole for a selected row
EAGER_DOWNLOAD_ROWS = 1_000  # larger tables are turned into CSV only when clicked
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:])")
_DIRECTIVE = re.compile(r"\\:(?=\w)")


def md(text: object) -> str:
    """``text`` with Markdown (and HTML/LaTeX) specials backslash-escaped for st.markdown,
    and a zero-width word joiner after a colon that starts a word, so Streamlit reads no
    ``:red[...]``, ``:material/...:`` or ``:smile:`` in data."""
    return _DIRECTIVE.sub(":\u2060", _MD_SPECIAL.sub(r"\\\1", str(text)))


def safe_url(url: object) -> bool:
    """True for an absolute http(s) URL (the only kind the reader links to)."""
    return isinstance(url, str) and re.match(r"https?://[^\s]+$", url, re.IGNORECASE) is not None


count = charts.plural  # "1 document", "2,225 documents"


def plot(fig: go.Figure | None, empty: str, key: str | None = None,
         config: dict | None = None, on_click: Callable[[], None] | None = None) -> None:
    """Show a chart, or ``empty`` as an ``st.info`` when the builder had nothing to plot;
    ``config`` adds plotly.js options (the map's local ``topojsonURL``); ``on_click`` runs
    when a point is clicked (its selection is in ``st.session_state[key]``)."""
    if fig is None:
        st.info(empty, icon=":material/info:")
    elif on_click is None:
        st.plotly_chart(fig, config={**PLOTLY_CONFIG, **(config or {})}, key=key)
    else:
        st.plotly_chart(fig, config={**PLOTLY_CONFIG, **(config or {})}, key=key,
                        on_select=on_click, selection_mode="points")


def table(frame: pd.DataFrame, empty: str, *, column_config: dict | None = None,
          height: int | str = "auto", key: str | None = None, total: int | None = None,
          column_order: list[str] | None = None) -> None:
    """Show a table (at most ``MAX_ROWS`` rows, with a note), or ``empty`` as st.info.

    ``total`` is the full row count when ``frame`` was already cut to its first rows. A
    table with a ``key`` and a sentence (or text) column shows a selected row's sentence
    whole below it: the cell cuts it off, and it is the evidence.
    """
    if frame.empty:
        st.info(empty, icon=":material/info:")
        return
    shown = frame.head(MAX_ROWS)
    evidence = next((c for c in EVIDENCE_COLUMNS if c in shown.columns), None)
    if evidence is None or key is None:  # selecting a row needs a key: one table, one key
        st.dataframe(shown, hide_index=True, column_config=column_config, height=height,
                     key=key, column_order=column_order)
    else:  # the sentence is the evidence: a selected row shows it whole, not cut off
        event = st.dataframe(shown, hide_index=True, column_config=column_config,
                             height=height, key=key, column_order=column_order,
                             on_select="rerun", selection_mode="single-row")
        rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
        if rows and rows[0] < len(shown):
            st.text(str(shown[evidence].iloc[rows[0]]))  # plain text, never markdown
        else:
            st.caption(f"Select a row to read its {evidence if evidence != 'text' else 'sentence'}"
                       " in full.")
    total = max(total or 0, len(frame))
    if total > len(shown):
        st.caption(f"Showing the first {len(shown):,} of {total:,} rows; the download "
                   "buttons give them all.")


def csv_download(label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """An injection-safe CSV download of ``frame`` (built on click when large)."""
    data: bytes | Callable[[], bytes]
    if len(frame) <= EAGER_DOWNLOAD_ROWS:
        data = export.to_csv_bytes(frame)
    else:
        def data() -> bytes:
            return export.to_csv_bytes(frame)
    st.download_button(label, data, file_name=file_name, mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


def number(fmt: str = "localized", label: str | None = None, **kw: object) -> object:
    """A number column config."""
    return st.column_config.NumberColumn(label, format=fmt, **kw)


POLARITY = st.column_config.NumberColumn("polarity", format="%+.3f",
                                         help="TextBlob polarity, −1 negative … +1 positive")
SUBJECTIVITY = st.column_config.NumberColumn("subjectivity", format="%.2f",
                                             help="TextBlob subjectivity, 0 factual … 1 opinion")
SENTENCE = st.column_config.TextColumn("sentence", width="large")
