"""Alerts: the watch list's rules, edited here, and the alerts they fire."""

import re

import streamlit as st

from dashboard import news, news_tables, state, ui
from metrics import alerts

SHOWN_EVIDENCE = 20  # alerts with an evidence panel

entry, _ = state.context()

st.title("Alerts")
st.caption(f"Rules of the watch list (the TOML format of `themewatch alerts`), kept in "
           f"{ui.md(news.rules_path(entry).name)} beside the store, checked against the "
           f"whole corpus **{ui.md(entry.name)}** (the sidebar's filters do not apply).")

if "rules_text" not in st.session_state:
    st.session_state["rules_text"] = news.rules_text(entry)
text = st.text_area("Rules", key="rules_text", height=300, max_chars=news.MAX_RULES_CHARS,
                    help="Each [[rule]] has a name and one of figure, mention, theme, "
                         "rising or tone; see README, \"Watch lists and alerts\".")
rules, problem = news.parsed(text)
if problem:
    m = re.match(r".*?:(\d+): (.*)", problem, re.DOTALL)
    line, why = (int(m.group(1)), m.group(2)) if m else (1, problem)
    st.error(f"Line {line}: {ui.md(why)}", icon=":material/error:")
    lines = text.splitlines()
    if 0 < line <= len(lines):
        st.code(lines[line - 1], language="toml")
else:
    st.caption(f"{ui.count(len(rules), 'rule')}, valid.")
if st.button("Save rules", disabled=problem is not None, icon=":material/save:",
             key="save_rules"):
    news.save_rules(text, entry)
    st.success(f"Saved as {ui.md(news.rules_path(entry).name)}.",
               icon=":material/check:")

if problem:
    st.stop()
fired = news.fired(entry, text)
known, unreadable = news.raised(entry)
if unreadable:
    st.warning(f"Which alerts were raised before cannot be told: {ui.md(unreadable)}")
table = news_tables.alert_table(fired, known)
new = [a for a in fired if a.id not in known]
st.subheader("Fired")
st.caption(f"{ui.count(len(fired), 'alert')}, {len(new):,} new (never raised before), "
           "the newest period first.")
ui.table(table, "No rule fires on this corpus.", key="alerts_table", column_config={
    "value": ui.number(), "evidence": ui.number("%d", help="Evidence documents"),
    "id": None})
if new and st.button(f"Mark {ui.count(len(new), 'new alert')} as raised", type="primary",
                     icon=":material/done_all:", key="raise_alerts"):
    done = alerts.raise_new(news.alert_store(entry), new)
    st.session_state["_raised_note"] = (f"Raised {ui.count(len(done), 'alert')}: they are in "
                                        "the store and will not be reported as new again.")
    st.rerun()
if "_raised_note" in st.session_state:
    st.success(st.session_state.pop("_raised_note"), icon=":material/check:")

by_id = {a.id: a for a in fired}
for row in table.head(SHOWN_EVIDENCE).itertuples(index=False):
    alert = by_id[row.id]
    with st.expander(f"{row.status} · {ui.md(row.period)} · {ui.md(row.rule)} · "
                     f"{ui.md(row.key)}"):
        st.caption(ui.md(str(alert)))
        ui.table(news_tables.resolve_evidence(alert.evidence, entry.corpus.sentences,
                                              entry.corpus.documents),
                 "No evidence sentence.", column_config={"sentence": ui.SENTENCE})
