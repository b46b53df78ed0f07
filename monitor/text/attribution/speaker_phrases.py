"""Noun phrases that may name a speaker: watchlist hits and capitalised names in a token span.

``attribution.py`` decides *where* a speaker may stand (subject of a reporting
verb, after "laut" / "according to", ...); this module decides *what* in that
span can be a speaker: a watchlist actor that is not a mere modifier
("Nordkorea-Experte", "russische Verluste") and is not inside a prepositional
phrase, or a capitalised run that looks like a name ("Frederic Spohr").

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.text.actors.find import ActorHit
from monitor.text.attribution.vocab import (
    ALL_NAME_JOINERS,
    ALL_NP_STOPS,
    COUNT_SOURCES,
    DETERMINERS,
    EXPERT_HEADS,
    INSTITUTION_WORDS,
    INSTITUTIONS,
    KIND_RANK,
    NAME_JOINERS,
    NOT_NAMES,
    OFFICIAL_ROLES,
    PREPOSITIONS,
    REPORTING_VERBS,
    ROLE_ENDINGS,
    SPEAKER_HEADS,
)
from monitor.text.lang import grammar
from monitor.text.numbers.words import de_word_value, en_words_value
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView, Token

Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Candidate:
    value: str
    actor_id: str | None
    kind: str
    start: int  # article offsets
    end: int
    first: int  # token indexes in the sentence
    last: int
    phrase_start: int = 0  # article offsets of the phrase searched
    phrase_end: int = 0
    described: bool = False  # named by description ("the agency"), not by name


def token_range(tokens: Sequence[Token], start: int, end: int, first: int, stop: int) -> tuple[int, int]:
    """Indexes of the first and last token overlapping the character span [start, end)."""
    hit_first = hit_last = -1
    for index in range(first, stop):
        token = tokens[index]
        if token.end <= start:
            continue
        if token.start >= end:
            break
        if hit_first < 0:
            hit_first = index
        hit_last = index
    if hit_first < 0:
        return first, first
    return hit_first, hit_last


def modifies_a_thing(view: SentenceView, hit: ActorHit, hit_last: int) -> bool:
    """A nationality adjective in front of a noun that cannot speak ("russischen Verluste")."""
    surface = hit.surface
    adjective = (
        surface[:1].islower()
        if grammar(view.language).nationality_lowercase
        else surface.lower().endswith(grammar(view.language).nationality_endings)
    )
    if not adjective or hit_last + 1 >= len(view.tokens):
        return False
    head = view.tokens[hit_last + 1]
    if not head.is_word or (grammar(view.language).nouns_capitalized and not head.capitalized):
        return False
    following = view.tokens[
        hit_last + 1 : hit_last + 4
    ]  # "Ukrainian defence ministry", "military intelligence"
    for token in following:
        if not token.is_word:
            break
        if token.norm.endswith(SPEAKER_HEADS):
            return False
    return True


def is_expert_modifier(view: SentenceView, hit: ActorHit, first: int, last: int) -> bool:
    """ "Nordkorea-Experte", "North Korea expert", "Experte für Nordkorea": not the actor speaking."""
    tokens = view.tokens
    token = tokens[last]
    tail = token.norm[hit.end - token.start :] if token.end > hit.end else ""
    if tail.startswith("-") and tail.endswith(EXPERT_HEADS):
        return True
    if last + 1 < len(tokens) and tokens[last + 1].norm in EXPERT_HEADS:
        return True
    if (
        first >= 2
        and tokens[first - 1].norm in {"fur", "on", "for", "uber"}
        and tokens[first - 2].norm.endswith(EXPERT_HEADS)
    ):
        return True
    return False


def names_an_institution(head: Token) -> bool:
    """ "das Ministerium in Seoul", "the government in Khartoum": the place names who speaks."""
    if not head.is_word:
        return False
    return head.norm in INSTITUTIONS or head.norm.endswith(
        ("ministerium", "ministeriums", "amt", "amts", "ministry", "behorde", "dienst", "dienstes")
    )


def in_prepositional_phrase(view: SentenceView, index: int) -> bool:
    """Is the noun phrase holding token ``index`` a prepositional phrase or a genitive attribute?"""
    tokens = view.tokens
    position = index - 1
    while position >= 0:
        token = tokens[position]
        norm = token.norm
        if norm in PREPOSITIONS:
            head = tokens[position - 1] if position > 0 else None
            if head is not None and norm in {"in", "aus", "im", "from"} and names_an_institution(head):
                return False  # "das Ministerium in Seoul": the place names the institution
            if head is not None and head.norm.endswith(ROLE_ENDINGS) and norm in {"for", "of", "von", "at"}:
                return False  # "a spokesman for the Kremlin"
            if head is not None and head.norm in COUNT_SOURCES and norm in {"by", "von", "from"}:
                # "the poll by Demoskop put turnout at 71 %", "a statement from the ministry said":
                # the pollster, the ministry speaks ("a report on the ministry" does not)
                return False
            return True
        if norm in DETERMINERS or (
            token.is_word and not token.capitalized and not norm[:1].isdigit() and norm not in ALL_NP_STOPS
        ):
            if grammar(view.language).postposed_genitive and norm in {"des", "der"} and position > 0:
                previous = tokens[position - 1]
                if (
                    previous.is_word
                    and previous.capitalized
                    and previous.norm not in NOT_NAMES
                    and not previous.norm.endswith(ROLE_ENDINGS)
                ):
                    # "die Zahl der Nordkoreaner": a genitive attribute ("Sprecher des Kremls" is not)
                    return True
            if norm in DETERMINERS and position > 0 and not grammar(view.language).nouns_capitalized:
                previous = tokens[position - 1]
                if (
                    previous.is_word
                    and not previous.norm[:1].isdigit()
                    and previous.norm not in PREPOSITIONS | DETERMINERS | ALL_NP_STOPS
                ):
                    return False  # "As of this morning the regional government counts": a new phrase
            position -= 1
            continue
        return False
    return False


def name_candidates(
    view: SentenceView, first: int, end: int, covered: set[int], exclude: Spans, subject: bool
) -> list[Candidate]:
    """Capitalised runs that look like a speaker's name ("Frederic Spohr", "Ministry of Defence").

    A name is left to the watchlist actor it works for when the text says so: an office after a
    possessive ("Russia's Defense Ministry", "South Korea's Joint Chiefs of Staff"), an office in a
    country's capital ("the Unification Ministry in Seoul"), or an official introduced with the
    country's adjective ("der ukrainische Verteidigungsminister Rustem Umerow" speaks for Ukraine)."""
    tokens = view.tokens
    out: list[Candidate] = []
    run: list[int] = []

    def flush() -> None:
        while run and tokens[run[-1]].norm in ALL_NAME_JOINERS:
            run.pop()
        words = list(run)
        while words and tokens[words[0]].norm.endswith(ROLE_ENDINGS):
            words.pop(0)
        minimum = 1 if grammar(view.language).one_word_names else 2
        if len(words) == 1 and (words[0] == 0 or tokens[words[0]].norm.endswith(ROLE_ENDINGS)):
            minimum = 2  # a capitalised sentence opening is not a name on its own
        elif len(words) == 1 and _is_acronym(tokens[words[0]]) and not _shouted(tokens):
            minimum = 1  # "der Nachrichtenagentur AFP": an acronym is no common noun
        elif len(words) == 1 and grammar(view.language).nouns_capitalized:
            after, before = words[0] + 1, words[0] - 1
            bare = before < 0 or (
                tokens[before].is_word
                and tokens[before].norm not in DETERMINERS
                and before not in covered
                and tokens[before].capitalized is False
                and not tokens[before].norm.endswith(("e", "en", "er", "es", "em"))
            )
            if bare and (after >= len(tokens) or tokens[after].norm in CLAUSE_BREAKS | {"."}):
                minimum = 1  # ", so Spohr." / "meint Spohr." (not "der ukrainischen Spezialkräfte.")
            elif (
                before >= 0
                and tokens[before].norm in REPORTING_VERBS.get(view.language, {})
                and after < len(tokens)
                and tokens[after].norm in PREPOSITIONS
            ):
                minimum = 1  # "sagt Haider im Gespräch": an inverted speaker before an adverbial
        if len(words) >= minimum and not speaks_for_a_watchlist_actor(view, run, words, covered):
            a, b = tokens[words[0]].start, tokens[words[-1]].end
            if not any(x <= a < y for x, y in exclude) and not (
                subject and in_prepositional_phrase(view, words[0])
            ):
                text = view.text[a - view.start : b - view.start]
                out.append(Candidate(text, None, "name", a, b, words[0], words[-1]))
        run.clear()

    for index in range(first, end):
        token = tokens[index]
        if (
            (
                index not in covered
                and index not in view.quoted  # „Fake News“ is what was said, not who said it
                and token.is_word
                and token.capitalized
                and not token.norm[:1].isdigit()
                and token.norm not in NOT_NAMES
                and not looks_adjective(token.norm)
                and not is_number_word(token.norm)  # "Vier Tage nach dem Beben meldet X"
            )
            or (run and token.norm in NAME_JOINERS.get(view.language, frozenset()))
        ):
            run.append(index)
        else:
            flush()
    flush()
    return out


