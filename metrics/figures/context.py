"""The words around an amount: its qualifier and bound, its change, what it measures, and
what it takes from the amounts next to it ("lost 190 points, or 0.6%")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from metrics.figures.lexicon import (
    CARDINALS,
    CURRENCIES,
    GRAMMAR,
    MONTHS,
    SCALE_ABBREVIATIONS,
    SCALES,
)
from metrics.figures.mention import (
    COUNT,
    DURATION,
    MONEY,
    ORDINAL,
    PERCENT,
    QUANTITY,
    TIME,
    TIME_KINDS,
    YEAR,
    Mention,
)
from metrics.figures.nouns import (
    APOSTROPHES,
    NOT_NOUNS,
    NP_SKIP,
    RELATIVE_PERSONS,
    hyphened_measure,
    noun_phrase,
    pos_tag,
    skip_determiners,
    span_text,
)
from metrics.figures.tokens import Token, glued, match_back, match_forward, phrase_table
from metrics.figures.units import MOVED_TO_LINKS, unit_after

QUALIFIERS = phrase_table(GRAMMAR["qualifiers"])
_POST_QUALIFIERS = phrase_table(GRAMMAR["post_qualifiers"])
CHANGES = phrase_table({k: v for k, v in GRAMMAR["changes"].items() if k in ("up", "down")})
_CHANGE_FILLERS = frozenset(GRAMMAR["changes"]["change_fillers"])
_BY_CHANGES = {w: d for d in ("up", "down") for w in GRAMMAR["changes"][f"by_{d}"]}
_CHANGE_NOUNS = frozenset(GRAMMAR["words"]["change_nouns"])
_RATE_NOUNS = frozenset(GRAMMAR["words"]["rate_nouns"])
_CLASSIFIERS = frozenset(GRAMMAR["words"]["classifier_nouns"])
_SHARE_NOUNS = frozenset(GRAMMAR["words"]["share_nouns"])
_TIME_NOUNS = frozenset(GRAMMAR["words"]["time_nouns"])
_NOT_FOR_START = frozenset(GRAMMAR["measure"]["not_for_start"])
_NOUN_DETERMINERS = frozenset(GRAMMAR["changes"]["noun_determiners"])


_BE = frozenset(GRAMMAR["words"]["be_forms"])
_TIME_ONLY = frozenset(GRAMMAR["measure"]["time_only"])
# "[a] week ago" without its "a": a number before these and "ago" is that time's figure.
SPANS_AGO = frozenset(GRAMMAR["units"]["spans_ago"])


# The words right before an amount that ``change_before`` reads on from: the last word of a
# qualifier ("more than"), a filler ("by") or a change ("rose").
_BEFORE_CHANGE = QUALIFIERS.lasts | _CHANGE_FILLERS | CHANGES.lasts | _BY_CHANGES.keys()


def change_before(tokens: list[Token], m: Mention) -> str:
    """up/down when a change verb governs the amount ("rose 5%", "was up 19 cents")."""
    k = m.i
    if m.kind == DURATION and k > 0 and _span_over(tokens, k - 1):
        return ""  # "a 5% rise over two years": the span of the change, not a changed amount
    if k > 1 and tokens[k - 1].low == "between" and tokens[k - 2].low == "by":
        k -= 1  # "reduce its workforce by between 7,000 and 8,000" (not "rise between 5% and
        # 6%", a range of the level it may reach, as NewsQuant labels it)
    if k == 0 or tokens[k - 1].low not in _BEFORE_CHANGE:
        if k and _to_a_level(tokens, m):
            return _verb_of_object(tokens, k)
        return ""  # most amounts: no qualifier, filler or change verb right before them
    if tokens[k].low in _LEVEL_BOUNDS and (tokens[k - 1].low,) in CHANGES:
        return ""  # "fell below 139 yen", "rose above 2,000": a level crossed, no change
    got = match_back(tokens, k, QUALIFIERS)
    if got:
        if k - got[1] == 1 and tokens[got[1]].low in _LEVEL_BOUNDS and got[1] > 0 \
                and (tokens[got[1] - 1].low,) in CHANGES:
            return ""
        k = got[1]
        particle = _verb_particle(tokens, k)
        if particle:
            return particle  # "edged up to 1.144 billion"
    steps = 0
    while k > 0 and tokens[k - 1].low in _CHANGE_FILLERS and steps < 3:
        k -= 1
        steps += 1
    got = match_back(tokens, k, CHANGES)
    if got and tokens[got[1]].low in _ACQUIRE_UP and m.kind != PERCENT:
        return ""  # "picked up five Brit Award nominations": won, not rose (growth "picks up")
    by = k < m.i and any(tokens[x].low == "by" for x in range(k, m.i))
    if not got and _to_a_level(tokens, m):
        return _verb_of_object(tokens, k, 5 if by else 4)
    if (
        got
        and m.kind == COUNT
        and by
        and not (m.amount is not None and m.amount.fraction)  # "been cut by a third"
        and (got[1] > 0 and tokens[got[1] - 1].low in _BE)
    ):
        return ""  # "was dropped by six stations": the agent of a passive, not a change
    if not got and k > 1 and tokens[k - 1].low == "off" and (
            tokens[k - 2].text == "," or pos_tag(tokens[k - 2]) == "NNS"):
        return "down"  # "same-store sales off 6.9 pct", "18.4 mln barrels, off 7.6 pct"
    if not got:
        # "grow sales by 35 per cent", "cut its stake by a third": verb, object, "by"
        if by and _agent_by(tokens, k, m):
            return ""  # "a plan endorsed by 60 percent of economists": who, not how much
        if by:
            verb = _verb_back(tokens, k, 5) or _verb_back(tokens, k, 10, objects_only=True)
            if verb is not None:
                return verb[0]
        return ""
    label, s = got
    # "an increase of", "the rise" are nouns; a determiner before the verb means a noun
    if s > 0 and tokens[s - 1].low in _NOUN_DETERMINERS:
        return ""
    if k < m.i and all(tokens[x].low in ("a", "an") for x in range(k, m.i)):
        return ""
    # "gave up 517 yards", "set up 20 stations": a particle, not a change
    if s == k - 1 and tokens[s].low in ("up", "down") and s > 0:
        prev = tokens[s - 1]
        if (
            prev.is_word
            and prev.low not in _BE
            and pos_tag(prev).startswith("VB")
            and (prev.low,) not in CHANGES
        ):  # but "soaring up 35%" is a change
            return ""
    return label


_LEVEL_BOUNDS = frozenset(GRAMMAR["measure"]["level_bounds"])
_ACQUIRE_UP = frozenset(GRAMMAR["changes"]["acquire_up"])


_FINITE_NOT_PAST = frozenset(("MD", "VBZ", "VBP"))


def _agent_by(tokens: list[Token], k: int, m: Mention) -> bool:
    """Whether the "by" between ``k`` and the amount ``m`` follows a participle that is no
    change verb and ``m`` counts who did it ("endorsed by 60 percent of economists", "sold
    by 3,000 stations"); not a size of change ("cut the borrowing needed by £200m")."""
    share_of = m.kind == PERCENT and m.j < len(tokens) and tokens[m.j].low == "of"
    if not (m.kind == COUNT or share_of):
        return False
    x = next((x for x in range(m.i - 1, k - 1, -1) if tokens[x].low == "by"), None)
    if x is None or x == 0:
        return False
    prev = tokens[x - 1]
    return (
        prev.is_word
        and pos_tag(prev) in ("VBN", "VBD")
        and (prev.low,) not in CHANGES
        and prev.low not in _BY_CHANGES
    )


def _verb_particle(tokens: list[Token], k: int) -> str:
    """up/down when token ``k`` is the "up" or "down" of a change verb ("edged up",
    "moved down") that a qualifier such as "up to" would otherwise take."""
    if k + 1 >= len(tokens) or tokens[k].low not in ("up", "down"):
        return ""
    got = match_back(tokens, k + 1, CHANGES)
    # not "were up to 5 pct higher": after a form of "be", "up to" is the bound
    return got[0] if got and got[1] < k and tokens[got[1]].low not in _BE else ""


def _verb_back(
    tokens: list[Token], k: int, reach: int, objects_only: bool = False
) -> tuple[str, int] | None:
    """(up/down, index) of the nearest change verb among the ``reach`` words before token
    ``k`` (a verb of ``CHANGES`` or one that needs "by", not "up"/"down" alone), or None
    when none stands there before a non-word. ``objects_only``: the words between are an
    object, no verb ("reduces the risk of ovarian cancer by 40 percent"; not "the lower
    crop would be offset by")."""
    for x in range(k - 1, max(-1, k - reach - 1), -1):
        t = tokens[x]
        if objects_only and glued(tokens, x) and (
                t.text == "-" or t.text in APOSTROPHES
                or (t.low == "s" and tokens[x - 1].text in APOSTROPHES)):
            continue  # "its non-oil exports", "cut the agency's staff by 25%"
        if not t.is_word:
            return None
        label = CHANGES.get((t.low,)) or _BY_CHANGES.get(t.low) or (
            x > 0 and CHANGES.get((tokens[x - 1].low, t.low)))  # "were off 25.1 pct to"
        if label and t.low not in ("up", "down"):
            if objects_only and x > 0 and tokens[x - 1].low in _NOUN_DETERMINERS:
                return None  # "the lower maize crop": an adjective
            return label, x
        if objects_only and (
            t.low in _BE or t.low in CARDINALS or pos_tag(t) in _FINITE_NOT_PAST
        ):
            return None  # a clause or an amount of its own; a participle may modify the object
    return None


def _verb_of_object(tokens: list[Token], k: int, reach: int = 4) -> str:
    """up/down when a change verb stands at most ``reach`` words before token ``k``, right
    before the amount or before its object: "was lowered 1.50 dlrs to 16.35 dlrs", "cut
    its dividend 10 cts to 25 cts" (called only when a new level follows the amount)."""
    verb = _verb_back(tokens, k, reach)
    if verb is None or (verb[1] > 0 and tokens[verb[1] - 1].low in _NOUN_DETERMINERS):
        return ""  # none, or "the cut": a noun
    return verb[0]


def _to_a_level(tokens: list[Token], m: Mention) -> bool:
    """Whether "to" and a number follow the amount: the new level after a change."""
    return m.j + 1 < len(tokens) and tokens[m.j].low == "to" and tokens[m.j + 1].is_digit


# Qualifiers that are verbs: before a year they compare with that year's figure ("expects
# 1987 results to exceed 1986 net income"), they bound no year.
VERB_QUALIFIERS = frozenset(("exceed", "exceeded", "exceeds", "exceeding", "surpassing",
                             "topping", "outstripping"))


_NOT_YEAR_BOUNDS = frozenset(GRAMMAR["years"]["not_bounds"])


_FLIPPED = {"above": "below", "below": "above"}
_NEGATIONS = frozenset(GRAMMAR["measure"]["negations"])


def _negated(tokens: list[Token], s: int) -> bool:
    """Whether a negation governs the bound that starts at token ``s``: "cannot rise above",
    "will not fall below", "won't go over" (the bound's verb, if any, between them)."""
    k = s - 1
    if k >= 0 and tokens[k].is_word and tokens[k].low not in _NEGATIONS:
        k -= 1  # the verb of the bound: "rise above"
    if k < 0:
        return False
    t = tokens[k]
    return t.low in _NEGATIONS or (
        t.low == "t" and k > 0 and tokens[k - 1].text in APOSTROPHES and glued(tokens, k))


def set_qualifier(tokens: list[Token], m: Mention) -> None:
    """Qualifier before (or after) the amount and the bound it implies."""
    k = m.i
    if (
        k > 0
        and tokens[k - 1].text in ("-",)
        and glued(tokens, k)
        and k >= 2
        and glued(tokens, k - 1)
    ):
        got = match_back(tokens, k - 1, QUALIFIERS)  # "sub-7"
    else:
        got = match_back(tokens, k, QUALIFIERS)
        # "more than a third", "about a dozen" already start at "a"
    article = False
    if not got and k > 1 and tokens[k - 1].low in ("a", "an") and m.kind in (PERCENT, MONEY):
        got = match_back(tokens, k - 1, QUALIFIERS)  # "around an 80% success rate"
        article = bool(got) and got[0] == "approx"
        got = got if article else None
    if got and _race_distance(tokens, m, got[1]):
        got = None  # "compete over 1500m": the distance of a race, not "more than"
    if got and _verb_particle(tokens, got[1]):
        got = None  # "edged up to 1.144 billion": the verb's "up", then "to" the new level
    if got and m.kind == YEAR and (tokens[got[1]].low in VERB_QUALIFIERS or any(
            t.low in _NOT_YEAR_BOUNDS for t in tokens[got[1] : k])):
        got = None  # "a rise of 3,400 over 1985", "lower than 2003", "for all of 1987": the
        # year compared with or meant, no bound (but "beyond 2007", "up to 1989" are)
    if got and m.kind == DURATION and _span_over(tokens, got[1]):
        got = None  # "rose 5% over two years", "five PCs over three days": a span
    if got and got[0] in _FLIPPED and _negated(tokens, got[1]):
        got = (_FLIPPED[got[0]], got[1])  # "cannot rise above 11.50 pct": at most 11.50
    if got:
        label, s = got
        # "over the past 60 years" never reaches here: "over" is not adjacent
        if label != "exact":
            end = k - 1 if tokens[k - 1].text == "-" or article else k
            m.qualifier = " ".join(t.low for t in tokens[s:end])
            m.bound = label
            m.i = s
        else:
            m.i = s
            m.qualifier = " ".join(t.low for t in tokens[s:k])
        return
    post = match_forward(tokens, m.j, _POST_QUALIFIERS)
    if post and tokens[m.j].low == "plus" and _adds_a_thing(tokens, m, post[1]):
        post = None  # "25.75 dlrs a share plus accrued dividends": an addition, not a bound
    if post:
        label, e = post
        m.qualifier = span_text(tokens, m.j, e)  # "or more", "-plus"
        m.bound = label
        m.j = e
    elif k > 2 and tokens[k - 1].low == "at" and _estimated(tokens, k - 1):
        m.qualifier, m.bound = "estimated at", "approx"
    elif k > 2 and tokens[k - 1].low == "of" and m.kind not in (YEAR, ORDINAL) and _estimated(
            tokens, k - 1, 3, _ESTIMATED):
        # "an estimated fortune of $15bn"; an estimate is a figure ("an estimate of 1.99 mln")
        m.qualifier, m.bound = "estimated", "approx"
    elif k > 1 and m.high is None and (verb := _limited(tokens, m, k - 1)):
        m.qualifier, m.bound = f"{verb} {tokens[k - 1].low}", "below"


def _span_over(tokens: list[Token], s: int) -> bool:
    """Whether the "over" at ``s`` opens the span a figure before it took ("rose 5% over two
    years", "using five PCs over three days"), not a bound ("for over two years", "took
    over three days"): a noun or an amount stands before it."""
    if tokens[s].low != "over" or s == 0:
        return False
    prev = tokens[s - 1]
    if not prev.is_word:
        return prev.text in ("%", ")") or prev.is_digit  # "£4bn ($7.4bn) over 10 years"
    if prev.low in _SPAN_WORDS_OVER:
        return True  # "repayable over 40 years", "spread over three years"
    return pos_tag(prev)[:2] in ("NN", "CD") and prev.low not in _TIME_WORDS_OVER


_TIME_WORDS_OVER = frozenset(GRAMMAR["measure"]["over_bound_nouns"])
_SPAN_WORDS_OVER = frozenset(GRAMMAR["measure"]["over_span_words"])


def _estimated(tokens: list[Token], at: int, reach: int = 8,
               verbs: frozenset[str] | None = None) -> bool:
    """Whether a verb of estimating (one of ``verbs``, else any) stands up to ``reach`` words
    before the "at" (or "of") at ``at``, with no number or clause break between: "estimated
    his cost of completing the takeover at 2.95 billion dlrs" is approximate."""
    for t in reversed(tokens[max(0, at - reach) : at]):
        if t.low in (verbs or _ESTIMATE_VERBS):
            return True
        if t.is_digit or t.text in (",", ";", ":", "(", ")", "\"", "."):
            return False
    return False


_ESTIMATE_VERBS = frozenset(GRAMMAR["words"]["estimate_verbs"])
_ESTIMATED = frozenset(("estimated",))  # before "of": "an estimate of" is no approximation


def _limited(tokens: list[Token], m: Mention, link: int) -> str:
    """The verb of limiting (lower case) that the "to" or "at" at ``link`` completes, up to
    four words before it with no number, clause break or verb of its own between ("limited
    to two pieces", "limit their exports to 21,000 tonnes", "capped at 1%"), else "". A level
    reached from an earlier one is no limit ("limited the decline to 2.91 billion barrels
    from 3.00 billion")."""
    if tokens[link].low not in ("to", "at") or any(
            t.low == "from" for t in tokens[m.j : m.j + 4]):
        return ""
    for v in range(link - 1, max(-1, link - 6), -1):
        t = tokens[v]
        if t.low in _LIMIT_VERBS:
            if tokens[link].low == "at" and t.low not in _CAP_VERBS:
                return ""
            before = tokens[v - 1].low if v > 0 else ""
            if t.low.endswith(("ed", "ing")):
                after = tokens[v + 1].low if v + 1 < link else ""
                verb = before not in _NOUN_DETERMINERS and before != "s" \
                    and after not in _LIMIT_ADJECTIVE_NOUNS
            else:
                verb = before in _LIMIT_VERB_CUES
            return t.low if verb else ""
        if not t.is_word or t.low in _LIMIT_BREAKS:
            return ""
    return ""


_LIMIT_VERBS = frozenset(GRAMMAR["words"]["limit_verbs"])
_CAP_VERBS = frozenset(GRAMMAR["words"]["cap_verbs"])
_LIMIT_BREAKS = frozenset(GRAMMAR["words"]["limit_breaks"])
_LIMIT_VERB_CUES = frozenset(GRAMMAR["words"]["limit_verb_cues"])
_LIMIT_ADJECTIVE_NOUNS = frozenset(GRAMMAR["words"]["limit_adjective_nouns"])


def _adds_a_thing(tokens: list[Token], m: Mention, e: int) -> bool:
    """True when the "plus" after an amount adds something to it ("$5 plus tax", "25.75 dlrs
    plus accrued dividends", "3% plus inflation"); "50 plus", "20 plus years" are bounds."""
    if e >= len(tokens) or not tokens[e].is_word:
        return False
    tag = pos_tag(tokens[e])
    if not (tag[:2] in ("NN", "JJ", "DT", "CD", "PR") or tag == "VBN"):
        return False  # "men aged 50 plus were tested"
    return m.kind != COUNT or tag not in ("NNS", "NNPS")


_RACE_UNITS = frozenset(GRAMMAR["measure"]["race_units"])
_RACE_NOT_AFTER = frozenset(GRAMMAR["measure"]["race_bound_after"])
_DIMENSION_ADJECTIVES = frozenset(GRAMMAR["measure"]["race_dimension_adjectives"])


def _race_distance(tokens: list[Token], m: Mention, s: int) -> bool:
    """ "Holmes will compete over 1500m", "the British record over 60m": "over" and a length
    written with a glued symbol after a verb or noun names a race, not a lower bound (but "is
    over 100m", "a wall over 30m high" are bounds)."""
    if m.unit not in _RACE_UNITS or tokens[s].low != "over" or s == 0 or m.j - m.i < 2:
        return False
    if not glued(tokens, m.j - 1) or not tokens[m.j - 1].is_word:
        return False  # "1500m", "10km"; not "100 metres"
    prev = tokens[s - 1]
    if not prev.is_word or prev.low in _RACE_NOT_AFTER:
        return False
    nxt = tokens[m.j].low if m.j < len(tokens) else ""
    return nxt not in _DIMENSION_ADJECTIVES


def set_change(tokens: list[Token], m: Mention) -> None:
    """Set ``m.change`` from the change verb that governs it, or from a direction written
    after it ("closed 1.2% higher", "profits were 5% down on the year")."""
    m.change = change_before(tokens, m) or m.change
    j = m.j
    if not m.change and j < len(tokens) and m.kind in (PERCENT, MONEY, QUANTITY):
        after = _POST_CHANGES.get(tokens[j].low)
        if after and not (j + 1 < len(tokens) and tokens[j + 1].low in ("to", "than")):
            m.change = after
    if not m.change and m.high is None:
        for x in range(j + 1, min(j + 5, len(tokens))):  # a loop: no generator per amount
            if tokens[x].low in _CHANGE_NOUN_DIRECTION:
                m.change = _change_noun_after(tokens, m)
                break


_POST_CHANGES = {w: d for d in ("up", "down") for w in GRAMMAR["changes"][f"after_{d}"]}
_CHANGE_NOUN_DIRECTION = {w: d for d in ("up", "down") for w in GRAMMAR["changes"][f"nouns_{d}"]}
_PERCENT_CHANGE_NOUNS = {
    w: d for d in ("up", "down") for w in GRAMMAR["changes"][f"percent_nouns_{d}"]
}


def _change_noun_after(tokens: list[Token], m: Mention) -> str:
    """up/down from a noun of change that a compound puts after the amount: "a three pct wage
    hike", "a 40 ct an hour increase", "a 500-job cut". Right after the amount ("a 76% rise in
    profits") the amount is the size of the rise, labelled with no change; a count with a
    plural noun counts events ("two rate cuts")."""
    n = len(tokens)
    j = m.j
    if j < n and tokens[j].text == "-" and glued(tokens, j) and j + 1 < n and glued(tokens, j + 1):
        j += 1  # "a 5-pct rise", "a 500-job cut"
    x = j
    while x < n and x - j <= 3 and tokens[x].is_word:
        low = tokens[x].low
        d = _CHANGE_NOUN_DIRECTION.get(low) or (
            _PERCENT_CHANGE_NOUNS.get(low) if m.kind == PERCENT else None
        )
        if d and x == j:
            return ""  # "a 76% rise in profits": the size of the rise, no change (NewsQuant)
        if d and tokens[x].text[0].isupper():
            return ""  # "a 34 month SDI Boost Surveillance effort": a name's word
        if d:
            nxt = tokens[x + 1] if x + 1 < n else None
            if nxt is not None and nxt.is_word and nxt.text.islower() and pos_tag(nxt)[:2] == "NN":
                return ""  # "a 5% rise plan": the change word is not the head
            if m.kind == COUNT and (m.value == 1 or low.endswith("s") or x == m.j):
                return ""
            return d
        tag = pos_tag(tokens[x])
        if x == j and tag in ("VB", "VBZ"):
            tag = "NN"  # right after an amount a verb-looking word is a noun: "a 20 pct pay cut"
        if low in ("of", "in", "to", "than") or tag[:2] not in ("NN", "JJ"):
            return ""
        x += 1
    return ""


_SUBJECT_VERBS = frozenset(GRAMMAR["measure"]["subject_verbs"])
_PEOPLE_ADJECTIVES = frozenset(GRAMMAR["measure"]["people_adjectives"])
_NOT_MEASURE_START = frozenset(GRAMMAR["words"]["not_measure_start"])


def set_measure(tokens: list[Token], m: Mention) -> None:
    """What the amount counts or is of: a lower-case noun phrase, read after the amount,
    else (percent, money, quantity) guessed from the words before it. A qualifier "in the
    range of" is read through ("a penalty in the range of 5 mln dlrs": penalty)."""
    if m.qualifier in _RANGE_OF_QUALIFIERS:
        i, m.i = m.i, m.i + len(m.qualifier.split())
        try:
            _set_measure(tokens, m)
        finally:
            m.i = i
        m.measure = _RANGE_OF_TAIL.sub("", m.measure)  # "penalty in the range", "range"
        if m.measure:
            return
    _set_measure(tokens, m)  # "net income to be in the range of 45 cts to 50 cts"


_RANGE_OF_QUALIFIERS = frozenset(GRAMMAR["measure"]["range_of_qualifiers"])
_RANGE_OF_TAIL = re.compile(r"(^|\s+(in|on))(\s+the)?\s*\b(range|region|order)$")


def _set_measure(tokens: list[Token], m: Mention) -> None:
    """``set_measure`` for the amount as its tokens stand."""
    if m.measure and m.measure != "times" and not m.measure.startswith("per "):
        return
    if m.j >= len(tokens) or m.measure.startswith("per "):
        return
    np = _range_subject(tokens, m) if m.high is not None else ""
    if np:
        m.measure = np
        return
    j = _measure_start(tokens, m.j)
    np = _measure_after(tokens, m, j)
    if not np and m.kind in (PERCENT, MONEY, QUANTITY) and not m.measure:
        np = _measure_before(tokens, m)
        m.guessed = bool(np)
    if not np and m.kind == MONEY and j < len(tokens) and tokens[j].low == "for":
        np = _money_for(tokens, j)
    if not np and m.bare and not m.measure:
        for x in range(max(0, m.i - _NUMBER_OF_REACH), m.i):
            if tokens[x].low in _COUNT_HEADS:
                np = _counted_before(tokens, m.i)
                break
    if not np and m.bare and not m.measure and m.i > 0 and not (m.amount and m.amount.fraction):
        np = _VERB_NOUNS.get(tokens[m.i - 1].low, "")  # "employs 17,000": employees
    if not np and m.bare and not m.measure and (
            _people_participle(tokens, m) or _people_subject(tokens, m)):
        np = "people"  # "the 12 affected by the ruling", "Thousands braved the cold"
    if not np and m.bare and not m.measure and m.j < len(tokens) and (
        tokens[m.j].low in _PEOPLE_ADJECTIVES
    ):
        np = tokens[m.j].low + " people"  # "about five million unemployed"
    if np:
        m.measure = np


def partitive_group(tokens: list[Token], i: int, of: int) -> str:
    """The group that "one" at ``i`` picks a member out of, when the words after "of" at
    ``of`` name none: "the smallest of Denmark's 80 banks" (the phrase after a second "of"),
    "The rigs, one of which" (the plural before the comma)."""
    n = len(tokens)
    k = of + 1
    if k < n and tokens[k].low in _GROUP_PRONOUNS:
        if i > 1 and tokens[i - 1].text == ",":
            np = _chunk_before(tokens, i - 1)
            if np and np.split()[-1].endswith("s"):
                return np
        return ""
    k = skip_determiners(tokens, k)
    e = k
    while e < n and e - k < 4 and tokens[e].is_word and pos_tag(tokens[e])[:2] in ("JJ", "RB"):
        e += 1  # "the most multinational", "the smallest"
    if e == k or e >= n or tokens[e].low != "of":
        return ""
    k = _past_amount(tokens, e + 1)
    return noun_phrase(tokens, k, skip_det=True, after_number=True)[0] if _plural_after(
        tokens, skip_determiners(tokens, k)) else ""  # a group; not "the most efficient of
    # its kind"


_GROUP_PRONOUNS = frozenset(GRAMMAR["measure"]["group_pronouns"])


def counted_subject(tokens: list[Token], i: int) -> str:
    """ "New loans in November fell to 77,000", "Available seat miles totaled 596.6 mln",
    "Covid cases rose by 12,000": a bare number that is the level its subject reaches, or
    the size of its change, counts the subject, when its head is a plural noun (not a
    price's: "Shares fell to 20")."""
    if i < 2:
        return ""
    link, verb = tokens[i - 1].low, tokens[i - 2].low
    walk = i
    if link == "to" and i >= 4 and verb in _PERCENT_WORDS and tokens[i - 3].is_digit:
        walk, verb = i - 3, tokens[i - 4].low  # "car sales rose 4 pct to 40,554"
        if verb in _CHANGE_PARTICLES and i >= 5 and tokens[i - 5].low in _BE:
            walk, verb = i - 4, f"{tokens[i - 5].low} {verb}"  # "were off 25.1 pct to"
    if not (
        link in _LEVEL_VERBS
        or (link in ("to", "by") and tuple(verb.split()) in CHANGES)
        or (link == "at" and verb in _STOOD)
    ):
        return ""
    k = _verb_start(tokens, walk)
    if k is None:
        return ""
    e = _subject_end(tokens, k, i)
    if e > 2 and tokens[e - 1].low in MONTHS and tokens[e - 2].low in ("in", "during", "for"):
        e -= 2  # "New loans in November fell to 77,000"
    np = _chunk_before(tokens, e)
    full = words = np.split()
    for x, w in enumerate(words):
        if w in _SUBJECT_PREPOSITIONS:
            words = words[:x]
            break
    goods = _counted_goods(full, len(words))
    if goods:
        return goods
    head = words[-1] if words else ""
    if len(head) < 4 or not head.endswith("s") or head.endswith(("ss", "us", "is")):
        return ""
    if head in _UNCOUNTED_HEADS:
        return ""
    at = next((x for x in range(e - 1, max(0, e - 12), -1) if tokens[x].low == head), 0)
    amount = tokens[at - 1] if at > 0 else None
    if amount is not None and (amount.is_digit or amount.low in CARDINALS or amount.low in SCALES):
        return ""  # "exports of trucks of up to six tonnes dropped to 6,200": an amount's unit
    return np


def _counted_goods(words: list[str], head: int) -> str:
    """ "car sales", "truck production", "exports of tractors": the words of a subject whose
    head (``words[head - 1]``) is a flow of goods counted one by one, up to the goods; ""
    for any other subject."""
    if not head or words[head - 1] not in _FLOW_HEADS:
        return ""
    if head > 1 and words[head - 2] in _COUNTED_GOODS:
        return " ".join(words[head - 2 : head])
    if head + 1 < len(words) and words[head] == "of" and words[head + 1] in _COUNTED_PLURALS:
        return " ".join(words[head - 1 : head + 2])
    return ""


_FLOW_HEADS = frozenset(GRAMMAR["measure"]["flow_heads"])
_COUNTED_GOODS = frozenset(GRAMMAR["measure"]["counted_goods"])
_COUNTED_PLURALS = frozenset(  # "cars", "buses", and "aircraft" as it is
    w for g in _COUNTED_GOODS for w in (g, g + "s", g + "es"))
_PERCENT_WORDS = frozenset(("pct", "%", "percent"))
_CHANGE_PARTICLES = frozenset(("up", "down", "off"))
_LEVEL_VERBS = frozenset(GRAMMAR["measure"]["level_verbs"])
_STOOD = frozenset(("stood", "stands"))
_SUBJECT_PREPOSITIONS = frozenset(("in", "of", "for", "at", "on", "during", "from"))
_UNCOUNTED_HEADS = frozenset(GRAMMAR["measure"]["uncounted_heads"])


def _people_participle(tokens: list[Token], m: Mention) -> bool:
    """ "The 12 affected by the ruling", "the 1.2 million affected": "the", a count and a
    participle standing for the people it describes (no noun after it)."""
    j = m.j
    if j >= len(tokens) or tokens[j].low not in _PEOPLE_PARTICIPLES:
        return False
    if m.amount is None or m.amount.i == 0 or tokens[m.amount.i - 1].low != "the":
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is None or not (nxt.is_word and pos_tag(nxt)[:2] in ("NN", "JJ"))


def _people_subject(tokens: list[Token], m: Mention) -> bool:
    """ "Thousands braved the cold", "Millions have been left homeless": a vague plural that
    opens the sentence with a verb right after it stands for people (not "millions can be
    made in six months" inside a sentence, money); so does one with "who" after it."""
    j = m.j
    if j >= len(tokens) or m.amount is None:
        return False
    if tokens[j].low in RELATIVE_PERSONS and m.amount.high is not None and m.amount.words:
        return True  # "the millions who are suffering"
    if m.amount.i != 0 or tokens[0].low not in _PEOPLE_PLURALS:
        return False  # (not "Billions have been wiped off shares")
    if any(t.low in _MONEY_VERBS for t in tokens[j : j + 4]):
        return False  # "Millions were spent on the project": money
    return (
        m.amount.high is not None
        and m.amount.words
        and tokens[j].is_word
        and pos_tag(tokens[j]) in ("VBD", "VBP", "MD")
    )


_PEOPLE_PARTICIPLES = frozenset(GRAMMAR["measure"]["people_participles"])
_PEOPLE_PLURALS = frozenset(GRAMMAR["measure"]["people_plurals"])
_MONEY_VERBS = frozenset(GRAMMAR["measure"]["money_verbs"])
_COMPARATIVES = frozenset(GRAMMAR["measure"]["comparatives"])
_VERB_NOUNS: dict[str, str] = dict(GRAMMAR["measure"]["verb_nouns"])
_COUNT_HEADS = frozenset(GRAMMAR["measure"]["count_heads"])
_COUNT_WALK = frozenset(GRAMMAR["measure"]["count_walk"])


def _counted_before(tokens: list[Token], i: int) -> str:
    """ "the number of flight attendants rose from 370 to 870", "cut the number of casinos to
    eight": a bare number that is the new level of "the number of X" counts X."""
    k = i
    steps = 0
    while k > 0 and steps < 6:
        t = tokens[k - 1]
        if not t.is_word:
            break
        if not (
            (t.low,) in CHANGES
            or t.low in _COUNT_WALK
            or t.low in _CHANGE_FILLERS
            or t.low in _SUBJECT_VERBS
            or pos_tag(t)[:2] in ("VB", "RB", "MD")
        ):
            break
        k -= 1
        steps += 1
    if k == i or k < 3:
        return ""
    e = k
    while k > 1 and e - k < 6 and tokens[k - 1].is_word and tokens[k - 1].low != "of":
        tag = pos_tag(tokens[k - 1])
        if not (tag[:2] in ("NN", "JJ", "IN") or tag in ("VBG", "VBN")):
            return _number_of_before(tokens, e)  # "the number of X" ends at most six
            # nouns, adjectives, participles ("flight attendants based in London") or
            # prepositions back; else X is the phrase after "of"
        k -= 1
    if k == e or k < 2 or tokens[k - 1].low != "of" or tokens[k - 2].low not in _COUNT_HEADS:
        return _number_of_before(tokens, e)
    return span_text(tokens, k, e)  # "people in work"


def _number_of_before(tokens: list[Token], e: int) -> str:
    """X of "the number of X", when words that are not X's stand between it and the verb
    ending at ``e``: "the number of people actually receiving benefits under regular state
    programs totaled", "the number of employees the company had at year end were", "the
    number of federally insured banks to fail so far this year now totals"."""
    for k in range(e - 1, max(1, e - _NUMBER_OF_REACH), -1):
        t = tokens[k]
        if t.is_digit or t.text in (";", ":") or t.low in _CLAUSE_BREAKS:
            return ""  # another amount or another clause stands between
        if t.low == "of" and tokens[k - 1].low in _COUNT_HEADS:
            np, end = noun_phrase(tokens, k + 1, skip_det=True)
            return np if end <= e and _plural_after(tokens, skip_determiners(tokens, k + 1)) \
                else ""
    return ""


_NUMBER_OF_REACH = 20
_CLAUSE_BREAKS = frozenset(GRAMMAR["measure"]["clause_joiners"]) - {","}


def _range_subject(tokens: list[Token], m: Mention) -> str:
    """ "Homes from $750,000 to $1 million stay ...": the noun before a range of percents or
    money."""
    if (
        m.high is not None
        and m.kind in (PERCENT, MONEY)
        and m.i > 1
        and tokens[m.i - 1].low in ("from", "between")
        and tokens[m.i - 2].is_word
    ):
        k = m.i - 1
        if _range_verb(tokens, k - 1):  # "prices range from 200 to 26,000 dlrs": prices
            k -= 1
            if k == 0 or not tokens[k - 1].is_word:
                return ""  # "differentials, ranging from": no noun right before
        return _chunk_before(tokens, k)
    return ""


def _range_verb(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is "range"/"vary" as a verb ("prices range", "would range",
    "ranging"), not the noun ("a range between", "a new trading range between")."""
    low = tokens[k].low
    if low not in RANGE_VERBS:
        return False
    if low not in ("range", "vary"):
        return True  # "ranging", "ranged", "varies"
    if k == 0:
        return False
    tag = pos_tag(tokens[k - 1])  # "Licences range": a plural name-cased noun too
    return tag in ("NNS", "MD", "RB", "TO", "PRP", "WDT", "VBN") or (
        tag.startswith("NNP") and tokens[k - 1].low.endswith("s"))


# "range", "vary": verbs before "from X to Y" that keep it a range (``ranges.verbs``)
RANGE_VERBS = frozenset(GRAMMAR["ranges"]["verbs"])


def _measure_start(tokens: list[Token], j: int) -> int:
    """Where the measure after an amount starts, past a conversion in brackets ("$900m
    (£479m) loan"), a hyphen ("300-shareholder threshold") and "worth" ("$5m worth of")."""
    n = len(tokens)
    if tokens[j].text == "(":
        close = next((x for x in range(j + 1, min(n, j + 9)) if tokens[x].text == ")"), None)
        if close is not None and close + 1 < n:
            j = close + 1
    elif tokens[j].text == ")" and j + 1 < n:
        j += 1
    if tokens[j].text == "-" and glued(tokens, j) and j + 1 < n and glued(tokens, j + 1):
        j += 1  # "300-shareholder threshold", "$5m-worth of"
    if tokens[j].low == "worth" and j + 1 < n and tokens[j + 1].low == "of":
        j += 1  # "$5m worth of shares"
    return j


def _measure_after(tokens: list[Token], m: Mention, j: int) -> str:
    """The noun phrase after the amount: "5% of its revenue", "half the condos", "300
    engineers", "$1bn in gains" (not "in the first half")."""
    w = tokens[j].low
    if w == "of" and m.kind in (PERCENT, COUNT, MONEY, QUANTITY):
        np = noun_phrase(tokens, j + 1, skip_det=True)[0]
        if not np and m.kind in (PERCENT, COUNT):
            k = _past_amount(tokens, j + 1)  # "40% of the 1.2 million workers": workers,
            # "one of Japan's 23,000 centenarians": centenarians (a count of a unit, "3,000
            # of the 79,250 tonnes", and of a number, "24 of 31 passes", "one of 2.4
            # billion", take the next amount's unit later)
            if k > j + 1 and (m.kind == PERCENT or (
                    (not tokens[j + 1].is_digit or _priced(tokens, j + 1, k))
                    and unit_after(tokens, k) is None)):
                np = noun_phrase(tokens, k, after_number=True)[0]
        return np
    if m.amount is not None and m.amount.fraction and w in NP_SKIP:
        return noun_phrase(tokens, j, skip_det=True)[0]
    if not (tokens[j].is_word or hyphened_measure(tokens, j)) or w in _NOT_MEASURE_START:
        return ""  # (a number: "two 10,000-tonne cargoes" goes on)
    if j + 2 < len(tokens) and tokens[j + 1].low == "on" and tokens[j + 2].low == w:
        return ""  # "fell 1.4% month on month": the comparison, not what fell
    if w in SPANS_AGO and j + 1 < len(tokens) and tokens[j + 1].low == "ago":
        return ""  # "versus 292,000 week ago": when, not what
    if w in _COMPARATIVES and m.kind == COUNT and not m.measure and j + 1 < len(tokens):
        return noun_phrase(tokens, j + 1)[0]  # "one more session", "10 fewer deaths"
    if m.kind == COUNT:
        chart = _past_chart_rank(tokens, j)
        if chart:
            return chart  # "five top 10 hits", "nine UK top 30 singles": hits, singles
    np, e = noun_phrase(tokens, j, after_number=True, in_phrase=_opens_phrase(tokens, m.i))
    if np:
        return _widen_measure(tokens, m, np, e)
    if (
        m.kind == MONEY
        and w == "in"
        and j + 1 < len(tokens)
        and tokens[j + 1].text.islower()
        and tokens[j + 1].low not in _NOT_AFTER_IN
    ):
        return noun_phrase(tokens, j + 1)[0]
    return ""


def _past_chart_rank(tokens: list[Token], j: int) -> str:
    """The noun after a chart rank that follows a count ("five top 10 hits", "nine UK top 30
    singles"), read past a name; "" when no "top N" stands there."""
    k = j
    while k < len(tokens) and k - j < 3 and tokens[k].is_word and tokens[k].text[0].isupper():
        k += 1  # "UK", "US"
    if not (
        k + 2 < len(tokens)
        and tokens[k].low == "top"
        and (tokens[k + 1].is_digit or tokens[k + 1].low in CARDINALS)
    ):
        return ""
    return noun_phrase(tokens, k + 2, after_number=True)[0]


def _past_amount(tokens: list[Token], k: int) -> int:
    """The index after a determiner and a number with its scale word and currency at ``k``
    ("the 1.2 million", "its 500", "a 925 mln dlr"); ``k`` when no number stands there."""
    n = len(tokens)
    s = skip_determiners(tokens, k)  # "the", "its", "Japan's"
    if s < n and tokens[s].low in CARDINALS and s > k and _plural_after(tokens, s + 1):
        return s + 1  # "one of Singapore's four major local banks"
    if s >= n or not tokens[s].is_digit:
        return k
    s += 1
    while s < n and (tokens[s].low in SCALES or tokens[s].text in SCALE_ABBREVIATIONS):
        s += 1
    unit = unit_after(tokens, s)
    if unit is not None and unit[0].kind in ("currency", "minor"):
        s = unit[1]  # the loan, not the dollars: "4 pct of a 925 mln dlr loan"
    return s


def _plural_after(tokens: list[Token], k: int) -> bool:
    """Whether the noun phrase at ``k`` ends in a plural noun ("four major local banks", "two
    management board spokesmen")."""
    np, e = noun_phrase(tokens, k, after_number=True)
    return bool(np) and (pos_tag(tokens[e - 1]) in ("NNS", "NNPS") or (
        np.endswith("s") and not np.endswith("ss")))  # "seven tries" (a verb's form)


def _priced(tokens: list[Token], k: int, e: int) -> bool:
    """Whether a currency stands in tokens ``[k, e)``: "50,275 of 4.75 dlr cumulative
    convertible preference shares" counts the shares."""
    return any((u := unit_after(tokens, x)) is not None and u[0].kind in ("currency", "minor")
               for x in range(k + 1, e))


_SUBORDINATORS = frozenset(GRAMMAR["measure"]["subordinators"])


def _opens_phrase(tokens: list[Token], i: int) -> bool:
    """Whether a determiner, preposition or possessive stands before the amount at ``i``, so
    that the amount sits inside a noun phrase ("a 900 mln dlr untied credit", "with two
    dropped goals"), not at the head of a clause ("More than 20 followed suit")."""
    if i == 0:
        return False
    t = tokens[i - 1]
    if t.low == "of" or t.low in _SUBORDINATORS:
        return False  # "profits of 48.0 mln stg exceeded", "found that 60 pct wanted cuts"
    if t.low == "s" or t.text in APOSTROPHES:
        return True  # "Barkley's three missed penalties"
    return t.is_word and pos_tag(t) in ("DT", "IN", "PRP$")


_STOCK_KINDS = frozenset(("common", "preferred", "stock", "shares", "convertible", "cumulative",
                          "exchangeable", "class", "series", "a", "b", "c", "voting"))


def _widen_measure(tokens: list[Token], m: Mention, np: str, e: int) -> str:
    """A noun phrase ``np`` (ending before token ``e``) that names a change, a rate or a
    classifier, with the phrase after its preposition: "a 76% rise in profits" ->
    "profits", "a 25% tax on imported vehicles", "5,700 categories of products"."""
    head = np.split()[-1]
    prep = tokens[e].low if e < len(tokens) else ""
    if m.kind == COUNT and head in _SHARE_NOUNS and prep == "of":
        # "129,000 shares of Distributed Logic Corp": the shares are what is counted (a
        # percent's "share of the market" measures the market, below)
        inner, _ = noun_phrase(tokens, e + 1, skip_det=True)
        room = _MEASURE_WORDS - len(np.split()) - 1
        if not inner or room < 1:
            return inner or np
        # too long: the issuer without the kind of stock ("shares of Royal Gold common
        # stock" -> "shares of royal gold"), else the kind ("shares of convertible preferred
        # stock"); the count stays one of shares
        words = inner.split()
        issuer = list(words)
        while issuer and issuer[-1] in _STOCK_KINDS:
            issuer.pop()
        if issuer and len(issuer) <= room:
            return f"{np} of {' '.join(issuer)}"
        return f"{np} of {' '.join(words[-room:])}"
    if head in _CHANGE_NOUNS and prep in ("in", "of", "for"):
        inner, _ = noun_phrase(tokens, e + 1, skip_det=True)
        if inner and inner.split()[-1] not in _TIME_NOUNS:
            return inner  # "a 19% drop for the index" -> "index"
        return np
    if head in _RATE_NOUNS and prep in ("on", "in", "of", "for"):
        inner, _ = noun_phrase(tokens, e + 1, skip_det=True)
        if inner and inner.split()[-1] not in _TIME_NOUNS:
            joined = f"{np} {prep} {inner}"
            return joined if len(joined.split()) <= 5 else np
        return np
    if (
        m.kind == COUNT
        and prep == "of"
        and head in _CLASSIFIERS
        and e + 1 < len(tokens)
        and tokens[e + 1].is_word
    ):
        # "two boxes of vaccine" (not "160 rescues of trafficking victims": only nouns that
        # classify or package what is counted)
        inner, _ = noun_phrase(tokens, e + 1, skip_det=True)
        joined = f"{np} of {inner}"
        if inner and len(joined.split()) <= 5:
            return joined
    return np


def _measure_before(tokens: list[Token], m: Mention) -> str:
    """The measure guessed from the words before the amount: the object of "by" ("grew
    sales by 35%"), the subject ("Revenue rose to $7.36bn"), or the object before a
    direction ("pulled the healthcare sector 0.68 percent lower")."""
    np = (_object_before_by(tokens, m.i) or _object_of_change(tokens, m.i)
          or _subject_before(tokens, m.i))
    if not np and m.j < len(tokens) and tokens[m.j].low in _POST_CHANGES and m.i > 1:
        np = _chunk_before(tokens, m.i)
    return np


def _object_of_change(tokens: list[Token], i: int) -> str:
    """The object a change verb puts right before the amount: "cut its quarterly dividend
    10 cts", "lowered its posted price 1.50 dlrs", "raised its stake 5 pct" (a possessive
    or "the" opens it; without one, "rose 5 pct" has no object)."""
    for k in range(i - 2, max(0, i - 6), -1):
        verb = tokens[k - 1]
        if not tokens[k].is_word or not verb.is_word:
            return ""
        if (verb.low,) in CHANGES or verb.low in _BY_CHANGES:
            if tokens[k].low not in _OBJECT_OPENERS or (
                    k > 1 and tokens[k - 2].low in _NOUN_DETERMINERS):
                return ""  # "rose the most", "the cut in the rate": no object
            if pos_tag(tokens[i - 1]) in ("JJS", "RBS"):
                return ""  # "rose the most 5 pct in years"
            np, end = noun_phrase(tokens, k, skip_det=True)
            if np and end == i:
                return np
            # "its posted price": a participle the tagger does not take for an adjective
            return " ".join(t.low for t in tokens[k + 1 : i]) if i - k <= 3 else ""
    return ""


_OBJECT_OPENERS = frozenset(GRAMMAR["measure"]["object_openers"])


def _money_for(tokens: list[Token], j: int) -> str:
    """ "paid $5m for flights", "a penalty of $52,000 for CN" (not "for the year")."""
    inner, _ = noun_phrase(tokens, j + 1, skip_det=True)
    words = inner.split()
    if inner and words[-1] not in _TIME_NOUNS and words[0] not in _NOT_FOR_START:
        return inner
    return ""


_LINK_WORDS = frozenset(GRAMMAR["words"]["link_words"])


_MONTHS = frozenset(MONTHS)
_CHUNK_PREPOSITIONS = frozenset(GRAMMAR["measure"]["subject_prepositions"])
_WALK_WORDS = frozenset(GRAMMAR["measure"]["walk_words"])
_RELATIVE = frozenset(GRAMMAR["measure"]["relative_pronouns"])
_NOT_AFTER_IN = frozenset(GRAMMAR["measure"]["not_after_in"])
_EXCLUDING = frozenset(GRAMMAR["measure"]["exceptions"])
_PERCENT_WORDS = frozenset(GRAMMAR["measure"]["percent_words"])
_SUBJECT_DETERMINERS = frozenset(GRAMMAR["measure"]["subject_determiners"])


def _subject_before(tokens: list[Token], i: int) -> str:
    """What a percent or amount of money is about when the text names it first:
    "Revenue in the quarter rose to $7.36 billion" -> "revenue in the quarter",
    "Nintendo plunged 4.28 percent" -> "nintendo", "incentives of $6.8 million"."""
    k = _verb_start(tokens, i)
    if k is None:
        return ""
    return _chunk_before(tokens, _subject_end(tokens, k, i))


def _verb_start(tokens: list[Token], i: int) -> int | None:
    """Walk back from the amount at ``i`` over the verb group that ties it to its subject
    ("rose to", "will cost", "was about"): where the walk stops, or None when it met no
    verb."""
    k = i
    verb = False
    steps = 0
    while k > 0 and steps < 8:
        t = tokens[k - 1]
        if not t.is_word or (k - 1 > 0 and t.text[:1].isupper()):
            break  # a capitalised word mid-sentence is a name: "the Dow Jones Industrial Average"
        if k < i and tokens[k].low == "of" and ((t.low,) in CHANGES or t.low in _SUBJECT_VERBS):
            break  # "the major gain of 2.13%", "a net worth of $1.7bn": a noun, the subject
        if (
            k >= 2
            and tokens[k - 2].low in _SUBJECT_DETERMINERS
            and (t.low,) not in CHANGES
            and t.low not in _SUBJECT_VERBS
            and t.low not in _LINK_WORDS
        ):
            break  # "The set will cost $200": after a determiner the word is a noun
        if (t.low,) in CHANGES or (k >= 2 and (tokens[k - 2].low, t.low) in CHANGES):
            verb = True  # "rose", "were off"
        elif t.low in _WALK_WORDS:
            pass  # "sold for $44m", "would cost it $800m", "slow from 4.8 to 4.7 percent"
        elif t.low in _LINK_WORDS:
            verb = verb or t.low in _SUBJECT_VERBS
        elif t.low in _SUBJECT_VERBS:
            verb = True
        elif not (t.low in _CHANGE_FILLERS or pos_tag(t)[:2] in ("VB", "RB", "MD")):
            break
        k -= 1
        steps += 1
    if not verb or k == i:
        return None
    return k


def _subject_end(tokens: list[Token], k: int, i: int) -> int:
    """Where the subject ends, given the verb group starting at ``k``: before a ticker in
    brackets, a relative pronoun or an apposition set off by commas."""
    if k > 2 and tokens[k - 1].text == ")":
        # "European automakers (.SXAP) slid 4.8%", "Apple (AAPL) rose 2%"
        opening = next((x for x in range(k - 2, max(0, k - 8), -1) if tokens[x].text == "("), None)
        if opening is not None and opening > 0:
            k = opening
    # "flights that should have cost $5m", "Nissan, which is 43.4 percent-owned": the noun
    # before a relative pronoun
    if k > 1 and tokens[k - 1].low in _RELATIVE:
        k -= 1
        if k > 1 and tokens[k - 1].text == ",":
            k -= 1
    elif k > 1 and tokens[k - 1].text == ",":
        k = _before_apposition(tokens, k, i)
    return k


def _before_apposition(tokens: list[Token], k: int, i: int) -> int:
    """ "Healthcare, 2018's best performing sector, dropped 1.61%": the name before an
    apposition set off by commas (``k`` is after the second comma)."""
    comma = next((x for x in range(k - 2, max(0, k - 9), -1) if tokens[x].text == ","), None)
    if (
        comma is not None
        and comma > 0
        and tokens[comma - 1].is_word
        and not any(t.is_word and pos_tag(t) in _FINITE_PAST for t in tokens[comma + 1 : k - 1])
    ):  # not "Last year, 8.3 million passengers flew the airline, down 4 percent"
        return comma
    if (
        k < i
        and (tokens[k].low,) in CHANGES
        and tokens[k - 2].is_word
        and not any(
            t.is_digit or (t.is_word and pos_tag(t) in _FINITE_PAST) for t in tokens[: k - 1]
        )
    ):  # "Exports, up 6% from a year earlier, ...": the subject before the comma, when
        # nothing but that subject comes before it
        return k - 1
    return k


def _chunk_before(tokens: list[Token], k: int) -> str:
    """The noun chunk that ends at token ``k``: "shares of urban outfitters and ross",
    "the ta-125" (lower-case; empty when the word before is not nominal)."""
    j = k
    start = k
    while j > 0 and k - j < 8:
        if tokens[j - 1].is_word:
            step = _chunk_word_step(tokens, j, k, start)
        else:
            step = _chunk_symbol_step(tokens, j, k, start)
        if step is None:
            break
        j, k, start = step
    while start < k and tokens[start].low in _CHUNK_PREPOSITIONS:
        start += 1
    if start == k:
        return ""
    return span_text(tokens, start, k)


# One step back of ``_chunk_before`` over token ``j - 1``: the new (j, k, start), or None
# where the chunk ends.
_ChunkStep = tuple[int, int, int] | None


def _chunk_word_step(tokens: list[Token], j: int, k: int, start: int) -> _ChunkStep:
    """A word: prepositions and determiners inside the chunk are stepped over, nouns and
    adjectives taken; a date, a percent word or a verb after a name ends it."""
    t = tokens[j - 1]
    if t.low in NOT_NOUNS or (len(t.text) == 1 and j < len(tokens) and tokens[j].text == "."):
        return None  # "nine mths includes gain 106,000 dlrs", "of the U.K. 5 mln": no subject
    tag = pos_tag(t)
    if t.low in _CHUNK_PREPOSITIONS or (
        t.low in NP_SKIP and j >= 2 and tokens[j - 2].low in _CHUNK_PREPOSITIONS
    ):
        return j - 1, k, start
    if t.low == "and":  # only inside names: "Urban Outfitters and Ross"
        if j >= 2 and tokens[j - 2].text[:1].isupper() and tokens[j].text[:1].isupper():
            return j - 1, k, start
        return None
    if t.low in _MONTHS and t.text[0].isupper():
        return None  # "from 3 August to 24 December were up 2.9%": a date, not a subject
    if t.low in _PERCENT_WORDS:
        return None  # "a 5 per cent penalty of $52,000": the penalty, not "cent penalty"
    if t.low in _EXCLUDING and j - 1 > 0 and start < k:
        # "operating profit excluding one-off items was EUR 30.6 mn": the subject is before
        # the exception
        return j - 1, j - 1, j - 1
    if (
        t.low in _SUBJECT_VERBS
        and j < k
        and j >= 3
        and (tokens[j - 2].text[:1].isupper() or tokens[j - 2].text == ",")
        and tag in ("NNS", "VBZ", "VBD", "VBN")
    ):
        return None  # "Aktia reports operating profit of EUR 44m": a verb after a name
    if (
        tag.startswith("NN")
        or tag in ("JJ", "VBG", "POS")
        or (j == k and j >= 2 and tokens[j - 2].low in _SUBJECT_DETERMINERS)
    ):  # "The set will cost $200": after a determiner the word is a noun
        return j - 1, k, j - 1
    return None


def _chunk_symbol_step(tokens: list[Token], j: int, k: int, start: int) -> _ChunkStep:
    """Digits or a symbol: joiners inside a name ("s&p", "ta-125", "non-recurring") and a
    number after a name or preposition ("The S&P 500", "economy in 2022") are taken."""
    t = tokens[j - 1]
    if (t.text in ("-", "&", "'", "’") and glued(tokens, j)) or (
        t.is_digit and j >= 2 and glued(tokens, j - 1) and tokens[j - 2].text == "-"
    ):
        j -= 1
        if (
            t.text == "-"
            and j > 0
            and (tokens[j - 1].is_word or tokens[j - 1].is_digit)
            and glued(tokens, j)
        ):
            j -= 1  # "non-recurring", "12-month": the word before the hyphen belongs too
            start = j
        return j, k, start
    if (
        t.is_digit
        and j >= 3
        and tokens[j - 2].is_word
        and tokens[j - 2].low not in _MONTHS
        and (
            (tokens[j - 2].text[:1].isupper() and j - 2 > 0)
            or tokens[j - 2].low in _CHUNK_PREPOSITIONS
        )
    ):  # "The S&P 500 fell 0.9%", "China's economy in 2022 grew by 3%"
        return j - 1, k, j - 1
    return None


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
            pos_tag(tokens[j - 1]).startswith("NN")
            or tokens[j - 1].low in NP_SKIP
            or pos_tag(tokens[j - 1]) == "JJ"
        )
    ):
        j -= 1
    if j == end or j == 0 or not (
        (tokens[j - 1].low,) in CHANGES or tokens[j - 1].low in _BY_CHANGES
    ):
        return ""
    while j < end and tokens[j].low in NP_SKIP:
        j += 1
    return span_text(tokens, j, end)


_RESTATE = (["("], ["/"], [",", "("])
_LEVEL_LINKS = frozenset(tuple(x.split()) for x in GRAMMAR["measure"]["level_links"])
_LINK_TIME = frozenset(GRAMMAR["measure"]["link_time_words"])  # "versus last year's"
_UNIT_LINKS = frozenset(GRAMMAR["measure"]["unit_links"])


def carry_context(tokens: list[Token], mentions: list[Mention]) -> None:
    """Carry context from one amount to the next where the text leaves it implicit.

    * "lost 190 points, or 0.6%", "more than 100 km (60 miles)": a restated amount shares
      the change (and, in brackets, the qualifier) of the one before;
    * "were down 2.3%, Burlington by 2.6%": "by" with no verb continues the last change;
    * "eight or nine euros", "rose 64.06 points to 4,577.10", "68,400 people ... and 95,800
      who": a bare number takes the unit or counted noun of its neighbour.

    The steps run in this order for each amount ``b`` after the one before it, ``a``.
    """
    for idx, b in enumerate(mentions):
        if idx + 1 < len(mentions) and b.bare and not b.measure:
            _take_from_next(tokens, b, *_list_end(tokens, mentions, idx))
        if idx == 0:
            _money_by_subject(tokens, mentions, idx)
            continue
        a = mentions[idx - 1]
        between = [t.low for t in tokens[a.j : b.i]]
        restated = _is_restated(tokens, a, b, between)
        if restated and not b.change:
            b.change = a.change
        _carry_measure(tokens, a, b, between, restated)
        if (
            between in _RESTATE
            and not b.qualifier
            and a.qualifier
            and (between == ["/"] or (a.bound in ("above", "below") and b.kind != MONEY))
        ):
            # "around 805/807 stg"; a bracketed restatement keeps a bound ("more than 100 km
            # (60 miles)"), not a currency conversion ("over $60m (£31.3m)") nor an
            # approximation ("some seven miles (11 km)")
            b.qualifier, b.bound = a.qualifier, a.bound
        _continue_change(tokens, mentions, idx)
        _carry_millions(tokens, outside_brackets(tokens, mentions, idx - 1, b), b, a.j)
        _carry_counted_noun(a, b)
        if b.bare and not b.measure and _elided_noun(tokens, b.j):
            _take_from_earlier(tokens, mentions, idx, between)
        if b.bare and (not b.measure or b.measure.split()[-1] in _MONEY_HEADS):
            _money_of_sentence(tokens, mentions, idx)
        if b.bare and not b.measure and between[-1:] and between[-1] in MOVED_TO_LINKS and (
                len(between) == 1 or (len(between) == 2 and between[0] in _POST_CHANGES)):
            _price_level(a, b)  # "fell 2.50 dlrs to 31", "were nine pence higher at 100"
        if b.bare and b.kind == COUNT:
            _quoted_again(tokens, mentions, idx)
        if (b.bare and not b.measure and between == ["("] and b.j < len(tokens)
                and tokens[b.j].text == ")" and a.kind in (QUANTITY, PERCENT) and a.unit):
            b.kind, b.unit = a.kind, a.unit  # "Italy 4,014 tonnes (1,340)": the same unit
        _money_by_subject(tokens, mentions, idx)  # (after the steps that give it a unit)


def _money_of_sentence(tokens: list[Token], mentions: list[Mention], idx: int) -> None:
    """A bare amount in millions or more takes the currency of the nearest earlier money
    amount of the sentence written with the same scale word ("imports grew 19.2 pct to 70.7
    billion baht, compared with a nine pct decline to 59.3 billion a year ago"), else of the
    money in millions or more it is compared with or changed to ("borrowings comprised 1.52
    billion dlrs against a net outflow of 548 mln"; not "lent $3bn to Pakistan, a country of
    200 million")."""
    b = mentions[idx]
    if b.amount is None or b.amount.scale < 1e6 or b.high is not None:
        return
    if idx + 1 < len(mentions) and _bracketed(tokens, mentions[idx + 1]):
        return  # "worth of 771.3 billion ($1tn)": converted, so in another currency
    money = [x for x in range(idx) if mentions[x].kind == MONEY
             and mentions[x].amount is not None and mentions[x].amount.scale >= 1e6
             and not _bracketed(tokens, mentions[x])]
    for x in reversed(money):
        if mentions[x].amount.scale == b.amount.scale:
            b.kind, b.unit = MONEY, mentions[x].unit
            return
    if money and _compared_money(tokens, mentions, money[-1], idx):
        b.kind, b.unit = MONEY, mentions[money[-1]].unit


def _money_by_subject(tokens: list[Token], mentions: list[Mention], idx: int) -> None:
    """A bare amount in millions or more whose subject, just before it in its clause, is a
    sum of money is money in the wire's currency, when the sentence writes no currency
    ("Imports fell to 8.61 billion", "closure costs 27.3 mln"; the document's own currency,
    where it writes one, replaces the wire's later); not "sales of 35 million" (copies), nor
    an amount that a noun follows ("5 mln shares")."""
    b = mentions[idx]
    if not (b.bare and b.kind == COUNT and not b.unit and not b.measure) or b.amount is None \
            or b.amount.scale < 1e6 or _names_after(tokens, b.j):
        return
    if any(m.kind in (MONEY, QUANTITY) for m in mentions):
        return  # a currency is written (the sentence's own steps carry it), or a unit of
        # measure that a bare amount may share ("fell to 3.75 mln from 3.89 mln tonnes")
    start = mentions[idx - 1].j if idx else 0
    for k in range(b.i - 1, max(start, b.i - _SUBJECT_REACH) - 1, -1):
        t = tokens[k]
        if t.low in _CLAUSE_BREAKS or t.low in (";", ":"):
            return
        if t.low in _MONEY_SUBJECTS:
            b.kind, b.unit, b.measure = MONEY, _WIRE_CURRENCY, t.low
            return
        if t.is_word and pos_tag(t).startswith("NN"):
            return  # another noun heads the subject: "revenue passenger miles rose to"


_MONEY_SUBJECTS = frozenset(GRAMMAR["measure"]["money_subjects"])
_SUBJECT_REACH = 6
_WIRE_CURRENCY = GRAMMAR["wire"]["currency"]


def _compared_money(tokens: list[Token], mentions: list[Mention], x: int, idx: int) -> bool:
    """Whether the bare amount ``mentions[idx]`` is more of the money ``mentions[x]``, in
    another scale: in the same clause ("1.01 billion in 1984 and 293 mln in 1983"; not
    "$2bn last year, while its sales rose to 9 million", "£1bn on the service, which reached
    40 million"), not a count of something else ("a country of 200 million"), no count
    between and no noun after."""
    a, b = mentions[x], mentions[idx]
    if any(tokens[k].low in _CLAUSE_BREAKS and tokens[k - 1].low != "of"  # "of which 550 mln"
           for k in range(a.j, b.i)):
        return False
    if b.i > 1 and tokens[b.i - 1].low == "of" and tokens[b.i - 2].low not in _MONEY_HEADS:
        return False
    return not any(m.kind == COUNT for m in mentions[x + 1 : idx]) and not _names_after(
        tokens, b.j)


def _names_after(tokens: list[Token], j: int) -> bool:
    """Whether a quote or a noun, adjective or verb follows at ``j``: what the amount before
    counts ("two mln \"preferred customers\"", "three million unemployed", "200 million
    went")."""
    if j >= len(tokens):
        return False
    t = tokens[j]
    return t.text in _QUOTES or (t.is_word and pos_tag(t)[:2] in ("NN", "JJ", "VB"))


_QUOTES = frozenset('"\'“”‘’«»')


def outside_brackets(tokens: list[Token], mentions: list[Mention], x: int, b: Mention
                     ) -> Mention:
    """The money a bracket after it converts, when the money ``a = mentions[x]`` is inside
    that bracket and ``b``, after the bracket, is bare or in the converted currency: for "77m
    euros (£53m; $100m), up from 38m" the 38m is compared with the 77m euros; else ``a``
    ("grew 5% ($100m), up from $90m", "£75m ($141m), compared with $125m")."""
    a = mentions[x]
    if a.kind != MONEY:
        return a
    k = a.i - 1
    while k >= 0 and k > a.i - 12 and tokens[k].text not in ("(", ")"):
        k -= 1
    if k < 0 or tokens[k].text != "(" or not any(t.text == ")" for t in tokens[a.j : a.j + 3]):
        return a
    main = next((mentions[y] for y in range(x - 1, -1, -1) if mentions[y].j == k), a)
    if main.kind != MONEY or not (b.bare or b.unit == main.unit or b.unit == "m"):
        return a
    return main


def _bracketed(tokens: list[Token], m: Mention) -> bool:
    """Whether the amount opens a bracket: "(£79m)", often a conversion of the one before."""
    return m.i > 0 and tokens[m.i - 1].text == "("


def _list_end(tokens: list[Token], mentions: list[Mention], idx: int
              ) -> tuple[Mention, list[str]]:
    """The amount whose unit a bare number after ``idx`` shares, and the words before it:
    the next amount, or in a list of bare numbers ("5, 6 and 7 percent", "two, four and
    seven-year notes") the one after the list's "and"/"or"."""
    k = idx + 1
    while (k + 1 < len(mentions) and mentions[k].bare and not mentions[k].measure
           and [t.low for t in tokens[mentions[k - 1].j : mentions[k].i]] == [","]):
        k += 1
    link = [t.low for t in tokens[mentions[k - 1].j : mentions[k].i]]
    if k == idx + 1 or link not in (["and"], ["or"]):
        k = idx + 1
        link = [t.low for t in tokens[mentions[idx].j : mentions[k].i]]
    return mentions[k], link


# "three- and six-month": the first of two coordinated compounds loses its hyphenated unit
_SUSPENDED = (["and"], ["or"], ["-", "and"], ["-", "or"])


def _take_from_next(tokens: list[Token], b: Mention, c: Mention, link: list[str]) -> None:
    """A bare number takes the unit of the next amount ("eight or nine euros", "8 or $9"),
    of the amount that ends its list ("5, 6 and 7 percent"), or its counted noun ("24 of 31
    passes"). ``link``: the words between ``b`` and ``c``."""
    if link in (["or"], ["and"]):
        _scale_of(b, c)  # "5 and 6 billion dlrs", "178 and 210 mln tonnes"
    if (link == ["or"] or (link == ["and"] and (c.kind in (PERCENT, MONEY) or (
            c.kind == QUANTITY and not (b.i and tokens[b.i - 1].low in ("and", "or")))))) and (
        not c.bare and (not c.value or abs(b.value / c.value) < 100)
    ):
        # "eight or nine euros", "6.15 and 6.188 pct", "1,000 and 10,000 Australian dlrs",
        # "14 and 15 inch screens"; not "1,737,000 or 39 cts a share", "in years five and six
        # and 3/4 point over LIBOR"
        b.kind, b.unit = c.kind, c.unit
        if c.measure == "age":
            b.measure = c.measure  # "40 or 50-year old women"
    elif (
        link in _SUSPENDED
        and (c.kind == DURATION or c.measure == "age")
        and b.amount is not None
        and c.amount is not None
        and b.amount.words == c.amount.words
        and 0 < b.value < c.value
    ):
        # "the three and six month issues", "three- and seven-day", "16 and 17-year-olds"
        b.kind, b.unit = c.kind, c.unit
        if c.measure == "age":
            b.measure = c.measure
    elif (
        len(link) >= 2
        and link[-1] in ("and", "or")
        and c.kind == COUNT
        and c.measure
        and not c.guessed
        and all(tokens[x].is_word and pos_tag(tokens[x]) == "JJ" for x in range(b.j, c.i - 1))
    ):
        # "two white and five ethnic minority women", "10 male or 12 female students"
        b.measure = " ".join([*link[:-1], c.measure.split()[-1]])
    elif link[:1] == ["of"] and len(link) <= 3 and all(w in _PARTITIVE_DETS for w in link[1:]):
        # "24 of 31 passes", "three of the five nominees", "540,000 of its 32.8 mln shares",
        # "three of a possible five nominations", "the last 3,000 of the 79,250 tonnes"
        if (link == ["of"] or (c.bare and c.measure)) and c.measure != "age":
            b.measure = c.measure  # (not "millions of under-18s": ages)
        elif (
            c.kind in (QUANTITY, MONEY)
            and c.unit
            and 1 <= b.value <= c.value
            and b.amount is not None
            and c.amount is not None
            and b.amount.scale == c.amount.scale  # not "Nine of the 35 billion schillings"
            and not b.amount.fraction  # "less than half of the $20bn": a share
            and not (b.amount.words and b.value == 1)  # "one of 50 mln dlrs": a pronoun
        ):
            b.kind, b.unit = c.kind, c.unit


_PARTITIVE_DETS = frozenset(GRAMMAR["measure"]["partitive_determiners"])


def _scale_of(b: Mention, c: Mention) -> None:
    """A bare number next to an amount written with a scale word, and of its size once
    scaled, is in that scale too: "5 and 6 billion dlrs" (5 billion), "upgraded to 2,721.7
    billion cubic feet from the 2,466 estimated" (2,466 billion); not "3 and 400 mln"."""
    if (b.amount is None or c.amount is None or b.amount.scale != 1 or c.amount.scale < 1e6
            or b.amount.fraction or not b.value or b.high is not None):
        return
    ratio = b.value * c.amount.scale / c.value if c.value else 0.0
    if 0.1 <= ratio <= 10:
        b.value *= c.amount.scale
        b.amount = replace(b.amount, value=b.amount.value * c.amount.scale, scale=c.amount.scale)


def _is_restated(tokens: list[Token], a: Mention, b: Mention, between: list[str]) -> bool:
    """True when ``b`` restates ``a``: "lost 190 points, or 0.6%", "100 km (60 miles)"."""
    if between in _RESTATE:
        return True
    words = [w for w in between if w != ","]
    return bool(
        words
        and words[-1] == "or"
        and len(words) <= 4
        and all(tokens[x].is_word or tokens[x].text == "," for x in range(a.j, b.i))
    )


def _carry_measure(
    tokens: list[Token], a: Mention, b: Mention, between: list[str], restated: bool
) -> None:
    """A percent or money amount that is the new (or old) level of the one before, or that
    restates it, is of the same thing."""
    if not ((not b.measure or b.guessed) and b.kind in (PERCENT, MONEY)):
        return
    if (
        a.measure
        and not a.guessed
        and a.measure != "age"  # "people over 60, or £300": an age is no level of money
        and _level_after_measure(tokens, a.j, b.i, same_kind=a.kind == b.kind)
    ):
        # "a 60 basis point improvement in its margins to 64 per cent", "78 per cent of
        # the deal will be paid in cash, up from 50 per cent"
        b.measure, b.guessed = a.measure, False
    elif (
        restated
        or tuple(between) in _LEVEL_LINKS
        or tuple(w for w in between if w not in _LINK_TIME) in _LEVEL_LINKS
    ):
        # "rose 18 sen to RM23.50", "lost 190 points, or 0.6%", "up from 50 per cent"
        carried = a.measure if a.kind in (PERCENT, MONEY) else ""
        b.measure = carried or _subject_before(tokens, a.i) or b.measure


def _continue_change(tokens: list[Token], mentions: list[Mention], idx: int) -> None:
    """ "were down 2.3%, Burlington by 2.6%": "by" with no verb before it continues the last
    change, and the name before "by" is what the amount measures."""
    b = mentions[idx]
    if not b.change and b.i > 0 and tokens[b.i - 1].low == "and":
        _change_after_and(tokens, mentions, idx)
        return
    if (
        b.change
        or b.i == 0
        or tokens[b.i - 1].low != "by"
        or (b.i > 1 and tokens[b.i - 2].is_word and pos_tag(tokens[b.i - 2]).startswith("VB"))
    ):
        return
    b.change = next((mentions[x].change for x in range(idx - 1, -1, -1) if mentions[x].change), "")
    if b.change and b.kind in (PERCENT, MONEY) and (not b.measure or b.guessed):
        b.measure = _chunk_before(tokens, b.i - 1) or b.measure
        if not b.measure and b.i > 1 and tokens[b.i - 2].low == "and":
            b.measure = mentions[idx - 1].measure  # "rose 5% in March and by 3% in April"


def _change_after_and(tokens: list[Token], mentions: list[Mention], idx: int) -> None:
    """ "rose 5% in March and 3% in April", "grew 0.1% in the quarter and 1.5% on the
    year": an amount joined by "and" to a changed amount of its kind, with no verb between,
    changes the same way; not "rose 5% and 3% of staff left" (the amount opens a clause)."""
    a, b = mentions[idx - 1], mentions[idx]
    if (
        a.change not in ("up", "down")
        or a.kind != b.kind
        or a.unit != b.unit
        or b.i - a.j > 8
        or any(t.is_word and pos_tag(t).startswith("VB") for t in tokens[a.j : b.i - 1])
        or any(not t.is_word and t.text != "," for t in tokens[a.j : b.i - 1])
        or (b.j < len(tokens) and tokens[b.j].low in _NOT_CONTINUED)
        or _opens_clause(tokens, b.j)
        or _own_direction(tokens, b.j)
    ):
        return
    b.change = a.change
    if a.measure and (not b.measure or b.guessed):
        b.measure, b.guessed = a.measure, a.guessed


def _opens_clause(tokens: list[Token], j: int) -> bool:
    """Whether a verb follows the amount ending at ``j``, past its noun and an "in" phrase:
    the amount is a clause's subject ("and 100 workers were laid off", "and $3m in charges
    hit results"), not a second size of the change before."""
    n = len(tokens)
    for _ in range(2):
        if j < n and tokens[j].low == "in":
            j += 1
        np, e = noun_phrase(tokens, j, after_number=True)
        j = e if np else j
    return j < n and tokens[j].is_word and pos_tag(tokens[j]).startswith("VB") and not (
        tokens[j].low.endswith("ing")
    )


def _own_direction(tokens: list[Token], j: int) -> bool:
    """Whether "up from" or "down from" follows within a few words from ``j``: the amount
    states its own change ("5.5 pct in 1988, down from 6.5 pct")."""
    return any(
        tokens[x].low in ("up", "down") and tokens[x + 1].low == "from"
        for x in range(j, min(j + 6, len(tokens) - 1))
    )


_NOT_CONTINUED = frozenset(("of", *_POST_CHANGES, "above", "below", "more", "less"))


def _carry_millions(tokens: list[Token], a: Mention, b: Mention, after: int) -> None:
    """ "77m euros ..., up from 38m", "$1.5bn, up from 900m": after millions of money (or
    billions, with no "is" between), "38m" is money too; not "the $1.2bn tunnel is 800m
    long". ``after``: where the words between start (past a conversion in brackets)."""
    if (
        b.unit == "m"
        and a.kind == MONEY
        and a.amount is not None
        and (a.amount.scale == 1e6 or (
            a.amount.scale > 1e6 and not _BE.intersection(t.low for t in tokens[after : b.i])))
        and b.i - after <= 8
        and glued(tokens, b.j - 1)
    ):
        b.kind, b.unit, b.value = MONEY, a.unit, b.value * 1e6


def _price_level(a: Mention, b: Mention) -> None:
    """ "Allied Signal rose 1/2 dlr to 48-1/2", "fell 2.50 dlrs to 31", "was off two marks at
    366.50": the bare new level after a change of money is a price in the same currency."""
    if (
        a.kind == MONEY
        and a.change
        # a currency's code, or pence, in which London quotes shares ("gained 14p at 302");
        # not "cent" ("up 12.5 cents at 6.705 dlrs") nor "USD/barrel"
        and (a.unit in CURRENCIES or a.unit == "pence")
        and b.amount is not None
        and b.amount.scale == 1
    ):
        b.kind, b.unit = MONEY, a.unit


def _quoted_again(tokens: list[Token], mentions: list[Mention], idx: int) -> None:
    """A bare decimal within a quarter of an earlier price in a currency is that price quoted
    again ("ended at 145.15/20 yen against Tokyo's 145.25 close", "closed at 2.950/954 marks,
    after opening at 2.951/955"): it takes the currency; so does a bare bid/offer quote after
    a quoted rate ("slipped to 6.40/30 pct from 6.45/35"). A price is quoted with decimals; a
    count or a year is not."""
    b = mentions[idx]
    places = _places(tokens, b)
    if b.amount is None or b.amount.scale != 1 or not places or not b.value:
        return
    first = b.measure.split()[0] if b.measure else ""
    if first and first not in _QUOTE_WORDS and first not in _TIME_ADVERBS:
        return  # "12.3 meetings" counts something
    for a in reversed(mentions[:idx]):
        a_places = _places(tokens, a)
        if a.amount is None or a.amount.scale != 1 or not a.value or not a_places:
            continue
        if a_places != places:
            return  # a quote keeps its decimals: not "25.50 dlrs, a multiple of 22.4", "12.50
            # dlrs and the index was 11.3"
        if (a.kind == MONEY and a.unit in CURRENCIES) or (
                a.kind == PERCENT and a.high is not None and b.high is not None):
            if 0.75 <= b.value / a.value <= 1.33:
                b.kind, b.unit = a.kind, a.unit
            return


_QUOTE_WORDS = frozenset(GRAMMAR["measure"]["quote_words"])


def _places(tokens: list[Token], m: Mention) -> int:
    """How many decimals the first number of ``m`` is written with ("145.25": 2)."""
    text = tokens[m.amount.i].text if m.amount is not None else ""
    return len(text.split(".", 1)[1]) if "." in text else 0


def _carry_counted_noun(a: Mention, b: Mention) -> None:
    """ "22 burglaries, ... 20 per week": a bare rate counts the noun counted just before."""
    if (
        b.bare
        and b.measure.startswith("per ")
        and a.kind == COUNT
        and a.measure
        and b.i - a.j <= 12
    ):
        b.measure = f"{a.measure} {b.measure}"


def _take_from_earlier(
    tokens: list[Token], mentions: list[Mention], idx: int, between: list[str]
) -> None:
    """A bare number whose noun is left out takes the unit (and counted noun) of the nearest
    earlier count or quantity, looking past time spans and past the percent change whose
    new level this is: "edged down 0.03% to 1,463.87 points, while the TA-125 climbed 0.1%
    to 1,333.18" (callers pass no dates, years or ordinals)."""
    b = mentions[idx]
    a = mentions[idx - 1]
    level = tuple(between) in _LEVEL_LINKS and a.kind == PERCENT and a.change
    x = idx - 1
    while x > 0 and (mentions[x].kind in _PAST_TIMES or (level and mentions[x].kind == PERCENT)):
        x -= 1  # "235 mln tonnes in 1988, compared with a planned 232 mln": past the year
    a = mentions[x]
    gap = b.i - a.j
    if (
        gap <= 20
        and a.kind in (COUNT, QUANTITY)
        and (a.unit or a.measure)
        and a.measure != "age"
        and not (a.unit and gap and _link_before(tokens, b.i) not in _UNIT_LINKS)
        and not (a.i > 0 and tokens[a.i - 1].low == "per")
    ):  # (not the size of a lot a price is per: "90,000 yen per 15 tonne lot from 70,000")
        b.kind, b.unit = a.kind, a.unit
        if a.kind == QUANTITY:
            _scale_of(b, a)
        if a.kind == COUNT:
            b.measure = a.measure
    change = mentions[idx - 1]
    if (
        level
        and b.kind == COUNT
        and change.measure
        and not _TIME_TAIL.intersection(change.measure.split()[-1].split("-"))
        and (not b.measure or _CLAUSE_JOINERS.intersection(t.low for t in tokens[a.j : change.i]))
    ):
        # "revenue passenger miles rose 3.8 pct to 131.4 mln": the new level counts what the
        # percent change just before it measured, also when an earlier clause's count gave
        # it a noun ("... to 10.9 mln, and available seat miles rose 6 pct to 31.5 mln")
        b.measure = change.measure


# What a bare amount looks past to the quantity it is compared with: spans, years, dates.
_PAST_TIMES = (TIME_KINDS - {TIME}) | {DURATION}


def _link_before(tokens: list[Token], i: int) -> str:
    """The word that links the amount at ``i`` to what comes before, past an article and an
    adjective or participle ("against a planned 232 mln": "against")."""
    k = i - 1
    if k > 0 and tokens[k].is_word and pos_tag(tokens[k]) in ("JJ", "VBN"):
        k -= 1
    if k > 0 and tokens[k].low in ("a", "an", "the"):
        k -= 1
    return tokens[k].low if k >= 0 else ""


_CLAUSE_JOINERS = frozenset(GRAMMAR["measure"]["clause_joiners"])
_CLAUSE_BREAKS = (_CLAUSE_JOINERS - {",", "and"}) | frozenset(
    GRAMMAR["measure"]["relative_words"])


_FINITE = frozenset(["VB", "VBD", "VBP", "VBZ", "MD"])
_FINITE_PAST = _FINITE | {"VBD"}


def _level_after_measure(tokens: list[Token], a: int, b: int, same_kind: bool) -> bool:
    """True when tokens ``[a, b)`` are the measure of the first amount and a link to the second
    one as its new or old level or as a restatement: "... improvement in its margins to",
    "..., up from", "60% of its market cap, or more than $30 billion"."""
    words = [t.low for t in tokens[a:b]]
    if len(words) < 2 or len(words) > 12:
        return False
    if words[-2:] == [",", "or"]:
        b -= 2
        return all(t.is_word and pos_tag(t) not in _FINITE for t in tokens[a:b])
    if not same_kind:
        return False
    if words[-2:] in (["up", "from"], ["down", "from"]):
        return True  # "78% of the deal will be paid in cash, up from 50%"
    if words[-1] not in ("to", "from"):
        return False
    return all(
        t.is_word and pos_tag(t) not in _FINITE for t in tokens[a : b - 1]
    )  # a noun phrase and nothing else: "rise in profits to $5m"


def _elided_noun(tokens: list[Token], j: int) -> bool:
    """True when the text after a bare number leaves its noun out ("and 95,800 who ...",
    "compared with 63 during ...", "up from 2.4 million."), not "five more replacements"."""
    if j >= len(tokens) or not tokens[j].is_word or tokens[j].low in _TIME_ONLY:
        return True
    if tokens[j].low in SPANS_AGO and j + 1 < len(tokens) and tokens[j + 1].low == "ago":
        return True  # "versus 292,000 week ago": the wire's "[a] week ago"
    if tokens[j].low == "of" and j + 1 < len(tokens) and tokens[j + 1].is_digit:
        return False  # "24 of 31 passes": the noun comes after the second number
    if tokens[j].low in _ELIDED_BEFORE_ADVERBS:  # "four or five so", "200 now"; not "200
        return not _modifies_noun(tokens, j + 1)  # recently hired engineers"
    tag = pos_tag(tokens[j])
    return tag in ("IN", "WDT", "WP", "CC", "TO", "MD", "DT") or (
        tag.startswith("VB") and tag != "VBG"
    )


def _modifies_noun(tokens: list[Token], j: int) -> bool:
    """Whether an adjective or participle and then a noun start at ``j``."""
    if j + 1 >= len(tokens) or not (tokens[j].is_word and tokens[j + 1].is_word):
        return False
    return pos_tag(tokens[j]) in ("JJ", "VBN", "VBG") and pos_tag(tokens[j + 1]).startswith("NN")


_ELIDED_BEFORE_ADVERBS = frozenset(GRAMMAR["measure"]["elided_before_adverbs"])
_MEASURE_WORDS = 5
_TIME_TAIL = frozenset(GRAMMAR["words"]["time_nouns"]) | frozenset(GRAMMAR["measure"]["time_tail"])
_TIME_POSSESSIVES = frozenset(GRAMMAR["measure"]["time_possessives"])
_SCALE_WORDS = frozenset(SCALES) | frozenset(GRAMMAR["measure"]["scale_leftovers"])
_TIME_ADVERBS = frozenset(GRAMMAR["measure"]["time_adverbs"])
_PARTITIVE_HEADS = frozenset(GRAMMAR["measure"]["partitive_heads"])
_MONEY_HEADS = frozenset(GRAMMAR["measure"]["money_heads"])


@lru_cache(maxsize=8192)
def tidy_measure(measure: str) -> str:
    """A measure as the table shows it: a short lower-case noun phrase without determiners,
    without a trailing time adverbial, at most five words.

    "the fair value of the investment properties" -> "fair value of investment properties";
    "net profit for the third quarter of 2007" -> "net profit"; "order book at the end of
    2010" -> "order book"; "revenue in the quarter" -> "revenue"."""
    if not measure:
        return measure
    words = [w for w in measure.split() if w not in NP_SKIP]
    # left-overs of an amount: "m on net sales", "8,537.42 on volume", "2008"
    while words and (words[0] in _SCALE_WORDS or not any(c.isalpha() for c in words[0])):
        words.pop(0)
        while words and words[0] in _CHUNK_PREPOSITIONS:
            words.pop(0)
    if not words:
        return ""
    # a prepositional phrase of time or with a year ends the phrase: "for the quarter",
    # "in 2019", "at the end of 2010"
    for x, w in enumerate(words):
        if x and w in _CHUNK_PREPOSITIONS:
            tail = words[x + 1 :]
            if any(t in _TIME_TAIL or t in _MONTHS or t.isdigit() for t in tail):
                words = words[:x]
                break
    while len(words) > 1 and words[-1] in _TIME_ADVERBS:
        words.pop()  # "kesko corporation and aspo plc today"
    while len(words) > 1 and words[0] in _TIME_POSSESSIVES:
        words.pop(0)  # "this years msrp" (copy without the apostrophe) -> "msrp"
    if (any(w in _TIME_ONLY for w in words) or len(words) > 1) and all(
        w in _TIME_TAIL or w in _TIME_ONLY for w in words
    ):
        return ""  # "last year"
    if len(words) > _MEASURE_WORDS:
        x = next((x for x, w in enumerate(words) if x and w in _CHUNK_PREPOSITIONS), None)
        if x is not None and x == 1 and words[0] in _PARTITIVE_HEADS:
            words = words[x + 1 :][:_MEASURE_WORDS]  # "shares of urban outfitters and ross"
        elif x is not None and x <= _MEASURE_WORDS:
            words = words[:x]  # "sales for the clothing store subsidiary seppala" -> "sales"
        else:
            words = words[-_MEASURE_WORDS:]  # the head of an English compound is on the right
    while words and words[-1] in _CHUNK_PREPOSITIONS | {"and"}:
        words.pop()
    while words and words[0] in _CHUNK_PREPOSITIONS | {"and"}:
        words.pop(0)
    return " ".join(words) if words else measure
