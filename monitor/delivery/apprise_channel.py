"""Apprise channel: one alert (or a digest) to any service Apprise speaks.

Apprise (https://github.com/caronc/apprise) knows ~100 services by URL
scheme; this module is the only place that imports it. Apprise reports a
send as True/False and logs the reason, so the reason is taken from its log
(captured for this one call) and sorted into permanent and transient the way
the webhook channel does: a 4xx answer (except 408 and 429) or a URL Apprise
cannot read is permanent, everything else (timeouts, 5xx, refused
connections) is retried by the outbox.

Apprise makes its own HTTP requests, so the private-address guard of
monitor.http does not apply to these targets: they come from the operator's
own feeds.yaml environment, not from feeds or pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import apprise

from monitor.config import Settings, read_secret
from monitor.config.channels import AppriseChannelSpec, ChannelSpec
from monitor.delivery.channel import Channel, Outgoing
from monitor.delivery.render import email_subject, email_text
from monitor.errors import DeliveryError
from monitor.http.redact import redact_urls_in

_HTTP_STATUS = re.compile(r"error=(\d{3})")
_SEPARATOR = re.compile(r"[\s,]+")


def classify(log_text: str) -> bool:
    """Is the failure Apprise logged permanent? True for a client error other than 408/429."""
    statuses = [int(found) for found in _HTTP_STATUS.findall(log_text)]
    return any(400 <= status < 500 and status not in (408, 429) for status in statuses)


def _reason(log_text: str) -> str:
    lines = [line.strip() for line in log_text.splitlines() if line.strip()]
    # the service's own words, without the tokens a URL in them may carry
    return redact_urls_in(" / ".join(lines[-3:]), shorten_tokens=True) or "no reason given"


class AppriseChannel:
    def __init__(
        self, spec: AppriseChannelSpec, settings: Settings, environ: Mapping[str, str] | None = None
    ) -> None:
        self.spec = spec
        raw = read_secret(spec.url_env, environ) or ""
        self._urls = [url for url in _SEPARATOR.split(raw.strip()) if url]

    def close(self) -> None:
        pass

    def send(self, message: Outgoing) -> None:
        if not self._urls:
            name = self.spec.url_env
            raise DeliveryError(f"{name} (or {name}_FILE) is not set", permanent=True)
        targets = apprise.Apprise()
        for i, url in enumerate(self._urls, start=1):
            if not targets.add(url):
                # never echo the URL: it is the credential
                raise DeliveryError(
                    f"apprise: URL {i} of {self.spec.url_env} is not one Apprise understands", permanent=True
                )
        title = email_subject(message.alerts).removeprefix("[monitor] ")
        body = email_text(message.alerts)
        with apprise.LogCapture(level=apprise.logging.WARNING) as captured:  # type: ignore[no-untyped-call]
            delivered = targets.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
            log_text = captured.getvalue()
        if not delivered:
            raise DeliveryError(f"apprise: {_reason(log_text)}", permanent=classify(log_text))


def build(spec: ChannelSpec, settings: Settings, environ: Mapping[str, str] | None) -> Channel:
    assert isinstance(spec, AppriseChannelSpec)
    return AppriseChannel(spec, settings, environ)
