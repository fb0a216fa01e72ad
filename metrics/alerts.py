"""Watch lists and alerts: rules in a TOML file, checked against a corpus, each alert
raised once.

A rule file is a list of ``[[rule]]`` tables, each with a ``name`` and one of::

    figure = "arrests"        above = 50000 | below = ...   [unit = "USD" | "%"]
    mention = "bankruptcy"    (a phrase or taxonomy term; its inflections count too)
    theme = "security_crime"  share_above = 0.2 | share_below = ...   (per period)
    rising = "any"            score_above = 10   (or a kind: theme, phrase, term, ...)
    tone = "economy_trade"    below = -0.1 | above = ...   (a theme, or "all")

and optionally ``period = "day" | "week" | "month"`` (default day) for the rules that
work per period. ``load_rules`` reports a bad file by line. ``evaluate`` returns every
alert the corpus supports; a store remembers which it raised (``raise_new``), so running
the rules again after the next ingest reports only what is new.

A figure alert is one figure crossing the threshold (in its unit: a rule with ``unit``
compares only figures in that unit, one without compares figures of the measure's most
common unit, never dollars against yen). A mention alert is one period with documents
that mention the phrase. Share, tone and rising alerts are one period each; tone needs
at least ``MIN_SENTENCES`` sentences, so one gloomy line is not a trend.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from metrics import changes, themes
from metrics.pipeline import Corpus

RULE_KINDS = ("figure", "mention", "theme", "rising", "tone")
THRESHOLDS = {"figure": ("above", "below"), "mention": (),
              "theme": ("share_above", "share_below"), "rising": ("score_above",),
              "tone": ("above", "below")}
OPTIONAL = {"name", "unit", "period"}
MIN_SENTENCES = 5
EVIDENCE = 10


class RulesError(ValueError):
    """A rule file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str  # one of RULE_KINDS
    target: str  # the measure, phrase, theme, kind of change or "all"
    above: float | None = None
    below: float | None = None
    unit: str = ""
    period: str = "day"
    line: int = 0


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: which rule, for which period and key, the value against the threshold,
    and the documents it rests on."""

    rule: str
    kind: str
    period: str
    key: str
    value: float
    threshold: str
    evidence: tuple[str, ...] = ()
    raised_at: str = field(default="", compare=False)

    @property
    def id(self) -> str:
        raw = "\x1f".join((self.rule, self.kind, self.period, self.key))
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def as_dict(self) -> dict:
        out = asdict(self)
        out["evidence"] = ";".join(self.evidence)
        out["id"] = self.id
        return out

    def __str__(self) -> str:
        shown = _number(self.value) if self.kind != "mention" else \
            f"{self.value:,.0f} document{'' if self.value == 1 else 's'}"
        return (f"ALERT {self.rule} | {self.period} | {self.key}: {shown} "
                f"({self.threshold}) | evidence {';'.join(self.evidence)}")


# --- rule files ----------------------------------------------------------------------------


def load_rules(path: str | Path) -> list[Rule]:
    """The rules of a TOML file; ``RulesError`` names the file, the line and the problem."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{p}: cannot be read ({exc})") from exc
    return parse_rules(raw, str(p))


