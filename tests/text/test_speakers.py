"""Who gives a figure when the sentence itself does not say: an invented mine disaster.

The rules are the ones news copy relies on: a headline repeats the figure its body attributes,
a breakdown ("neun davon", "of them") continues the figure before it, "Das sagte X." names the
speaker of the sentence before, and "Damit stieg die Zahl auf ..." sums up what was just reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.actors.find import Watchlist
from monitor.text.attribution.source import Attributor
from monitor.text.engine import ClaimEngine
from monitor.text.words.language import SentenceView, tokenize

CONFIG = """
watchlist:
  - id: karsland
    kind: country
    names:
      de: [Karsland, karsländisch]
      en: [Karsland, Karslandic]
  - id: mine-authority
    kind: organization
    names:
      de: [Bergbehörde, Bergaufsicht]
      en: [mining authority, mine safety office]
  - id: miners-union
    kind: group
    names:
      de: [Bergarbeitergewerkschaft]
      en: [miners' union]
claims:
  - id: miners-killed
    description: miners killed in the Karsland pit collapse
    kind: figure
    units:
      de: [Tote, Bergleute, Kumpel]
      en: [miners, dead, people]
    actors: [karsland]
    cues:
      de: [ums Leben, Tote, starben, getötet]
      en: [killed, died, dead]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("mine.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


_LEAD = {"de": "In Karsland ist ein Bergwerk eingestürzt.\n\n", "en": "A mine has collapsed in Karsland.\n\n"}


def _figures(engine: ClaimEngine, text: str, language: str) -> list[tuple[float | None, str | None]]:
    """The figures of the article (a lead naming the country first: the claim is Karsland's)."""
    analysis = engine.analyze(_LEAD[language] + text, language=language)
    return [(f.value, f.source) for f in analysis.claims]


def test_a_headline_figure_takes_the_source_its_body_gives(engine: ClaimEngine) -> None:
    text = (
        "Grubenunglück in Karsland: 14 Tote\n\n"
        "Nach dem Einsturz im Schacht Nord meldete die Bergbehörde am Abend 14 Tote."
    )
    assert set(_figures(engine, text, "de")) == {(14, "mine-authority")}


def test_a_headline_with_another_figure_keeps_no_source(engine: ClaimEngine) -> None:
    text = (
        "Grubenunglück in Karsland: Mindestens zwölf Tote\n\n"
        "Nach dem Einsturz im Schacht Nord meldete die Bergbehörde am Abend 14 Tote."
    )
    found = dict(_figures(engine, text, "de"))
    assert found[12] is None
    assert found[14] == "mine-authority"


def test_a_breakdown_keeps_the_source_of_the_figure_before(engine: ClaimEngine) -> None:
    german = "Die Bergbehörde meldete 14 Tote. Neun davon starben im Schacht Nord."
    assert _figures(engine, german, "de") == [(14, "mine-authority"), (9, "mine-authority")]
    english = "The mining authority said 14 miners were killed. Nine of them died in the north shaft."
    assert _figures(engine, english, "en") == [(14, "mine-authority"), (9, "mine-authority")]
    # a partitive before the number ("Of them, nine ...", "Davon starben neun ...") marks a sub-count:
    # with no place of another claim it is a part of the same count, not a new total
    preposed = (
        "The mining authority said 14 miners were killed. Of them, nine miners died in the north shaft."
    )
    assert _figures(engine, preposed, "en") == [(14, "mine-authority")]


def test_a_sentence_that_does_not_refer_back_keeps_no_source(engine: ClaimEngine) -> None:
    text = "Die Bergbehörde meldete 14 Tote. Im Nachbarrevier starben neun Bergleute bei Bränden."
    assert _figures(engine, text, "de") == [(14, "mine-authority"), (9, None)]


def test_das_sagte_names_the_speaker_of_the_sentence_before(engine: ClaimEngine) -> None:
    text = "Bei dem Einsturz sind mindestens 14 Bergleute ums Leben gekommen. Das teilte die Bergbehörde mit."
    assert _figures(engine, text, "de") == [(14, "mine-authority")]


def test_a_noun_after_das_is_no_pointer_to_the_sentence_before(engine: ClaimEngine) -> None:
    text = (
        "Bei dem Einsturz sind mindestens 14 Bergleute ums Leben gekommen. "
        "Das Unglück beschäftigte am Abend auch die Bergbehörde."
    )
    assert _figures(engine, text, "de") == [(14, None)]


def test_damit_sums_up_what_was_just_reported(engine: ClaimEngine) -> None:
    text = "Die Bergaufsicht meldete am Morgen zwei weitere Tote. Damit stieg die Zahl der Toten auf 16."
    assert (16, "mine-authority") in _figures(engine, text, "de")


def test_zaehlte_is_a_reporting_verb_without_auf(engine: ClaimEngine) -> None:
    text = "Die Bergbehörde zählte bis zum Abend 14 Tote."
    assert _figures(engine, text, "de") == [(14, "mine-authority")]


def test_a_rounded_headline_figure_takes_the_source_of_the_exact_one(engine: ClaimEngine) -> None:
    text = "Mehr als 400 Tote in Karsland\n\nDie Bergbehörde meldete am Abend 406 Tote."
    assert _figures(engine, text, "de") == [(400, "mine-authority"), (406, "mine-authority")]
    # far from it, the round figure is another figure
    other = "Mehr als 300 Tote in Karsland\n\nDie Bergbehörde meldete am Abend 406 Tote."
    assert _figures(engine, other, "de") == [(300, None), (406, "mine-authority")]


def test_a_headline_names_its_speaker_before_a_colon(engine: ClaimEngine) -> None:
    assert _figures(engine, "Bergaufsicht: 14 Tote im Schacht Nord", "de") == [(14, "mine-authority")]
    # a place before the colon is where it happened, not who says so
    assert _figures(engine, "Karsland: 14 Tote im Schacht Nord", "de") == [(14, None)]


def test_an_interviewers_address_is_not_the_speaker(engine: ClaimEngine) -> None:
    text = "Frau Lindqvist, die Grubenwehr meldet inzwischen 14 Tote."
    assert _figures(engine, text, "de") == [(14, None)]
    english = "Mr Halvorsen, the rescue team now says 14 miners died."
    assert _figures(engine, english, "en") == [(14, None)]
    # a name that is not an address still speaks
    assert _figures(engine, "Ingrid Lindqvist meldet inzwischen 14 Tote.", "de") == [(14, "Ingrid Lindqvist")]


def test_each_half_of_a_headline_has_its_own_speaker(engine: ClaimEngine) -> None:
    text = "Karsland says 14 miners died; miners' union says the toll is higher"
    assert _figures(engine, text, "en") == [(14, "karsland")]
    reversed_order = "Miners' union says 20 miners died; Karsland rejects the figure"
    assert _figures(engine, reversed_order, "en") == [(20, "miners-union")]


def test_a_capitalised_word_inside_a_german_sentence_is_no_verb() -> None:
    config = parse_config(CONFIG, Path("mine.yaml"))
    attributor = Attributor(Watchlist(config.watchlist))

    def view(sentence: str) -> SentenceView:
        return SentenceView(sentence, 0, len(sentence), "de", tokenize(sentence), [])

    assert attributor.has_reporting_verb(view("Die Retter zählen bis zum Abend 14 Tote."))
    assert not attributor.has_reporting_verb(view("Neue Zahlen aus dem Schacht Nord lagen am Abend vor."))


def test_gesprochen_reports_a_figure(engine: ClaimEngine) -> None:
    text = "Am Morgen hatte die Bergaufsicht noch von 12 Toten gesprochen."
    assert _figures(engine, text, "de") == [(12, "mine-authority")]


def test_a_full_stop_without_its_space_still_ends_the_sentence(engine: ClaimEngine) -> None:
    text = "Die Rettung lief die ganze Nacht.Laut Bergbehörde starben 14 Bergleute."
    assert _figures(engine, text, "de") == [(14, "mine-authority")]
    # abbreviations and web names keep their dots
    tokens = [t.norm for t in tokenize("Die U.S. Army, z.B. Node.js und ard.de")]
    assert {"u.s", "z.b", "node.js", "ard.de"} <= set(tokens)


def test_nach_zaehlung_names_whose_count_it_is(engine: ClaimEngine) -> None:
    text = "Nach Zählung der Bergaufsicht starben bis Mittwoch 14 Bergleute."
    assert _figures(engine, text, "de") == [(14, "mine-authority")]


def test_a_possessor_of_figures_is_their_source(engine: ClaimEngine) -> None:
    text = "The mining authority's figures showed that 14 miners died."
    assert _figures(engine, text, "en") == [(14, "mine-authority")]
    assert _figures(engine, "By the mine safety office's count, 14 miners died.", "en") == [
        (14, "mine-authority")
    ]
    # a country's toll is its dead, not its count
    assert _figures(engine, "Karsland's death toll rose as 14 miners died.", "en") == [(14, None)]


def test_as_tallied_by_names_the_source(engine: ClaimEngine) -> None:
    text = "Some 14 miners died, as tallied by the miners' union."
    assert _figures(engine, text, "en") == [(14, "miners-union")]
