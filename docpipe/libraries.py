"""Heavy third-party libraries imported without the parts docpipe never uses.

- PyMuPDF 2 imports its layout analyser (``pymupdf.layout``: onnxruntime and an
  ONNX model, about 0.5 s and 55 MB per process) whenever ``pymupdf_layout`` is
  installed, which it requires. docpipe never calls ``Page.get_layout()``. It also
  imports ``pymupdf4llm`` when installed (the Markdown converter, onnxruntime again:
  65 ms per process) for ``pymupdf.to_markdown()`` and friends, which docpipe never
  calls either.
- spaCy (through thinc) and Presidio import torch, transformers and torchvision
  when they are installed (the ``vlm`` extra installs them), for GPU layers and
  an NER engine docpipe never builds: redaction needs spaCy's rule-based Turkish
  tokenizer and Presidio's pattern recognizers, nothing learned. That is 600 MB
  of resident memory and seconds of start-up in every process that redacts.

- Presidio's ``Pattern`` compiles its regex once when it is made, to check it, and
  every one of Presidio's predefined recognizers (170 patterns, among them a URL
  pattern listing every top-level domain) makes its patterns when its module is
  imported: 0.3 CPU seconds per process, a third of Presidio's import, for
  recognizers docpipe never registers. ``load_presidio`` imports Presidio with that
  check off; docpipe's own patterns, made afterwards, are checked as before, and
  ``tests/test_startup.py`` compiles every predefined pattern so that a broken one
  still fails a test.

Each library treats a failed optional import as "not installed"; ``hidden`` makes
the import fail only while the library loads, so a model engine in the same
process still imports torch afterwards. Measured by
``python -X importtime -c "import docpipe.pipeline"`` and
``tests/test_startup.py``.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

#: What spaCy (thinc) and Presidio import only for learned models.
MODEL_MODULES = ("torch", "transformers", "torchvision")
#: What PyMuPDF imports for layout analysis and Markdown, which docpipe never asks for.
PYMUPDF_EXTRAS = ("pymupdf.layout", "pymupdf4llm")


@contextmanager
def hidden(names: tuple[str, ...]) -> Iterator[None]:
    """Make ``import name`` fail inside the block, for names not imported yet."""
    hid = [name for name in names if name not in sys.modules]
    for name in hid:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hid:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


class _PymupdfOnFirstImport(importlib.abc.MetaPathFinder):
    """Hides ``PYMUPDF_EXTRAS`` while PyMuPDF's first import runs, whichever module
    imports it first: a process that never opens a PDF (``docpipe run``'s parent,
    ``docpipe list``) never loads PyMuPDF (about 0.5 s), one that does still loads it
    without the analyser. The module is PyMuPDF's own spec, run by its own loader."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "pymupdf":
            return None
        sys.meta_path.remove(self)  # once
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithoutLayout(spec.loader)
        return spec


class _WithoutLayout(importlib.abc.Loader):
    """PyMuPDF's loader, its module run with ``PYMUPDF_EXTRAS`` hidden."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        with hidden(PYMUPDF_EXTRAS):
            self.loader.exec_module(module)

    def __getattr__(self, name: str) -> object:  # resources, source: PyMuPDF's loader's
        return getattr(self.loader, name)


def load_pymupdf_when_imported() -> None:
    """Import PyMuPDF without its layout analyser, at the first ``import pymupdf`` (once
    per process)."""
    if "pymupdf" not in sys.modules and not any(
        isinstance(f, _PymupdfOnFirstImport) for f in sys.meta_path
    ):
        sys.meta_path.insert(0, _PymupdfOnFirstImport())


#: Presidio's module of ``Pattern``, and the name of the method that checks its regex
PRESIDIO_PATTERN = "presidio_analyzer.pattern"
PATTERN_CHECK = "_Pattern__validate_regex"
#: whether this process imported Presidio with that check off (``tests/test_startup.py``)
presidio_patterns_unchecked = False


class _PresidioPatternsUnchecked(importlib.abc.MetaPathFinder):
    """While Presidio's first import runs, ``Pattern`` made by its modules skips its regex
    check (``restore`` puts the check back). Presidio's own spec and loader run the
    module; a Presidio without that method is imported as it is."""

    def __init__(self) -> None:
        self.pattern: type | None = None
        self.check: object = None

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != PRESIDIO_PATTERN:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenUnchecked(spec.loader, self)
        return spec

    def unchecked(self, module: ModuleType) -> None:
        pattern = getattr(module, "Pattern", None)
        if isinstance(pattern, type) and PATTERN_CHECK in pattern.__dict__:
            global presidio_patterns_unchecked
            self.pattern, self.check = pattern, pattern.__dict__[PATTERN_CHECK]
            setattr(pattern, PATTERN_CHECK, staticmethod(_no_check))
            presidio_patterns_unchecked = True

    def restore(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        if self.pattern is not None:
            setattr(self.pattern, PATTERN_CHECK, self.check)
            self.pattern = None


def _no_check(pattern: str) -> None:
    return None


class _ThenUnchecked(importlib.abc.Loader):
    """Presidio's loader; once ``Pattern``'s module has run, its check is switched off."""

    def __init__(self, loader: importlib.abc.Loader, finder: _PresidioPatternsUnchecked) -> None:
        self.loader = loader
        self.finder = finder

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        self.finder.unchecked(module)

    def __getattr__(self, name: str) -> object:
        return getattr(self.loader, name)


def load_presidio() -> None:
    """Import spaCy and Presidio without torch, and Presidio without checking its own
    predefined patterns (once per process)."""
    finder = _PresidioPatternsUnchecked()
    if PRESIDIO_PATTERN not in sys.modules:
        sys.meta_path.insert(0, finder)
    try:
        with hidden(MODEL_MODULES):
            import presidio_analyzer  # noqa: F401
            import spacy  # noqa: F401
    finally:
        finder.restore()
