"""Detail endpoints run a fixed number of SQL statements however big the resource is."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.extraction.records import Extraction
from tests.factories import MEETING_DAY, advisers_meeting, country, make_article, person, quote

Auth = Callable[..., dict[str, str]]
CODES = ["DE", "FR", "IT", "ES", "PL", "FI", "SE", "NO", "DK", "NL", "LV", "LT", "EE", "CA"]


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _meeting_with(session: Session, n: int) -> None:
    host = person("Rustem Umerov")
    countries = [country(code, code) for code in CODES[:n]]
    fold(
        session,
        make_article(session),
        MEETING_DAY,
        Extraction(
            participants=[host, *countries],
            meetings=[advisers_meeting(*(c.key for c in countries), host=host.key)],
            statements=[
                quote(f"Statement number {i} about security guarantees and peace", host.key)
                for i in range(n)
            ],
        ),
    )
    session.commit()


def _statements_for(engine: Engine, client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    meeting = client.get("/v1/meetings", headers=headers).json()["data"][0]
    counts = {}
    paths = {
        "meeting": f"/v1/meetings/{meeting['id']}",
        "meetings": "/v1/meetings",
        "statements": "/v1/statements",
    }
    for name, path in paths.items():
        with counting(engine) as seen:
            assert client.get(path, headers=headers).status_code == 200
        counts[name] = len(seen)
    return counts


def test_query_count_does_not_grow_with_participants(
    engine: Engine, session: Session, client: TestClient, auth: Auth
) -> None:
    headers = auth()
    _meeting_with(session, 2)
    small = _statements_for(engine, client, headers)

    _meeting_with(session, 14)  # merges into the same meeting: 14 countries, 16 statements
    large = _statements_for(engine, client, headers)

    assert small == large
    assert large["meeting"] <= 8
