"""What an amount is counted in: units, percent signs, currencies and rates.

Tables are built once from ``metrics/data/units.toml`` and ``currencies.toml``; the look-ups
match token sequences, so "km/h", "per cent", "US$" and "HK $" are all one step.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from metrics.figures.lexicon import CURRENCIES, GRAMMAR, PERCENT_ALIASES, UNITS
from metrics.figures.nouns import noun_phrase, pos_tag
from metrics.figures.tokens import (
    PhraseTable,
    Token,
    alias_tokens,
    glued,
    match_back,
    match_forward,
)

if TYPE_CHECKING:  # mention imports this module
    from metrics.figures.mention import Figure


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as the figures table shows it: code ("km", "%", "USD"), name, kind."""

    code: str
    name: str
    kind: str  # quantity | duration | currency | minor | percent


def _unit_tables() -> tuple[PhraseTable, PhraseTable]:
    """(case-sensitive symbol table, lower-case word table) for units, percent and currency
    names written after the number."""
    sym: dict[tuple[str, ...], Unit] = {}
    words: dict[tuple[str, ...], Unit] = {}

    def add_word(w: str, u: Unit) -> None:
        toks = tuple(x.lower() for x in alias_tokens(w))
        words.setdefault(toks, u)
        last = toks[-1]
        if last.isalpha() and not last.endswith("s") and not (
                u.kind == "currency" and last == u.code.lower()):
            # (a currency's ISO code has no plural: "1.25gbps" is gigabits per second)
            plural = last + ("es" if last.endswith(("ch", "sh", "x")) else "s")
            words.setdefault((*toks[:-1], plural), u)

    for entry in UNITS:
        u = Unit(entry["code"], entry["name"], entry.get("kind", "quantity"))
        for s in entry.get("symbols", []):
            sym.setdefault(alias_tokens(s), u)
        for w in entry.get("words", []):
            add_word(w, u)
    pct = Unit("%", "percentage", "percent")
    for s in PERCENT_ALIASES["symbols"]:
        sym[alias_tokens(s)] = pct
    for w in PERCENT_ALIASES["words"]:
        words[tuple(alias_tokens(w))] = pct
    for code, spec in CURRENCIES.items():
        for w in spec.get("names", []):
            add_word(w, Unit(code, w, "currency"))
            if w.endswith(" dollar"):  # wire copy's "100 mln Australian dlrs"
                add_word(w.removesuffix("dollar") + "dlr", Unit(code, w, "currency"))
        minor = spec.get("minor", [])
        for w in minor:  # shown as the currency's first minor name: "cent", "pence", "sen"
            if len(w) <= 1 or not (w.isalpha() or " " in w):  # "¢", "c"; not "u.s. cent"
                sym.setdefault(alias_tokens(w), Unit(code, minor[0], "minor"))
            else:
                add_word(w, Unit(code, minor[0], "minor"))
    return PhraseTable(sym), PhraseTable(words)


UNIT_SYMBOLS, UNIT_WORDS = _unit_tables()
# The names money in a minor unit is shown in ("cent", "pence"): a hundredth of the currency.
MINOR_NAMES = frozenset(spec["minor"][0] for spec in CURRENCIES.values() if spec.get("minor"))


_UNIT_NAMES = {u.code: u.name for u in UNIT_SYMBOLS.values() if u.kind in ("quantity", "duration")}


_UNIT_NAMES.update(
    {u.code: u.name for u in UNIT_WORDS.values() if u.kind in ("quantity", "duration")}
)


_PREFIXES = PhraseTable(
    {
        alias_tokens(p): code
        for code, spec in reversed(CURRENCIES.items())
        for p in spec.get("prefixes", [])
    }
)


US_AFTER = PhraseTable({("us",): 1, ("u", ".", "s", "."): 1, ("u", ".", "s"): 1})
SYMBOL_CODES = {"$", "€", "£", "¥"}
# The tokens (as written) a currency prefix can end with: "$", "US$", "HK $", "RM".
PREFIX_ENDS = _PREFIXES.lasts


def unit_name(unit: str) -> str:
    """The spelled-out name of a unit code ("km" -> "kilometre"); "" when unknown."""
    head = unit.split("/")[0]
    return _UNIT_NAMES.get(head, "")


