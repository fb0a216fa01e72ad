"""Key phrases: noun-phrase candidates per document and corpus-level TF-IDF ranking."""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from metrics import phrases


def test_candidates_are_lower_case_noun_phrases_cut_at_stopwords_and_punctuation():
    text = ("The Joint Patrols arrested smugglers. Officials said the joint patrols "
            "will continue; drug trafficking remains a problem.")
    found = phrases.candidates(text)
    assert found["joint patrols"] == 2
    assert found["drug trafficking"] == 1
    assert all(p == p.lower() for p in found)
    assert not any(w in phrase.split() for phrase in found for w in ("the", "said", "will"))
    assert not any("." in p or ";" in p for p in found)


def test_verbs_and_numbers_break_phrases():
    found = phrases.candidates("Police made 70,000 arrests in the COVID-19 pandemic year 2024.")
    assert "police" in found and "arrests" in found
    assert not any("made" in p or any(ch.isdigit() for ch in p) for p in found)
    assert "covid" in found and "pandemic" in found


def test_possessive_and_line_breaks_end_a_phrase():
    found = phrases.candidates("China's railway project\nDiplomatic relations")
    assert found["china"] == 1
    assert found["railway project"] == 1
    assert found["diplomatic relations"] == 1
    assert "project diplomatic relations" not in found


def test_phrases_end_on_a_noun_and_keep_hyphenated_words():
    found = phrases.candidates("a cross-border railway corridor that is very important")
    assert "cross-border railway corridor" in found
    assert not any(p.endswith("important") for p in found)


def test_stopwords_come_from_the_data_file():
    words = phrases.stopwords()
    assert phrases.STOPWORDS_FILE.parent.name == "data"
    assert {"the", "and", "said"} <= words
    assert not any(w.startswith("#") for w in words)


def test_rank_prefers_phrases_distinctive_to_a_document():
    per_doc = {
        "a": Counter({"government": 3, "rice harvest": 2, "farmers": 1}),
        "b": Counter({"government": 3, "broadband": 2}),
        "c": Counter({"government": 1, "election": 1}),
    }
    table = phrases.rank(per_doc, top_k=2)
    assert list(table.columns) == ["doc_id", "phrase", "count", "score"]
    assert table[table.doc_id == "a"]["phrase"].tolist() == ["rice harvest", "government"]
    assert table.groupby("doc_id").size().max() == 2
    for _, rows in table.groupby("doc_id"):
        assert rows["score"].is_monotonic_decreasing
    assert table["count"].dtype == "int64" and table["score"].dtype == "float64"


def test_rank_of_a_single_document_still_scores_by_count():
    table = phrases.rank({"only": Counter({"railway": 3, "police": 1})})
    assert table["phrase"].tolist() == ["railway", "police"]
    assert (table["score"] > 0).all()


def test_rank_of_nothing_is_an_empty_table_with_the_columns():
    table = phrases.rank({})
    assert isinstance(table, pd.DataFrame) and table.empty
    assert list(table.columns) == ["doc_id", "phrase", "count", "score"]


@given(st.text())
def test_candidates_never_fail_on_any_text(text):
    found = phrases.candidates(text)
    assert all(isinstance(p, str) and p and n > 0 for p, n in found.items())


def _rank_by_the_formula(per_doc: dict[str, Counter], top_k: int) -> list[tuple]:
    """The ranking written out plainly, one phrase at a time: the oracle for ``rank``."""
    n_docs = len(per_doc)
    doc_freq = Counter(p for counts in per_doc.values() for p in counts)
    rows = []
    for doc_id, counts in per_doc.items():
        scored = []
        for phrase, count in counts.items():
            idf = math.log((1 + n_docs) / (1 + doc_freq[phrase])) + 1.0
            score = (1.0 + math.log(count)) * idf * (1.0 + 0.25 * phrase.count(" "))
            scored.append((-score, -count, phrase))
        rows += [(doc_id, p, -c, round(-s, 4)) for s, c, p in sorted(scored)[:top_k]]
    return rows


_PHRASE = st.sampled_from(["railway", "rail way", "gdp", "police", "a b c", "laos", "Zoo", "é"])


@given(st.dictionaries(st.text(min_size=1, max_size=3),
                       st.dictionaries(_PHRASE, st.integers(1, 5)).map(Counter), max_size=8),
       st.integers(1, 4))
def test_rank_matches_the_formula_phrase_by_phrase(per_doc, top_k):
    table = phrases.rank(per_doc, top_k=top_k)
    assert list(table.itertuples(index=False, name=None)) == _rank_by_the_formula(per_doc, top_k)


_PIECES = st.sampled_from([*"ab Zé-'’s\n\t.,3_½²\u2028\x1c", "the", "railway", "joint"])


@given(st.lists(_PIECES).map("".join) | st.text())
def test_tokens_are_the_token_regex_matches(text):
    assert phrases.tokens(text) == phrases._TOKEN.findall(text)


def _build_word_classes():
    """tools/build_word_classes.py as a module (tools/ is no package)."""
    path = Path(__file__).resolve().parents[1] / "tools" / "build_word_classes.py"
    spec = importlib.util.spec_from_file_location("build_word_classes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_word_classes_file_is_the_installed_brill_lexicon():
    tool = _build_word_classes()
    derived = phrases.brill_classes(tool.lexicon_text())
    assert phrases.WORD_CLASSES_FILE.read_text(encoding="utf-8") == tool.render(derived)
    # every token (never holding whitespace) gets the class the lexicon itself gives
    derived.update(dict.fromkeys(phrases.stopwords(), phrases._BREAK))
    derived.update(dict.fromkeys("abcdefghijklmnopqrstuvwxyz", phrases._BREAK))
    derived[""] = phrases._BREAK
    loaded = phrases._classes()
    tokens_alike = {w: c for w, c in derived.items() if w.split() == [w] or w == ""}
    assert {w: loaded.get(w, phrases._HEAD) for w in tokens_alike} == tokens_alike
    assert all(derived[w] == c for w, c in loaded.items())


def test_brill_classes_prefer_the_lower_case_entry_then_the_first():
    lexicon = ";;; comment\nPolish JJ\npolish NN\nApple NNP\nAPPLE JJ\nrunning VBG\nx NN VB\n"
    assert phrases.brill_classes(lexicon) == {
        "polish": "H", "apple": "H", "running": "P", "x": "B"}
