"""Compression bombs and a slow-header server for the hostile-server tests and the bench."""

from __future__ import annotations

import socket
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager


def gzip_of_zeros(size: int, *, layers: int = 1) -> bytes:
    """``layers`` nested gzip streams that expand to ``size`` zero bytes, built in pieces."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.compress(bytes(size % len(block))))
    parts.append(packer.flush())
    body = b"".join(parts)
    for _ in range(layers - 1):
        body = zlib.compress(body, 9, wbits=zlib.MAX_WBITS | 16)
    return body


@contextmanager
def slow_header_server(*, every: float = 0.2) -> Iterator[str]:
    """A server on 127.0.0.1 that sends an endless response head one byte per ``every`` seconds.

    Every single read gets a byte well within any read timeout, so only a deadline
    on the whole request ends the fetch. Yields the URL.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: "
        with conn:
            try:
                for byte in head:
                    if stop.wait(every):
                        return
                    conn.sendall(bytes([byte]))
                while not stop.wait(every):
                    conn.sendall(b"a")
            except OSError:
                return

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
