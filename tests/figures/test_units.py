"""Units: percent, currencies (prefixes and names), units of measure, rates, and the
spelled-out names of unit codes."""

from __future__ import annotations

import pytest

from metrics import figures


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit", "value"),
    [
        ("Sales rose 5 per cent.", "5 per cent", "percent", "%", 5),
        ("Rates rose 25 basis points.", "25 basis points", "percent", "bp", 25),
        ("It paid US$5 million.", "US$5 million", "money", "USD", 5e6),
        ("It cost RM23.50.", "RM23.50", "money", "MYR", 23.5),
        ("He was fined 966m rupees.", "966m rupees", "money", "INR", 9.66e8),
        ("Oil traded at $58.24 per barrel.", "$58.24 per barrel", "money", "USD/barrel", 58.24),
        ("The road is 415 km long.", "415 km", "quantity", "km", 415),
        ("They waited 3 hours.", "3 hours", "duration", "hours", 3),
        ("The bag weighed 208 pounds.", "208 pounds", "quantity", "lb", 208),
        ("It raised 5 million pounds.", "5 million pounds", "money", "GBP", 5e6),
    ],
)
def test_units(text, surface, kind, unit, value):
    (f,) = [f for f in figures.find(text) if f.surface == surface]
    assert (f.kind, f.unit, f.value) == (kind, unit, value)


def test_no_unit_where_letters_continue_a_name():
    assert figures.find("The 5G network opened.") == []  # an identifier, not 5 grams


def test_unit_names():
    assert figures.unit_name("km") == "kilometre"
    assert figures.unit_name("USD/barrel") == ""  # currencies are named by their code
    assert figures.unit_name("no-such-unit") == ""
