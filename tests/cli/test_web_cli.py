"""The web app's commands through the real `monitor` executable: users, tokens, `monitor web`,
and `monitor run --web` (what `make run` starts) printing the first start's login."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.cli.test_run import MONITOR, config_text
from tests.web.world import csrf_of, free_port


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "feeds.yaml"
    config.write_text(config_text(), encoding="utf-8")
    database = f"sqlite:///{tmp_path}/monitor.db"
    return dict(os.environ, MONITOR_DATABASE_URL=database, MONITOR_CONFIG=str(config), COLUMNS="200")


def monitor(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MONITOR, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_users_and_tokens(env: dict[str, str]) -> None:
    added = monitor(
        env, "users", "add", "ana", "--role", "editor", "--password-stdin", stdin="long enough pw\n"
    )
    assert added.returncode == 0, added.stderr
    again = monitor(env, "users", "add", "ana", "--password-stdin", stdin="long enough pw\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    assert "at least 8" in monitor(env, "users", "add", "bo", "--password-stdin", stdin="short\n").stderr
    assert (
        "not one of"
        in monitor(env, "users", "add", "bo", "--role", "admin", "--password-stdin", stdin="x" * 9).stderr
    )
    assert "ana" in monitor(env, "users", "list").stdout

    created = monitor(env, "tokens", "create", "newsroom-cms", "--role", "reader")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("mon_") and "shown only now" in created.stderr
    listed = monitor(env, "tokens", "list").stdout
    assert "newsroom-cms" in listed and token not in listed
    token_id = re.search(r"token (\d+) ", created.stderr)
    assert token_id is not None
    assert monitor(env, "tokens", "revoke", token_id.group(1)).returncode == 0
    assert monitor(env, "tokens", "revoke", token_id.group(1)).returncode == 2  # revoked already


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


def _first_login(output: str) -> tuple[str, str]:
    found = re.search(r"created the editor (\S+) with the password (\S+)", output)
    assert found is not None, output
    return found.group(1), found.group(2)


def _read_until(process: subprocess.Popen[str], marker: str, seconds: float = 60) -> str:
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen += line
    return seen


@pytest.mark.parametrize("command", [["web"], ["run", "--web"]])
def test_the_first_start_prints_a_login_that_works(env: dict[str, str], command: list[str]) -> None:
    port = free_port()
    args = [*command, f"127.0.0.1:{port}"] if command == ["run", "--web"] else [*command, "--port", str(port)]
    process = subprocess.Popen(
        [*MONITOR, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        output = _read_until(process, "web app on")
        name, password = _first_login(output)
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/healthz", process)
        with httpx.Client(base_url=base) as client:
            csrf = csrf_of(client.get("/login").text)
            assert (
                client.post("/login", data={"name": name, "password": password, "csrf": csrf}).status_code
                == 303
            )
            if command == ["run", "--web"]:  # the runner beside it processes the demo feed
                deadline = time.monotonic() + 60
                while not client.get("/api/v1/alerts", headers={"X-CSRF-Token": csrf}).json()["items"]:
                    assert time.monotonic() < deadline, "the embedded runner stored no alerts"
                    time.sleep(0.5)
                assert re.search(r'<article class="alert kind-\w+', client.get("/alerts").text)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # a second start finds the user and prints no password
    process = subprocess.Popen(
        [*MONITOR, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert "password" not in _read_until(process, "web app on")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
