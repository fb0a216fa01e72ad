"""The dashboard through Streamlit's AppTest: every page on the seeds, filters, the URL,
downloads, uploads, empty corpora and the password gate."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date

import pandas as pd
import pytest

import metrics
from dashboard import corpora, lookups, sidebar
from metrics import export

PAGES = ["overview", "trends", "changes", "compare", "alerts", "figures", "themes",
         "sentiment", "documents", "map", "data"]


def page(at, name: str):
    """Switch ``at`` to a page (after a first run) and run it."""
    return at.switch_page(f"views/{name}.py").run()


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def figures_table(at) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if "surface" in d.value.columns]
    assert frames, "no figures table on the page"
    return frames[0]


def test_every_page_renders_on_the_seeds(app) -> None:
    at = app().run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Overview"]
    kpis = at.metric[-4:]  # after the cards of the figures worth reading
    assert [m.label for m in kpis] == ["Documents", "Figures", "Mean polarity", "Top theme"]
    assert kpis[0].value == "2"
    assert len(at.get("plotly_chart")) == 2
    expected = {"trends": "Trends", "figures": "Figures", "themes": "Themes",
                "sentiment": "Sentiment",
                "documents": "Documents", "map": "Map", "data": "Data"}
    for name, title in expected.items():
        page(at, name)
        no_exception(at)
        assert [t.value for t in at.title] == [title]
    assert not at.warning  # the seeds read cleanly


@pytest.mark.parametrize("name", ["figures", "themes", "sentiment"])
def test_chart_pages_draw_plotly_charts(app, name: str) -> None:
    at = page(app().run(), name)
    no_exception(at)
    assert at.get("plotly_chart"), f"no chart on {name}"


def test_the_70000_arrests_figure_is_in_the_figures_table(app) -> None:
    at = page(app().run(), "figures")
    table = figures_table(at)
    row = table[table["value"] == 70000]
    assert len(row) == 1
    assert "70,000" in row["surface"].iloc[0]
    assert row["shown"].iloc[0] == "70,000"
    assert "arrests" in row["sentence"].iloc[0]


def test_overview_key_figures_leave_years_and_dates_out(app) -> None:
    at = app().run()
    table = figures_table(at)
    assert len(table)
    assert set(table["kind"]) <= {"count", "percent", "money", "quantity"}
    assert 70000 in set(table["value"])


def test_changing_a_filter_changes_the_tables(app) -> None:
    at = page(app().run(), "figures")
    everything = figures_table(at)
    at.sidebar.multiselect(key="kind").set_value(["percent"]).run()
    no_exception(at)
    narrowed = figures_table(at)
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed["kind"]) == {"percent"}

    at.sidebar.multiselect(key="kind").set_value([]).run()
    at.sidebar.text_input(key="q").input("anniversary").run()
    searched = figures_table(at)
    assert 0 < len(searched) < len(everything)
    assert searched["document"].nunique() == 1
    assert "60" in " ".join(searched["surface"])


def test_theme_filter_keeps_only_tagged_sentences(app) -> None:
    at = page(app().run(), "sentiment")
    at.sidebar.multiselect(key="theme").set_value(["security_crime"]).run()
    no_exception(at)
    view = at.session_state["_view"]
    assert set(view.themes["theme"]) == {"security_crime"}
    assert all("security_crime" in t.split("; ") for t in view.sentences["themes"])
    assert len(view.sentences) < sum(len(t) for t in [at.session_state["_entry"].corpus
                                                      .sentences])


def test_filters_come_from_the_url(app) -> None:
    """A copied link (?kind=...&q=...) opens the same view."""
    at = app(kind="percent", q="gdp").run()
    no_exception(at)
    assert at.sidebar.multiselect(key="kind").value == ["percent"]
    assert at.sidebar.text_input(key="q").value == "gdp"
    page(at, "figures")
    table = figures_table(at)
    assert set(table["kind"]) == {"percent"}
    assert (table["value"] == 5).any()


def test_download_is_the_csv_of_the_filtered_table(app, downloads, seed_corpus) -> None:
    at = app().run()
    at.sidebar.multiselect(key="kind").set_value(["count"]).run()
    page(at, "data")
    no_exception(at)
    stem = f"themewatch_seeds_{date.today().isoformat()}"
    assert {b.label.split(" ")[0] for b in at.download_button} >= {
        f"{t}.csv" for t in metrics.COLUMNS}
    expected = seed_corpus.figures[seed_corpus.figures["kind"] == "count"]
    assert downloads[f"{stem}_figures.csv"] == export.to_csv_bytes(expected)
    assert downloads[f"{stem}_documents.csv"] == export.to_csv_bytes(seed_corpus.documents)
    with zipfile.ZipFile(io.BytesIO(downloads[f"{stem}.zip"])) as zf:
        names = zf.namelist()
        assert sorted(names) == sorted(f"{stem}_{t}.csv" for t in metrics.COLUMNS)
        assert zf.read(f"{stem}_figures.csv") == export.to_csv_bytes(expected)


def _upload(at, files: list[tuple[str, bytes, str]], taxonomy=None):
    at.file_uploader[0].set_value(files)
    if taxonomy:
        at.file_uploader[1].set_value(taxonomy)
    at.button(key="FormSubmitter:upload-Analyse uploads").click()
    return at.run()


GOOD = ("good.txt", b"Police made 1,200 arrests in March.\n\nThe police chief praised the "
        b"officers for an excellent operation against drug trafficking.", "text/plain")
BAD = ("broken.jsonl", b'{"text": "fine row"}\n{not json at all\n', "application/json")
EMPTY = ("empty.txt", b"", "text/plain")


def test_uploads_bad_files_warn_and_good_ones_are_analysed(app) -> None:
    at = page(app().run(), "data")
    at = _upload(at, [GOOD, EMPTY, BAD])
    no_exception(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "empty.txt" in warnings
    assert "broken.jsonl" in warnings
    entry = at.session_state["_entry"]
    assert entry.origin == corpora.UPLOAD
    assert entry.name == "3 files: good.txt, empty.txt, …"
    assert len(entry.corpus.documents) == 2  # good.txt and the good jsonl row
    assert (entry.corpus.figures["value"] == 1200).any()
    for name in PAGES:
        page(at, name)
        no_exception(at)
    # back to the seeds through the corpus choice
    page(at, "data")
    at.radio[0].set_value(corpora.SEEDS_NAME).run()
    assert at.session_state["_entry"].origin == corpora.SEEDS_NAME


def test_a_second_upload_adds_to_the_first_and_a_bad_one_leaves_it_analysed(app) -> None:
    at = _upload(page(app().run(), "data"), [GOOD])
    assert len(at.session_state["_entry"].corpus.documents) == 1
    more = ("more.txt", b"Exports rose 4 percent in April, the ministry said.", "text/plain")
    at = _upload(at, [more])
    no_exception(at)
    entry = at.session_state["_entry"]
    assert entry.name == "2 files: good.txt, more.txt"
    assert len(entry.corpus.documents) == 2
    assert any("good.txt, more.txt" in c.value for c in at.caption)
    at = _upload(at, [BAD])  # a bad file added: reported, the good ones stay analysed
    no_exception(at)
    entry = at.session_state["_entry"]
    assert len(entry.corpus.documents) == 3  # good, more and the jsonl's good row
    assert "broken.jsonl" in " ".join(w.value for w in at.warning)
    assert (entry.corpus.figures["value"] == 1200).any()
    at.button(key="clear_uploads").click().run()
    no_exception(at)
    assert at.session_state["_entry"].origin == corpora.SEEDS_NAME
    assert "upload_files" not in at.session_state


def test_a_bad_taxonomy_is_reported_not_used(app) -> None:
    at = page(app().run(), "data")
    at = _upload(at, [GOOD], ("mine.toml", b"[themes.x]\nlabel = 3\n", "application/toml"))
    no_exception(at)
    assert any("mine.toml" in e.value for e in at.error)
    assert at.session_state["_entry"].origin == corpora.SEEDS_NAME


def test_an_uploaded_taxonomy_is_used(app) -> None:
    toml = b'[themes.policing]\nlabel = "Policing"\nterms = ["police", "arrest"]\n'
    at = page(app().run(), "data")
    at = _upload(at, [GOOD], ("mine.toml", toml, "application/toml"))
    no_exception(at)
    entry = at.session_state["_entry"]
    assert set(entry.corpus.themes["theme"]) == {"policing"}


@pytest.mark.parametrize("files", [
    [("plain.txt", b"A single short note without any number or date in it.", "text/plain")],
    [EMPTY],
], ids=["one-undated-document-without-figures", "empty-corpus"])
def test_thin_corpora_render_helpful_messages(app, files) -> None:
    at = _upload(page(app().run(), "data"), files)
    no_exception(at)
    for name in PAGES:
        page(at, name)
        no_exception(at)
        if name != "data":
            assert at.info, f"{name} shows no explanation"


@pytest.mark.parametrize("how", ["env", "secrets"])
def test_password_gate_shows_nothing_before_sign_in(app, monkeypatch, how: str) -> None:
    at = app()
    if how == "env":
        monkeypatch.setenv("THEMEWATCH_PASSWORD", "s3cret")
    else:
        at.secrets["password"] = "s3cret"
    at.run()
    no_exception(at)

    def data_shown() -> int:
        return sum(len(at.get(kind)) for kind in (
            "dataframe", "metric", "plotly_chart", "download_button", "file_uploader",
            "multiselect", "html"))

    assert data_shown() == 0
    assert [t.value for t in at.title] == ["themewatch"]
    assert len(at.text_input) == 1
    at.text_input[0].input("wrong")
    at.button[0].click()
    at.run()
    assert data_shown() == 0
    assert at.error
    at.text_input[0].input("s3cret")
    at.button[0].click()
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Overview"]
    assert at.metric and at.dataframe


def test_documents_reader_escapes_document_text(app) -> None:
    nasty = (b"<script>alert(1)</script> **bold** [link](http://example.com) "
             b"Police made 300 arrests.")
    at = _upload(page(app().run(), "data"), [("nasty.txt", nasty, "text/plain")])
    at = page(at, "documents")
    no_exception(at)
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "<script>" not in body
    assert "&lt;" in body and "&gt;alert(" in body  # shown as text, never as a tag
    assert "**bold** [link](http://example.com)" in body  # no Markdown either
    assert '<mark class="tw-fig"' in body and ">300<" in body


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "id", "client_secret": "secret",
        "server_metadata_url": "https://example.com/.well-known/openid-configuration"}


def test_an_auth_section_uses_st_login_and_shows_nothing_before(app, monkeypatch) -> None:
    monkeypatch.setenv("THEMEWATCH_PASSWORD", "ignored-when-auth-is-configured")
    at = app()
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    no_exception(at)
    assert [b.label for b in at.button] == ["Log in"]
    assert not at.text_input  # OIDC replaces the password prompt
    assert not (at.dataframe or at.metric or at.get("plotly_chart") or at.multiselect)
    at.user = {"is_logged_in": True, "email": "reader@example.com"}
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Overview"] and at.metric


def test_figures_page_filters_by_kind_theme_measure_and_qualifier(app) -> None:
    at = page(app().run(), "figures")
    at.multiselect(key="fig_measure").set_value(["arrests"]).run()
    table = figures_table(at)
    assert list(table["value"]) == [70000]
    at.multiselect(key="fig_measure").set_value([])
    at.multiselect(key="fig_qualifier").set_value(["over"]).run()
    assert set(figures_table(at)["qualifier"]) == {"over"}
    at.multiselect(key="fig_qualifier").set_value([])
    at.multiselect(key="fig_kind").set_value(["ordinal"]).run()
    assert set(figures_table(at)["kind"]) == {"ordinal"}
    at.multiselect(key="fig_kind").set_value([])
    at.multiselect(key="fig_theme").set_value(["security_crime"]).run()
    assert set(figures_table(at)["theme"]) == {"Security & crime"}


def test_theme_share_as_treemap(app, seed_corpus) -> None:
    at = page(app().run(), "themes")
    charts_before = len(at.get("plotly_chart"))
    at.segmented_control(key="theme_shape").set_value("treemap").run()
    no_exception(at)
    assert len(at.get("plotly_chart")) == charts_before
    at.selectbox(key="theme_sentences").set_value("transport_infrastructure").run()
    sentences = [d.value for d in at.dataframe if "text" in d.value.columns][-1]
    tagged = seed_corpus.sentences[seed_corpus.sentences["themes"].str.contains(
        "transport_infrastructure")]
    assert sorted(sentences["text"]) == sorted(tagged["text"])


def test_clear_filters(app) -> None:
    at = app(kind="percent", q="gdp").run()
    assert at.session_state["_view"].filters.active
    at.button(key="clear_filters").click().run()
    no_exception(at)
    assert not at.session_state["_view"].filters.active
    assert at.sidebar.multiselect(key="kind").value == []


def test_a_link_names_countries_as_the_list_shows_them(app) -> None:
    """The README's deep link: ``?place=China`` (the name shown), not the ISO code."""
    at = app(place="China").run()
    no_exception(at)
    assert at.sidebar.multiselect(key="place").value == ["CHN"]
    assert at.session_state["_view"].filters.active
    assert app(place="CHN").run().sidebar.multiselect(key="place").value == []


