"""Which corpus a session looks at, and the process-wide cache of analysed corpora.

* Corpora: the bundled seeds, folders or files listed in ``THEMEWATCH_CORPORA`` (only
  these are ever read from the server's disk), and a session's uploads. A listed file
  ending in ``.duckdb`` is a stream store (``themewatch ingest``): its corpus is
  ``metrics.stream.corpus``, and ``refresh`` appends what was ingested since it was read.
  The Data page may open other stores by path only inside the folders listed in
  ``THEMEWATCH_STREAM_DIRS``.
* Analysis runs once per corpus content: ``CorpusCache`` (an LRU shared by all sessions)
  is keyed by a hash of the input bytes, the taxonomy and the extractor version.
* An analysis runs in a background thread (``Jobs``): switching pages or changing a
  filter while a large corpus is analysed reruns the script, which would otherwise cancel
  the analysis and start it over; the next run (of any session) finds the job and waits.
* Every call into ``metrics`` that analyses is in ``analyse`` and ``analyse_path``.
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
from datetime import UTC, date, datetime
from pathlib import Path

import streamlit as st

import metrics
from dashboard.memo import Memo
from metrics import sentiment, stream
from metrics.documents import SUPPORTED, Document, Loaded, LoadError, fingerprint, load_bytes
from metrics.store import Unavailable
from metrics.themes import Taxonomy, load_taxonomy, parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_NAME = "seeds"
UPLOAD = "upload"
CORPORA_ENV = "THEMEWATCH_CORPORA"  # extra server-side corpora: paths joined by os.pathsep
STORE_ENV = "THEMEWATCH_STORE"  # DuckDB file of analysed documents (server corpora)
STREAM_DIRS_ENV = "THEMEWATCH_STREAM_DIRS"  # folders whose stores may be opened by path
STREAM_SUFFIX = ".duckdb"  # a server corpus with this suffix is a stream store
UPLOAD_TYPES = [s.lstrip(".") for s in SUPPORTED]
MAX_CORPORA = 6  # analysed corpora kept in memory, across sessions
ANALYZER_KEY = "sentiment"  # session state: the tone analyzer this session chose

Progress = Callable[[int, int], None]
_LOG = logging.getLogger(__name__)


class TaxonomyError(ValueError):
    """An uploaded taxonomy file could not be read (message names file and problem)."""


@dataclass(eq=False)
class Entry:
    """An analysed corpus, its name and cache key, and its memo of derived values."""

    name: str
    key: str
    corpus: metrics.Corpus
    taxonomy: Taxonomy
    origin: str = SEEDS_NAME  # a server corpus name, or UPLOAD
    taxonomy_name: str = "the default taxonomy"
    memo: Memo = field(default_factory=Memo, repr=False)
    store: Path | None = None  # a stream store: where ``refresh`` reads new documents
    read_at: datetime | None = None  # when the store was read (UTC), for "new since"
    mark: datetime | None = None  # the latest ingest time the corpus holds
    added: int = 0  # documents appended by refreshes since the store was first read
    uploads: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)  # uploaded files
    analyzer: str = sentiment.DEFAULT  # the tone analyzer that scored it
    duplicates: int = 0  # a stream's near-duplicates, left out of the corpus


class CorpusCache:
    """A small thread-safe LRU of analysed corpora, by key."""

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
def cache() -> CorpusCache:
    """The process-wide cache of analysed corpora."""
    return CorpusCache(MAX_CORPORA)


@st.cache_resource(show_spinner=False)
def default_taxonomy() -> Taxonomy:
    """The bundled taxonomy, loaded (and its matcher compiled) once per process."""
    return load_taxonomy(None)


# --- background analysis jobs ------------------------------------------------------------

@dataclass(eq=False)
class Job:
    """One analysis running in a background thread, and how far it got."""

    label: str
    done: int = 0
    total: int = 0
    entry: Entry | None = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class Jobs:
    """Analyses by corpus key, run in threads that outlive the script run that started
    them. A finished job leaves; a failed one stays until a waiting run has shown its
    error, so the next run tries again."""

    def __init__(self) -> None:
        self.items: dict[str, Job] = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> Job | None:
        with self.lock:
            return self.items.get(key)

    def start(self, key: str, label: str, make: Callable[[Progress], Entry]) -> Job:
        """The job for ``key``: the running one, or a new thread running ``make``."""
        with self.lock:
            job = self.items.get(key)
            if job is not None:
                return job
            job = self.items[key] = Job(label)

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
def jobs() -> Jobs:
    """The process-wide analysis jobs."""
    return Jobs()


def wait_for(key: str, job: Job) -> Entry:
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
        jobs().forget(key)
        raise job.error
    assert job.entry is not None
    return job.entry


# --- keys ---------------------------------------------------------------------------------

def path_fingerprint(path: Path) -> str:
    """Hash of every file ``load`` reads under ``path`` (``documents.fingerprint``: files
    are re-read only when their size or modification time changed)."""
    return fingerprint(path) or ""


def corpus_key(content: str, taxonomy_id: str, analyzer: str = sentiment.DEFAULT) -> str:
    """The cache key of a corpus: its content hash, taxonomy, tone analyzer and extractor
    version."""
    raw = f"{content}|{taxonomy_id}|{metrics.EXTRACTOR_VERSION}"
    if analyzer != sentiment.DEFAULT:
        raw += f"|{analyzer}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def chosen_analyzer() -> str:
    """The tone analyzer this session chose on the Data page (the default when none, or
    when the chosen one cannot run here)."""
    try:
        name = st.session_state.get(ANALYZER_KEY, sentiment.DEFAULT)
    except Exception:  # outside a Streamlit session
        return sentiment.DEFAULT
    return name if name in sentiment.ANALYZERS and sentiment.available(name) \
        else sentiment.DEFAULT


def upload_key(files: Sequence[tuple[str, bytes]],
               taxonomy_file: tuple[str, bytes] | None = None,
               analyzer: str = sentiment.DEFAULT) -> str:
    """The cache key of uploaded ``(name, bytes)`` files analysed with a taxonomy file."""
    h = hashlib.sha1()
    for name, data in files:
        h.update(name.encode() + b"\0" + hashlib.sha1(data).digest())
    tax_id = hashlib.sha1(taxonomy_file[1]).hexdigest() if taxonomy_file else "default"
    return corpus_key(h.hexdigest(), tax_id, analyzer)


# --- analysis: the calls into metrics -----------------------------------------------------

def store_path() -> Path:
    """The incremental store for server-side corpora: ``THEMEWATCH_STORE``, else
    ``.themewatch/store.duckdb`` in the repository (corpus folders may be read-only)."""
    raw = os.environ.get(STORE_ENV, "").strip()
    return Path(raw).expanduser() if raw else ROOT / ".themewatch" / "store.duckdb"


def analyse(docs: Sequence[Document], errors: Sequence[LoadError], taxonomy: Taxonomy,
            progress: Progress | None = None,
            analyzer: str = sentiment.DEFAULT) -> metrics.Corpus:
    """Analyse loaded documents in memory (a process pool when there are many)."""
    return metrics.analyze(Loaded(list(docs), list(errors)), taxonomy=taxonomy,
                           progress=progress, sentiment=analyzer)


def analyse_path(path: Path, taxonomy: Taxonomy, progress: Progress | None = None,
                 analyzer: str = sentiment.DEFAULT) -> metrics.Corpus:
    """The corpus at ``path`` through the store: re-opening an unchanged corpus skips
    parsing too. When the store cannot be used, ``corpus.stats.warnings`` says so."""
    corpus = metrics.analyze(path, store=store_path(), taxonomy=taxonomy, progress=progress,
                             sentiment=analyzer)
    for problem in corpus.stats.warnings:
        _LOG.warning("%s", problem)
    return corpus


# --- server corpora -------------------------------------------------------------------------

def available_corpora() -> dict[str, Path]:
    """Server-side corpora: the bundled seeds, any path listed in ``THEMEWATCH_CORPORA``
    (a ``.duckdb`` file is a stream store) and the stores this session opened by path.

    Only these paths are ever read from the server's disk; visitors cannot name others
    (``allowed_store`` checks a path typed on the Data page).
    """
    out = {SEEDS_NAME: SEEDS}
    for raw in os.environ.get(CORPORA_ENV, "").split(os.pathsep):
        if raw.strip():
            p = Path(raw.strip()).expanduser().resolve()
            if p.exists():
                out.setdefault(p.stem if p.is_file() else p.name, p)
    try:
        opened = st.session_state.get("opened_stores", {})
    except Exception:  # outside a Streamlit session: none
        opened = {}
    for name, p in opened.items():
        out.setdefault(name, p)
    return out


def default_corpus() -> str:
    """The corpus a new visitor sees: the first one the server lists in
    ``THEMEWATCH_CORPORA`` (what its operator set it up for), else the bundled seeds."""
    listed = [n for n in available_corpora() if n != SEEDS_NAME]
    return listed[0] if listed else SEEDS_NAME


def is_stream(path: Path) -> bool:
    """True when the server corpus at ``path`` is a stream store (``themewatch ingest``)."""
    return path.suffix == STREAM_SUFFIX and path.is_file()


def stream_dirs() -> list[Path]:
    """The folders in which the Data page may open a store by path
    (``THEMEWATCH_STREAM_DIRS``, joined by os.pathsep); none by default."""
    return [Path(raw.strip()).expanduser().resolve()
            for raw in os.environ.get(STREAM_DIRS_ENV, "").split(os.pathsep) if raw.strip()]


def allowed_store(raw: str) -> Path:
    """The store at ``raw`` when it is an existing ``.duckdb`` file inside a folder of
    ``THEMEWATCH_STREAM_DIRS`` (after resolving links and ``..``); else ``ValueError``
    saying why. Never reads anything outside those folders."""
    folders = stream_dirs()
    if not folders:
        raise ValueError("opening a store by path is off (no THEMEWATCH_STREAM_DIRS)")
    path = Path(raw.strip()).expanduser()
    if not path.is_absolute():
        path = folders[0] / path
    path = path.resolve()
    if not any(path.is_relative_to(folder) for folder in folders):
        raise ValueError("only stores inside " + ", ".join(str(f) for f in folders)
                         + " can be opened")
    if path.suffix != STREAM_SUFFIX or not path.is_file():
        raise ValueError(f"no store ({STREAM_SUFFIX} file) at {path}")
    return path


def open_store(raw: str) -> str:
    """Offer the store at ``raw`` (checked by ``allowed_store``) to this session and make
    it the corpus; returns its name."""
    path = allowed_store(raw)
    known = available_corpora()
    name = next((n for n, p in known.items() if p == path), None)
    if name is None:
        name = path.stem if path.stem not in known else f"{path.stem} ({path.parent.name})"
        st.session_state.setdefault("opened_stores", {})[name] = path
    use_corpus(name)
    return name


def server_key(path: Path, analyzer: str = sentiment.DEFAULT) -> str:
    """The cache key of a server corpus: a stream store's key is its path (its content
    grows: ``refresh`` replaces the entry under the same key); else the files' content."""
    if is_stream(path):
        return corpus_key(f"stream:{path}", "default", analyzer)
    return corpus_key(path_fingerprint(path), "default", analyzer)


