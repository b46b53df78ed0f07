"""Webhook channel: a JSON body signed the Standard Webhooks way.

Headers: ``webhook-id`` (the delivery's message id, the same on every retry,
so the receiver can drop duplicates), ``webhook-timestamp`` (seconds, this
attempt) and ``webhook-signature``: ``v1,`` + base64(HMAC-SHA256(secret,
"{id}.{timestamp}.{body}")), the secret being the bytes behind ``whsec_<base64>``.
Requests go through monitor.http.make_client, so private addresses are refused
unless MONITOR_ALLOW_PRIVATE allows them; redirects are not followed (a
signed POST must reach the configured URL or fail).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping

import httpx

from monitor.config import Settings, read_secret
from monitor.config.channels import ChannelSpec, WebhookChannelSpec, webhook_url_problem
from monitor.delivery.channel import Channel, Outgoing
from monitor.delivery.render import dumps, webhook_payload
from monitor.errors import DeliveryError, MonitorError
from monitor.http.client import make_client, parse_retry_after
from monitor.http.redact import redact_url, redact_urls_in

SECRET_PREFIX = "whsec_"


def decode_secret(secret: str) -> bytes:
    """``whsec_<base64>`` (or bare base64) -> the key bytes."""
    raw = secret.strip().removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DeliveryError(f"webhook secret is not whsec_<base64>: {exc}", permanent=True) from None
    if not key:
        raise DeliveryError("webhook secret is empty", permanent=True)
    return key


def sign(key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(key: bytes, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(key, message_id, timestamp, body),
    }


class WebhookChannel:
    def __init__(
        self,
        spec: WebhookChannelSpec,
        settings: Settings,
        environ: Mapping[str, str] | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        self.spec = spec
        self._secret = read_secret(spec.secret_env, environ)
        self._client = client if client is not None else make_client(settings)

    def close(self) -> None:
        self._client.close()

    def send(self, message: Outgoing) -> None:
        if len(message.alerts) != 1:
            raise DeliveryError("a webhook message carries exactly one alert", permanent=True)
        problem = webhook_url_problem(self.spec.url)
        if problem:  # no retry can fix a URL (feeds.yaml refuses these; a hand-made spec might not)
            shown_url = redact_url(self.spec.url, shorten_tokens=True)
            raise DeliveryError(f"webhook {shown_url}: {problem}", permanent=True)
        if not self._secret:
            raise DeliveryError(
                f"{self.spec.secret_env} (or {self.spec.secret_env}_FILE) is not set", permanent=True
            )
        key = decode_secret(self._secret)
        body = dumps(webhook_payload(message.alerts[0])).encode("utf-8")
        headers = signed_headers(key, message.message_id, int(time.time()), body)
        url = self.spec.url
        # a webhook URL is itself the credential (Slack, Discord, Teams put the
        # token in the path): messages only ever show a shortened form
        shown = redact_url(url, shorten_tokens=True)
        try:
            response = self._post(url, body, headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            detail = redact_urls_in(str(exc), shorten_tokens=True)
            raise DeliveryError(f"webhook {shown}: {detail}", permanent=True) from exc
        except httpx.TimeoutException as exc:
            raise DeliveryError(f"webhook {shown}: timeout ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            detail = redact_urls_in(str(exc), shorten_tokens=True)
            raise DeliveryError(f"webhook {shown}: {type(exc).__name__}: {detail}") from exc
        except MonitorError as exc:  # the private-address guard
            detail = redact_urls_in(str(exc), shorten_tokens=True)
            raise DeliveryError(f"webhook {shown}: {detail}", permanent=exc.permanent) from exc
        check_response(url, response)

    def _post(self, url: str, body: bytes, headers: Mapping[str, str]) -> httpx.Response:
        """POST with a deadline for the whole exchange, not only per read: a
        receiver that answers one byte at a time, or never stops, must not hold
        the delivery runner (and in the embedded mode, the whole service)."""
        deadline = time.monotonic() + self.spec.timeout_seconds
        with self._client.stream(
            "POST",
            url,
            content=body,
            headers=headers,
            timeout=self.spec.timeout_seconds,
            follow_redirects=False,
        ) as response:
            received = 0
            for chunk in response.iter_raw():
                received += len(chunk)
                if received > MAX_RESPONSE_BYTES:
                    break  # the status is all we need; the rest of a huge body is dropped
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the receiver took longer than timeout_seconds to answer")
        return response


# a receiver's answer is read only this far: its status is what counts
MAX_RESPONSE_BYTES = 64 * 1024


def check_response(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    reason = f"webhook {redact_url(url, shorten_tokens=True)}: HTTP {status}"
    if status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        raise DeliveryError(reason, retry_after=retry_after)
    if status >= 500 or status == 408:
        raise DeliveryError(reason)
    if 300 <= status < 400:
        raise DeliveryError(f"{reason} (redirects are not followed for webhooks)", permanent=True)
    raise DeliveryError(reason, permanent=True)


def build(spec: ChannelSpec, settings: Settings, environ: Mapping[str, str] | None) -> Channel:
    assert isinstance(spec, WebhookChannelSpec)
    return WebhookChannel(spec, settings, environ)
