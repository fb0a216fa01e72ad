"""A store as a stream: documents are ingested as they arrive and the corpus grows.

``ingest(sources, store_path)`` reads files, folders, CSV/JSONL and RSS/Atom feeds,
keeps the documents the store has not seen, analyses only those (through the same
per-document step and result store as ``metrics.analyze``) and records each with its
``ingested_at`` time. ``corpus(store_path)`` assembles every ingested document into a
``Corpus``, exactly as ``metrics.analyze`` would from the same documents, with
``ingested_at`` and ``duplicate_of`` filled.

Duplicates: a document whose id and text, or whose URL, the store already holds is the
same document and is not added again (an id that comes back with another text is
reported). A near-duplicate (the same text under another id or title, or a lightly edited
copy: its SimHash is within ``NEAR_BITS`` bits of an earlier document's and it states the
same numbers) is kept, linked to the first copy by ``duplicate_of`` and left out of the
corpus unless asked for, so it is not counted twice.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from metrics import changes, feeds, pipeline, themes
from metrics import sentiment as tone
from metrics.documents import Document, Loaded, LoadError, load
from metrics.pipeline import Corpus, Progress, Runner, Stats
from metrics.store import (
    extractor_version,
    keep,
    one_chunk,
    open_snapshot,
    opened,
    reuse,
    taxonomy_fingerprint,
)
from metrics.themes import Taxonomy

NEAR_BITS = 6  # SimHash distance up to which two documents are near-duplicates...
MIN_SHINGLES = 12  # (shorter texts only when their words are identical)...
# ...and only when they state the same numbers: a daily "Fed adds reserves" or "grain
# ships loading" report repeats yesterday's words with today's figures, and is news.
_BANDS = ((0, 9), (9, 9), (18, 9), (27, 9), (36, 9), (45, 9), (54, 10))  # > NEAR_BITS bands
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: documents added (``near`` of them near-duplicates linked to an
    earlier copy), documents already in the store, and inputs that could not be read."""

    new: int = 0
    duplicate: int = 0
    near: int = 0
    errors: list[LoadError] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    new_ids: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[LoadError]:
        return [e for e in self.errors if e.severity == "error"]

    def __str__(self) -> str:
        return f"new={self.new} duplicate={self.duplicate} errors={len(self.failed)}"


def read(sources: Iterable[str | Path], *, date_column: str | None = None,
         guess_dates: bool = False) -> Loaded:
    """Documents from each source: a feed (URL or .rss/.atom/.xml file) or anything
    ``documents.load`` reads. One bad source never stops the others."""
    out = Loaded()
    for source in sources:
        if feeds.is_feed(source):
            out.extend(feeds.read(source))
        else:
            out.extend(load([Path(source)], date_column=date_column, guess_dates=guess_dates,
                            feed=_feed_file))
    return out


def _feed_file(path: Path) -> Loaded | None:
    """A feed file met in a folder, read as a feed (None for any other file)."""
    return feeds.read(path) if feeds.is_feed(path) else None


def ingest(
    sources: Iterable[str | Path] | Loaded,
    store_path: str | Path,
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    workers: int | None = None,
    engine: Runner | None = None,
    progress: Progress | None = None,
    date_column: str | None = None,
    guess_dates: bool = False,
    now: datetime | None = None,
    sentiment: str | None = None,
) -> IngestReport:
    """Add the new documents of ``sources`` to the store at ``store_path`` and analyse
    only them (tone by the ``sentiment`` analyzer, default TextBlob). Raises
    ``store.Unavailable`` when the store cannot be opened."""
    analyzer = tone.check(sentiment)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = themes.load_taxonomy(taxonomy)
    loaded = sources if isinstance(sources, Loaded) else read(
        sources, date_column=date_column, guess_dates=guess_dates)
    report = IngestReport(errors=list(loaded.errors))
    with opened(store_path) as st:
        index = index_of(st.ingested(["doc_id", "text_hash", "url", "simhash", "numbers",
                                      "shingles", "duplicate_of"]))
    fresh, signs = _sort_new(loaded.documents, index, report)
    _, reused, problems = reuse(fresh, taxonomy, store_path, runner=engine or pipeline.run,
                                workers=workers, progress=progress, analyzer=analyzer)
    stamp = (now or datetime.now(UTC)).replace(tzinfo=None)
    with opened(store_path) as st:
        st.add_ingested([_row(d, signs[d.doc_id], stamp) for d in fresh])
        st.add_ingest_errors([(e.path, e.row, e.reason, e.severity, stamp)
                              for e in report.errors])
    report.new = len(fresh)
    report.new_ids = [d.doc_id for d in fresh]
    report.stats = Stats(len(fresh) - reused, reused, str(store_path), problems)
    return report


