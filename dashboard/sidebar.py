"""The sidebar: the corpus shown, the filter widgets (bound to the URL, so a copied link
opens the same view) and "Clear filters". One widget per row of ``filters.SPECS``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from dashboard import filters, lookups, ui
from dashboard.corpora import UPLOAD, Entry
from dashboard.filters import Filters

MAX_DOC_OPTIONS = 300  # documents listed in the sidebar's Documents filter (large corpora)


def render(entry: Entry) -> Filters:
    """Draw the sidebar's corpus caption and filters; the filters chosen."""
    st.caption(f"Corpus **{ui.md(entry.name)}** · {ui.count(len(entry.corpus), 'document')}")
    chosen = filter_widgets(entry)
    if chosen.active:
        st.button("Clear filters", on_click=clear_filters, args=(entry,),
                  icon=":material/filter_alt_off:", key="clear_filters")
    share = "Copy the address bar to share this view: page and filters are in the link."
    if entry.origin == UPLOAD:
        share += " Uploaded files are not in links: a colleague opening one sees the seeds."
    st.caption(share)
    return chosen


def clear_filters(entry: Entry) -> None:
    """Reset every sidebar filter (by assignment, so the browser's widgets follow)."""
    ss = st.session_state
    for spec in filters.SPECS:
        value = spec.cleared(entry)
        if value is None:
            ss.pop(spec.key, None)
        else:
            ss[spec.key] = value


def filter_widgets(entry: Entry) -> Filters:
    """Render the sidebar filters (bound to the URL) and return the current choices."""
    ss = st.session_state
    if ss.get("_filters_for") not in (None, entry.key):
        clear_filters(entry)  # another corpus: its filter values no longer apply
    ss["_filters_for"] = entry.key
    values: dict[str, object] = {}
    for spec in filters.SPECS:
        values[spec.key] = WIDGETS[spec.key](entry, values)
    return filters.read(entry, values)


def _dates(entry: Entry, shown: dict[str, object]) -> object:
    bounds = lookups.date_bounds(entry)
    if not bounds:
        return None
    return st.date_input("Date range", value=bounds, min_value=bounds[0],
                         max_value=bounds[1], key="dates", bind="query-params",
                         help="Documents dated within this range (undated documents "
                              "are left out once the range is narrowed).")


def _documents(entry: Entry, shown: dict[str, object]) -> object:
    labels = lookups.doc_labels(entry)
    others = {k: st.session_state.get(k) for k in filters.KEYS if k != "doc"} | shown
    options = doc_choices(entry, filters.read(entry, others))
    return st.multiselect(
        "Documents", options, format_func=labels.__getitem__, key="doc",
        bind="query-params", placeholder="All documents",
        help=None if len(options) >= len(labels) else
        f"Lists the first {MAX_DOC_OPTIONS:,} documents that match the other filters: "
        "narrow them with *Search text*, *Themes* or the dates to find others.")


def _themes(entry: Entry, shown: dict[str, object]) -> object:
    themes = lookups.theme_options(entry)
    return st.multiselect("Themes", list(themes), format_func=themes.__getitem__,
                          key="theme", bind="query-params", placeholder="All themes",
                          help="Documents about any of these themes; sentence and figure "
                               "tables keep the sentences tagged with them.")


def _kinds(entry: Entry, shown: dict[str, object]) -> object:
    return st.multiselect("Figure kinds", list(filters.KINDS), key="kind",
                          bind="query-params", placeholder="All kinds")


def _search(entry: Entry, shown: dict[str, object]) -> object:
    return st.text_input("Search text", key="q", bind="query-params",
                         placeholder="word or phrase",
                         help="Documents whose title or text contains this (any case).")


WIDGETS: dict[str, Callable[[Entry, dict[str, object]], object]] = {
    "dates": _dates, "doc": _documents, "theme": _themes, "kind": _kinds, "q": _search}
"""The widget of each filter key; each gets the values of the widgets drawn before it."""


def doc_choices(entry: Entry, others: Filters) -> list[str]:
    """The Documents filter's options: every document of a small corpus; of a large one
    the chosen documents and the first ``MAX_DOC_OPTIONS`` matching the ``others``
    filters (a widget with 10,000 options is slow to send and to draw at every rerun)."""
    labels = lookups.doc_labels(entry)
    if len(labels) <= MAX_DOC_OPTIONS:
        return list(labels)
    chosen = st.session_state.get("doc")
    if chosen is None:  # a link: the URL holds the documents' labels (the shown options)
        by_label = entry.memo.remember("doc_by_label",
                                       lambda: {v: k for k, v in labels.items()})
        chosen = [by_label.get(x, x) for x in st.query_params.get_all("doc")]
    ids = entry.corpus.documents["doc_id"]
    mask = filters.doc_mask(entry, others)
    first = np.flatnonzero(mask)[:MAX_DOC_OPTIONS] if mask is not None \
        else np.arange(min(MAX_DOC_OPTIONS, len(ids)))
    return list(dict.fromkeys([d for d in chosen if d in labels]
                              + ids.take(first).tolist()))
