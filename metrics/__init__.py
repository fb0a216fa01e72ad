"""themewatch metrics: documents in, tidy tables of figures, themes and sentiment out.

>>> import metrics
>>> corpus = metrics.analyze("seeds/")                # or store=True, workers=, engine=
>>> corpus.figures[["surface", "value", "kind", "measure"]]
>>> corpus.stats                                     # analysed=2 reused=0
"""

from metrics.analysis import analyze
from metrics.documents import Document, LoadError, load, load_bytes
from metrics.figures import Figure
from metrics.pipeline import COLUMNS, EXTRACTOR_VERSION, Corpus, Stats, analyze_document
from metrics.themes import Taxonomy, load_taxonomy

__version__ = "0.1.0"
__all__ = [
    "COLUMNS",
    "EXTRACTOR_VERSION",
    "Corpus",
    "Document",
    "Figure",
    "LoadError",
    "Stats",
    "Taxonomy",
    "analyze",
    "analyze_document",
    "load",
    "load_bytes",
    "load_taxonomy",
]
