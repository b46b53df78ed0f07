"""Sources and findings for the claim engine: who said each observation, and the final list.

``engine.py`` finds the observations of an article (figures and statements); this module
gives each one a source - the sentence's own speaker, a later sentence's when a quotation
continues, or an earlier sentence's when the sentence points back - and turns them into
``ClaimFinding``s, merging an actor's and its spokesperson's statements of one stance and
dropping duplicates.  It is separate so the engine keeps to finding observations, and
the source rules can be read in one place.  ``PreparedArticle`` (the per-article state
both sides share, with the source caches) and ``PendingFinding`` live here for that reason.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from monitor.models import ClaimFinding
from monitor.text.actors.find import Watchlist
from monitor.text.article_prep import token_span
from monitor.text.attribution.source import Attributor, Source
from monitor.text.explain import Explanation, excerpt, nearest_cue, units_in
from monitor.text.figures.gapping import gapped_remnant
from monitor.text.findings_out import as_carried, deduplicate, is_actor, with_source
from monitor.text.numbers.find import Figure
from monitor.text.words.language import ActorMap, SentenceTerms, SentenceView

__all__ = ["FindingAssembler", "PendingFinding", "PreparedArticle"]

_CARRY_BACK = 3  # sentences
_QUOTE_AHEAD = 4


@dataclass
class PreparedArticle:
    text: str
    language: str
    views: list[SentenceView]
    terms: list[SentenceTerms]
    subjects: frozenset[str]
    explicit_cache: dict[int, Source | None] = field(default_factory=dict)
    carried_cache: dict[int, Source | None] = field(default_factory=dict)
    quote_open_at_end: list[bool] = field(default_factory=list)
    # spans a sentence's own counted noun phrases occupy: never its speaker, also when carried over
    own_spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    figure_claims: dict[int, frozenset[str]] = field(default_factory=dict)  # claims observed per sentence
    borrowed_cues: dict[int, frozenset[str]] = field(default_factory=dict)  # cues of a borrowed unit
    explanation: Explanation | None = None  # filled for ``monitor analyze --explain`` only
    place_counts: dict[str, int] = field(default_factory=dict)  # mentions of each country / place
    cue_claims: frozenset[str] = frozenset()  # claims whose cue the article names somewhere
    published: date | None = None  # the article's date, when the caller knows it: dates a bare month


@dataclass(frozen=True)
class PendingFinding:
    sentence: int
    claim: str
    figure: Figure | None
    polarity: str | None
    exclude: tuple[tuple[int, int], ...]
    cue: int | None = None  # a statement's polarity word (token index in the sentence)
    recalled: bool = False  # a statement framed as made earlier ("hatte zunächst bestritten")
    note: str = ""  # what ``--explain`` adds (a sub-count taken as its own place's count)


class FindingAssembler:
    """Sources and findings for one engine configuration (its attributor and watchlist)."""

    def __init__(self, attributor: Attributor, watchlist: Watchlist, actors: ActorMap) -> None:
        self._attributor = attributor
        self._watchlist = watchlist
        self._actors = actors

    # -- sources -------------------------------------------------------------

    def explicit(
        self, article: PreparedArticle, index: int, exclude: tuple[tuple[int, int], ...]
    ) -> Source | None:
        if not exclude:
            if index not in article.explicit_cache:
                own = article.own_spans.get(index, ())
                article.explicit_cache[index] = self._attributor.explicit(article.views[index], own)
            return article.explicit_cache[index]
        return self._attributor.explicit(article.views[index], exclude)

    def source(
        self, article: PreparedArticle, index: int, exclude: tuple[tuple[int, int], ...]
    ) -> Source | None:
        own = self.explicit(article, index, exclude)
        if own is not None:
            return self._given_after(article, index, own) or own
        view = article.views[index]
        if article.quote_open_at_end[index]:  # „... (this sentence) ... (next)“, sagte X.
            for ahead in range(index + 1, min(len(article.views), index + 1 + _QUOTE_AHEAD)):
                if article.views[ahead].paragraph != view.paragraph:
                    break
                found = self.explicit(article, ahead, ())
                if found is not None:
                    return as_carried(found)
                if not article.quote_open_at_end[ahead]:
                    break
        following = index + 1
        if (
            following < len(article.views)
            and article.views[following].paragraph == view.paragraph
            and (
                self._attributor.reports_the_sentence_before(article.views[following])
                or self._attributor.gives_the_figure(article.views[following])
            )
        ):  # "Fünf Menschen kamen ums Leben. Das sagte Sheriff X.", "... X gave the figure."
            found = self.explicit(article, following, ())
            if found is not None:
                return as_carried(found)
        if not self._attributor.carries(view):
            return None
        return self.carried(article, index)

    def _given_after(self, article: PreparedArticle, index: int, own: Source) -> Source | None:
        """ "The ministry says 5,300 died. Spokesman X gave the figure ...": the person speaking for
        the body the sentence names, who the next sentence says gave its figure."""
        following = index + 1
        if following >= len(article.views) or own.actor_id is None:
            return None
        view = article.views[following]
        if view.paragraph != article.views[index].paragraph or not self._attributor.gives_the_figure(view):
            return None
        giver = self.explicit(article, following, ())
        if giver is None or giver.actor_id is None or giver.kind != "person":
            return None
        if self._watchlist.speaks_for(giver.actor_id) != own.actor_id:
            return None
        return as_carried(giver)

    def carried(self, article: PreparedArticle, index: int) -> Source | None:
        if index in article.carried_cache:
            return article.carried_cache[index]
        result: Source | None = None
        view = article.views[index]
        strong = self._attributor.points_back_strongly(view)
        for back in range(index - 1, max(-1, index - 1 - _CARRY_BACK), -1):
            earlier = article.views[back]
            if earlier.paragraph != view.paragraph and not (strong and back == index - 1):
                break
            found = self.explicit(article, back, ())
            if found is None and self._attributor.carries(earlier):
                found = self.carried(article, back)
            if found is not None:
                result = as_carried(found)
                break
        article.carried_cache[index] = result
        return result

    # -- findings ------------------------------------------------------------

    def findings(self, article: PreparedArticle, pending: list[PendingFinding]) -> list[ClaimFinding]:
        findings: list[tuple[int, ClaimFinding]] = []
        sources = [self._source_of(article, item) for item in pending]
        lent = _shared_figure_sources(pending, sources)
        for position, item in enumerate(pending):
            source = sources[position] or lent.get(position)
            value = source.value if source else None
            sentence = article.views[item.sentence].text
            if article.explanation is not None:
                self._explain(article, item, source, position in lent)
            if item.figure is not None:
                figure = item.figure
                # "mehrere tausend": the least the words can mean (2,000), the bottom of [low, high]
                amount = figure.low if figure.qualifier == "several" else figure.value
                findings.append(
                    (
                        item.sentence,
                        ClaimFinding(
                            item.claim,
                            amount,
                            figure.low,
                            figure.high,
                            figure.qualifier,
                            None,
                            value,
                            sentence,
                        ),
                    )
                )
            else:
                findings.append(
                    (
                        item.sentence,
                        ClaimFinding(
                            item.claim,
                            None,
                            None,
                            None,
                            "exact",
                            item.polarity,
                            value,
                            sentence,
                            recalled=item.recalled,
                        ),
                    )
                )
        return deduplicate(self._merge_spokespeople(findings))

    def _source_of(self, article: PreparedArticle, item: PendingFinding) -> Source | None:
        source = self._remnant_source(article, item)
        if source is not None:
            return source
        if item.cue is not None:  # "X dismissed the reports, though Y did not deny ...": X denied
            source = self._attributor.speaker_of(article.views[item.sentence], item.cue, item.exclude)
            own = self.explicit(article, item.sentence, item.exclude)
            if item.figure is not None and own is not None and own.role == "citing" and own.actor_id:
                return own  # "X, citing Y, said ...": Y's figure, whichever clause says it
            if (
                source is not None
                and own is not None
                and item.figure is not None
                and source.kind in ("country", "place")
                and own.kind in ("organization", "group")
                and own.actor_id is not None
                and self._watchlist.speaks_for(own.actor_id) == source.actor_id
            ):
                return own  # "Thailand counts 63 dead, the Thai government said": the body speaking
        return source or self.source(article, item.sentence, item.exclude)

    def _remnant_source(self, article: PreparedArticle, item: PendingFinding) -> Source | None:
        """ "Police counted 100,000 and organisers 350,000": the second figure is the organisers'."""
        if item.figure is None:
            return None
        view = article.views[item.sentence]
        first, _ = token_span(view.tokens, view.start + item.figure.start, view.start + item.figure.end)
        remnant = gapped_remnant(view.tokens, first) if first > 0 else None
        if remnant is None:
            return None
        return self._attributor.named_in(view, *remnant, item.exclude)

    def _explain(
        self, article: PreparedArticle, item: PendingFinding, source: Source | None, lent: bool = False
    ) -> None:
        assert article.explanation is not None
        view, terms = article.views[item.sentence], article.terms[item.sentence]
        if source is None:
            said = "no source (the outlet's own statement)"
        elif lent:
            said = f"source {source.value} of the same figure elsewhere in the article (none named here)"
        else:
            phrase = article.text[source.phrase_start : source.phrase_end]
            where = "" if source.start >= view.start and source.end <= view.end else " (another sentence)"
            said = f"source {source.value} from {excerpt(phrase, 60)!r}{where}"
        if item.figure is not None:
            figure = item.figure
            what = f"{item.claim} {figure.value:,.10g} ({figure.qualifier})"
            spans = [(first, last) for first, last in _token_spans(view, item.exclude)]
            first = min((low for low, _ in spans), default=0)
            last = max((high for _, high in spans), default=len(view.tokens) - 1)
            why = (
                f"unit {units_in(view, terms, item.claim, spans)}, "
                f"cue {nearest_cue(view, terms, item.claim, first, last)}, {said}"
            )
        else:
            what = f"{item.claim} {item.polarity}" + (" (recalled)" if item.recalled else "")
            cue = repr(view.tokens[item.cue].surface) if item.cue is not None else "an attributed assertion"
            why = f"polarity cue {cue}, {said}"
        if item.note:
            why = f"{why}; {item.note}"
        article.explanation.add(item.sentence, view, True, what, why)

    def _merge_spokespeople(self, findings: list[tuple[int, ClaimFinding]]) -> list[ClaimFinding]:
        """ "Russia denied ... Peskov called it fake": one denial, by the more specific speaker."""
        kept: list[tuple[int, ClaimFinding]] = []
        for sentence, finding in findings:
            if finding.polarity is not None:
                merged = False
                for position in range(len(kept) - 1, -1, -1):
                    earlier_sentence, earlier = kept[position]
                    if sentence - earlier_sentence > 2:
                        break
                    if earlier.claim != finding.claim or earlier.polarity != finding.polarity:
                        continue
                    if earlier.recalled != finding.recalled:  # then and now are two statements
                        continue
                    specific = self._more_specific(earlier.source, finding.source)
                    if specific is not None:
                        kept[position] = (earlier_sentence, with_source(earlier, specific))
                        merged = True
                        break
                if merged:
                    continue
            kept.append((sentence, finding))
        return [finding for _, finding in kept]

    def _more_specific(self, first: str | None, second: str | None) -> str | None:
        if first is None or second is None or first == second:
            return None
        if is_actor(self._watchlist, first) and is_actor(self._watchlist, second):
            if first in self._actors.lineage(second):
                return second
            if second in self._actors.lineage(first):
                return first
        return None


