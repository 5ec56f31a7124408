"""SQL for statements and their variants."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    delete,
    func,
    literal_column,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.models import Meeting, Participant, Statement, StatementVariant

_FRESH = text("interval '60 days'")


def candidates(
    session: Session, speaker_id: uuid.UUID | None, around: date, days: int
) -> list[Any]:
    """Statements by the same speaker said around `around` (or undated), with their variants."""
    low, high = (
        date.fromordinal(around.toordinal() - days),
        date.fromordinal(around.toordinal() + days),
    )
    # unattributed statements are candidates too: another article may name the speaker
    speaker: ColumnElement[bool] = Statement.speaker_id.is_(None)
    if speaker_id is not None:
        speaker = speaker | (Statement.speaker_id == speaker_id)
    # each statement's canonical text and every variant's: a statement whose variants were
    # just dropped for re-extraction must still be found by its own words
    wordings = union_all(
        select(Statement.id.label("statement_id"), Statement.text.label("text")),
        select(StatementVariant.statement_id, StatementVariant.text),
    ).subquery()
    return list(
        session.execute(
            select(
                Statement.id,
                Statement.speaker_id,
                Statement.said_on,
                Statement.meeting_id,
                wordings.c.text,
            )
            .join(wordings, wordings.c.statement_id == Statement.id)
            .where(
                speaker,
                Statement.said_on.between(low, high)
                # undated quotes are compared only while fresh: no full scan as the corpus grows
                | (Statement.said_on.is_(None) & (Statement.created_at > func.now() - _FRESH)),
            )
        ).all()
    )


def insert_statement(session: Session, values: dict[str, Any]) -> uuid.UUID:
    return session.execute(insert(Statement).values(**values).returning(Statement.id)).scalar_one()


def update_statement(session: Session, statement_id: uuid.UUID, values: dict[str, Any]) -> None:
    session.execute(update(Statement).where(Statement.id == statement_id).values(**values))


def add_variant(
    session: Session,
    statement_id: uuid.UUID,
    article_id: uuid.UUID,
    text: str,
    start: int,
    end: int,
) -> bool:
    inserted = session.execute(
        insert(StatementVariant)
        .values(
            statement_id=statement_id,
            article_id=article_id,
            text=text,
            span_start=start,
            span_end=end,
        )
        .on_conflict_do_nothing()
        .returning(StatementVariant.id)
    ).first()
    return inserted is not None


# ------------------------------------------------------------------------ reading

_SORT_DATE = func.coalesce(Statement.said_on, literal_column("DATE '0001-01-01'"))


def _with_refs() -> Any:
    speaker = Participant.__table__.alias("speaker")
    variant_count = (
        select(func.count()).where(StatementVariant.statement_id == Statement.id).scalar_subquery()
    )
    return (
        select(
            Statement.id,
            Statement.text,
            Statement.speaker_id,
            Statement.said_on,
            Statement.channel,
            Statement.meeting_id,
            speaker.c.name.label("speaker_name"),
            speaker.c.type.label("speaker_type"),
            Meeting.title.label("meeting_title"),
            Meeting.start_date.label("meeting_start_date"),
            variant_count.label("variant_count"),
        )
        .outerjoin(speaker, speaker.c.id == Statement.speaker_id)
        .outerjoin(Meeting, Meeting.id == Statement.meeting_id)
    )


def get_statement(session: Session, statement_id: uuid.UUID) -> Any:
    return session.execute(_with_refs().where(Statement.id == statement_id)).first()


def variants_of(session: Session, statement_id: uuid.UUID) -> list[Any]:
    return list(
        session.execute(
            select(
                StatementVariant.text,
                StatementVariant.article_id,
                StatementVariant.span_start,
                StatementVariant.span_end,
            )
            .where(StatementVariant.statement_id == statement_id)
            .order_by(StatementVariant.id)
        ).all()
    )


def list_statements(
    session: Session, *, limit: int, after: tuple[date, uuid.UUID] | None, filters: dict[str, Any]
) -> list[Any]:
    query = _with_refs()
    if filters.get("speaker") is not None:
        query = query.where(Statement.speaker_id == filters["speaker"])
    if filters.get("meeting") is not None:
        query = query.where(Statement.meeting_id == filters["meeting"])
    if filters.get("channel") is not None:
        query = query.where(Statement.channel == filters["channel"])
    if filters.get("from") is not None:
        query = query.where(Statement.said_on >= filters["from"])
    if filters.get("to") is not None:
        query = query.where(Statement.said_on <= filters["to"])
    if filters.get("q") is not None:
        query = query.where(
            Statement.search_vector.op("@@")(func.websearch_to_tsquery("english", filters["q"]))
        )
    if after is not None:
        query = query.where(tuple_(_SORT_DATE, Statement.id) < tuple_(*after))
    query = query.order_by(_SORT_DATE.desc(), Statement.id.desc()).limit(limit)
    return list(session.execute(query).all())


def delete_without_variants(session: Session, statement_ids: set[uuid.UUID]) -> list[uuid.UUID]:
    if not statement_ids:
        return []
    return list(
        session.execute(
            delete(Statement)
            .where(
                Statement.id.in_(statement_ids),
                ~select(StatementVariant.id)
                .where(StatementVariant.statement_id == Statement.id)
                .exists(),
            )
            .returning(Statement.id)
        ).scalars()
    )
