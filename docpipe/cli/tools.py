"""Developer tools: ``eval``, ``preview``, ``schemas``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from docpipe.cli._common import (
    BaseUrlOpt,
    EngineOpt,
    ModelOpt,
    _settings,
    app,
    err,
    out,
)
from docpipe.errors import UsageError
from docpipe.safe_text import markup_safe


@app.command("eval")
def eval_command(
    directory: Annotated[Path, typer.Argument(help="Folder with documents and *.truth.json")],
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-document lines")] = False,
) -> None:
    """Score extraction against ground truth: per field, per document type."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder")
    from docpipe.evaluate import evaluate

    report = evaluate(directory, _settings(engine=engine, vlm_model=model, vlm_base_url=base_url))
    if not report.documents:
        raise UsageError(f"{directory}: no documents with a *.truth.json file found")
    if as_json:
        out.print_json(json.dumps(report.to_json()))
        return
    fields = Table(title="fields", show_edge=False)
    for column in ("field", "n", "correct", "missing", "wrong", "accuracy"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for s in report.by_field():
        fields.add_row(
            markup_safe(s.field),
            str(s.total),
            str(s.correct),
            str(s.missing),
            str(s.wrong),
            f"{s.accuracy:.1%}",
        )
    out.print(fields)
    groups = Table(title="by document type and folder", show_edge=False)
    for column in ("group", "fields", "correct", "missing", "wrong", "accuracy"):
        groups.add_column(column, justify="left" if column == "group" else "right")
    for kind, scores in (("type", report.by("truth_type")), ("folder", report.by("group"))):
        for key, s in scores.items():
            groups.add_row(
                markup_safe(f"{kind}: {key}"),
                str(s.total),
                str(s.correct),
                str(s.missing),
                str(s.wrong),
                f"{s.accuracy:.1%}",
            )
    out.print(groups)
    for group, c in report.clause_detection().items():
        out.print(
            f"clauses in {group}: detected {int(c['detected'])}/{int(c['expected'])} "
            f"({c['rate']:.1%}), precision {c['precision']:.1%}"
        )
    for path in report.status_mismatches:
        out.print(
            "[yellow]status differs from the truth file's expect_status:[/yellow] "
            + markup_safe(str(path))
        )
    if verbose:
        for d in report.documents:
            bad = [p for p, o in d.outcomes.items() if o != "correct"]
            line = f"{d.path}: {d.correct}/{len(d.outcomes)} {' '.join(bad[:8])}"
            out.print(line, markup=False)
    total = report.total
    out.print(
        f"documents: {len(report.documents)}  document type accuracy: "
        f"{report.doc_type_accuracy:.1%}  field accuracy: {total.accuracy:.2%} "
        f"({total.correct}/{total.total}; missing {total.missing}, wrong {total.wrong})"
    )


@app.command()
def preview(
    xml: Annotated[Path, typer.Argument(help="e-Fatura/e-Arşiv UBL-TR XML file")],
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF to write")],
) -> None:
    """Render an e-invoice XML to PDF with the print design (XSLT) it carries, sandboxed."""
    from docpipe.ingest import read_bytes
    from docpipe.preview import render_preview

    settings = _settings()
    output.write_bytes(render_preview(read_bytes(xml, settings), settings))
    out.print(f"wrote {output}", markup=False)


@app.command()
def schemas(
    directory: Annotated[Path, typer.Argument(help="Where to write the JSON Schemas")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the files are out of date")
    ] = False,
) -> None:
    """Write (or check) the JSON Schema of every record type."""
    from docpipe.schemas.export import check_schemas, write_schemas

    if check:
        stale = check_schemas(directory)
        if stale:
            err.print(
                f"out of date: {', '.join(stale)}; regenerate with `docpipe schemas {directory}`",
                markup=False,
            )
            raise typer.Exit(1)
        out.print(f"schemas in {directory} are up to date", markup=False)
        return
    for path in write_schemas(directory):
        out.print(f"wrote {path}", markup=False)
