"""Tesseract through its command-line program (``tesseract … tsv``).

Why the CLI and not a binding: recognition dominates the cost (1–5 s for an
A4 page at 300 dpi on this 2-core machine) while starting the program and
loading ``tur+eng`` costs about 0.1–0.2 s per call, measured here by
``benchmarks/ocr_preprocess.py`` (it prints the start-up time). pytesseract
is itself a wrapper around this same program (through temporary files), so it
cannot be faster; tesserocr (the C API) would save only the start-up and needs
a compiled extension matched to the installed libtesseract, which the two
README install commands do not provide. One subprocess per page also gives a
hard timeout and isolates a crash in Tesseract from the worker.

Measured again for issue 17 (CPU seconds, ``OMP_THREAD_LIMIT=1``, four scan samples at 300
dpi, the machine loaded by other work): starting the program costs 0.20 s with
``tur+eng``, 0.15 s with ``eng`` and 0.09 s for OSD, and a page takes four calls (the
page, OSD, the ``eng`` re-read, the missed-text pass): about 0.6 s of a page's 6.5 s in
``docpipe run`` (since then OSD runs only on pages whose orientation the letters'
baselines leave in doubt, and the two second looks share one call:
``docpipe.preprocess.baselines``, ``docpipe.ocr.refine.refine_page``). tesserocr 2.13.0
(the manylinux wheel in the pip index) reads a full page in 1.26 s against the CLI's 1.41
s (its ``tur+eng`` loaded once, 0.15 s) and a word crop in 0.006 s against 0.21 s. Not
adopted: that wheel bundles its own Tesseract 5.5.4, not the system's 5.3.0 that the
samples were scored with (other readings, other figures), and building it against the
system library needs ``libtesseract-dev`` and a compiler, which the README's install
commands do not install. The cost that matters more per scanned page is elsewhere
(denoising, OSD, the recognition itself).

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
from docpipe.ocr.refine import (
    drop_tall_noise,
    refine_page,
    reread_suspects,
    strip_rule_glyphs,
)

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
    psm: int = 3,
    whitelist: str | None = None,
    offset: tuple[float, float] = (0.0, 0.0),
    refine: bool = True,
) -> tuple[Word, ...]:
    """Words of ``image`` (grey or RGB), boxes multiplied by ``scale``, conf in 0..1.

    ``offset`` (pixels) is added to boxes before scaling, for OCR of a crop.
    Unless ``refine`` is off or a ``whitelist`` is given, words the Turkish
    model misreads are re-read and, on full pages (``psm`` 11), text it
    skipped is recovered (``docpipe.ocr.refine``).
    """
    exe = check_tesseract(languages)
    pnm = _pnm(image)
    cmd = [exe, "stdin", "stdout", "-l", languages, "--psm", str(psm)]
    if dpi:
        cmd += ["--dpi", str(int(dpi))]
    if whitelist:
        cmd += ["-c", f"tessedit_char_whitelist={whitelist}", "-c", "load_system_dawg=0"]
        cmd += ["-c", "load_freq_dawg=0"]
    try:
        proc = subprocess.run([*cmd, "tsv"], input=pnm, capture_output=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise OcrTimeout(f"OCR took longer than {timeout_s:.0f} s on a page") from None
    if proc.returncode != 0:
        log.warning(
            "tesseract failed (exit %s): %s",
            proc.returncode,
            proc.stderr.decode(errors="replace")[-300:],
        )
        raise EngineError(f"tesseract failed with exit code {proc.returncode}")
    tsv = proc.stdout.decode("utf-8", errors="replace")
    if not refine or whitelist or offset != (0.0, 0.0):
        return _parse_tsv(tsv, scale, offset)
    words = drop_tall_noise(strip_rule_glyphs(_parse_tsv(tsv, 1.0)))
    if psm == 11:  # both second looks in one Tesseract call
        words = refine_page(image, words, exe=exe, dpi=dpi, timeout_s=timeout_s)
    else:
        words = reread_suspects(image, words, exe=exe, dpi=dpi, timeout_s=timeout_s)
    return tuple(_scaled(w, scale) for w in words) if scale != 1.0 else words


def _scaled(word: Word, scale: float) -> Word:
    x0, y0, x1, y1 = word.bbox
    return Word(word.text, (x0 * scale, y0 * scale, x1 * scale, y1 * scale), word.conf,
                word.block, word.line)  # fmt: skip


def _pnm(image: np.ndarray) -> bytes:
    """The image as uncompressed PGM/PPM: no compression to pay for on either side of the
    pipe (a PNG costs 0.02-0.03 s to encode and as much to decode per page; Tesseract's
    words are the same, measured on the scan samples)."""
    grey = image.ndim == 2
    ok, pnm = cv2.imencode(".pgm" if grey else ".ppm", image if grey else image[:, :, ::-1])
    if not ok:
        raise EngineError("the page image could not be encoded for OCR")
    return pnm.tobytes()


def detect_orientation(
    image: np.ndarray, *, dpi: float | None = None, timeout_s: float = 60.0
) -> tuple[int, float] | None:
    """(degrees to rotate clockwise to make the page upright, confidence) from Tesseract OSD.

    None when OSD data is not installed, the page has too little text, or it times out.
    """
    exe = check_tesseract("osd") if _has_osd() else None
    if exe is None:
        return None
    cmd = [exe, "stdin", "stdout", "--psm", "0", "--dpi", str(int(dpi or 300))]
    try:
        proc = subprocess.run(cmd, input=_pnm(image), capture_output=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return None
    info = dict(
        line.split(":", 1)
        for line in proc.stdout.decode(errors="replace").splitlines()
        if ":" in line
    )
    try:
        return int(info["Rotate"].strip()) % 360, float(info["Orientation confidence"].strip())
    except (KeyError, ValueError):
        return None


@functools.cache
def _has_osd() -> bool:
    try:
        check_tesseract("osd")
    except DependencyError:
        return False
    return True


def _parse_tsv(
    tsv: str, scale: float, offset: tuple[float, float] = (0.0, 0.0)
) -> tuple[Word, ...]:
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = float(row["left"]) + offset[0], float(row["top"]) + offset[1]
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
