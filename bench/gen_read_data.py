"""Builds the read-benchmark database of issue 4: 100,000 meetings, ~1,000,000 participations,
200,000 statements, 5,000 participants, 10,000 articles and the evidence spans that give
meetings and participations their sources.

Everything is set-based SQL (`INSERT … SELECT … generate_series`) run by PostgreSQL itself, after
the project's own migrations, so a full build takes about a minute. Shapes meant to be realistic
for the read paths:

- meetings dated over 2000–2026 (3 % undated), eight kinds, a few hundred cities;
- ~10 participants per meeting: two drawn with a strong skew from the 500 "prominent"
  participants (countries and leaders: the busiest one is in ~9 % of all meetings), the other
  eight uniformly from all 5,000 (a typical participant is in ~200 meetings);
- 1–3 articles report each meeting, and each participation is named by 1–3 of them;
- statements by skewed speakers, half of them tied to a meeting.

Ids are `md5(tag || n)::uuid`, so they are stable across runs with the same sizes.

    .venv/bin/python bench/gen_read_data.py postgresql://postgres@127.0.0.1:5432/parley_bench \
        [--recreate] [--meetings 100000] [--participants 5000] [--articles 10000] \
        [--statements 200000]
"""

import argparse
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.core.config import Settings  # noqa: E402
from service.core.db import create_db_engine, libpq_url  # noqa: E402
from service.core.migrations import upgrade  # noqa: E402

KINDS = (
    "summit",
    "ministerial",
    "advisers",
    "military-chiefs",
    "bilateral",
    "call",
    "talks",
    "other",
)

