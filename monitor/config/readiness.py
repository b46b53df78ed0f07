"""What `monitor check` verifies beyond the file itself: would this config work here?

A file can be valid YAML with valid fields and still fail later: no feeds at
all (the service polls nothing), a channel whose secret variable is not set in
this environment (the first delivery fails permanently), a local feed file
that does not exist. These are reported like load errors (file:line: field:
problem) but only by `check`: loading stays possible (tests, `monitor
analyze`), and a secret is only looked up, never printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from monitor.config.environment import read_secret
from monitor.config.feeds_file import Config
from monitor.errors import ConfigError

_HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")


def _secret_fields(channel: object) -> Iterator[tuple[str, str]]:
    """(field name, environment variable) of each secret a channel names."""
    for field_name in ("username_env", "password_env", "secret_env", "url_env"):
        variable = getattr(channel, field_name, None)
        if isinstance(variable, str) and variable:
            yield field_name, variable


def readiness_problems(config: Config, environ: Mapping[str, str] | None = None) -> list[str]:
    """Every problem that would make this config fail at run time, one line each."""
    problems: list[tuple[int, str]] = []

    def add(loc: tuple[str | int, ...], field: str, message: str) -> None:
        problems.append((config.line_of(loc), f"{config.path}:{config.line_of(loc)}: {field}: {message}"))

    if not config.feeds:
        add(("feeds",), "feeds", "no feeds configured: the service would poll nothing")
    for i, feed in enumerate(config.feeds):
        if not _HAS_SCHEME.match(feed.url):
            local = config.path.parent / feed.url
            if not local.is_file():
                add(("feeds", i, "url"), f"feeds[{i}].url", f"no such file {str(local)!r}")
        elif feed.url.lower().startswith("file://"):
            if not Path(config.resolve_feed_url(feed).removeprefix("file://")).is_file():
                add(("feeds", i, "url"), f"feeds[{i}].url", f"no such file {feed.url!r}")
    for i, channel in enumerate(config.channels):
        for field_name, variable in _secret_fields(channel):
            field = f"channels[{i}].{field_name}"
            try:
                value = read_secret(variable, environ)
            except ConfigError as exc:
                add(("channels", i, field_name), field, str(exc))
                continue
            if not value:
                add(
                    ("channels", i, field_name),
                    field,
                    f"${variable} is not set (nor ${variable}_FILE): channel {channel.id!r} would fail",
                )
    return [text for _line, text in sorted(problems, key=lambda found: found[0])]
