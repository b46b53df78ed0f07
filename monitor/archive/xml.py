"""Safe, forgiving XML parsing for sitemaps and feed archive links (lxml).

Archives on the web are often slightly broken XML, and XML from a stranger
must never make us read files or the network: the parser recovers from
errors, resolves no entities, loads no DTDs and refuses huge trees.
"""

from __future__ import annotations

import zlib

from lxml import etree

from monitor.errors import ParseError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"


def parse_xml(body: bytes, *, what: str) -> etree._Element:
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{what}: not XML: {exc}") from exc
    if root is None:  # recover=True hands back None for a body with no element at all
        raise ParseError(f"{what}: not XML")
    return root


def local_name(element: etree._Element) -> str:
    tag: object = element.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return ""
    return etree.QName(tag).localname.lower()


def child_text(element: etree._Element, name: str) -> str | None:
    """The text of the first child (any namespace) named ``name``."""
    for child in element:
        if local_name(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def gunzip(body: bytes, *, limit: int, what: str) -> bytes:
    """Undo gzip on a body that is gzipped (``sitemap.xml.gz``), bounded against zip bombs."""
    if not body.startswith(GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise ParseError(f"{what}: bad gzip data: {exc}") from exc
    if len(data) > limit:
        raise TooLargeError(f"{what}: more than {limit} bytes after decompression")
    return data
