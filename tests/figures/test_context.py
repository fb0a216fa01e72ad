"""Context: the qualifier and bound, the change, the measure, and what amounts carry over
from their neighbours."""

from __future__ import annotations

import pytest

from metrics import figures
from metrics.figures import tidy_measure


def _fig(text: str, surface: str) -> figures.Figure:
    hits = [f for f in figures.find(text) if f.surface == surface]
    assert hits, (surface, figures.find(text))
    return hits[0]


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "bound"),
    [
        ("It employs more than 500 people.", "more than 500", "more than", "above"),
        ("Prices fell by about 3%.", "about 3%", "about", "approx"),
        ("The fund holds up to $2m.", "up to $2m", "up to", "below"),
        ("It cost exactly $40.", "exactly $40", "exactly", "exact"),
        ("It cost $40.", "$40", "", "exact"),
    ],
)
def test_qualifier_and_bound(text, surface, qualifier, bound):
    f = _fig(text, surface)
    assert (f.qualifier, f.bound) == (qualifier, bound)


@pytest.mark.parametrize(
    ("text", "surface", "change"),
    [
        ("Sales rose 5% last year.", "5%", "up"),
        ("Shares fell 2.3% on Monday.", "2.3%", "down"),
        ("The index closed 1.2% higher.", "1.2%", "up"),
        ("Sales were 5% of revenue.", "5%", ""),
    ],
)
def test_change(text, surface, change):
    assert _fig(text, surface).change == change


def test_measure_is_the_counted_noun_or_the_subject():
    assert _fig("The company hired 300 engineers.", "300").measure == "engineers"
    assert _fig("Revenue rose 7% in the quarter.", "7%").measure == "revenue"
    assert _fig("a 76% rise in profits", "76%").measure == "profits"


def test_context_is_carried_to_a_restated_amount():
    found = figures.find("The Dow lost 190 points, or 0.6%, on Friday.")
    points, pct = found[0], found[1]
    assert pct.surface == "0.6%"
    assert points.change == pct.change == "down"
    eight, nine = figures.find("It costs 8 or 9 euros.")
    assert eight.unit == nine.unit == "EUR" and eight.kind == "money"
    (both,) = figures.find("It costs eight or nine euros.")  # in words: one range
    assert (both.value, both.value_high, both.unit) == (8, 9, "EUR")


def test_tidy_measure_is_a_short_noun_phrase():
    assert tidy_measure("the fair value of the investment properties") == (
        "fair value of investment properties"
    )
    assert tidy_measure("net profit for the third quarter of 2007") == "net profit"
    assert tidy_measure("order book at the end of 2010") == "order book"
    assert tidy_measure("kesko corporation and aspo plc today") == "kesko corporation and aspo plc"
    assert tidy_measure("shares of urban outfitters and ross") == "urban outfitters and ross"
    assert tidy_measure("") == ""
    long = (
        "Finnish metal products company Componenta Oyj net profit rose to 26.1 mln euro "
        "($35.9 mln) for the first quarter, and sales for the Department Store Division "
        "increased by 15%."
    )
    determiners = {"the", "a", "an", "its", "their", "this", "that"}
    for f in figures.find(long):
        words = f.measure.split()
        assert len(words) <= 5, f
        assert not determiners & set(words), f
        assert f.measure == f.measure.lower(), f


