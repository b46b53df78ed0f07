"""What every channel is: a tiny class with one ``send()`` of one :class:`Outgoing` message.

A channel sends one message (one alert, or for an email digest several) and
raises :class:`~monitor.errors.DeliveryError` on failure, ``permanent`` when
trying again cannot help. Retrying and recording the outcome is the outbox
driver's job, not the channel's.
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


# how a channel module builds its channel from a configured spec (secrets from ``environ``)
ChannelFactory = Callable[[ChannelSpec, Settings, Mapping[str, str] | None], Channel]
