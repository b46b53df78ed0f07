"""Language guess, tokens and term lookup: the small toolkit the claim engine shares.

* ``guess_language`` tells the languages of the lexicon apart by counting function words; a
  news text of a few sentences is never a close call, and a single sentence
  (an English tweet quoted in a German article) usually is not either.
* ``tokenize`` cuts folded text into words and punctuation, keeping offsets into
  the original text (the user sees the original; matching uses the fold).
* ``TermIndex`` finds the terms of feeds.yaml (units, cues, polarity words, ...)
  in a token list with one dictionary lookup per token. A term matches a word
  with an inflection ending ("Soldat" ~ "Soldaten", "deploy" ~ "deployed"), a
  German noun also as the head of a compound ("Truppen" ~ "Bodentruppen"), a
  ``*`` at its end matches any continuation, and multi-word terms match word
  sequences ("verwundet oder getötet").

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from monitor.text.actors.find import ActorHit, Watchlist
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.words.gender_forms import join_gender_marks, may_hold_gender_marks
from monitor.text.words.normalize import fold, fold_with_positions
from monitor.text.words.separable import finite_forms, participle_infinitive, separable_verb

if TYPE_CHECKING:
    from monitor.text.actors.places import PlaceIndex

# Each language's frequent function words (the lexicon's ``language_guess``).
_FUNCTION_WORDS = {code: frozenset(entry.language_guess) for code, entry in lexicon().by_language.items()}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# the same, per word: one dictionary look-up per word of the text instead of one set per language
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in _FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _code)


def guess_language(text: str, default: str = "de") -> str:
    """The language whose function words are most frequent (``default`` when none leads)."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for code in _LANGUAGES_OF.get(word, ()):
            counts[code] += 1
    best = max(counts.values(), default=0)
    leaders = [code for code, count in counts.items() if count == best]
    return leaders[0] if best and len(leaders) == 1 else default


class Token(NamedTuple):
    """A word or punctuation mark. ``norm`` is folded (hyphens kept); offsets index the original.

    A named tuple: an article has thousands of tokens, and tuples are the cheapest to build."""

    norm: str
    start: int
    end: int
    surface: str

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()

    @property
    def capitalized(self) -> bool:
        return self.surface[:1].isupper()


# Words (with inner hyphens, apostrophes and dots: "Nato-Beamter", "Putin's", "U.S"),
# numbers with separators ("650'000", "1.500", "1,2") and ranges, single punctuation marks.
_TOKEN = re.compile(
    r"\d+(?:['.,]\d+)*-\d+(?:['.,]\d+)*(?![^\W_])"  # a range "10,000-11,000" is one token
    r"|\d+(?:['.,]\d+)*(?:-[^\W\d_][^\W_]*)*"  # "650'000", "152-mm-Artilleriegranaten"
    r"|[^\W_]+(?:[-'.][^\W_]+)*|[^\w\s]"
)


def tokenize(text: str, elisions: Sequence[str] = (), gender_marks: bool = False) -> list[Token]:
    """Tokens of ``text``; a word starting with one of ``elisions`` (folded, "l'") is split after it;
    with ``gender_marks`` an inclusive spelling ("Organisator:innen") stays one word (``gender_forms``)."""
    folded, positions = fold_with_positions(text)
    tokens: list[Token] = []
    if positions.is_identity:
        for match in _TOKEN.finditer(folded):
            start, end = match.span()
            tokens.append(Token(match.group(), start, end, text[start:end]))
    else:
        for match in _TOKEN.finditer(folded):
            start = positions.original(match.start())
            end = positions.original(match.end())
            tokens.append(Token(match.group(), start, end, text[start:end]))
    if any("." in token.norm for token in tokens):
        tokens = _split_run_together(tokens)
    if gender_marks and may_hold_gender_marks(text):
        tokens = join_gender_marks(tokens, text)
    return _split_elisions(tokens, tuple(elisions)) if elisions else tokens


