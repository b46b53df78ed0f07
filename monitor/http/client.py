"""The one httpx client factory and the one place that maps HTTP failures to our errors.

Every outgoing request of monitor (feeds, article pages, archives, webhooks)
goes through a client built by :func:`make_client`, so the limits below hold
everywhere:

* connect/read timeouts from :class:`~monitor.config.Settings`, a fixed user
  agent, ``Accept-Encoding: gzip, deflate``, no proxies from the environment
  (a proxy would hide the real destination from the guard);
* the **private-address guard** (:mod:`monitor.http.guard`). It runs inside the
  transport, at connection time, so every connection and every redirect hop is
  checked against the addresses it actually connects to; a refused host raises
  :class:`~monitor.errors.BlockedAddressError` before any packet leaves the
  machine.

:func:`get` adds what a fetch needs on top: manual redirects (at most
``max_redirects``, loops detected), a streamed body with a size limit,
content-type checks, and the translation of every httpx failure into
:mod:`monitor.errors`.

URLs carry secrets (``user:pass@``, ``?token=``, webhook paths), so every
message built here shows them through :func:`~monitor.http.redact.redact_url`, and
:func:`make_client` puts a redacting filter on httpx's own request log.
Only messages are redacted; a response's ``url`` stays the real one.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

import httpx

from monitor.config import Settings
from monitor.errors import (
    ContentTypeError,
    FetchError,
    RateLimitedError,
    TooLargeError,
)
from monitor.http.deadline import deadline_in
from monitor.http.decode import check_encodings, decoded, encodings_of
from monitor.http.guard import (
    AddressPolicy,
    GuardedTransport,
)
from monitor.http.redact import (
    install_log_redaction,
    redact_url,
    redact_urls_in,
)
from monitor.ingest.dates import parse_http_date

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 408 and 429 are client-side codes that say "try again later"
TRANSIENT_4XX = frozenset({408, 429})
_ORIGIN_ONLY_HEADERS = ("authorization", "cookie")


def make_client(settings: Settings) -> httpx.Client:
    """The httpx client every part of monitor uses (see the module docstring)."""
    install_log_redaction()  # httpx logs each request's full URL, secrets included
    policy = AddressPolicy.from_entries(settings.allow_private)
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    return httpx.Client(
        transport=GuardedTransport(policy),
        timeout=timeout,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        # plain client.get() follows redirects too, within the same bound; get() below
        # follows them itself to detect loops and to check schemes hop by hop
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        trust_env=False,
    )


# --------------------------------------------------------------------------- get


@dataclass(frozen=True)
class HttpResponse:
    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    content_type: str
    charset: str | None


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """'text/html; charset="ISO-8859-1"' -> ('text/html', 'iso-8859-1')."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset: str | None = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip().lower() or None
    return media.strip().lower(), charset


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None if absent/invalid."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN check
    when = parse_http_date(text)
    if when is None:
        return None
    current = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def status_error(status: int, url: str, headers: Mapping[str, str]) -> FetchError:
    """The error for a final (non-redirect) status >= 400; the message shows ``url`` redacted."""
    shown = redact_url(url)
    if status in (429, 503):
        retry_after = parse_retry_after(headers.get("retry-after"))
        hint = f", retry after {retry_after:.0f}s" if retry_after is not None else ""
        return RateLimitedError(f"HTTP {status} from {shown}{hint}", retry_after=retry_after, status=status)
    permanent = 400 <= status < 500 and status not in TRANSIENT_4XX
    return FetchError(f"HTTP {status} from {shown}", permanent=permanent, status=status)


def _media_type_accepted(media_type: str, accept: tuple[str, ...]) -> bool:
    # a missing Content-Type is let through: the parser downstream decides
    return not media_type or media_type in accept


def get(
    client: httpx.Client,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    max_bytes: int,
    accept: tuple[str, ...] | None = None,
    total_timeout: float | None = None,
    spool: IO[bytes] | None = None,
) -> HttpResponse:
    """GET ``url`` following redirects; return the final response with its whole body.

    2xx and 304 are returned; everything else raises a :class:`FetchError`
    subclass. ``accept`` lists the media types allowed on a 2xx response
    (None: any). ``total_timeout`` bounds the whole exchange, so a server that
    drips one byte per read-timeout cannot hold a worker forever (default:
    four read timeouts of the client). With ``spool`` the body is written
    there as it arrives (same limits) and the response's ``body`` is empty:
    a huge feed then never sits in memory whole.
    """
    total = total_timeout if total_timeout is not None else _default_total(client)
    # one deadline from the first connect to the last byte, every hop included: it
    # bounds reads of the headers too, not just of the body (monitor.http.deadline)
    with deadline_in(total) as deadline:
        return _get(client, url, headers, max_bytes=max_bytes, accept=accept, deadline=deadline, spool=spool)


