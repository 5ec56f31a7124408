"""Meeting lists page newest first with undated meetings last, over every row exactly once,
for all meetings and for one participant's (whose order the database keeps in
`meeting_participations.meeting_start_date`)."""

import uuid
from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.models import Meeting, MeetingParticipation, Participant

Auth = Callable[..., dict[str, str]]
DATES = [date(2026, 1, 3), None, date(2025, 12, 1), date(2026, 1, 3), None, date(2024, 6, 30)] * 3


def _meeting(session: Session, start: date | None, *people: uuid.UUID) -> uuid.UUID:
    meeting = Meeting(
        title="Talks",
        kind="talks",
        status="held",
        start_date=start,
        date_precision="day" if start else "unknown",
    )
    session.add(meeting)
    session.flush()
    for person in people:
        session.add(
            MeetingParticipation(
                meeting_id=meeting.id, participant_id=person, role="attendee", mode="unknown"
            )
        )
    session.flush()
    return meeting.id


def _person(session: Session, name: str) -> uuid.UUID:
    person = Participant(type="person", name=name)
    session.add(person)
    session.flush()
    return person.id


def _walk(client: TestClient, path: str, headers: dict[str, str]) -> list[dict[str, object]]:
    seen: list[dict[str, object]] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 4}
        if cursor:
            params["cursor"] = cursor
        page = client.get(path, params=params, headers=headers).json()
        seen.extend(page["data"])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


def _expected(session: Session, ids: list[uuid.UUID]) -> list[uuid.UUID]:
    rows = session.execute(select(Meeting.id, Meeting.start_date).where(Meeting.id.in_(ids))).all()
    dated = sorted((r for r in rows if r.start_date), key=lambda r: (r.start_date, r.id))
    undated = sorted((r for r in rows if r.start_date is None), key=lambda r: r.id)
    return [r.id for r in reversed(dated)] + [r.id for r in reversed(undated)]


def test_pages_cover_every_meeting_once_in_order(
    session: Session, client: TestClient, auth: Auth
) -> None:
    ada, bob = _person(session, "Ada"), _person(session, "Bob")
    both = [_meeting(session, d, ada, bob) for d in DATES]
    only_bob = [_meeting(session, d, bob) for d in DATES[:5]]
    session.commit()
    headers = auth()

    everything = _walk(client, "/v1/meetings", headers)
    adas = _walk(client, f"/v1/participants/{ada}/meetings", headers)
    filtered = _walk(client, "/v1/meetings?participant=" + str(bob), headers)

    assert [uuid.UUID(str(m["id"])) for m in everything] == _expected(session, both + only_bob)
    assert [uuid.UUID(str(m["id"])) for m in adas] == _expected(session, both)
    assert [uuid.UUID(str(m["id"])) for m in filtered] == _expected(session, both + only_bob)


def test_a_participations_copy_of_the_date_follows_its_meeting(session: Session) -> None:
    ada, bob = _person(session, "Ada"), _person(session, "Bob")
    undated = _meeting(session, None, ada)
    dated = _meeting(session, date(2026, 2, 1), bob)

    def copies() -> dict[uuid.UUID, date | None]:
        rows = session.execute(
            select(MeetingParticipation.meeting_id, MeetingParticipation.meeting_start_date)
        ).all()
        return {r.meeting_id: r.meeting_start_date for r in rows}

    assert copies() == {undated: None, dated: date(2026, 2, 1)}

    session.execute(
        update(Meeting).where(Meeting.id == undated).values(start_date=date(2026, 3, 1))
    )
    assert copies() == {undated: date(2026, 3, 1), dated: date(2026, 2, 1)}

    session.execute(
        update(MeetingParticipation)
        .where(MeetingParticipation.meeting_id == undated)
        .values(meeting_id=dated)
    )
    assert set(copies().values()) == {date(2026, 2, 1)}