def _run_together_dot(surface: str) -> int:
    """Where a full stop without its space joins two sentences ("begonnen.Nach", "ab.Laut"), or -1:
    two lowercase letters before it, a capital and a lowercase letter after ("U.S.", "z.B." stay)."""
    for index, char in enumerate(surface):
        if (
            char == "."
            and index >= 2
            and surface[index - 2 : index].isalpha()
            and surface[index - 1].islower()
            and surface[index + 1 : index + 2].isupper()
            and surface[index + 2 : index + 3].islower()
        ):
            return index
    return -1


def _split_run_together(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        cut = _run_together_dot(token.surface) if "." in token.norm else -1
        # the fold keeps the dots where they are only when the token folds letter for letter
        if cut < 0 or len(token.surface) != len(token.norm):
            out.append(token)
            continue
        middle = token.start + cut
        out.append(Token(token.norm[:cut], token.start, middle, token.surface[:cut]))
        out.append(Token(".", middle, middle + 1, "."))
        out.extend(
            _split_run_together(
                [Token(token.norm[cut + 1 :], middle + 1, token.end, token.surface[cut + 1 :])]
            )
        )
    return out


def _split_elisions(tokens: list[Token], elisions: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        norm = token.norm
        if "'" in norm and norm.startswith(elisions):
            cut = norm.index("'") + 1
            if cut < len(norm) and norm[cut].isalpha():
                # the apostrophe is one character in the text as in the fold (' or ’)
                middle = token.start + len(token.surface) - (len(norm) - cut)
                out.append(Token(norm[:cut], token.start, middle, token.surface[: middle - token.start]))
                out.append(Token(norm[cut:], middle, token.end, token.surface[middle - token.start :]))
                continue
        out.append(token)
    return out


# punctuation that ends a clause (a full stop ends the sentence too)
CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "(", ")", '"', "?", "!", "[", "]"})

_COMPOUND_MIN = 5
_MEMO_LIMIT = 200_000  # a compound head shorter than this collides too often ("Mann" in "Kaufmann")


@dataclass(frozen=True)
class TermMatch:
    label: str
    language: str
    term: str
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)


@dataclass
class _Entry:
    label: str
    language: str
    term: str
    rest: tuple[str, ...]  # the following words of a multi-word term (exact or inflected)
    head_of_compound: bool = False
    # a lower-case German term is a verb or adjective: "kämpfen" is not the noun "Kämpfen";
    # a capitalised one is a noun: "Verwundete" is not the adjective in "verwundete Soldaten"
    lower_only: bool = False
    upper_only: bool = False
    # a separable verb's finite form in a main clause ("baut" of "abbauen"): it matches only
    # with this particle closing its clause ("baut 4.000 Stellen ab")
    particle: str = ""


