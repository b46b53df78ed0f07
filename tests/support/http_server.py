"""A real HTTP server on 127.0.0.1 for tests, with a route table and request counts.

Use it as a fixture in any test folder::

    # tests/<yourdir>/conftest.py
    from tests.support.http_server import http_server_fixture

    http_server = http_server_fixture()                   # a fresh server per test
    shared_http_server = http_server_fixture(scope="module")

    # a test
    from tests.support.http_server import Reply, conditional, redirect

    def test_something(http_server):
        http_server.route("/feed.xml", conditional(b"<rss/>", etag='"v1"'))
        http_server.route("/old", redirect("/feed.xml"))
        http_server.route("/hook", lambda request: Reply(status=204))   # any callable
        url = http_server.url("/old")
        ...
        assert http_server.hits("/feed.xml") == 1
        assert http_server.requests_to("/hook")[0].body == b"..."

Outside pytest, ``with serve() as server:`` does the same.

A route is a :class:`Reply` (served as is, every time) or a callable taking the
:class:`RecordedRequest` and returning a Reply. Ready-made routes cover what
HTTP clients must survive: :func:`conditional` (ETag / Last-Modified -> 304),
:func:`gzipped`, :func:`redirect` (chains and loops are two redirect routes
pointing at each other), :func:`rate_limited` (429/503 + Retry-After),
:func:`slow` (headers only after a delay), :func:`dripping` (a body sent in
slow pieces), :func:`oversized` (a big body, with or without Content-Length),
and :func:`sequence` (different replies on successive requests).
Non-UTF-8 bodies are plain Replies with bytes in that encoding and a
``Content-Type: ...; charset=...`` header.

Every request is recorded (method, path, query, headers, body) before the
route runs, so tests can assert what was sent and how often, including for
paths without a route (those get 404). Unknown prefixes can be served with
:meth:`LocalHTTPServer.route_prefix`.

The server binds 127.0.0.1 on a free port, runs each request in a daemon
thread, and speaks HTTP/1.0 (one request per connection), so a client that
gives up mid-response never blocks shutdown.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Reply:
    """One response. ``chunks`` (if set) replaces ``body`` and is sent piece by piece."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/plain; charset=utf-8"
    delay: float = 0.0  # seconds to wait before sending the status line
    chunks: Iterable[bytes] | None = None
    chunk_delay: float = 0.0
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


Route = Reply | Callable[[RecordedRequest], Reply]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def _serve(self) -> None:
        target = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = RecordedRequest(
            method=self.command,
            path=target.path,
            query=target.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )
        owner = self.server.owner
        owner._record(request)
        reply = owner._reply_for(request)
        try:
            self._write(reply, head_only=self.command == "HEAD")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the client gave up (timeouts, size limits): expected in tests

    def _write(self, reply: Reply, *, head_only: bool) -> None:
        stop = self.server.owner._stopping
        if reply.delay and stop.wait(reply.delay):
            return
        self.send_response(reply.status)
        headers = {k.lower(): v for k, v in reply.headers.items()}
        if reply.content_type is not None and "content-type" not in headers:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.chunks is None:
            if reply.send_length and "content-length" not in headers:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(reply.body)
            return
        self.end_headers()
        if head_only:
            return
        for piece in reply.chunks:
            if reply.chunk_delay and stop.wait(reply.chunk_delay):
                return
            self.wfile.write(piece)
            self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # keep pytest output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LocalHTTPServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-response is normal here


