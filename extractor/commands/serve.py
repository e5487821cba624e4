"""``extractor serve``: the observatory, Datasette over the store (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

SERVE_EXAMPLES = """Examples:

  extractor serve --store extractor.db

  extractor serve --store extractor.db --briefings briefings/ --port 8010

Serves http://127.0.0.1:8001/observatoire (read-only, this machine only unless --host says otherwise)."""


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the main app."""
    app.command("serve", epilog=SERVE_EXAMPLES)(serve)


def serve(
    store: Annotated[Path, typer.Option("--store", help="SQLite store to browse")] = Path(
        "extractor.db"
    ),
    port: Annotated[int, typer.Option("--port", help="TCP port")] = 8001,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="address to listen on; anything but loopback exposes the store"
        ),
    ] = "127.0.0.1",
    briefings: Annotated[
        Path | None,
        typer.Option("--briefings", help="folder written by `extractor brief`, served beside"),
    ] = None,
) -> None:
    """Browse, filter, search and download the store's facts in a web page (read-only)."""
    from ..serve import DATABASE, ServeError, is_loopback
    from ..serve import serve as run

    url_host = f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{port}/{DATABASE}"
    if is_loopback(host):
        typer.echo(
            f"observatory on {url} (loopback only: this machine alone can reach it)", err=True
        )
    else:
        typer.echo(
            f"observatory on {url}: listening on {host}, anyone who reaches this port can "
            "read the whole store (read-only)",
            err=True,
        )
    try:
        run(store, host=host, port=port, briefings=briefings)
    except ServeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