def server_entry(name: str, path: Path, progress: Progress | None = None,
                 analyzer: str = sentiment.DEFAULT) -> Entry:
    """The analysed server-side corpus at ``path`` (from the cache when unchanged)."""
    key = server_key(path, analyzer)
    entry = cache().get(key)
    if entry is None:
        taxonomy = default_taxonomy()
        if is_stream(path):
            read_at = now()
            try:
                corpus = stream.corpus(path, taxonomy=taxonomy, sentiment=analyzer)
            except Unavailable as exc:  # said on the Data page; tried again next run
                _LOG.warning("%s", exc)
                return Entry(name, key, _empty(str(exc)), taxonomy, origin=name,
                             analyzer=analyzer)
            entry = Entry(name, key, corpus, taxonomy, origin=name, store=path,
                          read_at=read_at, mark=stream.latest(corpus), analyzer=analyzer,
                          duplicates=_near_duplicates(path))
        else:
            entry = Entry(name, key, analyse_path(path, taxonomy, progress, analyzer),
                          taxonomy, origin=name, analyzer=analyzer)
        entry = cache().put(entry)
    return entry


def _near_duplicates(store: Path) -> int:
    """The store's near-duplicates (0 when the store cannot be read just now)."""
    try:
        return stream.near_duplicates(store)
    except Unavailable:
        return 0


