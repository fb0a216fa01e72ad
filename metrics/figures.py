"""Figures: every numeric expression in a sentence, with its value, unit, kind and measure.

Contract (the pipeline, exports and evaluations rely on it): ``find(text, offset)``
returns ``Figure`` rows whose ``start``/``end`` are offsets into the document, so that
``document_text[start:end] == surface``.

How it works, per sentence: one regex pass tokenizes it (``metrics.numbers``), then a single
left-to-right pass reads dates and clock times, and at every token that can start a number
parses the amount (digits, words, fractions, scales) and grows it outwards: sign, currency,
qualifier and change verb before it; ordinal suffix, percent, currency name, unit and rate
after it (``metrics.units``); ranges join neighbouring amounts; the words around give the
qualifier, change and measure (``metrics.figure_context``, with part-of-speech look-ups in
TextBlob's shipped lexicon, ``metrics.nouns``). Sentences with no digit and no number word
are skipped before tokenizing. All vocabulary lives in ``metrics/data/*.toml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from metrics.figure_context import (
    CHANGES,
    QUALIFIERS,
    Mention,
    carry_context,
    change_before,
    set_change,
    set_measure,
    set_qualifier,
    tidy_measure,
)
from metrics.nouns import LEX, pos_tag
from metrics.numbers import (
    GRAMMAR,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    SIGNS,
    STARTERS,
    Amount,
    Token,
    digits,
    glued,
    match_back,
    match_forward,
    may_hold_number,
    may_start_number,
    parse_number,
    phrase_table,
    tokenize,
)
from metrics.phrases import stopwords
from metrics.units import (
    SYMBOL_CODES,
    US_AFTER,
    currency_before,
    plural_noun_follows,
    rate_after,
    unit_after,
    unit_name,
)

KINDS = (
    "count",
    "percent",
    "money",
    "quantity",
    "duration",
    "ordinal",
    "year",
    "date",
    "date_range",
    "identifier",
    "time",
)


# "time" (a clock time such as "10.45pm") is a time kind too: tables of key figures drop them.
TIME_KINDS = frozenset({"year", "date", "date_range", "time"})


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric expression found in a sentence."""

    start: int
    end: int
    surface: str
    value: float
    value_high: float | None
    unit: str
    kind: str
    measure: str
    qualifier: str
    bound: str
    change: str


_MONTHS: dict[str, int] = GRAMMAR["months"]


_CLOCK = phrase_table({"clock": GRAMMAR["clock"]["suffixes"]})
_YEAR_CUES = frozenset(GRAMMAR["years"]["cues"])
_ID_BEFORE = frozenset(GRAMMAR["identifiers"]["before"])


def _is_name_word(tok: Token, first: bool) -> bool:
    """A capitalised word that names something ("Boeing", "FTSE", "iPhone"), not a sentence
    opener such as "In" or "Over"."""
    if not tok.is_word or not any(c.isupper() for c in tok.text):
        return False
    if tok.low in _MONTHS or (tok.low,) in QUALIFIERS or (tok.low,) in CHANGES:
        return False
    if first:
        return tok.low in _ID_BEFORE
    tag = LEX.get(tok.low)
    return not (tag and tag[:2] in ("IN", "DT", "CC", "RB", "PR", "TO", "WD", "WR", "MD", "CD"))


def _year_token(tok: Token) -> int | None:
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
    if k < len(tokens) and tokens[k].low in ("st", "nd", "rd", "th") and glued(tokens, k):
        k += 1
    return d, k


def _month_token(tokens: list[Token], k: int) -> tuple[int, int] | None:
    if k >= len(tokens):
        return None
    t = tokens[k]
    if not t.is_word or not t.text[0].isupper() or t.low not in _MONTHS:
        return None
    if t.low == "may" and t.text == "MAY":
        return None
    k += 1
    if k < len(tokens) and tokens[k].text == "." and glued(tokens, k) and len(t.text) <= 4:
        k += 1
    return _MONTHS[t.low], k


def _year_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    kk = k + 1 if k < len(tokens) and tokens[k].text == "," else k
    if kk < len(tokens):
        y = _year_token(tokens[kk])
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
        return Mention(k, e, base + d1, base + d2, kind="date_range")
    return Mention(k, e, base + d1, kind="date")


