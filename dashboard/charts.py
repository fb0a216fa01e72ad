"""Pure Plotly chart builders: DataFrame in, ``plotly.graph_objects.Figure`` out.

Conventions (tested in ``tests/test_charts.py``):

* every builder returns ``None`` when its input has nothing to plot (empty frame, no
  dates, no non-zero values...); pages then show an ``st.info`` explaining why;
* colours are colour-blind safe: the categorical ``Safe`` palette and the ``Cividis``
  sequential scale; diverging charts use blue (positive) against brown (negative);
* document text placed in a chart (titles, sentences, terms) is HTML-escaped, because
  Plotly interprets a few tags (``<a>``, ``<b>``, ``<br>``) in labels and hover text;
* builders never call Streamlit and never mutate their input.
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

SAFE = px.colors.qualitative.Safe
SEQUENTIAL = "Cividis"
BAR = "#6699CC"
POSITIVE = "#6699CC"
NEGATIVE = "#661100"
NEUTRAL = "#888888"
FONT = "Source Sans Pro, sans-serif"


def esc(text: object, limit: int | None = None) -> str:
    """HTML-escaped ``text`` (shortened to ``limit`` characters with an ellipsis)."""
    s = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if limit and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return html.escape(s, quote=False)


def plural(n: int, noun: str) -> str:
    """ "1 document", "2,225 documents"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _wrap(text: str, width: int = 80) -> str:
    """Break an already escaped ``text`` into ``<br>``-separated lines for hover boxes."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _figure(data: object, title: str, *, subtitle: str | None = None,
            xaxis: dict | None = None, yaxis: dict | None = None, **kw: object) -> go.Figure:
    """The figure with its traces and whole layout given at once: ``update_layout`` and
    ``update_xaxes`` on a built figure cost about 10 ms each (Plotly re-dispatches the
    layout), while a layout passed to the constructor costs almost nothing."""
    layout: dict[str, object] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT},
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "colorway": SAFE,
        "hoverlabel": {"align": "left"},
        **kw,
    }
    if subtitle:
        layout["title"]["subtitle"] = {"text": subtitle}  # type: ignore[index]
    if xaxis:
        layout["xaxis"] = xaxis
    if yaxis:
        layout["yaxis"] = yaxis
    return go.Figure(data=data, layout=layout)


def _by_identity(fn: Callable[[pd.DataFrame], object]) -> Callable[[pd.DataFrame], object]:
    """Remember ``fn(frame)`` for the last few frames, by identity: a page draws several
    charts from the same (read-only, shared) table, and they all need the same totals.
    The frames are held with the results, so an identity cannot be recycled meanwhile."""
    recent: OrderedDict[int, tuple[pd.DataFrame, object]] = OrderedDict()
    lock = threading.Lock()

    def cached(frame: pd.DataFrame) -> object:
        with lock:
            hit = recent.get(id(frame))
            if hit is not None and hit[0] is frame:
                return hit[1]
        value = fn(frame)
        with lock:
            recent[id(frame)] = (frame, value)
            while len(recent) > 8:
                recent.popitem(last=False)
        return value

    cached.__doc__, cached.__name__ = fn.__doc__, fn.__name__
    return cached


def theme_totals(themes: pd.DataFrame) -> pd.DataFrame:
    """Per theme: label, hits, share of all hits, hit-weighted mean polarity, documents
    (the same frame for the same ``themes``: callers must not modify it)."""
    return _theme_totals(themes).copy(deep=False)  # type: ignore[union-attr]


@_by_identity
def _theme_totals(themes: pd.DataFrame) -> pd.DataFrame:
    """Per theme: label, hits, share of all hits, hit-weighted mean polarity, documents."""
    cols = ["theme", "label", "hits", "share", "polarity", "documents"]
    if themes.empty:
        return pd.DataFrame(columns=cols)
    hits = pd.to_numeric(themes["hits"])
    key = themes["theme"]
    g = pd.DataFrame({
        "label": themes["label"].groupby(key, sort=False).first(),
        "hits": hits.groupby(key, sort=False).sum(),
        "weighted": (pd.to_numeric(themes["polarity"]) * hits).groupby(key, sort=False).sum(),
        "documents": themes["doc_id"].groupby(key, sort=False).nunique(),
    })
    total = g["hits"].sum()
    g["share"] = g["hits"] / total if total else 0.0
    g["polarity"] = (g["weighted"] / g["hits"]).where(g["hits"] > 0, 0.0)
    g = g.rename_axis("theme").reset_index()
    return g.sort_values(["hits", "label"], ascending=[False, True], ignore_index=True)[cols]


def theme_share_bar(themes: pd.DataFrame, top: int = 15) -> go.Figure | None:
    """Horizontal bars: each theme's share of all theme hits (largest on top)."""
    g = theme_totals(themes).head(top)
    if g.empty or g["hits"].sum() == 0:
        return None
    g = g.iloc[::-1]
    bar = go.Bar(
        x=g["share"], y=[esc(v) for v in g["label"]], orientation="h",
        marker_color=BAR,
        customdata=g[["hits", "documents"]].to_numpy(),
        hovertemplate="%{y}<br>%{x:.1%} of theme hits<br>%{customdata[0]} hits in "
                      "%{customdata[1]} documents<extra></extra>",
    )
    return _figure(bar, "Theme share", height=max(260, 28 * len(g) + 90),
                   xaxis={"title": {"text": "share of theme hits"}, "tickformat": ".0%"},
                   yaxis={"title": {"text": None}})


