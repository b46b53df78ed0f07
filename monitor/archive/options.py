"""The knobs of the archive sources (the CLI's backfill options), apart from the sources
so that the resolver can import every source and no source imports the resolver."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_WAYBACK_URL = "https://web.archive.org"


@dataclass(frozen=True)
class SourceOptions:
    """Knobs of the network sources (the CLI's options)."""

    language: str | None = None  # default language of entries that don't declare one
    requests_per_second: float = 1.0  # Wayback Machine courtesy
    wayback_url: str = DEFAULT_WAYBACK_URL
    max_pages: int = 200  # feed archive pages / CDX result pages
    max_sitemaps: int = 500
    cdx_page_size: int = 500
    max_page_bytes: int = 5_000_000  # a page (a WARC record, a capture) larger than this is skipped
