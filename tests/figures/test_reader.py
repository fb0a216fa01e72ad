"""The reader, end to end: regression cases written from news patterns (figure_cases.toml
here), the contract of ``find`` and property tests on arbitrary text (seeds: test_seeds.py)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import figures
from metrics.figures import Figure

CASES = tomllib.loads((Path(__file__).with_name("figure_cases.toml")).read_text("utf-8"))["case"]


def one(found: list[Figure], surface: str) -> Figure:
    hits = [f for f in found if f.surface == surface]
    assert len(hits) >= 1, f"{surface!r} not in {[f.surface for f in found]}"
    return hits[0]


# ----------------------------------------------------------------------------- regressions
@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_regression_cases(case):
    found = figures.find(case["text"])
    if "count" in case:
        assert len(found) == case["count"], found
    wanted = case["figures"]
    assert len(found) >= len(wanted), found
    for want, got in zip(wanted, found, strict=False):
        for key, value in want.items():
            actual = getattr(got, key)
            if key in ("value", "value_high") and isinstance(value, float | int):
                assert actual is not None and math.isclose(actual, value, rel_tol=1e-9), (key, got)
            elif key in ("value_high", "previous") and value == "none":
                assert actual is None, got
            else:
                assert actual == value, (key, got)


def test_offset_is_added():
    (f,) = figures.find("Sales rose 5%.", offset=100)
    assert (f.start, f.end, f.surface) == (111, 113, "5%")


def test_identifiers_on_request():
    text = "The COVID-19 outbreak grounded the Boeing 737 fleet."
    assert figures.find(text) == []
    kinds = {f.kind for f in figures.find(text, include_identifiers=True)}
    assert kinds == {"identifier"}


def test_many_sentences_read_together_are_read_as_one_by_one(monkeypatch):
    """``find_many`` gives each sentence what ``find`` gives it: across its batches, with
    one mention or many, a repeated sentence, a wire table's lines, dates and names."""
    from metrics.figures import reader

    texts = [c["text"] for c in CASES[:150]] + [
        "Shr 39 cts vs 50 cts\n    Net 1,545,160 vs 2,188,933\n    Revs 25.2 mln vs 19.5 mln",
        "Sales rose 5% to $3m last year.", "Nothing to count here.", "",
        "The COVID-19 outbreak grounded the Boeing 737 fleet on 14 March.",
        "Sales rose 5% to $3m last year.",
    ]
    requests = [(t, 10 * k, "2024-06-01" if k % 3 else None) for k, t in enumerate(texts)]
    for identifiers in (False, True):
        reader._SEEN.clear()
        alone = [figures.find(t, o, include_identifiers=identifiers, date=d)
                 for t, o, d in requests]
        assert sum(map(len, alone)) > 150
        monkeypatch.setattr(reader, "READ_BATCH", 7)
        reader._SEEN.clear()
        assert figures.find_many(requests, identifiers) == alone
        assert figures.find_many(requests, identifiers) == alone  # now from the cache


def test_kinds_are_declared():
    text = "On 3 May 2024 at 10.45pm, 5 firms paid $3m, 4% more, over 2 years, the 3rd time."
    for f in figures.find(text, include_identifiers=True):
        assert f.kind in figures.KINDS
    assert set(figures.KINDS) >= figures.TIME_KINDS


# ----------------------------------------------------------------------------- properties
_NUMBERISH = st.lists(
    st.sampled_from(
        [
            "5",
            "1,200",
            "3.5",
            "-7",
            "$",
            "€",
            "%",
            " percent",
            " million",
            "bn",
            "k",
            "m",
            " to ",
            "-",
            " between ",
            " and ",
            " over ",
            "about ",
            "seventy",
            " thousand",
            "a third",
            "half",
            "dozens of ",
            " rose ",
            " fell ",
            "March",
            " 12th",
            "2024",
            "COVID-19",
            " km",
            "/",
            ".",
            ",",
            " ",
            "(",
            ")",
            "one",
            "-year-old",
            "per ",
            "US$",
            "RM",
            "10:45",
            "pm",
            "0",
        ]
    ),
    max_size=25,
).map("".join)


def _check(text: str) -> None:
    for f in figures.find(text, offset=7, include_identifiers=True):
        assert text[f.start - 7 : f.end - 7] == f.surface
        assert math.isfinite(f.value)
        assert f.value_high is None or math.isfinite(f.value_high)
        assert f.kind in figures.KINDS
        assert f.bound in ("exact", "approx", "above", "below")
        assert f.change in ("", "up", "down")


@pytest.mark.parametrize("text", ["0·²", "3×²", "5x¹⁰", "2·10.5", "8×2^²"])
def test_a_power_of_a_digit_that_is_not_ascii_never_raises(text: str) -> None:
    _check(text)  # "²" is a digit to str.isdigit, not to int()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_unicode_never_raises(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
def test_number_like_text_never_raises(text):
    _check(text)


def test_period_from_the_sentence_and_the_document_date():
    found = figures.find("Sales rose 5% last year and 7% in the fourth quarter.", date="1987-03-02")
    assert [f.period for f in found if f.kind == "percent"] == ["1986", "1986-Q4"] or [
        f.period for f in found if f.kind == "percent"
    ] == ["1986", "1987-Q4"]
    (f,) = figures.find("Profit was $5m in 2024.", date="2025-01-10")[:1]
    assert f.period == "2024"
    assert figures.find("Revenue was $5m for the first half of 2025.")[0].period == "2025-H1"