def speaks_for_a_watchlist_actor(
    view: SentenceView, run: list[int], words: list[int], covered: set[int]
) -> bool:
    tokens = view.tokens
    start = run[0]
    before = start - 1
    if before >= 0 and before in covered:
        # "Russia's Defense Ministry", "U.S. State Department", "die ukrainische Behörde X"
        surface = tokens[before].surface
        if any(tokens[i].norm.endswith(INSTITUTION_WORDS + OFFICIAL_ROLES) for i in run) or (
            grammar(view.language).possessive_s and surface.endswith(("'s", "’s"))
        ):
            return True
    if any(tokens[i].norm.endswith(INSTITUTION_WORDS) for i in run):
        after = words[-1] + 1
        if after + 1 < len(tokens) and tokens[after].norm in {"in", "im", "from"} and after + 1 in covered:
            return True  # "the Unification Ministry in Seoul"
    for back in range(start - 1, max(-1, start - 5), -1):  # "Ukraine's defence minister Rustem Umerov"
        if back in covered:
            return any(tokens[i].norm.endswith(OFFICIAL_ROLES) for i in range(back + 1, words[0]))
        if tokens[back].norm in CLAUSE_BREAKS:
            break
    return False


_ACRONYM_LENGTH = range(3, 7)  # "AFP", "UNICEF"; shorter ones ("UN", "EU") are parts of longer names
# more often than the whole speaker, longer all-caps words shouted ones


def _is_acronym(token: Token) -> bool:
    return token.surface.isalpha() and token.surface.isupper() and len(token.surface) in _ACRONYM_LENGTH


def _shouted(tokens: Sequence[Token]) -> bool:
    """A headline in capitals ("STREIK BEI DER LUFTHANSA"): its capital words are no acronyms."""
    words = [token for token in tokens if token.is_word and token.surface.isalpha()]
    return sum(token.surface.isupper() for token in words) * 2 > len(words)


def is_number_word(norm: str) -> bool:
    return de_word_value(norm) is not None or en_words_value(norm) is not None


def looks_adjective(norm: str) -> bool:
    return norm.endswith(
        ("isch", "ische", "ischen", "ischer", "isches", "ian", "ians", "ese", "ish")
    ) or norm.endswith(("ung", "heit", "keit", "schaft", "tion", "ismus", "itat", "ern"))


def best(candidates: list[Candidate], last: bool) -> Candidate | None:
    if not candidates:
        return None
    ordered = sorted(candidates, key=lambda c: (KIND_RANK.get(c.kind, 2), -c.first if last else c.first))
    return ordered[0]