def _shared_figure_sources(pending: list[PendingFinding], sources: list[Source | None]) -> dict[int, Source]:
    """A figure the article gives without a source takes the source of the same figure (claim and
    value, or the exact figure a qualified round one stands for: "more than 8,000" for 8,006) given
    with one elsewhere in the article: a headline ("Schon 24 Tote!") or a summary repeats the
    figure its body attributes. The nearest attributed one after it wins, else the nearest before."""
    lent: dict[int, Source] = {}
    for position, item in enumerate(pending):
        if sources[position] is not None or item.figure is None:
            continue
        figure = item.figure
        attributed = [
            (other, candidate.figure)
            for other, candidate in enumerate(pending)
            if sources[other] is not None and candidate.figure is not None and candidate.claim == item.claim
        ]
        same = [other for other, given in attributed if given.value == figure.value]
        if not same:  # "mehr als 8.000" in the headline, "mindestens 8.006" below it
            rounded = figure.qualifier, figure.value
            same = [other for other, given in attributed if _rounds_to(*rounded, given.value)]
        if not same:  # "Schon 52 Tote" above "Laut Innenministerium sind 52 Menschen ... gestorben":
            # the same figure with the same bound is the same statement, whatever claim it went to
            same = [
                other
                for other, candidate in enumerate(pending)
                if sources[other] is not None
                and candidate.figure is not None
                and candidate.figure.value == figure.value
                and candidate.figure.qualifier == figure.qualifier
            ]
        after = [other for other in same if other > position]
        pick = after[0] if after else (same[-1] if same else None)
        if pick is not None:
            source = sources[pick]
            assert source is not None
            lent[position] = source
    return lent


_ROUNDING = 0.02  # how far a headline's rounded figure may lie from the exact one it stands for


def _rounds_to(qualifier: str, rounded: float, exact: float) -> bool:
    """Is ``exact`` what a qualified round figure ("more than 8,000", "about 12,000") stands for?"""
    if rounded <= 0:
        return False
    if qualifier in ("more_than", "at_least"):
        return rounded <= exact <= rounded * (1 + _ROUNDING)
    if qualifier == "up_to":
        return rounded * (1 - _ROUNDING) <= exact <= rounded
    if qualifier == "about":
        return abs(exact - rounded) <= rounded * _ROUNDING
    return False


def _token_spans(view: SentenceView, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Character spans of a sentence as token index ranges."""
    found = []
    for start, end in spans:
        inside = [i for i, token in enumerate(view.tokens) if token.start >= start and token.end <= end]
        if inside:
            found.append((inside[0], inside[-1]))
    return found
