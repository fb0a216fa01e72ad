"""Figures: every numeric expression in a sentence, with its value, unit, kind and measure.

Contract (the pipeline, exports and evaluations rely on it): ``find(text, offset)``
returns ``Figure`` rows whose ``start``/``end`` are offsets into the document, so that
``document_text[start:end] == surface``.

How it works, per sentence: tokenize once (``metrics.numbers.tokenize``), mark dates and
clock times, then at every token that starts a number parse the amount and grow it outwards:
currency / sign / qualifier / change verb before it, scale / percent / currency name / unit /
rate ("per barrel") / range partner after it. Only sentences holding a digit or a number
word are tokenized, and part-of-speech look-ups for the measured noun use TextBlob's shipped
lexicon (a dict look-up, no model, no downloaded data), so the extractor stays far cheaper
than the sentiment scoring it runs beside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from metrics.numbers import (
    CARDINALS,
    CURRENCIES,
    GRAMMAR,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    ORDINALS,
    SIGNS,
    STARTERS,
    UNITS,
    Amount,
    PhraseTable,
    Token,
    alias_tokens,
    digit_value,
    glued,
    may_hold_number,
    parse_number,
    tokenize,
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


# ----------------------------------------------------------------------------- vocabulary
def _phrases(items: dict[str, list[str]]) -> PhraseTable:
    """{"above": ["more than"]} -> {("more", "than"): "above"} (lower-case token tuples)."""
    out: dict[tuple[str, ...], str] = {}
    for label, phrases in items.items():
        for p in phrases:
            out.setdefault(tuple(x.lower() for x in alias_tokens(p)), label)
    return PhraseTable(out)


_QUALIFIERS = _phrases(GRAMMAR["qualifiers"])
_POST_QUALIFIERS = _phrases(GRAMMAR["post_qualifiers"])
_CHANGES = _phrases({k: v for k, v in GRAMMAR["changes"].items() if k in ("up", "down")})
_CHANGE_FILLERS = frozenset(GRAMMAR["changes"]["change_fillers"])
_MONTHS: dict[str, int] = GRAMMAR["months"]
_CLOCK = _phrases({"clock": GRAMMAR["clock"]["suffixes"]})
_YEAR_CUES = frozenset(GRAMMAR["years"]["cues"])
_ID_BEFORE = frozenset(GRAMMAR["identifiers"]["before"])
_MAX_PHRASE = 4


@dataclass(frozen=True, slots=True)
class _Unit:
    code: str
    name: str
    kind: str  # quantity | duration | currency | minor | percent


def _unit_tables() -> tuple[PhraseTable, PhraseTable]:
    """(case-sensitive symbol table, lower-case word table) for units, percent and currency
    names written after the number."""
    sym: dict[tuple[str, ...], _Unit] = {}
    words: dict[tuple[str, ...], _Unit] = {}

    def add_word(w: str, u: _Unit) -> None:
        toks = tuple(x.lower() for x in alias_tokens(w))
        words.setdefault(toks, u)
        last = toks[-1]
        if last.isalpha() and not last.endswith("s"):
            plural = last + ("es" if last.endswith(("ch", "sh", "x")) else "s")
            words.setdefault((*toks[:-1], plural), u)

    for entry in UNITS:
        u = _Unit(entry["code"], entry["name"], entry.get("kind", "quantity"))
        for s in entry.get("symbols", []):
            sym.setdefault(alias_tokens(s), u)
        for w in entry.get("words", []):
            add_word(w, u)
    pct = _Unit("%", "percentage", "percent")
    for s in ("%", "％", "pct", "pct."):
        sym[alias_tokens(s)] = pct
    for w in ("percent", "per cent", "percentage", "per-cent", "pc", "percentages"):
        words[tuple(alias_tokens(w))] = pct
    for code, spec in CURRENCIES.items():
        for w in spec.get("names", []):
            add_word(w, _Unit(code, w, "currency"))
        minor = spec.get("minor", [])
        for w in minor:  # shown as the currency's first minor name: "cent", "pence", "sen"
            if len(w) <= 1 or not w.isalpha():
                sym.setdefault(alias_tokens(w), _Unit(code, minor[0], "minor"))
            else:
                add_word(w, _Unit(code, minor[0], "minor"))
    return PhraseTable(sym), PhraseTable(words)


_UNIT_SYMBOLS, _UNIT_WORDS = _unit_tables()
_UNIT_NAMES = {u.code: u.name for u in _UNIT_SYMBOLS.values() if u.kind in ("quantity", "duration")}
_UNIT_NAMES.update(
    {u.code: u.name for u in _UNIT_WORDS.values() if u.kind in ("quantity", "duration")}
)
_PREFIXES = PhraseTable(
    {
        alias_tokens(p): code
        for code, spec in reversed(CURRENCIES.items())
        for p in spec.get("prefixes", [])
    }
)
_US_AFTER = PhraseTable({("us",): 1, ("u", ".", "s", "."): 1, ("u", ".", "s"): 1})
_SYMBOL_CODES = {"$", "€", "£", "¥"}


def unit_name(unit: str) -> str:
    """The spelled-out name of a unit code ("km" -> "kilometre"); "" when unknown."""
    head = unit.split("/")[0]
    return _UNIT_NAMES.get(head, "")


# ----------------------------------------------------------------------------- POS look-up
def _lexicon() -> dict[str, str]:
    try:
        from textblob.en import lexicon  # shipped with textblob; no downloaded data

        lexicon.load()
        return dict(lexicon)
    except Exception:  # pragma: no cover - textblob is a runtime dependency
        return {}


_LEX = _lexicon()
_NP_SKIP = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
    ]
)
_CHANGE_NOUNS = frozenset(
    [
        "rise",
        "increase",
        "drop",
        "fall",
        "decline",
        "gain",
        "jump",
        "cut",
        "reduction",
        "hike",
        "surge",
        "slump",
        "decrease",
        "rebound",
        "stake",
        "share",
        "boost",
        "dip",
        "slide",
        "plunge",
        "climb",
        "return",
        "rises",
        "increases",
        "drops",
        "falls",
        "declines",
        "gains",
        "cuts",
        "stakes",
        "shares",
    ]
)


def _tag(tok: Token) -> str:
    """Part of speech of one token from TextBlob's lexicon, guessing for unknown words."""
    if len(tok.text) > 1 and tok.text.isupper():
        return "NNP"  # "GDP", "US", "EV"
    tag = _LEX.get(tok.text) or _LEX.get(tok.low)
    if tag:
        if tok.text[0].isupper() and tag not in ("NN", "NNS", "NNP", "NNPS", "JJ"):
            return tag if tok.low in _LEX else "NNP"
        return tag
    if tok.text[0].isupper():
        return "NNP"
    if tok.low.endswith("ing"):
        return "VBG"
    if tok.low.endswith("ed"):
        return "VBN"
    if tok.low.endswith("ly"):
        return "RB"
    if tok.low.endswith("s"):
        return "NNS"
    return "NN"


