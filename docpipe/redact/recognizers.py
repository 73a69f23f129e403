"""Recognizers for Turkish personal data: pattern, context, and a checksum where one exists.

One recognizer per entity type (STYLE 17). Identifier checks use the same
python-stdnum functions as ``docpipe.validate``. Base scores are low for bare
patterns; a valid checksum raises them to near-certain, and Presidio's context
enhancer raises them when a context word ("VKN", "Tel", "Doğum") is near.
Addresses and person names have their own modules (``address``, ``person``).
None of these ever touches the network: e-mail validation does not use
tldextract (which downloads the public suffix list on first use), and neither
Presidio's ``EmailRecognizer`` nor its ``UrlRecognizer`` is registered.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, TrNationalIdRecognizer
from stdnum import iban as stdnum_iban
from stdnum.tr import vkn

from docpipe.redact.address import TrAddressRecognizer
from docpipe.redact.nlp import LANGUAGE
from docpipe.redact.person import TrPersonNameRecognizer
from docpipe.text.dates import find_dates
from docpipe.text.turkish import fold_chars

# a number stands alone: no digit, and no "1.234"/"12,5" continuation, on either side
_ALONE_L = r"(?<!\d)(?<!\d[.,])"
_ALONE_R = r"(?!\d)(?![.,]\d)"


class TrTaxIdRecognizer(PatternRecognizer):
    """VKN: ten digits with the GİB check digit; "VKN", "Vergi No" nearby raise the score."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_TAX_ID",
            patterns=[Pattern("TR_TAX_ID", rf"{_ALONE_L}\d{{10}}{_ALONE_R}", 0.05)],
            context=["vkn", "vergi", "vergi no", "vergi kimlik", "v.k.n", "tax", "vd", "v.d"],
            supported_language=LANGUAGE,
        )

    def validate_result(self, pattern_text: str) -> bool:
        return vkn.is_valid(pattern_text)


class TrIbanRecognizer(PatternRecognizer):
    """Turkish IBAN, grouped or not, with its ISO 7064 check digits."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="IBAN_CODE",
            patterns=[Pattern("TR_IBAN", r"\bTR\s?\d{2}(?:\s?\d{4}){5}\s?\d{2}\b", 0.5)],
            context=["iban", "hesap", "banka"],
            supported_language=LANGUAGE,
        )

    def validate_result(self, pattern_text: str) -> bool:
        return stdnum_iban.is_valid(pattern_text.replace(" ", ""))


class TrCreditCardRecognizer(CreditCardRecognizer):
    """Presidio's Luhn-checked card recognizer, plus Troy cards (9792…) and Turkish context."""

    def __init__(self) -> None:
        super().__init__(
            patterns=[
                *CreditCardRecognizer.PATTERNS,
                Pattern("TROY", r"\b9792(?:[- ]?\d{4}){3}\b", 0.3),
            ],
            context="kart kredi kartı banka card visa mastercard troy amex".split(),
            supported_language=LANGUAGE,
        )


_SEP = r"[ .-]?"


class TrPhoneRecognizer(PatternRecognizer):
    """Turkish phone numbers as people write them: +90/0 prefixes, groups, parentheses.

    Area codes 2xx-4xx, mobiles 5xx, 8xx service numbers (0850, 0800) and the
    444 call-centre numbers. A bare run of ten digits is not a phone number here
    (it is far more often a VKN); it only becomes one with a "Tel"/"GSM" word near.
    """

    def __init__(self) -> None:
        rest = rf"\d{{3}}{_SEP}(?:\d{{2}}{_SEP}\d{{2}}|\d{{4}})(?!\d)"
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=[
                Pattern(
                    "TR_PHONE_PREFIXED",
                    rf"(?<![\w+])(?:\+90|0090|0)[ .]?\(?[2-58]\d{{2}}\)?{_SEP}{rest}",
                    0.6,
                ),
                Pattern("TR_PHONE_GROUPED", rf"(?<![\w+])\(?[2-5]\d{{2}}\)?[ .-]{rest}", 0.45),
                Pattern("TR_CALL_CENTRE", r"(?<![\w.,])444[ .-]?\d[ .-]?\d{3}(?![\w.,])", 0.45),
                Pattern("TR_MOBILE_BARE", rf"{_ALONE_L}5\d{{9}}{_ALONE_R}", 0.1),
            ],
            context="tel telefon gsm cep fax faks phone mobil arayın numarası numaralı".split(),
            supported_language=LANGUAGE,
        )


class OfflineEmailRecognizer(PatternRecognizer):
    """E-mail addresses by pattern alone (no public-suffix download).

    OCR sometimes drops the "@" ("ayse.kaya yandex.com"); after an e-mail label
    such a pair still counts, at a score that needs the label to pass.
    """

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=[
                Pattern("EMAIL", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}\b", 0.8),
                Pattern(
                    "EMAIL_OCR_NO_AT",
                    r"(?<=[:\s])[\w.+-]*[a-z][\w.+-]* [a-z][\w-]*\.(?:[a-z]{2,6}\.)?[a-z]{2,6}\b",
                    0.1,
                ),
            ],
            context=["e-posta", "eposta", "posta", "email", "e-mail", "mail"],
            supported_language=LANGUAGE,
        )


