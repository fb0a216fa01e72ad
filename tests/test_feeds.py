"""Feeds: RSS and Atom entries become dated documents; a feed that is down, slow or
garbage becomes one error naming it (served from a loopback HTTP server)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from metrics import feeds

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire &amp; Co</title>
<item><title>Quake hits Ecuador</title><link>http://example.test/quake</link>
<pubDate>Fri, 06 Mar 1987 10:00:00 GMT</pubDate><category>disaster</category>
<category>ecuador</category><author>desk@example.test</author>
<description>&lt;p&gt;A strong &lt;b&gt;earthquake&lt;/b&gt; hit Ecuador, killing 300
people.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Stocks slide</title><link>http://example.test/stocks</link>
<description>Stocks fell 22 pct on Monday.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><title>Rates cut</title><id>urn:1</id><updated>2024-05-02T08:00:00Z</updated>
<link href="http://example.test/rates"/><content type="html">The bank cut rates by
0.25 percentage points.</content></entry></feed>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow.rss":
            time.sleep(3)
        body, status = {"/good.rss": (RSS, 200), "/atom.xml": (ATOM, 200),
                        "/slow.rss": (RSS, 200),
                        "/garbage.rss": (b"<html><body>oops \x00\x01", 200)
                        }.get(self.path, (b"not found", 404))
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def feed_server() -> Iterator[str]:
    """A feed server on 127.0.0.1: good, Atom, slow, garbage and missing feeds."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_rss_entries_become_dated_documents(feed_server: str) -> None:
    loaded = feeds.read(f"{feed_server}/good.rss")
    assert loaded.errors == []
    quake, stocks = loaded.documents
    assert (quake.title, quake.date, quake.date_source) == ("Quake hits Ecuador", "1987-03-06",
                                                            "feed")
    assert quake.url == "http://example.test/quake" and quake.source == "Wire & Co"
    assert quake.text == "A strong earthquake hit Ecuador, killing 300 people."  # no markup
    assert dict(quake.facets) == {"category": "disaster;ecuador",
                                  "author": "desk@example.test"}
    assert (stocks.date, stocks.date_source) == (None, "")  # no date given: none invented
    assert quake.doc_id != stocks.doc_id
    assert feeds.read(f"{feed_server}/good.rss").documents[0].doc_id == quake.doc_id


def test_atom_entries(feed_server: str) -> None:
    (doc,) = feeds.read(f"{feed_server}/atom.xml").documents
    assert (doc.title, doc.date, doc.url) == ("Rates cut", "2024-05-02",
                                              "http://example.test/rates")
    assert "0.25 percentage points" in doc.text


@pytest.mark.parametrize(("path", "reason"), [
    ("/garbage.rss", "not a feed"), ("/missing.rss", "feed cannot be read: Not Found"),
    ("/slow.rss", "feed cannot be read: timed out")])
def test_a_bad_feed_is_one_error_naming_it(feed_server: str, path: str, reason: str) -> None:
    started = time.perf_counter()
    loaded = feeds.read(f"{feed_server}{path}", timeout=0.5)
    assert time.perf_counter() - started < 2.5
    assert loaded.documents == []
    (error,) = loaded.errors
    assert error.path == f"{feed_server}{path}" and reason in error.reason


def test_a_feed_file_and_what_counts_as_a_feed(tmp_path) -> None:
    path = tmp_path / "saved.rss"
    path.write_bytes(RSS)
    assert len(feeds.read(path).documents) == 2
    assert feeds.is_feed("https://x.test/news") and feeds.is_feed(path)
    assert not feeds.is_feed(tmp_path / "news.csv")


def test_a_malformed_feed_keeps_what_could_be_read_and_says_so(tmp_path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(RSS.replace(b"</item>\n<item><title>Stocks slide", b"\n<item><title>"
                                 b"Stocks slide", 1).replace(b"</channel></rss>", b""))
    loaded = feeds.read(path)
    assert loaded.documents  # what the parser could read is kept
    (warning,) = loaded.errors
    assert warning.path == str(path) and warning.severity == "warning"
    assert "malformed feed" in warning.reason and "check them" in warning.reason
    whole = tmp_path / "whole.rss"
    whole.write_bytes(RSS)
    assert not feeds.read(whole).errors  # a well-formed feed: no warning


def test_feeds_in_a_folder_are_ingested_as_feeds(tmp_path) -> None:
    from metrics import stream

    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "wire.rss").write_bytes(RSS)
    (folder / "sub" / "garbage.rss").write_bytes(b"<rss><channel><item>\x00 oops <title>")
    (folder / "notes.txt").write_text("Exports rose 5 percent in March.", encoding="utf-8")
    loaded = stream.read([folder])
    assert len(loaded.documents) == 3  # the feed's two entries and the text file
    assert sorted(d.date_source for d in loaded.documents) == ["", "", "feed"]  # one undated
    (error,) = loaded.errors  # the garbage feed: why it is no feed, as an error
    assert error.path.endswith("garbage.rss") and error.severity == "error"
    assert error.reason.startswith("not a feed")
    report = stream.ingest(loaded, tmp_path / "s.duckdb")
    assert (report.new, len(report.failed)) == (3, 1)