def _plural_noun_follows(tokens: list[Token], k: int) -> bool:
    """True when the noun phrase at ``k`` ends in a plural noun ("2.7m combined sales")."""
    if k >= len(tokens) or _unit_after(tokens, k):
        return False
    np, e = _noun_phrase(tokens, k)
    return bool(np) and _tag(tokens[e - 1]) in ("NNS", "NNPS")


def _noun_phrase(
    tokens: list[Token], k: int, skip_det: bool = False, after_number: bool = False
) -> tuple[str, int]:
    """The noun phrase starting at token ``k`` (lower-case) and the index after it.

    Adjectives, gerunds and nouns up to the first plural noun or non-nominal word;
    "Kia and Hyundai vehicles" keeps its coordination; hyphenated compounds stay whole."""
    n = len(tokens)
    if skip_det:
        while k < n and tokens[k].low in _NP_SKIP:
            k += 1
        if k + 1 < n and tokens[k + 1].text in ("'", "’") and glued(tokens, k + 1):
            k += 3 if k + 2 < n and tokens[k + 2].low == "s" else 2
    words: list[str] = []
    tags: list[str] = []
    ends: list[int] = []
    j = k
    while j < n and len(words) < 6:
        t = tokens[j]
        if not t.is_word:
            break
        if t.low == "and" and words and tags[-1] != "NNS" and j + 1 < n and tokens[j + 1].is_word:
            nxt_tag = _tag(tokens[j + 1])
            if nxt_tag.startswith("NN") or nxt_tag == "JJ":
                words.append("and")
                tags.append("CC")
                ends.append(j + 1)
                j += 1
                continue
            break
        text = t.low
        jj = j + 1
        while (
            jj + 1 < n
            and tokens[jj].text == "-"
            and glued(tokens, jj)
            and glued(tokens, jj + 1)
            and (tokens[jj + 1].is_word or tokens[jj + 1].is_digit)
        ):
            text += "-" + tokens[jj + 1].low
            jj += 2
        tag = "JJ" if jj > j + 1 else _tag(t)
        if after_number and not words and t.low not in _AUXILIARIES:
            # right after an amount a verb-looking word is a noun: "3.7 rebounds", "a 9-2 lead"
            tag = {"VBZ": "NNS", "VB": "NN"}.get(tag, tag)
        if not (tag.startswith("NN") or tag in ("JJ", "JJS", "VBG", "VBN", "FW")):
            break
        words.append(text)
        tags.append(tag)
        ends.append(jj)
        j = jj
        if tag in ("NNS", "NNPS") and not (
            j < n and tokens[j].is_word and _tag(tokens[j]) in ("NNS", "NNPS")
        ):
            break
    while tags and not tags[-1].startswith("NN"):
        tags.pop()
        words.pop()
        ends.pop()
    return " ".join(words), (ends[-1] if ends else k)


# ----------------------------------------------------------------------------- helpers
def _match_back(
    tokens: list[Token], end: int, table: PhraseTable, lower: bool = True
) -> tuple[str, int] | None:
    """Longest phrase of ``table`` ending right before token ``end``: (label, start index)."""
    if end <= 0 or (tokens[end - 1].low if lower else tokens[end - 1].text) not in table.lasts:
        return None
    for size in range(min(table.longest, end), 0, -1):
        s = end - size
        key = tuple((t.low if lower else t.text) for t in tokens[s:end])
        label = table.get(key)
        if label is not None:
            return label, s
    return None


def _match_forward(tokens: list[Token], j: int, table: PhraseTable, lower: bool = True):
    """Longest phrase of ``table`` starting at token ``j``: (value, end index)."""
    n = len(tokens)
    if j >= n or (tokens[j].low if lower else tokens[j].text) not in table.firsts:
        return None
    for size in range(min(table.longest, n - j), 0, -1):
        key = tuple((t.low if lower else t.text) for t in tokens[j : j + size])
        got = table.get(key)
        if got is not None:
            # multi-token aliases must be written without gaps unless made of words
            if size > 1 and not all(
                glued(tokens, x)
                or (tokens[x].is_word and tokens[x - 1].is_word)
                or tokens[x - 1].text == "."
                for x in range(j + 1, j + size)
            ):
                continue
            return got, j + size
    return None


