"""Units: percent, currencies (prefixes and names), units of measure, rates, and the
spelled-out names of unit codes."""

from __future__ import annotations

import pytest

from metrics import figures


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit", "value"),
    [
        ("Sales rose 5 per cent.", "5 per cent", "percent", "%", 5),
        ("Rates rose 25 basis points.", "25 basis points", "percent", "bp", 25),
        ("It paid US$5 million.", "US$5 million", "money", "USD", 5e6),
        ("It cost RM23.50.", "RM23.50", "money", "MYR", 23.5),
        ("He was fined 966m rupees.", "966m rupees", "money", "INR", 9.66e8),
        ("Oil traded at $58.24 per barrel.", "$58.24 per barrel", "money", "USD/barrel", 58.24),
        ("The road is 415 km long.", "415 km", "quantity", "km", 415),
        ("They waited 3 hours.", "3 hours", "duration", "hours", 3),
        ("The bag weighed 208 pounds.", "208 pounds", "quantity", "lb", 208),
        ("It raised 5 million pounds.", "5 million pounds", "money", "GBP", 5e6),
    ],
)
def test_units(text, surface, kind, unit, value):
    (f,) = [f for f in figures.find(text) if f.surface == surface]
    assert (f.kind, f.unit, f.value) == (kind, unit, value)


def test_no_unit_where_letters_continue_a_name():
    assert figures.find("The 5G network opened.") == []  # an identifier, not 5 grams


def test_unit_names():
    assert figures.unit_name("km") == "kilometre"
    assert figures.unit_name("USD/barrel") == ""  # currencies are named by their code
    assert figures.unit_name("no-such-unit") == ""


def test_a_bare_franc_is_the_franc_of_the_one_franc_country_a_document_names() -> None:
    from metrics.figures import units

    assert units.franc_of({"FRA", "USA"}) == "FRF" and units.franc_of({"BEL"}) == "BEF"
    assert units.franc_of({"FRA", "CHE"}) is None and units.franc_of(set()) is None
    bare, swiss = figures.find("The budget is 30 billion francs, or 5 mln Swiss francs.")
    assert bare.unit == swiss.unit == "CHF"  # the reader's default, the sentence alone
    assert units.in_franc(bare, "FRF").unit == "FRF"
    assert units.in_franc(swiss, "FRF").unit == "CHF"  # "Swiss" written: it stays
    (rate,) = figures.find("It paid 12 francs a share.")
    assert units.in_franc(rate, "BEF").unit == "BEF/share"
    (dollars,) = figures.find("It paid 12 dollars.")
    assert units.in_franc(dollars, "FRF") is dollars


def test_the_pipeline_reads_a_bare_franc_by_the_country_named() -> None:
    import metrics

    corpus = metrics.analyze(["The Paris ministry said France's deficit reached 30 billion "
                              "francs.", "Nestle said in Zurich that profit was 1.2 billion "
                              "francs.", "Profit was 5 mln francs."])
    assert list(corpus.figures["unit"]) == ["FRF", "CHF", "CHF"]


def test_a_bare_dlrs_is_the_dollar_of_the_one_dollar_country_named_twice() -> None:
    import metrics
    from metrics.figures import units

    assert units.place_dollar({"CAN"}, {"CAN": 2}, "Canada's exports ...") == "CAD"
    assert units.place_dollar({"CAN"}, {"CAN": 1}, "a mill in Canada") is None
    assert units.place_dollar({"AUS", "JPN"}, {"AUS": 3}, "...") is None  # another country
    assert units.place_dollar({"AUS"}, {"AUS": 3}, "sold for 5 mln U.S. dlrs") is None
    assert units.place_dollar({"FRA"}, {"FRA": 3}, "...") is None  # no dollar country
    canada = ("Statistics Canada said Canada's February exports were 10.44 billion dlrs "
              "against 9.85 billion in January. Canada's imports rose.")
    once = "Champion said it will spend 285 mln dlrs on its mill in Alberta, Canada."
    us = ("Canada said Canada's imports of U.S. goods rose. The deal was worth 40 mln dlrs.")
    figs = metrics.analyze([canada, once, us]).figures
    units_by_doc = [sorted(set(g["unit"])) for _, g in figs.groupby("doc_id", sort=False)]
    assert units_by_doc == [["CAD"], ["USD"], ["USD"]]


