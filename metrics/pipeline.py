"""The pipeline's steps: the per-document step, running it over documents, assembling.

The per-document step (``analyze_document``) is a pure function of the document and the
taxonomy, so it runs the same in one process, a process pool (``run``, ``run_frame``), a
Dask cluster or from the incremental store. ``assemble`` gathers the rows into a
``Corpus`` and runs the corpus-level work (key-phrase ranking, salience) once. The front
door that chooses among these is ``metrics.analysis.analyze``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain

import pandas as pd

from metrics import arrowpool, figures, gctune, phrases, places, sentiment, text, themes
from metrics.documents import FACET_SEPARATOR, PLAIN, Document, LoadError, Reading, load
from metrics.figures import units
from metrics.salience import salience
from metrics.themes import Taxonomy

# Bump when a change to the analysis changes its output: the store re-analyses then.
EXTRACTOR_VERSION = "3"  # 3: the places table

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id", "title", "date", "source", "url", "words", "sentences", "figures",
        "polarity", "subjectivity", "polarity_mean", "top_theme", "top_theme_label",
        "content_hash", "date_source", "date_guess", "analyzer", "ingested_at", "duplicate_of",
    ],
    "sentences": [
        "doc_id", "sentence_id", "start", "end", "text", "polarity", "subjectivity",
        "theme", "themes",
    ],
    "figures": [
        "doc_id", "sentence_id", "start", "end", "surface", "value", "value_high", "unit",
        "kind", "measure", "qualifier", "bound", "change", "previous", "period", "theme",
        "polarity", "sentence",
        "salience",
    ],
    "themes": ["doc_id", "theme", "label", "hits", "share", "score", "polarity", "terms"],
    "phrases": ["doc_id", "phrase", "count", "score"],
    "errors": ["path", "row", "reason", "severity"],
    "facets": ["doc_id", "facet", "value"],
    "places": ["doc_id", "sentence_id", "start", "end", "surface", "country", "place", "kind"],
}
TABLES = tuple(COLUMNS)
POOL_FROM = 32  # documents from which a process pool pays for its start-up
# Columns computed over the whole corpus in ``assemble``, not in the per-document rows
# (a store's corpus fills ``ingested_at`` and ``duplicate_of``; see ``metrics.stream``).
CORPUS_COLUMNS = {"figures": ("salience",), "documents": ("ingested_at", "duplicate_of")}
# Width of each per-document row tuple (the table's columns less the corpus-level ones).
ROW_WIDTHS = {name: len([c for c in cols if c not in CORPUS_COLUMNS.get(name, ())])
              for name, cols in COLUMNS.items()}
TERM_SEPARATOR = "; "
# Bounds that keep one pathological document from exhausting memory or time: figures kept
# per document (a warning says how many were found), the length of a "sentence" read in
# one piece, and how much of its sentence a figure row carries.
MAX_FIGURES = 5_000
BATCH = 64  # documents analysed a step at a time (``analyze_documents``)
LONG_SENTENCE = 2_000
EVIDENCE_CHARS = 1_000

Progress = Callable[[int, int], None]
# An engine: runs the per-document step over documents, in order (``run``'s signature).
Runner = Callable[..., list["DocumentResult"]]


@dataclass(frozen=True, slots=True)
class Stats:
    """What a run did: documents analysed now, reused from the store, the store used
    (empty when none) and problems for the caller to show (e.g. the store was unusable)."""

    analysed: int = 0
    reused: int = 0
    store: str = ""
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"analysed={self.analysed} reused={self.reused}"


@dataclass(slots=True)
class DocumentResult:
    """Rows of every per-document table for one document (plain tuples, cheap to send
    between processes), and warnings about it (e.g. figures capped)."""

    document: tuple
    sentences: list[tuple]
    figures: list[tuple]
    themes: list[tuple]
    phrases: Counter[str]
    warnings: list[str] = field(default_factory=list)
    places: list[tuple] = field(default_factory=list)

    def to_json(self) -> str:
        """The result as JSON text (what the store keeps: data, never code)."""
        return json.dumps([self.document, self.sentences, self.figures, self.themes,
                           dict(self.phrases), self.warnings, self.places],
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> DocumentResult:
        """A result from ``to_json`` text; ValueError when it is not one (the caller then
        analyses the document again)."""
        try:
            doc, sents, figs, theme_rows, counts, warnings, place_rows = json.loads(text)
            result = cls(tuple(doc), [tuple(r) for r in sents], [tuple(r) for r in figs],
                         [tuple(r) for r in theme_rows], Counter(counts), list(warnings),
                         [tuple(r) for r in place_rows])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a stored result: {exc}") from exc
        if len(result.document) != ROW_WIDTHS["documents"] or any(
                len(row) != ROW_WIDTHS[name]
                for name, rows in (("sentences", result.sentences), ("figures", result.figures),
                                   ("themes", result.themes), ("places", result.places))
                for row in rows):
            raise ValueError("not a stored result: rows of the wrong width")
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in counts.items()):
            raise ValueError("not a stored result: phrase counts")
        return result


@dataclass(slots=True)
class Corpus:
    """The analysed corpus: one DataFrame per table, plus the document texts."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    figures: pd.DataFrame
    themes: pd.DataFrame
    phrases: pd.DataFrame
    errors: pd.DataFrame
    facets: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["facets"]))
    places: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["places"]))
    texts: dict[str, str] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    derived: dict[str, pd.DataFrame] = field(default_factory=dict)
    """Frames computed from the tables and kept with a snapshot, so a new process need not
    compute them again: ``changes.latest`` (the latest period's changes)."""

    def tables(self) -> dict[str, pd.DataFrame]:
        """The exported tables by name, in a stable order."""
        return {name: getattr(self, name) for name in TABLES}

    def __len__(self) -> int:
        return len(self.documents)


