"""A country in German speaker phrases: its adjective as a voice, its bare genitive as none.

German news names a country's officials and bodies by the country's adjective and a role or
body noun ("ein israelischer Regierungsvertreter", "türkische Behörden", "nach israelischen
Angaben"). The watchlist often lists the adjective only inside a longer name ("israelische
Regierung"), so the adjective alone is no actor hit. This module collects those adjectives
from the countries' own multi-word names (a lowercase first word that is a German adjective:
"israelische Regierung" -> israelisch, with all its endings) and finds them in a span when a
speaker noun follows: a role ("Regierungsvertreter", "Beamter"), a body ("Behörden", "Armee")
or a source noun ("Angaben"). "israelische Luftangriffe" stays no speaker.

Besides the watchlist's own names, a country takes the adjectives ``lexicon/demonyms.yaml``
lists for its ISO code (``place_containment.country_codes``): "türkische Behörden" is Turkey's
voice though the watchlist says only "Türkei". German adjectives are told from the noun by their
lowercase; in English a listed adjective ("Thai", "Turkish", "German") counts before a speaker
head written in lowercase ("Thai authorities", "Turkish officials"), not before a name ("German
Shepherd") or a thing ("Turkish coffee").

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from monitor.text.actors.find import ActorHit
from monitor.text.actors.inflection import german_adjective_forms
from monitor.text.attribution.vocab import COUNT_SOURCES, ROLE_ENDINGS, SOURCE_NOUNS, SPEAKER_HEADS
from monitor.text.lang import grammar
from monitor.text.lexicon import demonyms
from monitor.text.spec import ActorSpec
from monitor.text.words.language import SentenceView
from monitor.text.words.normalize import fold

# a noun after the adjective that speaks: a role or body ("-vertreter", "Behörden") or a count
_SPEAKER_ENDINGS = SPEAKER_HEADS
_SOURCE_WORDS = SOURCE_NOUNS | COUNT_SOURCES
# whole speaker heads of languages that capitalise nationality adjectives ("authorities")
_ENGLISH_HEADS = frozenset(SPEAKER_HEADS) | COUNT_SOURCES


class NationalityAdjectives:
    """Folded German adjective forms of the watchlist's countries -> the country's id."""

    def __init__(self, actors: Iterable[ActorSpec], codes: Mapping[str, str] | None = None) -> None:
        self._countries: dict[str, str] = {}
        self._capitalised: dict[str, str] = {}  # English adjectives, folded -> country
        ambiguous: set[str] = set()
        table = demonyms()
        for actor in actors:
            if actor.kind != "country":
                continue
            listed = table.get((codes or {}).get(actor.id, ""), {})
            for language in {*actor.names, *listed}:
                lowercase = grammar(language).nationality_lowercase
                names = [*actor.names.get(language, ()), *listed.get(language, ())]
                for name in names:
                    if not lowercase:
                        if name in listed.get(language, ()) and len(name.split()) == 1:
                            self._add(self._capitalised, fold(name), actor.id, ambiguous)
                        continue
                    first = name.replace("-", " ").split()[0]
                    if not first[:1].islower():
                        continue  # "Saudi-Arabien": a noun, no adjective
                    for form in german_adjective_forms(fold(first)) or ():
                        self._add(self._countries, form, actor.id, ambiguous)
        for form in ambiguous:  # one adjective for two countries says neither
            self._countries.pop(form, None)
            self._capitalised.pop(form, None)

    @staticmethod
    def _add(table: dict[str, str], form: str, country: str, ambiguous: set[str]) -> None:
        if table.get(form, country) != country:
            ambiguous.add(form)
        table[form] = country

    def speakers(
        self,
        view: SentenceView,
        first: int,
        end: int,
        covered: Collection[int],
        exclude: Sequence[tuple[int, int]],
    ) -> list[tuple[str, int, int, int]]:
        """(country id, start, end, token position) of each adjective speaker in tokens
        [first, end), outside actor hits (``covered``), quotations and ``exclude``d spans."""
        found: list[tuple[str, int, int, int]] = []
        for position in range(first, end):
            token = view.tokens[position]
            if position in covered or position in view.quoted:
                continue
            if any(a <= token.start < b for a, b in exclude):
                continue
            country = self.speaker_at(view, position)
            if country is not None:
                found.append((country, token.start, token.end, position))
        return found

    def speaker_at(self, view: SentenceView, position: int) -> str | None:
        """The country whose adjective at ``position`` introduces a speaker noun, or None."""
        tokens = view.tokens
        if position + 1 >= len(tokens):
            return None
        if not grammar(view.language).nationality_lowercase:
            return self._capitalised_speaker(view, position)
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

    def _capitalised_speaker(self, view: SentenceView, position: int) -> str | None:
        """ "Thai authorities", "Turkish officials": a capitalised adjective before a lowercase
        speaker head."""
        token, head = view.tokens[position], view.tokens[position + 1]
        if not token.is_word or not token.capitalized or not head.is_word or head.capitalized:
            return None
        country = self._capitalised.get(token.norm)
        if country is None or head.norm not in _ENGLISH_HEADS:
            return None
        return country


def bare_genitive(view: SentenceView, hit: ActorHit, first: int) -> bool:
    """ "Die Angaben Gondors bestritt Sauron": a name in the genitive right after a noun is that
    noun's owner, not the subject (German word order lets the object open the clause). A role
    before it keeps the name speaking: "Präsident Gondors" is Gondor's voice."""
    if not grammar(view.language).postposed_genitive or first < 1 or not hit.surface.endswith("s"):
        return False
    noun = view.tokens[first - 1]
    if not noun.is_word or not noun.capitalized or noun.norm.endswith(ROLE_ENDINGS):
        return False
    return any(token.is_word for token in view.tokens[: first - 1])  # not a capitalised opening word
