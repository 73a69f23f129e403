"""Special categories (KVKK Art. 6): found wherever they are printed."""

from __future__ import annotations

import pytest

from docpipe.redact.special import find_special_categories


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        ("Dini: İslam", "religion", "İslam"),
        ("DİNİ / RELIGION  İSLAM", "religion", "İSLAM"),
        ("Kan Grubu: A Rh+", "blood_group", "A Rh+"),
        ("Kan grubu 0 Rh negatif", "blood_group", "0 Rh negatif"),
        ("Sağlık raporu ektedir; tanı: diyabet", "health", "diyabet"),
        ("Engellilik oranı %40", "health", "Engellilik"),
    ],
)
def test_special_categories(text: str, category: str, value: str) -> None:
    spans = find_special_categories(text)
    assert any(s.category == category and text[s.start : s.end].strip() == value for s in spans)


@pytest.mark.parametrize("text", ["Fatura No: A12 Toplam 1.234,56", "KDV %20 Birim Adet"])
def test_ordinary_text_has_none(text: str) -> None:
    assert find_special_categories(text) == []
