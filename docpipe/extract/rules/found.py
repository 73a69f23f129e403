"""A value found on the page together with the run it was read from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docpipe.document import Evidence
from docpipe.text.layout import Run, union_bbox

ENGINE = "rules"
# a value computed from others (an end date from the start and the term), not printed
DERIVED = "rules-derived"


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    runs: tuple[Run, ...]
    score: float = 1.0
    derived: bool = False  # computed from other fields, not printed: evidence says so

    def evidence(self) -> Evidence:
        engine = DERIVED if self.derived else ENGINE
        words = [w for r in self.runs for w in r.words]
        if not words:
            return Evidence(engine=engine, confidence=round(self.score, 3))
        page = self.runs[0].page
        on_page = [w for r in self.runs if r.page == page for w in r.words]
        conf = min(w.conf for w in words) * self.score
        return Evidence(
            page=page,
            bbox=union_bbox(on_page),
            source_text=" ".join(r.text for r in self.runs)[:2000],
            engine=engine,
            confidence=round(max(0.0, min(1.0, conf)), 3),
        )


class Fields:
    """Dotted path -> Found, turned into a nested dict and an evidence map."""

    def __init__(self) -> None:
        self.items: dict[str, Found] = {}

    def set(self, path: str, found: Found | None) -> None:
        if found is not None and found.value is not None and path not in self.items:
            self.items[path] = found

    def nested(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path, found in self.items.items():
            _assign(out, path.split("."), found.value)
        return _lists(out)

    def evidence(self) -> dict[str, Evidence]:
        return {path: found.evidence() for path, found in self.items.items()}


def _assign(tree: dict[str, Any], keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        tree = tree.setdefault(key, {})
    tree[keys[-1]] = value


def _lists(tree: Any) -> Any:
    """Turn dicts keyed "0", "1", … into lists."""
    if not isinstance(tree, dict):
        return tree
    converted = {k: _lists(v) for k, v in tree.items()}
    if converted and all(k.isdigit() for k in converted):
        return [converted[k] for k in sorted(converted, key=int)]
    return converted


def trim_to_bounds(fields: Fields, schema: type) -> list[str]:
    """Cut printed text that overflows the schema's length bound (a 41-character phone
    line) to the bound, with its confidence halved, instead of losing the field or the
    record; returns the paths trimmed. ``schema`` is a pydantic model class."""
    bounds = _bounds_of(schema)
    trimmed = []
    for path, found in list(fields.items.items()):
        limit = bounds.get(_INDEX.sub(".*", path))
        if limit is not None and isinstance(found.value, str) and len(found.value) > limit:
            value = found.value[:limit].rstrip()
            fields.items[path] = Found(value, found.runs, found.score * 0.5)
            trimmed.append(path)
    return trimmed


_INDEX = re.compile(r"\.\d+(?=\.|$)")


@lru_cache(maxsize=8)
def _bounds_of(schema: type) -> dict[str, int]:
    return _string_bounds(schema.model_json_schema())


def _string_bounds(js: dict[str, Any]) -> dict[str, int]:
    """Dotted path (list indexes as ``*``) -> maxLength of every bounded string."""
    defs = js.get("$defs", {})
    out: dict[str, int] = {}

    def walk(node: dict[str, Any], path: str) -> None:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        for option in node.get("anyOf", ()):
            walk(option, path)
        if node.get("type") == "string" and "maxLength" in node:
            out[path] = node["maxLength"]
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], f"{path}.*")
        for name, child in node.get("properties", {}).items():
            walk(child, f"{path}.{name}" if path else name)

    walk(js, "")
    return out
