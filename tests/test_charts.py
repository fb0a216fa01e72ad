"""Chart builders (dashboard.charts) and table shaping (dashboard.tables), no browser."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import metrics
from dashboard import charts, tables

EMPTY = {name: pd.DataFrame(columns=cols) for name, cols in metrics.COLUMNS.items()}


@pytest.fixture(scope="module")
def t(seed_corpus) -> dict[str, pd.DataFrame]:
    return seed_corpus.tables()


def trace_types(fig: go.Figure) -> list[str]:
    return [tr.type for tr in fig.data]


def test_theme_share_bar(t) -> None:
    fig = charts.theme_share_bar(t["themes"])
    assert trace_types(fig) == ["bar"]
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert abs(sum(bar.x) - 1) < 1e-9  # shares of all theme hits
    assert list(bar.x) == sorted(bar.x)  # largest on top
    assert fig.layout.xaxis.title.text == "share of theme hits"
    assert fig.layout.xaxis.tickformat == ".0%"


def test_theme_share_treemap(t) -> None:
    fig = charts.theme_share_treemap(t["themes"])
    assert trace_types(fig) == ["treemap"]
    assert sum(fig.data[0].values) == t["themes"]["hits"].sum()


def test_theme_tone_says_its_n_and_hides_thin_means(t) -> None:
    tone = charts.theme_tone(t["sentences"], t["themes"])
    tagged = t["sentences"]["themes"].fillna("").str.split("; ")
    for row in tone.itertuples():
        mine = t["sentences"][tagged.map(lambda ts, th=row.theme: th in ts)]
        assert row.n == len(mine) and row.polarity == pytest.approx(mine["polarity"].mean())
    fig = charts.theme_sentiment(tone)
    shown = fig.data[0].y
    assert all("(n=" in label for label in shown)
    assert len(shown) == int((tone["n"] >= charts.MIN_TONE_SENTENCES).sum())
    assert charts.theme_sentiment(tone, min_n=10**6) is None


def test_theme_sentiment_is_centred_on_zero(t) -> None:
    fig = charts.theme_sentiment(charts.theme_tone(t["sentences"], t["themes"]), min_n=1)
    assert trace_types(fig) == ["bar"]
    lo, hi = fig.layout.xaxis.range
    assert lo == -hi
    colours = fig.data[0].marker.color
    for x, colour in zip(fig.data[0].x, colours, strict=True):
        assert colour == (charts.POSITIVE if x > 0 else charts.NEGATIVE if x < 0
                          else charts.NEUTRAL)


def test_theme_heatmap(t) -> None:
    fig = charts.theme_heatmap(t["themes"], t["documents"])
    assert trace_types(fig) == ["heatmap"]
    hm = fig.data[0]
    assert len(hm.y) == 2 and len(hm.x) == t["themes"]["theme"].nunique()
    assert hm.colorscale[0][1] != hm.colorscale[-1][1]  # Cividis, not a flat scale
    small = charts.theme_heatmap(t["themes"], t["documents"], max_docs=1)
    assert len(small.data[0].y) == 1 and "1 document " in small.layout.title.text


def test_sentiment_over_time(t) -> None:
    fig = charts.sentiment_over_time(t["documents"])
    assert trace_types(fig) == ["scattergl", "scatter"]  # documents and the monthly mean
    assert fig.data[1].name == "monthly mean"
    assert fig.layout.xaxis.title.text == "document date"
    undated = t["documents"].assign(date=pd.NaT)
    assert charts.sentiment_over_time(undated) is None


def test_largest_figures(t) -> None:
    fig = charts.largest_figures(t["figures"])
    assert fig is not None and set(trace_types(fig)) == {"bar"}
    labels = [y for tr in fig.data for y in tr.y]
    assert "arrests" in labels
    assert any("70,000" in s for tr in fig.data for s in tr.text)


def test_largest_figures_never_share_an_axis_across_units() -> None:
    figs = pd.DataFrame({
        "measure": ["assets", "budget", "arrests", "price", "debt"],
        "unit": ["JPY", "USD", "", "USD/barrel", "USD"],
        "value": [1.89e14, 8e12, 7e4, 18.0, 5e9], "kind": ["money", "money", "count",
                                                           "money", "money"],
        "surface": ["189 trillion yen", "$8 trillion", "70,000", "$18 a barrel", "$5bn"],
        "sentence": ["a", "b", "c", "d", "e"]})
    fig = charts.largest_figures(figs)
    panels = {tr.name: (list(tr.y), tr.xaxis) for tr in fig.data}
    assert {name: ys for name, (ys, _) in panels.items()} == {
        "USD": ["debt", "budget"], "JPY": ["assets"], "count": ["arrests"],
        "USD per barrel": ["price"]}  # a price per barrel is not an amount of dollars
    assert len({axis for _, axis in panels.values()}) == len(panels)  # an axis each
    assert fig.layout.title.subtitle.text is None
    many = pd.concat([figs.assign(unit=[f"u{i}{j}" for j in range(5)], kind="quantity")
                      for i in range(2)], ignore_index=True)
    fig = charts.largest_figures(many)
    assert len(fig.data) == charts.MAX_UNITS
    assert "6 other units not shown" in fig.layout.title.subtitle.text


def test_measure_over_time(t) -> None:
    fig = charts.measure_over_time(t["figures"], t["documents"], "arrests")
    assert trace_types(fig) == ["scatter"]
    assert fig.data[0].mode == "lines+markers"
    assert 70000 in list(fig.data[0].y)
    assert charts.measure_over_time(t["figures"], t["documents"], "no such measure") is None


def test_sentiment_scatter_and_sampling(t) -> None:
    fig = charts.sentiment_scatter(t["sentences"], t["documents"])
    assert trace_types(fig) == ["scattergl"]
    assert len(fig.data[0].x) == len(t["sentences"])
    assert fig.layout.xaxis.title.text == "polarity"
    assert fig.layout.yaxis.title.text == "subjectivity"
    sampled = charts.sentiment_scatter(t["sentences"], t["documents"], max_points=5)
    assert len(sampled.data[0].x) == 5 and "sample" in sampled.layout.title.text


def test_document_polarity(t) -> None:
    fig = charts.document_polarity(t["documents"])
    assert trace_types(fig) == ["bar"] and len(fig.data[0].y) == 2


@pytest.mark.parametrize("build", [
    lambda e: charts.theme_share_bar(e["themes"]),
    lambda e: charts.theme_share_treemap(e["themes"]),
    lambda e: charts.theme_sentiment(charts.theme_tone(e["sentences"], e["themes"])),
    lambda e: charts.theme_heatmap(e["themes"], e["documents"]),
    lambda e: charts.sentiment_over_time(e["documents"]),
    lambda e: charts.largest_figures(e["figures"]),
    lambda e: charts.measure_over_time(e["figures"], e["documents"], "arrests"),
    lambda e: charts.sentiment_scatter(e["sentences"], e["documents"]),
    lambda e: charts.document_polarity(e["documents"]),
], ids=["share", "treemap", "theme-tone", "heatmap", "tone-time", "largest", "measure",
        "scatter", "doc-tone"])
def test_every_builder_returns_none_for_empty_input(build) -> None:
    assert build(EMPTY) is None


def test_document_text_in_charts_is_escaped(t) -> None:
    docs = t["documents"].assign(title='<a href="javascript:alert(1)">click</a>')
    fig = charts.theme_heatmap(t["themes"], docs)
    assert all("<a" not in y and "&lt;a" in y for y in fig.data[0].y)
    sentences = t["sentences"].assign(text="<b>bold</b> <script>x</script>")
    hover = charts.sentiment_scatter(sentences, docs).data[0].customdata
    assert all("<script>" not in h and "&lt;script&gt;" in h for h in hover)


def test_charts_do_not_modify_their_input(t) -> None:
    before = {k: v.copy() for k, v in t.items()}
    charts.theme_heatmap(t["themes"], t["documents"])
    charts.largest_figures(t["figures"])
    charts.sentiment_scatter(t["sentences"], t["documents"])
    for k, v in before.items():
        pd.testing.assert_frame_equal(v, t[k])


# --- tables ---------------------------------------------------------------------------------

def test_compact_values_fit_a_card() -> None:
    assert tables.format_value(14_280_000.0, None, "USD", "money", compact=True) == "$14.3m"
    assert tables.format_value(2.1e9, None, "", "count", compact=True) == "2.1bn"
    assert tables.format_value(70_000.0, None, "", "count", compact=True) == "70,000"
    assert tables.format_value(312.0, None, "cent", "money") == "312 cents"


@pytest.mark.parametrize(("value", "high", "unit", "kind", "shown"), [
    (70000.0, None, "", "count", "70,000"),
    (5.0, None, "%", "percent", "5%"),
    (5.0, 6.0, "%", "percent", "5%–6%"),
    (800000000.0, None, "USD", "money", "$800,000,000"),
    (1.5e9, None, "CNY", "money", "CNY 1,500,000,000"),
    (18.25, None, "USD/barrel", "money", "$18.25/barrel"),  # the rate after the amount
    (16.0, 18.0, "cent/share", "money", "16 cents/share–18 cents/share"),
    (802.0, None, "pence", "money", "802 pence"),
    (1.0, None, "cent", "money", "1 cent"),
    (3.0, None, "CHF/share", "money", "CHF 3/share"),
    (415.0, None, "km", "quantity", "415 km"),
    (2024.0, None, "", "year", "2024"),
    (60.0, None, "", "ordinal", "#60"),
    (0.25, None, "", "count", "0.25"),
])
def test_format_value(value, high, unit, kind, shown) -> None:
    assert tables.format_value(value, high, unit, kind) == shown


def test_key_figures_leave_out_years_and_dates(t) -> None:
    key = tables.key_figures(t["figures"], t["documents"])
    assert set(key["kind"]) <= set(tables.KEY_KINDS)
    assert 70000 in set(key["value"])
    assert list(key.columns)[:2] == ["shown", "measure"]


def test_kpis_compare_the_latest_period_with_the_one_before(t) -> None:
    k = {x.label: x for x in tables.kpis(t["documents"], t["figures"])}
    assert k["Documents"].value == "2"
    assert k["Documents"].delta == 0  # one document in 2025, one in 2021
    assert k["Documents"].delta_description == "2025 vs 2021"
    undated = t["documents"].assign(date=pd.NaT)
    k = {x.label: x for x in tables.kpis(undated, t["figures"])}
    assert k["Documents"].delta is None


def test_guessed_dates_are_pointed_out(t) -> None:
    docs = t["documents"]  # the seeds: a date from a date tag, one from the file name
    assert sorted(docs["date_source"]) == ["filename", "tag"]
    assert tables.guessed_dates_note(docs) is None
    guessed = docs.assign(date_source=["tag", "text"])
    assert tables.guessed_dates_note(guessed).startswith("1 of 2 documents carry no date of")
    undated = docs.assign(date=[docs["date"].iloc[0], pd.NaT])
    assert tables.guessed_dates_note(undated).startswith(
        "1 of 2 documents carry no publication date")
    assert tables.guessed_dates_note(docs.assign(date_source="tag")) is None
    assert tables.guessed_dates_note(docs.drop(columns="date_source")) is None  # old corpora


def test_highlight_html_escapes_everything() -> None:
    text = "<b>x</b> made 70,000 & more"
    spans = [tables.Span(14, 20, "fig", 'count "arrests"'), tables.Span(0, 3, "theme", "t")]
    out = tables.highlight_html(text, spans)
    assert out.startswith('<mark class="tw-theme" title="t">&lt;b&gt;</mark>x&lt;/b&gt;')
    assert '<mark class="tw-fig" title="count &quot;arrests&quot;">70,000</mark>' in out
    assert "&amp; more" in out


def test_highlight_html_drops_overlaps_and_skips_the_date_tag() -> None:
    text = " date 2025-03-14 Police made 70,000 arrests."
    start = tables.body_start(text)
    assert text[start:].startswith("Police")
    spans = [tables.Span(28, 34, "fig", "n"), tables.Span(28, 43, "theme", "t"),
             tables.Span(1, 5, "theme", "before the body")]
    out = tables.reader_html(text, spans)
    assert "2025-03-14" not in out
    assert out.count("<mark") == 1  # the figure wins; the overlapping term is dropped


def test_sentiment_over_time_keeps_stray_dates_out_of_view() -> None:
    dates = [f"2005-{m:02d}-{d:02d}" for m in range(1, 11) for d in (3, 17)] + ["1400-02-26"]
    docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(dates))],
                         "title": [f"t{i}" for i in range(len(dates))],
                         "date": pd.to_datetime(dates, format="%Y-%m-%d"),
                         "polarity": [0.1] * len(dates)})
    fig = charts.sentiment_over_time(docs)
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert lo.year >= 2003 and hi.year <= 2007  # around 2005, far from 1400
    assert "1 document dated" in fig.layout.title.subtitle.text
    assert len(fig.data[0].x) == len(dates)  # still plotted, only out of the initial view


def test_sentiment_over_time_samples_markers_but_not_the_mean(t) -> None:
    docs = pd.concat([t["documents"]] * 20, ignore_index=True)
    docs["doc_id"] = [f"d{i}" for i in range(len(docs))]
    docs["date"] = pd.date_range("2024-01-01", periods=len(docs), freq="D")
    fig = charts.sentiment_over_time(docs, max_points=10)
    assert len(fig.data[0].x) == 10
    assert "a sample of 10 of 40 documents" in fig.layout.title.subtitle.text
    full = charts.sentiment_over_time(docs)
    assert list(fig.data[1].y) == list(full.data[1].y)  # the mean uses every document


def test_measure_over_time_thins_many_points(t) -> None:
    f = pd.concat([t["figures"]] * 30, ignore_index=True)
    f["measure"] = "arrests"
    fig = charts.measure_over_time(f, t["documents"], "arrests", max_points=7)
    assert sum(len(tr.y) for tr in fig.data) <= 7
    assert "7 of" in fig.layout.title.subtitle.text


def test_theme_sentences_with_a_precomputed_mask_and_limit(t) -> None:
    whole = tables.theme_sentences(t["sentences"], t["documents"], "security_crime")
    tagged = t["sentences"]["themes"].fillna("").str.split("; ").map(
        lambda ts: "security_crime" in ts).to_numpy(dtype=bool)
    fast = tables.theme_sentences(t["sentences"], t["documents"], "security_crime",
                                  tagged=tagged, limit=2)
    assert len(whole) > 2
    pd.testing.assert_frame_equal(fast, whole.head(2))


# --- over time: periods and the time charts -------------------------------------------------

def _docs(dates: list[str | None], polarity: list[float], source: list[str] | None = None
          ) -> pd.DataFrame:
    n = len(dates)
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "title": [f"t{i}" for i in
                         range(n)], "date": pd.to_datetime(dates), "polarity": polarity,
                         "source": source or ["wire"] * n})


def test_grain_follows_the_span() -> None:
    from dashboard import periods

    assert periods.grain(pd.Series(pd.to_datetime(["2025-01-01", "2025-03-01"]))) == "D"
    assert periods.grain(pd.Series(pd.to_datetime(["2025-01-01", "2025-12-01"]))) == "W"
    assert periods.grain(pd.Series(pd.to_datetime(["2021-01-01", "2025-12-01"]))) == "M"


def test_attention_is_the_share_of_all_documents_per_period() -> None:
    from dashboard import periods

    docs = _docs(["2025-01-01", "2025-01-01", "2025-01-01", "2025-01-01", "2025-01-03", None],
                 [0.1] * 6)
    themes = pd.DataFrame({"doc_id": ["d0", "d1", "d1", "d4", "d5"],
                           "theme": ["sport", "sport", "economy", "sport", "sport"],
                           "label": ["Sport", "Sport", "Economy", "Sport", "Sport"]})
    att = periods.attention(docs, themes, "D").set_index(["period", "theme"])
    day1, day2, day3 = pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"])
    assert att.loc[(day1, "sport"), "documents"] == 2 and att.loc[(day1, "sport"), "total"] == 4
    assert att.loc[(day1, "sport"), "share"] == 0.5  # undated d5 counts nowhere
    assert att.loc[(day3, "sport"), "share"] == 1.0
    assert pd.isna(att.loc[(day2, "sport"), "share"])  # no documents that day: a gap, not 0
    fig = charts.attention_over_time(docs, themes, "D")
    sport = next(tr for tr in fig.data if tr.name == "Sport")
    assert list(sport.y[:1]) == [0.5] and pd.isna(sport.y[1]) and sport.connectgaps is False
    assert fig.layout.yaxis.tickformat == ".0%"
    assert "1 undated document left out" in fig.layout.title.subtitle.text
    volume = charts.attention_over_time(docs, themes, "D", measure="volume")
    assert list(next(tr for tr in volume.data if tr.name == "Sport").y) == [2, 0, 1]


def test_tone_per_period_has_a_95_percent_interval_and_counts() -> None:
    from dashboard import periods

    docs = _docs(["2025-01-01"] * 4 + ["2025-01-02"], [0.0, 0.2, 0.4, 0.2, 0.5])
    t = periods.tone(docs, "D").set_index("period")
    first = t.iloc[0]
    half = 1.959964 * pd.Series([0.0, 0.2, 0.4, 0.2]).std() / 2
    assert first["documents"] == 4 and abs(first["polarity"] - 0.2) < 1e-12
    assert abs(first["high"] - (0.2 + half)) < 1e-9 and abs(first["low"] - (0.2 - half)) < 1e-9
    assert t.iloc[1]["documents"] == 1 and pd.isna(t.iloc[1]["low"])  # one document: no interval
    fig = charts.tone_over_time(docs, "D")
    assert trace_types(fig) == ["scatter", "scatter", "bar"]  # band, mean, documents
    assert list(fig.data[2].y) == [4, 1]
    assert len(fig.data[0].x) == 2  # the band covers only the day with an interval
    assert fig.data[0].mode == "lines"  # an area, without markers at its corners
    mean = fig.data[1]
    assert abs(mean.error_y.array[0] - half) < 1e-9 and pd.isna(mean.error_y.array[1])
    gappy = _docs(["2025-01-01", "2025-01-01", "2025-01-03", "2025-01-03"], [0, 0.2, 0.1, 0.3])
    bands = [tr for tr in charts.tone_over_time(gappy, "D").data
             if tr.type == "scatter" and tr.fill == "toself"]
    assert len(bands) == 2  # no band across the empty 2 January
    assert "95% interval" in fig.layout.title.subtitle.text


def test_documents_per_period_by_source_and_by_facet() -> None:
    from dashboard import periods

    docs = _docs(["2025-01-01", "2025-01-01", "2025-01-02", None], [0.0] * 4,
                 ["A", "B", "A", "A"])
    by_source = periods.groups(docs, pd.DataFrame(columns=["doc_id", "facet", "value"]),
                               "source")
    fig = charts.documents_over_time(docs, "D", by_source, "source")
    assert {tr.name: list(tr.y) for tr in fig.data} == {"A": [1, 1], "B": [1, 0]}
    assert fig.layout.barmode == "stack"
    assert "1 undated document left out" in fig.layout.title.subtitle.text
    facets = pd.DataFrame({"doc_id": ["d0", "d0", "d1", "d2"], "facet": "places",
                           "value": ["usa", "japan", "usa", "uk"]})
    by_place = periods.groups(docs, facets, "places", top=2)
    fig = charts.documents_over_time(docs, "D", by_place, "places")
    counts = {tr.name: list(tr.y) for tr in fig.data}
    assert counts["usa"] == [2, 0] and counts["other"] == [0, 1]  # uk is not in the top 2
    assert "counts once in each" in fig.layout.title.subtitle.text
    assert fig.data[-1].marker.color == charts.NEUTRAL
    assert charts.documents_over_time(docs.assign(date=pd.NaT), "D") is None


def test_a_measure_over_time_gets_one_axis_per_unit_and_undated_are_not_joined() -> None:
    docs = _docs(["2025-01-01", "2025-01-02", None], [0.0] * 3)
    figs = pd.DataFrame({"doc_id": ["d0", "d1", "d0", "d1", "d2"], "start": [0] * 5,
                         "measure": "exports", "value": [5, 6, 100, 120, 7],
                         "unit": ["t", "t", "USD", "USD", "t"], "surface": "x",
                         "sentence": "s"})
    fig = charts.measure_over_time(figs, docs, "exports")
    assert len(fig.data) == 2 and {tr.yaxis for tr in fig.data} == {"y", "y2"}
    assert {fig.layout.yaxis.title.text, fig.layout.yaxis2.title.text} == {"t", "USD"}
    tonnes = next(tr for tr in fig.data if "(t)" in tr.name)
    assert list(tonnes.y) == [5, 6]  # the undated document's 7 t is left out...
    assert "1 figure of undated documents left out" in fig.layout.title.subtitle.text
    undated = charts.measure_over_time(figs, docs.assign(date=pd.NaT), "exports")
    assert {tr.mode for tr in undated.data} == {"markers"}  # ...and never joined by a line


def test_kpi_deltas_find_the_rows_of_each_period_with_or_without_repeated_ids() -> None:
    docs = _docs(["2025-01-01", "2025-01-01", "2025-01-02"], [0.1, 0.2, 0.3]).assign(
        top_theme_label=["A", "A", "B"])
    figs = pd.DataFrame({"doc_id": ["d0", "d0", "d1", "d2", "gone"]})
    kpis = {k.label: k for k in tables.kpis(docs, figs)}
    assert kpis["Figures"].delta == 1 - 3 and kpis["Documents"].delta == 1 - 2
    # one definition: the top theme of the most documents; the delta names the latest's
    assert (kpis["Top theme"].value, kpis["Top theme"].delta) == ("A", "B in the latest")
    repeated = pd.concat([docs, docs.tail(1)], ignore_index=True)  # d2 twice: matched by value
    assert {k.label: k.delta for k in tables.kpis(repeated, figs)}["Figures"] == 1 - 3


def test_pick_documents_searches_titles_sources_and_dates(t) -> None:
    docs = t["documents"]
    assert tables.pick_documents(docs) == docs["doc_id"].tolist()
    (xi,) = tables.pick_documents(docs, "december 3")  # in 004's title
    assert docs.set_index("doc_id").loc[xi, "source"].startswith("2021-12-03")
    assert tables.pick_documents(docs, "2025-03-14") == tables.pick_documents(docs, "FOREIGN")
    assert tables.pick_documents(docs, "no such words") == []
    assert len(tables.pick_documents(docs, "", limit=1)) == 1


def test_theme_period_heatmap_blanks_empty_periods() -> None:
    from dashboard import periods

    docs = _docs(["2025-01-01", "2025-01-01", "2025-01-03"], [0.1, 0.2, 0.3])
    themes = pd.DataFrame({"doc_id": ["d0", "d1", "d2"], "theme": ["a", "b", "a"],
                           "label": ["A", "B", "A"]})
    att = periods.attention(docs, themes, "D", top=5)
    fig = charts.theme_period_heatmap(att)
    z = pd.DataFrame(fig.data[0].z, index=list(fig.data[0].y))
    assert list(z.index) == ["A", "B"]  # the theme with more documents first
    assert z.loc["A"].tolist()[0] == 0.5 and z.loc["A"].tolist()[2] == 1.0
    assert pd.isna(z.loc["A"].tolist()[1])  # 2 January has no documents: blank, not 0%
    assert charts.theme_period_heatmap(att.iloc[0:0]) is None


def test_md_leaves_no_streamlit_directive_in_data() -> None:
    from dashboard import ui

    raw = ":red[x] :material/home: :smile: **b** <i>"
    out = ui.md(raw)
    assert ":red[" not in out and ":material/" not in out and ":smile:" not in out
    assert out.replace("\u2060", "").replace("\\", "") == raw  # nothing lost, only escaped


def test_sentiment_over_time_keeps_the_latest_burst_in_view() -> None:
    # a stream: months of news, then a week far later (a crash) that the reader came for
    dates = [f"1987-{m:02d}-{d:02d}" for m in range(3, 7) for d in range(1, 28)] + \
        ["1987-10-19"] * 30 + ["2999-01-01"]
    docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(dates))],
                         "title": [f"t{i}" for i in range(len(dates))],
                         "date": pd.to_datetime(dates, format="%Y-%m-%d"),
                         "polarity": [0.1] * len(dates)})
    fig = charts.sentiment_over_time(docs)
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert lo.year >= 1985 and hi >= pd.Timestamp("1987-10-19") and hi.year < 2999
    assert "1 document dated" in fig.layout.title.subtitle.text


def test_weak_terms_alone_make_a_document_about_no_theme() -> None:
    from dashboard import periods

    docs = _docs(["2025-01-01"] * 4, [0.1] * 4)
    themes = pd.DataFrame({"doc_id": ["d0", "d1", "d2", "d3", "d3"],
                           "theme": ["economy", "economy", "economy", "sport", "economy"],
                           "label": ["Economy", "Economy", "Economy", "Sport", "Economy"],
                           "terms": ["mln; dlrs", "mln; profit", "profit", "game", "dlrs"]})
    weak = {("economy", "mln"), ("economy", "dlrs")}
    assert list(periods.about(themes, weak)["doc_id"]) == ["d1", "d2", "d3"]  # d3's sport
    assert list(periods.about(themes, weak)["theme"]) == ["economy", "economy", "sport"]
    fig = charts.attention_over_time(docs, themes, "D", weak=weak)
    economy = next(tr for tr in fig.data if tr.name == "Economy")
    assert list(economy.y) == [0.5]  # d1 and d2 of four; d0 and d3 matched only "mln", "dlrs"
    assert "generic terms alone" in fig.layout.title.subtitle.text
    everything = charts.attention_over_time(docs, themes, "D")
    assert list(next(tr for tr in everything.data if tr.name == "Economy").y) == [1.0]
