"""Active API keys have unique names, so `parley keys revoke NAME` revokes one key.

Written by hand. A partial unique index over the names of keys not revoked: a revoked key keeps
its name, and its replacement may take the name again. Where active keys already share a name,
the oldest keeps it and each of the others gets its id's first eight characters appended
(`partner #1a2b3c4d`), which `parley keys list` shows; the downgrade leaves those names as they
are, since the index alone is what it removes.

Revision ID: 9c4e2a7b1d53
Revises: 6f1b8c3a9d27
Create Date: 2026-12-07 11:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9c4e2a7b1d53"
down_revision: str | None = "6f1b8c3a9d27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE api_keys AS k SET name = k.name || ' #' || left(k.id::text, 8)
        FROM (
            SELECT id, row_number() OVER (PARTITION BY name ORDER BY created_at, id) AS rank
            FROM api_keys
            WHERE revoked_at IS NULL
        ) AS ranked
        WHERE ranked.id = k.id AND ranked.rank > 1
        """
    )
    op.create_index(
        "uq_api_keys_active_name",
        "api_keys",
        ["name"],
        unique=True,
        postgresql_where=sa.text("revoked_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_api_keys_active_name", table_name="api_keys")
