"""The watchlist matcher on short written German and English passages.

Each case names the actor ids that must be found and those that must not. The
watchlist is built here from ActorSpec objects so the cases do not depend on
the default feeds.yaml (one test at the end checks that file separately).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from monitor.text.actors.find import CONTEXT_WINDOW, ActorHit, Watchlist, name_variants
from monitor.text.spec import ActorSpec
from tests.support.paths import SEED_GOLD

REPO = Path(__file__).resolve().parents[2]
GOLD = SEED_GOLD


def _actor(actor_id: str, kind: str = "other", **fields: object) -> ActorSpec:
    return ActorSpec.model_validate({"id": actor_id, "kind": kind, **fields})


TEST_ACTORS = [
    _actor(
        "north-korea",
        "country",
        names={
            "de": [
                "Nordkorea",
                "Pjöngjang",
                "Nordkoreaner",
                "nordkoreanisch",
                "Demokratische Volksrepublik Korea",
            ],
            "en": ["North Korea", "North Korean", "DPRK", "Pyongyang"],
        },
    ),
    _actor(
        "russia",
        "country",
        names={
            "de": ["Russland", "Moskau", "Kreml", "russisch"],
            "en": ["Russia", "Moscow", "Kremlin", "Russian"],
        },
    ),
    _actor(
        "ukraine",
        "country",
        names={"de": ["Ukraine", "Kiew", "Kyjiw", "ukrainisch"], "en": ["Ukraine", "Kyiv", "Ukrainian"]},
    ),
    _actor(
        "south-korea",
        "country",
        names={"de": ["Südkorea", "Seoul", "südkoreanisch"], "en": ["South Korea", "Seoul", "South Korean"]},
    ),
    _actor(
        "china",
        "country",
        names={"de": ["China", "Peking", "chinesisch"], "en": ["China", "Beijing", "Chinese"]},
    ),
    _actor(
        "united-states",
        "country",
        names={
            "de": ["USA", "Vereinigte Staaten", "US-Verteidigungsministerium", "Pentagon"],
            "en": ["United States", "U.S.", "Pentagon"],
        },
        ambiguous=["US"],
        context={"de": ["Washington", "amerikanisch"], "en": ["Washington", "American"]},
    ),
    _actor(
        "kim-jong-un",
        "person",
        names={"de": ["Kim Jong Un"], "en": ["Kim Jong-un"]},
        ambiguous=["Kim"],
        context={"de": ["Machthaber"], "en": ["leader"]},
        speaks_for="north-korea",
    ),
    _actor(
        "kim-yo-jong", "person", names={"en": ["Kim Yo Jong"]}, ambiguous=["Kim"], speaks_for="north-korea"
    ),
    _actor(
        "putin",
        "person",
        names={"de": ["Wladimir Putin", "Putin"], "en": ["Vladimir Putin", "Putin"]},
        speaks_for="russia",
    ),
    _actor(
        "peskov",
        "person",
        names={"de": ["Dmitri Peskow", "Peskow"], "en": ["Dmitry Peskov", "Peskov"]},
        speaks_for="russia",
    ),
    _actor(
        "zelensky",
        "person",
        names={
            "de": ["Wolodymyr Selenskyj", "Selenskyj"],
            "en": ["Volodymyr Zelensky", "Zelensky", "Zelenskyy"],
        },
        speaks_for="ukraine",
    ),
    _actor("yoon-suk-yeol", "person", names={"en": ["Yoon Suk Yeol"]}, ambiguous=["Yoon"]),
    _actor("xi-jinping", "person", names={"en": ["Xi Jinping"]}, ambiguous=["Xi"], speaks_for="china"),
    _actor(
        "nis",
        "organization",
        names={
            "de": ["Nationaler Geheimdienst", "Südkoreas Geheimdienst", "südkoreanische Geheimdienst"],
            "en": ["National Intelligence Service"],
        },
        ambiguous=["NIS"],
        context={"de": ["Geheimdienst"], "en": ["intelligence", "spy"]},
        speaks_for="south-korea",
    ),
    _actor("nato", "organization", names={"de": ["Nato", "Nato-Beamter", "Nato-Beamte"], "en": ["NATO"]}),
    _actor("eu", "organization", names={"de": ["EU", "Europäische Union"], "en": ["EU", "European Union"]}),
    _actor("isw", "organization", names={"en": ["Institute for the Study of War", "ISW"]}),
    _actor("george-lopez", "person", names={"en": ["George Lopez"]}),
    _actor("lee-seong-kweun", "person", names={"en": ["Lee Seong-kweun"]}),
    _actor("rutte", "person", names={"de": ["Mark Rutte", "Rutte"], "en": ["Mark Rutte", "Rutte"]}),
    _actor("strauss", "person", names={"de": ["Franz Josef Strauß"]}),
    _actor("ukrainian-media", "media", names={"de": ["ukrainische Medien"], "en": ["Ukrainian media"]}),
]


@pytest.fixture(scope="module")
def watchlist() -> Watchlist:
    return Watchlist(TEST_ACTORS)


def _ids(hits: list[ActorHit]) -> set[str]:
    return {hit.actor_id for hit in hits}


# (passage, must be found, must not be found)
GERMAN_CASES: list[tuple[str, set[str], set[str]]] = [
    # plain names and inflections
    ("Nach Angaben aus Kiew hat Nordkorea weitere Einheiten verlegt.", {"north-korea", "ukraine"}, set()),
    ("Die Armee Nordkoreas gilt als eine der größten der Welt.", {"north-korea"}, {"south-korea"}),
    ("Nordkoreaner sollen bereits im Grenzgebiet stehen.", {"north-korea"}, set()),
    ("Gemeinsam mit den Nordkoreanern trainieren russische Ausbilder.", {"north-korea", "russia"}, set()),
    ("Eine Nordkoreanerin floh über die Grenze.", {"north-korea"}, set()),
    ("Eine nordkoreanische Delegation reiste ab.", {"north-korea"}, set()),
    ("Es gibt Hinweise auf nordkoreanischen Nachschub.", {"north-korea"}, set()),
    ("Ein nordkoreanischer Offizier wurde gefangen genommen.", {"north-korea"}, set()),
    ("Die Waffen seien nordkoreanisch, heißt es.", {"north-korea"}, set()),
    ("Die Führung Russlands äußert sich nicht.", {"russia"}, set()),
    ("Selenskyjs Stabschef widersprach am Abend.", {"zelensky"}, set()),
    ("Putins Sprecher Peskow wies das zurück.", {"putin", "peskov"}, {"russia"}),
    ("Ruttes erste Reise führte ihn in die Ukraine.", {"rutte", "ukraine"}, set()),
    ("Die Delegation aus Pjöngjang landete am Morgen.", {"north-korea"}, set()),
    ("Die Demokratische Volksrepublik Korea bestreitet alles.", {"north-korea"}, {"south-korea"}),
    ("Vertreter der Demokratischen Volksrepublik Korea schwiegen.", {"north-korea"}, set()),
    ("Die Vereinigten Staaten reagieren zurückhaltend.", {"united-states"}, set()),
    ("Auch die USA liefern weiter Munition.", {"united-states"}, set()),
    ("Die Europäische Union berät über Sanktionen.", {"eu"}, set()),
    ("Die Außenminister der Europäischen Union trafen sich.", {"eu"}, set()),
    ("Ein Sprecher der EU nannte keine Details.", {"eu"}, set()),
    ("Mehr dazu unter www.beispiel.eu im Netz.", set(), {"eu"}),  # a lowercase acronym is no name
    ("Die Eu-Kommission tagt.", {"eu"}, set()),
    # compounds
    ("Ein Nato-Beamter bestätigte die Beobachtung.", {"nato"}, set()),
    ("Mehrere Nato-Staaten wollen reagieren.", {"nato"}, set()),
    ("Am Rande gab es Anti-Nato-Proteste.", {"nato"}, set()),
    ("Der Russland-Ukraine-Krieg dauert an.", {"russia", "ukraine"}, set()),
    ("Das US-Verteidigungsministerium nannte keine Zahl.", {"united-states"}, set()),
    ("Die US-Armee verlegt Material nach Polen.", {"united-states"}, set()),
    ("Ein Putin-Vertrauter bestätigte das Treffen.", {"putin"}, set()),
    ("Das Kim-Regime hat die Verlegung nie bestätigt.", {"kim-jong-un"}, {"kim-yo-jong"}),
    ("Der Kreml-Chef empfing Gäste aus Pjöngjang.", {"russia", "north-korea"}, set()),
    ("Der Kremlchef schwieg.", set(), {"russia"}),  # closed compounds are not names
    # the longest name wins
    ("Laut Südkoreas Geheimdienst sind es mehr als gedacht.", {"nis"}, {"south-korea"}),
    ("Der südkoreanische Geheimdienst spricht von Tausenden.", {"nis"}, {"south-korea"}),
    ("Beim südkoreanischen Geheimdienst hieß es, man prüfe das.", {"nis"}, {"south-korea"}),
    ("Die Analyse des Nationalen Geheimdienstes liegt vor.", {"nis"}, set()),
    ("Der Nationale Geheimdienst in Seoul warnte.", {"nis", "south-korea"}, set()),
    ("Die ukrainischen Medien berichten von Gefechten.", {"ukrainian-media"}, {"ukraine"}),
    ("Laut ukrainischer Armee gab es Verluste.", {"ukraine"}, {"ukrainian-media"}),
    # ambiguous short names
    (
        "Kim Jong Un besuchte eine Fabrik. Dort sagte Kim, das Land sei bereit.",
        {"kim-jong-un"},
        {"kim-yo-jong"},
    ),
    ("Kim sprach von einer neuen Freundschaft.", set(), {"kim-jong-un", "kim-yo-jong"}),
    ("Nordkoreas Machthaber Kim lobte die Truppe.", {"kim-jong-un", "north-korea"}, {"kim-yo-jong"}),
    ("Der Geheimdienst NIS hält die Zahl für belastbar.", {"nis"}, set()),
    ("Der NIS hält die Zahl für belastbar.", set(), {"nis"}),
    ("Die Polizei in Niš in Serbien ermittelt, auch der Geheimdienst.", set(), {"nis"}),
    ("Ohne Xi Jinping geht nichts: Xi hat das letzte Wort.", {"xi-jinping"}, set()),
    ("Xi äußerte sich nicht.", set(), {"xi-jinping"}),
    (
        "China verschärft den Ton, Xi warnte den Westen.",
        {"xi-jinping", "china"},
        set(),
    ),  # near whom he speaks for
    ("Aus Südkorea heißt es, der NIS habe neue Zahlen.", {"nis", "south-korea"}, set()),
    ("Kim Jong Un reiste ab. Kim Su-jin gewann im Turnen.", {"kim-jong-un"}, {"kim-yo-jong"}),
    # word boundaries
    ("Die Kimono-Ausstellung zieht viele Besucher an.", set(), {"kim-jong-un", "kim-yo-jong"}),
    ("Der Natoli-Preis wurde in Rom verliehen.", set(), {"nato"}),
    ("In Xinjiang wurden Lager gebaut.", set(), {"xi-jinping"}),
    ("Der Chinesischlehrer kam zu spät.", set(), {"china"}),
    ("Russlanddeutsche feiern ein Fest.", set(), {"russia"}),
    ("Im Pentagonal-Muster der Fliesen.", set(), {"united-states"}),
    # spelling, diacritics, case, line breaks
    ("Die Partei von Franz Josef Strauss feierte.", {"strauss"}, set()),
    ("Die Partei von Franz Josef Strauß feierte.", {"strauss"}, set()),
    ("Präsident Sélenskyj reiste nach Kyjiw.", {"zelensky", "ukraine"}, set()),
    ("Präsident Selensky reiste nach Kyjiw.", {"ukraine"}, {"zelensky"}),  # unlisted spelling
    ("NORDKOREA DROHT MIT VERGELTUNG", {"north-korea"}, set()),
    ("Treffen zwischen Wladimir\nPutin und Kim Jong Un", {"putin", "kim-jong-un"}, set()),
]

ENGLISH_CASES: list[tuple[str, set[str], set[str]]] = [
    ("North Korea has sent troops to Russia, officials say.", {"north-korea", "russia"}, set()),
    ("North Korean soldiers were seen near the border.", {"north-korea"}, set()),
    ("Two North Koreans were captured by Ukrainian forces.", {"north-korea", "ukraine"}, set()),
    ("Putin's spokesman declined to comment.", {"putin"}, set()),
    ("Putin\u2019s allies welcomed the decision.", {"putin"}, set()),
    ("Zelenskyy's office released a video.", {"zelensky"}, set()),
    ("Zelensky said Kyiv would respond.", {"zelensky", "ukraine"}, set()),
    ("The Kremlin denied the report.", {"russia"}, set()),
    ("Moscow's response was swift.", {"russia"}, set()),
    ("Officials in Beijing and Seoul kept quiet.", {"china", "south-korea"}, set()),
    ("DPRK troops are said to be in the Kursk region.", {"north-korea"}, set()),
    ("Kim Jong-un's sister Kim Yo Jong issued a statement.", {"kim-jong-un", "kim-yo-jong"}, set()),
    ("Kim Yo Jong mocked Seoul again. Kim also warned Washington.", {"kim-yo-jong"}, {"kim-jong-un"}),
    ("The North Korean leader Kim inspected a factory.", {"kim-jong-un", "north-korea"}, {"kim-yo-jong"}),
    ("Kimberly Jones wrote the report.", set(), {"kim-jong-un", "kim-yo-jong"}),
    ("Let us see what happens next.", set(), {"united-states"}),
    ("US officials declined to comment.", set(), {"united-states"}),
    ("Washington says US officials are worried.", {"united-states"}, set()),
    (
        "The United States warned Pyongyang; US officials gave no figure.",
        {"united-states", "north-korea"},
        set(),
    ),
    ("The U.S. Defense Department gave no figure.", {"united-states"}, set()),
    ("The Pentagon said it could not confirm the numbers.", {"united-states"}, set()),
    ("South Korea's spy agency, the NIS, raised its estimate.", {"nis", "south-korea"}, set()),
    ("The NIS estimate rose again.", set(), {"nis"}),
    ("The National Intelligence Service briefed lawmakers.", {"nis"}, set()),
    ("NATO's secretary general spoke in Brussels.", {"nato"}, set()),
    ("Nato allies met on Tuesday.", {"nato"}, set()),
    ("The ISW assessed that the deployment continues.", {"isw"}, set()),
    ("Analysts at the Institute for the Study of War disagree.", {"isw"}, set()),
    ("President Yoon Suk Yeol called a meeting. Yoon later spoke to reporters.", {"yoon-suk-yeol"}, set()),
    ("Yoon later spoke to reporters.", set(), {"yoon-suk-yeol"}),
    ("Xi Jinping met Putin. Xi's remarks were brief.", {"xi-jinping", "putin"}, set()),
    ("Mark Rutte's first trip abroad was short.", {"rutte"}, set()),
    ("Ukrainian media reported heavy fighting.", {"ukrainian-media"}, {"ukraine"}),
    ("George Lopez' analysis of the shipments was cited.", {"george-lopez"}, set()),
    ("Lawmaker Lee Seong-kweun briefed reporters.", {"lee-seong-kweun"}, set()),
    ("Lawmaker Lee Seong Kweun briefed reporters.", {"lee-seong-kweun"}, set()),
    ("Russians and Chinese diplomats met.", {"russia", "china"}, set()),
    ("Russianness is a vague idea.", set(), {"russia"}),
    ("Chinese diplomats met Russian officials.", {"china", "russia"}, set()),
]


@pytest.mark.parametrize(("text", "must", "must_not"), GERMAN_CASES + ENGLISH_CASES)
def test_passage(watchlist: Watchlist, text: str, must: set[str], must_not: set[str]) -> None:
    found = _ids(watchlist.find(text))
    assert must <= found, f"missing {must - found} in {text!r}"
    assert not (must_not & found), f"unexpected {must_not & found} in {text!r}"


def test_there_are_enough_cases() -> None:
    assert len(GERMAN_CASES) + len(ENGLISH_CASES) >= 60
    assert all(must or must_not for _, must, must_not in GERMAN_CASES + ENGLISH_CASES)


@pytest.mark.parametrize("text", [text for text, _, _ in GERMAN_CASES + ENGLISH_CASES])
def test_hits_point_into_the_original_and_do_not_overlap(watchlist: Watchlist, text: str) -> None:
    hits = watchlist.find(text)
    previous_end = 0
    for hit in hits:
        assert text[hit.start : hit.end] == hit.surface
        assert hit.start >= previous_end
        previous_end = hit.end


@pytest.mark.parametrize(
    ("text", "actor_id", "surface"),
    [
        ("Die Armee Nordkoreas marschiert.", "north-korea", "Nordkoreas"),
        ("Mit den Nordkoreanern kamen Offiziere.", "north-korea", "Nordkoreanern"),
        ("Putin\u2019s allies cheered.", "putin", "Putin"),
        ("Laut Südkoreas Geheimdienst ist das so.", "nis", "Südkoreas Geheimdienst"),
        ("Ein Nato-Beamter sagte das.", "nato", "Nato-Beamter"),
        ("Mehrere Nato-Beamten sagten das.", "nato", "Nato-Beamten"),
        ("Die Nato-Staaten reagieren.", "nato", "Nato"),
        ("Das Kim-Regime schweigt.", "kim-jong-un", "Kim"),
        ("Treffen mit Kim Jong\u2011un in Moskau", "kim-jong-un", "Kim Jong\u2011un"),
        ("Treffen mit KIM JONG UN in Moskau", "kim-jong-un", "KIM JONG UN"),
        ("Die Geheimdienste der Vereinigten Staaten", "united-states", "Vereinigten Staaten"),
    ],
)
def test_surface(watchlist: Watchlist, text: str, actor_id: str, surface: str) -> None:
    assert [hit.surface for hit in watchlist.find(text) if hit.actor_id == actor_id] == [surface]


def test_offsets_survive_characters_that_change_length(watchlist: Watchlist) -> None:
    # ß expands and the decomposed ö loses a character when folded: Moskau must still line up.
    text = "Die Große Straße in " + unicodedata.normalize("NFD", "Pjöngjang") + " und Moskau."
    hits = {hit.actor_id: hit for hit in watchlist.find(text)}
    assert text[hits["russia"].start : hits["russia"].end] == "Moskau"
    assert hits["north-korea"].surface == unicodedata.normalize("NFD", "Pjöngjang")


def test_counts(watchlist: Watchlist) -> None:
    text = (
        "Kim Jong Un traf Putin. Kim lobte Russland, Putin lobte Nordkorea. "
        "Später sprach Putin erneut, und Russlands Medien jubelten."
    )
    counts = watchlist.counts(text)
    assert counts["putin"] == 3
    assert counts["kim-jong-un"] == 2
    assert counts["russia"] == 2
    assert counts["north-korea"] == 1


def test_ambiguous_name_starting_a_longer_unlisted_name_does_not_count(watchlist: Watchlist) -> None:
    text = "Kim Il Sung gründete den Staat, Kim Jong Un führt ihn. Kim Su-jin ist Sportlerin. Kim winkte."
    kims = [hit.surface for hit in watchlist.find(text) if hit.actor_id == "kim-jong-un"]
    assert kims == ["Kim Jong Un", "Kim"]


def test_ambiguous_name_needs_its_principal_nearby(watchlist: Watchlist) -> None:
    filler = "Dazwischen stand lange etwas ganz anderes. " * (CONTEXT_WINDOW // 40 + 1)
    assert "xi-jinping" not in watchlist.counts("China protestierte. " + filler + "Xi schwieg.")
    assert watchlist.counts("China protestierte, Xi schwieg.").get("xi-jinping") == 1


def test_ambiguous_name_follows_a_confirmed_compound(watchlist: Watchlist) -> None:
    text = "Das Kim-Regime schweigt. Kim selbst zeigte sich nicht."
    assert watchlist.counts(text).get("kim-jong-un") == 2


def test_context_word_must_be_near(watchlist: Watchlist) -> None:
    far = (
        "Der Geheimdienst tagte. "
        + "Danach ging es um anderes. " * (CONTEXT_WINDOW // 20)
        + "Der NIS schweigt."
    )
    near = "Der NIS schweigt, heißt es aus dem Geheimdienst."
    assert "nis" not in watchlist.counts(far)
    assert watchlist.counts(near).get("nis") == 1


def test_shared_ambiguous_name_goes_to_the_nearest_unambiguous_mention(watchlist: Watchlist) -> None:
    text = (
        "Kim Jong Un empfing Gäste in Pjöngjang. "
        "Viele Stunden später meldete sich Kim Yo Jong zu Wort. Kim warnte Seoul."
    )
    last_kim = [hit for hit in watchlist.find(text) if hit.surface == "Kim"]
    assert [hit.actor_id for hit in last_kim] == ["kim-yo-jong"]


def test_lowercase_us_never_counts_even_with_context(watchlist: Watchlist) -> None:
    text = "The United States told us nothing, Washington said."
    hits = [hit for hit in watchlist.find(text) if hit.actor_id == "united-states"]
    assert [hit.surface for hit in hits] == ["United States"]


def test_name_shared_by_two_actors_counts_for_both() -> None:
    actors = [
        _actor("seoul-city", "place", names={"en": ["Seoul"]}),
        _actor("south-korea", "country", names={"en": ["South Korea", "Seoul"]}),
    ]
    hits = Watchlist(actors).find("Seoul answered quickly.")
    assert sorted(hit.actor_id for hit in hits) == ["seoul-city", "south-korea"]
    assert {hit.surface for hit in hits} == {"Seoul"}


@pytest.mark.parametrize(
    ("speaker", "actor_id"),
    [
        ("Kremlin spokesman Dmitry Peskov", "peskov"),
        ("Peskov, the Kremlin spokesman", "peskov"),
        ("Kremlsprecher Dmitri Peskow", "peskov"),
        ("Selenskyjs", "zelensky"),
        ("der ukrainische Präsident Wolodymyr Selenskyj", "zelensky"),
        ("a spokesman for South Korea's NIS", "nis"),
        ("Südkoreas Geheimdienst", "nis"),
        ("Nordkoreas Machthaber Kim", "kim-jong-un"),
        ("US officials", "united-states"),
        ("das US-Verteidigungsministerium", "united-states"),
        ("Institute for the Study of War", "isw"),
    ],
)
def test_resolve_name(watchlist: Watchlist, speaker: str, actor_id: str) -> None:
    assert watchlist.resolve_name(speaker) == actor_id


@pytest.mark.parametrize(
    "speaker", ["a senior official", "us", "Kimberly Jones", "", "Ministerium", "Kim Su-jin", "Natoli"]
)
def test_resolve_name_without_watchlist_name(watchlist: Watchlist, speaker: str) -> None:
    assert watchlist.resolve_name(speaker) is None


def test_speaks_for_and_actor(watchlist: Watchlist) -> None:
    assert watchlist.speaks_for("peskov") == "russia"
    assert watchlist.speaks_for("russia") is None
    assert watchlist.speaks_for("no-such-actor") is None
    assert watchlist.actor("nis").kind == "organization"
    with pytest.raises(KeyError):
        watchlist.actor("no-such-actor")


def test_duplicate_actor_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        Watchlist([_actor("russia", names={"de": ["Russland"]}), _actor("russia", names={"en": ["Russia"]})])


def test_empty_watchlist_finds_nothing() -> None:
    empty = Watchlist([])
    assert empty.find("Nordkorea und Russland") == []
    assert empty.resolve_name("Putin") is None


@pytest.mark.parametrize(
    ("name", "languages", "expected_keys", "expected_suffixes"),
    [
        ("Russland", ["de"], ["russland"], {"s", "es"}),
        ("Nordkorea", ["de"], ["nordkorea"], {"s"}),
        ("Nordkoreaner", ["de"], ["nordkoreaner"], {"n", "s", "in", "innen"}),
        ("North Korean", ["en"], ["north korean"], {"s"}),
        ("Kim Jong-un", ["en"], ["kim jong un"], {"s"}),
        ("NATO", ["de", "en"], ["nato"], set()),
        ("Lopez", ["de"], ["lopez"], set()),
    ],
)
def test_name_variants(
    name: str, languages: list[str], expected_keys: list[str], expected_suffixes: set[str]
) -> None:
    keys, suffixes = name_variants(name, languages, ambiguous=False)
    assert keys == expected_keys
    assert set(suffixes) == expected_suffixes


def test_german_adjective_variants() -> None:
    keys, _ = name_variants("nordkoreanisch", ["de"], ambiguous=False)
    assert set(keys) == {f"nordkoreanisch{ending}" for ending in ("", "e", "en", "er", "es", "em")}
    keys, _ = name_variants("Vereinigte Staaten", ["de"], ambiguous=False)
    assert "vereinigten staaten" in keys
    # a capitalised last word is a noun, not an adjective in -al
    keys, _ = name_variants("Portugal", ["de"], ambiguous=False)
    assert keys == ["portugal"]


def test_an_attribute_in_a_name_takes_the_endings_of_its_article() -> None:
    keys, suffixes = name_variants("Rotes Kreuz", ["de"], ambiguous=False)
    assert {"rotes kreuz", "rote kreuz", "roten kreuz", "rotem kreuz"} <= set(keys)
    assert "rot kreuz" not in keys  # an attribute before its noun always has an ending
    assert "es" in suffixes  # "des Roten Kreuzes"
    keys, _ = name_variants("Libyscher Roter Halbmond", ["de"], ambiguous=False)
    assert {"libysche rote halbmond", "libyschen roten halbmond"} <= set(keys)
    # a noun before a lowercase word of the name is no attribute ("Komitee vom")
    keys, _ = name_variants("Internationales Komitee vom Roten Kreuz", ["de"], ambiguous=False)
    assert "internationalen komitee vom roten kreuz" in keys
    assert not any(" komiteen " in key for key in keys)
    # a person's first name is no attribute, nor is a word of an English name
    assert name_variants("Peter Brenner", ["de"], ambiguous=False, person=True)[0] == ["peter brenner"]
    assert name_variants("Blue Helmets", ["en"], ambiguous=False)[0] == ["blue helmets"]


def test_an_inflected_attribute_of_a_listed_name_is_found() -> None:
    watchlist = Watchlist(
        [
            _actor("red-cross", "organization", names={"de": ["Rotes Kreuz"]}),
            _actor("mountain-watch", "organization", names={"de": ["Freie Bergwacht"]}),
            _actor("peter-roth", "person", names={"de": ["Peter Roth"]}),
        ]
    )
    text = "Helfer des Roten Kreuzes und der Freien Bergwacht trafen das Rote Kreuz vor Ort."
    assert [hit.actor_id for hit in watchlist.find(text)] == ["red-cross", "mountain-watch", "red-cross"]
    assert watchlist.find("Ein rotes Auto und ein Kreuz am Weg.") == []
    assert _ids(watchlist.find("Petern Roth und Pete Roth sind nicht gemeint.")) == set()


def test_a_watchlist_of_100000_names_still_matches() -> None:
    first = ["Anna", "Jonas", "Olena", "Min-jun", "James", "Jürgen", "Zoë", "Wei", "Sergei", "Maria"]
    stems = ["Ber", "Kov", "Park", "Schm", "Zhao", "Mill", "Petr", "Lund", "Hof", "Tkach"]
    endings = ["er", "enko", "ski", "ov", "son", "mann", "stein", "ez", "ard", "ier"]

    def name(index: int) -> str:
        # the number keeps 100,000 names distinct; letters make it a word
        suffix = "".join("abcdefghij"[int(digit)] for digit in str(index))
        return f"{first[index % 10]} {stems[index // 10 % 10]}{endings[index // 100 % 10]}{suffix}"

    actors = [
        ActorSpec.model_construct(
            id=f"p{index}", kind="person", names={"de": [name(index)]}, ambiguous=[], context={}
        )
        for index in range(100_000)
    ]
    # how long building takes is bench_match's business; here: every name of 100,000 is found
    large = Watchlist([*actors, *TEST_ACTORS])
    text = f"{name(17)} traf Wladimir Putin. Der Bericht von {name(99_999)}s liegt vor. {name(5)}x nicht."
    assert _ids(large.find(text)) == {"p17", "putin", "p99999"}


# -- the default watchlist (feeds.yaml) against the gold actor ids ------------------------------------

GOLD_PASSAGES = {
    "north-korea": "Pjöngjang schweigt zu den Berichten.",
    "russia": "In Moskau gab man sich gelassen.",
    "ukraine": "Kyiv has asked for more air defence.",
    "south-korea": "Südkorea erhöhte die Alarmstufe.",
    "china": "Beijing called for restraint.",
    "united-states": "Das US-Verteidigungsministerium prüft die Angaben.",
    "kim-jong-un": "Kim Jong Un inspected a new factory.",
    "putin": "Wladimir Putin unterschrieb den Vertrag.",
    "zelensky": "Selenskyj bat um weitere Hilfe.",
    "yoon-suk-yeol": "Yoon Suk Yeol berief den Sicherheitsrat ein.",
    "xi-jinping": "Xi Jinping empfing den Gast.",
    "peskov": "Peskow nannte das eine Provokation.",
    "rutte": "Mark Rutte warned the allies.",
    "sybiha": "Außenminister Sybiha reiste nach Brüssel.",
    "lee-seong-kweun": "Der Abgeordnete Lee Seong-kweun informierte die Presse.",
    "nis": "Der südkoreanische Geheimdienst hob seine Schätzung an.",
    "nato": "Ein Nato-Beamter bestätigte die Beobachtung.",
    "isw": "Das ISW sieht keine Wende.",
    "george-lopez": "George Lopez zählte die Container.",
    "ukrainian-media": "Ukrainische Medien berichten von Gefechten.",
    "south-korean-media": "Südkoreanische Medien meldeten neue Zahlen.",
}


def _default_watchlist() -> Watchlist:
    from monitor.config import load_config

    return Watchlist(load_config(REPO / "feeds.yaml").watchlist)


def test_default_watchlist_finds_every_gold_actor() -> None:
    gold_ids = set(yaml.safe_load(GOLD.read_text(encoding="utf-8"))["actors"])
    assert gold_ids <= set(GOLD_PASSAGES), f"write a passage for {gold_ids - set(GOLD_PASSAGES)}"
    default = _default_watchlist()
    missing = {
        actor_id: passage
        for actor_id, passage in GOLD_PASSAGES.items()
        if actor_id not in _ids(default.find(passage))
    }
    assert not missing


def test_default_watchlist_resolves_every_gold_name() -> None:
    gold_actors = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["actors"]
    default = _default_watchlist()
    wrong = {
        name: default.resolve_name(name)
        for actor_id, names in gold_actors.items()
        for name in names
        if default.resolve_name(name) != actor_id
    }
    assert not wrong
