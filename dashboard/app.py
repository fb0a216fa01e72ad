"""themewatch dashboard: ``streamlit run dashboard/app.py``.

Entry file: page config, the optional access gate, the sidebar (corpus and filters) and
``st.navigation`` over one file per page in ``dashboard/views/``.

The page files live in ``views/``, not ``pages/``: Streamlit 1.67 still switches to its
legacy multipage mode whenever a ``pages/`` folder sits beside the entry file, and then
runs page files directly on reruns, bypassing this file (and its access gate).
"""

from __future__ import annotations

import hmac
import sys
from collections.abc import Callable
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` from a plain checkout
    sys.path.insert(0, str(ROOT))

from dashboard import corpora, filters, gate, lookups, sidebar, state  # noqa: E402

FAVICON = Path(__file__).with_name("favicon.png")

PAGES = [
    # the default page is served at "/"; its own path can't be opened, so "/overview" is
    # the hidden alias below
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:",
            url_path="home", default=True),
    st.Page("views/trends.py", title="Trends", icon=":material/timeline:", url_path="trends"),
    st.Page("views/changes.py", title="Changes", icon=":material/trending_up:",
            url_path="changes"),
    st.Page("views/compare.py", title="Compare", icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("views/alerts.py", title="Alerts", icon=":material/notifications:",
            url_path="alerts"),
    st.Page("views/figures.py", title="Figures", icon=":material/pin:", url_path="figures"),
    st.Page("views/themes.py", title="Themes", icon=":material/category:", url_path="themes"),
    st.Page("views/sentiment.py", title="Sentiment", icon=":material/mood:",
            url_path="sentiment"),
    st.Page("views/documents.py", title="Documents", icon=":material/article:",
            url_path="documents"),
    st.Page("views/map.py", title="Map", icon=":material/public:", url_path="map"),
    st.Page("views/data.py", title="Data", icon=":material/database:", url_path="data"),
]


OVERVIEW = Path(__file__).with_name("views") / "overview.py"


def _to_overview() -> None:
    """``/overview`` (a link to the default page by its name) shows the Overview, with the
    link's filters, instead of Streamlit's "Page not found": the page's script runs here,
    as ``st.Page`` runs it (switching pages would clear the filters bound to the URL)."""
    exec(compile(OVERVIEW.read_text(encoding="utf-8"), str(OVERVIEW), "exec"),
         {"__name__": "__page__", "__file__": str(OVERVIEW)})


# Hidden: reachable by its URL, not listed in the sidebar.
ALIASES = [st.Page(_to_overview, title="Overview", url_path="overview", visibility="hidden")]


def configured_password() -> str | None:
    """The access password from ``THEMEWATCH_PASSWORD`` or ``password`` in st.secrets."""
    return gate.password()


def _gate_page(render: Callable[[], None]) -> None:
    """Show only ``render`` (a sign-in view), whatever page the URL names.

    Every page's URL path is registered, hidden, with the sign-in view instead of the page,
    so a shared deep link (``/figures?kind=percent``) asks for the password, then opens
    that very view; no page file runs before access is granted.
    """
    def view_for(path: str) -> Callable[[], None]:
        def sign_in() -> None:
            render()
        sign_in.__name__ = f"sign_in_{path}"
        return sign_in

    gates = [st.Page(view_for(p.url_path), title=p.title, url_path=p.url_path,
                     default=p.url_path == PAGES[0].url_path) for p in PAGES]
    st.navigation(gates, position="hidden").run()


def _password_view() -> None:
    expected = configured_password() or ""
    st.title("themewatch")
    st.write("This dashboard is password protected.")
    with st.form("sign_in"):
        given = st.text_input("Password", type="password", key="_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            st.session_state["_authenticated"] = True
            st.session_state.pop("_password", None)
            st.rerun()
        else:
            st.error("That password is not right.")


def _login_view() -> None:
    st.title("themewatch")
    st.write("Sign in to see this dashboard.")
    if st.button("Log in", type="primary"):
        try:
            st.login()
        except Exception as exc:  # e.g. Authlib missing: needs `pip install streamlit[auth]`
            st.error(f"Sign-in is configured but unavailable: {exc}")


def access_granted() -> bool:
    """True when the visitor may see data; otherwise renders only a sign-in view.

    An ``[auth]`` section in st.secrets means OIDC via ``st.login``; else a configured
    password is asked for: by the server's gate (``dashboard/serve.py``), which lets no
    unsigned visitor reach this script, or, when the app runs without it (``streamlit run
    dashboard/app.py``), by a form here that covers the pages only; else the app is open.
    """
    if gate.secret("auth") is not None:
        if getattr(st.user, "is_logged_in", False):
            return True
        _gate_page(_login_view)
        return False
    if (configured_password() is None or st.session_state.get("_authenticated")
            or gate.passed(st.context.headers)):
        return True
    _gate_page(_password_view)
    return False


def main() -> None:
    # a file shipped here: a Material icon or an emoji favicon is fetched from a CDN
    st.set_page_config(page_title="themewatch", page_icon=str(FAVICON),
                       layout="wide", initial_sidebar_state="expanded")
    if not access_granted():
        return
    page = st.navigation(PAGES + ALIASES)
    entry = corpora.current_entry()
    with st.sidebar:
        slot = st.empty()
        sidebar.stream_status(entry)
        chosen = sidebar.render(entry)
        if gate.secret("auth") is not None and st.button("Log out"):
            st.logout()
        if gate.passed(st.context.headers):  # relative: works under a base URL path too
            st.markdown(f"[Sign out]({gate.SIGN_OUT.lstrip('/')})")
    corpora.sync_corpus_param(entry)
    current = filters.view(entry, chosen)
    sidebar.caption(slot, entry, current)
    state.set_context(entry, current)
    page.run()
    lookups.warm(entry)  # after the page is drawn: lookups for the next filter change


main()
