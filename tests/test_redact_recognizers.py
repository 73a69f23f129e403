"""Turkish PII recognizers: one table per entity (offline proof: test_no_network.py)."""

from __future__ import annotations

import re

import pytest

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
        ("(VKN: 4540536920, SGK Sicil No: 12)", "TR_TAX_ID", "4540536920"),
        ("Troy kartı 9792 8487 3331 1380 ile", "CREDIT_CARD", "9792 8487 3331 1380"),
        ("Çağrı merkezi: 0850 724 07 24", "PHONE_NUMBER", "0850 724 07 24"),
        ("Bize 444 0 752 numarasından ulaşın", "PHONE_NUMBER", "444 0 752"),
        ("Alıcı GSM: 0 555 640 1298", "PHONE_NUMBER", "0 555 640 1298"),
        ("Plaka: 16 ADK 09", "TR_LICENSE_PLATE", "16 ADK 09"),
        ("B Aracı: 41 R 2280, sürücü", "TR_LICENSE_PLATE", "41 R 2280"),
        ("E-posta: elif.golcuk yandex.com", "EMAIL_ADDRESS", "elif.golcuk yandex.com"),
        ("Pasaport No / Passport No\nTUR 270444936", "TR_ID_DOCUMENT_NUMBER", "270444936"),
        ("Date of birth: 30 MAR 1989", "DATE_OF_BIRTH", "30 MAR 1989"),
        (
            "Adres: Barbaros Bulvarı No:145 Kat:6 34349 Beşiktaş/İstanbul",
            "TR_ADDRESS",
            "Barbaros Bulvarı No:145 Kat:6 34349 Beşiktaş/İstanbul",
        ),
        (
            "Kiralanan: Güzelyalı Mah. 8213/1 Sok. No: 15 D: 2 Karşıyaka/İzmir",
            "TR_ADDRESS",
            "Güzelyalı Mah. 8213/1 Sok. No: 15 D: 2 Karşıyaka/İzmir",
        ),
        (
            "SAYIN\nAYŞEGÜL ÖZBEK\nMavişehir Mah. Cahar Dudayev Bulvarı No: 77",
            "PERSON",
            "AYŞEGÜL ÖZBEK",
        ),
        ("Soyadı / Surname\nKOCABIYIK", "PERSON", "KOCABIYIK"),
        ("Müvekkilimiz Gülsüm Tatar adına", "PERSON", "Gülsüm Tatar"),
        (
            "Katılanlar: Tarık Bozdağ, Şule Akyıldız ve Oğuzhan Demirtaş.",
            "PERSON",
            "Oğuzhan Demirtaş",
        ),
        ("Merhaba Kaan Bey,", "PERSON", "Kaan Bey"),
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
        ("Hidrolik yağ 155,75 Lt 124,00", "TR_LICENSE_PLATE"),
        ("Yufka 15 Paket 54,50 TL 16,35 TL", "TR_LICENSE_PLATE"),
        ("Veriliş Tarihi / Date of issue: 11 OCA 2022", "TR_LICENSE_PLATE"),
        ("Web Sitesi: https://www.ornek.com.tr", "TR_ADDRESS"),
        ("Vergi Dairesi: HASAN TAHSİN VKN: 7897865910", "PERSON"),
        ("Mustafa Kemal Mahallesi Dumlupınar Bulvarı No: 266", "PERSON"),
        ("Deniz Akış Gıda Sanayi ve Ticaret Limited Şirketi", "PERSON"),
        ("Onaylayan: Gülşen Karataş, Mali İşler Müdürü", "TR_ADDRESS"),
        ("Doğum Yeri İSTANBUL", "TR_ADDRESS"),
        ("Sipariş No: 10000000147 Tutar: 1.234.567,89 TL", "TR_NATIONAL_ID"),
    ],
)
def test_does_not_recognize(text: str, entity: str) -> None:
    assert entity not in {e for e, _ in found(text)}


def test_only_the_birth_date_is_a_birth_date() -> None:
    text = "Doğum tarihi: 01.01.1949\nYatış tarihi: 03.03.2025 Çıkış tarihi: 09.03.2025"
    assert [v for e, v in found(text) if e == "DATE_OF_BIRTH"] == ["01.01.1949"]


def test_a_job_title_is_not_a_second_name() -> None:
    text = "Onaylayan: Gülşen Karataş, Mali İşler Müdürü"
    assert [v for e, v in found(text) if e == "PERSON"] == ["Gülşen Karataş"]


