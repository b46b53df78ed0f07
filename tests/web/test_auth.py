"""Nothing but /healthz without a login; CSRF on every cookie-made change; readers cannot act;
revoked tokens are refused; failed logins are rate limited."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from monitor.clock import utcnow
from monitor.store import accounts
from monitor.store.schema import api_tokens
from monitor.web import api, metrics, pages, stream
from monitor.web.app import create_app
from monitor.web.auth import LoginLimiter, new_token, token_hash
from tests.web.world import PASSWORD, WebWorld, csrf_of

OPEN = {"/healthz", "/login"}


def concrete(path: str) -> str:
    return (
        path.replace("{alert_id}", "1")
        .replace("{claim_id}", "nk-troops-to-russia")
        .replace("{article_id}", "1")
        .replace("{delivery_id}", "1")
        .replace("{observation_id}", "1")
    )


def all_routes(world: WebWorld) -> list[tuple[str, str]]:
    """Every route of the app and of each router it includes."""
    app = create_app(world.config, world.engine)
    found = []
    routes = list(app.routes) + [
        r for router in (api.router, stream.router, pages.router, metrics.router) for r in router.routes
    ]
    for route in routes:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                found.append((method, concrete(route.path)))
    return found


def test_every_route_but_healthz_and_login_refuses_without_a_session_or_token(world: WebWorld) -> None:
    routes = all_routes(world)
    assert len(routes) > 30  # the pages and the API are all in the list
    client = world.client()
    for method, path in routes:
        if path in OPEN:
            continue
        response = client.request(method, path)
        if path.startswith("/api/") or path == "/metrics":
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.headers["www-authenticate"] == "Bearer"
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")
    # mounted folders are behind the gate too (our own CSS is not)
    assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 401
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_a_wrong_or_revoked_token_is_refused(world: WebWorld) -> None:
    assert (
        world.client(headers={"Authorization": "Bearer mon_not-a-token"}).get("/api/v1/alerts").status_code
        == 401
    )
    assert world.client(headers={"Authorization": "Basic abc"}).get("/api/v1/alerts").status_code == 401
    token = new_token()
    with world.engine.begin() as conn:
        token_id = accounts.add_token(conn, "temporary", token_hash(token), "reader", utcnow())
    client = world.client(headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/v1/alerts").status_code == 200
    with world.engine.begin() as conn:
        assert accounts.revoke_token(conn, token_id, utcnow())
        stored = conn.scalar(select(api_tokens.c.token_hash).where(api_tokens.c.id == token_id))
    assert stored == token_hash(token) and token not in str(stored)  # only the hash is kept
    assert client.get("/api/v1/alerts").status_code == 401


def test_a_reader_can_look_but_not_act(world: WebWorld) -> None:
    api = world.api("reader")
    assert api.get("/api/v1/alerts").status_code == 200
    for path in (
        "/api/v1/alerts/1/acknowledge",
        "/api/v1/alerts/1/wrong",
        "/api/v1/deliveries/1/resend",
        "/api/v1/claims/nk-troops-to-russia/mute",
    ):
        assert api.post(path).status_code == 403, path
    page = world.login("reader")
    html = page.get("/alerts").text
    assert "Mark as wrong" not in html and "Acknowledge" not in html
    response = page.post("/alerts/1/acknowledge", data={"csrf": csrf_of(html)})
    assert response.status_code == 403
    assert world.api().get("/api/v1/alerts/1").json()["acknowledged_at"] is None


def test_a_form_post_without_the_session_csrf_token_is_refused(world: WebWorld) -> None:
    page = world.login("editor")
    for data in ({}, {"csrf": "forged"}):
        response = page.post("/alerts/2/acknowledge", data=data)
        assert response.status_code == 403
        assert "CSRF" in response.text
    # a JSON call with the cookie needs the token in a header
    assert page.post("/api/v1/alerts/2/acknowledge").status_code == 403
    assert world.api().get("/api/v1/alerts/2").json()["acknowledged_at"] is None
    # another session's token is no good either
    other = csrf_of(world.login("editor").get("/alerts").text)
    assert page.post("/alerts/2/acknowledge", data={"csrf": other}).status_code == 403
    ok = page.post(
        "/alerts/2/acknowledge", data={"csrf": csrf_of(page.get("/alerts").text), "next": "/alerts"}
    )
    assert ok.status_code == 303
    assert world.api().get("/api/v1/alerts/2").json()["acknowledged_by"] == "editor"


def test_the_session_cookie_is_signed_httponly_and_samesite(world: WebWorld) -> None:
    client = world.client()
    csrf = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf": csrf})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    value = client.cookies["monitor_session"]
    tampered = world.client(
        cookies={"monitor_session": value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")}
    )
    assert tampered.get("/alerts").status_code == 303  # a bad signature is no session
    logout = client.post("/logout", data={"csrf": csrf_of(client.get("/alerts").text)})
    assert logout.status_code == 303
    assert client.get("/alerts").status_code == 303


def test_wrong_passwords_are_rate_limited(world: WebWorld) -> None:
    client = world.client(headers={"X-Forwarded-For": "203.0.113.9"})  # ignored: limits use the peer address
    codes = []
    for _ in range(7):
        csrf = csrf_of(client.get("/login").text)
        codes.append(
            client.post("/login", data={"name": "reader", "password": "guess", "csrf": csrf}).status_code
        )
    assert codes[:5] == [401] * 5
    assert codes[5:] == [429, 429]
    # even the right password waits now: that is what makes guessing slow
    csrf = csrf_of(client.get("/login").text)
    limited = client.post("/login", data={"name": "reader", "password": PASSWORD, "csrf": csrf})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0


def test_the_limiter_forgets_failures_after_its_window() -> None:
    limiter = LoginLimiter(attempts=2, window=60)
    limiter.failed("a", "x", now=0)
    limiter.failed("b", "x", now=1)
    assert limiter.retry_after("c", "x", now=2) == pytest.approx(58)  # the name is limited from any address
    assert limiter.retry_after("c", "y", now=2) == 0
    assert limiter.retry_after("c", "x", now=61) == 0
