"""docker-compose.yml and the Dockerfile, checked as files (there is no Docker engine in CI)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = compose["services"]
    return result


def test_the_services(compose: dict[str, Any]) -> None:
    assert set(services(compose)) == {"redis", "postgres", "migrate", "worker", "beat", "web", "mailpit"}


def test_commands(compose: dict[str, Any]) -> None:
    svc = services(compose)
    assert svc["migrate"]["command"] == ["monitor", "db", "upgrade"]
    assert svc["worker"]["command"][:2] == ["monitor", "worker"]
    assert svc["beat"]["command"] == ["monitor", "beat"]
    assert svc["migrate"]["restart"] == "no"  # one-shot
    for name in ("migrate", "worker", "beat"):
        env = svc[name]["environment"]
        assert env["MONITOR_BROKER_URL"].startswith("redis://redis:")
        assert (
            env["MONITOR_DATABASE_URL"].startswith("postgresql://")
            and "@postgres:5432/" in env["MONITOR_DATABASE_URL"]
        )
        assert env["MONITOR_CONFIG"] == "/config/feeds.yaml"
        assert any(v.startswith("./feeds.yaml:/config/feeds.yaml") for v in svc[name]["volumes"])


def test_dependencies_wait_for_health_and_migration(compose: dict[str, Any]) -> None:
    svc = services(compose)
    assert svc["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("worker", "beat"):
        deps = svc[name]["depends_on"]
        assert deps["redis"] == {"condition": "service_healthy"}
        assert deps["postgres"] == {"condition": "service_healthy"}
        assert deps["migrate"] == {"condition": "service_completed_successfully"}


def test_healthchecks(compose: dict[str, Any]) -> None:
    svc = services(compose)
    for name in ("redis", "postgres", "worker", "beat", "mailpit"):
        check = svc[name]["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and len(check["test"]) >= 2, name
    assert "pg_isready" in " ".join(svc["postgres"]["healthcheck"]["test"])
    assert "ping" in svc["redis"]["healthcheck"]["test"]
    assert "inspect ping" in svc["worker"]["healthcheck"]["test"][1]
    assert "--max-dispatch-age" in svc["beat"]["healthcheck"]["test"]


def test_the_web_service(compose: dict[str, Any]) -> None:
    web = services(compose)["web"]
    assert web["command"][:2] == ["monitor", "web"] and "0.0.0.0" in web["command"]  # inside its container
    assert web["ports"] == ["127.0.0.1:${MONITOR_WEB_PORT:-8080}:8080"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert web["environment"]["MONITOR_DATABASE_URL"].startswith("postgresql://")


def test_ports_bind_loopback_only(compose: dict[str, Any]) -> None:
    published = 0
    for name, svc in services(compose).items():
        for port in svc.get("ports", []):
            published += 1
            assert isinstance(port, str) and port.startswith("127.0.0.1:"), f"{name}: {port}"
            assert re.fullmatch(r"127\.0\.0\.1:(\$\{[A-Z_]+:-\d+\}|\d+):\d+", port), port
    assert published >= 1


def test_worker_scales(compose: dict[str, Any]) -> None:
    worker = services(compose)["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker  # a fixed host port would stop a second replica
    assert worker["environment"]["REMAP_SIGTERM"] == "SIGQUIT"  # docker stop -> soft shutdown
    grace = int(worker["stop_grace_period"].rstrip("s"))
    assert grace > 25  # longer than the default MONITOR_SOFT_SHUTDOWN_TIMEOUT


def test_database_lives_in_a_named_volume(compose: dict[str, Any]) -> None:
    assert "pgdata" in compose["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in services(compose)["postgres"]["volumes"]


def test_dockerfile() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [
        line.split()[0]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(" ")
    ]
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.M)
    assert re.search(r"^RUN pip install \.", text, re.M)
    user_lines = [line for line in text.splitlines() if line.startswith("USER ")]
    assert user_lines and user_lines[-1].split()[1] not in ("root", "0")
    assert instructions.index("USER") > instructions.index("RUN")  # installed as root, runs as the user
    for copied in ("pyproject.toml", "monitor", "workers"):
        assert re.search(rf"^COPY .*\b{copied}\b", text, re.M), copied
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and ".git" in ignored
