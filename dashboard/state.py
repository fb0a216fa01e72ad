"""Dashboard state: which corpus, its cached analysis, and the sidebar filters.

* Analysis runs once per corpus content: corpora live in a process-wide LRU
  (``st.cache_resource``) keyed by a hash of the input bytes, the taxonomy and the
  extractor version. Changing a filter never re-runs the analysis.
* An analysis runs in a background thread (``_Jobs``): switching pages or changing a
  filter while a large corpus is analysed reruns the script, which would otherwise cancel
  the analysis and start it over; the next run (of any session) finds the job and waits.
* Filters are sidebar widgets bound to the URL (``bind="query-params"``), so a copied link
  opens the same view; the chosen server-side corpus rides along as ``?corpus=``.
* ``view(entry, filters)`` slices the cached tables (memoised per filter set): the pages
  read only a ``View`` and never analyse or read files themselves.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

import metrics
from metrics import figures, pipeline
from metrics.documents import SUPPORTED, Document, Loaded, LoadError, fingerprint, load_bytes
from metrics.themes import Taxonomy, load_taxonomy, match, parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_NAME = "seeds"
UPLOAD = "upload"
CORPORA_ENV = "THEMEWATCH_CORPORA"  # extra server-side corpora: paths joined by os.pathsep
STORE_ENV = "THEMEWATCH_STORE"  # DuckDB file of analysed documents (server corpora)
UPLOAD_TYPES = [s.lstrip(".") for s in SUPPORTED]
KINDS = tuple(k for k in figures.KINDS if k != "identifier")  # identifiers are not figures
FILTER_KEYS = ("dates", "doc", "theme", "kind", "q")  # sidebar widget keys = URL parameters
MAX_CORPORA = 6  # analysed corpora kept in memory, across sessions
MAX_VIEWS = 128  # filtered views, derived tables and charts kept per corpus (memory bound)
MAX_DOC_OPTIONS = 300  # documents listed in the sidebar's Documents filter (large corpora)

Progress = Callable[[int, int], None]
_LOG = logging.getLogger(__name__)


class TaxonomyError(ValueError):
    """An uploaded taxonomy file could not be read (message names file and problem)."""


# --- corpora and their cache -------------------------------------------------------------

@dataclass(eq=False)
class Entry:
    """An analysed corpus, its name and key, and memoised lookups for filtering."""

    name: str
    key: str
    corpus: metrics.Corpus
    taxonomy: Taxonomy
    origin: str = SEEDS_NAME  # a server corpus name, or UPLOAD
    taxonomy_name: str = "the default taxonomy"
    memo: dict = field(default_factory=dict, repr=False)
    recent: OrderedDict = field(default_factory=OrderedDict, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def remember(self, key: object, make: Callable[[], object], bounded: bool = False) -> object:
        """``make()`` once per ``key``. ``bounded`` values (views, searches, reader spans)
        live in a small LRU; the others (per-corpus lookups) for the corpus's lifetime."""
        store = self.recent if bounded else self.memo
        with self.lock:
            if key in store:
                if bounded:
                    store.move_to_end(key)
                return store[key]
        value = make()
        with self.lock:
            store[key] = value
            while bounded and len(store) > MAX_VIEWS:
                store.popitem(last=False)
        return value


