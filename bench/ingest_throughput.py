"""Sustained ingest throughput (issue 5): articles/s through the API with full extraction.

First it builds a database in service: migrated, with a key (`parley keys create --name bench
--scope articles:write --scope read`), `--base-stories` stories of another corpus seed
ingested, then `VACUUM ANALYZE` as autovacuum would have run (planner statistics of an empty
database make every cached plan a guess). For each configuration — `POST /v1/articles/batch`
(100 articles a request) and single `POST /v1/articles`, with 1 and 2 server workers — it
copies that database (`CREATE DATABASE … TEMPLATE`), starts `parley serve --no-seed --workers
N`, warms every worker up with a few articles of a third seed, then pushes the same generated
corpus (`bench/gen_corpus.py`: per story an original, other outlets' own reports and
reprints, in blocks of 10 stories so reprints follow their originals, plus `--resend`
re-pushes of earlier items as exact duplicates) from `--batch-clients` concurrent batch
requests (each on a connection of its own, which the kernel hands to one of the workers'
listening sockets, see `service/serving.py`) or `--single-clients` concurrent single requests (httpx, async). Printed
per configuration: articles/s over the timed push, request latency p50/p95, server and
PostgreSQL CPU per answered article, the outcome counts; the verdict against ≥ 200
articles/s with batches. `--modes floor` (in the default set) also runs the store-only
baseline, `bench/ingest_floor.py` (same stack and load, no extraction or merge), on an empty
database, and prints Parley's batch rate as a share of it. Every server and database it creates
is removed again.

With `--py-spy DIR` the workers of the batch runs are sampled by py-spy (`--idle`, raw stacks
in DIR) and the samples are summed per ingest phase: extraction, near-duplicate check, merge
(participants, meetings, statements), other SQL, commit, request handling, idle.

    .venv/bin/python bench/ingest_throughput.py postgresql://postgres@127.0.0.1:5432/parley_bench_ingest \
        [--stories 200] [--base-stories 300] [--workers 1 2] [--modes batch single floor]
        [--batch-clients 0] [--single-clients 8] [--resend 0.03] [--repeat 1] [--py-spy DIR]

The URL (or PARLEY_BENCH_DATABASE_URL) names the database to create, use and DROP for each
run (and `<name>_base` for the preloaded copy); with neither, the script skips (exit 0).
`--batch-clients 0` means two per worker: one request's database waits overlap the other's
Python. `--base-stories 0` starts every configuration from an empty database instead.
Throughput counts only items answered created, near_duplicate or duplicate: failed items (a
500, a dropped connection) are listed under outcomes but not counted. On a machine shared with
other work, figures of one run can differ by a factor of two: `--repeat N` runs the
configurations N times, interleaved, and also prints each configuration's median.
"""

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
import psutil
import psycopg
from gen_corpus import Item, generate
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
TARGET = 200.0
BATCH_SIZE = 100
BLOCK = 10
WARMUP_SEED = 4242
BASE_SEED = 777

# py-spy: the call below the innermost `_ingest` frame names the phase
INGEST_FRAME = "_ingest (service/article/service.py"
PHASES = {
    "find_source_and_duplicate": "exact-duplicate lookup",
    "fingerprint": "near-dup fingerprint (MinHash)",
    "look_up": "participants: look-up before the locks",
    "LockSet.take": "advisory locks (incl. waiting for other ingests)",
    "insert_article": "article insert",
    "check": "near-dup check",
    "index": "near-dup band insert",
    "extract": "extraction",
    "known_entities": "known_entities() per article",
    "resolve": "merge: resolve participants",
    "record_roles": "merge: roles",
    "merge": "merge: meetings + statements",
}
# leaf frames of threads with nothing to do
IDLE = (
    "Runner.run (asyncio",
    "Condition.wait (threading",
    "_PollLikeSelector.select (selectors",
    "Connection._recv (multiprocessing",
    "main (multiprocessing/resource_tracker",
)


