"""The password gate in front of the whole server, not just the pages.

Streamlit's own endpoints (the websocket, file uploads, ``/media`` downloads, component
files, the agent API) answer any visitor who knows their URL, whatever the page shows. This
ASGI middleware sits before all of them: without a valid sign-in cookie a visitor gets the
sign-in form (``/signin``), a 401 or a refused websocket; only ``/_stcore/health`` answers
(it tells nothing). ``/_stcore/metrics`` is never served. Failed attempts are slowed down
per client address. ``dashboard/serve.py`` mounts it; pages never see an unsigned visitor.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import os
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PASSWORD_ENV = "THEMEWATCH_PASSWORD"
COOKIE = "themewatch_auth"
SIGN_IN = "/signin"
SIGN_OUT = "/signout"
OPEN_PATHS = frozenset({"/_stcore/health", "/healthz"})
CLOSED_PATHS = frozenset({"/_stcore/metrics"})  # never served, signed in or not
SESSION_SECONDS = 12 * 3600
MAX_FORM_BYTES = 4096
FIRST_DELAY = 1.0  # seconds a client waits after its first failed attempt; doubles after each
MAX_DELAY = 60.0
MAX_CLIENTS = 10_000  # failure records kept; the oldest are forgotten first

MARK = "x-themewatch-gate"
_TOKEN = secrets.token_hex(16)  # per process: a visitor can't forge the mark


def passed(headers: Mapping[str, str]) -> bool:
    """True when a request's headers carry this process's gate mark: the visitor signed in
    at the gate, so the app need not ask again (``st.context.headers``)."""
    given = next((v for k, v in headers.items() if k.lower() == MARK), "")
    return hmac.compare_digest(given.encode(), _TOKEN.encode())


def _marked(scope: Scope) -> Scope:
    """``scope`` with the gate mark set (any mark the visitor sent is dropped)."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k != MARK.encode()]
    return {**scope, "headers": [*headers, (MARK.encode(), _TOKEN.encode())]}


def _unmarked(scope: Scope) -> Scope:
    return {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                 if k != MARK.encode()]}


def secret(name: str) -> object | None:
    """``st.secrets[name]``, or None when absent or when there is no secrets file."""
    import streamlit as st

    try:
        return st.secrets.get(name, None)
    except Exception:  # StreamlitSecretNotFoundError: no secrets.toml at all
        return None


def password() -> str | None:
    """The configured password: ``THEMEWATCH_PASSWORD``, else ``password`` in the secrets."""
    value = os.environ.get(PASSWORD_ENV) or secret("password")
    return str(value) if value else None


@dataclass
class Throttle:
    """Failed sign-ins per client: after n failures the client waits ``FIRST_DELAY * 2**(n-1)``
    seconds (at most ``MAX_DELAY``) before its next attempt is even checked."""

    first: float = FIRST_DELAY
    most: float = MAX_DELAY
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, tuple[int, float]] = field(default_factory=dict)

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before an attempt counts (0 when it may try)."""
        count, until = self.failures.get(client, (0, 0.0))
        return max(0.0, until - self.clock()) if count else 0.0

    def failed(self, client: str) -> float:
        """Record a failure; the delay now imposed on ``client``."""
        count = self.failures.pop(client, (0, 0.0))[0] + 1
        delay = min(self.most, self.first * 2 ** (count - 1))
        self.failures[client] = (count, self.clock() + delay)
        while len(self.failures) > MAX_CLIENTS:
            self.failures.pop(next(iter(self.failures)))
        return delay

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)


def _sign(key: bytes, expires: int) -> str:
    mac = hmac.new(key, str(expires).encode(), hashlib.sha256).hexdigest()
    return f"{expires}.{mac}"


def _valid(key: bytes, token: str, now: float) -> bool:
    expires, _, _mac = token.partition(".")
    if not expires.isdigit() or int(expires) < now:
        return False
    return hmac.compare_digest(_sign(key, int(expires)), token)


def _cookies(scope: Scope) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                found.setdefault(key, val)
    return found


def _header(scope: Scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return ""


def safe_next(target: str) -> str:
    """A same-site path to return to after sign-in (never another host, never the form)."""
    parts = urlsplit(target)
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or parts.scheme or parts.netloc or parts.path in (SIGN_IN, SIGN_OUT)):
        return "/"
    return target


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>themewatch: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;background:#f3f4f7;color:#1f2430;margin:0}}
main{{max-width:22rem;margin:12vh auto;background:#fff;padding:2rem;border-radius:.5rem;
box-shadow:0 1px 4px #0002}}
h1{{font-size:1.4rem;margin:0 0 1rem}} label{{display:block;margin:.5rem 0 .25rem}}
input{{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}}
button{{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;background:#332288;color:#fff;
border:0;border-radius:.5rem;cursor:pointer}} .error{{color:#882255;margin-top:1rem}}
</style></head><body><main>
<h1>themewatch</h1><p>This dashboard is password protected.</p>
<form method="post" action="{action}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" autofocus>
<button type="submit">Sign in</button></form>{message}
</main></body></html>"""


