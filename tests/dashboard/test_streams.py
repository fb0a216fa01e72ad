"""A stream store as the dashboard's corpus: opening it, Refresh after an ingest, the
facet filters, honest dates (trusted by default, guessed on request), the Trends page
and its choices in the link, opening a store by path only inside THEMEWATCH_STREAM_DIRS,
and uploads that add up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from dashboard import corpora
from metrics import stream

TOPICS = ["grain", "grain", "oil", "earn"]


def rows(start: int, count: int, day0: int = 1) -> list[dict]:
    """Generated Reuters-like stories: dated 1987-03-DD (every seventh undated, its text
    naming a date), topics/places facets, two sources."""
    out = []
    for i in range(start, start + count):
        dated = i % 7 != 6
        day = f"1987-03-{day0 + i % 20:02d}"
        out.append({
            "id": f"s{i}", "title": f"Story {i}", "date": day if dated else "",
            "source": "Reuters" if i % 3 else "Wire",
            "topics": TOPICS[i % 4], "places": "usa;japan" if i % 2 else "uk",
            "text": f"On {day} the ministry said exports of grain item {i} rose {i} percent "
                    f"to {100 + i} tonnes, and the central bank held rates at {i % 9} "
                    f"percent. Farmers welcomed the trade talks of week {i}."})
    return out


def ingest(store: Path, tmp: Path, data: list[dict], hour: int) -> None:
    path = tmp / f"in{hour}.csv"
    pd.DataFrame(data).to_csv(path, index=False)
    stream.ingest([path], store, now=datetime(2026, 1, 1, hour))


@pytest.fixture
def streamed(app, monkeypatch, tmp_path):
    """An AppTest factory on a stream store of 28 generated stories."""
    store = tmp_path / "wire.duckdb"
    ingest(store, tmp_path, rows(0, 28), hour=9)
    monkeypatch.setenv("THEMEWATCH_CORPORA", str(store))
    corpora.cache().items.clear()
    return store, lambda **q: app(corpus="wire", **q)


def caption(at) -> str:
    return " ".join(str(c.value) for c in at.sidebar.caption)


def test_a_store_opens_and_refresh_adds_only_what_was_ingested(streamed, tmp_path) -> None:
    store, make = streamed
    at = make().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Corpus **wire** · 28 documents" in caption(at)
    assert "No new documents since" in caption(at)
    refresh = at.sidebar.button(key="stream_refresh")
    assert refresh.disabled
    assert at.sidebar.date_input(key="dates").value[1] == pd.Timestamp("1987-03-20").date()
    ingest(store, tmp_path, rows(28, 5, day0=17), hour=10)  # 1987-03-25 to 03-29
    at.run()
    assert "**5 new documents** since" in caption(at)
    entry = corpora.cache().get(corpora.server_key(store))
    before = entry.corpus
    at.sidebar.button(key="stream_refresh").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "· 33 documents" in caption(at) and "5 documents added by refreshing" in caption(at)
    grown = corpora.cache().get(corpora.server_key(store)).corpus
    assert len(grown) == 33 and grown.documents["doc_id"].iloc[:28].equals(
        before.documents["doc_id"])
    assert at.metric[0].value == "33"
    # a date range that ended at the last date follows the stream to its new last date
    assert at.sidebar.date_input(key="dates").value[1] == pd.Timestamp("1987-03-29").date()


def test_facet_filters_sorted_by_frequency_and_the_filtered_count(streamed) -> None:
    _, make = streamed
    at = make().run()
    topics = at.sidebar.multiselect(key="facet_topics")
    assert list(topics.options) == ["grain", "earn", "oil"]  # 14, 7, 7 documents
    assert list(at.sidebar.multiselect(key="facet_places").options) == ["japan", "uk", "usa"]
    topics.set_value(["oil"]).run()
    assert not at.exception
    assert "7 of 28 documents" in caption(at)
    assert at.metric[0].value == "7"
    linked = make(facet_topics="oil").run()  # the URL holds facet filters too
    assert "7 of 28 documents" in caption(linked)


def test_trusted_dates_by_default_and_guessed_ones_on_request(streamed) -> None:
    _, make = streamed
    at = make().switch_page("views/trends.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Trends"
    assert any("4 undated documents of 28 are left out" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 3
    guess = at.sidebar.toggle(key="guess")
    assert guess.value is False
    at.sidebar.date_input(key="dates").set_value((pd.Timestamp("1987-03-05").date(),
                                                   pd.Timestamp("1987-03-20").date())).run()
    assert "This range leaves out 4 undated documents." in caption(at)
    assert "of 28 documents" in caption(at)
    at.sidebar.button(key="clear_filters").click().run()
    at.sidebar.toggle(key="guess").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any("undated documents of 28" in c.value for c in at.caption)


def test_break_down_by_a_facet(streamed) -> None:
    _, make = streamed
    at = make().switch_page("views/trends.py").run()
    at.selectbox(key="trend_by").set_value("topics").run()
    assert not at.exception, [e.value for e in at.exception]
    volume = [c for c in at.get("plotly_chart")][1].proto.spec
    assert "Documents per day by topics" in volume and '"grain"' in volume


TREND_KEYS = ("trend_period", "trend_by", "trend_measure")


def trends(at):
    return at.switch_page("views/trends.py").run()


def trend_choices(at) -> tuple[object, object, object]:
    return (at.selectbox(key="trend_period").value, at.selectbox(key="trend_by").value,
            at.radio(key="trend_measure").value)


def test_a_trends_link_opens_its_period_break_down_and_measure(streamed) -> None:
    """The link holds the choices as the lists show them."""
    _, make = streamed
    at = trends(make(trend_period="week", trend_by="topics",
                     trend_measure="number of documents"))
    assert not at.exception, [e.value for e in at.exception]
    assert trend_choices(at) == ("W", "topics", "volume")
    attention, volume, _ = (c.proto.spec for c in at.get("plotly_chart"))
    assert "Attention: documents about each theme" in attention
    assert "Documents per week by topics" in volume
    assert at.query_params == {"corpus": "wire", "trend_period": "week",
                               "trend_by": "topics", "trend_measure": "number of documents"}


def test_a_changed_trends_choice_is_what_its_link_holds(streamed) -> None:
    """The browser writes a bound widget's value into the URL (AppTest has no browser, so
    its ``query_params`` do not follow a click): each choice is bound to its parameter,
    sends the value a link takes, and that link opens the same choices."""
    _, make = streamed
    at = trends(make())
    assert at.query_params == {"corpus": "wire"}  # the defaults stay out of the link
    assert trend_choices(at) == ("auto", "", "share")
    at.selectbox(key="trend_period").set_value("M")
    at.selectbox(key="trend_by").set_value("source")
    at.radio(key="trend_measure").set_value("volume").run()
    assert not at.exception, [e.value for e in at.exception]
    assert trend_choices(at) == ("M", "source", "volume")
    widgets = (at.selectbox(key="trend_period"), at.selectbox(key="trend_by"),
               at.radio(key="trend_measure"))
    assert tuple(w.proto.query_param_key for w in widgets) == TREND_KEYS
    link = {w.proto.query_param_key: w._widget_state.string_value for w in widgets}
    assert link == {"trend_period": "month", "trend_by": "source",
                    "trend_measure": "number of documents"}
    assert trend_choices(trends(make(**link))) == ("M", "source", "volume")


@pytest.mark.parametrize("bad", [
    {"trend_period": "fortnight", "trend_by": "no such facet", "trend_measure": "loudness"},
    {"trend_period": "auto", "trend_by": "", "trend_measure": "volume"},  # not as shown
    {"trend_period": "automatic (week)", "trend_by": "Topics"}])  # this span's is a day
def test_a_bad_trends_link_falls_back_to_the_defaults(streamed, bad) -> None:
    """A value the lists do not show is dropped from the link, never an error."""
    _, make = streamed
    at = trends(make(**bad))
    assert not at.exception, [e.value for e in at.exception]
    assert trend_choices(at) == ("auto", "", "share")
    assert len(at.get("plotly_chart")) == 3
    assert at.query_params == {"corpus": "wire"}


def test_stores_open_by_path_only_inside_the_configured_folders(monkeypatch, tmp_path) -> None:
    inside, outside = tmp_path / "streams", tmp_path / "elsewhere"
    inside.mkdir(), outside.mkdir()
    for folder in (inside, outside):
        (folder / "a.duckdb").write_bytes(b"")
    monkeypatch.delenv(corpora.STREAM_DIRS_ENV, raising=False)
    with pytest.raises(ValueError, match="off"):
        corpora.allowed_store(str(inside / "a.duckdb"))
    monkeypatch.setenv(corpora.STREAM_DIRS_ENV, str(inside))
    assert corpora.allowed_store(str(inside / "a.duckdb")) == (inside / "a.duckdb").resolve()
    assert corpora.allowed_store("a.duckdb") == (inside / "a.duckdb").resolve()
    for bad in (outside / "a.duckdb", inside / ".." / "elsewhere" / "a.duckdb", "/etc/passwd"):
        with pytest.raises(ValueError, match="only stores inside"):
            corpora.allowed_store(str(bad))
    (inside / "link.duckdb").symlink_to(outside / "a.duckdb")
    with pytest.raises(ValueError, match="only stores inside"):
        corpora.allowed_store(str(inside / "link.duckdb"))
    with pytest.raises(ValueError, match="no store"):
        corpora.allowed_store(str(inside / "missing.duckdb"))


def test_the_data_page_opens_a_store_by_path(app, monkeypatch, tmp_path) -> None:
    folder = tmp_path / "streams"
    folder.mkdir()
    ingest(folder / "late.duckdb", tmp_path, rows(0, 10), hour=9)
    monkeypatch.setenv(corpora.STREAM_DIRS_ENV, str(folder))
    at = app().run().switch_page("views/data.py").run()
    at.text_input(key="store_path").set_value(str(tmp_path / "x.duckdb"))
    at.button(key="open_store").click().run()
    assert any("only stores inside" in e.value for e in at.error)
    at.text_input(key="store_path").set_value("late.duckdb")
    at.button(key="open_store").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Corpus **late** · 10 documents" in caption(at)


def test_another_sessions_refresh_never_turns_its_date_range_into_a_filter(streamed,
                                                                          tmp_path) -> None:
    store, make = streamed
    watcher, refresher = make().run(), make().run()
    ingest(store, tmp_path, rows(28, 5, day0=17), hour=10)  # 1987-03-25 to 03-29
    refresher.run()
    refresher.sidebar.button(key="stream_refresh").click().run()
    watcher.run()  # its entry is now the refreshed one, its range followed the stream
    assert not watcher.exception, [e.value for e in watcher.exception]
    assert "Corpus **wire** · 33 documents" in caption(watcher)
    assert watcher.sidebar.date_input(key="dates").value[1] == pd.Timestamp(
        "1987-03-29").date()


def test_auto_refresh_appends_new_documents_on_its_own(streamed, tmp_path) -> None:
    store, make = streamed
    at = make().run()
    at.sidebar.toggle(key="stream_auto").set_value(True).run()
    assert "Corpus **wire** · 28 documents" in caption(at)
    ingest(store, tmp_path, rows(28, 5, day0=17), hour=10)
    at.run()  # what the fragment's timer does every AUTO_REFRESH_S seconds
    assert not at.exception, [e.value for e in at.exception]
    assert "Corpus **wire** · 33 documents" in caption(at)
    assert "No new documents since" in caption(at)


def test_a_damaged_store_is_said_and_started_again(app, monkeypatch, tmp_path) -> None:
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setenv("THEMEWATCH_CORPORA", str(broken))
    at = app(corpus="broken").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Corpus **broken** · 0 documents" in caption(at)
    at.switch_page("views/data.py").run()
    # a file that is not a DuckDB database is moved aside, said, and a new store started
    assert any("broken.duckdb could not be read" in w.value and "moved to" in w.value
               for w in at.warning)
    assert list(tmp_path.glob("broken.duckdb.damaged-*"))


def test_new_documents_are_counted_again_only_when_the_store_was_written(
        streamed, tmp_path, monkeypatch) -> None:
    store, make = streamed
    make().run()
    entry = corpora.cache().get(corpora.server_key(store))
    assert corpora.pending(entry) == 0
    opened = []
    real = stream.newer
    monkeypatch.setattr(stream, "newer", lambda *a, **k: opened.append(1) or real(*a, **k))
    assert corpora.pending(entry) == 0 and not opened  # nothing written: not opened again
    ingest(store, tmp_path, rows(28, 3, day0=17), hour=10)
    assert corpora.pending(entry) == 3 and len(opened) == 1
    assert corpora.pending(entry) == 3 and len(opened) == 1


def test_the_sidebar_says_how_many_near_duplicates_were_left_out(streamed, tmp_path) -> None:
    store, make = streamed
    copy = rows(0, 1)[0] | {"id": "copy-of-s0", "title": "Story 0 (updated)"}
    copy["text"] += " Updated at noon."
    ingest(store, tmp_path, [copy], hour=10)
    corpora.cache().items.clear()
    at = make().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "· 28 documents" in caption(at)
    assert "1 near-duplicate of earlier documents left out" in caption(at)


def test_alerts_of_a_store_are_the_ones_the_cli_raised(streamed, tmp_path) -> None:
    """The Alerts page of a store reads and writes the rules and the raised alerts of that
    store, so ``themewatch alerts --store`` and the dashboard agree on what is new."""
    from metrics import cli

    store, make = streamed
    rules = store.with_suffix(".rules.toml")
    rules.write_text('[[rule]]\nname = "grain"\nmention = "grain"\n', encoding="utf-8")
    assert cli.main(["alerts", "--store", str(store), "--rules", str(rules)]) == 3  # new
    at = make().run()
    at.switch_page("views/alerts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_area(key="rules_text").value == rules.read_text(encoding="utf-8")
    table = next(df.value for df in at.dataframe if "status" in df.value.columns)
    assert len(table) and set(table["status"]) == {"raised"}  # none new: the CLI raised them
    assert not [b for b in at.button if b.key == "raise_alerts"]
    assert not (corpora.store_path().with_suffix(".rules.toml")).exists()
