"""How much does actor matching cost next to extraction? Run: python bench/bench_match.py

Loads about 100 real news pages (German and English) from the shared corpus,
times ``trafilatura.extract`` on them (the baseline, measured in the same run
on the same machine, alternating with the subject in 5 rounds; the ratio is the
median of the per-round ratios), then times ``Watchlist.find`` on the extracted texts with
synthetic watchlists of 100, 10,000 and 100,000 names (plus the real default
actors), and prints one line per size:

    BENCH match_vs_extract_<size> <matching seconds / extraction seconds> ratio

``measure(analyze_fn, texts)`` is the reusable part: swap ``Watchlist.find``
for the whole analysis to get the same ratio for the claim engine.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, ROOT, interleaved, median_ratio  # noqa: E402
from monitor.text.actors.find import Watchlist
from monitor.text.spec import ActorSpec

PAGES = CORPUS / "html" / "trafilatura"
SIZES = (100, 10_000, 100_000)
PAGE_COUNT = 100
GERMAN_SHARE = 0.6


def measure(analyze_fn: Callable[[Any], object], texts: Sequence[Any], repeat: int = 3) -> float:
    """Seconds for one pass of ``analyze_fn`` over ``texts`` (best of ``repeat``).

    Best-of-n because the machine is shared: the minimum is the run least
    disturbed by other processes, and the same rule applies to the baseline.
    """
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            analyze_fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def load_pages(count: int = PAGE_COUNT) -> list[str]:
    """About ``count`` HTML pages, German and English news in a fixed order."""
    german = sorted((PAGES / "de_news").glob("*.html"))
    english = sorted((PAGES / "en_news").glob("*.html"))
    german_count = min(len(german), round(count * GERMAN_SHARE))
    chosen = german[:german_count] + english[: count - german_count]
    return [path.read_text(encoding="utf-8", errors="replace") for path in chosen]


def default_actors() -> list[ActorSpec]:
    """The real watchlist of the default feeds.yaml."""
    from monitor.config import load_config

    return list(load_config(ROOT / "feeds.yaml").watchlist)


_FIRST = (
    "Anna Maria Lena Sophie Julia Laura Hannah Lea Sarah Lisa Katharina Johanna Elena Clara Emma Mia "
    "Thomas Michael Andreas Stefan Markus Christian Daniel Tobias Jan Lukas Felix Jonas Paul Leon Max "
    "Olena Iryna Oksana Natalia Svetlana Tatiana Yulia Dmitri Sergei Oleksandr Mykola Andrii Igor Pavel "
    "Min-jun Seo-yeon Ji-ho Ha-eun Do-yoon Soo-ah Hyun-woo Ji-woo Wei Jing Li Hao Mei Yan Lan Chen "
    "James John Robert David William Richard Joseph Charles Mary Patricia Jennifer Linda Elizabeth "
    "Jürgen Günther Björn Zoë Agnès Renée Łukasz Ðorđe Søren Ángel José François Müge Çağla"
).split()
_LAST_START = (
    "Ber Schm Wag Hof Kra Lor Mül Fisch Wei Beck Schu Kel Rich Klei Wolf Neu Schwa Zim Brau Hart "
    "Kov Petr Ivan Shev Bond Tkach Kozl Moro Sok Lys Kim Park Lee Choi Jung Kang Cho Yoon Jang Lim "
    "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Smi John Will Brow Jon Gar Mill Dav Rodr Mart"
).split()
_LAST_END = (
    "er ner mann mayer hardt berg stein feld ow enko uk ski chuk ov ova in ina son sen ez es ton ley ford "
    "wood ridge dorf hagen horst lund gaard ard ier oux eau elli etti ano ari"
).split()
_ORGANIZATIONS = (
    "Ministerium für {}",
    "Institut für {} Studien",
    "{} Defense Agency",
    "Nationale {} Behörde",
    "{} Security Council",
    "Stiftung {}",
    "{} Research Group",
)
_TOPICS = (
    "Verteidigung Energie Sicherheit Wirtschaft Außenpolitik Cyberabwehr Logistik Rüstung Forschung "
    "Maritime Arctic Pacific Strategic Nuclear Space Border Coastal Civil Aviation"
).split()


def synthetic_actors(size: int, seed: int = 7) -> list[ActorSpec]:
    """``size`` realistic-looking names: people (most), organisations, some with variants."""
    generator = random.Random(seed)
    actors: list[ActorSpec] = []
    seen: set[str] = set()
    while len(actors) < size:
        roll = generator.random()
        if roll < 0.85:
            surname = generator.choice(_LAST_START) + generator.choice(_LAST_END)
            name = f"{generator.choice(_FIRST)} {surname}"
            kind: Literal["person", "organization"] = "person"
        else:
            name = generator.choice(_ORGANIZATIONS).format(generator.choice(_TOPICS))
            name = f"{name} {generator.choice(_LAST_START)}{generator.choice(_LAST_END)}"
            kind = "organization"
        if name in seen:
            continue
        seen.add(name)
        language = "de" if generator.random() < 0.5 else "en"
        actors.append(ActorSpec(id=f"synthetic-{len(actors)}", kind=kind, names={language: [name]}))
    return actors


def extracted_texts(pages: Iterable[str]) -> list[str]:
    texts = []
    for html in pages:
        text = trafilatura.extract(html)
        if text:
            texts.append(text)
    return texts


def watchlist_matcher(actors: list[ActorSpec]) -> Callable[[str], object]:
    """Build step + per-text step of actor matching (the default thing measured)."""
    return Watchlist(actors).find


def main(
    build: Callable[[list[ActorSpec]], Callable[[str], object]] = watchlist_matcher, label: str = "match"
) -> None:
    """Print ``BENCH <label>_vs_extract_<size> <ratio> ratio`` for each watchlist size.

    ``build`` turns a watchlist into the per-text function to time; pass one
    that builds the whole analysis to measure the claim engine the same way.
    """
    pages = load_pages()
    texts = extracted_texts(pages)
    extraction = measure(trafilatura.extract, pages, repeat=1)
    characters = sum(len(text) for text in texts)
    print(
        f"# {len(pages)} pages, extraction {extraction:.3f} s ({extraction / len(pages) * 1000:.1f} ms/page)"
    )
    print(f"# {len(texts)} texts, {characters / max(1, len(texts)):.0f} characters on average")
    real = default_actors()
    for size in SIZES:
        actors = real + synthetic_actors(size)
        started = time.perf_counter()
        analyze = build(actors)
        build_seconds = time.perf_counter() - started
        # extraction and matching alternate in rounds (the order flips every round)
        rounds = interleaved(
            lambda: measure(trafilatura.extract, pages, repeat=1),
            lambda: measure(analyze, texts, repeat=1),  # noqa: B023 - called before the next size
        )
        elapsed = statistics.median(subject for _, subject in rounds)
        print(
            f"# size {size} (+{len(real)} real actors): build {build_seconds:.2f} s, "
            f"{label} {elapsed * 1000:.1f} ms for {len(texts)} texts "
            f"({elapsed / len(texts) * 1000:.3f} ms/text)"
        )
        print(f"BENCH {label}_vs_extract_{size} {median_ratio(rounds):.4f} ratio")


if __name__ == "__main__":
    main()
