"""Resolving extracted mentions to stored participants (creating them when new), and reading.

Resolution order: an identifier (ISO code) wins; then an exact alias of the same type; then,
for persons, a transliteration-tolerant match guarded by given names. Creation happens under
an advisory lock on the entity's key, so concurrent ingests never create twins.
"""

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from service.change import service as changes
from service.core.locks import advisory_xact_lock
from service.extraction import gazetteer
from service.extraction.records import KnownEntity, Mention, RoleMention
from service.participant import repository
from service.participant.naming import normalize_name, same_person


def resolve(
    session: Session, mentions: Iterable[Mention], *, create: bool = True
) -> dict[str, uuid.UUID]:
    """Map each mention's local key to a participant id, creating participants as needed
    (without `create`, mentions of unknown entities are left out)."""
    resolved: dict[str, uuid.UUID] = {}
    for mention in mentions:
        if create:
            resolved[mention.key] = _resolve_one(session, mention)
        elif (found := _find(session, mention)) is not None:
            resolved[mention.key] = found
    return resolved


def _resolve_one(session: Session, mention: Mention, origin: str = "extracted") -> uuid.UUID:
    spellings = [mention.name, *mention.aliases]
    aliases = [(a, normalize_name(a), origin) for a in dict.fromkeys(spellings) if a.strip()]
    aliases = [(a, n, o) for a, n, o in aliases if n]
    found = _find(session, mention)
    if found is None:
        advisory_xact_lock(session, f"participant:{mention.type}:{_lock_name(mention)}")
        found = _find(session, mention)  # a concurrent writer may have created it meanwhile
    if found is None:
        found = repository.insert_participant(session, mention.type, mention.name)
        repository.add_identifiers(session, found, mention.identifiers)
        canonical = (mention.name, normalize_name(mention.name), "canonical")
        repository.add_aliases(session, found, [canonical, *aliases])
        changes.record(session, "participant", found, "created")
        return found
    changed = repository.add_aliases(session, found, aliases) > 0
    if mention.type == "person":
        # a surname-only record ("Zelenskiy") takes the full name once an article gives it
        current = repository.name_of(session, found)
        if len(mention.name.split()) > len(current.split()):
            repository.rename(session, found, mention.name)
            changed = True
    if changed:
        changes.record(session, "participant", found, "updated")
    return found


def _lock_name(mention: Mention) -> str:
    if mention.identifiers:
        return ",".join(f"{k}={v}" for k, v in sorted(mention.identifiers.items()))
    normalized = normalize_name(mention.name)
    # persons lock on the surname, so transliteration variants serialise with each other
    return normalized.split()[-1][:5] if mention.type == "person" and normalized else normalized


def _find(session: Session, mention: Mention) -> uuid.UUID | None:
    for scheme, value in mention.identifiers.items():
        found = repository.find_by_identifier(session, scheme, value)
        if found is not None:
            return found
    for spelling in [mention.name, *mention.aliases]:
        matches = repository.find_by_alias(session, mention.type, normalize_name(spelling))
        if len(matches) == 1:
            return matches[0]
    if mention.type != "person":
        return None
    name = normalize_name(mention.name)
    # the guard compares with the canonical full name: a surname-only alias ("Zelenskiy")
    # must not let "Hunter Zelensky" in
    candidates = {
        participant_id
        for participant_id, canonical in repository.similar_persons(session, name)
        if same_person(name, normalize_name(canonical))
    }
    # ambiguous ("Biden" with two Bidens on file) is left unresolved rather than guessed
    return candidates.pop() if len(candidates) == 1 else None


def record_roles(
    session: Session,
    roles: Iterable[RoleMention],
    ids: dict[str, uuid.UUID],
    article_id: uuid.UUID,
    seen_on: date,
    *,
    create: bool = True,
) -> None:
    for role in roles:
        person = ids.get(role.person_key)
        if person is None:
            continue
        affiliation = ids.get(role.affiliation_key) if role.affiliation_key else None
        if create:
            role_id = repository.upsert_role(session, person, role.title, affiliation, seen_on)
        else:
            found = repository.find_role(session, person, role.title, affiliation)
            if found is None:
                continue
            role_id = found
        repository.add_evidence(
            session,
            [
                {
                    "article_id": article_id,
                    "role_id": role_id,
                    "span_start": role.span.start,
                    "span_end": role.span.end,
                }
            ],
        )


def known_entities(session: Session) -> list[KnownEntity]:
    return [
        KnownEntity(type=row.type, name=row.name, aliases=tuple(row.aliases))
        for row in repository.known_entities(session)
    ]


def prune_roles(session: Session, role_ids: set[int]) -> None:
    repository.delete_unsupported_roles(session, role_ids)


def load_gazetteer(session: Session) -> int:
    """Store the curated organisations (service/extraction/data), aliases included, so they
    are participants before any article names them; idempotent. Returns how many are known."""
    entries = gazetteer.organizations()
    for entry in entries:
        mention = Mention(
            key=f"org:{entry['slug']}",
            type="organization",
            name=entry["name"],
            aliases=list(entry.get("aliases", [])),
        )
        _resolve_one(session, mention, origin="gazetteer")
    return len(entries)
