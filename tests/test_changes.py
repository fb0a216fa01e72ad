"""Change detection: a burst is found with its counts and evidence, small numbers are not
overrated, only trusted dates count, and `themewatch changes` writes the contract columns."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import metrics
from metrics import changes, cli, stream

CONTRACT = ["kind", "key", "label", "period", "count", "baseline_count", "share",
            "baseline_share", "score", "direction", "evidence"]
ROUTINE = ["The ministry said wheat exports rose {n} percent to {m} tonnes in the week.",
           "The central bank left its interest rate at {n} percent, the governor said.",
           "Shares of the airline rose {n} percent after it reported {m} passengers.",
           "The port handled {m} containers, up {n} percent on the year, officials said."]
QUAKE = ("A strong earthquake struck the coast on Thursday, killing {n} people and damaging "
         "the main oil pipeline, officials said.")


def _stream(days: int = 9, per_day: int = 20, burst: int = 6) -> pd.DataFrame:
    """``days`` of routine stories; the last day also has ``burst`` earthquake stories."""
    rows, start = [], date(2024, 3, 1)
    for d in range(days):
        day = (start + timedelta(days=d)).isoformat()
        for i in range(per_day):
            text = ROUTINE[i % len(ROUTINE)].format(n=i % 7 + d + 1, m=1000 + 37 * i + d)
            rows.append({"id": f"d{d}-{i}", "date": day, "places": "usa" if i % 2 else "uk",
                         "text": text})
        if d == days - 1:
            rows += [{"id": f"q{i}", "date": day, "places": "chile",
                      "text": QUAKE.format(n=10 + i)} for i in range(burst)]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def corpus() -> metrics.Corpus:
    return metrics.analyze(_stream())


def test_a_burst_rises_with_its_counts_and_evidence(corpus) -> None:
    table = changes.changes(corpus, "day")
    assert list(table.columns[:len(CONTRACT)]) == CONTRACT
    up = table[table["direction"] == "up"]
    assert "strong earthquake" in set(up.loc[up["kind"] == "phrase", "key"])
    quake = up[(up["kind"] == "term") & (up["key"] == "earthquake")].iloc[0]
    assert (quake["period"], quake["count"], quake["baseline_count"]) == ("2024-03-09", 6, 0)
    assert (quake["n"], quake["baseline_n"]) == (26, 7 * 20)
    assert set(quake["evidence"].split(";")) == {f"q{i}" for i in range(6)}
    place = up[up["key"] == "places=chile"].iloc[0]
    assert place["kind"] == "facet" and place["count"] == 6
    assert "2024-03-02" in quake["baseline_periods"] and "2024-03-01" not in quake[
        "baseline_periods"]  # the 7 periods before, by default
    # rises come first, each direction by score, highest first
    directions = table["direction"].tolist()
    assert directions == sorted(directions, key=lambda d: d != "up")
    assert up["score"].is_monotonic_decreasing


def test_small_numbers_are_not_overrated() -> None:
    # 3 of 20 against 0 of 140 scores far above 1 of 20 against 0 of 140 (which the
    # minimum support of 3 documents leaves out whatever its score)
    big, small = changes.g2(np.array([3.0, 1.0]), 20, np.array([0.0, 0.0]), 140)
    assert big > 2.5 * small and big > changes.MIN_SCORE
    assert changes.g2(np.array([10.0]), 100, np.array([10.0]), 100)[0] == pytest.approx(0)
    burst = metrics.analyze(_stream(burst=2))
    table = changes.changes(burst, "day")
    assert not table["key"].str.contains("earthquake").any()  # 2 documents: too few


def test_weeks_months_and_the_at_date(corpus) -> None:
    week = changes.changes(corpus, "week", baseline=1)
    assert set(week["period"]) <= {"2024-W10"}
    earlier = changes.changes(corpus, "day", at="2024-03-08")
    assert not earlier["key"].str.contains("earthquake").any()
    assert changes.period_labels(pd.Series(["2024-12-30", None]), "week").tolist()[0] == \
        "2025-W01"
    with pytest.raises(ValueError, match="period"):
        changes.changes(corpus, "hour")


def test_only_trusted_dates_count() -> None:
    undated = _stream().assign(date="")
    corpus = metrics.analyze(undated)
    assert changes.changes(corpus).empty  # no dated document, no periods, no changes
    assert changes.periods(corpus).empty


def test_changes_cli(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "s.duckdb"
    _stream().to_csv(tmp_path / "news.csv", index=False)
    stream.ingest([tmp_path / "news.csv"], db)
    assert cli.main(["changes", "--store", str(db), "--period", "day"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns[:len(CONTRACT)]) == CONTRACT
    assert "earthquake" in set(table["key"])
    out = tmp_path / "c.json"
    assert cli.main(["changes", "--store", str(db), "--at", "2024-03-09", "--format", "json",
                     "--out", str(out)]) == 0
    assert pd.read_json(out)["key"].eq("earthquake").any()
    assert cli.main(["changes", "--store", str(tmp_path / "none.duckdb")]) == 1
    capsys.readouterr()
    # nothing to report: the reason says which side of the comparison is empty
    first = stream.corpus(db).documents["date"].min().date().isoformat()
    for at, why in (("2030-01-01", "no document is dated in the day of 2030-01-01"),
                    (first, f"no document is dated before the day of {first}")):
        assert cli.main(["changes", "--store", str(db), "--at", at]) == 0
        assert why in capsys.readouterr().err


def test_a_corpus_without_measures_still_compares() -> None:
    frame = _stream().assign(text=lambda f: f["text"].str.replace(r"\d+", "", regex=True))
    table = changes.changes(metrics.analyze(frame), "day")
    assert not table.empty and "measure" not in set(table["kind"])


def test_period_labels_format_each_distinct_date_once_with_the_same_result() -> None:
    # the labels of many documents come from their distinct dates; each must read as if
    # formatted alone, the undated and unreadable ones missing, the index kept
    dates = pd.Series(["2024-12-30", None, "2024-03-08", "not a date", "2024-12-30",
                       "2025-01-02"], index=[5, 3, 9, 1, 0, 7], name="date")
    for period, want in (("day", ["2024-12-30", None, "2024-03-08", None, "2024-12-30",
                                  "2025-01-02"]),
                         ("week", ["2025-W01", None, "2024-W10", None, "2025-W01",
                                   "2025-W01"]),
                         ("month", ["2024-12", None, "2024-03", None, "2024-12", "2025-01"])):
        got = changes.period_labels(dates, period)
        assert list(got.index) == [5, 3, 9, 1, 0, 7]
        assert [None if pd.isna(x) else x for x in got] == want
        alone = [changes.period_labels(pd.Series([d]), period).iloc[0] for d in dates]
        assert [None if pd.isna(x) else x for x in alone] == want


def test_table_words_are_never_keys_of_a_change() -> None:
    # an earnings season raises "shr", "cts", "avg shrs" in every story: that is no news
    assert changes.table_phrase("avg shrs") and changes.table_phrase("Nine mths")
    assert not changes.table_phrase("net profit") and not changes.table_phrase("stock market")
    assert not changes.table_phrase("")
    said = changes._candidates("Shr 16 cts vs 14 cts\nNet 5.9 mln vs 4.2 mln\n"
                               "Avg shrs 12.5 mln\nThe stock market crash hit profits.")
    assert not any(changes.table_phrase(p) for p in said)
    assert any("stock market" in p for p in said)
