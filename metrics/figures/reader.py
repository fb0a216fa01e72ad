"""The reader: ``find`` runs the stages over one sentence, as a list of named passes.

* gate: skip a sentence with no digit and no number word (``tokens.may_hold_number``);
* ``_scan``: tokenize once, then left to right read dates and clock times (``dates``) and,
  at every token that can start a number, the amount (``amounts``), grown outwards
  (``grow``); spelled-out numbers that count nothing ("no one", "Big Four") are skipped;
* ``_PASSES``, in order: ``_accounting_negatives`` ("revenue is ($99.99)"),
  ``_major_and_minor`` ("3 dollars 50 cents"),
  ``_join_ranges`` (calendar years, then ranges such as "5-6%" and "between 3 and 4"),
  ``_clocks_in_words`` ("three o'clock", "until three or four in the morning"),
  ``_read_context`` (qualifier, change, measure: ``context``), ``_dimensions`` ("3 x 4 m"),
  ``_bounded_intervals`` ("above 10 but below 20"), ``_read_ages`` (a person's age),
  ``_carry`` (context carried between neighbouring amounts), ``_wire_items`` (the item of a
  wire table line as measure), ``_previous_values`` ("X vs Y", "to X from Y"),
  ``_same_or_nil`` ("vs same"), ``_shares`` ("half of voters" as a percent),
  ``_partitives`` ("one of the ..."); then ``periods.set_periods``;
* ``_figure``: ``Figure`` rows with document offsets (identifiers only on request).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date as Date
from itertools import pairwise

from metrics.figures.amounts import BEFORE_A_SHARE, Amount, may_start_number, parse_number
from metrics.figures.context import (
    CHANGES,
    QUALIFIERS,
    RANGE_VERBS,
    SPANS_AGO,
    VERB_QUALIFIERS,
    carry_context,
    change_before,
    counted_subject,
    outside_brackets,
    partitive_group,
    set_change,
    set_measure,
    set_qualifier,
    tidy_measure,
)
from metrics.figures.dates import (
    AFTER_DATE_DIGITS,
    HOUR_MARKS,
    date_at,
    hhmm,
    place_time,
    year_token,
)
from metrics.figures.grow import grow, is_name_word
from metrics.figures.lexicon import (
    ARTICLES,
    CARDINALS,
    CURRENCIES,
    GRAMMAR,
    MONTHS,
    NUMBERS,
    ONE_COUNTS_BEFORE,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    SCALES,
    SIGNS,
    STARTERS,
    STOPWORDS,
)
from metrics.figures.mention import (
    AMOUNT_KINDS,
    CALENDAR_KINDS,
    CONTEXT_KINDS,
    COUNT,
    DATE,
    DATE_RANGE,
    DURATION,
    IDENTIFIER,
    MONEY,
    ORDINAL,
    PARTITIVE,
    PERCENT,
    QUANTITY,
    TIME,
    YEAR,
    Figure,
    Mention,
)
from metrics.figures.nouns import APOSTROPHES, FINITE_VERB_TAGS, noun_phrase, pos_tag, span_text
from metrics.figures.periods import parse_date, set_periods
from metrics.figures.tokens import (
    PhraseTable,
    Token,
    glued,
    in_eighths,
    match_back,
    match_forward,
    may_hold_number,
    phrase_table,
    tokenize,
)
from metrics.figures.units import (
    MINOR_NAMES,
    MOVE_WORDS,
    MOVED_TO_LINKS,
    UNIT_WORDS,
    plural_noun_follows,
    unit_after,
)

_YEAR_CUES = frozenset(GRAMMAR["years"]["cues"])
_LATE_YEAR_CUES = frozenset(GRAMMAR["years"]["late_cues"])
_ERA_MARKS = frozenset(GRAMMAR["years"]["era_marks"])


def _years(m: Mention, tokens: list[Token]) -> None:
    """Bare four-digit numbers read as calendar years ("in 2024", "2020 Escape", "A.D. 1000"),
    unless a qualifier or a counted noun shows a count ("more than 2000 people"). A year
    named with a singular "year" after it is that year too: "the 1986 year includes 53
    weeks" is the (fiscal) year 1986, not 1,986 years."""
    if (m.kind == DURATION and m.amount is not None and not m.amount.words
            and m.amount.scale == 1 and m.j == m.core_i + 2 and tokens[m.j - 1].low == "year"
            and not glued(tokens, m.core_i + 1)):
        y = year_token(tokens[m.core_i])
        if y is not None and 1900 <= y <= 2100:
            m.kind, m.unit, m.j = YEAR, "", m.core_i + 1
        return
    if m.kind != COUNT or m.amount is None or m.amount.words or m.amount.scale > 1:
        return
    y = year_token(tokens[m.core_i])
    if y is None or m.measure or m.i != m.core_i:
        return
    k = m.core_i
    while k > 0 and tokens[k - 1].text == ".":
        k -= 2 if k >= 2 and tokens[k - 2].is_word else 1
    cue = (k > 0 and tokens[k - 1].low in _YEAR_CUES) or "".join(
        [t.low for t in tokens[max(0, m.core_i - 4) : m.core_i]]
    ).endswith(("a.d.", "b.c."))
    prev = tokens[k - 1].low if k > 0 else ""
    late = y > 2100 and prev in _LATE_YEAR_CUES
    if not (cue or late or 1900 <= y <= 2100):
        return
    qual = match_back(tokens, m.i, QUALIFIERS)
    if qual and tokens[qual[1]].low in VERB_QUALIFIERS and m.j < len(tokens) and (
        tokens[m.j].text in ("'", "’")
        or (tokens[m.j].is_word and pos_tag(tokens[m.j])[:2] in ("NN", "JJ"))
    ):
        # "to exceed 1986 net income", "exceed 1986's profit": that year's figure
        qual = None
    if (qual and tokens[qual[1]].low not in _YEAR_CUES and not _plain_year(y)) or (
        not cue and y % 100 == 0 and plural_noun_follows(tokens, m.j)
    ):
        return  # "more than 2000 people", "2000 workers"; but "circa 1450" is a year, and
        # so is a recent year that is not round after a comparison: "a rise of 3,400 over
        # 1985", "three pct below 1986 earnings", "for all of 1987", "higher than 1986"
    m.kind = YEAR


def _plain_year(y: int) -> bool:
    """Whether a four-digit number is a year even after a qualifier: a year of modern news
    that is not round (news writes counts that size with a comma: "over 1,985")."""
    return _MODERN_YEARS[0] <= y <= _MODERN_YEARS[1] and y % 10 != 0


_MODERN_YEARS = tuple(GRAMMAR["years"]["modern"])


# Kinds that never form a range with their neighbour.
_NO_RANGE = frozenset({ORDINAL, IDENTIFIER, DATE, TIME})


def _range(tokens: list[Token], a: Mention, b: Mention, between: bool) -> bool:
    """Merge ``b`` into ``a`` when together they write a range; True when merged."""
    if a.kind in _NO_RANGE or b.kind in _NO_RANGE:
        return False
    season = (  # "the 1987/88 year", "its 1986-87 year": a season, not 88 years
        a.kind == YEAR
        and b.kind == DURATION
        and b.i == b.core_i
        and b.amount is not None
        and not b.amount.words
        and b.amount.scale == 1
        and b.value < 100
        and glued(tokens, b.i)
    )
    if season or (a.kind == YEAR and b.kind in (YEAR, COUNT)):
        hi = b.value
        if b.kind != YEAR and b.amount and not b.amount.words and b.value < 100:
            hi = a.value - a.value % 100 + b.value  # "2018-19"
            if hi < a.value and season:
                hi += 100  # "1999/00"
        elif b.kind != YEAR and year_token(tokens[b.core_i]) is None:
            return False
        if season and hi != a.value + 1:
            return False  # a season is one year to the next: "1999/00", not "1999-20 years"
        a.kind, a.high, a.j = DATE_RANGE, hi, b.amount.j if season and b.amount else b.j
        a.period = f"{int(a.value):04d}/{int(hi):04d}"  # "between 1996 and 2002"
        return True
    if a.kind == YEAR or b.kind == YEAR:
        return False
    if a.amount and a.amount.fraction and a.amount.words and not (b.amount and b.amount.fraction):
        return False  # "cut by about one-third to 2.56 billion francs": a share, then a level
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


_RANGE_LINKS = tuple(link.split() for link in GRAMMAR["ranges"]["links"])
_INTERVAL_LINKS = tuple(link.split() for link in GRAMMAR["ranges"]["interval_links"])


def _one_is_pronoun(tokens: list[Token], i: int) -> bool:
    """ "the same one", "no one", "one another": "one" that counts nothing."""
    n = len(tokens)
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[i + 1] if i + 1 < n else None
    if prev == "-" and i > 1 and tokens[i - 2].low == "no" and glued(tokens, i) \
            and glued(tokens, i - 1):
        return True  # "no-one", as "no one"
    only = prev == "only" and not (i > 1 and tokens[i - 2].low in _NP_DETERMINERS)
    if (nxt is not None and nxt.low in ("or", "to") and i + 2 < n
            and (tokens[i + 2].is_digit or tokens[i + 2].low in CARDINALS)):
        return False  # "the next one or two quarters", "the last one to three years"
    if prev in ONE_PRONOUN_BEFORE and not only:  # "only one episode" counts, "the only one" not
        # but "the one pct forecast", "the one dollar coin": a percent or money counts, and
        # so does a unit glued by a hyphen ("the one-year rate")
        if _hyphened_unit(tokens, i):
            return False
        if (prev == "the" and nxt is not None and nxt.is_word and pos_tag(nxt) in ("NN", "NNS")
                and nxt.low not in _ONE_IDIOM_NOUNS and not nxt.low.endswith("ing")):
            return False  # "the one law lord to oppose it": a determiner before its noun
            # (not "on the one hand", "the one underpinning it")
        unit = unit_after(tokens, i + 1) if nxt is not None and nxt.is_word else None
        return unit is None or unit[0].kind not in ("percent", "currency")
    if prev in SIGNS:
        return False  # "minus one"
    if (
        i > 1
        and tokens[i - 2].low in _ONE_PICKED_BY
        and tokens[i - 1].is_word
        and pos_tag(tokens[i - 1]) in ("JJ", "NN")
        and (nxt is None or nxt.text in _ONE_ENDS or (
            nxt.low == "of" and i + 2 < n and tokens[i + 2].low not in _NP_DETERMINERS))
    ):
        # "the key one of exports", "a big one."; not "a maximum one-year ban", "a move one
        # of the firms said", "made the election one of the easiest"
        return True
    if nxt is not None and nxt.text == "-" and glued(tokens, i + 1):
        # "one-year", "one-yen" count; "a one-time gain", "one-off" do not
        return not _hyphened_unit(tokens, i)
    if nxt is None or not nxt.is_word or nxt.low in ONE_PRONOUN_AFTER:
        return True
    if unit_after(tokens, i + 1):
        return False  # "one per cent", "one mile"
    tag = pos_tag(nxt)
    if tag == "VB":
        return False  # "only one match", "dropped one set": a noun with a verb's form
    if tag == "RB" and nxt.low.endswith("ly") and i + 2 < n and tokens[i + 2].is_word \
            and pos_tag(tokens[i + 2])[:2] in ("JJ", "NN"):
        return False  # "one particularly strong tackle"
    if tag == "VBN" and i + 2 < n and tokens[i + 2].is_word \
            and pos_tag(tokens[i + 2]) in ("NN", "NNS", "JJ"):
        return False  # "one known terrorist", "one injured man"
    return not (tag.startswith("NN") or tag.startswith("JJ") or nxt.low in ONE_COUNTS_BEFORE)


_ONE_PICKED_BY = frozenset(("the", "a", "an", "this", "that"))
_ONE_IDIOM_NOUNS = frozenset(NUMBERS["one_pronoun"]["idiom_nouns"])
_ONE_ENDS = frozenset((".", ",", ";", ":", ")", "!", "?", '"'))


def _hyphened_unit(tokens: list[Token], i: int) -> bool:
    """Whether a unit is glued to token ``i`` by a hyphen: "one-year", "one-yen"."""
    return (i + 2 < len(tokens) and tokens[i + 1].text == "-" and glued(tokens, i + 1)
            and unit_after(tokens, i + 1) is not None)


# The tokens ``_scan`` stops at besides digit runs: number words, month names and "." (".500").
_SCAN_WORDS = STARTERS | frozenset(MONTHS) | {"."}


# Tokens ``may_start_number`` turns down cheaply: "a", "an" and the full stop.
_CHEAP_STARTS = ARTICLES | {"."}


