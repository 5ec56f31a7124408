"""Pure extraction: article text and publication date in, meetings, participants and quotes out."""

from service.extraction.pipeline import extract, warm_up
from service.extraction.records import (
    Extraction,
    KnownEntity,
    MeetingMention,
    Mention,
    ParticipationMention,
    RoleMention,
    Span,
    StatementMention,
)

__all__ = [
    "Extraction",
    "KnownEntity",
    "MeetingMention",
    "Mention",
    "ParticipationMention",
    "RoleMention",
    "Span",
    "StatementMention",
    "extract",
    "warm_up",
]
