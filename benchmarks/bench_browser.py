"""What a reader waits for in a real browser: the dashboard on the stream stores.

    python benchmarks/bench_browser.py [--dir DIR_OUTSIDE_REPO] [--only 19k|100k] [--json PATH]
                                       [--floor | --floor-only] [--breakdown]

Uses the two stores ``bench_stream.py --only build`` leaves in ``--dir``
(``reuters.duckdb``, 19k Reuters stories; ``big.duckdb``, 100k), never changes them. For
each store, ``stream.corpus`` first assembles its snapshot in another process
(``assemble_snapshot_s``), then the server starts as the README says (``streamlit run
dashboard/serve.py`` on a free 127.0.0.1 port, ``THEMEWATCH_CORPORA=<store>``) and
Debian's Chromium (headless, through playwright; never a downloaded browser) times:

* ``first_page_cold_s``: the first page of a fresh server process, from ``page.goto``
  until the Overview is drawn (``first_page_cold_run_s``: when the script run ended);
* ``first_page_s``: a second visitor's first page (a new browser context: no cache, a
  new session), once the server is idle again;
* ``filter_change_s`` (median), ``filter_change_max_s``, ``filter_changes_s``: the ten
  filter changes of ``bench_stream.py`` made by clicking in the sidebar (figure kinds
  percent, money, count+percent, none; the first three themes; after clearing the theme,
  the first three of the ``Topics`` facet). A change is every click a reader makes to get
  there (going from one theme to the next is "Remove" on the old one, then the new one
  from the list: two reruns); each click is timed from the click until the rerun has
  ended and the page is redrawn (``filter_steps``; ``filter_click_s``: their median),
  the change is their sum. Each step is checked: the widget's chips, the sidebar's "N of
  M documents" (narrower for a theme or topic, all again once removed) and, for figure
  kinds, the kinds the key-figures caption names.

"Drawn" is: a ``script_finished`` message of the server arrived after the click (read
from the websocket, so no run is missed, however short; its arrival is when "the run
ended"), the app's script state (``data-test-script-state`` on ``stApp``) is
``notRunning``, no element is stale any more, the Overview's title, its key-figures table
and both charts are there, then two animation frames. (The status
widget is no signal: Streamlit shows it only after about 0.5 s of running and fades it
out over 0.2 s.) Before the second visitor and before the filter changes the script waits
until the server process is idle (``server_busy_after_first_page_s``: the first page's
background warm-up of the filter lookups). Also reported: the server's RSS after the
first page and its peak. The server is stopped at the end, also on errors.

``--floor`` first times ``benchmarks/floor/app.py`` the same way (its clicks: the four
figure-kind changes, twice): a page of the Overview's shape (navigation, a sidebar
multiselect, title, four metric cards, a 10-row table, two small plotly charts) with no data
work, so what Streamlit and Chromium alone cost on this machine; ``--floor-only`` times
only it. ``--breakdown`` adds, for each first page and click, where the time went
(``Probe``): when the browser sent its message, when the first message and the run's
``script_finished`` came back, when the page was drawn; the renderer main thread's busy
seconds (script, layout, style); the server's CPU seconds; the websocket frames and bytes
received and each new element's type and size (a Chrome DevTools Protocol session; it
costs the page a little).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
STORES = {"19k": "reuters.duckdb", "100k": "big.duckdb"}
KIND_SETS = (["percent"], ["money"], ["count", "percent"], [])  # as bench_stream.py

# counts the app's script runs that ended, and when (ms since navigation), and the last
# pointer press: installed before any page script runs. A run ends when the server's
# ``script_finished`` message arrives (a ForwardMsg with field 6, read from the top-level
# protobuf fields of each websocket message): the ``data-test-script-state`` attribute
# alone misses a fast rerun (React may draw "running" and "notRunning" in one render).
WATCH = """
window.__tw = {done: 0, at: 0, press: 0};
const finished = (buf) => {  // a ForwardMsg whose top-level fields include 6 (varint)
  const b = new Uint8Array(buf); let i = 0;
  const varint = () => { let v = 0, m = 1, c;
    do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128 && i < b.length);
    return v; };
  while (i < b.length) {
    const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
    if (field === 6 && wire === 0) return true;
    if (wire === 0) varint();
    else if (wire === 2) { const n = varint(); i += n; }  // not i += varint(): i read first
    else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false;
  }
  return false;
};
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (e) => {
      if (e.data instanceof ArrayBuffer && finished(e.data)) {
        window.__tw.done += 1; window.__tw.at = performance.now();
      }
    });
  }
};
document.addEventListener('pointerdown', () => { window.__tw.press = performance.now(); },
                          true);
