"""A country's voice by its adjective: "ein israelischer Regierungsvertreter", "nach saudischen Angaben".

German news names a country's officials and bodies by the country's adjective and a role or
body noun ("ein israelischer Regierungsvertreter", "türkische Behörden", "nach israelischen
Angaben"). The watchlist often lists the adjective only inside a longer name ("israelische
Regierung"), so the adjective alone is no actor hit. This module collects those adjectives
from the countries' own multi-word names (a lowercase first word that is a German adjective:
"israelische Regierung" -> israelisch, with all its endings) and finds them in a span when a
speaker noun follows: a role ("Regierungsvertreter", "Beamter"), a body ("Behörden", "Armee")
or a source noun ("Angaben"). "israelische Luftangriffe" stays no speaker.

Only languages that write nationality adjectives in lowercase (German) are served: there the
adjective is told from the noun by its case alone.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.text.inflection import german_adjective_forms
from monitor.text.lang import grammar
from monitor.text.language import SentenceView
from monitor.text.normalize import fold
from monitor.text.spec import ActorSpec
from monitor.text.vocab_attribution import COUNT_SOURCES, SOURCE_NOUNS, SPEAKER_HEADS

# a noun after the adjective that speaks: a role or body ("-vertreter", "Behörden") or a count
_SPEAKER_ENDINGS = SPEAKER_HEADS
_SOURCE_WORDS = SOURCE_NOUNS | COUNT_SOURCES


class NationalityAdjectives:
    """Folded German adjective forms of the watchlist's countries -> the country's id."""

    def __init__(self, actors: Iterable[ActorSpec]) -> None:
        self._countries: dict[str, str] = {}
        ambiguous: set[str] = set()
        for actor in actors:
            if actor.kind != "country":
                continue
            for language, names in actor.names.items():
                if not grammar(language).nationality_lowercase:
                    continue
                for name in names:
                    first = name.replace("-", " ").split()[0]
                    if not first[:1].islower():
                        continue  # "Saudi-Arabien": a noun, no adjective
                    for form in german_adjective_forms(fold(first)) or ():
                        if self._countries.get(form, actor.id) != actor.id:
                            ambiguous.add(form)
                        self._countries[form] = actor.id
        for form in ambiguous:  # one adjective for two countries says neither
            del self._countries[form]

    def speaker_at(self, view: SentenceView, position: int) -> str | None:
        """The country whose adjective at ``position`` introduces a speaker noun, or None."""
        tokens = view.tokens
        if not grammar(view.language).nationality_lowercase or position + 1 >= len(tokens):
            return None
        token, head = tokens[position], tokens[position + 1]
        opening = not any(t.is_word for t in tokens[:position])  # "Türkische Behörden meldeten ..."
        if not token.is_word or (token.capitalized and not opening):
            return None
        if not head.is_word or not head.capitalized:
            return None
        country = self._countries.get(token.norm)
        if country is None:
            return None
        if head.norm in _SOURCE_WORDS or head.norm.endswith(_SPEAKER_ENDINGS):
            return country
        return None
