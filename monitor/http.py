"""The one httpx client factory and the one place that maps HTTP failures to our errors.

Every outgoing request of monitor (feeds, article pages, archives, webhooks)
goes through a client built by :func:`make_client`, so the limits below hold
everywhere:

* connect/read timeouts from :class:`~monitor.config.Settings`, a fixed user
  agent, ``Accept-Encoding: gzip, deflate``, no proxies from the environment
  (a proxy would hide the real destination from the guard);
* the **private-address guard**. It runs inside the transport, at connection
  time: the host name is resolved once, *every* resolved address is checked,
  and the socket is then opened to that checked IP address (TLS still
  verifies the certificate against the host name). Because the check and the
  connect use the same resolution, a DNS-rebinding answer that changes between
  "check" and "connect" cannot slip through, and because every connection
  passes through it, every redirect hop is checked too, whoever follows it.
  A refused host raises :class:`~monitor.errors.BlockedAddressError` before any
  packet leaves the machine.

:func:`get` adds what a fetch needs on top: manual redirects (at most
``max_redirects``, loops detected), a streamed body with a size limit,
content-type checks, and the translation of every httpx failure into
:mod:`monitor.errors`.

URLs carry secrets (``user:pass@``, ``?token=``, webhook paths), so every
message built here shows them through :func:`redact_url`, and
:func:`make_client` puts a redacting filter on httpx's own request log.
Only messages are redacted; a response's ``url`` stays the real one.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
import socket
import ssl
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from monitor.config import Settings
from monitor.errors import (
    BlockedAddressError,
    ContentTypeError,
    FetchError,
    RateLimitedError,
    TooLargeError,
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 408 and 429 are client-side codes that say "try again later"
TRANSIENT_4XX = frozenset({408, 429})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_ORIGIN_ONLY_HEADERS = ("authorization", "cookie")


# --------------------------------------------------------------------------- redaction

# a path segment that looks like a credential: long and made only of token characters
_OPAQUE_SEGMENT = re.compile(r"[A-Za-z0-9_-]{16,}")
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")
MASK = "***"


def redact_url(url: str, *, shorten_tokens: bool = False) -> str:
    """``url`` made safe for a log line or a stored error message (pure).

    Secrets ride in URLs in three places: ``user:pass@`` (becomes ``***@``),
    query values (``?token=abc`` becomes ``?token=***``; keys stay, they tell
    what was sent) and, for webhooks, the path itself (Slack-style
    ``/services/T000/B000/<token>``). With ``shorten_tokens`` every path
    segment of 16+ letters/digits/``-``/``_`` keeps only its first four
    characters. That is off by default because article slugs look the same
    and are what makes a page's error readable. The fragment never reaches the
    server and may hold an OAuth token, so it is dropped. The stored URL is
    never rewritten: this is only for messages.
    """
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:  # e.g. an unclosed "[" IPv6 literal: keep nothing after the scheme
        scheme, sep, _rest = url.partition("://")
        return f"{scheme}://{MASK}" if sep else MASK
    netloc = f"{MASK}@{host}" if "@" in parts.netloc else host
    path = parts.path
    if shorten_tokens:
        path = "/".join(_shorten(segment) for segment in path.split("/"))
    query = "&".join(_mask_pair(pair) for pair in parts.query.split("&")) if parts.query else ""
    head = f"{parts.scheme}:" if parts.scheme else ""
    if parts.netloc or url[len(head) :].startswith("//"):
        head += f"//{netloc}"
    return head + path + (f"?{query}" if query else "")


def redact_urls_in(text: str, *, shorten_tokens: bool = False) -> str:
    """Every ``scheme://...`` inside free text (an exception message) passed through redact_url."""
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0), shorten_tokens=shorten_tokens), text)


class RedactingLogFilter(logging.Filter):
    """Redacts URLs in the records of a third-party logger (httpx logs every
    request as "HTTP Request: POST <full URL>"). The record cannot tell a
    webhook URL from a page URL, so tokens are shortened in both: a shortened
    slug costs a little readability, a leaked webhook token costs the hook."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        record.msg = redact_urls_in(message, shorten_tokens=True)
        record.args = ()
        return True


def install_log_redaction(logger_name: str = "httpx") -> None:
    """Attach a RedactingLogFilter to ``logger_name`` once (safe to call for every client)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(existing, RedactingLogFilter) for existing in logger.filters):
        logger.addFilter(RedactingLogFilter())


def _shorten(segment: str) -> str:
    return segment[:4] + "…" if _OPAQUE_SEGMENT.fullmatch(segment) else segment


