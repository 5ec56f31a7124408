"""Resolving extracted mentions to stored participants (creating them when new), and reading.

Resolution order: an identifier (ISO code) wins; then an exact alias of the same type; then,
for persons, a transliteration-tolerant match guarded by given names. Creation happens under
an advisory lock on the entity's key, so concurrent ingests never create twins.
"""

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy.orm import Session

from service.change import service as changes
from service.core.locks import advisory_xact_lock, advisory_xact_locks, lock_key
from service.extraction import gazetteer
from service.extraction.records import KnownEntity, Mention, RoleMention
from service.participant import repository
from service.participant.naming import normalize_name, same_person, surname_key


@dataclass(frozen=True, slots=True)
class Lookup:
    """Mentions matched to stored participants before any lock is taken, and the lookups'
    index: a participant found once stays findable (participants are never deleted; a merge
    is followed to its survivor when the match is held), so only the mentions left unfound
    need a creation lock."""

    index: "_Index"
    found: dict[str, uuid.UUID]

    def unfound(self, mentions: Iterable[Mention]) -> list[Mention]:
        return [m for m in mentions if m.key not in self.found]


def look_up(session: Session, mentions: Iterable[Mention]) -> Lookup:
    """Match mentions to stored participants (identifier, exact alias, then the fuzzy person
    match), reading only: the known entities of a whole article in one query."""
    mentions = list(mentions)
    index = _Index.load(session, mentions)
    found: dict[str, uuid.UUID] = {}
    for mention in mentions:
        participant_id = index.find(mention) or _find_fuzzy(session, mention, index.names)
        if participant_id is not None:
            found[mention.key] = participant_id
    return Lookup(index, found)


def creation_locks(lookup: Lookup, mentions: Iterable[Mention]) -> set[str]:
    """The locks a writer takes before it may create participants for `mentions`: one for each
    mention the lookup did not find. Known participants take none, so articles naming the same
    countries and officials do not queue on each other."""
    return {lock_name(m) for m in lookup.unfound(mentions)}


def resolve(
    session: Session,
    mentions: Iterable[Mention],
    *,
    create: bool = True,
    lookup: Lookup | None = None,
) -> dict[str, uuid.UUID]:
    """Map each mention's local key to a participant id, creating participants as needed
    (without `create`, mentions of unknown entities are left out).

    `lookup` is what `look_up` found before the caller took its locks (done here when not
    given). A mention it did not find is looked up again under its creation lock (the ingest
    took it already with `creation_locks`; taking it again is free) before it is inserted, so
    a participant a concurrent writer created meanwhile is found instead of twinned.

    Curation takes no advisory lock: the participants found are held against merges by a row
    lock (see `_hold`) before anything is written that references them.
    """
    mentions = list(mentions)
    if lookup is None:
        lookup = look_up(session, mentions)
    index = lookup.index
    unfound = lookup.unfound(mentions)
    if create:
        advisory_xact_locks(session, [lock_key(lock_name(m)) for m in unfound])
    if unfound:
        # what concurrent writers committed while this one waited for its locks (a reprint
        # waits for its original's creation locks too, and must then attach to what it made)
        index.refresh(_Index.load(session, unfound), unfound)
    resolved: dict[str, uuid.UUID] = {}
    for mention in mentions:
        found = lookup.found.get(mention.key)
        if found is None:
            found = index.find(mention) or _find_fuzzy(session, mention, index.names)
        if found is None and create:
            found = _insert(session, mention)
            index.learn(found, mention)
        if found is not None:
            resolved[mention.key] = found
    resolved = _hold(session, resolved, index)
    if create:
        _learn_spellings(session, mentions, resolved, index)
    return resolved


def _hold(
    session: Session, resolved: dict[str, uuid.UUID], index: "_Index"
) -> dict[str, uuid.UUID]:
    """Key-share-lock the participants found until this transaction ends, replacing any that a
    merge committed since the lookups read it by its survivor (held in turn).

    A merge locks both its participants FOR UPDATE before it re-points anything: it either
    waits for this transaction (and then re-points what it wrote), or this waits for the merge
    and reads its `merged_into` here, so nothing this transaction writes references a loser.
    """
    survivors: dict[uuid.UUID, uuid.UUID] = {}
    held: set[uuid.UUID] = set()
    wanted = set(resolved.values())
    while wanted:
        held |= wanted
        for row in repository.share_participants(session, wanted):
            if row.merged_into is None:
                index.names.setdefault(row.id, row.name)
            else:
                survivors[row.id] = row.merged_into
        # survivors are held only after their losers (a later statement): in the rare case a
        # second merge is then locking one, PostgreSQL reports a retryable deadlock
        wanted = set(survivors.values()) - held
    if not survivors:
        return resolved
    return {key: _survivor(participant_id, survivors) for key, participant_id in resolved.items()}


