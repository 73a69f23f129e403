"""Recognizers for Turkish personal data: pattern, context, and a checksum where one exists.

One recognizer per entity type (STYLE 17). Identifier checks use the same
python-stdnum functions as ``docpipe.validate``. Base scores are low for bare
patterns; a valid checksum raises them to near-certain, and Presidio's context
enhancer raises them when a context word ("VKN", "Tel", "Doğum") is near.
None of these ever touches the network: e-mail validation does not use
tldextract (which downloads the public suffix list on first use).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    TrLicensePlateRecognizer,
    TrNationalIdRecognizer,
)
from stdnum import iban as stdnum_iban
from stdnum.tr import vkn

from docpipe.redact.gazetteer import is_given_name, is_surname
from docpipe.redact.nlp import LANGUAGE
from docpipe.text.dates import find_dates
from docpipe.text.turkish import fold, fold_chars


class TrTaxIdRecognizer(PatternRecognizer):
    """VKN: ten digits with the GİB check digit; "VKN", "Vergi No" nearby raise the score."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_TAX_ID",
            patterns=[Pattern("TR_TAX_ID", r"(?<![\d.,])\d{10}(?![\d.,])", 0.05)],
            context=["vkn", "vergi", "vergi no", "vergi kimlik", "v.k.n", "tax"],
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


class TrPhoneRecognizer(PatternRecognizer):
    """Turkish phone numbers as people write them: +90/0 prefixes, groups, parentheses.

    A bare run of ten digits is not a phone number here (it is far more often
    a VKN); it only becomes one with a "Tel"/"GSM" context word nearby.
    """

    def __init__(self) -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=[
                Pattern(
                    "TR_PHONE_PREFIXED",
                    r"(?<![\w+])(?:\+90|0090|0)\s?\(?[2-5]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}\b",
                    0.6,
                ),
                Pattern(
                    "TR_PHONE_GROUPED",
                    r"(?<![\w+])\(?[2-5]\d{2}\)?[\s.-]\d{3}[\s.-]?\d{2}[\s.-]?\d{2}\b",
                    0.45,
                ),
                Pattern("TR_MOBILE_BARE", r"(?<![\d.,])5\d{9}(?![\d.,])", 0.1),
            ],
            context=["tel", "telefon", "gsm", "cep", "fax", "faks", "phone", "mobil"],
            supported_language=LANGUAGE,
        )


class OfflineEmailRecognizer(PatternRecognizer):
    """E-mail addresses by pattern alone (no public-suffix download)."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=[
                Pattern(
                    "EMAIL",
                    r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}\b",
                    0.8,
                )
            ],
            context=["e-posta", "eposta", "email", "e-mail", "mail"],
            supported_language=LANGUAGE,
        )


class TrMersisRecognizer(PatternRecognizer):
    """MERSİS number: 16 digits (no published checksum), near "MERSİS"."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_MERSIS",
            patterns=[Pattern("TR_MERSIS", r"(?<![\d.,])0\d{15}(?![\d.,])", 0.3)],
            context=["mersis"],
            supported_language=LANGUAGE,
        )


class TrIdentityDocumentNumberRecognizer(PatternRecognizer):
    """Serial numbers of T.C. Kimlik Kartı (A12B34567), nüfus cüzdanı (A01 123456), passports."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="TR_ID_DOCUMENT_NUMBER",
            patterns=[
                Pattern("TR_ID_CARD_SERIAL", r"\b[A-Z]\d{2}[A-Z]\d{5}\b", 0.4),
                Pattern("TR_CUZDAN_SERIAL", r"\b[A-Z]\d{2}\s?\d{6}\b", 0.2),
                Pattern("TR_PASSPORT", r"\b[A-Z]\s?\d{8}\b", 0.2),
            ],
            context=["seri", "seri no", "belge no", "document no", "pasaport", "passport"],
            supported_language=LANGUAGE,
        )


_ADDRESS = re.compile(
    r"(?:[A-ZÇĞİÖŞÜ][\w'’.-]*\s+){1,4}(?:Mahallesi|Mah\.|Mh\.)"  # mahalle
    r"(?:[\s,]+[\w'’.-]+){0,12}?"  # street, building
    r"[\s,]+(?:No|NO|Numara)\s*[:.]?\s*\d+[\w/-]*"  # door number
    r"(?:[\s,]+(?:D|Daire|Kat|K)\s*[:.]?\s*\d+)*"  # flat, floor
    r"(?:[\s,]+\d{5})?"  # postcode
    r"(?:[\s,]+[A-ZÇĞİÖŞÜ][\wçğıöşüÇĞİÖŞÜ]*\s*/\s*[A-ZÇĞİÖŞÜ][\wçğıöşüÇĞİÖŞÜ]*)?",  # ilçe/il
    re.UNICODE,
)


class TrAddressRecognizer(EntityRecognizer):
    """Street addresses: a mahalle, its street and door number, up to ilçe/il."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["TR_ADDRESS"], supported_language=LANGUAGE)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            RecognizerResult("TR_ADDRESS", m.start(), m.end(), 0.9) for m in _ADDRESS.finditer(text)
        ]


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
            window = folded[max(0, start - 40) : start]
            if _BIRTH_CONTEXT.search(window):
                results.append(RecognizerResult("DATE_OF_BIRTH", start, end, 0.85))
        return results


