"""Who says so? The source of a figure or statement in one sentence.

``Attributor.explicit`` finds the speaker a sentence names itself; the engine
carries a source over from earlier sentences when a sentence only points back
("demnach", "den Angaben zufolge", "hieß es", Konjunktiv I "habe ... entsandt",
"he said", a quotation without a speaker) - see ``carries``.

What counts as naming a source, in order of trust:

1. *citing*: "berichtete X unter Berufung auf Y", "X, citing Y": Y is where the
   figure comes from, so Y wins when Y is on the watchlist;
2. *speaker*: the subject of a reporting verb - "X sagte", "sagte X",
   "teilte X mit", "X said", "said X", "X told reporters", "X estimated",
   and the verbs of polarity ("X bestritt", "X denied");
3. *according*: "laut X", "nach Angaben von X", "X zufolge", "according to X";
4. a citing source that is only a name; then media of any role: outlets
   relay what others say, so a named origin beats the outlet that printed it.

Inside each role a person on the watchlist beats an organisation, which beats a
name that is not on the watchlist, which beats a country ("der ukrainische
Präsident Selenskyj" is zelensky, not ukraine). The subject of a verb is never
inside a prepositional phrase ("in der russischen Grenzregion") or a German
genitive attribute ("die Zahl der Nordkoreaner"), and "Nordkorea-Experte X"
is X, not North Korea. The engine passes the spans of the counted noun phrase
("12.000 nordkoreanische Soldaten") so they never become their own source.

The source value is the actor id for watchlist actors, otherwise the name as
written ("Frederic Spohr"), otherwise None.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.text.actors import ActorHit, Watchlist
from monitor.text.language import SentenceView, Token
from monitor.text.polarity import CLAUSE_BREAKS

_SUBJECT_BREAKS = frozenset({",", ";", ":", "-", "?", "!"})
_KIND_RANK = {
    "person": 0,
    "organization": 1,
    "group": 1,
    "name": 2,
    "other": 2,
    "country": 3,
    "place": 3,
    "media": 4,
}
_ROLE_RANK = {"citing": 0, "speaker": 1, "according": 2}

# Reporting verbs, folded. A value names the particle the verb needs at the clause end.
_VERBS_DE: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(
        """
        sagte sagten sagt sagen gesagt sage erklarte erklarten erklart erklaren berichtete berichteten
        berichtet berichten meldete meldeten meldet gemeldet behauptet behauptete behaupteten behaupten
        betonte betonten betont warnte warnten warnt schrieb schreibt sprach sprachen spricht
        bezeichnete bezeichneten bezeichnet nannte nannten nennt schatzt schatzte schatzten geschatzt
        bezifferte bezifferten beziffert verkundete verkundet bestatigte bestatigt bestatigten bestritt
        bestreitet bestritten dementierte dementiert dementierten enthullte enthullt erganzte erganzt
        teilte teilten teilt mitgeteilt ausserte ausserten aussert informierte unterrichtete meint
        meinte raumte raumten wies wiesen stritt zitiert angegeben geschrieben zuruckgewiesen abgestritten
        eingeraumt zugegeben beschuldigt beschuldigte beschuldigten vorgeworfen schatzen schatzte schatzten
        veroffentlichte veroffentlichten veroffentlicht vorgelegt dementi zahlt zahlte zahlten abgetan
        """.split(),
        None,
    ),
    "gab": frozenset({"an", "zu", "bekannt"}),
    "warf": frozenset({"vor"}),
    "legte": frozenset({"vor"}),
    "legten": frozenset({"vor"}),
    "legt": frozenset({"vor"}),
    "warfen": frozenset({"vor"}),
    "wirft": frozenset({"vor"}),
    "werfen": frozenset({"vor"}),
    "gaben": frozenset({"an", "zu", "bekannt"}),
    "gibt": frozenset({"an", "zu", "bekannt"}),
    "geht": frozenset({"aus"}),
    "ging": frozenset({"aus"}),
    "gehen": frozenset({"aus"}),
}
_VERBS_EN = frozenset(
    """
    said says say told tells stated states reported reports announced announces claimed claims
    estimated estimates added adds noted notes wrote writes warned warns confirmed confirms denied
    denies admitted admits acknowledged acknowledges rejected rejects dismissed dismisses called
    described describes revealed disclosed briefed testified assessed assesses believes insisted
    insists according put puts accused accuses confirm deny admit acknowledge estimate spoke speaking
    dismiss rejected rejecting refuted refutes
    counted counts tallied
    """.split()
)
_INFINITIVES = frozenset("confirm deny admit acknowledge say comment estimate dismiss reject".split())
_NOUN_OR_VERB = frozenset(
    "reports claims estimates states notes calls report claim estimate put puts".split()
)
_DETERMINERS = frozenset(
    """der die das den dem des ein eine einer eines einem einen the a an these those this its their
    his her""".split()
)
_PREPOSITIONS = frozenset(
    """
    in im ins nach aus an am auf bei beim gegen mit von vom zu zum zur uber fur unter vor durch ohne um seit
    zwischen neben hinter wegen trotz into to from against with for on at by of about over after before
    near toward towards across between under despite during within
    """.split()
)
_EXPERT_HEADS = tuple(
    """
    experte expertin experten kenner kennerin beobachter analyst analystin forscher forscherin
    korrespondent korrespondentin kritiker expert experts analysts specialist scholar watcher watchers
    researcher correspondent
    """.split()
)
_ROLE_ENDINGS = tuple(
    """
    prasident prasidentin minister ministerin sprecher sprecherin experte expertin professor professorin
    abgeordnete abgeordneter abgeordneten sekretar general oberst kommandeur chef chefin leiter leiterin
    direktor direktorin analyst analystin aktivist aktivistin kommentator korrespondent botschafter
    beamter beamte diplomat berater beraterin offizier vorsitzende vorsitzender president secretary
    spokesman spokeswoman spokesperson expert dr prof mr mrs ms gen colonel col lt ambassador director
    chief senator rep lawmaker representative admiral commander head official officials journalist
    journalisten autor author
    """.split()
)
_NOT_NAMES = frozenset(
    """
    die der das den dem des ein eine einer eines einem einen laut nach am im in auf bei mit von vom zu zum
    zur fur uber unter wie auch doch aber und oder es er sie wir ich man dies diese dieser dieses demnach
    zudem ausserdem medien angaben bericht berichte berichten berichts regierung agentur nachrichtenagentur
    zeitung sender quelle quellen kreisen kreise behorden behorde ministerium geheimdienst geheimdienste
    geheimdienstes militar armee experten beobachter insider reportern journalisten erklarung stellungnahme
    pressekonferenz interview briefing fernsehen videobotschaft sprecher seite seiten freitag samstag
    sonntag montag dienstag mittwoch donnerstag januar februar marz april mai juni juli august september
    oktober november dezember the a an on at according as after it he she they we i this that these those
    but and officials official reports report media sources source intelligence
    monday tuesday wednesday thursday friday saturday sunday so yet still however meanwhile while
    house
    our my your his her its their we you us unser unsere unserer mein meine ihr ihre sein seine q
    """.split()
)
_NP_STOP_DE = frozenset(
    """
    wurden werden wird wurde haben hat hatte hatten sei seien waren waren wurden hatten sollen sollte
    wollen konnen mussen durfen sein worden sind ist war liegt lag habe bereits schon nun noch erst zudem
    dass weil und oder aber sondern jedoch allerdings auch hingegen dagegen demnach inzwischen bislang
    derzeit mittlerweile zuletzt bisher jetzt heute gestern offenbar wohl seither damals zuvor
    """.split()
)
_NP_STOP_EN = frozenset(
    """
    has have had is are was were will would could should may might said says told that which who and or but
    as when while after before because since than
    """.split()
)
_KONJUNKTIV = frozenset(
    "habe sei seien werde konne musse solle wolle durfe gebe liege verfuge stehe hatten waren".split()
)
_PRONOUN_SUBJECTS = frozenset("er sie he she they it".split())
_CITING_DE = tuple(
    "unter berufung auf|beruft sich auf|berief sich auf|bezog sich auf|bezieht sich auf|"
    "stutzt sich auf|stutzte sich auf".split("|")
)
_SOURCE_NOUNS = frozenset(
    "angaben schatzungen erkenntnissen informationen einschatzung berechnungen zahlung".split()
)
_CITING_EN = ("citing", "quoting")
_ACCORDING_DE = tuple(
    "laut|nach angaben von|nach angaben des|nach angaben der|nach angaben|gemass|angaben von|"
    "nach schatzungen von|nach schatzungen des|nach schatzungen der|nach schatzungen|nach schatzung|"
    "nach einschatzung|nach erkenntnissen|nach informationen|erklarung des|erklarung der|"
    "mitteilung des|mitteilung der".split("|")
)
_ACCORDING_EN = ("according to", "as reported by", "reported by", "cited by", "as cited by")


_MARKERS_BY_FIRST_WORD: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _role, _phrases in (("citing", _CITING_DE + _CITING_EN), ("according", _ACCORDING_DE + _ACCORDING_EN)):
    for _phrase in sorted(_phrases, key=lambda phrase: -len(phrase.split())):
        _words = tuple(_phrase.split())
        _MARKERS_BY_FIRST_WORD.setdefault(_words[0], []).append((_role, _words))


@dataclass(frozen=True)
class Source:
    value: str
    actor_id: str | None
    kind: str
    role: str
    start: int  # the speaker's mention
    end: int
    phrase_start: int  # the whole phrase naming the speaker ("laut dem südkoreanischen Abgeordneten X")
    phrase_end: int


@dataclass(frozen=True)
class _Candidate:
    value: str
    actor_id: str | None
    kind: str
    start: int  # article offsets
    end: int
    first: int  # token indexes in the sentence
    last: int
    phrase_start: int = 0  # article offsets of the phrase searched
    phrase_end: int = 0


Spans = Sequence[tuple[int, int]]


class Attributor:
    def __init__(self, watchlist: Watchlist) -> None:
        self._watchlist = watchlist

    # -- public --------------------------------------------------------------

    def explicit(self, view: SentenceView, exclude: Spans = ()) -> Source | None:
        """The best source the sentence names itself, or None."""
        found: list[tuple[str, _Candidate]] = []
        tokens = view.tokens
        folded = [token.norm for token in tokens]
        for index in range(len(tokens)):
            if index in view.quoted:
                continue
            for role, phrase_start, phrase_end, backwards in self._markers(view, folded, index):
                candidates = self._candidates(view, phrase_start, phrase_end, exclude, subject=False)
                pick = _best(candidates, last=backwards)
                if pick is not None:
                    found.append((role, pick))
            if self._is_reporting_verb(view, folded, index):
                pick = self._verb_subject(view, index, exclude)
                if pick is not None:
                    found.append(("speaker", pick))
        return _choose(found)

    def speaker_of(self, view: SentenceView, index: int, exclude: Spans = ()) -> Source | None:
        """The subject of the verb that states the word at token ``index``: the word itself
        ("bestritt") or the nearest reporting verb of its clause ("nannte ... Fake News")."""
        folded = [token.norm for token in view.tokens]
        if index >= len(folded):
            return None
        start = end = index
        while start > 0 and folded[start - 1] not in _SUBJECT_BREAKS:
            start -= 1
        while end < len(folded) and folded[end] not in _SUBJECT_BREAKS:
            end += 1
        verbs = [
            i for i in range(start, end) if i not in view.quoted and self._is_reporting_verb(view, folded, i)
        ]
        if not verbs:
            return None
        pick = self._verb_subject(view, min(verbs, key=lambda i: abs(i - index)), exclude)
        return _choose([("speaker", pick)]) if pick is not None else None

    def carries(self, view: SentenceView) -> bool:
        """Does the sentence point back to an earlier speaker?"""
        folded = [token.norm for token in view.tokens]
        words = set(folded)
        if words & {"demnach", "zufolge", "hiess", "heisst"}:
            return True
        if view.language == "de" and words & _KONJUNKTIV:
            return True
        if view.quoted:
            return True
        for index in range(len(folded)):
            if self._is_reporting_verb(view, folded, index):
                neighbours = set(folded[max(0, index - 2) : index + 3])
                if neighbours & _PRONOUN_SUBJECTS or neighbours & {"the", "der", "die", "das"}:
                    return True
        return False

    def has_reporting_verb(self, view: SentenceView) -> bool:
        folded = [token.norm for token in view.tokens]
        return any(
            self._is_reporting_verb(view, folded, index)
            for index in range(len(folded))
            if index not in view.quoted
        )

    def points_back_strongly(self, view: SentenceView) -> bool:
        """ "Demnach ...", "Er sagte ...", "he said": worth following across a paragraph break."""
        folded = [token.norm for token in view.tokens]
        if {"demnach", "zufolge", "hiess", "heisst"} & set(folded):
            return True
        return any(
            self._is_reporting_verb(view, folded, index) and _anaphoric_subject(folded, index)
            for index in range(len(folded))
        )

    # -- markers ("laut X", "according to X", "unter Berufung auf X", "X zufolge") --

    def _markers(self, view: SentenceView, folded: list[str], index: int) -> list[tuple[str, int, int, bool]]:
        out: list[tuple[str, int, int, bool]] = []
        matched_roles: set[str] = set()
        for role, words in _MARKERS_BY_FIRST_WORD.get(folded[index], ()):
            if role not in matched_roles and tuple(folded[index : index + len(words)]) == words:
                matched_roles.add(role)  # longest phrase first: "nach angaben des" before "nach angaben"
                start = index + len(words)
                out.append((role, start, self._np_end(view, start), False))
        if folded[index] in ("nach", "laut") and index + 2 < len(folded):
            # "nach ukrainischen und südkoreanischen Angaben": the adjectives name the source
            end = index + 1
            while (
                end < len(folded)
                and end - index <= 6
                and (
                    folded[end] in ("und", "and")
                    or (view.tokens[end].is_word and not view.tokens[end].capitalized)
                )
            ):
                end += 1
            if end > index + 1 and end < len(folded) and folded[end] in _SOURCE_NOUNS:
                out.append(("according", index + 1, end, False))
        if (
            folded[index] == "nach"
            and index + 1 < len(folded)
            and folded[index + 1].endswith(("-angaben", "-schatzungen", "-erkenntnissen", "-informationen"))
        ):
            out.append(("according", index + 1, index + 2, False))  # "nach US-Angaben"
        if folded[index] in ("von", "vom", "by") and _reported_in_passive(folded):
            start = index + 1
            out.append(("according", start, self._np_end(view, start), False))
        if folded[index] == "zufolge":
            start = index
            while start > 0 and folded[start - 1] not in CLAUSE_BREAKS:
                start -= 1
            out.append(("according", start, index, True))
        return out

    def _np_end(self, view: SentenceView, start: int) -> int:
        """End (exclusive) of the noun phrase starting at ``start``."""
        stop = _NP_STOP_DE if view.language == "de" else _NP_STOP_EN
        end = start
        while end < len(view.tokens) and end - start < 9:
            token = view.tokens[end]
            if token.norm in CLAUSE_BREAKS or token.norm == ".":
                if token.norm == '"' and end == start:  # «Guardian»
                    end += 1
                    continue
                break
            if token.norm in stop or token.norm[:1].isdigit():
                break
            if end > start and token.norm in _PREPOSITIONS and token.norm not in {"von", "vom", "aus", "of"}:
                following = view.tokens[end + 1] if end + 1 < len(view.tokens) else None
                naming_place = (
                    token.norm in {"in", "im"}
                    and following is not None
                    and following.capitalized
                    and view.tokens[end - 1].capitalized
                )
                if not naming_place:
                    # "nach Angaben Kiews in der Region": the place is not the source ("Amt in Seoul" is)
                    break
            if view.language == "de" and token.is_word and not token.capitalized and end > start:
                if (
                    token.norm not in _DETERMINERS
                    and token.norm not in _PREPOSITIONS
                    and not token.norm.endswith(("e", "en", "er", "es", "em"))
                ):
                    break
            end += 1
        if end > start:  # a name running past the cut ("laut dem Institute for the Study of War")
            cut = view.tokens[end - 1].end
            for hit in view.hits:
                if hit.start < cut < hit.end:
                    while end < len(view.tokens) and view.tokens[end].start < hit.end:
                        end += 1
        return end

    # -- reporting verbs -----------------------------------------------------

    def _is_reporting_verb(self, view: SentenceView, folded: list[str], index: int) -> bool:
        word = folded[index]
        if view.language == "de":
            if word not in _VERBS_DE:
                return (
                    word == "so"
                    and index > 0
                    and folded[index - 1] in {",", '"'}
                    and _ends_clause_soon(folded, index)
                )
            particles = _VERBS_DE[word]
            if particles is not None and not _particle_at_clause_end(folded, index, particles):
                return False
            # "die bestätigten Zahlen" is an adjective; "Das bestätigte ..." opens with a pronoun
            return index <= 1 or folded[index - 1] not in _DETERMINERS
        if word not in _VERBS_EN or word == "according":
            return False
        if word in _NOUN_OR_VERB and (index + 1 >= len(folded) or folded[index + 1] in CLAUSE_BREAKS | {"."}):
            return False  # "according to Ukrainian estimates.": a noun
        if index > 0 and folded[index - 1] in {"is", "are", "was", "were", "be", "been", "being"}:
            return False  # "Pyongyang is estimated to have sent": a passive names no speaker
        if index > 0 and folded[index - 1] == "to" and word in _INFINITIVES:
            return True  # "Russia refused to confirm": the infinitive's subject is the speaker
        return index == 0 or (
            folded[index - 1] not in _DETERMINERS and folded[index - 1] not in _PREPOSITIONS
        )

    def _verb_subject(self, view: SentenceView, index: int, exclude: Spans) -> _Candidate | None:
        tokens = view.tokens
        start = index
        # Quotation marks and brackets inside a subject ("die Denkfabrik «ISW» (Washington)") do not end it.
        while start > 0 and tokens[start - 1].norm not in _SUBJECT_BREAKS:
            start -= 1
        before = self._candidates(view, start, index, exclude, subject=True)
        if before:
            return _best(before, last=False)  # coordinated subjects: the first one named
        pre_words = [t for t in tokens[start:index] if t.is_word]
        if view.language == "en" and pre_words and tokens[index].norm != "so":
            return None  # "officials said North Korea ...": what follows is the content
        if view.language == "en" and not _short_tail(tokens, index):
            if start < 2 or tokens[start - 1].norm != ",":
                return None
            return self._appositive_subject(view, start - 1, exclude) or self._subject_before_aside(
                view, start - 1, exclude
            )
        end = index + 1
        while (
            end < len(tokens)
            and tokens[end].norm not in CLAUSE_BREAKS
            and tokens[end].norm
            not in {
                "dass",
                "that",
                "ob",
                "whether",
            }
        ):
            end += 1
        after = self._candidates(view, index + 1, end, exclude, subject=True)
        if after:
            return _best(after, last=False)
        if pre_words or start < 2 or tokens[start - 1].norm != ",":
            return None
        if index + 1 < len(tokens) and tokens[index + 1].norm in _PRONOUN_SUBJECTS | {
            "ich",
            "wir",
            "we",
            "i",
        }:
            return None  # "..., sagte er": the speaker is someone mentioned before
        return self._appositive_subject(view, start - 1, exclude) or self._subject_before_aside(
            view, start - 1, exclude
        )

    def _subject_before_aside(self, view: SentenceView, comma: int, exclude: Spans) -> _Candidate | None:
        """ "Yonhap, citing military sources, said ..." / "Der Chef des Geheimdienstes, Kyrylo Budanow,
        äußerte sich": a short subject before an aside, or a name as the aside."""
        tokens = view.tokens
        aside_start = comma
        while aside_start > 0 and tokens[aside_start - 1].norm not in CLAUSE_BREAKS:
            aside_start -= 1
        if aside_start < 2 or tokens[aside_start - 1].norm != "," or comma - aside_start > 8:
            return None  # no aside: what precedes the comma is the reported clause itself
        aside = self._candidates(view, aside_start, comma, exclude, subject=True)
        named = [c for c in aside if c.kind in ("person", "name")]
        if named:
            return _best(named, last=False)
        head_end = aside_start - 1
        head_start = head_end
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS:
            head_start -= 1
        if head_start != 0 or head_end - head_start > 8:
            return None
        return _best(self._candidates(view, head_start, head_end, exclude, subject=True) + aside, last=False)

    def _appositive_subject(self, view: SentenceView, comma: int, exclude: Spans) -> _Candidate | None:
        """ "Peskov, the Kremlin spokesman, said": the subject sits before an appositive with a role word."""
        tokens = view.tokens
        inner_start = comma
        while inner_start > 0 and tokens[inner_start - 1].norm not in CLAUSE_BREAKS:
            inner_start -= 1
        inner = tokens[inner_start:comma]
        if not inner or len(inner) > 10 or not any(t.norm.endswith(_ROLE_ENDINGS) for t in inner):
            return None
        outer_start = inner_start - 1
        if outer_start < 1 or tokens[outer_start].norm != ",":
            return None
        head_start = outer_start
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS:
            head_start -= 1
        if outer_start - head_start > 6:
            return None  # a whole clause, not a name before an appositive
        found = self._candidates(view, head_start, outer_start, exclude, subject=True)
        found += self._candidates(view, inner_start, comma, exclude, subject=True)
        return _best(found, last=False)

    # -- candidates in a span ------------------------------------------------

    def _candidates(
        self, view: SentenceView, first: int, end: int, exclude: Spans, subject: bool
    ) -> list[_Candidate]:
        if first >= end:
            return []
        tokens = view.tokens
        span_start, span_end = tokens[first].start, tokens[end - 1].end
        out: list[_Candidate] = []
        covered: set[int] = set()
        for hit in view.hits:
            if hit.start < span_start or hit.end > span_end:
                continue
            if any(a <= hit.start < b or a < hit.end <= b for a, b in exclude):
                continue
            hit_first, hit_last = _token_range(tokens, hit.start, hit.end, first, end)
            covered.update(range(hit_first, hit_last + 1))
            if _is_expert_modifier(view, hit, hit_first, hit_last):
                continue
            if subject and in_prepositional_phrase(view, hit_first):
                continue
            kind = self._watchlist.actor(hit.actor_id).kind
            if subject and kind == "country" and _modifies_a_thing(view, hit, hit_last):
                continue  # "Die russischen Verluste schätzt Kiew": the losses do not speak
            out.append(_Candidate(hit.actor_id, hit.actor_id, kind, hit.start, hit.end, hit_first, hit_last))
        out.extend(_names(view, first, end, covered, exclude, subject))
        out.sort(key=lambda c: c.first)
        return [
            _Candidate(c.value, c.actor_id, c.kind, c.start, c.end, c.first, c.last, span_start, span_end)
            for c in out
        ]


