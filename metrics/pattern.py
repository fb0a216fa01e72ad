"""TextBlob's pattern modules, ``textblob._text`` and ``textblob.en``, without NLTK.

The tone port (``metrics.sentiment``) and the figure tagger (``metrics.figures.nouns``)
need only these two modules of the textblob package: the sentiment lexicon, pattern's
constants and the Brill word -> tag lexicon. Neither imports anything outside the standard
library, but ``import textblob.en`` first runs ``textblob/__init__.py``, which imports
NLTK: about 0.2 s at every start of the CLI and of every worker. So the two are loaded
from the installed package's files under their own names (the modules are the very ones
``import textblob`` gives later, which then finds them in ``sys.modules``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _load(name: str, path: Path) -> ModuleType:
    """The module ``name`` (``textblob._text``, ``textblob.en``) run from ``path``."""
    if name in sys.modules:
        return sys.modules[name]
    if "textblob" in sys.modules:  # the package is imported already: nothing to save
        return importlib.import_module(name)
    spec = importlib.util.spec_from_file_location(
        name, path, submodule_search_locations=[str(path.parent)]
        if path.name == "__init__.py" else None)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {name} from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _package_dir() -> Path:
    """Where the textblob package is installed (found without running its __init__)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or spec.origin is None:
        raise ImportError("textblob is not installed (pip install textblob)")
    return Path(spec.origin).parent


_ROOT = _package_dir()
text = _load("textblob._text", _ROOT / "_text.py")
en = _load("textblob.en", _ROOT / "en" / "__init__.py")


def brill_lexicon() -> dict[str, str]:
    """TextBlob's Brill word -> Penn tag lexicon (``en-lexicon.txt``), as
    ``textblob.en.lexicon`` loads it, read in a quarter of its time."""
    lines = Path(en.lexicon.path).read_text(encoding="utf-8").splitlines()
    pairs = (line.strip().split(" ")[:2] for line in lines)
    return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith(";;;")}
