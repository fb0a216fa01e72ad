"""Mention: the kinds as named constants, and the two types a figure is read into."""

from __future__ import annotations

import dataclasses

from metrics import figures
from metrics.figures import mention


def test_kinds_are_the_named_constants():
    assert figures.KINDS == (
        mention.COUNT,
        mention.PERCENT,
        mention.MONEY,
        mention.QUANTITY,
        mention.DURATION,
        mention.ORDINAL,
        mention.YEAR,
        mention.DATE,
        mention.DATE_RANGE,
        mention.IDENTIFIER,
        mention.TIME,
        mention.PARTITIVE,
    )
    assert len(set(figures.KINDS)) == len(figures.KINDS)
    assert {"year", "date", "date_range", "time"} == figures.TIME_KINDS
    assert set(figures.KEY_KINDS) == {"count", "percent", "money", "quantity"}
    assert mention.CALENDAR_KINDS < figures.TIME_KINDS
    # every kind is a time kind, an amount kind or an identifier
    assert set(figures.KINDS) == (
        figures.TIME_KINDS | mention.AMOUNT_KINDS | {mention.IDENTIFIER, mention.PARTITIVE}
    )
    assert mention.AMOUNT_KINDS - {mention.ORDINAL} == mention.CONTEXT_KINDS


def test_figure_fields_are_the_table_columns():
    names = [f.name for f in dataclasses.fields(figures.Figure)]
    assert names == [
        "start", "end", "surface", "value", "value_high", "unit", "kind", "measure",
        "qualifier", "bound", "change", "previous", "period",
    ]


def test_a_mention_is_bare_until_it_has_a_unit_or_kind():
    m = mention.Mention(0, 1, 5.0)
    assert m.bare and m.kind == mention.COUNT and m.bound == "exact"
    m.unit = "km"
    assert not m.bare
    assert not mention.Mention(0, 1, 5.0, kind=mention.PERCENT).bare