def plural_noun_follows(tokens: list[Token], k: int) -> bool:
    """True when the noun phrase at ``k`` ends in a plural noun ("2.7m combined sales")."""
    if k >= len(tokens) or unit_after(tokens, k):
        return False
    np, e = noun_phrase(tokens, k)
    return bool(np) and pos_tag(tokens[e - 1]) in ("NNS", "NNPS")


# ----------------------------------------------------------------------------- the grammar
_SPACED_PREFIXES = frozenset(GRAMMAR["units"]["spaced_currency_prefixes"])


def currency_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A currency prefix ending right before token ``i`` ("$", "US$", "HK $", "RM", "USD ")."""
    got = match_back(tokens, i, _PREFIXES, lower=False)
    if not got:
        return None
    code, s = got
    last = tokens[i - 1]
    # letter prefixes of one or two letters must be glued: "RM23.50" yes, "PS 5" no
    if (
        last.is_word
        and len(last.text) <= 2
        and not glued(tokens, i)
        and (last.text not in _SPACED_PREFIXES)
    ):
        return None
    # a prefix glued to a word before it is part of a name: "PLX-R18", "ABCR5"
    before = tokens[s - 1] if s > 0 else None
    if (
        before is not None
        and glued(tokens, s)
        and last.text not in SYMBOL_CODES
        and (before.is_word or before.is_digit or before.text == "-")
    ):
        return None
    return code, s


def unit_after(tokens: list[Token], j: int) -> tuple[Unit, int] | None:
    """A unit, percent sign or currency name starting at token ``j`` (case rules by table)."""
    n = len(tokens)
    if j >= n:
        return None
    k = j
    if tokens[k].text in ("-", "–") and glued(tokens, k) and k + 1 < n and glued(tokens, k + 1):
        k += 1  # "422-km", "5-mpg", "65-year-old"
    if tokens[k].low not in _UNIT_FIRSTS and tokens[k].text not in _SYMBOL_FIRSTS:
        return None  # the common case: no unit starts here
    best = None
    for table, lower in ((UNIT_WORDS, True), (UNIT_SYMBOLS, False)):
        got = match_forward(tokens, k, table, lower=lower)
        if got and (best is None or got[1] > best[1]):
            best = got
    if best is None:
        return None
    unit, e = best
    first = tokens[k]
    if first.text == "K" and unit.code == "K" and not speaks_of_temperature(tokens):
        return None  # "32K" is a thousand, "573.15K" kelvin beside "300 °C"
    if _the_word_in(tokens, k, e) and (k != j or not glued(tokens, k)):
        return None  # "5 in the morning", "a 2-in-1 laptop": inches only glued ("a 12in screen")
    # a symbol must end at a word boundary: "5 m" yes, "5 mornings" is one token anyway;
    # single letters glued to a following letter/digit ("5G", "4x4") are no units
    if e < n and glued(tokens, e) and (tokens[e].is_word or tokens[e].is_digit):
        return None
    if unit.kind == "minor" and (
        (first.text in ("p", "c") and not glued(tokens, k))
        or (first.text[0].isupper() and e - k == 1)
    ):
        return None  # "5 p" apart, "50 Cent" (a name); "5 U.S. cents" is money
    if (
        e - k == 1
        and len(first.text) == 1
        and first.text.isalpha()
        and not glued(tokens, k)
        and (unit.kind != "quantity" or first.text in ("h", "s", "t", "m", "g", "l", "b"))
        and not (e >= len(tokens) or not tokens[e].is_word or tokens[e].low in _DIMENSION_WORDS)
    ):
        return None  # "5 s", "the 5 t" are rarely units when spaced; "2,000 m above" is
    if first.text in _QUOTES and (
        not glued(tokens, k)
        or sum(t.text == first.text for t in tokens[:k]) % 2
        or (k > 0 and not tokens[k - 1].is_digit)
    ):
        return None  # a closing quote, not feet or inches: '"Welcome to CeBit 2005"', "five mln'"
    return unit, e


# The first tokens of unit words (lower case) and of unit symbols (as written).
_UNIT_FIRSTS = UNIT_WORDS.firsts
_SYMBOL_FIRSTS = UNIT_SYMBOLS.firsts
_QUOTES = frozenset(["'", '"', "’", "”"])


_DIMENSION_WORDS = frozenset(GRAMMAR["units"]["after_spaced_symbol"])


_NOT_RATES = frozenset(GRAMMAR["words"]["not_rates"])
_RATE_WORDS = frozenset(GRAMMAR["units"]["rate_words"])
_SHARE_RATE_WORDS = frozenset(GRAMMAR["units"]["share_rate_words"])
_NOT_RATE_AFTER_DURATION = frozenset(GRAMMAR["units"]["not_rate_after_duration"])


def _the_word_in(tokens: list[Token], k: int, e: int) -> bool:
    """Whether the unit matched at ``[k, e)`` is "in", the inch's symbol that is more often
    the preposition: an inch only glued straight to its number."""
    return e == k + 1 and tokens[k].low == "in"


def rate_after(tokens: list[Token], j: int, money: bool = False) -> tuple[str, int] | None:
    """ "per barrel", "a year", "/kg", "per share" after a unit or amount; after money also
    "a share", "a head" ("$2.20 a share")."""
    n = len(tokens)
    if j >= n:
        return None
    w = tokens[j].low
    if money and tokens[j].text in _SHARE_RATE_WORDS:
        return "share", j + 1  # "or 3.50 dlrs shr"
    if w in _RATE_WORDS and j + 1 < n:
        k = j + 1
        if w == "/" and not glued(tokens, k):
            return None
        u = match_forward(tokens, k, UNIT_WORDS) or match_forward(
            tokens, k, UNIT_SYMBOLS, lower=False
        )
        if u and _the_word_in(tokens, k, u[1]):
            u = None  # "12,200 tonnes each in June": "in" is an inch only glued to a number
        if (
            u
            and u[0].kind == "duration"
            and u[1] < len(tokens)
            and tokens[u[1]].low in _NOT_RATE_AFTER_DURATION
        ):
            return None  # "$6.78 billion a year earlier"
        if u and u[0].kind in ("duration", "quantity"):
            return u[0].name, u[1]
        if w == "per" and tokens[k].is_digit and k + 1 < n and "," not in tokens[k].text:
            u = match_forward(tokens, k + 1, UNIT_WORDS) or match_forward(
                tokens, k + 1, UNIT_SYMBOLS, lower=False
            )
            if u and u[0].kind == "quantity" and not (
                u[1] < n and tokens[u[1]].is_word and pos_tag(tokens[u[1]]) == "NN"
            ):  # "330 rupees per 100 kg"; not "110,000 yen per 15 tonne lot"
                return f"{tokens[k].text} {u[0].name}", u[1]
        if w == "per" and tokens[k].is_word:
            np, e = noun_phrase(tokens, k, skip_det=False)
            if np:
                return np, e
        if (
            money
            and w in ("a", "an")
            and tokens[k].is_word
            and pos_tag(tokens[k]) == "NN"
            and tokens[k].low not in _NOT_RATES
        ):
            return tokens[k].low, k + 1
        if w == "/" and tokens[k].is_word and len(tokens[k].text) <= 6:
            return tokens[k].low, k + 1
    return None


_MONEY_WORDS = GRAMMAR["money_words"]
_MONEY_CONTEXT = frozenset(_MONEY_WORDS["context"])
# "marks" -> its entry of ``[money_words]``: the default currency and the countries' codes
_SHARED = {
    w: spec for spec in _MONEY_WORDS.values() if isinstance(spec, dict) for w in spec["words"]
}
SHARED_CURRENCY_WORDS = frozenset(_SHARED)


def shared_currency(tokens: list[Token], i: int, j: int, scaled: bool, one: bool = False
                    ) -> str | None:
    """The currency of a word after an amount that is a currency only in a money context or
    whose country the sentence says ("1,160 mln marks" -> "DEM", "Danish ... 5 mln crowns" ->
    "DKK", bare "francs" -> "CHF"); "" when the word is no money here ("scored 8 marks",
    crowns of no named country); None when the word at ``j`` is none of these words.
    ``i``: where the amount starts; ``scaled``: it has a scale word ("mln"); ``one``: it is
    one."""
    spec = _SHARED.get(tokens[j].low)
    if spec is None:
        return None
    if not one and tokens[j].low in spec.get("singular", ()) and _ends_phrase(tokens, j + 1):
        return ""  # "the 25,000 mark for the first time"; not "a 400 mln mark deficit"
    if j + 1 < len(tokens) and tokens[j + 1].low in spec.get("verb_objects", ()):
        return ""  # "some 1,200 won the vote": a verb and its object
    if spec.get("needs_context", True) and not (
        scaled or rate_after(tokens, j + 1, money=True) is not None or _speaks_of_money(tokens)
        or _price_level_after(tokens, i, j + 1)
    ):
        return ""
    nations = spec["nations"]
    for k in range(j - 1, -1, -1):  # the country named nearest before the amount
        code = nations.get(tokens[k].low)
        if code:
            return code
    for k in range(j + 1, len(tokens)):
        code = nations.get(tokens[k].low)
        if code:
            return code
    return spec["default"]


_FUNCTION_TAGS = frozenset(["IN", "TO", "DT", "CC", "RB", "MD", "WDT", "PRP", "VBD", "VBZ", "VBP"])


def _ends_phrase(tokens: list[Token], k: int) -> bool:
    """True when no modified noun follows at ``k`` (the end, a comma, a function word or a
    verb): "the 25,000 mark.", "the 1.80 mark was breached"; not "a 400 mln mark domestic
    bond", "a 40 mln mark write-back", "three mark a share dividend"."""
    if k >= len(tokens):
        return True
    t = tokens[k]
    if t.is_digit or t.text == "-" or rate_after(tokens, k, money=True) is not None:
        return False
    return not t.is_word or pos_tag(t) in _FUNCTION_TAGS