# What follows the first digits of every date or time read by ``_date_at``: "2025-03-14",
# "17:22", "5 pm", "14 March", "3rd of May", "12 to 15 March".
_AFTER_DATE_DIGITS = (
    _CLOCK.firsts | frozenset(_MONTHS) | {":", "-", "–", "to", "and", "of", "st", "nd", "rd", "th"}
)


def _date_at(tokens: list[Token], k: int) -> Mention | None:
    """A date, date range or clock time starting at token ``k`` ("14 March", "12 to 15 March",
    "December 3, 2021", "March 2019", "10.45pm"); value is YYYYMMDD, year 0 when not written."""
    n = len(tokens)
    t = tokens[k]
    if t.is_digit:
        if k + 1 >= n or tokens[k + 1].low not in _AFTER_DATE_DIGITS:
            return None  # the common case: "5%", "$3 billion", "2024."
        got = _iso_date(tokens, k) or _clock(tokens, k)
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
    day = _day_token(tokens, e)
    if day and not (e < n and digits(tokens[e].text) and len(tokens[e].text) == 4):
        d1, e = day
        d2 = None
        if e + 1 < n and tokens[e].low in ("-", "–", "to"):
            day2 = _day_token(tokens, e + 1)
            if day2 and day2[0] > d1:
                d2, e = day2
        if e < n and glued(tokens, e) and tokens[e].is_word:
            return None
        return _day_month_mention(tokens, k, e, m, d1, d2)
    if t.low != "may" or e - k > 1:
        year = _year_after(tokens, e)
        if year and (e >= n or tokens[e].text != "," or t.low != "may"):
            return Mention(k, year[1], year[0] * 10000 + m * 100, kind="date")
    return None


