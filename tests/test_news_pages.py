"""The news pages through Streamlit's AppTest: Changes, Compare and Alerts on a dated wire
served as a server corpus (a burst on its last day), and the Overview's lead."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import WIRE_BURST, WIRE_PER_DAY

from dashboard import news, news_tables, ui
from metrics import export
from metrics.store import opened

LAST, BEFORE = "2024-03-09", "2024-03-08"


def page(at, name: str):
    return at.switch_page(f"views/{name}.py").run()


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def frames(at, column: str) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if column in d.value.columns]


@pytest.fixture
def wire(app, monkeypatch, wire_csv: Path, tmp_path: Path):
    """AppTests of the dashboard on the wire, with a store (and rule file) of their own."""
    monkeypatch.setenv("THEMEWATCH_CORPORA", str(wire_csv))
    monkeypatch.setenv("THEMEWATCH_STORE", str(tmp_path / "store.duckdb"))

    def make(**query: str):
        return app(corpus="wire", **query)
    return make


def test_changes_show_the_burst_of_the_last_day(wire) -> None:
    at = page(wire().run(), "changes")
    no_exception(at)
    assert at.selectbox(key="at").value == LAST
    assert at.segmented_control(key="period").value == "day"  # nine days: by day
    rose = frames(at, "documents")[0]
    quake = rose[rose["key"] == "earthquake"].iloc[0]
    assert quake["kind"] == "term"
    assert quake["documents"] == f"{WIRE_BURST} of {WIRE_PER_DAY + WIRE_BURST} vs 0 of 140"
    assert "places=chile" in set(rose["key"])
    assert [i.value for i in at.info] == [f"Nothing fell significantly in {LAST}."]
    assert len(at.get("plotly_chart")) == 1  # the rising keys, now vs before
    labels = [e.label for e in at.expander]
    assert any(lab.startswith("places=chile (facet)") for lab in labels)
    evidence = frames(at, "sentence")[0]
    assert set(evidence["doc_id"]) <= {f"quake{i}" for i in range(WIRE_BURST)}
    assert at.download_button  # the changes as CSV


def test_changes_period_and_baseline_come_from_the_url(wire) -> None:
    at = page(wire(at=BEFORE, baseline="3").run(), "changes")
    no_exception(at)
    assert at.selectbox(key="at").value == BEFORE
    assert at.number_input(key="baseline").value == 3
    assert any("3 days" in c.value for c in at.caption)
    rose = frames(at, "documents")
    assert not rose or "earthquake" not in set(rose[0]["key"])  # the quiet day before
    at.selectbox(key="at").set_value(LAST).run()  # (the browser test checks the link)
    assert "earthquake" in set(frames(at, "documents")[0]["key"])
    at.segmented_control(key="period").set_value("week").run()  # the choices start over
    no_exception(at)
    assert at.selectbox(key="at").options == ["2024-W10", "2024-W09"]
    assert at.selectbox(key="at").value == "2024-W10"
    assert at.number_input(key="baseline").value == 4  # a week's default baseline
    assert any("against 60 documents in 2024-W09 (1 week)" in c.value for c in at.caption)
    at = page(at, "compare")  # each page's periods are its own (and in its link)
    no_exception(at)
    assert not at.warning
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == (BEFORE, LAST)
    at.segmented_control(key="period").set_value("week").run()
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("2024-W09",
                                                                          "2024-W10")
    assert {m.value for m in at.metric} == {"60", "126"}


def test_changes_without_trusted_dates_say_why(app) -> None:
    at = page(app().run(), "data")
    at.file_uploader[0].set_value([("note.txt", b"Police made 300 arrests.", "text/plain")])
    at.button(key="FormSubmitter:upload-Analyse uploads").click()
    at = page(at.run(), "changes")
    no_exception(at)
    assert [i.value for i in at.info] == [news.NO_DATES]
    at = page(at, "overview")
    assert any("cannot be told" in c.value for c in at.caption)


def test_compare_two_days_side_by_side(wire, downloads) -> None:
    at = page(wire().run(), "compare")
    no_exception(at)
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == (BEFORE, LAST)
    counts = {m.label: m.value for m in at.metric}
    assert counts == {f"Documents in {BEFORE}": str(WIRE_PER_DAY),
                      f"Documents in {LAST}": str(WIRE_PER_DAY + WIRE_BURST)}
    assert len(at.get("plotly_chart")) == 2  # tone with intervals, theme shares
    assert any("n=" in c.value for c in at.caption)
    figures_b = frames(at, "salience")[1]
    assert "arrests" in set(figures_b["measure"])
    entry, v = at.session_state["_entry"], at.session_state["_view"]
    name = next(n for n in downloads if n.endswith(f"_compare_{BEFORE}_{LAST}.csv"))
    assert downloads[name] == export.to_csv_bytes(news_tables.comparison(v, "day", BEFORE,
                                                                         LAST))
    assert entry.name == "wire"


def test_compare_from_a_link(wire) -> None:
    at = page(wire(a="2024-03-01", b=BEFORE).run(), "compare")
    no_exception(at)
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("2024-03-01",
                                                                          BEFORE)
    assert {m.value for m in at.metric} == {str(WIRE_PER_DAY)}


RULES = """\
[[rule]]
name = "big arrests"
figure = "arrests"
above = 50000