def _price_level_after(tokens: list[Token], i: int, k: int) -> bool:
    """ "Daimler shed 23 marks to 1,022", "VW was off two marks at 366.50": a move before the
    amount starting at ``i``, and after its currency word (ending before ``k``) the price it
    brought the shares to (not "beat her by 60 marks to 40", "scored 85 marks at 2 schools")."""
    return (i > 0 and tokens[i - 1].low in PRICE_MOVES and k + 1 < len(tokens)
            and tokens[k].low in MOVED_TO_LINKS and tokens[k + 1].is_digit)


# The words right before the amount a price or an index moved by: change adverbs and a share
# price's moves ("was off 4.7", "closed up 120.45", "shed 23"); with the one-word change verbs
# too ("fell", "raised"), what may stand before a move in a shared currency word.
MOVE_WORDS = frozenset(GRAMMAR["changes"]["after_up"] + GRAMMAR["changes"]["after_down"]
                       + _MONEY_WORDS["price_moves"])
PRICE_MOVES = MOVE_WORDS | frozenset(
    w for key in ("up", "down", "by_up", "by_down") for w in GRAMMAR["changes"][key]
    if " " not in w)
# The words before the level a move brought a figure to: "to 1,022", "at 366.50".
MOVED_TO_LINKS = frozenset(GRAMMAR["units"]["moved_to_links"])


