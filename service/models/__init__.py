"""Every ORM class, imported here so alembic and the app see one complete metadata."""

from service.models.access import ApiKey, IdempotencyRecord
from service.models.article import Article, Source
from service.models.base import Base
from service.models.change import Change
from service.models.dedup import ArticleBand
from service.models.evidence import EvidenceSpan
from service.models.meeting import Meeting, MeetingParticipation
from service.models.participant import (
    Participant,
    ParticipantAlias,
    ParticipantIdentifier,
    ParticipantRole,
)
from service.models.statement import Statement, StatementVariant

__all__ = [
    "ApiKey",
    "Article",
    "ArticleBand",
    "Base",
    "Change",
    "EvidenceSpan",
    "IdempotencyRecord",
    "Meeting",
    "MeetingParticipation",
    "Participant",
    "ParticipantAlias",
    "ParticipantIdentifier",
    "ParticipantRole",
    "Source",
    "Statement",
    "StatementVariant",
]
