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
    (without `create`, mentions of unknown entities are left out).

    Known entities are found for the whole article in two queries (identifiers, exact
    aliases); only the rest take the fuzzy match or the locked creation path.
    """
    mentions = list(mentions)
    index = _Index.load(session, mentions)
    resolved: dict[str, uuid.UUID] = {}
    for mention in mentions:
        found = index.find(mention) or _find_fuzzy(session, mention)
        if found is None and create:
            found = _create(session, mention)
        if found is not None:
            resolved[mention.key] = found
    if create:
        _learn_spellings(session, mentions, resolved, index)
    return resolved


class _Index:
    """Identifier and exact-alias matches for a batch of mentions."""

    def __init__(
        self,
        identifiers: dict[tuple[str, str], uuid.UUID],
        aliases: dict[tuple[str, str], set[uuid.UUID]],
    ) -> None:
        self.identifiers = identifiers
        self.aliases = aliases

    @classmethod
    def load(cls, session: Session, mentions: list[Mention]) -> "_Index":
        pairs = {(k, v) for m in mentions for k, v in m.identifiers.items()}
        names = {normalize_name(s) for m in mentions for s in [m.name, *m.aliases]} - {""}
        aliases: dict[tuple[str, str], set[uuid.UUID]] = {}
        for participant_id, type_, normalized in repository.find_by_aliases(session, names):
            aliases.setdefault((type_, normalized), set()).add(participant_id)
        return cls(repository.find_by_identifiers(session, pairs), aliases)

    def find(self, mention: Mention) -> uuid.UUID | None:
        for pair in mention.identifiers.items():
            if pair in self.identifiers:
                return self.identifiers[pair]
        for spelling in [mention.name, *mention.aliases]:
            matches = self.aliases.get((mention.type, normalize_name(spelling)), set())
            if len(matches) == 1:
                return next(iter(matches))
        return None

    def known_spellings(self, participant_id: uuid.UUID) -> set[str]:
        return {n for (_, n), ids in self.aliases.items() if participant_id in ids}


def _create(session: Session, mention: Mention, origin: str = "extracted") -> uuid.UUID:
    advisory_xact_lock(session, lock_name(mention))
    found = _find(session, mention)  # a concurrent writer may have created it meanwhile
    if found is not None:
        return found
    found = repository.insert_participant(session, mention.type, mention.name)
    repository.add_identifiers(session, found, mention.identifiers)
    canonical = (mention.name, normalize_name(mention.name), "canonical")
    repository.add_aliases(session, found, [canonical, *_spellings(mention, origin)])
    changes.record(session, "participant", found, "created")
    return found


def _spellings(mention: Mention, origin: str) -> list[tuple[str, str, str]]:
    spellings = dict.fromkeys(a.strip() for a in [mention.name, *mention.aliases])
    return [(a, normalize_name(a), origin) for a in spellings if a and normalize_name(a)]


def _learn_spellings(
    session: Session, mentions: list[Mention], resolved: dict[str, uuid.UUID], index: _Index
) -> None:
    """New spellings of known participants become aliases; a surname-only person record
    ("Zelenskiy") takes the full name once an article gives it."""
    updated: set[uuid.UUID] = set()
    rows: list[tuple[uuid.UUID, str, str, str]] = []
    persons: dict[uuid.UUID, str] = {}
    for mention in mentions:
        participant_id = resolved.get(mention.key)
        if participant_id is None:
            continue
        known = index.known_spellings(participant_id)
        rows += [
            (participant_id, a, n, o)
            for a, n, o in _spellings(mention, "extracted")
            if n not in known
        ]
        if mention.type == "person":
            persons[participant_id] = mention.name
    updated |= repository.add_aliases_many(session, rows)
    for participant_id, current in repository.names_of(session, set(persons)).items():
        if len(persons[participant_id].split()) > len(current.split()):
            repository.rename(session, participant_id, persons[participant_id])
            updated.add(participant_id)
    for participant_id in sorted(updated):
        changes.record(session, "participant", participant_id, "updated")


def _resolve_one(session: Session, mention: Mention, origin: str = "extracted") -> uuid.UUID:
    found = _find(session, mention)
    if found is None:
        return _create(session, mention, origin)
    if repository.add_aliases(session, found, _spellings(mention, origin)):
        changes.record(session, "participant", found, "updated")
    return found


def lock_name(mention: Mention) -> str:
    """The lock a writer holds while it may create this participant."""
    if mention.identifiers:
        ident = ",".join(f"{k}={v}" for k, v in sorted(mention.identifiers.items()))
        return f"participant:{mention.type}:{ident}"
    normalized = normalize_name(mention.name)
    # persons lock on the surname, so transliteration variants serialise with each other
    if mention.type == "person" and normalized:
        normalized = normalized.split()[-1][:5]
    return f"participant:{mention.type}:{normalized}"


def _find(session: Session, mention: Mention) -> uuid.UUID | None:
    return _Index.load(session, [mention]).find(mention) or _find_fuzzy(session, mention)


def _find_fuzzy(session: Session, mention: Mention) -> uuid.UUID | None:
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