def test_reader_highlights_the_search_text(app) -> None:
    at = page(app(q="operation seagull").run(), "documents")
    no_exception(at)
    body = " ".join(h.proto.body for h in at.get("html"))
    assert '<mark class="tw-hit" title="search match">Operation Seagull</mark>' in body
    assert "search match</span>" in body  # the legend explains the colour


def test_large_corpora_list_a_capped_set_of_documents(app, monkeypatch) -> None:
    monkeypatch.setattr(sidebar, "MAX_DOC_OPTIONS", 1)
    at = app().run()
    docs = at.sidebar.multiselect(key="doc")
    assert len(docs.options) == 1
    entry = at.session_state["_entry"]
    second = entry.corpus.documents["doc_id"].iloc[1]
    # a linked document (the URL holds its label) stays listed, and chosen
    at2 = app(doc=lookups.doc_labels(entry)[second]).run()
    no_exception(at2)
    assert at2.sidebar.multiselect(key="doc").value == [second]
    assert len(at2.session_state["_view"].documents) == 1


def test_the_app_waits_on_a_running_analysis_instead_of_starting_another(
        app, seed_corpus) -> None:
    key = corpora.corpus_key(corpora.path_fingerprint(corpora.SEEDS), "default")
    kept = corpora.cache().items.pop(key, None)
    entry = corpora.Entry(corpora.SEEDS_NAME, key, seed_corpus, corpora.default_taxonomy())
    calls = []

    def make(progress):
        calls.append(1)
        time.sleep(0.6)  # still running when the app asks for the seeds
        return corpora.cache().put(entry)

    try:
        corpora.jobs().start(key, "Analysing seeds", make)
        at = app().run()
        no_exception(at)
        assert at.session_state["_entry"] is entry and calls == [1]  # the job's, not a new one
        assert any("70,000" in str(d.value.to_string()) for d in at.dataframe)
    finally:
        corpora.cache().items.pop(key, None)
        if kept is not None:
            corpora.cache().put(kept)


