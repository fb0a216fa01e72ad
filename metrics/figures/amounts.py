"""Amounts: the number that starts at a token, with its value.

``parse_number(tokens, i)`` reads digits with separators and scale words ("1.2 billion",
"$3bn" minus the "$"), spelled-out numbers ("seventy thousand", "two and a half"),
fractions ("a third", "two-thirds"), collectives ("a dozen"), ratios ("one in five"),
scientific notation ("1.99×10^-30") and vague plurals ("tens of thousands of" -> 10,000 to
100,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from metrics.figures.lexicon import (
    ARTICLES,
    CARDINALS,
    COLLECTIVES,
    CURRENCIES,
    FRACTIONS,
    GRAMMAR,
    MULTI_SCALES,
    MULTIPLES,
    NUMBERS,
    ORDINAL_SCALES,
    ORDINALS,
    PARTS,
    SCALE_ABBREVIATIONS,
    SCALES,
    VAGUE,
    VAGUE_DETERMINERS,
    VULGAR,
)
from metrics.figures.nouns import FINITE_VERB_TAGS, RELATIVE_PERSONS, pos_tag
from metrics.figures.tokens import Token, glued
from metrics.figures.units import ONE_UNIT_STARTS, one_unit_after, speaks_of_temperature

# plain, thousands-grouped ("1,500,000") or Indian-grouped ("12,34,567.89")
_PLAIN = re.compile(
    r"[0-9]+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?"
)


def digit_value(text: str) -> float | None:
    """The value of a digit token ("1,500,000", "4.3"); None for "192.168.1.2" or "1,2"."""
    if text.isascii() and text.isdigit():  # the common case: no separators
        return float(text)
    if not _PLAIN.fullmatch(text):
        return None
    return float(text.replace(",", ""))


@dataclass(slots=True)
class Amount:
    """A parsed amount: tokens ``[i, j)``, value (and upper value for vague plurals)."""

    i: int
    j: int
    value: float
    high: float | None = None
    words: bool = False  # spelled out ("seventy thousand")
    scale: float = 1.0  # scale word or abbreviation applied ("1.2 billion", "3bn")
    fraction: bool = False  # "a third", "two-thirds", "half"
    ordinal: bool = False  # "sixth", "twenty-first"


def _word_number(tokens: list[Token], i: int) -> Amount | None:
    """A spelled-out cardinal or ordinal starting at ``i`` ("two hundred and five", "sixth",
    "one hundred twenty-fifth", "a hundred and two")."""
    n = len(tokens)
    total = 0.0
    current = 0.0
    seen = False
    j = i
    if tokens[i].low in ARTICLES and i + 1 < n and tokens[i + 1].low in SCALES:
        current, j = 1.0, i + 1  # "a hundred and two", "a million"
    last_end = i
    comma: tuple[int, float, float] | None = None  # (end, total, scale) before a comma
    scaled_after_comma = False
    while j < n:
        w = tokens[j].low
        if comma is not None and w in ORDINALS:
            break
        if w in CARDINALS:
            current += CARDINALS[w]
        elif w in SCALES and (seen or current):
            scale = SCALES[w]
            scaled_after_comma = comma is not None
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0.0
        elif w in ORDINALS or w in ORDINAL_SCALES:
            value = _ordinal_value(tokens, j, seen, total, current)
            if value is None:
                break
            return Amount(i, j + 1, value, words=True, ordinal=True)
        else:
            break
        seen = True
        j += 1
        last_end = j
        nxt = _next_number_word(tokens, j, total, current)
        if nxt is None:
            break
        if comma is None and _comma_goes_on(tokens, nxt, current):
            comma, nxt = (nxt, total, SCALES[tokens[nxt - 1].low]), nxt + 1
        j = nxt
    if not seen:
        return None
    if comma is not None and (
        not scaled_after_comma or total + current - comma[1] >= comma[2]
    ):
        # "two thousand, three thousand", "two million, one of them": a list, not one number
        last_end, total, current = comma[0], comma[1], 0.0
    last = tokens[last_end - 1].low
    # "four thousand": a number that ends in a scale word carries that scale (a range's low
    # end takes it: "three to four thousand")
    scale = SCALES[last] if last in SCALES and SCALES[last] > 100 else 1.0
    return Amount(i, last_end, total + current, words=True, scale=scale)


def _ordinal_value(
    tokens: list[Token], j: int, seen: bool, total: float, current: float
) -> float | None:
    """The value of a spelled number ending in the ordinal at ``j`` ("two hundredth",
    "twenty-first"); None when the ordinal does not continue it ("one fifth")."""
    w = tokens[j].low
    if w in ORDINAL_SCALES:  # "two hundredth", "a thousandth"
        return total + (current or 1) * ORDINAL_SCALES[w]
    if not seen or current % 10 == 0:  # "twenty-first", but "one-eighth" is a fraction
        if seen and ORDINALS[w] >= 10 and current % 100:
            return None
        return total + current + ORDINALS[w]
    return None


def _comma_goes_on(tokens: list[Token], j: int, current: float) -> bool:
    """ "three million, two hundred and forty": a spelled number goes on after a comma that
    follows a scale word of a thousand or more, when a smaller spelled number with a scale
    word of its own comes next (checked by the caller once it is read)."""
    return (
        j + 1 < len(tokens)
        and current == 0
        and tokens[j].text == ","
        and SCALES.get(tokens[j - 1].low, 0) >= 1000
        and tokens[j + 1].low in CARDINALS
    )


def _next_number_word(tokens: list[Token], j: int, total: float, current: float) -> int | None:
    """Where a spelled number goes on after the word before ``j``: past a joiner
    ("twenty-one", "two hundred and five"), at ``j``, or None where it stops ("one two")."""
    n = len(tokens)
    if j + 1 < n and tokens[j].text in ("-", "–"):
        nxt = tokens[j + 1].low
        # a hyphen joins tens and units ("fifty-two", "fifty - two", "twenty-first"), or a
        # glued scale ("one-hundred"); not "three-two", "one-two" (a score, a finish)
        unit = CARDINALS.get(nxt, ORDINALS.get(nxt, 0))
        if current % 100 >= 20 and current % 10 == 0 and 0 < unit < 10:
            return j + 1
        if glued(tokens, j) and glued(tokens, j + 1) and SCALES.get(nxt, 0) >= 100:
            return j + 1
    if (
        j + 1 < n
        and tokens[j].low in ("and", "&")
        and (tokens[j + 1].low in CARDINALS or tokens[j + 1].low in ORDINALS)
        and (current >= 100 or total)
        and not _fraction_after(tokens, j + 2, CARDINALS.get(tokens[j + 1].low, 0.0))
    ):
        return j + 1
    if j < n and tokens[j].low in CARDINALS and tokens[j - 1].low in CARDINALS:
        # "twenty five" but not "one two"
        prev = CARDINALS[tokens[j - 1].low]
        if not (prev >= 20 and prev % 10 == 0 and CARDINALS[tokens[j].low] < 10):
            return None
    return j


def _hyphened_word(tokens: list[Token], k: int) -> bool:
    """True when token ``k`` is a hyphen glued to a word after it ("B-Free", "A-shares")."""
    return (
        tokens[k].text == "-"
        and k + 1 < len(tokens)
        and glued(tokens, k + 1)
        and tokens[k + 1].is_word
    )


def _scale_after(tokens: list[Token], j: int, amount: Amount) -> None:
    """Apply scale words / glued abbreviations after the amount ("1.2 billion", "3bn",
    "three dozen")."""
    n = len(tokens)
    if (
        j + 1 < n
        and tokens[j].text == "-"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and (
            SCALES.get(tokens[j + 1].low, 0) >= 1e6
            or (
                len(tokens[j + 1].text) > 1
                and SCALE_ABBREVIATIONS.get(tokens[j + 1].text, 0) >= 1e6
            )
        )
    ):
        j += 1  # "a 17-million population", wire copy's "a 23-mln-dlr partnership"
    while j < n:
        t = tokens[j]
        if t.low in SCALES and not (j + 1 < n and tokens[j + 1].low == "of" and amount.words):
            amount.value *= SCALES[t.low]
            amount.scale *= SCALES[t.low]
            j += 1
            continue
        if t.low in _DOZENS and amount.scale == 1:  # "three dozen", "3 dozens"
            amount.value *= 12
            j += 1
            break
        abbr = SCALE_ABBREVIATIONS.get(t.text)
        if (
            abbr
            and t.text not in ("m", "b", "T", "K")
            and (glued(tokens, j) or len(t.text) > 1 or t.text in ("B", "M"))
        ):
            # a letter that starts a longer word or name ("5 Broadway", "2009 M2") is no scale,
            # nor a letter apart from the number and hyphened to a word: a share class
            # ("500,000 B-Free shares"; "$5B-worth" is glued, a scale)
            if j + 1 < n and glued(tokens, j + 1) and (
                tokens[j + 1].is_word
                or tokens[j + 1].is_digit
                or (len(t.text) == 1 and not glued(tokens, j) and _hyphened_word(tokens, j + 1))
            ):
                break
            amount.value *= abbr
            amount.scale *= abbr
            j += 1
        elif (
            t.text in ("b", "K")
            and glued(tokens, j)
            and amount.value < 1000
            and not (t.text == "K" and speaks_of_temperature(tokens))  # "573.15K": kelvin
        ):
            amount.value *= SCALE_ABBREVIATIONS[t.text]
            amount.scale *= SCALE_ABBREVIATIONS[t.text]
            j += 1
        break
    amount.j = j


def _fraction_after(tokens: list[Token], j: int, numerator: float) -> tuple[float, int] | None:
    """A fraction word after a numerator: "a third of", "two-thirds", "three quarters",
    "one fifth." -- a singular denominator after "a"/"one" needs "of" or the end of the
    phrase, so "a fifth straight win" stays an ordinal."""
    n = len(tokens)
    k = j
    hyphen = k < n and tokens[k].text in ("-", "–") and (glued(tokens, k) or tokens[k - 1].is_word)
    if hyphen:
        k += 1  # "two-thirds", "five - eighths"
    if k >= n or tokens[k].low not in FRACTIONS:
        return None
    word = tokens[k].low
    plural = word.endswith("s")
    nxt = tokens[k + 1] if k + 1 < n else None
    if _compound_at(tokens, k + 1):
        return None  # "a fourth-quarter charge", "a quarter-final": a compound word
    if numerator == 1:
        if plural:
            return None
        if (
            word != "half"
            and nxt is not None
            and nxt.is_word
            and nxt.low not in ("of", "and", "or")
            and not hyphen  # "by one-fifth if elected", "a one-third stake"
            and pos_tag(nxt) not in FINITE_VERB_TAGS  # "a quarter are": a subject
        ):
            return None
    elif not plural and word != "half":
        return None
    elif word == "quarters" and (nxt is None or nxt.low != "of") and (
        numerator >= FRACTIONS[word]
        or (not hyphen and _before_number(tokens, j) in _QUARTERS_OF_A_YEAR)
    ):
        # "four to six quarters", "over the next two quarters": quarters of a year, not a
        # fraction (but "three quarters", "five billion and three quarters" are)
        return None
    return numerator / FRACTIONS[word], k + 1


_QUARTERS_OF_A_YEAR = frozenset(NUMBERS["quarters_of_a_year"]["before"])


def _before_number(tokens: list[Token], j: int) -> str:
    """The word before the number that ends before token ``j`` ("next" in "the next one or
    two quarters"); "" at the start."""
    k = j - 1
    while k >= 0 and (tokens[k].is_digit or tokens[k].low in CARDINALS
                      or tokens[k].low in ("and", "or", "to", "-")):
        k -= 1
    return tokens[k].low if k >= 0 else ""


def _compound_at(tokens: list[Token], k: int) -> bool:
    """True when a hyphen at ``k`` glues the word before it to a word after it."""
    return (
        k + 1 < len(tokens)
        and tokens[k].text == "-"
        and glued(tokens, k)
        and glued(tokens, k + 1)
        and tokens[k + 1].is_word
    )


def _mixed_after(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """ "and a half", "and three quarters", "and a fifth" after a whole number; hyphenated
    too ("a three-and-a-half year contract")."""
    n = len(tokens)
    if j + 2 >= n:
        return None
    if tokens[j].low == "and":
        k = j + 1
    elif (tokens[j].text == "-" and j + 4 < n and tokens[j + 1].low == "and"
          and tokens[j + 2].text == "-" and all(glued(tokens, g) for g in range(j, j + 4))):
        k = j + 3  # its fraction is glued by a hyphen too: "-a-half"
    else:
        return None
    if tokens[k].low in ("a", "an", "one"):
        return _fraction_after(tokens, k + 1, 1)
    if tokens[k].low in CARDINALS:
        return _fraction_after(tokens, k + 1, CARDINALS[tokens[k].low])
    return None


_DETERMINERS_AFTER_HALF = frozenset(GRAMMAR["words"]["half_before"])
_SPANS_AFTER_OF = frozenset(NUMBERS["words"]["spans_after_of"])
# "the first half of 2009", "a half": a period or a noun, not the number 0.5
_NOT_BEFORE_HALF = frozenset(GRAMMAR["words"]["not_before_half"])
# "1 in 10 years", "5 in 100 %": no ratio before these
_NOT_RATIO = frozenset(GRAMMAR["words"]["not_after_ratio"])
_DOZENS = frozenset(NUMBERS["words"]["dozens"])
_COLLECTIVES_BEFORE_OF = frozenset(NUMBERS["words"]["collectives_before_of"])
_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]+)?")
_TIMES = frozenset(["×", "x", "X", "*", "·"])
_MINUS = frozenset(["-", "−", "–"])


