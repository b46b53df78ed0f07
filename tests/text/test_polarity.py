"""Polarity of statements, read through negation, conditionals, questions and refusals."""

from __future__ import annotations

import pytest

from monitor.text.polarity.stance import PolarityClassifier, clause_bounds, is_negated
from monitor.text.spec import PolarityCues
from monitor.text.words.language import tokenize

CLASSIFIER = PolarityClassifier()

CASES = [
    ("de", "Das Ministerium bestätigte die Angaben am Abend.", "affirmed"),
    ("de", "Das Ministerium bestätigte die Angaben zunächst nicht.", "unconfirmed"),
    ("de", "Die Angaben wurden bislang nicht bestätigt.", "unconfirmed"),
    ("de", "Die Meldung ist unbestätigt.", "unconfirmed"),
    ("de", "Der Kreml dementierte den Bericht umgehend.", "denied"),
    ("de", "Der Kreml hat den Bericht nicht dementiert.", None),
    ("de", "Moskau bestreitet das.", "denied"),
    ("de", "Moskau hat das nie bestritten.", None),
    ("de", "Die Regierung hat den Bericht weder bestätigt noch dementiert.", "unconfirmed"),
    ("de", "Der Sprecher nannte das eine Falschmeldung.", "denied"),
    ("de", "Die Vorwürfe seien frei erfunden, hieß es.", "denied"),
    ("de", "Moskau wies die Vorwürfe zurück.", "denied"),
    ("de", "Kiew räumte die Verluste ein.", "affirmed"),
    ("de", "Pjöngjang gab die Entsendung schließlich zu.", "affirmed"),
    ("de", "Es gebe keine Beweise für einen Einsatz.", "unconfirmed"),
    ("de", "Es gebe Beweise für einen Einsatz.", "affirmed"),
    ("de", "Journalisten konnten das nicht eindeutig beweisen.", "unconfirmed"),
    ("de", "Sollte sich das bestätigen, wäre es eine Eskalation.", None),
    ("de", "Falls Moskau das bestreitet, droht Streit.", None),
    ("de", "Hat Moskau das bestätigt?", None),
    ("de", "Ein Sprecher lehnte einen Kommentar ab.", None),
    ("de", "Das Ministerium wollte sich dazu nicht äußern.", None),
    ("de", "Der Kreml hat das nicht nur bestritten, sondern verspottet.", "denied"),
    ("en", "The ministry confirmed the figures.", "affirmed"),
    ("en", "The ministry did not confirm the figures.", "unconfirmed"),
    ("en", "Officials could not independently verify the report.", "unconfirmed"),
    ("en", "The Kremlin denied the report.", "denied"),
    ("en", "The Kremlin didn't deny the report.", None),
    ("en", "The Kremlin has never denied it.", None),
    ("en", "Seoul would neither confirm nor deny the report.", "unconfirmed"),
    ("en", "Moscow dismissed the claims as baseless.", "denied"),
    ("en", "Pyongyang admitted it for the first time.", "affirmed"),
    ("en", "NATO has seen no evidence of that.", "unconfirmed"),
    ("en", "The Pentagon declined to comment.", None),
    ("en", "A spokesman did not respond to a request for comment.", None),
    ("en", "If confirmed, this would be a major escalation.", None),
    ("en", "Did Moscow deny it?", None),
    ("en", "Moscow has not only denied it but mocked it.", "denied"),
]


@pytest.mark.parametrize(("language", "sentence", "polarity"), CASES)
def test_polarity(language: str, sentence: str, polarity: str | None) -> None:
    verdict = CLASSIFIER.classify(tokenize(sentence), language)
    assert (verdict.polarity if verdict else None) == polarity


def test_denial_outranks_confirmation_in_one_sentence() -> None:
    tokens = tokenize("Seoul confirmed the report, but Moscow denied it.")
    verdict = CLASSIFIER.classify(tokens, "en")
    assert verdict is not None and verdict.polarity == "denied"
    assert tokens[verdict.first].norm == "denied"


def test_claim_specific_cues_extend_the_lexicon() -> None:
    tokens = tokenize("The ministry called the story a canard.")
    assert CLASSIFIER.classify(tokens, "en") is None
    custom = PolarityClassifier(PolarityCues(denied={"en": ["canard"]}))
    verdict = custom.classify(tokens, "en")
    assert verdict is not None and verdict.polarity == "denied"


def test_negation_scope_stops_at_the_clause() -> None:
    tokens = tokenize("Russland bestritt, dass keine Soldaten dort seien.")
    index = next(i for i, t in enumerate(tokens) if t.norm == "bestritt")
    assert clause_bounds(tokens, index) == (0, 2)
    assert not is_negated(tokens, index, index, "de")
