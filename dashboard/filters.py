"""The sidebar's filters: what they hold, how a widget value becomes a filter, and the
filtered view of a corpus they give.

``SPECS`` is the one table of filters: its keys are the sidebar widget keys and the URL
parameters (``?kind=percent&q=gdp``), and each spec says which ``Filters`` fields its
widget sets, what value clears it, and which rows of which tables it keeps. The sidebar
(``dashboard.sidebar``), "Clear filters", ``Filters.active`` and ``view`` all read it.
A new filter is a field of ``Filters``, a row of ``SPECS`` here and a widget in
``dashboard.sidebar``.

``view(entry, filters)`` slices the cached tables (memoised per filter set) with numpy
masks over per-corpus lookups (``dashboard.lookups``); the pages read only a ``View``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

import metrics
from dashboard import lookups, tables
from dashboard.corpora import Entry
from metrics import figures, pipeline

KINDS = tuple(k for k in figures.KINDS if k != "identifier")  # identifiers are not figures

Mask = np.ndarray  # boolean, one per row of a corpus table


@dataclass(frozen=True, slots=True)
class Filters:
    """The sidebar's choices; empty means "no restriction"."""

    start: date | None = None
    end: date | None = None
    docs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    query: str = ""
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(facet, values) pairs: documents with any of the values, for every facet."""
    guessed: bool = False
    """Undated documents take the date their text mentions (``date_guess``)."""
    places: tuple[str, ...] = ()
    """ISO 3166-1 alpha-3 codes: documents that name any of these countries."""

    @property
    def active(self) -> bool:
        """True when any filter restricts the view."""
        return any(getattr(self, f.name) for f in fields(self))


# --- the table of filters -------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    """One sidebar filter."""

    key: str
    """The widget's key and the URL parameter."""
    read: Callable[[Entry, object], dict[str, object]]
    """The ``Filters`` fields the widget's value sets."""
    cleared: Callable[[Entry], object]
    """The widget value that restricts nothing (None: the widget is not shown)."""
    documents: Callable[[Entry, Filters], Mask | None] = lambda entry, f: None
    """The documents the filter keeps (None: every document)."""
    rows: Callable[[Entry, Filters], dict[str, Mask]] = lambda entry, f: {}
    """Beyond their documents, the rows of tables it keeps (by table name)."""


def _read_dates(entry: Entry, picked: object) -> dict[str, object]:
    """A range that is the whole span (of trusted dates, or with guessed dates) restricts
    nothing."""
    spans = [b for b in (lookups.date_bounds(entry), lookups.date_bounds(entry, True)) if b]
    if not spans:
        return {}
    picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
    if len(picked) == 2 and picked not in spans:
        return {"start": picked[0], "end": picked[1]}
    if len(picked) == 1 and picked[0] not in [b[0] for b in spans]:
        return {"start": picked[0]}
    return {}


def _dated(entry: Entry, f: Filters) -> Mask | None:
    dates = lookups.doc_dates(entry, f.guessed)
    keep = None
    if f.start:
        keep = dates >= np.datetime64(f.start, "ns")
    if f.end:
        within = dates <= np.datetime64(f.end, "ns")
        keep = within if keep is None else keep & within
    return keep


def _chosen_docs(entry: Entry, f: Filters) -> Mask | None:
    if not f.docs:
        return None
    wanted = np.zeros(len(entry.corpus.documents), dtype=bool)
    pos = lookups.doc_index(entry).get_indexer(list(f.docs))
    wanted[pos[pos >= 0]] = True
    return wanted


def _about_themes(entry: Entry, f: Filters) -> Mask | None:
    if not f.themes:
        return None
    about = np.zeros(len(entry.corpus.documents), dtype=bool)
    for theme in f.themes:
        about |= lookups.theme_docs(entry, theme)
    return about


def _theme_rows(entry: Entry, f: Filters) -> dict[str, Mask]:
    """Sentences tagged with a chosen theme, their figures, and the chosen themes' rows."""
    if not f.themes:
        return {}
    tagged = np.zeros(len(entry.corpus.sentences), dtype=bool)
    for theme in f.themes:
        tagged |= lookups.theme_sentences(entry, theme)
    fs = lookups.fig_sentence(entry)
    figs = (np.where(fs >= 0, tagged[np.clip(fs, 0, None)], False) if len(fs)
            else np.zeros(0, dtype=bool))
    return {"sentences": tagged, "figures": figs,
            "themes": lookups.is_in(entry, "themes", "theme", f.themes)}


def _kind_rows(entry: Entry, f: Filters) -> dict[str, Mask]:
    return {"figures": lookups.is_in(entry, "figures", "kind", f.kinds)} if f.kinds else {}


def _searched(entry: Entry, f: Filters) -> Mask | None:
    return lookups.search_mask(entry, f.query) if f.query else None


FACET_PREFIX = "facet_"  # a facet's widget key and URL parameter: facet_topics=earn


def facet_key(facet: str) -> str:
    """The widget key (and URL parameter) of a facet's filter."""
    return FACET_PREFIX + facet


def _read_facets(entry: Entry, value: object) -> dict[str, object]:
    chosen = value if isinstance(value, Mapping) else {}
    picked = tuple((key.removeprefix(FACET_PREFIX), tuple(values))
                   for key, values in sorted(chosen.items()) if values)
    return {"facets": picked} if picked else {}


