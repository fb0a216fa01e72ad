"""Places named in text: the gazetteer, its ambiguity classes, the table, the filter and
the change kind. Cases are written for these tests (news-like sentences of many kinds),
not copied from an evaluation set."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import metrics
from metrics import changes, pipeline, places


def found(text: str) -> list[tuple[str, str, str]]:
    return [(p.surface, p.country, p.kind) for p in places.find(text)]


def countries(text: str) -> set[str]:
    return {p.country for p in places.find(text)}


def test_offsets_are_into_the_text_and_the_surface_is_what_is_written() -> None:
    text = "Officials in Vientiane said Lao exports to China rose."
    for p in places.find(text):
        assert text[p.start:p.end] == p.surface
    assert found(text) == [("Vientiane", "LAO", "city"), ("Lao", "LAO", "demonym"),
                           ("China", "CHN", "country")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Chinese investors and Japanese banks met British officials.",
     [("Chinese", "CHN"), ("Japanese", "JPN"), ("British", "GBR")]),
    ("The Lao government thanked Laotian farmers.", [("Lao", "LAO"), ("Laotian", "LAO")]),
    ("Brazilians and Iraqis voted; Argentine wheat sold well.",
     [("Brazilians", "BRA"), ("Iraqis", "IRQ"), ("Argentine", "ARG")]),
    ("Dutch and Swiss traders bought Filipino sugar.",
     [("Dutch", "NLD"), ("Swiss", "CHE"), ("Filipino", "PHL")]),
])
def test_demonyms_count_for_their_countries(text: str, expected: list) -> None:
    assert [(p.surface, p.country) for p in places.find(text)] == expected
    assert {p.kind for p in places.find(text)} == {"demonym"}


@pytest.mark.parametrize("text", [
    "The US and the U.S. Congress", "the United States said", "America's allies",
    "American farmers protested", "U.S.A. today",
])
def test_the_united_states_under_every_name(text: str) -> None:
    assert countries(text) == {"USA"}


@pytest.mark.parametrize("text", [
    "the UK economy", "Britain's trade deficit", "British exports", "Great Britain won",
    "growth in the U.K. slowed",
])
def test_the_united_kingdom_under_every_name(text: str) -> None:
    assert countries(text) == {"GBR"}


def test_historic_names_take_their_successors_code_and_keep_their_name() -> None:
    got = {p.surface: (p.country, p.place) for p in places.find(
        "West Germany and East Germany traded with the Soviet Union, the USSR and "
        "Soviet ports, and with Yugoslavia, Czechoslovakia, Burma and Zaire.")}
    assert got == {
        "West Germany": ("DEU", "West Germany"), "East Germany": ("DEU", "East Germany"),
        "Soviet Union": ("RUS", "Soviet Union"), "USSR": ("RUS", "Soviet Union"),
        "Soviet": ("RUS", "Soviet Union"), "Yugoslavia": ("SRB", "Yugoslavia"),
        "Czechoslovakia": ("CZE", "Czechoslovakia"), "Burma": ("MMR", "Burma"),
        "Zaire": ("COD", "Zaire")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Oil was found in New Mexico.", {"USA"}),
    ("Mining in Papua New Guinea grew.", {"PNG"}),
    ("Equatorial Guinea and Guinea-Bissau signed.", {"GNQ", "GNB"}),
    ("Troops left Guinea on Monday.", {"GIN"}),
    ("New South Wales and Wales", {"AUS", "GBR"}),
    ("Flights to Mexico City and Mexico resumed.", {"MEX"}),
    ("The Dominican Republic and Dominica", {"DOM", "DMA"}),
    ("Niger and Nigeria share a border.", {"NER", "NGA"}),
    ("North Korea and South Korea talked.", {"PRK", "KOR"}),
])
def test_the_longest_name_wins(text: str, expected: set) -> None:
    assert countries(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Democratic Republic of Congo and the DRC", {"COD"}),
    ("Congo-Brazzaville, the Republic of Congo", {"COG"}),
    ("Zaire and the Congo", {"COD", "COG"}),
])
def test_congo_variants(text: str, expected: set) -> None:
    assert countries(text) == expected


@pytest.mark.parametrize("text", [
    "Exports of china clay fell.", "She bought a turkey for the holiday.",
    "The guinea pig escaped.", "Guinea pigs were tested.", "Turkey meat prices rose.",
    "a chile pepper sauce", "The Indian Ocean is warm.", "across Latin America",
    "markets in North America", "the Paris Club of creditors",
    "a fall in U.S. dlrs", "Swiss francs and Canadian dollars firmed",
])
def test_words_and_phrases_that_are_no_place(text: str) -> None:
    assert countries(text) == set()


@pytest.mark.parametrize("text", [
    "Michael Jordan scored 40 points.", "Chad Smith joined the band.", "Mr Holland said.",
    "The win went to Eddie Jordan", "Georgia Smith, 34, said",
])
def test_people_named_like_countries_are_no_place(text: str) -> None:
    assert countries(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("King Hussein of Jordan met Egypt's president.", {"JOR", "EGY"}),
    ("Jordan said it would reopen the border.", {"JOR"}),
    ("Aid reached Chad and Sudan.", {"TCD", "SDN"}),
    ("In Holland, tulip sales rose.", {"NLD"}),
])
def test_countries_named_like_people_are_found_as_places(text: str, expected: set) -> None:
    assert countries(text) == expected


@pytest.mark.parametrize("name", ["Nice", "Reading", "Split", "Mobile", "Bath", "Victoria"])
def test_cities_that_are_common_words_or_names_are_never_matched(name: str) -> None:
    assert countries(f"{name} was quiet on Sunday, and {name} council met.") == set()


def test_georgia_is_the_country_the_document_names_elsewhere() -> None:
    us = places.find("Peanut growers in Georgia and Alabama, near Atlanta, said.")
    assert [(p.surface, p.country, p.kind) for p in us if p.surface == "Georgia"] == [
        ("Georgia", "USA", "region")]
    caucasus = places.find("Georgia's parliament in Tbilisi voted.")
    assert (caucasus[0].surface, caucasus[0].country) == ("Georgia", "GEO")
    assert all(p.surface != "Georgia" for p in places.find("Georgia voted on Sunday."))


def test_company_names_are_no_places() -> None:
    assert countries("Swiss Bank Corporation and American Express Bank Ltd said.") == set()
    assert countries("shares of <Chinese Estates Ltd> rose") == set()
    assert countries("the Bank of Japan said") == {"JPN"}


def test_a_name_across_a_line_break_is_found() -> None:
    assert found("talks with West\nGermany resumed") == [("West\nGermany", "DEU", "country")]
    assert countries("markets in North\nAmerica") == set()


def test_focus_keeps_the_lead_and_repeated_countries() -> None:
    mentions = [(0, "JPN"), (2, "USA"), (3, "FRA"), (4, "FRA")]
    assert places.focus(mentions) == {"JPN", "FRA"}
    assert places.focus([(3, "BRA")]) == {"BRA"}
    assert places.focus([(3, "BRA"), (4, "ARG")]) == set()
    assert places.focus([]) == set()


# --- what a document is about (places.about): classes of error, each in several shapes

@pytest.mark.parametrize("text", [
    "Reserves rose to 51 billion U.S. Dlrs at the end of the month.",
    "The loan of 300 mln U.S. Dollars was signed by the ministry.",
    "The bank sold 200 mln Swiss Francs of notes on Tuesday.",
    "Gold rose 50 U.S. Cents an ounce in early trade.",
    "The fund holds 40 mln Swiss\nfrancs of bonds.",
    "Prices are quoted in Canadian\ndollars per tonne.",
])
def test_a_currency_is_no_place_whatever_its_case_or_line_break(text: str) -> None:
    assert countries(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("JAPAN RAISES RICE PRICE PAID TO FARMERS", {"JPN"}),
    ("RAINFALL WAS RECORDED IN PARANA STATE AND IN SAO PAULO, BRAZIL", {"BRA"}),
    ("WEST GERMANY AND THE USA SIGNED; THE UK ABSTAINED", {"DEU", "USA", "GBR"}),
    ("SEND US 20 TONNES OF WHEAT BY MARCH", set()),  # "US" in capitals is "us"
    ("THE MINISTRY SOLD 200 MLN SWISS FRANCS OF BONDS", set()),
])
def test_text_in_capitals_is_read_as_if_capitalised(text: str, expected: set) -> None:
    found_places = places.find(text)
    assert {p.country for p in found_places} == expected
    for p in found_places:
        assert text[p.start:p.end] == p.surface and p.surface.isupper()


def test_mixed_case_text_keeps_case_sensitive_matching() -> None:
    assert countries("Exports of china clay to Turkey rose. OPEC met.") == {"TUR"}


@pytest.mark.parametrize(("text", "about"), [
    ("Acme Corp issued 100 mln dlrs of bonds. The bonds will be listed in Luxembourg.",
     set()),
    ("The notes will be listed on the Zurich exchange, the Thai company said.", {"THA"}),
    ("Pine Timber said it sold its mill to a London-based investor for 40 mln crowns.",
     set()),
    ("A Tokyo-based toy maker will distribute the games in Australia and New Zealand, "
     "Ridge Corp said. Australia is its largest market.", {"AUS", "NZL"}),
    ("Palm oil output in Indonesia is expected to rise, the U.S. Embassy said in a "
     "report. Indonesia exported more.", {"IDN"}),
    ("The British ambassador met Chile's finance minister in Santiago.", {"CHL"}),
])
def test_passing_mentions_stay_in_the_table_but_not_in_what_it_is_about(
        text: str, about: set) -> None:
    assert places.about(text) == about
    passing = [p for p in places.find(text) if places.passing(text, p)]
    assert passing  # still mentions: the places table lists them
    assert {p.country for p in passing}.isdisjoint(about) or len(about) > 1


@pytest.mark.parametrize(("text", "about"), [
    ("Royal Bank of Canada Ltd said its loan losses would rise this year.", {"CAN"}),
    ("<Swiss Bank Corporation> said its profit rose 12 pct.", {"CHE"}),
    ("General Motors of Canada Ltd said it recalled 20,000 vans.", {"CAN"}),
    ("Acme Inc said it received a contract from the Bank of Tokyo Ltd.", set()),
    ("Delta Corp said a loan was arranged by <First Chicago Ltd> for its mill.", set()),
])
def test_a_company_named_after_a_country_gives_its_country(text: str, about: set) -> None:
    assert places.about(text) == about
    assert countries(text) == set()  # the places table: company names are no places
    marked = [p for p in places.find(text, companies=True)]
    assert all(p.company for p in marked)
    assert all(text[p.start:p.end] == p.surface for p in marked)


@pytest.mark.parametrize("text", [
    "Rigs in the Gulf of Mexico fell by three this week.",
    "Fishing fleets in the Sea of Japan and the Gulf of Thailand returned.",
    "The committee heard testimony on the Iran-contra affair.",
    "Tremors were felt across the North Island on Sunday.",
])
def test_seas_affairs_and_words_named_after_countries_are_no_place(text: str) -> None:
    assert countries(text) == set()


@pytest.mark.parametrize("text", [
    "Lawyer Ron English said the bonds were sold lawfully. English denied the charges.",
    "Analyst Jerry Welsh said sales rose. Welsh expects more growth.",
    "Michael Jordan scored 40 points. Jordan said the team played well.",
])
def test_a_name_read_as_a_person_once_is_that_person_throughout(text: str) -> None:
    assert countries(text) == set()


def test_a_country_outnumbered_far_by_another_is_an_aside() -> None:
    text = ("Brazil suspended interest payments. Brazil's debt is 108 billion dlrs. "
            "Bankers said Brazil would talk to its creditors. Brazil wants new loans, "
            "as Mexico did last year. Mexico's package was agreed in October. Brazil's "
            "finance minister flies to Washington. Brazil's reserves fell. Brazil said "
            "it would pay later.")
    assert places.about(text) == {"BRA"}
    assert places.focus([(0, "BRA")] * 6 + [(1, "MEX")] * 2) == {"BRA", "MEX"}
    assert places.focus([(0, "BRA")] * 7 + [(1, "MEX")] * 2) == {"BRA"}


def test_countries_listed_in_the_lead_count_only_when_named_again() -> None:
    text = ("Taiwan textile makers said they were losing orders to South Korea, Hong Kong "
            "and Singapore. Taiwan's exporters asked for help. South Korea's mills are "
            "busy.")
    assert places.about(text) == {"TWN", "KOR"}


def test_the_lead_falls_to_the_first_sentence_that_names_a_country() -> None:
    text = ("Acme Corp said it would build a new plant. The plant, in Chile, will cost "
            "80 mln dlrs and sell to Peru. Output starts next year.")
    assert places.about(text) == {"CHL", "PER"}
    late = ("Acme Corp said it would build a new plant. It will cost 80 mln dlrs. "
            "Work starts next year. Some output will go to Peru and Chile.")
    assert places.about(late) == set()


def test_the_places_table_of_a_corpus() -> None:
    corpus = metrics.analyze(["Laos and China signed a rail deal. Chinese banks lend.",
                              "Nothing here. British ministers met in London."])
    p = corpus.places
    assert list(p.columns) == pipeline.COLUMNS["places"]
    first = corpus.documents["doc_id"][0]
    rows = p[p["doc_id"] == first]
    assert list(rows["surface"]) == ["Laos", "China", "Chinese"]
    assert list(rows["sentence_id"]) == [0, 0, 1]
    text = corpus.texts[first]
    assert all(text[s:e] == surf for s, e, surf in zip(rows["start"], rows["end"],
                                                        rows["surface"], strict=True))
    sents = corpus.sentences[corpus.sentences["doc_id"] == first]
    for sid, start in zip(rows["sentence_id"], rows["start"], strict=True):
        sent = sents[sents["sentence_id"] == sid].iloc[0]
        assert sent["start"] <= start < sent["end"]
    second = p[p["doc_id"] == corpus.documents["doc_id"][1]]
    assert list(second["country"]) == ["GBR", "GBR"]
    assert list(second["kind"]) == ["demonym", "city"]


def test_stored_results_keep_the_places() -> None:
    doc = metrics.documents.Document("d1", "", None, "", "Trade between Peru and Chile grew.")
    result = pipeline.analyze_document(doc, metrics.themes.load_taxonomy())
    again = pipeline.DocumentResult.from_json(result.to_json())
    assert again.places == result.places
    assert [r[5] for r in again.places] == ["PER", "CHL"]
    stored = json.loads(result.to_json())
    stored[-1][0] = stored[-1][0][:-1]  # a place row one column short
    with pytest.raises(ValueError):
        pipeline.DocumentResult.from_json(json.dumps(stored))


def test_a_country_whose_share_of_documents_rises_is_a_place_change() -> None:
    before = [("Talks on farm trade went on.", f"1987-03-0{d}") for d in range(1, 8)] * 3
    now = [("Iran said it would raise output. Tehran officials agreed.", "1987-03-08")] * 6
    now += [("Talks on farm trade went on.", "1987-03-08")] * 4
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(before) + len(now))],
                          "text": [t for t, _ in before + now],
                          "date": [d for _, d in before + now]})
    corpus = metrics.analyze(frame)
    got = changes.changes(corpus, "day", kinds=("place",))
    row = got[got["key"] == "IRN"].iloc[0]
    assert (row["kind"], row["label"], row["direction"]) == ("place", "Iran", "up")
    assert row["count"] == 6 and row["baseline_count"] == 0
    assert row["score"] >= changes.MIN_SCORE


def test_the_gazetteer_knows_every_code_it_gives_a_name() -> None:
    names = places.country_names()
    gaz = places.gazetteer()
    codes = {c for e in gaz.entries.values() for c in e.codes}
    assert codes <= set(names)
    assert names["LAO"] == "Laos" and names["USA"] == "United States"


# --- the word walk against the trie regex ---------------------------------------------------


def _name_texts(n: int, seed: int = 5) -> list[str]:
    """Texts built from the gazetteer's names (whole, cut short, glued to other words)
    with every kind of gap, apostrophes and full stops around them."""
    import random

    rnd = random.Random(seed)
    names = sorted(places.gazetteer().entries)
    words = sorted({w for name in names for w in name.replace(".", " ").split()})
    gaps = [" ", "  ", "\n", " \n ", "\t", "-", "'", ".", ". ", ", ", "'s ", "", "\u00a0", "..."]
    out = []
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rnd.randint(1, 10)):
            piece = rnd.choice(names) if rnd.random() < 0.5 else rnd.choice(words)
            if rnd.random() < 0.3:
                piece = piece.replace(" ", rnd.choice(gaps[:5]))
            parts += [piece, rnd.choice(gaps)]
        out.append("".join(parts))
    return out


def test_the_word_walk_finds_what_the_trie_regex_finds(seed_texts) -> None:
    gaz = places.gazetteer()
    pattern = places.regex_pattern(gaz)
    texts = list(seed_texts.values()) + _name_texts(1500) + [
        "U.S.", "the U.S.A. and U.S.S.R.", "U.S. Virgin Islands", "O'Brazil", "Homyel'",
        "Homyel's", "Papua  New\nGuinea", "Côte d'Ivoire", "New York-based", "", "UK",
    ]
    for text in texts:
        for start, stop in [(0, len(text)), (1, len(text)), (0, max(0, len(text) - 1)),
                            (len(text) // 3, 2 * len(text) // 3)]:
            assert (places.name_spans(gaz.index, text, start, stop)
                    == [m.span() for m in pattern.finditer(text, start, stop)]), (text, start)


def test_a_name_the_word_walk_cannot_read_is_refused() -> None:
    with pytest.raises(ValueError, match="word by word"):
        places._index(["Côte  d'Ivoire"])
    with pytest.raises(ValueError, match="word by word"):
        places._index(["(Burma)"])