def _iso_date(tokens: list[Token], k: int) -> Mention | None:
    """ "2025-03-14" (ISO 8601)."""
    if k + 4 >= len(tokens) or _year_token(tokens[k]) is None:
        return None
    parts = tokens[k : k + 5]
    if not (
        parts[1].text == parts[3].text == "-" and all(glued(tokens, x) for x in range(k + 1, k + 5))
    ):
        return None
    mo, d = parts[2].text, parts[4].text
    if not (digits(mo) and digits(d) and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return Mention(k, k + 5, int(parts[0].text) * 10000 + int(mo) * 100 + int(d), kind="date")


def _clock(tokens: list[Token], k: int) -> Mention | None:
    """Clock times: "10.45pm", "17:22", "5 a.m.", "0401 GMT"."""
    n = len(tokens)
    t = tokens[k]
    e = k + 1
    hh = None
    text = t.text
    if "." in text and text.count(".") == 1:
        a, b = text.split(".")
        if len(b) == 2 and digits(a) and int(a) <= 24 and int(b) < 60:
            hh = int(a) * 100 + int(b)
    if (
        hh is None
        and e + 1 < n
        and tokens[e].text == ":"
        and glued(tokens, e)
        and glued(tokens, e + 1)
        and digits(tokens[e + 1].text)
        and len(tokens[e + 1].text) == 2
        and digits(text)
        and int(text) <= 24
    ):
        hh = int(text) * 100 + int(tokens[e + 1].text)
        e += 2
        if e + 1 < n and tokens[e].text == ":" and glued(tokens, e) and tokens[e + 1].is_digit:
            e += 2
        suffix = match_forward(tokens, e, _CLOCK)
        if suffix:
            e = suffix[1]
        return Mention(k, e, hh, kind="time")
    suffix = match_forward(tokens, e, _CLOCK)
    if suffix is None:
        return None
    word = tokens[e].low
    if hh is None:
        if not digits(text):
            return None
        v = int(text)
        if word in ("am", "pm", "a", "p") and v <= 12:
            hh = v * 100
        elif (
            len(text) == 4
            and int(text[:2]) <= 24
            and int(text[2:]) < 60
            and word not in ("am", "pm", "a", "p", "h", "hrs")
        ):
            hh = v
        else:
            return None
    if word in ("h", "hrs") and len(text) != 4:
        return None
    return Mention(k, suffix[1], hh, kind="time")


def _build(tokens: list[Token], amount: Amount) -> Mention:
    """Grow an amount into a mention: sign and currency before it; ordinal suffix, scale
    letter, percent / currency name / unit and rate after it; then kind and unit."""
    m = Mention(amount.i, amount.j, amount.value, amount.high, amount=amount, core_i=amount.i)
    if not _sign_and_currency(tokens, m):
        return m  # digits glued to a name: "GEO1V"
    j = amount.j
    start = tokens[amount.i]
    n = len(tokens)
    if amount.ordinal or (
        j < n
        and tokens[j].low in ("st", "nd", "rd", "th")
        and glued(tokens, j)
        and digits(start.text)
    ):  # "sixth", "60th"
        m.kind, m.j = "ordinal", j + (not amount.ordinal)
        return m
    j = _scale_letter(tokens, m, j)
    if (
        j < n
        and tokens[j].text == "s"
        and glued(tokens, j)
        and digits(start.text)
        and len(start.text) in (2, 4)
        and start.text.endswith("0")
    ):
        m.kind, m.j = "year", j + 1  # "1990s", "the 80s"
        return m
    if amount.high is not None and j + 1 < n and tokens[j].low == "of":
        unit = unit_after(tokens, j + 1)  # "tens of thousands of dollars"
        if unit and unit[0].kind == "currency" and m.kind != "money":
            m.kind, m.unit, m.j = "money", unit[0].code, unit[1]
            return m
    j = _skip_uncertainty(tokens, j)
    j = _unit_suffix(tokens, m, j)
    if m.unit == "USD" and j < n and tokens[j].text in ("US", "U"):
        got = match_forward(tokens, j, US_AFTER)  # "$75 U.S. per barrel"
        if got:
            j = got[1]
    # ---- rates: "$58.24 per barrel", "$3500 a month", "3,000 tests per day"
    if m.kind in ("money", "quantity", "count") and m.measure != "age":
        rate = rate_after(tokens, j, money=m.kind == "money")
        if rate and not (m.kind == "count" and tokens[j].low in ("a", "an")):
            per, j = rate
            if m.kind == "count":
                m.measure = f"per {per}"
            else:
                m.unit = f"{m.unit}/{per}"
    m.j = j
    # ---- identifiers: "COVID-19", "Boeing 737", "Section 427", "5G", "ID.3"
    if m.kind == "count" and not amount.words and amount.scale == 1 and _names(tokens, amount.i, j):
        m.kind = "identifier"
    return m


def _sign_and_currency(tokens: list[Token], m: Mention) -> bool:
    """Read a minus sign and currency prefix before the amount ("-5", "minus-130", "$-50.8bn",
    "US$5", "HK $3.7bn"); False when the digits are glued to a name instead ("GEO1V")."""
    i = m.i
    sign = 1
    k = i
    if k > 0 and tokens[k - 1].text in ("-", "−", "–") and glued(tokens, k):
        before = tokens[k - 2] if k >= 2 else None
        if before is None or not glued(tokens, k - 1):
            sign, k = -1, k - 1
        elif before.low in SIGNS:  # "minus-130"
            sign, k = -1, k - 2
        elif before.text in SYMBOL_CODES:  # "$-50.8bn"
            sign, k = -1, k - 1
    cur = currency_before(tokens, k)
    if not cur and i > 0 and glued(tokens, i) and tokens[i - 1].is_word and sign == 1:
        j = m.j
        while j < len(tokens) and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit):
            j += 1
        m.kind, m.j = "identifier", j
        return False
    if cur:
        m.unit, k = cur
        m.kind = "money"
        if (
            sign == 1
            and k > 0
            and tokens[k - 1].text in ("-", "−")
            and glued(tokens, k)
            and not glued(tokens, k - 1)
        ):
            sign, k = -1, k - 1  # "-$5"
    if sign == 1 and k > 0 and tokens[k - 1].low in SIGNS:
        sign, k = -1, k - 1  # "minus 5", "negative ten"
    m.value *= sign
    m.i = k
    return True


