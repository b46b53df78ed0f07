"""fetch_page: HTML types only, charsets decoded like a browser, errors from the HTTP layer."""

from __future__ import annotations

import codecs

import httpx
import pytest

from monitor.errors import ContentTypeError, FetchError, RateLimitedError, TooLargeError
from monitor.ingest.fetch import browser_codec, decode_html, fetch_page
from tests.support.http_server import LocalHTTPServer, Reply, gzipped, oversized, rate_limited, redirect, slow

LIMIT = 500_000
GERMAN = "Die Südkorea-Regierung schätzt „rund 10.000“ Soldaten – laut Geheimdienst"


def page(text: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


def test_utf8_page_with_header_charset(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/a", Reply(body=page(GERMAN).encode(), content_type="text/html; charset=utf-8"))
    fetched = fetch_page(client, url, max_bytes=LIMIT)
    assert GERMAN in fetched.html
    assert fetched.status == 200
    assert fetched.url == url


def test_windows_1252_from_the_header(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = page(GERMAN).encode("windows-1252")
    url = http_server.route("/a", Reply(body=body, content_type="text/html; charset=windows-1252"))
    assert GERMAN in fetch_page(client, url, max_bytes=LIMIT).html


def test_iso_8859_1_label_decodes_as_windows_1252_like_browsers(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    # „ “ – are not in latin-1 but pages labelled latin-1 routinely carry them as cp1252 bytes
    body = page(GERMAN, head='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    url = http_server.route("/a", Reply(body=body.encode("cp1252"), content_type="text/html"))
    html = fetch_page(client, url, max_bytes=LIMIT).html
    assert GERMAN in html
    assert "\x93" not in html


def test_meta_charset_when_the_header_has_none(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = page(GERMAN, head='<meta charset="windows-1252">').encode("cp1252")
    url = http_server.route("/a", Reply(body=body, content_type="text/html"))
    assert GERMAN in fetch_page(client, url, max_bytes=LIMIT).html


def test_shift_jis_from_a_meta_tag(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    text = "北朝鮮の兵士約一万人がロシアに派遣された"
    body = page(text, head='<meta http-equiv="content-type" content="text/html; charset=shift_jis">')
    url = http_server.route("/a", Reply(body=body.encode("shift_jis"), content_type="text/html"))
    assert text in fetch_page(client, url, max_bytes=LIMIT).html


def test_the_header_charset_beats_the_meta_tag(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = page(GERMAN, head='<meta charset="shift_jis">').encode("iso-8859-15", errors="replace")
    url = http_server.route("/a", Reply(body=body, content_type="text/html; charset=iso-8859-15"))
    assert "Südkorea" in fetch_page(client, url, max_bytes=LIMIT).html


def test_a_byte_order_mark_beats_everything() -> None:
    body = codecs.BOM_UTF8 + page(GERMAN, head='<meta charset="windows-1252">').encode()
    assert GERMAN in decode_html(body, "windows-1252")


def test_no_charset_anywhere_means_utf8_with_replacement(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    body = page("ok").encode() + b"<p>bad \xff\xfe bytes</p>"
    url = http_server.route("/a", Reply(body=body, content_type="text/html"))
    html = fetch_page(client, url, max_bytes=LIMIT).html
    assert "bad \ufffd\ufffd bytes" in html


@pytest.mark.parametrize("label", ["no-such-charset", "base64", "rot13"])
def test_unknown_or_non_text_charset_labels_fall_back_to_utf8(label: str) -> None:
    assert decode_html(page(GERMAN).encode(), label).count(GERMAN) == 1


def test_browser_codec_mapping() -> None:
    assert browser_codec("ISO-8859-1") == "cp1252"
    assert browser_codec("us-ascii") == "cp1252"
    assert browser_codec("Shift_JIS") == "cp932"
    assert browser_codec("gb2312") == "gb18030"
    assert browser_codec("utf8") == "utf_8"
    assert browser_codec("bogus") is None


def test_xhtml_is_accepted(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/a", Reply(body=page(GERMAN).encode(), content_type="application/xhtml+xml"))
    assert GERMAN in fetch_page(client, url, max_bytes=LIMIT).html


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/json"])
def test_non_html_is_a_content_type_error(
    content_type: str, client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/a", Reply(body=b"\x00" * 100, content_type=content_type))
    with pytest.raises(ContentTypeError) as raised:
        fetch_page(client, url, max_bytes=LIMIT)
    assert raised.value.permanent
    assert content_type in str(raised.value)


def test_gzip_and_redirect(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    http_server.route("/short", redirect("/long/article.html", status=301))
    http_server.route(
        "/long/article.html", gzipped(page(GERMAN).encode(), content_type="text/html; charset=utf-8")
    )
    fetched = fetch_page(client, http_server.url("/short"), max_bytes=LIMIT)
    assert fetched.url == http_server.url("/long/article.html")
    assert GERMAN in fetched.html


@pytest.mark.parametrize("declare_length", [True, False])
def test_oversized_pages_are_refused(
    declare_length: bool, client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/big", oversized(2 * LIMIT, declare_length=declare_length))
    with pytest.raises(TooLargeError):
        fetch_page(client, url, max_bytes=LIMIT)


def test_slow_pages_time_out(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/slow", slow(Reply(body=page("late").encode(), content_type="text/html"), 2.5))
    with pytest.raises(FetchError, match="timeout") as raised:
        fetch_page(client, url, max_bytes=LIMIT)
    assert not raised.value.permanent


def test_rate_limited_pages(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/a", rate_limited("30"))
    with pytest.raises(RateLimitedError) as raised:
        fetch_page(client, url, max_bytes=LIMIT)
    assert raised.value.retry_after == 30.0


def test_a_closed_port_is_a_transient_error(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    from tests.support.http_server import serve

    with serve() as gone:
        dead_url = gone.url("/a")
    with pytest.raises(FetchError) as raised:
        fetch_page(client, dead_url, max_bytes=LIMIT)
    assert not raised.value.permanent
    assert raised.value.status is None
