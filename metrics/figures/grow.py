"""Growing an amount into a mention: what is written around the digits.

Before it: a minus sign and a currency prefix ("-5", "US$5", "HK $3.7bn"). After it: an
ordinal suffix ("60th"), a scale letter ("$5m"), a decade ("1990s"), a stated uncertainty,
a percent sign, currency name or unit ("5 km", "966m rupees"), a rate ("$58.24 per
barrel"). Digits that are part of a name ("COVID-19", "Boeing 737") become identifiers.
"""

from __future__ import annotations

from metrics.figures.amounts import Amount, parse_number
from metrics.figures.context import CHANGES, QUALIFIERS
from metrics.figures.lexicon import (
    ARTICLES,
    CARDINALS,
    GRAMMAR,
    MONTHS,
    ORDINAL_SUFFIXES,
    PARTS,
    SCALES,
    SIGNS,
)
from metrics.figures.mention import (
    COUNT,
    IDENTIFIER,
    MONEY,
    ORDINAL,
    PERCENT,
    QUANTITY,
    YEAR,
    Mention,
)
from metrics.figures.nouns import FINITE_VERB_TAGS, LEX, noun_phrase, pos_tag
from metrics.figures.tokens import Token, digits, glued, in_eighths, match_forward
from metrics.figures.units import (
    PREFIX_ENDS,
    SHARED_CURRENCY_WORDS,
    SYMBOL_CODES,
    US_AFTER,
    currency_before,
    plural_noun_follows,
    rate_after,
    shared_currency,
    unit_after,
)

ID_BEFORE = frozenset(GRAMMAR["identifiers"]["before"])


def is_name_word(tok: Token, first: bool) -> bool:
    """A capitalised word that names something ("Boeing", "FTSE", "iPhone"), not a sentence
    opener such as "In" or "Over"."""
    if not tok.is_word or not any(c.isupper() for c in tok.text):
        return False
    if tok.low in MONTHS or (tok.low,) in QUALIFIERS or (tok.low,) in CHANGES:
        return False
    if first:
        return tok.low in ID_BEFORE
    tag = LEX.get(tok.low)
    return not (tag and tag[:2] in ("IN", "DT", "CC", "RB", "PR", "TO", "WD", "WR", "MD", "CD"))



def grow(tokens: list[Token], amount: Amount) -> Mention:
    """Grow an amount into a mention: sign and currency before it; ordinal suffix, scale
    letter, decade, percent / currency name / unit and rate after it; then kind and unit."""
    m = Mention(amount.i, amount.j, amount.value, amount.high, amount=amount, core_i=amount.i)
    if not _sign_and_currency(tokens, m):
        return m  # digits glued to a name: "GEO1V"
    # each step below is called only when the token it reads can start it (the same tests
    # the steps open with, without a call for the most common tokens)
    n = len(tokens)
    j = amount.j
    if (amount.ordinal or (j < n and tokens[j].low in ORDINAL_SUFFIXES)) and _is_ordinal(
        tokens, amount
    ):  # "sixth", "60th"
        m.kind, m.j = ORDINAL, amount.j + (not amount.ordinal)
        if _ordinal_name(tokens, amount):
            m.kind = IDENTIFIER  # "First Interstate", "Third World": a name
        return m
    if j < n and tokens[j].text in _SCALE_LETTERS:
        j = _scale_letter(tokens, m, j)
    if j < n and tokens[j].text == "s" and glued(tokens, j) and _age_group(tokens, amount.i):
        m.kind, m.unit, m.measure, m.j = QUANTITY, "years", "age", j + 1  # "the over-70s"
        return m
    if j < n and tokens[j].text == "s" and _is_decade(tokens, amount.i, j):
        m.j = j + 1
        part = _in_ones_decade(tokens, amount.i)
        if part is not None:  # "a man in his 30s": aged 30 to 39; "her late 40s": 47 to 49
            low, high = _DECADE_PARTS[part]
            m.kind, m.unit, m.measure = QUANTITY, "years", "age"
            m.value, m.high = m.value + low, m.value + high
            if part:  # the surface starts at the word: "late 40s", "mid-40s"
                m.i = amount.i - (2 if tokens[amount.i - 1].text == "-" else 1)
        else:
            m.kind = YEAR  # "1990s", "the 80s"
            _decade_period(m)
        return m
    if (
        j + 1 < n
        and tokens[j].text in ("'", "’")
        and glued(tokens, j)
        and _is_decade(tokens, amount.i, j + 1)
        and not (amount.i > 0 and tokens[amount.i - 1].text[:1].isupper())  # "Band Aid 20's"
    ):
        m.kind, m.j = YEAR, j + 2  # "the 30's", "the 1990's"
        _decade_period(m)
        return m
    if m.high is not None and _vague_money(tokens, m, j):
        return m
    if j < n and tokens[j].text in ("±", "+"):
        j = _skip_uncertainty(tokens, j)
    if m.kind == COUNT and (amount.fraction or (0 < amount.value < 1 and not amount.words)):
        j = _of_a_unit(tokens, m, j)
    j = _unit_suffix(tokens, m, j)
    m.j = _rate_suffix(tokens, m, j)
    # identifiers: "COVID-19", "Boeing 737", "Section 427", "5G", "ID.3"
    if (
        m.kind == COUNT
        and not amount.words
        and (amount.scale == 1 or _letter_suffix(tokens, amount))
        and (
            _names(tokens, amount.i, m.j)
            or _model_number(tokens, m)
            or _name_after(tokens, m)
        )
        # "Chrysler Corp 1/8 to 4-5/8": a price (but "the 12-3/4s" name bonds by their rate)
        and not (in_eighths(tokens, amount.i, m.j) and not (
            m.j < n and tokens[m.j].low == "s" and glued(tokens, m.j)))
    ):
        m.kind = IDENTIFIER
        if m.j + 1 < n and tokens[m.j].text == "-" and m.j == m.i + 1 \
                and tokens[m.i].text.isdigit():
            m.j = _identifier_tail(tokens, m.j)  # "Liu Hua 11-1-1": one name
    elif m.kind == COUNT and amount.words and (
        _spelled_name(tokens, amount) or _in_sequence(tokens, m)
    ):
        m.kind = IDENTIFIER  # "Air Force One", "the Group of Seven", "round four": a name
    elif m.kind == COUNT and not amount.words and amount.scale == 1 and _slashed(tokens, m):
        m.kind, m.j = IDENTIFIER, m.j + 2  # "0/92", "24/7": one name
    if m.kind in (COUNT, IDENTIFIER) and m.high is None and _hyphen_model(tokens, m):
        m.kind, m.j = IDENTIFIER, m.j + 2  # "the 737-800", "four 747-400's"
    if m.kind == COUNT and _list_marker(tokens, m):
        m.kind = IDENTIFIER  # "facts: 1) If ...": a list marker
    if m.kind == MONEY and _letters_and_digit(tokens, m):
        m.kind, m.unit = IDENTIFIER, ""  # "PS2", "PS3": a product, not pounds
    if (
        amount.words
        and amount.i > 0
        and tokens[amount.i - 1].low in _RANK_BEFORE
        and m.kind in (COUNT, IDENTIFIER)  # not "double the number two years ago"
    ):
        m.kind = ORDINAL  # "made it to number four": a rank
    elif m.kind == COUNT and amount.i > 1 and _rank_group(tokens, m):
        m.kind = ORDINAL  # "a top 10 player", "the last-eight match": a rank, not a count
    return m


