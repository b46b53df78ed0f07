"""The errors monitor raises, each knowing whether trying again can help.

    MonitorError
    ├── ConfigError            bad feeds.yaml or settings (permanent)
    ├── FetchError             a feed or page could not be fetched
    │   ├── BlockedAddressError   the private-address guard refused the host (permanent)
    │   ├── TooLargeError         the body passed the size limit (permanent)
    │   ├── ContentTypeError      not a feed / not HTML (permanent)
    │   └── RateLimitedError      429/503; carries retry_after seconds (transient)
    ├── ParseError             a feed could not be parsed at all (permanent for this body)
    ├── ExtractionError        no text could be extracted from a page (permanent for this body)
    └── DeliveryError          an alert could not be delivered (permanent for 4xx, else transient)

``permanent`` tells the caller whether a retry can succeed: transient errors
(timeouts, 5xx, 429) are retried with backoff, permanent ones are recorded.
"""

from __future__ import annotations


class MonitorError(Exception):
    permanent: bool = False

    def __init__(self, message: str, *, permanent: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        if permanent is not None:
            self.permanent = permanent

    def __str__(self) -> str:
        return self.message


class ConfigError(MonitorError):
    """``message`` is one line; ``problems`` lists every problem found, one line each."""

    permanent = True

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)


class FetchError(MonitorError):
    """Transient by default (timeouts, connection errors, 5xx)."""

    def __init__(self, message: str, *, permanent: bool | None = None, status: int | None = None) -> None:
        super().__init__(message, permanent=permanent)
        self.status = status


class BlockedAddressError(FetchError):
    permanent = True


class TooLargeError(FetchError):
    permanent = True


class ContentTypeError(FetchError):
    permanent = True


class RateLimitedError(FetchError):
    def __init__(self, message: str, *, retry_after: float | None, status: int) -> None:
        super().__init__(message, permanent=False, status=status)
        self.retry_after = retry_after


class ParseError(MonitorError):
    permanent = True


class ExtractionError(MonitorError):
    permanent = True


class DeliveryError(MonitorError):
    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message, permanent=permanent)
        self.retry_after = retry_after
