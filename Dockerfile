# syntax=docker/dockerfile:1
# The Parley API image. Build:  docker build -t parley:0.1.0 .
#
# Two stages: `build` installs the dependencies (from requirements.lock alone, so editing the
# source does not reinstall them) and then the project, not editable; the runtime stage copies
# only the virtual environment, without pip, and runs as an unprivileged user.
#
# The image never starts the embedded PostgreSQL: PARLEY_DATABASE_URL is required, and the schema
# is migrated by `parley migrate` run once per release (the Helm chart's pre-install/pre-upgrade
# Job, helm/parley/templates/migration-job.yaml), never by `parley serve`.

ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

# a current pip: older ones (23.2, which ensurepip bundles with early 3.11 releases) misread
# `lxml[html_clean]` (justext, under trafilatura), leave lxml_html_clean out, and then
# `import trafilatura` fails
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir --upgrade "pip>=25,<27"

WORKDIR /app

# Dependencies first, from the lock (pinned, with hashes: two builds get the same bytes), so this
# layer is cached until the lock changes. Only the runtime ones: the embedded PostgreSQL is an
# extra a container never installs. `make lock` regenerates the lock from pyproject.toml.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY alembic ./alembic
COPY seeds ./seeds
COPY service ./service
# Not editable: the package goes into site-packages, and alembic/ and seeds/ (pyproject's
# data-files) under /opt/venv/share/parley, where service/core/resources.py finds them (pip has
# compiled site-packages; the migrations are compiled here, the root filesystem being read-only
# at run time). Then the
# installers leave the venv: the runtime stage copies it whole and has no pip (nor anything
# pip would need).
RUN pip install --no-cache-dir --no-deps . \
    && python -m compileall -q /opt/venv/share/parley \
    && pip uninstall --yes pip setuptools wheel \
    && rm -f /opt/venv/bin/pip /opt/venv/bin/pip3*


FROM ${PYTHON_IMAGE} AS runtime

# Bytecode is compiled at build time; the root filesystem is read-only in the cluster.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PARLEY_HOST=0.0.0.0 \
    PARLEY_PORT=8000

RUN groupadd --system --gid 10001 parley \
    && useradd --system --uid 10001 --gid parley --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin parley

COPY --from=build /opt/venv /opt/venv
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/parley-entrypoint

# numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd
USER 10001:10001

# the default of PARLEY_PORT; another one is served (and probed below) as set
EXPOSE 8000

# Kubernetes uses its own probes (the chart's /healthz and /readyz); this one serves plain Docker.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PARLEY_PORT', '8000') + '/healthz', timeout=4)"]

# Exec form, and the entrypoint script `exec`s parley: parley is PID 1 and gets SIGTERM itself,
# so uvicorn drains in-flight requests (up to 20 s) before the process exits.
ENTRYPOINT ["parley-entrypoint"]
# host and port from PARLEY_HOST and PARLEY_PORT (above, or -e at `docker run`), the ones the
# HEALTHCHECK probes
CMD ["serve"]