def _is_name_word(tok: Token, first: bool) -> bool:
    """A capitalised word that names something ("Boeing", "FTSE", "iPhone"), not a sentence
    opener such as "In" or "Over"."""
    if not tok.is_word or not any(c.isupper() for c in tok.text):
        return False
    if tok.low in _MONTHS or (tok.low,) in _QUALIFIERS or (tok.low,) in _CHANGES:
        return False
    if first:
        return tok.low in _ID_BEFORE
    tag = _LEX.get(tok.low)
    return not (tag and tag[:2] in ("IN", "DT", "CC", "RB", "PR", "TO", "WD", "WR", "MD", "CD"))


@dataclass(slots=True)
class _Mention:
    i: int  # first token (prefixes included)
    j: int  # token after the last
    value: float
    high: float | None = None
    unit: str = ""
    kind: str = "count"
    measure: str = ""
    qualifier: str = ""
    bound: str = "exact"
    change: str = ""
    amount: Amount | None = None
    core_i: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def bare(self) -> bool:
        return self.kind == "count" and not self.unit


# ----------------------------------------------------------------------------- dates, times
def _digits(s: str) -> bool:
    """True for a non-empty run of ASCII digits ("²" and "٣" are not)."""
    return s.isascii() and s.isdigit()


def _year_token(tok: Token) -> int | None:
    if tok.is_digit and len(tok.text) == 4 and _digits(tok.text):
        y = int(tok.text)
        if 1000 <= y <= 2199:
            return y
    return None


