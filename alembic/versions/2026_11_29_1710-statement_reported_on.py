"""Statements remember when they were first reported, so an undated one is matched only by
quotes of around that time, and writers lock only the months they can reach.

Written by hand. `reported_on` is the publication date of the first article quoting the
statement; existing rows take the earliest publication date among the articles holding a
variant of them (their creation date if none does). An undated statement used to be a
candidate for any quote during the 60 days after it was stored, whatever the dates of the
articles (an archive pushed today would mix years), and an unattributed quote had to lock out
every statement writer.

Revision ID: 6f1b8c3a9d27
Revises: 3e7a9d2c5b14
Create Date: 2026-11-29 17:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6f1b8c3a9d27"
down_revision: str | None = "3e7a9d2c5b14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("statements", sa.Column("reported_on", sa.Date(), nullable=True))
    op.execute(
        """
        UPDATE statements AS s SET reported_on = coalesce(
            (
                SELECT min(a.published_at AT TIME ZONE 'UTC')::date
                FROM statement_variants AS v
                JOIN articles AS a ON a.id = v.article_id
                WHERE v.statement_id = s.id
            ),
            s.created_at::date
        )
        """
    )
    op.alter_column(
        "statements", "reported_on", nullable=False, server_default=sa.text("CURRENT_DATE")
    )
    op.create_index(
        "ix_statements_undated_reported_on",
        "statements",
        ["reported_on"],
        postgresql_where=sa.text("said_on IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_statements_undated_reported_on", table_name="statements")
    op.drop_column("statements", "reported_on")
