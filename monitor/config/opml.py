"""OPML, the subscription list every feed reader imports and exports.

``read_opml`` turns an OPML file into feed entries for feeds.yaml (one per
``<outline xmlUrl=...>``; the enclosing outlines' titles become tags);
``write_opml`` turns the configured feeds into OPML 2.0; ``add_feeds`` puts
new entries into the text of feeds.yaml without rewriting the rest of it, so
comments and layout survive. The file is parsed without entity expansion or
network access: an OPML file is foreign input.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import lxml.etree
import yaml

from monitor.config.feeds_file import FeedSpec, check_feed_url
from monitor.errors import ConfigError
from monitor.ingest.canonical import canonical_url

_NOT_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class OpmlFeed:
    id: str
    url: str
    title: str
    tags: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return _NOT_ID.sub("-", text.lower()).strip("-")[:60].strip("-")


def read_opml(data: bytes, *, source: str = "OPML") -> list[OpmlFeed]:
    """The feeds an OPML document lists, in document order, each URL once."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise ConfigError(f"{source}:{exc.lineno or 0}: not well-formed OPML: {exc.msg}") from None
    if root is None or root.tag != "opml":
        raise ConfigError(f"{source}:1: not an OPML document (the root element is not <opml>)")
    found: list[OpmlFeed] = []
    seen: set[str] = set()

    def walk(element: lxml.etree._Element, tags: list[str]) -> None:
        for outline in element.iterchildren("outline"):
            title = (outline.get("title") or outline.get("text") or "").strip()
            url = (outline.get("xmlUrl") or "").strip()
            if url:
                try:
                    check_feed_url(url)
                except ValueError as exc:
                    raise ConfigError(f"{source}:{outline.sourceline}: xmlUrl: {exc}") from None
                key = canonical_url(url)
                if key not in seen:
                    seen.add(key)
                    found.append(OpmlFeed(id=_slug(title) or _slug(url), url=url, title=title, tags=tags))
            walk(outline, [*tags, _slug(title)] if not url and _slug(title) else tags)

    body = root.find("body")
    if body is not None:
        walk(body, [])
    return found


def write_opml(feeds: Sequence[FeedSpec], *, title: str = "monitor feeds") -> str:
    """OPML 2.0 for the configured feeds (tags become the ``category`` attribute)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.outlet or feed.id, "title": feed.outlet or feed.id}
        attributes["xmlUrl"] = feed.url
        if feed.tags:
            attributes["category"] = ",".join(feed.tags)
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def new_feeds(found: Iterable[OpmlFeed], existing: Sequence[FeedSpec]) -> list[OpmlFeed]:
    """The OPML feeds not configured yet (by canonical URL), with ids made unique."""
    known_urls = {canonical_url(feed.url) for feed in existing}
    taken = {feed.id for feed in existing}
    fresh: list[OpmlFeed] = []
    for feed in found:
        if canonical_url(feed.url) in known_urls:
            continue
        ident, n = feed.id or "feed", 2
        while ident in taken:
            ident, n = f"{feed.id}-{n}", n + 1
        taken.add(ident)
        fresh.append(OpmlFeed(ident, feed.url, feed.title, feed.tags))
    return fresh


def _entry(feed: OpmlFeed, language: str | None) -> str:
    fields: dict[str, object] = {"id": feed.id, "url": feed.url}
    if language:
        fields["language"] = language
    if feed.title:
        fields["outlet"] = feed.title
    if feed.tags:
        fields["tags"] = feed.tags
    flow = yaml.safe_dump(fields, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000)
    return f"  - {flow.strip()}\n"


def add_feeds(text: str, feeds: Sequence[OpmlFeed], *, language: str | None = None) -> str:
    """feeds.yaml's text with ``feeds`` appended to its ``feeds:`` list; the rest untouched."""
    if not feeds:
        return text
    entries = "".join(_entry(feed, language) for feed in feeds)
    node = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if node is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + "feeds:\n" + entries
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError("feeds.yaml is not a mapping: cannot add feeds to it")
    for key, value in node.value:
        if key.value != "feeds":
            continue
        if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
            # on the line after the last item's last value (a block node's own end
            # mark lies at the next key, past blank lines and comments)
            line_end = text.find("\n", _last_value_end(value))
            if line_end == -1:
                return text + "\n" + entries
            return text[: line_end + 1] + entries + text[line_end + 1 :]
        if isinstance(value, yaml.SequenceNode) and not value.value:
            # "feeds: []": the empty list becomes the block list
            line_end = text.find("\n", value.end_mark.index)
            at = len(text) if line_end == -1 else line_end + 1
            before = text[: key.start_mark.index] + "feeds:\n" + entries
            return before + text[at:]
        raise ConfigError(
            f"feeds.yaml:{key.start_mark.line + 1}: feeds: write it as a block list to add feeds to it"
        )
    return text + ("" if text.endswith("\n") else "\n") + "feeds:\n" + entries


def _last_value_end(node: yaml.Node) -> int:
    """Where the last scalar inside ``node`` ends, as an index into the text."""
    while True:
        if isinstance(node, yaml.MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            return int(node.end_mark.index)
