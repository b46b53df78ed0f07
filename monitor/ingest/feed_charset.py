"""Repair a UTF-8 feed with a few invalid bytes before feedparser sees it.

feedparser decodes a whole document with one encoding: when the declared (or
default) UTF-8 fails on a single stray byte, it falls back to windows-1252 for
*every* byte, and each umlaut of each entry comes out garbled ("SÃ¼dkorea"),
so names no longer match the watchlist. Keeping the valid UTF-8 and replacing
only the bad bytes (U+FFFD) loses one character instead of the whole feed; the
poll records a warning saying how many bytes were replaced.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterable, Iterator, Mapping

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""")
_UTF8_NAMES = frozenset({"utf_8", "utf_8_sig"})
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def declared_encoding(body: bytes, headers: Mapping[str, str]) -> str | None:
    """The encoding the feed claims: the HTTP charset, else the XML declaration, else None."""
    content_type = headers.get("content-type", "")
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    match = _XML_DECLARATION.match(body[:512])
    return match.group(1).decode("ascii") if match else None


def is_utf8(label: str | None) -> bool:
    if label is None:
        return True  # XML without a declaration is UTF-8
    try:
        return codecs.lookup(label).name.replace("-", "_") in _UTF8_NAMES
    except LookupError:
        return False


def repair_utf8(body: bytes, headers: Mapping[str, str]) -> tuple[bytes, str | None]:
    """``body`` with invalid UTF-8 sequences replaced, and a warning; unchanged if valid or not UTF-8."""
    if body.startswith(UTF16_BOMS) or not is_utf8(declared_encoding(body, headers)):
        return body, None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return body, None
    bad = 0

    def count(error: UnicodeError) -> tuple[str, int]:
        nonlocal bad
        assert isinstance(error, UnicodeDecodeError)
        bad += error.end - error.start
        return "\ufffd", error.end

    codecs.register_error("monitor.count_bad_utf8", count)
    repaired = body.decode("utf-8", errors="monitor.count_bad_utf8").encode("utf-8")
    return repaired, repair_warning(bad)


def repair_warning(bad: int) -> str:
    return f"{bad} invalid UTF-8 byte{'s' if bad != 1 else ''} replaced"


class Utf8Repair:
    """:func:`repair_utf8` for a body read in chunks: the same replacements, one chunk in memory.

    A sequence cut by a chunk boundary is completed by the next chunk (an
    incremental decoder), so the result does not depend on where chunks end.
    """

    def __init__(self) -> None:
        self.bad = 0

    def repaired(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        decoder = codecs.getincrementaldecoder("utf-8")(errors=_STREAM_HANDLER)
        for chunk in chunks:
            yield self._decoded(decoder, chunk, final=False)
        yield self._decoded(decoder, b"", final=True)

    def _decoded(self, decoder: codecs.IncrementalDecoder, chunk: bytes, *, final: bool) -> bytes:
        # reset and read with no yield in between: other repairs may run on this thread meanwhile
        _BAD_BYTES.count = 0
        text = decoder.decode(chunk, final=final)
        self.bad += _BAD_BYTES.count
        return text.encode("utf-8")

    def warning(self) -> str | None:
        return repair_warning(self.bad) if self.bad else None


# the error handler is global (codecs has one registry), so its counter is per thread:
# two feeds repaired at once on two threads must not add up each other's bytes
_BAD_BYTES = threading.local()
_STREAM_HANDLER = "monitor.count_bad_utf8_stream"


def _count_in_thread(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _BAD_BYTES.count = getattr(_BAD_BYTES, "count", 0) + error.end - error.start
    return "\ufffd", error.end


codecs.register_error(_STREAM_HANDLER, _count_in_thread)