def test_bare_crowns_are_money_of_the_one_crown_country_a_document_names() -> None:
    import metrics

    oslo = ("Oslo statistics show Norway's foreign exchange reserves totalled 83.68 billion "
            "crowns, compared with 85.52 billion in December.")
    nowhere = "The group said profit was 2.1 billion crowns."
    both = "Sweden and Denmark signed a trade pact. Trade was worth 9.1 billion crowns."
    figs = metrics.analyze([oslo, nowhere, both]).figures
    by_doc = [list(zip(g["kind"], g["unit"], strict=True)) for _, g in figs.groupby(
        "doc_id", sort=False)]
    assert by_doc == [[("money", "NOK"), ("money", "NOK")], [("count", "")], [("count", "")]]


def test_money_left_without_a_currency_takes_the_one_the_document_writes() -> None:
    import metrics

    uk = ("Britoil Plc said 1986 results were hit by lower oil prices.\n"
          "    Pre-tax profit 134 mln stg vs 759 mln\n    Net profit 33 mln vs 253 mln\n")
    us = ("XYZ Corp said it sold its British unit for 50 mln stg.\n"
          "    Shr 16 cts vs 14 cts\n    Net 5.93 mln vs 5.81 mln\n")
    both = ("The group paid 40 mln stg and 20 mln dlrs for the two units.\n"
            "    Net profit 33 mln vs 25 mln\n")
    figs = metrics.analyze([uk, us, both]).figures
    money = figs[figs["kind"] == "money"]
    by_doc = [list(money[money["doc_id"] == d]["unit"]) for d in money["doc_id"].unique()]
    assert by_doc == [["GBP"] * 4,  # the table's bare amounts are sterling too
                      ["GBP", "cent", "cent", "USD", "USD"],  # cents: a dollar table
                      ["GBP", "USD", "USD", "USD"]]  # dollars written: left as read


def test_a_bare_dlrs_is_the_one_other_dollar_the_document_writes() -> None:
    import metrics

    sydney = ("Battery Group said it had agreed to buy the insurer for 105 mln Australian dlrs.\n"
              "    It has some 200 mln dlrs in funds under management.\n")
    fare = ("Nationair plans a one-way fare of 299 Canadian dollars.\n"
            "    The fare will rise to 379 dlrs in high season.\n"
            "    Its U.S. rival charges 400 dlrs.\n")  # the US marked in the sentence: left
    mixed = ("The Canadian unit was sold for 50 mln Canadian dlrs.\n"
             "    The parent earned 20 mln U.S. dlrs and paid 10 mln dlrs.\n")  # US written
    two = ("It raised 40 mln Australian dlrs and 30 mln Canadian dlrs.\n"
           "    Costs were 10 mln dlrs.\n")  # two other dollars: which one is unknown
    inferred = ("Advances were recorded in the euro-Canadian dollar sector, which exceeded one "
                "billion dlrs.\n    Borrowing totalled 23.1 billion dlrs.\n")  # not written out
    figs = metrics.analyze([sydney, fare, mixed, two, inferred]).figures
    money = figs[figs["kind"] == "money"]
    by_doc = [list(money[money["doc_id"] == d]["unit"]) for d in money["doc_id"].unique()]
    assert by_doc == [["AUD", "AUD"], ["CAD", "CAD", "USD"], ["CAD", "USD", "USD"],
                      ["AUD", "CAD", "USD"], ["CAD", "USD"]]


def test_the_document_currency_is_that_of_its_francs_as_the_document_means_them() -> None:
    import metrics

    paris = ("Renault is the biggest carmaker in France.\n"
             "Its profit rose to 2.1 billion francs.\n"
             "    Net profit 2.1 billion vs 1.8 billion\n")
    figs = metrics.analyze([paris]).figures
    assert set(figs.loc[figs["kind"] == "money", "unit"]) == {"FRF"}