def _speaks_of_money(tokens: list[Token]) -> bool:
    """True when the sentence has a word of money ("dollar", "shares", "price")."""
    return any(t.low in _MONEY_CONTEXT for t in tokens)  # only after a shared currency word


_TEMPERATURE_WORDS = frozenset(GRAMMAR["units"]["temperature_words"])


def speaks_of_temperature(tokens: list[Token]) -> bool:
    """True when the sentence writes a temperature unit or word ("°C", "degrees", "kelvin"):
    there a "K" after a number is kelvin, not a thousand."""
    return any(t.low in _TEMPERATURE_WORDS for t in tokens)


_NOT_ONE = frozenset(GRAMMAR["units"]["not_one_after_article"])
# The words a unit of measure or a minor coin can start with after "a"/"an" ("a gallon", "a
# square mile", "a penny"): the cheap test of ``amounts.may_start_number``.
ONE_UNIT_STARTS = frozenset(
    k[0]
    for k, u in UNIT_WORDS.items()
    if u.kind in ("quantity", "minor") and (len(k) > 1 or k[0] not in _NOT_ONE)
)


_NOT_ONE_AFTER = frozenset(GRAMMAR["units"]["not_one_after"])


def one_unit_after(tokens: list[Token], k: int) -> bool:
    """True when a unit of measure or a minor coin starts at ``k`` (after "a"/"an") and ends
    the phrase: "a gallon of beer", "a kilometre away", "a penny!", "a kilobyte is"; not "a
    litre bottle" (a noun follows: the unit describes it), "a degree in law", nor the rate of
    an amount ("dlrs a barrel", "cents a kilo", "higher a gallon")."""
    b = k - 2
    while b > 0 and tokens[b].text in (",", ")"):
        b -= 1  # "418.50 dlrs, 258.65 stg, an ounce"
    if b >= 0:
        before = tokens[b]
        if before.low in _NOT_ONE_AFTER or before.low == "of":
            return False  # "higher a gallon"; "0.45 of a point" is read from its number
        unit = unit_after(tokens, b)
        if before.is_word and unit is not None and unit[1] == b + 1:
            return False
        if before.is_word and currency_before(tokens, b + 1) is not None:
            return False  # "stg a tonne"
    got = unit_after(tokens, k)
    if got is None or got[0].kind not in ("quantity", "minor"):
        return False
    e = got[1]
    if e == k + 1 and tokens[k].low in _NOT_ONE:
        return False
    if e >= len(tokens) or not tokens[e].is_word or tokens[e].low == "of":
        return True
    return not pos_tag(tokens[e]).startswith("NN")