class Gate:
    """ASGI middleware: every request but the health check needs the sign-in cookie."""

    def __init__(self, app: ASGIApp, *, secret: str | None = None,
                 throttle: Throttle | None = None,
                 password_of: Callable[[], str | None] = password, base: str = "") -> None:
        self.app = app
        self.base = "/" + base.strip("/") if base.strip("/") else ""  # server.baseUrlPath
        self.password_of = password_of
        self.throttle = throttle or Throttle()
        # A fresh key per server process: restarting the server signs everyone out.
        self.key = (secret or secrets.token_hex(32)).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        if self.base and (path == self.base or path.startswith(self.base + "/")):
            path = path[len(self.base):] or "/"
        if path in CLOSED_PATHS:
            await _respond(send, 404, "Not found.")
            return
        expected = self.password_of()
        if path in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        if expected is None:
            await self.app(_unmarked(scope), receive, send)
            return
        key = self.key + hashlib.sha256(expected.encode()).digest()  # a new password signs out
        signed_in = _valid(key, _cookies(scope).get(COOKIE, ""), time.time())
        if scope["type"] == "websocket":
            if signed_in:
                await self.app(_marked(scope), receive, send)
            else:  # refused before the handshake: the browser sees HTTP 403
                await send({"type": "websocket.close", "code": 1008})
            return
        if path == SIGN_IN:
            await self._sign_in(scope, receive, send, key, expected)
        elif path == SIGN_OUT:
            await _redirect(send, self.base + SIGN_IN, cookie=f"{COOKIE}=; Max-Age=0; Path=/")
        elif signed_in:
            await self.app(_marked(scope), receive, send)
        elif scope["method"] == "GET" and "text/html" in _header(scope, b"accept"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            await _redirect(send, f"{self.base}{SIGN_IN}?next={quote(target, safe='')}")
        else:
            await _respond(send, 401, "Sign in first.")

    async def _sign_in(self, scope: Scope, receive: Receive, send: Send, key: bytes,
                       expected: str) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        target = safe_next(query.get("next", ["/"])[0])
        action = html.escape(f"{self.base}{SIGN_IN}?next={quote(target, safe='')}")
        if scope["method"] != "POST":
            await _page(send, 200, action, "")
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        waiting = self.throttle.wait(client)
        if waiting > 0:
            await _page(send, 429, action,
                        f"Too many failed attempts: try again in {waiting:.0f} s.",
                        retry_after=waiting)
            return
        body = await _body(receive, MAX_FORM_BYTES)
        given = parse_qs(body.decode("utf-8", "replace")).get("password", [""])[0] if body else ""
        if body is not None and hmac.compare_digest(given.encode(), expected.encode()):
            self.throttle.succeeded(client)
            token = _sign(key, int(time.time()) + SESSION_SECONDS)
            https = scope.get("scheme") == "https" or _header(
                scope, b"x-forwarded-proto") == "https"
            cookie = (f"{COOKIE}={token}; Max-Age={SESSION_SECONDS}; Path=/; HttpOnly; "
                      f"SameSite=Lax{'; Secure' if https else ''}")
            await _redirect(send, self.base + target, cookie=cookie)
            return
        delay = self.throttle.failed(client)
        await asyncio.sleep(min(delay, self.throttle.first))  # a slow "no" to the same client
        await _page(send, 401, action, "That password is not right.")


async def _body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None when it is larger than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


_HEADERS = [(b"cache-control", b"no-store"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]


async def _respond(send: Send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *_HEADERS]})
    await send({"type": "http.response.body", "body": text.encode()})


async def _page(send: Send, status: int, action: str, message: str,
                retry_after: float = 0.0) -> None:
    shown = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    headers = [(b"content-type", b"text/html; charset=utf-8"), *_HEADERS,
               (b"content-security-policy",
                b"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")]
    if retry_after:
        headers.append((b"retry-after", str(int(retry_after + 0.999)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body",
                "body": PAGE.format(action=action, message=shown).encode()})


async def _redirect(send: Send, location: str, cookie: str = "") -> None:
    headers = [(b"location", location.encode("latin-1")), *_HEADERS]
    if cookie:
        headers.append((b"set-cookie", cookie.encode("latin-1")))
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
