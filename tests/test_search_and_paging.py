"""Search (full text on meetings and statements) and keyset paging while rows are inserted."""

from collections.abc import Callable
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.extraction.records import Extraction
from tests.factories import advisers_meeting, make_article, person, quote

Auth = Callable[..., dict[str, str]]


def test_full_text_finds_a_statement_by_two_of_its_words(
    session: Session, client: TestClient, auth: Auth
) -> None:
    speaker = person("Mette Frederiksen")
    said = [
        "Greenland is not for sale and never will be, whatever anyone in Washington says",
        "We will keep supporting Ukraine with weapons, money and training for as long as needed",
    ]
    fold(
        session,
        make_article(session),
        date(2026, 1, 3),
        Extraction(participants=[speaker], statements=[quote(s, speaker.key) for s in said]),
    )
    session.commit()
    headers = auth()

    found = client.get("/v1/statements", params={"q": "greenland sale"}, headers=headers).json()
    stemmed = client.get("/v1/statements", params={"q": "supported weapon"}, headers=headers).json()
    nothing = client.get("/v1/statements", params={"q": "tariffs"}, headers=headers).json()

    assert [s["text"] for s in found["data"]] == [said[0]]
    assert [s["text"] for s in stemmed["data"]] == [said[1]]
    assert nothing["data"] == []


def test_full_text_on_meetings(session: Session, client: TestClient, auth: Auth) -> None:
    fold(
        session, make_article(session), date(2026, 1, 3), Extraction(meetings=[advisers_meeting()])
    )
    session.commit()
    headers = auth()

    hit = client.get("/v1/meetings", params={"q": "advisers kyiv"}, headers=headers).json()
    miss = client.get("/v1/meetings", params={"q": "ministerial lisbon"}, headers=headers).json()

    assert len(hit["data"]) == 1
    assert miss["data"] == []


def _meeting_on(session: Session, day: date | None, published: date = date(2025, 1, 1)) -> None:
    meeting = advisers_meeting()
    meeting.start_date = day
    meeting.date_precision = "day" if day else "unknown"
    meeting.series = None
    meeting.city = f"City {day or 'unknown'}"
    meeting.country = None
    fold(session, make_article(session), day or published, Extraction(meetings=[meeting]))
    session.commit()


def test_paging_while_inserts_happen_skips_nothing_and_repeats_nothing(
    session: Session, client: TestClient, auth: Auth
) -> None:
    headers = auth()
    start = date(2025, 1, 1)
    for i in range(0, 40, 2):
        _meeting_on(session, start + timedelta(days=i))
    for month in (3, 6, 9):
        _meeting_on(session, None, published=date(2024, month, 1))  # undated: listed last
    before = {
        m["id"]
        for m in client.get("/v1/meetings", params={"limit": 200}, headers=headers).json()["data"]
    }

    seen: list[str] = []
    cursor = None
    inserted = 0
    while True:
        params = {"limit": 5} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/meetings", params=params, headers=headers).json()
        seen += [m["id"] for m in page["data"]]
        # between pages: one meeting newer than everything, one in the middle of the range
        _meeting_on(session, start + timedelta(days=100 + inserted))
        _meeting_on(session, start + timedelta(days=2 * inserted + 1))
        inserted += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert len(seen) == len(set(seen))
    assert before <= set(seen)
    listed = client.get("/v1/meetings", params={"limit": 200}, headers=headers).json()["data"]
    dates = [m["start_date"] for m in listed]
    assert dates[-3:] == [None, None, None]
    assert dates[:-3] == sorted(dates[:-3], reverse=True)
