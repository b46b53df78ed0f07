"""The seed corpus as facts: who stated which figure or position, when (no article text).

Facts and figures of the five seed articles, in our own structured form, with
the alerts a chronological replay must raise (expected) and must not raise
(forbidden). Optional gold findings are included: a good claim engine finds them.
"""

from __future__ import annotations

from tests.alerting.factory import F

T, K, W = "nk-troops-to-russia", "nk-troops-killed", "nk-troops-wounded"
D = "nk-troops-deployment"

# (url, published, outlet, findings in sentence order), listed in order of publication
SEED_ARTICLES: list[tuple[str, str, str, list[F]]] = [
    (
        "https://seeds.invalid/001",
        "2024-10-14",
        "Swiss outlet",
        [
            F("russian-casualties", 650000, "more_than", source="ukraine"),
            F(T, 2000, "several", source="isw"),
            F(D, polarity="affirmed", source="zelensky"),
            F(D, polarity="unconfirmed"),
        ],
    ),
    (
        "https://seeds.invalid/004",
        "2024-10-16",
        "Tagesspiegel",
        [
            F("nk-containers-to-russia", 7500, "more_than", source="george-lopez"),
            F("nk-shells-to-russia", 3000000, "more_than", source="george-lopez"),
            F("nk-rockets-to-russia", 500000, "more_than", source="george-lopez"),
            F(D, polarity="unconfirmed"),
        ],
    ),
    (
        "https://seeds.invalid/003",
        "2024-10-18",
        "agency",
        [
            F(T, 1500, source="nis"),
            F(T, 12000, source="nis"),
            F(D, polarity="affirmed", source="nis"),
            F(D, polarity="denied", source="peskov"),
            F(T, 10000, source="zelensky"),
            F("nk-army-size", 1200000),
            F(K, 6, source="ukrainian-media"),
            F(D, polarity="unconfirmed", source="rutte"),
        ],
    ),
    (
        "https://seeds.invalid/000",
        "2024-10-21",
        "news site",
        [
            F(T, 10000, source="zelensky"),
            F("nk-shells-to-russia", 2000000, "several"),
            F(D, polarity="affirmed", source="nis"),
        ],
    ),
    (
        "https://seeds.invalid/002",
        "2025-04-29",
        "Swiss outlet",
        [
            F(K, 1500, "about", source="nato"),
            F(W, 3500, "about", source="nato"),
            F(T, 11000, "about", source="nato"),
            F(T, 3500, "additional", source="nato"),
            F(K, 600, "about", source="lee-seong-kweun"),
            F(T, 18000, source="lee-seong-kweun"),
            F(D, polarity="affirmed", source="russia"),
        ],
    ),
]

EXPECTED = [
    {"kind": "new_figure", "claim": "russian-casualties", "value": 650000},
    {"kind": "new_figure", "claim": "nk-containers-to-russia", "value": 7500},
    {"kind": "new_figure", "claim": "nk-shells-to-russia", "value": 3000000},
    {"kind": "new_figure", "claim": T, "value": 12000},
    {"kind": "new_figure", "claim": "nk-army-size", "value": 1200000},
    {"kind": "contradiction", "claim": D, "between": ["nis", "peskov"]},
    {"kind": "new_figure", "claim": K, "value": 1500},
    {"kind": "contradiction", "claim": K, "between": ["nato", "lee-seong-kweun"]},
    {"kind": "new_figure", "claim": W, "value": 3500},
    {"kind": "new_figure", "claim": T, "value": 18000},
    {"kind": "status_change", "claim": D, "source": "russia", "from": "denied", "to": "affirmed"},
]
FORBIDDEN = [{"kind": "new_figure", "claim": T, "value": 10000, "article_url": "https://seeds.invalid/000"}]


def matches(want: dict, alert: dict) -> bool:
    """The matching rule of score_alerts.py (source ids only: our sources are actor ids)."""
    if alert["kind"] != want["kind"] or alert["claim"] != want["claim"]:
        return False
    if "article_url" in want and alert["article_url"] != want["article_url"]:
        return False
    if want["kind"] == "new_figure":
        return alert["value"] is not None and abs(alert["value"] - want["value"]) <= 0.01 * want["value"]
    if want["kind"] == "contradiction":
        return all(name in alert["sources"] for name in want["between"])
    return want["source"] in alert["sources"] and alert["from"] == want["from"] and alert["to"] == want["to"]
