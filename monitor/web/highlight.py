"""The article page's marked-up text and the explanation of each finding."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from monitor.config import Config
from monitor.store.article_queries import ArticleDetail
from monitor.store.observation_queries import ObservationView
from monitor.web.present import said, who

QUALIFIER_WHY = {
    "exact": "an exact figure",
    "about": "'about' widens it by the claim's about-margin",
    "more_than": "'more than' allows up to the claim's more-than margin above it",
    "at_least": "'at least' allows up to the claim's more-than margin above it",
    "up_to": "'up to' allows down to the claim's margin below it",
    "several": "'several' names a range, not one figure",
    "additional": "an additional amount (a delta): never compared with totals",
}


def actor_names(config: Config, article: ArticleDetail) -> list[tuple[str, str]]:
    """(name, actor id) of every watchlist name of the actors found in the article, longest first."""
    names: list[tuple[str, str]] = []
    for actor in config.watchlist:
        if actor.id not in article.actors:
            continue
        for terms in actor.names.values():
            names.extend((term, actor.id) for term in terms if len(term) > 1)
    return sorted(set(names), key=lambda pair: -len(pair[0]))


def _spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    found = []
    for needle in needles:
        needle = needle.strip()
        if len(needle) < 8:
            continue
        at = text.find(needle)
        if at < 0:  # the stored sentence may have its whitespace folded
            pattern = r"\s+".join(re.escape(part) for part in needle.split())
            match = re.search(pattern, text)
            if match is None:
                continue
            found.append((match.start(), match.end()))
        else:
            found.append((at, at + len(needle)))
    return found


def mark(text: str, sentences: Sequence[str], names: Sequence[tuple[str, str]]) -> Markup:
    """The text escaped, with the sentences findings came from and the actors' names marked."""
    sentence_spans = _spans(text, sentences)
    name_spans: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for name, actor_id in names:
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"\w{0,3}(?!\w)", text, re.IGNORECASE):
            if not any(taken[match.start() : match.end()]):
                name_spans.append((match.start(), match.end(), actor_id))
                for i in range(match.start(), match.end()):
                    taken[i] = True
    cuts = sorted(
        {0, len(text)} | {p for s in sentence_spans for p in s} | {p for s in name_spans for p in s[:2]}
    )
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[start:end]))
        actor = next((a for s, e, a in name_spans if s <= start and end <= e), None)
        if actor is not None:
            piece = f'<mark class="actor" title="actor: {escape(actor)}">{piece}</mark>'
        if any(s <= start and end <= e for s, e in sentence_spans):
            piece = f'<mark class="finding">{piece}</mark>'
        out.append(piece)
    paragraphs = "".join(out).split("\n")
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs if p.strip()))


def explain(view: ObservationView) -> list[str]:
    """Why this finding reads as it does, from what the engine stored with it."""
    lines = []
    if view.polarity is None:
        lines.append(f"figure {said(view)}: {QUALIFIER_WHY.get(view.qualifier, view.qualifier)}")
        if view.span_low is not None and view.span_high is not None:
            lines.append(f"compared as the interval {view.span_low:,.0f} to {view.span_high:,.0f}")
    else:
        lines.append(f"statement: {view.polarity}")
    lines.append(
        f"attributed to {who(view)}" if view.source else "no speaker found: the outlet's own statement"
    )
    if view.speaks_for and view.speaks_for != view.source:
        lines.append(f"{view.source} speaks for {view.speaks_for}: it counts as {view.speaks_for}'s position")
    if view.recalled:
        lines.append("recalled: told as said earlier, so no position at this article's date (no alert)")
    if view.wrong_at is not None:
        lines.append(f"marked wrong by {view.wrong_by}: left out of the history and of detection")
    return lines
