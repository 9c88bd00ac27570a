"""`oresight serve`: the REST API and the web dashboard on one port."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app."""
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
) -> None:
    """Serve the REST API (docs at /docs) and the dashboard (at /)."""
    import uvicorn

    from oresight.api import create_app

    typer.echo(f"oresight API and dashboard on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
