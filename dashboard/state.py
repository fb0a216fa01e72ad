"""What a page reads: the corpus entry and the filtered view, handed over by app.py."""

from __future__ import annotations

import streamlit as st

from dashboard.corpora import Entry, current_entry
from dashboard.filters import Filters, View, view


def set_context(entry: Entry, current: View) -> None:
    """Hand the corpus and the filtered view to the page about to run (called by app.py)."""
    st.session_state["_entry"] = entry
    st.session_state["_view"] = current


def context() -> tuple[Entry, View]:
    """The corpus entry and the filtered view for the running page."""
    ss = st.session_state
    if "_entry" not in ss or "_view" not in ss:  # a page run without app.py: no filters
        entry = current_entry()
        set_context(entry, view(entry, Filters()))
    return ss["_entry"], ss["_view"]