def test_dates_take_the_year_of_the_document():
    (d,) = figures.find("The show runs 12 to 15 March.", date="2025-03-01")
    assert d.kind == "date_range" and (d.value, d.value_high) == (20250312, 20250315)
    assert d.period == "2025-03-12/2025-03-15"
    (d,) = figures.find("The show opens on 14 March.")
    assert d.value == 314 and d.period == "--03-14"
    (d,) = figures.find("It closed on December 30.", date="1987-01-05")
    assert d.period == "1986-12-30"


def test_table_lines_are_read_one_by_one():
    text = "Shr 39 cts vs 50 cts\n    Net 1,545,160 vs 2,188,933\n    Revs 25.2 mln vs 19.5 mln"
    found = [f for f in figures.find(text) if f.previous is not None]
    assert [(f.measure, f.kind) for f in found] == [
        ("earnings per share", "money"), ("net income", "money"), ("revenues", "money")
    ]
    assert all(text[f.start : f.end] == f.surface for f in figures.find(text, 0))


@given(st.text(alphabet="0123456789 -–to from between and vs revised down $%.,", max_size=60))
@settings(max_examples=300, deadline=None)
def test_value_high_is_never_below_value(text):
    for f in figures.find(text):
        assert f.value_high is None or f.value_high >= f.value


def test_each_figure_takes_its_own_time_phrase():
    text = "Inflation was 5.8 pct in June, 6.2 pct in July and 6.15 and 6.188 pct in August."
    got = [(f.value, f.period) for f in figures.find(text, date="1987-10-19")]
    assert got == [(5.8, "1987-06"), (6.2, "1987-07"), (6.15, "1987-08"), (6.188, "1987-08")]
    # a maturity or a report date is not what the amount refers to
    bond = figures.find("It is issuing a 120 mln ECU bond due May 15, 1995.", date="1987-04-07")
    assert bond[0].period == "" and bond[1].period == "1995-05-15"


# ----------------------------------------------------------------------------- speed paths
class _Everything:
    """A set that holds every token: turns a cheap exit ("no unit starts here") off."""

    def __contains__(self, item: object) -> bool:
        return True


def _texts() -> list[str]:
    """Sentences that reach every step: the regression cases, the seeds' sentences and
    forms each cheap exit must let through."""
    from metrics import text as text_mod

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    out = [c["text"] for c in CASES]
    for path in sorted(seeds.glob("*.txt")):
        body = path.read_text("utf-8")
        out += [body[a:b] for a, b in text_mod.sentences(body)]
    return [
        *out,
        "It cost 3/4 of a mile, 2 1/2 hours, 4e14 atoms, 8x2^10 and 1.1^23 here.",
        "Profits were $3bn, 5 million and a half, 12 dozen and 3 thousand 200 units.",
        "Revenue hit US$5, HK $3.7bn, -$5, minus 5 and $-50.8bn; RM23.50 and GEO1V.",
        "He ran 5 km, 10 mph, 65-year-old, 3 x 4 m and 2 dollars 50 cents vs 3 pounds.",
        "Prices rose 5% to 40 from 42 in the first quarter of 2024, up from 3% last year.",
    ]


def test_cheap_exits_change_no_figure(monkeypatch):
    """Every cheap exit of the reader (the digits that go on to nothing, the token before an
    amount that is no sign or currency, the tokens no unit starts with, the passes a lone
    mention skips, the repeated-sentence memo) gives the figures the full reading gives."""
    from metrics.figures import amounts, grow, reader, units

    texts = _texts()
    fast = [figures.find(t, date="2025-03-14") for t in texts]
    monkeypatch.setattr(amounts, "_ends_digits", lambda t: False)
    monkeypatch.setattr(grow, "_SIGN_OR_PREFIX_ENDS", _Everything())
    monkeypatch.setattr(units, "_UNIT_FIRSTS", _Everything())
    monkeypatch.setattr(reader, "_ONE_MENTION_PASSES", reader._PASSES)
    full = []
    for t in texts:
        reader._SEEN.clear()  # no memo: every call reads
        full.append(figures.find(t, date="2025-03-14"))
    assert fast == full
    assert sum(map(len, full)) > 300


def test_repeated_sentence_moves_to_its_offset():
    """A sentence read again at another offset (the memo) gives the figures shifted."""
    text = "Shares of the 12 firms rose 4.5% to $3.2bn in 2024."
    first = figures.find(text, offset=7)
    again = figures.find(text, offset=1000)
    assert [(f.start + 993, f.end + 993) for f in first] == [(f.start, f.end) for f in again]
    assert [f.surface for f in again] == [text[f.start - 1000 : f.end - 1000] for f in again]
    assert figures.find(text, offset=7) == first


def test_scaled_decimals_are_exact() -> None:
    """A decimal amount times its scale is the decimal number meant, not the float product
    (4275.4 * 1e9 is 4275399999999.9995)."""
    found = figures.find(
        "Sales rose to 4,275.4 billion won from 3,900.1 billion won and 0.29 mln dlrs.")
    assert [f.value for f in found] == [4275400000000.0, 3900100000000.0, 290000.0]
