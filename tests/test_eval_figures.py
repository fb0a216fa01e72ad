"""The scorer of benchmarks/eval_figures.py: how an expected unit is matched to ours."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import eval_figures as ev


def _count(measure: str) -> ev.Pred:
    return ev.Pred(2.0, None, "", "count", measure, "=", "two", None, "=")


def _money(unit: str) -> ev.Pred:
    return ev.Pred(5.0, None, unit, "money", "", "=", "5", None, "=")


def test_lower_case_unit_is_a_word_not_an_iso_code() -> None:
    # "try" is the Turkish lira's code, but a labelled unit "try" is a rugby try
    assert ev.unit_match("try", _count("tries"), ev._ours_currency)
    assert not ev.unit_match("try", _money("TRY"), ev._ours_currency)
    assert not ev.unit_match("try", _count("country"), ev._ours_currency)
    assert ev.unit_match("TRY", _money("TRY"), ev._ours_currency)


def test_people_and_person_are_one_unit() -> None:
    assert ev.unit_match("people", _count("person"), ev._ours_currency)
    assert ev.unit_match("person", _count("people"), ev._ours_currency)
    assert not ev.unit_match("people", _count("cars"), ev._ours_currency)
    assert not ev.unit_match("people", _count("personnel"), ev._ours_currency)


def test_irregular_plurals_in_f() -> None:
    assert ev.singular("lives") == "life"
    assert ev.unit_match("life", _count("lives"), ev._ours_currency)


def test_currency_full_names() -> None:
    assert ev.unit_match("United Arab Emirates dirham", _money("AED"), ev._ours_currency)
    assert ev.unit_match("Soviet rouble per month", _money("RUB/month"), ev._ours_currency)
    assert not ev.unit_match("United Arab Emirates dirham", _money("USD"), ev._ours_currency)


def test_a_bound_beats_a_direction_and_a_direction_an_approximation() -> None:
    # NewsQuant's one change field: "lost more than 60%" is ">", "rose about 1.5%" is "up"
    assert ev._nq_change("down", "above") == ">"
    assert ev._nq_change("up", "below") == "<"
    assert ev._nq_change("up", "approx") == "up"
    assert ev._nq_change("", "approx") == "~"
    assert ev._nq_change("", "exact") == "="


def test_pence_are_pennies() -> None:
    assert ev.unit_match("penny", _money("pence"), ev._ours_currency)
