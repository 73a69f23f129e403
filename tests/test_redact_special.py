"""Special categories (KVKK Art. 6): found wherever they are printed, and only there."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from docpipe.redact.special import find_special_categories

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        ("Dini: İslam", "religion", "İslam"),
        ("DİNİ / RELIGION  İSLAM", "religion", "İSLAM"),
        ("Dini       Hristiyan\nMedeni Hali Evli", "religion", "Hristiyan"),
        ("Müvekkil Süryani Ortodoks cemaatine mensuptur.", "religion", "Süryani"),
        ("Kan Grubu: A Rh+", "blood_group", "A Rh+"),
        ("Kan grubu 0 Rh negatif", "blood_group", "0 Rh negatif"),
        ("KAN GRUBU: AB Rh(-)", "blood_group", "AB Rh(-)"),
        ("Blood group: B+", "blood_group", "B+"),
        ("Hastanın kan grubu B Rh pozitif olarak kaydedildi", "blood_group", "B Rh pozitif"),
        ("Sağlık raporu ektedir; tanı: diyabet", "health", "diyabet"),
        ("Sağlık raporu ektedir; tanı: diyabet", "health", "Sağlık raporu"),
        ("Engellilik oranı %40", "health", "Engellilik oranı"),
        ("İşçinin %60 engelli olduğu bilinmektedir.", "health", "engelli"),
        ("Çalışan 12.03.2025'te ameliyat oldu, istirahat raporu verildi.", "health", "ameliyat"),
        ("Kendisi hamile olduğundan gece vardiyasına verilmeyecektir.", "health", "hamile"),
        ("Hasta depresyon tanısıyla tedavi görmektedir.", "health", "tanısıyla"),
        ("Personel girişleri parmak izi ile yapılır.", "biometric", "parmak izi"),
        ("Başvuruya adli sicil kaydı eklenmelidir.", "criminal", "adli sicil"),
        ("İşçinin sendika üyeliği bulunmaktadır.", "union_or_association", "sendika üyeliği"),
    ],
)
def test_special_categories(text: str, category: str, value: str) -> None:
    spans = find_special_categories(text)
    assert any(s.category == category and text[s.start : s.end].strip() == value for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "Fatura No: A12 Toplam 1.234,56",
        "KDV %20 Birim Adet",
        "Buzdolabı, A++ enerji sınıfı, 2 adet",  # an energy class, not a blood group
        "Haşere ilaçlama hizmeti (aylık)",  # pest control, not medicine
        "Ürün tanıtım videosu ve tanık ifadesi; tanımlar madde 1'de",  # not "tanı"
        "Dini bayram nedeniyle kargo teslimatları gecikebilir.",  # "dini" as an adjective
        "İslam Yılmaz, Satış Müdürü",  # a given name, not a faith
        "Blok B-2, Daire 0-1, 2023/0-5 sayılı dosya",
        "Sağlık Bakanlığı'na bağlı kurumlara teslimat yapılır.",
    ],
)
def test_ordinary_text_has_none(text: str) -> None:
    assert find_special_categories(text) == []


def test_invoice_samples_have_no_special_categories() -> None:
    pdfs = sorted((SAMPLES / "invoices").glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        with pymupdf.open(pdf) as doc:
            text = "\n".join(page.get_text() for page in doc)
        assert find_special_categories(text) == [], pdf.name
