"""`extract`: one article's text in, its participants, roles, meetings and statements out."""

import itertools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache

from service.extraction.gazetteer import (
    Gazetteer,
    Hit,
    country_alternatives,
    country_name,
    org_countries,
)
from service.extraction.institutions import institutional_speakers
from service.extraction.linking import (
    bilateral_kind,
    describer,
    event_speakers,
    host_country,
    host_speakers,
    link_quotes,
    meeting_title,
)
from service.extraction.meetings import MeetingFinder
from service.extraction.participants import Ref
from service.extraction.persons import PersonFound, PersonIndex, person_key
from service.extraction.quotes import PersonSpan, QuoteFinder
from service.extraction.records import (
    Extraction,
    KnownEntity,
    Mention,
    RoleMention,
    Span,
)
from service.extraction.segmentation import layout


@lru_cache(maxsize=8)
def _gazetteer(known: tuple[KnownEntity, ...]) -> Gazetteer:
    return Gazetteer(known)


def warm_up() -> None:
    """Load the gazetteers and word lists now (under a second, once per process), so the
    first article does not wait for them: an extraction that reaches each of them."""
    extract(
        "ALMATY, May 5 (Reuters) - Chinese Foreign Minister Wang Yi met his Kazakh counterpart "
        "in Almaty on Monday. “We agreed on a great deal today,” Wang told reporters. G20 "
        "leaders began their negotiations in Almaty on Tuesday.",
        datetime(2025, 5, 5, tzinfo=UTC),
    )


def _published_day(published_at: datetime) -> date:
    if published_at.tzinfo is not None:
        published_at = published_at.astimezone(UTC)
    return published_at.date()


class _Registry:
    """One Mention per entity, collecting spellings and spans."""

    def __init__(self) -> None:
        self.mentions: dict[str, Mention] = {}

    def add_hit(self, hit: Hit, text: str) -> None:
        entry = hit.entry
        if entry.kind in ("country", "demonym"):
            mention = self.mentions.get(entry.key)
            if mention is None:
                iso2 = entry.iso2 or ""
                mention = self.mentions[entry.key] = Mention(
                    entry.key,
                    "country",
                    country_name(iso2),
                    aliases=list(country_alternatives(iso2)),
                    identifiers={"iso3166_alpha2": iso2},
                )
        elif entry.kind == "org":
            mention = self.mentions.setdefault(
                entry.key, Mention(entry.key, "organization", entry.name)
            )
        else:
            return
        surface = text[hit.start : hit.end]
        if surface != mention.name and surface not in mention.aliases:
            mention.aliases.append(surface)
        mention.spans.append(Span(hit.start, hit.end))

    def add_person(self, key: str, person: PersonFound, text: str) -> None:
        mention = self.mentions.setdefault(key, Mention(key, "person", person.name))
        for alias in person.aliases:
            if alias not in mention.aliases and alias != mention.name:
                mention.aliases.append(alias)
        for s, e in person.spans:
            surface = text[s:e]
            if surface != mention.name and surface not in mention.aliases:
                mention.aliases.append(surface)
            mention.spans.append(Span(s, e))
        mention.spans.sort(key=lambda sp: sp.start)


_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s{1,2}")


def _affiliated(
    hits: list[Hit], text: str, affiliation_spans: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Mentions that qualify another name ("Ukraine's National Security Council") are not parties."""
    out = set(affiliation_spans)
    for a, b in itertools.pairwise(hits):
        if b.entry.kind == "org" and _POSSESSIVE_GAP.fullmatch(text[a.end : b.start]):
            out.add((a.start, a.end))
    return out


_SUFFIX = re.compile(r"(?<=\b[JS]r)\.")


def _suffix_end(text: str, end: int) -> int:
    """Where a name ends with its suffix's period ("Ferdinand Marcos Jr."), which the name
    leaves out: the period is no sentence's or clause's end between a subject and its verb."""
    return end + 1 if _SUFFIX.match(text, end) else end


def extract(
    text: str,
    published_at: datetime,
    language: str | None = None,
    known: Sequence[KnownEntity] = (),
) -> Extraction:
    """Everything the article says about meetings, who took part and who said what."""
    published = _published_day(published_at)
    gazetteer = _gazetteer(tuple(known))
    lay = layout(text, gazetteer)
    hits = gazetteer.find(lay.masked)
    index = PersonIndex(lay.masked, gazetteer, hits)
    index.discover(lay.masked)
    persons = index.consolidate(lay.masked)

    registry = _Registry()
    for hit in hits:
        registry.add_hit(hit, text)
    person_spans: list[PersonSpan] = []
    names: dict[str, str] = {}
    roles: list[RoleMention] = []
    affiliations: dict[str, set[str]] = {}
    for person in persons.values():
        key = person_key(person)
        registry.add_person(key, person, text)
        names[key] = person.name
        person_spans.extend(PersonSpan(s, e, key) for s, e in person.spans)
        for title, affiliation, (s, e) in person.roles:
            if title:  # "India's Narendra Modi": an affiliation with no title
                roles.append(RoleMention(key, title, affiliation, Span(s, e)))
            if affiliation:
                # an official of a national body belongs to its country too
                countries = {affiliation, org_countries().get(affiliation, affiliation)}
                affiliations.setdefault(key, set()).update(countries)
    person_spans.sort(key=lambda p: p.start)

    blocked = _affiliated(hits, lay.masked, index.affiliation_spans)
    refs: list[Ref] = []
    for hit in hits:
        if (hit.start, hit.end) in blocked:
            continue
        if hit.entry.kind in ("country", "demonym"):
            refs.append(
                Ref(hit.start, hit.end, hit.entry.key, "country", hit.entry.kind == "demonym")
            )
        elif hit.entry.kind == "org":
            refs.append(Ref(hit.start, hit.end, hit.entry.key, "organization"))
    refs.extend(Ref(p.start, _suffix_end(lay.masked, p.end), p.key, "person") for p in person_spans)
    refs.sort(key=lambda r: r.start)

    finder = MeetingFinder(lay, hits, refs, published, gazetteer)
    meetings = finder.meetings()
    for mention, cand in meetings:
        host_speakers(lay, mention, cand, person_spans, affiliations)
        host_country(mention, registry.mentions, affiliations)
        if not finder.org_summit(cand):
            bilateral_kind(mention, roles, affiliations)
        mention.title = meeting_title(
            mention, {**names, **{k: m.name for k, m in registry.mentions.items()}}
        )

    event_speakers(lay, [m for m, _ in meetings], person_spans)
    speakers = sorted(
        person_spans + institutional_speakers(lay.masked, hits), key=lambda p: p.start
    )
    titles: dict[str, list[str]] = {}
    for role in roles:
        titles.setdefault(role.person_key, []).append(role.title)
    statements = QuoteFinder(
        lay, speakers, published, describer(gazetteer, roles, affiliations), titles
    ).find()
    link_quotes(statements, meetings, lay, published)

    used = {p.participant_key for m, _ in meetings for p in m.participants}
    used |= {s.speaker_key for s in statements if s.speaker_key}
    used |= {r.person_key for r in roles} | {r.affiliation_key for r in roles if r.affiliation_key}
    participants = [m for m in registry.mentions.values() if m.type != "person" or m.key in used]
    for entity in participants:
        entity.aliases = [a for a in entity.aliases if a != entity.name]
    return Extraction(
        participants=participants,
        roles=roles,
        meetings=[m for m, _ in meetings],
        statements=statements,
    )
