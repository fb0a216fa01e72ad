"""dashboard.corpora: uploads, download names and background analysis jobs."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from dashboard import corpora

GOOD = (b"Police made 1,200 arrests in March.\n\nThe police chief praised the officers for an "
        b"excellent operation against drug trafficking.")


def test_upload_entry_reports_duplicates_and_bad_files() -> None:
    entry = corpora.upload_entry([("a.txt", GOOD), ("b.txt", GOOD), ("c.bin", b"\0\1")])
    assert len(entry.corpus.documents) == 1
    reasons = dict(zip(entry.corpus.errors["path"], entry.corpus.errors["reason"],
                       strict=True))
    assert "duplicate" in reasons["b.txt"]
    assert "unsupported" in reasons["c.bin"]


def test_file_stem_carries_corpus_name_and_date(seed_corpus) -> None:
    entry = corpora.Entry("bbc news/2005", "k", seed_corpus, corpora.default_taxonomy())
    assert corpora.file_stem(entry, date(2026, 1, 2)) == "themewatch_bbc-news-2005_2026-01-02"


def test_an_analysis_outlives_the_run_that_started_it(seed_corpus) -> None:
    """A page switch reruns the script; the analysis job goes on and the next run
    finds it by key instead of starting over."""
    entry = corpora.Entry("slow", "job-slow", seed_corpus, corpora.default_taxonomy())
    gate, calls = threading.Event(), []

    def make(progress):
        calls.append(1)
        progress(1, 2)
        assert gate.wait(10)
        return entry

    job = corpora.jobs().start("job-slow", "Analysing slow", make)
    assert not job.finished.wait(0.3)  # the first run would stop waiting here (a rerun)
    assert (job.done, job.total) == (1, 2)
    assert corpora.jobs().start("job-slow", "Analysing slow", make) is job  # the next run
    gate.set()
    assert corpora.wait_for("job-slow", job) is entry
    assert calls == [1]
    assert corpora.jobs().get("job-slow") is None  # a finished job leaves


def test_a_failed_analysis_is_shown_once_then_tried_again(seed_corpus) -> None:
    attempts = []

    def make(progress):
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("disk full")
        return corpora.Entry("retry", "job-retry", seed_corpus, corpora.default_taxonomy())

    job = corpora.jobs().start("job-retry", "Analysing retry", make)
    with pytest.raises(ValueError, match="disk full"):
        corpora.wait_for("job-retry", job)
    again = corpora.jobs().start("job-retry", "Analysing retry", make)
    assert again is not job
    assert corpora.wait_for("job-retry", again).name == "retry"
    assert len(attempts) == 2


def test_the_corpus_cache_keeps_the_most_recently_used(seed_corpus) -> None:
    cache = corpora.CorpusCache(2)
    a, b, c = (corpora.Entry(k, k, seed_corpus, corpora.default_taxonomy()) for k in "abc")
    cache.put(a)
    cache.put(b)
    assert cache.get("a") is a  # now the most recent
    cache.put(c)
    assert cache.get("b") is None and cache.get("a") is a and cache.get("c") is c
