"""The KVKK marks of a record model, read back from its JSON Schema.

Every leaf field carries ``x-kvkk`` (see ``docpipe.schemas.common.kvkk``). This
module walks a JSON Schema (the exported contract itself, so what a back office
reads and what docpipe redacts cannot differ) and lists each leaf with its
mark. A leaf is a property that is not an object: strings, numbers, dates,
enums, and lists of those (``mrz_lines``: each item is the leaf). Paths use
``*`` for "every item of this list": ``line_items.*.description``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from docpipe.schemas.common import KVKK_CLASSES

NEEDS_ENTITY = ("personal", "personal_if_person", "special")


@dataclass(frozen=True)
class FieldMark:
    path: tuple[str, ...]
    mark: str | None  # None: the field has no mark (a defect: tests/test_kvkk_marks.py)
    entity: str | None = None
    party: str | None = None
    clear: bool = False

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def leaf_marks(json_schema: dict[str, Any]) -> list[FieldMark]:
    """Every leaf property of ``json_schema`` with its mark, in schema order (depth first)."""
    out: list[FieldMark] = []
    _walk(json_schema, json_schema.get("$defs", {}), (), out)
    return out


@cache
def schema_marks(model: type[BaseModel]) -> tuple[FieldMark, ...]:
    """The marks of a record model, as its exported JSON Schema carries them."""
    return tuple(leaf_marks(model.model_json_schema(mode="serialization")))


def mark_problems(json_schema: dict[str, Any]) -> list[str]:
    """What is wrong with the marks of a schema: one line per leaf (no values, paths only)."""
    problems = []
    for leaf in leaf_marks(json_schema):
        if leaf.mark not in KVKK_CLASSES:
            problems.append(f"{leaf.dotted}: no x-kvkk mark (one of {', '.join(KVKK_CLASSES)})")
        elif leaf.mark in NEEDS_ENTITY and not (leaf.entity or leaf.clear):
            problems.append(f"{leaf.dotted}: {leaf.mark} needs an entity type or clear=True")
    return problems


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        return _resolve(branches[0], defs)
    return node


def _walk(
    node: dict[str, Any], defs: dict[str, Any], prefix: tuple[str, ...], out: list[FieldMark]
) -> None:
    for name, prop in node.get("properties", {}).items():
        path = (*prefix, name)
        target = _resolve(prop, defs)
        if "properties" in target:
            _walk(target, defs, path, out)
            continue
        if target.get("type") == "array":
            item = _resolve(target.get("items", {}), defs)
            if "properties" in item:
                _walk(item, defs, (*path, "*"), out)
                continue
            path = (*path, "*")
        out.append(
            FieldMark(
                path,
                prop.get("x-kvkk"),
                prop.get("x-kvkk-entity"),
                prop.get("x-kvkk-party"),
                bool(prop.get("x-kvkk-clear", False)),
            )
        )