def _empty(problem: str) -> metrics.Corpus:
    """An empty corpus whose stats say why (a stream store that cannot be read)."""
    corpus = metrics.analyze([])
    corpus.stats = metrics.Stats(warnings=(problem,))
    return corpus


def now() -> datetime:
    """The current time in UTC, naive (as ``ingested_at`` is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def pending(entry: Entry) -> int:
    """Documents ingested into ``entry``'s store since it was read (0 when not a stream
    or when the store cannot be read just now). Counted again only when the store's file
    or its write-ahead log changed: opening DuckDB on every rerun cost 30 ms a filter."""
    if entry.store is None:
        return 0
    key = (entry.mark, _written(Path(entry.store)))
    with _PENDING_LOCK:
        known = _PENDING.get(str(entry.store))
    if known is not None and known[0] == key:
        return known[1]
    try:
        count = stream.newer(entry.store, entry.mark)
    except Unavailable:  # an ingest holds the lock: ask again at the next run
        return 0
    with _PENDING_LOCK:
        _PENDING[str(entry.store)] = (key, count)
    return count


_PENDING: dict[str, tuple[tuple, int]] = {}  # store -> (its mark and files' state, count)
_PENDING_LOCK = threading.Lock()


def _written(store: Path) -> tuple[tuple[int, int], ...]:
    """(modified ns, size) of the store file and its WAL: any ingest changes one."""
    out = []
    for path in (store, store.with_name(store.name + ".wal")):
        try:
            info = path.stat()
        except OSError:
            out.append((0, 0))
        else:
            out.append((info.st_mtime_ns, info.st_size))
    return tuple(out)


def refresh(entry: Entry) -> Entry:
    """``entry`` with the documents ingested since it was read appended (their stored rows
    only: nothing analysed, nothing re-read), cached under the same key so that every
    session moves on to it; ``entry`` itself when nothing is new."""
    if entry.store is None:
        return entry
    read_at = now()
    more = stream.since(entry.store, entry.mark, taxonomy=entry.taxonomy,
                        sentiment=entry.analyzer)
    if more.documents.empty:
        entry.read_at = read_at
        return entry
    corpus = stream.extend(entry.corpus, more)
    grown = cache().put(Entry(entry.name, entry.key, corpus, entry.taxonomy,
                              origin=entry.origin, taxonomy_name=entry.taxonomy_name,
                              store=entry.store, read_at=read_at,
                              mark=stream.latest(corpus),
                              added=entry.added + len(corpus) - len(entry.corpus),
                              analyzer=entry.analyzer,
                              duplicates=_near_duplicates(entry.store)))
    # every session moves on to the grown corpus: the old one's lookups and cached views
    # (a gigabyte at 100,000 documents) are dropped now, not when the collector gets to them
    entry.memo.clear()
    return grown


def current_entry() -> Entry:
    """The corpus this session looks at: an upload, a server corpus, else the default one
    (``default_corpus``)."""
    ss = st.session_state
    if "corpus" not in ss:
        wanted = st.query_params.get("corpus", default_corpus())
        ss["corpus"] = wanted if wanted in available_corpora() else default_corpus()
    analyzer = chosen_analyzer()
    if ss.get("upload_pending"):  # uploads whose analysis a page switch left running
        _finish_upload(ss["upload_pending"])
    if ss["corpus"] == UPLOAD and isinstance(ss.get("upload_entry"), Entry):
        upload = ss["upload_entry"]
        if upload.analyzer != analyzer and upload.uploads:  # the analyzer was changed
            _start_upload(list(upload.uploads), ss.get("upload_taxonomy"), analyzer)
            return ss["upload_entry"]
        return upload
    corpora = available_corpora()
    name = ss["corpus"] if ss["corpus"] in corpora else default_corpus()
    ss["corpus"] = name
    path = corpora[name]
    key = server_key(path, analyzer)
    if cache().get(key) is None:
        verb = "Opening the store" if is_stream(path) else "Analysing"
        return wait_for(key, jobs().start(
            key, f"{verb} {name}",
            lambda progress: server_entry(name, path, progress, analyzer)))
    return server_entry(name, corpora[name], analyzer=analyzer)


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


# --- uploads -----------------------------------------------------------------------------

def upload_name(names: Sequence[str]) -> str:
    """A corpus name for uploaded files: the file's stem, or "3 files: a.txt, b.csv, …"."""
    if not names:
        return "upload"
    if len(names) == 1:
        return Path(names[0]).stem
    shown = ", ".join(Path(n).name for n in names[:2])
    return f"{len(names)} files: {shown}" + (", …" if len(names) > 2 else "")


