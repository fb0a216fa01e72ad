"""Pure Plotly builders for the news pages (Changes, Compare): DataFrame in, figure out.

The conventions of ``dashboard.charts`` hold: None when there is nothing to plot, the
colour-blind-safe ``Safe`` palette, every text from the documents HTML-escaped, and one
unit per axis (shares of documents here, polarity there: never on one axis).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import NEUTRAL, SAFE, _figure, _unique, esc
from dashboard.news_tables import Tone, span

NOW = SAFE[1]  # the period compared
THEN = NEUTRAL  # its baseline
PERIOD_COLOURS = (SAFE[0], SAFE[1])  # two periods side by side


def rising_shares(table: pd.DataFrame, top: int = 10) -> go.Figure | None:
    """The ``top`` rising keys of a ``metrics.changes`` table: each key's share of the
    period's documents against its share of the baseline's (a dot each, joined)."""
    up = table[table["direction"] == "up"].head(top) if not table.empty else table
    if up.empty:
        return None
    up = up.iloc[::-1]
    labels = _unique([f"{esc(lab, 40)} ({esc(k)})" for lab, k in zip(up["label"], up["kind"],
                                                                        strict=True)])
    counts = [f"{a:,} of {n:,} vs {b:,} of {m:,}" for a, n, b, m in zip(
        up["count"], up["n"], up["baseline_count"], up["baseline_n"], strict=True)]
    xs, ys = [], []
    for lab, s0, s1 in zip(labels, up["baseline_share"], up["share"], strict=True):
        xs += [s0, s1, None]
        ys += [lab, lab, None]
    top_share = float(max(up["share"].max(), up["baseline_share"].max()))
    pad = max(top_share * 0.04, 0.005)
    period, base = esc(up["period"].iloc[0]), esc(_baseline_name(up["baseline_periods"].iloc[0]))
    traces = [
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#BBBBBB", "width": 3},
                   hoverinfo="skip", showlegend=False),
        go.Scatter(x=up["baseline_share"], y=labels, mode="markers", name=f"baseline ({base})",
                   marker={"color": THEN, "size": 11, "symbol": "circle-open",
                           "line": {"width": 2.5}},
                   customdata=counts,
                   hovertemplate="%{y}<br>baseline: %{x:.1%} of documents<br>%{customdata}"
                                 "<extra></extra>"),
        go.Scatter(x=up["share"], y=labels, mode="markers", name=f"{period}",
                   marker={"color": NOW, "size": 12},
                   customdata=counts,
                   hovertemplate="%{y}<br>" + period + ": %{x:.1%} of documents<br>"
                                 "%{customdata}<extra></extra>"),
    ]
    return _figure(traces, "What rose: share of documents, now vs baseline",
                   height=max(280, 30 * len(up) + 120),
                   xaxis={"title": {"text": "share of documents"}, "tickformat": ".0%",
                          "range": [-pad, top_share + pad]},  # whole dots at 0%
                   yaxis={"automargin": True}, legend={"orientation": "h", "y": -0.2})


def _baseline_name(periods: object) -> str:
    """ "1987-10-12 … 1987-10-19, 7 periods" from the ``;``-joined baseline periods."""
    parts = [p for p in str(periods or "").split(";") if p]
    return span(parts) + (f", {len(parts)} periods" if len(parts) > 1 else "")


def theme_shares(shares: pd.DataFrame, names: tuple[str, str], top: int = 12
                 ) -> go.Figure | None:
    """Grouped bars: each top theme's share of the documents of two periods (columns
    ``a`` and ``b`` of ``shares``, indexed by theme label)."""
    if shares.empty:
        return None
    s = shares.head(top)
    labels = [esc(x, 40) for x in s.index]
    traces = [go.Bar(x=s[col], y=labels, orientation="h", name=esc(name),
                     marker_color=colour,
                     hovertemplate="%{y}<br>" + esc(name) + ": %{x:.1%} of documents"
                                   "<extra></extra>")
              for col, name, colour in zip(("a", "b"), names, PERIOD_COLOURS, strict=True)]
    return _figure(traces, "Top theme: share of documents", barmode="group",
                   height=max(280, 40 * len(s) + 120),
                   xaxis={"title": {"text": "share of documents"}, "tickformat": ".0%"},
                   yaxis={"automargin": True, "autorange": "reversed"},
                   legend={"orientation": "h", "y": -0.2})


def tone_intervals(tones: Mapping[str, Tone]) -> go.Figure | None:
    """Mean sentence polarity per period with its 95% interval (error bars) and n."""
    shown = {k: t for k, t in tones.items() if t.n}
    if not shown:
        return None
    names = [esc(k) for k in shown]
    t = list(shown.values())
    trace = go.Scatter(
        x=[x.mean for x in t], y=names, mode="markers",
        marker={"color": [PERIOD_COLOURS[i % 2] for i in range(len(t))], "size": 13},
        error_x={"type": "data", "symmetric": False, "color": "#444",
                 "array": [0 if pd.isna(x.high) else x.high - x.mean for x in t],
                 "arrayminus": [0 if pd.isna(x.low) else x.mean - x.low for x in t]},
        customdata=[f"n={x.n:,} sentences" for x in t],
        hovertemplate="%{y}: mean polarity %{x:+.3f}<br>%{customdata}<extra></extra>")
    zero = {"type": "line", "x0": 0, "x1": 0, "y0": 0, "y1": 1, "yref": "y domain",
            "line": {"width": 1, "color": "#999"}}
    return _figure(trace, "Tone: mean sentence polarity, 95% interval", height=240,
                   shapes=[zero], showlegend=False,
                   xaxis={"title": {"text": "polarity (−1 negative … +1 positive)"}},
                   yaxis={"automargin": True, "autorange": "reversed"})
