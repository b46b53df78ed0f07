"""References to pages that stay in their archive file, and reading them back.

A backfill from WARC files used to copy every page into the database and clear
the copy again after processing: two large writes per page where reading the
record costs a fraction of that. The entry now carries ``warc:<file>@<offset>``
(the byte offset of the record, where a gzipped WARC's member starts), and
processing reads that one record again: a seek and a single-record parse. The
archive file must stay where it is, readable by whoever processes the articles,
until the backfill is done.
"""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from monitor.errors import ExtractionError
from monitor.http.client import parse_content_type
from monitor.ingest.fetch import decode_html

WARC_PREFIX = "warc:"


def warc_reference(path: Path, offset: int) -> str:
    return f"{WARC_PREFIX}{path}@{offset}"


def parse_reference(reference: str) -> tuple[Path, int]:
    """(file, record offset) of a ``warc:<file>@<offset>`` reference."""
    if not reference.startswith(WARC_PREFIX) or "@" not in reference:
        raise ExtractionError(f"not an archive record reference: {reference[:200]!r}")
    location, _, offset = reference[len(WARC_PREFIX) :].rpartition("@")
    if not offset.isdigit() or not location:
        raise ExtractionError(f"not an archive record reference: {reference[:200]!r}")
    return Path(location), int(offset)


def read_archived_page(reference: str, *, max_bytes: int) -> str:
    """The HTML of the record a reference points to, decoded as the backfill decoded it.

    A file that is gone or changed is not a passing failure of the page but of the
    machine (a moved archive, a worker that cannot see it): the error says so and is
    retried like any failed attempt, then the article fails with that reason.
    """
    path, offset = parse_reference(reference)
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle, arc2warc=True)), None)
            if record is None or record.rec_type != "response" or record.http_headers is None:
                raise ExtractionError(f"{path}@{offset}: no archived response there", permanent=False)
            _, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
            body = record.content_stream().read(max_bytes + 1)
    except OSError as exc:
        raise ExtractionError(
            f"archive record unreadable: {path}: {exc.strerror or exc}", permanent=False
        ) from None
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a changed file
        detail = " ".join(str(exc).split())[:160]
        problem = f"archive record unreadable: {path}@{offset}: {type(exc).__name__}: {detail}"
        raise ExtractionError(problem, permanent=False) from None
    if len(body) > max_bytes:
        raise ExtractionError(f"{path}@{offset}: the archived page is larger than {max_bytes} bytes")
    return decode_html(body, charset)
