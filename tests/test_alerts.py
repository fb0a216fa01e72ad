"""Watch lists and alerts: the rule format, each kind of rule, an alert raised once across
ingests, exit codes, the sink and a webhook served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

import metrics
from metrics import alerts, cli

RULES = """
[[rule]]
name = "arrests over 50k"
figure = "arrests"          # a measure; optional unit
above = 50000

[[rule]]
name = "target below 6"
figure = "gdp growth target"
unit = "%"
below = 6

[[rule]]
name = "scams"
mention = "scam"

[[rule]]
name = "security share"
theme = "security_crime"
share_above = 0.2

[[rule]]
name = "anything rising"
rising = "any"
score_above = 10

[[rule]]
name = "gloom on trade"
tone = "all"
below = 0.5
"""


def test_the_contract_rules_all_fire_on_the_seeds(seed_corpus) -> None:
    rules = alerts.parse_rules(RULES)
    assert [r.kind for r in rules] == ["figure", "figure", "mention", "theme", "rising", "tone"]
    fired = {a.rule: a for a in alerts.evaluate(rules, seed_corpus)}
    arrests = fired["arrests over 50k"]
    assert (arrests.value, arrests.period) == (70000, "2025-03-14")
    assert arrests.key == "arrests (over 70,000)" and "above 50,000" in arrests.threshold
    assert fired["target below 6"].value == 5
    assert fired["scams"].value == 1  # "scams", "scam operations": inflections count
    assert "security share" not in fired  # 000 is about regional cooperation first
    assert "gloom on trade" in fired and "n=" in fired["gloom on trade"].threshold
    assert str(arrests).startswith("ALERT arrests over 50k | 2025-03-14 | arrests (over")


def test_a_threshold_not_crossed_is_silent(seed_corpus) -> None:
    rules = alerts.parse_rules('[[rule]]\nname = "huge"\nfigure = "arrests"\nabove = 1e6\n'
                               '[[rule]]\nname = "usd"\nfigure = "arrests"\nunit = "USD"\n'
                               'above = 1\n')
    assert alerts.evaluate(rules, seed_corpus) == []


@pytest.mark.parametrize(("text", "message"), [
    ('[[rule]]\nname = "a"\nfigure = "x"\n', "rules.toml:1: rule 'a' needs above or below"),
    ('[[rule]]\nname = "a"\nmention = "x"\n\n[[rule]]\nname = "b"\ntheme = "t"\nshare = 1\n',
     "rules.toml:8: rule 'b': unknown key 'share'"),
    ('[[rule]]\nname = "a"\nmention = "x"\n[[rule]]\nname = "a"\nmention = "y"\n',
     "rules.toml:4: a rule named 'a' is already at line 1"),
    ('[[rule]]\nfigure = "x"\nabove = 1\n', "rules.toml:1: every rule needs a name"),
    ('[[rule]]\nname = "a"\nrising = "weather"\nscore_above = 1\n', "rising must be"),
    ('[[rule]]\nname = "a"\nfigure = "x"\nabove = "many"\n', "above must be a number"),
    ('[[rule]\nname = "a"\n', "rules.toml:1: not valid TOML"),
    ('title = "no rules"\n', "no [[rule]] table"),
])
def test_a_bad_rule_file_is_reported_by_line(text: str, message: str) -> None:
    with pytest.raises(alerts.RulesError, match=message.replace("[", r"\[")):
        alerts.parse_rules(text)


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    _Hook.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def _day(path: Path, day: str, arrests: int) -> Path:
    pd.DataFrame([{"id": f"a-{day}", "date": day,
                   "text": f"Police made over {arrests:,} arrests in the crackdown."}]
                 ).to_csv(path, index=False)
    return path


def test_an_alert_fires_once_across_two_ingests(tmp_path: Path, webhook: str,
                                                capsys: pytest.CaptureFixture) -> None:
    db, rules, sink = tmp_path / "s.duckdb", tmp_path / "rules.toml", tmp_path / "a.jsonl"
    rules.write_text('[[rule]]\nname = "arrests over 50k"\nfigure = "arrests"\nabove = 50000\n',
                     encoding="utf-8")
    common = ["--store", str(db), "--rules", str(rules), "--sink", str(sink), "--quiet"]
    assert cli.main(["ingest", str(_day(tmp_path / "1.csv", "2025-03-01", 70000)), *common,
                     "--webhook", webhook]) == 0
    first = capsys.readouterr().out
    assert "ALERT arrests over 50k | 2025-03-01" in first and "alerts new=1" in first
    assert cli.main(["ingest", str(_day(tmp_path / "2.csv", "2025-03-02", 100)), *common]) == 0
    second = capsys.readouterr().out
    assert "ALERT" not in second and "alerts new=0" in second  # raised once, never again
    assert cli.main(["alerts", "--store", str(db), "--rules", str(rules)]) == 0
    assert cli.main(["ingest", str(_day(tmp_path / "3.csv", "2025-03-03", 60000)), *common]) == 0
    assert capsys.readouterr().out.count("ALERT") == 1  # the new day's figure only
    lines = [json.loads(line) for line in sink.read_text(encoding="utf-8").splitlines()]
    assert [(a["rule"], a["period"], a["value"]) for a in lines] == [
        ("arrests over 50k", "2025-03-01", 70000), ("arrests over 50k", "2025-03-03", 60000)]
    assert lines[0]["evidence"].startswith("a-2025-03-01#")
    (posted,) = _Hook.received
    assert posted["alerts"][0]["rule"] == "arrests over 50k"


def test_alerts_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db, rules = tmp_path / "s.duckdb", tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "m"\nmention = "arrest"\n', encoding="utf-8")
    assert cli.main(["ingest", str(_day(tmp_path / "1.csv", "2025-03-01", 5)), "--store",
                     str(db), "--quiet"]) == 0
    assert cli.main(["alerts", "--store", str(db), "--rules", str(rules)]) == 3  # new alert
    assert cli.main(["alerts", "--store", str(db), "--rules", str(rules)]) == 0  # none new
    rules.write_text('[[rule]]\nname = "m"\nmention = 5\n', encoding="utf-8")
    assert cli.main(["alerts", "--store", str(db), "--rules", str(rules)]) == 2
    assert "rules.toml:3: rule 'm': mention must be" in capsys.readouterr().err
    assert cli.main(["alerts", "--store", str(tmp_path / "no.duckdb"), "--rules",
                     str(rules)]) == 1


def test_a_webhook_that_fails_does_not_lose_the_alert(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    db, rules, sink = tmp_path / "s.duckdb", tmp_path / "rules.toml", tmp_path / "a.jsonl"
    rules.write_text('[[rule]]\nname = "m"\nmention = "arrest"\n', encoding="utf-8")
    cli.main(["ingest", str(_day(tmp_path / "1.csv", "2025-03-01", 5)), "--store", str(db),
              "--quiet"])
    code = cli.main(["alerts", "--store", str(db), "--rules", str(rules), "--sink", str(sink),
                     "--webhook", "http://127.0.0.1:9/nothing-listens"])
    assert code == 3 and "webhook failed" in capsys.readouterr().err
    assert len(sink.read_text(encoding="utf-8").splitlines()) == 1


def test_tone_needs_enough_sentences(seed_corpus) -> None:
    corpus = metrics.analyze(pd.DataFrame([{"id": "x", "date": "2025-01-01",
                                            "text": "Trade was terrible."}]))
    rule = alerts.parse_rules('[[rule]]\nname = "t"\ntone = "all"\nbelow = 0\n')
    assert alerts.evaluate(rule, corpus) == []  # one sentence is no trend
    assert alerts.evaluate(rule, seed_corpus) == []  # the seeds are mildly positive


def test_an_alert_line_counts_documents_in_words() -> None:
    one = alerts.Alert("m", "mention", "2025-03-01", "bankruptcy", 1.0, "mentioned", ("d1",))
    assert "bankruptcy: 1 document (mentioned)" in str(one)
    two = alerts.Alert("m", "mention", "2025-03-01", "bankruptcy", 2.0, "mentioned")
    assert "bankruptcy: 2 documents (mentioned)" in str(two)
