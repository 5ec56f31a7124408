"""Meetings: the index serves the lists' order (start_date DESC NULLS LAST, id DESC).

Written by hand. The lists page newest first with undated meetings last; the old (start_date,
id) index could not serve that order, so a participant's list sorted all of their meetings
(measured: 188 ms for a participant in 8,897 meetings, 8 ms with this index).

Revision ID: 3c0e7a9d5b21
Revises: 5b3a4e0eaf39
Create Date: 2026-11-22 09:15:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c0e7a9d5b21"
down_revision: str | None = "5b3a4e0eaf39"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_meetings_start_date_id", table_name="meetings")
    op.create_index(
        "ix_meetings_start_date_id",
        "meetings",
        [sa.text("start_date DESC NULLS LAST"), sa.text("id DESC")],
    )


def downgrade() -> None:
    op.drop_index("ix_meetings_start_date_id", table_name="meetings")
    op.create_index("ix_meetings_start_date_id", "meetings", ["start_date", "id"])
