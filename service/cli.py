"""The `parley` command: serve, migrate, seed, reprocess, keys and openapi."""

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import FrameType

from service import serving
from service.apikey import service as apikeys
from service.article import seeding
from service.article import service as articles
from service.core import metrics
from service.core.auth import Scope, hash_token
from service.core.config import Settings, get_settings
from service.core.db import Units, create_db_engine, create_session_factory, transaction
from service.core.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres
from service.core.logging import configure_logging
from service.core.migrations import upgrade
from service.core.private_file import write_private
from service.core.progress import progress

OPENAPI_PATH = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
DEV_KEY_NAME = "development"
DEV_KEY_SCOPES = [Scope.READ, Scope.ARTICLES_WRITE, Scope.ADMIN]


def _terminate(signum: int, _frame: FrameType | None) -> None:
    # SIGTERM's default kills the process outright; as an exception, cleanup (stopping the
    # embedded server) still runs
    raise SystemExit(128 + signum)


@contextmanager
def database(settings: Settings) -> Iterator[tuple[str, bool]]:
    """The database URL to use, and whether it is the embedded default (held while inside)."""
    if settings.database_url is not None:
        yield settings.database_url, False
        return
    embedded = EmbeddedPostgres(settings.embedded_dir)
    url = embedded.acquire()
    try:
        yield url, True
    finally:
        embedded.release()


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        upgrade(engine)
        engine.dispose()
    print("database schema is at the latest revision", file=sys.stderr)
    return 0


def cmd_seed(settings: Settings, args: argparse.Namespace) -> int:
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        directory = Path(args.dir)
        with progress("seed", len(seeding.seed_files(directory))) as advance:
            report = seeding.load(Units(create_session_factory(engine)), directory, advance)
        engine.dispose()
    print(f"seeds: {json.dumps(report.outcomes, sort_keys=True)}", file=sys.stderr)
    return 0


# a pass over every article; passes repeat until one changes nothing, up to this many
REPROCESS_MAX_PASSES = 3


def cmd_reprocess(settings: Settings, _: argparse.Namespace) -> int:
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        factory = create_session_factory(engine)
        with transaction(factory) as session:
            before = articles.corpus_counts(session)
            ids = articles.stored_ids(session)
        started = time.monotonic()
        units = Units(factory)
        passes = 0
        counts = before
        while passes < REPROCESS_MAX_PASSES:
            passes += 1
            with progress("reprocess", len(ids)) as advance:
                for article_id in ids:
                    # one transaction per article, retried when it loses a conflict with a
                    # concurrent ingest: a failure stops the run, never half-rebuilds one
                    units.run(partial(articles.reprocess, article_id=article_id))
                    advance()
            with transaction(factory) as session:
                previous, counts = counts, articles.corpus_counts(session)
            # names learnt from later articles reach earlier ones only in another pass: stop
            # when a pass changed nothing, so a second `parley reprocess` has nothing to do
            if counts == previous:
                break
        engine.dispose()
    elapsed = time.monotonic() - started
    changes = ", ".join(f"{k} {before[k]} → {counts[k]}" for k in before)
    print(
        f"reprocessed {len(ids)} articles in {passes} pass(es), {elapsed:.1f} s: {changes}",
        file=sys.stderr,
    )
    return 0


def cmd_keys_create(settings: Settings, args: argparse.Namespace) -> int:
    scopes = [Scope(s) for s in args.scope]
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        try:
            with transaction(create_session_factory(engine)) as session:
                issued = apikeys.create(session, args.name, scopes)
        except apikeys.KeyNameTaken as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    print(f"created key {issued.id} ({issued.prefix}…); it is shown only once", file=sys.stderr)
    print(issued.token)
    return 0


def cmd_keys_revoke(settings: Settings, args: argparse.Namespace) -> int:
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        try:
            with transaction(create_session_factory(engine)) as session:
                revoked = apikeys.revoke(session, args.key)
        except (apikeys.KeyNotFound, apikeys.AmbiguousKey) as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    print(f"revoked {revoked}", file=sys.stderr)
    return 0


def cmd_keys_list(settings: Settings, _: argparse.Namespace) -> int:
    with database(settings) as (url, _embedded):
        engine = create_db_engine(url, settings)
        with transaction(create_session_factory(engine)) as session:
            keys = apikeys.list_all(session)
        engine.dispose()
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        print(f"{key.id}  {key.prefix}…  {key.name}  {','.join(key.scopes)}  {state}")
    return 0


