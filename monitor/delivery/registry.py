"""The channel registry: a channel type name (``type:`` in feeds.yaml) -> its module's factory.

The registry imports the channel modules; they import only
:mod:`monitor.delivery.channel`, so there is no cycle and no registration by
import side effect: adding a channel type is adding one line here.
"""

from __future__ import annotations

from collections.abc import Mapping

from monitor.config import Settings
from monitor.config.channels import ChannelSpec
from monitor.delivery import apprise_channel, email, webhook
from monitor.delivery.channel import Channel, ChannelFactory

_FACTORIES: dict[str, ChannelFactory] = {
    "email": email.build,
    "webhook": webhook.build,
    "apprise": apprise_channel.build,
}


def build_channel(spec: ChannelSpec, settings: Settings, environ: Mapping[str, str] | None = None) -> Channel:
    """The channel for a configured spec; secrets are read from ``environ`` (default os.environ)."""
    return _FACTORIES[spec.type](spec, settings, environ)
