"""`GET /metrics`: Prometheus text with requests per route template and status, latencies and
ingest outcomes; with several workers, any worker reports all of them."""

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]


def _samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["cache-control"] == "no-store"
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_by_route_template(client: TestClient, auth: Auth) -> None:
    headers = auth()
    before = _samples(client)
    client.get("/v1/meetings", headers=headers)
    client.get("/v1/meetings/00000000-0000-0000-0000-000000000001", headers=headers)
    client.get("/no/such/path")
    after = _samples(client)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    total = "parley_http_requests_total"
    assert grew(total, method="GET", route="/v1/meetings", status="200") == 1
    assert grew(total, method="GET", route="/v1/meetings/{meeting_id}", status="404") == 1
    assert grew(total, method="GET", route="unmatched", status="404") == 1
    latency = "parley_http_request_duration_seconds_count"
    assert grew(latency, method="GET", route="/v1/meetings") == 1
    assert not any("00000000-0000" in str(labels) for _, labels in after)


def test_ingest_outcomes_are_counted(client: TestClient, auth: Auth) -> None:
    headers = auth()
    payload = article_payload()
    before = _samples(client)
    client.post("/v1/articles", json=payload, headers=headers)
    client.post("/v1/articles", json=payload, headers=headers)
    client.post("/v1/articles/batch", json={"articles": [article_payload(), {}]}, headers=headers)
    after = _samples(client)

    name = "parley_articles_ingested_total"
    grew = {
        outcome: _value(after, name, outcome=outcome) - _value(before, name, outcome=outcome)
        for outcome in ("created", "duplicate", "rejected")
    }
    assert grew == {"created": 2, "duplicate": 1, "rejected": 1}


def test_workers_share_their_metrics(tmp_path: Path) -> None:
    worker = textwrap.dedent(
        """
        from service.core import metrics
        metrics.count_ingested("created")
        """
    )
    scrape = textwrap.dedent(
        """
        from service.core import metrics
        print(metrics.render()[0].decode())
        """
    )
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": ""}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", worker], env=env, check=True)
    shown = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, capture_output=True, text=True
    ).stdout

    assert 'parley_articles_ingested_total{outcome="created"} 2.0' in shown