def _day_token(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A day of month at ``k`` ("14", "3rd"): (day, index after)."""
    if k >= len(tokens) or not _digits(tokens[k].text) or len(tokens[k].text) > 2:
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


def _date_at(tokens: list[Token], k: int) -> _Mention | None:
    """A date, date range or clock time starting at token ``k`` ("14 March", "12 to 15 March",
    "December 3, 2021", "March 2019", "10.45pm"); value is YYYYMMDD, year 0 when not written."""
    n = len(tokens)
    t = tokens[k]
    if t.is_digit:
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
        y = 0
        year = _year_after(tokens, e)
        if year:
            y, e = year
        if d2:
            return _Mention(
                k, e, y * 10000 + m * 100 + d1, y * 10000 + m * 100 + d2, kind="date_range"
            )
        return _Mention(k, e, y * 10000 + m * 100 + d1, kind="date")
    month = _month_token(tokens, k)
    if not month:
        return None
    m, e = month
    day = _day_token(tokens, e)
    if day and not (e < n and _digits(tokens[e].text) and len(tokens[e].text) == 4):
        d1, e = day
        d2 = None
        if e + 1 < n and tokens[e].low in ("-", "–", "to"):
            day2 = _day_token(tokens, e + 1)
            if day2 and day2[0] > d1:
                d2, e = day2
        if e < n and glued(tokens, e) and tokens[e].is_word:
            return None
        y = 0
        year = _year_after(tokens, e)
        if year:
            y, e = year
        if d2:
            return _Mention(
                k, e, y * 10000 + m * 100 + d1, y * 10000 + m * 100 + d2, kind="date_range"
            )
        return _Mention(k, e, y * 10000 + m * 100 + d1, kind="date")
    if t.low != "may" or e - k > 1:
        year = _year_after(tokens, e)
        if year and (e >= n or tokens[e].text != "," or t.low != "may"):
            return _Mention(k, year[1], year[0] * 10000 + m * 100, kind="date")
    return None


def _iso_date(tokens: list[Token], k: int) -> _Mention | None:
    """ "2025-03-14" (ISO 8601)."""
    if k + 4 >= len(tokens) or _year_token(tokens[k]) is None:
        return None
    parts = tokens[k : k + 5]
    if not (
        parts[1].text == parts[3].text == "-" and all(glued(tokens, x) for x in range(k + 1, k + 5))
    ):
        return None
    mo, d = parts[2].text, parts[4].text
    if not (_digits(mo) and _digits(d) and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return _Mention(k, k + 5, int(parts[0].text) * 10000 + int(mo) * 100 + int(d), kind="date")


def _clock(tokens: list[Token], k: int) -> _Mention | None:
    """Clock times: "10.45pm", "17:22", "5 a.m.", "0401 GMT"."""
    n = len(tokens)
    t = tokens[k]
    e = k + 1
    hh = None
    text = t.text
    if "." in text and text.count(".") == 1:
        a, b = text.split(".")
        if len(b) == 2 and _digits(a) and int(a) <= 24 and int(b) < 60:
            hh = int(a) * 100 + int(b)
    if (
        hh is None
        and e + 1 < n
        and tokens[e].text == ":"
        and glued(tokens, e)
        and glued(tokens, e + 1)
        and _digits(tokens[e + 1].text)
        and len(tokens[e + 1].text) == 2
        and _digits(text)
        and int(text) <= 24
    ):
        hh = int(text) * 100 + int(tokens[e + 1].text)
        e += 2
        if e + 1 < n and tokens[e].text == ":" and glued(tokens, e) and tokens[e + 1].is_digit:
            e += 2
        suffix = _match_forward(tokens, e, _CLOCK)
        if suffix:
            e = suffix[1]
        return _Mention(k, e, hh, kind="time")
    suffix = _match_forward(tokens, e, _CLOCK)
    if suffix is None:
        return None
    word = tokens[e].low
    if hh is None:
        if not _digits(text):
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
    return _Mention(k, suffix[1], hh, kind="time")


# ----------------------------------------------------------------------------- the grammar
def _currency_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A currency prefix ending right before token ``i`` ("$", "US$", "HK $", "RM", "USD ")."""
    got = _match_back(tokens, i, _PREFIXES, lower=False)
    if not got:
        return None
    code, s = got
    last = tokens[i - 1]
    # letter prefixes of one or two letters must be glued: "RM23.50" yes, "PS 5" no
    if last.is_word and len(last.text) <= 2 and not glued(tokens, i):
        return None
    # a prefix glued to a word before it is part of a name: "PLX-R18", "ABCR5"
    before = tokens[s - 1] if s > 0 else None
    if (
        before is not None
        and glued(tokens, s)
        and last.text not in _SYMBOL_CODES
        and (before.is_word or before.is_digit or before.text == "-")
    ):
        return None
    return code, s


def _unit_after(tokens: list[Token], j: int) -> tuple[_Unit, int] | None:
    """A unit, percent sign or currency name starting at token ``j`` (case rules by table)."""
    n = len(tokens)
    if j >= n:
        return None
    k = j
    if tokens[k].text in ("-", "–") and glued(tokens, k) and k + 1 < n and glued(tokens, k + 1):
        k += 1  # "422-km", "5-mpg", "65-year-old"
    best = None
    for table, lower in ((_UNIT_WORDS, True), (_UNIT_SYMBOLS, False)):
        got = _match_forward(tokens, k, table, lower=lower)
        if got and (best is None or got[1] > best[1]):
            best = got
    if best is None:
        return None
    unit, e = best
    first = tokens[k]
    # a symbol must end at a word boundary: "5 m" yes, "5 mornings" is one token anyway;
    # single letters glued to a following letter/digit ("5G", "4x4") are no units
    if e < n and glued(tokens, e) and (tokens[e].is_word or tokens[e].is_digit):
        return None
    if unit.kind == "minor" and (
        (first.text in ("p", "c") and not glued(tokens, k)) or first.text[0].isupper()
    ):
        return None  # "5 p" apart, "50 Cent" (a name)
    if (
        e - k == 1
        and len(first.text) == 1
        and first.text.isalpha()
        and not glued(tokens, k)
        and (unit.kind != "quantity" or first.text in ("h", "s", "t", "m", "g", "l"))
        and not (e >= len(tokens) or not tokens[e].is_word or tokens[e].low in _DIMENSION_WORDS)
    ):
        return None  # "5 s", "the 5 t" are rarely units when spaced; "2,000 m above" is
    return unit, e


_DIMENSION_WORDS = frozenset(GRAMMAR["units"]["after_spaced_symbol"])


def _rate_after(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """ "per barrel", "a year", "/kg", "per share" after a unit or amount."""
    n = len(tokens)
    if j >= n:
        return None
    w = tokens[j].low
    if w in ("per", "/", "a", "an", "each", "every") and j + 1 < n:
        k = j + 1
        if w == "/" and not glued(tokens, k):
            return None
        u = _match_forward(tokens, k, _UNIT_WORDS) or _match_forward(
            tokens, k, _UNIT_SYMBOLS, lower=False
        )
        if (
            u
            and u[0].kind == "duration"
            and u[1] < len(tokens)
            and tokens[u[1]].low in ("ago", "earlier", "later", "before", "after", "on", "from")
        ):
            return None  # "$6.78 billion a year earlier"
        if u and u[0].kind in ("duration", "quantity"):
            return u[0].name, u[1]
        if w == "per" and tokens[k].is_word:
            np, e = _noun_phrase(tokens, k, skip_det=False)
            if np:
                return np, e
        if w == "/" and tokens[k].is_word and len(tokens[k].text) <= 6:
            return tokens[k].low, k + 1
    return None


def _build(tokens: list[Token], amount: Amount, text: str) -> _Mention | None:
    """Grow an amount into a mention: prefixes and suffixes, kind and unit."""
    n = len(tokens)
    i, j = amount.i, amount.j
    m = _Mention(i, j, amount.value, amount.high, amount=amount, core_i=i)
    start_tok = tokens[i]
    # ---- prefixes: sign and currency
    sign = 1
    k = i
    if k > 0 and tokens[k - 1].text in ("-", "−", "–") and glued(tokens, k):
        before_hyphen = tokens[k - 2] if k >= 2 else None
        if before_hyphen is None or not glued(tokens, k - 1):
            sign = -1
            k -= 1
        elif before_hyphen.low in SIGNS:
            sign = -1
            k -= 2
        elif before_hyphen.text in _SYMBOL_CODES:  # "$-50.8bn"
            sign = -1
            k -= 1
    cur = _currency_before(tokens, k)
    if not cur and i > 0 and glued(tokens, i) and tokens[i - 1].is_word and sign == 1:
        # digits glued to letters are a name: "GEO1V", "G20", "A4" (not "US$5", "RM23")
        while j < n and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit):
            j += 1
        m.kind, m.j = "identifier", j
        return m
    if cur:
        m.unit, k = cur[0], cur[1]
        m.kind = "money"
        if (
            sign == 1
            and k > 0
            and tokens[k - 1].text in ("-", "−")
            and glued(tokens, k)
            and not glued(tokens, k - 1)
        ):
            sign, k = -1, k - 1
    if sign == 1 and k > 0 and tokens[k - 1].low in SIGNS:
        sign, k = -1, k - 1
    m.value *= sign
    m.i = k
    # ---- ordinals: "60th", "sixth"
    if amount.ordinal:
        m.kind = "ordinal"
    elif (
        j < n
        and tokens[j].low in ("st", "nd", "rd", "th")
        and glued(tokens, j)
        and _digits(start_tok.text)
    ):
        m.kind = "ordinal"
        j += 1
    if m.kind == "ordinal":
        m.j = j
        return m
    # ---- scale "m"/"b" (million vs metre) and decades ("1990s")
    if (
        j < n
        and glued(tokens, j)
        and tokens[j].text in ("m", "b", "M", "T")
        and amount.scale == 1
        and (tokens[j].text != "T" or m.kind == "money")
    ):
        nxt = tokens[j + 1] if j + 1 < n else None
        glued_word = nxt is not None and glued(tokens, j + 1) and nxt.is_word
        if not glued_word and (
            m.kind == "money"
            or tokens[j].text == "M"
            or (nxt is not None and (nxt.low == "of" or _plural_noun_follows(tokens, j + 1)))
        ):
            factor = {"m": 1e6, "M": 1e6, "b": 1e9, "T": 1e12}[tokens[j].text]
            m.value *= factor
            amount.scale = factor
            j += 1
    if (
        j < n
        and tokens[j].text == "s"
        and glued(tokens, j)
        and _digits(start_tok.text)
        and len(start_tok.text) in (2, 4)
        and start_tok.text.endswith("0")
    ):
        m.kind = "year"
        m.j = j + 1
        return m
    # ---- suffix: percent, currency names, units ("tens of thousands of dollars" too)
    if amount.high is not None and j + 1 < n and tokens[j].low == "of":
        unit = _unit_after(tokens, j + 1)
        if unit and unit[0].kind == "currency" and m.kind != "money":
            m.kind, m.unit, m.j = "money", unit[0].code, unit[1]
            return m
    unit = _unit_after(tokens, j)
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
            if u.code == "lb" or (u.name.startswith("pound") and False):
                pass
            m.kind, m.unit, j = u.kind, u.code, e
            # ages: "65-year-old", "18 month-old", "a 2,900 year-old"
            if (
                u.kind == "duration"
                and j + 1 < n
                and tokens[j].text == "-"
                and tokens[j + 1].low == "old"
            ):
                m.kind, m.measure = "quantity", "age"
                j += 2
            elif u.kind == "duration" and j < n and tokens[j].low == "old":
                m.kind, m.measure = "quantity", "age"
                j += 1
    elif m.kind != "money" and j < n:
        w = tokens[j].low
        if w in ("times",) and (amount.words or amount.value < 1000):
            m.measure = "times"
            j += 1
        elif w == "fold" and glued(tokens, j):
            m.measure, j = "fold", j + 1
        elif w == "-" and glued(tokens, j) and j + 1 < n and tokens[j + 1].low == "fold":
            m.measure, j = "fold", j + 2
    # "£" written as "pounds": "5 million pounds" is money, "208 pounds" a weight
    if m.kind == "count" and j < n and tokens[j].low in ("pound", "pounds"):
        if amount.scale > 1:
            m.kind, m.unit = "money", "GBP"
        else:
            m.kind, m.unit = "quantity", "lb"
        j += 1
    # "$75 U.S.", "$1.25 sterling"
    if m.kind == "money" and j < n and m.unit == "USD" and tokens[j].text in ("US", "U"):
        got = _match_forward(tokens, j, _US_AFTER)
        if got:
            j = got[1]
    # ---- rates: "$58.24 per barrel", "$3500 a month", "3,000 tests per day"
    if m.kind in ("money", "quantity", "count", "percent") and m.measure != "age":
        rate = _rate_after(tokens, j)
        if rate and not (m.kind == "count" and tokens[j].low in ("a", "an")):
            per, j = rate
            if m.kind == "count":
                m.measure = f"per {per}"
            else:
                m.unit = f"{m.unit}/{per}"
    m.j = j
    # ---- identifiers: "COVID-19", "G20", "Boeing 737", "Section 427", "5G", "ID.3"
    if m.kind == "count" and not amount.words and amount.scale == 1 and _names(tokens, i, j):
        m.kind = "identifier"
    return m


_NOT_NAME_PREFIXES = frozenset(
    [
        "mid",
        "pre",
        "post",
        "early",
        "late",
        "then",
        "non",
        "ex",
        "under",
        "over",
        "top",
        "sub",
        "minus",
        "about",
        "around",
    ]
)


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
                and word.low not in _NOT_NAME_PREFIXES
                and ((word.low,) not in _QUALIFIERS)
            )
        if prev.text in ("#", "№"):
            return True
    if prev.text in ("-", "−") and i >= 2 and tokens[i - 2].low in _ID_BEFORE:
        return True  # "COVID -19"
    # "Boeing 737", "Section 427", "FTSE 100"
    return prev.is_word and (
        (prev.low in _ID_BEFORE and prev.low != "p") or _is_name_word(prev, first=i == 1)
    )


