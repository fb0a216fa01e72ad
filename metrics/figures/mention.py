"""The figure reader's types: ``Figure`` (what ``find`` returns), ``Mention`` (a figure while
it is being read) and the kinds a figure can have."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.figures.amounts import Amount

COUNT = "count"
PERCENT = "percent"
MONEY = "money"
QUANTITY = "quantity"
DURATION = "duration"
ORDINAL = "ordinal"
YEAR = "year"
DATE = "date"
DATE_RANGE = "date_range"
IDENTIFIER = "identifier"
TIME = "time"
PARTITIVE = "partitive"  # "one of the biggest": a member picked out of a group, no count

KINDS = (
    COUNT,
    PERCENT,
    MONEY,
    QUANTITY,
    DURATION,
    ORDINAL,
    YEAR,
    DATE,
    DATE_RANGE,
    IDENTIFIER,
    TIME,
    PARTITIVE,
)

# "time" (a clock time such as "10.45pm") is a time kind too: tables of key figures drop them.
TIME_KINDS = frozenset({YEAR, DATE, DATE_RANGE, TIME})
# The amounts a monitoring table leads with: counts, percents, money and quantities.
KEY_KINDS = (COUNT, PERCENT, MONEY, QUANTITY)
# Dates and clock times: read whole by ``metrics.figures.dates``, no ranges or context.
CALENDAR_KINDS = frozenset({DATE, DATE_RANGE, TIME})
# Kinds that are amounts of something: what a qualifier or a range can apply to.
AMOUNT_KINDS = frozenset({COUNT, PERCENT, MONEY, QUANTITY, DURATION, ORDINAL})
# Kinds that take context (change, measure, unit) from neighbouring amounts.
CONTEXT_KINDS = frozenset({COUNT, PERCENT, MONEY, QUANTITY, DURATION})


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
    previous: float | None = None  # the earlier value the sentence states ("up from 5%")
    period: str = ""  # the time the figure refers to, ISO-like: "2024", "2024-Q4", "2025-03"


@dataclass(slots=True)
class Mention:
    """A figure while it is being read: token span ``[i, j)`` and the fields of ``Figure``."""

    i: int  # first token (prefixes included)
    j: int  # token after the last
    value: float
    high: float | None = None
    unit: str = ""
    kind: str = COUNT
    measure: str = ""
    qualifier: str = ""
    bound: str = "exact"
    change: str = ""
    amount: Amount | None = None
    previous: float | None = None
    period: str = ""
    core_i: int = 0
    guessed: bool = False  # measure taken from the subject before the amount

    @property
    def bare(self) -> bool:
        return self.kind == COUNT and not self.unit