def _scale_letter(tokens: list[Token], m: Mention, j: int) -> int:
    """A glued "m"/"b"/"M"/"T" after the digits: million when money or counting ("$5m",
    "35m devices", "4.3M"), else left for the units ("a 100m sprint")."""
    amount = m.amount
    n = len(tokens)
    if (
        m.kind == "money"
        and amount is not None
        and amount.scale == 1
        and j < n
        and tokens[j].text in ("m", "M")
        and not glued(tokens, j)
        and (j + 1 >= n or not tokens[j + 1].is_word)
    ):
        m.value *= 1e6  # "USD 2.7 m )": a spaced million after money
        amount.scale = 1e6
        return j + 1
    if not (
        j < n
        and glued(tokens, j)
        and tokens[j].text in ("m", "b", "M", "T")
        and amount is not None
        and amount.scale == 1
        and (tokens[j].text != "T" or m.kind == "money")
    ):
        return j
    nxt = tokens[j + 1] if j + 1 < n else None
    if nxt is not None and glued(tokens, j + 1) and nxt.is_word:
        return j
    if (
        m.kind == "money"
        or tokens[j].text == "M"
        or (nxt is not None and (nxt.low == "of" or plural_noun_follows(tokens, j + 1)))
        or _currency_name_at(tokens, j + 1)  # "966m rupees"
    ):
        factor = {"m": 1e6, "M": 1e6, "b": 1e9, "T": 1e12}[tokens[j].text]
        m.value *= factor
        amount.scale = factor
        return j + 1
    return j


def _skip_uncertainty(tokens: list[Token], j: int) -> int:
    """Step over a stated uncertainty so the unit after it is found: "2,000.45±0.01 pounds",
    "9.83 +/- 0.01 km"."""
    n = len(tokens)
    k = j
    if k < n and tokens[k].text == "±":
        k += 1
    elif (
        k + 2 < n
        and tokens[k].text == "+"
        and tokens[k + 1].text == "/"
        and tokens[k + 2].text == "-"
    ):
        k += 3
    else:
        return j
    if k < n and tokens[k].is_digit:
        amount = parse_number(tokens, k)
        if amount is not None:
            return amount.j
    return j


_PERCENT_POINTS = frozenset(["pp", "bp"])


def _currency_name_at(tokens: list[Token], k: int) -> bool:
    """True when a currency name starts at token ``k`` ("rupees", "euros")."""
    unit = unit_after(tokens, k)
    return unit is not None and unit[0].kind == "currency"


def _unit_suffix(tokens: list[Token], m: Mention, j: int) -> int:
    """Percent, currency name, minor unit or unit of measure after the amount; ages
    ("65-year-old"), multiples ("four times", "sixfold") and "pounds" (money or weight)."""
    n = len(tokens)
    amount = m.amount
    unit = unit_after(tokens, j)
    if unit:
        u, e = unit
        if u.kind == "percent":
            if m.kind != "money":
                m.kind, m.unit, j = "percent", "%", e
        elif u.kind in ("currency", "minor"):
            if m.kind != "money" or m.unit == u.code:
                m.kind = "money"
                m.unit = u.code if u.kind == "currency" else u.name
                j = e
        elif m.kind != "money":
            m.kind, m.unit, j = u.kind, u.code, e
            if u.code in _PERCENT_POINTS:
                m.kind = "percent"  # "2 percentage points", "25 basis points": unit pp / bp
            if u.kind == "duration":  # "65-year-old", "18 month-old", "a 2,900 year-old"
                if j + 1 < n and tokens[j].text == "-" and tokens[j + 1].low == "old":
                    m.kind, m.measure, j = "quantity", "age", j + 2
                elif j < n and tokens[j].low == "old":
                    m.kind, m.measure, j = "quantity", "age", j + 1
        return j
    if m.kind == "money" or j >= n:
        return j
    w = tokens[j].low
    if w == "times" and amount is not None and (amount.words or amount.value < 1000):
        m.measure, j = "times", j + 1
    elif w == "fold" and glued(tokens, j):
        m.measure, j = "fold", j + 1
    elif w == "-" and glued(tokens, j) and j + 1 < n and tokens[j + 1].low == "fold":
        m.measure, j = "fold", j + 2
    elif w in ("pound", "pounds") and amount is not None:
        # "5 million pounds" is money, "208 pounds" a weight
        m.kind, m.unit = ("money", "GBP") if amount.scale > 1 else ("quantity", "lb")
        j += 1
    return j