def _years(m: _Mention, tokens: list[Token]) -> None:
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
    before = "".join(t.low for t in tokens[max(0, m.core_i - 4) : m.core_i])
    cue = (k > 0 and tokens[k - 1].low in _YEAR_CUES) or before.endswith(("a.d.", "b.c."))
    prev = tokens[k - 1].low if k > 0 else ""
    late = y > 2100 and prev in ("by", "in", "until", "till", "before", "after", "from", "to")
    if not (cue or late or 1900 <= y <= 2100):
        return
    qual = _match_back(tokens, m.i, _QUALIFIERS)
    if (qual and tokens[qual[1]].low not in _YEAR_CUES) or (
        not cue and y % 100 == 0 and _plural_noun_follows(tokens, m.j)
    ):
        return  # "more than 2000 people", "2000 workers"; but "circa 1450" is a year
    m.kind = "year"


def _range(tokens: list[Token], a: _Mention, b: _Mention, between: bool) -> bool:
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


_BE = frozenset(["is", "was", "were", "are", "be", "been", "being", "am", "s"])


def _change_before(tokens: list[Token], m: _Mention) -> str:
    """up/down when a change verb governs the amount ("rose 5%", "was up 19 cents")."""
    k = m.i
    got = _match_back(tokens, k, _QUALIFIERS)
    if got:
        k = got[1]
    steps = 0
    while k > 0 and tokens[k - 1].low in _CHANGE_FILLERS and steps < 3:
        k -= 1
        steps += 1
    got = _match_back(tokens, k, _CHANGES)
    if (
        got
        and m.kind == "count"
        and any(tokens[x].low == "by" for x in range(k, m.i))
        and (got[1] > 0 and tokens[got[1] - 1].low in _BE)
    ):
        return ""  # "was dropped by six stations": the agent of a passive, not a change
    if not got:
        # "grow sales by 35 per cent", "cut its stake by a third": verb, object, "by"
        if any(tokens[x].low == "by" for x in range(k, m.i)):
            for x in range(k - 1, max(-1, k - 6), -1):
                t = tokens[x]
                if not t.is_word:
                    break
                label = _CHANGES.get((t.low,))
                if label and t.low not in ("up", "down"):
                    return label
        return ""
    label, s = got
    # "an increase of", "the rise" are nouns; a determiner before the verb means a noun
    if s > 0 and tokens[s - 1].low in ("a", "an", "the", "its", "their", "this"):
        return ""
    if k < m.i and all(tokens[x].low in ("a", "an") for x in range(k, m.i)):
        return ""
    # "gave up 517 yards", "set up 20 stations": a particle, not a change
    if s == k - 1 and tokens[s].low in ("up", "down") and s > 0:
        prev = tokens[s - 1]
        if prev.is_word and prev.low not in _BE and _tag(prev).startswith("VB"):
            return ""
    return label


