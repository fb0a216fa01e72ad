"""Themes: taxonomy loading, word-boundary matching with inflections, ranking, seeds."""

from __future__ import annotations

import pickle
import re
import tomllib
from pathlib import Path

import pytest

from metrics import themes

REQUIRED = {
    "politics_diplomacy", "security_crime", "economy_trade", "transport_infrastructure",
    "energy", "technology_digital", "health", "agriculture_rural", "culture_society",
    "regional_cooperation", "environment", "conflict_defence", "education", "sport",
    "arts_entertainment",
}


@pytest.fixture(scope="module")
def taxonomy() -> themes.Taxonomy:
    return themes.load_taxonomy()


def ranked(text: str, taxonomy: themes.Taxonomy) -> list[str]:
    return [s.theme for s in themes.summarize(themes.match(text, taxonomy), taxonomy)]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


# --- the default taxonomy ---------------------------------------------------------------


def test_default_taxonomy_has_every_required_theme_with_label_and_iptc(taxonomy):
    ids = {t.id for t in taxonomy.themes}
    assert ids >= REQUIRED
    for theme in taxonomy.themes:
        assert theme.label and theme.label != theme.id
        assert re.fullmatch(r"medtop:\d{8}", theme.iptc), theme.id
        assert len(theme.terms) >= 20, theme.id
    assert taxonomy.label("sport") == "Sport"
    assert taxonomy.label("no_such_theme") == "no_such_theme"


def test_top_level_iptc_codes_are_the_real_ones(taxonomy):
    iptc = {t.id: t.iptc for t in taxonomy.themes}
    assert iptc["arts_entertainment"] == "medtop:01000000"
    assert iptc["security_crime"] == "medtop:02000000"
    assert iptc["economy_trade"] == "medtop:04000000"
    assert iptc["education"] == "medtop:05000000"
    assert iptc["environment"] == "medtop:06000000"
    assert iptc["health"] == "medtop:07000000"
    assert iptc["politics_diplomacy"] == "medtop:11000000"
    assert iptc["technology_digital"] == "medtop:13000000"
    assert iptc["culture_society"] == "medtop:14000000"
    assert iptc["sport"] == "medtop:15000000"
    assert iptc["conflict_defence"] == "medtop:16000000"


def test_no_term_is_listed_twice_in_the_default_taxonomy():
    data = tomllib.loads(themes.DEFAULT_TAXONOMY.read_text(encoding="utf-8"))["themes"]
    seen: dict[str, str] = {}
    for tid, spec in data.items():
        for term in spec["terms"]:
            key = themes._word_part(term)
            assert key not in seen, f"{term!r} in {tid} and {seen.get(key)}"
            seen[key] = tid


# --- matching ---------------------------------------------------------------------------


def test_sport_does_not_match_inside_transport(taxonomy):
    hits = themes.match("Public transport and transportation links", taxonomy)
    assert {h.theme for h in hits} == {"transport_infrastructure"}
    assert themes.match("passport, airports", taxonomy) == [] or all(
        h.term == "airport" for h in themes.match("passport, airports", taxonomy))


def test_word_boundaries_on_both_sides(taxonomy):
    assert not themes.match("The artisan's partyless warfarin", taxonomy)
    assert [h.term for h in themes.match("art.", taxonomy)] == ["art"]


def test_plurals_and_inflections_match(taxonomy):
    text = ("Police arrested suspects; arrests rose. Two railways, three policies, "
            "the chairmen, elections and voting, new diagnoses, farmers harvesting crops.")
    terms = {(h.theme, h.term) for h in themes.match(text, taxonomy)}
    assert ("security_crime", "arrest") in terms  # arrested, arrests
    assert ("security_crime", "suspect") in terms  # suspects
    assert ("transport_infrastructure", "railway") in terms  # railways
    assert ("politics_diplomacy", "policy") in terms or ("politics_diplomacy", "policies") in terms
    assert ("economy_trade", "chairman") in terms  # chairmen
    assert ("politics_diplomacy", "vote") in terms  # voting
    assert ("health", "diagnosis") in terms  # diagnoses
    assert ("agriculture_rural", "harvest") in terms  # harvesting
    arrests = [h for h in themes.match(text, taxonomy) if h.term == "arrest"]
    assert len(arrests) == 2


def test_inflection_rules():
    assert themes.inflections("policy") >= {"policy", "policies"}
    assert themes.inflections("tax") >= {"taxes", "taxed", "taxing"}
    assert themes.inflections("vote") >= {"votes", "voted", "voting"}
    assert themes.inflections("ban") >= {"bans", "banned", "banning"}
    assert themes.inflections("spokesman") >= {"spokesmen"}
    assert themes.inflections("crisis") >= {"crises"}
    assert "training" not in themes.inflections("train", verbs=False)
    assert "trains" in themes.inflections("train", verbs=False)


def test_exact_marker_keeps_plural_but_not_verb_forms(taxonomy):
    terms = [h.term for h in themes.match("Trains were late; training went on.", taxonomy)
             if h.theme == "transport_infrastructure"]
    assert terms == ["train"]


def test_phrases_win_over_their_words_and_span_hyphens_and_spaces(taxonomy):
    hits = themes.match("The Prime Minister visited a cross border market.", taxonomy)
    assert [(h.theme, h.term) for h in hits][:1] == [("politics_diplomacy", "prime minister")]
    assert not any(h.term == "minister" for h in hits)
    assert any(h.term == "cross-border" for h in hits)


