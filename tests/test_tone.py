"""Tone analyzers other than TextBlob (vader-finance), their choice through the front door,
the CLI, the pool and the store, lexicon-trap flags, and the committed agreement figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from textblob import TextBlob

import metrics
from metrics import cli, sentiment, sentiment_traps, stream, vader_finance
from metrics.documents import Document

ROOT = Path(__file__).resolve().parents[1]
PHRASEBANK = ROOT.parent / "shared" / "eval" / "financial_phrasebank_sentiment.csv"
sys.path.insert(0, str(ROOT / "benchmarks"))
import eval_sentiment  # noqa: E402

# Our own regression cases, one per class of financial wording (written here, not taken
# from any evaluation set): (sentence, expected sign).
FINANCE_CASES = [
    ("Operating profit rose to EUR 13.1 million from EUR 8.7 million.", 1),
    ("Net sales increased by 12% in the third quarter.", 1),
    ("The group's pre-tax loss narrowed to $3 million.", 1),
    ("Costs jumped 20% this year.", -1),
    ("Revenue fell 8% on weaker demand.", -1),
    ("Quarterly earnings dropped sharply.", -1),
    ("The company reported an impairment charge on its plants.", -1),
    ("There was an increase in order intake and in sales.", 1),
    ("Unemployment fell to its lowest level in a decade.", 1),
    ("Debt rose to 90% of output.", -1),
    ("Profit did not rise this year.", -1),
    ("The board will meet on Tuesday in Helsinki.", 0),
    ("The company provides software solutions and support.", 0),
    ("Profit rose sharply.", 1),
    ("Unemployment fell to its lowest level in a decade.", 1),
    ("Tax and capital rules apply to the liability.", 0),
]


@pytest.mark.parametrize(("sentence", "sign"), FINANCE_CASES)
def test_vader_finance_reads_financial_direction(sentence: str, sign: int) -> None:
    polarity, subjectivity = sentiment.score(sentence, "vader-finance")
    label = eval_sentiment.label(polarity, 0.05)
    assert label == {1: "positive", 0: "neutral", -1: "negative"}[sign], (sentence, polarity)
    assert 0.0 <= subjectivity <= 1.0


def test_default_analyzer_is_textblob_exactly() -> None:
    text = "The outlook is not quite so bleak. These are the greatest risks!"
    assert sentiment.score(text) == tuple(TextBlob(text).sentiment)
    assert sentiment.score(text, "textblob") == tuple(TextBlob(text).sentiment)
    assert sentiment.span_scorer(None) is sentiment.score_spans


def test_unknown_analyzer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sentiment analyzer"):
        metrics.analyze(["Good news."], sentiment="nope")


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "vaderSentiment" else real(name, *a))
    assert not sentiment.available("vader-finance")
    with pytest.raises(ImportError, match=r"themewatch\[tone\]"):
        sentiment.check("vader-finance")


def test_lm_lists_come_from_the_package() -> None:
    negative, positive, neutral = vader_finance.lm_words()
    assert {"impairment", "decline", "loss"} <= negative
    assert {"profitable", "achieve"} <= positive
    assert not negative & positive
    assert "company" in neutral


def test_document_scores_are_sentence_means() -> None:
    body = "Profit rose strongly. Costs jumped. The board met."
    spans = [(0, 21), (22, 34), (35, 49)]
    scores, (pol, subj) = vader_finance.score_spans(body, spans)
    assert scores == [vader_finance.score(body[a:b]) for a, b in spans]
    assert pol == pytest.approx(sum(p for p, _ in scores) / 3)
    assert subj == pytest.approx(sum(s for _, s in scores) / 3)


def test_front_door_pool_and_rows_carry_the_analyzer(seeds_dir: Path) -> None:
    plain = metrics.analyze(seeds_dir)
    vf = metrics.analyze(seeds_dir, sentiment="vader-finance", workers=2)  # a process pool
    one = metrics.analyze(seeds_dir, sentiment="vader-finance", workers=1)
    assert set(plain.documents["analyzer"]) == {"textblob"}
    assert set(vf.documents["analyzer"]) == {"vader-finance"}
    pd.testing.assert_frame_equal(vf.sentences, one.sentences)
    expected = [vader_finance.score(t)[0] for t in vf.sentences["text"]]
    assert vf.sentences["polarity"].tolist() == expected
    assert plain.sentences["polarity"].tolist() != vf.sentences["polarity"].tolist()
    # the default's numbers stay TextBlob's
    assert plain.sentences["polarity"].tolist() == [
        TextBlob(t).sentiment.polarity for t in plain.sentences["text"]]


def test_store_keeps_analyzers_apart(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    a = metrics.analyze(seeds_dir, store=db)
    b = metrics.analyze(seeds_dir, store=db, sentiment="vader-finance")
    assert (b.stats.analysed, b.stats.reused) == (2, 0)  # nothing of TextBlob's reused
    assert set(b.documents["analyzer"]) == {"vader-finance"}
    again = metrics.analyze(seeds_dir, store=db, sentiment="vader-finance")
    assert again.stats.reused == 2
    pd.testing.assert_frame_equal(again.sentences, b.sentences)
    back = metrics.analyze(seeds_dir, store=db)
    pd.testing.assert_frame_equal(back.sentences, a.sentences)
    assert set(back.documents["analyzer"]) == {"textblob"}


def test_stream_store_keeps_analyzers_apart(tmp_path: Path) -> None:
    db = tmp_path / "wire.duckdb"
    docs = [Document(f"d{i}", f"Story {i}", "2025-01-0" + str(i + 1), "wire",
                     f"Quarterly profit rose {i + 5}% as sales climbed.") for i in range(3)]
    report = stream.ingest(metrics.documents.Loaded(docs, []), db, sentiment="vader-finance")
    assert report.new == 3 and report.stats.analysed == 3
    vf = stream.corpus(db, sentiment="vader-finance")
    assert vf.stats.analysed == 0  # the ingest's results
    assert set(vf.documents["analyzer"]) == {"vader-finance"}
    tb = stream.corpus(db)
    assert set(tb.documents["analyzer"]) == {"textblob"}
    assert (vf.sentences["polarity"] > 0.05).all()


def test_cli_sentiment_flag(seeds_dir: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["extract", str(seeds_dir), "--out", str(out), "--quiet", "--no-store",
                     "--sentiment", "vader-finance"]) == 0
    assert "tone by vader-finance" in capsys.readouterr().out
    docs = pd.read_csv(out / "documents.csv")
    assert set(docs["analyzer"]) == {"vader-finance"}
    with pytest.raises(SystemExit):
        cli.main(["extract", str(seeds_dir), "--out", str(out), "--sentiment", "nope"])


def test_cli_missing_extra_exits_2(seeds_dir: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    def missing(name: str | None) -> str:
        raise ImportError("the vader-finance analyzer needs vaderSentiment: "
                          "pip install 'themewatch[tone]'")

    monkeypatch.setattr(sentiment, "check", missing)
    code = cli.main(["ingest", str(seeds_dir), "--store", str(tmp_path / "s.duckdb"),
                     "--quiet", "--sentiment", "vader-finance"])
    assert code == 2
    assert "themewatch[tone]" in capsys.readouterr().err


# --- lexicon traps ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "kind", "words"), [
    ("The outlook is not quite so bleak.", "negation", "not quite so bleak"),
    ("These are the greatest risks to growth.", "superlative", "greatest risks"),
    ("The biggest fall in a decade.", "superlative", "biggest fall"),
    ("Investors were deeply disappointed.", "intensified", "deeply disappointed"),
    ("Sales rose, but margins fell.", "contrast", "but"),
    ("It isn't good at all.", "negation", "isn't good"),
])
def test_traps_are_found(sentence: str, kind: str, words: str) -> None:
    found = sentiment_traps.find(sentence)
    assert sentiment_traps.Trap(kind, words) in found
    assert f'{kind}: "{words}"' in sentiment_traps.flags(sentence)


def test_plain_sentences_have_no_traps() -> None:
    for sentence in ("Exports rose 5% to $1.2 billion.", "The talks were good.",
                     "But for the rain, the match went ahead."):
        assert sentiment_traps.find(sentence) == [], sentence


def test_the_traps_named_in_the_issue_mislead_textblob() -> None:
    # why the flags exist: TextBlob reads these warnings as praise or gloom
    assert sentiment.score("These are the greatest risks.")[0] == 1.0
    assert sentiment.score("The outlook is not quite so bleak.")[0] < 0


# --- the committed agreement figures --------------------------------------------------------

def test_evaluate_on_a_small_labelled_frame() -> None:
    data = pd.DataFrame({
        "sentence": ["Profit rose sharply.", "Sales fell.", "The board met.", "Costs jumped."],
        "label": ["positive", "negative", "neutral", "neutral"],
        "agreement": [100, 100, 66, 50]})
    table, preds, _ = eval_sentiment.evaluate(data, ["vader-finance", "always-neutral"])
    assert preds["vader-finance"].tolist() == ["positive", "negative", "neutral", "negative"]
    assert table["vader-finance"]["all"] == {"n": 4, "accuracy": 0.75,
                                             "macro_f1": pytest.approx(0.778, abs=1e-3)}
    assert table["vader-finance"]["agreement=100"]["accuracy"] == 1.0
    assert table["always-neutral"]["agreement>=66"] == {"n": 3, "accuracy": 0.333,
                                                         "macro_f1": 0.167}


def test_results_file_names_every_offered_analyzer() -> None:
    record = json.loads(sentiment.AGREEMENT_FILE.read_text(encoding="utf-8"))
    assert record == sentiment.agreement()
    assert set(record["analyzers"]) == set(sentiment.ANALYZERS)
    assert record["subsets"] == [s for s, _ in eval_sentiment.SUBSETS]
    tb, vf = record["analyzers"]["textblob"], record["analyzers"]["vader-finance"]
    assert vf["all"]["accuracy"] >= tb["all"]["accuracy"] + 0.10  # the bar of issue 14
    assert record["sentences"] == vf["all"]["n"] == tb["all"]["n"]


@pytest.mark.skipif(not PHRASEBANK.exists(), reason="../shared/eval is not beside this checkout")
def test_results_file_is_what_the_benchmark_computes() -> None:
    record = sentiment.agreement()
    data = pd.read_csv(PHRASEBANK)
    table, _, _ = eval_sentiment.evaluate(data, list(sentiment.ANALYZERS), record["band"])
    assert table == record["analyzers"]
    assert record["sentences"] == len(data)


# --- the dashboard ----------------------------------------------------------------------------

def _page(at, name: str):
    return at.switch_page(f"views/{name}.py").run()


def test_sentiment_page_says_how_far_to_trust_it(app) -> None:
    at = _page(app().run(), "sentiment")
    assert not at.exception, [e.value for e in at.exception]
    assert "How far to trust this" in [h.value for h in at.subheader]
    text = " ".join(m.value for m in at.markdown)
    assert "Financial PhraseBank" in text and "4,846" in text
    tables = [d.value for d in at.dataframe]
    agreement = next(t for t in tables if "analyzer" in t.columns)
    record = sentiment.agreement()
    row = agreement.set_index("analyzer")
    assert row.loc["textblob", "all (n=4,846)"] == record["analyzers"]["textblob"]["all"][
        "accuracy"]
    assert row.loc["vader-finance", "all (n=4,846)"] == record["analyzers"]["vader-finance"][
        "all"]["accuracy"]
    assert bool(row.loc["textblob", "scored this corpus"])
    assert not bool(row.loc["vader-finance", "scored this corpus"])
    extremes = [t for t in tables if "traps" in t.columns]
    assert len(extremes) == 2
    for t in extremes:
        assert t["traps"].tolist() == [sentiment_traps.flags(s) for s in t["text"]]
    assert any("left out" in c.value or "fewer than 5" in c.value for c in at.caption)


def test_choosing_vader_finance_on_the_data_page_rescores_the_corpus(app) -> None:
    at = _page(app().run(), "data")
    radio = next(r for r in at.radio if r.label == "Tone analyzer")
    assert radio.options == ["TextBlob (default)", "VADER + finance words"]
    radio.set_value("vader-finance").run()
    assert not at.exception, [e.value for e in at.exception]
    at = _page(at, "sentiment")
    assert not at.exception, [e.value for e in at.exception]
    row = next(d.value for d in at.dataframe if "analyzer" in d.value.columns
               ).set_index("analyzer")
    assert bool(row.loc["vader-finance", "scored this corpus"])
    assert not bool(row.loc["textblob", "scored this corpus"])
    assert any("VADER" in c.value for c in at.caption)
