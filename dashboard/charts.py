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
from collections.abc import Callable, Collection

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import periods

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


def theme_share_bar(themes: pd.DataFrame | None = None, top: int = 15, *,
                    totals: pd.DataFrame | None = None) -> go.Figure | None:
    """Horizontal bars: each theme's share of all theme hits (largest on top); from the
    ``themes`` rows, or from their ``theme_totals`` when a caller has them already."""
    g = (theme_totals(themes) if totals is None else totals).head(top)
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


MIN_TONE_SENTENCES = 5  # a theme's mean tone over fewer sentences is not shown


def theme_tone(sentences: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Per theme: label, the mean polarity of the sentences that mention it, and ``n``,
    how many sentences that mean rests on (most sentences first)."""
    cols = ["theme", "label", "polarity", "n"]
    if sentences.empty or themes.empty:
        return pd.DataFrame(columns=cols)
    tagged = sentences[["polarity", "themes"]].assign(
        theme=sentences["themes"].fillna("").str.split("; ")).explode("theme")
    tagged = tagged[tagged["theme"] != ""]
    g = tagged.groupby("theme")["polarity"].agg(polarity="mean", n="size").reset_index()
    labels = themes.drop_duplicates("theme").set_index("theme")["label"]
    g = g[g["theme"].isin(labels.index)]
    g["label"] = g["theme"].map(labels)
    return g.sort_values(["n", "label"], ascending=[False, True], ignore_index=True)[cols]


def theme_sentiment(tone: pd.DataFrame, top: int = 15,
                    min_n: int = MIN_TONE_SENTENCES) -> go.Figure | None:
    """Diverging bars centred on 0: each theme's mean sentence polarity (``theme_tone``),
    labelled with the number of sentences it rests on; themes with fewer than ``min_n``
    sentences are left out (one gloomy sentence is no tone)."""
    g = tone[tone["n"] >= min_n].head(top)
    if g.empty:
        return None
    g = g.sort_values("polarity")
    colours = [POSITIVE if p > 0 else NEGATIVE if p < 0 else NEUTRAL for p in g["polarity"]]
    bar = go.Bar(
        x=g["polarity"], y=[esc(f"{v} (n={n:,})") for v, n in zip(g["label"], g["n"],
                                                                   strict=True)],
        orientation="h", marker_color=colours, customdata=g[["n"]].to_numpy(),
        hovertemplate="%{y}<br>mean polarity %{x:+.3f}<br>over %{customdata[0]} sentences"
                      "<extra></extra>",
    )
    span = max(0.05, float(g["polarity"].abs().max()) * 1.15)
    left_out = int((tone["n"] < min_n).sum())
    title = "Theme sentiment" + (f" ({left_out} with fewer than {min_n} sentences left out)"
                                 if left_out else "")
    return _figure(bar, title, height=max(260, 28 * len(g) + 90), xaxis={
        "title": {"text": "mean sentence polarity (−1 negative … +1 positive)"},
        "range": [-span, span], "zeroline": True, "zerolinewidth": 2, "zerolinecolor": "#444"})


def theme_period_heatmap(attention: pd.DataFrame) -> go.Figure | None:
    """Theme × period heatmap: the share of each period's documents about each theme
    (``periods.attention``); a period without documents stays blank, never 0%."""
    if attention.empty or attention["share"].notna().sum() == 0:
        return None
    grid = attention.pivot_table(index="label", columns="period", values="share",
                                 dropna=False, sort=True)
    order = (attention.groupby("label")["documents"].sum().sort_values(ascending=False)
             .index)
    grid = grid.reindex(order)
    docs = attention.pivot_table(index="label", columns="period", values="documents",
                                 dropna=False, sort=True).reindex(order)
    heatmap = go.Heatmap(
        z=grid.to_numpy(), x=list(grid.columns), y=[esc(v) for v in grid.index],
        customdata=docs.to_numpy(), colorscale=SEQUENTIAL, zmin=0, xgap=1, ygap=1,
        colorbar={"title": {"text": "share"}, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x|%d %b %Y}: %{z:.0%} of the documents "
                      "(%{customdata})<extra></extra>",
    )
    return _figure(heatmap, "Themes by period: share of the period's documents about each",
                   height=max(260, 30 * len(grid) + 120))


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
        lo = max(lo, q1 - reach)
        # the latest dates stay in view however far they lie (a stream's latest burst is
        # what the reader came for), unless they lie in the future: a wrong date
        hi = min(hi, max(q3 + reach, pd.Timestamp.now()))
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
    """The largest amount per measure, one panel per unit or currency (``MAX_UNITS``
    panels, the most reported units first): 189 trillion yen, $8 trillion and 70,000
    arrests never share an axis. Ordinals, years and dates are not amounts and are left
    out; a panel's axis is logarithmic when its values span decades."""
    if figures.empty:
        return None
    # rank on the few columns needed (by position), then fetch the chosen rows whole:
    # cutting every column (sentences included) of 100,000 figures is the slow part
    value = pd.to_numeric(figures["value"], errors="coerce")
    keep = ((value > 0) & (figures["measure"].fillna("") != "")
            & ~figures["kind"].isin(NOT_AMOUNTS)).to_numpy()
    if not keep.any():
        return None
    kind = figures["kind"].to_numpy()[keep]
    unit = figures["unit"].fillna("").astype(str).to_numpy()[keep]
    f = pd.DataFrame({"measure": figures["measure"].to_numpy()[keep],
                      "group": [_amount_unit(k, u) for k, u in zip(kind, unit, strict=True)],
                      "value": value.to_numpy()[keep]}, index=np.flatnonzero(keep))
    groups = list(f["group"].value_counts().index)
    shown = groups[:MAX_UNITS]
    per_panel = max(3, top // len(shown))
    panels = []
    for name in shown:
        sub = f[f["group"] == name]
        idx = sub.groupby("measure")["value"].idxmax()
        chosen = sub.loc[idx].nlargest(per_panel, "value").index
        g = figures.iloc[chosen].assign(value=value.iloc[chosen].to_numpy()).iloc[::-1]
        log = g["value"].max() / max(g["value"].min(), 1e-9) > 1000
        panels.append((name, g, log))
    from plotly.subplots import make_subplots

    # each panel as tall as its bars; its title names the unit (and a log scale)
    fig = make_subplots(rows=len(panels), cols=1, row_heights=[len(g) + 1 for _, g, _ in panels],
                        subplot_titles=[esc(n) + (" (log scale)" if log else "")
                                        for n, _, log in panels],
                        vertical_spacing=min(0.15, 0.45 / len(panels)))
    for row, (name, g, log) in enumerate(panels, start=1):
        fig.add_trace(go.Bar(
            x=g["value"], y=_unique([esc(m, 40) for m in g["measure"]]), orientation="h",
            name=esc(name), marker_color=SAFE[(row - 1) % len(SAFE)],
            text=[esc(t) for t in g["surface"]], textposition="auto",
            customdata=[_wrap(esc(t, 300)) for t in g["sentence"]],
            hovertemplate="%{y}: %{text} (%{x:,.4~g})<br>%{customdata}<extra></extra>",
        ), row=row, col=1)
        fig.update_xaxes(type="log" if log else "linear", row=row, col=1)
    heights = [len(g) for _, g, _ in panels]
    others = len(groups) - len(shown)
    subtitle = (f"{plural(others, 'other unit')} not shown: narrow the kinds or measures"
                if others > 0 else None)
    fig.update_layout(
        title={"text": "Largest amount per measure, by unit", "x": 0, "xanchor": "left",
               "subtitle": {"text": subtitle} if subtitle else None},
        font={"family": FONT}, colorway=SAFE, showlegend=False, hoverlabel={"align": "left"},
        margin={"l": 10, "r": 10, "t": 70 if subtitle else 60, "b": 10},
        height=max(280, 26 * sum(heights) + 130 * len(shown)))
    return fig


def _amount_unit(kind: str, unit: str) -> str:
    """The axis an amount belongs on: its currency, "%", its unit, or what it counts."""
    if kind == "money" and not unit:
        return "money (currency not named)"
    if kind == "percent":
        return "%"
    if unit:
        return unit.replace("/", " per ")  # a price per barrel is not an amount of dollars
    return "count" if kind == "count" else kind


MAX_UNITS = 4  # panels of one measure over time (one per unit or currency)


def _unit_name(unit: str) -> str:
    return unit if unit else "count"


def measure_over_time(figures: pd.DataFrame, documents: pd.DataFrame,
                      measure: str, max_points: int = 600) -> go.Figure | None:
    """One measure across documents, one panel per unit or currency (tonnes and dollars
    never share an axis; the ``MAX_UNITS`` most frequent units). Dated figures are joined
    by a line in date order; figures of undated documents are left out (as said) when
    others are dated, else shown by document as markers only, never joined.

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
        unit=f["unit"].fillna("").astype(str) if "unit" in f else "",
    )
    undated = int(f["date"].isna().sum())
    dated = undated < len(f)
    if dated:
        f = f[f["date"].notna()]
    f = f.sort_values(["date", "doc_id"] if dated else ["doc_id", "start"])
    total = len(f)
    if total > max_points:
        f = f.iloc[np.unique(np.linspace(0, total - 1, max_points).round().astype(int))]
    units = list(f["unit"].value_counts().index[:MAX_UNITS])
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=len(units), cols=1, shared_xaxes=True,
                        vertical_spacing=0.08 if len(units) > 1 else 0.02)
    for row, unit in enumerate(units, start=1):
        u = f[f["unit"] == unit]
        x = u["date"] if dated else [esc(t, 40) for t in u["title"].fillna(u["doc_id"])]
        hover = [f"{esc(t, 90)}<br>{_wrap(esc(s, 300))}" for t, s in
                 zip(u["title"].fillna(""), u["sentence"], strict=True)]
        colour = SAFE[(row - 1) % len(SAFE)] if len(units) > 1 else SAFE[4]
        fig.add_trace(go.Scatter(
            x=x, y=u["value"], mode="lines+markers" if dated else "markers",
            name=f"{esc(measure)} ({esc(_unit_name(unit))})",
            line={"color": colour}, marker={"size": 9, "color": colour},
            text=[esc(s) for s in u["surface"]], customdata=hover,
            hovertemplate="%{text} (%{y:,.4~g})<br>%{customdata}<extra></extra>",
        ), row=row, col=1)
        fig.update_yaxes(title_text=esc(_unit_name(unit)), rangemode="tozero", row=row, col=1)
    notes = []
    if len(f) < total:
        notes.append(f"{len(f):,} of {total:,} figures shown, evenly spaced in order")
    if dated and undated:
        notes.append(f"{plural(undated, 'figure')} of undated documents left out")
    if not dated:
        notes.append("no document is dated: by document, not joined")
    others = f["unit"].nunique() - len(units)
    if others > 0:
        notes.append(f"{plural(others, 'other unit')} not shown")
    fig.update_layout(
        title={"text": f"“{esc(measure)}” across documents", "x": 0, "xanchor": "left",
               "subtitle": {"text": "; ".join(notes)} if notes else None},
        font={"family": FONT}, margin={"l": 10, "r": 10, "t": 60 if notes else 50, "b": 10},
        height=300 + 140 * (len(units) - 1), showlegend=len(units) > 1, colorway=SAFE,
        legend={"orientation": "h", "y": -0.2}, hoverlabel={"align": "left"})
    fig.update_xaxes(title_text="document date" if dated else "document",
                     row=len(units), col=1)
    if dated:
        fig.update_xaxes(tickformat="%d %b %Y")
        if f["date"].nunique() == 1:  # one date: a month either side, not millisecond ticks
            day = f["date"].iloc[0]
            fig.update_xaxes(range=[day - pd.Timedelta(days=30), day + pd.Timedelta(days=30)])
    return fig


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


# --- over time: volume, attention, tone (tables from dashboard.periods) ---------------------

def _period_axis(freq: str) -> dict[str, object]:
    fmt = {"D": "%d %b %Y", "W": "week of %d %b %Y", "M": "%b %Y"}[freq]
    return {"title": {"text": periods.GRAINS[freq]}, "hoverformat": fmt}


def _left_out(undated: int) -> str | None:
    return (f"{plural(undated, 'undated document')} left out" if undated else None)


def documents_over_time(documents: pd.DataFrame, freq: str, by: pd.DataFrame | None = None,
                        by_name: str = "") -> go.Figure | None:
    """Documents per period, stacked by the groups of ``by`` (``periods.groups``: a source
    or facet value; "other" for the rest); undated documents are left out, as said."""
    counts = periods.volume(documents, freq, by)
    if counts.empty or not counts["documents"].any():
        return None
    names = list(dict.fromkeys(counts["group"]))
    traces = [go.Bar(x=c["period"], y=c["documents"], name=esc(g) or "documents",
                     marker={"color": NEUTRAL if g == periods.OTHER else SAFE[i % len(SAFE)]},
                     hovertemplate=f"{esc(g) or 'documents'}: %{{y:,}}<extra></extra>")
              for i, (g, c) in enumerate((g, counts[counts["group"] == g]) for g in names)]
    notes = [n for n in (_left_out(periods.undated(documents)),
                         f"a document with several {esc(by_name)} counts once in each"
                         if by is not None and by_name != "source" else None) if n]
    return _figure(traces, f"Documents per {periods.GRAINS[freq]}"
                   + (f" by {esc(by_name)}" if by_name else ""),
                   subtitle="; ".join(notes) or None, barmode="stack", height=360,
                   xaxis=_period_axis(freq), hovermode="x unified", showlegend=by is not None,
                   yaxis={"title": {"text": "documents"},  # headroom over the tallest bar
                          "range": [0, counts.groupby("period")["documents"].sum().max() * 1.08]},
                   legend={"title": {"text": esc(by_name)}})


def attention_over_time(documents: pd.DataFrame, themes: pd.DataFrame, freq: str,
                        measure: str = "share", top: int = 6,
                        weak: Collection[tuple[str, str]] = ()) -> go.Figure | None:
    """Attention to the ``top`` themes per period: ``share`` of all dated documents that
    are about the theme (as Media Cloud normalises attention), or their ``volume``; a
    document that matched only ``weak`` (theme, term) pairs of a theme is not about it
    (``periods.about``). A period without documents is a gap in the share, never a zero."""
    att = periods.attention(documents, periods.about(themes, weak), freq, top)
    if att.empty:
        return None
    column = "share" if measure == "share" else "documents"
    traces = []
    for i, (_, t) in enumerate(att.groupby("theme", sort=False)):
        label = esc(t["label"].iloc[0])
        traces.append(go.Scatter(
            x=t["period"], y=t[column], name=label, mode="lines+markers",
            line={"color": SAFE[i % len(SAFE)]}, connectgaps=False,
            customdata=np.column_stack([t["documents"], t["total"]]),
            hovertemplate=f"{label}: %{{customdata[0]:,}} of %{{customdata[1]:,}} documents"
                          " (%{y:.0%})<extra></extra>" if column == "share" else
                          f"{label}: %{{y:,}} documents<extra></extra>"))
    title = ("Attention: share of documents about each theme" if column == "share"
             else "Attention: documents about each theme")
    yaxis: dict[str, object] = {"title": {"text": "share of all documents" if column ==
                                          "share" else "documents"}, "rangemode": "tozero"}
    if column == "share":
        yaxis["tickformat"] = ".0%"
    about = "a document can be about several themes" + (
        "; generic terms alone (\"mln\", \"dlrs\") make it about none" if weak else "")
    notes = [n for n in (f"per {periods.GRAINS[freq]}; {about}",
                         _left_out(periods.undated(documents))) if n]
    return _figure(traces, title, subtitle="; ".join(notes), height=380,
                   xaxis=_period_axis(freq), yaxis=yaxis, hovermode="x unified",
                   legend={"orientation": "h", "y": -0.25})


def _runs(part: pd.DataFrame) -> list[pd.DataFrame]:
    """The runs of consecutive rows that have an interval (a band never spans a gap)."""
    has = part["low"].notna().to_numpy()
    starts = np.flatnonzero(has & ~np.concatenate([[False], has[:-1]]))
    ends = np.flatnonzero(has & ~np.concatenate([has[1:], [False]]))
    return [part.iloc[a:b + 1] for a, b in zip(starts, ends, strict=True)]


def tone_over_time(documents: pd.DataFrame, freq: str, by: pd.DataFrame | None = None,
                   by_name: str = "", top: int = 4) -> go.Figure | None:
    """Mean document polarity per period with its 95% interval (whiskers, and a band over
    runs of periods when not broken down; by ``by``, the ``top`` largest groups), and the
    number of documents behind each mean in a panel below."""
    t = periods.tone(documents, freq, by)
    if t.empty or not t["documents"].any():
        return None
    from plotly.subplots import make_subplots

    names = list(t.groupby("group")["documents"].sum().sort_values(ascending=False)
                 .index[:top]) if by is not None else [""]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28],
                        vertical_spacing=0.06)
    for i, g in enumerate(names):
        part = t[t["group"] == g]
        colour = SAFE[i % len(SAFE)] if by is not None else BAR
        name = esc(g) or "mean polarity"
        hover = (f"{name}: %{{y:+.3f}} (95%: %{{customdata[0]:+.3f}} to "
                 "%{customdata[1]:+.3f}), %{customdata[2]:,} documents<extra></extra>")
        data = np.column_stack([part["low"], part["high"], part["documents"]])
        if by is None:
            for k, run in enumerate(_runs(part)):  # one band per run of periods with one
                fig.add_trace(go.Scatter(
                    x=np.concatenate([run["period"], run["period"][::-1]]),
                    y=np.concatenate([run["high"], run["low"][::-1]]), fill="toself",
                    mode="lines",
                    fillcolor="rgba(102,153,204,0.25)", line={"width": 0},
                    hoverinfo="skip", name="95% interval", legendgroup="band",
                    showlegend=k == 0), row=1, col=1)
        fig.add_trace(go.Scatter(
            x=part["period"], y=part["polarity"], mode="lines+markers", name=name,
            line={"color": colour}, connectgaps=False, customdata=data,
            hovertemplate=hover,
            error_y={"type": "data", "symmetric": False,  # whiskers: a lone period too
                     "array": part["high"] - part["polarity"],
                     "arrayminus": part["polarity"] - part["low"],
                     "color": colour, "thickness": 1, "width": 3}),
            row=1, col=1)
        fig.add_trace(go.Bar(x=part["period"], y=part["documents"], name=name,
                             marker={"color": colour}, showlegend=False,
                             hovertemplate=f"{name}: %{{y:,}} documents<extra></extra>"),
                      row=2, col=1)
    notes = [n for n in (f"mean per {periods.GRAINS[freq]} with its 95% interval "
                         "(± 1.96 standard errors)",
                         f"the {len(names)} largest groups" if by is not None and
                         t["group"].nunique() > len(names) else None,
                         _left_out(periods.undated(documents))) if n]
    fig.update_layout(
        title={"text": "Tone per " + periods.GRAINS[freq]
               + (f" by {esc(by_name)}" if by_name else ""), "x": 0, "xanchor": "left",
               "subtitle": {"text": "; ".join(notes)}},
        font={"family": FONT}, margin={"l": 10, "r": 10, "t": 60, "b": 10}, height=440,
        barmode="group", legend={"orientation": "h", "y": -0.15}, colorway=SAFE,
        showlegend=by is not None)
    fig.update_yaxes(title_text="polarity", zeroline=True, row=1, col=1)
    fig.update_yaxes(title_text="documents", row=2, col=1)
    fig.update_xaxes(hoverformat=_period_axis(freq)["hoverformat"], row=2, col=1)
    return fig
