"""``regex_heads``: what every match of a pattern starts with, or None when it cannot tell."""

from __future__ import annotations

import re

import pytest

from docpipe.redact import special
from docpipe.text.regex_heads import heads, may_match


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bfatura (no|tarihi)\b", {"fatura "}),
        (r"\be-?fatura\b", {"e"}),
        (r"^\bp<[a-z]{3}", {"p<"}),
        (r"(?<![\w+-])(?:0|a|b|ab)\s?rh", {"0", "a", "b"}),  # "ab" holds "a": tested once
        (r"\b(?:saglik|heyet)\s+rapor\w*|hasta\w*", {"saglik", "heyet", "hasta"}),
        (r"(?=x)xy", {"xy"}),
        (r"(?i)fatura", None),  # case-insensitive: literals match either case
        (r"(?i:mah)\.", None),
        (r"[ab]c", None),
        (r"(?:a|)b", None),  # an empty alternative: no head
        (r"x*y", None),
        (r"", None),
    ],
)
def test_heads(pattern: str, expected: set[str] | None) -> None:
    found = heads(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


def test_may_match() -> None:
    assert may_match(None, "anything")
    assert may_match(frozenset({"tani", "tedavi"}), "tedavisi sürüyor")
    assert not may_match(frozenset({"tani", "tedavi"}), "mal hizmet toplam")


TEXTS = [
    "Dini: İslam  Kan Grubu: A Rh+  Tip 2 diyabet tanısı; tedavisi sürüyor.",
    "Adli sicil kaydı yoktur. Sendikaya üye değildir. Siyasi görüşü: -",
    "Müslüman, 0 Rh negatif, parmak izi alındı, etnik köken: -, cinsel yönelim",
    "ELEKTRONİK FATURA Mal Hizmet Toplam Tutarı 1.250,00 TL KDV %20",
    "DİNİ / RELIGION  İSLAM\nBLOOD GROUP: AB Rh(-)\nhastalık raporu ektedir",
]


@pytest.mark.parametrize("text", TEXTS)
def test_special_categories_are_found_as_without_the_gate(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate changes nothing found: every scan run anyway gives the same spans."""
    gated = special.find_special_categories(text)
    ungated = tuple((p, c, None) for p, c, _ in special._KEYWORD_HEADS)
    monkeypatch.setattr(special, "_KEYWORD_HEADS", ungated)
    monkeypatch.setattr(special, "_RELIGION_HEADS", None)
    monkeypatch.setattr(special, "_BLOOD_HEADS", None)
    assert special.find_special_categories(text) == gated