@dataclass
class TermIndex:
    """Terms grouped by label ("claim:nk-troops-killed:cues", "deny", ...), looked up per token."""

    _forms: dict[str, list[_Entry]] = field(default_factory=dict)
    _prefixes: dict[str, list[_Entry]] = field(default_factory=dict)  # "entsend*" -> "entsend"
    _heads: dict[str, list[_Entry]] = field(default_factory=dict)  # compound heads by form
    _prefix_lengths: set[int] = field(default_factory=set)
    _heads_by_tail: dict[str, list[tuple[str, list[_Entry]]]] = field(default_factory=dict)
    _memo: dict[str, list[_Entry]] = field(default_factory=dict)
    _symbols: set[str] = field(default_factory=set)  # terms that are symbols, not words ("%")

    def add(self, label: str, language: str, terms: Iterable[str], verb_forms: bool = False) -> None:
        """File ``terms`` under ``label``; with ``verb_forms`` a German verb term also matches its
        finite and separated forms ("streicht", "baut ... ab"): for the cues of what was counted, where
        the verb's object is the figure; a statement's wording is matched as written."""
        self._memo.clear()
        for term in terms:
            self._add_term(label, language, term, verb_forms)

    def _add_term(self, label: str, language: str, term: str, verb_forms: bool = False) -> None:
        words = [_norm_word(word) for word in term.split()]
        words = [word for word in words if word]
        if not words:
            return
        first, rest = words[0], tuple(words[1:])
        if not first[:1].isalnum():
            self._symbols.add(first)  # "%" as a unit: a symbol token matches too
        noun = term.strip()[:1].isupper()
        rules = grammar(language)
        # German: a lowercase term is no noun and a capitalised one only a noun ("getötet" / "Getötete")
        lower_only = rules.nouns_capitalized and term.strip()[:1].islower()
        upper_only = rules.nouns_capitalized and noun
        if first.endswith("*"):
            stem = first.rstrip("*")
            entry = _Entry(label, language, term, rest, lower_only=lower_only, upper_only=upper_only)
            self._prefixes.setdefault(stem, []).append(entry)
            self._prefix_lengths.add(len(stem))
            return
        verb = rules.nouns_capitalized and lower_only and not rest
        for form in _forms_of(first, language, noun) | (_separable_forms(first, language) if verb else set()):
            self._forms.setdefault(form, []).append(
                _Entry(label, language, term, rest, lower_only=lower_only, upper_only=upper_only)
            )
            if rules.compounds and noun and not rest and len(first) >= _COMPOUND_MIN:
                if form not in self._heads:
                    self._heads_by_tail.setdefault(form[-_COMPOUND_MIN:], []).append((form, []))
                    self._heads[form] = self._heads_by_tail[form[-_COMPOUND_MIN:]][-1][1]
                self._heads[form].append(_Entry(label, language, term, rest, True, upper_only=True))
        if verb and verb_forms:
            self._add_verb_forms(label, language, term, first, rest)
        if verb_forms and lower_only and len(rest) == 1 and rest[0] in rules.separable_particles:
            # "fallen aus" also finds "fielen bei der Lufthansa 1.300 Flüge aus": the finite verb
            # and its particle apart in a main clause
            forms = {first} | (set(finite_forms(first, language)) if first.endswith("en") else set())
            for form in forms:
                self._forms.setdefault(form, []).append(
                    _Entry(label, language, term, (), lower_only=True, particle=rest[0])
                )

    def _add_verb_forms(
        self, label: str, language: str, term: str, first: str, rest: tuple[str, ...]
    ) -> None:
        """A German verb term's finite forms: "streichen" also finds "streicht", "strich"; a separable
        verb's ("abbauen", "freigekommen") also joined ("abbaut", "freiließ") and, in a main clause,
        apart, the finite verb with the particle closing its clause ("baut ... ab", "kamen ... frei")."""
        rules = grammar(language)
        separable = separable_verb(first, language)
        # an infinitive cue's finite forms; a participle cue ("gerettet") keeps to its participle:
        # the active past ("rettete") more often tells of other rescuers and other events
        is_participle = participle_infinitive(first, language) is not None
        forms = set(finite_forms(first, language)) if first.endswith("en") and not is_participle else set()
        if separable is not None:
            particle, infinitive = separable
            forms.update(particle + form for form in finite_forms(infinitive, language))
            forms.add(particle + rules.infinitive_infix + infinitive)
            # apart in a main clause: the finite verb with the particle closing its clause
            for form in finite_forms(infinitive, language):
                self._forms.setdefault(form, []).append(
                    _Entry(label, language, term, rest, lower_only=True, particle=particle)
                )
        for form in forms - _forms_of(first, language) - _separable_forms(first, language):
            self._forms.setdefault(form, []).append(_Entry(label, language, term, rest, lower_only=True))

    def find(self, tokens: Sequence[Token], languages: Sequence[str] | None = None) -> list[TermMatch]:
        """Every term occurrence (multi-word terms: longest first wins its start token)."""
        found: list[TermMatch] = []
        for index, token in enumerate(tokens):
            if not token.is_word and token.norm not in self._symbols:
                continue
            for entry in self._candidates(token.norm):
                if languages is not None and entry.language not in languages:
                    continue
                if entry.lower_only and index > 0 and token.surface[:1].isupper() and not _shouted(token):
                    continue
                closing = _closing_particle(tokens, index, entry.particle) if entry.particle else None
                if entry.particle and closing is None:
                    continue
                if (
                    entry.upper_only
                    and not token.surface.rsplit("-", 1)[-1][:1].isupper()
                    # a cue only: "tote" says what happened to the "Pilger" it describes, they are counted
                    and not (
                        not entry.label.startswith("unit:")
                        and _adjective_of_noun_term(tokens, index, entry.term)
                    )
                ):
                    continue
                last = _match_rest(tokens, index, entry.rest)
                if last is not None:
                    # "nahm 45 Demonstranten fest": the verb and its particle frame the object, so the
                    # match spans them both and a figure inside is the verb's own
                    end = closing if closing is not None else last
                    found.append(TermMatch(entry.label, entry.language, entry.term, index, end))
        return found

    def _candidates(self, word: str) -> list[_Entry]:
        cached = self._memo.get(word)
        if cached is not None:
            return cached
        found = self._lookup(word)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()  # news vocabulary repeats: a simple bounded memo is enough
        self._memo[word] = found
        return found

    def _lookup(self, word: str) -> list[_Entry]:
        entries: dict[int, _Entry] = {}
        for entry in self._forms.get(word, ()):
            entries[id(entry)] = entry
        # "Nato-Beamter", "152-mm-Artilleriegranaten": the last part is the head
        head = word.rsplit("-", 1)[1] if "-" in word else word
        if head is not word:
            for entry in self._forms.get(head, ()):
                entries[id(entry)] = entry
        if len(head) >= _COMPOUND_MIN:
            # compound heads are filed under their last letters: one lookup, then a few endswith
            for form, head_entries in self._heads_by_tail.get(head[-_COMPOUND_MIN:], ()):
                if head.endswith(form):
                    for entry in head_entries:
                        entries[id(entry)] = entry
        for length in self._prefix_lengths:
            if len(word) >= length:
                for entry in self._prefixes.get(word[:length], ()):
                    entries[id(entry)] = entry
        return list(entries.values())


