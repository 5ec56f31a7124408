"""The raw baseline of the read benchmark (issue 4): a bare Starlette app with a psycopg 3 async
connection pool and orjson, answering `GET /v1/meetings/{id}` and
`GET /v1/meetings?limit=&participant=` with the same JSON content as Parley.

It reads the same rows through the same indexes as Parley's `service/meeting/read_sql.py`,
but as plain rows turned into JSON by orjson, four queries for a detail as a straightforward
implementation would send (Parley sends one, with PostgreSQL rendering the JSON), with no ORM, no pydantic, no auth, no transaction around the reads and no
middleware: the floor that Parley's framework costs are measured against. `bench/read_api.py`
starts it with the same uvicorn settings as `parley serve`:

    BENCH_DATABASE_URL=postgresql://… .venv/bin/uvicorn bench.read_baseline:app --workers 1
"""

import base64
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

POOL_SIZE = 10

MEETING = """
SELECT id, title, kind, series, status, start_date, end_date, date_precision, city, country
FROM meetings WHERE id = %s
"""
PARTICIPATIONS = """
SELECT p.id, p.name, p.type, mp.role, mp.mode,
       (SELECT array_agg(DISTINCT es.article_id ORDER BY es.article_id)
        FROM evidence_spans AS es WHERE es.participation_id = mp.id) AS sources
FROM meeting_participations AS mp JOIN participants AS p ON p.id = mp.participant_id
WHERE mp.meeting_id = %s
ORDER BY mp.role DESC, p.name
"""
SOURCES = """
SELECT a.id, a.title, s.name AS source_name, a.published_at
FROM articles AS a JOIN sources AS s ON s.id = a.source_id
WHERE a.id IN (SELECT article_id FROM evidence_spans WHERE meeting_id = %s)
ORDER BY a.published_at, a.id
"""
STATEMENT_COUNT = "SELECT count(*) AS n FROM statements WHERE meeting_id = %s"
LIST_BY_PARTICIPANT = """
SELECT m.id, m.title, m.kind, m.series, m.status, m.start_date, m.end_date, m.date_precision,
       m.city, m.country,
       (SELECT count(*) FROM meeting_participations AS c WHERE c.meeting_id = m.id)
           AS participant_count
FROM meeting_participations AS mp JOIN meetings AS m ON m.id = mp.meeting_id
WHERE mp.participant_id = %s
ORDER BY coalesce(mp.meeting_start_date, '-infinity'::date) DESC, mp.meeting_id DESC
LIMIT %s
"""

_OPTIONS = orjson.OPT_UTC_Z  # pydantic writes UTC as "Z"

pool = AsyncConnectionPool(
    os.environ.get("BENCH_DATABASE_URL", ""),
    min_size=POOL_SIZE,
    max_size=POOL_SIZE,
    kwargs={"autocommit": True},
    open=False,
)


async def _rows(
    conn: AsyncConnection[Any], query: str, params: tuple[Any, ...]
) -> list[dict[str, Any]]:
    async with conn.cursor(row_factory=dict_row) as cursor:
        await cursor.execute(query, params)
        return await cursor.fetchall()


def _json(content: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(content, option=_OPTIONS), status, media_type="application/json")


def _not_found() -> Response:
    return _json({"status": 404, "title": "Not found"}, 404)


async def get_meeting(request: Request) -> Response:
    try:
        meeting_id = uuid.UUID(request.path_params["meeting_id"])
    except ValueError:
        return _json({"status": 422, "title": "Unprocessable"}, 422)
    async with pool.connection() as conn:
        found = await _rows(conn, MEETING, (meeting_id,))
        if not found:
            return _not_found()
        participations = await _rows(conn, PARTICIPATIONS, (meeting_id,))
        sources = await _rows(conn, SOURCES, (meeting_id,))
        count = await _rows(conn, STATEMENT_COUNT, (meeting_id,))
    meeting = found[0]
    meeting["participant_count"] = len(participations)
    meeting["participants"] = [
        {
            "participant": {"id": row["id"], "name": row["name"], "type": row["type"]},
            "role": row["role"],
            "mode": row["mode"],
            "source_count": len(row["sources"] or ()),
            "sources": row["sources"] or [],
        }
        for row in participations
    ]
    meeting["sources"] = sources
    meeting["statement_count"] = count[0]["n"]
    return _json(meeting)


def _cursor(*values: str | None) -> str:
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def list_meetings(request: Request) -> Response:
    try:
        limit = int(request.query_params.get("limit", "50"))
        participant = uuid.UUID(request.query_params["participant"])
    except (KeyError, ValueError):
        return _json({"status": 422, "title": "Unprocessable"}, 422)
    async with pool.connection() as conn:
        rows = await _rows(conn, LIST_BY_PARTICIPANT, (participant, limit + 1))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        start = last["start_date"].isoformat() if last["start_date"] else None
        # as Parley's cursors: the list they belong to first (service/core/pagination.py)
        next_cursor = _cursor("meetings", start, str(last["id"]))
    return _json({"data": rows, "next_cursor": next_cursor})


@asynccontextmanager
async def lifespan(_: Starlette) -> AsyncIterator[None]:
    await pool.open(wait=True)
    try:
        yield
    finally:
        await pool.close()


app = Starlette(
    routes=[
        Route("/v1/meetings", list_meetings),
        Route("/v1/meetings/{meeting_id}", get_meeting),
    ],
    lifespan=lifespan,
)
