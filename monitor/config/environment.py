"""Process settings from the environment, and secrets named by feeds.yaml.

They never come from feeds.yaml: they differ per machine (database, allowed private
hosts, timeouts), and secrets must not sit in a file that is shared and versioned.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from monitor.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///monitor.db"


@dataclass(frozen=True)
class Settings:
    """Process settings from the environment (never from feeds.yaml: they differ per machine)."""

    database_url: str = DEFAULT_DATABASE_URL
    # hosts or networks the private-address guard lets through (tests: 127.0.0.1)
    allow_private: tuple[str, ...] = ()
    user_agent: str = "monitor/0.1 (+https://github.com/monitor-news/monitor)"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_body_bytes: int = 5_000_000
    max_redirects: int = 5
    # how long a pending article may hold back the judging of what was published after it
    judge_hold_seconds: float = 600.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        try:
            allowed = tuple(
                part.strip() for part in env.get("MONITOR_ALLOW_PRIVATE", "").split(",") if part.strip()
            )
            for entry in allowed:
                try:
                    parse_allow_entry(entry)
                except ValueError as exc:
                    raise ConfigError(f"MONITOR_ALLOW_PRIVATE: {exc}") from None
            return cls(
                database_url=env.get("MONITOR_DATABASE_URL") or DEFAULT_DATABASE_URL,
                allow_private=allowed,
                user_agent=env.get("MONITOR_USER_AGENT") or cls.user_agent,
                connect_timeout=float(env.get("MONITOR_CONNECT_TIMEOUT", cls.connect_timeout)),
                read_timeout=float(env.get("MONITOR_READ_TIMEOUT", cls.read_timeout)),
                max_body_bytes=int(env.get("MONITOR_MAX_BODY_BYTES", cls.max_body_bytes)),
                judge_hold_seconds=float(env.get("MONITOR_JUDGE_HOLD_SECONDS", cls.judge_hold_seconds)),
            )
        except ValueError as exc:
            raise ConfigError(f"environment: invalid number in a MONITOR_* variable: {exc}") from None


def parse_allow_entry(raw: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network | str, int | None]:
    """One MONITOR_ALLOW_PRIVATE entry -> (network, or a lower-case host name; port or None).

    "10.0.0.0/8", "127.0.0.1", "[::1]", "::1", "localhost", "127.0.0.1:8080",
    "[::1]:8080", "localhost:8080". Raises ValueError for anything else: an entry
    that silently allowed nothing ("host:port" used to) is worse than an error.
    """
    entry = raw.strip().lower()
    port: int | None = None
    host = entry
    if entry.startswith("["):
        if "]" not in entry:
            raise ValueError(f"{raw!r}: no closing ]")
        inside, _, rest = entry[1:].partition("]")
        host = inside
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"{raw!r}: expected [address]:port")
            port = _port(rest[1:], raw)
    elif entry.count(":") == 1:  # host:port or a.b.c.d:port (IPv6 has more colons)
        host, _, digits = entry.partition(":")
        port = _port(digits, raw)
    try:
        return ipaddress.ip_network(host, strict=False), port
    except ValueError:
        pass
    name = host.rstrip(".")
    labels = name.split(".")
    if not name or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"{raw!r} is no address, network or host name")
    return name, port


_HOST_LABEL = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?")


def _port(digits: str, raw: str) -> int:
    if not digits.isdigit() or not 0 < int(digits) < 65536:
        raise ValueError(f"{raw!r}: the port must be a number from 1 to 65535")
    return int(digits)


def read_secret(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of NAME, else the content of the file NAME_FILE points to (Docker secrets)."""
    env = os.environ if environ is None else environ
    if env.get(name):
        return env[name]
    file_path = env.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_path}: {exc}") from None
    return None
