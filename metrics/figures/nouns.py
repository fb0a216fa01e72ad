"""Part-of-speech look-ups and noun phrases for figures, from TextBlob's shipped lexicon.

The lexicon is a word -> tag dictionary that ships inside the textblob package (no model, no
downloaded data), so tagging the few words around an amount costs a dict look-up each.
"""

from __future__ import annotations

from functools import lru_cache

from metrics.figures.lexicon import CARDINALS, CURRENCIES, GRAMMAR, SCALES, UNIT_HEADS
from metrics.figures.tokens import Token, glued
from metrics.pattern import brill_lexicon

LEX = brill_lexicon()  # shipped with textblob; no downloaded data
NP_SKIP = frozenset(GRAMMAR["words"]["determiners"])
# Wire function words ("vs", "mths"): no noun phrase takes them.
NOT_NOUNS = frozenset(GRAMMAR["words"]["not_nouns"])
_SUPERLATIVES = frozenset(GRAMMAR["words"]["superlatives"])
# Relative pronouns of persons after a vague plural: "the millions who are suffering".
RELATIVE_PERSONS = frozenset(GRAMMAR["measure"]["relative_persons"])
_MOST = frozenset(("most", "least"))
_MORE = frozenset(("more", "fewer", "less"))
_AFTER_SUPERLATIVE = frozenset(GRAMMAR["words"]["after_superlative"])
# Nouns plural in form that modify the noun after them: "three singles matches", "two sales
# offices", "four savings banks" (the phrase goes on past them).
_PLURAL_MODIFIERS = frozenset(GRAMMAR["words"]["plural_modifiers"])
_CLASS_WORDS = frozenset(("class", "series"))  # "class A shares", "Series B preferred"


# Penn tags of finite verbs and modals: a word with one of them after an amount makes the
# amount a subject ("a third were sold", "Thousands marched"), after a capitalised word and a
# number a name ("Halo 2 won").
FINITE_VERB_TAGS = frozenset(["VBD", "VBP", "VBZ", "MD"])


def pos_tag(tok: Token) -> str:
    """Part of speech of one token from TextBlob's lexicon, guessing for unknown words."""
    return _tag(tok.text)


@lru_cache(maxsize=1 << 16)
def _tag(text: str) -> str:
    """``pos_tag`` of a token's text (cached: the same words come back in every document)."""
    if len(text) > 1 and text.isupper():
        return "NNP"  # "GDP", "US", "EV"
    low = text.lower()
    tag = LEX.get(text) or LEX.get(low)
    if tag:
        if text[0].isupper() and tag not in ("NN", "NNS", "NNP", "NNPS", "JJ"):
            return tag if low in LEX else "NNP"
        return tag
    if text[0].isupper():
        return "NNP"
    if low.endswith("ing"):
        return "VBG"
    if low.endswith("ed"):
        return "VBN"
    if low.endswith("ly"):
        return "RB"
    if low.endswith("s"):
        return "NNS"
    return "NN"