def _token_range(tokens: Sequence[Token], start: int, end: int, first: int, stop: int) -> tuple[int, int]:
    """Indexes of the first and last token overlapping the character span [start, end)."""
    hit_first = hit_last = -1
    for index in range(first, stop):
        token = tokens[index]
        if token.end <= start:
            continue
        if token.start >= end:
            break
        if hit_first < 0:
            hit_first = index
        hit_last = index
    if hit_first < 0:
        return first, first
    return hit_first, hit_last


_SPEAKER_HEADS = tuple(
    """
    regierung ministerium ministeriums armee militar militars generalstab behorde behorden dienst
    dienste dienstes sprecher sprecherin prasident prasidentin minister ministerin seite medien
    fuhrung beamte beamter vertreter kommando streitkrafte truppen quellen kreise kreisen officials
    official government ministry military army forces intelligence media spokesman spokeswoman
    president minister diplomats diplomat authorities side sources general command agency leadership
    lawmaker lawmakers officers commanders staff amt amts staatsmedien parlament parliament
    abgeordnete abgeordneter
    """.split()
)


def _modifies_a_thing(view: SentenceView, hit: ActorHit, hit_last: int) -> bool:
    """A nationality adjective in front of a noun that cannot speak ("russischen Verluste")."""
    surface = hit.surface
    adjective = (
        surface[:1].islower()
        if view.language == "de"
        else surface.lower().endswith(("ian", "ean", "ese", "ish", "can", "sian"))
    )
    if not adjective or hit_last + 1 >= len(view.tokens):
        return False
    head = view.tokens[hit_last + 1]
    if not head.is_word or (view.language == "de" and not head.capitalized):
        return False
    following = view.tokens[
        hit_last + 1 : hit_last + 4
    ]  # "Ukrainian defence ministry", "military intelligence"
    for token in following:
        if not token.is_word:
            break
        if token.norm.endswith(_SPEAKER_HEADS):
            return False
    return True


