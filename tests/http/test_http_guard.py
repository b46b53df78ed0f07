"""The private-address guard: refused before any connection, on every hop, for names and literals."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from monitor.config import Settings
from monitor.errors import BlockedAddressError, FetchError
from monitor.http.client import get, make_client
from monitor.http.guard import AddressPolicy, is_public_address
from monitor.ingest.feeds import FeedState, poll_feed
from monitor.ingest.fetch import fetch_page
from tests.support.http_server import LocalHTTPServer, Reply, redirect
from tests.support.loopback import TEST_SETTINGS, ConnectionLog

RSS = (
    b"<rss version='2.0'><channel><title>t</title><item><guid>1</guid><title>x</title></item></channel></rss>"
)

BLOCKED = [
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "127.0.0.1",
    "127.0.0.2",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2001:db8::1",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize("address", BLOCKED)
def test_private_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_global_unicast_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def test_policy_entries_can_be_addresses_networks_or_names() -> None:
    policy = AddressPolicy.from_entries(["127.0.0.1", "10.0.0.0/8", "[fd00::1]", "Feeds.Test."])
    assert policy.allows_address(ipaddress.ip_address("127.0.0.1"))
    assert not policy.allows_address(ipaddress.ip_address("127.0.0.2"))
    assert policy.allows_address(ipaddress.ip_address("10.200.0.1"))
    assert policy.allows_address(ipaddress.ip_address("fd00::1"))
    assert policy.allows_host("feeds.test")
    assert not policy.allows_host("other.test")


LITERAL_TARGETS = [
    "http://10.0.0.1/feed.xml",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/feed.xml",
    "http://127.0.0.2:{port}/feed.xml",
    "http://0.0.0.0:{port}/feed.xml",
    "http://[fc00::1]/feed.xml",
    "http://[::ffff:10.0.0.1]/feed.xml",
    "https://192.168.0.10/feed.xml",
    # other spellings of 10.0.0.1 that the system resolver understands
    "http://167772161/feed.xml",
    "http://0x0a000001/feed.xml",
]


@pytest.mark.parametrize("template", LITERAL_TARGETS)
def test_literal_private_addresses_are_refused_without_connecting(
    template: str, client: httpx.Client, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    url = template.format(port=http_server.port)
    with pytest.raises(BlockedAddressError) as raised:
        get(client, url, max_bytes=10_000)
    assert raised.value.permanent
    with pytest.raises(BlockedAddressError):
        fetch_page(client, url, max_bytes=10_000)
    with pytest.raises(BlockedAddressError):
        poll_feed(client, url, FeedState(), language="de", max_bytes=10_000)
    assert connection_log.attempts == []


@pytest.mark.parametrize("template", LITERAL_TARGETS)
def test_redirect_from_allowed_server_to_private_address_is_refused(
    template: str, client: httpx.Client, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    http_server.route("/hop", redirect(template.format(port=http_server.port), status=301))
    with pytest.raises(BlockedAddressError):
        poll_feed(client, http_server.url("/hop"), FeedState(), language="de", max_bytes=10_000)
    assert http_server.hits("/hop") == 1
    assert {host for host, _ in connection_log.attempts} == {"127.0.0.1"}


def test_octal_addresses_are_refused_as_invalid_urls(
    client: httpx.Client, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    http_server.route("/hop", redirect("http://012.0.0.1/feed.xml"))
    with pytest.raises(FetchError):
        get(client, "http://012.0.0.1/feed.xml", max_bytes=10_000)
    with pytest.raises(FetchError):
        get(client, http_server.url("/hop"), max_bytes=10_000)
    assert {host for host, _ in connection_log.attempts} == {"127.0.0.1"}


def test_plain_httpx_calls_on_the_client_are_guarded_too(
    client: httpx.Client, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    http_server.route("/hop", redirect("http://169.254.169.254/latest/meta-data/"))
    with pytest.raises(BlockedAddressError):
        client.get("http://10.0.0.1/")
    with pytest.raises(BlockedAddressError):
        client.get(http_server.url("/hop"))  # httpx follows the redirect itself here
    assert http_server.hits("/hop") == 1
    assert {host for host, _ in connection_log.attempts} == {"127.0.0.1"}


def test_loopback_is_refused_when_not_allowed(
    http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    http_server.route("/feed.xml", Reply(body=RSS, content_type="application/rss+xml"))
    with make_client(Settings(read_timeout=1.0)) as strict_client:
        with pytest.raises(BlockedAddressError):
            poll_feed(
                strict_client, http_server.url("/feed.xml"), FeedState(), language="en", max_bytes=10_000
            )
    assert http_server.hits("/feed.xml") == 0
    assert connection_log.attempts == []


def test_an_allowed_network_lets_loopback_through(http_server: LocalHTTPServer) -> None:
    http_server.route("/feed.xml", Reply(body=RSS, content_type="application/rss+xml"))
    with make_client(Settings(allow_private=("127.0.0.0/8",), read_timeout=1.0)) as net_client:
        result = poll_feed(
            net_client, http_server.url("/feed.xml"), FeedState(), language="en", max_bytes=10_000
        )
    assert [entry.entry_key for entry in result.entries] == ["id:1"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x/", "http:///nohost"]
)
def test_only_http_and_https_urls_are_fetched(url: str, client: httpx.Client) -> None:
    with pytest.raises(FetchError) as raised:
        get(client, url, max_bytes=1000)
    assert raised.value.permanent


# ----------------------------------------------------------------- host names (fake DNS)


class FakeDNS:
    """Answers for *.test names; counts lookups; everything else goes to the real resolver."""

    def __init__(self) -> None:
        self.answers: dict[str, Callable[[int], list[str]]] = {}
        self.lookups: dict[str, int] = {}

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = socket.getaddrinfo

        def fake_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            name = str(host)
            if name not in self.answers:
                return real(host, port, *args, **kwargs)
            count = self.lookups.get(name, 0)
            self.lookups[name] = count + 1
            results = []
            for address in self.answers[name](count):
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                sockaddr: tuple[Any, ...] = (
                    (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
                )
                results.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
            return results

        monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDNS]:
    dns = FakeDNS()
    dns.install(monkeypatch)
    yield dns


def test_a_name_resolving_to_a_private_address_is_refused(
    fake_dns: FakeDNS, client: httpx.Client, connection_log: ConnectionLog
) -> None:
    fake_dns.answers["internal.test"] = lambda _n: ["10.0.0.5"]
    with pytest.raises(BlockedAddressError, match="internal.test"):
        get(client, "http://internal.test/feed.xml", max_bytes=1000)
    assert connection_log.attempts == []


def test_a_name_with_one_private_answer_among_public_ones_is_refused(
    fake_dns: FakeDNS, client: httpx.Client, connection_log: ConnectionLog
) -> None:
    fake_dns.answers["mixed.test"] = lambda _n: ["93.184.216.34", "169.254.169.254"]
    with pytest.raises(BlockedAddressError):
        get(client, "http://mixed.test/", max_bytes=1000)
    assert connection_log.attempts == []


def test_the_checked_address_is_the_one_connected_to(
    fake_dns: FakeDNS, client: httpx.Client, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    """DNS rebinding: the second answer for the same name is private and must be refused."""
    fake_dns.answers["rebind.test"] = lambda n: ["127.0.0.1"] if n == 0 else ["10.0.0.5"]
    http_server.route("/page", Reply(body=b"<html><body>hi</body></html>", content_type="text/html"))
    url = f"http://rebind.test:{http_server.port}/page"
    first = get(client, url, max_bytes=1000)
    assert first.status == 200
    assert http_server.requests_to("/page")[0].header("host") == f"rebind.test:{http_server.port}"
    assert fake_dns.lookups["rebind.test"] == 1
    with pytest.raises(BlockedAddressError):
        get(client, url, max_bytes=1000)
    assert fake_dns.lookups["rebind.test"] == 2
    assert connection_log.attempts == [("127.0.0.1", http_server.port)]


def test_an_allowed_name_does_not_allow_its_address_under_another_name(
    fake_dns: FakeDNS, http_server: LocalHTTPServer, connection_log: ConnectionLog
) -> None:
    fake_dns.answers["feeds.test"] = lambda _n: ["127.0.0.1"]
    http_server.route("/ok", Reply(body=RSS, content_type="application/rss+xml"))
    http_server.route("/hop", redirect(f"http://127.0.0.1:{http_server.port}/ok"))
    with make_client(Settings(allow_private=("feeds.test",), read_timeout=1.0)) as named_client:
        direct = poll_feed(
            named_client,
            f"http://feeds.test:{http_server.port}/ok",
            FeedState(),
            language="en",
            max_bytes=10_000,
        )
        assert len(direct.entries) == 1
        with pytest.raises(BlockedAddressError):
            poll_feed(
                named_client,
                f"http://feeds.test:{http_server.port}/hop",
                FeedState(),
                language="en",
                max_bytes=10_000,
            )
    assert http_server.hits("/ok") == 1
    assert http_server.hits("/hop") == 1


def test_unresolvable_names_are_transient_fetch_errors(fake_dns: FakeDNS, client: httpx.Client) -> None:
    def no_answer(_n: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    fake_dns.answers["missing.test"] = no_answer
    with pytest.raises(FetchError) as raised:
        get(client, "http://missing.test/", max_bytes=1000)
    assert not isinstance(raised.value, BlockedAddressError)
    assert not raised.value.permanent


def test_test_settings_allow_only_loopback_v4() -> None:
    assert TEST_SETTINGS.allow_private == ("127.0.0.1",)


# ---- allow-list entries with ports, and localhost (issue 12, item 11)


@pytest.mark.parametrize("entry", ["127.0.0.1", "localhost", "127.0.0.1:{port}", "localhost:{port}"])
def test_localhost_and_host_port_entries_allow_the_same_target(
    http_server: LocalHTTPServer, entry: str
) -> None:
    url = http_server.route("/ok", Reply(body=b"fine"))
    settings = Settings.from_env({"MONITOR_ALLOW_PRIVATE": entry.format(port=http_server.port)})
    with make_client(settings) as allowed:
        assert get(allowed, url, max_bytes=1000).body == b"fine"


def test_a_port_entry_allows_that_port_only(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/ok", Reply(body=b"fine"))
    settings = Settings.from_env({"MONITOR_ALLOW_PRIVATE": f"127.0.0.1:{http_server.port + 1}"})
    with make_client(settings) as other_port, pytest.raises(BlockedAddressError):
        get(other_port, url, max_bytes=1000)


@pytest.mark.parametrize("entry", ["localhost:http", "127.0.0.1:0", "http://127.0.0.1", "[::1", "a b"])
def test_an_entry_that_would_allow_nothing_is_refused(entry: str) -> None:
    from monitor.errors import ConfigError

    with pytest.raises(ConfigError, match="MONITOR_ALLOW_PRIVATE"):
        Settings.from_env({"MONITOR_ALLOW_PRIVATE": entry})
