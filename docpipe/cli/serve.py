"""``docpipe serve``: the HTTP API (and the review page) on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from docpipe.cli._common import DatabaseOpt, _settings, app, err


@app.command()
def serve(
    db: DatabaseOpt = None,
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default: api_host, 127.0.0.1)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: api_port, 8000)")] = None,
) -> None:
    """Serve the HTTP API: uploads, documents, review decisions, exports (OpenAPI at
    /openapi.json). Needs a token: DOCPIPE_API_TOKEN or api_tokens."""
    import uvicorn

    from docpipe.api import create_app

    settings = _settings(database_url=db, api_host=host, api_port=port)
    application = create_app(settings)  # no token: one line, nothing started
    if settings.api_host not in ("127.0.0.1", "::1", "localhost"):
        err.print(
            f"docpipe: serving on {settings.api_host}: put TLS in front of it "
            "(a reverse proxy); bearer tokens travel in every request",
            markup=False,
        )
    uvicorn.run(
        application,
        host=settings.api_host,
        port=settings.api_port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
    )
