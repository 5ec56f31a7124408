"""Articles ingested concurrently give the records a sequential run in their commit order gives.

Merging is greedy (a report joins what is stored when it arrives), so two sequential runs in
different orders may differ; what concurrency must not add is a result no order gives. Each
test pushes articles concurrently into one fresh database, then one by one, in the order the
concurrent run committed them (its change feed's order), into another, and compares every
record by content (ids aside).
"""

import importlib.util
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from service.article import service as articles
from service.article.schemas import ArticleCreate
from service.core import combined_writes
from service.core.config import Settings
from service.core.db import Units, create_db_engine, create_session_factory, transaction
from service.core.migrations import upgrade
from service.participant import service as participants
from tests.conftest import create_database, drop_database


@pytest.fixture
def fresh_engines(admin_url: str, worker_id: str, settings: Settings) -> Iterator[list[Engine]]:
    """Two empty migrated databases of this test's own."""
    names = [f"parley_test_{worker_id}_concurrent", f"parley_test_{worker_id}_sequential"]
    engines = [create_db_engine(create_database(admin_url, n), settings) for n in names]
    for engine in engines:
        upgrade(engine)
    yield engines
    for engine, name in zip(engines, names, strict=True):
        engine.dispose()
        drop_database(admin_url, name)


def _push(engine: Engine, payload: dict[str, Any]) -> str:
    units = Units(create_session_factory(engine))
    reply = units.run(
        lambda s: articles.ingest(s, ArticleCreate.model_validate(payload), api_key_id=None)
    )
    return str(reply.body["outcome"])


def _commit_order(engine: Engine) -> list[str]:
    """The created articles' external ids in the order their transactions wrote the feed."""
    with Session(engine) as session:
        return list(
            session.execute(
                text(
                    "SELECT a.external_id FROM changes c JOIN articles a ON a.id = c.entity_id "
                    "WHERE c.entity_type = 'article' AND c.op = 'created' ORDER BY c.seq"
                )
            ).scalars()
        )


def _replay(engine: Engine, payloads: list[dict[str, Any]], created: list[str]) -> list[str]:
    """Push `payloads` one by one: first the pushes that created `created`, in that order,
    then the rest (re-pushes and copies); returns the outcomes."""
    return [_push(engine, payload) for payload in _faults().replay_order(payloads, created)]


_SNAPSHOT = {
    "articles": "SELECT a.external_id, a.outcome, d.external_id FROM articles a "
    "LEFT JOIN articles d ON d.id = a.duplicate_of",
    "participants": "SELECT p.type, p.name, (SELECT array_agg(x.normalized ORDER BY x.normalized) "
    "FROM participant_aliases x WHERE x.participant_id = p.id) FROM participants p",
    "meetings": "SELECT m.title, m.kind, m.status, m.start_date::text, m.date_precision, m.city, "
    "m.country, m.reported_on::text, (SELECT array_agg(p.name || ':' || mp.role || ':' || mp.mode "
    "ORDER BY p.name) FROM meeting_participations mp JOIN participants p "
    "ON p.id = mp.participant_id WHERE mp.meeting_id = m.id) FROM meetings m",
    "evidence": "SELECT a.external_id, e.span_start, e.span_end, coalesce(m.title, pm.title), "
    "p.name, r.title FROM evidence_spans e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN meetings m ON m.id = e.meeting_id "
    "LEFT JOIN meeting_participations mp ON mp.id = e.participation_id "
    "LEFT JOIN meetings pm ON pm.id = mp.meeting_id "
    "LEFT JOIN participants p ON p.id = mp.participant_id "
    "LEFT JOIN participant_roles r ON r.id = e.role_id",
    "statements": "SELECT s.text, sp.name, s.said_on::text, s.reported_on::text, s.channel, "
    "(SELECT array_agg(a.external_id || ':' || v.span_start ORDER BY a.external_id, "
    "v.span_start) FROM statement_variants v JOIN articles a ON a.id = v.article_id "
    "WHERE v.statement_id = s.id) FROM statements s "
    "LEFT JOIN participants sp ON sp.id = s.speaker_id",
}


def _snapshot(engine: Engine) -> dict[str, list[str]]:
    with Session(engine) as session:
        return {
            name: sorted(repr(tuple(row)) for row in session.execute(text(query)))
            for name, query in _SNAPSHOT.items()
        }


def _article(external_id: str, body: str) -> dict[str, Any]:
    return {
        "source": {"name": f"Wire {external_id}"},
        "external_id": external_id,
        "published_at": "2026-01-05T10:00:00Z",
        "body": body,
    }