def _is_expert_modifier(view: SentenceView, hit: ActorHit, first: int, last: int) -> bool:
    """ "Nordkorea-Experte", "North Korea expert", "Experte für Nordkorea": not the actor speaking."""
    tokens = view.tokens
    token = tokens[last]
    tail = token.norm[hit.end - token.start :] if token.end > hit.end else ""
    if tail.startswith("-") and tail.endswith(_EXPERT_HEADS):
        return True
    if last + 1 < len(tokens) and tokens[last + 1].norm in _EXPERT_HEADS:
        return True
    if (
        first >= 2
        and tokens[first - 1].norm in {"fur", "on", "for", "uber"}
        and tokens[first - 2].norm.endswith(_EXPERT_HEADS)
    ):
        return True
    return False


_INSTITUTIONS = frozenset(
    """regierung ministerium geheimdienst militar armee behorde behorden prasidialamt verteidigungsministerium
    aussenministerium botschaft government ministry military army office authorities embassy administration
    intelligence officials command""".split()
)


def _names_an_institution(head: Token) -> bool:
    """ "das Ministerium in Seoul", "the government in Khartoum": the place names who speaks."""
    if not head.is_word:
        return False
    return head.norm in _INSTITUTIONS or head.norm.endswith(
        ("ministerium", "ministeriums", "amt", "amts", "ministry", "behorde", "dienst", "dienstes")
    )


