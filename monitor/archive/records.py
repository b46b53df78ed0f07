"""References to pages that stay in their archive file, and reading them back.

A backfill from WARC files used to copy every page into the database and clear
the copy again after processing: two large writes per page where reading the
record costs a fraction of that. The entry now carries ``warc:<file>@<offset>``
(the byte offset of the record, where a gzipped WARC's member starts), and
processing reads that one record again: a seek and a single-record parse. The
archive file must stay where it is, readable by whoever processes the articles,
until the backfill is done.

A backfill that processes its articles in the process that read the archive
has every page in hand once already: :class:`PageMemo` keeps them (up to a
memory budget) from the reading to the processing, so such a page is read from
the file once, as any reader of the archive would. The database still holds
only the reference; a resumed backfill, a worker, or a page over the budget
reads the record back.
"""

from __future__ import annotations

import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from monitor.errors import ExtractionError
from monitor.http.client import parse_content_type
from monitor.ingest.fetch import decode_html

WARC_PREFIX = "warc:"
# what a PageMemo holds at most (Python's own size of the strings): a few hundred typical pages
MEMO_BUDGET_BYTES = 128 * 1024 * 1024


class PageMemo:
    """Pages read by a backfill, by record reference, until processing takes them (once each).

    Only pages within ``max_bytes`` (the limit processing applies to a record read
    back) are kept, counted as UTF-8, which is at least the archived body's size for
    UTF-8 and single-byte charsets: taking a page from here gives what reading the
    record back would give.
    """

    def __init__(self, *, max_bytes: int, budget: int = MEMO_BUDGET_BYTES) -> None:
        self.max_bytes = max_bytes
        self.budget = budget
        self._pages: dict[str, str] = {}
        self._held = 0

    def keep(self, reference: str, page: str) -> None:
        size = sys.getsizeof(page)
        if reference in self._pages or self._held + size > self.budget:
            return  # over the budget: processing reads this one back from the file
        if len(page) > self.max_bytes or len(page.encode("utf-8", "surrogatepass")) > self.max_bytes:
            return  # reading it back reports it as too large: let it
        self._pages[reference] = page
        self._held += size

    def take(self, reference: str) -> str | None:
        page = self._pages.pop(reference, None)
        if page is not None:
            self._held -= sys.getsizeof(page)
        return page

    def __len__(self) -> int:
        return len(self._pages)


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
