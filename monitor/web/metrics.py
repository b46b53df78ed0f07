"""/metrics in Prometheus' text format (prometheus-client).

Counts come from the database at scrape time (so any web process reports the
whole service, embedded or distributed): articles by status, alerts by kind,
feeds polled and failing, deliveries by status. The per-stage latency
histograms are this process's own (monitor.pipeline.timing). Queue depth is read
from Redis when the app was given a way to (``monitor web`` in the distributed
mode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine

from monitor.store import metrics_queries
from monitor.web.access import principal
from monitor.web.context import WebContext, web

router = APIRouter(dependencies=[Depends(principal)])
QueueDepths = Callable[[], Mapping[str, int]]


class DatabaseCollector(Collector):
    def __init__(self, engine: Engine, queue_depths: QueueDepths | None = None) -> None:
        self.engine = engine
        self.queue_depths = queue_depths

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self.engine.connect() as conn:
            counts = metrics_queries.service_counts(conn)
        yield _labelled("monitor_articles", "Stored articles by status", "status", counts.articles)
        yield _labelled("monitor_alerts", "Stored alerts by kind", "kind", counts.alerts)
        yield _labelled("monitor_deliveries", "Deliveries by status", "status", counts.deliveries)
        yield _labelled(
            "monitor_feeds", "Feeds by the outcome of their last poll", "last_status", counts.feeds
        )
        polls = GaugeMetricFamily("monitor_feeds_polled", "Feeds polled at least once")
        polls.add_metric([], counts.polled_feeds)
        yield polls
        errors = GaugeMetricFamily(
            "monitor_feed_consecutive_errors", "Consecutive poll errors summed over all feeds"
        )
        errors.add_metric([], counts.consecutive_errors)
        yield errors
        if self.queue_depths is not None:
            try:
                depths = dict(self.queue_depths())
            except Exception:  # noqa: BLE001 - Redis down must not take /metrics down
                depths = {}
            yield _labelled("monitor_queue_depth", "Messages waiting per Celery queue", "queue", depths)


def _labelled(name: str, help_text: str, label: str, values: Mapping[str, int]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, help_text, labels=[label])
    for key, value in sorted(values.items()):
        family.add_metric([key], value)
    return family


def registry_for(engine: Engine, queue_depths: QueueDepths | None = None) -> CollectorRegistry:
    """A registry with the database counts plus the process's own metrics (stage histograms)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(engine, queue_depths))
    registry.register(_Default())
    return registry


class _Default(Collector):
    """The process-wide default registry (stage histograms, process and GC metrics)."""

    def collect(self) -> Iterator[object]:  # type: ignore[override]
        yield from REGISTRY.collect()


@router.get("/metrics", include_in_schema=False)
def metrics(ctx: Annotated[WebContext, Depends(web)]) -> Response:
    if ctx.registry is None:
        ctx.registry = registry_for(ctx.engine, ctx.queue_depths)
    return Response(generate_latest(ctx.registry), media_type=CONTENT_TYPE_LATEST)
