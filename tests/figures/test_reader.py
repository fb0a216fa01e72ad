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
            elif key == "value_high" and value == "none":
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


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_unicode_never_raises(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
def test_number_like_text_never_raises(text):
    _check(text)
