"""Read-API benchmark of issue 4: Parley against a raw baseline, in one run, on this machine.

Starts `parley serve --no-seed` (one worker) and `bench/read_baseline.py` (bare Starlette +
psycopg pool + orjson, run by uvicorn with the same settings: one worker, uvloop/httptools, no
access log) against the database `bench/gen_read_data.py` built, checks that both answer with
the same JSON, then loads each with `wrk` at 32 connections for:

- `detail`: `GET /v1/meetings/{id}` over random existing meetings;
- `list`:   `GET /v1/meetings?limit=50&participant={id}` over participants drawn by activity
  (a random participation's participant, so busy ones come up as often as consumers would ask
  for them) or, with `--participants uniform`, uniformly.

It prints requests/s, p50 and p99 latency and server CPU per request for each, the Parley /
baseline ratio, and the verdict against the targets (Parley >= 50 % of the baseline's
requests/s, p99 <= 25 ms). wrk shares the machine's cores with both servers and PostgreSQL, so
the ratio, measured in the same run, is the figure that counts.

    .venv/bin/python bench/read_api.py postgresql://postgres@127.0.0.1:5432/parley_bench \
        [--duration 15] [--warmup 5] [--connections 32] [--participants activity|uniform] \
        [--rounds 1] [--py-spy DIR] [--parley-src DIR] [--against WORKTREE]

With `--against WORKTREE` (a checkout of another commit with its own `.venv`, e.g. `git
worktree add /tmp/old 2fdfd80 && make -C /tmp/old .venv/.installed-dev`), that Parley is served
too and measured in the same rounds, the servers' order rotating each round; the report adds
its req/s ratio, this Parley over it.

The URL may also come from BENCH_DATABASE_URL; with neither, the script skips (exit 0). It
creates a `read` API key named `bench` (revoked at the end, by id) and stops every server it starts.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
LUA = ROOT / "bench" / "read_api.lua"
SAMPLE_SIZE = 5_000
TARGET_RATIO = 0.5
TARGET_P99_MS = 25.0
ENDPOINTS = ("detail", "list")


@dataclass(frozen=True)
class Result:
    endpoint: str
    server: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float
    errors: int


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        proc = psutil.Process(self.process.pid)
        total = 0.0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                times = p.cpu_times()
                total += times.user + times.system
        return total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sample_paths(url: str, participants: str) -> dict[str, list[str]]:
    """Random existing meeting ids and participant ids, as request paths."""
    pick_participant = (
        "SELECT participant_id FROM meeting_participations TABLESAMPLE SYSTEM (5)"
        if participants == "activity"
        else "SELECT id FROM participants WHERE merged_into IS NULL"
    )
    with psycopg.connect(url) as conn:
        meetings = conn.execute(
            "SELECT id FROM meetings TABLESAMPLE SYSTEM (10) ORDER BY random() LIMIT %s",
            (SAMPLE_SIZE,),
        ).fetchall()
        people = conn.execute(
            f"SELECT * FROM ({pick_participant}) AS p ORDER BY random() LIMIT %s",  # noqa: S608
            (SAMPLE_SIZE,),
        ).fetchall()
    if not meetings or not people:
        raise SystemExit("the database holds no meetings; run bench/gen_read_data.py first")
    return {
        "detail": [f"/v1/meetings/{row[0]}" for row in meetings],
        "list": [f"/v1/meetings?limit=50&participant={row[0]}" for row in people],
    }


def _create_key(env: dict[str, str]) -> tuple[str, str]:
    """A new `read` key: (its id, for revoking, and the token)."""
    result = subprocess.run(
        [str(VENV_BIN / "parley"), "keys", "create", "--name", "bench", "--scope", "read"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    tokens = [word for word in result.stdout.split() if word.startswith("pk_")]
    # stderr says "created key <id> (pk_…)"
    ids = (
        result.stderr.split("created key ", 1)[1].split()[:1]
        if "created key " in result.stderr
        else []
    )
    if not tokens or not ids:
        raise SystemExit(
            f"`parley keys create` printed no key: {result.stdout!r} {result.stderr!r}"
        )
    return ids[0], tokens[0]


def _start(
    name: str,
    command: list[str],
    env: dict[str, str],
    port: int,
    logs: Path,
    cwd: Path = ROOT,
) -> Server:
    log = logs / f"{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(name, process, port, log)


def _stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def _wait_ready(server: Server, path: str, headers: dict[str, str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} exited: see {server.log}\n{server.log.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.base + path, headers=headers, timeout=5).status_code == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"{server.name} did not answer within 60 s: see {server.log}")


def _same_answers(servers: list[Server], paths: dict[str, list[str]], key: str) -> None:
    """Both servers must return the same JSON, or the comparison means nothing."""
    for endpoint in ENDPOINTS:
        for path in paths[endpoint][:5]:
            bodies = [
                httpx.get(s.base + path, headers={"Authorization": f"Bearer {key}"}, timeout=30)
                for s in servers
            ]
            for response in bodies:
                response.raise_for_status()
            if bodies[0].json() != bodies[1].json():
                raise SystemExit(
                    f"responses differ for {path}:\n{bodies[0].text}\n{bodies[1].text}"
                )


def _wrk(
    server: Server, paths_file: Path, auth: str, *, seconds: int, connections: int, threads: int
) -> dict[str, Any]:
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            server.base,
            "--",
            str(paths_file),
            auth,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            return dict(json.loads(line.removeprefix("WRK_JSON ")))
    raise SystemExit(f"wrk printed no summary:\n{out}")


@contextlib.contextmanager
def _py_spy(server: Server, out_dir: Path | None, label: str, seconds: int) -> Iterator[None]:
    """Optionally record a py-spy flame graph of Parley while it is under load."""
    if out_dir is None or server.name != "parley" or shutil.which("py-spy") is None:
        yield
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "--pid",
            str(server.process.pid),
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--nonblocking",
            "--output",
            str(out_dir / f"{label}.svg"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        spy.wait(timeout=seconds + 30)


def _measure(
    server: Server, endpoint: str, paths_file: Path, auth: str, args: argparse.Namespace
) -> Result:
    common = {"connections": args.connections, "threads": args.threads}
    if args.warmup:
        _wrk(server, paths_file, auth, seconds=args.warmup, **common)
    cpu_before = server.cpu_seconds()
    with _py_spy(server, args.py_spy, endpoint, args.duration):
        stats = _wrk(server, paths_file, auth, seconds=args.duration, **common)
    cpu = server.cpu_seconds() - cpu_before
    requests = max(1, stats["requests"])
    errors = sum(stats[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
    return Result(
        endpoint=endpoint,
        server=server.name,
        requests_per_s=stats["requests"] / (stats["duration_us"] / 1e6),
        p50_ms=stats["p50_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        cpu_ms_per_request=cpu * 1000 / requests,
        errors=errors,
    )


def _report(results: list[Result], args: argparse.Namespace) -> bool:
    print(
        f"\n{args.connections} connections, {args.duration} s per run after {args.warmup} s of "
        f"warm-up, participants drawn by {args.participants}, {args.rounds} round(s)\n"
    )
    header = f"{'endpoint':8} {'server':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'cpu ms/req':>11} {'errors':>7}"
    print(header)
    print("-" * len(header))
    ok = True
    for endpoint in ENDPOINTS:
        for r in results:
            if r.endpoint != endpoint:
                continue
            print(
                f"{r.endpoint:8} {r.server:9} {r.requests_per_s:8.0f} {r.p50_ms:8.2f} "
                f"{r.p99_ms:8.2f} {r.cpu_ms_per_request:11.2f} {r.errors:7d}"
            )
        # with several rounds, the median run of each server
        parley = _median([r for r in results if r.endpoint == endpoint and r.server == "parley"])
        base = _median([r for r in results if r.endpoint == endpoint and r.server == "baseline"])
        ratio = parley.requests_per_s / base.requests_per_s
        met = ratio >= TARGET_RATIO and parley.p99_ms <= TARGET_P99_MS and parley.errors == 0
        ok = ok and met
        print(
            f"{endpoint:8} {'ratio':9} {ratio:8.2f}   parley p99 {parley.p99_ms:.1f} ms  "
            f"-> {'meets' if met else 'MISSES'} the targets (>= {TARGET_RATIO:.0%}, "
            f"p99 <= {TARGET_P99_MS:.0f} ms)"
        )
        against = [r for r in results if r.endpoint == endpoint and r.server == "against"]
        if against:
            other = _median(against)
            print(
                f"{endpoint:8} {'vs against':9} {parley.requests_per_s / other.requests_per_s:5.2f}"
                f"   req/s parley / against (median runs), cpu ms/req "
                f"{parley.cpu_ms_per_request:.2f} / {other.cpu_ms_per_request:.2f}"
            )
        print()
    return ok


def _pythonpath(src: Path | None) -> dict[str, str]:
    if src is None:
        return {}
    return {"PYTHONPATH": os.pathsep.join([str(src.resolve()), os.environ.get("PYTHONPATH", "")])}


def _median(runs: list[Result]) -> Result:
    ordered = sorted(runs, key=lambda r: r.requests_per_s)
    return ordered[len(ordered) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--duration", type=int, default=15, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before each run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--participants", choices=("activity", "uniform"), default="activity")
    parser.add_argument("--rounds", type=int, default=1, help="repeat each pair of runs")
    parser.add_argument("--py-spy", type=Path, help="record Parley flame graphs into this folder")
    parser.add_argument(
        "--against",
        type=Path,
        help="also serve the Parley checked out in this folder, from its own .venv (another "
        "commit's worktree), measured in the same rounds: its ratio is the one printed as "
        "'vs against'",
    )
    parser.add_argument(
        "--parley-src",
        type=Path,
        help="run Parley from this folder's `service/` (a scratch copy with a change under test)",
    )
    args = parser.parse_args()
    if not args.url:
        print("skipped: pass a PostgreSQL URL or set BENCH_DATABASE_URL (see the docstring)")
        return 0
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install -y wrk)")
        return 0
    url = args.url.replace("postgresql+psycopg://", "postgresql://", 1)
    paths = _sample_paths(url, args.participants)
    env = {
        **os.environ,
        "PARLEY_DATABASE_URL": url,
        "PARLEY_LOG_LEVEL": "WARNING",
        # wrk pushes thousands of requests a second with one key: no budget here
        "PARLEY_KEY_RATE_PER_S": "0",
    }
    key_id, key = _create_key(env)
    auth = f"Bearer {key}"
    servers: list[Server] = []
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        work = Path(tmp)
        try:
            base_port, parley_port = _free_port(), _free_port()
            servers.append(
                _start(
                    "baseline",
                    [
                        str(VENV_BIN / "uvicorn"),
                        "bench.read_baseline:app",
                        "--port",
                        str(base_port),
                        "--workers",
                        "1",
                        "--no-access-log",
                        "--log-level",
                        "warning",
                    ],
                    {**env, "BENCH_DATABASE_URL": url},
                    base_port,
                    work,
                )
            )
            servers.append(
                _start(
                    "parley",
                    [str(VENV_BIN / "parley"), "serve", "--no-seed", "--port", str(parley_port)],
                    {**env, "PARLEY_WORKERS": "1", **_pythonpath(args.parley_src)},
                    parley_port,
                    work,
                )
            )
            if args.against is not None:
                against_port = _free_port()
                servers.append(
                    _start(
                        "against",
                        [
                            str(args.against.resolve() / ".venv" / "bin" / "parley"),
                            "serve",
                            "--no-seed",
                            "--port",
                            str(against_port),
                        ],
                        {**env, "PARLEY_WORKERS": "1"},
                        against_port,
                        work,
                        cwd=args.against.resolve(),
                    )
                )
            for server in servers:
                _wait_ready(server, paths["detail"][0], {"Authorization": auth})
            _same_answers(servers, paths, key)
            for endpoint in ENDPOINTS:
                paths_file = work / f"{endpoint}.txt"
                paths_file.write_text("\n".join(paths[endpoint]) + "\n")
                for round_ in range(args.rounds):
                    # rotate which server goes first, so none always meets a colder cache
                    shift = round_ % len(servers)
                    order = servers[shift:] + servers[:shift]
                    for server in order:
                        results.append(_measure(server, endpoint, paths_file, auth, args))
                        print(f"  measured {endpoint} on {server.name}", file=sys.stderr)
        finally:
            for server in servers:
                _stop(server)
            subprocess.run(
                [str(VENV_BIN / "parley"), "keys", "revoke", key_id],
                env=env,
                check=False,
                capture_output=True,
            )
    ok = _report(results, args)
    print("all targets met" if ok else "targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
