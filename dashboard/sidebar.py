"""The sidebar: the corpus shown (and, for a stream store, what was ingested since it was
read, with Refresh), the filter widgets (bound to the URL, so a copied link opens the same
view) and "Clear filters". One widget per row of ``filters.SPECS``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from dashboard import corpora, filters, lookups, ui
from dashboard.corpora import UPLOAD, Entry
from dashboard.filters import Filters, View

MAX_DOC_OPTIONS = 300  # documents listed in the sidebar's Documents filter (large corpora)


AUTO_REFRESH_S = 60  # seconds between looks at a stream store when auto-refresh is on


def render(entry: Entry) -> Filters:
    """Draw the sidebar's filters (the corpus caption goes in the slot ``caption`` fills,
    once the filtered view is known); the filters chosen."""
    chosen = filter_widgets(entry)
    if chosen.active:
        st.button("Clear filters", on_click=clear_filters, args=(entry,),
                  icon=":material/filter_alt_off:", key="clear_filters")
    share = "Copy the address bar to share this view: page and filters are in the link."
    if entry.origin == UPLOAD:
        share += " Uploaded files are not in links: a colleague opening one sees the seeds."
    st.caption(share)
    return chosen


def caption(slot: object, entry: Entry, current: View) -> None:
    """The corpus and how many of its documents the filters keep, in ``slot``."""
    total = len(entry.corpus)
    shown = len(current.documents)
    count = (ui.count(total, "document") if shown == total
             else f"{shown:,} of {ui.count(total, 'document')}")
    slot.caption(f"Corpus **{ui.md(entry.name)}** · {count}")


def stream_status(entry: Entry) -> None:
    """For a stream store: when it was read, how many documents were ingested since, a
    Refresh button and an auto-refresh toggle (which looks every ``AUTO_REFRESH_S``)."""
    if entry.store is None:
        return
    auto = st.toggle("Auto-refresh", key="stream_auto",
                     help=f"Look for newly ingested documents every {AUTO_REFRESH_S} s and "
                          "add them.")

    @st.fragment(run_every=AUTO_REFRESH_S if auto else None)
    def status() -> None:
        current = corpora.cache().get(entry.key) or entry
        new = corpora.pending(current)
        if auto and new:
            corpora.refresh(current)
            st.rerun(scope="app")
        st.caption(stream_line(current, new))
        if st.button("Refresh", key="stream_refresh", icon=":material/refresh:",
                     disabled=not new,
                     help="Add the documents ingested since the store was read (only their "
                          "rows are read; nothing is analysed again)."):
            corpora.refresh(current)
            st.rerun(scope="app")  # the whole page shows the grown corpus

    status()


def stream_line(entry: Entry, new: int) -> str:
    """ "3 new documents since 10:42 UTC" (or "No new documents since…"), and how many
    refreshes added."""
    at = entry.read_at.strftime("%H:%M UTC") if entry.read_at else "it was read"
    line = (f"**{ui.count(new, 'new document')}** since {at}" if new
            else f"No new documents since {at}")
    if entry.added:
        line += f" · {ui.count(entry.added, 'document')} added by refreshing"
    if entry.duplicates:
        line += (f" · {ui.count(entry.duplicates, 'near-duplicate')} of earlier documents "
                 "left out")
    return line


def follow_dates(entry: Entry) -> None:
    """When the corpus's dates grew (a stream refreshed, in this session or another), a
    date range that ended at the last date moves on to the new last date (and one that
    started at the first, to the new first): it never silently becomes a filter."""
    ss = st.session_state
    guessed = bool(ss.get("guess"))
    bounds = lookups.date_bounds(entry, guessed)
    seen, ss["_bounds_seen"] = ss.get("_bounds_seen"), (entry.key, guessed, bounds)
    if not seen or seen[:2] != (entry.key, guessed) or not seen[2] or not bounds \
            or seen[2] == bounds:
        return
    old, picked = seen[2], ss.get("dates")
    if isinstance(picked, list | tuple) and len(picked) == 2 and picked[1] == old[1]:
        ss["dates"] = (bounds[0] if picked[0] == old[0] else picked[0], bounds[1])


def clear_filters(entry: Entry) -> None:
    """Reset every sidebar filter (by assignment, so the browser's widgets follow)."""
    ss = st.session_state
    for spec in filters.SPECS:
        value = spec.cleared(entry)
        if value is None:
            ss.pop(spec.key, None)
        elif isinstance(value, dict):  # a group of widgets (facets), by widget key
            ss.update(value)
        else:
            ss[spec.key] = value


def filter_widgets(entry: Entry) -> Filters:
    """Render the sidebar filters (bound to the URL) and return the current choices."""
    ss = st.session_state
    if ss.get("_filters_for") not in (None, entry.key):
        clear_filters(entry)  # another corpus: its filter values no longer apply
    ss["_filters_for"] = entry.key
    follow_dates(entry)
    values: dict[str, object] = {}
    for spec in filters.SPECS:
        values[spec.key] = WIDGETS[spec.key](entry, values)
    return filters.read(entry, values)


def _guess(entry: Entry, shown: dict[str, object]) -> object:
    if not lookups.has_guesses(entry):
        return None
    return st.toggle("Use dates guessed from the text", key="guess", bind="query-params",
                     help="Undated documents take the first full date their text mentions "
                          "(an event's date, perhaps, not the day it was written). Off: "
                          "they are left out of time charts and date ranges.")


def _dates(entry: Entry, shown: dict[str, object]) -> object:
    guessed = bool(shown.get("guess"))
    bounds = lookups.date_bounds(entry, guessed)
    if not bounds:
        return None
    picked = st.date_input("Date range", value=bounds, min_value=bounds[0],
                           max_value=bounds[1], key="dates", bind="query-params",
                           help="Documents dated within this range (undated documents "
                                "are left out once the range is narrowed).")
    chosen = filters.read(entry, {"dates": picked})
    undated = int(np.isnat(lookups.doc_dates(entry, guessed)).sum())
    if (chosen.start or chosen.end) and undated:
        st.caption(f"This range leaves out {ui.count(undated, 'undated document')}.")
    return picked


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


def _facets(entry: Entry, shown: dict[str, object]) -> object:
    chosen = {}
    for facet, options in lookups.facet_options(entry).items():
        key = filters.facet_key(facet)
        kept = [v for v in st.session_state.get(key) or () if v not in options]
        name = ui.md(facet)  # a column name of the input: data, never markup
        chosen[key] = st.multiselect(
            ui.md(facet.replace("_", " ").capitalize()), [*options, *kept], key=key,
            bind="query-params", placeholder=f"All {facet}",
            help=f"Documents with any of these {name} (from the input's {name} column), "
                 "most frequent first.")
    return chosen


def _places(entry: Entry, shown: dict[str, object]) -> object:
    names = lookups.place_options(entry)
    if not names:
        return None
    kept = [c for c in st.session_state.get("place") or () if c not in names]
    # not "Places": a corpus may have a facet of that name (Reuters' editors' places)
    return st.multiselect("Countries named", [*names, *kept],
                          format_func=lambda c: names.get(c, c),
                          key="place", bind="query-params", placeholder="All countries",
                          help="Documents that name any of these countries (or their "
                               "cities, regions or people: \"Chinese\" is China), most "
                               "documents first.")


def _search(entry: Entry, shown: dict[str, object]) -> object:
    return st.text_input("Search text", key="q", bind="query-params",
                         placeholder="word or phrase",
                         help="Documents whose title or text contains this (any case).")


WIDGETS: dict[str, Callable[[Entry, dict[str, object]], object]] = {
    "guess": _guess, "dates": _dates, "doc": _documents, "theme": _themes, "kind": _kinds,
    "q": _search, "place": _places, "facet": _facets}
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
