"""JSON Schema files for back offices that do not speak Python.

``schemas/<name>.json`` is generated from the Pydantic models by
``docpipe schemas``; a test fails when the checked-in files drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from docpipe.schemas import EXPORTED


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, deterministic."""
    return {
        f"{name}.json": json.dumps(
            model.model_json_schema(mode="serialization"),
            indent=2,
            ensure_ascii=False,
            sort_keys=True,
        )
        + "\n"
        for name, model in EXPORTED.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_schemas(directory: Path) -> list[str]:
    """Names of the schema files that are missing or differ from the models."""
    stale = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