def _scan(text: str) -> tuple[list[Token], list[Mention]]:
    """Tokenize once and collect dates, times and amounts left to right."""
    tokens, marks = tokenize(text, _SCAN_WORDS)
    if marks and marks[-1] == len(tokens) - 1 and tokens[-1].text == ".":
        marks.pop()  # the full stop that ends the sentence starts no ".500"
    mentions: list[Mention] = []
    n = len(tokens)
    k = 0
    for mark in marks:  # any other token starts neither a date nor an amount
        if mark < k:
            continue  # inside the mention just read
        k = mark
        tok = tokens[k]
        if (
            tok.is_digit and k + 1 < n and tokens[k + 1].low in AFTER_DATE_DIGITS
        ) or (  # digits before no month, colon, "pm" or "to" start no date: "5%", "2024."
            tok.is_word and tok.low in MONTHS and tok.text[0].isupper()
        ):
            date = date_at(tokens, k)
            if date is not None:
                mentions.append(date)
                k = date.j
                continue
        if not (tok.is_digit or tok.low in STARTERS or tok.text == "."):
            continue
        if tok.low in _CHEAP_STARTS and not may_start_number(tokens, k):
            continue  # most of them: "a new plan", the full stop
        amount = parse_number(tokens, k)
        if amount is None:
            continue
        if amount.words:
            resume = _not_a_count(tokens, k, amount)
            if resume is not None:
                k = resume
                continue
        m = grow(tokens, amount)
        if m.kind == DURATION and _wire_time_ago(tokens, m):
            m.j, m.kind, m.unit = m.j - 1, COUNT, ""  # "292,000 week ago": a week ago's figure
        elif m.kind == DURATION and _titled_span(tokens, m):
            m.kind = IDENTIFIER  # "CBS's 60 Minutes show", "the film 24 Hour Party People"
        if amount.words and m.kind == COUNT and m.bare:
            _one_unit_or(tokens, m, mentions)
        elif m.j == k + 1 and m.kind == COUNT and not m.unit and place_time(tokens, k):
            m.kind, m.j = TIME, k + 3  # "by 1000 London time"
        elif m.kind == DURATION and m.unit in _MATCH_UNITS and (
            match_forward(tokens, m.j, _MOMENT_AFTER)
            or (m.i > 0 and tokens[m.i - 1].low in _MOMENT_BEFORE)
        ):
            m.kind = TIME  # "with six minutes remaining", "on 17 minutes": a match's moment
        if m.kind == COUNT and m.bare and _minute_of_a_change(tokens, m):
            m.kind = TIME  # "Replacements: Green for Dowd (71)": the minute
        elif m.kind == COUNT and m.bare and m.i > 0 and tokens[m.i - 1].low in _RANK_VERBS \
                and m.j - m.i == 1 and not _plural_noun_at(tokens, m.j):
            m.kind = ORDINAL  # "ranked 106 in the world" (not "ranked two places above")
        mentions.append(m)
        k = m.j
    return tokens, mentions


_LIST_LABELS = frozenset(GRAMMAR["scores"]["list_labels"])


def _wire_time_ago(tokens: list[Token], m: Mention) -> bool:
    """ "head versus 292,000 week ago and 309,000 a year ago": the wire drops the "a" of "a
    week ago"; a number other than one before a singular span and "ago" is that time's
    figure, not a span of weeks."""
    return (
        m.high is None
        and m.value != 1
        and m.j - m.i >= 2
        and m.j < len(tokens)
        and tokens[m.j].low == "ago"
        and tokens[m.j - 1].low in SPANS_AGO
    )


def _titled_span(tokens: list[Token], m: Mention) -> bool:
    """ "CBS network's 60 Minutes show", "in 24 Hour Party People": a span whose unit is
    capitalised inside a sentence written in lower case is a title's name, not a span (not in
    a headline, where the word before is capitalised too: "Profits Rise In 3 Months")."""
    unit = tokens[m.j - 1]
    if m.i == 0 or not (unit.is_word and len(unit.text) > 2 and unit.text[:1].isupper()
                        and unit.text[1:].islower()):  # a word, not a symbol such as "Ga"
        return False
    before = tokens[m.i - 1]
    return not (before.is_word and before.text[:1].isupper())


def _currency_before(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "a record Australian dollars 648m ($492m) profit": a currency's name written before
    an amount with a glued scale ("m", "bn") makes it money in that currency (the "m" a
    million, not metres)."""
    for m in mentions:
        a = m.amount
        if a is None or m.kind not in (COUNT, QUANTITY) or m.i == 0 \
                or not tokens[m.i - 1].low.endswith("s"):  # a plural name: "dollars 648m"
            continue
        got = match_back(tokens, m.i, UNIT_WORDS)
        if got is None or got[0].kind != "currency":
            continue
        if any(x.j > got[1] for x in mentions if x.i < m.i):
            continue  # the name is the unit of the amount before: "500 dollars 10m away"
        glued_m = m.kind == QUANTITY and m.unit == "m" and a.scale == 1 and glued(tokens, m.j - 1)
        if not (glued_m or a.scale >= 1e6):
            continue
        if glued_m:
            m.value *= 1e6
            a.scale = 1e6
        m.kind, m.unit, m.i = MONEY, got[0].code, got[1]
    return mentions


def _clocks_in_words(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "three o'clock", "until three or four in the morning": hours told in words (after
    ranges are joined, so a range of hours is one time)."""
    for m in mentions:
        if m.kind == COUNT and m.bare:
            end = _clock_in_words(tokens, m)
            if end is not None:
                m.kind, m.j = TIME, end
    return mentions


def _clock_in_words(tokens: list[Token], m: Mention) -> int | None:
    """Where a clock time told in words ends: "three o'clock", "until three or four in the
    morning", "at ten at night" (an hour up to 12); None when ``m`` is no such time."""
    if m.value != int(m.value) or not 1 <= m.value <= 12 or (m.high or 0) > 12:
        return None
    after = [t.low for t in tokens[m.j : m.j + 3]]
    if len(after) == 3 and after[0] == "o" and after[1] in APOSTROPHES and after[2] == "clock":
        return m.j + 3
    if after[:2] == ["in", "the"] and after[2:] and after[2] in _DAY_PARTS:
        return m.j
    if after[:2] == ["at", "night"]:
        return m.j
    return None


_DAY_PARTS = frozenset(("morning", "afternoon", "evening"))
_RANK_VERBS = frozenset(("ranked",))


def _minute_of_a_change(tokens: list[Token], m: Mention) -> bool:
    """ "Replacements: Priscott for Roberts (71)": a bare number alone in brackets after a
    name, in a list of a match's changes, is the minute the change was made."""
    return (
        m.i > 1
        and m.j < len(tokens)
        and tokens[m.i - 1].text == "("
        and tokens[m.j].text == ")"
        and tokens[m.i - 2].is_word
        and tokens[m.i - 2].text[0].isupper()
        and tokens[0].low in _LIST_LABELS
        and any(t.text == ":" for t in tokens[1:4])
    )


def _one_unit_or(tokens: list[Token], m: Mention, before: list[Mention]) -> None:
    """ "a week or two", "an hour or two", "the last day or two": one of a unit or a few
    more, the range 1..N of that unit (the spelled number after "or" counts the unit)."""
    k = m.i
    if k < 3 or tokens[k - 1].low != "or" or tokens[k - 3].low not in _ONE_UNIT_OR:
        return
    unit = unit_after(tokens, k - 2)
    if unit is None or unit[1] != k - 1 or unit[0].kind not in ("duration", "quantity"):
        return
    if m.value <= 1 or m.value > 12:
        return
    if before and before[-1].i == k - 3:
        before.pop()  # "a mile" read on its own
    m.i, m.high, m.value = k - 3 if tokens[k - 3].low in ARTICLES else k - 2, m.value, 1.0
    m.kind, m.unit = unit[0].kind, unit[0].code


_MOMENT_AFTER = phrase_table({"moment": GRAMMAR["clock"]["moment_after"]})
_MOMENT_BEFORE = frozenset(GRAMMAR["clock"]["moment_before"])
_MATCH_UNITS = frozenset(["minutes", "seconds"])
_ONE_UNIT_OR = frozenset(GRAMMAR["units"]["one_unit_or"])


def _not_a_count(tokens: list[Token], k: int, amount: Amount) -> int | None:
    """Where to go on when the spelled-out number at ``k`` counts nothing: "no one", "the
    Five Nations", China's "two sessions", "one-China policy"; None when it counts."""
    n = len(tokens)
    if (amount.j == k + 1 and k + 2 < n and tokens[k + 1].text == "-" and glued(tokens, k + 1)
            and glued(tokens, k + 2)
            and f"{tokens[k].low}-{tokens[k + 2].low}" in _IDIOM_COMPOUNDS):
        return k + 3  # "a two-way street", "two-bit Tories": a compound that counts nothing
    if tokens[k].low == "one" and amount.j == k + 1 and _one_is_pronoun(tokens, k):
        return k
    if amount.ordinal and amount.j == k + 1 and amount.j < n and tokens[amount.j].is_word and (
            (pos_tag(tokens[amount.j]) in _ADVERB_ORDINAL_BEFORE and not _determined(tokens, k))
            or (f"{tokens[k].low} {tokens[amount.j].low}" in _ORDINAL_IDIOMS
                and not (amount.j + 1 < n and tokens[amount.j + 1].low in _RANK_AGAIN))):
        # "when they first came out", "we will first solve it": an adverb, no rank; "first
        # mortgage bonds", "the First Lady": a kind of thing
        return amount.j
    if amount.ordinal and amount.j == k + 1 and _ordinal_adverb(tokens, k):
        return amount.j
    if tokens[k].low == "zero" and amount.j == k + 1:
        e = k + 2 if k + 2 < n and tokens[k + 1].text == "-" and glued(tokens, k + 1) else k + 1
        if e < n and tokens[e].low in _ZERO_KINDS:
            return e  # "a zero coupon bond", "zero-rated": a kind of thing
    if (
        k > 0
        and amount.j < n
        and tokens[k].text[0].isupper()
        and tokens[k - 1].low in ("a", "an")
        and tokens[amount.j].is_word
        and tokens[amount.j].text.islower()
    ):
        return amount.j  # "A Five spokesman": a name (of a channel, a band); not "A Two-Year"
    # "the Five Nations", "Big Four": a capitalised number word inside a name
    if (
        k > 0
        and tokens[k].text[0].isupper()
        and amount.j < n
        and tokens[amount.j].is_word
        and tokens[amount.j].text[0].isupper()
        and tokens[k - 1].text not in _OPENING_MARKS
    ):
        return amount.j
    if _quoted_name(tokens, k, amount.j):
        return amount.j
    if (k > 0 and amount.j == k + 1 and tokens[k].text[0].isupper() and amount.j + 1 < n
            and tokens[amount.j].text in APOSTROPHES and tokens[amount.j + 1].low == "s"
            and tokens[k - 1].text not in _OPENING_MARKS):
        return amount.j + 2  # "Mr Blair told Five's Wright Stuff show": a name's possessive
    # "one-China policy": a spelled number glued by hyphen to a name
    if (
        amount.j < n
        and tokens[amount.j].text == "-"
        and amount.j + 1 < n
        and glued(tokens, amount.j)
        and glued(tokens, amount.j + 1)
        and tokens[amount.j + 1].text[:1].isupper()
        and not unit_after(tokens, amount.j + 1)
    ):
        return amount.j + 2
    return None


_ZERO_KINDS = frozenset(GRAMMAR["words"]["zero_kinds"])
# What a capitalised word after these opens: a sentence or a quote, not a name.
_OPENING_MARKS = frozenset((".", ":", '"', "“", "("))
_IDIOM_COMPOUNDS = frozenset(NUMBERS["idiom_compounds"]["words"])
_ADVERB_ORDINAL_BEFORE = frozenset(("VB", "VBD", "VBP", "VBZ"))  # a verb after "first"
_ORDINAL_IDIOMS = frozenset(NUMBERS["ordinal_idioms"]["phrases"])
_RANK_AGAIN = frozenset(NUMBERS["ordinal_idioms"]["not_before"])
_NP_DETERMINERS = frozenset(GRAMMAR["words"]["determiners"])
_OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}


def _ordinal_adverb(tokens: list[Token], k: int) -> bool:
    """Whether the ordinal word at ``k`` ranks nothing: "at first he tried", "First it was
    the video, then ...", "First, ..." (an adverb), or "their first 12 outings" (the count
    after it is the figure; the ordinal only says which ones)."""
    n = len(tokens)
    if k > 0 and f"{tokens[k - 1].low} {tokens[k].low}" in _ORDINAL_ADVERBS and not (
            k + 1 < n and tokens[k + 1].is_word and pos_tag(tokens[k + 1]).startswith("NN")):
        return True
    if k + 1 >= n:
        return False
    after = tokens[k + 1]
    if ((after.is_digit and not _plain_year_text(after.text)) or (
            after.low in CARDINALS and after.text.islower())) and not glued(tokens, k + 2):
        return True  # (not "the first 32-bit chip", "a first Six Nations win": a rank)
    return not _determined(tokens, k) and (after.text == "," or (
        after.is_word and pos_tag(after) == "PRP")) and (k == 0 or not tokens[k - 1].is_word)


def _plain_year_text(text: str) -> bool:
    """Whether a digit token reads as a year ("1987"), as in "May first 1987"."""
    return len(text) == 4 and text[:2] in ("19", "20")


_ORDINAL_ADVERBS = frozenset(NUMBERS["ordinal_idioms"]["adverbs"])


def _determined(tokens: list[Token], k: int) -> bool:
    """Whether a determiner, a possessive or an adjective stands before token ``k`` ("the
    first run", "its first win", "Chelsea's first start", "Wales' first win", "the vital
    first break"): what follows is then a noun, not a verb."""
    if k == 0:
        return False
    prev = tokens[k - 1]
    return prev.low in _NP_DETERMINERS or prev.text in APOSTROPHES or (
        prev.low == "s" and k > 1 and tokens[k - 2].text in APOSTROPHES) or (
        prev.is_word and pos_tag(prev) == "JJ")


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
        if tok.is_word and tok.low not in STOPWORDS:
            words += 1
        elif tok.text not in (",", ".") or words == 0:
            return False  # '"two of them"' is quoted speech, not a name
    return False


def _word_before(tokens: list[Token], i: int) -> str:
    """The word before token ``i``, looking past era marks: "between A.D. 1000" -> between."""
    k = i - 1
    while k >= 0 and (tokens[k].text == "." or tokens[k].low in _ERA_MARKS):
        if tokens[k].low == "a" and not (k + 1 < i and tokens[k + 1].text == "."):
            break
        k -= 1
    return tokens[k].low if k >= 0 else ""


def _between_the_ages(tokens: list[Token], i: int) -> bool:
    """Whether "between the ages of" (or "between the age of") ends right before token ``i``."""
    return i >= 4 and [t.low for t in tokens[i - 4 : i]] in (
        ["between", "the", "ages", "of"], ["between", "the", "age", "of"])


