"""Property tests: every number written in a supported style reads back as itself,
and arbitrary text never breaks the number parser or the sentence splitter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.text.numbers.find import FORMAT_STYLES, find_figures, format_number, parse_number
from monitor.text.numbers.intervals import interval
from monitor.text.words.sentences import split_sentences

MODEST = settings(max_examples=200, deadline=None)

GROUPED_STYLES = ["plain", "de", "en", "ch", "ch_typographic", "space", "nbsp", "narrow_nbsp"]
MILLION_STYLES = ["de_million", "en_million", "de_mio"]
TEMPLATES = {
    "de": "Nach Angaben der Regierung waren es {} Soldaten an der Front.",
    "en": "According to the government there were {} soldiers at the front.",
}
LANGUAGE_OF_STYLE = {
    "de": "de",
    "en": "en",
    "de_words": "de",
    "en_words": "en",
    "de_million": "de",
    "en_million": "en",
    "de_mio": "de",
}


def _read_back(written: str, style: str, language: str | None) -> list[float]:
    template = TEMPLATES[LANGUAGE_OF_STYLE.get(style, "de")]
    sentence = template.format(written)
    figures = find_figures(sentence, language)
    assert all(sentence[f.start : f.end] == f.text for f in figures)
    return [f.value for f in figures]


def test_every_style_is_covered() -> None:
    assert set(GROUPED_STYLES + MILLION_STYLES + ["de_words", "en_words"]) == set(FORMAT_STYLES)


@MODEST
@given(n=st.integers(0, 10**9), style=st.sampled_from(GROUPED_STYLES), known=st.booleans())
def test_grouped_digits_read_back(n: int, style: str, known: bool) -> None:
    written = format_number(n, style)
    language = LANGUAGE_OF_STYLE.get(style) if known else None
    assert parse_number(written, language) == n
    assert _read_back(written, style, language) == [n]


@MODEST
@given(n=st.integers(2, 999_999), known=st.booleans())
def test_german_words_read_back(n: int, known: bool) -> None:
    written = format_number(n, "de_words")
    language = "de" if known else None
    assert parse_number(written, language) == n
    assert parse_number(written.capitalize(), language) == n
    assert _read_back(written, "de_words", language) == [n]


@MODEST
@given(n=st.integers(2, 10**9), known=st.booleans())
def test_english_words_read_back(n: int, known: bool) -> None:
    written = format_number(n, "en_words")
    language = "en" if known else None
    assert parse_number(written, language) == n
    assert _read_back(written, "en_words", language) == [n]


@MODEST
@given(n=st.integers(0, 10**9), style=st.sampled_from(MILLION_STYLES), known=st.booleans())
def test_decimal_millions_read_back(n: int, style: str, known: bool) -> None:
    written = format_number(n, style)
    language = LANGUAGE_OF_STYLE[style] if known else None
    assert parse_number(written, language) == n
    assert _read_back(written, style, language) == [n]


@MODEST
@given(n=st.integers(1, 10**6), qualifier=st.sampled_from(["rund", "mehr als", "mindestens", "bis zu"]))
def test_qualified_figure_interval_contains_the_value(n: int, qualifier: str) -> None:
    sentence = f"Es waren {qualifier} {format_number(n, 'de')} Soldaten."
    figures = find_figures(sentence, "de")
    assert len(figures) == 1
    figure = figures[0]
    assert figure.text.startswith(qualifier)
    assert figure.low <= figure.value <= figure.high
    assert (figure.low, figure.high) == interval(figure.value, figure.qualifier)


@MODEST
@given(text=st.text(), language=st.sampled_from([None, "de", "en"]))
def test_find_figures_never_raises_and_spans_are_sound(text: str, language: str | None) -> None:
    previous_end = 0
    for figure in find_figures(text, language):
        assert 0 <= figure.start < figure.end <= len(text)
        assert figure.start >= previous_end
        assert text[figure.start : figure.end] == figure.text
        assert figure.low <= figure.high
        previous_end = figure.end
    parse_number(text, language)


NUMBERISH = st.lists(
    st.sampled_from(
        list("0123456789.,'’ \u00a0-–:/%$€|()")
        + """
        Millionen Mio. million tausend zwölf rund mehr als weitere am Oktober bis Jahre and Euro half a
        thousand drei a couple of tens hundreds dozens mehrere Tausende zwischen between to or oder eine halbe
        Million Mrd. bn k m Dutzend dozen twenty-five einundzwanzig anderthalb zweieinhalb Soldaten troops
        Prozent 13. 2024 1.500 10,000 1,2 650'000 2-0 3:1 152-mm KN23 Nr. Seite per St. Copyright hinaus
        """.split()
        + [" ", "\n", "a couple of", "tens of"]
    ),
    max_size=40,
).map("".join)


@MODEST
@given(text=NUMBERISH, language=st.sampled_from([None, "de", "en"]))
def test_number_like_noise_never_raises(text: str, language: str | None) -> None:
    for figure in find_figures(text, language):
        assert text[figure.start : figure.end] == figure.text
        assert figure.low <= figure.high
    parse_number(text, language)


SENTENCE_NOISE = st.lists(
    st.sampled_from(list("aZ19 .!?…\"'„“«»()\n\r\t\u2028") + ["Dr.", "z. B.", "13. Oktober", "U.S."]),
    max_size=60,
).map("".join)


def _check_split(text: str, language: str | None) -> None:
    sentences = split_sentences(text, language)
    covered = [False] * len(text)
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        for i in range(sentence.start, sentence.end):
            covered[i] = True
        previous_end = sentence.end
    # every visible character belongs to exactly one sentence
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@MODEST
@given(text=st.text(), language=st.sampled_from([None, "de", "en"]))
def test_split_sentences_covers_arbitrary_text(text: str, language: str | None) -> None:
    _check_split(text, language)


@MODEST
@given(text=SENTENCE_NOISE, language=st.sampled_from([None, "de", "en"]))
def test_split_sentences_covers_punctuation_noise(text: str, language: str | None) -> None:
    _check_split(text, language)