def cmd_openapi(_settings: Settings, args: argparse.Namespace) -> int:
    from service.main import create_app  # the app is only needed here

    document = create_app().openapi()
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_openapi(document), encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return 0


def render_openapi(document: dict[str, object]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _prepare_embedded(settings: Settings, url: str, *, seed: bool) -> None:
    """The development default: migrate, seed an empty database, make sure a dev key exists."""
    engine = create_db_engine(url, settings)
    upgrade(engine)
    factory = create_session_factory(engine)
    with transaction(factory) as session:
        empty = not articles.any_stored(session)
    if seed and empty:
        report = seeding.load(Units(factory))
        print(f"loaded seeds: {json.dumps(report.outcomes, sort_keys=True)}", file=sys.stderr)
    key_file = settings.embedded_dir / "dev-key"
    with transaction(factory) as session:
        current = key_file.read_text().strip() if key_file.exists() else ""
        if current and apikeys.find_active_key(session, hash_token(current)) is not None:
            print(f"development key: in {key_file}", file=sys.stderr)
        else:
            # the old development key's token is lost with its file: revoke it, so the name
            # (unique among active keys) is free for the new one
            with contextlib.suppress(apikeys.KeyNotFound):
                apikeys.revoke(session, DEV_KEY_NAME)
            issued = apikeys.create(session, DEV_KEY_NAME, DEV_KEY_SCOPES)
            write_private(key_file, issued.token + "\n")
            print(f"development key (also in {key_file}): {issued.token}", file=sys.stderr)
    engine.dispose()


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    host = args.host or settings.host
    port = args.port or settings.port
    workers = args.workers or settings.workers
    with database(settings) as (url, embedded):
        if embedded:
            _prepare_embedded(settings, url, seed=not args.no_seed)
            # workers (and the app factory) read the URL of the server this process holds
            os.environ["PARLEY_DATABASE_URL"] = url
        print(f"serving on http://{host}:{port}", file=sys.stderr)
        with _metrics_shared_by(workers):
            return serving.serve(host, port, workers)


@contextmanager
def _metrics_shared_by(workers: int) -> Iterator[None]:
    """Several workers write their metrics to one fresh folder, so a scrape of any of them
    reports all (unless the operator chose the folder)."""
    if workers == 1 or os.environ.get(metrics.MULTIPROCESS_DIR_ENV):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="parley-metrics-") as folder:
        os.environ[metrics.MULTIPROCESS_DIR_ENV] = folder
        try:
            yield
        finally:
            del os.environ[metrics.MULTIPROCESS_DIR_ENV]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parley", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", help="bind address (default PARLEY_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default PARLEY_PORT or 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default PARLEY_WORKERS)")
    serve.add_argument("--no-seed", action="store_true", help="do not load seeds/")
    serve.set_defaults(handler=cmd_serve)

    commands.add_parser("migrate", help="upgrade the schema to the latest revision").set_defaults(
        handler=cmd_migrate
    )

    seed = commands.add_parser("seed", help="ingest the seed articles (idempotent)")
    seed.add_argument("--dir", default=str(seeding.SEEDS_DIR), help="seeds folder")
    seed.set_defaults(handler=cmd_seed)

    commands.add_parser(
        "reprocess", help="re-extract every stored article and rebuild derived records"
    ).set_defaults(handler=cmd_reprocess)

    keys = commands.add_parser("keys", help="manage API keys").add_subparsers(
        dest="keys_command", required=True
    )
    create = keys.add_parser("create", help="create a key; prints it once on stdout")
    create.add_argument("--name", required=True)
    create.add_argument("--scope", action="append", required=True, choices=[s.value for s in Scope])
    create.set_defaults(handler=cmd_keys_create)
    revoke = keys.add_parser(
        "revoke", help="revoke one active key by id, name or prefix (an ambiguous one is refused)"
    )
    revoke.add_argument("key")
    revoke.set_defaults(handler=cmd_keys_revoke)
    keys.add_parser("list", help="list keys (never the keys themselves)").set_defaults(
        handler=cmd_keys_list
    )

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(OPENAPI_PATH))
    openapi.set_defaults(handler=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    settings = get_settings()
    configure_logging(settings.log_level)
    try:
        code: int = args.handler(settings, args)
    except KeyboardInterrupt:
        code = 130
    except EmbeddedDatabaseError as error:
        # a setup problem the user fixes (no URL and no extra, a folder it cannot use): the
        # message says what to do, a traceback would only bury it
        print(f"parley: {error}", file=sys.stderr)
        code = 1
    return code


if __name__ == "__main__":
    sys.exit(main())