def analyze_document(doc: Document, taxonomy: Taxonomy,
                     analyzer: str = sentiment.DEFAULT) -> DocumentResult:
    """Sentences, sentiment (by the tone ``analyzer``, see ``sentiment.ANALYZERS``), themes,
    figures and places of one document."""
    return analyze_documents([doc], taxonomy, analyzer)[0]


def analyze_documents(docs: Sequence[Document], taxonomy: Taxonomy,
                      analyzer: str = sentiment.DEFAULT) -> list[DocumentResult]:
    """``analyze_document`` of each document, a step at a time over all of them.

    The same rows as one document after another, faster: each step (sentence splitting,
    tone, places, themes, figures, key phrases) runs over the whole batch before the
    next, so its code and tables (lexicon, gazetteer, taxonomy, grammar) stay in the
    processor's caches. On BBC documents the steps take about a sixth less CPU 64 at a time
    (``BATCH``) than one document after another; the batch's rows are all the memory it
    adds.
    """
    spans = [text.sentences(d.text, d.body_start) for d in docs]
    score = sentiment.span_scorer(analyzer)
    tones = [score(d.text, s, d.body_start) for d, s in zip(docs, spans, strict=True)]
    place_lists = [place_rows(d, s) for d, s in zip(docs, spans, strict=True)]
    hit_lists = [[themes.match(d.text[a:b], taxonomy, a) for a, b in s]
                 for d, s in zip(docs, spans, strict=True)]
    ranked_lists = [[themes.ranked_ids(h, taxonomy) for h in hits] for hits in hit_lists]
    figure_lists = _batch_figures(docs, spans)
    counts = [phrases.candidates(d.text[d.body_start:]) for d in docs]
    return [_result(*parts, taxonomy, analyzer) for parts in zip(
        docs, spans, tones, place_lists, hit_lists, ranked_lists, figure_lists, counts,
        strict=True)]


def analyze_each(docs: Sequence[Document], taxonomy: Taxonomy,
                 analyzer: str = sentiment.DEFAULT) -> Iterator[DocumentResult]:
    """``analyze_document`` of each document in order, ``BATCH`` documents at a time."""
    for at in range(0, len(docs), BATCH):
        yield from analyze_documents(docs[at:at + BATCH], taxonomy, analyzer)


