"""Tone: TextBlob's PatternAnalyzer polarity (-1..1) and subjectivity (0..1).

``score`` is exactly ``TextBlob(text).sentiment``, what any TextBlob user gets; it needs
no NLTK data. Aggregates (per document, per theme) are computed from sentence scores.
"""

from __future__ import annotations

from collections.abc import Sequence

from textblob.en import sentiment as _pattern_sentiment


def score(text: str) -> tuple[float, float]:
    """(polarity, subjectivity) of ``text``, identical to ``TextBlob(text).sentiment``."""
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    """Mean of ``values`` weighted by ``weights`` (e.g. sentence lengths); 0.0 when empty."""
    total = sum(weights)
    if not total:
        return 0.0
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total