def noun_phrase(
    tokens: list[Token],
    k: int,
    skip_det: bool = False,
    after_number: bool = False,
    in_phrase: bool = False,
) -> tuple[str, int]:
    """The noun phrase starting at token ``k`` (lower-case) and the index after it.

    Adjectives, gerunds and nouns up to the first plural noun or non-nominal word;
    "Kia and Hyundai vehicles" keeps its coordination; hyphenated compounds stay whole.
    ``in_phrase``: the amount before ``k`` sits inside a noun phrase ("a 19.2 mln stg
    recommended offer", "with two dropped goals"), so a past tense there is a participle."""
    n = len(tokens)
    determined = False  # a determiner or possessive stood before the phrase
    if skip_det:
        start, k = k, skip_determiners(tokens, k)
        determined = k > start
    words: list[str] = []
    tags: list[str] = []
    ends: list[int] = []
    j = k
    while j < n and len(words) < 6:
        t = tokens[j]
        if t.is_digit and words and _number_in_name(tokens, j, tags[-1]):
            text, j = _compound(tokens, j)  # "63000 Model 3 sedans", "60% of the Fortune
            words.append(text)  # 100", "70 Boeing 737-800 planes"
            tags.append("NNP")
            ends.append(j)
            continue
        if t.is_digit and after_number and not words and hyphened_measure(tokens, j):
            if tokens[j + 1].text == "-":
                text, jj = _compound(tokens, j)  # "two 10,000-tonne cargoes"
            else:
                text, jj = f"{t.low} {tokens[j + 1].low}", j + 2  # "two 6,000 tonne cargoes"
            words.append(text)
            tags.append("JJ")
            ends.append(jj)
            j = jj
            continue
        if (
            t.text in APOSTROPHES
            and words
            and after_number
            and not any(tg in ("NN", "NNS") for tg in tags)  # not "analyst compared X's"
            and (after := _possessive_end(tokens, j))
        ):
            # "six re-released Elvis' tracks": a name's possessive opens the phrase again
            j = after
            words, tags, ends = [], [], []
            continue
        if not t.is_word or (words and t.low in _TIME_STARTS) or t.low in NOT_NOUNS:
            break  # "a 5% rebound next year", "16 cts vs 14 cts"
        if len(t.text) == 1 and j + 2 < n and tokens[j + 1].text == "." and glued(tokens, j + 1):
            jj = _initials_end(tokens, j)
            if jj > j + 1:  # "U.S. meat processors": the initials modify what follows
                words.append(span_text(tokens, j, jj))
                tags.append("JJ")
                ends.append(jj)
                j = jj
                continue
        if t.low in ("and", "or") and words and tags[-1] != "NNS" and j + 1 < n \
                and tokens[j + 1].is_word:
            nxt = j + 2 if tokens[j + 1].low in _SUPERLATIVES and j + 2 < n else j + 1
            nxt_tag = _tag(tokens[nxt].text) if tokens[nxt].is_word else ""
            if (
                nxt + 1 < n
                and tokens[nxt + 1].text == "-"
                and nxt_tag
                and tokens[nxt].low not in CARDINALS
            ):
                nxt_tag = _compound_tag(tokens, nxt, _compound(tokens, nxt)[1])  # "non-African"
            if (nxt_tag.startswith("NN") and t.low == "and") or nxt_tag in ("JJ", "JJS") or (
                    nxt > j + 1 and nxt_tag == "VBN"):
                # "Kia and Hyundai vehicles", "traditional or classic song", "largest and
                # most productive stores", "closest and fastest sprints", "largest and most
                # respected chip-makers"
                words.append(t.low)
                tags.append("CC")
                ends.append(j + 1)
                j += 1
                if nxt > j:
                    j = nxt  # the superlative is dropped with the determiners
                continue
            break
        if (
            after_number
            and not words
            and t.low in _MOST
            and j + 1 < n
            and tokens[j + 1].is_word
            and _tag(tokens[j + 1].text) == "JJ"
        ):
            j += 1  # "the three most important centres": the superlative is no noun
            continue
        if after_number and not words and t.low in _MORE and j + 1 < n and tokens[j + 1].is_word:
            j += 1  # "three more goals": the comparison is not what is counted
            continue
        if (
            (after_number or skip_det)
            and (not words or tags[-1] in ("JJ", "CC"))
            and _adverb_of_adjective(tokens, j)
        ):
            j += 1  # "one particularly strong tackle": the adverb is not what is counted
            continue
        if tags[-1:] == ["JJS"] and t.low in _AFTER_SUPERLATIVE:
            j += 1  # "our sweetest ever wins"
            continue
        if j + 1 < n and tokens[j + 1].text == "-":
            text, jj = _compound(tokens, j)
        else:
            text, jj = t.low, j + 1  # the common case, without a call
        tag = _tag(t.text) if jj == j + 1 else _compound_tag(tokens, j, jj)
        if after_number and not words and t.low not in _AUXILIARIES:
            # right after an amount a verb-looking word is a noun: "3.7 rebounds", "a 9-2 lead"
            tag = {"VBZ": "NNS", "VB": "NN"}.get(tag, tag)
        elif (
            (after_number or skip_det)
            and tag in ("VB", "VBZ")
            and (
                tags[-1:] == ["JJ"]
                or (after_number and tag == "VBZ" and _unknown_modifier(tokens, ends, words))
            )
            and words[-1] != "net"  # the wire's noun: "nine mths net excludes"
            and t.low not in _AUXILIARIES
            and not _object_at(tokens, jj)
        ):
            # "three tremendous saves,", "one particularly strong tackle"; not "nine mths net
            # includes a gain"
            tag = "NNS" if tag == "VBZ" else "NN"
        if (
            (in_phrase or skip_det)
            and not words
            and tag == "VBD"
            and t.low.endswith("ed")  # not "(73%) said politicians"
            and _noun_then_no_verb(tokens, jj)
        ):
            tag = "VBN"  # "two dropped goals", "its 20 listed companies"
        if determined and tag == "VBZ" and (not words or tags[-1] in ("JJ", "JJS")) \
                and t.low not in _AUXILIARIES and not _object_at(tokens, jj):
            tag = "NNS"  # "one of the highlights", "one of the best shows"; not "nine mln
            # stg of the total represents debt"
        elif (
            determined
            and tag in ("VB", "VBD", "VBP")
            and (not words or tags[-1] == "JJS")
            and t.low not in _AUXILIARIES
            and _noun_modified(tokens, jj)
        ):
            tag = "VBN" if tag == "VBD" else "NN"  # "the struck plants", "the call centres",
            # "the worst hit areas"
        if tag == "VBZ" and words and words[-1] in _PLURAL_MODIFIERS:
            tag = "NNS"  # "three singles matches"
        elif tag == "JJR" and t.low not in _MORE and jj < n and tokens[jj].text.islower() \
                and _tag(tokens[jj].text)[:2] in ("NN", "JJ"):
            tag = "JJ"  # "two lower courts", "three larger banks"; not "10 pct lower and"
        elif words and words[-1] in _CLASS_WORDS and len(t.text) == 1 and t.text.isupper():
            tag = "NNP"  # "47.2 mln class A shares"
        if not (tag.startswith("NN") or tag in ("JJ", "JJS", "VBG", "VBN", "FW")):
            break
        words.append(text)
        tags.append(tag)
        ends.append(jj)
        j = jj
        if tag in ("NNS", "NNPS") and not (
            j < n and tokens[j].is_word and (
                _tag(tokens[j].text) in ("NNS", "NNPS")
                or (t.low in _PLURAL_MODIFIERS and tokens[j].text.islower()
                    and _tag(tokens[j].text) in ("NN", "VBZ"))
                or (t.text[0].isupper() and tokens[j].text[0].isupper()
                    and _tag(tokens[j].text) == "NNP")  # "Champions League representatives"
            )
        ):
            break
    while tags and not tags[-1].startswith("NN"):
        tags.pop()
        words.pop()
        ends.pop()
    return " ".join(words), (ends[-1] if ends else k)


