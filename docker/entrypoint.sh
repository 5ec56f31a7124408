#!/bin/sh
# Container entrypoint: refuse to start without PARLEY_DATABASE_URL (the image has no embedded
# PostgreSQL), then replace this shell with `parley`, so parley is PID 1 and receives SIGTERM.
set -eu

case "${1:-}" in
    openapi | -h | --help) ;;
    *)
        if [ -z "${PARLEY_DATABASE_URL:-}" ]; then
            echo "parley: PARLEY_DATABASE_URL is not set; the container needs an external PostgreSQL" >&2
            exit 64
        fi
        ;;
esac

exec parley "$@"