def parse_rules(raw: str, name: str = "rules.toml") -> list[Rule]:
    """The rules of TOML text (``name`` appears in errors)."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise RulesError(f"{name}:{line.group(1) if line else 1}: not valid TOML ({exc})"
                         ) from exc
    tables = data.get("rule")
    if not isinstance(tables, list) or not tables:
        raise RulesError(f"{name}:1: no [[rule]] table")
    texts = raw.splitlines()
    lines = [i for i, text in enumerate(texts, start=1) if text.strip().startswith("[[rule]]")]
    rules = [_rule(spec, name, lines[i] if i < len(lines) else 1,
                   _key_lines(texts, lines[i:i + 2]) if i < len(lines) else {})
             for i, spec in enumerate(tables)]
    seen: dict[str, int] = {}
    for r in rules:
        if r.name in seen:
            raise RulesError(f"{name}:{r.line}: a rule named {r.name!r} is already at line "
                             f"{seen[r.name]}")
        seen[r.name] = r.line
    return rules


_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(texts: list[str], bounds: list[int]) -> dict[str, int]:
    """The line of each key of the rule whose table starts at line ``bounds[0]`` (up to the
    next rule's line, ``bounds[1]``, or the end)."""
    end = bounds[1] - 1 if len(bounds) > 1 else len(texts)
    out: dict[str, int] = {}
    for number in range(bounds[0] + 1, end + 1):
        m = _KEY.match(texts[number - 1])
        if m:
            out.setdefault(m.group(1), number)
    return out


def _rule(spec: dict, name: str, line: int, keys: dict[str, int] | None = None) -> Rule:
    """One rule of the file; an error names the line of the key at fault (``keys``: key ->
    line), else the line of the rule's ``[[rule]]``."""
    where = f"{name}:{line}"

    def at(key: str) -> str:
        return f"{name}:{(keys or {}).get(key, line)}"
    if not isinstance(spec.get("name"), str) or not spec["name"].strip():
        raise RulesError(f"{where}: every rule needs a name = \"...\"")
    label = spec["name"].strip()
    kinds = [k for k in RULE_KINDS if k in spec]
    known = set(RULE_KINDS) | OPTIONAL | {t for ts in THRESHOLDS.values() for t in ts}
    if not kinds and set(spec) - known:
        bad = sorted(set(spec) - known)[0]
        raise RulesError(f"{at(bad)}: rule {label!r}: unknown key {bad!r}")
    if len(kinds) != 1:
        raise RulesError(f"{where}: rule {label!r} needs exactly one of "
                         f"{', '.join(RULE_KINDS)}")
    kind = kinds[0]
    allowed = {kind, *THRESHOLDS[kind], *OPTIONAL}
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise RulesError(f"{at(unknown[0])}: rule {label!r}: unknown key {unknown[0]!r} "
                         f"(a {kind} rule takes {', '.join(sorted(allowed))})")
    target = spec[kind]
    if not isinstance(target, str) or not target.strip():
        raise RulesError(f"{at(kind)}: rule {label!r}: {kind} must be a non-empty string")
    bounds = {k: spec[k] for k in THRESHOLDS[kind] if k in spec}
    for key, value in bounds.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise RulesError(f"{at(key)}: rule {label!r}: {key} must be a number")
    if THRESHOLDS[kind] and not bounds:
        raise RulesError(f"{where}: rule {label!r} needs {' or '.join(THRESHOLDS[kind])}")
    period = spec.get("period", "day")
    if period not in changes.PERIODS:
        raise RulesError(f"{at('period')}: rule {label!r}: period must be day, week or month")
    if kind == "rising" and target != "any" and target not in changes.KINDS:
        raise RulesError(f"{at(kind)}: rule {label!r}: rising must be \"any\" or one of "
                         f"{', '.join(changes.KINDS)}")
    above = next((float(v) for k, v in bounds.items() if "above" in k), None)
    below = next((float(v) for k, v in bounds.items() if "below" in k), None)
    return Rule(label, kind, target.strip(), above, below, str(spec.get("unit", "")).strip(),
                period, line)


# --- evaluation ----------------------------------------------------------------------------


def evaluate(rules: Sequence[Rule], corpus: Corpus, since: str | None = None) -> list[Alert]:
    """Every alert ``corpus`` supports for ``rules``, for periods from ``since`` on."""
    out: list[Alert] = []
    for rule in rules:
        out.extend(_CHECKS[rule.kind](rule, corpus, since))
    return out


def _doc_periods(corpus: Corpus, period: str) -> pd.Series:
    """doc_id -> its period: from its date, else (undated) the day it was ingested, else
    "undated"."""
    docs = corpus.documents
    dated = changes.period_labels(docs["date"], period)
    ingested = changes.period_labels(docs["ingested_at"], period)
    return pd.Series(dated.fillna(ingested).fillna("undated").to_numpy(), index=docs["doc_id"])


def _since(labels: pd.Series, since: str | None, period: str) -> pd.Series:
    if not since:
        return labels
    start = changes.period_labels(pd.Series([since]), period).iloc[0]
    if not isinstance(start, str):
        raise ValueError(f"--since {since!r} is not a date")
    return labels[(labels >= start) & (labels != "undated")]


def _crosses(rule: Rule, value: float) -> str | None:
    if rule.above is not None and value > rule.above:
        return f"above {_number(rule.above)}"
    if rule.below is not None and value < rule.below:
        return f"below {_number(rule.below)}"
    return None


def _number(value: float) -> str:
    """70,000 / 5 / 0.2 / -0.1: as a reader writes them."""
    return f"{value:,.0f}" if abs(value) >= 1000 or value == int(value) else f"{value:.4g}"


def _figure(rule: Rule, corpus: Corpus, since: str | None) -> list[Alert]:
    figs = corpus.figures
    words = re.compile(rf"(?<!\w){re.escape(rule.target.lower())}(?!\w)")
    mine = figs[figs["measure"].fillna("").str.contains(words)]
    if mine.empty:
        return []
    unit = rule.unit or mine["unit"].fillna("").mode().iloc[0]
    mine = mine[mine["unit"].fillna("") == unit]
    labels = _since(_doc_periods(corpus, "day"), since, "day")
    mine = mine[mine["doc_id"].isin(labels.index)]
    out = []
    for row in mine.itertuples(index=False):
        crossed = _crosses(rule, row.value)
        if crossed:
            out.append(Alert(rule.name, rule.kind, labels[row.doc_id],
                             f"{row.measure} ({row.surface})", row.value,
                             crossed + (f" {unit}" if unit else ""),
                             (f"{row.doc_id}#{row.sentence_id}",)))
    return out


def _mention(rule: Rule, corpus: Corpus, since: str | None) -> list[Alert]:
    forms = sorted(themes.surface_forms(rule.target), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(f).replace("\\x00", r"[\s\-]+") for f in forms) + r")(?!\w)", re.I)
    labels = _since(_doc_periods(corpus, rule.period), since, rule.period)
    hits = [d for d in labels.index if pattern.search(corpus.texts.get(d, ""))]
    out = []
    for period, docs in pd.Series(labels[hits].index, index=labels[hits].to_numpy()).groupby(
            level=0):
        out.append(Alert(rule.name, rule.kind, period, rule.target, float(len(docs)),
                         "mentioned", tuple(docs.iloc[:EVIDENCE])))
    return out