_NAME_CONTEXT = tuple(fold(w) for w in (
    "sayın", "adı", "soyadı", "ad soyad", "adı soyadı", "kiracı", "kiraya veren", "alıcı",
    "işçi", "çalışan", "vekil", "müvekkil", "imza", "given names", "surname", "name",
    "anne adı", "baba adı", "unvan",
))  # fmt: skip
# words that look like names by their capital letter but are labels or address parts
_NOT_NAMES = frozenset(
    fold(w)
    for w in (
        "sayın adı soyadı ad soyad kimlik no numarası vergi dairesi tarihi doğum adres adresi "
        "mahallesi mah mh sokak sok sk caddesi cad cd bulvarı blv bul apt kat daire fatura tel "
        "telefon iban plaka mersis t c tc vkn tckn e posta banka şube il ilçe türkiye cumhuriyeti "
        "kartı identity card nüfus cüzdanı pasaport passport kiracı kiraya veren alıcı satıcı "
        "şirketi şti ltd a ş san tic ve limited anonim sayfa toplam tutar kdv"
    ).split()
)
_TOKEN = re.compile(r"[A-ZÇĞİÖŞÜ][a-zçğıöşüâîû]+|[A-ZÇĞİÖŞÜ]{2,}")


class TrPersonNameRecognizer(EntityRecognizer):
    """Person names: two to four capitalised words holding a known given name or surname,
    or right after a context word such as "Sayın" or "Adı Soyadı"."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        tokens = [
            (m.group(0), m.start(), m.end())
            for m in _TOKEN.finditer(text)
            if fold(m.group(0)) not in _NOT_NAMES
        ]
        i = 0
        while i < len(tokens):
            run = [tokens[i]]
            while i + len(run) < len(tokens) and len(run) < 4:
                nxt = tokens[i + len(run)]
                if text[run[-1][2] : nxt[1]] not in (" ", "  "):
                    break
                run.append(nxt)
            score = _name_score(text, run)
            if score:
                results.append(RecognizerResult("PERSON", run[0][1], run[-1][2], score))
                i += len(run)
            else:
                i += 1
        return results


def _name_score(text: str, run: list[tuple[str, int, int]]) -> float:
    if len(run) < 2:
        return 0.0
    given = any(is_given_name(t) for t, _, _ in run[:-1])
    surname = is_surname(run[-1][0])
    before = fold(text[max(0, run[0][1] - 16) : run[0][1]]).strip(" :.-")
    context = any(before.endswith(c) for c in _NAME_CONTEXT)
    if given and surname:
        score = 0.85
    elif given or surname:
        score = 0.6
    elif context:
        score = 0.5
    else:
        return 0.0
    return min(1.0, score + 0.15) if context else score


def turkish_recognizers() -> list[EntityRecognizer]:
    """Every recognizer docpipe registers, built the same way."""
    return [
        TrNationalIdRecognizer(),
        TrTaxIdRecognizer(),
        TrIbanRecognizer(),
        CreditCardRecognizer(supported_language=LANGUAGE),
        TrPhoneRecognizer(),
        OfflineEmailRecognizer(),
        TrLicensePlateRecognizer(),
        TrMersisRecognizer(),
        TrIdentityDocumentNumberRecognizer(),
        TrAddressRecognizer(),
        TrDateOfBirthRecognizer(),
        TrPersonNameRecognizer(),
    ]
