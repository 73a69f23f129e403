"""Model engines: ``vlm`` (a local Hugging Face model, in-process) and ``openai`` (a server).

Both are a ``ModelEngine`` over a runner; torch, transformers and xgrammar
are imported only when the ``vlm`` engine loads its model (``pip install
'docpipe[vlm]'``), so the rules-only install never needs them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from docpipe.extract.vlm.engine import ModelEngine, ModelOptions
from docpipe.extract.vlm.openai_runner import OpenAIRunner
from docpipe.extract.vlm.transformers_runner import TransformersRunner
from docpipe.settings import Settings


class _ModelEngineOptions(BaseModel):
    model: str | None = None
    max_pixels: int = 1_003_520
    pages_per_call: int = 4
    max_new_tokens: int = 2048
    max_string_chars: int = 400
    max_list_items: int = 100
    text_context: bool = True
    max_text_chars: int = 6000
    cross_check: bool = True

    def model_options(self, fix_attempts: int) -> ModelOptions:
        return ModelOptions(
            max_pixels=self.max_pixels,
            pages_per_call=self.pages_per_call,
            text_context=self.text_context,
            max_text_chars=self.max_text_chars,
            max_string_chars=self.max_string_chars,
            max_items=self.max_list_items,
            fix_attempts=fix_attempts,
            cross_check=self.cross_check,
        )

    @classmethod
    def _common(cls, settings: Settings) -> dict[str, object]:
        return {
            "model": settings.vlm_model,
            "max_pixels": settings.vlm_max_pixels,
            "pages_per_call": settings.vlm_pages_per_call,
            "max_new_tokens": settings.vlm_max_new_tokens,
            "max_string_chars": settings.vlm_max_string_chars,
            "max_list_items": settings.vlm_max_list_items,
            "text_context": settings.vlm_text_context,
            "max_text_chars": settings.vlm_max_text_chars,
            "cross_check": settings.vlm_cross_check,
        }


class VlmOptions(_ModelEngineOptions):
    """A local model directory run in-process (``model`` is the directory)."""

    kind: Literal["vlm"] = "vlm"
    device: Literal["auto", "cuda", "cpu"] = "auto"
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = "auto"
    batch_size: int = 4

    @classmethod
    def from_settings(cls, settings: Settings) -> VlmOptions:
        return cls(
            **cls._common(settings),
            device=settings.vlm_device,
            dtype=settings.vlm_dtype,
            batch_size=settings.vlm_batch_size,
        )


class OpenAIOptions(_ModelEngineOptions):
    """An OpenAI-compatible server (``model`` is the name it serves)."""

    kind: Literal["openai"] = "openai"
    base_url: str | None = None
    api_key_env: str = "DOCPIPE_VLM_API_KEY"
    timeout_s: float = 120.0
    retries: int = 2
    fix_attempts: int = 2
    concurrency: int = 4

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIOptions:
        return cls(
            **cls._common(settings),
            base_url=settings.vlm_base_url,
            api_key_env=settings.vlm_api_key_env,
            timeout_s=settings.vlm_timeout_s,
            retries=settings.vlm_retries,
            fix_attempts=settings.vlm_fix_attempts,
            concurrency=settings.vlm_concurrency,
        )


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
        api_key_env=options.api_key_env,
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
