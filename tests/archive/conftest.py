"""Fixtures for the backfill tests: a database, services, a local HTTP server and article files."""

from __future__ import annotations

import importlib
import json
import sys
import types
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.config import Config, Settings, parse_config
from monitor.models import Analysis
from monitor.pipeline import Services
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


def _missing(module: str) -> bool:
    """True when ``module`` cannot be imported (not written yet, or mid-edit by its owner)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return True
    return False


@pytest.fixture(autouse=True)
def pipeline_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small stand-ins for pipeline parts other engineers have not delivered yet.

    Only a module that cannot be imported is replaced; once the real claim
    engine and alerting exist, these tests run on them.
    """
    if _missing("monitor.text.engine"):
        engine_module = types.ModuleType("monitor.text.engine")

        class ClaimEngine:
            @classmethod
            def from_config(cls, watchlist: Any, claims: Any) -> ClaimEngine:
                return cls()

            def analyze(
                self, text: str, *, language: str | None = None, title: str | None = None
            ) -> Analysis:
                return Analysis(language=language or "de")

        engine_module.ClaimEngine = ClaimEngine  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "monitor.text.engine", engine_module)
    if _missing("monitor.alerting"):
        alerting = types.ModuleType("monitor.alerting")

        def raise_alerts(
            conn: Any, article_id: int, config: Any, *, historical: bool, now: datetime
        ) -> list[int]:
            return []

        alerting.raise_alerts = raise_alerts  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "monitor.alerting", alerting)


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
