"""Every date monitor reads, in one place: feeds, pages, archives and HTTP headers.

All results are aware UTC datetimes, or None when the text is no date; callers
never see a naive datetime or a parsing exception.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# a page or feed date before this is a placeholder or a typo, not a publication date
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC (archives state UTC unless they say otherwise)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 date -> aware UTC datetime; implausible dates -> None."""
    if not value:
        return None
    text = value.strip()
    if not text:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        parsed = parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01 with a positive offset: before the start of datetime
        return None
    if not _EARLIEST <= parsed <= datetime.now(UTC) + timedelta(days=2):
        return None
    return parsed


def parse_archive_date(value: str | None) -> datetime | None:
    """A date as archives write it (W3C/ISO 8601, with or without a time) -> aware UTC, or None."""
    if not value:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    return parse_date(text)


def parse_http_date(text: str) -> datetime | None:
    """An HTTP-date (RFC 9110: IMF-fixdate and the obsolete forms) -> aware UTC, or None."""
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return as_utc(when)
