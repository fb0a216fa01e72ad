"""Counts and means per period: pure pandas (no Streamlit, no Plotly), DataFrame in,
DataFrame out. The time charts (``dashboard.charts``) draw these tables.

Only documents with a date take part (the pages pass documents whose ``date`` is the
trusted publication date, or a guessed one when the reader asked for it); every table
covers each period from the first to the last, so a period without documents is a gap
(share, tone) or a zero (volume), never skipped.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from metrics.pipeline import TERM_SEPARATOR

GRAINS = {"D": "day", "W": "week", "M": "month"}
Z95 = 1.959964  # two-sided 95% normal quantile
OTHER = "other"


def grain(dates: pd.Series) -> str:
    """The period for a span of dates: "D" up to 92 days, "W" up to two years, else "M"."""
    d = pd.to_datetime(dates, errors="coerce").dropna()
    if d.empty:
        return "D"
    span = d.max() - d.min()
    if span <= pd.Timedelta(days=92):
        return "D"
    return "W" if span <= pd.Timedelta(days=2 * 365) else "M"


def dated(documents: pd.DataFrame, freq: str) -> pd.DataFrame:
    """``doc_id``, ``period`` (its start) and ``polarity`` of the dated documents."""
    dates = pd.to_datetime(documents["date"], errors="coerce")
    keep = dates.notna().to_numpy()
    out = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy()[keep],
                        "period": dates[keep].dt.to_period(freq).dt.start_time.to_numpy()})
    if "polarity" in documents:
        out["polarity"] = pd.to_numeric(documents["polarity"], errors="coerce").to_numpy()[keep]
    return out


def undated(documents: pd.DataFrame) -> int:
    """How many documents carry no date (left out of every time chart)."""
    return int(pd.to_datetime(documents["date"], errors="coerce").isna().sum())


def all_periods(periods: pd.Series, freq: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last of ``periods``."""
    if periods.empty:
        return pd.DatetimeIndex([], name="period")
    span = pd.period_range(periods.min(), periods.max(), freq=freq)
    return pd.DatetimeIndex(span.start_time, name="period")


def groups(documents: pd.DataFrame, facets: pd.DataFrame, by: str | None,
           top: int = 8) -> pd.DataFrame:
    """``doc_id`` -> ``group`` rows for a break-down: by the ``source`` column or by a
    facet (a document with several values of it is in each of their groups); the ``top``
    largest groups kept, the rest "other". No ``by``: every document in one group, ""."""
    if not by:
        return pd.DataFrame({"doc_id": documents["doc_id"], "group": ""})
    if by == "source":
        rows = pd.DataFrame({"doc_id": documents["doc_id"],
                             "group": documents["source"].fillna("").replace("", "(none)")})
    else:
        f = facets[(facets["facet"] == by) & facets["doc_id"].isin(documents["doc_id"])]
        rows = pd.DataFrame({"doc_id": f["doc_id"], "group": f["value"]}).drop_duplicates()
    biggest = rows["group"].value_counts().index[:top]
    rows = rows.assign(group=rows["group"].where(rows["group"].isin(biggest), OTHER))
    return rows.drop_duplicates(ignore_index=True)


def volume(documents: pd.DataFrame, freq: str, by: pd.DataFrame | None = None
           ) -> pd.DataFrame:
    """Documents per period (and per group of ``by``, from ``groups``): ``period``,
    ``group``, ``documents``; a period without documents counts 0."""
    d = dated(documents, freq)
    rows = d.merge(by, on="doc_id") if by is not None else d.assign(group="")
    counts = rows.groupby(["period", "group"]).size()
    index = pd.MultiIndex.from_product(
        [all_periods(d["period"], freq), sorted(rows["group"].unique(), key=_other_last)],
        names=["period", "group"])
    return counts.reindex(index, fill_value=0).rename("documents").reset_index()


def about(themes: pd.DataFrame, weak: Collection[tuple[str, str]]) -> pd.DataFrame:
    """The rows of a themes table whose document is about the theme: it matched a term of
    the theme other than its ``weak`` ones ((theme, term) pairs: "mln", "dlrs" alone do not
    make a wire story about the economy)."""
    if themes.empty or not weak:
        return themes
    weak_themes = {theme for theme, _ in weak}
    rows = themes[themes["theme"].isin(weak_themes)]
    if rows.empty:
        return themes
    terms = rows["terms"].fillna("").str.split(TERM_SEPARATOR).explode()
    pairs = zip(rows["theme"].reindex(terms.index), terms, strict=True)
    only_weak = pd.Series([pair in weak for pair in pairs], index=terms.index).groupby(
        level=0).all()
    return themes.drop(index=only_weak.index[only_weak.to_numpy(bool)])


def attention(documents: pd.DataFrame, themes: pd.DataFrame, freq: str, top: int = 6
              ) -> pd.DataFrame:
    """Attention per theme and period, as Media Cloud normalises it: ``documents`` about
    the theme (any match) and their ``share`` of all dated documents of the period, for
    the ``top`` themes with most documents. Columns ``period``, ``theme``, ``label``,
    ``documents``, ``total``, ``share`` (NaN where the period has no documents)."""
    d = dated(documents, freq)
    t = themes[["doc_id", "theme", "label"]].drop_duplicates(["doc_id", "theme"])
    t = t.merge(d[["doc_id", "period"]], on="doc_id")
    if t.empty:
        return pd.DataFrame(columns=["period", "theme", "label", "documents", "total",
                                     "share"])
    biggest = t["theme"].value_counts().index[:top]
    labels = t.drop_duplicates("theme").set_index("theme")["label"]
    counts = t[t["theme"].isin(biggest)].groupby(["period", "theme"]).size()
    periods = all_periods(d["period"], freq)
    index = pd.MultiIndex.from_product([periods, list(biggest)], names=["period", "theme"])
    out = counts.reindex(index, fill_value=0).rename("documents").reset_index()
    total = d.groupby("period").size().reindex(periods, fill_value=0)
    out["total"] = out["period"].map(total).astype(int)
    out["share"] = out["documents"] / out["total"].where(out["total"] > 0)
    out["label"] = out["theme"].map(labels)
    return out[["period", "theme", "label", "documents", "total", "share"]]


def tone(documents: pd.DataFrame, freq: str, by: pd.DataFrame | None = None
         ) -> pd.DataFrame:
    """Mean document polarity per period (and group): ``period``, ``group``,
    ``documents``, ``polarity``, and the 95% interval of the mean (``low``, ``high``:
    mean ± 1.96 standard errors; NaN with fewer than two documents)."""
    d = dated(documents, freq).dropna(subset=["polarity"])
    rows = d.merge(by, on="doc_id") if by is not None else d.assign(group="")
    g = rows.groupby(["period", "group"])["polarity"].agg(["count", "mean", "std"])
    index = pd.MultiIndex.from_product(
        [all_periods(d["period"], freq), sorted(rows["group"].unique(), key=_other_last)],
        names=["period", "group"])
    g = g.reindex(index)
    half = Z95 * g["std"] / np.sqrt(g["count"])
    out = pd.DataFrame({"documents": g["count"].fillna(0).astype(int),
                        "polarity": g["mean"], "low": g["mean"] - half,
                        "high": g["mean"] + half}, index=index).reset_index()
    return out


def _other_last(group: str) -> tuple[bool, str]:
    return group == OTHER, group