def _batch_figures(docs: Sequence[Document], spans: Sequence[Sequence[tuple[int, int]]]
                   ) -> list[list[tuple[int, figures.Figure]]]:
    """(sentence id, figure) of each figure of each document, up to one more than
    ``MAX_FIGURES`` per document (so its result can say it kept the first ones): what
    ``_figures_in`` gives sentence by sentence, the ordinary sentences of all documents read
    together (``figures.find_many``)."""
    requests = [(d.text[a:b], a, d.date or None) for d, s in zip(docs, spans, strict=True)
                for a, b in s if b - a <= LONG_SENTENCE]
    read = iter(figures.find_many(requests))
    out = []
    for doc, doc_spans in zip(docs, spans, strict=True):
        found: list[tuple[int, figures.Figure]] = []
        for sid, (start, end) in enumerate(doc_spans):
            room = MAX_FIGURES + 1 - len(found)
            if end - start <= LONG_SENTENCE:
                got = next(read)
                if room <= 0:
                    continue
            else:
                got = _figures_in(doc.text[start:end], start, room, doc.date)
            found.extend((sid, fig) for fig in got)
        out.append(found)
    return out


def _result(doc: Document, spans: Sequence[tuple[int, int]],
            tones: tuple[list[tuple[float, float]], tuple[float, float]],
            place_rows_: list[tuple], hit_lists: list[list[themes.Hit]],
            ranked_lists: list[list[str]], found_figures: list[tuple[int, figures.Figure]],
            phrase_counts: Counter, taxonomy: Taxonomy, analyzer: str) -> DocumentResult:
    """A document's rows from what each step found in it."""
    body = doc.text
    scores, (polarity, subjectivity) = tones
    sentence_rows: list[tuple] = []
    doc_hits: list[themes.Hit] = []
    theme_polarities: dict[str, list[float]] = {}
    polarities: list[float] = []
    lengths: list[int] = []
    tops: list[str] = []
    for sid, ((start, end), (s_polarity, s_subjectivity), hits, ranked) in enumerate(
            zip(spans, scores, hit_lists, ranked_lists, strict=True)):
        top = ranked[0] if ranked else ""
        for theme in ranked:
            theme_polarities.setdefault(theme, []).append(s_polarity)
        doc_hits.extend(hits)
        polarities.append(s_polarity)
        lengths.append(end - start)
        tops.append(top)
        sentence_rows.append((doc.doc_id, sid, start, end, body[start:end], s_polarity,
                              s_subjectivity, top, TERM_SEPARATOR.join(ranked)))
    found = [(sid, fig, tops[sid], scores[sid][0], body[spans[sid][0]:spans[sid][1]],
              spans[sid][0]) for sid, fig in found_figures]
    figure_rows = _figure_rows(doc, found, place_rows_)
    doc_themes = themes.summarize(doc_hits, taxonomy)
    theme_rows = [
        (doc.doc_id, s.theme, s.label, s.hits, s.share, s.score,
         _mean(theme_polarities[s.theme]),
         TERM_SEPARATOR.join(s.terms))
        for s in doc_themes
    ]
    top_theme = doc_themes[0] if doc_themes else None
    document_row = (
        doc.doc_id, doc.title, doc.date, doc.source, doc.url, text.count_words(body),
        len(sentence_rows), len(figure_rows), polarity, subjectivity,
        sentiment.weighted_mean(polarities, lengths),
        top_theme.theme if top_theme else "", top_theme.label if top_theme else "",
        doc.content_hash, doc.date_source, doc.date_guess, analyzer,
    )
    warnings = []
    if len(figure_rows) > MAX_FIGURES:
        warnings.append(f"more than {MAX_FIGURES:,} figures; kept the first {MAX_FIGURES:,}")
        figure_rows = figure_rows[:MAX_FIGURES]
        document_row = (*document_row[:7], MAX_FIGURES, *document_row[8:])
    return DocumentResult(document_row, sentence_rows, figure_rows, theme_rows,
                          phrase_counts, warnings, place_rows_)


