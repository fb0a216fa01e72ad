"""Periods: the time a figure refers to, as the sentence states it, in ISO-like form.

``set_periods(tokens, mentions, date)`` fills ``Mention.period``: a date keeps its kind and
its value becomes an unambiguous ISO date ("14 March" in a document of 2025-03-20 ->
20250314, period "2025-03-14"; "--03-14" when no year is known); a year is its own period
("2024"); an amount takes the nearest time phrase of its sentence ("in 2024", "in the fourth
quarter" -> "2024-Q4", "for the first half of 2025" -> "2025-H1", "last year" resolved
against the document's date, "in March" -> "2025-03").
"""

from __future__ import annotations

from datetime import date as Date
from itertools import compress, count
from operator import attrgetter, or_

from metrics.figures.dates import year_token
from metrics.figures.lexicon import GRAMMAR, MONTHS, ORDINAL_SUFFIXES, ORDINALS
from metrics.figures.mention import (
    CONTEXT_KINDS,
    DATE,
    DATE_RANGE,
    YEAR,
    Mention,
)
from metrics.figures.tokens import Token, glued

_P = GRAMMAR["periods"]
_QUARTER_WORDS = frozenset(_P["quarter_words"])
_HALF_WORDS = frozenset(_P["half_words"])
_RELATIVE: dict[str, int] = dict(_P["relative"])
_YEAR_WORDS = frozenset(_P["year_words"])
_MONTH_WORDS = frozenset(_P["month_words"])
_NOT_BEFORE = frozenset(_P["not_before"])
_REACH = int(_P["reach"])


def parse_date(value: str | None) -> Date | None:
    """A document date ("2025-03-14", or longer ISO text) as a date; None when unknown."""
    if not value:
        return None
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _nearest_year(month: int, day: int, doc: Date) -> int:
    """The year that puts month/day nearest to the document's date."""
    best, gap = doc.year, None
    for y in (doc.year - 1, doc.year, doc.year + 1):
        try:
            d = Date(y, month, max(day, 1))
        except ValueError:
            continue
        g = abs((d - doc).days)
        if gap is None or g < gap:
            best, gap = y, g
    return best


def _iso(value: float) -> str:
    """YYYYMMDD (day or month 0 when not written, year 0 when unknown) as ISO-like text."""
    v = int(value)
    y, m, d = v // 10000, v // 100 % 100, v % 100
    if not m:
        return f"{y:04d}" if y else ""
    if not y:
        return f"--{m:02d}-{d:02d}" if d else f"--{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}"


