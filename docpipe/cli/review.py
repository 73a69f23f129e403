"""Review commands: ``docpipe review export-truth``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from docpipe.cli._common import DatabaseOpt, _settings, app, err, open_store, out

review_app = typer.Typer(
    help="Reviewed documents (the review page and API: `docpipe serve`).", no_args_is_help=True
)
app.add_typer(review_app, name="review")


@review_app.command("export-truth")
def export_truth(
    folder: Annotated[Path, typer.Argument(help="Folder to write into (created, owner only)")],
    db: DatabaseOpt = None,
) -> None:
    """Write approved and corrected records as `docpipe eval` truth files beside copies of
    their originals, so `docpipe eval FOLDER` scores the pipeline against your own
    corrections. The truth files hold the ORIGINAL personal values (from the vault: it
    needs the vault key): your own data, written readable only by you into the folder
    you name; keep it as you keep the documents."""
    from docpipe.review.truth import export_truth as write_truth

    settings = _settings(database_url=db)
    with open_store(settings.database_url) as store:
        report = write_truth(store, settings, folder, actor=_actor())
    for line in report.skipped:
        err.print(f"! {line}", markup=False)
    out.print(
        f"wrote {len(report.written)} truth files to {folder}; "
        f"score them with `docpipe eval {folder}`",
        markup=False,
    )


def _actor() -> str:
    from docpipe.kvkk import current_actor

    return current_actor()
