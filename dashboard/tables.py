"""Table shaping for the pages: pure pandas (no Streamlit), DataFrame in, DataFrame out.

Also the reader's highlighted HTML, where every piece of document text is escaped.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import arrays
from dashboard.charts import theme_totals
from metrics import sentiment_traps

KEY_KINDS = ("count", "percent", "money", "quantity")
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def format_number(value: float) -> str:
    """``value`` with thousands separators and at most 4 significant decimals."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def compact_number(value: float) -> str:
    """A large number as a headline writes it: 14,280,000 -> "14.3m", 2.1e9 -> "2.1bn"."""
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.3g}{suffix}"
    return format_number(value)


def format_value(value: float, value_high: float | None, unit: str, kind: str,
                 compact: bool = False) -> str:
    """A figure's value for display: "70,000", "5%", "$800,000,000", "12 km", "5–6%";
    ``compact`` writes millions and billions as "$14.3m", "2.1bn" (cards)."""
    def one(v: float) -> str:
        n = compact_number(v) if compact else format_number(v)
        if kind == "percent" or unit == "%":
            return f"{n}%"
        if kind == "money" and unit:
            head, _, rate = unit.partition("/")  # "USD/barrel": the rate after the amount
            per = f"/{rate}" if rate else ""
            sym = CURRENCY_SYMBOLS.get(head)
            if sym:
                return f"{sym}{n}{per}"
            if head.islower():  # a minor unit: "312 cents", "802 pence", "16 cents/share"
                word = head if head.endswith(("s", "pence")) or n == "1" else head + "s"
                return f"{n} {word}{per}"
            return f"{head} {n}{per}"
        if unit and kind not in ("date", "date_range", "year"):
            return f"{n} {unit}"
        return n

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind == "year":
        return str(int(value)) if float(value).is_integer() else format_number(value)
    if kind == "ordinal":
        return f"#{format_number(value)}"
    text = one(value)
    if value_high is not None and not (isinstance(value_high, float) and math.isnan(value_high)):
        text += f"–{one(value_high)}"
    return text


def pick_documents(documents: pd.DataFrame, query: str = "", limit: int = 500) -> list[str]:
    """The doc_ids (at most ``limit``) whose title, source or date contains ``query`` (any
    case; all documents when it is empty), in corpus order."""
    docs = documents
    if query.strip():
        hay = (docs["title"].fillna("").astype(str) + "\x1f" + docs["source"].fillna("")
               .astype(str) + "\x1f" + pd.to_datetime(docs["date"], errors="coerce")
               .dt.strftime("%Y-%m-%d").fillna(""))
        docs = docs[hay.str.contains(query.strip(), case=False, regex=False).to_numpy()]
    return docs["doc_id"].head(limit).tolist()


def titles(documents: pd.DataFrame) -> pd.Series:
    """doc_id -> title (the doc_id itself when a document has no title)."""
    if documents.empty:
        return pd.Series(dtype=object)
    t = documents.set_index("doc_id")["title"]
    return t.where(t.fillna("") != "", t.index.to_series())


FIGURE_COLUMNS = ["shown", "measure", "surface", "qualifier", "kind", "bound", "change",
                  "unit", "theme", "document", "sentence", "value", "doc_id", "sentence_id"]


