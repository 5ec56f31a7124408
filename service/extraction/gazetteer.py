"""Named things we can look up: countries (ISO 3166 + aliases, demonyms), organisations, places."""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

import pycountry

from service.extraction.cities import city as world_city
from service.extraction.records import KnownEntity

EntryKind = Literal["country", "demonym", "org", "person", "city", "venue", "region"]

# pycountry short names that read badly in news; the curated table overrides most of them
_COMMA_FORM = re.compile(r"^(?P<rest>[^,]+), (?P<head>[^,]+)$")
# country names that are also common given names or words: only taken when not followed by a
# capitalised word ("Jordan Bardella", "Chad Wolf", "Georgia Meloni")
_AMBIGUOUS = frozenset(
    {"Jordan", "Georgia", "Chad", "Israel", "India", "Niger", "Guinea", "Turkey"}
)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: EntryKind
    key: str  # "country:GB", "org:nato", "person:...", "city:Kyiv"
    name: str  # canonical name (city name for places)
    iso2: str | None  # country of the entry, when it has one


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    surface: str
    entry: Entry


def _load(name: str) -> Any:
    return json.loads(
        resources.files("service.extraction").joinpath("data", name).read_text("utf-8")
    )


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # ASCII has no decompositions and no combining marks: NFKD is a no-op
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _NON_SLUG.sub("-", strip_accents(text).lower()).strip("-")


def country_name(iso2: str) -> str:
    """ISO 3166 short English name, with pycountry's inverted forms put right."""
    curated = _load_countries().get(iso2)
    if curated and curated.get("name"):
        return str(curated["name"])
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return iso2
    name = str(getattr(country, "common_name", None) or country.name)
    match = _COMMA_FORM.match(name)
    if match and re.search(r"\bof(?: the)?$", match["head"]):
        # "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"
        return f"{match['head']} {match['rest']}".removeprefix("The ").removeprefix("the ")
    return name


@cache
def _load_countries() -> dict[str, Any]:
    data: dict[str, Any] = _load("countries.json")
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def organizations() -> tuple[dict[str, Any], ...]:
    return tuple(_load("organizations.json")["organizations"])


@cache
def country_alternatives(iso2: str) -> tuple[str, ...]:
    """Other standard English names of a country ("Russian Federation", "Turkey"), so a
    consumer matching on either finds it."""
    names: list[str] = []
    country = pycountry.countries.get(alpha_2=iso2)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in str(value) and "(" not in str(value):
                names.append(str(value).removeprefix("the "))
    curated = _load_countries().get(iso2, {})
    names += [a for a in curated.get("aliases", []) if len(a) > 4 and any(c.islower() for c in a)]
    canonical = country_name(iso2)
    return tuple(n for n in dict.fromkeys(names) if n != canonical)


@cache
def name_prefix_words() -> frozenset[str]:
    """Capitalised words that open a title but never a name: demonyms and one-word country
    names ("Chinese President Xi", "Ukraine's envoy"), and the title words of
    data/title_words.txt capitalised ("Special Envoy", "Aide")."""
    words: set[str] = set()
    for info in _load_countries().values():
        for name in [*info.get("demonyms", []), info.get("name") or "", *info.get("aliases", [])]:
            if name and " " not in name and name[:1].isupper():
                words.add(name)
    words.update(word.capitalize() for word in title_words())
    return frozenset(words)


def data_lines(name: str) -> tuple[str, ...]:
    """The entries of a word list in data/: one a line, blank lines and # comments left out."""
    text = resources.files("service.extraction").joinpath("data", name).read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def title_words() -> frozenset[str]:
    """Lower-case words officials' titles are made of (data/title_words.txt)."""
    return frozenset(data_lines("title_words.txt"))


@cache
def org_countries() -> dict[str, str]:
    """National bodies: organisation key -> its country's key ("org:nsdc-ukraine" -> "country:UA")."""
    return {
        f"org:{o['slug']}": f"country:{o['country']}" for o in organizations() if o.get("country")
    }


@cache
def org_series() -> dict[str, str]:
    """Organisation key -> the meeting series its summits belong to ("org:g7" -> "g7")."""
    return {f"org:{o['slug']}": o["series"] for o in organizations() if o.get("series")}


