"""The system allocator for Arrow while tables are built (metrics/arrowpool.py)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from metrics import arrowpool


def test_system_pool_inside_and_the_previous_one_after():
    before = pa.default_memory_pool().backend_name
    with arrowpool.system_allocator():
        assert pa.default_memory_pool().backend_name == "system"
        column = pd.Series(["a figure", "a theme"] * 100)
    assert pa.default_memory_pool().backend_name == before
    # a buffer made inside stays readable after the pool is switched back
    assert column.str.len().sum() == 1500


def test_analysis_tables_are_built_with_it(monkeypatch):
    from metrics import analyze

    seen = []
    real = pd.DataFrame.__init__

    def spy(self, *args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "__init__", spy)
    corpus = analyze(pd.DataFrame({"text": ["Sales rose 5% to $3m in 2024."]}))
    assert corpus.figures["value"].tolist()[0] == 5.0
    assert "system" in seen