def corpus(store_path: str | Path, *, taxonomy: Taxonomy | str | Path | None = None,
           with_duplicates: bool = False, workers: int | None = None,
           sentiment: str | None = None) -> Corpus:
    """Every ingested document of the store as a ``Corpus`` (near-duplicates left out
    unless ``with_duplicates``). Documents whose results the store lacks for this
    taxonomy and extractor are analysed now and kept; the assembled corpus is kept as a
    snapshot, so opening an unchanged store again skips assembly (and reads only the
    content hashes, not the texts). Tone is by the ``sentiment`` analyzer (default
    TextBlob): the store keeps each analyzer's results apart."""
    analyzer = tone.check(sentiment)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = themes.load_taxonomy(taxonomy)
    with opened(store_path) as st:
        hashes = st.ingested(["content_hash"], with_duplicates=with_duplicates)
        repaired = tuple(st.notes)
        unread = st.ingest_errors()
    found, notes = open_snapshot(store_path, _key(hashes, with_duplicates, taxonomy, analyzer))
    if found is not None:
        found.stats = Stats(0, len(found.documents), str(store_path), repaired + notes)
        found.errors = _with_unread(unread, found.errors)
        return found
    with opened(store_path) as st:
        frame = st.ingested(with_duplicates=with_duplicates)
    out, analysed = _assemble(frame, store_path, taxonomy, workers, analyzer)
    out.derived.update(changes.latest(out))  # what the Overview shows first, kept with it
    problems = repaired + out.stats.warnings + keep(
        store_path, out, _key(frame, with_duplicates, taxonomy, analyzer))
    out.stats = Stats(analysed, len(frame) - analysed, str(store_path), problems)
    out.errors = _with_unread(unread, out.errors)
    return out


def _with_unread(unread: pd.DataFrame, errors: pd.DataFrame) -> pd.DataFrame:
    """The corpus's errors table: what ingests could not read, first, then the problems
    met analysing."""
    if unread.empty:
        return errors
    unread = unread.astype({"row": "Int64"})
    return unread if errors.empty else pd.concat([unread, errors], ignore_index=True)


def since(store_path: str | Path, after: datetime | None, *,
          taxonomy: Taxonomy | str | Path | None = None, with_duplicates: bool = False,
          sentiment: str | None = None) -> Corpus:
    """Only the documents ingested after ``after`` (every one when None), as a ``Corpus``
    assembled among themselves: their rows come from the store's results (nothing is
    analysed again unless the store lacks them). ``extend`` appends it to a corpus."""
    analyzer = tone.check(sentiment)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = themes.load_taxonomy(taxonomy)
    with opened(store_path) as st:
        frame = st.ingested(with_duplicates=with_duplicates, after=after)
        unread = st.ingest_errors(after)
    out, analysed = _assemble(frame, store_path, taxonomy, None, analyzer)
    out.stats = Stats(analysed, len(frame) - analysed, str(store_path), out.stats.warnings)
    out.errors = _with_unread(unread, out.errors)
    return out


def newer(store_path: str | Path, after: datetime | None, *,
          with_duplicates: bool = False) -> int:
    """How many documents were ingested after ``after`` (a cheap count, no texts read)."""
    with opened(store_path) as st:
        return st.count_ingested(with_duplicates=with_duplicates, after=after)


def near_duplicates(store_path: str | Path) -> int:
    """How many documents of the store are near-duplicates linked to an earlier copy (left
    out of ``corpus`` and of every count unless asked for)."""
    with opened(store_path) as st:
        return st.count_ingested(with_duplicates=True) - st.count_ingested(with_duplicates=False)


def latest(corpus: Corpus) -> datetime | None:
    """The latest ``ingested_at`` of a store's corpus (None when it has none): pass it to
    ``since``/``newer`` to get what was ingested after the corpus was read."""
    stamps = corpus.documents.get("ingested_at", pd.Series([], dtype="datetime64[ns]"))
    last = stamps.max() if len(stamps) else None
    return None if last is None or pd.isna(last) else pd.Timestamp(last).to_pydatetime()


