"""themewatch metrics: documents in, tidy tables of figures, themes and sentiment out.

>>> import metrics
>>> corpus = metrics.analyze("seeds/")
>>> corpus.figures[["surface", "value", "kind", "measure"]]
"""

from metrics.documents import Document, LoadError, load, load_bytes
from metrics.figures import Figure
from metrics.pipeline import COLUMNS, EXTRACTOR_VERSION, Corpus, analyze, analyze_document
from metrics.themes import Taxonomy, load_taxonomy

__version__ = "0.1.0"
__all__ = [
    "COLUMNS",
    "EXTRACTOR_VERSION",
    "Corpus",
    "Document",
    "Figure",
    "LoadError",
    "Taxonomy",
    "analyze",
    "analyze_document",
    "load",
    "load_bytes",
    "load_taxonomy",
]