_NOT_NAME_PREFIXES = frozenset(GRAMMAR["words"]["not_name_prefixes"])


def _names(tokens: list[Token], i: int, j: int) -> bool:
    """True when the digits at ``i`` (ending before ``j``) are part of a name."""
    n = len(tokens)
    if j < n and glued(tokens, j) and tokens[j].is_word:
        return True  # "5G", "737MAX"
    if i == 0:
        return False
    prev = tokens[i - 1]
    if glued(tokens, i):
        if prev.is_word:
            return True  # "G20", "A4"
        if prev.text in ("-", "–", ".") and i >= 2 and glued(tokens, i - 1):
            word = tokens[i - 2]
            # "COVID-19", "F-35", "ID.3"; not "mid-2019", "sub-7", "minus-130"
            return (
                word.is_word
                and (word.text != word.low or word.low in _ID_BEFORE)  # not "12-of-18"
                and word.low not in _NOT_NAME_PREFIXES
                and ((word.low,) not in QUALIFIERS)
            )
        if prev.text in ("#", "№"):
            return True
    if prev.text in ("-", "−") and i >= 2 and tokens[i - 2].low in _ID_BEFORE:
        return True  # "COVID -19"
    # "Boeing 737", "Section 427", "FTSE 100"
    return prev.is_word and (
        (prev.low in _ID_BEFORE and prev.low != "p") or _is_name_word(prev, first=i == 1)
    )


def _years(m: Mention, tokens: list[Token]) -> None:
    """Bare four-digit numbers read as calendar years ("in 2024", "2020 Escape", "A.D. 1000"),
    unless a qualifier or a counted noun shows a count ("more than 2000 people")."""
    if m.kind != "count" or m.amount is None or m.amount.words or m.amount.scale > 1:
        return
    y = _year_token(tokens[m.core_i])
    if y is None or m.measure or m.i != m.core_i:
        return
    k = m.core_i
    while k > 0 and tokens[k - 1].text == ".":
        k -= 2 if k >= 2 and tokens[k - 2].is_word else 1
    cue = (k > 0 and tokens[k - 1].low in _YEAR_CUES) or "".join(
        [t.low for t in tokens[max(0, m.core_i - 4) : m.core_i]]
    ).endswith(("a.d.", "b.c."))
    prev = tokens[k - 1].low if k > 0 else ""
    late = y > 2100 and prev in ("by", "in", "until", "till", "before", "after", "from", "to")
    if not (cue or late or 1900 <= y <= 2100):
        return
    qual = match_back(tokens, m.i, QUALIFIERS)
    if (qual and tokens[qual[1]].low not in _YEAR_CUES) or (
        not cue and y % 100 == 0 and plural_noun_follows(tokens, m.j)
    ):
        return  # "more than 2000 people", "2000 workers"; but "circa 1450" is a year
    m.kind = "year"


def _range(tokens: list[Token], a: Mention, b: Mention, between: bool) -> bool:
    """Merge ``b`` into ``a`` when together they write a range; True when merged."""
    if a.kind in ("ordinal", "identifier", "date", "time") or b.kind in (
        "ordinal",
        "identifier",
        "date",
        "time",
    ):
        return False
    if a.kind == "year" and b.kind in ("year", "count"):
        hi = b.value
        if b.kind == "count" and b.amount and not b.amount.words and b.value < 100:
            hi = a.value - a.value % 100 + b.value  # "2018-19"
        elif b.kind != "year" and _year_token(tokens[b.core_i]) is None:
            return False
        a.kind, a.high, a.j = "date_range", hi, b.j
        return True
    if a.kind == "year" or b.kind == "year":
        return False
    same = a.unit == b.unit and a.kind == b.kind
    if not same:
        if a.bare and not a.measure:
            a.kind, a.unit = b.kind, b.unit
        elif b.bare and between and not b.measure:
            pass
        elif a.kind == b.kind and (
            b.unit.startswith(a.unit + "/") or (between and a.unit.startswith(b.unit + "/"))
        ):
            # "$62 and $68 per share": the rate written once applies to both ends
            a.unit = max(a.unit, b.unit, key=len)
        else:
            return False
    # "$10 to $15 billion", "33-35 billion": the scale written once applies to both ends
    if (
        b.amount
        and a.amount
        and b.amount.scale > 1
        and a.amount.scale == 1
        and abs(a.value) * b.amount.scale <= abs(b.value)
    ):
        a.value *= b.amount.scale
    a.high = b.value
    a.j = b.j
    if not a.measure:
        a.measure = b.measure
    if b.qualifier and not a.qualifier:
        a.qualifier, a.bound = b.qualifier, b.bound
    return True