def _survivor(participant_id: uuid.UUID, survivors: dict[uuid.UUID, uuid.UUID]) -> uuid.UUID:
    seen = {participant_id}
    while participant_id in survivors and survivors[participant_id] not in seen:
        participant_id = survivors[participant_id]
        seen.add(participant_id)
    return participant_id


class _Index:
    """Identifier and exact-alias matches for a batch of mentions, and the current names of
    the participants met."""

    def __init__(
        self,
        identifiers: dict[tuple[str, str], uuid.UUID],
        aliases: dict[tuple[str, str], set[uuid.UUID]],
        names: dict[uuid.UUID, str],
    ) -> None:
        self.identifiers = identifiers
        self.aliases = aliases
        self.names = names

    @classmethod
    def load(cls, session: Session, mentions: list[Mention]) -> "_Index":
        by_identifier, by_alias = repository.find_known(
            session, _pairs(mentions), _normalized_spellings(mentions)
        )
        index = cls({}, {}, {})
        for row in by_identifier:
            index.identifiers[(row.scheme, row.value)] = row.id
            index.names[row.id] = row.name
        for row in by_alias:
            index.aliases.setdefault((row.type, row.value), set()).add(row.id)
            index.names[row.id] = row.name
        return index

    def refresh(self, other: "_Index", mentions: list[Mention]) -> None:
        """Replace what this index knows of `mentions`' identifiers and spellings by a later
        load of them (`other`): rows committed since, and merges (an alias ambiguous before may
        have one live holder now)."""
        for pair in _pairs(mentions):
            if pair in other.identifiers:
                self.identifiers[pair] = other.identifiers[pair]
            else:
                self.identifiers.pop(pair, None)
        spellings = _normalized_spellings(mentions)
        for key in [k for k in self.aliases if k[1] in spellings]:
            del self.aliases[key]
        for key, ids in other.aliases.items():
            self.aliases[key] = set(ids)
        self.names.update(other.names)

    def find(self, mention: Mention) -> uuid.UUID | None:
        for pair in mention.identifiers.items():
            if pair in self.identifiers:
                return self.identifiers[pair]
        for spelling in [mention.name, *mention.aliases]:
            matches = self.aliases.get((mention.type, normalize_name(spelling)), set())
            if len(matches) == 1:
                return next(iter(matches))
        return None

    def learn(self, participant_id: uuid.UUID, mention: Mention) -> None:
        """What `_insert` just stored for `mention`, as a fresh load would see it."""
        for pair in mention.identifiers.items():
            self.identifiers.setdefault(pair, participant_id)
        for _, normalized, _ in _new_participant_aliases(mention, "extracted"):
            self.aliases.setdefault((mention.type, normalized), set()).add(participant_id)
        self.names[participant_id] = mention.name

    def known_spellings(self, participant_id: uuid.UUID) -> set[str]:
        return {n for (_, n), ids in self.aliases.items() if participant_id in ids}


def _pairs(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(k, v) for m in mentions for k, v in m.identifiers.items()}


def _normalized_spellings(mentions: list[Mention]) -> set[str]:
    return {normalize_name(s) for m in mentions for s in [m.name, *m.aliases]} - {""}


def _create(session: Session, mention: Mention, origin: str = "extracted") -> uuid.UUID:
    advisory_xact_lock(session, lock_name(mention))
    found = _find(session, mention)  # a concurrent writer may have created it meanwhile
    if found is not None:
        return found
    return _insert(session, mention, origin)


def _insert(session: Session, mention: Mention, origin: str = "extracted") -> uuid.UUID:
    """Store a new participant; the caller holds its lock and has looked it up under it."""
    found = repository.insert_participant(
        session,
        mention.type,
        mention.name,
        mention.identifiers,
        _new_participant_aliases(mention, origin),
    )
    changes.record(session, "participant", found, "created")
    return found


def _new_participant_aliases(mention: Mention, origin: str) -> list[tuple[str, str, str]]:
    canonical = (mention.name, normalize_name(mention.name), "canonical")
    return [canonical, *_spellings(mention, origin)]


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
    # rows and renames in one order in every writer: known participants take no advisory
    # lock, so concurrent writers' row locks must not interleave into a deadlock
    # by the unique key (participant, normalized), like the index the inserts wait on
    updated |= repository.add_aliases_many(session, sorted(rows, key=lambda r: (r[0], r[2])))
    for participant_id, name in sorted(persons.items()):
        # the name read may be stale (known participants take no lock): the update checks
        # the stored name again, so a longer name committed meanwhile is never shortened
        if len(name.split()) > len(index.names[participant_id].split()) and (
            repository.rename_if_longer(session, participant_id, name)
        ):
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
    # persons lock on their surname key, which any two names `same_person` can match share
    # (transliteration endings folded): variants of one name serialise with each other
    if mention.type == "person" and normalized:
        normalized = surname_key(normalized)
    return f"participant:{mention.type}:{normalized}"


def _find(session: Session, mention: Mention) -> uuid.UUID | None:
    index = _Index.load(session, [mention])
    return index.find(mention) or _find_fuzzy(session, mention, index.names)


