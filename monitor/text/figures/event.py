"""Which event a figure is of: the claim's own, which began on ``scope.since``, or another one.

Articles compare: "the worst floods since 2019, when 900 died", "Beim letzten großen Streik 2008
legten 27.000 die Arbeit nieder", "In jenem Krieg starben drei Millionen". A figure of another
event is no observation of the claim, however well its unit and cue fit. It is another event's
when

* its clause names a date before the event ("the 1999 earthquake", "im Februar 2031" for an
  event of March 2031), unless that year only ends a comparison ("the deadliest floods since
  2012 have killed 300", "die schwerste Flut seit 2010") and the figure's clause does not pick
  the year up ("..., when 900 died");
* its clause names the year before or a span long ago ("last year", "im Vorjahr", "20 years ago",
  "vor zwei Jahrzehnten"; not "since last year", "seit dem Vorjahr": up to now);
* its clause names another occasion ("an earlier round", "beim letzten Streik", "a separate
  release") while the sentence names no date of the event itself;
* it points back ("damals", "back then", "in jenem Krieg") to a year named before it, in its
  sentence or the one before, that is before the event ("Damals wurden 26 Menschen
  ausgetauscht" after "im August 2024" is the event's own figure);
* an earlier clause of its sentence sets it in such a year or phrase (see ``_scene_year``) and
  its own clause is not said to be today's ("now", "jetzt").

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from monitor.text.figures.vocab import CUE_BARRIERS, MODIFIER_STOP
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.words.language import SentenceView, Token
from monitor.text.words.normalize import fold

_LEXICON = lexicon()
_YEAR_LOW, _YEAR_HIGH = 1800, 2100
_YEAR_TOKEN = re.compile(r"(\d{4})(?:[-/]\d{2}(?:\d{2})?)?")
_DAY_TOKEN = re.compile(r"\d{1,2}\.?")
_PRESENT = _LEXICON.words(lambda entry: entry.figures.present_markers)
_PAST = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.figures.past_markers))
_SINCE = _LEXICON.words(lambda entry: entry.figures.since_words)
# words joining a new statement: a year before one of them is not the later figure's
_CONNECTIVES = _LEXICON.words(lambda entry: entry.figures.cue_barriers) - {"-"}
# month name -> its number, over all languages ("marz" and "march" are both 3)
_MONTHS = {
    fold(name): number
    for entry in _LEXICON.by_language.values()
    for number, name in enumerate(entry.events.months, start=1)
}
_COMPARISON_SINCE = _LEXICON.words(lambda entry: entry.events.comparison_since)
_RELATIVE_TIME = _LEXICON.words(lambda entry: entry.events.relative_time)
_AGO_BEFORE = _LEXICON.words(lambda entry: entry.events.ago_before)
_AGO_AFTER = _LEXICON.words(lambda entry: entry.events.ago_after)
_LONG_SPANS = _LEXICON.words(lambda entry: entry.events.long_spans)
_SINGULAR = _LEXICON.words(lambda entry: entry.events.singular)
_OTHER_OCCASION = _LEXICON.words(lambda entry: entry.events.other_occasion)
_OCCASIONS = _LEXICON.words(lambda entry: entry.events.occasions)
_BACK_THEN = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.events.back_then))
# inflection endings of German adjectives ("früheren", "letzten") and plural endings of nouns
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_NOUN_ENDINGS = ("", "s", "es", "n", "en", "e")
_AFTER_E = frozenset("nrsm")  # "erste" -> "ersten", "erster", "erstes", "erstem"
_STOPS = MODIFIER_STOP  # prepositions: "the last month of the strike" is no occasion of its own
_COMPARISON_REACH = 6  # tokens before "since" in which a superlative makes the year a comparison
_OCCASION_REACH = 3  # "beim letzten großen Streik": the noun within this many tokens of its adjective
_COMPOUND_HEAD = 3  # letters a compound needs before the occasion noun ("Gefangenenaustausch")
_AGO_REACH = 4  # "vor mehr als 20 Jahren": tokens from the preposition to the span

When = tuple[int, int | None, int | None]  # year, month, day (month and day when named)
# the words before a month named without its year that make it a point in time ("im", "Anfang");
# "seit Juni" / "since June" reach up to now, so they date nothing before the event
_MONTH_PREPOSITIONS = _LEXICON.words(lambda entry: entry.events.month_prepositions)


def earlier_event(
    since: date | None,
    view: SentenceView,
    fig_first: int,
    fig_last: int,
    years_before: Sequence[When] = (),
    published: date | None = None,
) -> str | None:
    """Why the figure at tokens[fig_first..fig_last] is another event's than one that began on
    ``since``, or None. ``years_before``: the dates of the last sentence before that names any,
    for a figure that points back to them ("Damals ..."); ``published``: the article's date, which
    places a month named without its year ("Im September hatten 94 Prozent ...")."""
    if since is None:
        return None
    tokens = view.tokens
    start, end = clause(tokens, fig_first, fig_last)
    for position in range(start, end):
        if fig_first <= position <= fig_last:
            continue
        when = date_at(tokens, position) or month_at(tokens, position, published)
        if when is None or not before(when, since):
            continue
        if not comparison_year(tokens, position) or _relative_between(tokens, position, fig_first):
            return f"scope: {_describe(tokens, position)} is before the event ({since.isoformat()})"
    scene_start = _scene_start(tokens, start)  # "Back then, 430 died": the opening clause counts too
    back = _back_then(tokens, scene_start, end, years_before)
    if back is not None and back[1] is not None:
        marker, pointed = back[0], back[1]
        if before(pointed, since):
            return f"scope: {marker!r} points back to {pointed[0]}, before the event ({since.isoformat()})"
        return None  # "Damals wurden 26 Menschen ausgetauscht" after "im August 2024": the event's
    past = past_phrase(tokens, start, end, skip=(fig_first, fig_last))
    if past:
        return f"scope: {past!r} is before the event ({since.isoformat()})"
    nouns_capitalized = grammar(view.language).nouns_capitalized
    occasion = other_occasion(tokens, start, end, nouns_capitalized)
    if occasion and not _names_the_event(tokens, since):
        return f"scope: {occasion!r} is another occasion than the event ({since.isoformat()})"
    if any(token.norm in _PRESENT for token in tokens[start:end]):
        return None  # "..., far fewer than the 2,600 counted now": the figure is today's
    past = past_phrase(tokens, scene_start, start)
    if past:
        return f"scope: {past!r} (named before it in the sentence) is before the event ({since.isoformat()})"
    occasion = other_occasion(tokens, _after_last_figure(tokens, start), start, nouns_capitalized)
    if occasion and not _names_the_event(tokens, since):
        # "During the last strike, 27,000 dockers stayed away", "In an earlier exchange, X and Y
        # swapped 12": an opening phrase sets the scene across "and" too
        return f"scope: {occasion!r} (named before it in the sentence) is another occasion than the event"
    scene = _scene_year(tokens, start, published)
    if scene is not None and before(scene[0], since):
        if not comparison_year(tokens, scene[1]) or _relative_between(tokens, scene[1], fig_first):
            year = scene[0][0]
            return f"scope: {year} (named before it in the sentence) is before the event ({since})"
    return None


def clause(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """[start, end) of the clause around tokens[first..last] (up to a comma or a conjunction)."""
    start, end = first, last + 1
    while start > 0 and tokens[start - 1].norm not in CUE_BARRIERS:
        start -= 1
    while end < len(tokens) and tokens[end].norm not in CUE_BARRIERS:
        end += 1
    return start, end


def year_of(norm: str) -> int | None:
    """The year a token names ("2009"; a range "1992-93" by its first year), or None."""
    match = _YEAR_TOKEN.fullmatch(norm)
    if match and _YEAR_LOW <= int(match.group(1)) < _YEAR_HIGH:
        return int(match.group(1))
    return None


def date_at(tokens: Sequence[Token], position: int) -> When | None:
    """The date a year token names with the month and day before it ("im Februar 2031", "12.
    Februar 2031", "February 12, 2031", "12 February 2031"), or None when it is no year."""
    year = year_of(tokens[position].norm)
    if year is None:
        return None
    words = [token.norm for token in tokens[max(0, position - 4) : position]]
    words.reverse()  # nearest first
    if words and words[0] in _MONTHS:  # "Februar 2031", "12. Februar 2031"
        month = _MONTHS[words[0]]
        day = _day(words[1:3])
        return year, month, day
    if len(words) >= 3 and words[0] == "," and _DAY_TOKEN.fullmatch(words[1]) and words[2] in _MONTHS:
        return year, _MONTHS[words[2]], _day(words[1:2])  # "February 12, 2031"
    return year, None, None


def month_at(tokens: Sequence[Token], position: int, published: date | None) -> When | None:
    """A month named without its year after a preposition of time ("Im September", "Anfang Juni",
    "in June"), as the last such month up to the article's date; None without that date, or when a
    year follows (``date_at`` reads those) or the word may be no month ("may", "march" lowercase)."""
    if published is None or position == 0:
        return None
    token = tokens[position]
    month = _MONTHS.get(token.norm)
    if month is None or not token.capitalized or tokens[position - 1].norm not in _MONTH_PREPOSITIONS:
        return None
    following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
    if year_of(following) is not None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return year, month, None


def _day(words: Sequence[str]) -> int | None:
    """The day of the month among the words before a month name ("12", "12 ." nearest first)."""
    for word in words:
        if word == ".":
            continue
        if _DAY_TOKEN.fullmatch(word) and 1 <= int(word.rstrip(".")) <= 31:
            return int(word.rstrip("."))
        return None
    return None


def before(when: When, since: date) -> bool:
    """Is the date (as precise as the text names it) wholly before ``since``?"""
    year, month, day = when
    if year != since.year or month is None:
        return year < since.year
    if month != since.month or day is None:
        return month < since.month
    return day < since.day


def years_named(tokens: Sequence[Token]) -> tuple[When, ...]:
    """Every date a sentence names by its year, in order (for the sentence after it)."""
    return tuple(when for position in range(len(tokens)) if (when := date_at(tokens, position)))


def comparison_year(tokens: Sequence[Token], position: int) -> bool:
    """ "the deadliest floods since 2012", "die schwerste Flut seit 2010", "not seen since 2010":
    the year after "since" ends a comparison with the figure, it does not date it."""
    since = position - 1
    while since >= 0 and position - since <= 3 and tokens[since].norm not in _SINCE:
        since -= 1  # "since the spring of 2012", "seit dem Jahr 2010"
    if since < 0 or tokens[since].norm not in _SINCE:
        return False
    for back in range(since - 1, max(-1, since - 1 - _COMPARISON_REACH), -1):
        norm = tokens[back].norm
        if norm in CUE_BARRIERS and norm != ",":
            return False
        if _inflected(norm, _COMPARISON_SINCE):
            return True
    return False


def _relative_between(tokens: Sequence[Token], year: int, fig_first: int) -> bool:
    """ "the worst floods since 2012 when 900 died": a relative word between the year and the
    figure sets the figure in that year."""
    return any(token.norm in _RELATIVE_TIME for token in tokens[year + 1 : fig_first])


def past_phrase(
    tokens: Sequence[Token], low: int, high: int, skip: tuple[int, int] = (-1, -1)
) -> str | None:
    """A phrase naming the year before or a span long ago ("last year's Hajj", "im Vorjahr", "20
    years ago", "vor Jahrzehnten") in tokens low..high-1."""
    words = [token.norm.removesuffix("'s").removesuffix("’s") for token in tokens]  # "last year's"
    for position in range(max(0, low), min(high, len(words))):
        if skip[0] <= position <= skip[1]:
            continue
        for phrase in _PAST:
            if tuple(words[position : position + len(phrase)]) == phrase:
                if any(word in _SINCE for word in words[max(0, position - 2) : position]):
                    continue  # "seit dem Vorjahr", "since last year": up to now
                return " ".join(phrase)
        ago = _long_ago(words, position, high)
        if ago:
            return ago
    return None


def _long_ago(words: Sequence[str], position: int, high: int) -> str | None:
    """ "20 years ago", "decades ago", "vor zwei Jahrzehnten", "vor mehr als 20 Jahren" starting at
    ``position`` (not "a year ago", "vor einem Jahr": a story one year on recalls its own event)."""
    if words[position] in _AGO_BEFORE:
        for span in range(position + 1, min(high, position + 1 + _AGO_REACH)):
            if words[span] in _LONG_SPANS:
                between = words[position + 1 : span]
                if not _SINGULAR & set(between) and not any(word in _SINCE for word in between):
                    return " ".join(words[position : span + 1])
                return None
        return None
    if words[position] in _LONG_SPANS and position + 1 < high and words[position + 1] in _AGO_AFTER:
        if position > 0 and words[position - 1] in _SINGULAR:
            return None
        return " ".join(words[max(0, position - 1) : position + 2])
    return None


def other_occasion(tokens: Sequence[Token], low: int, high: int, nouns_capitalized: bool) -> str | None:
    """ "an earlier round", "a separate release", "beim letzten großen Streik", "in einem früheren
    Gefangenenaustausch": an adjective of another occasion before a noun of one."""
    for position in range(max(0, low), min(high, len(tokens))):
        norm = tokens[position].norm
        # German "früher", "später" uninflected are adverbs ("Zwölf Minuten später folgte ...")
        if not _inflected(norm, _OTHER_OCCASION, bare=not nouns_capitalized):
            continue
        for after in range(position + 1, min(high, position + 1 + _OCCASION_REACH)):
            token = tokens[after]
            if not token.is_word:
                break
            if _is_occasion(token.norm):
                return f"{tokens[position].surface} {token.surface}"
            possessive = token.norm.endswith(("'s", "’s"))
            if token.norm in _STOPS or possessive or (nouns_capitalized and token.capitalized):
                # "last week's strike", "in der letzten Woche beim Streik": the adjective is
                # another noun's (English words between are the occasion's modifiers: "an
                # earlier prisoner exchange"; German ones are adjectives: "letzten großen")
                break
    return None


def _is_occasion(norm: str) -> bool:
    for ending in _NOUN_ENDINGS:
        stem = norm[: len(norm) - len(ending)] if ending else norm
        if ending and not norm.endswith(ending):
            continue
        if stem in _OCCASIONS:
            return True
        if any(
            stem.endswith(noun) and len(stem) - len(noun) >= _COMPOUND_HEAD and len(noun) >= 5
            for noun in _OCCASIONS
        ):
            return True  # "Gefangenenaustausch", "Warnstreiks", "Nachbeben"
    return False


def _inflected(norm: str, words: frozenset[str], bare: bool = True) -> bool:
    """Is ``norm`` one of ``words`` (with ``bare``) or one with a German adjective ending: a stem
    with its ending ("letzt" -> "letzten") or a form in -e with one more letter ("erste" ->
    "ersten", "größte" -> "größten")?"""
    if bare and norm in words:
        return True
    if norm[-1:] in _AFTER_E and norm[:-1].endswith("e") and norm[:-1] in words:
        return True
    return any(norm.endswith(ending) and norm[: -len(ending)] in words for ending in _ADJECTIVE_ENDINGS)


def _names_the_event(tokens: Sequence[Token], since: date) -> bool:
    """Does the sentence name a date at or after the event's start ("im August 2024")?"""
    return any(not before(when, since) for when in years_named(tokens))


def _back_then(
    tokens: Sequence[Token], start: int, end: int, years_before: Sequence[When]
) -> tuple[str, When | None] | None:
    """ "damals", "back then", "in jenem Krieg" in the figure's clause, and the date it points to:
    the last one named before it in the sentence, else the last of the sentence before."""
    words = [token.norm for token in tokens]
    for position in range(start, end):
        for phrase in _BACK_THEN:
            if tuple(words[position : position + len(phrase)]) == phrase or (
                len(phrase) == 1 and _inflected(words[position], frozenset(phrase), bare=False)
            ):
                earlier = [when for index in range(position) if (when := date_at(tokens, index))]
                if earlier:
                    return " ".join(phrase), earlier[-1]
                return " ".join(phrase), (years_before[-1] if years_before else None)
    return None


def _describe(tokens: Sequence[Token], position: int) -> str:
    when = date_at(tokens, position)
    if when is None or when[1] is None:
        return tokens[position].norm
    return f"{tokens[position - 1].surface} {tokens[position].norm}"


def _scene_start(tokens: Sequence[Token], clause_start: int) -> int:
    """Where the clauses before the figure's that may set its scene begin (see ``_scene_year``)."""
    position = clause_start - 1
    while position >= 0:
        norm = tokens[position].norm
        if norm in _CONNECTIVES or (norm[:1].isdigit() and year_of(norm) is None):
            break
        position -= 1
    return position + 1


def _after_last_figure(tokens: Sequence[Token], clause_start: int) -> int:
    """Where the stretch before the figure's clause begins that holds no other figure."""
    position = clause_start - 1
    while position >= 0:
        norm = tokens[position].norm
        if norm[:1].isdigit() and year_of(norm) is None:
            break
        position -= 1
    return position + 1


def _scene_year(
    tokens: Sequence[Token], clause_start: int, published: date | None = None
) -> tuple[When, int] | None:
    """The date an earlier clause of the sentence sets the figure in, and its token: the nearest
    year before it across punctuation ("The low point was 2009, with 70.8%", "die Wahlbeteiligung
    von 2021, knapp 77 Prozent", "the chains of 1992-93, when 3 million took part") while no
    clause between holds a figure of its own; or a year in the sentence's opening clause when that
    clause holds no figure ("At the 2021 election, when 61.2 million were eligible, turnout had
    been 76.6%"). "In 2019 the floods killed 430, far fewer than the 2,600 dead" sets nothing:
    430 is between."""
    position = clause_start - 1
    while position >= 0:
        token = tokens[position]
        if token.norm in _CONNECTIVES:
            break  # "... 2019, and 3,000 died": another statement
        when = date_at(tokens, position) or month_at(tokens, position, published)
        if when is not None:
            return when, position
        ranged = position >= 2 and tokens[position - 1].norm == "-" and year_of(tokens[position - 2].norm)
        if token.norm[:1].isdigit() and not ranged:
            break  # an earlier figure: the clauses before belong to it
        position -= 1
    opening_end = 0
    while opening_end < len(tokens) and tokens[opening_end].norm not in CUE_BARRIERS:
        opening_end += 1
    if opening_end < len(tokens) and tokens[opening_end].norm == ":":  # "For comparison: the 1972 ..."
        opening_start = opening_end + 1
        opening_end = opening_start
        while opening_end < len(tokens) and tokens[opening_end].norm not in CUE_BARRIERS:
            opening_end += 1
    else:
        opening_start = 0
    if opening_end >= clause_start:
        return None
    opening = range(opening_start, opening_end)
    dated = [
        (when, index)
        for index in opening
        if (when := date_at(tokens, index) or month_at(tokens, index, published))
    ]
    figures = any(tokens[i].norm[:1].isdigit() and year_of(tokens[i].norm) is None for i in opening)
    if len(dated) == 1 and not figures:
        return dated[0]
    return None