class _Store:
    """A small thread-safe LRU of analysed corpora."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.items.get(key)
            if entry is not None:
                self.items.move_to_end(key)
            return entry

    def put(self, entry: Entry) -> Entry:
        with self.lock:
            self.items[entry.key] = entry
            self.items.move_to_end(entry.key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return entry


@st.cache_resource(show_spinner=False)
def _store() -> _Store:
    return _Store(MAX_CORPORA)


@st.cache_resource(show_spinner=False)
def default_taxonomy() -> Taxonomy:
    """The bundled taxonomy, loaded (and its matcher compiled) once per process."""
    return load_taxonomy(None)


@dataclass(eq=False)
class _Job:
    """One analysis running in a background thread, and how far it got."""

    label: str
    done: int = 0
    total: int = 0
    entry: Entry | None = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class _Jobs:
    """Analyses by corpus key, run in threads that outlive the script run that started
    them. A finished job leaves; a failed one stays until a waiting run has shown its
    error, so the next run tries again."""

    def __init__(self) -> None:
        self.items: dict[str, _Job] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> _Job | None:
        with self.lock:
            return self.items.get(key)

    def start(self, key: str, label: str, make: Callable[[Progress], Entry]) -> _Job:
        """The job for ``key``: the running one, or a new thread running ``make``."""
        with self.lock:
            job = self.items.get(key)
            if job is not None:
                return job
            job = self.items[key] = _Job(label)

        def work() -> None:
            try:
                job.entry = make(job.progress)
            except BaseException as exc:  # shown by the run that waits (wait_for)
                job.error = exc
            else:
                self.forget(key)
            finally:
                job.finished.set()

        threading.Thread(target=work, name=f"themewatch-analysis-{key[:12]}",
                         daemon=True).start()
        return job

    def forget(self, key: str) -> None:
        with self.lock:
            self.items.pop(key, None)


@st.cache_resource(show_spinner=False)
def _jobs() -> _Jobs:
    return _Jobs()


def wait_for(key: str, job: _Job) -> Entry:
    """Show ``job``'s progress until it ends; its entry, or its error raised. A rerun
    stops the waiting, never the job."""
    holder = st.empty()
    try:
        while not job.finished.wait(0.2):
            total = max(job.total, 1)
            text = (f"{job.label}: {job.done:,} of {job.total:,} documents" if job.total
                    else f"{job.label}…")
            holder.progress(min(job.done / total, 1.0), text=text)
    finally:
        holder.empty()
    if job.error is not None:
        _jobs().forget(key)
        raise job.error
    assert job.entry is not None
    return job.entry


def available_corpora() -> dict[str, Path]:
    """Server-side corpora: the bundled seeds plus any path listed in ``THEMEWATCH_CORPORA``.

    Only these paths are ever read from the server's disk; visitors cannot name others.
    """
    out = {SEEDS_NAME: SEEDS}
    for raw in os.environ.get(CORPORA_ENV, "").split(os.pathsep):
        if raw.strip():
            p = Path(raw.strip()).expanduser().resolve()
            if p.exists():
                out.setdefault(p.stem if p.is_file() else p.name, p)
    return out


def path_fingerprint(path: Path) -> str:
    """Hash of every file ``load`` reads under ``path`` (``documents.fingerprint``: files
    are re-read only when their size or modification time changed)."""
    return fingerprint(path) or ""


def _corpus_key(content: str, taxonomy_id: str) -> str:
    raw = f"{content}|{taxonomy_id}|{metrics.EXTRACTOR_VERSION}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def store_path() -> Path:
    """The incremental store for server-side corpora: ``THEMEWATCH_STORE``, else
    ``.themewatch/store.duckdb`` in the repository (corpus folders may be read-only)."""
    raw = os.environ.get(STORE_ENV, "").strip()
    return Path(raw).expanduser() if raw else ROOT / ".themewatch" / "store.duckdb"


def analyse(docs: Sequence[Document], errors: Sequence[LoadError], taxonomy: Taxonomy,
            progress: Progress | None = None) -> metrics.Corpus:
    """Analyse loaded documents in memory (a process pool when there are many)."""
    return metrics.analyze(Loaded(list(docs), list(errors)), taxonomy=taxonomy,
                           progress=progress)


def server_entry(name: str, path: Path, progress: Progress | None = None) -> Entry:
    """The analysed server-side corpus at ``path`` (from the cache when unchanged), through
    the store: re-opening an unchanged corpus skips parsing too. When the store cannot be
    used, ``corpus.stats.warnings`` says so (the Data page shows it)."""
    key = _corpus_key(path_fingerprint(path), "default")
    entry = _store().get(key)
    if entry is None:
        corpus = metrics.analyze(path, store=store_path(), taxonomy=default_taxonomy(),
                                 progress=progress)
        for problem in corpus.stats.warnings:
            _LOG.warning("%s", problem)
        entry = _store().put(Entry(name, key, corpus, default_taxonomy(), origin=name))
    return entry


def upload_name(names: Sequence[str]) -> str:
    """A corpus name for uploaded files: the file's stem, or "<first>+N" for several."""
    if not names:
        return "upload"
    stem = Path(names[0]).stem
    return stem if len(names) == 1 else f"{stem}+{len(names) - 1}"


def read_taxonomy(name: str, data: bytes) -> Taxonomy:
    """A taxonomy from uploaded TOML bytes; raises ``TaxonomyError`` naming the file."""
    try:
        return parse_taxonomy(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"taxonomy file {name}: not UTF-8 text ({exc.reason})") from exc
    except ValueError as exc:
        raise TaxonomyError(str(exc)) from exc


def upload_key(files: Sequence[tuple[str, bytes]],
               taxonomy_file: tuple[str, bytes] | None = None) -> str:
    """The cache key of uploaded ``(name, bytes)`` files analysed with a taxonomy file."""
    h = hashlib.sha1()
    for name, data in files:
        h.update(name.encode() + b"\0" + hashlib.sha1(data).digest())
    tax_id = hashlib.sha1(taxonomy_file[1]).hexdigest() if taxonomy_file else "default"
    return _corpus_key(h.hexdigest(), tax_id)


