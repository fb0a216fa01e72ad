"""Per-corpus lookups, each built once (on first need, or by ``warm``) and kept in the
corpus entry's memo: labels and options for the sidebar, and the numpy codes and masks
that make filtering a corpus of thousands of documents a matter of milliseconds."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from dashboard import arrays
from dashboard.corpora import Entry
from metrics.places import country_names
from metrics.themes import match

_LOG = logging.getLogger(__name__)


# --- labels and options -------------------------------------------------------------------

def doc_labels(entry: Entry) -> dict[str, str]:
    """doc_id -> a unique, readable label (its title, shortened; the id added on clashes)."""
    def make() -> dict[str, str]:
        docs = entry.corpus.documents
        out: dict[str, str] = {}
        used: set[str] = set()
        # plain lists: iterating Arrow-backed columns costs a Python call per element
        for doc_id, title in zip(docs["doc_id"].tolist(), docs["title"].fillna("").tolist(),
                                 strict=True):
            label = (title[:70] + "…") if len(title) > 71 else (title or doc_id)
            if label in used:
                label = f"{label} [{doc_id}]"
            used.add(label)
            out[doc_id] = label
        return out
    return entry.memo.remember("doc_labels", make)


def theme_options(entry: Entry) -> dict[str, str]:
    """theme id -> label for the themes present in the corpus, most hits first."""
    def make() -> dict[str, str]:
        t = entry.corpus.themes
        if t.empty:
            return {}
        g = t.groupby(["theme", "label"])["hits"].sum().sort_values(ascending=False)
        return {theme: label for theme, label in g.index}
    return entry.memo.remember("theme_options", make)


def theme_labels(entry: Entry) -> dict[str, str]:
    """theme id -> label for every theme of the corpus's taxonomy."""
    return entry.memo.remember(
        "theme_labels", lambda: {t.id: t.label for t in entry.taxonomy.themes})


def date_bounds(entry: Entry, guessed: bool = False) -> tuple[date, date] | None:
    """First and last document date (with ``guessed``: undated documents taking the date
    their text mentions), or None when fewer than two distinct dates exist."""
    def make() -> tuple[date, date] | None:
        dates = pd.Series(doc_dates(entry, guessed)).dropna()
        if dates.nunique() < 2:
            return None
        return dates.min().date(), dates.max().date()
    return entry.memo.remember(("date_bounds", guessed), make)


def has_guesses(entry: Entry) -> bool:
    """True when some undated document has a date guessed from its text."""
    def make() -> bool:
        docs = entry.corpus.documents
        if "date_guess" not in docs:
            return False
        return bool((docs["date"].isna() & docs["date_guess"].notna()).any())
    return entry.memo.remember("has_guesses", make)


MAX_FACET_OPTIONS = 500  # values listed per facet filter (the most frequent)


def facet_options(entry: Entry) -> dict[str, list[str]]:
    """facet -> its values, most documents first, then A-Z (at most ``MAX_FACET_OPTIONS``), for
    every facet of the corpus, in order of how many documents carry it."""
    def make() -> dict[str, list[str]]:
        f = entry.corpus.facets
        if f.empty:
            return {}
        per_value = f.groupby(["facet", "value"], sort=False)["doc_id"].nunique()
        per_facet = f.groupby("facet")["doc_id"].nunique().sort_values(ascending=False)
        out = {}
        for facet in per_facet.index:
            counts = per_value[facet]
            order = np.lexsort((counts.index.astype(str), -counts.to_numpy()))
            out[str(facet)] = [str(v) for v in counts.index[order][:MAX_FACET_OPTIONS]]
        return out
    return entry.memo.remember("facet_options", make)


def facet_docs(entry: Entry, facet: str, values: Sequence[str]) -> np.ndarray:
    """Boolean mask of the documents that carry any of ``values`` for ``facet``."""
    def make() -> np.ndarray:
        f = entry.corpus.facets
        out = np.zeros(len(entry.corpus.documents), dtype=bool)
        rows = (is_in(entry, "facets", "facet", (facet,))
                & is_in(entry, "facets", "value", tuple(values)))
        pos = doc_pos(entry, "facets")[rows] if len(f) else np.empty(0, dtype=np.intp)
        out[pos[pos >= 0]] = True
        return out
    return entry.memo.remember(("facet_docs", facet, tuple(sorted(values))), make,
                               bounded=True)


