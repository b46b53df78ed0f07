"""The phrases that introduce a source ("laut X", "according to X", "unter Berufung auf X",
"X zufolge", "nach ukrainischen Angaben", a reporting passive "von X geschätzt") and where the
noun phrase naming the source after them ends.

``attribution.py`` ranks every source a sentence names; this module only finds the marker
phrases and the token span each one points at, so the phrase lists and the noun-phrase
boundary rules can grow without touching the ranking. Counts named with their maker ("a tally
kept by X", "by the same UN count") are found in ``count_owners.py``.

Pure: no I/O.
"""

from __future__ import annotations

from monitor.text.attribution.count_owners import count_makers
from monitor.text.attribution.speaker_phrases import is_number_word
from monitor.text.attribution.vocab import (
    ACCORDING,
    CITING,
    COUNT_SOURCES,
    COUNTED_OWNER_NOUNS,
    DETERMINERS,
    IMPERSONAL_REPORTS,
    NP_STOPS,
    ORIGIN_PREPOSITIONS,
    PASSIVE_AUXILIARIES,
    PREPOSITIONS,
    REPORTING_PARTICIPLES,
    SOURCE_NOUNS,
)
from monitor.text.lang import grammar
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView

__all__ = ["compound_source_stem", "counts_its_owner", "np_end", "source_markers"]

_MARKERS_BY_FIRST_WORD: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _role, _phrases in (("citing", CITING), ("according", ACCORDING)):
    for _phrase in sorted(_phrases, key=lambda phrase: -len(phrase.split())):
        _words = tuple(_phrase.split())
        _MARKERS_BY_FIRST_WORD.setdefault(_words[0], []).append((_role, _words))


def source_markers(view: SentenceView, folded: list[str], index: int) -> list[tuple[str, int, int, bool]]:
    """The marker phrases at token ``index``: (role, first token of the source span, its end,
    whether the source stands before the marker as in "X zufolge")."""
    out: list[tuple[str, int, int, bool]] = []
    matched_roles: set[str] = set()
    for role, words in _MARKERS_BY_FIRST_WORD.get(folded[index], ()):
        if role not in matched_roles and tuple(folded[index : index + len(words)]) == words:
            matched_roles.add(role)  # longest phrase first: "nach angaben des" before "nach angaben"
            start = index + len(words)
            out.append((role, start, np_end(view, start), False))
    if folded[index] in ("nach", "laut") and index + 2 < len(folded):
        # "nach ukrainischen und südkoreanischen Angaben": the adjectives name the source
        end = index + 1
        while (
            end < len(folded)
            and end - index <= 6
            and (
                folded[end] in ("und", "and")
                or (view.tokens[end].is_word and not view.tokens[end].capitalized)
            )
        ):
            end += 1
        if end > index + 1 and end < len(folded) and folded[end] in SOURCE_NOUNS:
            out.append(("according", index + 1, end, False))
        if end < len(folded) - 1 and folded[end] in SOURCE_NOUNS and folded[end + 1] in _OWNER_WORDS:
            # "laut Schätzung der Veranstalter", "nach der jüngsten Zählung der IOM", "nach der
            # Hochrechnung von Infratest": the owner of the count after it is the source
            start = end + 2 if folded[end + 1] in ("von", "vom") else end + 1
            out.append(("according", start, np_end(view, start), False))
        elif end == index + 1 and compound_source_stem(folded[end]) is not None:
            out.append(("according", end, end + 1, False))  # "nach Gewerkschaftsangaben"
    if (
        folded[index] == "nach"
        and index + 1 < len(folded)
        and folded[index + 1].endswith(("-angaben", "-schatzungen", "-erkenntnissen", "-informationen"))
    ):
        out.append(("according", index + 1, index + 2, False))  # "nach US-Angaben"
    if folded[index] in ("von", "vom", "by") and _reported_in_passive(folded):
        start = index + 1
        out.append(("according", start, np_end(view, start), False))
    if folded[index] in COUNT_SOURCES and index + 1 < len(folded) and folded[index + 1] in _COUNTED_BY:
        # "a count by the UN found", "a statement from the ministry": the maker of the count
        start = index + 2
        out.append(("according", start, np_end(view, start), False))
    if folded[index].endswith(("'s", "s'")) and _count_noun_follows(folded, index):
        # "the agency's figures showed", "by the military's count", "Campact's tally of 1.4 million"
        start = index
        while index - start < 4 and start > 0 and folded[start - 1] not in CLAUSE_BREAKS | PREPOSITIONS:
            start -= 1
        token = view.tokens[index]
        for hit in view.hits:  # "the International Organization for Migration's count": the whole name
            if hit.start < token.end and hit.end > token.start:
                while start > 0 and view.tokens[start - 1].end > hit.start:
                    start -= 1
        # "Norland rejected Sudland's count of 500": a count holding its figure is its owner's,
        # whatever the sentence's verb says about it
        role = "citing" if _count_of_a_number(folded, index) else "possessor"
        out.append((role, start, index + 1, False))
    if folded[index] == "zufolge":
        start = index
        while start > 0 and folded[start - 1] not in CLAUSE_BREAKS:
            start -= 1
        out.append(("according", start, index, True))
    out.extend(_impersonal_origin(view, folded, index))
    out.extend(count_makers(view, folded, index, np_end))
    return out


