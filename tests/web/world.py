"""A running web app on the real demo story: the demo feed through the real pipeline into a real
database (SQLite or PostgreSQL), a failed webhook delivery, users of both roles, and uvicorn on
127.0.0.1 serving ``create_app``.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml
from sqlalchemy import Engine

from monitor.clock import utcnow
from monitor.config import Config, Settings, parse_config
from monitor.drivers.embedded import EmbeddedRunner
from monitor.pipeline.services import Services
from monitor.store import accounts
from monitor.web.app import create_app
from monitor.web.auth import hash_password, new_token, token_hash
from monitor.web.serve import start_in_thread
from tests.support.paths import REPO as REPO_ROOT

PASSWORD = "correct horse battery"
WEBHOOK_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_config(folder: Path, webhook_port: int) -> Config:
    """feeds.yaml with only the offline demo feed, and a webhook to a closed local port
    (one attempt), so every contradiction's delivery ends failed."""
    data: dict[str, Any] = yaml.safe_load((REPO_ROOT / "feeds.yaml").read_text(encoding="utf-8"))
    demo = next(feed for feed in data["feeds"] if feed["id"] == "demo")
    demo["url"] = str(REPO_ROOT / "demo" / "feed.xml")
    data["feeds"] = [demo]
    data["channels"] = [
        {
            "id": "newsroom-hook",
            "type": "webhook",
            "url": f"http://127.0.0.1:{webhook_port}/hook",
            "secret_env": "MONITOR_TEST_WEBHOOK_SECRET",
            "max_attempts": 1,
            "timeout_seconds": 2,
        }
    ]
    data["subscriptions"] = [{"channel": "newsroom-hook", "kinds": ["contradiction"]}]
    path = folder / "feeds.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return parse_config(path.read_text(encoding="utf-8"), path)


@dataclass
class WebWorld:
    engine: Engine
    config: Config
    base_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=20, follow_redirects=False, **kwargs)

    def api(self, role: str = "editor") -> httpx.Client:
        return self.client(headers={"Authorization": f"Bearer {self.tokens[role]}"})

    def login(self, name: str = "editor", password: str = PASSWORD) -> httpx.Client:
        client = self.client()
        csrf = csrf_of(client.get("/login").text)
        response = client.post(
            "/login", data={"name": name, "password": password, "csrf": csrf, "next": "/alerts"}
        )
        assert response.status_code == 303, response.text
        return client


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match is not None, "no CSRF field on the page"
    return match.group(1)


@contextmanager
def running_world(engine: Engine, folder: Path, monkeypatch: Any) -> Iterator[WebWorld]:
    monkeypatch.setenv("MONITOR_TEST_WEBHOOK_SECRET", WEBHOOK_SECRET)
    config = demo_config(folder, free_port())
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), allow_private=("127.0.0.1",)
    )
    services = Services.create(config, settings, engine)
    EmbeddedRunner(services).run_once()
    services.close()
    world = WebWorld(engine=engine, config=config, base_url="")
    with engine.begin() as conn:
        for role in ("editor", "reader"):
            accounts.add_user(conn, role, hash_password(PASSWORD), role, utcnow())
            token = new_token()
            accounts.add_token(conn, f"{role}-token", token_hash(token), role, utcnow())
            world.tokens[role] = token
    port = free_port()
    server, thread = start_in_thread(create_app(config, engine, stream_interval=0.2), "127.0.0.1", port)
    world.base_url = f"http://127.0.0.1:{port}"
    try:
        yield world
    finally:
        server.should_exit = True
        thread.join(timeout=10)
