"""The instruction a model reads: what to extract, in Turkish and English, and the page text.

Input: the document type, the record model, which pages the images show, and
optionally the text already read from those pages (text layer or OCR).
Output: one instruction string; the runner puts the page images in front of
it through the model's own chat template. Field descriptions come from the
record model's ``Field(description=…)`` (written "Türkçe / English"), so the
prompt and the schema never drift apart.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from docpipe.families import prompt_label
from docpipe.settings import setting_default

HEADER = (
    "Bu {doc} belgesinin görüntülerinden aşağıdaki alanları çıkar.\n"
    "Extract the fields below from the images of this {doc} document.\n"
    "Yalnızca JSON nesnesiyle yanıt ver; belgede olmayan alanları yazma, değer uydurma.\n"
    "Answer with a JSON object only; leave out fields that are not on the document, "
    "never guess.\n"
    "Tarihler YYYY-AA-GG, tutarlar nokta ondalıklı (1234.56) / dates as YYYY-MM-DD, "
    "amounts with a decimal point (1234.56).\n"
)


def field_guide(schema: type[BaseModel]) -> list[str]:
    """One line per field path: ``seller.vkn: Vergi Kimlik No / … (10 digits)``."""
    source = schema.model_json_schema(mode="validation")
    defs = source.get("$defs", {})
    lines: list[str] = []
    _walk(source, "", defs, lines, depth=0)
    return lines


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[-1]]
    branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        inner = _resolve(branches[0], defs)
        return {**inner, "description": node.get("description") or inner.get("description")}
    return node


def _walk(node: dict[str, Any], path: str, defs: dict[str, Any], lines: list[str], depth: int):
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(prop, defs)
        child = f"{path}.{name}" if path else name
        description = prop.get("description") or resolved.get("description") or ""
        if resolved.get("type") == "array" and "items" in resolved:
            item = _resolve(resolved["items"], defs)
            if "properties" in item and depth < 3:
                lines.append(f"- {child}[]: {item.get('description', '')}".rstrip(": "))
                _walk(item, f"{child}[]", defs, lines, depth + 1)
                continue
        if "properties" in resolved and depth < 3:
            lines.append(f"- {child}: {description}".rstrip(": "))
            _walk(resolved, child, defs, lines, depth + 1)
            continue
        if "enum" in resolved:
            description += f" ({' | '.join(str(v) for v in resolved['enum'])})"
        lines.append(f"- {child}: {description}".rstrip(": "))


def build_prompt(
    doc_type: str,
    schema: type[BaseModel],
    *,
    pages: tuple[int, ...],
    page_count: int,
    text: str | None = None,
    max_text_chars: int = setting_default("vlm_max_text_chars"),
) -> str:
    doc = prompt_label(doc_type)
    parts = [HEADER.format(doc=doc), "Alanlar / fields:", *field_guide(schema)]
    shown = f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])
    parts.append(
        f"\nGörüntüler {page_count} sayfanın {shown}. sayfaları / images: pages {shown} "
        f"of {page_count}."
    )
    if text:
        parts.append("Okunan metin (OCR veya PDF metni) / text read from these pages:")
        parts.append(_clip(text, max_text_chars))
    return "\n".join(parts)


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a line end."""
    if len(text) <= limit:
        return text
    if text[limit] == "\n":
        return text[:limit]
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > 0 else limit]