def _date_period(m: Mention, doc: Date | None) -> None:
    """A date's value with the year the document implies, and its ISO period."""
    v = int(m.value)
    if v < 10000 and doc is not None:  # "14 March": no year written
        year = _nearest_year(v // 100, v % 100, doc) * 10000
        m.value += year
        if m.high is not None:
            m.high += year
    m.period = _iso(m.value)
    if m.kind == DATE_RANGE and m.high is not None:
        m.period += "/" + _iso(m.high)


def _ordinal_at(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """ "fourth", "4th" at ``k``: (number, index after)."""
    t = tokens[k]
    if t.low in ORDINALS:
        return ORDINALS[t.low], k + 1
    if (
        t.is_digit
        and t.text.isdigit()
        and k + 1 < len(tokens)
        and tokens[k + 1].low in ORDINAL_SUFFIXES
        and glued(tokens, k + 1)
    ):
        return int(t.text), k + 2
    return None


def _year_near(tokens: list[Token], k: int) -> int | None:
    """A year written right after a time phrase ending at ``k``: "quarter of 2024",
    "quarter 2024", "half, 2025"."""
    for x in range(k, min(k + 3, len(tokens))):
        y = year_token(tokens[x])
        if y is not None:
            return y
        if tokens[x].low not in ("of", ",", "the", "fiscal"):
            return None
    return None


def _part_period(tokens: list[Token], k: int, doc: Date | None) -> tuple[str, int] | None:
    """ "fourth quarter (of 2024)", "4th qtr", "first half", "Q3 2024" at ``k``."""
    n = len(tokens)
    t = tokens[k]
    if t.text in ("Q", "H") and k + 1 < n and glued(tokens, k + 1) and tokens[k + 1].is_digit:
        part = tokens[k + 1].text
        e = k + 2
        kind = t.text
    else:
        got = _ordinal_at(tokens, k)
        if got is None or got[1] >= n:
            return None
        num, e = got
        word = tokens[e].low
        if word in _QUARTER_WORDS and 1 <= num <= 4:
            kind = "Q"
        elif word in _HALF_WORDS and 1 <= num <= 2:
            kind = "H"
        else:
            return None
        part, e = str(num), e + 1
    year = _year_near(tokens, e)
    if year is None:
        year = _relative_before(tokens, k, doc)
    if year is None:
        return None
    return f"{year:04d}-{kind}{part}", e


def _relative_before(tokens: list[Token], k: int, doc: Date | None) -> int | None:
    """The year of "last year's fourth quarter", "this year's first half", else (a quarter
    or half with no year) the document's year; None when the document is undated."""
    if doc is None:
        return None
    x = k - 1
    while x >= 0 and tokens[x].low in ("the", "'s", "’s", "s", "'", "’"):
        x -= 1
    if x >= 1 and tokens[x].low in _YEAR_WORDS and tokens[x - 1].low in _RELATIVE:
        return doc.year + _RELATIVE[tokens[x - 1].low]
    return doc.year


def _relative_period(tokens: list[Token], k: int, doc: Date | None) -> tuple[str, int] | None:
    """ "last year", "this month", "next year" at ``k``, against the document's date."""
    if doc is None or k + 1 >= len(tokens) or tokens[k].low not in _RELATIVE:
        return None
    if k + 2 < len(tokens) and tokens[k + 2].low in ("'s", "’s", "s"):
        return None  # "last year's": a possessive, read with what it qualifies
    shift = _RELATIVE[tokens[k].low]
    word = tokens[k + 1].low
    if word in _YEAR_WORDS:
        return f"{doc.year + shift:04d}", k + 2
    if word in _MONTH_WORDS:
        month = doc.month + shift
        year = doc.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return f"{year:04d}-{month:02d}", k + 2
    return None


def _month_period(tokens: list[Token], k: int, doc: Date | None) -> tuple[str, int] | None:
    """ "in March" (a month with no day or year): its month of the document's year."""
    t = tokens[k]
    if doc is None or not t.is_word or t.low not in MONTHS or not t.text[0].isupper():
        return None
    if k == 0 or tokens[k - 1].low not in ("in", "for", "during", "of", "through"):
        return None
    if t.low == "may" and t.text != "May":
        return None
    month = MONTHS[t.low]
    year = _nearest_year(month, 15, doc)
    return f"{year:04d}-{month:02d}", k + 1


def _phrases(
    tokens: list[Token], mentions: list[Mention], doc: Date | None
) -> list[tuple[int, str]]:
    """The time phrases of a sentence: (token index, period)."""
    out: list[tuple[int, str]] = []
    for m in mentions:
        if m.kind in (YEAR, DATE, DATE_RANGE) and m.period:
            before = tokens[m.i - 1].low if m.i > 0 else ""
            if before not in _NOT_BEFORE:
                out.append((m.i, m.period))
    lows = list(map(_LOW, tokens))
    if _TIME_WORDS.isdisjoint(lows):
        return out
    # only the tokens a time phrase can start at, left to right, past each phrase read
    k = 0
    for s in compress(count(), map(or_, map(_STARTS.__contains__, lows), map(_DIGIT, tokens))):
        if s < k:
            continue
        got = (
            _part_period(tokens, s, doc)
            or _relative_period(tokens, s, doc)
            or _month_period(tokens, s, doc)
        )
        if got:
            out.append((s, got[0]))
            k = got[1]
    return out


# The words every time phrase holds (one set test on the sentence's tokens first)
_TIME_WORDS = (
    _QUARTER_WORDS | _HALF_WORDS | _YEAR_WORDS | _MONTH_WORDS | frozenset(MONTHS) | {"q", "h"}
)
_LOW = attrgetter("low")
_DIGIT = attrgetter("is_digit")
# Tokens a time phrase starts at: ordinals, "Q"/"H", "last"/"this", month names (and digits).
_STARTS = frozenset(ORDINALS) | frozenset(_RELATIVE) | frozenset(MONTHS) | {"q", "h"}


def set_periods(tokens: list[Token], mentions: list[Mention], doc: Date | None) -> None:
    """Fill ``period`` for dates, years and amounts (see the module's docstring)."""
    for m in mentions:
        if m.kind in (DATE, DATE_RANGE) and not m.period:
            _date_period(m, doc)
        elif m.kind == YEAR and not m.period and m.value.is_integer() and m.value >= 1000:
            m.period = f"{int(m.value):04d}"
            if m.high is not None:
                m.period += f"/{int(m.high):04d}"
    if not any(m.kind in CONTEXT_KINDS for m in mentions):
        return
    phrases = _phrases(tokens, mentions, doc)
    if not phrases:
        return
    starts = [m.i for m in mentions if m.kind in CONTEXT_KINDS]
    ends = [m.j for m in mentions if m.kind in CONTEXT_KINDS]
    for m in mentions:
        if m.kind not in CONTEXT_KINDS or m.period:
            continue
        best = None
        for k, period in phrases:
            if k < m.i and (any(k < i < m.i for i in starts) or any(0 <= k - j <= 2 for j in ends)):
                continue  # "6.2 pct in July and 6.15 pct in August": July dates the 6.2
            gap = k - m.j if k >= m.j else m.i - k + 2  # a phrase after the figure first
            if 0 <= gap <= _REACH and (best is None or gap < best[0]):
                best = gap, period
        if best is not None:
            m.period = best[1]