def _noun_modified(tokens: list[Token], j: int) -> bool:
    """Whether the lower-case noun at ``j`` ends a phrase that a verb-looking word before it
    modifies: a plural ("the call centres"), or a noun before a plural ("the talk show
    hosts")."""
    n = len(tokens)
    if j >= n or not tokens[j].is_word or not tokens[j].text.islower():
        return False
    tag = _tag(tokens[j].text)
    return tag == "NNS" or (
        tag == "NN" and j + 1 < n and tokens[j + 1].is_word and _tag(tokens[j + 1].text) == "NNS"
    )


def _unknown_modifier(tokens: list[Token], ends: list[int], words: list[str]) -> bool:
    """Whether the phrase so far is one lower-case word the lexicon lacks and that does not
    look plural, so its guessed noun tag may be an adjective's: "two lacklustre wins"
    (not "3,000 Caribs live", "the 10-day Berlinale runs", "qtr includes")."""
    if len(words) != 1:
        return False
    word, j = words[0], ends[0] + 1  # past the modifier and the verb-like plural
    number = tokens[ends[0] - 2] if ends[0] >= 2 else None
    if number is None or not (
        (number.is_digit and number.text.isdigit() and int(number.text) > 1)
        or CARDINALS.get(number.low, 0) > 1
    ):
        return False  # "One blogger writes", "the 0.889 divisor means": a verb after one
    if j < len(tokens) and tokens[j].is_word and (
        tokens[j].low == "that" or _tag(tokens[j].text) not in ("IN", "RB", "TO", "DT", "CC")
    ):
        return False  # "two lacklustre wins so far / this season / and a draw"; not a verb
        # with its object
    return (
        len(word) > 3
        and word.isalpha()
        and not word.endswith("s")
        and word not in LEX
        and tokens[ends[0] - 1].text.islower()
    )


