"""Lexicon: the figure reader's vocabulary comes from ``metrics/data/`` only, loaded by one
module, and its tables hold what the stages look up."""

from __future__ import annotations

import re
from pathlib import Path

import metrics.figures
from metrics.figures import lexicon

PACKAGE = Path(metrics.figures.__file__).parent


def test_only_the_lexicon_reads_data_files():
    for path in PACKAGE.glob("*.py"):
        if path.name == "lexicon.py":
            continue
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"tomllib|read_text|open\(|\"data\"", code), path.name


def test_tables():
    assert lexicon.CARDINALS["seventy"] == 70
    assert lexicon.SCALES["billion"] == 1e9
    assert lexicon.VAGUE["dozens"][0] == 12
    assert lexicon.MONTHS["december"] == 12
    assert "USD" in lexicon.CURRENCIES
    assert "the" in lexicon.STOPWORDS
    assert {"seventy", "a", "half"} <= lexicon.STARTERS
