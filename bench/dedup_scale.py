"""Near-duplicate check latency against the size of the band table (issue 5): 10k, 100k, 1M articles.

Times `service.article.near_duplicates.check(session, text)` — signature, band keys, the
candidate query on `article_bands` (word and skeleton bands in one statement) joined to
`articles.minhash`, and the verdict, then, when that finds nothing, the paraphrase verdict —
each call in its own transaction, rolled back, exactly the
SQL the ingest path runs. The database is built here, not through the API:

- a realistic core: the originals and other outlets' reports of `--stories` generated stories
  (`bench/gen_corpus.py`), stored as `created` articles with their real signature and band rows;
- bulk filler up to each size: articles with a 513-byte signature and 42 word and 48 skeleton
  band rows of random 64-bit hashes, inserted with set-based SQL (the synthetic corpus repeats itself far more than
  real news, so near-copies of it would inflate candidates unrealistically). The band table's
  indexes are dropped during the bulk insert and rebuilt after it, then VACUUM ANALYZE.

Checked texts (`--checks` per size, after `--warmup` untimed ones) alternate between reprints of
stored originals (must be answered near-duplicate of their original) and originals of stories
from another seed that are not stored (must not be). Printed per size: p50/p95/max of the whole
check, the p50 of its pure-Python part (signature + both paths' band keys), the planning + execution time
PostgreSQL itself reports for the candidate query (EXPLAIN ANALYZE of the statement check() sent,
over `--explain` further checks: the database's share without client scheduling delays), the
verdicts, and the band table's size per article; then p95(1M)/p95(10k) against ≤ 1.5× and p95 at
the largest size against ≤ 10 ms.

    .venv/bin/python bench/dedup_scale.py postgresql://postgres@127.0.0.1:5432/parley_bench_dedup \
        [--sizes 10000 100000 1000000] [--checks 600] [--warmup 100] [--stories 1000] [--keep]

The URL may also come from PARLEY_BENCH_DATABASE_URL; with neither the script skips (exit 0).
The database it names is DROPPED and re-created (through the server's `postgres` database) and
dropped again at the end unless `--keep`.
"""

import argparse
import hashlib
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from gen_corpus import Item, generate
from psycopg import sql
from sqlalchemy.orm import Session

from service import dedup
from service.article import near_duplicates, repository
from service.core.config import Settings
from service.core.db import create_db_engine, create_session_factory, libpq_url
from service.core.migrations import upgrade

TARGET_RATIO = 1.5
TARGET_P95_MS = 10.0
SIGNATURE_BYTES = 1 + 4 * dedup.NUM_PERM
UNSEEN_SEED = 777


@dataclass(frozen=True)
class Probe:
    text: str
    duplicate_of: str | None  # the stored corpus id it must match, None if it must not


@dataclass(frozen=True)
class SizeResult:
    articles: int
    band_rows: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    python_p50_ms: float
    server_p50_ms: float
    server_p95_ms: float
    correct: int
    checks: int
    bands_bytes: int
    articles_bytes: int
    load_s: float


