"""The stylesheet cache: third-party XSLT lives here, never in git.

The cache folder is ``$DOCPIPE_DESIGNS_CACHE`` or ``~/.cache/docpipe-designs``;
each design is ``<key>.xslt`` in it. ``populate`` fills it from local git
copies of the public repositories (one ``<owner>+<name>/repo`` git folder per
repository under a mirror root, as the research tools' ``fetch`` leaves them, or
any clone: ``git show <commit>:<path>`` is all it runs). A file whose SHA-256
does not start with the catalog's digest is refused, so a design is exactly the
pinned one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from samplegen.designs.catalog import DESIGNS, Design

DEFAULT_MIRROR = Path("/work/.mirror")


class DesignMissing(RuntimeError):
    """A design's stylesheet is not in the cache (run ``populate``)."""


def cache_dir() -> Path:
    env = os.environ.get("DOCPIPE_DESIGNS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "docpipe-designs"


def _digest_ok(design: Design, data: bytes) -> bool:
    return hashlib.sha256(data).hexdigest().startswith(design.sha256)


def stylesheet(design: Design) -> bytes:
    """The pinned stylesheet bytes of ``design`` from the cache."""
    path = cache_dir() / f"{design.key}.xslt"
    if not path.is_file():
        raise DesignMissing(
            f"design {design.key}: {path} is missing; fill the cache with "
            "`python -m samplegen.designs fetch --mirror DIR` (see samplegen/designs/README.md)"
        )
    data = path.read_bytes()
    if not _digest_ok(design, data):
        raise DesignMissing(f"design {design.key}: {path} is not the pinned version")
    return data


def available(designs: tuple[Design, ...] = DESIGNS) -> list[Design]:
    """The xslt designs whose stylesheet is cached and pinned, plus every form."""
    out = []
    for design in designs:
        if design.family != "xslt":
            out.append(design)
            continue
        try:
            stylesheet(design)
        except DesignMissing:
            continue
        out.append(design)
    return out


def populate(mirror: Path = DEFAULT_MIRROR) -> list[str]:
    """Copy every xslt design from ``mirror/<owner>+<name>/repo`` into the cache.

    Returns one line per design: copied, already there, or why not.
    """
    target = cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    report = []
    for design in DESIGNS:
        if design.family != "xslt":
            continue
        dest = target / f"{design.key}.xslt"
        if dest.is_file() and _digest_ok(design, dest.read_bytes()):
            report.append(f"{design.key}: cached")
            continue
        repo = mirror / design.repo.replace("/", "+") / "repo"
        if not repo.is_dir():
            report.append(f"{design.key}: no copy of {design.repo} under {mirror}")
            continue
        done = subprocess.run(
            ["git", "-C", str(repo), "show", f"{design.commit}:{design.path}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or not _digest_ok(design, done.stdout):
            report.append(f"{design.key}: {design.repo}@{design.commit[:10]} lacks the pinned file")
            continue
        dest.write_bytes(done.stdout)
        report.append(f"{design.key}: copied from {design.repo}@{design.commit[:10]}")
    return report