"""

# the Overview is drawn: a run ended after ``before``, nothing stale, title, table, charts
DRAWN = """(before) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || window.__tw.done <= before) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const h1 = [...document.querySelectorAll('h1')].some(h => h.innerText.includes('Overview'));
  const table = document.querySelector('.st-key-key_figures_table [data-testid="stDataFrame"]')
    || document.body.innerText.includes('No figures of these kinds in the filtered documents');
  const charts = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.querySelector('.main-svg')).length;
  return h1 && table && charts >= 2;
}"""
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
CHIPS = """(label) => {
  const w = [...document.querySelectorAll(
      '[data-testid="stSidebar"] [data-testid="stMultiSelect"]')].find(
      e => [...e.querySelectorAll('input')].some(i => i.getAttribute('aria-label') === label));
  return w ? [...w.querySelectorAll('[data-tag]')].map(t => t.getAttribute('aria-label')) : null;
}"""
COUNT = re.compile(r"Corpus .+? · (?:([\d,]+) of )?([\d,]+) documents?")
KINDS_NAMED = re.compile(r"; kinds (.+?) \(years and dates")


def css(text: str) -> str:
    """``text`` inside a double-quoted CSS attribute value."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int, field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of a process, MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_idle(pid: int, timeout: float) -> float:
    """Seconds until the process used under 5% of a core over one second."""
    started = time.perf_counter()
    samples = [(started, cpu_s(pid))]
    while time.perf_counter() - started < timeout:
        time.sleep(0.25)
        now, used = time.perf_counter(), cpu_s(pid)
        samples.append((now, used))
        before = [s for s in samples if now - s[0] >= 1.0]
        if before and (used - before[-1][1]) / (now - before[-1][0]) < 0.05:
            return before[-1][0] - started  # busy until the idle second began
    return timeout


class Probe:
    """Where one rerun's time goes (``--breakdown``), through a Chrome DevTools Protocol
    session on the page: the websocket frames the browser sent and received (when, how
    many bytes, each ``ForwardMsg`` parsed: its kind, and for a new element its type and
    size), the renderer's main-thread time (``Performance.getMetrics``: all tasks, of them
    script, layout and style) and the server process's CPU seconds. CDP timestamps are
    ``CLOCK_MONOTONIC``, as ``time.monotonic()`` on Linux, so frames are placed against
    the click."""

    METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")

    def __init__(self, page, pid: int) -> None:  # type: ignore[no-untyped-def]
        self.pid, self.cdp = pid, page.context.new_cdp_session(page)
        self.frames: list[tuple[float, str, int, str, str, int]] = []  # at, dir, bytes...
        self.cdp.on("Network.webSocketFrameReceived", lambda e: self._frame(e, "in"))
        self.cdp.on("Network.webSocketFrameSent", lambda e: self._frame(e, "out"))
        self.cdp.send("Network.enable")
        self.cdp.send("Performance.enable")
        self.start()

    def _frame(self, event: dict, direction: str) -> None:
        import base64

        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        data = event["response"]["payloadData"]
        raw = base64.b64decode(data) if event["response"].get("opcode") == 2 else data.encode()
        kind, element, size = "text", "", 0
        if direction == "in" and event["response"].get("opcode") == 2:
            msg = ForwardMsg.FromString(raw)
            kind = msg.WhichOneof("type") or ""
            if kind == "delta":
                kind = msg.delta.WhichOneof("type") or ""
                if kind == "new_element":
                    element = msg.delta.new_element.WhichOneof("type") or ""
                    size = msg.delta.new_element.ByteSize()
        elif direction == "out":
            kind = "back"
        self.frames.append((event["timestamp"], direction, len(raw), kind, element, size))

    def metrics(self) -> dict[str, float]:
        got = self.cdp.send("Performance.getMetrics")["metrics"]
        return {m["name"]: m["value"] for m in got if m["name"] in self.METRICS}

    def start(self) -> None:
        self.frames.clear()
        self.at, self.before, self.cpu = time.monotonic(), self.metrics(), cpu_s(self.pid)

    def stop(self, drawn_at: float) -> dict[str, object]:
        """What happened since ``start`` (seconds, from the click): the first frame sent,
        the first and last frames received, the run's end (``script_finished``) and the
        page drawn; main-thread and server CPU seconds; frames, bytes and elements."""
        after, cpu = self.metrics(), cpu_s(self.pid)
        got = [f for f in self.frames if f[1] == "in"]
        sent = [f for f in self.frames if f[1] == "out"]
        ended = [f[0] for f in got if f[3] == "script_finished"]
        elements: dict[str, list[int]] = {}
        for f in got:
            if f[3] == "new_element":
                elements.setdefault(f[4], []).append(f[5])
        def at(t: float | None) -> float | None:
            return None if t is None else round(t - self.at, 3)
        return {
            "sent": at(sent[0][0] if sent else None),
            "first_in": at(got[0][0] if got else None),
            "last_in": at(got[-1][0] if got else None),
            "finished": at(ended[-1] if ended else None),
            "drawn": at(drawn_at),
            "server_cpu": round(cpu - self.cpu, 3),
            **{k.replace("Duration", "").lower(): round(after[k] - self.before[k], 3)
               for k in self.METRICS},
            "frames_in": len(got), "bytes_in": sum(f[2] for f in got),
            "refs": sum(f[3] == "ref_hash" for f in got),
            "elements": {k: (len(v), sum(v)) for k, v in
                         sorted(elements.items(), key=lambda kv: -sum(kv[1]))},
        }


