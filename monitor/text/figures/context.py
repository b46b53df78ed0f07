"""Small questions about the words around a figure: is it bare, does the sentence point back, is it a
share of something counted before? Shared by the figure rules and the engine.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.text.attribution.speaker_phrases import in_prepositional_phrase
from monitor.text.attribution.vocab import RELATIVE_PRONOUNS
from monitor.text.figures.vocab import (
    MODIFIER_STOP,
    MULTIPLIERS,
    OPENING_ANAPHORS,
    OWN_SIDE_NOUNS,
    OWN_WORDS,
    REFERRING,
    REPORTED_BY_VERB,
    REPORTED_WITH_PREPOSITION,
    REPORTING_PREPOSITIONS,
    SPEAKER_NOUNS,
)
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.polarity.vocab import COPULAS
from monitor.text.words.language import CLAUSE_BREAKS, ActorMap, SentenceTerms, SentenceView, Token


@dataclass(frozen=True)
class Binding:
    """The counted noun phrase of a figure: which claims' units, whose things."""

    claims: frozenset[str]
    owners: frozenset[str]  # actor ids (mapped to the claim level by the caller); "foreign" for others
    first: int  # token span of the noun phrase (with the figure)
    last: int
    # token ranges the counted phrase really occupies (a unit found earlier in the clause and the
    # number are two parts; what lies between may name the source)
    parts: tuple[tuple[int, int], ...] = ()

    def occupied(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.first, self.last),)


