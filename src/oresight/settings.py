"""Configuration from the environment, read in one place.

Every ``ORESIGHT_*`` variable (and ``COMTRADE_API_KEY``) is a field here; the pillars ask
:func:`get_settings` rather than reading the environment themselves, so the README's
configuration table and this class can be checked against each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from oresight.errors import InputError


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _default_home() -> Path:
    return Path(_env("ORESIGHT_HOME") or user_data_dir("oresight", appauthor=False))


def _default_memory_limit() -> str:
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "4GiB"
    return f"{max(1, total // 3 // 2**20)}MiB"


def _port(name: str, default: int) -> int:
    value = _env(name)
    if value is None:
        return default
    if not value.isdigit() or not 0 < int(value) < 65536:
        from oresight.errors import InputError

        raise InputError(f"not a port number: {value!r}", field=name)
    return int(value)


def _paths(name: str) -> tuple[Path, ...]:
    value = _env(name)
    return tuple(Path(p) for p in value.split(os.pathsep) if p) if value else ()


# Host names that reach this machine only: the API's trusted hosts unless configured.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def _words(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = _env(name)
    return tuple(w for w in value.replace(",", " ").split() if w) if value else default


def _int(name: str, default: int) -> int:
    value = _env(name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise InputError(f"{name}={value!r} is not a whole number", field=name) from exc


def _float(name: str, default: float) -> float:
    value = _env(name)
    try:
        return float(value) if value else default
    except ValueError as exc:
        raise InputError(f"{name}={value!r} is not a number", field=name) from exc


@dataclass(frozen=True)
class Settings:
    """Resolved settings; read per call through :func:`get_settings` so tests can set them."""

    home: Path = field(default_factory=_default_home)
    # The country a question is about when none is named (the API's routes, the rules'
    # timeline): data, not code; the default is the first case, the DPRK.
    default_country: str = field(
        default_factory=lambda: (_env("ORESIGHT_DEFAULT_COUNTRY") or "PRK").upper()
    )
    backend: str = field(default_factory=lambda: _env("ORESIGHT_BACKEND") or "duckdb")
    spark_master: str = field(default_factory=lambda: _env("ORESIGHT_SPARK_MASTER") or "local[2]")
    parquet_url: str | None = field(default_factory=lambda: _env("ORESIGHT_PARQUET_URL"))
    comtrade_api_key: str | None = field(default_factory=lambda: _env("COMTRADE_API_KEY"))
    comtrade_url: str | None = field(default_factory=lambda: _env("ORESIGHT_COMTRADE_URL"))
    screening_lists: tuple[Path, ...] = field(
        default_factory=lambda: _paths("ORESIGHT_SCREENING_LISTS")
    )
    groups_file: Path | None = field(
        default_factory=lambda: Path(v) if (v := _env("ORESIGHT_GROUPS")) else None
    )
    chromium: str | None = field(default_factory=lambda: _env("ORESIGHT_CHROMIUM"))
    # DuckDB's memory cap per session (readers and the writer): a file that would need more
    # fails with a clear error instead of taking the machine; default a third of its memory
    memory_limit: str = field(
        default_factory=lambda: _env("ORESIGHT_MEMORY_LIMIT") or _default_memory_limit()
    )
    # watch alerts by email (the email sink is on when host and recipients are set)
    smtp_host: str | None = field(default_factory=lambda: _env("ORESIGHT_SMTP_HOST"))
    smtp_port: int = field(default_factory=lambda: _port("ORESIGHT_SMTP_PORT", 25))
    smtp_user: str | None = field(default_factory=lambda: _env("ORESIGHT_SMTP_USER"))
    smtp_password: str | None = field(default_factory=lambda: _env("ORESIGHT_SMTP_PASSWORD"))
    smtp_from: str = field(
        default_factory=lambda: _env("ORESIGHT_SMTP_FROM") or "oresight@localhost"
    )
    smtp_to: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            a.strip() for a in (_env("ORESIGHT_SMTP_TO") or "").split(",") if a.strip()
        )
    )
    smtp_starttls: bool = field(
        default_factory=lambda: (_env("ORESIGHT_SMTP_STARTTLS") or "").lower() in ("1", "true")
    )
    # The HTTP API (`oresight serve`): see ARCHITECTURE.md, api, for why each default.
    api_token: str | None = field(default_factory=lambda: _env("ORESIGHT_API_TOKEN"))
    api_trusted_hosts: tuple[str, ...] = field(
        default_factory=lambda: _words("ORESIGHT_API_TRUSTED_HOSTS", LOOPBACK_NAMES)
    )
    api_max_body_bytes: int = field(
        default_factory=lambda: _int("ORESIGHT_API_MAX_BODY_BYTES", 1_000_000)
    )
    api_timeout_seconds: float = field(
        default_factory=lambda: _float("ORESIGHT_API_TIMEOUT_SECONDS", 30.0)
    )
    api_cache_entries: int = field(default_factory=lambda: _int("ORESIGHT_API_CACHE_ENTRIES", 256))
    api_compute_threads: int = field(
        default_factory=lambda: _int("ORESIGHT_API_COMPUTE_THREADS", 2)
    )
    api_version_check_seconds: float = field(
        default_factory=lambda: _float("ORESIGHT_API_VERSION_CHECK_SECONDS", 1.0)
    )

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


def get_settings() -> Settings:
    return Settings()


def country_or_default(country: str | None) -> str:
    """The asked country, or the configured default (``ORESIGHT_DEFAULT_COUNTRY``); read per
    call, so a server started with another default answers for it."""
    return country or get_settings().default_country