def test_overview_says_which_dates_are_guessed(app) -> None:
    guessed = ("signed.txt", b"The treaty was signed on December 3, 2021 by both sides.",
               "text/plain")
    at = _upload(page(app().run(), "data"), [GOOD, guessed])
    at = page(at, "overview")
    no_exception(at)
    assert any("2 of 2 documents carry no publication date" in c.value for c in at.caption)
    docs = at.session_state["_entry"].corpus.documents
    assert docs["date"].isna().all()  # a date the text mentions is only a guess
    assert sorted(docs["date_guess"].dropna().dt.strftime("%Y-%m-%d")) == ["2021-12-03"]


def test_a_store_that_cannot_be_used_is_said_on_the_data_page(app, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("THEMEWATCH_STORE", str(blocker / "store.duckdb"))
    key = corpora.corpus_key(corpora.path_fingerprint(corpora.SEEDS), "default")
    kept = corpora.cache().items.pop(key, None)  # analyse the seeds again, in this test
    try:
        at = page(app().run(), "data")
        no_exception(at)
        assert any("store.duckdb unavailable" in w.value for w in at.warning)
        assert len(at.session_state["_entry"].corpus.documents) == 2  # analysed all the same
    finally:
        corpora.cache().items.pop(key, None)
        if kept is not None:
            corpora.cache().put(kept)


def test_the_reader_finds_any_document_by_title_source_or_date(app) -> None:
    at = page(app().run(), "documents")
    assert len(at.selectbox(key="reader_doc").options) == 2
    at.text_input(key="reader_find").set_value("2021-12-03").run()
    no_exception(at)
    (only,) = at.selectbox(key="reader_doc").options
    assert only.startswith("On December 3, 2021")
    at.text_input(key="reader_find").set_value("nothing like this").run()
    assert any("No document's title" in i.value for i in at.info)


def test_tables_with_sentences_offer_them_whole(app) -> None:
    at = page(app().run(), "figures")
    no_exception(at)
    assert any("Select a row to read its sentence in full" in c.value for c in at.caption)


def test_the_map_counts_documents_per_country_with_the_filters(app, monkeypatch, atlas_csv,
                                                               downloads) -> None:
    """A corpus tagged by a ``country`` column: documents per country on the map and in
    the table (its CSV the table's), narrowed by the sidebar, and a country's documents."""
    monkeypatch.setenv("THEMEWATCH_CORPORA", str(atlas_csv))
    at = page(app(corpus="atlas").run(), "map")
    no_exception(at)
    assert [t.value for t in at.title] == ["Map"]
    assert len(at.get("plotly_chart")) == 1
    counts = at.dataframe[0].value
    assert dict(zip(counts["country"], counts["documents"], strict=True)) == {
        "CHN": 3, "LAO": 2, "BRA": 1, "SGP": 1, "USA": 1}
    assert counts["name"].tolist()[:2] == ["China", "Laos"]
    assert any("6 documents of 7 mention 5 countries" in c.value for c in at.caption)
    assert any("in the table only: SGP" in c.value for c in at.caption)
    stem = f"themewatch_atlas_{date.today().isoformat()}"
    assert downloads[f"{stem}_countries.csv"] == export.to_csv_bytes(
        counts.drop(columns="drawn"))
    assert at.selectbox(key="country").value == "CHN"
    assert sorted(at.dataframe[1].value["title"]) == ["Exports grow", "Rail line opens",
                                                      "Talks resume"]
    at.selectbox(key="country").set_value("LAO").run()
    assert sorted(at.dataframe[1].value["title"]) == ["Rail line opens", "Visitors expected"]
    at.sidebar.text_input(key="q").input("railway").run()
    no_exception(at)
    counts = at.dataframe[0].value
    assert dict(zip(counts["country"], counts["documents"], strict=True)) == {"CHN": 1,
                                                                           "LAO": 1}


def test_the_map_says_plainly_when_a_corpus_has_no_places(app, seed_corpus) -> None:
    """The seeds carry no ``country`` column; until the corpus has a places table there
    is nothing to map, and the page says so instead of drawing an empty world."""
    from dashboard import geo

    at = page(app().run(), "map")
    no_exception(at)
    if geo.has_places(seed_corpus):  # once metrics fills corpus.places: China and Laos
        counts = at.dataframe[0].value
        assert {"CHN", "LAO"} <= set(counts["country"])
    else:
        assert not at.get("plotly_chart")
        assert "has no places table" in at.info[0].value