def _qualify(tokens: list[Token], m: _Mention) -> None:
    """Qualifier before (or after) the amount and the bound it implies."""
    k = m.i
    if (
        k > 0
        and tokens[k - 1].text in ("-",)
        and glued(tokens, k)
        and k >= 2
        and glued(tokens, k - 1)
    ):
        got = _match_back(tokens, k - 1, _QUALIFIERS)  # "sub-7"
    else:
        got = _match_back(tokens, k, _QUALIFIERS)
        # "more than a third", "about a dozen" already start at "a"
    if got:
        label, s = got
        # "over the past 60 years" never reaches here: "over" is not adjacent
        if label != "exact":
            m.qualifier = " ".join(
                t.low for t in tokens[s : k if tokens[k - 1].text != "-" else k - 1]
            )
            m.bound = label
            m.i = s
        else:
            m.i = s
            m.qualifier = " ".join(t.low for t in tokens[s:k])
        return
    post = _match_forward(tokens, m.j, _POST_QUALIFIERS)
    if post:
        label, e = post
        m.qualifier = " ".join(t.low for t in tokens[m.j : e])
        m.bound = label
        m.j = e


def _change(tokens: list[Token], m: _Mention) -> None:
    """Set ``m.change`` from the change verb that governs it, if any."""
    m.change = _change_before(tokens, m)


_SUBJECT_VERBS = frozenset(GRAMMAR["measure"]["subject_verbs"])
_AUXILIARIES = frozenset(
    [
        "are",
        "is",
        "be",
        "am",
        "was",
        "were",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "say",
        "says",
        "said",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "get",
        "gets",
        "go",
        "goes",
        "come",
        "comes",
        "make",
        "makes",
        "take",
        "takes",
        "see",
        "sees",
        "need",
        "needs",
        "want",
        "wants",
        "seem",
        "seems",
    ]
)
_NOT_MEASURE_START = frozenset(["last", "next", "this", "that", "each", "every", "same"])


def _measure(tokens: list[Token], m: _Mention) -> None:
    """What the amount counts or is of: a lower-case noun phrase."""
    if m.measure and m.measure != "times" and not m.measure.startswith("per "):
        return
    n = len(tokens)
    j = m.j
    if j >= n:
        return
    if m.measure.startswith("per "):
        return
    np = ""
    if tokens[j].text == "(":  # "$900m (£479m) loan": look past the conversion
        close = next((x for x in range(j + 1, min(n, j + 9)) if tokens[x].text == ")"), None)
        if close is not None and close + 1 < n:
            j = close + 1
    elif tokens[j].text == ")" and j + 1 < n:
        j += 1
    if tokens[j].text == "-" and glued(tokens, j) and j + 1 < n and glued(tokens, j + 1):
        j += 1  # "300-shareholder threshold", "$5m-worth of"
    if tokens[j].low == "worth" and j + 1 < n and tokens[j + 1].low == "of":
        j += 1  # "$5m worth of shares"
    w = tokens[j].low
    if w == "of" and m.kind in ("percent", "count", "money", "quantity"):
        np, _ = _noun_phrase(tokens, j + 1, skip_det=True)
    elif m.amount is not None and m.amount.fraction and w in _NP_SKIP:
        np, _ = _noun_phrase(tokens, j, skip_det=True)  # "half the condos"
    elif tokens[j].is_word and w not in _NOT_MEASURE_START:
        np, e = _noun_phrase(tokens, j, after_number=True)
        if np and np.split()[-1] in _CHANGE_NOUNS and e < n and tokens[e].low in ("in", "of"):
            inner, _ = _noun_phrase(tokens, e + 1, skip_det=True)
            np = inner or np
        elif (
            not np
            and m.kind == "money"
            and w == "in"
            and j + 1 < n
            and tokens[j + 1].text.islower()
        ):
            np, _ = _noun_phrase(tokens, j + 1)  # "$1bn in gains", not "in the first half"
    if not np and m.kind in ("percent", "money", "quantity") and not m.measure:
        np = _object_before_by(tokens, m.i) or _subject_before(tokens, m.i)
    if np:
        m.measure = np


