"""What detection compares: claim rules, bounded figure spans and stored observations.

The rules (:mod:`monitor.detect.judge`) and the alert wording
(:mod:`monitor.detect.wording`) both use these types; neither imports the other.
Pure: no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from monitor.text.numbers.intervals import Widening, interval
from monitor.text.words.normalize import fold

Span = tuple[float, float]

POLARITIES: frozenset[str] = frozenset({"affirmed", "denied", "unconfirmed"})
# the positions a speaker can take; "unconfirmed" (not confirming, no evidence) is stored
# but neither opens nor closes a position, so it never makes a status change
POSITIONS: frozenset[str] = frozenset({"affirmed", "denied"})
OPPOSITE: dict[str, str] = {"affirmed": "denied", "denied": "affirmed"}
DEFAULT_WINDOW = timedelta(days=14)
# how many related observations an alert keeps (conflicts, earlier figures)
MAX_RELATED = 10
MAX_EARLIER = 5

# spellings other engines use for the qualifiers intervals.py knows
QUALIFIER_ALIASES: dict[str, str] = {
    "over": "more_than",
    "above": "more_than",
    "at_most": "up_to",
    "less_than": "up_to",
    "under": "up_to",
    "nearly": "up_to",
    "almost": "up_to",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "estimated": "about",
}
KNOWN_QUALIFIERS = frozenset({"exact", "about", "more_than", "at_least", "up_to", "several", "additional"})


# ---------------------------------------------------------------- rules per claim


@dataclass(frozen=True)
class ClaimRule:
    """What detection needs to know about one claim (from its ClaimSpec)."""

    claim: str
    # how far apart two sources' figures may be published to contradict each other: for a
    # figure claim the claim's same_moment_hours (at most its window_days), for a status
    # claim its window_days
    window: timedelta = DEFAULT_WINDOW
    widening: Widening = field(default_factory=Widening)
    description: str = ""
    # a running total: a rise is news (new_figure), a fall below an earlier total a contradiction
    accumulates: bool = False


def rule_for(spec: object | None, claim_id: str) -> ClaimRule:
    """A ClaimRule from a ClaimSpec-like object (None: defaults).

    The widening fields are read with defaults because ClaimSpec may not carry
    them yet: ``spec.widening.about`` etc. (fractions, 0.05 = 5 %).
    """
    if spec is None:
        return ClaimRule(claim=claim_id)
    defaults = Widening()
    custom = getattr(spec, "widening", None)
    widening = Widening(
        about=float(getattr(custom, "about", defaults.about)),
        more_than=float(getattr(custom, "more_than", defaults.more_than)),
        at_least=float(getattr(custom, "at_least", defaults.at_least)),
        up_to=float(getattr(custom, "up_to", defaults.up_to)),
    )
    days = getattr(spec, "window_days", None)
    window = timedelta(days=float(days)) if days else DEFAULT_WINDOW
    accumulates = bool(getattr(spec, "accumulates", False))
    same_moment = timedelta(hours=float(getattr(spec, "same_moment_hours", 24) or 24))
    if accumulates:
        window = same_moment
    elif getattr(spec, "kind", "figure") == "figure":
        # two voices' figures a day or more apart are counts of different moments (the missing
        # falling as people are found, turnout estimates through election night), not rivals for
        # one; window_days still bounds the window, and status claims keep it whole
        window = min(window, same_moment)
    return ClaimRule(
        claim=claim_id,
        window=window,
        widening=widening,
        description=str(getattr(spec, "description", "") or ""),
        accumulates=accumulates,
    )


def normal_qualifier(qualifier: str | None) -> str:
    name = (qualifier or "exact").strip().lower().replace("-", "_").replace(" ", "_")
    name = QUALIFIER_ALIASES.get(name, name)
    return name if name in KNOWN_QUALIFIERS else "exact"


def span_of(
    value: float | None, low: float | None, high: float | None, qualifier: str | None, widening: Widening
) -> Span | None:
    """The bounded interval detection compares, or None for a statement without a figure.

    "several" keeps the claim engine's own interval when it gave one (only the
    engine knows the unit word: "Tausende" vs "Zehntausende"); otherwise the
    unit is guessed from the value's magnitude (2000 -> thousands -> [2000, 9999]).
    """
    name = normal_qualifier(qualifier)
    if value is None or not math.isfinite(value):
        if low is not None and high is not None and math.isfinite(low) and math.isfinite(high):
            return (min(low, high), max(low, high))
        return None
    if name == "several":
        if low is not None and high is not None and math.isfinite(high) and low <= value <= high:
            return (low, high)
        if value <= 0:
            return (value, value)
        unit = 10.0 ** math.floor(math.log10(value))
        low_, high_ = interval(unit, "several", widening)
        return (min(low_, value), max(high_, value))
    if name == "exact" and not float(value).is_integer():
        # "82.5 %" is a rounded statement of 82.45 to 82.55: a figure given to more decimals
        # inside that range ("82.54 %") repeats it, no new figure and no contradiction
        half = decimal_half_unit(value)
        return (value - half, value + half)
    low_, high_ = interval(value, name, widening)
    return (min(low_, high_), max(low_, high_))


# the widest span an exact figure given to decimals has ("0.4" = [0.35, 0.45]): two half units of
# its last decimal, at most 2 * 0.05 (decimal_half_unit)
EXACT_MAX_WIDTH = 0.1


def lowest_reaching_start(low: float, widening: Widening) -> float | None:
    """The lowest start a span of a figure with a value, not "several", can have and still reach
    up to ``low`` (> 0), given the claim's widening; None when any start can ("up to" or "about"
    widened by 100 % or more). "Several" spans ("thousands") and spans without a value (an
    engine's range) are wider and not bounded by the widening."""
    if low <= 0 or widening.about >= 1 or widening.up_to >= 1:
        return None
    ratio = max(
        (1 + widening.about) / (1 - widening.about),
        1 + widening.more_than,
        1 + widening.at_least,
        1 / (1 - widening.up_to),
        1.0,
    )
    return low / ratio - EXACT_MAX_WIDTH


def decimal_half_unit(value: float) -> float:
    """Half a unit of ``value``'s last decimal: 82.5 -> 0.05, 94.61 -> 0.005 (the shortest
    decimal spelling of the float, as the figure was written)."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0.0
    decimals = len(text.split(".")[1].rstrip("0"))
    return 0.5 * 10.0**-decimals if decimals else 0.0


def rounding_unit(value: float | None) -> float:
    """The power of ten above ``value``'s last significant digit: 29,605 -> 10, 61,200,000 ->
    1,000,000. A qualified figure that is a multiple of it is a rounder statement of the count."""
    if value is None or not float(value).is_integer() or value == 0:
        return 10.0
    zeros, number = 0, abs(int(value))
    while number % 10 == 0:
        number //= 10
        zeros += 1
    return 10.0 ** (zeros + 1)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# two figures further apart than this factor are no rival counts of one thing: real disagreements
# (police and organisers, a ministry and an aid group, an estimate and the count) stay within a
# few times each other, while a figure a tenth of another is a part of it (one day's arrivals, one
# group's dead, one town's toll) or the larger one counts something else (residents, people in need)
MAGNITUDE = 10.0


def same_magnitude(a: Span, b: Span) -> bool:
    """Neither span lies wholly below a tenth of the other (see MAGNITUDE)."""
    return a[1] * MAGNITUDE >= b[0] and b[1] * MAGNITUDE >= a[0]


LOWER_BOUNDS = frozenset({"more_than", "at_least"})
UPPER_BOUNDS = frozenset({"up_to"})


def spellings(names: frozenset[str]) -> list[str]:
    """The stored qualifier names that mean one of ``names`` (the names and their aliases)."""
    return sorted(names | {alias for alias, name in QUALIFIER_ALIASES.items() if name in names})


def bound_allows(bound_value: float | None, bound_qualifier: str | None, other: Span) -> bool:
    """A bound admits every figure on its open side: "more than 100,000" and "250,000" (or
    "up to 750" and "400") do not disagree, although the bounded spans (+10 %) are disjoint."""
    if bound_value is None:
        return False
    name = normal_qualifier(bound_qualifier)
    if name in LOWER_BOUNDS:
        return other[0] >= bound_value
    if name in UPPER_BOUNDS:
        return other[1] <= bound_value
    return False


# ---------------------------------------------------------------- observations


@dataclass(frozen=True)
class Observation:
    """One stored claim observation, as detection sees it."""

    id: int
    claim: str
    article_id: int
    published: datetime
    value: float | None = None
    qualifier: str = "exact"
    polarity: str | None = None
    source: str | None = None
    speaks_for: str | None = None
    span: Span | None = None
    outlet: str | None = None
    url: str | None = None
    sentence: str = ""
    recalled: bool = False  # the article recalls it as said earlier (see the module docstring)

    @property
    def key(self) -> tuple[datetime, int]:
        return (self.published, self.id)

    @property
    def speaker(self) -> str | None:
        """Who is speaking, as an actor: the actor the source speaks for, else the source."""
        return self.speaks_for or self.source or None

    @property
    def attributed(self) -> bool:
        """Named a source (or the actor it speaks for); else the outlet's own figure."""
        return bool(self.speaks_for or self.source)

    @property
    def voice(self) -> str:
        """Who counts as "the same source" for contradictions.

        Unattributed statements are the outlet's own voice.
        """
        return voice_of(self.speaks_for, self.source, self.outlet, self.article_id)

    @property
    def is_figure(self) -> bool:
        return self.span is not None and self.polarity is None

    @property
    def is_statement(self) -> bool:
        return self.polarity in POLARITIES

    @property
    def is_position(self) -> bool:
        """A position the speaker takes at the article's date (affirmed/denied, not recalled)."""
        return self.polarity in POSITIONS and not self.recalled

    @property
    def comparable(self) -> bool:
        """Deltas ("3,500 more") say nothing about a total: never a contradiction."""
        return normal_qualifier(self.qualifier) != "additional"

    def names(self) -> list[str]:
        """The names an alert lists for this observation: source, then its actor."""
        found = [name for name in (self.source, self.speaks_for) if name]
        if not found:
            found = [f"unattributed ({self.outlet})" if self.outlet else "unattributed"]
        return list(dict.fromkeys(found))


# articles a speaker as written may start with: "the police" and "Police" are one voice
_LEADING_ARTICLES = frozenset({"the", "der", "die", "das", "den", "dem", "des"})


def canonical_name(name: str) -> str:
    """One spelling per speaker: casefolded, without diacritics and a leading article.

    An unresolved speaker is kept as the article wrote it ("Police", "police", "the police"),
    and the same body must not contradict itself because two sentences capitalise it
    differently. Watchlist ids are already in this form, so they are unchanged.
    """
    # the text stage's fold, so a speaker is spelt here as the matcher spells it
    words = fold(name).split()
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


def voice_of(speaks_for: str | None, source: str | None, outlet: str | None, article_id: int) -> str:
    if speaks_for or source:
        return canonical_name(str(speaks_for or source))
    return f"outlet:{outlet}" if outlet else f"article:{article_id}"


def is_judged(other: Observation, obs: Observation) -> bool:
    """Was ``other`` processed before ``obs``? Every other article's rows were;
    of ``obs``'s own article only the earlier sentences (smaller ids)."""
    if other.id == obs.id:
        return False
    return other.article_id != obs.article_id or other.id < obs.id
