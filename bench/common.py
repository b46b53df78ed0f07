"""Shared helpers for the benchmarks: the page corpus, a loopback server, timing, output.

Every benchmark measures its baseline in the same run and prints one line
``BENCH <name> <value> <unit>`` per result, so numbers from different
machines or days are never compared with each other.
"""

from __future__ import annotations

import gzip
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
HTML_DIRS = (
    CORPUS / "html" / "trafilatura" / "de_news",
    CORPUS / "html" / "trafilatura" / "en_news",
    CORPUS / "html" / "zyte-aeb" / "html",
)


def news_pages(limit: int | None = None) -> list[tuple[str, str]]:
    """(name, html) of the real news pages, German and English first."""
    pages: list[tuple[str, str]] = []
    for folder in HTML_DIRS:
        for path in sorted(folder.glob("*.htm*")):
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            pages.append((path.name, raw.decode("utf-8", errors="replace")))
            if limit is not None and len(pages) >= limit:
                return pages
    return pages


def bench_line(name: str, value: float, unit: str) -> None:
    digits = 3 if unit == "ratio" else 2
    print(f"BENCH {name} {value:.{digits}f} {unit}", flush=True)


def timed(func: Callable[[], Any]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


ROUNDS = 5


def interleaved(
    baseline: Callable[[], float], subject: Callable[[], float], rounds: int = ROUNDS
) -> list[tuple[float, float]]:
    """(baseline, subject) results of ``rounds`` rounds, the order flipping every round, so
    a burst of load on the shared machine lands on both sides alike. Report the median of
    the per-round ratios, never a ratio of totals."""
    results = []
    for round_no in range(rounds):
        if round_no % 2 == 0:
            first = baseline()
            results.append((first, subject()))
        else:
            second = subject()
            results.append((baseline(), second))
    return results


def median_ratio(results: list[tuple[float, float]]) -> float:
    """Median over the rounds of subject / baseline."""
    return statistics.median(subject / base for base, subject in results)


def extract_alone(htmls: list[str]) -> float:
    """The baseline: trafilatura.extract on every page, seconds in all."""
    import trafilatura

    def run() -> None:
        for html in htmls:
            trafilatura.extract(html)

    return timed(run)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder from a separate process on 127.0.0.1, as a remote site would:
    the server's own CPU time must not be billed to the code being measured."""
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def serve_routes(routes: dict[str, tuple[bytes, str]]) -> Iterator[str]:
    """Serve path -> (body, content type) on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            found = routes.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, content_type = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
