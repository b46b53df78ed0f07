"""The claim engine: one article's text in, actors and claim observations out.

``ClaimEngine.from_config(watchlist, claims)`` compiles the watchlist (an
Aho-Corasick automaton) and every term of the claim patterns (one dictionary
lookup per token) once; ``analyze`` then costs a few milliseconds per article:

1. split sentences, tokenize and find actors once for the whole text;
2. per sentence, look up all terms; only sentences with a unit term (or an
   elliptic follow-up of the previous figure) are searched for numbers;
3. figures and statements become observations (``claims.py``);
4. each observation gets a source (``attribution.py``): the sentence's own, a
   later sentence's when a quotation continues, or an earlier sentence's when
   the sentence points back ("demnach", Konjunktiv I, "he said", a quote);
5. statements of one stance in neighbouring sentences by an actor and its
   spokesperson collapse into one ("Russia denied ... Peskov called it fake"
   is Peskov's denial on behalf of Russia); exact duplicates are dropped.

Steps 4 and 5 (sources and findings) live in ``finding_assembly.py``.
``analysis_to_json`` renders the result the way ``monitor analyze --json`` and
``score_claims.py`` read it.

Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import date

from monitor.models import ActorMention, Analysis
from monitor.text.actors.find import ActorHit, Watchlist
from monitor.text.actors.places import PlaceIndex
from monitor.text.article_prep import (
    cut_off_at_end,
    page_furniture,
    quoted_tokens,
    sentence_language,
    token_span,
)
from monitor.text.attribution.source import Attributor
from monitor.text.claims import FigureRules, compile_terms
from monitor.text.explain import Explanation, number_text
from monitor.text.figures.context import (
    Binding,
    counted_before,
    cue_claims,
    has_unit_term,
    is_bare,
    names_own_side,
    opens_with_anaphor,
    possible_owners,
    refers_back,
    reported_number,
)
from monitor.text.figures.count_nouns import CountCues
from monitor.text.figures.event import years_named
from monitor.text.figures.forecast import forecast_marker
from monitor.text.figures.gapping import shares_unit_with
from monitor.text.figures.scope import located_places, subcount_marker
from monitor.text.figures.topic import (
    opening_place,
    paragraph_before,
    paragraph_cues,
    paragraph_has_topic,
    reported_topic,
)
from monitor.text.finding_assembly import FindingAssembler, PendingFinding, PreparedArticle
from monitor.text.findings_out import analysis_to_json
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.numbers.find import Figure, find_figures
from monitor.text.numbers.words import DE_MORPHEMES, EN_MORPHEMES
from monitor.text.numbers.words_text2num import word_number_pattern
from monitor.text.polarity.stance import StatusRules
from monitor.text.spec import ActorSpec, ClaimSpec
from monitor.text.words.language import (
    ActorMap,
    SentenceTerms,
    SentenceView,
    Token,
    guess_language,
    quote_spans,
    sentence_actor_ids,
    tokenize,
)
from monitor.text.words.sentences import split_sentences

__all__ = ["ClaimEngine", "analysis_to_json"]  # analysis_to_json: re-exported for the CLI

_ELLIPSIS_REACH = 2  # an elliptic "3500 weitere" may refer to a figure this many sentences back
_DATE_REACH = 2  # sentences back in which "damals" finds the time it points to
_SUBJECT_SHARE = 0.5  # an actor mentioned at least half as often as the most-mentioned one is a subject


def _has_number(view: SentenceView, measured: frozenset[str]) -> bool:
    """A cheap look for a number before the figure rules run (French number words by their pattern;
    "one" only before a counted noun: "One child has died")."""
    if _NUMBER_WORD.search(view.text):
        return True
    if any(match.group(1).lower() in measured for match in _ONE_BEFORE.finditer(view.text)):
        return True
    words = word_number_pattern(view.language)
    return words is not None and words.search(view.text) is not None


# every number word the number reader knows ("Thirty people died", "dreißig Tote"): a sentence
# with only a word number the list missed was never searched for figures
_NUMBER_WORD = re.compile(
    r"\d|tausend|million|milliard|hundert|dutzend|thousand|hundred|dozen|billion"
    rf"|\b(?:{'|'.join(word for word in (*EN_MORPHEMES, *DE_MORPHEMES) if word not in ('ein', 'one'))})",
    re.IGNORECASE,
)


_ONE_BEFORE = re.compile(r"\bone\s+([^\W\d_]+)", re.IGNORECASE)


class ClaimEngine:
    """Build once per configuration, then ``analyze`` many articles."""

    def __init__(self, watchlist: Sequence[ActorSpec], claims: Sequence[ClaimSpec]) -> None:
        self._watchlist = Watchlist(watchlist)
        # cities and regions of the watchlist's countries that it does not list (for scope)
        self._places = PlaceIndex(watchlist, claims)
        self._actors = ActorMap(self._watchlist, self._places)
        self._claims = list(claims)
        self._terms = compile_terms(self._claims)
        self._count_cues = CountCues(self._claims)
        self._figure_rules = FigureRules(self._claims, self._actors)
        self._status_rules = StatusRules(self._claims, self._actors)
        self._attributor = Attributor(self._watchlist, self._places.country_codes)
        self._assembler = FindingAssembler(self._attributor, self._watchlist, self._actors)
        self._claim_actors = frozenset(actor for claim in self._claims for actor in claim.actors)
        self._claim_free_of_actors = any(not claim.actors for claim in self._claims)
        # figure claims about what happened at a place: an article naming no place may be about it
        self._place_claims = any(
            claim.kind == "figure" and claim.actors and set(claim.actors) <= set(claim.scope.places)
            for claim in self._claims
        )
        # single-word units a claim counts although they measure rather than count ("Prozent", "%")
        self._measured = frozenset(
            term.strip().lower()
            for claim in self._claims
            for terms in claim.units.values()
            for term in terms
            if len(term.split()) == 1
        )

    @classmethod
    def from_config(cls, watchlist: Sequence[ActorSpec], claims: Sequence[ClaimSpec]) -> ClaimEngine:
        return cls(watchlist, claims)

    @property
    def watchlist(self) -> Watchlist:
        return self._watchlist

    def analyze(
        self,
        text: str,
        language: str | None = None,
        title: str | None = None,
        explanation: Explanation | None = None,
        published: date | None = None,
    ) -> Analysis:
        """Actors and claim findings of one article; ``explanation``, when given, is filled with
        why each finding was taken and each number of a sentence with a unit term was not;
        ``published``, the article's date, places a month named without its year ("Im September")."""
        if title and title.strip() and title.strip() not in text[: len(title) + 400]:
            text = f"{title.strip()}\n{text}"
        language = language if language is not None and lexicon().knows(language) else guess_language(text)
        hits = self._watchlist.find(text)
        mentions = Counter(hit.actor_id for hit in hits)
        actors = [ActorMention(actor_id, count) for actor_id, count in sorted(mentions.items())]
        if not self._may_hold_claims(hits):
            return Analysis(language=language, actors=actors, claims=[])
        article = self._prepare(text, language, hits, title)
        article.explanation = explanation
        article.published = published
        article.cue_claims = frozenset(
            label.split(":", 1)[1]
            for terms in article.terms
            for label in terms.by_label
            if label.startswith("cue:")
        )
        article.place_counts = dict(
            Counter(hit.actor_id for hit in hits if self._actors.kind(hit.actor_id) in ("country", "place"))
        )
        pending = self._observe(article)
        claims = self._assembler.findings(article, pending)
        return Analysis(language=language, actors=actors, claims=claims)

    def _may_hold_claims(self, hits: list[ActorHit]) -> bool:
        """Every claim is about its actors: an article naming none of them holds no observation."""
        if self._claim_free_of_actors:
            return True
        if self._place_claims and not any(
            self._actors.kind(hit.actor_id) in ("country", "place") for hit in hits
        ):
            return True  # "die Wahlbeteiligung lag bei 82 Prozent" in a paper that never says where
        return any(self._actors.lineage(hit.actor_id) & self._claim_actors for hit in hits)

    # -- preparation ---------------------------------------------------------

    def _prepare(self, text: str, language: str, hits: list[ActorHit], title: str | None) -> PreparedArticle:
        furniture = page_furniture(text)
        sentences = [
            sentence
            for sentence in split_sentences(text, language)
            if not any(start <= sentence.start < end for start, end in furniture)
        ]
        rules = grammar(language)
        tokens = tokenize(text, rules.elisions, gender_marks=bool(rules.feminine_endings))
        token_starts = [token.start for token in tokens]
        hit_starts = [hit.start for hit in hits]
        place_hits = self._places.find(tokens, hits)
        place_starts = [hit.start for hit in place_hits]
        named = tuple(dict.fromkeys(hit.actor_id for hit in hits))  # every actor the article names
        newlines = [match.start() for match in re.finditer(r"\n", text)]
        quotes = quote_spans(text, language)
        quote_starts = [start for start, _ in quotes]
        views: list[SentenceView] = []
        terms: list[SentenceTerms] = []
        open_at_end: list[bool] = []
        for sentence in sentences:
            first = bisect_left(token_starts, sentence.start)
            last = bisect_left(token_starts, sentence.end)
            sentence_tokens = tokens[first:last]
            sentence_hits = hits[
                bisect_left(hit_starts, sentence.start) : bisect_left(hit_starts, sentence.end)
            ]
            language_here = sentence_language(sentence.text, sentence.start, sentence_hits, language)
            quoted, open_end = quoted_tokens(sentence_tokens, quotes, quote_starts, sentence.end)
            view = SentenceView(
                text=sentence.text,
                start=sentence.start,
                end=sentence.end,
                language=language_here,
                tokens=sentence_tokens,
                hits=sentence_hits,
                paragraph=bisect_right(newlines, sentence.start),
                quoted=quoted,
                context=_recent_actors(hits, bisect_left(hit_starts, sentence.start)),
                article_actors=named,
                places=place_hits[
                    bisect_left(place_starts, sentence.start) : bisect_left(place_starts, sentence.end)
                ],
            )
            views.append(view)
            matches = self._terms.find(sentence_tokens, (language_here,))
            terms.append(SentenceTerms(self._count_cues.add_cues(sentence_tokens, matches, language_here)))
            open_at_end.append(open_end)
        subjects = self._subjects(hits, text, title)
        return PreparedArticle(text, language, views, terms, subjects, quote_open_at_end=open_at_end)

    def _subjects(self, hits: list[ActorHit], text: str, title: str | None) -> frozenset[str]:
        """Who the article is about: actors in the title and the most-mentioned ones."""
        counts: Counter[str] = Counter()
        for hit in hits:
            for actor_id in self._actors.lineage(hit.actor_id):
                counts[actor_id] += 1
        subjects: set[str] = set()
        if counts:
            top = max(counts.values())
            subjects.update(actor_id for actor_id, count in counts.items() if count >= _SUBJECT_SHARE * top)
        if title:
            for hit in self._watchlist.find(title):
                subjects.update(self._actors.lineage(hit.actor_id))
        return frozenset(subjects)

    # -- observation ---------------------------------------------------------

    def _observe(self, article: PreparedArticle) -> list[PendingFinding]:
        pending: list[PendingFinding] = []
        previous: tuple[int, Binding] | None = None
        about_before: set[str] = set()
        topics_named: set[str] = set()  # status claims whose topic an earlier sentence named
        for index, (view, terms) in enumerate(zip(article.views, article.terms, strict=True)):
            recent = previous[1] if previous and index - previous[0] <= _ELLIPSIS_REACH else None
            has_unit = any(label.startswith(("unit:", "measure")) for label in terms.by_label)
            borrowable = index > 0 and has_unit_term(article.terms[index - 1])
            if (
                has_unit or recent is not None or borrowable or paragraph_has_topic(article, index)
            ) and _has_number(view, self._measured):
                found, binding = self._observe_figures(article, index, view, terms, recent)
                pending.extend(found)
                if binding is not None:
                    previous = (index, binding)
            about_now: set[str] = set()
            named_here = {label[6:] for label in terms.by_label if label.startswith("topic:")}
            back_references = self._status_rules.head_references(view, topics_named - named_here)
            topics_named |= named_here
            if back_references:
                # "die Pause" after "die Feuerpause": the head of the compound names the topic
                terms = SentenceTerms([*(m for ms in terms.by_label.values() for m in ms), *back_references])
            if any(label.startswith("topic:") for label in terms.by_label) or about_before:
                pending.extend(self._observe_status(article, index, view, terms, about_before, about_now))
            about_before = about_now
        return pending

    def _observe_figures(
        self,
        article: PreparedArticle,
        index: int,
        view: SentenceView,
        terms: SentenceTerms,
        recent: Binding | None,
    ) -> tuple[list[PendingFinding], Binding | None]:
        bound: list[tuple[Figure, int, int, Binding]] = []
        last_binding: Binding | None = None
        figure_spans: list[tuple[int, int]] = []
        for figure in find_figures(view.text, view.language, self._measured):
            if cut_off_at_end(article.text, view.end, view.start + figure.end, view.tokens):
                continue  # "The death toll has climbed to 4" where the page ends: digits may be lost
            first, last = token_span(view.tokens, view.start + figure.start, view.start + figure.end)
            if first < 0:
                continue
            figure_spans.append((first, last))
            binding = None
            if is_bare(view, last) and reported_number(view.tokens, first, last):
                # "Seoul's spy agency said 10,000, while Kyiv put it at 12,000": the sentence's topic
                binding = self._figure_rules.topic_in_sentence(view, terms, first, last)
            binding = binding or self._figure_rules.bind(view, terms, first, last, last_binding or recent)
            inherited = last_binding or recent
            if (
                binding is None
                and inherited is not None
                and (
                    figure.qualifier == "additional"
                    or (last_binding is not None and is_bare(view, last) and _coordinated(view.tokens, first))
                    # "the ministry reported 40 deaths and the UN 55": a gapped clause keeps the unit
                    or (
                        bound
                        and is_bare(view, last)
                        and shares_unit_with(self._attributor, view, first, bound[-1][2])
                    )
                    # "..., while Kyiv put the number at 12,000": the number of the things just counted
                    or (is_bare(view, last) and counted_before(terms, first, view.tokens))
                )
            ):
                # "3500 weitere wurden verwundet"; "300 Soldaten getötet und 2.700 verwundet"
                binding = Binding(inherited.claims, inherited.owners, first, last)
            if binding is None and is_bare(view, last) and not has_unit_term(terms, first, view.tokens):
                # "Wie viele Soldaten ...? - Etwa 11.000."; "... schickt Soldaten. Jetzt sind es 11.000."
                binding = self._unit_from_previous(article, index, first, last, recent)
                if binding is not None and not self._part_of_named_group(article, index, first, last):
                    article.borrowed_cues[index] = cue_claims(article.terms[index - 1])
            if binding is None and is_bare(view, last) and reported_number(view.tokens, first, last):
                # "Die Polizei zählte 100.000": what the paragraph counts, by its cues and place
                binding = reported_topic(self._figure_rules, article, index, first, last)
                if binding is not None:
                    borrowed = article.borrowed_cues.get(index, frozenset())
                    # the paragraph's cues; naming none, the article's ("Both methods have weaknesses.
                    # ... the geographer arrived at 120,000 to 160,000" in a piece about the crowd)
                    cues = paragraph_cues(article, index) or (article.cue_claims & binding.claims)
                    article.borrowed_cues[index] = borrowed | cues
            if binding is None:
                if article.explanation is not None and has_unit_term(terms):
                    why = "no unit term of a claim attached to it (it counts something else)"
                    article.explanation.add(
                        index, view, False, number_text(view, figure.start, figure.end), why
                    )
                continue
            bound.append((figure, first, last, binding))
            last_binding = binding
        if not bound:
            return [], None
        spans = tuple(span for _, _, _, binding in bound for span in _binding_spans(view, binding))
        article.own_spans[index] = spans
        source = self._assembler.explicit(article, index, spans)
        skip = [(source.phrase_start, source.phrase_end)] if source else []
        speaker = [(source.start, source.end)] if source else []  # the speaker's own mention
        # a figure naming no place is about its speaker's country or region ("nach Angaben der
        # Zentralregierung 222 Tote" after a paragraph on Valencia: Spain's count)
        source_place = self._actors.jurisdiction(source.actor_id) if source and source.actor_id else None
        sentence_actors = sentence_actor_ids(view.hits, self._actors, skip)
        owners = possible_owners(view, self._actors, [*skip, *spans])
        if names_own_side(view.tokens):
            owners.add("own-side")
        carried_cues: frozenset[str] = frozenset()
        if index > 0 and article.views[index - 1].paragraph == view.paragraph:
            # a second figure right after one of the same claim ("... Granaten geliefert. Allein 2024
            # waren es drei Millionen Geschosse"), or "Die Lieferungen ... Sie umfassten ..."
            carried_cues = article.figure_claims.get(index - 1, frozenset())
            if opens_with_anaphor(view.tokens):
                carried_cues |= cue_claims(article.terms[index - 1])
        carried_cues |= article.borrowed_cues.get(index, frozenset())
        if source is not None:
            # "MÜNCHEN: Die Polizei musste die Demo abbrechen. Laut Veranstaltern waren 250.000 Menschen
            # da": the paragraph has said what happened; a source's figure of its unit need not say it
            # again (a figure without a source is the writer's aside: "ein Kontingent von 241.000 Pilgern")
            for back in paragraph_before(article, index):
                carried_cues |= cue_claims(article.terms[back])
        out: list[PendingFinding] = []
        # the claims of the figures a sub-count may divide: this sentence's earlier ones, the last sentence's
        divided = set(article.figure_claims.get(index - 1, frozenset()))
        # two speakers: "Seoul said 10,000, while Kyiv put it at 12,000", "X says ...; Y denies",
        # "In Syria, where the White Helmets said ..., the UN has estimated 5,900"
        several_speakers = self._attributor.reporting_verbs(view) > 1
        # "Beim Austausch im August 2024 ... Damals wurden 26 Menschen ausgetauscht": the time
        # "damals" points to is the last one named before (an interview's question names it
        # in the paragraph before the answer)
        years_before = next(
            (
                named
                for back in range(index - 1, max(-1, index - 1 - _DATE_REACH), -1)
                if (named := years_named(article.views[back].tokens))
            ),
            (),
        )
        for figure, first, last, binding in bound:
            why_not: dict[str, str] = {}
            # "2.000 Tote, darunter 300 Kinder": a part of the figure before, not a total
            marker = subcount_marker(view.tokens, first)
            subcount = (marker, frozenset(divided)) if marker and divided else None
            claim = self._figure_rules.choose(
                view,
                terms,
                binding,
                figure,
                first,
                last,
                sentence_actors,
                article.subjects,
                owners,
                carried_cues,
                figure_spans,
                speaker,
                why_not,
                self._context_place(article, index),
                article.place_counts,
                article.cue_claims,
                source_place,
                subcount,
                years_before,
                published=article.published,
            )
            note = ""
            if claim is not None and subcount is not None:
                # "95 dead across Spain. Of those, 92 died in the Valencia region": the part is the
                # count of its own place's claim
                whole = ", ".join(sorted(divided))
                note = f"sub-count ({marker!r}) of the {whole} figure before, taken as {claim}'s own count"
            expected = forecast_marker(view.tokens, first, last, view.language) if claim else None
            if claim is not None and expected:
                # "rechnet mit bis zu 50.000 Teilnehmenden": an expectation is no observation (dropped,
                # not flagged: see figure_forecast)
                why_not[claim] = f"forecast ({expected!r}): an expectation, not a count"
                claim = None
            if claim is None and article.explanation is not None:
                reasons = "; ".join(f"{c}: {r}" for c, r in sorted(why_not.items())) or (
                    "exclusion: another claim's exclusion is nearer than any cue"
                )
                article.explanation.add(
                    index, view, False, number_text(view, figure.start, figure.end), reasons
                )
            if claim is not None:
                # Two speakers in one sentence ("Seoul said 10,000, while Kyiv put it at 12,000"):
                # each figure is its own clause's speaker's.
                speaker_at = first if several_speakers else None
                out.append(PendingFinding(index, claim, figure, None, spans, speaker_at, note=note))
                divided.add(claim)
        article.figure_claims[index] = frozenset(item.claim for item in out)
        return out, last_binding

    def _part_of_named_group(self, article: PreparedArticle, index: int, first: int, last: int) -> bool:
        """ "Survivors were taken to the port. Thirty were treated in hospital": a number as the
        subject of its clause, after a sentence that named the counted things without a figure, says
        something new about some of them; what happened to them is its own sentence's cue, not the
        one before (which "Washington estimates that about 9,000 are deployed" has)."""
        view = article.views[index]
        tokens = view.tokens
        subject = last + 1 < len(tokens) and tokens[last + 1].norm in _SUBJECT_VERBS
        previous = article.views[index - 1]
        question = bool(previous.tokens) and previous.tokens[-1].norm == "?"
        return (
            subject
            and not question
            and not article.figure_claims.get(index - 1)
            and not refers_back(tokens)
            and not reported_number(tokens, first, last)
        )

    def _context_place(self, article: PreparedArticle, index: int) -> str | None:
        """The last country or place the two sentences before named in a location phrase, in the
        same paragraph ("In Syrien ist die Lage unklar. Die Regierung meldete 1.400 Tote")."""
        paragraph = article.views[index].paragraph
        for back in (index - 1, index - 2):
            if back < 0 or article.views[back].paragraph != paragraph:
                return None
            places = located_places(article.views[back], self._actors)
            if places:
                return places[-1]
            opening = opening_place(article.views[back], self._actors)  # "BERLIN: Vor dem Reichstag"
            if opening is not None:
                return opening
        return None

    def _unit_from_previous(
        self, article: PreparedArticle, index: int, first: int, last: int, recent: Binding | None
    ) -> Binding | None:
        """The unit a bare number takes from the sentence before: a question ("How many troops ...?")
        or a sentence the current one points back to ("es", "it", "davon", "insgesamt"), or whose
        counted things the number is the subject of ("12,000 had arrived", "said 12,000").

        The topic is the previous sentence's own figure when it had one (its claims and owners), else
        the last unit it names with the owners of that noun phrase."""
        if index == 0:
            return None
        view, previous = article.views[index], article.views[index - 1]
        question = bool(previous.tokens) and previous.tokens[-1].norm == "?"
        # "about 9,000 are deployed near the front": the number is the subject, its noun left out
        elliptic_subject = last + 1 < len(view.tokens) and view.tokens[last + 1].norm in _SUBJECT_VERBS
        pointing = refers_back(view.tokens) or elliptic_subject or reported_number(view.tokens, first, last)
        if not question and (previous.paragraph != view.paragraph or not pointing):
            return None
        # "Of those, maybe 1,000 were killed": a unit word after the number ("killed") says which of
        # the counted things it is; the cue then decides.
        here = frozenset(
            label.split(":", 1)[1]
            for label, matches in article.terms[index].by_label.items()
            if label.startswith("unit:")
            for match in matches
            if match.first > last
        )
        if recent is not None and article.figure_claims.get(index - 1):
            return Binding(recent.claims | here, recent.owners, first, last)
        mention = self._figure_rules.unit_mention(previous, article.terms[index - 1])
        if mention is None:
            return None
        claims, owners, _, _ = mention
        return Binding(claims | here, owners, first, last)

    def _observe_status(
        self,
        article: PreparedArticle,
        index: int,
        view: SentenceView,
        terms: SentenceTerms,
        about_before: set[str],
        about_now: set[str],
    ) -> list[PendingFinding]:
        sentence_actors = sentence_actor_ids(view.hits, self._actors, ())
        out: list[PendingFinding] = []
        observations, about = self._status_rules.observe(
            view, terms, sentence_actors, article.subjects, lambda claim: claim in about_before
        )
        about_now.update(about)
        for observation in observations:
            exclude = (observation.span,) if observation.span != (0, 0) else ()
            if observation.needs_source:
                if self._assembler.explicit(
                    article, index, exclude
                ) is None and not self._attributor.has_reporting_verb(view):
                    continue
                if self._assembler.source(article, index, exclude) is None:
                    continue
            out.append(
                PendingFinding(
                    index,
                    observation.claim,
                    None,
                    observation.polarity,
                    exclude,
                    observation.cue,
                    observation.recalled,
                )
            )
        return out


_SUBJECT_VERBS = frozenset(
    "are were have has had remain sind seien waren wurden haben hatten hätten befinden kämpfen".split()
)
_COORDINATORS = frozenset("und oder sowie , davon darunter and or while including among whereas".split())


_CONTEXT_HITS = 40  # how far back "the agency" may look for the body it names


def _recent_actors(hits: Sequence[ActorHit], before: int) -> tuple[str, ...]:
    """Actors of the hits before index ``before``, most recent first, each once."""
    return tuple(
        dict.fromkeys(hit.actor_id for hit in reversed(hits[max(0, before - _CONTEXT_HITS) : before]))
    )


def _coordinated(tokens: Sequence[Token], first: int) -> bool:
    """ "300 getötet und 2.700 verwundet": the number is the second member of a coordination."""
    return first > 0 and tokens[first - 1].norm in _COORDINATORS


def _binding_spans(view: SentenceView, binding: Binding) -> list[tuple[int, int]]:
    tokens = view.tokens
    last_index = len(tokens) - 1
    return [(tokens[first].start, tokens[min(last, last_index)].end) for first, last in binding.occupied()]
