"""SQL for participants, their aliases, identifiers, roles and evidence."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, literal, literal_column, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.models import (
    EvidenceSpan,
    MeetingParticipation,
    Participant,
    ParticipantAlias,
    ParticipantIdentifier,
    ParticipantRole,
    Statement,
)


def find_by_identifier(session: Session, scheme: str, value: str) -> uuid.UUID | None:
    return session.execute(
        select(ParticipantIdentifier.participant_id).where(
            ParticipantIdentifier.scheme == scheme, ParticipantIdentifier.value == value
        )
    ).scalar()


def find_by_alias(session: Session, type_: str, normalized: str) -> list[uuid.UUID]:
    return list(
        session.execute(
            select(Participant.id)
            .join(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                Participant.type == type_,
                Participant.merged_into.is_(None),
                ParticipantAlias.normalized == normalized,
            )
            .distinct()
        ).scalars()
    )


def similar_persons(session: Session, normalized: str, limit: int = 20) -> list[Any]:
    """Persons with an alias trigram-similar to `normalized`: (id, canonical name)."""
    similarity = func.word_similarity(normalized, ParticipantAlias.normalized)
    return list(
        session.execute(
            select(Participant.id, Participant.name)
            .join(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                Participant.type == "person",
                Participant.merged_into.is_(None),
                similarity > 0.3,
            )
            .order_by(similarity.desc())
            .limit(limit)
        ).all()
    )


def name_of(session: Session, participant_id: uuid.UUID) -> str:
    return session.execute(
        select(Participant.name).where(Participant.id == participant_id)
    ).scalar_one()


def rename(session: Session, participant_id: uuid.UUID, name: str) -> None:
    session.execute(update(Participant).where(Participant.id == participant_id).values(name=name))


def insert_participant(session: Session, type_: str, name: str) -> uuid.UUID:
    return session.execute(
        insert(Participant).values(type=type_, name=name).returning(Participant.id)
    ).scalar_one()


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


def add_identifiers(
    session: Session, participant_id: uuid.UUID, identifiers: dict[str, str]
) -> None:
    if not identifiers:
        return
    session.execute(
        insert(ParticipantIdentifier)
        .values(
            [
                {"participant_id": participant_id, "scheme": k, "value": v}
                for k, v in identifiers.items()
            ]
        )
        .on_conflict_do_nothing(index_elements=["scheme", "value"])
    )


def upsert_role(
    session: Session,
    participant_id: uuid.UUID,
    title: str,
    affiliation_id: uuid.UUID | None,
    seen_on: date,
) -> int:
    statement = insert(ParticipantRole).values(
        participant_id=participant_id,
        title=title,
        affiliation_id=affiliation_id,
        first_seen=seen_on,
        last_seen=seen_on,
    )
    return session.execute(
        statement.on_conflict_do_update(
            index_elements=["participant_id", "title", "affiliation_id"],
            set_={
                "first_seen": func.least(ParticipantRole.first_seen, statement.excluded.first_seen),
                "last_seen": func.greatest(ParticipantRole.last_seen, statement.excluded.last_seen),
            },
        ).returning(ParticipantRole.id)
    ).scalar_one()


def add_evidence(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(EvidenceSpan).values(rows).on_conflict_do_nothing())


def known_entities(session: Session) -> list[Any]:
    """Persons and organisations with their aliases, for extraction's gazetteer."""
    return list(
        session.execute(
            select(
                Participant.type,
                Participant.name,
                func.array_agg(ParticipantAlias.alias).label("aliases"),
            )
            .join(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                Participant.type.in_(("person", "organization")), Participant.merged_into.is_(None)
            )
            .group_by(Participant.id)
        ).all()
    )


# ------------------------------------------------------------------------ reading


def get_participant(session: Session, participant_id: uuid.UUID) -> Any:
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
