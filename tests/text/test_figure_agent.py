"""A company's figure claim and sentences led by another company (``figure_agent``).

An invented carmaker, its brand and a supplier; every sentence is written for this test.
"""

from __future__ import annotations

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: norvik
    kind: organization
    names:
      en: [Norvik Motors, Norvik]
  - id: lumen
    kind: organization
    names:
      en: [Lumen Cars, Lumen]
  - id: axlewerk
    kind: organization
    names:
      en: [Axlewerk]
  - id: trade-ministry
    kind: organization
    names:
      en: [trade ministry]

claims:
  - id: norvik-job-cuts
    kind: figure
    units:
      en: [jobs, posts]
    actors: [norvik]
    cues:
      en: [cut, shed]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    path = tmp_path_factory.mktemp("carmaker") / "feeds.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    config = parse_config(CONFIG, path)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def cuts(engine: ClaimEngine, text: str) -> set[float]:
    analysis = engine.analyze(text, language="en")
    return {c.value or 0.0 for c in analysis.claims if c.claim == "norvik-job-cuts"}


ARTICLE = "Norvik Motors is in trouble. Norvik has more than 90,000 workers. Norvik wants to save money. "


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lumen plans to shed 6,200 posts at its plants.", 6200),
        ("Axlewerk said on Tuesday it would cut 3,100 jobs.", 3100),
        ("BERLIN - Lumen, Norvik's budget brand, will cut 2,400 jobs.", 2400),
        ("Lumen Cars to cut 1,800 jobs by 2029", 1800),
    ],
)
def test_another_company_leading_the_sentence_owns_its_cuts(
    engine: ClaimEngine, text: str, value: float
) -> None:
    assert value not in cuts(engine, ARTICLE + text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # no organization leads: the article's subject's figure
        ("Up to 12,000 jobs are to be cut by 2030, the paper reported.", 12000),
        # a body that is no company speaks about the company's jobs
        ("The trade ministry said Norvik would cut 12,000 jobs.", 12000),
        # the claim's own actor is named outside the leader's apposition
        ("Lumen said Norvik would cut 12,000 jobs.", 12000),
        ("Norvik will cut 12,000 jobs, more than Lumen.", 12000),
    ],
)
def test_the_subject_company_keeps_its_cuts(engine: ClaimEngine, text: str, value: float) -> None:
    assert value in cuts(engine, ARTICLE + text)
