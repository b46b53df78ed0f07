"""The built-in polarity lexicon: words that affirm, deny, doubt, or refuse to comment, in German and English.

Terms are written as in text (the term index folds them); multi-word terms match word sequences.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

# label -> language -> terms. "evidence" flips: negated evidence is unconfirmed,
# plain evidence affirms. "neutral" cues silence their clause.
LEXICON: dict[str, dict[str, list[str]]] = {
    "affirmed": {
        "de": [
            "bestätigt",
            "bestätigte",
            "bestätigten",
            "bestätigen",
            "Bestätigung",
            "zugegeben",
            "eingeräumt",
            "eingestanden",
            "gestand",
            "gestanden",
            "Eingeständnis",
            "anerkannt",
            "offiziell gemacht",
            "verifiziert",
            "überprüft",
            "belegt",
            # "es gibt keinen Zweifel, dass ...": the negation belongs to the doubt, not the event
            "kein Zweifel",
            "keinen Zweifel",
            "ohne Zweifel",
            "zweifelsfrei",
        ],
        "en": [
            "confirmed",
            "confirm",
            "confirms",
            "confirming",
            "confirmation",
            "admitted",
            "admit",
            "admits",
            "acknowledged",
            "acknowledge",
            "acknowledges",
            "conceded",
            "concede",
            "verified",
            "verify",
            "no doubt",
            "beyond doubt",
            "undoubtedly",
        ],
    },
    "denied": {
        "de": [
            "Fälschung",
            "Fälschungen",
            "haltlose Gerüchte",
            "abgetan",
            "bestritten",
            "bestreitet",
            "bestritt",
            "bestreiten",
            "dementiert",
            "dementierte",
            "dementierten",
            "dementieren",
            "Dementi",
            "zurückgewiesen",
            "Falschmeldung",
            "Falschmeldungen",
            "Fake News",
            "Fake",
            "Lüge",
            "Lügen",
            "erfunden",
            "haltlos",
            "Unsinn",
            "frei erfunden",
            "jeder Grundlage",
            "Desinformation",
            "abgestritten",
            "stritt",
        ],
        "en": [
            "hoax",
            "groundless rumours",
            "baseless rumours",
            "groundless rumors",
            "denied",
            "deny",
            "denies",
            "denying",
            "denial",
            "rejected",
            "rejects",
            "dismissed",
            "dismisses",
            "refuted",
            "refutes",
            "fake",
            "fake news",
            "false reports",
            "false claims",
            "baseless",
            "fabricated",
            "fabrication",
            "nonsense",
            "lies",
            "disinformation",
            "groundless",
            "unfounded",
            "misinformation",
        ],
    },
    "unconfirmed": {
        "de": [
            "unbestätigt",
            "unbestätigte",
            "unbestätigten",
            "nicht überprüfbar",
            "nicht verifizierbar",
            "unklar",
            "keine Informationen",
            "keine Erkenntnisse",
            "weder bestätigt noch dementiert",
            "weder bestätigen noch dementieren",
            "weder bestätigt noch bestritten",
            "weder bestätigen noch bestreiten",
            # hedges: the writer reports the event without vouching for it
            "angeblich",
            "angebliche",
            "angeblichen",
            "mutmaßlich",
            "vermeintlich",
        ],
        "en": [
            "unconfirmed",
            "unverified",
            "not independently verified",
            "neither confirmed nor denied",
            "neither confirm nor deny",
            "neither confirms nor denies",
            "unclear",
            "no information",
            "no indication",
            "allegedly",
            "reportedly",
            "purportedly",
        ],
    },
    "knowledge": {
        "de": ["bekannt", "Kenntnis", "Kenntnisse"],
        "en": ["aware", "knowledge"],
    },
    "evidence": {
        "de": [
            "Beweise",
            "Beweis",
            "Belege",
            "Nachweis",
            "beweisen",
            "bewiesen",
            "nachweisen",
            "nachgewiesen",
        ],
        "en": ["evidence", "proof", "prove", "proven", "proved"],
    },
    "neutral": {
        "de": [
            "Kommentar",
            "kommentieren",
            "kommentierte",
            "äußern",
            "äußerte",
            "Stellungnahme",
            "Anfrage",
        ],
        "en": ["comment", "commented", "comments", "request for comment", "respond", "responded"],
    },
}

# German separable verbs: finite verb ... particle at the end of the clause.
SEPARABLE: dict[str, tuple[str, frozenset[str]]] = {
    "zu": ("affirmed", frozenset({"gab", "gaben", "gibt", "geben", "gebe", "gestand", "gestanden"})),
    "ein": ("affirmed", frozenset({"raumte", "raumten", "raumt", "gestand", "gestanden", "gesteht"})),
    "zuruck": ("denied", frozenset({"wies", "wiesen", "weist", "weisen"})),
    "ab": ("denied", frozenset({"stritt", "stritten", "streitet", "streiten"})),
}

NEGATORS = frozenset(
    """
    nicht kein keine keinen keiner keines keinem nie niemals weder nirgends niemand
    not no never neither nor cannot without unable failed declined refused none nobody
    verweigerte verweigerten verweigert
    """.split()
)

NOT_NEGATION_AFTER = frozenset({"nur", "only", "zuletzt", "least"})  # "nicht nur", "not only", "not least"

CONDITIONAL = frozenset({"sollte", "sollten", "falls", "wenn", "ob", "if", "should", "whether", "unless"})

COPULAS = frozenset("sei seien ist sind war waren ware is are was were am".split())

HEDGES = frozenset(
    """
    konnte konnten wurde plane plant planen plante plan plans planning erwagt erwogen
    could might may would if possibly possible considering consider ob will expected expects expect likely
    erwartet erwarten voraussichtlich wahrscheinlich durfte durften soon bald kunftig
    """.split()
)

ANAPHORS = frozenset(
    """
    berichte bericht behauptungen behauptung meldungen meldung vorwurfe vorwurf angaben darstellung dies das
    diese reports report claims claim allegations allegation accusations accusation it this that
    """.split()
)
