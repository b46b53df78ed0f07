"""The channel registry: a channel type name -> a tiny class with one ``send()``.

A channel sends one :class:`Outgoing` message (one alert, or for an email
digest several) and raises :class:`~monitor.errors.DeliveryError` on failure,
``permanent`` when trying again cannot help. Retrying and recording the
outcome is the outbox runner's job, not the channel's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from monitor.config import Settings
from monitor.config.channels import ChannelSpec
from monitor.delivery.render import AlertLike


@dataclass(frozen=True)
class Outgoing:
    # the deliveries row's message_id: the same on every retry (webhook-id, Message-ID)
    message_id: str
    alerts: Sequence[AlertLike]
    attempt: int = 1


class Channel(Protocol):
    def send(self, message: Outgoing) -> None: ...

    def close(self) -> None: ...


ChannelFactory = Callable[[ChannelSpec, Settings, Mapping[str, str] | None], Channel]

_FACTORIES: dict[str, ChannelFactory] = {}


def register(type_name: str) -> Callable[[ChannelFactory], ChannelFactory]:
    def decorate(factory: ChannelFactory) -> ChannelFactory:
        _FACTORIES[type_name] = factory
        return factory

    return decorate


def build_channel(spec: ChannelSpec, settings: Settings, environ: Mapping[str, str] | None = None) -> Channel:
    """The channel for a configured spec; secrets are read from ``environ`` (default os.environ)."""
    # the channel modules register themselves on import
    from monitor.delivery import apprise_channel, email, webhook  # noqa: F401

    return _FACTORIES[spec.type](spec, settings, environ)
