"""extract_page on real news pages (trafilatura's evaluation set) and on small written pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest

from monitor.errors import ExtractionError
from monitor.ingest.dates import parse_date
from monitor.ingest.extract import extract_page
from monitor.ingest.fetch import decode_html
from tests.support.loopback import CORPUS

PAGES = CORPUS / "html" / "trafilatura"


@cache
def gold_by_file() -> dict[str, tuple[str, dict[str, Any]]]:
    data: dict[str, dict[str, Any]] = json.loads((PAGES / "evaldata_news_subset.json").read_text("utf-8"))
    return {entry["file"]: (key, entry) for key, entry in data.items()}


def load(file_name: str) -> tuple[str, str | None, dict[str, Any]]:
    key, entry = gold_by_file()[file_name]
    html = decode_html((PAGES / entry["subset"] / file_name).read_bytes())
    return html, (key if key.startswith("http") else None), entry


NAMED_PAGES = [
    ("tagesschau.de.rheinmetall.html", "de"),
    ("spiegel.de.albtraum.html", "de"),
    ("t3n.de-Laufzeit.html", "de"),
    ("badische-zeitung.de-Wohnungssuche.html", "de"),
    ("bbc.com.52241221.html", "en"),
    ("theguardian.com.academics.html", "en"),
]


@pytest.mark.parametrize(("file_name", "language"), NAMED_PAGES)
def test_gold_snippets_appear_in_the_extracted_text(file_name: str, language: str) -> None:
    html, url, gold = load(file_name)
    page = extract_page(html, url)
    for snippet in gold["with"]:
        assert snippet in page.text
    assert page.language == language
    assert page.title
    if gold.get("date"):
        assert page.published is not None
        assert abs((page.published.date() - datetime.fromisoformat(gold["date"]).date()).days) <= 1


def test_most_boilerplate_stays_out() -> None:
    html, url, gold = load("theguardian.com.academics.html")
    text = extract_page(html, url).text
    assert not [snippet for snippet in gold["without"] if snippet in text]


def test_recall_and_dates_over_a_spread_of_pages() -> None:
    """Every fourth page of the 144: most gold snippets found, most declared dates right."""
    files = sorted(gold_by_file())[::4]
    found = total = dated = dates_right = 0
    for file_name in files:
        html, url, gold = load(file_name)
        page = extract_page(html, url)
        total += len(gold["with"])
        found += sum(snippet in page.text for snippet in gold["with"])
        if gold.get("date"):
            dated += 1
            dates_right += page.published is not None and page.published.strftime("%Y-%m-%d") == gold["date"]
    assert len(files) == 36
    assert found / total >= 0.93
    assert dates_right / dated >= 0.8


ARTICLE = """<!DOCTYPE html>
<html lang="de-AT"><head>
<title>Zahlen zum Einsatz | Beispielzeitung</title>
<meta property="og:title" content="Zahlen zum Einsatz">
<meta property="article:published_time" content="2024-11-05T14:30:00+01:00">
</head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><h1>Zahlen zum Einsatz</h1>
<p>Nach Angaben des Verteidigungsministeriums in Seoul sollen inzwischen mehrere tausend Soldaten
aus Nordkorea im Westen Russlands stationiert sein. Eine unabhängige Bestätigung gab es zunächst nicht.</p>
<p>Die Regierung in Moskau äußerte sich auf Nachfrage nicht zu den Berichten. Beobachter halten die
genannten Zahlen für plausibel, verweisen aber auf die schwierige Quellenlage in der Region.</p>
<p>Weitere Einzelheiten sollen in den kommenden Tagen in einem Bericht an das Parlament folgen, hieß es
aus Kreisen der Regierung. Das Ministerium kündigte eine Pressekonferenz an.</p>
</article>
<footer>Impressum · Datenschutz</footer>
</body></html>"""


def test_metadata_comes_from_declared_tags() -> None:
    page = extract_page(ARTICLE, "https://zeitung.example/politik/einsatz")
    assert page.title == "Zahlen zum Einsatz"
    assert page.published == datetime(2024, 11, 5, 13, 30, tzinfo=UTC)
    assert page.language == "de"
    assert "mehrere tausend Soldaten" in page.text
    assert "Impressum" not in page.text


def test_json_ld_date_is_used_when_no_meta_tag_declares_one() -> None:
    html = ARTICLE.replace(
        '<meta property="article:published_time" content="2024-11-05T14:30:00+01:00">',
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2025-01-20T08:00:00Z"}</script>',
    )
    assert extract_page(html).published == datetime(2025, 1, 20, 8, 0, tzinfo=UTC)


def test_a_date_in_the_url_is_the_last_resort() -> None:
    html = ARTICLE.replace('<meta property="article:published_time" content="2024-11-05T14:30:00+01:00">', "")
    page = extract_page(html, "https://zeitung.example/2024/12/03/einsatz.html")
    assert page.published is not None
    assert page.published.date().isoformat() == "2024-12-03"


def test_no_date_anywhere_means_none() -> None:
    html = ARTICLE.replace('<meta property="article:published_time" content="2024-11-05T14:30:00+01:00">', "")
    assert extract_page(html, "https://zeitung.example/politik/einsatz").published is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n  ",
        "<html><head><title>Nur Navigation</title></head>"
        "<body><nav><a href='/'>Start</a></nav></body></html>",
        "<html><body><div></div></body></html>",
    ],
)
def test_pages_without_main_text_raise_extraction_error(html: str) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_page(html)
    assert raised.value.permanent
    assert str(raised.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-05T14:30:00+01:00", datetime(2024, 11, 5, 13, 30, tzinfo=UTC)),
        ("2024-11-05T14:30:00Z", datetime(2024, 11, 5, 14, 30, tzinfo=UTC)),
        ("2024-11-05 14:30:00", datetime(2024, 11, 5, 14, 30, tzinfo=UTC)),
        ("2024-11-05", datetime(2024, 11, 5, tzinfo=UTC)),
        ("Tue, 05 Nov 2024 14:30:00 GMT", datetime(2024, 11, 5, 14, 30, tzinfo=UTC)),
        ("1970-01-01", None),
        ("2999-01-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_fast_mode_text_is_kept_and_a_fragment_gets_the_full_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast mode's text is used as it is unless it is short: then the full mode decides."""
    from monitor.ingest import extract

    calls: list[bool] = []
    article = "Der Bericht nennt zehntausend Soldaten. " * 40

    def fake(html: str, **options: Any) -> str | None:
        calls.append(bool(options.get("fast")))
        if html == "long":
            return article
        return "Nur ein Anriss." if options.get("fast") else article

    monkeypatch.setattr(extract.trafilatura, "extract", fake)
    assert extract.extract_main_text("long", None) == article and calls == [True]
    calls.clear()
    assert extract.extract_main_text("fragment", None) == article and calls == [True, False]


def test_real_pages_read_as_well_in_fast_mode_with_its_fallback() -> None:
    """On the gold pages the chosen extraction finds what the full mode finds (or more)."""
    import trafilatura

    from monitor.ingest.extract import extract_main_text

    found = full = 0
    for file_name in sorted(gold_by_file())[:40]:
        html, _url, gold = load(file_name)
        with_snippets = gold["with"]
        chosen = extract_main_text(html, None) or ""
        reference = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
        found += sum(snippet in chosen for snippet in with_snippets)
        full += sum(snippet in reference for snippet in with_snippets)
    assert full > 0 and found >= full - 2
