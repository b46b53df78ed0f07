"""Writing WARC files for the tests with warcio's own writer."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS
TRAFILATURA_PAGES = CORPUS / "html" / "trafilatura"
REAL_WARCS = CORPUS / "warc"


@dataclass
class Capture:
    url: str
    body: bytes
    date: str = "2024-10-20T10:00:00Z"
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    with_request: bool = True
    extra: list[str] = field(default_factory=list)  # "revisit", "metadata"


def write_warc(path: Path, captures: list[Capture], *, gzip: bool = True, warcinfo: bool = True) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        if warcinfo:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "monitor tests"}))
        for capture in captures:
            dates = {"WARC-Date": capture.date}
            if capture.with_request:
                request = StatusAndHeaders(
                    f"GET {capture.url} HTTP/1.1", [("Host", "news.example")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        capture.url,
                        "request",
                        payload=io.BytesIO(b""),
                        http_headers=request,
                        warc_headers_dict=dict(dates),
                    )
                )
            headers = StatusAndHeaders(
                capture.status, [("Content-Type", capture.content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    capture.url,
                    "response",
                    payload=io.BytesIO(capture.body),
                    http_headers=headers,
                    warc_headers_dict=dict(dates),
                )
            )
            if "metadata" in capture.extra:
                writer.write_record(
                    writer.create_warc_record(
                        capture.url,
                        "metadata",
                        payload=io.BytesIO(b"via: tests\r\n"),
                        warc_content_type="application/warc-fields",
                        warc_headers_dict=dict(dates),
                    )
                )
            if "revisit" in capture.extra:
                again = StatusAndHeaders(
                    "200 OK", [("Content-Type", capture.content_type)], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_revisit_record(
                        capture.url,
                        digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        refers_to_uri=capture.url,
                        refers_to_date=capture.date,
                        http_headers=again,
                    )
                )
    return path


def real_pages(count: int, subset: str = "de_news") -> list[Path]:
    return sorted((TRAFILATURA_PAGES / subset).glob("*.html"))[:count]


def article_html(
    title: str, paragraph: str, *, published: str | None = None, charset: str | None = None
) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    declared = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!doctype html><html lang="de"><head>{declared}<title>{title}</title>{meta}</head>'
        f"<body><article><h1>{title}</h1><p>{paragraph}</p></article></body></html>"
    )
