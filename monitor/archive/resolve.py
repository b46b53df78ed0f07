"""SOURCE as written on the command line -> an archive source.

FOLDER                    with manifest.jsonl: the articles it lists
FOLDER                    without one: every .warc/.warc.gz/.arc/.arc.gz file in it (recursively)
FILE.jsonl                a manifest file itself
FILE                      any other file: one WARC or ARC file, gzipped or not
sitemap:URL               a sitemap, sitemap index, Google News sitemap or robots.txt
feed:URL                  a feed and its archive pages (RFC 5005)
cdx:URL-PREFIX            the Wayback Machine's captures under a URL prefix
http(s)://...             a sitemap when the URL says so (sitemap*.xml[.gz], robots.txt), else a feed
"""

from __future__ import annotations

import re
from pathlib import Path

from monitor.archive.base import ArchiveSource, HttpAccess
from monitor.archive.manifest import MANIFEST_NAME, ManifestSource
from monitor.archive.options import SourceOptions
from monitor.archive.pagedfeed import PagedFeedSource
from monitor.archive.sitemap import SitemapSource
from monitor.archive.warc import WarcSource
from monitor.archive.wayback import CdxSource
from monitor.errors import ConfigError

_SITEMAP_URL = re.compile(r"(sitemap[^/]*\.xml(\.gz)?|/robots\.txt)([?#].*)?$", re.IGNORECASE)


def open_source(spec: str, options: SourceOptions, http: HttpAccess) -> ArchiveSource:
    """Resolve a SOURCE spec; raises ConfigError for one that names nothing readable."""
    text = spec.strip()
    scheme, _, rest = text.partition(":")
    kind = scheme.lower()
    if kind in ("sitemap", "feed", "cdx") and rest:
        return _network(kind, rest.strip(), options, http)
    if kind in ("http", "https"):
        return _network("sitemap" if _SITEMAP_URL.search(text) else "feed", text, options, http)
    return open_path(Path(text).expanduser(), options)


def open_path(path: Path, options: SourceOptions | None = None) -> ArchiveSource:
    max_bytes = (options or SourceOptions()).max_page_bytes
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        if manifest.is_file():
            return ManifestSource(manifest)
        return WarcSource(path, max_page_bytes=max_bytes)
    if path.is_file():
        if path.suffix.lower() == ".jsonl":
            return ManifestSource(path)
        return WarcSource(path, max_page_bytes=max_bytes)
    raise ConfigError(f"{path}: no such file or folder (see `monitor backfill --help` for SOURCE forms)")


def _network(kind: str, url: str, options: SourceOptions, http: HttpAccess) -> ArchiveSource:
    if kind == "cdx":
        return CdxSource(url, options, http)
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise ConfigError(f"{kind}:{url}: expected an http(s) URL")
    if kind == "sitemap":
        return SitemapSource(url, options, http)
    return PagedFeedSource(url, options, http)
