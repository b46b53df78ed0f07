"""The channels and subscriptions sections of feeds.yaml, as typed models."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

AlertKind = Literal["new_figure", "contradiction", "status_change"]
ALERT_KINDS: tuple[AlertKind, ...] = ("new_figure", "contradiction", "status_change")


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class EmailChannelSpec(StrictModel):
    id: str
    type: Literal["email"]
    to: list[str] = Field(min_length=1)
    sender: str = Field(default="monitor@localhost", alias="from")
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    security: Literal["none", "starttls", "tls"] = "none"
    # names of environment variables; NAME_FILE is read when NAME is unset
    username_env: str | None = None
    password_env: str | None = None
    # a CA bundle to trust for (START)TLS besides the system ones (a private mail relay)
    ca_file: str | None = None
    # 0: one message per alert; N: all alerts of an N-minute slot in one message
    digest_minutes: int = Field(default=0, ge=0)
    timeout_seconds: float = Field(default=30.0, gt=0)
    max_attempts: int = Field(default=6, ge=1, le=20)
    # first retry delay; doubles per attempt (with jitter) up to retry_max_seconds
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=6 * 3600.0, gt=0)


class WebhookChannelSpec(StrictModel):
    id: str
    type: Literal["webhook"]
    url: str
    # environment variable holding the whsec_ secret (or NAME_FILE)
    secret_env: str
    timeout_seconds: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=6, ge=1, le=20)
    # first retry delay; doubles per attempt (with jitter) up to retry_max_seconds
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=6 * 3600.0, gt=0)
    # webhooks carry one alert per request: a digest is an email feature
    digest_minutes: Literal[0] = 0

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        problem = webhook_url_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def webhook_url_problem(url: str) -> str | None:
    """Why ``url`` can never receive a webhook (None: it can be tried). The message
    never repeats the URL: a webhook URL is itself a credential."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        shown = f"{parts.scheme}:// " if parts.scheme else ""
        return f"must be an http:// or https:// URL, not {shown or 'a bare word'}".rstrip()
    if not parts.hostname:
        return "the URL has no host"
    if port == 0:
        return "the URL has port 0"
    return None


class AppriseChannelSpec(StrictModel):
    """Slack, Teams, Telegram, Matrix, ntfy, Discord, ... through the Apprise library.

    The Apprise URL (``slack://...``, ``tgram://...``, ``ntfy://...``) carries the
    service's token, so feeds.yaml names the environment variable holding it
    (or NAME_FILE), never the URL itself. Several URLs may be given, separated
    by spaces or commas: one message goes to each.
    """

    id: str
    type: Literal["apprise"]
    url_env: str
    max_attempts: int = Field(default=6, ge=1, le=20)
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=6 * 3600.0, gt=0)
    # 0: one message per alert; N: the alerts of an N-minute slot in one message (chat rooms)
    digest_minutes: int = Field(default=0, ge=0)


ChannelSpec = Annotated[
    EmailChannelSpec | WebhookChannelSpec | AppriseChannelSpec, Field(discriminator="type")
]


class SubscriptionSpec(StrictModel):
    channel: str
    kinds: list[AlertKind] = Field(default_factory=lambda: list(ALERT_KINDS))
    # empty means every claim / every actor
    claims: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)


def subscription_matches(sub: SubscriptionSpec, kind: str, claim: str, actors: set[str]) -> bool:
    """Empty claim/actor lists match everything; otherwise one of them must match."""
    if kind not in sub.kinds:
        return False
    if sub.claims and claim not in sub.claims:
        return False
    return not sub.actors or bool(actors.intersection(sub.actors))


def channels_for(
    channels: list[ChannelSpec],
    subscriptions: list[SubscriptionSpec],
    kind: str,
    claim: str,
    actors: set[str],
) -> list[ChannelSpec]:
    """The channels (config order, each once) whose subscriptions want this alert."""
    wanted = {sub.channel for sub in subscriptions if subscription_matches(sub, kind, claim, actors)}
    return [channel for channel in channels if channel.id in wanted]