def _impersonal_origin(view: SentenceView, folded: list[str], index: int) -> list[tuple[str, int, int, bool]]:
    """ "..., hieß es aus dem Innenministerium" and "Aus dem Innenministerium hieß es, ...": an
    impersonal report names its source by where it came from, after the phrase or opening the
    clause before it."""
    if (folded[index], folded[index + 1] if index + 1 < len(folded) else "") not in IMPERSONAL_REPORTS:
        return []
    after = index + 2
    if after < len(folded) and folded[after] in ORIGIN_PREPOSITIONS:
        return [("according", after + 1, np_end(view, after + 1), False)]
    start = index
    while start > 0 and folded[start - 1] not in CLAUSE_BREAKS and folded[start - 1] != ".":
        start -= 1
    if start < index - 1 and folded[start] in ORIGIN_PREPOSITIONS:
        return [("according", start + 1, index, True)]
    return []


_OWNER_WORDS = frozenset({"der", "des", "von", "vom"})
_COUNTED_BY = frozenset({"by", "from"})
_MIN_STEM = 4  # "Polizei", "Gewerkschaft": a compound's first part long enough to be a noun


def compound_source_stem(norm: str) -> str | None:
    """ "gewerkschaftsangaben" -> "gewerkschaft", "polizeischatzungen" -> "polizei": the speaker
    a German compound of a source noun names, or None when the word is no such compound."""
    for noun in SOURCE_NOUNS:
        if norm.endswith(noun) and len(norm) - len(noun) >= _MIN_STEM:
            stem = norm[: -len(noun)].rstrip("-")
            return stem[:-1] if stem.endswith("s") and len(stem) > _MIN_STEM + 1 else stem
    return None


def np_end(view: SentenceView, start: int) -> int:
    """End (exclusive) of the noun phrase starting at ``start``."""
    stop = NP_STOPS.get(view.language, frozenset())
    end = start
    while end < len(view.tokens) and end - start < 9:
        token = view.tokens[end]
        if token.norm in CLAUSE_BREAKS or token.norm == ".":
            if token.norm == '"' and end == start:  # «Guardian»
                end += 1
                continue
            break
        if token.norm in stop or token.norm[:1].isdigit():
            break
        if end > start and token.norm in PREPOSITIONS and token.norm not in {"von", "vom", "aus", "of"}:
            following = view.tokens[end + 1] if end + 1 < len(view.tokens) else None
            naming_place = (
                token.norm in {"in", "im"}
                and following is not None
                and following.capitalized
                and view.tokens[end - 1].capitalized
            )
            if not naming_place:
                # "nach Angaben Kiews in der Region": the place is not the source ("Amt in Seoul" is)
                break
        lowercase_word = token.is_word and not token.capitalized
        if grammar(view.language).nouns_capitalized and lowercase_word and end > start:
            if (
                token.norm not in DETERMINERS
                and token.norm not in PREPOSITIONS
                and not token.norm.endswith(("e", "en", "er", "es", "em"))
            ):
                break
        end += 1
    if end > start:  # a name running past the cut ("laut dem Institute for the Study of War")
        cut = view.tokens[end - 1].end
        for hit in view.hits:
            if hit.start < cut < hit.end:
                while end < len(view.tokens) and view.tokens[end].start < hit.end:
                    end += 1
    return end


def _count_noun_follows(folded: list[str], index: int) -> bool:
    """A noun of counting ("figures", "count", "tally") within two words after a possessive."""
    return any(word in COUNT_SOURCES for word in folded[index + 1 : index + 4])


def counts_its_owner(folded: list[str], index: int) -> bool:
    """Is the count after the possessive at ``index`` one of the possessor's own losses ("Syria's
    death toll"), so that a country or place there is what is counted, not who counts?"""
    noun = _count_noun_at(folded, index)
    return noun is not None and folded[noun] in COUNTED_OWNER_NOUNS


def _count_noun_at(folded: list[str], index: int) -> int | None:
    return next(
        (i for i in range(index + 1, min(len(folded), index + 4)) if folded[i] in COUNT_SOURCES), None
    )


def _count_of_a_number(folded: list[str], index: int) -> bool:
    """ "Sudland's count of 500", "the union's tally of about 9,000": the count names its figure."""
    noun = _count_noun_at(folded, index)
    if noun is None or noun + 2 >= len(folded) or folded[noun + 1] != "of":
        return False
    return any(word[:1].isdigit() or is_number_word(word) for word in folded[noun + 2 : noun + 5])


def _reported_in_passive(folded: list[str]) -> bool:
    """ "Die Zahl wird von Kiew auf 11.000 geschätzt": the agent of a reporting passive is the source."""
    words = set(folded)
    return bool(words & PASSIVE_AUXILIARIES) and bool(words & REPORTING_PARTICIPLES)