def upload_entry(files: Sequence[tuple[str, bytes]],
                 taxonomy_file: tuple[str, bytes] | None = None,
                 progress: Progress | None = None) -> Entry:
    """Load and analyse uploaded ``(name, bytes)`` files; bad files become error rows.

    Documents whose ``doc_id`` repeats one already read are dropped with a warning row.
    """
    taxonomy = read_taxonomy(*taxonomy_file) if taxonomy_file else default_taxonomy()
    key = upload_key(files, taxonomy_file)
    entry = _store().get(key)
    if entry is not None:
        return entry
    docs: list[Document] = []
    errors: list[LoadError] = []
    seen: dict[str, str] = {}
    for name, data in files:
        loaded = load_bytes(name, data)
        errors.extend(loaded.errors)
        for doc in loaded.documents:
            if doc.doc_id in seen:
                errors.append(LoadError(name, None, f"duplicate document {doc.doc_id!r} "
                                        f"(already read from {seen[doc.doc_id]}); skipped",
                                        "warning"))
                continue
            seen[doc.doc_id] = name
            docs.append(doc)
    corpus = analyse(docs, errors, taxonomy, progress)
    return _store().put(Entry(
        upload_name([n for n, _ in files]), key, corpus, taxonomy, origin=UPLOAD,
        taxonomy_name=Path(taxonomy_file[0]).name if taxonomy_file else "the default taxonomy"))


def current_entry() -> Entry:
    """The corpus this session looks at: an upload, a server corpus, else the seeds."""
    ss = st.session_state
    if "corpus" not in ss:
        wanted = st.query_params.get("corpus", SEEDS_NAME)
        ss["corpus"] = wanted if wanted in available_corpora() else SEEDS_NAME
    if ss.get("upload_pending"):  # uploads whose analysis a page switch left running
        _finish_upload(ss["upload_pending"])
    if ss["corpus"] == UPLOAD and isinstance(ss.get("upload_entry"), Entry):
        return ss["upload_entry"]
    corpora = available_corpora()
    name = ss["corpus"] if ss["corpus"] in corpora else SEEDS_NAME
    ss["corpus"] = name
    key = _corpus_key(path_fingerprint(corpora[name]), "default")
    if _store().get(key) is None:
        path = corpora[name]
        return wait_for(key, _jobs().start(
            key, f"Analysing {name}", lambda progress: server_entry(name, path, progress)))
    return server_entry(name, corpora[name])


def use_corpus(name: str) -> None:
    """Switch this session to the server corpus ``name`` or to its upload (``UPLOAD``)."""
    st.session_state["corpus"] = name


def sync_corpus_param(entry: Entry) -> None:
    """Mirror a server corpus other than the seeds in the URL (uploads cannot be linked)."""
    if entry.origin not in (SEEDS_NAME, UPLOAD):
        st.query_params["corpus"] = entry.origin
    elif "corpus" in st.query_params:
        del st.query_params["corpus"]


def file_stem(entry: Entry, today: date | None = None) -> str:
    """Download name stem: ``themewatch_<corpus>_<yyyy-mm-dd>``."""
    slug = re.sub(r"[^A-Za-z0-9._+-]+", "-", entry.name).strip("-") or "corpus"
    return f"themewatch_{slug}_{(today or date.today()).isoformat()}"


# --- filters -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Filters:
    """The sidebar's choices; empty means "no restriction"."""

    start: date | None = None
    end: date | None = None
    docs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.start or self.end or self.docs or self.themes or self.kinds
                    or self.query)