def theme_share_treemap(themes: pd.DataFrame) -> go.Figure | None:
    """Treemap of theme shares (area = hits)."""
    g = theme_totals(themes)
    if g.empty or g["hits"].sum() == 0:
        return None
    treemap = go.Treemap(
        labels=[esc(v) for v in g["label"]], parents=[""] * len(g), values=g["hits"],
        marker={"colors": g["share"], "colorscale": SEQUENTIAL, "showscale": False},
        texttemplate="%{label}<br>%{percentRoot:.0%}",
        hovertemplate="%{label}<br>%{value} hits (%{percentRoot:.1%})<extra></extra>",
    )
    return _figure(treemap, "Theme share", height=420)


def theme_sentiment(themes: pd.DataFrame, top: int = 15) -> go.Figure | None:
    """Diverging bars centred on 0: mean sentence polarity per theme."""
    g = theme_totals(themes).head(top)
    if g.empty:
        return None
    g = g.sort_values("polarity")
    colours = [POSITIVE if p > 0 else NEGATIVE if p < 0 else NEUTRAL for p in g["polarity"]]
    bar = go.Bar(
        x=g["polarity"], y=[esc(v) for v in g["label"]], orientation="h", marker_color=colours,
        customdata=g[["hits"]].to_numpy(),
        hovertemplate="%{y}<br>mean polarity %{x:+.3f}<br>%{customdata[0]} hits"
                      "<extra></extra>",
    )
    span = max(0.05, float(g["polarity"].abs().max()) * 1.15)
    return _figure(bar, "Theme sentiment", height=max(260, 28 * len(g) + 90), xaxis={
        "title": {"text": "mean polarity (−1 negative … +1 positive)"},
        "range": [-span, span], "zeroline": True, "zerolinewidth": 2, "zerolinecolor": "#444"})


def theme_heatmap(
    themes: pd.DataFrame, documents: pd.DataFrame, max_docs: int = 40, max_themes: int = 15
) -> go.Figure | None:
    """Theme × document heatmap of each theme's share of the document's hits.

    With many documents only the ``max_docs`` with the most theme hits are shown.
    """
    if themes.empty:
        return None
    # integer codes and numpy sums instead of groupby and pivot_table (same result)
    doc_codes, doc_ids = pd.factorize(themes["doc_id"], sort=True)  # groupby's order
    hits = pd.to_numeric(themes["hits"]).to_numpy(dtype=np.float64)
    per_doc = pd.Series(np.bincount(doc_codes, weights=hits, minlength=len(doc_ids)),
                        index=doc_ids)
    top_docs = per_doc.nlargest(max_docs).index
    order = theme_totals(themes)["label"].head(max_themes).tolist()
    row_of = np.full(len(doc_ids), -1)
    row_of[doc_ids.get_indexer(top_docs)] = np.arange(len(top_docs))
    label_codes, labels = pd.factorize(themes["label"])
    col_of = np.full(len(labels), -1)
    wanted = labels.get_indexer(order)
    col_of[wanted[wanted >= 0]] = np.arange(len(order))[wanted >= 0]
    r, c = row_of[doc_codes], np.where(label_codes >= 0, col_of[label_codes], -1)
    inside = (r >= 0) & (c >= 0)
    if not inside.any():
        return None
    z = np.zeros((len(top_docs), len(order)))
    share = np.nan_to_num(pd.to_numeric(themes["share"]).to_numpy(dtype=np.float64))
    np.add.at(z, (r[inside], c[inside]), share[inside])
    titles = _titles(documents)
    ylabels = _unique([esc(titles.get(d, d), 60) for d in top_docs])
    zmax = max(0.05, float(z.max()))
    grid = z
    heatmap = go.Heatmap(
        z=grid, x=[esc(c) for c in order], y=ylabels,
        colorscale=SEQUENTIAL, zmin=0, zmax=zmax, xgap=1, ygap=1,
        colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{z:.0%} of the document's theme hits<extra></extra>",
    )
    title = "Themes by document"
    if themes["doc_id"].nunique() > len(grid):
        title += f" (the {plural(len(grid), 'document')} with most theme hits)"
    return _figure(heatmap, title, height=max(300, 26 * len(grid) + 170),
                   xaxis={"tickangle": -35, "automargin": True},
                   yaxis={"autorange": "reversed", "automargin": True})


