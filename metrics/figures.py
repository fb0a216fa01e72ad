"""Figures: every numeric expression in a sentence, with its value, unit, kind and measure.

Contract (the pipeline, exports and evaluations rely on it): ``find(text, offset)``
returns ``Figure`` rows whose ``start``/``end`` are offsets into the document, so that
``document_text[start:end] == surface``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = (
    "count", "percent", "money", "quantity", "duration",
    "ordinal", "year", "date", "date_range", "identifier",
)
TIME_KINDS = frozenset({"year", "date", "date_range"})


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric expression found in a sentence."""

    start: int
    end: int
    surface: str
    value: float
    value_high: float | None
    unit: str
    kind: str
    measure: str
    qualifier: str
    bound: str
    change: str


_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


def find(text: str, offset: int = 0, include_identifiers: bool = False) -> list[Figure]:
    """Figures in ``text`` (one sentence); offsets are shifted by ``offset``.

    Placeholder grammar: bare numbers only. Replaced by the full number grammar.
    """
    out = []
    for m in _NUMBER.finditer(text):
        value = float(m.group().replace(",", ""))
        out.append(Figure(m.start() + offset, m.end() + offset, m.group(), value, None,
                          "", "count", "", "", "exact", ""))
    return out
