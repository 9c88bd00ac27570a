"""`oresight serve`: the REST API and the web dashboard on one port.

Beyond loopback the API serves anyone who can reach the port: it then wants a bearer token
(``ORESIGHT_API_TOKEN``), or ``--insecure`` to say that this is intended.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from oresight.errors import InputError


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app."""
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    """``host`` reaches this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, *, token: str | None, insecure: bool) -> str | None:
    """Refuse to listen beyond loopback without a token; a warning to print, if any."""
    if is_loopback(host) or token:
        return None
    if not insecure:
        raise InputError(
            f"--host {host} listens beyond loopback: set ORESIGHT_API_TOKEN (clients send "
            "'Authorization: Bearer <token>'), or pass --insecure to serve without one",
            field="host",
        )
    return (
        f"warning: serving on {host} WITHOUT authentication (--insecure): anyone who can reach "
        "this port can read the store and the lists"
    )


def _listening_names(host: str) -> tuple[str, ...]:
    """The address to trust as a Host header besides the configured ones (not a wildcard)."""
    try:
        if ipaddress.ip_address(host.strip("[]")).is_unspecified:
            return ()
    except ValueError:
        pass
    return (host.strip("[]"),)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    insecure: Annotated[
        bool,
        typer.Option(help="Listen beyond loopback without ORESIGHT_API_TOKEN (prints a warning)"),
    ] = False,
) -> None:
    """Serve the REST API (docs at /docs) and the dashboard (at /)."""
    import uvicorn

    from oresight.api import create_app
    from oresight.settings import get_settings

    settings = get_settings()
    warning = check_exposure(host, token=settings.api_token, insecure=insecure)
    if warning:
        typer.echo(warning, err=True)
    if not is_loopback(host):
        typer.echo(
            "trusted Host names: "
            + ", ".join((*settings.api_trusted_hosts, *_listening_names(host)))
            + " (set ORESIGHT_API_TRUSTED_HOSTS to the names clients use)",
            err=True,
        )
    app = create_app(extra_hosts=_listening_names(host))
    typer.echo(f"oresight API and dashboard on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