def _mean_period(span: pd.Timedelta) -> tuple[str, str]:
    if span <= pd.Timedelta(days=92):
        return "D", "daily mean"
    if span <= pd.Timedelta(days=2 * 365):
        return "W", "weekly mean"
    return "M", "monthly mean"


def sentiment_over_time(documents: pd.DataFrame, max_points: int = 2000) -> go.Figure | None:
    """Document polarity by date: a marker per document and the mean per day, week or month
    (by span). Stray dates far from the rest (a "1400" found in a history piece) are left
    outside the initial view, so the bulk of the corpus stays readable. With more than
    ``max_points`` documents the markers are a deterministic sample (the subtitle says so);
    the mean line always uses every document."""
    if documents.empty or "date" not in documents:
        return None
    d = pd.DataFrame({"date": pd.to_datetime(documents["date"], errors="coerce"),
                      "polarity": pd.to_numeric(documents["polarity"], errors="coerce"),
                      "title": documents["title"]})  # only what is drawn: less to copy
    d = d.dropna(subset=["date", "polarity"]).sort_values("date")
    if d.empty:
        return None
    lo, hi = d["date"].min(), d["date"].max()
    if len(d) >= 20:  # keep the bulk in view: drop dates far outside the middle half
        q1, q3 = d["date"].quantile(0.25), d["date"].quantile(0.75)
        reach = max(3 * (q3 - q1), pd.Timedelta(days=30))
        lo, hi = max(lo, q1 - reach), min(hi, q3 + reach)
    outside = int(((d["date"] < lo) | (d["date"] > hi)).sum())
    many = len(d) > 300
    shown = d.sample(max_points, random_state=0).sort_values("date") if len(d) > max_points \
        else d
    traces = [go.Scattergl(
        x=shown["date"], y=shown["polarity"], mode="markers", name="document",
        marker={"color": SAFE[4], "size": 5 if many else 9, "opacity": 0.35 if many else 0.8},
        text=[esc(t, 90) for t in shown["title"]],
        hovertemplate="%{text}<br>%{x|%Y-%m-%d}: polarity %{y:+.3f}<extra></extra>",
    )]
    freq, name = _mean_period(hi - lo)
    inside = d[(d["date"] >= lo) & (d["date"] <= hi)]
    mean = inside.groupby(inside["date"].dt.to_period(freq))["polarity"].mean()
    if len(mean) > 1:
        traces.append(go.Scatter(
            x=mean.index.to_timestamp(), y=mean.to_numpy(), mode="lines+markers" if freq != "D"
            else "lines", name=name, line={"color": BAR, "width": 2.5},
            hovertemplate="%{x|%Y-%m-%d}: " + name + " %{y:+.3f}<extra></extra>",
        ))
    xaxis: dict[str, object] = {"title": {"text": "document date"}}
    pad = max((hi - lo) * 0.03, pd.Timedelta(days=1))
    if lo == hi:
        pad = pd.Timedelta(days=30)
    if outside or lo == hi:
        xaxis["range"] = [lo - pad, hi + pad]
    notes = []
    if len(shown) < len(d):
        notes.append(f"markers: a sample of {len(shown):,} of {len(d):,} documents; the line "
                     "uses them all")
    if outside:
        notes.append(f"{plural(outside, 'document')} dated far from the rest outside the view "
                     "(zoom out to see them)")
    zero = {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": 0, "y1": 0,
            "yref": "y", "line": {"width": 1, "color": "#999"}}  # what add_hline(y=0) adds
    return _figure(traces, "Sentiment over time", subtitle="; ".join(notes) or None,
                   height=360, legend={"orientation": "h", "y": -0.25}, shapes=[zero],
                   xaxis=xaxis, yaxis={"title": {"text": "polarity"}})


