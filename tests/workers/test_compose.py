"""docker-compose.yml and the Dockerfile, checked as files (there is no Docker engine in CI)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

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


def test_mailpit_is_a_development_extra_nothing_waits_for(compose: dict[str, Any]) -> None:
    svc = services(compose)
    assert svc["mailpit"]["profiles"] == ["dev"]
    for name, spec in svc.items():
        assert "mailpit" not in (spec.get("depends_on") or {}), f"{name} would need --profile dev"
    assert all("profiles" not in spec for name, spec in svc.items() if name != "mailpit")


def test_the_database_password_is_required_not_defaulted(compose: dict[str, Any]) -> None:
    lines = (ROOT / "docker-compose.yml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    uses = re.findall(r"\$\{POSTGRES_PASSWORD([^}]*)\}", text)
    assert len(uses) == 2 and all(use.startswith(":?") for use in uses), uses
    postgres_env = services(compose)["postgres"]["environment"]
    assert postgres_env["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_one_env_file_named_once_in_compose_and_readme(compose: dict[str, Any]) -> None:
    for name in ("migrate", "worker", "beat", "web"):
        assert services(compose)[name]["env_file"] == [{"path": "./.env", "required": False}], name
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for where in (text, readme):
        assert "monitor.env" not in where
    assert "go in one file, .env" in text
    assert "`.env` beside `docker-compose.yml` is the one file" in readme
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and "secrets/" in ignored  # secrets never get committed


def test_the_secrets_example_uses_file_variables() -> None:
    example = yaml.safe_load((ROOT / "docker-compose.secrets.yml").read_text(encoding="utf-8"))
    declared = example["secrets"]
    assert all(spec["file"].startswith("./secrets/") for spec in declared.values())
    for name, spec in example["services"].items():
        assert set(spec["secrets"]) == set(declared), name
        file_vars = {key: value for key, value in spec["environment"].items() if key.endswith("_FILE")}
        assert file_vars, name
        # every *_FILE variable names a mounted secret
        assert {value.removeprefix("/run/secrets/") for value in file_vars.values()} <= set(declared)
    # the services it extends exist in the main file
    main = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert set(example["services"]) <= set(main["services"])


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
    assert re.search(r"^RUN pip install -c constraints\.txt \.", text, re.M)
    user_lines = [line for line in text.splitlines() if line.startswith("USER ")]
    assert user_lines and user_lines[-1].split()[1] not in ("root", "0")
    assert instructions.index("USER") > instructions.index("RUN")  # installed as root, runs as the user
    for copied in ("pyproject.toml", "constraints.txt", "monitor", "workers"):
        assert re.search(rf"^COPY .*\b{copied}\b", text, re.M), copied
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and ".git" in ignored


def test_installs_take_their_versions_from_the_constraints_file() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "CONSTRAINTS := constraints.txt" in makefile
    assert "pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'" in makefile
    assert re.search(r"^constraints:", makefile, re.M)  # the documented refresh: make constraints
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            pins[canonicalize_name(name)] = Version(version)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in pins, f"{spec.name} is not in constraints.txt: run make constraints"
        assert spec.specifier.contains(pins[name], prereleases=True), f"{spec} vs pinned {pins[name]}"
    assert "monitor" not in pins  # the project itself is never pinned
