"""What the news pages share: the period widgets (bound to the URL), the changes of a
view (memoised per corpus), and the watch list's rule file and alerts beside the store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import corpora, fast_changes, fast_tables, news_tables, ui
from dashboard.corpora import Entry
from dashboard.filters import View
from dashboard.news_tables import default_period, headline
from metrics import alerts, changes
from metrics.alerts import Alert, Rule

NO_DATES = ("No document carries a trusted date (a date column, a date tag or a dated file "
            "name), so there are no periods to compare. Dates guessed from the text are "
            "never used here: an event's date is not the day a story was written.")

MAX_RULES_CHARS = 50_000  # a watch list, not a data file

EXAMPLE_RULES = """\
# One [[rule]] per alert; see README "Watch lists and alerts".
[[rule]]
name = "arrests over 50k"
figure = "arrests"
above = 50000

[[rule]]
name = "anything rising"
rising = "any"
score_above = 10
"""


def period_controls(v: View) -> tuple[str, list[str], list[DeltaGenerator]]:
    """A row of three controls for a page comparing periods (or, without trusted dates,
    why not, and the page stops): the period widget drawn in the first; the period, its
    labels with documents (oldest first) and the two columns left for the page."""
    if v.documents["date"].isna().all():
        st.info(NO_DATES, icon=":material/event_busy:")
        st.stop()
    first, *rest = st.columns([1.2, 1, 1])
    with first:
        period = period_widget(v)
    return period, period_labels(v, period), rest


def period_widget(v: View) -> str:
    """Day, week or month (default from the span of the trusted dates), in the URL."""
    default = default_period(v.documents["date"])
    chosen = st.segmented_control(
        "Period", list(changes.PERIODS), default=default, key="period",
        bind="query-params", on_change=_restart_periods, args=(v, default),
        help="Days, ISO weeks (Monday to Sunday) or calendar months of the documents' "
             "own dates.")
    return chosen or default


def _restart_periods(v: View, default: str) -> None:
    """Another kind of period: the chosen periods and baseline start over at its defaults
    (by assignment: the widgets, and so the link, follow)."""
    ss = st.session_state
    period = ss.get("period") or default
    labels = period_labels(v, period)
    ss["at"] = ss["b"] = labels[-1]
    ss["a"] = labels[-2] if len(labels) > 1 else labels[-1]
    ss["baseline"] = changes.DEFAULT_BASELINE[period]


def period_labels(v: View, period: str) -> list[str]:
    """The periods with dated documents in view, oldest first."""
    return list(changes.periods(v, period).index)  # a View has the tables changes reads


def changes_of(entry: Entry, v: View, period: str, at: str | None = None,
               baseline: int | None = None) -> pd.DataFrame:
    """``metrics.changes`` of the view: those kept with the stream's snapshot when nothing
    is filtered, else ``fast_changes.of_view`` (memoised per kind of key)."""
    found = None if v.filters.active else changes.kept(v.corpus, period, at, baseline)
    if found is not None:
        return found  # computed when the stream's snapshot was assembled
    return fast_changes.of_view(entry, v, period, at, baseline)


# --- the watch list ----------------------------------------------------------------------

def alert_store(entry: Entry | None = None) -> Path:
    """Where alerts are remembered as raised: the stream store a corpus was read from
    (the one ``themewatch alerts --store`` reads, so the two agree on what is new), else
    the dashboard's store (``corpora.store_path()``)."""
    if entry is not None and entry.store is not None:
        return Path(entry.store)
    return corpora.store_path()


def rules_path(entry: Entry | None = None) -> Path:
    """The dashboard's rule file: ``<store>.rules.toml`` beside ``alert_store(entry)``."""
    return alert_store(entry).with_suffix(".rules.toml")


def rules_text(entry: Entry | None = None) -> str:
    """The saved rules, else an example to start from."""
    try:
        return rules_path(entry).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return EXAMPLE_RULES


