"""The UBL 2.1 XSD (OASIS release) as a test oracle, kept in a cache outside git.

Looked for in ``$DOCPIPE_UBL_XSD_DIR`` or ``~/.cache/docpipe/ubl-2.1``. When it is
absent, it is unpacked there from a local copy of the public repository
``kduvekot/ubl-release-package`` (commit 69d9f20 is "Release: UBL 2.1 (OASIS
Standard)") when one is on this machine (``$DOCPIPE_UBL_RELEASE_GIT``, default
``/work/.mirror/kduvekot+ubl-release-package/repo``). Tests that need it skip
with the reason when neither exists. The schema files are never committed.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

UBL21_COMMIT = "69d9f20"
MAIN = Path("xsdrt/maindoc/UBL-Invoice-2.1.xsd")


def _cache_dir() -> Path:
    return Path(os.environ.get("DOCPIPE_UBL_XSD_DIR", Path.home() / ".cache/docpipe/ubl-2.1"))


def _unpack_from_git(target: Path) -> None:
    repo = Path(
        os.environ.get("DOCPIPE_UBL_RELEASE_GIT", "/work/.mirror/kduvekot+ubl-release-package/repo")
    )
    if not repo.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "xsdrt.tar"
        subprocess.run(
            ["git", "--git-dir", str(repo), "archive", "-o", str(archive), UBL21_COMMIT, "xsdrt"],
            check=True,
            timeout=120,
            capture_output=True,
        )
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")


@cache
def _schema() -> etree.XMLSchema | None:
    root = _cache_dir()
    if not (root / MAIN).is_file():
        try:
            _unpack_from_git(root)
        except (OSError, subprocess.SubprocessError):
            return None
    if not (root / MAIN).is_file():
        return None
    return etree.XMLSchema(etree.parse(str(root / MAIN)))


def ubl21_schema() -> etree.XMLSchema:
    """The compiled UBL 2.1 Invoice schema, or skip the calling test saying why."""
    schema = _schema()
    if schema is None:
        pytest.skip(
            f"UBL 2.1 XSD not found in {_cache_dir()} and no local copy of "
            "kduvekot/ubl-release-package to unpack it from (set DOCPIPE_UBL_XSD_DIR)"
        )
    return schema