def place_options(entry: Entry) -> dict[str, str]:
    """ISO3 code -> country name for the countries the corpus names, most documents
    first (then by name)."""
    def make() -> dict[str, str]:
        p = entry.corpus.places
        if p.empty:
            return {}
        per = p.groupby("country")["doc_id"].nunique()
        names = country_names()
        order = sorted(per.index, key=lambda c: (-per[c], names.get(c, c)))
        return {str(c): names.get(c, str(c)) for c in order}
    return entry.memo.remember("place_options", make)


def place_docs(entry: Entry, countries: Sequence[str]) -> np.ndarray:
    """Boolean mask of the documents that name any of ``countries`` (ISO3 codes)."""
    def make() -> np.ndarray:
        out = np.zeros(len(entry.corpus.documents), dtype=bool)
        if len(entry.corpus.places):
            pos = doc_pos(entry, "places")[is_in(entry, "places", "country",
                                                 tuple(countries))]
            out[pos[pos >= 0]] = True
        return out
    return entry.memo.remember(("place_docs", tuple(sorted(countries))), make, bounded=True)


def reader_spans(entry: Entry, doc_id: str) -> list[tuple[int, int, str, str]]:
    """Theme-term spans ``(start, end, theme label, term)`` in a document's full text."""
    def make() -> list[tuple[int, int, str, str]]:
        text = entry.corpus.texts.get(doc_id, "")
        return [(h.start, h.end, entry.taxonomy.label(h.theme), h.term)
                for h in match(text, entry.taxonomy)]
    return entry.memo.remember(("spans", doc_id), make, bounded=True)


# --- rows, codes and masks ----------------------------------------------------------------

def doc_index(entry: Entry) -> pd.Index:
    """doc_id -> position in the documents table."""
    return entry.memo.remember("doc_index", lambda: pd.Index(entry.corpus.documents["doc_id"]))


def doc_ids(entry: Entry) -> np.ndarray:
    """The documents' ids as an array of str (made once: an Arrow column's ``to_numpy``
    builds 100,000 Python strings, 10 ms, on every call)."""
    return entry.memo.remember("doc_ids", lambda: entry.corpus.documents["doc_id"].to_numpy())


def doc_pos(entry: Entry, name: str) -> np.ndarray:
    """For each row of table ``name``, the position of its document (-1 if unknown)."""
    def make() -> np.ndarray:
        frame = getattr(entry.corpus, name)
        if frame.empty:
            return np.empty(0, dtype=np.intp)
        return doc_index(entry).get_indexer(frame["doc_id"])
    return entry.memo.remember(("doc_pos", name), make)


def codes(entry: Entry, name: str, column: str) -> tuple[np.ndarray, dict[str, int]]:
    """``column`` of table ``name`` as integer codes (-1 for missing) and value -> code,
    so that "is one of these values" is a numpy comparison instead of a string scan."""
    def make() -> tuple[np.ndarray, dict[str, int]]:
        frame = getattr(entry.corpus, name)
        if frame.empty:
            return np.empty(0, dtype=np.intp), {}
        found, uniques = pd.factorize(frame[column])
        return found, {str(u): i for i, u in enumerate(uniques)}
    return entry.memo.remember(("codes", name, column), make)


def is_in(entry: Entry, name: str, column: str, values: Sequence[str]) -> np.ndarray:
    """Boolean mask of the rows of table ``name`` whose ``column`` is one of ``values``."""
    found, lookup = codes(entry, name, column)
    wanted = [lookup[v] for v in values if v in lookup]
    if not wanted:
        return np.zeros(len(found), dtype=bool)
    if len(wanted) == 1:
        return found == wanted[0]
    return np.isin(found, wanted)


def theme_docs(entry: Entry, theme: str) -> np.ndarray:
    """Boolean mask of the documents where ``theme`` was matched."""
    def make() -> np.ndarray:
        out = np.zeros(len(entry.corpus.documents), dtype=bool)
        pos = doc_pos(entry, "themes")
        if len(pos):
            hit = pos[is_in(entry, "themes", "theme", (theme,))]
            out[hit[hit >= 0]] = True
        return out
    return entry.memo.remember(("theme_docs", theme), make)


def fig_sentence(entry: Entry) -> np.ndarray:
    """For each figure row, the position of its sentence row (-1 if none)."""
    def make() -> np.ndarray:
        s, f = entry.corpus.sentences, entry.corpus.figures
        if s.empty or f.empty:
            return np.full(len(f), -1, dtype=np.intp)
        keys = pd.MultiIndex.from_frame(s[["doc_id", "sentence_id"]])
        return keys.get_indexer(pd.MultiIndex.from_frame(f[["doc_id", "sentence_id"]]))
    return entry.memo.remember("fig_sentence", make)


