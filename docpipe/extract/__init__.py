"""Extraction engines behind one interface, built from their options alone.

``build_engine(settings)`` resolves ``auto`` and returns a context-managed
engine. Built-in engines register here exactly like future add-ons would:
each has an options class with a literal ``kind`` and a ``from_settings``
constructor, and a factory that builds the engine from the options alone.
The kinds are ``docpipe.settings.ENGINE_KINDS``, one entry in ``REGISTRY`` each.

- ``rules``: labels, layout and MRZ; no model (the default, and the cross-check).
- ``vlm``: a local Hugging Face vision-language model, in-process (``docpipe[vlm]``).
- ``openai``: a self-hosted OpenAI-compatible server (vLLM, ``transformers serve``).
- ``ubl``: e-Fatura/e-Arşiv UBL-TR XML (the file, or a PDF's XML attachment).
- ``auto``: ``ubl`` for documents carrying UBL-TR XML (``reads_ubl``); else ``openai``
  when ``vlm_base_url`` is set, else ``vlm`` when ``vlm_model`` is set, else ``rules``.
  Validators run on whatever engine answered.

With ``vlm_cross_check`` on, a model engine is wrapped in ``CrossChecked`` with
the rules engine: fields the two read differently fail an ``engine_agreement``
check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel

from docpipe.document import Document
from docpipe.errors import ConfigError
from docpipe.extract.base import Engine, Extraction, UnsupportedDocType
from docpipe.extract.crosscheck import CrossChecked
from docpipe.extract.rules import RulesEngine
from docpipe.extract.ubl import UblOptions, ubl_engine
from docpipe.extract.vlm import OpenAIOptions, VlmOptions, openai_engine, vlm_engine
from docpipe.settings import ENGINE_KINDS, Settings, resolve_kind


class RulesOptions(BaseModel):
    kind: Literal["rules"] = "rules"

    @classmethod
    def from_settings(cls, settings: Settings) -> RulesOptions:
        return cls()


EngineOptions = RulesOptions | VlmOptions | OpenAIOptions | UblOptions

# kind -> (options class, factory); one entry per docpipe.settings.ENGINE_KINDS
REGISTRY: dict[str, tuple[type[Any], Callable[[Any], Engine]]] = {
    "rules": (RulesOptions, lambda options: RulesEngine()),
    "vlm": (VlmOptions, vlm_engine),
    "openai": (OpenAIOptions, openai_engine),
    "ubl": (UblOptions, ubl_engine),
}
#: Engines that read with a model, and are cross-checked by the rules engine.
MODEL_KINDS = ("vlm", "openai")


def reads_ubl(settings: Settings, doc: Document) -> bool:
    """Whether ``doc`` is read by the ``ubl`` engine: it carries UBL-TR XML (an XML file,
    or a PDF with the XML attached) and the engine is ``auto`` or ``ubl``. An XML file
    has no pages for another engine to read, so it goes to ``ubl`` whatever is set."""
    return doc.ubl is not None and (settings.engine in ("auto", "ubl") or not doc.pages)


def build_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; a model engine cross-checked when they say so.

    Settings validate ``engine`` when loaded; an unknown kind still reaches here from
    settings changed without validation (``model_copy``) and fails with the known kinds.
    """
    kind = resolve_kind(settings)
    if kind not in REGISTRY:
        known = ", ".join(("auto", *ENGINE_KINDS))
        raise ConfigError(f"unknown engine {kind!r}; available engines: {known}")
    options_cls, factory = REGISTRY[kind]
    engine = factory(options_cls.from_settings(settings))
    if kind in MODEL_KINDS and settings.vlm_cross_check:
        return CrossChecked(engine, RulesEngine())
    return engine


__all__ = [
    "MODEL_KINDS",
    "REGISTRY",
    "CrossChecked",
    "Engine",
    "EngineOptions",
    "Extraction",
    "OpenAIOptions",
    "RulesOptions",
    "UblOptions",
    "UnsupportedDocType",
    "VlmOptions",
    "build_engine",
    "reads_ubl",
]
