"""Concurrent pushes of one article store it once: unique indexes, not check-then-insert."""

import threading
from collections import Counter

from sqlalchemy import Engine, func, select

from service.apikey import service as apikeys
from service.article import service
from service.article.schemas import ArticleCreate
from service.core.auth import Scope
from service.core.db import create_session_factory, transaction
from service.models import Article, Source
from tests.factories import article_payload

PUSHES = 20


def test_twenty_concurrent_pushes_store_one_article(committing_engine: Engine) -> None:
    factory = create_session_factory(committing_engine)
    payload = ArticleCreate.model_validate(
        article_payload(url="https://wire.example/concurrent", external_id="c-1")
    )
    start = threading.Barrier(PUSHES)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def push() -> None:
        try:
            start.wait()
            with transaction(factory) as session:
                reply = service.ingest(session, payload, api_key_id=None)
            outcomes.append(str(reply.body["outcome"]))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push) for _ in range(PUSHES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Counter(outcomes) == {"created": 1, "duplicate": PUSHES - 1}
    with factory() as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(Source)).scalar_one() == 1


def test_concurrent_pushes_with_one_idempotency_key_store_one_article(
    committing_engine: Engine,
) -> None:
    factory = create_session_factory(committing_engine)
    with transaction(factory) as session:
        key_id = apikeys.create(session, "racer", [Scope.ARTICLES_WRITE]).id
    payload = ArticleCreate.model_validate(article_payload())
    start = threading.Barrier(8)
    bodies: list[dict[str, object]] = []

    def push() -> None:
        start.wait()
        with transaction(factory) as session:
            reply = service.ingest(session, payload, api_key_id=key_id, idempotency_key="same")
        bodies.append(reply.body)

    threads = [threading.Thread(target=push) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(bodies) == 8
    assert all(body == bodies[0] for body in bodies)
    with factory() as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 1


def test_concurrent_reports_of_one_meeting_neither_deadlock_nor_make_twins(
    committing_engine: Engine,
) -> None:
    from service.models import Meeting, Participant
    from tests.factories import seed_payloads

    factory = create_session_factory(committing_engine)
    payloads = [ArticleCreate.model_validate(p) for p in seed_payloads()]
    start = threading.Barrier(len(payloads))
    errors: list[BaseException] = []

    def push(payload: ArticleCreate) -> None:
        try:
            start.wait()
            with transaction(factory) as session:
                service.ingest(session, payload, api_key_id=None)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with factory() as session:
        days = (
            session.execute(select(Meeting.start_date).where(Meeting.start_date.is_not(None)))
            .scalars()
            .all()
        )
        assert len(days) == len(set(days))
        names = session.execute(select(Participant.name)).scalars().all()
        assert len(names) == len(set(names))
