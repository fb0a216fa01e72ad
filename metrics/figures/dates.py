"""Dates and clock times: the one place that knows their shapes and the month names.

``date_at(tokens, k)`` reads a date, day range or clock time at a token ("14 March",
"12 to 15 March", "December 3, 2021", "March 2019", "2025-03-14", "10.45pm"); the
``FULL_DATES`` patterns find a full calendar date in raw text (``metrics.documents``).
"""

from __future__ import annotations

import re

from metrics.figures.lexicon import CARDINALS, GRAMMAR, MONTHS, ORDINAL_SUFFIXES
from metrics.figures.mention import DATE, DATE_RANGE, DURATION, TIME, Mention
from metrics.figures.nouns import pos_tag
from metrics.figures.tokens import Token, digits, glued, match_forward, phrase_table

__all__ = ["FULL_DATES", "FULL_DATE_HINTS", "MONTHS", "date_at", "year_token"]

_CLOCK = phrase_table({"clock": GRAMMAR["clock"]["suffixes"]})
_UPPER_ZONES = frozenset(GRAMMAR["clock"]["upper_case_only"])
_TWELVE_HOUR = frozenset(GRAMMAR["clock"]["twelve_hour"])
HOUR_MARKS = frozenset(GRAMMAR["clock"]["hour_marks"])


def _clock_suffix(tokens: list[Token], e: int) -> tuple[object, int] | None:
    """The clock mark starting at token ``e`` ("pm", "GMT", "local time"): (label, end), or
    None; the two-letter US zones count in capitals only ("10.30 CT", not the wire's
    "0.25 ct a gallon", a cent), and "h" not as an initialism's first letter ("H.K.")."""
    got = match_forward(tokens, e, _CLOCK)
    if got is None or got[1] != e + 1:
        return got
    if tokens[e].low in _UPPER_ZONES and not tokens[e].text.isupper():
        return None
    if len(tokens[e].text) == 1 and e + 2 < len(tokens) and tokens[e + 1].text == "." \
            and glued(tokens, e + 1) and glued(tokens, e + 2) and tokens[e + 2].is_word:
        return None  # "3.50 H.K. Dlrs": an initialism's first letter, not "h" for hours
    return got


def year_token(tok: Token) -> int | None:
    """The year a four-digit token can be (1000 to 2199), or None."""
    if tok.is_digit and len(tok.text) == 4 and digits(tok.text):
        y = int(tok.text)
        if 1000 <= y <= 2199:
            return y
    return None