NOT_AMOUNTS = ("ordinal", "year", "date", "date_range", "partitive")  # not sizes


def largest_figures(figures: pd.DataFrame, top: int = 15) -> go.Figure | None:
    """Bars of the largest amount per measure (log axis when values span decades);
    ordinals, years and dates are not amounts and are left out. Bars are coloured by kind,
    and money by currency too: 189 trillion yen is not more than $8 trillion."""
    if figures.empty:
        return None
    # rank on the few columns needed (by position), then fetch the chosen rows whole:
    # cutting every column (sentences included) of 100,000 figures is the slow part
    value = pd.to_numeric(figures["value"], errors="coerce")
    keep = ((value > 0) & (figures["measure"].fillna("") != "")
            & ~figures["kind"].isin(NOT_AMOUNTS)).to_numpy()
    if not keep.any():
        return None
    f = pd.DataFrame({"measure": figures["measure"].to_numpy()[keep],
                      "unit": figures["unit"].to_numpy()[keep],
                      "value": value.to_numpy()[keep]}, index=np.flatnonzero(keep))
    idx = f.groupby(["measure", "unit"], dropna=False)["value"].idxmax()
    chosen = f.loc[idx].nlargest(top, "value").index
    g = figures.iloc[chosen].assign(value=value.iloc[chosen].to_numpy()).iloc[::-1]
    labels = _unique([esc(m, 40) for m in g["measure"]])
    # money in different currencies is not comparable: each currency is its own group
    group = pd.Series([f"{k} ({u})" if k == "money" and u else k
                       for k, u in zip(g["kind"], g["unit"].fillna(""), strict=True)],
                      index=g.index)
    traces = []
    for i, name in enumerate(dict.fromkeys(group)):
        sub = group == name
        traces.append(go.Bar(
            x=g.loc[sub, "value"], y=[lab for lab, s in zip(labels, sub, strict=True) if s],
            orientation="h", name=esc(name), marker_color=SAFE[i % len(SAFE)],
            text=[esc(s) for s in g.loc[sub, "surface"]], textposition="auto",
            customdata=[_wrap(esc(s, 300)) for s in g.loc[sub, "sentence"]],
            hovertemplate="%{y}: %{text} (%{x:,.0f})<br>%{customdata}<extra></extra>",
        ))
    log = g["value"].max() / max(g["value"].min(), 1e-9) > 1000
    return _figure(traces, "Largest amount per measure", height=max(280, 28 * len(g) + 110),
                   xaxis={"type": "log" if log else "linear",
                          "title": {"text": "value (log scale)" if log else "value"}},
                   yaxis={"categoryorder": "array", "categoryarray": labels},
                   barmode="overlay", legend={"title": {"text": "kind (currency)"}})


def measure_over_time(figures: pd.DataFrame, documents: pd.DataFrame,
                      measure: str, max_points: int = 600) -> go.Figure | None:
    """One measure across documents: by document date, or by document when undated.

    More than ``max_points`` figures are thinned to that many, evenly spaced in that order
    (the subtitle says so)."""
    if figures.empty or not measure:
        return None
    f = figures[figures["measure"] == measure]
    f = f.assign(value=pd.to_numeric(f["value"], errors="coerce")).dropna(subset=["value"])
    if f.empty:
        return None
    meta = documents[["doc_id", *(c for c in ("date", "title") if c in documents)]]
    meta = meta.set_index("doc_id")
    f = f.assign(
        date=pd.to_datetime(f["doc_id"].map(meta["date"]) if "date" in meta else pd.NaT,
                            errors="coerce"),
        title=f["doc_id"].map(meta["title"]) if "title" in meta else f["doc_id"],
    )
    dated = f["date"].notna().all()
    f = f.sort_values(["date", "doc_id"] if dated else ["doc_id", "start"])
    total = len(f)
    if total > max_points:
        f = f.iloc[np.unique(np.linspace(0, total - 1, max_points).round().astype(int))]
    x = f["date"] if dated else [esc(t, 40) for t in f["title"].fillna(f["doc_id"])]
    hover = [f"{esc(t, 90)}<br>{_wrap(esc(s, 300))}" for t, s in
             zip(f["title"].fillna(""), f["sentence"], strict=True)]
    line = go.Scatter(
        x=x, y=f["value"], mode="lines+markers", name=esc(measure),
        line={"color": SAFE[4]}, marker={"size": 10, "color": SAFE[4]},
        text=[esc(s) for s in f["surface"]], customdata=hover,
        hovertemplate="%{text} (%{y:,.4~g})<br>%{customdata}<extra></extra>",
    )
    xaxis: dict[str, object] = {"title": {"text": "document date" if dated else "document"}}
    if dated:
        xaxis["tickformat"] = "%d %b %Y"
        if f["date"].nunique() == 1:  # one date: a month either side, not millisecond ticks
            day = f["date"].iloc[0]
            xaxis["range"] = [day - pd.Timedelta(days=30), day + pd.Timedelta(days=30)]
    subtitle = (f"{len(f):,} of {total:,} figures shown, evenly spaced in order"
                if len(f) < total else None)
    return _figure(line, f"“{esc(measure)}” across documents", height=340, xaxis=xaxis,
                   subtitle=subtitle,
                   yaxis={"title": {"text": esc(measure)}, "rangemode": "tozero"})


