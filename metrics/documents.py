"""Documents: read files, folders, uploads, DataFrames or plain strings into ``Document``s.

Bad input never stops a run: each problem becomes a ``LoadError(path, row, reason)`` and
every other document is still read. Metadata (title, date, source) is found here so the
analysis steps only ever see clean text.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from metrics import text as text_mod
from metrics.figures.dates import FULL_DATE_HINTS, FULL_DATES, MONTHS

SUPPORTED = (".txt", ".md", ".html", ".htm", ".csv", ".jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TITLE_MAX = 120
# Where a document's date came from: a date column or field ("metadata"), a leading
# "date YYYY-MM-DD" line ("tag"), a file name that starts with one ("filename":
# "2025-03-14-talks.txt"), a feed entry's published time ("feed"), or, only when the
# caller asks for guesses (``guess_dates``), the first full date in its text ("text": a
# date the text may only mention). Otherwise that guess stays in ``date_guess``.
DATE_SOURCES = ("metadata", "tag", "filename", "feed", "text")
FACET_SEPARATOR = ";"  # a facet cell "usa;japan" holds two values
EARLIEST_YEAR = 1900  # dates before this in a text are history, not the publication date

# A file name that starts with its document's date: "2025-03-14-laos-china.txt".
_NAME_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})(?!\d)")
# A dateline tag before the first sentence, e.g. " date 2025-03-14 ".
_DATE_TAG = re.compile(r"\A\s*date[:\s]\s*(\d{4})-(\d{2})-(\d{2})\b\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Document:
    """One document: its text and metadata. ``body_start`` skips a leading date tag."""

    doc_id: str
    title: str
    date: str | None  # ISO yyyy-mm-dd
    source: str
    text: str
    url: str = ""
    body_start: int = 0
    date_source: str = ""  # where ``date`` came from: DATE_SOURCES, "" when undated
    date_guess: str | None = None  # an undated document's first full date in its text
    facets: tuple[tuple[str, str], ...] = ()  # other columns of its row: (name, value)

    @property
    def content_hash(self) -> str:
        """Hash of the text and metadata: the key of the incremental store."""
        key = "\x1f".join((self.doc_id, self.title, self.date or "", self.source, self.url,
                           repr(self.facets)))
        return hashlib.sha1((key + "\x1e" + self.text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class LoadError:
    """A problem with one input file or row; ``severity`` is ``error`` or ``warning``."""

    path: str
    row: int | None
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}:{self.row}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Loaded:
    """What ``load`` returns: the documents read and the problems met."""

    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def extend(self, other: Loaded) -> None:
        self.documents.extend(other.documents)
        self.errors.extend(other.errors)


class _BadInput(ValueError):
    """Raised inside the readers; becomes a LoadError for the file."""


Source = str | Path | pd.DataFrame | Iterable[str | Path]


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read inputs: the size limit, the column that holds a row's date, and whether
    a date guessed from the text may stand in for a missing one."""

    max_bytes: int = DEFAULT_MAX_BYTES
    date_column: str = "date"
    guess_dates: bool = False
    feed: Callable[[Path], Loaded | None] | None = field(default=None, repr=False,
                                                         compare=False)
    """Reads a file of a folder as a feed, or returns None when it is none (``ingest``
    and ``watch`` read the .rss/.atom/.xml files of a folder this way)."""


PLAIN = Reading()  # the default: 20 MB, dates in a "date" column, no guessed dates


