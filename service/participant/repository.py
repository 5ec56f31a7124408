"""SQL for participants, their aliases, identifiers, roles and evidence."""

import uuid
from collections.abc import Set
from datetime import date
from typing import Any

from sqlalchemy import (
    case,
    delete,
    func,
    literal,
    literal_column,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.core.driver_sql import DriverSql
from service.models import (
    EvidenceSpan,
    MeetingParticipation,
    Participant,
    ParticipantAlias,
    ParticipantIdentifier,
    ParticipantRole,
    Statement,
)

# One fixed statement text (kept prepared by PostgreSQL) for any number of names. Joined to the
# unnested names rather than `normalized = ANY(...)`: with ANY the planner takes the trigram GIN
# index for the equality (costed as cheap, about 4 ms on a few hundred aliases, growing with the
# table) over the btree; a join probes the btree once per name, or hashes a small table.
_FIND_KNOWN = DriverSql(
    text(
        """
    SELECT 'identifier' AS kind, i.scheme, i.value, p.id, p.type, p.name
    FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[])) AS k(scheme, value)
    JOIN participant_identifiers AS i ON i.scheme = k.scheme AND i.value = k.value
    JOIN participants AS p ON p.id = i.participant_id
    UNION ALL
    SELECT 'alias', NULL, a.normalized, p.id, p.type, p.name
    FROM unnest(CAST(:names AS text[])) AS n(value)
    JOIN participant_aliases AS a ON a.normalized = n.value
    JOIN participants AS p ON p.id = a.participant_id
    WHERE p.merged_into IS NULL
    """
    )
)


def find_known(
    session: Session, pairs: set[tuple[str, str]], normalized: set[str]
) -> tuple[list[Any], list[Any]]:
    """In one query: (scheme, value, id, name) of participants holding identifiers among
    `pairs`, and (type, value = normalized alias, id, name) of live participants known by
    these names."""
    if not pairs and not normalized:
        return [], []
    rows = _FIND_KNOWN.rows(
        session,
        {
            "schemes": [k for k, _ in pairs],
            "values": [v for _, v in pairs],
            "names": list(normalized),
        },
    )
    identifiers = [r for r in rows if r.kind == "identifier"]
    aliases = [r for r in rows if r.kind == "alias"]
    return identifiers, aliases


_ADD_ALIASES = text(
    """
    INSERT INTO participant_aliases (participant_id, alias, normalized, origin)
    SELECT * FROM unnest(
        CAST(:participant_ids AS uuid[]), CAST(:aliases AS text[]),
        CAST(:normalized AS text[]), CAST(:origins AS text[])
    )
    ON CONFLICT (participant_id, normalized) DO NOTHING
    RETURNING participant_id
    """
)


def add_aliases_many(
    session: Session, rows: list[tuple[uuid.UUID, str, str, str]]
) -> set[uuid.UUID]:
    """Add (participant, alias, normalized, origin) rows; returns participants that gained one."""
    if not rows:
        return set()
    unique = list({(p, n): (p, a, n, o) for p, a, n, o in rows}.values())
    inserted = session.execute(
        _ADD_ALIASES,
        {
            "participant_ids": [p for p, _, _, _ in unique],
            "aliases": [a for _, a, _, _ in unique],
            "normalized": [n for _, _, n, _ in unique],
            "origins": [o for _, _, _, o in unique],
        },
    ).scalars()
    return set(inserted)


# a new participant with its identifiers and aliases in one round trip
_INSERT_PARTICIPANT = text(
    """
    WITH p AS (
        INSERT INTO participants (type, name) VALUES (:type, :name) RETURNING id
    ), i AS (
        INSERT INTO participant_identifiers (participant_id, scheme, value)
        SELECT p.id, k.scheme, k.value
        FROM p, unnest(CAST(:schemes AS text[]), CAST(:values AS text[])) AS k(scheme, value)
        ON CONFLICT (scheme, value) DO NOTHING
    ), a AS (
        INSERT INTO participant_aliases (participant_id, alias, normalized, origin)
        SELECT p.id, k.alias, k.normalized, k.origin
        FROM p, unnest(
            CAST(:aliases AS text[]), CAST(:normalized AS text[]), CAST(:origins AS text[])
        ) AS k(alias, normalized, origin)
        ON CONFLICT (participant_id, normalized) DO NOTHING
    )
    SELECT id FROM p
    """
)


def insert_participant(
    session: Session,
    type_: str,
    name: str,
    identifiers: dict[str, str],
    aliases: list[tuple[str, str, str]],
) -> uuid.UUID:
    """A new participant with its identifiers (those not already taken) and its (alias,
    normalized, origin) rows, in the order given."""
    participant_id: uuid.UUID = session.execute(
        _INSERT_PARTICIPANT,
        {
            "type": type_,
            "name": name,
            "schemes": list(identifiers),
            "values": list(identifiers.values()),
            "aliases": [a for a, _, _ in aliases],
            "normalized": [n for _, n, _ in aliases],
            "origins": [o for _, _, o in aliases],
        },
    ).scalar_one()
    return participant_id


# how alike a spelling must be to one of a person's aliases to make them a candidate (not below
# the 0.3 that `similar_person_aliases` gives `<%`)
_PERSON_SIMILARITY = 0.3

# Candidates come from the trigram index on aliases through `similar_person_aliases` (see its
# migration: it plans that one query with the scans that would ignore the index switched off);
# the exact bound after `<%` keeps the comparison strict, as it has been.
_SIMILAR_PERSONS = DriverSql(
    text(
        """
    SELECT p.id, p.name
    FROM similar_person_aliases(CAST(:name AS text), CAST(:threshold AS real)) AS c
    JOIN participants AS p ON p.id = c.participant_id
    WHERE p.type = 'person' AND p.merged_into IS NULL
    ORDER BY c.similarity DESC, p.name, p.created_at, p.id
    LIMIT :limit
    """
    )
)


def similar_persons(session: Session, normalized: str, limit: int = 20) -> list[Any]:
    """Persons with an alias trigram-similar to `normalized`: (id, canonical name), most similar
    first."""
    return _SIMILAR_PERSONS.rows(
        session, {"name": normalized, "threshold": _PERSON_SIMILARITY, "limit": limit}
    )


# words as str.split() counts them (stored names carry no leading or trailing space)
_RENAME_IF_LONGER = text(
    """
    UPDATE participants SET name = :name, updated_at = now()
    WHERE id = :id AND cardinality(regexp_split_to_array(btrim(name), '\\s+')) < :words
    RETURNING id
    """
)


def rename_if_longer(session: Session, participant_id: uuid.UUID, name: str) -> bool:
    """Give the participant `name` if its stored name has fewer words (checked on the row as
    committed, after waiting for a concurrent writer of it); whether it was renamed."""
    renamed = session.execute(
        _RENAME_IF_LONGER, {"id": participant_id, "name": name, "words": len(name.split())}
    ).first()
    return renamed is not None


def add_aliases(
    session: Session, participant_id: uuid.UUID, aliases: list[tuple[str, str, str]]
) -> int:
    """Add (alias, normalized, origin) rows; returns how many were new."""
    if not aliases:
        return 0
    rows = [
        {"participant_id": participant_id, "alias": a, "normalized": n, "origin": o}
        for a, n, o in aliases
    ]
    inserted = session.execute(
        insert(ParticipantAlias)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["participant_id", "normalized"])
        .returning(ParticipantAlias.id)
    ).all()
    return len(inserted)