def in_prepositional_phrase(view: SentenceView, index: int) -> bool:
    """Is the noun phrase holding token ``index`` a prepositional phrase or a genitive attribute?"""
    tokens = view.tokens
    position = index - 1
    while position >= 0:
        token = tokens[position]
        norm = token.norm
        if norm in _PREPOSITIONS:
            head = tokens[position - 1] if position > 0 else None
            if head is not None and norm in {"in", "aus", "im", "from"} and _names_an_institution(head):
                return False  # "das Ministerium in Seoul": the place names the institution
            if head is not None and head.norm.endswith(_ROLE_ENDINGS) and norm in {"for", "of", "von", "at"}:
                return False  # "a spokesman for the Kremlin"
            return True
        if norm in _DETERMINERS or (
            token.is_word
            and not token.capitalized
            and not norm[:1].isdigit()
            and norm not in _NP_STOP_DE
            and norm not in _NP_STOP_EN
        ):
            if view.language == "de" and norm in {"des", "der"} and position > 0:
                previous = tokens[position - 1]
                if (
                    previous.is_word
                    and previous.capitalized
                    and previous.norm not in _NOT_NAMES
                    and not previous.norm.endswith(_ROLE_ENDINGS)
                ):
                    # "die Zahl der Nordkoreaner": a genitive attribute ("Sprecher des Kremls" is not)
                    return True
            position -= 1
            continue
        return False
    return False