def _admin_url(url: str) -> tuple[str, str]:
    """The server's maintenance database URL, and the name of the bench database."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = str(info["dbname"])
    info["dbname"] = "postgres"
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in info.items()}), name


def _recreate(url: str, *, drop_only: bool = False) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _store_corpus(
    conn: psycopg.Connection[Any], source_id: Any, items: list[Item]
) -> dict[str, Any]:
    """Insert the corpus articles with real signatures and band rows; their ids by corpus id."""
    ids: dict[str, Any] = {}
    with conn.cursor() as cur:
        for item in items:
            found = near_duplicates.fingerprint(item.text)
            sig = found.signature
            row = cur.execute(
                "INSERT INTO articles (source_id, title, published_at, content_type, text,"
                " content_hash, outcome, minhash) VALUES (%s, %s, %s, 'text/plain', %s, %s,"
                " 'created', %s) RETURNING id",
                (
                    source_id,
                    item.title,
                    datetime.fromisoformat(item.published_at),
                    item.text,
                    hashlib.sha256(item.text.encode()).digest(),
                    sig.to_bytes(),
                ),
            ).fetchone()
            assert row is not None
            ids[item.id] = row[0]
            with cur.copy("COPY article_bands (band, hash, article_id) FROM STDIN") as copy:
                for band, band_hash in found.keys + found.skeleton_keys:
                    copy.write_row((band, band_hash, row[0]))
    return ids


def _add_filler(conn: psycopg.Connection[Any], source_id: Any, start: int, count: int) -> None:
    """`count` articles with a signature-sized bytea and random 64-bit band hashes for every
    word and skeleton band."""
    conn.execute(
        """
        WITH filler AS (
            INSERT INTO articles (source_id, published_at, content_type, text, content_hash,
                                  outcome, minhash)
            SELECT %(source)s, timestamptz '2020-01-01' + g * interval '30 seconds',
                   'text/plain', 'filler article ' || g, decode(md5('filler' || g), 'hex'),
                   'created', '\\x01'::bytea || decode(repeat(md5(g::text), %(reps)s::int), 'hex')
            FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS g
            RETURNING id
        )
        INSERT INTO article_bands (band, hash, article_id)
        SELECT b, ('x' || substr(md5(filler.id::text || ':' || b), 1, 16))::bit(64)::bigint,
               filler.id
        FROM filler CROSS JOIN (
            SELECT generate_series(0, %(bands)s::int - 1)
            UNION ALL  -- the paraphrase path's skeleton bands
            SELECT %(offset)s::int + generate_series(0, %(skeleton_bands)s::int - 1)
        ) AS bands(b)
        """,
        {
            "source": source_id,
            "start": start,
            "stop": start + count - 1,
            "reps": (SIGNATURE_BYTES - 1) // 16,
            "bands": dedup.BANDS,
            "offset": dedup.BAND_OFFSET,
            "skeleton_bands": dedup.SKELETON_BANDS,
        },
    )


def _drop_band_indexes(conn: psycopg.Connection[Any]) -> None:
    conn.execute("ALTER TABLE article_bands DROP CONSTRAINT pk_article_bands")
    conn.execute("DROP INDEX ix_article_bands_article_id")


def _build_band_indexes(conn: psycopg.Connection[Any]) -> None:
    conn.execute("SET maintenance_work_mem = '1GB'")
    conn.execute(
        "ALTER TABLE article_bands ADD CONSTRAINT pk_article_bands PRIMARY KEY (band, hash, article_id)"
    )
    conn.execute("CREATE INDEX ix_article_bands_article_id ON article_bands (article_id)")


def _probes(stored: list[Item], unseen: list[Item]) -> list[Probe]:
    """Reprints of stored originals and not-stored originals, interleaved."""
    reprints = [Probe(i.text, i.group) for i in stored if i.kind == "reprint"]
    fresh = [Probe(i.text, None) for i in unseen if i.kind == "original"]
    mixed: list[Probe] = []
    for pair in zip(reprints, fresh, strict=False):
        mixed.extend(pair)
    return mixed


def _measure(
    session_factory: Any, probes: list[Probe], ids: dict[str, Any], warmup: int, checks: int
) -> tuple[list[float], list[float], int]:
    """Latencies (ms) of check() and of its pure-Python part, and how many verdicts were right."""
    totals: list[float] = []
    pure: list[float] = []
    correct = 0
    for n in range(warmup + checks):
        probe = probes[n % len(probes)]
        started = time.perf_counter()
        near_duplicates.fingerprint(probe.text)  # both paths' keys
        python_s = time.perf_counter() - started
        session: Session
        with session_factory() as session, session.begin():
            started = time.perf_counter()
            result = near_duplicates.check(session, near_duplicates.fingerprint(probe.text))
            total_s = time.perf_counter() - started
            session.rollback()
        if n < warmup:
            continue
        totals.append(total_s * 1000)
        pure.append(python_s * 1000)
        expected = ids.get(probe.duplicate_of) if probe.duplicate_of is not None else None
        correct += result.duplicate_of == expected
    return totals, pure, correct


def _server_times(session_factory: Any, probes: list[Probe], count: int) -> list[float]:
    """Planning + execution time (ms) PostgreSQL reports for the candidate query of `count`
    checks (EXPLAIN ANALYZE of the statement check() sent): the database's own share, free of
    client-side scheduling delays on a loaded machine."""
    times: list[float] = []
    for probe in probes[:count]:
        session: Session
        with session_factory() as session, session.begin():
            fingerprint = near_duplicates.fingerprint(probe.text)
            near_duplicates.check(session, fingerprint)  # its locks, as in the timed checks
            statement, params = repository.near_duplicate_candidates_query(
                fingerprint.keys + fingerprint.skeleton_keys, dedup.BAND_OFFSET
            )
            plan = session.connection().exec_driver_sql(
                "EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params
            )
            report = plan.scalar_one()[0]
            times.append(report["Planning Time"] + report["Execution Time"])
            session.rollback()
    return times


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("PARLEY_BENCH_DATABASE_URL"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--checks", type=int, default=600, help="timed checks per size")
    parser.add_argument("--warmup", type=int, default=100, help="untimed checks per size")
    parser.add_argument("--stories", type=int, default=1000, help="stored corpus stories")
    parser.add_argument("--explain", type=int, default=200, help="EXPLAIN ANALYZE samples")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    if not args.url:
        print("skipped: pass a PostgreSQL URL or set PARLEY_BENCH_DATABASE_URL (see the docstring)")
        return 0
    url = libpq_url(args.url)
    sizes = sorted(args.sizes)

    corpus = generate(args.stories, seed=20260103)
    stored = [i for i in corpus if i.kind != "reprint"]
    probes = _probes(corpus, generate(max(1, args.checks // 2 + 50), seed=UNSEEN_SEED))
    if sizes[0] < len(stored):
        raise SystemExit(f"the smallest size must hold the {len(stored)} corpus articles")

    _recreate(url)
    engine = create_db_engine(url, Settings())
    results: list[SizeResult] = []
    try:
        upgrade(engine)
        session_factory = create_session_factory(engine)
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute(
                "INSERT INTO sources (key, name) VALUES ('bench', 'Bench') RETURNING id"
            ).fetchone()
            assert row is not None
            source_id = row[0]
            load_started = time.perf_counter()
            with conn.transaction():
                ids = _store_corpus(conn, source_id, stored)
            have = len(stored)
            for size in sizes:
                print(f"loading {size:,} articles …", file=sys.stderr, flush=True)
                _drop_band_indexes(conn)
                with conn.transaction():
                    # the filler's foreign keys are right by construction; skip their triggers
                    conn.execute("SET LOCAL session_replication_role = replica")
                    _add_filler(conn, source_id, have, size - have)
                _build_band_indexes(conn)
                conn.execute("VACUUM ANALYZE articles")
                conn.execute("VACUUM ANALYZE article_bands")
                have = size
                load_s = time.perf_counter() - load_started
                band_rows, bands_bytes, articles_bytes = conn.execute(
                    "SELECT (SELECT count(*) FROM article_bands),"
                    " pg_total_relation_size('article_bands'), pg_total_relation_size('articles')"
                ).fetchone() or (0, 0, 0)
                print(f"  loaded in {load_s:.0f} s; checking …", file=sys.stderr, flush=True)
                totals, pure, correct = _measure(
                    session_factory, probes, ids, args.warmup, args.checks
                )
                server = _server_times(session_factory, probes, args.explain)
                results.append(
                    SizeResult(
                        articles=size,
                        band_rows=band_rows,
                        p50_ms=statistics.median(totals),
                        p95_ms=_p(totals, 0.95),
                        max_ms=max(totals),
                        python_p50_ms=statistics.median(pure),
                        server_p50_ms=statistics.median(server),
                        server_p95_ms=_p(server, 0.95),
                        correct=correct,
                        checks=len(totals),
                        bands_bytes=bands_bytes,
                        articles_bytes=articles_bytes,
                        load_s=load_s,
                    )
                )
                load_started = time.perf_counter()
    finally:
        engine.dispose()
        if not args.keep:
            _recreate(url, drop_only=True)
    _report(results)
    return 0


def _report(results: list[SizeResult]) -> None:
    print(
        f"\nnear_duplicates.check(): {results[0].checks} timed checks per size (half reprints of"
        " stored originals, half unseen stories), each in its own rolled-back transaction\n"
    )
    header = (
        f"{'articles':>10} {'band rows':>11} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'py p50':>7} {'pg p50':>7} {'pg p95':>7} {'verdicts ok':>12} {'bands B/art':>12} {'+sig B':>7} {'load s':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.articles:>10,} {r.band_rows:>11,} {r.p50_ms:7.2f} {r.p95_ms:7.2f} "
            f"{r.max_ms:7.2f} {r.python_p50_ms:7.2f} {r.server_p50_ms:7.2f} {r.server_p95_ms:7.2f} "
            f"{r.correct:>5}/{r.checks:<6} "
            f"{r.bands_bytes / r.articles:12.0f} {SIGNATURE_BYTES:7d} {r.load_s:7.0f}"
        )
    first, last = results[0], results[-1]
    ratio = last.p95_ms / first.p95_ms
    print(
        f"\np95 at {last.articles:,} / p95 at {first.articles:,}: {ratio:.2f}x "
        f"({'meets' if ratio <= TARGET_RATIO else 'MISSES'} <= {TARGET_RATIO}x); "
        f"p95 at {last.articles:,}: {last.p95_ms:.2f} ms "
        f"({'meets' if last.p95_ms <= TARGET_P95_MS else 'MISSES'} <= {TARGET_P95_MS:.0f} ms)"
    )
    print(
        f"candidate query inside PostgreSQL, p95 at {last.articles:,} / at {first.articles:,}: "
        f"{last.server_p95_ms / first.server_p95_ms:.2f}x ({first.server_p95_ms:.2f} -> "
        f"{last.server_p95_ms:.2f} ms); load average now {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"band table incl. indexes at {last.articles:,}: {last.bands_bytes / 2**20:,.0f} MiB, "
        f"{last.bands_bytes / last.articles:,.0f} B per article (+ {SIGNATURE_BYTES} B signature "
        f"in articles.minhash); articles table {last.articles_bytes / 2**20:,.0f} MiB"
    )


if __name__ == "__main__":
    sys.exit(main())
