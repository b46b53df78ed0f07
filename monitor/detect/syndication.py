"""Agency copy: one report reprinted by many outlets is one voice, not many.

Outlets run a wire story (dpa, AFP, Reuters, AP) with a new headline, a
trimmed ending, a changed word or a paragraph of their own. Texts are
compared as sets of word 5-grams ("shingles"): MinHash signatures and an LSH
index (datasketch) find the candidate pairs without comparing every text
with every other, and a candidate is a copy when most of the shorter text's
shingles occur in the longer one (the overlap coefficient: a trimmed copy
keeps a high overlap although its Jaccard similarity drops). Groups are the
connected copies; the earliest article (smallest id) is the original.

Where a text credits an agency ("Seoul (dpa) -", "(AFP)", "Reuters
reported"), unattributed figures in the whole group are the agency's.
Pure: no I/O. Measured on eval/syndication (python eval/syndication/score.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
# candidates: a low Jaccard bar (trimmed copies); copies: most of the shorter text reappears
LSH_THRESHOLD = 0.1
MIN_OVERLAP = 0.35
# texts too short to tell a copy from a shared phrase are never grouped
MIN_SHINGLES = 12

_WORD = re.compile(r"\w+", re.UNICODE)
# credits as agencies print them: "Berlin (dpa) -", "(AFP)", "dpa/AFP", "Reuters reported", ...
_AGENCY_CREDITS: dict[str, re.Pattern[str]] = {
    "dpa": re.compile(r"\(dpa\)|\bdpa[/-]|\bDeutsche Presse-Agentur\b|\bdpa\b", re.IGNORECASE),
    "afp": re.compile(r"\(AFP\)|\bAFP\b|\bAgence France-Presse\b"),
    "reuters": re.compile(r"\(Reuters\)|\bReuters\b"),
    "ap": re.compile(r"\(AP\)|\bAssociated Press\b"),
}


def agency_of(text: str) -> str | None:
    """The news agency a text credits, looking at its first and last lines, where credits stand."""
    head, tail = text[:300], text[-200:]
    for agency, pattern in _AGENCY_CREDITS.items():
        if pattern.search(head) or pattern.search(tail):
            return agency
    return None


def shingles(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = _WORD.findall(folded)
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@dataclass(frozen=True)
class Syndication:
    original: dict[int, int]  # article id -> the id of its group's original (itself when alone)
    agency: dict[int, str]  # article id -> the agency its group credits, when one does

    def copies_of(self, article_id: int) -> list[int]:
        return sorted(a for a, o in self.original.items() if o == article_id and a != article_id)


def group_syndicated(texts: Mapping[int, str]) -> Syndication:
    """Group near-duplicate texts (article id -> text)."""
    sets = {article_id: shingles(text) for article_id, text in texts.items()}
    usable = {article_id: found for article_id, found in sets.items() if len(found) >= MIN_SHINGLES}
    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, MinHash] = {}
    for article_id in sorted(usable):
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([s.encode("utf-8") for s in usable[article_id]])
        signatures[article_id] = signature
        index.insert(article_id, signature)
    parent = {article_id: article_id for article_id in texts}

    def root(article_id: int) -> int:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    for article_id, signature in signatures.items():
        for other in index.query(signature):
            if other <= article_id:
                continue
            one, two = usable[article_id], usable[other]
            if len(one & two) / min(len(one), len(two)) >= MIN_OVERLAP:
                a, b = root(article_id), root(other)
                parent[max(a, b)] = min(a, b)  # the earliest article stays the original
    original = {article_id: root(article_id) for article_id in texts}
    credited: dict[int, str] = {}
    for article_id in sorted(texts):
        found = agency_of(texts[article_id])
        if found is not None:
            credited.setdefault(original[article_id], found)
    agencies = {a: credited[o] for a, o in original.items() if o in credited}
    return Syndication(original=original, agency=agencies)


def independent_voice(
    voice: str, *, attributed: bool, article_id: int, syndication: Syndication | None
) -> str:
    """Who really stands behind an observation once agency copy is one voice.

    An attributed statement keeps its speaker ("nis" in ten papers is still
    NIS). An unattributed figure is the outlet's own voice, unless the text is
    a copy: then it is the agency's (when the group credits one), else the
    original article's.
    """
    if attributed or syndication is None:
        return voice
    agency = syndication.agency.get(article_id)
    if agency is not None:
        return f"agency:{agency}"
    original = syndication.original.get(article_id, article_id)
    alone = original == article_id and not syndication.copies_of(article_id)
    return voice if alone else f"story:{original}"
