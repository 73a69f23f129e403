"""UBL-TR XML (e-Fatura / e-Arşiv) read safely into an lxml tree.

Input: bytes that sniffed as XML (a file, a ZIP member, a PDF attachment).
Output: a ``UblDocument`` holding the parsed ``Invoice`` root and its embedded
print design (XSLT), never run here. Failure: one-line ``InputError``s.

An XML file is hostile until parsed: the checks run in this order.

1. size (``ubl_max_bytes``) before any parsing;
2. defusedxml (expat) refuses any DTD, entity declaration or external
   reference, so XXE and billion-laughs never reach a parser that would
   expand them;
3. lxml parses with entities unresolved, no DTD loading, no network and
   libxml2's default limits (no ``huge_tree``);
4. the tree is walked once: XInclude elements are refused (lxml never
   processes them unless asked, but a document that carries them is not an
   invoice), and element depth is bounded by ``ubl_max_depth``;
5. the root must be a UBL 2.x ``Invoice``; other UBL documents (e-İrsaliye,
   application responses) are named in the message.

Messages never quote document content.
"""

from __future__ import annotations

import base64
import binascii

import defusedxml.ElementTree as defused
from defusedxml import DefusedXmlException
from lxml import etree

from docpipe.document import UblDocument
from docpipe.errors import CorruptFileError, TooLargeError, UnsafeFileError, UnsupportedFormatError
from docpipe.settings import Settings

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
XINCLUDE_NS = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_UBL_ROOT_PREFIX = "urn:oasis:names:specification:ubl:schema:xsd:"
_OTHER_UBL = {
    "DespatchAdvice": "an e-İrsaliye (UBL DespatchAdvice)",
    "ReceiptAdvice": "an e-İrsaliye yanıtı (UBL ReceiptAdvice)",
    "ApplicationResponse": "an application response (UBL ApplicationResponse)",
    "CreditNote": "a UBL CreditNote",
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse_xml(data: bytes, settings: Settings, what: str = "the XML") -> etree._Element:
    """Any XML, parsed under the rules above (also used for embedded XSLT)."""
    if len(data) > settings.ubl_max_bytes:
        raise TooLargeError(
            f"{what} is {len(data)} bytes, more than ubl_max_bytes={settings.ubl_max_bytes}; "
            "raise DOCPIPE_UBL_MAX_BYTES to accept it"
        )
    try:
        defused.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        kind = type(exc).__name__.replace("Forbidden", "").lower()
        raise UnsafeFileError(
            f"{what} declares a DTD or entities ({kind}): refused, e-Fatura XML never needs "
            "them (XXE / entity-expansion protection)"
        ) from None
    except defused.ParseError:
        raise CorruptFileError(
            f"{what} is not well-formed XML; ask the sender for a new copy"
        ) from None
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        raise CorruptFileError(
            f"{what} is not well-formed XML; ask the sender for a new copy"
        ) from None
    _check_tree(root, settings, what)
    return root


def _check_tree(root: etree._Element, settings: Settings, what: str) -> None:
    depth_of = {root: 1}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.startswith("{") and el.tag[1:].split("}", 1)[0] in XINCLUDE_NS:
            raise UnsafeFileError(
                f"{what} contains XInclude elements: refused, e-Fatura XML never includes files"
            )
        parent = el.getparent()
        depth = depth_of[parent] + 1 if parent is not None else 1
        if depth > settings.ubl_max_depth:
            raise UnsafeFileError(
                f"{what} nests elements more than ubl_max_depth={settings.ubl_max_depth} deep; "
                "refused"
            )
        depth_of[el] = depth


def looks_like_ubl_invoice(root: etree._Element) -> bool:
    return root.tag == f"{{{NS['inv']}}}Invoice"


def parse_ubl(data: bytes, settings: Settings, what: str = "the XML") -> UblDocument:
    """A UBL-TR ``Invoice`` from bytes, or an ``InputError`` saying what the XML is."""
    root = parse_xml(data, settings, what)
    if not looks_like_ubl_invoice(root):
        local = etree.QName(root).localname
        if etree.QName(root).namespace and etree.QName(root).namespace.startswith(_UBL_ROOT_PREFIX):
            name = _OTHER_UBL.get(local, f"a UBL {local}")
            raise UnsupportedFormatError(f"{what} is {name}; docpipe reads UBL-TR invoices")
        raise UnsupportedFormatError(
            f"{what} is XML but not a UBL-TR invoice (root element {local!r}); "
            "docpipe reads e-Fatura/e-Arşiv UBL-TR XML"
        )
    xslt, name = embedded_xslt(root)
    return UblDocument(root=root, xslt=xslt, xslt_name=name)


def embedded_xslt(root: etree._Element) -> tuple[bytes | None, str | None]:
    """The print design an integrator embedded (``DocumentType`` XSLT or a .xslt file)."""
    for ref in root.iterfind("cac:AdditionalDocumentReference", NS):
        blob = ref.find("cac:Attachment/cbc:EmbeddedDocumentBinaryObject", NS)
        if blob is None or not (blob.text or "").strip():
            continue
        filename = blob.get("filename") or ""
        kind = (ref.findtext("cbc:DocumentType", "", NS) or "").strip().upper()
        if kind != "XSLT" and not filename.lower().endswith((".xslt", ".xsl")):
            continue
        try:
            return base64.b64decode(blob.text, validate=False), filename or None
        except (binascii.Error, ValueError):
            return None, None
    return None, None
