"""Matching inflected words: the generated inflections (monitor.text.words.language.TermIndex for claim
terms, monitor.text.actors.inflection via the Watchlist for names) vs simplemma lemmas.

Accuracy on hand-labelled pairs (cases/inflections.yaml: does the term or name match this word
form?). simplemma matches when the lemmas are equal word by word, and - to be fair to it - a
German noun also as the head of a compound, the rule TermIndex applies. Speed: one matching pass
over an article's tokens with every unit and cue term of the default feeds.yaml (and of
examples/fr/feeds.yaml for French), ms per article, interleaved rounds.
Run: python eval/libraries/lemmas.py
"""

from __future__ import annotations

import simplemma  # noqa: E402
from common import REPO, articles, cases, interleaved_ms, row

from monitor.config import load_config  # noqa: E402
from monitor.text.actors.find import Watchlist  # noqa: E402
from monitor.text.spec import ActorSpec  # noqa: E402
from monitor.text.words.language import TermIndex, tokenize  # noqa: E402

_COMPOUND_MIN = 5


def ours(case: dict[str, str]) -> bool:
    if case["kind"] == "name":
        watchlist = Watchlist([ActorSpec(id="x", names={case["language"]: [case["term"]]})])
        return bool(watchlist.find(case["form"]))
    index = TermIndex()
    index.add("t", case["language"], [case["term"]])
    return bool(index.find(tokenize(case["form"]), (case["language"],)))


def _lemma(word: str, language: str) -> str:
    return str(simplemma.lemmatize(word, lang=language)).lower()


def library(case: dict[str, str]) -> bool:
    language = case["language"]
    terms, forms = case["term"].split(), case["form"].split()
    if len(terms) != len(forms):
        return False
    for term, form in zip(terms, forms, strict=True):
        a, b = _lemma(term, language), _lemma(form, language)
        compound_head = language == "de" and term[:1].isupper() and len(a) >= _COMPOUND_MIN and b.endswith(a)
        if a != b and not compound_head:
            return False
    return True


def _terms() -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for path in (REPO / "feeds.yaml", REPO / "examples/fr/feeds.yaml"):
        for claim in load_config(path).claims:
            for field in (claim.units, claim.cues):
                for language, terms in field.items():
                    by_language.setdefault(language, []).extend(terms)
    return by_language


def main() -> None:
    labelled = cases("inflections.yaml")
    print(row("language", "pairs", "generated inflections", "simplemma"))
    print(row("---", "---", "---", "---"))
    for language in ("de", "en", "fr"):
        subset = [case for case in labelled if case["language"] == language]
        mine = sum(ours(case) == case["match"] for case in subset)
        theirs = sum(library(case) == case["match"] for case in subset)
        print(row(language, len(subset), mine, theirs))
    for name, matcher in (("inflections", ours), ("simplemma", library)):
        wrong = [(c["term"], c["form"]) for c in labelled if matcher(c) != c["match"]]
        print(f"{name} wrong on: {wrong}")

    terms = _terms()
    index = TermIndex()
    lemma_index: dict[str, set[str]] = {}
    for language, words in terms.items():
        index.add("t", language, words)
        lemma_index[language] = {_lemma(w, language) for term in words for w in term.split()}
    texts = [(language, tokenize(text)) for _, language, text in articles() if language in terms]

    def match_ours(item: tuple[str, list]) -> int:  # type: ignore[type-arg]
        return len(index.find(item[1], (item[0],)))

    def match_lemmas(item: tuple[str, list]) -> int:  # type: ignore[type-arg]
        known = lemma_index[item[0]]
        return sum(1 for token in item[1] if token.is_word and _lemma(token.surface, item[0]) in known)

    timing = interleaved_ms({"TermIndex": match_ours, "simplemma": match_lemmas}, texts, rounds=3)
    print("ms/article: " + ", ".join(f"{name} {ms:.2f}" for name, ms in timing.items()))


if __name__ == "__main__":
    main()
