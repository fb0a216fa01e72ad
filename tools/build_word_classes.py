"""Build ``metrics/data/word_classes.txt``, the word classes key phrases look up.

Run once per TextBlob version (the result is committed; ``tests/test_phrases.py`` fails
when it no longer matches the installed TextBlob's lexicon):

    python tools/build_word_classes.py

The source is the Brill lexicon that ships inside TextBlob (``textblob/en/en-lexicon.txt``,
from Brill's tagger v1.14, trained on the Brown corpus and the Penn Treebank), read by
``metrics.phrases.brill_classes``. Only what a look-up can tell apart from the default is
written: heads are left out (a word the file does not hold is a head), and so are words
holding whitespace (a token never does). The stop words are not baked in: ``phrases``
adds them from ``data/stopwords.txt`` when it loads the file.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics import phrases  # noqa: E402

HEADER = """\
# Word classes for key phrases (metrics/phrases.py): M modifier (adjective), P participle,
# B break (any other part of speech); a word not listed is a head (noun). Derived from the
# Brill lexicon that ships inside TextBlob (textblob/en/en-lexicon.txt) by
# tools/build_word_classes.py; do not edit by hand. One lower-case word a line under its
# "# class X" line; no other comment lines below the first one.
"""


def lexicon_text() -> str:
    """The installed TextBlob's Brill lexicon."""
    return resources.files("textblob.en").joinpath("en-lexicon.txt").read_text("utf-8")


def listed(classes: dict[str, str]) -> dict[str, str]:
    """The entries the file holds: not heads, and no whitespace in the word."""
    return {w: c for w, c in classes.items()
            if c != phrases._HEAD and w and w.split() == [w]}


def render(classes: dict[str, str]) -> str:
    """The file's text for word -> class ``classes``."""
    out = [HEADER]
    kept = listed(classes)
    for cls in sorted(set(kept.values())):
        out.append(f"# class {cls}\n")
        out.extend(f"{w}\n" for w in sorted(w for w, c in kept.items() if c == cls))
    return "".join(out)


def main() -> int:
    text = render(phrases.brill_classes(lexicon_text()))
    phrases.WORD_CLASSES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {phrases.WORD_CLASSES_FILE} ({text.count(chr(10)):,} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
