"""Dates: dates, day ranges and clock times in sentences, and the full dates
``metrics.documents`` finds in raw text with the same month table."""

from __future__ import annotations

import pytest

from metrics import documents, figures
from metrics.figures.dates import FULL_DATES, MONTHS


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "high"),
    [
        ("Talks open on 14 March.", "14 March", "date", 314, None),
        ("It was signed on December 3, 2021.", "December 3, 2021", "date", 20211203, None),
        ("Output fell in March 2019.", "March 2019", "date", 20190300, None),
        ("The fair runs 12 to 15 March.", "12 to 15 March", "date_range", 312, 315),
        ("Filed on 2025-03-14 in Vientiane.", "2025-03-14", "date", 20250314, None),
        ("The train left at 10.45pm.", "10.45pm", "time", 2245, None),
        ("Trading stopped at 17:22 GMT.", "17:22 GMT", "time", 1722, None),
        ("It was held on the 3rd of May 2020.", "3rd of May 2020", "date", 20200503, None),
    ],
)
def test_dates_and_times(text, surface, kind, value, high):
    (f,) = [f for f in figures.find(text) if f.surface == surface]
    assert (f.kind, f.value, f.value_high) == (kind, value, high)
    assert f.kind in figures.TIME_KINDS


def test_may_is_a_month_only_where_a_date_is_written():
    assert [f.kind for f in figures.find("Prices may rise 5%.")] == ["percent"]
    assert [f.kind for f in figures.find("It opened on 5 May 2020.")] == ["date"]


def test_one_month_table():
    assert MONTHS["march"] == MONTHS["mar"] == 3
    assert MONTHS["sept"] == 9
    assert len(set(MONTHS.values())) == 12


def test_documents_find_full_dates_with_the_same_months():
    assert documents.first_date("Signed in Vientiane on Sept. 3 2021 by both.") == "2021-09-03"
    assert documents.first_date("Dated 3rd Dec 2021, sent 2021-12-05.") == "2021-12-03"
    assert documents.first_date("No date here, only 2021.") is None
    orders = [order for _, order in FULL_DATES]
    assert orders == ["mdy", "dmy", "ymd"]
