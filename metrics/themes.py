"""Themes: a taxonomy of news topics (a data file) matched against sentences.

Contract: ``load_taxonomy(path=None)`` -> ``Taxonomy``; ``match(text, taxonomy, offset)``
-> ``Hit`` rows (one per matched term occurrence); ``summarize(hits, taxonomy)`` ->
``ThemeScore`` rows, best first, used for sentences and whole documents alike.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TAXONOMY = Path(__file__).parent / "data" / "themes.toml"


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    iptc: str
    terms: tuple[str, ...]


@dataclass(slots=True)
class Taxonomy:
    themes: list[Theme]
    source: str = "default"
    _pattern: re.Pattern | None = field(default=None, repr=False)

    def label(self, theme_id: str) -> str:
        return next((t.label for t in self.themes if t.id == theme_id), theme_id)


@dataclass(frozen=True, slots=True)
class Hit:
    theme: str
    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ThemeScore:
    theme: str
    label: str
    hits: int
    share: float
    terms: tuple[str, ...]


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a taxonomy TOML file (the bundled default when ``path`` is None)."""
    p = Path(path) if path else DEFAULT_TAXONOMY
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    themes = [
        Theme(tid, spec.get("label", tid), str(spec.get("iptc", "")), tuple(spec.get("terms", ())))
        for tid, spec in data.get("themes", {}).items()
    ]
    return Taxonomy(themes, source=str(p))


def match(text: str, taxonomy: Taxonomy, offset: int = 0) -> list[Hit]:
    """Every taxonomy term occurring in ``text`` on word boundaries (placeholder matcher)."""
    hits = []
    low = text.lower()
    for theme in taxonomy.themes:
        for term in theme.terms:
            for m in re.finditer(r"\b" + re.escape(term.lower()) + r"s?\b", low):
                hits.append(Hit(theme.id, term, m.start() + offset, m.end() + offset))
    return hits


def summarize(hits: list[Hit], taxonomy: Taxonomy) -> list[ThemeScore]:
    """Themes ranked by hits, with their share of all hits and the terms matched."""
    counts = Counter(h.theme for h in hits)
    total = sum(counts.values())
    order = {t.id: i for i, t in enumerate(taxonomy.themes)}
    ranked = sorted(counts, key=lambda t: (-counts[t], order.get(t, 1_000)))
    return [
        ThemeScore(t, taxonomy.label(t), counts[t], counts[t] / total,
                   tuple(sorted({h.term for h in hits if h.theme == t})))
        for t in ranked
    ]