_RANK_BEFORE = frozenset(GRAMMAR["identifiers"]["rank_before"])
_RANK_GROUPS = frozenset(GRAMMAR["identifiers"]["rank_groups"])
_RANK_DETERMINERS = frozenset(GRAMMAR["identifiers"]["rank_determiners"])
_RANK_MODIFIER_TAGS = frozenset(GRAMMAR["identifiers"]["rank_modifier_tags"])
_RANK_ITEMS = frozenset(GRAMMAR["identifiers"]["rank_items"])


_CUP_ROUNDS = frozenset((4.0, 8.0, 16.0, 32.0, 64.0))  # "the last 16": teams left in a cup
_COMPETITIONS = frozenset(GRAMMAR["identifiers"]["competitions"])


def _rank_group(tokens: list[Token], m: Mention) -> bool:
    """ "a top 10 player", "a top-five finish", "the last-eight match", "reached the last 16":
    the number after "top"/"last" (itself after a determiner) names a place in a ranking when
    no plural noun follows ("the top 20 banks" and "the last three years" count), or a chart
    item does ("three top 20 singles", "the top 40 singles chart"). Before "top" a name,
    possessive, adjective or number does as a determiner: "the UK top 20", "US top 10 albums"."""
    k = m.i
    if tokens[k - 1].text == "-" and glued(tokens, k) and glued(tokens, k - 1):
        k -= 1
    if k < 2 or tokens[k - 1].low not in _RANK_GROUPS:
        return False
    if m.high is not None or m.amount is None:
        return False
    if tokens[k - 2].low not in _RANK_DETERMINERS and not (
        tokens[k - 1].low == "top"
        and (m.amount.words or tokens[m.i].text.isdigit())  # "Steer top 67.50" is a price
        and _ranks_top(tokens, k - 2)
    ) and not (
        tokens[k - 1].low == "last"
        and m.value in _CUP_ROUNDS
        and tokens[k - 2].is_word
        and tokens[k - 2].text[0].isupper()  # "the Uefa Cup last 16"
    ):
        return False
    j = m.j
    if j >= len(tokens) or not tokens[j].is_word:
        return True
    if tokens[j].low in ("or", "to") and j + 1 < len(tokens) and (
        tokens[j + 1].is_digit or tokens[j + 1].low in CARDINALS
    ):
        return False  # "the last four or five years": a range of a count
    if tokens[j].low in _RANK_ITEMS:
        return True  # "a top 10 hit", "three top 20 singles", "the top 40 singles chart"
    if (
        tokens[j].low == "of"
        and tokens[k - 1].low == "last"
        and m.value in _CUP_ROUNDS
        and any(t.low in _COMPETITIONS for t in tokens[j + 1 : j + 6])
    ):
        return True  # "the last eight of the Champions League" (not "of the Tory rebels")
    if tokens[j].low == "of" or tokens[j].text[0].isupper() or unit_after(tokens, j) is not None:
        return False  # "the top 10 of", "the last 10 Six Nations titles", "the last 12 months"
    k = j
    while k + 2 < len(tokens) and tokens[k + 1].text == "-" and glued(tokens, k + 1):
        k += 2
    if k > j:  # "the top three clay-courters", "a top-five finish"
        return not (tokens[k].low.endswith("s") and not tokens[k].low.endswith("ss"))
    np, e = noun_phrase(tokens, j, after_number=True)
    if not np:
        return True  # "in the top 10 for the first time"
    tag = pos_tag(tokens[e - 1])
    return not (tag in ("NNS", "NNPS") or (e - 1 == j and tag == "VBZ"))  # "last three matches"