@dataclass
class Run:
    mode: str
    workers: int
    clients: int
    articles: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    server_cpu_s: float = 0.0
    db_cpu_s: float = 0.0

    @property
    def answered(self) -> int:
        """Items answered created, near_duplicate or duplicate (not failed or dropped)."""
        return sum(self.outcomes[k] for k in ("created", "near_duplicate", "duplicate"))

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0


def _admin(url: str) -> tuple[str, str]:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = str(info["dbname"])
    info["dbname"] = "postgres"
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in info.items()}), name


def _recreate(url: str, *, drop_only: bool = False) -> None:
    admin, name = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _db_cpu(url: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving the bench database."""
    admin, name = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        pids = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        ]
    cpu = {}
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            cpu[pid] = times.user + times.system
    return cpu


def _server_cpu(process: subprocess.Popen[bytes]) -> float:
    proc = psutil.Process(process.pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = p.cpu_times()
            total += times.user + times.system
    return total


def _payload(item: Item, suffix: str = "") -> dict[str, Any]:
    published = datetime.fromisoformat(item.published_at)
    # the corpus spreads stories over 2024–2026; the API refuses dates in the future
    while published > datetime.now(UTC) - timedelta(days=1):
        published -= timedelta(days=365)
    return {
        "source": {"name": item.outlet},
        "title": item.title,
        "published_at": published.isoformat(),
        "body": item.text,
        "language": "en",
        "external_id": item.id + suffix,
        "url": f"https://news.example/{quote(item.id + suffix, safe='')}",
    }


def corpus(stories: int, seed: int, resend: float, suffix: str = "") -> list[dict[str, Any]]:
    """The corpus in ingest order: blocks of stories, each block's originals and other outlets'
    reports first, then its reprints; plus re-pushes of earlier items (exact duplicates)."""
    items = generate(stories, seed=seed)
    by_story: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_story[item.story].append(item)
    ordered: list[Item] = []
    for start in range(0, stories, BLOCK):
        block = [i for s in range(start, min(start + BLOCK, stories)) for i in by_story[s]]
        ordered += [i for i in block if i.kind != "reprint"]
        ordered += [i for i in block if i.kind == "reprint"]
    payloads = [_payload(item, suffix) for item in ordered]
    rng = random.Random(seed)
    for _ in range(round(resend * len(payloads))):
        at = rng.randrange(1, len(payloads))
        payloads.insert(at, payloads[rng.randrange(at)])
    return payloads


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _parley(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(VENV_BIN / "parley"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within 90 s: see {log}")


async def _push_batches(
    client: httpx.AsyncClient, payloads: list[dict[str, Any]], clients: int, run: Run | None
) -> None:
    queue: asyncio.Queue[list[dict[str, Any]]] = asyncio.Queue()
    for start in range(0, len(payloads), BATCH_SIZE):
        queue.put_nowait(payloads[start : start + BATCH_SIZE])

    async def worker() -> None:
        while not queue.empty():
            batch = queue.get_nowait()
            started = time.perf_counter()
            try:
                # a connection per batch (the server closes it after a batch anyway): kept
                # alive, every batch of a client would stay with the worker that took its first
                response = await client.post(
                    "/v1/articles/batch",
                    json={"articles": batch},
                    headers={"Connection": "close"},
                )
            except httpx.TransportError as exc:
                if run is not None:
                    run.outcomes[f"batch {type(exc).__name__}"] += len(batch)
                continue
            elapsed = time.perf_counter() - started
            if run is None:
                continue
            run.latencies.append(elapsed)
            if response.status_code != 200:
                run.outcomes[f"batch HTTP {response.status_code}"] += len(batch)
                continue
            for result in response.json()["results"]:
                if result.get("result") is not None:
                    run.outcomes[result["result"]["outcome"]] += 1
                else:
                    run.outcomes[f"error {result['status']}"] += 1

    await asyncio.gather(*(worker() for _ in range(clients)))


async def _push_singles(
    client: httpx.AsyncClient, payloads: list[dict[str, Any]], clients: int, run: Run | None
) -> None:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for payload in payloads:
        queue.put_nowait(payload)

    async def worker() -> None:
        while not queue.empty():
            payload = queue.get_nowait()
            started = time.perf_counter()
            try:
                response = await client.post("/v1/articles", json=payload)
            except httpx.TransportError as exc:
                if run is not None:
                    run.outcomes[type(exc).__name__] += 1
                continue
            elapsed = time.perf_counter() - started
            if run is None:
                continue
            run.latencies.append(elapsed)
            if response.status_code in (200, 201):
                run.outcomes[response.json()["outcome"]] += 1
            else:
                run.outcomes[f"error {response.status_code}"] += 1

    await asyncio.gather(*(worker() for _ in range(clients)))


async def _push(
    base: str, key: str, mode: str, payloads: list[dict[str, Any]], clients: int, run: Run | None
) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base,
        headers={"Authorization": f"Bearer {key}"},
        timeout=httpx.Timeout(600.0),
        limits=limits,
    ) as client:
        push = _push_singles if mode == "single" else _push_batches
        await push(client, payloads, clients, run)


def _spy(pid: int, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(VENV_BIN / "py-spy"),
            "record",
            "--pid",
            str(pid),
            "--subprocesses",
            "--idle",
            "--rate",
            "100",
            "--format",
            "raw",
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def phases(raw: Path) -> Counter[str]:
    """py-spy raw samples summed per ingest phase, split into Python and waiting on PostgreSQL
    (which includes waiting for locks other transactions hold)."""
    totals: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        if frames[-1].startswith(IDLE):
            totals["idle (event loop, idle threads)"] += int(count)
            continue
        phase = "request handling (HTTP, validation, JSON)"
        ingest = [k for k, f in enumerate(frames) if f.startswith(INGEST_FRAME)]
        if ingest and ingest[-1] + 1 < len(frames):
            below = frames[ingest[-1] + 1 :]
            names = [f.split(" (")[0] for f in below[:3]]
            phase = "other (cleaning, source, change row, answer)"
            for name in names:
                if name in PHASES:
                    phase = PHASES[name]
                    break
        elif any(f.startswith("Session.commit") for f in frames):
            phase = "commit"
        waits = any("psycopg" in f for f in frames)
        totals[f"{phase}: {'waiting on PostgreSQL' if waits else 'Python'}"] += int(count)
    return totals


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(name, safe="")))


def _clone(url: str, template: str | None) -> None:
    """A fresh database for one configuration: a copy of the preloaded template, or empty."""
    if template is None:
        _recreate(url)
        return
    admin, name = _admin(url)
    _recreate(url, drop_only=True)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )


def preload(url: str, payloads: list[dict[str, Any]]) -> tuple[str, str]:
    """Build the template every configuration starts from: migrated, with the bench key, the
    `payloads` ingested (through one worker, in batches) and then analysed, as autovacuum
    keeps a database in service. Returns (template name, key)."""
    _, name = _admin(url)
    template = f"{name}_base"
    base_url = _with_database(url, template)
    _recreate(base_url)
    env = {**os.environ, "PARLEY_DATABASE_URL": base_url, "PARLEY_LOG_LEVEL": "WARNING"}
    _parley(env, "migrate")
    key = _parley(
        env, "keys", "create", "--name", "bench", "--scope", "articles:write", "--scope", "read"
    ).split()[-1]
    with _server(env, 1) as (base, _process):
        asyncio.run(_push(base, key, "batch", payloads, 1, None))
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return template, key


def _command(mode: str, workers: int, port: int) -> list[str]:
    """Parley's server, or for `floor` the store-only baseline (bench/ingest_floor.py)."""
    if mode == "floor":
        return [str(VENV_BIN / "uvicorn"), "ingest_floor:app", "--app-dir", str(ROOT / "bench"),
                "--workers", str(workers), "--port", str(port), "--log-level", "warning"]  # fmt: skip
    return [str(VENV_BIN / "parley"), "serve", "--no-seed", "--workers", str(workers),
            "--port", str(port)]  # fmt: skip


@contextlib.contextmanager
def _server(
    env: dict[str, str], workers: int, mode: str = "batch"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="parley-ingest-") as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as sink:
            server = subprocess.Popen(
                _command(mode, workers, port),
                env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        try:
            _wait_ready(base, server, log)
            yield base, server
        finally:
            _stop(server)
            errors = [line for line in log.read_text().splitlines() if "error" in line.lower()]
            if errors:
                kept = Path(tempfile.gettempdir()) / f"parley-ingest-{port}.log"
                kept.write_text(log.read_text())
                print(f"  {len(errors)} error lines in the server log: {kept}", file=sys.stderr)


def measure(
    url: str,
    mode: str,
    workers: int,
    clients: int,
    payloads: list[dict[str, Any]],
    warmup: list[dict[str, Any]],
    spy_dir: Path | None,
    template: tuple[str, str] | None,
) -> Run:
    env = {**os.environ, "PARLEY_DATABASE_URL": url, "PARLEY_LOG_LEVEL": "WARNING"}
    if mode == "floor":
        _clone(url, None)
        key = "none"  # the floor checks no key
    elif template is None:
        _clone(url, None)
        _parley(env, "migrate")
        key = _parley(
            env, "keys", "create", "--name", "bench", "--scope", "articles:write", "--scope", "read"
        ).split()[-1]
    else:
        _clone(url, template[0])
        key = template[1]
    run = Run(mode, workers, clients)
    with _server(env, workers, mode) as (base, server):
        spy: subprocess.Popen[bytes] | None = None
        try:
            # one small request per worker and client first: imports, gazetteer, pools
            warm = "batch" if mode == "floor" else "single"
            asyncio.run(_push(base, key, warm, warmup, max(clients, 2 * workers), None))
            cpu0, db0 = _server_cpu(server), _db_cpu(url)
            if spy_dir is not None and mode == "batch":
                spy_dir.mkdir(parents=True, exist_ok=True)
                spy = _spy(server.pid, spy_dir / f"{mode}-{workers}w.txt")
                time.sleep(1)
            started = time.perf_counter()
            asyncio.run(_push(base, key, mode, payloads, clients, run))
            run.seconds = time.perf_counter() - started
            run.articles = len(payloads)
            run.server_cpu_s = _server_cpu(server) - cpu0
            db1 = _db_cpu(url)
            run.db_cpu_s = sum(v - db0.get(pid, 0.0) for pid, v in db1.items())
        finally:
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    spy.wait(timeout=60)
    _recreate(url, drop_only=True)
    return run


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def report(runs: list[Run]) -> None:
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    header = (
        f"{'mode':6} {'workers':>7} {'clients':>7} {'articles':>8} {'ok':>5} {'seconds':>8} "
        f"{'ok art/s':>8} {'req p50 s':>9} {'req p95 s':>9} {'srv cpu ms/art':>14} "
        f"{'pg cpu ms/art':>13}"
    )
    print(header)
    print("-" * len(header))
    for r in runs:
        print(
            f"{r.mode:6} {r.workers:7d} {r.clients:7d} {r.articles:8d} {r.answered:5d} "
            f"{r.seconds:8.1f} {r.per_second:8.1f} {statistics.median(r.latencies):9.3f} "
            f"{_p(r.latencies, 0.95):9.3f} {1000 * r.server_cpu_s / max(1, r.answered):14.1f} "
            f"{1000 * r.db_cpu_s / max(1, r.answered):13.1f}"
        )
    print("\noutcomes:")
    for r in runs:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(r.outcomes.items()))
        print(f"  {r.mode:6} {r.workers}w: {counts}")
    configurations: dict[tuple[str, int], list[float]] = defaultdict(list)
    for r in runs:
        configurations[(r.mode, r.workers)].append(r.per_second)
    if any(len(rates) > 1 for rates in configurations.values()):
        print("\nmedian ok art/s over the repeats:")
        for (mode, workers), rates in configurations.items():
            shown = " ".join(f"{rate:.1f}" for rate in rates)
            print(f"  {mode:6} {workers}w: {statistics.median(rates):6.1f}   ({shown})")
    best = max(
        (statistics.median(v) for (mode, _), v in configurations.items() if mode == "batch"),
        default=0.0,
    )
    verdict = "meets" if best >= TARGET else "MISSES"
    print(f"\nbest batch throughput {best:.1f} articles/s: {verdict} the target (>= {TARGET:.0f})")
    floors = {w: statistics.median(v) for (mode, w), v in configurations.items() if mode == "floor"}
    if floors:
        print("against the store-only floor (bench/ingest_floor.py) in this run:")
        for workers, floor in sorted(floors.items()):
            rates = configurations.get(("batch", workers))
            ratio = f"batch {statistics.median(rates) / floor:.2f}× of it" if rates else ""
            reach = "reaches" if floor >= TARGET else "does NOT reach"
            print(f"  {workers}w: floor {floor:.1f} art/s ({reach} {TARGET:.0f})  {ratio}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("PARLEY_BENCH_DATABASE_URL"))
    parser.add_argument("--stories", type=int, default=200, help="stories (6 articles each)")
    parser.add_argument("--seed", type=int, default=20260103)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=("batch", "single", "floor"),
        default=["batch", "single", "floor"],
    )
    parser.add_argument("--batch-clients", type=int, default=0, help="0: two per worker")
    parser.add_argument(
        "--base-stories", type=int, default=300, help="stories preloaded first (0: empty db)"
    )
    parser.add_argument("--single-clients", type=int, default=8)
    parser.add_argument("--resend", type=float, default=0.03, help="share of exact re-pushes")
    parser.add_argument("--repeat", type=int, default=1, help="runs of every configuration")
    parser.add_argument("--py-spy", type=Path, help="sample the batch runs' workers into DIR")
    args = parser.parse_args()
    if not args.url:
        print("skipped: pass a PostgreSQL URL or set PARLEY_BENCH_DATABASE_URL (see the docstring)")
        return 0
    url = args.url.replace("postgresql+psycopg://", "postgresql://", 1)
    payloads = corpus(args.stories, args.seed, args.resend)
    warmup = corpus(2, WARMUP_SEED, 0.0, suffix="-warmup")
    runs: list[Run] = []
    template: tuple[str, str] | None = None
    try:
        if args.base_stories:
            base = corpus(args.base_stories, BASE_SEED, 0.0, suffix="-base")
            print(f"preloading {len(base)} articles …", file=sys.stderr, flush=True)
            template = preload(url, base)
        for _ in range(args.repeat):
            for mode, workers in itertools.product(args.modes, args.workers):
                clients = args.single_clients if mode == "single" else args.batch_clients
                clients = clients or 2 * workers
                print(f"running {mode} with {workers} worker(s) …", file=sys.stderr, flush=True)
                runs.append(
                    measure(url, mode, workers, clients, payloads, warmup, args.py_spy, template)
                )
                print(f"  {runs[-1].per_second:.1f} articles/s", file=sys.stderr, flush=True)
    finally:
        _recreate(url, drop_only=True)
        if template is not None:
            _recreate(_with_database(url, template[0]), drop_only=True)
    report(runs)
    if args.py_spy is not None:
        for raw in sorted(args.py_spy.glob("*.txt")):
            totals = phases(raw)
            idle = totals.pop("idle (event loop, idle threads)", 0)
            busy = sum(totals.values()) or 1
            print(f"\npy-spy {raw.name}: {busy} busy samples (and {idle} idle), per phase:")
            for name, count in totals.most_common():
                print(f"  {100 * count / busy:5.1f} %  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