def _signed_integer(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """An exponent glued on at ``k``, with its sign: "-3", "+14", "5"."""
    n = len(tokens)
    sign = 1
    if k < n and tokens[k].text in ("+", *_MINUS) and glued(tokens, k):
        sign = -1 if tokens[k].text in _MINUS else 1
        k += 1
    if k < n and tokens[k].is_digit and glued(tokens, k) and tokens[k].text.isdigit():
        return sign * int(tokens[k].text), k + 1
    return None


def _exponent(tokens: list[Token], j: int) -> tuple[float, int, int] | None:
    """Scientific notation after a mantissa, as (base, exponent, index after): "e14", "e-3",
    "×10−5", "x10^-3"; a power of another base needs its caret: "8x2^10", "5×2^-3"."""
    n = len(tokens)
    if j >= n or not glued(tokens, j):
        return None
    t = tokens[j]
    if t.low == "e":
        # "4e14", "1.5E-3"; but "7E7" (a whole number, a capital E, no sign) is a name
        whole = tokens[j - 1].text.isdigit()
        if t.text == "E" and whole and not (j + 1 < n and tokens[j + 1].text in "+-−"):
            return None
        got = _signed_integer(tokens, j + 1)
        return (10.0, *got) if got else None
    if t.text in _TIMES and j + 1 < n and tokens[j + 1].is_digit \
            and tokens[j + 1].text.isdigit():  # ASCII digits: "²" is a digit to isdigit
        base = int(tokens[j + 1].text)
        k = j + 2
        caret = k < n and tokens[k].text == "^" and glued(tokens, k)
        if caret:
            k += 1
        if not (caret or base == 10) or base < 2:
            return None  # "3x4": a dimension, not a power
        got = _signed_integer(tokens, k)
        return (float(base), *got) if got and abs(got[0]) < 300 else None
    return None


# after "a" / "an" only these start an amount: "a dozen", "a million", "a third", "a-half"
_AFTER_A = (
    frozenset(COLLECTIVES)
    | VAGUE_DETERMINERS
    | frozenset(SCALES)
    | frozenset(FRACTIONS)
    | frozenset(ORDINAL_SCALES)
    | frozenset(ORDINALS)
    | frozenset(w for w, v in CARDINALS.items() if v >= 20)  # "a twenty-first"
    | {"-", "–"}
    | ONE_UNIT_STARTS  # "a gallon of", "a kilometre away"
)


def may_start_number(tokens: list[Token], i: int) -> bool:
    """Cheap test for the commonest tokens ``parse_number`` reads and seldom takes: False for
    an "a" or "an" before no collective, scale or fraction word, and for a "." before no
    digits (".500"); True for any other token."""
    t = tokens[i]
    if t.low in ARTICLES:
        return i + 1 < len(tokens) and tokens[i + 1].low in _AFTER_A
    if t.text == ".":
        return i + 1 < len(tokens) and tokens[i + 1].is_digit
    return True


def parse_number(tokens: list[Token], i: int) -> Amount | None:
    """The amount starting at token ``i``, or None when the token starts no number."""
    amount = _parse_number(tokens, i)
    if amount is not None and not amount.ordinal and amount.high is None:
        if amount.j < len(tokens) and tokens[amount.j].low in _RATIO_LINKS:
            ratio = _ratio_after(tokens, amount)
            if ratio is not None:
                return ratio
        if amount.fraction:
            _fraction_of_scale(tokens, amount)
    return amount


def _fraction_of_scale(tokens: list[Token], amount: Amount) -> None:
    """A fraction of a scale word is a number: "a quarter of a million" 250,000,
    "three-quarters of a billion dollars" 750,000,000, "two thirds of one million", "three
    quarters billion"."""
    n = len(tokens)
    j = amount.j
    if j + 2 < n and tokens[j].low == "of" and tokens[j + 1].low in _ONE_WORDS:
        j += 2
    elif j == amount.j and not (j < n and amount.words):
        return  # "3/4 million" is rare; "3/4 of a million" reads
    if j >= n or SCALES.get(tokens[j].low, 0) < 1000:
        return
    scale = SCALES[tokens[j].low]
    amount.value *= scale
    amount.scale = scale
    amount.fraction = False
    amount.j = j + 1


_ONE_WORDS = frozenset(["a", "an", "one"])
# The words a ratio goes on with after its first number: "one in five", "two out of five".
_RATIO_LINKS = frozenset(["in", "of", "over", "out"])


_SEQUENCE_WORDS = frozenset(GRAMMAR["identifiers"]["spelled_after"])


def _ratio_after(tokens: list[Token], amount: Amount) -> Amount | None:
    """ "one in five adults", "1 in 4": a ratio, read as the fraction it states."""
    n = len(tokens)
    j = amount.j
    if j + 2 < n and tokens[j].low == "out" and tokens[j + 1].low == "of":
        j += 1  # "two out of five": as "two in five"
    over = j + 1 < n and tokens[j].low == "over" and j == amount.j
    if amount.i > 0 and tokens[amount.i - 1].low in _SEQUENCE_WORDS:
        return None  # "round four in eight attempts": a stage, then a count
    if not (
        j + 1 < n
        and tokens[j].low in ("in", "of", "over")
        and (tokens[j].low == "in" or j > amount.j or over)
        and amount.value >= 1
        and amount.scale == 1
        and amount.value.is_integer()
    ):
        return None
    k = j + 1
    t = tokens[k]
    if t.is_digit:
        den = digit_value(t.text)
        e = k + 1
    elif t.low in CARDINALS:
        got = _word_number(tokens, k)
        den, e = (got.value, got.j) if got and not got.ordinal else (None, k)
    else:
        return None
    if not den or den < amount.value or den > 1000 or (e < n and tokens[e].low in _NOT_RATIO):
        return None
    if over and (e < n and (tokens[e].is_word or tokens[e].is_digit)):
        return None  # "1 over 3" ends a phrase; "5 over 3 years" is no fraction
    return Amount(amount.i, e, amount.value / den, words=amount.words, fraction=True)


def _parse_number(tokens: list[Token], i: int) -> Amount | None:
    """The amount at token ``i`` before any ratio: by what the token is."""
    t = tokens[i]
    if t.is_digit:
        return _digit_amount(tokens, i)
    if t.text in VULGAR:  # "½ teaspoon"
        return Amount(i, i + 1, VULGAR[t.text], fraction=True)
    if t.text == ".":
        return _point_amount(tokens, i)
    if not t.is_word:
        return None
    return _word_amount(tokens, i)


# ----------------------------------------------------------------------------- in digits
def _digit_amount(tokens: list[Token], i: int) -> Amount | None:
    """Digits and what is glued on or written after them: "10 000", "4e14", "3/4",
    "2 1/2", "2½", "2 and a half million", "1.5 billion", "3bn"."""
    value = digit_value(tokens[i].text)
    if value is None:
        return None
    amount = Amount(i, i + 1, value)
    if i + 1 == len(tokens) or _ends_digits(tokens[i + 1]):
        return amount  # most digits: "5%", "in 2004.", "20 cars" (nothing below applies)
    j = _si_groups(tokens, i, amount)
    exp = _exponent(tokens, j)
    if exp and abs(exp[1]) < 300:  # "4e14", "1.99×10−30", "8x2^10"
        amount.value = value * exp[0] ** exp[1]
        amount.j = exp[2]
        return amount
    if (
        _quote_pair(tokens, j, amount)
        or _slash_fraction(tokens, j, amount, value)
        or _power(tokens, j, amount)
    ):
        return amount
    j = _fraction_part(tokens, j, amount)
    mixed = _mixed_after(tokens, j)  # "2 and a half million"
    if mixed:
        amount.value += mixed[0]
        j = mixed[1]
    _scale_after(tokens, j, amount)  # "1.5 billion", "3bn"
    if amount.scale > 1 and amount.j < len(tokens) and tokens[amount.j].low == "and":
        mixed = _mixed_after(tokens, amount.j)  # "3 million and a half"
        if mixed:
            _add_mixed(tokens, amount, mixed)
    _rest_after_scale(tokens, amount)
    return amount


# Tokens after digits that a step of ``_digit_amount`` reads: SI groups and fractions
# (digits), exponents ("e", "×"), "/", "^", hyphens, vulgar fractions, "and a half", scale
# words and abbreviations.
_GOES_ON_TEXTS = (
    frozenset(["/", "^", "-", "–", "b", "K"])
    | _TIMES
    | frozenset(VULGAR)
    | frozenset(SCALE_ABBREVIATIONS)
)
_GOES_ON_LOWS = frozenset(["e", "and"]) | frozenset(SCALES) | _DOZENS


def _ends_digits(t: Token) -> bool:
    """True when the token after the digits starts nothing ``_digit_amount`` reads on: the
    cheap exit for most amounts (every step after the digits would leave them as they are)."""
    return not (t.is_digit or t.low in _GOES_ON_LOWS or t.text in _GOES_ON_TEXTS)


def _rest_after_scale(tokens: list[Token], amount: Amount) -> None:
    """ "3 hundred and 21", "4 thousand 3 hundred and 21": digits and a scale word that a
    smaller number goes on from."""
    n = len(tokens)
    k = amount.j
    # only after "hundred" and "thousand": "5 million and 300 jobs" are two figures
    if amount.scale not in (100.0, 1000.0) or k >= n or not tokens[k - 1].is_word:
        return
    if tokens[k].low == "and":
        k += 1
    if k >= n or not (tokens[k].is_digit or tokens[k].low in CARDINALS):
        return
    if tokens[k].is_digit and not tokens[k].text.isdigit():
        return
    rest = _digit_amount(tokens, k) if tokens[k].is_digit else _word_number(tokens, k)
    if rest is None or rest.ordinal or not 0 <= rest.value < amount.scale:
        return
    amount.value += rest.value
    amount.j = rest.j


def _power(tokens: list[Token], j: int, amount: Amount) -> bool:
    """ "1.1^23", "2.5^-1": a power written with a caret; True when ``amount`` became it."""
    n = len(tokens)
    if not (j + 1 < n and tokens[j].text == "^" and glued(tokens, j)):
        return False
    k = j + 1
    sign = 1
    while k < n and tokens[k].text in ("+", *_MINUS) and glued(tokens, k):
        sign *= -1 if tokens[k].text in _MINUS else 1
        k += 1
    if not (k < n and tokens[k].is_digit and glued(tokens, k) and tokens[k].text.isdigit()):
        return False
    exp = sign * int(tokens[k].text)
    if abs(exp) > 300 or amount.value == 0:
        return False
    amount.value = amount.value**exp
    amount.j = k + 1
    return True


def _si_groups(tokens: list[Token], i: int, amount: Amount) -> int:
    """Digit groups after the first, spaced as the SI writes them ("10 000", "1 234 567.89"):
    joined into ``amount``; the index after them."""
    n = len(tokens)
    text = tokens[i].text
    j = i + 1
    if not (len(text) <= 3 and text.isdigit()):
        return j
    while (
        j < n
        and tokens[j].is_digit
        and _GROUP.fullmatch(tokens[j].text)
        and tokens[j].start == tokens[j - 1].end + 1
        and "." not in text
        and not (j + 1 < n and glued(tokens, j + 1) and tokens[j + 1].text in "-/")
    ):
        text += tokens[j].text
        j += 1
    if j > i + 1:
        amount.value = float(text)
        amount.j = j
    return j


def _quote_pair(tokens: list[Token], j: int, amount: Amount) -> bool:
    """A bid/offer quote that writes only the last decimals of its second price: "6.64/66
    dlrs an ounce" is 6.64 to 6.66, "1.5820/30" 1.5820 to 1.5830; "401.50/402.00" both."""
    n = len(tokens)
    text = tokens[j - 1].text if j > 0 else ""
    if not (
        j + 1 < n
        and j == amount.i + 1
        and tokens[j].text == "/"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and tokens[j + 1].is_digit
        and "." in text
        and not (j + 2 < n and tokens[j + 2].text == "/" and glued(tokens, j + 2))
    ):
        return False
    whole, decimals = text.replace(",", "").split(".", 1)
    tail = tokens[j + 1].text.replace(",", "")
    if not (whole.isdigit() and decimals.isdigit()):
        return False
    if "." in tail:  # "401.50/402.00 dlrs": both prices written whole
        high = digit_value(tail) or 0.0
        if high > amount.value * 1.1:
            return False
    elif len(tail) <= len(decimals):  # "1.5820/30": the last decimals of the offer
        high = float(f"{whole}.{decimals[: len(decimals) - len(tail)]}{tail}")
        if high < amount.value and len(decimals) >= 2 and tail.strip("0") != "1":
            # (not "2.9/1", a ratio, nor "scored 8.75/10", a rating)
            # the offer rolls over the next figure ("1.6190/00 dlrs" is 1.6190 to 1.6200),
            # or the rate is quoted offer first ("6.40/30 pct" is 6.30 to 6.40): the
            # reading with the narrower spread
            rolled = round(high + 10.0 ** -(len(decimals) - len(tail)), len(decimals))
            if rolled - amount.value < amount.value - high:
                high = rolled
            else:
                amount.value, high = high, amount.value
    else:
        return False
    if high <= amount.value:
        return False
    amount.high, amount.j = high, j + 2
    return True


def _slash_fraction(tokens: list[Token], j: int, amount: Amount, value: float) -> bool:
    """ "3/4", "-4/5", "1/40 of the wavelength" (not dates such as "3/4/2019" or "9/11"):
    True when ``amount`` became the fraction."""
    n = len(tokens)
    if not (
        j + 1 < n
        and tokens[j].text == "/"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and tokens[j + 1].is_digit
        and not (j + 2 < n and tokens[j + 2].text == "/" and glued(tokens, j + 2))
    ):
        return False
    den = digit_value(tokens[j + 1].text)
    of = j + 2 < n and tokens[j + 2].low == "of"  # "1/40 of the wavelength"
    # 32nds and 64ths of whole numbers: bond prices and quotes ("7/32 lower", "25/32 pct"),
    # chokes ("a 14/64 inch choke"); never a day or a month
    wire = den in (32, 64) and value.is_integer() and (
        amount.i == 0 or tokens[amount.i - 1].text != "-")  # "97- 12/32" is no range
    if den and (den in (2, 3, 4, 5, 8, 10, 16) or wire or (of and den <= 1000)) and value < den:
        amount.value = value / den
        amount.j = j + 2
        amount.fraction = True
        return True
    return False


def _fraction_part(tokens: list[Token], j: int, amount: Amount) -> int:
    """A fraction after a whole number, "2 1/2" or "2½", added to ``amount``; the index
    after it."""
    n = len(tokens)
    hyphen = (
        j + 3 < n
        and tokens[j].text == "-"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and tokens[j + 1].is_digit
        and tokens[j + 2].text == "/"
        and glued(tokens, j + 2)
        and glued(tokens, j + 3)
        and amount.value == int(amount.value)
    )
    if hyphen:
        j += 1  # "13-1/2 cts", "44-4/9 shares": wire copy joins a whole and a fraction
    if (
        j + 2 < n
        and tokens[j].is_digit
        and (not glued(tokens, j) or tokens[j - 1].text == "-")
        and tokens[j + 1].text == "/"
        and glued(tokens, j + 1)
        and glued(tokens, j + 2)
        and tokens[j + 2].is_digit
    ):
        num, den = digit_value(tokens[j].text), digit_value(tokens[j + 2].text)
        if num is not None and den and num < den and (den in (2, 3, 4, 8, 16) or hyphen):
            amount.value += num / den
            j += 3
    elif j < n and tokens[j].text in VULGAR and glued(tokens, j):
        amount.value += VULGAR[tokens[j].text]
        j += 1
    return j


def _point_amount(tokens: list[Token], i: int) -> Amount | None:
    """A decimal written from its point: ".500 record"."""
    n = len(tokens)
    if (
        i + 1 < n
        and tokens[i + 1].is_digit
        and glued(tokens, i + 1)
        and (i == 0 or not glued(tokens, i))
        and tokens[i + 1].text.isdigit()
    ):
        return Amount(i, i + 2, float("." + tokens[i + 1].text))
    return None


# ----------------------------------------------------------------------------- in words
def _word_amount(tokens: list[Token], i: int) -> Amount | None:
    """An amount in words: a part, a multiple, an article before a collective, scale or
    fraction, a vague plural, or a spelled-out number."""
    low = tokens[i].low
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if low in PARTS:
        return _part_amount(tokens, i, nxt)
    if low in MULTIPLES:
        return Amount(i, i + 1, MULTIPLES[low], words=True)
    if low in ARTICLES:
        return _article_amount(tokens, i, nxt)
    if low in VAGUE:
        return _vague_amount(tokens, i, nxt)
    if low in VAGUE_DETERMINERS:
        return _some_of_scale(tokens, i)
    if low in MULTI_SCALES or low == "multi":
        return _multi_scale(tokens, i)
    return _spelled_amount(tokens, i)


def _multi_scale(tokens: list[Token], i: int) -> Amount | None:
    """ "a multimillion dlr fraud suit", "multi-billion dollar listings": many of a scale, a
    low..high range, when the currency follows (not "multi-million selling albums")."""
    n = len(tokens)
    j = i + 1
    key = tokens[i].low
    if key == "multi":
        if not (i + 2 < n and tokens[i + 1].text == "-" and glued(tokens, i + 1)
                and glued(tokens, i + 2)):
            return None
        key, j = key + tokens[i + 2].low, i + 3
        if key not in MULTI_SCALES:
            return None
    k = j + 1 if j < n and tokens[j].text == "-" and glued(tokens, j) else j
    if k >= n or tokens[k].low not in _MONEY_NAMES:
        return None
    lo, hi = MULTI_SCALES[key]
    return Amount(i, k, lo, hi, words=True, scale=lo)  # (with the hyphen: "multimillion-pound")


# The words of currency names, singular and plural ("dollar", "dlrs", "pounds", "euro").
_MONEY_NAMES = frozenset(
    w for spec in CURRENCIES.values() for name in spec.get("names", []) for w in (
        name.split()[-1], name.split()[-1] + "s") if w.isalpha()
)


def _part_amount(tokens: list[Token], i: int, nxt: str) -> Amount | None:
    """ "half a million", "half a dozen", "half million", "half the condos", "half of"."""
    n = len(tokens)
    low = tokens[i].low
    part = PARTS[low]
    k = i + 1
    if nxt in ARTICLES:
        k += 1
    after = tokens[k].low if k < n else ""
    if after in SCALES or after == "dozen":
        size = SCALES.get(after, 12.0)
        return Amount(i, k + 1, part * size, words=True, scale=SCALES.get(after, 1.0))
    prev = tokens[i - 1].low if i > 0 else ""
    if i + 1 < n and tokens[i + 1].text == "-" and glued(tokens, i + 1):
        return None  # "a half-decent mark", "half-time"
    if low == "half" and nxt in _DETERMINERS_AFTER_HALF and prev not in _NOT_BEFORE_HALF:
        return Amount(i, i + 1, 0.5, words=True, fraction=True)
    return None


def _article_amount(tokens: list[Token], i: int, nxt: str) -> Amount | None:
    """ "a dozen", "a couple of", "a million", "a hundred and two", "a third of"."""
    n = len(tokens)
    if nxt in COLLECTIVES and (nxt != "couple" or (i + 2 < n and tokens[i + 2].low == "of")):
        if nxt in _COLLECTIVES_BEFORE_OF and not (i + 2 < n and tokens[i + 2].low == "of"):
            return None
        amount = Amount(i, i + 2, COLLECTIVES[nxt], words=True)
        if i + 3 < n and tokens[i + 2].low == "of" and tokens[i + 3].low in _SPANS_AFTER_OF:
            amount.j = i + 3  # "a couple of years ago": a time span, its unit after "of"
            return amount
        _scale_after(tokens, i + 2, amount)
        return amount
    if nxt in SCALES:  # "a hundred and two", "a million"
        amount = _word_number(tokens, i)
        if amount is not None and not amount.ordinal:
            over = _over_ordinal(tokens, amount)  # "a hundred trillionths"
            if over is not None:
                return over
        if amount is not None:
            amount.scale = 1.0 if nxt == "hundred" else SCALES[nxt]
            _scale_after(tokens, amount.j, amount)
        return amount
    if nxt in VAGUE_DETERMINERS and i + 2 < n and tokens[i + 2].low in SCALES:
        some = _some_of_scale(tokens, i + 1)  # "a few hundred"
        if some is not None:
            some.i = i
        return some
    if (
        nxt == "half"
        and i + 3 < n
        and tokens[i + 2].text == "-"
        and glued(tokens, i + 2)
        and tokens[i + 3].low == "dozen"
    ):
        return Amount(i, i + 4, 6.0, words=True)  # "a half-dozen ships"
    frac = _fraction_after(tokens, i + 1, 1)
    if frac and frac[1] < n and tokens[frac[1]].low == "dozen":
        return Amount(i, frac[1] + 1, frac[0] * 12, words=True)  # "a half dozen ships"
    if frac:
        return Amount(i, frac[1], frac[0], words=True, fraction=True)
    if nxt in ONE_UNIT_STARTS and one_unit_after(tokens, i + 1):
        return Amount(i, i + 1, 1.0, words=True)  # "a gallon of beer": one gallon
    return _over_ordinal(tokens, Amount(i, i + 1, 1.0, words=True))  # "a hundredth"


def _some_of_scale(tokens: list[Token], i: int) -> Amount | None:
    """ "several hundred", "(a) few thousand", "several hundred thousand": one to ten of the
    scale words after ``i``, a low..high range (None when no scale word follows)."""
    j = i + 1
    low = 1.0
    while j < len(tokens) and tokens[j].low in SCALES:
        low *= SCALES[tokens[j].low]
        j += 1
    if j == i + 1:
        return None
    return Amount(i, j, low, low * 10, words=True, scale=low if low >= 1000 else 1.0)


def _vague_amount(tokens: list[Token], i: int, nxt: str) -> Amount | None:
    """ "tens of thousands of", "dozens of", "hundreds of millions of": a low..high range;
    and one standing for its people or things: "Thousands marched", "infecting millions"."""
    if nxt != "of":
        return _vague_alone(tokens, i)
    n = len(tokens)
    lo, hi = VAGUE[tokens[i].low]
    j = i + 2
    if j + 1 < n and tokens[j].low in VAGUE and tokens[j + 1].low == "of" and lo < 1000:
        lo2 = VAGUE[tokens[j].low][0]
        lo, hi = lo * lo2, hi * lo2
        j += 2
    return Amount(i, j - 1, lo, hi, words=True)


def _vague_alone(tokens: list[Token], i: int) -> Amount | None:
    """ "Thousands marched", "Hundreds were injured", "infecting millions.": a vague plural
    as the subject of a verb after it, or as the object of a verb before it at the end of a
    phrase; not "scores were level" nor "figures in thousands"."""
    low = tokens[i].low
    if low not in _VAGUE_ALONE:
        return None
    n = len(tokens)
    nxt = tokens[i + 1] if i + 1 < n else None
    prev = tokens[i - 1] if i > 0 else None
    who = nxt is not None and nxt.low in RELATIVE_PERSONS  # "the millions who are suffering"
    if prev is not None and prev.low in ("in", "of", "the", "by") and not who:
        return None  # "figures in thousands", "the thousands": a scale or a noun
    subject = who or (nxt is not None and nxt.is_word and pos_tag(nxt) in FINITE_VERB_TAGS)
    obj = (
        prev is not None
        and prev.is_word
        and pos_tag(prev)[:2] == "VB"
        and (nxt is None or not (nxt.is_word or nxt.is_digit))
    )
    if not (subject or obj):
        return None
    lo, hi = VAGUE[low]
    return Amount(i, i + 1, lo, hi, words=True)


_VAGUE_ALONE = frozenset(NUMBERS["vague_alone"]["words"])


def _spelled_amount(tokens: list[Token], i: int) -> Amount | None:
    """A spelled-out number with its fraction, mixed part and scale: "two-thirds", "two and
    a half", "seventy thousand"."""
    amount = _word_number(tokens, i)
    if amount is None:
        return None
    if amount.ordinal:
        return amount
    frac = _fraction_after(tokens, amount.j, amount.value)
    if frac and amount.scale == 1:
        return Amount(i, frac[1], frac[0], words=True, fraction=True)
    over = _over_ordinal(tokens, amount)
    if over is not None:
        return over
    j = _point_decimals(tokens, amount.j, amount)  # "five point five"
    mixed = _mixed_after(tokens, j)  # "two and a half", "one hundred and three quarters"
    if mixed:
        j = _add_mixed(tokens, amount, mixed)
    _scale_after(tokens, j, amount)
    return amount


_NOT_DENOMINATORS = frozenset(["second", "seconds"])  # "three seconds" is a duration


def _singular_ordinal(low: str) -> str | None:
    """ "fifths" -> "fifth", "trillionths" -> "trillionth"; None when no ordinal."""
    if low in _NOT_DENOMINATORS:
        return None
    if low in ORDINALS or low in ORDINAL_SCALES:
        return low
    if low.endswith("s") and (low[:-1] in ORDINALS or low[:-1] in ORDINAL_SCALES):
        return low[:-1]
    return None


def _denominator(tokens: list[Token], k: int) -> tuple[float, int, bool] | None:
    """A spelled ordinal at ``k`` read as a denominator: "fifths", "twenty-first", "one
    hundred fifth", "trillionths": (value, index after, plural)."""
    n = len(tokens)
    e = k
    while e < n and _singular_ordinal(tokens[e].low) is None:
        t = tokens[e]
        if not (t.low in CARDINALS or t.low in SCALES or t.low == "and" or t.text in ("-", "–")):
            return None
        e += 1
        if e - k > 6:
            return None
    if e >= n:
        return None
    word = _singular_ordinal(tokens[e].low)
    assert word is not None
    view = [*tokens[:e], Token(word, word, tokens[e].start, tokens[e].end, False, True)]
    if e == k:
        value = ORDINALS.get(word) or ORDINAL_SCALES[word]
        return float(value), e + 1, word != tokens[e].low
    got = _word_number(view, k)
    if got is None or not got.ordinal or got.j != e + 1:
        return None
    return got.value, e + 1, word != tokens[e].low


def _over_ordinal(tokens: list[Token], amount: Amount) -> Amount | None:
    """A spelled fraction with an ordinal denominator: "one twenty-fifth", "three
    twenty-firsts", "one hundred thirty fifths" (100/35), "a hundred trillionths"."""
    n = len(tokens)
    j = amount.j
    den = _denominator(tokens, j)
    if den is None:
        return None
    value, e, plural = den
    if _compound_at(tokens, e):
        return None  # "a fourth-quarter charge"
    num = amount.value
    if num > 1 and not plural:
        return None  # "two hundredth" is an ordinal, read already
    if (
        num <= 1
        and not plural
        and e < n
        and tokens[e].is_word
        and tokens[e].low not in ("of", "and", "or")
        and not _a_share_there(tokens, amount.i, e)
    ):
        return None  # "a fifth straight win", "one second chance"
    last = tokens[j - 1].low
    tens = CARDINALS.get(last, 0)
    if (
        value < 10
        and 20 <= tens < 100
        and tens % 10 == 0
        and j - amount.i >= 2
        and tokens[j - 2].low != "and"
    ):
        num, value = num - tens, value + tens  # "one hundred thirty fifths": 100 / 35
    if not value or not num:
        return None
    return Amount(amount.i, e, num / value, words=True, fraction=True)


BEFORE_A_SHARE = frozenset(GRAMMAR["words"]["before_a_share"])
# Verbs before "by a third", "to a third" that make it the size of a change or a level
_SHARE_VERBS = frozenset(
    w
    for key in ("up", "down", "by_up", "by_down")
    for w in GRAMMAR["changes"][key]
    if " " not in w
) | frozenset(GRAMMAR["words"]["share_limits"])
_NOUN_TAGS = ("NN", "JJ", "VB")


def _share_verb_before(tokens: list[Token], k: int) -> bool:
    """Whether a change verb (or "limited", "capped") stands in the six words before token
    ``k`` with no punctuation between: "cut its exports by a third", "limited to a third"."""
    for x in range(k - 1, max(-1, k - 9), -1):
        if tokens[x].text == "-":
            continue  # "its non-oil exports"
        if not tokens[x].is_word:
            return False
        if tokens[x].low in _SHARE_VERBS:
            return True
    return False


def _a_share_there(tokens: list[Token], i: int, e: int) -> bool:
    """Whether "a third" at ``i`` (ending at ``e``) is a share, not a place, by the word
    before it ("up from a third two years ago", "by nearly a third in the year", "against
    about a third in recent years"), unless a noun follows ("by a third party", "to a third
    country", "despite a third Six Nations win" reads as a place: its word before is none of
    these)."""
    if i == 0 or tokens[i - 1].low not in BEFORE_A_SHARE:
        return False
    if tokens[i - 1].low in ("by", "to") and not _share_verb_before(tokens, i - 1):
        return False  # "followed by a third", "from two teams to a third": the next one
    t = tokens[e]
    tag = pos_tag(t)
    return t.low in ("last", "next", "this") or tag in ("JJR", "RBR") or tag[:2] not in _NOUN_TAGS


_DIGIT_WORDS = {w: int(v) for w, v in CARDINALS.items() if v < 10}


def _point_decimals(tokens: list[Token], j: int, amount: Amount) -> int:
    """ "two hundred point zero three", "nine point nought four", "point seventy-one": the
    decimals of a spelled number, added to ``amount``; the index after them."""
    n = len(tokens)
    if not (j + 1 < n and tokens[j].low == "point" and tokens[j + 1].low in CARDINALS):
        return j
    k = j + 1
    digits_ = ""
    while k < n and tokens[k].low in _DIGIT_WORDS and (k == j + 1 or digits_):
        digits_ += str(_DIGIT_WORDS[tokens[k].low])
        k += 1
    if len(digits_) <= 1:  # "point seventy-one", "point eleven": a number after the point
        got = _word_number(tokens, j + 1)
        if got is None or got.ordinal or got.value >= 1000 or not got.value.is_integer():
            return j
        digits_, k = str(int(got.value)), got.j
    amount.value = float(f"{int(amount.value)}.{digits_}")
    amount.j = k
    return k


def _add_mixed(tokens: list[Token], amount: Amount, mixed: tuple[float, int]) -> int:
    """Add "and a half" to ``amount``, scaled like it: "two and a half" 2.5, "one million and
    a half" 1,500,000, "one billion and a half million" 1,000,500,000."""
    frac, j = mixed
    scale = amount.scale
    if j < len(tokens) and tokens[j].low in SCALES and SCALES[tokens[j].low] < scale:
        scale = SCALES[tokens[j].low]  # "and a half million"
        j += 1
    amount.value += frac * scale
    amount.j = j
    return j
