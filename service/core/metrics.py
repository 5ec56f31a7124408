"""Prometheus metrics: requests per route and status, their latency, requests in flight,
articles ingested per outcome and extractor failures; `render` writes them for `GET /metrics`.

With several uvicorn workers, each is its own process: `parley serve` then points
PROMETHEUS_MULTIPROC_DIR at a fresh folder, the workers write their samples there, and a scrape
of any worker sums them all.
"""

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "parley_http_requests_total",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "parley_http_request_duration_seconds",
    "Time from a request's arrival to its last response byte, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
IN_FLIGHT = Gauge(
    "parley_http_requests_in_flight",
    "Requests being handled right now (admitted or waiting for admission).",
    multiprocess_mode="livesum",
)
INGESTED = Counter(
    "parley_articles_ingested_total",
    "Pushed articles by outcome: created, near_duplicate, duplicate, or rejected (a batch item "
    "that failed; a failed single push shows in parley_http_requests_total). Replays of an "
    "Idempotency-Key are not counted again.",
    ["outcome"],
)

EXTRACTION_FAILURES = Counter(
    "parley_extraction_failures_total",
    "Articles stored without records because the extractor raised (logged as "
    "extraction.failed); `parley reprocess` derives them once the extractor is fixed.",
)

UNMATCHED = "unmatched"


def observe_request(method: str, route: str | None, status: int, seconds: float) -> None:
    """Record one answered request; `route` is the matched path template (ids never become
    label values, so the series stay few)."""
    route = route or UNMATCHED
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


def count_ingested(outcome: str) -> None:
    INGESTED.labels(outcome).inc()


def count_extraction_failure() -> None:
    EXTRACTION_FAILURES.inc()


def render() -> tuple[bytes, str]:
    """The exposition text and its content type: every worker's samples when several run."""
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def forget_process(pid: int) -> None:
    """Drop a dead worker's live gauges (its in-flight requests) from the shared folder."""
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
