"""RSS and Atom feeds as documents: one ``Document`` per entry, dated by the feed.

``read(source)`` takes a feed URL (http or https, fetched with a time-out) or a feed file
and returns ``documents.Loaded``: an entry's title, link (``url``), published or updated
time (``date``, ``date_source`` "feed"), its text (the content, else the summary, HTML
reduced to its visible text), the feed's title as ``source``, and its categories and
author as facets. A feed that cannot be fetched or parsed becomes one error naming it;
it never raises. Parsing is feedparser's, which reads every RSS and Atom dialect.
"""

from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

from metrics.documents import FACET_SEPARATOR, Loaded, LoadError, from_text, html_to_text

FEED_SUFFIXES = (".rss", ".atom", ".xml")
TIMEOUT_S = 20.0
MAX_FEED_BYTES = 20 * 1024 * 1024
USER_AGENT = "themewatch (+https://github.com/themewatch)"


def is_feed(source: object) -> bool:
    """True for what ``read`` takes: an http(s) URL, or a file named .rss, .atom or .xml."""
    text = str(source)
    return text.startswith(("http://", "https://")) or Path(text).suffix.lower() in \
        FEED_SUFFIXES


def read(source: str | Path, timeout: float = TIMEOUT_S) -> Loaded:
    """The entries of the feed at ``source`` (a URL or a file) as documents."""
    name = str(source)
    try:
        data = _fetch(name, timeout)
    except (OSError, urllib.error.URLError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Loaded(errors=[LoadError(name, None, f"feed cannot be read: {reason}")])
    return parse(name, data)


def parse(name: str, data: bytes) -> Loaded:
    """The entries of feed bytes ``data``; ``name`` (URL or path) appears in errors."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        why = f"not a feed ({problem})" if problem else "a feed with no entries"
        return Loaded(errors=[LoadError(name, None, why, "error" if problem else "warning")])
    source = _clean(feed.feed.get("title")) or name
    out = Loaded()
    if feed.get("bozo") and feed.get("bozo_exception") is not None:
        # feedparser read what it could of a malformed feed: its entries may be cut short
        out.errors.append(LoadError(
            name, None, f"malformed feed ({feed['bozo_exception']}): {len(feed.entries)} "
            "entries read as far as the feed could be parsed; check them", "warning"))
    for i, entry in enumerate(feed.entries, start=1):
        loaded = _entry(entry, source, name)
        out.documents.extend(loaded.documents)
        out.errors.extend(LoadError(e.path, i, e.reason, e.severity) for e in loaded.errors)
    if not out.documents and out.errors and out.errors[0].row is None:
        # a malformed feed that gave nothing: why it is malformed is the one error to read
        out.errors = [replace(out.errors[0], reason=f"not a feed ({feed['bozo_exception']})",
                              severity="error")]
    return out


def _fetch(name: str, timeout: float) -> bytes:
    if name.startswith(("http://", "https://")):
        request = urllib.request.Request(name, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_FEED_BYTES + 1)
    else:
        data = Path(name).read_bytes()
    if len(data) > MAX_FEED_BYTES:
        raise ValueError(f"larger than {MAX_FEED_BYTES // 1024 // 1024} MB")
    return data


def _entry(entry: dict, source: str, feed: str) -> Loaded:
    content = entry.get("content") or []
    markup = content[0].get("value", "") if content else entry.get("summary", "")
    _, body = html_to_text(markup or "")
    title = _clean(entry.get("title"))
    if not body.strip():
        body = title
    url = _clean(entry.get("link"))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    date = time.strftime("%Y-%m-%d", stamp) if stamp else None
    key = _clean(entry.get("id")) or url or body
    doc_id = hashlib.sha1(f"{feed}\x1f{key}".encode()).hexdigest()[:12]
    facets = []
    tags = [_clean(t.get("term")) for t in entry.get("tags") or []]
    if any(tags):
        facets.append(("category", FACET_SEPARATOR.join(t for t in tags if t)))
    if _clean(entry.get("author")):
        facets.append(("author", _clean(entry.get("author"))))
    loaded = from_text(body, source, path=feed, title=title or None, doc_id=doc_id,
                       date_value=date, url=url, facets=tuple(facets))
    if date:
        loaded.documents[:] = [replace(d, date_source="feed") for d in loaded.documents]
    return loaded


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""