class View:
    """The filtered tables (shared, read-only: pages must not modify them).

    A table is cut from the corpus on first use (``take`` of the kept rows) and then kept:
    a page that never reads the sentences never pays for cutting 190,000 of them.
    """

    TABLES = ("documents", "sentences", "figures", "themes", "phrases")

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
                self._cut[name] = frame if rows is None else frame.take(rows)
            return self._cut[name]

    documents = property(lambda self: self._table("documents"))
    sentences = property(lambda self: self._table("sentences"))
    figures = property(lambda self: self._table("figures"))
    themes = property(lambda self: self._table("themes"))
    phrases = property(lambda self: self._table("phrases"))

    @property
    def facets(self) -> pd.DataFrame:
        """The facet rows of the documents in view."""
        facets = self.corpus.facets
        return facets[facets["doc_id"].isin(self.documents["doc_id"])]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as exported."""
        return {name: getattr(self, name) for name in pipeline.TABLES}


def doc_labels(entry: Entry) -> dict[str, str]:
    """doc_id -> a unique, readable label (its title, shortened; the id added on clashes)."""
    def make() -> dict[str, str]:
        docs = entry.corpus.documents
        out: dict[str, str] = {}
        used: set[str] = set()
        for doc_id, title in zip(docs["doc_id"], docs["title"].fillna(""), strict=True):
            label = (title[:70] + "…") if len(title) > 71 else (title or doc_id)
            if label in used:
                label = f"{label} [{doc_id}]"
            used.add(label)
            out[doc_id] = label
        return out
    return entry.remember("doc_labels", make)


def theme_options(entry: Entry) -> dict[str, str]:
    """theme id -> label for the themes present in the corpus, most hits first."""
    def make() -> dict[str, str]:
        t = entry.corpus.themes
        if t.empty:
            return {}
        g = t.groupby(["theme", "label"])["hits"].sum().sort_values(ascending=False)
        return {theme: label for theme, label in g.index}
    return entry.remember("theme_options", make)


def date_bounds(entry: Entry) -> tuple[date, date] | None:
    """First and last document date, or None when fewer than two distinct dates exist."""
    def make() -> tuple[date, date] | None:
        dates = pd.to_datetime(entry.corpus.documents["date"], errors="coerce").dropna()
        if dates.dt.normalize().nunique() < 2:
            return None
        return dates.min().date(), dates.max().date()
    return entry.remember("date_bounds", make)


def clear_filters(entry: Entry) -> None:
    """Reset every sidebar filter (by assignment, so the browser's widgets follow)."""
    ss = st.session_state
    for key in FILTER_KEYS[1:]:
        ss[key] = "" if key == "q" else []
    bounds = date_bounds(entry)
    if bounds:
        ss["dates"] = bounds
    else:
        ss.pop("dates", None)


def filter_widgets(entry: Entry) -> Filters:
    """Render the sidebar filters (bound to the URL) and return the current choices."""
    ss = st.session_state
    bounds = date_bounds(entry)
    if ss.get("_filters_for") not in (None, entry.key):
        clear_filters(entry)  # another corpus: its filter values no longer apply
    ss["_filters_for"] = entry.key

    start = end = None
    if bounds:
        picked = st.date_input("Date range", value=bounds, min_value=bounds[0],
                               max_value=bounds[1], key="dates", bind="query-params",
                               help="Documents dated within this range (undated documents "
                                    "are left out once the range is narrowed).")
        picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
        if len(picked) == 2 and tuple(picked) != bounds:
            start, end = picked
        elif len(picked) == 1 and picked[0] != bounds[0]:
            start = picked[0]
    labels = doc_labels(entry)
    options = doc_choices(entry, Filters(start, end, (), tuple(ss.get("theme") or ()),
                                         (), (ss.get("q") or "").strip()))
    docs = st.multiselect(
        "Documents", options, format_func=labels.__getitem__, key="doc",
        bind="query-params", placeholder="All documents",
        help=None if len(options) >= len(labels) else
        f"Lists the first {MAX_DOC_OPTIONS:,} documents that match the other filters: "
        "narrow them with *Search text*, *Themes* or the dates to find others.")
    themes = theme_options(entry)
    chosen = st.multiselect("Themes", list(themes), format_func=themes.__getitem__,
                            key="theme", bind="query-params", placeholder="All themes",
                            help="Documents about any of these themes; sentence and figure "
                                 "tables keep the sentences tagged with them.")
    kinds = st.multiselect("Figure kinds", list(KINDS), key="kind", bind="query-params",
                           placeholder="All kinds")
    query = st.text_input("Search text", key="q", bind="query-params",
                          placeholder="word or phrase",
                          help="Documents whose title or text contains this (any case).")
    return Filters(start, end, tuple(docs), tuple(chosen), tuple(kinds),
                   (query or "").strip())


def doc_choices(entry: Entry, others: Filters) -> list[str]:
    """The Documents filter's options: every document of a small corpus; of a large one
    the chosen documents and the first ``MAX_DOC_OPTIONS`` matching the ``others``
    filters (a widget with 10,000 options is slow to send and to draw at every rerun)."""
    labels = doc_labels(entry)
    if len(labels) <= MAX_DOC_OPTIONS:
        return list(labels)
    chosen = st.session_state.get("doc")
    if chosen is None:  # a link: the URL holds the documents' labels (the shown options)
        by_label = entry.remember("doc_by_label", lambda: {v: k for k, v in labels.items()})
        chosen = [by_label.get(x, x) for x in st.query_params.get_all("doc")]
    ids = entry.corpus.documents["doc_id"]
    mask = _doc_mask(entry, others)
    first = np.flatnonzero(mask)[:MAX_DOC_OPTIONS] if mask is not None \
        else np.arange(min(MAX_DOC_OPTIONS, len(ids)))
    return list(dict.fromkeys([d for d in chosen if d in labels]
                              + ids.take(first).tolist()))


def view(entry: Entry, filters: Filters) -> View:
    """The corpus tables restricted by ``filters`` (memoised per corpus and filter set)."""
    return entry.remember(("view", filters), lambda: _apply(entry, filters), bounded=True)


def _doc_pos(entry: Entry, name: str) -> np.ndarray:
    """For each row of table ``name``, the position of its document (-1 if unknown)."""
    def make() -> np.ndarray:
        c = entry.corpus
        frame = getattr(c, name)
        if frame.empty:
            return np.empty(0, dtype=np.intp)
        return _doc_index(entry).get_indexer(frame["doc_id"])
    return entry.remember(("doc_pos", name), make)


def _doc_index(entry: Entry) -> pd.Index:
    """doc_id -> position in the documents table."""
    return entry.remember("doc_index", lambda: pd.Index(entry.corpus.documents["doc_id"]))


def _codes(entry: Entry, name: str, column: str) -> tuple[np.ndarray, dict[str, int]]:
    """``column`` of table ``name`` as integer codes (-1 for missing) and value -> code,
    so that "is one of these values" is a numpy comparison instead of a string scan."""
    def make() -> tuple[np.ndarray, dict[str, int]]:
        frame = getattr(entry.corpus, name)
        if frame.empty:
            return np.empty(0, dtype=np.intp), {}
        codes, uniques = pd.factorize(frame[column])
        return codes, {str(u): i for i, u in enumerate(uniques)}
    return entry.remember(("codes", name, column), make)


def _is_in(entry: Entry, name: str, column: str, values: Sequence[str]) -> np.ndarray:
    """Boolean mask of the rows of table ``name`` whose ``column`` is one of ``values``."""
    codes, lookup = _codes(entry, name, column)
    wanted = [lookup[v] for v in values if v in lookup]
    if not wanted:
        return np.zeros(len(codes), dtype=bool)
    if len(wanted) == 1:
        return codes == wanted[0]
    return np.isin(codes, wanted)


def _theme_docs(entry: Entry, theme: str) -> np.ndarray:
    """Boolean mask of the documents where ``theme`` was matched."""
    def make() -> np.ndarray:
        out = np.zeros(len(entry.corpus.documents), dtype=bool)
        pos = _doc_pos(entry, "themes")
        if len(pos):
            hit = pos[_is_in(entry, "themes", "theme", (theme,))]
            out[hit[hit >= 0]] = True
        return out
    return entry.remember(("theme_docs", theme), make)


def _fig_sentence(entry: Entry) -> np.ndarray:
    """For each figure row, the position of its sentence row (-1 if none)."""
    def make() -> np.ndarray:
        s, f = entry.corpus.sentences, entry.corpus.figures
        if s.empty or f.empty:
            return np.full(len(f), -1, dtype=np.intp)
        keys = pd.MultiIndex.from_frame(s[["doc_id", "sentence_id"]])
        return keys.get_indexer(pd.MultiIndex.from_frame(f[["doc_id", "sentence_id"]]))
    return entry.remember("fig_sentence", make)


def _theme_sentences(entry: Entry, theme: str) -> np.ndarray:
    """Boolean mask of the sentences tagged with ``theme`` (anywhere in their list)."""
    def make() -> np.ndarray:
        codes, lookup = _codes(entry, "sentences", "themes")  # few distinct tag lists
        tagged = [i for tags, i in lookup.items() if theme in tags.split("; ")]
        if not tagged:
            return np.zeros(len(codes), dtype=bool)
        return np.isin(codes, tagged)
    return entry.remember(("theme_sentences", theme), make)


def theme_sentence_rows(entry: Entry, current: View, theme: str) -> np.ndarray:
    """Positions in the corpus sentences table of the sentences of ``current`` tagged with
    ``theme`` (without cutting the view's sentences table)."""
    mask = _theme_sentences(entry, theme)
    rows = current.rows.get("sentences")
    return np.flatnonzero(mask) if rows is None else rows[mask[rows]]


def _doc_dates(entry: Entry) -> np.ndarray:
    def make() -> np.ndarray:
        dates = pd.to_datetime(entry.corpus.documents["date"], errors="coerce")
        return dates.dt.normalize().to_numpy(dtype="datetime64[ns]")
    return entry.remember("doc_dates", make)


def _folded_texts(entry: Entry) -> list[str]:
    """Title and text of each document, case-folded once, for the text search."""
    def make() -> list[str]:
        docs, texts = entry.corpus.documents, entry.corpus.texts
        return [f"{t}\n{texts.get(d, '')}".casefold()
                for d, t in zip(docs["doc_id"], docs["title"].fillna(""), strict=True)]
    return entry.remember("folded", make)


def search_mask(entry: Entry, query: str) -> np.ndarray:
    """Boolean mask of the documents whose title or text contains ``query`` (any case).

    A search that extends an earlier one ("bank" then "bank rate") only looks inside the
    documents the earlier one found.
    """
    q = query.casefold()

    def make() -> np.ndarray:
        folded = _folded_texts(entry)
        within: np.ndarray | None = None
        with entry.lock:
            for key, value in reversed(entry.recent.items()):
                if (isinstance(key, tuple) and key[0] == "search" and key[1] != q
                        and key[1] in q):
                    within = value
                    break
        if within is None:
            return np.fromiter((q in t for t in folded), dtype=bool, count=len(folded))
        out = np.zeros(len(folded), dtype=bool)
        for i in np.flatnonzero(within):
            out[i] = q in folded[i]
        return out
    return entry.remember(("search", q), make, bounded=True)


def search_ids(entry: Entry, query: str) -> set[str]:
    """doc_ids whose title or text contains ``query`` (case-insensitive)."""
    ids = entry.corpus.documents["doc_id"].to_numpy()
    return set(ids[search_mask(entry, query)].tolist())


def _doc_mask(entry: Entry, f: Filters) -> np.ndarray | None:
    """Boolean mask of the documents ``f`` keeps (None: every document)."""
    n = len(entry.corpus.documents)
    keep: np.ndarray | None = None

    def narrow(mask: np.ndarray) -> None:
        nonlocal keep
        keep = mask if keep is None else keep & mask

    if f.start:
        narrow(_doc_dates(entry) >= np.datetime64(f.start, "ns"))
    if f.end:
        narrow(_doc_dates(entry) <= np.datetime64(f.end, "ns"))
    if f.docs:
        wanted = np.zeros(n, dtype=bool)
        pos = _doc_index(entry).get_indexer(list(f.docs))
        wanted[pos[pos >= 0]] = True
        narrow(wanted)
    if f.query:
        narrow(search_mask(entry, f.query))
    if f.themes:
        about = np.zeros(n, dtype=bool)
        for theme in f.themes:
            about |= _theme_docs(entry, theme)
        narrow(about)
    return keep


def _apply(entry: Entry, f: Filters) -> View:
    """Slice the tables; each lookup used is built once per corpus, on first need."""
    c = entry.corpus
    if not f.active:
        return View(c, f)
    keep = _doc_mask(entry, f)

    def rows(name: str) -> np.ndarray | None:
        if keep is None:
            return None
        p = _doc_pos(entry, name)
        return keep[p] & (p >= 0) if len(p) else np.zeros(0, dtype=bool)

    def both(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
        return b if a is None else a & b

    sent_keep, fig_keep, theme_keep = rows("sentences"), rows("figures"), rows("themes")
    if f.themes:
        tagged = np.zeros(len(c.sentences), dtype=bool)
        for theme in f.themes:
            tagged |= _theme_sentences(entry, theme)
        sent_keep = both(sent_keep, tagged)
        fs = _fig_sentence(entry)
        fig_keep = both(fig_keep, np.where(fs >= 0, tagged[np.clip(fs, 0, None)], False)
                        if len(fs) else np.zeros(0, dtype=bool))
        theme_keep = both(theme_keep, _is_in(entry, "themes", "theme", f.themes))
    if f.kinds:
        fig_keep = both(fig_keep, _is_in(entry, "figures", "kind", f.kinds))
    masks = {"documents": keep, "sentences": sent_keep, "figures": fig_keep,
             "themes": theme_keep, "phrases": rows("phrases")}
    positions = {name: None if m is None else np.flatnonzero(m) for name, m in masks.items()}
    return View(c, f, positions)


def reader_spans(entry: Entry, doc_id: str) -> list[tuple[int, int, str, str]]:
    """Theme-term spans ``(start, end, theme label, term)`` in a document's full text."""
    def make() -> list[tuple[int, int, str, str]]:
        text = entry.corpus.texts.get(doc_id, "")
        return [(h.start, h.end, entry.taxonomy.label(h.theme), h.term)
                for h in match(text, entry.taxonomy)]
    return entry.remember(("spans", doc_id), make, bounded=True)


# --- what the pages read -----------------------------------------------------------------

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


def find_all(text: str, query: str, limit: int = 500) -> list[int]:
    """Start offsets of ``query`` in ``text`` (case-insensitive, literal), at most ``limit``."""
    if not query:
        return []
    out = []
    for m in re.finditer(re.escape(query), text, re.IGNORECASE):
        out.append(m.start())
        if len(out) >= limit:
            break
    return out


# --- uploads -----------------------------------------------------------------------------

def handle_uploads(files: Sequence[object], taxonomy_file: object | None) -> bool:
    """Analyse newly uploaded files (Streamlit ``UploadedFile``s) with a progress bar and
    make them this session's corpus. Returns True when a new corpus was made.

    Raises ``TaxonomyError`` for a bad taxonomy file.
    """
    if not files:
        return False
    sig = tuple((f.name, f.size, getattr(f, "file_id", "")) for f in files)
    if taxonomy_file is not None:
        sig += ((taxonomy_file.name, taxonomy_file.size,
                 getattr(taxonomy_file, "file_id", "")),)
    ss = st.session_state
    if ss.get("_upload_sig") == sig:
        return False
    payload = [(f.name, f.getvalue()) for f in files]
    tax_file = (taxonomy_file.name, taxonomy_file.getvalue()) if taxonomy_file else None
    if tax_file:
        read_taxonomy(*tax_file)  # a bad taxonomy is reported here, not by the analysis
    key = upload_key(payload, tax_file)
    ss["_upload_sig"] = sig
    ss["upload_pending"] = key
    _jobs().start(key, f"Analysing {len(files)} uploaded file(s)",
                  lambda progress: upload_entry(payload, tax_file, progress))
    _finish_upload(key)
    return True


def _finish_upload(key: str) -> None:
    """Make the uploads analysed under ``key`` this session's corpus, waiting for their
    analysis while it runs (also after a page switch: ``current_entry`` calls this)."""
    ss = st.session_state
    entry = _store().get(key)
    if entry is None:
        job = _jobs().get(key)
        if job is None:  # neither kept nor running (evicted from the cache): drop it
            ss.pop("upload_pending", None)
            return
        try:
            entry = wait_for(key, job)
        except Exception:  # the analysis failed: let the same files be submitted again
            ss.pop("upload_pending", None)
            ss.pop("_upload_sig", None)
            raise
    ss.pop("upload_pending", None)
    ss["upload_entry"] = entry
    ss["corpus"] = UPLOAD


def theme_labels(entry: Entry) -> dict[str, str]:
    """theme id -> label for every theme of the corpus's taxonomy."""
    return entry.remember("theme_labels", lambda: {t.id: t.label for t in entry.taxonomy.themes})


def memo(entry: Entry, name: str, make: Callable[[], object], *inputs: object,
         extra: tuple = ()) -> object:
    """``make()`` once per (``name``, the identity of the ``inputs`` tables, ``extra``).

    Pages wrap their table and chart building in this. Views share unfiltered tables, so
    a filter that leaves a table alone (figure kinds leave documents alone) reuses every
    chart built from it. The inputs are held with the result, so an identity can never
    be recycled for another table while its entry lives.
    """
    key = ("derived", name, tuple(id(i) for i in inputs), extra)
    held, value = entry.remember(key, lambda: (inputs, make()), bounded=True)
    if all(a is b for a, b in zip(held, inputs, strict=True)):
        return value
    value = make()  # pragma: no cover - only after an id was reused, which holding prevents
    return value


def warm(entry: Entry) -> None:
    """Build the filtering lookups in a background thread (once per corpus), so the first
    theme filter or text search after opening a large corpus is as quick as later ones."""
    with entry.lock:
        if entry.memo.get("_warming"):
            return
        entry.memo["_warming"] = True

    def work() -> None:
        try:
            for name in ("sentences", "figures", "themes", "phrases"):
                _doc_pos(entry, name)
            _fig_sentence(entry)
            _doc_dates(entry)
            _folded_texts(entry)
            _doc_index(entry)
            _codes(entry, "figures", "kind")
            _exploded_terms(entry)
            _phrase_codes(entry)
            for theme in theme_options(entry):
                _theme_docs(entry, theme)
                _theme_sentences(entry, theme)
        except Exception:  # an optimisation only: the lookups are built on demand anyway
            _LOG.exception("warming the filter lookups of %s failed", entry.name)

    threading.Thread(target=work, name="themewatch-warm", daemon=True).start()


# --- per-corpus aggregates: what the pages compute on every filter change ----------------

def _rows_mask(current: View, name: str, size: int) -> np.ndarray | None:
    """Boolean mask of the corpus rows of table ``name`` in ``current`` (None: all)."""
    rows = current.rows.get(name)
    if rows is None:
        return None
    mask = np.zeros(size, dtype=bool)
    mask[rows] = True
    return mask


def _exploded_terms(entry: Entry) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The themes table's "a; b" term lists, one entry per (row, term) in reading order:
    the row of each entry, its term code, and the terms."""
    def make() -> tuple[np.ndarray, np.ndarray, list[str]]:
        import pyarrow as pa
        import pyarrow.compute as pc

        terms = pa.array(entry.corpus.themes["terms"].fillna("").astype(object),
                         type=pa.string())
        lists = pc.split_pattern(terms, "; ")
        flat = pc.list_flatten(lists)
        row = np.asarray(pc.list_parent_indices(lists), dtype=np.intp)
        keep = np.asarray(pc.not_equal(flat, ""), dtype=bool)
        encoded = pc.dictionary_encode(flat)
        codes = np.asarray(encoded.indices, dtype=np.intp)
        return row[keep], codes[keep], encoded.dictionary.to_pylist()
    return entry.remember("exploded_terms", make)


def theme_terms(entry: Entry, current: View, top_terms: int = 12) -> pd.DataFrame:
    """``tables.theme_terms(current.themes)``, counted with numpy on per-corpus codes."""
    from dashboard import charts

    themes = current.themes
    cols = ["label", "documents", "hits", "terms"]
    if themes.empty:
        return pd.DataFrame(columns=cols)
    row, term, names = _exploded_terms(entry)
    tcodes, tlookup = _codes(entry, "themes", "theme")
    mask = _rows_mask(current, "themes", len(tcodes))
    if mask is not None:
        sel = mask[row]
        row, term = row[sel], term[sel]
    pair = tcodes[row].astype(np.int64) * max(len(names), 1) + term
    uniq, first, counts = np.unique(pair, return_index=True, return_counts=True)
    # Counter.most_common: by count, ties in order of first appearance
    order = np.lexsort((first, -counts, uniq // max(len(names), 1)))
    per_theme: dict[int, list[str]] = {}
    for k in order:
        t = int(uniq[k] // max(len(names), 1))
        shown = per_theme.setdefault(t, [])
        if len(shown) < top_terms:
            n = int(counts[k])
            name = names[int(uniq[k] % max(len(names), 1))]
            shown.append(f"{name} ({n})" if n > 1 else name)
    totals = charts.theme_totals(themes).set_index("theme")
    rows = []
    for theme in sorted(totals.index):
        code = tlookup.get(theme)
        rows.append((totals.at[theme, "label"], int(totals.at[theme, "documents"]),
                     int(totals.at[theme, "hits"]),
                     ", ".join(per_theme.get(code, [])) if code is not None else ""))
    return pd.DataFrame(rows, columns=cols).sort_values("hits", ascending=False,
                                                        ignore_index=True)


def _phrase_codes(entry: Entry) -> tuple[np.ndarray, np.ndarray, bool]:
    """Phrase codes in sorted phrase order (as ``groupby`` orders them), the phrases, and
    whether the fast path applies (every (document, phrase) pair once, no missing phrase)."""
    def make() -> tuple[np.ndarray, np.ndarray, bool]:
        p = entry.corpus.phrases
        codes, uniques = pd.factorize(p["phrase"], sort=True)
        docs = _doc_pos(entry, "phrases")
        pairs = docs.astype(np.int64) * max(len(uniques), 1) + codes
        simple = (not (codes < 0).any() and not (docs < 0).any()
                  and len(np.unique(pairs)) == len(pairs))
        return codes, np.asarray(uniques, dtype=object), simple
    return entry.remember("phrase_codes", make)


def top_phrases(entry: Entry, current: View, top: int = 25) -> pd.DataFrame:
    """``tables.top_phrases(current.phrases)``, aggregated with numpy on per-corpus codes
    (without cutting the phrases table)."""
    from dashboard import tables

    phrases = entry.corpus.phrases
    rows = current.rows.get("phrases")
    cols = ["phrase", "documents", "count", "score"]
    if phrases.empty or (rows is not None and len(rows) == 0):
        return pd.DataFrame(columns=cols)
    codes, names, simple = _phrase_codes(entry)
    if not simple:
        return tables.top_phrases(current.phrases, top)
    counts = phrases["count"].to_numpy(dtype=np.float64)
    scores = phrases["score"].to_numpy(dtype=np.float64)
    if rows is not None:
        codes, counts, scores = codes[rows], counts[rows], scores[rows]
    n = len(names)
    docs = np.bincount(codes, minlength=n)
    count = np.bincount(codes, weights=counts, minlength=n)
    score = np.full(n, -np.inf)
    np.maximum.at(score, codes, scores)
    present = np.flatnonzero(docs)
    g = pd.DataFrame({"phrase": names[present], "documents": docs[present],
                      "count": count[present].astype(phrases["count"].dtype),
                      "score": score[present]})
    g["rank"] = g["score"] * (1 + np.log(g["documents"].to_numpy(dtype=np.float64)))
    out = g.nlargest(top, "rank")[cols].reset_index(drop=True)
    out["phrase"] = out["phrase"].astype(phrases["phrase"].dtype)
    return out
