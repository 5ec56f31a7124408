"""The floor under `ingest_throughput`: the same batch endpoint with no extraction and no merge.

Same stack as Parley's `POST /v1/articles/batch` — FastAPI, a sync route in the thread pool,
pydantic validation of every item with Parley's `ArticleCreate`, Parley's text cleaning and
content hash, SQLAlchemy over psycopg, one transaction per item — but each item only inserts
its cleaned text into one table (exact duplicates by external id answered `duplicate`). What it
reaches on this machine, under the same load generator, bounds what any ingest with durable
per-item writes can reach here; `ingest_throughput --modes floor` runs it as its baseline.

Served by `uvicorn ingest_floor:app --app-dir bench`, database from PARLEY_DATABASE_URL.
"""

import os
import uuid
from typing import Any

from fastapi import Body, FastAPI
from pydantic import ValidationError
from sqlalchemy import create_engine, text

from service.article.cleaning import content_hash, normalize_text
from service.article.schemas import ArticleCreate
from service.core.db import sqlalchemy_url

engine = create_engine(sqlalchemy_url(os.environ["PARLEY_DATABASE_URL"]), pool_size=8)
with engine.begin() as setup:
    # every worker runs this at import: one at a time, or their CREATEs collide
    setup.execute(text("SELECT pg_advisory_xact_lock(7405)"))
    setup.execute(
        text(
            """
            CREATE TABLE IF NOT EXISTS floor_articles (
                id uuid PRIMARY KEY,
                external_id text UNIQUE,
                title text,
                published_at timestamptz NOT NULL,
                text text NOT NULL,
                content_hash bytea NOT NULL
            )
            """
        )
    )
_INSERT = text(
    """
    INSERT INTO floor_articles (id, external_id, title, published_at, text, content_hash)
    VALUES (:id, :external_id, :title, :published_at, :text, :content_hash)
    ON CONFLICT (external_id) DO NOTHING
    RETURNING id
    """
)

app = FastAPI()


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/v1/articles/batch")
def ingest_batch(payload: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    results: list[dict[str, Any]] = []
    for index, item in enumerate(payload["articles"]):
        try:
            article = ArticleCreate.model_validate(item)
        except ValidationError:
            results.append({"index": index, "status": 422, "result": None})
            continue
        cleaned = normalize_text(article.body)
        with engine.begin() as connection:
            row = connection.execute(
                _INSERT,
                {
                    "id": uuid.uuid4(),
                    "external_id": article.external_id,
                    "title": article.title,
                    "published_at": article.published_at,
                    "text": cleaned,
                    "content_hash": content_hash(cleaned),
                },
            ).first()
        outcome = "created" if row is not None else "duplicate"
        results.append({"index": index, "status": 201, "result": {"outcome": outcome}})
    return {"results": results}