@cache
def series_phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, slug), longest phrase first."""
    pairs = [(p, s["slug"]) for s in _load("series.json")["series"] for p in s["phrases"]]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _base_entries() -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    curated = _load_countries()
    for country in pycountry.countries:
        iso2 = str(country.alpha_2)
        entry = Entry("country", f"country:{iso2}", country_name(iso2), iso2)
        names = {country.name, getattr(country, "common_name", None), entry.name}
        official = getattr(country, "official_name", None)
        if official:
            names.add(str(official).removeprefix("the "))
        for name in names:
            if name and "," not in name and "(" not in name:
                table.setdefault(str(name), entry)
    for iso2, info in curated.items():
        entry = Entry("country", f"country:{iso2}", country_name(iso2), iso2)
        for alias in [info.get("name"), *info.get("aliases", [])]:
            if alias:
                table[alias] = entry
        for demonym in info.get("demonyms", []):
            table.setdefault(demonym, Entry("demonym", f"country:{iso2}", entry.name, iso2))
    for org in organizations():
        entry = Entry("org", f"org:{org['slug']}", org["name"], org.get("country"))
        for alias in [org["name"], *org.get("aliases", [])]:
            table[alias] = entry
    places = _load("places.json")
    for surface, (city, iso2) in places["cities"].items():
        table.setdefault(surface, Entry("city", f"city:{city}", city, iso2))
    for surface, (city, iso2) in places["venues"].items():
        table.setdefault(surface, Entry("venue", f"city:{city}", city, iso2))
    for surface, iso2 in places["regions"].items():
        table.setdefault(surface, Entry("region", f"region:{surface}", surface, iso2))
    return table


@cache
def _base_table() -> dict[str, Entry]:
    return _base_entries()


_WORD = re.compile(r"[^\W_][\w'’-]*")


def _trie_regex(words: list[str]) -> str:
    """One regex for many literals, shaped as a trie: Python's re does not factor a flat
    alternation of a thousand names, and the trie keeps a lookup well under a millisecond."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_NAME_BEFORE_HYPHEN = re.compile(
    r"(?<![\w.])(?!(?i:pro|anti|non|ex|post|pre|neo|pan|trans|sub|semi|ultra|mid|over)-)"
    r"[A-Z][\w.]*-$"
)


def _compile(surfaces: list[str]) -> re.Pattern[str]:
    # a trie regex is greedy per branch, so "the Netherlands" beats "the"; the lookarounds
    # reject matches inside words, and a following apostrophe-s is fine ("Ukraine's")
    return re.compile(rf"(?<![\w.])(?:{_trie_regex(surfaces)})(?![\w]|\.\w)")


@cache
def _base_pattern() -> re.Pattern[str]:
    return _compile(list(_base_table()))


_SPACES = re.compile(r"\s+")


# the same names come back with every article (gazetteer entries, found persons): cached
@lru_cache(maxsize=16384)
def known_person_key(name: str) -> str:
    return "person:" + _SPACES.sub(" ", strip_accents(name).lower()).strip()


@lru_cache(maxsize=16384)
def _known_entry(entity: KnownEntity) -> tuple[Entry, tuple[tuple[str, str | None], ...]] | None:
    """A known entity's entry and its (surface, first word) pairs the static table lacks.

    Pure in the entity (the static table never changes), and the database offers the same
    entities with every article, so it is worked out once per entity, not per article.
    """
    table = _base_table()
    ids = dict(entity.identifiers)
    if entity.type == "country" and ids.get("iso3166_alpha2"):
        iso2 = ids["iso3166_alpha2"].upper()
        entry = Entry("country", f"country:{iso2}", country_name(iso2), iso2)
    elif entity.type == "organization":
        entry = Entry("org", f"org:{slugify(entity.name)}", entity.name, None)
        for alias in (entity.name, *entity.aliases):
            if alias in table and table[alias].kind == "org":
                entry = table[alias]  # already curated: keep its slug
                break
    elif entity.type == "person":
        entry = Entry("person", known_person_key(entity.name), entity.name, None)
    else:
        return None
    surfaces: list[tuple[str, str | None]] = []
    for alias in (entity.name, *entity.aliases):
        if len(alias) >= 2 and alias not in table:
            first = _WORD.search(alias)
            surfaces.append((alias, first.group(0) if first else None))
    return entry, tuple(surfaces)


