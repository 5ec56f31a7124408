"""After the meetings and quotes are found: hosts, titles, described speakers, quote-meeting links."""

import re
from collections.abc import Callable
from datetime import date

from service.extraction.dates import find_dates
from service.extraction.gazetteer import Gazetteer, country_name
from service.extraction.meetings import Candidate
from service.extraction.persons import SPEECH_VERBS
from service.extraction.quotes import PersonSpan
from service.extraction.records import (
    MeetingMention,
    Mention,
    Mode,
    ParticipationMention,
    RoleMention,
    Span,
    StatementMention,
)
from service.extraction.segmentation import Layout

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_POSSESSIVE = re.compile(r"['’]s?\s")


def host_speakers(
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
        if _POSSESSIVE.match(lay.masked, speaker.end):
            continue  # "Yoon's office said": the office briefs, and Yoon may be elsewhere
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


def host_country(
    mention: MeetingMention, mentions: dict[str, Mention], affiliations: dict[str, set[str]]
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
    country = mentions.get(key)
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


# "said after the meeting", "told reporters at the summit", "speaking on the sidelines of the talks"
_AT_THE_EVENT = re.compile(
    r"\b(?:after|at|during|following|on the sidelines of)\s+(?:the|this|that|their|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>meeting|talks|summit|session|gathering|conference|"
    r"negotiations|call)\b"
)
# "in his opening remarks at the summit, A said"
_REMARKS_AT = re.compile(
    r"\b(?:his|her|their)\s+(?:opening\s+|closing\s+)?(?:remarks|speech|address)\s+(?:at|to)\s+"
    r"the\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|summit|session|gathering|conference)\b"
)


def event_speakers(lay: Layout, meetings: list[MeetingMention], persons: list[PersonSpan]) -> None:
    """Someone who spoke at or right after the story's one held meeting took part in it: "Kallas
    said after the meeting", "in her opening remarks at the summit, A said". With two held
    meetings in a story, "the meeting" could be either, and nobody is added."""
    held = [m for m in meetings if m.status == "held"]
    if len(held) != 1:
        return
    mention = held[0]
    have = {p.participant_key for p in mention.participants}
    mode: Mode = "virtual" if mention.kind == "call" else "unknown"
    for sentence in lay.sentences:
        verb = _SPEECH.search(lay.masked, sentence.start, sentence.end)
        if verb is None:
            continue
        after = _AT_THE_EVENT.match(lay.masked, verb.end()) or _AT_THE_EVENT.search(
            lay.masked, verb.end(), min(sentence.end, verb.end() + 40)
        )
        remarks = _REMARKS_AT.search(lay.masked, sentence.start, verb.start())
        if after is None and remarks is None:
            continue
        if after is not None and (after["noun"] == "call") != (mention.kind == "call"):
            continue
        before = [p for p in persons if sentence.start <= p.start and p.end <= verb.start()]
        if not before or before[-1].key in have:
            continue
        speaker = before[-1]
        have.add(speaker.key)
        mention.participants.append(
            ParticipationMention(speaker.key, "attendee", mode, [Span(speaker.start, speaker.end)])
        )


_HEADS = ("president", "prime minister", "chancellor", "premier", "king", "leader")


def bilateral_kind(
    mention: MeetingMention, roles: list[RoleMention], affiliations: dict[str, set[str]]
) -> None:
    """Once hosts are known, a meeting of two sides is bilateral:
    - exactly two people (and at most the host country), when no kind word said more than
      talks: "he hosted Netanyahu at the White House";
    - people who all belong to one of two countries, when no kind word was said at all: "the
      crown prince received Iran's foreign minister; the Saudi foreign minister attended";
    - two heads of state or government of those two countries (or a leader and the
      "counterpart" they hosted), even when the report says summit or talks: "Ishiba and Lee met
      for their first summit; their foreign ministers joined"."""
    kind = mention.kind
    if kind not in ("other", "talks", "summit"):
        return
    keys = [p.participant_key for p in mention.participants]
    persons = [k for k in keys if k.startswith("person:")]
    others = [k for k in keys if not k.startswith("person:") and k != f"country:{mention.country}"]
    if kind != "summit" and len(persons) == 2 and not others:
        mention.kind = "bilateral"
        return
    sides = _sides(keys, affiliations, roles)
    if sides is None or len(sides) != 2 or len(persons) < 2:
        return
    if kind == "other" or (mention.series is None and _two_leaders(persons, roles)):
        mention.kind = "bilateral"


def _sides(
    keys: list[str], affiliations: dict[str, set[str]], roles: list[RoleMention]
) -> set[str] | None:
    """The countries of a meeting's parties, or None when a party is an organisation or a
    person of no one country. A person the story ties to no body at all ("Energy Minister Y also
    attended" beside "Turkish Foreign Minister X") sits with one of the sides the others name;
    a leader of no named country might be a third side, and counts as unknown."""
    sides: set[str] = set()
    for key in keys:
        if key.startswith("person:"):
            own = affiliations.get(key, set())
            countries = {c for c in own if c.startswith("country:")}
            if not own and not any(
                r.person_key == key and r.title.lower() in _HEADS for r in roles
            ):
                continue
            if len(countries) != 1:
                return None
            sides |= countries
        elif key.startswith("country:"):
            sides.add(key)
        else:
            return None
    return sides


def _two_leaders(persons: list[str], roles: list[RoleMention]) -> bool:
    """Whether exactly two of `persons` lead their countries (and not the same one)."""
    heads: dict[str, str] = {}
    counterparts: dict[str, str] = {}
    for role in roles:
        if role.person_key not in persons or not role.affiliation_key:
            continue
        if role.title.lower() in _HEADS:
            heads[role.person_key] = role.affiliation_key
        elif role.title.lower() == "counterpart":
            counterparts[role.person_key] = role.affiliation_key
    if len(heads) == 1:
        # "Starmer hosted his Indian counterpart Narendra Modi": a leader's counterpart leads too
        heads.update({k: c for k, c in counterparts.items() if k not in heads})
    return len(heads) == 2 and len(set(heads.values())) == 2


def _untitled_holders(
    country: str,
    title: str,
    roles: list[RoleMention],
    affiliations: dict[str, set[str]],
    titled: set[str],
) -> set[str]:
    """Who of `country` the story names without a title of their own that a description of
    `title` fits: a counterpart when someone else holds that title (or it is "leader"), else
    the one untitled person of that country."""
    leader = title in ("leader", "head of state")
    counterparts = {
        r.person_key
        for r in roles
        if r.affiliation_key == country
        and r.title.lower() == "counterpart"
        and (leader or any(title in o.title.lower() for o in roles if o.person_key != r.person_key))
    }
    if counterparts:
        return counterparts
    if not leader:
        return set()
    return {
        person
        for person, countries in affiliations.items()
        if country in countries and person not in titled
    }


def describer(
    gazetteer: Gazetteer,
    roles: list[RoleMention],
    affiliations: dict[str, set[str]] | None = None,
) -> Callable[[str], str | None]:
    """Resolve "the Ukrainian leader", "the French president" to the one person the article
    gave that title and country; "" when the phrase names a country but no one person fits it
    (so no other rule may guess), None when it names no country.

    With no title of that country in the story, "his Brazilian counterpart X" holds the office
    of whoever X is the counterpart of, and "Somalia's X" (a person of the country, untitled) is
    the one its leader stands for when no one else of that country is named."""
    affiliations = affiliations or {}
    titled = {r.person_key for r in roles if r.title.lower() != "counterpart"}

    def describe(phrase: str) -> str | None:
        words = phrase.split()[1:]
        for size in (2, 1):
            entry = gazetteer.lookup(" ".join(words[:size]))
            if entry is None or entry.kind not in ("country", "demonym"):
                continue
            title = " ".join(words[size:]).lower()
            found = {
                r.person_key
                for r in roles
                if r.affiliation_key == entry.key
                and (
                    title in r.title.lower()
                    or (title in ("leader", "head of state") and r.title.lower() in _HEADS)
                )
            }
            if not found and not any(
                r.affiliation_key == entry.key and r.title.lower() != "counterpart" for r in roles
            ):
                found = _untitled_holders(entry.key, title, roles, affiliations, titled)
            return found.pop() if len(found) == 1 else ""
        return None

    return describe


def meeting_title(m: MeetingMention, names: dict[str, str]) -> str:
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


def link_quotes(
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
