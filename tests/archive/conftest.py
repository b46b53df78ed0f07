"""Fixtures for the backfill tests: a database, services, a local HTTP server and article files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.config import Config, Settings, parse_config
from monitor.pipeline.services import Services
from tests.support.db import engine_fixture
from tests.support.http_server import http_server_fixture

db_engine = engine_fixture(backends=("sqlite",))
any_db_engine = engine_fixture()  # sqlite and PostgreSQL
http_server = http_server_fixture()

TEST_SETTINGS = Settings(
    allow_private=("127.0.0.1",), connect_timeout=2.0, read_timeout=2.0, max_body_bytes=2_000_000
)

CONFIG = """
watchlist:
  - id: north-korea
    kind: country
    names:
      de: [Nordkorea]
      en: [North Korea]
  - id: russia
    kind: country
    names:
      de: [Russland]
      en: [Russia]
claims: []
"""


def make_config(tmp_path: Path, text: str = CONFIG) -> Config:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, path)


@pytest.fixture
def services(db_engine: Engine, tmp_path: Path) -> Iterator[Services]:
    made = Services.create(make_config(tmp_path), TEST_SETTINGS, engine=db_engine)
    yield made
    made.close()


@pytest.fixture
def any_services(any_db_engine: Engine, tmp_path: Path) -> Iterator[Services]:
    made = Services.create(make_config(tmp_path), TEST_SETTINGS, engine=any_db_engine)
    yield made
    made.close()


# Articles written for these tests (not taken from any corpus), listed out of date order on purpose.
ARTICLES = [
    (
        "b.txt",
        "2024-10-21",
        "de",
        "Laut ukrainischen Angaben sind inzwischen rund 11.000 Soldaten aus Nordkorea "
        "in Russland eingetroffen. Moskau äußerte sich dazu nicht.",
    ),
    (
        "a.txt",
        "2024-10-14",
        "de",
        "Erste Berichte: Nordkorea soll Russland Truppen zur Verfügung stellen. "
        "Die Rede ist von einigen tausend Soldaten.",
    ),
    ("c.html", "2024-11-04", "en", None),
    ("d.txt", "2025-04-28", "de", "Pjöngjang bestätigt erstmals den Einsatz eigener Soldaten in Russland."),
]

HTML_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Troops at the front</title></head>
<body><nav>Home | World | Sport</nav><article><h1>Troops at the front</h1>
<p>Officials in Kyiv said on Monday that soldiers from North Korea had reached the Kursk region of Russia,
and that the first clashes with Ukrainian units had been reported over the weekend.</p>
<p>The claim could not be checked independently. Moscow has not commented on the report so far, and
Pyongyang has not said anything about its soldiers abroad.</p></article>
<footer>Imprint</footer></body></html>"""


def write_manifest_folder(folder: Path, rows: list[dict[str, Any]] | None = None) -> Path:
    """A folder with the ARTICLES above and their manifest.jsonl; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, published, language, text in ARTICLES:
        body = HTML_PAGE if text is None else text
        (folder / name).write_text(body, encoding="utf-8")
        lines.append(
            {
                "file": name,
                "url": f"https://archive.example/{name.split('.')[0]}",
                "published": published,
                "language": language,
                "outlet": "Test Outlet",
            }
        )
    for row in rows or []:
        lines.append(row)
    (folder / "manifest.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8"
    )
    return folder


Recorder = Callable[[int], None]
