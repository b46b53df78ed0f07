"""Checks on the match terms of feeds.yaml (claim cues, units, actor names, ...).

The matcher gives ``*`` one meaning: at the end of a word, "any continuation"
(``entsend*``). Anywhere else it is silently read in ways nobody meant: a bare
``*`` is a prefix of every word (one denial cue that turned one denial into
three), ``ho**ax`` matches nothing. Brackets have no meaning in a term, so an
unbalanced one is a typo. Both are refused at load time, with the term's place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from monitor.text.spec import ActorSpec, ClaimSpec

# a wildcard stem shorter than this matches far too many words ("a*", "*")
MIN_WILDCARD_STEM = 2
_PAIRS = {")": "(", "]": "[", "}": "{"}

Location = tuple[str | int, ...]


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be matched as written, or None when it is fine."""
    for word in term.split():
        stem = word.rstrip("*")
        if "*" in stem:
            return f"{term!r}: '*' is only allowed at the end of a word (as in 'entsend*')"
        if word != stem and len(word) - len(stem) > 1:
            return f"{term!r}: write one '*' at the end of a word, not {word[len(stem):]!r}"
        if word != stem and len(stem) < MIN_WILDCARD_STEM:
            return f"{term!r}: a wildcard needs at least {MIN_WILDCARD_STEM} letters before '*'"
    open_brackets: list[str] = []
    for char in term:
        if char in "([{":
            open_brackets.append(char)
        elif char in _PAIRS:
            if not open_brackets or open_brackets.pop() != _PAIRS[char]:
                return f"{term!r}: unbalanced bracket {char!r}"
    if open_brackets:
        return f"{term!r}: unbalanced bracket {open_brackets[-1]!r}"
    return None


def _by_language(
    loc: Location, terms: Mapping[str, Sequence[str]]
) -> Iterator[tuple[Location, str]]:
    for language, words in terms.items():
        for i, term in enumerate(words):
            yield (*loc, language, i), term


def all_terms(
    watchlist: Sequence[ActorSpec], claims: Sequence[ClaimSpec]
) -> Iterator[tuple[Location, str]]:
    """Every match term with its place in feeds.yaml."""
    for a, actor in enumerate(watchlist):
        yield from _by_language(("watchlist", a, "names"), actor.names)
        yield from _by_language(("watchlist", a, "context"), actor.context)
        for i, name in enumerate(actor.ambiguous):
            yield ("watchlist", a, "ambiguous", i), name
    for c, claim in enumerate(claims):
        for section in ("units", "complements", "topic", "cues", "exclude"):
            yield from _by_language(("claims", c, section), getattr(claim, section))
        for polarity in ("affirmed", "denied", "unconfirmed"):
            yield from _by_language(("claims", c, "polarity", polarity), getattr(claim.polarity, polarity))


def term_problems(
    watchlist: Sequence[ActorSpec], claims: Sequence[ClaimSpec]
) -> list[tuple[Location, str]]:
    found = []
    for loc, term in all_terms(watchlist, claims):
        problem = term_problem(term)
        if problem is not None:
            found.append((loc, problem))
    return found
