"""Speakers named by description: "the agency", "die Behörde", "police", "the mission".

News text names a body once ("Turkey's disaster agency AFAD") and then by the head noun of its
name ("the agency's figures showed ..."; "die Katastrophenschutzbehörde" -> "die Behörde"). The
watchlist already holds those names, so no vocabulary is needed: every common word of a
multi-word watchlist name (and, for German, the tail of a compound: "Behörde" of
"Katastrophenschutzbehörde") points to its actors. A description that fits several actors
("Polizei": Munich's and Berlin's) is the one the article mentioned last before the sentence;
one that fits none on the watchlist, but is a usual speaker ("police", "organisers",
"Veranstalter"), is the speaker as written; so is its feminine, inclusive or dative plural form
("Veranstalterinnen", "Organisator:innen", "laut Veranstaltern": see ``gender_forms``).

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.spec import ActorSpec
from monitor.text.words.gender_forms import generic_form
from monitor.text.words.normalize import fold

_LEXICON = lexicon()
GENERIC_SPEAKERS = _LEXICON.words(lambda entry: entry.attribution.generic_speakers)
_MIN_HEAD = 4  # shorter words ("UN", "der") are names or function words, never descriptions
_MIN_TAIL = 6  # a compound's tail must be a word of its own ("behorde", not "horde")
# words that name an unnamed member, never the body: "officials said" is not NATO's voice because
# the watchlist knows "NATO officials"
_MEMBERS = _LEXICON.words(lambda entry: entry.figures.speaker_nouns)
INDEFINITE = frozenset({"a", "an", "ein", "eine", "einer", "einem", "einen", "one"})
_UNSPOKEN = frozenset({"country", "place"})  # a place is where, not who (it speaks by its name)
_BODIES = frozenset({"organization", "group"})
_SPOKESPEOPLE = _LEXICON.words(lambda entry: entry.attribution.spokespeople)
# the plain words ("sprecher", "sprecherin"), not the compounds the list also holds ("polizeisprecher")
_SPOKESPERSON_TAILS = tuple(
    sorted(
        (
            word
            for word in _SPOKESPEOPLE
            if not any(word != other and word.endswith(other) for other in _SPOKESPEOPLE)
        ),
        key=len,
        reverse=True,
    )
)
_MAX_BELONGING = 3  # "works council" -> "company" -> "group": how far up a body may belong


def _possessive_stem(norm: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if norm.endswith(ending):
            return norm[: -len(ending)]
    return norm


_OF = frozenset({"of", "for", "der", "des", "von", "fur"})


def _head_word(name: str, name_words: set[str]) -> str | None:
    """The head noun of a multi-word name: the last word before "of" ("Ministry of Defence"), else
    the last word that is no name of its own ("Polizei München" -> Polizei, "disaster agency")."""
    words = [_possessive_stem(fold(word)) for word in name.split()]
    if len(words) < 2:
        return words[0] if words and len(words[0]) > 12 else None  # a German compound ("...behörde")
    for index, word in enumerate(words):
        if word in _OF and index > 0:
            words = words[:index]
            break
    for word in reversed(words):
        # "Katastrophenschutzbehörde Valdoriens": a genitive of a name is no head either
        if word not in name_words and word.removesuffix("s") not in name_words:
            return word
    return None


class DescriptionIndex:
    """Head words of watchlist names -> the actors they describe."""

    def __init__(self, actors: Iterable[ActorSpec]) -> None:
        actors = list(actors)
        name_words: set[str] = set()
        for actor in actors:
            for names in actor.names.values():
                for name in names:
                    if len(name.split()) == 1:
                        name_words.add(fold(name))
        self._heads: dict[str, list[str]] = {}
        self._kinds: dict[str, str] = {}
        self._principals: dict[str, str] = {}
        self._words: dict[str, set[str]] = {}  # every word of a body's names -> the bodies
        for actor in actors:
            self._kinds[actor.id] = actor.kind
            if actor.speaks_for:
                self._principals[actor.id] = actor.speaks_for
            if actor.kind in _UNSPOKEN or actor.kind == "person":
                continue
            for language, names in actor.names.items():
                for name in names:
                    for word in name.split():
                        self._words.setdefault(_possessive_stem(fold(word)), set()).add(actor.id)
                    head = _head_word(name, name_words)
                    if head is None or len(head) < _MIN_HEAD or head in _MEMBERS:
                        continue
                    self._add(head, actor.id)
                    if grammar(language).compounds:  # "Innenministerium" is also "Ministerium"
                        for cut in range(1, len(head) - _MIN_TAIL + 1):
                            self._add(head[cut:], actor.id)

    def _add(self, word: str, actor_id: str) -> None:
        ids = self._heads.setdefault(word, [])
        if actor_id not in ids:
            ids.append(actor_id)

    def officials(self, modifier: str | None, context: Sequence[str]) -> str | None:
        """The body unnamed officials speak for: the last one named whose name has the modifier
        ("health officials" after "the health ministry"), or without one ("the authorities") the
        last government body named (one speaking for a country or place); else None ("local
        officials" name no body)."""
        if modifier is not None:
            bodies = self._words.get(modifier, set())
            return next((actor_id for actor_id in context if actor_id in bodies), None)
        return next((actor_id for actor_id in context if self.governs(actor_id)), None)

    def governing_body(self, place: str, context: Sequence[str]) -> str | None:
        """ "officials in Kestrel Bay": the last body named that speaks for that place."""
        return next(
            (a for a in context if self._principals.get(a) == place and self._kinds.get(a) in _BODIES),
            None,
        )

    def body_before(self, context: Sequence[str]) -> str | None:
        """ "the company", "the organisation": the last body named that is no government body
        (those are "the ministry", "the authorities"), or the body it belongs to ("the works
        council ...; the company said" is the company the council speaks for)."""
        for actor_id in context:
            if self._kinds.get(actor_id) not in _BODIES or self.governs(actor_id):
                continue
            for _ in range(_MAX_BELONGING):
                principal = self._principals.get(actor_id)
                if principal is None or self._kinds.get(principal) not in _BODIES:
                    break
                actor_id = principal
            return actor_id
        return None

    def person_before(self, context: Sequence[str]) -> str | None:
        """ "the chief executive", "the minister": the last person the article named."""
        return next((actor_id for actor_id in context if self._kinds.get(actor_id) == "person"), None)

    def governs(self, actor_id: str) -> bool:
        principal = self._principals.get(actor_id)
        return (
            self._kinds.get(actor_id) in _BODIES
            and principal is not None
            and self._kinds.get(principal) in _UNSPOKEN
        )

    def kind(self, actor_id: str) -> str:
        return self._kinds.get(actor_id, "other")

    def resolve_spokesperson(
        self,
        norm: str,
        context: Sequence[str],
        present: Collection[str] = (),
        article: Collection[str] = (),
    ) -> tuple[str | None, str] | None:
        """(actor id or None, the owner's word) for a compound that names whose spokesperson it is:
        "Konzernsprecherin" speaks for the company named before, "Regierungssprecher" for the
        government, "Polizeisprecher" for the police - also as "eine Konzernsprecherin", one of
        several. None for a plain "Sprecher" or a first part that names no speaker."""
        for tail in _SPOKESPERSON_TAILS:
            if not norm.endswith(tail) or len(norm) - len(tail) < _MIN_HEAD:
                continue
            stem = norm[: -len(tail)].rstrip("-")
            # "Regierungssprecher": the linking -s belongs to neither word
            for owner in (stem, stem[:-1]) if stem.endswith("s") else (stem,):
                if len(owner) < _MIN_HEAD:
                    continue
                actor_id, is_speaker = self.resolve(owner, context, present, article)
                if is_speaker:
                    return actor_id, owner
            return None
        return None

    def resolve(
        self,
        norm: str,
        context: Sequence[str],
        present: Collection[str] = (),
        article: Collection[str] = (),
    ) -> tuple[str | None, bool]:
        """(actor id or None, is this a speaker description at all) for a token's ``norm``.

        ``context``: actors the article mentioned before the sentence, most recent first;
        ``present``: actors the sentence names ("die Toten in Thailand ... nach Regierungsangaben":
        of several governments, the one that speaks for Thailand)."""
        word = _possessive_stem(norm)
        if "-" in word and word not in self._heads:
            word = word.rsplit("-", 1)[1]  # "UN-Mission", "Rettungs-Behörde": the head is the last part
        ids = self._heads.get(word)
        if ids:
            if len(ids) == 1:
                return ids[0], True
            local = [actor_id for actor_id in ids if self._principals.get(actor_id) in present]
            if len(local) == 1:
                return local[0], True
            for actor_id in context:
                if actor_id in ids:
                    return actor_id, True
            # "Police estimated ..." with only the Berlin police named in the article (after it, or
            # long before): one body the description fits is that body, not a second voice
            named = [actor_id for actor_id in ids if actor_id in article]
            if len(named) == 1:
                return named[0], True
            return None, True
        # "Veranstalterinnen", "Organisator:innen", "laut Veranstaltern": the usual speaker too
        return None, word in GENERIC_SPEAKERS or generic_form(word, word, GENERIC_SPEAKERS) is not None