def _identifier_tail(tokens: list[Token], j: int) -> int:
    """The end of a name's whole number that goes on with glued hyphens: "the Liu Hua 11-1-1
    well", "the Nielsen 1-20 well", "ATR 72-500" (so the parts after the hyphens are no
    amounts of their own); not a range a table writes after its item ("CORN 158-160": the
    second number above the first and at most three times it), which is left as it was."""
    n = len(tokens)
    low, high = tokens[j - 1].text, tokens[j + 1].text
    chain = j + 3 < n and tokens[j + 2].text == "-" and glued(tokens, j + 2)
    if not chain and low.isdigit() and high.isdigit() and 0 < int(low) < int(high) <= 3 * int(low):
        return j
    while (
        j + 1 < n
        and tokens[j].text == "-"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and (tokens[j + 1].is_digit or tokens[j + 1].is_word)
    ):
        j += 2
        while j < n and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit):
            j += 1
    return j


def _ranks_top(tokens: list[Token], k: int) -> bool:
    """Whether token ``k``, before "top N", modifies a ranking as a determiner would: a name
    ("the UK top 20"), a possessive ("this year's top 10"), an adjective, a number or an
    ordinal ("eight top three hits", "their 26th top 10 hit"); not a verb's subject or "to"
    ("sales to top 500,000", where "top" is the verb)."""
    t = tokens[k]
    if t.is_digit:
        return True
    if not t.is_word:
        return False
    if t.low in ORDINAL_SUFFIXES or (t.low == "s" and k > 0 and tokens[k - 1].text in ("'", "’")):
        return glued(tokens, k)  # "26th top 10", "the world's top 10"
    if t.text.isupper() or (t.text[0].isupper() and t.low not in MONTHS and t.low not in LEX):
        return True  # "the UK top 20", "US top 10 albums"; not "All top 10 are"
    return LEX.get(t.low, "") in _RANK_MODIFIER_TAGS


def _hyphen_model(tokens: list[Token], m: Mention) -> bool:
    """ "the 737-800", "four 747-400's": a three-digit number that is no multiple of five, a
    glued hyphen and a round hundred name an aircraft model, not a range ("400-500 mln")."""
    j = m.j
    t = tokens[m.i]
    if m.i != m.core_i or j + 1 >= len(tokens) or len(t.text) != 3 or not t.text.isdigit():
        return False
    nxt = tokens[j + 1].text
    return (
        tokens[j].text == "-"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and int(t.text) % 5 != 0
        and len(nxt) == 3
        and nxt.isdigit()
        and nxt.endswith("00")
    )


def _name_after(tokens: list[Token], m: Mention) -> bool:
    """ "50 Cent's", "10 Downing Street": digits before a capitalised singular word that goes on
    as a name name something (not "300 Marines", "5 BBC staff", "63000 Model 3 sedans")."""
    j = m.j
    if j >= len(tokens) or m.i == 0 or m.unit or m.high is not None:
        return False
    t = tokens[j]
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if after is None or not (
        after.text in ("'", "’")  # "50 Cent's"
        or (after.is_word and after.text[0].isupper() and len(after.text) > 1)  # "Downing Street"
    ):
        return False
    possessive = j + 2 < len(tokens) and tokens[j + 2].text in ("'", "’")
    year_like = m.amount is not None and _like_a_year(tokens, m.amount)  # "2000 Sydney Olympics"
    if after.is_word and _plural_word(after) and not possessive and not year_like:
        return False  # "32 Labour MPs", "40 Conservative Peers": a count of them
    if not possessive and not year_like and _plural_after_name(tokens, j):
        return False  # "101,300 Holly Sugar shares": a count of what the name makes
    return (
        t.is_word
        and t.text[0].isupper()
        and not t.text.isupper()
        and not t.low.endswith("s")
        and t.low not in MONTHS
        and is_name_word(t, first=False)
        and unit_after(tokens, j) is None
    )


_STREET_WORDS = frozenset(GRAMMAR["identifiers"]["street_words"])


def _plural_after_name(tokens: list[Token], j: int) -> bool:
    """Whether a lower-case plural noun follows the capitalised words from ``j``: "Holly
    Sugar shares", "Ford Motor cars" (not "10 Downing Street")."""
    k = j
    while k < len(tokens) and k < j + 4 and tokens[k].is_word and tokens[k].text[0].isupper():
        if tokens[k].low in _STREET_WORDS:
            return False  # "the 10 Downing Street gates": an address
        k += 1
    return (
        k < len(tokens)
        and tokens[k].is_word
        and tokens[k].text.islower()
        and pos_tag(tokens[k]) == "NNS"
    )