def test_an_article_waiting_for_one_that_stores_a_name_it_uses_extracts_with_the_name(
    fresh_engines: list[Engine],
) -> None:
    # "Polish envoys and Teodor Vasquez held talks" names him only once he is on file: the
    # second article is extracted while the first, which stores him, is still open, then waits
    # for it on a lock (both report a meeting of that month); under its locks it must see him,
    # as it would have one after the other
    concurrent, sequential = fresh_engines
    first = _article(
        "first",
        "WARSAW, Poland - Polish Foreign Minister Teodor Vasquez met Estonian Prime Minister "
        "Kaja Kallas in Warsaw on Monday for talks on energy and the border.",
    )
    second = _article(
        "second", "WARSAW - Polish envoys and Teodor Vasquez held talks in Warsaw on Monday."
    )
    factory = create_session_factory(concurrent)
    errors: list[BaseException] = []

    def push_second() -> None:
        try:
            _push(concurrent, second)
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=push_second)
    with transaction(factory) as session:
        articles.ingest(session, ArticleCreate.model_validate(first), api_key_id=None)
        worker.start()
        assert _waits_on_a_lock(session, worker), "the second article did not wait for the first"
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert errors == []

    _replay(sequential, [first, second], _commit_order(concurrent))

    assert _commit_order(concurrent) == ["first", "second"]
    assert _snapshot(concurrent) == _snapshot(sequential)


def _waits_on_a_lock(session: Session, worker: threading.Thread) -> bool:
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + 20
    while worker.is_alive() and time.monotonic() < deadline:
        # pg_stat_activity is read once per transaction unless its snapshot is dropped
        session.execute(text("SELECT pg_stat_clear_snapshot()"))
        if session.execute(waiting).scalar_one():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def observable_commit_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the change feed's order the commit order: PostgreSQL numbers a writer's feed rows
    in its last statement, just before its COMMIT, and another writer reading in between sees
    it as not yet committed, though the feed puts it first. A lock held from that statement to
    the commit (and around each known-entities read) closes the gap, so the replay below
    compares with the order the writers really committed in."""
    gate = threading.RLock()
    holding = threading.local()
    known_entities = participants.known_entities
    write = combined_writes.write
    run = Units.run

    def read_known(session: Session, text: str) -> Any:
        with gate:
            return known_entities(session, text)

    def final_write(session: Session, writes: Any) -> None:
        if not getattr(holding, "held", False):
            gate.acquire()
            holding.held = True
        write(session, writes)

    def run_unit(self: Units, work: Callable[[Session], Any]) -> Any:
        try:
            return run(self, work)
        finally:
            if getattr(holding, "held", False):
                holding.held = False
                gate.release()

    monkeypatch.setattr(participants, "known_entities", read_known)
    # the ingest's last write only (its module's name for the combined writes): nothing waits
    # on a database lock after it, so holding the gate from there cannot deadlock
    monkeypatch.setattr(articles, "combined_writes", SimpleNamespace(write=final_write))
    monkeypatch.setattr(Units, "run", run_unit)


@pytest.mark.usefixtures("observable_commit_order")
def test_a_corpus_pushed_by_eight_clients_gives_what_a_sequential_run_in_its_commit_order_gives(
    fresh_engines: list[Engine],
) -> None:
    concurrent, sequential = fresh_engines
    payloads = _corpus()
    queue = list(reversed(payloads))
    lock = threading.Lock()
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def client() -> None:
        while True:
            with lock:
                if not queue:
                    return
                payload = queue.pop()
            try:
                outcome = _push(concurrent, payload)
            except BaseException as exc:
                errors.append(exc)
                return
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    replayed = _replay(sequential, payloads, _commit_order(concurrent))

    assert sorted(replayed) == sorted(outcomes)
    concurrent_records, sequential_records = _snapshot(concurrent), _snapshot(sequential)
    assert len(concurrent_records["meetings"]) > 5, "the corpus gives meetings"
    assert {"duplicate", "near_duplicate"} <= set(outcomes)
    for table in _SNAPSHOT:
        assert concurrent_records[table] == sequential_records[table], table


def _corpus() -> list[dict[str, Any]]:
    """The fault suite's mixed corpus, small: reports, reprints, re-pushes."""
    corpus: list[dict[str, Any]] = _faults().mixed_corpus(12)
    return corpus


def _faults() -> ModuleType:
    """bench/faults.py, whose corpus and replay order these tests share."""
    path = Path(__file__).resolve().parents[2] / "bench" / "faults.py"
    spec = importlib.util.spec_from_file_location("bench_faults", path)
    assert spec is not None
    assert spec.loader is not None
    if "bench_faults" not in sys.modules:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["bench_faults"] = module
    return sys.modules["bench_faults"]
