"""Loading `seeds/` through the same ingest path as `POST /v1/articles`."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from service.article import service
from service.article.schemas import ArticleCreate
from service.core.db import Units
from service.core.resources import shipped
from service.participant import service as participants

SEEDS_DIR = shipped("seeds")


@dataclass
class SeedReport:
    outcomes: dict[str, int] = field(default_factory=dict)
    organizations: int = 0

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def seed_files(directory: Path = SEEDS_DIR) -> list[Path]:
    return sorted((directory / "articles").glob("*.json"))


def _nothing() -> None:
    pass


def load(
    units: Units, directory: Path = SEEDS_DIR, advance: Callable[[], None] = _nothing
) -> SeedReport:
    """Store the organisation gazetteer, then ingest every seed article; already-stored ones
    come back as duplicates. Each article is its own transaction, as through the API, so
    seeding a live database takes each ingest's locks before its first write (no deadlock with
    concurrent pushes) and a conflict retries one article, not the whole load. `advance` is
    called after each article (the CLI's progress)."""
    report = SeedReport()
    report.organizations = units.run(participants.load_gazetteer)
    for path in seed_files(directory):
        payload = ArticleCreate.model_validate(json.loads(path.read_text(encoding="utf-8")))
        reply = units.run(partial(service.ingest, payload=payload, api_key_id=None))
        report.add(str(reply.body["outcome"]))
        advance()
    return report
