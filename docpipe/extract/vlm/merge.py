"""Merging the answers for the page chunks of one document into one record.

Deterministic, in page order: for a single value the first chunk that gives
one wins (a header field is on the first page; a later page repeating it
differently is not allowed to overwrite it); objects merge field by field;
lists are concatenated (line items continue over pages) without exact
repeats, and cut at the schema's limit by ``build_record``. Each leaf path of
the merged record remembers the chunk and the path it had in that chunk's
answer, so its confidence and evidence come from the right place.
"""

from __future__ import annotations

from typing import Any

Origin = dict[str, tuple[int, str]]  # merged leaf path -> (chunk index, path in that answer)


def merge_answers(answers: list[dict[str, Any]]) -> tuple[dict[str, Any], Origin]:
    merged: dict[str, Any] = {}
    origin: Origin = {}
    for index, answer in enumerate(answers):
        _merge_into(merged, answer, "", "", index, origin)
    return merged, origin


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _merge_into(
    target: dict[str, Any],
    source: dict[str, Any],
    tpath: str,
    spath: str,
    index: int,
    origin: Origin,
) -> None:
    for key, value in source.items():
        tchild, schild = _join(tpath, key), _join(spath, key)
        if value is None or value == [] or value == {}:
            continue
        current = target.get(key)
        if current in (None, [], {}):
            if isinstance(value, list):
                target[key] = []
                _extend(target[key], value, tchild, schild, index, origin)
            else:
                target[key] = value
                _mark(value, tchild, schild, index, origin)
        elif isinstance(current, dict) and isinstance(value, dict):
            _merge_into(current, value, tchild, schild, index, origin)
        elif isinstance(current, list) and isinstance(value, list):
            _extend(current, value, tchild, schild, index, origin)
        # else: an earlier chunk already gave this single value; it stays


def _extend(
    target: list[Any], items: list[Any], tpath: str, spath: str, index: int, origin: Origin
) -> None:
    for i, item in enumerate(items):
        if item in target or item in (None, {}, []):
            continue
        target.append(item)
        _mark(item, _join(tpath, len(target) - 1), _join(spath, i), index, origin)


def _mark(value: Any, tpath: str, spath: str, index: int, origin: Origin) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _mark(inner, _join(tpath, key), _join(spath, key), index, origin)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            _mark(inner, _join(tpath, i), _join(spath, i), index, origin)
    else:
        origin[tpath] = (index, spath)
