"""Typed factories for test data."""

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from service.apikey import service as apikeys
from service.core.auth import Scope

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"

_counter = 0


def make_key(session: Session, scopes: tuple[Scope, ...]) -> str:
    global _counter
    _counter += 1
    return apikeys.create(session, f"test-{_counter}", list(scopes)).token


def article_payload(**overrides: Any) -> dict[str, Any]:
    """A valid ingest body; every call gives a body of its own unless `body` is overridden."""
    global _counter
    _counter += 1
    payload: dict[str, Any] = {
        "source": {"name": "Wire Service", "domain": "wire.example"},
        "title": "Foreign ministers meet in Vienna",
        "published_at": "2026-03-04T10:00:00Z",
        "body": (
            f"VIENNA, Austria – Foreign ministers met on Tuesday (story {_counter}).\n"
            '"We agreed on the next steps," the chair told reporters.'
        ),
        "language": "en",
        "authors": ["A. Reporter"],
    }
    payload.update(overrides)
    return payload


def seed_payloads() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.json"))]
