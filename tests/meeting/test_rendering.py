"""The meeting JSON that PostgreSQL renders is byte for byte what the pydantic models would
render, for awkward text, timestamps with and without microseconds, and every list filter."""

import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.article import service as articles
from service.article.derivation import fold
from service.article.schemas import ArticleCreate
from service.core.pagination import Page
from service.extraction.records import Extraction
from service.meeting.schemas import MeetingRead, MeetingSummary
from tests.factories import MEETING_DAY, advisers_meeting, article_payload, country, person

Auth = Callable[..., dict[str, str]]
AWKWARD = 'Talks on "Jérôme\'s" plan \\ back\tslash — 北京 🕊'


def _article(session: Session, published_at: str) -> uuid.UUID:
    payload = article_payload(published_at=published_at, title=AWKWARD.replace("\t", " "))
    reply = articles.ingest(session, ArticleCreate.model_validate(payload), api_key_id=None)
    return uuid.UUID(str(reply.body["article"]["id"]))


@pytest.fixture
def awkward_meeting(session: Session) -> None:
    host = person("Zoë O'Brien-Łukasiewicz")
    guests = [country("FR", "France"), country("CI", "Côte d'Ivoire")]
    meeting = advisers_meeting(*(g.key for g in guests), host=host.key)
    meeting.title = AWKWARD
    for published_at in (
        "2026-03-04T10:00:00Z",
        "2026-03-04T10:00:00.120000Z",
        "2026-03-05T12:30:00.000005+02:00",
    ):
        fold(
            session,
            _article(session, published_at),
            MEETING_DAY,
            Extraction(participants=[host, *guests], meetings=[meeting]),
        )
    session.commit()


@pytest.mark.usefixtures("awkward_meeting")
def test_detail_is_what_the_model_renders(client: TestClient, auth: Auth) -> None:
    headers = auth()
    listed = client.get("/v1/meetings", headers=headers)
    meeting_id = listed.json()["data"][0]["id"]

    response = client.get(f"/v1/meetings/{meeting_id}", headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    model = MeetingRead.model_validate_json(response.content)
    assert model.model_dump_json().encode() == response.content
    assert model.title == AWKWARD
    assert model.participants[0].participant.name == "Zoë O'Brien-Łukasiewicz"  # the host
    assert all(p.source_count == 3 == len(p.sources) for p in model.participants)
    stamps = [s["published_at"] for s in response.json()["sources"]]
    assert stamps == [
        "2026-03-04T10:00:00Z",
        "2026-03-04T10:00:00.120000Z",
        "2026-03-05T10:30:00.000005Z",
    ]


@pytest.mark.usefixtures("awkward_meeting")
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"limit": 1},
        {"from": "2026-01-01", "to": "2026-12-31", "country": "ua", "city": "Kyiv"},
        {"kind": "advisers", "status": "held", "series": "coalition-of-the-willing"},
        {"q": "plan talks"},
    ],
)
def test_list_pages_are_what_the_model_renders(
    client: TestClient, auth: Auth, params: dict[str, str | int]
) -> None:
    response = client.get("/v1/meetings", params=params, headers=auth())

    assert response.status_code == 200
    page = Page[MeetingSummary].model_validate_json(response.content)
    assert page.model_dump_json().encode() == response.content
    assert [m.title for m in page.data] == [AWKWARD]
    assert page.data[0].participant_count == 3


@pytest.mark.usefixtures("awkward_meeting")
def test_a_participants_meetings_are_what_the_model_renders(client: TestClient, auth: Auth) -> None:
    headers = auth()
    france = client.get("/v1/participants", params={"q": "France"}, headers=headers).json()
    participant_id = france["data"][0]["id"]

    response = client.get(f"/v1/participants/{participant_id}/meetings", headers=headers)

    assert response.status_code == 200
    page = Page[MeetingSummary].model_validate_json(response.content)
    assert page.model_dump_json().encode() == response.content
    assert len(page.data) == 1
