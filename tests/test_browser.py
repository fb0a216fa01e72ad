"""One real-browser run: ``streamlit run`` on a free loopback port, driven by Debian's
Chromium through playwright (never a downloaded browser). Screenshots go to
``tests/artifacts/`` (git-ignored)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
PAGES = [("Overview", "overview"), ("Trends", "trends"), ("Changes", "changes"),
         ("Compare", "compare"), ("Alerts", "alerts"), ("Figures", "figures"),
         ("Themes", "themes"), ("Sentiment", "sentiment"), ("Documents", "documents"),
         ("Map", "map"), ("Data", "data")]
CHARTS = {"Overview": 2, "Trends": 3, "Figures": 2, "Themes": 3, "Sentiment": 2, "Compare": 2}
REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578.csv"

pytestmark = pytest.mark.browser


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = ("/usr/bin/chromium is missing: install Debian's chromium (`make browser`, or "
              "apt-get install chromium) to run the real-browser test")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip("!!! SKIPPED: " + reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(tmp: Path, log_name: str, **extra_env: str) -> Iterator[str]:
    """``streamlit run dashboard/serve.py`` (as ``make run``) on a free loopback port;
    yields its URL."""
    _need_browser()
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("THEMEWATCH_PASSWORD", "THEMEWATCH_CORPORA")}
    env["THEMEWATCH_STORE"] = str(tmp / "store.duckdb")
    env.update(extra_env)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / log_name
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/serve.py",
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {log}")
                time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the seeds, open (no password)."""
    with _serve(tmp_path_factory.mktemp("open"), "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.errors = errors  # type: ignore[attr-defined]
        yield page
        browser.close()


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(300)


def _shot(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main container, so the
    viewport is stretched to the content's height first."""
    height = page.evaluate(
        "() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight), 1000)")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 7000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def _wait_charts(page, n: int) -> None:
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}",
        timeout=60_000)


