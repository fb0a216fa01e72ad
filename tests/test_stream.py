"""A store as a stream: ingest counts, duplicates and near-duplicates, the corpus of a
store, export, and `themewatch watch` surviving a bad feed and stopping on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from test_feeds import RSS, feed_server  # noqa: F401 - the loopback feed server fixture

import metrics
from metrics import cli, pipeline, store, stream

STORY = ("The central bank raised its benchmark interest rate by half a point to 4.5 percent "
         "on {day}, citing inflation that reached 6.2 percent in the year to March. Analysts "
         "had expected a smaller move, and the currency rose 1.2 percent against the dollar "
         "after the decision was announced by the governor in the capital.")


def _csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _rows(start: int, count: int, day: str = "1987-03-06") -> list[dict]:
    return [{"id": f"r{i}", "date": day, "places": "usa;japan" if i % 2 else "uk",
             "text": f"Story {i}: exports of item {i} rose {i} percent to {100 + i} tonnes "
                     f"in the week to {day}, the ministry of trade number {i} said."}
            for i in range(start, start + count)]


def test_ingest_adds_only_new_documents_and_counts_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = stream.ingest([_csv(tmp_path / "a.csv", _rows(0, 5))], db,
                          now=datetime(2026, 1, 1, 9))
    assert (first.new, first.duplicate, first.failed) == (5, 0, [])
    assert (first.stats.analysed, first.stats.reused) == (5, 0)
    again = stream.ingest([tmp_path / "a.csv", _csv(tmp_path / "b.csv", _rows(3, 4))], db,
                          now=datetime(2026, 1, 1, 10))
    assert (again.new, again.duplicate) == (2, 5 + 2)  # r3, r4 again; r5, r6 are new
    assert str(again) == "new=2 duplicate=7 errors=0"
    assert sorted(again.new_ids) == ["r5", "r6"]

    corpus = stream.corpus(db)
    assert list(corpus.documents["doc_id"]) == ["r0", "r1", "r2", "r3", "r4", "r5", "r6"]
    at = corpus.documents.set_index("doc_id")["ingested_at"]
    assert at["r0"] == pd.Timestamp("2026-01-01 09:00") and at["r6"] == pd.Timestamp(
        "2026-01-01 10:00")
    # the store's corpus is what metrics.analyze makes of the same documents
    plain = metrics.analyze(pd.concat([pd.DataFrame(_rows(0, 5)), pd.DataFrame(_rows(5, 2))]))
    for name in ("sentences", "figures", "themes", "phrases", "facets"):
        pd.testing.assert_frame_equal(getattr(corpus, name), getattr(plain, name))
    assert set(corpus.facets["value"]) == {"usa", "japan", "uk"}
    assert stream.corpus(db).stats.analysed == 0  # re-opened from its snapshot


def test_same_url_or_same_content_is_one_document(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    rows = [{"id": "a", "url": "http://x.test/1", "text": STORY.format(day="Monday")},
            {"id": "b", "url": "http://x.test/1", "text": "An update of the same story."}]
    report = stream.ingest([_csv(tmp_path / "a.csv", rows)], db)
    assert (report.new, report.duplicate) == (1, 1)


def test_near_duplicates_are_linked_and_left_out_of_counts(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    rows = [{"id": "first", "title": "Rates up", "text": STORY.format(day="Monday")},
            {"id": "copy", "title": "RATES UP (repeat)", "text": STORY.format(day="Monday")},
            {"id": "edit", "text": STORY.format(day="Tuesday")},
            {"id": "other", "text": "Farmers in the north expect a record wheat harvest of "
                                    "12 million tonnes after a wet spring, officials said."}]
    report = stream.ingest([_csv(tmp_path / "a.csv", rows)], db)
    assert (report.new, report.near) == (4, 2)
    linked = stream.corpus(db, with_duplicates=True).documents.set_index("doc_id")
    assert linked["duplicate_of"].to_dict() == {"first": "", "copy": "first",
                                                "edit": "first", "other": ""}
    assert list(stream.corpus(db).documents["doc_id"]) == ["first", "other"]


def test_simhash_is_stable_and_close_for_close_texts() -> None:
    a, b = stream.simhash(STORY.format(day="Monday")), stream.simhash(STORY.format(day="Friday"))
    assert a == stream.simhash(STORY.format(day="Monday")) and 0 <= a < 2**64
    assert (a ^ b).bit_count() <= stream.NEAR_BITS
    assert (a ^ stream.simhash("A completely different story about football and goals "
                               "scored in the cup final on Saturday evening.")).bit_count() > 10


def test_an_id_reused_for_another_text_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    stream.ingest([_csv(tmp_path / "a.csv", _rows(0, 1))], db)
    changed = [{**_rows(0, 1)[0], "text": "A different text under the same id."}]
    report = stream.ingest([_csv(tmp_path / "b.csv", changed)], db)
    assert report.new == 0
    (error,) = report.failed
    assert "'r0' is already in the store" in error.reason and error.path == "b.csv"


def test_ingest_cli_line_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "s.duckdb")
    good = _csv(tmp_path / "a.csv", _rows(0, 3))
    assert cli.main(["ingest", str(good), str(tmp_path / "missing.csv"), "--store", db,
                     "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("new=3 duplicate=0 errors=1")
    assert "missing.csv: no such file or folder" in out
    assert cli.main(["ingest", str(tmp_path / "missing.csv"), "--store", db, "--quiet"]) == 1
    assert cli.main(["ingest", str(good), "--store", db, "--quiet"]) == 0  # all duplicates
    assert "new=0 duplicate=3 errors=0" in capsys.readouterr().out


def test_date_column_and_guessed_dates(tmp_path: Path) -> None:
    rows = [{"id": "a", "published": "1987-10-19", "text": "Stocks crashed on 19 October 1987."},
            {"id": "b", "published": "", "text": "Signed on 3 March 2020 in Geneva."}]
    path = _csv(tmp_path / "a.csv", rows)
    db = tmp_path / "s.duckdb"
    stream.ingest([path], db, date_column="published")
    docs = stream.corpus(db).documents.set_index("doc_id")
    assert str(docs.loc["a", "date"].date()) == "1987-10-19"
    assert pd.isna(docs.loc["b", "date"])  # the date in its text stays a guess
    assert str(docs.loc["b", "date_guess"].date()) == "2020-03-03"
    guessed = metrics.analyze(path, date_column="published", guess_dates=True).documents
    assert guessed.set_index("doc_id").loc["b", "date_source"] == "text"


def test_export_writes_every_table_with_the_new_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    stream.ingest([_csv(tmp_path / "a.csv", _rows(0, 4))], db)
    out = tmp_path / "out"
    assert cli.main(["export", "--store", db, "--out", str(out)]) == 0
    assert sorted(p.stem for p in out.iterdir()) == sorted(pipeline.TABLES)
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs.columns) == pipeline.COLUMNS["documents"]
    assert docs["ingested_at"].notna().all()
    facets = pd.read_csv(out / "facets.csv")
    assert len(facets[facets["doc_id"] == "r1"]) == 2  # usa;japan
    assert cli.main(["export", "--store", str(tmp_path / "none.duckdb"), "--out",
                     str(out)]) == 1


def test_what_an_ingest_could_not_read_is_exported(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    good = _csv(tmp_path / "a.csv", _rows(0, 2))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "Exports rose 5%."}\n{not json\n', encoding="utf-8")
    for _ in range(2):  # the same problem in two rounds is one row
        stream.ingest([good, broken, tmp_path / "gone.csv"], db)
    out = tmp_path / "out"
    assert cli.main(["export", "--store", db, "--out", str(out)]) == 0
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors.columns) == pipeline.COLUMNS["errors"]
    rows = {(Path(p).name, None if pd.isna(r) else int(r), s)
            for p, r, s in zip(errors["path"], errors["row"], errors["severity"], strict=True)}
    assert rows == {("broken.jsonl", 2, "error"), ("gone.csv", None, "error")}
    assert len(errors) == 2 and errors["reason"].str.contains("malformed JSON").any()
    assert len(stream.corpus(db).documents) == 3  # the good rows, analysed as before


def test_the_store_is_a_store_of_analyses_too(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    stream.ingest([_csv(tmp_path / "a.csv", _rows(0, 3))], db)
    with store.Store(db) as st:
        assert st.count() == 3 and len(st.ingested(["doc_id"])) == 3


def test_interval_parsing() -> None:
    assert [cli.parse_interval(t) for t in ("90s", "15m", "1h", "2")] == [90, 900, 3600, 2]
    with pytest.raises(ValueError, match="15min"):
        cli.parse_interval("15min")


def test_watch_survives_a_bad_feed_and_stops_cleanly_on_sigterm(
        tmp_path: Path, feed_server: str) -> None:  # noqa: F811 - the fixture
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "metrics", "watch", f"{feed_server}/good.rss",
           f"{feed_server}/garbage.rss", f"{feed_server}/missing.rss", "--store", str(db),
           "--every", "0.3s", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum("round" in ln for ln in lines) < 3:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            break
        lines.append(line)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    lines += out.splitlines()
    assert proc.returncode == 0, err
    rounds = [ln for ln in lines if " round " in ln]
    assert len(rounds) >= 3
    assert "new=2 duplicate=0 errors=2" in rounds[0]  # the good feed, two bad ones named
    assert "new=0 duplicate=2 errors=2" in rounds[1]
    assert any("garbage.rss: not a feed" in ln for ln in lines)
    assert any("missing.rss: feed cannot be read" in ln for ln in lines)
    assert "watch stopped after" in lines[-1]
    corpus = stream.corpus(db)  # the store opens whole after the signal
    assert sorted(corpus.documents["date_source"]) == ["", "feed"]
    assert RSS.count(b"<item>") == len(corpus.documents)


def test_since_reads_only_later_documents_and_extend_appends_them(tmp_path: Path) -> None:
    db, gone = tmp_path / "s.duckdb", tmp_path / "gone.csv"
    stream.ingest([_csv(tmp_path / "a.csv", _rows(0, 4)), gone], db,
                  now=datetime(2026, 1, 1, 9))
    opened = stream.corpus(db)
    mark = stream.latest(opened)
    assert mark == datetime(2026, 1, 1, 9)
    assert stream.newer(db, mark) == 0
    stream.ingest([_csv(tmp_path / "b.csv", _rows(4, 3, day="1987-03-07")), gone,
                   tmp_path / "lost.csv"], db, now=datetime(2026, 1, 1, 10))
    assert stream.newer(db, mark) == 3 and stream.newer(db, None) == 7
    later = stream.since(db, mark)
    assert list(later.documents["doc_id"]) == ["r4", "r5", "r6"]
    assert (later.stats.analysed, later.stats.reused) == (0, 3)  # nothing analysed again
    grown = stream.extend(opened, later)
    full = stream.corpus(db)
    assert list(grown.documents["doc_id"]) == list(full.documents["doc_id"])
    for name in ("sentences", "figures", "themes", "facets"):
        cols = [c for c in getattr(full, name).columns if c != "salience"]
        pd.testing.assert_frame_equal(getattr(grown, name)[cols], getattr(full, name)[cols])
    assert set(grown.texts) == set(full.texts)
    assert len(stream.extend(grown, later)) == 7  # documents it already holds are not added
    assert stream.latest(grown) == datetime(2026, 1, 1, 10)
    # what the later ingest could not read comes along; a problem met again is listed once
    assert sorted(map(_name, later.errors["path"])) == ["gone.csv", "lost.csv"]
    assert sorted(map(_name, grown.errors["path"])) == ["gone.csv", "lost.csv"]
    assert sorted(map(_name, full.errors["path"])) == ["gone.csv", "lost.csv"]
    assert len(stream.extend(grown, later).errors) == 2


def _name(path: str) -> str:
    return Path(path).name


def test_the_latest_changes_are_kept_with_the_snapshot(tmp_path: Path, wire_csv: Path) -> None:
    """The first reader after an ingest computes the latest period's changes once; a new
    process reads them with the snapshot, equal to computing them again."""
    import dataclasses

    from metrics import changes

    path = tmp_path / "s.duckdb"
    stream.ingest([wire_csv], path)
    first = stream.corpus(path)
    assert list(first.derived) == ["changes-day-2024-03-09"]
    again = stream.corpus(path)  # from the snapshot
    assert again.stats.reused == len(again.documents) and again.stats.analysed == 0
    kept = again.derived["changes-day-2024-03-09"]
    fresh = changes.changes(dataclasses.replace(again, derived={}), "day")  # computed anew
    assert len(fresh) > 0
    pd.testing.assert_frame_equal(kept, fresh, check_dtype=False)
    # a stream that grows is not served stale changes: extend drops them
    assert stream.extend(again, stream.since(path, None)).derived == {}
