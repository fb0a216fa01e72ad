"""Where the single worker's time goes: CPU ms per document of each stage of
``metrics.analyze(frame, workers=1)``, on the corpus ``bench.py`` times, beside the floor.

    python benchmarks/profile_stages.py [--docs 1000]

Runs what ``bench.py``'s ``themewatch_single`` runs (the first N documents of its BBC
corpus, read from ``../shared/corpus/`` at run time), with each stage's function wrapped
in a CPU timer (about a microsecond per call, so the per-sentence stages read a little
high); a stage's first call includes its one-time set-up (indexing the taxonomy's or the
gazetteer's words, loading a lexicon), which is also timed alone at the end. Then times
``TextBlob(sentence).sentiment`` on every sentence of the same documents (``bench.py``'s
floor) in the same process, so the two are comparable on a busy machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402

clock = time.process_time


def _wrap(owner: object, name: str, label: str, spent: dict[str, float]) -> None:
    """Replace ``owner.name`` by the same function that adds its CPU time to spent[label]."""
    inner: Callable = getattr(owner, name)

    def timed(*args: object, **kwargs: object) -> object:
        started = clock()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + clock() - started

    setattr(owner, name, timed)


def stages(frame: object) -> tuple[float, dict[str, float]]:
    """CPU seconds of ``metrics.analyze(frame, workers=1)`` and of each stage in it."""
    import metrics
    from metrics import analysis, pipeline

    spent: dict[str, float] = {}
    for owner, name, label in [
        (analysis, "documents_of", "read documents (load)"),
        (pipeline.text, "sentences", "split sentences"),
        (pipeline.sentiment, "score_spans", "sentiment (TextBlob port)"),
        (pipeline.themes, "match", "themes: match"),
        (pipeline.themes, "ranked_ids", "themes: rank per sentence"),
        (pipeline.themes, "summarize", "themes: per document"),
        (pipeline.figures, "find_many", "figures"),
        (pipeline, "_figures_in", "figures"),  # sentences longer than LONG_SENTENCE
        (pipeline, "place_rows", "places"),
        (pipeline.phrases, "candidates", "phrases: candidates"),
        (pipeline.text, "count_words", "count words"),
        (pipeline, "analyze_documents", "per-document steps (all)"),
        (pipeline, "assemble", "assemble tables (all)"),
        (pipeline.phrases, "rank", "assemble: rank phrases"),
        (pipeline, "salience", "assemble: salience"),
    ]:
        _wrap(owner, name, label, spent)
    scorer = pipeline.sentiment.score_spans
    pipeline.sentiment.span_scorer = lambda name=None: scorer  # the wrapped default
    started = clock()
    metrics.analyze(frame, workers=1)
    return clock() - started, spent


def set_up_costs() -> dict[str, float]:
    """CPU seconds of each lazy one-time set-up, timed alone in this process (after
    ``stages`` ran, so on fresh copies where the result is cached)."""
    import re

    from metrics import phrases, places, sentiment, themes

    re.purge()  # re caches compiled patterns: compile them again
    out = {}
    started = clock()
    themes.load_taxonomy().compiled()
    out["taxonomy forms (word index)"] = clock() - started
    started = clock()
    places.gazetteer.__wrapped__()
    out["gazetteer (names, word index)"] = clock() - started
    started = clock()
    phrases._classes.__wrapped__()
    out["phrase word classes (Brill lexicon)"] = clock() - started
    started = clock()
    sentiment._lexicon.__wrapped__()
    out["sentiment lexicon table"] = clock() - started
    return out


def floor(frame: object) -> float:
    """CPU seconds of ``TextBlob(sentence).sentiment`` on every sentence (split untimed)."""
    return bench.run_floor(frame, 1)[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args(argv)
    if not bench.BBC.exists():
        print(f"profile_stages: {bench.BBC} not found", file=sys.stderr)
        return 2
    frame = bench.synthetic(args.docs)
    n = len(frame)
    total, spent = stages(frame)
    print(f"metrics.analyze(frame, workers=1) on {n} documents: {1000 * total / n:.2f} CPU ms/doc")
    for label, seconds in spent.items():
        print(f"  {label:<34}{1000 * seconds / n:7.3f} ms/doc")
    print("one-time set-up (included above, in the first call of its stage):")
    for label, seconds in set_up_costs().items():
        print(f"  {label:<44}{1000 * seconds:6.0f} ms")
    cost = floor(frame)
    print(f"floor, TextBlob per sentence: {1000 * cost / n:.2f} CPU ms/doc; "
          f"floor / themewatch {cost / total:.2f}x (bench.py's bar: >= 1.2x in docs/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