def _with_facets(entry: Entry, f: Filters) -> Mask | None:
    keep: Mask | None = None
    for facet, values in f.facets:
        mask = lookups.facet_docs(entry, facet, values)
        keep = mask if keep is None else keep & mask
    return keep


def _naming_places(entry: Entry, f: Filters) -> Mask | None:
    return lookups.place_docs(entry, f.places) if f.places else None


def _chosen(field: str) -> Callable[[Entry, object], dict[str, object]]:
    return lambda entry, value: {field: tuple(value or ())}


SPECS: tuple[Spec, ...] = (
    Spec("guess", lambda entry, value: {"guessed": True} if value else {},
         lambda entry: False if lookups.has_guesses(entry) else None),
    Spec("dates", _read_dates, lookups.date_bounds, documents=_dated),
    Spec("doc", _chosen("docs"), lambda entry: [], documents=_chosen_docs),
    Spec("theme", _chosen("themes"), lambda entry: [], documents=_about_themes,
         rows=_theme_rows),
    Spec("kind", _chosen("kinds"), lambda entry: [], rows=_kind_rows),
    Spec("q", lambda entry, value: {"query": (value or "").strip()}, lambda entry: "",
         documents=_searched),
    Spec("place", _chosen("places"), lambda entry: [], documents=_naming_places),
    Spec("facet", _read_facets,
         lambda entry: {facet_key(f): [] for f in lookups.facet_options(entry)},
         documents=_with_facets),
)
KEYS = tuple(spec.key for spec in SPECS)  # sidebar widget keys = URL parameters


def read(entry: Entry, values: Mapping[str, object]) -> Filters:
    """The filters that widget ``values`` (by key; a missing key: no restriction) set."""
    chosen: dict[str, object] = {}
    for spec in SPECS:
        if spec.key in values:
            chosen.update(spec.read(entry, values[spec.key]))
    return Filters(**chosen)


# --- the filtered view --------------------------------------------------------------------

class View:
    """The filtered tables (shared, read-only: pages must not modify them).

    A table is cut from the corpus on first use (``take`` of the kept rows) and then kept:
    a page that never reads the sentences never pays for cutting 190,000 of them.
    """

    TABLES = ("documents", "sentences", "figures", "themes", "phrases", "places")

    def __init__(self, corpus: metrics.Corpus, filters: Filters,
                 rows: dict[str, np.ndarray | None] | None = None) -> None:
        self.corpus = corpus
        self.filters = filters
        self.rows: dict[str, np.ndarray | None] = rows or {}
        """For each table, the positions of its rows in the corpus table (None: all)."""
        self.errors: pd.DataFrame = corpus.errors
        self.texts: dict[str, str] = corpus.texts
        self._cut: dict[str, pd.DataFrame] = {}
        self._lock = threading.Lock()

    def _table(self, name: str) -> pd.DataFrame:
        with self._lock:
            if name not in self._cut:
                frame, rows = getattr(self.corpus, name), self.rows.get(name)
                frame = frame if rows is None else frame.take(rows)
                if name == "documents" and self.filters.guessed:
                    frame = tables.with_guessed_dates(frame)
                self._cut[name] = frame
            return self._cut[name]

    documents = property(lambda self: self._table("documents"))
    sentences = property(lambda self: self._table("sentences"))
    figures = property(lambda self: self._table("figures"))
    themes = property(lambda self: self._table("themes"))
    phrases = property(lambda self: self._table("phrases"))
    places = property(lambda self: self._table("places"))

    @property
    def facets(self) -> pd.DataFrame:
        """The facet rows of the documents in view."""
        facets = self.corpus.facets
        return facets[facets["doc_id"].isin(self.documents["doc_id"])]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as exported."""
        return {name: getattr(self, name) for name in pipeline.TABLES}


def view(entry: Entry, filters: Filters) -> View:
    """The corpus tables restricted by ``filters`` (memoised per corpus and filter set)."""
    return entry.memo.remember(("view", filters), lambda: _apply(entry, filters),
                               bounded=True)


def doc_mask(entry: Entry, f: Filters) -> Mask | None:
    """Boolean mask of the documents ``f`` keeps (None: every document)."""
    keep: Mask | None = None
    for spec in SPECS:
        mask = spec.documents(entry, f)
        if mask is not None:
            keep = mask if keep is None else keep & mask
    return keep


def _apply(entry: Entry, f: Filters) -> View:
    """Slice the tables; each lookup used is built once per corpus, on first need."""
    c = entry.corpus
    if not f.active:
        return View(c, f)
    keep = doc_mask(entry, f)
    masks: dict[str, Mask | None] = {}
    for name in View.TABLES:
        if keep is None:
            masks[name] = None
        elif name == "documents":
            masks[name] = keep
        else:
            p = lookups.doc_pos(entry, name)
            masks[name] = keep[p] & (p >= 0) if len(p) else np.zeros(0, dtype=bool)
    for spec in SPECS:
        for name, rows in spec.rows(entry, f).items():
            masks[name] = rows if masks[name] is None else masks[name] & rows
    positions = {name: None if m is None else np.flatnonzero(m) for name, m in masks.items()}
    return View(c, f, positions)
