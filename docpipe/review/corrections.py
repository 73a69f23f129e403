"""A reviewer's corrections applied to a record, and the checks run again at once.

Input: the record with its original values (the stored one with the vault's
originals put back), ``{dotted path: value}`` and the checks stored with it.
Output: the corrected record (normalised by the family's schema: "1234,5" is
not guessed at; the schema decides what a value may be), the paths whose value
changed, and the new checks. Only the family's validators run again (the same
``validate_record`` the pipeline runs); checks that came from reading the file
(the karekod, a model's disagreement with the rules, a rejected value) stay,
except on a field the reviewer set: a person has now decided that value.
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Any

from pydantic import ValidationError

from docpipe.families import SCHEMA_BY_DOC_TYPE
from docpipe.result import Check
from docpipe.review.errors import InvalidCorrection
from docpipe.validate import validate_record

Scalar = str | int | float | bool | None

_SEGMENT = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]{0,63}|\d{1,4})$")
MAX_DEPTH = 6
MAX_FIELDS = 200


def check_changes(changes: dict[str, Any]) -> dict[str, Scalar]:
    """The corrections if well formed: dotted paths of names and list indices, scalar
    values (``None`` removes a field); InvalidCorrection (naming the path) if not."""
    if not changes:
        raise InvalidCorrection("no field to correct was given")
    if len(changes) > MAX_FIELDS:
        raise InvalidCorrection(f"at most {MAX_FIELDS} fields can be corrected at once")
    bad: dict[str, str] = {}
    for number, (path, value) in enumerate(changes.items()):
        parts = path.split(".")
        well_formed = all(_SEGMENT.match(p) for p in parts) and not parts[0].isdigit()
        if len(parts) > MAX_DEPTH or not well_formed:  # named by position: never echoed
            bad[f"fields[{number}]"] = "not a field path (names and list indices joined by dots)"
        elif not isinstance(value, str | int | float | bool) and value is not None:
            bad[path] = "a value must be text, a number, true/false or null"
        elif isinstance(value, str) and len(value) > 4000:
            bad[path] = "the value is too long"
    if bad:
        raise InvalidCorrection("some corrections are not well formed", bad)
    return dict(changes)


def put_path(record: dict[str, Any], path: str, value: Scalar) -> None:
    """Set ``path`` in ``record``, creating objects (and one list item past the end) on the
    way; ``None`` removes the field."""
    parts = path.split(".")
    node: Any = record
    for key, following in itertools.pairwise(parts):
        child = _child(node, key, path)
        if child is None:
            if value is None:
                return
            child = [] if following.isdigit() else {}
            _set(node, key, child, path)
        node = child
    if value is None:
        if isinstance(node, dict):
            node.pop(parts[-1], None)
        elif isinstance(node, list) and parts[-1].isdigit() and int(parts[-1]) < len(node):
            node[int(parts[-1])] = None
        return
    _set(node, parts[-1], value, path)


def _child(node: Any, key: str, path: str) -> Any:
    if isinstance(node, dict) and not key.isdigit():
        return node.get(key)
    if isinstance(node, list) and key.isdigit():
        index = int(key)
        return node[index] if index < len(node) else None
    raise InvalidCorrection("the path does not fit the record", {path: "no such field"})


def _set(node: Any, key: str, value: Any, path: str) -> None:
    if isinstance(node, dict) and not key.isdigit():
        node[key] = value
        return
    if isinstance(node, list) and key.isdigit():
        index = int(key)
        if index < len(node):
            node[index] = value
            return
        if index == len(node):
            node.append(value)
            return
    raise InvalidCorrection(
        "the path does not fit the record", {path: "list items are added one after the last"}
    )


def touches(field: str, paths: list[str] | set[str]) -> bool:
    """Whether a check on ``field`` is about one of ``paths`` (the same field, a part of
    it, or the object holding it)."""
    return any(field == p or field.startswith(p + ".") or p.startswith(field + ".") for p in paths)


def apply(
    doc_type: str, original: dict[str, Any], changes: dict[str, Scalar]
) -> tuple[dict[str, Any], list[str]]:
    """The record with ``changes`` applied and normalised by the schema, and the paths
    whose value changed. A value the schema refuses: InvalidCorrection (reasons only)."""
    schema = SCHEMA_BY_DOC_TYPE.get(doc_type)
    if schema is None:
        raise InvalidCorrection(f"documents of type {doc_type} have no record to correct")
    record = copy.deepcopy(original)
    for path, value in changes.items():
        put_path(record, path, value)
    _sweep_none_items(record)
    try:
        record = schema.model_validate(record).model_dump(mode="json", exclude_none=True)
    except ValidationError as error:
        refused: dict[str, str] = {}
        for problem in error.errors(include_input=False, include_url=False):
            where = ".".join(str(p) for p in problem["loc"])
            if touches(where, list(changes)):
                refused[where] = str(problem["msg"])[:200]
        if refused:
            raise InvalidCorrection("the schema refuses some corrected values", refused) from None
        # the schema refuses a field the reviewer did not touch (one stored masked, with no
        # original in the vault): keep the corrections as given, unnormalised
    changed = sorted(p for p in changes if _get(original, p) != _get(record, p))
    return record, changed


def recheck(
    doc_type: str,
    before: dict[str, Any],
    after: dict[str, Any],
    stored_checks: list[Check],
    corrected: list[str],
) -> list[Check]:
    """The checks of the corrected record: the family's validators over ``after``, plus the
    stored checks they do not produce (from reading the file) not on a corrected field."""
    own_before = {(c.name, c.field) for c in validate_record(doc_type, before, {})}
    kept = [
        c
        for c in stored_checks
        if (c.name, c.field) not in own_before and not touches(c.field, corrected)
    ]
    fresh = validate_record(doc_type, after, {})
    fresh_keys = {(c.name, c.field) for c in fresh}
    return fresh + [c for c in kept if (c.name, c.field) not in fresh_keys]


def _get(record: dict[str, Any], path: str) -> Any:
    node: Any = record
    for key in path.split("."):
        if isinstance(node, list) and key.isdigit():
            node = node[int(key)] if int(key) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            return None
        if node is None:
            return None
    return node


def _sweep_none_items(node: Any) -> None:
    """List items removed by a ``None`` correction go (later items move up)."""
    if isinstance(node, dict):
        for value in node.values():
            _sweep_none_items(value)
    elif isinstance(node, list):
        node[:] = [item for item in node if item is not None]
        for item in node:
            _sweep_none_items(item)
