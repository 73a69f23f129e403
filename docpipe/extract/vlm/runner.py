"""The model runner seam: images, a prompt and a JSON Schema in; text out.

Runners know nothing about documents, pages or records: the engine builds
``Request`` objects and reads ``Generation`` objects. The batch call is the
only call, so a runner can put several requests through one forward pass
(transformers) or send them concurrently (an OpenAI-compatible server).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from PIL import Image


@dataclass(frozen=True)
class Request:
    """One prompt: page images first, then the instruction text."""

    images: tuple[Image.Image, ...]
    text: str
    json_schema: dict[str, Any]
    schema_name: str = "record"
    # earlier rounds of a validate-then-retry: (the model's answer, what was wrong with it)
    corrections: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Generation:
    """What the model answered.

    ``token_spans`` gives, for each generated token, its character span in
    ``text`` and its probability under the (constrained) decoder, when the
    runner can tell; ``finished`` is False when the token budget ran out first.
    """

    text: str
    token_spans: tuple[tuple[int, int, float], ...] = ()
    finished: bool = True
    seconds: dict[str, float] = field(default_factory=dict)


class Runner(Protocol):
    name: str
    model_name: str

    def generate(self, requests: list[Request]) -> list[Generation]: ...

    def close(self) -> None: ...
