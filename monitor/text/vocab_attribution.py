"""Word lists the attribution module reads: reporting verbs, role and institution words, source markers.

Folded (lowercase, no diacritics), because they are compared with Token.norm.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

SUBJECT_BREAKS = frozenset({",", ";", ":", "-", "?", "!"})

KIND_RANK = {
    "person": 0,
    "organization": 1,
    "group": 1,
    "name": 2,
    "other": 2,
    "country": 3,
    "place": 3,
    "media": 4,
}

ROLE_RANK = {"citing": 0, "speaker": 1, "according": 2}

# Reporting verbs, folded. A value names the particle the verb needs at the clause end.
VERBS_DE: dict[str, frozenset[str] | None] = {
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
        genannt
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

VERBS_EN = frozenset(
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

INFINITIVES = frozenset("confirm deny admit acknowledge say comment estimate dismiss reject".split())

NOUN_OR_VERB = frozenset("reports claims estimates states notes calls report claim estimate put puts".split())

DETERMINERS = frozenset(
    """der die das den dem des ein eine einer eines einem einen the a an these those this its their
    his her""".split()
)

PREPOSITIONS = frozenset(
    """
    in im ins nach aus an am auf bei beim gegen mit von vom zu zum zur uber fur unter vor durch ohne um seit
    zwischen neben hinter wegen trotz into to from against with for on at by of about over after before
    near toward towards across between under despite during within
    """.split()
)

EXPERT_HEADS = tuple(
    """
    experte expertin experten kenner kennerin beobachter analyst analystin forscher forscherin
    korrespondent korrespondentin kritiker expert experts analysts specialist scholar watcher watchers
    researcher correspondent
    """.split()
)

ROLE_ENDINGS = tuple(
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

NOT_NAMES = frozenset(
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

NP_STOP_DE = frozenset(
    """
    wurden werden wird wurde haben hat hatte hatten sei seien waren waren wurden hatten sollen sollte
    wollen konnen mussen durfen sein worden sind ist war liegt lag habe bereits schon nun noch erst zudem
    dass weil und oder aber sondern jedoch allerdings auch hingegen dagegen demnach inzwischen bislang
    derzeit mittlerweile zuletzt bisher jetzt heute gestern offenbar wohl seither damals zuvor
    """.split()
)

NP_STOP_EN = frozenset(
    """
    has have had is are was were will would could should may might said says told that which who and or but
    as when while after before because since than
    """.split()
)

KONJUNKTIV = frozenset(
    "habe sei seien werde konne musse solle wolle durfe gebe liege verfuge stehe hatten waren".split()
)

PRONOUN_SUBJECTS = frozenset("er sie he she they it".split())

CITING_DE = tuple(
    "unter berufung auf|beruft sich auf|berief sich auf|bezog sich auf|bezieht sich auf|"
    "stutzt sich auf|stutzte sich auf".split("|")
)

SOURCE_NOUNS = frozenset(
    "angaben schatzungen erkenntnissen informationen einschatzung berechnungen zahlung darstellung".split()
)

CITING_EN = ("citing", "quoting")

ACCORDING_DE = tuple(
    "laut|nach angaben von|nach angaben des|nach angaben der|nach angaben|gemass|angaben von|"
    "nach schatzungen von|nach schatzungen des|nach schatzungen der|nach schatzungen|nach schatzung|"
    "nach einschatzung|nach erkenntnissen|nach informationen|erklarung des|erklarung der|"
    "mitteilung des|mitteilung der|nach darstellung des|nach darstellung der|nach darstellung von|"
    "nach darstellung|nach aussage von|nach aussage des|nach aussage der|nach aussagen von|nach aussagen|"
    "nach worten von|nach worten des|nach worten der|nach auffassung von|nach auffassung des|"
    "nach auffassung der|nach ansicht von|nach ansicht des|nach ansicht der|aus sicht von|aus sicht des|"
    "aus sicht der|nach berechnungen von|nach berechnungen des|nach berechnungen der".split("|")
)

ACCORDING_EN = (
    "according to",
    "as reported by",
    "reported by",
    "cited by",
    "as cited by",
    "in the view of",
    "in the words of",
)

SPEAKER_HEADS = tuple(
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

INSTITUTIONS = frozenset(
    """regierung ministerium geheimdienst militar armee behorde behorden prasidialamt verteidigungsministerium
    aussenministerium botschaft government ministry military army office authorities embassy administration
    intelligence officials command""".split()
)

NAME_JOINERS = frozenset({"of", "for"})  # "Ministry of Defence", "Institute for Security Studies"

INSTITUTION_WORDS = tuple(
    """
    ministry ministerium ministeriums agency office staff command council service department chiefs
    amt amts behorde dienst dienstes kommando
    """.split()
)

OFFICIAL_ROLES = tuple(
    """
    minister ministerin sprecher sprecherin spokesman spokeswoman spokesperson prasident prasidentin
    president botschafter ambassador general kommandeur commander beamter beamte official diplomat
    secretary generalstabschef chief
    """.split()
)

PASSIVE_AUXILIARIES = frozenset("wird wurde werden wurden is was were are been".split())

REPORTING_PARTICIPLES = frozenset(
    """geschatzt beziffert angegeben gemeldet bestatigt berichtet estimated reported confirmed put
    counted""".split()
)

# The German reporting verbs that take a speaker right after them ("sagt Haider im Gespräch").
REPORTING_VERBS_DE = frozenset(VERBS_DE)
