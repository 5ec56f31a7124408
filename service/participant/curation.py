"""Curation by an admin: merging two participants, adding an alias. Each re-points every
reference in the caller's single transaction and is recorded in the change feed."""

import uuid

from sqlalchemy.orm import Session

from service.change import service as changes
from service.core.errors import Conflict, Unprocessable
from service.participant import repository
from service.participant.naming import normalize_name
from service.participant.reading import ParticipantNotFound


class ParticipantAlreadyMerged(Conflict):
    slug = "participant-already-merged"
    title = "Participant already merged"


def merge(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> None:
    """Fold `loser` into `winner`: participations, statements, roles, aliases, identifiers.

    Both rows are locked FOR UPDATE in id order before anything is read or re-pointed: two
    merges of one pair (either way round) queue instead of deadlocking, and the second then
    finds one of them merged; an ingest holding either participant (FOR KEY SHARE, taken when
    it resolves its mentions) commits first, so what it wrote is re-pointed here, or waits and
    then writes to the survivor. Only live participants take part, so no cycle can form.
    """
    if loser == winner:
        raise Unprocessable.field(["body", "into"], "a participant cannot be merged into itself")
    rows = {row.id: row for row in repository.lock_participants(session, [loser, winner])}
    for ident in (loser, winner):
        if ident not in rows:
            raise ParticipantNotFound(f"no participant with id {ident}")
        if rows[ident].merged_into is not None:
            raise ParticipantAlreadyMerged(
                f"participant {ident} was already merged into {rows[ident].merged_into}"
            )
    meetings = repository.repoint_participations(session, loser, winner)
    statements = repository.repoint_statements(session, loser, winner)
    repository.repoint_roles(session, loser, winner)
    repository.move_aliases_and_identifiers(session, loser, winner)
    repository.mark_merged(session, loser, winner)
    changes.record(session, "participant", loser, "merged")
    changes.record(session, "participant", winner, "updated")
    for meeting_id in meetings:
        changes.record(session, "meeting", meeting_id, "updated")
    for statement_id in statements:
        changes.record(session, "statement", statement_id, "updated")


def add_alias(session: Session, participant_id: uuid.UUID, alias: str) -> None:
    """Add a curated spelling. The participant is held (FOR KEY SHARE) while it is checked, so
    a concurrent merge either moves the new alias along or has already made this a conflict;
    a concurrent ingest adding the same spelling makes this a no-op (ON CONFLICT)."""
    rows = repository.share_participants(session, {participant_id})
    if not rows:
        raise ParticipantNotFound(f"no participant with id {participant_id}")
    (row,) = rows
    if row.merged_into is not None:
        raise ParticipantAlreadyMerged(
            f"participant {participant_id} was merged into {row.merged_into}"
        )
    normalized = normalize_name(alias)
    if not normalized:
        raise Unprocessable.field(["body", "alias"], "an alias needs at least one letter or digit")
    if repository.add_aliases(session, participant_id, [(alias.strip(), normalized, "curation")]):
        changes.record(session, "participant", participant_id, "updated")
