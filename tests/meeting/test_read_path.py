"""The hot reads (a meeting, a participant's meetings) run on the event loop from end to end:
nothing of theirs is handed to the thread pool, whose round trip to a thread and back cost
more CPU per request than the rest of the check it carried (the read benchmark's ratio)."""

from collections.abc import Callable
from typing import Any

import fastapi.dependencies.utils
import fastapi.routing
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.extraction.records import Extraction
from tests.factories import MEETING_DAY, advisers_meeting, country, make_article

Auth = Callable[..., dict[str, str]]


@pytest.fixture
def handed_to_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions FastAPI runs in its thread pool meanwhile."""
    names: list[str] = []
    for module in (fastapi.dependencies.utils, fastapi.routing):
        original = module.run_in_threadpool

        async def counted(func: Any, *args: Any, _run: Any = original, **kwargs: Any) -> Any:
            names.append(getattr(func, "__qualname__", repr(func)))
            return await _run(func, *args, **kwargs)

        monkeypatch.setattr(module, "run_in_threadpool", counted)
    return names


def test_a_meeting_and_a_participants_meetings_take_no_thread(
    client: TestClient, auth: Auth, session: Session, handed_to_threads: list[str]
) -> None:
    france = country("FR", "France")
    derived = fold(
        session,
        make_article(session),
        MEETING_DAY,
        Extraction(participants=[france], meetings=[advisers_meeting(france.key)]),
    )
    session.commit()
    meeting_id, participant_id = derived.meeting_ids[0], derived.participant_ids[0]
    headers = auth()
    handed_to_threads.clear()

    detail = client.get(f"/v1/meetings/{meeting_id}", headers=headers)
    listed = client.get(f"/v1/meetings?participant={participant_id}&limit=5", headers=headers)

    assert (detail.status_code, listed.status_code) == (200, 200)
    assert handed_to_threads == []
