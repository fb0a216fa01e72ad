"""Loading documents: formats, decoding, metadata and per-file errors."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import documents
from metrics.documents import load, load_bytes
from metrics.figures.dates import MONTHS


def _by_source(loaded: documents.Loaded) -> dict[str, documents.Document]:
    return {d.source: d for d in loaded.documents}


def test_doc_id_is_stable_hash_of_text() -> None:
    a = load(["Some text about the railway."]).documents[0]
    b = load(["Some text about the railway."]).documents[0]
    assert a.doc_id == b.doc_id and len(a.doc_id) == 12


def test_csv_columns_case_insensitive_and_id(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("ID,Title,Date,Text,URL\n"
                    "a1,First,2024-05-01,The economy grew.,http://x\n"
                    "a2,Second,,\"Prices rose, again.\",\n", encoding="utf-8")
    loaded = load(path)
    assert [d.doc_id for d in loaded.documents] == ["a1", "a2"]
    assert loaded.documents[0].date == "2024-05-01"
    assert loaded.documents[0].title == "First"
    assert loaded.documents[0].url == "http://x"
    assert loaded.documents[1].text == "Prices rose, again."
    assert loaded.errors == []


def test_jsonl_and_dataframe_sources(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [{"id": "j1", "text": "First story.", "source": "Wire"}, {"text": "Second story."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    loaded = load(path)
    assert len(loaded.documents) == 2 and loaded.documents[0].doc_id == "j1"
    assert loaded.documents[0].source == "Wire"
    frame = pd.DataFrame({"Text": ["Alpha story.", "Beta story."], "Title": ["A", "B"]})
    assert [d.title for d in load(frame).documents] == ["A", "B"]


def test_html_visible_text_only() -> None:
    page = (b"<html><head><title>Rail deal</title><style>p{color:red}</style></head>"
            b"<body><h1>Rail deal signed</h1><script>alert('x')</script>"
            b"<p>The two countries signed a railway deal.</p></body></html>")
    doc = load_bytes("page.html", page).documents[0]
    assert doc.title == "Rail deal"
    assert "alert" not in doc.text and "color" not in doc.text
    assert "signed a railway deal" in doc.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Café opens.".encode(), "Café opens."),
        (codecs.BOM_UTF16_LE + "Café opens.".encode("utf-16-le"), "Café opens."),
        ("Café opens.".encode(), "Café opens."),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    loaded = load_bytes("a.txt", data)
    assert loaded.documents[0].text == expected
    assert loaded.errors == []


def test_cp1252_fallback_warns() -> None:
    loaded = load_bytes("old.txt", "Café “quoted” opens.".encode("cp1252"))
    assert loaded.documents[0].text == "Café “quoted” opens."
    assert [(e.path, e.severity) for e in loaded.errors] == [("old.txt", "warning")]
    assert "cp1252" in loaded.errors[0].reason


def test_bad_folder_keeps_the_good_document(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Police made 300 arrests on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 2)
    (tmp_path / "bad16.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate
    (tmp_path / "big.txt").write_bytes(b"word " * 300)
    (tmp_path / "rows.csv").write_text('text,id\n"Fine row.",r1\n"Too",many,fields\n,r3\n',
                                       encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"text": "Fine line."}\n{not json}\n[1]\n',
                                          encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    loaded = load(tmp_path, max_bytes=1000)
    texts = sorted(d.text for d in loaded.documents)
    assert texts == ["Fine line.", "Fine row.", "Police made 300 arrests on Monday."]
    problems = {(Path(e.path).name, e.row): e.reason for e in loaded.errors}
    assert problems[("empty.txt", None)] == "empty file"
    assert "empty" in problems[("blank.md", None)]
    assert "binary" in problems[("binary.txt", None)]
    assert "utf-16" in problems[("bad16.txt", None)]
    assert "limit" in problems[("big.txt", None)]
    assert "malformed CSV row" in problems[("rows.csv", 3)]
    assert "empty 'text'" in problems[("rows.csv", 4)]
    assert "malformed JSON" in problems[("lines.jsonl", 2)]
    assert "not an object" in problems[("lines.jsonl", 3)]
    assert "unsupported" in problems[("notes.pdf", None)]
    assert all(str(e).startswith(e.path) for e in loaded.errors)


def test_an_unclosed_quote_is_reported_not_swallowed_into_a_text(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('id,text\nr1,"Sales rose 5% in a ""good"" year,\nsaid the firm."\n'
                    'r2,"A 5"" screen, plain"\nr3,"Exports fell 2%.\nr4,Imports rose.\n'
                    'r5,Prices held.\n', encoding="utf-8")
    loaded = load(path)
    # the rows before the open quote are read as they are, quotes and line breaks included
    assert [d.text for d in loaded.documents] == [
        'Sales rose 5% in a "good" year,\nsaid the firm.', 'A 5" screen, plain']
    [error] = loaded.errors
    assert error.row == 4 and "line 5 is never closed" in error.reason
    assert "takes in the 2 lines after it" in error.reason
    # a last row whose quoted text holds line breaks and closes is no error
    path.write_text('id,text\nr1,"One.\nTwo 5"" more."\n', encoding="utf-8")
    assert load(path).errors == [] and load(path).documents[0].text == 'One.\nTwo 5" more.'


def test_csv_without_text_column_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("body,id\nhello,1\n", encoding="utf-8")
    loaded = load(path)
    assert loaded.documents == []
    assert "no 'text' column" in loaded.errors[0].reason


def test_missing_path_and_duplicates(tmp_path: Path) -> None:
    loaded = load([tmp_path / "nope.txt"])
    assert loaded.errors[0].reason == "no such file or folder"
    dup = load(["Same words here.", "Same words here."])
    assert len(dup.documents) == 1
    assert "read twice (also in text 1); kept once" in dup.errors[0].reason


def test_ids_repeated_across_files_keep_both_documents(tmp_path: Path) -> None:
    (tmp_path / "jan.csv").write_text("id,text\n1,January one.\n2,January two.\n", "utf-8")
    (tmp_path / "feb.csv").write_text("id,text\n1,February one.\n2,January two.\n", "utf-8")
    loaded = load(tmp_path)
    # files are read in name order: feb.csv, then jan.csv
    assert [d.doc_id for d in loaded.documents] == ["1", "2", "1~2"]  # jan's 2 is feb's 2
    reasons = [e.reason for e in loaded.errors]
    assert "document id '1' is also used in feb.csv for another text; this one is kept " \
           "as '1~2'" in reasons
    assert any("'2' read twice (also in feb.csv)" in r for r in reasons)


def test_first_date_formats() -> None:
    assert documents.first_date("It opened on 3rd March 2020 and closed.") == "2020-03-03"
    assert documents.first_date("Signed Dec. 3, 2021 in Vientiane.") == "2021-12-03"
    assert documents.first_date("The 2024-02-30 entry is invalid; 2024-02-28 is fine.") \
        == "2024-02-28"
    assert documents.first_date("No date, only the year 2021.") is None


def test_date_source_says_where_the_date_came_from() -> None:
    frame = pd.DataFrame({
        "text": ["It rained on 3 March 2020.", " date 2025-03-14 Police met.",
                 "It snowed on 3 March 2020.", "No date at all."],
        "date": ["2021-01-02", "", "", ""],
    })
    docs = load(frame).documents
    assert [(d.date, d.date_source, d.date_guess) for d in docs] == [
        ("2021-01-02", "metadata", None), ("2025-03-14", "tag", None),
        (None, "", "2020-03-03"), (None, "", None)]  # a date the text mentions: a guess
    guessed = load(frame, guess_dates=True).documents
    assert [(d.date, d.date_source) for d in guessed][2:] == [("2020-03-03", "text"), (None, "")]


def test_other_columns_are_facets_and_the_date_column_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text("id,published,Topics,places,text,date\n"
                    "r1,1987-03-06,crude,ecuador;usa,Quake hits oil output.,not a date\n"
                    "r2,1987-10-19,,usa,Stocks crash.,\n", encoding="utf-8")
    docs = {d.doc_id: d for d in load(path, date_column="Published").documents}
    assert docs["r1"].date == "1987-03-06" and docs["r1"].date_source == "metadata"
    assert docs["r1"].facets == (("topics", "crude"), ("places", "ecuador;usa"),
                                 ("date", "not a date"))
    assert docs["r2"].facets == (("places", "usa"),)  # empty cells are no facet
    lines = tmp_path / "wire.jsonl"
    lines.write_text('{"text": "Oil rose.", "places": ["usa", "iran"], "desk": "energy"}\n',
                     encoding="utf-8")
    (doc,) = load(lines).documents
    assert doc.facets == (("places", "usa;iran"), ("desk", "energy"))


def test_a_file_name_that_starts_with_a_date_dates_its_document(tmp_path: Path) -> None:
    tagged = " date 2025-03-14 Police met on 3 March 2020."
    for name, text in [("2024-02-29-talks.txt", "They met on 3 March 2020."),
                       ("2024-02-30-bad.txt", "No date here."), ("notes-2024-01-01.txt", "Hi."),
                       ("2024-01-05-tagged.md", tagged)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "2023-01-01-rows.csv").write_text("text\nA row.\n", encoding="utf-8")
    got = {d.source: (d.date, d.date_source) for d in load(tmp_path).documents}
    assert got == {
        "2024-02-29-talks.txt": ("2024-02-29", "filename"),  # beats the date in the text
        "2024-02-30-bad.txt": (None, ""),                     # no such day
        "notes-2024-01-01.txt": (None, ""),                   # only a leading date counts
        "2024-01-05-tagged.md": ("2025-03-14", "tag"),        # the document's own tag wins
        "2023-01-01-rows.csv": (None, ""),                    # rows date themselves
    }
    assert {"metadata", "tag", "filename", "feed", "text"} == set(documents.DATE_SOURCES)


def test_long_first_sentence_title_is_cut() -> None:
    body = "word " * 60 + "end. Second sentence."
    doc = load([body]).documents[0]
    assert len(doc.title) <= documents.TITLE_MAX
    assert doc.title.endswith("…")


def test_history_is_not_the_publication_date() -> None:
    body = "The city was founded on 3 March 1400. It was rebuilt on 4 May 2005."
    assert documents.first_date(body) == "2005-05-04"



# The date patterns as first written, with a plain "\b" in front: the faster ones (digit
# first, and the month-name search skipped without a "3, 2021" shape) must agree.
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PLAIN_DATES = [
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
                re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b",
                re.I), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
]


def _plain_first_date(body: str, start: int) -> str | None:
    found = []
    for rx, order in _PLAIN_DATES:
        for m in rx.finditer(body, start):
            a, b, c = m.groups()
            if order == "mdy":
                iso = documents._iso(int(c), MONTHS[a.lower()], int(b))
            elif order == "dmy":
                iso = documents._iso(int(c), MONTHS[b.lower()], int(a))
            else:
                iso = documents._iso(int(a), int(b), int(c))
            if iso:
                found.append((m.start(), len(found), iso))
                break
    return min(found)[2] if found else None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["December", "DEC", "dec.", "Sept", "May", "may", "3", "03", "3rd", "31ST",
                     "123", "2021", "1999", "20211", "2021-12-03", "2021-13-40", "x2021-12-03",
                     "_3", "a3", "\u0663", "of", "2024-02-29"]),
    st.sampled_from(["", " ", " ", ", ", "\n", "-"])), max_size=12), st.integers(0, 3))
def test_first_date_matches_plain_patterns(pieces: list[tuple[str, str]], start: int) -> None:
    body = "".join(a + b for a, b in pieces)
    assert documents.first_date(body, start) == _plain_first_date(body, start)