class LocalHTTPServer:
    """A threaded HTTP server on 127.0.0.1 with a route table; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._routes: dict[str, Route] = {}
        self._prefix_routes: list[tuple[str, Route]] = []
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server((host, 0), _Handler)
        self._server.owner = self
        self.host = host
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"http-server-{self.port}",
            daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def route(self, path: str, route: Route) -> str:
        """Serve ``route`` at exactly ``path`` (no query); returns the full URL."""
        with self._lock:
            self._routes[path] = route
        return self.url(path)

    def route_prefix(self, prefix: str, route: Route) -> None:
        """Serve every path starting with ``prefix`` that has no exact route."""
        with self._lock:
            self._prefix_routes.append((prefix, route))

    def hits(self, path: str) -> int:
        """How many requests reached ``path`` (any method, any query)."""
        with self._lock:
            return sum(1 for r in self._requests if r.path == path)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._requests if r.path == path]

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _reply_for(self, request: RecordedRequest) -> Reply:
        with self._lock:
            route = self._routes.get(request.path)
            if route is None:
                for prefix, candidate in self._prefix_routes:
                    if request.path.startswith(prefix):
                        route = candidate
                        break
        if route is None:
            return Reply(status=404, body=b"no route")
        if isinstance(route, Reply):
            return route
        try:
            return route(request)
        except Exception as exc:  # noqa: BLE001 - a broken test route must show up, not hang
            return Reply(status=599, body=f"route failed: {exc!r}".encode())


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[LocalHTTPServer]:
    server = LocalHTTPServer(host)
    try:
        yield server
    finally:
        server.close()


FixtureScope = Literal["session", "package", "module", "class", "function"]


def http_server_fixture(scope: FixtureScope = "function") -> Any:
    """A pytest fixture yielding a :class:`LocalHTTPServer`; assign it to a name in a conftest."""

    @pytest.fixture(scope=scope)
    def _http_server() -> Iterator[LocalHTTPServer]:
        with serve() as server:
            yield server

    return _http_server


# --------------------------------------------------------------------------- ready-made routes


def http_date(timestamp: float) -> str:
    return formatdate(timestamp, usegmt=True)


def conditional(
    body: bytes,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    content_type: str = "application/rss+xml; charset=utf-8",
) -> Callable[[RecordedRequest], Reply]:
    """200 with validators, 304 when the request's If-None-Match / If-Modified-Since match."""

    def route(request: RecordedRequest) -> Reply:
        headers: dict[str, str] = {}
        if etag is not None:
            headers["ETag"] = etag
        if last_modified is not None:
            headers["Last-Modified"] = last_modified
        if etag is not None and request.header("if-none-match") is not None:
            candidates = [v.strip() for v in (request.header("if-none-match") or "").split(",")]
            if etag in candidates or "*" in candidates:
                return Reply(status=304, headers=headers, content_type=None)
        elif last_modified is not None and request.header("if-modified-since") == last_modified:
            return Reply(status=304, headers=headers, content_type=None)
        return Reply(body=body, headers=headers, content_type=content_type)

    return route


def gzipped(body: bytes, *, content_type: str = "application/rss+xml; charset=utf-8") -> Reply:
    return Reply(body=gzip.compress(body), headers={"Content-Encoding": "gzip"}, content_type=content_type)


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location}, body=b"moved")


def rate_limited(retry_after: str | None, status: int = 429) -> Reply:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return Reply(status=status, headers=headers, body=b"slow down")


def slow(reply: Reply, seconds: float) -> Reply:
    """``reply`` sent only after ``seconds`` (longer than a read timeout: the client times out)."""
    return Reply(
        status=reply.status,
        body=reply.body,
        headers=dict(reply.headers),
        content_type=reply.content_type,
        delay=seconds,
    )


def dripping(piece: bytes, *, pieces: int, every: float, content_type: str = "text/html") -> Reply:
    """A body of ``pieces`` x ``piece``, one piece each ``every`` seconds, no Content-Length."""
    return Reply(chunks=[piece] * pieces, chunk_delay=every, send_length=False, content_type=content_type)


def oversized(size: int, *, declare_length: bool, content_type: str = "text/html; charset=utf-8") -> Reply:
    """``size`` bytes of filler; with ``declare_length=False`` the client only learns the size by reading."""
    filler = b"<p>" + b"x" * 1020 + b"</p>\n"
    count = size // len(filler) + 1
    if declare_length:
        return Reply(body=filler * count, content_type=content_type)
    return Reply(chunks=[filler] * count, send_length=False, content_type=content_type)


def sequence(*replies: Reply) -> Callable[[RecordedRequest], Reply]:
    """The n-th request gets the n-th reply; the last one repeats."""
    lock = threading.Lock()
    served = [0]

    def route(_request: RecordedRequest) -> Reply:
        with lock:
            index = min(served[0], len(replies) - 1)
            served[0] += 1
        return replies[index]

    return route
