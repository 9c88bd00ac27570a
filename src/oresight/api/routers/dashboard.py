"""The web dashboard (placeholder until the monitor pillar lands)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["dashboard"])
