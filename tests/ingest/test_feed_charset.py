"""One invalid byte in a UTF-8 feed garbles nothing else (issue 12, item 7)."""

from __future__ import annotations

import pytest

from monitor.ingest.feeds import parse_feed

TITLES = ["Südkorea: 12.000 Soldaten", "Selenskyj spricht von 10.000", "Pjöngjang schweigt"]


def feed(declaration: str, bad: bytes) -> bytes:
    items = "".join(f"<item><guid>{n}</guid><title>{title}</title></item>" for n, title in enumerate(TITLES))
    text = f'{declaration}<rss version="2.0"><channel><title>Nachrichten</title>{items}</channel></rss>'
    head, tail = text.encode("utf-8").split(b"schweigt")
    return head + b"schweigt" + bad + tail


@pytest.mark.parametrize(
    "declaration", ['<?xml version="1.0" encoding="utf-8"?>', "<?xml version='1.0'?>", ""]
)
def test_a_stray_byte_is_replaced_and_every_umlaut_survives(declaration: str) -> None:
    entries, _title, warning = parse_feed(
        feed(declaration, b"\xff"), url="https://x.example/f", language="de"
    )
    titles = [entry.title for entry in entries]
    assert titles[:2] == TITLES[:2]
    assert titles[2] == "Pjöngjang schweigt\ufffd"
    assert warning is not None and "1 invalid UTF-8 byte replaced" in warning


def test_a_clean_feed_gets_no_warning_and_a_latin1_feed_is_left_to_its_charset() -> None:
    entries, _title, warning = parse_feed(feed("", b""), url="https://x.example/f", language="de")
    assert [e.title for e in entries] == TITLES and warning is None
    latin = feed('<?xml version="1.0" encoding="iso-8859-1"?>', b"").decode("utf-8").encode("iso-8859-1")
    entries, _title, warning = parse_feed(latin, url="https://x.example/f", language="de")
    assert [e.title for e in entries] == TITLES
    assert warning is None or "UTF-8" not in warning