def theme_sentences(entry: Entry, theme: str) -> np.ndarray:
    """Boolean mask of the sentences tagged with ``theme`` (anywhere in their list)."""
    def make() -> np.ndarray:
        found, lookup = codes(entry, "sentences", "themes")  # few distinct tag lists
        tagged = [i for tags, i in lookup.items() if theme in tags.split("; ")]
        if not tagged:
            return np.zeros(len(found), dtype=bool)
        return np.isin(found, tagged)
    return entry.memo.remember(("theme_sentences", theme), make)


def doc_dates(entry: Entry, guessed: bool = False) -> np.ndarray:
    """Each document's date (normalised to midnight; NaT when undated); with ``guessed``
    an undated document takes the date its text mentions (``date_guess``)."""
    def make() -> np.ndarray:
        docs = entry.corpus.documents
        dates = pd.to_datetime(docs["date"], errors="coerce")
        if guessed and "date_guess" in docs:
            dates = dates.fillna(pd.to_datetime(docs["date_guess"], errors="coerce"))
        return dates.dt.normalize().to_numpy(dtype="datetime64[ns]")
    return entry.memo.remember(("doc_dates", guessed), make)


def folded_texts(entry: Entry) -> list[str]:
    """Title and text of each document, case-folded once, for the text search."""
    def make() -> list[str]:
        docs, texts = entry.corpus.documents, entry.corpus.texts
        return [f"{t}\n{texts.get(d, '')}".casefold()
                for d, t in zip(docs["doc_id"], docs["title"].fillna(""), strict=True)]
    return entry.memo.remember("folded", make)


def search_mask(entry: Entry, query: str) -> np.ndarray:
    """Boolean mask of the documents whose title or text contains ``query`` (any case).

    A search that extends an earlier one ("bank" then "bank rate") only looks inside the
    documents the earlier one found.
    """
    q = query.casefold()

    def make() -> np.ndarray:
        folded = folded_texts(entry)
        within = entry.memo.latest(lambda key: isinstance(key, tuple) and key[0] == "search"
                                   and key[1] != q and key[1] in q)
        if within is None:
            return np.fromiter((q in t for t in folded), dtype=bool, count=len(folded))
        out = np.zeros(len(folded), dtype=bool)
        for i in np.flatnonzero(within):
            out[i] = q in folded[i]
        return out
    return entry.memo.remember(("search", q), make, bounded=True)


def exploded_terms(entry: Entry) -> tuple[np.ndarray, np.ndarray, list[str]]:
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
        found = np.asarray(encoded.indices, dtype=np.intp)
        return row[keep], found[keep], encoded.dictionary.to_pylist()
    return entry.memo.remember("exploded_terms", make)


def phrase_codes(entry: Entry) -> tuple[np.ndarray, np.ndarray, bool]:
    """Phrase codes in sorted phrase order (as ``groupby`` orders them), the phrases, and
    whether the fast path applies (every (document, phrase) pair once, no missing phrase)."""
    def make() -> tuple[np.ndarray, np.ndarray, bool]:
        p = entry.corpus.phrases
        found, uniques = pd.factorize(p["phrase"], sort=True)
        docs = doc_pos(entry, "phrases")
        pairs = docs.astype(np.int64) * max(len(uniques), 1) + found
        simple = (not (found < 0).any() and not (docs < 0).any()
                  and len(arrays.unique_sorted(pairs)) == len(pairs))
        return found, np.asarray(uniques, dtype=object), simple
    return entry.memo.remember("phrase_codes", make)


def warm(entry: Entry) -> None:
    """Build the filtering lookups in a background thread (once per corpus), so the first
    theme filter or text search after opening a large corpus is as quick as later ones."""
    if not entry.memo.once("_warming"):
        return

    def work() -> None:
        try:
            for name in ("sentences", "figures", "themes", "phrases", "places"):
                doc_pos(entry, name)
            fig_sentence(entry)
            doc_dates(entry)
            folded_texts(entry)
            doc_index(entry)
            codes(entry, "figures", "kind")
            codes(entry, "figures", "measure")
            exploded_terms(entry)
            phrase_codes(entry)
            for theme in theme_options(entry):
                theme_docs(entry, theme)
                theme_sentences(entry, theme)
            from dashboard import fast_changes  # (it imports this module)

            fast_changes.warm(entry)
        except Exception:  # an optimisation only: the lookups are built on demand anyway
            _LOG.exception("warming the filter lookups of %s failed", entry.name)

    threading.Thread(target=work, name="themewatch-warm", daemon=True).start()
