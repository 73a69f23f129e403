"""Turn an engine's raw field values into a typed record without losing the rest.

A value the schema rejects (an 8-digit "VKN", a date in the year 3000) is
dropped with its evidence and reported by path and reason, so one bad value
costs one field, not the whole record; the validation stage turns the
rejections into failed checks and the record into ``needs_review``.
Reasons come from pydantic without the input value (no personal data).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from docpipe.document import Evidence
from docpipe.schemas import SchemaModel


def build_record(
    schema: type[SchemaModel], data: dict[str, Any], evidence: dict[str, Evidence]
) -> tuple[SchemaModel, dict[str, Evidence], dict[str, str]]:
    """(record, evidence for the fields kept, rejected path -> reason)."""
    rejected: dict[str, str] = {}
    for _ in range(200):
        try:
            record = schema.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_input=False, include_url=False)
            progressed = False
            for err in errors:
                path = [str(p) for p in err["loc"]]
                if _remove(data, path):
                    dotted = ".".join(path)
                    rejected[dotted] = err["msg"]
                    progressed = True
            if not progressed:
                raise
            continue
        kept = {
            path: ev
            for path, ev in evidence.items()
            if not any(path == r or path.startswith(r + ".") for r in rejected)
        }
        return record, kept, rejected
    raise RuntimeError("record could not be built")  # pragma: no cover - bounded loop


def _remove(data: Any, path: list[str]) -> bool:
    """Delete ``path`` from nested dicts/lists; for a required field, drop its parent."""
    node = data
    for key in path[:-1]:
        if isinstance(node, list):
            index = int(key)
            if index >= len(node):
                return False
            node = node[index]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return False
    last = path[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, dict) and len(path) > 1:
        # a missing required field: remove the object that lacks it
        return _remove(data, path[:-1])
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node.pop(int(last))
        return True
    return False


def read_values(*raw: Any) -> tuple[tuple[str, str], ...]:
    """(dotted path, value as text) for every scalar an engine read, before the schema
    judged it: values it then rejected are here too, so that the redaction finds them in
    the page text (``Extraction.read``). Taken before ``build_record``, which drops them."""
    out: dict[tuple[str, str], None] = {}
    for data in raw:
        for path, value in leaves(data).items():
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                text = str(value).strip()
                if text:
                    out[(path, text)] = None
    return tuple(out)


def leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted path -> value for every leaf of a JSON-mode record (``line_items.0.amount``)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(leaves(inner, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {}
        for i, inner in enumerate(value):
            out.update(leaves(inner, f"{prefix}.{i}" if prefix else str(i)))
        return out
    return {prefix: value}
