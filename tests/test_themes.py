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
    """A term belongs to one theme, unless every theme listing it says in which context
    (``game``: sport beside "season", technology beside "console")."""
    data = tomllib.loads(themes.DEFAULT_TAXONOMY.read_text(encoding="utf-8"))["themes"]
    seen: dict[str, str] = {}
    for tid, spec in data.items():
        contextual = {themes._word_part(t) for t in spec.get("context", {})}
        listed = spec.get("strong", []) + spec["terms"] + spec.get("weak", [])
        keys = [themes._word_part(t) for t in listed]
        assert len(keys) == len(set(keys)), f"a term listed twice in {tid}"
        for term, key in zip(listed, keys, strict=True):
            if key in seen:
                other = data[seen[key]].get("context", {})
                assert key in contextual and key in {themes._word_part(t) for t in other}, (
                    f"{term!r} in {tid} and {seen[key]}")
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


# --- weak and context terms ---------------------------------------------------------------


def test_weak_terms_count_half(tmp_path):
    tax = themes.load_taxonomy(write(tmp_path, """
[themes.a]
label = "A"
weak = ["market", "company"]
terms = ["shares"]

[themes.b]
label = "B"
terms = ["telescope"]
"""))
    assert tax.themes[0].terms == ("shares", "market", "company")
    assert tax.weight("a", "market") == themes.WEAK_WEIGHT == 0.5
    scores = themes.summarize(themes.match("The company built a telescope.", tax), tax)
    assert [(s.theme, s.score) for s in scores] == [("b", 1.0), ("a", 0.5)]


def test_context_terms_count_only_with_a_cue_nearby(tmp_path):
    tax = themes.load_taxonomy(write(tmp_path, """
[themes.sport]
label = "Sport"
terms = ["=game", "league"]

[themes.sport.context]
"=game" = ["season", "coach"]
"""))
    assert tax.themes[0].context == (("game", ("season", "coach")),)
    assert [h.term for h in themes.match("The coaches said the game was won.", tax)] == ["game"]
    assert themes.match("The game is up, the minister said.", tax) == []
    far = "Games " + "x " * themes.CONTEXT_WINDOW + "season"
    assert themes.match(far, tax) == []
    # the cue is a word on its own, inflections included, never part of another word
    assert themes.match("A game of seasonal fruit.", tax) == []
    assert len(themes.match("Two seasons, two games.", tax)) == 1
    clone = pickle.loads(pickle.dumps(tax))
    assert [h.term for h in themes.match("season game", clone)] == ["game"]