def extend(corpus: Corpus, more: Corpus) -> Corpus:
    """``corpus`` with the documents of ``more`` appended (those it already holds left
    out). Per-document rows are exact; the corpus-level ranks of the new rows (key-phrase
    scores, figure salience) were computed among the documents of ``more``, so a full
    ``corpus()`` re-ranks them against the whole stream."""
    known = set(corpus.documents["doc_id"])
    fresh = ~more.documents["doc_id"].isin(known)
    if fresh.all() and not known & set(more.texts):
        added = more
    else:
        ids = set(more.documents["doc_id"][fresh])
        added = Corpus(**{name: frame[frame["doc_id"].isin(ids)] if name != "errors"
                          else frame for name, frame in more.tables().items()},
                       texts={k: v for k, v in more.texts.items() if k in ids})

    def joined(name: str) -> pd.DataFrame:
        old, new = getattr(corpus, name), getattr(added, name)
        if new.empty:
            return old
        if name == "errors":  # a problem met again (a feed still down) is listed once
            return pd.concat([old, new], ignore_index=True).drop_duplicates(ignore_index=True)
        return new.reset_index(drop=True) if old.empty else one_chunk(pd.concat(
            [old, new], ignore_index=True))

    return Corpus(**{name: joined(name) for name in pipeline.TABLES},
                  texts={**corpus.texts, **added.texts},
                  stats=Stats(corpus.stats.analysed + added.stats.analysed,
                              corpus.stats.reused + added.stats.reused, corpus.stats.store,
                              corpus.stats.warnings + added.stats.warnings))


def _key(frame: pd.DataFrame, with_duplicates: bool, taxonomy: Taxonomy,
         analyzer: str) -> str:
    """The snapshot key of the ingested rows in ``frame`` (their content hashes, in order)
    under a taxonomy and a tone analyzer."""
    return hashlib.sha1("|".join([*frame["content_hash"], str(with_duplicates),
                                  taxonomy_fingerprint(taxonomy), extractor_version(),
                                  analyzer])
                        .encode()).hexdigest()


def _assemble(frame: pd.DataFrame, store_path: str | Path, taxonomy: Taxonomy,
              workers: int | None, analyzer: str) -> tuple[Corpus, int]:
    """The ingested rows of ``frame`` as a ``Corpus`` (results from the store, the missing
    ones analysed and kept), and how many were analysed now."""
    docs = [_document(r) for r in frame.itertuples(index=False)]
    results, reused, problems = reuse(docs, taxonomy, store_path, workers=workers,
                                      analyzer=analyzer)
    out = pipeline.assemble(results, [], docs)
    at = dict(zip(frame["doc_id"], frame["ingested_at"], strict=True))
    dup = dict(zip(frame["doc_id"], frame["duplicate_of"], strict=True))
    out.documents["ingested_at"] = pd.to_datetime(out.documents["doc_id"].map(at))
    out.documents["duplicate_of"] = out.documents["doc_id"].map(dup).fillna("")
    out.stats = Stats(warnings=problems)
    return out, len(docs) - reused


# --- de-duplication -----------------------------------------------------------------------


