"""ICAO 9303 machine-readable zones: check digits and field layout (TD1, TD3).

``check_digit`` is the 7-3-1 weighted sum modulo 10 over ``0-9`` (their
value), ``A-Z`` (10-35) and ``<`` (0). ``parse_mrz`` splits the lines into
fields and verifies every check digit; it never raises on bad input and
never logs values. TD1 (ID cards: 3 × 30) and TD3 (passports: 2 × 44).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

_WEIGHTS = (7, 3, 1)


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError("not an MRZ character")


def check_digit(data: str) -> str:
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10)


@dataclass
class Mrz:
    """Fields of a parsed MRZ. ``checks`` maps check name -> passed."""

    format: str  # "TD1" or "TD3"
    document_code: str
    issuing_state: str
    document_number: str
    birth_date: str  # YYMMDD as printed
    sex: str
    expiry_date: str
    nationality: str
    surname: str
    given_names: str
    optional: str  # TD1: optional data 1 (+2); TD3: personal number
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())

    @property
    def tckn(self) -> str | None:
        """The Turkish identity number in the optional data (11 digits), if any."""
        digits = self.optional.replace("<", "")
        return digits if len(digits) == 11 and digits.isdigit() else None

    def birth(self) -> date | None:
        return yymmdd(self.birth_date, future=False)

    def expiry(self) -> date | None:
        return yymmdd(self.expiry_date, future=True)


def yymmdd(text: str, *, future: bool) -> date | None:
    """A date from YYMMDD: birth dates lie in the past, expiry dates up to 50 years ahead."""
    if len(text) != 6 or not text.isdigit():
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    today = date.today()
    century = 2000 if (yy <= today.year % 100 + (50 if future else 0)) else 1900
    if not future and 2000 + yy > today.year:
        century = 1900
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def _names(text: str) -> tuple[str, str]:
    surname, _, given = text.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _digit_ok(data: str, digit: str) -> bool:
    try:
        return check_digit(data) == digit
    except ValueError:
        return False


def parse_mrz(lines: list[str]) -> Mrz | None:
    """TD1 (3 lines of 30) or TD3 (2 lines of 44); None for any other shape."""
    if len(lines) == 3 and all(len(ln) == 30 for ln in lines):
        return _td1(*lines)
    if len(lines) == 2 and all(len(ln) == 44 for ln in lines):
        return _td3(*lines)
    return None


def _td1(l1: str, l2: str, l3: str) -> Mrz:
    number, optional1 = l1[5:14], l1[15:30]
    if l1[14] == "<" and optional1.strip("<"):  # long document number continues in optional data
        pass
    surname, given = _names(l3)
    checks = {
        "document_number": _digit_ok(number, l1[14]),
        "birth_date": _digit_ok(l2[0:6], l2[6]),
        "expiry_date": _digit_ok(l2[8:14], l2[14]),
        "composite": _digit_ok(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]),
    }
    return Mrz(
        format="TD1",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=number.replace("<", ""),
        birth_date=l2[0:6],
        sex=l2[7],
        expiry_date=l2[8:14],
        nationality=l2[15:18].replace("<", ""),
        surname=surname,
        given_names=given,
        optional=(optional1 + l2[18:29]).strip("<"),
        checks=checks,
    )


def _td3(l1: str, l2: str) -> Mrz:
    surname, given = _names(l1[5:44])
    personal = l2[28:42]
    checks = {
        "document_number": _digit_ok(l2[0:9], l2[9]),
        "birth_date": _digit_ok(l2[13:19], l2[19]),
        "expiry_date": _digit_ok(l2[21:27], l2[27]),
        "personal_number": _digit_ok(personal, l2[42]) or (personal == "<" * 14 and l2[42] in "<0"),
        "composite": _digit_ok(l2[0:10] + l2[13:20] + l2[21:43], l2[43]),
    }
    return Mrz(
        format="TD3",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=l2[0:9].replace("<", ""),
        birth_date=l2[13:19],
        sex=l2[20],
        expiry_date=l2[21:27],
        nationality=l2[10:13].replace("<", ""),
        surname=surname,
        given_names=given,
        optional=personal.strip("<"),
        checks=checks,
    )


__all__ = ["Mrz", "check_digit", "parse_mrz", "yymmdd"]