def _plural_word(t: Token) -> bool:
    """ "MPs", "Peers", "Democrats": a capitalised word in the plural (not "Kansas", "Express")."""
    return len(t.text) > 2 and t.text.endswith("s") and not t.low.endswith(("ss", "us", "is"))


def _letter_suffix(tokens: list[Token], amount: Amount) -> bool:
    """Whether the amount's scale is one capital letter glued to its digits ("9600B"): in a
    product's name a suffix, not billions ("the Smartmodem 9600B")."""
    last = tokens[amount.j - 1]
    return (amount.j - amount.i == 2 and len(last.text) == 1 and last.text.isupper()
            and glued(tokens, amount.j - 1))


def _spelled_name(tokens: list[Token], amount: Amount) -> bool:
    """ "Air Force One", "BBC One", "the Group of Seven", "Ocean's Twelve": a capitalised
    number word after a name (or a name and "of", or a name's possessive) inside a sentence
    is part of the name; not after a verb
    ("Police Arrest Three"). One before a capitalised word ("the Five Nations") never gets
    here: the reader's ``_not_a_count`` drops it first."""
    i = amount.i
    t = tokens[i]
    if amount.j != i + 1 or i == 0 or not t.is_word or not t.text[0].isupper() \
            or t.text.isupper():
        return False
    if (
        i >= 3
        and tokens[i - 1].low == "s"
        and tokens[i - 2].text in ("'", "’")
        and tokens[i - 3].is_word
        and tokens[i - 3].text[0].isupper()
    ):
        return True  # "Ocean's Twelve", "Schindler's Ten": a title
    k = i - 2 if tokens[i - 1].low == "of" and i >= 2 else i - 1
    prev = tokens[k]
    # opening the sentence, a name is one when a verb follows: "BBC Two will run"
    first = k == 0 and not (amount.j < len(tokens) and (
        _finite_verb_at(tokens, amount.j) or tokens[amount.j].text in ("'", "’")))
    return is_name_word(prev, first=first) and not LEX.get(prev.low, "").startswith("VB")


def _in_sequence(tokens: list[Token], m: Mention) -> bool:
    """ "beyond round four", "day three of the trial": a spelled whole number after a word
    naming a part of a sequence, with no plural noun or unit after it ("the season two
    weeks ago" counts weeks)."""
    i = m.i
    return (
        i > 0
        and m.j == i + 1
        and tokens[i - 1].low in _SEQUENCE_WORDS
        and tokens[i - 1].text.islower()
        and not plural_noun_follows(tokens, m.j)
        and unit_after(tokens, m.j) is None
    )


_SEQUENCE_WORDS = frozenset(GRAMMAR["identifiers"]["spelled_after"])


def _slashed(tokens: list[Token], m: Mention) -> bool:
    """ "the 0/92 plan", "24/7", "a 50/50 split": whole numbers glued by a slash that are no
    fraction (read before) and no pair of years ("2004/05", joined later) name something."""
    j = m.j
    t = tokens[m.i]
    return (
        j + 1 < len(tokens)
        and tokens[j].text == "/"
        and glued(tokens, j)
        and glued(tokens, j + 1)
        and tokens[j + 1].is_digit
        and t.text.isdigit()
        and len(t.text) <= 2
        and not (j + 2 < len(tokens) and tokens[j + 2].text == "/")  # "5/17/2018": a date
        and not (m.i > 0 and tokens[m.i - 1].text == "/" and glued(tokens, m.i))
    )


def _list_marker(tokens: list[Token], m: Mention) -> bool:
    """ "1)", "2)" opening an item of a list: a single digit run with a glued ")" and no "("
    before it in the sentence."""
    j = m.j
    return (
        j < len(tokens)
        and tokens[j].text == ")"
        and glued(tokens, j)
        and m.j == m.i + 1
        and tokens[m.i].text.isdigit()
        and len(tokens[m.i].text) <= 2
        and not any(t.text == "(" for t in tokens[max(0, m.i - 6) : m.i])
    )


def _letters_and_digit(tokens: list[Token], m: Mention) -> bool:
    """A letter prefix glued to one digit with no scale: "PS2" is a console, not 2 pounds."""
    k = m.core_i
    return (
        k > 0
        and tokens[k - 1].is_word
        and glued(tokens, k)
        and len(tokens[k].text) == 1
        and m.amount is not None
        and m.amount.scale == 1
        and m.j == k + 1
    )


_MODEL_BEFORE = frozenset(GRAMMAR["identifiers"]["model_before"])


def _model_number(tokens: list[Token], m: Mention) -> bool:
    """ "their 7610 phone", "the new 5800 handset": a plain number of three or more digits
    (not a year) between a determiner and a singular noun names a model, it counts nothing."""
    t = tokens[m.i]
    if m.i != m.core_i or not t.text.isdigit() or len(t.text) < 3 or m.i == 0:
        return False
    if 1000 <= int(t.text) <= 2100 or tokens[m.i - 1].low not in _MODEL_BEFORE:
        return False
    nxt = tokens[m.j] if m.j < len(tokens) else None
    return nxt is not None and nxt.is_word and LEX.get(nxt.low, "") == "NN"


