"""The server-wide password gate, driven as an ASGI app (no server, no browser)."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest

from dashboard import gate


class Recorder:
    """The app behind the gate: records what reached it."""

    def __init__(self) -> None:
        self.scopes: list[dict] = []

    async def __call__(self, scope, receive, send) -> None:
        self.scopes.append(scope)
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"app"})


def call(app, path: str, *, method: str = "GET", kind: str = "http", body: bytes = b"",
         cookie: str = "", accept: str = "", headers: list | None = None,
         client: str = "10.0.0.1") -> dict:
    """Run one request through ``app``; the response's status, headers and body."""
    path, _, query = path.partition("?")
    hdrs = list(headers or [])
    if cookie:
        hdrs.append((b"cookie", cookie.encode()))
    if accept:
        hdrs.append((b"accept", accept.encode()))
    scope = {"type": kind, "path": path, "query_string": query.encode(), "method": method,
             "headers": hdrs, "client": (client, 5000), "scheme": "http"}
    sent: list[dict] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    if not sent:
        return {"status": None}
    start = sent[0]
    if start["type"] == "websocket.close":
        return {"status": "closed", "code": start["code"]}
    return {"status": start["status"], "headers": dict(start["headers"]),
            "body": b"".join(m.get("body", b"") for m in sent[1:])}


@pytest.fixture
def locked() -> tuple[gate.Gate, Recorder]:
    inner = Recorder()
    throttle = gate.Throttle(first=0.01, most=0.04)
    return gate.Gate(inner, secret="k", throttle=throttle, password_of=lambda: "pw"), inner


def sign_in(app: gate.Gate, password: str = "pw", target: str = "/") -> dict:
    return call(app, f"/signin?next={quote(target, safe='')}", method="POST",
                body=f"password={quote(password)}".encode())


def cookie_of(response: dict) -> str:
    return response["headers"][b"set-cookie"].decode().split(";")[0]


def test_without_the_cookie_no_endpoint_reaches_streamlit(locked) -> None:
    app, inner = locked
    assert call(app, "/_stcore/upload_file/s/f", method="PUT", body=b"x")["status"] == 401
    assert call(app, "/media/abc.csv")["status"] == 401
    assert call(app, "/component/x/index.html")["status"] == 401
    assert call(app, "/_stcore/stream", kind="websocket") == {"status": "closed", "code": 1008}
    page = call(app, "/figures?kind=percent", accept="text/html")
    assert page["status"] == 303
    assert page["headers"][b"location"] == b"/signin?next=%2Ffigures%3Fkind%3Dpercent"
    assert inner.scopes == []
    assert call(app, "/_stcore/health")["status"] == 200  # tells nothing, needed by proxies
    assert len(inner.scopes) == 1


def test_the_right_password_opens_the_deep_link_and_every_endpoint(locked) -> None:
    app, inner = locked
    form = call(app, "/signin?next=%2Ffigures%3Fkind%3Dpercent")
    assert form["status"] == 200 and b'type="password"' in form["body"]
    assert b"default-src 'none'" in form["headers"][b"content-security-policy"]
    done = sign_in(app, target="/figures?kind=percent")
    assert done["status"] == 303 and done["headers"][b"location"] == b"/figures?kind=percent"
    assert b"HttpOnly" in done["headers"][b"set-cookie"]
    cookie = cookie_of(done)
    assert call(app, "/media/abc.csv", cookie=cookie)["status"] == 200
    assert call(app, "/_stcore/stream", kind="websocket", cookie=cookie)["status"] is None
    assert inner.scopes[-1]["type"] == "websocket"
    assert gate.passed({k.decode(): v.decode() for k, v in inner.scopes[-1]["headers"]})
    # the metrics stay closed even to a signed-in visitor
    assert call(app, "/_stcore/metrics", cookie=cookie)["status"] == 404