def test_click_through_every_page(server: str, browser_page) -> None:
    page = browser_page
    page.goto(server, wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Overview')", timeout=60_000)
    _wait_charts(page, CHARTS["Overview"])
    _settle(page)
    _shot(page, "1-overview.png")
    # the 3 figures worth reading (5%, 70,000 arrests, 160 rescues), then 4 KPI cards
    assert page.locator('[data-testid="stMetric"]').count() == 7
    assert page.locator('[data-testid="stMetric"]', has_text="70,000").count() == 1
    # The sidebar (corpus and filters) is there on every page.
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Figure kinds").is_visible()

    for i, (title, path) in enumerate(PAGES[1:], start=2):
        page.locator('[data-testid="stSidebarNav"]').get_by_role(
            "link", name=title).click()
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
        if title in CHARTS:
            _wait_charts(page, CHARTS[title])
        _settle(page)
        assert page.url.rstrip("/").endswith(path)
        assert sidebar.get_by_text("Figure kinds").is_visible()
        assert not page.locator('[data-testid="stException"]').count()
        if title == "Figures":
            # the largest-figures chart labels its bars with the figure as written
            assert page.locator(".js-plotly-plot").get_by_text(
                re.compile("70,000")).count() >= 1
        if title == "Documents":
            # the 2021 seed's reader (its HTML can draw after the run ends on a busy machine)
            page.wait_for_selector("mark.tw-fig:has-text('60th')", timeout=30_000)
        _shot(page, f"{i}-{path}.png")
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_a_shared_link_opens_the_same_view(server: str, browser_page, seed_corpus) -> None:
    page = browser_page
    page.goto(f"{server}/figures?kind=percent", wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Figures')", timeout=60_000)
    _settle(page)
    percent = int((seed_corpus.figures["kind"] == "percent").sum())
    assert percent
    shown = f"{percent:,} figure" + ("s" if percent != 1 else "")
    assert page.get_by_text(shown, exact=True).count() == 1
    assert "kind=percent" in page.url
    chip = page.locator('[data-testid="stSidebar"]').get_by_text("percent", exact=True)
    assert chip.count() >= 1
    _shot(page, "10-figures-percent-link.png")


def test_upload_in_the_browser(server: str, browser_page, tmp_path) -> None:
    """A good and a bad file: the bad one is named in a warning, the good one analysed,
    and the sidebar's filters follow the new corpus."""
    good = tmp_path / "harbour.txt"
    good.write_text("date 2024-05-02 Port officials said 1,250 ships docked in April.\n\n"
                    "Dock workers praised the excellent new cranes.", encoding="utf-8")
    bad = tmp_path / "notes.jsonl"
    bad.write_text('{"text": broken\n', encoding="utf-8")
    page = browser_page
    page.goto(f"{server}/data", wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Data')", timeout=60_000)
    _settle(page)
    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(
        [str(good), str(bad)])
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Analyse uploads").click()
    page.wait_for_selector('[data-testid="stAlertContentWarning"]:has-text("notes.jsonl")',
                           timeout=60_000)
    _settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("1 document", exact=False).count() == 1
    # one dated document: no date range filter any more
    assert sidebar.locator('[data-testid="stDateInput"]').count() == 0
    _shot(page, "11-data-after-upload.png")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Figures").click()
    page.wait_for_selector("h1:has-text('Figures')", timeout=60_000)
    _settle(page)
    # the table renders after the heading: wait for its cell (a busy machine is slow; the
    # grid's cells count as hidden, so wait for the cell to be there, not to be visible)
    page.get_by_text("1,250", exact=False).first.wait_for(state="attached", timeout=60_000)
    assert page.get_by_text("1,250", exact=False).count() >= 1


def _status(url: str, method: str = "GET", headers: dict | None = None,
            data: bytes | None = None) -> int:
    """HTTP status of one request without cookies and without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=20) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code


def _websocket_status(url: str) -> int:
    """HTTP status of a websocket handshake on ``/_stcore/stream`` without cookies."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(b"GET /_stcore/stream HTTP/1.1\r\nHost: " + host.encode() +
                     b"\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                     b"Sec-WebSocket-Version: 13\r\n"
                     b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        return int(sock.recv(64).split()[1])


def test_with_a_password_nothing_but_the_prompt_renders(tmp_path_factory, browser_page) -> None:
    """The gate covers the whole server: a deep link asks for the password and then opens;
    uploads, downloads, the websocket and the metrics refuse a visitor without the cookie;
    failed attempts are slowed down."""
    page = browser_page
    with _serve(tmp_path_factory.mktemp("locked"), "streamlit-locked.log",
                THEMEWATCH_PASSWORD="correct horse") as url:
        # Streamlit's endpoints, asked directly, as a visitor who never signed in
        html_get = {"Accept": "text/html"}
        assert _status(f"{url}/_stcore/upload_file/s/f", "PUT", data=b"x" * 1000) == 401
        assert _status(f"{url}/media/0123456789abcdef.csv") == 401
        assert _status(f"{url}/media/0123456789abcdef.csv", headers=html_get) == 303
        assert _status(f"{url}/_stcore/metrics") == 404
        assert _status(f"{url}/_stcore/host-config") == 401
        assert _websocket_status(url) == 403
        assert _status(f"{url}/_stcore/health") == 200

        page.goto(f"{url}/figures?kind=percent", wait_until="domcontentloaded")
        page.wait_for_selector("input[type=password]", timeout=60_000)
        body = page.locator("body").inner_text()
        for leak in ("70,000", "Laos", "Figures", "Overview", "Download"):
            assert leak not in body, leak
        assert page.locator(".js-plotly-plot, [data-testid='stDataFrame'], "
                            "[data-testid='stSidebarNav']").count() == 0
        _shot(page, "12-password-prompt.png")
        started = time.monotonic()
        page.locator("input[type=password]").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector("text=That password is not right.", timeout=30_000)
        assert time.monotonic() - started >= 1.0  # a failed attempt answers slowly
        assert "Laos" not in page.locator("body").inner_text()
        page.locator("input[type=password]").fill("wrong again")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector("text=That password is not right.", timeout=30_000)
        # the third attempt comes before the 2 s the second failure imposed: not even checked
        page.locator("input[type=password]").fill("correct horse")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector("text=Too many failed attempts", timeout=30_000)
        time.sleep(2.5)
        page.locator("input[type=password]").fill("correct horse")
        page.get_by_role("button", name="Sign in").click()
        # the deep link survives the sign-in: the figures page, filtered
        page.wait_for_selector("h1:has-text('Figures')", timeout=60_000)
        _wait_charts(page, CHARTS["Figures"])
        _settle(page)
        print("after sign-in:", page.url)
        assert page.url.split("?")[0].endswith("/figures")
        assert "kind=percent" in page.url
        # a download works for the signed-in browser, and its URL for nobody else
        with page.expect_download() as info:
            page.get_by_role("button", name="Download these figures (CSV)").click()
        media = info.value.url
        assert "/media/" in media and "," in info.value.path().read_text()
        assert page.request.get(media).status == 200
        assert _status(media) == 401
        assert page.request.get(f"{url}/_stcore/metrics").status == 404
        # signing out (the sidebar's link) clears the cookie: the media URL refuses again
        link = page.get_by_role("link", name="Sign out")
        assert link.get_attribute("href").endswith("signout")
        page.goto(f"{url}/signout", wait_until="domcontentloaded")
        page.wait_for_selector("input[type=password]", timeout=30_000)
        assert page.request.get(media, max_redirects=0).status == 401


# --- a stream store ---------------------------------------------------------------------------

def _stream_rows(days: list[str], per_day: int) -> list[dict]:
    """The first ``per_day`` Reuters stories of each day (read from ../shared, never
    copied), with one undated story; generated stories when ../shared is absent."""
    import pandas as pd

    if REUTERS.exists():
        f = pd.read_csv(REUTERS, dtype=str, keep_default_na=False)
        picked = f[f["date"].isin(days)].groupby("date").head(per_day)
        undated = f[f["date"] == ""].head(1)
        return pd.concat([picked, undated]).to_dict("records")
    topics = ["grain", "crude", "earn", "acq"]
    return [{"id": f"g-{d}-{i}", "title": f"Story {i} of {d}", "date": d,
             "topics": topics[i % 4], "places": "usa" if i % 2 else "japan;usa",
             "text": f"Exports of grain rose {i + 3} percent to {100 + i} tonnes on {d}, "
                     f"the ministry said. Prices fell {i % 5} percent in talks number {i}."}
            for d in days for i in range(per_day)]


def _ingest(store: Path, rows: list[dict], name: str) -> str:
    import pandas as pd

    from metrics import stream

    path = store.parent / f"{name}.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(stream.ingest([path], store))


FIRST_DAYS = ["1987-02-26", "1987-03-01", "1987-03-02", "1987-03-03", "1987-03-04",
              "1987-03-05", "1987-03-06", "1987-03-09", "1987-03-11", "1987-03-12",
              "1987-03-13"]


@pytest.fixture(scope="module")
def stream_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The dashboard serving a stream store of the first days of Reuters."""
    _need_browser()
    tmp = tmp_path_factory.mktemp("stream")
    store = tmp / "reuters.duckdb"
    print(_ingest(store, _stream_rows(FIRST_DAYS, 25), "first"))
    with _serve(tmp, "streamlit-stream.log", THEMEWATCH_CORPORA=str(store)) as url:
        yield url, store


def test_a_stream_store_in_the_browser(stream_server, browser_page) -> None:
    """Overview and Trends on an ingested store, a facet filter, then Refresh after one
    more day is ingested."""
    url, store = stream_server
    page = browser_page
    page.goto(f"{url}/?corpus=reuters", wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Overview')", timeout=60_000)
    _wait_charts(page, CHARTS["Overview"])
    _settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    from metrics import stream

    total = stream.newer(store, None)  # near-duplicates are linked, not counted
    assert total > 200
    assert sidebar.get_by_text(f"{total:,} documents").count() >= 1
    assert sidebar.get_by_text("No new documents since").count() == 1
    assert sidebar.get_by_text("Topics", exact=True).count() == 1  # a facet filter
    _shot(page, "10-stream-overview.png")

    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Trends").click()
    page.wait_for_selector("h1:has-text('Trends')", timeout=60_000)
    _wait_charts(page, CHARTS["Trends"])
    _settle(page)
    assert page.locator(".js-plotly-plot").get_by_text(
        re.compile("Attention: share of documents")).count() == 1
    assert not page.locator('[data-testid="stException"]').count()
    _shot(page, "11-stream-trends.png")

    page.goto(f"{url}/trends?corpus=reuters&facet_topics=grain", wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Trends')", timeout=60_000)
    _wait_charts(page, CHARTS["Trends"])
    _settle(page)
    assert sidebar.get_by_text(re.compile(rf"\d+ of {total:,} documents")).count() == 1

    print(_ingest(store, _stream_rows(["1987-03-16"], 25), "more"))
    new = stream.newer(store, None) - total
    assert new > 15
    page.goto(f"{url}/trends?corpus=reuters", wait_until="domcontentloaded")
    page.wait_for_selector(f"text={new} new documents", timeout=60_000)
    _settle(page)
    page.get_by_test_id("stButton").get_by_role("button", name="Refresh").click()
    page.wait_for_selector(f"text={total + new:,} documents", timeout=60_000)
    _wait_charts(page, CHARTS["Trends"])
    _settle(page)
    assert sidebar.get_by_text(f"{new} documents added by refreshing").count() == 1
    _shot(page, "12-stream-trends-after-refresh.png")
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def _choose(page, box, option: str) -> None:
    """Open a select box and pick ``option``. A click right after a rerun sometimes only
    focuses the box (its list stays closed), so the list is opened again until it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(4):
        box.click()
        try:
            page.get_by_role("option", name=option).wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.get_by_role("option", name=option).click()


def _open(page, url: str, title: str, charts: int = 0) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
    if charts:
        _wait_charts(page, charts)
    _settle(page)
    assert not page.locator('[data-testid="stException"]').count()


RULES = """[[rule]]
name = "big arrests"
figure = "arrests"
above = 50000
"""


def test_news_pages_on_a_dated_wire(tmp_path_factory, browser_page, wire_csv) -> None:
    """Changes, Compare and Alerts on a dated server corpus with a burst on its last day;
    the period chosen on the Changes page goes into the link."""
    page = browser_page
    tmp = tmp_path_factory.mktemp("wire-server")
    (tmp / "store.rules.toml").write_text(RULES, encoding="utf-8")
    with _serve(tmp, "streamlit-wire.log", THEMEWATCH_CORPORA=str(wire_csv)) as url:
        _open(page, f"{url}/?corpus=wire", "Overview", charts=2)
        lead = page.locator("body").inner_text()
        assert "2024-03-09, the latest day: 26 documents" in lead
        assert "places=chile (facet): 6 of 26 vs 0 of 140" in lead
        assert "6 alerts fired, 6 new" in lead
        assert "Page not found" not in lead
        _shot(page, "overview-wire.png")
        _open(page, f"{url}/changes?corpus=wire", "Changes", charts=1)
        body = page.locator("body").inner_text()
        assert "2024-03-09: 26 documents, against 140 documents" in body
        assert "What rose" in page.locator(".js-plotly-plot").first.inner_text()
        chile = page.locator('[data-testid="stExpander"]', has_text="places=chile (facet)")
        chile.locator("summary").click()
        page.wait_for_timeout(500)
        assert chile.get_by_text("Evidence: 6 documents of this period.").is_visible()
        _shot(page, "changes.png")
        _choose(page, page.locator('[data-testid="stSelectbox"]', has_text="Period compared"),
                "2024-03-08")
        page.wait_for_function("() => location.search.includes('at=2024-03-08')",
                               timeout=30_000)
        _settle(page)
        assert "2024-03-08: 20 documents" in page.locator("body").inner_text()

        _open(page, f"{url}/compare?corpus=wire", "Compare", charts=2)
        body = page.locator("body").inner_text()
        assert "Documents in 2024-03-09" in body and "Documents in 2024-03-08" in body
        _shot(page, "compare.png")

        _open(page, f"{url}/alerts?corpus=wire", "Alerts")
        assert "6 alerts, 6 new" in page.locator("body").inner_text()
        page.locator('[data-testid="stExpander"]').first.locator("summary").click()
        page.wait_for_timeout(500)
        _shot(page, "alerts.png")
        page.get_by_role("button", name="Mark 6 new alerts as raised").click()
        page.wait_for_selector("text=Raised 6 alerts", timeout=30_000)
        _settle(page)
        assert "6 alerts, 0 new" in page.locator("body").inner_text()
        assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_every_page_opens_from_its_own_url(server: str, browser_page) -> None:
    """Deep links: "/overview" (the default page's name) and every other page's path open
    that page with the link's filters, never Streamlit's "Page not found"."""
    page = browser_page
    for title, path in PAGES:
        page.goto(f"{server}/{path}?kind=percent", wait_until="domcontentloaded")
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
        _settle(page)
        assert "Page not found" not in page.content(), path
        chip = page.locator('[data-testid="stSidebar"]').get_by_text("percent", exact=True)
        chip.first.wait_for(timeout=30_000)  # the first page may still be drawing its sidebar
        assert chip.count() >= 1, path


def test_a_selected_row_shows_its_whole_sentence(server: str, browser_page) -> None:
    """Wide tables cut the sentence off: selecting a row shows it whole, as plain text."""
    page = browser_page
    page.goto(f"{server}/figures?kind=count", wait_until="domcontentloaded")
    page.wait_for_selector("h1:has-text('Figures')", timeout=60_000)
    _settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_selector('[data-testid="stText"]', timeout=30_000)
    _settle(page)
    whole = page.locator('[data-testid="stText"]').first.inner_text()
    assert len(whole) > 120 and whole.endswith(".")  # longer than the cut-off cell
    _shot(page, "figures-row-selected.png")


# --- the map, offline ----------------------------------------------------------------------

GREY = "rgb(228, 230, 235)"  # dashboard.geo.NO_DOCUMENTS


def test_the_map_draws_offline(tmp_path_factory, browser_page, atlas_csv) -> None:
    """Every request that would leave the machine is aborted and recorded: the world map
    still draws all 177 countries (its base map comes from the app's own static folder,
    not cdn.plot.ly), the countries with documents in colour, and hover names one."""
    tmp = tmp_path_factory.mktemp("atlas-server")
    with _serve(tmp, "streamlit-map.log", THEMEWATCH_CORPORA=str(atlas_csv)) as url:
        # a context of its own (the shared page's browser): the route sees all its requests
        context = browser_page.context.browser.new_context(
            viewport={"width": 1440, "height": 1000})
        left, local = [], []

        def only_loopback(route) -> None:
            request_url = route.request.url
            if request_url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:")):
                local.append(request_url)
                route.continue_()
            else:
                left.append(request_url)
                route.abort()

        context.route("**/*", only_loopback)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{url}/map?corpus=atlas", wait_until="domcontentloaded")
        page.wait_for_selector("h1:has-text('Map')", timeout=60_000)
        shapes = page.locator(".js-plotly-plot path.choroplethlocation")
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation')"
            ".length >= 177", timeout=60_000)
        _settle(page)
        assert shapes.count() == 177  # every country of world.geojson, drawn once
        fills = [shapes.nth(i).evaluate("e => getComputedStyle(e).fill")
                 for i in range(shapes.count())]
        assert sum(f != GREY for f in fills) == 4  # China, Laos, Brazil, the United States
        assert any(u.endswith("/app/static/world_110m.json") for u in local)
        assert not errors, errors
        # the data trace follows the grey one: its first shape is China (3 documents)
        china = shapes.nth(177 - 4).bounding_box()
        assert china is not None
        page.mouse.move(china["x"] + china["width"] * 0.55, china["y"] + china["height"] * 0.6)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
        hover = page.locator(".hoverlayer .hovertext").text_content() or ""
        assert "China" in hover and "3 documents" in hover, hover
        _shot(page, "map-offline.png")
        body = page.locator("body").inner_text()
        assert "6 documents of 7 mention 5 countries." in body
        assert "in the table only: SGP" in body
        # clicking a country lists its documents
        brazil = shapes.nth(177 - 2).bounding_box()
        assert brazil is not None
        page.mouse.click(brazil["x"] + brazil["width"] * 0.5, brazil["y"] + brazil["height"] * 0.4)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stSelectbox\"] input')]"
            ".some(i => i.value === 'Brazil')", timeout=30_000)
        _settle(page)
        _shot(page, "map-offline-brazil.png")
        # a shared link names the country
        page.goto(f"{url}/map?corpus=atlas&country=United+States+of+America",
                  wait_until="domcontentloaded")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stSelectbox\"] input')]"
            ".some(i => i.value === 'United States of America')", timeout=60_000)
        _settle(page)
        assert "country=United+States+of+America" in page.url
        # the guard is live: a request to plotly's CDN is caught, and it is the only one
        assert not left, left
        page.evaluate("() => fetch('https://cdn.plot.ly/un/world_110m.json').catch(() => 0)")
        page.wait_for_timeout(500)
        assert left == ["https://cdn.plot.ly/un/world_110m.json"]
        context.close()
