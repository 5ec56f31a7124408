"""Folding extractions into stored records: one meeting, one person, one statement per real
thing, however many articles report it; sources visible per participation."""

import uuid
from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.article import service as articles
from service.article.derivation import fold
from service.article.schemas import ArticleCreate
from service.extraction.records import (
    Extraction,
    MeetingMention,
    Mention,
    ParticipationMention,
    RoleMention,
    Span,
    StatementMention,
)
from service.meeting import reading
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]
S = Span(0, 5)
DAY = date(2026, 1, 3)


def _article(session: Session) -> uuid.UUID:
    reply = articles.ingest(
        session, ArticleCreate.model_validate(article_payload()), api_key_id=None
    )
    return uuid.UUID(str(reply.body["article"]["id"]))


def _country(code: str, name: str, alias: str | None = None) -> Mention:
    return Mention(
        key=f"country:{code}",
        type="country",
        name=name,
        aliases=[alias] if alias else [],
        identifiers={"iso3166_alpha2": code},
        spans=[S],
    )


def _person(name: str) -> Mention:
    return Mention(key=f"person:{name.lower()}", type="person", name=name, spans=[S])


def _advisers_meeting(*keys: str, host: str | None = None) -> MeetingMention:
    parties = [ParticipationMention(participant_key=k, mode="in_person", spans=[S]) for k in keys]
    if host:
        parties.append(ParticipationMention(participant_key=host, role="host", spans=[S]))
    return MeetingMention(
        key="m0",
        title="Coalition of the Willing advisers meeting",
        kind="advisers",
        status="held",
        series="coalition-of-the-willing",
        start_date=DAY,
        date_precision="day",
        city="Kyiv",
        country="UA",
        participants=parties,
        spans=[S],
    )


def _quote(text: str, speaker_key: str) -> StatementMention:
    return StatementMention(text=text, span=Span(10, 10 + len(text)), speaker_key=speaker_key)


def test_two_reports_of_one_meeting_make_one_meeting_with_sources_per_participant(
    session: Session, client: TestClient, auth: Auth
) -> None:
    umerov = _person("Rustem Umerov")
    first = Extraction(
        participants=[umerov, _country("DE", "Germany"), _country("DK", "Denmark")],
        meetings=[_advisers_meeting("country:DE", "country:DK", host=umerov.key)],
    )
    second = Extraction(
        participants=[
            umerov,
            _country("DE", "Germany"),
            _country("GB", "United Kingdom", "the U.K."),
        ],
        meetings=[_advisers_meeting("country:DE", "country:GB", host=umerov.key)],
    )
    a, b = _article(session), _article(session)

    fold(session, a, DAY, first)
    fold(session, b, DAY, second)
    session.commit()

    headers = auth()
    listed = client.get("/v1/meetings", headers=headers).json()["data"]
    assert len(listed) == 1
    meeting = client.get(f"/v1/meetings/{listed[0]['id']}", headers=headers).json()
    by_name = {p["participant"]["name"]: p for p in meeting["participants"]}
    assert by_name["Germany"]["source_count"] == 2
    assert by_name["Denmark"]["source_count"] == 1
    assert by_name["United Kingdom"]["source_count"] == 1
    assert by_name["Rustem Umerov"]["role"] == "host"
    assert {s["id"] for s in meeting["sources"]} == {str(a), str(b)}


def test_transliteration_variants_are_one_person_but_namesakes_are_not(
    session: Session, client: TestClient, auth: Auth
) -> None:
    spellings = ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskiy", "Hunter Zelensky"]
    for spelling in spellings:
        person = _person(spelling)
        fold(
            session,
            _article(session),
            DAY,
            Extraction(
                participants=[person],
                roles=[
                    RoleMention(
                        person_key=person.key, title="President", affiliation_key=None, span=S
                    )
                ],
            ),
        )
    session.commit()

    people = client.get("/v1/participants", params={"type": "person"}, headers=auth()).json()
    assert sorted(p["name"] for p in people["data"]) == ["Hunter Zelensky", "Volodymyr Zelenskyy"]


def test_translations_of_one_quote_are_one_statement_with_two_variants(
    session: Session, client: TestClient, auth: Auth
) -> None:
    umerov = _person("Rustem Umerov")
    one = "We have a busy working day ahead: security and economic issues, work on framework documents"
    two = "A busy working day lies ahead: security and economic issues, work on framework documents"
    other = "We will keep working with every partner until the guarantees are signed and ratified"
    fold(
        session,
        _article(session),
        DAY,
        Extraction(participants=[umerov], statements=[_quote(one, umerov.key)]),
    )
    fold(
        session,
        _article(session),
        DAY,
        Extraction(
            participants=[umerov], statements=[_quote(two, umerov.key), _quote(other, umerov.key)]
        ),
    )
    session.commit()

    headers = auth()
    statements = client.get("/v1/statements", headers=headers).json()["data"]
    assert len(statements) == 2
    merged = next(s for s in statements if s["variant_count"] == 2)
    detail = client.get(f"/v1/statements/{merged['id']}", headers=headers).json()
    assert {v["text"] for v in detail["variants"]} == {one, two}
    assert detail["speaker"]["name"] == "Rustem Umerov"


def test_a_planned_meeting_reported_later_as_held_is_updated(session: Session) -> None:
    planned = _advisers_meeting()
    planned.status = "planned"
    fold(session, _article(session), DAY, Extraction(meetings=[planned]))
    fold(session, _article(session), DAY, Extraction(meetings=[_advisers_meeting()]))

    page = reading.list_page(session, limit=10, cursor=None, filters={})
    assert [m.status for m in page.data] == ["held"]