_LINK_WORDS = frozenset(
    [
        "at",
        "to",
        "by",
        "of",
        "about",
        "around",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "its",
        "their",
        "his",
        "her",
        "the",
        "a",
        "an",
        "worth",
        "valued",
        "priced",
        "totalled",
        "totaled",
        "totalling",
        "stood",
        "reached",
        "hit",
        "of",
    ]
)


def _subject_before(tokens: list[Token], i: int) -> str:
    """What a percent or amount of money is about when the text names it first:
    "Revenue in the quarter rose to $7.36 billion" -> "revenue in the quarter",
    "Nintendo plunged 4.28 percent" -> "nintendo", "incentives of $6.8 million"."""
    k = i
    verb = False
    steps = 0
    while k > 0 and steps < 5:
        t = tokens[k - 1]
        if not t.is_word:
            break
        if (t.low,) in _CHANGES:
            verb = True
        elif t.low in _LINK_WORDS:
            verb = verb or t.low in _SUBJECT_VERBS
        elif t.low in _SUBJECT_VERBS:
            verb = True
        elif not (t.low in _CHANGE_FILLERS or _tag(t)[:2] in ("VB", "RB", "MD")):
            break
        k -= 1
        steps += 1
    if not verb or k == i:
        return ""
    # the noun chunk right before: "shares of urban outfitters and ross", "the ta-125"
    j = k
    start = k
    while j > 0 and k - j < 8:
        t = tokens[j - 1]
        if t.is_word:
            tag = _tag(t)
            if t.low in ("of", "in", "from", "for") or (
                t.low in _NP_SKIP and j >= 2 and tokens[j - 2].low in ("of", "in", "from", "for")
            ):
                j -= 1
                continue
            if t.low == "and":  # only inside names: "Urban Outfitters and Ross"
                if j >= 2 and tokens[j - 2].text[:1].isupper() and tokens[j].text[:1].isupper():
                    j -= 1
                    continue
                break
            if tag.startswith("NN") or tag in ("JJ", "VBG", "POS"):
                j -= 1
                start = j
                continue
        elif (t.text in ("-", "&", "'", "’") and glued(tokens, j)) or (
            t.is_digit and j >= 2 and glued(tokens, j - 1) and tokens[j - 2].text == "-"
        ):
            j -= 1
            continue
        break
    if start == k:
        return ""
    return _span_text(tokens, start, k)


def _object_before_by(tokens: list[Token], i: int) -> str:
    """ "grew sales by 35 per cent", "cut its workforce by a third": the object of a change
    verb that is followed by "by" and the amount."""
    k = i
    while k > 0 and tokens[k - 1].low in _CHANGE_FILLERS and tokens[k - 1].low != "by":
        k -= 1
    if k < 2 or tokens[k - 1].low != "by":
        return ""
    end = k - 1
    j = end
    while (
        j > 0
        and end - j < 4
        and tokens[j - 1].is_word
        and (
            _tag(tokens[j - 1]).startswith("NN")
            or tokens[j - 1].low in _NP_SKIP
            or _tag(tokens[j - 1]) == "JJ"
        )
    ):
        j -= 1
    if j == end or j == 0 or (tokens[j - 1].low,) not in _CHANGES:
        return ""
    while j < end and tokens[j].low in _NP_SKIP:
        j += 1
    return _span_text(tokens, j, end)


def _span_text(tokens: list[Token], a: int, b: int) -> str:
    """Lower-case text of tokens ``[a, b)`` with single spaces ("ta-125", "s&p")."""
    out = []
    for x in range(a, b):
        if x > a and not glued(tokens, x):
            out.append(" ")
        out.append(tokens[x].low)
    return "".join(out)


_RESTATE = (["("], ["/"], [",", "("])


def _inherit(tokens: list[Token], mentions: list[_Mention]) -> None:
    """Carry context from one amount to the next where the text leaves it implicit.

    * "lost 190 points, or 0.6%", "more than 100 km (60 miles)": a restated amount shares
      the change (and, in brackets, the qualifier) of the one before;
    * "were down 2.3%, Burlington by 2.6%": "by" with no verb continues the last change;
    * "eight or nine euros", "rose 64.06 points to 4,577.10", "68,400 people ... and 95,800
      who": a bare number takes the unit or counted noun of its neighbour.
    """
    for idx, b in enumerate(mentions):
        if idx + 1 < len(mentions) and b.bare and not b.measure:
            c = mentions[idx + 1]
            if [t.low for t in tokens[b.j : c.i]] == ["or"] and not c.bare:
                b.kind, b.unit = c.kind, c.unit  # "eight or nine euros", "8 or $9"
        if idx == 0:
            continue
        a = mentions[idx - 1]
        between = [t.low for t in tokens[a.j : b.i]]
        words = [w for w in between if w != ","]
        restated = between in _RESTATE or (
            words
            and words[-1] == "or"
            and len(words) <= 4
            and all(tokens[x].is_word or tokens[x].text == "," for x in range(a.j, b.i))
        )
        if restated and not b.change:
            b.change = a.change
        if between in _RESTATE and not b.qualifier and a.qualifier:
            b.qualifier, b.bound = a.qualifier, a.bound
        if (
            not b.change
            and b.i > 0
            and tokens[b.i - 1].low == "by"
            and not (b.i > 1 and tokens[b.i - 2].is_word and _tag(tokens[b.i - 2]).startswith("VB"))
        ):
            for prev in reversed(mentions[:idx]):
                if prev.change:
                    b.change = prev.change
                    break
        if b.bare and not b.measure and _elided_noun(tokens, b.j):
            # the nearest earlier count or quantity, looking past time spans
            for a in reversed(mentions[:idx]):
                if a.kind not in TIME_KINDS and a.kind != "duration":
                    break
            gap = b.i - a.j
            if (
                gap <= 20
                and a.kind in ("count", "quantity")
                and (a.unit or a.measure)
                and a.measure != "age"
                and not (a.unit and gap and tokens[b.i - 1].low not in ("to", "at", "and", "from"))
            ):
                b.kind, b.unit = a.kind, a.unit
                if a.kind == "count":
                    b.measure = a.measure


