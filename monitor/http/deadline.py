"""One deadline per request, from connect to last byte, and a way to cut every request.

httpx's timeouts are per operation: a server that sends its headers one byte a
second never lets a single read time out, so a fetch could last for hours. The
deadline here is set by :func:`monitor.http.get` for the whole exchange (every
redirect hop included) and lives in a context variable, so the network streams
of the guarded transport can see it: each connect, read and write gets at most
the time that is left, and none starts after it ran out.

:func:`cut_in_flight` is for shutting down: it shuts every open socket down, so
a request blocked in ``recv`` in any thread returns at once with an error, and
refuses new connections until :func:`allow_requests` (tests, a restarted runner).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
import weakref
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import httpcore

_deadline: ContextVar[float | None] = ContextVar("monitor_http_deadline", default=None)
_open_streams: weakref.WeakSet[DeadlineStream] = weakref.WeakSet()
_registry_lock = threading.Lock()
_cut = threading.Event()


@contextlib.contextmanager
def deadline_in(seconds: float) -> Iterator[float]:
    """Every connect, read and write inside the block ends by ``seconds`` from now."""
    at = time.monotonic() + seconds
    token = _deadline.set(at)
    try:
        yield at
    finally:
        _deadline.reset(token)


def remaining(timeout: float | None, *, on_expiry: type[Exception]) -> float | None:
    """The operation's own ``timeout`` shortened to the time left; raises once none is left."""
    if _cut.is_set():
        raise httpcore.ReadError("requests were cut: the service is stopping")
    at = _deadline.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise on_expiry("the total time limit of the request ran out")
    return left if timeout is None else min(timeout, left)


def cut_in_flight() -> int:
    """Shut down every open connection of every client; returns how many were open."""
    _cut.set()
    with _registry_lock:
        streams = list(_open_streams)
    for stream in streams:
        stream.shutdown()
    return len(streams)


def allow_requests() -> None:
    _cut.clear()


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation respects the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner
        with _registry_lock:
            _open_streams.add(self)
        if _cut.is_set():  # connected while the service was being stopped
            self.shutdown()

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, remaining(timeout, on_expiry=httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, remaining(timeout, on_expiry=httpcore.WriteTimeout))

    def close(self) -> None:
        with _registry_lock:
            _open_streams.discard(self)
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = remaining(timeout, on_expiry=httpcore.ConnectTimeout)
        wrapped = DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, left))
        with _registry_lock:
            _open_streams.discard(self)
        return wrapped

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)

    def shutdown(self) -> None:
        sock = self.inner.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
