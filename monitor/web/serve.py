"""Running the app: uvicorn in the foreground (``monitor web``) or beside the embedded runner
(``monitor run --web``), and the first user a fresh database gets."""

from __future__ import annotations

import threading
import time

import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine

from monitor.clock import utcnow
from monitor.store import accounts
from monitor.web.auth import hash_password, new_password

FIRST_USER = "admin"


def parse_bind(value: str, default_port: int = 8080) -> tuple[str, int]:
    """'127.0.0.1:8080', ':8080' or 'localhost' -> (host, port)."""
    host, _, port = value.rpartition(":") if ":" in value else (value, "", str(default_port))
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{value!r}: expected HOST:PORT, e.g. 127.0.0.1:8080")
    return host or "127.0.0.1", int(port)


def ensure_first_user(engine: Engine) -> tuple[str, str] | None:
    """On a database with no user yet: create an editor ``admin`` with a random password.

    Returns (name, password) to show once, or None when users exist. The
    password is never stored in clear or written to a log.
    """
    with engine.begin() as conn:
        if accounts.count_users(conn) > 0:
            return None
        password = new_password()
        try:
            accounts.add_user(conn, FIRST_USER, hash_password(password), "editor", utcnow())
        except accounts.DuplicateName:  # another process made it meanwhile
            return None
    return FIRST_USER, password


def server(app: FastAPI, host: str, port: int) -> uvicorn.Server:
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, proxy_headers=False, lifespan="off"
    )
    return uvicorn.Server(config)


def start_in_thread(app: FastAPI, host: str, port: int) -> tuple[uvicorn.Server, threading.Thread]:
    """Serve ``app`` on a daemon thread; returns once the socket is listening (or raises)."""
    srv = server(app, host, port)
    # uvicorn installs no signal handlers off the main thread: the runner's Ctrl-C handler stays in charge
    thread = threading.Thread(target=srv.run, name="monitor-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if not thread.is_alive():
            raise OSError(f"the web app could not listen on {host}:{port}")
        if time.monotonic() > deadline:
            raise OSError(f"the web app did not start on {host}:{port} within 10 s")
        time.sleep(0.05)
    return srv, thread