class TrMersisRecognizer(PatternRecognizer):
    """MERSİS number: 16 digits (no published checksum), near "MERSİS"."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_MERSIS",
            patterns=[Pattern("TR_MERSIS", rf"{_ALONE_L}0\d{{15}}{_ALONE_R}", 0.3)],
            context=["mersis"],
            supported_language=LANGUAGE,
        )


class TrLicensePlateRecognizer(PatternRecognizer):
    """Turkish plates: province code 01-81, then 1 letter + 4-5 digits, 2 letters + 3-4
    digits or 3 letters + 2-3 digits (the official scheme), upper case.

    Presidio's own Turkish plate recognizer accepts any number-letters-number
    triple, which on invoices reads "54 Lt 121" or "30 MAR 1989" as plates.
    Units and currencies ("TL", "KG", "KDV") are not plate letters here.
    """

    _CODE = r"(?:0[1-9]|[1-7]\d|8[01])"
    _L = "[ABCDEFGHIJKLMNOPRSTUVYZ]"

    def __init__(self) -> None:
        c, L = self._CODE, self._L
        body = rf"(?:{L}[ ]?\d{{4,5}}|{L}{{2}}[ ]?\d{{3,4}}|{L}{{3}}[ ]?\d{{2,3}})"
        super().__init__(
            supported_entity="TR_LICENSE_PLATE",
            patterns=[
                Pattern("TR_PLATE", rf"(?<![\w/])(?<!\d[.,]){c}[ ]?{body}(?![\w/])(?![.,]\d)", 0.5)
            ],
            context=["plaka", "plakası", "plakalı", "araç", "aracın"],
            supported_language=LANGUAGE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        letters = re.sub(r"[^A-Z]", "", pattern_text)
        return False if letters in _NOT_PLATE_LETTERS else None


_NOT_PLATE_LETTERS = frozenset(
    "TL KG LT KDV ADT AD M CM MM KM GB MB TB MP GR KR NO EUR USD TRY".split()
)


class TrIdentityDocumentNumberRecognizer(PatternRecognizer):
    """Serial numbers of T.C. Kimlik Kartı (A12B34567), nüfus cüzdanı (A01 123456), passports.

    A passport number that OCR read as nine digits (its letter as a digit) counts
    only next to "Pasaport"/"Passport".
    """

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_ID_DOCUMENT_NUMBER",
            patterns=[
                Pattern("TR_ID_CARD_SERIAL", r"\b[A-Z]\d{2}[A-Z]\d{5}\b", 0.4),
                Pattern("TR_CUZDAN_SERIAL", r"\b[A-Z]\d{2}\s?\d{6}\b", 0.2),
                Pattern("TR_PASSPORT", r"\b[A-Z]\s?\d{8}\b", 0.2),
                Pattern("TR_PASSPORT_OCR", rf"{_ALONE_L}\d{{9}}{_ALONE_R}", 0.1),
            ],
            context=["seri", "seri no", "belge no", "document no", "pasaport", "passport"],
            supported_language=LANGUAGE,
        )


_BIRTH_CONTEXT = re.compile(r"(dogum|d\.\s?tarihi|date of birth|birth)", re.I)


class TrDateOfBirthRecognizer(EntityRecognizer):
    """Dates written near "Doğum Tarihi" / "Date of birth" (any Turkish date format)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_OF_BIRTH"], supported_language=LANGUAGE)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        folded = fold_chars(text)
        for _, start, end in find_dates(text):
            after = folded[end : end + 12]
            if _birth_label_before(folded, start) or after.lstrip().startswith("dogumlu"):
                results.append(RecognizerResult("DATE_OF_BIRTH", start, end, 0.85))
        return results


def _birth_label_before(folded: str, start: int) -> bool:
    """A birth label is the nearest label before the date: "Doğum tarihi: 01.01.1949
    Yatış tarihi: 03.03.2025" makes only the first date a birth date."""
    window = folded[max(0, start - 48) : start]
    matches = list(_BIRTH_CONTEXT.finditer(window))
    if not matches:
        return False
    rest = _BIRTH_LABEL_TAIL.sub("", window[matches[-1].end() :], count=1)
    return not _OTHER_DATE_LABEL.search(rest)


_BIRTH_LABEL_TAIL = re.compile(r"^\s*(tarihi|tarih|date|yili|yeri ve tarihi)?")
_OTHER_DATE_LABEL = re.compile(r"tarih|date|\d")


def turkish_recognizers() -> list[EntityRecognizer]:
    """Every recognizer docpipe registers, built the same way."""
    return [
        TrNationalIdRecognizer(),
        TrTaxIdRecognizer(),
        TrIbanRecognizer(),
        TrCreditCardRecognizer(),
        TrPhoneRecognizer(),
        OfflineEmailRecognizer(),
        TrLicensePlateRecognizer(),
        TrMersisRecognizer(),
        TrIdentityDocumentNumberRecognizer(),
        TrAddressRecognizer(),
        TrDateOfBirthRecognizer(),
        TrPersonNameRecognizer(),
    ]