def _elided_noun(tokens: list[Token], j: int) -> bool:
    """True when the text after a bare number leaves its noun out ("and 95,800 who ...",
    "compared with 63 during ...", "up from 2.4 million."), not "five more replacements"."""
    if j >= len(tokens) or not tokens[j].is_word or tokens[j].low in ("last", "next", "this"):
        return True
    tag = _tag(tokens[j])
    return tag in ("IN", "WDT", "WP", "CC", "TO", "MD") or (tag.startswith("VB") and tag != "VBG")


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
    if _unit_after(tokens, i + 1):
        return False  # "one per cent", "one mile"
    tag = _tag(nxt)
    return not (tag.startswith("NN") or tag.startswith("JJ") or nxt.low in ("of", "to", "or"))


def _scan(text: str) -> tuple[list[Token], list[_Mention]]:
    """Tokenize once and collect dates, times and amounts left to right."""
    tokens = tokenize(text)
    n = len(tokens)
    mentions: list[_Mention] = []
    k = 0
    while k < n:
        tok = tokens[k]
        if tok.is_digit or (tok.is_word and tok.low in _MONTHS and tok.text[0].isupper()):
            date = _date_at(tokens, k)
            if date is not None:
                mentions.append(date)
                k = date.j
                continue
        if not (tok.is_digit or tok.low in STARTERS or tok.text == "."):
            k += 1
            continue
        amount = parse_number(tokens, k)
        if amount is None:
            k += 1
            continue
        if (
            amount.words
            and tokens[k].low == "one"
            and amount.j == k + 1
            and _one_is_pronoun(tokens, k)
        ):
            k += 1
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
        # "one-China policy": a spelled number glued by hyphen to a name
        if (
            amount.words
            and amount.j < n
            and tokens[amount.j].text == "-"
            and amount.j + 1 < n
            and glued(tokens, amount.j)
            and glued(tokens, amount.j + 1)
            and tokens[amount.j + 1].text[:1].isupper()
            and not _unit_after(tokens, amount.j + 1)
        ):
            k = amount.j + 2
            continue
        m = _build(tokens, amount, text)
        if m is None:
            k += 1
            continue
        mentions.append(m)
        k = m.j
    return tokens, mentions


def _word_before(tokens: list[Token], i: int) -> str:
    """The word before token ``i``, looking past era marks: "between A.D. 1000" -> between."""
    k = i - 1
    while k >= 0 and (tokens[k].text == "." or tokens[k].low in ("a", "d", "ad", "c", "ca")):
        if tokens[k].low == "a" and not (k + 1 < i and tokens[k + 1].text == "."):
            break
        k -= 1
    return tokens[k].low if k >= 0 else ""


def _is_age(tokens: list[Token], m: _Mention) -> bool:
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


def _finish(tokens: list[Token], mentions: list[_Mention]) -> list[_Mention]:
    """Ranges, qualifiers, years, changes and measures over the mentions of a sentence."""
    out: list[_Mention] = []
    skip = set()
    for idx, m in enumerate(mentions):
        if idx in skip:
            continue
        if m.kind in ("date", "date_range", "time"):
            out.append(m)
            continue
        _years(m, tokens)
        # ranges: "between 3 and 4", "from 5 to 6", "5-6 percent", "12 to 15"
        if idx + 1 < len(mentions):
            b = mentions[idx + 1]
            conn = [t.low for t in tokens[m.j : b.i]]
            prev = _word_before(tokens, m.i)
            between = prev == "between"
            from_ = prev == "from"
            ok = (
                conn in _RANGE_LINKS
                or (between and conn == ["and"])
                or (from_ and conn == ["up", "to"])
                or (conn == ["/"] and m.kind == "year")  # "2004/05"
            )
            # "increased by $43.6 billion to $419.2 billion": a change, then the new level
            if ok and conn == ["to"] and not from_ and _change_before(tokens, m):
                ok = False
            if ok:
                _years(b, tokens)
                if _range(tokens, m, b, between or from_):
                    skip.add(idx + 1)
        out.append(m)
    for m in out:
        if m.kind in ("date", "date_range", "time", "identifier"):
            continue
        _qualify(tokens, m)
        _change(tokens, m)
        if m.kind != "year":
            _measure(tokens, m)
    for m in out:
        if m.bare and m.i > 0 and tokens[m.i - 1].low in ("aged", "age", "ages"):
            m.kind, m.unit, m.measure = "quantity", "years", "age"  # "men aged 18 to 34"
        if _is_age(tokens, m):
            m.kind, m.unit, m.measure = "quantity", "years", "age"
    _inherit(
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
        start, end = tokens[m.i].start, tokens[m.j - 1].end
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
                m.measure,
                m.qualifier,
                m.bound,
                m.change,
            )
        )
    return figures


__all__ = ["KINDS", "TIME_KINDS", "Figure", "find", "unit_name"]
_ = (CARDINALS, ORDINALS, digit_value)
