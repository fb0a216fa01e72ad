"""The news pages' pure builders (dashboard.news_tables, dashboard.news_charts), without
a browser: on the dated wire (a burst on its last day) and on the seeds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import WIRE_BURST, WIRE_PER_DAY

from dashboard import news_charts, news_tables
from metrics import changes
from metrics.alerts import evaluate, parse_rules

BASE_N = changes.DEFAULT_BASELINE["day"] * WIRE_PER_DAY  # the 7 quiet days before the burst


@pytest.fixture(scope="module")
def wire_changes(wire_corpus) -> pd.DataFrame:
    return changes.changes(wire_corpus, "day")


def test_the_default_period_follows_the_span() -> None:
    days = pd.Series(pd.to_datetime(["2024-03-01", "2024-03-09"]))
    assert news_tables.default_period(days) == "day"
    assert news_tables.default_period(pd.Series(pd.to_datetime(
        ["1987-02-26", "1987-10-20"]))) == "week"
    assert news_tables.default_period(pd.Series(pd.to_datetime(
        ["2021-12-03", "2025-03-14"]))) == "month"
    assert news_tables.default_period(pd.Series([pd.NaT])) == "day"


def test_span_names_one_or_a_run_of_periods() -> None:
    assert news_tables.span(["2024-W09"]) == "2024-W09"
    assert news_tables.span(["2024-03-02", "2024-03-05", "2024-03-08"]) == \
        "2024-03-02 … 2024-03-08"
    assert news_tables.span([]) == "none"


def test_period_start_is_inside_its_period() -> None:
    assert news_tables.period_start("1987-W43", "week") == "1987-10-19"
    assert changes.period_labels(pd.Series(["1987-10-19"]), "week").iloc[0] == "1987-W43"
    assert news_tables.period_start("1987-10", "month") == "1987-10-01"
    assert news_tables.period_start("1987-10-20", "day") == "1987-10-20"


def test_change_table_reads_counts_shares_and_evidence(wire_changes) -> None:
    up = news_tables.change_table(wire_changes, "up")
    assert list(up.columns) == news_tables.CHANGE_COLUMNS
    quake = up[up["key"] == "earthquake"].iloc[0]
    n = WIRE_PER_DAY + WIRE_BURST
    assert quake["documents"] == f"{WIRE_BURST} of {n} vs 0 of {BASE_N}"
    assert quake["change"] == pytest.approx(100 * WIRE_BURST / n, abs=1e-3)
    assert quake["evidence"] == WIRE_BURST
    assert news_tables.change_table(wire_changes, "down").empty
    assert news_tables.counts_text(45, 650, 38, 2471) == "45 of 650 vs 38 of 2,471"


def test_evidence_sentences_name_the_key(wire_corpus, wire_changes) -> None:
    row = wire_changes[(wire_changes["kind"] == "term")
                       & (wire_changes["key"] == "arrest")].iloc[0]
    ids = row["evidence"].split(";")
    found = news_tables.evidence_sentences("term", "arrest", ids, wire_corpus.sentences,
                                           wire_corpus.figures, wire_corpus.documents)
    assert list(found["doc_id"].unique()) == ids  # the evidence order
    assert found["sentence"].str.contains("arrests after looting").all()  # an inflection
    measure = news_tables.evidence_sentences("measure", "people", ids[:2],
                                             wire_corpus.sentences, wire_corpus.figures,
                                             wire_corpus.documents)
    assert len(measure) == 2 and measure["sentence"].str.contains("killing").all()
    facet = news_tables.evidence_sentences("facet", "places=chile", ids[:3],
                                           wire_corpus.sentences, wire_corpus.figures,
                                           wire_corpus.documents)
    assert len(facet) == 3 and (facet["sentence_id"] == 0).all()  # the lead sentence


def test_tone_is_a_mean_with_a_95_percent_interval() -> None:
    values = pd.Series([0.1, 0.3, -0.2, 0.5, 0.0])
    t = news_tables.tone(values)
    half = 1.959964 * np.std(values, ddof=1) / math.sqrt(5)
    assert (t.mean, t.n) == (pytest.approx(0.14), 5)
    assert (t.low, t.high) == (pytest.approx(0.14 - half), pytest.approx(0.14 + half))
    assert "n=5" in str(t)
    assert news_tables.tone(pd.Series([], dtype=float)).n == 0


def test_period_docs_leave_undated_documents_out() -> None:
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
                         "date": pd.to_datetime(["2024-03-04", None, "2024-03-10"])})
    for period, label, expected in (("week", "2024-W10", ["a", "c"]),
                                    ("day", "2024-03-10", ["c"]),
                                    ("month", "2024-03", ["a", "c"])):
        assert list(news_tables.period_docs(docs, period, label)) == expected


def test_comparison_holds_both_periods(wire_corpus) -> None:
    table = news_tables.comparison(wire_corpus, "day", "2024-03-08", "2024-03-09")
    assert list(table.columns) == news_tables.COMPARE_COLUMNS
    docs = table[table["section"] == "documents"].iloc[0]
    assert (docs["a"], docs["b"]) == (WIRE_PER_DAY, WIRE_PER_DAY + WIRE_BURST)
    assert set(table["section"]) == {"documents", "tone", "theme share", "top phrase",
                                     "figure"}
    tone = table[table["section"] == "tone"].set_index("item")
    sents = wire_corpus.sentences.merge(wire_corpus.documents[["doc_id", "date"]])
    last = sents.loc[sents["date"] == "2024-03-09", "polarity"]
    assert tone.loc["sentences (n)", "b"] == len(last)
    assert tone.loc["mean sentence polarity", "b"] == pytest.approx(last.mean(), abs=1e-4)
    assert tone.loc["95% interval low", "b"] < tone.loc["mean sentence polarity", "b"] < \
        tone.loc["95% interval high", "b"]
    phrases_b = " ".join(table.loc[table["section"] == "top phrase", "b"])
    assert "strong earthquake" in phrases_b
    assert "earthquake" not in " ".join(table.loc[table["section"] == "top phrase", "a"])
    security = table[(table["section"] == "theme share") & (table["item"] == "Security & crime")]
    assert security["a"].iloc[0] == 0 and security["b"].iloc[0] == pytest.approx(6 / 26, 1e-3)


def test_figure_cards_on_the_seeds_are_the_salient_figures(seed_corpus) -> None:
    cards = news_tables.figure_cards(seed_corpus.figures, seed_corpus.documents)
    shown = {(c.value, c.measure) for c in cards}
    assert ("over 70,000", "arrests") in shown
    assert ("5%", "gdp growth target") in shown
    assert cards == sorted(cards, key=lambda c: -c.salience)
    assert "countries" not in {c.measure for c in cards}  # "the two countries": no news
    assert min(c.salience for c in cards) >= news_tables.MIN_CARD_SALIENCE
    arrests = next(c for c in cards if c.measure == "arrests")
    assert "70,000" in arrests.sentence and arrests.document


def test_figure_cards_of_the_latest_period_and_of_none(wire_corpus) -> None:
    ids = news_tables.period_docs(wire_corpus.documents, "day", "2024-03-09")
    cards = news_tables.figure_cards(wire_corpus.figures, wire_corpus.documents, ids)
    assert "arrests" in {c.measure for c in cards}
    quiet = news_tables.period_docs(wire_corpus.documents, "day", "2024-03-08")
    assert "arrests" not in {c.measure for c in news_tables.figure_cards(
        wire_corpus.figures, wire_corpus.documents, quiet)}
    none = wire_corpus.figures.iloc[0:0].astype(object)  # as a corpus without figures has
    assert news_tables.figure_cards(none, wire_corpus.documents) == []


def test_alert_table_newest_first_with_status(wire_corpus) -> None:
    rules = parse_rules('[[rule]]\nname = "big arrests"\nfigure = "arrests"\nabove = 50000\n'
                        '[[rule]]\nname = "banks"\nmention = "central bank"\n')
    fired = evaluate(rules, wire_corpus)
    raised = {fired[0].id}
    table = news_tables.alert_table(fired, raised)
    assert list(table["period"]) == sorted(table["period"], reverse=True)
    assert (table["status"] == "raised").sum() == 1
    assert set(table.loc[table["rule"] == "big arrests", "period"]) == {"2024-03-09"}
    assert (table["rule"] == "big arrests").sum() == WIRE_BURST


def test_resolve_evidence_reads_sentences(wire_corpus) -> None:
    sents = wire_corpus.sentences
    quake = sents[sents["doc_id"] == "quake0"]
    second = int(quake["sentence_id"].max())
    found = news_tables.resolve_evidence([f"quake0#{second}", "quake1", "missing#3"], sents,
                                         wire_corpus.documents)
    assert found["sentence"].iloc[0].startswith("Police made 60000 arrests")
    assert found["sentence"].iloc[1].startswith("A strong earthquake")  # its first sentence
    assert (found["document"].iloc[2], found["sentence"].iloc[2]) == ("missing", "")


def test_headline_lists_the_top_three(wire_changes) -> None:
    lines = news_tables.headline(wire_changes, "up")
    assert len(lines) == 3
    assert lines[0] == f"places=chile (facet): 6 of 26 vs 0 of {BASE_N}"
    assert news_tables.headline(wire_changes, "down") == []


# --- charts --------------------------------------------------------------------------------


def test_rising_shares_plots_share_now_against_before(wire_changes) -> None:
    fig = news_charts.rising_shares(wire_changes, top=5)
    assert fig is not None
    _joins, before, now = fig.data
    assert list(now.x) == list(wire_changes["share"].head(5)[::-1])
    assert list(before.x) == list(wire_changes["baseline_share"].head(5)[::-1])
    assert fig.layout.xaxis.tickformat == ".0%"  # one unit: share of documents
    low, high = fig.layout.xaxis.range
    assert low < 0 < max(now.x) < high  # a dot at 0% is drawn whole
    assert now.marker.color in news_charts.SAFE
    assert news_charts.rising_shares(wire_changes.iloc[0:0]) is None


def test_chart_labels_escape_document_text(wire_changes) -> None:
    nasty = wire_changes.head(2).assign(label=["<b>bold</b>", "<a href='x'>link</a>"])
    fig = news_charts.rising_shares(nasty)
    assert all("<b>" not in y and "<a" not in y for y in fig.data[2].y)
    shares = pd.DataFrame({"a": [0.5], "b": [0.25]}, index=["<script>x</script>"])
    bars = news_charts.theme_shares(shares, ("A", "B"))
    assert bars.data[0].y[0] == "&lt;script&gt;x&lt;/script&gt;"
    assert [list(t.x) for t in bars.data] == [[0.5], [0.25]]


def test_tone_intervals_show_the_interval() -> None:
    a = news_tables.Tone(0.1, 0.05, 0.2, 40)
    fig = news_charts.tone_intervals({"A": a, "B": news_tables.Tone(math.nan, math.nan,
                                                                      math.nan, 0)})
    (trace,) = fig.data
    assert list(trace.y) == ["A"]  # a period without sentences is left out
    assert trace.error_x.array[0] == pytest.approx(0.1)
    assert trace.error_x.arrayminus[0] == pytest.approx(0.05)
    assert news_charts.tone_intervals({}) is None