def _ordinal_name(tokens: list[Token], amount: Amount) -> bool:
    """A capitalised ordinal word before a capitalised word names something: "First
    Interstate", "Second City" (not "First Quarter" headings: a time word; not a month)."""
    t = tokens[amount.i]
    j = amount.j
    if not (amount.ordinal and j == amount.i + 1 and t.text[0].isupper() and j < len(tokens)):
        return False
    nxt = tokens[j]
    return (
        nxt.is_word
        and nxt.text[0].isupper()
        and nxt.low not in MONTHS
        and nxt.low not in _TIME_WORDS
        and not nxt.text.isupper()
    )


_TIME_WORDS = frozenset(GRAMMAR["words"]["time_nouns"]) | frozenset(["qtr", "half"])


def _is_ordinal(tokens: list[Token], amount: Amount) -> bool:
    """An ordinal in words ("sixth") or digits with a glued suffix ("60th")."""
    j = amount.j
    return amount.ordinal or (
        j < len(tokens)
        and tokens[j].low in ORDINAL_SUFFIXES
        and glued(tokens, j)
        and digits(tokens[amount.i].text)
    )


def _age_group(tokens: list[Token], i: int) -> bool:
    """ "the over-70s", "under-25s": "over" or "under" glued by a hyphen to two digits and
    a plural "s" name the people of those ages."""
    return (
        i >= 2
        and len(tokens[i].text) == 2
        and tokens[i].text.isdigit()
        and tokens[i - 1].text == "-"
        and glued(tokens, i)
        and glued(tokens, i - 1)
        and tokens[i - 2].low in ("over", "under")
    )


