"""Extraction engines behind one interface, built from their options alone.

``build_engine(settings)`` resolves ``auto`` and returns a context-managed
engine. Built-in engines register here exactly like future add-ons would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from docpipe.errors import ConfigError
from docpipe.extract.base import Engine, Extraction, UnsupportedDocType
from docpipe.extract.rules import RulesEngine
from docpipe.settings import Settings


class RulesOptions(BaseModel):
    kind: Literal["rules"] = "rules"


EngineOptions = RulesOptions

# kind -> (options class, factory)
REGISTRY: dict[str, tuple[type[BaseModel], Callable[[BaseModel], Engine]]] = {
    "rules": (RulesOptions, lambda options: RulesEngine()),
}


def resolve_kind(settings: Settings) -> str:
    """The engine kind ``auto`` stands for: a model engine when configured, else rules."""
    return "rules" if settings.engine == "auto" else settings.engine


def build_engine(settings: Settings) -> Engine:
    kind = resolve_kind(settings)
    if kind not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise ConfigError(f"unknown engine {kind!r}; available engines: {known}")
    options_cls, factory = REGISTRY[kind]
    return factory(options_cls())


__all__ = [
    "REGISTRY",
    "Engine",
    "EngineOptions",
    "Extraction",
    "RulesOptions",
    "UnsupportedDocType",
    "build_engine",
    "resolve_kind",
]
