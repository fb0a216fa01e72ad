"""Grow: what is written around an amount's digits -- sign, currency prefix, ordinal
suffix, scale letter, decade, uncertainty, unit, rate -- and digits that belong to a name."""

from __future__ import annotations

import pytest

from metrics import figures
from metrics.figures import tokenize
from metrics.figures.amounts import parse_number
from metrics.figures.grow import grow


def _grow(text: str, at: int = 0):
    tokens, _ = tokenize(text)
    return grow(tokens, parse_number(tokens, at))


def _only(text: str) -> figures.Figure:
    (f,) = figures.find(text, include_identifiers=True)
    return f


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit", "value"),
    [
        ("Temperatures hit -5 overnight.", "-5", "count", "", -5),
        ("It lost $-50.8bn.", "$-50.8bn", "money", "USD", -50.8e9),
        ("It fell to minus 40.", "minus 40", "count", "", -40),
        ("Shares cost HK $3.7bn in all.", "HK $3.7bn", "money", "HKD", 3.7e9),
        ("A 60th birthday.", "60th", "ordinal", "", 60),
        ("Music of the 1990s returned.", "1990s", "year", "", 1990),
        ("Sales of 35m devices.", "35m", "count", "", 35e6),
        ("He ran a 100m sprint.", "100m", "quantity", "m", 100),
        ("It weighed 2,000.45±0.01 pounds.", "2,000.45±0.01 pounds", "quantity", "lb", 2000.45),
        ("It fetched $3500 a month.", "$3500 a month", "money", "USD/month", 3500),
        ("They ran 3,000 tests per day.", "3,000", "count", "", 3000),
    ],
)
def test_grown_figures(text, surface, kind, unit, value):
    f = _only(text)
    assert (f.surface, f.kind, f.unit, f.value) == (surface, kind, unit, value)


def test_a_rate_of_counts_is_their_measure():
    f = _only("The lab ran 3,000 per day.")
    assert (f.surface, f.unit, f.measure) == ("3,000 per day", "", "per day")
    assert _only("They ran 3,000 tests per day.").measure == "tests"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The COVID-19 outbreak spread.", "COVID-19"),
        ("The 5G rollout began.", "5G"),
        ("The Boeing 737 was grounded.", "737"),  # a name before the digits, not glued
        ("Rules under Section 427 apply.", "427"),
    ],
)
def test_digits_in_names_are_identifiers(text, surface):
    f = _only(text)
    assert (f.kind, f.surface) == ("identifier", surface)


def test_grow_keeps_the_core_of_the_amount():
    m = _grow("$5m", at=1)
    assert (m.i, m.core_i, m.j) == (0, 1, 3)
    assert (m.kind, m.unit, m.value) == ("money", "USD", 5e6)
