"""The fuzzy person lookup as a function that plans its query through the trigram index.

Written by hand. pg_trgm costs `word_similarity()` like an addition, so a plain query prefers
computing it for every alias over the trigram index that answers `<%`; the scans that cannot
use that index are switched off, but only inside this function (its SET clauses), so callers
no longer switch them off and back around the query (two round trips each time). PL/pgSQL
keeps the plan, made under those settings, for the session.

`pg_trgm.word_similarity_threshold` (what `<%` means) is fixed here at 0.3, the lowest
similarity the service asks for (`service.participant.repository._PERSON_SIMILARITY`); the
exact bound comes in as `threshold`. The function returns alias rows; callers join
participants.

Revision ID: 9c3d6a1f2b80
Revises: 5b8e2f4c7a13
Create Date: 2026-11-29 16:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9c3d6a1f2b80"
down_revision: str | None = "5b8e2f4c7a13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION similar_person_aliases(name text, threshold real)
        RETURNS TABLE (participant_id uuid, similarity real)
        LANGUAGE plpgsql STABLE
        ROWS 20
        SET pg_trgm.word_similarity_threshold = 0.3
        SET enable_seqscan = off
        SET enable_indexscan = off
        SET enable_indexonlyscan = off
        AS $$
        BEGIN
            RETURN QUERY
            SELECT a.participant_id, word_similarity(name, a.normalized)
            FROM participant_aliases AS a
            WHERE name <% a.normalized AND word_similarity(name, a.normalized) > threshold;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION similar_person_aliases(text, real)")
