"""Content-Encoding undone by us, layer by layer, with the size limit checked as it inflates.

httpx decodes a gzip body one network chunk at a time but without an output
bound: a 1.8 KB chunk of ``Content-Encoding: gzip, gzip`` becomes a gigabyte
before the caller sees its first byte, so a size limit checked on what
``iter_bytes`` yields comes far too late. Here the raw bytes go through one
``zlib.decompressobj`` per layer, each asked for at most :data:`PIECE` bytes
at a time (``max_length``), and every layer hands its output on before it
inflates more. Memory is a few pieces per layer, whatever the ratio; the
caller counts what comes out of the last layer and stops at its limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from monitor.errors import FetchError

# how much one layer inflates before handing it on
PIECE = 64 * 1024
DECODABLE = frozenset({"gzip", "x-gzip", "deflate", "identity"})


def encodings_of(header_values: Iterable[str]) -> list[str]:
    """'gzip, gzip' (or two headers) -> ['gzip', 'gzip'], in the order they were applied."""
    found: list[str] = []
    for value in header_values:
        found.extend(part.strip().lower() for part in value.split(",") if part.strip())
    return found


def check_encodings(encodings: list[str], shown_url: str) -> None:
    unknown = [name for name in encodings if name not in DECODABLE]
    if unknown:
        # we only ever offer gzip and deflate; anything else is a server not listening
        raise FetchError(f"{shown_url}: unsupported Content-Encoding {', '.join(unknown)}", permanent=True)


def decoded(raw: Iterable[bytes], encodings: list[str]) -> Iterator[bytes]:
    """The body with every layer undone; the last applied encoding is undone first."""
    stream: Iterator[bytes] = iter(raw)
    for name in reversed(encodings):
        if name in ("gzip", "x-gzip"):
            stream = _inflate(stream, zlib.MAX_WBITS | 16)
        elif name == "deflate":
            stream = _inflate(stream, None)
    return stream


def _inflate(chunks: Iterator[bytes], wbits: int | None) -> Iterator[bytes]:
    """One layer. ``wbits`` None: "deflate", which servers send zlib-wrapped or raw."""
    inflater: Any = None  # zlib's decompressor type is private
    for chunk in chunks:
        data = chunk
        while data:
            if inflater is None:
                inflater = zlib.decompressobj(wbits if wbits is not None else _deflate_wbits(data))
            try:
                piece = inflater.decompress(data, PIECE)
            except zlib.error as exc:
                raise FetchError(f"bad compressed data: {exc}", permanent=True) from exc
            if piece:
                yield piece
            data = inflater.unconsumed_tail
            if inflater.eof:
                # concatenated gzip members are legal (RFC 1952): the rest starts the next one
                data = inflater.unused_data
                inflater = None
    if inflater is not None:
        tail = inflater.flush()
        if tail:
            yield tail


def _deflate_wbits(first: bytes) -> int:
    # a zlib header: CMF says deflate (low nibble 8) and CMF*256+FLG is a multiple of 31
    if len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0:
        return zlib.MAX_WBITS
    return -zlib.MAX_WBITS