def _shouted(token: Token) -> bool:
    """A word in capitals ("STREICHT" in an all-caps headline): its case tells no noun from a verb."""
    return len(token.surface) > 1 and token.surface.isupper()


# how far a separable verb's particle may stand from its finite verb, and the words that open the
# next clause after it ("baut 4.000 Stellen ab und schließt ...")
_PARTICLE_REACH = 16
_NEXT_CLAUSE = lexicon().words(
    lambda entry: (
        *entry.figures.cue_barriers,
        *entry.attribution.adverbial_conjunctions,
        *entry.polarity.complementizers,
    )
)


def _closing_particle(tokens: Sequence[Token], verb: int, particle: str) -> int | None:
    """Where ``particle`` follows the finite verb at ``verb`` as the last word of its clause, or None.
    "baut 900 Stellen ab." has it; "baut 900 Stellen ab Januar" (a preposition) and a particle after
    a comma (another clause's) do not."""
    for position in range(verb + 1, min(len(tokens), verb + 1 + _PARTICLE_REACH)):
        norm = tokens[position].norm
        if norm in CLAUSE_BREAKS or norm == ".":
            return None
        if norm == particle:
            after = tokens[position + 1].norm if position + 1 < len(tokens) else "."
            if after in CLAUSE_BREAKS or after == "." or after in _NEXT_CLAUSE:
                return position
    return None


def _norm_word(word: str) -> str:
    return fold(word).strip(".,;:!?\"'()")


def _forms_of(word: str, language: str, noun: bool = False) -> set[str]:
    forms = {word}
    rules = grammar(language)
    for ending in rules.inflection_endings:
        forms.add(word + ending)
    if noun and word.endswith("er") and len(word) > 5:
        # "Teilnehmer" also counts "Teilnehmende": the same people, named by the participle
        forms.update(word[:-2] + ending for ending in rules.agent_participle_endings)
    if noun and rules.feminine_endings:
        forms.update(stem + ending for stem in _feminine_stems(word) for ending in rules.feminine_endings)
    if rules.y_to_ies and word.endswith("y"):
        forms.update((word[:-1] + "ies", word[:-1] + "ied"))
    if rules.silent_e and word.endswith("e"):
        forms.update((word + "d", word[:-1] + "ing"))
    if rules.doubled_consonant and _DOUBLING.fullmatch(word):
        forms.update((word + word[-1] + "ing", word + word[-1] + "ed"))  # "cut" ~ "cutting"
    return forms


