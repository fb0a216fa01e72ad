"""Table shaping for the news pages (Changes, Compare, Alerts, the Overview's lead): pure
pandas, no Streamlit. Document text stays plain text here; pages show it escaped."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from dashboard.tables import format_value, titles
from metrics import changes, phrases
from metrics.alerts import Alert
from metrics.changes import default_period  # noqa: F401  (the pages' import)
from metrics.themes import surface_forms

Z95 = 1.959964  # two-sided 95% normal quantile


def counts_text(count: int, n: int, baseline_count: int, baseline_n: int) -> str:
    """ "45 of 650 vs 38 of 2,471": the period's documents against the baseline's."""
    return f"{count:,} of {n:,} vs {baseline_count:,} of {baseline_n:,}"


def span(labels: Sequence[str]) -> str:
    """Period labels as a reader says them: "2024-W09", "2024-03-02 … 2024-03-08"."""
    if not labels:
        return "none"
    return labels[0] if len(labels) == 1 else f"{labels[0]} … {labels[-1]}"


CHANGE_COLUMNS = ["kind", "label", "documents", "share", "baseline_share", "change",
                  "score", "effect", "evidence", "key"]


def change_table(table: pd.DataFrame, direction: str) -> pd.DataFrame:
    """The rows of a ``metrics.changes`` table in one ``direction`` ("up", "down"), for
    reading: counts as text, shares and their change in percentage points."""
    rows = table[table["direction"] == direction]
    if rows.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return pd.DataFrame({
        "kind": rows["kind"].to_numpy(), "label": rows["label"].to_numpy(),
        "documents": [counts_text(a, n, b, m) for a, n, b, m in zip(
            rows["count"], rows["n"], rows["baseline_count"], rows["baseline_n"],
            strict=True)],
        "share": rows["share"].to_numpy(float), "baseline_share": rows["baseline_share"]
        .to_numpy(float),
        "change": (rows["share"] - rows["baseline_share"]).to_numpy(float) * 100,
        "score": rows["score"].to_numpy(float), "effect": rows["effect"].to_numpy(float),
        "evidence": [len(e.split(";")) if e else 0 for e in rows["evidence"].fillna("")],
        "key": rows["key"].to_numpy(),
    })


def _mentions(sentences: pd.DataFrame, words: str) -> np.ndarray:
    """Which sentences name ``words`` or one of its inflections ("arrest": "arrests")."""
    forms = sorted(surface_forms(words) | {words}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(f).replace("\\x00", r"[\s\-]+") for f in forms) + r")(?!\w)", re.I)
    return sentences["text"].fillna("").map(lambda t: bool(pattern.search(t))).to_numpy(bool)


def evidence_sentences(kind: str, key: str, doc_ids: Sequence[str], sentences: pd.DataFrame,
                       figures: pd.DataFrame, documents: pd.DataFrame,
                       per_doc: int = 2, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences behind one change, by evidence document (in the order given): those
    naming the phrase or term, tagged with the theme, reporting the measure, naming the
    place (``places`` rows of that country code); a document
    where none does shows its first sentence (a facet is about the whole story)."""
    cols = ["document", "date", "sentence", "doc_id", "sentence_id"]
    if not doc_ids:
        return pd.DataFrame(columns=cols)
    order = {d: i for i, d in enumerate(doc_ids)}
    s = sentences[sentences["doc_id"].isin(order)]
    if kind in ("phrase", "term"):
        hit = _mentions(s, key)
    elif kind == "theme":
        hit = s["themes"].fillna("").str.split("; ").map(lambda ts: key in ts).to_numpy(bool)
    elif kind in ("measure", "place"):
        f = (figures[figures["doc_id"].isin(order) & (figures["measure"] == key)]
             if kind == "measure" else places[places["doc_id"].isin(order)
                                              & (places["country"] == key)]
             if places is not None else pd.DataFrame(columns=["doc_id", "sentence_id"]))
        hit = pd.MultiIndex.from_frame(s[["doc_id", "sentence_id"]]).isin(
            pd.MultiIndex.from_frame(f[["doc_id", "sentence_id"]]))
    else:
        hit = np.zeros(len(s), dtype=bool)
    chosen = s[hit].groupby("doc_id", sort=False).head(per_doc)
    lead = s[~s["doc_id"].isin(chosen["doc_id"])].sort_values("sentence_id")
    chosen = pd.concat([chosen, lead.groupby("doc_id", sort=False).head(1)])
    chosen = chosen.assign(_o=chosen["doc_id"].map(order)).sort_values(["_o", "sentence_id"])
    dates = documents.set_index("doc_id")["date"]
    return pd.DataFrame({
        "document": chosen["doc_id"].map(titles(documents)).to_numpy(),
        "date": pd.to_datetime(chosen["doc_id"].map(dates), errors="coerce").dt.date
        .to_numpy(),
        "sentence": chosen["text"].to_numpy(), "doc_id": chosen["doc_id"].to_numpy(),
        "sentence_id": chosen["sentence_id"].to_numpy(),
    }, columns=cols).reset_index(drop=True)


