"""Load and validate feeds.yaml.

A bad file fails fast with one line that names the file, the line, the field
and what is wrong (``feeds.yaml:12: feeds[3].poll_interval: ...``), never a
traceback: the CLI prints ``ConfigError.message`` and exits 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from monitor.config.channels import ChannelSpec, SubscriptionSpec
from monitor.config.terms import term_problems
from monitor.config.yaml_reader import gc_paused, read_document
from monitor.errors import ConfigError
from monitor.text.spec import ActorSpec, ClaimSpec, refuse_unsupported_language

DEFAULT_CONFIG_NAME = "feeds.yaml"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$")
_UNIT_SECONDS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
FEED_SCHEMES = ("http", "https", "file")


def parse_duration(value: object) -> float:
    """'90s', '15m', '1h', '1d' or a number of seconds -> seconds."""
    if isinstance(value, bool):
        raise ValueError("expected a duration like 15m, 1h or a number of seconds")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not a duration (use e.g. 90s, 15m, 1h)")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    return seconds


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedSpec(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    # http(s) URL, or a path (relative to feeds.yaml) for a local feed file
    url: str = Field(min_length=1)
    language: str = "de"
    poll_interval: float = 900.0
    tags: list[str] = Field(default_factory=list)
    fetch_page: bool = True
    outlet: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_feed_url(value)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z]{2}", value):
            raise ValueError(f"expected a two-letter language code such as de or en, got {value!r}")
        refuse_unsupported_language(value)
        return value

    @field_validator("poll_interval", mode="before")
    @classmethod
    def _duration(cls, value: object) -> float:
        seconds = parse_duration(value)
        if seconds < 10:
            raise ValueError("poll_interval below 10s would hammer the feed")
        return seconds


def check_feed_url(value: str) -> str:
    """A feed URL is http(s)://host/..., file://..., or a plain path to a local file.

    Without this, a typo such as ``htps//example.org/feed`` is silently read as
    a relative file path and fails only at the first poll.
    """
    url = value.strip()
    scheme = _SCHEME.match(url)
    # "c:" alone is a drive letter, not a scheme
    if scheme and len(scheme.group(1)) > 1:
        name = scheme.group(1).lower()
        if name not in FEED_SCHEMES:
            raise ValueError(f"{value!r}: unknown scheme {name!r} (use http, https or a file path)")
        if not url[scheme.end():].startswith("//"):
            raise ValueError(f"{value!r} is not a URL: write {name}://...")
        if name != "file":
            try:
                host = urlsplit(url).hostname
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a URL: {exc}") from None
            if not host:
                raise ValueError(f"{value!r} has no host")
        return url
    if "//" in url or url.lower().startswith("www."):
        raise ValueError(f"{value!r} looks like a URL without its scheme: write https://...")
    return url


class PolitenessSpec(StrictModel):
    """Service-wide knobs that belong with the feeds (env variables override HTTP ones)."""

    per_host_concurrency: int = Field(default=2, ge=1, le=64)
    per_host_per_minute: int = Field(default=30, ge=1)
    max_backoff: float = 6 * 3600.0

    @field_validator("max_backoff", mode="before")
    @classmethod
    def _duration(cls, value: object) -> float:
        return parse_duration(value)


class ConfigModel(StrictModel):
    settings: PolitenessSpec = Field(default_factory=PolitenessSpec)
    feeds: list[FeedSpec] = Field(default_factory=list)
    watchlist: list[ActorSpec] = Field(default_factory=list)
    claims: list[ClaimSpec] = Field(default_factory=list)
    channels: list[ChannelSpec] = Field(default_factory=list)
    subscriptions: list[SubscriptionSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> ConfigModel:
        # collect every problem, so `monitor check` reports them all in one round
        found: list[tuple[tuple[str | int, ...], str]] = []
        found += _unique("feeds", [f.id for f in self.feeds])
        found += _unique("watchlist", [a.id for a in self.watchlist])
        found += _unique("claims", [c.id for c in self.claims])
        found += _unique("channels", [c.id for c in self.channels])
        actor_ids = {a.id for a in self.watchlist}
        claim_ids = {c.id for c in self.claims}
        channel_ids = {c.id for c in self.channels}
        for i, actor in enumerate(self.watchlist):
            if actor.speaks_for is not None and actor.speaks_for not in actor_ids:
                found.append((("watchlist", i, "speaks_for"), f"unknown actor id {actor.speaks_for!r}"))
            found += _within_problems(i, actor, {a.id: a for a in self.watchlist})
        for i, claim in enumerate(self.claims):
            for actor_id in claim.actors:
                if actor_id not in actor_ids:
                    found.append((("claims", i, "actors"), f"unknown actor id {actor_id!r}"))
            for key in ("places", "exclude_places"):
                for actor_id in getattr(claim.scope, key):
                    if actor_id not in actor_ids:
                        found.append((("claims", i, "scope", key), f"unknown actor id {actor_id!r}"))
        for i, sub in enumerate(self.subscriptions):
            if sub.channel not in channel_ids:
                found.append((("subscriptions", i, "channel"), f"unknown channel id {sub.channel!r}"))
            for claim_id in sub.claims:
                if claim_id not in claim_ids:
                    found.append((("subscriptions", i, "claims"), f"unknown claim id {claim_id!r}"))
            for actor_id in sub.actors:
                if actor_id not in actor_ids:
                    found.append((("subscriptions", i, "actors"), f"unknown actor id {actor_id!r}"))
        found += term_problems(self.watchlist, self.claims)
        if found:
            raise _RefError(found)
        return self


def _within_problems(
    index: int, actor: ActorSpec, actors: Mapping[str, ActorSpec]
) -> list[tuple[tuple[str | int, ...], str]]:
    """``within`` belongs on a place and names a country or place of the watchlist; ``code`` on a
    country."""
    if actor.code is not None and actor.kind != "country":
        return [(("watchlist", index, "code"), f"code is for kind: country, not {actor.kind}")]
    if actor.within is None:
        return []
    where: tuple[str | int, ...] = ("watchlist", index, "within")
    if actor.kind != "place":
        return [(where, f"within is for kind: place, not {actor.kind}")]
    target = actors.get(actor.within)
    if target is None:
        return [(where, f"unknown actor id {actor.within!r}")]
    if target.kind not in ("country", "place") or target.id == actor.id:
        return [(where, f"{actor.within!r} is no other country or place")]
    return []


class _RefError(ValueError):
    """Cross-reference problems, each knowing which field it belongs to."""

    def __init__(self, problems: Sequence[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__(problems[0][1])
        self.problems = list(problems)


def _unique(section: str, ids: Sequence[str]) -> list[tuple[tuple[str | int, ...], str]]:
    seen: set[str] = set()
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, ident in enumerate(ids):
        if ident in seen:
            found.append(((section, i, "id"), f"duplicate id {ident!r}"))
        seen.add(ident)
    return found


@dataclass(frozen=True)
class Config:
    """A validated feeds.yaml plus where it came from."""

    path: Path
    model: ConfigModel
    # key path -> 1-based line in the file, so later checks can say where a problem is
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict, compare=False)

    def line_of(self, loc: Sequence[str | int]) -> int:
        return _line_for(self.lines, loc)

    @property
    def feeds(self) -> list[FeedSpec]:
        return self.model.feeds

    @property
    def watchlist(self) -> list[ActorSpec]:
        return self.model.watchlist

    @property
    def claims(self) -> list[ClaimSpec]:
        return self.model.claims

    @property
    def channels(self) -> list[ChannelSpec]:
        return self.model.channels

    @property
    def subscriptions(self) -> list[SubscriptionSpec]:
        return self.model.subscriptions

    @property
    def politeness(self) -> PolitenessSpec:
        """The feeds.yaml ``settings:`` section: how politely feeds are polled."""
        return self.model.settings

    def feed(self, feed_id: str) -> FeedSpec:
        for spec in self.feeds:
            if spec.id == feed_id:
                return spec
        raise KeyError(feed_id)

    def resolve_feed_url(self, spec: FeedSpec) -> str:
        """Relative feed paths are read relative to the config file's folder."""
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec.url):
            return spec.url
        return (self.path.parent / spec.url).resolve().as_uri()