_FRANCS = GRAMMAR["units"]["franc_by_country"]
_BARE_FRANC = GRAMMAR["money_words"]["franc"]["default"]  # what the reader takes it for


def franc_of(countries: Collection[str]) -> str | None:
    """The franc a document means by a bare "franc": that of the one franc country it names
    (ISO alpha-3 codes), else None (none named, or several)."""
    named = {_FRANCS[c] for c in countries if c in _FRANCS}
    return named.pop() if len(named) == 1 else None


def in_franc(figure: Figure, code: str) -> Figure:
    """``figure`` in the franc ``code`` when it is money in a bare "franc(s)" that the reader
    took for its default (the Swiss franc); else ``figure`` as it is."""
    head, slash, rate = figure.unit.partition("/")
    low = figure.surface.lower()
    if head != _BARE_FRANC or code == head or "franc" not in low or "swiss" in low:
        return figure
    return replace(figure, unit=code + slash + rate)


_CROWNS = GRAMMAR["units"]["crown_by_country"]
_CROWN_WORDS = frozenset(("crown", "crowns"))


def crown_of(countries: Collection[str]) -> str | None:
    """The crown a document means by a bare "crowns": that of the one crown country it names
    (ISO alpha-3 codes), else None (none named, or several)."""
    named = {_CROWNS[c] for c in countries if c in _CROWNS}
    return named.pop() if len(named) == 1 else None


def in_crown(figure: Figure, code: str) -> Figure:
    """``figure`` as money in the crown ``code`` when the reader counted bare "crowns" ("4.56
    billion crowns": a count whose measure is the word); else ``figure`` as it is."""
    if figure.kind != "count" or figure.unit or figure.measure not in _CROWN_WORDS:
        return figure
    return replace(figure, kind="money", unit=code, measure="")


# A surface that writes the US dollar: "$5m", "5 mln dlrs", "US$", "5 mln U.S. dollars".
_WRITES_DOLLARS = re.compile(r"\$|dlr|dollar|\bus\b|u\.s\.|\busd\b", re.IGNORECASE)


def document_currency(figures: Sequence[Figure]) -> str | None:
    """The currency of a document's money where a figure does not write one (the reader
    then says US dollars, the wire's default): the one other currency its figures write,
    when none writes dollars or cents ("Pre-tax profit 134 mln stg vs 759 mln" above "Net
    profit 33 mln vs 253 mln": sterling too; a table with "Shr 16 cts" is in dollars);
    else None."""
    codes: set[str] = set()
    for f in figures:
        if f.kind != "money":
            continue
        head = f.unit.partition("/")[0]
        if head == "cent" or (head == "USD" and _WRITES_DOLLARS.search(f.surface)):
            return None
        if head != "USD" and len(head) == 3 and head.isupper():  # ISO, not "pence"
            codes.add(head)
    return codes.pop() if len(codes) == 1 else None


