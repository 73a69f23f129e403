"""Model engines: ``vlm`` (a local Hugging Face model, in-process) and ``openai`` (a server).

Both are a ``ModelEngine`` over a runner; torch, transformers and xgrammar
are imported only when the ``vlm`` engine loads its model (``pip install
'docpipe[vlm]'``), so the rules-only install never needs them.

Each option is the setting ``vlm_<name>`` with that setting's default: a knob
has one name and one default, in ``Settings``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, SecretStr

from docpipe.extract.vlm.engine import ModelEngine, ModelOptions
from docpipe.extract.vlm.openai_runner import OpenAIRunner
from docpipe.extract.vlm.transformers_runner import TransformersRunner
from docpipe.settings import Settings, setting_default

PREFIX = "vlm_"


def _setting(name: str) -> Any:
    return setting_default(PREFIX + name)


class _ModelEngineOptions(BaseModel):
    model: str | None = _setting("model")
    max_pixels: int = _setting("max_pixels")
    pages_per_call: int = _setting("pages_per_call")
    max_new_tokens: int = _setting("max_new_tokens")
    max_string_chars: int = _setting("max_string_chars")
    max_list_items: int = _setting("max_list_items")
    text_context: bool = _setting("text_context")
    max_text_chars: int = _setting("max_text_chars")

    @classmethod
    def from_settings(cls, settings: Settings) -> Any:
        names = [name for name in cls.model_fields if name != "kind"]
        return cls(**{name: getattr(settings, PREFIX + name) for name in names})

    def model_options(self, fix_attempts: int) -> ModelOptions:
        return ModelOptions(
            max_pixels=self.max_pixels,
            pages_per_call=self.pages_per_call,
            text_context=self.text_context,
            max_text_chars=self.max_text_chars,
            max_string_chars=self.max_string_chars,
            max_list_items=self.max_list_items,
            fix_attempts=fix_attempts,
        )


class VlmOptions(_ModelEngineOptions):
    """A local model directory run in-process (``model`` is the directory)."""

    kind: Literal["vlm"] = "vlm"
    device: Literal["auto", "cuda", "cpu"] = _setting("device")
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = _setting("dtype")
    batch_size: int = _setting("batch_size")


class OpenAIOptions(_ModelEngineOptions):
    """An OpenAI-compatible server (``model`` is the name it serves)."""

    kind: Literal["openai"] = "openai"
    base_url: str | None = _setting("base_url")
    api_key: SecretStr | None = _setting("api_key")
    timeout_s: float = _setting("timeout_s")
    retries: int = _setting("retries")
    fix_attempts: int = _setting("fix_attempts")
    concurrency: int = _setting("concurrency")


def vlm_engine(options: VlmOptions) -> ModelEngine:
    runner = TransformersRunner(
        options.model,
        device=options.device,
        dtype=options.dtype,
        max_new_tokens=options.max_new_tokens,
        batch_size=options.batch_size,
    )
    # constrained decoding always parses; a retry of a greedy model repeats itself
    return ModelEngine(runner, options.model_options(fix_attempts=0))


def openai_engine(options: OpenAIOptions) -> ModelEngine:
    runner = OpenAIRunner(
        options.base_url,
        options.model,
        api_key=options.api_key,
        timeout_s=options.timeout_s,
        retries=options.retries,
        concurrency=options.concurrency,
        max_new_tokens=options.max_new_tokens,
    )
    return ModelEngine(runner, options.model_options(fix_attempts=options.fix_attempts))


__all__ = [
    "ModelEngine",
    "ModelOptions",
    "OpenAIOptions",
    "OpenAIRunner",
    "TransformersRunner",
    "VlmOptions",
    "openai_engine",
    "vlm_engine",
]
