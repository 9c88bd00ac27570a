"""The HTTP layer: a FastAPI app over the pillars' public functions, plus the web dashboard.

Like the CLI it holds no logic: every route calls ``oresight.Store``, ``oresight.rules``,
``oresight.screening``, ``oresight.monitor`` or ``oresight.offers`` and returns their JSON.
"""

from oresight.api.app import create_app

__all__ = ["create_app"]
