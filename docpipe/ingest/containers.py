"""GİB / integrator ZIP packages: members unpacked under limits, grouped by invoice.

Input: the bytes of a ZIP. Output: its members in processing order, each XML
invoice first and the renditions of the same invoice (``X.pdf`` / ``X.html``
beside ``X.xml``) marked as such, so that each invoice is processed once.
Failure: one-line ``InputError``s, before anything is unpacked where the
central directory already tells (count, declared sizes, ratio, names), and
while unpacking where a member lies about its size.

Limits (``Settings``): ``zip_max_members``, ``zip_max_bytes`` (all members
unpacked), ``max_file_bytes`` (one member) and ``zip_max_ratio`` (uncompressed /
compressed, ZIP bombs). Names must stay inside the archive: absolute paths,
drive letters and ``..`` components are refused (path traversal). Members are
never written to disk; nothing here logs a member's name or content.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from docpipe.errors import CorruptFileError, EncryptedFileError, TooLargeError, UnsafeFileError
from docpipe.settings import Settings

_CHUNK = 1 << 16
_SKIPPED_PREFIXES = ("__MACOSX/",)
_XML_SUFFIXES = (".xml",)


@dataclass(frozen=True)
class Member:
    name: str  # safe relative POSIX path inside the archive
    data: bytes
    rendition_of: str | None = None  # name of the XML member this file prints, if any

    @property
    def stem(self) -> str:
        path = PurePosixPath(self.name)
        return str(path.with_suffix("")).casefold()


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def safe_name(name: str) -> str:
    """The member name when it stays inside the archive, else ``UnsafeFileError``."""
    unified = name.replace("\\", "/")
    path = PurePosixPath(unified)
    if (
        unified.startswith("/")
        or (len(unified) > 1 and unified[1] == ":")
        or any(part == ".." for part in path.parts)
        or "\x00" in unified
    ):
        raise UnsafeFileError(
            "the ZIP has a member whose path leaves the archive ('../' or an absolute path); "
            "refused (path traversal)"
        )
    return str(path)


def _check_directory(infos: list[zipfile.ZipInfo], settings: Settings) -> None:
    if len(infos) > settings.zip_max_members:
        raise TooLargeError(
            f"the ZIP has {len(infos)} members, more than zip_max_members="
            f"{settings.zip_max_members}; split it or raise DOCPIPE_ZIP_MAX_MEMBERS"
        )
    total = 0
    for info in infos:
        safe_name(info.filename)
        if info.flag_bits & 0x1:
            raise EncryptedFileError(
                "the ZIP is password-protected; unpack it and submit the files"
            )
        _check_ratio(info.file_size, info.compress_size, settings)
        if info.file_size > settings.max_file_bytes:
            raise TooLargeError(
                f"a ZIP member unpacks to {info.file_size} bytes, more than max_file_bytes="
                f"{settings.max_file_bytes}; refused"
            )
        total += info.file_size
        if total > settings.zip_max_bytes:
            raise TooLargeError(
                f"the ZIP unpacks to more than zip_max_bytes={settings.zip_max_bytes} bytes; "
                "split it or raise DOCPIPE_ZIP_MAX_BYTES"
            )


def _check_ratio(size: int, compressed: int, settings: Settings) -> None:
    if size > 1024 * 1024 and size > settings.zip_max_ratio * max(compressed, 1):
        raise UnsafeFileError(
            f"a ZIP member is compressed more than zip_max_ratio={settings.zip_max_ratio} "
            "times (a ZIP bomb); refused"
        )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, settings: Settings) -> bytes:
    """The member's bytes, stopping as soon as it outgrows what its header declared."""
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            if len(out) > info.file_size:
                raise UnsafeFileError(
                    "a ZIP member unpacks to more than its header declares (a ZIP bomb); refused"
                )
    _check_ratio(len(out), info.compress_size, settings)
    return bytes(out)


def unpack_zip(data: bytes, settings: Settings) -> list[Member]:
    """Members of a ZIP in processing order (see module docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise CorruptFileError(
            "the ZIP archive is damaged; ask the sender for a new copy"
        ) from None
    with archive:
        infos = [
            i
            for i in archive.infolist()
            if not i.is_dir() and not i.filename.startswith(_SKIPPED_PREFIXES)
        ]
        _check_directory(infos, settings)
        try:
            members = [Member(safe_name(i.filename), _read(archive, i, settings)) for i in infos]
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise CorruptFileError(
                "a ZIP member is damaged or uses an unsupported compression; "
                "ask the sender for a new copy"
            ) from None
    return pair_renditions(members)


def pair_renditions(members: list[Member]) -> list[Member]:
    """XML members first; a non-XML member with an XML twin's stem becomes its rendition."""
    xml_by_stem = {m.stem: m.name for m in members if m.name.lower().endswith(_XML_SUFFIXES)}
    xml = [m for m in members if m.name.lower().endswith(_XML_SUFFIXES)]
    rest = [
        Member(m.name, m.data, rendition_of=xml_by_stem.get(m.stem))
        for m in members
        if not m.name.lower().endswith(_XML_SUFFIXES)
    ]
    return xml + rest