def _names(
    view: SentenceView, first: int, end: int, covered: set[int], exclude: Spans, subject: bool
) -> list[_Candidate]:
    """Capitalised runs that look like a speaker's name ("Frederic Spohr", "Ministry of Defence").

    A name is left to the watchlist actor it works for when the text says so: an office after a
    possessive ("Russia's Defense Ministry", "South Korea's Joint Chiefs of Staff"), an office in a
    country's capital ("the Unification Ministry in Seoul"), or an official introduced with the
    country's adjective ("der ukrainische Verteidigungsminister Rustem Umerow" speaks for Ukraine)."""
    tokens = view.tokens
    out: list[_Candidate] = []
    run: list[int] = []

    def flush() -> None:
        while run and tokens[run[-1]].norm in _NAME_JOINERS:
            run.pop()
        words = list(run)
        while words and tokens[words[0]].norm.endswith(_ROLE_ENDINGS):
            words.pop(0)
        minimum = 1 if view.language == "en" else 2
        if len(words) == 1 and (words[0] == 0 or tokens[words[0]].norm.endswith(_ROLE_ENDINGS)):
            minimum = 2  # a capitalised sentence opening is not a name on its own
        elif len(words) == 1 and view.language == "de":
            after, before = words[0] + 1, words[0] - 1
            bare = before < 0 or (
                tokens[before].is_word
                and tokens[before].norm not in _DETERMINERS
                and before not in covered
                and tokens[before].capitalized is False
                and not tokens[before].norm.endswith(("e", "en", "er", "es", "em"))
            )
            if bare and (after >= len(tokens) or tokens[after].norm in CLAUSE_BREAKS | {"."}):
                minimum = 1  # ", so Spohr." / "meint Spohr." (not "der ukrainischen Spezialkräfte.")
        if len(words) >= minimum and not _speaks_for_a_watchlist_actor(view, run, words, covered):
            a, b = tokens[words[0]].start, tokens[words[-1]].end
            if not any(x <= a < y for x, y in exclude) and not (
                subject and in_prepositional_phrase(view, words[0])
            ):
                text = view.text[a - view.start : b - view.start]
                out.append(_Candidate(text, None, "name", a, b, words[0], words[-1]))
        run.clear()

    for index in range(first, end):
        token = tokens[index]
        if (
            (
                index not in covered
                and index not in view.quoted  # „Fake News“ is what was said, not who said it
                and token.is_word
                and token.capitalized
                and not token.norm[:1].isdigit()
                and token.norm not in _NOT_NAMES
                and not _looks_adjective(token.norm)
            )
            or (run and token.norm in _NAME_JOINERS and view.language == "en")
        ):
            run.append(index)
        else:
            flush()
    flush()
    return out