def clause_through_quotes(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The clause around token ``index``; quotation marks do not end it ('"hundreds" of them')."""
    start = index
    while start > 0 and (tokens[start - 1].norm not in CLAUSE_BREAKS or tokens[start - 1].norm == '"'):
        start -= 1
    end = index + 1
    while end < len(tokens) and (tokens[end].norm not in CLAUSE_BREAKS or tokens[end].norm == '"'):
        end += 1
    return start, end


def partitive_before(tokens: Sequence[Token], fig_first: int) -> bool:
    """ "..., of whom roughly 3,000 were killed", "Of those, 92 died", "..., von denen rund 3.000
    getötet wurden"."""
    words = [token.norm for token in tokens[max(0, fig_first - 3) : fig_first]]
    pairs = set(zip(words, words[1:], strict=False))
    return bool(pairs & _PARTITIVE_PAIRS) or "davon" in words


_PARTITIVE_PAIRS = frozenset(
    {("of", "whom"), ("of", "them"), ("of", "those"), ("of", "these"), ("von", "denen"), ("von", "ihnen")}
)


def partitive_reference(tokens: Sequence[Token], position: int) -> bool:
    """ "2,000 of them", "4.000 davon", "1.000 von ihnen": a share of the things counted before."""
    if position >= len(tokens):
        return False
    word = tokens[position].norm
    following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
    if word in {"davon", "darunter"}:
        return True
    return (word, following) in {
        ("of", "them"),
        ("of", "those"),
        ("of", "these"),
        ("von", "ihnen"),
        ("von", "denen"),
    }


def joins_modifiers(view: SentenceView, position: int) -> bool:
    """ "getötete oder verwundete Soldaten": a conjunction between two adjectives."""
    tokens = view.tokens
    if tokens[position].norm not in {"und", "oder", "and", "or"} or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    if grammar(view.language).nouns_capitalized:
        return following.is_word and not following.capitalized
    return following.is_word and following.norm not in MODIFIER_STOP


def ends_phrase(tokens: Sequence[Token], position: int) -> bool:
    """ "3500 weitere wurden ...": the elliptic word is not followed by its own noun."""
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    return following is None or not following.is_word or not following.capitalized


def is_bare(view: SentenceView, fig_last: int) -> bool:
    """Nothing noun-like follows the number ("bei etwa 600.", "mit rund 11.000 an")."""
    tokens = view.tokens
    if fig_last + 1 >= len(tokens):
        return True
    following = tokens[fig_last + 1]
    if not following.is_word:
        return True
    if grammar(view.language).nouns_capitalized:
        if following.capitalized:
            return False
        # "23 abgeschossene Drohnen": an inflected adjective before a noun of its own
        after = tokens[fig_last + 2] if fig_last + 2 < len(tokens) else None
        inflected = following.norm.endswith(_ADJECTIVE_ENDINGS) and following.norm not in MODIFIER_STOP
        return not (inflected and after is not None and after.is_word and after.capitalized)
    # "The toll in Kessa is 20 now", "has stood at 104 since Wednesday": a word of time closes the
    # phrase as a function word does
    return following.norm in MODIFIER_STOP or following.norm in _TIME_FOLLOWERS


_TIME_FOLLOWERS = lexicon().words(
    lambda entry: (*entry.figures.present_markers, *entry.figures.time_followers)
)
_COUNT_WORDS = lexicon().words(lambda entry: entry.figures.count_nouns)
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def opens_with_anaphor(tokens: Sequence[Token]) -> bool:
    """ "Sie umfassten ...", "These included ...": the sentence continues the one before; so does
    a German inverted subject right after the copula in second place ("Bundesweit waren es 82,5
    Prozent", "Am Sonntag sind es 300")."""
    words = [token.norm for token in tokens[:2] if token.is_word]
    if bool(words) and words[0] in OPENING_ANAPHORS:
        return True
    opening: list[str] = []
    for token in tokens[:_VERB_SECOND_REACH]:
        if token.norm in CLAUSE_BREAKS:
            break
        if token.is_word:
            opening.append(token.norm)
    return any(
        verb in COPULAS and after in OPENING_ANAPHORS
        for verb, after in zip(opening[1:], opening[2:], strict=False)
    )


_VERB_SECOND_REACH = 6  # the first phrase before the finite verb is short ("Im ganzen Land waren es")


def counted_before(terms: SentenceTerms, fig_first: int, tokens: Sequence[Token] = ()) -> bool:
    """A count noun shortly before the number ("put the number at 12,000", "die Zahl ... auf 11.000"),
    or (with ``tokens``) right before an aside that ends where the number's clause begins ("The
    previous count, given by the ministry on Saturday, was 25", "The number of missing, which stood
    at 40 on Monday, has fallen to 28")."""
    if any(fig_first - 5 <= match.first < fig_first for match in terms.labelled("count")):
        return True
    opening = _aside_before(tokens, fig_first) if tokens else None
    return opening is not None and any(
        opening - _ASIDE_SUBJECT <= match.first < opening for match in terms.labelled("count")
    )


_ASIDE_WORDS = 14  # "given by the health ministry on Saturday": the longest aside looked across
_ASIDE_SUBJECT = 4  # "The number of missing": words of the subject before the aside
_PREDICATE_WORDS = 4  # "has fallen to": words between the aside and the number


def _aside_before(tokens: Sequence[Token], fig_first: int) -> int | None:
    """The index of the comma opening an aside ", ... ," that closes a few words before the number,
    or None. The number's own clause must be short (a predicate: "was", "has fallen to")."""
    close = fig_first - 1
    while close >= 0 and fig_first - close <= _PREDICATE_WORDS and tokens[close].norm != ",":
        if tokens[close].norm in CLAUSE_BREAKS or tokens[close].norm == ".":
            return None
        close -= 1
    if close < 0 or tokens[close].norm != ",":
        return None
    opening = close - 1
    while opening >= 0 and close - opening <= _ASIDE_WORDS:
        if tokens[opening].norm == ",":
            return opening if opening > 0 else None
        if tokens[opening].norm in CLAUSE_BREAKS or tokens[opening].norm == ".":
            return None
        opening -= 1
    return None


def has_unit_term(terms: SentenceTerms, before: int | None = None, tokens: Sequence[Token] = ()) -> bool:
    """Does the sentence name a unit (before token ``before``; with ``tokens``, not as the modifier
    of a speaker: "military intelligence said 12,000" names no unit)?"""
    if before is None:
        return any(label.startswith("unit:") for label in terms.by_label)
    return any(
        match.first < before and not (tokens and modifies_a_speaker(tokens, match.last))
        for label, matches in terms.by_label.items()
        if label.startswith("unit:")
        for match in matches
    )


def modifies_a_speaker(tokens: Sequence[Token], unit_last: int) -> bool:
    """ "military intelligence", "army spokesman": the unit word is part of a speaker's name."""
    return unit_last + 1 < len(tokens) and tokens[unit_last + 1].norm in SPEAKER_NOUNS


def reported_number(tokens: Sequence[Token], fig_first: int, fig_last: int | None = None) -> bool:
    """ "Seoul said 10,000", "Kyiv put it at 12,000", "sprach von 11.000": a number that is what a
    source says about the things the sentence (or the one before) is counting.

    Also with the reporting verb behind the number ("Auf 350.000 bezifferten die Veranstalter die
    Menge"), left out in a second clause ("Police settled on 100,000; organisers on 350,000",
    "zunächst mit 60.000 an, später mit 100.000"), or after a colon that ends the sentence with it
    ("Die Veranstalter jubelten: 350.000!", "Far more, the organisers maintained: 250,000"); the
    number may stand in quotation marks ('put it at "well over 100,000"')."""
    while fig_first > 0 and tokens[fig_first - 1].norm == '"':
        fig_first -= 1  # 'ended at "well over 100,000"': the source's own words, quoted
    if fig_first == 0:
        return False
    before = tokens[fig_first - 1].norm
    if before in REPORTED_BY_VERB:
        return True
    last = fig_first if fig_last is None else fig_last
    if before == "," and any(
        token.norm in MULTIPLIERS for token in tokens[max(0, fig_first - 5) : fig_first - 1]
    ):
        # "they spoke of twice that, around 200,000": the number spells out the multiple (a bare
        # multiple is no figure: its value needs the one it multiplies)
        return (
            last + 1 >= len(tokens) or not tokens[last + 1].is_word or tokens[last + 1].norm in MODIFIER_STOP
        )
    if before == ":":
        return last + 1 >= len(tokens) or not tokens[last + 1].is_word
    if before not in REPORTING_PREPOSITIONS:
        return False
    if fig_first >= 2 and tokens[fig_first - 2].norm in _COUNT_WORDS:
        # "..., bringing the total to 512", "raising the tally to 90": the value of a count noun
        return True
    start, _ = clause_through_quotes(tokens, fig_first - 1)
    window = {token.norm for token in tokens[max(start, fig_first - 9) : fig_first - 1]}
    if window & REPORTED_WITH_PREPOSITION:
        return True
    outer = _before_relative_clause(tokens, start)
    if outer is not None:
        # "bezifferte die Zahl der Passagiere, die ... betroffen sind, auf rund 200.000": the
        # relative clause is an aside; the preposition belongs to the verb before it
        if {token.norm for token in tokens[outer[0] : outer[1]]} & REPORTED_WITH_PREPOSITION:
            return True
    if fig_last is not None and fig_first == 1:  # the preposition opens the sentence
        behind = {token.norm for token in tokens[fig_last + 1 : fig_last + 3]}
        if behind & REPORTED_WITH_PREPOSITION or behind & REPORTED_BY_VERB:
            return True
    # the same preposition with a number earlier, after a reporting verb: this clause repeats it
    for position in range(fig_first - 2, 0, -1):
        if tokens[position].norm == before and _number_follows(tokens, position + 1):
            earlier = {token.norm for token in tokens[max(0, position - 9) : position]}
            return bool(earlier & REPORTED_WITH_PREPOSITION)
    return False


def _before_relative_clause(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """The clause before a relative clause that ends right before token ``start`` (", die ...
    betroffen sind, auf ..."): its token span, or None when no relative clause ends there."""
    if start < 2 or tokens[start - 1].norm != ",":
        return None
    relative, _ = clause_through_quotes(tokens, start - 2)
    if relative < 2 or tokens[relative].norm not in RELATIVE_PRONOUNS or tokens[relative - 1].norm != ",":
        return None
    outer, _ = clause_through_quotes(tokens, relative - 2)
    return outer, relative - 1


def _number_follows(tokens: Sequence[Token], position: int) -> bool:
    """Does a number start at ``position``, maybe behind a qualifier ("at around 100,000")?"""
    while position < len(tokens) and tokens[position].norm in _NUMBER_LEADS:
        position += 1
    return position < len(tokens) and tokens[position].norm[:1].isdigit()


def refers_back(tokens: Sequence[Token]) -> bool:
    """ "Bereits jetzt sind es 11.000", "In total it is 15,000": the number continues the sentence before."""
    return any(token.norm in REFERRING for token in tokens)


def cue_claims(terms: SentenceTerms) -> frozenset[str]:
    return frozenset(label.split(":", 1)[1] for label in terms.by_label if label.startswith("cue:"))


def possible_owners(view: SentenceView, actors: ActorMap, skip: Sequence[tuple[int, int]]) -> set[str]:
    """Countries the sentence names outside the source phrase and outside prepositional phrases."""
    found: set[str] = set()
    tokens = view.tokens
    for hit in view.hits:
        if any(a <= hit.start < b for a, b in skip) or not actors.is_country_like(hit.actor_id):
            continue
        index = next((i for i, token in enumerate(tokens) if token.end > hit.start), None)
        if index is None or in_prepositional_phrase(view, index):
            continue
        found.update(actor for actor in actors.lineage(hit.actor_id) if actors.kind(actor) == "country")
    return found


_COORDINATORS = frozenset({"und", "oder", "and", "or"})
_NUMBER_LEADS = frozenset(
    """rund etwa ca circa knapp mehr als uber fast beinahe weitere weiteren some about around roughly
    nearly almost over more than another further up to bis zu""".split()
)


def coordinated_figure_end(tokens: Sequence[Token], position: int) -> int | None:
    """ "getöteten und rund 2700 verwundeten": at a coordinator followed by another number (maybe
    behind a qualifier), the index after that number; else None."""
    if tokens[position].norm not in _COORDINATORS:
        return None
    index = position + 1
    while index < len(tokens) and index - position <= 3 and tokens[index].norm in _NUMBER_LEADS:
        index += 1
    if index < len(tokens) and tokens[index].norm[:1].isdigit():
        return index + 1
    return None


def names_own_side(tokens: Sequence[Token]) -> bool:
    """ "Zu den Verlusten der eigenen Armee ...", "its own troops": the sentence counts the speaker's
    side, which is another owner than the article's subject."""
    return any(
        token.norm in OWN_WORDS
        and index + 1 < len(tokens)
        and any(following.norm in OWN_SIDE_NOUNS for following in tokens[index + 1 : index + 3])
        for index, token in enumerate(tokens)
    )
