"""A small Wayback Machine on 127.0.0.1: the CDX search API and raw (``id_``) captures.

It speaks the parts of the protocol monitor uses: ``url`` + ``matchType=prefix``,
``from``/``to`` timestamp bounds, ``filter=field:value``, ``collapse=digest``
(adjacent duplicates), ``output=json``, ``limit`` + ``showResumeKey``/``resumeKey``.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply

FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


@dataclass
class Snapshot:
    original: str
    timestamp: str
    body: bytes
    mimetype: str = "text/html"
    status: str = "200"
    charset: str = "utf-8"

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.body).hexdigest().upper()

    @property
    def urlkey(self) -> str:
        return self.original.split("://", 1)[-1].lower()


@dataclass
class Wayback:
    server: LocalHTTPServer
    snapshots: list[Snapshot] = field(default_factory=list)
    request_times: list[float] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # statuses to answer before serving normally
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self) -> None:
        self.server.route("/cdx/search/cdx", self._cdx)
        self.server.route_prefix("/web/", self._web)

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def capture_hits(self) -> dict[str, int]:
        hits: dict[str, int] = {}
        for request in self.server.requests:
            if request.path.startswith("/web/"):
                hits[request.path] = hits.get(request.path, 0) + 1
        return hits

    def _failure(self) -> Reply | None:
        with self._lock:
            self.request_times.append(time.monotonic())
            if self.fail_next:
                return Reply(status=self.fail_next.pop(0), headers={"Retry-After": "0"}, body=b"busy")
        return None

    def _cdx(self, request: RecordedRequest) -> Reply:
        failure = self._failure()
        if failure is not None:
            return failure
        query = parse_qs(request.query)
        prefix = query["url"][0].split("://", 1)[-1].lower()
        rows = sorted(
            (s for s in self.snapshots if s.urlkey.startswith(prefix)), key=lambda s: (s.urlkey, s.timestamp)
        )
        if "from" in query:
            rows = [s for s in rows if s.timestamp >= query["from"][0].ljust(14, "0")]
        if "to" in query:
            rows = [s for s in rows if s.timestamp <= query["to"][0].ljust(14, "9")]
        for rule in query.get("filter", []):
            name, _, value = rule.partition(":")
            rows = [s for s in rows if str(getattr(s, {"statuscode": "status"}.get(name, name))) == value]
        if "digest" in query.get("collapse", []):
            collapsed: list[Snapshot] = []
            for snap in rows:
                if not collapsed or collapsed[-1].digest != snap.digest:
                    collapsed.append(snap)
            rows = collapsed
        start = int(query["resumeKey"][0]) if "resumeKey" in query else 0
        limit = int(query.get("limit", ["100000"])[0])
        page = rows[start : start + limit]
        data: list[list[str]] = [FIELDS]
        data += [
            [s.urlkey, s.timestamp, s.original, s.mimetype, s.status, s.digest, str(len(s.body))]
            for s in page
        ]
        if "showResumeKey" in query and start + limit < len(rows):
            data += [[], [str(start + limit)]]
        return Reply(body=json.dumps(data).encode(), content_type="application/json")

    def _web(self, request: RecordedRequest) -> Reply:
        failure = self._failure()
        if failure is not None:
            return failure
        stamp, _, original = request.path[len("/web/") :].partition("id_/")
        for snap in self.snapshots:
            if snap.timestamp == stamp and snap.original == original:
                return Reply(body=snap.body, content_type=f"{snap.mimetype}; charset={snap.charset}")
        return Reply(status=404, body=b"not archived")