def _figure_rows(doc: Document, found: Sequence[tuple[int, figures.Figure, str, float, str, int]],
                 place_rows_: Sequence[tuple]) -> list[tuple]:
    """The figures table's rows of a document's figures (with their sentence id, theme,
    polarity, sentence and its start), in the currency the document means where a figure
    does not write one: a bare "franc" or "crowns" of the one franc or crown country it
    names, money the wire left without a currency in the one other currency its figures
    write, a bare "dlrs" in the one other dollar they write (else of the one dollar country
    it names twice and alone)."""
    countries = {row[5] for row in place_rows_}
    franc, crown = units.franc_of(countries), units.crown_of(countries)
    figs = [f if franc is None else units.in_franc(f, franc) for _, f, *_ in found]
    if crown is not None:
        figs = [units.in_crown(f, crown) for f in figs]
    currency = units.document_currency(figs)  # of the francs as the document means them
    dollar = units.document_dollar(figs) or units.place_dollar(
        countries, Counter(row[5] for row in place_rows_ if row[7] in ("country", "demonym")),
        doc.text)
    rows = []
    for (sid, _, top, s_polarity, sent, start), fig in zip(found, figs, strict=True):
        if currency is not None:
            fig = units.in_currency(fig, currency)
        if dollar is not None:
            fig = units.in_dollar(fig, dollar, sent)
        rows.append((doc.doc_id, sid, fig.start, fig.end, fig.surface, fig.value,
                     fig.value_high, fig.unit, fig.kind, fig.measure, fig.qualifier,
                     fig.bound, fig.change, fig.previous, fig.period, top,
                     s_polarity, _around(sent, fig.start - start, fig.end - start)))
    return rows


def place_rows(doc: Document, spans: Sequence[tuple[int, int]]) -> list[tuple]:
    """The places named in the document's sentences (one pass of the gazetteer over the
    text from its first sentence; each mention tagged with its sentence)."""
    if not spans:
        return []
    starts = [s for s, _ in spans]
    return [(doc.doc_id, places.sentence_of(starts, p.start), p.start, p.end, p.surface,
             p.country, p.place, p.kind)
            for p in places.find(doc.text, spans[0][0], spans[-1][1])]