_RANGE_LINKS = (
    ["-"],
    ["–"],
    ["—"],
    ["to"],
    ["-", "to"],
    ["-", "to", "-"],
    ["to", "-"],
    ["through"],
)


def _one_is_pronoun(tokens: list[Token], i: int) -> bool:
    """ "the same one", "no one", "one another": "one" that counts nothing."""
    n = len(tokens)
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[i + 1] if i + 1 < n else None
    if prev in ONE_PRONOUN_BEFORE:
        return True
    if nxt is not None and nxt.text == "-" and glued(tokens, i + 1):
        return False  # "one-year", "one-yen"
    if nxt is None or not nxt.is_word or nxt.low in ONE_PRONOUN_AFTER:
        return True
    if unit_after(tokens, i + 1):
        return False  # "one per cent", "one mile"
    tag = pos_tag(nxt)
    return not (tag.startswith("NN") or tag.startswith("JJ") or nxt.low in ("of", "to", "or"))


# The tokens ``_scan`` stops at besides digit runs: number words, month names and "." (".500").
_SCAN_WORDS = STARTERS | frozenset(_MONTHS) | {"."}


def _scan(text: str) -> tuple[list[Token], list[Mention]]:
    """Tokenize once and collect dates, times and amounts left to right."""
    tokens, marks = tokenize(text, _SCAN_WORDS)
    n = len(tokens)
    mentions: list[Mention] = []
    k = 0
    for mark in marks:  # any other token starts neither a date nor an amount
        if mark < k:
            continue  # inside the mention just read
        k = mark
        tok = tokens[k]
        if tok.is_digit or (tok.is_word and tok.low in _MONTHS and tok.text[0].isupper()):
            date = _date_at(tokens, k)
            if date is not None:
                mentions.append(date)
                k = date.j
                continue
        if not (tok.is_digit or tok.low in STARTERS or tok.text == "."):
            continue
        if tok.low in ("a", "an", ".") and not may_start_number(tokens, k):
            continue  # most of them: "a new plan", the full stop
        amount = parse_number(tokens, k)
        if amount is None:
            continue
        if (
            amount.words
            and tokens[k].low == "one"
            and amount.j == k + 1
            and _one_is_pronoun(tokens, k)
        ):
            continue
        # "the Five Nations", "Big Four": a capitalised number word inside a name
        if (
            amount.words
            and k > 0
            and tokens[k].text[0].isupper()
            and amount.j < n
            and tokens[amount.j].is_word
            and tokens[amount.j].text[0].isupper()
            and tokens[k - 1].text not in (".", ":", '"', "“", "(")
        ):
            k = amount.j
            continue
        if amount.words and _quoted_name(tokens, k, amount.j):
            k = amount.j
            continue
        # "one-China policy": a spelled number glued by hyphen to a name
        if (
            amount.words
            and amount.j < n
            and tokens[amount.j].text == "-"
            and amount.j + 1 < n
            and glued(tokens, amount.j)
            and glued(tokens, amount.j + 1)
            and tokens[amount.j + 1].text[:1].isupper()
            and not unit_after(tokens, amount.j + 1)
        ):
            k = amount.j + 2
            continue
        m = _build(tokens, amount)
        mentions.append(m)
        k = m.j
    return tokens, mentions


_OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}


def _quoted_name(tokens: list[Token], i: int, j: int) -> bool:
    """True when a spelled-out number opens a short quoted name: China's "two sessions",
    the "Three Represents" (the quotes close within three words after the number)."""
    if i == 0 or tokens[i - 1].text not in _OPEN_QUOTES:
        return False
    close = _OPEN_QUOTES[tokens[i - 1].text]
    words = 0
    for k in range(j, min(j + 5, len(tokens))):
        tok = tokens[k]
        if tok.text == close:
            return words > 0  # at least one word named: '"two" of them' is still a count
        if tok.is_word and tok.low not in stopwords():
            words += 1
        elif tok.text not in (",", ".") or words == 0:
            return False  # '"two of them"' is quoted speech, not a name
    return False


