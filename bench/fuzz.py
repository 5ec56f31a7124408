"""The long schemathesis run (`make fuzz`, a few minutes): every phase, every operation.

Like the fault suite (bench/faults.py) it starts a private PostgreSQL of its own in a temporary
folder, migrates a database, creates an admin key, runs `parley serve --workers 2` on it and
pushes a small mixed corpus, so that reads, curation and the change feed have data and links to
follow. Then schemathesis runs the examples, coverage, fuzzing and stateful phases against the
served OpenAPI document with every check but those bench/schemathesis.toml turns off (the
bounded run in `make test`, tests/test_schemathesis.py, reads it too), `--max-examples` per
operation (600 by default: over 10,000 requests). Printed: schemathesis' summary (its whole
output is kept in `parley-fuzz-report.txt` in the temporary folder), the requests it sent (counted in its HAR report), and the requests the server
counted (its own `parley_http_requests_total`, both workers) per status. Exit status 1 when
schemathesis reports a failure, any answer was a 5xx, or fewer than `--min-requests` (10,000)
were sent.

    .venv/bin/python bench/fuzz.py [--max-examples 600] [--seed 20260115] [--workers 2]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from faults import VENV_BIN, Cluster, mixed_corpus

# which checks run, and the exceptions by design, for this run and the bounded one
CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"
# route templates hold braces themselves ("/v1/meetings/{meeting_id}")
_SAMPLE = re.compile(r"^parley_http_requests_total\{(?P<labels>.*)\} (?P<value>\S+)$")


def answered(base: str) -> Counter[str]:
    """Requests the server answered so far, per status."""
    text = httpx.get(f"{base}/metrics", timeout=30).text
    statuses: Counter[str] = Counter()
    for line in text.splitlines():
        match = _SAMPLE.match(line)
        if match is None:
            continue
        status = re.search(r'status="(\d+)"', match["labels"])
        statuses[status.group(1) if status else "?"] += int(float(match["value"]))
    return statuses


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=600, help="per operation and phase")
    parser.add_argument("--seed", type=int, default=20260115)
    parser.add_argument("--workers", type=int, default=2, help="server workers")
    parser.add_argument(
        "--min-requests", type=int, default=10_000, help="fewer sent is a failed run"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parley-fuzz-") as tmp:
        # the server's user must reach its folder when this runs as root
        os.chmod(tmp, 0o755)  # noqa: S103 - a folder of throwaway test data
        cluster = Cluster(Path(tmp))
        try:
            key = cluster.create("fuzz")
            with cluster.serving("fuzz", workers=args.workers) as base:
                headers = {"Authorization": f"Bearer {key}"}
                with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
                    for payload in mixed_corpus(8):
                        http.post("/v1/articles", json=payload).raise_for_status()
                har = Path(tmp) / "requests.har"
                before = answered(base)
                run = subprocess.run(
                    [
                        str(VENV_BIN / "schemathesis"),
                        "--config-file",
                        str(CONFIG),
                        "run",
                        f"{base}/openapi.json",
                        "--header",
                        f"Authorization: Bearer {key}",
                        "--phases",
                        "examples,coverage,fuzzing,stateful",
                        "--max-examples",
                        str(args.max_examples),
                        # one thread: with two, CPython 3.11's compiler fails inside
                        # hypothesis now and then ("AST constructor recursion depth mismatch")
                        "--workers",
                        "1",
                        "--report",
                        "har",
                        "--report-har-path",
                        str(har),
                        "--seed",
                        str(args.seed),
                        "--generation-database",
                        "none",
                        "--no-color",
                        "--request-timeout",
                        "30",
                    ],
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                after = answered(base)
                sent = len(json.loads(har.read_text())["log"]["entries"]) if har.exists() else 0
        finally:
            cluster.close()
    report = Path(tempfile.gettempdir()) / "parley-fuzz-report.txt"
    report.write_text(run.stdout)
    print(run.stdout[-8000:])
    if run.stderr.strip():
        print(run.stderr[-2000:], file=sys.stderr)
    during = after - before
    by_class = Counter(f"{status[0]}xx" for status in during.elements())
    server_errors = sum(n for status, n in during.items() if status.startswith("5"))
    print(f"schemathesis' whole output: {report}")
    print(f"requests schemathesis sent (its HAR report): {sent}")
    print(f"requests the server counted (parley_http_requests_total): {sum(during.values())}")
    print(f"per status class: {dict(sorted(by_class.items()))}")
    print(f"per status: {dict(sorted(during.items()))}")
    print(f"schemathesis exit status: {run.returncode}; 5xx answers: {server_errors}")
    ok = run.returncode == 0 and server_errors == 0 and sent >= args.min_requests
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
