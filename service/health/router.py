"""`/healthz` (the process answers), `/readyz` (database reachable, schema at head) and
`/metrics` (Prometheus)."""

import logging

import psycopg
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from psycopg_pool import PoolTimeout
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from service.core import metrics
from service.core.errors import ServiceUnavailable, problem_responses
from service.core.migrations import head_revision, known_revisions
from service.core.sql_reads import SqlReadsDep
from service.health import repository

router = APIRouter(tags=["health"])
logger = logging.getLogger(__name__)


class Health(BaseModel):
    """The process answers."""

    status: str = Field(description="Always `ok`.", examples=["ok"])


class Readiness(BaseModel):
    """The service can serve: its database answers at a schema it knows."""

    status: str = Field(description="Always `ok` (otherwise the answer is a 503 problem).")
    schema_revision: str = Field(description="The database's alembic revision.")


@router.get("/healthz", summary="Liveness probe", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get(
    "/readyz", summary="Readiness probe", response_model=Readiness, responses=problem_responses(503)
)
async def readyz(request: Request, reads: SqlReadsDep) -> Readiness:
    """The database answers through both of the process's pools (SQLAlchemy's and the hot
    reads') and its schema is at this code's latest migration, or at a later one this code
    does not know: during a rolling upgrade the new release migrates first, and the old pods
    must keep serving (migrations stay compatible with the release before)."""
    try:
        revision = await run_in_threadpool(repository.schema_revision, request.app.state.engine)
        await repository.ping_hot_reads(reads)
    except (SQLAlchemyError, psycopg.Error, PoolTimeout) as exc:
        logger.warning("readyz.database_unreachable", extra={"error": type(exc).__name__})
        raise ServiceUnavailable(
            "the database is unreachable", headers={"Retry-After": "2"}
        ) from None
    head = head_revision()
    if revision is None or (revision != head and revision in known_revisions()):
        raise ServiceUnavailable(f"the schema is at {revision or 'nothing'}, not at {head}")
    return Readiness(status="ok", schema_revision=revision)


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics() -> Response:
    """Prometheus exposition: requests, latencies, requests in flight, ingest outcomes."""
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)