_NAME_JOINERS = frozenset({"of", "for"})  # "Ministry of Defence", "Institute for Security Studies"
_INSTITUTION_WORDS = tuple(
    """
    ministry ministerium ministeriums agency office staff command council service department chiefs
    amt amts behorde dienst dienstes kommando
    """.split()
)
_OFFICIAL_ROLES = tuple(
    """
    minister ministerin sprecher sprecherin spokesman spokeswoman spokesperson prasident prasidentin
    president botschafter ambassador general kommandeur commander beamter beamte official diplomat
    secretary generalstabschef chief
    """.split()
)


def _speaks_for_a_watchlist_actor(
    view: SentenceView, run: list[int], words: list[int], covered: set[int]
) -> bool:
    tokens = view.tokens
    start = run[0]
    before = start - 1
    if before >= 0 and before in covered:
        # "Russia's Defense Ministry", "U.S. State Department", "die ukrainische Behörde X"
        surface = tokens[before].surface
        if any(tokens[i].norm.endswith(_INSTITUTION_WORDS + _OFFICIAL_ROLES) for i in run) or (
            view.language == "en" and surface.endswith(("'s", "’s"))
        ):
            return True
    if any(tokens[i].norm.endswith(_INSTITUTION_WORDS) for i in run):
        after = words[-1] + 1
        if after + 1 < len(tokens) and tokens[after].norm in {"in", "im", "from"} and after + 1 in covered:
            return True  # "the Unification Ministry in Seoul"
    for back in range(start - 1, max(-1, start - 5), -1):  # "Ukraine's defence minister Rustem Umerov"
        if back in covered:
            return any(tokens[i].norm.endswith(_OFFICIAL_ROLES) for i in range(back + 1, words[0]))
        if tokens[back].norm in CLAUSE_BREAKS:
            break
    return False