_POSSESSIVES = frozenset(GRAMMAR["units"]["possessives"])
# The years of a decade of age each word names: "early 40s" 40-43, "mid" 44-46, "late" 47-49.
_DECADE_PARTS = {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _decade_period(m: Mention) -> None:
    """ "1990s": the decade's years as its period ("1990/1999"); none for "the 80s", whose
    century the text leaves open."""
    if m.value >= 1000:
        m.period = f"{int(m.value):04d}/{int(m.value) + 9:04d}"


def _in_ones_decade(tokens: list[Token], i: int) -> str | None:
    """ "his 30s", "in their late 20s", "her mid-40s": a person's decade of age (two digits
    after a possessive, "early"/"mid"/"late" between); the word between ("" for none), or
    None when the digits are no decade of age."""
    if len(tokens[i].text) != 2:
        return None
    k = i - 1
    if k >= 0 and tokens[k].text == "-" and glued(tokens, i):
        k -= 1  # "mid-40s"
    part = ""
    if k >= 0 and tokens[k].low in _DECADE_PARTS:
        part = tokens[k].low
        k -= 1
    return part if k >= 0 and tokens[k].low in _POSSESSIVES else None


def _is_decade(tokens: list[Token], i: int, j: int) -> bool:
    """ "1990s", "the 80s": digits ending in 0 with a glued "s" at ``j``."""
    start = tokens[i].text
    return (
        j < len(tokens)
        and tokens[j].text == "s"
        and glued(tokens, j)
        and digits(start)
        and len(start) in (2, 4)
        and start.endswith("0")
    )


def _vague_money(tokens: list[Token], m: Mention, j: int) -> bool:
    """ "tens of thousands of dollars": a vague plural of a currency is money; True when
    ``m`` became it."""
    if m.high is None or j + 1 >= len(tokens) or tokens[j].low != "of":
        return False
    unit = unit_after(tokens, j + 1)
    if unit and unit[0].kind == "currency" and m.kind != MONEY:
        m.kind, m.unit, m.j = MONEY, unit[0].code, unit[1]
        return True
    k = j + 1
    if tokens[k].low in _POUND_WORDS and not (k + 1 < len(tokens) and tokens[k + 1].low == "of"):
        m.kind, m.unit, m.j = MONEY, "GBP", k + 1  # "millions of pounds"; not "of cocaine"
        return True
    return False


def _rate_suffix(tokens: list[Token], m: Mention, j: int) -> int:
    """A rate after the amount or its unit: "$58.24 per barrel" (unit "USD/barrel"),
    "$3500 a month", "3,000 tests per day" (measure "per day"); the index after it."""
    n = len(tokens)
    if m.unit == "USD" and j < n and tokens[j].text in ("US", "U"):
        got = match_forward(tokens, j, US_AFTER)  # "$75 U.S. per barrel"
        if got:
            j = got[1]
    if m.kind in (MONEY, QUANTITY, COUNT) and m.measure != "age":
        rate = rate_after(tokens, j, money=m.kind == MONEY)
        if rate and not (m.kind == COUNT and tokens[j].low in ARTICLES):
            per, j = rate
            if m.kind == COUNT:
                m.measure = f"per {per}"
            else:
                m.unit = f"{m.unit}/{per}"
    return j


# The token before an amount that can start a sign or end a currency prefix.
_SIGN_OR_PREFIX_ENDS = frozenset(["-", "−", "–"]) | PREFIX_ENDS


def _sign_and_currency(tokens: list[Token], m: Mention) -> bool:
    """Read a minus sign and currency prefix before the amount ("-5", "minus-130", "$-50.8bn",
    "US$5", "HK $3.7bn"); False when the digits are glued to a name instead ("GEO1V")."""
    i = m.i
    if i == 0:
        return True  # nothing written before the amount
    prev = tokens[i - 1]
    if (
        prev.text not in _SIGN_OR_PREFIX_ENDS
        and prev.low not in SIGNS
        and not (prev.is_word and glued(tokens, i))
    ):
        return True  # most amounts: no sign, currency or name before them
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
    if (
        not cur
        and i > 0
        and glued(tokens, i)
        and tokens[i - 1].is_word
        and sign == 1
        and not _glued_dimension(tokens, i)  # "10x7in": the second side
    ):
        j = m.j
        while j < len(tokens) and glued(tokens, j) and (tokens[j].is_word or tokens[j].is_digit):
            j += 1
        m.kind, m.j = IDENTIFIER, j
        return False
    if cur:
        m.unit, k = cur
        m.kind = MONEY
        if (
            sign == 1
            and k > 0
            and tokens[k - 1].text in ("-", "−")
            and glued(tokens, k)
            and not glued(tokens, k - 1)
        ):
            sign, k = -1, k - 1  # "-$5"
    if sign == 1 and k > 0 and tokens[k - 1].low in SIGNS and not (
            k > 2 and tokens[k - 2].low == "or" and tokens[k - 3].low == "plus"):
        sign, k = -1, k - 1  # "minus 5", "negative ten"; not "plus or minus 2 pct": a margin
    m.value *= sign
    m.i = k
    return True


# The letters ``_scale_letter`` reads after digits: "$5m", "3.4M", "2b", "1T".
_SCALE_LETTERS = frozenset(["m", "M", "b", "T"])
_RACE_EVENTS = frozenset(GRAMMAR["units"]["race_events"])
_RACE_EVENT_NOUNS = frozenset(GRAMMAR["units"]["race_event_nouns"])
_TRACK_DISTANCES = frozenset(float(d) for d in GRAMMAR["units"]["track_distances"])


def _race_distance(value: float, tokens: list[Token], k: int) -> bool:
    """ "the 60m hurdles", "400m runners", "10,000m world records": a glued "m" naming a race
    is metres (a race noun at token ``k``, or after one word there)."""
    if k >= len(tokens):
        return False
    if tokens[k].low in _RACE_EVENTS:
        return True
    if value not in _TRACK_DISTANCES:
        return False
    return tokens[k].low in _RACE_EVENT_NOUNS or (
        tokens[k].is_word and k + 1 < len(tokens) and tokens[k + 1].low in _RACE_EVENT_NOUNS)


def _partner_end(tokens: list[Token], j: int) -> int:
    """Where the words after a coordinated amount written the same way begin: in "100m and
    200m events" the first amount is read with the words after the second ("events"), as
    both are. ``j``: the token after the first amount's letter; returned unchanged when no
    such partner follows."""
    n = len(tokens)
    k = j + 1
    if not (j < n and tokens[j].low in ("and", "or", "to") and k < n and tokens[k].is_digit):
        return j
    letter = tokens[j - 1].text
    while k < n and (tokens[k].is_digit or (tokens[k].text in ",." and k + 1 < n
                                            and tokens[k + 1].is_digit and glued(tokens, k + 1))):
        k += 1
    if k < n and tokens[k].text == letter and glued(tokens, k):
        return k + 1
    return j


def _scale_letter(tokens: list[Token], m: Mention, j: int) -> int:
    """A glued "m"/"b"/"M"/"T" after the digits: million when money or counting ("$5m",
    "35m devices", "4.3M"), else left for the units ("a 100m sprint")."""
    amount = m.amount
    n = len(tokens)
    if (
        m.kind == MONEY
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
        and (tokens[j].text != "T" or m.kind == MONEY)
    ):
        return j
    nxt = tokens[j + 1] if j + 1 < n else None
    if nxt is not None and glued(tokens, j + 1) and nxt.is_word:
        return j
    after = _partner_end(tokens, j + 1)  # the words that say what the amount counts
    nxt = tokens[after] if after < n else None
    if m.kind != MONEY and tokens[j].text == "m" and _race_distance(m.value, tokens, after):
        return j  # left for the units: metres
    if (
        m.kind == MONEY
        or tokens[j].text == "M"
        or (nxt is not None and (nxt.low == "of" or plural_noun_follows(tokens, after)))
        or _currency_name_at(tokens, after)  # "966m rupees"
        or (tokens[j].text != "T" and unit_after(tokens, after) is not None)  # "3.4m barrels"
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


def _scale_after_currency(tokens: list[Token], m: Mention, j: int) -> int:
    """ "75 USD million", "12 euro billion": a scale word written after the currency that
    follows the number scales it; the index after it."""
    amount = m.amount
    if j < len(tokens) and amount is not None and amount.scale == 1:
        scale = SCALES.get(tokens[j].low, 0.0)
        compound = j + 1 < len(tokens) and tokens[j + 1].text == "-" and glued(tokens, j + 1)
        if scale >= 1e6 and not compound:  # not "a million-dollar question"
            m.value *= scale
            amount.scale = scale
            return j + 1
    return j


def _of_a_unit(tokens: list[Token], m: Mention, j: int) -> int:
    """A fraction of one unit: "a quarter of a percentage point", "5/8 of a point", "a tenth
    of an ounce", "0.10 of an inch", "half a mile": the index of the unit, which the fraction
    is counted in."""
    amount = m.amount
    if amount is None or m.kind != COUNT:
        return j
    if not (amount.fraction or (0 < amount.value < 1 and not amount.words)):
        return j  # "0.45 of a percentage point" is a fraction too
    k = j + 1 if j < len(tokens) and tokens[j].low == "of" else j
    half = tokens[amount.i].low in PARTS  # "half a mile" needs no "of"
    if k + 1 < len(tokens) and tokens[k].low in ARTICLES and (k > j or half):
        unit = unit_after(tokens, k + 1)
        if unit is not None and unit[0].kind != "currency":
            return k + 1
    return j


_PERCENT_POINTS = frozenset(["pp", "bp"])  # unit codes
_POUND_WORDS = frozenset(GRAMMAR["units"]["pound_words"])
_DIGITS_ONLY = frozenset(GRAMMAR["units"]["digits_only"])


def _currency_name_at(tokens: list[Token], k: int) -> bool:
    """True when a currency name starts at token ``k`` ("rupees", "euros")."""
    unit = unit_after(tokens, k)
    return unit is not None and unit[0].kind == "currency"


def _like_a_year(tokens: list[Token], amount: Amount) -> bool:
    """True when the amount is four digits that could be a year ("1986 marks a turning
    point")."""
    t = tokens[amount.i]
    one_token = amount.j == amount.i + 1 and t.is_digit and len(t.text) == 4
    return one_token and 1800 <= amount.value <= 2100


def _unit_suffix(tokens: list[Token], m: Mention, j: int) -> int:
    """Percent, currency name, minor unit or unit of measure after the amount; ages
    ("65-year-old"), multiples ("four times", "sixfold") and "pounds" (money or weight)."""
    n = len(tokens)
    amount = m.amount
    if (
        j < n
        and tokens[j].low in SHARED_CURRENCY_WORDS
        and m.kind == COUNT
        and amount is not None
        and not _like_a_year(tokens, amount)
    ):  # "1,160 mln marks", "Danish ... 5 mln crowns", "50 francs"; not "scored 8 marks"
        one = amount.j == amount.i + 1 and tokens[amount.i].low in ("one", "1", "a", "an")
        code = shared_currency(tokens, amount.i, j, amount.scale > 1, one)
        if not code:
            return j
        m.kind, m.unit = MONEY, code
        return _scale_after_currency(tokens, m, j + 1)
    unit = unit_after(tokens, j)
    if unit and amount is not None and amount.words and unit[0].code in _DIGITS_ONLY:
        unit = None  # "one bit of silicon", "two-bit politicians"
    if unit:
        u, e = unit
        if u.kind == "percent":
            if m.kind != MONEY:
                m.kind, m.unit, j = PERCENT, "%", e
        elif u.kind in ("currency", "minor"):
            if m.kind != MONEY or m.unit == u.code:
                m.kind = MONEY
                m.unit = u.code if u.kind == "currency" else u.name
                j = _scale_after_currency(tokens, m, e)
        elif m.kind != MONEY:
            m.kind, m.unit, j = u.kind, u.code, e
            if u.code in _PERCENT_POINTS:
                m.kind = PERCENT  # "2 percentage points", "25 basis points": unit pp / bp
            if u.kind == "duration":  # "65-year-old", "18 month-old", "a 2,900 year-old"
                if j + 1 < n and tokens[j].text == "-" and tokens[j + 1].low in ("old", "olds"):
                    m.kind, m.measure, j = QUANTITY, "age", j + 2
                elif j < n and tokens[j].low in ("old", "olds"):
                    m.kind, m.measure, j = QUANTITY, "age", j + 1
        return j
    if m.kind == MONEY or j >= n:
        return j
    w = tokens[j].low
    if w == "times" and amount is not None and (amount.words or amount.value < 1000):
        m.measure, j = "times", j + 1
    elif w == "fold" and glued(tokens, j):
        m.measure, j = "fold", j + 1
    elif w == "-" and glued(tokens, j) and j + 1 < n and tokens[j + 1].low == "fold":
        m.measure, j = "fold", j + 2
    elif w in _POUND_WORDS and amount is not None:
        # "5 million pounds" is money, "208 pounds" a weight
        m.kind, m.unit = (MONEY, "GBP") if amount.scale > 1 else (QUANTITY, "lb")
        j += 1
    return j


_NOT_NAME_PREFIXES = frozenset(GRAMMAR["words"]["not_name_prefixes"])


def _glued_dimension(tokens: list[Token], i: int) -> bool:
    """Whether the digits at ``i`` are a side of sizes glued by "x" and ending in a unit: "a
    10x7in snap", "a 3x4m room" (not "a 4x4 vehicle", which names no unit)."""
    n = len(tokens)
    s = i
    while s >= 2 and tokens[s - 1].low in _BY and glued(tokens, s - 1) and glued(tokens, s) \
            and tokens[s - 2].is_digit:
        s -= 2
    e = i + 1
    while e + 1 < n and tokens[e].low in _BY and glued(tokens, e) and glued(tokens, e + 1) \
            and tokens[e + 1].is_digit:
        e += 2
    if not ((s < i or e > i + 1) and e < n and glued(tokens, e)):
        return False
    unit = unit_after(tokens, e)
    if unit is None:
        return False
    written = "".join(t.low for t in tokens[s : unit[1]])
    return written not in _RELAYS and written.removesuffix("m") not in _RELAYS


_BY = frozenset(["x", "×"])
_RELAYS = frozenset(GRAMMAR["units"]["relays"])


def _names(tokens: list[Token], i: int, j: int) -> bool:
    """True when the digits at ``i`` (ending before ``j``) are part of a name."""
    n = len(tokens)
    if _glued_dimension(tokens, i):
        return False  # "a 10x7in snap": sizes
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
            if word.low in _AGE_GROUPS and prev.text == "-" and len(tokens[i].text) == 2:
                return True  # "an England Under-21 match": an age group names a team
            # "COVID-19", "F-35", "ID.3"; not "mid-2019", "sub-7", "minus-130"
            return (
                word.is_word
                and (word.text != word.low or word.low in ID_BEFORE)  # not "12-of-18"
                and word.low not in _NOT_NAME_PREFIXES
                and ((word.low,) not in QUALIFIERS)
            )
        if prev.text in ("#", "№"):
            return True
    if prev.text in ("-", "−") and i >= 2 and tokens[i - 2].low in ID_BEFORE:
        return True  # "COVID -19"
    if prev.text == "." and i >= 2 and glued(tokens, i - 1) \
            and tokens[i - 2].text in _NUMBER_ABBREVIATIONS:
        return True  # "its No. 3 and No. 4 plants"
    if not prev.is_word:
        return False
    if prev.low == "of" and i >= 2 and tokens[i - 2].text in _OF_NAMES:
        return True  # "the Group of 24"
    if prev.text == "s" and i >= 3 and tokens[i - 2].text in ("'", "’") and glued(tokens, i - 2) \
            and glued(tokens, i - 1):
        return tokens[i - 3].low + "'s" in ID_BEFORE  # "Standard and Poor's 500"
    if _demonym_year(prev, tokens[i]):
        return False  # "South African 1986/87 corn exports", "the Japanese 1987 budget"
    # "Boeing 737", "Section 427", "FTSE 100"
    return (
        (prev.low in ID_BEFORE and prev.low != "p")
        or is_name_word(prev, first=i == 1)
        or (i == 1 and _name_opens(tokens, j))
    )


def _demonym_year(word: Token, number: Token) -> bool:
    """Whether a year follows a people's adjective ("African", "Japanese", "British"): the
    year of something of theirs, not a name with a number ("Windows 2000", "Euro 2004")."""
    text = number.text
    return (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099
            and word.text[:1].isupper() and word.text[1:].islower()
            and word.low.endswith(_DEMONYM_ENDINGS)
            and word.low not in ID_BEFORE)


_DEMONYM_ENDINGS = tuple(GRAMMAR["identifiers"]["demonym_endings"])
_NUMBER_ABBREVIATIONS = frozenset(GRAMMAR["identifiers"]["number_abbreviations"])
_NOT_NAMES_AT_START = frozenset(GRAMMAR["identifiers"]["not_names_at_start"])
_AGE_GROUPS = frozenset(GRAMMAR["identifiers"]["age_groups"])
_OF_NAMES = frozenset(GRAMMAR["identifiers"]["of_names"])
# The first words of the items of wire copy's tables ("Div", "Shr", "Net"): no names.
_WIRE_ITEM_WORDS = frozenset(
    item.split()[0] for kind in ("money", "counts") for item in GRAMMAR["wire"][kind]
)


def _name_opens(tokens: list[Token], j: int) -> bool:
    """ "Halo 2 won the award", "Radio 1 said", "Doom 3 was developed": a capitalised word
    that opens the sentence, a whole number and a finite verb name a title or a station. A
    count stands before its noun, so a number between a subject and its verb counts nothing
    ("Sales 4,275.4 billion", "Shr 16 cts vs 14 cts", "Exports 450 475" keep theirs)."""
    first, number = tokens[0], tokens[1]
    if j != 2 or j >= len(tokens) or not number.text.isdigit() or len(number.text) > 4:
        return False
    if 1800 <= int(number.text) <= 2100 or first.low in _NOT_NAMES_AT_START \
            or first.low in _WIRE_ITEM_WORDS:
        return False  # "Fifa 2005 is back": a year; "Div 50 won vs 50 won": a wire line
    return (
        _finite_verb_at(tokens, j)
        and is_name_word(first, first=False)
        and unit_after(tokens, j) is None  # a unit's word is no verb
    )


def _finite_verb_at(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` is a lower-case finite verb or modal ("won", "is", "will")."""
    nxt = tokens[j]
    return nxt.is_word and nxt.text.islower() and LEX.get(nxt.low, "") in FINITE_VERB_TAGS

