"""Identifier checks: the same python-stdnum functions the schemas use for format."""

from __future__ import annotations

import uuid

from stdnum import iban as stdnum_iban
from stdnum.tr import tckimlik, vkn

from docpipe.result import Check


def tckn_check(path: str, value: str) -> Check:
    ok = tckimlik.is_valid(value)
    return Check(
        name="tckn_checksum",
        field=path,
        passed=ok,
        reason="" if ok else "T.C. kimlik no check digits do not match",
    )


def vkn_check(path: str, value: str) -> Check:
    ok = vkn.is_valid(value)
    return Check(
        name="vkn_checksum",
        field=path,
        passed=ok,
        reason="" if ok else "vergi kimlik no check digit does not match",
    )


def iban_check(path: str, value: str) -> Check:
    ok = stdnum_iban.is_valid(value)
    if ok and value.startswith("TR") and len(value) != 26:
        ok = False
    return Check(
        name="iban_checksum",
        field=path,
        passed=ok,
        reason="" if ok else "IBAN check digits or length do not match",
    )


def uuid_check(path: str, value: str) -> Check:
    try:
        uuid.UUID(value)
        ok = len(value) == 36
    except ValueError:
        ok = False
    return Check(
        name="ettn_uuid",
        field=path,
        passed=ok,
        reason="" if ok else "ETTN is not a UUID (8-4-4-4-12 hex digits)",
    )


def party_checks(path: str, party: dict | None, *, required: bool) -> list[Check]:
    """Checksums of a party's identifiers, and that a required party has one."""
    checks: list[Check] = []
    party = party or {}
    if party.get("vkn"):
        checks.append(vkn_check(f"{path}.vkn", party["vkn"]))
    if party.get("tckn"):
        checks.append(tckn_check(f"{path}.tckn", party["tckn"]))
    if required:
        has_id = bool(party.get("vkn") or party.get("tckn"))
        checks.append(
            Check(
                name="party_identifier",
                field=path,
                passed=has_id,
                reason="" if has_id else "no VKN or TCKN found for this party",
            )
        )
    return checks