def _get(
    client: httpx.Client,
    url: str,
    headers: Mapping[str, str] | None,
    *,
    max_bytes: int,
    accept: tuple[str, ...] | None,
    deadline: float,
    spool: IO[bytes] | None,
) -> HttpResponse:
    request_headers = dict(headers or {})
    max_redirects = client.max_redirects
    seen: list[str] = []
    current = _checked_url(url)
    while True:
        seen.append(str(current))
        response = _send(client, current, request_headers)
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                target = _checked_url(current.join(location.strip()))
                if str(target) in seen:
                    raise FetchError(
                        f"redirect loop: {redact_url(str(current))} -> {redact_url(str(target))}",
                        permanent=False,
                    )
                if len(seen) > max_redirects:
                    raise FetchError(
                        f"more than {max_redirects} redirects from {redact_url(url)}", permanent=False
                    )
                if (target.scheme, target.host, target.port) != (current.scheme, current.host, current.port):
                    request_headers = {
                        k: v for k, v in request_headers.items() if k.lower() not in _ORIGIN_ONLY_HEADERS
                    }
                current = target
                continue
            return _finish(
                response, str(current), max_bytes=max_bytes, accept=accept, deadline=deadline, spool=spool
            )
        finally:
            response.close()


def _default_total(client: httpx.Client) -> float:
    read = client.timeout.read or 15.0
    connect = client.timeout.connect or 5.0
    return connect + 4 * read


def _checked_url(url: str | httpx.URL) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(
            f"invalid URL {redact_url(str(url))!r}: {redact_urls_in(str(exc))}", permanent=True
        ) from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"unsupported URL {redact_url(str(url))!r} (only http and https)", permanent=True)
    return parsed


def _send(client: httpx.Client, url: httpx.URL, headers: Mapping[str, str]) -> httpx.Response:
    shown = redact_url(str(url))
    try:
        request = client.build_request("GET", url, headers=headers)
        return client.send(request, stream=True, follow_redirects=False)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout connecting to or reading {shown}: {type(exc).__name__}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {shown}: {type(exc).__name__}: {redact_urls_in(str(exc))}") from exc


def _finish(
    response: httpx.Response,
    url: str,
    *,
    max_bytes: int,
    accept: tuple[str, ...] | None,
    deadline: float,
    spool: IO[bytes] | None,
) -> HttpResponse:
    status = response.status_code
    if status >= 400:
        raise status_error(status, url, response.headers)
    shown = redact_url(url)  # messages only: HttpResponse.url below stays the real URL
    media_type, charset = parse_content_type(response.headers.get("content-type"))
    if status != 304 and accept is not None and not _media_type_accepted(media_type, accept):
        raise ContentTypeError(
            f"{shown} is {media_type!r}, expected one of {', '.join(accept)}", status=status
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLargeError(f"{shown} declares {declared} bytes (limit {max_bytes})", status=status)
    encodings = encodings_of(response.headers.get_list("content-encoding"))
    check_encodings(encodings, shown)
    chunks: list[bytes] = []
    size = 0
    try:
        # raw bytes, inflated here under the limit (monitor.http.decode), never by httpx
        for chunk in decoded(response.iter_raw(), encodings):
            size += len(chunk)
            if size > max_bytes:
                raise TooLargeError(f"{shown} is larger than {max_bytes} bytes", status=status)
            if time.monotonic() > deadline:
                raise FetchError(f"{shown} took longer than the total time limit", permanent=False)
            if spool is None:
                chunks.append(chunk)
            else:
                spool.write(chunk)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout reading {shown} (or its total time limit ran out)", status=status) from exc
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the body of {shown}: {exc}", permanent=True, status=status) from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            f"error reading {shown}: {type(exc).__name__}: {redact_urls_in(str(exc))}", status=status
        ) from exc
    return HttpResponse(
        url=url,
        status=status,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=b"".join(chunks),
        content_type=media_type,
        charset=charset,
    )
