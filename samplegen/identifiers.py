"""Random but checksum-valid Turkish identifiers: TCKN, VKN, TR IBAN, ETTN, MERSİS.

The check digits are computed here from the published algorithms; the tests
confirm them with python-stdnum (``stdnum.tr.tckimlik``, ``stdnum.tr.vkn``,
``stdnum.iban``).
"""

from __future__ import annotations

import random
import uuid

# Real participant codes of Turkish banks (public EFT codes); accounts are random.
BANKS: tuple[tuple[str, str], ...] = (
    ("00010", "T.C. Ziraat Bankası A.Ş."),
    ("00012", "Türkiye Halk Bankası A.Ş."),
    ("00015", "Türkiye Vakıflar Bankası T.A.O."),
    ("00046", "Akbank T.A.Ş."),
    ("00062", "Türkiye Garanti Bankası A.Ş."),
    ("00064", "Türkiye İş Bankası A.Ş."),
    ("00067", "Yapı ve Kredi Bankası A.Ş."),
    ("00111", "QNB Bank A.Ş."),
    ("00134", "Denizbank A.Ş."),
    ("00205", "Kuveyt Türk Katılım Bankası A.Ş."),
)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def tckn_check_digits(first9: str) -> str:
    """The 10th and 11th digits of a T.C. kimlik numarası."""
    d = [int(c) for c in first9]
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    eleventh = (sum(d) + tenth) % 10
    return f"{tenth}{eleventh}"


def random_tckn(rng: random.Random) -> str:
    """An 11-digit T.C. kimlik numarası with valid check digits (first digit not 0)."""
    first9 = str(rng.randrange(1, 10)) + _digits(rng, 8)
    return first9 + tckn_check_digits(first9)


def vkn_check_digit(first9: str) -> str:
    """The 10th digit of a vergi kimlik numarası."""
    total = 0
    for position, char in enumerate(first9):
        c1 = (int(char) + 9 - position) % 10
        if c1:
            c2 = (c1 * 2 ** (9 - position)) % 9 or 9
            total += c2
    return str((10 - total % 10) % 10)


def random_vkn(rng: random.Random) -> str:
    """A 10-digit vergi kimlik numarası with a valid check digit."""
    first9 = _digits(rng, 9)
    return first9 + vkn_check_digit(first9)


def iban_check_digits(country: str, bban: str) -> str:
    """ISO 13616 mod-97 check digits."""
    rearranged = bban + country + "00"
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def random_tr_iban(rng: random.Random) -> tuple[str, str]:
    """A compact TR IBAN (TR + 24 digits) and the name of its bank."""
    code, bank = rng.choice(BANKS)
    bban = code + "0" + _digits(rng, 16)
    return "TR" + iban_check_digits("TR", bban) + bban, bank


def format_iban(iban: str) -> str:
    """Groups of four: TR12 0006 2000 …"""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def random_ettn(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng`` (e-Fatura / e-Arşiv ETTN)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def random_mersis(rng: random.Random) -> str:
    """A 16-digit MERSİS number: 0 + VKN-like 10 digits + 000 + 2-digit suffix (no checksum)."""
    return "0" + random_vkn(rng) + "000" + f"{rng.randrange(1, 100):02d}"
