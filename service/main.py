"""The FastAPI application: lifespan, middleware, problem handlers and routers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import Engine
from starlette.middleware.gzip import GZipMiddleware

from service.apikey.service import find_active_key
from service.article.router import router as article_router
from service.change.router import router as change_router
from service.core.auth import KeyBudget, KeyCache
from service.core.config import Settings, get_settings
from service.core.connect_gate import ConnectGate
from service.core.db import create_db_engine, create_session_factory
from service.core.docs_pages import DOCS_URL, REDOC_URL, install_docs
from service.core.embedded_db import EmbeddedPostgres
from service.core.etag import ETagMiddleware
from service.core.head import HeadAsGetMiddleware
from service.core.logging import configure_logging
from service.core.middleware import (
    BodyLimitMiddleware,
    ConcurrencyLimitMiddleware,
    RequestIdMiddleware,
)
from service.core.openapi import TAGS, install_openapi, package_version
from service.core.problem_render import install_problem_handlers
from service.core.query_params import reject_unknown_query_parameters
from service.core.security_headers import SecurityHeadersMiddleware
from service.core.sql_reads import PooledSqlReads, create_read_pool
from service.core.storable import StorableTextMiddleware
from service.extraction import warm_up
from service.health.router import router as health_router
from service.meeting.router import router as meeting_router
from service.participant.router import router as participant_router
from service.statement.router import router as statement_router

# answers smaller than this gain little from gzip; zlib's default level, since 9 costs far more
# CPU for a few per cent
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 6

DESCRIPTION = """Parley turns news articles into a clean record of meetings, participants and
statements. Authenticate with `Authorization: Bearer <key>`; errors are RFC 9457 problem
documents; lists are keyset-paginated with an opaque `cursor`."""


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the app. Without `engine`, it connects at startup to the configured database,
    or to the embedded one when no URL is configured."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm_up()  # the gazetteers, before the first article rather than during it
        if engine is not None:
            app.state.engine = engine
            async with _read_pool(app, engine.url.render_as_string(hide_password=False)):
                yield
            return
        embedded = None
        url = settings.database_url
        if url is None:
            embedded = EmbeddedPostgres(settings.embedded_dir)
            url = embedded.acquire()
        own_engine = create_db_engine(url, settings, app.state.connect_gate)
        app.state.engine = own_engine
        app.state.session_factory = create_session_factory(own_engine)
        try:
            async with _read_pool(app, url):
                yield
        finally:
            own_engine.dispose()
            if embedded is not None:
                embedded.release()

    @asynccontextmanager
    async def _read_pool(app: FastAPI, url: str) -> AsyncIterator[None]:
        pool = create_read_pool(url, settings, app.state.connect_gate)
        await pool.open()
        app.state.sql_reads = PooledSqlReads(pool)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="Parley",
        version=package_version(),
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        dependencies=[Depends(reject_unknown_query_parameters)],
        # served by install_docs from packaged assets, not from a CDN
        docs_url=None,
        redoc_url=None,
    )
    if engine is not None:
        app.state.engine = engine
        app.state.session_factory = create_session_factory(engine)
    # one per process: both pools learn at once that the database is down, or back
    app.state.connect_gate = ConnectGate(settings.db_connect_timeout_s)
    app.state.key_lookup = find_active_key
    app.state.key_cache = KeyCache(unknown_seconds=settings.unknown_key_cache_s)
    app.state.key_budget = KeyBudget(settings.key_rate_per_s, settings.key_burst)
    install_problem_handlers(app)
    # outermost last: request ids must wrap everything, including 413 answers
    # innermost: a request waiting for admission holds no connection and no thread
    app.add_middleware(
        ConcurrencyLimitMiddleware, limit=settings.pool_size + settings.pool_max_overflow
    )
    # inside the ETags, which are hashes of the bytes sent: a gzipped answer has a tag of its
    # own, and a plain tag never validates a gzipped answer or the reverse (zlib's output is
    # the same for the same body, so a gzipped answer's tag is as stable as a plain one's)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(ETagMiddleware)
    # inside the body limit, which bounds what it reads; outside admission, so a refused
    # request never waits for a slot
    app.add_middleware(StorableTextMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        SecurityHeadersMiddleware,
        docs_paths=(DOCS_URL, REDOC_URL),
    )
    # inside the request id (which logs the HEAD as such), outside all that answers a GET
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.include_router(health_router)
    app.include_router(article_router)
    app.include_router(meeting_router)
    app.include_router(participant_router)
    app.include_router(statement_router)
    app.include_router(change_router)
    install_docs(app)
    install_openapi(app)
    return app


def app_factory() -> FastAPI:
    """Entry point for uvicorn (`--factory`), configured from the environment."""
    settings = get_settings()
    configure_logging(settings.log_level)
    return create_app(settings)