def save_rules(text: str, entry: Entry | None = None) -> None:
    """Write the rule file (its folder made when missing)."""
    path = rules_path(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def parsed(text: str) -> tuple[list[Rule], str | None]:
    """The rules of ``text``, or no rules and the problem ("rules.toml:3: ...")."""
    try:
        return alerts.parse_rules(text, rules_path().name), None
    except alerts.RulesError as exc:
        return [], str(exc)


def fired(entry: Entry, text: str) -> list[Alert]:
    """Every alert the whole corpus supports for the rules ``text`` (memoised)."""
    rules, problem = parsed(text)
    if problem or not rules:
        return []
    digest = hashlib.sha1(text.encode()).hexdigest()
    return entry.memo.remember(("alerts", digest),  # type: ignore[return-value]
                               lambda: alerts.evaluate(rules, entry.corpus), bounded=True)


def raised(entry: Entry | None = None) -> tuple[set[str], str | None]:
    """The ids of alerts the store raised before, and a problem reading it (or None)."""
    path = alert_store(entry)
    if not path.exists():
        return set(), None
    from metrics.store import Unavailable, opened

    try:
        with opened(path) as store:
            return store.raised_alerts(), None
    except Unavailable as exc:
        return set(), str(exc)


# --- the Overview's lead -------------------------------------------------------------------

def lead(entry: Entry, v: View) -> None:
    """The first screen's news: the latest period and its documents, the top 3 rises and
    falls, the alerts fired, and the figures worth reading as cards."""
    st.subheader("What's new")
    latest, ids = "the documents shown", None
    dated = periods_of(entry, v)
    if dated is None:
        st.caption("**What changed** cannot be told: " + NO_DATES)
    else:
        period, counts = dated
        latest = _latest(entry, v, period, counts)
        kept = (fast_changes.rows_key(v, "documents"), v.filters.guessed, period, latest)
        ids = entry.memo.remember(("period_docs", *kept), lambda: news_tables.period_docs(
            v.documents, period, latest), bounded=True)
    _alerts_line(entry)
    cards = fast_tables.figure_cards(entry, v, ids)
    if cards:
        st.caption(f"Figures worth reading in {ui.md(latest)}, the most salient first (the ? "
                   "holds the sentence):")
        for col, card in zip(st.columns(max(len(cards), 3)), cards, strict=False):
            col.metric(ui.md(card.measure), ui.md(card.value), border=True,
                       help=ui.md(f"“{card.sentence}” ({card.document})"))


def periods_of(entry: Entry, v: View) -> tuple[str, pd.Series] | None:
    """The period that suits the view's dates and its documents per period (None: no
    dated document); memoised by the documents kept, so a figure-kind filter reuses it."""
    def make() -> tuple[str, pd.Series] | None:
        dates = v.documents["date"]
        if dates.isna().all():
            return None
        period = default_period(dates)
        return period, changes.periods(v, period)  # type: ignore[arg-type]
    key = ("periods", fast_changes.rows_key(v, "documents"), v.filters.guessed)
    return entry.memo.remember(key, make, bounded=True)  # type: ignore[return-value]


def _latest(entry: Entry, v: View, period: str, counts: pd.Series) -> str:
    """The latest period: its documents against the baseline's, the top 3 each way; its
    label."""
    latest, baseline = str(counts.index[-1]), changes.DEFAULT_BASELINE[period]
    before = counts.iloc[:-1].tail(baseline)
    arrived = (f"**{ui.md(latest)}**, the latest {period}: "
               f"{ui.count(int(counts.iloc[-1]), 'document')}")
    if before.empty:
        st.markdown(f"{arrived}, the first {period} with documents: nothing before it to "
                    "compare with.")
        return latest
    st.markdown(f"{arrived}, against {before.mean():,.0f} a {period} in the "
                f"{ui.count(len(before), f'earlier {period}')} with documents "
                f"({ui.md(news_tables.span(list(before.index)))}).")
    table = changes_of(entry, v, period, latest, baseline)
    for col, direction, title in zip(st.columns(2), ("up", "down"), ("Rose", "Fell"),
                                     strict=True):
        lines = headline(table, direction)
        col.markdown(f"**{title}**\n" + "".join(f"\n- {ui.md(x)}" for x in lines)
                     if lines else f"**{title}**: nothing significant.")
    st.page_link("views/changes.py", label="Every change, with its evidence",
                 icon=":material/trending_up:")
    return latest


def _alerts_line(entry: Entry) -> None:
    """How many alerts the saved rules fire, how many are new, the newest three."""
    if not rules_path(entry).exists():
        st.caption("No watch list yet: write rules on the Alerts page.")
        return
    text = rules_text(entry)
    alerts_fired = fired(entry, text)
    problem = parsed(text)[1]
    known = raised(entry)[0]
    new = [a for a in alerts_fired if a.id not in known]
    if problem:
        summary = f"The saved rules cannot be used ({ui.md(problem)})."
    else:
        newest = sorted(alerts_fired, key=lambda a: a.period, reverse=True)[:3]
        summary = (f"**Alerts**: {ui.count(len(alerts_fired), 'alert')} fired, {len(new):,} "
                   "new" + "".join(f"\n- {ui.md(a.period)} · {ui.md(a.rule)} · {ui.md(a.key)}"
                                   for a in newest))
    st.markdown(summary)
    st.page_link("views/alerts.py", label="The watch list and its alerts",
                 icon=":material/notifications:")
