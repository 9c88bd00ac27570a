"""Monitor routes: placeholder until the monitor pillar's public function lands."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["monitor"])