def _looks_adjective(norm: str) -> bool:
    return norm.endswith(
        ("isch", "ische", "ischen", "ischer", "isches", "ian", "ians", "ese", "ish")
    ) or norm.endswith(("ung", "heit", "keit", "schaft", "tion", "ismus", "itat", "ern"))


def _best(candidates: list[_Candidate], last: bool) -> _Candidate | None:
    if not candidates:
        return None
    ordered = sorted(candidates, key=lambda c: (_KIND_RANK.get(c.kind, 2), -c.first if last else c.first))
    return ordered[0]


def _choose(found: list[tuple[str, _Candidate]]) -> Source | None:
    if not found:
        return None

    def rank(item: tuple[str, _Candidate]) -> tuple[int, int, int, int]:
        role, candidate = item
        media = candidate.kind == "media"
        citing_name = role == "citing" and candidate.actor_id is None
        tier = 2 if media else (1 if citing_name else 0)
        return (tier, _ROLE_RANK[role], _KIND_RANK.get(candidate.kind, 2), candidate.first)

    role, best = min(found, key=rank)
    return Source(
        best.value,
        best.actor_id,
        best.kind,
        role,
        best.start,
        best.end,
        min(best.phrase_start, best.start),
        max(best.phrase_end, best.end),
    )


def _particle_at_clause_end(folded: list[str], index: int, particles: frozenset[str]) -> bool:
    for position in range(index + 1, len(folded)):
        word = folded[position]
        if word in CLAUSE_BREAKS or word == ".":
            return folded[position - 1] in particles
    return folded[-1] in particles


