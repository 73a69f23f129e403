"""Reading a model's JSON answer: values, where each value sits, and how sure the model was.

Input: the generated text (and, when the runner has them, each token's span and
probability). Output: the nested data, a dotted path -> character span map of
every leaf value, and per-path confidence. Written here because no JSON library
reports value offsets; scalars are still decoded by the standard library.

An answer cut off by the token budget is a valid *prefix* under the grammar;
``close_prefix`` keeps every value that was complete and closes the brackets,
so a long answer loses its tail, never the whole record. The last value, which
may have been cut in the middle, is dropped rather than kept half-written.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from docpipe.errors import EngineError

_DECODER = json.JSONDecoder(strict=False)  # xgrammar's bounded strings may hold raw control chars
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_WS = " \t\r\n"

Spans = dict[str, tuple[int, int]]


class AnswerError(EngineError):
    """The model's answer is not a JSON object (a server ignoring the schema)."""

    category = "engine_output"


def parse_answer(text: str) -> tuple[dict[str, Any], Spans]:
    """(data, dotted path -> (start, end) of each leaf in ``text``); raises AnswerError."""
    start = _skip(text, 0)
    if start >= len(text) or text[start] != "{":
        raise AnswerError("the model did not answer with a JSON object")
    spans: Spans = {}
    try:
        data, end = _value(text, start, "", spans)
    except (ValueError, IndexError):
        raise AnswerError("the model's answer is not valid JSON") from None
    if _skip(text, end) != len(text):
        raise AnswerError("the model's answer has text after the JSON object")
    return _clean(data), spans


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _value(text: str, i: int, path: str, spans: Spans) -> tuple[Any, int]:
    ch = text[i]
    if ch == "{":
        out: dict[str, Any] = {}
        i = _skip(text, i + 1)
        if text[i] == "}":
            return out, i + 1
        while True:
            key, i = _DECODER.raw_decode(text, i)
            if not isinstance(key, str):
                raise ValueError("object key")
            i = _skip(text, i)
            if text[i] != ":":
                raise ValueError("colon")
            child = f"{path}.{key}" if path else key
            out[key], i = _value(text, _skip(text, i + 1), child, spans)
            i = _skip(text, i)
            if text[i] == "}":
                return out, i + 1
            if text[i] != ",":
                raise ValueError("comma")
            i = _skip(text, i + 1)
    if ch == "[":
        items: list[Any] = []
        i = _skip(text, i + 1)
        if text[i] == "]":
            return items, i + 1
        while True:
            child = f"{path}.{len(items)}" if path else str(len(items))
            item, i = _value(text, i, child, spans)
            items.append(item)
            i = _skip(text, i)
            if text[i] == "]":
                return items, i + 1
            if text[i] != ",":
                raise ValueError("comma")
            i = _skip(text, i + 1)
    value, end = _DECODER.raw_decode(text, i)
    spans[path] = (i, end)
    return value, end


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return _CONTROL.sub(" ", value).strip()
    return value


def close_prefix(text: str) -> str:
    """Close a JSON prefix cut off mid-answer, keeping only complete values."""
    stack: list[str] = []
    safe = 0  # end of the longest prefix that is complete once closed
    safe_stack: list[str] = []
    in_string = escaped = False
    key_string = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                if not key_string and stack:
                    safe, safe_stack = i + 1, list(stack)
        elif ch == '"':
            in_string = True
            # a string right after "{" or "," inside an object is a key
            prev = text[:i].rstrip()[-1:] if text[:i].strip() else ""
            key_string = bool(stack) and stack[-1] == "}" and prev in ("{", ",")
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
            if len(stack) == 1:  # an inner container counts once it holds a complete value
                safe, safe_stack = i + 1, list(stack)
        elif ch in "}]":
            if stack:
                stack.pop()
            if stack:
                safe, safe_stack = i + 1, list(stack)
            else:
                return text[: i + 1]
        elif ch not in _WS and ch not in ",:":
            # a number or literal: complete only once a delimiter follows it
            j = i
            while j < len(text) and text[j] not in ",}] \t\r\n":
                j += 1
            if j < len(text) and stack:
                safe, safe_stack = j, list(stack)
            i = j
            continue
        i += 1
    return text[:safe] + "".join(reversed(safe_stack))


def confidences(spans: Spans, token_spans: tuple[tuple[int, int, float], ...]) -> dict[str, float]:
    """Per leaf path: the geometric mean probability of the tokens that wrote the value."""
    out: dict[str, float] = {}
    if not token_spans:
        return out
    for path, (start, end) in spans.items():
        probs = [p for s, e, p in token_spans if s < end and e > start and p > 0]
        if probs:
            out[path] = math.exp(sum(math.log(p) for p in probs) / len(probs))
    return out
