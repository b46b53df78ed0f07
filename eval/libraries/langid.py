"""Language identification: monitor.text.words.language.guess_language vs py3langid.

Accuracy on the project's articles (language from the gold files and manifests) and on the golden
passages of tests/text (one to three sentences each, the hard case), both restricted to the
languages the lexicon has (py3langid via set_languages, so neither may answer another language);
speed in ms per article, interleaved rounds. Run: python eval/libraries/langid.py
"""

from __future__ import annotations

import py3langid  # noqa: E402
from common import articles, interleaved_ms, passages, row
from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: E402

from monitor.text.lexicon import lexicon  # noqa: E402
from monitor.text.words.language import guess_language  # noqa: E402

LANGUAGES = list(lexicon().languages)
_IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE)
_IDENTIFIER.set_languages(LANGUAGES)


def ours(text: str) -> str:
    return guess_language(text)


def library(text: str) -> str:
    language: str = _IDENTIFIER.classify(text)[0]
    return language


def main() -> None:
    assert py3langid.__name__
    sets = {"articles": [(lang, text) for _, lang, text in articles()], "passages": passages()}
    print(row("set", "items", "guess_language correct", "py3langid correct"))
    print(row("---", "---", "---", "---"))
    for name, items in sets.items():
        mine = sum(ours(text) == lang for lang, text in items)
        theirs = sum(library(text) == lang for lang, text in items)
        print(
            row(
                name, len(items), f"{mine} ({mine / len(items):.1%})", f"{theirs} ({theirs / len(items):.1%})"
            )
        )
    for name, items in sets.items():
        wrong_ours = [(lang, text[:60]) for lang, text in items if ours(text) != lang]
        wrong_lib = [(lang, text[:60]) for lang, text in items if library(text) != lang]
        print(
            f"\n{name}: guess_language wrong on {wrong_ours[:6]}\n{name}: py3langid wrong on {wrong_lib[:6]}"
        )
    texts = [text for _, _, text in articles()]
    timing = interleaved_ms({"guess_language": ours, "py3langid": library}, texts)
    print("\nms/article: " + ", ".join(f"{name} {ms:.3f}" for name, ms in timing.items()))


if __name__ == "__main__":
    main()
