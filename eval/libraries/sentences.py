"""Sentence splitting: monitor.text.words.sentences.split_sentences vs SoMaJo (de_CMC / en_PTB).

Accuracy: boundary precision, recall and F1 on hand-labelled cases (cases/sentences.yaml: the
hard spots of news text - abbreviations, ordinals, decimals, quotes, agency datelines, a missing
space after the full stop); agreement of the two on the project's articles; speed in ms per article,
interleaved rounds. SoMaJo knows German and English only. Run: python eval/libraries/sentences.py
"""

from __future__ import annotations

from common import articles, cases, interleaved_ms, row
from somajo import SoMaJo  # noqa: E402

from monitor.text.words.sentences import split_sentences  # noqa: E402

_MODELS = {"de": "de_CMC", "en": "en_PTB"}
_TOKENIZERS = {
    lang: SoMaJo(model, split_camel_case=True, character_offsets=True) for lang, model in _MODELS.items()
}


def ours(text: str, language: str) -> set[int]:
    """End offsets of every sentence but the last."""
    ends = [sentence.end for sentence in split_sentences(text, language)]
    return set(ends[:-1])


def library(text: str, language: str) -> set[int]:
    """SoMaJo line by line (a line break ends a sentence for both splitters), offsets into ``text``."""
    ends, line_start = [], 0
    for line in text.split("\n"):
        if line.strip():
            for sentence in _TOKENIZERS[language].tokenize_text([line]):
                ends.append(line_start + sentence[-1].character_offset[1])
        line_start += len(line) + 1
    return set(ends[:-1])


def gold(case: dict[str, object]) -> tuple[str, set[int]]:
    sentences = [str(s) for s in case["sentences"]]  # type: ignore[attr-defined]
    text = str(case.get("text") or " ".join(sentences))
    ends, position = set(), 0
    for sentence in sentences[:-1]:
        position = text.index(sentence, position) + len(sentence)
        ends.add(position)
    return text, ends


def _score(splitter: object, labelled: list[tuple[str, str, set[int]]]) -> tuple[float, float, float, int]:
    tp = fp = fn = exact = 0
    for language, text, want in labelled:
        got = splitter(text, language)  # type: ignore[operator]
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        exact += got == want
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall), exact


def main() -> None:
    labelled = [(str(case["language"]), *gold(case)) for case in cases("sentences.yaml")]
    print(row("splitter", "precision", "recall", "F1", f"cases exactly right (of {len(labelled)})"))
    print(row("---", "---", "---", "---", "---"))
    for name, splitter in (("split_sentences", ours), ("SoMaJo", library)):
        precision, recall, f1, exact = _score(splitter, labelled)
        print(row(name, f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", exact))
    for name, splitter in (("split_sentences", ours), ("SoMaJo", library)):
        wrong = [text[:70] for language, text, want in labelled if splitter(text, language) != want]
        print(f"{name} wrong on: {wrong}")
    texts = [(language, text) for _, language, text in articles() if language in _MODELS]
    both = only_ours = only_theirs = 0
    for language, text in texts:
        a, b = ours(text, language), library(text, language)
        both, only_ours, only_theirs = both + len(a & b), only_ours + len(a - b), only_theirs + len(b - a)
    print(
        f"\narticles: {len(texts)}; boundaries both {both}, "
        f"only split_sentences {only_ours}, only SoMaJo {only_theirs}"
    )
    timing = interleaved_ms(
        {
            "split_sentences": lambda item: ours(item[1], item[0]),
            "SoMaJo": lambda item: library(item[1], item[0]),
        },
        texts,
        rounds=3,
    )
    print("ms/article: " + ", ".join(f"{name} {ms:.2f}" for name, ms in timing.items()))


if __name__ == "__main__":
    main()
