"""A webhook URL no retry can fix fails permanently, with a clear reason (issue 12, item 9).

feeds.yaml refuses such URLs now; these specs are built past the validation, as an
older stored config or a hand-made spec would be.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from monitor.config.channels import WebhookChannelSpec
from monitor.delivery.channel import Outgoing
from monitor.delivery.webhook import WebhookChannel
from monitor.errors import DeliveryError
from tests.delivery.alerts import SECRET, SETTINGS


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://hooks.example.org/in", "must be an http:// or https:// URL"),
        ("http://[::1", "not a valid URL"),
        ("not a url", "must be an http:// or https:// URL"),
    ],
)
def test_a_url_that_can_never_work_is_a_permanent_failure(url: str, why: str) -> None:
    spec = WebhookChannelSpec.model_construct(
        id="hook", type="webhook", url=url, secret_env="HOOK_SECRET", timeout_seconds=2.0
    )
    channel = WebhookChannel(spec, SETTINGS, environ={"HOOK_SECRET": SECRET})
    alert = SimpleNamespace(id=1)
    try:
        with pytest.raises(DeliveryError, match=why) as caught:
            channel.send(Outgoing(message_id="msg_1", alerts=[alert]))  # type: ignore[list-item]
    finally:
        channel.close()
    assert caught.value.permanent