def read_taxonomy(name: str, data: bytes) -> Taxonomy:
    """A taxonomy from uploaded TOML bytes; raises ``TaxonomyError`` naming the file."""
    try:
        return parse_taxonomy(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"taxonomy file {name}: not UTF-8 text ({exc.reason})") from exc
    except ValueError as exc:
        raise TaxonomyError(str(exc)) from exc


def upload_entry(files: Sequence[tuple[str, bytes]],
                 taxonomy_file: tuple[str, bytes] | None = None,
                 progress: Progress | None = None,
                 analyzer: str = sentiment.DEFAULT) -> Entry:
    """Load and analyse uploaded ``(name, bytes)`` files; bad files become error rows.

    Documents whose ``doc_id`` repeats one already read are dropped with a warning row.
    """
    taxonomy = read_taxonomy(*taxonomy_file) if taxonomy_file else default_taxonomy()
    key = upload_key(files, taxonomy_file, analyzer)
    entry = cache().get(key)
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
    corpus = analyse(docs, errors, taxonomy, progress, analyzer)
    return cache().put(Entry(
        upload_name([n for n, _ in files]), key, corpus, taxonomy, origin=UPLOAD,
        taxonomy_name=Path(taxonomy_file[0]).name if taxonomy_file else "the default taxonomy",
        uploads=tuple(files), analyzer=analyzer))