def _age_years(m: Mention) -> bool:
    """Whether the value could be a person's age in years: a whole number from 1 to 119."""
    return 0 < m.value < 120 and m.value.is_integer()


def _is_age(tokens: list[Token], m: Mention) -> bool:
    """ "Maddon, 66, has ...": a person's age set off by commas after a name."""
    if not (m.bare and m.amount is not None and not m.amount.words and m.j - m.i == 1):
        return False
    if not _age_years(m) or m.i < 2:
        return False
    name = tokens[m.i - 2]
    if tokens[m.i - 1].text != "," or not name.is_word:
        return False
    if (m.j >= len(tokens) or tokens[m.j].text != ",") and not (
            _last_age(tokens, m) or _final_age(tokens, m)):
        return False
    if name.text[0].isupper() and is_name_word(name, first=False):
        return True
    # "The prince, 20, apologised": a person named by a noun after "the"
    return m.i >= 3 and tokens[m.i - 3].low == "the" and pos_tag(name) == "NN"


def _last_age(tokens: list[Token], m: Mention) -> bool:
    """The last age of a list ends the sentence: "the deaths of Charlene Ellis, 18, and
    Letisha Shakespeare, 17." (an earlier name in the sentence has its age set off by
    commas)."""
    if m.j < len(tokens) and tokens[m.j].text not in (".", ";", ")"):
        return False
    return any(
        tokens[k].text == "," and tokens[k + 1].is_digit and tokens[k + 2].text == ","
        and tokens[k - 1].is_word and tokens[k - 1].text[0].isupper()
        for k in range(1, m.i - 4)
    )


def _final_age(tokens: list[Token], m: Mention) -> bool:
    """A person's age ends the sentence after the name a speech verb or "with" introduces:
    '"We are a tribute band," said Hynde, 53.', "holidaying with Eileen Lee, 24."."""
    n = len(tokens)
    if m.j < n and (tokens[m.j].text not in (".", ";") or m.j + 1 < n):
        return False
    k = m.i - 2  # the name's last word, before the comma
    while k > 0 and m.i - 2 - k < 3 and tokens[k].is_word and tokens[k].text[:1].isupper():
        k -= 1
    return k < m.i - 2 and tokens[k].low in _NAME_INTRODUCERS


_NAME_INTRODUCERS = frozenset(GRAMMAR["measure"]["name_introducers"])
_AGE_SUBJECTS = frozenset(GRAMMAR["measure"]["age_subjects"])
_AGE_VERBS = frozenset(GRAMMAR["measure"]["age_verbs"])
_AGE_AFTER = frozenset(GRAMMAR["measure"]["age_after"])
_AGE_BEFORE = frozenset(GRAMMAR["measure"]["age_before"])
_AGE_WALK = _AGE_VERBS | frozenset(GRAMMAR["measure"]["age_verb_fillers"])


def _is_age_stated(tokens: list[Token], m: Mention) -> bool:
    """ "He will be 35 by the end of the year", "she turned 70 in May", "life expectancy for men
    is around 73": a bare whole number stated of a person (or of a life span) is an age."""
    if not (m.bare and not m.measure and m.high is None and m.amount is not None):
        return False
    if not _age_years(m):
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
    while k > 0 and tokens[k - 1].low in _AGE_WALK:
        k -= 1
    if tokens[k].low == "s" and k > 1 and tokens[k - 1].text in ("'", "’") and glued(tokens, k):
        k -= 1  # "She's 17"
    subject = tokens[k - 1].low if k > 0 else ""
    if subject in _AGE_SUBJECTS:
        return True
    # "life expectancy for men in Glasgow is around 73"
    back = [t.low for t in tokens[max(0, k - 8) : k]]
    return "expectancy" in back or "age" in back[-2:]


def _people_over(tokens: list[Token], m: Mention) -> bool:
    """ "households with people over 60", "women under 50": a bound on a whole number
    right after a word for people is their age."""
    return (
        m.qualifier in ("over", "under")
        and m.i > 0
        and tokens[m.i - 1].low in _AGE_SUBJECTS
        and m.high is None
        and _age_years(m)
    )


def _died_at(tokens: list[Token], m: Mention) -> bool:
    """ "has died in Germany at 50": "at" and a whole number a few words after "died"."""
    if not (m.i > 1 and tokens[m.i - 1].low == "at" and _age_years(m) and m.high is None):
        return False
    if m.j < len(tokens) and tokens[m.j].is_word and tokens[m.j].low not in _AGE_AFTER:
        return False  # "died at 50 Main Street"
    return any(t.low in _DEATH_WORDS for t in tokens[max(0, m.i - 7) : m.i - 1])


_DEATH_WORDS = frozenset(GRAMMAR["measure"]["death_words"])


def _age_of(tokens: list[Token], m: Mention) -> bool:
    """ "at the age of 48", "from the age of 16 to 18": a whole number after "age of"; "the
    age for standing for election at 21": after "at" with "age" a few words before; "At 34,
    Holmes will": "At" opening the sentence, a comma and a name."""
    if m.high is not None or not _age_years(m) or m.i == 0:
        return False
    if m.i >= 2 and tokens[m.i - 1].low == "of" and tokens[m.i - 2].low == "age":
        return True
    if tokens[m.i - 1].low != "at":
        return False
    if m.i == 1:
        return (m.j + 1 < len(tokens) and tokens[m.j].text == ","
                and tokens[m.j + 1].text[:1].isupper())
    return any(t.low == "age" for t in tokens[max(0, m.i - 8) : m.i - 1])


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
            and [t.low for t in tokens[a.j : m.i]] in _INTERVAL_LINKS
            and (a.unit == m.unit or not a.unit or not m.unit)
            and a.kind in AMOUNT_KINDS
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


