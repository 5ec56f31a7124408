"""Settings read from `PARLEY_*` environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob Parley reads from its environment; the README documents each one."""

    model_config = SettingsConfigDict(env_prefix="PARLEY_", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL; when unset, an embedded server under `embedded_dir` is used.",
    )
    embedded_dir: Path = Field(
        default=Path(".parley"),
        description="Folder for the embedded database, its socket and the development key.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    pool_size: int = Field(default=10, ge=1, le=200)
    pool_max_overflow: int = Field(default=10, ge=0, le=200)
    pool_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="How long a request waits for a database connection before a 503.",
    )
    db_connect_timeout_s: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="How long opening a database connection may take before the request is "
        "answered 503.",
    )
    statement_timeout_ms: int = Field(default=15_000, ge=0)
    db_keepalives_idle_s: int = Field(
        default=10,
        ge=1,
        le=3600,
        description="Seconds a database connection may be silent before TCP keepalive probes "
        "start (libpq `keepalives_idle`).",
    )
    db_keepalives_interval_s: int = Field(
        default=5,
        ge=1,
        le=600,
        description="Seconds between unanswered keepalive probes (libpq `keepalives_interval`).",
    )
    db_keepalives_count: int = Field(
        default=3,
        ge=1,
        le=100,
        description="Unanswered keepalive probes after which the connection is dead (libpq "
        "`keepalives_count`).",
    )
    db_tcp_user_timeout_ms: int = Field(
        default=20_000,
        ge=0,
        le=3_600_000,
        description="Milliseconds data sent to the database may stay unacknowledged before the "
        "connection is dead (libpq `tcp_user_timeout`; 0 = the kernel's default).",
    )
    max_body_bytes: int = Field(default=2_000_000, ge=1_024)
    unknown_key_cache_s: float = Field(
        default=5.0,
        ge=0,
        le=3600,
        description="How long a process remembers that a key hash is unknown (0 = never).",
    )
    key_rate_per_s: float = Field(
        default=1000.0,
        ge=0,
        description="Requests a second each API key may make on average, per process (0 = no "
        "limit).",
    )
    key_burst: int = Field(
        default=2000, ge=1, description="Requests an API key may make at once, per process."
    )
    header_timeout_s: float = Field(
        default=5.0,
        gt=0,
        le=300,
        description="How long a client may take to send a request's line and headers.",
    )
    keep_alive_s: int = Field(
        default=5, ge=1, le=300, description="How long an idle keep-alive connection is kept."
    )
    limit_concurrency: int = Field(
        default=1000,
        ge=0,
        description="Connections plus requests in progress a worker takes before answering "
        "503 (0 = no limit).",
    )
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR|CRITICAL)$")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
