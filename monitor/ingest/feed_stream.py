"""Cut a huge RSS 2.0 / Atom 1.0 feed into small feed documents, one batch of entries each.

feedparser builds the whole document in memory: a 17 MB feed of 100,000
entries cost about 360 MB. Here lxml reads the (spooled) body incrementally and
every batch of entry elements is cut out and wrapped in a copy of the feed's
own envelope: the root and channel start tags (namespaces, ``xml:base``,
``xml:lang``) and the channel's other elements that come before the first
entry. :mod:`monitor.ingest.feeds` gives each small document to feedparser, so
entries come out exactly as feedparser makes them (dates, HTML detection,
guid-as-link, languages) while only one batch is in memory.

Two passes over the body. :func:`scan` checks that streaming gives the same
result and collects the envelope: well-formed XML, no DOCTYPE (its entities
would expand differently), an RSS 2.0 ``<rss><channel>`` or an Atom 1.0
``<feed>`` root, entries only where feedparser expects them. Anything else
(RSS 0.9x/1.0, CDF, ill-formed feeds, odd encodings) returns None and the
caller parses the whole body with feedparser as before, bozo warnings and all.
:func:`entry_documents` is the second pass.

The parser never resolves entities, never touches the network and keeps
lxml's limits on huge text nodes (``huge_tree`` off). Invalid UTF-8 bytes are
replaced on the way in, exactly as :func:`~monitor.ingest.feed_charset.repair_utf8`
does for a whole body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import lxml.etree

from monitor.ingest.feed_charset import Utf8Repair

# entries per document handed to feedparser
BATCH_ENTRIES = 500
CHUNK_BYTES = 256 * 1024
# the envelope is repeated in every batch: a feed whose channel says megabytes
# before its first item is not worth streaming
MAX_ENVELOPE_BYTES = 1_000_000
_ATOM = "{http://www.w3.org/2005/Atom}"
# feedparser starts an entry at any element of these local names, whatever its namespace
_ENTRY_NAMES = frozenset({"item", "entry"})
_MARK = b"monitor-entries-go-here"
_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
# prefix -> URI; the default namespace's prefix is None (which the stubs do not allow)
_Namespaces = dict[Any, str]


@dataclass(frozen=True)
class Envelope:
    """What every batch document is wrapped in, found by :func:`scan`."""

    entry_tag: str
    entry_depth: int  # 3 for rss > channel > item, 2 for feed > entry
    opening: bytes  # declaration, start tags and the elements before the first entry
    closing: bytes
    whole: bytes  # the feed without its entries: every non-entry element (title, language)
    repair_warning: str | None


class _NotStreamable(Exception):
    """Streaming would not give what feedparser gives for the whole body."""


def scan(source: IO[bytes]) -> Envelope | None:
    """First pass: the envelope if the feed can be streamed, else None. Reads ``source`` from 0."""
    repair = Utf8Repair()
    root: tuple[str, dict[str, str], _Namespaces] | None = None
    channel: tuple[dict[str, str], _Namespaces] | None = None
    before_entries: list[bytes] = []
    everything: list[bytes] = []
    seen_entry = False
    size = 0
    entry_tag, entry_depth = "", 0
    try:
        for event, element, depth in _events(source, repair):
            tag = element.tag
            if event == "start":
                if depth == 1:
                    entry_tag, entry_depth = _layout(element)
                    root = (str(tag), _attributes(element), dict(element.nsmap))
                elif depth == 2 and entry_depth == 3:
                    if tag != "channel" or channel is not None:
                        raise _NotStreamable
                    channel = (_attributes(element), dict(element.nsmap))
                elif _local_name(tag) in _ENTRY_NAMES and (depth != entry_depth or tag != entry_tag):
                    raise _NotStreamable  # entries where streaming would not look for them
                continue
            if depth != entry_depth:
                continue
            if tag == entry_tag:
                seen_entry = True
            elif isinstance(tag, str):  # comments and processing instructions mean nothing to feedparser
                part = lxml.etree.tostring(element, encoding="utf-8", with_tail=False)
                size += len(part)
                if size > MAX_ENVELOPE_BYTES:
                    raise _NotStreamable
                everything.append(part)
                if not seen_entry:
                    before_entries.append(part)
            _forget(element)
    except (_NotStreamable, lxml.etree.XMLSyntaxError):
        return None
    if root is None or (entry_depth == 3 and channel is None):
        return None
    start, end = _shell(root, channel)
    return Envelope(
        entry_tag=entry_tag,
        entry_depth=entry_depth,
        opening=_DECLARATION + start + b"".join(before_entries),
        closing=end,
        whole=_DECLARATION + start + b"".join(everything) + end,
        repair_warning=repair.warning(),
    )


def entry_documents(source: IO[bytes], envelope: Envelope, *, batch: int = BATCH_ENTRIES) -> Iterator[bytes]:
    """Second pass: feed documents of at most ``batch`` entries each, in document order."""
    pending: list[bytes] = []
    for event, element, depth in _events(source, Utf8Repair()):
        if event != "end" or depth != envelope.entry_depth:
            continue
        if element.tag == envelope.entry_tag:
            pending.append(lxml.etree.tostring(element, encoding="utf-8", with_tail=False))
        _forget(element)
        if len(pending) >= batch:
            yield envelope.opening + b"".join(pending) + envelope.closing
            pending = []
    if pending:
        yield envelope.opening + b"".join(pending) + envelope.closing


def _events(source: IO[bytes], repair: Utf8Repair) -> Iterator[tuple[str, lxml.etree._Element, int]]:
    """(event, element, depth) for every element start and end; raises XMLSyntaxError."""
    parser = lxml.etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
    )
    source.seek(0)
    depth = 0
    chunks = iter(lambda: source.read(CHUNK_BYTES), b"")
    for piece in repair.repaired(chunks):
        parser.feed(piece)
        for event, element in parser.read_events():
            if not isinstance(element, lxml.etree._Element):
                continue  # only element events were asked for
            if event == "start":
                depth += 1
                if depth == 1 and _has_doctype(element):
                    raise _NotStreamable  # internal entities: lxml and feedparser would differ
                yield event, element, depth
            else:
                yield event, element, depth
                depth -= 1
    parser.close()


def _local_name(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def _has_doctype(root: lxml.etree._Element) -> bool:
    docinfo: Any = root.getroottree().docinfo  # the stubs do not know DocInfo.doctype
    return bool(docinfo.doctype)


def _attributes(element: lxml.etree._Element) -> dict[str, str]:
    # attributes of a tree parsed from bytes are str (the stubs also allow bytes)
    return {str(name): str(value) for name, value in element.attrib.items()}


def _layout(root: lxml.etree._Element) -> tuple[str, int]:
    """(entry tag, entry depth) of a streamable root, else _NotStreamable."""
    if root.tag == "rss" and (root.get("version") or "").strip() == "2.0":
        return "item", 3
    if root.tag == _ATOM + "feed":
        return _ATOM + "entry", 2
    raise _NotStreamable


def _forget(element: lxml.etree._Element) -> None:
    """Drop a finished element and the siblings before it: memory stays at one entry."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _shell(
    root: tuple[str, dict[str, str], _Namespaces],
    channel: tuple[dict[str, str], _Namespaces] | None,
) -> tuple[bytes, bytes]:
    """The root (and channel) start and end tags, with their attributes and namespaces."""
    tag, attributes, namespaces = root
    shell = lxml.etree.Element(tag, attrib=attributes, nsmap=namespaces)
    inner = shell
    if channel is not None:
        inner = lxml.etree.SubElement(shell, "channel", attrib=channel[0], nsmap=channel[1])
    inner.text = _MARK.decode("ascii")
    start, _, end = lxml.etree.tostring(shell, encoding="utf-8").partition(_MARK)
    return start, end
