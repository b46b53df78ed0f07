"""The JSON shapes of the REST API (they make the OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page; null on the last")


class AlertOut(Out):
    id: int
    kind: str = Field(description="new_figure, contradiction or status_change")
    claim: str
    value: float | None
    qualifier: str | None
    polarity: str | None
    from_polarity: str | None
    to_polarity: str | None
    sources: list[str]
    summary: str
    earlier: list[dict[str, Any]] = Field(description="the earlier or conflicting observations")
    observation_id: int
    source: str | None
    article_id: int
    article_url: str
    article_title: str
    outlet: str | None
    sentence: str
    published: datetime
    created_at: datetime
    historical: bool
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    wrong_by: str | None
    wrong_at: datetime | None


class ObservationOut(Out):
    id: int
    claim: str
    article_id: int
    published: datetime
    value: float | None
    low: float | None
    high: float | None
    span_low: float | None = Field(description="the bounded interval detection compares")
    span_high: float | None
    qualifier: str
    polarity: str | None
    source: str | None
    speaks_for: str | None
    recalled: bool
    sentence: str
    outlet: str | None
    url: str
    title: str
    wrong_by: str | None = None
    wrong_at: datetime | None = None


class ClaimOut(BaseModel):
    id: str
    kind: str
    description: str | None
    observations: int
    marked_wrong: int
    alerts: int
    first: datetime | None
    last: datetime | None
    muted_until: datetime | None


class ActorOut(BaseModel):
    id: str
    kind: str
    names: dict[str, list[str]]
    speaks_for: str | None
    articles: int
    mentions: int
    observations: int


class ArticleOut(Out):
    id: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    language: str | None
    status: str
    origin: str
    snippet: str | None = None


class ArticleDetailOut(ArticleOut):
    discovered_at: datetime
    text: str | None
    summary: str
    text_source: str | None
    fallback_reason: str | None
    error: str | None
    actors: dict[str, int]
    observations: list[ObservationOut]


class FeedOut(Out):
    id: str
    url: str
    title: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime
    last_status: str | None
    consecutive_errors: int
    last_error: str | None
    entries_seen: int
    active: bool


class DeliveryOut(BaseModel):
    id: int
    alert_id: int
    channel_id: str
    message_id: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None
    created_at: datetime
    kind: str
    claim_id: str
    summary: str


class Done(BaseModel):
    changed: bool = Field(description="false when it was so already (a repeat changes nothing)")


class MuteIn(BaseModel):
    hours: float = Field(24.0, gt=0, le=24 * 365)