def load(source: Source, max_bytes: int = DEFAULT_MAX_BYTES, *,
         date_column: str | None = None, guess_dates: bool = False,
         feed: Callable[[Path], Loaded | None] | None = None) -> Loaded:
    """Read documents from a path, a folder (recursively), a list of paths, a DataFrame
    with a ``text`` column, or a list of texts. Duplicate documents are reported and
    dropped so every ``doc_id`` is unique.

    ``date_column`` names the column of a CSV, JSONL or DataFrame that holds each row's
    date (default ``date``); every other column but ``text``, ``id``, ``title``,
    ``source`` and ``url`` is kept as a facet. ``guess_dates`` lets an undated document
    take the first full date its text mentions (``date_source`` "text"). ``feed`` reads
    a file met in a folder as a feed when it is one (see ``Reading.feed``).
    """
    how = Reading(max_bytes, (date_column or "date").strip().lower(), guess_dates, feed)
    out = Loaded()
    if isinstance(source, pd.DataFrame):
        out.extend(_from_records(_frame_records(source, how), "dataframe", how))
    elif isinstance(source, str | Path):
        out.extend(_load_path(Path(source), how))
    else:
        for i, item in enumerate(source, start=1):
            if isinstance(item, Path):
                out.extend(_load_path(item, how))
            else:  # a string in a list is a text, never a path: "/" is not a disk to walk
                out.extend(_from_text(str(item), f"text {i}", how=how))
    return _dedupe(out)


def load_bytes(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, *,
               date_column: str | None = None, guess_dates: bool = False) -> Loaded:
    """Read one uploaded file given its name and bytes (as the dashboard receives it)."""
    return _read_bytes(name, data, Reading(max_bytes, (date_column or "date").strip().lower(),
                                           guess_dates))


def _read_bytes(name: str, data: bytes, how: Reading) -> Loaded:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        return Loaded(errors=[LoadError(name, None, f"unsupported file type '{suffix or name}'"
                                        f" (supported: {', '.join(SUPPORTED)})")])
    if len(data) > how.max_bytes:
        return Loaded(errors=[LoadError(name, None, _too_big(len(data), how.max_bytes))])
    try:
        decoded, warning = decode(data)
    except _BadInput as exc:
        return Loaded(errors=[LoadError(name, None, str(exc))])
    out = _parse(name, suffix, decoded, how)
    if warning:
        out.errors.insert(0, LoadError(name, None, warning, "warning"))
    return out


_FINGERPRINTS: dict[tuple, str] = {}  # file stats -> digest, so an unchanged folder is not re-read


