"""Turkish PII recognizers: one table per entity, and proof that analysis stays offline."""

from __future__ import annotations

import socket

import pytest

from docpipe.redact import analyzer as analyzer_module
from docpipe.redact import find_pii


def found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start : r.end]) for r in find_pii(text)]


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("T.C. Kimlik No: 10000000146", "TR_NATIONAL_ID", "10000000146"),
        ("TCKN 72870548876 olan kişi", "TR_NATIONAL_ID", "72870548876"),
        ("VKN: 4540536920", "TR_TAX_ID", "4540536920"),
        ("Vergi No 6494995401 Kadıköy", "TR_TAX_ID", "6494995401"),
        ("IBAN: TR33 0006 1005 1978 6457 8413 26", "IBAN_CODE", "TR33 0006 1005 1978 6457 8413 26"),
        ("IBAN TR330006100519786457841326", "IBAN_CODE", "TR330006100519786457841326"),
        ("Tel: 0532 123 45 67", "PHONE_NUMBER", "0532 123 45 67"),
        ("GSM +90 (532) 123-45-67", "PHONE_NUMBER", "+90 (532) 123-45-67"),
        ("Telefon: (312) 278-6195", "PHONE_NUMBER", "(312) 278-6195"),
        ("E-posta: ayse.yilmaz@ornek.com.tr", "EMAIL_ADDRESS", "ayse.yilmaz@ornek.com.tr"),
        ("Kart: 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
        ("Araç plakası 34 ABC 123", "TR_LICENSE_PLATE", "34 ABC 123"),
        ("MERSİS No: 0454053692000015", "TR_MERSIS", "0454053692000015"),
        ("Seri No: A12B34567", "TR_ID_DOCUMENT_NUMBER", "A12B34567"),
        ("Doğum Tarihi: 14.03.1985", "DATE_OF_BIRTH", "14.03.1985"),
        ("Doğum tarihi 3 Mart 1990 olan", "DATE_OF_BIRTH", "3 Mart 1990"),
        (
            "Adres: Atatürk Mahallesi Gül Sok. No: 5/3 D:4 Çankaya/ANKARA",
            "TR_ADDRESS",
            "Atatürk Mahallesi Gül Sok. No: 5/3 D:4 Çankaya/ANKARA",
        ),
        ("Sayın Ayşe Yılmaz,", "PERSON", "Ayşe Yılmaz"),
        ("Kiracı: Ferit Tanrıverdioğlu ile", "PERSON", "Ferit Tanrıverdioğlu"),
        ("KİRAYA VEREN MEHMET ALİ KORKMAZ", "PERSON", "MEHMET ALİ KORKMAZ"),
    ],
)
def test_recognizes(text: str, entity: str, value: str) -> None:
    assert (entity, value) in found(text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("T.C. Kimlik No: 10000000147", "TR_NATIONAL_ID"),  # check digit off by one
        ("VKN: 4540536921", "TR_TAX_ID"),
        ("IBAN: TR33 0006 1005 1978 6457 8413 27", "IBAN_CODE"),
        ("VKN: 4540536920", "PHONE_NUMBER"),  # a tax number is not a phone number
        ("Kart: 4111 1111 1111 1112", "CREDIT_CARD"),
        ("Fatura Tarihi: 14.03.2024", "DATE_OF_BIRTH"),  # a date is not a birth date
        ("Kuşçuoğlu Kırtasiye A.Ş. Atatürk Mahallesi", "PERSON"),
        ("Vergi Dairesi Kadıköy", "PERSON"),
    ],
)
def test_does_not_recognize(text: str, entity: str) -> None:
    assert entity not in {e for e, _ in found(text)}


def test_analysis_makes_no_network_call(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    analyzer_module.analyzer.cache_clear()  # build it under the guard too
    text = "Sayın Ayşe Yılmaz e-posta ayse@ornek.com.tr web https://ornek.com.tr Tel 0532 123 45 67"
    assert {e for e, _ in found(text)} >= {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert calls == []