def _mask_pair(pair: str) -> str:
    key, sep, value = pair.partition("=")
    if not sep:
        # a bare item ("?abcdef123") may be the secret itself
        return MASK if key else key
    return f"{key}={MASK}" if value else f"{key}="


# --------------------------------------------------------------------------- guard


@dataclass(frozen=True)
class AddressPolicy:
    """Which private destinations are allowed anyway (``Settings.allow_private``).

    Entries are IP addresses ("127.0.0.1"), networks ("10.0.0.0/8") or host
    names ("localhost"). A host name entry trusts whatever that name resolves
    to; it does not make the same addresses reachable under another name.
    """

    networks: tuple[IPNetwork, ...] = ()
    hostnames: frozenset[str] = frozenset()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> AddressPolicy:
        networks: list[IPNetwork] = []
        hostnames: set[str] = set()
        for raw in entries:
            entry = raw.strip().strip("[]").lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hostnames.add(entry.rstrip("."))
        return cls(tuple(networks), frozenset(hostnames))

    def allows_host(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hostnames

    def allows_address(self, address: IPAddress) -> bool:
        return any(address.version == net.version and address in net for net in self.networks)


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses.

    IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) IPv6 addresses
    are judged by the IPv4 address they carry, since that is where they lead.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def parse_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def check_address(host: str, address: IPAddress, policy: AddressPolicy) -> None:
    """Raise BlockedAddressError unless ``address`` (reached as ``host``) may be contacted."""
    if is_public_address(address) or policy.allows_address(address) or policy.allows_host(host):
        return
    shown = host if str(address) == host.strip("[]") else f"{host} ({address})"
    raise BlockedAddressError(f"refused to connect to private or reserved address {shown}")


def resolve_checked(host: str, port: int, policy: AddressPolicy) -> list[IPAddress]:
    """Resolve ``host`` and return its addresses, or refuse if any of them is private.

    Refusing when *any* answer is private (instead of picking a public one)
    keeps a hostile name from mixing a public decoy with an internal target.
    """
    literal = parse_ip(host)
    if literal is not None:
        check_address(host, literal, policy)
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = parse_ip(str(sockaddr[0]))
        if address is None:
            raise httpcore.ConnectError(f"unexpected address {sockaddr[0]!r} for {host}")
        check_address(host, address, policy)
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise httpcore.ConnectError(f"{host} has no addresses")
    return addresses


class GuardedNetworkBackend(httpcore.NetworkBackend):
    """httpcore network backend that resolves, checks, then connects to the checked IP."""

    def __init__(self, policy: AddressPolicy, inner: httpcore.NetworkBackend | None = None) -> None:
        self.policy = policy
        self.inner = inner if inner is not None else httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, self.policy)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise BlockedAddressError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool swapped for a guarded one.

    httpx has no public hook for the network backend, so we replace the pool it
    built (``_pool``) with the same pool class given our backend; request and
    exception handling stay httpx's. tests/http/test_http_guard.py fails loudly
    if a future httpx renames the attribute.
    """

    def __init__(self, policy: AddressPolicy, *, limits: httpx.Limits | None = None) -> None:
        limits = limits if limits is not None else httpx.Limits()
        ssl_context = shared_ssl_context()
        super().__init__(verify=ssl_context, trust_env=False, limits=limits)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):
            raise RuntimeError("this httpx version has no replaceable connection pool")
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedNetworkBackend(policy),
        )


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """Loading the CA bundle costs ~50 ms; a verified client context is safe to share."""
    return httpx.create_ssl_context(trust_env=False)


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
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
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
) -> HttpResponse:
    """GET ``url`` following redirects; return the final response with its whole body.

    2xx and 304 are returned; everything else raises a :class:`FetchError`
    subclass. ``accept`` lists the media types allowed on a 2xx response
    (None: any). ``total_timeout`` bounds the whole exchange, so a server that
    drips one byte per read-timeout cannot hold a worker forever (default:
    four read timeouts of the client).
    """
    request_headers = dict(headers or {})
    deadline = time.monotonic() + (total_timeout if total_timeout is not None else _default_total(client))
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
            return _finish(response, str(current), max_bytes=max_bytes, accept=accept, deadline=deadline)
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
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise TooLargeError(f"{shown} is larger than {max_bytes} bytes", status=status)
            if time.monotonic() > deadline:
                raise FetchError(f"{shown} took longer than the total time limit", permanent=False)
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timeout reading {shown}", status=status) from exc
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