def in_currency(figure: Figure, code: str) -> Figure:
    """``figure`` in ``code`` when it is money the reader put in US dollars without the
    surface writing a dollar; else ``figure`` as it is."""
    head, slash, rate = figure.unit.partition("/")
    if figure.kind != "money" or head != "USD" or _WRITES_DOLLARS.search(figure.surface):
        return figure
    return replace(figure, unit=code + slash + rate)


# The other dollars: the currencies whose names end in "dollar" ("canadian dollar").
_OTHER_DOLLARS = frozenset(
    code for code, spec in CURRENCIES.items()
    if code != "USD" and any(n.split()[-1] == "dollar" and " " in n for n in spec.get("names", []))
)
# Another dollar written out in a figure: "Canadian dlrs", "Australian dollars", "C$", "HKD".
_NAMES_OTHER_DOLLAR = re.compile(
    "|".join(sorted(
        {r"(?<!\w)" + re.escape(n.rsplit(" ", 1)[0]) + r"(?!\w)"
         for c in _OTHER_DOLLARS for n in CURRENCIES[c]["names"] if n.endswith(" dollar")}
        | {re.escape(p) for c in _OTHER_DOLLARS for p in CURRENCIES[c].get("prefixes", [])
           if "$" in p}
        | {r"\b" + c + r"\b" for c in _OTHER_DOLLARS}, key=len, reverse=True)),
    re.IGNORECASE,
)
# The marks of the US dollar in a sentence or surface: "U.S. dlrs", "US$", "$5", "USD".
_US_DOLLAR = re.compile(r"\$|\bU\.?S\.?(?!\w)|\bUSD\b|\bamerican\b|\bgreenback", re.IGNORECASE)


def document_dollar(figures: Sequence[Figure]) -> str | None:
    """The dollar a document means by a bare "dlrs": the one other dollar its figures write
    out ("105 mln Australian dlrs" above "some 200 mln dlrs in funds"; the wire writes "U.S.
    dlrs" where a Canadian or Australian story means the US one), when no figure of it
    writes the US dollar ("U.S. dlrs", "$"); else None. A dollar the reader inferred from
    a sentence's other words ("the euro-Canadian dollar sector ... one billion dlrs") does
    not count: it may be the only one in a story of US dollars."""
    codes: set[str] = set()
    for f in figures:
        if f.kind != "money":
            continue
        head = f.unit.partition("/")[0]
        if head == "USD" and _US_DOLLAR.search(f.surface):
            return None
        if head in _OTHER_DOLLARS and _NAMES_OTHER_DOLLAR.search(f.surface):
            codes.add(head)  # written out, not inferred from the sentence's words
    return codes.pop() if len(codes) == 1 else None


_DOLLARS_BY_COUNTRY = GRAMMAR["units"]["dollar_by_country"]
_DOLLAR_COUNTRY_MENTIONS = GRAMMAR["units"]["dollar_country_mentions"]


def place_dollar(countries: Collection[str], named: Mapping[str, int], text: str
                 ) -> str | None:
    """The dollar a document means by a bare "dlrs" from the places it names: the dollar of
    the one country among ``countries`` (ISO alpha-3 codes of all its places), when that is a
    dollar country whose own name (or its people's, "Canadian") the text says at least twice
    (``named``: code -> times) and the text has no mark of the US dollar ("U.S.", "$"); else
    None. ("a mill in Hinton, Alberta, Canada" names Canada once: a US firm's deal there.)"""
    if len(countries) != 1:
        return None
    (country,) = countries
    code = _DOLLARS_BY_COUNTRY.get(country)
    if code is None or named.get(country, 0) < _DOLLAR_COUNTRY_MENTIONS \
            or _US_DOLLAR.search(text):
        return None
    return code


def in_dollar(figure: Figure, code: str, sentence: str) -> Figure:
    """``figure`` in the dollar ``code`` when it is money the reader put in US dollars and
    neither it nor its sentence has a mark of the US one ("10,000 dlrs", "1,000" of "1,000
    and 10,000 dlrs"); else ``figure`` as it is."""
    head, slash, rate = figure.unit.partition("/")
    if figure.kind != "money" or head != "USD" or _US_DOLLAR.search(sentence):
        return figure
    return replace(figure, unit=code + slash + rate)
