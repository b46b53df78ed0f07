"""The channels and subscriptions sections of feeds.yaml, as typed models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

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
    digest_minutes: int = Field(default=0, ge=0)


class WebhookChannelSpec(StrictModel):
    id: str
    type: Literal["webhook"]
    url: str
    # environment variable holding the whsec_ secret (or NAME_FILE)
    secret_env: str
    timeout_seconds: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=6, ge=1, le=20)


ChannelSpec = Annotated[EmailChannelSpec | WebhookChannelSpec, Field(discriminator="type")]


class SubscriptionSpec(StrictModel):
    channel: str
    kinds: list[AlertKind] = Field(default_factory=lambda: list(ALERT_KINDS))
    # empty means every claim / every actor
    claims: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
