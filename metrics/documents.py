"""Documents: read files, folders, uploads, DataFrames or plain strings into ``Document``s.

Bad input never stops a run: each problem becomes a ``LoadError(path, row, reason)`` and
every other document is still read. Metadata (title, date, source) is found here so the
analysis steps only ever see clean text.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
# "2025-03-14-talks.txt"), or, failing all, the first full date in its text ("text": a
# guess, which may be a date the text only mentions).
DATE_SOURCES = ("metadata", "tag", "filename", "text")
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

    @property
    def content_hash(self) -> str:
        """Hash of the text and metadata: the key of the incremental store."""
        key = "\x1f".join((self.doc_id, self.title, self.date or "", self.source, self.url))
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


def load(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read documents from a path, a folder (recursively), a list of paths, a DataFrame
    with a ``text`` column, or a list of texts. Duplicate documents are reported and
    dropped so every ``doc_id`` is unique."""
    out = Loaded()
    if isinstance(source, pd.DataFrame):
        out.extend(_from_records(_frame_records(source), "dataframe"))
    elif isinstance(source, str | Path):
        out.extend(_load_path(Path(source), max_bytes))
    else:
        for i, item in enumerate(source, start=1):
            if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
                out.extend(_load_path(Path(item), max_bytes))
            else:
                out.extend(_from_text(str(item), f"text {i}"))
    return _dedupe(out)


def load_bytes(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read one uploaded file given its name and bytes (as the dashboard receives it)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        return Loaded(errors=[LoadError(name, None, f"unsupported file type '{suffix or name}'"
                                        f" (supported: {', '.join(SUPPORTED)})")])
    if len(data) > max_bytes:
        return Loaded(errors=[LoadError(name, None, _too_big(len(data), max_bytes))])
    try:
        decoded, warning = decode(data)
    except _BadInput as exc:
        return Loaded(errors=[LoadError(name, None, str(exc))])
    out = _parse(name, suffix, decoded)
    if warning:
        out.errors.insert(0, LoadError(name, None, warning, "warning"))
    return out


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


def _looks_like_path(item: str) -> bool:
    if "\n" in item or len(item) > 1024:
        return False
    try:
        return Path(item).exists()
    except OSError:  # e.g. a sentence longer than a file name may be
        return False


def _load_path(path: Path, max_bytes: int) -> Loaded:
    if path.is_dir():
        out = Loaded()
        for p in _walk(path):
            out.extend(_load_file(p, max_bytes))
        if not out.documents and not out.errors:
            out.errors.append(LoadError(str(path), None, "folder holds no supported files"
                                        f" ({', '.join(SUPPORTED)})"))
        return out
    if not path.exists():
        return Loaded(errors=[LoadError(str(path), None, "no such file or folder")])
    return _load_file(path, max_bytes)


def _walk(folder: Path) -> Iterator[Path]:
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not p.is_file():
            continue
        yield p


def _load_file(path: Path, max_bytes: int) -> Loaded:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Loaded(errors=[LoadError(str(path), None, _too_big(size, max_bytes))])
        data = path.read_bytes()
    except OSError as exc:
        return Loaded(errors=[LoadError(str(path), None, f"cannot read: {exc.strerror or exc}")])
    return load_bytes(str(path), data, max_bytes)


def _parse(name: str, suffix: str, decoded: str) -> Loaded:
    source = Path(name).name
    try:
        if suffix == ".csv":
            return _from_records(_csv_records(decoded, name), name)
        if suffix == ".jsonl":
            return _from_records(_jsonl_records(decoded, name), name)
        named = _name_date(source)
        if suffix in (".html", ".htm"):
            title, body = html_to_text(decoded)
            return _from_text(body, source, path=name, title=title, name_date=named)
        if suffix == ".md":
            return _from_text(decoded, source, path=name, title=_markdown_heading(decoded),
                              name_date=named)
        return _from_text(decoded, source, path=name, name_date=named)
    except _BadInput as exc:
        return Loaded(errors=[LoadError(name, None, str(exc))])


# --- tabular inputs -------------------------------------------------------------------

_FIELDS = ("text", "id", "title", "date", "source", "url")


def _frame_records(frame: pd.DataFrame) -> Iterator[tuple[int, dict | str]]:
    cols = {str(c).strip().lower(): c for c in frame.columns}
    if "text" not in cols:
        raise _BadInput(f"no 'text' column (columns: {', '.join(map(str, frame.columns))})")
    for i, rec in enumerate(frame.to_dict("records"), start=1):
        yield i, {f: rec.get(cols[f]) for f in _FIELDS if f in cols}


def _csv_records(decoded: str, name: str) -> Iterator[tuple[int, dict | str]]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(decoded, newline=""))
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
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield row, f"malformed CSV row: {exc}"
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(cols):
            yield row, f"malformed CSV row: {len(values)} fields, header has {len(cols)}"
            continue
        rec = dict(zip(cols, values, strict=True))
        yield row, {f: rec.get(f) for f in _FIELDS if f in rec}


def _jsonl_records(decoded: str, name: str) -> Iterator[tuple[int, dict | str]]:
    for row, line in enumerate(decoded.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield row, f"malformed JSON line: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(obj, dict):
            yield row, "JSON line is not an object"
            continue
        low = {str(k).lower(): v for k, v in obj.items()}
        yield row, {f: low.get(f) for f in _FIELDS if f in low}


def _from_records(records: Iterable[tuple[int, dict | str]], name: str) -> Loaded:
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
                date_value=rec.get("date"),
                url=_cell(rec.get("url")),
            )
            for err in doc.errors:
                out.errors.append(LoadError(err.path, row, err.reason, err.severity))
            out.documents.extend(doc.documents)
    except _BadInput as exc:
        out.errors.append(LoadError(name, None, str(exc)))
    return out


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
) -> Loaded:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
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
        doc_date = first_date(body, body_start)
        date_source = "text" if doc_date else ""
    doc = Document(
        doc_id=doc_id or hashlib.sha1(body.encode("utf-8")).hexdigest()[:12],
        title=(title or make_title(body, body_start))[:TITLE_MAX],
        date=doc_date,
        source=source,
        text=body,
        url=url,
        body_start=body_start,
        date_source=date_source,
    )
    return Loaded([doc], errors)


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
    lines = (" ".join(line.split()) for line in soup.get_text("\n").splitlines())
    body = "\n".join(line for line in lines if line)
    return title, body


def _dedupe(loaded: Loaded) -> Loaded:
    seen: dict[str, Document] = {}
    docs = []
    errors = list(loaded.errors)
    for doc in loaded.documents:
        if doc.doc_id in seen:
            errors.append(LoadError(doc.source, None,
                                    f"duplicate document id {doc.doc_id!r}; kept the first",
                                    "warning"))
            continue
        seen[doc.doc_id] = doc
        docs.append(doc)
    return Loaded(docs, errors)