def _object_at(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` can start the object of a verb before it (a determiner, number,
    adjective or noun): "net includes a gain", "net excludes extraordinary loss"."""
    if j >= len(tokens):
        return False
    t = tokens[j]
    if j + 1 < len(tokens) and tokens[j + 1].text == "-" and glued(tokens, j + 1):
        return True  # "net includes after-tax gain": a compound opens the object
    return t.is_digit or (t.is_word and _tag(t.text)[:2] in ("DT", "CD", "JJ", "NN", "PR"))


def _compound_tag(tokens: list[Token], j: int, jj: int) -> str:
    """The tag of the hyphenated compound ``[j, jj)``: a plural noun when its last word is
    one and no noun follows ("eight super-casinos", "two sport-utility vehicles"), else an
    adjective ("low-income", "financial-services company", "two-thirds")."""
    last = tokens[jj - 1]
    if not (last.is_word and len(last.text) > 3 and _tag(last.text) == "NNS"):
        return "JJ"
    if tokens[j].low in CARDINALS:
        return "JJ"  # "two-thirds", "one-fifth": a number
    if jj < len(tokens) and tokens[jj].is_word and _tag(tokens[jj].text)[:2] == "NN":
        return "JJ"  # "square-feet office building"
    return "NNS"


def _initials_end(tokens: list[Token], j: int) -> int:
    """The index after initials starting at ``j`` ("U.S.", "U.K.", "E.C.", and "U.S dlrs",
    "U.K's" as copy writes them): single letters glued by full stops; ``j + 1`` when there
    are no initials there."""
    n = len(tokens)
    k = j
    letters = 0
    while k < n and tokens[k].is_word and len(tokens[k].text) == 1 and (k == j or glued(tokens, k)):
        k += 1
        letters += 1
        if k < n and tokens[k].text == "." and glued(tokens, k):
            k += 1
        else:
            break
    return k if letters > 1 else j + 1


def skip_determiners(tokens: list[Token], k: int) -> int:
    """Past determiners, superlatives and a possessive: "the most gifted", "China's"."""
    n = len(tokens)
    while k < n and (tokens[k].low in NP_SKIP or tokens[k].low in _SUPERLATIVES):
        k += 1  # "one of the most gifted attackers"
    k = _name_possessor(tokens, k)
    if k + 1 < n and tokens[k + 1].text in ("'", "’") and glued(tokens, k + 1):
        k += 3 if k + 2 < n and tokens[k + 2].low == "s" else 2
        while k < n and tokens[k].low in _SUPERLATIVES:
            k += 1  # "one of the UK's most populous seats"
    return k


def _name_possessor(tokens: list[Token], k: int) -> int:
    """The last word of a name of several words that owns what follows ("New Labour's
    greatest successes", "the Bank of England's key tools": "Labour", "England"), else
    ``k``: a possessive after one word is read by the caller."""
    n = len(tokens)
    e = k
    while e < n and e - k < _LONGEST_POSSESSOR and tokens[e].is_word and (
            tokens[e].text[:1].isupper()
            or (e > k and tokens[e].low in _NAME_JOINERS and e + 1 < n
                and tokens[e + 1].text[:1].isupper())):
        if e + 1 < n and tokens[e + 1].text in ("'", "’") and glued(tokens, e + 1):
            return e
        e += 1
    return k


_LONGEST_POSSESSOR = 5
_NAME_JOINERS = frozenset(("of", "and", "&"))


def _number_in_name(tokens: list[Token], j: int, last_tag: str) -> bool:
    """True when the digits at ``j`` continue a capitalised name ("Model 3 sedans", "the
    Fortune 100", with a variant: "Boeing 737-800 planes"), not a currency and its amount
    ("EUR 50 m credit facility")."""
    n = len(tokens)
    e = j + 1
    if e < n and tokens[e].text == "-" and LEX.get(tokens[j - 1].low) is None:
        e = _compound(tokens, j)[1]  # a name's variant: not "Yellow Corn 158-160", a price
    return (
        last_tag.startswith("NN")
        and tokens[j - 1].text[:1].isupper()
        and tokens[j - 1].text.upper() not in CURRENCIES
        and not (e < n and tokens[e].low in SCALES)
        and (
            e == n
            or tokens[e].text in (",", ".", ";", ")")
            or (
                tokens[e].is_word
                and tokens[e].text.islower()
                and pos_tag(tokens[e]) in ("NN", "NNS", "IN")
            )
        )
    )


def _compound(tokens: list[Token], j: int) -> tuple[str, int]:
    """The word at ``j`` with the words hyphenated to it ("covid-19 tests", and "COVID -19
    tests" as some copy spaces it): its lower-case text and the index after it."""
    n = len(tokens)
    t = tokens[j]
    text = t.low
    jj = j + 1
    while (
        jj + 1 < n
        and tokens[jj].text == "-"
        and (glued(tokens, jj) or (t.text.isupper() and len(t.text) > 1 and jj == j + 1))
        and glued(tokens, jj + 1)
        and (tokens[jj + 1].is_word or tokens[jj + 1].is_digit)
    ):
        text += "-" + tokens[jj + 1].low
        jj += 2
    return text, jj


_AUXILIARIES = frozenset(GRAMMAR["words"]["auxiliaries"])
_TIME_STARTS = frozenset(GRAMMAR["words"]["time_starts"])
APOSTROPHES = frozenset(["'", "’"])
_TIME_NOUNS = frozenset(GRAMMAR["words"]["time_nouns"])


def _noun_then_no_verb(tokens: list[Token], j: int) -> bool:
    """Whether lower-case nouns (not a time) start at ``j`` and no finite verb follows them:
    the participle before them is an adjective ("two dropped goals", "a 900 mln dlr untied
    credit"), not a verb ("from 1,318 asked yesterday", "believed export orders were")."""
    n = len(tokens)
    k = j
    while k < n and tokens[k].is_word and tokens[k].text.islower() \
            and _tag(tokens[k].text) in ("NN", "NNS"):
        if tokens[k].low in _TIME_NOUNS:
            return False
        k += 1
    if k == j:
        return False
    return k == n or not (tokens[k].is_word and _tag(tokens[k].text) in FINITE_VERB_TAGS)


def _possessive_end(tokens: list[Token], j: int) -> int:
    """The index after the possessive when the apostrophe at ``j`` makes the capitalised word
    before it one ("Elvis' tracks", "Labour's MPs") and a noun phrase goes on after it; 0
    when it is part of a name ("O'Gara", "O'clock") or a plural ("125.9 mln SDR's to")."""
    if not (tokens[j - 1].text[:1].isupper() and glued(tokens, j)) or j + 1 >= len(tokens):
        return 0
    nxt = tokens[j + 1]
    k = j + 2 if nxt.low == "s" and glued(tokens, j + 1) else j + 1
    if k == j + 1 and glued(tokens, j + 1):
        return 0
    goes_on = k < len(tokens) and tokens[k].is_word and (
        _tag(tokens[k].text)[:2] in ("NN", "JJ") or _tag(tokens[k].text) == "VBZ")  # "tracks"
    return k if goes_on else 0


def hyphened_measure(tokens: list[Token], j: int) -> bool:
    """Whether the digits at ``j`` are glued by a hyphen to a word and a noun follows: "two
    10,000-tonne cargoes", "three 30-minute sessions"; or a singular unit of measure stands
    between them and a plural noun, as wire copy writes it: "two 6,000 tonne cargoes"."""
    n = len(tokens)
    if (
        j + 2 < n
        and tokens[j + 1].is_word
        and tokens[j + 1].low in UNIT_HEADS
        and not tokens[j + 1].low.endswith("s")
        and tokens[j + 2].is_word
        and tokens[j + 2].text.islower()
        and _tag(tokens[j + 2].text) == "NNS"
    ):
        return True
    if not (j + 3 < n and tokens[j + 1].text == "-" and glued(tokens, j + 1)
            and glued(tokens, j + 2) and tokens[j + 2].is_word):
        return False
    after = tokens[j + 3]
    return after.is_word and after.text.islower() and _tag(after.text)[:2] in ("NN", "JJ")


def _adverb_of_adjective(tokens: list[Token], j: int) -> bool:
    """Whether an "-ly" adverb at ``j`` modifies the adjectives of a common noun that follows
    ("one particularly strong tackle", "20 newly built homes"); not "20 yards narrowly past
    Meldrum"."""
    t = tokens[j]
    if not (t.is_word and t.low.endswith("ly") and _tag(t.text) == "RB"):
        return False
    k = j + 1
    while k < len(tokens) and tokens[k].is_word and _tag(tokens[k].text) in ("JJ", "VBN"):
        k += 1
    if k == j + 1 or k >= len(tokens) or not tokens[k].is_word:
        return False
    return tokens[k].text.islower() and _tag(tokens[k].text) in ("NN", "NNS", "VB")


def span_text(tokens: list[Token], a: int, b: int) -> str:
    """Lower-case text of tokens ``[a, b)`` with single spaces ("ta-125", "s&p")."""
    out = []
    for x in range(a, b):
        if x > a and not glued(tokens, x):
            out.append(" ")
        out.append(tokens[x].low)
    return "".join(out)
