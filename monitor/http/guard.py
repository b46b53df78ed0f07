"""The private-address guard of every outgoing connection.

It runs inside the transport, at connection time: the host name is resolved
once, *every* resolved address is checked, and the socket is then opened to
that checked IP address (TLS still verifies the certificate against the host
name). Because the check and the connect use the same resolution, a
DNS-rebinding answer that changes between "check" and "connect" cannot slip
through, and because every connection passes through it, every redirect hop is
checked too, whoever follows it. A refused host raises
:class:`~monitor.errors.BlockedAddressError` before any packet leaves the
machine.

It lives apart from :mod:`monitor.http.client` because it is a security boundary with
its own tests (tests/http/test_http_guard.py) and no knowledge of requests,
redirects or bodies; :func:`monitor.http.make_client` plugs
:class:`GuardedTransport` into the one client factory.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from monitor.config.environment import parse_allow_entry
from monitor.errors import BlockedAddressError
from monitor.http.deadline import DeadlineStream, remaining

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class AddressPolicy:
    """Which private destinations are allowed anyway (``Settings.allow_private``).

    Entries are IP addresses ("127.0.0.1"), networks ("10.0.0.0/8") or host
    names ("localhost"), each optionally with a port ("127.0.0.1:8080",
    "[::1]:8080", "localhost:8080"): then only that port is allowed. A host name
    entry trusts whatever that name resolves to; it does not make the same
    addresses reachable under another name (a DNS answer can change, or point a
    redirect at an internal address). ``localhost`` is the exception: it names
    the loopback addresses by definition, so ``localhost`` and ``127.0.0.1``
    allow the same target. Malformed entries are refused when the settings are
    read (monitor.config.environment.parse_allow_entry).
    """

    networks: tuple[tuple[IPNetwork, int | None], ...] = ()
    hostnames: tuple[tuple[str, int | None], ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> AddressPolicy:
        networks: list[tuple[IPNetwork, int | None]] = []
        hostnames: list[tuple[str, int | None]] = []
        for raw in entries:
            if not raw.strip():
                continue
            target, port = parse_allow_entry(raw)
            if isinstance(target, str):
                hostnames.append((target, port))
                if target == "localhost" or target.endswith(".localhost"):
                    networks.extend((network, port) for network in LOOPBACK)
            else:
                networks.append((target, port))
        return cls(tuple(networks), tuple(hostnames))

    def allows_host(self, host: str, port: int | None = None) -> bool:
        name = host.lower().rstrip(".")
        return any(name == entry and _port_ok(allowed, port) for entry, allowed in self.hostnames)

    def allows_address(self, address: IPAddress, port: int | None = None) -> bool:
        return any(
            address.version == net.version and address in net and _port_ok(allowed, port)
            for net, allowed in self.networks
        )


def _port_ok(allowed: int | None, port: int | None) -> bool:
    return allowed is None or port is None or allowed == port


# "localhost" always means the loopback addresses (RFC 6761), whatever a resolver says
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


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


def check_address(host: str, address: IPAddress, policy: AddressPolicy, port: int | None = None) -> None:
    """Raise BlockedAddressError unless ``address`` (reached as ``host``) may be contacted."""
    if is_public_address(address) or policy.allows_address(address, port) or policy.allows_host(host, port):
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
        check_address(host, literal, policy, port)
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
        check_address(host, address, policy, port)
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
                stream = self.inner.connect_tcp(
                    str(address),
                    port,
                    # the request's deadline counts from connect on (monitor.http.deadline)
                    timeout=remaining(timeout, on_expiry=httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
                return DeadlineStream(stream)
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