CONTEXT_TEXTS = [
    "Sayın Ahmet Yılmaz\nT.C. Kimlik No: 10000000146\nTel: 0532 123 45 67",
    "VKN: 1234567890 Vergi Dairesi: Kadıköy\nIBAN: TR33 0006 1005 1978 6457 8413 26",
    "Müşteri: Ayşe Kaya, kimlik numarası 10000000146, telefon +90 212 555 12 34.",
    "Plaka 34 ABC 123; doğum tarihi 01.02.1985; e-posta ayse@example.com",
    "1234567890 5321234567 10000000146 TR330006100519786457841326",  # no context words
]


def _dev_texts() -> list[str]:
    """The PII benchmark's development texts (the set the recognizers are tuned on)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "pii_testset" / "dev.txt"
    texts, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            texts.append("\n".join(current))
            current = []
        elif current or not line.startswith("#"):
            current.append(re.sub(r"\[\[[A-Z]+\|(.+?)\]\]", r"\1", line))
    return [t for t in [*texts, "\n".join(current)] if t.strip()]


def test_analyzer_scores_like_presidios_own_artifacts_and_enhancer() -> None:
    """docpipe's analyzer (artifacts made on first read, keywords kept per lemma, stop
    and punctuation flags asked of spaCy's flag functions, a context enhancer with
    lookups and no deep copy) gives what Presidio's own ``NlpArtifacts`` and
    ``LemmaContextAwareEnhancer`` give, over the PII development texts: a Presidio or
    spaCy upgrade that changes either fails here."""
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
    from spacy.tokens import Doc

    from docpipe.redact.analyzer import analyzer
    from docpipe.redact.nlp import LANGUAGE
    from docpipe.text.turkish import lower_tr

    class PresidiosArtifacts(SpacyNlpEngine):
        """Presidio's artifacts built at once, stop words from ``vocab[word]``; docpipe's
        lemma (the lower-cased word)."""

        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:tr"}])

        def load(self) -> None:
            self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}

        def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
            return NlpArtifacts(
                entities=[],
                tokens=doc,
                tokens_indices=[token.idx for token in doc],
                lemmas=[lower_tr(token.text) for token in doc],
                nlp_engine=self,
                language=language,
            )

    ours = analyzer()
    reference_nlp = PresidiosArtifacts()
    reference_nlp.load()
    presidio = AnalyzerEngine(
        nlp_engine=reference_nlp, registry=ours.registry, supported_languages=[LANGUAGE]
    )

    def found(engine: AnalyzerEngine, text: str) -> list[tuple[str, int, int, float]]:
        results = engine.analyze(text=text, language=LANGUAGE)
        return sorted((r.entity_type, r.start, r.end, round(r.score, 9)) for r in results)

    texts = [*CONTEXT_TEXTS, *_dev_texts()]
    assert len(texts) > 20
    for text in texts:
        assert found(ours, text) == found(presidio, text)
    keywords = reference_nlp.process_text(texts[-1], LANGUAGE).keywords
    assert keywords == ours.nlp_engine.process_text(texts[-1], LANGUAGE).keywords
    for text in texts:  # the same tokens from a vocabulary that works out no word attributes
        theirs = reference_nlp.process_text(text, LANGUAGE)
        mine = ours.nlp_engine.process_text(text, LANGUAGE)
        assert (mine.tokens_indices, mine.lemmas) == (theirs.tokens_indices, theirs.lemmas)


@pytest.mark.parametrize("text", CONTEXT_TEXTS)
def test_indexed_context_enhancer_scores_like_presidios(text: str) -> None:
    """docpipe's context enhancer (lookups instead of walks) gives Presidio's scores."""
    from presidio_analyzer import AnalyzerEngine

    from docpipe.redact.analyzer import analyzer
    from docpipe.redact.nlp import LANGUAGE

    ours = analyzer()
    presidio = AnalyzerEngine(
        nlp_engine=ours.nlp_engine, registry=ours.registry, supported_languages=[LANGUAGE]
    )

    def found(engine: AnalyzerEngine) -> list[tuple[str, int, int, float]]:
        results = engine.analyze(text=text, language=LANGUAGE)
        return sorted((r.entity_type, r.start, r.end, round(r.score, 9)) for r in results)

    assert found(ours)
    assert found(ours) == found(presidio)