def figures_display(figures: pd.DataFrame, documents: pd.DataFrame,
                    theme_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The figures table for reading: document title, formatted value, then the details.

    ``shown`` is the value with thousands separators, % or currency; dates keep their
    surface form. ``theme`` shows labels when ``theme_labels`` is given.
    """
    if figures.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    f = figures.copy()
    f["document"] = f["doc_id"].map(titles(documents))
    f["shown"] = [s if k in ("date", "date_range") else format_value(v, h, u or "", k)
                  for s, v, h, u, k in zip(f["surface"], f["value"], f["value_high"],
                                           f["unit"].fillna(""), f["kind"], strict=True)]
    if theme_labels:
        f["theme"] = f["theme"].map(lambda t: theme_labels.get(t, t))
    return f[FIGURE_COLUMNS].reset_index(drop=True)


KEY_FIGURE_COLUMNS = ["shown", "measure", "qualifier", "kind", "surface", "document",
                      "sentence", "value"]


def key_figures(figures: pd.DataFrame, documents: pd.DataFrame,
                kinds: Sequence[str] = KEY_KINDS, top: int = 10) -> pd.DataFrame:
    """The key figures of the given kinds (counts, percentages, money, quantities): one
    row per measure, the most salient first (``metrics.salience``: money, percents and
    counts of things before "the two sides"; then measures reported by more documents),
    each measure with its most salient, then largest, value. Figures without a measure
    come last."""
    if figures.empty:
        return figures_display(figures, documents)[KEY_FIGURE_COLUMNS]
    kind = figures["kind"].isin(kinds).to_numpy()
    if not kind.any():
        return figures_display(figures.iloc[0:0], documents)[KEY_FIGURE_COLUMNS]
    has_measure = (figures["measure"].fillna("") != "").to_numpy()
    salient = (figures["salience"].to_numpy(dtype=float) if "salience" in figures
               else np.ones(len(figures)))
    value = figures["value"].to_numpy(dtype=float)
    measured = np.flatnonzero(kind & has_measure)
    measure_codes = pd.factorize(figures["measure"].to_numpy()[measured])[0]
    doc_codes = pd.factorize(figures["doc_id"].to_numpy()[measured])[0]
    picked = list(measured[best_measures(measure_codes, doc_codes, salient[measured],
                                         value[measured], top)])
    if len(picked) < top:  # then figures without a measure, the most salient first
        rest = np.flatnonzero(kind & ~has_measure)
        order = np.lexsort((-np.nan_to_num(value[rest], nan=-np.inf), -salient[rest]))
        picked += list(rest[order[:top - len(picked)]])
    return figures_display(figures.iloc[picked], documents)[KEY_FIGURE_COLUMNS]


def best_measures(codes: np.ndarray, docs: np.ndarray, salience: np.ndarray,
                  value: np.ndarray, top: int) -> np.ndarray:
    """Positions of the best figure of each of the ``top`` best measures, best first;
    ``codes`` and ``docs`` are the figures' measures and documents as integer codes (>= 0).

    A measure ranks by its best figure's salience, then by its reach (documents reporting
    it), then by that figure's value; within a measure the best figure is the most salient,
    then the largest. Integer codes and numpy only: hundreds of thousands of counts rank in
    milliseconds, where a sort of every row by three keys took a second.
    """
    if not len(codes):
        return np.zeros(0, dtype=int)
    n, width = int(codes.max()) + 1, int(docs.max()) + 1
    pairs = arrays.unique_sorted(codes.astype(np.int64) * width + docs)
    reach = np.bincount(pairs // width, minlength=n)
    best_salience = np.full(n, -np.inf)
    np.maximum.at(best_salience, codes, salience)
    # measures that can be in the top: (best salience, reach) at least the top-th's
    order = np.lexsort((-reach, -best_salience))
    cut = order[min(top, len(order)) - 1]
    contender = ((best_salience > best_salience[cut])
                 | ((best_salience == best_salience[cut]) & (reach >= reach[cut])))
    rows = np.flatnonzero(contender[codes] & (salience == best_salience[codes]))
    # each contender's largest value at its best salience (the first such figure on ties)
    by_value = rows[np.lexsort((-np.nan_to_num(value[rows], nan=-np.inf), codes[rows]))]
    first = by_value[np.r_[True, codes[by_value][1:] != codes[by_value][:-1]]]
    m = codes[first]
    ranked = first[np.lexsort((-np.nan_to_num(value[first], nan=-np.inf), -reach[m],
                               -best_salience[m]))]
    return ranked[:top]


@dataclass(frozen=True, slots=True)
class Kpi:
    label: str
    value: str
    delta: str | float | int | None = None
    help: str | None = None
    delta_description: str | None = None


def _period(span_days: float) -> tuple[str, str]:
    if span_days > 3 * 365:
        return "Y", "%Y"
    if span_days > 60:
        return "M", "%b %Y"
    if span_days > 14:
        return "W", "week of %d %b %Y"
    return "D", "%d %b %Y"


def top_theme(documents: pd.DataFrame) -> str | None:
    """Label of the theme that is the top theme of the most documents (ties: label order).
    The one definition of "top theme": the CLI summary counts the same way."""
    labels = documents["top_theme_label"].fillna("") if len(documents) else pd.Series([])
    counts = labels[labels != ""].value_counts()
    if counts.empty:
        return None
    return str(min(counts.index[counts == counts.max()]))


def _mean(values: pd.Series) -> float | None:
    v = pd.to_numeric(values, errors="coerce")
    return float(v.mean()) if v.notna().any() else None


def kpis(documents: pd.DataFrame, figures: pd.DataFrame | None = None, *,
         per_document: np.ndarray | None = None) -> list[Kpi]:
    """Documents, figures, mean polarity and top theme, each with a delta comparing the
    latest period that has dated documents with the period before it (when dated).

    The figures are counted from ``figures`` or, when given, from ``per_document`` (the
    number of figures of each row of ``documents``: the fast path of large corpora)."""
    if per_document is None:
        per_document = figures_per_document(documents, figures)
    polarity, overall = _mean(documents["polarity"]), top_theme(documents)
    deltas: dict[str, object] = {}
    description = None
    dates = pd.to_datetime(documents["date"], errors="coerce") if not documents.empty else None
    if dates is not None and dates.notna().sum() >= 2:
        freq, fmt = _period((dates.max() - dates.min()).days)
        periods = dates.dt.to_period(freq)
        present = sorted(periods.dropna().unique())
        if len(present) >= 2:
            last, prev = present[-1], present[-2]
            part: dict[pd.Period, dict] = {}
            for p in (last, prev):
                in_p = (periods == p).to_numpy()
                part[p] = {
                    "documents": int(in_p.sum()),
                    "figures": int(per_document[in_p].sum()),
                    "polarity": _mean(documents.loc[in_p, "polarity"]),
                    "top_theme": top_theme(documents[in_p]),
                }
            a, b = part[last], part[prev]
            deltas["documents"] = a["documents"] - b["documents"]
            deltas["figures"] = a["figures"] - b["figures"]
            if a["polarity"] is not None and b["polarity"] is not None:
                deltas["polarity"] = round(a["polarity"] - b["polarity"], 3)
            if a["top_theme"] and b["top_theme"]:
                deltas["top_theme"] = ("same in both" if a["top_theme"] == b["top_theme"]
                                       else f"{a['top_theme']} in the latest")
            description = (f"{last.start_time.strftime(fmt)} vs "
                           f"{prev.start_time.strftime(fmt)}")
    compared = (" The value is for all of them; the arrow compares the latest "
                "period with documents to the one before it (named under it).")
    return [
        Kpi("Documents", f"{len(documents):,}", deltas.get("documents"),
            "Documents matching the filters." + compared, description),
        Kpi("Figures", f"{int(per_document.sum()):,}", deltas.get("figures"),
            "Numeric expressions found in those documents." + compared, description),
        Kpi("Mean polarity", "–" if polarity is None else f"{polarity:+.3f}",
            deltas.get("polarity"),
            "Mean document polarity (TextBlob, −1 negative … +1 positive)." + compared,
            description),
        Kpi("Top theme", overall or "–", deltas.get("top_theme"),
            "The theme that is the top theme (best-scoring theme) of the most documents "
            "(the theme share chart counts hits, so it may lead with another); the arrow "
            "names the latest period's when it differs", description),
    ]


def figures_per_document(documents: pd.DataFrame, figures: pd.DataFrame | None) -> np.ndarray:
    """The number of rows of ``figures`` of each row of ``documents`` (by ``doc_id``; a
    repeated id's figures count once, at its first row)."""
    if figures is None or figures.empty or documents.empty:
        return np.zeros(len(documents), dtype=np.int64)
    ids = documents["doc_id"]
    counts = ids.map(figures["doc_id"].value_counts()).fillna(0).to_numpy(dtype=np.int64)
    return np.where(ids.duplicated().to_numpy(), 0, counts)


def with_guessed_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``documents`` in which each undated document takes the date its text
    mentions (``date_guess``, ``date_source`` "text"), as ``--guess-dates`` would."""
    if "date_guess" not in documents:
        return documents
    guess = documents["date"].isna() & documents["date_guess"].notna()
    if not guess.any():
        return documents
    out = documents.copy()
    out["date"] = out["date"].where(~guess, pd.to_datetime(out["date_guess"], errors="coerce"))
    out["date_source"] = out["date_source"].where(~guess, "text")
    return out


def guessed_dates_note(documents: pd.DataFrame) -> str | None:
    """What a reader must know about dates before trusting a trend: how many documents
    are undated (left out of every time chart and delta, never dropped from counts) and
    how many dates were guessed from the text (``date_source == "text"``, only when
    guessed dates were turned on)."""
    if documents.empty or "date_source" not in documents:
        return None
    undated = int(documents["date"].isna().sum())
    guessed = int((documents["date_source"] == "text").sum())
    notes = []
    if undated:
        notes.append(f"{undated:,} of {len(documents):,} documents carry no publication date: "
                     "they are counted everywhere but left out of time charts and deltas.")
    if guessed:
        notes.append(f"{guessed:,} of {len(documents):,} documents carry no date of their "
                     "own: their date is the first full date their text mentions, which may "
                     "be an event's date rather than the day it was written. The deltas and "
                     "time charts use these guessed dates; the documents table's "
                     "`date_source` column says which.")
    return " ".join(notes) or None


def theme_terms(themes: pd.DataFrame, top_terms: int = 12) -> pd.DataFrame:
    """Per theme: documents, hits and its most frequent matched terms (in how many docs)."""
    cols = ["label", "documents", "hits", "terms"]
    if themes.empty:
        return pd.DataFrame(columns=cols)
    totals = theme_totals(themes).set_index("theme")
    rows = []
    for theme, grp in themes.groupby("theme"):
        c: Counter[str] = Counter()
        for terms in grp["terms"].fillna(""):
            c.update(t for t in terms.split("; ") if t)
        shown = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in c.most_common(top_terms))
        rows.append((totals.at[theme, "label"], int(totals.at[theme, "documents"]),
                     int(totals.at[theme, "hits"]), shown))
    return pd.DataFrame(rows, columns=cols).sort_values("hits", ascending=False,
                                                        ignore_index=True)


def top_phrases(phrases: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Key phrases across documents: documents, occurrences and best score."""
    cols = ["phrase", "documents", "count", "score"]
    if phrases.empty:
        return pd.DataFrame(columns=cols)
    g = phrases.groupby("phrase", as_index=False).agg(
        documents=("doc_id", "nunique"), count=("count", "sum"), score=("score", "max"))
    g["rank"] = g["score"] * g["documents"].map(lambda n: 1 + math.log(n))
    return g.nlargest(top, "rank")[cols].reset_index(drop=True)


SENTENCE_COLUMNS = ["text", "document", "polarity", "subjectivity", "theme", "doc_id",
                    "sentence_id"]


def sentences_display(sentences: pd.DataFrame, documents: pd.DataFrame,
                      theme_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Sentences with their document title (and theme labels when given)."""
    if sentences.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    s = sentences.assign(document=sentences["doc_id"].map(titles(documents)))
    if theme_labels:
        s["theme"] = s["theme"].map(lambda t: theme_labels.get(t, t))
    return s[SENTENCE_COLUMNS].reset_index(drop=True)


def theme_sentences(sentences: pd.DataFrame, documents: pd.DataFrame, theme: str,
                    theme_labels: dict[str, str] | None = None,
                    tagged: Sequence[bool] | None = None,
                    limit: int | None = None) -> pd.DataFrame:
    """Sentences tagged with ``theme`` (anywhere in their theme list); ``tagged`` is that
    mask when the caller has it precomputed; ``limit``: only the first that many."""
    if sentences.empty or not theme:
        return sentences_display(sentences.iloc[0:0], documents)
    if tagged is None:
        tagged = sentences["themes"].fillna("").str.split("; ").map(lambda ts: theme in ts)
        tagged = tagged.astype(bool).to_numpy()
    chosen = sentences[tagged]
    return sentences_display(chosen if limit is None else chosen.head(limit), documents,
                             theme_labels)


def extreme_sentences(sentences: pd.DataFrame, documents: pd.DataFrame, n: int = 10,
                      positive: bool = True) -> pd.DataFrame:
    """The ``n`` most positive (or negative) sentences that carry any tone."""
    if sentences.empty:
        return sentences_display(sentences, documents)
    pol = pd.to_numeric(sentences["polarity"]).to_numpy()
    toned = pol > 0 if positive else pol < 0
    # rank the polarities alone (by position), then fetch the n chosen rows whole
    s = pd.DataFrame({"_p": pol[toned]}, index=np.flatnonzero(toned))
    s = s.nlargest(n, "_p") if positive else s.nsmallest(n, "_p")
    return sentences_display(sentences.iloc[s.index], documents)


# --- the reader --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    css: str  # "fig", "theme" or "hit"
    note: str  # tooltip text (escaped on output)


def highlight_html(text: str, spans: Iterable[Span], start: int = 0) -> str:
    """The document from ``start`` as HTML with ``spans`` wrapped in ``<mark>``; all text
    is escaped. Overlapping spans: the first by (start, priority fig > theme > hit) wins.
    """
    priority = {"fig": 0, "theme": 1, "hit": 2}
    chosen: list[Span] = []
    end = start
    for sp in sorted(spans, key=lambda s: (s.start, priority.get(s.css, 3), -s.end)):
        if sp.start >= end and 0 <= sp.start < sp.end <= len(text):
            chosen.append(sp)
            end = sp.end
    out, pos = [], start
    for sp in chosen:
        out.append(html.escape(text[pos:sp.start]))
        out.append(f'<mark class="tw-{html.escape(sp.css)}" title="{html.escape(sp.note)}">'
                   f"{html.escape(text[sp.start:sp.end])}</mark>")
        pos = sp.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


READER_CSS = """
<style>
.tw-doc { white-space: pre-wrap; line-height: 1.7; font-size: 1.02rem;
          max-width: 52rem; padding: .25rem 0 1rem 0; }
.tw-doc mark { border-radius: .25rem; padding: 0 .15rem; color: inherit; }
.tw-doc mark.tw-fig, .tw-legend .tw-fig { background: rgba(221, 204, 119, .55);
          border-bottom: 2px solid #997700; }
.tw-doc mark.tw-theme, .tw-legend .tw-theme { background: rgba(136, 204, 238, .45); }
.tw-doc mark.tw-hit, .tw-legend .tw-hit { background: rgba(170, 68, 153, .30); }
.tw-legend span { padding: .05rem .4rem; border-radius: .25rem; margin-right: .5rem;
          font-size: .9rem; }
</style>
"""

READER_LEGEND = ('<div class="tw-legend"><span class="tw-fig">figure</span>'
                 '<span class="tw-theme">theme term</span>{hit}</div>')


_DATE_TAG = re.compile(r"\A\s*date[:\s]\s*\d{4}-\d{2}-\d{2}\b\s*", re.IGNORECASE)


def body_start(text: str) -> int:
    """Offset after a leading ``date YYYY-MM-DD`` tag (metadata, not prose), else 0."""
    m = _DATE_TAG.match(text)
    return m.end() if m else 0


def reader_html(text: str, spans: Iterable[Span]) -> str:
    """Complete reader block: style, legend and the escaped, highlighted text (without a
    leading date tag, which the page shows as metadata)."""
    spans = list(spans)
    hit = ('<span class="tw-hit">search match</span>'
           if any(sp.css == "hit" for sp in spans) else "")
    body = highlight_html(text, spans, body_start(text))
    return f'{READER_CSS}{READER_LEGEND.format(hit=hit)}<div class="tw-doc">{body}</div>'


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


# --- how far to trust the tone -------------------------------------------------------------

AGREEMENT_LABELS = {"all": "all", "agreement>=66": "≥66% agree", "agreement>=75": "≥75% agree",
                    "agreement=100": "all agree"}


def agreement_table(record: dict, in_use: Sequence[str] = (),
                    installed: Sequence[str] = ()) -> pd.DataFrame:
    """One row per analyzer of ``record`` (``metrics.sentiment.agreement()``) and per
    reference: its share of sentences labelled as people labelled them, on each subset
    (the column says the subset and its size), its macro F1 on all, whether it scored this
    corpus and whether it is installed."""
    subsets = record.get("subsets", [])
    rows = []
    groups = (("analyzers", "offered"), ("references", "reference"))
    for group, kind in groups:
        for name, scores in record.get(group, {}).items():
            row = {"analyzer": name, "kind": kind}
            for subset in subsets:
                cell = scores.get(subset, {})
                row[f"{AGREEMENT_LABELS.get(subset, subset)} (n={cell.get('n', 0):,})"] = \
                    cell.get("accuracy")
            row["macro F1 (all)"] = scores.get("all", {}).get("macro_f1")
            row["scored this corpus"] = name in in_use
            row["installed"] = name in installed if kind == "offered" else None
            rows.append(row)
    return pd.DataFrame(rows)


def with_traps(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (sentences with a ``text`` column) with ``traps``: the lexicon traps of
    each sentence (``metrics.sentiment_traps``), "" when none."""
    out = frame.copy()
    out["traps"] = [sentiment_traps.flags(t) for t in out["text"].astype(str)] \
        if len(out) else pd.Series(dtype=str)
    return out
