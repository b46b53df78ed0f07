"""Plain values passed between the pipeline stages.

No ORM objects cross a stage boundary: every stage takes and returns these
frozen dataclasses, so each stage can be called and tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FeedEntry:
    """One item found in a feed or an archive, before its page is fetched.

    Archive sources that already hold the page (WARC records) set ``html``;
    sources that hold plain text (a manifest folder of .txt files) set ``text``.
    The feed's own content (``summary``) is the fallback when the page fails.
    """

    entry_key: str
    url: str | None
    title: str = ""
    published: datetime | None = None
    summary: str = ""
    language: str | None = None
    outlet: str | None = None
    html: str | None = None
    text: str | None = None
    # where the page lies in its archive (``warc:<file>@<offset>``): stored instead of a copy of
    # the page and read back when the article is processed (monitor.archive.records)
    archive_record: str | None = None


@dataclass(frozen=True)
class ExtractedPage:
    """What extraction found in one HTML page."""

    text: str
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    # the page's <link rel="canonical">, absolute: where the publisher says this page lives
    canonical_url: str | None = None


@dataclass(frozen=True)
class ActorMention:
    actor_id: str
    count: int


@dataclass(frozen=True)
class ClaimFinding:
    """One figure or statement the claim engine found in an article.

    Figures carry ``value`` with the interval [``low``, ``high``] the text allows;
    status claims carry ``polarity`` (affirmed, denied, unconfirmed) and no value.
    ``source`` is a watchlist actor id when the speaker is on the watchlist (or
    speaks for an actor on it), otherwise the speaker's name, or None.
    ``recalled`` marks a statement the article reports as made earlier ("had
    initially denied", "hatte zunächst bestritten"): stored and shown, but not a
    position taken at the article's date (see monitor.detect.judge).
    """

    claim: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    polarity: str | None
    source: str | None
    sentence: str
    recalled: bool = False


@dataclass(frozen=True)
class Analysis:
    language: str
    actors: list[ActorMention] = field(default_factory=list)
    claims: list[ClaimFinding] = field(default_factory=list)