@contextmanager
def serve(store: Path | None, log: Path, timeout: float,
          script: str = "dashboard/serve.py") -> Iterator[tuple[str, int]]:
    """``streamlit run dashboard/serve.py`` on ``store`` (a free loopback port), as the
    README starts it (or another ``script``, from the same folder, so with the same
    ``.streamlit/config.toml``); yields its URL and pid, and stops it however the block
    ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("THEMEWATCH_PASSWORD", "THEMEWATCH_STORE")}
    if store is not None:
        env["THEMEWATCH_CORPORA"] = str(store)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script,
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}")
                time.sleep(0.25)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def wait_drawn(page, before: int, timeout: float) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(DRAWN, arg=before, polling="raf", timeout=timeout * 1000)
    page.evaluate(FRAMES)


def open_first_page(browser, url: str, timeout: float,  # type: ignore[no-untyped-def]
                    probe_pid: int | None = None):
    """A new visitor (browser context) opens ``url``: the page, seconds until the Overview
    is drawn, and seconds until the script run ended. With ``probe_pid`` (the server's)
    the page gets a ``Probe`` (``page.probe``; its breakdown of the first page in
    ``page.breakdown``)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.probe = Probe(page, probe_pid) if probe_pid else None
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    wait_drawn(page, 0, timeout)
    drawn = time.perf_counter() - started
    if page.probe:
        page.breakdown = page.probe.stop(time.monotonic())
    return page, drawn, page.evaluate("() => window.__tw.at") / 1000


class Sidebar:
    """Clicks on the sidebar's multiselects, each timed until the page is drawn again."""

    def __init__(self, page, timeout: float) -> None:  # type: ignore[no-untyped-def]
        self.page, self.timeout = page, timeout
        self.steps: list[tuple[str, float, float, str]] = []  # what, drawn s, run s, shown
        self.breakdowns: list[dict[str, object]] = []  # with a Probe: one per step

    def widget(self, label: str):  # type: ignore[no-untyped-def]
        return self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
                                 f':has(input[aria-label="{css(label)}"])')

    def chips(self, label: str) -> list[str]:
        chips = self.page.evaluate(CHIPS, label)
        if chips is None:
            raise RuntimeError(f"no {label!r} filter in the sidebar")
        return chips

    def count(self) -> tuple[int, int]:
        """(documents shown, documents in the corpus) from the sidebar's caption."""
        text = self.page.locator('[data-testid="stSidebar"]').inner_text()
        m = COUNT.search(text)
        if not m:
            raise RuntimeError(f"no document count in the sidebar: {text[:300]!r}")
        total = int(m.group(2).replace(",", ""))
        return int((m.group(1) or m.group(2)).replace(",", "")), total

    def open_list(self, label: str) -> None:
        """Open a multiselect's list (its first click after a page load may only focus
        it: the input and the "Open" button are clicked in turn until the list shows)."""
        widget = self.widget(label)
        for attempt in range(6):
            target = "input" if attempt % 2 == 0 else 'button[aria-label="Open"]'
            widget.locator(target).click(timeout=30_000)
            try:
                self.page.get_by_role("listbox").wait_for(timeout=2_000)
                return
            except PlaywrightTimeout:
                pass
        raise RuntimeError(f"the {label!r} list does not open")

    def close_list(self) -> None:
        """Close the open list and leave the widget (still focused, its next click on
        "Clear all" would open the list again instead)."""
        self.page.keyboard.press("Escape")
        self.page.get_by_role("listbox").wait_for(state="detached", timeout=30_000)
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")

    def options(self, label: str, n: int) -> list[str]:
        """The first ``n`` options of a multiselect, as listed."""
        self.open_list(label)
        names = self.page.locator('[role="listbox"] [role="option"]'
                                  ':not([data-key="__select_all__"])').all_inner_texts()[:n]
        self.close_list()
        return [s.strip() for s in names]

    def click(self, what: str, target) -> None:  # type: ignore[no-untyped-def]
        """Click ``target`` and wait until the rerun it starts has drawn the page."""
        target.hover(timeout=30_000)  # actionability checks before the clock starts
        before = self.page.evaluate("() => window.__tw.done")
        if self.page.probe:
            self.page.probe.start()
        started = time.perf_counter()
        target.click(timeout=30_000)
        wait_drawn(self.page, before, self.timeout)
        drawn = time.perf_counter() - started
        if self.page.probe:
            self.breakdowns.append(self.page.probe.stop(time.monotonic()))
        run = self.page.evaluate("() => (window.__tw.at - window.__tw.press) / 1000")
        shown, total = self.count()
        self.steps.append((what, drawn, run, f"{shown:,} of {total:,}"))

    def set(self, label: str, values: list[str]) -> float:
        """Make the ``label`` filter hold ``values`` as a reader would: "Clear all" to
        empty it, else "Remove" on each chip not wanted, then pick each missing one from
        the list; seconds waited (the sum of the clicks' waits)."""
        first = len(self.steps)
        current = self.chips(label)
        if not values and current:
            self.click(f"{label}: clear all",
                       self.widget(label).locator('button[aria-label="Clear all"]'))
        for value in [v for v in current if v not in values] if values else []:
            self.click(f"{label}: remove {value}",
                       self.widget(label).locator(f'button[aria-label="Remove {css(value)}"]'))
        for value in [v for v in values if v not in current]:
            self.open_list(label)
            self.click(f"{label}: add {value}",
                       self.page.get_by_role("option", name=value, exact=True))
            self.close_list()
        chips = self.chips(label)
        if chips != values:
            raise RuntimeError(f"{label}: the widget shows {chips}, not {values}")
        return sum(s[1] for s in self.steps[first:])