[[rule]]
name = "quiet"
mention = "volcano"
"""


def test_alerts_fire_show_evidence_and_are_raised_once(wire) -> None:
    news.rules_path().write_text(RULES, encoding="utf-8")
    at = page(wire().run(), "alerts")
    no_exception(at)
    assert at.text_area(key="rules_text").value == RULES
    assert not at.error
    table = frames(at, "status")[0]
    assert len(table) == WIRE_BURST
    assert set(table["rule"]) == {"big arrests"} and set(table["status"]) == {"new"}
    assert set(table["period"]) == {LAST}
    evidence = frames(at, "sentence")[0]
    assert evidence["sentence"].iloc[0].startswith("Police made 60")
    at.button(key="raise_alerts").click().run()
    no_exception(at)
    assert set(frames(at, "status")[0]["status"]) == {"raised"}
    assert at.success
    with opened(news.corpora.store_path()) as store:
        assert len(store.raised_alerts()) == WIRE_BURST
    assert not [b for b in at.button if b.key == "raise_alerts"]  # nothing new to raise


def test_a_bad_rule_file_is_reported_by_line(wire) -> None:
    bad = RULES.replace("above = 50000", "above = 50000\nshare = 3")
    news.rules_path().write_text(bad, encoding="utf-8")
    at = page(wire().run(), "alerts")
    no_exception(at)
    assert [e.value for e in at.error] == ["Line 5: " + ui.md(  # the key's line
        "rule 'big arrests': unknown key 'share' (a figure rule takes above, "
        "below, figure, name, period, unit)")]
    assert at.button(key="save_rules").disabled
    assert not frames(at, "status")
    at.text_area(key="rules_text").input("[[rule]]\nname = \"x\"\nmention = \"a\"\n"
                                         "tone = \"all\"\n").run()
    assert at.error[0].value.startswith("Line 1: rule 'x' needs exactly one of")
    at.text_area(key="rules_text").input("[[rule]]\nname = 'x'\nmention = 'arrests'\n"
                                         "oops = = 3\n").run()
    assert at.error[0].value.startswith("Line 4: not valid TOML")
    assert at.code[0].value == "oops = = 3"


def test_saved_rules_are_written_beside_the_store(wire) -> None:
    at = page(wire().run(), "alerts")
    assert at.text_area(key="rules_text").value == news.EXAMPLE_RULES
    assert not news.rules_path().exists()
    at.text_area(key="rules_text").input(RULES).run()
    at.button(key="save_rules").click().run()
    no_exception(at)
    assert news.rules_path().read_text(encoding="utf-8") == RULES
    assert news.rules_path().parent == news.corpora.store_path().parent


def test_overview_leads_with_the_news(wire) -> None:
    news.rules_path().write_text(RULES, encoding="utf-8")
    at = wire().run()
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert f"**{LAST}**, the latest day: {WIRE_PER_DAY + WIRE_BURST} documents" in text
    assert ui.md("places=chile (facet): 6 of 26 vs 0 of 140") in text
    assert "**Fell**: nothing significant." in text
    assert f"{WIRE_BURST} alerts fired, {WIRE_BURST} new" in text
    assert "arrests" in [m.label for m in at.metric]


def test_overview_cards_on_the_seeds(app) -> None:
    at = app().run()
    no_exception(at)
    cards = {m.label: m for m in at.metric[:-4]}  # before the four KPI cards
    assert cards["arrests"].value == "over 70,000"
    assert cards["gdp growth target"].value == "5%"
    assert "over 70,000 arrests" in cards["arrests"].proto.help
    assert "2025-03" in " ".join(m.value for m in at.markdown)  # the latest month


def test_document_text_is_never_markup(app, monkeypatch, tmp_path) -> None:
    """A facet value from the data is shown as written: no bold, no tag, on the Changes
    page (table, expander, chart) and the Overview."""
    from conftest import wire_frame

    nasty = "**chile** <script>x</script>"
    frame = wire_frame()
    frame.loc[frame["id"].str.startswith("quake"), "places"] = nasty
    path = tmp_path / "nasty.csv"
    frame.to_csv(path, index=False)
    monkeypatch.setenv("THEMEWATCH_CORPORA", str(path))
    monkeypatch.setenv("THEMEWATCH_STORE", str(tmp_path / "store.duckdb"))
    at = page(app(corpus="nasty").run(), "changes")
    no_exception(at)
    assert f"places={nasty}" in set(frames(at, "documents")[0]["key"])  # a table: plain
    label = next(e.label for e in at.expander if "chile" in e.label)
    assert label.startswith("places=\\*\\*chile\\*\\* \\<script\\>x\\</script\\>")
    chart = at.get("plotly_chart")[0].proto.spec
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    at = page(at, "overview")
    text = " ".join(m.value for m in at.markdown)
    assert "\\*\\*chile\\*\\* \\<script\\>" in text and "<script>" not in text