def _join_ranges(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Years, then ranges: "between 3 and 4", "from 5 to 6", "5-6 percent", "12 to 15",
    "2018-19" (no link between the two ends is longer than three tokens)."""
    out: list[Mention] = []
    skip = set()
    for idx, m in enumerate(mentions):
        if idx in skip:
            continue
        if m.kind in CALENDAR_KINDS:
            out.append(m)
            continue
        _years(m, tokens)
        if (
            idx + 1 < len(mentions)
            and mentions[idx + 1].i - m.j <= 1
            and m.bare
            and _quotes(tokens, m, mentions[idx + 1], mentions[idx + 2 : idx + 3])
        ):
            if out and out[-1].kind == PERCENT and out[-1].high is not None:
                m.kind, m.unit = PERCENT, out[-1].unit  # "6-7/8, 5/8 pct from 6-15/16, 11/16"
            out.append(m)  # "6-1/4, 1/8 pct": one bid/offer pair, a range
            skip.add(idx + 1)
            continue
        if idx + 1 < len(mentions) and 0 < mentions[idx + 1].i - m.j <= 3:
            b = mentions[idx + 1]
            opening = _range_link(tokens, m, b)
            if opening == "from":
                path = _path(tokens, mentions, idx)
                if path:
                    out += path
                    skip.update(range(idx + 1, idx + len(path) + 1))
                    continue
            if opening is not None:
                _money_millions(tokens, m, b)
            if (opening is not None or _votes_between(tokens, m, b)) and (
                _is_score(tokens, m, b) or _is_vote(tokens, m, b)
            ):
                m.kind, m.j = IDENTIFIER, b.j  # "won 6-3", "a 2-1 victory": a result
                skip.add(idx + 1)
                tie = mentions[idx + 2] if idx + 2 < len(mentions) else None
                if (
                    tie is not None
                    and tie.i == b.j + 1
                    and tokens[b.j].text == "("
                    and _bracketed_pair_at(tokens, b.j)
                ):
                    tie.kind = IDENTIFIER  # the tie-break: "7-6 (8/6)"
            elif opening is not None:
                _years(b, tokens)
                conn = [t.low for t in tokens[m.j : b.i]]
                rise = b.value < m.value and m.bare and not b.bare \
                    and change_before(tokens, m) == "up"
                if _range(tokens, m, b, bool(opening)):
                    skip.add(idx + 1)
                    _settle_range(tokens, m, opening, conn, rise)
        if m.high is None and m.i > 0 and tokens[m.i - 1].low == "from" and idx + 1 < len(mentions):
            far = _far_end(tokens, mentions, idx)
            # the noun counted inside: "cut its order from 90 planes to 53"
            counted = noun_phrase(tokens, m.j, after_number=True)[0] if far and m.bare else ""
            if far and _range(tokens, m, mentions[far], True):
                skip.update(range(idx + 1, far + 1))  # with the names inside: "A-15FX"
                m.measure = counted or m.measure
                _settle_range(tokens, m, "from", ["to"])
        out.append(m)
    return out


_RANGES = GRAMMAR["ranges"]
_INSIDE_LONGEST = int(_RANGES["inside_longest"])
_NOT_INSIDE = frozenset(_RANGES["not_inside"])


def _far_end(tokens: list[Token], mentions: list[Mention], idx: int) -> int:
    """ "range from 2.9 mln dlrs for the A-15FX to 8.4 mln dlrs", "fell from 180,126 in
    November to 178,906": the index of the mention that ends a "from ... to" range with a
    short phrase between its ends (no verb, comma, amount, year or linking word in it: see
    ``ranges.not_inside``; a name such as "A-15FX" may be); 0 when there is none."""
    m = mentions[idx]
    if m.kind not in CONTEXT_KINDS:
        return 0
    n = len(tokens)
    k = m.j
    far = idx + 1
    words = 0
    while k < n and words <= _INSIDE_LONGEST:
        t = tokens[k]
        if far < len(mentions) and mentions[far].i == k:
            if mentions[far].kind != IDENTIFIER:
                return 0  # another amount, a year or a date inside
            k = mentions[far].j
            far += 1
            continue
        if t.low == "to":
            break
        if not t.is_word:
            if not (t.text in _JOINERS and glued(tokens, k) and k + 1 < n and glued(tokens, k + 1)):
                return 0  # a comma, a bracket; but "A-15FX" is a name
        elif t.low in _NOT_INSIDE or pos_tag(t)[:2] in ("VB", "MD"):
            return 0
        words += t.is_word
        k += 1
    else:
        return 0
    if k == m.j or far >= len(mentions) or mentions[far].i != k + 1:
        return 0
    b = mentions[far]
    _years(b, tokens)
    return far if b.kind in CONTEXT_KINDS and b.high is None else 0


_NOT_AFTER_QUOTES = frozenset(_RANGES["not_after_quotes"])


def _quote_form(tokens: list[Token], m: Mention) -> str:
    """How a rate or price quote is written: "mixed" ("6-1/4", "7-11/16"), "fraction"
    ("1/8": the whole figure left to the quote before it), "whole" ("six", "19") or ""."""
    a = m.amount
    if a is None or a.scale != 1 or m.i != a.i:
        return ""
    if a.j == a.i + 1:
        return "whole" if a.value.is_integer() and 0 < a.value < 1000 else ""
    if not a.words and a.j == a.i + 5 and tokens[a.i + 1].text == "-" \
            and tokens[a.i + 3].text == "/":
        return "mixed"
    if a.fraction and a.j == a.i + 3 and not a.words and tokens[a.i + 1].text == "/":
        return "fraction"
    return ""


def _quotes(tokens: list[Token], a: Mention, b: Mention, after: list[Mention]) -> bool:
    """ "quoted at 6-7/8 7-1/8 pct", "5-3/4, 5-1/4 pct", "6-1/4, 1/8 pct", "7-7/8 eight pct":
    two quotes side by side, one in wire copy's fractions, are the bid and offered sides of
    one rate or price, read as a range (a bare fraction second is the first's whole figure
    plus it: "6-1/4, 1/8" is 6.125 to 6.25). Not when the sides are more than a point apart
    ("5-3/4 1992 bond"), the second is a difference ("40-1/4, 1/4 above the offer"), or a
    comma joins a list ("6-7/16, 6-1/2 and 6-5/8 pct respectively"). True when merged."""
    conn = tokens[a.j : b.i]
    if (conn and conn[0].text != ",") or b.high is not None or a.high is not None:
        return False
    if tokens[b.i].start - tokens[a.j - 1].end > 1 + len(conn):
        return False  # "six       5-7/8": columns of a table, not a pair
    if not (b.bare or (b.kind == PERCENT and b.unit == "%")):
        return False
    first, second = _quote_form(tokens, a), _quote_form(tokens, b)
    if not first or not second or first == "fraction" or "mixed" not in (first, second):
        return False
    if b.j < len(tokens) and tokens[b.j].low in _NOT_AFTER_QUOTES:
        return False
    high = b.value
    if second == "fraction":  # the handle nearest the first quote: "10-1/16 15/16" is 9.9375
        whole = math.floor(a.value)
        high = min((whole - 1 + b.value, whole + b.value, whole + 1 + b.value),
                   key=lambda v: abs(v - a.value))
    if high == a.value or abs(high - a.value) > 1:
        return False
    if conn and second != "fraction" and after and _listed(tokens, b, after[0]):
        return False
    a.value, a.high = min(a.value, high), max(a.value, high)
    a.kind, a.unit, a.j = b.kind, b.unit, b.j
    return True


def _listed(tokens: list[Token], b: Mention, c: Mention) -> bool:
    """ "to 6-7/16, 6-1/2 and 6-5/8 pct": a third quote that follows on its own after "and"
    or a comma makes the three a list (one that a quote of its own follows, "7-1/8, 6-7/8 and
    7-3/8, 1/8 pct", is the next pair)."""
    if [t.low for t in tokens[b.j : c.i]] not in (["and"], [","], [",", "and"]):
        return False
    nxt = tokens[c.j] if c.j < len(tokens) else None
    return nxt is None or not (nxt.text == "," or nxt.is_digit)


def _path(tokens: list[Token], mentions: list[Mention], idx: int) -> list[Mention]:
    """ "from 40 to 45 to 50 dollars", "fell from 8% to 7% to 6.5%": a chain of "to" after
    "from" is a path, not a range (a range has two ends). Each step is a figure with the
    step before it as ``previous`` and its change from the two values: 45 (previous 40, up),
    50 dollars (previous 45, up); the start is the first step's ``previous``. Bare steps
    take the unit and scale of the last; [] when ``mentions[idx]`` starts no such chain."""
    steps = [mentions[idx]]
    for nxt in mentions[idx + 1 :]:
        if [t.low for t in tokens[steps[-1].j : nxt.i]] != ["to"]:
            break
        steps.append(nxt)
    if len(steps) < 3:
        return []
    for step in steps[1:]:
        _years(step, tokens)
    last = steps[-1]
    if any(s.kind not in CONTEXT_KINDS or s.high is not None for s in steps):
        return []  # years, dates, ordinals: "from 2010 to 2015 to 2020" is no amount
    unit = max((s.unit for s in steps), key=len)  # "$40 to $45 to $50 a barrel": the rate
    if any(
        not s.bare and (s.kind != last.kind or s.unit.split("/")[0] != unit.split("/")[0])
        for s in steps
    ):
        return []
    scale = last.amount.scale if last.amount else 1.0
    for s in steps:
        if not s.bare:
            s.unit = unit
        elif s.bare and not s.measure and s is not last:
            s.kind, s.unit = last.kind, unit
            if scale > 1 and s.amount is not None and s.amount.scale == 1:
                s.value *= scale  # "from 3 to 4 to 5 billion"
    steps[1].i = steps[0].i  # "40 to 45": the start is written with the first step
    for before, step in pairwise(steps):
        step.previous = before.value
        if step.value != before.value:
            step.change = "up" if step.value > before.value else "down"
    return steps[1:]


def _money_millions(tokens: list[Token], a: Mention, b: Mention) -> None:
    """ "$10-25m": after money, a glued "m" ending the range is millions, not metres."""
    if (
        a.kind == MONEY
        and b.kind == QUANTITY
        and b.unit == "m"
        and b.amount is not None
        and b.amount.scale == 1
        and glued(tokens, b.j - 1)
    ):
        b.kind, b.unit, b.value = MONEY, a.unit, b.value * 1e6
        b.amount.scale = 1e6


_SCORE_WORDS = frozenset(GRAMMAR["scores"]["words"])


def _is_score(tokens: list[Token], a: Mention, b: Mention) -> bool:
    """Two bare whole numbers glued by a hyphen that write a result, not a range: the second
    is not above the first ("6-3", "83-10", "3-3"), or a word of games is near ("a 1-2
    defeat")."""
    if not (
        (a.bare or (a.kind == IDENTIFIER and not a.unit))  # "beat Leeds 83-10"
        and (b.bare or (b.kind == IDENTIFIER and not b.unit))  # "a 2-1 Uefa Cup win"
        and b.i == a.j + 1
        and tokens[a.j].text in ("-", "–")
        and glued(tokens, a.j)
        and glued(tokens, b.i)
        and a.amount is not None
        and b.amount is not None
        and ((_digits_only(tokens, a) and _digits_only(tokens, b))
             or (_one_number_word(a) and _one_number_word(b)))  # "a three-two vote"
        and a.value <= 200
        and b.value <= 200
    ):
        return False
    if b.value <= a.value:
        return True
    if _set_scores(tokens, a, b):
        return True
    near = tokens[max(0, a.i - 6) : min(len(tokens), b.j + 6)]
    return any(t.low in _SCORE_WORDS for t in near)


def _set_scores(tokens: list[Token], a: Mention, b: Mention) -> bool:
    """Whether the pair ``a``-``b`` is one of a tennis match's sets or tie-breaks: games of
    at most seven next to another such pair, or a pair in brackets after one ("6-7 (3-7)
    6-3 6-3", "4-6 7-6"); not a price table's ranges ("ZINC 8-12 20-23")."""
    if a.i > 0 and tokens[a.i - 1].text == "(" and b.j < len(tokens) and tokens[b.j].text == ")":
        return _pair_at(tokens, a.i - 4, 7)  # the tie-break after its set
    if a.value > 7 or b.value > 7:
        return False
    if a.i > 0 and tokens[a.i - 1].text == "(":
        return False  # "aged 4-6 (5-7 in Scotland)": a bracket that does not close on the pair
    return _bracketed_pair_at(tokens, b.j) or _pair_at(tokens, a.i - 3, 20) or (
        a.i > 3 and tokens[a.i - 1].text == ")" and _pair_at(tokens, a.i - 4, 20)
    )


def _bracketed_pair_at(tokens: list[Token], x: int) -> bool:
    """Whether a pair of small numbers starts at ``x``, or in a bracket that closes right
    after it ("(7-3)")."""
    if x < len(tokens) and tokens[x].text == "(":
        return x + 4 < len(tokens) and tokens[x + 4].text == ")" and _pair_at(tokens, x + 1, 20)
    return _pair_at(tokens, x, 20)


def _pair_at(tokens: list[Token], x: int, most: int) -> bool:
    """Whether two whole numbers of at most ``most``, glued by a hyphen or slash, start at
    token ``x`` ("3-7", "8/6")."""
    return (
        x >= 0
        and x + 2 < len(tokens)
        and tokens[x].is_digit
        and tokens[x + 2].is_digit
        and tokens[x + 1].text in ("-", "–", "/")
        and glued(tokens, x + 1)
        and glued(tokens, x + 2)
        and tokens[x].text.isdigit()
        and tokens[x + 2].text.isdigit()
        and int(tokens[x].text) <= most
        and int(tokens[x + 2].text) <= most
    )


def _digits_only(tokens: list[Token], m: Mention) -> bool:
    """Whether ``m`` is written in digits alone ("6", not "6.5", "six")."""
    return m.amount is not None and not m.amount.words and tokens[m.i].text.isdigit()


def _one_number_word(m: Mention) -> bool:
    """Whether ``m`` is one spelled number word ("three", not "twenty-two")."""
    return m.amount is not None and m.amount.words and m.j == m.i + 1 and m.value < 20


def _votes_between(tokens: list[Token], a: Mention, b: Mention) -> bool:
    """Whether "votes to" joins the two numbers of a tally ("passed by 221 votes to 212"),
    not a change and a new level ("the majority fell by 5,000 votes to 12,500")."""
    return [t.low for t in tokens[a.j : b.i]] == _VOTES_TO and not any(
        (t.low,) in CHANGES for t in tokens[max(0, a.i - 3) : a.i]
    )


def _is_vote(tokens: list[Token], a: Mention, b: Mention) -> bool:
    """ "The Senate voted 93 to 0", "voted by 229 to 206": a tally, not a range."""
    if not (a.bare and b.bare and [t.low for t in tokens[a.j : b.i]] in (["to"], _VOTES_TO)):
        return False
    before = [t.low for t in tokens[max(0, a.i - 3) : a.i]]
    if any(w in _VOTE_WORDS and w != "by" for w in before):
        return True
    # "passed by 229 to 206" is a tally, but "cut by 500 to 1,000 jobs" a change (a range)
    return "by" in before and a.value >= b.value and not change_before(tokens, a)


_VOTE_WORDS = frozenset(GRAMMAR["scores"]["votes"])
_VOTES_TO = ["votes", "to"]  # "passed by 221 votes to 212"


_PREVIOUS = GRAMMAR["previous"]
_PREVIOUS_VERBS = frozenset(_PREVIOUS["verbs"])
_TO_VERBS = frozenset(_PREVIOUS["to_verbs"])
_PREVIOUS_FILLERS = frozenset(_PREVIOUS["fillers"])


def _changed_from(tokens: list[Token], k: int) -> bool:
    """True when a change verb governs the "from" at ``k``: "rose from", "revised down
    from", "lowered its forecast from"."""
    x = k - 1
    steps = 0
    while x >= 0 and steps < 7:
        t = tokens[x]
        if (t.low,) in CHANGES or t.low in _PREVIOUS_VERBS:
            return True
        if t.low not in _PREVIOUS_FILLERS and not (
            # the object between: "increase the number of specialist colleges from 350 to 400"
            t.low == "of" or (t.is_word and t.text.islower() and pos_tag(t)[:2] in ("NN", "JJ"))
        ):
            return False
        x -= 1
        steps += 1
    return False


def _settle_range(
    tokens: list[Token], m: Mention, opening: str, conn: list[str], rise: bool = False
) -> None:
    """A range whose words say it is a change is one figure with its earlier value: "rose
    from 40 to 45", "revised down from 157,000 to 133,000" (value 133,000, previous 157,000,
    change down); any other range keeps ``value_high`` above ``value``, and so does a rise
    written high to low (``rise``: "gains of 0.80 to 0.12 cent")."""
    if m.high is None:
        return
    k = m.i - 1
    while k >= 0 and tokens[k].low != "from" and m.i - k <= 3:
        k -= 1
    if opening == "from" and k > 0 and tokens[k - 1].low in RANGE_VERBS:
        if m.high < m.value:  # "prices range from 26,000 dlrs ... to 200 dlrs": a range
            m.value, m.high = m.high, m.value
        return
    if opening != "from" and m.high < m.value and rise:
        m.value, m.high = m.high, m.value  # "gains of 0.80 to 0.12 cent": a rise, high to low
    elif (opening == "from" and (m.high < m.value or (k >= 0 and _changed_from(tokens, k)))) or (
        m.high < m.value and conn and conn[-1] == "to"
    ):
        m.previous, m.value, m.high = m.value, m.high, None
        if m.value != m.previous:
            m.change = "up" if m.value > m.previous else "down"
    elif m.high < m.value:
        m.value, m.high = m.high, m.value


def _close_ends(a: Mention, b: Mention) -> bool:
    """Whether a bare number ``a`` and the amount ``b`` after it read as the two ends of one
    range rather than two figures: ``b`` above ``a`` and at most three times it, once the
    scale written only on ``b`` applies to both ("two or three", "1 to 2 billion")."""
    if not a.bare or a.measure or a.amount is None or b.amount is None:
        return False
    low = a.value * b.amount.scale if a.amount.scale == 1 < b.amount.scale else a.value
    return 0 < low < b.value <= 3 * low


def _range_link(tokens: list[Token], a: Mention, b: Mention) -> str | None:
    """The word that opens a range of ``a`` and ``b`` ("between", "from", or "" for none)
    when the tokens between them link a range; None when they do not."""
    conn = [t.low for t in tokens[a.j : b.i]]
    prev = _word_before(tokens, a.i)
    if prev == "of" and _between_the_ages(tokens, a.i):
        prev = "between"  # "between the ages of six and 11"
    between = prev == "between"
    from_ = prev == "from"
    # a spaced hyphen or em dash is punctuation: "£35bn - £2.5bn less than ..."
    dashed = (
        conn in (["-"], ["—"])
        and not (glued(tokens, a.j) or glued(tokens, b.i))
        and not (a.bare and conn == ["-"])  # but "1000 - 5000" is a range
    )
    ok = not dashed and (
        conn in _RANGE_LINKS
        or (between and conn == ["and"])
        or (from_ and conn == ["up", "to"])
        or (conn == ["/"] and a.kind == YEAR)  # "2004/05"
        # "two or three weeks" (in words: "8 or $9", "25k or 40k cheaper" are two figures)
        or (conn == ["or"] and _close_ends(a, b) and a.amount.words and b.amount.words)
    )
    # "increased by $43.6 billion to $419.2 billion", "lowered 1.50 dlrs to 16.35 dlrs": a
    # change, then the new level; but "rose 3 to 4 pct", "fall another five to 10 pct"
    # write the change as a range, its unit once; and a rise cannot end below its own size
    # in the same unit: "gains of 0.80 to 0.12 cent" is a range written high to low (but
    # "Elders rose 14 to 5.64" is 14 cents up to 5.64 dollars)
    if ok and conn == ["to"] and a.bare and b.bare and _eighths(tokens, a) and (
        change_before(tokens, a) or b.value >= max(4 * a.value, 2)
    ) and not any(t.low in _NOT_SHARE_PRICES for t in tokens):
        ok = False  # "shot up 11-5/8 to 29-3/8", "Syntex 1-3/8 to 82": a move, then a price
    elif ok and conn == ["to"] and not from_ and not _close_ends(a, b):
        # "by" names a change even where its verb is out of reach ("is decreasing its
        # electrolytic copper cathode price by one cent to 66.0 cents", "is lowering its base
        # lending rate by 1/2 to 7-1/2 pct"), as it does near it
        by = prev == "by" and not _is_vote(tokens, a, b)
        change = change_before(tokens, a) or ("by" if by else "")
        ok = not change or (change == "up" and 0 < b.value < a.value and a.bare and not b.bare)
    if not ok:
        return None
    return prev if between or from_ else ""


def _read_context(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Qualifier, change and measure of each amount (``context``)."""
    for m in mentions:
        if m.kind in CALENDAR_KINDS or m.kind == IDENTIFIER:
            continue
        set_qualifier(tokens, m)
        set_change(tokens, m)
        if m.kind != YEAR:
            set_measure(tokens, m)
    return mentions


def _read_ages(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Bare numbers that are a person's age: "men aged 18 to 34", "Maddon, 66, has", "she
    turned 70 in May"."""
    for m in mentions:
        if not m.bare:
            continue
        if (m.i > 0 and tokens[m.i - 1].low in _AGE_BEFORE) or (
            m.high is not None and _age_years(m) and (  # "aged between 10 and 17"
                _between_the_ages(tokens, m.i)
                or (m.i > 1 and tokens[m.i - 1].low == "between"
                    and tokens[m.i - 2].low in _AGE_BEFORE))
        ) or (
            _is_age(tokens, m)
            or _is_age_stated(tokens, m)
            or _age_of(tokens, m)
            or _people_over(tokens, m)
            or _died_at(tokens, m)
        ):
            m.kind, m.unit, m.measure = QUANTITY, "years", "age"
            _age_bound(tokens, m)
    return mentions


def _age_bound(tokens: list[Token], m: Mention) -> None:
    """ "under the age of 10", "past the age of 65": the bound the words before "the age of"
    set (the qualifier is not next to the number, so ``set_qualifier`` left it)."""
    i = m.i
    if m.qualifier or i < 4 or tokens[i - 1].low != "of" or tokens[i - 2].low != "age" \
            or tokens[i - 3].low != "the":
        return
    got = match_back(tokens, i - 3, QUALIFIERS)
    if got is None and tokens[i - 4].low in _PAST_AGE:
        got = ("above", i - 4)  # "work past the age of 65"
    if got is not None and got[0] in ("above", "below"):
        m.bound, m.qualifier = got[0], " ".join(t.low for t in tokens[got[1] : i - 3])


_PAST_AGE = frozenset(("past", "beyond"))


def _carry(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Context carried between neighbouring amounts (dates, years, ordinals and
    identifiers take no part)."""
    carry_context(tokens, [m for m in mentions if m.kind in CONTEXT_KINDS])
    return mentions


_PREVIOUS_LINKS = frozenset(tuple(x.split()) for x in _PREVIOUS["links"])
_NEED_CHANGE = frozenset(tuple(x.split()) for x in _PREVIOUS["need_change"])
_LINK_SKIP = frozenset(GRAMMAR["measure"]["link_time_words"]) | {",", "(", ")", "earlier", "a"}


def _previous_values(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """The earlier value stated beside a figure: "Net 5.93 mln dlrs vs 5.81 mln", "rose 5%
    to $3.2bn from $2.9bn", "X, up from Y", "X compared with Y a year earlier". The first
    amount takes the second as ``previous`` (and its change from the two values when the
    words say none); a bare second amount takes the first one's unit and scale."""
    # neighbours once the times between are set aside: "rose to 5.2 billion dlrs in the
    # fourth quarter from 4.9 billion", "to 40,000 in 1986 from 35,000"
    amounts = [m for m in mentions if m.kind not in _TIME_BETWEEN]
    for x, (a, b) in enumerate(pairwise(amounts)):
        end = a.j  # the link is read after the bracket, the earlier value given to the amount
        a = outside_brackets(tokens, amounts, x, b)  # "77m euros (£53m), up from 38m"
        if a.kind not in CONTEXT_KINDS or b.kind not in CONTEXT_KINDS or a.previous is not None:
            continue
        if b.i - end > 8 or b.high is not None or a.high is not None:
            continue
        link = tuple(t.low for t in tokens[end : b.i] if t.low not in _LINK_SKIP)
        if link not in _PREVIOUS_LINKS:
            link = _past_noun(tokens, end, b.i)  # "1.25 million vehicles from 1.27 million"
        if link not in _PREVIOUS_LINKS:
            # "widened to 6.63 billion marks in February from 4.79 billion in January"
            k = _past_time(tokens, end, b.i)
            link = tuple(t.low for t in tokens[k : b.i] if t.low not in _LINK_SKIP)
        if link not in _PREVIOUS_LINKS:
            continue
        if link in _NEED_CHANGE and not (a.change or _changed_to(tokens, a)):
            continue
        if a.i > 0 and tokens[a.i - 1].low == "by":
            continue  # "fell by £600 from £190,329": the change, not the level
        if link[0] != "from" and _for_another(tokens, b.j) and not a.change:
            continue  # "won with 20,645 votes, compared to 14,738 for the Liberal Democrat"
        was = (a.kind, a.unit, b.value, b.kind, b.unit)
        if not _same_scale(a, b):
            continue
        if a.value and b.value and not 0.001 < abs(b.value / a.value) < 1000:
            # no earlier value of the same thing ("up 92.4 pct from 122,616 units"): the
            # units and scales taken for it are given back
            a.kind, a.unit, b.value, b.kind, b.unit = was
            continue
        a.previous = b.value
        _swap_result(a, b, link)
        if _result_side(a.measure) * _result_side(b.measure) < 0:
            a.previous = -b.value  # "profit 28 cts vs loss 1.61 dlrs": from -161, up
        if not a.change and a.value != a.previous and (
            a.bound in ("", "exact") or _changed_to(tokens, a)
        ):
            # the direction the two values give, unless a bound qualifies an amount no verb
            # changed: "as high as $6.25 in 2004, compared to $5.80" stays a bound
            a.change = "up" if a.value > a.previous else "down"
    return mentions


def _swap_result(a: Mention, b: Mention, link: tuple[str, ...]) -> None:
    """ "Net loss 463,473 vs profit 126,835", "Shr loss six cts vs profit two cts": the
    earlier value is a profit where the link says so (and a loss the other way round)."""
    said = "profit" if "profit" in link else "loss" if "loss" in link else ""
    others = _OTHER_RESULT.get(said, ())
    if said and b.measure and any(w in others for w in b.measure.split()):
        b.measure = " ".join(said if w in others else w for w in b.measure.split())


def _result_side(measure: str) -> int:
    """1 for a measure of a profit ("net income", "earnings per share"), -1 for a loss ("net
    loss", "loss per share"), 0 for anything else: a loss is a negative profit."""
    words = measure.split()
    if "loss" in words or "losses" in words:
        return -1
    return 1 if any(w in _PROFIT_WORDS for w in words) else 0


# What the other result is written as in a line's measure: "net income" vs a loss.
_OTHER_RESULT = {"profit": ("loss",), "loss": ("profit", "income", "earnings")}
_PROFIT_WORDS = frozenset((*_OTHER_RESULT["loss"], "profits"))


def _for_another(tokens: list[Token], j: int) -> bool:
    """Whether "for" and a name or a noun follow the second amount at ``j``: a comparison
    with someone else ("14,738 for the Liberal Democrat candidate"), not an earlier value
    ("for the same period", "for 1986" are times)."""
    if j + 1 >= len(tokens) or tokens[j].low != "for":
        return False
    k = j + 1
    if tokens[k].low in _NP_DETERMINERS:
        k += 1
    if k >= len(tokens):
        return False
    t = tokens[k]
    return (
        t.is_word
        and t.low not in _FOR_TIMES
        and t.low not in MONTHS
        and t.low not in CARDINALS  # "for the five-week period"
        and year_token(t) is None
    )


_FOR_TIMES = frozenset(GRAMMAR["measure"]["link_time_words"]) | frozenset(
    GRAMMAR["measure"]["for_times"]
)


def _past_time(tokens: list[Token], j: int, i: int) -> int:
    """The index after a time phrase at ``j`` (before ``i``): "in February", "in March 1987",
    "in the fourth quarter", "in 1986"; ``j`` when none stands there."""
    if j >= i or tokens[j].low not in ("in", "for", "during"):
        return j
    k = j + 1
    while k < i and (
        tokens[k].low in MONTHS
        or tokens[k].low in _QUARTER_WORDS
        or year_token(tokens[k]) is not None
    ):
        k += 1
    return k if k > j + 1 else j


_TIME_BETWEEN = frozenset([ORDINAL, YEAR, DATE, DATE_RANGE])
_QUARTER_WORDS = frozenset(GRAMMAR["measure"]["time_phrase_words"])


def _past_noun(tokens: list[Token], j: int, i: int) -> tuple[str, ...]:
    """The link after the counted noun between two amounts: "vehicles from" -> ("from",)."""
    k = j
    while k < i and k - j < 3 and tokens[k].is_word and pos_tag(tokens[k])[:2] in ("NN", "JJ"):
        k += 1
    if k == j:
        return ()
    return tuple(t.low for t in tokens[k:i] if t.low not in _LINK_SKIP)


def _rescale(a: Mention, b: Mention) -> None:
    """ "184.0 mln tonnes from 185.7": the earlier value written without the scale."""
    if (
        a.amount is not None
        and b.amount is not None
        and a.amount.scale > 1
        and b.amount.scale == 1
        and 100 * abs(b.value) < abs(a.value)
        and abs(b.value) * a.amount.scale <= 100 * abs(a.value)
    ):
        b.value *= a.amount.scale


def _changed_to(tokens: list[Token], a: Mention) -> bool:
    """ "rose to $3.2bn from ...", "fell 5% to 40 from 42": the amount is a new level."""
    if a.i == 0 or tokens[a.i - 1].low != "to":
        return False
    start = max(0, a.i - 9)
    return any(
        (t.low,) in CHANGES or t.low in _PREVIOUS_VERBS or t.low in _TO_VERBS
        or t.low == "raise"
        or (x > start and (tokens[x - 1].low, t.low) in CHANGES)  # "were off 25.1 pct to"
        for x, t in enumerate(tokens[start : a.i - 1], start)
    )  # "raise" too: "to raise its bid to 48 dlrs from 46" (but "to raise from $10 to $15
    # billion" is a range of money raised, so it is not one of the verbs of "from X to Y")


def _same_scale(a: Mention, b: Mention) -> bool:
    """True when ``b`` can be an earlier value of ``a``; a bare ``b`` takes ``a``'s kind,
    unit and scale ("5.93 mln dlrs vs 5.81 mln", "16 cts vs 14")."""
    if a.kind == b.kind and a.unit == b.unit:
        _rescale(a, b)
        return True
    if a.kind == b.kind == QUANTITY and {a.unit, b.unit} <= _TONS:
        b.unit = a.unit  # "25,192 short tons versus 29,043 tons": the tons written first
        return True
    if a.kind == b.kind == MONEY and a.unit.split("/")[0] == b.unit.split("/")[0]:
        # "to 45 cts from 44 cts a share": the rate written once is both amounts'
        if "/" in a.unit:
            b.unit = a.unit
        else:
            a.unit = b.unit
        return True
    if a.kind == b.kind == MONEY and (a.unit in MINOR_NAMES) != (b.unit in MINOR_NAMES):
        # "Shr 18 cts vs 1.01 dlrs": the earlier value in the unit of the first
        b.value *= 100 if a.unit in MINOR_NAMES else 0.01
        b.unit = a.unit
        return True
    if b.bare and not b.measure.startswith("per ") and not (
            a.kind == PERCENT and b.measure and not b.guessed):
        # but "up 5 pct from 122,616 units" counts units: no percent
        scale = a.amount.scale if a.amount else 1.0
        if scale > 1 and b.amount is not None and b.amount.scale == 1:
            b.value *= scale
        b.kind, b.unit = a.kind, a.unit
        return True
    if a.bare and not a.measure.startswith("per "):
        a.kind, a.unit = b.kind, b.unit
        return True
    return False


_TONS = frozenset(("t", "short ton", "long ton"))  # "tons" is loose for either
_WIRE = GRAMMAR["wire"]
_WIRE_ITEMS = PhraseTable(
    {tuple(k.split()): ("money", v) for k, v in _WIRE["money"].items()}
    | {tuple(k.split()): ("count", v) for k, v in _WIRE["counts"].items()}
)


def _wire_items(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """An earnings-table line of wire copy, "Shr 16 cts vs 14 cts", "Net 5.93 mln vs 5.81
    mln", "Avg shrs 12.5 mln": the item at the start of the line is what every amount of the
    line measures; bare amounts are money in the wire's currency (a count for shares). A
    period or group before the item is stepped over ("Nine mths Shr 1.20 dlrs vs ...")."""
    if not mentions:
        return mentions
    lower = not tokens[0].text[0].isupper()
    if lower and not tokens[0].is_digit and not _says_vs(tokens):
        return mentions  # "net 7.6 mln vs 7.5 mln": some tables are in lower case
    s, f = _item_start(tokens, mentions)
    if f >= len(mentions) or not tokens[s].is_word:
        return mentions
    first = mentions[f]
    note = any(t.text == ":" for t in tokens[:s])  # "NOTE: Pretax net 1.34 billion vs ..."
    got = match_forward(tokens, s, _WIRE_ITEMS)
    if got is None and not note:  # a note's prose names only known items
        got = _wire_item(tokens, s, first)
    if got is None:
        return mentions
    (kind, measure), e = got
    while e < first.i and first.i - e <= 2 and tokens[e].is_word \
            and tokens[e].low not in STOPWORDS and not (note and pos_tag(tokens[e])[:2] == "VB"):
        e += 1  # "Shr loss 16 cts", "Avg shrs diluted 1,859,421" (not a note's "net includes")
    if first.i != e or first.kind not in CONTEXT_KINDS:
        return mentions
    if not _says_vs(tokens) and any(t.is_word for t in tokens[first.j :]):
        return mentions  # "Sales 35m devices ..." is prose, not a line of a table
    # bare amounts are in the unit of the money before them on the line ("Shr 24.8 cents vs
    # 17.8" is 17.8 cents, "213.8 mln stg vs 193.6 mln" sterling), else the line's
    # currency, else the wire's
    for m in mentions[:f]:
        m.measure = ""  # "Nine mths" before the item is its period, not a count of the item
    line = mentions[f:]
    unit = next(
        (m.unit for m in line if m.kind == MONEY and m.unit not in MINOR_NAMES),
        _WIRE["currency"],
    )
    last = ""
    for m in line:
        if m.kind not in CONTEXT_KINDS:
            continue
        if kind == "money" and m.bare:
            m.kind, m.unit = MONEY, last or unit
        if m.kind == MONEY:
            last = m.unit
        if (kind == "money" and m.kind == MONEY) or (kind == "count" and m.bare):
            m.measure, m.guessed = measure, False
    return mentions


def _says_vs(tokens: list[Token]) -> bool:
    """Whether a line compares with "vs", as every line of a wire table does."""
    return any(t.low in _VS for t in tokens)


_ITEM_PREFIXES = frozenset(_WIRE["item_prefixes"])
_ITEM_WORDS = frozenset(_WIRE["item_words"])
_PERIOD_KINDS = frozenset([DURATION, YEAR])


def _item_start(tokens: list[Token], mentions: list[Mention]) -> tuple[int, int]:
    """Where the item of a table line starts, past a period or group before it ("Nine mths",
    "Group 1986", "4th qtr"), and the index of the first mention after that."""
    s = f = 0
    n = len(tokens)
    while s < n - 1:
        m = mentions[f] if f < len(mentions) else None
        if m is not None and m.i == s and (
            m.kind in _PERIOD_KINDS
            or (m.kind == ORDINAL and m.j < n and tokens[m.j].low in _ITEM_PREFIXES)
        ):
            s, f = m.j, f + 1
        elif tokens[s].low in _ITEM_PREFIXES and (m is None or m.i > s):
            s += 1
        else:
            break
    return s, f


def _dollar_nations() -> PhraseTable:
    """The words before "dollar" that name a currency other than the US dollar: ("canadian",)
    -> "CAD", ("new", "zealand") -> "NZD" (from the currency names that end in "dollar")."""
    out: dict[tuple[str, ...], str] = {}
    for code, spec in CURRENCIES.items():
        for name in spec.get("names", []):
            words = tuple(name.split())
            if code != "USD" and len(words) > 1 and words[-1] == "dollar":
                out.setdefault(words[:-1], code)
    return PhraseTable(out)


_DOLLAR_NATIONS = _dollar_nations()
_DOLLAR_WORDS = frozenset(GRAMMAR["units"]["dollar_words"])
_US_MARKS = frozenset(GRAMMAR["units"]["us_marks"])
_DOLLAR_BANKS = phrase_table(GRAMMAR["dollar_banks"])


def _dollar_of_sentence(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "Canadian liquid assets fell 854 mln dlrs ... and total Canadian dollar major assets
    fell 118 mln dlrs": where a sentence names one other dollar ("Canadian dollar",
    "Australian dlr", or its central bank: "the Reserve Bank of Australia") and no US one,
    its bare "dlrs" are that dollar too."""
    for m in mentions:  # loops, not generators: this runs on every sentence
        if m.kind == MONEY and m.unit[:3] == "USD":
            break
    else:
        return mentions
    for t in tokens:
        if t.low in _DOLLAR_WORDS:
            break
    else:
        return mentions  # "$5m": no dollar named in words
    codes = set()
    for k, t in enumerate(tokens):
        low = t.low
        if low in _US_MARKS or t.text in ("$", "US$") or (
            low == "u" and k + 2 < len(tokens) and tokens[k + 2].low == "s"
        ):
            return mentions  # "U.S. dlrs", "$5": the US dollar is in the sentence
        if low in _DOLLAR_WORDS and k > 0:
            got = match_back(tokens, k, _DOLLAR_NATIONS)
            if got and _money_in(tokens, mentions, k, got[1]):
                codes.add(got[0])
        elif low in _DOLLAR_BANKS.firsts:
            bank = match_forward(tokens, k, _DOLLAR_BANKS)
            if bank:
                codes.add(bank[0])  # "The Reserve Bank of Australia ... 500 mln dlrs"
    if len(codes) != 1:
        return mentions
    code = codes.pop()
    for m in mentions:
        head, _, rate = m.unit.partition("/")
        if m.kind == MONEY and head == "USD" and any(
            tokens[x].low in _DOLLAR_WORDS for x in range(m.core_i, m.j)
        ):
            m.unit = f"{code}/{rate}" if rate else code
    return mentions


def _eighths(tokens: list[Token], m: Mention) -> bool:
    """Whether ``m`` is written in eighths, as wire copy quotes share prices ("1-3/8")."""
    return in_eighths(tokens, m.i, m.j)


_NOT_SHARE_PRICES = frozenset(GRAMMAR["units"]["not_share_prices"])


def _share_price_moves(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "UAL closed up 6-1/4 at 72", "Temple Inland jumped 2-7/8 to 73", "AMC was off 3/8 to
    3-1/2": a bare move written in eighths is a share price's, in dollars, and so is the bare
    price it moved to; not a bond's or a rate's ("the bond fell 1/4 to 99-1/2": points of
    par), which the sentence names."""
    for t in tokens:  # loops, not generators: this runs on every sentence
        if t.text == "/":
            break
    else:
        return mentions
    if any(t.low in _NOT_SHARE_PRICES for t in tokens):
        return mentions
    code = "USD"
    for t in tokens:
        code = _SHARE_PRICE_DOLLARS.get(t.low, code)
    moved = ""  # the direction of the last move: a list goes on without its verb
    for idx, m in enumerate(mentions):
        if not (m.bare and m.amount is not None and m.amount.scale == 1 and _eighths(tokens, m)
                and _moved_by(tokens, m, moved)):
            continue
        b = mentions[idx + 1] if idx + 1 < len(mentions) else None
        to_price = (b is not None and b.bare and _moved_to(tokens, m.j, b.i)
                    and b.amount is not None and b.amount.scale == 1)
        if not (m.change or to_price):
            continue
        if not m.change and tokens[m.i - 1].low != "of":
            m.change = moved  # "which rose 2-1/4 to 101, Schering-Plough Corp 2-7/8 to 97"
        m.kind, m.unit = MONEY, code
        moved = m.change or moved
        if to_price:
            b.kind, b.unit = MONEY, code
        a = mentions[idx - 1] if idx else None
        if (a is not None and a.bare and a.i > 0 and tokens[a.i - 1].low == "at"
                and m.i - a.j == 2 and tokens[a.j].text == ","):
            a.kind, a.unit = MONEY, code  # the price first: "stood at 109-1/8, up 1-1/8"
    return mentions


def _moved_to(tokens: list[Token], j: int, i: int) -> bool:
    """Whether tokens ``[j, i)`` link a move to the level it reached: "to", "at", "to close
    at" ("fell 4-1/4 to close at 31")."""
    if i == j + 1:
        return tokens[j].low in MOVED_TO_LINKS
    return (i == j + 3 and tokens[j].low == "to" and tokens[j + 1].low in _MOVED_TO_VERBS
            and tokens[j + 2].low == "at")


_MOVED_TO_VERBS = frozenset(GRAMMAR["units"]["moved_to_verbs"])


def _moved_by(tokens: list[Token], m: Mention, moved: str) -> bool:
    """Whether ``m`` is what a share price moved by in a sentence's words: after a verb or a
    lower-case "up"/"down" ("closed off 1-3/8", "stood at 109-1/8, up 1-1/8"), after "a
    gain of", or in a list after a move ("Schering-Plough Corp 2-7/8 to 97"); not in a
    table's columns ("MAY7 285 UP 1 1/2", "M-D 288-1/4 up 6-3/4") nor before a unit's
    words ("by 1/2 Canadian cts per pound")."""
    if m.j < len(tokens) and tokens[m.j].is_word and pos_tag(tokens[m.j]) not in _AFTER_A_MOVE:
        return False
    if not m.change:
        return bool(moved) or (
            m.i > 1 and tokens[m.i - 1].low == "of" and tokens[m.i - 2].low in _MOVE_NOUNS)
    word = tokens[m.i - 1]
    if word.text.isupper() or m.i < 2:
        return False
    return not (tokens[m.i - 2].is_digit or tokens[m.i - 2].text in ("-", "/"))


_AFTER_A_MOVE = frozenset(("IN", "TO", "CC", "RB", "DT", "WDT", "VBD", "VBZ", "NN", "NNP"))
_MOVE_NOUNS = frozenset(("gain", "loss", "rise", "fall", "drop", "decline", "advance"))
_SHARE_PRICE_DOLLARS = GRAMMAR["units"]["share_price_dollars"]


_RATES_IN_PERCENT = frozenset(GRAMMAR["units"]["rates_in_percent"])
_RATE_LEVEL_LINKS = frozenset(("to", "at", "of", "from"))


def _rate_levels(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "raised its prime rate to 7-3/4 from 7-1/2", "the unemployment rate of 11": a bare
    level of a rate that is written in percent is a percent (the earlier value then takes
    it, as "from 7-1/2" does); not an exchange rate ("a rate of 1.71 marks")."""
    for m in mentions:  # loops, not generators: this runs on every sentence
        if not (m.bare and m.amount is not None and m.amount.scale == 1 and 0 < m.value < 100
                and m.i > 2 and tokens[m.i - 1].low in _RATE_LEVEL_LINKS):
            continue
        for k in range(m.i - 2, max(0, m.i - 8), -1):
            t = tokens[k]
            if t.is_digit or t.text in (",", ";"):
                break
            if t.low in ("rate", "rates") and tokens[k - 1].low in _RATES_IN_PERCENT:
                m.kind, m.unit = PERCENT, "%"
                break
    return mentions


_INDEX_NAMES = frozenset(GRAMMAR["units"]["index_names"])
_INDEX_AVERAGES = frozenset(GRAMMAR["units"]["index_averages"])
_INDEX_REACH = 15  # tokens from the index's name to the number it moves by


def _index_points(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "The index had slumped 502.98 to 21,675.04", "the Dow Jones industrial average fell
    12.34 to 2,345.67": a bare number by which a stock index named before it moves counts
    points, and so does the level it moves to. A level alone ("gained 0.7 percent to
    6,327.80", "the dollar index was up at 96.088") stays a bare number, as NewsQuant has it."""
    for m in mentions:  # loops, not generators: this runs on every sentence
        if m.bare and m.change:
            break
    else:
        return mentions
    named = -1
    moved: Mention | None = None  # the last amount of points the index moved by
    for m in mentions:
        if not (m.bare and not m.measure and m.amount is not None and m.amount.scale == 1
                and not m.amount.words):
            continue
        if (tokens[m.i].text[:1] == "0" and tokens[m.i].text[1:2].isdigit()) or any(
                tokens[x].text == "/" for x in range(m.i, m.j)):
            continue  # "fell 4-1/4 to 31" in NASDAQ trading: a share price; "at 0930": a time
        before = tokens[m.i - 1].low if m.i else ""
        if moved is not None and before in MOVED_TO_LINKS and m.i - moved.j <= 2:
            m.kind, m.unit = QUANTITY, "points"  # the level it moved to
            continue
        if not m.change or not m.i or not (
                before in MOVE_WORDS or pos_tag(tokens[m.i - 1]).startswith("VB")):
            continue  # a level ("was up at 96.088"), no change, or no verb moved it by
            # this: "advances led declines 518 to 507", "down 9.1 points by 1340"
        for k in range(max(named + 1, m.i - _INDEX_REACH), m.i):
            if _names_index(tokens, k):
                named = k
        if named >= 0 and m.i - named <= _INDEX_REACH and _same_subject(tokens, named, m.i):
            m.kind, m.unit = QUANTITY, "points"
            moved = m
    return mentions


def _same_subject(tokens: list[Token], named: int, i: int) -> bool:
    """Whether the amount at ``i`` still speaks of the index named at ``named``: no clause
    begins between them ("the Sensex rose 1.2 pct; Infosys gained 45.5", "the Nikkei fell 2
    pct, and Toyota lost 40") and no other name stands there."""
    for k in range(named + 1, i):
        t = tokens[k]
        if t.low in _SUBJECT_BREAKS or (t.is_word and t.text[0].isupper() and t.low not in
                                       _INDEX_NAME_WORDS and not _names_index(tokens, k)):
            return False
    return True


_SUBJECT_BREAKS = frozenset(GRAMMAR["measure"]["clause_joiners"]) - {","}
_INDEX_NAME_WORDS = frozenset(GRAMMAR["units"]["index_name_words"])


def _names_index(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` names a stock index: "index", "Nikkei", "FTSE", "S&P", "the Dow"
    (not "Dow Chemical"), "industrial average"."""
    t = tokens[k]
    low = t.low
    if low in _INDEX_NAMES:
        if low != "dow":
            return True
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if after is not None and after.low == "jones":  # "Dow Jones and Co": the company
            return k + 2 >= len(tokens) or tokens[k + 2].low not in ("and", "&", "co", "inc")
        return after is None or not after.is_word or after.text.islower()
    if low == "average" or low == "averages":
        return k > 0 and tokens[k - 1].low in _INDEX_AVERAGES
    return low == "p" and k > 1 and tokens[k - 1].text == "&" and tokens[k - 2].low == "s"


def _money_in(tokens: list[Token], mentions: list[Mention], k: int, s: int) -> bool:
    """True when the dollar named at tokens ``[s, k]`` is what money is counted in: the unit of
    an amount ("90 mln Canadian dlrs"), a modifier ("Canadian dollar bond", "Australian
    dollar-denominated") or after "in"; not the currency as a subject ("The Australian dollar
    closed at 70.50 cents")."""
    if any(m.core_i < k < m.j for m in mentions):
        return True
    if s > 0 and tokens[s - 1].low == "in":
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is None:
        return False
    if nxt.text == "-" and glued(tokens, k + 1):
        return True
    return nxt.is_word and nxt.text.islower() and pos_tag(nxt)[:2] in ("NN", "JJ")


_ITEM_JOINERS = frozenset(_WIRE["item_joiners"])
_VS = frozenset(["vs", "versus"])


def _wire_item(tokens: list[Token], s: int, first: Mention) -> tuple[tuple[str, str], int] | None:
    """Any other item of a table line, "Oil and chemicals 479.7 mln vs 831.7 mln": one to
    four words from token ``s`` to the first amount, which "vs" follows; money, measured by
    the item, or counted by a count item at its end ("Diluted avg shrs 16,853,000 vs")."""
    e = first.i
    if not 1 <= e - s <= 6 or first.j >= len(tokens) or tokens[first.j].low not in _VS:
        return None
    words = tokens[s:e]
    if not all(
        (t.is_word and (t.low not in STOPWORDS or t.low in _ITEM_WORDS))
        or t.low in _ITEM_JOINERS
        for t in words
    ):
        return None  # "The list price is $41,500 versus ...": a sentence, not an item
    if sum(t.is_word and t.low not in _ITEM_JOINERS for t in words) > 4:
        return None
    for x in range(s + 1, e):  # "Diluted avg shrs": a count of shares, not money
        got = match_forward(tokens, x, _WIRE_ITEMS)
        if got is not None and got[1] == e and got[0][0] == "count":
            return got
    return ("money", span_text(tokens, s, e)), e


def _subject_counts(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "New loans in November fell to 77,000, from 85,000", "Covid cases rose by 12,000 to
    45,300": a bare number left without unit or noun (no money or unit of the sentence was
    carried to it) that is the level its subject reaches, or the size of its change,
    counts the subject (``counted_subject``), and so does its earlier value or new level."""
    for x, m in enumerate(mentions):
        if not (m.bare and m.kind == COUNT and not m.measure):
            continue
        np = counted_subject(tokens, m.i)
        if not np:
            continue
        m.measure = np
        nxt = mentions[x + 1] if x + 1 < len(mentions) else None
        if nxt is not None and nxt.bare and not nxt.measure and (
            m.previous == nxt.value or [t.low for t in tokens[m.j : nxt.i]] == ["to"]
        ):
            nxt.measure = np  # its earlier value, or the level after "rose by 12,000 to"
    return mentions


def _same_or_nil(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "Shrs 560.61 mln vs same", "Revs 12.5 mln vs nil": the earlier value is the figure's
    own, or zero."""
    n = len(tokens)
    for m in mentions:
        if m.kind not in CONTEXT_KINDS or m.previous is not None or m.j + 1 >= n:
            continue
        if tokens[m.j].low not in _VS:
            continue
        k = m.j + 1
        if tokens[k].low in ("loss", "profit") and k + 1 < n:
            k += 1
        if tokens[k].low in _SAME:
            m.previous = m.value
        elif tokens[k].low in _NIL:
            m.previous = 0.0
            if not m.change and m.value:
                m.change = "up" if m.value > 0 else "down"
    return mentions


_SAME = frozenset(_WIRE["same"])
_NIL = frozenset(_WIRE["nil"])
_SHARE_AFTER = frozenset(GRAMMAR["words"]["half_before"]) - {"a", "an"}
_FRACTION_SHARE_AFTER = frozenset(GRAMMAR["words"]["fraction_share_after"])


_NOT_AFTER_A_SHARE = frozenset((*ARTICLES, *SCALES, "dozen"))
_RANGE_ON = frozenset(("to", "and", "or"))


def _shares(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """A fraction in words or a ratio that is a share of a group is a percent: "half of
    spam", "a third of voters", "one in five adults" -> 50, 33.3, 20 (unit "%")."""
    for m in mentions:
        a = m.amount
        if not (m.bare and a is not None and a.fraction and 0 < m.value < 1 and m.high is None):
            continue
        ratio = a.j > a.i + 1 and any(t.low in ("in", "out") for t in tokens[a.i : a.j])
        if not (a.words or ratio):
            continue  # "3/4 of a mile" is a fraction of a unit
        nxt = tokens[a.j].low if a.j < len(tokens) else ""
        k = a.j + 1
        if nxt == "of" and k < len(tokens) and (
            tokens[k].low in ARTICLES or unit_after(tokens, k) is not None
        ):
            continue  # "a third of a mile", "one twenty-fifth of a gram": a part of one thing
        # "half of spam", "one in five adults say", a fraction that is the subject of a verb
        # ("a third were sold", "less than a quarter are maintained") or a change's size
        subject = a.j < len(tokens) and a.words and pos_tag(tokens[a.j]) in FINITE_VERB_TAGS
        # the size of a change, or a share by the word before it ("cut by a third", "fell a
        # fifth", "up from a third", "limited to one-third", "nearly a third below")
        before = tokens[a.i - 1].low if a.i > 0 else ""
        level = (
            a.words
            and (m.change or before in BEFORE_A_SHARE)
            and nxt not in _NOT_AFTER_A_SHARE  # "a half dozen", "half a share"
            and not (nxt in _RANGE_ON and not m.change)  # "from a half to one point"
        )
        portion = a.words and nxt in _FRACTION_SHARE_AFTER  # "a one-third interest"
        alone = ratio and not (nxt and tokens[a.j].is_word)  # "low, at one in 10."
        if nxt in _SHARE_AFTER or (ratio and m.measure) or alone or subject or level or portion:
            m.kind, m.unit, m.value = PERCENT, "%", m.value * 100
    return mentions


def _partitives(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "one of the biggest investors": a spelled "one" that picks a member out of a group
    counts nothing; kind "partitive", which key-figure views leave out."""
    for m in mentions:
        a = m.amount
        if (
            m.bare
            and a is not None
            and a.words
            and a.j == a.i + 1
            and tokens[a.i].low == "one"
            and a.j < len(tokens)
            and tokens[a.j].low == "of"
        ):
            m.kind = PARTITIVE
            if _of_a_kind(tokens, a.j + 1):
                mentions = [x for x in mentions if x is not m]
            elif not m.measure:
                m.measure = partitive_group(tokens, a.i, a.j)
    return mentions


def _of_a_kind(tokens: list[Token], k: int) -> bool:
    """Whether "one of" before ``k`` says what kind a thing is rather than picking it out of
    a group: a singular noun without a determiner follows ("is one of slick presentation",
    "the party was the one of hope"), not a group ("one of the", "one of 182 stations",
    "one of Britain's", "one of exports")."""
    if k >= len(tokens) or not tokens[k].is_word or tokens[k].text[0].isupper() \
            or tokens[k].low in _NP_DETERMINERS:
        return False
    e = k
    while e < len(tokens) and tokens[e].is_word and pos_tag(tokens[e])[:2] in ("JJ", "NN"):
        if pos_tag(tokens[e]) != "JJ" and (pos_tag(tokens[e]) != "NN" or tokens[e].low[-1] == "s"):
            return False  # "one of several groups bidding", "one of its kind"
        e += 1  # the first noun phrase: "slick presentation" in "... and smooth transitions"
    if e < len(tokens) and tokens[e].text in ("'", "’"):
        return False  # "one of football's most respected administrators"
    return e > k and pos_tag(tokens[e - 1]) == "NN"


_NEGATIVE_AFTER = frozenset(GRAMMAR["units"]["negative_parentheses_after"])


def _clock_pairs(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Four digits beside a marked clock time are a time too: "from 1700 to 2100 local
    time", "between 0720 and 1515 GMT", "at 1358 local time (0458 GMT)"; and "2100 hrs"
    read as hours after a range link is the time it writes."""
    for m in mentions:
        if m.kind == DURATION and m.j == m.i + 2 and tokens[m.i + 1].low in HOUR_MARKS \
                and hhmm(tokens[m.i].text):
            m.kind, m.unit, m.measure = TIME, "", ""
    for idx in range(1, len(mentions)):
        a, b = mentions[idx - 1], mentions[idx]
        if b.kind == TIME and a.kind in (COUNT, YEAR) and not a.unit:
            conn = [t.low for t in tokens[a.j : b.i]]
            if conn in (["to"], ["and"], ["-"]) and _hhmm(tokens, a):
                a.kind, a.period = TIME, ""
        elif (
            a.kind == TIME
            and b.kind in (COUNT, YEAR)
            and not b.unit
            and [t.text for t in tokens[a.j : b.i]] == ["("]
            and _hhmm(tokens, b)
        ):
            b.kind, b.period = TIME, ""
    return mentions


def _clock_ranges(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Two clock times joined as a span are one time range: "between 1800 and 2100 local
    time", "from 0800 to 1415" (four-digit pairs in a sentence that has a marked clock time or
    speaks of hours: "trading hours ... from 0800 to 1415")."""
    if not any(m.kind == TIME or _hhmm(tokens, m) for m in mentions):
        return mentions  # no clock time to join (most sentences)
    if not (any(m.kind == TIME for m in mentions) or any(t.low in _HOUR_WORDS for t in tokens)):
        return mentions
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if a is not None and a.high is None and m.high is None and _clock_link(tokens, a, m) \
                and (a.kind == TIME or _hhmm(tokens, a)) and (m.kind == TIME or _hhmm(tokens, m)) \
                and a.value < m.value:
            a.kind, a.unit, a.measure, a.period = TIME, "", "", ""
            a.high, a.j = m.value, m.j
            continue
        out.append(m)
    return out


def _clock_link(tokens: list[Token], a: Mention, b: Mention) -> bool:
    """Whether the words between two times make a span: "to", "-", or "and" after
    "between"."""
    link = [t.low for t in tokens[a.j : b.i]]
    return link in (["to"], ["-"], ["until"]) or (
        link == ["and"] and a.i > 0 and tokens[a.i - 1].low == "between")


_HOUR_WORDS = frozenset(GRAMMAR["clock"]["hour_words"])


def _hhmm(tokens: list[Token], m: Mention) -> bool:
    """Whether the mention is four bare digits that read as a 24-hour time ("0458")."""
    return m.j == m.i + 1 and hhmm(tokens[m.i].text)


def _accounting_negatives(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Accounting notation: "the annual result is ($99.99)", "net: (£1.2m)": money alone in
    parentheses where a value is stated (after "is", "of", a colon) is negative."""
    n = len(tokens)
    for m in mentions:
        if (
            m.kind == MONEY
            and m.value > 0
            and m.high is None
            and m.i > 1
            and m.j < n
            and tokens[m.i - 1].text == "("
            and tokens[m.j].text == ")"
            and glued(tokens, m.i)
            and glued(tokens, m.j)
            and tokens[m.i - 2].low in _NEGATIVE_AFTER
        ):
            m.value = -m.value
    return mentions


def _below_zero(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "25 degrees below zero", "15 and 25 degrees below zero": temperatures below zero
    are negative, and the "below zero" after them is no figure of its own."""
    out: list[Mention] = []
    for m in mentions:
        temp = out[-1] if out else None
        if (
            temp is None
            or m.value != 0
            or m.i == 0
            or tokens[m.i - 1].low != "below"
            or not (
                (temp.kind == QUANTITY and temp.unit.startswith("°"))
                or (temp.kind == COUNT and temp.bare and not temp.measure)  # "30 below zero"
            )
            or temp.j != m.i - 1
            or temp.value < 0  # "minus 5 degrees below zero" says it once
        ):
            out.append(m)
            continue
        if temp.kind == COUNT:
            temp.kind, temp.unit = QUANTITY, "°"
        if temp.unit == "°" and m.unit.startswith("°"):
            temp.unit = m.unit  # "296 degrees below zero Fahrenheit"
        temp.value = -temp.value
        if temp.high is not None:
            temp.value, temp.high = -temp.high, temp.value
        prev = out[-2] if len(out) > 1 else None
        if prev is not None and prev.bare and prev.kind == COUNT and [
            t.low for t in tokens[prev.j : temp.i]
        ] in (["and"], ["or"]):
            prev.kind, prev.unit, prev.value = QUANTITY, temp.unit, -prev.value
    return out


# The minor unit of each currency as figures show it: "USD" -> "cent", "GBP" -> "pence".
_MINOR_OF = {code: spec["minor"][0] for code, spec in CURRENCIES.items() if spec.get("minor")}


# The currency of each minor unit as figures show it, the first listed: "cent" -> "USD".
_MAJOR_OF = {minor: code for code, minor in reversed(_MINOR_OF.items())}
_PER_SHARE_RESTATED = (["or"], [",", "or"])


def _per_share_totals(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "net of 139,000 or four cts a share", "34.7 mln or 78 cts a share": a bare amount
    restated per share is money, in the per-share amount's currency (its cents' dollars)."""
    for a, b in pairwise(mentions):
        if (a.bare and a.value >= 1000 and b.kind == MONEY and b.unit.endswith("/share")
                and [t.low for t in tokens[a.j : b.i]] in _PER_SHARE_RESTATED):
            head = b.unit.partition("/")[0]
            a.kind, a.unit = MONEY, _MAJOR_OF.get(head, head)
    return mentions


def _major_and_minor(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50": an
    amount in a currency and its minor unit is one amount (3.50 dollars)."""
    out: list[Mention] = []
    n = len(tokens)
    for b in mentions:
        a = out[-1] if out else None
        if (
            a is not None
            and a.kind == MONEY
            and a.high is None
            and b.high is None
            and a.amount is not None
            and a.amount.scale == 1
            and _MINOR_OF.get(a.unit)
            and tokens[a.j - 1].is_word  # the currency written after the number
            and [t.low for t in tokens[a.j : b.i]] in ([], ["and"])
            and 0 <= b.value < 100
            and (
                (b.kind == MONEY and b.unit == _MINOR_OF[a.unit])
                or (  # "15 dollars 50": two digits that end the phrase
                    b.bare
                    and b.i == a.j
                    and len(tokens[b.i].text) == 2
                    and b.j == b.i + 1
                    and (b.j >= n or not tokens[b.j].is_word)
                )
            )
        ):
            a.value += b.value / 100
            a.j = b.j
            continue
        out.append(b)
    return out


def _feet_and_inches(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "the 6-foot-5 quarterback", "a 5-foot-10 guard": a bare number under 12 glued by a
    hyphen after a height in feet is its inches (it counted the noun after it)."""
    for a, b in pairwise(mentions):
        if (
            a.kind == QUANTITY
            and a.unit == "ft"
            and b.bare
            and b.high is None
            and b.i == a.j + 1
            and tokens[a.j].text == "-"
            and glued(tokens, a.j)
            and glued(tokens, b.i)
            and b.j == b.i + 1
            and tokens[b.i].text.isdigit()
            and b.value < 12
        ):
            b.kind, b.unit = QUANTITY, "in"
            a.measure = a.measure or b.measure
    return mentions


_DIMENSION_LINKS = frozenset(GRAMMAR["units"]["dimension_links"])


def _dimensions(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "3 x 4 m", "20 by 30 metres", "2 × 3 × 5 cm": the unit written after the last side of
    a dimension is every side's (read from the last side back)."""
    for a, b in reversed(list(pairwise(mentions))):
        if (
            a.bare
            and b.kind == QUANTITY
            and b.unit
            and "/" not in b.unit
            and b.i == a.j + 1
            and tokens[a.j].low in _DIMENSION_LINKS
        ):
            a.kind, a.unit, a.measure = b.kind, b.unit, b.measure or a.measure
            if a.measure in _DIMENSION_LINKS:
                a.measure = ""
    return mentions


def _second_days(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "on June 24 and 25", "March 3 or 4": a bare day joined by "and"/"or" to a date with
    a day is a date of the same month (not "on June 24 and 25 people died")."""
    for a, b in pairwise(mentions):
        if (
            a.kind == DATE
            and int(a.value) % 100
            and b.kind == COUNT
            and b.bare
            and b.amount is not None
            and not b.amount.words
            and b.value.is_integer()
            and int(a.value) % 100 < b.value <= 31
            and [t.low for t in tokens[a.j : b.i]] in (["and"], ["or"], ["&"])
            and not _plural_noun_at(tokens, b.j)
        ):
            b.kind, b.value = DATE, a.value - int(a.value) % 100 + b.value
    return mentions


def _plural_noun_at(tokens: list[Token], j: int) -> bool:
    """Whether a noun phrase ending in a plural starts at ``j`` ("25 people died")."""
    np, e = noun_phrase(tokens, j, after_number=True)
    return bool(np) and pos_tag(tokens[e - 1]) in ("NNS", "NNPS")


def _leading_zeros(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "call 0800 028 9276", "on 0845 8 505 505", "play 007", "the area code 056": a whole
    number written with a leading zero is a code, not an amount (four digits of the clock,
    "0930", stay for the clock readers), and so are the digit groups that follow it."""
    code_end = -1
    for m in mentions:
        if m.kind not in (COUNT, QUANTITY):
            continue
        text = tokens[m.core_i].text if m.core_i < len(tokens) else ""
        follows = m.core_i == code_end and all(tokens[x].is_digit for x in range(m.i, m.j))
        if follows or (
            len(text) >= 3 and text[0] == "0" and text.isdigit() and m.core_i == m.i
            and (not hhmm(text) or (m.j < len(tokens) and tokens[m.j].is_digit))
        ):
            m.kind, m.unit, m.measure = IDENTIFIER, "", ""
            code_end = m.j
    return mentions


def _identifier_lists(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "Windows 95, 98, ME, NT", "Boeing 737, 747, 757 and 767 aircraft", "Models 50, 60 and
    80", "Windows 95, 98, NT, 2000": whole numbers in digits (and, after two, years) listed
    after a name's number, with commas, "and"/"or" and short names between, are names too;
    not when a noun, a hyphen or "of" follows ("the Boeing 737 and 40 other aircraft", "the
    SF340, 80 of which", "Dash 7 and 39-seat")."""
    listed = False  # whether ``a`` was found a list's item: a year may go on with a list
    for a, b in pairwise(mentions):
        between = tokens[a.j : b.i]
        if (a.kind == IDENTIFIER and (b.bare or (b.kind == YEAR and listed)) and b.high is None
                and not b.qualifier and b.j == b.i + 1 and tokens[b.i].text.isdigit()
                and 0 < len(between) <= 6 and all(_list_separator(t) for t in between)
                and any(t.text in (",", "/") or t.low in ("and", "or") for t in between)
                and _ends_list_item(tokens, b.j)):
            b.kind, b.measure, listed = IDENTIFIER, "", True
        else:
            listed = False  # ("Sepember 30, 1987": a misspelt month's date, then its year)
    return mentions


def _list_separator(t: Token) -> bool:
    """A token that may stand between the names of a list: ",", "and", "or", "/", "ME"."""
    return t.text in (",", "/", "&") or t.low in ("and", "or") or (
        t.is_word and t.text[:1].isupper() and len(t.text) <= 3)


def _ends_list_item(tokens: list[Token], j: int) -> bool:
    """Whether the token at ``j`` may follow a name in a list: the end, a comma or stop,
    "and"/"or", a capitalised word or a verb ("PowerMate 1 and 2 are available")."""
    if j >= len(tokens):
        return True
    t = tokens[j]
    if not t.is_word:
        return t.text in (",", ".", ";", ")", "/", ":") and not glued(tokens, j + 1)
    return t.low in ("and", "or", "respectively") or t.text[:1].isupper() or pos_tag(
        t)[:2] in ("VB", "MD")


# After the scan, each pass takes and returns the sentence's mentions, in this order.
_PASSES = (
    _second_days,
    _leading_zeros,
    _clock_pairs,
    _clock_ranges,
    _accounting_negatives,
    _major_and_minor,
    _join_ranges,
    _currency_before,
    _clocks_in_words,
    _below_zero,
    _per_share_totals,
    _read_context,
    _dimensions,
    _feet_and_inches,
    _bounded_intervals,
    _read_ages,
    _carry,
    _wire_items,
    _index_points,
    _share_price_moves,
    _rate_levels,
    _dollar_of_sentence,
    _previous_values,
    _subject_counts,
    _same_or_nil,
    _shares,
    _partitives,
    _identifier_lists,
)

# The passes that can change anything when the scan found one mention: the others relate
# two neighbouring mentions ("3 dollars 50 cents", "3 x 4 m", "X vs Y", carried context).
_ONE_MENTION_PASSES = tuple(
    step
    for step in _PASSES
    if step
    not in (_second_days, _major_and_minor, _below_zero, _dimensions, _feet_and_inches,
            _bounded_intervals, _carry, _previous_values)
)

# Lines of wire copy's tables ("Shr 16 cts vs 14 cts" under "Net 5.93 mln ...") are read
# one by one: a new line that starts indented, or with an item of the table.
_LINE = re.compile(r"\n(?=[ \t]+\S)")


def find(
    text: str,
    offset: int = 0,
    include_identifiers: bool = False,
    date: str | None = None,
) -> list[Figure]:
    """Figures in ``text`` (one sentence); offsets are shifted by ``offset``; ``date`` is the
    document's date (ISO), which resolves "last year" and dates written without a year.

    Returns one ``Figure`` per numeric expression, in text order. Identifiers ("COVID-19",
    "Boeing 737", model numbers, game scores such as "6-3") are left out unless
    ``include_identifiers``.

    Value conventions: fully scaled ("$800 million" -> 8e8); percents in percent ("5%" -> 5,
    unit "%"; percentage and basis points -> unit "pp" / "bp"; a share of a group such as
    "half of voters" -> 50); fractions as decimals ("a third" -> 0.333); money in its
    currency (ISO code, or the minor unit such as "cent"); rates as "unit/per"
    ("USD/barrel"); dates as YYYYMMDD, with the year the document's date implies when not
    written ("14 March" -> 20250314; year 0 without a document date), years as the year,
    clock times as HHMM (kind "time"); ranges and vague plurals fill ``value_high``, never
    below ``value`` ("dozens of" -> 12..120); "from X to Y" after a change verb and "X vs Y"
    give ``previous``; ``period`` is the time the sentence gives the figure ("2024-Q4").
    """
    if not text or not may_hold_number(text):
        return []
    key = (text, include_identifiers, date)
    seen = _SEEN.get(key)
    if seen is not None:
        return _shifted(seen, offset)
    doc = parse_date(date)
    out = [f for figs in _read([(part, offset + at, doc) for part, at in _lines(text)],
                               include_identifiers) for f in figs]
    _remember(key, offset, out)
    return out


def find_many(
    requests: Sequence[tuple[str, int, str | None]], include_identifiers: bool = False
) -> list[list[Figure]]:
    """``find(text, offset, include_identifiers, date)`` of each (text, offset, date), in
    order: the same figures, faster on many sentences, since each step of the reading
    (scan, each pass, periods) runs over ``READ_BATCH`` sentences before the next step,
    keeping its code in the processor's caches."""
    out: list[list[Figure]] = []
    units: list[tuple[str, int, Date | None]] = []
    owners: list[int] = []  # the request of each unit
    for k, (text, offset, date) in enumerate(requests):
        out.append([])
        if not text or not may_hold_number(text):
            continue
        seen = _SEEN.get((text, include_identifiers, date))
        if seen is not None:
            out[k] = _shifted(seen, offset)
            continue
        doc = parse_date(date)
        for part, at in _lines(text):
            units.append((part, offset + at, doc))
            owners.append(k)
    for at in range(0, len(units), READ_BATCH):
        for k, figs in zip(owners[at:at + READ_BATCH],
                           _read(units[at:at + READ_BATCH], include_identifiers), strict=True):
            out[k].extend(figs)
    for k in dict.fromkeys(owners):
        text, offset, date = requests[k]
        _remember((text, include_identifiers, date), offset, out[k])
    return out


READ_BATCH = 64  # sentences read a step at a time by ``find_many``


def _lines(text: str) -> list[tuple[str, int]]:
    """The parts of a sentence read one by one, with their offsets: the sentence itself,
    or each line of a wire table in it that may hold a number."""
    if "\n" not in text:
        return [(text, 0)]
    cuts = [0, *(m.start() for m in _LINE.finditer(text)), len(text)]
    return [(text[a:b], a) for a, b in pairwise(cuts) if may_hold_number(text[a:b])]


def _remember(key: tuple[str, bool, str | None], offset: int, figures: list[Figure]) -> None:
    """Keep a sentence's figures for when it comes again."""
    if len(_SEEN) >= _SEEN_SIZE:
        _SEEN.clear()  # bounded memory; one step, safe with threads (the dashboard's)
    _SEEN[key] = offset, tuple(figures)


# The figures of the last sentences read, by (text, include_identifiers, date), with the
# offset they were read at: news repeats sentences (wire copy, boilerplate, the same story
# filed twice), and a repeated sentence costs a look-up instead of a reading.
_SEEN: dict[tuple[str, bool, str | None], tuple[int, tuple[Figure, ...]]] = {}
_SEEN_SIZE = 8192


def _shifted(seen: tuple[int, tuple[Figure, ...]], offset: int) -> list[Figure]:
    """The figures of a sentence read before at another offset, moved to ``offset``."""
    was, figures = seen
    if offset == was:
        return list(figures)
    shift = offset - was
    return [replace(f, start=f.start + shift, end=f.end + shift) for f in figures]


def _read(units: Sequence[tuple[str, int, Date | None]], include_identifiers: bool
          ) -> list[list[Figure]]:
    """The figures of each (line, offset, document date), one step at a time over all."""
    scanned = [_scan(text) for text, _, _ in units]
    mentions = [found for _, found in scanned]
    many = [k for k, found in enumerate(mentions) if len(found) > 1]
    one = [k for k, found in enumerate(mentions) if len(found) == 1]
    for passes, group in ((_PASSES, many), (_ONE_MENTION_PASSES, one)):
        for step in passes:
            for k in group:
                mentions[k] = step(scanned[k][0], mentions[k])
    out = []
    for (text, offset, doc), (tokens, found), kept in zip(units, scanned, mentions, strict=True):
        if not found:
            out.append([])  # a number word that counts nothing: "no one", "a new plan"
            continue
        set_periods(tokens, kept, doc)
        out.append([
            _figure(text, offset, tokens, m)
            for m in kept
            if (include_identifiers or m.kind != IDENTIFIER)
            and math.isfinite(m.value)
            and (m.high is None or math.isfinite(m.high))
        ])
    return out


def _figure(text: str, offset: int, tokens: list[Token], m: Mention) -> Figure:
    """The ``Figure`` row of a mention, with document offsets."""
    i, j = _identifier_span(tokens, m) if m.kind == IDENTIFIER else (m.i, m.j)
    if j == len(tokens) and j - i > 1 and tokens[j - 1].text == "." and glued(tokens, j - 1):
        word = tokens[j - 2].text
        if len(word) > 1 and word.islower() and word.isalpha():
            j -= 1  # "rose 49 pct.": the sentence's full stop, not the abbreviation's
    start, end = tokens[i].start, tokens[j - 1].end
    return Figure(
        start + offset,
        end + offset,
        text[start:end],
        _decimal(m.value),
        None if m.high is None else _decimal(m.high),
        m.unit,
        m.kind,
        tidy_measure(m.measure),
        m.qualifier,
        m.bound,
        m.change,
        None if m.previous is None else _decimal(m.previous),
        m.period,
    )


def _decimal(value: float) -> float:
    """The value to 15 significant digits, what a decimal amount times its scale means:
    "4,275.4 billion" is 4275400000000, not the product's 4275399999999.9995 (a whole
    number below 10**15, most values, is that already)."""
    if -1e15 < value < 1e15 and value % 1 == 0:
        return float(value)
    return float(f"{value:.15g}")


_JOINERS = frozenset(["-", "."])  # inside a name: "COVID-19", "ID.3"


def _identifier_span(tokens: list[Token], m: Mention) -> tuple[int, int]:
    """The whole name around an identifier's digits: "COVID-19", "G20", "GEO1V"."""
    i, j = m.i, m.j
    while i > 0 and glued(tokens, i) and (tokens[i - 1].is_word or tokens[i - 1].text in _JOINERS):
        i -= 1
    while j < len(tokens) and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit):
        j += 1
    while i < m.i and not tokens[i].is_word:
        i += 1
    return i, j


__all__ = ["find"]