def check_narrowed(sidebar: Sidebar, what: str, narrowed: bool) -> str:
    shown, total = sidebar.count()
    if narrowed != (shown < total):
        raise RuntimeError(f"{what}: the sidebar shows {shown:,} of {total:,} documents")
    return f"{shown:,} of {total:,} documents" if narrowed else f"all {total:,} documents"


def check_kinds(page, kinds: list[str]) -> str:  # type: ignore[no-untyped-def]
    from dashboard.tables import KEY_KINDS

    m = KINDS_NAMED.search(page.locator('[data-testid="stMain"]').inner_text())
    named = m.group(1).split(", ") if m else []
    if sorted(named) != sorted(kinds or KEY_KINDS):
        raise RuntimeError(f"figure kinds {kinds}: the key figures name {named}")
    return "key figures of " + ", ".join(named)


def breakdown_lines(what: str, b: dict[str, object]) -> str:
    """One ``Probe`` breakdown on a line."""
    elements = ", ".join(f"{k} ×{n} {size / 1000:.1f} kB" if n > 1 else f"{k} {size / 1000:.1f} kB"
                         for k, (n, size) in b["elements"].items())  # type: ignore[union-attr]
    return (f"{what}: sent {b['sent']} · first in {b['first_in']} · run finished "
            f"{b['finished']} · last in {b['last_in']} · drawn {b['drawn']} s | browser main "
            f"thread {b['task']} s (script {b['script']}, layout {b['layout']}, style "
            f"{b['recalcstyle']}) | server CPU {b['server_cpu']} s | {b['frames_in']} "
            f"frames in, {b['bytes_in'] / 1000:.1f} kB, {b['refs']} cache refs | {elements}")