def simhash(text: str) -> int:
    """A 64-bit SimHash of the text's lower-cased word 3-shingles (stable across runs):
    near-identical texts get hashes a few bits apart."""
    words = [zlib.crc32(w.encode()) for w in _WORD.findall(text.lower())]
    if len(words) < 3:
        words = words + [0] * (3 - len(words))
    ids = np.array(words, dtype=np.uint64)
    shingles = (ids[:-2] * np.uint64(0x9E3779B97F4A7C15) + ids[1:-1] *
                np.uint64(0xC2B2AE3D27D4EB4F) + ids[2:]) & _MASK
    z = (shingles ^ (shingles >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    bits = (z[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    weights = bits.sum(axis=0) * 2 > len(z)
    return int(np.packbits(weights[::-1]).view(">u8")[0])


@dataclass(slots=True)
class _Index:
    """What the store already holds, to tell new documents from copies."""

    texts: set[tuple[str, str]]  # (doc_id, text hash)
    urls: set[str]
    ids: set[str]
    # SimHash band -> (simhash, numbers hash, shingles, doc_id): two hashes within
    # NEAR_BITS bits of each other agree on at least one of the NEAR_BITS + 1 bands
    near: dict[tuple[int, int], list[tuple[int, int, int, str]]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # doc_id -> position in the stream

    def add_near(self, sim: int, numbers: int, shingles: int, doc_id: str) -> None:
        self.order[doc_id] = len(self.order)
        for key in _band_keys(sim):
            self.near.setdefault(key, []).append((sim, numbers, shingles, doc_id))

    def first_copy(self, sim: int, numbers: int, shingles: int) -> str:
        """The first ingested document within ``NEAR_BITS`` of ``sim`` stating the same
        numbers, or ""."""
        close = [doc_id
                 for key in _band_keys(sim)
                 for other, nums, size, doc_id in self.near.get(key, ())
                 if nums == numbers and (other ^ sim).bit_count() <= (
                     NEAR_BITS if min(size, shingles) >= MIN_SHINGLES else 0)]
        return min(close, key=self.order.__getitem__, default="")


def _band_keys(sim: int) -> list[tuple[int, int]]:
    return [(start, (sim >> start) & ((1 << width) - 1)) for start, width in _BANDS]


def _text_hash(doc: Document) -> str:
    return hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def _numbers_hash(doc: Document) -> int:
    """A signed 64-bit hash of the numbers the text states, in order."""
    numbers = " ".join(_NUMBER.findall(doc.text[doc.body_start:]))
    return int.from_bytes(hashlib.sha1(numbers.encode()).digest()[:8], "big", signed=True)


def _sort_new(docs: Sequence[Document], index: _Index, report: IngestReport
              ) -> tuple[list[Document], dict[str, dict]]:
    """The documents to add, and each one's de-duplication columns (computed once: the
    text hash, SimHash, numbers hash, shingle count and the first copy it duplicates)."""
    fresh: list[Document] = []
    signs: dict[str, dict] = {}
    for doc in docs:
        text_hash = _text_hash(doc)
        if (doc.doc_id, text_hash) in index.texts or (doc.url and doc.url in index.urls):
            report.duplicate += 1
            continue
        if doc.doc_id in index.ids:
            report.errors.append(LoadError(doc.source, None, f"document id {doc.doc_id!r} is "
                                           "already in the store with another text; skipped"))
            continue
        sim, numbers, size = simhash(doc.text[doc.body_start:]), _numbers_hash(doc), \
            _shingles(doc)
        first = index.first_copy(sim, numbers, size)
        if first:
            report.near += 1
        else:
            index.add_near(sim, numbers, size, doc.doc_id)
        signs[doc.doc_id] = {"text_hash": text_hash, "simhash": sim - (1 << 63),  # BIGINT
                             "numbers": numbers, "shingles": size, "duplicate_of": first}
        index.texts.add((doc.doc_id, text_hash))
        index.ids.add(doc.doc_id)
        if doc.url:
            index.urls.add(doc.url)
        fresh.append(doc)
    return fresh, signs


def _shingles(doc: Document) -> int:
    return max(0, len(_WORD.findall(doc.text[doc.body_start:])) - 2)


# --- rows ---------------------------------------------------------------------------------


def _row(doc: Document, sign: dict, stamp: datetime) -> dict:
    """The ``ingested`` row of a new document (``sign``: its de-duplication columns)."""
    return {
        "doc_id": doc.doc_id, "content_hash": doc.content_hash, "url": doc.url, **sign,
        "title": doc.title, "date": doc.date, "date_source": doc.date_source,
        "date_guess": doc.date_guess, "source": doc.source, "text": doc.text,
        "body_start": doc.body_start, "facets": json.dumps(doc.facets, ensure_ascii=False),
        "ingested_at": stamp,
    }


def _document(row: object) -> Document:
    return Document(
        doc_id=row.doc_id, title=_text(row.title), date=_text(row.date) or None,
        source=_text(row.source), text=row.text, url=_text(row.url),
        body_start=int(row.body_start), date_source=_text(row.date_source),
        date_guess=_text(row.date_guess) or None,
        facets=tuple(tuple(f) for f in json.loads(row.facets)),
    )


def _text(value: object) -> str:
    """A VARCHAR cell as text: NULL (None or NaN in a DataFrame) is ""."""
    return value if isinstance(value, str) else ""


def index_of(frame: pd.DataFrame) -> _Index:
    """The de-duplication index of the ingested rows in ``frame``."""
    urls = {u for u in frame["url"] if isinstance(u, str) and u}
    index = _Index(set(zip(frame["doc_id"], frame["text_hash"], strict=True)), urls,
                   set(frame["doc_id"]))
    for sim, numbers, size, doc_id, dup in zip(
            frame["simhash"], frame["numbers"], frame["shingles"], frame["doc_id"],
            frame["duplicate_of"], strict=True):
        if not dup:
            index.add_near(int(sim) + (1 << 63), int(numbers), int(size), doc_id)
    return index