# Each step is one statement; {name} placeholders take the sizes. Ids are md5-derived uuids so
# later steps can refer to "meeting n" without a lookup table.
STEPS: tuple[tuple[str, str], ...] = (
    (
        "sources",
        """
        INSERT INTO sources (id, key, name, domain)
        SELECT md5('s' || n)::uuid, 'outlet-' || n || '.example', 'Outlet ' || n,
               'outlet-' || n || '.example'
        FROM generate_series(1, 50) AS n
        """,
    ),
    (
        "participants",
        """
        INSERT INTO participants (id, type, name)
        SELECT md5('p' || n)::uuid,
               CASE WHEN n <= 200 THEN 'country'
                    WHEN n % 10 = 0 THEN 'organization' ELSE 'person' END,
               CASE WHEN n <= 200 THEN 'Country ' || n
                    WHEN n % 10 = 0 THEN 'Organisation ' || n
                    ELSE (ARRAY['Anna','Boris','Chen','Dmytro','Emma','Farid','Giulia','Hiro',
                                'Ines','Jonas'])[1 + n % 10] || ' '
                         || (ARRAY['Kowalski','Lindqvist','Moreau','Nakamura','Okafor',
                                   'Petrenko','Quispe','Rossi','Schmidt','Tanaka','Usman',
                                   'Varga'])[1 + (n / 10) % 12] || ' ' || n END
        FROM generate_series(1, {participants}) AS n
        """,
    ),
    (
        "participant_aliases",
        """
        INSERT INTO participant_aliases (participant_id, alias, normalized, origin)
        SELECT id, name, lower(name), 'canonical' FROM participants
        """,
    ),
    (
        "articles",
        """
        INSERT INTO articles (id, source_id, external_id, url, canonical_url, title, published_at,
                              language, content_type, text, content_hash, outcome)
        SELECT md5('a' || n)::uuid, md5('s' || (1 + n % 50))::uuid, 'ext-' || n,
               'https://outlet-' || (1 + n % 50) || '.example/news/' || n,
               'https://outlet-' || (1 + n % 50) || '.example/news/' || n,
               'Leaders meet as talks resume, report ' || n,
               timestamptz '2000-01-01 06:00Z'
                   + (n::float8 / {articles}) * interval '26 years',
               'en', 'text/plain',
               'Report ' || n || ': officials met for talks on security and trade. '
                   || repeat('The delegations discussed the agenda at length. ', 8),
               decode(md5('a' || n), 'hex'), 'created'
        FROM generate_series(1, {articles}) AS n
        """,
    ),
    (
        "meetings",
        """
        INSERT INTO meetings (id, title, kind, series, status, start_date, end_date,
                              date_precision, city, country)
        SELECT md5('m' || n)::uuid,
               initcap(k.kind) || ' in City ' || (1 + n % 300) || ' (' || n || ')',
               k.kind,
               CASE WHEN n % 20 = 0 THEN 'Series ' || (1 + n % 40) END,
               CASE WHEN n % 50 = 0 THEN 'planned' WHEN n % 97 = 0 THEN 'cancelled'
                    ELSE 'held' END,
               d.day,
               CASE WHEN d.day IS NOT NULL AND n % 7 = 0 THEN d.day + 1 END,
               CASE WHEN d.day IS NULL THEN 'unknown' WHEN n % 11 = 0 THEN 'month'
                    ELSE 'day' END,
               CASE WHEN n % 13 <> 0 THEN 'City ' || (1 + n % 300) END,
               CASE WHEN n % 17 <> 0 THEN chr(65 + n % 26) || chr(65 + (n / 26) % 26) END
        FROM generate_series(1, {meetings}) AS n
        CROSS JOIN LATERAL (SELECT ({kinds}::text[])[1 + (n * 7) % 8] AS kind) AS k
        CROSS JOIN LATERAL (
            SELECT CASE WHEN n % 33 = 0 THEN NULL
                        ELSE date '2000-01-01' + (random() * 9490)::int END AS day
        ) AS d
        """,
    ),
    (
        "meeting_participations",
        # 12 candidates per meeting (2 skewed to the prominent 500, 10 uniform), the first 10
        # distinct ones kept; the first is the host
        """
        INSERT INTO meeting_participations (meeting_id, participant_id, role, mode)
        SELECT md5('m' || m)::uuid, md5('p' || p)::uuid,
               CASE WHEN rank = 1 THEN 'host' ELSE 'attendee' END,
               (ARRAY['in_person','in_person','in_person','virtual','unknown'])[1 + (m + p) % 5]
        FROM (
            SELECT m, p, row_number() OVER (PARTITION BY m ORDER BY first_slot) AS rank
            FROM (
                SELECT m, p, min(slot) AS first_slot
                FROM (
                    SELECT m, slot,
                           CASE WHEN slot <= 2
                                THEN 1 + floor(500 * random() ^ 2)::int
                                ELSE 1 + floor({participants} * random())::int END AS p
                    FROM generate_series(1, {meetings}) AS m,
                         generate_series(1, 12) AS slot
                ) AS candidates
                GROUP BY m, p
            ) AS distinct_candidates
        ) AS ranked
        WHERE rank <= 10
        """,
    ),
    (
        "evidence_spans (meetings)",
        # meeting n is reported by 1–3 articles published around its number's place in time
        """
        INSERT INTO evidence_spans (article_id, span_start, span_end, meeting_id)
        SELECT md5('a' || (1 + (n * {articles}::bigint / {meetings} + j * 37)
                           % {articles}))::uuid,
               j * 100, j * 100 + 60, md5('m' || n)::uuid
        FROM generate_series(1, {meetings}) AS n,
             generate_series(0, 2) AS j
        WHERE j <= n % 3
        """,
    ),
    (
        "evidence_spans (participations)",
        # each participation is named in the meeting's first article, and in each other one
        # with probability 1/2
        """
        INSERT INTO evidence_spans (article_id, span_start, span_end, participation_id)
        SELECT es.article_id, es.span_start + 10, es.span_start + 30, mp.id
        FROM meeting_participations AS mp
        JOIN evidence_spans AS es ON es.meeting_id = mp.meeting_id
        WHERE es.span_start = 0 OR (mp.id + es.span_start / 100) % 2 = 0
        """,
    ),
    (
        "statements",
        """
        INSERT INTO statements (id, text, speaker_id, said_on, channel, meeting_id)
        SELECT md5('t' || n)::uuid,
               (ARRAY['We agreed to continue the talks','Security guarantees were discussed',
                      'Trade and energy cooperation will deepen',
                      'There can be no peace without justice',
                      'The ceasefire must hold'])[1 + n % 5]
                   || ', the speaker said in remarks numbered ' || n || '.',
               md5('p' || (1 + floor({participants} * random() ^ 3)::int))::uuid,
               date '2000-01-01' + (n::float8 / {statements} * 9490)::int,
               (ARRAY['x','telegram','press_conference','interview','statement','unknown'])
                   [1 + n % 6],
               CASE WHEN n % 2 = 0
                    THEN md5('m' || (1 + (n / 2) % {meetings}))::uuid END
        FROM generate_series(1, {statements}) AS n
        """,
    ),
)


def _recreate(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = str(info["dbname"])
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def build(url: str, sizes: dict[str, int], *, recreate: bool) -> None:
    url = libpq_url(url)
    if recreate:
        _recreate(url)
    engine = create_db_engine(url, Settings(database_url=url))
    upgrade(engine)
    engine.dispose()
    params: dict[str, object] = {**sizes, "kinds": list(KINDS)}
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT count(*) FROM meetings").fetchone() != (0,):
            raise SystemExit("the database already holds meetings; pass --recreate to rebuild it")
        # a bulk load of rows consistent by construction: skip the per-row FK triggers
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("SET work_mem = '256MB'")
        for name, statement in STEPS:
            step = time.perf_counter()
            query = sql.SQL(statement).format(**{k: sql.Literal(v) for k, v in params.items()})
            count = conn.execute(query).rowcount
            print(f"{name:34} {count:>10,} rows  {time.perf_counter() - step:6.1f} s", flush=True)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        step = time.perf_counter()
        conn.execute("VACUUM (ANALYZE)")
        print(f"{'vacuum analyze':34} {'':>10}       {time.perf_counter() - step:6.1f} s")
    print(f"built in {time.perf_counter() - started:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="PostgreSQL URL of the database to fill")
    parser.add_argument("--recreate", action="store_true", help="drop and create the database")
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=200_000)
    args = parser.parse_args()
    sizes = {
        "meetings": args.meetings,
        "participants": args.participants,
        "articles": args.articles,
        "statements": args.statements,
    }
    build(args.url, sizes, recreate=args.recreate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