def _day_token(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A day of month at ``k`` ("14", "3rd"): (day, index after)."""
    if k >= len(tokens) or not digits(tokens[k].text) or len(tokens[k].text) > 2:
        return None
    d = int(tokens[k].text)
    if not 1 <= d <= 31:
        return None
    k += 1
    if k < len(tokens) and tokens[k].low in ORDINAL_SUFFIXES and glued(tokens, k):
        k += 1
    return d, k


def _spelled_day(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A day written in words after a month, as wire copy writes it ("the five weeks ended
    April Four", "by August three."): capitalised, or closing the clause, so that "in March
    two companies" keeps its count."""
    if k >= len(tokens) or not tokens[k].is_word:
        return None
    d = CARDINALS.get(tokens[k].low)
    if d is None or not 1 <= d <= 31 or d != int(d):
        return None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if not (tokens[k].text[0].isupper() or after is None or after.text in (".", ",", ";")
            or after.low in _AFTER_SPELLED_DAY):  # "begin April eight on NASDAQ"
        return None
    return int(d), k + 1


# Words after a day in words that no count of a month's things is followed by.
_AFTER_SPELLED_DAY = frozenset(("on", "at", "until", "when", "after", "before"))


def _month_token(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A capitalised month name at ``k`` ("March", "Aug."): (month, index after)."""
    if k >= len(tokens):
        return None
    t = tokens[k]
    if not t.is_word or not t.text[0].isupper() or t.low not in MONTHS:
        return None
    if t.low == "may" and t.text == "MAY":
        return None
    k += 1
    if k < len(tokens) and tokens[k].text == "." and glued(tokens, k) and len(t.text) <= 4:
        k += 1
    return MONTHS[t.low], k


def _year_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A year at ``k``, after an optional comma ("3 December, 2021"): (year, index after)."""
    kk = k + 1 if k < len(tokens) and tokens[k].text == "," else k
    if kk < len(tokens):
        y = year_token(tokens[kk])
        if y is not None:
            return y, kk + 1
    return None


def _day_month_mention(
    tokens: list[Token], k: int, e: int, month: int, d1: int, d2: int | None
) -> Mention:
    """A date (or day range) from token ``k`` to ``e``, taking a year written after it."""
    y = 0
    year = _year_after(tokens, e)
    if year:
        y, e = year
    base = y * 10000 + month * 100
    if d2:
        return Mention(k, e, base + d1, base + d2, kind=DATE_RANGE)
    return Mention(k, e, base + d1, kind=DATE)


# What follows the first digits of every date or time read by ``date_at``: "2025-03-14",
# "17:22", "5 pm", "14 March", "3rd of May", "12 to 15 March".
_AFTER_DATE_DIGITS = (
    _CLOCK.firsts | frozenset(MONTHS) | ORDINAL_SUFFIXES | {":", "-", "–", "to", "and", "of", "/"}
)


# the tokens after digits that a date or clock time can go on with (``date_at``'s first test)
AFTER_DATE_DIGITS = _AFTER_DATE_DIGITS


def date_at(tokens: list[Token], k: int) -> Mention | None:
    """A date, date range or clock time starting at token ``k`` ("14 March", "12 to 15 March",
    "December 3, 2021", "March 2019", "10.45pm"); value is YYYYMMDD, year 0 when not written."""
    n = len(tokens)
    t = tokens[k]
    if t.is_digit:
        if k + 1 >= n or tokens[k + 1].low not in _AFTER_DATE_DIGITS:
            return None  # the common case: "5%", "$3 billion", "2024."
        got = _iso_date(tokens, k) or _slashed_date(tokens, k) or _clock(tokens, k)
        if got is not None:
            return got
        day = _day_token(tokens, k)
        if not day:
            return None
        d1, e = day
        d2 = None
        if e + 1 < n and tokens[e].low in ("-", "–", "to", "and"):
            day2 = _day_token(tokens, e + 1)
            if day2 and day2[0] > d1 and _month_token(tokens, day2[1]):
                d2, e = day2
        if e < n and tokens[e].low == "of":
            e += 1
        month = _month_token(tokens, e)
        if not month:
            return None
        m, e = month
        return _day_month_mention(tokens, k, e, m, d1, d2)
    month = _month_token(tokens, k)
    if not month:
        return None
    m, e = month
    day = _day_token(tokens, e) or _spelled_day(tokens, e)
    if day and _count_after_month(tokens, k, day[1]):
        return None  # "In January 25 people were jailed": a month, then a count
    if day and not (e < n and digits(tokens[e].text) and len(tokens[e].text) == 4):
        d1, e = day
        d2 = None
        slashed = (e + 1 < n and tokens[e].text == "/" and glued(tokens, e)
                   and glued(tokens, e + 1))  # the wire's "October 5/7": days 5 to 7
        if e + 1 < n and (tokens[e].low in _DAY_RANGE_LINKS or slashed):  # "March 11 through 20"
            day2 = _day_token(tokens, e + 1)
            if day2 and day2[0] > d1:
                d2, e = day2
        if e < n and glued(tokens, e) and tokens[e].is_word:
            return None
        return _day_month_mention(tokens, k, e, m, d1, d2)
    if e + 1 < n and tokens[e].text in ("'", "’") and glued(tokens, e) and glued(tokens, e + 1) \
            and len(tokens[e + 1].text) == 2 and tokens[e + 1].text.isdigit():
        yy = int(tokens[e + 1].text)  # the wire's "Feb'87": a month of a two-digit year
        year = (1900 if yy >= _CENTURY_PIVOT else 2000) + yy
        return Mention(k, e + 2, year * 10000 + m * 100, kind=DATE)
    if t.low != "may" or e - k > 1:
        year = _year_after(tokens, e)
        if year and (e >= n or tokens[e].text != "," or t.low != "may"):
            return Mention(k, year[1], year[0] * 10000 + m * 100, kind=DATE)
    return None


_DAY_RANGE_LINKS = frozenset(("-", "–", "to", "through", "thru"))
_CENTURY_PIVOT = 30  # a two-digit year from 30 is of the 1900s ("Feb'87"), below of the 2000s


def _slashed_date(tokens: list[Token], k: int) -> Mention | None:
    """ "04/09/87", "3/15/2024": month, day and year glued by slashes, as American copy
    writes a date (day first when the first number cannot be a month: "25/12/2004")."""
    if k + 4 >= len(tokens) or tokens[k + 1].text != "/" or tokens[k + 3].text != "/":
        return None
    if not all(glued(tokens, x) for x in range(k + 1, k + 5)):
        return None
    a, b, y = (tokens[x].text for x in (k, k + 2, k + 4))
    if not (digits(a) and digits(b) and digits(y) and len(a) <= 2 and len(b) <= 2
            and len(y) in (2, 4)):
        return None
    mo, d = int(a), int(b)
    if mo > 12:
        mo, d = d, mo
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    year = int(y) if len(y) == 4 else 1900 + int(y) if int(y) >= 30 else 2000 + int(y)
    return Mention(k, k + 5, year * 10000 + mo * 100 + d, kind=DATE)


def _count_after_month(tokens: list[Token], k: int, e: int) -> bool:
    """ "In January 25 people", "in March 300 workers": after "in" and a month, a bare number
    followed by a plural noun counts them (the month stands alone, as "in January" does)."""
    if k == 0 or tokens[k - 1].low != "in" or e >= len(tokens) or glued(tokens, e):
        return False
    t = tokens[e]
    return t.is_word and t.text.islower() and pos_tag(t) == "NNS"  # "people" too


def _iso_date(tokens: list[Token], k: int) -> Mention | None:
    """ "2025-03-14" (ISO 8601)."""
    if k + 4 >= len(tokens) or year_token(tokens[k]) is None:
        return None
    parts = tokens[k : k + 5]
    if not (
        parts[1].text == parts[3].text == "-" and all(glued(tokens, x) for x in range(k + 1, k + 5))
    ):
        return None
    mo, d = parts[2].text, parts[4].text
    if not (digits(mo) and digits(d) and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return Mention(k, k + 5, int(parts[0].text) * 10000 + int(mo) * 100 + int(d), kind=DATE)


def _clock(tokens: list[Token], k: int) -> Mention | None:
    """Clock times: "10.45pm", "17:22", "5 a.m.", "0401 GMT"; and race times: "7:39.89"."""
    hh = _dotted_time(tokens[k].text)
    if hh is None:
        colon = _race_time(tokens, k) or _colon_time(tokens, k)
        if colon is not None:
            return colon
    return _marked_time(tokens, k, hh)


def _race_time(tokens: list[Token], k: int) -> Mention | None:
    """A time taken, in seconds: "won in 7:39.89" (minutes, seconds and hundredths), "a
    best of 1:48.32", "2:08:31" (hours, minutes, seconds, from one to nine hours), "a time
    of 31:41" (more minutes than a clock has hours). Not "17:22", "17:22:05": clock times."""
    n = len(tokens)
    parts = [tokens[k].text]
    e = k + 1
    while (e + 1 < n and tokens[e].text == ":" and glued(tokens, e) and glued(tokens, e + 1)
           and tokens[e + 1].is_digit and len(parts) < 3):
        parts.append(tokens[e + 1].text)
        e += 2
    if len(parts) < 2 or not digits(parts[0]) or not all(
            _SEXAGESIMAL.fullmatch(p) for p in parts[1:]):
        return None  # "10:45.1,200": no time
    if any("." in p for p in parts[1:-1]) or any(int(p[:2]) >= 60 for p in parts[1:]):
        return None
    last = parts[-1]
    cued = k > 0 and tokens[k - 1].low in _RACE_TIME_CUES
    if not ("." in last or (cued and len(parts) == 3 and 1 <= int(parts[0]) <= 9)
            or (cued and len(parts) == 2 and int(parts[0]) > 24)):
        return None  # a clock time, a ratio ("50:50") or a score ("28:24")
    if _clock_suffix(tokens, e):
        return None  # "2:15:25 pm", "1:30.5 GMT"
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + float(p)
    return Mention(k, e, round(seconds, 3), unit="seconds", kind=DURATION)


def _dotted_time(text: str) -> int | None:
    """ "10.45" as HHMM (1045), when it can be a time at all."""
    if "." in text and text.count(".") == 1:
        a, b = text.split(".")
        if len(b) == 2 and digits(a) and int(a) <= 24 and int(b) < 60:
            return int(a) * 100 + int(b)
    return None


_RACE_TIME_CUES = frozenset(GRAMMAR["units"]["race_time_cues"])
_SEXAGESIMAL = re.compile(r"[0-9]{2}(?:\.[0-9]+)?")  # minutes or seconds: "39", "39.89"


def _colon_time(tokens: list[Token], k: int) -> Mention | None:
    """ "17:22", "17:22:05", "10:45 pm": hours and minutes glued by a colon."""
    n = len(tokens)
    text = tokens[k].text
    e = k + 1
    if not (
        e + 1 < n
        and tokens[e].text == ":"
        and glued(tokens, e)
        and glued(tokens, e + 1)
        and digits(tokens[e + 1].text)
        and len(tokens[e + 1].text) == 2
        and digits(text)
        and int(text) <= 24
    ):
        return None
    hh = int(text) * 100 + int(tokens[e + 1].text)
    e += 2
    if e + 1 < n and tokens[e].text == ":" and glued(tokens, e) and tokens[e + 1].is_digit:
        e += 2
    suffix = _clock_suffix(tokens, e)
    if suffix:
        hh = _on_24_hours(hh, tokens[e].low)
        e = suffix[1]
    return Mention(k, e, hh, kind=TIME)


def _marked_time(tokens: list[Token], k: int, hh: int | None) -> Mention | None:
    """A time marked by what follows it: "10.45pm" (``hh`` read already), "5 a.m.",
    "0401 GMT", "1800 hrs"."""
    text = tokens[k].text
    e = k + 1
    suffix = _clock_suffix(tokens, e)
    if suffix is None:
        return None
    word = tokens[e].low
    if hh is None:
        if not digits(text):
            return None
        v = int(text)
        if word in _TWELVE_HOUR and v <= 12:
            hh = v * 100
        elif hhmm(text) and word not in _TWELVE_HOUR and word not in HOUR_MARKS:
            hh = v
        else:
            return None
    if word in HOUR_MARKS and len(text) != 4:
        return None
    return Mention(k, suffix[1], _on_24_hours(hh, word), kind=TIME)


_TIME_OPENERS = frozenset(GRAMMAR["clock"]["openers"])


def hhmm(text: str) -> bool:
    """Whether ``text`` is four digits of the 24-hour clock ("0458", "2100")."""
    return len(text) == 4 and text.isdigit() and int(text[:2]) <= 24 and int(text[2:]) < 60


def place_time(tokens: list[Token], k: int) -> bool:
    """ "by 1000 London time", "at 0900 Tokyo time": four digits of the 24-hour clock after
    a word that opens a time, a capitalised place and "time" (not "In 2004 Labour time")."""
    text = tokens[k].text
    return (
        k > 0
        and k + 2 < len(tokens)
        and tokens[k - 1].low in _TIME_OPENERS
        and hhmm(text)
        and tokens[k + 1].is_word
        and tokens[k + 1].text[0].isupper()
        and tokens[k + 2].low == "time"
    )


def _on_24_hours(hh: int, mark: str) -> int:
    """HHMM on the 24-hour clock: "10.45pm" 2245, "12.30am" 30, "12pm" 1200."""
    if mark not in _TWELVE_HOUR or hh >= 1300:
        return hh
    if mark.startswith("p") and hh < 1200:
        return hh + 1200
    if mark.startswith("a") and hh >= 1200:
        return hh - 1200
    return hh


# ----------------------------------------------------------------------------- raw text
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Positions that cannot start a month name are rejected by one character-class test
# instead of trying every alternative (the patterns are case-insensitive, so is the class).
_MONTH_INITIAL = "(?=[" + "".join(sorted({m[0] for m in MONTHS})) + "])"
# The day and year patterns start on a digit, with the word boundary checked just after
# it ("(?<!\w\d)" there is "\b" before it): a pattern whose first step consumes a digit
# lets the regex engine skip ahead to the next digit instead of trying every position.
FULL_DATES = [
    # December 3, 2021 / Dec. 3 2021
    (
        re.compile(
            rf"\b{_MONTH_INITIAL}({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
            re.I,
        ),
        "mdy",
    ),
    # 3 December 2021 / 3rd Dec 2021
    (
        re.compile(
            rf"(\d(?<!\w\d)\d?)(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.I
        ),
        "dmy",
    ),
    # 2021-12-03
    (re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})\b"), "ymd"),
]
# Every "December 3, 2021" holds this digit shape ("3, 2021", "3rd 2021"): a text without
# it is not searched for month names, which is slow (case-insensitive, at every word).
_DAY_YEAR = re.compile(r"\d(?:[^\W\d_]{2})?,?\s+\d{4}(?!\w)")
# Every "2021-12-03" holds this shape; starting on the hyphen lets the engine jump from
# hyphen to hyphen, where the ISO pattern itself stops at every digit.
_ISO_SHAPE = re.compile(r"-(?<=\d{4}-)\d\d-\d\d")
FULL_DATE_HINTS = {"mdy": _DAY_YEAR, "ymd": _ISO_SHAPE}