def fingerprint(source: object, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """A hash of everything ``load(source)`` would read: each file's path and bytes (the
    same files ``load`` walks), a DataFrame's cells, texts, or ``Document``s' content
    hashes; None for an input it cannot tell cheaply. Files are re-read only when their
    size or modification time changed."""
    h = hashlib.sha1(f"{max_bytes}".encode())
    if isinstance(source, pd.DataFrame):
        h.update(repr(list(source.columns)).encode())
        h.update(pd.util.hash_pandas_object(source.astype(object), index=False).values)
        return h.hexdigest()
    if isinstance(source, Loaded):
        source = source.documents + [str(e) for e in source.errors]
    items = [source] if isinstance(source, str | Path) else source
    if not isinstance(items, Iterable):
        return None
    for item in items:
        if isinstance(item, Document):
            h.update(b"doc\x1f" + item.content_hash.encode())
        elif isinstance(item, Path) or (isinstance(item, str) and item is source):
            digest = _files_digest(Path(item), max_bytes)
            h.update(f"path\x1f{shown(item)}\x1f{digest}".encode())
        elif isinstance(item, str):
            h.update(b"text\x1f" + item.encode("utf-8", "surrogatepass"))
        else:
            return None
    return h.hexdigest()


def _files_digest(path: Path, max_bytes: int) -> str:
    """A digest of the files ``load`` would read under ``path``: names and bytes (at most
    ``max_bytes`` + 1 of each, as ``load`` reads), memoised by size and modification time."""
    if path.is_dir():
        files = [p for p, problem in _walk(path) if problem is None]
    else:
        files = [path] if _not_a_file(path) is None else []
    stats = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    if (stats, max_bytes) not in _FINGERPRINTS:
        h = hashlib.sha1()
        for p in files:
            with p.open("rb") as handle:
                data = handle.read(max_bytes + 1)
            h.update(f"\x1f{shown(p)}\x1f".encode() + hashlib.sha1(data).digest())
        if len(_FINGERPRINTS) > 64:
            _FINGERPRINTS.clear()
        _FINGERPRINTS[stats, max_bytes] = h.hexdigest()
    return _FINGERPRINTS[stats, max_bytes]


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1
    (with a warning). Empty, binary and undecodable input raise ``ValueError``."""
    if not data.strip():
        raise _BadInput("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), None
    if b"\x00" in data[:8192]:
        raise _BadInput("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        enc = "latin-1"
    if _control_ratio(text) > 0.05:
        raise _BadInput("cannot be decoded as text (not UTF-8, UTF-16 or cp1252)")
    return text, f"not valid UTF-8: decoded as {enc}, some characters may be wrong"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _BadInput(f"cannot be decoded as {encoding}: {exc.reason} at byte {exc.start}") \
            from None


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bad / max(1, len(sample))


def _too_big(size: int, limit: int) -> str:
    return f"file is {_human(size)}, over the {_human(limit)} size limit"


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024**2:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024**2:.1f} MB"


def shown(path: str | Path) -> str:
    """A path as text that can always be printed and written: bytes of a file name that
    are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def _load_path(path: Path, how: Reading) -> Loaded:
    if path.is_dir():
        out = Loaded()
        for p, problem in _walk(path):
            fed = how.feed(p) if problem is None and how.feed is not None else None
            out.extend(fed if fed is not None else _load_file(p, how) if problem is None
                       else Loaded(errors=[LoadError(shown(p), None, problem)]))
        if not out.documents and not out.errors:
            out.errors.append(LoadError(shown(path), None, "folder holds no supported files"
                                        f" ({', '.join(SUPPORTED)})"))
        return out
    problem = _not_a_file(path)
    if problem:
        return Loaded(errors=[LoadError(shown(path), None, problem)])
    return _load_file(path, how)


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entry under ``folder`` but hidden ones, sorted, with the reason it cannot be
    read as a document (None for a readable file). Links to folders are not followed, so
    a link loop cannot trap the walk; unreadable folders are reported, not skipped."""
    problems: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:
        problems.append((Path(exc.filename or folder), "folder cannot be read: "
                         f"{exc.strerror or exc}"))

    entries: list[tuple[Path, str | None]] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        for name in files + [d for d in dirs if (base / d).is_symlink()]:
            if not name.startswith("."):
                entries.append((base / name, _not_a_file(base / name)))
    entries += problems
    return iter(sorted(entries, key=lambda e: os.fsencode(e[0])))


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is no regular file to read (None when it is one): a missing path, a
    dangling link, a link loop, a link to a folder, a FIFO, socket or device."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "a link whose target does not exist" if path.is_symlink() \
            else "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link loop"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return "a link to a folder (not followed)"
    if not stat.S_ISREG(info.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket"
                if stat.S_ISSOCK(info.st_mode) else "a device")
        return f"not a regular file ({kind}); skipped"
    return None


def _load_file(path: Path, how: Reading) -> Loaded:
    """Read at most ``max_bytes`` + 1 bytes (the size a file claims is not trusted)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(how.max_bytes + 1)
    except OSError as exc:
        return Loaded(errors=[LoadError(shown(path), None,
                                        f"cannot read: {exc.strerror or exc}")])
    if len(data) > how.max_bytes:
        size = max(len(data), _size(path))
        return Loaded(errors=[LoadError(shown(path), None, _too_big(size, how.max_bytes))])
    return _read_bytes(shown(path), data, how)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _parse(name: str, suffix: str, decoded: str, how: Reading) -> Loaded:
    source = Path(name).name
    try:
        if suffix in (".csv", ".jsonl"):
            rows = (_csv_records if suffix == ".csv" else _jsonl_records)(decoded, name)
            out = _from_records(rows, name, how)
            if not out.documents and not out.errors:
                out.errors.append(LoadError(name, None, "no rows (only a header or blank "
                                                        "lines)"))
            return out
        named = _name_date(source)
        if suffix in (".html", ".htm"):
            title, body = html_to_text(decoded)
            return _from_text(body, source, path=name, title=title, name_date=named, how=how)
        if suffix == ".md":
            return _from_text(decoded, source, path=name, title=_markdown_heading(decoded),
                              name_date=named, how=how)
        return _from_text(decoded, source, path=name, name_date=named, how=how)
    except _BadInput as exc:
        return Loaded(errors=[LoadError(name, None, str(exc))])


# --- tabular inputs -------------------------------------------------------------------

_FIELDS = ("text", "id", "title", "source", "url")  # the rest: the date column and facets


def _frame_records(frame: pd.DataFrame, how: Reading) -> Iterator[tuple[int, dict | str]]:
    cols = {str(c).strip().lower(): c for c in frame.columns}
    if "text" not in cols:
        raise _BadInput(f"no 'text' column (columns: {', '.join(map(str, frame.columns))})")
    for i, rec in enumerate(frame.to_dict("records"), start=1):
        yield i, {f: rec.get(c) for f, c in cols.items()}


def _csv_records(decoded: str, name: str) -> Iterator[tuple[int, dict | str]]:
    csv.field_size_limit(2**31 - 1)
    buf = io.StringIO(decoded, newline="")
    reader = csv.reader(buf)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise _BadInput(f"no CSV header row ({exc})" if str(exc) else "no CSV header row") \
            from None
    cols = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "text" not in cols:
        raise _BadInput(f"no 'text' column in the CSV header (found: {', '.join(header)})")
    row = 1
    while True:
        row += 1
        began = buf.tell()
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield row, f"malformed CSV row: {exc}"
            continue
        if _runs_to_the_end(decoded, began, buf.tell()):
            line = decoded.count("\n", 0, began) + 1
            more = decoded.count("\n", began, len(decoded) - 1)
            yield row, (f"malformed CSV row: a quoted field opened on line {line} is never "
                        f"closed, so it takes in the {more} line{'s' * (more != 1)} after "
                        "it, to the end of the file; close the quote (no row after it was "
                        "read)")
            return
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(cols):
            yield row, f"malformed CSV row: {len(values)} fields, header has {len(cols)}"
            continue
        yield row, dict(zip(cols, values, strict=True))


def _runs_to_the_end(decoded: str, began: int, ended: int) -> bool:
    """Whether the CSV record read from ``decoded[began:ended]`` is an unclosed quoted
    field that ran to the end of the input: it ends the input, spans several lines, holds
    an odd number of quotes (a closed field holds pairs) and does not end on a quote."""
    if ended < len(decoded) or decoded.count("\n", began, ended - 1) == 0:
        return False
    record = decoded[began:ended]
    return record.count('"') % 2 == 1 and not record.rstrip("\r\n").endswith('"')


def _jsonl_records(decoded: str, name: str) -> Iterator[tuple[int, dict | str]]:
    for row, line in enumerate(decoded.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield row, f"malformed JSON line: {exc.msg} (column {exc.colno})"
            continue
        if not isinstance(obj, dict):
            yield row, "JSON line is not an object"
            continue
        yield row, {str(k).strip().lower(): v for k, v in obj.items()}


def _from_records(records: Iterable[tuple[int, dict | str]], name: str,
                  how: Reading = PLAIN) -> Loaded:
    out = Loaded()
    source = Path(name).name
    try:
        for row, rec in records:
            if isinstance(rec, str):
                out.errors.append(LoadError(name, row, rec))
                continue
            body = _cell(rec.get("text"))
            if not body:
                out.errors.append(LoadError(name, row, "empty 'text'" if "text" in rec
                                            else "no 'text' field"))
                continue
            doc = _from_text(
                body,
                _cell(rec.get("source")) or source,
                path=name,
                title=_cell(rec.get("title")) or None,
                doc_id=_cell(rec.get("id")) or None,
                date_value=rec.get(how.date_column),
                url=_cell(rec.get("url")),
                facets=_facets(rec, how),
                how=how,
            )
            for err in doc.errors:
                out.errors.append(LoadError(err.path, row, err.reason, err.severity))
            out.documents.extend(doc.documents)
    except _BadInput as exc:
        out.errors.append(LoadError(name, None, str(exc)))
    return out


def _facets(rec: dict, how: Reading) -> tuple[tuple[str, str], ...]:
    """A row's other columns, as (name, value) pairs: kept, filtered on and exported."""
    return tuple((k, v) for k, raw in rec.items()
                 if k not in _FIELDS and k != how.date_column
                 and (v := FACET_SEPARATOR.join(map(_cell, raw)) if isinstance(raw, list)
                      else _cell(raw)))


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


# --- one document -----------------------------------------------------------------------

def _from_text(
    body: str,
    source: str,
    *,
    path: str | None = None,
    title: str | None = None,
    doc_id: str | None = None,
    date_value: object = None,
    url: str = "",
    name_date: str | None = None,
    facets: tuple[tuple[str, str], ...] = (),
    how: Reading = PLAIN,
) -> Loaded:
    body = _plain(body.replace("\r\n", "\n").replace("\r", "\n"))
    title = _plain(title) if title else title
    if not body.strip():
        return Loaded(errors=[LoadError(path or source, None, "no text")])
    errors = []
    body_start = 0
    found = None
    tag = _DATE_TAG.match(body)
    if tag:
        found = _iso(*map(int, tag.groups()))
        body_start = tag.end()
    parsed = _parse_date_value(date_value)
    if date_value not in (None, "") and parsed is None and _cell(date_value):
        errors.append(LoadError(path or source, None,
                                f"unreadable date {_cell(date_value)!r}; ignored", "warning"))
    if parsed:
        doc_date, date_source = parsed, "metadata"
    elif found:
        doc_date, date_source = found, "tag"
    elif name_date:
        doc_date, date_source = name_date, "filename"
    else:
        doc_date, date_source = None, ""
    guess = None if doc_date else first_date(body, body_start)
    if guess and how.guess_dates:
        doc_date, date_source = guess, "text"
    doc = Document(
        doc_id=doc_id or hashlib.sha1(body.encode("utf-8")).hexdigest()[:12],
        title=(title or make_title(body, body_start))[:TITLE_MAX],
        date=doc_date,
        source=source,
        text=body,
        url=url,
        body_start=body_start,
        date_source=date_source,
        date_guess=guess,
        facets=facets,
    )
    return Loaded([doc], errors)


def from_text(body: str, source: str, **fields: object) -> Loaded:
    """One document from its text and metadata (``title``, ``doc_id``, ``date_value``,
    ``url``, ``facets``, ``path`` for errors), read as a CSV row would be: the date tag,
    title and date guess are found the same way."""
    return _from_text(body, source, **fields)  # type: ignore[arg-type]


def make_title(body: str, start: int = 0) -> str:
    """The first line when it reads as a heading (short, no final full stop), else the
    first sentence, cut to 120 characters."""
    rest = body[start:].lstrip()
    first_line = rest.split("\n", 1)[0].strip().lstrip("#").strip()
    is_heading = len(first_line) <= TITLE_MAX and not first_line.endswith((".", ","))
    if first_line and is_heading and "\n" in rest:
        return first_line
    spans = text_mod.sentences(body[: start + 2000], start)
    first = body[spans[0][0]:spans[0][1]] if spans else first_line
    first = " ".join(first.split())
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"


def _name_date(file_name: str) -> str | None:
    """The date a file name starts with ("2025-03-14-talks.txt"), as ISO yyyy-mm-dd."""
    m = _NAME_DATE.match(file_name)
    return _iso(*map(int, m.groups())) if m else None


def _markdown_heading(body: str) -> str | None:
    m = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return m.group(1) if m else None


def first_date(body: str, start: int = 0) -> str | None:
    """The first full calendar date written in the text, as ISO yyyy-mm-dd."""
    best: tuple[int, str] | None = None
    for pattern, order in FULL_DATES:
        hint = FULL_DATE_HINTS.get(order)
        if hint is not None and hint.search(body, start) is None:
            continue
        for m in pattern.finditer(body, start):
            a, b, c = m.groups()
            if order == "mdy":
                iso = _iso(int(c), MONTHS[a.lower()], int(b))
            elif order == "dmy":
                iso = _iso(int(c), MONTHS[b.lower()], int(a))
            else:
                iso = _iso(int(a), int(b), int(c))
            if iso:
                if best is None or m.start() < best[0]:
                    best = (m.start(), iso)
                break
    return best[1] if best else None


def _iso(y: int, m: int, d: int) -> str | None:
    """ISO date, or None when it is no calendar date or no plausible publication date."""
    if not EARLIEST_YEAR <= y <= date.today().year + 1:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _parse_date_value(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return first_date(str(value))
    return None if pd.isna(ts) else ts.date().isoformat()


def html_to_text(markup: str) -> tuple[str | None, str]:
    """Visible text of an HTML page (script, style and other invisible parts dropped),
    with its <title> or first <h1>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe"]):
        if tag.name == "head":
            continue
        tag.decompose()
    title = None
    h1 = soup.find("h1")
    if soup.title and soup.title.get_text(strip=True):
        title = soup.title.get_text(" ", strip=True)
    elif h1:
        title = h1.get_text(" ", strip=True)
    if soup.head:
        soup.head.decompose()
    for tag in soup.find_all(_HTML_BLOCKS):  # blocks are lines; inline tags join words
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    blocks = (" ".join(b.split()) for b in _BLANK_LINE.split(soup.get_text("")))
    body = "\n".join(b for b in blocks if b)
    return title, body


_HTML_BLOCKS = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                "tr", "td", "th", "table", "section", "article", "header", "footer", "nav",
                "aside", "main", "blockquote", "pre", "dd", "dt", "dl", "figure",
                "figcaption", "hr", "form", "address", "caption"]
_BLANK_LINE = re.compile(r"\n\s*\n")


def _dedupe(loaded: Loaded) -> Loaded:
    """Unique doc_ids: the same id with the same text is one document read twice (the
    copy is dropped, with a warning); the same id with another text (``1`` in jan.csv and
    in feb.csv) is another document, kept under ``1~2`` with a warning naming both."""
    seen: dict[str, Document] = {}
    docs = []
    errors = list(loaded.errors)
    for doc in loaded.documents:
        first = seen.get(doc.doc_id)
        if first is not None and first.text == doc.text:
            errors.append(LoadError(doc.source, None, f"document id {doc.doc_id!r} read "
                                    f"twice (also in {first.source}); kept once", "warning"))
            continue
        if first is not None:
            n = 2
            while f"{doc.doc_id}~{n}" in seen:
                n += 1
            renamed = replace(doc, doc_id=f"{doc.doc_id}~{n}")
            errors.append(LoadError(doc.source, None, f"document id {doc.doc_id!r} is also "
                                    f"used in {first.source} for another text; this one is "
                                    f"kept as {renamed.doc_id!r}", "warning"))
            doc = renamed
        seen[doc.doc_id] = doc
        docs.append(doc)
    return Loaded(docs, errors)


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(text: str) -> str:
    """Text that can always be encoded, hashed and written: lone surrogates become U+FFFD
    and control characters (other than tab and newline) are dropped."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text
