"""`extract`: one article's text in, its participants, roles, meetings and statements out."""

import itertools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache

from service.extraction.dates import find_dates
from service.extraction.gazetteer import Gazetteer, Hit, country_name, org_countries
from service.extraction.meetings import Candidate, MeetingFinder
from service.extraction.participants import Ref
from service.extraction.persons import SPEECH_VERBS, PersonFound, PersonIndex, person_key
from service.extraction.quotes import PersonSpan, QuoteFinder
from service.extraction.records import (
    Extraction,
    KnownEntity,
    MeetingMention,
    Mention,
    ParticipationMention,
    RoleMention,
    Span,
    StatementMention,
)
from service.extraction.segmentation import Layout, layout

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")


@lru_cache(maxsize=8)
def _gazetteer(known: tuple[KnownEntity, ...]) -> Gazetteer:
    return Gazetteer(known)


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
            mention = self.mentions.setdefault(
                entry.key,
                Mention(
                    entry.key,
                    "country",
                    country_name(entry.iso2 or ""),
                    identifiers={"iso3166_alpha2": entry.iso2 or ""},
                ),
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


def _affiliated(
    hits: list[Hit], text: str, affiliation_spans: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Mentions that qualify another name ("Ukraine's National Security Council") are not parties."""
    out = set(affiliation_spans)
    for a, b in itertools.pairwise(hits):
        if b.entry.kind == "org" and re.fullmatch(r"(?:['’]s)?\s{1,2}", text[a.end : b.start]):
            out.add((a.start, a.end))
    return out


def _host_speakers(
    lay: Layout,
    mention: MeetingMention,
    cand: Candidate,
    persons: list[PersonSpan],
    affiliations: dict[str, set[str]],
) -> None:
    """At a meeting being held, an official of the host country briefing on it is its host."""
    if mention.status != "held" or not mention.country:
        return
    paragraphs = {f.sentence.paragraph for f in cand.fragments if f.participants}
    have = {p.participant_key for p in mention.participants}
    for sentence in lay.sentences:
        if sentence.paragraph not in paragraphs:
            continue
        verb = _SPEECH.search(lay.masked, sentence.start, sentence.end)
        if verb is None:
            continue
        before = [p for p in persons if sentence.start <= p.start and p.end <= verb.start()]
        if not before:
            continue
        speaker = before[-1]
        if (
            f"country:{mention.country}" in affiliations.get(speaker.key, set())
            and speaker.key not in have
        ):
            mention.participants.append(
                ParticipationMention(
                    speaker.key, "host", "in_person", [Span(speaker.start, speaker.end)]
                )
            )
            have.add(speaker.key)
            evidence = Span(sentence.start, sentence.end)
            if evidence not in mention.spans:
                mention.spans.append(evidence)
                mention.spans.sort(key=lambda s: s.start)


def _host_country(
    mention: MeetingMention, registry: "_Registry", affiliations: dict[str, set[str]]
) -> None:
    """The country of a meeting's host takes part too: Macron hosting in Paris brings France."""
    if not mention.country:
        return
    key = f"country:{mention.country}"
    if any(p.participant_key == key for p in mention.participants):
        return
    hosts = [
        p
        for p in mention.participants
        if p.role == "host" and key in affiliations.get(p.participant_key, set())
    ]
    country = registry.mentions.get(key)
    if not hosts or country is None:
        return
    host_at = hosts[0].spans[0].start
    inside = [
        sp
        for sp in country.spans
        if sp.start <= host_at and any(s.start <= sp.start < s.end for s in mention.spans)
    ]
    if inside:
        span = max(inside, key=lambda sp: sp.start)
        mention.participants.append(ParticipationMention(key, "host", hosts[0].mode, [span]))


def _title(m: MeetingMention, names: dict[str, str]) -> str:
    series = (m.series or "").replace("-", " ").title().replace(" Of The ", " of the ")
    place = m.city or (country_name(m.country) if m.country else None)
    people = [
        names[p.participant_key] for p in m.participants if p.participant_key.startswith("person:")
    ]
    if m.kind in ("bilateral", "call") and len(people) >= 2:
        base = f"{'Meeting' if m.kind == 'bilateral' else 'Call'} of {people[0]} and {people[1]}"
    else:
        label = {
            "summit": "leaders' summit",
            "ministerial": "ministerial meeting",
            "advisers": "national security advisers' meeting",
            "military-chiefs": "military chiefs' meeting",
            "call": "call",
            "talks": "talks",
            "bilateral": "bilateral meeting",
        }.get(m.kind, "meeting")
        base = f"{series} {label}" if series else label[:1].upper() + label[1:]
    return f"{base} in {place}" if place else base


def _link_quotes(
    statements: list[StatementMention],
    meetings: list[tuple[MeetingMention, Candidate]],
    lay: Layout,
    published: date,
) -> None:
    previous: StatementMention | None = None
    for st in statements:
        chosen: str | None = None
        for d in find_dates(lay.masked, st.span.start, st.span.end, published):
            chosen = next(
                (m.key for m, _ in meetings if m.start_date and m.start_date == d.value), None
            )
            if chosen:
                break
        if chosen is None:
            for m, _ in meetings:
                if any(
                    s.start <= st.span.start < s.end or st.span.start <= s.start < st.span.end
                    for s in m.spans
                ):
                    chosen = m.key
                    break
        paragraph = lay.paragraph_of(st.span.start)
        if (
            chosen is None
            and previous is not None
            and previous.speaker_key == st.speaker_key
            and paragraph - lay.paragraph_of(previous.span.start) <= 1
        ):
            chosen = previous.meeting_key
        if chosen is None and st.speaker_key:
            for m, _ in meetings:
                if any(p.participant_key == st.speaker_key for p in m.participants) and any(
                    0 <= paragraph - lay.paragraph_of(s.start) <= 3 for s in m.spans
                ):
                    chosen = m.key
                    break
        st.meeting_key = chosen
        previous = st


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
    refs.extend(Ref(p.start, p.end, p.key, "person") for p in person_spans)
    refs.sort(key=lambda r: r.start)

    finder = MeetingFinder(lay, hits, refs, published, gazetteer)
    meetings = finder.meetings()
    for mention, cand in meetings:
        _host_speakers(lay, mention, cand, person_spans, affiliations)
        _host_country(mention, registry, affiliations)
        mention.title = _title(
            mention, {**names, **{k: m.name for k, m in registry.mentions.items()}}
        )

    statements = QuoteFinder(lay, person_spans, published).find()
    _link_quotes(statements, meetings, lay, published)

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
