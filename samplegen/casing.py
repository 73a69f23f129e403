"""Turkish letter case: dotted/dotless i done right (str.upper() is not)."""

from __future__ import annotations

_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ, ı → I."""
    return text.translate(_UPPER).upper()


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules: I → ı, İ → i."""
    return text.translate(_LOWER).lower()


def tr_capitalize(word: str) -> str:
    """First letter upper, rest unchanged (Turkish rules)."""
    return tr_upper(word[:1]) + word[1:] if word else word