def breakdown_summary(result: dict[str, object], pages: list, sidebar: Sidebar) -> None:  # type: ignore[type-arg]
    """``--breakdown``: the first pages' and each click's ``Probe`` figures, and the
    clicks' medians, into ``result``."""
    for name, page in zip(("first_page_cold", "first_page"), pages, strict=True):
        result[f"breakdown_{name}"] = breakdown_lines(name, page.breakdown)
    steps = sidebar.breakdowns
    if not steps:
        return
    for key in ("sent", "first_in", "finished", "last_in", "drawn", "task", "script",
                "layout", "recalcstyle", "server_cpu", "frames_in", "bytes_in"):
        values = [b[key] for b in steps if b[key] is not None]
        if values:
            result[f"click_median_{key}"] = statistics.median(values)  # type: ignore[type-var]
    result["breakdown_steps"] = [breakdown_lines(what, b) for (what, *_), b
                                 in zip(sidebar.steps, steps, strict=True)]


def floor(log: Path, timeout: float, breakdown: bool) -> dict[str, object]:
    """The same figures for ``benchmarks/floor/app.py``, a page of the Overview's shape
    with no data work (``--floor``): what Streamlit and Chromium alone cost here. Its
    clicks are the four figure-kind changes, twice."""
    result: dict[str, object] = {}
    with serve(None, log, timeout, script="benchmarks/floor/serve.py") as (url, pid), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            probe = pid if breakdown else None
            first, result["first_page_cold_s"], result["first_page_cold_run_s"] = \
                open_first_page(browser, url, timeout, probe)
            result["server_busy_after_first_page_s"] = wait_idle(pid, timeout)
            page, result["first_page_s"], result["first_page_run_s"] = \
                open_first_page(browser, url, timeout, probe)
            wait_idle(pid, timeout)
            sidebar = Sidebar(page, timeout)
            changes = [sidebar.set("Figure kinds", kinds) for kinds in KIND_SETS * 2]
            result["filter_change_s"] = statistics.median(changes)
            result["filter_change_max_s"] = max(changes)
            steps = [drawn for _, drawn, _, _ in sidebar.steps]
            result["filter_click_s"] = statistics.median(steps)
            result["filter_click_max_s"] = max(steps)
            result["filter_steps"] = [f"{what}: {drawn:.2f} s (run ended {run:.2f} s)"
                                      for what, drawn, run, _ in sidebar.steps]
            if breakdown:
                breakdown_summary(result, [first, page], sidebar)
            result["errors"] = [*first.errors, *page.errors]
        finally:
            browser.close()
        result["server_peak_rss_mb"] = memory_mb(pid, "VmHWM")
    return result


