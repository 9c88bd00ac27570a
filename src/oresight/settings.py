"""Configuration from the environment: where the store lives, which backend, API keys."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir


def _default_home() -> Path:
    return Path(os.environ.get("ORESIGHT_HOME") or user_data_dir("oresight", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Resolved settings; read once per process through :func:`get_settings`."""

    home: Path = field(default_factory=_default_home)
    backend: str = field(default_factory=lambda: os.environ.get("ORESIGHT_BACKEND", "duckdb"))
    spark_master: str = field(
        default_factory=lambda: os.environ.get("ORESIGHT_SPARK_MASTER", "local[2]")
    )
    comtrade_api_key: str | None = field(
        default_factory=lambda: os.environ.get("COMTRADE_API_KEY") or None
    )

    @property
    def database_path(self) -> Path:
        return self.home / "oresight.duckdb"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


def get_settings() -> Settings:
    return Settings()