# --- two periods compared ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tone:
    """Mean polarity of ``n`` sentences with its 95% interval (normal approximation)."""

    mean: float
    low: float
    high: float
    n: int

    def __str__(self) -> str:
        if not self.n:
            return "–"
        return f"{self.mean:+.3f} ({self.low:+.3f} to {self.high:+.3f}, n={self.n:,})"


def tone(polarity: pd.Series) -> Tone:
    """The mean of ``polarity`` and its 95% confidence interval (mean ± 1.96 s/√n)."""
    p = pd.to_numeric(polarity, errors="coerce").dropna().to_numpy(float)
    if not len(p):
        return Tone(math.nan, math.nan, math.nan, 0)
    mean = float(p.mean())
    half = Z95 * float(p.std(ddof=1)) / math.sqrt(len(p)) if len(p) > 1 else math.nan
    return Tone(mean, mean - half, mean + half, len(p))


def period_docs(documents: pd.DataFrame, period: str, label: str) -> pd.Index:
    """The doc_ids whose trusted date falls in the period ``label``."""
    labels = changes.period_labels(documents["date"], period)
    return pd.Index(documents.loc[(labels == label).fillna(False).to_numpy(bool), "doc_id"])


def theme_shares(documents: pd.DataFrame, ids: pd.Index) -> pd.Series:
    """Top-theme label -> share of the ``ids`` documents whose top theme it is."""
    d = documents[documents["doc_id"].isin(ids)]
    if d.empty:
        return pd.Series(dtype=float)
    labels = d["top_theme_label"].fillna("").replace("", "(no theme)")
    return labels.value_counts() / len(d)


def share_pair(documents: pd.DataFrame, a: pd.Index, b: pd.Index) -> pd.DataFrame:
    """Theme shares of two sets of documents side by side (columns ``a``, ``b``), the
    largest first."""
    shares = pd.DataFrame({"a": theme_shares(documents, a), "b": theme_shares(documents, b)})
    return shares.fillna(0.0).sort_values(["a", "b"], ascending=False)


def period_start(label: str, period: str) -> str:
    """A date inside the period ``label`` ("1987-W10" -> its Monday), for ``changes(at=)``."""
    if period == "week":
        return pd.Timestamp.fromisocalendar(int(label[:4]), int(label[6:]), 1).date().isoformat()
    return label if period == "day" else label + "-01"


def top_figures(figures: pd.DataFrame, ids: pd.Index, top: int = 5) -> pd.DataFrame:
    """The ``top`` most salient figures of the ``ids`` documents (with their qualifier:
    "over 70,000"), one per measure; ties go
    to the measure more documents report, then to the larger value. A measure of stop
    words only (wire copy's "dlrs", "vs") says nothing and is left out: figure, measure,
    salience, sentence."""
    f = figures[figures["doc_id"].isin(ids) & (figures["measure"].fillna("") != "")]
    stop = phrases.stopwords()  # nor one whose first word is a stop word ("vs loss")
    said = f["measure"].map(lambda m: (m.split() or [""])[0] not in stop).to_numpy(bool)
    f = f[said]
    reach = f["measure"].map(f.groupby("measure")["doc_id"].nunique())
    f = f.assign(_reach=reach).sort_values(["salience", "_reach", "value"], ascending=False)
    f = f.drop_duplicates("measure").head(top)
    return pd.DataFrame({
        "figure": [f"{q} {format_value(v, h, u or '', k, compact=True)}".strip()
                   for q, v, h, u, k in zip(
            f["qualifier"].fillna(""), f["value"], f["value_high"], f["unit"].fillna(""),
            f["kind"], strict=True)],
        "measure": f["measure"].to_numpy(), "salience": f["salience"].to_numpy(float),
        "sentence": f["sentence"].to_numpy(), "doc_id": f["doc_id"].to_numpy(),
    })


def top_phrases(phrases: pd.DataFrame, ids: pd.Index, top: int = 8) -> list[str]:
    """The key phrases held by most of the ``ids`` documents (ties by best score)."""
    p = phrases[phrases["doc_id"].isin(ids)]
    if p.empty:
        return []
    g = p.groupby("phrase").agg(documents=("doc_id", "nunique"), score=("score", "max"))
    g = g.sort_values(["documents", "score"], ascending=False)
    return [f"{phrase} ({n})" if n > 1 else phrase
            for phrase, n in zip(g.index[:top], g["documents"][:top], strict=True)]