_PLACE_CUE = re.compile(
    r"\b(?:in|at|to|near|from|city of|reached|visit|visits|visited|visiting|arrived in|landed in)\s+"
    r"(?P<name>[A-Z][\w'’.-]*[a-z](?:[ -][A-Z][\w'’.-]*[a-z]){0,2})"
)
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")


class Gazetteer:
    """The static tables plus whatever the database already knows."""

    def __init__(self, known: tuple[KnownEntity, ...] = ()) -> None:
        self.table = _base_table()
        self.pattern = _base_pattern()
        self.extra: dict[str, Entry] = {}
        first_words: dict[str, str | None] = {}
        for entity in known:
            found = _known_entry(entity)
            if found is None:
                continue
            entry, surfaces = found
            for alias, first in surfaces:
                self.extra[alias] = entry  # a later entity wins an alias, as it always did
                first_words[alias] = first
        # the database's names grow with every article: a dict keyed by first word builds in
        # milliseconds, where recompiling one big regex per new participant would not
        self.extra_by_word: dict[str, list[str]] = {}
        for surface in sorted(self.extra, key=len, reverse=True):
            word = first_words[surface]
            if word:
                self.extra_by_word.setdefault(word, []).append(surface)

    def _find_extra(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        if not self.extra_by_word:
            return hits
        by_word = self.extra_by_word
        size = len(text)
        for m in _WORD.finditer(text):
            word = m.group(0)
            surfaces = by_word.get(word)
            if not surfaces:
                continue  # most words start no known name: skip the per-match work
            at = m.start()
            for surface in surfaces:
                start = at - surface.find(word)
                end = start + len(surface)
                if start < 0 or text[start:end] != surface:
                    continue
                if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-")) or (
                    end < size and text[end].isalnum()
                ):
                    continue
                hits.append(Hit(start, end, surface, self.extra[surface]))
                break
        return hits

    def find(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        for m in self.pattern.finditer(text):
            surface = m.group(0)
            if (
                m.start()
                and text[m.start() - 1] == "-"
                and not _NAME_BEFORE_HYPHEN.search(text, max(0, m.start() - 30), m.start())
            ):
                continue  # "pro-Russian", "anti-American"; "Russia-Ukraine" names both
            if surface in _AMBIGUOUS and _CAPITALISED_NEXT.match(text, m.end(), m.end() + 3):
                continue
            hits.append(Hit(m.start(), m.end(), surface, self.table[surface]))
        hits.extend(self._find_extra(text))
        hits.extend(self._find_cities(text, hits))
        hits.sort(key=lambda h: (h.start, -h.end))
        kept: list[Hit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    def _find_cities(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Cities the tables lack, where the prose places something: "in Tianjin"."""
        taken = {h.start for h in hits}
        out: list[Hit] = []
        for m in _PLACE_CUE.finditer(text):
            if m.start("name") in taken:
                continue
            # the whole capitalised run or nothing: "to Nelson Mandela" holds no city "Nelson"
            surface = m["name"].removesuffix(" City")
            if self.lookup(m["name"]) is not None or self.lookup(surface) is not None:
                continue  # a country, organisation or person the tables know
            found = world_city(surface)
            if found is not None:
                entry = Entry("city", f"city:{found[0]}", found[0], found[1])
                start = m.start("name")
                out.append(Hit(start, start + len(surface), surface, entry))
        return out

    def lookup(self, surface: str) -> Entry | None:
        return self.table.get(surface) or self.extra.get(surface)

    def place(self, surface: str) -> Entry | None:
        """A city, venue, region or country named by `surface` (any capitalisation)."""
        candidates = (surface, surface.title(), _title_hyphen(surface))
        for candidate in candidates:
            entry = self.lookup(candidate)
            if entry and entry.kind in ("city", "venue", "region", "country"):
                return entry
        for candidate in candidates:
            if self.lookup(candidate) is None and (found := world_city(candidate)) is not None:
                return Entry("city", f"city:{found[0]}", found[0], found[1])
        return None


def _title_hyphen(text: str) -> str:
    return "-".join(part.capitalize() for part in text.lower().split("-"))