def sentiment_scatter(sentences: pd.DataFrame, documents: pd.DataFrame,
                      max_points: int = 1500) -> go.Figure | None:
    """Sentences by polarity (x) and subjectivity (y); hover shows sentence and document.

    Large corpora are sampled down to ``max_points`` (deterministically).
    """
    if sentences.empty:
        return None
    s = sentences
    sampled = len(s) > max_points
    if sampled:
        s = s.sample(max_points, random_state=0)
    titles = _titles(documents)
    hover = [f"<b>{esc(titles.get(d, d), 80)}</b><br>{_wrap(esc(t, 200))}"
             for d, t in zip(s["doc_id"], s["text"], strict=True)]
    scatter = go.Scattergl(
        x=pd.to_numeric(s["polarity"]), y=pd.to_numeric(s["subjectivity"]), mode="markers",
        marker={"color": pd.to_numeric(s["polarity"]), "colorscale": SEQUENTIAL,
                "cmin": -1, "cmax": 1, "size": 8, "opacity": 0.8,
                "line": {"width": 0.6, "color": "#1f2430"},
                "colorbar": {"title": {"text": "polarity"}}},
        customdata=hover,
        hovertemplate="%{customdata}<br>polarity %{x:+.2f}, subjectivity %{y:.2f}"
                      "<extra></extra>",
    )
    title = "Sentences: polarity vs subjectivity"
    if sampled:
        title += f" (sample of {max_points:,} of {len(sentences):,})"
    return _figure(scatter, title, height=420,
                   xaxis={"title": {"text": "polarity"}, "range": [-1.05, 1.05],
                          "zeroline": True},
                   yaxis={"title": {"text": "subjectivity"}, "range": [-0.05, 1.05]})


def document_polarity(documents: pd.DataFrame, max_docs: int = 40) -> go.Figure | None:
    """Diverging bars of each document's polarity (most extreme documents when many)."""
    if documents.empty:
        return None
    d = documents.assign(polarity=pd.to_numeric(documents["polarity"], errors="coerce"))
    d = d.dropna(subset=["polarity"])
    if d.empty:
        return None
    many = len(d) > max_docs
    if many:
        half = max_docs // 2
        d = pd.concat([d.nlargest(half, "polarity"), d.nsmallest(max_docs - half, "polarity")])
        d = d.drop_duplicates("doc_id")
    d = d.sort_values("polarity")
    labels = _unique([esc(t, 60) for t in d["title"].fillna(d["doc_id"])])
    colours = [POSITIVE if p > 0 else NEGATIVE if p < 0 else NEUTRAL for p in d["polarity"]]
    bar = go.Bar(
        x=d["polarity"], y=labels, orientation="h", marker_color=colours,
        hovertemplate="%{y}<br>polarity %{x:+.3f}<extra></extra>",
    )
    span = max(0.05, float(d["polarity"].abs().max()) * 1.15)
    title = "Document polarity"
    if many:
        title += f" (the {len(d)} most positive and negative)"
    return _figure(bar, title, height=max(260, 26 * len(d) + 100),
                   xaxis={"title": {"text": "document polarity"}, "range": [-span, span],
                          "zeroline": True, "zerolinewidth": 2, "zerolinecolor": "#444"},
                   yaxis={"automargin": True})


@_by_identity
def _titles(documents: pd.DataFrame) -> dict[str, str]:
    if documents.empty or "title" not in documents:
        return {}
    return dict(zip(documents["doc_id"], documents["title"].fillna(""), strict=True))


def _unique(labels: list[str]) -> list[str]:
    """Labels made unique (Plotly merges equal category labels) with a counter suffix."""
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        n = seen.get(lab, 0)
        seen[lab] = n + 1
        out.append(lab if n == 0 else f"{lab} ({n + 1})")
    return out
