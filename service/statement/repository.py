"""SQL for statements and their variants."""

import uuid
from datetime import date, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    Text,
    bindparam,
    delete,
    func,
    literal_column,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import Session

from service.core.combined_writes import Insert, InsertPart
from service.core.driver_sql import DriverSql
from service.core.updates import update_if_unchanged
from service.models import Meeting, Participant, Statement, StatementVariant


def _candidates_query(*, attributed: bool) -> Any:
    said_around = Statement.said_on.between(bindparam("low"), bindparam("high")) | (
        # an undated statement sits where its first report was published
        Statement.said_on.is_(None)
        & Statement.reported_on.between(bindparam("reported_low"), bindparam("reported_high"))
    )
    # unattributed statements are candidates too: another article may name the speaker
    speaker: ColumnElement[bool] = Statement.speaker_id.is_(None)
    if attributed:
        speaker = speaker | (Statement.speaker_id == bindparam("speaker_id"))
    else:
        # an unattributed quote may be anyone's: the statements of the window sharing most of
        # its words (full-text index), a bounded set however many were said
        any_words = sql_cast(
            func.replace(
                sql_cast(func.plainto_tsquery("english", bindparam("quote")), Text), "&", "|"
            ),
            TSQUERY,
        )
        # matched row by row inside the date window, not through the full-text index: a
        # common word would make the index lookup touch every statement ever stored
        window_words = Statement.search_vector.op("||")(sql_cast("", TSVECTOR))
        sharing_words = (
            select(Statement.id)
            # a quote of stopwords only shares nothing: the window is not even read
            .where(func.numnode(any_words) > 0, said_around, window_words.op("@@")(any_words))
            .order_by(func.ts_rank(Statement.search_vector, any_words).desc(), Statement.id)
            .limit(_UNATTRIBUTED_CANDIDATES)
        )
        speaker = speaker | Statement.id.in_(sharing_words.scalar_subquery())
    # each statement's canonical text and every variant's: a statement whose variants were
    # just dropped for re-extraction must still be found by its own words
    wordings = union_all(
        select(Statement.id.label("statement_id"), Statement.text.label("text")),
        select(StatementVariant.statement_id, StatementVariant.text),
    ).subquery()
    return (
        select(
            Statement.id,
            Statement.speaker_id,
            Statement.said_on,
            Statement.meeting_id,
            Statement.reported_on,
            wordings.c.text,
        )
        .join(wordings, wordings.c.statement_id == Statement.id)
        .where(speaker, said_around)
    )


_UNATTRIBUTED_CANDIDATES = 20

# built once: the merge asks for candidates for every quote of every article
_CANDIDATES = DriverSql(_candidates_query(attributed=True))
_CANDIDATES_UNATTRIBUTED = DriverSql(_candidates_query(attributed=False))


def candidates(
    session: Session,
    speaker_id: uuid.UUID | None,
    around: date,
    days: int,
    reported_days: int,
    quote: str,
) -> list[Any]:
    """Statements said within `days` of `around` (or undated and first reported within
    `reported_days` of it), each with every wording (its text and its variants'), that `quote`
    by `speaker_id` could repeat: the speaker's and unattributed ones; for an unattributed
    quote, also anyone's that share most of its words."""
    params: dict[str, Any] = {
        "low": around - timedelta(days=days),
        "high": around + timedelta(days=days),
        "reported_low": around - timedelta(days=reported_days),
        "reported_high": around + timedelta(days=reported_days),
    }
    if speaker_id is None:
        return _CANDIDATES_UNATTRIBUTED.rows(session, params | {"quote": quote})
    return _CANDIDATES.rows(session, params | {"speaker_id": speaker_id})


_INSERT_STATEMENT = DriverSql(
    text(
        """
        INSERT INTO statements (text, speaker_id, said_on, channel, meeting_id, reported_on)
        VALUES (:text, :speaker_id, :said_on, :channel, :meeting_id, :reported_on)
        RETURNING id
        """
    )
)


def insert_statement(session: Session, values: dict[str, Any]) -> uuid.UUID:
    """A new statement from `values`, which hold every column of the statement; its id."""
    statement_id: uuid.UUID = _INSERT_STATEMENT.one(session, values).id
    return statement_id


def update_statement(
    session: Session, statement_id: uuid.UUID, values: dict[str, Any], *, read: dict[str, Any]
) -> bool:
    """Apply `values` unless a column in `read` no longer holds the value read (another writer
    changed it since, and the decision to update may not stand); whether it was applied."""
    return update_if_unchanged(
        session, cast(Table, Statement.__table__), statement_id, values, read
    )


class Variant(NamedTuple):
    statement_id: uuid.UUID
    article_id: uuid.UUID
    text: str
    span_start: int
    span_end: int


# one statement text for any number of variants, so PostgreSQL keeps it prepared; rows go in
# the order given, and a row already stored (or repeated) is skipped
_VARIANTS = InsertPart(
    "variants",
    "statement_variants",
    """
    INSERT INTO statement_variants (statement_id, article_id, text, span_start, span_end)
    SELECT * FROM unnest(
        CAST(:statement_ids AS uuid[]), CAST(:article_ids AS uuid[]), CAST(:texts AS text[]),
        CAST(:starts AS integer[]), CAST(:ends AS integer[])
    )
    ON CONFLICT DO NOTHING
    """,
)


def variants_insert(variants: list[Variant]) -> Insert | None:
    """The variants as a part of a combined write (None when there are none)."""
    if not variants:
        return None
    return Insert(
        _VARIANTS,
        {
            "statement_ids": [v.statement_id for v in variants],
            "article_ids": [v.article_id for v in variants],
            "texts": [v.text for v in variants],
            "starts": [v.span_start for v in variants],
            "ends": [v.span_end for v in variants],
        },
    )


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