def test_forged_expired_or_foreign_cookies_are_refused(locked) -> None:
    app, inner = locked
    cookie = cookie_of(sign_in(app))
    expires, mac = cookie.split("=", 1)[1].split(".")
    forged = f"{gate.COOKIE}={int(expires) + 10}.{mac}"
    assert call(app, "/media/a.csv", cookie=forged)["status"] == 401
    assert call(app, "/media/a.csv", cookie=f"{gate.COOKIE}=1.{mac}")["status"] == 401
    other = gate.Gate(Recorder(), secret="another server", password_of=lambda: "pw")
    assert call(other, "/media/a.csv", cookie=cookie)["status"] == 401
    changed = gate.Gate(inner, secret="k", password_of=lambda: "new password")
    assert call(changed, "/media/a.csv", cookie=cookie)["status"] == 401  # new password signs out


def test_a_visitor_cannot_forge_the_mark_the_app_trusts(locked) -> None:
    app, inner = locked
    forged = [(gate.MARK.encode(), b"guess")]
    assert call(app, "/_stcore/stream", kind="websocket", headers=forged)["status"] == "closed"
    cookie = cookie_of(sign_in(app))
    call(app, "/x", cookie=cookie, headers=forged)
    marks = [v for k, v in inner.scopes[-1]["headers"] if k == gate.MARK.encode()]
    assert len(marks) == 1 and marks[0] != b"guess"
    assert not gate.passed({gate.MARK: "guess"})
    open_app = gate.Gate(inner, password_of=lambda: None)
    call(open_app, "/x", headers=forged)
    assert all(k != gate.MARK.encode() for k, _ in inner.scopes[-1]["headers"])


def test_failed_attempts_wait_longer_each_time(locked) -> None:
    app, _ = locked
    assert sign_in(app, "wrong")["status"] == 401
    assert b"not right" in sign_in(app, "wrong")["body"]  # the first delay (0.01 s) has passed
    blocked = sign_in(app, "pw")  # within the second delay: not even checked
    assert blocked["status"] == 429 and b"Too many failed attempts" in blocked["body"]
    assert int(blocked["headers"][b"retry-after"]) >= 1
    # another client is not held up by this one
    other = call(app, "/signin", method="POST", body=b"password=pw", client="10.0.0.2")
    assert other["status"] == 303


def test_throttle_doubles_up_to_a_cap_and_forgets_on_success() -> None:
    now = [100.0]
    throttle = gate.Throttle(first=1.0, most=8.0, clock=lambda: now[0])
    assert [throttle.failed("a") for _ in range(5)] == [1.0, 2.0, 4.0, 8.0, 8.0]
    assert throttle.wait("a") == 8.0
    now[0] += 3
    assert throttle.wait("a") == 5.0 and throttle.wait("b") == 0.0
    throttle.succeeded("a")
    assert throttle.wait("a") == 0.0 and throttle.failed("a") == 1.0


def test_an_oversized_form_is_refused_without_a_crash(locked) -> None:
    app, _ = locked
    big = b"password=" + b"x" * (gate.MAX_FORM_BYTES + 10)
    assert call(app, "/signin", method="POST", body=big)["status"] == 401


@pytest.mark.parametrize("target, expected", [
    ("/figures?kind=percent", "/figures?kind=percent"), ("//evil.example/x", "/"),
    ("https://evil.example/", "/"), ("/\\evil", "/"), ("/signin", "/"), ("figures", "/"),
])
def test_sign_in_returns_only_to_this_site(target: str, expected: str) -> None:
    assert gate.safe_next(target) == expected


def test_without_a_password_only_the_metrics_are_closed() -> None:
    inner = Recorder()
    app = gate.Gate(inner, password_of=lambda: None)
    assert call(app, "/media/a.csv")["status"] == 200
    assert call(app, "/_stcore/metrics")["status"] == 404


def test_a_base_url_path_is_honoured() -> None:
    app = gate.Gate(Recorder(), secret="k", password_of=lambda: "pw", base="/tw/")
    page = call(app, "/tw/figures", accept="text/html")
    assert page["headers"][b"location"] == b"/tw/signin?next=%2Ffigures"
    assert call(app, "/tw/_stcore/metrics")["status"] == 404
    done = call(app, "/tw/signin?next=%2Ffigures", method="POST", body=b"password=pw")
    assert done["headers"][b"location"] == b"/tw/figures"