def _theme(rule: Rule, corpus: Corpus, since: str | None) -> list[Alert]:
    docs = corpus.documents
    labels = _since(changes.period_labels(docs["date"], rule.period).set_axis(docs["doc_id"]),
                    since, rule.period).dropna()
    tops = docs.set_index("doc_id")["top_theme"].reindex(labels.index)
    out = []
    for period, ids in labels.groupby(labels).groups.items():
        about = [d for d in ids if tops[d] == rule.target]
        share = len(about) / len(ids)
        crossed = _crosses(rule, share)
        if crossed:
            out.append(Alert(rule.name, rule.kind, period, rule.target, round(share, 4),
                             f"share {crossed} (of {len(ids)} documents)",
                             tuple(about[:EVIDENCE])))
    return out


def _rising(rule: Rule, corpus: Corpus, since: str | None) -> list[Alert]:
    dated = changes.periods(corpus, rule.period)
    if dated.empty:
        return []
    if since:
        start = changes.period_labels(pd.Series([since]), rule.period).iloc[0]
        wanted = [p for p in dated.index if p >= start]
    else:
        wanted = [dated.index[-1]]  # the latest period only
    kinds = changes.KINDS if rule.target == "any" else (rule.target,)
    out = []
    for period in wanted:
        at = _period_start(period, rule.period)
        table = changes.changes(corpus, rule.period, at, kinds=kinds)
        table = table[(table["direction"] == "up") & (table["score"] > (rule.above or 0))]
        for row in table.itertuples(index=False):
            out.append(Alert(rule.name, rule.kind, row.period, f"{row.kind}:{row.key}",
                             float(row.score), f"score above {_number(rule.above or 0)}",
                             tuple(row.evidence.split(";")[:EVIDENCE])))
    return out


def _period_start(label: str, period: str) -> str:
    """A date inside the period ``label`` ("1987-W10" -> its Monday)."""
    if period == "week":
        return datetime.strptime(label + "-1", "%G-W%V-%u").date().isoformat()
    return label if period == "day" else label + "-01"


def _tone(rule: Rule, corpus: Corpus, since: str | None) -> list[Alert]:
    labels = _since(changes.period_labels(corpus.documents["date"], rule.period).set_axis(
        corpus.documents["doc_id"]), since, rule.period).dropna()
    sents = corpus.sentences
    if rule.target != "all":
        sents = sents[sents["theme"] == rule.target]
    sents = sents[sents["doc_id"].isin(labels.index)]
    out = []
    for period, group in sents.groupby(sents["doc_id"].map(labels)):
        if len(group) < MIN_SENTENCES:
            continue
        mean = float(group["polarity"].mean())
        crossed = _crosses(rule, mean)
        if crossed:
            ids = list(dict.fromkeys(group["doc_id"]))
            out.append(Alert(rule.name, rule.kind, period, rule.target, round(mean, 4),
                             f"mean polarity {crossed} (n={len(group)} sentences)",
                             tuple(ids[:EVIDENCE])))
    return out


_CHECKS = {"figure": _figure, "mention": _mention, "theme": _theme, "rising": _rising,
           "tone": _tone}


# --- raising once, sinks -------------------------------------------------------------------


def raise_new(store_path: str | Path, alerts: Sequence[Alert],
              now: datetime | None = None) -> list[Alert]:
    """The alerts the store has not raised before, now recorded as raised."""
    from metrics.store import opened

    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    unique = list({a.id: a for a in alerts}.values())
    with opened(store_path) as st:
        raised = st.raised_alerts()
        fresh = [Alert(**{**asdict(a), "raised_at": stamp}) for a in unique
                 if a.id not in raised]
        st.add_alerts([a.as_dict() for a in fresh])
    return fresh


def append_sink(path: str | Path, alerts: Sequence[Alert]) -> None:
    """Append alerts to a JSON-lines file, one object per line."""
    with Path(path).open("a", encoding="utf-8") as sink:
        for alert in alerts:
            sink.write(json.dumps(alert.as_dict(), ensure_ascii=False) + "\n")


def post_webhook(url: str, alerts: Sequence[Alert], timeout: float = 10.0) -> None:
    """POST ``{"alerts": [...]}`` as JSON to ``url``; raises OSError when it fails."""
    if not url.startswith(("http://", "https://")):
        raise OSError(f"webhook {url!r} is not an http(s) URL")
    body = json.dumps({"alerts": [a.as_dict() for a in alerts]}).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if response.status >= 300:
            raise OSError(f"webhook {url} answered {response.status}")
