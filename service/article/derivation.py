"""Deriving records from an article: its extraction folded into participants, meetings and
statements, inside the ingest transaction."""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from service.extraction.records import Extraction
from service.meeting import service as meetings
from service.participant import service as participants
from service.statement import service as statements


def fold(
    session: Session, article_id: uuid.UUID, published_on: date, extraction: Extraction
) -> None:
    """Merge one article's extraction into the stored records, with the article as evidence."""
    referenced = _referenced_keys(extraction)
    ids = participants.resolve(session, [m for m in extraction.participants if m.key in referenced])
    participants.record_roles(session, extraction.roles, ids, article_id, published_on)
    meeting_ids = meetings.merge(session, extraction.meetings, ids, article_id, published_on)
    statements.merge(session, extraction.statements, ids, meeting_ids, article_id, published_on)


def _referenced_keys(extraction: Extraction) -> set[str]:
    """Entities that take part in something; people merely mentioned are not stored."""
    keys = {p.participant_key for m in extraction.meetings for p in m.participants}
    keys |= {s.speaker_key for s in extraction.statements if s.speaker_key}
    keys |= {r.person_key for r in extraction.roles}
    keys |= {r.affiliation_key for r in extraction.roles if r.affiliation_key}
    return keys
