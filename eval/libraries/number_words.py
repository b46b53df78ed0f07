"""Reading number words: monitor.text.numbers.find (number_words.py) vs text2num (alpha2digit).

Accuracy on hand-labelled phrases (cases/number_words.yaml, German, English and French); speed in
ms per article over the project's articles (alpha2digit on the article text vs find_figures on
each sentence, which reads digits and qualifiers as well, so ours does more work per article), and
in microseconds per phrase for the labelled phrases. Run: python eval/libraries/number_words.py
"""

from __future__ import annotations

import re

from common import articles, cases, interleaved_ms, row
from text_to_num import alpha2digit  # noqa: E402

from monitor.text.numbers.find import find_figures  # noqa: E402
from monitor.text.words.sentences import split_sentences  # noqa: E402

_FIRST_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def ours(text: str, language: str) -> float | None:
    figures = find_figures(text, language)
    return figures[0].value if figures else None


def library(text: str, language: str) -> float | None:
    converted = alpha2digit(text, language)
    match = _FIRST_NUMBER.search(converted)
    if match is None:
        return None
    value = float(match.group().replace(",", "."))
    scale = converted[match.end() :].split()[:1]
    words = {"millionen": 10**6, "million": 10**6, "millions": 10**6, "mio": 10**6}
    return value * words.get(scale[0].lower(), 1) if scale else value


def main() -> None:
    labelled = cases("number_words.yaml")
    print(row("language", "phrases", "monitor (number_words.py)", "text2num"))
    print(row("---", "---", "---", "---"))
    for language in ("de", "en", "fr"):
        subset = [case for case in labelled if case["language"] == language]
        mine = sum(ours(case["text"], language) == case["value"] for case in subset)
        theirs = sum(library(case["text"], language) == case["value"] for case in subset)
        print(row(language, len(subset), mine, theirs))
    for name, reader in (("monitor", ours), ("text2num", library)):
        wrong = [
            (c["text"], reader(c["text"], c["language"]))
            for c in labelled
            if reader(c["text"], c["language"]) != c["value"]
        ]
        print(f"{name} wrong on: {wrong}")
    phrases = [(case["text"], case["language"]) for case in labelled]
    per_phrase = interleaved_ms(
        {"monitor": lambda p: ours(*p), "text2num": lambda p: library(*p)}, phrases * 20
    )
    print("µs/phrase: " + ", ".join(f"{name} {ms * 1000:.1f}" for name, ms in per_phrase.items()))
    texts = [(language, text) for _, language, text in articles() if language in ("de", "en", "fr")]

    def ours_article(item: tuple[str, str]) -> None:
        for sentence in split_sentences(item[1], item[0]):
            find_figures(sentence.text, item[0])

    timing = interleaved_ms(
        {"find_figures": ours_article, "alpha2digit": lambda item: alpha2digit(item[1], item[0])},
        texts,
        rounds=3,
    )
    print("ms/article: " + ", ".join(f"{name} {ms:.2f}" for name, ms in timing.items()))


if __name__ == "__main__":
    main()
