"""One spelling per article URL: the variants feeds use for the same page collapse,
different articles stay apart."""

from __future__ import annotations

import pytest

from monitor.ingest.canonical import canonical_url

CANONICAL = "https://www.example.org/politik/nordkorea-truppen-123"


@pytest.mark.parametrize(
    "variant",
    [
        CANONICAL,
        "HTTPS://WWW.EXAMPLE.ORG/politik/nordkorea-truppen-123",
        "https://www.example.org:443/politik/nordkorea-truppen-123",
        "https://www.example.org/politik/nordkorea-truppen-123/",
        "https://www.example.org/politik/nordkorea-truppen-123#comments",
        "https://www.example.org/politik/nordkorea-truppen-123?utm_source=rss&utm_medium=feed&utm_campaign=x",
        "https://www.example.org/politik/nordkorea-truppen-123?fbclid=IwAR0abc&gclid=xyz",
        "https://www.example.org/politik/nordkorea-truppen-123/amp",
        "https://www.example.org/amp/politik/nordkorea-truppen-123",
        "https://www.example.org/politik/nordkorea-truppen-123?outputType=amp",
        "https://www.example.org/politik/nordkorea-truppen-123?amp=1",
    ],
)
def test_variants_of_one_article_have_one_url(variant: str) -> None:
    assert canonical_url(variant) == CANONICAL


def test_the_amp_html_suffix_and_default_http_port() -> None:
    assert canonical_url("http://example.org:80/a/story.amp.html") == "http://example.org/a/story.html"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/article?id=5", "https://example.org/article?id=6"),
        ("https://example.org/a/Story", "https://example.org/a/story"),  # paths are case-sensitive
        ("https://example.org/champ", "https://example.org/ch"),  # "amp" inside a word is no AMP marker
        ("https://example.org/a?outputType=print", "https://example.org/a"),
    ],
)
def test_different_articles_stay_different(one: str, other: str) -> None:
    assert canonical_url(one) != canonical_url(other)


def test_real_parameters_are_kept_and_sorted() -> None:
    assert canonical_url("https://example.org/a?page=2&id=5&utm_source=x") == "https://example.org/a?id=5&page=2"
    assert canonical_url("https://example.org/a?q=two%20words") == "https://example.org/a?q=two%20words"


@pytest.mark.parametrize("url", ["urn:monitor:feed:x:abc", "file:///tmp/feed/a.html", "not a url"])
def test_non_web_urls_are_left_alone(url: str) -> None:
    assert canonical_url(url) == url