class Tables(Protocol):
    """What ``comparison`` reads: a ``metrics.Corpus`` or a dashboard ``View``."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    figures: pd.DataFrame
    phrases: pd.DataFrame


COMPARE_COLUMNS = ["section", "item", "a", "b"]


def comparison(view: Tables, period: str, a: str, b: str) -> pd.DataFrame:
    """Two periods side by side, one row per item (the CSV download): documents, tone
    with its interval, theme shares, top phrases and the most salient figures of ``view``
    (a corpus or a filtered view)."""
    docs = view.documents
    ids = {x: period_docs(docs, period, x) for x in (a, b)}
    rows: list[tuple[str, str, object, object]] = [
        ("documents", "documents", len(ids[a]), len(ids[b]))]
    sents = view.sentences
    tones = {x: tone(sents.loc[sents["doc_id"].isin(ids[x]), "polarity"]) for x in (a, b)}
    rows += [("tone", item, *(round(getattr(tones[x], field), 4) for x in (a, b)))
             for item, field in (("mean sentence polarity", "mean"), ("95% interval low", "low"),
                                 ("95% interval high", "high"), ("sentences (n)", "n"))]
    shares = share_pair(docs, ids[a], ids[b])
    rows += [("theme share", str(label), round(float(sa), 4), round(float(sb), 4))
             for label, sa, sb in zip(shares.index, shares["a"], shares["b"], strict=True)]
    phr = view.phrases
    pa, pb = top_phrases(phr, ids[a]), top_phrases(phr, ids[b])
    rows += [("top phrase", str(i + 1), x, y) for i, (x, y) in enumerate(
        _pad(pa, pb))]
    figs = view.figures
    fa, fb = (top_figures(figs, ids[x]) for x in (a, b))
    rows += [("figure", str(i + 1), x, y) for i, (x, y) in enumerate(_pad(
        [f"{f} {m}" for f, m in zip(fa["figure"], fa["measure"], strict=True)],
        [f"{f} {m}" for f, m in zip(fb["figure"], fb["measure"], strict=True)]))]
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def _pad(a: Sequence[str], b: Sequence[str]) -> Iterable[tuple[str, str]]:
    n = max(len(a), len(b))
    return zip(list(a) + [""] * (n - len(a)), list(b) + [""] * (n - len(b)), strict=True)


# --- alerts ------------------------------------------------------------------------------


ALERT_COLUMNS = ["status", "period", "rule", "kind", "key", "value", "threshold",
                 "evidence", "id"]


def alert_table(fired: Sequence[Alert], raised: set[str]) -> pd.DataFrame:
    """Fired alerts, newest period first; ``status`` says "new" (never raised) or
    "raised" (the store has it)."""
    rows = [("new" if a.id not in raised else "raised", a.period, a.rule, a.kind, a.key,
             a.value, a.threshold, len(a.evidence), a.id) for a in fired]
    out = pd.DataFrame(rows, columns=ALERT_COLUMNS)
    return out.sort_values(["period", "status", "rule"], ascending=[False, True, True],
                           kind="stable", ignore_index=True)


def resolve_evidence(evidence: Sequence[str], sentences: pd.DataFrame,
                     documents: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """An alert's evidence (``doc_id`` or ``doc_id#sentence_id``) as document titles and
    sentences: the named sentence, else the document's first."""
    cols = ["document", "sentence"]
    out = []
    names = titles(documents)
    refs = list(evidence[:limit])
    wanted = sentences[sentences["doc_id"].isin([r.partition("#")[0] for r in refs])]
    index = wanted.set_index(["doc_id", "sentence_id"])["text"]  # of these documents only
    for ref in refs:
        doc_id, _, sid = ref.partition("#")
        text = ""
        if sid.isdigit() and (doc_id, int(sid)) in index.index:
            text = index.loc[(doc_id, int(sid))]
        elif doc_id in index.index.get_level_values(0):
            text = index.loc[doc_id].sort_index().iloc[0]
        out.append((names.get(doc_id, doc_id), text))
    return pd.DataFrame(out, columns=cols)


# --- the Overview's lead -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card:
    """A figure worth reading: shown value, what it measures, its sentence, document."""

    value: str
    measure: str
    sentence: str
    document: str
    salience: float


MIN_CARD_SALIENCE = 0.5  # "the two countries" (0.22) is no card


def figure_cards(figures: pd.DataFrame, documents: pd.DataFrame, ids: pd.Index | None = None,
                 top: int = 4) -> list[Card]:
    """The ``top`` most salient figures (``metrics.salience``) of the ``ids`` documents
    (default: all), one per measure, each at least ``MIN_CARD_SALIENCE``."""
    salient = (figures["salience"] >= MIN_CARD_SALIENCE).to_numpy(bool)
    if ids is not None:  # one cut of the few rows kept, never a copy of most of the table
        salient = salient & figures["doc_id"].isin(ids).to_numpy(bool)
    f = top_figures(figures[salient], documents["doc_id"] if ids is None else ids, top)
    names = titles(documents)
    return [Card(v, m, s, str(names.get(d, d)), float(x)) for v, m, s, d, x in zip(
        f["figure"], f["measure"], f["sentence"], f["doc_id"], f["salience"], strict=True)]


def headline(table: pd.DataFrame, direction: str, top: int = 3) -> list[str]:
    """The ``top`` changes of a direction as short lines: "earthquake (term): 6 of 26 vs
    0 of 140"."""
    rows = table[table["direction"] == direction].head(top)
    return [f"{label} ({kind}): {counts_text(a, n, b, m)}" for label, kind, a, n, b, m in zip(
        rows["label"], rows["kind"], rows["count"], rows["n"], rows["baseline_count"],
        rows["baseline_n"], strict=True)]
