"""Heavy third-party libraries imported without the parts docpipe never uses.

- PyMuPDF 2 imports its layout analyser (``pymupdf.layout``: onnxruntime and an
  ONNX model, about 0.5 s and 55 MB per process) whenever ``pymupdf_layout`` is
  installed, which it requires. docpipe never calls ``Page.get_layout()``.
- spaCy (through thinc) and Presidio import torch, transformers and torchvision
  when they are installed (the ``vlm`` extra installs them), for GPU layers and
  an NER engine docpipe never builds: redaction needs spaCy's rule-based Turkish
  tokenizer and Presidio's pattern recognizers, nothing learned. That is 600 MB
  of resident memory and seconds of start-up in every process that redacts.

Each library treats a failed optional import as "not installed"; ``hidden`` makes
the import fail only while the library loads, so a model engine in the same
process still imports torch afterwards. Measured by
``python -X importtime -c "import docpipe.pipeline"`` and
``tests/test_startup.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: What spaCy (thinc) and Presidio import only for learned models.
MODEL_MODULES = ("torch", "transformers", "torchvision")


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


def load_pymupdf() -> None:
    """Import PyMuPDF without its layout analyser (once per process)."""
    with hidden(("pymupdf.layout",)):
        import pymupdf  # noqa: F401


def load_presidio() -> None:
    """Import spaCy and Presidio without torch (once per process)."""
    with hidden(MODEL_MODULES):
        import presidio_analyzer  # noqa: F401
        import spacy  # noqa: F401
