"""Small helpers the extraction tests share: a publication time, a meeting's parties by name."""

from datetime import UTC, datetime

from service.extraction import Extraction, MeetingMention


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=UTC)


def party_map(ex: Extraction, meeting: MeetingMention) -> dict[str, tuple[str, str]]:
    """Participant name -> (mode, role)."""
    names = {m.key: m.name for m in ex.participants}
    return {names[p.participant_key]: (p.mode, p.role) for p in meeting.participants}


def only(ex: Extraction) -> MeetingMention:
    assert len(ex.meetings) == 1, [(m.start_date, m.title) for m in ex.meetings]
    return ex.meetings[0]


def speakers(ex: Extraction) -> list[str | None]:
    """Each statement's speaker by name, in order (None where nobody is named)."""
    names = {m.key: m.name for m in ex.participants}
    return [names.get(s.speaker_key) if s.speaker_key else None for s in ex.statements]
