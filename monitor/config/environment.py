"""Process settings from the environment, and secrets named by feeds.yaml.

They never come from feeds.yaml: they differ per machine (database, allowed private
hosts, timeouts), and secrets must not sit in a file that is shared and versioned.
"""

from __future__ import annotations

import os
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
            return cls(
                database_url=env.get("MONITOR_DATABASE_URL") or DEFAULT_DATABASE_URL,
                allow_private=tuple(
                    part.strip() for part in env.get("MONITOR_ALLOW_PRIVATE", "").split(",") if part.strip()
                ),
                user_agent=env.get("MONITOR_USER_AGENT") or cls.user_agent,
                connect_timeout=float(env.get("MONITOR_CONNECT_TIMEOUT", cls.connect_timeout)),
                read_timeout=float(env.get("MONITOR_READ_TIMEOUT", cls.read_timeout)),
                max_body_bytes=int(env.get("MONITOR_MAX_BODY_BYTES", cls.max_body_bytes)),
                judge_hold_seconds=float(env.get("MONITOR_JUDGE_HOLD_SECONDS", cls.judge_hold_seconds)),
            )
        except ValueError as exc:
            raise ConfigError(f"environment: invalid number in a MONITOR_* variable: {exc}") from None


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