def _word_before(tokens: list[Token], i: int) -> str:
    """The word before token ``i``, looking past era marks: "between A.D. 1000" -> between."""
    k = i - 1
    while k >= 0 and (tokens[k].text == "." or tokens[k].low in ("a", "d", "ad", "c", "ca")):
        if tokens[k].low == "a" and not (k + 1 < i and tokens[k + 1].text == "."):
            break
        k -= 1
    return tokens[k].low if k >= 0 else ""


def _is_age(tokens: list[Token], m: Mention) -> bool:
    """ "Maddon, 66, has ...": a person's age set off by commas after a name."""
    if not (m.bare and m.amount is not None and not m.amount.words and m.j - m.i == 1):
        return False
    if not (0 < m.value < 120 and m.value.is_integer()) or m.i < 2 or m.j >= len(tokens):
        return False
    name = tokens[m.i - 2]
    return (
        tokens[m.i - 1].text == ","
        and tokens[m.j].text == ","
        and name.is_word
        and name.text[0].isupper()
        and _is_name_word(name, first=False)
    )


_AGE_SUBJECTS = frozenset(GRAMMAR["measure"]["age_subjects"])
_AGE_VERBS = frozenset(GRAMMAR["measure"]["age_verbs"])
_AGE_AFTER = frozenset(GRAMMAR["measure"]["age_after"])


def _is_age_stated(tokens: list[Token], m: Mention) -> bool:
    """ "He will be 35 by the end of the year", "she turned 70 in May", "life expectancy for men
    is around 73": a bare whole number stated of a person (or of a life span) is an age."""
    if not (m.bare and not m.measure and m.high is None and m.amount is not None):
        return False
    if not (0 < m.value < 120 and m.value.is_integer()):
        return False
    j = m.j
    if (
        j < len(tokens)
        and tokens[j].is_word
        and tokens[j].low not in _AGE_AFTER
        and pos_tag(tokens[j]) != "VBG"
    ):
        return False  # "he was 35 minutes late", "she is 1 of 3"
    k = m.i
    if k < 2 or tokens[k - 1].low not in _AGE_VERBS:
        return False
    k -= 1
    while k > 0 and tokens[k - 1].low in _AGE_VERBS | {"will", "would", "now", "already"}:
        k -= 1
    subject = tokens[k - 1].low if k > 0 else ""
    if subject in _AGE_SUBJECTS:
        return True
    # "life expectancy for men in Glasgow is around 73"
    back = [t.low for t in tokens[max(0, k - 8) : k]]
    return "expectancy" in back or "age" in back[-2:]


