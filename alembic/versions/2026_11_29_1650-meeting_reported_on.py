"""Meetings remember when they were first reported, so an undated one is matched only by
reports of around that time, and writers lock only the months they can reach.

Written by hand. `reported_on` is the publication date of the first article that reported the
meeting; existing rows take the earliest publication date among the articles that are
evidence for them (their creation date if none is). Undated meetings are looked up by it,
through a partial index: until now every report was compared with every undated meeting ever
stored, a set that only grows, and an undated report had to lock out every meeting writer.

Revision ID: 3e7a9d2c5b14
Revises: 9c3d6a1f2b80
Create Date: 2026-11-29 16:50:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3e7a9d2c5b14"
down_revision: str | None = "9c3d6a1f2b80"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("meetings", sa.Column("reported_on", sa.Date(), nullable=True))
    op.execute(
        """
        UPDATE meetings AS m SET reported_on = coalesce(
            least(
                (
                    SELECT min(a.published_at AT TIME ZONE 'UTC')::date
                    FROM evidence_spans AS e
                    JOIN meeting_participations AS mp ON mp.id = e.participation_id
                    JOIN articles AS a ON a.id = e.article_id
                    WHERE mp.meeting_id = m.id
                ),
                (
                    SELECT min(a.published_at AT TIME ZONE 'UTC')::date
                    FROM evidence_spans AS e
                    JOIN articles AS a ON a.id = e.article_id
                    WHERE e.meeting_id = m.id
                )
            ),
            m.created_at::date
        )
        """
    )
    op.alter_column(
        "meetings", "reported_on", nullable=False, server_default=sa.text("CURRENT_DATE")
    )
    op.create_index(
        "ix_meetings_undated_reported_on",
        "meetings",
        ["reported_on"],
        postgresql_where=sa.text("start_date IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_meetings_undated_reported_on", table_name="meetings")
    op.drop_column("meetings", "reported_on")
