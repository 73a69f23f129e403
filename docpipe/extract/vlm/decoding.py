"""The JSON Schema a model decodes against: the record schema, bounded for generation.

Input: a record model (``Invoice``, ``IdentityDocument``, …) and limits. Output:
a self-contained JSON Schema that every answer the decoder can produce fits,
and whose longest possible answer is bounded, so that a constrained model
(even a random one) always reaches the end of the object:

- strings get ``maxLength`` ≤ ``max_string_chars`` (the record's own limit when smaller);
- arrays get ``maxItems`` ≤ ``max_items``;
- decimals (money, quantities, rates) become strings matching a bounded decimal
  pattern (``-?[0-9]{1,N}`` and up to four decimals) instead of JSON numbers, which could run on
  in digits and exponents; pydantic reads them back into ``Decimal``;
- dates become ``YYYY-MM-DD`` patterns; integers keep their minimum/maximum;
- ``null`` branches go: an optional field is left out instead, which is shorter;
- titles, defaults and other annotations go, descriptions stay.

The decoded value is then validated by the record model itself, so nothing
here has to be exact about ranges: a bound that is too loose only lets a value
through to pydantic, which rejects it by path.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from pydantic import BaseModel

from docpipe.settings import setting_default

DATE_PATTERN = r"^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DECIMAL_PLACES = 4
_KEEP = {"type", "properties", "required", "items", "enum", "const", "pattern", "description"}
_KEEP |= {"minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "anyOf"}
_KEEP |= {"$ref", "additionalProperties"}


def decoding_schema(
    schema: type[BaseModel],
    *,
    max_string_chars: int = setting_default("vlm_max_string_chars"),
    max_items: int = setting_default("vlm_max_list_items"),
) -> dict[str, Any]:
    """The bounded JSON Schema of ``schema`` for constrained decoding (see module docstring)."""
    source = schema.model_json_schema(mode="validation")
    defs = source.pop("$defs", {})
    limits = _Limits(max_string_chars, max_items)
    out = limits.node(source)
    if defs:
        out["$defs"] = {name: limits.node(node) for name, node in defs.items()}
    return out


class _Limits:
    def __init__(self, max_string_chars: int, max_items: int) -> None:
        self.max_string_chars = max(1, max_string_chars)
        self.max_items = max(0, max_items)

    def node(self, node: dict[str, Any]) -> dict[str, Any]:
        node = copy.deepcopy(node)
        if "anyOf" in node:
            return self._any_of(node)
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return self._object(node)
        if kind == "array":
            out = self._keep(node)
            out["items"] = self.node(node.get("items", {}))
            limit = node.get("maxItems")
            out["maxItems"] = min(limit, self.max_items) if limit is not None else self.max_items
            out["minItems"] = min(node.get("minItems", 0), out["maxItems"])
            return out
        if kind == "string":
            return self._string(node)
        if kind == "number":
            return self._decimal(node)
        return self._keep(node)

    def _object(self, node: dict[str, Any]) -> dict[str, Any]:
        out = self._keep(node)
        out["type"] = "object"
        out["properties"] = {k: self.node(v) for k, v in node.get("properties", {}).items()}
        out["additionalProperties"] = False
        if node.get("required"):
            out["required"] = list(node["required"])
        return out

    def _any_of(self, node: dict[str, Any]) -> dict[str, Any]:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if _is_decimal(branches):
            number = next(b for b in branches if b.get("type") == "number")
            out = self._decimal(number)
        elif len(branches) == 1:
            out = self.node(branches[0])
        else:
            out = {"anyOf": [self.node(b) for b in branches]}
        if node.get("description") and "description" not in out:
            out["description"] = node["description"]
        return out

    def _string(self, node: dict[str, Any]) -> dict[str, Any]:
        out = self._keep(node)
        if node.get("format") == "date":
            out["pattern"] = DATE_PATTERN
            out.pop("maxLength", None)
            out.pop("minLength", None)
            return out
        if "enum" in node or "const" in node:
            return out
        if "pattern" in node:  # xgrammar ignores lengths beside a pattern: it must bound itself
            out.pop("maxLength", None)
            out.pop("minLength", None)
            return out
        limit = node.get("maxLength")
        out["maxLength"] = min(limit, self.max_string_chars) if limit else self.max_string_chars
        if "minLength" in node:
            out["minLength"] = min(node["minLength"], out["maxLength"])
        return out

    def _decimal(self, number: dict[str, Any]) -> dict[str, Any]:
        bound = max(abs(number.get("minimum", 0)), abs(number.get("maximum", 1e15)))
        digits = max(1, math.floor(math.log10(bound)) + 1) if bound >= 1 else 1
        sign = "-?" if number.get("minimum", -1) < 0 else ""
        # The fraction is spelled out digit by digit: xgrammar 0.2.9 lets a counted
        # repetition inside an optional group ("(\.[0-9]{1,4})?") run past its bound
        # when another counted repetition precedes it (measured: 13+3 digits accepted).
        fraction = r"\.[0-9]" + r"[0-9]?" * (DECIMAL_PLACES - 1)
        out = {"type": "string", "pattern": rf"^{sign}[0-9]{{1,{digits}}}({fraction})?$"}
        if number.get("description"):
            out["description"] = number["description"]
        return out

    @staticmethod
    def _keep(node: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in node.items() if k in _KEEP}


def _is_decimal(branches: list[dict[str, Any]]) -> bool:
    """Pydantic writes a Decimal as ``anyOf: [number, string]``."""
    types = sorted(b.get("type", "") for b in branches)
    return types == ["number", "string"] and all("pattern" not in b for b in branches)