def browse(store: Path, log: Path, timeout: float,
           breakdown: bool = False) -> dict[str, object]:
    """Time the dashboard on ``store`` in Chromium (the module's docstring says what)."""
    result: dict[str, object] = {}
    code = f"from metrics import stream; stream.corpus({str(store)!r})"
    _, result["assemble_snapshot_s"] = timed(lambda: subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, timeout=3600))
    with serve(store, log, timeout) as (url, pid), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            address = f"{url}/?corpus={store.stem}"
            probe = pid if breakdown else None
            first, result["first_page_cold_s"], result["first_page_cold_run_s"] = \
                open_first_page(browser, address, timeout, probe)
            result["server_rss_after_first_page_mb"] = memory_mb(pid, "VmRSS")
            result["server_busy_after_first_page_s"] = wait_idle(pid, timeout)
            page, result["first_page_s"], result["first_page_run_s"] = \
                open_first_page(browser, address, timeout, probe)
            wait_idle(pid, timeout)
            sidebar = Sidebar(page, timeout)
            result["corpus_shown"] = check_narrowed(sidebar, "first page", False)
            changes, applied = [], []
            for kinds in KIND_SETS:
                changes.append(sidebar.set("Figure kinds", kinds))
                applied.append(f"kind={','.join(kinds) or '(none)'}: {check_kinds(page, kinds)}")
            themes = sidebar.options("Themes", 3)
            for theme in themes:
                changes.append(sidebar.set("Themes", [theme]))
                applied.append(f"theme={theme}: "
                               f"{check_narrowed(sidebar, theme, True)}")
            sidebar.set("Themes", [])  # not counted, as in bench_stream.py
            check_narrowed(sidebar, "no theme", False)
            topics = sidebar.options("Topics", 3) if sidebar.widget("Topics").count() else []
            for topic in topics:
                changes.append(sidebar.set("Topics", [topic]))
                applied.append(f"topics={topic}: {check_narrowed(sidebar, topic, True)}")
            result["filters_applied"] = " | ".join(applied)
            result["filter_change_s"] = statistics.median(changes)
            result["filter_change_max_s"] = max(changes)
            result["filter_changes_s"] = " ".join(f"{c:.2f}" for c in changes)
            steps = [drawn for _, drawn, _, _ in sidebar.steps]
            result["filter_click_s"] = statistics.median(steps)  # one rerun each
            result["filter_click_max_s"] = max(steps)
            result["filter_steps"] = [f"{what}: {drawn:.2f} s (run ended {run:.2f} s), {shown}"
                                      for what, drawn, run, shown in sidebar.steps]
            if breakdown:
                breakdown_summary(result, [first, page], sidebar)
            result["errors"] = [*first.errors, *page.errors] + [
                "exception shown on the page" for pg in (first, page)
                if pg.locator('[data-testid="stException"]').count()]
        finally:
            browser.close()
        result["server_peak_rss_mb"] = memory_mb(pid, "VmHWM")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default="/tmp/themewatch-bench-stream")
    ap.add_argument("--only", choices=list(STORES))
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds to wait for the server, a page or a rerun")
    ap.add_argument("--json", metavar="PATH")
    ap.add_argument("--floor", action="store_true",
                    help="also time benchmarks/floor/app.py: the Overview's shape, no data "
                         "work (what Streamlit and Chromium alone cost here); no store needed")
    ap.add_argument("--floor-only", action="store_true", help="only the floor")
    ap.add_argument("--breakdown", action="store_true",
                    help="per page and click: websocket frames and elements received, the "
                         "browser's main-thread time, the server's CPU (a CDP session)")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
        return 1
    folder = Path(args.dir)
    chosen = {k: folder / v for k, v in STORES.items()
              if args.only in (None, k) and not args.floor_only}
    missing = [str(s) for s in chosen.values() if not s.exists()]
    if missing:
        print(f"missing {', '.join(missing)}: run `python benchmarks/bench_stream.py "
              f"--dir {folder} --only build` first")
        return 1
    load = os.getloadavg()
    print(f"note: wall-clock times on this machine ({os.cpu_count()} cores, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start): on a shared, busy "
          "machine they vary; run again for a range")
    result: dict[str, object] = {"load_average_start": round(load[0], 2)}
    if args.floor or args.floor_only:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "streamlit-browser-floor.log"
        result |= {f"{k}_floor": v for k, v in floor(log, args.timeout, args.breakdown).items()}
    for name, store in chosen.items():
        log = folder / f"streamlit-browser-{name}.log"
        result |= {f"{k}_{name}": v
                   for k, v in browse(store, log, args.timeout, args.breakdown).items()}
    result["load_average_end"] = round(os.getloadavg()[0], 2)
    for key, value in result.items():
        if isinstance(value, list):
            print(f"{key:>34}:" + "".join(f"\n{'':>36}{v}" for v in value))
        else:
            print(f"{key:>34}: {value:.3f}" if isinstance(value, float)
                  else f"{key:>34}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