RoleKey = tuple[uuid.UUID, str, uuid.UUID | None]  # (holder, title, affiliation)

# One statement text whatever the row count (so PostgreSQL keeps it prepared); ids of new roles
# are drawn in the order given.
_UPSERT_ROLES = DriverSql(
    text(
        """
    INSERT INTO participant_roles AS r (participant_id, title, affiliation_id, first_seen, last_seen)
    SELECT p, t, a, CAST(:seen_on AS date), CAST(:seen_on AS date)
    FROM unnest(CAST(:holders AS uuid[]), CAST(:titles AS text[]), CAST(:affiliations AS uuid[]))
        AS k(p, t, a)
    ON CONFLICT (participant_id, title, affiliation_id) DO UPDATE SET
        first_seen = least(r.first_seen, excluded.first_seen),
        last_seen = greatest(r.last_seen, excluded.last_seen)
    RETURNING r.participant_id, r.title, r.affiliation_id, r.id
    """
    )
)


def upsert_roles(session: Session, keys: list[RoleKey], seen_on: date) -> dict[RoleKey, int]:
    """Store each role (distinct keys), widening a known role's seen dates; key → role id."""
    if not keys:
        return {}
    rows = _UPSERT_ROLES.rows(
        session,
        {
            "holders": [k[0] for k in keys],
            "titles": [k[1] for k in keys],
            "affiliations": [k[2] for k in keys],
            "seen_on": seen_on,
        },
    )
    return {(r.participant_id, r.title, r.affiliation_id): r.id for r in rows}