def _anaphoric_subject(folded: list[str], index: int) -> bool:
    """ "he said", "sagte er", "the agency told lawmakers", "teilte der Geheimdienst mit"."""
    if _PRONOUN_SUBJECTS & set(folded[max(0, index - 1) : index + 2]):
        return True
    before = folded[index - 2] if index >= 2 else ""
    after = folded[index + 1] if index + 1 < len(folded) else ""
    return before in {"the", "der", "die", "das"} or after in {"der", "die", "das"}


_PASSIVE_AUXILIARIES = frozenset("wird wurde werden wurden is was were are been".split())
_REPORTING_PARTICIPLES = frozenset(
    """geschatzt beziffert angegeben gemeldet bestatigt berichtet estimated reported confirmed put
    counted""".split()
)


def _reported_in_passive(folded: list[str]) -> bool:
    """ "Die Zahl wird von Kiew auf 11.000 geschätzt": the agent of a reporting passive is the source."""
    words = set(folded)
    return bool(words & _PASSIVE_AUXILIARIES) and bool(words & _REPORTING_PARTICIPLES)


def _short_tail(tokens: Sequence[Token], index: int) -> bool:
    """ "..., said Peskov." / "said Kremlin spokesman Dmitry Peskov, adding": an inverted speaker."""
    for position in range(index + 1, min(len(tokens), index + 8)):
        if tokens[position].norm in CLAUSE_BREAKS or tokens[position].norm == ".":
            return True
    return len(tokens) - index <= 8


def _ends_clause_soon(folded: list[str], index: int) -> bool:
    for position in range(index + 1, min(len(folded), index + 8)):
        if folded[position] in CLAUSE_BREAKS or folded[position] == ".":
            return True
    return len(folded) - index <= 8
