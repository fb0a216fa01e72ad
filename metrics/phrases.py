"""Key phrases (placeholder until the ranked noun-phrase extractor lands)."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd


def candidates(text: str) -> Counter[str]:
    """Capitalised multi-word runs, lower-cased (placeholder)."""
    return Counter(m.lower() for m in re.findall(r"\b(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+", text))


def rank(per_doc: dict[str, Counter], top_k: int = 10) -> pd.DataFrame:
    """Top phrases per document by count (placeholder)."""
    rows = [(d, p, n, float(n)) for d, c in per_doc.items() for p, n in c.most_common(top_k)]
    return pd.DataFrame(rows, columns=["doc_id", "phrase", "count", "score"])
