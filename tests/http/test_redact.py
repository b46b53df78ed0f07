"""redact_url / redact_urls_in: what a log line or a stored error may show of a URL."""

from __future__ import annotations

import logging

import pytest

from monitor.http.client import status_error
from monitor.http.redact import RedactingLogFilter, redact_url, redact_urls_in

SLACK_TOKEN = "xoxbAbCdEfGhIjKlMnOpQrSt"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:pa55@feeds.example/rss", "https://***@feeds.example/rss"),
        ("https://only-user@feeds.example:8443/rss", "https://***@feeds.example:8443/rss"),
        ("https://feeds.example/rss?token=s3cret&lang=de", "https://feeds.example/rss?token=***&lang=***"),
        ("https://feeds.example/rss?empty=&flag", "https://feeds.example/rss?empty=&***"),
        ("https://feeds.example/a/b?x=1#access_token=abc", "https://feeds.example/a/b?x=***"),
        ("http://[::1]:8080/feed?k=v", "http://[::1]:8080/feed?k=***"),
        ("https://feeds.example/plain/path.xml", "https://feeds.example/plain/path.xml"),
    ],
)
def test_userinfo_query_values_and_fragment_are_hidden(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_article_slugs_are_kept_unless_tokens_are_shortened() -> None:
    url = "https://news.example/world/north-korean-troops-in-kursk"
    assert redact_url(url) == url
    assert redact_url(url, shorten_tokens=True) == "https://news.example/world/nort…"


def test_webhook_path_tokens_keep_only_four_characters() -> None:
    url = f"https://hooks.example/services/T000/B000/{SLACK_TOKEN}"
    shown = redact_url(url, shorten_tokens=True)
    assert shown == "https://hooks.example/services/T000/B000/xoxb…"
    assert SLACK_TOKEN[4:] not in shown
    # exactly 15 token characters is short enough to be a name, not a secret
    assert redact_url("https://h.example/a/abcdefghijklmno", shorten_tokens=True).endswith("/abcdefghijklmno")
    # a segment with other characters (a dot, percent escapes) is left alone
    assert redact_url("https://h.example/abcdefghijklmnop.json", shorten_tokens=True).endswith(".json")


def test_redaction_is_idempotent() -> None:
    url = f"https://u:p@hooks.example/x/{SLACK_TOKEN}?sig=abc"
    once = redact_url(url, shorten_tokens=True)
    assert redact_url(once, shorten_tokens=True) == once
    assert "u:p" not in once and "abc" not in once


def test_unparseable_urls_keep_nothing_after_the_scheme() -> None:
    assert redact_url("http://[::1/feed?token=s3cret") == "http://***"
    assert "s3cret" not in redact_url("no scheme at all?token=s3cret")


def test_urls_inside_free_text_are_redacted() -> None:
    text = "Client error '404' for url 'https://a:b@x.example/p?key=K9'; see https://docs.example/help"
    assert redact_urls_in(text) == (
        "Client error '404' for url 'https://***@x.example/p?key=***'; see https://docs.example/help"
    )


def test_status_errors_keep_the_status_and_drop_the_secret() -> None:
    error = status_error(404, "https://u:pw@feeds.example/rss?token=s3cret", {})
    assert "HTTP 404" in str(error) and "feeds.example/rss" in str(error)
    assert "s3cret" not in str(error) and "pw" not in str(error)
    limited = status_error(429, "https://feeds.example/rss?token=s3cret", {"retry-after": "7"})
    assert "retry after 7s" in str(limited) and "s3cret" not in str(limited)


def test_the_httpx_log_filter_redacts_the_formatted_request_line() -> None:
    url = f"https://hooks.example/services/T000/B000/{SLACK_TOKEN}?sig=abc"
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, 'HTTP Request: %s %s "%d"', ("POST", url, 403), None
    )
    assert RedactingLogFilter().filter(record) is True
    assert (
        record.getMessage()
        == 'HTTP Request: POST https://hooks.example/services/T000/B000/xoxb…?sig=*** "403"'
    )