def find_config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--config, then MONITOR_CONFIG, then ./feeds.yaml."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("MONITOR_CONFIG")
    if from_env:
        return Path(from_env)
    return Path(DEFAULT_CONFIG_NAME)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    config_path = find_config_path(path)
    try:
        raw_text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{config_path}: no such file (use --config or MONITOR_CONFIG)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_path}: cannot read: {exc}") from None
    with gc_paused():  # a watchlist of 100,000 names: see yaml_reader.gc_paused
        return parse_config(raw_text, config_path)


def parse_config(raw_text: str, config_path: Path) -> Config:
    try:
        # one pass of libyaml: the data and the line of every key (see yaml_reader)
        document = read_document(raw_text, config_path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or "not well-formed"
        at_end = "end of stream" in problem or "<stream end>" in problem
        if at_end and exc.context_mark is not None:
            # an unclosed quote or bracket is only noticed at the end of the file:
            # point at the line where it was opened, not at the last line
            mark = exc.context_mark
            problem = f"{problem} {exc.context}" if exc.context else problem
        line = mark.line + 1 if mark is not None else 0
        raise ConfigError(f"{config_path}:{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_path}: invalid YAML: {exc}") from None
    data = document.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{config_path}:1: the file must be a mapping with sections feeds, watchlist, ...")
    lines = document.lines
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        # pydantic lists errors in field-declaration order; report them in file
        # order, which is where a reader starts fixing
        located = sorted(
            {found for error in exc.errors() for found in _locate(error, lines)},
            key=lambda found: (found[0], _format_loc(found[1]), found[2]),
        )
        problems = tuple(
            f"{config_path}:{line}: {_format_loc(loc)}: {message}" for line, loc, message in located
        )
        raise problems_error(problems) from None
    return Config(path=config_path, model=model, lines=lines)


def problems_error(problems: Sequence[str]) -> ConfigError:
    """One ConfigError for several problems: the first as its one-line message, all in ``problems``."""
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return ConfigError(f"{problems[0]}{suffix}", problems=tuple(problems))


def _locate(
    error: Mapping[str, Any], lines: Mapping[tuple[str | int, ...], int]
) -> list[tuple[int, tuple[str | int, ...], str]]:
    """(line, field path, message) of each problem in one pydantic error."""
    ref = _find_ref_error(error)
    if ref is not None:
        return [(_line_for(lines, loc), loc, message) for loc, message in ref.problems]
    loc = _clean_loc(error["loc"])
    return [(_line_for(lines, loc), loc, _describe(error))]


def _find_ref_error(error: Mapping[str, Any]) -> _RefError | None:
    ctx = error.get("ctx") or {}
    candidate = ctx.get("error")
    return candidate if isinstance(candidate, _RefError) else None


def _describe(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


def _clean_loc(loc: Sequence[Any]) -> tuple[str | int, ...]:
    # pydantic adds the discriminator tag ("email", "webhook", "apprise") to union locations
    cleaned: list[str | int] = []
    for part in loc:
        after_index = bool(cleaned) and isinstance(cleaned[-1], int)
        if isinstance(part, str) and part in {"email", "webhook", "apprise"} and after_index:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _line_for(lines: Mapping[tuple[str | int, ...], int], loc: Sequence[str | int]) -> int:
    path = tuple(loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)
