"""KVKK Art. 6 special categories in text: religion, blood group, health, biometrics.

These are never stored, not even in the vault, unless the operator turns
``store_special_categories`` on. Detection is by the labels that print them
(old nüfus cüzdanı "Dini", "Kan Grubu", medical report wording) and by the
values themselves (blood groups, religions as printed on old ID cards).
Returns spans only; never logs the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docpipe.text.turkish import fold_chars

_LABELLED = re.compile(
    r"\b(din[i]?|dini|religion|kan grubu|blood group|kan gr\.?)\s*[:/]?\s*"
    r"(?P<value>[^\n:]{1,30}?)(?=\s{2,}|\n|$|\s+[a-z]+\s*:)",
    re.I,
)
_BLOOD = re.compile(
    r"(?<![\w])(0|a|b|ab)\s?(rh)?\s?[+-](?![\w])|\b(0|a|b|ab)\s?rh\s?(pozitif|negatif)\b"
)
_RELIGIONS = re.compile(r"\b(islam|hristiyan|musevi|yahudi|ateist|budist|ezidi|alevi|sunni)\b")
_HEALTH = re.compile(
    r"\b(tani|teshis|hastalik|engellilik|engel orani|saglik raporu|recete|ilac|tedavi|"
    r"ameliyat|psikiyatri|hamile|gebelik|hiv|kanser|diyabet)\w*"
)


@dataclass(frozen=True)
class SpecialSpan:
    start: int
    end: int
    category: str  # religion, blood_group, health


def find_special_categories(text: str) -> list[SpecialSpan]:
    folded = fold_chars(text)
    spans: list[SpecialSpan] = []
    for m in _LABELLED.finditer(folded):
        label = m.group(1)
        category = "blood_group" if "kan" in label or "blood" in label else "religion"
        spans.append(SpecialSpan(m.start("value"), m.end("value"), category))
    for m in _BLOOD.finditer(folded):
        spans.append(SpecialSpan(m.start(), m.end(), "blood_group"))
    for m in _RELIGIONS.finditer(folded):
        spans.append(SpecialSpan(m.start(), m.end(), "religion"))
    for m in _HEALTH.finditer(folded):
        spans.append(SpecialSpan(m.start(), m.end(), "health"))
    return sorted(set(spans), key=lambda s: (s.start, s.end))