@pytest.mark.parametrize(("body", "problem"), [
    ("[themes.x]\nterms = ['a']\n[themes.x.context]\nb = ['c']", "is not one of its terms"),
    ("[themes.x]\nterms = ['a']\n[themes.x.context]\na = []", "non-empty list of cues"),
    ("[themes.x]\nterms = ['a']\n[themes.x.context]\na = 'c'", "non-empty list of cues"),
    ("[themes.x]\nterms = ['a']\ncontext = 3", "'context' must be a table"),
    ("[themes.x]\nterms = ['a']\nweak = [4]", "every term must be a non-empty string"),
])
def test_malformed_weak_or_context_is_a_clear_error(tmp_path, body, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        themes.load_taxonomy(write(tmp_path, body))


# --- regression cases by class of error (texts written for these tests) ------------------


def top_two(text: str, taxonomy: themes.Taxonomy) -> list[str]:
    return ranked(text, taxonomy)[:2]


@pytest.mark.parametrize("text", [
    "The pitcher threw a shutout through seven innings and the home run in the ninth "
    "sealed the series for the visitors.",
    "She carded a five-under-par 66 with six birdies and a bogey to lead the PGA event "
    "by two strokes after the third round.",
    "The second seed saved two break points and won in straight sets to reach the "
    "Wimbledon quarterfinal.",
    "The midfielder joined on a free transfer after the club rejected a transfer request; "
    "the transfer fee for the winger is undisclosed.",
    "The quarterback threw two touchdowns as the home side won the game 24-17 to reach "
    "the playoff.",
])
def test_sport_beyond_football_and_cricket(taxonomy, text):
    assert ranked(text, taxonomy)[0] == "sport"


def test_game_needs_its_sense(taxonomy):
    def themes_of(text: str) -> set[str]:
        return {h.theme for h in themes.match(text, taxonomy) if h.term == "game"}

    assert themes_of("The game went on sale for consoles and PC this week.") == {
        "technology_digital"}
    assert themes_of("The coach said the team lost the game in the second half.") == {"sport"}
    assert themes_of("The minister said the game was up for the smugglers.") == set()
    text = "The new game sold well on consoles, and its online mode drew gamers to the PC."
    assert ranked(text, taxonomy)[0] == "technology_digital"


def test_goal_is_sport_only_in_a_sporting_sentence(taxonomy):
    def sport_terms(text: str) -> set[str]:
        return {h.term for h in themes.match(text, taxonomy) if h.theme == "sport"}

    assert sport_terms("Our shared goals are peace and prosperity.") == set()
    assert sport_terms("The government's goal is lower inflation by 2026.") == set()
    assert "goal" in sport_terms("He scored the winning goal in the 89th minute.")


@pytest.mark.parametrize("text", [
    "The tanker was hit off the coast and towed to port; shipowners raised freight rates "
    "as insurers added a war premium for vessels in the shipping lane.",
    "Dockworkers at the port went on strike, leaving cargo ships waiting at anchor and "
    "container traffic diverted to other harbours.",
])
def test_shipping_is_transport(taxonomy, text):
    assert "transport_infrastructure" in top_two(text, taxonomy)


@pytest.mark.parametrize("text", [
    "Producers agreed new coffee export quotas after prices fell; growers of arabica "
    "expect a smaller crop this year.",
    "Palm oil and soybean oil stocks rose, and rapeseed crushing margins improved, "
    "traders said.",
    "The agriculture department raised its estimate of the wheat and corn harvest, and "
    "farmers planted more acreage to soybeans.",
    "Raw sugar prices rose as the cane harvest was delayed by rain; the cocoa mid-crop "
    "also looks smaller.",
])
def test_farm_commodities_are_agriculture(taxonomy, text):
    assert "agriculture_rural" in top_two(text, taxonomy)


@pytest.mark.parametrize("text", [
    "Shr 22 cts vs 18 cts. Net 4.1 mln vs 3.2 mln. Revs 50.3 mln vs 41.0 mln.",
    "Qtly div 15 cts vs 15 cts prior. Pay April 1. Record March 15.",
    "The group launched a tender offer for the 40 pct stake it does not own, valuing the "
    "merger at 300 mln dlrs.",
    "The central bank cut interest rates as money supply growth slowed and the exchange "
    "rate of the currency held steady.",
    "The trade deficit widened to 12 billion dlrs, and lawmakers pressed for tariffs on "
    "imports.",
])
def test_wire_copy_finance_is_economy(taxonomy, text):
    assert ranked(text, taxonomy)[0] == "economy_trade"


def test_net_is_money_only_beside_money_words(taxonomy):
    def net_themes(text: str) -> set[str]:
        return {h.theme for h in themes.match(text, taxonomy)
                if h.term in ("net", "the net")}

    assert net_themes("Net rose to 5.2 mln dlrs from 4.8 mln.") == {"economy_trade"}
    assert net_themes("He fired the ball into the net from close range.") == set()
    assert net_themes("More people surf the net on broadband at home.") == {
        "technology_digital"}


@pytest.mark.parametrize("text", [
    "Scientists at the company's laboratory said the telescope would find planets "
    "around other stars; the market for such instruments is small.",
    "The research team built a prototype quantum computer; sales of the chips are years "
    "away, the company said.",
])
def test_science_is_not_pulled_to_economy_by_business_words(taxonomy, text):
    assert ranked(text, taxonomy)[0] == "technology_digital"


# --- the word matcher against the character-trie regex -----------------------------------


@pytest.fixture(scope="module")
def reference(taxonomy: themes.Taxonomy) -> themes.Forms:
    return themes.regex_forms(taxonomy)


def _tricky_texts(taxonomy: themes.Taxonomy, n: int, seed: int = 7) -> list[str]:
    """Texts built from the taxonomy's own words (multi-word forms cut short, their
    words out of order) joined by every kind of gap and punctuation, in mixed case."""
    import random

    rnd = random.Random(seed)
    forms = sorted(taxonomy.compiled().lookup)
    words = sorted({w for f in forms for w in re.split(r"\W+", f)} | {"x", "the", "a"})
    gaps = [" ", "  ", "-", " - ", "\u2014", "\u2010", "\n", "\t", ", ", ". ", "'", "' ",
            "'s ", "&", " & ", "_", "\x00", "/", "(", ") ", "\u00a0", "--"]
    out = []
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rnd.randint(1, 12)):
            if rnd.random() < 0.5:  # a whole form, its gaps written some way
                piece = rnd.choice(forms).replace(themes._SEP, rnd.choice(gaps[:8]))
            else:
                piece = rnd.choice(words) + rnd.choice(["", "", "s", "ed", "ing", "x", "3"])
            parts.append(piece)
            parts.append(rnd.choice(gaps))
        text = "".join(parts)
        out.append("".join(c.upper() if rnd.random() < 0.2 else c for c in text))
    return out


def test_word_matcher_finds_what_the_regex_finds(taxonomy, reference, seed_texts):
    forms = taxonomy.compiled()
    assert forms.pattern is None  # the bundled taxonomy is read word by word
    texts = list(seed_texts.values()) + _tricky_texts(taxonomy, 1500) + [
        "The Prime  Minister\u2014prime-minister's A&E, a & e; İstanbul prime ministers",
        "Shareholders' equity and shareholders'  equity; government's plans",
        "prime\x00minister, prime minister\x00",
        "", "-", "the net", "the  net-work", "high-speed internet high speed",
    ]
    for text in texts:
        for offset in (0, 17):
            assert (themes._match(text, taxonomy, forms, offset)
                    == themes._match(text, taxonomy, reference, offset)), text


def test_forms_the_words_cannot_read_use_the_regex(tmp_path):
    tax = themes.load_taxonomy(write(tmp_path, """
[themes.tech]
label = "Tech"
terms = ["c++", ".net", "python"]
"""))
    assert tax.compiled().pattern is not None
    hits = themes.match("Python, C++ and .NET coders", tax)
    assert [(h.term, h.start, h.end) for h in hits] == [
        ("python", 0, 6), ("c++", 8, 11), (".net", 16, 20)]