def _figures_in(sentence: str, start: int, room: int,
                date: str | None = None) -> list[figures.Figure]:
    """The figures of one sentence (up to about ``room`` of them: none when the document
    has its fill); a "sentence" longer than ``LONG_SENTENCE`` characters (a table or a
    list of numbers, not prose) is read in pieces cut at spaces, so its cost stays linear
    in its length."""
    if room <= 0:
        return []
    if len(sentence) <= LONG_SENTENCE:
        return figures.find(sentence, start, date=date or None)
    found, at = [], 0
    while at < len(sentence) and len(found) < room:
        end = len(sentence) if len(sentence) - at <= LONG_SENTENCE else \
            sentence.rfind(" ", at + LONG_SENTENCE // 2, at + LONG_SENTENCE) + 1 or \
            at + LONG_SENTENCE
        found.extend(figures.find(sentence[at:end], start + at, date=date or None))
        at = end
    return found


def _around(sentence: str, start: int, end: int) -> str:
    """The figure's sentence, or when longer than ``EVIDENCE_CHARS`` the part of it around
    the figure (marked with "…"): a figure row never copies a huge sentence."""
    if len(sentence) <= EVIDENCE_CHARS:
        return sentence
    half = (EVIDENCE_CHARS - (end - start)) // 2
    left, right = max(0, start - half), min(len(sentence), end + half)
    return ("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else "")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def assemble(
    results: Sequence[DocumentResult],
    errors: Iterable[LoadError] = (),
    docs: Sequence[Document] = (),
    stats: Stats | None = None,
) -> Corpus:
    """Gather per-document rows into DataFrames and run the corpus-level steps; ``docs``
    (in the order of ``results``) supply the texts the reader shows. Text columns are
    copied into Arrow with the system allocator (``arrowpool``)."""
    with arrowpool.system_allocator():
        return _assemble(results, errors, docs, stats)


def _assemble(results: Sequence[DocumentResult], errors: Iterable[LoadError],
              docs: Sequence[Document], stats: Stats | None) -> Corpus:
    def frame(name: str, rows: Iterable[tuple]) -> pd.DataFrame:
        late = CORPUS_COLUMNS.get(name, ())
        columns = [c for c in COLUMNS[name] if c not in late]
        cells = list(zip(*rows, strict=True))  # column by column: a third faster for pandas
        if not cells:
            return pd.DataFrame([], columns=columns)
        return pd.DataFrame(dict(zip(columns, map(list, cells), strict=True)), columns=columns)

    documents = frame("documents", (r.document for r in results))
    documents["date"] = pd.to_datetime(documents["date"], errors="coerce")
    documents["date_guess"] = pd.to_datetime(documents["date_guess"], errors="coerce")
    documents["ingested_at"] = pd.Series(pd.NaT, index=documents.index, dtype="datetime64[ns]")
    documents["duplicate_of"] = ""
    figs = frame("figures", (row for r in results for row in r.figures))
    figs["value"] = figs["value"].astype(float)
    figs["value_high"] = pd.to_numeric(figs["value_high"], errors="coerce").astype(float)
    figs["salience"] = salience(figs)
    ranked = phrases.rank({r.document[0]: r.phrases for r in results})
    return Corpus(
        documents=documents,
        sentences=frame("sentences", (row for r in results for row in r.sentences)),
        figures=figs,
        themes=frame("themes", (row for r in results for row in r.themes)),
        phrases=ranked.reindex(columns=COLUMNS["phrases"]),
        errors=frame("errors", [*((e.path, e.row, e.reason, e.severity) for e in errors),
                                *((d.source, None, w, "warning")
                                  for d, r in zip(docs, results, strict=False)
                                  for w in r.warnings)]).astype({"row": "Int64"}),
        facets=frame("facets", facet_rows(docs)),
        places=frame("places", (row for r in results for row in r.places)),
        texts={d.doc_id: d.text for d in docs},
        stats=stats or Stats(len(results)),
    )


def facet_rows(docs: Iterable[Document]) -> Iterator[tuple[str, str, str]]:
    """(doc_id, facet, value) for every facet value of every document; a cell holding
    several values ("usa;japan") gives one row each."""
    for d in docs:
        for name, cell in d.facets:
            for value in cell.split(FACET_SEPARATOR):
                if value.strip():
                    yield d.doc_id, name, value.strip()


def worker_count(pending: int, requested: int | None = None) -> int:
    """Processes for ``pending`` documents: ``requested`` when given (at most one per core
    and per document); else every core when there are at least ``POOL_FROM``, since a
    pool costs more to start than a few documents take."""
    cores = os.cpu_count() or 1
    if requested is None:
        return cores if pending >= POOL_FROM else 1
    return max(1, min(requested, cores, pending or 1))


def run_frame(
    frame: pd.DataFrame, taxonomy: Taxonomy, workers: int | None, progress: Progress | None,
    how: Reading = PLAIN, analyzer: str = sentiment.DEFAULT,
) -> tuple[list[Document], list[DocumentResult]] | None:
    """Read and analyse row partitions of ``frame`` in the pool, so reading overlaps the
    analysis. Reading a row depends only on that row, so the partitions' documents are
    ``load(frame)``'s, unless a row had a problem (its error would carry a partition-local
    row number) or two partitions share a doc_id: then None, and the caller reads the
    frame whole."""
    total = len(frame)
    workers = worker_count(total, workers)
    size = max(16, min(128, total // (workers * 8)))
    parts = [frame.iloc[i:i + size] for i in range(0, total, size)]
    _warm_up(taxonomy, analyzer)
    docs: list[Document] = []
    results: list[DocumentResult] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_taxonomy,
                             initargs=(taxonomy, analyzer)) as pool:
        for got in pool.map(_load_and_analyze, parts, [how] * len(parts)):
            if got is None:
                pool.shutdown(wait=True, cancel_futures=True)
                return None
            docs.extend(got[0])
            results.extend(got[1])
            if progress:
                progress(min(total, len(docs)), total)
    if len({d.doc_id for d in docs}) != len(docs):
        return None
    return docs, results


def _load_and_analyze(part: pd.DataFrame, how: Reading
                      ) -> tuple[list[Document], list[DocumentResult]] | None:
    loaded = load(part, how.max_bytes, date_column=how.date_column,
                  guess_dates=how.guess_dates)
    if loaded.errors:
        return None
    return loaded.documents, _analyze_in_worker(loaded.documents)


def run(
    docs: Sequence[Document],
    taxonomy: Taxonomy,
    *,
    workers: int | None = 1,
    progress: Progress | None = None,
    on_batch: Callable[[list[DocumentResult]], None] | None = None,
    batch: int = 256,
    analyzer: str = sentiment.DEFAULT,
) -> list[DocumentResult]:
    """``analyze_document`` over ``docs`` (with the tone ``analyzer``) in order, in-process
    or in a process pool of ``worker_count(len(docs), workers)`` processes (the same rows
    either way).
    ``on_batch(results)`` is called with every ``batch`` results as they arrive, in
    order, and with the rest at the end (the store saves them)."""
    total = len(docs)
    workers = worker_count(total, workers)
    results: list[DocumentResult] = []
    flushed = 0

    def arrived(result: DocumentResult) -> None:
        nonlocal flushed
        results.append(result)
        if progress:
            progress(len(results), total)
        if on_batch and (len(results) - flushed >= batch or len(results) == total):
            on_batch(results[flushed:])
            flushed = len(results)

    firsts = first_copies(docs)
    unique = [doc for k, doc in enumerate(docs) if firsts[k] == k]

    def arrive_all(analysed: Iterator[DocumentResult]) -> None:
        """Every document's result in order: a first copy's from ``analysed``, the others
        copied from it."""
        for k, doc in enumerate(docs):
            first = firsts[k]
            arrived(next(analysed) if first == k else copy_of(results[first], doc))

    if workers == 1:
        with gctune.fewer_collections():
            arrive_all(analyze_each(unique, taxonomy, analyzer))
        return results
    _warm_up(taxonomy, analyzer)
    chunk = max(1, min(64, len(unique) // (workers * 8) or 1))
    # The taxonomy goes to each worker once (its compiled regex is built once per worker),
    # not pickled with every chunk of documents.
    with ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_taxonomy,
                             initargs=(taxonomy, analyzer)) as pool:
        batches = [unique[at:at + chunk] for at in range(0, len(unique), chunk)]
        arrive_all(chain.from_iterable(pool.map(_analyze_in_worker, batches)))
    return results


def first_copies(docs: Sequence[Document]) -> list[int]:
    """For each document, the index of the first one whose analysis it shares (its own
    when none before it does): the same text from the same start, with the same date (which
    resolves "last year"). Wire services and feeds repeat stories word for word (BBC's
    corpus holds 6 % duplicates), and one analysis serves every copy."""
    first: dict[tuple[str, int, str | None], int] = {}
    return [first.setdefault((doc.text, doc.body_start, doc.date), k)
            for k, doc in enumerate(docs)]


# The documents row's cells that come from the document's metadata, not from its text.
_METADATA_CELLS = tuple((i, name) for i, name in enumerate(COLUMNS["documents"])
                        if name in ("doc_id", "title", "date", "source", "url", "content_hash",
                                    "date_source", "date_guess"))


def copy_of(result: DocumentResult, doc: Document) -> DocumentResult:
    """``analyze_document(doc)`` from the result of a document with the same text, start
    and date (``first_copies``): the same rows under ``doc``'s id and metadata."""
    doc_id = doc.doc_id
    document = list(result.document)
    for i, name in _METADATA_CELLS:
        document[i] = getattr(doc, name)
    return DocumentResult(
        tuple(document),
        [(doc_id, *row[1:]) for row in result.sentences],
        [(doc_id, *row[1:]) for row in result.figures],
        [(doc_id, *row[1:]) for row in result.themes],
        Counter(result.phrases),
        list(result.warnings),
        [(doc_id, *row[1:]) for row in result.places],
    )


_worker_taxonomy: Taxonomy | None = None
_worker_analyzer: str = sentiment.DEFAULT
_WARM_UP = Document("warm-up", "", None, "", "Exports rose 5% to $1.2 billion in 2024, "
                    "officials said. The new railway was not very busy!")


def _warm_up(taxonomy: Taxonomy, analyzer: str = sentiment.DEFAULT) -> None:
    """Fill the lazy caches (sentiment lexicon, sentence splitter, figure grammar, the
    taxonomy's regex) in this process, so forked pool workers start with them."""
    analyze_document(_WARM_UP, taxonomy, analyzer)


def _set_worker_taxonomy(taxonomy: Taxonomy, analyzer: str = sentiment.DEFAULT) -> None:
    global _worker_taxonomy, _worker_analyzer
    _die_with_parent()
    gctune.for_worker()
    _worker_taxonomy = taxonomy
    _worker_analyzer = analyzer
    taxonomy.compiled()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (even by kill -9), so no
    orphaned worker goes on holding memory; elsewhere a no-op."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _analyze_in_worker(docs: Sequence[Document]) -> list[DocumentResult]:
    assert _worker_taxonomy is not None, "worker started without a taxonomy"
    return list(analyze_each(docs, _worker_taxonomy, _worker_analyzer))
