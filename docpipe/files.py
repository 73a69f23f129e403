"""The files a run processes: the paths named, and the files under the folders named.

Kept apart from ``docpipe.pipeline`` so that a process that only lists files (the
parent of ``docpipe run``, ``docpipe submit``) does not import the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

SIDECAR_SUFFIXES = (".truth.json", ".md", ".reason.txt")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted).

    Inside folders, hidden files and sidecars (``*.truth.json``, ``*.md``)
    are skipped; a file named explicitly is always processed. Pipes, sockets and
    devices inside folders, and folders named like documents (``x.pdf/``), are
    yielded too, so that ingest refuses each with one line instead of the batch
    passing over them in silence (or blocking on a pipe).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if not _skipped(child.relative_to(path)):
                    yield child
        else:
            yield path


def _xml_first(path: Path) -> tuple[str, str, bool, str]:
    """Sort key: ``X.xml`` just before ``X.pdf`` in its folder, so the e-invoice's XML is
    read first and its printed PDF (same ETTN) is found as that invoice, not a new one."""
    return (str(path.parent), path.stem, path.suffix.lower() != ".xml", path.name)


#: Suffixes of the files docpipe reads: a folder named like this is refused, not entered.
DOCUMENT_SUFFIXES = frozenset(".pdf .png .jpg .jpeg .tif .tiff .webp .heic .heif .xml .zip".split())


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under ``folder`` (sorted) but the folders it descends into.

    Folders named like documents and links to folders are yielded, not entered.
    """
    for child in sorted(folder.iterdir(), key=_xml_first):
        if (
            child.is_dir()
            and not child.is_symlink()
            and child.suffix.lower() not in DOCUMENT_SUFFIXES
        ):
            yield from _walk(child)
        else:
            yield child


def _skipped(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return True
    return relative.name.lower().endswith(SIDECAR_SUFFIXES)
