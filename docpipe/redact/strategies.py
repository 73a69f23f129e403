"""What to put where personal data was: one function per strategy.

- ``mask``: keep what an operator needs to match a value by eye (``10*******46``,
  ``TR33 **** … 26``, ``a***@ornek.com.tr``), hide the rest;
- ``tag``: the entity type in angle brackets (``<TCKN>``);
- ``hash``: a keyed HMAC-SHA256 prefix, the same for the same value under the
  same key (lets a data-subject search find documents without storing the value);
- ``pseudonym``: ``KİŞİ-1``, ``KİŞİ-2`` … consistent within one document.

Written here rather than with presidio-anonymizer because its mask operator only
masks from one end and its hash is not keyed; these four are a few lines each.
Encryption into the vault is ``docpipe.redact.vault``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import Literal

Strategy = Literal["mask", "tag", "hash", "pseudonym"]

TAGS = {
    "TR_NATIONAL_ID": "TCKN",
    "TR_TAX_ID": "VKN",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "KART",
    "PHONE_NUMBER": "TELEFON",
    "EMAIL_ADDRESS": "E-POSTA",
    "TR_LICENSE_PLATE": "PLAKA",
    "TR_MERSIS": "MERSIS",
    "TR_ID_DOCUMENT_NUMBER": "BELGE-NO",
    "TR_ADDRESS": "ADRES",
    "DATE_OF_BIRTH": "DOGUM-TARIHI",
    "PERSON": "KİŞİ",
}


def tag(entity: str) -> str:
    return f"<{TAGS.get(entity, entity)}>"


def mask(value: str, entity: str) -> str:
    """Keep a few characters an operator can match; star out the rest (spaces kept)."""
    if entity == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if entity in ("PERSON",):
        return " ".join(w[:1] + "*" * (len(w) - 1) for w in value.split())
    if entity == "TR_ADDRESS":
        return tag(entity)
    keep_head, keep_tail = {"IBAN_CODE": (4, 2), "CREDIT_CARD": (0, 4)}.get(entity, (2, 2))
    chars = [c for c in value if not c.isspace()]
    visible = len(chars) - keep_head - keep_tail
    if visible <= 0:
        return "*" * len(value)
    out, seen = [], 0
    for c in value:
        if c.isspace():
            out.append(c)
            continue
        out.append(c if seen < keep_head or seen >= len(chars) - keep_tail else "*")
        seen += 1
    return "".join(out)


def normalise(value: str) -> str:
    """The form a value is hashed in: no spaces or separators, Turkish upper case."""
    from docpipe.text.turkish import upper_tr

    return re.sub(r"[\s.\-()/]", "", upper_tr(value))


def keyed_hash(value: str, key: bytes, entity: str = "") -> str:
    """HMAC-SHA256 of the normalised value; the entity type is part of the message."""
    digest = hmac.new(key, f"{entity}:{normalise(value)}".encode(), hashlib.sha256)
    return digest.hexdigest()


@dataclass
class Pseudonyms:
    """Consistent stand-ins within one document: the same value gets the same name."""

    seen: dict[tuple[str, str], str] = field(default_factory=dict)

    def __call__(self, value: str, entity: str) -> str:
        key = (entity, normalise(value))
        if key not in self.seen:
            count = sum(1 for e, _ in self.seen if e == entity) + 1
            self.seen[key] = f"{TAGS.get(entity, entity)}-{count}"
        return self.seen[key]


def replace_spans(text: str, spans: list[tuple[int, int, str]], replacement) -> str:
    """``text`` with each (start, end, entity) span replaced by ``replacement(value, entity)``."""
    out, last = [], 0
    for start, end, entity in sorted(spans):
        if start < last:
            continue  # overlapping spans were resolved upstream; keep the first
        out.append(text[last:start])
        out.append(replacement(text[start:end], entity))
        last = end
    out.append(text[last:])
    return "".join(out)