def _bounded_intervals(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "more than 100 and less than 300", "above 1000 but below 1500": two opposite bounds
    joined by "and"/"but" are one interval (value..value_high, qualifier "between")."""
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if (
            a is not None
            and a.high is None
            and m.high is None
            and {a.bound, m.bound} == {"above", "below"}
            and [t.low for t in tokens[a.j : m.i]] in (["and"], ["but"], [",", "and"], [","])
            and (a.unit == m.unit or not a.unit or not m.unit)
            and a.kind in ("count", "percent", "money", "quantity", "duration", "ordinal")
        ):
            lo, hi = (a.value, m.value) if a.bound == "above" else (m.value, a.value)
            if lo < hi:
                a.value, a.high, a.j = lo, hi, m.j
                a.unit, a.kind = a.unit or m.unit, a.kind if a.unit else m.kind
                a.qualifier, a.bound = "between", "exact"
                a.measure = a.measure or m.measure
                continue
        out.append(m)
    return out


def _finish(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Ranges, qualifiers, years, changes and measures over the mentions of a sentence."""
    out: list[Mention] = []
    skip = set()
    for idx, m in enumerate(mentions):
        if idx in skip:
            continue
        if m.kind in ("date", "date_range", "time"):
            out.append(m)
            continue
        _years(m, tokens)
        # ranges: "between 3 and 4", "from 5 to 6", "5-6 percent", "12 to 15" (no link
        # between the two ends is longer than three tokens)
        if idx + 1 < len(mentions) and 0 < mentions[idx + 1].i - m.j <= 3:
            b = mentions[idx + 1]
            conn = [t.low for t in tokens[m.j : b.i]]
            prev = _word_before(tokens, m.i)
            between = prev == "between"
            from_ = prev == "from"
            # a spaced hyphen or em dash is punctuation: "£35bn - £2.5bn less than ..."
            dashed = (
                conn in (["-"], ["—"])
                and not (glued(tokens, m.j) or glued(tokens, b.i))
                and not (m.bare and conn == ["-"])  # but "1000 - 5000" is a range
            )
            ok = not dashed and (
                conn in _RANGE_LINKS
                or (between and conn == ["and"])
                or (from_ and conn == ["up", "to"])
                or (conn == ["/"] and m.kind == "year")  # "2004/05"
            )
            # "increased by $43.6 billion to $419.2 billion": a change, then the new level
            if ok and conn == ["to"] and not from_ and change_before(tokens, m):
                ok = False
            if ok:
                _years(b, tokens)
                if _range(tokens, m, b, between or from_):
                    skip.add(idx + 1)
        out.append(m)
    for m in out:
        if m.kind in ("date", "date_range", "time", "identifier"):
            continue
        set_qualifier(tokens, m)
        set_change(tokens, m)
        if m.kind != "year":
            set_measure(tokens, m)
    out = _bounded_intervals(tokens, out)
    for m in out:
        if m.bare and m.i > 0 and tokens[m.i - 1].low in ("aged", "age", "ages"):
            m.kind, m.unit, m.measure = "quantity", "years", "age"  # "men aged 18 to 34"
        if m.bare and (_is_age(tokens, m) or _is_age_stated(tokens, m)):
            m.kind, m.unit, m.measure = "quantity", "years", "age"
    carry_context(
        tokens,
        [
            m
            for m in out
            if m.kind not in ("date", "date_range", "time", "identifier", "ordinal", "year")
        ],
    )
    return out


def find(text: str, offset: int = 0, include_identifiers: bool = False) -> list[Figure]:
    """Figures in ``text`` (one sentence); offsets are shifted by ``offset``.

    Returns one ``Figure`` per numeric expression, in text order. Identifiers ("COVID-19",
    "Boeing 737") are left out unless ``include_identifiers``.

    Value conventions: fully scaled ("$800 million" -> 8e8); percents in percent ("5%" -> 5,
    unit "%"; percentage and basis points -> unit "pp" / "bp"); fractions as decimals ("a
    third" -> 0.333); money in its currency (ISO code, or the minor unit such as "cent");
    rates as "unit/per" ("USD/barrel"); dates as YYYYMMDD with year 0 when not written
    ("14 March" -> 314), years as the year, clock times as HHMM (kind "time"); ranges and
    vague plurals fill ``value_high`` ("dozens of" -> 12..120).
    """
    if not text or not may_hold_number(text):
        return []
    tokens, mentions = _scan(text)
    figures: list[Figure] = []
    for m in _finish(tokens, mentions):
        if m.kind == "identifier" and not include_identifiers:
            continue
        if not math.isfinite(m.value) or (m.high is not None and not math.isfinite(m.high)):
            continue
        i, j = m.i, m.j
        if m.kind == "identifier":  # show the whole name: "COVID-19", "G20", "GEO1V"
            while (
                i > 0
                and glued(tokens, i)
                and (tokens[i - 1].is_word or tokens[i - 1].text in ("-", "."))
            ):
                i -= 1
            while (
                j < len(tokens) and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit)
            ):
                j += 1
            while i < m.i and not tokens[i].is_word:
                i += 1
        start, end = tokens[i].start, tokens[j - 1].end
        kind = m.kind
        unit = m.unit
        figures.append(
            Figure(
                start + offset,
                end + offset,
                text[start:end],
                float(m.value),
                None if m.high is None else float(m.high),
                unit,
                kind,
                tidy_measure(m.measure),
                m.qualifier,
                m.bound,
                m.change,
            )
        )
    return figures


__all__ = ["KINDS", "TIME_KINDS", "Figure", "find", "unit_name"]