# a one-syllable word ending in a single vowel and consonant doubles it before -ing/-ed ("cut",
# "shed", "stop"); "kill", "fear", "tax" do not
_DOUBLING = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")
_MIN_FEMININE_STEM = 4


def _feminine_stems(word: str) -> tuple[str, ...]:
    """Where a feminine ending goes on a noun for people (folded): on an agent noun itself
    ("arbeiter" -> "arbeiterin"), on the stem of a plural ("demonstranten" -> "demonstrantin",
    "arzte" -> "arztinnen"). A noun for no person gets forms no text has ("stellin")."""
    if word.endswith("er"):
        stem = word
    elif word.endswith("en"):
        stem = word[:-2]
    elif word.endswith("e"):
        stem = word[:-1]
    else:
        stem = word
    return (stem,) if len(stem) >= _MIN_FEMININE_STEM else ()


def _adjective_of_noun_term(tokens: Sequence[Token], index: int, term: str) -> bool:
    """ "183 tote Pilger" for the term "Tote": a German noun made from an adjective (in -e) is
    the same word written lowercase before the noun it describes (maybe after more adjectives)."""
    if " " in term.strip() or not fold(term.strip()).endswith("e"):
        return False
    for token in tokens[index + 1 : index + 4]:
        if not token.is_word:
            return False
        if token.surface[:1].isupper():
            return True
    return False


_MIN_VERB_STEM = 3  # "bauen", "gehen": a particle must leave a verb of its own


def _separable_forms(word: str, language: str) -> set[str]:
    """The participle and zu-infinitive of a separable verb's infinitive: "abbauen" -> abgebaut(e/en),
    abgebauen (strong: "weggefallen"), abzubauen. Nothing for a word that is no such verb."""
    rules = grammar(language)
    if not rules.participle_infix or not word.endswith("en"):
        return set()
    forms: set[str] = set()
    for particle in rules.separable_particles:
        verb = word[len(particle) :]
        if not word.startswith(particle) or len(verb) < _MIN_VERB_STEM + 2:
            continue
        stem = verb[:-2]
        weak = particle + rules.participle_infix + stem + "t"
        forms.update((weak, weak + "e", weak + "en", particle + rules.participle_infix + verb))
        if rules.infinitive_infix:
            forms.add(particle + rules.infinitive_infix + verb)
    return forms


def _match_rest(tokens: Sequence[Token], index: int, rest: tuple[str, ...]) -> int | None:
    position = index
    for word in rest:
        position += 1
        if position >= len(tokens):
            return None
        norm = tokens[position].norm
        if word.endswith("*"):
            if not norm.startswith(word.rstrip("*")):
                return None
        elif norm != word and not any(norm == word + ending for ending in ("e", "en", "n", "s", "es", "er")):
            return None
    return position


@dataclass(frozen=True)
class SentenceView:
    """One sentence with its tokens and actor hits (offsets index the whole article)."""

    text: str
    start: int
    end: int
    language: str
    tokens: Sequence[Token]
    hits: Sequence[ActorHit]
    paragraph: int = 0
    quoted: frozenset[int] = field(default_factory=frozenset)  # token indexes inside quotation marks
    # actors the article named before this sentence, most recent first (who "the agency" is)
    context: tuple[str, ...] = ()
    # every actor the article names, in order: who an ambiguous description ("police") may be
    # when none of its bodies was named shortly before
    article_actors: tuple[str, ...] = ()
    # places of the gazetteer the sentence names (not on the watchlist: place_containment)
    places: Sequence[ActorHit] = ()


class SentenceTerms:
    """The term matches of one sentence, by label and by starting token."""

    def __init__(self, matches: Iterable[TermMatch]) -> None:
        self.by_label: dict[str, list[TermMatch]] = {}
        self.by_start: dict[int, list[TermMatch]] = {}
        for match in matches:
            self.by_label.setdefault(match.label, []).append(match)
            self.by_start.setdefault(match.first, []).append(match)

    def starting(self, index: int, prefix: str) -> list[TermMatch]:
        return [m for m in self.by_start.get(index, ()) if m.label.startswith(prefix)]

    def labelled(self, label: str) -> list[TermMatch]:
        return self.by_label.get(label, [])


