"""Tesseract through its command-line program (``tesseract … tsv``).

Checks once that the program and the ``tur`` language are installed and
raises ``DependencyError`` naming the Debian packages otherwise. Runs with a
timeout; a timeout marks the page unreadable instead of failing the document.
Only stderr is ever logged; stdout is document text.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import shutil
import subprocess

import cv2
import numpy as np

from docpipe.document import Word
from docpipe.errors import DependencyError, EngineError

log = logging.getLogger("docpipe.ocr.tesseract")
INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-tur"


class OcrTimeout(EngineError):
    category = "ocr_timeout"


@functools.cache
def check_tesseract(languages: str) -> str:
    """The tesseract executable, after checking the languages are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise DependencyError(f"the tesseract program is not installed; {INSTALL_HINT}")
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    installed = set(out.stdout.split())
    missing = [lang for lang in languages.split("+") if lang not in installed]
    if missing:
        raise DependencyError(
            f"tesseract has no language data for {', '.join(missing)}; {INSTALL_HINT}"
        )
    return exe


def ocr_words(
    image: np.ndarray,
    *,
    languages: str = "tur+eng",
    dpi: float | None = None,
    timeout_s: float = 120.0,
    scale: float = 1.0,
) -> tuple[Word, ...]:
    """Words of ``image`` (grey or RGB), boxes multiplied by ``scale``, conf in 0..1."""
    exe = check_tesseract(languages)
    ok, png = cv2.imencode(".png", image if image.ndim == 2 else image[:, :, ::-1])
    if not ok:
        raise EngineError("the page image could not be encoded for OCR")
    cmd = [exe, "stdin", "stdout", "-l", languages, "--psm", "3"]
    if dpi:
        cmd += ["--dpi", str(int(dpi))]
    try:
        proc = subprocess.run(
            [*cmd, "tsv"], input=png.tobytes(), capture_output=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        raise OcrTimeout(f"OCR took longer than {timeout_s:.0f} s on a page") from None
    if proc.returncode != 0:
        log.warning(
            "tesseract failed (exit %s): %s",
            proc.returncode,
            proc.stderr.decode(errors="replace")[-300:],
        )
        raise EngineError(f"tesseract failed with exit code {proc.returncode}")
    return _parse_tsv(proc.stdout.decode("utf-8", errors="replace"), scale)


def _parse_tsv(tsv: str, scale: float) -> tuple[Word, ...]:
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = float(row["left"]), float(row["top"])
        width, height = float(row["width"]), float(row["height"])
        conf = max(0.0, min(1.0, float(row["conf"]) / 100.0))
        words.append(
            Word(
                text=text,
                bbox=(left * scale, top * scale, (left + width) * scale, (top + height) * scale),
                conf=conf,
                block=int(row["block_num"]),
                line=int(row["par_num"]) * 1000 + int(row["line_num"]),
            )
        )
    return tuple(words)