def test_offsets_index_the_document(taxonomy):
    doc = "Intro sentence here. Police made arrests near the railway."
    start = doc.index("Police")
    hits = themes.match(doc[start:], taxonomy, offset=start)
    assert {doc[h.start:h.end] for h in hits} == {"Police", "arrests", "railway"}


def test_case_insensitive_and_offsets_survive_unicode_case_quirks(taxonomy):
    doc = "İİ POLICE Railway"
    hits = themes.match(doc, taxonomy)
    assert [doc[h.start:h.end] for h in hits] == ["POLICE", "Railway"]


def test_no_text_no_hits(taxonomy):
    assert themes.match("", taxonomy) == []
    assert themes.summarize([], taxonomy) == []


# --- ranking ----------------------------------------------------------------------------


def test_summarize_ranks_shares_and_terms(taxonomy):
    text = "Police arrested the suspect. Police said the court trial starts at the stadium."
    scores = themes.summarize(themes.match(text, taxonomy), taxonomy)
    top = scores[0]
    assert top.theme == "security_crime" and top.label == "Security & crime"
    assert top.hits == 6 and top.terms == ("arrest", "court", "police", "suspect", "trial")
    assert sum(s.share for s in scores) == pytest.approx(1.0)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)


def test_many_distinct_terms_beat_one_repeated_word(taxonomy):
    text = "game " * 8 + "The broadband network, software and the internet."
    custom = themes.Taxonomy([
        themes.Theme("a", "A", "", ("game",)),
        themes.Theme("b", "B", "", ("broadband", "network", "software", "internet")),
    ])
    assert ranked(text, custom)[0] == "b"
    assert ranked(text, taxonomy)[0] == "technology_digital"


# --- custom taxonomy files ----------------------------------------------------------------


def test_custom_taxonomy_file(tmp_path):
    path = write(tmp_path, """
[themes.space]
label = "Space"
iptc = "medtop:13000000"
terms = ["rocket", "=launch pad", "space station"]
""")
    tax = themes.load_taxonomy(path)
    assert [t.id for t in tax.themes] == ["space"] and tax.source == str(path)
    text = "Rockets left two launch pads near the Space-Station; launching was delayed."
    assert [h.term for h in themes.match(text, tax)] == ["rocket", "launch pad", "space station"]
    assert themes.load_taxonomy(str(path)).themes == tax.themes


@pytest.mark.parametrize(("body", "problem"), [
    ("[themes.x\nlabel = 'X'", "not valid TOML"),
    ("title = 'no themes'", "needs at least one"),
    ("themes = 3", "needs at least one"),
    ("[themes]\nx = 'not a table'", "must be a table"),
    ("[themes.x]\nlabel = 'X'", "'terms' must be a non-empty list"),
    ("[themes.x]\nlabel = 'X'\nterms = []", "'terms' must be a non-empty list"),
    ("[themes.x]\nlabel = 'X'\nterms = ['ok', 3]", "every term must be a non-empty string"),
    ("[themes.x]\nlabel = 'X'\nterms = ['ok', '  ']", "every term must be a non-empty string"),
    ("[themes.x]\nlabel = 4\nterms = ['ok']", "'label' must be a non-empty string"),
])
def test_malformed_taxonomy_names_file_and_problem(tmp_path, body, problem):
    path = write(tmp_path, body)
    with pytest.raises(ValueError, match=re.escape(problem)) as err:
        themes.load_taxonomy(path)
    assert str(path) in str(err.value)


def test_missing_taxonomy_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(ValueError, match="cannot be read") as err:
        themes.load_taxonomy(missing)
    assert str(missing) in str(err.value)


def test_taxonomy_pickles_without_its_compiled_regex(taxonomy):
    themes.match("police", taxonomy)  # compile
    clone = pickle.loads(pickle.dumps(taxonomy))
    assert clone.themes == taxonomy.themes
    assert len(pickle.dumps(taxonomy)) < 100_000
    assert [h.term for h in themes.match("Police", clone)] == ["police"]


def test_strong_terms_count_double_and_are_matched(tmp_path):
    path = write(tmp_path, """
[themes.a]
label = "A"
terms = ["alpha", "beta"]

[themes.b]
label = "B"
strong = ["gamma"]
terms = ["delta"]
""")
    tax = themes.load_taxonomy(path)
    assert tax.themes[1].terms == ("gamma", "delta") and tax.themes[1].strong == ("gamma",)
    scores = themes.summarize(themes.match("Alpha and beta met gamma.", tax), tax)
    assert [(s.theme, s.hits, s.score) for s in scores] == [("a", 2, 2.0), ("b", 1, 2.0)]
    scores = themes.summarize(themes.match("Alpha met gammas and delta.", tax), tax)
    assert scores[0].theme == "b" and scores[0].score == pytest.approx(3.0)


def test_parse_taxonomy_from_uploaded_text() -> None:
    tax = themes.parse_taxonomy(
        '[themes.rail]\nlabel = "Rail"\nterms = ["railway", "=train"]\n', "mine.toml")
    assert [t.id for t in tax.themes] == ["rail"]
    hits = themes.match("Two trains left the railway station after training.", tax)
    assert [(h.term, h.start) for h in hits] == [("train", 4), ("railway", 20)]
    with pytest.raises(ValueError, match=r"mine\.toml"):
        themes.parse_taxonomy("[themes.rail\n", "mine.toml")