class ActorMap:
    """Maps actor mentions to the claim-level actors they stand for (Kim -> north-korea)."""

    def __init__(self, watchlist: Watchlist, places: PlaceIndex | None = None) -> None:
        self._watchlist = watchlist
        self._places = places
        self._cache: dict[str, frozenset[str]] = {}
        self._containers: dict[str, frozenset[str]] = {}

    def lineage(self, actor_id: str) -> frozenset[str]:
        """The actor and everyone it speaks for (peskov -> {peskov, russia})."""
        cached = self._cache.get(actor_id)
        if cached is not None:
            return cached
        seen = [actor_id]
        current: str | None = actor_id
        for _ in range(4):
            current = self._watchlist.speaks_for(current) if current else None
            if current is None or current in seen:
                break
            seen.append(current)
        result = frozenset(seen)
        self._cache[actor_id] = result
        return result

    def kind(self, actor_id: str) -> str:
        if self._places is not None and self._places.place(actor_id) is not None:
            return "place"  # a gazetteer place (place_containment)
        return self._watchlist.actor(actor_id).kind

    def containers(self, actor_id: str) -> frozenset[str]:
        """The countries and places ``actor_id`` lies within (Chiang Mai -> {thailand}; a watchlist
        place's ``within`` chain), itself not included."""
        cached = self._containers.get(actor_id)
        if cached is not None:
            return cached
        seen: list[str] = []
        current = self._places.within(actor_id) if self._places is not None else None
        while current is not None and current not in seen and current != actor_id and len(seen) < 5:
            seen.append(current)
            current = self._places.within(current) if self._places is not None else None
        result = frozenset(seen)
        self._containers[actor_id] = result
        return result

    def describe(self, actor_id: str) -> str:
        """How ``monitor analyze --explain`` names a place: its id, or a gazetteer place's name
        and country ("place Chiang Mai (in thailand)")."""
        place = self._places.place(actor_id) if self._places is not None else None
        if place is None:
            return actor_id
        return f"place {place.name} (in {place.within})"

    def jurisdiction(self, actor_id: str) -> str | None:
        """The country or place an actor speaks for: the first on its ``speaks_for`` chain, itself
        included (Mazón -> Generalitat -> valencia; a ministry -> its government -> the country)."""
        current: str | None = actor_id
        for _ in range(5):
            if current is None:
                return None
            try:
                kind = self.kind(current)
            except KeyError:  # a speaks_for naming no watchlist actor
                return None
            if kind in ("country", "place"):
                return current
            current = self._watchlist.speaks_for(current)
        return None

    def is_country_like(self, actor_id: str) -> bool:
        return any(self._watchlist.actor(a).kind == "country" for a in self.lineage(actor_id))


def sentence_actor_ids(
    hits: Iterable[ActorHit], actors: ActorMap, skip: Sequence[tuple[int, int]]
) -> set[str]:
    """Claim-level actors mentioned in a sentence, leaving out the given spans (the source phrase)."""
    found: set[str] = set()
    for hit in hits:
        if any(a <= hit.start < b for a, b in skip):
            continue
        found.update(actors.lineage(hit.actor_id))
    return found


# Guillemets point either way in German («», »«), so they toggle; straight quotes too.
_TOGGLES = '"«»'


_QUOTE_OR_BREAK = re.compile('[\n"«»„“”]')


def quote_spans(text: str, language: str) -> list[tuple[int, int]]:
    """[start, end) of every quotation (the marks included), never across a line break."""
    openers = grammar(language).quote_openers
    closers = grammar(language).quote_closers
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _QUOTE_OR_BREAK.finditer(text):
        position, char = match.start(), match.group()
        if char == "\n":
            open_at = None
        elif open_at is None:
            if char in openers or char in _TOGGLES:
                if char == '"' and position > 0 and text[position - 1].isalnum():
                    continue  # an inch mark or a stray quote after a word
                open_at = position
        elif char in closers or char in _TOGGLES:
            spans.append((open_at, position + 1))
            open_at = None
    return spans
