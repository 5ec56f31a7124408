"""Curation: merging participants re-points every reference; aliases make names findable."""

import uuid
from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.core.auth import Scope
from service.extraction.records import Extraction, RoleMention, Span
from service.models import Change, Participant
from tests.factories import advisers_meeting, make_article, person, quote

Auth = Callable[..., dict[str, str]]
DAY = date(2026, 1, 3)


def _setup(session: Session) -> tuple[uuid.UUID, uuid.UUID]:
    """Two records of one man: 'Rustem Umerov' hosts a meeting, 'R. Umerov' attends it and speaks."""
    full, short = person("Rustem Umerov"), person("Umerov Rustem")
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(
            participants=[full, short],
            meetings=[advisers_meeting(short.key, host=full.key)],
            statements=[quote("We have a busy working day ahead of us in Kyiv today", short.key)],
            roles=[
                RoleMention(
                    person_key=short.key, title="Secretary", affiliation_key=None, span=Span(0, 3)
                )
            ],
        ),
    )
    session.commit()
    people = {
        name: pid for pid, name in session.execute(select(Participant.id, Participant.name)).all()
    }
    return people["Umerov Rustem"], people["Rustem Umerov"]


def test_merge_repoints_participations_statements_and_roles(
    session: Session, client: TestClient, auth: Auth
) -> None:
    loser, winner = _setup(session)
    headers = auth(Scope.ADMIN)

    response = client.post(
        f"/v1/participants/{loser}/merge", json={"into": str(winner)}, headers=headers
    )

    assert response.status_code == 200
    survivor = response.json()
    assert survivor["id"] == str(winner)
    assert "Umerov Rustem" in survivor["aliases"]
    assert [r["title"] for r in survivor["roles"]] == ["Secretary"]
    assert survivor["statement_count"] == 1
    meeting = client.get("/v1/meetings", headers=headers).json()["data"][0]
    detail = client.get(f"/v1/meetings/{meeting['id']}", headers=headers).json()
    assert [(p["participant"]["id"], p["role"]) for p in detail["participants"]] == [
        (str(winner), "host")
    ]
    merged = client.get(f"/v1/participants/{loser}", headers=headers).json()
    assert merged["merged_into"] == str(winner)
    ops = {(str(e), op) for e, op in session.execute(select(Change.entity_id, Change.op)).all()}
    assert (str(loser), "merged") in ops


def test_merge_needs_admin_and_rejects_nonsense(
    session: Session, client: TestClient, auth: Auth
) -> None:
    loser, winner = _setup(session)

    forbidden = client.post(
        f"/v1/participants/{loser}/merge", json={"into": str(winner)}, headers=auth(Scope.READ)
    )
    admin = auth(Scope.ADMIN)
    into_itself = client.post(
        f"/v1/participants/{loser}/merge", json={"into": str(loser)}, headers=admin
    )
    unknown = client.post(
        f"/v1/participants/{loser}/merge", json={"into": str(uuid.uuid4())}, headers=admin
    )
    client.post(f"/v1/participants/{loser}/merge", json={"into": str(winner)}, headers=admin)
    twice = client.post(
        f"/v1/participants/{loser}/merge", json={"into": str(winner)}, headers=admin
    )

    assert forbidden.status_code == 403
    assert into_itself.status_code == 422
    assert unknown.status_code == 404
    assert twice.status_code == 409


def test_added_alias_is_searchable(session: Session, client: TestClient, auth: Auth) -> None:
    _, winner = _setup(session)
    headers = auth(Scope.ADMIN)

    added = client.post(
        f"/v1/participants/{winner}/aliases", json={"alias": "Рустем Умєров"}, headers=headers
    )
    found = client.get("/v1/participants", params={"q": "Рустем Умєров"}, headers=headers).json()

    assert added.status_code == 200
    assert "Рустем Умєров" in added.json()["aliases"]
    assert found["data"][0]["id"] == str(winner)


def test_nested_lists(session: Session, client: TestClient, auth: Auth) -> None:
    loser, winner = _setup(session)
    headers = auth()

    meetings = client.get(f"/v1/participants/{winner}/meetings", headers=headers).json()["data"]
    spoken = client.get(f"/v1/participants/{loser}/statements", headers=headers).json()["data"]
    about = client.get(f"/v1/meetings/{meetings[0]['id']}/statements", headers=headers)
    missing = client.get(f"/v1/participants/{uuid.uuid4()}/meetings", headers=headers)

    assert len(meetings) == 1
    assert len(spoken) == 1
    assert about.status_code == 200
    assert missing.status_code == 404
