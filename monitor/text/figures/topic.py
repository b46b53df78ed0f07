"""What a paragraph is counting: the topic a bare reported number takes ("Die Polizei zählte
100.000", "organisers said 350,000", "Auf 350.000 bezifferten die Veranstalter die Menge").

News text names the counted things once and then lets each source give its number without them:
"In Munich the crowd filled the square. Police counted 100,000; the organisers said 250,000." A
bare number carried by a reporting construction (``figure_context.reported_number``) then counts
what the paragraph counts: the unit of the nearest sentence of the paragraph that names one (its
own clause before the number first), else the claims whose cue the paragraph names. Which of those
claims it is - the Munich or the Berlin crowd - the usual choice decides (cue, place); the
paragraph's cues count for it, and so does the place a paragraph opens with ("BERLIN: ...",
"Berlin shows the same gap.").

Pure: no I/O.
"""

from __future__ import annotations

from monitor.text.claims import FigureRules
from monitor.text.figures.context import Binding, cue_claims, has_unit_term
from monitor.text.finding_assembly import PreparedArticle
from monitor.text.words.language import ActorMap, SentenceView

_PARAGRAPH_REACH = 6  # sentences of the paragraph before the number that may name what it counts
# sentences before it (across paragraphs) that may name what a paragraph naming nothing counts:
# "... the size of Sunday's crowd ... 250,000. // Berlin shows the same gap. Police settled on 100,000"
_ARTICLE_REACH = 8


def paragraph_before(article: PreparedArticle, index: int) -> list[int]:
    """The sentences of sentence ``index``'s paragraph before it, nearest first."""
    paragraph = article.views[index].paragraph
    found = []
    for back in range(index - 1, max(-1, index - 1 - _PARAGRAPH_REACH), -1):
        if article.views[back].paragraph != paragraph:
            break
        found.append(back)
    return found


def paragraph_cues(article: PreparedArticle, index: int) -> frozenset[str]:
    """Claims whose cue the paragraph names up to and including sentence ``index``."""
    cues = cue_claims(article.terms[index])
    for back in paragraph_before(article, index):
        cues |= cue_claims(article.terms[back])
    return cues


def paragraph_has_topic(article: PreparedArticle, index: int) -> bool:
    """Does the paragraph up to sentence ``index`` name a unit or a cue (so a bare number there may
    be a figure)? The sentence's own cue counts: "Police put the crowd at 100,000"."""
    if _paragraph_names_topic(article, index):
        return True
    # a paragraph that names nothing ("Berlin shows the same gap.") continues what the article counts
    return any(
        label.startswith("unit:")
        for back in article_before(article, index)
        for label in article.terms[back].by_label
    )


def article_before(article: PreparedArticle, index: int) -> list[int]:
    """The sentences before sentence ``index`` (any paragraph) within reach, nearest first."""
    return list(range(index - 1, max(-1, index - 1 - _ARTICLE_REACH), -1))


def _paragraph_names_topic(article: PreparedArticle, index: int) -> bool:
    """Does sentence ``index``'s paragraph name a cue of a claim up to it, or a unit before it?"""
    if any(label.startswith("cue:") for label in article.terms[index].by_label):
        return True
    return any(
        label.startswith(("unit:", "cue:"))
        for back in paragraph_before(article, index)
        for label in article.terms[back].by_label
    )


def reported_topic(
    rules: FigureRules, article: PreparedArticle, index: int, first: int, last: int
) -> Binding | None:
    """The binding of a bare reported number at tokens first..last of sentence ``index``."""
    view, terms = article.views[index], article.terms[index]
    mention = rules.unit_mention(view, terms, before=first)
    if mention is None:
        for back in paragraph_before(article, index):
            mention = rules.unit_mention(article.views[back], article.terms[back])
            if mention is not None:
                break
    if mention is not None:
        claims, owners, _, _ = mention
        return Binding(claims, owners, first, last)
    cues = paragraph_cues(article, index)
    if cues:
        return Binding(cues, frozenset(), first, last)
    if _paragraph_names_topic(article, index) or has_unit_term(terms):
        return None  # the paragraph counts something, but no claim's thing
    for back in article_before(article, index):
        mention = rules.unit_mention(article.views[back], article.terms[back])
        if mention is not None:
            claims, owners, _, _ = mention
            return Binding(claims, owners, first, last)
    return None


def opening_place(view: SentenceView, actors: ActorMap) -> str | None:
    """A place a sentence opens with ("BERLIN: Vor dem Reichstag ...", "Berlin shows the same gap"):
    what the paragraph's later sentences are about when they name no place."""
    if not view.tokens or _dateline(view):
        return None
    first = view.tokens[0]
    for hit in view.hits:
        if hit.start == first.start and actors.kind(hit.actor_id) in ("country", "place"):
            return hit.actor_id
    return None


_DATELINE_REACH = 12  # "KALAMATA, Greece, June 14 (Continental Wire) –": the words before the dash
_DASHES = frozenset("- – —".split())


def _dateline(view: SentenceView) -> bool:
    """Does the sentence open with a dateline ("KALAMATA, Greece, June 14 (Continental Wire) –",
    "ATHEN (dpa) –")? Its place is where the report was filed, not what the paragraph is about."""
    tokens = view.tokens[:_DATELINE_REACH]
    words = [token.norm for token in tokens]
    if ")" not in words:
        return False
    closing = words.index(")")
    return "(" in words[:closing] and closing + 1 < len(words) and words[closing + 1] in _DASHES