_FIND_ROLES = DriverSql(
    text(
        """
        SELECT participant_id, title, affiliation_id, id FROM participant_roles
        WHERE participant_id = ANY(CAST(:holders AS uuid[])) AND title = ANY(CAST(:titles AS text[]))
        """
    )
)


def find_roles(session: Session, keys: list[RoleKey]) -> dict[RoleKey, int]:
    """The stored roles among `keys`: key → role id."""
    if not keys:
        return {}
    rows = _FIND_ROLES.rows(
        session,
        {"holders": sorted({k[0] for k in keys}), "titles": sorted({k[1] for k in keys})},
    )
    wanted = set(keys)
    found = {(r.participant_id, r.title, r.affiliation_id): r.id for r in rows}
    return {k: v for k, v in found.items() if k in wanted}


def add_evidence(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        # a multi-row VALUES needs the same columns in every row
        targets = {"meeting_id": None, "participation_id": None, "role_id": None}
        rows = [targets | row for row in rows]
        session.execute(insert(EvidenceSpan).values(rows).on_conflict_do_nothing())


# Plain SQL (rows come back as tuples, without the ORM's per-row loading). Only participants
# with an alias whose first word (an index lookup, see the migration `alias_first_word_index`)
# and last word are both among `words`, each with all its aliases. The last word keeps out
# everyone who merely shares a first name with someone in the text: four in five of the
# first-word matches on the bench corpus. Driven from the words (one index probe
# each, or a hash of a small table), so a cached generic plan never walks every participant
# probing its aliases.
_KNOWN_ENTITIES = DriverSql(
    text(
        """
    SELECT p.type, p.name, array_agg(a.alias ORDER BY a.id) AS aliases
    FROM participants AS p
    JOIN participant_aliases AS a ON a.participant_id = p.id
    WHERE p.id IN (
        SELECT h.participant_id
        FROM unnest(CAST(:words AS text[])) AS w(word)
        JOIN participant_aliases AS h ON split_part(h.normalized, ' ', 1) = w.word
        JOIN unnest(CAST(:words AS text[])) AS l(word) ON split_part(h.normalized, ' ', -1) = l.word
      )
      AND p.type IN ('person', 'organization') AND p.merged_into IS NULL
    GROUP BY p.id
    -- creation order (alias ids come from a sequence), never the random participant id: a
    -- later entity wins a shared alias in the gazetteer, so the order decides extraction
    ORDER BY min(a.id)
    """
    )
)


def known_entities(session: Session, words: Set[str]) -> list[Any]:
    """Persons and organisations with their aliases, for extraction's gazetteer: those with an
    alias whose normalized first and last words are in `words`."""
    if not words:
        return []
    return _KNOWN_ENTITIES.rows(session, {"words": sorted(words)})


# ------------------------------------------------------------------------ reading


def get_participant(session: Session, participant_id: uuid.UUID) -> Any:
    """The participant, merged or not (a merged one points at its survivor)."""
    return session.execute(
        select(Participant.id, Participant.type, Participant.name, Participant.merged_into).where(
            Participant.id == participant_id
        )
    ).first()


def aliases_of(session: Session, participant_id: uuid.UUID) -> list[str]:
    return list(
        session.execute(
            select(ParticipantAlias.alias)
            .where(ParticipantAlias.participant_id == participant_id)
            .order_by(ParticipantAlias.id)
        ).scalars()
    )


def identifiers_of(session: Session, participant_id: uuid.UUID) -> dict[str, str]:
    rows = session.execute(
        select(ParticipantIdentifier.scheme, ParticipantIdentifier.value).where(
            ParticipantIdentifier.participant_id == participant_id
        )
    ).all()
    return {row.scheme: row.value for row in rows}


def roles_of(session: Session, participant_id: uuid.UUID) -> list[Any]:
    affiliation = Participant.__table__.alias("affiliation")
    sources = (
        select(func.array_agg(func.distinct(EvidenceSpan.article_id)))
        .where(EvidenceSpan.role_id == ParticipantRole.id)
        .scalar_subquery()
    )
    return list(
        session.execute(
            select(
                ParticipantRole.title,
                ParticipantRole.first_seen,
                ParticipantRole.last_seen,
                affiliation.c.id.label("affiliation_id"),
                affiliation.c.name.label("affiliation_name"),
                affiliation.c.type.label("affiliation_type"),
                sources.label("sources"),
            )
            .outerjoin(affiliation, affiliation.c.id == ParticipantRole.affiliation_id)
            .where(ParticipantRole.participant_id == participant_id)
            .order_by(ParticipantRole.first_seen, ParticipantRole.title)
        ).all()
    )


def counts_of(session: Session, participant_id: uuid.UUID) -> tuple[int, int]:
    meetings = session.execute(
        select(func.count(func.distinct(MeetingParticipation.meeting_id))).where(
            MeetingParticipation.participant_id == participant_id
        )
    ).scalar_one()
    statements = session.execute(
        select(func.count()).select_from(Statement).where(Statement.speaker_id == participant_id)
    ).scalar_one()
    return meetings, statements


def list_participants(
    session: Session,
    *,
    limit: int,
    after: tuple[str, uuid.UUID] | None,
    type_: str | None,
) -> list[Any]:
    query = select(Participant.id, Participant.type, Participant.name).where(
        Participant.merged_into.is_(None)
    )
    if type_ is not None:
        query = query.where(Participant.type == type_)
    if after is not None:
        query = query.where(tuple_(Participant.name, Participant.id) > tuple_(*after))
    return list(
        session.execute(query.order_by(Participant.name, Participant.id).limit(limit)).all()
    )


def search_participants(
    session: Session, *, normalized: str, limit: int, offset: int, type_: str | None
) -> list[Any]:
    """Fuzzy search over names and aliases, best match first."""
    score = func.max(func.word_similarity(normalized, ParticipantAlias.normalized))
    query = (
        select(Participant.id, Participant.type, Participant.name, score.label("score"))
        .join(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
        .where(
            Participant.merged_into.is_(None),
            literal(normalized).op("<%")(ParticipantAlias.normalized),
        )
        .group_by(Participant.id)
        .order_by(literal_column("score").desc(), Participant.name, Participant.id)
        .offset(offset)
        .limit(limit)
    )
    if type_ is not None:
        query = query.where(Participant.type == type_)
    return list(session.execute(query).all())


# ----------------------------------------------------------------------- curation


def lock_participants(session: Session, ids: list[uuid.UUID]) -> list[Any]:
    """Row-lock participants in a fixed order, so two opposite merges cannot deadlock."""
    return list(
        session.execute(
            select(Participant.id, Participant.merged_into)
            .where(Participant.id.in_(ids))
            .order_by(Participant.id)
            .with_for_update()
        ).all()
    )


# one fixed statement text for any number of ids; rows are locked in id order
_SHARE_PARTICIPANTS = DriverSql(
    text(
        """
    SELECT id, merged_into, name FROM participants
    WHERE id = ANY(CAST(:ids AS uuid[]))
    ORDER BY id
    FOR KEY SHARE
    """
    )
)


def share_participants(session: Session, ids: set[uuid.UUID]) -> list[Any]:
    """Hold participants for a writer that references them (FOR KEY SHARE, in id order): a
    merge's FOR UPDATE then waits for this transaction, or this waits for the merge and reads
    its `merged_into`. (id, merged_into, name) of each."""
    if not ids:
        return []
    return _SHARE_PARTICIPANTS.rows(session, {"ids": sorted(ids)})


def repoint_participations(
    session: Session, loser: uuid.UUID, winner: uuid.UUID
) -> list[uuid.UUID]:
    """Move the loser's participations to the winner; where both took part, fold the loser's
    row (its evidence, a host role, a known mode) into the winner's. Returns touched meetings."""
    mine = MeetingParticipation.__table__.alias("mine")
    theirs = MeetingParticipation.__table__.alias("theirs")
    clashes = session.execute(
        select(
            mine.c.id.label("loser_row"), theirs.c.id.label("winner_row"), mine.c.role, mine.c.mode
        )
        .join(
            theirs, (theirs.c.meeting_id == mine.c.meeting_id) & (theirs.c.participant_id == winner)
        )
        .where(mine.c.participant_id == loser)
    ).all()
    for clash in clashes:
        _copy_evidence(session, EvidenceSpan.participation_id, clash.loser_row, clash.winner_row)
        session.execute(
            update(MeetingParticipation)
            .where(MeetingParticipation.id == clash.winner_row)
            .values(
                role=case((MeetingParticipation.role == "host", "host"), else_=clash.role),
                mode=case(
                    (MeetingParticipation.mode == "unknown", clash.mode),
                    else_=MeetingParticipation.mode,
                ),
            )
        )
        session.execute(
            delete(MeetingParticipation).where(MeetingParticipation.id == clash.loser_row)
        )
    moved = session.execute(
        update(MeetingParticipation)
        .where(MeetingParticipation.participant_id == loser)
        .values(participant_id=winner)
        .returning(MeetingParticipation.meeting_id)
    ).scalars()
    return sorted(set(moved))


def repoint_statements(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.execute(
            update(Statement)
            .where(Statement.speaker_id == loser)
            .values(speaker_id=winner)
            .returning(Statement.id)
        ).scalars()
    )


def repoint_roles(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> None:
    """Roles held by, or affiliated with, the loser now belong to the winner; duplicates fold."""
    for column in (ParticipantRole.participant_id, ParticipantRole.affiliation_id):
        rows = session.execute(select(ParticipantRole).where(column == loser)).scalars().all()
        for role in rows:
            holder = winner if role.participant_id == loser else role.participant_id
            affiliation = winner if role.affiliation_id == loser else role.affiliation_id
            target = session.execute(
                select(ParticipantRole.id).where(
                    ParticipantRole.participant_id == holder,
                    ParticipantRole.title == role.title,
                    ParticipantRole.affiliation_id.is_not_distinct_from(affiliation),
                    ParticipantRole.id != role.id,
                )
            ).scalar()
            if target is None:
                session.execute(
                    update(ParticipantRole)
                    .where(ParticipantRole.id == role.id)
                    .values(participant_id=holder, affiliation_id=affiliation)
                )
                continue
            session.execute(
                update(ParticipantRole)
                .where(ParticipantRole.id == target)
                .values(
                    first_seen=func.least(ParticipantRole.first_seen, role.first_seen),
                    last_seen=func.greatest(ParticipantRole.last_seen, role.last_seen),
                )
            )
            _copy_evidence(session, EvidenceSpan.role_id, role.id, target)
            session.execute(delete(ParticipantRole).where(ParticipantRole.id == role.id))


def move_aliases_and_identifiers(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> None:
    aliases = session.execute(
        select(ParticipantAlias.alias, ParticipantAlias.normalized).where(
            ParticipantAlias.participant_id == loser
        )
    ).all()
    add_aliases(session, winner, [(a.alias, a.normalized, "curation") for a in aliases])
    session.execute(
        update(ParticipantIdentifier)
        .where(ParticipantIdentifier.participant_id == loser)
        .values(participant_id=winner)
    )


def mark_merged(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> None:
    session.execute(
        update(Participant)
        .where((Participant.id == loser) | (Participant.merged_into == loser))
        .values(merged_into=winner)
    )


def _copy_evidence(session: Session, column: Any, source: int, target: int) -> None:
    """Give `target` the evidence of `source` (whose rows go when `source` is deleted)."""
    rows = session.execute(
        select(EvidenceSpan.article_id, EvidenceSpan.span_start, EvidenceSpan.span_end).where(
            column == source
        )
    ).all()
    add_evidence(
        session,
        [
            {
                "article_id": r.article_id,
                "span_start": r.span_start,
                "span_end": r.span_end,
                column.key: target,
            }
            for r in rows
        ],
    )


def delete_unsupported_roles(session: Session, role_ids: set[int]) -> None:
    if role_ids:
        session.execute(
            delete(ParticipantRole).where(
                ParticipantRole.id.in_(role_ids),
                ~select(EvidenceSpan.id).where(EvidenceSpan.role_id == ParticipantRole.id).exists(),
            )
        )
