"""The pipeline's redaction step: a result and its document in, what may be stored out.

Input: a validated ``Result`` (validation runs on the original values, so a
masked TCKN never sends a record to review) and the read ``Document``.
Output (``Protected``):

- the result with every personal field replaced according to the strategy
  for its entity type (``Result.redactions`` lists the paths), free-text
  fields and evidence ``source_text`` redacted too;
- the document's text, redacted (what ``document_texts`` stores, for
  ``unknown`` documents as well);
- the originals of personal fields sealed for the vault (bound to the
  document's sha256 and the field path);
- keyed hashes (HMAC) of every T.C. kimlik no found, for ``docpipe subject``.

Special categories (KVKK Art. 6) found in the text are replaced and never
sealed unless ``store_special_categories`` is on. One recognizer pass per
document: values found in the page text are then found by value in the
evidence and free-text fields. Nothing here logs a value.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from typing import Any

from docpipe.document import Document, Evidence, Page
from docpipe.errors import ConfigError
from docpipe.families import IDENTITY, INVOICE, family_of
from docpipe.redact.analyzer import find_pii
from docpipe.redact.document_ids import document_ids, without_ids
from docpipe.redact.locate import boxes_for, page_text
from docpipe.redact.policy import (
    SPECIAL,
    free_text_paths,
    get_path,
    personal_as_a_whole,
    personal_fields,
    personal_reads,
    set_path,
    string_leaves,
)
from docpipe.redact.regions import card_regions
from docpipe.redact.spans import KnownValues, resolve
from docpipe.redact.special import special_spans
from docpipe.redact.strategies import Pseudonyms, keyed_hash, mask, tag
from docpipe.redact.vault import Vault, derived_key
from docpipe.result import DROPPED_TEXT, SEALED_TEXT, Protection, Result
from docpipe.settings import DEFAULT_STRATEGIES, Settings

# Presidio logs the context words around each match (document text) at DEBUG.
logging.getLogger("presidio-analyzer").setLevel(logging.INFO)

SPECIAL_TAG = "<ÖZEL-NİTELİKLİ>"
WHOLE_TEXT_ENTITY = "DOCUMENT_TEXT"  # vault entity of a sealed text or evidence quote
KNOWN, SPECIAL_PRIORITY, FOUND = 3.0, 2.0, 1.0


def subject_digest(value: str, key: bytes, kind: str = "tckn") -> str:
    """The subject-index digest of an identifier: HMAC-SHA256 under the derived key."""
    return keyed_hash(value, derived_key(key, "subject-index"), kind)


@dataclass
class _PageOut:
    text: str = ""
    boxes: list[list[float]] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    specials: list[str] = field(default_factory=list)
    sealed: list[tuple[str, str, str]] = field(default_factory=list)
    clear: str = ""  # the text with only special categories replaced


@dataclass
class Protected:
    result: Result
    protection: Protection
    special_categories: list[str] = field(default_factory=list)  # categories only


class Redactor:
    """Applies the settings' redaction policy; one instance per pipeline.

    ``key`` is the vault key: without it nothing can be sealed or hashed, so
    only a redactor for printing (``seal=False``) may go without.
    """

    def __init__(self, settings: Settings, key: bytes | None, *, seal: bool = True) -> None:
        if seal and key is None:
            raise ConfigError("redaction needs the vault key to seal originals")
        self.settings = settings
        self.strategies = settings.redact_strategies
        self._key = key
        self._seal = seal
        self._vault = Vault(key) if key is not None and seal else None
        self._hash_key = derived_key(key, "redact-hash") if key is not None else None
        #: keys the seller ids that tell forms of one invoice apart (``store.identity``)
        self.identity_key = derived_key(key, "invoice-identity") if key is not None else None

    def strategy(self, entity: str) -> str:
        return self.strategies.get(entity, DEFAULT_STRATEGIES.get(entity, "tag"))

    # -- the step --------------------------------------------------------------------------
    def protect(self, result: Result, doc: Document | None) -> Protected:
        names = Pseudonyms()
        record = copy.deepcopy(result.record) if result.record is not None else None
        fields = personal_fields(result.doc_type, record)
        whole = personal_as_a_whole(
            result.doc_type, result.record, (c.name for c in result.failed_checks)
        )
        sha256 = result.sha256 or ""
        vault: list[tuple[str, str, str]] = []
        redactions: dict[str, str] = {}
        known: list[tuple[str, str]] = []
        subjects: list[tuple[str, str]] = []
        for path, entity in fields.items():
            value = get_path(record or {}, path)
            if value is None:
                continue
            text_value = str(value)
            known.append((text_value, entity))
            if entity == "TR_NATIONAL_ID":
                subjects.append(self._subject(text_value, "tckn"))
            elif entity == "TR_TAX_ID":
                subjects.append(self._subject(text_value, "vkn"))
            strategy = self.strategy(entity)
            sealable = entity != SPECIAL or self.settings.store_special_categories
            if (
                self._vault is not None
                and sealable
                and (self.settings.vault_originals or strategy == "vault")
            ):
                token = self._vault.seal(text_value, document=sha256, field=path)
                vault.append((path, entity, token))
            if strategy != "keep":
                set_path(record, path, self._replace(text_value, entity, names))  # type: ignore[arg-type]
                redactions[path] = strategy
        # every value an engine read into a personal field, kept or not (deny by default)
        known += personal_reads(result.doc_type, result.record, result.read_values)

        text: str | None = None
        boxes: dict[int, list[list[float]]] = {}
        found_values: list[tuple[str, str]] = []
        specials: list[str] = []
        known_matcher = KnownValues(known)
        ids = document_ids(result.doc_type, result.record)  # the invoice number is not personal
        lines = family_of(result.doc_type) is INVOICE  # invoice rows, not sentences
        if doc is not None and doc.pages:
            pages, clear_pages = [], []
            for page in doc.pages:
                page_out = self._redact_page(page, known_matcher, ids, names, sha256, lines=lines)
                if result.doc_type is None or result.doc_type in IDENTITY.doc_types:
                    page_out.boxes += card_regions(*page_text(page))  # MRZ band, signature
                pages.append(page_out.text)
                clear_pages.append(page_out.clear)
                if page_out.boxes:
                    boxes[page.number] = page_out.boxes
                found_values += page_out.found
                specials += page_out.specials
                vault += page_out.sealed
            text = "\f".join(pages)
            if whole:  # personal as a whole: the text (less special categories) sealed
                text = self._whole_text("\f".join(clear_pages), "text", sha256, vault)
            subjects += [self._subject(v, "tckn") for v, e in found_values if e == "TR_NATIONAL_ID"]
        values = known_matcher.extended(found_values)  # = KnownValues(known + found_values)
        if record is not None:
            for path in free_text_paths(result.doc_type, record):
                original = get_path(record, path)
                redacted = self._redact_known(original, values, names, lines=lines)
                if redacted != original:
                    set_path(record, path, redacted)
                    redactions[path] = "text"
            specials += self._drop_special_fields(result.doc_type, record, redactions)
        # evidence quotes the pages: special categories only where the pages had any
        special = bool(specials) or doc is None
        if whole:
            evidence = {
                path: self._whole_evidence(path, ev, sha256, vault)
                for path, ev in result.evidence.items()
            }
        else:
            done: dict[str, str] = {}  # fields read from one line quote it alike
            evidence = {
                path: self._redact_evidence(ev, values, names, special, lines, done)
                for path, ev in result.evidence.items()
            }
        redacted_result = result.model_copy(
            update={
                "record": record,
                "evidence": evidence,
                "redactions": redactions,
                "read_values": [],
            }
        )
        categories = sorted(set(specials))
        protection = Protection(
            text=text,
            text_redacted=True,
            boxes=boxes,
            vault=vault,
            subjects=list(dict.fromkeys(subjects)),
            special_categories=categories,
        )
        return Protected(redacted_result, protection, categories)

    def _whole_text(
        self, clear: str, name: str, sha256: str, vault: list[tuple[str, str, str]]
    ) -> str:
        """What is stored for the text of a document personal as a whole: a placeholder,
        the text itself sealed in the vault (``personal_text = "sealed"``) or nowhere."""
        if self.settings.personal_text == "sealed" and self._vault is not None:
            vault.append(
                (name, WHOLE_TEXT_ENTITY, self._vault.seal(clear, document=sha256, field=name))
            )
            return SEALED_TEXT
        return DROPPED_TEXT

    def _whole_evidence(
        self, path: str, evidence: Evidence, sha256: str, vault: list[tuple[str, str, str]]
    ) -> Evidence:
        """Evidence of a document personal as a whole: where (page, box), never what."""
        source = evidence.source_text
        if not source:
            return evidence
        if self.settings.personal_text == "sealed" and self._vault is not None:
            if not self.settings.store_special_categories:
                source = self._redact_known(source, KnownValues([]), Pseudonyms())
            name = f"evidence.{path}"
            vault.append(
                (name, WHOLE_TEXT_ENTITY, self._vault.seal(source, document=sha256, field=name))
            )
        return evidence.model_copy(update={"source_text": None})

    def _drop_special_fields(
        self, doc_type: str | None, record: dict[str, Any], redactions: dict[str, str]
    ) -> list[str]:
        """Special categories in any text field of the record (a clause heading, a line
        item) replaced; returns their categories (the flag)."""
        found: list[str] = []
        for path, value in string_leaves(doc_type, record):
            spans = special_spans(value, lines=True)
            if not spans:
                continue
            found += [s.category for s in spans]
            out, last = [], 0
            for span in spans:
                out += [value[last : span.start], SPECIAL_TAG]
                last = span.end
            set_path(record, path, "".join([*out, value[last:]]))
            redactions.setdefault(path, "text")
        return found

    # -- pieces ----------------------------------------------------------------------------
    def _subject(self, value: str, kind: str) -> tuple[str, str]:
        if self._key is None:
            return ("", kind)
        return (subject_digest(value, self._key, kind), kind)

    def _replace(self, value: str, entity: str, names: Pseudonyms) -> str:
        strategy = self.strategy(entity)
        if entity == SPECIAL:
            return SPECIAL_TAG
        if strategy == "keep":
            return value
        if strategy == "mask":
            return mask(value, entity)
        if strategy == "pseudonym":
            return names(value, entity)
        if strategy == "hash" and self._hash_key is not None:
            return f"<{tag(entity)[1:-1]}#{keyed_hash(value, self._hash_key, entity)[:12]}>"
        return tag(entity)  # tag, vault (the original is sealed), or hash without a key

    def _redact_page(
        self,
        page: Page,
        known: KnownValues,
        ids: KnownValues,
        names: Pseudonyms,
        sha256: str,
        *,
        lines: bool,
    ) -> _PageOut:
        text, words = page_text(page)
        found = [(r.start, r.end, r.entity_type) for r in find_pii(text)]
        spans: list[tuple[int, int, str, float]] = [
            (s, e, ent, FOUND) for s, e, ent in without_ids(text, found, ids)
        ]
        spans += [(s, e, ent, KNOWN) for s, e, ent in known.spans(text)]
        special = special_spans(text, lines=lines)
        spans += [(s.start, s.end, SPECIAL, SPECIAL_PRIORITY) for s in special]
        kept = [
            (s, e, ent)
            for s, e, ent in resolve(spans)
            if ent == SPECIAL or self.strategy(ent) != "keep"
        ]
        out = _PageOut(specials=[s.category for s in special])
        out.found = [(text[s:e], ent) for s, e, ent in kept if ent != SPECIAL]
        if self.settings.store_special_categories and self._vault is not None:
            for i, s in enumerate(special):
                name = f"special.{s.category}.{page.number}.{i}"
                token = self._vault.seal(text[s.start : s.end], document=sha256, field=name)
                out.sealed.append((name, SPECIAL, token))
        parts, last = [], 0
        for start, end, entity in kept:
            parts.append(text[last:start])
            parts.append(self._replace(text[start:end], entity, names))
            last = end
            out.boxes += [[round(v, 2) for v in box] for box in boxes_for(words, start, end)]
        parts.append(text[last:])
        out.text = "".join(parts)
        clear, last = [], 0  # the text less special categories: what a sealed text holds
        for span in [] if self.settings.store_special_categories else special:
            clear += [text[last : span.start], SPECIAL_TAG]
            last = span.end
        out.clear = "".join([*clear, text[last:]])
        return out

    def _redact_known(
        self,
        text: Any,
        values: KnownValues,
        names: Pseudonyms,
        *,
        special: bool = True,
        lines: bool = False,
    ) -> Any:
        """``text`` with the known values (and special categories) replaced."""
        if not isinstance(text, str) or not text:
            return text
        spans = [(s, e, ent, KNOWN) for s, e, ent in values.spans(text)]
        if special:
            spans += [
                (s.start, s.end, SPECIAL, SPECIAL_PRIORITY)
                for s in special_spans(text, lines=lines)
            ]
        out, last = [], 0
        for start, end, entity in resolve(spans):
            if self.strategy(entity) == "keep" and entity != SPECIAL:
                continue
            out.append(text[last:start])
            out.append(self._replace(text[start:end], entity, names))
            last = end
        out.append(text[last:])
        return "".join(out)

    def _redact_evidence(
        self,
        evidence: Evidence,
        values: KnownValues,
        names: Pseudonyms,
        special: bool,
        lines: bool,
        done: dict[str, str],
    ) -> Evidence:
        """The evidence with its quote redacted; ``done`` holds the quotes redacted so far
        for this document (the same quote gives the same text: pseudonyms are numbered
        on first sight)."""
        source = evidence.source_text
        if not isinstance(source, str) or not source:
            return evidence
        redacted = done.get(source)
        if redacted is None:
            redacted = self._redact_known(source, values, names, special=special, lines=lines)
            done[source] = redacted
        if redacted == source:
            return evidence
        return evidence.model_copy(update={"source_text": redacted[:2000]})


__all__ = ["Protected", "Redactor", "derived_key", "subject_digest"]