def _find_fuzzy(
    session: Session, mention: Mention, names: dict[uuid.UUID, str]
) -> uuid.UUID | None:
    """A person by a transliteration-tolerant match; the match's name is noted in `names`."""
    if mention.type != "person":
        return None
    name = normalize_name(mention.name)
    # the guard compares with the canonical full name: a surname-only alias ("Zelenskiy")
    # must not let "Hunter Zelensky" in
    candidates: dict[uuid.UUID, str] = {
        participant_id: canonical
        for participant_id, canonical in repository.similar_persons(session, name)
        if same_person(name, normalize_name(canonical))
    }
    # ambiguous ("Biden" with two Bidens on file) is left unresolved rather than guessed
    if len(candidates) != 1:
        return None
    ((participant_id, canonical),) = candidates.items()
    names[participant_id] = canonical
    return participant_id


def record_roles(
    session: Session,
    roles: Iterable[RoleMention],
    ids: dict[str, uuid.UUID],
    article_id: uuid.UUID,
    seen_on: date,
    *,
    create: bool = True,
) -> list[dict[str, object]]:
    """Store (or, without `create`, only find) the roles, all in one statement; returns their
    evidence rows for the caller to store with the article's other evidence."""
    wanted: list[tuple[repository.RoleKey, RoleMention]] = []
    for role in roles:
        person = ids.get(role.person_key)
        if person is None:
            continue
        affiliation = ids.get(role.affiliation_key) if role.affiliation_key else None
        wanted.append(((person, role.title, affiliation), role))
    # one order in every writer: upserted rows stay locked until commit
    keys = sorted({key for key, _ in wanted}, key=_role_order)
    if create:
        role_ids = repository.upsert_roles(session, keys, seen_on)
    else:
        role_ids = repository.find_roles(session, keys)
    return [
        {
            "article_id": article_id,
            "role_id": role_ids[key],
            "span_start": role.span.start,
            "span_end": role.span.end,
        }
        for key, role in wanted
        if key in role_ids
    ]


def _role_order(key: repository.RoleKey) -> tuple[str, str, str]:
    person, title, affiliation = key
    return (str(person), title, str(affiliation or ""))


def known_entities(session: Session, text: str) -> list[KnownEntity]:
    """The stored persons and organisations that could be named in `text`, read afresh on each
    call (other processes add them too); only the objects are reused between calls.

    The gazetteer only uses a known name where it occurs in the text (or is looked up as words
    of it), and any such occurrence puts every normalized word of the name among the text's
    (the first and last are checked): normalization only folds case and accents and turns
    punctuation into spaces, so the entities kept are the ones the whole table would have
    contributed, whatever its size.
    """
    rows = repository.known_entities(session, _words(text))  # cached: ingest asks twice
    if len(_known_objects) > 2 * len(rows) + 1000:
        _known_objects.clear()  # drop entities renamed, merged or re-aliased since
    entities = []
    for row in rows:
        key = (row.type, row.name, tuple(row.aliases))
        entity = _known_objects.get(key)
        if entity is None:
            entity = _known_objects[key] = KnownEntity(type=row.type, name=row.name, aliases=key[2])
        entities.append(entity)
    return entities


@lru_cache(maxsize=64)
def _words(text: str) -> frozenset[str]:
    """Every normalized word a name occurring in `text` can have: the text's words cut at
    underscores (the gazetteer's boundary) and not (a stored alias keeps them), and, where the
    text holds characters that folding glues onto the letters beside them, its words once those
    are spaces: first the symbols decomposing to letters ("Widget Works™" folds to "workstm",
    though the gazetteer ends the name at "™"), then the combining marks as well."""
    words = _split(normalize_name(text))
    if not text.isascii():
        chars = {ch for ch in set(text) if not ch.isascii() and not ch.isalnum()}
        symbols = {ord(ch): " " for ch in chars if _decomposes_to_letters(ch)}
        marks = {ord(ch): " " for ch in chars if unicodedata.combining(ch)}
        if symbols:
            words |= _split(normalize_name(text.translate(symbols)))
        if marks:
            words |= _split(normalize_name(text.translate(symbols | marks)))
    return frozenset(words - {""})


def _split(normalized: str) -> set[str]:
    return set(_WORD_BREAK.split(normalized)) | set(normalized.split(" "))


def _decomposes_to_letters(ch: str) -> bool:
    return bool(unicodedata.decomposition(ch)) and bool(
        _WORD_CHAR.search(unicodedata.normalize("NFKD", ch))
    )


# normalized text keeps `_` inside words; the gazetteer takes it as a boundary
_WORD_BREAK = re.compile(r"[\s_]+")
_WORD_CHAR = re.compile(r"[^\W_]")

# (type, name, aliases) → the equal KnownEntity; a lost race between threads only rebuilds one
_known_objects: dict[tuple[str, str, tuple[str, ...]], KnownEntity] = {}


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