def handle_uploads(files: Sequence[object], taxonomy_file: object | None) -> bool:
    """Analyse newly uploaded files (Streamlit ``UploadedFile``s) together with the files
    this session uploaded before (a second upload adds to the first; the same file twice
    counts once), with a progress bar, and make them this session's corpus. Returns True
    when a new corpus was made.

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
    tax_file = (taxonomy_file.name, taxonomy_file.getvalue()) if taxonomy_file else None
    if tax_file:
        read_taxonomy(*tax_file)  # a bad taxonomy is reported here, not by the analysis
    else:
        tax_file = ss.get("upload_taxonomy")  # keep the taxonomy of earlier uploads
    payload = list(ss.get("upload_files", []))
    for f in files:
        item = (f.name, f.getvalue())
        if item not in payload:
            payload.append(item)
    ss["_upload_sig"] = sig
    ss["upload_files"] = payload
    ss["upload_taxonomy"] = tax_file
    _start_upload(payload, tax_file, chosen_analyzer())
    return True


def _start_upload(payload: list[tuple[str, bytes]], tax_file: tuple[str, bytes] | None,
                  analyzer: str) -> None:
    """Analyse the uploaded ``payload`` (in a job) and make it this session's corpus."""
    key = upload_key(payload, tax_file, analyzer)
    st.session_state["upload_pending"] = key
    jobs().start(key, f"Analysing {len(payload)} uploaded file(s)",
                 lambda progress: upload_entry(payload, tax_file, progress, analyzer))
    _finish_upload(key)


def clear_uploads() -> None:
    """Forget this session's uploads (the next upload starts a new corpus)."""
    ss = st.session_state
    for name in ("upload_files", "upload_taxonomy", "upload_entry", "_upload_sig",
                 "upload_pending"):
        ss.pop(name, None)
    if ss.get("corpus") == UPLOAD:
        ss["corpus"] = SEEDS_NAME


def _finish_upload(key: str) -> None:
    """Make the uploads analysed under ``key`` this session's corpus, waiting for their
    analysis while it runs (also after a page switch: ``current_entry`` calls this)."""
    ss = st.session_state
    entry = cache().get(key)
    if entry is None:
        job = jobs().get(key)
        if job is None:  # neither kept nor running (evicted from the cache): drop it
            ss.pop("upload_pending", None)
            return
        try:
            entry = wait_for(key, job)
        except Exception:  # the analysis failed: let the same files be submitted again
            ss.pop("upload_pending", None)
            ss.pop("_upload_sig", None)
            ss["upload_files"] = list(ss["upload_entry"].uploads) if isinstance(
                ss.get("upload_entry"), Entry) else []
            raise
    ss.pop("upload_pending", None)
    ss["upload_entry"] = entry
    ss["corpus"] = UPLOAD
